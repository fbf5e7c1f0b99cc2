"""Who a speaker mention stands for, inside one article.

A cue attaches to a *mention*: a name (``Maj. Gen. Pat Ryder``), a surname
(``Kirby``), a pronoun (``he``) or a nominal (``the statement``, ``this armed
group``). :func:`resolve_speaker` turns it into a :class:`SpeakerRef`: the
fullest name the article gives that speaker, without titles or determiners,
whether it is a person or an organization, and the role the article writes at
that mention (``a spokesman for the National Security Council``).

The article's people and organizations are indexed once per ``Doc`` (kept in
``doc.user_data``), so resolving every quote of an article costs one pass.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

#: Where the per-doc index is kept.
INDEX_KEY = "quotes.mentions.index"

#: Honorifics: not part of a name, not a role, but they tell the gender.
HONORIFICS = {
    "mr": "male", "mr.": "male", "sir": "male", "ms": "female", "ms.": "female",
    "mrs": "female", "mrs.": "female", "miss": "female", "dame": "female",
    "dr": None, "dr.": None, "prof": None, "prof.": None, "mx": None, "mx.": None,
}
#: Military and police ranks: not part of a name and not a role.
RANKS = frozenset(
    """
    gen gen. general maj maj. major lt lt. lieutenant col col. colonel capt capt.
    captain adm adm. admiral sgt sgt. sergeant brig brig. brigadier cmdr cmdr.
    commander cpl cpl. corporal pvt pvt. private
    """.split()
)
#: Office titles: not part of a name, but part of the role when written before it.
OFFICE_TITLES = frozenset(
    """
    president vice prime minister secretary senator sen sen. representative rep
    rep. governor gov gov. mayor chancellor king queen prince princess sheikh
    ayatollah judge justice speaker ambassador pope rabbi imam cardinal bishop
    chairman chairwoman chair leader
    """.split()
)
TITLE_WORDS = frozenset(HONORIFICS) | RANKS | OFFICE_TITLES

DETERMINERS = frozenset("the a an this that these those".split())

#: Nouns that name a person by what they do (``the spokesman``).
PERSON_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson official minister president leader
    secretary adviser advisor commander director analyst expert aide envoy
    ambassador chief head senator candidate nominee governor mayor diplomat
    general officer lawmaker legislator representative strategist source
    man woman chairman chairwoman chair manager negotiator prosecutor
    """.split()
)
#: Nouns that name an organization (``the group``, ``the regime``).
ORG_NOUNS = frozenset(
    """
    group militia organization organisation government ministry department
    regime campaign administration agency council committee party movement
    faction force army military company firm office embassy coalition alliance
    network union association institute brigade brigades fighter fighters
    headquarters outlet newspaper paper channel team state country
    """.split()
)
#: Nouns for what a speaker issued: they stand for whoever issued it.
STATEMENT_NOUNS = frozenset(
    """
    statement announcement release communique communiqué message letter post
    report memo tweet document declaration notice video speech
    """.split()
)
PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
ORG_PRONOUNS = frozenset("it its itself".split())
PLURAL_PRONOUNS = frozenset("they them their themselves".split())
REPORTING_LEMMAS = frozenset(
    """
    say tell add state announce note explain write declare report reply respond
    answer remark comment claim allege insist acknowledge admit concede confirm
    warn urge pledge vow promise stress emphasize emphasise argue predict
    suggest deny insist maintain blame accuse call consider describe
    """.split()
)
ENTITY_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "organization", "NORP": None}
#: How many sentences back a pronoun or nominal looks for its antecedent.
ANTECEDENT_WINDOW = 4
#: Longest appositive we read as a role, in tokens.
MAX_ROLE_TOKENS = 16


@dataclass
class SpeakerRef:
    """Who a mention is: ``name`` as fully as the article gives it, ``type``
    (``person``, ``organization`` or ``unknown``) and ``role`` as written at the mention."""

    name: str
    type: str
    role: str | None = None


@dataclass
class Entity:
    """One person or organization of the article, with all its named mentions."""

    name: str
    type: str
    mentions: list["NamedMention"] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)

    @property
    def gender(self) -> str | None:
        if not self.gender_votes:
            return None
        (top, count), *rest = self.gender_votes.most_common()
        return None if rest and rest[0][1] == count else top


@dataclass
class NamedMention:
    """A named mention: the name tokens ``start:end`` (titles excluded)."""

    start: int
    end: int
    entity: Entity
    salient: bool
    role: str | None


