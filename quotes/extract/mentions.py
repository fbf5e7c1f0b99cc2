"""Who a speaker mention stands for, inside one article.

A cue attaches to a *mention*: a name (``Maj. Gen. Pat Ryder``), a surname
(``Kirby``), a pronoun (``he``) or a nominal (``the statement``, ``this armed
group``). :func:`resolve_speaker` turns it into a :class:`SpeakerRef`: the
fullest name the article gives that speaker, without titles or determiners,
whether it is a person or an organization, and the role the article writes at
that mention (``a spokesman for the National Security Council``).

The article's people and organizations are indexed once per ``Doc``
(:func:`article_index`), so resolving every quote of an article costs one
pass over its entities.
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

#: Honorifics: not part of a name, not a role, but they tell the gender.
HONORIFICS = {
    "mr": "male", "sir": "male", "ms": "female", "mrs": "female", "miss": "female",
    "dame": "female", "dr": None, "prof": None, "mx": None,
}
#: Military and police ranks: not part of a name and not a role.
RANKS = frozenset(
    """
    gen general maj major lt lieutenant col colonel capt captain adm admiral sgt
    sergeant brig brigadier cmdr commander cpl corporal pvt private
    """.split()
)
#: Office titles: not part of a name, but part of the role when written before it.
OFFICE_TITLES = frozenset(
    """
    president vice prime minister secretary senator sen representative rep governor
    gov mayor chancellor king queen prince princess sheikh ayatollah judge justice
    speaker ambassador pope rabbi imam cardinal bishop chairman chairwoman
    """.split()
)
#: Generational suffixes, dropped when comparing names (``Harry B. Harris Jr.`` is ``Harris``).
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
#: Abbreviated titles, spelled out to compare with nouns (``the senator`` is ``Sen. Rubio``).
TITLE_ABBREVIATIONS = {
    "sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
    "pres": "president", "sec": "secretary", "amb": "ambassador", "lt": "lieutenant",
    "col": "colonel", "maj": "major", "adm": "admiral", "capt": "captain",
}
DETERMINERS = frozenset("the a an this that these those".split())
DEFINITE_DETERMINERS = DETERMINERS - {"a", "an"}

#: Nouns that name a person by what they do (``the spokesman``).
PERSON_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson official minister president leader
    secretary adviser advisor commander director analyst expert aide envoy
    ambassador chief head senator candidate nominee governor mayor diplomat
    officer lawmaker legislator representative strategist source man woman
    chairman chairwoman manager negotiator prosecutor member prince princess
    king queen president resident student agent correspondent opponent
    proponent respondent assistant consultant immigrant applicant participant
    """.split()
)
#: People who speak for someone else: ``the spokesman`` is never the story's main figure.
GO_BETWEEN_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson aide adviser advisor official source staffer representative".split()
)
#: Nouns that name a group of people acting together (``the group``, ``the militia``).
GROUP_NOUNS = frozenset(
    """
    group militia organization organisation faction force forces brigade
    newspaper movement party network fighter coalition alliance campaign company firm
    agency council committee union association institute team outlet
    newspaper channel foundation institution center centre commission board
    bureau court police club corporation headquarters
    """.split()
)
#: Nouns that name a state or its apparatus (``the regime``): a place name fits them too.
STATE_NOUNS = frozenset(
    """
    regime government country state administration ministry department nation
    authority authorities embassy office military army
    """.split()
)
ORG_NOUNS = GROUP_NOUNS | STATE_NOUNS
#: Org nouns that say what a named thing *is* (``the Kataib Hezbollah militia``), not
#: what a person has or leads (``the Clinton campaign``, ``the Obama administration``).
KIND_OF_ORG_NOUNS = frozenset(
    """
    group militia organization organisation faction force forces brigade movement
    party network coalition alliance company firm agency union association outlet
    newspaper channel corporation
    """.split()
)
#: Nouns for what a speaker issued: they stand for whoever issued it.
STATEMENT_NOUNS = frozenset(
    """
    statement announcement release communique communiqué message letter post
    report memo tweet document declaration notice video speech email e-mail
    editorial ad advertisement transcript excerpt article story piece column
    op-ed book study survey poll analysis review filing lawsuit complaint
    readout briefing interview remarks testimony brief
    """.split()
)
#: Endings of nouns for people (``developer``, ``impostor``, ``strategist``, ``businessman``).
PERSON_NOUN_ENDINGS = re.compile(r"(?:er|or|ist|ian|ee|aire|man|woman|person|ive|crat)$")
#: Nouns for a crowd of people no name stands for (``the crowd chanted``).
COLLECTIVE_NOUNS = frozenset("crowd audience public media press people voter citizen".split())
#: Nouns that tell the gender of the person they describe.
NOUN_GENDER = {
    **dict.fromkeys(
        "man boy father son brother husband king prince spokesman chairman congressman businessman "
        "gentleman dad widower".split(),
        "male",
    ),
    **dict.fromkeys(
        "woman girl mother daughter sister wife queen princess spokeswoman chairwoman congresswoman "
        "businesswoman lady mom widow".split(),
        "female",
    ),
}
#: Marks that are also apostrophes: they do not open or close a quote here.
SINGLE_MARKS = frozenset("'’‘`")
PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
ORG_PRONOUNS = frozenset("it its itself".split())
PLURAL_PRONOUNS = frozenset("they them their themselves".split())
#: Verbs whose subject is a speaker: a subject of one is a likely antecedent.
REPORTING_LEMMAS = frozenset(
    """
    say tell add state announce note explain write declare report reply respond
    answer remark comment claim allege insist acknowledge admit concede confirm
    warn urge pledge vow promise stress emphasize emphasise argue predict
    suggest deny maintain blame accuse call consider describe
    """.split()
)
#: Inflected forms of the reporting verbs (``said``, ``states``, ``added``).
REPORTING_FORMS = frozenset(
    {form for lemma in REPORTING_LEMMAS for form in (lemma + "s", lemma + "d", lemma + "ed")}
    | {"said", "told", "wrote"}
)
#: spaCy entity labels we index, and the speaker type each suggests.
ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "organization"}
#: Entity labels that cannot be part of a role written before a name.
NON_ROLE_ENTITIES = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())
#: Weight of one piece of context (an org noun, an honorific) against the entity labels' votes.
CONTEXT_VOTE = 3
#: Weight of one pronoun in a sentence whose subject the name is (``its``, ``he``).
PRONOUN_VOTE = 1.5
#: How many sentences back a pronoun or nominal looks for its antecedent.
ANTECEDENT_WINDOW = 4
#: How far back a pronoun looks when the nearer sentences name nobody outside quotes.
FAR_ANTECEDENT_WINDOW = 12
#: How many sentences back a he/she may look and still count as gender evidence.
GENDER_EVIDENCE_WINDOW = 3
#: Punctuation that ends an appositive.
PHRASE_BREAKS = frozenset(",;.:()[]—–")
#: Share of long words capitalized that makes a line a title-case headline.
TITLE_CASE_SHARE = 0.8
#: Longest appositive read as a role, in tokens.
MAX_ROLE_TOKENS = 16


