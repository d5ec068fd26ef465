"""PLOVER 2.0 mode and context of coded events, on sentences written for these tests.

The names are checked against the PLOVER manual, draft version 2.0 (Halterman et
al., Open Event Data Alliance, https://github.com/openeventdata/PLOVER, tables
"General contexts" and "<CATEGORY> modes"), copied here by hand.
"""

import pytest

from equipoise.evidence.extract import extract_text
from equipoise.evidence.plover import mode_and_context, plover_tables, sentence_contexts

MANUAL_CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights", "rights_freedoms",
    "repression", "human_security", "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic",
    "territory", "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource", "environment",
    "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption", "illegal_drugs",
    "trafficking"}
MANUAL_MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
                "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"},
}


def test_tables_use_only_the_manuals_names():
    t = plover_tables()
    assert set(t.context_names) == MANUAL_CONTEXTS
    for cat, names in t.mode_names.items():
        assert set(names) <= MANUAL_MODES[cat], cat
    for word, mapped in t.lexicon_modes.items():
        assert set(mapped) <= {"mode", "context"}
        assert mapped.get("context", "military") in MANUAL_CONTEXTS
    assert set(t.mode_contexts.values()) <= MANUAL_CONTEXTS


def _verb(text, verb):
    a = text.index(verb)
    return a, a + len(verb)


@pytest.mark.parametrize("plover, text, verb, mode", [
    ("ASSAULT", "Quito struck Lima with drones at dawn.", "struck", "drone"),
    ("ASSAULT", "Quito shelled the port with howitzers.", "shelled", "heavy-weapons"),
    ("ASSAULT", "Lima bombed the depot in an airstrike.", "bombed", "aerial"),
    ("ASSAULT", "Gunmen from Quito attacked the post with rifles.", "attacked", "firearms"),
    ("CONSULT", "The two premiers talked by phone on Monday.", "talked", "phone"),
    ("CONSULT", "The premiers met on the sidelines of the G20.", "met", "multilateral"),
    ("SANCTION", "Brussels imposed fresh sanctions on Minsk.", "imposed", "discontinue"),
    ("REJECT", "Quito turned down an offer of talks from Lima.", "turned down", "meet"),
    ("RETREAT", "Lima withdrew its brigade from the valley.", "withdrew", "withdraw"),
    ("MOBILIZE", "Quito moved missile launchers to the border.", "moved", "weapons"),
    ("ACCUSE", "Lima accused Quito of arming the rebels.", "accused", "allege"),
    ("AID", "Quito sent engineers with drones to Lima.", "sent", ""),        # AID has no modes in PLOVER 2.0
])
def test_mode_from_words_near_the_verb(plover, text, verb, mode):
    assert mode_and_context(plover, "", text, _verb(text, verb))[0] == mode


def test_mode_is_read_near_the_verb_only():
    text = ("Quito struck Lima yesterday, the defence ministry said in a long statement to reporters, "
            "while its allies later praised the drone programme.")
    assert mode_and_context("ASSAULT", "", text, _verb(text, "struck"))[0] == ""


def test_lexicon_mode_words_read_as_plover():
    assert mode_and_context("AID", "military", "Quito armed Lima.", (6, 11)) == ("", "military")
    assert mode_and_context("AID", "humanitarian", "Quito fed Lima.", (6, 9)) == ("", "human_security")
    assert mode_and_context("ACCUSE", "criticize", "Quito slammed Lima.", (6, 13))[0] == "disapprove"
    assert mode_and_context("CONSULT", "visit", "Quito visited Lima.", (6, 13))[0] == "visit"
    assert mode_and_context("CONSULT", "host", "Quito hosted Lima.", (6, 12))[0] == ""
    assert mode_and_context("COERCE", "cyber", "Quito hacked Lima.", (6, 12)) == ("cyber", "cyber")
    # a user's own mode word is kept as written
    assert mode_and_context("AID", "grain", "Quito fed Lima.", (6, 9))[0] == "grain"


@pytest.mark.parametrize("text, want", [
    ("The ministers discussed tariffs and a loan.", ("economic",)),
    ("Lima condemned the nuclear test and the cyberattack.", ("cbrn", "cyber")),
    ("Refugees crossed after the earthquake.", ("migration", "disasters")),
    ("The ambassador raised press freedom.", ("diplomatic", "rights_freedoms")),
    ("The weather was fine.", ()),
])
def test_sentence_contexts(text, want):
    assert sentence_contexts(text) == want


def test_military_role_adds_the_military_context():
    assert mode_and_context("ACCUSE", "", "Quito criticised Lima.", (6, 16), ("MIL", "GOV"))[1] == "military"


def test_extracted_events_carry_mode_and_context():
    r = extract_text("Peru sent humanitarian aid to Chile. Chile struck Peru with drones.")
    ev = [e for s in r.sentences for e in s.events]
    got = {(e.plover, e.mode, e.context) for e in ev}
    assert ("AID", "", "human_security") in got
    assert any(p == "ASSAULT" and m == "drone" for p, m, _ in got)
    assert all(isinstance(e.to_dict()["context"], str) for e in ev)
