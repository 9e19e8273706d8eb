"""Downloads are safe to open: text that starts like a formula stays text, numbers stay numbers."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from analytics.export import csv_bytes, xlsx_bytes

# What a report's file name, a quote or a note could carry in; the last two are ordinary.
HOSTILE = pd.DataFrame(
    {
        "Tệp": [
            '=HYPERLINK("http://x.example","Bấm")',
            "+84 912 000 111",
            "-1+2",
            "@SUM(A1:A9)",
            "\tbc",
            "\rbc",
            "Gia Bình",
            "–",
        ],
        "Giá trị": pd.Series([45, -3, 0.13, None, 0, 1234, 7, -0.5], dtype=object),
        "Số": [1, 2, 3, 4, 5, 6, 7, -8],
    }
)


def test_csv_cells_that_start_like_a_formula_are_text() -> None:
    lines = csv_bytes(HOSTILE.rename(columns={"Số": "=Số"})).decode("utf-8-sig").split("\r\n")
    assert lines[:9] == [
        "Tệp,Giá trị,'=Số",
        '"\'=HYPERLINK(""http://x.example"",""Bấm"")",45,1',
        "'+84 912 000 111,-3,2",
        "'-1+2,0.13,3",
        "'@SUM(A1:A9),,4",
        "'\tbc,0,5",
        '"\'\rbc",1234,6',
        "Gia Bình,7,7",
        "–,-0.5,-8",
    ]


def test_xlsx_writes_text_as_text_and_numbers_as_numbers() -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(HOSTILE, [("=Bộ lọc", "@Hà Nội")], "vi")))
    sheet, about = book.worksheets
    cells = [cell for row in sheet.iter_rows() for cell in row] + [cell for row in about.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    assert not [c.coordinate for c in cells if c.hyperlink]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # The text exactly as it was, as text (a carriage return is stored the way Excel stores one).
    assert [r[0].replace("_x000D_", "\r") for r in rows] == list(HOSTILE["Tệp"])
    assert [r[1] for r in rows] == [45, -3, 0.13, None, 0, 1234, 7, -0.5]
    assert [r[2] for r in rows] == [1, 2, 3, 4, 5, 6, 7, -8]
    assert [c.value for c in about[1]] == ["=Bộ lọc", "@Hà Nội"]