@dataclass
class ArticleIndex:
    """The article's entities and a lookup from token to named mention."""

    entities: list[Entity]
    by_token: dict[int, NamedMention]
    mentions: list[NamedMention]


# ---------------------------------------------------------------- names


def _is_title(token: Token) -> bool:
    return token.text.lower().rstrip(".") in {w.rstrip(".") for w in TITLE_WORDS} and (
        token.text[:1].isupper()
    )


def _strip_span(span: Span) -> Span:
    """The span without determiners, titles, possessive endings and punctuation around it."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in DETERMINERS or _is_title(doc[start]) or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    return doc[start:end]


def _name_parts(name: str) -> list[str]:
    """Words of a name, hyphenated parts split: ``al-Hamidawi`` gives ``al``, ``Hamidawi``."""
    return name.replace("-", " ").split()


def _clean(text: str) -> str:
    """Text with whitespace collapsed and the possessive dropped."""
    text = " ".join(text.split())
    for ending in ("'s", "’s"):
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text


def _ends_with_name(full: str, short: str) -> bool:
    """Is ``short`` the tail of ``full`` (``Kirby`` of ``John Kirby``, ``al-Hamidawi``)?"""
    full_parts, short_parts = _name_parts(full.lower()), _name_parts(short.lower())
    return len(short_parts) < len(full_parts) and full_parts[-len(short_parts):] == short_parts


# ---------------------------------------------------------------- the index


def article_index(doc: Doc) -> ArticleIndex:
    """The article's people and organizations, built once and cached on the doc."""
    index = doc.user_data.get(INDEX_KEY)
    if index is None:
        index = _build_index(doc)
        doc.user_data[INDEX_KEY] = index
    return index


def _entity_type(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """The type of each entity name, by votes over all its occurrences.

    The small English model calls many militias persons, so org nouns next to
    the name (``the Kataib Hezbollah militia``, ``group X``, ``X, a Shia force``)
    and ORG labels elsewhere in the article outvote a PERSON label.
    """
    votes: dict[str, Counter] = {}
    for span in spans:
        key = _clean(_strip_span(span).text).lower()
        vote = votes.setdefault(key, Counter())
        vote[ENTITY_LABELS[span.label_]] += 1
        if _has_org_noun_near(span):
            vote["organization"] += 2
        if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in ("mr", "ms", "mrs", "dr"):
            vote["person"] += 2
    return {key: vote.most_common(1)[0][0] for key, vote in votes.items()}


def _has_org_noun_near(span: Span) -> bool:
    doc = span.doc
    root = span.root
    neighbours = [root.head] if root.dep_ in ("appos", "compound") else []
    neighbours += [child for child in root.children if child.dep_ in ("appos", "compound")]
    if span.end < len(doc):
        neighbours.append(doc[span.end])
    if span.start > 0:
        neighbours.append(doc[span.start - 1])
    return any(t.lemma_.lower() in ORG_NOUNS and not t.is_sent_start for t in neighbours if t.pos_ == "NOUN")


def _is_salient(span: Span) -> bool:
    """Is the mention a subject, or the speaker of a reporting verb?"""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") or (
        root.head.pos_ == "VERB" and root.head.lemma_.lower() in REPORTING_LEMMAS and root.dep_ != "dobj"
    )


def _build_index(doc: Doc) -> ArticleIndex:
    spans = [e for e in doc.ents if e.label_ in ENTITY_LABELS and ENTITY_LABELS[e.label_]]
    types = _entity_type(doc, spans)
    entities: list[Entity] = []
    mentions: list[NamedMention] = []
    for span in spans:
        name_span = _strip_span(span)
        if len(name_span) == 0:
            continue
        name = _clean(name_span.text)
        kind = types[name.lower()]
        entity = _find_entity(entities, name, kind) or Entity(name, kind)
        if entity not in entities:
            entities.append(entity)
        if len(_name_parts(name)) > len(_name_parts(entity.name)):
            entity.name = name
        mention = NamedMention(name_span.start, name_span.end, entity, _is_salient(span), None)
        mention.role = _role_at(doc, span, name_span) if kind == "person" else None
        entity.mentions.append(mention)
        mentions.append(mention)
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    index = ArticleIndex(entities, by_token, mentions)
    _vote_genders(doc, index)
    return index


