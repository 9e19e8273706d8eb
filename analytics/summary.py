"""The province brief's figures, gathered once through the same queries (and disclosure control) as every page,
and the summary sentences written from them in Vietnamese or English."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from analytics import queries
from analytics.access import Scope
from analytics.fmt import is_partial, number, partial_text, plan_short, signed, vi_key, year_ranges
from analytics.scorecard import score
from core.i18n import KPI_LABELS, decimals, t
from core.units import name_in

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PALETTE = ("#1f5fa8", "#d9822b", "#2e8b57", "#8e44ad", "#c0392b", "#7f8c8d")

NETWORK = ("clubs_sustainable_family", "clubs_dv_prevention", "trusted_addresses", "hotlines")
# The forms in the order reports list them; a sentence names them largest first.
FORMS = queries.DV_FORMS
TABLE_CODES = ("clubs_dv_prevention", "trusted_addresses", "hotlines", "dv_cases", "training_participants")
HISTORY = 10  # years of trend on the brief: a decade reads at A4 size, more does not


@dataclass(frozen=True)
class Brief:
    """Everything the brief, the report and the summary say, as the reader may see it."""

    unit_id: str
    province_id: str
    district_id: str | None
    system: str
    first: int
    year: int
    scope: Scope
    unit_name: str
    province_name: str
    frame: pd.DataFrame  # the unit's rows of `codes`, first..year (queries.values)
    units: pd.DataFrame  # districts or communes of the province in `year` (empty for a district, or no detail)
    detail_allowed: bool
    card: pd.DataFrame  # the plan scorecard (province level), judged on figures up to `year`
    ratio_codes: tuple[str, ...]  # ratios with targets, for the coverage chart
    own_targets: pd.DataFrame
    info: queries.BuildInfo
    made_at: datetime

    @property
    def is_sample(self) -> bool:
        return bool(self.frame["is_sample"].fillna(False).any()) or bool(
            len(self.units) and self.units["is_sample"].fillna(False).any()
        )

    @property
    def hidden_cells(self) -> int:
        """Cells on the brief that disclosure control hides (unit, indicator, year, counted once)."""
        keys = set()
        for frame in (self.frame, self.units):
            if len(frame):
                rows = frame[frame["suppressed"].astype(bool)]
                keys |= set(zip(rows["unit_id"], rows["indicator"], rows["year"], strict=True))
        return len(keys)

    def row(self, code: str, year: int | None = None) -> pd.Series | None:
        """The unit's row of an indicator in a year (the brief's by default); None when not reported."""
        rows = self.frame[(self.frame["indicator"] == code) & (self.frame["year"] == (year or self.year))]
        return None if rows.empty else rows.iloc[0]


def gather(
    province_id: str, district_id: str | None, first: int, year: int, scope: Scope, made_at: datetime | None = None
) -> Brief:
    """The brief's figures for a unit and year (trend from `first`, at most HISTORY years), for this reader."""
    unit_id = district_id or province_id
    first = max(first, year - HISTORY + 1)
    targets = queries.targets(province_id)
    target_codes = tuple(str(c) for c in targets["indicator"].dropna().unique())
    meta = queries.indicators()
    # The shares with the province's own targets first: those are the ones the coverage chart can judge.
    own_codes = set(targets.loc[targets["scope_unit_id"] == province_id, "indicator"].dropna())
    ratio_codes = tuple(
        sorted((c for c in target_codes if meta.loc[c, "kind"] == "ratio"), key=lambda c: c not in own_codes)
    )
    codes = tuple(dict.fromkeys(queries.KPI_INDICATORS + queries.NETWORK_TREND + FORMS + ratio_codes))
    frame = queries.values(unit_id, codes, first, year, scope)
    # Plans are judged at province level on every year up to the brief's, as on the plans page; a former
    # province's plan on that former province's own figures.
    series = queries.values(province_id, target_codes, 2000, year, scope) if target_codes else frame.iloc[:0]
    own = targets[targets["scope_unit_id"] == province_id]
    cards = [score(own, series)] if len(own) else []
    for unit in targets.loc[targets["scope_unit_id"] != province_id, "scope_unit_id"].unique():
        mine = targets[targets["scope_unit_id"] == unit]
        history = queries.values(
            str(unit), tuple(str(c) for c in mine["indicator"].dropna().unique()), 2000, year, scope
        )
        cards.append(score(mine, history))
    card = pd.concat(cards, ignore_index=True) if cards else pd.DataFrame()
    allowed = scope.sees_detail(province_id)
    units = (
        queries.by_sub_unit(province_id, TABLE_CODES, year, scope)
        if district_id is None and allowed
        else pd.DataFrame(columns=["unit_id", "indicator", "year", "value", "suppressed", "is_sample", "unit_name"])
    )
    return Brief(
        unit_id=unit_id,
        province_id=province_id,
        district_id=district_id,
        system=province_id.split(":")[0],
        first=first,
        year=year,
        scope=scope,
        unit_name=queries.unit_name(unit_id),
        province_name=queries.unit_name(province_id),
        frame=frame,
        units=units,
        detail_allowed=allowed,
        card=card,
        ratio_codes=ratio_codes,
        own_targets=own,
        info=queries.build_info(),
        made_at=made_at or datetime.now(),
    )


