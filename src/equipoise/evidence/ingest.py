"""Ingest documents: read, extract, store, one transaction per document.

A bad file (empty, binary, unreadable, too large, no text) is skipped with its
reason and the batch goes on; a document whose extraction or write fails leaves
nothing behind in the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import EquipoiseError, EvidenceError
from . import extract
from .reader import DEFAULT_MAX_BYTES, expand_paths, read_document
from .store import EvidenceStore, SaveOutcome

__all__ = ["IngestResult", "SkippedFile", "ingest"]

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not stored, and why."""

    path: str
    reason: str

    def to_dict(self) -> dict:
        return {"path": self.path, "reason": self.reason}


@dataclass(frozen=True)
class IngestResult:
    """What one ingest run did.

    Attributes
    ----------
    outcomes : tuple of SaveOutcome
        One per stored or already-stored document (``added``, ``new_version``,
        ``unchanged``), in input order.
    skipped : tuple of SkippedFile
        Files refused, each with its reason.
    db : str
        The store's URL (password hidden).
    doc_date : date or None
        The ``--date`` given for every document, if any.
    max_bytes : int
        The size limit applied.
    """

    outcomes: tuple[SaveOutcome, ...]
    skipped: tuple[SkippedFile, ...]
    db: str
    doc_date: date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    method: str = field(default="read (trafilatura/pypdf) -> extract_text -> SQLAlchemy store")

    def _count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def added(self) -> int:
        return self._count("added")

    @property
    def new_versions(self) -> int:
        return self._count("new_version")

    @property
    def unchanged(self) -> int:
        return self._count("unchanged")

    @property
    def sentences(self) -> int:
        """Sentences written in this run (unchanged documents add none)."""
        return sum(o.sentences for o in self.outcomes if o.status != "unchanged")

    @property
    def events(self) -> int:
        """Events written in this run."""
        return sum(o.events for o in self.outcomes if o.status != "unchanged")

    def summary(self) -> str:
        lines = [f"{self.added} document(s) added, {self.new_versions} new version(s), {self.unchanged} unchanged; "
                 f"{self.sentences} sentences, {self.events} events stored; {len(self.skipped)} file(s) skipped "
                 f"(store: {self.db})"]
        lines += [f"skipped {s.path}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"method": self.method,
                "params": {"db": self.db, "date": self.doc_date.isoformat() if self.doc_date else None,
                           "max_bytes": self.max_bytes},
                "added": self.added, "new_versions": self.new_versions, "unchanged": self.unchanged,
                "sentences": self.sentences, "events": self.events,
                "documents": [o.to_dict() for o in self.outcomes],
                "skipped": [s.to_dict() for s in self.skipped]}


#: Documents stored per transaction on SQLite (each commit is a disk sync); other databases take one each.
BATCH_SQLITE = 32


def extract_document(text: str, name: str, when: date | None):
    """Extract one document's text (a task for a worker process); errors come back as an EvidenceError."""
    try:
        return extract.extract_text(text, doc=name, doc_date=when)
    except EquipoiseError as exc:
        return exc
    except Exception as exc:  # a bug in extraction must not stop the batch nor write half a document
        return EvidenceError(f"extraction failed, nothing saved ({type(exc).__name__}: {exc}); please report this")


