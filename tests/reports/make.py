"""A corpus of messy province reports made the way provincial officers make them, each with what it must give.

`python -m tests.reports.make DIR` writes every file into DIR. Each case is one sheet written as .xlsx (openpyxl,
with merged cells and formulas), .xls (xlwt, as Excel 97–2003 writes it) or .csv (the encodings and separators
Vietnamese offices use), and says either the exact values it must load, or the messages it must be refused with
(located: the sheet, row and column are part of the expected text).

The held-out set: a case whose name's CRC-32 is divisible by 4 (`held_out`). Those cases were written with the
others, from the forms and the language, before the reader was changed, and are not looked at while tuning it;
the tests report them separately.
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import xlwt

Cell = object
Grid = list[list[Cell]]

# Units the expected values name (GSO codes; pre-2025 districts, 2025 communes).
VY, PY, LT, TDG, TDAO, BX, YL, VT, SL = (
    f"pre2025:D:{c}" for c in ("243", "244", "246", "247", "248", "249", "251", "252", "253")
)
HN_BA_DINH, HN_HOAN_KIEM, HN_BA_VI, HN_GIA_LAM, HN_SON_TAY = (
    f"pre2025:D:{c}" for c in ("001", "002", "271", "018", "269")
)
PT_VINH_YEN, PT_PHUC_YEN, PT_YEN_LAC, PT_TAM_DAO = (f"y2025:C:{c}" for c in ("08707", "08740", "09025", "08911"))
PT_KY_SON, PT_NONG_TRANG, PT_PHONG_CHAU, PT_THANH_MIEU = (f"y2025:C:{c}" for c in ("04894", "07894", "07954", "07909"))
NB_GIA_VIEN, NB_KIM_SON, NB_NHO_QUAN = (f"pre2025:D:{c}" for c in ("373", "376", "372"))
BN_TU_SON, BN_YEN_PHONG, BN_QUE_VO = (f"pre2025:D:{c}" for c in ("261", "258", "259"))
TH_NGHI_SON, TH_SAM_SON = "pre2025:D:407", "pre2025:D:382"
HB_HOA_BINH, HB_LUONG_SON = "pre2025:D:148", "pre2025:D:152"
CB_QUANG_HOA, NB_HOA_LU, ND_VU_BAN = "pre2025:D:049", "pre2025:D:374", "pre2025:D:359"


@dataclass(frozen=True)
class Case:
    name: str  # the file's stem
    fmt: str  # xlsx | xls | csv
    grid: Grid
    sheet: str = "Sheet1"
    merges: tuple[tuple[int, int, int, int], ...] = ()  # 0-based first row, first col, last row, last col
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # xlsx: formulas saved without a result
    encoding: str = "utf-8-sig"
    delimiter: str = ";"
    values: dict[tuple[str, str], float] | None = None  # (indicator, unit_id) -> value; None: refused
    year: int | None = None  # the year loaded
    errors: tuple[str, ...] = ()  # each is part of one error's text
    warnings: tuple[str, ...] = ()  # each is part of one warning's text
    absent: tuple[str, ...] = ()  # no problem may say these

    @property
    def file_name(self) -> str:
        return f"{self.name}.{self.fmt}"

    @property
    def held_out(self) -> bool:
        return zlib.crc32(self.name.encode()) % 4 == 0


def title(province: str = "TỈNH VĨNH PHÚC", period: str = "NĂM 2024", *notes: str) -> Grid:
    """The title block above a report's table, then a blank row."""
    return [
        [f"UBND {province}", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", None, None, "Độc lập - Tự do - Hạnh phúc"],
        [f"BÁO CÁO THÔNG TIN VỀ GIA ĐÌNH VÀ PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH {period}"],
        *[[note] for note in notes],
        [],
    ]


def _header_merges(top: int, group_spans: list[tuple[int, int]], tall: list[int], depth: int = 2) -> tuple:
    """Merged cells of a header: groups across columns on the top row, single headers down `depth` rows."""
    spans = [(top, a, top, b) for a, b in group_spans]
    return tuple(spans + [(top, c, top + depth - 1, c) for c in tall])


CASES: list[Case] = []


def case(**kw: object) -> None:
    CASES.append(Case(**kw))  # type: ignore[arg-type]


# 1. Headers as officers write them ----------------------------------------------------------------------------
t = title()
case(
    name="bieu-02-hinh-thuc-ba-dong",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Đơn vị", "Bạo lực gia đình", None, None, None, None],
        [None, None, "Tổng số vụ", "Chia theo hình thức", None, None, None],
        [None, None, None, "Tinh thần", "Thân thể", "Tình dục", "Kinh tế"],
        [1, "Thành phố Vĩnh Yên", 5, 2, 3, 0, 0],
        [2, "Huyện Yên Lạc", 3, 1, 1, 1, 0],
        [3, "Huyện Sông Lô", 0, 0, 0, 0, 0],
    ],
    merges=((4, 2, 4, 6), (5, 3, 5, 6), (5, 2, 6, 2), (4, 0, 6, 0), (4, 1, 6, 1)),
    values={
        **{(k, VY): v for k, v in zip(("dv_cases", "dv_cases_mental", "dv_cases_physical"), (5, 2, 3), strict=True)},
        ("dv_cases_sexual", VY): 0,
        ("dv_cases_economic", VY): 0,
        **{(k, YL): v for k, v in zip(("dv_cases", "dv_cases_mental", "dv_cases_physical"), (3, 1, 1), strict=True)},
        ("dv_cases_sexual", YL): 1,
        ("dv_cases_economic", YL): 0,
        **{(k, SL): 0 for k in ("dv_cases", "dv_cases_mental", "dv_cases_physical", "dv_cases_sexual")},
        ("dv_cases_economic", SL): 0,
    },
    year=2024,
)
case(
    name="nguoi-gay-va-nan-nhan-nam-nu",
    fmt="xlsx",
    grid=t
    + [
        [
            "TT",
            "Huyện, thành phố",
            "Người gây bạo lực gia đình",
            None,
            None,
            "Nạn nhân bị bạo lực gia đình",
            None,
            None,
        ],
        [None, None, "Tổng số", "Nam", "Nữ", "Tổng số", "Nam", "Nữ"],
        [1, "TP Vĩnh Yên", 4, 3, 1, 5, 1, 4],
        [2, "TP Phúc Yên", 2, 2, 0, 2, 0, 2],
    ],
    merges=_header_merges(4, [(2, 4), (5, 7)], [0, 1]),
    values={
        ("perpetrators_total", VY): 4,
        ("perpetrators_male", VY): 3,
        ("perpetrators_female", VY): 1,
        ("victims_total", VY): 5,
        ("victims_male", VY): 1,
        ("victims_female", VY): 4,
        ("perpetrators_total", PY): 2,
        ("perpetrators_male", PY): 2,
        ("perpetrators_female", PY): 0,
        ("victims_total", PY): 2,
        ("victims_male", PY): 0,
        ("victims_female", PY): 2,
    },
    year=2024,
)
case(
    name="bon-dong-tieu-de",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Tên đơn vị", "THÔNG TIN VỀ BẠO LỰC GIA ĐÌNH", None, None, None],
        [None, None, "Số vụ bạo lực gia đình", None, "Nạn nhân bị bạo lực gia đình", None],
        [None, None, "Tổng số", "Trong đó", "Chia theo giới tính", None],
        [None, None, None, "Thân thể", "Nam", "Nữ"],
        [1, "Thành phố Vĩnh Yên", 6, 2, 1, 5],
        [2, "Huyện Tam Đảo", 1, 1, 0, 1],
    ],
    merges=((4, 2, 4, 5), (5, 2, 5, 3), (5, 4, 5, 5), (6, 4, 6, 5), (6, 2, 7, 2), (4, 0, 7, 0), (4, 1, 7, 1)),
    values={
        ("dv_cases", VY): 6,
        ("dv_cases_physical", VY): 2,
        ("victims_male", VY): 1,
        ("victims_female", VY): 5,
        ("dv_cases", TDAO): 1,
        ("dv_cases_physical", TDAO): 1,
        ("victims_male", TDAO): 0,
        ("victims_female", TDAO): 1,
    },
    year=2024,
)
case(
    name="viet-tat-thuong-gap",
    fmt="csv",
    grid=t
    + [
        [
            "TT",
            "Tên huyện",
            "Số CLB GĐPTBV",
            "Số CLB, nhóm PCBLGĐ",
            "Số ĐCTC",
            "Số ĐDN",
            "Số hộ được cung cấp thông tin PCBLGĐ",
            "Tổng số hộ GĐ",
            "Số vụ BLGĐ",
        ],
        [1, "TP Vĩnh Yên", 12, 8, 20, 9, "41.250", "43.100", 3],
        [2, "TP. Phúc Yên", 7, 5, 11, 10, "28.000", "30.512", 2],
    ],
    values={
        **{
            (k, VY): v
            for k, v in zip(
                (
                    "clubs_sustainable_family",
                    "clubs_dv_prevention",
                    "trusted_addresses",
                    "hotlines",
                    "households_informed",
                    "households_total",
                    "dv_cases",
                ),
                (12, 8, 20, 9, 41250, 43100, 3),
                strict=True,
            )
        },
        **{
            (k, PY): v
            for k, v in zip(
                (
                    "clubs_sustainable_family",
                    "clubs_dv_prevention",
                    "trusted_addresses",
                    "hotlines",
                    "households_informed",
                    "households_total",
                    "dv_cases",
                ),
                (7, 5, 11, 10, 28000, 30512, 2),
                strict=True,
            )
        },
    },
    year=2024,
)
case(
    name="chu-hoa-xuong-dong",
    fmt="xls",
    grid=title(period="NĂM 2023")
    + [
        ["STT", "TÊN ĐƠN VỊ", "SỐ VỤ\nBẠO LỰC  GIA ĐÌNH", "SỐ  ĐƯỜNG DÂY\nNÓNG", "số địa chỉ tin cậy\n(địa chỉ)"],
        [1, "Huyện Lập Thạch", 4, 15, 6],
        [2, "Huyện Vĩnh Tường", 7, "29", 12],
    ],
    values={
        ("dv_cases", LT): 4,
        ("hotlines", LT): 15,
        ("trusted_addresses", LT): 6,
        ("dv_cases", VT): 7,
        ("hotlines", VT): 29,
        ("trusted_addresses", VT): 12,
    },
    year=2023,
)
_nfd = [
    [
        "Tên đơn vị",
        "Số mô hình phòng, chống bạo lực gia đình",
        "Số xã có mô hình PCBLGĐ",
        "Tổng số xã, phường, thị trấn",
    ],
    ["Huyện Bình Xuyên", 5, 4, 13],
    ["Huyện Tam Dương", 3, 3, 12],
]
case(
    name="chu-nfd-dau-phay",
    fmt="csv",
    grid=[[unicodedata.normalize("NFD", c) if isinstance(c, str) else c for c in row] for row in title() + _nfd],
    encoding="utf-8",
    delimiter=",",
    values={
        ("dv_models", BX): 5,
        ("communes_with_model", BX): 4,
        ("communes_total", BX): 13,
        ("dv_models", TDG): 3,
        ("communes_with_model", TDG): 3,
        ("communes_total", TDG): 12,
    },
    year=2024,
)
case(
    name="cot-ghi-chu-nguoi-lap",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Đơn vị", "Số đường dây nóng", "Ghi chú", "Người lập"],
        [1, "Thành phố Vĩnh Yên", 9, "đủ số liệu", "Nguyễn Văn A"],
        [2, "Huyện Yên Lạc", 3, None, None],
    ],
    values={("hotlines", VY): 9, ("hotlines", YL): 3},
    year=2024,
    warnings=(
        "dòng 5 › cột D: bỏ qua cột: tiêu đề không có trong danh mục chỉ tiêu; có: 'Ghi chú'",
        "dòng 5 › cột E: bỏ qua cột: tiêu đề không có trong danh mục chỉ tiêu; có: 'Người lập'",
    ),
)
case(
    name="cot-so-khong-tieu-de",
    fmt="xlsx",
    grid=t
    + [
        ["TT", "Đơn vị", "Số ĐDN", None],
        [1, "Thành phố Vĩnh Yên", 9, 4],
        [2, "Huyện Yên Lạc", 3, 2],
    ],
    values={("hotlines", VY): 9, ("hotlines", YL): 3},
    year=2024,
    warnings=("dòng 5 › cột D: bỏ qua cột có số nhưng không có tiêu đề",),
)
case(
    name="ho-gia-dinh-theo-the-he",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Tên đơn vị", "Tổng số hộ gia đình", "Chia ra", None, None],
        [None, None, None, "Hộ 1 thế hệ", "Hộ 2 thế hệ", "Hộ 3 thế hệ trở lên"],
        [1, "Thành phố Vĩnh Yên", 40000, 8000, 25000, 7000],
        [2, "Thành phố Phúc Yên", 30000, 6000, 19000, 5000],
    ],
    merges=_header_merges(4, [(3, 5)], [0, 1, 2]),
    values={("households_total", VY): 40000, ("households_total", PY): 30000},
    year=2024,
    warnings=(
        "cột D: bỏ qua cột: tiêu đề không có trong danh mục chỉ tiêu; có: 'Chia ra / Hộ 1 thế hệ'",
        "cột F: bỏ qua cột: tiêu đề không có trong danh mục chỉ tiêu; có: 'Chia ra / Hộ 3 thế hệ trở lên'",
    ),
)
case(
    name="tap-huan-va-tre-em",
    fmt="xls",
    grid=title(period="NĂM 2023")
    + [
        ["STT", "Đơn vị", "Tập huấn", None, "Trẻ em", None, None],
        [None, None, "Số lớp", "Số lượt người", "Dưới 16 tuổi", "Dưới 6 tuổi", "Có hoàn cảnh đặc biệt"],
        [1, "Huyện Lập Thạch", 4, 320, 21000, 7800, 160],
        [2, "Huyện Sông Lô", 2, 150, 18500, 6400, 95],
    ],
    merges=_header_merges(4, [(2, 3), (4, 6)], [0, 1]),
    values={
        ("training_classes", LT): 4,
        ("training_participants", LT): 320,
        ("children_total", LT): 21000,
        ("children_under6", LT): 7800,
        ("children_special", LT): 160,
        ("training_classes", SL): 2,
        ("training_participants", SL): 150,
        ("children_total", SL): 18500,
        ("children_under6", SL): 6400,
        ("children_special", SL): 95,
    },
    year=2023,
)
case(
    name="bien-phap-xu-ly-theo-mau",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Đơn vị", "Số người gây BLGĐ", "Biện pháp đã xử lý người gây bạo lực gia đình", None, None, None, None],
        [
            None,
            None,
            None,
            "Góp ý, phê bình trong cộng đồng dân cư",
            "Áp dụng biện pháp cấm tiếp xúc",
            "Áp dụng các biện pháp giáo dục",
            "Xử phạt vi phạm hành chính",
            "Xử lý hình sự",
        ],
        [1, "Thành phố Vĩnh Yên", 6, 3, 1, 1, 1, 0],
        [2, "Huyện Vĩnh Tường", 4, 2, 0, 1, 0, 1],
    ],
    merges=_header_merges(4, [(3, 7)], [0, 1, 2]),
    values={
        ("perpetrators_total", VY): 6,
        ("handled_criticism", VY): 3,
        ("handled_no_contact", VY): 1,
        ("handled_education", VY): 1,
        ("handled_admin_penalty", VY): 1,
        ("handled_criminal", VY): 0,
        ("perpetrators_total", VT): 4,
        ("handled_criticism", VT): 2,
        ("handled_no_contact", VT): 0,
        ("handled_education", VT): 1,
        ("handled_admin_penalty", VT): 0,
        ("handled_criminal", VT): 1,
    },
    year=2024,
)
case(
    name="tieu-de-go-sai",
    fmt="csv",
    grid=t + [["TT", "Đơn vị", "Số địa chỉ tinh cậy"], [1, "Thành phố Vĩnh Yên", 9]],
    errors=(
        "dòng 5 › cột C: cột chỉ tiêu không có trong danh mục — cần: ví dụ 'Số địa chỉ tin cậy ở cộng đồng (địa chỉ)'",
    ),
)

