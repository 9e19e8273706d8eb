"""Interface strings of the compare work, merged into core.i18n.STRINGS."""

STRINGS: dict[str, tuple[str, str]] = {
    # The provinces ranking page.
    "nav_compare": ("So sánh tỉnh", "Compare provinces"),
    "cmp_indicator": ("Chỉ tiêu", "Indicator"),
    "cmp_year": ("Năm", "Year"),
    "url_what_cmp_indicator": ("chỉ tiêu so sánh", "indicator compared"),
    "url_what_cmp_year": ("năm so sánh", "year compared"),
    "cmp_sub": ("Các tỉnh có số liệu, {units}", "Provinces with figures, {units}"),
    "cmp_sub_chosen": (
        "Các tỉnh có số liệu, {units} · {province} màu đỏ",
        "Provinces with figures, {units} · {province} in red",
    ),
    "cmp_former_heading": ("Các tỉnh cũ hợp thành {province}", "The former provinces that formed {province}"),
    "cmp_former_sub": ("Các tỉnh cũ hợp thành {province}", "Former provinces that formed {province}"),
    "cmp_former_caption": (
        "Trước 7/2025, {province} là {n} tỉnh: xếp hạng các tỉnh ấy theo cùng chỉ tiêu, so với trung vị của 63 tỉnh "
        "cũ cùng năm.",
        "Before 7/2025, {province} was {n} provinces: they are ranked here on the same indicator, against the median "
        "of the 63 former provinces that year.",
    ),
    "cmp_former_year": ("Năm (trước 7/2025)", "Year (before 7/2025)"),
    "cmp_former_none": (
        "Các tỉnh cũ của {province} chưa có số liệu chỉ tiêu này trước 7/2025.",
        "The former provinces of {province} have no figures for this indicator before 7/2025.",
    ),
    "cmp_median": ("Trung vị cả nước: {value}", "National median: {value}"),
    "cmp_median_note": (
        "Trung vị của {n} tỉnh có số liệu đầy đủ năm {year}. Tỉnh có số «một phần» (chưa đủ đơn vị báo cáo) và "
        "số bị ẩn không được xếp hạng, không tính vào trung vị.",
        "The median of the {n} provinces with a whole figure in {year}. Provinces with a partial figure (not every "
        "unit reported) and hidden figures are not ranked and not counted in the median.",
    ),
    "cmp_median_none": (
        "Năm {year} chưa có tỉnh nào có số liệu đầy đủ: chưa xếp hạng, chưa tính trung vị.",
        "No province has a whole figure in {year}: nothing is ranked and there is no median.",
    ),
    "cmp_no_data": ("{n} tỉnh chưa có số liệu năm {year}.", "{n} provinces have no figure for {year}."),
    "cmp_counts_note": (
        "Đây là số đếm: tỉnh đông dân có nhiều hơn. Để so sánh công bằng giữa các tỉnh, chọn một tỷ lệ.",
        "This is a count: larger provinces have more. To compare provinces fairly, choose a rate.",
    ),
    "cmp_rollup_note": (
        "Trước 7/2025, số của mỗi tỉnh được cộng từ các tỉnh cũ hợp thành tỉnh ấy; tỷ lệ được tính lại từ tử số và "
        "mẫu số.",
        "Before 7/2025, each province's figure is summed over the former provinces that formed it; rates are "
        "recomputed from numerator and denominator.",
    ),
    "cmp_ranked": ("Đủ số liệu, được xếp hạng", "Whole figure, ranked"),
    "col_rank": ("Hạng", "Rank"),
    # Data page: long or wide.
    "data_view": ("Cách xem bảng", "Table layout"),
    "data_view_wide": ("Theo năm (mỗi năm một cột)", "By year (a column per year)"),
    "data_view_long": ("Chi tiết (mỗi dòng một số)", "Detailed (a row per figure)"),
    "wide_note": (
        "«Ẩn»: số được ẩn để bảo vệ nạn nhân. «(một phần)»: chỉ cộng các đơn vị đã báo cáo. «–»: không có số liệu.",
        "“Hidden”: hidden to protect victims. “(partial)”: only the units that reported are added up. “–”: no figure.",
    ),
    "wide_published": ("công bố", "published"),
    "data_caption_wide": (
        "{unit}, {first}–{last}. Mỗi dòng là một chỉ tiêu, mỗi cột một năm.",
        "{unit}, {first}–{last}. One row per indicator, one column per year.",
    ),
    # Sheets of a downloaded workbook.
    "sheet_wide": ("Theo năm", "By year"),
    "sheet_long": ("Dữ liệu chi tiết", "Detailed data"),
    "sheet_notes": ("Ghi chú", "Notes"),
    # Downloaded files are named in words: what, where, when.
    "file_before_reform": ("trước 7/2025", "before 7/2025"),
    "file_tong-quan": ("Tổng quan", "Overview"),
    "file_ban-do": ("Bản đồ", "Map"),
    "file_map_units": ("Bản đồ huyện xã", "Map of districts and communes"),
    "file_mo-hinh": ("Mô hình câu lạc bộ", "Models and clubs"),
    "file_duong-day-nong": ("Đường dây nóng", "Hotlines"),
    "file_bao-luc-gia-dinh": ("Bạo lực gia đình", "Domestic violence"),
    "file_tap-huan": ("Tập huấn", "Training"),
    "file_tre-em": ("Trẻ em", "Children"),
    "file_ke-hoach-chi-tieu": ("Kế hoạch chỉ tiêu", "Plans and targets"),
    "file_du-lieu": ("Dữ liệu", "Data"),
    "file_chat-luong-du-lieu": ("Chất lượng dữ liệu", "Data quality"),
    "file_muc-do-day-du": ("Mức độ đầy đủ", "Completeness"),
    "file_so-sanh-tinh": ("So sánh tỉnh", "Provinces compared"),
    "file_so-sanh-tinh-cu": ("So sánh tỉnh cũ", "Former provinces compared"),
    "file_rank": ("So sánh các đơn vị", "Units compared"),
}
