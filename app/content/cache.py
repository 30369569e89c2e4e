"""A cache of the loaded catalogue, so that a server starts without parsing every course.

Loading all courses in every language takes seconds, most of it rendering Markdown; a
server that starts (the gunicorn master with ``--preload``, or each worker without it)
reads instead a pickle of the catalogue and its problems. The file is named by a hash of
every file under the courses folder, of the code that loads them (``app/content``,
``app/languages.py``) and of the versions of Python and of the libraries that parse and
render them: any change makes a new name, so a stale cache is never read. A cache that
cannot be read is ignored and written again.

``flask courses check`` never reads it: it always reports from a real load.

The file is written under a temporary name and renamed, which is atomic on POSIX, so two
processes starting at once each read a whole file or none. Reading a pickle runs code: the
folder must be writable only by the app's own user (the instance folder is).
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.content.loader import load_catalog
from app.content.model import Catalog
from app.content.problems import ProblemList

log = logging.getLogger(__name__)

#: Bumped when the layout of the cache file changes.
FORMAT = 1
_APP = Path(__file__).resolve().parent.parent
#: The code whose output is cached: a change to any of these files is a new key.
CODE_PATHS: tuple[Path, ...] = (_APP / "content", _APP / "languages.py")
#: Libraries whose output is cached (YAML values, Markdown HTML, sanitised HTML).
LIBRARIES = ("PyYAML", "Markdown", "nh3")
_PREFIX, _SUFFIX = "content-", ".pickle"


def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _reduce_read_only(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _read_only, (dict(proxy),)


class _Pickler(pickle.Pickler):
    """Pickles the read-only mappings of the catalogue, which pickle refuses on its own."""

    # pickle.Pickler declares dispatch_table per instance; a class attribute is its documented
    # way to extend it for every pickler (see the pickle module's "Dispatch tables").
    dispatch_table = {  # noqa: RUF012
        **copyreg.dispatch_table,
        MappingProxyType: _reduce_read_only,
    }


def _hash_files(digest: Any, paths: tuple[Path, ...]) -> None:
    for top in paths:
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                data = file.read_bytes()
                name = file.relative_to(top.parent).as_posix()
                digest.update(f"\0{name}\0{len(data)}\0".encode())
                digest.update(data)


def content_key(courses_dir: Path, root: Path) -> str:
    """The hash that names the cache of ``courses_dir`` loaded with problems relative to
    ``root``: it changes whenever the content, the loading code or a library changes."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for library in LIBRARIES:
        digest.update(f"{library}={metadata.version(library)}\0".encode())
    digest.update(f"{courses_dir.resolve()}\0{root.resolve()}\0".encode())
    _hash_files(digest, (*CODE_PATHS, courses_dir))
    return digest.hexdigest()[:32]


def cache_file(cache_dir: Path, key: str) -> Path:
    """Where the cache of ``key`` is kept."""
    return cache_dir / f"{_PREFIX}{key}{_SUFFIX}"


def load_cached(
    courses_dir: Path, cache_dir: Path, *, root: Path | None = None
) -> tuple[Catalog, ProblemList]:
    """What :func:`~app.content.loader.load_catalog` returns, read from ``cache_dir`` when a
    cache of exactly this content and code is there, else loaded and cached."""
    root = root if root is not None else courses_dir.parent
    key = content_key(courses_dir, root)
    path = cache_file(cache_dir, key)
    cached = _read(path, key)
    if cached is not None:
        return cached
    catalog, problems = load_catalog(courses_dir, root=root)
    _write(cache_dir, path, (key, catalog, problems))
    return catalog, problems


def _read(path: Path, key: str) -> tuple[Catalog, ProblemList] | None:
    # Unpickling makes tens of thousands of objects and no garbage: collections in between
    # would only cost time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as file:
            data = pickle.load(file)
    except FileNotFoundError:
        return None
    # A truncated or foreign file may fail in any way unpickling can (EOFError,
    # UnpicklingError, AttributeError, ImportError...): it is rebuilt, never trusted.
    except Exception:
        log.warning("content cache %s cannot be read: loading the content again", path)
        return None
    finally:
        if collecting:
            gc.enable()
    if (
        isinstance(data, tuple)
        and len(data) == 3
        and data[0] == key
        and isinstance(data[1], Catalog)
        and isinstance(data[2], ProblemList)
    ):
        return data[1], data[2]
    log.warning("content cache %s is not this content's: loading the content again", path)
    return None


def _write(cache_dir: Path, path: Path, data: tuple[str, Catalog, ProblemList]) -> None:
    """Write atomically, then remove the caches of older content; a read-only or full disk
    only costs the next start a full load."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=cache_dir, prefix=f".{_PREFIX}", suffix=".tmp", delete=False
        ) as file:
            try:
                _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(data)
            except BaseException:
                os.unlink(file.name)
                raise
        os.replace(file.name, path)
    except (OSError, pickle.PicklingError) as error:
        log.warning("content cache %s not written: %s", path, error)
        return
    for old in cache_dir.glob(f"{_PREFIX}*{_SUFFIX}"):
        if old != path:
            old.unlink(missing_ok=True)
