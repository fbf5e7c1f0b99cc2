"""How the reporter framed a quote: its *stance* and its *kind*.

Stance is read from the words the reporter chose to introduce the quote:

* **neutral** — plain reporting verbs and nouns that take no position on the
  words (``said``, ``told``, ``added``, ``announced``, ``a statement``);
* **endorsing** — verbs that present the words as true or as a confession the
  reporter accepts (``admitted``, ``acknowledged``, ``confirmed``,
  ``conceded``, ``revealed``, ``pointed out``);
* **distancing** — verbs and frames that hold the words at arm's length, as a
  claim the reporter does not vouch for (``claimed``, ``alleged``,
  ``insisted``, ``so-called "..."``, ``what it calls "..."``, ``uses the
  phrase "..."``, ``spun the narrative that "..."``), and scare quotes: a
  word or short phrase quoted without a neutral reporting verb.

Kind says how much of the speaker's words the marks hold:

* **full** — a sentence or more standing on its own (it opens with a capital
  and is set off from the reporter's words by punctuation);
* **partial** — a fragment woven into the reporter's own sentence;
* **term** — a word or short phrase held at a distance, a label rather than a
  statement (``what it calls "resistance groups"``).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp('The group uses the phrase "occupying force" for US troops.')
>>> kind_of(doc, 27, 42), stance_of(doc, None, 27, 42)
('term', 'distancing')
"""
from __future__ import annotations

import re
import weakref

from spacy.tokens import Doc, Span

#: Reporting words that take no position on what was said (lemmas, lowercase).
NEUTRAL_CUES = frozenset(
    """
    say tell add state announce note explain write declare report reply respond
    answer remark comment describe continue ask warn urge pledge vow promise
    call consider designate label dub term quote recall recount testify
    tweet post argue predict suggest stress emphasize emphasise blame accuse
    point to statement announcement remark comment interview briefing
    declaration tweet post release communique message letter according
    """.split()
)

#: Reporting words that present the words as true, or as a concession the
#: reporter accepts.
ENDORSING_CUES = frozenset(
    """
    acknowledge admit concede confirm reveal disclose confess recognize
    recognise point_out demonstrate show prove establish grant allow
    acknowledgment acknowledgement admission confession confirmation revelation
    """.split()
)

#: Reporting words that present the words as a claim the reporter does not
#: vouch for.
DISTANCING_CUES = frozenset(
    """
    claim allege insist purport maintain contend assert profess pretend spin
    boast brag so-called supposedly purportedly allegedly allegation
    assertion insistence
    """.split()
)

#: Frames just before the opening mark that hold the words at a distance,
#: whatever the reporting verb: ``what it calls "..."``, ``so-called "..."``.
DISTANCING_FRAMES = re.compile(
    r"""(?ix)
    (?: \bwhat\s+(?:it|he|she|they|\w+)\s+(?:calls?|called|terms?|termed|describes?\s+as|dubs?|labels?)
      | \bso[-\s]called
      | \bself[-\s](?:styled|described|proclaimed)
      | \b(?:the|a|its|his|her|their)\s+(?:phrase|term|word|expression|label|slogan)
      | \bspun\s+the\s+narrative
      | \bso-?called
      | \bthe\s+narrative\s+that
    )
    [^.!?]{0,60}$
    """
)

OPENING_MARKS = "\"“„‟«'‘‚‛`"
#: A quote of at most this many words can be a *term*.
MAX_TERM_WORDS = 3
#: Verbs that put a label on something: ``considered X a "terrorist organization"``.
LABELLING_VERBS = frozenset("call consider designate label dub term brand describe name deem".split())


_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def _text(doc: Doc) -> str:
    """``doc.text``, joined once per doc (spaCy rebuilds it from the tokens on every access)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def _cue_lemmas(cue: Span | None) -> list[str]:
    """The cue's lemmas, lowercase, with a joined verb+particle form (``point_out``)."""
    if cue is None:
        return []
    lemmas = [t.lemma_.lower() or t.text.lower() for t in cue]
    texts = [t.text.lower() for t in cue]
    joined = ["_".join(lemmas[:2])] if len(lemmas) >= 2 else []
    return joined + lemmas + texts


def _lead_in(doc: Doc, quote_start: int, width: int = 80) -> str:
    """The reporter's text just before the quote's opening mark, on the same line."""
    text = _text(doc)
    begin = quote_start
    while begin > 0 and text[begin - 1] in OPENING_MARKS:
        begin -= 1
    lead = text[max(0, begin - width):begin]
    return lead.rsplit("\n", 1)[-1]


def stance_of(doc: Doc, cue: Span | None, quote_start: int, quote_end: int) -> str:
    """``neutral``, ``endorsing`` or ``distancing``: how the reporter framed the quote.

    A distancing frame right before the quote wins over the cue; then the cue
    decides by lexicon; a term in scare quotes without a neutral cue is distancing.
    """
    if DISTANCING_FRAMES.search(_lead_in(doc, quote_start)):
        return "distancing"
    lemmas = _cue_lemmas(cue)
    for lexicon, stance in ((DISTANCING_CUES, "distancing"), (ENDORSING_CUES, "endorsing")):
        if any(lemma in lexicon for lemma in lemmas):
            return stance
    if any(lemma in NEUTRAL_CUES for lemma in lemmas):
        return "neutral"
    if kind_of(doc, quote_start, quote_end) == "term":
        return "distancing"
    return "neutral"


def _words(text: str) -> list[str]:
    return re.findall(r"\w[\w'’-]*", text)


def _stands_alone(doc: Doc, quote_start: int, quote_end: int) -> bool:
    """Does the quote open with a capital and sit apart from the reporter's words?"""
    inner = _text(doc)[quote_start:quote_end].lstrip(" .…")
    if not inner or not inner[0].isupper():
        return False
    lead = _lead_in(doc, quote_start, width=3).rstrip()
    return lead == "" or lead[-1] in ",:;.!?—–-)"


def _is_labelled(doc: Doc, quote_start: int) -> bool:
    """Is the quote the label of a labelling verb (``considered X a "..."``)?"""
    span = doc.char_span(quote_start, quote_start + 1, alignment_mode="expand")
    if span is None:
        return False
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    lead = doc[max(sent_start, span.start - 6):span.start]
    return any(t.lemma_.lower() in LABELLING_VERBS for t in lead)


def kind_of(doc: Doc, quote_start: int, quote_end: int) -> str:
    """``full``, ``partial`` or ``term``: how much of the speaker's words the marks hold."""
    if _stands_alone(doc, quote_start, quote_end):
        return "full"
    words = _words(_text(doc)[quote_start:quote_end])
    if len(words) <= 1:
        return "term"
    if len(words) <= MAX_TERM_WORDS and (
        DISTANCING_FRAMES.search(_lead_in(doc, quote_start)) or _is_labelled(doc, quote_start)
    ):
        return "term"
    return "partial"
