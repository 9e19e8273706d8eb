"""Numbers the Vietnamese way (1.234,5) or the English way, names in Vietnamese order, partial figures in words."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Mapping
from functools import cache

import pandas as pd

from core.i18n import t
from core.numbers import format_number as number
from core.paths import REFERENCE

# Everything Markdown (and Streamlit's :icon: and $math$) gives a meaning to; a backslash makes it literal.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def literal(text: object) -> str:
    """Text someone else wrote (a file name, a source, an e-mail address, an error quoting them) shown as
    written inside a Markdown message: no link, no image, no HTML, no formatting."""
    return _MARKUP.sub(r"\\\1", str(text))


@cache
def _phrases(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The phrases of data/reference/translations.csv to say in `lang`, longest first, each as a whole-word pattern
    in the other language."""
    rows = list(csv.DictReader((REFERENCE / "translations.csv").open(encoding="utf-8")))
    other = "vi" if lang == "en" else "en"
    found: dict[str, str] = {}
    for row in rows:
        found.setdefault(row[other], row[lang])  # several ways of saying it ("English edition") say one thing
    return tuple(
        (re.compile(rf"(?<!\w){re.escape(said)}(?!\w)"), meant)
        for said, meant in sorted(found.items(), key=lambda item: -len(item[0]))
    )


def said_in(text: object, lang: str) -> str:
    """A text from the data (a plan's issuer, a published figure's note or unit) with the phrases a translation is
    kept for said in `lang`: "(approx., rounded)" reads "(ước tính, làm tròn)" in Vietnamese, "UBND tỉnh Kon Tum"
    reads "Kon Tum Provincial People's Committee" in English. Anything else stays as the source wrote it."""
    if not isinstance(text, str) or not text:
        return "" if text is None or text != text else str(text)
    for pattern, meant in _phrases(lang):
        text = pattern.sub(lambda _, meant=meant: meant, text)
    return text


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


# Vietnamese alphabetical order: letters with a breve, circumflex or horn and đ are letters of their own (Đ after
# D, so "Ba Đình" before "Ba Vì"); tone marks only break ties, in the dictionaries' order.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_MARKED = {"a\u0306": "ă", "a\u0302": "â", "e\u0302": "ê", "o\u0302": "ô", "o\u031b": "ơ", "u\u031b": "ư"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


def vi_key(text: object) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key putting names in Vietnamese alphabetical order (`sorted(names, key=vi_key)`)."""
    letters: list[int] = []
    tones: list[int] = []
    for token in re.findall(r"\d+|.", unicodedata.normalize("NFD", str(text).lower()), flags=re.DOTALL):
        if token.isdigit():
            letters.append(int(token) - 10**9)  # numbers before letters, by value: "Phường 2" before "Phường 10"
            tones.append(0)
        elif token in _TONES and tones:
            tones[-1] = _TONES[token]
        elif token in _LETTER_MARKS and letters:
            base = _ALPHABET[letters[-1] - 1] if 0 < letters[-1] <= len(_ALPHABET) else ""
            if base + token in _MARKED:
                letters[-1] = _ALPHABET.index(_MARKED[base + token]) + 1
        elif token in _ALPHABET:
            letters.append(_ALPHABET.index(token) + 1)
            tones.append(0)
        elif token.isspace():
            letters.append(0)
            tones.append(0)
        elif token.isalnum():
            letters.append(100 + ord(token))  # f, j, w, z and other letters after y
            tones.append(0)
    return tuple(letters), tuple(tones), str(text)


def vi_sorted(names: object) -> list:
    """Names (or anything printed as one) in Vietnamese alphabetical order."""
    return sorted(names, key=vi_key)  # type: ignore[call-overload]


def is_partial(row: Mapping) -> bool:
    """Whether a row's figure is a sum of only some of its members (rows without the flag are not sums)."""
    whole = row.get("whole")
    return whole is not None and not pd.isna(whole) and not bool(whole)


def partial_text(row: Mapping, lang: str) -> str:
    """What part of a unit a partial figure covers ("Một phần: chỉ có Vĩnh Phúc (1/3 tỉnh cũ)"); "" when whole."""
    if not is_partial(row):
        return ""
    n, total = int(row["units_reported"]), int(row["units_total"])
    if row["counted"] == "P":
        names = row.get("reported_from") or ""
        return t("partial_rollup" if n < total else "partial_rollup_members", lang, names=names, n=n, total=total)
    if n < total:
        return t("partial_units", lang, n=n, total=total, noun=t(f"noun_{row['counted']}", lang))
    return t("partial_members", lang)
