"""Edit case YAML files in place, keeping the analyst's comments, order and layout.

A full round trip through a YAML library re-flows long scalars and re-indents
lists written in another style (ruamel.yaml's round trip does both on the
default case), so the case's files are not re-emitted. Instead
:class:`YamlEdits` parses a file once with libyaml (through PyYAML) to learn
where each node starts and ends, renders only the new values (with ruamel.yaml,
in the file's own indentation) and splices them into the text:
appending to a block or flow list, adding a key to a block or flow mapping, or
replacing one value. Every other byte of the file is kept.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..errors import CaseError

__all__ = ["YamlEdits", "flow", "quoted"]


@functools.lru_cache(maxsize=1)
def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def flow(value: Any) -> Any:
    """A copy of ``value`` whose lists and mappings render in flow style (``[a, b]``, ``{k: v}``)."""
    if isinstance(value, dict):
        m = CommentedMap((k, flow(v)) for k, v in value.items())
        m.fa.set_flow_style()
        return m
    if isinstance(value, (list, tuple)):
        s = CommentedSeq(flow(v) for v in value)
        s.fa.set_flow_style()
        return s
    return value


def quoted(text: str) -> DoubleQuotedScalarString:
    """A string that always renders in double quotes (CAMEO codes, dates)."""
    return DoubleQuotedScalarString(text)


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/(\d{4}(-\d{2}(-\d{2})?)?|\.\.))?$")


_RESOLVER = yaml.resolver.Resolver()


def _safe(value: Any) -> Any:
    """Double-quote every string that a YAML 1.1 reader (PyYAML, the case loader) would not read back
    as that string (``no``, ``1e3``, ``0x10``...); keep flow styles."""
    if isinstance(value, CommentedMap) or isinstance(value, dict):
        out = CommentedMap((k, _safe(v)) for k, v in value.items())
        if getattr(value, "fa", None) is not None and value.fa.flow_style():
            out.fa.set_flow_style()
        return out
    if isinstance(value, (CommentedSeq, list, tuple)):
        out = CommentedSeq(_safe(v) for v in value)
        if getattr(value, "fa", None) is not None and value.fa.flow_style():
            out.fa.set_flow_style()
        return out
    if isinstance(value, str) and not isinstance(value, DoubleQuotedScalarString):
        same = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
        if _DATE.match(value):  # the case loader reads dates as text; keep them plain, as analysts write them
            return value
        if not same or value != value.strip() or value[:1] in "'\"":
            return DoubleQuotedScalarString(value)
    return value


def _dump(value: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(_safe(value), buf)
    return textwrap.dedent(buf.getvalue())


def render_inline(value: Any) -> str:
    """One value as it would appear inside a flow collection (mappings always in braces)."""
    if isinstance(value, (dict, list, tuple)):
        return _dump(flow(value)).strip()
    seq = CommentedSeq([value])
    seq.fa.set_flow_style()
    return _dump(seq).strip()[1:-1].strip()


def _matching(text: str, pos: int) -> int:
    """Offset of the bracket closing the one at ``text[pos]`` (``[`` or ``{``), skipping quoted text."""
    depth, i, quote = 0, pos, None
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                if quote == "'" and i + 1 < len(text) and text[i + 1] == "'":
                    i += 2
                    continue
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced brackets")


@dataclass
class YamlEdits:
    """Pending edits to one YAML file's text, applied together by :meth:`result`.

    Positions come from one parse of the original text (libyaml through PyYAML:
    each node's start and end mark), so edits never see each other's shifts;
    edits at the same place keep the order they were made in, lines continuing
    a deeper block first. ``data`` is the file's plain data (dates as text, as
    the case loader reads them).
    """

    path: str
    text: str
    data: Any = None
    _root: Any = None
    _edits: list[tuple[int, int, int, int, str]] = field(default_factory=list)
    _lines: list[str] = field(default_factory=list)
    _offsets: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        from .loader import _CaseLoader
        try:
            loader = _CaseLoader(self.text)
            try:
                self._root = loader.get_single_node()
                self.data = loader.construct_document(self._root) if self._root is not None else None
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise CaseError(f"invalid YAML: {exc.problem or exc.context}", path=self.path,
                            line=mark.line + 1 if mark else None) from exc
        except yaml.YAMLError as exc:
            raise CaseError(f"invalid YAML: {exc}", path=self.path) from exc
        self._lines = self.text.splitlines(keepends=True)
        self._offsets = [0]
        for ln in self._lines:
            self._offsets.append(self._offsets[-1] + len(ln))

    # ------------------------------------------------------------ positions
    def node(self, path: tuple) -> Any:
        """The plain data at ``path``."""
        node = self.data
        for p in path:
            node = node[p]
        return node

    def _ynode(self, path: tuple) -> yaml.Node:
        node = self._root
        for p in path:
            if isinstance(node, yaml.MappingNode):
                node = next(v for k, v in node.value if k.value == p)
            else:
                node = node.value[p]
        return node

    def _key_node(self, path: tuple, key: str) -> tuple[yaml.Node, yaml.Node]:
        return next((k, v) for k, v in self._ynode(path).value if k.value == key)

    def _block_end(self, start_line: int, indent: int) -> int:
        """Index of the line after the block that starts on ``start_line`` and is indented deeper than
        ``indent`` on its following lines (trailing blank and comment lines excluded)."""
        last = start_line
        for i in range(start_line + 1, len(self._lines)):
            s = self._lines[i]
            body = s.strip()
            if not body or body.startswith("#"):
                continue
            if len(s) - len(s.lstrip(" ")) <= indent:
                break
            last = i
        return last + 1

    def _insert_lines(self, line: int, text: str) -> None:
        if line >= len(self._lines) and self._lines and not self._lines[-1].endswith("\n"):
            text = "\n" + text
        at = self._offsets[min(line, len(self._lines))]
        # lines inserted at one place: those continuing the deeper block above come first
        indent = len(text.lstrip("\n")) - len(text.lstrip("\n").lstrip(" "))
        self._edits.append((at, at, -indent, len(self._edits), text))

    def _inline(self, at: int, text: str) -> None:
        self._edits.append((at, at, 0, len(self._edits), text))

    def _close(self, node: yaml.Node) -> int:
        """Offset of the closing bracket of a flow collection."""
        end = node.end_mark.index - 1
        if 0 <= end < len(self.text) and self.text[end] in "]}":
            return end
        return _matching(self.text, node.start_mark.index)

    # ------------------------------------------------------------ edits
    def append(self, path: tuple, items: list[Any]) -> None:
        """Append ``items`` to the list at ``path`` (block or flow style)."""
        seq = self._ynode(path)
        if not isinstance(seq, yaml.SequenceNode):
            raise CaseError(f"expected a list at {'.'.join(map(str, path))}", path=self.path)
        if seq.flow_style or not seq.value:
            close = self._close(seq)
            sep = ", " if seq.value else ""
            self._inline(close, sep + ", ".join(render_inline(v) for v in items))
            return
        last = seq.value[-1]
        line, col = last.start_mark.line, last.start_mark.column
        dash = self._lines[line].rfind("-", 0, col)
        end = self._block_end(line, dash)
        out = ""
        for item in items:
            if isinstance(item, CommentedMap) and item.fa.flow_style():
                body = "- " + render_inline(item) + "\n"
            else:
                body = _dump([CommentedMap(item) if isinstance(item, dict) else item])
            out += "".join(" " * dash + ln for ln in body.splitlines(keepends=True))
        self._insert_lines(end, out)

    def add_key(self, path: tuple, key: str, value: Any) -> None:
        """Add ``key: value`` to the mapping at ``path`` (which must not hold ``key``)."""
        m = self._ynode(path)
        if any(k.value == key for k, _ in m.value):
            raise CaseError(f"{key!r} is already set at {'.'.join(map(str, path))}", path=self.path)
        if m.flow_style:
            self._inline(self._close(m), f", {key}: {render_inline(value)}")
            return
        first = m.value[0][0]
        line, col = first.start_mark.line, first.start_mark.column
        end = self._block_end(line, col - 1)
        if isinstance(value, (dict, list)) and not getattr(value, "fa", None):
            value = flow(value)
        body = _dump(CommentedMap([(key, value)]))
        self._insert_lines(end, "".join(" " * col + ln for ln in body.splitlines(keepends=True)))

    def set_value(self, path: tuple, key: str, value: Any) -> None:
        """Replace the value of ``key`` in the mapping at ``path`` by ``value`` (rendered in flow style)."""
        m = self._ynode(path)
        if not any(k.value == key for k, _ in m.value):
            self.add_key(path, key, value)
            return
        knode, vnode = self._key_node(path, key)
        new = render_inline(flow(value) if isinstance(value, (dict, list)) else value)
        if m.flow_style or isinstance(vnode, yaml.ScalarNode) or vnode.flow_style:
            self._edits.append((vnode.start_mark.index, vnode.end_mark.index, 0, len(self._edits), new))
            return
        # a block collection: replace from after "key:" to the end of its block
        start = self.text.index(":", knode.end_mark.index) + 1
        end_line = self._block_end(knode.start_mark.line, knode.start_mark.column)
        end = self._offsets[end_line] - 1
        self._edits.append((start, end, 0, len(self._edits), " " + new))

    def add_section(self, key: str, items: list[Any]) -> None:
        """Add a new top-level ``key:`` list at the end of the file."""
        body = _dump(CommentedMap([(key, [CommentedMap(i) if isinstance(i, dict) else i for i in items])]))
        text = body if not self.text or self.text.endswith("\n") else "\n" + body
        self._edits.append((len(self.text), len(self.text), 0, len(self._edits), text))

    @property
    def changed(self) -> bool:
        return bool(self._edits)

    def result(self) -> str:
        """The text with every edit applied."""
        out = self.text
        for start, end, _, _, new in sorted(self._edits, key=lambda e: e[:4], reverse=True):
            out = out[:start] + new + out[end:]
        return out
