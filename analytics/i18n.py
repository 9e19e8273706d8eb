"""Interface strings in Vietnamese (default) and English."""

from __future__ import annotations

import pandas as pd

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("Công tác gia đình", "Family affairs"),
    "nav_home": ("Tổng quan", "Overview"),
    "nav_data": ("Dữ liệu & tải về", "Data & downloads"),
    "language": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
    "filters": ("Bộ lọc", "Filters"),
    "province": ("Tỉnh/thành phố", "Province"),
    "district": ("Huyện/thị xã/thành phố", "District"),
    "commune": ("Xã/phường", "Commune"),
    "units": ("Đơn vị hành chính", "Administrative units"),
    "units_pre2025": ("Trước 7/2025 (63 tỉnh, cấp huyện)", "Before 7/2025 (63 provinces, districts)"),
    "units_y2025": ("Từ 7/2025 (34 tỉnh, cấp xã)", "From 7/2025 (34 provinces, communes)"),
    "moved_to_y2025": (
        "{old} đã hợp nhất vào {new} từ 01/7/2025: đang xem {new} theo đơn vị mới.",
        "{old} merged into {new} on 1 July 2025: showing {new} under the new units.",
    ),
    "moved_to_pre2025": (
        "Trước 01/7/2025 không có {new} như hiện nay: đang xem {old}, một phần của {new}.",
        "{new} did not exist in its present form before 1 July 2025: showing {old}, now part of {new}.",
    ),
    "rollup_note": (
        "Số liệu trước 7/2025 được cộng từ các tỉnh cũ ({provinces}); tỷ lệ được tính lại từ tử số và mẫu số.",
        "Figures before 7/2025 are summed over the former provinces ({provinces}); ratios are recomputed "
        "from their numerators and denominators.",
    ),
    "no_data_y2025": (
        "Chưa có số liệu nào theo đơn vị từ 7/2025.",
        "No figures under the units in force from 7/2025 yet.",
    ),
    "whole_province": ("Toàn tỉnh", "Whole province"),
    "years": ("Giai đoạn", "Years"),
    "no_data": (
        "Chưa có số liệu. Nạp báo cáo của tỉnh bằng `python -m etl load TỆP.xlsx`.",
        "No data yet. Load a province report with `python -m etl load FILE.xlsx`.",
    ),
    "no_data_selection": ("Không có số liệu cho lựa chọn này.", "No data for this selection."),
    "sample_banner": (
        "**Dữ liệu minh họa** — số liệu mẫu để trình diễn, không phải số liệu báo cáo thật.",
        "**Illustrative data** — sample figures for demonstration, not reported figures.",
    ),
    "kpi_heading": ("Chỉ số chính năm {year}", "Key figures, {year}"),
    "vs_last_year": ("so với {year}", "vs {year}"),
    "not_reported": ("chưa báo cáo", "not reported"),
    "suppressed": ("<5 (ẩn để bảo vệ nạn nhân)", "<5 (hidden to protect victims)"),
    "suppression_note": (
        "Số vụ, số nạn nhân dưới {threshold} ở cấp huyện, xã được ẩn để không lộ danh tính.",
        "Case and victim counts below {threshold} for districts and communes are hidden to protect identities.",
    ),
    "coverage_pre2025": ("{n}/{total} huyện đã báo cáo", "{n}/{total} districts reported"),
    "coverage_y2025": ("{n}/{total} xã đã báo cáo", "{n}/{total} communes reported"),
    "coverage_rollup": ("{n}/{total} tỉnh cũ có số liệu", "{n}/{total} former provinces reported"),
    "trend_network": ("Mạng lưới phòng, chống bạo lực gia đình", "Domestic-violence prevention network"),
    "trend_dv": ("Số vụ bạo lực gia đình theo hình thức", "Domestic-violence cases by form"),
    "year": ("Năm", "Year"),
    "chart_hidden_years": ("Năm có số nhỏ hơn 5 được ẩn: {years}.", "Years with counts below 5 hidden: {years}."),
    "chart_empty": (
        "Không có số liệu để vẽ: chưa báo cáo, hoặc số nhỏ đã được ẩn.",
        "Nothing to draw: not reported, or small counts hidden.",
    ),
    "value": ("Giá trị", "Value"),
    "count": ("Số lượng", "Count"),
    "download_heading": ("Tải số liệu của trang này", "Download the data on this page"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải Excel", "Download Excel"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_year": ("Năm", "Year"),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_value": ("Giá trị", "Value"),
    "col_unit_of_measure": ("Đơn vị tính", "Unit of measure"),
    "col_reported": ("Số đơn vị đã báo cáo", "Units reported"),
    "col_kind": ("Loại số liệu", "Data type"),
    "col_note": ("Ghi chú", "Note"),
    "kind_sample": ("Minh họa", "Illustrative"),
    "kind_report": ("Báo cáo", "Reported"),
    "data_heading": ("Tất cả chỉ tiêu", "All indicators"),
    "data_caption": (
        "{unit}, {first}–{last}. Mỗi dòng là một chỉ tiêu trong một năm.",
        "{unit}, {first}–{last}. One row per indicator and year.",
    ),
    "source_caption": (
        "Nguồn: {n} tệp báo cáo ({s} tệp minh họa); dựng lúc {when}.",
        "Source: {n} report files ({s} illustrative); built {when}.",
    ),
    "meta_sheet": ("Thông tin", "About"),
    "meta_filters": ("Bộ lọc", "Filters"),
    "meta_built": ("Ngày dựng dữ liệu", "Data built"),
    "meta_sources": ("Nguồn", "Sources"),
    "meta_suppression": ("Bảo vệ số liệu nhạy cảm", "Disclosure control"),
}

# Short card labels; the full indicator name is the card's tooltip.
KPI_LABELS: dict[str, tuple[str, str]] = {
    "clubs_sustainable_family": ("CLB gia đình phát triển bền vững", "Sustainable family clubs"),
    "clubs_dv_prevention": ("CLB, nhóm phòng, chống BLGĐ", "DV-prevention clubs and groups"),
    "trusted_addresses": ("Địa chỉ tin cậy", "Trusted addresses"),
    "hotlines": ("Đường dây nóng", "Hotlines"),
    "dv_cases": ("Vụ bạo lực gia đình", "Domestic-violence cases"),
    "training_participants": ("Lượt người được tập huấn", "Training participants"),
}


def t(key: str, lang: str, **kwargs: object) -> str:
    vi, en = STRINGS[key]
    text = en if lang == "en" else vi
    return text.format(**kwargs) if kwargs else text


def coverage(row: pd.Series, lang: str) -> str:
    """ "7/9 huyện đã báo cáo" for a province value that not every unit reported; "" otherwise."""
    if row["level"] != "P" or row["units_reported"] >= row["units_total"]:
        return ""
    kind = "rollup" if row["counted"] == "P" else row["system"]
    return t(f"coverage_{kind}", lang, n=row["units_reported"], total=row["units_total"])


def indicator_name(meta: pd.DataFrame, code: str, lang: str) -> str:
    return str(meta.loc[code, "name_en" if lang == "en" else "name_vi"])


def indicator_unit(meta: pd.DataFrame, code: str, lang: str) -> str:
    return str(meta.loc[code, "unit_en" if lang == "en" else "unit_vi"])
