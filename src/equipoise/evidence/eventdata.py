"""Event-data readers and the one event table (partitioned Parquet, queried with DuckDB).

Readers turn each format into batches of the event table (:data:`EVENT_SCHEMA`):
``date``, ``source``, ``target`` (ISO alpha-3 country codes), ``code`` (CAMEO),
``root`` (two-digit CAMEO root), ``quad`` (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict), ``goldstein``, ``plover``
(PLOVER category where the source gives one), ``document``, ``locator``,
``dataset`` and the partition key ``year``. Files stream in blocks (pyarrow's
incremental CSV reader); no reader holds a whole file in memory.

Formats
-------
- **GDELT 1.0** events (57 tab-separated columns in the 1979-2013 back files, 58
  in the daily files from April 2013, which add ``SOURCEURL``) and **GDELT 2.0**
  (61 columns: each of the three geography blocks gains ``ADM2Code``, and
  ``DATEADDED`` becomes a timestamp). No header. Fields used: 0 ``GLOBALEVENTID``
  (locator), 1 ``SQLDATE``, 7/17 ``Actor1/2CountryCode``, 26 ``EventCode``, 29
  ``QuadClass``, 30 ``GoldsteinScale`` and the last column ``SOURCEURL``
  (document; the event id in 57-column files). Column layout from the GDELT
  event codebooks (GDELT 1.0 Event Database codebook V1.03, 2013; GDELT 2.0
  Event Database codebook V2.0, 2015).
- **ICEWS** as published on the Harvard Dataverse (tab-separated with a header):
  ``Event Date``, ``Source Country``, ``Target Country`` (country names),
  ``CAMEO Code``, ``Intensity`` (Goldstein), ``Story ID``, ``Sentence Number``.
- **PLOVER / POLECAT** records, JSON (a list or one object a line) or
  tab-separated with a header. Field names are matched without regard to case,
  spaces or underscores: date (``event_date``/``date``/``story_date``), category
  (``event_type``/``event``), source (``actor_country``/``source_country``/
  ``source``), target (``recipient_country``/``target_country``/``target``),
  ``intensity``, ``quad_code``, document (``story_id``/``doc``/``id``), locator
  (``sentence_id``/``sentence``/``event_id``). Countries as alpha-3 codes or
  names. A PLOVER category maps to a CAMEO root by the crosswalk
  :data:`PLOVER_TO_CAMEO` (ours, by analogy of definitions) so both families
  share quad classes and Goldstein weights.
- **Equipoise** extraction output (``equipoise extract`` JSON lines) and the
  evidence store (latest version of each document).

Bad rows — a wrong column count, an unknown country code or name, an
unparseable date, code, quad class or Goldstein value — are counted and the
first few reported with file and line; good rows are kept. Rows without a
country on either side (non-state actors) are not bad; they are counted as
``dropped``. A file that cannot be read to its end (a truncated archive) fails
its import, and :meth:`EventTable.import_files` then leaves the table as it was.

De-duplication follows the Phoenix pipeline: one event per (date, source,
target, code), keeping the smallest document and locator (deterministic).

References
----------
.. [1] Leetaru, K. & Schrodt, P. A. (2013). GDELT: Global Data on Events,
   Location and Tone, 1979-2012. ISA Annual Convention.
.. [2] Boschee, E. et al. (2015). ICEWS Coded Event Data. Harvard Dataverse,
   doi:10.7910/DVN/28075.
.. [3] Halterman, A. et al. (2023). PLOVER and POLECAT: A New Political Event
   Ontology and Dataset. doi:10.31235/osf.io/rm5dw
.. [4] Beieler, J., Brandt, P. T., Halterman, A., Schrodt, P. A. & Simpson, E. M.
   (2016). Generating Political Event Data in Near Real Time (Phoenix). In
   Computational Social Science, Cambridge University Press.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import uuid
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from ..errors import EvidenceError
from .cameo import lookup, quad_class
from .votes import BadRows

__all__ = ["EVENT_SCHEMA", "GDELT_FIELDS", "PLOVER_TO_CAMEO", "INPUTS", "ImportResult", "EventTable", "read_gdelt",
           "read_icews", "read_plover", "read_extraction", "read_store", "country_code", "read_events"]

EVENT_SCHEMA = pa.schema([
    ("date", pa.date32()), ("source", pa.string()), ("target", pa.string()), ("code", pa.string()),
    ("root", pa.int8()), ("quad", pa.int8()), ("goldstein", pa.float32()), ("plover", pa.string()),
    ("document", pa.string()), ("locator", pa.string()), ("dataset", pa.string()), ("year", pa.int16()),
])
# column count -> index of (event id, date, actor 1 country, actor 2 country, event code, quad, goldstein, url)
GDELT_FIELDS = {57: (0, 1, 7, 17, 26, 29, 30, None), 58: (0, 1, 7, 17, 26, 29, 30, 57),
                61: (0, 1, 7, 17, 26, 29, 30, 60)}
PLOVER_TO_CAMEO = {"AGREE": "05", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06", "AID": "07",
                   "RETREAT": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13",
                   "PROTEST": "14", "SANCTION": "16", "MOBILIZE": "15", "COERCE": "17", "ASSAULT": "18"}
# CAMEO regional and non-ISO country codes, known but not states
_CAMEO_EXTRA = {"AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MEA",
                "MDE", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WEU", "WST", "ROM", "SUN",
                "KSV", "TMP", "HKG", "TWN"}
_NAMES = {"russia": "RUS", "russian federation": "RUS", "soviet union": "RUS", "ussr": "RUS",
          "north korea": "PRK", "dprk": "PRK", "democratic people's republic of korea": "PRK",
          "south korea": "KOR", "republic of korea": "KOR", "korea": "KOR", "taiwan": "TWN", "iran": "IRN",
          "syria": "SYR", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA",
          "moldova": "MDA", "united states": "USA", "united kingdom": "GBR", "czech republic": "CZE",
          "occupied palestinian territory": "PSE", "palestine": "PSE", "macedonia": "MKD", "kosovo": "KSV",
          "congo, democratic republic of": "COD", "democratic republic of congo": "COD", "ivory coast": "CIV",
          "cote d'ivoire": "CIV", "turkey": "TUR", "brunei": "BRN", "burma": "MMR", "swaziland": "SWZ"}


@lru_cache(maxsize=1)
def _alpha3() -> frozenset[str]:
    import pycountry
    return frozenset(c.alpha_3 for c in pycountry.countries) | _CAMEO_EXTRA


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-3 code for a country code or name; ``""`` for an empty field; ``None`` if unknown.

    >>> country_code("Russian Federation"), country_code("PRK"), country_code(""), country_code("Narnia")
    ('RUS', 'PRK', '', None)
    """
    t = (text or "").strip()
    if not t:
        return ""
    if t.upper() in _alpha3():
        return t.upper()
    if t.lower() in _NAMES:
        return _NAMES[t.lower()]
    import pycountry
    try:
        return pycountry.countries.lookup(t).alpha_3
    except LookupError:
        return None


