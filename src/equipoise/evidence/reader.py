"""Read documents (.txt, .md, .html, .pdf) into text with metadata, or refuse them clearly.

Plain text and Markdown are decoded from their bytes: a byte-order mark decides
(UTF-8, UTF-16, UTF-32), otherwise UTF-8, otherwise Windows-1252/Latin-1. HTML is
reduced to its main text by trafilatura [1]_; PDF gives its text layer through
pypdf. Line ends are normalised to ``\\n``; the text returned is the text that
the store keeps and that every offset points into.

Every refusal is an :class:`~equipoise.errors.EvidenceError` naming the file and
the reason: too large, empty, binary, HTML without main text, PDF without a text
layer, unreadable PDF, unsupported type.

References
----------
.. [1] Barbaresi, A. (2021). Trafilatura: A Web Scraping Library and Command-Line
   Tool for Text Discovery and Extraction. Proceedings of ACL-IJCNLP 2021: System
   Demonstrations, 122-131. doi:10.18653/v1/2021.acl-demo.15
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..errors import EvidenceError

__all__ = ["Document", "read_document", "expand_paths", "SUPPORTED_SUFFIXES", "DEFAULT_MAX_BYTES",
           "decode_text"]

SUPPORTED_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                      ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}
DEFAULT_MAX_BYTES = 20_000_000  # 20 MB

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_BYLINE = re.compile(r"(?:^|\b(?:[Aa]nalysis|[Cc]ommentary|[Ww]ritten|[Pp]osted|[Rr]eport(?:ed)?)\s)"
                     r"[Bb]y:?\s+((?:(?:Prof|Dr|Mr|Ms|Mrs)\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*$")
_FIELD = re.compile(r"^\s*(title|author|date|published)\s*:\s*(.+?)\s*$", re.I)


@dataclass(frozen=True)
class Document:
    """A document's text and what is known about it.

    Attributes
    ----------
    path : str
        The path it was read from.
    name : str
        Its file name: the document's identity in the store and in locators.
    kind : str
        ``text``, ``markdown``, ``html`` or ``pdf``.
    text : str
        The text (HTML: main text; PDF: text layer) with ``\\n`` line ends.
    sha256 : str
        SHA-256 of ``text`` in UTF-8: the same content read twice has the same hash.
    encoding : str or None
        The encoding the bytes were decoded with (text and Markdown only).
    title, author : str or None
        From HTML/PDF metadata, Markdown front matter, or the text's head.
    date : datetime.date or None
        A publication date found in the metadata or the text's head.
    size : int
        File size in bytes.
    """

    path: str
    name: str
    kind: str
    text: str
    sha256: str
    encoding: str | None = None
    title: str | None = None
    author: str | None = None
    date: date | None = None
    size: int = 0

    def summary(self) -> str:
        bits = [self.name, self.kind, f"{len(self.text):,} chars"]
        if self.title:
            bits.append(repr(self.title))
        if self.author:
            bits.append(f"by {self.author}")
        if self.date:
            bits.append(self.date.isoformat())
        return ", ".join(bits)

    def to_dict(self, *, with_text: bool = False) -> dict:
        out = {"path": self.path, "name": self.name, "kind": self.kind, "sha256": self.sha256,
               "encoding": self.encoding, "title": self.title, "author": self.author,
               "date": self.date.isoformat() if self.date else None, "size": self.size,
               "chars": len(self.text)}
        if with_text:
            out["text"] = self.text
        return out


def expand_paths(paths: Iterable[str | Path], *, follow_links: bool = False,
                 outside: list[Path] | None = None) -> list[Path]:
    """Files named in ``paths``, with folders replaced by their supported files.

    Folders are walked recursively in sorted order; inside them, hidden entries and
    files of unsupported types are passed over, and so (unless ``follow_links``) is a
    symbolic link that resolves outside the folder, which is appended to ``outside``
    when given. A file named directly is kept whatever its type, so that
    :func:`read_document` can say why it is refused.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            root = p.resolve()
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and not any(part.startswith(".") for part in rel) \
                        and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    if not follow_links and not f.resolve().is_relative_to(root):
                        if outside is not None:
                            outside.append(f)
                        continue
                    out.append(f)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def decode_text(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Decode bytes of a text file; return ``(text, encoding)``.

    A byte-order mark wins; then strict UTF-8; then Windows-1252 (a superset of
    Latin-1's printable characters, with Latin-1 for its five undefined bytes).
    Raises :class:`EvidenceError` for bytes that look binary (NUL or other control
    characters in more than 1% of the text).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise EvidenceError(f"starts with a {enc.upper()} byte-order mark but does not decode as "
                                    f"{enc.upper()} ({exc.reason} at byte {exc.start})", path=path) from exc
            encoding = enc.replace("-sig", "") if enc == "utf-8-sig" else enc
            break
    else:
        if b"\x00" in data:
            raise EvidenceError("binary file (contains NUL bytes and no UTF-16/32 byte-order mark); "
                                "expected text, HTML or PDF", path=path)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
                text, encoding = data.decode("latin-1"), "latin-1"
    text = text.lstrip("\ufeff")
    controls = len(_CONTROL.findall(text))
    if controls and controls > 0.01 * len(text):
        raise EvidenceError(f"binary file ({controls} control characters in {len(text)}); "
                            "expected text, HTML or PDF", path=path)
    return text, encoding


def _norm_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _ISO_DATE.search(value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _head_metadata(text: str) -> tuple[str | None, str | None, date | None]:
    """Title, author and date from the first lines of a plain or Markdown text."""
    lines = [ln.strip() for ln in text.split("\n")[:40]]
    title = author = None
    when = None
    body = [ln for ln in lines if ln]
    for ln in body[:12]:
        m = _FIELD.match(ln)
        if m:
            key, val = m[1].lower(), m[2].strip().strip("\"'")
            if key == "title" and not title:
                title = val
            elif key == "author" and not author:
                author = val
            elif key in ("date", "published") and not when:
                when = _parse_date(val)
            continue
        if not author:
            b = _BYLINE.search(ln)
            if b:
                author = b[1].strip()
    if not title:
        for ln in body[:3]:
            if ln == "---" or _FIELD.match(ln):
                continue
            cand = ln.lstrip("#").strip()
            if cand and len(cand) <= 200 and not cand.endswith((".", ":", ";", ",")):
                title = cand
            break
    if when is None:
        for ln in body[:6]:
            if len(ln) <= 60:
                when = _parse_date(ln)
                if when:
                    break
    return title, author, when


def _read_pdf(path: Path, data: bytes) -> tuple[str, str | None, str | None, date | None]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EvidenceError("encrypted PDF (needs a password)", path=str(path))
        pages = [(page.extract_text() or "") for page in reader.pages]
        meta = reader.metadata
    except EvidenceError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise EvidenceError(f"not a readable PDF ({type(exc).__name__}: {exc})", path=str(path)) from exc
    # NUL never belongs in text (and PostgreSQL refuses it); some PDF fonts map glyphs to it.
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip()).replace("\x00", "")
    if not text.strip():
        raise EvidenceError(f"PDF has no text layer ({len(pages)} page(s) of images or blank pages); "
                            "run OCR first", path=str(path))
    title = author = when = None
    if meta is not None:
        title = (meta.title or "").strip() or None
        author = (meta.author or "").strip() or None
        try:
            when = _parse_date(meta.creation_date)
        except (ValueError, TypeError):
            when = None
    return text, title, author, when


def _read_html(path: Path, data: bytes) -> tuple[str, str | None, str | None, date | None]:
    import trafilatura

    raw, _ = decode_text(data, path=str(path))
    # favor_precision: menus, link lists and forms are not main text (trafilatura's fallback keeps them).
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=True,
                                      favor_precision=True)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise EvidenceError("HTML has no main text (only navigation, scripts or boilerplate)", path=str(path))
    # trafilatura puts one paragraph per line; a blank line between them keeps paragraphs apart.
    text = "\n\n".join(ln.strip() for ln in text.split("\n") if ln.strip())
    return text, doc.title or None, doc.author or None, _parse_date(doc.date)


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a :class:`Document`.

    Parameters
    ----------
    path : str or Path
        A ``.txt``/``.md``/``.html``/``.pdf`` file.
    max_bytes : int
        Files larger than this are refused (default 20 MB).

    Returns
    -------
    Document

    Raises
    ------
    EvidenceError
        With the file's path and the reason it cannot be used.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> _ = p.write_bytes("Caf\\xe9 talks\\n\\nMoscow met Pyongyang.".encode("latin-1"))
    >>> d = read_document(p)
    >>> d.encoding, d.title
    ('cp1252', 'Café talks')
    """
    p = Path(path)
    where = str(p)
    if max_bytes <= 0:
        raise EvidenceError(f"max_bytes must be a positive number of bytes, got {max_bytes}", field="max_bytes")
    if not p.exists():
        raise EvidenceError("no such file", path=where)
    if not p.is_file():
        raise EvidenceError("not a regular file", path=where)
    kind = SUPPORTED_SUFFIXES.get(p.suffix.lower())
    if kind is None:
        raise EvidenceError(f"unsupported file type {p.suffix or '(none)'!r}; expected one of "
                            ".txt, .md, .html, .pdf", path=where)
    size = p.stat().st_size
    if size > max_bytes:
        raise EvidenceError(f"file is {size / 1e6:.3g} MB, over the {max_bytes / 1e6:g} MB limit "
                            "(raise it with --max-size)", path=where)
    if size == 0:
        raise EvidenceError("empty file", path=where)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise EvidenceError(f"cannot read: {exc.strerror or exc}", path=where) from exc
    encoding = None
    if kind == "pdf":
        if not data.startswith(b"%PDF"):
            raise EvidenceError("not a PDF (no %PDF header)", path=where)
        text, title, author, when = _read_pdf(p, data)
    elif kind == "html":
        text, title, author, when = _read_html(p, data)
    else:
        if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04"):
            raise EvidenceError(f"binary file with a {p.suffix} name; expected text", path=where)
        text, encoding = decode_text(data, path=where)
        title, author, when = _head_metadata(text)
    text = _norm_newlines(text)
    if not text.strip():
        raise EvidenceError("empty file (only white space)", path=where)
    if kind == "pdf" or kind == "html":
        h_title, h_author, h_date = _head_metadata(text)
        title, author, when = title or h_title, author or h_author, when or h_date
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=where, name=p.name, kind=kind, text=text, sha256=sha, encoding=encoding,
                    title=title, author=author, date=when, size=size)
