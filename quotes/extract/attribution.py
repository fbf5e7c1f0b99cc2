"""Attribute quotation-mark segments to a cue and a speaker mention, from the parse.

Each segment is tried against these rules, most trusted first; the first that
finds a speaker wins:

1. **label** — a transcript line quoted whole: ``"PENCE: Well, ..."``;
2. **syntax** — walk up the dependency tree from the quote's own tokens to the
   reporting words above it: ``"...," Kirby said``, ``said Kirby``, ``Kirby
   said the plan has "a lot of moving pieces"``, ``according to Kirby``, ``was
   quoted as saying``, ``what it calls "..."``;
3. **dash** — a signature after the quote: ``"..." ― Sonya Herridge``;
4. **frame** — a reporting verb with a speaker in the quote's own sentence or
   the clause right after the closing mark: ``"A," he said, "B."`` when the
   parser hung B elsewhere;
5. **lead-in** — the clause a colon (or a comma before a whole sentence) ends:
   ``Clinton has since apologized: "..."``;
6. **previous sentence** — ``Bystrom agreed. "..."``;
7. **signature line** — a paragraph that is all quote, signed on the next
   line: ``"..."`` then ``- Bernie Sanders.``;
8. **context** — a quote with no cue of its own continues the speaker of the
   quote before it in its paragraph, of the paragraph it continues
   (multi-paragraph quotes), takes the cue of a paragraph ending in a colon,
   or, opening a paragraph, goes on with the thread of the paragraph before:
   the speaker of its last attributed quote, else the person its last
   sentence is about (``Maria Costa has run the bakery for twenty years.``
   then ``"We have never seen prices like this."``); a quote standing alone
   that repeats one of the article's is a pull quote, nobody's;
9. **headline** — a quote in the headline belongs to the headline's subject:
   ``Sanders: Clinton needs to 'get away from all of this'``.

A speaker must be a source (:func:`~quotes.extract.noun_phrases.names_a_source`):
a rule that finds a cue whose "speaker" is a number or a thing ("63
percent", "a box") gives way to the next rule, and if none finds a source
the quote keeps its cue without a speaker. Titles of works, link headlines,
subheads, pull quotes and signs are nobody's words (:mod:`.not_speech`). A
segment no rule attributes is the author's own (a scare quote) and is left
out. Everything is linear in the length of the document: one pass to mark
quoted tokens, sentence bounds read once, then short walks up the tree and
through the neighbouring tokens.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from ..lexicon import DEFAULT_LEXICON, Lexicon
from .lemmas import lemma_of
from .marks import Segment, paragraphs
from .name_words import is_cue_word
from .noun_phrases import is_dateline, mention, names_a_source
from .not_speech import DIRECTION, LINK, NICKNAME, PULL_QUOTE, SIGN, SUBHEAD, TITLE, NotSpeech, Repeats
from .not_speech import is_title_case, link_headline, nickname, on_display, social_plug, stage_direction, subhead
from .not_speech import title_of_work, whole_paragraph
from .referents import article_index
from .sentences import sentences_of

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
SENTENCE_END = re.compile(r"[.?!][\"”’')\]]*\s")
#: A closing mark, a dash and a name ending the paragraph: the quote's signature.
SIGNATURE = re.compile(r"[\"”’']\s*(?P<dash>[―—–]|--?)\s*(?P<name>[A-Z][^\n]{0,80}?)[\s.,]*$", re.M)
#: What nobody says that ends a speaker's thread: a new section, a quote set apart, a link.
THREAD_BREAKS = frozenset((SUBHEAD, PULL_QUOTE, LINK))
#: A transcript turn: a paragraph opening with its speaker's name in capitals and a colon.
TURN_LABEL = re.compile(r"[\"“]?(?P<label>[A-Z][A-Z.'’ -]{1,40}[A-Z.]):\s")
#: A paragraph that is only a dash and a name: the signature of the quote paragraph above it.
SIGNATURE_LINE = re.compile(r"(?P<dash>[―—–]|--?)\s*(?P<name>[A-Z][^\n]{0,80}?)[\s.,]*$")
#: A first line longer than this is no headline.
MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_SPEAKER_TOKENS = 6
#: How many words after an inverted cue ("said ...") the speaker may start.
INVERTED_WINDOW = 6
#: Clauses whose speaker is the subject of the verb they hang from.
CLIMB_DEPS = frozenset("advcl xcomp conj ccomp pcomp prep".split())
#: Links by which a clause is the content of the verb above it ("said [that] ...").
CONTENT_DEPS = frozenset("ccomp xcomp dobj oprd attr conj".split())
#: How far up the tree a quote may sit below its cue ("said the plan has 'X'").
MAX_CLIMB = 6
#: How many clauses up from a cue its subject may be found ("..., saying" to the main clause).
MAX_SUBJECT_CLIMB = 6
#: How many words before a cue without a subject its speaker may be named.
NAME_BEFORE_WINDOW = 30


@dataclass(frozen=True)
class Attribution:
    """Who a segment is attributed to: the ``cue`` and the ``speaker`` mention, as spans."""

    cue: Span | None
    speaker: Span | None
    how: str
    referent: Span | None = None  # whom a relative "who" stands for, to resolve the name

    @property
    def named(self) -> Span | None:
        """The span to resolve the speaker's name from."""
        return self.referent if self.referent is not None else self.speaker


