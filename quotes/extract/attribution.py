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
7. **context** — a quote with no cue of its own continues the speaker of the
   quote before it in its paragraph, of the paragraph it continues
   (multi-paragraph quotes) or of the paragraph just before (news sets a
   speaker's next words as a paragraph of their own), or takes the cue of a
   paragraph ending in a colon;
8. **headline** — a quote in the headline belongs to the headline's subject:
   ``Sanders: Clinton needs to 'get away from all of this'``.

A segment none of them attributes is the author's own (a scare quote, the
title of a work) and is left out. Everything is linear in the length of the
document: one pass to mark quoted tokens, then short walks up the tree and
through the neighbouring tokens.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..lexicon import DEFAULT_LEXICON, Lexicon
from .marks import Segment, paragraphs
from .noun_phrases import mention

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
SENTENCE_END = re.compile(r"[.?!][\"”’')\]]*\s")
#: A closing mark, a dash and a name ending the paragraph: the quote's signature.
SIGNATURE = re.compile(r"[\"”’']\s*(?P<dash>[―—–]|--?)\s*(?P<name>[A-Z][^\n]{0,80}?)[\s.,]*$", re.M)
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
    """The doc with its segments: their token spans, and which tokens (marks included) are quoted;
    and the lexicon whose words are cues."""

    def __init__(self, doc: Doc, segments: list[Segment], lexicon: Lexicon, text: str | None = None):
        self.doc = doc
        self.lexicon = lexicon
        self.text = doc.text if text is None else text  # spaCy builds it on every access
        self.segments = segments
        self.paragraphs = list(paragraphs(self.text))
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.segment_of: list[int] = [-1] * len(doc)
        self.spans: list[Span | None] = []
        for index, segment in enumerate(segments):
            span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
            self.spans.append(span)
            if span is not None:
                for i in range(marked_start(doc, span), marked_end(doc, span)):
                    self.segment_of[i] = index

    def inside(self, token: Token) -> bool:
        return self.segment_of[token.i] >= 0

    def paragraph_breaks(self, start: int, end: int) -> int:
        """How many paragraphs start in ``text[start:end]`` after ``start``."""
        return bisect.bisect_right(self.paragraph_starts, end) - bisect.bisect_right(self.paragraph_starts, start)

    def is_break(self, token: Token) -> bool:
        """Is ``token`` the space between two paragraphs?"""
        return token.is_space and self.paragraph_breaks(token.idx, token.idx + len(token.text) + 1) > 0

    def paragraph_end(self, offset: int) -> int:
        """Where the paragraph holding ``offset`` ends."""
        i = bisect.bisect_right(self.paragraph_starts, offset) - 1
        return self.paragraphs[max(i, 0)][1] if self.paragraphs else len(self.text)

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
) -> list[Attribution | None]:
    """One :class:`Attribution` (or None: nobody's quote) per segment, in order.

    ``text`` is ``doc.text`` when the caller has it already.
    """
    quote_map = QuoteMap(doc, segments, lexicon, text)
    found: list[Attribution | None] = []
    for index, segment in enumerate(segments):
        span = quote_map.spans[index]
        result = None
        if span is not None and not names_a_show(quote_map, span):
            result = (
                by_label(span)
                or by_syntax(quote_map, span)
                or by_dash(quote_map, span)
                or by_frame(quote_map, span)
                or by_lead_in(quote_map, span)
                or by_previous_sentence(quote_map, span)
            )
        if result is None:
            result = by_context(quote_map, index, found)
        if result is None and span is not None and not segment.unclosed:
            result = by_headline(quote_map, span)
        found.append(result)
    return found


def names_a_show(quote_map: QuoteMap, span: Span) -> bool:
    """Is the quote the title of a programme, as in 'he said on "Meet the Press"'?

    The object of "on" in title case is where something was said, not what.
    """
    roots = quote_roots(quote_map, span)
    if len(roots) != 1 or roots[0].dep_ != "pobj" or roots[0].head.lower_ != "on":
        return False
    words = [t for t in span if t.is_alpha and not t.is_stop]
    return bool(words) and all(t.text[0].isupper() for t in words)


