"""Provinces side by side: a ranking by one indicator in one year, with the national median, read like the map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import queries
from analytics.access import Scope
from analytics.charts import FONT, PALETTE, per_unit, title_layout, title_room
from analytics.export import tidy
from analytics.fmt import number, partial_text, plotly_separators, vi_key
from core.i18n import decimals, hidden_text, indicator_name, t
from core.units import PRE2025

RANKED, PARTIAL, HIDDEN = "ranked", "partial", "hidden"
CHOSEN = PALETTE[0]
OTHERS = PALETTE[1]


def _ranked(frame: pd.DataFrame, code: str, year: int) -> pd.DataFrame:
    """Rows of `queries.province_map` with a figure or a hidden one, in the order a leader reads them: whole
    figures ranked, largest first (ties share a rank); then partial sums, which are parts and not ranked; then
    hidden cells. `status` says which; `rank` is empty for the last two."""
    rows = frame[frame["value"].notna() | frame["suppressed"]].assign(indicator=code, year=year)
    whole = rows["whole"].fillna(True).astype(bool)
    rows = rows.assign(
        status=[HIDDEN if s else RANKED if w else PARTIAL for s, w in zip(rows["suppressed"], whole, strict=True)]
    )
    rows = rows.assign(
        _group=rows["status"].map({RANKED: 0, PARTIAL: 1, HIDDEN: 2}),
        _name=rows["unit_name"].map(vi_key),
        _value=-rows["value"].fillna(0),
    )
    rows = rows.sort_values(["_group", "_value", "_name"]).drop(columns=["_group", "_name", "_value"])
    ranked = rows["status"].eq(RANKED)
    rank = rows["value"].where(ranked).rank(method="min", ascending=False)
    return rows.assign(rank=rank.astype("Int64")).reset_index(drop=True)


def ranking(system: str, code: str, year: int, scope: Scope) -> pd.DataFrame:
    """Every province of a unit system with a figure of `code` in `year`, ranked (see `_ranked`). Read through
    `queries.province_map`: the same rows, scope and hidden cells as the map."""
    return _ranked(queries.province_map(system, code, year, scope), code, year)


def former_ranking(province_id: str, code: str, year: int, scope: Scope) -> pd.DataFrame:
    """The former provinces a 2025 province was formed from, ranked among themselves on `code` in a year before
    the reform (the same rows the map of the units before 7/2025 shows)."""
    former = set(queries.predecessors(province_id)["unit_id"])
    national = queries.province_map(PRE2025, code, year, scope)
    return _ranked(national[national["unit_id"].isin(former)], code, year)


def median(rows: pd.DataFrame) -> tuple[float | None, int]:
    """The median of the ranked (whole, shown) figures and how many there are: a part or a hidden cell is no
    province's figure, and leaving it out says nothing about what is hidden."""
    ranked = rows.loc[rows["status"].eq(RANKED), "value"]
    return (float(ranked.median()) if len(ranked) else None), len(ranked)


def no_data(system: str, code: str, year: int, scope: Scope) -> int:
    """How many provinces of a unit system have no figure of `code` in `year` (neither shown nor hidden)."""
    frame = queries.province_map(system, code, year, scope)
    return int((frame["value"].isna() & ~frame["suppressed"]).sum())


def label(value: float, meta: pd.DataFrame, code: str, lang: str) -> str:
    """A value as written on its bar: 1.234, 52,6%, 0,13."""
    percent = meta.loc[code, "kind"] == "ratio" and meta.loc[code, "unit_vi"] == "%"
    return number(value, lang, decimals(meta, code)) + ("%" if percent else "")


def _labels(rows: pd.DataFrame, meta: pd.DataFrame, code: str, lang: str) -> list[str]:
    mark = f" ({t('partial_mark', lang)})"
    return [
        t("hidden", lang)
        if r["status"] == HIDDEN
        else label(r["value"], meta, code, lang) + (mark if r["status"] == PARTIAL else "")
        for r in rows.to_dict("records")
    ]


