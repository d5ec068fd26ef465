"""The update loop: propose from documents, review, apply (round-trip edits, merging, dedup, bad input).

Documents here are our own sentences; the news dev set is read from ../shared only."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from equipoise.case import load_case
from equipoise.case.loader import default_case_path
from equipoise.case.update import (apply_proposals, copy_case, evaluate_update, propose_updates, read_gold_events,
                                   read_proposals, write_proposals)
from equipoise.case.yamledit import YamlEdits, flow, quoted
from equipoise.cli import app
from equipoise.errors import CaseError
from shared_paths import NEWS, missing

runner = CliRunner()

CASE_HEAD = textwrap.dedent("""\
    # A small hand-made case for the update tests. This comment must survive.
    case:
      id: upd
      title: Update test case
    sources:
      - {id: memo, title: Our memo, date: 2024-07-01, kind: report}
    actors:
      - code: RUS
        name: Russia
        leaders:
          - {name: Vladimir Putin, role: president, start: 2012-05-07}
      - code: PRK   # trailing comment kept
        name: North Korea
      - {code: CHN, name: China}
      - code: KOR
        name: South Korea
        leaders:
          - {name: Yoon Suk Yeol, role: president, start: 2022-05-10}
    periods:
      - {id: now, name: Now, start: 2024, end: 2026}
    """)
CASE_EVENTS = textwrap.dedent("""\
    # Events, written by hand; a long description stays on one line however long it is, because the editor never re-flows text that it did not write itself.
    events:
      - id: treaty_2024
        date: 2024-06-19
        source: [RUS]
        target: [PRK]
        code: "057"
        description: A treaty is signed.
        evidence: [memo]

      # a comment between sections
    relations:
      - actors: [RUS, PRK]
        period: now
        value: {value: 0.8, range: [0.6, 0.9]}
        kind: partnership
        evidence: [memo]
      - {actors: [CHN, RUS], period: now, value: 0.5, kind: partnership, evidence: [memo]}
    """)

DOC_A = "Allied aid\n\nOn 3 March 2025, Russia sent food aid to North Korea.\n\nRussia signed a treaty with North Korea on 19 June 2024.\n"
DOC_B = "Aid report\n\nIn March 2025 Moscow shipped food aid to Pyongyang, officials said.\n\nChina criticized Russia on 5 May 2025.\n"


@pytest.fixture
def small_case(tmp_path: Path) -> Path:
    d = tmp_path / "case"
    d.mkdir()
    (d / "00_case.yaml").write_text(CASE_HEAD)
    (d / "03_events.yaml").write_text(CASE_EVENTS)
    return d


@pytest.fixture
def docs(tmp_path: Path) -> list[Path]:
    out = []
    for name, text in (("a.txt", DOC_A), ("b.txt", DOC_B)):
        p = tmp_path / "docs" / name
        p.parent.mkdir(exist_ok=True)
        p.write_text(text)
        out.append(p)
    return out


# ---------------------------------------------------------------- round trip

def test_yaml_edits_keep_comments_and_layout(small_case: Path):
    f = small_case / "03_events.yaml"
    before = f.read_text()
    ed = YamlEdits(str(f), before)
    ed.append(("events",), [{"id": "new_one", "date": "2025-03", "source": flow(["RUS"]), "target": flow(["PRK"]),
                             "code": quoted("070"), "description": "no", "evidence": flow(["memo"])}])
    ed.append(("events", 0, "evidence"), ["memo:1:2"])
    ed.add_key(("events", 0), "provenance", [flow({"document": "memo", "proposal": "x", "accepted": "2026-01-01"})])
    ed.set_value(("relations", 0), "value", {"value": 0.4, "range": [0.3, 0.9]})
    ed.append(("relations", 1, "evidence"), ["memo:2:1"])
    after = ed.result()
    old_lines, new_lines = before.splitlines(), after.splitlines()
    # every original line survives unchanged and in order, except the ones edited in place
    edited = {"    evidence: [memo]", "    value: {value: 0.8, range: [0.6, 0.9]}",
              "  - {actors: [CHN, RUS], period: now, value: 0.5, kind: partnership, evidence: [memo]}"}
    it = iter(new_lines)
    for line in old_lines:
        if line in edited:
            continue
        assert any(line == n for n in it), f"lost or moved: {line!r}"
    assert after.count("#") == before.count("#")
    assert "    evidence: [memo, memo:1:2]" in new_lines
    assert "    value: {value: 0.4, range: [0.3, 0.9]}" in new_lines
    data = yaml.safe_load(after)
    assert [e["id"] for e in data["events"]] == ["treaty_2024", "new_one"]
    assert data["events"][1]["description"] == "no"  # quoted: a YAML 1.1 reader would read a bare no as False
    assert data["events"][1]["code"] == "070"
    assert data["relations"][1]["evidence"] == ["memo", "memo:2:1"]
    assert data["events"][0]["provenance"][0]["proposal"] == "x"


def test_untouched_files_are_byte_identical(small_case: Path, docs: list[Path]):
    head = (small_case / "00_case.yaml").read_bytes()
    ps = propose_updates(load_case(small_case), docs, since=dt.date(2025, 1, 1))
    evidence_only = [p.id for p in ps.proposals if p.kind == "event_evidence"]
    assert evidence_only
    apply_proposals(ps, small_case, accept=evidence_only)
    # the source record goes to 00_case.yaml: its old bytes are a prefix-preserving subset
    new_head = (small_case / "00_case.yaml").read_text()
    for line in head.decode().splitlines():
        assert line in new_head.splitlines()


# ---------------------------------------------------------------- proposing: merge and dedup

def test_same_event_in_two_documents_is_one_proposal(small_case: Path, docs: list[Path]):
    ps = propose_updates(load_case(small_case), docs, since=dt.date(2025, 1, 1))
    aid = [p for p in ps.proposals if p.kind == "new_event" and p.value["code"].startswith("07")]
    assert len(aid) == 1, [p.summary for p in ps.proposals]
    p = aid[0]
    assert sorted(p.documents) == ["a.txt", "b.txt"] and len(p.sentences) == 2
    assert p.date == "2025-03-03"  # the finer date of the two reports
    assert p.value["source"] == ["RUS"] and p.value["target"] == ["PRK"]
    assert all(s.highlight for s in p.sentences)
    assert p.addresses and all(p.addresses)


def test_event_the_case_holds_gains_evidence(small_case: Path, docs: list[Path]):
    ps = propose_updates(load_case(small_case), docs, since=dt.date(2025, 1, 1))
    assert not any(p.kind == "new_event" and p.value["code"].startswith("05") for p in ps.proposals)
    ev = [p for p in ps.proposals if p.kind == "event_evidence"]
    assert len(ev) == 1 and ev[0].target == {"section": "events", "id": "treaty_2024"}
    assert ev[0].value["evidence"][0].startswith("doc_a:")


def test_relation_evidence_has_a_direction(small_case: Path, docs: list[Path]):
    ps = propose_updates(load_case(small_case), docs, since=dt.date(2025, 1, 1))
    dirs = {(tuple(p.target["actors"]), p.direction) for p in ps.proposals if p.kind == "value_evidence"}
    assert (("PRK", "RUS"), "supports") in dirs  # aid and a treaty between partners
    assert (("CHN", "RUS"), "contradicts") in dirs  # criticism between partners


def test_since_drops_old_new_events(small_case: Path, docs: list[Path]):
    ps = propose_updates(load_case(small_case), docs, since=dt.date(2025, 4, 1))
    assert not any(p.kind == "new_event" and p.date.startswith("2025-03") for p in ps.proposals)


def test_quantity_and_leader_proposals(small_case: Path, tmp_path: Path):
    doc = tmp_path / "c.txt"
    doc.write_text("Workers\n\nNorth Korea sent 3,000 workers to Russia in April 2025.\n\n"
                   "South Korean President Lee Jae-myung was sworn in on 4 June 2025.\n")
    ps = propose_updates(load_case(small_case), [doc], since=dt.date(2025, 1, 1))
    pts = [p for p in ps.proposals if p.kind == "indicator_point"]
    assert pts and pts[0].value["indicator"]["points"][0] == {
        "year": 2025, "value": 3000.0, "source": "doc_c", "status": "stated",
        "note": pts[0].value["indicator"]["points"][0]["note"]}
    lead = [p for p in ps.proposals if p.kind == "leader_change"]
    assert len(lead) == 1 and lead[0].value["leader"]["name"] == "Lee Jae-myung"
    assert lead[0].value["end_previous"] == {"name": "Yoon Suk Yeol", "end": "2025-06-04"}


def test_unreadable_document_is_skipped_and_the_rest_go_on(small_case: Path, docs: list[Path], tmp_path: Path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    ps = propose_updates(load_case(small_case), [bad, *docs])
    assert [s["path"] for s in ps.skipped] == [str(bad)] and ps.skipped[0]["reason"]
    assert {d.name for d in ps.documents} == {"a.txt", "b.txt"}


# ---------------------------------------------------------------- applying

def test_accept_all_writes_a_valid_case_with_provenance_and_not_twice(small_case: Path, docs: list[Path],
                                                                      tmp_path: Path):
    ps = propose_updates(load_case(small_case), docs, since=dt.date(2025, 1, 1))
    path = tmp_path / "p.yaml"
    write_proposals(path, ps)
    res = apply_proposals(read_proposals(path), small_case, accept_all=True, today=dt.date(2026, 1, 2))
    assert not res.stale and len(res.applied) == len(ps.proposals)
    case = load_case(small_case)
    new = [e for e in case.events if e.id != "treaty_2024"]
    assert new and all(e.provenance and e.provenance[0].accepted == "2026-01-02" for e in new)
    assert {"doc_a", "doc_b"} <= {s.id for s in case.sources}
    again = apply_proposals(read_proposals(path), small_case, accept_all=True)
    assert not again.applied and len(again.stale) == len(ps.proposals) and not again.files


def test_event_added_meanwhile_is_reported_not_applied(small_case: Path, docs: list[Path]):
    ps = propose_updates(load_case(small_case), docs, since=dt.date(2025, 1, 1))
    ev = next(p for p in ps.proposals if p.kind == "new_event" and p.value["code"].startswith("07"))
    f = small_case / "03_events.yaml"  # the analyst adds the same event by hand, under another id
    f.write_text(f.read_text().replace("\n  # a comment between sections", textwrap.indent(textwrap.dedent("""\
        - id: aid_by_hand
          date: 2025-03
          source: [RUS]
          target: [PRK]
          code: "071"
          description: Our own entry.
        """), "  ") + "\n  # a comment between sections"))
    res = apply_proposals(ps, small_case, accept=[ev.id])
    assert res.applied == () and res.stale[0][0] == ev.id and "aid_by_hand" in res.stale[0][1]
    assert [e.id for e in load_case(small_case).events].count("aid_by_hand") == 1


def test_invalid_accepted_set_writes_nothing(small_case: Path, docs: list[Path]):
    ps = propose_updates(load_case(small_case), docs, since=dt.date(2025, 1, 1))
    ev = next(p for p in ps.proposals if p.kind == "new_event")
    ev.value["period"] = "no_such_period"
    before = {f.name: f.read_bytes() for f in small_case.iterdir()}
    with pytest.raises(CaseError) as exc:
        apply_proposals(ps, small_case, accept_all=True)
    assert "nothing was written" in str(exc.value) and "no_such_period" in str(exc.value)
    assert {f.name: f.read_bytes() for f in small_case.iterdir()} == before


def test_required_actor_must_be_accepted_too(small_case: Path, tmp_path: Path):
    doc = tmp_path / "j.txt"
    doc.write_text("Japan\n\nJapan criticized North Korea on 2 May 2025.\n")
    ps = propose_updates(load_case(small_case), [doc])
    ev = next(p for p in ps.proposals if p.kind == "new_event")
    assert ev.requires and ps.get(ev.requires[0]).kind == "new_actor"
    with pytest.raises(CaseError, match="requires"):
        apply_proposals(ps, small_case, accept=[ev.id], reject=ev.requires)


def test_packaged_case_is_never_edited(docs: list[Path]):
    ps = propose_updates(load_case(), docs[:1])
    with pytest.raises(CaseError, match="copy it first"):
        apply_proposals(ps, default_case_path(), accept_all=True)


# ---------------------------------------------------------------- proposals file

def test_hand_edited_invalid_proposals_are_refused_with_line_and_field(small_case: Path, docs: list[Path],
                                                                       tmp_path: Path):
    path = tmp_path / "p.yaml"
    write_proposals(path, propose_updates(load_case(small_case), docs))
    text = path.read_text().replace("kind: new_event", "kind: new_evnt", 1)
    path.write_text(text)
    line = text.splitlines().index(next(ln for ln in text.splitlines() if "new_evnt" in ln)) + 1
    with pytest.raises(CaseError) as exc:
        read_proposals(path)
    prob = exc.value.problems[0]
    assert prob.path == str(path) and prob.line == line and prob.field.endswith(".kind")


# ---------------------------------------------------------------- CLI

def test_cli_update_review_loop(small_case: Path, docs: list[Path], tmp_path: Path):
    out = tmp_path / "p.yaml"
    r = runner.invoke(app, ["update", str(small_case), *map(str, docs), "--db", f"sqlite:///{tmp_path}/s.db",
                            "-o", str(out), "--since", "2025-01-01"])
    assert r.exit_code == 0, r.output
    assert read_proposals(out).case == str(small_case.resolve())
    ev = next(p.id for p in read_proposals(out).proposals if p.kind == "new_event")
    r = runner.invoke(app, ["review", str(out), "--accept", ev, "--no-changes"])
    assert r.exit_code == 0, r.output
    assert "1 applied" in r.output
    assert read_proposals(out).get(ev).status == "applied"
    r = runner.invoke(app, ["review", str(out), "--accept", ev, "--no-changes"])
    assert r.exit_code == 0 and "0 applied" in r.output


def test_cli_errors(small_case: Path, docs: list[Path], tmp_path: Path):
    r = runner.invoke(app, ["update", str(small_case), str(tmp_path / "none.txt"), "--db",
                            f"sqlite:///{tmp_path}/s.db", "-o", str(tmp_path / "p.yaml")])
    assert r.exit_code == 1 and "Error: no document could be read" in r.output
    r = runner.invoke(app, ["update", str(small_case), *map(str, docs), "--since", "March", "--db",
                            f"sqlite:///{tmp_path}/s.db"])
    assert r.exit_code == 1 and "--since" in r.output
    p = tmp_path / "p.yaml"
    write_proposals(p, propose_updates(load_case(), docs))  # proposals for the packaged case
    r = runner.invoke(app, ["review", str(p), "--all"])
    assert r.exit_code == 1 and "case copy" in r.output
    r = runner.invoke(app, ["review", str(p), "--accept", "zz999", "--case", str(small_case)])
    assert r.exit_code == 1 and "unknown proposal id" in r.output
    r = runner.invoke(app, ["review"])
    assert r.exit_code == 2


def test_cli_case_copy(tmp_path: Path):
    r = runner.invoke(app, ["case", "copy", str(tmp_path / "mine")])
    assert r.exit_code == 0, r.output
    assert load_case(tmp_path / "mine").case.id == load_case().case.id
    r = runner.invoke(app, ["case", "copy", str(tmp_path / "mine")])
    assert r.exit_code == 1 and "not empty" in r.output


# ---------------------------------------------------------------- the news dev set (shared, read only)

@pytest.mark.skipif(not NEWS.is_dir(), reason=missing(NEWS))
def test_accept_all_on_news2025_leaves_a_valid_case(tmp_path: Path):
    mine = copy_case(None, tmp_path / "case")
    docs = sorted(NEWS.glob("*.txt"))
    ps = propose_updates(load_case(mine), docs, since=dt.date(2025, 1, 1))
    assert ps.proposals and len(ps.documents) == len(docs)
    res = apply_proposals(ps, mine, accept_all=True)
    assert res.applied and not res.stale
    after = load_case(mine)  # validates
    assert len(after.events) > len(load_case().events)
    ev = evaluate_update(ps, read_gold_events(NEWS / "gold_events.csv"), case=load_case())
    assert ev.gold > 0 and 0 <= ev.recall <= 1 and 0 <= ev.precision <= 1
