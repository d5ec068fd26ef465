"""The parsed-case cache (``case.loader``): a hit gives exactly what a fresh parse gives;
any change to a file, a corrupt or foreign cache file, or data JSON cannot carry
makes the loader parse again; errors are never cached."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from equipoise.case import load_case
from equipoise.case import loader
from equipoise.case.loader import _read_located, default_case_path
from equipoise.case.tables import case_to_dict
from equipoise.errors import CaseError


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EQUIPOISE_CACHE_DIR", str(folder))
    monkeypatch.delenv("EQUIPOISE_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def case_copy(tmp_path):
    dest = tmp_path / "case"
    shutil.copytree(default_case_path(), dest)
    return dest


def _entries(folder):
    return sorted((folder / "cases").glob("*.json")) if (folder / "cases").is_dir() else []


def _fresh(path, monkeypatch):
    with monkeypatch.context() as m:
        m.setenv("EQUIPOISE_NO_CACHE", "1")
        return _read_located(path)


def test_a_hit_equals_a_fresh_parse(cache, case_copy, monkeypatch):
    calls = []
    real = loader.parse_yaml
    monkeypatch.setattr(loader, "parse_yaml", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = _read_located(case_copy)
    assert calls and len(_entries(cache)) == 1
    (entry,) = _entries(cache)
    assert entry.stat().st_mode & 0o777 == 0o600
    calls.clear()
    hit = _read_located(case_copy)
    assert not calls  # nothing parsed
    fresh = _fresh(case_copy, monkeypatch)
    assert hit.data == fresh.data == first.data
    assert hit.lines == fresh.lines
    monkeypatch.setenv("EQUIPOISE_NO_CACHE", "1")
    fresh_case = load_case(case_copy)
    monkeypatch.delenv("EQUIPOISE_NO_CACHE")
    assert case_to_dict(load_case(case_copy)) == case_to_dict(fresh_case)


def test_a_changed_file_is_parsed_again(cache, case_copy):
    line = _read_located(case_copy).where(("events", 0))[1]
    events = case_copy / "03_events.yaml"
    text = events.read_text()
    events.write_text("# a comment that moves every line down\n" + text)
    assert _read_located(case_copy).where(("events", 0))[1] == line + 1  # a stale hit would say `line`
    events.write_text(text)
    assert _read_located(case_copy).where(("events", 0))[1] == line
    assert len(_entries(cache)) == 1  # one entry per case path, replaced


def test_an_error_after_a_cached_parse_is_still_located(cache, case_copy):
    load_case(case_copy)
    claims = case_copy / "07_claims.yaml"
    claims.write_text(claims.read_text() + "  - id: [unclosed\n")
    with pytest.raises(CaseError) as info:
        load_case(case_copy)
    assert "07_claims.yaml" in str(info.value) and info.value.line is not None


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other-key", "bad-rows", "world-writable"])
def test_a_damaged_cache_entry_is_ignored(cache, case_copy, monkeypatch, damage):
    _read_located(case_copy)
    (entry,) = _entries(cache)
    raw = entry.read_text()
    if damage == "truncate":
        entry.write_text(raw[: len(raw) // 2])
    elif damage == "garbage":
        entry.write_bytes(b"\xff\xfe not json")
    elif damage == "other-key":
        payload = json.loads(raw)
        payload["key"] = "0" * 64
        payload["data"]["case"]["title"] = "tampered"
        entry.write_text(json.dumps(payload))
    elif damage == "bad-rows":
        payload = json.loads(raw)
        payload["lines"] = [[["case"], 99, 1]]
        entry.write_text(json.dumps(payload))
    else:
        payload = json.loads(raw)
        payload["data"]["case"]["title"] = "tampered"
        entry.write_text(json.dumps(payload))
        os.chmod(entry, 0o666)
    got = _read_located(case_copy)
    assert got.data == _fresh(case_copy, monkeypatch).data


def test_small_cases_and_data_json_cannot_carry_are_not_cached(cache, tmp_path):
    small = tmp_path / "small.yaml"
    small.write_text("case: {id: x, title: X}\n")
    _read_located(small)
    assert not _entries(cache)
    big = tmp_path / "big.yaml"  # large enough to cache, but with an integer key JSON would turn into text
    big.write_text("case: {id: x, title: X}\nextra:\n  1: one\n" + "".join(f"# padding {i:08d}\n" for i in range(6000)))
    assert len(big.read_text()) >= loader.CACHE_MIN_BYTES
    got = _read_located(big)
    assert got.data["extra"] == {1: "one"} and not _entries(cache)
    big.write_text(big.read_text().replace("  1: one", "  one: 1"))
    _read_located(big)
    assert len(_entries(cache)) == 1


def test_no_cache_when_turned_off(cache, case_copy, monkeypatch):
    monkeypatch.setenv("EQUIPOISE_NO_CACHE", "1")
    _read_located(case_copy)
    assert not cache.exists()


def test_an_unwritable_cache_folder_does_not_stop_loading(tmp_path, case_copy, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("EQUIPOISE_CACHE_DIR", str(blocker))
    monkeypatch.delenv("EQUIPOISE_NO_CACHE", raising=False)
    assert _read_located(case_copy).data["case"]["id"]
