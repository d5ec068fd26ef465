"""Build ``05_indicators.yaml`` of the default case from the shared data sets.

Reads, from ``$EQUIPOISE_DATA`` (default ``../shared/data`` beside the repository, or ``$EQUIPOISE_SHARED/data``):

- ``cow_nmc_v7.csv.gz``: CINC 1990-2022 for RUS, PRK, CHN, USA, KOR, JPN, UKR, IND
  (COW code 365 is Russia and, before 1992, the Soviet Union);
- ``atop_5_1_ddyr.csv.gz``: defence pledges 1945-2018 for the dyads of the six core
  states that hold one in any year of that span;
- ``trade_rus_prk.csv``: Russia-North Korea trade, one indicator per statistic
  (``series``) and flow; calendar-year rows only (part-year rows are left out);
  rows the compiler derived by arithmetic carry ``status: derived``.

Writes ``src/equipoise/case/default/05_indicators.yaml`` with a source record per
article the trade rows cite. The package never reads the data sets: it ships the
values written here, each with its source. Run::

    python tools/build_indicators.py
"""

from __future__ import annotations

import csv
import gzip
import itertools
import math
import os
import re
from itertools import combinations
from pathlib import Path

__all__ = ["cinc_indicators", "atop_indicators", "trade_indicators", "build"]

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "equipoise" / "case" / "default" / "05_indicators.yaml"
DATA = Path(os.environ.get("EQUIPOISE_DATA") or Path(os.environ.get("EQUIPOISE_SHARED") or ROOT.parent / "shared") / "data")

CCODE = {"USA": 2, "RUS": 365, "UKR": 369, "CHN": 710, "PRK": 731, "KOR": 732, "JPN": 740, "IND": 750}
CORE = ("CHN", "JPN", "KOR", "PRK", "RUS", "USA")
SERIES = {  # underlying statistic in trade_rus_prk.csv -> series key, description
    "Russian official (embassy) data": ("russian_embassy", "Russian official figures published by the Russian Embassy in the DPRK"),
    "Russian government": ("russian_government", "figures stated by Russian government officials"),
    "ITC Trade Map": ("itc_trade_map", "ITC Trade Map (mirror statistics) as reported by the press"),
    "Russian customs": ("russian_customs", "Russian customs statistics as reported by the press"),
    "Russian exporters' association": ("russian_exporters", "an estimate by a Russian exporters' association"),
}
STATUS = {"stated": "stated", "derived": "derived", "derived sum": "derived", "stated (estimate)": "estimate"}


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(x: float) -> str:
    return repr(round(float(x), 6)) if float(x) != int(float(x)) else str(int(float(x)))


def _point(year: int, value: float, source: str, status: str = "stated", note: str | None = None,
           bounds: tuple[float, float] | None = None) -> str:
    bits = [f"year: {year}", f"value: {_num(value)}", f"source: {source}"]
    if bounds is not None:
        lo, hi = math.floor(bounds[0] * 100) / 100, math.ceil(bounds[1] * 100) / 100  # outward to 2 decimals
        bits += [f"low: {_num(lo)}", f"high: {_num(hi)}"]
    if status != "stated":
        bits.append(f"status: {status}")
    if note:
        bits.append(f"note: {_q(note)}")
    return "      - {" + ", ".join(bits) + "}"


def _indicator(iid: str, name: str, unit: str, actors: list[str], series: str, note: str, points: list[str]) -> str:
    head = [f"  - id: {iid}", f"    name: {_q(name)}", f"    unit: {_q(unit)}",
            f"    actors: [{', '.join(actors)}]", f"    series: {series}", f"    note: {_q(note)}", "    points:"]
    return "\n".join(head + points)


def cinc_indicators(path: Path) -> list[str]:
    """CINC 1990-2022 per state (COW NMC v7)."""
    rows: dict[tuple[int, int], float] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["cinc"]:
                rows[(int(r["ccode"]), int(r["year"]))] = float(r["cinc"])
    out = []
    for iso, cc in sorted(CCODE.items()):
        pts = []
        for year in range(1990, 2023):
            if (cc, year) in rows:
                note = "Soviet Union (COW code 365 before 1992)" if iso == "RUS" and year < 1992 else None
                pts.append(_point(year, rows[(cc, year)], "cow_nmc_v7", note=note))
        out.append(_indicator(f"cinc_{iso.lower()}", f"CINC, {iso}", "share of world capability", [iso],
                              "cow_nmc_v7_cinc",
                              "Composite Index of National Capability: mean share of world military spending, "
                              "military personnel, iron and steel, energy, total and urban population "
                              f"(COW state code {cc}).", pts))
    return out


