"""Read a case from a YAML file or a folder of YAML files, keeping line numbers.

Errors name the file, the line and the field (``nea.yaml:42: relations[3].value:
...``). A folder's files are read in name order; their top-level lists are
concatenated and the ``case`` mapping may appear in one file only.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import CaseError
from .models import Case

__all__ = ["Located", "load_case", "read_yaml", "default_case_path", "format_loc", "write_text_atomic", "write_yaml_atomic"]

LIST_KEYS = ("sources", "actors", "periods", "events", "relations", "indicators", "issues", "claims", "games")


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


def read_yaml(path: Path, offsets: dict | None = None, lines: dict | None = None) -> Any:
    """Parse one YAML file; record line numbers into ``lines``."""
    fname = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=fname) from exc
    except OSError as exc:
        raise CaseError(f"cannot read: {exc.strerror}", path=fname) from exc
    try:
        loader = _CaseLoader(text)
        try:  # parse once: the node tree gives line numbers, the same tree gives the data
            node = loader.get_single_node()
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
    if node is not None and lines is not None:
        _walk(node, (), fname, lines, offsets)
    return data


def default_case_path() -> Path:
    """The folder of the default Northeast Asia case shipped in the package."""
    return Path(str(resources.files("equipoise.case").joinpath("default")))


def _read_located(path: Path) -> Located:
    lines: dict[tuple, tuple[str, int]] = {}
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise CaseError("folder holds no .yaml files", path=str(path))
        merged: dict[str, Any] = {}
        for f in files:
            offsets = {k: len(merged.get(k, [])) for k in LIST_KEYS}
            data = read_yaml(f, offsets, lines)
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
    if not path.exists():
        raise CaseError("no such file or folder", path=str(path))
    data = read_yaml(path, None, lines)
    if not isinstance(data, dict):
        raise CaseError("expected a mapping of sections (case, actors, events, ...)", path=str(path), line=1)
    lines.setdefault((), (str(path), 1))
    return Located(data, lines)


def _pydantic_problems(exc: ValidationError, located: Located) -> list[CaseError]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        fname, line = located.where(loc)
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = "required field is missing"
        elif err["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling against the case format)"
        elif "input" in err and err["type"] not in ("value_error",) and not isinstance(err["input"], (dict, list)):
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
