"""A small, safe arithmetic language for payoff expressions.

Payoffs in a case's games are written as text such as
``salience_rus * (1 - abs(pos_rus - 80) / 100) - veto_cost``. This module parses
that text with a hand-written tokenizer and recursive-descent parser (never
``eval``) into a tree that evaluates over numbers or numpy arrays of Monte Carlo
draws.

Grammar (``^`` and ``**`` are the same right-associative power; unary minus binds
looser than power, so ``-2^2 == -4``)::

    expr   := term (("+" | "-") term)*
    term   := unary (("*" | "/") unary)*
    unary  := ("-" | "+") unary | power
    power  := atom (("^" | "**") unary)?
    atom   := NUMBER | NAME | FUNC "(" expr ("," expr)* ")" | "(" expr ")"

Functions: ``min``, ``max`` (two or more arguments), ``abs``, ``sqrt``, ``exp``,
``log`` (one argument). Anything else — attribute access, indexing, strings,
other calls, comparison — is rejected with an :class:`ExpressionError` naming the
position. Evaluation rejects division by zero, ``sqrt`` of a negative number,
``log`` of a non-positive number, exponents larger than :data:`MAX_EXPONENT` in
magnitude and non-finite results.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Mapping, Union

from ...errors import ModelInputError

__all__ = ["ExpressionError", "Expression", "parse_expression", "MAX_LENGTH", "MAX_DEPTH", "MAX_TREE_DEPTH",
           "MAX_EXPONENT",
           "FUNCTIONS"]

MAX_LENGTH = 2000
MAX_DEPTH = 40  # nesting of parentheses, calls, signs and powers
MAX_TREE_DEPTH = 200  # height of the parsed tree, counting each operator of a chain such as a+b+c+...
MAX_EXPONENT = 64.0
FUNCTIONS = {"min": (2, None), "max": (2, None), "abs": (1, 1), "sqrt": (1, 1), "exp": (1, 1), "log": (1, 1)}

Value = Union[float, "numpy.ndarray"]
np = None  # numpy, imported by the first evaluation: parsing (what ``case validate`` does) needs none


def _numpy():
    global np
    if np is None:
        import numpy
        np = numpy
    return np


class ExpressionError(ModelInputError):
    """An expression that cannot be parsed or evaluated."""


_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op>\*\*|[-+*/^(),])
""", re.VERBOSE)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokens(text: str) -> list[_Tok]:
    out, i = [], 0
    while i < len(text):
        m = _TOKEN.match(text, i)
        if m is None:
            ch = text[i]
            if ch == "." and i + 1 < len(text) and (text[i + 1].isalpha() or text[i + 1] == "_"):
                raise ExpressionError(f"attribute access is not allowed (at character {i + 1}) in {text!r}")
            if ch in "[]":
                raise ExpressionError(f"indexing is not allowed (at character {i + 1}) in {text!r}")
            if ch in "'\"":
                raise ExpressionError(f"strings are not allowed (at character {i + 1}) in {text!r}")
            raise ExpressionError(f"unexpected character {ch!r} at character {i + 1} in {text!r}; "
                                  "expected numbers, names, + - * / ^, parentheses or commas")
        if m.lastgroup != "ws":
            out.append(_Tok(m.lastgroup, m.group(), i))
        i = m.end()
    return out


# ---------------------------------------------------------------- tree

@dataclass(frozen=True)
class _Num:
    value: float


@dataclass(frozen=True)
class _Name:
    name: str


@dataclass(frozen=True)
class _Neg:
    arg: object


@dataclass(frozen=True)
class _Bin:
    op: str
    left: object
    right: object


