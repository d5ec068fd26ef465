"""Coverage of the actor dictionary (``evidence/data/gazetteer.yaml``, ``world.yaml``, ``leaders.yaml``).

Sentences are written for these tests. Codes are ISO 3166 alpha-3 for states
(pycountry), the dictionary's own short codes for organisations, and CAMEO sector
roles (Schrodt 2012, actor codebook): GOV, MIL, REB, OPP, ELI, MED, ... Terms of
office are public record (official biographies).
"""

import datetime as dt

import pytest

from equipoise.evidence.extract import extract_text
from equipoise.evidence.gazetteer import load_gazetteer, spellings, unaccented

WHEN = dt.date(2024, 8, 20)


def actors(text, when=WHEN):
    r = extract_text(text, doc_date=when)
    return [(a.code, a.role) for s in r.sentences for a in s.actors]


def events(text, when=WHEN):
    r = extract_text(text, doc_date=when)
    return [(e.source, e.source_role, e.target, e.target_role, e.code) for s in r.sentences for e in s.events]


@pytest.mark.parametrize("text,code,role", [
    # Africa
    ("Kenyan troops crossed into Somalia.", "KEN", "MIL"),
    ("Ramaphosa spoke in Pretoria.", "ZAF", "GOV"),
    ("Boko Haram fighters were seen near the lake.", "NGA", "REB"),
    ("The Ivorian government issued a statement.", "CIV", "GOV"),
    ("Kinshasa issued a statement.", "COD", ""),
    ("Al-Shabaab issued a statement.", "SOM", "REB"),
    ("The Rapid Support Forces issued a statement.", "SDN", "REB"),
    # Latin America
    ("Milei spoke in Buenos Aires.", "ARG", "GOV"),
    ("Salvadoran police made arrests.", "SLV", "COP"),
    ("FARC dissidents issued a statement.", "COL", "REB"),
    ("Managua issued a statement.", "NIC", ""),
    # Middle East
    ("Hezbollah issued a statement.", "LBN", "REB"),
    ("The Houthis issued a statement.", "YEM", "REB"),
    ("Pezeshkian spoke in Tehran.", "IRN", "GOV"),
    ("Muscat issued a statement.", "OMN", ""),
    ("The Revolutionary Guards issued a statement.", "IRN", "MIL"),
    # South Asia
    ("Shehbaz Sharif spoke in Islamabad.", "PAK", "GOV"),
    ("Colombo issued a statement.", "LKA", ""),
    ("Bangladeshi protesters gathered.", "BGD", "OPP"),
    # Europe
    ("Kosovar police made arrests.", "XKX", "COP"),
    ("Orbán spoke in Budapest.", "HUN", "GOV"),
    ("Orban spoke in Budapest.", "HUN", "GOV"),
    ("Montenegrin officials issued a statement.", "MNE", "GOV"),
    ("Skopje issued a statement.", "MKD", ""),
    # seats of government carry their role
    ("The Kremlin issued a statement.", "RUS", "GOV"),
    ("The Pentagon issued a statement.", "USA", "MIL"),
    ("Downing Street issued a statement.", "GBR", "GOV"),
])
def test_states_capitals_demonyms_leaders_and_groups_of_other_regions(text, code, role):
    assert (code, role) in actors(text)


@pytest.mark.parametrize("text,code", [
    ("Ecowas issued a statement.", "ECOWAS"),  # an acronym written as a word
    ("Nato issued a statement.", "NATO"),
    ("Mercosur issued a statement.", "MERCOSUR"),
    ("The OPCW issued a statement.", "OPCW"),
    ("Daesh issued a statement.", "ISIL"),
    ("The AU issued a statement.", "AU"),
    ("The ICC issued a statement.", "ICC"),
    ("The GCC issued a statement.", "GCC"),
])
def test_international_organisations_keep_their_own_codes(text, code):
    assert code in [c for c, _ in actors(text)]


