"""The pinned CAMEO table: codes, Goldstein weights and quad classes.

Reference values: Goldstein (1992) weights as assigned to CAMEO 1.1b3 codes
(Schrodt 2012), e.g. 043 host a visit +2.8, 163 impose sanctions -8.0, 129 veto -5.0.
"""

import pytest

from equipoise.evidence.cameo import cameo_table, lookup, quad_class


@pytest.mark.parametrize("code, goldstein, quad", [
    ("043", 2.8, 1), ("057", 8.0, 1), ("062", 7.4, 2), ("085", 7.0, 2),
    ("111", -2.0, 3), ("129", -5.0, 3), ("163", -8.0, 4), ("195", -10.0, 4),
])
def test_reference_weights(code, goldstein, quad):
    c = lookup(code)
    assert c.goldstein == goldstein and c.quad == quad


def test_four_digit_code_falls_back_to_parent():
    assert lookup("0431").code == "043"
    assert lookup("99") is None


def test_every_code_has_root_and_quad_matches():
    table = cameo_table()
    assert len(table) > 150
    for code, c in table.items():
        assert code[:2] in table
        assert c.quad == quad_class(code)
        assert -10 <= c.goldstein <= 10