# ----------------------------------------------------------------------------------------------------------
# The sentences. Written as Vietnamese reports write them, so the project's extractor reads them back: "Năm
# 2026, toàn tỉnh có 263 câu lạc bộ …", "xảy ra 36 vụ bạo lực gia đình, giảm 12 vụ (25,0%) so với năm 2025".
# A hidden count is never written (not even as a change); a partial sum says it is one.
# ----------------------------------------------------------------------------------------------------------
_NOUNS = {
    "clubs_sustainable_family": ("câu lạc bộ gia đình phát triển bền vững", "sustainable family clubs"),
    "clubs_dv_prevention": ("câu lạc bộ, nhóm phòng, chống bạo lực gia đình", "domestic-violence prevention clubs"),
    "trusted_addresses": ("địa chỉ tin cậy", "trusted addresses"),
    "hotlines": ("đường dây nóng", "hotlines"),
    "dv_cases_mental": ("vụ bạo lực tinh thần", "psychological"),
    "dv_cases_physical": ("vụ bạo lực thân thể", "physical"),
    "dv_cases_sexual": ("vụ bạo lực tình dục", "sexual"),
    "dv_cases_economic": ("vụ bạo lực kinh tế", "economic"),
}


def _shown(row: pd.Series | None) -> bool:
    """A figure a sentence may state: reported and not hidden."""
    return row is not None and not bool(row["suppressed"]) and not pd.isna(row["value"])


def _hidden(row: pd.Series | None) -> bool:
    return row is not None and bool(row["suppressed"])


def where(brief: Brief, lang: str) -> str:
    """How a sentence names the unit: "toàn tỉnh", "toàn thành phố", or the district or commune by name."""
    if brief.district_id is not None:
        return name_in(brief.unit_name, lang)
    city = brief.unit_name.startswith("Thành phố")
    if lang == "en":
        return "the city" if city else "the province"
    return "toàn thành phố" if city else "toàn tỉnh"


def _count(value: float, lang: str) -> str:
    return number(value, lang, 0)


def _partial_clause(row: pd.Series, lang: str) -> str:
    """ " (một phần: 7/9 huyện đã báo cáo)" after a partial sum; "" for a whole one."""
    if not is_partial(row):
        return ""
    said = partial_text(row, lang)
    # partial_text starts "Một phần: …"; inside a sentence it reads lower case.
    return f" ({said[:1].lower()}{said[1:]})"


def _change(row: pd.Series) -> float | None:
    """The change on last year a sentence may state: both years shown, whole, and comparable."""
    before = row.get("prev_whole")
    if is_partial(row) or (before is not None and not pd.isna(before) and not bool(before)):
        return None
    if pd.isna(row["prev_value"]) or pd.isna(row["value"]):
        return None
    return float(row["value"] - row["prev_value"])


