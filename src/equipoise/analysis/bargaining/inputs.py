"""The one input of every bargaining model: actors x (position, salience, capability).

A :class:`BargainingInput` holds one issue: for each actor a position on the
issue's scale, a salience in [0, 100] (how much the issue matters to the actor)
and a non-negative capability (how much the actor can bring to bear), each with
an optional range ``[low, high]`` for Monte Carlo draws. Readers turn KTAB
scenario CSV files, a simple CSV and the DEU issue table into inputs, with
errors that name the file, the line and the column.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ...errors import ModelInputError, parse_number

__all__ = ["BargainingInput", "DeuIssue", "make_input", "read_ktab_csv", "read_simple_csv",
           "read_scenario_file", "read_deu_tsv", "sample_inputs"]


@dataclass(frozen=True)
class BargainingInput:
    """Actors' positions, saliences and capabilities on one issue.

    Attributes
    ----------
    actors : tuple of str
        Actor codes, in the order of the arrays.
    position, salience, capability : numpy.ndarray
        Point values, shape ``(n,)``. Salience is on 0-100.
    position_range, salience_range, capability_range : numpy.ndarray
        ``(n, 2)`` arrays of ``[low, high]`` (equal to the value where certain).
    scale : tuple of float
        The issue's scale ``(low, high)``; positions lie inside it.
    name : str
        The issue's name.
    reference : float or None
        The reference point (status quo) where known, e.g. DEU's ``rp``.
    """

    actors: tuple[str, ...]
    position: np.ndarray
    salience: np.ndarray
    capability: np.ndarray
    position_range: np.ndarray
    salience_range: np.ndarray
    capability_range: np.ndarray
    scale: tuple[float, float] = (0.0, 100.0)
    name: str = "issue"
    reference: float | None = None

    @property
    def n(self) -> int:
        return len(self.actors)

    @property
    def uncertain(self) -> bool:
        """Whether any value carries a range."""
        return any(bool(np.any(r[:, 0] < r[:, 1])) for r in
                   (self.position_range, self.salience_range, self.capability_range))

    def to_dict(self) -> dict:
        return {"name": self.name, "scale": list(self.scale), "reference": self.reference,
                "actors": [{"actor": a, "position": float(self.position[i]), "salience": float(self.salience[i]),
                            "capability": float(self.capability[i]),
                            "position_range": [float(v) for v in self.position_range[i]]}
                           for i, a in enumerate(self.actors)]}


def _ranges(values: np.ndarray, ranges) -> np.ndarray:
    if ranges is None:
        return np.stack([values, values], axis=1)
    out = np.asarray(ranges, dtype=float).reshape(len(values), 2)
    return out


def make_input(actors, position, salience, capability, *, position_range=None, salience_range=None,
               capability_range=None, scale=(0.0, 100.0), name: str = "issue", reference: float | None = None,
               path: str | None = None, lines: list[int] | None = None) -> BargainingInput:
    """Check values and build a :class:`BargainingInput`.

    Raises
    ------
    ModelInputError
        Fewer than two actors, positions outside ``scale``, negative or
        non-finite salience or capability, salience above 100, ranges not
        containing the value, or all weights (salience x capability) zero.
        The message names ``path`` and the actor's line where given.
    """
    actors = tuple(str(a) for a in actors)
    pos = np.asarray(position, dtype=float)
    sal = np.asarray(salience, dtype=float)
    cap = np.asarray(capability, dtype=float)
    n = len(actors)
    if n < 2:
        raise ModelInputError(f"a bargaining model needs at least two actors, got {n}", path=path, field=name)
    for arr, what in ((pos, "position"), (sal, "salience"), (cap, "capability")):
        if arr.shape != (n,):
            raise ModelInputError(f"expected {n} values of {what}, got shape {arr.shape}", path=path, field=what)
    lo, hi = float(scale[0]), float(scale[1])
    if not lo < hi:
        raise ModelInputError(f"scale must have low < high, got {scale}", path=path, field="scale")
    pr, sr, cr = _ranges(pos, position_range), _ranges(sal, salience_range), _ranges(cap, capability_range)

    def where(i: int) -> int | None:
        return lines[i] if lines else None

    for i, a in enumerate(actors):
        checks = (
            ("position", pos[i], pr[i], lo, hi),
            ("salience", sal[i], sr[i], 0.0, 100.0),
            ("capability", cap[i], cr[i], 0.0, math.inf),
        )
        for what, v, r, vlo, vhi in checks:
            if not (math.isfinite(v) and all(math.isfinite(x) or x == math.inf for x in r)):
                raise ModelInputError(f"{a}: expected a finite number, got {v!r}", path=path, line=where(i),
                                      field=what)
            if not r[0] <= v <= r[1]:
                raise ModelInputError(f"{a}: expected low <= value <= high, got {r[0]:g} <= {v:g} <= {r[1]:g}",
                                      path=path, line=where(i), field=what)
            if r[0] < vlo or r[1] > vhi:
                span = f"[{vlo:g}, {vhi:g}]" if vhi != math.inf else f"a number >= {vlo:g}"
                raise ModelInputError(f"{a}: expected {span}, got {v:g}"
                                      + (f" (range {r[0]:g}..{r[1]:g})" if r[0] < r[1] else ""),
                                      path=path, line=where(i), field=what)
    if not np.any(sal * cap > 0):
        raise ModelInputError("all weights (salience x capability) are zero; nothing to forecast",
                              path=path, field=name)
    if reference is not None and not lo <= reference <= hi:
        raise ModelInputError(f"reference point must lie in [{lo:g}, {hi:g}], got {reference:g}", path=path,
                              field="reference")
    return BargainingInput(actors, pos, sal, cap, pr, sr, cr, (lo, hi), name, reference)


def sample_inputs(inp: BargainingInput, draws: int, rng: np.random.Generator
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw ``(draws, n)`` arrays of position, salience and capability.

    Each value is drawn from a triangular distribution on its range with the
    point value as mode (a constant where the range is a point); ``draws == 0``
    gives the point values as one row.
    """
    if draws == 0:
        return inp.position[None, :], inp.salience[None, :], inp.capability[None, :]
    out = []
    for value, rng_ in ((inp.position, inp.position_range), (inp.salience, inp.salience_range),
                        (inp.capability, inp.capability_range)):
        lo, hi = rng_[:, 0], rng_[:, 1]
        u = rng.random((draws, len(value)))
        width = np.where(hi > lo, hi - lo, 1.0)
        fc = (value - lo) / width
        left = lo + np.sqrt(u * fc * width * width)     # inverse CDF, left branch
        right = hi - np.sqrt((1 - u) * (1 - fc) * width * width)
        x = np.where(u < fc, left, right)
        out.append(np.where(hi > lo, x, value))
    return out[0], out[1], out[2]


