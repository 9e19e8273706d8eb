"""The warehouse build: literal values from real files, atomic swaps, idempotent loads, bad input rejected."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import openpyxl
import pytest

from core.problems import InputError
from etl.__main__ import main
from etl.build import build, load_history
from tests.helpers import FIRST, template_column


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one(warehouse: Path, sql: str, **params: object) -> object:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(sql, params).fetchone()
    return None if row is None else row[0]


def _mart(warehouse: Path, unit: str, indicator: str, year: int, column: str = "value") -> object:
    return _one(
        warehouse,
        f"SELECT {column} FROM mart WHERE unit_id = $u AND indicator = $i AND year = $y",
        u=unit,
        i=indicator,
        y=year,
    )


def test_fixture_values(fixture_warehouse: Path) -> None:
    vp = "pre2025:P:26"
    assert _mart(fixture_warehouse, vp, "hotlines", 2024) == 24 + 12 + 9
    assert _mart(fixture_warehouse, vp, "hotlines", 2024, "prev_value") == 30
    assert _mart(fixture_warehouse, vp, "hotlines", 2024, "units_reported") == 3
    assert _mart(fixture_warehouse, vp, "hotlines", 2024, "units_total") == 9
    assert _mart(fixture_warehouse, vp, "trusted_addresses", 2024) == 55  # the reported 0 counts, blanks do not
    assert _mart(fixture_warehouse, vp, "trusted_addresses", 2024, "units_reported") == 2
    assert _mart(fixture_warehouse, "pre2025:D:251", "dv_cases", 2024) == 0
    assert _mart(fixture_warehouse, "pre2025:D:251", "trusted_addresses", 2024) is None
    assert _mart(fixture_warehouse, vp, "dv_cases", 2024, "is_sample") is False
    assert _one(fixture_warehouse, "SELECT count(*) FROM source WHERE kind = 'report'") == 4
    assert (
        _one(
            fixture_warehouse,
            "SELECT row_ref FROM observation WHERE unit_id = 'pre2025:D:251' AND indicator = 'hotlines'",
        )
        == f"Năm 2024!{FIRST + 6}"
    )


def test_ratios_use_the_units_that_reported_both_parts(fixture_warehouse: Path) -> None:
    vp, phu_tho_2025 = "pre2025:P:26", "y2025:P:25"
    # 2023: Phúc Yên gave its communes but not how many have a model; only Vĩnh Yên's 5 of 9 count.
    assert _mart(fixture_warehouse, vp, "pct_communes_with_model", 2023) == pytest.approx(5 / 9 * 100)
    assert _mart(fixture_warehouse, vp, "pct_communes_with_model", 2023, "units_reported") == 1
    assert _mart(fixture_warehouse, vp, "pct_communes_with_model", 2024) == pytest.approx(10 / 19 * 100)
    assert _mart(fixture_warehouse, vp, "pct_communes_with_model", 2024, "denominator") == 19
    # The 2025 province: numerators and denominators summed over the former provinces, never averaged.
    assert _mart(fixture_warehouse, phu_tho_2025, "pct_communes_with_model", 2024) == pytest.approx(22 / 39 * 100)
    assert _mart(fixture_warehouse, phu_tho_2025, "pct_communes_with_model", 2024, "units_reported") == 2
    assert _mart(fixture_warehouse, phu_tho_2025, "hotlines", 2024) == 45 + 7
    assert _mart(fixture_warehouse, phu_tho_2025, "hotlines", 2023) == 30 + 5


def test_a_zero_denominator_stays_out_of_the_province_ratio(data_dir: Path, workbook: Callable[..., Path]) -> None:
    values = {
        (2024, "pre2025:D:243"): {"dv_cases": 6, "households_total": 40000},
        (2024, "pre2025:D:251"): {"dv_cases": 7, "households_total": 0},  # a 0 typed for "unknown"
    }
    shutil.copy(workbook(values=values), data_dir / "reports")
    warehouse = build(data_dir, data_dir / "w.duckdb").warehouse
    rate = "dv_cases_per_1000_households"
    assert _mart(warehouse, "pre2025:D:251", rate, 2024) is None
    assert _mart(warehouse, "pre2025:P:26", rate, 2024) == pytest.approx(6 / 40000 * 1000)
    assert _mart(warehouse, "pre2025:P:26", rate, 2024, "units_reported") == 1
    assert _mart(warehouse, "pre2025:P:26", "dv_cases", 2024) == 13  # the count itself keeps both


def test_sample_agrees_with_published_figures(sample_warehouse: Path) -> None:
    vp, hn, bn, kt = "pre2025:P:26", "pre2025:P:01", "pre2025:P:27", "pre2025:P:62"
    # Vĩnh Phúc 2019: 175 cases (73 mental, 84 physical, 16 economic, 2 sexual), 707 trusted addresses, 300 hotlines.
    assert [
        _mart(sample_warehouse, vp, code, 2019)
        for code in (
            "dv_cases",
            "dv_cases_mental",
            "dv_cases_physical",
            "dv_cases_economic",
            "dv_cases_sexual",
            "trusted_addresses",
            "hotlines",
        )
    ] == [175, 73, 84, 16, 2, 707, 300]
    assert _mart(sample_warehouse, vp, "hotlines", 2017) == 229  # seed 000
    assert _mart(sample_warehouse, hn, "households_total", 2024) == 2_091_335
    assert _mart(sample_warehouse, hn, "dv_cases", 2024) == 24
    assert _mart(sample_warehouse, bn, "children_total", 2019) == 306_822  # seed 003
    assert _mart(sample_warehouse, bn, "children_under6", 2019) == 154_438
    assert _mart(sample_warehouse, kt, "households_behaviour_code", 2021) is None  # not reported before 2022
    ratio = _one(
        sample_warehouse,
        "SELECT value FROM mart_ratio WHERE unit_id = $u AND indicator = $i AND year = $y",
        u=kt,
        i="pct_communes_with_model",
        y=2024,
    )
    assert ratio == pytest.approx(60 / 102 * 100)
    assert _one(sample_warehouse, "SELECT bool_and(kind = 'sample') FROM source") is True


def _cli(*args: str | Path) -> int:
    return main([str(a) for a in args])


def test_another_data_folder_builds_its_own_warehouse(
    data_dir: Path, fixture_reports: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The dashboard's warehouse is where WAREHOUSE_PATH points; `--data-dir` alone must not write it.
    default = data_dir.parent / "dashboard.duckdb"
    monkeypatch.setenv("WAREHOUSE_PATH", str(default))
    shutil.copy(fixture_reports[0], data_dir / "reports")
    assert _cli("build", "--data-dir", data_dir) == 0
    assert default.exists()  # an explicit WAREHOUSE_PATH still wins
    default.unlink()
    monkeypatch.delenv("WAREHOUSE_PATH")
    monkeypatch.setenv("DATA_DIR", str(data_dir.parent / "elsewhere"))
    assert _cli("build", "--data-dir", data_dir) == 0
    assert (data_dir / "warehouse.duckdb").exists()
    assert not default.exists() and not (data_dir.parent / "elsewhere").exists()


def test_load_is_idempotent(data_dir: Path, fixture_reports: list[Path], capsys: pytest.CaptureFixture) -> None:
    warehouse = data_dir / "warehouse.duckdb"
    assert _cli("load", fixture_reports[0], "--data-dir", data_dir, "--warehouse", warehouse) == 0
    before = _sha(warehouse)
    assert _cli("load", fixture_reports[0], "--data-dir", data_dir, "--warehouse", warehouse) == 0
    assert "đã nạp trước đây, không thay đổi" in capsys.readouterr().out
    assert _sha(warehouse) == before
    assert sorted(p.name for p in (data_dir / "reports").iterdir()) == ["0001_6c8234c1476d_vinh-phuc.xlsx", "loads.csv"]


def _damaged(source: Path, tmp_path: Path, change: Callable) -> Path:
    path = tmp_path / f"bad-{source.name}"
    shutil.copy(source, path)
    book = openpyxl.load_workbook(path)
    change(book.worksheets[0])
    book.save(path)
    return path


@pytest.mark.slow  # one CLI load and a byte-for-byte comparison per case
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda ws: setattr(ws.cell(2, 3), "value", "Tỉnh Không Có"), "dòng 2 › cột C"),
        (
            lambda ws: (
                setattr(ws.cell(FIRST, 3), "value", "Huyện Không Có")
                or setattr(ws.cell(FIRST, 2), "value", None)
                or setattr(ws.cell(FIRST, template_column(ws, "hotlines")), "value", 4)
            ),
            f"dòng {FIRST} › cột C (Tên đơn vị)",
        ),
        # A misspelt header of a column the report gives already: which of the two is meant is not ours to guess.
        (lambda ws: setattr(ws.cell(FIRST - 2, 4), "value", "Số đường dây nong"), "'Số đường dây nóng' có hai cột"),
        (lambda ws: setattr(ws.cell(FIRST, template_column(ws, "hotlines")), "value", "năm"), "'năm' không phải là số"),
        (lambda ws: setattr(ws.cell(FIRST, template_column(ws, "hotlines")), "value", -1), "số âm"),
    ],
)
def test_bad_input_changes_nothing(
    data_dir: Path,
    fixture_reports: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    damage: Callable,
    message: str,
) -> None:
    warehouse = data_dir / "warehouse.duckdb"
    assert _cli("load", fixture_reports[1], "--data-dir", data_dir, "--warehouse", warehouse) == 0
    before, listing = _sha(warehouse), sorted((data_dir / "reports").iterdir())
    capsys.readouterr()
    bad = _damaged(fixture_reports[0], tmp_path, damage)
    assert _cli("load", fixture_reports[0], bad, "--data-dir", data_dir, "--warehouse", warehouse) == 1
    err = capsys.readouterr().err
    assert "LỖI bad-vinh-phuc.xlsx › sheet 'Năm 2023' › " in err and message in err
    assert "không nạp gì, kho dữ liệu giữ nguyên" in err
    assert _sha(warehouse) == before  # the good file in the same command was not loaded either
    assert sorted((data_dir / "reports").iterdir()) == listing
    assert _cli("validate", bad) == 1


def test_validate_accepts_a_good_file(fixture_reports: list[Path], capsys: pytest.CaptureFixture) -> None:
    assert _cli("validate", fixture_reports[0]) == 0
    assert "Năm 2024: Tỉnh Vĩnh Phúc năm 2024, 9 đơn vị, 32 giá trị — hợp lệ" in capsys.readouterr().out


def test_build_swaps_atomically(data_dir: Path, fixture_reports: list[Path]) -> None:
    warehouse = data_dir / "warehouse.duckdb"
    shutil.copy(fixture_reports[1], data_dir / "reports" / "kon-tum.xlsx")
    build(data_dir, warehouse)
    reader = duckdb.connect(str(warehouse), read_only=True)  # a running dashboard
    shutil.copy(fixture_reports[0], data_dir / "reports" / "vinh-phuc.xlsx")
    build(data_dir, warehouse)
    assert reader.execute("SELECT count(*) FROM source").fetchone()[0] == 1  # still reads its snapshot
    reader.close()
    assert _one(warehouse, "SELECT count(*) FROM source") == 2
    assert not list(warehouse.parent.glob("*.new"))  # no temporary file left behind


@pytest.mark.slow  # loads through the limited worker and several builds
def test_report_supersedes_sample_and_a_correction_replaces_a_report(
    data_dir: Path, fixture_reports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from etl.sample import PROFILES, province_values
    from etl.template import write_workbook

    kon_tum = next(p for p in PROFILES if p.name == "Kon Tum")
    (data_dir / "sample").mkdir()
    write_workbook(data_dir / "sample" / "kt.xlsx", "Kon Tum", [2023, 2024], province_values(kon_tum), sample=True)
    warehouse = data_dir / "warehouse.duckdb"
    result = build(data_dir, warehouse)
    assert _mart(warehouse, "pre2025:P:62", "hotlines", 2024, "is_sample") is True
    assert _cli("load", fixture_reports[1], "--data-dir", data_dir, "--warehouse", warehouse) == 0
    assert _mart(warehouse, "pre2025:P:62", "hotlines", 2024) == 31
    assert _mart(warehouse, "pre2025:P:62", "hotlines", 2024, "is_sample") is False
    assert _mart(warehouse, "pre2025:P:62", "hotlines", 2023, "is_sample") is True
    assert result.sources == 1
    # A corrected report for Kon Tum 2024 replaces the first; the first stays on record.
    other = write_workbook(tmp_path / "kon-tum-2.xlsx", "Kon Tum", [2024], {(2024, "pre2025:D:608"): {"hotlines": 33}})
    assert _cli("load", other, "--data-dir", data_dir, "--warehouse", warehouse) == 0
    assert _mart(warehouse, "pre2025:P:62", "hotlines", 2024) == 33
    history = load_history(warehouse)
    columns = ["load_id", "file_name", "province", "year", "status", "replaced_by"]
    assert history[columns].astype(object).where(history[columns].notna(), None).values.tolist() == [
        [1, "kon-tum.xlsx", "Tỉnh Kon Tum", 2024, "replaced", 2],
        [2, "kon-tum-2.xlsx", "Tỉnh Kon Tum", 2024, "active", None],
    ]
    assert _one(warehouse, "SELECT value FROM replaced_observation WHERE indicator = 'hotlines'") == 31
    capsys.readouterr()
    assert _cli("loads", "--warehouse", warehouse) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].endswith("kon-tum.xlsx  Tỉnh Kon Tum năm 2024, 2 giá trị  đã được lần nạp 2 thay")
    assert listing[1].endswith("kon-tum-2.xlsx  Tỉnh Kon Tum năm 2024, 1 giá trị  đang dùng")

    # Unloading the correction brings the first report back; its file is kept.
    assert _cli("unload", "2", "--data-dir", data_dir, "--warehouse", warehouse) == 0
    assert _mart(warehouse, "pre2025:P:62", "hotlines", 2024) == 31
    assert load_history(warehouse)["status"].tolist() == ["active", "unloaded"]
    assert [p.name for p in (data_dir / "reports" / "unloaded").iterdir()] == [
        f"0002_{_sha(other)[:12]}_kon-tum-2.xlsx"
    ]

    # What cannot be unloaded changes nothing.
    before = _sha(warehouse)
    for load_id, message in (("2", "đã được gỡ lúc"), ("99", "không có lần nạp 99")):
        assert _cli("unload", load_id, "--data-dir", data_dir, "--warehouse", warehouse) == 1
        assert message in capsys.readouterr().err
    assert _sha(warehouse) == before

    # Every load and unload is in the audit log, with who ran it; refused ones are not.
    from core import audit

    events = [(e["event"], e.get("load_id")) for e in audit.read(data_dir / "audit.jsonl")]
    assert events == [("load", None), ("load", None), ("unload", 2)]
    assert all(e["user"] == audit.system_user() for e in audit.read(data_dir / "audit.jsonl"))

    # Loading it again is a new load.
    assert _cli("load", other, "--data-dir", data_dir, "--warehouse", warehouse) == 0
    assert load_history(warehouse)[["load_id", "status"]].values.tolist() == [
        [1, "replaced"],
        [2, "unloaded"],
        [3, "active"],
    ]
    assert _mart(warehouse, "pre2025:P:62", "hotlines", 2024) == 33


def test_two_files_outside_the_load_history_for_one_province_year_are_refused(
    data_dir: Path, fixture_reports: list[Path], tmp_path: Path
) -> None:
    from etl.template import write_workbook

    other = write_workbook(tmp_path / "kon-tum-2.xlsx", "Kon Tum", [2024], {(2024, "pre2025:D:608"): {"hotlines": 1}})
    for path in (fixture_reports[1], other):  # copied by hand, not loaded
        shutil.copy(path, data_dir / "reports")
    with pytest.raises(InputError, match="Tỉnh Kon Tum năm 2024 đã có trong tệp"):
        build(data_dir, data_dir / "w.duckdb")
    assert not (data_dir / "w.duckdb").exists()


@pytest.mark.slow  # loads through the limited worker and several builds
def test_reloading_a_replaced_file_makes_it_current_again(
    data_dir: Path, fixture_reports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from etl.template import write_workbook

    warehouse = data_dir / "warehouse.duckdb"
    first = fixture_reports[1]  # Kon Tum 2024: 31 hotlines
    second = write_workbook(tmp_path / "kon-tum-2.xlsx", "Kon Tum", [2024], {(2024, "pre2025:D:608"): {"hotlines": 33}})
    for path, hotlines in ((first, 31), (second, 33), (first, 31)):
        assert _cli("load", path, "--data-dir", data_dir, "--warehouse", warehouse) == 0
        assert _mart(warehouse, "pre2025:P:62", "hotlines", 2024) == hotlines
    history = load_history(warehouse)
    assert history[["load_id", "file_name", "status"]].values.tolist() == [
        [1, "kon-tum.xlsx", "replaced"],
        [2, "kon-tum-2.xlsx", "replaced"],
        [3, "kon-tum.xlsx", "active"],
    ]
    # The same file once more: nothing to do.
    before = _sha(warehouse)
    assert _cli("load", first, "--data-dir", data_dir, "--warehouse", warehouse) == 0
    assert "đã nạp trước đây, không thay đổi" in capsys.readouterr().out
    assert _sha(warehouse) == before


def test_two_files_for_one_province_year_in_one_load_are_refused(
    data_dir: Path, fixture_reports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from etl.template import write_workbook

    other = write_workbook(tmp_path / "kon-tum-2.xlsx", "Kon Tum", [2024], {(2024, "pre2025:D:608"): {"hotlines": 33}})
    assert _cli("load", fixture_reports[1], other, "--data-dir", data_dir) == 1
    assert "Tỉnh Kon Tum năm 2024 cũng có trong kon-tum.xlsx, nạp cùng lúc" in capsys.readouterr().err
    assert sorted(p.name for p in (data_dir / "reports").iterdir()) == []


def test_a_load_whose_file_was_removed_by_hand(data_dir: Path, fixture_reports: list[Path], capsys) -> None:
    warehouse = data_dir / "warehouse.duckdb"
    assert _cli("load", fixture_reports[1], "--data-dir", data_dir, "--warehouse", warehouse) == 0
    next(p for p in (data_dir / "reports").iterdir() if p.suffix == ".xlsx").unlink()
    build(data_dir, warehouse)
    assert load_history(warehouse)[["load_id", "status"]].values.tolist() == [[1, "missing"]]
    assert _cli("unload", "1", "--data-dir", data_dir, "--warehouse", warehouse) == 1
    assert "không còn trong" in capsys.readouterr().err


def test_published_figures_are_matched_and_the_unmatched_said(fixture_warehouse: Path, tmp_path: Path) -> None:
    from etl.published import load_published

    # The bundled files: 99 rows and the 73 of the second file with a figure and a year, every one matched, kept
    # apart from reported values.
    assert _one(fixture_warehouse, "SELECT count(*) FROM published_figure") == 172
    assert _one(fixture_warehouse, "SELECT count(*) FROM published_figure WHERE unit_id IS NULL") == 0
    national = "SELECT value FROM published_figure WHERE unit_id = 'national:N:VN' AND indicator = $i AND year = $y"
    assert _one(fixture_warehouse, national, i="dv_cases", y=2009) == 53152
    names = "SELECT unit_id FROM published_figure WHERE province_text = $p AND year = $y"
    assert _one(fixture_warehouse, names, p="TP. Hồ Chí Minh", y=2024) == "pre2025:P:79"
    assert _one(fixture_warehouse, names, p="Nam Định", y=2025) == "pre2025:P:36"  # a former province, in 2025
    assert _one(fixture_warehouse, "SELECT count(*) FROM mart_value WHERE unit_id = 'national:N:VN'") == 0
    # A hostile file: a place and an indicator nobody knows are kept and said, not dropped.
    hostile = tmp_path / "published.csv"
    hostile.write_text(
        "province,district,year,indicator,value,unit,source_url,published,quote\n"
        "Tỉnh Không Có,,2020,dv_cases,5,vụ,https://example.org/a,2021-01-01,5 vụ\n"
        "Vĩnh Phúc,,2019,so_ho_ngheo,12,hộ,https://example.org/b,,[YEAR UNCERTAIN] 12 hộ\n",
        encoding="utf-8",
    )
    published = load_published(hostile)
    assert len(published.figures) == 2
    assert [n.split(":")[0] for n in published.notes] == ["published.csv dòng 2", "published.csv dòng 3"]
    assert published.figures["year_uncertain"].tolist() == [False, True]
    assert published.figures["period_type"].tolist() == ["year", "other"]


def test_the_command_line_speaks_english_when_asked(
    data_dir: Path,
    fixture_reports: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    warehouse = data_dir / "warehouse.duckdb"
    shutil.copy(fixture_reports[1], data_dir / "reports" / "kon-tum.xlsx")
    assert _cli("--lang", "en", "build", "--data-dir", data_dir, "--warehouse", warehouse) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Built {warehouse}: 1 sources, 2 values"
    assert out[1].startswith("Data quality: ") and out[1].endswith(" (details: python -m etl check)")
    assert "nguồn" not in out[0] and "Chất lượng" not in out[1]
    # DASHBOARD_LANG as for the app, and --lang after the command too; the line says the last word.
    monkeypatch.setenv("DASHBOARD_LANG", "en")
    assert _cli("build", "--if-missing", "--warehouse", warehouse) == 0
    assert capsys.readouterr().out == f"The warehouse is there already: {warehouse}\n"
    assert _cli("build", "--if-missing", "--warehouse", warehouse, "--lang", "vi") == 0
    assert capsys.readouterr().out == f"Kho dữ liệu đã có: {warehouse}\n"
    monkeypatch.setenv("DASHBOARD_LANG", "fr")  # not a language of ours: Vietnamese
    assert _cli("build", "--if-missing", "--warehouse", warehouse) == 0
    assert capsys.readouterr().out == f"Kho dữ liệu đã có: {warehouse}\n"
    monkeypatch.delenv("DASHBOARD_LANG")

    bad = _damaged(fixture_reports[0], tmp_path, lambda ws: setattr(ws.cell(2, 3), "value", "Tỉnh Không Có"))
    assert _cli("--lang", "en", "validate", bad) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "ERROR bad-vinh-phuc.xlsx › sheet 'Năm 2023' › row 2 › column C: no province 'Tỉnh Không Có' — expected: "
        "a province in the unit list; found: 'Tỉnh Không Có'",
        "1 error; nothing loaded, the warehouse is unchanged.",
    ]
    assert _cli("--lang", "en", "unload", "9", "--data-dir", data_dir, "--warehouse", warehouse) == 1
    assert capsys.readouterr().err == "ERROR no load 9 (see: python -m etl loads)\n"
    assert _cli("unload", "9", "--data-dir", data_dir, "--warehouse", warehouse) == 1
    assert capsys.readouterr().err == "LỖI không có lần nạp 9 (xem: python -m etl loads)\n"


def test_a_problem_is_said_in_vietnamese_as_str_says_it() -> None:
    from core.problems import Problem
    from etl.__main__ import problem_text

    problems = [
        Problem("a.xlsx", ("tin", "message"), "Năm 2024", 12, "E (Số đường dây nóng)", ("một số", "a number"), "x"),
        Problem("a.csv", "chỉ một thứ tiếng", row=3, found=None, severity="warning"),
        Problem("b.xlsx", ("tin", "message"), expected="cần", found=""),
    ]
    for problem in problems:
        assert problem_text(problem, "vi") == str(problem)
    assert problem_text(problems[0], "en") == (
        "ERROR a.xlsx › sheet 'Năm 2024' › row 12 › column E (Số đường dây nóng): message — expected: a number; "
        "found: 'x'"
    )
    assert problem_text(problems[1], "en") == "WARNING a.csv › row 3: chỉ một thứ tiếng"


def test_every_command_line_message_has_the_same_blanks_in_both_languages() -> None:
    from string import Formatter

    from core.i18n import STRINGS

    def blanks(text: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(text) if name is not None}

    ours = {k: v for k, v in STRINGS.items() if k.startswith("etl_")}
    assert len(ours) > 50
    for key, (vi, en) in ours.items():
        assert blanks(vi) == blanks(en), key
        assert vi != en or not any(c in vi for c in "ăâđêôơư"), key  # an English side really in English


def test_the_build_fingerprint_is_what_shapes_the_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses
    import importlib.util
    import sys

    from etl import build as building
    from etl import quality

    files = building.fingerprinted_files()
    assert Path(quality.__file__).resolve() not in files
    assert {p.name for p in files} >= {"schema.sql", "marts.sql", "_leaf.sql", "_spread.sql", "outlier_units.sql"}
    assert {p.stem for p in (building.SQL_DIR / "checks").glob("*.sql")} >= {r.code for r in quality.RULES}
    before = building.code_version()

    # A comment in etl/quality.py: the same rules, the same fingerprint.
    edited = tmp_path / "quality_edited.py"
    edited.write_text(
        "# a comment changes nothing\n" + Path(quality.__file__).read_text(encoding="utf-8"), encoding="utf-8"
    )
    spec = importlib.util.spec_from_file_location("quality_edited", edited)
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "quality_edited", copy)  # its dataclasses look themselves up there
    spec.loader.exec_module(copy)
    assert copy.definition() == quality.definition()
    monkeypatch.setattr(building, "definition", copy.definition)
    assert building.code_version() == before
    # A rule's message in etl/quality.py is in dq_rule: it does change the fingerprint.
    monkeypatch.setattr(copy, "RULES", (dataclasses.replace(copy.RULES[0], title=("khác", "other")), *copy.RULES[1:]))
    assert building.code_version() != before
    monkeypatch.setattr(building, "definition", quality.definition)

    # A check's SQL: a new fingerprint.
    sql = tmp_path / "sql"
    shutil.copytree(building.SQL_DIR, sql)
    monkeypatch.setattr(building, "SQL_DIR", sql)
    assert building.code_version() == before
    stock_jump = sql / "checks" / "stock_jump.sql"
    stock_jump.write_text(stock_jump.read_text(encoding="utf-8").replace("$factor", "2 * $factor"), encoding="utf-8")
    assert building.code_version() != before