class QuoteMap:
    """The doc with its segments: their token spans, which ones quote nobody by their place
    (titles, nicknames, link headlines, subheads: ``reasons``), which tokens (marks
    included) are quoted speech, and the lexicon whose words are cues.

    A title or a nickname is part of the reporter's sentence ("said on "Fox and
    Friends"", "Marcia "Cia" Price shouted"): its tokens are quoted (none of them is
    a speaker) but not quoted speech (a sentence holding one is still quote-free).
    """

    def __init__(self, doc: Doc, segments: list[Segment], lexicon: Lexicon, text: str | None = None):
        self.doc = doc
        self.lexicon = lexicon
        self.text = doc.text if text is None else text  # spaCy builds it on every access
        self.segments = segments
        self.paragraphs = list(paragraphs(self.text))
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.sentences = sentences_of(doc)
        self._signatures: dict[int, list[re.Match]] = {}
        self.spans = [doc.char_span(s.start, s.end, alignment_mode="expand") for s in segments]
        self.reasons = [
            None if span is None else not_speech(self, index, span) for index, span in enumerate(self.spans)
        ]
        self.segment_of: list[int] = [-1] * len(doc)
        for index, span in enumerate(self.spans):
            if span is not None:
                for i in range(marked_start(doc, span), marked_end(doc, span)):
                    self.segment_of[i] = index

    @cached_property
    def names(self) -> frozenset[str]:
        """The words of the names the article gives its people and organizations."""
        return article_index(self.doc, self.lexicon).name_words

    def inside(self, token: Token) -> bool:
        return self.segment_of[token.i] >= 0

    def in_speech(self, token: Token) -> bool:
        """Is ``token`` quoted, in a segment that is not a title or a nickname?"""
        index = self.segment_of[token.i]
        return index >= 0 and self.reasons[index] is None

    def paragraph_breaks(self, start: int, end: int) -> int:
        """How many paragraphs start in ``text[start:end]`` after ``start``."""
        return bisect.bisect_right(self.paragraph_starts, end) - bisect.bisect_right(self.paragraph_starts, start)

    def is_break(self, token: Token) -> bool:
        """Is ``token`` the space between two paragraphs?"""
        return token.is_space and self.paragraph_breaks(token.idx, token.idx + len(token.text) + 1) > 0

    def paragraph_index(self, offset: int) -> int:
        """The number of the paragraph holding ``offset``, from 0."""
        return max(bisect.bisect_right(self.paragraph_starts, offset) - 1, 0)

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the paragraph holding ``offset``."""
        return self.paragraphs[self.paragraph_index(offset)] if self.paragraphs else (0, len(self.text))

    def signatures_after(self, offset: int) -> list[re.Match]:
        """The dash signatures (``"..." ― Sonya Herridge``) of the paragraph holding ``offset`` that
        start after it; each paragraph is searched once, however many quotes it holds."""
        i = self.paragraph_index(offset)
        if i not in self._signatures:
            start, end = self.paragraph_of(offset)
            self._signatures[i] = list(SIGNATURE.finditer(self.text, start, end))
        return [match for match in self._signatures[i] if match.start() >= offset]

    def opens_paragraph(self, segment: Segment) -> bool:
        """Does the segment's opening mark start its paragraph?"""
        mark = segment.start - len(segment.open_mark)
        i = bisect.bisect_left(self.paragraph_starts, mark)
        return i < len(self.paragraph_starts) and self.paragraph_starts[i] == mark


def marked_start(doc: Doc, span: Span) -> int:
    """First token of ``span`` including its opening mark when the mark is a token of its own."""
    return span.start - 1 if span.start > 0 and is_mark_token(doc[span.start - 1]) else span.start


def marked_end(doc: Doc, span: Span) -> int:
    return span.end + 1 if span.end < len(doc) and is_mark_token(doc[span.end]) else span.end


def is_mark_token(token: Token) -> bool:
    return token.is_quote or token.text in ("''", "``")


def attribute(
    doc: Doc, segments: list[Segment], text: str | None = None, lexicon: Lexicon = DEFAULT_LEXICON
) -> list[Attribution | NotSpeech | None]:
    """One :class:`Attribution` per segment, in order; a :class:`NotSpeech` for
    nobody's words (a title, a sign); None for the author's own (a scare quote).

    Each segment's own cue is looked for first, all segments at once; then,
    in reading order, a segment without one takes its speaker from context.
    ``text`` is ``doc.text`` when the caller has it already.
    """
    quote_map = QuoteMap(doc, segments, lexicon, text)
    own = [own_attribution(quote_map, index) for index in range(len(segments))]
    repeats = Repeats(quote_map.text, segments)
    found: list[Attribution | NotSpeech | None] = []
    for index, result in enumerate(own):
        if result is None or (isinstance(result, Attribution) and result.speaker is None):
            result = from_context(quote_map, index, found, repeats) or result
        found.append(result)
    return [
        named_before_quote(quote_map, span, result) if result is mine and isinstance(result, Attribution) else result
        for span, result, mine in zip(quote_map.spans, found, own)
    ]


def attribution_of(result: Attribution | NotSpeech | None) -> Attribution | None:
    return result if isinstance(result, Attribution) else None


def own_attribution(quote_map: QuoteMap, index: int) -> Attribution | NotSpeech | None:
    """The segment's own cue and speaker, by the first rule that finds a source.

    A rule whose "speaker" is no source is kept as a fallback (the cue
    without a speaker) while the next rules try; a "speaker" that is a sign
    or a banner makes the quote a slogan, nobody's speech.
    """
    span = quote_map.spans[index]
    if span is None:
        return None
    if quote_map.reasons[index] is not None:
        return NotSpeech(quote_map.reasons[index])
    fallback = None
    for rule in OWN_RULES:
        result = rule(quote_map, span)
        if result is None:
            continue
        if result.speaker is not None and on_display(result.named, quote_map.lexicon):
            return NotSpeech(SIGN)
        if result.speaker is not None and names_a_source(result.named, quote_map.lexicon, quote_map.names):
            return result
        fallback = fallback or replace(result, speaker=None, referent=None)
    return fallback


def named_before_quote(quote_map: QuoteMap, span: Span, attribution: Attribution) -> Attribution:
    """The attribution as the sentence names the speaker, when its speaker is a "he" or "she"
    standing for someone the sentence names earlier as the subject of a reporting verb.

    A "she said" after the quote gives way to the attribution before it: "Sen. Claire McCaskill
    scolded him: '...,' she said" is McCaskill's, cued by "scolded" (the quote that goes on
    after "she said" keeps it: see :func:`attribute`). A pronoun before the quote, subject of
    what the named one reports but not of the quote's own cue, gives way to the name, the cue
    kept: "Clinton told the audience that she believes ..., saying '...'".
    """
    speaker, lexicon, doc = attribution.speaker, quote_map.lexicon, quote_map.doc
    if speaker is None or len(speaker) != 1 or speaker[0].lower_ not in lexicon.gendered_pronouns:
        return attribution
    index = article_index(doc, lexicon)
    person = index.pronoun_links.get(speaker.start)
    end = min(speaker.start, marked_start(doc, span))
    start = end
    while start > 0 and not (quote_map.is_break(doc[start - 1]) or doc[start - 1].text in (".", "?", "!")):
        start -= 1  # back to the end of the sentence before (the parser's sentences break at quotes)
    for token in doc[start:end]:
        if person is None or quote_map.inside(token) or token.pos_ != "VERB":
            continue
        earlier = attribution_at(token, quote_map, governs_quote=False)
        named = earlier and next((index.by_token[t.i] for t in earlier.speaker if t.i in index.by_token), None)
        if named is None or named.entity is not person:
            continue
        if speaker.start > span.end:
            return replace(earlier, how="named before")
        clause = speaker.root.head
        if clause.dep_ == "ccomp" and clause.head == token and clause != attribution.cue.root:
            return replace(attribution, speaker=earlier.speaker, referent=None)
    return attribution


