"""Long-form files (one row per year, unit and indicator) in CSV or Parquet: a whole country's figures at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from core.i18n import Text
from core.indicators import catalogue_frame
from core.problems import Problem
from core.textnorm import ascii_fold
from core.units import REFORM_YEAR, UnitIndex, unit_frames
from etl.report import COUNT, MIN_YEAR, Report, SheetReport, file_sha256

COLUMNS = ("year", "level", "unit_code", "indicator", "value")  # required; `is_approx` may follow
SUFFIXES = (".parquet",)  # and a .csv whose header is COLUMNS
LISTED = 20  # rows named per kind of problem; the rest are counted
CHECK_MEMORY = "500MB"  # DuckDB's own limit while checking (80% of RAM otherwise); beyond it, it spills to disk


def _header(path: Path) -> tuple[list[str], str]:
    """The column names of a CSV's first line, and its separator (";", "," or a tab)."""
    with open(path, "rb") as handle:
        first = handle.readline(4096)
    text = first.decode("utf-8-sig", errors="replace").strip()
    delimiter = max(";,\t", key=text.count)
    return [c.strip().strip('"').strip().lower() for c in text.split(delimiter)], delimiter


def is_long(path: Path) -> bool:
    """A Parquet file, or a CSV whose header names the long-form columns."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return True
    return suffix == ".csv" and set(COLUMNS) <= set(_header(path)[0])


def is_sample(path: Path) -> bool:
    """Illustrative figures say so in the file name ("minh-hoa_…"), as the bundled samples do."""
    return "minh hoa" in " ".join(ascii_fold(path.stem).replace("_", " ").replace("-", " ").split())


def _arrow(path: Path) -> tuple[pa.Table, int]:
    """The file as an Arrow table (CSV columns as text, so a bad cell is reported rather than guessed), and the
    line or row number of its first data row."""
    if path.suffix.lower() in SUFFIXES:
        return pq.read_table(path), 1
    names, delimiter = _header(path)
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),  # the header (and any BOM) skipped
        parse_options=pacsv.ParseOptions(delimiter=delimiter),
        convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())),
    )
    return table, 2


# Every row with what the checks need: the unit it names (in the unit system of its year) and its indicator.
_ROWS = """
CREATE TEMP TABLE t AS
SELECT r.row, r.y, r.lvl, r.ind, r.v, r.approx, u.unit_id, u.province_id,
       i.code IS NOT NULL AS known, i.kind, i.parent
FROM (
    SELECT "row",
           CASE WHEN TRY_CAST(year AS DOUBLE) = TRY_CAST(year AS INTEGER) THEN TRY_CAST(year AS INTEGER) END AS y,
           upper(trim(CAST(level AS VARCHAR))) AS lvl,
           trim(CAST(unit_code AS VARCHAR)) AS code,
           trim(CAST(indicator AS VARCHAR)) AS ind,
           TRY_CAST(value AS DOUBLE) AS v,
           {approx} AS approx
    FROM raw
) r
LEFT JOIN unit_ref u
  ON u.system = CASE WHEN r.y < {reform:d} THEN 'pre2025' ELSE 'y2025' END AND u.level = r.lvl
 -- GSO codes have 3 (district) or 5 (commune) digits; a CSV that went through a spreadsheet may have lost zeros
 AND u.code = CASE WHEN regexp_full_match(r.code, '[0-9]+')
                   THEN lpad(r.code, CASE r.lvl WHEN 'D' THEN 3 ELSE 5 END, '0') ELSE r.code END
