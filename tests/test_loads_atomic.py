"""Loads that finish whole or not at all: killed at any point or raced by a build, the load history, the files under
data/reports/, the warehouse and the audit log agree afterwards."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from core import audit
from etl.build import PENDING, AuditNote, _Journal, build, data_lock, load
from etl.loads import Load, read_loads, write_loads
from etl.report import file_sha256

ROOT = Path(__file__).resolve().parent.parent


def _state(data_dir: Path, warehouse: Path, log: Path) -> dict[str, object]:
    """What each of the four records says is loaded (by file content)."""
    reports = data_dir / "reports"
    active = {x.sha256 for x in read_loads(data_dir) if x.unloaded_at is None}
    files = {file_sha256(p) for p in reports.iterdir() if p.is_file() and p.suffix == ".xlsx"}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        built = {r[0] for r in con.execute("SELECT sha256 FROM source WHERE kind = 'report'").fetchall()}
    logged = [e for e in audit.read(log) if e["event"] == "load"]
    return {"history": active, "files": files, "warehouse": built, "audit": len(logged), "loads": len(active)}


def _agree(data_dir: Path, warehouse: Path, log: Path) -> dict[str, object]:
    state = _state(data_dir, warehouse, log)
    assert state["history"] == state["files"] == state["warehouse"], state
    assert state["audit"] == state["loads"], state  # one audit entry per load that happened
    leftovers = [p.name for p in (data_dir / "reports").iterdir() if p.name.startswith(".") and p.name != ".lock"]
    assert leftovers == [] and not list(warehouse.parent.glob("*.new")), leftovers
    return state


def _note(log: Path) -> AuditNote:
    return AuditNote(log, "mai@kontum.gov.vn", {"via": "test"})


def test_a_load_killed_before_its_history_is_undone(data_dir: Path, fixture_reports: list[Path]) -> None:
    warehouse, log = data_dir / "warehouse.duckdb", data_dir / "audit.jsonl"
    build(data_dir, warehouse)
    # What a process killed mid-copy leaves: its journal, and the file waiting under reports/.pending/.
    name = "0001_abc_kon-tum.xlsx"
    (data_dir / "reports" / PENDING).mkdir()
    shutil.copy(fixture_reports[1], data_dir / "reports" / PENDING / name)
    _Journal("load", warehouse, [1], [name], _note(log)).write(data_dir)
    build(data_dir, warehouse)  # the next holder of the lock undoes it
    assert _agree(data_dir, warehouse, log)["loads"] == 0
    assert read_loads(data_dir) == []


def test_a_load_killed_after_its_history_is_finished_once(data_dir: Path, fixture_reports: list[Path]) -> None:
    warehouse, log = data_dir / "warehouse.duckdb", data_dir / "audit.jsonl"
    build(data_dir, warehouse)
    # Killed after the point of no return: the file in place and in the history, the warehouse not rebuilt,
    # no audit entry yet.
    name = "0001_abc_kon-tum.xlsx"
    shutil.copy(fixture_reports[1], data_dir / "reports" / name)
    write_loads(
        data_dir,
        [Load(1, name, "kon-tum.xlsx", file_sha256(fixture_reports[1]), datetime.now().replace(microsecond=0), None)],
    )
    journal = _Journal("load", warehouse, [1], [name], _note(log))
    journal.write(data_dir)
    with data_lock(data_dir):  # any holder of the lock finishes it: warehouse rebuilt, audit entry written
        pass
    state = _agree(data_dir, warehouse, log)
    assert state["loads"] == 1 and audit.read(log)[-1]["recovered"] is True
    # Killed once more after the audit entry but before the journal went: the entry is not written twice.
    journal.write(data_dir)
    with data_lock(data_dir):
        pass
    assert _agree(data_dir, warehouse, log)["audit"] == 1


def test_a_failed_load_leaves_nothing(data_dir: Path, fixture_reports: list[Path], tmp_path: Path) -> None:
    warehouse, log = data_dir / "warehouse.duckdb", data_dir / "audit.jsonl"
    load([fixture_reports[1]], data_dir, warehouse, _note(log))
    broken = tmp_path / "vinh-phuc.xlsx"
    broken.write_bytes(fixture_reports[0].read_bytes()[:2000])  # a truncated download
    with pytest.raises(Exception, match="chưa tải về hết"):
        load([broken], data_dir, warehouse, _note(log))
    assert _agree(data_dir, warehouse, log)["loads"] == 1


def test_a_stale_temporary_build_is_cleared(data_dir: Path) -> None:
    warehouse = data_dir / "warehouse.duckdb"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = warehouse.with_name(f"{warehouse.name}.{dead.stdout.strip()}-1.new")
    stale.write_bytes(b"half a warehouse")
    build(data_dir, warehouse)
    assert not stale.exists() and warehouse.exists()


_LOAD = """
import sys
from pathlib import Path
from etl.build import AuditNote, load
data, log = Path(sys.argv[1]), Path(sys.argv[2])
load([Path(p) for p in sys.argv[3:]], data, data / "warehouse.duckdb", AuditNote(log, "cli", {"via": "test"}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.3, 1.0, 2.0, 3.0, 4.5])
def test_a_load_killed_at_any_moment_leaves_the_records_agreeing(
    data_dir: Path, fixture_reports: list[Path], after: float
) -> None:
    warehouse, log = data_dir / "warehouse.duckdb", data_dir / "audit.jsonl"
    build(data_dir, warehouse)
    files = [str(p) for p in fixture_reports[:2]]
    proc = subprocess.Popen([sys.executable, "-c", _LOAD, str(data_dir), str(log), *files], cwd=ROOT)
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    build(data_dir, warehouse)  # the next build finishes or undoes it
    state = _agree(data_dir, warehouse, log)
    assert state["loads"] in (0, 2)  # both files or neither: one load


@pytest.mark.slow
def test_a_build_raced_against_a_load_never_drops_it(data_dir: Path, fixture_reports: list[Path]) -> None:
    warehouse, log = data_dir / "warehouse.duckdb", data_dir / "audit.jsonl"
    build(data_dir, warehouse)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    loader = subprocess.Popen(
        [sys.executable, "-c", _LOAD, str(data_dir), str(log), str(fixture_reports[0])], cwd=ROOT, env=env
    )
    builders = [
        subprocess.Popen(
            [sys.executable, "-m", "etl", "build", "--data-dir", str(data_dir), "--warehouse", str(warehouse)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    assert loader.wait() == 0 and all(b.wait() == 0 for b in builders)
    assert _agree(data_dir, warehouse, log)["loads"] == 1
