"""Clause structure of the event coder: reporting frames, acknowledgements, intelligence
reports, participle and relative clauses, opening subordinate clauses.

Every sentence here was written for this test (two wordings per construction); none is
taken from an article. Codes follow the CAMEO 1.1b3 codebook (Schrodt 2012): 015
acknowledge, 051 praise, 112 accuse, 12 reject, 19 fight; the news2025 gold conventions
(an intelligence estimate is the speaker's accusation, not the alleged act) are those of
``../shared/news2025/README.md``.
"""

import datetime as dt

import pytest

from equipoise.evidence.extract import extract_text


def triples(text, when=dt.date(2025, 6, 20)):
    r = extract_text(text, doc_date=when)
    return {(e.source, e.target, e.code[:2]) for s in r.sentences for e in s.events}


def coded(text, when=dt.date(2025, 6, 20)):
    r = extract_text(text, doc_date=when)
    return [e for s in r.sentences for e in s.events]


# --- acknowledging one's own act -------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("In May, Iran confirmed for the first time that it had sent drones to Russia.", ("IRN", "RUS", "01")),
    ("Tehran acknowledged sending drones to Moscow.", ("IRN", "RUS", "01")),
    ("Minsk confirmed that its engineers were working alongside Russian units near the border.",
     ("BLR", "RUS", "01")),
])
def test_an_acknowledged_own_act_codes_the_acknowledgement_not_the_act(text, expected):
    got = triples(text)
    assert got == {expected}  # the supply or deployment itself is not coded as a new act


def test_the_acknowledgement_concerns_the_partner_not_the_place():
    # the partner of the acknowledged act ("alongside X") is the target, not the front it was sent to
    got = triples("Belarus confirmed deploying engineers to Ukraine's border alongside Russian forces.")
    assert got == {("BLR", "RUS", "01")}
    got = triples("Minsk admitted that its engineers had been sent to the front against Ukraine, "
                  "together with Russian sappers.")
    assert ("BLR", "RUS", "01") in got and not any(t == "UKR" for _, t, _ in got)


def test_an_acknowledged_act_of_someone_else_is_not_swallowed():
    # the speaker confirms another actor's act: the act stays, with its own actors
    got = triples("Damascus confirmed on Monday that Israel had attacked Syria.")
    assert ("ISR", "SYR", "19") in got
    got = triples("Beirut confirmed that Israel struck Lebanon overnight.")
    assert ("ISR", "LBN", "19") in got


# --- an intelligence service's report is its allegation ---------------------------------------

@pytest.mark.parametrize("text", [
    "According to India's intelligence agency, Pakistan has shipped drones to Sudan.",
    "Pakistan has shipped drones to Sudan, India's intelligence agency said on Monday.",
    "India's spy agency told lawmakers that Pakistan shipped drones to Sudan.",
])
def test_an_intelligence_report_is_the_services_accusation(text):
    got = coded(text)
    assert {(e.source, e.target, e.code) for e in got} == {("IND", "PAK", "112")}
    assert all(e.plover == "ACCUSE" for e in got)


def test_a_military_intelligence_service_is_an_intelligence_speaker_but_the_military_is_not():
    got = triples("Ukraine's military intelligence said North Korean troops had arrived in Kursk.")
    assert got == {("UKR", "PRK", "11")}
    got = triples("Ukraine's military said North Korean troops had arrived in Kursk.")
    assert not any(s == "UKR" for s, _, _ in got)


def test_an_intelligence_report_takes_the_date_of_the_report_not_of_the_act():
    got = coded("Pakistan shipped drones to Sudan in 2023, India's intelligence agency said on Monday.",
                dt.date(2025, 6, 20))
    assert [(e.source, e.target, e.date) for e in got] == [("IND", "PAK", "2025-06-16")]


def test_an_intelligence_figure_without_an_act_is_not_an_accusation():
    # a casualty estimate names no act of the other side
    assert triples("About 900 Pakistani soldiers have died, according to India's intelligence agency.") == set()
    assert triples("India's spy agency said 900 Pakistani soldiers had died.") == set()


# --- "reportedly" --------------------------------------------------------------------------------

