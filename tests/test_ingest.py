"""Reading articles: the seeds, metadata tables, HTML and JSON inputs, and bad input."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quotes.ingest import MAX_ARTICLE_CHARS, InputFile, find_inputs, header_facts, iso_date, read_articles, read_sidecar
from quotes.model import Article, Problem
from quotes.store import Store


def split(results) -> tuple[list[Article], list[Problem]]:
    results = list(results)
    return [r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, Problem)]


def read_one(path: Path, metadata=None) -> Article:
    articles, problems = split(read_articles([path], metadata))
    assert [p for p in problems if p.fatal] == []
    assert len(articles) == 1
    return articles[0]


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict[str, Article]:
    articles, problems = split(read_articles([seeds_dir]))
    assert problems == []
    return {a.doc: a for a in articles}


def excluded_texts(article: Article) -> list[str]:
    return [article.text[start:end] for start, end in article.excluded]


# ------------------------------------------------------------------ seeds


def test_seed_texts_are_the_files_exactly(seeds, seeds_dir):
    assert sorted(seeds) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    for doc, article in seeds.items():
        with open(seeds_dir / doc, encoding="utf-8", newline="") as f:
            assert article.text == f.read()
        assert article.encoding == "utf-8" and article.warnings == []
        assert article.path == str(seeds_dir / doc)


def test_seed_header_facts(seeds):
    assert seeds["003_b1a854914bfb7f38.txt"].published == "2024-01-30"
    assert seeds["004_8f6ae42a121cec55.txt"].published == "2024-01-31"
    assert seeds["004_8f6ae42a121cec55.txt"].author == "Toni Mrad"
    assert seeds["002_5762d34a8715bc61.txt"].author == "Al-Fassel"
    assert seeds["002_5762d34a8715bc61.txt"].published is None  # "January 30" in the body has no year
    assert seeds["002_5762d34a8715bc61.txt"].title == (
        "Kataib Hizbullah's alleged halt in attacks shows clear subservience to Iran"
    )
    assert seeds["004_8f6ae42a121cec55.txt"].title == (
        "Suspension of attacks: Why did the Iraqi Kata'ib Hezbollah halt its attacks on US forces?"
    )
    assert seeds["001_78b0e5d51db5c65c.txt"].title == "Pro-Iranian armed groups announced they will stop attacking US troops"
    # 000 opens straight with its first paragraph: no headline to take.
    assert seeds["000_63344148f6407275.txt"].title is None


def test_seed_002_comments_captcha_and_repeated_caption_are_excluded(seeds):
    article = seeds["002_5762d34a8715bc61.txt"]
    caption = "Iraqi Kataib Hizbullah announced on January 30 its intent to halt attacks on US troops. [Kataib Hizbullah]"
    first, repeat = article.text.find(caption), article.text.find(caption, article.text.find(caption) + 1)
    comments = article.text.index("Do you like this article?")
    assert article.excluded == [(repeat, repeat + len(caption)), (comments, len(article.text))]
    searchable = article.searchable_text
    assert len(searchable) == len(article.text)
    assert searchable[first : first + len(caption)] == caption
    assert "Captcha" not in searchable and "Hypocritical Guard" not in searchable
    assert "actions speak louder than words" in searchable


def test_seed_001_photo_credit_line_is_excluded(seeds):
    assert excluded_texts(seeds["001_78b0e5d51db5c65c.txt"]) == [
        "Members of Iraqi militia groups, including Kataib Hezbollah, in Baghdad in December 2023.\xa0Photo:\xa0AFP"
    ]


def test_no_gold_quote_falls_in_an_excluded_span(seeds, seeds_gold):
    for doc, quotes in seeds_gold.items():
        for start, end in seeds[doc].excluded:
            assert [q["text"] for q in quotes if q["start"] < end and q["end"] > start] == []


@pytest.mark.parametrize(
    "text, facts",
    [
        (  # a headline ending in ";" goes on with its subhead; no stop after it
            "Jobs report gives Democrats a lift;\nSolid upturn could blunt Republican claims.\n\nBody.",
            {"title": "Jobs report gives Democrats a lift; Solid upturn could blunt Republican claims"},
        ),
        (  # a dated line below the first body paragraph is not the publication date
            "What went wrong for the governor\n\nThe problems that ultimately consumed the governor's campaign were planted long ago, one in each of the last four years.\n\nOct. 31, 2012 The hug.",
            {"title": "What went wrong for the governor"},
        ),
        (  # "- Reuters." credits a wire, "- Sanders." ends a quoted claim: neither is the author
            "Fact check of the debate\n\n\"Nobody pays zero taxes.\"\n\n- Sanders.\n\n- Reuters.",
            {"title": "Fact check of the debate"},
        ),
        (  # a section label above the headline; byline, date line and dateline below it
            "World\nSenator wins the primary\nBy JANE DOE and JOHN ROE\nPublished: March 5, 2016 11:43 AM\nWASHINGTON (AP) — Body.",
            {"title": "Senator wins the primary", "author": "Jane Doe and John Roe", "published": "2016-03-05", "outlet": "AP"},
        ),
        (  # a two-word headline is kept when nothing longer follows it
            "World\nSenator wins\nBy Jane Doe\nWASHINGTON (AP) — The senator won the primary on Tuesday, with most of the votes counted by the evening.",
            {"title": "Senator wins", "author": "Jane Doe", "outlet": "AP"},
        ),
    ],
)
def test_header_facts_rules(text, facts):
    assert header_facts(text) == facts


# ------------------------------------------------------------------ finding inputs


def test_find_inputs_walks_folders_in_a_stable_order(tmp_path):
    for name in ["b/2.txt", "b/1.html", "a.json", "notes.md", ".hidden/x.txt", "c.jsonl", "b/sub/0.htm"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, problems = find_inputs([tmp_path, tmp_path / "a.json"])
    assert problems == []
    assert [file.key for file in files] == ["a.json", "b/1.html", "b/2.txt", "b/sub/0.htm", "c.jsonl"]
    assert [file.path for file in files] == [tmp_path / key for key in ["a.json", "b/1.html", "b/2.txt", "b/sub/0.htm", "c.jsonl"]]


def test_find_inputs_names_missing_paths_and_explicit_unknown_files(tmp_path):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("x", encoding="utf-8")
    files, problems = find_inputs([tmp_path / "missing", tmp_path / "notes.md", tmp_path / "ok.txt"])
    assert files == [InputFile(tmp_path / "ok.txt", "ok.txt")]
    assert [(p.path, p.fatal) for p in problems] == [(str(tmp_path / "missing"), True), (str(tmp_path / "notes.md"), True)]
    assert "no such file" in problems[0].message and "'.md'" in problems[1].message


# ------------------------------------------------------------------ metadata


def test_polnear_metadata_loads_as_it_is(polnear_dir):
    table, problems = read_sidecar(polnear_dir / "metadata.tsv")
    assert problems == []
    assert len(table) == 924
    assert table["breitbart_2015-11-16_o-malley-campaign-to-shift-staff"] == {
        "outlet": "breitbart",
        "published": "2015-11-16",
        "author": "AP",
        "title": "O’Malley campaign to shift staff, resources to Iowa",
    }
    assert {row["outlet"] for row in table.values()} >= {"nyt", "breitbart", "wash-post"}


def test_polnear_sidecar_wins_over_the_dateline(polnear_dir):
    table, _ = read_sidecar(polnear_dir / "metadata.tsv")
    path = polnear_dir / "texts" / "train" / "breitbart_2016-03-15_the-latest-kasich-scores-all-del.txt"
    assert read_one(path).outlet == "AP"  # "WASHINGTON (AP) —" in the text
    article = read_one(path, table)
    assert (article.outlet, article.published) == ("breitbart", "2016-03-15")
    assert article.title == "The Latest: Kasich scores all 66 delegates after Ohio win"


def test_csv_metadata_maps_column_names_and_reports_bad_rows(tmp_path):
    table_path = tmp_path / "meta.csv"
    table_path.write_text(
        "File,Headline,Source,Date,Byline,Link\n"
        "a.txt,Title A,Outlet A,\"Jan 5, 2024\",Jane Doe,https://a.example/1\n"
        "b.txt,Title B,Outlet B\n"
        ",No key,Outlet C,2024-01-07,,\n"
        "d,Title D,None,sometime,,\n",
        encoding="utf-8",
    )
    table, problems = read_sidecar(table_path)
    assert table == {
        "a.txt": {"title": "Title A", "outlet": "Outlet A", "published": "2024-01-05", "author": "Jane Doe", "url": "https://a.example/1"},
        "d": {"title": "Title D"},
    }
    assert [(p.path, p.line, p.fatal) for p in problems] == [
        (str(table_path), 3, True), (str(table_path), 4, True), (str(table_path), 5, False)]
    assert "expected 6 fields, found 3" in problems[0].message
    assert problems[2].message == "d: published date 'sometime' is not a date (YYYY-MM-DD); left out"


def test_tsv_sniffed_from_content_and_json_metadata_forms(tmp_path):
    sniffed = tmp_path / "meta.txt.table"
    sniffed.write_text("name\toutlet\nx\tOutlet X\n", encoding="utf-8")
    assert read_sidecar(sniffed) == ({"x": {"outlet": "Outlet X"}}, [])

    keyed = tmp_path / "keyed.json"
    keyed.write_text(json.dumps({"a.txt": {"publisher": "P"}, "b": {"title": "T"}}), encoding="utf-8")
    assert read_sidecar(keyed) == ({"a.txt": {"outlet": "P"}, "b": {"title": "T"}}, [])

    lines = tmp_path / "meta.jsonl"
    lines.write_text('{"doc": "a", "site": "S"}\n{"doc": "b", "site": \n{"doc": "c", "author": ["A", "B"]}\n', encoding="utf-8")
    table, problems = read_sidecar(lines)
    assert table == {"a": {"outlet": "S"}, "c": {"author": "A, B"}}
    assert [(p.line, p.fatal) for p in problems] == [(2, True)]


def test_sidecar_wins_and_the_text_fills_the_rest(seeds_dir):
    path = seeds_dir / "004_8f6ae42a121cec55.txt"
    article = read_one(path, {"004_8f6ae42a121cec55": {"title": "Given title", "outlet": "Al Mayadeen"}})
    assert (article.title, article.outlet) == ("Given title", "Al Mayadeen")
    assert (article.published, article.author) == ("2024-01-31", "Toni Mrad")


# ------------------------------------------------------------------ dates checked before anything is parsed

UNDATED = "Militia halts attacks\n\n\"We suspend operations,\" the group said.\n"


@pytest.mark.parametrize("bad_date", ["spring", "2024-13-45", "2024-02-30"])
def test_a_sidecar_date_that_is_no_date_is_a_warning_naming_the_sidecar_line(tmp_path, bad_date):
    (tmp_path / "a.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Dated story\n\nJan 5, 2024\n\nBody.\n", encoding="utf-8")
    sidecar = tmp_path / "meta.tsv"
    sidecar.write_text(f"file\toutlet\tdate\na.txt\tThe Post\t{bad_date}\nb\tThe Wire\t{bad_date}\n", encoding="utf-8")
    table, problems = read_sidecar(sidecar)
    assert [(p.path, p.line, p.fatal) for p in problems] == [(str(sidecar), 2, False), (str(sidecar), 3, False)]
    assert problems[0].message == f"a.txt: published date {bad_date!r} is not a date (YYYY-MM-DD); left out"
    a, b = (read_one(tmp_path / name, table) for name in ("a.txt", "b.txt"))
    assert (a.outlet, a.published) == ("The Post", None)
    assert (b.outlet, b.published) == ("The Wire", "2024-01-05"), "the text's own date fills what the sidecar left out"


def test_a_file_date_that_is_no_date_is_a_warning_naming_the_file_and_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "One.", "date": "2016-03-03"}\n{"text": "Two.", "date": "spring"}\n', encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<meta name="date" content="2024-13-45"><p>Body of the page.</p>', encoding="utf-8")
    articles, problems = split(read_articles([feed, page], {"feed.jsonl#1": {"published": "soon"}}))
    assert [(a.doc, a.published) for a in articles] == [
        ("feed.jsonl#1", "2016-03-03"), ("feed.jsonl#2", None), ("page.html", None)]
    assert [(Path(p.path).name, p.line, p.fatal) for p in problems] == [
        ("feed.jsonl", None, False), ("feed.jsonl", 2, False), ("page.html", None, False)]
    assert [p.message for p in problems] == [
        "feed.jsonl#1: the sidecar's published date 'soon' is not a date (YYYY-MM-DD); left out",
        "feed.jsonl#2: published date 'spring' is not a date (YYYY-MM-DD); left out",
        "page.html: published date '2024-13-45' is not a date (YYYY-MM-DD); left out",
    ]


def test_what_ingest_reads_the_store_accepts(tmp_path):
    (tmp_path / "a.txt").write_text(UNDATED, encoding="utf-8")
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text("file,date\na.txt,2024-13-45\n", encoding="utf-8")
    table, _ = read_sidecar(sidecar)
    with Store(tmp_path / "quotes.db") as store:
        store.save_article(read_one(tmp_path / "a.txt", table), [])
        assert store.article("a.txt").published is None


def test_iso_date_is_the_stores_rule():
    assert iso_date("2024-01-31T11:43:00+02:00") == "2024-01-31" and iso_date(None) is None
    for bad in ("spring", "2024-13-45", "2024-02-30", "31/01/2024", "2024-01-31 garbage"):
        with pytest.raises(ValueError):
            iso_date(bad)


# ------------------------------------------------------------------ HTML and JSON

PAGE = """<!doctype html>
<html><head>
<title>Site | Page title</title>
<meta property="og:title" content="Militia halts attacks">
<meta property="og:site_name" content="The Example Post">
<meta property="article:published_time" content="2024-01-31T09:30:00Z">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://example.com/news/militia">
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><p>Subscribe today</p></header>
<article>
  <h1>Militia halts attacks</h1>
  <p>The group said it would &ldquo;suspend operations&rdquo;
     against US forces.</p>
  <script>var tracking = "said nothing";</script>
  <p>&quot;We are not looking for war,&quot; Kirby said.</p>
