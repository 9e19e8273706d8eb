"""Data-quality checks: each rule on a fixture that triggers it and one that does not, completeness with known
gaps, the modified z-score against hand-computed values, the configuration and `python -m etl check`."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from core.findings import message
from etl.__main__ import main
from etl.build import build
from etl.narrative import COLUMNS as NARRATIVE_COLUMNS
from etl.quality import QUALITY_CONFIG, ConfigError, Setting, read_config
from etl.template import write_workbook

# The nine districts of Vĩnh Phúc (pre-2025 GSO codes).
VP = ["pre2025:D:243", "pre2025:D:244", "pre2025:D:246", "pre2025:D:247", "pre2025:D:248"]
VP += ["pre2025:D:249", "pre2025:D:251", "pre2025:D:252", "pre2025:D:253"]


def _warehouse(data_dir: Path, values: dict, years: list[int], province: str = "Vĩnh Phúc") -> Path:
    write_workbook(data_dir / "reports" / "report.xlsx", province, years, values)
    return build(data_dir, data_dir / "warehouse.duckdb").warehouse


def _findings(warehouse: Path, rule: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            """SELECT unit_id, indicator, year, value, other_indicator, other_value, other_year
               FROM dq_finding WHERE rule = $rule ORDER BY unit_id, indicator, year""",
            {"rule": rule},
        ).fetchall()


def _frame(warehouse: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).df()


def test_breakdown_total(data_dir: Path) -> None:
    a, b, c, d = VP[:4]
    values = {
        (2024, a): {"dv_cases": 10, "dv_cases_mental": 4, "dv_cases_physical": 3, "dv_cases_sexual": 2}
        | {"dv_cases_economic": 1},  # adds up
        (2024, b): {"dv_cases": 10, "dv_cases_mental": 8, "dv_cases_physical": 5},  # parts above the total
        (2024, c): {"victims_total": 10, "victims_female": 6, "victims_male": 3},  # both sexes given: 9, not 10
        (2024, d): {"victims_total": 10, "victims_female": 6},  # men left blank: may be none
    }
    warehouse = _warehouse(data_dir, values, [2024])
    assert _findings(warehouse, "breakdown_total") == [
        (b, "dv_cases", 2024, 10.0, None, 13.0, None),
        (c, "victims_total", 2024, 10.0, None, 9.0, None),
    ]


def _narrative(data_dir: Path, rows: list[dict], name: str = "0001_bao-cao_000000000000.csv") -> None:
    """A reviewed narrative file as etl.narrative writes it: figures no report form checked."""
    folder = data_dir / "narrative"
    folder.mkdir(exist_ok=True)
    with open(folder / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, NARRATIVE_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    "province": "Kon Tum",
                    "district": "",
                    "year": 2024,
                    "unit": "",
                    "source_url": "bao-cao-tong-ket.txt",
                    "published": "",
                    "quote": "…",
                    "is_approx": "false",
                    "kind": "result",
                    "start": 0,
                    "end": 1,
                }
                | row
            )


def test_part_exceeds_whole_and_ratio_range_in_figures_read_from_a_text(data_dir: Path) -> None:
    _narrative(
        data_dir,
        [
            {"indicator": "victims_total", "value": 40},
            {"indicator": "victims_under16", "value": 45},  # a typo in the text: more children than victims
            {"indicator": "children_total", "value": 9000},
            {"indicator": "children_under6", "value": 3000},  # fine
            {"indicator": "pct_communes_with_model", "value": 120},  # a share above 100%
            {"indicator": "pct_communes_with_hotline", "value": 96.5},  # fine
        ],
    )
    _narrative(  # another text's figures are not held against this one's
        data_dir,
        [{"indicator": "victims_total", "value": 30, "year": 2023}, {"indicator": "victims_under16", "value": 5}],
        "0002_khac_111111111111.csv",
    )
    warehouse = _warehouse(data_dir, {(2024, VP[0]): {"hotlines": 3}}, [2024])
    kt = "pre2025:P:62"
    assert _findings(warehouse, "part_exceeds_whole") == [
        (kt, "victims_under16", 2024, 45.0, "victims_total", 40.0, None)
    ]
    assert _findings(warehouse, "ratio_range") == [(kt, "pct_communes_with_model", 2024, 120.0, None, None, None)]
    where = _frame(
        warehouse,
        """SELECT rule, source_file, row_ref, source_url, expected_high FROM dq_finding
           WHERE rule IN ('part_exceeds_whole', 'ratio_range') ORDER BY rule""",
    )
    assert where.fillna(-1).values.tolist() == [  # the file and line the figure is on
        ["part_exceeds_whole", "0001_bao-cao_000000000000.csv", "3", "bao-cao-tong-ket.txt", -1],
        ["ratio_range", "0001_bao-cao_000000000000.csv", "6", "bao-cao-tong-ket.txt", 100.0],
    ]


def test_stock_jump(data_dir: Path) -> None:
    a, b = VP[:2]
    values = {
        (2022, a): {"hotlines": 10, "trusted_addresses": 3, "clubs_dv_prevention": 20},
        (2023, a): {"hotlines": 40, "trusted_addresses": 9, "clubs_dv_prevention": 50},  # ×4; ×3 but small; ×2.5
        (2022, b): {"hotlines": 30, "dv_cases": 4},
        (2023, b): {"hotlines": 9, "dv_cases": 40},  # a third of the year before; cases are a flow
    }
    warehouse = _warehouse(data_dir, values, [2022, 2023])
    assert _findings(warehouse, "stock_jump") == [
        (a, "hotlines", 2023, 40.0, None, 10.0, 2022),
        (b, "hotlines", 2023, 9.0, None, 30.0, 2022),
    ]


def test_stock_jump_needs_consecutive_years(data_dir: Path) -> None:
    values = {(2020, VP[0]): {"hotlines": 10}, (2023, VP[0]): {"hotlines": 40}}
    assert _findings(_warehouse(data_dir, values, [2020, 2023]), "stock_jump") == []


def test_flow_to_zero(data_dir: Path) -> None:
    a, b, c = VP[:3]
    values = {}
    for year, (x, y, z) in zip(range(2020, 2024), [(30, 30, 30), (40, 5, 40), (50, 50, 50), (0, 0, 2)], strict=True):
        values[(year, a)] = {"training_participants": x}  # 30, 40, 50, then 0
        values[(year, b)] = {"training_participants": y}  # one small year before: a zero may be real
        values[(year, c)] = {"training_participants": z}  # 2, not 0
    warehouse = _warehouse(data_dir, values, [2020, 2021, 2022, 2023])
    assert _findings(warehouse, "flow_to_zero") == [(a, "training_participants", 2023, 0.0, None, 40.0, 2020)]


def test_published_mismatch(data_dir: Path) -> None:
    # Published for Vĩnh Phúc 2019: 300 hotlines, 707 trusted addresses, 175 cases (data/reference).
    values = {
        (2019, unit): {
            "hotlines": 330 // 9 + (1 if i < 330 % 9 else 0),  # 330: 10% above 300
            "trusted_addresses": 707 // 9 + (1 if i < 707 % 9 else 0),  # exactly as published
            "dv_cases": 180 // 9,  # 180: 2,9% above 175, within the 5% tolerance
        }
        for i, unit in enumerate(VP)
    }
    warehouse = _warehouse(data_dir, values, [2019])
    mismatch = _frame(
        warehouse,
        """SELECT unit_id, indicator, value, other_value, score, source_url FROM dq_finding
           WHERE rule = 'published_mismatch'""",
    )
    assert mismatch[["unit_id", "indicator", "value", "other_value"]].values.tolist() == [
        ["pre2025:P:26", "hotlines", 330.0, 300.0]
    ]
    assert mismatch["score"].iloc[0] == pytest.approx(10.0)
    assert mismatch["source_url"].iloc[0].startswith("https://dulichvinhphuc.gov.vn/")


def test_outlier_series_against_hand_computed_values(data_dir: Path) -> None:
    """Nine districts with 10 hotlines each for six years; one has 60 in the sixth. That district's share of the
    province is 1/9 five times and 60/140 once: the median is 1/9 and the MAD 0, so the mean absolute deviation
    stands in: z = (60/140 − 1/9) / (1,253314 × (60/140 − 1/9) / 6) = 6 / 1,253314 = 4,787."""
    years = list(range(2018, 2024))
    values = {(y, u): {"hotlines": 60 if (u, y) == (VP[0], 2023) else 10} for y in years for u in VP}
    warehouse = _warehouse(data_dir, values, years)
    found = _frame(warehouse, "SELECT * FROM dq_finding WHERE rule = 'outlier_series'")
    assert found[["unit_id", "year", "value"]].values.tolist() == [[VP[0], 2023, 60.0]]
    med, top = 1 / 9, 60 / 140
    spread = 1.253314 * (top - med) / 6
    row = found.iloc[0]
    assert row["score"] == pytest.approx((top - med) / spread) == pytest.approx(6 / 1.253314)
    assert row["expected_low"] == 0.0  # 1/9 − 3,5 × spread is below zero
    assert row["expected_high"] == pytest.approx((med + 3.5 * spread) * 140)
    assert (row["source_file"], row["row_ref"]) == ("report.xlsx", "Năm 2023!19")  # Vĩnh Yên, as the template orders it
    # The other eight fell from 1/9 to 1/14 of the province, a z of −4,787 too, but only by 5,6 hotlines from
    # what their share would give (140/9 = 15,6): less than half of it, so not called unusual.


def test_outlier_units_against_hand_computed_values(data_dir: Path) -> None:
    """Shares of communes with a model across nine districts: 50, 50, 50, 55, 55, 45, 45, 50 and 100%. The median
    is 50, the absolute deviations 0, 0, 0, 5, 5, 5, 5, 0, 50 have median 5, so z(100) = 0,6745 × 50 / 5 = 6,745
    and the usual range is 50 ± 3,5 × 5 / 0,6745."""
    with_model = [5, 5, 5, 5.5, 5.5, 4.5, 4.5, 5, 10]
    values = {
        (2024, u): {"communes_total": 20, "communes_with_model": int(m * 2)}
        for u, m in zip(VP, with_model, strict=True)
    }
    warehouse = _warehouse(data_dir, values, [2024])
    found = _frame(warehouse, "SELECT * FROM dq_finding WHERE rule = 'outlier_units'")
    assert found[["unit_id", "indicator", "value"]].values.tolist() == [[VP[8], "pct_communes_with_model", 100.0]]
    row = found.iloc[0]
    assert row["score"] == pytest.approx(0.6745 * 50 / 5)
    assert row["expected_low"] == pytest.approx(50 - 3.5 * 5 / 0.6745)
    assert row["expected_high"] == pytest.approx(50 + 3.5 * 5 / 0.6745)
    assert row["row_ref"] == "Năm 2024!13"  # the numerator's row: where to look


def test_completeness_names_the_gaps(data_dir: Path) -> None:
    values = {}
    for year in (2023, 2024):
        for i, unit in enumerate(VP):
            if year == 2023 and i >= 7:
                continue  # two districts sent nothing in 2023
            values[(year, unit)] = {"hotlines": 5, "trusted_addresses": 9, "dv_cases": 2}
    del values[(2024, VP[0])]["trusted_addresses"]  # one district gave hotlines but not trusted addresses
    del values[(2024, VP[1])]["dv_cases"]  # and one no violence figure at all
    warehouse = _warehouse(data_dir, values, [2023, 2024])
    table = _frame(
        warehouse,
        """SELECT year, topic, count(*) FILTER (WHERE n_values = n_expected) AS complete, count(*) AS units,
                  any_value(n_expected) AS n_expected,
                  list(unit_id ORDER BY unit_id) FILTER (WHERE n_values < n_expected) AS short
           FROM dq_completeness GROUP BY ALL ORDER BY ALL""",
    )
    table["short"] = table["short"].map(list)
    assert table.to_dict("records") == [
        {"year": 2023, "topic": "network", "complete": 7, "units": 9, "n_expected": 2, "short": VP[7:]},
        {"year": 2023, "topic": "violence", "complete": 7, "units": 9, "n_expected": 1, "short": VP[7:]},
        {"year": 2024, "topic": "network", "complete": 8, "units": 9, "n_expected": 2, "short": [VP[0]]},
        {"year": 2024, "topic": "violence", "complete": 8, "units": 9, "n_expected": 1, "short": [VP[1]]},
    ]


def test_bundled_sample_findings(sample_warehouse: Path) -> None:
    """The slips written into the illustrative workbooks (etl/sample.py) are exactly the warnings found, and one
    published figure the illustrative Quảng Ngãi does not follow: 6 trusted addresses in 2022, which counts those
    one organisation built or strengthened that year and is filed as the province's figure."""
    found = _frame(
        sample_warehouse,
        """SELECT rule, u.short_name, indicator, year, value, other_value, is_sample FROM dq_finding f
           JOIN unit u USING (unit_id) WHERE severity <> 'info' ORDER BY ALL""",
    )
    assert found.values.tolist() == [
        ["breakdown_total", "Kim Sơn", "victims_total", 2020, 19.0, 22.0, True],
        ["flow_to_zero", "Sông Lô", "training_participants", 2023, 0.0, 78.0, True],
        ["published_mismatch", "Quảng Ngãi", "trusted_addresses", 2022, 725.0, 6.0, True],
        ["stock_jump", "Gia Bình", "trusted_addresses", 2021, 520.0, 52.0, True],
        ["stock_jump", "Gia Bình", "trusted_addresses", 2022, 54.0, 520.0, True],
    ]
    gaps = _frame(
        sample_warehouse,
        """SELECT c.year, u.short_name, sum(n_values) AS n FROM dq_completeness c JOIN unit u USING (unit_id)
           GROUP BY ALL HAVING bool_or(n_values < n_expected) ORDER BY ALL""",
    )
    assert gaps.values.tolist() == [[2018, "Kon Tum", 35], [2019, "Chương Mỹ", 0], [2019, "Gia Lâm", 0]]


