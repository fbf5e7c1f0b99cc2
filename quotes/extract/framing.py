"""How the reporter framed a quote: its *stance* and its *kind*.

Stance is read from the words the reporter chose to bring the quote in:

* **neutral** — plain reporting verbs and nouns that take no position on the
  words (``said``, ``told``, ``added``, ``announced``, ``warned``, ``a
  statement``);
* **endorsing** — verbs that present the words as true, or as a concession
  the reporter accepts (``admitted``, ``acknowledged``, ``confirmed``,
  ``conceded``, ``revealed``, ``pointed out``);
* **distancing** — verbs and frames that hold the words at arm's length, as a
  claim the reporter does not vouch for (``claimed``, ``alleged``,
  ``insisted``, ``so-called "..."``, ``what it calls "..."``, ``uses the
  phrase "..."``, ``spun the narrative that "..."``), and scare quotes: a
  word or short phrase quoted without a known reporting word.

Every reporting word and its stance is listed in :mod:`quotes.lexicon`.

Kind says how much of the speaker's words the marks hold:

* **full** — a sentence or more standing on its own: it opens with a capital
  and is set off from the reporter's words by punctuation, or is a whole
  clause of its own (``He said "We will win."``);
* **partial** — a fragment woven into the reporter's own sentence;
* **term** — a word or short phrase held at a distance, a label rather than a
  statement (``what it calls "resistance groups"``, ``considered it a
  "terrorist organization"``).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp('The group uses the phrase "occupying force" for US troops.')
>>> kind_of(doc, 27, 42), stance_of(doc, None, 27, 42)
('term', 'distancing')
"""
from __future__ import annotations

import re
import weakref

from spacy.tokens import Doc, Span, Token

from ..lexicon import DEFAULT_LEXICON, DISTANCING, NEUTRAL, Lexicon
from .lemmas import lemma_of
from .sentences import sentences_of

#: Frames just before the opening mark that hold the words at a distance,
#: whatever the reporting verb: ``what it calls "..."``, ``so-called "..."``.
DISTANCING_FRAMES = re.compile(
    r"""(?ix)
    (?: \bwhat\s+\w+\s+(?:calls?|called|terms?|termed|describes?\s+as|described\s+as|dubs?|dubbed|labels?|labell?ed)
      | \bso[-\s]?called
      | \bself[-\s](?:styled|described|proclaimed)
      | \b(?:the|a|its|his|her|their)\s+(?:phrase|term|word|expression|label|slogan|catchphrase)
      | \bspun\s+the\s+narrative
      | \bthe\s+narrative\s+that
    )
    [^.!?]{0,60}$
    """
)

OPENING_MARKS = "\"“„‟«'‘‚‛`"
#: Punctuation before an opening mark that sets a quote apart from the reporter's words.
SETTING_OFF = ",:;.!?—–-)"
#: A quote of at most this many words can be a *term*.
MAX_TERM_WORDS = 3
#: ... and of at most this many when a distancing frame announces it (``so-called "..."``).
MAX_FRAMED_TERM_WORDS = 6
#: How many words before the quote a naming verb (``considered X a "terrorist organization"``) may stand.
LABEL_REACH = 6

