"""Loading cases: YAML -> case -> YAML round-trips, folder cases, line numbers."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equipoise.case import load_case, write_yaml_atomic
from equipoise.case.loader import Located, _read_located, format_loc
from equipoise.case.tables import case_to_dict
from equipoise.errors import CaseError
from equipoise.evidence.cameo import cameo_table

# ---------------------------------------------------------------- strategies

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
_codes = st.lists(st.from_regex(r"[A-Z][A-Z0-9]{2}", fullmatch=True), min_size=2, max_size=5, unique=True)
_num = st.floats(-1, 1, allow_nan=False, allow_infinity=False)


def _date_text(draw, lo: int, hi: int) -> str:
    y = draw(st.integers(lo, hi))
    kind = draw(st.sampled_from(["day", "month", "year", "interval", "open"]))
    if kind == "year":
        return str(y)
    m = draw(st.integers(1, 12))
    if kind == "month":
        return f"{y}-{m:02d}"
    d = draw(st.integers(1, 28))
    if kind == "day":
        return f"{y}-{m:02d}-{d:02d}"
    if kind == "open":
        return f"{y}-{m:02d}/.."
    return f"{y}/{draw(st.integers(y, hi))}-{m:02d}"


@st.composite
def case_dicts(draw) -> dict:
    codes = draw(_codes)
    n_par = draw(st.integers(1, 30))
    locator = st.builds(lambda p, s: f"src:{p}:{s}", st.integers(1, n_par), st.integers(1, 9))
    bounds = sorted(draw(st.lists(st.integers(1950, 2030), min_size=2, max_size=4, unique=True)))
    periods = [{"id": f"p{i}", "name": draw(_text), "start": f"{a}-01-01", "end": f"{b - 1}-12-31"}
               for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]
    events = []
    for i in range(draw(st.integers(0, 5))):
        ev = {"id": f"e{i}", "date": _date_text(draw, 1900, 2030), "source": [draw(st.sampled_from(codes))],
              "target": draw(st.lists(st.sampled_from(codes), max_size=2, unique=True)),
              "code": draw(st.sampled_from(sorted(cameo_table()))), "description": draw(_text),
              "evidence": draw(st.lists(locator, max_size=2))}
        if draw(st.booleans()):
            ev["quantity"] = {"value": draw(st.floats(0, 1e9, allow_nan=False)), "unit": draw(_text)}
        events.append(ev)
    relations = []
    dyads = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]
    for a, b in draw(st.lists(st.sampled_from(dyads), unique=True, max_size=4)) if periods else []:
        lo, v, hi = sorted(draw(st.lists(_num, min_size=3, max_size=3)))
        relations.append({"actors": [a, b], "period": draw(st.sampled_from(periods))["id"],
                          "value": {"value": v, "range": [lo, hi]}, "kind": "neutral",
                          "note": draw(_text), "evidence": draw(st.lists(locator, max_size=2))})
    indicators = []
    if draw(st.booleans()):
        years = draw(st.lists(st.integers(1990, 2024), min_size=1, max_size=5, unique=True))
        indicators.append({"id": "ind", "name": draw(_text), "unit": "USD", "actors": codes[:2], "series": draw(_text),
                           "points": [{"year": y, "value": draw(st.floats(-1e6, 1e6, allow_nan=False)), "source": "src"}
                                      for y in years]})
    return {
        "case": {"id": "prop", "title": draw(_text), "description": draw(_text)},
        "sources": [{"id": "src", "title": draw(_text), "author": draw(_text), "date": _date_text(draw, 1990, 2024),
                     "paragraphs": n_par}],
        "actors": [{"code": c, "name": draw(_text), "aliases": draw(st.lists(_text, max_size=2))} for c in codes],
        "periods": periods, "events": events, "relations": relations, "indicators": indicators,
    }


def _round_trip(data: dict) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        first = load_case(write_yaml_atomic(Path(tmp) / "a.yaml", data), check=False)
        dumped = case_to_dict(first)
        second = load_case(write_yaml_atomic(Path(tmp) / "b.yaml", dumped), check=False)
    return dumped, case_to_dict(second)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_dicts())
def test_yaml_case_yaml_round_trips(data):
    dumped, again = _round_trip(data)
    assert again == dumped
    # and nothing the author wrote was lost on the way in
    assert [e["date"] for e in dumped.get("events", [])] == [e["date"] for e in data["events"]]
    assert [a["code"] for a in dumped["actors"]] == [a["code"] for a in data["actors"]]
    assert [r["value"]["value"] for r in dumped.get("relations", [])] == [r["value"]["value"] for r in data["relations"]]


def test_default_case_round_trips():
    dumped = case_to_dict(load_case())
    with tempfile.TemporaryDirectory() as tmp:
        again = case_to_dict(load_case(write_yaml_atomic(Path(tmp) / "nea.yaml", dumped)))
    assert again == dumped


def test_dates_stay_text_and_keep_their_precision(tmp_path):
    path = write_yaml_atomic(tmp_path / "c.yaml", {
        "case": {"id": "d", "title": "Dates"}, "actors": [{"code": "AAA", "name": "A"}],
        "events": [{"id": f"e{i}", "date": d, "source": ["AAA"], "code": "010", "description": "x"}
                   for i, d in enumerate(["2018-08-15", "2017-01", "2014", "2012/2014-03", "2022/.."])]})
    # written without quotes, 2018-08-15 would be a YAML timestamp; the loader keeps it as text
    assert "date: '2018-08-15'" in path.read_text() or "date: 2018-08-15" in path.read_text()
    case = load_case(path)
    got = [(e.date.text, e.date.precision, e.date.start, e.date.end) for e in case.events]
    assert got == [
        ("2018-08-15", "day", dt.date(2018, 8, 15), dt.date(2018, 8, 15)),
        ("2017-01", "month", dt.date(2017, 1, 1), dt.date(2017, 1, 31)),
        ("2014", "year", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        ("2012/2014-03", "interval", dt.date(2012, 1, 1), dt.date(2014, 3, 31)),
        ("2022/..", "open", dt.date(2022, 1, 1), None),
    ]


# ---------------------------------------------------------------- line numbers

SINGLE = """\
case: {id: x, title: Lines}
actors:
  - code: AAA
    name: Alphaland
  - {code: BBB, name: Betastan}
