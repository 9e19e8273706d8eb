"""Maps: the committed province outlines and the Plotly figures drawn on them (no base map, no Streamlit)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import cache

import pandas as pd
import plotly.graph_objects as go

from analytics.charts import FONT, LEGEND, per_unit, title_layout, title_room
from analytics.fmt import is_partial, number, partial_text, plotly_separators
from core.i18n import decimals, hidden_text, indicator_name, indicator_unit, t
from core.paths import geo_path
from core.units import PRE2025

# Plotly's geo subplot loads a world base map before it draws anything, from a CDN by default. The app
# serves an empty one (static/topojson), so nothing leaves the machine and only our outlines are drawn.
STATIC = "app/static/"  # relative, so it works under a base URL path too
CONFIG = {"displaylogo": False, "topojsonURL": f"{STATIC}topojson/"}

NO_DATA = "#D9D9D9"
LAND, EDGE = "#F3F3F3", "#9A9A9A"  # the chosen province under its circles; former provinces' borders
SEA_ISLANDS = "#9FB7CC"
# Light to dark; red where more is worse (cases), blue where more is better or neither.
REDS = [[0, "#FDE7E4"], [0.35, "#F3A296"], [0.7, "#D9453B"], [1, "#8C0E15"]]
BLUES = [[0, "#E4EEF7"], [0.35, "#9DC1E0"], [0.7, "#3F7FB5"], [1, "#123F62"]]
MAX_MARKER, MIN_MARKER = 42, 5  # px across: the largest circle; a zero or tiny value still shows
LABELLED_UNITS = 15


@cache
def outlines(system: str) -> tuple[dict, ...]:
    """The features of a unit system's file: provinces (id = GSO code) and the two archipelagos."""
    return tuple(json.loads(geo_path(system).read_text(encoding="utf-8"))["features"])


def url(system: str) -> str:
    """Where the browser fetches a unit system's outlines: once, however many charts draw them."""
    return f"{STATIC}geo/{geo_path(system).name}"


