"""The report: sections, self-contained HTML, JSON twin, evidence display, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs
from typer.testing import CliRunner

from equipoise.case import load_case
from equipoise.cli import app
from equipoise.present import report as report_mod
from equipoise.present.charts import indicator_figure, timeline_figure
from equipoise.present.report import Report, build_report, render_html, write_report
from equipoise.present.sections import Section, build_sections
from equipoise.seeding import DEFAULT_SEED

SMALL = Path(__file__).parent / "cases" / "small.yaml"
MINE = ["overview", "timeline", "relations", "indicators", "sources"]  # other sections come from other modules


@pytest.fixture(scope="module")
def small():
    return load_case(SMALL)


@pytest.fixture(scope="module")
def written(small, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    rep = build_report(small, seed=7)
    html, js = write_report(rep, out)
    return rep, html, js


def _without_plotly(html: str) -> str:
    js = get_plotlyjs()
    assert html.count(js) == 1
    return html.replace(js, "")


def test_sections_in_contract_order(small):
    rep = build_report(small, seed=7)
    assert isinstance(rep, Report)
    ids = [s.id for s in rep.sections]
    assert [i for i in ids if i in MINE] == MINE
    assert ids[:2] == ["summary", "overview"] and ids[-1] == "sources"  # the summary opens the report
    assert rep.seed == 7
    assert build_report(small).seed == DEFAULT_SEED


def test_files_written_atomically(written):
    rep, html, js = written
    assert (html.name, js.name) == ("report.html", "report.json")
    assert sorted(p.name for p in html.parent.iterdir()) == ["report.html", "report.json"]  # no temp files left


def test_html_is_self_contained(written):
    _, html, _ = written
    text = html.read_text(encoding="utf-8")
    rest = _without_plotly(text)  # plotly.js inlined exactly once
    # nothing to fetch: no script/link/img sources, and every link stays inside the page
    assert re.findall(r"<script[^>]*\bsrc=", rest) == []
    assert re.findall(r"<link[^>]*stylesheet", rest) == []
    targets = re.findall(r"""\b(?:href|src)\s*=\s*["']([^"']*)""", rest)
    assert re.findall(r"""\bsrc\s*=\s*["'](?!data:)""", rest) == []
    # links stay inside the page, except the sources' own addresses (links a reader follows, never fetched)
    addresses = {s.url for s in load_case(SMALL).sources if s.url}
    assert targets and all(t.startswith(("#", "data:")) or t in addresses for t in targets), targets
    assert "cdn" not in rest.lower()
    # one Plotly.newPlot per figure; ours: timeline, 2 periods x (heat-map, network), 2 indicator charts
    rep = written[0]
    assert rest.count("Plotly.newPlot(") == sum(s.html.count("Plotly.newPlot(") for s in rep.sections)
    assert sum(s.html.count("Plotly.newPlot(") for s in rep.sections if s.id in MINE) == 7


def test_json_holds_the_same_results(written):
    rep, _, js = written
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(rep.to_dict()))
    assert data["seed"] == 7 and data["params"] == {"seed": 7} and data["method"] == "report"
    by_id = {s["id"]: s["data"] for s in data["sections"]}
    assert [e["id"] for e in by_id["timeline"]["events"]] == ["e1", "e2", "e3"]
    late = next(p for p in by_id["relations"]["periods"] if p["period"] == "late")
    assert [(r["a"], r["b"], r["value"], r["low"], r["high"]) for r in late["relations"]] == [
        ("AAA", "BBB", 0.1, -0.2, 0.4), ("BBB", "CCC", -0.8, -1.0, -0.6)]
    groups = {g["title"]: g["indicators"] for g in by_id["indicators"]["groups"]}
    assert groups == {"AAA-BBB trade (AAA–BBB, USD million)": ["trade_a", "trade_b"],
                      "Capability (share)": ["cap_a", "cap_c"]}
    assert [s["cited"] for s in by_id["sources"]["sources"]] == [7, 8]


def test_toc_lists_every_section(written):
    rep, html, _ = written
    text = html.read_text(encoding="utf-8")
    toc = re.search(r'<nav class="toc".*?</nav>', text, re.S).group(0)
    assert re.findall(r'href="#([a-z_-]+)"', toc) == [s.id for s in rep.sections]
    for s in rep.sections:
        assert f'<section id="{s.id}">' in text


def test_report_includes_whatever_sections_exist(small, monkeypatch):
    extra = Section(id="claims", title="Claims & checks", html="<p>ok</p>", data={"n": 1})
    monkeypatch.setattr(report_mod, "build_sections", lambda case, seed, executor=None: [extra])
    rep = build_report(small, seed=1)
    text = render_html(rep)
    assert '<a href="#claims">Claims &amp; checks</a>' in text
    assert '<section id="claims">' in text and "<p>ok</p>" in text
    assert [s["id"] for s in rep.to_dict()["sections"]] == ["summary", "claims"]
    assert rep.to_dict()["sections"][1] == {"id": "claims", "title": "Claims & checks", "data": {"n": 1}}