_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def _text(doc: Doc) -> str:
    """``doc.text``, joined once per doc (spaCy rebuilds it from the tokens on every access)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def _lead_in(doc: Doc, quote_start: int, width: int = 80) -> str:
    """The reporter's text just before the quote's opening mark, on the same line."""
    text = _text(doc)
    begin = quote_start
    while begin > 0 and text[begin - 1] in OPENING_MARKS:
        begin -= 1
    return text[max(0, begin - width):begin].rsplit("\n", 1)[-1]


def _is_framed(doc: Doc, quote_start: int) -> bool:
    """Does a distancing frame (``what it calls``, ``so-called``) lead into the quote?"""
    return DISTANCING_FRAMES.search(_lead_in(doc, quote_start)) is not None


# ---------------------------------------------------------------- stance


def cue_words(cue: Span | None) -> list[str]:
    """The cue's words to look up: its head's lemma first, then verb+particle
    pairs (``point_out``), then every lemma and form.

    >>> import spacy
    >>> cue_words(spacy.blank("en")("pointed out")[0:2])  # no lemmatizer: forms only
    ['pointed', 'pointed_out', 'out']
    """
    if cue is None:
        return []
    lemmas = [lemma_of(token).lower() or token.lower_ for token in cue]
    pairs = [f"{a}_{b}" for a, b in zip(lemmas, lemmas[1:])]
    head = lemma_of(cue.root).lower() or cue.root.lower_
    return list(dict.fromkeys([head, *pairs, *lemmas, *(token.lower_ for token in cue)]))


def stance_of(
    doc: Doc, cue: Span | None, quote_start: int, quote_end: int, lexicon: Lexicon = DEFAULT_LEXICON
) -> str:
    """``neutral``, ``endorsing`` or ``distancing``: how the reporter framed the quote.

    A distancing frame right before the quote wins; then the first cue word
    with a stance in the lexicon decides (:meth:`~quotes.lexicon.Lexicon.stance_of_word`;
    an *unmarked* word such as "blasted" has none); a term in scare quotes
    without such a word is distancing, and anything else neutral.
    """
    if _is_framed(doc, quote_start):
        return DISTANCING
    for word in cue_words(cue):
        stance = lexicon.stance_of_word(word)
        if stance is not None:
            return stance
    if kind_of(doc, quote_start, quote_end, lexicon) == "term":
        return DISTANCING
    return NEUTRAL


# ---------------------------------------------------------------- kind


def kind_of(doc: Doc, quote_start: int, quote_end: int, lexicon: Lexicon = DEFAULT_LEXICON) -> str:
    """``full``, ``partial`` or ``term``: how much of the speaker's words the marks hold."""
    words = _words(_text(doc)[quote_start:quote_end])
    if _is_full(doc, quote_start, quote_end, words):
        return "full"
    if len(words) <= 1:
        return "term"
    if len(words) <= MAX_FRAMED_TERM_WORDS and _is_framed(doc, quote_start):
        return "term"
    if len(words) <= MAX_TERM_WORDS and _is_labelled(doc, quote_start, lexicon):
        return "term"
    return "partial"


def _words(text: str) -> list[str]:
    return re.findall(r"\w[\w'’-]*", text)


def _is_full(doc: Doc, quote_start: int, quote_end: int, words: list[str]) -> bool:
    """Does the quote open with a capital and stand apart: set off by punctuation
    (more than a word or two, or closing a sentence of its own), or as a whole
    clause with a verb of its own that ends its sentence?"""
    inner = _text(doc)[quote_start:quote_end].strip()
    opening = inner.lstrip(" .…'\"“‘")
    if not opening or not opening[0].isupper():
        return False
    lead = _lead_in(doc, quote_start, width=3).rstrip()
    closes_sentence = inner[-1:] in ".!?,"
    if lead == "" or lead[-1] in SETTING_OFF:
        return len(words) > MAX_TERM_WORDS or closes_sentence or _has_verb(doc, quote_start, quote_end)
    return closes_sentence and _has_verb(doc, quote_start, quote_end)


def _has_verb(doc: Doc, quote_start: int, quote_end: int) -> bool:
    span = doc.char_span(quote_start, quote_end, alignment_mode="expand")
    return span is not None and any(token.pos_ in ("VERB", "AUX") for token in span)


def _is_labelled(doc: Doc, quote_start: int, lexicon: Lexicon) -> bool:
    """Is the quote the label a naming verb puts on something
    (``considered X a "..."``, not ``called for a "..."``)?"""
    first = doc.char_span(quote_start, quote_start + 1, alignment_mode="expand")
    if first is None:
        return False
    sent_start = sentences_of(doc).start(first.start)
    lead = doc[max(sent_start, first.start - LABEL_REACH): first.start]
    return any(_labels(token, lexicon) for token in lead)


def _labels(token: Token, lexicon: Lexicon) -> bool:
    if lemma_of(token).lower() not in lexicon.naming_verbs:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.pos_ != "ADP"
