"""The article's entity index: its people and organizations, and where it names them.

One pass over the entities spaCy found gives each person or organization
its names (``John Kirby``, ``Kirby``), its type by votes over every
occurrence (the small model tags many militias as persons), the gender its
honorifics give, and each named mention with its sentence, whether it is a
subject or speaker, whether it sits inside quotation marks, and the role
written there. Pronoun links are added by :mod:`.pronouns`; the finished
index of a doc comes from :func:`quotes.extract.referents.article_index`.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from .lemmas import lemma_of
from .name_words import (
    bare,
    clean_name,
    head_of,
    is_generic_org_noun,
    is_abbreviated_title,
    is_given_name_of,
    is_misspelt_surname,
    is_shortening,
    is_title,
    name_of,
    name_parts,
    strip_mention,
)
from .roles import role_written_at
from .sentences import sentences_of

#: spaCy entity labels we index, and the speaker type each suggests.
ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "organization"}
#: Weight of one piece of context (an org noun, an honorific) against the entity labels' votes.
CONTEXT_VOTE = 3
#: Weight of one pronoun in a sentence whose subject the name is (``its``, ``he``).
PRONOUN_VOTE = 1.5
#: How many sentences back a pronoun or nominal looks for its antecedent.
ANTECEDENT_WINDOW = 4
#: How many named mentions back a pronoun or nominal looks at most (a long sentence naming
#: hundreds of people must not make every look-up read them all).
MAX_MENTIONS_BACK = 60
#: Share of long words capitalized that makes a line a title-case headline.
TITLE_CASE_SHARE = 0.8
#: Most words a nickname in marks inside a name has (``Marcia "Cia" Price``).
MAX_NICKNAME_WORDS = 2
#: Marks that are also apostrophes: they do not open or close a quote here.
SINGLE_MARKS = frozenset("'’‘`")


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
        more that no other form ends with (the longest on a tie), else the most
        frequent form. A hyphenated surname is one word (``Mr. Holtz-Eakin`` is
        ``Douglas Holtz-Eakin``); ``De Blasio`` is short for ``Bill de Blasio``."""
        full = [form for form in self.forms if len(form.split()) > 1 and not self._shortens(form)]
        return max(full or list(self.forms), key=lambda form: (self.forms[form], len(form)))

    def _shortens(self, form: str) -> bool:
        """Is ``form`` the end of a longer form of the same entity?"""
        return any(other.lower().endswith(" " + form.lower()) for other in self.forms)

    @property
    def last_seen(self) -> int:
        return self.mentions[-1].start if self.mentions else -1

    @property
    def last_salient(self) -> int:
        """Where the article's body last made it a subject or a speaker (-1 if never)."""
        return max((m.start for m in self.mentions if m.salient and not m.in_headline), default=-1)

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
    main: bool = False  # the subject (or speaker) of its sentence's main verb: whom the sentence is about
    described: bool = False  # introduced with a role or a "who" clause (``Henry Crespo, president of ...``)
    in_headline: bool = False  # in the first line or a title-case one, where names run into verbs (``Will Sanders``)

    @property
    def prominent(self) -> bool:
        """A subject or speaker, or someone the sentence introduces or describes."""
        return self.salient or self.described