@pytest.mark.parametrize("name", ["Sergei Shoigu", "Sergey Shoigu", "Shoygu", "Sergei Shoygu", "Zelenskyy", "Zelenskiy",
                                  "Dmitri Peskov", "Andrey Belousov", "Kim Jong Un", "Kim Jong-Un", "Kim Jong-un",
                                  "Erdoğan", "Erdogan", "Nikolay Patrushev", "Aleksandr Lukashenko", "Muhammad bin Salman",
                                  "Dmitriy Peskov"])
def test_romanisations_and_diacritics_of_a_name(name):
    got = actors(f"{name} spoke on Monday.")
    assert len(got) == 1 and got[0][1] == "GOV"


def test_spellings_and_unaccented_forms():
    assert set(spellings("Sergei Shoigu")) == {"Sergey Shoigu", "Sergei Shoygu"}
    assert "Volodymyr Zelenskyy" in spellings("Volodymyr Zelensky")
    assert spellings("Xi Jinping") == []
    assert unaccented("Côte d'Ivoire") == "Cote d'Ivoire"


@pytest.mark.parametrize("text,when,code,role", [
    ("Stoltenberg criticised Moscow.", dt.date(2019, 5, 1), "NATO", "GOV"),
    # after the term at NATO, he served Norway again (from 2025)
    ("Stoltenberg criticised Moscow.", dt.date(2025, 6, 1), "NOR", "GOV"),
    # after his term as UN Secretary-General: an elite of his own state, not of the UN
    ("Ban Ki-moon criticised Pyongyang.", dt.date(2018, 6, 1), "KOR", "ELI"),
    ("Ban Ki-moon criticised Pyongyang.", dt.date(2012, 6, 1), "UN", "GOV"),
    # between two terms of office: a former office holder
    ("Trump criticised Beijing.", dt.date(2022, 6, 1), "USA", "ELI"),
    ("Trump criticised Beijing.", dt.date(2025, 6, 1), "USA", "GOV"),
    # a Soviet minister who later led Georgia
    ("Shevardnadze criticised Moscow.", dt.date(1988, 6, 1), "SUN", "GOV"),
    ("Shevardnadze criticised Moscow.", dt.date(1997, 6, 1), "GEO", "GOV"),
    ("Shevardnadze criticised Moscow.", dt.date(2005, 6, 1), "GEO", "ELI"),
    # a Soviet leader after 1991 is an elite of Russia, never of the dissolved Soviet Union
    ("Andropov's successor criticised Washington.", dt.date(1995, 6, 1), "RUS", "ELI"),
    # an armed movement that took power is the government from then on
    ("The Taliban criticised Islamabad.", dt.date(2019, 6, 1), "AFG", "REB"),
    ("The Taliban criticised Islamabad.", dt.date(2023, 6, 1), "AFG", "GOV"),
])
def test_dated_office_holders_and_movements(text, when, code, role):
    assert actors(text, when)[0] == (code, role)


def test_no_person_resolves_to_a_dissolved_state_after_it_ended():
    gaz = load_gazetteer()
    late = dt.date(2010, 1, 1)
    for key, entries in gaz._names.items():
        for e in entries:
            if e.kind != "person" or not e.codes:
                continue
            for code in e.codes:
                if code in gaz.dissolved and (e.end is None or e.end > gaz.dissolved[code][0]):
                    raise AssertionError(f"{e.name}: term in {code} runs past its end")
            if e.end is not None and e.end < late:
                assert gaz.successor(e.codes[0], late) not in gaz.dissolved or e.home


def test_historical_states_and_metonyms():
    assert actors("The USSR signed a treaty.", dt.date(1961, 7, 1))[0][0] == "SUN"
    assert actors("Yugoslavia protested.", dt.date(1970, 1, 1))[0][0] == "YUG"
    assert actors("East Germany protested.", dt.date(1970, 1, 1))[0][0] == "DDR"
    assert actors("The Soviet Union protested.", dt.date(1970, 1, 1))[0][0] == "SUN"


def test_cities_are_actors_but_a_region_named_after_a_city_is_a_place():
    assert ("RUS", "MIL", "UKR", "", "190") in events("Russian forces attacked Kharkiv.")
    assert [c for c, _ in actors("The Belgorod region was quiet.")] == []


