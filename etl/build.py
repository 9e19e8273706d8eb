"""Build the warehouse from everything under data/ into a new DuckDB file, check it, then swap it in."""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import duckdb
import pandas as pd

from core import audit, settings
from core.i18n import Text, t
from core.indicators import CATALOGUE, catalogue_frame
from core.paths import REFERENCE
from core.problems import Bilingual, InputError, Problem
from core.units import unit_frames
from etl import longform
from etl.loads import MANIFEST, UNLOADED, Load, next_id, read_loads, write_loads
from etl.plans import load_plans
from etl.published import NATIONAL_UNIT, PUBLISHED, load_published, narrative_files
from etl.quality import QUALITY_CONFIG, definition, read_config, run_checks, summary
from etl.readers import SUFFIXES, read_report
from etl.report import Report, SheetReport, file_sha256
from etl.untrusted import read_untrusted

SQL_DIR = Path(__file__).resolve().parent / "sql"
BUILD_MEMORY = "1GB"


def fingerprinted_files() -> list[Path]:
    """The files code_version reads: every SQL file (the schema, the marts, the checks under sql/checks/), the
    catalogue, plans, targets, published figures and the quality configuration."""
    return [
        *sorted(SQL_DIR.rglob("*.sql")),
        CATALOGUE,
        REFERENCE / "plans.csv",
        REFERENCE / "targets.csv",
        PUBLISHED,
        REFERENCE / "published_figures_more.csv",
        QUALITY_CONFIG,
    ]


def code_version() -> str:
    """Fingerprint of what shapes the warehouse: the files above, and the rules' titles, messages and settings
    as etl/quality.py defines them (not the file itself: a comment there is no reason to rebuild)."""
    digest = hashlib.sha256()
    for path in fingerprinted_files():
        if path.is_relative_to(SQL_DIR):
            digest.update(path.relative_to(SQL_DIR).as_posix().encode())  # a check is found by its file's name
        digest.update(path.read_bytes())
    digest.update(definition().encode())
    return digest.hexdigest()[:16]


def built_version(warehouse: Path) -> str | None:
    """The code version a warehouse file was built by; None when unreadable or older than versioning."""
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("SELECT any_value(code_version) FROM build_info").fetchone()[0]
    except duckdb.Error:
        return None


class BuildError(RuntimeError):
    """A built warehouse failed its checks; the served file was not touched. str(exc) is Vietnamese, exc.en
    English."""

    def __init__(self, vi: str, en: str | None = None) -> None:
        super().__init__(vi)
        self.en = en or vi


@dataclass(frozen=True)
class BuildResult:
    warehouse: Path
    sources: int
    observations: int
    notes: list[Text]
    quality: Text = ""  # one line: findings by severity


def report_files(data_dir: Path) -> list[Path]:
    """Workbooks the warehouse is built from: illustrative ones (sample/) and loaded reports (reports/)."""
    files: list[Path] = []
    for sub in ("sample", "reports"):
        folder = data_dir / sub
        if folder.is_dir():
            files += sorted(
                p
                for p in folder.iterdir()
                if p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", ".")) and p.name != MANIFEST
            )
    return files


def read_all(files: list[Path], untrusted: bool = False) -> list[Report]:
    """Parse every file; raise InputError with all problems of all files if any has an error. Files from
    outside (`untrusted`: a load, a validation) are inspected and read in a limited worker process."""
    reports, problems = [], []
    for path in files:
        report, found = read_untrusted(path, max_bytes=None) if untrusted else read_report(path)
        problems += found
        if report is not None:
            reports.append(report)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return reports


_Values = pd.DataFrame | tuple[Report, list[SheetReport]]


@dataclass(frozen=True)
class _Built:
    sources: pd.DataFrame
    observations: list[tuple[str, _Values]]  # (source_id, values)
    replaced: list[tuple[str, _Values]]  # values of sheets a later load replaced, kept for the record
    history: pd.DataFrame  # one row per load and sheet
    notes: list[Text]