def _points(geometry: dict) -> Iterator[tuple[float, float]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield from polygon[0]


def _centre(feature: dict) -> tuple[float, float]:
    """Middle of a feature's bounding box (lon, lat): where its label goes."""
    lons, lats = zip(*_points(feature["geometry"]), strict=True)
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def _hovers(rows: pd.DataFrame, meta: pd.DataFrame, code: str, lang: str) -> list[str]:
    """Each unit's hover: name, value (or why there is none), coverage, "minh họa" when illustrative."""
    ratio, places, unit = meta.loc[code, "kind"] == "ratio", decimals(meta, code), indicator_unit(meta, code, lang)
    sample = f"<i>{t('kind_sample', lang).lower()}</i>"
    out = []
    for row in rows.to_dict("records"):  # plain dicts: a Series per row costs more than the text
        if row["suppressed"]:
            value = hidden_text(row, ratio, lang)
        elif pd.isna(row["value"]):
            value = t("no_value", lang)
        else:
            value = f"{number(row['value'], lang, places)} {unit}"
            if is_partial(row):
                value += f" ({t('partial_mark', lang)})"
        lines = [f"<b>{row['unit_name']}</b>", value]
        if pd.notna(row["value"]) and (note := partial_text(row, lang)):
            lines.append(note)
        if row["is_sample"]:
            lines.append(sample)
        out.append("<br>".join(lines))
    return out


def _scale(meta: pd.DataFrame, code: str) -> list:
    better = meta.loc[code, "higher_is_better"]
    return REDS if pd.notna(better) and not better else BLUES


def _geo(traces: list[dict], title: str, lang: str, height: int) -> go.Figure:
    """The figure of map traces (plain dicts: built in one pass, which costs Plotly far less than adding
    traces one by one)."""
    # A click selects a shape or circle (that is how it chooses a unit); nothing else must fade as Plotly's
    # selection would make it.
    for trace in traces:
        scatter = trace["type"] == "scattergeo"
        keep: dict = {"marker": {"opacity": trace.get("marker", {}).get("opacity", 1) if scatter else 1}}
        if scatter and "color" in trace.get("textfont", {}):
            keep["textfont"] = {"color": trace["textfont"]["color"]}
        trace.update(selected=keep, unselected=keep)
    layout = {
        "geo": {
            "visible": False,
            "projection": {"type": "mercator"},
            "fitbounds": "locations",
            "bgcolor": "rgba(0,0,0,0)",
        },
        "title": title_layout(title),
        "separators": plotly_separators(lang),
        "font": {"family": FONT},
        "margin": {"l": 0, "r": 0, "t": title_room(title_layout(title)), "b": 0},
        "height": height,
        "dragmode": False,
        "legend": {**LEGEND, "bgcolor": "rgba(255,255,255,0.8)"},
    }
    return go.Figure(data=traces, layout=layout)


def _at_units(
    rows: pd.DataFrame,
    name: str,
    marker: dict,
    meta: pd.DataFrame,
    code: str,
    lang: str,
    named: bool = False,
    **options: object,
) -> dict:
    """Markers at units' coordinates, named beside them or not, each with its hover; customdata is the
    unit_id (a click chooses it)."""
    labels = {"text": rows["unit_name"], "textposition": "top center", "textfont": {"size": 11, "color": "#333333"}}
    return {
        "type": "scattergeo",
        "lon": rows["lon"],
        "lat": rows["lat"],
        "mode": "markers+text" if named else "markers",
        **(labels if named else {}),
        "name": name,
        "marker": marker,
        "customdata": rows["unit_id"],
        "hovertext": _hovers(rows, meta, code, lang),
        "hovertemplate": "%{hovertext}<extra></extra>",
        **options,
    }


def _outline_trace(
    system: str, features: list[dict], name: str, hover: list[str], custom: list[str], **style: object
) -> dict:
    """Features of a unit system filled with one colour (no data, archipelagos, the chosen province's edge)."""
    fill = str(style.pop("fill", NO_DATA))
    return {
        "type": "choropleth",
        "geojson": url(system),
        "locations": [f["id"] for f in features],
        "z": [0] * len(features),
        "colorscale": [[0, fill], [1, fill]],
        "showscale": False,
        "name": name,
        "customdata": custom,
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "marker": {"line": {"color": style.pop("line_color", "white"), "width": style.pop("line_width", 0.6)}},
        **style,
    }


def province_choropleth(
    frame: pd.DataFrame,
    system: str,
    meta: pd.DataFrame,
    code: str,
    title: str,
    lang: str,
    selected: str | None = None,
    height: int = 640,
) -> go.Figure:
    """Every province of a unit system coloured by one indicator in one year (rows from
    `queries.province_map`); provinces without a value grey and said so; the archipelagos drawn and named
    with their province; the chosen province outlined. A point's customdata is its province's unit_id."""
    features = outlines(system)
    by_code = {f["id"]: f for f in features if f["properties"]["kind"] == "province"}
    rows = frame.set_index("code", drop=False)
    shown = rows[rows["value"].notna()]
    empty = rows[rows["value"].isna()]
    traces = [
        {
            "type": "choropleth",
            "geojson": url(system),
            "locations": list(shown.index),
            "z": shown["value"],
            "zmin": 0,
            "zmax": float(shown["value"].max()) if len(shown) else 1,
            "colorscale": _scale(meta, code),
            "name": indicator_name(meta, code, lang),
            "customdata": shown["unit_id"],
            "hovertext": _hovers(shown, meta, code, lang),
            "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": {"line": {"color": "white", "width": 0.6}},
            "colorbar": {
                "title": {"text": per_unit(meta, code, lang), "side": "top"},
                "tickformat": f",.{decimals(meta, code)}f",
                "thickness": 12,
                "len": 0.4,  # above the archipelagos' labels
                "x": 1,
                "xanchor": "right",
                "y": 0.98,
                "yanchor": "top",
            },
        }
    ]
    if len(empty):
        traces.append(
            _outline_trace(
                system,
                [by_code[c] for c in empty.index],
                t("map_no_data_legend", lang),
                _hovers(empty, meta, code, lang),
                list(empty["unit_id"]),
                showlegend=True,
            )
        )
    names = dict(zip(frame["unit_id"], frame["unit_name"], strict=True))
    islands = [f for f in features if f["properties"]["kind"] == "archipelago"]
    label = "name_en" if lang == "en" else "name"
    hover = [
        f"<b>{f['properties'][label]}</b><br>{t('map_belongs_to', lang, province=names[f['properties']['unit_id']])}"
        for f in islands
    ]
    traces.append(
        _outline_trace(
            system,
            islands,
            t("map_archipelagos", lang),
            hover,
            [f["properties"]["unit_id"] for f in islands],
            fill=SEA_ISLANDS,
            line_color=SEA_ISLANDS,
            line_width=1.5,
        )
    )
    centres = [_centre(f) for f in islands]
    traces.append(
        {
            "type": "scattergeo",
            "lon": [c[0] for c in centres],
            "lat": [c[1] for c in centres],
            "text": [f["properties"][label] for f in islands],
            "mode": "text",
            "name": t("map_archipelagos", lang),
            # To the left, over the sea: centred under the islands, "Trường Sa" ran past the map's right edge.
            "textposition": "middle left",
            "textfont": {"size": 11, "color": "#3A556B"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    # A sum of only some members (districts, communes or former provinces) is marked, never shown as whole.
    short = rows[rows["value"].notna() & rows["whole"].eq(False)]
    if len(short):
        dot = {"symbol": "circle-open-dot", "size": 9, "color": "#222222", "line": {"width": 1.5}}
        traces.append(_at_units(short, t("map_incomplete", lang), dot, meta, code, lang))
    if selected in set(frame["unit_id"]):
        chosen = frame[frame["unit_id"] == selected].head(1)
        row = chosen.iloc[0]
        traces.append(
            _outline_trace(
                system,
                [by_code[row["code"]]],
                row["unit_name"],
                _hovers(chosen, meta, code, lang),
                [selected],
                fill="rgba(0,0,0,0)",
                line_color="#111111",
                line_width=2.5,
            )
        )
    return _geo(traces, title, lang, height)


def unit_markers(
    frame: pd.DataFrame,
    system: str,
    province_id: str,
    meta: pd.DataFrame,
    code: str,
    title: str,
    lang: str,
    selected: str | None = None,
    height: int = 640,
) -> go.Figure:
    """A province's districts (or communes) as circles at their coordinates over its outline (rows from
    `queries.sub_unit_map`), sized by the value: area in proportion, so twice the cases look twice as big
    (down to a smallest visible circle). Hidden small counts are hollow rings of one size, units without a
    value small grey crosses. A 2025 province shows the former provinces inside it. A point's customdata
    is its unit_id."""
    province = [f for f in outlines(system) if f["properties"]["unit_id"] == province_id]
    name = province[0]["properties"]["short_name"]
    edge = _outline_trace(system, province, name, [""], [""], fill=LAND, line_color="#555555", line_width=1.5)
    del edge["hovertemplate"]
    traces = [{**edge, "hoverinfo": "skip"}]  # the circles carry the hovers
    former = set(frame["province_id"]) - {province_id}
    if former:
        inside = [f for f in outlines(PRE2025) if f["properties"]["unit_id"] in former]
        names = [f["properties"]["short_name"] for f in inside]
        blank = [""] * len(inside)
        former_edges = _outline_trace(PRE2025, inside, t("map_former", lang), names, blank, fill=LAND, line_color=EDGE)
        traces.append(former_edges)
    scale = _scale(meta, code)
    # Names beside the circles while they fit; a city of 30 districts names them on hover only.
    named = len(frame) <= LABELLED_UNITS
    shown = frame[frame["value"].notna()]
    top = float(shown["value"].max()) if len(shown) else 0.0
    sizes = [max(MIN_MARKER, MAX_MARKER * math.sqrt(v / top)) if top > 0 else MIN_MARKER for v in shown["value"]]
    circle = {"size": sizes, "color": scale[-2][1], "opacity": 0.75, "line": {"color": "white", "width": 1}}
    name = indicator_name(meta, code, lang)
    traces.append(_at_units(shown, name, circle, meta, code, lang, named, showlegend=False))
    for rows, name, marker in (
        (
            frame[frame["suppressed"]],
            t("map_hidden_legend", lang),
            {"symbol": "circle-open", "size": 12, "color": scale[-2][1], "line": {"width": 2}},
        ),
        (
            frame[frame["value"].isna() & ~frame["suppressed"]],
            t("map_no_data_legend", lang),
            {"symbol": "x-thin-open", "size": 8, "color": "#8A8A8A", "line": {"width": 1.5}},
        ),
    ):
        if len(rows):
            traces.append(_at_units(rows, name, marker, meta, code, lang, named))
    if selected in set(frame["unit_id"]):
        row = frame[frame["unit_id"] == selected].iloc[0]
        traces.append(
            {
                "type": "scattergeo",
                "lon": [row["lon"]],
                "lat": [row["lat"]],
                "mode": "markers",
                "marker": {"symbol": "circle-open", "size": 16, "color": "#111111", "line": {"width": 2.5}},
                "name": row["unit_name"],
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    return _geo(traces, title, lang, height)