@dataclass
class SpeakerRef:
    """Who a mention is: ``name`` as fully as the article gives it, ``type``
    (``person``, ``organization`` or ``unknown``) and ``role`` as written at the mention."""

    name: str
    type: str
    role: str | None = None


@dataclass(eq=False)
class Entity:
    """One person, organization or place of the article, with its named mentions."""

    type: str
    is_place: bool = False
    forms: Counter = field(default_factory=Counter)  # the names the article uses for it
    mentions: list[NamedMention] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)

    @property
    def name(self) -> str:
        """The article's usual full name: the most frequent form of two words or
        more (the longest on a tie), else the most frequent form. A hyphenated
        surname is one word (``Mr. Holtz-Eakin`` is ``Douglas Holtz-Eakin``)."""
        full = [form for form in self.forms if len(form.split()) > 1] or list(self.forms)
        return max(full, key=lambda form: (self.forms[form], len(form)))

    @property
    def last_seen(self) -> int:
        return self.mentions[-1].start if self.mentions else -1

    @property
    def gender(self) -> str | None:
        """``male``/``female`` when the article's evidence agrees, else None."""
        ranked = self.gender_votes.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]


@dataclass(eq=False)
class NamedMention:
    """Where the article names an entity: tokens ``start:end``, titles excluded."""

    start: int
    end: int
    sentence: int
    entity: Entity
    salient: bool  # a subject, or the speaker of a reporting verb
    quoted: bool  # inside quotation marks: someone's words, not the reporter's
    role: str | None


@dataclass
class ArticleIndex:
    """The article's entities, their mentions in order, and lookups by token."""

    entities: list[Entity]
    mentions: list[NamedMention]
    by_token: dict[int, NamedMention]
    sentence_of: list[int]  # token index -> sentence number
    mention_starts: list[int]  # start token of each mention, for bisecting
    headline_tokens: frozenset[int] = frozenset()  # tokens of title-case lines (headlines)
    pronoun_links: dict[int, Entity] = field(default_factory=dict)  # he/she token -> person

    def mentions_before(self, token: Token, sentences: int) -> list[NamedMention]:
        """Named mentions ending before ``token``, from ``sentences - 1`` sentences back on."""
        first_sentence = self.sentence_of[token.i] - (sentences - 1)
        upto = bisect.bisect_left(self.mention_starts, token.i)
        found = []
        for mention in reversed(self.mentions[:upto]):
            if mention.sentence < first_sentence:
                break
            if mention.end <= token.i:
                found.append(mention)
        return found[::-1]


# ---------------------------------------------------------------- names


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _is_title(token: Token) -> bool:
    """A capitalized honorific, rank or office title (``Mr.``, ``Gen``, ``President``)."""
    word = _bare(token.text)
    return token.text[:1].isupper() and (word in HONORIFICS or word in RANKS or word in OFFICE_TITLES)


def _is_rank_or_honorific(doc: Doc, i: int) -> bool:
    """Is ``doc[i]`` a rank or honorific, or the full stop after one (``Maj`` ``.``)?"""
    if doc[i].text == "." and i > 0:
        i -= 1
    return _is_title(doc[i]) and _bare(doc[i].text) not in OFFICE_TITLES


def head_of(span: Span) -> Token:
    """The span's head word: the last word whose syntactic head lies outside it.

    English noun phrases end in their head, and a mis-parse can leave several
    words pointing outside (``Trump senior communications adviser Jason Miller``
    when "Trump" is taken for a verb): the last one is the name.
    """
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    return outside[-1] if outside else span.root


