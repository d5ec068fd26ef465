"""The event coder on the failure cases of issue 12, each in a sentence written for this test.

Expected codes follow the CAMEO 1.1b3 codebook (Schrodt 2012) and the PLOVER 2.0
categories (Halterman et al. 2023); the sentences are ours, not from any article.
"""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.errors import EvidenceError
from equipoise.evidence.events import code_events, load_lexicon
from equipoise.evidence.extract import extract_text
from equipoise.evidence.quantities import find_quantities


def events(text, when=dt.date(2024, 8, 20)):
    r = extract_text(text, doc_date=when)
    return [e for s in r.sentences for e in s.events]


def triples(text, when=dt.date(2024, 8, 20)):
    return {(e.source, e.target, e.code[:2]) for e in events(text, when)}


def test_a_noun_that_looks_like_a_verb_is_not_an_event():
    # "shells" is what was delivered, not an attack
    got = triples("Tehran delivered thousands of mortar shells to Damascus.")
    assert ("IRN", "SYR", "07") in got
    assert not any(root in ("18", "19", "20") for _, _, root in got)
    assert triples("The talks in Hanoi ended without a statement.") == set()
    assert triples("Cuba's aid workers stayed in Caracas.") == set()


def test_a_noun_event_rule_codes_a_visit():
    assert ("IND", "JPN", "04") in triples("A visit by Modi to Tokyo was announced on Friday.")
    assert ("TUR", "QAT", "04") in triples("Erdogan's state visit to Doha lasted two days.")


def test_an_origin_is_not_an_actor_and_the_passive_is_reversed():
    got = events("Lavrov flew in from Tokyo and was received by Xi.")
    assert {(e.source, e.target) for e in got} == {("CHN", "RUS")}
    assert all("JPN" not in (e.source, e.target) for e in got)


def test_a_venue_is_not_a_target():
    got = triples("Macron criticised Erdogan in Brussels.")
    assert got == {("FRA", "TUR", "11")}


def test_compound_subject_of_a_symmetric_verb_codes_both_directions():
    got = events("Modi and Zelensky signed the accord.")
    assert {(e.source, e.target, e.code, e.plover) for e in got} == {("IND", "UKR", "057", "AGREE"),
                                                                     ("UKR", "IND", "057", "AGREE")}


def test_compound_object_codes_each_member():
    assert triples("Canberra condemned Tehran and Damascus.") == {("AUS", "IRN", "11"), ("AUS", "SYR", "11")}


def test_an_accusation_codes_only_the_accusation():
    got = triples("Seoul accused Moscow of shipping fuel to Pyongyang.")
    assert got == {("KOR", "RUS", "11")}


def test_a_denial_is_a_rejection_not_the_denied_act():
    got = events("Beijing denied arming rebels in Myanmar.")
    assert [(e.source, e.code[:2], e.plover) for e in got] == [("CHN", "12", "REJECT")]


@pytest.mark.parametrize("text", [
    "No Chinese president had ever toured Pyongyang before.",
    "Ankara did not criticise Tehran.",
    "Pyongyang may have sold rockets to Moscow.",
    "Hanoi could have protested to Beijing.",
    "Minsk reportedly supplied fuel to Moscow.",
])
def test_negated_and_hypothetical_acts_are_not_facts(text):
    assert events(text) == []


@pytest.mark.parametrize("text,plover", [
    ("Moscow pledged to send wheat to Havana.", "AID"),
    ("Tokyo will host Canberra next month.", "CONSULT"),
    ("Seoul plans to visit Hanoi in June.", "CONSULT"),
    ("Beijing is expected to sign a pact with Islamabad.", "AGREE"),
])
def test_plans_and_pledges_are_intent(text, plover):
    got = events(text)
    assert got and all(e.code.startswith("03") for e in got)
    assert got[0].plover == plover


def test_a_threatened_attack_is_a_threat():
    got = events("Baku will attack Yerevan.")
    assert [(e.code[:2], e.plover) for e in got] == [("13", "THREATEN")]


def test_pronoun_subject_is_the_previous_sentence_subject():
    got = triples("Xi arrived in Hanoi on Monday. He praised Vietnam.")
    assert ("CHN", "VNM", "05") in got


def test_adjective_inside_a_compound_is_not_the_actor():
    got = events("Russian forces fired Iranian-made drones at Kyiv.")
    assert {(e.source, e.target) for e in got} == {("RUS", "UKR")}
    assert got[0].source_role == "MIL"


