"""Readers for UN General Assembly roll-call votes, ideal points and Security Council vetoes.

The readers take the column layout of the Voeten / Bailey-Strezhnev-Voeten data
(as distributed by the Harvard Dataverse and the R package ``unvotes``) and any
user file with the same columns. Files are recognised by their header:

- **votes**: ``rcid``, ``country_code`` (ISO 3166 alpha-2) and ``vote``
  (``yes``/``abstain``/``no`` or 1/2/3 as in Voeten's original coding); a
  ``date`` column may be present, otherwise a roll-call file must supply it;
- **roll calls**: ``rcid``, ``session``, ``date`` (``importantvote`` optional);
- **issues**: ``rcid`` and ``short_name`` (Voeten's issue flags: ``me``, ``nu``,
  ``di``, ``hr``, ``co``, ``ec``);
- **ideal points**: ``ccode``, ``session``, ``IdealPointAll`` (quantile columns
  ``Q5%All`` and ``Q95%All`` optional);
- **vetoes**: ``date`` (m/d/Y or ISO), ``draft``, ``member_veto1..3``, with
  ``agenda_item``, ``crisis_topic`` and ``region`` optional.

Coding traps, handled here once so every measure inherits them:

- **Soviet Union and Russia are one series** (COW 365): the actor codes ``RUS``
  and ``SUN`` both read the votes filed under ``RU``; the veto columns ``USSR``
  and ``Russia`` are both Russia's (``RUS``).
- **The China seat.** Before 25 October 1971 (General Assembly resolution 2758)
  the seat was held by the Republic of China. Its votes are the ``TW``/``TWN``
  series; a vote filed under ``CN`` before that day is counted as the ROC's, never
  as the PRC's. A veto cast in the "China" column before that day is the ROC's
  (``TWN``).
- **The two Koreas** vote only from their admission (17 September 1991): before
  it there are no rows, hence no value.
- **A non-member gives no value, never zero**: measures are computed only over
  roll calls both states cast; a year without any gives no row.

Bad rows (unknown vote value, unparseable date, missing country code) are
counted and reported with their file and line, and the good rows are kept; a
file without the needed columns raises :class:`~equipoise.errors.EvidenceError`.

References
----------
.. [1] Voeten, E., Strezhnev, A. & Bailey, M. United Nations General Assembly
   Voting Data. Harvard Dataverse, hdl:1902.1/12379 (CC0).
.. [2] Bailey, M. A., Strezhnev, A. & Voeten, E. (2017). Estimating Dynamic State
   Preferences from United Nations Voting Data. Journal of Conflict Resolution
   61(2), 430-456. doi:10.1177/0022002715595700
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import EvidenceError

__all__ = ["CHINA_SEAT_CHANGE", "KOREAS_ADMITTED", "VOTE_VALUES", "VoteData", "Veto", "read_unga", "read_ideal_points",
           "read_vetoes", "LATER_VETOES", "iso2_for", "actor_for_veto_member", "BadRows"]

CHINA_SEAT_CHANGE = dt.date(1971, 10, 25)  # UNGA resolution 2758 (XXVI)
KOREAS_ADMITTED = dt.date(1991, 9, 17)
VOTE_VALUES = {"yes": 1.0, "abstain": 0.5, "no": 0.0, "1": 1.0, "2": 0.5, "3": 0.0}
_SPECIAL_ISO2 = {"SUN": "RU", "USSR": "RU", "RUS": "RU", "TWN": "TW", "ROC": "TW", "PRK": "KP", "KOR": "KR",
                 "GBR": "GB", "UK": "GB"}


@dataclass
class BadRows:
    """Rows a reader skipped: how many, and the first few messages (``file:line: why``)."""

    count: int = 0
    messages: list[str] = field(default_factory=list)
    limit: int = 5

    def add(self, path, line: int | None, why: str, n: int = 1) -> None:
        self.count += n
        if len(self.messages) < self.limit:
            self.messages.append(f"{path}:{line}: {why}" if line is not None else f"{path}: {why}")

    def to_dict(self) -> dict:
        return {"count": self.count, "messages": list(self.messages)}


def iso2_for(actor: str) -> str:
    """The ISO alpha-2 code under which ``actor`` (an ISO alpha-3 or case code) votes.

    >>> iso2_for("RUS"), iso2_for("SUN"), iso2_for("PRK"), iso2_for("CHN")
    ('RU', 'RU', 'KP', 'CN')
    """
    code = actor.strip().upper()
    if code in _SPECIAL_ISO2:
        return _SPECIAL_ISO2[code]
    if len(code) == 2:
        return code
    import pycountry
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        raise EvidenceError(f"unknown country code {actor!r}; expected an ISO 3166 alpha-3 code such as RUS or PRK",
                            field="dyad")
    return c.alpha_2


def _open_text(path: Path):
    path = Path(path)
    if not path.is_file():
        raise EvidenceError("no such file", path=str(path))
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        with _open_text(path) as fh:
            return pd.read_csv(fh, dtype=str, keep_default_na=False)
    except (EOFError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise EvidenceError(f"cannot read: {exc}", path=str(path)) from exc
    except pd.errors.EmptyDataError:
        raise EvidenceError("empty file; expected a header row", path=str(path)) from None


@dataclass
class VoteData:
    """UNGA votes in one table: ``rcid``, ``date``, ``year``, ``session``, ``important``, ``iso2``,
    ``vote`` (1 yes, 0.5 abstain, 0 no), plus ``issues`` (rcid, issue flag) and skipped rows."""

    votes: pd.DataFrame
    issues: pd.DataFrame
    bad: BadRows
    files: tuple[str, ...]

    def for_actor(self, actor: str) -> pd.DataFrame:
        """The votes of ``actor`` (rcid -> vote), the coding traps applied (see the module docstring)."""
        code = iso2_for(actor)
        v = self.votes
        if code == "CN":  # PRC only from 25 October 1971
            v = v[(v["iso2"] == "CN") & (v["date"] >= CHINA_SEAT_CHANGE)]
        elif code == "TW":  # the ROC held the China seat until 25 October 1971
            v = v[((v["iso2"] == "TW") | (v["iso2"] == "CN")) & (v["date"] < CHINA_SEAT_CHANGE)]
        else:
            v = v[v["iso2"] == code]
        return v[["rcid", "vote"]].drop_duplicates("rcid")


def _bad_mask(path, df: pd.DataFrame, mask, why: str, bad: BadRows) -> pd.DataFrame:
    if mask.any():
        idx = [int(i) for i in df.index[mask][: bad.limit]]
        for i in idx:
            bad.add(path, i + 2, why, 1)
        bad.count += int(mask.sum()) - len(idx)
    return df[~mask]


def _parse_dates(s: pd.Series) -> pd.Series:
    d = pd.to_datetime(s, errors="coerce", format="mixed")
    return d.dt.date


def read_unga(paths) -> VoteData:
    """Read vote, roll-call and issue files (any order, recognised by header) into a :class:`VoteData`.

    Raises
    ------
    EvidenceError
        A file that is none of the three kinds, or no vote file, or votes without dates.
    """
    votes, calls, issues = [], [], []
    bad = BadRows()
    for p in paths:
        p = Path(p)
        df = _read_csv(p)
        cols = set(df.columns)
        if {"rcid", "country_code", "vote"} <= cols:
            df = df.copy()
            df["vote_n"] = df["vote"].str.strip().str.lower().map(VOTE_VALUES)
            df = _bad_mask(p, df, df["vote_n"].isna(), "vote: expected yes, abstain or no", bad)
            df = _bad_mask(p, df, df["country_code"].str.strip() == "", "country_code: expected an ISO alpha-2 code", bad)
            df = _bad_mask(p, df, ~df["rcid"].str.strip().str.fullmatch(r"\d+"), "rcid: expected an integer", bad)
            if "date" in cols:
                df["date_p"] = _parse_dates(df["date"])
                df = _bad_mask(p, df, df["date_p"].isna(), "date: expected YYYY-MM-DD", bad)
            votes.append(df)
        elif {"rcid", "session", "date"} <= cols:
            df = df.copy()
            df["date_p"] = _parse_dates(df["date"])
            df = _bad_mask(p, df, df["date_p"].isna(), "date: expected YYYY-MM-DD", bad)
            df = _bad_mask(p, df, ~df["rcid"].str.strip().str.fullmatch(r"\d+"), "rcid: expected an integer", bad)
            calls.append(df)
        elif {"rcid", "short_name"} <= cols:
            issues.append(df[["rcid", "short_name"]])
        else:
            raise EvidenceError("not a UNGA votes, roll-call or issues file; expected columns rcid, country_code, "
                                f"vote (votes), rcid, session, date (roll calls) or rcid, short_name (issues); "
                                f"got {', '.join(df.columns[:8])}", path=str(p), line=1)
    if not votes:
        raise EvidenceError("no UNGA vote file among the inputs (columns rcid, country_code, vote)",
                            path=", ".join(str(p) for p in paths))
    v = pd.concat(votes, ignore_index=True)
    out = pd.DataFrame({"rcid": v["rcid"].astype(int), "iso2": v["country_code"].str.strip().str.upper(),
                        "vote": v["vote_n"].astype(float)})
    if "date_p" in v.columns and v["date_p"].notna().all():
        out["date"] = v["date_p"].values
        out["session"] = pd.NA
        out["important"] = 0
    if calls:
        c = pd.concat(calls, ignore_index=True)
        rc = pd.DataFrame({"rcid": c["rcid"].astype(int), "date_c": c["date_p"],
                           "session_c": pd.to_numeric(c["session"], errors="coerce"),
                           "important_c": pd.to_numeric(c.get("importantvote", pd.Series("", index=c.index)),
                                                        errors="coerce").fillna(0).astype(int)}).drop_duplicates("rcid")
        out = out.merge(rc, on="rcid", how="left")
        if "date" not in out.columns:
            out["date"] = out["date_c"]
            out["session"] = out["session_c"]
            out["important"] = out["important_c"]
        else:
            out["date"] = out["date"].where(out["date"].notna(), out["date_c"])
            out["session"] = out["session_c"]
            out["important"] = out["important_c"].fillna(0).astype(int)
        out = out.drop(columns=["date_c", "session_c", "important_c"])
    if "date" not in out.columns:
        raise EvidenceError("votes carry no date; give the roll-call file (rcid, session, date) too",
                            path=", ".join(str(p) for p in paths))
    missing = out["date"].isna()
    if missing.any():
        bad.add(", ".join(str(p) for p in paths), None, f"{int(missing.sum())} vote(s) on roll calls without a date "
                "in the roll-call file", int(missing.sum()))
        out = out[~missing]
    out["year"] = [d.year for d in out["date"]]
    out["important"] = out["important"].fillna(0).astype(int)
    iss = (pd.concat(issues, ignore_index=True) if issues else pd.DataFrame({"rcid": [], "short_name": []}, dtype=str))
    iss = pd.DataFrame({"rcid": pd.to_numeric(iss["rcid"], errors="coerce"), "issue": iss["short_name"].astype(str).str.strip()})
    iss = iss.dropna().astype({"rcid": int})
    return VoteData(votes=out.reset_index(drop=True), issues=iss, bad=bad, files=tuple(str(p) for p in paths))


def read_ideal_points(path) -> pd.DataFrame:
    """Read an ideal-point file (Bailey, Strezhnev & Voeten 2017): one row per state and session.

    Returns a frame with ``ccode``, ``iso3``, ``session``, ``year`` (the session's
    opening year, 1945 + session), ``ideal``, ``q5``, ``q95`` and ``nvotes``.
    """
    p = Path(path)
    df = _read_csv(p)
    need = {"ccode", "session", "IdealPointAll"}
    if not need <= set(df.columns):
        raise EvidenceError(f"not an ideal-point file; expected columns {', '.join(sorted(need))}", path=str(p), line=1)
    out = pd.DataFrame({
        "ccode": pd.to_numeric(df["ccode"], errors="coerce"),
        "iso3": df.get("iso3c", pd.Series("", index=df.index)).str.upper(),
        "session": pd.to_numeric(df["session"], errors="coerce"),
        "ideal": pd.to_numeric(df["IdealPointAll"], errors="coerce"),
        "q5": pd.to_numeric(df.get("Q5%All", pd.Series("", index=df.index)), errors="coerce"),
        "q95": pd.to_numeric(df.get("Q95%All", pd.Series("", index=df.index)), errors="coerce"),
        "nvotes": pd.to_numeric(df.get("NVotesAll", pd.Series("", index=df.index)), errors="coerce"),
    })
    bad = out[["ccode", "session", "ideal"]].isna().any(axis=1)
    if bad.all():
        raise EvidenceError("no row with a numeric ccode, session and IdealPointAll", path=str(p))
    out = out[~bad].astype({"ccode": int, "session": int})
    out["year"] = 1945 + out["session"]
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class Veto:
    """One vetoed Security Council draft: who vetoed, when, on what, and the source of the record."""

    date: dt.date
    draft: str
    members: tuple[str, ...]
    topic: str = ""
    agenda: str = ""
    region: str = ""
    source: str = ""

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "draft": self.draft, "members": list(self.members), "topic": self.topic,
                "agenda": self.agenda, "region": self.region, "source": self.source}


def actor_for_veto_member(name: str, date: dt.date) -> str:
    """Actor code of a permanent member as named in the veto list (USSR and Russia are ``RUS``;
    "China" is the ROC, ``TWN``, before 25 October 1971 and the PRC, ``CHN``, from then).

    >>> actor_for_veto_member("USSR", dt.date(1950, 1, 1)), actor_for_veto_member("China", dt.date(1955, 12, 13))
    ('RUS', 'TWN')
    """
    n = name.strip().lower()
    if n in ("ussr", "soviet union", "russia", "russian federation"):
        return "RUS"
    if n == "china":
        return "CHN" if date >= CHINA_SEAT_CHANGE else "TWN"
    if n in ("usa", "us", "united states"):
        return "USA"
    if n in ("uk", "united kingdom"):
        return "GBR"
    if n == "france":
        return "FRA"
    raise ValueError(f"unknown permanent member {name!r}; expected USSR, Russia, China, USA, UK or France")


# Vetoes after the shared list ends (September 2022), each from a cited source.
LATER_VETOES = (
    Veto(date=dt.date(2024, 3, 28), draft="S/2024/255", members=("RUS",), topic="North Korea",
         agenda="Non-proliferation - Democratic People's Republic of Korea (renewal of the 1718 Committee's Panel of "
                "Experts)", region="East Asia",
         source="United Nations, 'Security Council Fails to Extend Mandate for Expert Panel Assisting Sanctions "
                "Committee on Democratic People's Republic of Korea', press release SC/15648 (9591st meeting), 28 March 2024, "
                "https://press.un.org/en/2024/sc15648.doc.htm (13 in favour, Russia against, China abstaining)"),
)


def read_vetoes(path, *, source: str | None = None, bad: BadRows | None = None) -> list[Veto]:
    """Read a veto list (Yordán's layout, or a user file with ``date``, ``draft`` and ``member_veto1``...).

    Rows with an unparseable date or an unknown member are counted in ``bad`` and skipped.
    """
    p = Path(path)
    bad = BadRows() if bad is None else bad
    with _open_text(p) as fh:
        rd = csv.DictReader(fh)
        cols = set(rd.fieldnames or ())
        if not {"date", "draft", "member_veto1"} <= cols:
            raise EvidenceError("not a veto list; expected columns date, draft, member_veto1", path=str(p), line=1)
        out = []
        for i, r in enumerate(rd, start=2):
            try:
                d = pd.to_datetime(r["date"], format="mixed").date()
            except (ValueError, TypeError):
                bad.add(p, i, f"date: expected m/d/Y or YYYY-MM-DD, got {r['date']!r}")
                continue
            names = [r.get(k, "") for k in ("member_veto1", "member_veto2", "member_veto3") if (r.get(k) or "").strip()]
            try:
                members = tuple(sorted({actor_for_veto_member(n, d) for n in names}))
            except ValueError as exc:
                bad.add(p, i, f"member_veto: {exc}")
                continue
            if not members:
                bad.add(p, i, "member_veto1: expected a vetoing member")
                continue
            out.append(Veto(d, r["draft"].strip(), members, (r.get("crisis_topic") or "").strip(),
                            (r.get("agenda_item") or "").strip(), (r.get("region") or "").strip(),
                            source or r.get("source", "") or p.name))
    return out
