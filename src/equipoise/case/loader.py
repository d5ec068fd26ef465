"""Read a case from a YAML file or a folder of YAML files, keeping line numbers.

Errors name the file, the line and the field (``nea.yaml:42: relations[3].value:
...``). A folder's files are read in name order; their top-level lists are
concatenated and the ``case`` mapping may appear in one file only.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import CaseError
from .models import Case

__all__ = ["Located", "load_case", "read_yaml", "parse_yaml", "default_case_path", "format_loc", "write_text_atomic",
           "write_yaml_atomic", "MAX_YAML_BYTES", "MAX_YAML_NODES", "MAX_YAML_DEPTH"]

LIST_KEYS = ("sources", "actors", "periods", "events", "relations", "indicators", "issues", "claims", "games")

# Bounds on what one YAML file may hold, far above any real case (the default case is
# ~300 kB, ~40,000 nodes, depth 8) and far below what exhausts memory or the stack:
# a 500-byte "billion laughs" file of nested aliases expands to 10^9 nodes.
MAX_YAML_BYTES = 50 * 2**20
MAX_YAML_NODES = 100_000  # values that aliases may add (each alias counts as the nodes it expands to)
MAX_YAML_DEPTH = 100
MAX_INT_DIGITS = 100


@dataclass
class Located:
    """Plain data read from YAML, with a map from data path to (file, line)."""

    data: Any
    lines: dict[tuple, tuple[str, int]] = field(default_factory=dict)

    def where(self, loc: tuple) -> tuple[str | None, int | None]:
        """The file and line of the deepest known prefix of ``loc``."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), (None, None))

    def __deepcopy__(self, memo: dict) -> "Located":
        return self  # read-only once loaded: copies of a case share its map of lines


def format_loc(loc: tuple) -> str:
    """``("relations", 3, "value")`` -> ``relations[3].value``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class _CaseLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: ~10x faster
    """SafeLoader that leaves dates as text: the case models parse them (and a bad
    date such as 2018-13-01 becomes a located error instead of a crash)."""


_CaseLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in res if tag != "tag:yaml.org,2002:timestamp"]
    for ch, res in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _walk(node: yaml.Node, path: tuple, fname: str, lines: dict, offsets: dict | None = None) -> None:
    lines[path] = (fname, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            k = key.value
            if k in seen:
                raise CaseError(f"duplicate key {k!r} (first on line {seen[k]})", path=fname,
                                line=key.start_mark.line + 1, field=format_loc(path + (k,)))
            seen[k] = key.start_mark.line + 1
            sub = path + (k,)
            if offsets is not None and not path and k in offsets:
                # top-level list of a folder case: shift indices by what earlier files held
                lines[sub] = (fname, value.start_mark.line + 1)
                if isinstance(value, yaml.SequenceNode):
                    for i, item in enumerate(value.value):
                        _walk(item, (k, offsets[k] + i), fname, lines)
                continue
            _walk(value, sub, fname, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), fname, lines)


def _check_tree(node: yaml.Node, fname: str) -> None:
    """Refuse a node tree whose aliases add more than :data:`MAX_YAML_NODES` values, that
    nests deeper than :data:`MAX_YAML_DEPTH`, refers to itself, or holds an over-long integer.

    Each distinct node is sized once (an alias shares its anchor's node), so this costs
    time linear in the file, however large the expansion it measures.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    biggest: list = [0, node]  # the alias expanding to most values, for the error's line

    def err(n: yaml.Node, msg: str) -> CaseError:
        return CaseError(msg, path=fname, line=n.start_mark.line + 1)

    def size(n: yaml.Node, depth: int, via: yaml.Node | None = None) -> int:
        key = id(n)
        if key in active:
            raise err(via or n, "invalid YAML: an alias refers to the node that contains it (recursive alias)")
        if key in sizes:  # a second reference: an alias
            if sizes[key] > biggest[0]:
                biggest[:] = [sizes[key], via or n]
            return sizes[key]
        if depth > MAX_YAML_DEPTH:
            raise err(n, f"invalid YAML: nested deeper than {MAX_YAML_DEPTH} levels")
        if isinstance(n, yaml.ScalarNode):
            if n.tag == "tag:yaml.org,2002:int" and len(n.value) > MAX_INT_DIGITS:
                raise err(n, f"number too long ({len(n.value)} characters; at most {MAX_INT_DIGITS})")
            total = 1
        else:
            active.add(key)
            children = [x for kv in n.value for x in kv] if isinstance(n, yaml.MappingNode) else n.value
            total = 1 + sum(size(c, depth + 1, n) for c in children)
            active.discard(key)
        sizes[key] = total
        return total

    extra = size(node, 0) - len(sizes)
    if extra > MAX_YAML_NODES:
        raise err(biggest[1], f"invalid YAML: aliases add {extra:,} values (at most {MAX_YAML_NODES:,}; "
                              "an alias bomb?)")


def parse_yaml(text: str, fname: str = "<text>", *, offsets: dict | None = None, lines: dict | None = None) -> Any:
    """Parse YAML text safely (no tags beyond plain data; dates stay text), within the bounds above.

    Raises :class:`CaseError` with the file and line for invalid YAML, an alias bomb, a
    recursive alias, nesting deeper than :data:`MAX_YAML_DEPTH` or an over-long integer.
    """
    try:
        loader = _CaseLoader(text)
        try:  # parse once: the node tree gives line numbers, the same tree gives the data
            node = loader.get_single_node()
            if node is not None:
                _check_tree(node, fname)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        msg = f"invalid YAML: {exc.problem or exc.context}"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            msg += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise CaseError(msg, path=fname, line=line) from exc
    except yaml.YAMLError as exc:
        raise CaseError(f"invalid YAML: {exc}", path=fname) from exc
    except RecursionError:
        raise CaseError(f"invalid YAML: nested deeper than {MAX_YAML_DEPTH} levels", path=fname) from None
    except ValueError as exc:  # e.g. a number the constructor cannot convert
        raise CaseError(f"invalid YAML value: {exc}", path=fname) from None
    if node is not None and lines is not None:
        _walk(node, (), fname, lines, offsets)
    return data


def _read_text(path: Path) -> str:
    """A regular file's text, read at most :data:`MAX_YAML_BYTES` (a FIFO or device is refused
    before it is opened, so reading never blocks or runs without end)."""
    fname = str(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise CaseError(f"cannot read: {exc.strerror}", path=fname) from exc
    if not stat.S_ISREG(st.st_mode):
        raise CaseError("not a regular file (a FIFO, device or socket cannot be a case file)", path=fname)
    if st.st_size > MAX_YAML_BYTES:
        raise CaseError(f"file too large ({st.st_size:,} bytes; at most {MAX_YAML_BYTES:,})", path=fname)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_YAML_BYTES + 1)
    except OSError as exc:
        raise CaseError(f"cannot read: {exc.strerror}", path=fname) from exc
    if len(raw) > MAX_YAML_BYTES:
        raise CaseError(f"file too large (more than {MAX_YAML_BYTES:,} bytes)", path=fname)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=fname) from exc


