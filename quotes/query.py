"""The query language of quote search: Whoosh's, over the quote text, with query classes of
our own for wildcards, fuzzy terms and phrases.

:func:`parse_query` reads ``"wider war"``, ``attack AND NOT drone``,
``respon*``, ``hizbolah~`` and ``speaker:kirby``, and refuses what Whoosh
would silently search for as words or what would cost too much. It makes
three kinds of query of its own, where Whoosh's fall short:

- :class:`WrittenPattern`: a wildcard matched against the words as written,
  not their stems;
- :class:`SpellingVariants`: a fuzzy term that also finds the transliterations
  of its word (``Hizbolah~`` finds Hezbollah and Hizbullah), as speaker
  resolution compares names (:mod:`quotes.names`);
- :class:`PairedPhrase`: a phrase found through the index's pairs of
  consecutive words, not its words' positions.

:mod:`quotes.ranking` scores the simplest of these queries faster still.
"""
from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from itertools import islice
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh import query as wq
from whoosh.matching import NullMatcher, WrappingMatcher
from whoosh.qparser import FuzzyTermPlugin, PrefixPlugin, QueryParser, WildcardPlugin

from .errors import SearchError
from .index import NAMES, PAIR_SEPARATOR, SCHEMA, WORDS, as_text
from .names import by_transliteration_key, same_transliterated_word, token_transliteration_key

# Fields a query may name (``speaker:kirby``); the others are bookkeeping.
QUERY_FIELDS = ("text", "speaker", "speaker_names", "role", "outlet", "title", "published", "kind", "stance")

# What one query may cost: longer queries, more terms or wider fuzzy terms are
# refused with a SearchError that says so.
MAX_QUERY_CHARS = 2000
MAX_QUERY_TERMS = 200
MAX_FUZZY_EDITS = 2
MAX_EXPANSIONS = 1000  # words one wildcard may stand for

PHRASE = re.compile(r'"[^"]*"')
DANGLING_BEFORE = re.compile(r"(?:^|\()\s*(AND|OR)\b")
DANGLING_AFTER = re.compile(r"\b(AND|OR|NOT)\s*(?:$|\))")
FIELD_PREFIX = re.compile(r"(?<![\w.])([A-Za-z_]\w*):(?=\S)")


def parse_query(query_text: str) -> wq.Query:
    """Whoosh's query language over ``text``, fuzzy terms (``word~``, ``word~2``) included.

    A fuzzy term also matches the transliterations of its word that speaker
    resolution treats as one name (``Hizbolah~`` finds Hezbollah and Hizbullah).

    >>> str(parse_query('"wider war" speaker:Kirby'))
    '(text:"wider war" AND speaker:kirby)'
    """
    if len(query_text) > MAX_QUERY_CHARS:
        raise SearchError(f"the query is {len(query_text):,} characters long; at most {MAX_QUERY_CHARS:,} are searched")
    if not query_text.strip():
        return wq.Every()
    problems = list(_syntax_problems(query_text))
    if problems:
        raise SearchError(f"cannot parse query {query_text!r}: {'; '.join(problems)}")
    parser = QueryParser("text", SCHEMA, phraseclass=PairedPhrase)
    parser.remove_plugin_class(WildcardPlugin)
    parser.add_plugin(WrittenWildcardPlugin())
    parser.add_plugin(SpellingVariantsPlugin())
    try:
        parsed = parser.parse(query_text)
    except Exception as error:  # the parser's own failures carry no common type
        raise SearchError(f"cannot parse query {query_text!r}: {error}") from error
    problems = list(_errors(parsed)) + list(_cost_problems(parsed))
    if problems:
        raise SearchError(f"cannot parse query {query_text!r}: {'; '.join(problems)}")
    if parsed is wq.NullQuery:
        raise SearchError(f"query {query_text!r} has no words to search for")
    return parsed


def _syntax_problems(query_text: str) -> Iterator[str]:
    """Mistakes Whoosh would silently search for as words: unclosed phrases and
    parentheses, dangling operators, unknown field names.

    >>> list(_syntax_problems('(war OR'))
    ['a ( is not closed', 'OR needs a term after it']
    >>> list(_syntax_problems('"wider war'))
    ['a phrase has no closing "']
    """
    if query_text.count('"') % 2:
        yield 'a phrase has no closing "'
    outside_phrases = PHRASE.sub('""', query_text)
    depth = 0
    for char in outside_phrases:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            yield "a ) has no ("
            break
    if depth > 0:
        yield "a ( is not closed"
    for operator in DANGLING_BEFORE.findall(outside_phrases):
        yield f"{operator} needs a term before it"
    for operator in DANGLING_AFTER.findall(outside_phrases):
        yield f"{operator} needs a term after it"
    for name in FIELD_PREFIX.findall(outside_phrases):
        if name not in QUERY_FIELDS:
            yield f"no field {name!r} (fields: {', '.join(sorted(QUERY_FIELDS))})"