def _values(report: Report, sheets: list[SheetReport]) -> _Values:
    """The values of some sheets of a report; for a long-form file, the report and the sheets, its values being
    read from the file where they are written (`longform.insert`) rather than held here."""
    return (report, sheets) if report.long else report.value_frame(sheets)


def _observations(reports: list[Report], loads: list[Load]) -> _Built:
    """What the warehouse holds. For a province and year the latest load wins; a reported one supersedes an
    illustrative one; two files outside the load history that give the same province and year are refused."""
    by_file = {x.file: x for x in loads}

    def rank(report: Report) -> tuple[bool, int]:
        entry = by_file.get(report.path.name)
        return (not report.is_sample, entry.load_id if entry else 0)

    notes: list[Text] = []
    owner: dict[tuple[str, int], Report] = {}
    problems: list[Problem] = []
    for report in sorted(reports, key=rank, reverse=True):  # the one that wins comes first
        for sheet in report.sheets:
            other = owner.setdefault((sheet.province.unit_id, sheet.year), report)
            if other is report:
                continue
            if rank(other) == rank(report):
                problems.append(
                    Problem(
                        report.path.name,
                        (
                            f"{sheet.province.name} năm {sheet.year} đã có trong tệp {other.path.name}",
                            f"{sheet.province.name} {sheet.year} is also in {other.path.name}",
                        ),
                        sheet=sheet.sheet or None,
                        expected=("mỗi tỉnh và năm chỉ một báo cáo", "one report per province and year"),
                    )
                )
            elif report.is_sample and not other.is_sample:
                said = {"province": sheet.province.name, "year": sheet.year, "file": other.path.name}
                notes.append((t("etl_report_over_sample", "vi", **said), t("etl_report_over_sample", "en", **said)))
    if problems:
        raise InputError(problems)
    sources, rows, replaced, history = [], [], [], []
    for report in reports:
        source_id = report.sha256[:16]
        entry = by_file.get(report.path.name)
        winners = {id(s): owner[(s.province.unit_id, s.year)] for s in report.sheets}
        used = [s for s in report.sheets if winners[id(s)] is report]
        if entry is not None:
            for sheet in report.sheets:
                later = by_file.get(winners[id(sheet)].path.name)
                history.append(
                    {
                        "load_id": entry.load_id,
                        "file_name": entry.original_name,
                        "sha256": report.sha256,
                        "province": sheet.province.name,
                        "year": sheet.year,
                        "n_values": sheet.n_values,
                        "loaded_at": entry.loaded_at,
                        "status": "active" if winners[id(sheet)] is report else "replaced",
                        "replaced_by": None if winners[id(sheet)] is report or later is None else later.load_id,
                    }
                )
            replaced.append((source_id, _values(report, [s for s in report.sheets if winners[id(s)] is not report])))
        if not used:
            continue  # wholly superseded: an illustrative file, or a load a later one replaced
        years = sorted(s.year for s in used)
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        sources.append(
            {
                "source_id": source_id,
                "kind": "sample" if report.is_sample else "report",
                "title": f"{used[0].province.name}, {span}",
                "file_name": entry.original_name if entry else report.path.name,
                "sha256": report.sha256,
                "loaded_at": entry.loaded_at
                if entry
                else datetime.fromtimestamp(report.path.stat().st_mtime, UTC).replace(tzinfo=None),
            }
        )
        rows.append((source_id, _values(report, used)))
    parsed = {r.path.name for r in reports}
    for entry in loads:
        if entry.file not in parsed:  # unloaded (its file kept aside), or its file taken away by hand
            history.append(
                {
                    "load_id": entry.load_id,
                    "file_name": entry.original_name,
                    "sha256": entry.sha256,
                    "loaded_at": entry.loaded_at,
                    "unloaded_at": entry.unloaded_at,
                    "status": "missing" if entry.unloaded_at is None else "unloaded",
                }
            )
    return _Built(pd.DataFrame(sources), rows, replaced, pd.DataFrame(history), notes)


