"""The default case states its data cut-off in the report and the web overview (structure only)."""

from __future__ import annotations


def test_report_and_web_overview_state_cutoff():
    """Structure on the default case: the report header/JSON and the web overview state the cut-off."""
    from fastapi.testclient import TestClient

    from equipoise.case import load_case
    from equipoise.present.report import Report
    from equipoise.present.web.app import create_app

    case = load_case()
    from equipoise.case.validate import stale_items
    rep = Report(case_id="x", title="X", seed=1, sections=(), cutoff=case.case.cutoff.text,
                 stale=tuple({"kind": x["kind"], "message": x["message"], "what": x["what"]} for x in stale_items(case)))
    assert rep.to_dict()["cutoff"] == case.case.cutoff.text
    from equipoise.present.report import render_html
    assert f"Data cut-off: {case.case.cutoff.text}" in render_html(rep)
    client = TestClient(create_app(), base_url="http://localhost")
    html = client.get("/").text
    assert "Data cut-off:" in html and case.case.cutoff.text in html