def strip_mention(span: Span) -> Span:
    """The span without determiners, titles, possessive endings and punctuation around it.

    ``The White House`` gives ``White House``; ``Maj. Gen. Pat Ryder`` gives ``Pat Ryder``.
    """
    doc = span.doc
    start, end = span.start, span.end
    while start < end - 1 and (
        doc[start].lower_ in DETERMINERS
        or _is_title(doc[start])
        or doc[start].is_punct
        or doc[start].is_space
        or _is_cue_word(doc[start])
    ):
        start += 1
    while end > start + 1 and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s", "'", "’")
    ):
        end -= 1
    while end > start + 1 and _is_generic_org_noun(doc[end - 1]) and doc[end - 2].pos_ == "PROPN":
        end -= 1  # "the Kataib Hezbollah militia" is Kataib Hezbollah
    return doc[start:end]


def _is_cue_word(token: Token) -> bool:
    """A sentence-opening reporting verb the tagger took for a first name
    (``Stated Stone: "..."``; ``The State Department`` keeps its ``State``)."""
    return token.is_sent_start and token.lower_ in REPORTING_FORMS


def _is_generic_org_noun(token: Token) -> bool:
    """A lowercase noun saying what kind of organization a name is (``militia``)."""
    return token.is_lower and token.lemma_.lower() in KIND_OF_ORG_NOUNS


def _clean(text: str) -> str:
    """Text with whitespace collapsed, invisible format characters (a soft
    hyphen in ``Doug\xadAndres``) and a possessive ending dropped."""
    text = " ".join("".join(char for char in text if unicodedata.category(char) != "Cf").split())
    for ending in ("'s", "’s"):
        text = text.removesuffix(ending)
    return text


def _name_parts(name: str) -> list[str]:
    """Words of a name, lowercase, hyphenated parts split, generational suffix dropped.

    >>> _name_parts("Harry B. Harris Jr."), _name_parts("al-Hamidawi")
    (['harry', 'b.', 'harris'], ['al', 'hamidawi'])
    """
    parts = name.lower().replace("-", " ").replace(",", " ").split()
    while len(parts) > 1 and parts[-1].rstrip(".") in NAME_SUFFIXES:
        parts.pop()
    return parts


def _is_shortening(full: str, short: str) -> bool:
    """Is ``short`` the tail of ``full``? (``Kirby`` of ``John Kirby``, ``al-Hamidawi``.)"""
    full_parts, short_parts = _name_parts(full), _name_parts(short)
    return len(short_parts) < len(full_parts) and full_parts[-len(short_parts):] == short_parts


# ---------------------------------------------------------------- the index

_INDEXES: weakref.WeakKeyDictionary[Doc, ArticleIndex] = weakref.WeakKeyDictionary()


def article_index(doc: Doc) -> ArticleIndex:
    """The article's people and organizations, built once per doc.

    Kept beside the doc (not in ``doc.user_data``, which must stay
    serializable for ``nlp.pipe(n_process=2)``) and dropped with it.
    """
    index = _INDEXES.get(doc)
    if index is None:
        index = _INDEXES[doc] = _build_index(doc)
    return index


def _build_index(doc: Doc) -> ArticleIndex:
    headline_tokens = _title_case_tokens(doc)
    spans = _recut_headline_names([span for span in doc.ents if span.label_ in ENTITY_TYPES], headline_tokens)
    quoted = _quoted_token_mask(doc)
    types = _vote_types(spans, quoted)
    sentence_of = _sentence_numbers(doc)
    names = [_clean(strip_mention(span).text) for span in spans]
    people = [name for name in names if types[name.lower()] == "person"]
    spans = sorted(spans + _missed_surnames(doc, people), key=lambda span: span.start)
    entities: list[Entity] = []
    mentions: list[NamedMention] = []
    for span in spans:
        name_span = strip_mention(span)
        name = _clean(name_span.text)
        kind = types.get(name.lower(), "person")
        entity = _entity_named(entities, name, kind, _gender_at(doc, name_span) if kind == "person" else None)
        if entity is None:
            entity = Entity(kind, is_place=span.label_ == "GPE")
            entities.append(entity)
        entity.forms[name] += 1
        honorific = _honorific_gender(doc, name_span)
        if honorific and kind == "person":
            entity.gender_votes[honorific] += CONTEXT_VOTE
        role = _role_written_at(doc, name_span.start, span.end) if kind == "person" else None
        mention = NamedMention(
            name_span.start, name_span.end, sentence_of[span.start], entity,
            salient=_is_salient(span), quoted=quoted[span.start], role=role,
        )
        entity.mentions.append(mention)
        mentions.append(mention)
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    index = ArticleIndex(entities, mentions, by_token, sentence_of, [m.start for m in mentions], headline_tokens)
    _vote_genders(doc, index, quoted)
    _link_pronouns(doc, index, quoted)
    return index


def _title_case_tokens(doc: Doc) -> frozenset[int]:
    """Tokens of the article's title-case lines (``Obama Sees 'Personal Insult' if
    Blacks Don't Rally``): lines whose words of four letters or more are nearly
    all capitalized. The entity recognizer runs names into the verbs there."""
    found: set[int] = set()
    line: list[Token] = []
    for token in doc:
        line.append(token)
        if "\n" in token.text_with_ws or token.i == len(doc) - 1:
            if _is_title_case(line):
                found.update(t.i for t in line)
            line = []
    return frozenset(found)


def _is_title_case(line: list[Token]) -> bool:
    """Are the line's words of four letters or more nearly all capitalized?

    >>> import spacy
    >>> blank = spacy.blank("en")
    >>> _is_title_case(list(blank("Gold Star Mom Corners Obama on Benghazi")))
    True
    >>> _is_title_case(list(blank("Mr. Obama said on Saturday that Mrs. Clinton would win.")))
    False
    """
    words = [token.text for token in line if token.is_alpha and len(token.text) >= 4]
    capitalized = sum(word[0].isupper() for word in words)
    return len(words) >= 2 and capitalized >= TITLE_CASE_SHARE * len(words)


