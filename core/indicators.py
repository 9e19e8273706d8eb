"""The indicator catalogue (data/reference/indicators.csv) and matching of report headers to it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from core.paths import REFERENCE
from core.textnorm import ascii_fold, key, nfc

CATALOGUE = REFERENCE / "indicators.csv"
KINDS = ("stock", "flow", "ratio")
TOPICS = ("reference", "network", "violence", "training", "households", "children")
# Indicator groups as reports and pages name them (vi, en).
TOPIC_NAMES = {
    "reference": ("Số liệu nền (xã, hộ)", "Baseline (communes, households)"),
    "network": ("Mô hình, câu lạc bộ, đường dây nóng", "Models, clubs, hotlines"),
    "violence": ("Bạo lực gia đình", "Domestic violence"),
    "training": ("Tập huấn", "Training"),
    "households": ("Thông tin đến hộ gia đình", "Reaching households"),
    "children": ("Trẻ em", "Children"),
}


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    name_en: str
    topic: str
    unit_vi: str
    unit_en: str
    kind: str
    parent: str | None
    sensitive: bool
    higher_is_better: bool | None

    @property
    def header(self) -> str:
        """Column header in the report template."""
        return f"{self.name_vi} ({self.unit_vi})"


def _flag(text: str) -> bool | None:
    return {"true": True, "false": False}.get(text.strip().lower())


@cache
def catalogue_frame(path: Path = CATALOGUE) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    problems = [
        f"{path.name}: dòng {i + 2}: kind '{k}' không hợp lệ" for i, k in enumerate(frame.kind) if k not in KINDS
    ]
    problems += [
        f"{path.name}: dòng {i + 2}: topic '{t}' không hợp lệ" for i, t in enumerate(frame.topic) if t not in TOPICS
    ]
    if not frame.code.is_unique:
        problems.append(f"{path.name}: mã chỉ tiêu bị trùng")
    codes = set(frame.code)
    for col in ("parent", "numerator", "denominator"):
        problems += [
            f"{path.name}: dòng {i + 2}: {col} '{v}' không có trong danh mục"
            for i, v in enumerate(frame[col])
            if v and v not in codes
        ]
    if problems:
        raise ValueError("; ".join(problems))
    return frame


@cache
def catalogue() -> dict[str, Indicator]:
    """Reported indicators (stock and flow), in catalogue order; ratios are computed, not reported."""
    frame = catalogue_frame()
    return {
        r.code: Indicator(
            r.code,
            nfc(r.name_vi),
            r.name_en,
            r.topic,
            r.unit_vi,
            r.unit_en,
            r.kind,
            r.parent or None,
            bool(_flag(r.sensitive)),
            _flag(r.higher_is_better),
        )
        for r in frame.itertuples()
        if r.kind != "ratio"
    }


ALIASES = REFERENCE / "header_aliases.csv"
ABBREVIATIONS_FILE = REFERENCE / "header_abbreviations.csv"


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviations reports use in headers ("BLGĐ"), expanded before matching; whole words only."""
    frame = pd.read_csv(ABBREVIATIONS_FILE, dtype=str, keep_default_na=False)
    return {nfc(r.abbreviation): nfc(r.expansion) for r in frame.itertuples()}


