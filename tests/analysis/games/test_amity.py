"""Amity games read as Dittmer triangles (Dittmer 1981, World Politics 33(4))."""

import pytest

from equipoise.analysis.games.amity import (configuration_shares, friendly_ties, is_amity_game,
                                            profile_configuration)

PLAYERS = ["RUS", "CHN", "USA"]


@pytest.mark.parametrize("profile, config", [
    (("amity_both", "amity_both", "amity_both"), "menage_a_trois"),
    (("amity_both", "amity_RUS", "amity_RUS"), "romantic_triangle"),  # RUS the pivot
    (("amity_CHN", "amity_RUS", "enmity_both"), "stable_marriage"),
    (("amity_CHN", "amity_USA", "amity_RUS"), "unit_veto"),  # offers never returned
    (("enmity_both", "enmity_both", "enmity_both"), "unit_veto"),
])
def test_configurations(profile, config):
    assert profile_configuration(dict(zip(PLAYERS, profile))) == config


def test_ties_need_both_offers():
    assert friendly_ties({"RUS": "amity_both", "CHN": "enmity_both", "USA": "amity_RUS"}) == [("RUS", "USA")]


def test_recognises_amity_games():
    strategies = [["amity_both", "amity_CHN", "amity_USA", "enmity_both"],
                  ["amity_both", "amity_RUS", "amity_USA", "enmity_both"],
                  ["amity_both", "amity_RUS", "amity_CHN", "enmity_both"]]
    assert is_amity_game(PLAYERS, strategies)
    assert not is_amity_game(PLAYERS, [["support", "veto"], *strategies[1:]])
    assert not is_amity_game(PLAYERS[:2], strategies[:2])


def test_configuration_shares_counts_mixed():
    shares = configuration_shares(PLAYERS, {"amity_CHN/amity_RUS/enmity_both": 0.5,
                                            "amity_CHN/amity_RUS/amity_both": 0.25,
                                            "amity_CHN/{amity_both,amity_RUS}/amity_CHN": 0.25})
    assert shares == {"stable_marriage": 0.75, "mixed": 0.25}