def _recut_headline_names(spans: list[Span], headline_tokens: frozenset[int]) -> list[Span]:
    """Names in title-case lines cut down to the longest start that names someone
    the body names (``Obama Says`` is ``Obama``, ``Elizabeth Warren Hammers Wells
    Fargo CEO`` is ``Elizabeth Warren``), with the label the body gives them;
    dropped when the body names no one they start with (``Gold Star Mom Corners
    Obama``): their words alone cannot tell a name from a verb."""
    body = {
        _clean(strip_mention(span).text).lower(): span.label_ for span in spans if span.start not in headline_tokens
    }
    recut = []
    for span in spans:
        if span.start not in headline_tokens:
            recut.append(span)
            continue
        for end in range(span.end, span.start, -1):
            name = _clean(strip_mention(span.doc[span.start: end]).text).lower()
            label = body.get(name) or next(
                (label for known, label in body.items() if label == "PERSON" and _may_be_named(known, name)), None
            )
            if label:
                recut.append(Span(span.doc, span.start, end, label=label))
                break
    return recut


def _may_be_named(known: str, name: str) -> bool:
    """Can a headline's ``name`` be the body's ``known`` person: a shortening of it,
    or it with a first name (``Hillary Clinton`` for ``Clinton``)?"""
    return _is_shortening(known, name) or (
        _is_shortening(name, known) and len(_name_parts(name)) == len(_name_parts(known)) + 1
    )


def _missed_surnames(doc: Doc, people: list[str]) -> list[Span]:
    """Surnames of the article's people where the entity recognizer missed them
    (``Trump spoke for an hour``): a lone capitalized noun outside any entity."""
    surnames = {_name_parts(name)[-1] for name in people if len(_name_parts(name)) > 1}
    missed = []
    for token in doc:
        lone = not (token.i > 0 and doc[token.i - 1].pos_ == "PROPN") and not (
            token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
        )
        # the tagger sometimes takes "Trump" for a common noun
        capitalized_noun = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title)
        if capitalized_noun and not token.ent_type_ and lone and token.lower_ in surnames:
            missed.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return missed


def _sentence_numbers(doc: Doc) -> list[int]:
    """For each token, the number of its sentence."""
    numbers = []
    for number, sent in enumerate(doc.sents):
        numbers.extend([number] * len(sent))
    return numbers


def _vote_types(spans: list[Span], quoted: list[bool]) -> dict[str, str]:
    """The type of each name, by votes over all its occurrences in the article.

    The small English model tags many militias as persons, so its label is one
    vote and context weighs more: an org noun beside the name (``the Kataib
    Hezbollah militia``, ``group X``, ``X, a Shia force``), an honorific
    (``Mr.``), and the pronouns of a sentence whose subject it is (``its``:
    an organization; ``he``, ``her``: a person).
    """
    labels: dict[str, Counter] = {}
    context: dict[str, Counter] = {}
    subjects = _sentence_subjects(spans)
    for span in spans:
        name = _clean(strip_mention(span).text).lower()
        labels.setdefault(name, Counter())[ENTITY_TYPES[span.label_]] += 1
        vote = context.setdefault(name, Counter())
        if _has_org_noun_beside(span):
            vote["organization"] += CONTEXT_VOTE
        if span.start > 0 and _bare(span.doc[span.start - 1].text) in HONORIFICS:
            vote["person"] += CONTEXT_VOTE
        if span in subjects:
            vote.update(_pronoun_votes(span, quoted))
    types = {name: _winner(labels[name], context[name]) for name in labels}
    people = [name for name, kind in types.items() if kind == "person"]
    for name in types:
        surname = len(_name_parts(name)) == 1 and not context[name]["organization"]
        if surname and any(_is_shortening(person, name) for person in people):
            types[name] = "person"  # "Trump" of "Donald Trump", even where tagged ORG
    return types


