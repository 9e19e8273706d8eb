"""The load history: which report files were loaded when, and which were unloaded (data/reports/loads.csv)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

MANIFEST = "loads.csv"
UNLOADED = "unloaded"  # folder under data/reports/ that keeps unloaded files for the record
COLUMNS = ["load_id", "file", "original_name", "sha256", "loaded_at", "unloaded_at"]


@dataclass(frozen=True)
class Load:
    load_id: int
    file: str  # stored name under data/reports/ (under unloaded/ once unloaded)
    original_name: str
    sha256: str
    loaded_at: datetime
    unloaded_at: datetime | None


def manifest_path(data_dir: Path) -> Path:
    return data_dir / "reports" / MANIFEST


def read_loads(data_dir: Path) -> list[Load]:
    """Every load, oldest first; an empty list when nothing was loaded yet."""
    path = manifest_path(data_dir)
    if not path.exists():
        return []
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return [
        Load(
            int(r.load_id),
            r.file,
            r.original_name,
            r.sha256,
            datetime.fromisoformat(r.loaded_at),
            datetime.fromisoformat(r.unloaded_at) if r.unloaded_at else None,
        )
        for r in frame.itertuples()
    ]


def write_loads(data_dir: Path, loads: list[Load]) -> None:
    """Replace the manifest in one step, so a crash leaves the old one or the new one, never half."""
    path = manifest_path(data_dir)
    if not loads:  # nothing loaded: no manifest, as before the first load
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        (
            x.load_id,
            x.file,
            x.original_name,
            x.sha256,
            x.loaded_at.isoformat(timespec="seconds"),
            x.unloaded_at.isoformat(timespec="seconds") if x.unloaded_at else "",
        )
        for x in loads
    ]
    tmp = path.with_name(path.name + ".new")
    pd.DataFrame(rows, columns=COLUMNS).to_csv(tmp, index=False)
    os.replace(tmp, path)


def next_id(loads: list[Load]) -> int:
    return max((x.load_id for x in loads), default=0) + 1
