"""Content tests of the default Northeast Asia case.

The case must validate clean, cover the gold facts annotated on the three seed
articles (``gold_facts.csv``, read from ``$EQUIPOISE_SEEDS`` when present), carry
relations for every core dyad and period, keep its indicators in step with the
shared data sets (``$EQUIPOISE_DATA``), and say things in its own words.
"""

from __future__ import annotations

import csv
import importlib.util
import itertools
import re
from pathlib import Path

import pytest

from equipoise.case import check_case, load_case
from equipoise.case.models import FuzzyDate
from equipoise.evidence.segment import segment

from shared_paths import DATA, SEEDS  # noqa: E402  ../shared or $EQUIPOISE_SEEDS / $EQUIPOISE_DATA
ROOT = Path(__file__).resolve().parents[2]
CORE = ("CHN", "JPN", "KOR", "PRK", "RUS", "USA")
MAIN = ("soviet_bloc", "soviet_split", "soviet_detente", "soviet_late", "rupture", "revival", "turn1", "turn2",
        "turn3", "war2022", "treaty2024", "since2025")
REVIVAL_ON = MAIN[MAIN.index("revival"):]
STAGE_FOUR = ("war2022", "treaty2024", "since2025")
# the gold annotation codes Soviet-era facts as SUN; Russia is its successor
SAME = {"SUN": "RUS"}


@pytest.fixture(scope="module")
def case():
    return load_case()


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def sentences(case):
    """Source id -> {(paragraph, sentence): normalised text} for seeds at hand."""
    out = {}
    for s in case.sources:
        if s.file and (SEEDS / s.file).exists():
            segs = segment((SEEDS / s.file).read_text(encoding="utf-8"))
            out[s.id] = {(p, k): _norm(sent.text) for p, (_, ss) in enumerate(segs, 1)
                         for k, sent in enumerate(ss, 1)}
    if not out:
        pytest.skip(f"seed texts not found under {SEEDS}")
    return out


# ---------------------------------------------------------------- validity and shape

def test_default_case_validates_clean(case):
    report = check_case(case)
    assert report.errors == [], report.summary()


def test_counts(case):
    assert len(case.events) >= 60
    assert len(case.claims) >= 12
    assert len(case.issues) >= 3
    assert all(c.all_checks for c in case.claims), "every claim has a machine-checkable form"
    assert {p.id for p in case.periods} >= set(MAIN)
    assert [p.id for p in case.periods_in("main")] == list(MAIN), "main periods in order"


def test_cutoff_declared_and_main_sequence_reaches_it(case):
    cut = case.case.cutoff_day
    assert cut is not None
    assert case.periods_in("main")[-1].last_day == cut
    assert all(p.last_day is not None and p.last_day <= cut for p in case.periods)


def test_values_with_neither_evidence_nor_judgement_at_most_5_percent(case):
    from equipoise.case.validate import MAX_UNSUPPORTED_SHARE, unsupported_values

    neither, total = unsupported_values(case)
    assert neither / total <= MAX_UNSUPPORTED_SHARE, f"{neither} of {total}"


def test_alliance_kind_only_with_a_defence_treaty(case):
    """'alliance' is coded only for dyads with a mutual-defence treaty; Russia-China never qualifies."""
    treaty_dyads = {("PRK", "RUS"), ("CHN", "PRK"), ("KOR", "USA"), ("JPN", "USA"), ("CHN", "RUS")}
    for r in case.relations:
        if r.kind == "alliance":
            assert r.dyad in treaty_dyads, (r.dyad, r.period)
    # Russia-China: only the 1945/1950 alliance treaties, in force in the first Soviet sub-period
    assert {r.period for r in case.relations if r.dyad == ("CHN", "RUS") and r.kind == "alliance"} == {"soviet_bloc"}
    # Russia-North Korea: 1961 treaty (Soviet sub-periods from 1961) and the 2024 treaty in force from December 2024
    assert {r.period for r in case.relations if r.dyad == ("PRK", "RUS") and r.kind == "alliance"} == {
        "soviet_split", "soviet_detente", "soviet_late", "since2025"}


def test_every_core_dyad_in_every_period(case):
    missing = [f"{a}-{b} {p}" for a, b in itertools.combinations(CORE, 2) for p in MAIN
               if case.relation(a, b, p) is None]
    assert not missing, missing
    assert all(r.note for r in case.relations), "each relation explains its value"


