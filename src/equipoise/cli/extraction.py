"""``equipoise extract`` and ``equipoise evaluate extraction``: evidence without a database."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import EvidenceError
from . import app, evaluate_app
from .options import FormatOpt, Format, console, emit, print_json, rich_table, user_errors

__all__ = ["extract", "evaluate_extraction_cmd", "evaluate_events_cmd"]


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


GazetteerOpt = Annotated[Optional[list[Path]], typer.Option("--gazetteer", "-g",
                                                            help="extra gazetteer YAML (repeatable)")]
VerbsOpt = Annotated[Optional[list[Path]], typer.Option("--verbs", help="extra verb lexicon YAML, layout of "
                                                                        "evidence/data/verbs.yaml (repeatable)")]


def _lex(paths: list[Path] | None):
    if not paths:
        return None
    from ..evidence.events import load_lexicon
    return load_lexicon(*paths)


def _read(path: Path) -> tuple[str, dt.date | None]:
    """A document's text and stated date, through the readers ``ingest`` uses.

    HTML gives its main text, PDF its text layer; what cannot be read is refused
    (:class:`EvidenceError`). A file with another suffix is read as text if it is
    text (no NUL bytes, not a PDF or archive).
    """
    from ..evidence.reader import SUPPORTED_SUFFIXES, decode_text, read_document
    if path.suffix.lower() in SUPPORTED_SUFFIXES or not path.is_file():
        doc = read_document(path)
        return doc.text, doc.date
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EvidenceError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    if data.startswith((b"%PDF", b"PK\x03\x04")) or b"\x00" in data[:4096] and not data.startswith(
            (b"\xff\xfe", b"\xfe\xff")):
        raise EvidenceError(f"binary file with a {path.suffix or 'missing'} suffix; expected text, "
                            "or name it .pdf/.html", path=str(path))
    text, _ = decode_text(data, path=str(path))
    if not text.strip():
        raise EvidenceError("empty file", path=str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise EvidenceError(f"expected YYYY-MM-DD, got {value!r}", field="--date") from exc


def _gaz(paths: list[Path] | None):
    from ..evidence.gazetteer import default_gazetteer, load_gazetteer
    return load_gazetteer(*paths) if paths else default_gazetteer()


@app.command("extract")
@user_errors
def extract(files: Annotated[list[Path], typer.Argument(help="documents to read (.txt, .md, .html, .pdf)")],
            date: Annotated[Optional[str], typer.Option("--date", help="publication date YYYY-MM-DD")] = None,
            fmt: Annotated[ExtractFormat, typer.Option("--format", "-f",
                                                       help="jsonl (a record per sentence), json, csv or table")
                           ] = ExtractFormat.jsonl,
            gazetteer: GazetteerOpt = None, verbs: VerbsOpt = None) -> None:
    """Extract actors, dates, quantities and events, one record per sentence with any.

    Files are read as ``ingest`` reads them (HTML: main text; PDF: text layer);
    a file that cannot be read stops the command with an error (exit 1).

    Example: equipoise extract article.txt --date 2018-08-20 --format table
    """
    from ..evidence.extract import extract_text
    gaz, when, lex = _gaz(gazetteer), _date(date), _lex(verbs)
    docs = [(path, *_read(path)) for path in files]  # read everything first: refuse before printing
    writer = None
    collected = []
    rows = []
    for path, text, stated in docs:
        result = extract_text(text, doc=path.name, doc_date=when or stated, gazetteer=gaz, lexicon=lex)
        for r in result.repairs:
            sys.stderr.write(f"{path.name}: repaired {r.text!r} -> {r.replacement!r} at {r.start}\n")
        if fmt is ExtractFormat.json:
            d = result.to_dict()
            d["sentences"] = [x for x, s in zip(d["sentences"], result.sentences) if s.has_content]
            collected.append(d)
            continue
        for s in result.sentences:
            if not s.has_content:
                continue
            d = s.to_dict()
            if fmt is ExtractFormat.jsonl:
                sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            elif fmt is ExtractFormat.table:
                rows.append([d["doc"], d["sentence"], ";".join(a["code"] for a in d["actors"]),
                             ";".join(x["start"] + ("/" + x["end"] if x["end"] else "") for x in d["dates"]),
                             ";".join(f"{q['value']:g} {q['unit']}" for q in d["quantities"]),
                             ";".join(f"{e['source']}>{e['target'] or '-'}:{e['code']}"
                                      + (f" {e['plover']}" if e.get("plover") else "")
                                      + (f"/{e['mode'].replace(';', '+')}" if e.get("mode") else "")
                                      for e in d["events"]),
                             d["text"][:80]])
            else:
                if writer is None:
                    writer = csv.writer(sys.stdout)
                    writer.writerow(["doc", "sentence", "start", "end", "text", "actors", "dates", "quantities",
                                     "events"])
                writer.writerow([d["doc"], d["sentence"], d["span"][0], d["span"][1], d["text"],
                                 ";".join(a["code"] for a in d["actors"]),
                                 ";".join(x["start"] + ("/" + x["end"] if x["end"] else "") for x in d["dates"]),
                                 ";".join(f"{q['value']} {q['unit']}" for q in d["quantities"]),
                                 ";".join(f"{e['source']}>{e['target']}:{e['code']}" for e in d["events"])])
    if fmt is ExtractFormat.json:
        print_json({"documents": collected})
    elif fmt is ExtractFormat.table:
        console.print(rich_table("Extraction", ["doc", "sent", "actors", "dates", "quantities", "events", "text"],
                                 rows))


@evaluate_app.command("events")
@user_errors
def evaluate_events_cmd(gold: Annotated[Path, typer.Argument(help="gold events: CSV (news2025 layout) or "
                                                                  "PLOVER-style JSON")],
                        docs: Annotated[Optional[list[Path]], typer.Argument(
                            help="the documents the gold cites (not needed for JSON gold, which holds its text)")
                        ] = None,
                        fmt: FormatOpt = Format.table,
                        since: Annotated[Optional[str], typer.Option(
                            "--since", help="leave out coded events dated before YYYY[-MM[-DD]] (for a gold "
                                            "that codes only events from then on)")] = None,
                        gazetteer: GazetteerOpt = None, verbs: VerbsOpt = None) -> None:
    """Precision and recall of coded events against gold events, strict and lenient.

    Scores (source, target, CAMEO root) and (source, target, PLOVER category),
    per sentence and per document, the share of matched events dated right at
    the gold's precision, and lists what was missed and what was extra.

    Example: equipoise evaluate events news2025/gold_events.csv news2025/*.txt --since 2025
    """
    from ..evidence.evaluate import evaluate_events, read_gold_events
    from ..evidence.extract import extract_text
    events = read_gold_events(gold)
    gaz, lex = _gaz(gazetteer), _lex(verbs)
    texts = {}
    for p in docs or []:
        text, stated = _read(p)
        texts[p.name] = (text, extract_text(text, doc=p.name, doc_date=stated, gazetteer=gaz, lexicon=lex))
    for g in events:
        if g.text and g.doc not in texts:
            texts[g.doc] = (g.text, extract_text(g.text, doc=g.doc, gazetteer=gaz, lexicon=lex))
    if not texts:
        raise EvidenceError("no documents to score: name the files the gold cites", path=str(gold))
    named = {g.doc for g in events}
    if docs and not named & set(texts):
        raise EvidenceError("none of the documents is cited by the gold (file names must match its "
                            "'file' column)", path=str(gold))
    if since is not None and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", since):
        raise EvidenceError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {since!r}", field="--since")
    result = evaluate_events(events, texts, since=since)

    def table(r):
        rows = []
        for level in ("sentence", "document"):
            for key in ("root", "plover"):
                s, le = r.scores.get((level, key, "strict")), r.scores.get((level, key, "lenient"))
                if s is None:
                    continue
                rows.append([level, key, s.gold, s.coded, s.precision, s.recall, s.f1,
                             le.precision, le.recall, le.f1])
        out = [rich_table("Event coding against gold", ["level", "key", "gold", "coded", "P strict", "R strict",
                                                        "F1 strict", "P lenient", "R lenient", "F1 lenient"], rows)]
        d = r.dates
        out.append(f"dates right at the gold's precision: {d.matched_gold}/{d.gold} of strictly matched events")
        if r.missed:
            out.append(rich_table("Missed", ["doc:line", "source", "target", "root", "plover", "cue"],
                                  [[f"{g.doc}:{g.line}", g.source, g.target, g.root, g.plover,
                                    g.cue or g.text[:60]] for g in r.missed]))
        if r.extra:
            out.append(rich_table("Extra", ["doc#sentence", "source", "target", "root", "plover", "text"],
                                  [[f"{e.doc}#{e.sentence}", e.source, e.target, e.root, e.plover, e.text[:70]]
                                   for e in r.extra]))
        return out

    emit(result, fmt, table)


@evaluate_app.command("extraction")
@user_errors
def evaluate_extraction_cmd(gold: Annotated[Path, typer.Argument(help="gold facts CSV")],
                            docs: Annotated[list[Path], typer.Argument(help="the documents the gold table cites")],
                            fmt: FormatOpt = Format.table,
                            no_context: Annotated[bool, typer.Option("--no-context",
                                                  help="score only what each sentence itself names")] = False,
                            gazetteer: GazetteerOpt = None) -> None:
    """Recall of extraction against a gold table, overall and per field, with the misses.

    Example: equipoise evaluate extraction gold_facts.csv seeds/*.txt
    """
    from ..evidence.evaluate import evaluate_extraction, miss_reason, read_gold
    from ..evidence.extract import extract_text
    facts = read_gold(gold)
    gaz = _gaz(gazetteer)
    texts = {}
    for p in docs:
        text, _ = _read(p)
        texts[p.name] = (text, extract_text(text, doc=p.name, gazetteer=gaz))
    result = evaluate_extraction(facts, texts, context=not no_context)

    def table(r):
        rows = [[k, r.counts[k], r.recall[k], r.strict_recall[k]] for k in ("overall", "dates", "actors", "quantities")]
        out = [rich_table("Extraction recall", ["field", "facts", "recall", "strict"], rows)]
        if r.misses:
            out.append(rich_table("Misses", ["doc:line", "cue", "why"],
                                  [[f"{m.fact.doc}:{m.fact.line}", m.fact.cue, miss_reason(m)] for m in r.misses]))
        return out

    emit(result, fmt, table)