def _find_entity(entities: list[Entity], name: str, kind: str) -> Entity | None:
    """The entity ``name`` belongs to: same name, or the latest whose name ends with it."""
    for entity in reversed(entities):
        if entity.type != kind:
            continue
        if entity.name.lower() == name.lower():
            return entity
        if kind == "person" and (_ends_with_name(entity.name, name) or _ends_with_name(name, entity.name)):
            return entity
    return None


def _vote_genders(doc: Doc, index: ArticleIndex) -> None:
    """Gender evidence: honorifics, and he/she when only one person was in view."""
    for mention in index.mentions:
        if mention.entity.type != "person" or mention.start == 0:
            continue
        before = doc[mention.start - 1].lower_
        while mention.start > 1 and before in RANKS:
            before = doc[mention.start - 2].lower_
            break
        gender = HONORIFICS.get(before)
        if gender:
            mention.entity.gender_votes[gender] += 3
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None:
            continue
        people = {id(m.entity): m.entity for m in _mentions_in_view(doc, index, token, sentences=2)
                  if m.entity.type == "person"}
        if len(people) == 1:
            next(iter(people.values())).gender_votes[gender] += 1


def _sentence_starts(doc: Doc, token: Token, sentences: int) -> int:
    """The first token of the sentence ``sentences - 1`` sentences before ``token``'s."""
    sent = token.sent
    for _ in range(sentences - 1):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start


def _mentions_in_view(doc: Doc, index: ArticleIndex, token: Token, sentences: int) -> list[NamedMention]:
    """Named mentions before ``token``, from ``sentences`` sentences back up to it."""
    first = _sentence_starts(doc, token, sentences)
    return [m for m in index.mentions if first <= m.start and m.end <= token.i]


# ---------------------------------------------------------------- roles


def _role_at(doc: Doc, span: Span, name_span: Span) -> str | None:
    """The role written at a person's mention: an appositive after it, else a title before it."""
    return _appositive_role(doc, span.end) or _premodifier_role(doc, name_span.start)


def _appositive_role(doc: Doc, after: int) -> str | None:
    """``NAME, ROLE,``: a noun phrase set off by commas right after the name."""
    if after >= len(doc) - 1 or doc[after].text != ",":
        return None
    tokens = []
    for token in doc[after + 1: after + 1 + MAX_ROLE_TOKENS]:
        if token.text in (",", ";", ".", ":") or token.is_quote or token.text in "()" or token.is_space:
            break
        if token.pos_ in ("VERB", "AUX"):
            return None
        tokens.append(token)
    if not tokens or tokens[0].pos_ in ("ADP", "PRON", "NUM") or not any(t.pos_ == "NOUN" for t in tokens):
        return None
    return doc.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)]


