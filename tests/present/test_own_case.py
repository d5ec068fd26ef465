"""A case of one's own (``equipoise case new``): its report holds nothing of the default case, its
scenarios are its own, and analyses that do not apply say why."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from equipoise.analysis.scenarios import case_scenarios, shipped_scenarios
from equipoise.case import load_case
from equipoise.case.new import new_case
from equipoise.cli import app
from equipoise.present.report import build_report, render_html

SCENARIO = """\
name: closer
title: Two of them grow closer
case: ..
date: 2023-06
changes:
  - {action: set, what: relation, actors: [RUS, CHN], value: {value: 0.7, range: [0.5, 0.9]}}
"""


@pytest.fixture(scope="module")
def trio(tmp_path_factory):
    out = tmp_path_factory.mktemp("cases")
    path = new_case("trio", ["IRN", "RUS", "CHN"], out, start="2022")
    return path.parent


def test_scenarios_belong_to_their_case(trio, tmp_path):
    default = load_case()
    assert [p for p, _ in case_scenarios(default)] == [p for p, _ in shipped_scenarios()]
    assert case_scenarios(load_case(trio)) == []
    (trio / "scenarios" / "closer.yaml").write_text(SCENARIO, encoding="utf-8")
    # a scenario of the default case left in this folder is not this case's
    (trio / "scenarios" / "stray.yaml").write_text(SCENARIO.replace("case: ..", "case: default")
                                                   .replace("name: closer", "name: stray"), encoding="utf-8")
    found = case_scenarios(load_case(trio))
    assert [s.name for _, s in found] == ["closer"]
    (trio / "scenarios" / "closer.yaml").unlink()
    (trio / "scenarios" / "stray.yaml").unlink()


def test_three_actor_report_holds_nothing_of_the_default_case(trio):
    case = load_case(trio)
    rep = build_report(case, seed=1)
    html = render_html(rep)
    html = html[html.index('<div class="layout">'):]  # the body: plotly.js itself lists country codes
    for leak in ("PRK", "North Korea", "Pyongyang", "sanctions_enforcement"):
        assert leak not in html, leak
    data = {s.id: s.data for s in rep.sections}
    assert [t["label"] for t in data["structure"]["triangles"]] == ["IRN–RUS–CHN"]
    assert [(h["actor"], h["patrons"]) for h in data["structure"]["hedging"]] == [("IRN", ["RUS", "CHN"])]
    assert data["scenarios"] == []
    assert "has no scenarios" in next(s.html for s in rep.sections if s.id == "scenarios")
    assert rep.sections[0].id == "summary" and "declares no cut-off and records no events" in rep.sections[0].html


def test_two_actors_say_why_structure_does_not_apply(tmp_path):
    duo = new_case("duo", ["IRN", "RUS"], tmp_path, start="2022").parent
    rep = build_report(load_case(duo), seed=1)
    structure = next(s for s in rep.sections if s.id == "structure")
    assert any("at least three" in n for n in structure.data["not_applicable"])
    assert "Not applicable: the case has 2 actor(s)" in structure.html
    runner = CliRunner()
    bal = runner.invoke(app, ["balance-case", str(duo)])
    assert bal.exit_code == 0 and "structural balance does not apply" in bal.output
    for cmd, words in ((["game", str(duo)], "no games"), (["claims", str(duo)], "no claims"),
                       (["scenario", "list", str(duo)], "no scenarios"),
                       (["forecast", str(duo)], "no issue has stances")):
        r = runner.invoke(app, cmd)
        assert r.exit_code == 0 and words in r.output, (cmd, r.output)