def test_reportedly_cancels_an_act_but_not_a_statement():
    assert triples("Kenya reportedly sent troops to Somalia.") == set()
    assert triples("Israel reportedly struck Iran on Friday.") == set()
    assert ("IRN", "ISR", "11") in triples("Iran reportedly accused Israel of sabotage.")
    assert ("IND", "PAK", "11") in triples("New Delhi reportedly criticised Islamabad on Tuesday.")


# --- denials answer the claim just reported -----------------------------------------------------

def test_a_denial_without_an_object_answers_the_previous_subject():
    got = triples("India accused Pakistan of sheltering militants. Islamabad denied any involvement.")
    assert ("PAK", "IND", "12") in got
    got = triples("Pakistan said India had broken the ceasefire. India denied that its troops fired first.")
    assert ("IND", "PAK", "12") in got


# --- participle clauses take the main clause's subject --------------------------------------------

def test_a_participle_after_a_comma_or_by_takes_the_main_subject():
    assert ("IND", "PAK", "05") in triples("Modi wrote to Sharif last week, praising Pakistan for its restraint.")
    assert ("TUR", "AZE", "05") in triples("Erdogan marked the anniversary by hailing Azerbaijan as a brother "
                                           "nation.")


def test_a_participle_reporting_a_warning_or_a_noun_list_is_not_an_act():
    # ", warning that ..." reports a prediction; "shelling, bombing and blockade" are nouns
    got = triples("Iran criticised the United States, warning that the plan could spark a war.")
    assert got == {("IRN", "USA", "11")}
    got = triples("Iran condemned Israel's shelling, bombing and blockade of Gaza.")
    assert all(root == "11" for _, _, root in got)


# --- the reporting frame is its own clause ----------------------------------------------------------

def test_a_closing_reporting_frame_is_not_the_target():
    assert triples("Pakistan shipped drones to Sudan, India said on Monday.") == {("PAK", "SDN", "07")}
    assert triples("Israel struck Iran, the Israeli military said.") == {("ISR", "IRN", "19")}


# --- opening subordinate clauses and relative clauses -------------------------------------------------

def test_an_opening_subordinate_clause_ends_at_its_comma():
    got = triples("After Iran attacked Israel, the United States condemned Tehran.")
    assert got == {("IRN", "ISR", "19"), ("USA", "IRN", "11")}
    got = triples("When India struck Pakistan, China criticised New Delhi.")
    assert got == {("IND", "PAK", "19"), ("CHN", "IND", "11")}


def test_after_a_relative_clause_the_subject_is_the_antecedent():
    # the relative clause's own subject (Israel) is not the main verb's subject
    got = triples("Iran, which Israel struck last week, threatened Israel on Monday.")
    assert got == {("ISR", "IRN", "19"), ("IRN", "ISR", "13")}
    got = triples("Hezbollah, which Israel struck last week, threatened Israel on Monday.")
    assert ("ISR", "", "13") not in got and not any(s == "ISR" and r == "13" for s, _, r in got)
    got = triples("Putin, who arrived in Pyongyang on Tuesday, signed a treaty with Kim.")
    assert ("RUS", "PRK", "05") in got


def test_a_venue_after_a_compass_adjective_is_not_a_target():
    assert triples("Israel criticised Iran in northern Syria.") == {("ISR", "IRN", "11")}
    assert not any(t == "LBN" for _, t, _ in triples("Israel shelled positions held by militias in southern "
                                                     "Lebanon."))


# --- generalisation: news-style paragraphs about other regions ---------------------------------------