def _network(brief: Brief, lang: str) -> str | None:
    parts = []
    for code in NETWORK:
        row = brief.row(code)
        if _shown(row):
            noun = _NOUNS[code][lang == "en"]
            parts.append(f"{_count(row['value'], lang)} {noun}{_partial_clause(row, lang)}")
    if not parts:
        return None
    listed = ", ".join(parts[:-1]) + (t("brief_and", lang) + parts[-1] if len(parts) > 1 else parts[-1])
    return t("brief_s_network", lang, year=brief.year, where=where(brief, lang), items=listed)


def _violence(brief: Brief, lang: str) -> str | None:
    row = brief.row("dv_cases")
    if _hidden(row):
        return t("brief_s_dv_hidden", lang, year=brief.year, where=where(brief, lang))
    if not _shown(row):
        return None
    value = float(row["value"])
    change = _change(row)
    if change is None:
        trend = ""
    elif change == 0:
        trend = t("brief_same", lang, before=brief.year - 1)
    else:
        prev = float(row["prev_value"])
        share = f" ({number(abs(change) / prev * 100, lang, 1)}%)" if prev else ""
        trend = t(
            "brief_down" if change < 0 else "brief_up",
            lang,
            n=_count(abs(change), lang),
            share=share,
            before=brief.year - 1,
        )
    forms = [(c, brief.row(c)) for c in FORMS]
    listed = ""
    # The forms only when every one reported is shown and whole: a list with gaps would read as complete.
    given = [(c, r) for c, r in forms if r is not None and not pd.isna(r["value"]) or _hidden(r)]
    if given and all(_shown(r) and not is_partial(r) for _, r in given) and not is_partial(row):
        given.sort(key=lambda cr: -float(cr[1]["value"]))
        items = [f"{_count(r['value'], lang)} {_NOUNS[c][lang == 'en']}" for c, r in given if r["value"] > 0]
        if items:
            joined = ", ".join(items[:-1]) + (t("brief_and", lang) + items[-1] if len(items) > 1 else items[-1])
            listed = t("brief_forms", lang, items=joined)
    return t(
        "brief_s_dv",
        lang,
        year=brief.year,
        where=where(brief, lang),
        n=_count(value, lang),
        partial=_partial_clause(row, lang),
        trend=trend,
        forms=listed,
    )


def _training(brief: Brief, lang: str) -> str | None:
    row = brief.row("training_participants")
    if not _shown(row):
        return None
    return t(
        "brief_s_training",
        lang,
        year=brief.year,
        where=where(brief, lang),
        n=_count(row["value"], lang),
        partial=_partial_clause(row, lang),
    )


def plan_counts(card: pd.DataFrame) -> list[tuple[str, int, int, int, bool]]:
    """Per plan, in scorecard order: (plan, achieved, near, targets, any result on a partial sum)."""
    out = []
    if card.empty:
        return out
    for plan_id, rows in card.groupby("plan_id", sort=False):
        out.append(
            (
                plan_short(str(plan_id)),
                int(rows["status"].eq("achieved").sum()),
                int(rows["status"].eq("near").sum()),
                len(rows),
                bool(rows["result_partial"].any()),
            )
        )
    return out


def _targets(brief: Brief, lang: str) -> str | None:
    counts = plan_counts(brief.card)
    if not counts:
        return None
    said = []
    for plan, achieved, near, total, partial in counts:
        text = t("brief_plan_count", lang, achieved=achieved, total=total, plan=plan)
        if near:
            text += t("brief_plan_near", lang, near=near)
        if partial:
            text += t("brief_plan_partial", lang)
        said.append(text)
    level = (
        ""
        if brief.district_id is None
        else t("brief_targets_province", lang, province=name_in(brief.province_name, lang))
    )
    return t("brief_s_targets", lang, year=brief.year, plans="; ".join(said), level=level)