def read_yaml(path: Path, offsets: dict | None = None, lines: dict | None = None) -> Any:
    """Parse one YAML file (see :func:`parse_yaml`); record line numbers into ``lines``."""
    return parse_yaml(_read_text(Path(path)), str(path), offsets=offsets, lines=lines)


def default_case_path() -> Path:
    """The folder of the default Northeast Asia case shipped in the package."""
    return Path(str(resources.files("equipoise.case").joinpath("default")))


def _read_located(path: Path) -> Located:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise CaseError("folder holds no .yaml files", path=str(path))
    elif not path.exists():
        raise CaseError("no such file or folder", path=str(path))
    else:
        files = [path]
    try:
        texts = [_read_text(f) for f in files]
    except CaseError:  # report it below, in file order after any earlier file's own error
        return _parse_located(path, files, None)
    key = _cache_key(files, texts)
    if key is not None:
        cached = _cache_get(path, key)
        if cached is not None:
            return cached
    located = _parse_located(path, files, texts)
    if key is not None:
        _cache_put(path, key, located)
    return located


def _parse_located(path: Path, files: list[Path], texts: list[str] | None) -> Located:
    lines: dict[tuple, tuple[str, int]] = {}
    if path.is_dir():
        merged: dict[str, Any] = {}
        for i, f in enumerate(files):
            offsets = {k: len(merged.get(k, [])) for k in LIST_KEYS}
            data = read_yaml(f, offsets, lines) if texts is None else parse_yaml(texts[i], str(f), offsets=offsets,
                                                                               lines=lines)
            if data is None:
                continue
            if not isinstance(data, dict):
                raise CaseError("expected a mapping of sections (case, actors, events, ...)", path=str(f), line=1)
            for key, value in data.items():
                if key in LIST_KEYS:
                    if not isinstance(value, list):
                        raise CaseError(f"expected a list, got {type(value).__name__}", path=str(f),
                                        line=lines.get((key,), (None, None))[1], field=key)
                    merged.setdefault(key, []).extend(value)
                elif key in merged:
                    raise CaseError(f"section {key!r} appears in more than one file", path=str(f),
                                    line=lines.get((key,), (None, None))[1], field=key)
                else:
                    merged[key] = value
        lines.setdefault((), (str(files[0]), 1))
        return Located(merged, lines)
    data = read_yaml(path, None, lines) if texts is None else parse_yaml(texts[0], str(path), lines=lines)
    if not isinstance(data, dict):
        raise CaseError("expected a mapping of sections (case, actors, events, ...)", path=str(path), line=1)
    lines.setdefault((), (str(path), 1))
    return Located(data, lines)


# ------------------------------------------------------------------ parsed-case cache
#
# Composing the YAML node tree costs ~1 s for the default case even with libyaml (PyYAML
# builds a Python node and two marks per value). A case of at least CACHE_MIN_BYTES that
# parsed cleanly is kept as JSON (plain data, nothing executable), named after the case's
# path and holding the SHA-256 of everything the parse depends on: this module's source,
# PyYAML's version, each file's name and text. Any change re-parses; a cache file that is
# unreadable, not ours or malformed is ignored. Writes are atomic (temp file + rename).