@dataclass
class ArticleIndex:
    """The article's entities, their mentions in order, and lookups by token."""

    lexicon: Lexicon
    entities: list[Entity]
    mentions: list[NamedMention]
    by_token: dict[int, NamedMention]
    sentence_of: list[int]  # token index -> sentence number
    mention_starts: list[int]  # start token of each mention, for bisecting
    quoted: list[bool]  # token index -> inside double quotation marks
    headline_tokens: frozenset[int] = frozenset()  # tokens of title-case lines (headlines)
    pronoun_links: dict[int, Entity] = field(default_factory=dict)  # he/she token -> person

    def mentions_before(self, token: Token, sentences: int) -> list[NamedMention]:
        """Named mentions ending before ``token``, from ``sentences - 1`` sentences back on."""
        first_sentence = self.sentence_of[token.i] - (sentences - 1)
        upto = bisect.bisect_left(self.mention_starts, token.i)
        found = []
        for position in range(upto - 1, max(upto - MAX_MENTIONS_BACK, 0) - 1, -1):
            mention = self.mentions[position]
            if mention.sentence < first_sentence:
                break
            if mention.end <= token.i:
                found.append(mention)
        return found[::-1]

    def nearest(
        self,
        token: Token,
        fits: Callable[[Entity], bool],
        salient_only: bool = False,
        sentences: int = ANTECEDENT_WINDOW,
    ) -> Entity | None:
        """The entity of the latest sentence before ``token`` with a fitting mention
        outside quotes, preferring a subject or speaker in that sentence."""
        candidates = [m for m in self.mentions_before(token, sentences) if fits(m.entity) and not m.quoted]
        if salient_only:
            candidates = [m for m in candidates if m.salient]
        if not candidates:
            return None
        latest = [m for m in candidates if m.sentence == candidates[-1].sentence]
        salient = [m for m in latest if m.salient]
        return (salient or latest)[-1].entity

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of every name the article gives its people and organizations, lowercase."""
        return frozenset(word.lower() for entity in self.entities for form in entity.forms for word in form.split())

    def add_link(self, token: Token, entity: Entity) -> None:
        """Record that ``token`` (a pronoun) stands for ``entity``; later pronouns can reach back to it."""
        self.pronoun_links[token.i] = entity
        link = NamedMention(
            token.i, token.i + 1, self.sentence_of[token.i], entity,
            salient=token.dep_ in ("nsubj", "nsubjpass"), quoted=False, role=None,
            main=token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT",
        )
        position = bisect.bisect_left(self.mention_starts, token.i)
        self.mentions.insert(position, link)
        self.mention_starts.insert(position, token.i)


def is_group(entity: Entity) -> bool:
    """An organization that is not a place."""
    return entity.type == "organization" and not entity.is_place


def is_organization(entity: Entity) -> bool:
    return entity.type == "organization"


def find_entities(doc: Doc, lexicon: Lexicon) -> ArticleIndex:
    """The article's entities and their named mentions, without pronoun links."""
    headline_tokens = _title_case_tokens(doc)
    first_line_end = next((token.i for token in doc if "\n" in token.text_with_ws), len(doc))
    recognized = [_with_given_name(span, lexicon) for span in doc.ents if span.label_ in ENTITY_TYPES]
    spans = _recut_headline_names(_with_nickname_names(recognized, lexicon), headline_tokens, lexicon)
    quoted = _quoted_token_mask(doc)
    types = _vote_types(spans, quoted, lexicon)
    sentence_of = sentences_of(doc).numbers
    names = [name_of(strip_mention(span, lexicon)) for span in spans]
    people = [name for name in names if types[name.lower()] == "person"]
    spans = sorted(spans + _missed_surnames(doc, people, lexicon), key=lambda span: span.start)
    entities: list[Entity] = []
    mentions: list[NamedMention] = []
    for span in spans:
        name_span = strip_mention(span, lexicon)
        name = name_of(name_span)
        kind = types.get(name.lower(), "person")
        gender = gender_at(doc, name_span, lexicon) if kind == "person" else None
        entity = entity_named(entities, name, kind, lexicon, gender)
        if entity is None:
            entity = Entity(kind, is_place=span.label_ == "GPE")
            entities.append(entity)
        entity.forms[name] += 1
        evidence = honorific_gender(doc, name_span, lexicon) or given_name_gender(name, lexicon)
        if evidence and kind == "person":
            entity.gender_votes[evidence] += CONTEXT_VOTE
        in_body = span.start not in headline_tokens
        role = role_written_at(doc, name_span.start, span.end, lexicon) if kind == "person" and in_body else None
        mention = NamedMention(
            name_span.start, name_span.end, sentence_of[span.start], entity,
            salient=_is_salient(span, lexicon), quoted=quoted[span.start], role=role,
            main=_is_main(span, lexicon),
            described=role is not None or _has_who_clause(span),
            in_headline=not in_body or span.start <= first_line_end,
        )
        entity.mentions.append(mention)
        mentions.append(mention)
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    return ArticleIndex(
        lexicon, entities, mentions, by_token, sentence_of, [m.start for m in mentions], quoted, headline_tokens
    )


