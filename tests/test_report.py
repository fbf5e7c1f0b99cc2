"""Reports of quotes: grouped by speaker or by statement, each cited, then a bibliography;
from the Python API and from `quotes report`, in Markdown and HTML, over the seeds."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from seed_records import SEED_CLUSTERS, fill_store, save_gold_speakers, seed_clusters

from quotes.cite import cite_many
from quotes.cli import cli
from quotes.errors import UsageError
from quotes.report import build_report, group_citations
from quotes.index import sync_index
from quotes.store import Store


@pytest.fixture
def built(tmp_path, seeds_dir, seeds_gold):
    """The seeds with their gold quotes, speakers and the two hand-made clusters, and a Whoosh index."""
    db, index = tmp_path / "quotes.db", tmp_path / "index"
    with Store(db) as store:
        fill_store(store, seeds_dir, seeds_gold)
        save_gold_speakers(store, seeds_gold)
        store.save_clusters(seed_clusters(store))
        sync_index(store, index)
    return db, index


def ids_at(store: Store, positions: list[tuple[str, int]]) -> list[str]:
    """The quote IDs at (doc, start) positions, in that order."""
    by_position = {(q.doc, q.start): q.quote_id for q in store.quotes()}
    return [by_position[p] for p in positions]


def ids_of(store: Store, speaker_id: str) -> list[str]:
    return [q.quote_id for q in store.quotes() if q.speaker_id == speaker_id]


def invoke(*args, stdin: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin, catch_exceptions=False)


def test_by_statement_puts_the_versions_of_one_statement_together_earliest_first(built):
    db, _ = built
    store = Store(db)
    gaza = ids_at(store, SEED_CLUSTERS["c-defend-gaza"])
    war = ids_at(store, SEED_CLUSTERS["c-not-seeking-war"])
    report = build_report(store, [gaza[0], war[0], gaza[1], war[1], gaza[2]], "statement", "apa", "markdown")
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Kataib Hizbollah: “We will continue to defend our people in Gaza in other ways…” (3 versions)",
        "## Hossein Salami: “We are not seeking war, but we are not afraid of it” (2 versions)",
        "## References",
    ]
    gaza_section = report.split("## ")[1]
    outlets = [line.split("*as reported by* ")[1].split(",")[0] for line in gaza_section.splitlines()
               if "*as reported by*" in line]
    assert outlets == ["Asia News Agency", "Morning Ledger", "Gulf Wire"]  # 2024-01-30, then the two of 01-31
    assert report.startswith("# Quotes\n\n5 quotes from 4 articles, grouped by statement; citations in APA style.")


def test_by_speaker_one_section_per_speaker_then_the_bibliography(built):
    db, _ = built
    store = Store(db)
    quote_ids = ids_of(store, "john-kirby") + ids_of(store, "pat-ryder")
    report = build_report(store, quote_ids, "speaker", "chicago", "markdown", site_url="https://quotes.example.org/quotes")
    sections = report.split("\n## ")
    assert [section.splitlines()[0] for section in sections[1:]] == ["John Kirby", "Pat Ryder", "References"]
    assert sections[1].count("\n> — John Kirby") == len(ids_of(store, "john-kirby"))
    assert all(f"(https://quotes.example.org/quotes/-/quote/{qid})" in report for qid in quote_ids)
    bibliography = sections[-1].split("\n\n")[1:]
    assert len(bibliography) == len({q.doc for q in store.quotes() if q.quote_id in quote_ids}) == 3
    assert bibliography[0] == ("*Asia News Agency*. 2024. “Iran-backed Militia in Iraq Suspends Attacks on US Forces "
                               "Following Deadly Drone Strike.” January 30. <https://example.org/003_b1a854914bfb7f38.txt>.")
    assert bibliography[1].startswith("Ruiz, Ana. 2024. “A Leading Iraqi Militia Said on Wednesday")


def test_html_report_is_a_page_of_its_own(built):
    db, _ = built
    store = Store(db)
    report = build_report(store, ids_of(store, "pat-ryder"), "speaker", "mla", "html", title="Ryder & the press")
    assert report.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "<title>Ryder &amp; the press</title>" in report and "<h1>Ryder &amp; the press</h1>" in report
    assert "<h2>Pat Ryder</h2>" in report and "<h2>Works Cited</h2>" in report
    assert report.count('<figure class="quote-citation">') == len(ids_of(store, "pat-ryder"))
    assert report.rstrip().endswith("</body>\n</html>")


def test_unknown_ids_and_bad_choices_are_usage_errors(built):
    db, _ = built
    store = Store(db)
    with pytest.raises(UsageError, match="no quote q-000000000000 in the database"):
        build_report(store, ["q-000000000000"], "speaker", "apa", "markdown")
    with pytest.raises(UsageError, match="unknown grouping 'outlet'"):
        build_report(store, ids_of(store, "pat-ryder"), "outlet", "apa", "markdown")
    with pytest.raises(UsageError, match="unknown report format 'text'"):
        build_report(store, ids_of(store, "pat-ryder"), "speaker", "apa", "text")


def test_a_quote_in_no_cluster_is_a_statement_of_its_own(built):
    db, _ = built
    store = Store(db)
    citations, _ = cite_many(store, ids_of(store, "john-kirby"))
    groups = group_citations(citations, "statement")
    assert [members for _, members in groups] == [[c] for c in citations]


def test_quotes_report_from_a_search_writes_markdown(built, tmp_path):
    db, index = built
    out = tmp_path / "report.md"
    result = invoke("report", "suspension", "--index", index, "--db", db, "--group-by", "statement",
                    "--style", "mla", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    report = out.read_text(encoding="utf-8")
    assert report.startswith("# Quotes matching “suspension”\n")
    assert "## Works Cited" in report and "suspension" in report.split("## Works Cited")[0]


def test_quotes_report_from_ids_on_standard_input_prints_html(built):
    db, _ = built
    ryder = ids_of(Store(db), "pat-ryder")
    result = invoke("report", "--ids", "-", "--db", db, "--format", "html", stdin="\n".join(ryder) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and "<h2>Pat Ryder</h2>" in result.stdout
    assert all(f"<code>{qid}</code>" in result.stdout for qid in ryder)


def test_quotes_report_names_an_unknown_id_and_reports_the_rest(built):
    db, _ = built
    ryder = ids_of(Store(db), "pat-ryder")
    result = invoke("report", "--ids", "-", "--db", db, stdin=f"{ryder[0]}\nq-000000000000\n")
    assert result.exit_code == 1
    assert result.stderr == f"Error: no quote q-000000000000 in {db}\n"
    assert "## Pat Ryder" in result.stdout


def test_quotes_report_takes_a_query_or_ids_not_both(built):
    db, index = built
    result = invoke("report", "suspension", "--ids", "-", "--db", db, "--index", index, stdin="")
    assert result.exit_code == 2
    assert "give a QUERY or --ids, not both" in result.stderr