@dataclass(frozen=True)
class _Call:
    func: str
    args: tuple


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise ExpressionError(f"unexpected end of expression {self.text!r}")
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.peek()
        if tok is None or tok.text != text:
            got = "the end" if tok is None else repr(tok.text)
            where = len(self.text) if tok is None else tok.pos + 1
            raise ExpressionError(f"expected {text!r} at character {where}, got {got} in {self.text!r}")
        self.i += 1

    def _nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression nested deeper than {MAX_DEPTH} levels: {self.text[:60]!r}...")

    def parse(self):
        if not self.toks:
            raise ExpressionError("empty expression")
        node = self.expr()
        tok = self.peek()
        if tok is not None:
            raise ExpressionError(f"unexpected {tok.text!r} at character {tok.pos + 1} in {self.text!r}")
        return node

    def expr(self):
        self._nest()
        node = self.term()
        while (tok := self.peek()) is not None and tok.text in "+-" and tok.kind == "op":
            self.take()
            node = _Bin(tok.text, node, self.term())
        self.depth -= 1
        return node

    def term(self):
        node = self.unary()
        while (tok := self.peek()) is not None and tok.text in ("*", "/"):
            self.take()
            node = _Bin(tok.text, node, self.unary())
        return node

    def unary(self):
        tok = self.peek()
        if tok is not None and tok.text in ("-", "+"):
            self.take()
            self._nest()
            arg = self.unary()
            self.depth -= 1
            return _Neg(arg) if tok.text == "-" else arg
        return self.power()

    def power(self):
        base = self.atom()
        tok = self.peek()
        if tok is not None and tok.text in ("^", "**"):
            self.take()
            self._nest()
            exp = self.unary()
            self.depth -= 1
            return _Bin("^", base, exp)
        return base

    def atom(self):
        tok = self.take()
        if tok.kind == "num":
            value = float(tok.text)
            if not math.isfinite(value):
                raise ExpressionError(f"number {tok.text[:20]!r} at character {tok.pos + 1} is too large in "
                                      f"{self.text[:80]!r}")
            return _Num(value)
        if tok.kind == "name":
            nxt = self.peek()
            if nxt is not None and nxt.text == "(":
                if tok.text not in FUNCTIONS:
                    raise ExpressionError(f"unknown function {tok.text!r} at character {tok.pos + 1}; "
                                          f"allowed: {', '.join(FUNCTIONS)}")
                self.take()
                self._nest()
                args = [self.expr()]
                while (t := self.peek()) is not None and t.text == ",":
                    self.take()
                    args.append(self.expr())
                self.expect(")")
                self.depth -= 1
                lo, hi = FUNCTIONS[tok.text]
                if len(args) < lo or (hi is not None and len(args) > hi):
                    want = f"{lo}" if lo == hi else f"at least {lo}"
                    raise ExpressionError(f"{tok.text}() takes {want} argument(s), got {len(args)} in {self.text!r}")
                return _Call(tok.text, tuple(args))
            if tok.text in FUNCTIONS:
                raise ExpressionError(f"function {tok.text!r} used without arguments in {self.text!r}")
            return _Name(tok.text)
        if tok.text == "(":
            self._nest()
            node = self.expr()
            self.expect(")")
            self.depth -= 1
            return node
        raise ExpressionError(f"unexpected {tok.text!r} at character {tok.pos + 1} in {self.text!r}")


def _children(node) -> tuple:
    if isinstance(node, _Neg):
        return (node.arg,)
    if isinstance(node, _Bin):
        return (node.left, node.right)
    if isinstance(node, _Call):
        return node.args
    return ()


def _height(root) -> int:
    """The tree's height, found without recursion (evaluation recurses once per level)."""
    best, stack = 0, [(root, 1)]
    while stack:
        node, h = stack.pop()
        best = max(best, h)
        stack.extend((c, h + 1) for c in _children(node))
    return best


def _names(node, out: set) -> set:
    if isinstance(node, _Name):
        out.add(node.name)
    elif isinstance(node, _Neg):
        _names(node.arg, out)
    elif isinstance(node, _Bin):
        _names(node.left, out)
        _names(node.right, out)
    elif isinstance(node, _Call):
        for a in node.args:
            _names(a, out)
    return out