def test_messages_in_both_languages() -> None:
    finding = {"indicator": "hotlines", "year": 2023, "value": 1234.0, "other_value": 300.0, "other_year": 2022}
    names = {"hotlines": "Số đường dây nóng"}
    template = ("{other_value} năm {other_year} thành {value} năm {year}: thay đổi hơn {factor} lần trong một năm",)
    assert message(finding, template[0], "vi", names, {"factor": 3.0}) == (
        "300 năm 2022 thành 1.234 năm 2023: thay đổi hơn 3 lần trong một năm"
    )
    z = {"indicator": "hotlines", "year": 2023, "value": 0.0, "expected_low": 0.0031, "expected_high": 12.5}
    assert message(z, "{value} ({low}–{high})", "en", names) == "0 (0.0031–12.5)"
    assert message(finding, "{value}/{other_value}", "vi", names, hidden="<5") == "<5/<5"


def test_configuration_errors_are_located(tmp_path: Path) -> None:
    text = QUALITY_CONFIG.read_text(encoding="utf-8")
    bad = tmp_path / "quality.toml"
    bad.write_text(
        text.replace('[stock_jump]\nseverity = "warning"', '[stock_jump]\nseverity = "loud"')
        .replace("factor = 3.0", "factor = -1")
        .replace("min_points = 5\n", "")
        + "\n[typo_rule]\nseverity = 'info'\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        read_config(bad)
    said = str(caught.value)
    assert "quality.toml: [typo_rule] không phải quy tắc nào" in said
    assert "[stock_jump] severity = 'loud'" in said
    assert "[stock_jump] factor = -1, cần một số không âm" in said
    assert "[outlier_series] min_points = None" in said
    assert read_config()["stock_jump"] == Setting("warning", {"factor": 3.0, "min_value": 10.0})


def test_check_command_prints_everything_and_fails_only_on_errors(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    values = {
        (2024, VP[0]): {"dv_cases": 10, "dv_cases_mental": 8, "dv_cases_physical": 5},
        (2024, VP[1]): {"hotlines": 4},
    }
    write_workbook(data_dir / "reports" / "report.xlsx", "Vĩnh Phúc", [2024], values)
    warehouse = data_dir / "warehouse.duckdb"
    assert main(["check", "--data-dir", str(data_dir), "--warehouse", str(warehouse)]) == 0  # a warning
    out = capsys.readouterr().out
    assert "[cảnh báo] Tỉnh Vĩnh Phúc › Thành phố Vĩnh Yên › 2024 › Tổng số vụ bạo lực gia đình: " in out
    assert "Tổng là 10, nhưng cộng các phần chia ra là 13  — Các phần không khớp tổng; nguồn: report.xlsx" in out
    assert "Thành phố Vĩnh Yên: thiếu mô hình, câu lạc bộ, đường dây nóng" in out
    assert "Thành phố Phúc Yên: thiếu bạo lực gia đình" in out
    assert "Huyện Yên Lạc: không báo cáo gì" in out
    assert "Tổng: 1 cảnh báo; 9 lượt đơn vị chưa báo cáo đủ." in out

    strict = read_config() | {"breakdown_total": Setting("error", {})}
    monkeypatch.setattr("etl.build.read_config", lambda: strict)
    build(data_dir, warehouse)
    assert main(["check", "--warehouse", str(warehouse)]) == 1
    assert "[lỗi] Tỉnh Vĩnh Phúc" in capsys.readouterr().out


def test_check_command_in_english(data_dir: Path, capsys: pytest.CaptureFixture) -> None:
    values = {
        (2024, VP[0]): {"dv_cases": 10, "dv_cases_mental": 8, "dv_cases_physical": 5},
        (2024, VP[1]): {"hotlines": 4},
    }
    write_workbook(data_dir / "reports" / "report.xlsx", "Vĩnh Phúc", [2024], values)
    warehouse = data_dir / "warehouse.duckdb"
    assert main(["--lang", "en", "check", "--data-dir", str(data_dir), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Rebuilding {warehouse} (missing, or built by an older version)…\n")
    assert "Units short of a full return (9):" in out
    assert (
        "[warning] Tỉnh Vĩnh Phúc › Thành phố Vĩnh Yên › 2024 › Domestic-violence cases: The total is 10, but its "
        "parts add up to 13  — Parts do not add up to the total; source: report.xlsx"
    ) in out
    assert "Thành phố Phúc Yên: missing domestic violence" in out
    assert "Huyện Yên Lạc: nothing reported" in out
    assert out.endswith("In all: 1 warning; 9 unit-years short of a full return.\n")


def test_configuration_errors_in_english(tmp_path: Path) -> None:
    bad = tmp_path / "quality.toml"
    bad.write_text(QUALITY_CONFIG.read_text(encoding="utf-8").replace("factor = 3.0", "factor = -1"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(bad)
    assert str(caught.value) == "quality.toml: [stock_jump] factor = -1, cần một số không âm"
    assert caught.value.en == "quality.toml: [stock_jump] factor = -1, expected a number not below zero"
    bad.write_text("[stock_jump", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(bad)
    assert str(caught.value).startswith("quality.toml: không đọc được (")
    assert caught.value.en.startswith("quality.toml: cannot be read (")
