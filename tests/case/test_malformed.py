"""Broken cases give one clear line each: ``Error: FILE:LINE: FIELD: MESSAGE``, exit status 1.

Each file in ``tests/case/malformed/`` holds exactly one mistake. The test drives
``equipoise case validate FILE`` through typer's CliRunner and compares the whole
of stderr with the expected line, so a wrong line number, a wrong field path or a
vaguer message fails it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from equipoise.case import load_case
from equipoise.cli import app
from equipoise.errors import CaseError

HERE = Path(__file__).parent / "malformed"

# file -> (line, field, message); field None where the problem is the whole file
EXPECTED: dict[str, tuple[int, str | None, str]] = {
    "unknown_actor.yaml": (8, "events[0].target[0]", "unknown actor code 'XXX' (expected one of the case's actors)"),
    "date_outside_period.yaml": (9, "events[0].date", "date 2015-06 lies outside period 'early' (2000–2009)"),
    "overlapping_periods.yaml": (10, "periods[1].start",
                                 "period 'late' overlaps 'early' in sequence 'main'; periods of one sequence must not overlap"),
    "relation_out_of_range.yaml": (8, "relations[0].value",
                                   "relation strength must lie in [-1, 1], got 1.5 (range 1.5..1.5)"),
    "dangling_evidence.yaml": (11, "relations[0].evidence[1]", "dangling evidence: no source 'nosuch2019'"),
    "duplicate_ids.yaml": (9, "events[1].id", "duplicate id 'e1' (also events[0])"),
    "duplicate_actor_code.yaml": (5, "actors[2].code", "duplicate code 'AAA' (also actors[0])"),
    # the parser's own words: libyaml's (the loader uses it when PyYAML has it) or pure PyYAML's
    "bad_yaml_syntax.yaml": (4, None, ("invalid YAML: did not find expected ',' or '}'" if yaml.__with_libyaml__
                                       else "invalid YAML: expected ',' or '}', but got '{'")
                             + " (while parsing a flow mapping that starts on line 3)"),
    "duplicate_key.yaml": (6, "actors[0].name", "duplicate key 'name' (first on line 4)"),
    "wrong_type.yaml": (5, "sources[0].paragraphs",
                        "Input should be a valid integer, unable to parse string as an integer, got 'many'"),
    "missing_required.yaml": (4, "events[0].description", "required field is missing"),
    "bad_date.yaml": (5, "events[0].date", "month out of range in '2018-13-01'"),
    "unknown_field.yaml": (9, "events[0].colour", "unknown field (check its spelling against the case format)"),
    "cameo_number.yaml": (7, "events[0].code", "write CAMEO codes as quoted strings ('036' or '36'), got the number 36"),
    "unknown_cameo_code.yaml": (7, "events[0].code", "CAMEO code '99' is not in the pinned table"),
    "payoff_row_mismatch.yaml": (12, "games[0].payoffs[2].payoffs", "1 payoffs for 2 players"),
    "locator_past_paragraphs.yaml": (8, "claims[0].evidence[1]", "paragraph 12 past the end of note2020 (10 paragraphs)"),
    "bad_estimate_range.yaml": (7, "relations[0].value", "expected low <= value <= high, got 0.6 <= 0.5 <= 0.8"),
    "bad_locator.yaml": (10, "events[0].evidence[0]",
                         "expected a locator SOURCE[:PARAGRAPH[:SENTENCE]] such as belo2018:5:3, got 's:two:1'"),
    "unknown_period.yaml": (6, "relations[0].period", "unknown period 'middle' (expected one of early)"),
    "position_out_of_range.yaml": (11, "issues[0].stances[0].position",
                                   "position must lie in [0, 100], got 90 (range 80..120)"),
    "leader_term_reversed.yaml": (6, "actors[0].leaders[0].end", "term of President Alpha ends before it starts"),
    "not_a_mapping.yaml": (1, None, "expected a mapping of sections (case, actors, events, ...)"),
    "expectation_bad_strategy.yaml": (18, "games[0].expectations.early.strategies.BBB",
                                      "'cooperate' is not a strategy of BBB (C, D)"),
    "claim_bad_equilibrium_strategy.yaml": (21, "claims[0].check.strategy",
                                            "'betray' is not a strategy of AAA in game 'g' (C, D)"),
}


def test_every_malformed_file_has_an_expectation():
    on_disk = sorted(p.name for p in HERE.glob("*.yaml"))
    assert on_disk == sorted(EXPECTED)
    assert len(on_disk) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_prints_one_located_line(name):
    path = HERE / name
    line, field, message = EXPECTED[name]
    result = CliRunner().invoke(app, ["case", "validate", str(path)])
    where = f"{path}:{line}: " + (f"{field}: " if field else "")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    assert result.stderr == f"Error: {where}{message}\n"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_case_raises_case_error_with_location(name):
    line, field, message = EXPECTED[name]
    with pytest.raises(CaseError) as info:
        load_case(HERE / name)
    problems = info.value.problems or [info.value]
    assert [(p.line, p.field, p.message) for p in problems] == [(line, field, message)]


def test_validate_json_lists_the_problem():
    import json
    result = CliRunner().invoke(app, ["case", "validate", str(HERE / "bad_date.yaml"), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["errors"] == [{"path": str(HERE / "bad_date.yaml"), "line": 5, "field": "events[0].date",
                               "message": "month out of range in '2018-13-01'"}]


def test_missing_file_is_a_user_error(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = CliRunner().invoke(app, ["case", "validate", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file or folder\n"