def test_sector_roles_code_an_event_inside_one_state():
    got = events("Syrian troops attacked Syrian rebels.")
    assert [(e.source, e.source_role, e.target, e.target_role, e.plover) for e in got] == [
        ("SYR", "MIL", "SYR", "REB", "ASSAULT")]


def test_state_media_is_its_state_and_a_newspaper_is_not_a_country():
    kcna = events("KCNA denounced Tokyo.")
    assert [(e.source, e.source_role) for e in kcna] == [("PRK", "MED")]
    paper = events("The Washington Times praised Kyiv.")
    assert all(e.source != "USA" for e in paper)


def test_short_forms_and_the_north_in_a_korean_context():
    assert ("PRK", "JPN", "11") in triples("N. Korea criticised Japan.")
    got = triples("Seoul and Pyongyang traded insults. Later the North condemned Washington.")
    assert ("PRK", "USA", "11") in got


def test_bare_korea_is_not_south_korea_by_default():
    r = extract_text("Korea protested to Japan.")
    assert "KOR" not in r.sentences[0].actor_codes()
    r = extract_text("North Korea tested a rocket. Korea then criticised Japan.")
    assert "PRK" in r.sentences[1].actor_codes() and "KOR" not in r.sentences[1].actor_codes()


def test_a_former_leader_of_a_dissolved_state_is_an_elite_of_its_successor():
    got = events("Former Soviet president Gorbachev praised Germany.", when=dt.date(2005, 3, 1))
    assert [(e.source, e.source_role, e.target) for e in got] == [("RUS", "ELI", "DEU")]
    early = events("Gorbachev praised Germany.", when=dt.date(1989, 3, 1))
    assert [(e.source, e.source_role) for e in early] == [("SUN", "GOV")]


@pytest.mark.parametrize("text,code", [
    ("Brazil criticised Argentina.", ("BRA", "ARG")),
    ("Tehran thanked Kiev.", ("IRN", "UKR")),
    ("The IAEA urged Iran to cooperate.", ("IAEA", "IRN")),
    ("Nigerian officials met Ghanaian diplomats.", ("NGA", "GHA")),
])
def test_world_wide_actor_dictionary(text, code):
    assert code in {(e.source, e.target) for e in events(text)}


def test_events_carry_cameo_plover_and_date_basis():
    r = extract_text("On Sept. 13, 2023, Hanoi hosted Seoul.\n\nLaos praised Thailand.", doc_date=dt.date(2024, 8, 1))
    first, second = r.sentences[0].events[0], r.sentences[1].events[0]
    assert (first.code, first.plover, first.date, first.date_basis) == ("043", "CONSULT", "2023-09-13", "clause")
    assert (second.date, second.date_basis) == ("2024-08-01", "inherited")
    d = first.to_dict()
    assert {"source", "target", "code", "goldstein", "quad", "date", "plover", "date_basis"} <= set(d)


def test_every_cameo_root_and_plover_category_is_in_the_lexicon():
    from equipoise.evidence.cameo import PLOVER_CATEGORIES
    lex = load_lexicon()
    assert {e.code[:2] for e in lex.entries} >= {f"{i:02d}" for i in range(1, 21)}
    assert {e.plover for e in lex.entries} | {n.plover for n in lex.nouns} >= set(PLOVER_CATEGORIES)


def test_user_lexicon_extends_the_verbs(tmp_path):
    extra = tmp_path / "verbs.yaml"
    extra.write_text('verbs:\n  - {cameo: "111", plover: ACCUSE, verbs: [excoriate]}\n', encoding="utf-8")
    lex = load_lexicon(extra)
    got = code_events("Oslo excoriated Minsk.", [(0, 4, "NOR"), (16, 21, "BLR")], lexicon=lex)
    assert [(e.source, e.target, e.code) for e in got] == [("NOR", "BLR", "111")]
    bad = tmp_path / "bad.yaml"
    bad.write_text('verbs:\n  - {cameo: "999", verbs: [frob]}\n', encoding="utf-8")
    with pytest.raises(EvidenceError, match="999"):
        load_lexicon(bad)


def test_quantities_of_the_issue():
    got = {(q.value, q.unit) for q in find_quantities("a loan of 7·25 billion roubles and 4 million mortar shells")}
    assert got == {(7.25e9, "RUB"), (4e6, "shells")}
    q = find_quantities("a 20-billion-dollar fund")[0]
    assert (q.value, q.unit) == (2e10, "USD")
    q = find_quantities("between 3,000 and 4,500 troops")[0]
    assert (q.low, q.high, q.unit) == (3000, 4500, "troops")
    q = find_quantities("up to 40 drones")[0]
    assert (q.value, q.high, q.qualifier) == (40, 40, "up to")