# ---------------------------------------------------------------- readers

def _read_text(path: Path) -> str:
    """The file's text (UTF-8, BOM dropped); an unreadable file raises :class:`ModelInputError`."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelInputError(f"cannot read file: {exc}", path=str(path)) from exc


def _rows(path: Path, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """Non-blank CSV rows as ``(line number, stripped cells)``, trailing blank cells dropped."""
    text = _read_text(path)
    rows = []
    for i, row in enumerate(csv.reader(text.splitlines(), delimiter=delimiter), start=1):
        while row and not row[-1].strip():
            row = row[:-1]
        if row:
            rows.append((i, [c.strip() for c in row]))
    return rows


def read_ktab_csv(path: str | Path, *, scale: tuple[float, float] = (0.0, 100.0)) -> list[BargainingInput]:
    """Read a KTAB Spatial Model of Politics scenario CSV: one input per dimension.

    The format (KAPSARC's KTAB ``smp`` examples): a title row ``name, description,
    n_actors, n_dimensions``; a header row ``Actor, Description, Influence,
    <dim> Position, <dim> Salience, ...``; one row per actor with capability
    (influence) then position/salience pairs. KTAB's actor count in the title
    row is not always the number of rows; the rows present are used.

    References
    ----------
    .. [1] KAPSARC Toolkit for Behavioral Analysis (KTAB), ``examples/smp``.
       Efird, B., Lester, L. & Wise, D. (2016). J. East Asian Studies 16, 117-145.
    """
    path = Path(path)
    return _ktab_from_rows(_rows(path), str(path), scale)


def _ktab_from_rows(rows: list[tuple[int, list[str]]], p: str, scale: tuple[float, float]) -> list[BargainingInput]:
    """:func:`read_ktab_csv` on rows already read by :func:`_rows` from the file ``p``."""
    if len(rows) < 3:
        raise ModelInputError("expected a title row, a header row and actor rows", path=p)
    (tline, title), (hline, header) = rows[0], rows[1]
    if len(title) < 4:
        raise ModelInputError("title row must hold scenario name, description, number of actors and of dimensions",
                              path=p, line=tline)
    n_dim = int(parse_number(title[-1], path=p, line=tline, field="dimensions"))
    if n_dim < 1 or len(header) < 3 + 2 * n_dim:
        raise ModelInputError(f"header must have Actor, Description, Influence and {n_dim} position/salience "
                              f"pair(s), got {len(header)} column(s)", path=p, line=hline)
    dims = [header[3 + 2 * d].replace("Position", "").strip() or f"dimension {d + 1}" for d in range(n_dim)]
    actors, caps, lines = [], [], []
    pos = [[] for _ in range(n_dim)]
    sal = [[] for _ in range(n_dim)]
    for line, row in rows[2:]:
        if len(row) < 3 + 2 * n_dim:
            raise ModelInputError(f"expected {3 + 2 * n_dim} columns, got {len(row)}", path=p, line=line)
        actors.append(row[0])
        lines.append(line)
        caps.append(parse_number(row[2], path=p, line=line, field=header[2]))
        for d in range(n_dim):
            pos[d].append(parse_number(row[3 + 2 * d], path=p, line=line, field=header[3 + 2 * d]))
            sal[d].append(parse_number(row[4 + 2 * d], path=p, line=line, field=header[4 + 2 * d]))
    return [make_input(actors, pos[d], sal[d], caps, scale=scale, name=dims[d], path=p, lines=lines)
            for d in range(n_dim)]


SIMPLE_COLUMNS = ("actor", "position", "salience", "capability")


def read_simple_csv(path: str | Path, *, scale: tuple[float, float] = (0.0, 100.0)) -> BargainingInput:
    """Read a simple CSV with columns ``actor, position, salience, capability``.

    Optional columns ``position_low``, ``position_high`` (likewise for salience
    and capability) give ranges; an optional ``issue`` column names the issue.
    """
    path = Path(path)
    return _simple_from_rows(_rows(path), str(path), path.stem, scale)


def _simple_from_rows(rows: list[tuple[int, list[str]]], p: str, name: str,
                      scale: tuple[float, float]) -> BargainingInput:
    """:func:`read_simple_csv` on rows already read by :func:`_rows` from the file ``p``; ``name`` is the
    issue's name unless an ``issue`` column gives one."""
    if not rows:
        raise ModelInputError("file is empty", path=p)
    hline, header = rows[0]
    cols = [h.lower() for h in header]
    missing = [c for c in SIMPLE_COLUMNS if c not in cols]
    if missing:
        raise ModelInputError(f"missing column(s) {', '.join(missing)}; expected {', '.join(SIMPLE_COLUMNS)}",
                              path=p, line=hline)
    ix = {c: i for i, c in enumerate(cols)}
    actors, lines, vals = [], [], {c: [] for c in SIMPLE_COLUMNS[1:]}
    rngs = {c: [] for c in SIMPLE_COLUMNS[1:]}
    for line, row in rows[1:]:
        if len(row) < len(cols):
            row = row + [""] * (len(cols) - len(row))
        actors.append(row[ix["actor"]])
        lines.append(line)
        if "issue" in ix and row[ix["issue"]]:
            name = row[ix["issue"]]
        for c in SIMPLE_COLUMNS[1:]:
            v = parse_number(row[ix[c]], path=p, line=line, field=c)
            vals[c].append(v)
            lo = parse_number(row[ix[c + "_low"]], path=p, line=line, field=c + "_low") \
                if c + "_low" in ix and row[ix[c + "_low"]] else v
            hi = parse_number(row[ix[c + "_high"]], path=p, line=line, field=c + "_high") \
                if c + "_high" in ix and row[ix[c + "_high"]] else v
            rngs[c].append((lo, hi))
    return make_input(actors, vals["position"], vals["salience"], vals["capability"],
                      position_range=rngs["position"], salience_range=rngs["salience"],
                      capability_range=rngs["capability"], scale=scale, name=name, path=p, lines=lines)


def read_scenario_file(path: str | Path) -> list[BargainingInput]:
    """Read a KTAB scenario CSV or a simple CSV (told apart by the header)."""
    path = Path(path)
    rows = _rows(path)
    if rows and {c.lower() for c in rows[0][1]} >= set(SIMPLE_COLUMNS):
        return [_simple_from_rows(rows, str(path), path.stem, (0.0, 100.0))]
    return _ktab_from_rows(rows, str(path), (0.0, 100.0))


# ---------------------------------------------------------------- DEU

@dataclass(frozen=True)
class DeuIssue:
    """One DEU issue: positions and saliences of the actors present, the reference
    point and the outcome (0-100), with the procedure and voting rule.

    ``gdp`` holds the per-actor GDP weights of the file's second row (added by
    the copier of the data, not DEU data).
    """

    id: str
    proposal: str
    name: str
    procedure: str
    rule: str
    actors: tuple[str, ...]
    position: np.ndarray
    salience: np.ndarray
    gdp: np.ndarray
    reference: float | None
    outcome: float | None
    line: int
    year: int | None = None
    extra: dict = field(default_factory=dict)

    def to_input(self, capability: np.ndarray | None = None) -> BargainingInput:
        cap = np.ones(len(self.actors)) if capability is None else capability
        return BargainingInput(self.actors, self.position, self.salience, cap,
                               np.stack([self.position] * 2, 1), np.stack([self.salience] * 2, 1),
                               np.stack([cap] * 2, 1), (0.0, 100.0), self.id, self.reference)


def read_deu_tsv(path: str | Path) -> list[DeuIssue]:
    """Read the DEU issue table (tab-separated), one :class:`DeuIssue` per row.

    Columns: ``p<actor>`` positions and ``s<actor>`` saliences on 0-100 for the
    Commission (``com``), Parliament (``ep``) and member states; ``rp`` the
    reference point; ``out`` the outcome; ``proc`` (COD, CNS, ...) and
    ``counvte`` (QMV, Unan). A blank position means the actor is absent. The
    file's second row holds GDP weights (not DEU data). An actor with a
    position but a blank salience gets salience 0 and so no weight.

    References
    ----------
    .. [1] Arregui, J. & Perarnaud, C. (2021). The DEU III dataset.
       doi:10.34810/data53. Thomson, R. et al. (2006), The European Union Decides.
    """
    path = Path(path)
    p = str(path)
    text = _read_text(path).splitlines()
    if len(text) < 3:
        raise ModelInputError("expected a header row, a GDP row and issue rows", path=p)
    header = text[0].split("\t")
    need = ["isnr", "proc", "counvte", "rp", "out", "pcom", "scom"]
    missing = [c for c in need if c not in header]
    if missing:
        raise ModelInputError(f"missing column(s) {', '.join(missing)}", path=p, line=1)
    actors = [h[1:] for h in header if h.startswith("p") and ("s" + h[1:]) in header]
    ix = {h: i for i, h in enumerate(header)}
    gdp_row = text[1].split("\t")
    gdp = np.array([parse_number(gdp_row[ix["p" + a]], path=p, line=2, field="p" + a) if ix["p" + a] < len(gdp_row)
                    and gdp_row[ix["p" + a]].strip() else 0.0 for a in actors])
    out = []
    for lineno, raw in enumerate(text[2:], start=3):
        if not raw.strip():
            continue
        row = raw.split("\t")
        row += [""] * (len(header) - len(row))

        def cell(col: str) -> str:
            return row[ix[col]].strip()

        present, pos, sal, g = [], [], [], []
        for k, a in enumerate(actors):
            if not cell("p" + a):
                continue
            v = parse_number(cell("p" + a), path=p, line=lineno, field="p" + a)
            s = parse_number(cell("s" + a), path=p, line=lineno, field="s" + a) if cell("s" + a) else 0.0
            for val, col in ((v, "p" + a), (s, "s" + a)):
                if not 0 <= val <= 100:
                    raise ModelInputError(f"expected a number in [0, 100], got {val:g}", path=p, line=lineno,
                                          field=col)
            present.append(a)
            pos.append(v)
            sal.append(s)
            g.append(gdp[k])
        rp = parse_number(cell("rp"), path=p, line=lineno, field="rp") if cell("rp") else None
        outc = parse_number(cell("out"), path=p, line=lineno, field="out") if cell("out") else None
        year = None
        if "intro" in ix and cell("intro")[-2:].isdigit():
            yy = int(cell("intro")[-2:])
            year = 1900 + yy if yy > 50 else 2000 + yy
        out.append(DeuIssue(cell("isnr"), cell("prnr") if "prnr" in ix else "", cell("prname") if "prname" in ix
                            else "", cell("proc"), cell("counvte"), tuple(present), np.array(pos), np.array(sal),
                            np.array(g), rp, outc, lineno, year))
    return out