@dataclass
class ImportResult:
    """What an import read: rows kept, rows dropped (no country), bad rows, files."""

    rows: int = 0
    dropped: int = 0
    bad: BadRows = field(default_factory=BadRows)
    files: list[str] = field(default_factory=list)

    def summary(self) -> str:
        s = f"{self.rows} events from {len(self.files)} file(s); {self.dropped} without two countries dropped; " \
            f"{self.bad.count} bad row(s)"
        return s + "".join(f"\n  {m}" for m in self.bad.messages)

    def to_dict(self) -> dict:
        return {"rows": self.rows, "dropped": self.dropped, "bad": self.bad.to_dict(), "files": list(self.files)}


# ---------------------------------------------------------------- helpers

def _open_binary(path: Path):
    if not path.is_file():
        raise EvidenceError("no such file", path=str(path))
    if path.suffix.lower() == ".zip":
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if not n.endswith("/")]
        if not names:
            raise EvidenceError("empty zip archive", path=str(path))
        return zf.open(names[0])
    return pa.input_stream(str(path), compression="detect")


def _first_line(path: Path) -> str:
    with _open_binary(path) as fh:
        raw = fh.read(1 << 16)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.split("\n", 1)[0].rstrip("\r")


def _table(cols: dict, n: int, dataset: str) -> pa.Table:
    date = cols["date"]
    year = pc.cast(pc.year(date), pa.int16())
    code = cols["code"]
    root = pc.cast(pc.utf8_slice_codeunits(code, 0, 2), pa.int8())
    arrays = {"date": date, "source": cols["source"], "target": cols["target"], "code": code, "root": root,
              "quad": cols["quad"], "goldstein": cols["goldstein"],
              "plover": cols.get("plover", pa.nulls(n, pa.string())), "document": cols["document"],
              "locator": cols["locator"], "dataset": pa.repeat(pa.scalar(dataset, pa.string()), n), "year": year}
    return pa.table(arrays, schema=EVENT_SCHEMA)