PARAGRAPHS = [
    ("India accused Pakistan of sheltering militants behind the border attack. Islamabad denied any "
     "involvement.", {("IND", "PAK", "11"), ("PAK", "IND", "12")}),
    ("Egypt urged Sudan and Ethiopia to resume talks on the dam.", {("EGY", "SDN", "02"), ("EGY", "ETH", "02")}),
    ("Saudi Foreign Minister Faisal bin Farhan, who arrived in Tehran on Sunday, met Iranian President "
     "Masoud Pezeshkian.", {("SAU", "IRN", "04")}),
    ("Turkey plans to send engineers to Syria to rebuild the power grid.", {("TUR", "SYR", "03")}),
    ("Chinese Defence Minister Dong Jun, speaking at a forum in Singapore, criticised the Philippines.",
     {("CHN", "PHL", "11")}),
    ("Japan and South Korea signed a defence pact in Tokyo.", {("JPN", "KOR", "05"), ("KOR", "JPN", "05")}),
    ("India was criticised by China for the dam project.", {("CHN", "IND", "11")}),
    ("Pakistan's army said it had shot down Indian drones.", {("PAK", "IND", "19")}),
    ("Sudan's army chief, who met Egyptian President Sisi in Cairo, thanked Egypt for its support.",
     {("SDN", "EGY", "04"), ("SDN", "EGY", "05")}),
    ("According to Pakistan's intelligence service, India plans to send troops to Afghanistan.",
     {("PAK", "IND", "11")}),
    ("After Iran attacked Israel, the United States condemned Tehran. Kenya reportedly sent troops to Somalia.",
     {("IRN", "ISR", "19"), ("USA", "IRN", "11")}),
    ("Qatar acknowledged sending aid to Egypt. Israel, which Iran struck overnight, did not respond.",
     {("QAT", "EGY", "01"), ("IRN", "ISR", "19")}),
]


@pytest.mark.parametrize("text, expected", PARAGRAPHS, ids=[p[0][:40] for p in PARAGRAPHS])
def test_paragraphs_from_other_regions_get_source_target_and_root(text, expected):
    assert triples(text) == expected


# --- a verdict on another actor's act is a criticism ---------------------------------------------------

def test_calling_an_actors_act_provocative_or_illegal_is_a_criticism():
    assert triples("Pakistan's foreign ministry called India's missile test a dangerous and destabilising move."
                   ) == {("PAK", "IND", "11")}
    got = triples("Tehran said US-Israeli drills near its coast were a rehearsal for aggression.")
    assert {("IRN", "USA", "11"), ("IRN", "ISR", "11")} <= got
    got = triples("Tehran described the joint exercise of the US and Israel as a war rehearsal.")
    assert {("IRN", "USA", "11"), ("IRN", "ISR", "11")} <= got


def test_a_verdict_that_is_negated_or_names_no_actor_is_not_a_criticism():
    assert triples("Beijing said the talks between Japan and the Philippines were not hostile.") == set()
    assert triples("Iran said the situation was dangerous and hostile.") == set()
    # the place or party an act was aimed at is not the accused
    assert ("IRN", "SYR", "11") not in triples("Iran said Israeli air strikes on Syria were a reckless provocation.")
    assert ("UN", "PSE", "11") not in triples("The UN said Israel's blockade of Gaza was illegal under international "
                                              "law.")


def test_a_hyphenated_pair_of_states_is_two_actors():
    got = triples("Russia said the US-Japan exercises were a provocation.")
    assert {("RUS", "USA", "11"), ("RUS", "JPN", "11")} <= got


# --- infinitival complements: the intended act carries the event ---------------------------------------

def test_agreed_to_with_an_infinitive_codes_only_the_intended_act():
    got = coded("Egypt and Sudan agreed to hold talks with Ethiopia.")
    assert {(e.source, e.target, e.code) for e in got} == {("EGY", "ETH", "036"), ("SDN", "ETH", "036")}
    got = coded("Russia agreed to send troops to Belarus.")
    assert [(e.source, e.target, e.code[:2], e.plover) for e in got] == [("RUS", "BLR", "03", "AID")]
    # the intended act names no actor: the agreement itself carries the event
    assert triples("Iran and Oman agreed to jointly build a pipeline.") == {("IRN", "OMN", "03"), ("OMN", "IRN", "03")}
    # "commitment to deepening ties": a gerund is not an infinitive, the commitment stays
    assert ("IRN", "OMN", "03") in triples("Iran reaffirmed its commitment to deepening ties with Oman.")


# --- the person addressed at a meeting was met ----------------------------------------------------------

def test_telling_someone_at_a_meeting_is_a_meeting_with_them():
    assert ("CHN", "PRK", "04") in triples('"We stand with you," Xi told Kim at a meeting in Beijing.')
    assert ("CHN", "RUS", "04") in triples("Xi assured Putin during talks in Moscow that China would help.")
    # a criticism voiced at a multilateral meeting is not a meeting with its target
    assert triples("Iran criticised Israel at a UN meeting.") == {("IRN", "ISR", "11")}


