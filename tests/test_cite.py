"""Citing stored quotes: verification and context, the three citation styles, CSL-JSON and BibTeX
against hand-written files, the reporter's framing in Markdown, and `quotes cite` / `search --format`."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from seed_records import fill_store, save_gold_speakers

from quotes.api import build
from quotes.cite import cite, cite_many, context_bounds, format_citation, render
from quotes.cli import cli
from quotes.errors import UsageError
from quotes.model import Article, Quote
from quotes.store import Store

DOC = "000_63344148f6407275.txt"
KIRBY_LATER = "We’ll respond on our own time"
CITATIONS = Path(__file__).resolve().parent / "data" / "citations"
SITE = "https://quotes.example.org/quotes"
# The two seed quotes of the hand-written CSL-JSON and BibTeX (tests/data/citations/).
KIRBY = "q-ddd19243883e"  # 000_…: “We’ll respond on our own time…” Kirby said
KATAIB = "q-e2251d29a600"  # 003_…: Kataib Hezbollah stated, "We are announcing the suspension…"
SOURCES = {
    "000_63344148f6407275.txt": {
        "outlet": "Morning Ledger", "published": "2024-01-31", "author": "Ana Ruiz",
        "title": "Iraqi militia halts attacks on US troops after Jordan strike",
        "url": "https://example.org/morning-ledger/militia-halts",
    },
    "003_b1a854914bfb7f38.txt": {
        "outlet": "Asia News Agency", "published": "2024-01-30", "author": "Toni Mrad & Omar Said",
        "title": "Q&A: Why Iraq’s Kataib Hezbollah suspended attacks (50% fewer since #Jordan)",
        "url": "https://example.org/asia-news/2024_01_30/kataib?ref=rss&id=3",
    },
}
# An article with no sidecar row (no outlet, no byline, no date), whose reporter frames what is said.
FRAMING_ARTICLE = """Militia says it will halt attacks on US forces

Kataib Hizbollah claimed in a statement that "we are not seeking a wider war with anyone."

Kataib Hizbollah also condemned what it calls "the occupation forces" in Iraq.

