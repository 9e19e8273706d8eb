"""Files from outside, read safely: a cheap look at their bytes first, then the reader in a worker process with limits.

A spreadsheet reader sizes its grid by the farthest cell and unpacks what the zip says: one cell at XFD1048576 or
a zip of whitespace is enough to make it ask for gigabytes, or abort the process that runs it. So a file an
officer uploads (or `etl validate` / `etl load` is given) is first inspected without being parsed (its format by
its first bytes; a workbook's zip members, their sizes and ratios, and every sheet's farthest cell, streamed),
then read by `python -m etl.untrusted` in a child process under memory, CPU and wall-time limits. A crash there
is a located message in Vietnamese, never the dashboard going down."""

from __future__ import annotations

import html
import pickle
import re
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from core.problems import Problem
from etl import longform
from etl.readers import read_report
from etl.report import Report

MAX_BYTES = 10 * 1024 * 1024  # a province's yearly report is a few hundred kilobytes
MAX_ROWS = 20_000  # a province has at most some 600 communes; titles, sections and notes add a few rows
MAX_COLUMNS = 1_000  # the catalogue has about 60 indicators
MAX_MEMBERS = 1_000  # parts of one workbook
MAX_UNPACKED = 256 * 1024 * 1024  # all of a workbook's XML unpacked
MAX_RATIO = 200  # unpacked/packed of one part: XML packs 10–50 times; bombs of cells or spaces far more


@dataclass(frozen=True)
class Limits:
    """What the reading worker may take: data segment (bytes), CPU seconds, wall seconds."""

    memory: int
    cpu: int
    wall: int


# A report: reading a real one peaks near 320 MB, mostly the libraries.
REPORT_LIMITS = Limits(480 * 2**20, 20, 30)
# A long-form file checks its rows in DuckDB, whose unit tables alone reserve over a gigabyte; one of upload size
# still gets bounded time, and only a national file given to the command line gets minutes.
LONG_LIMITS = Limits(2 * 2**30, 60, 90)
NATIONAL_LIMITS = Limits(6 * 2**30, 900, 1200)

_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,7})"')
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy .xls, or an encrypted (password-protected) workbook
_ZIP = b"PK\x03\x04"
_PICTURES = {b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"%PDF": "PDF"}


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _refuse(name: str, vi: str, en: str, expected: tuple[str, str] | None = None, found: str | None = None) -> list:
    return [Problem(name, (vi, en), expected=expected, found=found)]


def _too_big(name: str, what: tuple[str, str], found: str) -> list[Problem]:
    return _refuse(
        name,
        f"{what[0]}: đây không phải một báo cáo của tỉnh",
        f"{what[1]}: this is not a province report",
        expected=(
            f"tối đa {MAX_ROWS:,} dòng và {MAX_COLUMNS:,} cột".replace(",", "."),
            f"at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns",
        ),
        found=found,
    )


def _over_size(name: str, size: int, limit: int = MAX_BYTES) -> list[Problem]:
    """A file over the size a report can have (a long-form file, outside an upload, has no such bound)."""
    most = f"{limit // 2**20} MB"
    return _refuse(
        name,
        "tệp quá lớn",
        "the file is too large",
        expected=(f"tối đa {most}", f"at most {most}"),
        found=f"{size / 2**20:.1f} MB".replace(".", ","),
    )


