"""``equipoise case new``, ``case schema`` (the generated format reference), ``case validate`` with no
argument and ``--version``: the commands a new user meets first."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from equipoise.case import load_case
from equipoise.case.models import Case
from equipoise.case.new import new_case
from equipoise.case.schema import format_reference, reachable_models
from equipoise.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_committed_case_format_doc_is_up_to_date():
    doc = ROOT / "docs" / "case-format.md"
    assert doc.read_text("utf-8") == format_reference(), \
        "docs/case-format.md is stale: run `equipoise case schema -o docs/case-format.md`"


def test_reference_names_every_field_of_every_model():
    text = format_reference()
    for model in reachable_models(Case):
        assert f"\n## {model.__name__}\n" in text
        for name, field in model.model_fields.items():
            assert f"| `{field.alias or name}` |" in text, (model.__name__, name)
    # the README points readers at the generated reference
    assert "docs/case-format.md" in (ROOT / "README.md").read_text("utf-8")


def test_case_new_writes_a_case_that_loads(tmp_path):
    path = new_case("axis", ["irn", "RUS", "CHN", "RUS"], tmp_path, start="2001-07")
    case = load_case(path.parent)
    assert [a.code for a in case.actors] == ["IRN", "RUS", "CHN"]  # upper-cased, duplicates dropped
    assert {a.code: a.name for a in case.actors}["IRN"] == "Iran"  # named from the gazetteer
    assert len(case.relations) == 3 and all(r.value.range == (-1.0, 1.0) for r in case.relations)
    assert case.periods[0].start.text == "2001-07"
    assert (path.parent / "scenarios").is_dir()
    # it is plain YAML a person can edit
    assert yaml.safe_load(path.read_text("utf-8"))["case"]["id"] == "axis"


def test_case_new_cli_and_its_errors(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["case", "new", "trio", "--actors", "IRN", "RUS", "CHN", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert len(load_case(tmp_path / "trio").actors) == 3
    again = runner.invoke(app, ["case", "new", "trio", "--actors", "IRN", "-o", str(tmp_path)])
    assert again.exit_code == 1 and "exists" in again.output and "Traceback" not in again.output
    none = runner.invoke(app, ["case", "new", "empty", "-o", str(tmp_path)])
    assert none.exit_code == 1 and "--actors" in none.output
    bad = runner.invoke(app, ["case", "new", "bad", "--actors", "IRN", "--start", "2024-13", "-o", str(tmp_path)])
    assert bad.exit_code == 1 and "--start" in bad.output and not (tmp_path / "bad" / "case.yaml").exists()


def test_validate_without_argument_checks_the_default_case_and_version():
    runner = CliRunner()
    r = runner.invoke(app, ["case", "validate", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert '"ok": true' in r.output
    v = runner.invoke(app, ["--version"])
    assert v.exit_code == 0 and v.output.startswith("equipoise ")


def test_schema_command_prints_the_reference(tmp_path):
    r = CliRunner().invoke(app, ["case", "schema", "-o", str(tmp_path / "f.md")])
    assert r.exit_code == 0
    assert (tmp_path / "f.md").read_text("utf-8") == format_reference()