# ---------------------------------------------------------------- headlines


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


def _recut_headline_names(spans: list[Span], headline_tokens: frozenset[int], lexicon: Lexicon) -> list[Span]:
    """Names in title-case lines cut down to the longest start that names someone
    the body names (``Obama Says`` is ``Obama``, ``Elizabeth Warren Hammers Wells
    Fargo CEO`` is ``Elizabeth Warren``), with the label the body gives them;
    dropped when the body names no one they start with (``Gold Star Mom Corners
    Obama``): their words alone cannot tell a name from a verb."""
    body = {
        name_of(strip_mention(span, lexicon)).lower(): span.label_
        for span in spans
        if span.start not in headline_tokens
    }
    recut = []
    for span in spans:
        if span.start not in headline_tokens:
            recut.append(span)
            continue
        for end in range(span.end, span.start, -1):
            name = name_of(strip_mention(span.doc[span.start: end], lexicon)).lower()
            label = body.get(name) or next(
                (
                    label
                    for known, label in body.items()
                    if label == "PERSON" and _may_be_named(known, name, lexicon)
                ),
                None,
            )
            if label:
                recut.append(Span(span.doc, span.start, end, label=label))
                break
    return recut


def _may_be_named(known: str, name: str, lexicon: Lexicon) -> bool:
    """Can a headline's ``name`` be the body's ``known`` person: a shortening of it,
    or it with a first name (``Hillary Clinton`` for ``Clinton``)?"""
    return is_shortening(known, name, lexicon) or (
        is_shortening(name, known, lexicon)
        and len(name_parts(name, lexicon)) == len(name_parts(known, lexicon)) + 1
    )


def _missed_surnames(doc: Doc, people: list[str], lexicon: Lexicon) -> list[Span]:
    """Surnames of the article's people where the entity recognizer missed them
    (``Trump spoke for an hour``): a lone capitalized noun outside any entity."""
    surnames = {name_parts(name, lexicon)[-1] for name in people if len(name_parts(name, lexicon)) > 1}
    missed = []
    for token in doc:
        if token.lower_ not in surnames or token.ent_type_:
            continue
        lone = not (token.i > 0 and doc[token.i - 1].pos_ == "PROPN") and not (
            token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
        )
        # the tagger sometimes takes "Trump" for a common noun or a verb
        capitalized = token.pos_ == "PROPN" or (token.pos_ in ("NOUN", "VERB", "ADJ") and token.is_title)
        if capitalized and lone:
            missed.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return missed


def _with_given_name(span: Span, lexicon: Lexicon) -> Span:
    """A person's name with the given name the recognizer left out (``Alexei`` of ``Alexei
    Malashenko``): the capitalized proper noun right before it, when it is no title and
    belongs to no other entity."""
    doc = span.doc
    if span.label_ != "PERSON" or span.start == 0:
        return span
    before = doc[span.start - 1]
    lemma = lemma_of(before).lower()
    if (
        before.pos_ == "PROPN"
        and before.is_title
        and not before.ent_type_
        and not is_title(before, lexicon)
        and not lexicon.describes_a_person(lemma)
        and lemma not in lexicon.org_nouns
    ):
        return Span(doc, span.start - 1, span.end, label=span.label_)
    return span