def _unit_table() -> tuple[pd.DataFrame, pd.DataFrame]:
    unit, crosswalk, _ = unit_frames()
    # "Toàn quốc": the country, for national published figures; outside both unit systems.
    return pd.concat([unit, pd.DataFrame([NATIONAL_UNIT])], ignore_index=True), crosswalk


def _check(con: duckdb.DuckDBPyConnection) -> None:
    """Facts every build must satisfy; a failure keeps the served warehouse as it was."""
    failures: list[tuple[str, dict[str, object]]] = []  # (key, values)
    counts = dict(
        ((s, lvl), n) for s, lvl, n in con.execute("SELECT system, level, count(*) FROM unit GROUP BY ALL").fetchall()
    )
    for k, want in {("pre2025", "P"): 63, ("pre2025", "D"): 696, ("y2025", "P"): 34, ("y2025", "C"): 3321}.items():
        if counts.get(k) != want:
            failures.append(("etl_check_units", {"kind": k, "n": counts.get(k), "want": want}))
    bad = con.execute("""
        SELECT count(*) FROM unit u WHERE u.system = 'pre2025' AND u.level = 'P' AND
        (SELECT count(*) FROM unit_crosswalk x JOIN unit t ON t.unit_id = x.to_unit
          WHERE x.from_unit = u.unit_id AND t.level = 'P') <> 1""").fetchone()[0]
    if bad:
        failures.append(("etl_check_crosswalk", {"n": bad}))
    orphans = con.execute("""
        SELECT count(*) FROM observation o
        WHERE o.unit_id NOT IN (SELECT unit_id FROM unit) OR o.indicator NOT IN (SELECT code FROM indicator)
           OR o.source_id NOT IN (SELECT source_id FROM source)""").fetchone()[0]
    if orphans:
        failures.append(("etl_check_orphans", {"n": orphans}))
    twice = con.execute("""
        SELECT count(*) FROM (
            SELECT 1 FROM observation GROUP BY indicator, unit_id, year, period_type, source_id HAVING count(*) > 1
        )""").fetchone()[0]
    if twice:
        failures.append(("etl_check_twice", {"n": twice}))
    mismatch = con.execute("""
        SELECT count(*) FROM (
          SELECT m.unit_id, m.indicator, m.year, m.value,
                 (SELECT sum(o.value) FROM observation o JOIN unit u USING (unit_id)
                   WHERE u.province_id = m.unit_id AND o.indicator = m.indicator AND o.year = m.year
                     AND u.level IN ('D', 'C')) AS s
          FROM mart_value m WHERE m.level = 'P' AND m.counted <> 'P') WHERE value IS DISTINCT FROM s""").fetchone()[0]
    if mismatch:
        failures.append(("etl_check_totals", {"n": mismatch}))
    rollup = con.execute("""
        SELECT count(*) FROM mart_value m
        WHERE m.counted = 'P' AND m.value IS DISTINCT FROM (
            SELECT sum(p.value) FROM mart_value p JOIN unit_crosswalk x ON x.from_unit = p.unit_id
            WHERE x.to_unit = m.unit_id AND p.level = 'P' AND p.system = 'pre2025'
              AND p.indicator = m.indicator AND p.year = m.year)""").fetchone()[0]
    if rollup:
        failures.append(("etl_check_rollup", {"n": rollup}))
    if failures:
        raise BuildError(*("; ".join(t(key, lang, **said) for key, said in failures) for lang in ("vi", "en")))