# 2. Rows that are not units -----------------------------------------------------------------------------------
case(
    name="dong-chu-cai-cot",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
        ["A", "B", "1", "2"],
        [1, "Thành phố Vĩnh Yên", 9, 5],
        [2, "Huyện Bình Xuyên", 4, 1],
    ],
    values={("hotlines", VY): 9, ("dv_cases", VY): 5, ("hotlines", BX): 4, ("dv_cases", BX): 1},
    year=2024,
)
case(
    name="dong-so-thu-tu-cot",
    fmt="xls",
    grid=t
    + [
        ["STT", "Mã", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
        [1, 2, 3, 4, 5],
        [1, "243", "Thành phố Vĩnh Yên", 9, 5],
        [2, "249", "Huyện Bình Xuyên", 4, 1],
    ],
    values={("hotlines", VY): 9, ("dv_cases", VY): 5, ("hotlines", BX): 4, ("dv_cases", BX): 1},
    year=2024,
)
case(
    name="toan-tinh-dau-bang",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
        ["(1)", "(2)", "(3)", "(4)"],
        [None, "Toàn tỉnh", 13, 6],
        [1, "Thành phố Vĩnh Yên", 9, 5],
        [2, "Huyện Bình Xuyên", 4, 1],
    ],
    values={("hotlines", VY): 9, ("dv_cases", VY): 5, ("hotlines", BX): 4, ("dv_cases", BX): 1},
    year=2024,
)
case(
    name="toan-tinh-dau-bang-sai",
    fmt="csv",
    grid=t
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
        [None, "TOÀN TỈNH", 14, 6],
        [1, "Thành phố Vĩnh Yên", 9, 5],
        [2, "Huyện Bình Xuyên", 4, 1],
    ],
    errors=("dòng 6 › cột C (Số đường dây nóng): dòng tổng cộng khác tổng các dòng — cần: 13; có: '14'",),
)
_hn = [
    ["STT", "Quận, huyện, thị xã", "Số CLB GĐPTBV", "Số vụ BLGĐ"],
    ["I", "Các quận", 30, 7],
    [1, "Quận Ba Đình", 10, 3],
    [2, "Quận Hoàn Kiếm", 20, 4],
    ["II", "Các huyện", 25, 6],
    [1, "Huyện Ba Vì", 15, 5],
    [2, "Huyện Gia Lâm", 10, 1],
    ["III", "Thị xã", 4, 0],
    [1, "Thị xã Sơn Tây", 4, 0],
    [None, "Tổng cộng", 59, 13],
]
_hn_values = {
    ("clubs_sustainable_family", HN_BA_DINH): 10,
    ("dv_cases", HN_BA_DINH): 3,
    ("clubs_sustainable_family", HN_HOAN_KIEM): 20,
    ("dv_cases", HN_HOAN_KIEM): 4,
    ("clubs_sustainable_family", HN_BA_VI): 15,
    ("dv_cases", HN_BA_VI): 5,
    ("clubs_sustainable_family", HN_GIA_LAM): 10,
    ("dv_cases", HN_GIA_LAM): 1,
    ("clubs_sustainable_family", HN_SON_TAY): 4,
    ("dv_cases", HN_SON_TAY): 0,
}
case(
    name="ha-noi-cac-quan-cac-huyen",
    fmt="xlsx",
    grid=title("THÀNH PHỐ HÀ NỘI") + _hn,
    values=_hn_values,
    year=2024,
)
case(
    name="ha-noi-tong-nhom-sai",
    fmt="xlsx",
    grid=title("THÀNH PHỐ HÀ NỘI") + [*_hn[:4], ["II", "Các huyện", 26, 6], *_hn[5:]],
    errors=(
        "dòng 9 › cột C (Số câu lạc bộ gia đình phát triển bền vững): dòng tổng của nhóm 'Các huyện' khác tổng các "
        "đơn vị trong nhóm — cần: 25; có: '26'",
    ),
)
case(
    name="khoi-phuong-khoi-xa-2026",
    fmt="xlsx",
    grid=title("TỈNH PHÚ THỌ", "NĂM 2026")
    + [
        ["STT", "Xã, phường", "Số ĐDN", "Số CLB GĐPTBV"],
        ["A", "Khối phường", None, None],
        [1, "Phường Vĩnh Yên", 3, 2],
        [2, "Phường Phúc Yên", 2, 1],
        ["B", "Khối xã", None, None],
        [1, "Xã Yên Lạc", 4, 2],
        [2, "Xã Tam Đảo", 1, 0],
    ],
    values={
        ("hotlines", PT_VINH_YEN): 3,
        ("clubs_sustainable_family", PT_VINH_YEN): 2,
        ("hotlines", PT_PHUC_YEN): 2,
        ("clubs_sustainable_family", PT_PHUC_YEN): 1,
        ("hotlines", PT_YEN_LAC): 4,
        ("clubs_sustainable_family", PT_YEN_LAC): 2,
        ("hotlines", PT_TAM_DAO): 1,
        ("clubs_sustainable_family", PT_TAM_DAO): 0,
    },
    year=2026,
)
case(
    name="phu-tho-2026-x-p-viet-tat",
    fmt="csv",
    # "X." and "P." as officers shorten Xã and Phường: units, not a section X.
    grid=title("TỈNH PHÚ THỌ", "NĂM 2026")
    + [["STT", "Xã, phường", "Số ĐDN"], [1, "P. Vĩnh Yên", 3], [2, "X. Yên Lạc", 4], [3, "X. Tam Đảo", 1]],
    values={("hotlines", PT_VINH_YEN): 3, ("hotlines", PT_YEN_LAC): 4, ("hotlines", PT_TAM_DAO): 1},
    year=2026,
)
case(
    name="trong-do-duoi-tong",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Đơn vị", "Số vụ BLGĐ", "Số nạn nhân"],
        [1, "Thành phố Vĩnh Yên", 5, 6],
        [2, "Thành phố Phúc Yên", 3, 3],
        [None, "Tổng cộng", 8, 9],
        [None, "Trong đó:", None, None],
        [None, "- Khu vực thành thị", 6, 7],
        [None, "- Khu vực nông thôn", 2, 2],
    ],
    values={("dv_cases", VY): 5, ("victims_total", VY): 6, ("dv_cases", PY): 3, ("victims_total", PY): 3},
    year=2024,
)
case(
    name="chua-gui-bao-cao-o-gop",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ", "Số CLB GĐPTBV"],
        [1, "Thành phố Vĩnh Yên", 9, 5, 12],
        [2, "Huyện Tam Dương", "Chưa gửi báo cáo", None, None],
        [3, "Huyện Yên Lạc", 3, 1, 4],
    ],
    merges=((6, 2, 6, 4),),
    values={
        ("hotlines", VY): 9,
        ("dv_cases", VY): 5,
        ("clubs_sustainable_family", VY): 12,
        ("hotlines", YL): 3,
        ("dv_cases", YL): 1,
        ("clubs_sustainable_family", YL): 4,
    },
    year=2024,
    warnings=("dòng 7 › cột B: 'Huyện Tam Dương' chưa báo cáo: không nạp số liệu của đơn vị này",),
)
case(
    name="khong-bao-cao-moi-o",
    fmt="csv",
    grid=t
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
        [1, "Thành phố Vĩnh Yên", 9, 5],
        [2, "Huyện Sông Lô", "Không báo cáo", "Không báo cáo"],
        [3, "Huyện Yên Lạc", 3, 1],
        [None, "Tổng cộng", 12, 6],
    ],
    values={("hotlines", VY): 9, ("dv_cases", VY): 5, ("hotlines", YL): 3, ("dv_cases", YL): 1},
    year=2024,
    warnings=("'Huyện Sông Lô' chưa báo cáo",),
)
case(
    name="chua-co-so-lieu-o-dau",
    fmt="xls",
    grid=t
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
        [1, "Thành phố Vĩnh Yên", 9, 5],
        [2, "Huyện Lập Thạch", "Chưa có số liệu", None],
    ],
    values={("hotlines", VY): 9, ("dv_cases", VY): 5},
    year=2024,
    warnings=("'Huyện Lập Thạch' chưa báo cáo",),
)
case(
    name="khu-vuc-thanh-thi-nong-thon",
    fmt="csv",
    encoding="cp1258",
    grid=t
    + [
        ["STT", "Tên đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
        [None, "A. KHU VỰC THÀNH THỊ", 19, 8],
        [1, "Thành phố Vĩnh Yên", 9, 5],
        [2, "Thành phố Phúc Yên", 10, 3],
        [None, "B. KHU VỰC NÔNG THÔN", 7, 3],
        [3, "Huyện Yên Lạc", 3, 1],
        [4, "Huyện Vĩnh Tường", 4, 2],
    ],
    values={
        ("hotlines", VY): 9,
        ("dv_cases", VY): 5,
        ("hotlines", PY): 10,
        ("dv_cases", PY): 3,
        ("hotlines", YL): 3,
        ("dv_cases", YL): 1,
        ("hotlines", VT): 4,
        ("dv_cases", VT): 2,
    },
    year=2024,
)

# 3. The transposed layout of the national forms ---------------------------------------------------------------
case(
    name="bieu-xoay-don-vi-theo-cot",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Thành phố Vĩnh Yên", "Huyện Yên Lạc", "Toàn tỉnh"],
        ["I", "THÔNG TIN VỀ BẠO LỰC GIA ĐÌNH", None, None, None, None],
        ["1", "Tổng số vụ bạo lực gia đình", "Vụ", 5, 3, 8],
        [None, "Trong đó: - Tinh thần", "Vụ", 2, 1, 3],
        ["2", "Số nạn nhân", "Người", 6, 3, 9],
        ["II", "MÔ HÌNH, CÂU LẠC BỘ", None, None, None, None],
        ["1", "Số CLB GĐPTBV", "CLB", 12, 4, 16],
    ],
    errors=("dòng 5 › cột B: bảng xếp chỉ tiêu theo dòng và đơn vị theo cột",),
)
case(
    name="bieu-02-tong-thanh-thi-nong-thon",
    fmt="csv",
    grid=title(period="NĂM 2023")
    + [
        ["STT", "Nội dung", "ĐVT", "Tổng số", "Thành thị", "Nông thôn"],
        ["I", "Hộ gia đình", None, None, None, None],
        ["1", "Tổng số hộ gia đình", "Hộ", 300000, 90000, 210000],
        ["II", "Bạo lực gia đình", None, None, None, None],
        ["1", "Tổng số vụ bạo lực gia đình", "Vụ", 120, 40, 80],
        [None, "Trong đó:", None, None, None, None],
        [None, "- Bạo lực về tinh thần", "Vụ", 50, 20, 30],
    ],
    errors=("dòng 5 › cột B: bảng xếp chỉ tiêu theo dòng và đơn vị theo cột",),
)