def _with_nickname_names(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """The entities, with each name that holds a nickname in marks (``Marcia "Cia" Price``,
    ``Robert C. "Bobby" Scott``) made one person in place of the pieces the recognizer cut it into."""
    whole = [_name_around_nickname(token, lexicon) for token in spans[0].doc if token.is_quote] if spans else []
    whole = [span for span in whole if span is not None]
    if not whole:
        return spans
    covered = {i for span in whole for i in range(span.start, span.end)}
    kept = [span for span in spans if not covered & set(range(span.start, span.end))]
    return sorted(kept + whole, key=lambda span: span.start)


def _name_around_nickname(mark: Token, lexicon: Lexicon) -> Span | None:
    """The person's name around the nickname ``mark`` opens: capitalized given names before it,
    a word or two in marks, capitalized surnames after (``Marcia "Cia" Price``)."""
    doc = mark.doc
    closing = next((t.i for t in doc[mark.i + 1 : mark.i + 2 + MAX_NICKNAME_WORDS] if t.is_quote), None)
    if closing is None or closing == mark.i + 1 or closing + 1 >= len(doc):
        return None
    nickname = doc[mark.i + 1 : closing]
    if not all(token.is_title and not token.is_stop for token in nickname):
        return None
    start = mark.i
    while start > 0 and _may_be_given_name(doc[start - 1], lexicon):
        start -= 1
    end = closing + 1
    while end < len(doc) and (
        (doc[end].is_title and doc[end].is_alpha and not doc[end].is_stop) or bare(doc[end]) in lexicon.name_suffixes
    ):
        end += 1
    if start == mark.i or end == closing + 1:
        return None
    return Span(doc, start, end, label="PERSON")


def _may_be_given_name(token: Token, lexicon: Lexicon) -> bool:
    """A capitalized proper noun that is no title and no other entity: a given name or an initial
    (``C.``), not ``Sen.``, ``Del.`` or the ``Marine`` of ``operative and Marine John "Tig" Tiegen``."""
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and token.ent_type_ in ("PERSON", "")
        and not is_title(token, lexicon)
        and not is_abbreviated_title(token)
    )


# ---------------------------------------------------------------- person or organization


def _vote_types(spans: list[Span], quoted: list[bool], lexicon: Lexicon) -> dict[str, str]:
    """The type of each name, by votes over all its occurrences in the article.

    The small English model tags many militias as persons, so its label is one
    vote and context weighs more: an org noun beside the name (``the Kataib
    Hezbollah militia``, ``group X``, ``X, a Shia force``), an honorific
    (``Mr.``), and the pronouns of a sentence whose subject it is (``its``:
    an organization; ``he``, ``her``: a person).
    """
    labels: dict[str, Counter] = {}
    context: dict[str, Counter] = {}
    subjects = _sentence_subjects(spans, lexicon)
    for span in spans:
        name = name_of(strip_mention(span, lexicon)).lower()
        labels.setdefault(name, Counter())[ENTITY_TYPES[span.label_]] += 1
        vote = context.setdefault(name, Counter())
        if _has_org_noun_beside(span, lexicon):
            vote["organization"] += CONTEXT_VOTE
        if span.start > 0 and bare(span.doc[span.start - 1]) in lexicon.honorifics:
            vote["person"] += CONTEXT_VOTE
        if span in subjects:
            vote.update(_pronoun_votes(span, quoted, lexicon))
    types = {name: _winner(labels[name], context[name]) for name in labels}
    people = [name for name, kind in types.items() if kind == "person"]
    for name in types:
        if not context[name]["organization"] and any(is_shortening(person, name, lexicon) for person in people):
            types[name] = "person"  # "Trump" of "Donald Trump", "De Blasio" of "Bill de Blasio", even tagged ORG
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


def _sentence_subjects(spans: list[Span], lexicon: Lexicon) -> set[Span]:
    """For each sentence, the first person or organization (places aside) that is a
    subject or speaker there."""
    subjects: dict[int, Span] = {}
    for span in spans:
        if span.label_ != "GPE" and _is_salient(span, lexicon):
            subjects.setdefault(sentences_of(span.doc).start(span.start), span)
    return set(subjects.values())


