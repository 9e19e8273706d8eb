"""Helpers the test modules share: reading charts and cards as a leader sees them, and the template's columns."""

from __future__ import annotations

import base64
import json

import numpy as np
from streamlit.testing.v1 import AppTest

from core.indicators import catalogue
from etl.template import HEADER_ROW

FIRST = HEADER_ROW + 3  # Excel row of the first unit: header, then the column-number row
VP = "pre2025:P:26"  # Vĩnh Phúc, the fixture warehouse's fullest province


def trace_array(value: object) -> list:
    """A trace array: plain JSON list, or Plotly's typed array {"dtype", "bdata"} (base64)."""
    if isinstance(value, dict):
        value = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return [None if v != v else v for v in value]  # NaN -> None


def chart_traces(at: AppTest, i: int) -> dict[str, dict[str, list]]:
    """Chart i as {trace name: {"x": [...], "y": [...]}}."""
    spec = json.loads(at.get("plotly_chart")[i].proto.spec)
    return {t["name"]: {"x": trace_array(t["x"]), "y": trace_array(t["y"])} for t in spec["data"]}


def metric_cards(at: AppTest) -> dict[str, tuple[str, str | None]]:
    """label -> (value, "change description"), as a leader reads the card."""
    return {m.label: (m.value, f"{m.delta} {m.proto.delta_description}".strip()) for m in at.metric}


def template_column(sheet, code: str) -> int:
    """The template column (1-based, as openpyxl counts) holding an indicator."""
    header = catalogue()[code].header
    for cell in sheet[HEADER_ROW + 1]:
        if cell.value == header:
            return cell.column
    raise AssertionError(code)
