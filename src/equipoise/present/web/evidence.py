"""The evidence pages' data: documents from the store, marked up, linked to case values.

The store (:mod:`equipoise.evidence.store`) knows documents by file name; a case
cites them by source id (``belo2018:5:3``), and the case's ``sources`` map one to
the other. Marked-up sentences are built here as a list of plain text pieces and
marks, so the template escapes every character that came from a document.
"""

from __future__ import annotations

import threading

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Callable

from ...case.models import LocatorError, split_locator
from ...errors import EquipoiseError
from .data import CaseView

__all__ = ["open_store", "store_name", "MAX_ID", "document_ids", "Piece", "mark_sentence", "document_page", "parse_locator", "locator_page",
           "value_page", "save_upload"]

MARK_KINDS = ("actors", "dates", "quantities")
MAX_ID = 2**63 - 1  # the largest id the store (a 64-bit integer column) can hold


_STORE_LOCK = threading.Lock()


def open_store(app) -> Any:
    """The app's evidence store, opened once (tables created if missing).

    Requests run in a thread pool: the first two at once must not both create the tables
    ("table ... already exists"), so the store is created under a lock, checked again inside it."""
    store = getattr(app.state, "store", None)
    if store is None:
        with _STORE_LOCK:
            store = getattr(app.state, "store", None)
            if store is None:
                from ...evidence.store import EvidenceStore
                store = EvidenceStore(app.state.config.db_url)
                app.state.store = store
    return store


def store_name(url: str) -> str:
    """What the web app shows of a store's URL: its kind and, for SQLite, the file's name
    (never the folder, a user name or a password)."""
    from sqlalchemy.engine import make_url
    try:
        u = make_url(url)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as nothing but its kind
        return "database"
    if u.get_backend_name() == "sqlite":
        return f"sqlite:{Path(u.database).name if u.database else 'memory'}"
    return u.get_backend_name()


def document_ids(app) -> dict[str, int]:
    """File name -> id of each stored document (the last listed, where several share a name)."""
    return {d.name: d.id for d in open_store(app).list_documents()}


@dataclass(frozen=True)
class Piece:
    """A run of sentence text, marked (``kind``: actor/date/quantity) or not (``kind`` None)."""

    text: str
    kind: str | None = None
    label: str = ""


def _label(kind: str, m: dict) -> str:
    if kind == "actors":
        return f"actor {m.get('code')}"
    if kind == "dates":
        end = m.get("end")
        return f"date {m.get('start')}{'–' + end if end else ''} ({m.get('precision')})"
    return f"quantity {m.get('value'):g} {m.get('unit')}" if isinstance(m.get("value"), (int, float)) \
        else f"quantity {m.get('value')} {m.get('unit')}"


def mark_sentence(text: str, start: int, extracted: dict) -> list[Piece]:
    """Split a sentence into pieces, marking extracted actors, dates and quantities.

    Spans are offsets into the document; overlapping marks keep the first (by start).
    """
    marks = []
    for kind in MARK_KINDS:
        for m in extracted.get(kind, ()):
            span = m.get("span") or ()
            if len(span) == 2:
                a, b = int(span[0]) - start, int(span[1]) - start
                if 0 <= a < b <= len(text):
                    marks.append((a, b, kind[:-1] if kind != "quantities" else "quantity", _label(kind, m)))
    marks.sort(key=lambda x: (x[0], -x[1]))
    out, pos = [], 0
    for a, b, kind, label in marks:
        if a < pos:
            continue
        if a > pos:
            out.append(Piece(text[pos:a]))
        out.append(Piece(text[a:b], kind, label))
        pos = b
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out


def _source_for_file(view: CaseView, name: str) -> str | None:
    for s in view.case.sources:
        if s.file and Path(s.file).name == name:
            return s.id
    return None


