"""The warehouse connection: built when missing, opened read-only, reopened when a new build replaces it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl.build import build, default_warehouse

_build_lock = threading.Lock()


def warehouse_path() -> Path:
    return Path(os.environ.get("WAREHOUSE_PATH") or default_warehouse())


def ensure_warehouse() -> Path:
    """Build the warehouse from the bundled data the first time the app starts on a fresh clone."""
    path = warehouse_path()
    if not path.exists():
        with _build_lock:
            if not path.exists():
                build(warehouse=path)
    return path


def version() -> float:
    """Changes whenever a build swaps in a new file; part of every cache key."""
    return ensure_warehouse().stat().st_mtime


@st.cache_resource(max_entries=2, show_spinner=False, on_release=lambda con: con.close())
def _connect(path: str, mtime: float) -> duckdb.DuckDBPyConnection:
    # mtime is in the key so a rebuilt file gets a fresh connection; the old one is released and closed.
    return duckdb.connect(path, read_only=True)


@st.cache_data(max_entries=512, show_spinner=False)
def _run(sql: str, params: tuple[tuple[str, object], ...], path: str, mtime: float) -> pd.DataFrame:
    con = _connect(path, mtime)
    with con.cursor() as cur:  # one cursor per query: connections are shared across sessions
        return cur.execute(sql, dict(params)).df()


def query(sql: str, **params: object) -> pd.DataFrame:
    """Run SQL with bound parameters ($name); results are cached per warehouse version."""
    return _run(sql, tuple(sorted(params.items())), str(warehouse_path()), version())
