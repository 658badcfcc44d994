import dataclasses
import io
import random

import pytest
from sqlalchemy import select

from db import queries, reading, transaction
from db.models import AuditEvent, QuestionVersion
from netral.content.bank import load_bank
from netral.content.importing import NEW, NEW_VERSION, UNCHANGED, apply_import, plan_import
from netral.content.interop.export import export_questions
from netral.content.interop.reading import read_question_file
from netral.content.loading import sync_bank
from netral.content.overview import exported_questions
from netral.core.settings import QUESTIONS_DIR
from netral.quizzes import attempts
from netral.quizzes.view import view_attempt
from tests.conftest import MOODLE_FIXTURE, T0
from tests.factories import add_person, module_quiz_id

GIFT = """$CATEGORY: $course$/top/Netral/dasar

::impor-satu::Soal impor pertama?{=benar#ya ~salah#tidak ~keliru}

::impor-dua::Pernyataan impor.{TRUE####Penjelasan.}
"""


def plan(engine, bank, data: bytes, name="soal.gift", **options):
    with transaction(engine) as session:
        return plan_import(session, read_question_file(name, data), registry=bank, file_label=name, **options)


def run_import(engine, bank, data: bytes, name="soal.gift", **options):
    with transaction(engine) as session:
        result = plan_import(session, read_question_file(name, data), registry=bank, file_label=name, **options)
        apply_import(session, result, actor=None, registry=bank, now=T0, file_label=name)
    return result


def test_importing_adds_questions_then_a_second_import_changes_nothing(synced, bank):
    first = run_import(synced, bank, GIFT.encode())
    assert [(q.spec.key, q.action, q.module_key) for q in first.questions] == [
        ("impor-satu", NEW, "dasar"),
        ("impor-dua", NEW, "dasar"),
    ]
    again = plan(synced, bank, GIFT.encode())
    assert [q.action for q in again.questions] == [UNCHANGED, UNCHANGED] and not again.problems
    with reading(synced) as session:
        dasar = queries.module_by_key(session, "dasar")
        keys = {v.content["text"] for v in queries.latest_question_versions(session, dasar.id)}
        assert {"Soal impor pertama?", "Pernyataan impor."} <= keys
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "questions.import")).all()
        assert audit[0].details["added"] == 2


def test_importing_over_a_question_makes_a_new_version_and_attempts_keep_theirs(synced, bank, settings):
    with transaction(synced) as session:
        employee_id = add_person(session).employee_id
        attempt = attempts.start_attempt(
            session, employee_id=employee_id, quiz_id=module_quiz_id(session), now=T0, settings=settings, rng=random.Random(2)
        )
    edited = "::dasar-kelima::Soal kelima yang diperbaiki?{~Salah A ~Salah B =Benar C}"
    result = run_import(synced, bank, edited.encode(), module_key="dasar")
    assert [q.action for q in result.questions] == [NEW_VERSION]
    with reading(synced) as session:
        versions = session.scalars(select(QuestionVersion).order_by(QuestionVersion.id)).all()
        latest = [v for v in versions if v.content["text"] == "Soal kelima yang diperbaiki?"]
        assert latest and latest[0].version == 2 and latest[0].source == "import"
        shown = view_attempt(session, attempt_id=attempt.id, employee_id=employee_id)
        assert "Soal kelima?" in {q.text for q in shown.questions}


def test_a_file_sync_keeps_an_hr_import_until_the_file_itself_changes(synced, bank):
    run_import(synced, bank, b"::dasar-kelima::Versi HR?{~Salah A ~Salah B =Benar C}", module_key="dasar")
    with transaction(synced) as session:
        assert sync_bank(session, bank, now=T0).questions_changed == 0
    module = bank.modules[0]
    edited = dataclasses.replace(module.questions[4], text="Versi berkas baru?")
    changed = dataclasses.replace(
        bank, modules=(dataclasses.replace(module, questions=(*module.questions[:4], edited)), bank.modules[1])
    )
    with transaction(synced) as session:
        assert sync_bank(session, changed, now=T0).questions_changed == 1
    with reading(synced) as session:
        texts = [v.content["text"] for v in queries.latest_question_versions(session, queries.module_by_key(session, "dasar").id)]
        assert "Versi berkas baru?" in texts and "Versi HR?" not in texts