def figure(
    rows: pd.DataFrame,
    meta: pd.DataFrame,
    code: str,
    title: str,
    lang: str,
    chosen: str | None = None,
    middle: float | None = None,
) -> go.Figure:
    """One horizontal bar per province in ranking order (rows of `ranking`), its value written beside it the
    language's way; partial sums hatched and marked "(một phần)"; hidden cells "Ẩn" without a bar; the chosen
    province in red; the national median `middle` a dashed line, labelled."""
    names = list(rows["unit_name"])
    labels = _labels(rows, meta, code, lang)
    colours = [CHOSEN if u == chosen else OTHERS for u in rows["unit_id"]]
    traces: list[dict] = []
    for status, name, extra in (
        (RANKED, t("cmp_ranked", lang), {}),
        (
            PARTIAL,
            t("partial_legend", lang),
            {"pattern": {"shape": "/", "fgcolor": "#FFFFFF", "fgopacity": 0.9}, "opacity": 0.75},
        ),
    ):
        at = [i for i, s in enumerate(rows["status"]) if s == status]
        if not at:
            continue
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": [float(rows["value"].iloc[i]) for i in at],
                "y": [names[i] for i in at],
                "text": [labels[i] for i in at],
                "textposition": "outside",
                "cliponaxis": False,
                "marker": {"color": [colours[i] for i in at], **extra},
                "name": name,
                "customdata": [rows["unit_id"].iloc[i] for i in at],
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        )
    hidden = [i for i, s in enumerate(rows["status"]) if s == HIDDEN]
    if hidden:
        ratio = meta.loc[code, "kind"] == "ratio"
        why = hidden_text(rows.iloc[hidden[0]], ratio, lang)
        traces.append(
            {
                "type": "scatter",
                "mode": "text",
                "x": [0] * len(hidden),
                "y": [names[i] for i in hidden],
                "text": [labels[i] for i in hidden],
                "textposition": "middle right",
                "textfont": {"color": [CHOSEN if rows["unit_id"].iloc[i] == chosen else "#555555" for i in hidden]},
                "name": t("map_hidden_legend", lang),
                "hovertemplate": f"%{{y}}: {why}<extra></extra>",
                "cliponaxis": False,
            }
        )
    top = rows["value"].max()
    top = float(top) if pd.notna(top) and top > 0 else 1.0
    places = decimals(meta, code)
    # Wrapped at words with room above the plot for every line: a phone showed "…per 1,000 househ" cut.
    heading = title_layout(title)
    layout: dict = {
        "title": heading,
        "separators": plotly_separators(lang),
        "font": {"family": FONT},
        "margin": {"l": 10, "r": 10, "t": title_room(heading) + 24, "b": 10},
        "height": max(260, 30 * len(rows) + 140),
        "plot_bgcolor": "white",
        "barmode": "overlay",
        # No legend box to cover the axis: each bar's label says what it is ("(một phần)", "Ẩn"), the caption why.
        "showlegend": False,
        "hovermode": "closest",
        "xaxis": {
            "title": {"text": per_unit(meta, code, lang)},
            "tickformat": f",.{places}f",
            "range": [0, top * 1.25],  # room for the labels beside the longest bar
            "gridcolor": "#E5E5E5",
            "zeroline": True,
        },
        "yaxis": {"type": "category", "autorange": "reversed", "categoryorder": "array", "categoryarray": names},
    }
    if middle is not None:
        text = t("cmp_median", lang, value=label(middle, meta, code, lang))
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "x",
                "x0": middle,
                "x1": middle,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"dash": "dash", "color": "#333333", "width": 1.5},
            }
        ]
        layout["annotations"] = [
            {
                "text": text,
                "showarrow": False,
                "xref": "x",
                "x": middle,
                "xanchor": "left" if middle < top * 0.75 else "right",  # inside the plot, whichever side has room
                "yref": "paper",
                "y": 1,
                "yanchor": "bottom",
                "font": {"size": 12, "color": "#333333"},
            }
        ]
    return go.Figure(data=traces, layout=layout)


def table(rows: pd.DataFrame, meta: pd.DataFrame, code: str, lang: str) -> pd.DataFrame:
    """The ranking as a table to read: rank ("–" when not ranked), province, value as written on its bar, unit of
    measure, and what a value that is not ranked is (a part, hidden)."""

    def note(r: dict) -> str:
        if r["status"] == HIDDEN:
            return hidden_text(r, meta.loc[code, "kind"] == "ratio", lang)
        said = [partial_text(r, lang)] if r["status"] == PARTIAL else []
        # A rate on few cases moves by chance: ranked like the map colours it, but said.
        return "; ".join(said + [t("unstable", lang)] * bool(r.get("unstable")))

    records = rows.to_dict("records")
    return pd.DataFrame(
        {
            t("col_rank", lang): ["–" if pd.isna(r) else str(int(r)) for r in rows["rank"]],
            t("col_province", lang): rows["unit_name"].tolist(),
            t("col_value", lang): _labels(rows, meta, code, lang),
            t("col_unit_of_measure", lang): [per_unit(meta, code, lang)] * len(rows),
            t("col_note", lang): [note(r) for r in records],
        }
    )


def download(rows: pd.DataFrame, meta: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ranking as a download: the rank, then the tidy columns every download has (numbers stay numbers,
    hidden cells empty and said so, partial sums marked)."""
    out = tidy(rows, meta, "", lang)
    out.insert(0, t("col_rank", lang), rows["rank"].astype(object).where(rows["rank"].notna(), None).tolist())
    return out


def title(meta: pd.DataFrame, code: str, year: int, sub: str, lang: str) -> str:
    return f"{indicator_name(meta, code, lang)}, {year}<br><sup>{sub}</sup>"
