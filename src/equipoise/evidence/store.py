"""The evidence store: documents, their versions, sentences and what was extracted.

SQLAlchemy 2.0 ORM over any database URL (SQLite file ``equipoise.db`` by
default; PostgreSQL through ``postgresql+psycopg://...``). A document is known by
its file name; each distinct content (SHA-256 of its text) read under that name is
a version, and queries see the latest version. Saving one document is one
transaction: it is written whole or not at all.

Numbering: ``sentence`` and ``paragraph`` are 0-based (as in ``equipoise
extract``); locators (``source:paragraph:sentence``, as in case files) count
from 1, the sentence within its paragraph.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint, create_engine,
                        func, insert, or_, select)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload

from ..errors import EvidenceError
from .reader import Document
from .segment import segment

__all__ = ["DEFAULT_URL", "EvidenceStore", "SaveOutcome", "DocumentInfo", "SentenceRecord", "DocumentRecord",
           "EventCount", "Base"]

DEFAULT_URL = "sqlite:///equipoise.db"
_COUNT_KEYS = ("year", "source", "target", "code", "quad", "document")


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "evidence_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512), unique=True)
    versions: Mapped[list["VersionRow"]] = relationship(back_populates="document", order_by="VersionRow.version")


class VersionRow(Base):
    __tablename__ = "evidence_versions"
    __table_args__ = (UniqueConstraint("document_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("evidence_documents.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    path: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    encoding: Mapped[str | None] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    pub_date: Mapped[date | None] = mapped_column(Date)
    doc_date: Mapped[date | None] = mapped_column(Date)
    doc_date_source: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    spin_score: Mapped[float | None] = mapped_column(Float)
    repairs: Mapped[list] = mapped_column(JSON, default=list)
    n_sentences: Mapped[int] = mapped_column(Integer, default=0)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    document: Mapped[DocumentRow] = relationship(back_populates="versions")
    paragraphs: Mapped[list["ParagraphRow"]] = relationship(cascade="all, delete-orphan")
    sentences: Mapped[list["SentenceRow"]] = relationship(cascade="all, delete-orphan",
                                                          order_by="SentenceRow.index")


class ParagraphRow(Base):
    __tablename__ = "evidence_paragraphs"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("evidence_versions.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class SentenceRow(Base):
    __tablename__ = "evidence_sentences"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("evidence_versions.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    in_paragraph: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    actors: Mapped[list["ActorRow"]] = relationship(cascade="all, delete-orphan", order_by="ActorRow.start")
    dates: Mapped[list["DateRow"]] = relationship(cascade="all, delete-orphan", order_by="DateRow.span_start")
    quantities: Mapped[list["QuantityRow"]] = relationship(cascade="all, delete-orphan",
                                                           order_by="QuantityRow.start")
    events: Mapped[list["EventRow"]] = relationship(cascade="all, delete-orphan", order_by="EventRow.id")


class _Mention:
    id: Mapped[int] = mapped_column(primary_key=True)
    sentence_id: Mapped[int] = mapped_column(ForeignKey("evidence_sentences.id", ondelete="CASCADE"), index=True)


class ActorRow(_Mention, Base):
    __tablename__ = "evidence_actors"
    code: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class DateRow(_Mention, Base):
    __tablename__ = "evidence_dates"
    start: Mapped[str] = mapped_column(String(32))
    end: Mapped[str | None] = mapped_column(String(32))
    precision: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)


class QuantityRow(_Mention, Base):
    __tablename__ = "evidence_quantities"
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class EventRow(_Mention, Base):
    __tablename__ = "evidence_events"
    source: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str | None] = mapped_column(String(32), index=True)
    code: Mapped[str] = mapped_column(String(16))
    goldstein: Mapped[float | None] = mapped_column(Float)
    quad: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String(32))
    year: Mapped[int | None] = mapped_column(Integer, index=True)


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class SaveOutcome:
    """What saving one document did: ``added``, ``new_version`` or ``unchanged``."""

    name: str
    status: str
    document_id: int
    version: int
    sentences: int
    events: int

    def summary(self) -> str:
        return f"{self.name}: {self.status.replace('_', ' ')} (v{self.version}, {self.sentences} sentences, " \
               f"{self.events} events)"

    def to_dict(self) -> dict:
        return {"name": self.name, "status": self.status, "document_id": self.document_id, "version": self.version,
                "sentences": self.sentences, "events": self.events}


@dataclass(frozen=True)
class DocumentInfo:
    """One stored document, described by its latest version."""

    id: int
    name: str
    version: int
    versions: int
    sha256: str
    kind: str
    path: str
    title: str | None
    author: str | None
    date: date | None
    doc_date: date | None
    doc_date_source: str | None
    spin_score: float | None
    sentences: int
    events: int
    ingested_at: datetime

    def summary(self) -> str:
        return f"#{self.id} {self.name} v{self.version}: {self.title or '(untitled)'}, {self.sentences} sentences, " \
               f"{self.events} events"

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "version": self.version, "versions": self.versions,
                "sha256": self.sha256, "kind": self.kind, "path": self.path, "title": self.title,
                "author": self.author, "date": self.date.isoformat() if self.date else None,
                "doc_date": self.doc_date.isoformat() if self.doc_date else None,
                "doc_date_source": self.doc_date_source, "spin_score": self.spin_score,
                "sentences": self.sentences, "events": self.events, "ingested_at": self.ingested_at.isoformat()}


@dataclass(frozen=True)
class SentenceRecord:
    """A stored sentence with everything extracted from it.

    ``span`` is ``(start, end)`` into the document text; ``locator`` is the
    1-based ``name:paragraph:sentence`` form used by case files.
    """

    document_id: int
    doc: str
    version: int
    sentence: int
    paragraph: int
    in_paragraph: int
    span: tuple[int, int]
    text: str
    actors: tuple[dict, ...] = ()
    dates: tuple[dict, ...] = ()
    quantities: tuple[dict, ...] = ()
    events: tuple[dict, ...] = ()

    @property
    def locator(self) -> str:
        return f"{self.doc}:{self.paragraph + 1}:{self.in_paragraph + 1}"

    def summary(self) -> str:
        return f"{self.locator}: {self.text}"

    def to_dict(self) -> dict:
        return {"document_id": self.document_id, "doc": self.doc, "version": self.version,
                "sentence": self.sentence, "paragraph": self.paragraph, "locator": self.locator,
                "span": list(self.span), "text": self.text, "actors": list(self.actors), "dates": list(self.dates),
                "quantities": list(self.quantities), "events": list(self.events)}


@dataclass(frozen=True)
class DocumentRecord:
    """A stored document version: its text, sentences, spin score and proposed repairs.

    ``repairs`` are what the extractor read differently from the text (e.g. a
    spun "Chilly Battle" read as "Cold War"); the stored ``text`` is the original.
    """

    info: DocumentInfo
    text: str
    sentences: tuple[SentenceRecord, ...]
    repairs: tuple[Any, ...] = field(default=())

    @property
    def version(self) -> int:
        return self.info.version

    def summary(self) -> str:
        return f"{self.info.summary()}; {len(self.repairs)} repair(s) proposed"

    def to_dict(self) -> dict:
        return {"document": self.info.to_dict(), "version": self.version, "text": self.text,
                "repairs": list(self.repairs), "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(frozen=True)
class EventCount:
    """Number of stored events in one group (keys named by ``by``)."""

    key: tuple[tuple[str, Any], ...]
    count: int
    goldstein_sum: float

    def summary(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.key) + f": {self.count}"

    def to_dict(self) -> dict:
        return {**dict(self.key), "count": self.count, "goldstein_sum": self.goldstein_sum}


# ---------------------------------------------------------------- helpers

def _span(obj: Any) -> tuple[int, int]:
    s = obj.get("span") if isinstance(obj, dict) else getattr(obj, "span", None)
    return int(s[0]), int(s[1])


def _as_dict(obj: Any) -> dict:
    if isinstance(obj, dict):
        return obj
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return dict(vars(obj))


def _plain(obj: Any) -> Any:
    """JSON-ready copy of a repair (dataclass with to_dict, dict, tuple, ...)."""
    if hasattr(obj, "to_dict"):
        return _plain(obj.to_dict())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _plain(dataclasses.asdict(obj))
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    return str(obj)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _mentions(sentence_id: int, extracted: dict) -> dict[type, list[dict]]:
    """Rows for the actors, dates, quantities and events of one extracted sentence."""
    out: dict[type, list[dict]] = {ActorRow: [], DateRow: [], QuantityRow: [], EventRow: []}
    for a in extracted.get("actors", ()):
        s, e = _span(a)
        out[ActorRow].append({"sentence_id": sentence_id, "code": str(a["code"]), "text": str(a["text"]),
                              "start": s, "end": e})
    for d in extracted.get("dates", ()):
        s, e = _span(d)
        out[DateRow].append({"sentence_id": sentence_id, "start": _iso(d["start"]), "end": _iso(d.get("end")),
                             "precision": str(d["precision"]), "text": str(d["text"]), "span_start": s,
                             "span_end": e})
    for q in extracted.get("quantities", ()):
        s, e = _span(q)
        out[QuantityRow].append({"sentence_id": sentence_id, "value": float(q["value"]), "unit": str(q["unit"]),
                                 "text": str(q["text"]), "start": s, "end": e})
    for ev in extracted.get("events", ()):
        when = _iso(ev.get("date"))
        out[EventRow].append({
            "sentence_id": sentence_id, "source": str(ev["source"]),
            "target": None if ev.get("target") is None else str(ev["target"]), "code": str(ev["code"]),
            "goldstein": None if ev.get("goldstein") is None else float(ev["goldstein"]),
            "quad": None if ev.get("quad") is None else int(ev["quad"]), "date": when,
            "year": int(when[:4]) if when and when[:4].isdigit() else None})
    return out


def _sentence_record(row: SentenceRow, doc: DocumentRow, version: int) -> SentenceRecord:
    return SentenceRecord(
        document_id=doc.id, doc=doc.name, version=version, sentence=row.index, paragraph=row.paragraph,
        in_paragraph=row.in_paragraph, span=(row.start, row.end), text=row.text,
        actors=tuple({"code": a.code, "text": a.text, "span": [a.start, a.end]} for a in row.actors),
        dates=tuple({"start": d.start, "end": d.end, "precision": d.precision, "text": d.text,
                     "span": [d.span_start, d.span_end]} for d in row.dates),
        quantities=tuple({"value": q.value, "unit": q.unit, "text": q.text, "span": [q.start, q.end]}
                         for q in row.quantities),
        events=tuple({"source": e.source, "target": e.target, "code": e.code, "goldstein": e.goldstein,
                      "quad": e.quad, "date": e.date} for e in row.events))


def _db_message(exc: Exception) -> str:
    """First line of the database driver's message (``exc.orig``), else of ``exc``'s own."""
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def _sentence_loads():
    return (selectinload(SentenceRow.actors), selectinload(SentenceRow.dates),
            selectinload(SentenceRow.quantities), selectinload(SentenceRow.events))


# ---------------------------------------------------------------- the store

class EvidenceStore:
    """A database of documents and the evidence extracted from them.

    Parameters
    ----------
    url : str
        Any SQLAlchemy database URL; default ``sqlite:///equipoise.db`` (a file in
        the working folder). Tables are created if missing.

    Raises
    ------
    EvidenceError
        When the URL is malformed, its driver is not installed, or the database
        cannot be reached.

    Examples
    --------
    >>> store = EvidenceStore("sqlite://")
    >>> store.list_documents()
    []
    """

    def __init__(self, url: str = DEFAULT_URL):
        try:
            parsed = make_url(url)
            # SQLite has one writer at a time: another writer waits up to 30 s instead of 5 for the lock
            extra = {"connect_args": {"timeout": 30}} if parsed.get_backend_name() == "sqlite" else {}
            self.engine: Engine = create_engine(parsed, **extra)
        except (ArgumentError, NoSuchModuleError, ValueError) as exc:
            raise EvidenceError(f"expected a database URL such as {DEFAULT_URL} or "
                                f"postgresql+psycopg://user@host/db, got {url!r} ({exc})", field="--db") from exc
        except ImportError as exc:
            raise EvidenceError(f"the database driver for {url!r} is not installed ({exc.name})",
                                field="--db") from exc
        self.url = parsed.render_as_string(hide_password=True)
        try:
            try:
                Base.metadata.create_all(self.engine)
            except OperationalError:  # another process created the tables between check and create
                Base.metadata.create_all(self.engine)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise EvidenceError(f"cannot open the store {self.url}: {exc.__class__.__name__}: {_db_message(exc)}",
                                field="--db") from exc

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> "EvidenceStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    @staticmethod
    def _latest(s: Session, doc: Document) -> tuple[DocumentRow | None, VersionRow | None, SaveOutcome | None]:
        """``doc.name``'s row, its latest version, and the ``unchanged`` outcome if that has ``doc``'s content."""
        row = s.scalar(select(DocumentRow).where(DocumentRow.name == doc.name))
        latest = None
        if row is not None:
            latest = s.scalar(select(VersionRow).where(VersionRow.document_id == row.id)
                              .order_by(VersionRow.version.desc()).limit(1))
        if latest is None or latest.sha256 != doc.sha256:
            return row, latest, None
        return row, latest, SaveOutcome(doc.name, "unchanged", row.id, latest.version, latest.n_sentences,
                                        latest.n_events)

    def unchanged(self, doc: Document) -> SaveOutcome | None:
        """The ``unchanged`` outcome if the latest stored version of ``doc.name`` has its content, else None."""
        return self.unchanged_many([doc]).get(doc.name)

    def unchanged_many(self, docs: Sequence[Document]) -> dict[str, SaveOutcome]:
        """:meth:`unchanged` for several documents in one query: outcomes by name, for those unchanged."""
        want = {d.name: d.sha256 for d in docs}
        if not want:
            return {}
        with Session(self.engine) as s:
            rows = s.execute(select(DocumentRow.name, DocumentRow.id, VersionRow.version, VersionRow.sha256,
                                    VersionRow.n_sentences, VersionRow.n_events)
                             .join(VersionRow, VersionRow.document_id == DocumentRow.id)
                             .where(DocumentRow.name.in_(list(want))).order_by(VersionRow.version)).all()
        latest = {r.name: r for r in rows}  # ordered by version: the last one wins
        return {n: SaveOutcome(n, "unchanged", r.id, r.version, r.n_sentences, r.n_events)
                for n, r in latest.items() if r.sha256 == want[n]}

    def save(self, doc: Document, extraction: Any = None, *, doc_date: date | None = None,
             doc_date_source: str | None = None) -> SaveOutcome:
        """Store ``doc`` and its extraction in one transaction.

        Parameters
        ----------
        doc : Document
            What :func:`~equipoise.evidence.reader.read_document` returned.
        extraction : DocumentExtraction, optional
            The extractor's result for ``doc.text``: its sentences' actors, dates,
            quantities and events are attached to the stored sentence with the same
            span (or, failing that, the one holding the start of its span).
        doc_date : date, optional
            The date relative expressions were resolved against.
        doc_date_source : str, optional
            Where ``doc_date`` came from (``option``, ``metadata``, or the extractor's
            ``detected`` / ``latest-mentioned``).

        Returns
        -------
        SaveOutcome
            ``unchanged`` when the latest version has the same content hash (nothing
            is written), else ``added`` or ``new_version``. A document another writer
            stores meanwhile is ``unchanged`` too, not a failure: a write that collides
            with it is retried against what that writer stored.

        Raises
        ------
        EvidenceError
            When the write fails; nothing of the document is left in the store.
        """
        for attempt in range(3):
            try:
                with Session(self.engine) as s, s.begin():
                    return self._save_in(s, doc, extraction, doc_date, doc_date_source)
            except IntegrityError as exc:  # another writer stored this name or version first: look again
                if attempt == 2:
                    raise EvidenceError(f"store write failed, nothing saved ({exc.__class__.__name__}: "
                                        f"{_db_message(exc)})", path=doc.path) from exc
            except SQLAlchemyError as exc:
                raise EvidenceError(f"store write failed, nothing saved ({exc.__class__.__name__}: "
                                    f"{_db_message(exc)})", path=doc.path) from exc
        raise AssertionError("unreachable")

    def save_many(self, items: Sequence[tuple]) -> list[SaveOutcome | EvidenceError]:
        """Store several documents in one transaction; a failure stays confined to its document.

        ``items`` holds ``(doc, extraction, doc_date, doc_date_source)`` tuples. When the
        shared transaction fails, it is rolled back and each document is saved in its own
        (:meth:`save`), so one bad document costs the batch its speed, never its content.

        Returns
        -------
        list
            Per item, its :class:`SaveOutcome` or the :class:`~equipoise.errors.EvidenceError`
            that kept it out of the store.
        """
        if len(items) > 1:
            try:
                with Session(self.engine) as s, s.begin():
                    return [self._save_in(s, *item) for item in items]
            except SQLAlchemyError:
                pass  # one by one below
        out: list[SaveOutcome | EvidenceError] = []
        for item in items:
            try:
                out.append(self.save(item[0], item[1], doc_date=item[2], doc_date_source=item[3]))
            except EvidenceError as exc:
                out.append(exc)
        return out

    def _save_in(self, s: Session, doc: Document, extraction: Any, doc_date: date | None,
                 doc_date_source: str | None) -> SaveOutcome:
        row, latest, same = self._latest(s, doc)
        if same is not None:
            return same
        status = "added" if latest is None else "new_version"
        if row is None:
            row = DocumentRow(name=doc.name)
            s.add(row)
        version = VersionRow(
            document=row, version=1 if latest is None else latest.version + 1, sha256=doc.sha256,
            path=doc.path, kind=doc.kind, encoding=doc.encoding, size=doc.size, title=doc.title,
            author=doc.author, pub_date=doc.date, doc_date=doc_date, doc_date_source=doc_date_source,
            text=doc.text, spin_score=None if extraction is None or getattr(extraction, "spin_score", None)
            is None else float(extraction.spin_score),
            repairs=[_plain(r) for r in (getattr(extraction, "repairs", None) or ())],
            ingested_at=datetime.now(timezone.utc))
        s.add(version)
        s.flush()
        n_sent, n_events = self._write_sentences(s, version, doc.text, extraction)
        version.n_sentences, version.n_events = n_sent, n_events
        return SaveOutcome(doc.name, status, row.id, version.version, n_sent, n_events)

    def _write_sentences(self, s: Session, version: VersionRow, text: str, extraction: Any) -> tuple[int, int]:
        # Bulk inserts (executemany) rather than one ORM object per row: a document has hundreds of rows.
        paras, rows = [], []
        for p_index, (para, sents) in enumerate(segment(text)):
            paras.append({"version_id": version.id, "index": p_index, "start": para.start, "end": para.end})
            for k, sent in enumerate(sents):
                rows.append({"version_id": version.id, "index": len(rows), "paragraph": p_index, "in_paragraph": k,
                             "start": sent.start, "end": sent.end, "text": sent.text})
        if paras:
            s.execute(insert(ParagraphRow), paras)
        if not rows:
            return 0, 0
        s.execute(insert(SentenceRow), rows)
        ids = dict(s.execute(select(SentenceRow.index, SentenceRow.id)
                             .where(SentenceRow.version_id == version.id)).all())
        by_span = {(r["start"], r["end"]): r["index"] for r in rows}
        starts = [r["start"] for r in rows]
        pending: dict[type, list[dict]] = {ActorRow: [], DateRow: [], QuantityRow: [], EventRow: []}
        for item in getattr(extraction, "sentences", None) or ():
            extracted = _as_dict(item)
            span = _span(extracted)
            index = by_span.get(span)
            if index is None:  # segmented differently: the sentence holding its start
                index = max(0, bisect.bisect_right(starts, span[0]) - 1)
            for table, new in _mentions(ids[index], extracted).items():
                pending[table].extend(new)
        for table, new in pending.items():
            if new:
                s.execute(insert(table), new)
        return len(rows), len(pending[EventRow])

    # ------------------------------------------------------------ reading

    def _latest_versions(self):
        latest = (select(VersionRow.document_id, func.max(VersionRow.version).label("v"))
                  .group_by(VersionRow.document_id).subquery())
        return (select(VersionRow).join(latest, (VersionRow.document_id == latest.c.document_id)
                                        & (VersionRow.version == latest.c.v)))

    @staticmethod
    def _info(v: VersionRow, n_versions: int) -> DocumentInfo:
        return DocumentInfo(id=v.document_id, name=v.document.name, version=v.version, versions=n_versions,
                            sha256=v.sha256, kind=v.kind, path=v.path, title=v.title, author=v.author,
                            date=v.pub_date, doc_date=v.doc_date, doc_date_source=v.doc_date_source,
                            spin_score=v.spin_score, sentences=v.n_sentences, events=v.n_events,
                            ingested_at=v.ingested_at)

    def list_documents(self) -> list[DocumentInfo]:
        """Every stored document (latest version), ordered by name."""
        with Session(self.engine) as s:
            versions = s.scalars(self._latest_versions().options(selectinload(VersionRow.document))).all()
            counts = {d: n for d, n in s.execute(select(VersionRow.document_id, func.count())
                                                 .group_by(VersionRow.document_id)).all()}
            return sorted((self._info(v, counts[v.document_id]) for v in versions), key=lambda d: d.name)

    def get_document(self, document_id: int | str, *, version: int | None = None) -> DocumentRecord | None:
        """A document's text, sentences (with extractions) and repairs.

        Parameters
        ----------
        document_id : int or str
            The numeric id from :meth:`list_documents`, or the file name.
        version : int, optional
            A past version; default the latest.
        """
        with Session(self.engine) as s:
            cond = DocumentRow.id == document_id if isinstance(document_id, int) else DocumentRow.name == document_id
            doc = s.scalar(select(DocumentRow).where(cond))
            if doc is None:
                return None
            q = select(VersionRow).where(VersionRow.document_id == doc.id)
            q = q.where(VersionRow.version == version) if version is not None else \
                q.order_by(VersionRow.version.desc()).limit(1)
            v = s.scalar(q)
            if v is None:
                return None
            n_versions = s.scalar(select(func.count()).where(VersionRow.document_id == doc.id))
            sents = s.scalars(select(SentenceRow).where(SentenceRow.version_id == v.id)
                              .order_by(SentenceRow.index).options(*_sentence_loads())).all()
            return DocumentRecord(info=self._info(v, n_versions), text=v.text,
                                  sentences=tuple(_sentence_record(r, doc, v.version) for r in sents),
                                  repairs=tuple(v.repairs or ()))

    def _sentences(self, s: Session, query) -> list[SentenceRecord]:
        latest = self._latest_versions().subquery()
        q = (query.join(latest, SentenceRow.version_id == latest.c.id)
             .add_columns(latest.c.version, DocumentRow)
             .join(DocumentRow, DocumentRow.id == latest.c.document_id)
             .options(*_sentence_loads()))
        return [_sentence_record(r, d, ver) for r, ver, d in s.execute(q).all()]

    def sentences_for_locator(self, source: str, paragraph: int | None = None,
                              sentence: int | None = None) -> list[SentenceRecord]:
        """Sentences a case locator ``source:paragraph:sentence`` points to (1-based).

        ``source`` is the file name; without ``sentence`` the whole paragraph is
        returned, without ``paragraph`` the whole document. An empty list means the
        locator points past the stored text (or the file is not stored).
        """
        q = select(SentenceRow).where(SentenceRow.version_id.in_(
            select(VersionRow.id).join(DocumentRow).where(DocumentRow.name == source)))
        if paragraph is not None:
            q = q.where(SentenceRow.paragraph == paragraph - 1)
        if sentence is not None:
            q = q.where(SentenceRow.in_paragraph == sentence - 1)
        with Session(self.engine) as s:
            return self._sentences(s, q.order_by(SentenceRow.index))

    def search(self, query: str = "", *, actor: str | None = None, limit: int = 50) -> list[SentenceRecord]:
        """Sentences of the latest versions containing ``query`` (case-insensitive).

        Parameters
        ----------
        query : str
            Words to find; every word must occur. Empty matches every sentence.
        actor : str, optional
            Only sentences mentioning this actor code (``RUS``, ``PRK``, ...).
        limit : int
            At most this many sentences, in document and sentence order.
        """
        q = select(SentenceRow)
        for word in query.split():
            q = q.where(func.lower(SentenceRow.text).contains(word.lower(), autoescape=True))
        if actor:
            q = q.where(SentenceRow.id.in_(select(ActorRow.sentence_id).where(ActorRow.code == actor)))
        with Session(self.engine) as s:
            return self._sentences(s, q.order_by(SentenceRow.version_id, SentenceRow.index).limit(limit))

    def event_counts(self, *, by: Sequence[str] = ("year",), actor: str | None = None) -> list[EventCount]:
        """Count events of the latest versions, grouped by ``by``.

        Parameters
        ----------
        by : sequence of str
            Any of ``year``, ``source``, ``target``, ``code``, ``quad``, ``document``.
        actor : str, optional
            Only events with this actor as source or target.

        Returns
        -------
        list of EventCount
            Sorted by the group keys (None first).
        """
        bad = [b for b in by if b not in _COUNT_KEYS]
        if bad or not by:
            raise EvidenceError(f"expected group keys among {', '.join(_COUNT_KEYS)}, got {list(by)!r}", field="by")
        cols = {"year": EventRow.year, "source": EventRow.source, "target": EventRow.target, "code": EventRow.code,
                "quad": EventRow.quad, "document": DocumentRow.name}
        latest = self._latest_versions().subquery()
        keys = [cols[b] for b in by]
        q = (select(*keys, func.count(), func.coalesce(func.sum(EventRow.goldstein), 0.0))
             .join(SentenceRow, SentenceRow.id == EventRow.sentence_id)
             .join(latest, SentenceRow.version_id == latest.c.id)
             .join(DocumentRow, DocumentRow.id == latest.c.document_id)
             .group_by(*keys))
        if actor:
            q = q.where(or_(EventRow.source == actor, EventRow.target == actor))
        with Session(self.engine) as s:
            rows = s.execute(q).all()
        out = [EventCount(tuple(zip(by, r[:len(by)])), int(r[len(by)]), float(r[len(by) + 1])) for r in rows]
        return sorted(out, key=lambda c: tuple((v is not None, v if v is not None else 0) for _, v in c.key))