def document_page(app, view: CaseView, doc_id: int, *, p: int | None = None, s: int | None = None) -> dict:
    """Everything the document view shows; ``p``/``s`` (1-based) pick the highlighted sentence."""
    store = open_store(app)
    rec = store.get_document(doc_id)
    if rec is None:
        raise EquipoiseError(f"no document {doc_id} in the evidence store", field="document")
    source_id = _source_for_file(view, rec.info.name)
    paragraphs: list[dict] = []
    for sent in rec.sentences:
        if not paragraphs or paragraphs[-1]["index"] != sent.paragraph:
            pvalues = view.values_for_paragraph(source_id, sent.paragraph + 1) if source_id else []
            paragraphs.append({"index": sent.paragraph, "number": sent.paragraph + 1, "sentences": [],
                               "cited_by": pvalues})
        values = view.values_for_sentence(source_id, sent.paragraph + 1, sent.in_paragraph + 1) if source_id else []
        paragraphs[-1]["sentences"].append({
            "anchor": f"s{sent.paragraph + 1}-{sent.in_paragraph + 1}",
            "locator": f"{source_id or rec.info.name}:{sent.paragraph + 1}:{sent.in_paragraph + 1}",
            "pieces": mark_sentence(sent.text, sent.span[0], {"actors": sent.actors, "dates": sent.dates,
                                                              "quantities": sent.quantities}),
            "events": list(sent.events),
            "cited_by": values,
            "highlight": p is not None and sent.paragraph + 1 == p and (s is None or sent.in_paragraph + 1 == s),
        })
    return {"info": rec.info, "source_id": source_id, "paragraphs": paragraphs, "repairs": rec.repairs,
            "highlight": (p, s)}


def parse_locator(text: str) -> tuple[str, int | None, int | None]:
    """``src[:paragraph[:sentence]]`` -> parts (numbers from 1), or :class:`EquipoiseError`."""
    try:
        return split_locator(text, minimum=1)
    except LocatorError as exc:
        raise EquipoiseError(str(exc), field="locator") from None


def locator_page(app, view: CaseView, locator: str, *,
                 doc_ids: Callable[[], dict[str, int]] | None = None) -> dict:
    """Resolve a case locator: its source, the stored document (if any), and the values citing it.

    ``doc_ids`` gives :func:`document_ids` (called only if the source names a file), so that
    callers resolving several locators list the store once.
    """
    sid, p, s = parse_locator(locator)
    try:
        src = view.case.source(sid)
    except KeyError:
        raise EquipoiseError(f"no source {sid!r} in the case (expected one of "
                             f"{', '.join(x.id for x in view.case.sources)})", field="locator") from None
    doc_id = None
    sentences = []
    if src.file:
        store = open_store(app)
        name = Path(src.file).name
        doc_id = (doc_ids() if doc_ids is not None else document_ids(app)).get(name)
        if doc_id is not None and p is not None:
            sentences = store.sentences_for_locator(name, p, s)
    citing = view.values_citing().get(locator, [])
    return {"locator": locator, "source": src, "doc_id": doc_id, "p": p, "s": s, "sentences": sentences,
            "cited_by": citing}


def value_page(app, view: CaseView, key: str) -> dict:
    """A case value and the text of every sentence it cites (where the store has it)."""
    v = view.value(key)
    if v is None:
        raise EquipoiseError(f"no case value {key!r}", field="value")
    doc_ids = cache(lambda: document_ids(app))
    return {"value": v, "rows": [locator_page(app, view, loc, doc_ids=doc_ids) for loc in v.evidence]}


async def read_upload(app, file) -> tuple[str, bytes]:
    """Check an upload's type and size and read it; HTTP 415/413/400 with a message otherwise."""
    from fastapi import HTTPException

    from .app import ALLOWED_UPLOAD_TYPES
    cfg = app.state.config
    name = file.filename or ""
    suffix = Path(name.replace("\\", "/")).suffix.lower()
    if suffix not in ALLOWED_UPLOAD_TYPES:
        raise HTTPException(415, f"file type {suffix or '(none)'!r} is not accepted; upload one of "
                                 f"{', '.join(sorted(ALLOWED_UPLOAD_TYPES))}")
    data = await file.read(cfg.max_upload + 1)
    if len(data) > cfg.max_upload:
        raise HTTPException(413, f"{name} is larger than the upload limit of {cfg.max_upload:,} bytes")
    if not data:
        raise HTTPException(400, f"{name} is empty")
    return name, data


def save_upload(app, filename: str, data: bytes) -> tuple[Path, Any]:
    """Write an uploaded file inside the data directory and ingest it.

    The stored name is the upload's base name reduced to ``[A-Za-z0-9._-]``; the
    caller has already checked size and type.
    """
    import re

    from .app import resolve_inside

    from ...evidence.ingest import ingest
    base = Path(filename.replace("\\", "/")).name
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._") or "upload.txt"
    folder = app.state.config.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = resolve_inside(folder, safe[:200])
    path.write_bytes(data)
    result = ingest([path], store=open_store(app), max_bytes=app.state.config.max_upload)
    return path, result
