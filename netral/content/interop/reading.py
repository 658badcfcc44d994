"""Reading an uploaded question file: GIFT, Aiken or the Excel template, told apart by name and content."""

from __future__ import annotations

import re

from netral.content.interop.aiken import parse_aiken
from netral.content.interop.gift import parse_gift
from netral.content.interop.model import ImportProblem, ParsedFile
from netral.content.interop.xlsx import parse_question_xlsx

FORMATS = ("gift", "aiken", "xlsx")


def read_question_file(name: str, data: bytes, file_format: str | None = None) -> ParsedFile:
    """Parse an uploaded file as GIFT, Aiken or the Excel template (guessed when not given)."""
    file_format = file_format or guess_format(name, data)
    if file_format == "xlsx":
        return parse_question_xlsx(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ParsedFile(problems=[ImportProblem(line, "", "berkas harus teks UTF-8 (simpan ulang sebagai UTF-8)")])
    return parse_aiken(text) if file_format == "aiken" else parse_gift(text)


def guess_format(name: str, data: bytes) -> str:
    """Tell GIFT, Aiken and XLSX apart by extension and content."""
    if name.lower().endswith(".xlsx") or data[:2] == b"PK":
        return "xlsx"
    text = data[:20000].decode("utf-8", "ignore")
    if re.search(r"^\s*ANSWER:", text, re.MULTILINE) and "{" not in text:
        return "aiken"
    return "gift"