def sentences(brief: Brief, lang: str) -> list[str]:
    """The summary, one sentence per topic, each from figures the reader sees; then what kind of data it is."""
    said = [s for s in (_network(brief, lang), _violence(brief, lang), _training(brief, lang)) if s]
    if not said:
        said.append(t("brief_s_nothing", lang, year=brief.year, where=where(brief, lang)))
    if targets := _targets(brief, lang):
        said.append(targets)
    if brief.is_sample:
        said.append(t("brief_s_sample", lang))
    return said


def paragraph(brief: Brief, lang: str) -> str:
    return " ".join(sentences(brief, lang))


# ----------------------------------------------------------------------------------------------------------
# Tables and charts, shared by the PDF and the Word report.
# ----------------------------------------------------------------------------------------------------------
def short_label(code: str, lang: str) -> str:
    meta = queries.indicators()
    if code in KPI_LABELS:
        return KPI_LABELS[code][lang == "en"]
    return str(meta.loc[code, "name_en" if lang == "en" else "name_vi"])


def hidden_word(lang: str) -> str:
    return t("hidden", lang)


def cell(row: Mapping | None, code: str, lang: str, mark_partial: bool = True, meta: pd.DataFrame | None = None) -> str:
    """A figure as a table shows it: "1.234", "Ẩn" when hidden, "–" when not reported, "(một phần)" after a part."""
    if row is None:
        return "–"
    if bool(row["suppressed"]):
        return hidden_word(lang)
    if pd.isna(row["value"]):
        return "–"
    meta = queries.indicators() if meta is None else meta
    text = number(float(row["value"]), lang, decimals(meta, code))
    if meta.loc[code, "kind"] == "ratio" and meta.loc[code, "unit_vi"] == "%":
        text += "%"
    if mark_partial and is_partial(row):
        text += f" ({t('partial_mark', lang)})"
    return text


# ----------------------------------------------------------------------------------------------------------
# Charts
# ----------------------------------------------------------------------------------------------------------
def _axes(width_mm: float, height_mm: float, lang: str) -> tuple[Figure, object]:
    # matplotlib only when a brief is made: the overview's summary needs none of it.
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4))
    ax = fig.add_axes((0.13, 0.30, 0.84, 0.66))
    ax.tick_params(labelsize=6.5, length=2, pad=1.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, lang, 0 if float(v).is_integer() else 1)))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.grid(axis="y", linewidth=0.3, color="#dddddd")
    ax.set_axisbelow(True)
    return fig, ax