# 4. What the file says about itself: the period and the level ------------------------------------------------
_small = [
    ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
    [1, "Thành phố Vĩnh Yên", 9, 5],
    [2, "Huyện Bình Xuyên", 4, 1],
]
_small_values = {("hotlines", VY): 9, ("dv_cases", VY): 5, ("hotlines", BX): 4, ("dv_cases", BX): 1}
case(
    name="sau-thang-dau-nam",
    fmt="xlsx",
    grid=title(period="6 THÁNG ĐẦU NĂM 2023") + _small,
    errors=("dòng 3 › cột A: số liệu một phần của năm",),
)
case(
    name="chin-thang",
    fmt="csv",
    grid=title(period="9 THÁNG NĂM 2023") + _small,
    errors=("dòng 3 › cột A: số liệu một phần của năm",),
)
case(
    name="quy-mot",
    fmt="xls",
    grid=title(period="QUÝ I NĂM 2024") + _small,
    errors=("dòng 3 › cột A: số liệu một phần của năm",),
)
case(
    name="tu-ngay-den-ngay-nua-nam",
    fmt="xlsx",
    grid=title("TỈNH VĨNH PHÚC", "NĂM 2023", "(Số liệu tính từ ngày 01/01/2023 đến ngày 30/6/2023)") + _small,
    errors=("dòng 4 › cột A: số liệu một phần của năm",),
)
case(
    name="ky-bao-cao-15-12-den-14-12",
    fmt="xlsx",
    grid=title("TỈNH VĨNH PHÚC", "NĂM 2023", "(Số liệu tính từ ngày 15/12/2022 đến ngày 14/12/2023)") + _small,
    values=_small_values,
    year=2023,
)
case(
    name="ghi-chu-sau-thang",
    fmt="xlsx",
    grid=t + _small + [[], ["Ghi chú: số liệu 6 tháng đầu năm 2024, sẽ bổ sung sau."]],
    errors=("dòng 9 › cột A: số liệu một phần của năm",),
)
case(
    name="cot-sau-thang-dau-nam",
    fmt="csv",
    grid=t
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ 6 tháng đầu năm"],
        [1, "Thành phố Vĩnh Yên", 9, 5],
    ],
    errors=("dòng 5 › cột D: số liệu một phần của năm",),
)
case(
    name="tinh-den-31-12",
    fmt="xls",
    grid=t + _small + [["Số liệu tính đến ngày 31/12/2024."]],
    values=_small_values,
    year=2024,
)
case(
    name="tinh-den-30-9",
    fmt="csv",
    grid=title("TỈNH VĨNH PHÚC", "NĂM 2024", "Số liệu tính đến ngày 30/9/2024") + _small,
    errors=("dòng 4 › cột A: số liệu một phần của năm",),
)
case(
    name="phu-tho-2025-huyen-cu",
    fmt="xlsx",
    grid=title("TỈNH PHÚ THỌ", "NĂM 2025")
    + [
        ["STT", "Đơn vị", "Tổng số hộ gia đình", "Số vụ BLGĐ"],
        [1, "Vĩnh Yên", 30512, 6],
        [2, "Phúc Yên", 28410, 3],
        [3, "Yên Lạc", 35120, 2],
        [4, "Tam Đảo", 21300, 1],
    ],
    errors=("báo cáo lập theo huyện cũ",),
)
case(
    name="phu-tho-2026-cot-huyen",
    fmt="csv",
    grid=title("TỈNH PHÚ THỌ", "NĂM 2026")
    + [
        ["STT", "Huyện, thành phố, thị xã", "Số ĐDN"],
        [1, "Việt Trì", 20],
        [2, "Phú Thọ", 9],
    ],
    errors=("dòng 5 › cột B: cột 'Huyện, thành phố, thị xã' ghi đơn vị cấp huyện",),
)
case(
    name="phu-tho-2026-xa-khong-tien-to",
    fmt="xlsx",
    grid=title("TỈNH PHÚ THỌ", "NĂM 2026")
    + [
        ["STT", "Đơn vị", "Số ĐDN"],
        [1, "Kỳ Sơn", 2],
        [2, "Nông Trang", 3],
        [3, "Phong Châu", 1],
        [4, "Thanh Miếu", 2],
        [5, "Vĩnh Yên", 4],
    ],
    values={
        ("hotlines", PT_KY_SON): 2,
        ("hotlines", PT_NONG_TRANG): 3,
        ("hotlines", PT_PHONG_CHAU): 1,
        ("hotlines", PT_THANH_MIEU): 2,
        ("hotlines", PT_VINH_YEN): 4,
    },
    year=2026,
)

