"""Located problems found in input files: where (file, sheet, row, column), what was expected, what was found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.i18n import Text, in_language

Severity = Literal["error", "warning"]


class Bilingual(ValueError):
    """An error whose message exists in Vietnamese (str(exc)) and English (exc.en)."""

    def __init__(self, vi: str, en: str | None = None) -> None:
        super().__init__(vi)
        self.en = en or vi

    @property
    def text(self) -> tuple[str, str]:
        return (str(self), self.en)


@dataclass(frozen=True)
class Problem:
    file: str
    message: Text
    sheet: str | None = None
    row: int | None = None  # 1-based, as Excel shows it
    column: str | None = None  # Excel letter, with the header when known: "E (Số đường dây nóng)"
    expected: Text | None = None
    found: str | None = None
    severity: Severity = "error"

    def says(self, lang: str) -> tuple[str, str | None]:
        """(message, expected) in the language asked for."""
        return in_language(self.message, lang) or "", in_language(self.expected, lang)

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        message, expected = self.says("vi")
        text = f"{' › '.join(where)}: {message}"
        if expected:
            text += f" — cần: {expected}"
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