def test_problems_are_reported_and_nothing_invalid_is_planned(synced, bank):
    text = GIFT.replace("$CATEGORY: $course$/top/Netral/dasar", "") + "\n::isian::Siapa?{=Budi}\n"
    result = plan(synced, bank, text.encode())
    assert not result.questions
    assert {(p.name, p.reason.split(";")[0]) for p in result.problems} >= {("impor-satu", "modul tujuan tidak diketahui")}
    assert any(p.name == "isian" and "isian singkat" in p.reason for p in result.problems)


def test_an_imported_question_citing_an_unverified_source_is_refused(synced, bank):
    text = '// netral: {"legal_basis": ["sumber-meragukan"]}\n::lemah::Soal?{=a ~b}\n'
    result = plan(synced, bank, text.encode(), module_key="dasar")
    assert not result.questions
    assert any("UNVERIFIED" in p.reason for p in result.problems)


def test_a_key_of_another_module_is_not_moved_silently(synced, bank):
    result = plan(synced, bank, b"::lanjut-satu::Soal?{=a ~b}", module_key="dasar")
    assert not result.questions and "modul lain" in result.problems[0].reason


def test_a_non_utf8_text_file_is_refused_with_its_line():
    parsed = read_question_file("soal.txt", "::a::Soal?{=ya ~tidak}\n::b::Caf\xe9?{=ya ~tidak}".encode("latin-1"))
    [problem] = parsed.problems
    assert problem.line == 2 and "UTF-8" in problem.reason


def test_the_moodle_fixture_imports_its_five_supported_questions(synced, bank):
    result = run_import(synced, bank, MOODLE_FIXTURE.read_bytes(), name="questions.gift.txt", module_key="dasar")
    assert len(result.questions) == 5 and len(result.problems) == 4
    with reading(synced) as session:
        exported = {q.spec.key: q.spec for q in exported_questions(session)}
    colours = exported["colours"]
    assert colours.kind == "multiple" and [o.weight for o in colours.options] == [50.0, -100.0, 50.0, -100.0]
    assert [o.feedback for o in colours.options] == ["right; good!", "wrong", "right; good!", "wrong"]
    assert exported["soal-q1"].explanation.startswith("This is, of course")


@pytest.fixture
def real_bank_synced(engine):
    real = load_bank(QUESTIONS_DIR)
    with transaction(engine) as session:
        sync_bank(session, real, now=T0)
    return real


@pytest.mark.parametrize("file_format", ["gift", "xlsx"])
def test_exporting_the_whole_bank_and_importing_it_back_changes_nothing(engine, real_bank_synced, file_format):
    with reading(engine) as session:
        before = exported_questions(session)
    data, skipped = export_questions(
        before, file_format, modules=[m.key for m in real_bank_synced.modules], categories=list(real_bank_synced.categories)
    )
    assert not skipped
    result = plan(engine, real_bank_synced, data, name=f"bank.{file_format}")
    assert not result.problems
    assert len(result.questions) == len(before) == len(real_bank_synced.questions)
    assert {q.action for q in result.questions} == {UNCHANGED}
    assert [(q.module_key, q.spec) for q in result.questions] == [(b.module_key, b.spec) for b in before]


# A Moodle export (BOM, CRLF) filed under Moodle categories rather than Netral's module keys.
MOODLE_CATEGORIES = (
    "\ufeff// Ekspor dari Moodle\r\n"
    "$CATEGORY: $course$/top/Netralitas/Dasar-dasar\r\n\r\n"
    "::m-satu::Soal Moodle satu?{=ya ~tidak ~ragu}\r\n\r\n"
    "::m-dua::Pernyataan Moodle dua.{T}\r\n\r\n"
    "$CATEGORY: $course$/top/Netralitas/Lanjutan\r\n\r\n"
    "::m-tiga::Soal Moodle tiga?{=ya ~tidak}\r\n\r\n"
    "$CATEGORY: $course$/top/Netralitas/Lain-lain\r\n\r\n"
    "::m-empat::Soal Moodle empat?{=ya ~tidak}\r\n\r\n"
    "::m-lima::Soal Moodle lima?{=ya ~tidak}\r\n"
).encode()