def _clause_verb(token: Token) -> Token:
    """The verb of the clause ``token`` is in (the sentence root if none)."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def _winner(labels: Counter, context: Counter) -> str:
    """The type with most votes; a label repeated is one mistake repeated, so
    labels count by the square root of their number."""
    scores = {kind: math.sqrt(count) for kind, count in labels.items()}
    for kind, weight in context.items():
        scores[kind] = scores.get(kind, 0.0) + weight
    return max(scores, key=scores.get)


def _sentence_subjects(spans: list[Span]) -> set[Span]:
    """For each sentence, the first person or organization (places aside) that is a
    subject or speaker there."""
    subjects: dict[int, Span] = {}
    for span in spans:
        if span.label_ != "GPE" and _is_salient(span):
            subjects.setdefault(span.sent.start, span)
    return set(subjects.values())


def _pronoun_votes(subject: Span, quoted: list[bool]) -> Counter:
    """In the subject's own clause, ``its`` votes organization and ``his``/``her``
    person (``Kataib Hezbollah declared the suspension of its operations``)."""
    votes: Counter = Counter()
    verb = head_of(subject).head
    for token in subject.sent:
        if quoted[token.i] or _clause_verb(token) is not verb:
            continue
        if token.lower_ in ("its", "itself"):
            votes["organization"] += PRONOUN_VOTE
        elif token.lower_ in PRONOUN_GENDER:
            votes["person"] += PRONOUN_VOTE
    return votes


def _has_org_noun_beside(span: Span) -> bool:
    """An org noun in apposition, compound or coordination with the name (``X and
    other groups``), or predicated of it (``X is recognised as an armed faction``)."""
    root = head_of(span)
    beside = [child for child in root.children if child.dep_ in ("appos", "compound") or _is_other_of(child)]
    if root.dep_ in ("appos", "compound"):
        beside.append(root.head)
    if root.dep_ in ("nsubj", "nsubjpass"):
        beside.extend(_predicates(root.head))
    return any(t.pos_ == "NOUN" and _is_generic_org_noun(t) for t in beside)


def _is_other_of(token: Token) -> bool:
    """``other groups`` coordinated with a name: the name is one of them."""
    return token.dep_ == "conj" and any(child.lower_ == "other" for child in token.children)


def _predicates(verb: Token) -> list[Token]:
    """What a verb says its subject is: ``is a group``, ``is recognised as a faction``."""
    found = []
    for child in verb.children:
        if child.dep_ in ("attr", "oprd"):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ == "as":
            found.extend(grandchild for grandchild in child.children if grandchild.dep_ == "pobj")
    return found


def _is_salient(span: Span) -> bool:
    """Is the mention a subject, or the speaker of a reporting verb?"""
    root = head_of(span)
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    return root.head.lemma_.lower() in REPORTING_LEMMAS and root.dep_ not in ("dobj", "pobj")


def _entity_named(entities: list[Entity], name: str, kind: str, gender: str | None = None) -> Entity | None:
    """The entity ``name`` belongs to, the most recently mentioned first: one
    known by the same name or, for people, by a name that ends with it or that
    it ends with (``Kirby`` and ``John Kirby``).

    A person keeps apart from one of the other gender (``Mr. Obama`` is not
    ``Michelle Obama``) and from one with another full name (``Bill Clinton``
    is not ``Hillary Clinton``, though both are ``Clinton``); a surname two
    people share goes to the one the article already calls by it (after
    ``his wife, Heidi Cruz``, ``Cruz`` is still Ted Cruz).
    """
    fitting = [
        entity
        for entity in sorted(entities, key=lambda e: e.last_seen, reverse=True)
        if entity.type == kind
        and any(_same_entity_name(form, name, kind) for form in entity.forms)
        and not (kind == "person" and (_other_gender(entity, gender) or _other_full_name(entity, name)))
    ]
    known_by_it = [entity for entity in fitting if name in entity.forms]
    return (known_by_it or fitting or [None])[0]


def _other_gender(entity: Entity, gender: str | None) -> bool:
    return gender is not None and entity.gender not in (None, gender)


def _other_full_name(entity: Entity, name: str) -> bool:
    """Does the entity go by a full name that cannot be ``name``'s person?"""
    if len(_name_parts(name)) < 2:
        return False
    return any(len(_name_parts(form)) > 1 and not _full_names_agree(form, name) for form in entity.forms)


def _full_names_agree(one: str, other: str) -> bool:
    """Can two full names be one person: one ends the other, or both share the
    surname and the first name or its initial (``Hillary Rodham Clinton``,
    ``Donald J. Trump``)?

    >>> _full_names_agree("Donald J. Trump", "Donald Trump"), _full_names_agree("Bill Clinton", "Hillary Clinton")
    (True, False)
    """
    if one.lower() == other.lower() or _is_shortening(one, other) or _is_shortening(other, one):
        return True
    first, second = _name_parts(one), _name_parts(other)
    if first[-1] != second[-1]:
        return False
    short, long = sorted((first[0].rstrip("."), second[0].rstrip(".")), key=len)
    return long.startswith(short) and (short == long or len(short) == 1)


def _honorific_gender(doc: Doc, name: Span) -> str | None:
    """The gender of the honorific before a name (``Mrs. Clinton``)."""
    return HONORIFICS.get(_bare(doc[name.start - 1].text)) if name.start > 0 else None


def _gender_at(doc: Doc, name: Span) -> str | None:
    """The gender the article gives a name where it writes it: an honorific
    (``Mrs. Clinton``) or a gendered noun in apposition (``the first lady,
    Michelle Obama``; ``Donald Trump, her husband``). It keeps two people
    apart; only honorifics vote for the pronouns (:func:`_vote_genders`)."""
    gender = _honorific_gender(doc, name)
    if gender:
        return gender
    head = head_of(name)
    beside = [child for child in head.children if child.dep_ == "appos"]
    if head.dep_ == "appos":
        beside.append(head.head)
    genders = {NOUN_GENDER.get(token.lemma_.lower()) for token in beside} - {None}
    return genders.pop() if len(genders) == 1 else None


def _same_entity_name(known: str, name: str, kind: str) -> bool:
    if known.lower() == name.lower():
        return True
    return kind == "person" and (_is_shortening(known, name) or _is_shortening(name, known))


def _vote_genders(doc: Doc, index: ArticleIndex, quoted: list[bool]) -> None:
    """Gender evidence beside honorifics: he/she outside quotes when one person, named
    as a subject or speaker, was in view (``Secretary of State Hillary Clinton,
    when he ...`` is no evidence: she is only the object there)."""
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None or quoted[token.i]:
            continue
        in_view = [m for m in index.mentions_before(token, GENDER_EVIDENCE_WINDOW) if m.entity.type == "person"]
        people = {m.entity for m in in_view}
        if len(people) == 1 and any(m.salient for m in in_view):
            people.pop().gender_votes[gender] += 1


