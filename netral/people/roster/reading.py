"""Reading HR's employee roster (CSV or XLSX) into valid rows and problems by row and column, never raising for a bad file."""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from pathlib import PurePath

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from netral.core.dates import format_count
from netral.core.zipsize import expanded_size
from netral.people.roster.cells import check_atasan, check_nip, check_text, is_blank
from netral.people.roster.columns import (
    ATASAN,
    HEADER_SEARCH_ROWS,
    NIP,
    TEXT_FIELDS,
    Header,
    echoes_header,
    header_problems,
    locate_header,
)
from netral.people.roster.messages import (
    BAD_XLSX,
    BROKEN_CSV,
    EMPTY,
    INFLATED_XLSX,
    MORE_PROBLEMS,
    NO_DATA,
    NO_HEADER,
    NOT_A_TABLE,
    OLD_EXCEL,
    TOO_BIG,
    TOO_LONG_CELL,
    TOO_MANY_ROWS,
    TOO_WIDE,
    UNDECODABLE,
    WRONG_ENCODING,
)

# Limits that keep one hostile file from holding a server (docs/security.md): a province's roster fits well inside.
MAX_ROSTER_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_CELLS_PER_ROW = 60
MAX_CELL_CHARS = 1_000
MAX_XLSX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_LISTED_PROBLEMS = 1_000
# cp1252 decodes any bytes; these characters in a roster mean it was written in another encoding (Shift-JIS, ...).
_ROW_TAG = re.compile(rb"<(?:\w{1,8}:)?row[\s>/]")
_MOJIBAKE = set("ƒ„†‡ˆ‰Š‹ŒŽ•˜™š›œžŸ")
DELIMITERS = ";,\t"  # in order of preference: Indonesian Excel saves semicolons
MAX_ROWS_NAMED = 5

_ZIP, _OLE, _UTF16 = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", (b"\xff\xfe", b"\xfe\xff")
# openpyxl reports a damaged workbook with whatever its zip and XML layers raise.
_XLSX_ERRORS = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,
)


@dataclass(frozen=True)
class RosterRow:
    """One valid employee row; `row` is the row number HR sees in Excel."""

    row: int
    nip: str
    name: str
    jabatan: str
    perangkat_daerah: str
    unit_kerja: str
    email: str
    pangkat: str = ""
    atasan_nip: str = ""


@dataclass(frozen=True)
class RosterProblem:
    """Why a row (or, with row None, the whole file) cannot be imported; `column` is the header text in the file."""

    row: int | None
    column: str
    reason: str


@dataclass(frozen=True)
class RosterFile:
    """A read roster: its valid rows, its problems by row and column, and how many non-blank data rows it has."""

    rows: tuple[RosterRow, ...]
    problems: tuple[RosterProblem, ...]
    data_rows: int


class _Unreadable(Exception):
    """The file as a whole cannot be read; the message is for HR."""


def read_roster(data: bytes, filename: str, *, today: date | None = None) -> RosterFile:
    """Read an HR roster export (.xlsx, or .csv/.txt with ; , or tab) into valid rows and problems."""
    try:
        return _read(data, filename, today)
    except _Unreadable as exc:
        return _refused(str(exc))


def _refused(*reasons: str, data_rows: int = 0) -> RosterFile:
    return RosterFile((), tuple(RosterProblem(None, "", reason) for reason in reasons), data_rows)


