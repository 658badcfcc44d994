import io

from openpyxl import Workbook, load_workbook

from netral.content.bank import Option, QuestionSpec
from netral.content.interop.model import BankQuestion
from netral.content.interop.xlsx import HEADERS, parse_question_xlsx, write_question_xlsx


def workbook_bytes(rows: list[list[str]], header: list[str] = HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(**values: str) -> list[str]:
    return [values.get(column, "") for column in HEADERS]


def test_the_blank_template_has_the_columns_a_guide_and_dropdowns():
    data = write_question_xlsx([], modules=["dasar"], categories=["kampanye"])
    workbook = load_workbook(io.BytesIO(data))
    assert [c.value for c in workbook["Soal"][1]] == HEADERS
    assert workbook.sheetnames == ["Soal", "Petunjuk"]
    assert workbook["Soal"].data_validations.dataValidation
    assert parse_question_xlsx(data).questions == []


def test_rows_become_questions_and_problems_name_row_and_column():
    data = workbook_bytes(
        [
            row(
                id="soal-satu",
                tipe="tunggal",
                pertanyaan="Soal?",
                pilihan_a="ya",
                pilihan_b="tidak",
                kunci="A",
                umpan_balik_b="Bukan",
            ),
            row(
                tipe="ganda",
                pertanyaan="Pilih semua",
                pilihan_a="x",
                pilihan_b="y",
                pilihan_c="z",
                kunci="A,C",
                bobot="50;-100;50",
            ),
            row(tipe="benar-salah", pertanyaan="Pernyataan", kunci="SALAH", umpan_balik_a="Keliru", umpan_balik_b="Tepat"),
            row(tipe="esai", pertanyaan="Ceritakan"),
            row(tipe="tunggal", pertanyaan="Kunci salah", pilihan_a="a", pilihan_b="b", kunci="D"),
            row(),
            row(tipe="tunggal", pertanyaan="Lubang", pilihan_a="a", pilihan_c="c", kunci="A"),
        ]
    )
    parsed = parse_question_xlsx(data)
    single, multiple, truefalse = (q.item for q in parsed.questions)
    assert single["id"] == "soal-satu" and [o["correct"] for o in single["options"]] == [True, False]
    assert single["options"][1]["feedback"] == "Bukan"
    assert [o["weight"] for o in multiple["options"]] == [50.0, -100.0, 50.0]
    assert truefalse["answer"] is False and truefalse["feedback"] == {"benar": "Keliru", "salah": "Tepat"}
    assert [(p.line, p.reason.split(":")[0]) for p in parsed.problems] == [
        (5, "kolom tipe"),
        (6, "kolom kunci"),
        (8, "kolom pilihan"),
    ]


def test_a_missing_required_column_is_named():
    parsed = parse_question_xlsx(workbook_bytes([], header=["id", "pertanyaan"]))
    [problem] = parsed.problems
    assert problem.line == 1 and "tipe" in problem.reason and "kunci" in problem.reason


def test_a_file_that_is_not_xlsx_is_refused_clearly():
    [problem] = parse_question_xlsx(b"NIP;Nama\n1;2").problems
    assert "bukan XLSX" in problem.reason


def test_text_starting_with_equals_stays_text_in_the_export():
    spec = QuestionSpec(
        "rumus", "single", "=SUM(A1)", (Option("a", "=1+1", 100.0), Option("b", "+2", 0.0)), "", (), "t", "kampanye", "mudah"
    )
    data = write_question_xlsx([BankQuestion("dasar", "Dasar", spec)], modules=["dasar"], categories=["kampanye"])
    sheet = load_workbook(io.BytesIO(data))["Soal"]
    assert sheet["D2"].data_type == "s" and sheet["D2"].value == "=SUM(A1)"
    [question] = parse_question_xlsx(data).questions
    assert question.item["text"] == "=SUM(A1)" and question.item["options"][0]["text"] == "=1+1"