# 5. Old and merged names --------------------------------------------------------------------------------------
case(
    name="hoa-binh-2019-ky-son",
    fmt="xlsx",
    grid=title("TỈNH HÒA BÌNH", "NĂM 2019")
    + [
        ["STT", "Đơn vị", "Số ĐDN"],
        [1, "Thành phố Hòa Bình", 10],
        [2, "Huyện Kỳ Sơn", 4],
        [3, "Huyện Lương Sơn", 6],
    ],
    # Before the merger: the city and Kỳ Sơn are the two parts of today's city of Hòa Bình, added up.
    values={("hotlines", HB_HOA_BINH): 14, ("hotlines", HB_LUONG_SON): 6},
    year=2019,
    warnings=("'Thành phố Hòa Bình', 'Huyện Kỳ Sơn' được cộng thành Thành phố Hòa Bình",),
    absent=("có hai dòng", "trùng"),
)
case(
    name="vinh-phuc-2019-thi-xa-phuc-yen",
    fmt="csv",
    grid=title(period="NĂM 2019") + [["STT", "Đơn vị", "Số ĐDN"], [1, "Thị xã Phúc Yên", 8], [2, "TP Vĩnh Yên", 7]],
    values={("hotlines", PY): 8, ("hotlines", VY): 7},
    year=2019,
)
case(
    name="cao-bang-2021-thong-nong",
    fmt="xls",
    grid=title("TỈNH CAO BẰNG", "NĂM 2021") + [["STT", "Đơn vị", "Số ĐDN"], [1, "Huyện Thông Nông", 3]],
    # Thông Nông alone is part of today's Hà Quảng: never loaded as the whole of it.
    errors=(
        "dòng 6 › cột B (Tên đơn vị): 'Huyện Thông Nông' đã nhập vào Huyện Hà Quảng, nhưng báo cáo không có dòng "
        "cho Huyện Hà Quảng",
    ),
)
case(
    name="thanh-hoa-2021-tinh-gia",
    fmt="xlsx",
    grid=title("TỈNH THANH HÓA", "NĂM 2021")
    + [["STT", "Đơn vị", "Số ĐDN"], [1, "Huyện Tĩnh Gia", 12], [2, "Thành phố Sầm Sơn", 5]],
    values={("hotlines", TH_NGHI_SON): 12, ("hotlines", TH_SAM_SON): 5},
    year=2021,
)
case(
    name="hai-ten-mot-don-vi",
    fmt="xlsx",
    grid=title(period="NĂM 2019")
    + [["STT", "Đơn vị", "Số ĐDN"], [1, "Thị xã Phúc Yên", 8], [2, "Thành phố Phúc Yên", 8]],
    errors=("dòng 7 › cột B (Tên đơn vị): 'Thành phố Phúc Yên' trùng với 'Thị xã Phúc Yên' ở dòng 6",),
)
case(
    name="cao-bang-2019-quang-uyen-phuc-hoa",
    fmt="csv",
    grid=title("TỈNH CAO BẰNG", "NĂM 2019")
    + [["STT", "Đơn vị", "Số ĐDN"], [1, "Huyện Quảng Uyên", 3], [2, "Huyện Phục Hòa", 2]],
    values={("hotlines", CB_QUANG_HOA): 5},
    year=2019,
    warnings=("'Huyện Quảng Uyên', 'Huyện Phục Hòa' được cộng thành Huyện Quảng Hòa",),
    absent=("có hai dòng", "trùng với"),
)
case(
    name="ninh-binh-2023-hoa-lu-truoc-sap-nhap",
    fmt="xlsx",
    grid=title("TỈNH NINH BÌNH", "NĂM 2023")
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"],
        [1, "TP. Ninh Bình", 6, 9],
        [2, "H. Hoa Lư", 3, 4],
        [3, "H. Gia Viễn", 2, 5],
        ["", "Tổng cộng", 11, 18],
    ],
    values={
        ("hotlines", NB_HOA_LU): 9,
        ("dv_cases", NB_HOA_LU): 13,
        ("hotlines", NB_GIA_VIEN): 2,
        ("dv_cases", NB_GIA_VIEN): 5,
    },
    year=2023,
)
case(
    name="nam-dinh-2022-my-loc-thieu-thanh-pho",
    fmt="csv",
    grid=title("TỈNH NAM ĐỊNH", "NĂM 2022")
    + [["STT", "Đơn vị", "Số ĐDN"], [1, "Huyện Mỹ Lộc", 2], [2, "Huyện Vụ Bản", 3]],
    errors=("'Huyện Mỹ Lộc' đã nhập vào Thành phố Nam Định, nhưng báo cáo không có dòng cho Thành phố Nam Định",),
)
case(
    name="nam-dinh-2022-my-loc-chua-bao-cao",
    fmt="xlsx",
    grid=title("TỈNH NAM ĐỊNH", "NĂM 2022")
    + [["STT", "Đơn vị", "Số ĐDN"], [1, "TP Nam Định", 7], [2, "Huyện Mỹ Lộc", "chưa báo cáo"], [3, "Vụ Bản", 3]],
    # The city's own row is only part of today's city: nothing of it is loaded, and that is said.
    values={("hotlines", ND_VU_BAN): 3},
    year=2022,
    warnings=("không nạp 'Số đường dây nóng' của Thành phố Nam Định",),
    absent=("được cộng",),
)
case(
    name="ho-chi-minh-2020-quan-cu-va-thanh-pho-moi",
    fmt="xlsx",
    grid=title("THÀNH PHỐ HỒ CHÍ MINH", "NĂM 2020")
    + [["STT", "Đơn vị", "Số ĐDN"], [1, "Quận 2", 1], [2, "Thành phố Thủ Đức", 5]],
    errors=("'Quận 2' đã nhập vào Thành phố Thủ Đức, mà Thành phố Thủ Đức cũng có dòng riêng",),
)

