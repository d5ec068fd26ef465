"""The web review page: list, filter, highlighted sentences, accept / reject / edit-then-accept,
the same apply function as ``equipoise review``; the default case is never edited."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "case"))

from test_update import CASE_EVENTS, CASE_HEAD, DOC_A, DOC_B  # noqa: E402

from equipoise.case import load_case  # noqa: E402
from equipoise.case.update import propose_updates, read_proposals, write_proposals  # noqa: E402
from equipoise.present.web import create_app  # noqa: E402
from equipoise.present.web.review import highlight  # noqa: E402


@pytest.fixture
def setup(tmp_path: Path):
    case = tmp_path / "case"
    case.mkdir()
    (case / "00_case.yaml").write_text(CASE_HEAD)
    (case / "03_events.yaml").write_text(CASE_EVENTS)
    docs = []
    for name, text in (("a.txt", DOC_A), ("b.txt", DOC_B)):
        (tmp_path / name).write_text(text)
        docs.append(tmp_path / name)
    data = tmp_path / "data"
    data.mkdir()
    write_proposals(data / "proposals.yaml", propose_updates(load_case(case), docs, since=dt.date(2025, 1, 1)))
    return case, data


def test_highlight_merges_overlaps_and_keeps_text():
    parts = highlight("Russia sent aid to Korea.", [(7, 11), (9, 15), (0, 6)])
    assert "".join(p for p, _ in parts) == "Russia sent aid to Korea."
    assert [p for p, hit in parts if hit] == ["Russia", "sent aid"]


def test_review_page_lists_filters_and_highlights(setup):
    case, data = setup
    client = TestClient(create_app(case, data_dir=data), raise_server_exceptions=False,
                        base_url="http://localhost")
    r = client.get("/review")
    assert r.status_code == 200 and "Apply decisions" in r.text
    ps = read_proposals(data / "proposals.yaml")
    assert len(re.findall(r'<tr id="proposal-', r.text)) == len(ps.proposals)
    assert "<mark" in r.text
    r = client.get("/review?kind=new_event")
    assert len(re.findall(r'<tr id="proposal-', r.text)) == sum(p.kind == "new_event" for p in ps.proposals)
    r = client.get("/review?actor=CHN")
    assert all("CHN" in p.actors for p in ps.proposals if f'id="proposal-{p.id}"' in r.text)
    r = client.get("/review?kind=nonsense")
    assert r.status_code == 400
    r = client.get("/review?file=../secret.yaml")
    assert r.status_code == 400


def test_accept_edit_reject_through_the_page(setup):
    case, data = setup
    client = TestClient(create_app(case, data_dir=data), raise_server_exceptions=False,
                        base_url="http://localhost")
    ps = read_proposals(data / "proposals.yaml")
    ev = next(p for p in ps.proposals if p.kind == "new_event")
    other = next(p for p in ps.proposals if p.id != ev.id)
    edited = "\n".join(ln if not ln.startswith("description:") else "description: Edited by the reviewer."
                       for ln in __import__("yaml").safe_dump(ev.value, sort_keys=False, width=10000).splitlines())
    r = client.post("/review/apply", data={"csrf_token": client.app.state.csrf_token, "file": "proposals.yaml", f"do-{ev.id}": "accept",
                                           f"value-{ev.id}": edited, f"do-{other.id}": "reject"})
    assert r.status_code == 200, r.text
    assert "1 applied" in r.text and "What changed" in r.text
    after = load_case(case)
    assert any(e.description == "Edited by the reviewer." and e.provenance for e in after.events)
    saved = read_proposals(data / "proposals.yaml")
    assert saved.get(ev.id).status == "applied" and saved.get(other.id).status == "rejected"


def test_default_case_is_not_written_from_the_page(setup, tmp_path: Path):
    _, data = setup
    client = TestClient(create_app(data_dir=data), raise_server_exceptions=False,
                        base_url="http://localhost")
    assert "is not edited in place" in client.get("/review").text
    ps = read_proposals(data / "proposals.yaml")
    r = client.post("/review/apply", data={"csrf_token": client.app.state.csrf_token, "file": "proposals.yaml", f"do-{ps.proposals[0].id}": "accept"})
    assert r.status_code == 400 and "case copy" in r.text
