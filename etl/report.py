"""What a report says once read: its province-years (sheets) and their values, with where each came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pandas as pd

from core.problems import Problem
from core.units import Unit

MIN_YEAR = 2000  # and no later than this year: a report is for a year that has begun
COUNT = ("số nguyên không âm", "a whole number, 0 or more")


@dataclass(frozen=True)
class Value:
    indicator: str
    unit_id: str
    year: int
    value: float
    is_approx: bool
    row_ref: str  # "sheet!row" as Excel shows it


VALUE_COLUMNS = ["indicator", "unit_id", "year", "value", "is_approx", "row_ref"]


@dataclass
class SheetReport:
    sheet: str
    province: Unit
    year: int
    is_sample: bool
    values: list[Value] = field(default_factory=list)
    units_listed: list[str] = field(default_factory=list)
    count: int = 0  # values of a long-form file, held in its report's table rather than in `values`

    @property
    def n_values(self) -> int:
        return self.count or len(self.values)


@dataclass
class Report:
    path: Path
    sha256: str
    sheets: list[SheetReport]
    warnings: list[Problem] = field(default_factory=list)
    # A long-form file (etl.longform.LongReport): its millions of values stay in the file, read again where
    # they are written.
    long: ClassVar[bool] = False

    @property
    def is_sample(self) -> bool:
        return any(s.is_sample for s in self.sheets)

    def value_frame(self, sheets: list[SheetReport] | None = None) -> pd.DataFrame:
        """The values of some sheets (all by default) as a frame of VALUE_COLUMNS."""
        sheets = self.sheets if sheets is None else sheets
        rows = [(v.indicator, v.unit_id, v.year, v.value, v.is_approx, v.row_ref) for s in sheets for v in s.values]
        return pd.DataFrame(rows, columns=VALUE_COLUMNS)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