# --- a definite description of a state refers back like a pronoun ---------------------------------------

def test_the_country_at_the_start_of_a_clause_is_the_previous_subject():
    got = triples("Pakistan tested a missile on Monday. The nuclear-armed country also criticised India.")
    assert ("PAK", "IND", "11") in got
    got = triples("Iran hosted Iraqi officials. The isolated nation then praised Iraq.")
    assert ("IRN", "IRQ", "05") in got


# --- host and guest -------------------------------------------------------------------------------------

def test_a_meeting_in_the_subjects_own_country_has_the_guest_as_source():
    # the visitor is the source of the meeting (as for a visit); the host is its target
    assert triples("Indian Prime Minister Narendra Modi met Pakistani Prime Minister Shehbaz Sharif in "
                   "New Delhi.") == {("PAK", "IND", "04")}
    assert triples("Putin met Kim in Moscow on Tuesday.") == {("PRK", "RUS", "04")}
    # in the object's country the subject is the visitor
    assert triples("Putin met Kim in Pyongyang on Tuesday.") == {("RUS", "PRK", "04")}


# --- "we" inside a quotation is the speaker of the closing frame -----------------------------------------

def test_we_in_a_quotation_is_the_speaker_named_after_it():
    got = triples('"We urge Israel to accept the truce," Egypt\'s foreign minister said.')
    assert got == {("EGY", "ISR", "02")}
    got = triples("“We condemn the strikes on Syria by Israel,” Turkey's foreign ministry said on Monday.")
    assert ("TUR", "ISR", "11") in got or ("TUR", "SYR", "11") in got
    assert not any(s == "SYR" for s, _, _ in got)


def test_a_verb_phrase_with_a_long_object_keeps_its_preposition():
    # "fire * at X" with a five-word object between the verb and "at"
    assert triples("Iran fired a barrage of ballistic missiles at Israel on Tuesday night.") == {("IRN", "ISR", "19")}
    assert triples("Pakistan fired dozens of long-range artillery shells at India.") == {("PAK", "IND", "19")}


def test_acknowledging_the_fact_that_another_actor_acted_keeps_that_act():
    assert triples("Moscow acknowledged the fact that Japan had sent envoys to Seoul.") == {("JPN", "KOR", "07")}
    assert triples("Moscow confirmed that the Japanese navy had sent ships to Seoul.") == {("JPN", "KOR", "07")}


def test_the_members_of_a_body_are_not_the_body():
    assert not any(t == "UN" for _, t, _ in triples("The US envoy briefed UN member states on the report."))
    assert triples("Russia criticised NATO members over the drills.") == set()
    assert triples("Russia criticised NATO over the drills.") == {("RUS", "NATO", "11")}


def test_the_holder_of_an_attacked_place_is_the_target():
    got = coded("Sudan's army shelled positions held by the Rapid Support Forces in Omdurman.")
    assert [(e.source, e.source_role, e.target, e.code[:2]) for e in got] == [("SDN", "MIL", "SDN", "19")]
    assert got[0].target_role and got[0].target_role != "MIL"
    assert ("ISR", "PSE", "19") in triples("Israel struck areas controlled by Hamas.")
    # a backer named after the object is not what was struck
    assert triples("Israel struck militias backed by Iran.") == set()


# --- reduced passive relatives ------------------------------------------------------------------------

def test_a_participle_with_an_agent_is_a_passive_whatever_precedes_it():
    # "Iran, sanctioned by the EU last year, ...": the EU sanctioned Iran; Iran is still the main subject
    got = triples("Iran, sanctioned by the EU last year, criticised Brussels.", dt.date(2025, 6, 20))
    assert ("EU", "IRN", "16") in got and ("IRN", "EU", "11") in got
    got = triples("Cuba, criticised by Washington last week, thanked Russia.")
    assert ("USA", "CUB", "11") in got and ("CUB", "RUS", "05") in got


def test_criticising_or_rejecting_a_thing_made_by_an_actor_targets_that_actor():
    assert triples("Iran rejected the proposal submitted by France.") == {("IRN", "FRA", "12")}
    assert ("RUS", "EU", "11") in triples("Russia criticised the sanctions imposed by the EU on Belarus.")
