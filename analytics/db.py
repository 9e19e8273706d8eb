"""The warehouse connection (built when missing, read-only, reopened on a new build) and its query cache."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from core import settings
from etl.build import build, built_version, code_version

_build_lock = threading.Lock()
T = TypeVar("T")


def cached(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """`functools.lru_cache` (exact keys, positional arguments), computing each key once at a time: sessions
    asking for the same result together wait for the first rather than each working it out (many sessions
    opening at once on a cold server would otherwise hold as many copies of the same large result)."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        memo = lru_cache(maxsize=maxsize)(function)
        locks: dict[tuple, threading.Lock] = {}
        guard = threading.Lock()

        @wraps(function)
        def once(*args: object) -> T:
            with guard:
                lock = locks.setdefault(args, threading.Lock())
            with lock:
                try:
                    return memo(*args)
                finally:
                    with guard:
                        locks.pop(args, None)  # those still waiting hold it; they find the result cached

        once.cache_clear = memo.cache_clear  # type: ignore[attr-defined]
        return once

    return decorate


def warehouse_path() -> Path:
    return settings.warehouse()


_checked: set[Path] = set()


def ensure_warehouse() -> Path:
    """Build the warehouse from data/ when it is missing (a fresh clone) or was built by older code."""
    path = warehouse_path()
    if path not in _checked or not path.exists():
        with _build_lock:
            if not path.exists() or (path not in _checked and built_version(path) != code_version()):
                build(warehouse=path)
            _checked.add(path)
    return path


def version() -> float:
    """Changes whenever a build swaps in a new file; part of every cache key."""
    return ensure_warehouse().stat().st_mtime


class _Served:
    """The one open connection of this process, and the build it belongs to.

    DuckDB hands out the already-open database for a path it has open, even after the file was
    replaced; so the old connection is closed before the new build is opened.
    """

    lock = threading.Lock()
    con: duckdb.DuckDBPyConnection | None = None
    key: tuple[str, float] | None = None


def _connection(path: str, mtime: float) -> duckdb.DuckDBPyConnection:
    with _Served.lock:
        if _Served.key != (path, mtime):
            if _Served.con is not None:
                _Served.con.close()
            _Served.con = duckdb.connect(path, read_only=True)
            _Served.key = (path, mtime)
        return _Served.con


Params = tuple[tuple[str, object], ...]


def key(params: dict[str, object]) -> Params:
    """Query parameters as part of a cache key: sorted, lists as tuples (lists cannot be hashed)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _select(path: str, mtime: float, sql: str, params: Params) -> pd.DataFrame:
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}  # DuckDB binds lists, not tuples
    with _connection(path, mtime).cursor() as cur:  # one cursor per query: sessions share the connection
        return cur.execute(sql, bound).df()


def _ask(sql: str, params: Params, path: str, mtime: float) -> pd.DataFrame:
    try:
        return _select(path, mtime, sql, params)
    except duckdb.ConnectionException:
        # Another session switched to a newer build mid-query; ask again on the current one.
        return _select(str(warehouse_path()), version(), sql, params)


# Shared, not copied: st.cache_data would unpickle a copy of the result on every call (dozens per page), and
# st.cache_resource hashes its arguments its own way on every call, which costs more than the lookup. The
# key is compared exactly; the frames are handed out as shallow copies, which copy-on-write keeps apart.
@cached(maxsize=512)
def run(sql: str, params: Params, path: str, mtime: float) -> pd.DataFrame:
    """A query's rows, once per build (`path`, `mtime`); callers copy before handing them on."""
    return _ask(sql, params, path, mtime)


def query(sql: str, **params: object) -> pd.DataFrame:
    """Run SQL with bound parameters ($name); results are cached per warehouse version."""
    return run(sql, key(params), str(warehouse_path()), version()).copy(deep=False)


def fetch(sql: str, **params: object) -> pd.DataFrame:
    """Run SQL without keeping the result: for what is read once per build and kept in another form (the
    disclosure plan reads every sensitive cell of the country)."""
    return _ask(sql, key(params), str(warehouse_path()), version())
