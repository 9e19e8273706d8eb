"""Disclosure control: small counts of violence and abuse below province level are never shown."""

from __future__ import annotations

import pandas as pd

THRESHOLD = 5  # counts 1..THRESHOLD-1 are hidden; 0 stays 0


def protect(
    frame: pd.DataFrame, sensitive: set[str], columns: tuple[str, ...] = ("value", "prev_value")
) -> pd.DataFrame:
    """Hide sensitive small counts on district and commune rows; adds a boolean `suppressed` column.

    Every query that returns sensitive indicators below province level passes through here, so charts,
    tables and downloads inherit it. Complementary suppression (hiding a second cell so totals cannot
    reveal the first) is still to come with access control.
    """
    out = frame.copy()
    out["suppressed"] = False
    if out.empty:
        return out
    below = out["level"].ne("P") & out["indicator"].isin(sensitive)
    for col in columns:
        if col not in out:
            continue
        small = below & out[col].between(1, THRESHOLD - 1)
        if col == "value":
            out["suppressed"] = small
        out[col] = out[col].mask(small)
    return out
