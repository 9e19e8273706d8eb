"""Plotly figures built from query results (DataFrame in, Figure out); one palette; no Streamlit."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.fmt import number as fmt_number
from analytics.fmt import plan_short, plotly_separators
from core.i18n import decimals, indicator_name, t

PALETTE = ["#B5121B", "#1F5F8B", "#E08E0B", "#2E8B57", "#6B4C9A", "#7F7F7F"]
FONT = "Be Vietnam Pro, Segoe UI, Roboto, Arial, sans-serif"
TITLE_WIDTH = 44  # characters per title line: a 16 px title across a phone (about 360 px) or half a laptop
LEGEND_WIDTH = 52  # characters of a legend entry across a phone, beside its symbol
# Plotly's own words and date formats are English unless a locale is given, and the plotly.js in Streamlit carries
# only English ones: the Vietnamese locale travels in each chart's config (plotly.js reads `config.locales`).
VI_LOCALE = {
    "dictionary": {
        "Download plot as a PNG": "Tải ảnh biểu đồ (PNG)",
        "Download plot": "Tải ảnh biểu đồ",
        "Autoscale": "Tự co giãn",
        "Reset axes": "Đặt lại trục",
        "Reset view": "Đặt lại khung nhìn",
        "Zoom in": "Phóng to",
        "Zoom out": "Thu nhỏ",
        "Zoom": "Phóng to vùng chọn",
        "Pan": "Kéo",
        "Box Select": "Chọn vùng chữ nhật",
        "Lasso Select": "Chọn vùng tự do",
        "Double-click to zoom back out": "Bấm đúp để thu nhỏ lại",
        "Snapshot succeeded": "Đã chụp ảnh biểu đồ",
        "Taking snapshot - this may take a few seconds": "Đang chụp ảnh biểu đồ, xin đợi vài giây",
    },
    "format": {
        "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
        "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
        "months": [f"Tháng {m}" for m in range(1, 13)],
        "shortMonths": [f"Th{m}" for m in range(1, 13)],
        "date": "%d/%m/%Y",
        "decimal": ",",
        "thousands": ".",
    },
}


def plotly_config(lang: str, **more: object) -> dict:
    """Every chart's Plotly config: no toolbar (its words are English, it covered the titles on a phone, and a
    leader downloads through the buttons under the chart), no logo, Plotly's words and dates in the language."""
    return {"displaylogo": False, "displayModeBar": False, "locale": lang, "locales": {"vi": VI_LOCALE}, **more}


def wrap(text: str, width: int = TITLE_WIDTH) -> str:
    """A title broken into lines of at most `width` characters at spaces (Plotly never wraps a title: a long one
    is cut at the chart's edge); a `<br>` already there, and what follows it (a `<sup>` line), is kept."""
    head, sep, rest = text.partition("<br>")
    lines: list[str] = []
    for word in head.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if sep and rest.startswith("<sup>"):
        body = rest.removeprefix("<sup>").removesuffix("</sup>")
        rest = "<sup>" + wrap(body, int(width * 1.45)).replace("<br>", "</sup><br><sup>") + "</sup>"
    return "<br>".join(lines) + sep + rest


def legend_name(name: str) -> str:
    """A series' name as its legend shows it: one past LEGEND_WIDTH characters is broken at words (a legend never
    wraps, and on a phone the longest names ran past the chart's edge)."""
    return name if len(name) <= LEGEND_WIDTH else wrap(name, TITLE_WIDTH)


def title_layout(text: str, gap: int = 12) -> dict:
    """A title at the top left, wrapped (`wrap`), standing on the plot: it grows upwards into the top margin that
    `title_room` gives it."""
    return {
        "text": wrap(text),
        "font": {"size": 16},
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        # `t`: Vietnamese marks stand above the line Plotly aligns to the top; `b`: below the title, more when the
        # years sit on top.
        "pad": {"t": 18, "l": 6, "b": gap},
    }


def title_room(title: dict) -> int:
    """The top margin a title of `title_layout` needs, from its lines: the plot begins below it however many lines
    it wraps to (Plotly's own `automargin` put a title pinned to the figure's top above it, out of sight)."""
    lines = title["text"].split("<br>")
    small = sum(1 for line in lines if line.startswith("<sup>"))
    return 8 + 21 * (len(lines) - small) + 15 * small + int(title["pad"]["b"]) + 2


