"""Quantity extraction on sentences written for these tests."""

import pytest

from equipoise.evidence.quantities import find_quantities, parse_number


@pytest.mark.parametrize("text, value, unit", [
    ("Aid reached $2.5bn last spring.", 2.5e9, "USD"),
    ("A loan of $640 million was agreed.", 640e6, "USD"),
    ("Turnover is about $35 million a year.", 35e6, "USD/year"),
    ("They paid 12 million euros for it.", 12e6, "EUR"),
    ("It holds 15% of the market.", 15, "percent"),
    ("Output rose twelve percent.", 12, "percent"),
    ("Trade grew fivefold in a decade.", 5, "fold"),
    ("The corridor is 130-kilometre long.", 130, "km"),
    ("The coast lies nineteen miles away.", 19, "mile"),
    ("Some 4,500 Chinese labourers arrived.", 4500, "workers"),
    ("About 2,000 troops crossed.", 2000, "troops"),
    ("Ships carried 3 million tonnes of grain.", 3e6, "t"),
    ("A 36-month transition was agreed.", 36, "month"),
    ("They marked the 60th anniversary of the treaty.", 60, "year"),
])
def test_quantity_forms(text, value, unit):
    found = find_quantities(text)
    assert [(q.unit) for q in found] == [unit]
    assert found[0].value == pytest.approx(value)
    a, b = found[0].span
    assert text[a:b] == found[0].text


def test_no_quantities_in_plain_prose():
    assert find_quantities("In 1999 many people left the region quietly.") == []


def test_parse_number_words():
    assert parse_number("forty-two") == 42
    assert parse_number("two hundred") == 200
    assert parse_number("3,400.5") == 3400.5


@pytest.mark.parametrize("text, want", [
    # counts with their noun as the unit (sentences written for this test)
    ("Lima shipped 4 million artillery shells to Quito.", [(4e6, "shells", None, None, "")]),
    ("Over 300 containers crossed at Tacna.", [(300, "containers", 300, None, "over")]),
    ("The navy fired 12 cruise missiles and 40 drones.", [(12, "missiles", None, None, ""), (40, "drones", None, None, "")]),
    ("More than 1.2 million explosive devices were removed.", [(1.2e6, "devices", 1.2e6, None, "more than")]),
    ("At least 150 engineers and two battalions arrived.",
     [(150, "engineers", 150, None, "at least"), (2, "battalions", None, None, "")]),
    ("Quito sent 4-million artillery shells.", [(4e6, "shells", None, None, "")]),  # hyphenated amount
    ("A 14-billion-dollar loan was agreed.", [(14e9, "USD", None, None, "")]),
    ("The deal is worth 3·2 billion roubles.", [(3.2e9, "RUB", None, None, "")]),  # middle-dot decimal
    ("Between 8,000 and 9,500 soldiers took part.", [(8000, "troops", 8000, 9500, "")]),
    ("Up to 2,000 troops were deployed.", [(2000, "troops", None, 2000, "up to")]),
    ("Some 18,000-plus troops fought.", [(18000, "troops", 18000, None, "over")]),
    ("A 6,000-strong contingent landed.", [(6000, "troops", None, None, "")]),
    ("The 2,000 killed included officers.", [(2000, "killed", None, None, "")]),  # not "officers"
    ("About 900 wounded soldiers were flown home.", [(900, "troops", None, None, "about")]),
])
def test_counts_ranges_and_bounds(text, want):
    got = [(q.value, q.unit, q.low, q.high, q.qualifier) for q in find_quantities(text)]
    assert got == [(float(v), u, None if lo is None else float(lo), None if hi is None else float(hi), ql)
                   for v, u, lo, hi, ql in want]
