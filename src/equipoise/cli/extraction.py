"""``equipoise extract`` and ``equipoise evaluate extraction``: evidence without a database."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import EvidenceError
from . import app, evaluate_app
from .options import FormatOpt, Format, emit, rich_table, user_errors

__all__ = ["extract", "evaluate_extraction_cmd"]


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


GazetteerOpt = Annotated[Optional[list[Path]], typer.Option("--gazetteer", "-g",
                                                            help="extra gazetteer YAML (repeatable)")]


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EvidenceError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


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
def extract(files: Annotated[list[Path], typer.Argument(help="text files to read")],
            date: Annotated[Optional[str], typer.Option("--date", help="publication date YYYY-MM-DD")] = None,
            fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl or csv")] = ExtractFormat.jsonl,
            gazetteer: GazetteerOpt = None) -> None:
    """Extract actors, dates, quantities and events, one record per sentence with any.

    Example: equipoise extract article.txt --date 2018-08-20
    """
    from ..evidence.extract import extract_text
    gaz, when = _gaz(gazetteer), _date(date)
    writer = None
    for path in files:
        result = extract_text(_read(path), doc=path.name, doc_date=when, gazetteer=gaz)
        for r in result.repairs:
            sys.stderr.write(f"{path.name}: repaired {r.text!r} -> {r.replacement!r} at {r.start}\n")
        for s in result.sentences:
            if not s.has_content:
                continue
            d = s.to_dict()
            if fmt is ExtractFormat.jsonl:
                sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
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
        text = _read(p)
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
