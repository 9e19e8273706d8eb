"""Numbers as Vietnamese reports write them: parsing "1.234", "96,1%", "08", "gần 30.000", and writing 1.234,5."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from core.problems import Bilingual
from core.textnorm import ascii_fold, nfc

# Cells that mean "not reported" (an empty cell is not a zero).
_MISSING = {"", "-", "–", "—", "x", "..", "...", "n/a", "kbc", "khong bao cao"}
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
        return Parsed(float(cell))
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
    return Parsed(_vn_decimal(folded, text) * multiplier, approx, percent)


def _vn_decimal(digits: str, original: str) -> float:
    """Dot groups thousands, comma marks decimals; a dot not followed by 3 digits is a decimal point."""
    if "," in digits:
        whole, _, frac = digits.rpartition(",")
        if "," in whole or not re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})*|[+-]?\d+", whole):
            raise NumberError(f"'{original}' không phải là số", f"'{original}' is not a number")
        return float(whole.replace(".", "") + "." + frac)
    if "." in digits:
        if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", digits):
            return float(digits.replace(".", ""))
        if digits.count(".") == 1:
            return float(digits)
        raise NumberError(f"'{original}' không phải là số", f"'{original}' is not a number")
    return float(digits)


def format_number(value: float | None, lang: str = "vi", decimals: int = 0) -> str:
    """1234.5 -> "1.234,5" (vi) or "1,234.5" (en); missing -> "–"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