def _link_pronouns(doc: Doc, index: ArticleIndex, quoted: list[bool]) -> None:
    """Resolve each he/she outside quotes in reading order; each link becomes a
    mention later pronouns can reach back to, so a chain of pronouns carries
    the person through a long passage that never names them again."""
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None or quoted[token.i] or token.pos_ != "PRON":
            continue
        entity = _nearest_person(index, token, gender)
        if entity is None:
            continue
        index.pronoun_links[token.i] = entity
        link = NamedMention(
            token.i, token.i + 1, index.sentence_of[token.i], entity,
            salient=token.dep_ in ("nsubj", "nsubjpass"), quoted=False, role=None,
        )
        position = bisect.bisect_left(index.mention_starts, token.i)
        index.mentions.insert(position, link)
        index.mention_starts.insert(position, token.i)


def _quoted_token_mask(doc: Doc) -> list[bool]:
    """For each token, is it inside double quotation marks (counted per paragraph)?"""
    mask, inside = [], False
    for token in doc:
        if "\n" in token.text:
            inside = False
        if _is_double_mark(token):
            inside = not inside
            mask.append(False)
        else:
            mask.append(inside)
    return mask


# ---------------------------------------------------------------- roles


def _role_written_at(doc: Doc, name_start: int, name_end: int) -> str | None:
    """The role written at a person's name: an appositive after it, else a title before it."""
    return _appositive_role(doc, name_end) or _premodifier_role(doc, name_start)


def _appositive_role(doc: Doc, after: int) -> str | None:
    """``NAME, ROLE,``: a noun phrase set off by a comma right after the name.

    The phrase ends at the next comma, full stop, quotation mark or relative
    pronoun (``a lawyer in Orlando who ...``), holds a common noun and no
    finite verb; an age before it is skipped (``Cecelia Purner, 67, a retired
    teacher``). ``Kirby, speaking to reporters,`` gives none.
    """
    if after >= len(doc) - 1 or doc[after].text != ",":
        return None
    words = _phrase_until_comma(doc, after + 1)
    if words and all(token.like_num for token in words):
        words = _phrase_until_comma(doc, words[-1].i + 2)
    if not words or words[0].pos_ in ("ADP", "PRON", "NUM", "SCONJ", "CCONJ", "VERB", "AUX"):
        return None
    if not any(token.pos_ == "NOUN" for token in words) or any(_is_finite_verb(t, words) for t in words):
        return None
    if _phrase_head(words).pos_ not in ("NOUN", "PROPN"):
        return None  # "Clinton, triumphant in several states," describes, it is no role
    return _text_of(doc, words[0], words[-1])


def _phrase_head(words: list[Token]) -> Token:
    """The first word of the phrase whose syntactic head lies outside it."""
    inside = {token.i for token in words}
    return next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])


def _phrase_until_comma(doc: Doc, start: int) -> list[Token]:
    words = []
    for token in doc[start: start + MAX_ROLE_TOKENS]:
        if token.text in PHRASE_BREAKS or token.is_quote or token.is_space or token.tag_ in ("WP", "WP$", "WDT"):
            break
        words.append(token)
    return words


def _is_finite_verb(token: Token, words: list[Token]) -> bool:
    """A verb that is not a participle after a noun (``a broker based in Tampa`` is fine)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    after_noun = any(w.pos_ == "NOUN" for w in words if w.i < token.i)
    return not (token.tag_ in ("VBN", "VBG") and after_noun)


def _premodifier_role(doc: Doc, name_start: int) -> str | None:
    """``Pentagon press secretary Maj Gen Pat Ryder``: the title words before the name, ranks dropped."""
    i = name_start - 1
    while i >= 0 and _is_rank_or_honorific(doc, i):
        i -= 1
    end = i + 1
    while i >= 0 and _can_be_in_title(doc[i]):
        i -= 1
    start = i + 1
    while start < end and doc[start].lower_ in ("of", "for", "and", "-", "'s", "’s"):
        start += 1
    if start >= end or doc[end - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    return _text_of(doc, doc[start], doc[end - 1])


def _can_be_in_title(token: Token) -> bool:
    """Can ``token`` be part of a title written before a name (``US Department of Defense spokesman``)?"""
    if token.ent_type_ in NON_ROLE_ENTITIES or token.is_quote:
        return False
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        return True
    return token.lower_ in ("of", "-", "'s", "’s") and not token.is_sent_start


def _text_of(doc: Doc, first: Token, last: Token) -> str:
    return doc[first.i: last.i + 1].text


def _role_for(doc: Doc, named: NamedMention) -> str | None:
    """The role at this mention, or the one the reporter gave when introducing the
    entity just before in a paragraph without a quote (``Farhad Alaadin, adviser
    to ..., said the government ...`` then ``"...," Mr. Alaadin said``): the first
    quote after an introduction carries the role, later ones do not."""
    if named.role:
        return named.role
    mentions = named.entity.mentions
    position = mentions.index(named)
    if position == 0:
        return None
    previous = mentions[position - 1]
    if previous.role and not _paragraph_has_quote(doc, previous.start):
        return previous.role
    return None


def _paragraph_has_quote(doc: Doc, i: int) -> bool:
    """Is there a double quotation mark in the paragraph (line) of token ``i``?"""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    for token in doc[start:]:
        if _is_double_mark(token):
            return True
        if "\n" in token.text_with_ws:
            return False
    return False


def _is_double_mark(token: Token) -> bool:
    return token.is_quote and token.text not in SINGLE_MARKS


# ---------------------------------------------------------------- resolving


def resolve_speaker(doc: Doc, mention: Span) -> SpeakerRef:
    """Who ``mention`` stands for in this article.

    Names give their fullest form in the article, without titles; pronouns and
    definite nominals (``the group``) go to the nearest compatible entity
    before them; anything else is its own text without determiners.
    """
    index = article_index(doc)
    span = strip_mention(mention)
    head = head_of(span)
    named = _named_mention(index, span, head) or _headline_named_mention(index, span)
    if named is not None:
        return SpeakerRef(named.entity.name, named.entity.type, _role_for(doc, named))
    if head.pos_ == "PROPN":
        return _resolve_unlisted_name(doc, index, span, head)
    if head.i in index.pronoun_links:
        entity = index.pronoun_links[head.i]
        return SpeakerRef(entity.name, entity.type, None)
    if len(span) == 1 and head.pos_ == "PRON":
        return _resolve_pronoun(index, head)
    if head.pos_ == "NOUN":
        return _resolve_nominal(index, span, head)
    return SpeakerRef(_clean(span.text), _type_from_words(mention), None)


def _headline_named_mention(index: ArticleIndex, span: Span) -> NamedMention | None:
    """In a headline, the name the mention starts with (``Obama Sees``: ``Obama``)."""
    if span.start not in index.headline_tokens:
        return None
    return index.by_token.get(span.start)


def _resolve_unlisted_name(doc: Doc, index: ArticleIndex, span: Span, root: Token) -> SpeakerRef:
    """A name the entity recognizer missed here: the proper nouns ending at the
    span's head, matched to an entity the article names elsewhere if it can be."""
    start = root.i
    while start > span.start and doc[start - 1].pos_ == "PROPN" and not _is_title(doc[start - 1]):
        start -= 1
    name = _clean(doc[start: root.i + 1].text)
    role = _role_written_at(doc, start, root.i + 1)
    entity = _entity_named(index.entities, name, "person") or _entity_named(index.entities, name, "organization")
    if entity is not None:
        return SpeakerRef(entity.name, entity.type, role)
    return SpeakerRef(name, _type_from_words(span), role)