def _pronoun_votes(subject: Span, quoted: list[bool], lexicon: Lexicon) -> Counter:
    """In the subject's own clause, ``its`` votes organization and ``his``/``her``
    person (``Kataib Hezbollah declared the suspension of its operations``)."""
    votes: Counter = Counter()
    verb = head_of(subject).head
    for token in sentences_of(subject.doc).of(subject.start):
        if not (token.lower_ in ("its", "itself") or token.lower_ in lexicon.gendered_pronouns):
            continue
        if quoted[token.i] or _clause_verb(token) is not verb:
            continue
        if token.lower_ in ("its", "itself"):
            votes["organization"] += PRONOUN_VOTE
        elif token.lower_ in lexicon.gendered_pronouns:
            votes["person"] += PRONOUN_VOTE
    return votes


def _has_org_noun_beside(span: Span, lexicon: Lexicon) -> bool:
    """An org noun in apposition, compound or coordination with the name (``X and
    other groups``), or predicated of it (``X is recognised as an armed faction``)."""
    root = head_of(span)
    beside = [child for child in root.children if child.dep_ in ("appos", "compound") or _is_other_of(child)]
    if root.dep_ in ("appos", "compound"):
        beside.append(root.head)
    if root.dep_ in ("nsubj", "nsubjpass"):
        beside.extend(_predicates(root.head))
    return any(t.pos_ == "NOUN" and is_generic_org_noun(t, lexicon) for t in beside)


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


def _has_who_clause(span: Span) -> bool:
    """Does a relative clause whose subject is "who" describe the mention (``Hillary Clinton,
    who has called for ...``)?"""
    return any(
        child.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "WP" for c in child.children)
        for child in head_of(span).children
    )


def _is_main(span: Span, lexicon: Lexicon) -> bool:
    """Is the mention the subject of its sentence's main verb, or the speaker of a reporting verb?"""
    verb = head_of(span).head
    return _is_salient(span, lexicon) and (verb.dep_ == "ROOT" or lemma_of(verb).lower() in lexicon.reporting_verbs)


def _is_salient(span: Span, lexicon: Lexicon) -> bool:
    """Is the mention a subject, or the speaker of a reporting verb?"""
    root = head_of(span)
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    return lemma_of(root.head).lower() in lexicon.reporting_verbs and root.dep_ not in ("dobj", "pobj")


# ---------------------------------------------------------------- one entity, several names


def entity_named(
    entities: list[Entity], name: str, kind: str, lexicon: Lexicon, gender: str | None = None
) -> Entity | None:
    """The entity ``name`` belongs to, the most recently mentioned first: one
    known by the same name or, for people, by a name that ends with it or that
    it ends with (``Kirby`` and ``John Kirby``), else by a full name it is the
    first word of (``Hua`` of ``Hua Chunying``, ``Demi`` of ``Demi Moore``),
    else by the one full name whose surname it misspells (``McLenney`` of
    ``Tyresha McClenney``).

    A person keeps apart from one of the other gender (``Mr. Obama`` is not
    ``Michelle Obama``) and from one with another full name (``Bill Clinton``
    is not ``Hillary Clinton``, though both are ``Clinton``); a surname two
    people share goes to the one the article already calls by it (after
    ``his wife, Heidi Cruz``, ``Cruz`` is still Ted Cruz), else to the one
    the body last made a subject or a speaker (``Bill Clinton criticized the
    law ... for his wife Hillary Clinton``, then ``Clinton said``: Bill).
    """
    fitting = sorted(
        (
            entity
            for entity in entities
            if entity.type == kind
            and any(_same_entity_name(form, name, kind, lexicon) for form in entity.forms)
            and not (
                kind == "person" and (_other_gender(entity, gender) or _other_full_name(entity, name, lexicon))
            )
        ),
        key=lambda e: (e.last_salient, e.last_seen),
        reverse=True,
    )
    known_by_it = [entity for entity in fitting if name in entity.forms]
    if known_by_it or fitting or kind != "person":
        return (known_by_it or fitting or [None])[0]
    first_named = sorted(
        (
            entity
            for entity in entities
            if entity.type == kind
            and any(is_given_name_of(form, name, lexicon) for form in entity.forms)
            and not _other_gender(entity, gender)
        ),
        key=lambda e: e.last_seen,
        reverse=True,
    )
    if first_named:
        return first_named[0]
    misspelt = [
        entity
        for entity in entities
        if entity.type == kind
        and any(is_misspelt_surname(form, name, lexicon) for form in entity.forms)
        and not _other_gender(entity, gender)
    ]
    return misspelt[0] if len(misspelt) == 1 else None