def build(data_dir: Path | None = None, warehouse: Path | None = None) -> BuildResult:
    """Full rebuild into `<warehouse>.new`, checks, then an atomic replace of the served file; under the data
    lock, so that a build never swaps in a warehouse that misses a load finished meanwhile."""
    data_dir = Path(data_dir or settings.data_dir())
    warehouse = Path(warehouse or settings.warehouse())
    with data_lock(data_dir):
        _clear_stale_builds(warehouse)
        return _build(data_dir, warehouse)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clear_stale_builds(warehouse: Path) -> None:
    """Temporary files of builds whose process is gone (killed mid-build) are removed."""
    for tmp in warehouse.parent.glob(f"{warehouse.name}.*.new"):
        pid = tmp.name[len(warehouse.name) + 1 :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)
            log.warning(t("etl_stale_build_removed", "vi", file=tmp.name))


def _build(data_dir: Path, warehouse: Path) -> BuildResult:
    reports = read_all(report_files(data_dir))
    built = _observations(reports, read_loads(data_dir))
    published = [load_published(), *(load_published(p, "narrative") for p in narrative_files(data_dir))]
    figures = pd.concat([p.figures for p in published if len(p.figures)], ignore_index=True)
    sources, notes = built.sources, built.notes + [n for p in published for n in p.notes]
    n_obs = sum(
        sum(s.n_values for s in values[1]) if isinstance(values, tuple) else len(values)
        for _, values in built.observations
    )
    unit, crosswalk = _unit_table()
    plans, targets = load_plans(narrative=narrative_files(data_dir))
    quality_config = read_config()
    indicators = catalogue_frame().drop(columns=["aliases"]).copy()
    indicators["sort_order"] = range(len(indicators))
    for col in ("sensitive", "higher_is_better"):
        indicators[col] = indicators[col].map({"true": True, "false": False})
    indicators["scale"] = pd.to_numeric(indicators["scale"])
    indicators = indicators.replace({"": None})

    warehouse.parent.mkdir(parents=True, exist_ok=True)
    # Its own temporary name: the app building a missing warehouse and a load may run at the same time.
    tmp = warehouse.with_name(f"{warehouse.name}.{os.getpid()}-{threading.get_ident()}.new")
    tmp.unlink(missing_ok=True)
    try:
        # DuckDB keeps what it read in memory up to its limit (80% of RAM by default); a national build needs
        # well under this, and spills to disk beyond it rather than crowding out the dashboard it runs beside.
        with duckdb.connect(str(tmp), config={"memory_limit": BUILD_MEMORY}) as con:
            con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
            for table, frame in (
                ("unit", unit),
                ("unit_crosswalk", crosswalk),
                ("indicator", indicators),
                ("source", sources),
                ("load_history", built.history),
                ("published_figure", figures),
                ("plan", plans),
                ("target", targets),
            ):
                if len(frame):
                    con.register("frame", frame)
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")  # table names are ours
                    con.unregister("frame")
            for table, parts in (("observation", built.observations), ("replaced_observation", built.replaced)):
                for source_id, values in parts:
                    if isinstance(values, tuple):
                        longform.insert(con, table, *values, source_id)
                        continue
                    con.register("frame", values)
                    con.execute(
                        f"""INSERT INTO {table} BY NAME
                            SELECT *, 'year' AS period_type, $source AS source_id FROM frame""",  # ours
                        {"source": source_id},
                    )
                    con.unregister("frame")
            con.execute((SQL_DIR / "marts.sql").read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO build_info VALUES (now()::TIMESTAMP, $s, $o, $v)",
                {"s": len(sources), "o": n_obs, "v": code_version()},
            )
            _check(con)
            run_checks(con, quality_config)
            quality = (summary(con, "vi"), summary(con, "en"))
            con.execute("CHECKPOINT")
        os.replace(tmp, warehouse)
    finally:
        tmp.unlink(missing_ok=True)
    return BuildResult(warehouse, len(sources), n_obs, notes, quality)


@dataclass(frozen=True)
class LoadResult:
    added: list[Path]
    unchanged: list[Path]
    build: BuildResult | None
    warnings: list[Problem] = field(default_factory=list)


