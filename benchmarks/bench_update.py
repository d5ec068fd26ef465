"""The update loop on the news dev set: recall and precision of the proposals, and time.

Run: ``python3 benchmarks/bench_update.py [--since 2025-01-01] [--no-apply]``. Proposes updates to the
default case from ``../shared/news2025/*.txt`` (``EQUIPOISE_SHARED`` overrides the folder), scores
the event proposals against ``gold_events.csv`` (:func:`equipoise.case.update.evaluate_update`),
then accepts every proposal on a temporary copy of the default case and times the apply step
(which validates the whole edited case). The gold table codes events dated 2025 or later, so
``--since 2025-01-01`` is the default.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from equipoise.case import load_case
from equipoise.case.update import apply_proposals, copy_case, evaluate_update, propose_updates, read_gold_events

ROOT = Path(__file__).resolve().parents[1]
NEWS = Path(os.environ.get("EQUIPOISE_SHARED") or ROOT.parent / "shared") / "news2025"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--since", default="2025-01-01")
    ap.add_argument("--no-apply", action="store_true", help="skip the accept-all step")
    args = ap.parse_args()
    if not NEWS.is_dir():
        print(f"skipped: {NEWS} absent (set EQUIPOISE_SHARED)")
        return 0
    docs = sorted(NEWS.glob("*.txt"))
    case = load_case()
    t0, c0 = time.perf_counter(), time.process_time()
    ps = propose_updates(case, docs, since=dt.date.fromisoformat(args.since) if args.since else None)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    ev = evaluate_update(ps, read_gold_events(NEWS / "gold_events.csv"), case=case, seconds=wall)
    print(f"documents {len(ps.documents)} ({len(ps.skipped)} skipped), proposals {len(ps.proposals)}, "
          f"since {args.since or '-'}")
    print(ev.summary())
    print(f"propose: {wall:.2f} s wall, {cpu:.2f} s CPU ({wall / max(1, len(docs)):.2f} s per document)")
    if not args.no_apply:
        with tempfile.TemporaryDirectory() as tmp:
            mine = copy_case(None, Path(tmp) / "case")
            t0 = time.perf_counter()
            res = apply_proposals(ps, mine, accept_all=True)
            wall = time.perf_counter() - t0
            after = load_case(mine)
        print(f"accept all: {len(res.applied)} applied, {len(res.stale)} no longer apply, "
              f"{len(res.files)} files written, case validates ({len(after.events)} events); {wall:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