def not_speech(quote_map: QuoteMap, index: int, span: Span) -> str | None:
    """Why the segment quotes nobody, seen from its place: a title, a nickname, a link headline or a subhead."""
    doc, text, segment = quote_map.doc, quote_map.text, quote_map.segments[index]
    paragraph = quote_map.paragraph_of(segment.start)
    start, end = marked_start(doc, span), marked_end(doc, span)
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if title_of_work(span, before, after, quote_map.lexicon):
        return TITLE
    if nickname(span, before, after) and not is_title_case(text[paragraph[0] : paragraph[1]], quote_map.lexicon):
        return NICKNAME  # a title-case line capitalizes every word: "Indict Hillary 'Defies Explanation'"
    if stage_direction(text[segment.start : segment.end]):
        return DIRECTION
    if link_headline(text, paragraph[0], segment.start - len(segment.open_mark), quote_map.lexicon):
        return LINK
    if social_plug(text, segment, paragraph):
        return LINK
    if paragraph != quote_map.paragraphs[0] and subhead(text, segment, paragraph, quote_map.lexicon):
        return SUBHEAD
    return None


def from_context(
    quote_map: QuoteMap, index: int, found: list[Attribution | NotSpeech | None], repeats: Repeats
) -> Attribution | NotSpeech | None:
    """For a segment without a cue of its own: a pull quote, or a speaker from context or the headline."""
    segment, span = quote_map.segments[index], quote_map.spans[index]
    paragraph = quote_map.paragraph_of(segment.start)
    alone = whole_paragraph(quote_map.text, segment, paragraph) and not segment.continues
    if alone and repeats.repeated(quote_map.text[segment.start : segment.end]):
        return NotSpeech(PULL_QUOTE)
    result = by_context(quote_map, index, found)
    if result is None and span is not None and not segment.unclosed:
        result = by_headline(quote_map, span)
    return result


def by_syntax(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """The outermost reporting verb above the quote in the dependency tree.

    Reported speech nests: in "Flynn said Trump was right when he said 'the
    generals have been reduced to rubble'" the quote is Flynn's report, so
    the speaker is the subject of the outermost cue; the cue itself is the
    nearest one with that same speaker ("he said, adding 'X'" gives
    "adding"). A cue reported through a source ("..., according to CNN")
    gives the quote to that source. A speech noun on the way ("Kirby's statement that ...")
    counts only when no reporting verb stands above it. A reporting verb right
    above the quote with no speaker anywhere ("Calls men names, like 'pigs'")
    gives the cue alone.
    """
    roots = quote_roots(quote_map, span)
    for root in roots:
        verbs, nouns = cues_above(quote_map, root)
        if verbs:
            outer = verbs[-1]
            nearest = next(a for a in verbs if a.speaker.start == outer.speaker.start)
            return source_of(outer.cue.root, quote_map) or cue_before(quote_map, span, nearest)
        if nouns:
            return nouns[0]
    heads = [root.head for root in roots if not quote_map.inside(root.head)]
    cues = [head for head in heads if head.pos_ == "VERB" and lemma_of(head).lower() in quote_map.lexicon.reporting_verbs]
    return Attribution(cue_span(cues[0]), None, "syntax") if cues else None


def cue_before(quote_map: QuoteMap, span: Span, attribution: Attribution) -> Attribution:
    """The attribution with, as its cue, a reporting verb of the same clause right before the quote
    when the parser hung the quote on the clause's main verb: "Blige sings to Clinton before
    asking her, '...'" is introduced by "asking"."""
    doc, i = quote_map.doc, marked_start(quote_map.doc, span) - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space) and not quote_map.inside(doc[i]):
        i -= 1
    if i >= 0 and doc[i].pos_ == "PRON" and doc[i].dep_ in ("dobj", "dative"):
        i -= 1  # "asking her"
    verb = attribution.cue.root
    roots = quote_roots(quote_map, span)
    before = doc[i] if i > verb.i and any(root.head == verb for root in roots) else None
    if (
        before is not None
        and before.pos_ == "VERB"
        and before.dep_ != "amod"  # "so-called"
        and not quote_map.inside(before)
        and lemma_of(before).lower() in quote_map.lexicon.speech_verbs
        and verb in before.ancestors
        and not has_own_subject(before, quote_map)
    ):
        return replace(attribution, cue=cue_span(before))
    return attribution


def source_of(verb: Token, quote_map: QuoteMap) -> Attribution | None:
    """The source a cue is reported through: "Sanders said, according to CNN" is CNN's report."""
    for child in verb.children:
        if child.lower_ == "according":
            return attribution_at(child, quote_map, governs_quote=True)
    return None


def cues_above(quote_map: QuoteMap, root: Token) -> tuple[list[Attribution], list[Attribution]]:
    """Verb and noun attributions on the way up from ``root``, nearest first."""
    verbs, nouns = [], []
    token, child = root.head, root
    for _ in range(MAX_CLIMB):
        if quote_map.inside(token):
            break
        if verbs and not is_content_link(child, token, quote_map.lexicon):
            break  # "after Washington pledged ..." is when, not what, the outer verb says
        if verbs and child.dep_ in ("conj", "xcomp") and has_own_subject(child, quote_map):
            break  # "X said A, but he said 'B'": a report with a subject of its own is not inside the first
        attribution = attribution_at(token, quote_map, governs_quote=True)
        if attribution is not None:
            (nouns if attribution.how == "noun" else verbs).append(attribution)
        if token.head.i == token.i:
            break
        token, child = token.head, token
    return verbs, nouns