def _in_use(data_dir: Path, warehouse: Path, loads: list[Load]) -> set[str]:
    """sha256 of the files whose figures the warehouse serves now: each of their province-years comes from
    them (a file a later load replaced is not in use), and files under data/ outside the load history."""
    recorded = {x.file for x in loads}
    outside = {file_sha256(p) for p in report_files(data_dir) if p.name not in recorded}
    if not warehouse.exists():
        return outside
    history = load_history(warehouse)
    latest = history[history["load_id"] == history.groupby("sha256")["load_id"].transform("max")]
    current = latest.groupby("sha256")["status"].agg(lambda s: set(s) == {"active"})
    return outside | set(current[current].index)


@dataclass(frozen=True)
class AuditNote:
    """Who a load or unload is recorded for, and where: written with the change, or on recovery after a kill."""

    path: Path
    user: str
    details: dict[str, object] = field(default_factory=dict)


def load(
    files: list[Path], data_dir: Path | None = None, warehouse: Path | None = None, note: AuditNote | None = None
) -> LoadResult:
    """Validate files, keep them under data/reports/, record the load and rebuild; all or nothing, and
    idempotent. A file for a province and year loaded before replaces it; the replaced values stay on record.
    Loading a file that was replaced makes it current again.

    The files, the load history, the warehouse and the audit entry move together: a journal is written first,
    the files wait under reports/.pending/, and the history is the point of no return. A process killed before
    it leaves nothing behind; one killed after it is finished by the next holder of the lock (see _recover)."""
    data_dir = Path(data_dir or settings.data_dir())
    warehouse = Path(warehouse or settings.warehouse())
    with data_lock(data_dir):
        reports = read_all([Path(f) for f in files], untrusted=True)
        _one_file_per_province_year(reports)
        before = read_loads(data_dir)
        in_use = _in_use(data_dir, warehouse, before)
        new = list({r.sha256: r for r in reports if r.sha256 not in in_use}.values())
        unchanged = [r.path for r in reports if r.sha256 in in_use]
        warnings = [w for r in reports for w in r.warnings]
        if not new and warehouse.exists():
            if note is not None:  # asked for and refused as already there: on record all the same
                audit.record(note.path, "load", note.user, **note.details, added=[])
            return LoadResult([], unchanged, None, warnings)
        target_dir = data_dir / "reports"
        pending_dir = target_dir / PENDING
        pending_dir.mkdir(parents=True, exist_ok=True)
        loads, entries = list(before), []
        now = datetime.now().replace(microsecond=0)
        for report in new:
            load_id = next_id(loads)
            # The load id in the name: the same file loaded twice is two loads, both on record.
            entry = Load(
                load_id,
                f"{load_id:04d}_{report.sha256[:12]}_{report.path.name}",
                report.path.name,
                report.sha256,
                now,
                None,
            )
            loads.append(entry)
            entries.append(entry)
        if note is not None:
            note = replace(note, details={**note.details, "added": [e.original_name for e in entries]})
        journal = _Journal("load", warehouse, [e.load_id for e in entries], [e.file for e in entries], note)
        journal.write(data_dir)
        copies = [target_dir / e.file for e in entries]
        try:
            for report, entry in zip(new, entries, strict=True):
                shutil.copyfile(report.path, pending_dir / entry.file)
            for entry in entries:
                os.replace(pending_dir / entry.file, target_dir / entry.file)
            pending_dir.rmdir()
            write_loads(data_dir, loads)  # the point of no return
            result = build(data_dir, warehouse)
        except BaseException:
            for entry in entries:  # leave data/ as it was
                (pending_dir / entry.file).unlink(missing_ok=True)
                (target_dir / entry.file).unlink(missing_ok=True)
            write_loads(data_dir, before)
            journal.remove(data_dir)
            raise
        journal.finish(data_dir)
    return LoadResult(copies, unchanged, result, warnings)