def _read(data: bytes, filename: str, today: date | None) -> RosterFile:
    if len(data) > MAX_ROSTER_BYTES:
        raise _Unreadable(TOO_BIG.format(size=len(data) / 2**20, limit=MAX_ROSTER_BYTES // 2**20))
    if not data.strip():
        raise _Unreadable(EMPTY)
    # The content decides before the name: a workbook renamed .csv is still a workbook.
    if data.startswith(_ZIP):
        return _read_table(_xlsx_rows(data), today)
    if data.startswith(_OLE):
        raise _Unreadable(OLD_EXCEL)
    if PurePath(filename).suffix.lower() in (".csv", ".txt") and _looks_like_text(data):
        return _read_csv(_decode(data), today)
    raise _Unreadable(NOT_A_TABLE.format(name=PurePath(filename).name))


def _looks_like_text(data: bytes) -> bool:
    return data.startswith(_UTF16) or (b"\x00" not in data and not data.startswith(b"%PDF"))


def _decode(data: bytes) -> str:
    # Excel's "Unicode Text" is UTF-16; "CSV UTF-8" has a BOM; plain "CSV" on Windows is cp1252.
    for codec in ("utf-16",) if data.startswith(_UTF16) else ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "cp1252" and not _MOJIBAKE.isdisjoint(text):
            raise _Unreadable(WRONG_ENCODING)
        return text
    raise _Unreadable(UNDECODABLE)


def _read_csv(text: str, today: date | None) -> RosterFile:
    if not text.strip(' \t\r\n;,"'):
        raise _Unreadable(EMPTY)
    delimiter = max(DELIMITERS, key=lambda candidate: _header_score(text, candidate))
    # Count the rows first, at the csv module's C speed: a file with too many is refused in a second
    # instead of after checking 200,000 rows of junk one by one.
    if sum(1 for _ in islice(_csv_rows(text, delimiter), MAX_ROWS + HEADER_SEARCH_ROWS + 1)) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise _Unreadable(TOO_MANY_ROWS.format(limit=format_count(MAX_ROWS)))
    return _read_table(_csv_rows(text, delimiter), today)


def _header_score(text: str, delimiter: str) -> tuple[bool, int]:
    try:
        head = list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), HEADER_SEARCH_ROWS))
    except csv.Error:
        return False, 0
    header = locate_header(head)
    return (header.usable, len(header.positions)) if header else (False, 0)


def _csv_rows(text: str, delimiter: str) -> Iterator[Sequence[object]]:
    csv.field_size_limit(MAX_CELL_CHARS)  # the module's own limit stops a giant cell before it is built
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _Unreadable(TOO_LONG_CELL.format(row=reader.line_num, limit=MAX_CELL_CHARS)) from exc
        raise _Unreadable(BROKEN_CSV.format(line=reader.line_num, error=exc)) from exc