def _countries(arr: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Map a string array of codes/names to alpha-3 (``""`` empty) and a mask of unknown values."""
    arr = pc.fill_null(arr, "")
    uniq = pc.unique(arr).to_pylist()
    mapping = {u: country_code(u) for u in uniq}
    keys = pa.array(list(mapping), pa.string())
    vals = pa.array([("" if v is None else v) for v in mapping.values()], pa.string())
    unknown = pa.array([v is None for v in mapping.values()], pa.bool_())
    idx = pc.index_in(arr, value_set=keys)
    return pc.take(vals, idx), pc.take(unknown, idx)


_NUM = r"^\s*-?\d+(\.\d*)?\s*$"
_QUADS = pa.array(["1", "2", "3", "4"])


def _is_code(arr: pa.Array) -> pa.Array:
    """CAMEO code: two to four digits."""
    n = pc.utf8_length(arr)
    return pc.and_(pc.utf8_is_digit(arr), pc.and_(pc.greater_equal(n, 2), pc.less_equal(n, 4)))


def _numbers(arr: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(mask of valid numbers, float32 values with 0 where invalid); one cast when all are valid."""
    try:
        v = pc.cast(arr, pa.float32())
        ok = pc.is_finite(v)
        return ok, pc.if_else(ok, v, pa.scalar(0.0, pa.float32()))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        ok = pc.match_substring_regex(arr, _NUM)
        return ok, pc.cast(pc.if_else(ok, arr, "0"), pa.float32())


def _finish(cols: dict, bad_masks: list[tuple[pa.Array, str]], res: ImportResult, dataset: str,
            note: Callable[[int, str], None]) -> pa.Table | None:
    """Drop bad rows (reporting the first ones) and rows without two countries; build the table."""
    n = len(cols["source"])
    any_bad = pa.array([False] * n)
    for mask, why in bad_masks:
        mask = pc.fill_null(mask, True)
        new = pc.and_(mask, pc.invert(any_bad))
        k = pc.sum(new).as_py() or 0
        if k:
            first = [i for i, v in enumerate(new.to_pylist()) if v][: res.bad.limit]
            for i in first:
                note(i, why)
            res.bad.count += k - len(first)
        any_bad = pc.or_(any_bad, mask)
    empty = pc.or_(pc.equal(cols["source"], ""), pc.equal(cols["target"], ""))
    keep = pc.and_(pc.invert(any_bad), pc.invert(empty))
    res.dropped += (pc.sum(pc.and_(pc.invert(any_bad), empty)).as_py() or 0)
    cols = {k: pc.filter(v, keep) for k, v in cols.items()}
    m = len(cols["source"])
    if not m:
        return None
    safe = {"date": cols["date"], "source": cols["source"], "target": cols["target"], "code": cols["code"],
            "quad": pc.cast(cols["quad"], pa.int8()), "goldstein": pc.cast(cols["goldstein"], pa.float32()),
            "document": cols["document"], "locator": cols["locator"]}
    if "plover" in cols:
        safe["plover"] = cols["plover"]
    res.rows += m
    return _table(safe, m, dataset)


def _stream(path: Path, names: list[str], include: list[str], *, header: bool, res: ImportResult,
            invalid: list[str]) -> Iterator[pa.RecordBatch]:
    def handler(row) -> str:
        res.bad.count += 1
        if len(invalid) < res.bad.limit:
            invalid.append(row.text)
            res.bad.count -= 1  # re-counted with its line once located
        return "skip"
    ro = pcsv.ReadOptions(column_names=None if header else names, block_size=8 << 20,
                          autogenerate_column_names=False)
    po = pcsv.ParseOptions(delimiter="\t", quote_char=False, invalid_row_handler=handler, newlines_in_values=False)
    co = pcsv.ConvertOptions(include_columns=include, column_types={c: pa.string() for c in include},
                             strings_can_be_null=False, quoted_strings_can_be_null=False)
    try:
        with _open_binary(path) as fh:
            reader = pcsv.open_csv(fh, read_options=ro, parse_options=po, convert_options=co)
            for batch in reader:
                yield batch
    except (pa.ArrowInvalid, OSError, EOFError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise EvidenceError(f"cannot read to the end (truncated or corrupt?): {str(exc).splitlines()[0]}",
                            path=str(path)) from exc


class _Lines:
    """Line numbers for bad rows. pyarrow skips rows with a wrong column count without their number, so
    once one is seen, later bad rows are located by one scan of the file after the stream ends."""

    def __init__(self, path: Path, res: ImportResult, header: int):
        self.path, self.res, self.header = path, res, header
        self.invalid: list[str] = []
        self.pending: list[tuple[int, str]] = []  # (index among well-formed rows, why)
        self.seen = 0

    def note(self, base: int, skipped: int):
        def f(i: int, why: str) -> None:
            if not skipped:
                self.res.bad.add(self.path, self.header + base + i + 1, why)
            else:
                self.res.bad.count += 1
                if len(self.pending) < self.res.bad.limit:
                    self.pending.append((base + i, why))
        return f

    def locate(self, expected: int) -> None:
        if not self.invalid and not self.pending:
            return
        texts, pending = list(self.invalid), dict(self.pending)
        self.res.bad.count -= len(self.pending)
        good = 0
        with _open_binary(self.path) as fh:
            for i, raw in enumerate(io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline=""), start=1):
                if i <= self.header:
                    continue
                line = raw.rstrip("\r\n")
                ncol = line.count("\t") + 1
                if ncol != expected:
                    if texts and line == texts[0]:
                        self.res.bad.add(self.path, i, f"expected {expected} tab-separated columns, got {ncol}")
                        texts.pop(0)
                else:
                    if good in pending:
                        self.res.bad.add(self.path, i, pending.pop(good))
                    good += 1
                if not texts and not pending:
                    break
        for t in texts:  # not found again (e.g. a decoding difference): still counted
            self.res.bad.add(self.path, None, f"a row with a wrong column count: {t[:40]!r}")
        for why in pending.values():
            self.res.bad.add(self.path, None, why)


# ---------------------------------------------------------------- readers

def read_gdelt(path, res: ImportResult, *, dataset: str = "gdelt") -> Iterator[pa.Table]:
    """Stream a GDELT 1.0 (57/58 columns) or 2.0 (61 columns) event file as event-table batches."""
    path = Path(path)
    first = _first_line(path)
    ncol = first.count("\t") + 1
    if ncol not in GDELT_FIELDS:
        raise EvidenceError(f"expected a GDELT event file with 57, 58 (1.0) or 61 (2.0) tab-separated columns, "
                            f"got {ncol}", path=str(path), line=1)
    eid, dte, a1, a2, code, quad, gold, url = GDELT_FIELDS[ncol]
    names = [f"c{i}" for i in range(ncol)]
    include = [names[i] for i in (eid, dte, a1, a2, code, quad, gold) + ((url,) if url is not None else ())]
    lines = _Lines(path, res, 0)
    for batch in _stream(path, names, include, header=False, res=res, invalid=lines.invalid):
        note = lines.note(lines.seen, len(lines.invalid))
        lines.seen += batch.num_rows
        dates = pc.cast(pc.strptime(batch[names[dte]], format="%Y%m%d", unit="s", error_is_null=True), pa.date32())
        src, src_bad = _countries(batch[names[a1]])
        tgt, tgt_bad = _countries(batch[names[a2]])
        cd, qd = batch[names[code]], batch[names[quad]]
        ok_quad = pc.is_in(qd, value_set=_QUADS)
        gold_ok, gold_v = _numbers(batch[names[gold]])
        cols = {"date": dates, "source": src, "target": tgt, "code": cd, "quad": pc.if_else(ok_quad, qd, "0"),
                "goldstein": gold_v, "document": batch[names[url]] if url is not None else batch[names[eid]],
                "locator": batch[names[eid]]}
        masks = [(pc.is_null(dates), "SQLDATE: expected a date YYYYMMDD"),
                 (src_bad, "Actor1CountryCode: unknown country code"),
                 (tgt_bad, "Actor2CountryCode: unknown country code"),
                 (pc.invert(_is_code(cd)), "EventCode: expected a CAMEO code"),
                 (pc.invert(ok_quad), "QuadClass: expected 1-4"),
                 (pc.invert(gold_ok), "GoldsteinScale: expected a number")]
        t = _finish(cols, masks, res, dataset, note)
        if t is not None:
            yield t
    lines.locate(ncol)


_ICEWS = {"date": "Event Date", "source": "Source Country", "target": "Target Country", "code": "CAMEO Code",
          "goldstein": "Intensity", "document": "Story ID", "locator": "Sentence Number"}


def read_icews(path, res: ImportResult, *, dataset: str = "icews") -> Iterator[pa.Table]:
    """Stream an ICEWS Dataverse TSV (header row with named columns) as event-table batches."""
    path = Path(path)
    header = _first_line(path).split("\t")
    missing = [c for c in _ICEWS.values() if c not in header]
    if missing:
        raise EvidenceError(f"not an ICEWS file: missing column(s) {', '.join(missing)}", path=str(path), line=1)
    lines = _Lines(path, res, 1)
    for batch in _stream(path, header, list(_ICEWS.values()), header=True, res=res, invalid=lines.invalid):
        note = lines.note(lines.seen, len(lines.invalid))
        lines.seen += batch.num_rows
        dates = pc.cast(pc.strptime(batch[_ICEWS["date"]], format="%Y-%m-%d", unit="s", error_is_null=True),
                        pa.date32())
        src, src_bad = _countries(batch[_ICEWS["source"]])
        tgt, tgt_bad = _countries(batch[_ICEWS["target"]])
        cd = batch[_ICEWS["code"]]
        ok_code = pc.match_substring_regex(cd, r"^\d{2,4}$")
        quad = pc.if_else(ok_code, pc.cast(pc.utf8_slice_codeunits(cd, 0, 2), pa.string()), "01")
        quad = pa.array([quad_class(q) for q in quad.to_pylist()], pa.int8())
        gold = batch[_ICEWS["goldstein"]]
        cols = {"date": dates, "source": src, "target": tgt, "code": cd, "quad": quad,
                "goldstein": pc.if_else(pc.match_substring_regex(gold, _NUM), gold, "0"),
                "document": batch[_ICEWS["document"]], "locator": batch[_ICEWS["locator"]]}
        masks = [(pc.is_null(dates), "Event Date: expected YYYY-MM-DD"),
                 (src_bad, "Source Country: unknown country name"), (tgt_bad, "Target Country: unknown country name"),
                 (pc.invert(ok_code), "CAMEO Code: expected a CAMEO code"),
                 (pc.invert(pc.match_substring_regex(gold, _NUM)), "Intensity: expected a number")]
        t = _finish(cols, masks, res, dataset, note)
        if t is not None:
            yield t
    lines.locate(len(header))


def _norm(key: str) -> str:
    return re.sub(r"[\s_]+", "", key.lower())


_PLOVER_KEYS = {"date": ("eventdate", "date", "storydate"), "category": ("eventtype", "event", "plover"),
                "source": ("actorcountry", "sourcecountry", "source", "actor"),
                "target": ("recipientcountry", "targetcountry", "target", "recipient"),
                "intensity": ("intensity",), "quad": ("quadcode", "quad"),
                "document": ("storyid", "doc", "document", "id"), "locator": ("sentenceid", "sentence", "eventid", "id")}


def _json_lines(fh):
    """(line number, record) for each non-blank line of a JSON-lines file; ``None`` for a line that
    is not JSON (the caller counts it as a bad row with its line)."""
    for i, line in enumerate(fh, start=1):
        if line.strip():
            try:
                yield i, json.loads(line)
            except json.JSONDecodeError:
                yield i, None


def _plover_rows(path: Path) -> Iterator[tuple[int, dict]]:
    if path.suffix.lower() in (".json", ".jsonl", ".ndjson"):
        with open(path, encoding="utf-8") as fh:
            head = fh.read(1).lstrip()
            fh.seek(0)
            if head == "[":
                try:
                    data = json.load(fh)
                except json.JSONDecodeError as exc:
                    raise EvidenceError(f"invalid JSON: {exc.msg}", path=str(path), line=exc.lineno) from exc
                yield from ((i + 1, r) for i, r in enumerate(data))
                return
            yield from _json_lines(fh)
        return
    import csv
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rd, None)
        if header is None:
            raise EvidenceError("empty file; expected a header row", path=str(path))
        for i, r in enumerate(rd, start=2):
            yield i, (dict(zip(header, r)) if len(r) == len(header) else {"__columns__": (len(header), len(r))})