def _one_file_per_province_year(reports: list[Report]) -> None:
    """Two different files for one province and year in one load: which one is meant is not ours to guess."""
    seen: dict[tuple[str, int], Report] = {}
    problems = []
    for report in {r.sha256: r for r in reports}.values():
        for sheet in report.sheets:
            other = seen.setdefault((sheet.province.unit_id, sheet.year), report)
            if other is not report:
                problems.append(
                    Problem(
                        report.path.name,
                        (
                            f"{sheet.province.name} năm {sheet.year} cũng có trong {other.path.name}, nạp cùng lúc",
                            f"{sheet.province.name} {sheet.year} is also in {other.path.name}, loaded at the same time",
                        ),
                        sheet=sheet.sheet or None,
                        expected=("nạp từng tệp một", "one file at a time"),
                    )
                )
    if problems:
        raise InputError(problems)


PENDING = ".pending"  # under data/reports/: files of a load not yet in the history
JOURNAL = ".journal.json"  # under data/reports/: the load or unload under way
_locks: dict[Path, threading.RLock] = {}
_depth: dict[Path, int] = {}
_handles: dict[Path, TextIO] = {}
log = logging.getLogger("etl")


@contextmanager
def data_lock(data_dir: Path) -> Iterator[None]:
    """One load, unload or build at a time per data/ folder (two officers confirming at once wait in turn).

    Other processes wait on a file lock (the kernel drops it when its process dies: a killed load never leaves
    a lock behind); threads of this process on a lock of their own, which a thread holding it may take again
    (a load builds). The first holder after a killed load finishes or undoes it (_recover)."""
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = _locks.setdefault(data_dir, threading.RLock())
    with lock:
        outermost = _depth.get(data_dir, 0) == 0
        if outermost:
            handle = open(data_dir / ".lock", "a+")  # noqa: SIM115 (held until the outermost holder leaves)
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            holder = handle.read().strip()
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            _handles[data_dir] = handle
        _depth[data_dir] = _depth.get(data_dir, 0) + 1
        try:
            if outermost:
                _recover(data_dir, holder)
            yield
        finally:
            _depth[data_dir] -= 1
            if _depth[data_dir] == 0:
                handle = _handles.pop(data_dir)
                handle.seek(0)
                handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()


