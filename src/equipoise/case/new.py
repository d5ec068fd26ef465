"""Start a case of one's own: :func:`new_case` writes a minimal valid case folder.

The case holds the named actors (names from the package gazetteer, else ISO 3166
via ``pycountry`` when installed, else the code), one open period, and a neutral
relation (0, range -1 to 1: "not yet coded") for each pair of actors, so every
analysis runs from the start and the report says what is still to be coded. The
file carries comments showing how to add sources, events, indicators and issues;
the full reference is ``docs/case-format.md`` (``equipoise case schema``).
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations
from pathlib import Path

from ..errors import EquipoiseError
from .loader import load_case, write_text_atomic
from .models import FuzzyDate

__all__ = ["actor_name", "new_case", "case_yaml"]

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,11}$")


def actor_name(code: str) -> str:
    """A readable name for an actor code: the gazetteer's state name, else ISO 3166, else the code."""
    from importlib import resources

    import yaml
    data = yaml.safe_load(resources.files("equipoise.evidence").joinpath("data", "gazetteer.yaml").read_text("utf-8"))
    for entry in data.get("actors", []):
        if entry.get("code") == code and entry.get("kind") in ("state", "organisation", "forum"):
            return entry["name"]
    try:
        import pycountry
    except ImportError:  # optional: names then stay codes until the analyst edits them
        return code
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or country.name if country else code


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def case_yaml(name: str, actors: list[str], *, start: str) -> str:
    """The text of a minimal valid case named ``name`` with ``actors`` and one period from ``start``."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "case"
    title = " – ".join(actor_name(a) for a in actors) if actors else name
    lines = [
        f"# {name}: a case started with `equipoise case new`. Edit it, then run",
        "#   equipoise case validate THIS_FOLDER && equipoise report THIS_FOLDER",
        "# The format reference is docs/case-format.md (or: equipoise case schema).",
        "case:",
        f"  id: {_q(slug)}",
        f"  title: {_q(title)}",
        f"  description: {_q('A case of ' + (', '.join(actor_name(a) for a in actors) or name) + '; to be written.')}",
        "",
        "# Sources: one record per document you cite. Save a copy of each and add it to the",
        "# evidence store with `equipoise ingest FILE`; evidence locators read source:paragraph:sentence.",
        "sources: []",
        "#  - {id: smith2024, author: Jane Smith, title: A title, outlet: An outlet, date: 2024-05,",
        "#     url: https://example.org/article}",
        "",
        "actors:",
    ]
    lines += [f"  - {{code: {a}, name: {_q(actor_name(a))}}}" for a in actors]
    lines += [
        "",
        "# Periods of one sequence must not overlap; dates at their precision (2024, 2024-05, 2024-05-17).",
        "periods:",
        f"  - {{id: now, name: {_q('Current period')}, start: {start}}}",
        "",
        "# Events: CAMEO-coded, e.g.",
        "#  - {id: summit1, date: 2024-05-17, source: [RUS], target: [CHN], code: '036',",
        "#     description: Leaders meet in Beijing, evidence: [smith2024:2:1]}",
        "events: []",
        "",
        "# Relations: signed strength in [-1, 1] for each pair in a period. Each starts at 0 with",
        "# the full range [-1, 1], i.e. not yet coded: set value, range, kind and evidence.",
        "relations:",
    ]
    for a, b in combinations(actors, 2):
        lines += [f"  - actors: [{a}, {b}]", "    period: now",
                  "    value: {value: 0, range: [-1, 1]}", "    kind: neutral",
                  f"    note: {_q('not yet coded')}"]
    if len(actors) < 2:
        lines[-1] = "relations: []"
    lines += ["", "# Indicators, issues, claims and games: see docs/case-format.md.", ""]
    return "\n".join(lines)


def new_case(name: str, actors: list[str], output: str | Path = ".", *, start: str | None = None,
             force: bool = False) -> Path:
    """Write ``output/NAME/case.yaml`` (and an empty ``scenarios/`` folder) and check it loads.

    Parameters
    ----------
    name : str
        The case's name; also its folder name.
    actors : list of str
        Actor codes (ISO 3166 alpha-3 for states); duplicates are dropped.
    output : path
        The folder in which ``NAME/`` is created.
    start : str, optional
        First date of the case's one period (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``);
        default 1 January of the current year.
    force : bool
        Overwrite an existing ``case.yaml``.

    Returns
    -------
    Path
        The ``case.yaml`` written.
    """
    if not name or "/" in name or name in (".", ".."):
        raise EquipoiseError(f"case name must be a plain folder name, got {name!r}")
    codes = list(dict.fromkeys(a.strip().upper() for a in actors if a.strip()))
    if not codes:
        raise EquipoiseError("name at least one actor: --actors IRN RUS CHN")
    bad = [c for c in codes if not _CODE.match(c)]
    if bad:
        raise EquipoiseError(f"--actors: expected codes of 2-12 capitals or digits (ISO3 for states), got {', '.join(bad)}")
    start = start or f"{dt.date.today().year}-01-01"
    try:
        FuzzyDate.parse(start)
    except ValueError as exc:
        raise EquipoiseError(f"--start: {exc}") from None
    folder = Path(output) / name
    path = folder / "case.yaml"
    if path.exists() and not force:
        raise EquipoiseError(f"{path} exists (use --force to overwrite)")
    text = case_yaml(name, codes, start=start)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scenarios").mkdir(exist_ok=True)
    write_text_atomic(path, text, mode=0o644)
    load_case(folder)  # what we wrote must load; a bad --start is reported here with its field
    return path