# Below everything, at the foot of the figure: a legend placed against the figure (not the plot) has its own
# room, so it can never sit on the year labels, however many lines it wraps to on a phone.
LEGEND = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"}


def _layout_dict(title: str, lang: str, y_title: str, top: float | None = None) -> dict:
    """The layout every year chart shares; `top` is the highest value drawn (NaN or None: nothing drawn)."""
    layout = {
        "title": title_layout(title),
        "separators": plotly_separators(lang),
        "font": {"family": FONT},
        "margin": {"l": 10, "r": 10, "t": 0, "b": 10},
        "height": 420,
        "legend": LEGEND,
        "hovermode": "x unified",
        "plot_bgcolor": "white",
        "xaxis": {"dtick": 1, "tickformat": "d", "showgrid": False},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "gridcolor": "#E5E5E5", "tickformat": ",d"},
    }
    layout["margin"]["t"] = title_room(layout["title"])
    if top is None or top != top:  # no value to draw (nothing reported, or all hidden)
        layout["annotations"] = [
            {
                "text": t("chart_empty", lang),
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "font": {"size": 14, "color": "#666666"},
            }
        ]
        layout["xaxis"]["visible"] = layout["yaxis"]["visible"] = False
    elif top < 5:  # small counts: whole-number ticks instead of 0, 0, 1, 1
        layout["yaxis"].update(dtick=1, range=[0, 5])
    return layout


def _by_indicator(frame: pd.DataFrame, codes: tuple[str, ...]) -> dict[str, dict[int, float]]:
    """Values by indicator (those of `codes` present, in that order) and year; a hidden value is NaN."""
    # Plain Python: a chart has a few dozen rows, and every pandas call costs more than the rows themselves.
    found: dict[str, dict[int, float]] = {}
    rows = zip(frame["indicator"].tolist(), frame["year"].tolist(), frame["value"].tolist(), strict=True)
    for code, year, value in rows:
        found.setdefault(code, {})[int(year)] = value
    return {code: found[code] for code in codes if code in found}


def _partial_years(frame: pd.DataFrame) -> dict[str, set[int]]:
    """Per indicator, the years whose value is a sum of only some members (rows without the flag are whole)."""
    if "whole" not in frame:
        return {}
    found: dict[str, set[int]] = {}
    rows = zip(frame["indicator"].tolist(), frame["year"].tolist(), frame["whole"].tolist(), strict=True)
    for code, year, whole in rows:
        if whole is not None and whole == whole and not whole:  # False, not NaN or None
            found.setdefault(code, set()).add(int(year))
    return found


def _partial_legend(lang: str, bars: bool) -> dict:
    """One legend entry saying what the partial mark means (open markers on lines, hatching on bars)."""
    entry = {"x": [None], "y": [None], "name": t("partial_legend", lang), "hoverinfo": "skip", "legendgroup": "partial"}
    if bars:
        marker = {
            "color": "#FFFFFF",
            "line": {"color": "#555555", "width": 1},
            "pattern": {"shape": "/", "fgcolor": "#555555"},
        }
        return {**entry, "type": "bar", "marker": marker}
    marker = {"symbol": "circle-open", "size": 10, "color": "#555555", "line": {"width": 2}}
    return {**entry, "type": "scatter", "mode": "markers", "marker": marker}


def _top(series: dict[str, dict[int, float]], stacked: bool = False) -> float:
    """The highest value drawn (of a year's stack when stacked); NaN when nothing is drawn."""
    if stacked:
        totals: dict[int, float] = {}
        for values in series.values():
            for year, value in values.items():
                if value == value:  # not NaN
                    totals[year] = totals.get(year, 0.0) + value
        drawn = list(totals.values())
    else:
        drawn = [v for values in series.values() for v in values.values() if v == v]
    return max(drawn) if drawn else float("nan")


