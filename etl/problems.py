"""Located problems found in input files: where (file, sheet, row, column), what was expected, what was found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # 1-based, as Excel shows it
    column: str | None = None  # Excel letter, with the header when known: "E (Số đường dây nóng)"
    expected: str | None = None
    found: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        text = f"{' › '.join(where)}: {self.message}"
        if self.expected:
            text += f" — cần: {self.expected}"
        if self.found is not None:
            text += f"; có: {self.found!r}"
        return ("LỖI " if self.severity == "error" else "CẢNH BÁO ") + text


class InputError(Exception):
    """Input that cannot be loaded; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