LEFT JOIN ind_ref i ON i.code = r.ind
"""

# (what, expected, the column, SQL giving the row of every row that has it and what was found there, NULL for
# the cell as written), in the order reported.
_CHECKS: tuple[tuple[Text, Text | None, str, str], ...] = (
    (
        ("năm không hợp lệ", "not a valid year"),
        (f"một năm từ {MIN_YEAR} đến năm nay", f"a year from {MIN_YEAR} to this year"),
        "year",
        "SELECT row, NULL FROM t WHERE y IS NULL OR y NOT BETWEEN $min_year AND $this_year",
    ),
    (
        ("cấp đơn vị không hợp lệ", "not a valid unit level"),
        ("D (huyện, trước 2025) hoặc C (xã)", "D (district, before 2025) or C (commune)"),
        "level",
        "SELECT row, NULL FROM t WHERE lvl IS DISTINCT FROM 'D' AND lvl IS DISTINCT FROM 'C'",
    ),
    (
        (
            "cấp huyện không còn từ 01/7/2025: số liệu từ năm 2025 lập theo xã",
            "districts were abolished on 1 July 2025: figures from 2025 on are by commune",
        ),
        ("C (xã)", "C (commune)"),
        "level",
        "SELECT row, NULL FROM t WHERE lvl = 'D' AND y >= $reform",
    ),
    (
        ("không có đơn vị mang mã này trong năm đó", "no unit has this code in that year"),
        (
            "mã GSO của huyện (3 chữ số) hoặc xã (5 chữ số) đang có hiệu lực năm đó",
            "the GSO code of a district (3 digits) or commune (5 digits) in force that year",
        ),
        "unit_code",
        """SELECT row, NULL FROM t
           WHERE unit_id IS NULL AND y BETWEEN $min_year AND $this_year AND lvl IN ('D', 'C')
             AND NOT (lvl = 'D' AND y >= $reform)""",
    ),
    (
        ("chỉ tiêu không có trong danh mục", "indicator not in the catalogue"),
        ("mã chỉ tiêu trong data/reference/indicators.csv", "an indicator code from data/reference/indicators.csv"),
        "indicator",
        "SELECT row, NULL FROM t WHERE NOT known",
    ),
    (
        (
            "tỷ lệ không nạp: được tính lại từ tử số và mẫu số",
            "ratios are not loaded: they are recomputed from numerator and denominator",
        ),
        ("tử số và mẫu số của tỷ lệ", "the ratio's numerator and denominator"),
        "indicator",
        "SELECT row, NULL FROM t WHERE kind = 'ratio'",
    ),
    (
        ("không phải số nguyên không âm", "not a whole number, 0 or more"),
        COUNT,
        "value",
        "SELECT row, NULL FROM t WHERE v IS NULL OR v < 0 OR v <> floor(v) OR isinf(v)",
    ),
    (
        ("đơn vị, năm và chỉ tiêu này đã có ở một dòng trước", "this unit, year and indicator is on an earlier row"),
        ("mỗi đơn vị, năm và chỉ tiêu một dòng", "one row per unit, year and indicator"),
        "unit_code",
        """SELECT t.row, 'đã có ở dòng ' || d.first FROM t
           JOIN (SELECT unit_id, y, ind, min(row) AS first FROM t WHERE unit_id IS NOT NULL AND known
                 GROUP BY ALL HAVING count(*) > 1) d USING (unit_id, y, ind)
           WHERE t.row > d.first""",
    ),
    (
        ("một phần lớn hơn tổng của nó", "a part is larger than its whole"),
        ("không quá giá trị của chỉ tiêu tổng cùng đơn vị và năm", "at most the whole's value, same unit and year"),
        "value",
        """SELECT c.row, printf('%s = %g > %s = %g', c.ind, c.v, p.ind, p.v)
           FROM t c JOIN t p ON p.unit_id = c.unit_id AND p.y = c.y AND p.ind = c.parent
           WHERE c.v > p.v""",
    ),
    (
        (
            "tỉnh này có cả số liệu huyện và số liệu xã trong cùng năm: tổng sẽ bị tính hai lần",
            "this province has both district and commune figures for the same year: totals would count twice",
        ),
        ("một cấp (huyện hoặc xã) cho mỗi tỉnh và năm", "one level (districts or communes) per province and year"),
        "level",
        """SELECT min(t.row) FILTER (WHERE t.lvl = 'D'), any_value(p.name) || ' ' || t.y
           FROM t JOIN unit_ref p ON p.unit_id = t.province_id
           GROUP BY t.province_id, t.y HAVING count(DISTINCT t.lvl) > 1""",
    ),
)


class _Unreadable(Exception):
    """A long-form file that cannot be read as a table of the long-form columns."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _open(con: duckdb.DuckDBPyConnection, path: Path, materialize: bool) -> None:
    """Register the file as `raw` and its rows with their unit and indicator as `t` on a connection."""
    name = path.name
    try:
        table, first = _arrow(path)
    except (OSError, pa.ArrowException) as exc:
        raise _Unreadable(Problem(name, (f"không đọc được tệp ({exc})", f"the file cannot be read ({exc})"))) from None
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise _Unreadable(
            Problem(
                name,
                (f"thiếu cột {', '.join(missing)}", f"missing column(s) {', '.join(missing)}"),
                expected=", ".join(COLUMNS),
                found=", ".join(table.column_names),
            )
        )
    if table.num_rows == 0:
        raise _Unreadable(Problem(name, ("tệp không có số liệu nào", "the file holds no figures")))
    approx = "is_approx" in table.column_names
    table = table.select([*COLUMNS, *(["is_approx"] if approx else [])])
    table = table.append_column("row", pa.array(np.arange(first, first + table.num_rows, dtype=np.int64)))
    unit, _, _ = unit_frames()
    catalogue = catalogue_frame()[["code", "kind", "parent"]].replace({"": None})
    con.register("raw", table)
    con.register("unit_ref", unit[["unit_id", "system", "level", "code", "province_id", "name"]])
    con.register("ind_ref", catalogue)
    sql = _ROWS.format(
        approx="coalesce(TRY_CAST(is_approx AS BOOLEAN), false)" if approx else "false", reform=REFORM_YEAR
    )
    con.execute(sql if materialize else sql.replace("TEMP TABLE", "TEMP VIEW"))