def test_stances_for_every_actor_and_period(case):
    for issue in case.issues[:3]:
        have = {(s.actor, s.period) for s in issue.stances}
        want = {(a, p) for a in ("RUS", "CHN", "USA", "PRK", "KOR", "JPN") for p in REVIVAL_ON}
        assert want <= have, (issue.id, sorted(want - have))
        assert {o.period for o in issue.outcomes} >= set(REVIVAL_ON), issue.id


def test_no_sanctions_stances_before_the_issue_arose(case):
    """No UN sanctions on North Korea existed before Resolution 1718 (October 2006)."""
    periods = {s.period for s in case.issue("sanctions_enforcement").stances}
    assert not periods & set(MAIN[:MAIN.index("revival")])


def _v(case, a, b, p):
    return case.relation(a, b, p).value.value


def test_relations_make_structural_sense(case):
    """The system the seeds describe, as signs and orderings of relation values."""
    for p in REVIVAL_ON:
        assert _v(case, "RUS", "CHN", p) > 0, p          # partnership, then quasi-alliance
        assert _v(case, "USA", "KOR", p) > 0.5, p        # US alliances
        assert _v(case, "USA", "JPN", p) > 0.5, p
    for p in MAIN:
        assert _v(case, "PRK", "USA", p) < -0.4, p       # lasting hostility
    for p in ("turn2", "turn3", *STAGE_FOUR):
        assert _v(case, "RUS", "USA", p) < 0, p
        assert _v(case, "CHN", "USA", p) <= 0 or p == "turn2", p
    for p in STAGE_FOUR:
        assert _v(case, "RUS", "KOR", p) < 0 and _v(case, "RUS", "JPN", p) < 0, p
        assert _v(case, "RUS", "UKR", p) == -1.0, p       # open combat: the hostile end
    assert _v(case, "RUS", "PRK", "treaty2024") > 0.6 > _v(case, "RUS", "PRK", "turn2")
    # "troubled Sino-DPRK ties" in Stage Two, yet still not hostile
    assert 0 <= _v(case, "CHN", "PRK", "turn2") < min(_v(case, "CHN", "PRK", "turn1"),
                                                       _v(case, "CHN", "PRK", "turn3"))


# ---------------------------------------------------------------- gold facts

def _gold_rows(case):
    path = SEEDS / "gold_facts.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    by_file = {s.file: s.id for s in case.sources if s.file}
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["source_id"] = by_file[r["seed"]]
    return rows


def _date_matches(gold: dict, when: FuzzyDate) -> bool:
    """Same date at the gold fact's precision (undated gold facts match any date)."""
    if not gold["date"]:
        return True
    g = FuzzyDate.parse(gold["date"])
    if g.precision == "interval":
        return (when.start, when.end) == (g.start, g.end)
    return when.precision != "interval" and when.within(g.start, g.end)


def _why_not(gold: dict, event, sentences) -> str | None:
    """None when ``event`` covers the gold fact, else the first reason it does not."""
    if not _date_matches(gold, event.date):
        return f"date {event.date} != {gold['date']}"
    have = {SAME.get(a, a) for a in event.actors}
    want = {SAME.get(a, a) for a in gold["actors"].split(";")}
    if not want <= have:
        return f"actors {sorted(have)} lack {sorted(want - have)}"
    cue = _norm(gold["cue"])
    cited = [sentences.get(ev.source, {}).get((ev.paragraph, ev.sentence), "") for ev in event.evidence]
    if not any(cue in s for s in cited):
        return f"no cited sentence contains the cue {gold['cue']!r}"
    return None


def gold_coverage(case, sentences):
    """(covered, misses) of the gold facts: a fact is covered by an event with the
    same date at its precision, all its actors (SUN counted as RUS), and evidence
    citing the sentence that holds the fact's cue."""
    covered, misses = [], []
    for g in _gold_rows(case):
        reasons = {e.id: _why_not(g, e, sentences) for e in case.events}
        hit = [eid for eid, why in reasons.items() if why is None]
        if hit:
            covered.append((g, hit))
        else:
            near = [f"{eid}: {why}" for eid, why in reasons.items() if not why.startswith("date")][:3]
            misses.append(f"{g['date'] or 'undated'} {g['actors']} {g['description']!r} -- "
                          + ("; ".join(near) or "no event on that date"))
    return covered, misses


def test_gold_fact_coverage(case, sentences):
    covered, misses = gold_coverage(case, sentences)
    total = len(covered) + len(misses)
    assert total == 55
    share = len(covered) / total
    assert share >= 0.9, f"gold coverage {len(covered)}/{total}; misses:\n" + "\n".join(misses)


