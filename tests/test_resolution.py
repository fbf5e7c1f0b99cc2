"""A build resolves only what its articles reach, and gets what resolving everything gets (quotes.resolution).

Each test builds a collection in increments (articles added, edited, renamed,
removed; an organization entering and leaving; the curation file changing)
and after each step compares the database, row by row, with a copy of it
resolved over the whole database (``quotes build --full``). ``quotes check``
then confirms the search index holds what the database holds.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from quotes import api
from quotes.check import check
from quotes.speakers import GIVEN_NAME_BY_EVIDENCE, MENTION

# Every row resolution writes, in an order that does not depend on insertion.
RESOLVED_ROWS = {
    "speakers": "SELECT * FROM speakers ORDER BY id",
    "speaker_names": "SELECT * FROM speaker_names ORDER BY speaker_id, name",
    "speaker_merges": "SELECT * FROM speaker_merges ORDER BY speaker_id, name, reason",
    "clusters": "SELECT * FROM clusters ORDER BY id",
    "quote links": "SELECT id, speaker_id, speaker_spelling, speaker_role, cluster_id, departure, flagged "
                   "FROM quotes ORDER BY id",
    "name_keys": "SELECT * FROM name_keys ORDER BY article_id, name, key",
    "name_roles": "SELECT * FROM name_roles ORDER BY article_id, name",
    "statement_versions": "SELECT * FROM statement_versions ORDER BY quote_id",
    "statement_pairs": "SELECT * FROM statement_pairs ORDER BY a, b",
    "repeated_statements": "SELECT * FROM repeated_statements ORDER BY block, first, other",
    "spokespersons": "SELECT * FROM spokespersons ORDER BY person, organization",
}

KIRBY = """Pentagon says strikes will continue

"We are not looking for a war," Kirby told reporters on Friday.

"The response will be tiered," said Pat Ryder, a spokesman for the Harbor Defense Council.
"""
COUNCIL = """Council suspends its patrols

"Our patrols are suspended until further notice," the Harbor Defense Council said in a statement.

"We suspend all patrols until further notice," the council's spokesman Pat Ryder said.
"""
DOE = """Mayor opens the new bridge

