"""The province report workbook: one sheet per year, one row per district (or commune from 2025)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import xlsxwriter

from core.indicators import catalogue
from core.units import PRE2025, Unit, UnitIndex, system_for_year

TITLE = "BÁO CÁO THÔNG TIN VỀ GIA ĐÌNH VÀ PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH"
LABEL_PROVINCE = "Tỉnh/thành phố:"
LABEL_PROVINCE_CODE = "Mã tỉnh:"
LABEL_YEAR = "Năm báo cáo:"
LABEL_LEVEL = "Đơn vị báo cáo:"
LABEL_KIND = "Loại số liệu:"
KIND_REPORT = "Số liệu báo cáo"
KIND_SAMPLE = "Số liệu minh họa (không phải số liệu thật)"
HEAD_NO, HEAD_CODE, HEAD_UNIT = "STT", "Mã đơn vị", "Tên đơn vị"
NOTE = (
    "Ô để trống = chưa báo cáo; số 0 = đã báo cáo và bằng 0. Số nguyên, không âm. "
    "Không đổi tên cột; có thể thêm dòng 'Tổng cộng' ở cuối bảng."
)
HEADER_ROW = 8  # 0-based row of the column headers; the row below numbers the columns

# (year, unit_id) -> {indicator code: value}
Values = Mapping[tuple[int, str], Mapping[str, float | int | None]]


def report_units(province: Unit, year: int) -> list[Unit]:
    """Rows of a report: districts before the 2025 reform, communes of the 2025 province after."""
    index = UnitIndex.load()
    return index.children(province.unit_id, "D" if system_for_year(year) == PRE2025 else "C")


def write_workbook(
    path: Path, province_name: str, years: list[int], values: Values | None = None, sample: bool = False
) -> Path:
    """Write the report workbook for a province, one sheet per year, pre-filled with unit names."""
    index = UnitIndex.load()
    indicators = list(catalogue().values())
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    # Fixed properties keep regenerated workbooks byte-identical.
    book.set_properties({"title": TITLE, "created": datetime(2025, 1, 1)})
    title = book.add_format({"bold": True, "font_size": 13})
    label = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#F2E6D9"})
    numbering = book.add_format({"italic": True, "align": "center", "font_color": "#666666", "border": 1})
    cell = book.add_format({"border": 1, "num_format": "#,##0"})
    text = book.add_format({"border": 1})
    note = book.add_format({"italic": True, "font_color": "#666666"})
    for year in years:
        province = index.province(province_name, year)
        units = report_units(province, year)
        sheet = book.add_worksheet(f"Năm {year}")
        sheet.write(0, 0, TITLE, title)
        meta = [
            (LABEL_PROVINCE, province.name),
            (LABEL_PROVINCE_CODE, province.code),
            (LABEL_YEAR, year),
            (
                LABEL_LEVEL,
                "Cấp huyện (đơn vị hành chính trước 01/7/2025)"
                if province.system == PRE2025
                else "Cấp xã (đơn vị hành chính từ 01/7/2025)",
            ),
            (LABEL_KIND, KIND_SAMPLE if sample else KIND_REPORT),
        ]
        for i, (key, value) in enumerate(meta, start=1):
            sheet.write(i, 0, key, label)
            sheet.write(i, 2, value)
        sheet.write(6, 0, NOTE, note)
        headers = [HEAD_NO, HEAD_CODE, HEAD_UNIT] + [ind.header for ind in indicators]
        for col, header in enumerate(headers):
            sheet.write(HEADER_ROW, col, header, head)
            sheet.write(HEADER_ROW + 1, col, f"({col + 1})", numbering)
        for r, unit in enumerate(units, start=HEADER_ROW + 2):
            sheet.write_number(r, 0, r - HEADER_ROW - 1, text)
            sheet.write_string(r, 1, unit.code, text)
            sheet.write_string(r, 2, unit.name, text)
            row_values = (values or {}).get((year, unit.unit_id), {})
            for c, ind in enumerate(indicators, start=3):
                value = row_values.get(ind.code)
                if value is None:
                    sheet.write_blank(r, c, None, cell)
                else:
                    sheet.write_number(r, c, value, cell)
        last = HEADER_ROW + 1 + len(units)
        sheet.data_validation(
            HEADER_ROW + 2,
            3,
            last,
            2 + len(indicators),
            {
                "validate": "integer",
                "criteria": ">=",
                "value": 0,
                "error_message": "Nhập số nguyên không âm; để trống nếu chưa báo cáo.",
            },
        )
        sheet.set_row(HEADER_ROW, 75)
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, 1, 9)
        sheet.set_column(2, 2, 28)
        sheet.set_column(3, 2 + len(indicators), 16)
        sheet.freeze_panes(HEADER_ROW + 2, 3)
    book.close()
    return path