def _series(
    series: dict[str, dict[int, float]],
    meta: pd.DataFrame,
    lang: str,
    number: str = ",d",
    partial: dict[str, set[int]] | None = None,
) -> Iterator[tuple[dict, str, list[bool] | None]]:
    """Per indicator, in order: the common trace arguments, its palette colour, and which of its points are
    partial sums (None when none is); a partial point's hover says so."""
    for i, (code, values) in enumerate(series.items()):
        # A year with no figure is a gap in the line, not a straight line across it.
        years = np.arange(min(values), max(values) + 1, dtype=np.int64)
        args = {
            "x": years,
            "y": np.array([values.get(int(y), np.nan) for y in years], dtype=float),
            "name": legend_name(indicator_name(meta, code, lang)),
            "hovertemplate": f"%{{y:{number}}}<extra>%{{fullData.name}}</extra>",
        }
        part = (partial or {}).get(code, set())
        flags = [int(y) in part for y in years] if part else None
        if flags:
            args["customdata"] = [f" ({t('partial_mark', lang)})" if f else "" for f in flags]
            args["hovertemplate"] = f"%{{y:{number}}}%{{customdata}}<extra>%{{fullData.name}}</extra>"
        yield args, PALETTE[i % len(PALETTE)], flags


def trend_lines(frame: pd.DataFrame, meta: pd.DataFrame, codes: tuple[str, ...], title: str, lang: str) -> go.Figure:
    """One line per indicator over the years (columns: indicator, year, value)."""
    # Built in one pass from plain dicts: Plotly's add_trace and update_layout cost more than the data.
    series = _by_indicator(frame, codes)
    traces = _lines(_series(series, meta, lang, partial=_partial_years(frame)), lang)
    return go.Figure(data=traces, layout=_layout_dict(title, lang, t("count", lang), _top(series)))


def _lines(made: Iterator[tuple[dict, str, list[bool] | None]], lang: str) -> list[dict]:
    """Line traces; a partial sum is an open marker, and one legend entry says what that means."""
    traces, marked = [], False
    for args, color, flags in made:
        trace = {**args, "type": "scatter", "mode": "lines+markers", "line": {"color": color, "width": 2.5}}
        if flags:
            trace["marker"] = {
                "symbol": ["circle-open" if f else "circle" for f in flags],
                "size": [11 if f else 6 for f in flags],
                "line": {"width": 2, "color": color},
            }
            marked = True
        traces.append(trace)
    return [*traces, _partial_legend(lang, bars=False)] if marked else traces


def stacked_bars(
    frame: pd.DataFrame, meta: pd.DataFrame, codes: tuple[str, ...], title: str, lang: str, mode: str = "stack"
) -> go.Figure:
    """Bars per year by indicator, stacked (parts of a whole, e.g. cases by form) or grouped; hidden
    values leave gaps."""
    series = _by_indicator(frame, codes)
    traces, marked = [], False
    for args, color, flags in _series(series, meta, lang, partial=_partial_years(frame)):
        marker: dict = {"color": color}
        if flags:  # a partial sum is hatched
            marker["pattern"] = {"shape": ["/" if f else "" for f in flags], "fgcolor": "#FFFFFF", "fgopacity": 0.9}
            marked = True
        traces.append({**args, "type": "bar", "marker": marker})
    if marked:
        traces.append(_partial_legend(lang, bars=True))
    top = _top(series, stacked=mode == "stack")
    return go.Figure(data=traces, layout={**_layout_dict(title, lang, t("count", lang), top), "barmode": mode})


