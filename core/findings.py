"""Data-quality findings as the build stores them (dq_rule, dq_finding, dq_completeness), read and said in words."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from core.numbers import format_number

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": ("lỗi", "error"), "warning": ("cảnh báo", "warning"), "info": ("lưu ý", "note")}


def _show(value: object, lang: str) -> str:
    """A count without decimals; a rate with one, two below 10, two significant digits below 1 (0,0031)."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return "–"
    number = float(value)  # type: ignore[arg-type]
    if number.is_integer():
        return format_number(number, lang)
    if abs(number) < 1:
        return format_number(number, lang, max(2, 1 - math.floor(math.log10(abs(number)))))
    return format_number(number, lang, 2 if abs(number) < 10 else 1)


def _year(value: object) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))  # type: ignore[call-overload]


# Every number a finding prints about the cells it questions: the value, the value compared with, and the
# statistics worked out from them and their neighbours (the usual range and the modified z-score).
NUMBERS = frozenset({"value", "other_value", "low", "high", "score"})
STATISTICS = frozenset({"low", "high", "score"})


def message(
    finding: Mapping[str, object],
    template: str,
    lang: str,
    names: Mapping[str, str],
    settings: Mapping[str, float] | None = None,
    hidden: str | None = None,
    masked: Collection[str] = NUMBERS,
) -> str:
    """A finding in words. `names` gives indicator names; `hidden` replaces the numbers in `masked` (by default
    every number about the cells: with the range and the z-score a hidden value could be worked back)."""

    def show(name: str, field: str | None = None) -> str:
        if hidden is not None and name in masked:
            return hidden
        return _show(finding.get(field or name), lang)

    other = finding.get("other_indicator")
    return template.format(
        other=names.get(str(other), "") if isinstance(other, str) else "",
        value=show("value"),
        other_value=show("other_value"),
        other_year=_year(finding.get("other_year")),
        year=_year(finding["year"]),
        low=show("low", "expected_low"),
        high=show("high", "expected_high"),
        score=show("score"),
        **{k: _show(v, lang) for k, v in (settings or {}).items()},
    )


def describe(
    finding: Mapping[str, object],
    rule: Mapping[str, object],
    lang: str,
    names: Mapping[str, str],
    hidden: str | None = None,
    masked: Collection[str] = NUMBERS,
) -> str:
    """A finding in words, with the message and the thresholds of its rule as dq_rule holds them."""
    text = str(rule["settings"])
    settings = {k: float(v) for k, v in (item.split(" = ") for item in text.split(", ") if item)}
    template = str(rule["message_en" if lang == "en" else "message_vi"])
    return message(finding, template, lang, names, settings, hidden, masked)


@dataclass(frozen=True)
class Findings:
    rules: pd.DataFrame  # dq_rule
    findings: pd.DataFrame  # dq_finding with unit, province and indicator names
    gaps: pd.DataFrame  # units short of their province's reporting: province, year, unit, topics, n_values


def read_findings(warehouse: Path) -> Findings:
    """Everything the checks found in a built warehouse, for `python -m etl check`."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rules = con.execute("SELECT * FROM dq_rule ORDER BY sort_order").df()
        findings = con.execute("""
            SELECT f.*, u.name AS unit_name, p.name AS province_name, i.name_vi, i.name_en
            FROM dq_finding f JOIN unit u USING (unit_id) JOIN unit p ON p.unit_id = f.province_id
            JOIN indicator i ON i.code = f.indicator JOIN dq_rule r ON r.code = f.rule
            ORDER BY array_position(['error', 'warning', 'info'], f.severity), p.name, f.year, u.name,
                     r.sort_order, i.sort_order""").df()
        gaps = con.execute("""
            SELECT p.name AS province_name, c.year, u.name AS unit_name, sum(c.n_values) AS n_values,
                   list(c.topic ORDER BY c.topic) FILTER (WHERE c.n_values < c.n_expected) AS topics
            FROM dq_completeness c JOIN unit u USING (unit_id) JOIN unit p ON p.unit_id = c.province_id
            GROUP BY ALL HAVING bool_or(c.n_values < c.n_expected)
            ORDER BY p.name, c.year, u.name""").df()
    return Findings(rules, findings, gaps)
