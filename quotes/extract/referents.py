"""Who a speaker mention stands for, inside one article.

A cue attaches to a *mention*: a name (``Maj. Gen. Pat Ryder``), a surname
(``Kirby``), a pronoun (``he``) or a nominal (``the statement``, ``this armed
group``). :func:`speaker_of_mention` turns it into a :class:`SpeakerRef`: the
fullest name the article gives that speaker, without titles or determiners,
whether it is a person or an organization, and the role the article writes at
that mention (``a spokesman for the National Security Council``).

This is one article's view; :func:`quotes.speakers.resolve_speakers` then
joins the speakers of a whole collection.

The article's people and organizations are indexed once per ``Doc``
(:func:`article_index`), so resolving every quote of an article costs one
pass over its entities.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import DEFAULT_LEXICON, Lexicon
from .descriptions import described_words, words_about
from .entities import (
    ANTECEDENT_WINDOW,
    ArticleIndex,
    Entity,
    NamedMention,
    entity_named,
    find_entities,
    is_double_mark,
    is_group,
    is_organization,
)
from .lemmas import lemma_of
from .name_words import bare, clean_name, head_of, is_abbreviated_title, is_title, strip_mention
from .pronouns import antecedent_of_pronoun, link_pronouns, vote_genders
from .roles import role_written_at


#: Entity labels of places and nationalities, which describe a person without naming anyone.
PLACE_ENTITIES = frozenset(("GPE", "LOC", "NORP"))
#: Most lowercase words and titles between a description's comma and the name in apposition (``state Del.``).
MAX_WORDS_BEFORE_APPOSITIVE = 4


@dataclass
class SpeakerRef:
    """Who a mention is: ``name`` as fully as the article gives it (None for a pronoun
    that stands for no one the article names), ``type`` (``person``, ``organization``
    or ``unknown``) and ``role`` as written at the mention."""

    name: str | None
    type: str
    role: str | None = None


_INDEXES: weakref.WeakKeyDictionary[Doc, ArticleIndex] = weakref.WeakKeyDictionary()


def article_index(doc: Doc, lexicon: Lexicon = DEFAULT_LEXICON) -> ArticleIndex:
    """The article's people and organizations, their genders and pronoun links, built once per doc.

    Kept beside the doc (not in ``doc.user_data``, which must stay
    serializable for ``nlp.pipe(n_process=2)``) and dropped with it.
    """
    index = _INDEXES.get(doc)
    if index is None or index.lexicon is not lexicon:
        index = _INDEXES[doc] = find_entities(doc, lexicon)
        vote_genders(doc, index)
        link_pronouns(doc, index)
    return index


def speaker_of_mention(doc: Doc, mention: Span, lexicon: Lexicon = DEFAULT_LEXICON) -> SpeakerRef:
    """Who ``mention`` stands for in this article.

    Names give their fullest form in the article, without titles; pronouns and
    definite nominals (``the group``) go to the nearest compatible entity
    before them; anything else is its own text without determiners.
    """
    index = article_index(doc, lexicon)
    span = strip_mention(mention, lexicon)
    head = head_of(span)
    named = _named_mention(index, span, head) or _headline_named_mention(index, span)
    if named is not None:
        return SpeakerRef(named.entity.name, named.entity.type, _role_for(doc, named))
    titled = _titled_in_headline(index, span, head)
    if titled is not None:
        return SpeakerRef(titled.name, titled.type, None)
    if head.pos_ == "PROPN" and not _is_description(mention, head, lexicon):
        return _speaker_of_unlisted_name(doc, index, span, head)
    if head.i in index.pronoun_links:
        entity = index.pronoun_links[head.i]
        return SpeakerRef(entity.name, entity.type, None)
    if len(span) == 1 and head.pos_ == "PRON":
        return _speaker_of_pronoun(index, head)
    appositive = _named_after_description(index, span, head)
    if appositive is not None:
        return SpeakerRef(appositive.entity.name, appositive.entity.type, clean_name(span.text))
    if head.pos_ in ("NOUN", "PROPN"):
        return _speaker_of_nominal(index, span, head)
    return SpeakerRef(clean_name(span.text), _type_from_words(mention, lexicon), None)


def _is_description(mention: Span, head: Token, lexicon: Lexicon) -> bool:
    """A capitalized word for a person after a definite determiner, no name: ``the Kentucky Republican``."""
    definite = mention[0].lower_ in lexicon.definite_determiners
    return definite and head.ent_type_ in ("", "NORP") and lexicon.describes_a_person(lemma_of(head).lower())


# ---------------------------------------------------------------- names


def _headline_named_mention(index: ArticleIndex, span: Span) -> NamedMention | None:
    """In a headline, the name the mention starts with (``Obama Sees``: ``Obama``)."""
    if span.start not in index.headline_tokens:
        return None
    return index.by_token.get(span.start)


def _titled_in_headline(index: ArticleIndex, span: Span, head: Token) -> Entity | None:
    """A headline that names someone by a title (``Retired General Reveals ...``) means the
    first person the body writes with that title (``Retired Air Force Gen. Norman Ham``)."""
    lexicon, doc = index.lexicon, span.doc
    if span.start not in index.headline_tokens or not is_title(head, lexicon):
        return None
    title = lexicon.title_abbreviations.get(bare(head), bare(head))
    for named in index.mentions:
        if named.in_headline or named.entity.type != "person" or named.start == 0:
            continue
        before = bare(doc[named.start - 1])
        if lexicon.title_abbreviations.get(before, before) == title or _role_says(named.role, title, lexicon):
            return named.entity
    return None


def _speaker_of_unlisted_name(doc: Doc, index: ArticleIndex, span: Span, root: Token) -> SpeakerRef:
    """A name the entity recognizer missed here: the proper nouns ending at the
    span's head, matched to an entity the article names elsewhere if it can be."""
    lexicon = index.lexicon
    start = root.i
    while start > span.start and doc[start - 1].pos_ == "PROPN" and not is_title(doc[start - 1], lexicon):
        start -= 1
    name = clean_name(doc[start: root.i + 1].text)
    role = None if start in index.headline_tokens else role_written_at(doc, start, root.i + 1, lexicon)
    entity = entity_named(index.entities, name, "person", lexicon) or entity_named(
        index.entities, name, "organization", lexicon
    )
    if entity is not None:
        return SpeakerRef(entity.name, entity.type, role)
    return SpeakerRef(name, _type_from_words(span, lexicon), role)


