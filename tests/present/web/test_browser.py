"""The web app in a real headless Chromium: pages, filters, slider, scenario edits, uploads.

Needs Debian's ``/usr/bin/chromium`` and the ``playwright`` Python package;
skipped with the reason when either is missing. The server is uvicorn in a
background thread on a free loopback port. Screenshots of every page go to
``tests/_artifacts/web_*.png`` for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from equipoise.present.web import create_app

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "_artifacts"
WEB_CASE = Path(__file__).parent / "cases" / "web.yaml"
PAGES = {"overview": "/", "timeline": "/timeline", "evidence": "/evidence", "relations": "/relations",
         "forecasts": "/forecasts", "games": "/games", "scenarios": "/scenarios", "claims": "/claims"}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.browser


def _sync_api():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is absent (install Debian's chromium package)")
    return pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app):
    import uvicorn
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser():
    sync_api = _sync_api()
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def test_site(tmp_path_factory):
    _sync_api()
    data = tmp_path_factory.mktemp("browserdata")
    (data / "scenarios").mkdir()
    shutil.copy(WEB_CASE.parent / "scenarios" / "reconcile.yaml", data / "scenarios")
    server, thread, url = _serve(create_app(WEB_CASE, data_dir=data))
    yield url
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def default_site(tmp_path_factory):
    _sync_api()
    data = tmp_path_factory.mktemp("browserdefault")
    from shared_paths import SEEDS as seeds
    if seeds.is_dir():  # the seed texts, where at hand, make the evidence view show real documents
        from equipoise.evidence.ingest import ingest
        from equipoise.evidence.store import EvidenceStore
        with EvidenceStore(f"sqlite:///{data / 'equipoise.db'}") as store:
            ingest([seeds], store=store)
    server, thread, url = _serve(create_app(data_dir=data))
    yield url
    server.should_exit = True
    thread.join(10)


class Watched:
    """A page with its console errors, failed requests and requests that left the server."""

    def __init__(self, browser, base: str):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:", "about:"))
                     else self.outside.append(r.url))
        # Chromium fetches the tab icon on its own schedule, and a page closed meanwhile reports it as a failed
        # request: answer it here so no test depends on that race (test_web_pages checks the icon's route)
        self.page.route(re.compile(r".*/favicon\.(ico|svg)$"), lambda route: route.fulfill(status=204, body=""))

    def goto(self, url: str) -> None:
        resp = self.page.goto(url, wait_until="load", timeout=180_000)  # the default case's games page solves 31 game-periods on first load
        assert resp is not None and resp.status == 200, f"{url}: HTTP {resp.status if resp else '?'}"
        self.wait_figures()

    def wait_figures(self) -> None:
        self.page.wait_for_function("[...document.querySelectorAll('[data-figure], #network, #heatmap')]"
                                    ".every(el => el.hasAttribute('data-drawn'))", timeout=15000)

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.failed == [], self.failed
        assert self.outside == [], self.outside


@pytest.mark.parametrize("name", list(PAGES))
def test_default_case_pages_load_cleanly(browser, default_site, name):
    w = Watched(browser, default_site)
    w.goto(default_site + PAGES[name])
    assert w.page.title().endswith("· Equipoise")
    assert w.page.locator("h1").count() == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    w.page.screenshot(path=str(ARTIFACTS / f"web_{name}.png"), full_page=False)
    w.clean()
    w.page.close()


def test_default_case_locator_opens_the_highlighted_sentence(browser, default_site):
    w = Watched(browser, default_site)
    w.goto(default_site + "/evidence/locator/belo2018:5:1")
    link = w.page.locator("a", has_text="Open the document")
    if link.count() == 0:
        pytest.skip("the seed texts are not at hand, so the store holds no documents")
    with w.page.expect_navigation():
        link.click()
    hl = w.page.locator(".sent.hl")
    assert hl.count() == 1 and hl.get_attribute("id") == "s5-1"
    assert w.page.locator("mark.m-actor").count() > 10 and w.page.locator("mark.m-date").count() > 5
    w.page.screenshot(path=str(ARTIFACTS / "web_document.png"))
    w.clean()
    w.page.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_test_case_pages_load_cleanly(browser, test_site, name):
    w = Watched(browser, test_site)
    w.goto(test_site + PAGES[name])
    # nothing from the case ran as script: no alert dialog, and the text shows literally
    dialogs: list[str] = []
    w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    assert "<script>alert('title')</script>" in w.page.locator("header .case-title").inner_text()
    w.page.screenshot(path=str(ARTIFACTS / f"web_test_{name}.png"), full_page=True)
    assert dialogs == []
    w.clean()
    w.page.close()


def test_timeline_filter_changes_what_is_shown(browser, test_site):
    w = Watched(browser, test_site)
    w.goto(test_site + "/timeline")
    rows = w.page.locator("tr[data-event]")
    assert rows.count() == 4
    with w.page.expect_navigation():
        w.page.select_option("#f-actor", "CCC")
    w.wait_figures()
    assert [rows.nth(i).get_attribute("data-event") for i in range(rows.count())] == ["e2", "e3"]
    assert w.page.locator("#event-count").inner_text() == "2 of 4 events"
    with w.page.expect_navigation():
        w.page.select_option("#f-period", "late")
    w.wait_figures()
    assert [rows.nth(i).get_attribute("data-event") for i in range(rows.count())] == ["e2", "e3"]
    # keyboard: Tab from the last filter reaches the submit button, Enter submits
    w.page.focus("#f-source")
    w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.textContent") == "Filter"
    with w.page.expect_navigation():
        w.page.keyboard.press("Enter")
    assert w.page.url.endswith("/timeline?actor=CCC&period=late&type=&source=")
    w.page.focus("#f-type")
    with w.page.expect_navigation():
        w.page.select_option("#f-type", "16")
    assert [rows.nth(i).get_attribute("data-event") for i in range(rows.count())] == ["e2"]
    w.clean()
    w.page.close()


def test_period_slider_redraws_the_network(browser, test_site):
    w = Watched(browser, test_site)
    w.goto(test_site + "/relations")
    net = w.page.locator("#network")
    assert net.get_attribute("data-period") == "late"
    title = w.page.locator("#network .gtitle")
    assert "Late years" in title.text_content()
    first = net.get_attribute("data-drawn")
    w.page.focus("#period-slider")
    w.page.keyboard.press("ArrowLeft")  # keyboard moves the slider
    w.page.wait_for_function("document.querySelector('#network').getAttribute('data-period') === 'early'")
    assert "Early years" in title.text_content()
    assert net.get_attribute("data-drawn") != first
    assert w.page.locator("#period-label").inner_text().startswith("Early years")
    assert w.page.locator('[data-period-block="early"]').is_visible()
    assert not w.page.locator('[data-period-block="late"]').is_visible()
    # edge colours follow the period's signs: AAA-BBB is positive early, negative late
    w.page.screenshot(path=str(ARTIFACTS / "web_test_relations_early.png"))
    w.clean()
    w.page.close()


def test_upload_appears_in_the_evidence_view(browser, test_site, tmp_path):
    doc = tmp_path / "browser_note.txt"
    doc.write_text("A browser note\n\nDeltavia signed a treaty with Alphaland on 3 June 2011.\n", encoding="utf-8")
    w = Watched(browser, test_site)
    w.goto(test_site + "/evidence")
    w.page.set_input_files("#upload-file", str(doc))
    with w.page.expect_navigation():
        w.page.click("text=Upload and ingest")
    assert "1 document(s) added" in w.page.locator("main").inner_text()
    w.goto(test_site + "/evidence")
    link = w.page.locator("#documents a", has_text="browser_note.txt")
    assert link.count() == 1
    with w.page.expect_navigation():
        link.click()
    assert "Deltavia signed a treaty with Alphaland" in w.page.locator("article.doc").inner_text()
    w.clean()
    w.page.close()


def test_scenario_edit_runs_and_shows_a_difference(browser, test_site):
    w = Watched(browser, test_site)
    w.goto(test_site + "/scenarios")
    with w.page.expect_navigation():
        w.page.select_option("#pick", "saved:reconcile")
    assert w.page.input_value("#c0_value") == "0.7"
    w.page.fill("#c0_value", "0.9")  # edit the copy: a warmer Alphaland-Betastan relation
    w.page.fill("#c1_by", "-30")
    with w.page.expect_navigation(timeout=60000):
        w.page.click("#run-scenario")
    text = w.page.locator("main").inner_text()
    assert "set relation AAA-BBB in late" in text
    rows = w.page.locator("#differences tbody tr")
    assert rows.count() >= 2
    game = w.page.locator("#differences tr", has_text="talks").inner_text()
    assert "refuse/refuse" in game and "talk/talk" in game  # the equilibrium moved
    w.page.screenshot(path=str(ARTIFACTS / "web_test_scenario_result.png"), full_page=True)
    w.clean()
    w.page.close()