"This bridge joins two halves of one city," said Mayor Janet Doe-Okafor at the opening.
"""


def rows(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as connection:
        return {table: connection.execute(sql).fetchall() for table, sql in RESOLVED_ROWS.items()}


def build(folder: Path, db: Path, aliases: Path | None = None, full: bool = False, metadata: Path | None = None):
    report = api.build([folder], db, db.parent / f"{db.stem}-index", aliases_path=aliases, full=full,
                       metadata_path=metadata)
    assert not report.failed, report.problems
    return report


def assert_same_as_full(folder: Path, db: Path, aliases: Path | None = None, metadata: Path | None = None) -> None:
    """The database equals a copy of it resolved over everything, and its index holds what it holds."""
    full = db.with_name(f"{db.stem}-full.db")
    shutil.copy(db, full)
    shutil.rmtree(full.parent / f"{full.stem}-index", ignore_errors=True)
    shutil.copytree(db.parent / f"{db.stem}-index", full.parent / f"{full.stem}-index")
    build(folder, full, aliases, full=True, metadata=metadata)
    incremental, everything = rows(db), rows(full)
    for table in RESOLVED_ROWS:
        only_here = sorted(set(incremental[table]) - set(everything[table]))[:3]
        only_there = sorted(set(everything[table]) - set(incremental[table]))[:3]
        assert incremental[table] == everything[table], f"{table}: increments {only_here}, full {only_there}"
    report = check(db, db.parent / f"{db.stem}-index")
    assert not report.problems, report.problems


@pytest.fixture
def collection(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:3]:
        shutil.copy(seed, folder / seed.name)
    return folder


def test_increments_equal_one_resolution_of_everything(collection, seeds_dir, tmp_path):
    db = tmp_path / "quotes.db"
    first = build(collection, db)
    assert first.resolution.full  # a new database has no name keys yet
    assert_same_as_full(collection, db)

    for seed in sorted(seeds_dir.glob("*.txt"))[3:]:
        shutil.copy(seed, collection / seed.name)
    (collection / "kirby.txt").write_text(KIRBY, encoding="utf-8")
    step = build(collection, db)
    assert not step.resolution.full, step.resolution.reason
    assert_same_as_full(collection, db)

    (collection / "council.txt").write_text(COUNCIL, encoding="utf-8")  # an organization Ryder's role names arrives
    assert not build(collection, db).resolution.full
    assert_same_as_full(collection, db)

    edited = sorted(collection.glob("00*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Kirby", "Kirbey"), encoding="utf-8")
    (collection / "kirby.txt").rename(collection / "kirby-renamed.txt")
    # ... and leaves (a deleted file would keep its stored article: see quotes.identity.plan_articles)
    (collection / "council.txt").write_text(DOE, encoding="utf-8")
    assert not build(collection, db).resolution.full
    assert_same_as_full(collection, db)


def test_a_build_resolves_again_only_the_names_it_reaches(collection, tmp_path):
    db = tmp_path / "quotes.db"
    build(collection, db)
    (collection / "doe.txt").write_text(DOE, encoding="utf-8")
    resolution = build(collection, db).resolution
    assert not resolution.full
    assert resolution.names == 1 and resolution.quotes == 1
    assert_same_as_full(collection, db)


def test_a_change_to_the_curation_file_resolves_its_names_again(collection, tmp_path):
    db, aliases = tmp_path / "quotes.db", tmp_path / "aliases.yml"
    (collection / "kirby.txt").write_text(KIRBY, encoding="utf-8")
    build(collection, db, aliases)
    aliases.write_text("merge:\n  - [Pat Ryder, John Kirby]\n", encoding="utf-8")
    resolution = build(collection, db, aliases).resolution
    assert not resolution.full
    with sqlite3.connect(db) as connection:
        merged = connection.execute("SELECT count(DISTINCT speaker_id) FROM quotes WHERE speaker IN "
                                    "('Pat Ryder', 'John Kirby')").fetchone()[0]
    assert merged == 1
    assert_same_as_full(collection, db, aliases)
    aliases.write_text("split:\n  - [Kirby, John Kirby]\n", encoding="utf-8")
    assert not build(collection, db, aliases).resolution.full
    assert_same_as_full(collection, db, aliases)


def test_polnear_articles_built_in_increments_equal_one_resolution(polnear_dir, tmp_path):
    texts = sorted((polnear_dir / "texts" / "dev").glob("*"))[:36]
    folder = tmp_path / "articles"
    folder.mkdir()
    db = tmp_path / "quotes.db"
    for start in range(0, len(texts), 12):
        for text in texts[start:start + 12]:
            shutil.copy(text, folder / text.name)
        build(folder, db)
    edited = folder / texts[5].name
    edited.write_text(edited.read_text(encoding="utf-8").replace("Trump", "Trumpp", 1), encoding="utf-8")
    (folder / texts[7].name).unlink()
    resolution = build(folder, db).resolution
    assert not resolution.full, resolution.reason
    assert_same_as_full(folder, db)


def mayor_article(name: str, statement: str, day: int) -> str:
    return f"""Mayor speaks at the harbour, day {day}

"{statement}," said {name} at the harbour on day {day}.
"""


BRIDGE = "This bridge joins two halves of one city and will carry trams by spring"
BRIDGE_TRIMMED = "This bridge joins two halves of one city"


def cluster_of(db: Path, text: str) -> set[str]:
    """The quote IDs of the cluster holding a quote of ``text``."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT id FROM quotes WHERE cluster_id IN "
                                  "(SELECT cluster_id FROM quotes WHERE text LIKE ?)", [f"%{text}%"]).fetchall()
    return {quote_id for (quote_id,) in rows}


def test_a_new_version_joins_a_statement_and_its_removal_splits_it(collection, tmp_path):
    """A statement's cluster grows by a new article's version and shrinks when an edit takes one away, each
    build clustering only the component it reaches."""
    db = tmp_path / "quotes.db"
    (collection / "bridge-1.txt").write_text(mayor_article("Mayor Janet Doe-Okafor", BRIDGE, 1), encoding="utf-8")
    build(collection, db)
    assert cluster_of(db, "two halves") == set()

    (collection / "bridge-2.txt").write_text(mayor_article("Janet Doe-Okafor", BRIDGE_TRIMMED, 2), encoding="utf-8")
    joined = build(collection, db).resolution
    assert not joined.full, joined.reason
    assert len(cluster_of(db, "two halves")) == 2
    assert_same_as_full(collection, db)

    (collection / "bridge-3.txt").write_text(mayor_article("Janet Doe-Okafor", BRIDGE, 3), encoding="utf-8")
    grown = build(collection, db).resolution
    assert len(cluster_of(db, "two halves")) == 3
    with sqlite3.connect(db) as connection:
        stored = connection.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert 3 <= grown.clustered < stored, "only the statement's component is clustered again"
    assert_same_as_full(collection, db)

    (collection / "bridge-3.txt").write_text(mayor_article("Janet Doe-Okafor", "The ferries will run all night", 3),
                                             encoding="utf-8")  # its version of the statement leaves
    assert not build(collection, db).resolution.full
    assert len(cluster_of(db, "two halves")) == 2
    assert_same_as_full(collection, db)


