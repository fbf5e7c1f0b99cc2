"""Pronouns linked to the people and organizations of the article, and the gender evidence behind it.

``he``/``she`` goes to the nearest person who can be of that gender, ``it`` to the
nearest organization, ``they`` to the nearest group named as a subject or
speaker, and the writer's own ``I`` to whoever signs the piece. A person's
gender comes from honorifics (:mod:`.entities`) and from he/she said of them
when they were the only person in view.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .entities import ANTECEDENT_WINDOW, ArticleIndex, Entity, is_group, is_organization
from .lemmas import lemma_of
from .name_words import clean_name

#: How far back a pronoun looks when the nearer sentences name nobody outside quotes.
FAR_ANTECEDENT_WINDOW = 12
#: How many sentences back a he/she may look and still count as gender evidence.
GENDER_EVIDENCE_WINDOW = 3
#: Most words a signature line ("Chris Smith.") may have.
MAX_SIGNATURE_WORDS = 4


def vote_genders(doc: Doc, index: ArticleIndex) -> None:
    """Gender evidence beside honorifics: he/she outside quotes when one person, named
    as a subject or speaker, was in view (``Secretary of State Hillary Clinton,
    when he ...`` is no evidence: she is only the object there)."""
    for token in doc:
        gender = index.lexicon.gendered_pronouns.get(token.lower_)
        if gender is None or index.quoted[token.i]:
            continue
        in_view = [m for m in index.mentions_before(token, GENDER_EVIDENCE_WINDOW) if m.entity.type == "person"]
        people = {m.entity for m in in_view}
        if len(people) == 1 and any(m.salient for m in in_view):
            people.pop().gender_votes[gender] += 1


def link_pronouns(doc: Doc, index: ArticleIndex) -> None:
    """Resolve each he/she outside quotes in reading order; each link becomes a
    mention later pronouns can reach back to, so a chain of pronouns carries
    the person through a long passage that never names them again."""
    for token in doc:
        gender = index.lexicon.gendered_pronouns.get(token.lower_)
        if gender is None or index.quoted[token.i] or token.pos_ != "PRON":
            continue
        entity = nearest_person(index, token, gender)
        if entity is not None:
            index.add_link(token, entity)


def antecedent_of_pronoun(index: ArticleIndex, pronoun: Token) -> Entity | None:
    """``he``/``she`` to the nearest person of that gender, ``it`` to the nearest
    organization, ``they`` to the nearest organization named as a subject or speaker."""
    word = pronoun.lower_
    lexicon = index.lexicon
    if word in lexicon.gendered_pronouns:
        return nearest_person(index, pronoun, lexicon.gendered_pronouns[word])
    if word in lexicon.org_pronouns:
        return index.nearest(pronoun, is_group) or index.nearest(pronoun, is_organization)
    if word in lexicon.plural_pronouns:  # often unnamed people ("they say"): only a group that spoke
        return index.nearest(pronoun, is_group, salient_only=True)
    if word == "i" and not index.quoted[pronoun.i]:
        return author_of(index, pronoun)
    return None


def author_of(index: ArticleIndex, pronoun: Token) -> Entity | None:
    """Whom the writer's own "I" stands for: the person who signs the piece.

    A letter is signed on a line of its own after it ("Chris Smith."), an
    opinion piece in a closing line about its writer ("Ana Ruiz is a
    playwright ..."): the first signature after the pronoun, else that
    closing line.
    """
    doc = pronoun.doc
    lines = lines_after(doc, pronoun.i)
    for start, end in lines:
        words = [t for t in doc[start:end] if not (t.is_punct or t.is_space)]
        if 0 < len(words) <= MAX_SIGNATURE_WORDS and all(t.ent_type_ == "PERSON" for t in words):
            signer = Entity("person")  # a signature line reads as a headline: the index leaves it out
            signer.forms[clean_name(doc[words[0].i : words[-1].i + 1].text)] += 1
            return signer
    if lines:
        start, end = lines[-1]
        named = index.by_token.get(start)
        if named is not None and named.entity.type == "person" and named.end < end and lemma_of(doc[named.end]) == "be":
            return named.entity
    return None


def lines_after(doc: Doc, i: int) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` of the lines that follow the one holding token ``i``."""
    lines, start = [], None
    for token in doc[i:]:
        if start is None and not token.is_space and token.i > i and "\n" in doc[token.i - 1].text_with_ws:
            start = token.i
        if start is not None and ("\n" in token.text_with_ws or token.i == len(doc) - 1):
            lines.append((start, token.i + 1))
            start = None
    return lines


def nearest_person(index: ArticleIndex, token: Token, gender: str | None) -> Entity | None:
    """The person ``he``/``she`` at ``token`` stands for, among people named outside quotes
    who can be of that gender (not known to be of the other).

    Someone named earlier in the pronoun's own sentence comes first; else the
    latest sentence that has a subject, a speaker or someone introduced with
    a role who fits, else the latest that names one at all; looking further back when the last sentences name
    nobody outside quotes (``he`` after a long quotation is the one quoted).
    In a sentence, its main subject or speaker wins, then one known to be of
    that gender, then the latest. Recency comes before prominence: the
    person the paragraph is about wins over the article's most named one.
    """

    def agrees(entity: Entity) -> bool:
        return entity.type == "person" and (gender is None or entity.gender in (None, gender))

    sentence = index.sentence_of[token.i]
    for sentences in (ANTECEDENT_WINDOW, FAR_ANTECEDENT_WINDOW):
        candidates = [m for m in index.mentions_before(token, sentences) if agrees(m.entity) and not m.quoted]
        own = [m for m in candidates if m.sentence == sentence]
        pool = own or [m for m in candidates if m.prominent] or candidates
        if pool:
            latest = [m for m in pool if m.sentence == pool[-1].sentence]
            return max(latest, key=lambda m: (m.main, m.prominent, m.entity.gender == gender, m.start)).entity
    return None
