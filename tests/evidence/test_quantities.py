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