def _other_gender(entity: Entity, gender: str | None) -> bool:
    return gender is not None and entity.gender not in (None, gender)


def _other_full_name(entity: Entity, name: str, lexicon: Lexicon) -> bool:
    """Does the entity go by a full name that cannot be ``name``'s person?"""
    if len(name_parts(name, lexicon)) < 2:
        return False
    return any(
        len(name_parts(form, lexicon)) > 1 and not _full_names_agree(form, name, lexicon) for form in entity.forms
    )


def _full_names_agree(one: str, other: str, lexicon: Lexicon) -> bool:
    """Can two full names be one person: one ends the other, or both share the
    surname and the first name or its initial (``Hillary Rodham Clinton``,
    ``Donald J. Trump``)?

    >>> from quotes.lexicon import DEFAULT_LEXICON as lexicon
    >>> _full_names_agree("Donald J. Trump", "Donald Trump", lexicon)
    True
    >>> _full_names_agree("Bill Clinton", "Hillary Clinton", lexicon)
    False
    """
    if one.lower() == other.lower() or is_shortening(one, other, lexicon) or is_shortening(other, one, lexicon):
        return True
    first, second = name_parts(one, lexicon), name_parts(other, lexicon)
    if first[-1] != second[-1]:
        return False
    short, long = sorted((first[0].rstrip("."), second[0].rstrip(".")), key=len)
    return long.startswith(short) and (short == long or len(short) == 1)


def _same_entity_name(known: str, name: str, kind: str, lexicon: Lexicon) -> bool:
    if known.lower() == name.lower():
        return True
    return kind == "person" and (is_shortening(known, name, lexicon) or is_shortening(name, known, lexicon))


def honorific_gender(doc: Doc, name: Span, lexicon: Lexicon) -> str | None:
    """The gender of the honorific before a name (``Mrs. Clinton``)."""
    return lexicon.honorifics.get(bare(doc[name.start - 1])) if name.start > 0 else None


def given_name_gender(name: str, lexicon: Lexicon) -> str | None:
    """The gender a full name's given name tells (``Elizabeth Warren``); a lone word tells none.

    >>> from quotes.lexicon import DEFAULT_LEXICON as lexicon
    >>> given_name_gender("Elizabeth Warren", lexicon), given_name_gender("Warren", lexicon)
    ('female', None)
    """
    parts = name.split()
    return lexicon.given_names.get(parts[0].lower().rstrip(".")) if len(parts) > 1 else None


def gender_at(doc: Doc, name: Span, lexicon: Lexicon) -> str | None:
    """The gender the article gives a name where it writes it: an honorific
    (``Mrs. Clinton``), the given name (``Hillary Clinton``) or a gendered noun
    in apposition (``the first lady, Michelle Obama``; ``Donald Trump, her
    husband``). It keeps two people apart; only honorifics and given names
    vote for the pronouns."""
    gender = honorific_gender(doc, name, lexicon) or given_name_gender(clean_name(name.text), lexicon)
    if gender:
        return gender
    head = head_of(name)
    beside = [child for child in head.children if child.dep_ == "appos"]
    if head.dep_ == "appos":
        beside.append(head.head)
    genders = {lexicon.noun_gender.get(lemma_of(token).lower()) for token in beside} - {None}
    return genders.pop() if len(genders) == 1 else None


# ---------------------------------------------------------------- quotation marks


def _quoted_token_mask(doc: Doc) -> list[bool]:
    """For each token, is it inside double quotation marks (counted per paragraph)?"""
    mask, inside = [], False
    for token in doc:
        if "\n" in token.text:
            inside = False
        if is_double_mark(token):
            inside = not inside
            mask.append(False)
        else:
            mask.append(inside)
    return mask


def is_double_mark(token: Token) -> bool:
    return token.is_quote and token.text not in SINGLE_MARKS