def _named_mention(index: ArticleIndex, span: Span, root: Token) -> NamedMention | None:
    """The named mention ``span`` is, or the one that issued or makes up what
    heads it: ``The Kataib Hezbollah forces``, ``a Pentagon readout``, ``a letter
    from the American Legion``. Anything else with a name inside is about
    someone else (``A Pentagon spokesperson``, ``the Christie supporter``,
    ``the Trump campaign``).
    """
    if root.i in index.by_token:
        return index.by_token[root.i]
    lemma = root.lemma_.lower()
    if lemma not in ORG_NOUNS | STATEMENT_NOUNS:
        return None
    inside = [index.by_token[t.i] for t in span if t.i in index.by_token]
    owners = [m for m in inside if m.end <= root.i or _issued_by(span.doc[m.end - 1], root)]
    if lemma in ORG_NOUNS:  # "the Trump campaign" is not Donald Trump
        owners = [m for m in owners if m.entity.type == "organization"]
    return owners[-1] if owners else None


def _issued_by(name: Token, noun: Token) -> bool:
    """Is ``name`` the object of ``by``/``from`` on ``noun`` (``a letter from X``,
    ``a study by a Russian sociologist, X``)?"""
    while name.dep_ == "appos":
        name = name.head
    preposition = name.head
    return preposition.lower_ in ("by", "from") and preposition.head.i == noun.i


def _type_from_words(span: Span) -> str:
    """``person``/``organization`` from titles and nouns in the span, else ``unknown``."""
    words = {_bare(token.text) for token in span} | {token.lemma_.lower() for token in span}
    if words & (set(HONORIFICS) | RANKS | OFFICE_TITLES | PERSON_NOUNS):
        return "person"
    if words & ORG_NOUNS:
        return "organization"
    return "unknown"


def _resolve_pronoun(index: ArticleIndex, pronoun: Token) -> SpeakerRef:
    """``he``/``she`` to the nearest person of that gender, ``it`` to the nearest
    organization, ``they`` to the nearest organization named as a subject or speaker."""
    word = pronoun.lower_
    entity = None
    if word in PRONOUN_GENDER:
        entity = _nearest_person(index, pronoun, PRONOUN_GENDER[word])
    elif word in ORG_PRONOUNS:
        entity = _nearest(index, pronoun, _is_group) or _nearest(index, pronoun, _is_org)
    elif word in PLURAL_PRONOUNS:  # often unnamed people ("they say"): only a group that spoke
        entity = _nearest(index, pronoun, _is_group, salient_only=True)
    if entity is None:
        return SpeakerRef(pronoun.text, "person" if word in PRONOUN_GENDER else "unknown", None)
    return SpeakerRef(entity.name, entity.type, None)


def _nearest_person(index: ArticleIndex, token: Token, gender: str | None) -> Entity | None:
    """The nearest person before ``token`` known to be of ``gender``, else of unknown
    gender; looking further back when the last sentences name nobody outside quotes
    (``he`` after a long quotation is the one quoted)."""
    def known(entity: Entity) -> bool:
        return entity.type == "person" and (gender is None or entity.gender == gender)

    def unknown(entity: Entity) -> bool:
        return entity.type == "person" and entity.gender is None

    for sentences in (ANTECEDENT_WINDOW, FAR_ANTECEDENT_WINDOW):
        entity = _nearest(index, token, known, sentences=sentences) or _nearest(
            index, token, unknown, sentences=sentences
        )
        if entity is not None:
            return entity
    return None


