"""Interface strings in Vietnamese (default) and English."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

Text = str | tuple[str, str]  # Vietnamese, or (Vietnamese, English): a message made where it is raised


def in_language(text: Text | None, lang: str) -> str | None:
    """The Vietnamese or English side of a text; a plain string is the same in both."""
    if text is None or isinstance(text, str):
        return text
    return text[1] if lang == "en" else text[0]


STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("Công tác gia đình", "Family affairs"),
    "nav_home": ("Tổng quan", "Overview"),
    "nav_data": ("Dữ liệu & tải về", "Data & downloads"),
    "nav_models": ("Mô hình & câu lạc bộ", "Models & clubs"),
    "nav_hotlines": ("Đường dây nóng & địa chỉ tin cậy", "Hotlines & trusted addresses"),
    "nav_violence": ("Bạo lực gia đình", "Domestic violence"),
    "nav_training": ("Tập huấn", "Training"),
    "nav_children": ("Trẻ em", "Children"),
    "nav_plans": ("Kế hoạch & chỉ tiêu", "Plans & targets"),
    "nav_import": ("Nhập dữ liệu", "Import data"),
    "nav_sources": ("Nguồn số liệu", "Data sources"),
    "sources_caption": (
        "Số liệu thật đã công bố trong báo cáo và báo chí, và số liệu trích từ văn bản đã được duyệt, mỗi số kèm "
        "nguồn và câu trích. Các số này được hiển thị bên cạnh, không cộng vào số liệu báo cáo.",
        "Real figures published in reports and the press, and figures reviewed after extraction from a text, each "
        "with its source and quote. They are shown beside reported figures, never added to them.",
    ),
    "sources_national_chart": (
        "Toàn quốc: số vụ bạo lực gia đình đã công bố",
        "Viet Nam: published domestic-violence cases",
    ),
    "national_heading": ("Cả nước", "Viet Nam"),
    "sources_unit": ("Địa phương", "Area"),
    "sources_all": ("Tất cả", "All"),
    "sources_yearly_only": ("Chỉ số liệu theo năm", "Yearly figures only"),
    "col_source": ("Nguồn", "Source"),
    "col_published": ("Ngày đăng", "Published"),
    "col_quote": ("Trích dẫn", "Quote"),
    "flag_approx": ("gần đúng", "approximate"),
    "flag_year_uncertain": ("năm chưa chắc chắn", "year uncertain"),
    "flag_not_yearly": ("không phải số liệu cả năm", "not a full-year figure"),
    "sources_count": ("{n} số liệu từ {m} nguồn.", "{n} figures from {m} sources."),
    "import_disabled": (
        "Trang nhập dữ liệu đang tắt. Cán bộ dữ liệu bật bằng biến môi trường `DASHBOARD_IMPORT=on`.",
        "The import page is off. Data officers turn it on with the environment variable `DASHBOARD_IMPORT=on`.",
    ),
    "import_template_heading": ("1. Tải mẫu báo cáo trống", "1. Download a blank report template"),
    "import_template_caption": (
        "Mẫu liệt kê sẵn các huyện (trước 7/2025) hoặc các xã (từ 7/2025) của tỉnh; ô trống là chưa báo cáo, "
        "số 0 là báo cáo bằng 0.",
        "The template lists the province's districts (before 7/2025) or communes (from 7/2025); an empty cell "
        "means not reported, 0 means a reported zero.",
    ),
    "import_year": ("Năm báo cáo", "Report year"),
    "import_template_button": ("Tải mẫu Excel", "Download the Excel template"),
    "import_upload_heading": ("2. Tải lên báo cáo và kiểm tra", "2. Upload a report and check it"),
    "import_upload": ("Tệp báo cáo (.xlsx hoặc .csv, tối đa {mb} MB)", "Report file (.xlsx or .csv, up to {mb} MB)"),
    "import_waiting": (
        "Chọn tệp để kiểm tra. Chưa có gì được nạp cho đến khi bạn xác nhận.",
        "Choose a file to check. Nothing is loaded until you confirm.",
    ),
    "import_errors": (
        "{n} lỗi: chưa nạp được. Sửa tệp rồi tải lên lại; kho dữ liệu không thay đổi.",
        "{n} errors: nothing can be loaded. Fix the file and upload it again; the warehouse is unchanged.",
    ),
    "import_warnings": ("{n} cảnh báo: không chặn việc nạp.", "{n} warnings: they do not block the load."),
    "import_valid": (
        "Tệp hợp lệ: {sheets} ({values} giá trị).",
        "The file is valid: {sheets} ({values} values).",
    ),
    "import_preview_heading": ("3. Những gì sẽ thay đổi", "3. What will change"),
    "import_confirm": ("Xác nhận nạp", "Confirm and load"),
    "import_done": (
        "Đã nạp {file}. Các trang đã hiển thị số liệu mới.",
        "Loaded {file}. The pages now show the new figures.",
    ),
    "import_unchanged": (
        "{file} đã được nạp trước đây: không thay đổi gì.",
        "{file} was loaded before: nothing changed.",
    ),
    "import_failed": ("Không nạp được; kho dữ liệu không thay đổi.", "Could not load; the warehouse is unchanged."),
    "import_mode": ("Nhập từ", "Import from"),
    "import_mode_report": ("Báo cáo Excel/CSV", "An Excel/CSV report"),
    "import_mode_text": ("Văn bản (trích số liệu)", "A text (extract figures)"),
    "extract_heading": ("Trích số liệu từ văn bản", "Extract figures from a text"),
    "extract_caption": (
        "Dán hoặc tải lên một báo cáo, bài báo hay kế hoạch (.txt, .docx). Máy đề xuất các số liệu tìm thấy; "
        "bạn kiểm tra từng dòng (nhận, sửa hoặc bỏ) rồi mới nạp. Câu gốc được giữ làm nguồn.",
        "Paste or upload a report, article or plan (.txt, .docx). The figures found are proposed; you check "
        "each row (accept, correct or reject) before loading. The original sentence is kept as the source.",
    ),
    "extract_source": ("Nguồn (đường dẫn hoặc tên văn bản)", "Source (link or document title)"),
    "extract_province": ("Tỉnh của văn bản", "The text's province"),
    "extract_from_text": ("— theo văn bản —", "— as the text says —"),
    "extract_year": ("Năm, khi văn bản không ghi", "Year, when the text gives none"),
    "extract_upload": ("Tệp văn bản (.txt hoặc .docx, tối đa {mb} MB)", "Text file (.txt or .docx, up to {mb} MB)"),
    "extract_paste": ("Hoặc dán văn bản vào đây", "Or paste the text here"),
    "extract_waiting": ("Dán hoặc tải lên văn bản để tìm số liệu.", "Paste or upload a text to look for figures."),
    "extract_unreadable": (
        "Không đọc được tệp: cần .txt (UTF-8 hoặc UTF-16) hoặc .docx.",
        "The file cannot be read: a .txt (UTF-8 or UTF-16) or a .docx is needed.",
    ),
    "extract_none": (
        "Không tìm thấy số liệu nào thuộc danh mục chỉ tiêu trong văn bản này.",
        "No figure of the indicator catalogue was found in this text.",
    ),
    "extract_found": (
        "{n} số liệu đề xuất. Bỏ dấu ở cột Nhận để loại; sửa trực tiếp chỉ tiêu, giá trị, năm, đơn vị.",
        "{n} figures proposed. Untick Accept to reject one; correct the indicator, value, year or unit in place.",
    ),
    "extract_confirm": ("Nạp {n} số liệu đã nhận", "Load the {n} accepted figures"),
    "extract_done": (
        "Đã nạp {n} số liệu từ «{source}»; xem ở trang Nguồn số liệu và trên các biểu đồ.",
        "Loaded {n} figures from «{source}»; see them on the Sources page and on the charts.",
    ),
    "extract_unchanged": ("Các số liệu này đã được nạp trước đây.", "These figures were loaded before."),
    "col_accept": ("Nhận", "Accept"),
    "col_district": ("Huyện/xã", "District/commune"),
    "col_province": ("Tỉnh", "Province"),
    "col_approx": ("Ước tính", "Approximate"),
    "kind_result": ("Kết quả", "Result"),
    "kind_target": ("Chỉ tiêu", "Target"),
    "kind_change_target": ("Chỉ tiêu thay đổi (%)", "Target change (%)"),
    "kind_partial": ("Một phần năm (6 tháng, 9 tháng…)", "Part of a year (6 months, 9 months…)"),
    "kind_cumulative": ("Lũy kế (đến nay, nhiều năm)", "Cumulative (to date, over years)"),
    "kind_change": ("Mức tăng thêm trong năm", "Added in the year"),
    "kind_narrative": ("Trích từ văn bản", "From a text"),
    "col_source_kind": ("Loại nguồn", "Source type"),
    "col_severity": ("Mức độ", "Severity"),
    "col_sheet": ("Sheet", "Sheet"),
    "col_row": ("Dòng", "Row"),
    "col_column": ("Cột", "Column"),
    "col_problem": ("Vấn đề", "Problem"),
    "col_expected": ("Cần", "Expected"),
    "col_found": ("Có", "Found"),
    "severity_error": ("Lỗi", "Error"),
    "severity_warning": ("Cảnh báo", "Warning"),
    "severity_info": ("Lưu ý", "Note"),
    "col_change": ("Trạng thái", "Status"),
    "col_old": ("Giá trị hiện có", "Current value"),
    "col_new": ("Giá trị mới", "New value"),
    "change_new": ("Mới", "New"),
    "change_changed": ("Thay đổi", "Changed"),
    "change_unchanged": ("Không đổi", "Unchanged"),
    "change_removed": ("Bỏ đi", "Removed"),
    "ranking_heading": ("So sánh giữa các đơn vị năm {year}", "Units compared, {year}"),
    "ranking_by": ("Chỉ tiêu so sánh", "Compare on"),
    "ranking_hint": (
        "Bấm vào một cột để xem riêng đơn vị đó.",
        "Click a bar to look at that unit alone.",
    ),
    "ranking_empty": (
        "Không có số liệu theo huyện/xã cho lựa chọn này (số liệu cộng gộp chỉ có ở cấp tỉnh).",
        "No district or commune figures for this selection (rolled-up figures exist at province level only).",
    ),
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
        "Chưa có số liệu: cán bộ quản lý dữ liệu cần nạp báo cáo của tỉnh.",
        "No data yet: the data officer needs to load the province's reports.",
    ),
    "no_data_selection": ("Không có số liệu cho lựa chọn này.", "No data for this selection."),
    "sample_banner": (
        "**Dữ liệu minh họa** — số liệu mẫu để trình diễn, không phải số liệu báo cáo thật.",
        "**Illustrative data** — sample figures for demonstration, not reported figures.",
    ),
    "kpi_heading": ("Chỉ số chính năm {year}", "Key figures, {year}"),
    "vs_last_year": ("so với {year}", "vs {year}"),
    "not_reported": ("chưa báo cáo", "not reported"),
    "suppressed": ("{label} (ẩn để bảo vệ nạn nhân)", "{label} (hidden to protect victims)"),
    "suppressed_rate": (
        "Ẩn: tính trên số vụ được ẩn (bảo vệ nạn nhân)",
        "Hidden: built on a hidden count (protecting victims)",
    ),
    "suppressed_complement": (
        "Ẩn để bảo vệ nạn nhân: một số nhỏ, hoặc một số có thể dùng để tính ra số nhỏ",
        "Hidden to protect victims: a small count, or a figure that could give one away",
    ),
    "hidden": ("Ẩn", "Hidden"),
    "settings_error": (
        "Chưa chạy được vì cài đặt chưa đúng: {error}. Người quản trị sửa tệp .streamlit/secrets.toml hoặc tệp "
        "phân quyền rồi mở lại trang.",
        "Cannot run: a setting is wrong: {error}. An administrator fixes .streamlit/secrets.toml or the access "
        "file, then reloads the page.",
    ),
    "no_access_file": (
        "đã cấu hình đăng nhập nhưng chưa có auth.access_file (tệp phân quyền)",
        "sign-in is configured but auth.access_file (the access file) is not set",
    ),
    "auth_required_no_provider": (
        "Ứng dụng yêu cầu đăng nhập (auth.required = true) nhưng chưa cấu hình nhà cung cấp định danh (OpenID "
        "Connect) trong .streamlit/secrets.toml. Không hiển thị số liệu nào cho đến khi cấu hình xong.",
        "Sign-in is required (auth.required = true) but no identity provider (OpenID Connect) is configured in "
        ".streamlit/secrets.toml. No figures are shown until it is.",
    ),
    "local_not_loopback": (
        "Chưa cấu hình đăng nhập nên ứng dụng chỉ được mở trên chính máy này (127.0.0.1), nhưng máy chủ đang "
        "mở ra mạng ({address}). Chạy lại với --server.address 127.0.0.1, hoặc cấu hình đăng nhập.",
        "No sign-in is configured, so the app may only be opened on this computer (127.0.0.1), but the server "
        "listens on the network ({address}). Run it again with --server.address 127.0.0.1, or configure sign-in.",
    ),
    "local_mode": (
        ":material/computer: Chỉ mở được trên chính máy tính này; chưa bật đăng nhập.",
        ":material/computer: Opens on this computer only; sign-in is not set up.",
    ),
    "local_mode_help": (
        "Chưa cấu hình đăng nhập: ai ngồi ở máy này xem được số liệu của mọi tỉnh. Để nhiều người dùng chung, "
        "cấu hình đăng nhập OpenID Connect và tệp phân quyền (xem README). Máy chủ đang phục vụ địa chỉ 127.0.0.1.",
        "No sign-in configured: whoever sits at this computer sees every province. To share the app, configure "
        "OpenID Connect sign-in and an access file (see the README). The server answers on 127.0.0.1 only.",
    ),
    "login_needed": (
        "Số liệu công tác gia đình chỉ dành cho người được phân quyền. Đăng nhập bằng tài khoản của cơ quan.",
        "Family-affairs figures are for authorised people only. Sign in with your organisation's account.",
    ),
    "login": ("Đăng nhập", "Sign in"),
    "logout": ("Đăng xuất", "Sign out"),
    "no_access": (
        "Tài khoản {user} chưa được cấp quyền xem số liệu. Đề nghị người quản trị thêm tài khoản vào tệp phân quyền.",
        "The account {user} has not been given access. Ask an administrator to add it to the access file.",
    ),
    "signed_in": (":material/person: {user} · {role} · {provinces}", ":material/person: {user} · {role} · {provinces}"),
    "all_provinces": ("mọi tỉnh", "every province"),
    "role_viewer": ("xem số liệu tổng hợp", "summaries"),
    "role_province": ("xem chi tiết tỉnh", "province detail"),
    "role_officer": ("cán bộ nhập liệu", "data officer"),
    "role_admin": ("quản trị", "administrator"),
    "show_raw": ("Hiện số nhỏ chưa che", "Show uncovered small counts"),
    "show_raw_help": (
        "Chỉ cho các tỉnh bạn được giao. Số nhỏ về nạn nhân có thể làm lộ danh tính: tắt trước khi chia sẻ màn hình.",
        "Only for the provinces assigned to you. Small victim counts can identify people: turn off before sharing.",
    ),
    "detail_restricted": (
        "Số liệu theo huyện, xã của {province} chỉ dành cho người được giao tỉnh này; ở đây hiện số liệu cấp tỉnh.",
        "District and commune figures of {province} are for the people assigned to it; province figures are shown.",
    ),
    "detail_restricted_side": (
        ":material/lock: Số liệu theo huyện, xã: chỉ của tỉnh được giao.",
        ":material/lock: District and commune figures: assigned provinces only.",
    ),
    "meta_unprotected": ("Số nhỏ chưa che", "Uncovered small counts"),
    "import_no_template": (
        "Năm {year} không có tỉnh nào bạn được nhập số liệu (các tỉnh được giao thuộc hệ thống đơn vị khác).",
        "In {year} none of your provinces exists (they belong to the other unit system).",
    ),
    "import_not_allowed": (
        "Bạn không được nhập số liệu của {provinces}. Người quản trị giao tỉnh cho cán bộ nhập liệu trong tệp phân "
        "quyền.",
        "You may not load figures for {provinces}. An administrator assigns provinces to data officers in the "
        "access file.",
    ),
    "suppression_note": (
        "Số vụ, số nạn nhân từ 1 đến {threshold} ở cấp huyện, xã (kể cả số của tỉnh chỉ do một huyện, xã báo cáo) "
        "được ẩn cùng các số cùng nhóm của đơn vị đó trong năm (tổng, theo giới, tuổi, hình thức, biện pháp xử lý) "
        "và của thêm vài đơn vị, để không phép cộng trừ nào thu hẹp được số bị ẩn; mọi ô bị ẩn đều ghi là “Ẩn”. "
        "Tỷ lệ tính trên số bị ẩn cũng được ẩn. Số 0 không bị ẩn vẫn ghi là 0.",
        "Case and victim counts from 1 to {threshold} for districts and communes (and province figures only one "
        "of them reported) are hidden with the unit's other figures of the same group that year (total, by sex, "
        "age, form, measure) and those of a few more units, so that no sum or difference narrows a hidden value; "
        "every hidden cell says “Hidden”. Rates built on a hidden count are hidden too. Zero, where not hidden, "
        "stays zero.",
    ),
    "unprotected_note": (
        "Bạn đang xem cả các số nhỏ chưa che của tỉnh được giao (đánh dấu “chưa che”): không chia sẻ ra ngoài.",
        "You are seeing the uncovered small counts of your provinces (marked “uncovered”): do not share them.",
    ),
    "unprotected": ("chưa che, chỉ dành cho cán bộ được giao", "uncovered, for assigned officers only"),
    "unstable": (
        "tỷ lệ tính trên dưới 20 vụ: dao động ngẫu nhiên lớn",
        "rate on fewer than 20 cases: varies a lot by chance",
    ),
    "unstable_note": (
        "Tỷ lệ tính trên dưới 20 vụ thay đổi nhiều do ngẫu nhiên; không nên so sánh hay xếp hạng theo tỷ lệ đó.",
        "Rates on fewer than 20 cases move a lot by chance; do not compare or rank on them.",
    ),
    "coverage_pre2025": ("{n}/{total} huyện đã báo cáo", "{n}/{total} districts reported"),
    "coverage_y2025": ("{n}/{total} xã đã báo cáo", "{n}/{total} communes reported"),
    "coverage_rollup": ("{n}/{total} tỉnh cũ có số liệu", "{n}/{total} former provinces reported"),
    # A total not every member reported: a part, said as such wherever it is shown (issue 20).
    "partial_mark": ("một phần", "partial"),
    "partial_rollup": (
        "Một phần: chỉ có {names} ({n}/{total} tỉnh cũ)",
        "Partial: {names} only ({n} of {total} former provinces)",
    ),
    "partial_rollup_members": (
        "Một phần: {names} ({n}/{total} tỉnh cũ), chưa đủ huyện báo cáo",
        "Partial: {names} ({n} of {total} former provinces), not every district reported",
    ),
    "partial_units": ("Một phần: {n}/{total} {noun} đã báo cáo", "Partial: {n} of {total} {noun} reported"),
    "partial_members": (
        "Một phần: có huyện chưa đủ xã báo cáo",
        "Partial: not every commune of some districts reported",
    ),
    "partial_legend": ("Một phần (chưa đủ đơn vị báo cáo)", "Partial (not every unit reported)"),
    "partial_note": (
        "Số có ghi «một phần» chỉ cộng các đơn vị đã báo cáo: không phải số của cả {unit}. Số đếm một phần không "
        "so sánh với năm trước; tỷ lệ một phần chỉ tính trên các đơn vị đã báo cáo.",
        "Figures marked “partial” add up only the units that reported: they are not {unit}'s figure. A partial "
        "count is not compared with the year before; a partial rate covers the reporting units only.",
    ),
    "rollup_note_some": (
        "Số liệu trước 7/2025 được cộng từ các tỉnh cũ đã có số liệu ({provinces}); tỷ lệ được tính lại từ tử số và "
        "mẫu số. Chưa có số liệu: {missing}.",
        "Figures before 7/2025 are summed over the former provinces that reported ({provinces}); ratios are "
        "recomputed from their numerators and denominators. Nothing from: {missing}.",
    ),
    "quality_note_members": (
        "{n}/{total} tỉnh cũ không có số liệu năm {year} ({names})",
        "{n} of {total} former provinces sent nothing in {year} ({names})",
    ),
    "quality_note_units_missing": (
        "năm {year}: {n}/{total} {noun} không có số liệu",
        "{year}: {n} of {total} {noun} sent nothing",
    ),
    "whole_city": ("Toàn thành phố", "Whole city"),
    "plan_of_former": ("{plan} của {unit} (trước 7/2025)", "{plan} of {unit} (before 7/2025)"),
    "plans_former_note": (
        "Kế hoạch của tỉnh cũ chỉ được đánh giá trên số liệu của chính tỉnh cũ đó.",
        "A former province's plan is judged on that former province's figures alone.",
    ),
    "page_scope": ("{unit} · {years} · {units}", "{unit} · {years} · {units}"),
    "scope_units_pre2025": ("đơn vị trước 7/2025", "units before 7/2025"),
    "scope_units_y2025": ("đơn vị từ 7/2025", "units from 7/2025"),
    "copy_link": ("Sao chép liên kết", "Copy link"),
    "copy_link_help": (
        "Liên kết mở đúng trang, đơn vị, giai đoạn này, bằng tiếng Việt hay tiếng Anh. Bấm biểu tượng sao chép.",
        "The link opens this page, unit and years, in Vietnamese or English. Click the copy icon.",
    ),
    "url_what_province": ("tỉnh/thành phố", "province"),
    "url_what_district": ("huyện/xã", "district/commune"),
    "url_what_units": ("hệ thống đơn vị", "unit system"),
    "url_what_years": ("giai đoạn", "years"),
    "url_what_lang": ("ngôn ngữ", "language"),
    "url_what_map_indicator": ("chỉ tiêu bản đồ", "map indicator"),
    "url_what_map_year": ("năm bản đồ", "map year"),
    "url_unknown": (
        "Liên kết ghi {what} «{value}»: không tìm thấy. Đang hiện {shown}.",
        "The link asks for {what} “{value}”: not found. Showing {shown}.",
    ),
    "url_no_data": (
        "Liên kết ghi {what} «{value}» ({name}): chưa có số liệu. Đang hiện {shown}.",
        "The link asks for {what} “{value}” ({name}): no figures yet. Showing {shown}.",
    ),
    "url_out_of_scope": (
        "Liên kết ghi {what} «{value}» ({name}), nhưng tài khoản này chỉ xem số liệu cấp tỉnh của {province}. "
        "Đang hiện {shown}.",
        "The link asks for {what} “{value}” ({name}), but this account sees only province figures for {province}. "
        "Showing {shown}.",
    ),
    "url_former_province": (
        "Liên kết ghi «{value}»: {name} là tỉnh trước 7/2025 (nay thuộc {successor}). Đang hiện {name} theo đơn vị "
        "trước 7/2025.",
        "The link asks for “{value}”: {name} was a province before 7/2025 (now part of {successor}). Showing {name} "
        "under the units before 7/2025.",
    ),
    "url_years_outside": (
        "Liên kết ghi {what} «{value}», ngoài các năm có số liệu ({lo}–{hi}). Đang hiện {shown}.",
        "The link asks for {what} “{value}”, outside the years with figures ({lo}–{hi}). Showing {shown}.",
    ),
    "chart_models": ("Câu lạc bộ, nhóm và mô hình", "Clubs, groups and models"),
    "chart_model_coverage": (
        "Tỷ lệ xã có mô hình phòng, chống bạo lực gia đình",
        "Communes with a DV-prevention model",
    ),
    "chart_density": ("Mật độ mô hình và câu lạc bộ", "Density of models and clubs"),
    "chart_hotlines": ("Đường dây nóng và địa chỉ tin cậy", "Hotlines and trusted addresses"),
    "chart_hotline_coverage": ("Tỷ lệ xã có đường dây nóng", "Communes with a hotline"),
    "chart_dv_rate": ("Số vụ trên 1.000 hộ gia đình", "Cases per 1,000 households"),
    "chart_victims_sex": ("Nạn nhân theo giới tính", "Victims by sex"),
    "chart_victims_age": ("Nạn nhân dưới 16 tuổi và từ 60 tuổi", "Victims under 16 and aged 60 and over"),
    "chart_handling": ("Biện pháp xử lý người gây bạo lực và hòa giải", "Handling of perpetrators, and mediation"),
    "chart_classes": ("Số lớp tập huấn", "Training classes"),
    "chart_participants": ("Số lượt người được tập huấn", "Training participants"),
    "chart_officials_trained": ("Tỷ lệ cán bộ làm công tác gia đình được tập huấn", "Family-work officials trained"),
    "chart_children": ("Số trẻ em", "Children"),
    "chart_children_special": ("Trẻ em có hoàn cảnh đặc biệt", "Children in special circumstances"),
    "chart_child_abuse": ("Số vụ xâm hại trẻ em", "Child-abuse cases"),
    "hotline_111": (
        "Tổng đài điện thoại quốc gia bảo vệ trẻ em **111**: miễn phí, 24/7, tiếp nhận thông tin, tố giác "
        "hành vi xâm hại trẻ em.",
        "National child-protection hotline **111**: free, 24/7, for reports of child abuse.",
    ),
    "no_targets": ("Chưa có kế hoạch, chỉ tiêu nào cho tỉnh này.", "No plans or targets for this province yet."),
    "plans_province_level": (
        "Kế hoạch và chỉ tiêu được đánh giá ở cấp tỉnh ({province}).",
        "Plans and targets are assessed at province level ({province}).",
    ),
    "scorecard_heading": (
        "Kết quả so với chỉ tiêu (số liệu đến năm {year})",
        "Results against targets (data to {year})",
    ),
    "col_plan": ("Kế hoạch", "Plan"),
    "col_target": ("Chỉ tiêu", "Target"),
    "col_goal": ("Mục tiêu (năm)", "Goal (year)"),
    "col_result": ("Kết quả", "Result"),
    "col_result_year": ("Năm số liệu", "Data year"),
    "col_status": ("Đánh giá", "Assessment"),
    "goal_change": ("giảm ít nhất {value}% so với năm trước", "down at least {value}% on the year before"),
    "interim": ("tạm tính", "provisional"),
    "status_achieved": ("Đạt", "Achieved"),
    "status_near": ("Gần đạt", "Close"),
    "status_legend": (
        "Gần đạt: thiếu dưới 10 điểm phần trăm. (tiến độ): chỉ tiêu của năm sau, đánh giá trên số liệu mới nhất.",
        "Close: under 10 percentage points short. (progress): a target for a later year, judged on the latest figures.",
    ),
    "status_missed": ("Chưa đạt", "Not achieved"),
    "status_no_data": ("Chưa có số liệu", "No data"),
    "status_not_measured": ("Chưa có chỉ số đo lường", "No indicator measures it"),
    "trend_network": ("Mạng lưới phòng, chống bạo lực gia đình", "Domestic-violence prevention network"),
    "trend_dv": ("Số vụ bạo lực gia đình theo hình thức", "Domestic-violence cases by form"),
    "year": ("Năm", "Year"),
    "target": ("Chỉ tiêu", "Target"),
    "chart_hidden_years": (
        "Năm có số được ẩn để bảo vệ nạn nhân: {years}.",
        "Years with figures hidden to protect victims: {years}.",
    ),
    "chart_not_reported": (
        "Chưa có đơn vị nào báo cáo chỉ tiêu này trong giai đoạn đã chọn.",
        "No unit reported this in the years chosen.",
    ),
    "chart_all_hidden": (
        "Các số đều được ẩn để bảo vệ nạn nhân.",
        "Every figure is hidden to protect victims.",
    ),
    "chart_empty": (
        "Không có số liệu để vẽ: chưa báo cáo, hoặc số nhỏ đã được ẩn.",
        "Nothing to draw: not reported, or small counts hidden.",
    ),
    "value": ("Giá trị", "Value"),
    "count": ("Số lượng", "Count"),
    "download_heading": ("Tải số liệu của trang này", "Download the data on this page"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải Excel", "Download Excel"),
    "download_chart": ("Tải số liệu biểu đồ", "Download chart data"),
    "origin": ("Nguồn số liệu: {kinds}", "Data: {kinds}"),
    "origin_rollup": ("năm trước 7/2025 cộng từ các tỉnh cũ", "years before 7/2025 summed over former provinces"),
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
    "kind_published": ("Công bố", "Published"),
    "published_points": ("Số liệu công bố (◇)", "Published figures (◇)"),
    "data_heading": ("Tất cả chỉ tiêu", "All indicators"),
    "data_caption": (
        "{unit}, {first}–{last}. Mỗi dòng là một chỉ tiêu trong một năm.",
        "{unit}, {first}–{last}. One row per indicator and year.",
    ),
    "source_caption": (
        "Nguồn: {n} báo cáo; số liệu cập nhật ngày {when}.",
        "Source: {n} reports; figures updated {when}.",
    ),
    "source_caption_sample": (
        "Nguồn: {n} báo cáo ({s} báo cáo minh họa); số liệu cập nhật ngày {when}.",
        "Source: {n} reports ({s} illustrative); figures updated {when}.",
    ),
    "meta_sheet": ("Thông tin", "About"),
    "meta_filters": ("Bộ lọc", "Filters"),
    "meta_built": ("Ngày dựng dữ liệu", "Data built"),
    "meta_sources": ("Nguồn", "Sources"),
    "meta_suppression": ("Bảo vệ số liệu nhạy cảm", "Disclosure control"),
    "nav_quality": ("Chất lượng dữ liệu", "Data quality"),
    "nav_map": ("Bản đồ", "Map"),
    "map_indicator": ("Chỉ tiêu", "Indicator"),
    "map_year": ("Năm", "Year"),
    "no_value": ("không có số liệu", "no data"),
    "map_no_data_legend": ("Không có số liệu", "No data"),
    "map_hidden_legend": ("Ẩn để bảo vệ nạn nhân", "Hidden to protect victims"),
    "map_incomplete": ("Chưa đủ đơn vị báo cáo", "Not every unit reported"),
    "map_archipelagos": ("Quần đảo Hoàng Sa, Trường Sa", "Hoàng Sa and Trường Sa archipelagos"),
    "map_former": ("Tỉnh cũ", "Former provinces"),
    "map_belongs_to": ("thuộc {province}", "part of {province}"),
    "map_national_sub": ("Cả nước · {units}", "Viet Nam · {units}"),
    "map_units_sub_D": ("Các huyện của {province}", "Districts of {province}"),
    "map_units_sub_C": ("Các xã đã báo cáo của {province}", "Communes of {province} that reported"),
    "map_click_hint": (
        "Bấm vào một tỉnh trên bản đồ để chọn tỉnh đó; bấm vào một vòng tròn để chọn huyện, xã đó.",
        "Click a province on the map to choose it; click a circle to choose that district or commune.",
    ),
    "map_picked_no_data": (
        "{province} chưa có số liệu: bộ lọc vẫn giữ {current}.",
        "{province} has no figures yet: the filter stays on {current}.",
    ),
    "map_size_note": (
        "Diện tích vòng tròn tỷ lệ với giá trị. Vị trí là trung tâm hành chính của đơn vị.",
        "A circle's area is in proportion to the value. Circles sit at each unit's administrative centre.",
    ),
    "map_units_empty": (
        "{province} chưa có số liệu cấp huyện hoặc xã cho chỉ tiêu này năm {year}.",
        "{province} has no district or commune figures for this indicator in {year}.",
    ),
    "map_open": ("Mở bản đồ", "Open the map"),
    "map_overview_caption": (
        "Màu đậm hơn là giá trị cao hơn; màu xám là tỉnh chưa có số liệu. Bấm vào một tỉnh để chọn tỉnh đó.",
        "Darker means a higher value; grey provinces have no figures yet. Click a province to choose it.",
    ),
    "import_quality": (
        "Xem chất lượng dữ liệu sau lần nạp: đơn vị chưa báo cáo đủ, giá trị cần xem lại",
        "See data quality after this load: units short of a full return, values to review",
    ),
    "quality_caption": (
        "{unit} · {years}. Đơn vị nào đã báo cáo đủ, giá trị nào không khớp nhau hoặc khác thường; tính lại mỗi khi "
        "số liệu được cập nhật. Bộ Văn hóa, Thể thao và Du lịch lưu ý số liệu bạo lực gia đình thường thấp hơn "
        "thực tế.",
        "{unit} · {years}. Which units reported in full, which values disagree or look unusual; worked out again "
        "whenever the figures are updated. The Ministry notes that domestic-violence figures tend to understate the "
        "real numbers.",
    ),
    "quality_rollup": (
        "Số liệu trước 7/2025 được cộng từ các tỉnh cũ ({provinces}): ở đây xét từng huyện của các tỉnh ấy.",
        "Figures before 7/2025 are summed over the former provinces ({provinces}): their districts are checked "
        "here one by one.",
    ),
    "quality_complete": ("Báo cáo đủ năm {year}", "Complete returns in {year}"),
    "quality_error": ("Lỗi", "Errors"),
    "quality_warning": ("Cảnh báo", "Warnings"),
    "quality_info": ("Lưu ý", "Notes"),
    "quality_help_error": (
        "Giá trị không thể đúng (phần lớn hơn tổng, tỷ lệ trên 100%); python -m etl check báo lỗi.",
        "Values that cannot be right (a part above its whole, a share above 100%); python -m etl check fails.",
    ),
    "quality_help_warning": (
        "Giá trị nên kiểm tra lại với đơn vị báo cáo.",
        "Values worth checking with the reporting unit.",
    ),
    "quality_help_info": (
        "Giá trị khác thường so với các năm khác hoặc các đơn vị khác; có thể vẫn đúng.",
        "Values unusual against other years or other units; they may still be right.",
    ),
    "quality_completeness": ("Mức độ đầy đủ của báo cáo", "Completeness of returns"),
    "quality_group": ("Nhóm chỉ tiêu", "Indicator group"),
    "quality_group_all": ("Tất cả nhóm", "All groups"),
    "quality_heatmap_title": (
        "Số chỉ tiêu đã báo cáo / số chỉ tiêu tỉnh thu thập · {group}",
        "Indicators reported / indicators the province collects · {group}",
    ),
    "quality_heatmap_hover": ("chỉ tiêu", "indicators"),
    "quality_year_line": ("{year}: {n}/{total} {noun}", "{year}: {n}/{total} {noun}"),
    "quality_years_caption": ("Báo cáo đủ — {lines}", "Complete returns — {lines}"),
    "quality_all_complete": (
        "Mọi {noun} đã báo cáo đủ trong các năm đã chọn.",
        "All {noun} reported in full in the years chosen.",
    ),
    "col_missing": ("Còn thiếu", "Missing"),
    "col_indicators_reported": ("Số chỉ tiêu đã báo cáo", "Indicators reported"),
    "col_collected": ("Số chỉ tiêu tỉnh thu thập", "Indicators the province collects"),
    "quality_nothing": ("không báo cáo gì", "nothing reported"),
    "quality_findings": ("Giá trị cần xem lại", "Values to review"),
    "quality_severity": ("Mức độ", "Severity"),
    "quality_rule": ("Quy tắc", "Rule"),
    "col_finding": ("Nội dung", "Finding"),
    "col_where": ("Nơi cần xem", "Where to look"),
    "col_link": ("Liên kết", "Link"),
    "quality_no_findings": (
        "Không có giá trị nào cần xem lại cho lựa chọn này.",
        "No values to review for this selection.",
    ),
    "quality_hidden": (
        "Một số giá trị về bạo lực được ẩn để bảo vệ nạn nhân.",
        "Some violence figures are hidden to protect victims.",
    ),
    "quality_rules": ("Các quy tắc và ngưỡng", "Rules and thresholds"),
    "quality_rules_caption": (
        "Ngưỡng và mức độ của từng quy tắc do cán bộ quản lý dữ liệu đặt và có thể điều chỉnh.",
        "The data officer sets each rule's thresholds and severity, and can change them.",
    ),
    "col_settings": ("Ngưỡng", "Thresholds"),
    "noun_D": ("huyện", "districts"),
    "noun_C": ("xã", "communes"),
    "noun_D_1": ("huyện", "district"),
    "noun_C_1": ("xã", "commune"),
    "noun_DC": ("huyện, xã", "districts and communes"),  # years on both sides of the reform
    "quality_note": ("Chất lượng dữ liệu: {text}", "Data quality: {text}"),
    "quality_note_gaps": ("{n} {noun} chưa báo cáo đủ năm {year}", "{n} {noun} short of a full return in {year}"),
    "quality_note_more_years": ("và {n} năm khác", "and {n} more years"),
    "quality_note_review": ("{n} giá trị cần xem lại", "{n} values to review"),
    "quality_note_ok": (
        "mọi {noun} đã báo cáo đủ, không có giá trị nào cần xem lại",
        "all {noun} reported in full, no value to review",
    ),
    # python -m etl: the command line's messages and helps, the build's and the quality checks' (etl_*).
    "etl_cli_description": ("Kho dữ liệu công tác gia đình", "The family-work data warehouse"),
    "etl_help_lang": (
        "ngôn ngữ của thông báo: vi hoặc en (mặc định DASHBOARD_LANG, nếu không thì vi)",
        "language of the messages: vi or en (default DASHBOARD_LANG, else vi)",
    ),
    "etl_help_warehouse": (
        "tệp DuckDB (mặc định WAREHOUSE_PATH hoặc data/)",
        "DuckDB file (default WAREHOUSE_PATH or data/)",
    ),
    "etl_help_data_dir": ("thư mục data/ (mặc định DATA_DIR hoặc data/)", "data/ folder (default DATA_DIR or data/)"),
    "etl_help_build": ("dựng lại kho dữ liệu từ mọi tệp trong data/", "rebuild the warehouse from every file in data/"),
    "etl_help_if_missing": ("chỉ dựng khi chưa có kho", "build only when there is no warehouse yet"),
    "etl_help_load": ("kiểm tra và nạp báo cáo (tất cả hoặc không gì)", "check and load reports (all or nothing)"),
    "etl_help_loads": (
        "lịch sử nạp: tệp, tỉnh, năm, số giá trị, lúc nạp, trạng thái",
        "load history: file, province, year, number of values, when loaded, status",
    ),
    "etl_help_unload": (
        "gỡ một lần nạp (tệp được giữ lại trong data/reports/unloaded/)",
        "take a load out (its file is kept in data/reports/unloaded/)",
    ),
    "etl_help_validate": ("chỉ kiểm tra báo cáo, không nạp", "check reports only, load nothing"),
    "etl_help_check": (
        "chất lượng dữ liệu: đơn vị chưa báo cáo, quy tắc nhất quán, giá trị khác thường "
        "(mã thoát 1 khi có lỗi; mức lỗi đặt trong data/reference/quality.toml)",
        "data quality: units that did not report, consistency rules, unusual values "
        "(exit code 1 on an error; severities are set in data/reference/quality.toml)",
    ),
    "etl_help_template": ("tạo mẫu báo cáo của một tỉnh", "write a province's report template"),
    "etl_help_years": (
        "năm hoặc khoảng năm, ví dụ 2024 hoặc 2020-2024",
        "a year or a span of years, for example 2024 or 2020-2024",
    ),
    "etl_help_sample": (
        "tạo các báo cáo minh họa của 5 tỉnh, 2016–2024; --scale national: cả nước theo xã, một tệp dạng dài",
        "write the illustrative reports of 5 provinces, 2016–2024; --scale national: the whole country by "
        "commune, one long-form file",
    ),
    "etl_help_sample_output": ("thư mục ghi (mặc định data/sample)", "folder to write to (default data/sample)"),
    "etl_help_sample_years": ("national: khoảng năm, mặc định 2016-2026", "national: span of years, default 2016-2026"),
    "etl_help_seed": ("national: cùng seed cho cùng số liệu", "national: the same seed gives the same figures"),
    "etl_help_format": ("national: định dạng tệp", "national: file format"),
    "etl_help_extract": (
        "đề xuất số liệu từ văn bản (.txt, .docx); --accept nạp bảng đã duyệt; --evaluate đo độ chính xác",
        "propose figures from a text (.txt, .docx); --accept loads a reviewed table; --evaluate measures accuracy",
    ),
    "etl_help_extract_file": (
        "văn bản, bảng đề xuất đã duyệt (--accept) hoặc CSV số liệu công bố",
        "a text, a reviewed table of proposals (--accept) or a CSV of published figures",
    ),
    "etl_help_extract_province": ("tỉnh của văn bản, khi văn bản không nêu", "the text's province, when it names none"),
    "etl_help_extract_year": ("năm của văn bản, khi văn bản không ghi ngày", "the text's year, when it bears no date"),
    "etl_help_extract_output": ("ghi bảng đề xuất ra CSV để duyệt", "write the proposals to a CSV for review"),
    "etl_help_extract_source": (
        "nguồn (đường dẫn hoặc tên văn bản); mặc định tên tệp",
        "source (a link or the text's title); default the file name",
    ),
    "etl_help_accept": ("nạp các dòng accept=true của bảng đã duyệt", "load the accept=true rows of a reviewed table"),
    "etl_help_evaluate": ("đo precision và recall trên cột quote", "measure precision and recall on the quote column"),
    "etl_help_geo": (
        "dựng lại ranh giới tỉnh rút gọn (static/geo) từ tệp Natural Earth",
        "rebuild the simplified province boundaries (static/geo) from the Natural Earth file",
    ),
    "etl_help_geo_source": (
        "GeoJSON cấp tỉnh của Natural Earth (mặc định trong data/reference/geo)",
        "Natural Earth's province GeoJSON (default in data/reference/geo)",
    ),
    "etl_help_geo_output": ("thư mục ghi (mặc định static/geo)", "folder to write to (default static/geo)"),
    "etl_error": ("LỖI {text}", "ERROR {text}"),
    "etl_warning": ("CẢNH BÁO {text}", "WARNING {text}"),
    "etl_where_sheet": ("sheet '{sheet}'", "sheet '{sheet}'"),
    "etl_where_row": ("dòng {row}", "row {row}"),
    "etl_where_column": ("cột {column}", "column {column}"),
    "etl_problem_expected": (" — cần: {expected}", " — expected: {expected}"),
    "etl_problem_found": ("; có: {found!r}", "; found: {found!r}"),
    "etl_refused": (
        "{n} lỗi; không nạp gì, kho dữ liệu giữ nguyên.",
        "{n} errors; nothing loaded, the warehouse is unchanged.",
    ),
    "etl_refused_1": (
        "{n} lỗi; không nạp gì, kho dữ liệu giữ nguyên.",
        "{n} error; nothing loaded, the warehouse is unchanged.",
    ),
    "etl_exists": ("Kho dữ liệu đã có: {path}", "The warehouse is there already: {path}"),
    "etl_built": (
        "Đã dựng {path}: {sources} nguồn, {values} giá trị",
        "Built {path}: {sources} sources, {values} values",
    ),
    "etl_rebuilt": (
        "Đã dựng lại {path}: {sources} nguồn, {values} giá trị",
        "Rebuilt {path}: {sources} sources, {values} values",
    ),
    "etl_unchanged": ("{file}: đã nạp trước đây, không thay đổi", "{file}: loaded before, unchanged"),
    "etl_loaded": ("Đã nạp {file}", "Loaded {file}"),
    "etl_no_loads": ("Chưa nạp báo cáo nào.", "No report loaded yet."),
    "etl_load_what": ("{province} năm {year:.0f}, {n:.0f} giá trị", "{province} {year:.0f}, {n:.0f} values"),
    "etl_load_active": ("đang dùng", "in use"),
    "etl_load_missing": ("THIẾU TỆP trong data/reports/", "FILE MISSING from data/reports/"),
    "etl_load_unloaded": ("đã gỡ {when:%d/%m/%Y %H:%M}", "unloaded {when:%d/%m/%Y %H:%M}"),
    "etl_load_replaced": ("đã được lần nạp {by:.0f} thay", "replaced by load {by:.0f}"),
    "etl_unloaded": (
        "Đã gỡ lần nạp {load_id}; đã dựng lại {path}: {values} giá trị",
        "Unloaded load {load_id}; rebuilt {path}: {values} values",
    ),
    "etl_unload_unknown": (
        "không có lần nạp {load_id} (xem: python -m etl loads)",
        "no load {load_id} (see: python -m etl loads)",
    ),
    "etl_unload_again": (
        "lần nạp {load_id} ({file}) đã được gỡ lúc {when:%d/%m/%Y %H:%M}",
        "load {load_id} ({file}) was unloaded at {when:%d/%m/%Y %H:%M}",
    ),
    "etl_unload_file_gone": (
        "tệp của lần nạp {load_id} ({file}) không còn trong {folder}; đặt lại tệp rồi gỡ",
        "the file of load {load_id} ({file}) is no longer in {folder}; put it back, then unload",
    ),
    "etl_valid": (
        "{where}: {province} năm {year}, {units} đơn vị, {values} giá trị — hợp lệ",
        "{where}: {province} {year}, {units} units, {values} values — valid",
    ),
    "etl_template_written": ("Đã tạo mẫu báo cáo {path}", "Wrote the report template {path}"),
    "etl_written": ("Đã tạo {path}", "Wrote {path}"),
    "etl_written_mb": ("Đã tạo {path} ({mb:.1f} MB)", "Wrote {path} ({mb:.1f} MB)"),
    "etl_written_kb": ("Đã ghi {path} ({kb} KB)", "Wrote {path} ({kb} KB)"),
    "etl_report_over_sample": (
        "{province} {year}: dùng số liệu báo cáo ({file}) thay cho số liệu minh họa",
        "{province} {year}: the reported figures ({file}) replace the illustrative ones",
    ),
    "etl_check_rebuild": (
        "Dựng lại {path} (chưa có, hoặc dựng bằng phiên bản cũ)…",
        "Rebuilding {path} (missing, or built by an older version)…",
    ),
    "etl_check_gaps": ("Đơn vị chưa báo cáo đủ ({n}):", "Units short of a full return ({n}):"),
    "etl_check_missing": ("thiếu {topics}", "missing {topics}"),
    "etl_check_finding": (
        "[{severity}] {province} › {unit} › {year} › {indicator}: {text}  — {rule}; nguồn: {where}{sample}",
        "[{severity}] {province} › {unit} › {year} › {indicator}: {text}  — {rule}; source: {where}{sample}",
    ),
    "etl_check_sample": (" (minh họa)", " (illustrative)"),
    "etl_check_total": (
        "Tổng: {said}; {n} lượt đơn vị chưa báo cáo đủ.",
        "In all: {said}; {n} unit-years short of a full return.",
    ),
    "etl_check_total_1": (
        "Tổng: {said}; {n} lượt đơn vị chưa báo cáo đủ.",
        "In all: {said}; {n} unit-year short of a full return.",
    ),
    "etl_count_error": ("{n} lỗi", "{n} errors"),
    "etl_count_error_1": ("{n} lỗi", "{n} error"),
    "etl_count_warning": ("{n} cảnh báo", "{n} warnings"),
    "etl_count_warning_1": ("{n} cảnh báo", "{n} warning"),
    "etl_count_info": ("{n} lưu ý", "{n} notes"),
    "etl_count_info_1": ("{n} lưu ý", "{n} note"),
    "etl_no_findings": ("không có phát hiện nào", "no findings"),
    "etl_quality_summary": (
        "Chất lượng dữ liệu: {found}{missing} (chi tiết: python -m etl check)",
        "Data quality: {found}{missing} (details: python -m etl check)",
    ),
    "etl_quality_silent": (
        "; {n} lượt đơn vị không báo cáo gì trong năm",
        "; {n} unit-years with nothing reported",
    ),
    "etl_quality_silent_1": (
        "; {n} lượt đơn vị không báo cáo gì trong năm",
        "; {n} unit-year with nothing reported",
    ),
    "etl_check_units": ("số đơn vị {kind}: {n} (cần {want})", "units {kind}: {n} (expected {want})"),
    "etl_check_crosswalk": (
        "{n} tỉnh trước 2025 không thuộc đúng một tỉnh mới",
        "{n} pre-2025 provinces do not belong to exactly one new province",
    ),
    "etl_check_orphans": (
        "{n} giá trị không khớp đơn vị, chỉ tiêu hoặc nguồn",
        "{n} values match no unit, indicator or source",
    ),
    "etl_check_twice": (
        "{n} giá trị có hai lần (cùng chỉ tiêu, đơn vị, năm và nguồn)",
        "{n} values are there twice (same indicator, unit, year and source)",
    ),
    "etl_check_totals": ("{n} tổng cấp tỉnh khác tổng các đơn vị", "{n} province totals differ from their units' sum"),
    "etl_check_rollup": (
        "{n} giá trị cộng gộp theo tỉnh mới khác tổng các tỉnh cũ",
        "{n} values rolled up into new provinces differ from the former provinces' sum",
    ),
    "etl_config_unreadable": ("{file}: không đọc được ({error})", "{file}: cannot be read ({error})"),
    "etl_config_unknown_rule": ("{file}: [{rule}] không phải quy tắc nào", "{file}: [{rule}] is no rule"),
    "etl_config_missing_rule": ("{file}: thiếu mục [{rule}]", "{file}: section [{rule}] is missing"),
    "etl_config_severity": (
        "{file}: [{rule}] severity = {value!r}, cần một trong {allowed}",
        "{file}: [{rule}] severity = {value!r}, expected one of {allowed}",
    ),
    "etl_config_not_a_number": (
        "{file}: [{rule}] {name} = {value!r}, cần một số không âm",
        "{file}: [{rule}] {name} = {value!r}, expected a number not below zero",
    ),
    "etl_config_unused": ("{file}: [{rule}] không dùng thiết lập {name}", "{file}: [{rule}] takes no setting {name}"),
    "etl_extra": (
        "thừa     [{part}] {kind} {year} {indicator} = {value:g}  «{quote}»",
        "extra    [{part}] {kind} {year} {indicator} = {value:g}  «{quote}»",
    ),
    "etl_missed": (
        "bỏ sót   [{part}] {kind} {year} {indicator} = {value:g}  «{quote}»",
        "missed   [{part}] {kind} {year} {indicator} = {value:g}  «{quote}»",
    ),
    "etl_evaluation": (
        "{part:<6} {kind:<11} precision {precision:.3f} ({right} đúng, {extra} thừa); recall {recall:.3f} "
        "({missed} bỏ sót); {unscored} không chấm (tệp ghi ở câu khác hoặc là 'other')",
        "{part:<6} {kind:<11} precision {precision:.3f} ({right} right, {extra} extra); recall {recall:.3f} "
        "({missed} missed); {unscored} not scored (the file has them in another sentence, or as 'other')",
    ),
    "etl_help_evaluate_part": (
        "chỉ in phần dev (viết quy tắc) hoặc check (không bao giờ dùng để viết quy tắc) khi --evaluate",
        "with --evaluate, print only the dev part (rules are written on it) or the check part (never tuned on)",
    ),
    "etl_accepted_before": (
        "Các số liệu này đã được nạp trước đây, không thay đổi.",
        "These figures were loaded before; nothing changed.",
    ),
    "etl_accepted": ("Đã nạp {n} số liệu; đã dựng lại {path}", "Loaded {n} figures; rebuilt {path}"),
    "etl_kind_result": ("kết quả", "result"),
    "etl_kind_target": ("chỉ tiêu", "target"),
    "etl_kind_change_target": ("chỉ tiêu thay đổi (%)", "target change (%)"),
    "etl_kind_partial": ("một phần năm", "part of a year"),
    "etl_kind_cumulative": ("lũy kế", "cumulative"),
    "etl_kind_change": ("mức tăng thêm", "added"),
    "etl_unit_unknown": ("chưa rõ đơn vị", "unit unknown"),
    "etl_approx": (" (ước)", " (approx.)"),
    "etl_proposal": (
        "{year}  {where}  {indicator} = {value}{approx}  [{kind}]  ký tự {start}–{end}: «{quote}»",
        "{year}  {where}  {indicator} = {value}{approx}  [{kind}]  characters {start}–{end}: «{quote}»",
    ),
    "etl_proposed": ("{n} số liệu đề xuất từ {file}", "{n} figures proposed from {file}"),
    "etl_review_written": (
        "Đã ghi bảng để duyệt {path}: sửa, đặt accept=false cho dòng bỏ, rồi chạy extract --accept",
        "Wrote the table for review {path}: correct it, set accept=false on rows to drop, then run extract --accept",
    ),
    # Loads and builds interrupted by a killed process: what the next holder of the data lock did about it.
    "etl_stale_build_removed": (
        "Đã xóa tệp dựng dở {file} của một tiến trình không còn chạy",
        "Removed {file}, left half-built by a process that is gone",
    ),
    "etl_recovered_forward": (
        "Tiến trình {pid} dừng giữa chừng khi {kind} {ids}, sau khi đã ghi vào lịch sử nạp: đã hoàn tất (dựng lại kho, "
        "ghi nhật ký)",
        "Process {pid} stopped during {kind} {ids} after the load history was written: finished now (warehouse "
        "rebuilt, audit entry written)",
    ),
    "etl_recovered_back": (
        "Tiến trình {pid} dừng giữa chừng khi {kind} {ids}, trước khi ghi vào lịch sử nạp: đã hoàn tác, không có gì "
        "thay đổi",
        "Process {pid} stopped during {kind} {ids} before the load history was written: undone, nothing changed",
    ),
    "etl_kind_load": ("nạp lần", "load"),
    "etl_kind_unload": ("gỡ lần nạp", "unload of load"),
    "etl_stale_lock": (
        "Khóa dữ liệu của tiến trình {pid} (không còn chạy) đã được gỡ",
        "The data lock of process {pid}, which is gone, was cleared",
    ),
}

# Short card labels; the full indicator name is the card's tooltip.
KPI_LABELS: dict[str, tuple[str, str]] = {
    "clubs_sustainable_family": ("CLB gia đình phát triển bền vững", "Sustainable family clubs"),
    "clubs_dv_prevention": ("CLB, nhóm phòng, chống BLGĐ", "DV-prevention clubs and groups"),
    "trusted_addresses": ("Địa chỉ tin cậy", "Trusted addresses"),
    "hotlines": ("Đường dây nóng", "Hotlines"),
    "dv_cases": ("Vụ bạo lực gia đình", "Domestic-violence cases"),
    "training_participants": ("Lượt người được tập huấn", "Training participants"),
    "dv_models": ("Mô hình phòng, chống BLGĐ", "DV-prevention models"),
    "pct_communes_with_model": ("Xã có mô hình phòng, chống BLGĐ", "Communes with a DV-prevention model"),
    "pct_communes_with_hotline": ("Xã có đường dây nóng", "Communes with a hotline"),
    "trusted_addresses_per_10_communes": ("Địa chỉ tin cậy trên 10 xã", "Trusted addresses per 10 communes"),
    "dv_households": ("Hộ có bạo lực gia đình", "Households with DV"),
    "dv_cases_per_1000_households": ("Vụ trên 1.000 hộ", "Cases per 1,000 households"),
    "training_classes": ("Lớp tập huấn", "Training classes"),
    "officials_trained": ("Cán bộ được tập huấn", "Officials trained"),
    "pct_officials_trained": ("Tỷ lệ cán bộ được tập huấn", "Share of officials trained"),
    "children_total": ("Trẻ em dưới 16 tuổi", "Children under 16"),
    "children_under6": ("Trẻ em dưới 6 tuổi", "Children under 6"),
    "children_special": ("Trẻ em có hoàn cảnh đặc biệt", "Children in special circumstances"),
    "child_abuse_cases": ("Vụ xâm hại trẻ em", "Child-abuse cases"),
}


def _merge() -> None:
    # Strings kept beside the work they belong to; a key defined twice is a mistake, caught at import.
    from core import strings_brief, strings_compare, strings_layout

    for extra in (strings_brief.STRINGS, strings_compare.STRINGS, strings_layout.STRINGS):
        clash = STRINGS.keys() & extra.keys()
        if clash:
            raise KeyError(f"interface strings defined twice: {sorted(clash)}")
        STRINGS.update(extra)


_merge()


def t(key: str, lang: str, **kwargs: object) -> str:
    vi, en = STRINGS[key]
    text = en if lang == "en" else vi
    return text.format(**kwargs)  # a placeholder left without its value fails here, not on screen


def coverage(row: pd.Series | Mapping, lang: str) -> str:
    """ "7/9 huyện đã báo cáo" for a province value that not every unit reported; "" otherwise."""
    if row["level"] != "P" or pd.isna(row["units_reported"]) or row["units_reported"] >= row["units_total"]:
        return ""
    kind = "rollup" if row["counted"] == "P" else row["system"]
    return t(f"coverage_{kind}", lang, n=row["units_reported"], total=row["units_total"])


def hidden_text(row: pd.Series | Mapping, ratio: bool, lang: str) -> str:
    """What a hidden cell says: the same words for every hidden count (saying which are small would narrow them),
    other words for a rate (hidden because its count is)."""
    if ratio:
        return t("suppressed_rate", lang)
    if row["hidden_as"]:
        return t("suppressed", lang, label=row["hidden_as"])
    return t("suppressed_complement", lang)


def indicator_name(meta: pd.DataFrame, code: str, lang: str) -> str:
    return str(meta.loc[code, "name_en" if lang == "en" else "name_vi"])


def decimals(meta: pd.DataFrame, code: str) -> int:
    """Counts whole; shares to one decimal; rates per 1,000 households, which are small, to two."""
    if meta.loc[code, "kind"] != "ratio":
        return 0
    return 1 if meta.loc[code, "unit_vi"] == "%" else 2


def indicator_unit(meta: pd.DataFrame, code: str, lang: str) -> str:
    return str(meta.loc[code, "unit_en" if lang == "en" else "unit_vi"])
