"""Every evidence locator of the default case points at a real sentence.

Locators are ``source:paragraph:sentence`` into the seed texts, numbered from 1 by
:func:`equipoise.evidence.segment.segment`. The texts are not shipped; these tests
read them from ``$EQUIPOISE_SEEDS`` (default ``../shared/seeds`` beside the repository) and skip when
they are absent.
"""

from __future__ import annotations


import pytest

from equipoise.case import load_case
from equipoise.evidence.segment import segment

from shared_paths import SEEDS  # noqa: E402  ../shared/seeds or $EQUIPOISE_SEEDS


def all_evidence(case):
    """(where, Evidence) for every locator in the case."""
    for p in case.periods:
        yield f"period {p.id}", p.evidence
    for e in case.events:
        yield f"event {e.id}", e.evidence
    for r in case.relations:
        yield f"relation {'-'.join(r.dyad)} {r.period}", r.evidence
    for iss in case.issues:
        for s in iss.stances:
            yield f"stance {iss.id}/{s.actor}/{s.period}", s.evidence
        for o in iss.outcomes:
            yield f"outcome {iss.id}/{o.period}", o.evidence
    for c in case.claims:
        yield f"claim {c.id}", c.evidence
    for g in case.games:
        yield f"game {g.id}", g.evidence


@pytest.fixture(scope="module")
def case():
    return load_case()


@pytest.fixture(scope="module")
def segmented(case):
    out = {}
    for s in case.sources:
        if s.file and (SEEDS / s.file).exists():
            out[s.id] = segment((SEEDS / s.file).read_text(encoding="utf-8"))
    if not out:
        pytest.skip(f"seed texts not found under {SEEDS}")
    return out


def test_every_locator_names_a_known_source(case):
    ids = {s.id for s in case.sources}
    bad = [f"{where}: {ev}" for where, evs in all_evidence(case) for ev in evs if ev.source not in ids]
    assert not bad, "\n".join(bad)


def test_seed_locators_are_complete(case):
    """Locators into a seed article name both paragraph and sentence."""
    seeds = {s.id for s in case.sources if s.file}
    bad = [f"{where}: {ev}" for where, evs in all_evidence(case) for ev in evs
           if ev.source in seeds and (ev.paragraph is None or ev.sentence is None)]
    assert not bad, "\n".join(bad)


def test_locators_exist_in_seed_texts(case, segmented):
    bad = []
    n = 0
    for where, evs in all_evidence(case):
        for ev in evs:
            if ev.source not in segmented:
                continue
            n += 1
            paras = segmented[ev.source]
            if not 1 <= ev.paragraph <= len(paras):
                bad.append(f"{where}: {ev}: no paragraph {ev.paragraph} ({len(paras)} paragraphs)")
            elif not 1 <= ev.sentence <= len(paras[ev.paragraph - 1][1]):
                bad.append(f"{where}: {ev}: no sentence {ev.sentence} "
                           f"(paragraph has {len(paras[ev.paragraph - 1][1])})")
    assert n > 200  # the case leans on the seeds throughout
    assert not bad, "\n".join(bad)


def test_declared_paragraph_counts_match_texts(case, segmented):
    for s in case.sources:
        if s.id in segmented and s.paragraphs is not None:
            assert s.paragraphs == len(segmented[s.id]), s.id