def test_user_text_is_escaped(written):
    _, html, _ = written
    text = _without_plotly(html.read_text(encoding="utf-8"))
    assert "<script>alert(" not in text
    assert "A &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; description" in text
    assert "Small &lt;test&gt; case &amp; friends" in text


def test_evidence_shown_as_locator_with_citation(small, written):
    rep, html, _ = written
    text = html.read_text(encoding="utf-8")
    cite = small.source("note2020").citation().replace("'", "&#39;")
    assert "Analyst" in cite and "A made-up note on three states" in cite
    assert (f'<a href="#src-note2020"\ntitle="{cite} (not in the evidence store: see Sources)">note2020:2:1</a>'
            in text)
    assert f'<span class="cite">{cite}</span>' in text
    assert '<li id="src-note2020">' in text
    # values without evidence are flagged, not hidden: event e3 and relation BBB-CCC (early), period late
    ours = "".join(s.html for s in rep.sections if s.id in MINE)
    assert ours.count('<span class="noev"') == 3 + 1  # + the legend in the overview


def test_same_seed_same_bytes(small, tmp_path):
    ra, rb = build_report(small, seed=11), build_report(small, seed=11)
    differ = [x.id for x, y in zip(ra.sections, rb.sections) if x.to_dict() != y.to_dict() or x.html != y.html]
    assert differ == [], f"sections whose output changes under one seed: {differ}"
    a = write_report(ra, tmp_path / "a")
    b = write_report(rb, tmp_path / "b")
    assert a[0].read_bytes() == b[0].read_bytes()
    assert a[1].read_bytes() == b[1].read_bytes()


def test_timeline_shades_each_period(small):
    fig = timeline_figure(small)
    rects = [(s.x0, s.x1) for s in fig.layout.shapes]
    # the open "late" period is drawn up to the last day the case speaks of (e3 ends in 2016)
    assert rects == [("2000-01-01", "2009-12-31"), ("2010-01-01", "2016-12-31")]
    ys = sorted({y for tr in fig.data for y in tr.y})
    assert ys == ["AAA", "BBB", "CCC"]


def test_trade_series_are_never_joined(small):
    fig = indicator_figure([small.indicator("trade_a"), small.indicator("trade_b")], title="trade")
    one, two = fig.data
    assert "series-one" in one.name and "series-two" in two.name
    assert list(one.x) == [2010, 2011, 2012, 2013]
    assert list(one.y) == [100, 120, None, 90]  # the missing year breaks the line
    assert one.connectgaps is False
    assert list(two.x) == [2011, 2012] and list(two.y) == [140, 150]
    assert list(one.error_y.array) == [0, 0, 0, 10] and list(one.error_y.arrayminus) == [0, 0, 0, 10]


def test_default_case_sections_build(tmp_path):
    # our sections only: the whole report on the default case is rendered by test_report_browser.py
    case = load_case()
    secs = tuple(build_sections(case, seed=DEFAULT_SEED, only=tuple(MINE)))
    rep = Report(case_id=case.case.id, title=case.case.title, seed=DEFAULT_SEED, sections=secs)
    _, js = write_report(rep, tmp_path)
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["case"] == "northeast-asia"
    assert [s["id"] for s in data["sections"]] == MINE
    by_id = {s["id"]: s["data"] for s in data["sections"]}
    assert len(by_id["timeline"]["events"]) == len(case.events)
    assert {p["period"] for p in by_id["relations"]["periods"]} == {p.id for p in case.main_periods}
    from equipoise.analysis.measure.relations import SERIES  # measured series are drawn in their own section
    assert sum(len(g["indicators"]) for g in by_id["indicators"]["groups"]) == \
        len([i for i in case.indicators if i.series not in SERIES])


# ---------------------------------------------------------------- CLI

def test_cli_writes_and_says_where(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["report", str(SMALL), "-o", str(out), "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out / 'report.html'} and {out / 'report.json'}\n"
    assert json.loads((out / "report.json").read_text())["seed"] == 5


def test_cli_bad_case_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case: {id: b, title: B}\nactors: [{code: AAA, name: A}]\nevents: 3\n")
    result = CliRunner().invoke(app, ["report", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}:3: events: Input should be a valid list, got 3\n"
    assert not (tmp_path / "out").exists()


def test_cli_help_has_example():
    result = CliRunner().invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    assert "Example: equipoise report -o report/" in result.stdout