</article>
<aside>Related: other stories</aside>
<footer>&copy; Example Post</footer>
</body></html>
"""


def test_html_page_gives_its_visible_article_text_and_head_facts(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_one(path)
    assert article.doc == "page.html"
    assert article.text == (
        "Militia halts attacks\n\n"
        "The group said it would \u201csuspend operations\u201d against US forces.\n\n"
        '"We are not looking for war," Kirby said.'
    )
    assert (article.title, article.outlet, article.published, article.author, article.url) == (
        "Militia halts attacks", "The Example Post", "2024-01-31", "Jane Doe", "https://example.com/news/militia"
    )


def test_html_page_without_article_element_keeps_the_body(tmp_path):
    path = tmp_path / "plain.htm"
    path.write_text("<html><body><h1>Head line here now</h1><p>By Sam Roe</p><p>Body text.</p></body></html>", encoding="utf-8")
    article = read_one(path)
    assert article.text == "Head line here now\n\nBy Sam Roe\n\nBody text."
    assert (article.title, article.author) == ("Head line here now", "Sam Roe")


def test_json_object_list_and_lines(tmp_path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"headline": "One", "body": "Text one.", "byline": "A. Writer", "published": "March 3, 2016"}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "first", "text": "First text."}, {"content": "Second text.", "source": {"name": "Wire"}}]), encoding="utf-8")
    lines = tmp_path / "feed.jsonl"
    lines.write_text('{"text": "Line one."}\n\n{"text": "Line three.", "url": "https://x.example/3"}\n', encoding="utf-8")

    articles, problems = split(read_articles([single, many, lines]))
    assert problems == []
    assert [(a.doc, a.text) for a in articles] == [
        ("one.json", "Text one."),
        ("many.json#first", "First text."),
        ("many.json#1", "Second text."),
        ("feed.jsonl#1", "Line one."),
        ("feed.jsonl#https://x.example/3", "Line three."),  # no id: its URL
    ]
    assert (articles[0].title, articles[0].author, articles[0].published) == ("One", "A. Writer", "2016-03-03")
    assert articles[2].outlet == "Wire" and articles[4].url == "https://x.example/3"


def test_bad_json_records_are_named_and_the_rest_is_read(tmp_path):
    lines = tmp_path / "feed.jsonl"
    lines.write_text('{"text": "Good one."}\n{"text": "broken\n{"title": "no text"}\n["not an object"]\n{"text": "Good two."}\n', encoding="utf-8")
    pretty = tmp_path / "pretty.json"
    pretty.write_text('{\n  "text": "x",\n  "title": oops\n}\n', encoding="utf-8")
    articles, problems = split(read_articles([lines, pretty]))
    assert [a.text for a in articles] == ["Good one.", "Good two."]
    assert [(Path(p.path).name, p.line) for p in problems] == [("feed.jsonl", 2), ("feed.jsonl", 3), ("feed.jsonl", 4), ("pretty.json", 3)]
    assert "has no text" in problems[1].message and "malformed JSON" in problems[3].message


# ------------------------------------------------------------------ bad input


def test_cp1252_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Title line here\r\n\r\n\u201cWe said so,\u201d she said \u2014 caf\u00e9.\r\n".encode("cp1252"))
    articles, problems = split(read_articles([path]))
    (article,) = articles
    assert article.encoding == "cp1252"
    assert article.text == "Title line here\r\n\r\n\u201cWe said so,\u201d she said \u2014 caf\u00e9.\r\n"
    assert len(article.warnings) == 1 and "legacy.txt" in article.warnings[0] and "cp1252" in article.warnings[0]
    assert [(p.path, p.fatal) for p in problems] == [(str(path), False)]


def test_bytes_cp1252_cannot_decode_fall_back_to_latin1(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Caf\xe9 \x81 text")
    article = read_one(path)
    assert article.encoding == "latin-1" and article.text == "Caf\u00e9 \x81 text"
    assert "latin-1" in article.warnings[0]


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHello \xe2\x80\x9cthere\xe2\x80\x9d")
    article = read_one(path)
    assert article.text == "Hello \u201cthere\u201d" and article.warnings == []


def test_binary_empty_and_blank_files_are_skipped_and_the_rest_goes_on(tmp_path):
    (tmp_path / "a_binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blank.html").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "d_no_text.html").write_text("<html><script>x()</script></html>", encoding="utf-8")
    (tmp_path / "e_good.txt").write_text("A good article, still read.", encoding="utf-8")
    articles, problems = split(read_articles([tmp_path]))
    assert [a.doc for a in articles] == ["e_good.txt"]
    assert [(Path(p.path).name, p.fatal) for p in problems] == [
        ("a_binary.txt", True), ("b_empty.txt", True), ("c_blank.html", True), ("d_no_text.html", True)
    ]
    assert "binary" in problems[0].message and "empty" in problems[1].message and "whitespace" in problems[2].message


def test_unreadable_metadata_and_missing_key_column_are_problems(tmp_path):
    table, problems = read_sidecar(tmp_path / "absent.tsv")
    assert table == {} and problems[0].message == "the sidecar table: no such file or folder"
    no_key = tmp_path / "meta.tsv"
    no_key.write_text("outlet\ttitle\nX\tY\n", encoding="utf-8")
    table, problems = read_sidecar(no_key)
    assert table == {} and problems[0].line == 1 and "no key column" in problems[0].message


# ------------------------------------------------------------------ furniture versus article text

FURNITURE = """Senator wins the primary