def test_an_event_between_a_government_and_rebels_inside_one_state():
    assert ("NGA", "MIL", "NGA", "REB", "180") in events("Nigerian troops killed Boko Haram fighters.")


@pytest.mark.parametrize("text,code,role", [
    ("The Russian Defence Minister arrived.", "RUS", "MIL"),  # a listed role phrase wins over "minister"
    ("The Russian deputy foreign minister arrived.", "RUS", "GOV"),
    ("Iran's Supreme Leader spoke.", "IRN", "GOV"),
    ("Brazilian farmers gathered.", "BRA", "AGR"),
    ("Russian state-run media reported it.", "RUS", "MED"),
    ("Syrian rebel forces gathered.", "SYR", "REB"),
    ("Russian oil companies gained.", "RUS", "BUS"),
    ("The Ukrainian parliament voted.", "UKR", "LEG"),
])
def test_sector_role_words_after_an_actor(text, code, role):
    assert (code, role) in actors(text)


def test_spun_institution_names_are_repaired():
    # a spinner swaps words of a name one by one ("Workers' Party" -> "Employees' Social gathering")
    got = actors("The Employees' Social gathering of Korea praised the Basic Meeting of the UN.")
    assert ("PRK", "GOV") in got
    assert "UNGA" in [c for c, _ in actors("Russia addressed the UN Basic Meeting.")]


def test_an_armed_group_whose_name_ends_in_a_plural_noun_is_a_subject():
    # "forces" inside the group's own name is not a noun modified by the participle
    assert ("ETH", "REB", "ERI", "MIL", "190") in events("Tigrayan forces attacked Eritrean troops.")


def test_every_leader_of_the_default_case_resolves_to_its_actor_during_the_term():
    from equipoise.case.loader import load_case
    from equipoise.evidence.gazetteer import default_gazetteer, name_key
    gaz = default_gazetteer()
    missing = []
    for actor in load_case().actors:
        for leader in actor.leaders:
            when = leader.start.midpoint
            for name in [leader.name, *(getattr(leader, "aliases", None) or [])]:
                entry = gaz.resolve(name_key(name), when)
                if entry is None or actor.code not in entry.codes:
                    missing.append((actor.code, name, when.isoformat()))
    assert missing == []


@pytest.mark.parametrize("text,when,code", [
    ("Nazi Germany invaded Poland.", dt.date(1939, 9, 1), "DEU"),
    ("The Ottoman Empire declined.", dt.date(1900, 1, 1), "TUR"),
    ("The Republic of China fought Japan.", dt.date(1938, 1, 1), "CHN"),
    ("The Republic of China protested.", dt.date(2020, 1, 1), "TWN"),  # the same name, Taiwan after 1949
    ("The Qing court signed the treaty.", dt.date(1860, 1, 1), "CHN"),
])
def test_historical_names_by_date(text, when, code):
    assert actors(text, when)[0][0] == code


def test_a_user_file_adds_people_with_roles_and_home_and_cities(tmp_path):
    extra = tmp_path / "more.yaml"
    extra.write_text("people:\n"
                     "  - {name: Testa Examplova, home: EST, terms: [{code: NATO, start: 2030-01-01, end: 2034-12-31, role: MIL}]}\n"
                     "cities:\n"
                     "  FIN: [Testikylä]\n", encoding="utf-8")
    gaz = load_gazetteer(extra)

    def read(text, when):
        r = extract_text(text, doc_date=when, gazetteer=gaz)
        return [(a.code, a.role) for s in r.sentences for a in s.actors]

    assert read("Examplova spoke.", dt.date(2031, 1, 1)) == []  # only the full name is listed
    assert read("Testa Examplova spoke.", dt.date(2031, 1, 1)) == [("NATO", "MIL")]
    assert read("Testa Examplova spoke.", dt.date(2036, 1, 1)) == [("EST", "ELI")]
    assert read("Testikyla was quiet.", dt.date(2031, 1, 1)) == [("FIN", "")]  # unaccented form too