def ratio_lines(
    frame: pd.DataFrame,
    meta: pd.DataFrame,
    codes: tuple[str, ...],
    title: str,
    lang: str,
    targets: pd.DataFrame | None = None,
) -> go.Figure:
    """Ratios over the years (percentages on a 0–100 axis), with plan targets as dashed lines."""
    percent = all(str(meta.loc[c, "unit_vi"]) == "%" for c in codes)
    series = _by_indicator(frame, codes)
    number = ",.1f" if percent else ",.2f"
    traces = _lines(_series(series, meta, lang, number=number, partial=_partial_years(frame)), lang)
    top = _top(series)
    layout = _layout_dict(title, lang, "%" if percent else "", top)
    layout["yaxis"].update(tickformat=",.0f" if percent else ",.2f", dtick=None)
    if top == top:
        layout["yaxis"]["range"] = [0, 105] if percent else [0, top * 1.15]
    shapes, notes = [], list(layout.get("annotations", []))
    for target in (targets if targets is not None else pd.DataFrame()).itertuples():
        if target.indicator not in codes:
            continue
        # A dashed line across the plot at the target, labelled under its left end.
        line = {"xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": target.value, "y1": target.value}
        shapes.append({"type": "line", **line, "line": {"dash": "dash", "color": "#555555", "width": 1}})
        notes.append(
            {
                "text": f"{t('target', lang)} {target.year}: {target.value:g}% ({plan_short(target.plan_id)})",
                "showarrow": False,
                "xref": "x domain",
                "x": 0,
                "xanchor": "left",
                "yref": "y",
                "y": target.value,
                "yanchor": "top",
                "font": {"size": 11},
            }
        )
    return go.Figure(data=traces, layout={**layout, "shapes": shapes, "annotations": notes})


SHIFT = 0.42  # of a year: a published figure's diamond beside its year's bars, which fill 0.7 of it


def add_published(fig: go.Figure, points: pd.DataFrame, meta: pd.DataFrame, lang: str) -> go.Figure:
    """Published figures as open diamonds beside the series: a second source, not part of the sum. One
    legend entry for all of them; the hover names the indicator."""
    label = t("published_points", lang)
    # On a bar chart a diamond at its value fell inside a stacked segment and read as part of it: it stands just
    # right of its year's bars instead, drawn on a hidden copy of the year axis shifted by SHIFT (its x stays
    # the year, for the hover and the downloads).
    bars = [trace for trace in fig.data if trace.type == "bar" and trace.x is not None]
    axis = {}
    if bars:
        years = [int(x) for trace in bars for x in trace.x] + [int(y) for y in points["year"]]
        lo, hi = min(years) - 0.5, max(years) + 0.5
        fig.update_layout(
            bargap=0.3,
            xaxis={"range": [lo, hi]},
            xaxis2={"overlaying": "x", "visible": False, "range": [lo - SHIFT, hi - SHIFT], "tickformat": "d"},
        )
        axis = {"xaxis": "x2"}
    traces = []
    for i, (code, part) in enumerate(points.groupby("indicator", sort=False)):
        notes = [
            "; ".join([t("flag_approx", lang)] * bool(a) + [t("flag_year_uncertain", lang)] * bool(u))
            for a, u in zip(part["is_approx"], part["year_uncertain"], strict=True)
        ]
        traces.append(
            {
                "type": "scatter",
                "x": part["year"],
                **axis,
                "y": part["value"],
                "mode": "markers",
                "name": label,
                "legendgroup": "published",
                "showlegend": i == 0,
                "marker": {"symbol": "diamond-open", "size": 12, "color": "#333333", "line": {"width": 2}},
                "customdata": notes,
                "hovertemplate": f"{indicator_name(meta, code, lang)}: %{{y:,d}} %{{customdata}}<extra>{label}</extra>",
            }
        )
    fig.add_traces(traces)  # one call: each add_trace re-validates the whole figure
    return fig