# 8. Numbers ---------------------------------------------------------------------------------------------------
case(
    name="dau-phay-hang-nghin",
    fmt="csv",
    delimiter="\t",
    encoding="utf-16",
    grid=t
    + [["STT", "Đơn vị", "Tổng số hộ gia đình"], [1, "Thành phố Vĩnh Yên", "45,120"], [2, "TP Phúc Yên", "1,038,406"]],
    values={("households_total", VY): 45120, ("households_total", PY): 1038406},
    year=2024,
)
case(
    name="dau-phay-thap-phan",
    fmt="csv",
    grid=t + [["STT", "Đơn vị", "Tổng số hộ gia đình"], [1, "Thành phố Vĩnh Yên", "45,12"]],
    errors=("dòng 6 › cột C (Tổng số hộ gia đình): số đếm phải là số nguyên",),
)
case(
    name="so-khong-huu-han",
    fmt="xlsx",
    grid=t
    + [
        ["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ", "Tổng số hộ gia đình"],
        [1, "Thành phố Vĩnh Yên", "NaN", "inf", 1e300],
    ],
    errors=(
        "dòng 6 › cột C (Số đường dây nóng): 'NaN' không phải là số",
        "dòng 6 › cột D (Tổng số vụ bạo lực gia đình): 'inf' không phải là số",
        "dòng 6 › cột E (Tổng số hộ gia đình): số quá lớn",
    ),
)
case(
    name="hai-mu-sau-muoi-ba",
    fmt="csv",
    grid=t + [["STT", "Đơn vị", "Tổng số hộ gia đình"], [1, "Thành phố Vĩnh Yên", "9223372036854775808"]],
    errors=("dòng 6 › cột C (Tổng số hộ gia đình): số quá lớn",),
)
case(
    name="cong-thuc-chua-luu-ket-qua",
    fmt="xlsx",
    grid=t + [["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"], [1, "Thành phố Vĩnh Yên", None, 2]],
    formulas={(5, 2): "=5+3"},
    errors=("dòng 6 › cột C: ô có công thức chưa có kết quả đã lưu",),
)
case(
    name="cong-thuc-dde",
    fmt="xlsx",
    grid=t + [["STT", "Đơn vị", "Số ĐDN", "Số vụ BLGĐ"], [1, "Thành phố Vĩnh Yên", None, 2]],
    formulas={(5, 2): "=cmd|' /C calc'!A0"},
    errors=("dòng 6 › cột C: ô có công thức DDE",),
)