events:
  - id: e1
    date: 2001
    source: [AAA, BBB]
    code: "010"
    description: one
"""


def test_line_numbers_of_a_single_file(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(SINGLE)
    located = _read_located(path)
    assert isinstance(located, Located)
    f = str(path)
    assert located.where(("actors", 0, "name")) == (f, 4)
    assert located.where(("actors", 1, "name")) == (f, 5)
    assert located.where(("events", 0, "source", 1)) == (f, 9)
    assert located.where(("events", 0, "code")) == (f, 10)
    # a path below the deepest known node falls back to its parent
    assert located.where(("events", 0, "quantity", "value")) == (f, 7)


def test_format_loc():
    assert format_loc(("relations", 3, "value")) == "relations[3].value"
    assert format_loc(("games", 0, "parameters", "x", "issue")) == "games[0].parameters.x.issue"
    assert format_loc(()) == ""


# ---------------------------------------------------------------- folder cases

def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


EVENTS_A = """\
events:
  - {id: e1, date: 2001, source: [AAA], code: "010", description: one}
  - {id: e2, date: 2002, source: [AAA], code: "010", description: two}
"""

EVENTS_B = """\
# later file: its events follow those of 10_events.yaml
events:
  - {id: e3, date: 2003, source: [AAA], code: "010", description: three}
  - id: e4
    date: 2004
    source: [ZZZ]
    code: "010"
    description: four
"""


def test_folder_case_concatenates_lists_in_name_order(tmp_path):
    folder = _folder(tmp_path, {"00_case.yaml": "case: {id: f, title: Folder}\nactors: [{code: AAA, name: A}]\n",
                                "10_events.yaml": EVENTS_A,
                                "20_more.yml": EVENTS_B.replace("ZZZ", "AAA"),
                                "notes.txt": "not yaml: ignored"})
    case = load_case(folder)
    assert [e.id for e in case.events] == ["e1", "e2", "e3", "e4"]


def test_folder_case_error_names_the_right_file_line_and_index(tmp_path):
    folder = _folder(tmp_path, {"00_case.yaml": "case: {id: f, title: Folder}\nactors: [{code: AAA, name: A}]\n",
                                "10_events.yaml": EVENTS_A, "20_more.yaml": EVENTS_B})
    with pytest.raises(CaseError) as info:
        load_case(folder)
    (problem,) = info.value.problems
    # e4 is the fourth event of the merged case and sits on line 6 of the second events file
    assert str(problem) == (f"{folder / '20_more.yaml'}:6: events[3].source[0]: "
                            "unknown actor code 'ZZZ' (expected one of the case's actors)")


def test_folder_case_rejects_a_section_in_two_files(tmp_path):
    folder = _folder(tmp_path, {"00_case.yaml": "case: {id: f, title: Folder}\nactors: [{code: AAA, name: A}]\n",
                                "10_again.yaml": "actors: [{code: BBB, name: B}]\n\ncase: {id: g, title: Again}\n"})
    with pytest.raises(CaseError) as info:
        load_case(folder)
    assert str(info.value) == f"{folder / '10_again.yaml'}:3: case: section 'case' appears in more than one file"


def test_folder_case_needs_lists_for_list_sections(tmp_path):
    folder = _folder(tmp_path, {"00_case.yaml": "case: {id: f, title: Folder}\nactors:\n  code: AAA\n"})
    with pytest.raises(CaseError) as info:
        load_case(folder)
    assert str(info.value) == f"{folder / '00_case.yaml'}:3: actors: expected a list, got dict"


def test_empty_folder_is_an_error(tmp_path):
    folder = _folder(tmp_path, {"readme.txt": "nothing"})
    with pytest.raises(CaseError) as info:
        load_case(folder)
    assert str(info.value) == f"{folder}: folder holds no .yaml files"


def test_written_yaml_is_plain_safe_yaml(tmp_path):
    data = {"case": {"id": "w", "title": "Übersicht — ünïcode"}, "actors": [{"code": "AAA", "name": "A"}]}
    path = write_yaml_atomic(tmp_path / "sub" / "w.yaml", data)
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == data
    assert not list(path.parent.glob("*.tmp"))
