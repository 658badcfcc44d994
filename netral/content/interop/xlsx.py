"""The Excel question template: one row per question, Indonesian column names, dropdowns for HR."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from netral.content.bank.model import POOLS
from netral.content.interop.model import (
    BankQuestion,
    ImportProblem,
    ParsedFile,
    ParsedQuestion,
    format_weight,
    key_from_name,
    option_ids,
)

LETTERS = "abcde"
HEADERS = [
    "id",
    "modul",
    "tipe",
    "pertanyaan",
    *(f"pilihan_{letter}" for letter in LETTERS),
    "kunci",
    "bobot",
    *(f"umpan_balik_{letter}" for letter in LETTERS),
    "penjelasan",
    "dasar_hukum",
    "topik",
    "kategori",
    "tingkat",
    "kumpulan",
    "id_pilihan",
]
REQUIRED = ("tipe", "pertanyaan", "kunci")
KINDS = {
    "tunggal": "single",
    "single": "single",
    "ganda": "multiple",
    "multiple": "multiple",
    "benar-salah": "truefalse",
    "benar/salah": "truefalse",
    "truefalse": "truefalse",
}
KIND_NAMES = {"single": "tunggal", "multiple": "ganda", "truefalse": "benar-salah"}
GUIDE = [
    ("id", "Kode unik soal (huruf kecil, angka, tanda hubung). Kosongkan untuk soal baru; kode yang sama = versi baru."),
    ("modul", "Kunci modul tujuan, mis. media-sosial."),
    ("tipe", "tunggal, ganda (pilih semua yang benar), atau benar-salah."),
    ("pertanyaan", "Teks soal."),
    ("pilihan_a … pilihan_e", "Teks pilihan jawaban (2–5 pilihan). Untuk benar-salah dikosongkan."),
    ("kunci", "Huruf pilihan yang benar: A (tunggal), A,C (ganda), BENAR atau SALAH (benar-salah)."),
    ("bobot", "Opsional: bobot tiap pilihan dalam persen, dipisah titik koma, mis. 50;-100;50;-100."),
    ("umpan_balik_a … _e", "Umpan balik tiap pilihan. Untuk benar-salah: a = saat memilih Benar, b = saat memilih Salah."),
    ("penjelasan", "Penjelasan mengapa kunci benar."),
    ("dasar_hukum", "Id sumber dari registri (questions/sources.yaml), dipisah koma."),
    ("topik, kategori, tingkat", "Topik bebas; kategori pelanggaran; tingkat mudah, sedang, atau sulit."),
    (
        "kumpulan",
        "modul (kuis latihan modul, kunci ditampilkan) atau ujian (hanya ujian sertifikasi). "
        "Kosongkan untuk soal baru (modul) atau untuk mempertahankan kumpulan soal yang sudah ada.",
    ),
]


def parse_question_xlsx(data: bytes) -> ParsedFile:
    """Read the template's first sheet; each problem names its row and column."""
    parsed = ParsedFile()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        parsed.problems.append(ImportProblem(None, "", "berkas bukan XLSX yang valid (simpan ulang dari Excel sebagai .xlsx)"))
        return parsed
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = [_norm(cell) for cell in next(rows, ())]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        parsed.problems.append(ImportProblem(1, "", f"kolom wajib tidak ada: {', '.join(missing)} (unduh templat kosong)"))
        return parsed
    taken: set[str] = set()
    for number, values in enumerate(rows, start=2):
        row = {column: _text(value) for column, value in zip(header, values, strict=False) if column}
        if not any(row.values()):
            continue
        name = row.get("id") or row.get("pertanyaan", "")[:60]
        try:
            item = _item(row, taken)
        except ValueError as exc:
            parsed.problems.append(ImportProblem(number, name, str(exc)))
            continue
        parsed.questions.append(ParsedQuestion(line=number, name=name, module=row.get("modul") or None, item=item))
    workbook.close()
    return parsed