def test_dates_of_the_issue():
    r = extract_text("Talks were held on Sept. 13, 2023, in Hanoi.", doc_date=dt.date(2024, 8, 1))
    assert r.sentences[0].dates[0].start == "2023-09-13"
    r = extract_text("In March, Seoul hosted Hanoi.", doc_date=dt.date(2024, 8, 1))
    assert r.sentences[0].dates[0].start == "2024-03"
    r = extract_text("ON JULY 4, 2022 HANOI HOSTED SEOUL.", doc_date=dt.date(2024, 8, 1))
    assert r.sentences[0].dates[0].start == "2022-07-04"


def test_dateline_and_date_line_are_their_own_segments_and_date_the_text():
    r = extract_text(" date 2025-02-03 https://example.org/x\n\nLIMA, Jan. 30 (Agency) - Peru praised Chile.")
    assert r.reference_date == dt.date(2025, 2, 3)
    texts = [s.text for s in r.sentences]
    assert texts[-1] == "Peru praised Chile."
    assert r.sentences[-1].events[0].source == "PER"


def test_a_line_without_terminal_punctuation_is_its_own_segment():
    r = extract_text("Quito Praises Lima\nEcuador praised Peru on Monday.", doc_date=dt.date(2024, 8, 1))
    assert [s.text for s in r.sentences] == ["Quito Praises Lima", "Ecuador praised Peru on Monday."]


def test_a_long_text_without_full_stops_is_cut_into_bounded_segments():
    from equipoise.evidence.segment import MAX_SENTENCE, segment
    text = "Chile praised Peru and " * 5000
    spans = [s for _, ss in segment(text) for s in ss]
    assert len(spans) > 1 and max(s.end - s.start for s in spans) <= MAX_SENTENCE
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_cli_extract_refuses_a_fake_pdf(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.4\n\x00\x01 not really a pdf")
    res = CliRunner().invoke(app, ["extract", str(f)])
    assert res.exit_code == 1 and "Error" in res.output and "Traceback" not in res.output


def test_cli_extract_reads_html_main_text_only(tmp_path):
    body = " ".join(["Chile praised Peru for its help with the flood relief effort in the south."] * 6)
    html = (f"<html><head><title>Relief</title></head><body><nav><ul><li><a href='/a'>Related: Japan attacked "
            f"Fiji</a></li><li><a href='/b'>More: Fiji condemned Japan</a></li></ul></nav><article><h1>Relief</h1>"
            f"<p>{body}</p><p>{body}</p></article><footer><a href='/c'>Related stories</a></footer></body></html>")
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(f), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    codes = {e["source"] for d in data["documents"] for s in d["sentences"] for e in s["events"]}
    assert "CHL" in codes and "JPN" not in codes and "FJI" not in codes


def test_cli_extract_table_and_json(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Chile praised Peru in May 2021.", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(f), "--format", "table"])
    assert res.exit_code == 0 and "CHL>PER" in res.output
    res = CliRunner().invoke(app, ["extract", str(f), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.output)["documents"][0]["sentences"][0]["events"]


def test_spin_repair_is_decided_per_paragraph():
    spun = ("The overseas minister of Chile praised the nationwide safety coverage. The Chilly Battle ended and "
            "the overseas coverage of the Republic of Chile modified. Nationwide id and nationwide safety grew.")
    clean = "Peru praised Ecuador for its road safety plan."
    r = extract_text(spun + "\n\n" + clean)
    assert any(x.replacement == "Cold War" for x in r.repairs)
    assert all(x.start < len(spun) for x in r.repairs)  # "road safety" in the clean paragraph stays


def test_cli_extract_with_a_user_lexicon(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Oslo excoriated Minsk.", encoding="utf-8")
    v = tmp_path / "v.yaml"
    v.write_text('verbs:\n  - {cameo: "111", plover: ACCUSE, verbs: [excoriate]}\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(f), "--verbs", str(v), "--format", "json"])
    assert res.exit_code == 0, res.output
    ev = json.loads(res.output)["documents"][0]["sentences"][0]["events"]
    assert [(e["source"], e["target"], e["code"]) for e in ev] == [("NOR", "BLR", "111")]
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs: [1, 2]\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(f), "--verbs", str(bad)])
    assert res.exit_code == 1 and "Error" in res.output