def _named_mention(index: ArticleIndex, span: Span, root: Token) -> NamedMention | None:
    """The named mention ``span`` is, or the one that issued or makes up what
    heads it: ``The Kataib Hezbollah forces``, ``a Pentagon readout``, ``a letter
    from the American Legion``. Anything else with a name inside is about
    someone else (``A Pentagon spokesperson``, ``the Christie supporter``,
    ``the Trump campaign``).
    """
    if root.i in index.by_token:
        return index.by_token[root.i]
    lexicon = index.lexicon
    lemma = lemma_of(root).lower()
    if lemma not in lexicon.org_nouns and lemma not in lexicon.statement_nouns:
        return None
    inside = [index.by_token[t.i] for t in span if t.i in index.by_token]
    owners = [m for m in inside if m.end <= root.i or _issued_by(span.doc[m.end - 1], root)]
    if lemma in lexicon.org_nouns:  # "the Trump campaign" is not Donald Trump
        owners = [m for m in owners if m.entity.type == "organization"]
    return owners[-1] if owners else None


def _issued_by(name: Token, noun: Token) -> bool:
    """Is ``name`` the object of ``by``/``from`` on ``noun`` (``a letter from X``,
    ``a study by a Russian sociologist, X``)?"""
    while name.dep_ == "appos":
        name = name.head
    preposition = name.head
    return preposition.lower_ in ("by", "from") and preposition.head.i == noun.i