def write_question_xlsx(questions: list[BankQuestion], *, modules: list[str], categories: list[str]) -> bytes:
    """Write questions (or, with none, a blank template) with a guide sheet and dropdowns."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Soal"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for question in questions:
        sheet.append([None] * len(HEADERS))
        for column, value in enumerate(_row(question), start=1):
            _set_text(sheet.cell(row=sheet.max_row, column=column), value)
    _add_dropdowns(sheet, modules=modules, categories=categories)
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Petunjuk")
    guide.append(["Kolom", "Isi"])
    for row in GUIDE:
        guide.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _item(row: dict[str, str], taken: set[str]) -> dict[str, Any]:
    kind = KINDS.get(row.get("tipe", "").lower())
    if kind is None:
        raise ValueError(f"kolom tipe: {row.get('tipe')!r} tidak dikenal (tunggal, ganda, benar-salah)")
    item: dict[str, Any] = {"type": kind, "text": row.get("pertanyaan", ""), "explanation": row.get("penjelasan", "")}
    for column, field in (("topik", "topic"), ("kategori", "category"), ("tingkat", "difficulty"), ("kumpulan", "pool")):
        if row.get(column):
            item[field] = row[column]
    if row.get("dasar_hukum"):
        item["legal_basis"] = [part.strip() for part in row["dasar_hukum"].split(",") if part.strip()]
    key = row.get("id", "").strip()
    if key and key not in taken:
        taken.add(key)
        item["id"] = key
    else:
        item["id"] = key_from_name(key or row.get("pertanyaan", ""), taken)
    answer = row.get("kunci", "").strip().upper()
    if kind == "truefalse":
        if answer not in ("BENAR", "SALAH"):
            raise ValueError(f"kolom kunci: soal benar-salah harus BENAR atau SALAH, tertulis {answer or '(kosong)'}")
        item["answer"] = answer == "BENAR"
        item["feedback"] = {"benar": row.get("umpan_balik_a", ""), "salah": row.get("umpan_balik_b", "")}
        return item
    texts = [row.get(f"pilihan_{letter}", "") for letter in LETTERS]
    count = max((index + 1 for index, text in enumerate(texts) if text), default=0)
    if any(not text for text in texts[:count]):
        raise ValueError("kolom pilihan: ada pilihan kosong di antara pilihan yang terisi")
    keys = {part.strip().lower() for part in answer.split(",") if part.strip()}
    if not keys or not keys <= set(LETTERS[:count]):
        raise ValueError(
            f"kolom kunci: {answer or '(kosong)'} tidak menunjuk pilihan yang terisi (A–{LETTERS[max(count, 1) - 1].upper()})"
        )
    weights = _weights(row.get("bobot", ""), count)
    ids = [part.strip() for part in row.get("id_pilihan", "").split(";") if part.strip()]
    ids = ids if len(ids) == count else option_ids(count)
    item["options"] = [
        {
            "id": ids[index],
            "text": texts[index],
            "correct": LETTERS[index] in keys,
            **({"weight": weights[index]} if weights else {}),
            "feedback": row.get(f"umpan_balik_{LETTERS[index]}", ""),
        }
        for index in range(count)
    ]
    return item


def _weights(raw: str, count: int) -> list[float] | None:
    if not raw.strip():
        return None
    parts = [part.strip().replace(",", ".") for part in raw.split(";")]
    try:
        weights = [float(part) for part in parts]
    except ValueError:
        raise ValueError(f"kolom bobot: {raw!r} harus angka dipisah titik koma") from None
    if len(weights) != count:
        raise ValueError(f"kolom bobot: {len(weights)} bobot untuk {count} pilihan")
    return weights


def _row(question: BankQuestion) -> list[str]:
    spec = question.spec
    row = {
        "id": spec.key,
        "modul": question.module_key,
        "tipe": KIND_NAMES[spec.kind],
        "pertanyaan": spec.text,
        "penjelasan": spec.explanation,
        "dasar_hukum": ", ".join(spec.legal_basis),
        "topik": spec.topic,
        "kategori": spec.category,
        "tingkat": spec.difficulty,
        "kumpulan": spec.pool,
    }
    if spec.kind == "truefalse":
        feedback = {option.id: option.feedback for option in spec.options}
        right = next(option.id for option in spec.options if option.weight > 0)
        row |= {"kunci": right.upper(), "umpan_balik_a": feedback["benar"], "umpan_balik_b": feedback["salah"]}
    else:
        letters = LETTERS[: len(spec.options)]
        row |= {f"pilihan_{letter}": option.text for letter, option in zip(letters, spec.options, strict=True)}
        row |= {f"umpan_balik_{letter}": option.feedback for letter, option in zip(letters, spec.options, strict=True)}
        row["kunci"] = ",".join(letter.upper() for letter, option in zip(letters, spec.options, strict=True) if option.weight > 0)
        row["bobot"] = ";".join(format_weight(option.weight) for option in spec.options)
        row["id_pilihan"] = ";".join(option.id for option in spec.options)
    return [row.get(column, "") for column in HEADERS]


def _set_text(cell: Cell, value: str) -> None:
    # Stored as a text cell: a question starting with "=" stays text, never becomes a formula.
    cell.value = value
    cell.data_type = "s"


def _add_dropdowns(sheet: Any, *, modules: list[str], categories: list[str]) -> None:
    for column, choices in (
        ("tipe", ["tunggal", "ganda", "benar-salah"]),
        ("tingkat", ["mudah", "sedang", "sulit"]),
        ("kumpulan", list(POOLS)),
        ("modul", modules),
        ("kategori", categories),
    ):
        if not choices or len(",".join(choices)) > 250:
            continue
        letter = sheet.cell(row=1, column=HEADERS.index(column) + 1).column_letter
        validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        validation.add(f"{letter}2:{letter}1000")
        sheet.add_data_validation(validation)


def _norm(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "_")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