def read_long(path: Path) -> tuple[Report | None, list[Problem]]:
    """Check every row of a long-form file; the report (None when any row is wrong) and every problem, each
    named by its row (the CSV line, or the Parquet row counting from 1), column, what was expected and found.
    The values stay in the file: `insert` reads them again where they are written."""
    name = path.name
    params = {"reform": REFORM_YEAR, "min_year": MIN_YEAR, "this_year": date.today().year}
    problems: list[Problem] = []
    with duckdb.connect(config={"memory_limit": CHECK_MEMORY}) as con:
        try:
            _open(con, path, materialize=True)
        except _Unreadable as exc:
            return None, [exc.problem]
        for message, expected, column, sql in _CHECKS:
            used = {k: v for k, v in params.items() if f"${k}" in sql}
            found = con.execute(f"SELECT * FROM ({sql}) ORDER BY 1", used).fetchall()
            listed = [row for row, _ in found[:LISTED]]
            cells = dict(
                con.execute(
                    f'SELECT row, CAST("{column}" AS VARCHAR) FROM raw WHERE list_contains($rows, row)',  # ours
                    {"rows": listed},
                ).fetchall()
            )
            for row, text in found[:LISTED]:
                cell = cells.get(row) if text is None else text
                problems.append(Problem(name, message, row=int(row), column=column, expected=expected, found=cell))
            if len(found) > LISTED:
                rest = len(found) - LISTED
                problems.append(
                    Problem(
                        name,
                        (f"và {rest} dòng khác cùng lỗi này", f"and {rest} more rows with this problem"),
                        column=column,
                        expected=expected,
                    )
                )
        if problems:
            return None, problems
        parts = con.execute("""
            SELECT province_id, y, count(*) AS n, list(DISTINCT unit_id ORDER BY unit_id) AS units
            FROM t GROUP BY ALL ORDER BY province_id, y""").fetchall()
    index = UnitIndex.load()
    sample = is_sample(path)
    sheets = [
        SheetReport("", index.get(province), year, sample, units_listed=units, count=n)
        for province, year, n, units in parts
    ]
    return LongReport(path, file_sha256(path), sheets), []


_VALUES = """
SELECT t.ind AS indicator, t.unit_id, t.y AS year, t.v AS value, t.approx AS is_approx, 'dòng ' || t.row AS row_ref
FROM t JOIN (SELECT unnest($provinces) AS province_id, unnest($years) AS y) k USING (province_id, y)
"""


def _checked(con: duckdb.DuckDBPyConnection, report: Report, sheets: list[SheetReport]) -> dict[str, object]:
    """Open a report's file again on a connection, refusing a file changed since it was checked; the
    parameters of `_VALUES` for some of its sheets."""
    if file_sha256(report.path) != report.sha256:
        raise ChangedError(f"{report.path.name} đã thay đổi sau khi kiểm tra; chạy lại")
    _open(con, report.path, materialize=False)
    return {"provinces": [s.province.unit_id for s in sheets], "years": [s.year for s in sheets]}


def insert(con: duckdb.DuckDBPyConnection, table: str, report: Report, sheets: list[SheetReport], source: str) -> None:
    """Write the values of some sheets (province-years) of a checked long-form report into a warehouse table
    shaped like `observation`."""
    params = _checked(con, report, sheets)
    con.execute(
        f"INSERT INTO {table} BY NAME SELECT *, 'year' AS period_type, $source AS source_id FROM ({_VALUES})",  # ours
        {**params, "source": source},
    )
    con.execute("DROP VIEW t")
    for name in ("raw", "unit_ref", "ind_ref"):
        con.unregister(name)


class LongReport(Report):
    """A checked long-form file: its values are read again from the file when asked for."""

    long = True

    def value_frame(self, sheets: list[SheetReport] | None = None) -> pd.DataFrame:
        """The values of some sheets (province-years), all by default, as a frame of VALUE_COLUMNS."""
        with duckdb.connect(config={"memory_limit": CHECK_MEMORY}) as con:
            return con.execute(_VALUES, _checked(con, self, self.sheets if sheets is None else sheets)).df()


class ChangedError(RuntimeError):
    """A file changed between its check and its load; nothing was loaded."""