def _premodifier_role(doc: Doc, name_start: int) -> str | None:
    """``Pentagon press secretary Maj Gen Pat Ryder``: the words before the name, ranks dropped."""
    i = name_start - 1
    while i >= 0 and _is_rank_or_honorific(doc, i):
        i -= 1
    end = i + 1
    while i >= 0 and _joins_role(doc[i]):
        i -= 1
    start = i + 1
    while start < end and doc[start].lower_ in ("of", "for", "and", "-", "'s", "’s"):
        start += 1
    if start >= end or doc[end - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    return doc.text[doc[start].idx: doc[end - 1].idx + len(doc[end - 1].text)]


def _is_rank_or_honorific(doc: Doc, i: int) -> bool:
    """Is ``doc[i]`` a rank or honorific, or the full stop of one (``Maj`` ``.``)?"""
    if doc[i].text == "." and i > 0:
        i -= 1
    return _is_title(doc[i]) and doc[i].lower_.rstrip(".") not in OFFICE_TITLES


def _joins_role(token: Token) -> bool:
    """Can ``token`` be part of a title written before a name?"""
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT") or token.is_sent_start:
        return token.is_sent_start and token.pos_ in ("NOUN", "PROPN", "ADJ") and not token.ent_type_ in ("DATE", "TIME")
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        return not token.is_quote
    return token.lower_ in ("of", "for", "-", "'s", "’s") and token.i > 0


# ---------------------------------------------------------------- resolving


def resolve_speaker(doc: Doc, mention: Span) -> SpeakerRef:
    """Who ``mention`` stands for in this article.

    Names give their fullest form in the article, without titles; pronouns and
    definite nominals (``the group``) go to the nearest compatible entity
    before them; anything else is its own text without determiners.
    """
    index = article_index(doc)
    span = _strip_span(mention) if len(mention) > 1 else mention
    if len(span) == 0:
        span = mention
    named = _named_mention(index, span)
    if named is not None:
        entity = named.entity
        return SpeakerRef(entity.name, entity.type, _role_for(doc, named))
    root = span.root
    if len(span) == 1 and root.pos_ == "PRON":
        return _resolve_pronoun(doc, index, root)
    if root.pos_ == "NOUN":
        return _resolve_nominal(doc, index, mention, span)
    return SpeakerRef(_clean(span.text), "unknown", None)


def _named_mention(index: ArticleIndex, span: Span) -> NamedMention | None:
    """The named mention ``span`` is, or whose name heads it (``The Kataib Hezbollah forces``)."""
    root = span.root
    if root.i in index.by_token:
        return index.by_token[root.i]
    if root.pos_ == "NOUN" and root.lemma_.lower() in PERSON_NOUNS:
        return None
    inside = [index.by_token[t.i] for t in span if t.i in index.by_token]
    return inside[-1] if inside else None


def _role_for(doc: Doc, named: NamedMention) -> str | None:
    """The role at this mention, or the one the reporter gave when introducing
    the entity in a sentence without a quote (``Farhad Alaadin, adviser to ...,
    said the government ...`` then ``"...," Mr. Alaadin said``)."""
    if named.role:
        return named.role
    mentions = named.entity.mentions
    position = mentions.index(named)
    if position == 0:
        return None
    previous = mentions[position - 1]
    if previous.role and not _has_quote_mark(doc[previous.start].sent):
        return previous.role
    return None


def _has_quote_mark(sent: Span) -> bool:
    return any(token.is_quote for token in sent)


def _resolve_pronoun(doc: Doc, index: ArticleIndex, pronoun: Token) -> SpeakerRef:
    word = pronoun.lower_
    if word in PRONOUN_GENDER:
        entity = _nearest(doc, index, pronoun, "person", PRONOUN_GENDER[word])
    elif word in ORG_PRONOUNS or word in PLURAL_PRONOUNS:
        entity = _nearest(doc, index, pronoun, "organization", None)
    else:
        entity = None
    if entity is None:
        return SpeakerRef(pronoun.text, "person" if word in PRONOUN_GENDER else "unknown", None)
    return SpeakerRef(entity.name, entity.type, None)


def _nearest(doc: Doc, index: ArticleIndex, token: Token, kind: str, gender: str | None) -> Entity | None:
    """The nearest compatible entity before ``token``: salient mentions and known gender first."""
    candidates = [m for m in _mentions_in_view(doc, index, token, ANTECEDENT_WINDOW) if m.entity.type == kind]
    if gender is not None:
        matching = [m for m in candidates if m.entity.gender == gender]
        unknown = [m for m in candidates if m.entity.gender is None]
        candidates = matching or unknown
    if not candidates:
        return None
    by_sentence: dict[int, list[NamedMention]] = {}
    for m in candidates:
        by_sentence.setdefault(doc[m.start].sent.start, []).append(m)
    latest = by_sentence[max(by_sentence)]
    salient = [m for m in latest if m.salient]
    return (salient or latest)[-1].entity


def _resolve_nominal(doc: Doc, index: ArticleIndex, mention: Span, span: Span) -> SpeakerRef:
    """``the group`` -> the nearest organization; ``the spokesman`` -> the nearest person."""
    root = span.root
    lemma = root.lemma_.lower()
    definite = any(t.lower_ in DETERMINERS - {"a", "an"} or t.dep_ == "poss" for t in mention)
    text = _clean(span.text)
    is_person_noun = lemma in PERSON_NOUNS
    if definite:
        if is_person_noun:
            entity = _nearest(doc, index, mention[0], "person", None)
        elif lemma in STATEMENT_NOUNS:
            entity = (_nearest(doc, index, mention[0], "organization", None)
                      or _nearest(doc, index, mention[0], "person", None))
        elif lemma in ORG_NOUNS:
            entity = _nearest(doc, index, mention[0], "organization", None)
        else:
            entity = None
        if entity is not None:
            return SpeakerRef(entity.name, entity.type, text if is_person_noun else None)
    kind = "person" if is_person_noun else "organization" if lemma in ORG_NOUNS else "unknown"
    return SpeakerRef(text, kind, text if is_person_noun else None)
