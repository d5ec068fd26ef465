"""Event aggregation: generated GDELT 2.0 rows -> event table (Parquet) -> dyad-month series.

Generates ``--rows`` rows (default 10 million) of 61-column GDELT 2.0 event
records with random states, CAMEO codes and dates 2015-2024 (seeded) into
gzip-free TSV files of ``--chunk`` rows, then times (1) the streaming import into
a partitioned Parquet event table and (2) the DuckDB aggregation of every
directed dyad by month, de-duplicated. Prints rows, seconds, rows per second and
the peak resident memory of the import and aggregation (generation runs in a child process).
Target: 10 million rows in under 60 s and 2 GB on a 2-core machine.

Example: python benchmarks/bench_events.py --rows 1000000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from equipoise.analysis.measure.events import all_dyad_series
from equipoise.evidence.cameo import cameo_table
from equipoise.evidence.eventdata import EventTable

STATES = ["RUS", "PRK", "CHN", "USA", "KOR", "JPN", "UKR", "IND", "GBR", "FRA", "DEU", "IRN", "ISR", "TUR", "SYR",
          "BRA", "ZAF", "NGA", "EGY", "SAU", "PAK", "AFG", "IRQ", "VNM", "MNG", "KAZ", "BLR", "POL", "CAN", "MEX", ""]


def generate(folder: Path, rows: int, chunk: int, seed: int = 11) -> list[Path]:
    rng = np.random.default_rng(seed)
    codes = [c for c in cameo_table() if len(c) == 3]
    gold = np.array([cameo_table()[c].goldstein for c in codes])
    quad = np.array([cameo_table()[c].quad for c in codes])
    days = np.arange(np.datetime64("2015-01-01"), np.datetime64("2025-01-01"))
    out, done, k = [], 0, 0
    codes_a, gold_a, quad_a = pa.array(codes), pa.array(gold.astype(str)), pa.array(quad.astype(str))
    states_a = pa.array(STATES)
    day0 = np.datetime64("2015-01-01")
    while done < rows:
        n = min(chunk, rows - done)
        ci = pa.array(rng.integers(0, len(codes), n))
        d = pa.array(day0 + rng.integers(0, len(days), n).astype("timedelta64[D]"))
        cols = {f"c{i}": pa.nulls(n, pa.string()) for i in range(61)}
        cols["c0"] = pc.cast(pa.array(np.arange(done, done + n)), pa.string())
        cols["c1"] = pc.strftime(d, format="%Y%m%d")
        cols["c7"] = pc.take(states_a, pa.array(rng.integers(0, len(STATES), n)))
        cols["c17"] = pc.take(states_a, pa.array(rng.integers(0, len(STATES), n)))
        cols["c26"] = pc.take(codes_a, ci)
        cols["c29"] = pc.take(quad_a, ci)
        cols["c30"] = pc.take(gold_a, ci)
        cols["c60"] = pc.binary_join_element_wise("https://news.example/",
                                                  pc.cast(pa.array(rng.integers(0, n // 4 + 1, n)), pa.string()), "")
        p = folder / f"{k:04d}.export.CSV"
        pcsv.write_csv(pa.table(cols), p, write_options=pcsv.WriteOptions(include_header=False, delimiter="\t",
                                                                         quoting_style="none"))
        out.append(p)
        done, k = done + n, k + 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--chunk", type=int, default=1_000_000)
    ap.add_argument("--tmp", type=Path, default=None, help="folder for the generated files (default: a temp folder)")
    ap.add_argument("--generate-into", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.generate_into is not None:  # child process: generation's memory stays out of the measured peak
        generate(args.generate_into, args.rows, args.chunk)
        return
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--chunk", str(args.chunk),
                        "--generate-into", str(tmp)], check=True)
        files = sorted(tmp.glob("*.export.CSV"))
        gen = time.perf_counter() - t
        size = sum(f.stat().st_size for f in files) / 1e6
        table = EventTable(tmp / "events")
        t, c = time.perf_counter(), time.process_time()
        res = table.import_files(files, "gdelt")
        imp, imp_cpu = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        series = all_dyad_series(table, by="month")
        agg, agg_cpu = time.perf_counter() - t, time.process_time() - c
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        total = imp + agg
        print(f"generated {args.rows:,} GDELT 2.0 rows ({size:.0f} MB TSV) in {gen:.1f} s (not timed below)")
        print(f"import: {res.rows:,} events kept, {res.dropped:,} without two states dropped, {res.bad.count} bad; "
              f"{imp:.1f} s wall, {imp_cpu:.1f} s CPU")
        print(f"dyad-month aggregation: {len(series):,} dyad-months; {agg:.1f} s wall, {agg_cpu:.1f} s CPU")
        print(f"total {total:.1f} s wall ({imp_cpu + agg_cpu:.1f} s CPU) = {args.rows / total:,.0f} rows/s; "
              f"peak memory of import + aggregation {peak:,.0f} MB "
              f"(target: 10M rows < 60 s, < 2048 MB)")


if __name__ == "__main__":
    main()
