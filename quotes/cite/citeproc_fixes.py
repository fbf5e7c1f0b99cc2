"""Where citeproc-py 0.11 departs from the CSL specification, and the official APA, Chicago
and MLA styles show it on newspaper articles; each is corrected here.

1. A ``cs:label`` is rendered even when its variable is empty (citeproc-py
   issue #204): Chicago would end every article with a stray "Edition".
   :func:`drop_labels_of_empty_variables` removes, from a loaded style, the
   labels of variables our items never carry.
2. ``initialize="false"`` on a ``cs:name`` is ignored, so MLA and Chicago
   write "Ruiz, A." where they mean "Ruiz, Ana".
   :func:`honour_initialize_false` moves the style-wide ``initialize-with``
   onto the names that do initialize.
3. What ``cs:substitute`` put in the author's place is not suppressed in the
   rest of the entry when it came from a macro or a choice, which is how all
   three styles substitute: an article without a byline would carry its
   title twice ("Title. (n.d.). Title."). :func:`suppress_substituted_variables`
   wraps citeproc-py's substitution so the variables it rendered are
   suppressed afterwards, as the specification says.
4. The locale option ``punctuation-in-quote`` (true for en-US) is not
   applied: “Title”. instead of “Title.”. :func:`punctuation_inside_quotes`
   moves the period or comma in.
5. Not a departure but a cost: every use of a macro looks it up with a new
   XPath search of the whole style, thousands of times per citation (most of
   the time a quote page takes). :func:`look_up_macros_once` keeps each
   style's macros by name.
6. A cost too: the other XPath searches (terms, layouts, parents) and whether
   an element renders a variable (``calls_variable``, a walk of its subtree)
   are worked out again for every element of every citation, 40% of citing
   once macros are kept. Both read only the style, which rendering leaves as
   it is: :func:`remember_style_lookups` keeps their answers per element.

The first two change one loaded style; the third, fifth and sixth wrap methods of
citeproc-py's element classes, once, for every style rendered in this process;
the fourth rewrites rendered text. (One more: citeproc-py sorts a
bibliography by its rendered markup, "*" and "<i>" first; so
:class:`~quotes.cite.csl.StyledCitations` sorts as plain text.)
"""
from __future__ import annotations

import re
from typing import Any

from citeproc import model

CSL_NAMESPACE = "{http://purl.org/net/xbiblio/csl}"
TEXT_TAG = f"{CSL_NAMESPACE}text"
MACRO_TAG = f"{CSL_NAMESPACE}macro"
#: Variables a style may substitute for a missing author, which citeproc-py leaves unsuppressed.
SUBSTITUTED_TEXT_VARIABLES = ("title", "container-title")
# A period or comma after a closing quotation mark, and what the quote itself ends with, if punctuation.
PUNCTUATION_AFTER_QUOTE = re.compile(r"([.,;:!?]?)”([.,])")


def drop_labels_of_empty_variables(root: Any, carried: frozenset[str]) -> None:
    """Remove the ``cs:label`` elements of the variables not in ``carried`` (the ones items may set)."""
    for label in list(root.iter(f"{CSL_NAMESPACE}label")):
        variable = label.get("variable")
        if variable and variable not in carried:
            label.getparent().remove(label)


def honour_initialize_false(root: Any) -> None:
    """Keep full given names where the style says ``initialize="false"``.

    The style-wide ``initialize-with`` moves onto each ``cs:name`` that does
    not say ``initialize="false"`` (itself or on the style) and sets none of its own.
    """
    initialize_with = root.attrib.pop("initialize-with", None)
    if initialize_with is None:
        return
    initialize = root.get("initialize", "true")
    for name in root.iter(f"{CSL_NAMESPACE}name"):
        if name.get("initialize", initialize) != "false" and "initialize-with" not in name.attrib:
            name.set("initialize-with", initialize_with)