# Formats ------------------------------------------------------------------------------------------------------
case(
    name="ninh-binh-xls-tieu-de-gop",
    fmt="xls",
    grid=title("TỈNH NINH BÌNH", "NĂM 2022")
    + [
        ["TT", "Huyện, thành phố", "Số vụ BLGĐ", None, None, "Số ĐDN"],
        [None, None, "Tổng số", "Tinh thần", "Thân thể", None],
        [1, "Huyện Gia Viễn", 4, 1, 3, 11],
        [2, "Huyện Kim Sơn", 6, 2, 4, 27],
        [3, "Huyện Nho Quan", 2, 0, 2, 27],
        [None, "Cộng", 12, 3, 9, 65],
    ],
    merges=_header_merges(4, [(2, 4)], [0, 1, 5]),
    values={
        ("dv_cases", NB_GIA_VIEN): 4,
        ("dv_cases_mental", NB_GIA_VIEN): 1,
        ("dv_cases_physical", NB_GIA_VIEN): 3,
        ("hotlines", NB_GIA_VIEN): 11,
        ("dv_cases", NB_KIM_SON): 6,
        ("dv_cases_mental", NB_KIM_SON): 2,
        ("dv_cases_physical", NB_KIM_SON): 4,
        ("hotlines", NB_KIM_SON): 27,
        ("dv_cases", NB_NHO_QUAN): 2,
        ("dv_cases_mental", NB_NHO_QUAN): 0,
        ("dv_cases_physical", NB_NHO_QUAN): 2,
        ("hotlines", NB_NHO_QUAN): 27,
    },
    year=2022,
)
case(
    name="bac-ninh-utf16-tab",
    fmt="csv",
    encoding="utf-16",
    delimiter="\t",
    grid=title("TỈNH BẮC NINH", "NĂM 2022")
    + [
        ["STT", "Đơn vị", "Số CLB GĐPTBV", "Địa chỉ tin cậy"],
        [1, "TX Từ Sơn", 14, 30],
        [2, "Huyện Yên Phong", 9, 21],
        [3, "Thị xã Quế Võ", 11, 25],
    ],
    values={
        ("clubs_sustainable_family", BN_TU_SON): 14,
        ("trusted_addresses", BN_TU_SON): 30,
        ("clubs_sustainable_family", BN_YEN_PHONG): 9,
        ("trusted_addresses", BN_YEN_PHONG): 21,
        ("clubs_sustainable_family", BN_QUE_VO): 11,
        ("trusted_addresses", BN_QUE_VO): 25,
    },
    year=2022,
)
case(
    name="hoa-binh-2019-tong-o-cuoi-cong",
    fmt="xls",
    grid=title("TỈNH HÒA BÌNH", "NĂM 2019")
    + [
        ["STT", "Đơn vị", "Số CLB, nhóm PCBLGĐ", "Số ĐDN"],
        [1, "Thành phố Hòa Bình", 12, 10],
        [2, "Huyện Lương Sơn", 9, 6],
        [None, "Cộng", 21, 16],
    ],
    values={
        ("clubs_dv_prevention", HB_HOA_BINH): 12,
        ("hotlines", HB_HOA_BINH): 10,
        ("clubs_dv_prevention", HB_LUONG_SON): 9,
        ("hotlines", HB_LUONG_SON): 6,
    },
    year=2019,
)