def _errors(q: wq.Query) -> Iterator[str]:
    """Messages Whoosh attached to parts of a query it could not understand."""
    error = getattr(q, "error", None)
    if error:
        yield str(error)
    for child in q.children():
        yield from _errors(child)


def _cost_problems(q: wq.Query) -> Iterator[str]:
    """Too many terms, or fuzzy terms too wide to search in reasonable time.

    >>> list(_cost_problems(parse_query("war~2")))
    []
    """
    terms = sum(1 for _ in q.iter_all_terms(phrases=True))
    if terms > MAX_QUERY_TERMS:
        yield f"{terms} terms; at most {MAX_QUERY_TERMS} are searched"
    for leaf in q.leaves():
        if isinstance(leaf, wq.FuzzyTerm) and leaf.maxdist > MAX_FUZZY_EDITS:
            yield f"{leaf.text}~{leaf.maxdist} allows {leaf.maxdist} edits; at most {MAX_FUZZY_EDITS}"


class ExpandedOnce:
    """A query standing for many words (its ``_expand``), looked up once per reader (an index of
    several segments has one per segment): a search expands it to match documents, to score the
    best, and again to mark the words in snippets."""

    def _btexts(self, ixreader: Any) -> list[str]:
        expanded = self.__dict__.setdefault("_expanded", {})
        if ixreader not in expanded:
            expanded[ixreader] = self._expand(ixreader)
        return expanded[ixreader]


class WrittenPattern(ExpandedOnce, wq.Wildcard):
    """A wildcard over the quote text, matched against the words as written.

    The text is indexed stemmed ("escalate" and "escalation" as "escal"), so a
    pattern matched against the stems would miss them: ``escalat*`` matches
    the written words (escalate, escalation, escalating, escalatory) and
    searches their stems.
    """

    def __init__(self, fieldname: str, text: str, boost: float = 1.0, written: str | None = None):
        super().__init__(fieldname, text, boost=boost)
        self.written = written or text

    def normalize(self) -> wq.Query:
        return self  # Whoosh would turn a trailing * into a Prefix over the stems

    def _expand(self, ixreader: Any) -> list[str]:
        written = list(islice(wq.Wildcard("text_written", self.written)._btexts(ixreader), MAX_EXPANSIONS + 1))
        if len(written) > MAX_EXPANSIONS:
            raise SearchError(f"{self.written} matches more than {MAX_EXPANSIONS:,} words; make it longer")
        return sorted({token.text for word in written for token in WORDS(as_text(word))})


def _as_written(q: wq.Query, raw: str) -> wq.Query:
    """A parsed wildcard or prefix over the quote text, as a :class:`WrittenPattern` of ``raw``."""
    written = "".join(token.text for token in NAMES(raw, tokenize=False))
    if not isinstance(q, (wq.Wildcard, wq.Prefix)) or q.fieldname != "text" or not written.strip("*?"):
        return q  # other fields, and a lone * (every quote), stay Whoosh's
    return WrittenPattern(q.fieldname, q.text, boost=q.boost, written=written)


class WrittenWildcardPlugin(WildcardPlugin):
    """Whoosh's ``*`` and ``?`` syntax, making :class:`WrittenPattern` queries over the quote text."""

    class WildcardNode(WildcardPlugin.WildcardNode):
        def query(self, parser: Any) -> wq.Query:
            return _as_written(super().query(parser), self.text)

    nodetype = WildcardNode

    class PrefixNode(PrefixPlugin.PrefixNode):
        def query(self, parser: Any) -> wq.Query:
            return _as_written(super().query(parser), self.text + "*")

    def do_wildcards(self, parser: Any, group: Any) -> Any:
        group = super().do_wildcards(parser, group)
        for i, node in enumerate(group):
            if type(node) is PrefixPlugin.PrefixNode:  # Whoosh's own rewrite of "word*"
                group[i] = self.PrefixNode(node.text)
                group[i].startchar, group[i].endchar = node.startchar, node.endchar
        return group


class SpellingVariants(ExpandedOnce, wq.FuzzyTerm):
    """A fuzzy term that also matches the word's transliterations (same key, alike enough).

    The words it stands for are those Whoosh's fuzzy term finds (within
    ``maxdist`` edits, the first ``prefixlength`` letters the same) and the
    transliterations, both looked up in the field's :class:`FieldWords`.
    """

    def _expand(self, ixreader: Any) -> list[str]:
        words = FieldWords.of(ixreader, self.fieldname)
        return sorted(set(words.within(self.text, self.maxdist, self.prefixlength)) | set(words.variants(self.text)))