def _pick(rec: dict, keys: tuple[str, ...]):
    flat = {}
    for k, v in rec.items():
        if isinstance(v, dict):  # nested actor records: {"actor": {"country": ...}}
            for k2, v2 in v.items():
                flat.setdefault(_norm(k) + _norm(k2), v2)
                if _norm(k2) == "country":
                    flat.setdefault(_norm(k), v2)
        else:
            flat[_norm(k)] = v
    for k in keys:
        if flat.get(k) not in (None, ""):
            return flat[k]
    return None


def _rows_to_table(rows: list[dict], dataset: str) -> pa.Table:
    n = len(rows)
    cols = {k: pa.array([r[k] for r in rows], t) for k, t in
            (("date", pa.date32()), ("source", pa.string()), ("target", pa.string()), ("code", pa.string()),
             ("quad", pa.int8()), ("goldstein", pa.float32()), ("plover", pa.string()), ("document", pa.string()),
             ("locator", pa.string()))}
    return _table(cols, n, dataset)


def _record_rows(path: Path, records: Iterable[tuple[int, dict | None]], res: ImportResult, dataset: str,
                 convert: Callable[[dict], list[dict]], batch: int = 50_000) -> Iterator[pa.Table]:
    buf: list[dict] = []
    for line, rec in records:
        if rec is None:
            res.bad.add(path, line, "expected a JSON object")
            continue
        if "__columns__" in rec:
            exp, got = rec["__columns__"]
            res.bad.add(path, line, f"expected {exp} tab-separated columns, got {got}")
            continue
        try:
            out = convert(rec)
        except ValueError as exc:
            res.bad.add(path, line, str(exc))
            continue
        if not out:
            res.dropped += 1
        buf.extend(out)
        if len(buf) >= batch:
            res.rows += len(buf)
            yield _rows_to_table(buf, dataset)
            buf = []
    if buf:
        res.rows += len(buf)
        yield _rows_to_table(buf, dataset)


