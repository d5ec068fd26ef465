"""The new user's first hour in a real headless Chromium: the report opens with its summary, the
web overview too; a citation opens its sentence (or says how to get the text); a case made with
``equipoise case new`` reports on itself. Skipped, with the reason, without Chromium or playwright."""

from __future__ import annotations

import pytest
from test_browser import Watched, browser, default_site  # noqa: F401  (fixtures: Chromium; the app over the default case)
from typer.testing import CliRunner

from equipoise.cli import app as cli

pytestmark = pytest.mark.browser


def _report(tmp_path, *args) -> str:
    r = CliRunner().invoke(cli, ["report", *args, "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    return (tmp_path / "report.html").resolve().as_uri()


def _open_report(browser, uri: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(uri, wait_until="load")
    return page, errors


def test_walk_the_new_user_path(browser, default_site, tmp_path, monkeypatch):
    monkeypatch.setenv("EQUIPOISE_DATA_DIR", str(tmp_path / "data"))
    # 1. the default report opens with its summary, on the first screen, each paragraph linked to its section
    page, errors = _open_report(browser, _report(tmp_path / "default"))
    summary = page.locator("section#summary")
    summary.wait_for(state="visible")
    assert page.locator("main section").first.get_attribute("id") == "summary"
    assert summary.bounding_box()["y"] < 900  # on the first screen
    text = summary.inner_text()
    assert "Data cut-off" in text and "Main findings" in text
    summary.locator('a[href="#claims"]').first.click()
    page.wait_for_function("location.hash === '#claims'")
    assert errors == []
    page.close()

    # 2. the web overview opens with the same summary; a citation opens its sentence or says how to get it
    w = Watched(browser, default_site)
    w.goto(default_site + "/")
    assert "Data cut-off" in w.page.locator("#summary").inner_text()
    w.goto(default_site + "/evidence/locator/belo2018:5:1")
    link = w.page.locator("a", has_text="Open the document")
    if link.count():
        with w.page.expect_navigation():
            link.click()
        assert w.page.locator(".sent.hl").count() == 1
    else:  # no seed texts at hand: the page gives the locator, the address and the ingest step
        notice = w.page.locator("#not-ingested").inner_text()
        assert "equipoise ingest" in notice and "belo2018:5:1" in notice
    w.clean()
    w.page.close()

    # 3. a case of one's own, made with `case new`, reports on itself
    r = CliRunner().invoke(cli, ["case", "new", "axis", "--actors", "IRN", "RUS", "CHN", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    page, errors = _open_report(browser, _report(tmp_path / "axis-report", str(tmp_path / "axis")))
    page.locator("section#summary").wait_for(state="visible")
    body = page.locator("main").inner_text()
    assert "Iran" in body and "IRN–RUS–CHN" in body
    assert "North Korea" not in body
    page.wait_for_function("[...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('.main-svg'))")
    assert errors == []
    page.close()

