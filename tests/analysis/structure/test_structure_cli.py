"""The structure commands, driven through typer's CliRunner on files written here."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from equipoise.cli import app

runner = CliRunner()


@pytest.fixture
def case_file(tmp_path):
    data = {"case": {"id": "t", "title": "t"},
            "actors": [{"code": c, "name": c} for c in ("CHN", "PRK", "RUS", "USA")],
            "periods": [{"id": "p1", "name": "One", "start": "2000", "end": "2004"},
                        {"id": "p2", "name": "Two", "start": "2005", "end": "2009"}],
            "relations": [{"actors": list(d), "period": p, "value": v} for p, rels in {
                "p1": {("RUS", "CHN"): 0.5, ("RUS", "USA"): -0.5, ("CHN", "USA"): -0.4, ("PRK", "RUS"): 0.4,
                       ("PRK", "CHN"): 0.6, ("PRK", "USA"): -0.9},
                "p2": {("RUS", "CHN"): 0.5, ("RUS", "USA"): 0.5, ("CHN", "USA"): -0.4, ("PRK", "RUS"): 0.4,
                       ("PRK", "CHN"): 0.4, ("PRK", "USA"): -0.9}}.items() for d, v in rels.items()]}
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return str(path)


def run(args):
    return runner.invoke(app, args, catch_exceptions=False)


def test_triangle_json(case_file):
    res = run(["triangle", "RUS", "CHN", "USA", case_file, "--period", "p2", "--format", "json", "--draws", "100"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["configuration"] == "romantic_triangle"
    assert d["roles"] == {"RUS": "pivot", "CHN": "wing", "USA": "wing"}
    assert d["probabilities"]["romantic_triangle"] == 1.0
    res_all = run(["triangle", "RUS", "CHN", "USA", case_file, "--format", "json", "--draws", "50"])
    assert [x["configuration"] for x in json.loads(res_all.stdout)] == ["stable_marriage", "romantic_triangle"]


def test_triangle_errors(case_file):
    res = run(["triangle", "RUS", "CHN", "JPN", case_file])
    assert res.exit_code == 1
    assert res.stderr.strip().startswith("Error: actor: 'JPN' is not an actor of the case")
    res = run(["triangle", "RUS", "CHN", "USA", case_file, "--period", "p9"])
    assert res.exit_code == 1
    assert res.stderr.strip().startswith("Error: period: 'p9' is not a period of the case")


def test_balance_file(tmp_path):
    edges = tmp_path / "edges.txt"
    edges.write_text("a b -1\nb c -1\na c -1\nc d 2\n")
    res = run(["balance", str(edges), "--format", "json"])
    assert res.exit_code == 0
    d = json.loads(res.stdout)
    assert d["frustration"] == 1 and d["optimal"] is True and d["method"] == "exhaustive"
    assert sorted(map(len, d["partition"])) == [1, 3] and "seconds" in d
    res = run(["balance", str(edges), "--weighted", "--method", "milp", "--format", "json"])
    assert json.loads(res.stdout)["method"] == "milp"
    edges.write_text("a b -1\nb c friendly\n")
    res = run(["balance", str(edges)])
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {edges}:2: sign: expected a number or +/- as the sign, got 'friendly'"
    res = run(["balance", str(tmp_path / "missing.txt")])
    assert res.exit_code == 1 and "no such file" in res.stderr


def test_balance_case(case_file):
    res = run(["balance-case", case_file, "--period", "p1", "--format", "json"])
    assert res.exit_code == 0
    d = json.loads(res.stdout)
    assert d["frustration"] == 0 and d["blocs"] == [["CHN", "PRK", "RUS"], ["USA"]]


def test_landscape_files(tmp_path):
    (tmp_path / "s.csv").write_text("actor,size\nA,1\nB,1\nC,1\nD,1\n")
    (tmp_path / "p.csv").write_text(",A,B,C,D\nA,0,1,-1,0.5\nB,1,0,0.5,-1\nC,-1,0.5,0,1\nD,0.5,-1,1,0\n")
    res = run(["landscape", str(tmp_path / "s.csv"), str(tmp_path / "p.csv"), "--format", "json"])
    assert res.exit_code == 0
    d = json.loads(res.stdout)
    assert d["minima"][0]["blocs"] == [["A", "B"], ["C", "D"]] and d["minima"][0]["energy"] == -2
    (tmp_path / "p.csv").write_text(",A,B,C,D\nA,0,1,-1,0.5\nB,0.9,0,0.5,-1\nC,-1,0.5,0,1\nD,0.5,-1,1,0\n")
    res = run(["landscape", str(tmp_path / "s.csv"), str(tmp_path / "p.csv")])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"Error: {tmp_path / 'p.csv'}:3: B-A: propensities are not symmetric")


def test_hedging(case_file):
    res = run(["hedging", case_file, "--actor", "PRK", "--patrons", "RUS", "CHN", "--format", "json", "--seed", "4"])
    assert res.exit_code == 0
    d = json.loads(res.stdout)
    assert [p["index"] for p in d["periods"]] == pytest.approx([0.8, 1.0])
    assert d["seed"] == 4
    again = run(["hedging", case_file, "--actor", "PRK", "--patrons", "RUS", "CHN", "--format", "json", "--seed", "4"])
    assert again.stdout == res.stdout
    res = run(["hedging", case_file, "--actor", "PRK", "--patrons", "RUS", "XYZ"])
    assert res.exit_code == 1 and "'XYZ' is not an actor" in res.stderr