@dataclass(frozen=True)
class Expression:
    """A parsed payoff expression; evaluate it with :meth:`evaluate`."""

    text: str
    tree: object

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """The parameter names the expression uses."""
        return frozenset(_names(self.tree, set()))

    def evaluate(self, env: Mapping[str, Value]) -> Value:
        """Evaluate over ``env`` (numbers or equal-length numpy arrays of draws).

        Raises
        ------
        ExpressionError
            Unknown name, division by zero, a domain error or a non-finite result.
        """
        missing = sorted(self.names - set(env))
        if missing:
            raise ExpressionError(f"unknown parameter(s) {', '.join(missing)} in {self.text!r}; "
                                  f"known: {', '.join(sorted(env)) or 'none'}")
        np = _numpy()
        with np.errstate(all="ignore"):
            value = self._eval(self.tree, env)
        if not np.all(np.isfinite(value)):
            raise ExpressionError(f"{self.text!r} does not evaluate to a finite number")
        return value if isinstance(value, np.ndarray) else float(value)

    def _eval(self, node, env):
        if isinstance(node, _Num):
            return node.value
        if isinstance(node, _Name):
            v = env[node.name]
            return np.asarray(v, dtype=float) if isinstance(v, np.ndarray) else float(v)
        if isinstance(node, _Neg):
            return -self._eval(node.arg, env)
        if isinstance(node, _Call):
            args = [self._eval(a, env) for a in node.args]
            f = node.func
            if f == "min":
                return _reduce(np.minimum, args)
            if f == "max":
                return _reduce(np.maximum, args)
            (x,) = args
            if f == "abs":
                return np.abs(x)
            if f == "sqrt":
                if np.any(np.asarray(x) < 0):
                    raise ExpressionError(f"sqrt of a negative number in {self.text!r}")
                return np.sqrt(x)
            if f == "exp":
                if np.any(np.asarray(x) > 700):
                    raise ExpressionError(f"exp overflows (argument above 700) in {self.text!r}")
                return np.exp(x)
            if np.any(np.asarray(x) <= 0):
                raise ExpressionError(f"log of a non-positive number in {self.text!r}")
            return np.log(x)
        a, b = self._eval(node.left, env), self._eval(node.right, env)
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        if node.op == "/":
            if np.any(np.asarray(b) == 0):
                raise ExpressionError(f"division by zero in {self.text!r}")
            return a / b
        if np.any(np.abs(np.asarray(b)) > MAX_EXPONENT):
            raise ExpressionError(f"exponent larger than {MAX_EXPONENT:g} in magnitude in {self.text!r}")
        if np.any((np.asarray(a) < 0) & (np.asarray(b) != np.round(b))):
            raise ExpressionError(f"negative number raised to a fractional power in {self.text!r}")
        if np.any((np.asarray(a) == 0) & (np.asarray(b) < 0)):
            raise ExpressionError(f"division by zero (0 raised to a negative power) in {self.text!r}")
        return np.power(np.asarray(a, dtype=float), b)  # overflow gives inf (refused at the end), never OverflowError


def _reduce(fn, args):
    out = args[0]
    for a in args[1:]:
        out = fn(out, a)
    return out


def parse_expression(text: str | float | int) -> Expression:
    """Parse ``text`` into an :class:`Expression` (numbers are accepted as constants).

    Examples
    --------
    >>> parse_expression("2 * x ^ 2 - max(y, 1)").evaluate({"x": 3, "y": 0.5})
    17.0
    >>> sorted(parse_expression("a / (b + 1)").names)
    ['a', 'b']
    """
    if isinstance(text, bool):
        raise ExpressionError(f"expected a number or an expression, got {text!r}")
    if isinstance(text, (int, float)):
        if not math.isfinite(text):
            raise ExpressionError(f"expected a finite number, got {text!r}")
        return Expression(repr(float(text)), _Num(float(text)))
    if not isinstance(text, str):
        raise ExpressionError(f"expected a number or an expression, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters ({len(text)})")
    return _parse_text(text)


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str) -> Expression:
    """Parse once per text: a game's payoffs are re-read at every Monte Carlo and sensitivity point,
    and an :class:`Expression` never changes (errors are raised again, not cached)."""
    tree = _Parser(text).parse()
    if _height(tree) > MAX_TREE_DEPTH:
        raise ExpressionError(f"expression has more than {MAX_TREE_DEPTH} operators in a chain or nested "
                              f"({text[:60]!r}...); split it into parameters")
    return Expression(text, tree)