def test_each_moodle_category_is_mapped_once_by_name_and_an_unmapped_one_is_reported_once(synced, bank):
    result = plan(synced, bank, MOODLE_CATEGORIES, name="moodle.gift")
    assert [(c.name, c.questions, c.proposed, c.module) for c in result.categories] == [
        ("Netralitas/Dasar-dasar", 2, "dasar", "dasar"),
        ("Netralitas/Lanjutan", 1, "lanjut", "lanjut"),
        ("Netralitas/Lain-lain", 2, None, None),
    ]
    [problem] = result.problems  # one line for the category, not one error per question
    assert problem.name == "Netralitas/Lain-lain" and "2 soal menunggu" in problem.reason and problem.line == 14
    # Still previewed: every question is there, the unmapped ones waiting for their module.
    assert [(q.spec.key, q.module_key, q.action) for q in result.questions] == [
        ("m-satu", "dasar", NEW),
        ("m-dua", "dasar", NEW),
        ("m-tiga", "lanjut", NEW),
        ("m-empat", None, None),
        ("m-lima", None, None),
    ]
    assert (result.count(NEW), result.count(NEW_VERSION), result.count(UNCHANGED), result.waiting) == (3, 0, 0, 2)


def test_questions_of_an_unmapped_category_are_imported_only_once_hr_maps_it(synced, bank):
    first = run_import(synced, bank, MOODLE_CATEGORIES, name="moodle.gift")
    with reading(synced) as session:
        keys = queries.questions_by_key(session)
        assert {"m-satu", "m-dua", "m-tiga"} <= set(keys) and not {"m-empat", "m-lima"} & set(keys)
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "questions.import")).one()
        assert audit.details["waiting"] == 2 and audit.details["added"] == first.count(NEW) == 3
    mapped = run_import(synced, bank, MOODLE_CATEGORIES, name="moodle.gift", mapping={"Netralitas/Lain-lain": "lanjut"})
    assert not mapped.problems and mapped.waiting == 0
    assert [(q.spec.key, q.action) for q in mapped.questions if q.action != UNCHANGED] == [("m-empat", NEW), ("m-lima", NEW)]
    with reading(synced) as session:
        lanjut = queries.module_by_key(session, "lanjut").id
        assert {queries.questions_by_key(session)[key].module_id for key in ("m-empat", "m-lima")} == {lanjut}


def test_hr_can_send_a_category_elsewhere_or_leave_it_unmapped(synced, bank):
    moved = plan(
        synced,
        bank,
        MOODLE_CATEGORIES,
        mapping={"Netralitas/Lanjutan": "dasar", "Netralitas/Dasar-dasar": None, "Netralitas/Lain-lain": "lanjut"},
    )
    assert {q.spec.key: q.module_key for q in moved.questions} == {
        "m-satu": None,
        "m-dua": None,
        "m-tiga": "dasar",
        "m-empat": "lanjut",
        "m-lima": "lanjut",
    }
    assert [p.name for p in moved.problems] == ["Netralitas/Dasar-dasar"]
    unknown = plan(synced, bank, MOODLE_CATEGORIES, mapping={"Netralitas/Lain-lain": "tidak-ada"})
    assert any(p.name == "Netralitas/Lain-lain" and "'tidak-ada' tidak ada" in p.reason for p in unknown.problems)


def test_a_question_without_a_category_still_goes_to_the_chosen_module(synced, bank):
    result = plan(synced, bank, b"::tanpa-kategori::Soal?{=a ~b}", module_key="lanjut")
    assert [(q.spec.key, q.module_key) for q in result.questions] == [("tanpa-kategori", "lanjut")] and not result.categories


def test_a_file_that_does_not_name_the_pool_keeps_an_exam_question_in_the_exam(synced, bank):
    text = b"::ujian-dasar-satu::Soal ujian dasar satu?{~Pengecoh satu A ~Sahih ujian satu ~Pengecoh satu B}"
    edited = run_import(synced, bank, text.replace(b"~Sahih", b"=Sahih"), module_key="dasar")
    [question] = edited.questions
    assert question.spec.pool == "ujian" and question.action == NEW_VERSION  # the feedback text changed, not the pool
    with reading(synced) as session:
        exported = {q.spec.key: q.spec for q in exported_questions(session)}
    assert exported["ujian-dasar-satu"].pool == "ujian" and exported["dasar-tunggal"].pool == "modul"


def test_the_excel_export_says_which_pool_each_question_is_in(synced, bank):
    from openpyxl import load_workbook

    with reading(synced) as session:
        data, _ = export_questions(exported_questions(session), "xlsx", modules=["dasar", "lanjut"], categories=[])
    rows = list(load_workbook(io.BytesIO(data))["Soal"].iter_rows(values_only=True))
    pools = {row[0]: row[rows[0].index("kumpulan")] for row in rows[1:]}
    assert pools["ujian-dasar-satu"] == "ujian" and pools["dasar-tunggal"] == "modul"
