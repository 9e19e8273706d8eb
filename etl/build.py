"""Build the warehouse from everything under data/ into a new DuckDB file, check it, then swap it in."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl.indicators import CATALOGUE, catalogue_frame
from etl.plans import REFERENCE, load_plans
from etl.problems import InputError, Problem
from etl.readers import SUFFIXES, Report, file_sha256, read_report
from etl.units import unit_frames

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SQL_DIR = Path(__file__).resolve().parent / "sql"


def default_warehouse() -> Path:
    return Path(os.environ.get("WAREHOUSE_PATH") or DATA_DIR / "warehouse.duckdb")


def code_version() -> str:
    """Fingerprint of what shapes the warehouse (its SQL and the catalogue)."""
    digest = hashlib.sha256()
    for path in [*sorted(SQL_DIR.glob("*.sql")), CATALOGUE, REFERENCE / "plans.csv", REFERENCE / "targets.csv"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def built_version(warehouse: Path) -> str | None:
    """The code version a warehouse file was built by; None when unreadable or older than versioning."""
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("SELECT any_value(code_version) FROM build_info").fetchone()[0]
    except duckdb.Error:
        return None


class BuildError(RuntimeError):
    """A built warehouse failed its checks; the served file was not touched."""


@dataclass(frozen=True)
class BuildResult:
    warehouse: Path
    sources: int
    observations: int
    notes: list[str]


def report_files(data_dir: Path) -> list[Path]:
    """Workbooks the warehouse is built from: illustrative ones (sample/) and loaded reports (reports/)."""
    files: list[Path] = []
    for sub in ("sample", "reports"):
        folder = data_dir / sub
        if folder.is_dir():
            files += sorted(
                p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", "."))
            )
    return files


def read_all(files: list[Path]) -> list[Report]:
    """Parse every file; raise InputError with all problems of all files if any has an error."""
    reports, problems = [], []
    for path in files:
        report, found = read_report(path)
        problems += found
        if report is not None:
            reports.append(report)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return reports


def _observations(reports: list[Report]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Source and observation frames; a reported province-year supersedes an illustrative one."""
    notes: list[str] = []
    owner: dict[tuple[str, int], Report] = {}
    problems: list[Problem] = []
    for report in sorted(reports, key=lambda r: r.is_sample):  # reported files first
        for sheet in report.sheets:
            k = (sheet.province.unit_id, sheet.year)
            other = owner.get(k)
            if other is None:
                owner[k] = report
            elif other.is_sample == report.is_sample:
                problems.append(
                    Problem(
                        report.path.name,
                        f"{sheet.province.name} năm {sheet.year} đã có trong tệp {other.path.name}",
                        sheet=sheet.sheet,
                        expected="mỗi tỉnh và năm chỉ một báo cáo",
                    )
                )
            elif report.is_sample:
                notes.append(
                    f"{sheet.province.name} {sheet.year}: dùng số liệu báo cáo ({other.path.name}) "
                    f"thay cho số liệu minh họa"
                )
    if problems:
        raise InputError(problems)
    sources, rows = [], []
    for report in reports:
        source_id = report.sha256[:16]
        used = [s for s in report.sheets if owner[(s.province.unit_id, s.year)] is report]
        if not used:
            continue
        years = sorted(s.year for s in used)
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        sources.append(
            {
                "source_id": source_id,
                "kind": "sample" if report.is_sample else "report",
                "title": f"{used[0].province.name}, {span}",
                "file_name": report.path.name,
                "sha256": report.sha256,
                "loaded_at": datetime.fromtimestamp(report.path.stat().st_mtime, UTC).replace(tzinfo=None),
            }
        )
        for sheet in used:
            rows += [
                (v.indicator, v.unit_id, v.year, v.value, "year", v.is_approx, source_id, v.row_ref)
                for v in sheet.values
            ]
    obs = pd.DataFrame(
        rows, columns=["indicator", "unit_id", "year", "value", "period_type", "is_approx", "source_id", "row_ref"]
    )
    return pd.DataFrame(sources), obs, notes


def _unit_table() -> tuple[pd.DataFrame, pd.DataFrame]:
    unit, crosswalk, _ = unit_frames()
    unit = unit.copy()
    parents = unit.set_index("unit_id")["parent_id"]
    province = unit["unit_id"].where(unit.level == "P", unit["parent_id"])
    # Pre-2025 communes sit under a district, which sits under the province.
    province = province.where(~province.map(parents).notna(), province.map(parents))
    unit["province_id"] = province
    return unit, crosswalk


