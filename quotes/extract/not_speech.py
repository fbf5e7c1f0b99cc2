"""Quotation marks around words nobody said: titles, link headlines, subheads, pull quotes, signs.

News puts marks around more than speech:

* **titles** of programmes and works: ``NBC's "Today"``, ``on "Meet the
  Press"``, ``the anthem "A Change Is Gonna Come"``, ``a speech titled "..."``;
* **link headlines**: ``READ MORE: "..."``, ``RELATED: "..."``;
* **subheads**: a short title-case line in marks between two sections
  (``'All Bets Are Off.'``);
* **pull quotes**: a quote set again as a paragraph of its own, cut from the
  body where it is attributed;
* **signs and slogans**: ``signs reading "The UN is a scam"``;
* **nicknames** inside a name: ``Marcia "Cia" Price``;
* **stage directions** of a transcript: ``"(CROSSTALK)"``, ``"[Applause]"``.

None of them is anyone's speech: :func:`quotes.extract.attribution.attribute`
gives them a :class:`NotSpeech` instead of a speaker, and the component
leaves them out (or keeps a title as ``kind: title`` when asked to keep
unattributed segments).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .lemmas import lemma_of
from .marks import Segment
from .name_words import head_of

TITLE, LINK, SUBHEAD, PULL_QUOTE, SIGN, NICKNAME = "title", "link", "subhead", "pull quote", "sign", "nickname"
DIRECTION = "stage direction"
#: A nickname is at most this many words.
MAX_NICKNAME_WORDS = 2
#: A subhead is at most this many words.
MAX_SUBHEAD_WORDS = 8
#: A pull quote is at least this many words (a short phrase may well be said twice).
MIN_PULL_QUOTE_WORDS = 5
#: Words of fewer letters may stay lowercase in a title ("of", "the", "in").
SHORT_WORD = 4
WORD = re.compile(r"[^\W\d_][\w'’-]*")
SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+")
LABEL = re.compile(r"\s*(?P<label>[A-Za-z' ]{2,30}?)\s*:\s*$")
BRACKETED = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\])[\s.,;:!?]*")
#: A line asking readers to follow a writer: "Follow Pam Key on Twitter @pamkeyNEN."
SOCIAL_PLUG = re.compile(r"(?:Follow|Like|Subscribe to)\b[^\n]{0,80}?(?:@\w+|\bon (?:Twitter|Facebook|Instagram|X)\b)")


@dataclass(frozen=True)
class NotSpeech:
    """A segment that quotes nobody: ``reason`` says what it is (title, link, subhead, pull quote, sign,
    nickname, stage direction)."""

    reason: str


def is_title_case(text: str, lexicon: Lexicon) -> bool:
    """Every word capitalized but the small ones titles leave lowercase (``of``, ``the``,
    ``and``), and one capitalized word of four letters or more at least.

    >>> from quotes.lexicon import DEFAULT_LEXICON as lexicon
    >>> [is_title_case(t, lexicon) for t in ("A Change Is Gonna Come,", "Fox and Friends.", "Today")]
    [True, True, True]
    >>> [is_title_case(t, lexicon) for t in ("the generals have been reduced", "Go home.", "Neither do I.")]
    [False, False, False]
    """
    words = WORD.findall(text)
    capitalized = [word for word in words if word[0].isupper()]
    return any(len(word) >= SHORT_WORD for word in capitalized) and all(
        word[0].isupper() or word.lower() in lexicon.title_case_small_words for word in words
    )


def title_of_work(span: Span, before: Token | None, after: Token | None, lexicon: Lexicon) -> bool:
    """Is the title-case quote the title of a programme or work?

    Its place tells: owned by an organization (``NBC's "Today"``), after a
    word for a work or one that introduces a title (``the anthem "..."``, ``In
    his book, "..."``, ``a speech titled "..."``), before one (``his "Keepin'
    It Real" radio program``), or where something was said (``on "Meet the
    Press"``, ``a broadcast of "Fox News Sunday"``).
    """
    if not is_title_case(span.text, lexicon):
        return False
    return (
        (before is not None and _introduces_title(before, lexicon))
        or (after is not None and _names_work_after(after, lexicon))
        or _is_where_said(span, lexicon)
    )


def _introduces_title(token: Token, lexicon: Lexicon) -> bool:
    """The word before the opening mark: an owner that is no person (``NBC's``, ``Fox News
    channel's``), a word for a work or its maker (``the anthem``, ``titled``, ``book,``,
    ``the author of``), ``on`` (``said on "Meet the Press"``) or ``according to``."""
    doc = token.doc
    if token.tag_ == "POS" and token.i > 0:
        owner = doc[token.i - 1]
        return owner.ent_type_ not in ("PERSON", "GPE", "NORP") and owner.pos_ in ("PROPN", "NOUN")
    if token.lower_ == "on" or (token.lower_ == "to" and token.i > 0 and doc[token.i - 1].lower_ == "according"):
        return True
    if token.text == "," and token.i > 0:
        token = doc[token.i - 1]
    if token.lower_ == "of" and token.i > 0:
        token = doc[token.i - 1]  # "a broadcast of", "the author of"
    return _is_work_word(token, lexicon)


def _names_work_after(token: Token, lexicon: Lexicon) -> bool:
    """``"Keepin' It Real" radio program``, ``"Daily Show" host``, ``"Make America Great Again"
    hats``: a word for a work, its maker or a thing that carries it within two words after the mark."""
    doc = token.doc
    return any(
        _is_work_word(t, lexicon) or lemma_of(t).lower() in lexicon.display_nouns
        for t in doc[token.i : min(token.i + 2, len(doc))]
    )


def _is_work_word(token: Token, lexicon: Lexicon) -> bool:
    return token.lower_ in lexicon.title_introducers or _is_work_noun(token, lexicon)


def _is_where_said(span: Span, lexicon: Lexicon) -> bool:
    """The object of ``on`` (``said on "Meet the Press"``, however far the parse puts the
    preposition), or of ``of`` after a word for a work (``the broadcast of "Fox News Sunday"``)."""
    root = head_of(span)
    if root.dep_ != "pobj" or root.head.i >= span.start:
        return False
    preposition = root.head
    if preposition.lower_ == "on":
        return True
    return preposition.lower_ == "of" and _is_work_noun(preposition.head, lexicon)


def _is_work_noun(token: Token, lexicon: Lexicon) -> bool:
    return token.pos_ == "NOUN" and lemma_of(token).lower() in lexicon.work_nouns


def stage_direction(quote: str) -> bool:
    """Is the quote all in brackets, a transcript's note on the scene (``(CROSSTALK.)``, ``[Applause]``)?

    >>> stage_direction("(CROSSTALK.)"), stage_direction("(We) will win.")
    (True, False)
    """
    return BRACKETED.fullmatch(quote) is not None


def nickname(span: Span, before: Token | None, after: Token | None) -> bool:
    """A capitalized word or two in marks between the parts of a name (``Marcia "Cia" Price``)."""
    words = [token for token in span if not token.is_punct]
    return (
        0 < len(words) <= MAX_NICKNAME_WORDS
        and all(token.is_title and not token.is_stop for token in words)
        and before is not None
        and after is not None
        and before.pos_ == "PROPN"
        and after.is_title
    )


def link_headline(text: str, paragraph_start: int, mark_start: int, lexicon: Lexicon) -> bool:
    """Does the paragraph open with a link label before the quote (``READ MORE: "..."``)?"""
    if mark_start - paragraph_start > 40:
        return False
    label = LABEL.match(text, paragraph_start, mark_start)
    return label is not None and " ".join(label.group("label").lower().split()) in lexicon.link_labels


def social_plug(text: str, segment: Segment, paragraph: tuple[int, int]) -> bool:
    """Is the segment a paragraph asking readers to follow someone (``"Follow Pam Key on Twitter
    @pamkeyNEN."``)? Marked up as a quote by some outlets, it is nobody's speech."""
    return whole_paragraph(text, segment, paragraph) and SOCIAL_PLUG.match(text, segment.start, segment.end) is not None


def subhead(text: str, segment: Segment, paragraph: tuple[int, int], lexicon: Lexicon) -> bool:
    """Is the segment a short title-case paragraph of its own (``'All Bets Are Off.'``)?"""
    words = WORD.findall(text[segment.start : segment.end])
    return (
        whole_paragraph(text, segment, paragraph)
        and 2 <= len(words) <= MAX_SUBHEAD_WORDS
        and is_title_case(text[segment.start : segment.end], lexicon)
    )


def whole_paragraph(text: str, segment: Segment, paragraph: tuple[int, int]) -> bool:
    """Does the segment, marks and end punctuation aside, fill its paragraph?"""
    start, end = paragraph
    before = text[start : segment.start - len(segment.open_mark)]
    after = text[segment.end + len(segment.close_mark) : end]
    return not before.strip() and not any(char.isalnum() for char in after)


def on_display(mention: Span, lexicon: Lexicon) -> bool:
    """Is the "speaker" a thing that carries words without saying them (``signs reading "..."``)?"""
    return lemma_of(head_of(mention)).lower() in lexicon.display_nouns


class Repeats:
    """How often each quote, and each sentence of a longer quote, is quoted in the article.

    A pull quote is the body's words set again: its text is found twice.
    """

    def __init__(self, text: str, segments: list[Segment]):
        self.counts: Counter[str] = Counter()
        for segment in segments:
            self.counts.update(set(_pieces(text[segment.start : segment.end])))

    def repeated(self, quote: str) -> bool:
        """Is ``quote`` (of a few words at least) quoted somewhere else in the article too?"""
        key = _normal(quote)
        return len(key.split()) >= MIN_PULL_QUOTE_WORDS and self.counts[key] > 1


def _pieces(quote: str) -> list[str]:
    """The quote and, when it has several sentences, each of them, normalized."""
    sentences = SENTENCE_BREAK.split(quote.strip())
    pieces = [quote] + (sentences if len(sentences) > 1 else [])
    return [_normal(piece) for piece in pieces]


def _normal(text: str) -> str:
    return " ".join(word.lower() for word in WORD.findall(text))
