"""Disclosure control: small counts of violence and abuse below province level are never shown."""

from __future__ import annotations

import pandas as pd

THRESHOLD = 5  # counts 1..THRESHOLD-1 are hidden; 0 stays 0


def protect(frame: pd.DataFrame, sensitive: set[str]) -> pd.DataFrame:
    """Hide sensitive small counts on district and commune rows (and on province rows only one of them
    reported); adds a boolean `suppressed` column.

    A rate is hidden when its numerator is a small count. Every query that returns sensitive indicators
    below province level passes through here, so charts, tables and downloads inherit it. Complementary
    suppression (hiding a second cell so totals cannot reveal the first) is still to come.
    """
    out = frame.copy()
    out["suppressed"] = False
    if out.empty:
        return out
    # A province figure that only one district or commune reported is that unit's figure: protect it too.
    # (A province rolled up from one former province is still a province figure.)
    single = out["level"].eq("P") & out["units_reported"].eq(1) & out["units_total"].gt(1) & out["counted"].ne("P")
    below = (out["level"].ne("P") | single) & out["indicator"].isin(sensitive)

    def small(values: pd.Series) -> pd.Series:
        return below & values.between(1, THRESHOLD - 1)

    has_parts = "numerator" in out
    current = small(out["numerator"].fillna(out["value"]) if has_parts else out["value"])
    previous = small(out["prev_numerator"].fillna(out["prev_value"]) if has_parts else out["prev_value"])
    out["suppressed"] = current
    for col in ("value", "numerator"):
        if col in out:
            out[col] = out[col].mask(current)
    for col in ("prev_value", "prev_numerator"):
        if col in out:
            out[col] = out[col].mask(previous)
    return out
