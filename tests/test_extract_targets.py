"""Targets proposed from a text and approved by an officer become plan targets on the plans page's scorecard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from analytics.scorecard import score
from etl import narrative
from etl.build import build
from etl.extract import extract
from etl.plans import load_plans
from etl.published import load_published

PLAN_TEXT = (
    "Kế hoạch của UBND tỉnh Vĩnh Phúc ngày 12/3/2024. Phấn đấu đến năm 2025, 100% xã, phường, thị trấn có đường "
    "dây nóng; giảm 10% số vụ bạo lực gia đình so với năm 2024.\n"
    "Năm 2023, toàn tỉnh có 229 đường dây nóng.\n"
    "Phấn đấu đến năm 2025, 90% hộ gia đình được cung cấp thông tin về phòng, chống bạo lực gia đình."
)
SOURCE = "https://vinhphuc.example.vn/ke-hoach-2024"
REVIEWED = date(2024, 5, 2)


def reviewed_table() -> pd.DataFrame:
    table = narrative.review_table(extract(PLAN_TEXT))
    assert table[["indicator", "value", "year", "kind"]].values.tolist() == [
        ["pct_communes_with_hotline", 100, 2025, "target"],
        ["dv_cases", -10, 2025, "change_target"],
        ["hotlines", 229, 2023, "result"],
        ["pct_households_informed", 90, 2025, "target"],
    ]
    table.loc[3, "accept"] = False  # the officer rejects this one
    return table


def write_review(folder: Path) -> Path:
    reviewed, problems = narrative.check(reviewed_table(), SOURCE, REVIEWED)
    assert problems == []
    path = folder / "0001_ke-hoach.csv"
    reviewed.to_csv(path, index=False)
    return path


def test_approved_targets_become_plan_targets_with_their_sentence(tmp_path: Path) -> None:
    plans, targets = load_plans(narrative=[write_review(tmp_path)])
    ours = targets[targets.plan_id.str.startswith("VB-")]
    assert ours[["indicator", "year", "comparator", "value"]].values.tolist() == [
        ["pct_communes_with_hotline", 2025, "ge", 100],
        ["dv_cases", 2025, "change_le", -10],  # "giảm 10%": a ceiling on the change
    ]  # not the result (229 đường dây nóng), not the rejected 90%
    assert set(ours.text_vi) == {
        "Phấn đấu đến năm 2025, 100% xã, phường, thị trấn có đường dây nóng; giảm 10% số vụ bạo lực gia đình so với "
        "năm 2024."
    }
    plan = plans[plans.plan_id.isin(ours.plan_id)]
    assert plan[["scope", "scope_unit_id", "issued_on", "source_url", "issuer"]].values.tolist() == [
        ["Vĩnh Phúc", "pre2025:P:26", date(2024, 5, 2), SOURCE, "vinhphuc.example.vn"]
    ]
    assert plan.title_vi.iloc[0] == f"Chỉ tiêu trích từ văn bản (đã duyệt): {SOURCE}"
    # The same review saved twice (two files) is one target each, and a file reviewed before the date was kept adds
    # none.
    again = tmp_path / "0002_again.csv"
    again.write_bytes((tmp_path / "0001_ke-hoach.csv").read_bytes())
    old = tmp_path / "0003_old.csv"
    pd.read_csv(again, dtype=str).drop(columns="reviewed_on").to_csv(old, index=False)
    _, targets = load_plans(narrative=sorted(tmp_path.glob("*.csv")))
    assert len(targets[targets.plan_id.str.startswith("VB-")]) == 2


def test_an_approved_target_is_never_a_years_value(tmp_path: Path) -> None:
    figures = load_published(write_review(tmp_path), "narrative").figures
    assert figures[["indicator", "year", "value", "period_type"]].values.tolist() == [
        ["pct_communes_with_hotline", 2025, 100, "target"],
        ["dv_cases", 2025, -10, "change_target"],
        ["hotlines", 2023, 229, "year"],
    ]


def test_the_scorecard_judges_an_approved_target(tmp_path: Path) -> None:
    _, targets = load_plans(narrative=[write_review(tmp_path)])
    ours = targets[targets.plan_id.str.startswith("VB-")]
    series = pd.DataFrame(
        {"indicator": ["pct_communes_with_hotline", "dv_cases", "dv_cases"], "year": [2024, 2023, 2024],
         "value": [93.0, 200.0, 170.0]}
    )  # fmt: skip
    judged = score(ours, series)
    assert judged[["indicator", "result", "result_year", "status"]].values.tolist() == [
        ["pct_communes_with_hotline", 93.0, 2024, "near"],  # 7 points short of 100%, by the latest year
        ["dv_cases", -15.0, 2024, "achieved"],  # 200 -> 170: down 15%, within "giảm 10%"
    ]


def test_a_saved_review_reaches_the_warehouse_plan_targets(data_dir: Path) -> None:
    warehouse = data_dir / "w.duckdb"
    assert narrative.save(reviewed_table(), SOURCE, data_dir, warehouse, REVIEWED) is not None
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT t.indicator, t.year, t.comparator, t.value, p.scope_unit_id FROM target t JOIN plan p "
            "USING (plan_id) WHERE plan_id LIKE 'VB-%' ORDER BY t.indicator"
        ).fetchall()
    assert rows == [
        ("dv_cases", 2025, "change_le", -10.0, "pre2025:P:26"),
        ("pct_communes_with_hotline", 2025, "ge", 100.0, "pre2025:P:26"),
    ]


def test_saving_the_same_review_on_another_day_changes_nothing(data_dir: Path) -> None:
    warehouse = data_dir / "w.duckdb"
    build(data_dir, warehouse)
    assert narrative.save(reviewed_table(), SOURCE, data_dir, warehouse, REVIEWED) is not None
    assert narrative.save(reviewed_table(), SOURCE, data_dir, warehouse, date(2024, 6, 1)) is None
    assert len(list((data_dir / "narrative").glob("*.csv"))) == 1
