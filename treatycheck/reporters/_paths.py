"""Paths as CI systems want them: relative to the working directory, with forward slashes."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from ..findings import Location

__all__ = ["is_file_path", "shown_location", "shown_path"]


def is_file_path(path: str) -> bool:
    """Whether a location path names a file (``<dataset>`` names no file)."""
    return bool(path) and not (path.startswith("<") and path.endswith(">"))


def shown_path(path: str, base_dir: str | None = None) -> str:
    """``path`` relative to ``base_dir`` (default: the working directory), ``/``-separated.

    A path outside ``base_dir`` stays absolute; a pseudo path such as
    ``<dataset>`` is returned unchanged.
    """
    if not is_file_path(path):
        return path
    base = _absolute(base_dir) if base_dir is not None else Path.cwd()
    full = _absolute(path)
    try:
        relative = full.relative_to(base)
    except ValueError:
        return full.as_posix()
    return PurePosixPath(*relative.parts).as_posix() if relative.parts else "."


def shown_location(location: Location, base_dir: str | None = None) -> str:
    """``path:line:column``, with the path as :func:`shown_path` shows it."""
    return f"{shown_path(location.path, base_dir)}:{location.line}:{location.column}"


def _absolute(path: str) -> Path:
    """An absolute, normalised path; symbolic links are kept as written."""
    return Path(os.path.normpath(Path(path).absolute()))