def _xlsx_rows(data: bytes) -> Iterator[Sequence[object]]:
    _check_expanded_size(data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles or extensions it ignores; HR cannot act on that, and the data still reads.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # read-only mode trusts the stored sheet size, which some exporters get wrong
            yield from sheet.iter_rows(values_only=True)
        finally:
            book.close()
    except _XLSX_ERRORS as exc:
        raise _Unreadable(BAD_XLSX) from exc


def _check_expanded_size(data: bytes) -> None:
    if (expanded := expanded_size(data)) is None:
        raise _Unreadable(BAD_XLSX)
    if expanded > MAX_XLSX_EXPANDED_BYTES:
        raise _Unreadable(INFLATED_XLSX.format(size=expanded // 2**20, limit=MAX_XLSX_EXPANDED_BYTES // 2**20))
    # openpyxl scans a whole sheet that lacks a <dimension> before giving its first row (140 KiB claiming a
    # million rows: 70 s). Counting row tags while inflating runs at zlib's speed and refuses it in a second.
    if _sheet_rows(data) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise _Unreadable(TOO_MANY_ROWS.format(limit=format_count(MAX_ROWS)))


def _sheet_rows(data: bytes, sheet: str = "xl/worksheets/sheet1.xml") -> int:
    # The usual name of the first sheet; a workbook naming it otherwise is simply not pre-counted.
    count, tail = 0, b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sheet not in archive.namelist():
            return 0
        with archive.open(sheet) as part:
            while chunk := part.read(2**20):
                window = tail + chunk  # a tag cut by the chunk boundary starts in the carried tail
                edge = max(len(window) - 16, 0)
                count += sum(1 for match in _ROW_TAG.finditer(window) if match.start() < edge)
                tail = window[edge:]
    return count + len(_ROW_TAG.findall(tail))


def _bounded(rows: Iterator[Sequence[object]]) -> Iterator[Sequence[object]]:
    for number, cells in enumerate(rows, start=1):
        if number > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise _Unreadable(TOO_MANY_ROWS.format(limit=format_count(MAX_ROWS)))
        if len(cells) > MAX_CELLS_PER_ROW and not all(map(is_blank, cells[MAX_CELLS_PER_ROW:])):
            raise _Unreadable(TOO_WIDE.format(row=number, limit=MAX_CELLS_PER_ROW))
        if any(isinstance(cell, str) and len(cell) > MAX_CELL_CHARS for cell in cells):
            raise _Unreadable(TOO_LONG_CELL.format(row=number, limit=MAX_CELL_CHARS))
        yield cells[:MAX_CELLS_PER_ROW]


def _read_table(rows: Iterator[Sequence[object]], today: date | None) -> RosterFile:
    rows = _bounded(rows)
    head = list(islice(rows, HEADER_SEARCH_ROWS))
    header = locate_header(head)
    if header is None:
        blank = all(is_blank(cell) for cells in head for cell in cells) and next(rows, None) is None
        raise _Unreadable(EMPTY if blank else NO_HEADER)
    body = enumerate(chain(head[header.row :], rows), start=header.row + 1)
    reasons = header_problems(header)
    if reasons:
        return _refused(*reasons, data_rows=sum(1 for _, cells in body if not all(map(is_blank, cells))))
    roster = _read_body(body, header, today)
    return roster if roster.data_rows else _refused(NO_DATA.format(row=header.row))


def _read_body(body: Iterator[tuple[int, Sequence[object]]], header: Header, today: date | None) -> RosterFile:
    columns = {field: positions[0] for field, positions in header.positions.items()}
    found: list[tuple[int, dict[str, str]]] = []
    problems: list[tuple[int, int, str]] = []
    rows_of: dict[str, list[int]] = defaultdict(list)
    data_rows = 0
    for number, cells in body:
        values = {field: cells[index] if index < len(cells) else None for field, index in columns.items()}
        if all(map(is_blank, values.values())):
            continue
        checked, reasons = _check_row(values, today)
        if reasons and echoes_header(header, cells):
            continue
        data_rows += 1
        problems.extend((number, columns[field], reason) for field, reason in reasons)
        if all(field != NIP for field, _ in reasons):
            rows_of[checked[NIP]].append(number)
        if not reasons:
            found.append((number, checked))
    repeated = {nip: numbers for nip, numbers in rows_of.items() if len(numbers) > 1}
    for numbers in repeated.values():
        problems.extend((number, columns[NIP], _duplicate(number, numbers)) for number in numbers)
    problems.sort(key=lambda problem: problem[:2])
    listed = [RosterProblem(number, header.titles[index], reason) for number, index, reason in problems[:MAX_LISTED_PROBLEMS]]
    if len(problems) > MAX_LISTED_PROBLEMS:  # a file of junk must not become a list of millions of lines
        listed.append(RosterProblem(None, "", MORE_PROBLEMS.format(count=format_count(len(problems) - MAX_LISTED_PROBLEMS))))
    return RosterFile(tuple(_row(number, v) for number, v in found if v[NIP] not in repeated), tuple(listed), data_rows)


def _check_row(values: dict[str, object], today: date | None) -> tuple[dict[str, str], list[tuple[str, str]]]:
    checked: dict[str, str] = {}
    reasons: list[tuple[str, str]] = []
    for field in (NIP, *TEXT_FIELDS):
        value = values.get(field)
        if field == ATASAN:
            checked[field], reason = check_atasan(value, checked[NIP], today)
        else:
            checked[field], reason = check_nip(value, today) if field == NIP else check_text(field, value)
        if reason:
            reasons.append((field, reason))
    return checked, reasons


def _row(number: int, values: dict[str, str]) -> RosterRow:
    return RosterRow(number, *(values[field] for field in (NIP, *TEXT_FIELDS)))


def _duplicate(number: int, numbers: list[int]) -> str:
    others = [str(other) for other in numbers if other != number]
    named = others[:MAX_ROWS_NAMED] + ([f"{len(others) - MAX_ROWS_NAMED} baris lain"] if len(others) > MAX_ROWS_NAMED else [])
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " dan " + named[-1]
    return f"NIP ini juga ada di baris {listed}; satu NIP hanya boleh satu baris."
