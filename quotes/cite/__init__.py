"""Cite a stored quote: checked against its article, in a citation style, or as data to import.

- :mod:`.citation`: :func:`cite` gathers a quote with its paragraph and
  source and verifies its offsets against the stored article text;
- :mod:`.csl`: the quote's article as a CSL item, cited in APA, Chicago
  (author-date) or MLA by citeproc-py with the official CSL styles;
- :mod:`.bibtex`: the same item as a BibTeX ``@article``;
- :mod:`.render`: :func:`render` writes citations as text, HTML, Markdown,
  CSL-JSON or BibTeX; :func:`format_citation` is the view of ``quotes show``.

Typical use::

    from quotes.cite import cite, render
    print(render([cite(store, "q-023a6ae65e9b")], style="mla", fmt="markdown"))
"""
from .citation import Citation, cite, cite_many, context_bounds, verify
from .render import FORMATS, STYLES, format_citation, render

__all__ = ["Citation", "FORMATS", "STYLES", "cite", "cite_many", "context_bounds", "format_citation", "render",
           "verify"]
