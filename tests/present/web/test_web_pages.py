"""Every page of the web app, over the default case and over a small invented case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from equipoise.case import check_case, load_case

WEB_CASE = Path(__file__).parent / "cases" / "web.yaml"

PAGES = ["/", "/timeline", "/evidence", "/relations", "/measured", "/forecasts", "/games", "/scenarios", "/claims"]


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def _event_ids(html: str) -> list[str]:
    return re.findall(r'data-event="([^"]+)"', html)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_of_the_default_case_renders(default_client, path):
    r = default_client.get(path)
    assert r.status_code == 200, r.text[-500:]
    assert r.headers["content-type"].startswith("text/html")
    assert "· Equipoise" in _title(r.text)
    assert r.text.count("<h1>") == 1
    assert "Traceback" not in r.text


@pytest.mark.parametrize("path", PAGES)
def test_every_page_of_the_test_case_renders(web_client, path):
    r = web_client.get(path)
    assert r.status_code == 200, r.text[-500:]
    assert 'aria-current="page"' in r.text  # the navigation marks where we are
    assert "is not available" not in r.text, f"{path} is not wired to its analysis module"


def test_overview_lists_actors_periods_and_warnings(web_client):
    html = web_client.get("/").text
    for code in ("AAA", "BBB", "CCC", "DDD"):
        assert f">{code}</a>" in html
    assert "Early years" in html and "Late years" in html
    warnings = check_case(load_case(WEB_CASE)).warnings
    assert f"values without evidence ({len(warnings)})" in html
    assert "relation BBB-CCC early has no evidence" in html


def test_timeline_filters(web_client):
    assert _event_ids(web_client.get("/timeline").text) == ["e1", "e4", "e2", "e3"]  # by date
    assert _event_ids(web_client.get("/timeline?actor=CCC").text) == ["e2", "e3"]
    assert _event_ids(web_client.get("/timeline?period=early").text) == ["e1", "e4"]
    assert _event_ids(web_client.get("/timeline?type=16").text) == ["e2"]
    assert _event_ids(web_client.get("/timeline?source=brief").text) == ["e3"]
    assert _event_ids(web_client.get("/timeline?actor=AAA&period=late").text) == []
    html = web_client.get("/timeline?actor=CCC").text
    assert "2 of 4 events" in html
    assert '<option value="CCC" selected>' in html


def test_timeline_rejects_unknown_filter_values(web_client):
    r = web_client.get("/timeline?period=nowhen")
    assert r.status_code == 400
    assert "unknown period &#39;nowhen&#39; (expected one of early, late)" in r.text


def test_each_event_links_to_its_evidence(web_client):
    html = web_client.get("/timeline?actor=BBB&period=late").text
    assert 'href="/evidence/value/event/e2"' in html
    assert 'href="/evidence/locator/memo%3A3%3A1"' in html
    page = web_client.get("/evidence/value/event/e2").text
    assert "Betastan imposed an embargo on Gammaria in March 2012" in page


def test_locator_shows_sentence_and_the_values_citing_it(web_client):
    html = web_client.get("/evidence/locator/memo:3:1").text
    assert "Betastan imposed an embargo on Gammaria in March 2012" in html
    for label in ("event e2", "relation AAA–CCC in early", "relation BBB–CCC in late", "stance of AAA on embargo"):
        assert label in html


def test_malformed_locator_is_a_clear_400(web_client):
    for bad in ("memo:x", "memo:\u00b2", "memo:0:1"):
        r = web_client.get(f"/evidence/locator/{bad}")
        assert r.status_code == 400 and "SOURCE[:PARAGRAPH[:SENTENCE]]" in r.text


def test_document_view_highlights_and_marks(web_client):
    docs = web_client.get("/api/evidence/documents").json()["documents"]
    doc = next(d for d in docs if d["name"] == "web_memo.txt")
    html = web_client.get(f"/evidence/doc/{doc['id']}?p=3&s=1").text
    hl = re.search(r'<span id="s3-1" class="sent hl[^"]*"[^>]*>(.*?)</span>(?= |<)', html, re.S)
    assert hl, "the cited sentence is not highlighted"
    assert "Betastan imposed an embargo" in re.sub(r"<[^>]+>", "", hl.group(1))
    assert html.count('class="sent hl') == 1
    # extracted mentions are marked
    assert re.search(r'<mark class="m-actor" title="actor RUS">Moscow</mark>', html)
    assert re.search(r'<mark class="m-date"[^>]*>[^<]*2012[^<]*</mark>', html)
    assert re.search(r'<mark class="m-quantity"[^>]*>[^<]*76\.8 million[^<]*</mark>', html)
    # sentence -> the case values it supports
    assert 'href="/evidence/value/event/e2">event e2' in html


def test_relations_page_has_slider_triangles_and_blocs(web_client):
    html = web_client.get("/relations").text
    assert 'id="period-slider"' in html and 'max="1"' in html and 'value="1"' in html  # default: last period
    assert 'data-period-block="early"' in html and 'data-period-block="late"' in html
    assert "AAA–BBB–CCC" in html
    # early: AAA+BBB, both hostile to CCC -> stable marriage with CCC the pariah
    early = html.split('data-period-block="early"')[1].split('data-period-block="late"')[0]
    row = re.search(r"<td>AAA–BBB–CCC</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>", early)
    assert row.group(1) == "stable marriage"
    assert "CCC pariah" in row.group(2)
    assert "Blocs:" in early
    r = web_client.get("/relations?period=early")
    assert 'value="0"' in r.text
    assert web_client.get("/relations?period=nope").status_code == 400


def test_forecasts_page(web_client):
    html = web_client.get("/forecasts").text
    assert "Enforcement of the embargo on Gammaria" in html
    assert "Retrodiction" in html and "Mean absolute error" in html
    for model in ("compromise", "median", "nash", "expected-utility"):
        assert f"<th scope=\"col\">{model}</th>" in html


def test_games_page(web_client):
    html = web_client.get("/games").text
    assert "Talks between Alphaland and Betastan" in html
    assert "★" in html  # talk/talk and refuse/refuse are pure equilibria
    assert "<strong>talk/talk</strong>" in html and "<strong>refuse/refuse</strong>" in html


def _tok(client) -> dict:
    """The form token the app writes into its forms (a browser sends it back)."""
    return {"csrf_token": client.app.state.csrf_token}


def _edit_form(**changes) -> dict:
    form = {"name": "reconcile_more", "title": "Reconcile further", "date": "2012-01", "period": "", "n": "3",
            "c0_action": "set", "c0_what": "relation", "c0_a": "AAA", "c0_b": "BBB", "c0_value": "0.9",
            "c0_low": "0.8", "c0_high": "1", "c1_action": "shift", "c1_what": "position", "c1_issue": "embargo",
            "c1_actor": "BBB", "c1_by": "-40", "c2_action": ""}
    form.update(changes)
    return form


def test_scenarios_page_lists_and_opens_a_copy(web_client):
    html = web_client.get("/scenarios").text
    assert 'value="saved:reconcile"' in html
    html = web_client.get("/scenarios?name=saved:reconcile").text
    assert "Edit a copy of Alphaland and Betastan reconcile" in html
    assert 'id="c0_value" name="c0_value" size="6" inputmode="decimal" value="0.7"' in html
    assert 'id="c1_by" name="c1_by" size="6" inputmode="decimal" value="-40"' in html
    assert 'value="reconcile_edit"' in html  # a copy: saving never overwrites the original
    assert web_client.get("/scenarios?name=saved:../../etc/passwd").status_code == 400


def test_scenario_edit_runs_and_shows_differences(web_client):
    r = web_client.post("/scenarios/run", data=_edit_form() | _tok(web_client))
    assert r.status_code == 200, r.text[-800:]
    rows = re.findall(r'<tr class="changed"><td>(\w+)</td><td>([^<]+)</td>', r.text)
    assert ("game", "talks") in rows and ("forecast", "embargo:compromise") in rows
    game = r.text.split("<td>talks</td>")[1].split("</tr>")[0]
    assert "<td>refuse/refuse</td><td>talk/talk</td>" in game


def test_scenario_edits_are_validated_like_files(web_client):
    r = web_client.post("/scenarios/run", data=_edit_form(c0_value="7") | _tok(web_client))
    assert r.status_code == 400
    assert "changes[0].value: expected low &lt;= value &lt;= high, got 0.8 &lt;= 7.0 &lt;= 1.0" in r.text
    r = web_client.post("/scenarios/run", data=_edit_form(c0_a="ZZZ") | _tok(web_client))
    assert r.status_code == 400 and "unknown actor &#39;ZZZ&#39;" in r.text
    r = web_client.post("/scenarios/run", data=_edit_form(date="1950") | _tok(web_client))
    assert r.status_code == 400 and "date 1950 lies outside the case&#39;s periods" in r.text
    r = web_client.post("/scenarios/run", data=_edit_form(c1_what="nonsense") | _tok(web_client))
    assert r.status_code == 400 and "changes[1].what" in r.text
    r = web_client.post("/scenarios/run", data=_edit_form(n="100000") | _tok(web_client))
    assert r.status_code == 400 and "at most 50 change rows" in r.text


def test_scenario_save_writes_inside_the_data_directory(web_client):
    from equipoise.analysis.scenarios import load_scenario
    data_dir = web_client.app.state.config.data_dir
    r = web_client.post("/scenarios/save", data=_edit_form(name="../../escape") | _tok(web_client))
    assert r.status_code == 400 and "name: String should match pattern" in r.text
    assert not list(data_dir.parent.glob("escape*"))
    r = web_client.post("/scenarios/save", data=_edit_form() | _tok(web_client))
    assert r.status_code == 200
    path = data_dir / "scenarios" / "reconcile_more.yaml"
    assert f"Saved as <code>{path}</code>" in r.text
    saved = load_scenario(path)  # the saved file reads back as a scenario file
    assert saved.changes[0].value.value == 0.9 and saved.changes[1].by == -40
    assert 'value="saved:reconcile_more"' in web_client.get("/scenarios").text


def test_claims_page(web_client):
    html = web_client.get("/claims").text
    assert "Alphaland and Betastan drifted apart &lt;em&gt;after 2010&lt;/em&gt;." in html
    assert '<td class="verdict-supported">supported</td>' in html
    assert 'href="/evidence/value/claim/c1"' in html