def _nearest(
    index: ArticleIndex,
    token: Token,
    fits: Callable[[Entity], bool],
    salient_only: bool = False,
    sentences: int = ANTECEDENT_WINDOW,
) -> Entity | None:
    """The entity of the latest sentence before ``token`` with a fitting mention
    outside quotes, preferring a subject or speaker in that sentence."""
    candidates = [m for m in index.mentions_before(token, sentences) if fits(m.entity) and not m.quoted]
    if salient_only:
        candidates = [m for m in candidates if m.salient]
    if not candidates:
        return None
    latest = [m for m in candidates if m.sentence == candidates[-1].sentence]
    salient = [m for m in latest if m.salient]
    return (salient or latest)[-1].entity


def _person_described_as(
    index: ArticleIndex, token: Token, noun: str, gender: str | None, protagonist: bool
) -> Entity | None:
    """The person ``the <noun>`` stands for: the latest one the article gave that
    role (``President Obama`` for ``the president``, ``Sen. Sanders`` for ``the
    senator``) or, when ``protagonist``, the one it has named most among people
    named (outside quotes) in the last few sentences: news calls its main
    figure ``the billionaire``, ``the former secretary of state``."""

    def fits(entity: Entity) -> bool:
        return entity.type == "person" and entity.gender in (None, gender or entity.gender)

    def named_before(entity: Entity) -> list[NamedMention]:
        return [m for m in entity.mentions if m.start < token.i]

    described = [
        e for e in index.entities if fits(e) and any(_role_says(m.role, noun) for m in named_before(e))
    ]
    if described:
        return max(described, key=lambda e: named_before(e)[-1].start)
    if not protagonist:
        return None
    window = index.mentions_before(token, 2 * ANTECEDENT_WINDOW)
    people = list(dict.fromkeys(m.entity for m in reversed(window) if fits(m.entity) and not m.quoted))
    return max(people, key=lambda e: len(named_before(e)), default=None)


def _role_says(role: str | None, noun: str) -> bool:
    """Does the written role use ``noun``, abbreviations spelled out (``Sen.`` says senator)?

    >>> _role_says("Florida Sen.", "senator"), _role_says("Pentagon spokesman", "leader")
    (True, False)
    """
    words = [_bare(word) for word in (role or "").replace("-", " ").split()]
    return any(TITLE_ABBREVIATIONS.get(word, word) == noun for word in words)


def _resolve_nominal(index: ArticleIndex, span: Span, head: Token) -> SpeakerRef:
    """A description instead of a name.

    A definite singular one stands for someone named before: ``the group`` the
    nearest organization, ``the regime`` the nearest state, ``the statement``
    the nearest speaker, and any other (``the spokesman``, ``the billionaire``)
    a person (see :func:`_person_described_as`). Indefinite, plural and
    possessive ones (``a Pentagon spokesperson``, ``the attendees``,
    ``Clinton's right-hand woman``) stand for themselves.
    """
    lemma = head.lemma_.lower()
    text = _description_text(span, lemma)
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children)
    entity = None
    if definite and head.tag_ not in ("NNS", "NNPS"):
        entity = _antecedent_of_nominal(index, span, head, lemma)
    names_a_thing = lemma in STATEMENT_NOUNS or lemma in ORG_NOUNS or lemma in COLLECTIVE_NOUNS
    role = text if _describes_a_person(lemma) and not names_a_thing else None
    if entity is not None:
        return SpeakerRef(entity.name, entity.type, role)
    return SpeakerRef(text, "person" if role else _type_from_words(span), role)


def _description_text(span: Span, lemma: str) -> str:
    """The description as written; an organization owned by a name loses the
    possessive, as its name does without it (``Clinton's campaign`` is the
    ``Clinton campaign``)."""
    if lemma not in ORG_NOUNS:
        return _clean(span.text)
    def owners_mark(token: Token) -> bool:
        return token.tag_ == "POS" and token.i > span.start and token.nbor(-1).is_title

    return _clean("".join(" " if owners_mark(t) else t.text_with_ws for t in span))


def _describes_a_person(lemma: str) -> bool:
    """A noun for a person: a known one, or one shaped like one (``developer``,
    ``impostor``, ``businessman``, ``representative``)."""
    return lemma in PERSON_NOUNS or PERSON_NOUN_ENDINGS.search(lemma) is not None


def _is_group(entity: Entity) -> bool:
    return entity.type == "organization" and not entity.is_place


def _is_org(entity: Entity) -> bool:
    return entity.type == "organization"


def _antecedent_of_nominal(index: ArticleIndex, span: Span, head: Token, lemma: str) -> Entity | None:
    token = span[0]
    named_modifier = any(t.pos_ == "PROPN" for t in span if t.i != head.i)
    if named_modifier and not _describes_a_person(lemma):
        return None  # "the Trump campaign" is itself, not the last group named
    if lemma in STATEMENT_NOUNS:
        return _nearest(index, token, lambda e: True, salient_only=True) or _nearest(index, token, _is_group)
    if lemma in GROUP_NOUNS:
        return _nearest(index, token, _is_group)
    if lemma in STATE_NOUNS:
        return _nearest(index, token, lambda e: e.is_place) or _nearest(index, token, _is_org)
    if lemma in COLLECTIVE_NOUNS or not _describes_a_person(lemma):
        return None
    protagonist = not named_modifier and lemma not in GO_BETWEEN_NOUNS  # not "the RNC member"
    return _person_described_as(index, token, lemma, NOUN_GENDER.get(lemma), protagonist)
