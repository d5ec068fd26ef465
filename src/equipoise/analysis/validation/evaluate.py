"""The case's own scorecard: claim verdicts, game expectations met, bargaining errors in sample.

What the default case yields is reported here (``equipoise evaluate case``, the
validation benchmark), never asserted by the test suite: an honest recoding of
the case may change every number.
"""

from __future__ import annotations

from ...case.models import Case
from ...seeding import DEFAULT_SEED

__all__ = ["evaluate_case"]


def evaluate_case(case: Case, *, draws: int = 50, seed: int | None = None) -> dict:
    """Claims (verdict, probability), game expectations (met, share of draws) and bargaining MAE, as plain data."""
    from ..bargaining.case import retrodiction
    from ..claims import evaluate_claims
    from ..games.case import solve_case_games
    seed = DEFAULT_SEED if seed is None else seed
    claims = evaluate_claims(case, draws=draws, seed=seed)
    games = solve_case_games(case, draws=draws, seed=seed, time_limit=5.0)
    exp = [{"game": r.game_id, "period": r.period, "met": r.check.met, "share": r.check.share}
           for r in games.results if r.check is not None and r.check.met is not None]
    retro = retrodiction(case, seed=seed)
    met = sum(1 for e in exp if e["met"])
    counts = claims.counts
    return {"case": case.case.id, "draws": draws, "seed": seed,
            "claims": [{"id": c.id, "verdict": c.verdict, "probability": c.probability} for c in claims.claims],
            "claim_counts": counts, "expectations": exp,
            "bargaining": {"mae": retro.mae(), "n": len({(r.issue, r.period) for r in retro.rows})},
            "headline": (f"{counts['supported']} claims supported, {counts['contradicted']} contradicted, "
                         f"{counts['undetermined']} undetermined; {met} of {len(exp)} game expectations met at the "
                         "central values (in sample: the games were written knowing the record).")}
