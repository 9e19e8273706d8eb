"""Hostile and broken files, made on demand: each with what must happen to it (`python -m tests.hostile_files DIR`).

Each maker takes a good report workbook and a folder and returns the path of its file. The expected outcome is
the start of the Vietnamese message the officer reads."""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from etl.template import write_workbook


def good(folder: Path) -> Path:
    return write_workbook(folder / "vinh-phuc-2024.xlsx", "Vĩnh Phúc", [2024], {})


def _rewrite_sheets(src: Path, dst: Path, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for member in zin.infolist():
            data = zin.read(member)
            if member.filename.startswith("xl/worksheets/sheet"):
                data = change(data)
            zout.writestr(member.filename, data)
    return dst


def _far_cell(ref: str) -> Callable[[bytes], bytes]:
    row = re.sub("[A-Z]", "", ref)
    cell = f'<row r="{row}"><c r="{ref}" t="n"><v>1</v></c></row></sheetData>'.encode()
    return lambda data: data.replace(b"</sheetData>", cell)


def far_cell(folder: Path) -> Path:
    """The template plus one cell at XFD1048576: 9 KB that asks a reader for a grid of 550 GB."""
    return _rewrite_sheets(good(folder), folder / "o-xa.xlsx", _far_cell("XFD1048576"))


def far_cell_100k(folder: Path) -> Path:
    return _rewrite_sheets(good(folder), folder / "o-xa-2.xlsx", _far_cell("ALL100000"))


def wide_sheet(folder: Path) -> Path:
    """16,384 columns in the first row."""
    cells = "".join(f'<c r="{_letters(i)}1" t="n"><v>{i}</v></c>' for i in range(1, 16385)).encode()
    return _rewrite_sheets(
        good(folder), folder / "rong.xlsx", lambda d: d.replace(b"<sheetData>", b'<sheetData><row r="1">' + cells)
    )


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def whitespace_bomb(folder: Path) -> Path:
    """Sheet XML padded with 200 MB of spaces: tiny packed, huge unpacked."""
    return _rewrite_sheets(
        good(folder),
        folder / "khoang-trang.xlsx",
        lambda d: d.replace(b"<sheetData>", b"<sheetData>" + b" " * 200_000_000),
    )


def cell_bomb(folder: Path) -> Path:
    """A million empty-string cells: a zip of repeated XML."""
    row = b"".join(b'<c r="A%d" t="inlineStr"><is><t></t></is></c>' % i for i in range(1, 2))
    rows = b"".join(b'<row r="%d">' % r + row.replace(b"A1", b"A%d" % r) + b"</row>" for r in range(1, 1_000_001))
    return _rewrite_sheets(
        good(folder), folder / "bom-o.xlsx", lambda d: d.replace(b"<sheetData>", b"<sheetData>" + rows)
    )


def truncated(folder: Path) -> Path:
    path = folder / "tai-chua-het.xlsx"
    path.write_bytes(good(folder).read_bytes()[:3000])
    return path


def password_protected(folder: Path) -> Path:
    """What Excel writes for a workbook with a password: an OLE container holding the encrypted package."""
    path = folder / "co-mat-khau.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(header + directory + b"\x00" * 4096)
    return path


def picture(folder: Path) -> Path:
    path = folder / "anh-chup.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048)
    return path


def pdf(folder: Path) -> Path:
    path = folder / "bao-cao.csv"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00" * 2048)
    return path


def not_a_workbook(folder: Path) -> Path:
    path = folder / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("readme.txt", "hello")
    return path


def empty(folder: Path) -> Path:
    path = folder / "rong-khong.csv"
    path.write_bytes(b"")
    return path


def household_register(folder: Path) -> Path:
    """200,000 rows of a household register uploaded by mistake (about 7 MB)."""
    path = folder / "so-ho-khau.csv"
    lines = ["Họ và tên;Năm sinh;Địa chỉ;Số nhân khẩu"] + [
        f"Nguyễn Văn {i};19{i % 90 + 10};Thôn {i % 40}, xã Tam Hồng;{i % 7 + 1}" for i in range(200_000)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def too_large(folder: Path) -> Path:
    path = folder / "qua-lon.csv"
    path.write_bytes(b"Ten don vi;So duong day nong\n" + b"Xa A;1\n" * 1_600_000)  # 11 MB
    return path


def entity_bomb(folder: Path) -> Path:
    """The "billion laughs": nested XML entities declared in the workbook part."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
        )
        + b"]>"
    )

    def change(src: Path, dst: Path) -> Path:
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for member in zin.infolist():
                data = zin.read(member)
                if member.filename == "xl/workbook.xml":
                    data = bomb + data.split(b"?>", 1)[1]
                zout.writestr(member.filename, data)
        return dst

    return change(good(folder), folder / "thuc-the.xlsx")


def nul_bytes(folder: Path) -> Path:
    path = folder / "nul.csv"
    path.write_bytes("Tên đơn vị;Số đường dây nóng\nHuyện Yên Lạc;1\x00\x00\n".encode())
    return path


def wide_csv(folder: Path) -> Path:
    path = folder / "rong.csv"
    path.write_text("Tên đơn vị;" + ";".join(f"Cột {i}" for i in range(16_384)) + "\n", encoding="utf-8")
    return path


# file maker -> the start of the message the officer reads
CASES: dict[Callable[[Path], Path], str] = {
    far_cell: "sheet 'Năm 2024' quá lớn",
    far_cell_100k: "sheet 'Năm 2024' quá lớn",
    wide_sheet: "sheet 'Năm 2024' quá lớn",
    whitespace_bomb: "phần xl/worksheets/sheet1.xml nén bất thường",
    cell_bomb: "sheet 'Năm 2024' quá lớn",
    entity_bomb: "phần xl/workbook.xml khai báo thực thể XML",
    nul_bytes: "dòng 2 có ký tự NUL",
    wide_csv: "tệp CSV quá nhiều cột",
    truncated: "tệp Excel bị hỏng hoặc chưa tải về hết",
    password_protected: "tệp có mật khẩu; hãy bỏ mật khẩu rồi tải lên lại",
    picture: "tệp là ảnh PNG, không phải bảng tính",
    pdf: "tệp là văn bản PDF, không phải bảng tính",
    not_a_workbook: "tệp nén này không phải bảng tính Excel",
    empty: "tệp rỗng",
    household_register: "tệp CSV quá nhiều dòng",
    too_large: "tệp quá lớn",
}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for make in CASES:
        print(make(out))
