"""Where Equipoise keeps a user's data: the evidence store, uploads and saved scenarios.

``$EQUIPOISE_DATA_DIR`` when set, else the user's data folder as the XDG base-directory
specification names it (``$XDG_DATA_HOME/equipoise``, by default
``~/.local/share/equipoise``) — never the current directory, so commands run from a
checkout write nothing into it. ``equipoise ingest``, ``documents`` and ``serve`` share
the store ``DATA_DIR/equipoise.db``, so a document ingested is one the web app can open.

Caches that can be rebuilt at any time (parsed case files) go to ``$EQUIPOISE_CACHE_DIR``,
else ``$XDG_CACHE_HOME/equipoise`` (by default ``~/.cache/equipoise``);
``EQUIPOISE_NO_CACHE=1`` turns them off.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["default_data_dir", "default_store_url", "default_cache_dir"]


def default_data_dir() -> Path:
    """The user's Equipoise data folder (not created here)."""
    env = os.environ.get("EQUIPOISE_DATA_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "equipoise"


def default_store_url() -> str:
    """SQLAlchemy URL of the default evidence store, its folder created if missing."""
    folder = default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'equipoise.db'}"


def default_cache_dir() -> Path | None:
    """The user's Equipoise cache folder (not created here), or ``None`` when
    ``$EQUIPOISE_NO_CACHE`` is set to anything but ``0`` or the empty string."""
    if os.environ.get("EQUIPOISE_NO_CACHE", "") not in ("", "0"):
        return None
    env = os.environ.get("EQUIPOISE_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "equipoise"