def _check(con: duckdb.DuckDBPyConnection) -> None:
    """Facts every build must satisfy; a failure keeps the served warehouse as it was."""
    failures = []
    counts = dict(
        ((s, lvl), n) for s, lvl, n in con.execute("SELECT system, level, count(*) FROM unit GROUP BY ALL").fetchall()
    )
    for k, want in {("pre2025", "P"): 63, ("pre2025", "D"): 696, ("y2025", "P"): 34, ("y2025", "C"): 3321}.items():
        if counts.get(k) != want:
            failures.append(f"số đơn vị {k}: {counts.get(k)} (cần {want})")
    bad = con.execute("""
        SELECT count(*) FROM unit u WHERE u.system = 'pre2025' AND u.level = 'P' AND
        (SELECT count(*) FROM unit_crosswalk x JOIN unit t ON t.unit_id = x.to_unit
          WHERE x.from_unit = u.unit_id AND t.level = 'P') <> 1""").fetchone()[0]
    if bad:
        failures.append(f"{bad} tỉnh trước 2025 không thuộc đúng một tỉnh mới")
    orphans = con.execute("""
        SELECT count(*) FROM observation o
        WHERE o.unit_id NOT IN (SELECT unit_id FROM unit) OR o.indicator NOT IN (SELECT code FROM indicator)
           OR o.source_id NOT IN (SELECT source_id FROM source)""").fetchone()[0]
    if orphans:
        failures.append(f"{orphans} giá trị không khớp đơn vị, chỉ tiêu hoặc nguồn")
    mismatch = con.execute("""
        SELECT count(*) FROM (
          SELECT m.unit_id, m.indicator, m.year, m.value,
                 (SELECT sum(o.value) FROM observation o JOIN unit u USING (unit_id)
                   WHERE u.province_id = m.unit_id AND o.indicator = m.indicator AND o.year = m.year
                     AND u.level = CASE WHEN m.system = 'pre2025' THEN 'D' ELSE 'C' END) AS s
          FROM mart_value m WHERE m.level = 'P' AND m.counted <> 'P') WHERE value IS DISTINCT FROM s""").fetchone()[0]
    if mismatch:
        failures.append(f"{mismatch} tổng cấp tỉnh khác tổng các đơn vị")
    rollup = con.execute("""
        SELECT count(*) FROM mart_value m
        WHERE m.counted = 'P' AND m.value IS DISTINCT FROM (
            SELECT sum(p.value) FROM mart_value p JOIN unit_crosswalk x ON x.from_unit = p.unit_id
            WHERE x.to_unit = m.unit_id AND p.level = 'P' AND p.system = 'pre2025'
              AND p.indicator = m.indicator AND p.year = m.year)""").fetchone()[0]
    if rollup:
        failures.append(f"{rollup} giá trị cộng gộp theo tỉnh mới khác tổng các tỉnh cũ")
    if failures:
        raise BuildError("; ".join(failures))


def build(data_dir: Path = DATA_DIR, warehouse: Path | None = None) -> BuildResult:
    """Full rebuild into `<warehouse>.new`, checks, then an atomic replace of the served file."""
    warehouse = Path(warehouse or default_warehouse())
    reports = read_all(report_files(data_dir))
    sources, obs, notes = _observations(reports)
    unit, crosswalk = _unit_table()
    plans, targets = load_plans()
    indicators = catalogue_frame().drop(columns=["aliases"]).copy()
    indicators["sort_order"] = range(len(indicators))
    for col in ("sensitive", "higher_is_better"):
        indicators[col] = indicators[col].map({"true": True, "false": False})
    indicators["scale"] = pd.to_numeric(indicators["scale"])
    indicators = indicators.replace({"": None})

    warehouse.parent.mkdir(parents=True, exist_ok=True)
    tmp = warehouse.with_name(warehouse.name + ".new")
    tmp.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(tmp)) as con:
            con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
            for table, frame in (
                ("unit", unit),
                ("unit_crosswalk", crosswalk),
                ("indicator", indicators),
                ("source", sources),
                ("observation", obs),
                ("plan", plans),
                ("target", targets),
            ):
                if len(frame):
                    con.register("frame", frame)
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")  # table names are ours
                    con.unregister("frame")
            con.execute((SQL_DIR / "marts.sql").read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO build_info VALUES (now()::TIMESTAMP, $s, $o, $v)",
                {"s": len(sources), "o": len(obs), "v": code_version()},
            )
            _check(con)
            con.execute("CHECKPOINT")
        os.replace(tmp, warehouse)
    finally:
        tmp.unlink(missing_ok=True)
    return BuildResult(warehouse, len(sources), len(obs), notes)


@dataclass(frozen=True)
class LoadResult:
    added: list[Path]
    unchanged: list[Path]
    build: BuildResult | None
    warnings: list[Problem] = field(default_factory=list)


def load(files: list[Path], data_dir: Path = DATA_DIR, warehouse: Path | None = None) -> LoadResult:
    """Validate files, keep them under data/reports/ and rebuild; all or nothing, and idempotent."""
    reports = read_all([Path(f) for f in files])
    known = {file_sha256(p) for p in report_files(data_dir)}
    new = [r for r in reports if r.sha256 not in known]
    unchanged = [r.path for r in reports if r.sha256 in known]
    warehouse = Path(warehouse or default_warehouse())
    warnings = [w for r in reports for w in r.warnings]
    if not new and warehouse.exists():
        return LoadResult([], unchanged, None, warnings)
    target_dir = data_dir / "reports"
    target_dir.mkdir(parents=True, exist_ok=True)
    copies: list[Path] = []
    try:
        for report in {r.sha256: r for r in new}.values():
            dest = target_dir / f"{report.sha256[:12]}_{report.path.name}"
            shutil.copyfile(report.path, dest)
            copies.append(dest)
        result = build(data_dir, warehouse)
    except BaseException:
        for copy in copies:  # leave data/ as it was
            copy.unlink(missing_ok=True)
        raise
    return LoadResult(copies, unchanged, result, warnings)