def _type_from_words(span: Span, lexicon: Lexicon) -> str:
    """``person``/``organization`` from titles and nouns in the span, else ``unknown``."""
    words = {bare(token) for token in span} | {lemma_of(token).lower() for token in span}
    if words & (lexicon.title_words | lexicon.person_nouns):
        return "person"
    if words & lexicon.org_nouns:
        return "organization"
    return "unknown"


def _named_after_description(index: ArticleIndex, span: Span, head: Token) -> NamedMention | None:
    """The person named right after a description, set off by a comma, where the parse missed
    the apposition (``Scott's niece, state Del. Marcia "Cia" Price (D-Va.), shouted``).

    Lowercase words and titles may stand before the name; a name owning
    something next (``the aide, Clinton's ...``) is no apposition, nor is a
    name after a description that is no subject (``According to her aide, Clinton ...``).
    """
    doc, lexicon = span.doc, index.lexicon
    if head.tag_ != "NN" or head.dep_ == "pobj" or not lexicon.describes_a_person(lemma_of(head).lower()):
        return None  # not "According to their advisers, Mrs. Clinton ..."
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    named = None
    for token in doc[span.end + 1 : span.end + 2 + MAX_WORDS_BEFORE_APPOSITIVE]:
        named = index.by_token.get(token.i)
        if named is not None and named.start == token.i and named.entity.type == "person":
            break
        named = None
        if not (token.is_lower or is_title(token, lexicon) or is_abbreviated_title(token)):
            return None
    if named is None:
        return None
    following = doc[named.end] if named.end < len(doc) else None
    if following is not None and (following.tag_ == "POS" or following.pos_ in ("NOUN", "PROPN")):
        return None
    return named


# ---------------------------------------------------------------- roles


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
        if is_double_mark(token):
            return True
        if "\n" in token.text_with_ws:
            return False
    return False


# ---------------------------------------------------------------- pronouns and nominals


def _speaker_of_pronoun(index: ArticleIndex, pronoun: Token) -> SpeakerRef:
    """The entity the pronoun stands for; a pronoun for no one named gives no name."""
    entity = antecedent_of_pronoun(index, pronoun)
    if entity is None:
        gendered = pronoun.lower_ in index.lexicon.gendered_pronouns
        return SpeakerRef(None, "person" if gendered else "unknown", None)
    return SpeakerRef(entity.name, entity.type, None)


def _speaker_of_nominal(index: ArticleIndex, span: Span, head: Token) -> SpeakerRef:
    """A description instead of a name.

    A definite singular one stands for someone named before: ``the group`` the
    nearest organization, ``the regime`` the nearest state, ``the statement``
    the nearest speaker, and any other (``the spokesman``, ``the billionaire``)
    a person (see :func:`_person_described_as`). One described by whom they
    work for (``Obama's former campaign strategist``) is the person the sentence
    before was about, when that is someone else (see
    :func:`_subject_described_by_owner`). Other indefinite, plural and
    possessive ones (``a Pentagon spokesperson``, ``the attendees``) stand for themselves.
    """
    lexicon = index.lexicon
    lemma = lemma_of(head).lower()
    members = _members_named(head, lexicon)
    if members is not None:
        return members
    text = _description_text(span, lemma, lexicon)
    definite = any(c.dep_ == "det" and c.lower_ in lexicon.definite_determiners for c in head.children)
    entity = _owner_of_statement(index, head)
    singular = head.tag_ not in ("NNS", "NNPS")
    if entity is None and definite and singular and lemma in lexicon.statement_nouns:
        issuer = _issuer_of_earlier(index, span, head)
        if issuer is not None:
            return issuer
    if entity is None and definite and singular:
        entity = _antecedent_of_nominal(index, span, head, lemma)
    if entity is None and singular and lexicon.describes_a_person(lemma):
        entity = _subject_described_by_owner(index, span, head)
    names_a_thing = (
        lemma in lexicon.statement_nouns or lemma in lexicon.org_nouns or lemma in lexicon.collective_nouns
    )
    role = text if lexicon.describes_a_person(lemma) and not names_a_thing else None
    if entity is not None:
        return SpeakerRef(entity.name, entity.type, role)
    return SpeakerRef(text, "person" if role else _type_from_words(span, lexicon), role)