@cache
def _abbreviation_re() -> re.Pattern[str]:
    # In any case: "BLGĐ", "blgđ" and "Blgđ" are the same shortening; no Vietnamese word is spelt like one.
    words = "|".join(sorted(abbreviations(), key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + words + r")(?!\w)", re.IGNORECASE)


@cache
def aliases_frame(path: Path = ALIASES) -> pd.DataFrame:
    """Header wordings beside the catalogue: the forms' words and officers' shortenings, one per row; `under`
    names the group header a part's alias is valid beneath ("Nam" under "Người gây bạo lực gia đình")."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    codes = set(catalogue_frame().code)
    bad = [
        f"{path.name}: dòng {i + 2}: '{c}' không có trong danh mục"
        for i, c in enumerate(frame.indicator)
        if c not in codes
    ]
    bad += [
        f"{path.name}: dòng {i + 2}: '{u}' không có trong danh mục"
        for i, u in enumerate(frame.under)
        if u and u not in codes
    ]
    if bad:
        raise ValueError("; ".join(bad))
    return frame


# Leading words that do not change what a header counts: "Tổng số vụ …" = "Số vụ …" = "Vụ …".
_COUNT_WORDS = re.compile(r"^(?:tong so|so luong|so)\s+")
_RATIO_WORDS = re.compile(r"^(?:ty le|ti le)\b|%")


def expand(text: str) -> str:
    """Expand header abbreviations: "Số CLB PCBLGĐ" -> "Số câu lạc bộ phòng chống bạo lực gia đình"."""
    return _abbreviation_re().sub(lambda m: abbreviations()[m.group(1).upper()], nfc(text))


def _header_key(text: str) -> str:
    # Headers may carry the unit in brackets and a column number: "Số đường dây nóng (đường dây) (5)";
    # line breaks and extra spaces are gone with nfc().
    words = ascii_fold(re.sub(r"\([^)]*\)", " ", expand(text))).strip()
    return key(_COUNT_WORDS.sub("", words))


def is_ratio_header(text: str) -> bool:
    """A percentage or rate column ("Tỷ lệ xã có mô hình (%)"): computed here from its parts, not read."""
    folded = ascii_fold(nfc(text))
    return bool(_RATIO_WORDS.search(folded)) or _header_key(text) in ratio_keys()


@cache
def ratio_keys() -> set[str]:
    return {_header_key(r.name_vi) for r in catalogue_frame().itertuples() if r.kind == "ratio"}


@cache
def header_index() -> dict[str, str]:
    """Match key -> indicator code, over codes, Vietnamese names and aliases."""
    index: dict[str, str] = {}
    for row in catalogue_frame().itertuples():
        if row.kind == "ratio":
            continue
        for text in (row.code, row.name_vi, *filter(None, row.aliases.split("|"))):
            index.setdefault(_header_key(text), row.code)
    for row in aliases_frame().itertuples():
        if not row.under:
            index.setdefault(_header_key(row.alias), row.indicator)
    return index


@cache
def part_index() -> dict[tuple[str, str], str]:
    """(group indicator, match key of a part header) -> indicator, for parts named only under their group."""
    return {(r.under, _header_key(r.alias)): r.indicator for r in aliases_frame().itertuples() if r.under}


def match_header(text: str) -> str | None:
    """The indicator a column header names, or None."""
    return header_index().get(_header_key(text)) or header_index().get(key(expand(text)))


def close_header(text: str, cutoff: float = 0.85) -> str | None:
    """The indicator whose name or alias a header is a near-miss of ("Số địa chỉ tinh cậy"): a typing slip."""
    index = header_index()
    close = difflib.get_close_matches(_header_key(text), list(index), n=1, cutoff=cutoff)
    return index[close[0]] if close else None


def suggest_header(text: str) -> str | None:
    """The closest known header, for an error message."""
    index = header_index()  # names and aliases
    close = difflib.get_close_matches(_header_key(text), list(index), n=1, cutoff=0.5)
    return catalogue()[index[close[0]]].header if close else None


# Header levels that only say how the columns below split ("Chia theo hình thức", "Trong đó", "Chia ra").
_FILLER = re.compile(r"^(?:(?:chia|phan) (?:ra|theo\b.*)|trong do|trong so do|bao gom|gom(?: co)?|theo\b.*|cu the)$")
_LEAD = re.compile(r"^(?:trong\s+(?:đó|do)\s*[:,]?\s*|[-+•*]\s*)", re.IGNORECASE)
# A part that stands for its group: "Số vụ BLGĐ" over "Tổng số" is the number of cases.
_TOTAL = re.compile(r"(?:tong(?:so|cong)?|cong|soluong|tongsoluong)(?:vu|nguoi|ho|luot|luotnguoi)?")


def _level(text: str) -> str:
    """A header cell without a lead-in ("Trong đó:", "- "); empty when it only says how columns split."""
    text = _LEAD.sub("", nfc(text)).strip()
    return "" if _FILLER.match(ascii_fold(text).strip(" :.,;")) else text


def match_column(path: list[str]) -> str | None:
    """The indicator a column's headers name, from the top header row down to the column's own cell.

    The lowest level names the part and the levels above name the whole: "Người gây bạo lực gia đình" › "Nam"
    is the male perpetrators; "Bạo lực gia đình" › "Chia theo hình thức" › "Tinh thần" the psychological
    cases. A part alone counts only under its own whole ("Tinh thần" under the cases, never under the
    child-abuse cases); "Tổng số" under a whole is the whole."""
    levels = [lv for lv in map(_level, path) if lv]
    if not levels:
        return None
    *above, leaf = levels
    if not above:
        return match_header(leaf)
    for k in range(1, len(above) + 1):
        near = " ".join(above[-k:])
        for text in (f"{near} {leaf}", f"{leaf} {near}"):
            if code := match_header(text):
                return code
    group = next(filter(None, (match_header(a) for a in reversed(above))), None)
    if group and _TOTAL.fullmatch(key(leaf)):
        return group
    if group and (code := part_index().get((group, _header_key(leaf)))):
        return code
    part = match_header(leaf)
    if part and group in (None, part, catalogue()[part].parent):
        return part
    return None
