"""One measure is one claim: rate-less and identical twins, headline and body restatements."""

from __future__ import annotations

import pytest

from nlp.claim_folding import complete_parties, fold_restatements
from nlp.records import TariffClaim
from nlp.rules import claim_rules


def _claim(sentence, action="imposed", rate=None, target="CAN"):
    return TariffClaim(imposer="USA", target=target, action=action, sentence=sentence, evidence=str(sentence),
                       rate=rate)


@pytest.mark.parametrize(("claims", "headline", "expected"), [
    ([_claim(1, rate=50.0), _claim(1)], 0, [("imposed", 50.0, 1)]),
    ([_claim(1), _claim(1, rate=50.0)], 0, [("imposed", 50.0, 1)]),
    ([_claim(1, rate=30.0), _claim(1, rate=12.0)], 0, [("imposed", 30.0, 1), ("imposed", 12.0, 1)]),
    ([_claim(1, rate=30.0), _claim(1, rate=30.0)], 0, [("imposed", 30.0, 1)]),
    ([_claim(1, rate=50.0), _claim(1, "raised", 50.0)], 0, [("raised", 50.0, 1)]),
    ([_claim(0, rate=50.0), _claim(2, "announced", 50.0)], 1, [("announced", 50.0, 2)]),
    ([_claim(0, rate=50.0), _claim(2, "announced", 50.0)], 0, [("imposed", 50.0, 0), ("announced", 50.0, 2)]),
    ([_claim(0, rate=50.0), _claim(2, "exempted", 50.0)], 1, [("imposed", 50.0, 0), ("exempted", 50.0, 2)]),
    ([_claim(0, "retaliated"), _claim(2, "announced", 15.0)], 1, [("retaliated", 15.0, 0)]),
    ([_claim(0, "retaliated"), _claim(2, "threatened", 15.0)], 1, [("retaliated", None, 0), ("threatened", 15.0, 2)]),
    ([_claim(2, "announced", 34.0), _claim(3, "retaliated", 34.0)], 1, [("retaliated", 34.0, 3)]),
    ([_claim(2, "announced", 34.0), _claim(3, "retaliated", 25.0)], 1,
     [("announced", 34.0, 2), ("retaliated", 25.0, 3)]),
])
def test_one_measure_is_one_claim_without_rateless_twins_or_headline_repeats(claims, headline, expected):
    folded = fold_restatements(claims, claim_rules(), headline=headline)
    assert [(c.action, c.rate, c.sentence) for c in folded] == expected


def test_measures_one_imposer_tells_together_share_the_target_the_sentence_gives_one():
    """"The 35% U.S. tariff on goods outside the pact, and the 50% duties on steel": one target for both, unless the
    open one is on every origin."""
    told = [TariffClaim(imposer="JPN", target=None, action="imposed", sentence=2, evidence="", rate=rate)
            for rate in (35.0, 50.0, 10.0)]
    # the first is aimed at the story's counterpart, the third is on every origin
    assert [c.target for c in complete_parties(told, {2}, {0}, ["JPN", "THA"])] == ["THA", "THA", None]


def test_an_open_target_is_not_guessed_from_an_imposer_seen_against_several_countries():
    """An explainer's "the 10% tariff on lumber" beside "the 40% duty on Brazil" and "the 25% duty on India": the story
    does not say whose lumber, so the target stays open; with one country it is that one's."""
    several = [TariffClaim(imposer="JPN", target=code, action="imposed", sentence=k, evidence="", rate=10.0)
               for k, code in enumerate(["THA", "VNM"])]
    lone = TariffClaim(imposer="JPN", target=None, action="imposed", sentence=3, evidence="", rate=5.0)
    assert complete_parties([*several, lone], set(), set(), [])[-1].target is None
    assert complete_parties([several[0], lone], set(), set(), [])[-1].target == "THA"