def atop_indicators(path: Path) -> list[str]:
    """Defence pledges 1945-2018 for core dyads that ever hold one in that span (ATOP 5.1)."""
    code_iso = {CCODE[i]: i for i in CORE}
    pledged: set[tuple[str, str, int]] = set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            a, b, y = int(r["ccode1"]), int(r["ccode2"]), int(r["year"])
            if a in code_iso and b in code_iso and 1945 <= y <= 2018 and r["atop_defense"] == "1":
                pledged.add((*sorted((code_iso[a], code_iso[b])), y))
    out = []
    for a, b in combinations(sorted(CORE), 2):
        years = {y for (x, z, y) in pledged if (x, z) == (a, b)}
        if not years:
            continue
        pts = []
        for year in range(1945, 2019):
            note = "Soviet Union (ATOP code 365)" if "RUS" in (a, b) and year < 1992 and year in years else None
            pts.append(_point(year, 1 if year in years else 0, "atop_5_1", note=note))
        out.append(_indicator(f"atop_defense_{a.lower()}_{b.lower()}", f"ATOP defence pledge, {a}-{b}",
                              "1 = pledge in force", [a, b], "atop_5_1_defense",
                              "1 when an ATOP 5.1 alliance binds either state to defend the other in that year "
                              f"(first and last pledged year in 1945-2018: {min(years)}, {max(years)}).", pts))
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


_NUM = re.compile(r"\d+(?:\.\d+)?")


def _half_unit(text: str) -> float:
    """Half a unit in the last stated digit: 34 -> 0.5, 0.56 -> 0.005."""
    return 0.5 * 10.0 ** -(len(text.split(".")[1]) if "." in text else 0)


def rounding_bounds(expr: str, value: float) -> tuple[float, float]:
    """The range of an arithmetic expression over stated (rounded) figures, each within half a unit of its
    last digit ('ninefold' as 9, i.e. 8.5-9.5; the 1 of a percentage change is exact); the range always
    holds ``value``."""
    if not re.fullmatch(r"[0-9.+\-*/() ]+", expr):
        raise SystemExit(f"cannot bound {expr!r}")
    nums = [(m.start(), m.end(), m.group()) for m in _NUM.finditer(expr) if m.group() != "1"]  # 1 - x%: exact 1
    outs = []
    for signs in itertools.product((-1, 1), repeat=len(nums)):
        text, shift = expr, 0
        for (a, b, t), sg in zip(nums, signs):
            v = repr(float(t) + sg * _half_unit(t))
            text = text[:a + shift] + v + text[b + shift:]
            shift += len(v) - (b - a)
        outs.append(eval(text, {"__builtins__": {}}))  # digits and operators only (checked above)
    return min(min(outs), value), max(max(outs), value)


def _row_bounds(r: dict, col: str, totals: dict) -> tuple[float, float] | None:
    """Bounds of a derived or estimated figure (issue 14: derived and estimated figures are not exact)."""
    value = float(r[col])
    if r["status"] == "derived sum" and col == "total_usd_mn":
        a, b = r["rus_exports_to_prk_usd_mn"], r["rus_imports_from_prk_usd_mn"]
        return rounding_bounds(f"{a} + {b}", value)
    if r["status"] == "derived":
        expr = re.sub(r"from (\d{4}) figure", lambda m: totals[m.group(1)], r["underlying_data"])
        return rounding_bounds(expr, value)
    if r["status"] == "stated (estimate)":
        return rounding_bounds(r[col], value)
    return None