def is_content_link(child: Token, token: Token, lexicon: Lexicon) -> bool:
    """Is ``child`` what ``token`` says, rather than when or why? A clause a verb reports
    ("said [that] ..."), and the reports a cue points to ("she pointed to reports that Trump
    called her 'Miss Piggy'": the clause of a speech noun, the noun of a preposition, the
    preposition of a reporting verb)."""
    if child.dep_ in CONTENT_DEPS:
        return True
    if child.dep_ == "acl":
        return lemma_of(token).lower() in lexicon.statement_nouns or lemma_of(token).lower() in lexicon.speech_nouns
    reporting = token.head if child.dep_ == "pobj" else token
    speaks = reporting.pos_ == "VERB" and lemma_of(reporting).lower() in lexicon.speech_verbs
    return child.dep_ in ("pobj", "prep") and speaks


def has_own_subject(verb: Token, quote_map: QuoteMap) -> bool:
    """Does ``verb`` name its own subject, outside quotes, rather than share that of the verb it hangs on?"""
    return name_taken_for_compound(verb, quote_map) is not None or any(
        c.dep_ in SUBJECT_DEPS and not quote_map.inside(c) and not is_dash(c) for c in verb.children
    )


def quote_roots(quote_map: QuoteMap, span: Span) -> list[Token]:
    """Tokens of the quote whose head lies outside it (the quote's attachment points)."""
    return [t for t in span if not (span.start <= t.head.i < span.end) and not quote_map.inside(t.head)]