@dataclass(frozen=True)
class _Journal:
    """What a load or unload is about to change, written before it changes anything."""

    kind: str  # "load" or "unload"
    warehouse: Path
    load_ids: list[int]
    files: list[str]  # stored names under data/reports/
    note: AuditNote | None
    token: str = field(default_factory=lambda: os.urandom(8).hex())  # marks its audit entry: written once

    def write(self, data_dir: Path) -> None:
        path = data_dir / "reports" / JOURNAL
        path.parent.mkdir(parents=True, exist_ok=True)
        note = self.note
        body = {
            "kind": self.kind,
            "warehouse": str(self.warehouse),
            "load_ids": self.load_ids,
            "files": self.files,
            "token": self.token,
            "note": None if note is None else {"path": str(note.path), "user": note.user, "details": note.details},
        }
        tmp = path.with_name(JOURNAL + ".new")
        tmp.write_text(json.dumps(body, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(tmp, path)

    @staticmethod
    def read(data_dir: Path) -> _Journal | None:
        path = data_dir / "reports" / JOURNAL
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        raw = body.get("note")
        note = None if raw is None else AuditNote(Path(raw["path"]), raw["user"], raw["details"])
        return _Journal(body["kind"], Path(body["warehouse"]), body["load_ids"], body["files"], note, body["token"])

    def finish(self, data_dir: Path, recovered: bool = False) -> None:
        """The audit entry (once: a retry finds it by its token), then the journal goes."""
        note = self.note
        if note is not None and not any(e.get("token") == self.token for e in audit.read(note.path)):
            extra = {"recovered": True} if recovered else {}
            audit.record(note.path, self.kind, note.user, token=self.token, **note.details, **extra)
        self.remove(data_dir)

    @staticmethod
    def remove(data_dir: Path) -> None:
        (data_dir / "reports" / JOURNAL).unlink(missing_ok=True)


def _recover(data_dir: Path, holder: str) -> None:
    """Finish or undo a load or unload whose process died, and clear what a killed process left behind. The
    load history decides: a load it lists (an unload it marks) had passed the point of no return and is
    finished — warehouse rebuilt, audit entry written; otherwise it is undone."""
    reports = data_dir / "reports"
    journal = _Journal.read(data_dir)
    if journal is not None:
        loads = {x.load_id: x for x in read_loads(data_dir)}
        if journal.kind == "load":
            done = all(i in loads for i in journal.load_ids)
        else:
            done = all(i in loads and loads[i].unloaded_at is not None for i in journal.load_ids)
        lang = settings.language()
        ids = ", ".join(map(str, journal.load_ids))
        said = {"kind": t(f"etl_kind_{journal.kind}", lang), "ids": ids, "pid": holder}
        if done:
            log.warning(t("etl_recovered_forward", lang, **said))
            build(data_dir, journal.warehouse)
            journal.finish(data_dir, recovered=True)
        else:
            log.warning(t("etl_recovered_back", lang, **said))
            for name in journal.files:
                if journal.kind == "load":
                    (reports / name).unlink(missing_ok=True)
                elif (reports / UNLOADED / name).exists() and not (reports / name).exists():
                    os.replace(reports / UNLOADED / name, reports / name)
            journal.remove(data_dir)
    elif holder:
        log.warning(t("etl_stale_lock", settings.language(), pid=holder))
    for leftover in [*(reports / PENDING).glob("*"), reports / (MANIFEST + ".new"), reports / (JOURNAL + ".new")]:
        leftover.unlink(missing_ok=True)
    if (reports / PENDING).is_dir():
        (reports / PENDING).rmdir()


class LoadError(Bilingual):
    """A load id that cannot be unloaded; nothing was changed."""


def unload(
    load_id: int, data_dir: Path | None = None, warehouse: Path | None = None, note: AuditNote | None = None
) -> BuildResult:
    """Take a load out of the warehouse (its file is kept under data/reports/unloaded/ for the record); a
    province and year it had replaced comes back from the load before. All or nothing, journaled as a load."""
    data_dir = Path(data_dir or settings.data_dir())
    with data_lock(data_dir):
        return _unload(load_id, data_dir, warehouse, note)


def _unload(load_id: int, data_dir: Path, warehouse: Path | None, note: AuditNote | None) -> BuildResult:
    before = read_loads(data_dir)
    entry = next((x for x in before if x.load_id == load_id), None)
    if entry is None:
        raise LoadError(*(t("etl_unload_unknown", lang, load_id=load_id) for lang in ("vi", "en")))
    if entry.unloaded_at is not None:
        said = {"load_id": load_id, "file": entry.original_name, "when": entry.unloaded_at}
        raise LoadError(*(t("etl_unload_again", lang, **said) for lang in ("vi", "en")))
    reports = data_dir / "reports"
    if not (reports / entry.file).exists():
        said = {"load_id": load_id, "file": entry.file, "folder": reports}
        raise LoadError(*(t("etl_unload_file_gone", lang, **said) for lang in ("vi", "en")))
    journal = _Journal("unload", Path(warehouse or settings.warehouse()), [load_id], [entry.file], note)
    journal.write(data_dir)
    kept = reports / UNLOADED / entry.file
    kept.parent.mkdir(exist_ok=True)
    os.replace(reports / entry.file, kept)
    gone = replace(entry, file=f"{UNLOADED}/{entry.file}", unloaded_at=datetime.now().replace(microsecond=0))
    try:
        write_loads(data_dir, [gone if x is entry else x for x in before])  # the point of no return
        result = build(data_dir, warehouse)
    except BaseException:
        os.replace(kept, reports / entry.file)
        write_loads(data_dir, before)
        journal.remove(data_dir)
        raise
    journal.finish(data_dir)
    return result


def load_history(warehouse: Path) -> pd.DataFrame:
    """The load history as the warehouse last built it, oldest load first."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT * FROM load_history ORDER BY load_id, year").df()