def _members_named(head: Token, lexicon: Lexicon) -> SpeakerRef | None:
    """The names a plural description lists as its members: "The authors of the report, which
    include the U.S. PIRG Education Fund and Citizens for Tax Justice" speak as those two."""
    if head.tag_ != "NNS":
        return None
    for child in head.rights:
        if child.dep_ == "relcl" and lemma_of(child) == "include":
            named = next((c for c in child.children if c.dep_ == "dobj"), None)
        elif child.dep_ == "prep" and child.lower_ == "including":
            named = next((c for c in child.children if c.dep_ == "pobj"), None)
        else:
            continue
        if named is None or named.pos_ != "PROPN":
            return None
        doc = head.doc
        start = named.left_edge.i
        while doc[start].lower_ in lexicon.determiners:
            start += 1
        names = doc[start : named.right_edge.i + 1]
        return SpeakerRef(clean_name(names.text), _type_from_words(names, lexicon), None)
    return None


def _issuer_of_earlier(index: ArticleIndex, span: Span, head: Token) -> SpeakerRef | None:
    """Who issued ``the letter``: whoever the article said sent, released or wrote ``a letter``
    a few sentences before (its subject, or the object of ``by``/``from`` on it), named or
    described (``a group of parents sent a letter``: ``group of parents``)."""
    doc, lexicon = span.doc, index.lexicon
    first = index.sentence_of[span.start] - (ANTECEDENT_WINDOW - 1)
    for i in range(span.start - 1, -1, -1):
        if index.sentence_of[i] < first:
            return None
        earlier = doc[i]
        if lemma_of(earlier) != lemma_of(head) or index.quoted[i]:
            continue
        indefinite = lexicon.determiners - lexicon.definite_determiners
        if not any(c.dep_ == "det" and c.lower_ in indefinite for c in earlier.children):
            return None  # the latest mention of the noun is not the one introducing the document
        issuer = _issuer_at(earlier)
        return _speaker_of_issuer(index, issuer) if issuer is not None else None
    return None


def _issuer_at(document: Token) -> Token | None:
    """The head of whoever issued ``document``: ``by``/``from`` on it, else the subject of the
    verb it is the object of (``X sent a letter``)."""
    for preposition in document.rights:
        if preposition.lower_ in ("by", "from"):
            issuer = next((c for c in preposition.children if c.dep_ == "pobj"), None)
            if issuer is not None:
                return issuer
    if document.dep_ != "dobj":
        return None
    return next((c for c in document.head.children if c.dep_ == "nsubj"), None)


def _speaker_of_issuer(index: ArticleIndex, issuer: Token) -> SpeakerRef | None:
    """The speaker an issuer's head stands for: its name, what its pronoun stands for, or its
    description up to any comma (``the staff association, which urged ...``)."""
    if issuer.i in index.by_token:
        entity = index.by_token[issuer.i].entity
        return SpeakerRef(entity.name, entity.type, None)
    if issuer.pos_ == "PRON":
        entity = index.pronoun_links.get(issuer.i) or antecedent_of_pronoun(index, issuer)
        return SpeakerRef(entity.name, entity.type, None) if entity is not None else None
    if issuer.pos_ != "NOUN" or any(c.dep_ == "poss" for c in issuer.children):
        return None  # "his campaign sent an email": whom "his" stands for is the nominal rules' work
    doc = issuer.doc
    start = issuer.left_edge.i
    while start < issuer.i and doc[start].lower_ in index.lexicon.determiners:
        start += 1
    end = next((t.i for t in doc[issuer.i : issuer.right_edge.i + 1] if t.is_punct), issuer.right_edge.i + 1)
    description = doc[start:end]
    return SpeakerRef(clean_name(description.text), _type_from_words(description, index.lexicon), None)


