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


# Abbreviations reports use in headers, expanded before matching; whole upper-case words only.
ABBREVIATIONS = {
    "PCBLGĐ": "phòng chống bạo lực gia đình",
    "BLGĐ": "bạo lực gia đình",
    "GĐPTBV": "gia đình phát triển bền vững",
    "PTBV": "phát triển bền vững",
    "CLB": "câu lạc bộ",
    "ĐDN": "đường dây nóng",
    "ĐTN": "đường dây nóng",
    "ĐCTC": "địa chỉ tin cậy",
    "HCĐB": "hoàn cảnh đặc biệt",
    "BCĐ": "ban chỉ đạo",
    "CB": "cán bộ",
    "TE": "trẻ em",
    "GĐ": "gia đình",
    "PC": "phòng chống",
}
_ABBREVIATION_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?!\w)")
# Leading words that do not change what a header counts: "Tổng số vụ …" = "Số vụ …" = "Vụ …".
_COUNT_WORDS = re.compile(r"^(?:tong so|so luong|so)\s+")
_RATIO_WORDS = re.compile(r"^(?:ty le|ti le)\b|%")


def expand(text: str) -> str:
    """Expand header abbreviations: "Số CLB PCBLGĐ" -> "Số câu lạc bộ phòng chống bạo lực gia đình"."""
    return _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], nfc(text))


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
    return index


def match_header(text: str) -> str | None:
    """The indicator a column header names, or None."""
    return header_index().get(_header_key(text)) or header_index().get(key(expand(text)))


def suggest_header(text: str) -> str | None:
    """The closest known header, for an error message."""
    index = header_index()  # names and aliases
    close = difflib.get_close_matches(_header_key(text), list(index), n=1, cutoff=0.5)
    return catalogue()[index[close[0]]].header if close else None
