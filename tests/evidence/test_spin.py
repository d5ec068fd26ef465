"""Spin detection and repair: the mechanism on phrases written for these tests, and
the seed table ``spun_phrases.csv`` as the measure."""

import csv

import pytest

from equipoise.evidence.extract import extract_text
from equipoise.evidence.normalize import normalize
from equipoise.evidence.spin import SPUN_THRESHOLD, repair, spin_score

from shared_paths import SEEDS


def test_normalize_keeps_length():
    text = "\u201cKorea\u2019s\u201d 2014\u20132017\u00a0era\u2026"
    assert len(normalize(text)) == len(text)
    assert normalize(text) == "\"Korea's\" 2014-2017 era."


@pytest.mark.parametrize("spun, want", [
    ("the Chilly Warfare era", "the Cold War era"),           # two substitutions in one name
    ("the Shanghai Cooperation Group", "the Shanghai Cooperation Organisation"),
    ("Pink Military units", "Red Army units"),
    ("in the Nineteen Sixties", "in the 1960s"),
    ("on Might 12, 2010", "on May 12, 2010"),
])
def test_names_months_and_decades_are_repaired(spun, want):
    assert repair(spun).text.lower() == want.lower()


def test_idioms_only_in_spun_documents():
    text = "Its overseas coverage and nationwide safety."
    assert repair(text).text == text
    assert repair(text, spun=True).text == "Its foreign policy and national security."


def test_spin_score_separates_spun_from_plain():
    plain = "The Cold War shaped the Korean War and the Six Party Talks. " * 3
    spun = "The Chilly Battle formed the Korean Struggle and the Six Social gathering Talks. " * 3
    assert spin_score(plain) == 0.0
    assert spin_score(spun) >= SPUN_THRESHOLD


def test_repairs_are_reported_not_applied():
    text = "During the Korean Battle, on Might 3, 1951, Pyongyang fell."
    doc = extract_text(text)
    s = doc.sentences[0]
    assert s.text == text  # the original is untouched
    assert [(r.text, r.replacement) for r in doc.repairs] == [("Korean Battle", "Korean War"), ("Might", "May")]
    assert ("1951-05-03", "day") in [(d.start, d.precision) for d in s.dates]
    assert ("1950", "1953") in [(d.start, d.end) for d in s.dates]
    pyongyang = next(a for a in s.actors if a.code == "PRK")
    assert text[pyongyang.span[0]:pyongyang.span[1]] == "Pyongyang"


@pytest.mark.skipif(not (SEEDS / "spun_phrases.csv").exists(), reason="shared seeds absent")
def test_seed_spun_phrases():
    rows = list(csv.DictReader((SEEDS / "spun_phrases.csv").open(encoding="utf-8")))
    ok = sum(repair(normalize(r["spun"]), spun=True).text.lower() == normalize(r["original"]).lower()
             for r in rows)
    assert ok >= 28, f"{ok}/{len(rows)} repaired"
