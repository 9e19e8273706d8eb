"""Chart builders as figures, the scorecard's verdicts and number helpers, on small hand-made frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics import charts
from analytics.fmt import year_ranges
from analytics.scorecard import assess, score

META = pd.DataFrame(
    [
        ("hotlines", "Số đường dây nóng", "Hotlines", "đường dây", "lines", "stock"),
        ("dv_cases", "Tổng số vụ bạo lực gia đình", "Domestic-violence cases", "vụ", "cases", "flow"),
        ("dv_cases_mental", "Số vụ bạo lực về tinh thần", "Psychological", "vụ", "cases", "flow"),
        ("dv_cases_physical", "Số vụ bạo lực về thân thể", "Physical", "vụ", "cases", "flow"),
        ("pct_communes_with_model", "Tỷ lệ xã có mô hình", "Share of communes with a model", "%", "%", "ratio"),
        (
            "dv_cases_per_1000_households",
            "Số vụ trên 1.000 hộ",
            "Cases per 1,000 households",
            "vụ/1.000 hộ",
            "",
            "ratio",
        ),
    ],
    columns=["code", "name_vi", "name_en", "unit_vi", "unit_en", "kind"],
).set_index("code", drop=False)


def _rows(*rows: tuple) -> pd.DataFrame:
    """(indicator, year, value[, suppressed]) rows in the shape queries.values returns."""
    frame = pd.DataFrame([(*r, False)[:4] for r in rows], columns=["indicator", "year", "value", "suppressed"]).astype(
        {"value": "float64"}
    )
    return frame


def test_trend_lines_one_trace_per_indicator_with_gaps_kept() -> None:
    frame = _rows(("hotlines", 2022, 10), ("hotlines", 2023, None), ("hotlines", 2024, 12))
    fig = charts.trend_lines(frame, META, ("hotlines", "dv_cases"), "Đường dây", "vi")
    assert [trace.name for trace in fig.data] == ["Số đường dây nóng"]  # no trace for what was not reported
    assert list(fig.data[0].x) == [2022, 2023, 2024]
    assert math.isnan(fig.data[0].y[1])  # missing stays missing, not zero
    assert fig.layout.separators == ",."
    assert fig.layout.yaxis.dtick is None  # 12 is not a small count


def test_stacked_bars_small_counts_get_whole_number_ticks() -> None:
    frame = _rows(("dv_cases_mental", 2024, 1), ("dv_cases_physical", 2024, 2))
    fig = charts.stacked_bars(frame, META, ("dv_cases_mental", "dv_cases_physical"), "BLGĐ", "en")
    assert fig.layout.barmode == "stack"
    assert [trace.name for trace in fig.data] == ["Psychological", "Physical"]
    assert (fig.layout.yaxis.dtick, tuple(fig.layout.yaxis.range)) == (1, (0, 5))
    assert fig.layout.separators == ".,"


def test_a_chart_with_nothing_to_draw_says_so() -> None:
    frame = _rows(("dv_cases_mental", 2024, None, True))  # hidden small count
    fig = charts.stacked_bars(frame, META, ("dv_cases_mental",), "BLGĐ", "vi")
    assert [a.text for a in fig.layout.annotations] == ["Không có số liệu để vẽ: chưa báo cáo, hoặc số nhỏ đã được ẩn."]
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_ratio_lines_draw_the_targets_of_their_own_indicator() -> None:
    frame = _rows(("pct_communes_with_model", 2023, 55.6), ("pct_communes_with_model", 2024, 52.6))
    targets = pd.DataFrame(
        [
            ("QD-45-2022-TTg", "pct_communes_with_model", 2025, 95.0),
            ("KH-925-2024-KT", "pct_officials_trained", 2024, 100.0),
        ],
        columns=["plan_id", "indicator", "year", "value"],
    )
    fig = charts.ratio_lines(frame, META, ("pct_communes_with_model",), "Tỷ lệ", "vi", targets)
    assert [shape.y0 for shape in fig.layout.shapes] == [95.0]  # not the other indicator's 100
    assert [a.text for a in fig.layout.annotations] == ["Chỉ tiêu 2025: 95% (QĐ 45)"]
    assert tuple(fig.layout.yaxis.range) == (0, 105)  # percentages on a full scale
    assert fig.data[0].hovertemplate.startswith("%{y:,.1f}")


def test_ratio_lines_for_a_rate_scale_to_the_data() -> None:
    frame = _rows(("dv_cases_per_1000_households", 2024, 0.4))
    fig = charts.ratio_lines(frame, META, ("dv_cases_per_1000_households",), "Tỷ suất", "vi")
    assert fig.layout.yaxis.range == pytest.approx((0, 0.46))
    assert fig.layout.yaxis.title.text in ("", None)


def test_unit_bars_label_hidden_counts_and_carry_the_unit() -> None:
    frame = pd.DataFrame(
        {
            "indicator": ["dv_cases"] * 3,
            "unit_id": ["pre2025:D:243", "pre2025:D:244", "pre2025:D:251"],
            "unit_name": ["Vĩnh Yên", "Phúc Yên", "Yên Lạc"],
            "value": [6.0, None, 0.0],
            "suppressed": [False, True, False],
            "hidden_as": ["", "<5", ""],
        }
    )
    fig = charts.unit_bars(frame, META, "dv_cases", "Số vụ", "vi")
    bars = fig.data[0]
    assert list(bars.y) == ["Phúc Yên", "Yên Lạc", "Vĩnh Yên"]  # hidden first, then smallest to largest
    assert list(bars.text) == ["<5", "0", "6"]  # every bar says its value; a hidden one says it is hidden
    assert list(bars.customdata) == ["pre2025:D:244", "pre2025:D:251", "pre2025:D:243"]
    assert fig.layout.height == 300
    assert fig.layout.xaxis.title.text == "vụ"
    assert tuple(fig.layout.xaxis.range) == pytest.approx((0, 7.2))  # room for the longest bar's label


def test_a_rate_s_unit_is_said_in_words() -> None:
    assert charts.per_unit(META, "dv_cases_per_1000_households", "vi") == "vụ trên 1.000 hộ"
    assert charts.per_unit(META, "pct_communes_with_model", "vi") == "%"
    frame = pd.DataFrame(
        {
            "indicator": ["dv_cases_per_1000_households"] * 2,
            "unit_id": ["pre2025:D:243", "pre2025:D:244"],
            "unit_name": ["Vĩnh Yên", "Phúc Yên"],
            "value": [0.126, 1234.5],
            "suppressed": [False, False],
            "hidden_as": ["", ""],
        }
    )
    fig = charts.unit_bars(frame, META, "dv_cases_per_1000_households", "Tỷ suất", "vi")
    assert list(fig.data[0].text) == ["0,13", "1.234,50"]
    assert fig.layout.xaxis.title.text == "vụ trên 1.000 hộ"


def test_titles_wrap_at_words_and_take_their_room() -> None:
    long = (
        "Biện pháp xử lý người gây bạo lực và hòa giải các vụ bạo lực gia đình<br><sup>Tỉnh Vĩnh Phúc · 2023–2024</sup>"
    )
    assert charts.wrap(long) == (
        "Biện pháp xử lý người gây bạo lực và hòa<br>giải các vụ bạo lực gia đình"
        "<br><sup>Tỉnh Vĩnh Phúc · 2023–2024</sup>"
    )
    fig = charts.stacked_bars(_rows(("dv_cases", 2024, 9)), META, ("dv_cases",), long, "vi")
    assert fig.layout.title.text.count("<br>") == 2
    assert fig.layout.margin.t == 8 + 2 * 21 + 15 + 12 + 2  # two lines, the unit line, the gap under them
    # A legend entry never wraps by itself: the longest names are broken at words, the others kept whole.
    assert charts.legend_name("Số người gây bạo lực bị góp ý, phê bình trong cộng đồng dân cư") == (
        "Số người gây bạo lực bị góp ý, phê bình<br>trong cộng đồng dân cư"
    )
    assert charts.legend_name("Tỷ lệ xã có mô hình phòng, chống bạo lực gia đình").count("<br>") == 0
    # The legend has its own room at the foot of the figure, never on the year labels.
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == ("container", 0, "bottom")


def test_published_figures_stand_beside_the_bars_not_inside_them() -> None:
    frame = _rows(("dv_cases_mental", 2023, 40), ("dv_cases_physical", 2023, 50), ("dv_cases_mental", 2024, 30))
    fig = charts.stacked_bars(frame, META, ("dv_cases_mental", "dv_cases_physical"), "BLGĐ", "vi")
    points = pd.DataFrame(
        {
            "indicator": ["dv_cases_mental"],
            "year": [2023],
            "value": [41.0],
            "is_approx": [False],
            "year_uncertain": [False],
        }
    )
    charts.add_published(fig, points, META, "vi")
    diamonds = fig.data[-1]
    assert (list(diamonds.x), diamonds.xaxis) == ([2023], "x2")  # the year itself, on the shifted copy of the axis
    assert tuple(fig.layout.xaxis.range) == (2022.5, 2024.5)
    assert tuple(fig.layout.xaxis2.range) == pytest.approx((2022.5 - charts.SHIFT, 2024.5 - charts.SHIFT))
    assert fig.layout.xaxis2.overlaying == "x" and fig.layout.xaxis2.visible is False
    lines = charts.trend_lines(frame, META, ("dv_cases_mental",), "BLGĐ", "vi")
    charts.add_published(lines, points, META, "vi")
    assert lines.data[-1].xaxis in (None, "x")  # on a line chart, at its year


@pytest.mark.parametrize(
    ("comparator", "target", "result", "verdict"),
    [
        ("ge", 95, 96.7, "achieved"),
        ("ge", 95, 95.0, "achieved"),
        ("ge", 95, 85.0, "near"),  # exactly 10 points short
        ("ge", 95, 84.9, "missed"),
        ("le", 5, 4.0, "achieved"),
        ("le", 5, 16.0, "missed"),
        ("change_le", -10, -12.0, "achieved"),  # down 12% where 10% was asked
        ("change_le", -10, -5.0, "near"),
        ("change_le", -10, 3.0, "missed"),
        ("ge", 90, None, "no_data"),
        ("ge", 90, float("nan"), "no_data"),
    ],
)
def test_assess(comparator: str, target: float, result: float | None, verdict: str) -> None:
    assert assess(comparator, target, result) == verdict


def test_score_judges_each_target_on_its_year_or_the_latest_before() -> None:
    targets = pd.DataFrame(
        [
            ("KH-925-2024-KT", "pct_officials_trained", 2024, "ge", 100.0),
            ("KH-925-2024-KT", "dv_cases", 2024, "change_le", -10.0),
            ("QD-45-2022-TTg", "pct_communes_with_model", 2025, "ge", 95.0),
            ("QD-45-2022-TTg", None, 2025, "ge", 40.0),
        ],
        columns=["plan_id", "indicator", "year", "comparator", "value"],
    )
    series = _rows(
        ("pct_officials_trained", 2024, 92.0),
        ("dv_cases", 2022, 30),
        ("dv_cases", 2023, 20),  # 2024 not reported: judged on 2023 against 2022
        ("pct_communes_with_model", 2023, 70.0),
        ("pct_communes_with_model", 2024, 88.0),
        ("pct_communes_with_model", 2026, 99.0),  # after the target year: not used
    )
    card = score(targets, series)
    got = [
        tuple(
            None if pd.isna(v) else v for v in (r.indicator, r.result and round(r.result, 2), r.result_year, r.status)
        )
        for r in card.itertuples()
    ]
    assert got == [
        ("pct_officials_trained", 92.0, 2024, "near"),
        ("dv_cases", -33.33, 2023, "achieved"),
        ("pct_communes_with_model", 88.0, 2024, "near"),
        (None, None, None, "not_measured"),
    ]


def test_year_ranges() -> None:
    assert year_ranges([2024, 2016, 2017, 2018, 2020, 2023]) == "2016–2018, 2020, 2023–2024"
    assert year_ranges([2024]) == "2024"