def _years_axis(ax: object, brief: Brief) -> None:
    """Whole years along the bottom, the brief's span, at most six labels."""
    step = max(1, -(-(brief.year - brief.first + 1) // 6))
    ax.set_xlim(brief.first - 0.6, brief.year + 0.6)  # type: ignore[attr-defined]
    ax.set_xticks(list(range(brief.year, brief.first - 1, -step))[::-1])  # type: ignore[attr-defined]


def _empty(fig: Figure, ax: object, lang: str, key_: str = "brief_chart_empty", **kw: object) -> Figure:
    ax.set_axis_off()  # type: ignore[attr-defined]
    fig.text(0.5, 0.5, t(key_, lang, **kw), ha="center", va="center", fontsize=6.5, color="#666666")
    return fig


def _legend(fig: Figure, ax: object, ncol: int) -> None:
    handles, labels = ax.get_legend_handles_labels()  # type: ignore[attr-defined]
    if handles:
        fig.legend(
            handles,
            labels,
            loc="lower center",
            ncol=ncol,
            fontsize=6,
            frameon=False,
            handlelength=1.4,
            columnspacing=0.8,
            borderaxespad=0.2,
        )


def network_chart(brief: Brief, lang: str, size: tuple[float, float]) -> Figure:
    """The network's counts by year; a partial year is a hollow point, a hidden or missing one a gap."""
    fig, ax = _axes(*size, lang)
    drawn = False
    for i, code in enumerate(queries.NETWORK_TREND):
        rows = brief.frame[brief.frame["indicator"] == code].sort_values("year")
        if rows["value"].notna().sum() == 0:
            continue
        colour = PALETTE[i % len(PALETTE)]
        ax.plot(rows["year"], rows["value"], color=colour, linewidth=1, label=short_label(code, lang))  # type: ignore[attr-defined]
        part = rows[[is_partial(r) for _, r in rows.iterrows()]]
        whole = rows.drop(part.index)
        ax.scatter(whole["year"], whole["value"], s=5, color=colour, zorder=3)  # type: ignore[attr-defined]
        ax.scatter(part["year"], part["value"], s=9, facecolors="white", edgecolors=colour, linewidths=0.7, zorder=3)  # type: ignore[attr-defined]
        drawn = True
    if not drawn:
        return _empty(fig, ax, lang)
    ax.set_ylim(bottom=0)  # type: ignore[attr-defined]
    _years_axis(ax, brief)
    _legend(fig, ax, 2)
    return fig


def dv_chart(brief: Brief, lang: str, size: tuple[float, float]) -> Figure:
    """DV cases by form, stacked by year; years with a hidden form are left out, and said."""
    fig, ax = _axes(*size, lang)
    data = brief.frame[brief.frame["indicator"].isin(FORMS)]
    hidden_years = sorted({int(y) for y in data.loc[data["suppressed"].astype(bool), "year"]})
    data = data[~data["year"].isin(hidden_years)]
    if data["value"].notna().sum() == 0:
        if hidden_years:
            return _empty(fig, ax, lang, "brief_chart_hidden", years=year_ranges(hidden_years))
        return _empty(fig, ax, lang)
    years = sorted({int(y) for y in data["year"]})
    bottom = pd.Series(0.0, index=years)
    for i, code in enumerate(FORMS):
        rows = data[data["indicator"] == code].set_index("year")["value"].reindex(years).fillna(0.0)
        if rows.sum() == 0 and code not in set(data["indicator"]):
            continue
        label = short_label(code, lang).replace("Số vụ bạo lực về ", "").replace("Cases of ", "")
        ax.bar(years, rows.to_numpy(), bottom=bottom.to_numpy(), width=0.7, color=PALETTE[i], label=label.capitalize())  # type: ignore[attr-defined]
        bottom += rows
    if hidden_years:
        ax.set_xlabel(t("brief_chart_hidden", lang, years=year_ranges(hidden_years)), fontsize=5, color="#666666")  # type: ignore[attr-defined]
    _years_axis(ax, brief)
    _legend(fig, ax, 4)
    return fig


def coverage_chart(brief: Brief, lang: str, size: tuple[float, float]) -> Figure:
    """Up to two shares that plans set targets on, by year, each target a dashed line named at its right end."""
    fig, ax = _axes(*size, lang)
    fig.subplots_adjust(right=0.78)
    ax.set_position((0.13, 0.30, 0.62, 0.66))  # type: ignore[attr-defined]
    labels: list[tuple[float, str, str]] = []
    for i, code in enumerate(brief.ratio_codes[:2]):
        rows = brief.frame[brief.frame["indicator"] == code].sort_values("year")
        if rows["value"].notna().sum() == 0:
            continue
        colour = PALETTE[i % len(PALETTE)]
        label = textwrap.shorten(short_label(code, lang), 46, placeholder="…")
        ax.plot(rows["year"], rows["value"], color=colour, linewidth=1, marker="o", markersize=1.8, label=label)  # type: ignore[attr-defined]
        # Only the province's own targets: a former province's plan is judged on that province alone.
        own = brief.card[brief.card["scope_unit_id"] == brief.province_id]
        mine = own[(own["indicator"] == code) & own["comparator"].isin(["ge", "le"])]
        for target in mine.drop_duplicates(["plan_id", "value"]).itertuples():
            ax.axhline(target.value, color=colour, linewidth=0.6, linestyle=(0, (3, 2)))  # type: ignore[attr-defined]
            sign = "≥" if target.comparator == "ge" else "≤"
            labels.append(
                (float(target.value), f"{plan_short(target.plan_id)} {sign}{number(target.value, lang, 0)}%", colour)
            )
    if not ax.lines:  # type: ignore[attr-defined]
        return _empty(fig, ax, lang)
    ax.set_ylim(0, 105)  # type: ignore[attr-defined]
    # Targets close together (95%, 100%) would print on one another: spread their names at least 7 points apart.
    placed: list[float] = []
    for value, text, colour in sorted(labels, reverse=True):
        at = min(value, placed[-1] - 7) if placed else value
        placed.append(at)
        ax.annotate(
            text,
            xy=(1.0, value),
            xycoords=("axes fraction", "data"),
            xytext=(1.02, at),  # type: ignore[attr-defined]
            textcoords=("axes fraction", "data"),
            fontsize=4.6,
            color=colour,
            va="center",
            arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.3},
        )
    _years_axis(ax, brief)
    _legend(fig, ax, 1)
    return fig


CHARTS = (
    ("brief_chart_network", network_chart),
    ("brief_chart_dv", dv_chart),
    ("brief_chart_coverage", coverage_chart),
)


def chart_bytes(fig: Figure, fmt: str, dpi: int = 200) -> bytes:
    import matplotlib

    out = io.BytesIO()
    if fmt == "svg":
        # Text as <text> in the page's own embedded font: searchable, and a tenth of the work of glyph outlines.
        # Set for the process, not in an rc_context: sessions make briefs in threads at once, and a context
        # restored by one would change another's mid-drawing; nothing else here writes SVG.
        matplotlib.rcParams["svg.fonttype"] = "none"
        fig.savefig(out, format=fmt, metadata={"Date": None})  # no date: the same figures give the same bytes
    else:
        fig.savefig(out, format=fmt, dpi=dpi)
    return out.getvalue()


def units_text(system: str, lang: str) -> str:
    return t(f"scope_units_{system}", lang)


def kpi_texts(brief: Brief, code: str, lang: str) -> tuple[str, str, str]:
    """(label, value, under it) for a key figure: the change on last year, "một phần", hidden, not reported."""
    label = short_label(code, lang)
    row = brief.row(code)
    if row is None or (pd.isna(row["value"]) and not bool(row["suppressed"])):
        return label, "–", t("brief_not_reported", lang)
    if bool(row["suppressed"]):
        return label, hidden_word(lang), t("brief_kpi_hidden", lang)
    value = cell(row, code, lang, mark_partial=False)
    if is_partial(row):
        return label, value, partial_text(row, lang)
    change = _change(row)
    if change is None:
        return label, value, t("brief_no_change", lang, year=brief.year - 1)
    return label, value, t("brief_vs", lang, change=signed(change, lang), year=brief.year - 1)


def _status_text(brief: Brief, lang: str) -> list[str]:
    lines = [t("brief_status_sample" if brief.is_sample else "brief_status_reported", lang)]
    partial_now = sorted(
        {partial_text(r, lang) for _, r in brief.frame.iterrows() if is_partial(r) and r["year"] == brief.year}
    )
    partial_years = sorted({int(r["year"]) for _, r in brief.frame.iterrows() if is_partial(r)})
    if partial_years:
        items = [year_ranges(partial_years)] + [p[:1].lower() + p[1:] for p in partial_now]
        lines.append(t("brief_status_partial", lang, items="; ".join(items)))
    else:
        lines.append(t("brief_status_whole", lang))
    rolled = brief.frame[brief.frame["counted"].eq("P")]
    if len(rolled):
        names = sorted({n for s in rolled["reported_from"].dropna() for n in str(s).split(", ")})
        lines.append(t("brief_status_rollup", lang, provinces=", ".join(names)))
    n = brief.hidden_cells
    lines.append(
        t("brief_status_hidden", lang, n=n, threshold=brief.scope.threshold)
        if n
        else t("brief_status_none_hidden", lang)
    )
    info = brief.info
    sources = (
        t("brief_sources_files", lang, n=info.sources, s=info.sample_sources)
        if info.sample_sources
        else t("brief_sources_files_plain", lang, n=info.sources)
    )
    lines.append(
        t(
            "brief_status_sources",
            lang,
            sources=sources,
            built=info.built_at.strftime("%d/%m/%Y %H:%M"),
            made=brief.made_at.strftime("%d/%m/%Y %H:%M"),
        )
    )
    return lines


def status_lines(brief: Brief, lang: str) -> list[str]:
    return _status_text(brief, lang)


def target_rows(brief: Brief, lang: str) -> list[tuple[str, str, str, str, str, str]]:
    """The scorecard as the plans page writes it: plan, target, goal (year), result, data year, assessment."""
    rows = []
    for _, r in brief.card.iterrows():
        plan = plan_short(str(r["plan_id"]))
        scope = r.get("scope_unit_id")
        if not r.get("national") and scope and scope != brief.province_id:
            plan = t("plan_of_former", lang, plan=plan, unit=queries.unit_name(str(scope), lang))
        if str(r["comparator"]).startswith("change"):
            goal = t("goal_change", lang, value=number(abs(r["value"]), lang, 0))
        else:
            goal = ("≥ " if r["comparator"] == "ge" else "≤ ") + number(r["value"], lang, 0) + "%"
        goal = f"{goal} ({r['year']})"
        if pd.isna(r["result"]):
            result = "–"
        else:
            shown = (
                signed(r["result"], lang, 1)
                if str(r["comparator"]).startswith("change")
                else number(r["result"], lang, 1)
            )
            result = shown + "%" + (f" ({t('partial_mark', lang)})" if r.get("result_partial") else "")
        data_year = f"{r['result_year']:.0f}" if pd.notna(r["result_year"]) else "–"
        status = t(f"status_{r['status']}", lang)
        if r["year"] > brief.year and pd.notna(r["result"]):
            status += f" ({t('interim', lang)})"
        rows.append((plan, str(r["text_en" if lang == "en" else "text_vi"]), goal, result, data_year, status))
    return rows


def unit_rows(brief: Brief, lang: str, limit: int | None = None) -> tuple[list[str], list[list[str]], int, str]:
    """The table by district or commune (the year's), or by year for a district or commune: heading, rows,
    how many units were left out, and the table's title."""
    codes = TABLE_CODES
    labels = [short_label(c, lang) for c in codes]
    if brief.district_id is None and len(brief.units):
        level = str(brief.units["level"].iloc[0])
        meta = queries.indicators()
        wide = {(r["unit_id"], r["indicator"]): r for r in brief.units.to_dict("records")}
        names = dict(zip(brief.units["unit_id"], brief.units["unit_name"], strict=True))

        # Ordered by the network (never by a count that may be hidden: the order would tell what it hides), then
        # in Vietnamese alphabetical order.
        def order(unit: str) -> tuple[float, tuple]:
            clubs = wide.get((unit, "clubs_dv_prevention"), {}).get("value")
            return (-clubs if clubs is not None and pd.notna(clubs) else 1.0, vi_key(names[unit]))

        ids = sorted(names, key=order)
        rows = [[str(names[u])] + [cell(wide.get((u, c)), c, lang, meta=meta) for c in codes] for u in ids]
        title = t(f"brief_units_heading_{level}", lang, year=brief.year) + " · " + t("brief_units_order", lang)
        first = t("brief_col_unit", lang)
    else:
        years = sorted({int(y) for y in brief.frame["year"]}, reverse=True)
        rows = [[str(y)] + [cell(brief.row(c, y), c, lang) for c in codes] for y in years]
        title = t("brief_years_heading", lang)
        first = t("brief_col_year", lang)
    left = 0
    if limit is not None and len(rows) > limit:
        left = len(rows) - limit
        rows = rows[:limit]
    return [first, *labels], rows, left, title
