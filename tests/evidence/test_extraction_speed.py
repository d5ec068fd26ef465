"""The machinery behind extraction speed: it must find exactly what the plain forms find.

Timings live in ``benchmarks/bench_extraction.py``; these tests check that the fast
paths (case-sensitive matching of lower-cased ASCII text, blank-line runs, the
gazetteer cache) give the same results as the straightforward ones, and that
pathological inputs come out well-formed.
"""

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.evidence import gazetteer as gazetteer_module
from equipoise.evidence.extract import extract_text
from equipoise.evidence.gazetteer import CaselessPattern, _folds_like_ascii, load_gazetteer, trie_pattern
from equipoise.evidence.segment import MAX_SENTENCE, Span, paragraphs

WORDS = ["cold war", "cold", "north", "north korea", "kim jong un", "visit", "talks", "tête-à-tête", "o'brien"]


def _spans(matches):
    return [m.span() for m in matches]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeklnorstuvwCDKLNORST '-\n.éÉİıſ\u212a", max_size=60))
def test_caseless_pattern_finds_what_ignorecase_finds(text):
    pattern = r"(?<![\w.])" + trie_pattern(WORDS) + r"(?!\w)"
    assert _spans(CaselessPattern(pattern).finditer(text)) == _spans(re.finditer(pattern, text, re.IGNORECASE))


def test_caseless_pattern_refuses_the_fast_path_when_a_character_folds_to_ascii():
    assert _folds_like_ascii(r"(?<!\w)cold(?!\w)")
    assert not _folds_like_ascii("Cold")  # an upper-case letter
    assert not _folds_like_ascii("\u212aim")  # the Kelvin sign matches "k" case-insensitively
    rx = CaselessPattern("\u212aim")
    assert _spans(rx.finditer("Kim and kim")) == [(0, 3), (8, 11)]


def _paragraphs_one_cut_per_blank_line(text):
    """The plain rule: cut at every blank line, strip each piece, drop the empty ones."""
    blank = re.compile(r"\n[ \t\u00a0]*\n")
    if not blank.search(text):
        return None
    pieces, pos = [], 0
    for m in blank.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    out = []
    for a, b in pieces:
        chunk = text[a:b]
        lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk.rstrip())
        if trail > lead:
            out.append(Span(a + lead, a + trail, text[a + lead:a + trail]))
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t\n\u00a0\r", max_size=40))
def test_paragraphs_cut_at_a_run_of_blank_lines_as_at_each_one(text):
    expected = _paragraphs_one_cut_per_blank_line(text)
    if expected is not None:
        assert paragraphs(text) == expected


@pytest.mark.parametrize("text", [
    ("Chile, Peru, talks, 2019, Lima, shells, " * 600)[:20_000],  # one line of comma-separated names
    "," * 20_000,
    "\n" * 20_000,
    ("Gabriel Boric " * 1500)[:20_000],  # one actor's name repeated
    ("Chile praised Peru in 2019 and " * 700)[:20_000],  # no full stop
])
def test_pathological_inputs_come_out_well_formed(text):
    r = extract_text(text, doc="odd.txt")
    for s in r.sentences:
        assert s.span[1] - s.span[0] <= MAX_SENTENCE and text[s.span[0]:s.span[1]] == s.text
        for mention in (*s.actors, *s.dates, *s.quantities):
            a, b = mention.span
            assert s.span[0] <= a <= b <= s.span[1] and text[a:b] == mention.text
    json_ready = r.to_dict()
    assert json_ready["doc"] == "odd.txt" and len(json_ready["sentences"]) == len(r.sentences)


def _same_gazetteer(a, b):
    return (a._names, a._exact, a.events, a.idioms, a.synonyms, a.months, a.roles, a.bodies, a.dissolved) == \
        (b._names, b._exact, b.events, b.idioms, b.synonyms, b.months, b.roles, b.bodies, b.dissolved)


def test_the_gazetteer_is_cached_and_the_cache_is_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("EQUIPOISE_CACHE_DIR", str(tmp_path))
    built = load_gazetteer()
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1

    def no_rebuild(self):
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(gazetteer_module._Builder, "add_iso", no_rebuild)
    assert _same_gazetteer(load_gazetteer(), built)


def test_a_corrupt_or_foreign_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("EQUIPOISE_CACHE_DIR", str(tmp_path))
    built = load_gazetteer()
    (path,) = tmp_path.glob("gazetteer-*.pickle")
    for junk in (b"\x80\x05 truncated", pickle.dumps({"not": "a builder"})):
        path.write_bytes(junk)
        assert _same_gazetteer(load_gazetteer(), built)
        assert isinstance(pickle.loads(path.read_bytes()), gazetteer_module._Builder)  # written again


def test_a_cache_file_others_can_write_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("EQUIPOISE_CACHE_DIR", str(tmp_path))
    built = load_gazetteer()
    (path,) = tmp_path.glob("gazetteer-*.pickle")
    path.chmod(0o666)

    def rebuilt(self):
        raise RuntimeError("rebuilt")

    monkeypatch.setattr(gazetteer_module._Builder, "add_iso", rebuilt)
    try:
        load_gazetteer()
    except RuntimeError as exc:
        assert str(exc) == "rebuilt"
    else:
        raise AssertionError("a world-writable cache file was read")
    monkeypatch.undo()
    assert _same_gazetteer(load_gazetteer(), built)


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("EQUIPOISE_CACHE_DIR", str(blocker / "equipoise"))
    assert load_gazetteer().resolve("chile") is not None


def test_a_user_gazetteer_does_not_leak_into_the_cached_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("EQUIPOISE_CACHE_DIR", str(tmp_path / "cache"))
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {name: Zembla, code: ZMB}\n", encoding="utf-8")
    assert load_gazetteer(extra).resolve("zembla") is not None
    assert load_gazetteer().resolve("zembla") is None


def test_only_four_characters_beyond_ascii_fold_to_ascii():
    ascii_class = re.compile("[" + re.escape("".join(map(chr, range(128)))) + "]", re.IGNORECASE)
    folding = {chr(x) for x in range(128, 0x110000) if ascii_class.fullmatch(chr(x))}
    assert folding == set(gazetteer_module._FOLD_TO_ASCII)