def ingest(paths: Sequence[str | Path] | Iterable[str | Path], *, store: EvidenceStore,
           doc_date: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           progress: Progress | None = None, executor=None, batch: int | None = None) -> IngestResult:
    """Read, extract and store every file in ``paths`` (folders included).

    Parameters
    ----------
    paths : sequence of str or Path
        Files and folders; folders contribute their ``.txt``, ``.md``, ``.html``
        and ``.pdf`` files, recursively.
    store : EvidenceStore
        Where to write.
    doc_date : date, optional
        The publication date to resolve relative dates against, for every file.
        Default: the date in the file's metadata, else the one the extractor
        finds in the text (:func:`~equipoise.evidence.extract.detect_date`, or the
        latest date the text mentions).
    max_bytes : int
        Files larger than this are skipped (default 20 MB).
    progress : callable, optional
        Called as ``progress(done, total, name)`` after each file.
    executor : concurrent.futures.Executor, optional
        Where documents are extracted (see :mod:`equipoise.executor`; default: this
        process). This process alone writes to the store.
    batch : int, optional
        Documents per store transaction (default :data:`BATCH_SQLITE` on SQLite, else 1).

    Returns
    -------
    IngestResult

    Notes
    -----
    A document whose content hash equals its latest stored version's is not
    re-extracted or written; one that another writer stores meanwhile counts as
    unchanged. Documents are saved in batches, one transaction per batch; if a batch
    fails it is saved again document by document, so a failure leaves the store as it
    was before that document and touches no other.
    """
    from ..executor import run_chunked
    if max_bytes <= 0:
        raise EvidenceError(f"the size limit must be positive, got {max_bytes} bytes", field="--max-size")
    if batch is None:
        batch = BATCH_SQLITE if store.url.startswith("sqlite") else 1
    outside: list[Path] = []
    files = expand_paths(paths, outside=outside)
    results: list = [None] * len(files)  # per file: a SaveOutcome or a SkippedFile
    seen: dict[str, Path] = {}
    # files read and extracted together: a few store batches, and enough tasks to keep every worker busy
    per_round = max(batch, 1) * 4 if executor is None else max(max(batch, 1) * 4, 4 * getattr(executor, "workers", 1))
    for base in range(0, len(files), per_round):
        piece = files[base:base + per_round]
        docs: list = []  # (index, Document)
        for i, path in enumerate(piece, start=base):
            try:
                if path.name in seen:
                    raise EvidenceError(f"another file named {path.name} ({seen[path.name]}) is in this batch; "
                                        "documents are known by file name, so rename one", path=str(path))
                seen[path.name] = path
                docs.append((i, read_document(path, max_bytes=max_bytes)))
            except EquipoiseError as exc:
                results[i] = SkippedFile(str(path), exc.message if exc.path else str(exc))
        same = store.unchanged_many([d for _, d in docs])  # no need to extract these again
        todo = []
        for i, doc in docs:
            if doc.name in same:
                results[i] = same[doc.name]
            else:
                when, source = doc_date, "option"
                if when is None and doc.date is not None:
                    when, source = doc.date, "metadata"
                todo.append((i, doc, when, source))
        extracted = run_chunked(executor, _extract_task, [(d.text, d.name, w) for _, d, w, _ in todo])
        to_save = []
        for (i, doc, when, source), ext in zip(todo, extracted):
            if isinstance(ext, EquipoiseError):
                results[i] = SkippedFile(str(files[i]), ext.message if ext.path else str(ext))
                continue
            if when is None:  # the extractor found one in the text (or took the latest date mentioned)
                when = getattr(ext, "reference_date", None)
                source = getattr(ext, "reference", None) if when is not None else None
            to_save.append((i, (doc, ext, when, source)))
        for start in range(0, len(to_save), max(batch, 1)):
            chunk = to_save[start:start + max(batch, 1)]
            for (i, item), out in zip(chunk, store.save_many([item for _, item in chunk])):
                results[i] = out if not isinstance(out, EquipoiseError) else \
                    SkippedFile(str(files[i]), out.message if out.path else str(out))
        if progress is not None:
            for i, path in enumerate(piece, start=base + 1):
                progress(i, len(files), Path(path).name)
    return IngestResult(outcomes=tuple(r for r in results if isinstance(r, SaveOutcome)),
                        skipped=tuple(SkippedFile(str(f), "a link to a file outside the folder given; not followed")
                                      for f in outside) + tuple(r for r in results if isinstance(r, SkippedFile)),
                        db=store.url,
                        doc_date=doc_date, max_bytes=max_bytes)


def _extract_task(args: tuple):
    return extract_document(*args)