# Writers ------------------------------------------------------------------------------------------------------
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _windows_vietnamese(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed (ơ, ư, â), tones combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258")


def _merged_away(c: Case) -> set[tuple[int, int]]:
    """Cells a merge covers besides its first: Excel keeps them empty."""
    return {
        (r, col)
        for r1, c1, r2, c2 in c.merges
        for r in range(r1, r2 + 1)
        for col in range(c1, c2 + 1)
        if (r, col) != (r1, c1)
    }


def write(c: Case, folder: Path) -> Path:
    path = folder / c.file_name
    away = _merged_away(c)
    if c.fmt == "xlsx":
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = c.sheet
        for r, row in enumerate(c.grid):
            for col, value in enumerate(row):
                if value is not None and (r, col) not in away:
                    ws.cell(r + 1, col + 1).value = value
        for (r, col), formula in c.formulas.items():
            ws.cell(r + 1, col + 1).value = formula  # openpyxl saves a formula with no result
        for r1, c1, r2, c2 in c.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        book.save(path)
    elif c.fmt == "xls":
        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet(c.sheet)
        starts = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in c.merges}
        for r, row in enumerate(c.grid):
            for col, value in enumerate(row):
                if (r, col) in away:
                    continue
                if (r, col) in starts:
                    r2, c2 = starts[(r, col)]
                    ws.write_merge(r, r2, col, c2, value)
                elif value is not None:
                    ws.write(r, col, value)
        book.save(str(path))
    else:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=c.delimiter, lineterminator="\r\n").writerows(c.grid)
        text = buffer.getvalue()
        path.write_bytes(_windows_vietnamese(text) if c.encoding == "cp1258" else text.encode(c.encoding))
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for c in CASES:
        print(write(c, out), "(held out)" if c.held_out else "")
