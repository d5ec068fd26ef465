"""Case model parsing: dates at their precision, estimates, evidence locators."""

import datetime as dt

import pytest
from pydantic import ValidationError

from equipoise.case.models import Estimate, Evidence, FuzzyDate, Period


@pytest.mark.parametrize("text, precision, start, end", [
    ("2018-08-15", "day", dt.date(2018, 8, 15), dt.date(2018, 8, 15)),
    ("2017-01", "month", dt.date(2017, 1, 1), dt.date(2017, 1, 31)),
    ("2016-02", "month", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
    ("2014", "year", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
    ("2012/2014-03", "interval", dt.date(2012, 1, 1), dt.date(2014, 3, 31)),
    ("2022/..", "open", dt.date(2022, 1, 1), None),
])
def test_fuzzy_date_precision(text, precision, start, end):
    d = FuzzyDate.parse(text)
    assert (d.precision, d.start, d.end) == (precision, start, end)


def test_fuzzy_date_from_yaml_types():
    assert FuzzyDate.parse(dt.date(2000, 7, 19)).precision == "day"
    assert FuzzyDate.parse(1948).text == "1948"


@pytest.mark.parametrize("bad", ["2018-13", "2018-02-30", "18", "2014/2012", "soon", 3.5])
def test_fuzzy_date_rejects(bad):
    with pytest.raises(ValueError):
        FuzzyDate.parse(bad)


def test_date_overlap_and_within():
    d = FuzzyDate.parse("2017")
    assert d.overlaps(dt.date(2017, 12, 1), None)
    assert not d.within(dt.date(2017, 6, 1), dt.date(2018, 1, 1))
    assert d.within(dt.date(2017, 1, 1), dt.date(2017, 12, 31))


def test_estimate_forms():
    assert Estimate.model_validate(0.5).range == (0.5, 0.5)
    assert Estimate.model_validate({"value": 40, "range": [30, 50]}).range == (30, 50)
    with pytest.raises(ValidationError, match="low <= value <= high"):
        Estimate.model_validate({"value": 60, "range": [30, 50]})
    with pytest.raises(ValidationError, match="boolean"):
        Estimate.model_validate(True)


def test_evidence_locator_string():
    ev = Evidence.model_validate("belo2018:5:3")
    assert (ev.source, ev.paragraph, ev.sentence) == ("belo2018", 5, 3)
    assert str(ev) == "belo2018:5:3"
    with pytest.raises(ValidationError, match="SOURCE"):
        Evidence.model_validate("belo2018:five")
    with pytest.raises(ValidationError, match="SOURCE"):  # a digit str.isdigit accepts but int() rejects
        Evidence.model_validate("belo2018:\u00b2")


def test_period_contains_open_end():
    p = Period.model_validate({"id": "p", "name": "P", "start": "2022"})
    assert p.contains(dt.date(2030, 1, 1)) and not p.contains(dt.date(2021, 12, 31))