def _date(value, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"{what}: expected a date YYYY-MM-DD, got {value!r}") from None


def _pair(src, tgt) -> tuple[str, str] | None:
    s, t = country_code(str(src or "")), country_code(str(tgt or ""))
    if s is None:
        raise ValueError(f"source: unknown country {src!r}")
    if t is None:
        raise ValueError(f"target: unknown country {tgt!r}")
    return None if not s or not t else (s, t)


def read_plover(path, res: ImportResult, *, dataset: str = "plover") -> Iterator[pa.Table]:
    """Read PLOVER/POLECAT records (JSON, JSON lines or TSV) as event-table batches."""
    path = Path(path)
    if not path.is_file():
        raise EvidenceError("no such file", path=str(path))

    def convert(rec: dict) -> list[dict]:
        pair = _pair(_pick(rec, _PLOVER_KEYS["source"]), _pick(rec, _PLOVER_KEYS["target"]))
        d = _date(_pick(rec, _PLOVER_KEYS["date"]), "date")
        cat = str(_pick(rec, _PLOVER_KEYS["category"]) or "").strip().upper()
        if cat not in PLOVER_TO_CAMEO:
            raise ValueError(f"event_type: expected a PLOVER category ({', '.join(PLOVER_TO_CAMEO)}), got {cat!r}")
        if pair is None:
            return []
        code = PLOVER_TO_CAMEO[cat]
        inten = _pick(rec, _PLOVER_KEYS["intensity"])
        try:
            g = float(inten) if inten not in (None, "") else lookup(code).goldstein
        except ValueError:
            raise ValueError(f"intensity: expected a number, got {inten!r}") from None
        return [{"date": d, "source": pair[0], "target": pair[1], "code": code, "quad": quad_class(code),
                 "goldstein": g, "plover": cat, "document": str(_pick(rec, _PLOVER_KEYS["document"]) or path.name),
                 "locator": str(_pick(rec, _PLOVER_KEYS["locator"]) or "")}]
    yield from _record_rows(path, _plover_rows(path), res, dataset, convert)