def write_sidecar(path: Path, published: dict[str, tuple[str, str]]) -> None:
    """A metadata sidecar giving each file its (outlet, published date)."""
    lines = ["file\toutlet\tpublished\tauthor\ttitle\turl"]
    lines += [f"{name}\t{outlet}\t{date}\t\t\t" for name, (outlet, date) in published.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_new_date_or_a_quote_edited_away_counts_the_speaker_again(collection, tmp_path):
    """A speaker's counts and dates follow its quotes' articles: a build that only moves an article's date and
    outlet, or one that takes a quote away, links no quote anew, yet the speaker's counts change."""
    db, metadata = tmp_path / "quotes.db", tmp_path / "metadata.tsv"
    for day in (1, 2):
        (collection / f"bridge-{day}.txt").write_text(mayor_article("Janet Doe-Okafor", BRIDGE, day), encoding="utf-8")
    first = ("Harbour Post", "2024-01-01")
    write_sidecar(metadata, {"bridge-1.txt": first, "bridge-2.txt": ("Harbour Post", "2024-01-02")})
    build(collection, db, metadata=metadata)

    write_sidecar(metadata, {"bridge-1.txt": first, "bridge-2.txt": ("City Wire", "2024-03-05")})
    assert not build(collection, db, metadata=metadata).resolution.full
    with sqlite3.connect(db) as connection:
        counted = connection.execute("SELECT n_quotes, n_articles, n_outlets, first_quoted, last_quoted FROM speakers "
                                     "WHERE name = 'Janet Doe-Okafor'").fetchone()
    assert counted == (2, 2, 2, "2024-01-01", "2024-03-05")
    assert_same_as_full(collection, db, metadata=metadata)

    (collection / "bridge-2.txt").write_text(KIRBY, encoding="utf-8")
    assert not build(collection, db, metadata=metadata).resolution.full
    assert_same_as_full(collection, db, metadata=metadata)


def test_a_new_article_that_changes_a_speakers_canonical_name_moves_its_statements(collection, tmp_path):
    """More quotes under a fuller name make it the canonical one: the speaker gets a new ID, and its
    statements' blocks and clusters follow it."""
    db = tmp_path / "quotes.db"
    for day in (1, 2):
        (collection / f"bridge-{day}.txt").write_text(mayor_article("Janet Okafor", BRIDGE, day), encoding="utf-8")
    build(collection, db)
    with sqlite3.connect(db) as connection:
        before = connection.execute("SELECT DISTINCT speaker_id FROM quotes WHERE text LIKE '%two halves%'").fetchall()
    for day in (3, 4, 5):
        (collection / f"bridge-{day}.txt").write_text(
            mayor_article("Janet Marie Okafor", f"The harbour will open to ferries on day {day} of the works", day),
            encoding="utf-8")
    assert not build(collection, db).resolution.full
    with sqlite3.connect(db) as connection:
        after = connection.execute("SELECT DISTINCT speaker_id FROM quotes WHERE text LIKE '%two halves%'").fetchall()
        name = connection.execute("SELECT name FROM speakers WHERE id = ?", after[0]).fetchone()[0]
    assert name == "Janet Marie Okafor" and after != before
    assert len(cluster_of(db, "two halves")) == 2
    assert_same_as_full(collection, db)


def test_copies_of_articles_quoting_the_same_people_equal_one_resolution(polnear_dir, tmp_path):
    """Heavy shared speakers: copies of PolNeAR articles (as bench/scale.py makes them) quote the same people
    in the same words, so each copy's quotes join statements every earlier copy holds."""
    texts = sorted((polnear_dir / "texts" / "dev").glob("*"))[:8]
    folder = tmp_path / "articles"
    folder.mkdir()
    db = tmp_path / "quotes.db"
    for text in texts:
        shutil.copy(text, folder / text.name)
    build(folder, db)
    for copy in (1, 2):
        for text in texts[copy::3]:
            body = text.read_text(encoding="utf-8")
            (folder / f"copy{copy}-{text.name}").write_text(f"{body}\n\n(Copy {copy}.)\n", encoding="utf-8")
        step = build(folder, db).resolution
        assert not step.full, step.reason
        assert_same_as_full(folder, db)
    with sqlite3.connect(db) as connection:
        clustered = connection.execute("SELECT count(DISTINCT cluster_id) FROM quotes").fetchone()[0]
    assert clustered > 0, "the copies carry statements in several versions"
    edited = folder / f"copy1-{texts[1].name}"
    edited.write_text(texts[2].read_text(encoding="utf-8"), encoding="utf-8")  # now a copy of another article
    assert not build(folder, db).resolution.full
    assert_same_as_full(folder, db)


def article(title: str, *paragraphs: str) -> str:
    return "\n\n".join([title, *paragraphs]) + "\n"


def trump_article(day: int) -> str:
    """One of many articles quoting the same person by full name and surname: a heavily shared surname."""
    return article(f"Developer tours the harbour, day {day}",
                   f'"We will build the harbour wall by spring of year {day}," said Donald Trump on Monday.',
                   f'"The county needs {day} more jobs," he said.',
                   f'"It will be a very strong wall, the best of {day} walls," Trump added.')


SURNAME_ONLY = article("Council hears from a developer",
                       '"The tower will have forty floors," Mr. Trump said at the council meeting.')
IVANKA = article("Designer opens a store",
                 '"The store opens its doors to everyone," said Ivanka Trump at the opening.',
                 '"We hired forty people from the town," Ms. Trump said.')
DONALD_SMITH = article("Senator visits a farm",
                       '"The pumpkin weighs four hundred pounds," said Donald Smith, a senator from Ohio.')
GIVEN_NAME_ONLY = article("A senator in the rain",
                          '"The rain came too late for the corn," said Donald, the senator, on Tuesday.')
MIDDLE_NAME = article("Developer on the budget",
                      *(f'"The budget will be balanced by year {n}," said Donald John Trump.' for n in range(1, 14)))


def speaker_of_mention(db: Path, mention: str) -> tuple[str, str, str, float] | None:
    """(speaker ID, speaker name, reason, confidence) of the quote whose mention is ``mention``."""
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT s.id, s.name, m.reason, m.confidence FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
            "LEFT JOIN speaker_merges m ON m.speaker_id = s.id AND m.name = q.speaker_spelling "
            "WHERE q.speaker_mention = ?", [mention]).fetchone()