def trade_indicators(path: Path) -> tuple[list[str], list[str]]:
    """Russia-DPRK trade by series and flow (calendar years only), and the source records."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # one source record per article URL, named after the row that states a figure from it
    sources: dict[str, dict] = {}
    for r in rows:
        if r["reported_by"] != "this report" and r["source"] not in sources and re.fullmatch(r"\d{4}", r["period"]) \
                and r["status"] in STATUS:
            m = re.search(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)$", r["reported_by"])
            outlet = r["reported_by"][: m.start()].strip() if m else r["reported_by"]
            sid = f"trade_{_slug(outlet)}" + (f"_{m.group(1).replace('-', '')}" if m else "")
            sources[r["source"]] = {"id": sid, "outlet": outlet, "date": m.group(1) if m else None,
                                 "url": r["source"], "data": r["underlying_data"]}
    series: dict[tuple[str, str], list[str]] = {}
    names: dict[str, str] = {}
    totals = {r["period"]: r["total_usd_mn"] for r in rows if r["status"] == "stated" and r["total_usd_mn"]}
    for r in rows:
        if not re.fullmatch(r"\d{4}", r["period"]) or r["status"] not in STATUS:
            continue  # part-year rows and rows without a figure stay out
        data = r["underlying_data"] if r["reported_by"] != "this report" else sources[r["source"]]["data"]
        base = next((k for k in SERIES if data.startswith(k)), None)
        if base is None:
            raise SystemExit(f"unknown series {r['underlying_data']!r}")
        key, desc = SERIES[base]
        names[key] = desc
        src = sources[r["source"]]["id"]
        for flow, col in (("total", "total_usd_mn"), ("exports", "rus_exports_to_prk_usd_mn"),
                          ("imports", "rus_imports_from_prk_usd_mn")):
            if not r[col]:
                continue
            status = STATUS[r["status"]]
            if flow != "total" and r["status"] == "derived sum":
                status = "stated"  # the flows are stated; only their sum is derived
            note_bits = [data]
            if r["reported_by"] == "this report":
                note_bits.append(f"derived by the compiler as {r['underlying_data']} ({r['notes']})")
            elif status == "derived":
                note_bits.append(f"{r['notes']} (reported by {r['reported_by']})")
            elif r["notes"] and flow == "total":
                note_bits.append(f"{r['notes']} (reported by {r['reported_by']})")
            elif flow == "total":
                note_bits.append(f"reported by {r['reported_by']}")
            bounds = _row_bounds(r, col, totals) if status != "stated" else None
            if bounds is not None:
                note_bits.append("range from the rounding of the stated figures")
            series.setdefault((key, flow), []).append(_point(int(r["period"]), float(r[col]), src, status,
                                                             "; ".join(note_bits), bounds))
    flows = {"total": "total trade", "exports": "Russian exports to North Korea",
             "imports": "Russian imports from North Korea"}
    out = []
    for (key, flow), pts in sorted(series.items()):
        out.append(_indicator(f"trade_rus_prk_{flow}_{key}", f"Russia-North Korea {flows[flow]} ({key})",
                              "USD million", ["RUS", "PRK"], key,
                              f"{flows[flow][0].upper()}{flows[flow][1:]}, {names[key]}; calendar years only. Points of different "
                              "series are not comparable and are never joined.", sorted(pts)))
    src_yaml = []
    for s in sorted(sources.values(), key=lambda s: s["id"]):
        lines = [f"  - id: {s['id']}", f"    title: {_q('Russia-North Korea trade figures (' + s['data'] + ')')}",
                 f"    outlet: {_q(s['outlet'])}", f"    url: {_q(s['url'])}", "    kind: article",
                 f"    note: {_q('Cited for trade figures via the Equipoise trade compilation (trade_rus_prk.csv); title not recorded.')}"]
        if s["date"]:
            lines.insert(3, f"    date: {s['date']}")
        src_yaml.append("\n".join(lines))
    return out, src_yaml


def build(data: Path = DATA) -> str:
    """The text of ``05_indicators.yaml``."""
    trade, srcs = trade_indicators(data / "trade_rus_prk.csv")
    parts = ["# GENERATED by tools/build_indicators.py from the shared data sets; do not edit by hand.",
             "# CINC: COW NMC v7 (source cow_nmc_v7); defence pledges: ATOP 5.1 (source atop_5_1);",
             "# Russia-North Korea trade: the articles below, one indicator per statistic (series) and flow.",
             "sources:", *srcs, "indicators:", *cinc_indicators(data / "cow_nmc_v7.csv.gz"),
             *atop_indicators(data / "atop_5_1_ddyr.csv.gz"), *trade]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