CACHE_MIN_BYTES = 100_000
_CACHE_FORMAT = 1


def _cache_key(files: list[Path], texts: list[str]) -> str | None:
    if sum(len(t) for t in texts) < CACHE_MIN_BYTES:
        return None
    from ..datadir import default_cache_dir
    if default_cache_dir() is None:
        return None
    import hashlib
    h = hashlib.sha256(f"{_CACHE_FORMAT}\0{yaml.__version__}\0{yaml.__with_libyaml__}\0".encode())
    h.update(Path(__file__).read_bytes())
    for f, t in zip(files, texts):
        h.update(b"\0" + str(f).encode("utf-8", "surrogateescape") + b"\0" + t.encode("utf-8") + b"\0")
    return h.hexdigest()


def _cache_file(path: Path) -> Path | None:
    from ..datadir import default_cache_dir
    folder = default_cache_dir()
    if folder is None:
        return None
    import hashlib
    name = hashlib.sha256(str(path.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return folder / "cases" / f"{name}.json"


def _json_plain(obj: Any) -> bool:
    """True when ``obj`` survives a JSON round trip unchanged (str-keyed dicts, lists,
    str/int/float/bool/None); anything else (sets, bytes, dates, int keys) is not cached."""
    stack = [obj]
    while stack:
        x = stack.pop()
        t = type(x)
        if t is dict:
            if any(type(k) is not str for k in x):
                return False
            stack.extend(x.values())
        elif t is list:
            stack.extend(x)
        elif t not in (str, int, float, bool, type(None)):
            return False
    return True


def _cache_get(path: Path, key: str) -> Located | None:
    import gc
    import json
    file = _cache_file(path)
    collecting = gc.isenabled()
    gc.disable()  # ~80,000 new containers, none cyclic: collecting while building them doubles the time
    try:
        st = file.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
            return None
        payload = json.loads(file.read_bytes())
        if payload.get("format") != _CACHE_FORMAT or payload.get("key") != key:
            return None
        names = payload["files"]
        lines = {tuple(p): (names[i], n) for p, i, n in payload["lines"]}
        return Located(payload["data"], lines)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    finally:
        if collecting:
            gc.enable()


def _cache_put(path: Path, key: str, located: Located) -> None:
    import json
    if not _json_plain(located.data):
        return
    file = _cache_file(path)
    names: dict[str, int] = {}
    rows = [[list(p), names.setdefault(f, len(names)), n] for p, (f, n) in located.lines.items()]
    payload = {"format": _CACHE_FORMAT, "key": key, "files": list(names), "lines": rows, "data": located.data}
    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_text_atomic(file, json.dumps(payload, ensure_ascii=False, separators=(",", ":")), mode=0o600)
    except (OSError, ValueError):  # a read-only or full disk: the cache is only an optimisation
        pass


def _pydantic_problems(exc: ValidationError, located: Located) -> list[CaseError]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "non_finite" and err["ctx"].get("key"):  # raised for one field of the model
            loc += (err["ctx"]["key"],)
            msg = msg.removeprefix(err["ctx"]["field"])
        fname, line = located.where(loc)
        if err["type"] == "missing":
            msg = "required field is missing"
        elif err["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling against the case format)"
        elif "input" in err and err["type"] not in ("value_error", "non_finite") and not isinstance(err["input"], (dict, list)):
            msg = f"{msg}, got {err['input']!r}"
        # drop pydantic's union/validator tags from the path
        clean = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        out.append(CaseError(msg, path=fname, line=line, field=format_loc(clean)))
    return out


def load_case(path: str | os.PathLike | None = None, *, check: bool = True) -> Case:
    """Load and validate a case; ``None`` loads the default Northeast Asia case.

    Raises :class:`~equipoise.errors.CaseError` listing every problem found, each
    as ``file:line: field: message``.

    >>> case = load_case()
    >>> case.case.id
    'northeast-asia'
    """
    from .validate import check_case  # local: validate imports loader helpers

    located = _read_located(Path(path) if path is not None else default_case_path())
    try:
        case = Case.model_validate(located.data)
    except ValidationError as exc:
        problems = _pydantic_problems(exc, located)
        raise CaseError(f"{len(problems)} problem(s)", problems=problems) from exc
    if check:
        report = check_case(case, located)
        if report.errors:
            raise CaseError(f"{len(report.errors)} problem(s)", problems=report.errors)
    case._located = located  # for warnings with lines later
    return case


def write_text_atomic(path: str | os.PathLike, text: str, *, mode: int | None = None) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically: a temp file beside it, then a rename.

    ``mode`` sets the file's permissions (the temp file starts as 0600); the parent
    folder is created if needed. On any error the temp file is removed and ``path``
    is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_yaml_atomic(path: str | os.PathLike, data: Any) -> Path:
    """Write ``data`` as YAML to ``path`` atomically (see :func:`write_text_atomic`)."""
    return write_text_atomic(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
