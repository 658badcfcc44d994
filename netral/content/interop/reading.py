"""Reading an uploaded question file: GIFT, Aiken or the Excel template, told apart by name and content."""

from __future__ import annotations

import re

from netral.content.interop.aiken import parse_aiken
from netral.content.interop.gift import parse_gift
from netral.content.interop.model import ImportProblem, ParsedFile
from netral.content.interop.xlsx import parse_question_xlsx
from netral.core.zipsize import expanded_size

FORMATS = ("gift", "aiken", "xlsx")
# A bank of a thousand questions with feedback is well under 1 MB of GIFT; the limits leave room and stop abuse.
MAX_QUESTION_BYTES = 5 * 2**20
MAX_QUESTION_XLSX_EXPANDED = 50 * 2**20


def read_question_file(name: str, data: bytes, file_format: str | None = None) -> ParsedFile:
    """Parse an uploaded file as GIFT, Aiken or the Excel template (guessed when not given)."""
    if len(data) > MAX_QUESTION_BYTES:
        reason = f"berkas terlalu besar ({len(data) / 2**20:.1f} MB); batasnya {MAX_QUESTION_BYTES // 2**20} MB per berkas"
        return ParsedFile(problems=[ImportProblem(None, "", reason)])
    file_format = file_format or guess_format(name, data)
    if file_format == "xlsx":
        if (expanded := expanded_size(data) or 0) > MAX_QUESTION_XLSX_EXPANDED:
            reason = (
                f"isi XLSX ini mengembang menjadi {expanded // 2**20} MB; batasnya {MAX_QUESTION_XLSX_EXPANDED // 2**20} MB "
                "(bagi soal menjadi beberapa berkas)"
            )
            return ParsedFile(problems=[ImportProblem(None, "", reason)])
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
