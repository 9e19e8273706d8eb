"""Numbers the Vietnamese way (1.234,5) or the English way (1,234.5)."""

from __future__ import annotations

import re

from core.numbers import format_number as number

# Everything Markdown (and Streamlit's :icon: and $math$) gives a meaning to; a backslash makes it literal.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def literal(text: object) -> str:
    """Text someone else wrote (a file name, a source, an e-mail address, an error quoting them) shown as
    written inside a Markdown message: no link, no image, no HTML, no formatting."""
    return _MARKUP.sub(r"\\\1", str(text))


def signed(value: float, lang: str = "vi", decimals: int = 0) -> str:
    return ("+" if value > 0 else "") + number(value, lang, decimals)


def plotly_separators(lang: str) -> str:
    """Plotly's layout.separators: decimal mark then thousands mark."""
    return ",." if lang == "vi" else ".,"


def plan_short(plan_id: str) -> str:
    """ "KH-925-2024-KT" -> "KH 925"; "QD-45-2022-TTg" -> "QĐ 45" (plan ids are kind-number-year-issuer)."""
    kind, number = plan_id.split("-")[:2]
    return f"{'QĐ' if kind == 'QD' else kind} {number}"


def year_ranges(years: list[int]) -> str:
    """[2016, 2017, 2018, 2020, 2023, 2024] -> "2016–2018, 2020, 2023–2024"."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
