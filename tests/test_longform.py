"""Long-form files: a whole country by commune in one CSV or Parquet file, checked row by row, all or nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from core.units import UnitIndex, unit_frames
from etl.__main__ import main
from etl.build import build
from etl.readers import read_report
from etl.sample import national_table

HEADER = "year,level,unit_code,indicator,value"


def _cli(*args: object) -> int:
    return main([str(a) for a in args])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _csv(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _rows(warehouse: Path, sql: str, **params: object) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _communes(index: UnitIndex, district: str) -> list[str]:
    return [u.code for u in sorted(index.children(district, "C"), key=lambda u: u.code)]


def test_communes_before_the_reform_add_up_to_their_district(data_dir: Path, index: UnitIndex, tmp_path: Path) -> None:
    c1, c2, c3 = _communes(index, "pre2025:D:243")[:3]  # Vĩnh Yên, Vĩnh Phúc
    n_communes = len(_communes(index, "pre2025:D:243"))
    new_commune = index.match("Phường Vĩnh Phúc", "y2025", "C", "y2025:P:25").code  # Phú Thọ from 2025
    report = _csv(
        tmp_path / "bao-cao-toan-quoc.csv",
        f"2024,C,{int(c1)},hotlines,4",  # a code whose leading zeros a spreadsheet dropped
        f"2024,c,{c2},hotlines,6",
        f"2024,C,{c3},dv_cases,3",
        f"2024,C,{c3},dv_cases_physical,3",
        f"2025,C,{new_commune},hotlines,5",
    )
    warehouse = data_dir / "warehouse.duckdb"
    assert _cli("load", report, "--data-dir", data_dir, "--warehouse", warehouse) == 0
    district = _rows(
        warehouse,
        """SELECT value, units_reported, units_total, counted, is_sample FROM mart_value
           WHERE unit_id = 'pre2025:D:243' AND indicator = 'hotlines' AND year = 2024""",
    )
    assert district == [(10.0, 2, n_communes, "C", False)]
    totals = _rows(
        warehouse,
        """SELECT unit_id, value, units_reported FROM mart_value
           WHERE indicator = 'hotlines' AND level = 'P' ORDER BY year, unit_id""",
    )
    # The 2024 province sums its one district that reported; the 2025 Phú Thọ gets Vĩnh Phúc's 2024 rolled up.
    assert totals == [("pre2025:P:26", 10.0, 1), ("y2025:P:25", 10.0, 1), ("y2025:P:25", 5.0, 1)]
    assert _rows(warehouse, "SELECT row_ref FROM observation WHERE value = 4") == [("dòng 2",)]
    assert _rows(warehouse, "SELECT kind FROM source") == [("report",)]
    # Completeness counts the district, as for a report by district.
    gaps = _rows(
        warehouse,
        """SELECT unit_id, n_values, n_expected FROM dq_completeness
           WHERE year = 2024 AND topic = 'network' AND n_values > 0""",
    )
    assert gaps == [("pre2025:D:243", 1, 1)]
    assert _cli("loads", "--data-dir", data_dir, "--warehouse", warehouse) == 0


def test_a_bad_long_file_is_refused_row_by_row_and_changes_nothing(
    data_dir: Path, index: UnitIndex, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    c1, c2, c3 = _communes(index, "pre2025:D:243")[:3]
    warehouse = data_dir / "warehouse.duckdb"
    good = _csv(tmp_path / "good.csv", f"2024,C,{c1},hotlines,4")
    assert _cli("load", good, "--data-dir", data_dir, "--warehouse", warehouse) == 0
    before, listing = _sha(warehouse), sorted((data_dir / "reports").rglob("*"))
    capsys.readouterr()
    bad = _csv(
        tmp_path / "bad.csv",
        f"2023,C,{c1},hotlines,4",
        f"2023,C,{c1},hotlines,5",
        f"20x4,C,{c2},hotlines,1",
        "2025,D,243,hotlines,1",
        "2024,C,99999,hotlines,1",
        f"2024,C,{c2},pct_communes_with_model,50",
        f"2024,C,{c2},hotline,1",
        f"2024,C,{c2},trusted_addresses,1.5",
        f"2024,C,{c3},dv_cases,2",
        f"2024,C,{c3},dv_cases_mental,3",
        "2024,D,244,hotlines,3",
        f"2024,X,{c3},hotlines,3",
    )
    assert _cli("load", bad, "--data-dir", data_dir, "--warehouse", warehouse) == 1
    err = capsys.readouterr().err
    for line in [
        "LỖI bad.csv › dòng 3 › cột unit_code: đơn vị, năm và chỉ tiêu này đã có ở một dòng trước — cần: mỗi "
        "đơn vị, năm và chỉ tiêu một dòng; có: 'đã có ở dòng 2'",
        "LỖI bad.csv › dòng 4 › cột year: năm không hợp lệ — cần: một năm từ 2000 đến năm nay; có: '20x4'",
        "LỖI bad.csv › dòng 5 › cột level: cấp huyện không còn từ 01/7/2025: số liệu từ năm 2025 lập theo xã — "
        "cần: C (xã); có: 'D'",
        "LỖI bad.csv › dòng 6 › cột unit_code: không có đơn vị mang mã này trong năm đó",
        "LỖI bad.csv › dòng 7 › cột indicator: tỷ lệ không nạp: được tính lại từ tử số và mẫu số",
        "LỖI bad.csv › dòng 8 › cột indicator: chỉ tiêu không có trong danh mục",
        "LỖI bad.csv › dòng 9 › cột value: không phải số nguyên không âm — cần: số nguyên không âm; có: '1.5'",
        "LỖI bad.csv › dòng 11 › cột value: một phần lớn hơn tổng của nó",
        "có: 'dv_cases_mental = 3 > dv_cases = 2'",
        "LỖI bad.csv › dòng 12 › cột level: tỉnh này có cả số liệu huyện và số liệu xã trong cùng năm",
        "có: 'Tỉnh Vĩnh Phúc 2024'",
        "LỖI bad.csv › dòng 13 › cột level: cấp đơn vị không hợp lệ",
        "không nạp gì, kho dữ liệu giữ nguyên",
    ]:
        assert line in err, line
    assert _sha(warehouse) == before
    assert sorted((data_dir / "reports").rglob("*")) == listing
    assert _cli("validate", bad) == 1


def test_many_bad_rows_are_counted_rather_than_listed(index: UnitIndex, tmp_path: Path) -> None:
    unit = index.unit
    codes = unit[(unit.system == "pre2025") & (unit.level == "C") & (unit.province_id == "pre2025:P:26")]["code"]
    bad = _csv(tmp_path / "bad.csv", *(f"2024;C;{code};hotlines;-1" for code in codes), header=HEADER.replace(",", ";"))
    report, problems = read_report(bad)
    assert report is None
    assert [p.row for p in problems[:20]] == list(range(2, 22))
    assert problems[20].message[0] == f"và {len(codes) - 20} dòng khác cùng lỗi này"
    assert len(problems) == 21


def test_a_file_without_the_long_columns_says_which_are_missing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"year": [2024], "unit_code": ["00001"], "value": [1]}), bad)
    report, problems = read_report(bad)
    assert report is None
    assert str(problems[0]) == (
        "LỖI bad.parquet: thiếu cột level, indicator — cần: year, level, unit_code, indicator, value; "
        "có: 'year, unit_code, value'"
    )


@pytest.mark.slow
def test_the_national_sample_is_the_whole_country_and_the_same_for_a_seed() -> None:
    years = [2024, 2025]
    table = national_table(years, seed=7)
    assert table.equals(national_table(years, seed=7))
    assert not table.column("value").equals(national_table(years, seed=8).column("value"))
    unit, _, _ = unit_frames()
    for year, system, expected in ((2024, "pre2025", 10_000), (2025, "y2025", 3_300)):
        part = table.filter(pc.equal(table["year"], year))
        communes = len(unit[(unit.system == system) & (unit.level == "C")])
        reported = len(set(part["unit_code"].to_pylist()))
        assert communes > expected and 0.99 * communes < reported <= communes  # a few sent nothing
        assert len(set(part["indicator"].to_pylist())) == 40  # every indicator that is not a ratio
    frame = table.to_pandas()
    wide = frame.pivot_table(index=["year", "unit_code"], columns="indicator", values="value", observed=True)
    forms = wide[["dv_cases_mental", "dv_cases_physical", "dv_cases_sexual", "dv_cases_economic"]].sum(axis=1)
    assert (forms == wide["dv_cases"]).all()
    assert (wide["victims_female"] + wide["victims_male"] == wide["victims_total"]).all()
    assert (wide["communes_with_model"] <= wide["communes_total"]).all()


@pytest.mark.slow
def test_the_national_sample_builds(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "data"
    assert _cli("sample", "--scale", "national", "--years", "2024-2025", "-o", data / "sample") == 0
    assert "minh-hoa_toan-quoc_2024-2025.parquet" in capsys.readouterr().out
    warehouse = build(data, data / "warehouse.duckdb").warehouse
    provinces = _rows(
        warehouse,
        """SELECT system, year, count(*), bool_and(is_sample), bool_and(counted = 'D' OR system = 'y2025')
           FROM mart_value WHERE level = 'P' AND indicator = 'hotlines' AND counted <> 'P' GROUP BY ALL ORDER BY 1""",
    )
    assert provinces == [("pre2025", 2024, 63, True, True), ("y2025", 2025, 34, True, True)]
    # Every district with a commune that sent its return (Hoàng Sa and a few island districts have no commune).
    unit, _, _ = unit_frames()
    communes = unit[(unit.system == "pre2025") & (unit.level == "C")].set_index("code")["parent_id"]
    sent = pq.read_table(data / "sample" / "minh-hoa_toan-quoc_2024-2025.parquet", filters=[("year", "=", 2024)])
    expected = communes[communes.index.isin(sent["unit_code"].to_pylist())].nunique()
    districts = _rows(
        warehouse, "SELECT count(DISTINCT unit_id) FROM mart_value WHERE level = 'D' AND indicator = 'hotlines'"
    )
    assert districts == [(expected,)] and expected > 680
    # Đà Nẵng's districts less Hoàng Sa, which has no commune to report for it: complete, not 7 of 8.
    da_nang = _rows(
        warehouse,
        """SELECT units_reported, units_total FROM mart_value
           WHERE unit_id = 'pre2025:P:48' AND indicator = 'hotlines' AND year = 2024""",
    )
    assert da_nang == [(7, 7)]
    assert _rows(warehouse, "SELECT count(*) FROM dq_completeness WHERE unit_id = 'pre2025:D:498'") == [(0,)]