def _sheet_extent(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """The farthest row and column holding a cell, read by streaming the sheet's XML (never all in memory);
    stops as soon as either passes its limit."""
    rows = columns = 0
    tail = b""
    with book.open(info) as part:
        while chunk := part.read(1 << 20):
            text = tail + chunk
            for letters, row in _CELL_REF.findall(text):
                columns = max(columns, _column_number(letters))
                rows = max(rows, int(row))
            for row in _ROW_REF.findall(text):
                rows = max(rows, int(row))
            if rows > MAX_ROWS or columns > MAX_COLUMNS:
                break
            tail = text[-200:]  # a tag cut between two chunks is read whole with the next one
    return rows, columns


_SHEET_TAG = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL_TAG = re.compile(rb'<(?:\w+:)?Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')


def _sheet_names(book: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> the sheet's name as Excel shows it, read with patterns (no XML parser on untrusted parts);
    empty when the workbook does not say, and messages then name the part."""
    try:
        sizes = {m.filename: m.file_size for m in book.infolist()}
        if max(sizes.get("xl/workbook.xml", 0), sizes.get("xl/_rels/workbook.xml.rels", 0)) > 1 << 20:
            return {}
        sheets = _SHEET_TAG.findall(book.read("xl/workbook.xml"))
        targets = dict(_REL_TAG.findall(book.read("xl/_rels/workbook.xml.rels")))
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    names = {}
    for sheet, rel in sheets:
        target = targets.get(rel, b"").decode("utf-8", "replace")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        names[part] = html.unescape(sheet.decode("utf-8", "replace"))
    return names


def _inspect_workbook(path: Path, name: str) -> list[Problem]:
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return _refuse(
            name,
            "tệp Excel bị hỏng hoặc chưa tải về hết",
            "the Excel file is damaged or was not downloaded in full",
            expected=("mở tệp bằng Excel, lưu lại rồi tải lên lại", "the file opened in Excel, saved, uploaded again"),
        )
    with book:
        members = book.infolist()
        if len(members) > MAX_MEMBERS:
            return _refuse(name, "tệp có quá nhiều phần", "the file has too many parts", found=str(len(members)))
        if "xl/workbook.xml" not in book.namelist():
            return _refuse(
                name,
                "tệp nén này không phải bảng tính Excel",
                "this zip file is not an Excel workbook",
                expected=(".xlsx lưu từ Excel", ".xlsx saved by Excel"),
            )
        unpacked = sum(m.file_size for m in members)
        if unpacked > MAX_UNPACKED:
            return _too_big(name, ("tệp giải nén quá lớn", "the file unpacks too large"), f"{unpacked // 2**20} MB")
        for member in members:
            if member.file_size > (1 << 20) and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                ratio = member.file_size // max(member.compress_size, 1)
                return _refuse(
                    name,
                    f"phần {member.filename} nén bất thường (gấp {ratio} lần): tệp không phải báo cáo",
                    f"part {member.filename} is packed abnormally ({ratio} times): not a report",
                )
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                with book.open(member) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    # Excel never declares entities; a declaration is there to expand into gigabytes.
                    return _refuse(
                        name,
                        f"phần {member.filename} khai báo thực thể XML: tệp không phải do Excel lưu",
                        f"part {member.filename} declares XML entities: the file was not saved by Excel",
                    )
        sheet_names = _sheet_names(book)
        for member in members:
            if re.fullmatch(r"xl/worksheets/[^/]+\.xml", member.filename):
                try:
                    rows, columns = _sheet_extent(book, member)
                except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile):
                    return _refuse(
                        name,
                        "tệp Excel bị hỏng hoặc chưa tải về hết",
                        "the Excel file is damaged or was not downloaded in full",
                    )
                if rows > MAX_ROWS or columns > MAX_COLUMNS:
                    sheet = sheet_names.get(member.filename, member.filename)
                    what = (f"sheet '{sheet}' quá lớn", f"sheet '{sheet}' is too large")
                    found = f"> {MAX_ROWS:,} dòng" if rows > MAX_ROWS else f"> {MAX_COLUMNS:,} cột"
                    return _too_big(name, what, found.replace(",", "."))
    return []


def inspect(path: Path, max_bytes: int | None = MAX_BYTES) -> list[Problem]:
    """What makes a file unfit to be parsed at all, found from its bytes alone; empty when it may be read.
    `max_bytes` bounds every file (an upload); a long-form file is otherwise unbounded (a national load)."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        return _refuse(name, f"không mở được tệp ({exc.strerror})", f"the file cannot be opened ({exc.strerror})")
    if max_bytes is not None and size > max_bytes:
        return _over_size(name, size, max_bytes)
    if size == 0:
        return _refuse(name, "tệp rỗng", "the file is empty")
    suffix = path.suffix.lower()
    for magic, kind in _PICTURES.items():
        if head.startswith(magic):
            return _refuse(
                name,
                f"tệp là {'văn bản' if kind == 'PDF' else 'ảnh'} {kind}, không phải bảng tính",
                f"the file is a {kind} {'document' if kind == 'PDF' else 'picture'}, not a spreadsheet",
                expected=(".xlsx, .xls hoặc .csv", ".xlsx, .xls or .csv"),
            )
    if head.startswith(_OLE):
        data = path.read_bytes() if size <= MAX_BYTES else b""
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            return _refuse(
                name,
                "tệp có mật khẩu; hãy bỏ mật khẩu rồi tải lên lại",
                "the file is password-protected; remove the password and upload it again",
            )
        if suffix != ".xls":
            return _refuse(
                name,
                "tệp là bảng tính Excel cũ (.xls) nhưng mang đuôi khác",
                "the file is an old Excel workbook (.xls) under another name",
                found=suffix,
            )
        return [] if size <= MAX_BYTES else _over_size(name, size)
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(_ZIP):
            return _refuse(
                name,
                "tệp mang đuôi .xlsx nhưng không phải bảng tính Excel (bị hỏng, hoặc là loại tệp khác)",
                "the file is named .xlsx but is not an Excel workbook (damaged, or another kind of file)",
            )
        if size > MAX_BYTES:
            return _over_size(name, size)
        return _inspect_workbook(path, name)
    if suffix == ".csv":
        if longform.is_long(path):
            return []
        if size > MAX_BYTES:
            return _over_size(name, size)
        with path.open("rb") as f:
            start = f.read(2)
        utf16 = start in (b"\xff\xfe", b"\xfe\xff")  # UTF-16 text is half NUL bytes, and is a CSV all the same
        lines = widest = 0
        with path.open("rb") as f:
            for line in f:  # at most 10 MB: one pass over the bytes, no parsing
                if not utf16 and b"\x00" in line:
                    return _refuse(
                        name,
                        f"dòng {lines + 1} có ký tự NUL: tệp không phải văn bản CSV",
                        f"line {lines + 1} holds a NUL character: the file is not CSV text",
                    )
                lines += 1
                widest = max(widest, line.count(b";"), line.count(b","), line.count(b"\t"))
                if lines > MAX_ROWS or widest >= MAX_COLUMNS:
                    break
        if lines > MAX_ROWS:
            what = ("tệp CSV quá nhiều dòng", "the CSV file has too many lines")
            return _too_big(name, what, f"> {MAX_ROWS:,}".replace(",", "."))
        if widest >= MAX_COLUMNS:
            what = ("tệp CSV quá nhiều cột", "the CSV file has too many columns")
            return _too_big(name, what, f"> {MAX_COLUMNS:,}".replace(",", "."))
    return []


def limits_for(path: Path) -> Limits:
    if not longform.is_long(path):
        return REPORT_LIMITS
    return LONG_LIMITS if path.stat().st_size <= MAX_BYTES else NATIONAL_LIMITS


def _limit_self(limits: Limits) -> None:
    resource.setrlimit(resource.RLIMIT_DATA, (limits.memory, limits.memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu, limits.cpu))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind


def _failed(name: str, why: tuple[str, str]) -> tuple[None, list[Problem]]:
    vi, en = why
    return None, [
        Problem(
            name,
            (f"không đọc được tệp: {vi}", f"the file cannot be read: {en}"),
            expected=("mở tệp bằng Excel, lưu lại rồi tải lên lại", "the file opened in Excel, saved, uploaded again"),
        )
    ]


def read_untrusted(path: Path, max_bytes: int | None = MAX_BYTES) -> tuple[Report | None, list[Problem]]:
    """`read_report` for a file from outside: inspected first, then read in a limited worker process."""
    problems = inspect(path, max_bytes)
    if problems:
        return None, problems
    limits = limits_for(path)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "etl.untrusted", str(path), str(limits.memory), str(limits.cpu)],
            capture_output=True,
            timeout=limits.wall,
            cwd=Path(__file__).resolve().parent.parent,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _failed(path.name, ("đọc quá lâu", "reading it took too long"))
    if run.returncode != 0 or not run.stdout:
        # Killed by a limit (memory, CPU) or aborted by the spreadsheet library.
        return _failed(path.name, ("tệp cần quá nhiều bộ nhớ hoặc thời gian", "it needs too much memory or time"))
    report, found = pickle.loads(run.stdout)  # our own child's answer
    if report is not None:
        report.path = path  # the worker saw the same file; keep the caller's path object
    return report, found


def _main() -> None:
    path, memory, cpu = sys.argv[1:4]
    _limit_self(Limits(int(memory), int(cpu), 0))
    sys.stdout.buffer.write(pickle.dumps(read_report(Path(path))))


if __name__ == "__main__":
    _main()