Pentagon spokesman Pat Ryder admitted that "there is more work to do."
"""


@pytest.fixture
def store(tmp_path, seeds_dir, seeds_gold):
    with Store(tmp_path / "quotes.db") as store:
        fill_store(store, seeds_dir, seeds_gold)
        save_gold_speakers(store, seeds_gold)
        yield store


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir):
    """Two seeds and the framing article built by the real pipeline, with a sidecar for the seeds."""
    work = tmp_path_factory.mktemp("cite")
    metadata = work / "metadata.tsv"
    with metadata.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t")
        writer.writerow(["file", "outlet", "published", "author", "title", "url"])
        for doc, source in SOURCES.items():
            writer.writerow([doc, *source.values()])
    framing = work / "framing.txt"
    framing.write_text(FRAMING_ARTICLE, encoding="utf-8")
    db, index = work / "quotes.db", work / "index"
    build([seeds_dir / doc for doc in SOURCES] + [framing], db, index, metadata_path=metadata)
    return db, index


def quote_id(store: Store, doc: str, starts_with: str) -> str:
    return next(q.quote_id for q in store.quotes() if q.doc == doc and q.text.startswith(starts_with))


def cited(db: Path, *quote_ids: str) -> list:
    citations, unknown = cite_many(Store(db), quote_ids)
    assert unknown == []
    return citations


def framing_quote(db: Path, starts_with: str) -> str:
    return quote_id(Store(db), "framing.txt", starts_with)


def invoke(*args, stdin: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin, catch_exceptions=False)


# -- gathering and verifying ------------------------------------------------------------------


def test_cite_gives_context_provenance_and_verifies(store):
    c = cite(store, quote_id(store, DOC, KIRBY_LATER))
    assert c.verified and c.problems == ()
    start, end = c.quote_in_context
    assert c.context[start:end] == c.quote.text
    assert c.context == f"“{c.quote.text}” Kirby said on Wednesday."
    assert (c.speaker, c.quote.speaker_mention, c.quote.role) == ("John Kirby", "Kirby", None)
    assert c.article_role == "US National Security Council spokesman"
    assert c.who == "John Kirby, US National Security Council spokesman"
    assert (c.source.outlet, c.source.author, c.source.published, c.source.doc) == ("Morning Ledger", "Ana Ruiz", "2024-01-31", DOC)
    assert c.source.sha256 == store.article_sha256(DOC)
    text = store.article(DOC).text
    assert text[c.quote.speaker_start:c.quote.speaker_end] == "Kirby" and text[c.quote.cue_start:c.quote.cue_end] == "said"


def test_a_tampered_article_is_not_verified(store):
    qid = quote_id(store, DOC, KIRBY_LATER)
    store.db.execute("UPDATE articles SET text = replace(text, 'our own time', 'our own clock') WHERE id = ?", [DOC])
    c = cite(store, qid)
    assert not c.verified
    assert c.problems[0] == "the article text no longer matches its SHA-256"
    assert "is 'We’ll respond on our own clock" in c.problems[1]


def test_a_quote_whose_text_was_edited_is_not_verified(store):
    qid = quote_id(store, DOC, KIRBY_LATER)
    store.db["quotes"].update(qid, {"text": "We will respond whenever we like"})
    c = cite(store, qid)
    assert not c.verified and len(c.problems) == 1
    assert c.problems[0].startswith("the text at 2482:2587 is 'We’ll respond")
    assert "*not verified*: the text at 2482:2587" in format_citation(c, "markdown")
    assert "<em>not verified</em>" in render([c], fmt="html")


def test_unknown_quote_gives_none_and_cite_many_names_it(store):
    assert cite(store, "q-000000000000") is None
    kirby = quote_id(store, DOC, KIRBY_LATER)
    citations, unknown = cite_many(store, [kirby, "q-000000000000", kirby])
    assert [c.quote.quote_id for c in citations] == [kirby] and unknown == ["q-000000000000"]


def test_context_reaches_the_speaker_in_the_next_paragraph(tmp_path):
    text = "Intro line.\n“We will not back down,”\nsaid the minister, Jane Roe.\nUnrelated line."
    quote = Quote(start=13, end=35, text="We will not back down,", speaker="Jane Roe",
                  speaker_mention="the minister", speaker_start=42, speaker_end=54, cue="said",
                  cue_start=37, cue_end=41)
    with Store(tmp_path / "q.db") as store:
        store.save_article(Article(doc="roe.txt", text=text), [quote])
        c = cite(store, store.quotes()[0].quote_id)
    assert c.verified
    assert c.context == "“We will not back down,”\nsaid the minister, Jane Roe."
    assert "Source: untitled article" in format_citation(c)


def test_a_long_paragraph_is_cut_around_the_quote():
    words = " ".join(f"word{i}" for i in range(600))
    text = f"{words} “the quote itself” {words}"
    start = text.index("the quote")
    first, last = context_bounds(text, [(start, start + 16)], limit=200)
    assert first < start and start + 16 < last and last - first <= 200
    assert text[first - 1] == " " and text[last] == " "


# -- quotes show ------------------------------------------------------------------------------


def test_show_markdown_is_a_blockquote_with_attribution_and_link(store):
    qid = quote_id(store, DOC, KIRBY_LATER)
    markdown = format_citation(cite(store, qid), "markdown")
    first, blank, attribution = markdown.splitlines()
    assert first.startswith("> We’ll respond on our own time") and not first.endswith(",")
    assert blank == ">"
    assert attribution.startswith("> — John Kirby, US National Security Council spokesman, said, "
                                  "*as reported by* Morning Ledger, [“A leading Iraqi militia")
    assert attribution.endswith(f"](https://example.org/{DOC}) (2024-01-31) · `{qid}`")


def test_show_text_and_json_formats(store):
    c = cite(store, quote_id(store, DOC, "footprints"))
    text = format_citation(c)
    assert "— Pentagon spokesperson (written “A Pentagon spokesperson”)" in text
    assert "Verified: yes" in text
    assert "“⟦footprints of Kataib Hizbollah⟧”" in text
    shown = json.loads(format_citation(c, "json"))
    assert (shown["quote"]["text"], shown["source"]["doc"], shown["verified"]) == ("footprints of Kataib Hizbollah", DOC, True)
    with pytest.raises(UsageError, match="unknown format 'html'"):
        format_citation(c, "html")


# -- data a reference manager imports -----------------------------------------------------------


def test_csl_json_is_the_hand_written_items(built):
    db, _ = built
    items = json.loads(render(cited(db, KIRBY, KATAIB), fmt="csl-json", site_url=SITE))
    assert items == json.loads((CITATIONS / "two_quotes.csl.json").read_text(encoding="utf-8"))


def test_bibtex_is_the_hand_written_entries(built):
    db, _ = built
    bibtex = render(cited(db, KIRBY, KATAIB), fmt="bibtex", site_url=SITE)
    assert bibtex + "\n" == (CITATIONS / "two_quotes.bib").read_text(encoding="utf-8")


# -- the three styles ---------------------------------------------------------------------------

STYLE_SHAPES = {
    "apa": (
        ["(Ruiz, 2024)", "(Mrad & Said, 2024)"],
        "References",
        ["Mrad, T., & Said, O. (2024, January 30). Q&A: Why Iraq’s Kataib Hezbollah suspended attacks "
         "(50% fewer since #Jordan). Asia News Agency. https://example.org/asia-news/2024_01_30/kataib?ref=rss&id=3",
         "Ruiz, A. (2024, January 31). Iraqi militia halts attacks on US troops after Jordan strike. "
         "Morning Ledger. https://example.org/morning-ledger/militia-halts"],
    ),
    "chicago": (
        ["(Ruiz 2024)", "(Mrad and Said 2024)"],
        "References",
        ["Mrad, Toni, and Omar Said. 2024. “Q&A: Why Iraq’s Kataib Hezbollah Suspended Attacks (50% Fewer Since "
         "#Jordan).” Asia News Agency, January 30. https://example.org/asia-news/2024_01_30/kataib?ref=rss&id=3.",
         "Ruiz, Ana. 2024. “Iraqi Militia Halts Attacks on US Troops After Jordan Strike.” Morning Ledger, "
         "January 31. https://example.org/morning-ledger/militia-halts."],
    ),
    "mla": (
        ["(Ruiz, “Iraqi Militia Halts Attacks on US Troops After Jordan Strike”)"],
        "Works Cited",
        ["Mrad, Toni, and Omar Said. “Q&A: Why Iraq’s Kataib Hezbollah Suspended Attacks (50% Fewer Since "
         "#Jordan).” Asia News Agency, 30 Jan. 2024, https://example.org/asia-news/2024_01_30/kataib?ref=rss&id=3.",
         "Ruiz, Ana. “Iraqi Militia Halts Attacks on US Troops After Jordan Strike.” Morning Ledger, 31 Jan. 2024, "
         "https://example.org/morning-ledger/militia-halts."],
    ),
}


@pytest.mark.parametrize("style", STYLE_SHAPES)
def test_each_style_cites_in_its_own_shape(built, style):
    db, _ = built
    in_text, heading, entries = STYLE_SHAPES[style]
    text = render(cited(db, KIRBY, KATAIB), style, "text", site_url=SITE)
    first = text.split("\n\n")[0]
    assert first.startswith("“We’ll respond on our own time") and f"Quote: {SITE}/-/quote/{KIRBY}" in first
    assert all(citation in text for citation in in_text)
    assert text.endswith("\n\n" + "\n".join([heading, "", *entries]))


def test_html_is_escaped_and_styled(built):
    db, _ = built
    page = render(cited(db, KIRBY, KATAIB), "mla", "html", site_url=SITE)
    assert page.startswith('<figure class="quote-citation">\n'
                           f'<blockquote cite="{SITE}/-/quote/{KIRBY}"><p>We’ll respond on our own time')
    assert f'<a href="{SITE}/-/quote/{KATAIB}"><code>{KATAIB}</code></a>' in page
    assert "<h2>Works Cited</h2>" in page
    assert ("<div class=\"csl-entry\">Ruiz, Ana. “Iraqi Militia Halts Attacks on US Troops After Jordan Strike.” "
            "<i>Morning Ledger</i>, 31 Jan. 2024, https://example.org/morning-ledger/militia-halts.</div>") in page
    assert "Q&amp;A" in page and "Q&A" not in page
    assert '<a href="https://example.org/asia-news/2024_01_30/kataib?ref=rss&amp;id=3">' in page


def test_an_article_without_byline_is_cited_by_its_title_once(built):
    db, _ = built
    c = cited(db, framing_quote(db, "we are not seeking"))
    assert render(c, "apa").splitlines()[-1] == "Militia says it will halt attacks on US forces. (n.d.)."
    assert render(c, "mla").splitlines()[-1] == "Militia Says It Will Halt Attacks on US Forces."


@pytest.mark.parametrize("fmt, italic", [("markdown", "*Zebra crossings closed*"), ("html", "<i>Zebra crossings closed</i>")])
def test_the_bibliography_is_in_alphabetical_order_whatever_its_markup(tmp_path, fmt, italic):
    """An article with neither byline nor outlet starts its entry with its title in italics."""
    with Store(tmp_path / "q.db") as store:
        for doc, source in (("zebra.txt", {"title": "Zebra crossings closed"}),
                            ("ruiz.txt", {"title": "Militia halts attacks", "author": "Ana Ruiz",
                                          "outlet": "Morning Ledger", "published": "2024-01-31"})):
            store.save_article(Article(doc=doc, text=f"“We are ready,” Roe said in {doc}.", **source),
                               [Quote(start=1, end=14, text="We are ready,", speaker="Roe", cue="said")])
        citations, _ = cite_many(store, [q.quote_id for q in store.quotes()])
    entries = render(citations, "apa", fmt).split("References")[1]
    assert entries.index("Ruiz, A. (2024, January 31).") < entries.index(f"{italic}. (n.d.).")


def test_a_bad_style_or_format_is_a_usage_error(built):
    db, _ = built
    with pytest.raises(UsageError, match="unknown citation style 'harvard'; use one of apa, chicago, mla"):
        render(cited(db, KIRBY), style="harvard")
    with pytest.raises(UsageError, match="unknown citation format 'ris'"):
        render(cited(db, KIRBY), fmt="ris")


# -- Markdown keeps the reporter's framing --------------------------------------------------------


def test_markdown_keeps_the_seed_reporters_source(built):
    db, _ = built
    lines = render(cited(db, KIRBY), "apa", "markdown", site_url=SITE).splitlines()
    assert lines[0] == "> We’ll respond on our own time, on our own schedule . . . the first thing you see won’t be the last thing"
    assert lines[2] == (
        "> — John Kirby, US National Security Council spokesman, said, *as reported by* Morning Ledger, "
        "[“Iraqi militia halts attacks on US troops after Jordan strike”](https://example.org/morning-ledger/militia-halts)"
        f" (2024-01-31) · (Ruiz, 2024) · [`{KIRBY}`]({SITE}/-/quote/{KIRBY})"
    )
    assert lines[4:] == ["## References", "", "Ruiz, A. (2024, January 31). Iraqi militia halts attacks on US troops "
                         "after Jordan strike. *Morning Ledger*. <https://example.org/morning-ledger/militia-halts>"]


@pytest.mark.parametrize("starts_with, attribution", [
    ("we are not seeking", "> — Kataib Hizbollah, claimed (distancing; partial quote), *as reported in* "
                           "“Militia says it will halt attacks on US forces”"),
    ("the occupation forces", "> — Kataib Hizbollah, condemned what it calls (distancing; term in quotation marks), "
                              "*as reported in* “Militia says it will halt attacks on US forces”"),
    ("there is more work", "> — Pat Ryder, Pentagon spokesman, admitted (endorsing; partial quote), "
                           "*as reported in* “Militia says it will halt attacks on US forces”"),
])
def test_markdown_keeps_the_reporters_framing(built, starts_with, attribution):
    db, _ = built
    qid = framing_quote(db, starts_with)
    lines = render(cited(db, qid), "chicago", "markdown").splitlines()
    assert lines[0].startswith(f"> {starts_with}")
    assert lines[2] == f"{attribution} · (*Militia Says It Will Halt Attacks on US Forces*, n.d.) · `{qid}`"


def test_unknown_title_and_outlet_are_said_not_invented(tmp_path):
    text = "“We will not back down,” the minister said."
    quote = Quote(start=1, end=23, text="We will not back down,", speaker="the minister", cue="said")
    with Store(tmp_path / "q.db") as store:
        store.save_article(Article(doc="roe.txt", text=text), [quote])
        c = cite(store, store.quotes()[0].quote_id)
    markdown = render([c], "apa", "markdown")
    assert "*as reported in* an untitled article · (*\\[Untitled Article\\]*, n.d.)" in markdown
    assert "roe.txt" not in markdown + render([c], "mla", "html") + render([c], fmt="bibtex")
    assert json.loads(render([c], fmt="csl-json"))[0]["title"] == "[Untitled article]"
    assert "container-title" not in json.loads(render([c], fmt="csl-json"))[0]


def test_a_url_that_is_no_web_address_is_never_a_link(tmp_path):
    text = "“We will not back down,” the minister said."
    quote = Quote(start=1, end=23, text="We will not back down,", speaker="the minister", cue="said")
    with Store(tmp_path / "q.db") as store:
        store.save_article(Article(doc="roe.txt", text=text, title="Minister", url="javascript:alert(1)"), [quote])
        c = cite(store, store.quotes()[0].quote_id)
    page, markdown = render([c], "mla", "html"), render([c], "mla", "markdown")
    assert "javascript:alert(1)" in page and 'href="javascript' not in page
    assert "javascript:alert(1)" in markdown and "(javascript:" not in markdown and "<javascript:" not in markdown


# -- the command line -------------------------------------------------------------------------


def test_quotes_cite_reads_ids_from_standard_input(built):
    db, _ = built
    result = invoke("cite", "--db", db, "--style", "chicago", stdin=f"{KIRBY}\n\n{KATAIB}\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("“We’ll respond on our own time")
    assert "(Ruiz 2024)" in result.stdout and "(Mrad and Said 2024)" in result.stdout
    assert "\nReferences\n" in result.stdout


def test_quotes_cite_names_an_unknown_id_and_prints_the_others(built):
    db, _ = built
    result = invoke("cite", KIRBY, "q-000000000000", "--db", db, "--format", "bibtex")
    assert result.exit_code == 1
    assert result.stderr == f"Error: no quote q-000000000000 in {db}\n"
    assert result.stdout.startswith(f"@article{{{KIRBY},")


def test_search_ids_piped_into_cite(built):
    db, index = built
    ids = invoke("search", "suspension", "--index", index, "--format", "ids")
    assert ids.exit_code == 0 and KATAIB in ids.stdout.split()
    cited_items = invoke("cite", "--db", db, "--format", "csl-json", stdin=ids.stdout)
    assert cited_items.exit_code == 0, cited_items.output
    assert [item["id"] for item in json.loads(cited_items.stdout)] == ids.stdout.split()


def test_search_prints_bibtex_from_the_database(built):
    db, index = built
    result = invoke("search", '"we are announcing"', "--index", index, "--db", db, "--format", "bibtex")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"@article{{{KATAIB},\n  author = {{Mrad, Toni and Said, Omar}},")
