"""Render report.html in real headless Chromium: no console errors, no failed or outside requests.

Needs Debian's ``/usr/bin/chromium`` (``apt-get install chromium``) and the
``playwright`` Python package; skipped with the reason when either is missing.
The screenshot goes to ``tests/_artifacts/report.png`` for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from equipoise.case import load_case
from equipoise.present.report import build_report, write_report

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts"
SMALL = Path(__file__).parent / "cases" / "small.yaml"

pytestmark = pytest.mark.browser


def _browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is absent (install Debian's chromium package)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    return sync_api


def _render(html_path: Path, shot: Path, *, full_page: bool) -> dict:
    sync_api = _browser()
    console_errors, failed, outside = [], [], []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: console_errors.append(str(e)))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None)
            page.goto(html_path.resolve().as_uri(), wait_until="load")
            page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length === "
                                   "document.querySelectorAll('.plotly-graph-div').length")
            info = page.evaluate("""() => ({
                plots: document.querySelectorAll('.plotly-graph-div').length,
                drawn: document.querySelectorAll('.plotly-graph-div .main-svg').length,
                toc: [...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute('href')),
                tocPosition: getComputedStyle(document.querySelector('nav.toc')).position,
                alerts: typeof window.__alerted,
            })""")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=full_page)
        finally:
            browser.close()
    return {"console": console_errors, "failed": failed, "outside": outside, **info}


def test_small_report_renders_in_chromium(tmp_path):
    rep = build_report(load_case(SMALL), seed=3)
    html, _ = write_report(rep, tmp_path)
    got = _render(html, ARTIFACTS / "report_small.png", full_page=True)
    assert got["console"] == []
    assert got["failed"] == []
    assert got["outside"] == []
    # every figure is drawn: ours are the timeline, (heat-map, network) x 2 periods and 2 indicator charts
    assert got["plots"] == sum(s.html.count("Plotly.newPlot(") for s in rep.sections) >= 1 + 2 * 2 + 2
    assert got["drawn"] >= got["plots"]
    assert got["toc"] == [f"#{s.id}" for s in rep.sections]
    assert got["tocPosition"] == "sticky"


def test_default_report_renders_in_chromium(tmp_path):
    html, _ = write_report(build_report(load_case(), seed=None), tmp_path)
    got = _render(html, ARTIFACTS / "report_default.png", full_page=False)
    assert got["console"] == []
    assert got["failed"] == []
    assert got["outside"] == []
    assert got["drawn"] >= got["plots"]
