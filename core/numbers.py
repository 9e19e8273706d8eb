"""Numbers as Vietnamese reports write them: parsing "1.234", "96,1%", "08", "gần 30.000", and writing 1.234,5."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from core.problems import Bilingual
from core.textnorm import ascii_fold, nfc

# Cells that mean "not reported" (an empty cell is not a zero).
_MISSING = {"", "-", "–", "—", "x", "..", "...", "n/a", "kbc", "khong bao cao"}
# What officers write in a unit's figure cells when the unit sent nothing: the unit did not report.
_NOT_REPORTED = re.compile(
    r"^(?:chua|khong)\s+(?:gui\s+|nop\s+|co\s+)?(?:bao\s*cao|so\s*lieu)\b|^kbc$|^chua\s+(?:gui|nop)$"
)
COUNT_LIMIT = 1_000_000_000  # no count in a province report comes near a billion (Viet Nam has 100 million people)
# English thousands ("45,120", "1,038,406"): groups of exactly three digits after a comma.
_ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_APPROX = ("gan", "hon", "khoang", "tren", "xap xi", "uoc", "~")
_MULTIPLIERS = {"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9}
_NUMBER_RE = re.compile(r"^[+-]?\d[\d.,]*$")


@dataclass(frozen=True)
class Parsed:
    value: float | None
    is_approx: bool = False
    is_percent: bool = False


class NumberError(Bilingual):
    """A cell that should hold a number holds something else."""


def parse_number(cell: object) -> Parsed:
    """Read one cell; None value means not reported. Raises NumberError for text that is not a number."""
    if cell is None:
        return Parsed(None)
    if isinstance(cell, bool):
        raise NumberError(f"giá trị logic {cell!r}", f"a true/false value {cell!r}")
    if isinstance(cell, int | float):
        if isinstance(cell, float) and math.isnan(cell):
            return Parsed(None)
        try:
            return Parsed(float(cell))
        except OverflowError:  # an integer beyond any float (10**400)
            return Parsed(math.inf)
    text = nfc(str(cell))
    folded = ascii_fold(text)
    if folded in _MISSING:
        return Parsed(None)
    approx = False
    for word in _APPROX:
        if folded.startswith(word + " ") or (word == "~" and folded.startswith("~")):
            approx = True
            folded = folded[len(word) :].strip()
            break
    multiplier = 1.0
    for word, factor in _MULTIPLIERS.items():
        if folded.endswith(" " + word):
            multiplier = factor
            folded = folded[: -len(word)].strip()
            break
    percent = folded.endswith("%")
    folded = folded.rstrip("%").strip().replace(" ", "")
    if not _NUMBER_RE.match(folded):
        raise NumberError(f"'{text}' không phải là số", f"'{text}' is not a number")
    try:
        value = _vn_decimal(folded, text) * multiplier
    except OverflowError:
        value = math.inf
    return Parsed(value, approx, percent)


def _vn_decimal(digits: str, original: str) -> float:
    """Dot groups thousands, comma marks decimals; a dot not followed by 3 digits is a decimal point."""
    if "," in digits:
        whole, _, frac = digits.rpartition(",")
        if "," in whole or not frac.isdigit() or not re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})*|[+-]?\d+", whole):
            raise NumberError(f"'{original}' không phải là số", f"'{original}' is not a number")
        return float(whole.replace(".", "") + "." + frac)
    if "." in digits:
        if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", digits):
            return float(digits.replace(".", ""))
        if digits.count(".") == 1:
            return float(digits)
        raise NumberError(f"'{original}' không phải là số", f"'{original}' is not a number")
    return float(digits)


def is_not_reported(cell: object) -> bool:
    """A cell that says its unit sent no figures ("Chưa gửi báo cáo", "Không báo cáo", "Chưa có số liệu")."""
    return isinstance(cell, str) and bool(_NOT_REPORTED.match(ascii_fold(cell).strip(" .:;()")))


def parse_count(cell: object) -> Parsed:
    """A count: a finite whole number, 0 or more, below COUNT_LIMIT; None value when not reported.

    "45,120" (a file from an English-locale computer) is 45120: a count cannot be fractional, so the Vietnamese
    reading (45,12) is impossible and the English one is the only whole number the cell can mean. "45,12" and
    "1,5" have no whole reading and are refused. Raises NumberError saying what is wrong."""
    if is_not_reported(cell):
        return Parsed(None)
    if isinstance(cell, str) and _ENGLISH_THOUSANDS.match(nfc(cell).replace(" ", "")):
        parsed = Parsed(float(nfc(cell).replace(" ", "").replace(",", "")))
    else:
        parsed = parse_number(cell)
    value = parsed.value
    if value is None:
        return parsed
    if parsed.is_percent:
        raise NumberError(f"'{nfc(str(cell))}' là tỷ lệ, không phải số đếm", f"'{nfc(str(cell))}' is a percentage")
    if value < 0:
        raise NumberError("số âm", "a negative number")
    if not math.isfinite(value) or value >= COUNT_LIMIT:  # infinite: an integer no float holds (10**400)
        raise NumberError("số quá lớn: số đếm phải nhỏ hơn 1.000.000.000", "too large: a count is below 1,000,000,000")
    if not value.is_integer():
        raise NumberError("số đếm phải là số nguyên", "a count must be a whole number")
    return parsed


def format_number(value: float | None, lang: str = "vi", decimals: int = 0) -> str:
    """1234.5 -> "1.234,5" (vi) or "1,234.5" (en); missing -> "–"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