class FieldWords:
    """The words of one field of one segment of the index, read when a fuzzy term first asks and
    kept while the segment is open.

    Whoosh finds the words near a fuzzy term by walking an automaton over the
    lexicon in Python, and trying each word for a transliteration cost as
    much again (tens of milliseconds a term at 25,000 quotes, for every
    search); here the distances are computed by rapidfuzz, in C, and
    transliterations are looked up by their key.
    """

    _of_reader: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __init__(self, words: list[str]):
        self.words = words
        self.by_first_letter: dict[str, list[str]] = {}
        for word in words:
            self.by_first_letter.setdefault(word[:1], []).append(word)
        # First letter -> the words beginning with it by transliteration key (which begins with that
        # letter), grouped when a term first asks: keying every word would cost seconds at 250,000 quotes.
        self.by_key: dict[str, dict[str, list[str]]] = {}

    @classmethod
    def of(cls, reader: Any, fieldname: str) -> FieldWords:
        """The lexicon of ``fieldname`` in ``reader`` (one segment), read once."""
        lexicons = cls._of_reader.setdefault(reader, {})
        if fieldname not in lexicons:
            lexicons[fieldname] = cls([as_text(term) for term in reader.lexicon(fieldname)])
        return lexicons[fieldname]

    def within(self, text: str, maxdist: int, prefixlength: int) -> list[str]:
        """The words at most ``maxdist`` Levenshtein edits from ``text`` that begin with its first
        ``prefixlength`` letters: what Whoosh's fuzzy term matches."""
        start = text[:prefixlength]
        pool = [word for word in self.by_first_letter.get(text[:1], []) if word.startswith(start)] if start else self.words
        return [word for word, _, _ in process.extract(text, pool, scorer=Levenshtein.distance,
                                                       score_cutoff=maxdist, limit=None)]

    def variants(self, text: str) -> list[str]:
        """The words :func:`~quotes.names.same_transliterated_word` takes for spellings of ``text``."""
        letter = text[:1]
        if letter not in self.by_key:
            self.by_key[letter] = by_transliteration_key(self.by_first_letter.get(letter, []))
        return [word for word in self.by_key[letter].get(token_transliteration_key(text), [])
                if same_transliterated_word(text, word)]


class SpellingVariantsPlugin(FuzzyTermPlugin):
    """Whoosh's ``word~`` syntax, making :class:`SpellingVariants` terms."""

    class FuzzyTermNode(FuzzyTermPlugin.FuzzyTermNode):
        qclass = SpellingVariants


class PairedPhrase(wq.Phrase):
    """A phrase over the quote text, found through the index's pairs of consecutive words.

    Whoosh finds a phrase by reading the positions of each of its words in
    every quote that holds them all: for "we are going to", most quotes, and
    the positions of "the" or "to" in blocks of a hundred quotes at a time.
    The index also holds each pair of consecutive words of a quote, with its
    position (``text_pairs``): the words follow one another exactly where
    their pairs do, one position apart ("we are going" is "we are" then
    "are going"), and pairs are rare, so the phrase is matched on them. The
    hits are scored as Whoosh scores a phrase: the sum of its words' scores.
    A phrase over another field, of one word, or with a slop is Whoosh's.
    """

    def pairs(self) -> list[str] | None:
        """The phrase's pairs of consecutive words; ``None`` for a phrase left to Whoosh."""
        if self.fieldname != "text" or self.slop != 1 or len(self.words) < 2:
            return None
        return [f"{first}{PAIR_SEPARATOR}{second}" for first, second in zip(self.words, self.words[1:])]

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        pairs = self.pairs()
        if pairs is None:
            return super().matcher(searcher, context)
        reader = searcher.reader()
        if any(("text_pairs", pair) not in reader for pair in pairs):
            return NullMatcher()
        if len(pairs) == 1:
            found = wq.Term("text_pairs", pairs[0]).matcher(searcher, context)
        else:
            found = wq.Phrase("text_pairs", pairs).matcher(searcher, context)
        words = [wq.Term(self.fieldname, word).matcher(searcher, context) for word in self.words]
        matcher = ScoredByWordsMatcher(found, words)
        return WrappingMatcher(matcher, boost=self.boost) if self.boost != 1.0 else matcher


class ScoredByWordsMatcher(WrappingMatcher):
    """The documents ``found`` matches, scored as the sum of the scores of ``words`` (term matchers
    over every document found), added in the order of Whoosh's phrase matcher, a binary tree of
    intersections, so that scores come out equal to the last bit.

    The words are moved to a document only when it is scored: which documents
    match (the total, the facets) is read from ``found`` alone.
    """

    def __init__(self, found: Any, words: list[Any]):
        super().__init__(found)
        self.words = words

    def copy(self) -> ScoredByWordsMatcher:
        return ScoredByWordsMatcher(self.child.copy(), [word.copy() for word in self.words])

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    def supports_block_quality(self) -> bool:
        return False  # the pairs' block qualities do not bound the words' scores

    def score(self) -> float:
        docnum = self.child.id()
        for word in self.words:
            word.skip_to(docnum)  # every document found holds every word of the phrase
        return sum_as_whoosh([word.score() for word in self.words])


def sum_as_whoosh(scores: list[float]) -> float:
    """The sum of the words' scores, split in halves as Whoosh's ``make_binary_tree`` splits its matchers."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return sum_as_whoosh(scores[:half]) + sum_as_whoosh(scores[half:])