def by_frame(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A reporting verb with a speaker in the clause around the quote, nearest first."""
    for token in frame_tokens(quote_map, span):
        attribution = attribution_at(token, quote_map, governs_quote=False)
        if attribution is not None:
            return attribution
    return None


def frame_tokens(quote_map: QuoteMap, span: Span) -> list[Token]:
    """Tokens outside quotes next to ``span``: after the closing mark, then before the opening.

    After the mark we read to the end of the sentence that follows it (the
    parser often ends a sentence at a quoted "?" or "!"), unless the quote
    ends its own sentence with a full stop and a capital follows ("..." Kasich
    said he ... starts a new sentence); before it, back to the start of the
    quote's first sentence. Both stop at a paragraph break or another quote.
    A subordinate clause after the quote ("...," when Clinton blasted him) is
    read last: its verb is seldom the quote's cue, unless it opens with "as"
    ("...," as Cruz said).
    """
    doc, sentences = quote_map.doc, quote_map.sentences
    after = []
    i = marked_end(doc, span)
    stop = sentences.end(i) if i < len(doc) else i
    if ends_sentence(span) and i < len(doc) and doc[i].text[:1].isupper():
        stop = i
    while i < stop and not quote_map.in_speech(doc[i]) and not quote_map.is_break(doc[i]):
        after.append(doc[i])
        i += 1
    before = []
    i = marked_start(doc, span) - 1
    start = sentences.start(span.start)
    while i >= start and not quote_map.in_speech(doc[i]) and not quote_map.is_break(doc[i]):
        before.append(doc[i])
        i -= 1
    subordinator = next((token for token in after if opens_subordinate_clause(token)), None)
    if subordinator is None:
        return after + before
    clause = {token.i for token in subordinator.head.subtree}
    return [t for t in after if t.i not in clause] + before + [t for t in after if t.i in clause]


def opens_subordinate_clause(token: Token) -> bool:
    """Is ``token`` a subordinator other than "as": "when", "while", "because", "after"?"""
    return token.lower_ != "as" and (token.tag_ == "WRB" or (token.tag_ == "IN" and token.dep_ == "mark"))


def ends_sentence(span: Span) -> bool:
    """Does the quoted text end with a full stop ("...bad." rather than "...bad,")?"""
    return span.text.rstrip(" '\"’”").endswith(".")


def attribution_at(token: Token, quote_map: QuoteMap, governs_quote: bool) -> Attribution | None:
    """The attribution ``token`` makes as a cue, or None when it is no cue or has no speaker."""
    doc, lexicon = token.doc, quote_map.lexicon
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
        if objects:
            return Attribution(doc[token.i : token.i + 2], mention(objects[0], lexicon), "according")
        return None
    lemma = cue_lemma(token, lexicon)
    finding = token.pos_ == "VERB" and lemma in lexicon.finding_verbs
    if token.pos_ in ("VERB", "AUX") and (
        lemma in lexicon.speech_verbs
        or (governs_quote and lemma in lexicon.naming_verbs)
        or is_phrasal_cue(token, lexicon)
        or finding
    ):
        speaker = subject_of(token, quote_map)
        if finding and not (speaker is not None and reports_findings(speaker, lexicon)):
            return None
        if speaker is None and follows_quote(token, quote_map):
            speaker = first_noun_after(token)
        if speaker is None:
            speaker = name_before(token, quote_map, owners=governs_quote)
        cue = cue_span(token)
        if speaker is not None and speaker.pos_ == "PRON" and any(c.lower_ == "what" for c in token.children):
            cue, speaker = what_they_call(token, quote_map) or (cue, speaker)
        if speaker is not None and not quote_map.inside(speaker):
            how = "syntax" if governs_quote else "frame"
            return Attribution(cue, mention(speaker, lexicon), how, relative_referent(speaker, lexicon))
    if token.pos_ == "NOUN" and lemma in lexicon.speech_nouns and governs_quote:
        speaker = owner_of(token, quote_map)
        if speaker is not None and not quote_map.inside(speaker):
            return Attribution(doc[token.i : token.i + 1], mention(speaker, lexicon), "noun")
    return None


def reports_findings(noun: Token, lexicon: Lexicon) -> bool:
    """A study, a report or a poll, or people in the plural ("researchers", "the authors"): who
    "found" or "showed" what they quote."""
    lemma = lemma_of(noun).lower()
    return lemma in lexicon.statement_nouns or (noun.tag_ == "NNS" and lexicon.describes_a_person(lemma))


def cue_lemma(token: Token, lexicon: Lexicon) -> str:
    """The token's lemma, or the reporting verb its form is when the lemmatizer got it wrong
    ("rated" lemmatized as "rat")."""
    lemma = lemma_of(token).lower()
    if lemma in lexicon.reporting_verbs:
        return lemma
    word = token.lower_
    for ending in ("d", "ed", "s", "es"):
        if word.endswith(ending) and word[: -len(ending)] in lexicon.reporting_verbs:
            return word[: -len(ending)]
    return lemma


def is_phrasal_cue(verb: Token, lexicon: Lexicon) -> bool:
    """"went on", "shot back", "put it": a verb whose particle or object makes it a cue (the parser
    often takes the particle for an adverb: "shot back")."""
    return any(
        child.dep_ in ("prt", "dobj", "advmod") and (lemma_of(verb).lower(), child.lower_) in lexicon.phrasal_cues
        for child in verb.children
    )


def subject_of(verb: Token, quote_map: QuoteMap) -> Token | None:
    """The speaker of a reporting verb: its subject, the agent of a passive, or that of the verb it hangs from.

    Climbs from ``adding`` in "he said, adding ...", from ``saying`` in "was
    quoted as saying" and "began by saying" to the verb that has the subject.
    Subjects inside quotes are skipped ("My reaction," he said: the parser
    often makes a quote's first noun a second subject of the cue), and so are
    a dash before the name and a dateline ("Washington (AFP) – Clinton
    said"). A name right before the verb that the parser made a compound of
    it ("...," Conway notes) is its subject, and so is a name right after it
    when the words before were taken for a second subject ("The rejection
    signals the end, said Geert Wilders").
    """
    shown = shown_speaking(verb)
    if shown is not None:
        return shown
    token = verb
    for _ in range(MAX_SUBJECT_CLIMB):
        if token is not verb and is_participle(verb) and is_relative_clause(token):
            token = clause_holding(token)  # "an architect who said ..., saying": not the architect's words
            if token is None:
                return None
            continue
        for child in token.children:
            if quote_map.inside(child) or is_dash(child) or is_dateline(child):
                continue
            if child.dep_ in SUBJECT_DEPS:
                return inverted_subject(token, quote_map) or child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        name = name_taken_for_compound(token, quote_map)
        if name is not None:
            return name
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "Kirby, saying ...", "a statement saying ...", and "Kirby issued a
            # statement saying ..." (whoever issued the statement says it)
            noun = token.head
            if lemma_of(noun).lower() in quote_map.lexicon.speech_nouns and noun.dep_ == "dobj":
                return subject_of(noun.head, quote_map) or noun
            return noun
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def shown_speaking(verb: Token) -> Token | None:
    """The person a participle shows speaking: "footage of Hillary Clinton asking", "showed Trump saying"."""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    shown = before.dep_ == "dobj" or (before.dep_ == "pobj" and before.head.lower_ == "of")
    if before.ent_type_ == "PERSON" and shown and verb.dep_ in ("xcomp", "acl", "advcl"):
        return before
    return None


def is_participle(verb: Token) -> bool:
    """"..., saying", "while chanting": a participle clause set off from the one before it, whose
    speaker is the main clause's subject."""
    set_off = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    return verb.tag_ == "VBG" and verb.dep_ == "advcl" and (set_off or any(c.dep_ == "mark" for c in verb.children))


def is_relative_clause(verb: Token) -> bool:
    """A clause about something the sentence mentions, not its main line: "an architect who said ...",
    or one set off by dashes ("- where the Panthers played -"). "..., in which he continued his
    assault, mocking" goes on with its own subject."""
    about_its_noun = any(c.tag_ in ("WDT", "WP") and c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    set_off = verb.left_edge.i > 0 and is_dash(verb.doc[verb.left_edge.i - 1])
    return about_its_noun or set_off


def clause_holding(verb: Token) -> Token | None:
    """The verb of the clause a relative clause sits in: "paying" for "paying an architect who said"."""
    token = verb.head
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
    return token


def inverted_subject(verb: Token, quote_map: QuoteMap) -> Token | None:
    """The subject an inverted cue is followed by ("..., said Christine Link, a director"): the verb
    comes after a comma or a closing mark, the name right after it."""
    if verb.i == 0 or not (verb.nbor(-1).text == "," or is_mark_token(verb.nbor(-1))):
        return None
    return next(
        (
            child
            for child in verb.rights
            if child.dep_ in SUBJECT_DEPS and child.pos_ == "PROPN" and not quote_map.inside(child)
        ),
        None,
    )


def name_taken_for_compound(verb: Token, quote_map: QuoteMap) -> Token | None:
    """The proper noun right before ``verb`` that the parser hung on it as a compound, as if the
    verb were a noun ("Conway notes", "Trump barked")."""
    if verb.pos_ != "VERB" or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    hung_on_verb = before.head.i == verb.i and before.dep_ == "compound"
    return before if hung_on_verb and before.pos_ == "PROPN" and not quote_map.inside(before) else None


def is_dash(token: Token) -> bool:
    """Is the token a dash? The parser sometimes makes one the subject of the verb after it ("― Trump boasted")."""
    return all(unicodedata.category(char) == "Pd" for char in token.text)


def relative_referent(pronoun: Token, lexicon: Lexicon) -> Span | None:
    """The noun a relative pronoun stands for: "Donald Trump" in "Donald Trump, who said ...".

    A person or organization named right before the pronoun is it, whatever the
    parser hung the clause on ("Will Smith and Stevie Wonder, who joked" is
    Stevie Wonder's; "the Police Department which reported" when the parser
    made the clause an adverbial).
    """
    if pronoun.tag_ not in ("WP", "WDT"):
        return None
    before = pronoun.i - 1
    if before >= 0 and pronoun.doc[before].text == ",":
        before -= 1
    if before >= 0 and pronoun.doc[before].ent_type_ in ("PERSON", "ORG"):
        return mention(pronoun.doc[before], lexicon)
    token = pronoun
    while token.dep_ != "relcl" and token.head.i != token.i:
        token = token.head
    return mention(token.head, lexicon) if token.dep_ == "relcl" else None


def follows_quote(verb: Token, quote_map: QuoteMap) -> bool:
    """Does ``verb`` come right after a closing mark ("...," said Kirby)?"""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct and not quote_map.inside(verb.doc[i]):
        i -= 1
    return i >= 0 and quote_map.inside(verb.doc[i])


def first_noun_after(verb: Token) -> Token | None:
    """The speaker of an inverted cue the parser got wrong ("...," said Oversight ranking Democrat Elijah Cummings).

    The first person named after the verb (to the end of the name: "said Air
    Force 1st Lt. Tyler Livingston"), else the first proper noun (to the end of
    its run), or failing that the first noun or pronoun, within a few words.
    """
    doc = verb.doc
    window = doc[verb.i + 1 : min(sentences_of(doc).end(verb), verb.i + 1 + INVERTED_WINDOW)]
    for token in window:
        if token.ent_type_ == "PERSON":
            end = token.i
            while end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].ent_iob_ == "I":
                end += 1
            return doc[end]
    for token in window:
        if token.pos_ == "PROPN":
            end = token.i
            while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
                end += 1
            return doc[end]
    return next((t for t in window if t.pos_ in ("NOUN", "PRON")), None)


def name_before(verb: Token, quote_map: QuoteMap, owners: bool = True) -> Token | None:
    """The nearest person (else organization) named before a cue the parser left without subject;
    when that one owns a noun, the subject of the sentence ("Mr. Trump hardly clarified the
    matter, treating Mrs. Clinton's remark as a compliment and asserting, '...'").

    "But in a call on Dec. 2, Col. Steven H. Warren, a spokesman in Baghdad,
    said" parses Warren as an appositive of the date. Unless ``owners``, a name
    that owns a noun ("treating Mrs. Clinton's remark as a compliment") is not
    taken: for a verb near the quote but not above it, the owner is seldom the speaker.
    """
    sentence_start = sentences_of(verb.doc).start(verb)
    start = max(sentence_start, verb.i - NAME_BEFORE_WINDOW)
    for label in ("PERSON", "ORG"):
        named = [
            token
            for token in reversed(verb.doc[sentence_start : verb.i])
            if token.ent_type_ == label and (owners or token.dep_ != "poss") and not quote_map.inside(token)
        ]
        near = [token for token in named if token.i >= start]
        subjects = [token for token in named if token.dep_ in SUBJECT_DEPS]
        if near and near[0].dep_ == "poss" and subjects:
            return subjects[0]
        if near:
            return near[0]
    return None


def what_they_call(verb: Token, quote_map: QuoteMap) -> tuple[Span, Token] | None:
    """Cue and speaker of "Ban condemned what he called a 'brazen breach'".

    The pronoun points back to the subject of the clause that holds "what he
    called", the nearest one that can be it ("Clinton says Americans are
    hungry for what she calls 'real solutions'": not the Americans), and past
    a pronoun to the name of the report it is in ("Clinton says she
    appreciated what she calls ..."); the cue runs from that clause's verb to
    the naming verb.
    """
    above = subjects_above(verb, quote_map)
    token, subject = next(above, (None, None))
    if token is None:
        return None
    if subject.pos_ == "PRON" and token.dep_ == "ccomp":
        outer = next(above, None)
        if outer is not None and outer[1].pos_ != "PRON" and attribution_at(outer[0], quote_map, False):
            token, subject = outer
    return verb.doc[min(token.i, verb.i) : verb.i + 1], subject


def subjects_above(verb: Token, quote_map: QuoteMap) -> Iterator[tuple[Token, Token]]:
    """The verbs above ``verb``, nearest first, with their subjects that its own pronoun subject can stand for."""
    pronoun = subject_of(verb, quote_map)
    token = verb
    while token.head.i != token.i:
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and not quote_map.inside(c)), None)
        if subject is not None and may_stand_for(pronoun, subject, quote_map.lexicon):
            yield token, subject


def may_stand_for(pronoun: Token | None, subject: Token, lexicon: Lexicon) -> bool:
    """Can ``pronoun`` refer to ``subject``? "he" or "she" not to a plural ("Americans", "they");
    "they" may stand for a group named in the singular ("the campaign")."""
    if pronoun is None or pronoun.lower_ not in lexicon.gendered_pronouns:
        return True
    return subject.tag_ not in ("NNS", "NNPS") and subject.lower_ not in lexicon.plural_pronouns


def owner_of(noun: Token, quote_map: QuoteMap) -> Token | None:
    """Whose words a speech noun carries.

    "Kirby's statement", "a statement from Kirby", or the subject of the verb
    it is the object of: "the group uses the phrase", "Kirby issued a statement".
    """
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if noun.dep_ in ("dobj", "attr", "nsubjpass"):
        return subject_of(noun.head, quote_map)
    return None


def cue_span(verb: Token) -> Span:
    """The cue as written: the verb with its particle ("pointed out")."""
    end = verb.i + 1
    for child in verb.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return verb.doc[verb.i : end]


def by_label(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A transcript line quoted whole: ``"PENCE: Well, look, ..."`` (the label is the speaker)."""
    colon = next((t for t in span[:6] if t.text == ":"), None)
    if colon is None or colon.i == span.start:
        return None
    label = span.doc[span.start : colon.i]
    if label.text.isupper() and any(t.is_alpha for t in label):
        return Attribution(span.doc[colon.i : colon.i + 1], label, "label")
    return None


def by_turn(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A quote inside a transcript speaker's turn: ``"PENCE: Well, Clinton thinks this is an
    episode of 'Shark Tank.'"`` is quoted by Pence, whatever cue the turn gives it."""
    start, end = quote_map.paragraph_of(span.start_char)
    turn = TURN_LABEL.match(quote_map.text, start, end)
    if turn is None or turn.end() > span.start_char:
        return None
    doc = quote_map.doc
    label = doc.char_span(turn.start("label"), turn.end("label"))
    colon = doc.char_span(turn.end("label"), turn.end("label") + 1)
    if label is None or colon is None or not any(t.is_alpha for t in label):
        return None
    return Attribution(colon, label, "turn")


def by_lead_in(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A quote introduced by a colon: "Clinton has since apologized: '...'", "Rep. Trey Gowdy: '...'".

    The speaker is the subject of the clause the colon ends, whatever its verb,
    or the name right before the colon. A comma does the same before a whole
    quoted sentence ("Trump issued a statement, 'Last night, ...'").
    """
    doc = quote_map.doc
    i = marked_start(doc, span) - 1
    while i >= 0 and doc[i].is_space and not quote_map.is_break(doc[i]):
        i -= 1
    if i <= 0 or doc[i].text not in (":", ","):
        return None
    head = doc[i].head
    if head.i > i or quote_map.inside(head):
        return None
    if doc[i].text == "," and not (span.text[:1].isupper() and head.pos_ in ("VERB", "AUX")):
        return None  # only a whole sentence quoted after a clause: "Trump issued a statement, 'Last night ...'"
    if head.pos_ in ("VERB", "AUX"):
        speaker = subject_of(head, quote_map)
        cue = cue_span(head)
    else:
        speaker = head if is_name_like(head) else None
        cue = doc[i : i + 1]
    if speaker is None or quote_map.inside(speaker):
        return None
    named = mention(speaker, quote_map.lexicon)
    if is_cue_word(named[0], quote_map.lexicon) and len(named) > 1:
        cue, named = named[:1], named[1:]  # "Said Ellis: ..." (the tagger takes "Said" for a name)
    elif named.start > 0 and is_cue_word(doc[named.start - 1], quote_map.lexicon):
        cue = doc[named.start - 1 : named.start]  # "Said Ellis: ..." with "Said" left out of the name
    return Attribution(cue, named, "lead-in")


def by_previous_sentence(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A quote opening a sentence after a quote-free sentence with a cue: "Bystrom agreed. '...'"."""
    doc = quote_map.doc
    start = marked_start(doc, span)
    if start == 0 or quote_map.sentences.start(start) != start:
        return None
    previous = quote_map.sentences.of(start - 1)
    if any(quote_map.in_speech(t) or quote_map.is_break(t) for t in previous):
        return None
    for token in previous:
        if token.dep_ == "ROOT" and not is_negated(token):
            return attribution_at(token, quote_map, governs_quote=False)
    return None


def is_negated(verb: Token) -> bool:
    """"He didn't suggest retaliation": a verb said not to happen introduces no one's words."""
    return any(child.dep_ == "neg" for child in verb.children)


def by_dash(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A quote signed after a dash at the end of its paragraph: ``"..." ― Sonya Herridge``.

    The signature covers every quote of the paragraph before it.
    """
    signatures = quote_map.signatures_after(span.end_char)
    return signed(quote_map, signatures[0]) if signatures else None


def by_signature_line(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A paragraph that is all quote, signed on the next line: ``"..."`` then ``- Bernie Sanders.``"""
    index = quote_map.segment_of[span.start]
    segment = quote_map.segments[index]
    number = quote_map.paragraph_index(segment.start)
    if number + 1 >= len(quote_map.paragraphs):
        return None
    if not whole_paragraph(quote_map.text, segment, quote_map.paragraphs[number]):
        return None
    start, end = quote_map.paragraphs[number + 1]
    signature = SIGNATURE_LINE.match(quote_map.text, start, end)
    return signed(quote_map, signature) if signature else None


def signed(quote_map: QuoteMap, signature: re.Match) -> Attribution | None:
    """The dash and the name of a signature; the name is its run of proper nouns (initials kept)."""
    doc = quote_map.doc
    name = doc.char_span(signature.start("name"), signature.end("name"), alignment_mode="expand")
    dash = doc.char_span(signature.start("dash"), signature.end("dash"), alignment_mode="expand")
    if name is None or dash is None or name[0].pos_ != "PROPN":
        return None
    end = name.start
    while end < name.end and (doc[end].pos_ == "PROPN" or doc[end].text == "."):
        end += 1
    while end > name.start + 1 and doc[end - 1].text == ".":
        end -= 1
    return Attribution(dash, doc[name.start : end], "dash")


def by_headline(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A quote in a headline with no cue: the headline's subject, the words before the verb or colon.

    "Sanders: Clinton needs to 'get away from all of this'" and "Obama Sees
    'Personal Insult' if ..." are Sanders's and Obama's words.
    """
    doc = span.doc
    first_line_end = quote_map.paragraphs[0][1] if len(quote_map.paragraphs) > 1 else -1
    if first_line_end < 0 or span.end_char > first_line_end or first_line_end > MAX_HEADLINE_CHARS:
        return None
    start = 0
    while start < len(doc) and (doc[start].is_space or doc[start].is_punct):
        start += 1
    end = start
    while (
        end < span.start
        and (doc[end].pos_ in ("PROPN", "NOUN", "ADJ", "DET") or is_name_like(doc[end]))
        and not (end > start and headline_verb(doc[end], quote_map.lexicon))
    ):
        end += 1  # "Black Lawmakers Rip Donald Trump": title case makes the verb look like a name
    speaker = doc[start:end]
    if len(speaker) > MAX_HEADLINE_SPEAKER_TOKENS or not any(is_name_like(t) for t in speaker):
        return None
    lexicon = quote_map.lexicon
    verb = doc[end].text == ":" or is_verb_like(doc[end], lexicon) or headline_verb(doc[end], lexicon)
    cue = doc[end : end + 1] if verb else None
    if cue is None:
        colon = next((t for t in doc[end : span.start] if t.text == ":"), None)
        cue = doc[colon.i : colon.i + 1] if colon is not None else None  # "Obama on Climate Change: ..."
    return Attribution(cue, speaker, "headline")


def headline_verb(token: Token, lexicon: Lexicon) -> bool:
    """A headline's verb after its subject, whatever title case made of it: a finite verb the
    tagger saw ("Obama Sees"), a reporting verb ("Slams"), or its bare form after a plural
    ("Lawmakers Rip")."""
    word = token.lower_
    plural_before = token.i > 0 and token.nbor(-1).lower_.endswith("s")
    return (
        (token.pos_ == "VERB" and token.tag_ in ("VBZ", "VBD", "VBP"))
        or word in lexicon.reporting_forms
        or (plural_before and word in lexicon.reporting_verbs)
    )


def is_verb_like(token: Token, lexicon: Lexicon) -> bool:
    """A verb, or a reporting verb the tagger took for a name in a title-case headline ("Rip")."""
    return token.pos_ in ("VERB", "AUX") or token.lower_ in lexicon.reporting_forms


def is_name_like(token: Token) -> bool:
    """A proper noun, a person or organization, or a capitalized noun the tagger took for common ("Reid: ...")."""
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in ("PERSON", "ORG")
        or (token.pos_ == "NOUN" and token.is_title)
    ) and not token.is_punct


def by_context(
    quote_map: QuoteMap, index: int, found: list[Attribution | NotSpeech | None]
) -> Attribution | None:
    """Continue an earlier attribution, or take the cue or the thread of the paragraph before.

    A segment with no cue of its own continues the speaker of the segment
    before it when that one is in the same paragraph or left its quote open
    at the paragraph end. A segment opening a paragraph takes the cue of the
    paragraph before when it ends in a colon ("Kirby told reporters:"), else
    goes on with that paragraph's thread (:func:`by_thread`): news sets a
    speaker's next words as a paragraph of their own.
    """
    segment = quote_map.segments[index]
    before = index - 1
    while before >= 0 and quote_map.reasons[before] is not None:
        before -= 1  # a title or a nickname inside the reporter's sentence does not cut the speech
    previous = attribution_of(found[before]) if before >= 0 else None
    if previous is not None:
        earlier = quote_map.segments[before]
        breaks = quote_map.paragraph_breaks(earlier.end, segment.start)
        if segment.continues or (not breaks and continues_speech(quote_map.text, earlier, segment, previous.cue)):
            return replace(previous, how="continued")
    if not quote_map.opens_paragraph(segment):
        return None
    return by_colon(quote_map, segment) or by_thread(quote_map, index, found)


def by_thread(
    quote_map: QuoteMap, index: int, found: list[Attribution | NotSpeech | None]
) -> Attribution | None:
    """The speaker a paragraph hands on to a quote opening the next one.

    The speaker of its last attributed quote; else, in a paragraph that
    quotes no one, the person its last sentence is about ("Maria Costa has
    run the bakery for twenty years.", "Carter said the region remains
    vital."). A paragraph that names no one and attributes nothing breaks the
    thread, and so does a subhead, a pull quote or a link headline.
    """
    number = quote_map.paragraph_index(quote_map.segments[index].start)
    if number == 0:
        return None
    start, end = quote_map.paragraphs[number - 1]
    j = index - 1
    while j >= 0 and quote_map.segments[j].start >= start:
        if isinstance(found[j], NotSpeech) and found[j].reason in THREAD_BREAKS:
            return None
        if isinstance(found[j], Attribution):
            return replace(found[j], how="next-paragraph")
        j -= 1
    return introduced_in(quote_map, start, end)


def introduced_in(quote_map: QuoteMap, start: int, end: int) -> Attribution | None:
    """The subject of the last sentence of ``text[start:end]`` when it is someone and the sentence
    quotes nothing; its verb is the cue when it reports speech ("Carter said ...")."""
    doc = quote_map.doc
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    if last is None:
        return None
    first = max(quote_map.sentences.start(last.start), doc.char_span(start, start + 1, alignment_mode="expand").start)
    sentence = doc[first : last.end]
    if any(quote_map.in_speech(token) for token in sentence):
        return None
    root = next((t for t in sentence if t.head.i == t.i or not (first <= t.head.i < last.end)), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not is_someone(subject, quote_map.lexicon):
        return None
    reports = lemma_of(root).lower() in quote_map.lexicon.speech_verbs or is_phrasal_cue(root, quote_map.lexicon)
    return Attribution(cue_span(root) if reports else None, mention(subject, quote_map.lexicon), "introduced")


def is_someone(token: Token, lexicon: Lexicon) -> bool:
    """A person or group a paragraph can be about: a name, or he or she."""
    if token.pos_ == "PRON":
        return token.lower_ in lexicon.gendered_pronouns
    return token.ent_type_ in ("PERSON", "ORG") or (token.pos_ == "PROPN" and token.ent_type_ in ("", "NORP"))


def continues_speech(text: str, earlier: Segment, segment: Segment, cue: Span | None) -> bool:
    """Does ``segment`` go on with the words of ``earlier``, in the same paragraph?

    It does in the same sentence ("A," he said, "B."), when it opens a
    sentence of its own ("A," he said. "B.") and when the earlier quote's cue
    stands between them ("A," Mr. Solomon said. He has directed "B"); a
    quoted word inside a later sentence of the reporter's own ("Sullivan
    proclaims it 'terrific.' Clinton fixates on the 'pivot' line") does not.
    """
    if cue is not None and earlier.end <= cue.start_char < segment.start:
        return True
    gap = text[earlier.end + len(earlier.close_mark) : segment.start - len(segment.open_mark)].rstrip()
    return not SENTENCE_END.search(gap) or gap[-1:] in ".?!:;" or gap[-1:] in "\"”’'"


def by_colon(quote_map: QuoteMap, segment: Segment) -> Attribution | None:
    """The cue of the paragraph before when it ends in a colon ("Trump issued a statement:"), or,
    with no reporting word there, the subject of the clause the colon ends ("He listed them:")."""
    doc, text = quote_map.doc, quote_map.text
    end = segment.start - len(segment.open_mark)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] != ":":
        return None
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    if last is None:
        return None
    sentence = quote_map.sentences.of(last.start)
    for token in reversed(sentence):
        attribution = attribution_at(token, quote_map, governs_quote=False)
        if attribution is None and token.pos_ == "NOUN" and lemma_of(token).lower() in quote_map.lexicon.speech_nouns:
            attribution = attribution_at(token, quote_map, governs_quote=True)  # "made the following comment:"
        if attribution is not None:
            return replace(attribution, how="colon")
    head = last.root.head
    speaker = subject_of(head, quote_map) if head.pos_ in ("VERB", "AUX") else None
    if speaker is None or quote_map.inside(speaker):
        return None
    return Attribution(last, mention(speaker, quote_map.lexicon), "colon")


def by_characterization(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A quote someone casts someone as: "Reid has gone after Trump as a 'human leech'", "Trump openly
    admires Putin as a 'strong leader'". The words are the subject's, the verb the cue; a passive
    ("known as", "seen as") or a negated verb names no one.
    """
    for root in quote_roots(quote_map, span):
        preposition = root.head
        if preposition.lower_ != "as" or preposition.dep_ != "prep" or quote_map.inside(preposition):
            continue
        verb = preposition.head
        if verb.pos_ in ("NOUN", "PROPN", "PRON") and verb.dep_ in ("dobj", "pobj"):
            verb = verb.head.head if verb.dep_ == "pobj" else verb.head  # "Putin as a ...", "after Trump as a ..."
        if verb.pos_ != "VERB" or is_negated(verb) or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            continue
        if not any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.i < preposition.i) for c in verb.children):
            continue
        subject = subject_of(verb, quote_map)
        if subject is not None and not quote_map.inside(subject):
            return Attribution(cue_span(verb), mention(subject, quote_map.lexicon), "characterization")
    return None


#: The rules that read a segment's own cue, most trusted first.
OWN_RULES = (
    by_label, by_turn, by_syntax, by_dash, by_frame, by_lead_in, by_previous_sentence, by_signature_line,
    by_characterization,
)