def by_syntax(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """The outermost reporting verb above the quote in the dependency tree.

    Reported speech nests: in "Flynn said Trump was right when he said 'the
    generals have been reduced to rubble'" the quote is Flynn's report, so
    the speaker is the subject of the outermost cue; the cue itself is the
    nearest one with that same speaker ("he said, adding 'X'" gives
    "adding"). A cue reported through a source ("..., according to CNN")
    gives the quote to that source. A speech noun on the way ("Kirby's statement that ...")
    counts only when no reporting verb stands above it.
    """
    for root in quote_roots(quote_map, span):
        verbs, nouns = cues_above(quote_map, root)
        if verbs:
            outer = verbs[-1]
            return source_of(outer.cue.root, quote_map) or next(
                a for a in verbs if a.speaker.start == outer.speaker.start
            )
        if nouns:
            return nouns[0]
    return None


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
        if verbs and child.dep_ not in CONTENT_DEPS:
            break  # "after Washington pledged ..." is when, not what, the outer verb says
        attribution = attribution_at(token, quote_map, governs_quote=True)
        if attribution is not None:
            (nouns if attribution.how == "noun" else verbs).append(attribution)
        if token.head.i == token.i:
            break
        token, child = token.head, token
    return verbs, nouns


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
    """
    doc = quote_map.doc
    after = []
    i = marked_end(doc, span)
    stop = doc[i].sent.end if i < len(doc) else i
    if ends_sentence(span) and i < len(doc) and doc[i].text[:1].isupper():
        stop = i
    while i < stop and not quote_map.inside(doc[i]) and not quote_map.is_break(doc[i]):
        after.append(doc[i])
        i += 1
    before = []
    i = marked_start(doc, span) - 1
    start = span[0].sent.start
    while i >= start and not quote_map.inside(doc[i]) and not quote_map.is_break(doc[i]):
        before.append(doc[i])
        i -= 1
    return after + before


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
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and (
        lemma in lexicon.speech_verbs
        or (governs_quote and lemma in lexicon.naming_verbs)
        or is_phrasal_cue(token, lexicon)
    ):
        speaker = subject_of(token, quote_map)
        if speaker is None and follows_quote(token, quote_map):
            speaker = first_noun_after(token)
        if speaker is None:
            speaker = name_before(token, quote_map)
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


def is_phrasal_cue(verb: Token, lexicon: Lexicon) -> bool:
    """"went on", "shot back", "put it": a verb whose particle or object makes it a cue."""
    return any(
        child.dep_ in ("prt", "dobj") and (verb.lemma_.lower(), child.lower_) in lexicon.phrasal_cues
        for child in verb.children
    )


def subject_of(verb: Token, quote_map: QuoteMap) -> Token | None:
    """The speaker of a reporting verb: its subject, the agent of a passive, or that of the verb it hangs from.

    Climbs from ``adding`` in "he said, adding ...", from ``saying`` in "was
    quoted as saying" and "began by saying" to the verb that has the subject.
    Subjects inside quotes are skipped ("My reaction," he said: the parser
    often makes a quote's first noun a second subject of the cue).
    """
    token = verb
    for _ in range(4):
        for child in token.children:
            if quote_map.inside(child):
                continue
            if child.dep_ in SUBJECT_DEPS:
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "Kirby, saying ...", "a statement saying ...", and "Kirby issued a
            # statement saying ..." (whoever issued the statement says it)
            noun = token.head
            if noun.lemma_.lower() in quote_map.lexicon.speech_nouns and noun.dep_ == "dobj":
                return subject_of(noun.head, quote_map) or noun
            return noun
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def relative_referent(pronoun: Token, lexicon: Lexicon) -> Span | None:
    """The noun a relative pronoun stands for: "Donald Trump" in "Donald Trump, who said ..."."""
    if pronoun.tag_ not in ("WP", "WDT"):
        return None
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

    The first name after the verb (to the end of its run of proper nouns), or
    failing that the first noun or pronoun, within a few words.
    """
    doc = verb.doc
    window = doc[verb.i + 1 : min(verb.sent.end, verb.i + 1 + INVERTED_WINDOW)]
    for token in window:
        if token.pos_ == "PROPN":
            end = token.i
            while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
                end += 1
            return doc[end]
    return next((t for t in window if t.pos_ in ("NOUN", "PRON")), None)


def name_before(verb: Token, quote_map: QuoteMap) -> Token | None:
    """The nearest person (else organization) named before a cue the parser left without subject.

    "But in a call on Dec. 2, Col. Steven H. Warren, a spokesman in Baghdad,
    said" parses Warren as an appositive of the date.
    """
    for label in ("PERSON", "ORG"):
        for token in reversed(verb.doc[verb.sent.start : verb.i]):
            if token.ent_type_ == label and not quote_map.inside(token):
                return token
    return None


def what_they_call(verb: Token, quote_map: QuoteMap) -> tuple[Span, Token] | None:
    """Cue and speaker of "Ban condemned what he called a 'brazen breach'".

    The pronoun points back to the subject of the clause that holds "what he
    called"; the cue runs from that clause's verb to the naming verb.
    """
    token = verb
    while token.head.i != token.i:
        token = token.head
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and not quote_map.inside(child) and token.pos_ in ("VERB", "AUX"):
                start = min(token.i, verb.i)
                return verb.doc[start : verb.i + 1], child
    return None


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


def by_label(span: Span) -> Attribution | None:
    """A transcript line quoted whole: ``"PENCE: Well, look, ..."`` (the label is the speaker)."""
    colon = next((t for t in span[:6] if t.text == ":"), None)
    if colon is None or colon.i == span.start:
        return None
    label = span.doc[span.start : colon.i]
    if label.text.isupper() and any(t.is_alpha for t in label):
        return Attribution(span.doc[colon.i : colon.i + 1], label, "label")
    return None


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
    return Attribution(cue, mention(speaker, quote_map.lexicon), "lead-in")


def by_previous_sentence(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A quote opening a sentence after a quote-free sentence with a cue: "Bystrom agreed. '...'"."""
    doc = quote_map.doc
    start = marked_start(doc, span)
    if start == 0 or doc[start].sent.start != start:
        return None
    previous = doc[start - 1].sent
    if any(quote_map.inside(t) or quote_map.is_break(t) for t in previous):
        return None
    for token in previous:
        if token.dep_ == "ROOT":
            return attribution_at(token, quote_map, governs_quote=False)
    return None


def by_dash(quote_map: QuoteMap, span: Span) -> Attribution | None:
    """A quote signed after a dash at the end of its paragraph: ``"..." ― Sonya Herridge``.

    The signature covers every quote of the paragraph before it.
    """
    doc, text = quote_map.doc, quote_map.text
    signature = SIGNATURE.search(text, span.end_char, quote_map.paragraph_end(span.end_char))
    if signature is None:
        return None
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
    while end < span.start and (doc[end].pos_ in ("PROPN", "NOUN", "ADJ", "DET") or is_name_like(doc[end])):
        end += 1
    speaker = doc[start:end]
    if len(speaker) > MAX_HEADLINE_SPEAKER_TOKENS or not any(is_name_like(t) for t in speaker):
        return None
    cue = doc[end : end + 1] if doc[end].text == ":" or doc[end].pos_ in ("VERB", "AUX") else None
    return Attribution(cue, speaker, "headline")


def is_name_like(token: Token) -> bool:
    """A proper noun, a person or organization, or a capitalized noun the tagger took for common ("Reid: ...")."""
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in ("PERSON", "ORG")
        or (token.pos_ == "NOUN" and token.is_title)
    ) and not token.is_punct


def by_context(quote_map: QuoteMap, index: int, found: list[Attribution | None]) -> Attribution | None:
    """Continue an earlier attribution, or take the cue of the paragraph before.

    A segment with no cue of its own continues the speaker of the segment
    before it when that one is in the same paragraph, left its quote open at
    the paragraph end, or ends the paragraph before the one this segment
    opens (news sets a speaker's next words as a paragraph of their own). A
    segment opening a paragraph after a quote-free one ending in a colon
    ("Kirby told reporters:") takes that paragraph's cue.
    """
    segment = quote_map.segments[index]
    text = quote_map.text
    previous = found[index - 1] if index > 0 else None
    opens = quote_map.opens_paragraph(segment)
    if previous is not None:
        earlier = quote_map.segments[index - 1]
        breaks = quote_map.paragraph_breaks(earlier.end, segment.start)
        if segment.continues or (not breaks and continues_speech(text, earlier, segment, previous.cue)):
            return replace(previous, how="continued")
        if opens and breaks == 1:
            return replace(previous, how="next-paragraph")
    if opens and (index == 0 or quote_map.paragraph_breaks(quote_map.segments[index - 1].end, segment.start) > 1):
        return by_colon(quote_map, segment)
    return None


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
    """The cue of the paragraph before when it ends in a colon ("Trump issued a statement:")."""
    doc, text = quote_map.doc, quote_map.text
    end = segment.start - len(segment.open_mark)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] != ":":
        return None
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    if last is None:
        return None
    sentence = last[0].sent
    for token in reversed(sentence):
        attribution = attribution_at(token, quote_map, governs_quote=False)
        if attribution is not None:
            return replace(attribution, how="colon")
    return None