def test_undated_gold_facts_say_how_they_were_dated(case, sentences):
    """Events for facts the sources leave undated note how we dated them."""
    for g, hits in gold_coverage(case, sentences)[0]:
        if g["date"]:
            continue
        events = [e for e in case.events if e.id in hits]
        assert any(x.note for e in events for x in e.evidence), (g["description"], hits)


def test_background_events_cite_a_public_record(case):
    """Facts from outside the seeds are marked and rest on a listed public record."""
    seeds = {s.id for s in case.sources if s.file}
    for e in case.events:
        records = [x.source for x in e.evidence if x.source not in seeds]
        if e.description.startswith("Background"):
            assert records, e.id
        for sid in records:
            src = case.source(sid)
            assert src.date is not None and (src.url or (src.kind in ("report", "other") and src.note)), sid


# ---------------------------------------------------------------- indicators

def test_indicators_are_built_from_the_shared_data():
    """05_indicators.yaml is exactly what tools/build_indicators.py makes of the data."""
    if not (DATA / "cow_nmc_v7.csv.gz").exists():
        pytest.skip(f"data sets not found under {DATA}")
    spec = importlib.util.spec_from_file_location("build_indicators", ROOT / "tools" / "build_indicators.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    shipped = (ROOT / "src" / "equipoise" / "case" / "default" / "05_indicators.yaml").read_text(encoding="utf-8")
    assert mod.build(DATA) == shipped, "run: python tools/build_indicators.py"


def test_indicator_values(case):
    """Spot values against COW NMC v7, ATOP 5.1 and the trade compilation."""
    # COW NMC v7: Russia's CINC in 2022 is 0.038196992 (cinc column, ccode 365)
    assert case.indicator("cinc_rus").value(2022) == pytest.approx(0.038197, abs=1e-6)
    assert case.indicator("cinc_rus").points[0].note.startswith("Soviet Union")
    # ATOP 5.1: the Soviet-North Korean defence pledge runs 1961-1996; China's since 1961
    sov = case.indicator("atop_defense_prk_rus")
    assert [p.year for p in sov.points if p.value == 1] == list(range(1961, 1997))
    assert case.indicator("atop_defense_chn_prk").value(2018) == 1
    assert case.indicator("atop_defense_chn_rus").value(1981) == 0
    # trade: 2013 stated by the Russian government (Reuters), 2012 derived from it
    gov = case.indicator("trade_rus_prk_total_russian_government")
    assert gov.value(2013) == 112.7
    assert {p.year: p.status for p in gov.points}[2012] == "derived"
    # series are never mixed within an indicator
    series = {i.series for i in case.indicators if i.id.startswith("trade_rus_prk")}
    assert series == {"russian_embassy", "russian_government", "itc_trade_map", "russian_customs",
                      "russian_exporters"}
    # China-North Korea trade (Chinese customs, as reported by KBS/Yonhap): 539 million dollars in 2020
    assert case.indicator("trade_chn_prk_total_china_customs").value(2020) == 539
    for ind in case.indicators:
        for p in ind.points:
            assert case.source(p.source) is not None


# ---------------------------------------------------------------- our own words

def _our_texts(case):
    for e in case.events:
        yield f"event {e.id}", e.description
    for r in case.relations:
        yield f"relation {'-'.join(r.dyad)} {r.period}", r.note or ""
    for i in case.issues:
        yield f"issue {i.id}", " ".join([i.name, i.question or "", i.note or ""] + [a.label for a in i.anchors])
        for s in i.stances:
            yield f"stance {i.id}/{s.actor}/{s.period}", s.note or ""
        for o in i.outcomes:
            yield f"outcome {i.id}/{o.period}", o.note or ""
    for c in case.claims:
        yield f"claim {c.id}", f"{c.text} {c.note or ''}"


def test_no_sentence_copied_from_the_seeds(case, sentences):
    """No run of eight words of ours appears verbatim in a seed article."""
    words = lambda s: re.findall(r"[a-z0-9']+", s.lower())  # noqa: E731
    seed_grams = set()
    for sents in sentences.values():
        for s in sents.values():
            w = words(s)
            seed_grams.update(tuple(w[i:i + 8]) for i in range(len(w) - 7))
    copied = []
    for where, text in _our_texts(case):
        w = words(text)
        hit = [" ".join(w[i:i + 8]) for i in range(len(w) - 7) if tuple(w[i:i + 8]) in seed_grams]
        if hit:
            copied.append(f"{where}: {hit[0]!r}")
    assert not copied, "\n".join(copied)