def read_extraction(path, res: ImportResult, *, dataset: str = "equipoise") -> Iterator[pa.Table]:
    """Read ``equipoise extract`` JSON lines (one document a line) as event-table batches."""
    path = Path(path)
    if not path.is_file():
        raise EvidenceError("no such file", path=str(path))

    def records():
        with open(path, encoding="utf-8") as fh:
            yield from _json_lines(fh)

    def convert(doc: dict) -> list[dict]:
        if "sentences" not in doc:
            raise ValueError("expected an extraction record with 'sentences'")
        out = []
        for s in doc["sentences"]:
            for e in s.get("events", []):
                pair = _pair(e.get("source"), e.get("target"))
                when = e.get("date") or doc.get("doc_date")
                if pair is None or not when:
                    continue
                d = _date(when, "events.date")
                code = str(e.get("code", ""))
                if not re.fullmatch(r"\d{2,4}", code):
                    raise ValueError(f"events.code: expected a CAMEO code, got {code!r}")
                out.append({"date": d, "source": pair[0], "target": pair[1], "code": code,
                            "quad": int(e.get("quad") or quad_class(code)),
                            "goldstein": float(e.get("goldstein") if e.get("goldstein") is not None
                                               else lookup(code).goldstein),
                            "plover": None, "document": str(doc.get("doc", path.name)),
                            "locator": f"{int(s.get('paragraph', 0)) + 1}:{int(s.get('sentence', 0)) + 1}"})
        return out
    yield from _record_rows(path, records(), res, dataset, convert)