Supporters cheer at the rally in Des Moines. Scott Olson via Getty Images.

"We did it," the senator said on Tuesday.

Follow Jane Roe on Twitter @janeroe.
Share this article
Subscribe to our politics newsletter here.
Captcha *
"""

LOOKALIKES = """Senator wins the primary

By winning Iowa, the senator picked up most delegates, aides said.
Follow the money, she told reporters.
Subscribers to the paper got the news first.
"He shared a photo: a crowd of thousands," an aide said.
Comments from voters were mixed.
"""


def test_site_furniture_lines_are_excluded(tmp_path):
    path = tmp_path / "furniture.txt"
    path.write_text(FURNITURE, encoding="utf-8")
    article = read_one(path)
    assert excluded_texts(article) == [
        "Supporters cheer at the rally in Des Moines. Scott Olson via Getty Images.",
        "Follow Jane Roe on Twitter @janeroe.",
        "Share this article",
        "Subscribe to our politics newsletter here.",
        "Captcha *",
    ]
    assert '"We did it," the senator said' in article.searchable_text
    assert article.author is None  # the sign-off is not among the last lines


def test_author_from_a_sign_off_line(tmp_path):
    path = tmp_path / "signed.txt"
    path.write_text('Senator wins the primary\n\n"We did it," the senator said.\n\nFollow Jane Roe on Twitter @janeroe.\n', encoding="utf-8")
    assert read_one(path).author == "Jane Roe"


def test_article_lines_that_look_like_furniture_are_kept(tmp_path):
    path = tmp_path / "lookalikes.txt"
    path.write_text(LOOKALIKES, encoding="utf-8")
    article = read_one(path)
    assert article.excluded == []
    assert article.author is None  # "By winning Iowa" is not a byline


def test_nothing_quoted_in_polnear_is_excluded(polnear_dir):
    gold = {}
    with (polnear_dir / "train.jsonl").open(encoding="utf-8") as lines:
        for record in map(json.loads, lines):
            gold[record["doc"]] = record["quotes"]
    articles, problems = split(read_articles([polnear_dir / "texts" / "train"]))
    assert problems == [] and len(articles) == len(gold)
    overlapping = [
        (a.doc, q["text"])
        for a in articles
        for start, end in a.excluded
        for q in gold[a.doc]
        if q["start"] < end and q["end"] > start
    ]
    assert overlapping == []
    assert sum(len(a.excluded) for a in articles) > 0


# ------------------------------------------------------------------ keys: one article, one key


def test_keys_are_paths_under_the_folder_named_so_one_name_in_two_folders_is_two_articles(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder / "sub").mkdir(parents=True)
        (tmp_path / folder / "sub" / "x.txt").write_text(f"Text of {folder}.", encoding="utf-8")
    articles, problems = split(read_articles([tmp_path / "a", tmp_path / "b" / "sub" / "x.txt"]))
    assert problems == [] and [(a.doc, a.text) for a in articles] == [("sub/x.txt", "Text of a."), ("x.txt", "Text of b.")]
    articles, problems = split(read_articles([tmp_path]))
    assert [a.doc for a in articles] == ["a/sub/x.txt", "b/sub/x.txt"] and problems == []


def test_a_key_read_twice_is_an_error_naming_both_places(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"Text of {folder}.", encoding="utf-8")
    articles, problems = split(read_articles([tmp_path / "a", tmp_path / "b"]))
    assert [a.text for a in articles] == ["Text of a."]
    assert [(p.path, p.fatal) for p in problems] == [(str(tmp_path / "b" / "x.txt"), True)]
    assert problems[0].message == f"'x.txt' was already read from {tmp_path / 'a' / 'x.txt'}; this one is skipped"


def test_a_file_reached_twice_is_read_once(seeds_dir):
    articles, problems = split(read_articles([seeds_dir, seeds_dir / "000_63344148f6407275.txt"]))
    assert problems == [] and len(articles) == 5


def test_a_record_key_sits_inside_its_files_key_and_a_duplicate_id_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("The plain file.", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a.txt", "text": "A record named like the file."}\n{"id": "a.txt", "text": "Its twin."}\n', encoding="utf-8"
    )
    articles, problems = split(read_articles([tmp_path]))
    assert [(a.doc, a.text) for a in articles] == [("a.txt", "The plain file."), ("feed.jsonl#a.txt", "A record named like the file.")]
    assert [(p.path, p.line) for p in problems] == [(str(feed), 2)]
    assert problems[0].message == f"'feed.jsonl#a.txt' was already read from {feed}:1; this one is skipped"


def test_a_file_name_that_is_not_utf8_is_kept_printable_with_a_warning(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as file:
        file.write(b"Text.")
    articles, problems = split(read_articles([tmp_path]))
    assert [(a.doc, a.path) for a in articles] == [("caf\\xe9.txt", f"{tmp_path}/caf\\xe9.txt")]
    assert [(p.path, p.fatal) for p in problems] == [(f"{tmp_path}/caf\\xe9.txt", False)]
    assert "'caf\\\\xe9.txt'" in problems[0].message


# ------------------------------------------------------------------ bytes into text


def test_a_few_bad_bytes_are_replaced_and_the_rest_stays_utf8(tmp_path):
    text = "Title\n\n\u201cOne,\u201d she said.\n\nIt\u2019s x.\n\nAnd \u201ctwo.\u201d\n"
    path = tmp_path / "bad_utf8.txt"
    path.write_bytes(text.replace("x", "\x00").encode("utf-8").replace(b"\x00", b"\x92").replace(b"Title", b"T\x81tle"))
    articles, problems = split(read_articles([path]))
    (article,) = articles
    assert article.encoding == "utf-8"
    assert article.text == text.replace("x", "\ufffd").replace("Title", "T\ufffdtle")
    assert [(p.line, p.fatal, p.message) for p in problems] == [
        (1, False, "2 bytes that are not UTF-8 replaced with U+FFFD (on lines 1, 5)")
    ]


def test_utf16_with_or_without_a_byte_order_mark_is_decoded_with_a_warning(tmp_path):
    text = "\u201cWe said so,\u201d she said.\r\n"
    for name, encoding, data in [
        ("bom.txt", "utf-16", text.encode("utf-16")),
        ("le.txt", "utf-16-le", text.encode("utf-16-le")),
        ("be.txt", "utf-16-be", text.encode("utf-16-be")),
    ]:
        (tmp_path / name).write_bytes(data)
        article = read_one(tmp_path / name)
        assert (article.text, article.encoding) == (text, encoding)
        assert "save it as UTF-8" in article.warnings[0]


def test_lone_surrogates_in_json_become_replacement_characters_of_the_same_length(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "ok"}\n{"id": "s", "title": "T \\ud800", "text": "A \\udc00 b \\u201cquote\\u201d."}\n', encoding="utf-8")
    articles, problems = split(read_articles([feed]))
    assert [(a.doc, a.text) for a in articles] == [("feed.jsonl#1", "ok"), ("feed.jsonl#s", "A \ufffd b \u201cquote\u201d.")]
    assert articles[1].title == "T \ufffd"
    assert [(p.line, p.fatal) for p in problems] == [(2, False)] and "2 lone surrogate(s)" in problems[0].message
    assert articles[1].warnings == [str(problems[0])]


# ------------------------------------------------------------------ JSON read as a stream, with limits


def test_a_json_list_of_10000_records_is_read_record_by_record(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"id": f"r{n}", "text": f"Record {n}."} for n in range(10_000)], indent=1), encoding="utf-8")
    articles, problems = split(read_articles([path]))
    assert problems == [] and len(articles) == 10_000
    assert (articles[0].doc, articles[-1].doc, articles[-1].text) == ("many.json#r0", "many.json#r9999", "Record 9999.")


def test_a_broken_json_list_keeps_the_records_before_the_break(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('[\n  {"text": "One."},\n  {"text": "Two."},\n  {"text": "Thr\n]', encoding="utf-8")
    articles, problems = split(read_articles([path]))
    assert [a.doc for a in articles] == ["list.json#0", "list.json#1"]
    assert [(p.line, p.fatal) for p in problems] == [(4, True)] and "record 2" in problems[0].message


def test_deep_nesting_and_huge_numbers_are_problems_with_their_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(
        f'{{"text": "One.", "x": {deep}}}\n{{"text": "Two.", "x": {"[" * 200 + "]" * 200}}}\n'
        f'{{"text": "Three.", "n": {"7" * 5000}}}\n{{"text": "Four."}}\n',
        encoding="utf-8",
    )
    articles, problems = split(read_articles([path]))
    assert [a.text for a in articles] == ["Four."]
    assert [(p.line, p.fatal) for p in problems] == [(1, True), (2, True), (3, True)]
    assert "nested more than 100 levels deep" in problems[0].message and "nested more than 100" in problems[1].message
    assert "a number longer than" in problems[2].message


def test_a_text_over_the_parsers_limit_is_refused_and_the_next_file_is_read(tmp_path):
    (tmp_path / "a_long.txt").write_text("x" * (MAX_ARTICLE_CHARS + 1), encoding="utf-8")
    (tmp_path / "b_short.txt").write_text("x" * MAX_ARTICLE_CHARS, encoding="utf-8")
    articles, problems = split(read_articles([tmp_path]))
    assert [a.doc for a in articles] == ["b_short.txt"]
    assert [(Path(p.path).name, p.fatal) for p in problems] == [("a_long.txt", True)]
    assert "1,000,001 characters, more than the 1,000,000 the parser takes" in problems[0].message


# ------------------------------------------------------------------ what is not a file


def test_special_files_and_broken_links_are_problems_and_never_opened(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text("Good.", encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "device.html").symlink_to("/dev/null")
    os.mkfifo(tmp_path / "named.txt")
    files, problems = find_inputs([folder, tmp_path / "named.txt", tmp_path / "missing.txt"])
    assert [file.key for file in files] == ["good.txt"]
    assert [(Path(p.path).relative_to(tmp_path).as_posix(), p.message) for p in problems] == [
        ("in/dangling.txt", "dangling symbolic link (to 'nowhere.txt', which does not exist); skipped"),
        ("in/device.html", "a device, not a regular file; skipped"),
        ("in/fifo.txt", "a FIFO, not a regular file; skipped"),
        ("in/loop.txt", "symbolic link loop; skipped"),
        ("in/sub/up", "symbolic link loop (a link back to a folder above it); skipped"),
        ("named.txt", "a FIFO, not a regular file; skipped"),
        ("missing.txt", "no such file or folder"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_files_and_folders_are_problems(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked.txt").write_text("Locked.", encoding="utf-8")
    (tmp_path / "open.txt").write_text("Open.", encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    (tmp_path / "locked.txt").chmod(0)
    articles, problems = split(read_articles([tmp_path, tmp_path / "locked.txt"]))
    assert [a.doc for a in articles] == ["open.txt"]
    assert sorted((Path(p.path).name, p.message) for p in problems) == [
        ("locked", "cannot read the folder: Permission denied; skipped"),
        ("locked.txt", "cannot read: Permission denied"),
    ]


def test_an_unclosed_quote_in_a_csv_sidecar_does_not_swallow_the_next_row(tmp_path):
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text('file,outlet\na.txt,"The Unclosed\nb.txt,The Next\r\nc.txt,"Quoted, fine"\n', encoding="utf-8")
    table, problems = read_sidecar(sidecar)
    assert table == {"b.txt": {"outlet": "The Next"}, "c.txt": {"outlet": "Quoted, fine"}}
    assert [(p.line, p.fatal) for p in problems] == [(2, True)] and "malformed row" in problems[0].message
