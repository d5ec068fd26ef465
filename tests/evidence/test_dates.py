"""Date extraction on sentences written for these tests."""

import datetime as dt

import pytest

from equipoise.evidence.dates import detect_date, find_dates, latest_date

REF = dt.date(2021, 6, 10)  # a Thursday


def one(text, ref=REF):
    found = find_dates(text, ref=ref)
    assert len(found) == 1, found
    d = found[0]
    return d.start, d.end, d.precision


@pytest.mark.parametrize("text, want", [
    ("The envoys met on March 3, 2016, in Geneva.", ("2016-03-03", None, "day")),
    ("The envoys met on 3 March 2016 in Geneva.", ("2016-03-03", None, "day")),
    ("The pact was drafted in November of 1999.", ("1999-11", None, "month")),
    ("Exports fell in 2009.", ("2009", None, "year")),
    ("The blockade lasted from 1961 to late 1963.", ("1961", "1963", "year")),
    ("Phase two, 2005-2008, was quieter.", ("2005", "2008", "year")),
    ("The war of 1914-18 changed it.", ("1914", "1918", "year")),
    ("Sanctions have applied since 2016 without pause.", ("2016", None, "year")),
    ("Trade boomed in the 1970s.", ("1970", "1979", "decade")),
    ("Ties cooled from the 1960s to the 1980s.", ("1960", "1989", "decade")),
    ("Ties cooled last year.", ("2020", None, "year")),
    ("The ministers spoke on Monday.", ("2021-06-07", None, "day")),
    ("The summit is planned for September.", None),
    ("The summit is planned in September.", ("2021-09", None, "month")),
    ("The programme, now in its ninth year, continues.", ("2021", None, "year")),
    ("The decree of 2019-04-30 was annulled.", ("2019-04-30", None, "day")),
])
def test_date_forms(text, want):
    if want is None:
        assert find_dates(text, ref=REF) == []
    else:
        assert one(text) == want


def test_numbers_that_are_not_years():
    assert find_dates("About 2000 troops and 1,950 tonnes moved; 2010 km of road.", ref=REF) == []


def test_relative_dates_need_a_reference():
    assert find_dates("They met last year on Friday.") == []


def test_spans_point_into_the_text():
    text = "Talks resumed in May 2011 after a pause."
    d = find_dates(text)[0]
    assert text[d.span[0]:d.span[1]] == "May 2011"


def test_detect_date_from_a_published_line():
    assert detect_date("A headline\nPublished on 4 February 2022\n\nBody text from 1990.") == dt.date(2022, 2, 4)
    assert detect_date("No date line here, only 1990.") is None


def test_latest_date_ignores_future_targets():
    assert latest_date("In May 2017 they met. Trade should double by 2030.") == dt.date(2017, 5, 1)