def read_store(url: str, res: ImportResult, *, dataset: str = "store") -> Iterator[pa.Table]:
    """Read the events of the latest version of every document in an Equipoise evidence store."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from .store import DocumentRow, EventRow, EvidenceStore, SentenceRow, VersionRow
    with EvidenceStore(url) as st, Session(st.engine) as s:
        latest = (select(VersionRow.document_id, func.max(VersionRow.version).label("v"))
                  .group_by(VersionRow.document_id).subquery())
        q = (select(EventRow.source, EventRow.target, EventRow.code, EventRow.goldstein, EventRow.quad, EventRow.date,
                    VersionRow.doc_date, DocumentRow.name, SentenceRow.paragraph, SentenceRow.in_paragraph)
             .join(SentenceRow, SentenceRow.id == EventRow.sentence_id)
             .join(VersionRow, VersionRow.id == SentenceRow.version_id)
             .join(latest, (latest.c.document_id == VersionRow.document_id) & (latest.c.v == VersionRow.version))
             .join(DocumentRow, DocumentRow.id == VersionRow.document_id))

        def records():
            for i, r in enumerate(s.execute(q), start=1):
                yield i, r._asdict()

        def convert(r: dict) -> list[dict]:
            pair = _pair(r["source"], r["target"])
            when = r["date"] or (r["doc_date"].isoformat() if r["doc_date"] else None)
            if pair is None or not when:
                return []
            code = str(r["code"])
            return [{"date": _date(when, "date"), "source": pair[0], "target": pair[1], "code": code,
                     "quad": int(r["quad"] or quad_class(code)),
                     "goldstein": float(r["goldstein"] if r["goldstein"] is not None else lookup(code).goldstein),
                     "plover": None, "document": r["name"], "locator": f"{r['paragraph'] + 1}:{r['in_paragraph'] + 1}"}]
        yield from _record_rows(Path(url), records(), res, dataset, convert)


INPUTS = {"gdelt": read_gdelt, "icews": read_icews, "plover": read_plover, "equipoise": read_extraction,
          "store": read_store}


def read_events(kind: str, path, res: ImportResult) -> Iterator[pa.Table]:
    """Dispatch to the reader for ``kind`` (one of :data:`INPUTS`)."""
    if kind not in INPUTS:
        raise EvidenceError(f"unknown input {kind!r}; expected one of {', '.join(INPUTS)}", field="--input")
    return INPUTS[kind](path if kind == "store" else Path(path), res)


# ---------------------------------------------------------------- the table

class EventTable:
    """A folder of Parquet files partitioned by year (``year=YYYY/``), queried with DuckDB.

    Imports are all or nothing: files are written to a staging folder and moved
    in only when every input was read to its end.
    """

    def __init__(self, root, *, memory_limit: str = "1GB"):
        self.root = Path(root)
        self.memory_limit = memory_limit  # DuckDB spills to a temporary folder beyond this

    @property
    def glob(self) -> str:
        return str(self.root / "year=*" / "*.parquet")

    def files(self) -> list[Path]:
        return sorted(self.root.glob("year=*/*.parquet"))

    def import_files(self, paths, kind: str) -> ImportResult:
        """Read ``paths`` with the ``kind`` reader and add their events; on any failure add nothing."""
        import pyarrow.dataset as ds
        res = ImportResult()
        self.root.mkdir(parents=True, exist_ok=True)
        stage = self.root / f".staging-{uuid.uuid4().hex}"
        tag = uuid.uuid4().hex[:12]

        def batches():
            for p in paths:
                res.files.append(str(p))
                for t in read_events(kind, p, res):
                    yield from t.to_batches()
        try:
            ds.write_dataset(batches(), stage, schema=EVENT_SCHEMA, format="parquet",
                             partitioning=ds.partitioning(pa.schema([("year", pa.int16())]), flavor="hive"),
                             basename_template=f"part-{tag}-{{i}}.parquet", existing_data_behavior="error",
                             max_rows_per_file=4_000_000, max_rows_per_group=131_072)
            for f in sorted(stage.rglob("*.parquet")):
                dest = self.root / f.relative_to(stage)
                dest.parent.mkdir(parents=True, exist_ok=True)
                f.replace(dest)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        return res

    def connect(self):
        """A DuckDB connection with the view ``events`` (empty when the table has no file yet)."""
        import tempfile

        import duckdb
        con = duckdb.connect(config={"memory_limit": self.memory_limit, "preserve_insertion_order": False,
                                     "temp_directory": str(Path(tempfile.gettempdir()) / "equipoise-duckdb")})
        if self.files():
            con.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet('{self.glob}', hive_partitioning=true, "
                        "union_by_name=true)")
        else:
            cols = ", ".join(f"NULL::{t} AS {n}" for n, t in (
                ("date", "DATE"), ("source", "VARCHAR"), ("target", "VARCHAR"), ("code", "VARCHAR"),
                ("root", "TINYINT"), ("quad", "TINYINT"), ("goldstein", "FLOAT"), ("plover", "VARCHAR"),
                ("document", "VARCHAR"), ("locator", "VARCHAR"), ("dataset", "VARCHAR"), ("year", "SMALLINT")))
            con.execute(f"CREATE VIEW events AS SELECT {cols} WHERE false")
        con.execute("""CREATE VIEW dedup AS
            SELECT date, source, target, code, min(root) AS root, min(quad) AS quad, min(goldstein) AS goldstein,
                   min(plover) AS plover, min(document) AS document, min(locator) AS locator, count(*) AS copies
            FROM events GROUP BY date, source, target, code""")
        return con