def suppress_substituted_variables() -> None:
    """Make ``cs:substitute`` suppress the title or container title it rendered in the author's place.

    After a substitution renders, each of :data:`SUBSTITUTED_TEXT_VARIABLES`
    the item has is tried suppressed: if the substitution then renders
    differently, the variable was part of it and stays suppressed for the rest
    of the entry. Safe to call more than once.
    """
    render = model.Substitute.render
    if getattr(render, "suppresses_substituted_variables", False):
        return

    def render_and_suppress(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        text = render(self, item, context=context, **kwargs)
        if not text:
            return text
        repressed = (context if context is not None else self).get_layout().repressed
        after = {tag: list(variables) for tag, variables in repressed.items()}
        rendered = []
        for variable in SUBSTITUTED_TEXT_VARIABLES:
            if variable.replace("-", "_") not in item.reference:
                continue
            _reset(repressed, after, extra=[variable])
            if str(render(self, item, context=context, **kwargs) or "") != str(text):
                rendered.append(variable)
        _reset(repressed, after, extra=rendered)
        return text

    render_and_suppress.suppresses_substituted_variables = True  # type: ignore[attr-defined]
    model.Substitute.render = render_and_suppress


def look_up_macros_once() -> None:
    """Make ``get_macro`` read a style's macros once, into a table kept on the style's root element.

    The table lives as long as the parsed style does (lxml keeps an element's
    Python attributes while the element is referenced, and the style holds its
    root). Safe to call more than once.
    """
    if getattr(model.CitationStylesElement.get_macro, "looks_up_once", False):
        return

    def get_macro(self: Any, name: str) -> Any:
        root = self.get_root()
        macros = getattr(root, "macros_by_name", None)
        if macros is None:
            macros = {}
            for macro in root.iterchildren(MACRO_TAG):
                macros.setdefault(macro.get("name"), macro)  # the first of a name, as citeproc-py's XPath takes
            root.macros_by_name = macros
        return macros[name]

    get_macro.looks_up_once = True  # type: ignore[attr-defined]
    model.CitationStylesElement.get_macro = get_macro


def remember_style_lookups() -> None:
    """Make ``xpath_search`` and ``calls_variable`` answer once per element (and expression).

    The answers are kept in a table on the element's root, keyed by element:
    the table keeps those elements' Python proxies alive, so each stays the
    same object, for as long as the parsed style (or locale) keeps its root.
    Safe to call more than once.
    """
    if getattr(model.CitationStylesElement.xpath_search, "remembers", False):
        return
    search = model.CitationStylesElement.xpath_search

    def xpath_search(self: Any, expression: str) -> list[Any]:
        found = _remembered(self, ("xpath", expression), lambda: search(self, expression))
        return list(found)  # a copy: the caller may change what it is given

    xpath_search.remembers = True  # type: ignore[attr-defined]
    model.CitationStylesElement.xpath_search = xpath_search
    for element_class in (model.Parent, model.Text):
        calls_variable = element_class.calls_variable

        def remembered_calls_variable(self: Any, calls_variable: Any = calls_variable) -> bool:
            return _remembered(self, ("calls_variable", calls_variable), lambda: calls_variable(self))

        element_class.calls_variable = remembered_calls_variable


def _remembered(element: Any, key: tuple[str, Any], answer: Any) -> Any:
    """``answer()`` for ``element`` and ``key``, worked out once and kept on the element's root."""
    root = element.getroottree().getroot()
    table = getattr(root, "remembered_lookups", None)
    if table is None:
        table = root.remembered_lookups = {}
    if (element, key) not in table:
        table[element, key] = answer()
    return table[element, key]


def _reset(repressed: dict[str, list], state: dict[str, list], extra: list[str]) -> None:
    """Set the layout's suppressed variables to ``state`` plus the text variables ``extra``."""
    repressed.clear()
    repressed.update({tag: list(variables) for tag, variables in state.items()})
    if extra:
        repressed[TEXT_TAG] = repressed.get(TEXT_TAG, []) + extra


def punctuation_inside_quotes(rendered: str) -> str:
    """A period or comma after a closing quotation mark moved inside it, unless the quote ends with its own.

    >>> punctuation_inside_quotes("Ruiz, Ana. “Militia Halts Attacks”. Al-Monitor")
    'Ruiz, Ana. “Militia Halts Attacks.” Al-Monitor'
    >>> punctuation_inside_quotes("“Why Did It Stop?”, Al-Monitor")
    '“Why Did It Stop?” Al-Monitor'
    """
    return PUNCTUATION_AFTER_QUOTE.sub(lambda m: f"{m[1] or m[2]}”", rendered)
