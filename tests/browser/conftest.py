"""A real site for the browser tests: the seeds and two hostile articles built by `quotes build`,
served by `quotes serve` on a free port, driven by headless Chromium through Playwright."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUOTES = Path(sys.executable).with_name("quotes")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
START_TIMEOUT = 90  # seconds for `quotes serve` to answer; the machine is shared

# Articles whose every field carries markup or a script URL.
HOSTILE_JSON = {
    "id": "hostile-json",
    "title": "<script>alert('title')</script> Militia truce holds",
    "author": "<img src=x onerror=alert('author')>",
    "url": "JaVaScRiPt:alert('url')",
    "outlet": "Gulf <b>Wire</b>",
    "published": "2024-02-03",
    "text": "Militia truce holds\n\n\"We will respond <script>alert('quote')</script> at a time of our choosing,\""
            " John Kirby, the National Security Council spokesman, said on Saturday.\n\n"
            "The <img src=x onerror=alert('text')> group said it had stopped.",
}
HOSTILE_HTML = """<!DOCTYPE html>
<html><head>
<title>&lt;img src=x onerror=alert('htmltitle')&gt; Drone strike response</title>
<link rel="canonical" href=" javascript:alert('canonical')">
<meta name="author" content="&lt;script&gt;alert('htmlauthor')&lt;/script&gt;">
<meta property="og:site_name" content="Levant Review">
<meta property="article:published_time" content="2024-02-04">
<script>alert('page script')</script>
</head><body><article>
<h1>Drone strike response</h1>
<p>"We are not seeking a wider war &lt;script&gt;alert('htmlquote')&lt;/script&gt; with anyone," Pentagon press
secretary Pat Ryder told reporters on Sunday.</p>
<p>He added that &lt;img src=x onerror=alert('htmltext')&gt; the response "will be multi-tiered."</p>
</article></body></html>
"""


def run_quotes(*args: str) -> str:
    """Run the `quotes` command; its standard output."""
    done = subprocess.run([str(QUOTES), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"headless Chromium not found at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture(scope="session")
def built(tmp_path_factory, seeds_dir) -> dict[str, Path]:
    """The seeds and the hostile articles, built by `quotes build` with the real pipeline."""
    folder = tmp_path_factory.mktemp("browser-site")
    (folder / "hostile.json").write_text(json.dumps(HOSTILE_JSON), encoding="utf-8")
    (folder / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    db, index = folder / "site.db", folder / "index"
    run_quotes("build", str(seeds_dir), str(folder / "hostile.json"), str(folder / "hostile.html"),
               "--db", str(db), "--index", str(index))
    return {"db": db, "index": index, "log": folder / "serve.log"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server(built, chromium_path) -> str:
    """`quotes serve` over the built site; its base URL. Stopped when the session ends."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with built["log"].open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [str(QUOTES), "serve", "--db", str(built["db"]), "--index", str(built["index"]), "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(base, process, built["log"])
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"`quotes serve` stopped: {log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"`quotes serve` did not answer within {START_TIMEOUT} s: {log.read_text(encoding='utf-8')}")


@pytest.fixture(scope="module")
def browser(chromium_path):
    """Chromium through Playwright's sync API, for one test module: Playwright runs an event loop
    while it is open, and the other tests' `asyncio.run` needs none to be running."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh 1400-pixel-wide tab; any JavaScript dialog (an alert) it opens is recorded in ``page.dialogs``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    tab = context.new_page()
    tab.dialogs = []

    def record(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", record)
    yield tab
    context.close()


def screenshot(page, name: str) -> Path:
    """Save the page (whole length) as tests/artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def save_screenshot():
    return screenshot


@pytest.fixture(scope="session")
def cli_search(built):
    """``cli_search(q, speaker=None)``: the quote IDs `quotes search` prints for the first 20 hits."""

    def cli_search(q: str, speaker: str | None = None) -> list[str]:
        args = ["search", q, "--index", str(built["index"]), "--format", "json", "--limit", "20"]
        if speaker:
            args += ["--speaker", speaker]
        return [hit["quote_id"] for hit in json.loads(run_quotes(*args))]

    return cli_search
