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


# Relative dates against a publication date (sentences written for these tests).
PUB = dt.date(2023, 3, 15)  # a Wednesday


def spans(text, ref=PUB):
    return [(d.start, d.end, d.precision) for d in find_dates(text, ref=ref)]


@pytest.mark.parametrize("text, want", [
    ("In June of last year the two navies held drills.", ("2022-06", None, "month")),
    ("Grain exports doubled earlier this year.", ("2023", None, "year")),
    ("The envoy resigned last month.", ("2023-02", None, "month")),
    ("The envoy landed in Lima this week.", ("2023-03-13", "2023-03-15", "day")),
    ("The envoy landed in Lima last week.", ("2023-03-06", "2023-03-12", "day")),
    ("A decade ago the mine was shut.", ("2013", None, "year")),
    ("In May, the mine was shut.", ("2022-05", None, "month")),        # the most recent May not after March 2023
    ("In February, the mine was shut.", ("2023-02", None, "month")),
    ("IN OCTOBER, THE MINE WAS SHUT.", ("2022-10", None, "month")),     # capitals keep their dates
    ("in october the mine was shut.", ("2022-10", None, "month")),       # cue and month in lower case
    ("Grain exports fell Last Year.", ("2022", None, "year")),
    ("The expo ran from April 9 to 19.", ("2022-04-09", "2022-04-19", "day")),
    ("The expo ran from 2 to 5 March.", ("2023-03-02", "2023-03-05", "day")),
    ("The envoys talked on 30 November.", ("2022-11-30", None, "day")),
    ("The envoy spoke on Wednesday.", ("2023-03-15", None, "day")),
    ("The envoy spoke on Friday.", ("2023-03-10", None, "day")),
    ("The envoy spoke last Wednesday.", ("2023-03-08", None, "day")),
    ("The envoy will speak on Friday.", ("2023-03-17", None, "day")),      # future: the next one
    ("The vote will be held in May.", ("2023-05", None, "month")),
    ("In May the two navies will hold drills.", ("2023-05", None, "month")),      # the cue after the date
    ("In May, officials said the navies would hold drills.", ("2022-05", None, "month")),  # said: past
    ("It would have been timely in May, but the talks failed.", ("2022-05", None, "month")),
    ("The pact was agreed in May that the navies would hold drills.", ("2022-05", None, "month")),
    ("It is exactly in May that the navies will hold drills.", ("2023-05", None, "month")),  # a cleft: one clause
    ("The drills, which run from March 9 to 19, were said to be routine.", ("2023-03-09", "2023-03-19", "day")),
    ("The leaders could meet on March 20 in Oslo.", ("2023-03-20", None, "day")),
    ("The leaders meet on March 20 in Oslo.", ("2023-03-20", None, "day")),    # days just ahead: coming
    ("Trade fell in November last year.", ("2022-11", None, "month")),
    ("The ferry, suspended due to the storm, ran on 3 March.", ("2023-03-03", None, "day")),
    ("The envoys met over the weekend.", ("2023-03-11", "2023-03-12", "day")),
    ("The envoys met the day before yesterday.", ("2023-03-13", None, "day")),
    ("The ministry signed the order on the 9th (local time).", ("2023-03-09", None, "day")),
    ("The ministry signed the order on the 20th.", ("2023-02-20", None, "day")),
    ("Last September the mine was shut.", ("2022-09", None, "month")),
    ("Next September the mine reopens.", ("2023-09", None, "month")),
    ("TALKS ENDED ON OCT. 2, 2021 IN OSLO.", ("2021-10-02", None, "day")),
    ("Talks ended on Oct. 2, 2021, in Oslo.", ("2021-10-02", None, "day")),
])
def test_relative_dates_against_publication(text, want):
    assert want in spans(text)


@pytest.mark.parametrize("text, want", [
    ("The mill opened in 2004 and the following year it closed.", ("2005", None, "year")),
    ("The mill opened in 2004 and closed three years later.", ("2007", None, "year")),
    ("The lease of 1990 ran out two decades later.", ("2010", None, "year")),
    ("The mill opened in May 2004; the next month it closed.", ("2004-06", None, "month")),
])
def test_dates_counted_from_an_earlier_date_in_the_sentence(text, want):
    assert spans(text)[-1] == want


def test_following_year_without_an_earlier_date_is_not_guessed():
    assert spans("The following year the mill closed.") == []
    assert spans("Three years later the mill closed.") == []
    assert spans("The following year the mill closed.", ref=None) == []
    # ... but the narrative date of the paragraph anchors it
    assert [d.start for d in find_dates("The following year it closed.", ref=PUB, anchor=dt.date(2011, 1, 1))] \
        == ["2012"]


def test_dates_from_a_month_only_reference_are_cut_to_the_month():
    ref = dt.date(2023, 3, 31)
    got = find_dates("The envoy spoke on Friday and again yesterday.", ref=ref, ref_precision="month")
    assert [(d.start, d.precision) for d in got] == [("2023-03", "month"), ("2023-03", "month")]


def test_reference_from_date_lines_and_datelines():
    from equipoise.evidence.dates import detect_reference
    assert detect_reference(" date 2024-07 \nThe envoy spoke.") == (dt.date(2024, 7, 31), "month")
    assert detect_reference(" date 2024-07-02 \nThe envoy spoke.") == (dt.date(2024, 7, 2), "day")
    assert detect_reference("LIMA, Nov. 3 (Andina) - The envoy spoke after talks on October 20, 2021.") \
        == (dt.date(2021, 11, 3), "day")
    # the dateline falls before the latest date mentioned: it is from the next year
    assert detect_reference("LIMA, Jan. 4 (Andina) - The envoy recalled talks of 28 December 2021.") \
        == (dt.date(2022, 1, 4), "day")
    assert detect_reference("Lima, Nov. 3 (Andina) - The envoy spoke on October 20, 2021.") == (dt.date(2021, 11, 3),
                                                                                             "day")
    assert detect_reference("Lima, Nov. 3 - a list, not a dateline, of talks on October 20, 2021.") is None


def test_a_cited_documents_date_is_not_the_publication_date():
    text = "LIMA, Nov. 3 (Andina) - The envoy read a letter dated March 3, 2019 to the press on October 20, 2021."
    assert detect_date(text) == dt.date(2021, 11, 3)
    assert detect_date("Dated 4 May 2020\nThe envoy spoke.") == dt.date(2020, 5, 4)