def _subject_described_by_owner(index: ArticleIndex, span: Span, head: Token) -> Entity | None:
    """The person ``Obama's former campaign strategist`` stands for: the named main subject of
    the sentence just before (``David Axelrod on Wednesday called on ...``), news's way of
    telling who someone is without repeating the name. Not the owner, nor anyone when the sentence
    before is about no one named (then it is an unnamed source: ``Trump's campaign manager``)."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.i in index.by_token), None)
    if owner is None or index.by_token[owner.i].entity.type != "person":
        return None
    sentence = index.sentence_of[span.start]
    earlier = [m for m in index.mentions_before(span[0], 2) if not m.quoted and span.doc[m.start].pos_ != "PRON"]
    if any(m.sentence == sentence for m in earlier):
        return None  # "Clinton's wins ... as Sanders' campaign manager suggested": about someone in view
    subjects = {m.entity for m in earlier if m.sentence == sentence - 1 and m.main}
    if len(subjects) != 1:
        return None
    subject = subjects.pop()
    gender = index.lexicon.noun_gender.get(lemma_of(head).lower())
    if subject.type != "person" or subject.gender not in (None, gender or subject.gender):
        return None
    return None if subject is index.by_token[owner.i].entity else subject


def _description_text(span: Span, lemma: str, lexicon: Lexicon) -> str:
    """The description as written; an organization owned by a name loses the
    possessive, as its name does without it (``Clinton's campaign`` is the
    ``Clinton campaign``)."""
    if lemma not in lexicon.org_nouns:
        return clean_name(span.text)

    def owners_mark(token: Token) -> bool:
        return token.tag_ == "POS" and token.i > span.start and token.nbor(-1).is_title

    return clean_name("".join(" " if owners_mark(t) else t.text_with_ws for t in span))


def _owner_of_statement(index: ArticleIndex, head: Token) -> Entity | None:
    """Whose words "her statement", "his remarks", "its letter" are: whom the possessive stands for."""
    lexicon = index.lexicon
    lemma = lemma_of(head).lower()
    if lemma not in lexicon.statement_nouns and lemma not in lexicon.speech_nouns:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is None:
        return None
    return index.pronoun_links.get(owner.i) or antecedent_of_pronoun(index, owner)


def _antecedent_of_nominal(index: ArticleIndex, span: Span, head: Token, lemma: str) -> Entity | None:
    lexicon = index.lexicon
    token = span[0]
    named_modifier = any(t.pos_ == "PROPN" for t in span if t.i != head.i)
    if named_modifier and not lexicon.describes_a_person(lemma):
        return None  # "the Trump campaign" is itself, not the last group named
    # a place or a party describes ("the Kentucky Republican"); a person or a group makes it
    # someone else's ("the RNC member", "the Clinton aide")
    affiliated = any(_names_someone(index, t) for t in span if t.i != head.i)
    if lemma in lexicon.statement_nouns:
        return index.nearest(token, lambda e: True, salient_only=True) or index.nearest(token, is_group)
    if lemma in lexicon.group_nouns:
        return index.nearest(token, is_group)
    if lemma in lexicon.state_nouns:
        return index.nearest(token, lambda e: e.is_place) or index.nearest(token, is_organization)
    if lemma in lexicon.collective_nouns or not lexicon.describes_a_person(lemma):
        return None
    if lemma in lexicon.moment_nouns:
        protagonist = False  # "the announcer" of an ad is nobody the article follows
    else:
        protagonist = not affiliated and lemma not in lexicon.go_between_nouns  # not "the RNC member"
    return _person_described_as(index, span, head, lexicon.noun_gender.get(lemma), protagonist)


def _names_someone(index: ArticleIndex, token: Token) -> bool:
    """Is ``token`` part of a name of a person or group (not a place) of the article?"""
    if token.pos_ != "PROPN":
        return False
    named = index.by_token.get(token.i)
    if named is not None:
        return not named.entity.is_place
    return token.ent_type_ in ("PERSON", "ORG")


def _person_described_as(
    index: ArticleIndex, span: Span, head: Token, gender: str | None, protagonist: bool
) -> Entity | None:
    """The person ``the <description>`` stands for.

    The one the article described with most of the same words before (its
    capitalized words in the role or the party-and-state tag at their name,
    :mod:`.descriptions`, then its noun in their role: ``President Obama`` for
    ``the president``, ``Mitch McConnell (R-Ky.)`` for ``the Kentucky
    Republican``), the latest on a tie. Else, for a description with no
    capitalized words but a party and when ``protagonist``, the one the
    article has named most among people named (outside quotes) in the last
    few sentences: news calls its main figure ``the billionaire``, ``the
    former secretary of state``, ``the Republican nominee``. One with a place
    the article tied to no one (``the Texas senator``) is the latest main
    subject in those sentences.
    """
    lexicon, doc, token = index.lexicon, span.doc, span[0]
    noun = lemma_of(head).lower()
    wanted = described_words(span, head, lexicon)

    def fits(entity: Entity) -> bool:
        return entity.type == "person" and entity.gender in (None, gender or entity.gender)

    def named_before(entity: Entity) -> list[NamedMention]:
        return [m for m in entity.mentions if m.start < token.i]

    scored = []
    for entity in index.entities:
        before = named_before(entity) if fits(entity) else []
        if not before:
            continue
        said = set().union(*(words_about(doc, m.start, m.end, m.role, lexicon) for m in before))
        score = (len(wanted & said), any(_role_says(m.role, noun, lexicon) for m in before))
        if score > (0, False):
            scored.append((score, before[-1].start, entity))
    if scored:
        return max(scored, key=lambda item: item[:2])[2]
    capitalized = [t for t in span if t.i != head.i and t.is_title]
    if not protagonist or not all(_is_place_or_party(t, lexicon) for t in capitalized):
        return None  # "the Harvard economist" named no one the article described so
    window = index.mentions_before(token, 2 * ANTECEDENT_WINDOW)
    if any(t.ent_type_ in PLACE_ENTITIES and not _is_party(t, lexicon) for t in capitalized):
        # "the Texas senator" tells where someone is from: whom the text was just about
        subjects = [m.entity for m in window if m.main and fits(m.entity) and not m.quoted]
        return subjects[-1] if subjects else None
    people = list(dict.fromkeys(m.entity for m in reversed(window) if fits(m.entity) and not m.quoted))
    return max(people, key=lambda e: len(named_before(e)), default=None)


def _is_place_or_party(token: Token, lexicon: Lexicon) -> bool:
    """A capitalized word of a place or a party (``the New York businessman``, ``the Democratic
    senator``): it tells where someone is from, not whom they belong to."""
    return token.ent_type_ in PLACE_ENTITIES or _is_party(token, lexicon)


def _is_party(token: Token, lexicon: Lexicon) -> bool:
    """``Republican``, ``Democratic``, ``GOP``: a party's word, spelled out as the lexicon does."""
    return lexicon.party_words.get(token.lower_, token.lower_) in lexicon.party_words.values()


def _role_says(role: str | None, noun: str, lexicon: Lexicon) -> bool:
    """Does the written role use ``noun``, abbreviations spelled out (``Sen.`` says senator)?

    >>> from quotes.lexicon import DEFAULT_LEXICON as lexicon
    >>> _role_says("Florida Sen.", "senator", lexicon), _role_says("Pentagon spokesman", "leader", lexicon)
    (True, False)
    """
    words = [word.lower().rstrip(".") for word in (role or "").replace("-", " ").split()]
    return any(lexicon.title_abbreviations.get(word, word) == noun for word in words)