def unit_bars(frame: pd.DataFrame, meta: pd.DataFrame, code: str, title: str, lang: str) -> go.Figure:
    """One horizontal bar per district (or commune) for one indicator and year, largest on top; hidden
    cells are labelled ("<5", "Ẩn") rather than drawn."""
    part = frame[frame["indicator"] == code].sort_values("value", ascending=True, na_position="first")
    ratio = str(meta.loc[code, "kind"]) == "ratio"
    number = ",.1f" if ratio else ",d"
    # Every bar says its value, written the language's way; a hidden count (which draws no bar) says it is hidden.
    labels = [
        (shown_as or t("hidden", lang))
        if hidden
        else ""
        if value != value
        else fmt_number(value, lang, decimals(meta, code))
        for hidden, shown_as, value in zip(part["suppressed"], part["hidden_as"], part["value"], strict=True)
    ]
    marker: dict = {"color": PALETTE[1]}
    whole = part["whole"].tolist() if "whole" in part else [True] * len(part)
    partial = [w is not None and w == w and not w for w in whole]  # False, not NaN or None
    if any(partial):  # a district summed from only some of its communes is hatched, and its label says so
        marker["pattern"] = {"shape": ["/" if f else "" for f in partial], "fgcolor": "#FFFFFF", "fgopacity": 0.9}
        labels = [
            f"{label} ({t('partial_mark', lang)})".strip() if f else label
            for label, f in zip(labels, partial, strict=True)
        ]
    bar = {
        "type": "bar",
        "x": part["value"],
        "y": part["unit_name"],
        "orientation": "h",
        "marker": marker,
        "text": labels,
        "textposition": "outside",
        "cliponaxis": False,
        "name": indicator_name(meta, code, lang),
        "customdata": part["unit_id"],  # the chosen bar's unit, for drilling down
        "hovertemplate": f"%{{y}}: %{{x:{number}}}<extra></extra>",
    }
    top = part["value"].max()
    layout = _layout_dict(title, lang, "", top)
    layout.update(height=max(300, 28 * len(part) + 90), hovermode="closest", showlegend=False)
    # Whole-number ticks for small counts (not 0, 1, 1, 2, 2).
    layout["xaxis"].update(
        dtick=1 if not ratio and top < 10 else None,
        tickformat=number,
        showgrid=True,
        gridcolor="#E5E5E5",
        rangemode="tozero",
        title={"text": per_unit(meta, code, lang)},
    )
    if top == top and top > 0:
        layout["xaxis"]["range"] = [0, top * 1.2]  # room for the longest bar's label
    for year_axis_only in ("tickformat", "dtick", "range"):
        layout["yaxis"].pop(year_axis_only, None)
    layout["yaxis"].update(title={"text": ""}, type="category")
    return go.Figure(data=[bar], layout=layout)


def per_unit(meta: pd.DataFrame, code: str, lang: str) -> str:
    """What an indicator counts in, a rate's "per" in words: "mô hình trên 10 xã", never "mô hình/10 xã" (which
    reads as so many out of ten communes)."""
    unit = str(meta.loc[code, "unit_en" if lang == "en" else "unit_vi"])
    return re.sub(r"\s*/\s*", " per " if lang == "en" else " trên ", unit) if unit not in ("%", "nan") else unit


def completeness_heatmap(cells: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Units down, years across; a cell is how many of its group's indicators the unit gave ("3/4"), red for
    none, amber for some, green for all; blank where the province reported nothing that year."""
    cells = cells.assign(share=cells["n_values"] / cells["n_expected"], label=cells["n_values"].astype(int).astype(str))
    cells["label"] += "/" + cells["n_expected"].astype(int).astype(str)
    share = cells.pivot(index="unit_name", columns="year", values="share").sort_index()
    label = cells.pivot(index="unit_name", columns="year", values="label").reindex_like(share)
    heatmap = {
        "type": "heatmap",
        "x": [str(y) for y in share.columns],
        "y": list(share.index),
        "z": share.values,
        "text": label.fillna("").values,
        "texttemplate": "%{text}",
        "colorscale": [[0, PALETTE[0]], [0.5, PALETTE[2]], [0.99, PALETTE[2]], [1, PALETTE[3]]],
        "zmin": 0,
        "zmax": 1,
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "name": t("quality_completeness", lang),
        "hovertemplate": "%{y} · %{x}: %{text} " + t("quality_heatmap_hover", lang) + "<extra></extra>",
    }
    heading = title_layout(title, gap=48)  # the years sit on top (turned upright on a phone), under the title
    top = title_room(heading)
    layout = {
        "title": heading,
        "separators": plotly_separators(lang),
        "font": {"family": FONT},
        "margin": {"l": 10, "r": 10, "t": top, "b": 10},
        "height": top + 30 + 24 * len(share.index),
        "plot_bgcolor": "white",
        "xaxis": {"side": "top", "type": "category", "showgrid": False},
        "yaxis": {"autorange": "reversed", "showgrid": False, "type": "category"},
    }
    return go.Figure(data=[heatmap], layout=layout)
