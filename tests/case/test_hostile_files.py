"""Hostile case and scenario files (issue 17): each is a clean, located error within seconds.

The files are generated here (alias bombs, FIFOs, links to endless devices, huge
numbers); none is committed. The base case is the web tests' small invented case.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from equipoise.analysis.games.expr import ExpressionError, parse_expression
from equipoise.analysis.scenarios import load_scenario
from equipoise.case import check_case, load_case
from equipoise.case.loader import MAX_YAML_DEPTH, parse_yaml
from equipoise.cli import app
from equipoise.errors import CaseError, EquipoiseError

BASE = Path(__file__).resolve().parents[1] / "present" / "web" / "cases" / "web.yaml"


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: ``levels`` lines of nine aliases each to the line above (9^levels values)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def _fails_fast(path: Path, *needles: str) -> CaseError:
    t = time.perf_counter()
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert time.perf_counter() - t < 5
    text = str(info.value)
    assert str(path) in text and "Traceback" not in text
    for n in needles:
        assert n in text, text
    return info.value


def test_alias_bomb_fails_fast_with_a_line(tmp_path):
    bomb = billion_laughs()
    assert len(bomb) < 600  # a few hundred bytes that would expand to ~387 million values
    (tmp_path / "bomb.yaml").write_text(bomb)
    err = _fails_fast(tmp_path / "bomb.yaml", "alias", "at most")
    assert err.line is not None


def test_small_aliases_are_still_allowed(tmp_path):
    data = parse_yaml("base: &b {x: 1}\nuse: [*b, *b]\n")
    assert data["use"] == [{"x": 1}, {"x": 1}]


def test_recursive_alias_is_a_clean_error(tmp_path):
    (tmp_path / "rec.yaml").write_text("case: &a [1, *a]\n")
    _fails_fast(tmp_path / "rec.yaml", "recursive alias", ":1:")


def test_deep_nesting_is_a_clean_error(tmp_path):
    (tmp_path / "deep.yaml").write_text("case: " + "[" * 5000 + "]" * 5000 + "\n")
    _fails_fast(tmp_path / "deep.yaml", f"nested deeper than {MAX_YAML_DEPTH} levels")


def test_huge_integer_is_a_located_error(tmp_path):
    (tmp_path / "big.yaml").write_text("case:\n  id: x\n  n: " + "7" * 5000 + "\n")
    _fails_fast(tmp_path / "big.yaml", "big.yaml:3:", "number too long")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_named_yaml_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "case.yaml")
    _fails_fast(tmp_path / "case.yaml", "not a regular file")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "00.yaml").write_text(BASE.read_text())
    os.mkfifo(folder / "01_more.yaml")
    _fails_fast(folder, "01_more.yaml", "not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_link_to_an_endless_device_is_refused(tmp_path):
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    _fails_fast(tmp_path / "zero.yaml", "not a regular file")


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    from equipoise.case import loader
    monkeypatch.setattr(loader, "MAX_YAML_BYTES", 1000)
    (tmp_path / "big.yaml").write_text("# padding\n" * 200)
    _fails_fast(tmp_path / "big.yaml", "file too large")


# ------------------------------------------------------------------ non-finite numbers

SITES = {  # what to replace in the base case -> the field the error must name
    "relation": ("value: -0.5, kind: rivalry", "value: {X}, kind: rivalry", "relations[1].value"),
    "capability": ("capability: 40", "capability: {X}", "issues[0].stances[0].capability"),
    "outcome": ("{period: late, value: 55}", "{period: late, value: {X}}", "issues[0].outcomes[0].value"),
    "game range": ("r: {relation: [AAA, BBB]}", "r: {relation: [AAA, BBB], fallback: {value: 0, range: [-1, {X}]}}",
                   "games[0].parameters.r.fallback"),
    "quantity": ("    evidence: [memo:2:1]\n  - id: e2", "    quantity: {value: {X}, unit: troops}\n"
                 "    evidence: [memo:2:1]\n  - id: e2", "events[0].quantity"),
}


@pytest.mark.parametrize("site", sorted(SITES))
@pytest.mark.parametrize("number", [".nan", ".inf", "-.inf", "1.0e+308", "1.0e+999", "1.0e+19"])
def test_non_finite_numbers_are_refused_with_file_line_field(tmp_path, site, number):
    old, new, field = SITES[site]
    text = BASE.read_text()
    assert old in text
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(old, new.replace("{X}", number), 1))
    err = _fails_fast(path, field)
    prob = next(p for p in err.problems if p.field and p.field.startswith(field))
    assert prob.path == str(path) and prob.line is not None and "finite" in prob.message


@pytest.mark.parametrize("kind,extra", [
    ("indicator point", "indicators:\n  - id: gdp\n    name: GDP\n    actors: [AAA]\n    unit: usd\n"
                        "    points: [{year: 2003, value: .nan, source: memo}]\n"),
])
def test_non_finite_in_added_sections(tmp_path, kind, extra):
    path = tmp_path / "case.yaml"
    path.write_text(BASE.read_text() + extra)
    _fails_fast(path, "indicators[0].points[0]", "finite")


def test_claim_check_value_must_be_finite(tmp_path):
    text = BASE.read_text().replace('op: "<", other_period: early}', 'op: "<", value: .inf}')
    path = tmp_path / "case.yaml"
    path.write_text(text)
    _fails_fast(path, "claims[0].check", "finite")


def test_scenario_nan_shift_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: nanshift\ntitle: t\ndate: 2012-01\nchanges:\n"
                    "  - {action: shift, what: salience, issue: embargo, actor: AAA, by: .nan}\n")
    with pytest.raises(CaseError) as info:
        load_scenario(path)
    assert f"{path}:5: changes[0].by:" in str(info.value) and "finite" in str(info.value)


def test_scenario_item_errors_name_the_field_not_a_url(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(f"name: additem\ntitle: t\ncase: {BASE}\ndate: 2012-01\nchanges:\n"
                    "  - {action: add, what: actor, item: {code: EEE, name: [1], kind: state, colour: red}}\n")
    from equipoise.analysis.scenarios import apply_scenario
    scen = load_scenario(path)
    with pytest.raises(CaseError) as info:
        apply_scenario(load_case(BASE), scen)
    text = str(info.value)
    assert "changes[0].item.name" in text and "valid string" in text and "pydantic" not in text


def test_report_json_never_holds_infinity(tmp_path, monkeypatch):
    """A non-finite number reaching a result (an analysis dividing by zero) is written as null."""
    from equipoise.present import report as rep
    result = rep.build_report(load_case(BASE))
    real = type(result).to_dict
    monkeypatch.setattr(type(result), "to_dict", lambda self: real(self) | {"probe": [float("inf"), {"x": float("nan")}]})
    _, json_path = rep.write_report(result, tmp_path / "r")
    data = json.loads(json_path.read_text(), parse_constant=lambda c: pytest.fail(f"report.json holds {c}"))
    assert data["probe"] == [None, {"x": None}]


# ------------------------------------------------------------------ case validate

def _validate(path: Path, *args: str):
    return CliRunner().invoke(app, ["case", "validate", str(path), *args])


def test_validate_parses_payoff_expressions(tmp_path):
    for bad, msg in (('"2 + r"', "unexpected end"), ('"2 + q"', "unknown parameter(s) q"),
                     ('"(10^64)^64 +"', "unexpected end"), ('"__import__(1)"', "unknown function")):
        path = tmp_path / "case.yaml"
        path.write_text(BASE.read_text().replace('["2 + r", "2 + r"]', f'["2 + r", {bad[:-1]} + ("]'
                                                 if "unexpected" in msg else f'["2 + r", {bad}]'))
        r = _validate(path)
        assert r.exit_code == 1, r.output
        assert "games[0].payoffs[0].payoffs[1]" in r.output and "Traceback" not in r.output


def test_validate_checks_period_and_outcome_locators(tmp_path):
    text = BASE.read_text().replace("{period: late, value: 55}", "{period: late, value: 55, evidence: [nosuch:1:1]}")
    path = tmp_path / "case.yaml"
    path.write_text(text)
    r = _validate(path)
    assert r.exit_code == 1 and "issues[0].outcomes[0].evidence[0]" in r.output and "no source 'nosuch'" in r.output


def test_validate_checks_locators_against_source_texts(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    memo = Path(__file__).resolve().parents[1] / "present" / "web" / "cases" / "web_memo.txt"
    (texts / "web_memo.txt").write_text(memo.read_text())
    case = load_case(BASE)
    assert check_case(case, texts=texts).ok
    path = tmp_path / "case.yaml"
    path.write_text(BASE.read_text().replace("evidence: [memo:3:2]", "evidence: [memo:3:99]", 1))
    assert _validate(path).exit_code == 0  # no texts given: nothing to check the number against
    r = _validate(path, "--texts", str(texts))
    assert r.exit_code == 1 and "sentence 99 past the end of paragraph 3 of memo" in r.output


@pytest.mark.parametrize("loc", [f"memo:{2**63}:1", "memo:1:99999999999", "memo:1:" + "9" * 5000])
def test_huge_locator_numbers_are_located_errors(tmp_path, loc):
    path = tmp_path / "case.yaml"
    path.write_text(BASE.read_text().replace("evidence: [memo:3:2]", f"evidence: ['{loc}']", 1))
    _fails_fast(path, "expected a locator")


# ------------------------------------------------------------------ payoff expressions

@pytest.mark.parametrize("text,msg", [("(10^64)^64", "finite"), ("+".join(["x"] * 1000), "more than"),
                                      ("*".join(["x"] * 1000), "more than"), ("1e999", "too large"),
                                      ("exp(700)*exp(700)", "finite"), ("x/" + "1e-300/" * 3 + "1", "finite")])
def test_payoff_evaluator_errors_instead_of_crashing(text, msg):
    with pytest.raises(ExpressionError, match=msg):
        parse_expression(text).evaluate({"x": 2.0})


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.e+-*/^()x ,abs", min_size=1, max_size=200))
def test_fuzzed_expressions_raise_only_expression_errors(text):
    """Random text either parses and evaluates to a finite number or raises ExpressionError
    (20,000 random expressions crashed 752 times with OverflowError or RecursionError before)."""
    try:
        value = parse_expression(text).evaluate({"x": 3.0})
    except ExpressionError:
        return
    assert math.isfinite(value)


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
                    max_leaves=30))
def test_fuzzed_case_data_gives_case_errors_only(tmp_path_factory, data):
    import yaml
    path = tmp_path_factory.mktemp("fuzz") / "case.yaml"
    path.write_text(yaml.safe_dump({"case": data, "actors": data}))
    try:
        load_case(path)
    except EquipoiseError:
        pass


def test_cli_seed_out_of_range_is_exit_1():
    for args in (["forecast", "--seed", "-1"], ["game", "--seed", str(2**64)], ["game", "--draws", str(10**12)]):
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 1, (args, r.output)
        assert "Error: --" in r.output and "Traceback" not in r.output


def test_ingest_does_not_follow_links_out_of_the_folder(tmp_path):
    from equipoise.evidence.ingest import ingest
    from equipoise.evidence.store import EvidenceStore
    outside = tmp_path / "outside.txt"
    outside.write_text("Gammaland signed a treaty with Deltaria in 2004.")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "inside.txt").write_text("Alphaland met Betastan in 2003.")
    (folder / "link.txt").symlink_to(outside)
    store = EvidenceStore(f"sqlite:///{tmp_path / 's.db'}")
    result = ingest([folder], store=store)
    assert [d.name for d in store.list_documents()] == ["inside.txt"]
    assert any("outside the folder" in s.reason for s in result.skipped)