def test_a_surname_and_a_given_name_shared_by_many_articles_resolve_as_one_resolution(collection, tmp_path):
    """A one-word name ("Mr. Trump", "Donald") in one article is decided by the full names of every other
    article: each build that adds or removes one of them, or changes the canonical name they join, must
    reach it, and gives what one resolution of everything gives."""
    db = tmp_path / "quotes.db"
    for day in range(1, 5):
        (collection / f"trump-{day}.txt").write_text(trump_article(day), encoding="utf-8")
    (collection / "mr-trump.txt").write_text(SURNAME_ONLY, encoding="utf-8")
    build(collection, db)
    alone = speaker_of_mention(db, "Mr. Trump")
    assert alone[1:] == ("Donald Trump", MENTION, 0.9)  # the only full name with the surname

    steps = [  # each with the speaker "Mr. Trump" then joins, and how sure the join is
        ("ivanka.txt", IVANKA, "Donald Trump", 0.7),  # a second full name with the surname: evidence decides
        ("donald-smith.txt", DONALD_SMITH, "Donald Trump", 0.7),  # a second full name with the given name
        ("donald.txt", GIVEN_NAME_ONLY, "Donald Trump", 0.7),  # a one-word given name among them
        ("middle-name.txt", MIDDLE_NAME, "Donald John Trump", 0.7),  # a fuller, more quoted name: a new canonical
    ]
    for file_name, text, speaker, confidence in steps:
        (collection / file_name).write_text(text, encoding="utf-8")
        step = build(collection, db).resolution
        assert not step.full, step.reason
        assert_same_as_full(collection, db)
        assert speaker_of_mention(db, "Mr. Trump")[1:] == (speaker, MENTION, confidence)
    assert speaker_of_mention(db, "Mr. Trump")[0] != alone[0]
    assert speaker_of_mention(db, "Donald")[1:] == ("Donald Smith", GIVEN_NAME_BY_EVIDENCE, 0.65)

    # Files deleted keep their stored article (see quotes.identity.plan_articles): an article leaves by an
    # edit that takes its names away, or by a rename that moves it.
    for file_name in ("ivanka.txt", "middle-name.txt"):
        (collection / file_name).write_text(
            article(f"Weather in {file_name}", '"The rain stops tomorrow," the forecaster said.'), encoding="utf-8")
        step = build(collection, db).resolution
        assert not step.full, step.reason
        assert_same_as_full(collection, db)
    (collection / "trump-3.txt").rename(collection / "trump-renamed.txt")
    assert not build(collection, db).resolution.full
    assert_same_as_full(collection, db)
    assert speaker_of_mention(db, "Mr. Trump") == alone
