"""Ingest throughput: read -> extract -> store, then a second pass over unchanged files.

The corpus is the seed articles copied ``--copies`` times, each copy with its own
first line so that every file is new content. Prints one line of numbers per pass.

Example: python benchmarks/bench_ingest.py --copies 20 [--db postgresql+psycopg://postgres@127.0.0.1:55432/postgres]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from equipoise.evidence.ingest import ingest
from equipoise.evidence.store import EvidenceStore

# ../shared/seeds beside the repository, or $EQUIPOISE_SEEDS / $EQUIPOISE_SHARED/seeds
SEEDS = Path(os.environ.get("EQUIPOISE_SEEDS")
             or Path(os.environ.get("EQUIPOISE_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "seeds")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--db", default=None, help="database URL (default: a new SQLite file in a temp folder); "
                    "use an empty database, or the first pass finds the copies unchanged")
    args = ap.parse_args()
    seeds = sorted(args.seeds.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for k in range(args.copies):
            for f in seeds:
                (corpus / f"{k:04d}_{f.name}").write_text(f"Copy {k}\n\n" + f.read_text(encoding="utf-8"),
                                                          encoding="utf-8")
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        with EvidenceStore(url) as store:
            for label in ("new", "unchanged"):
                t0 = time.perf_counter()
                res = ingest([corpus], store=store)
                dt = time.perf_counter() - t0
                n = len(res.outcomes)
                sents = sum(o.sentences for o in res.outcomes)
                print(f"{label:9s} {n} documents ({res.added} added, {res.unchanged} unchanged), {sents} sentences, "
                      f"{res.events} events written, {len(res.skipped)} skipped in {dt:.2f} s: "
                      f"{n / dt:.1f} documents/s, {sents / dt:.0f} sentences/s ({store.url.split(':')[0]})")

if __name__ == "__main__":
    main()
