"""Page flows in Streamlit's AppTest (no browser): login, quiz, result, guards."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import queries, reading, transaction
from db.models import Answer, Attempt, LoginSession
from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.core.settings import Settings
from netral.identity import login
from tests.conftest import ROOT
from tests.factories import PASSWORD, add_person
from tests.pages.apptest import (
    SECRET,
    answer_first_question,
    app,
    button,
    card_data,
    certified,
    goto,
    log_in,
    page,
    roster_csv,
    start_quiz,
    text_of,
)


def test_an_anonymous_visitor_sees_only_the_login_form(people):
    at = app().run()
    assert not at.exception
    assert "Netral" in text_of(at) and [t.label for t in at.text_input] == ["NIP", "Kata sandi"]


def test_a_wrong_password_gets_a_clear_message_and_no_access(people):
    at = log_in(app(), people.peserta, "keliru")
    assert "NIP atau kata sandi salah." in text_of(at)
    assert "Beranda" not in text_of(at)


def test_a_peserta_logs_in_and_sees_modules_with_status(people):
    at = log_in(app(), people.peserta)
    assert not at.exception
    shown = text_of(at)
    assert "Beranda" in shown and "Dasar-dasar" in shown and "Lanjutan" in shown
    assert "Budi \\<b\\>Santoso\\</b\\> \\[klik\\]\\(http\\:\u2060//x\\)" in shown  # a hostile name is shown as text


def test_the_first_login_forces_a_new_password_before_anything_else(people):
    at = log_in(app(), people.newcomer, "Awal#2024")
    assert "Ganti kata sandi" in text_of(at) and "Beranda" not in text_of(at)
    fields = at.text_input
    fields[0].input("Awal#2024")
    fields[1].input("Ladang Jagung 77")
    fields[2].input("Ladang Jagung 77")
    at = button(at, "Simpan kata sandi baru").click().run()
    assert not at.exception
    assert "Kata sandi berhasil diganti." in text_of(at) and "Beranda" in text_of(at)


def test_a_quiz_answer_is_stored_at_once_and_a_new_session_resumes_it(people):
    at = start_quiz(log_in(app(), people.peserta))
    assert not at.exception
    at = answer_first_question(at)
    with reading(people.engine) as session:
        attempt = session.scalars(select(Attempt)).one()
        stored = session.scalars(select(Answer).where(Answer.attempt_id == attempt.id, Answer.position == 0)).one()
        assert stored.selected and stored.answered_at is not None
    at = button(at, "Berikutnya").click().run()
    assert "Soal 2 dari 5" in text_of(at)

    again = goto(log_in(app(), people.peserta), "kuis.py", q="kuis-dasar")  # a new tab, another device, or after a restart
    assert not again.exception
    assert "Soal 2 dari 5 · 1 dari 5 soal terjawab" in text_of(again)


def test_submitting_shows_the_result_with_explanations_and_legal_basis(people):
    at = answer_first_question(start_quiz(log_in(app(), people.peserta)))
    at = button(at, "Selesai, kirim jawaban").click().run()
    assert "Belum dijawab: soal 2, 3, 4, 5" in text_of(at)
    at = button(at, "Ya, kirim sekarang").click().run()
    assert not at.exception
    shown = text_of(at)
    assert (
        "Hasil kuis" in shown and "belum lulus" in shown and "(1 dari 5 soal benar)" in shown or "(0 dari 5 soal benar)" in shown
    )
    assert "Penjelasan soal tunggal." in shown and "Dasar hukum: Sumber Uji Pasal 1" in shown
    assert "Tidak dijawab" in shown and "mempelajari kembali" in shown


def test_a_peserta_never_gets_the_hr_page(people):
    at = log_in(app(), people.peserta)
    with pytest.raises(ValueError):
        at.switch_page("pages/pegawai.py")  # not in a peserta's navigation at all
    with transaction(people.engine) as session:
        outcome = login.log_in(
            session, nip=people.peserta, password=PASSWORD, now=utcnow(), secret=SECRET, session_hours=1, client="192.0.2.10"
        )
    direct = page("pegawai.py")
    direct.session_state["netral_user"] = outcome.user  # as if the page ran without app.py
    direct.run()
    assert "tidak tersedia untuk akun Anda" in text_of(direct)
    assert not direct.dataframe and not direct.get("download_button")


def test_the_hr_admin_sees_every_employee_and_can_download_csv(people):
    at = goto(log_in(app(), people.admin), "pegawai.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["NIP"]) == {people.peserta, people.admin, people.newcomer}
    assert list(table.columns)[-2:] == ["Dasar-dasar", "Lanjutan"]
    assert at.get("download_button")


PUBLIC_PAGES = {"masuk.py", "verifikasi.py"}


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "pages").glob("*.py") if p.name not in PUBLIC_PAGES))
def test_a_page_run_directly_without_login_reveals_nothing(people, name):
    at = page(name).run()
    assert not at.exception
    assert "Silakan masuk terlebih dahulu" in text_of(at)
    assert not at.dataframe and not at.radio and not at.checkbox and not at.get("download_button")


def test_logging_out_ends_the_session_in_the_database(people):
    at = log_in(app(), people.peserta)
    user_session = at.session_state["netral_user"].login_session_id
    at = next(b for b in at.sidebar.button if b.label == "Keluar").click().run()
    assert [t.label for t in at.text_input] == ["NIP", "Kata sandi"]
    with reading(people.engine) as session:
        assert session.get(LoginSession, user_session).revoked_at is not None
        assert queries.account_by_nip(session, people.peserta) is not None


def test_an_attempt_whose_time_ran_out_is_submitted_when_the_peserta_returns(people):
    from datetime import timedelta

    from db.models import Quiz

    at = start_quiz(log_in(app(), people.peserta))
    at = answer_first_question(at)
    with transaction(people.engine) as session:
        attempt = session.scalars(select(Attempt)).one()
        session.get(Quiz, attempt.quiz_id).time_limit_minutes = 10
        attempt.started_at = utcnow() - timedelta(minutes=30)
        attempt.deadline_at = utcnow() - timedelta(minutes=20)
    returning = goto(log_in(app(), people.peserta), "kuis.py", q="kuis-dasar")
    assert not returning.exception
    assert "Waktu mengerjakan habis" in text_of(returning) and "Hasil kuis" in text_of(returning)
    with reading(people.engine) as session:
        closed = session.scalars(select(Attempt)).one()
        assert closed.submit_reason == "waktu_habis" and closed.score is not None


def test_hr_previews_a_moodle_file_and_imports_its_valid_questions(people):
    from tests.conftest import MOODLE_FIXTURE

    at = goto(log_in(app(), people.admin), "soal.py")
    assert not at.exception and "Bank Soal" in text_of(at)
    at.get("file_uploader")[0].upload("questions.gift.txt", MOODLE_FIXTURE.read_bytes(), "text/plain").run()
    shown = text_of(at)
    assert "**5** soal siap: 5 baru" in shown and "**4** masalah" in shown
    problems = at.dataframe[-1].value
    assert set(problems["Soal"]) == {"Q8", "Moodle activities", "Q5", "Shortanswer"}
    assert list(problems.sort_values("Baris")["Baris"]) == [2, 5, 31, 34]
    with reading(people.engine) as session:
        assert "colours" not in queries.questions_by_key(session)
    at = button(at, "Impor soal yang valid").click().run()
    assert "Selesai: 5 soal baru" in text_of(at)
    with reading(people.engine) as session:
        assert "colours" in queries.questions_by_key(session)


def test_a_practice_quiz_checks_one_answer_locks_it_and_shows_why(people):
    at = start_quiz(log_in(app(), people.peserta))
    at = answer_first_question(at)
    at = button(at, "Periksa jawaban").click().run()
    shown = text_of(at)
    assert (
        "Kunci:" in shown and "Dasar hukum:" in shown and ("Jawaban Anda benar." in shown or "Jawaban Anda belum tepat." in shown)
    )
    card = card_data(at)
    assert card is not None and card["locked"] and card["selected"]  # the card draws its options disabled


def test_a_flag_marks_a_question_for_review_in_the_overview(people):
    at = start_quiz(log_in(app(), people.peserta))
    at = next(c for c in at.checkbox if c.label == "Tandai untuk ditinjau").check().run()
    at = button(at, "Selesai, kirim jawaban").click().run()
    assert "Ditandai untuk ditinjau: soal 1." in text_of(at)


def test_the_exam_page_says_it_is_locked_until_the_modules_are_passed(people):
    at = goto(log_in(app(), people.peserta), "ujian.py")
    assert not at.exception
    assert "Ujian sertifikasi terbuka setelah Anda lulus semua kuis modul (0 dari 2 sudah lulus)." in text_of(at)
    assert not any(b.label == "Mulai ujian" for b in at.button)


def test_the_whole_path_in_the_pages_ends_with_the_pakta_and_a_certificate(people):
    from netral.quizzes.attempts import submit_attempt
    from tests.factories import answer_all, exam_id, pass_all_modules

    settings = Settings.from_env()
    with transaction(people.engine) as session:
        employee_id = queries.employee_by_nip(session, people.peserta).id
        pass_all_modules(session, employee_id=employee_id, settings=settings, now=utcnow())
    at = goto(log_in(app(), people.peserta), "ujian.py")
    at = button(at, "Mulai ujian").click().run()
    assert "Ujian Sertifikasi Netralitas ASN" in text_of(at) and not at.exception
    with transaction(people.engine) as session:
        attempt = queries.open_attempt(session, employee_id, exam_id(session))
        answer_all(session, attempt_id=attempt.id, employee_id=employee_id, right=True, now=utcnow())
        submit_attempt(session, attempt_id=attempt.id, employee_id=employee_id, now=utcnow())
    at = goto(at, "pakta.py")
    assert "Pakta Integritas Netralitas Aparatur Sipil Negara" in text_of(at)
    at.text_input[0].input("Bukan Nama Saya")
    at.checkbox[0].check()
    at = button(at, "Tanda tangani pakta").click().run()
    assert "tidak sama dengan nama Anda yang terdaftar" in text_of(at)
    at.text_input[0].input("Budi <b>Santoso</b> [klik](http://x)")
    at = button(at, "Tanda tangani pakta").click().run()
    assert not at.exception
    shown = text_of(at)
    assert "Pakta integritas tersimpan. Sertifikat NTR-" in shown and "Anda telah menandatangani pakta ini" in shown
    home = goto(at, "beranda.py")
    # Issue 13: after the certificate Beranda congratulates instead of repeating the steps.
    assert "sertifikat Anda sudah terbit (NTR-" in text_of(home) and not home.get("progress")
    assert [b.label for b in home.button][0] == "Unduh Sertifikat"


def test_hr_changes_quiz_settings_and_grants_extra_time_and_both_are_audited(people):
    from db.models import AuditEvent, QuizOverride

    at = goto(log_in(app(), people.admin), "pengaturan_kuis.py")
    assert not at.exception and "Pengaturan Kuis" in text_of(at)
    at.number_input[1].set_value(45)  # time limit of the first quiz
    at = button(at, "Simpan pengaturan").click().run()
    assert "Pengaturan tersimpan" in text_of(at)
    at = goto(at, "pengecualian_kuis.py")
    assert not at.exception and "Pengecualian Kuis" in text_of(at)
    at.text_input[0].input(people.peserta)
    at.number_input[0].set_value(20)
    at.text_area[0].input("Memakai pembaca layar")
    at = button(at, "Berikan pengecualian").click().run()
    assert "Pengecualian tersimpan" in text_of(at)
    with reading(people.engine) as session:
        actions = [e.action for e in session.scalars(select(AuditEvent))]
        assert "quiz.settings" in actions and "quiz.override" in actions
        assert session.scalars(select(QuizOverride)).one().extra_minutes == 20


def test_anyone_verifies_a_certificate_from_its_qr_link_and_by_upload(people):
    number = certified(people)
    with reading(people.engine) as session:
        certificate = queries.certificate_by_number(session, number)
        code, pdf = certificate.verification_code, certificate.pdf
    at = goto(app().run(), "verifikasi.py", n=number, k=code)
    assert not at.exception
    shown = text_of(at)
    assert f"**{number}**: SAH" in shown
    assert people.peserta not in shown and "*" * 15 + people.peserta[-3:] in shown  # no birth date digits
    at.get("file_uploader")[0].upload("sertifikat.pdf", pdf, "application/pdf").run()
    assert f"sama persis dengan sertifikat {number}" in text_of(at)
    at.get("file_uploader")[0].upload("palsu.pdf", pdf.replace(b"Santoso", b"Santosa", 1), "application/pdf").run()
    assert "BUKAN salinan asli" in text_of(at)
    assert at.get("download_button")


def test_a_number_alone_shows_nobody_and_a_typo_is_caught_by_its_check_character(people):
    number = certified(people)
    at = goto(app().run(), "verifikasi.py")
    at.text_input[0].input(number)
    at = button(at, "Periksa").click().run()
    assert "Masukkan juga kode verifikasi" in text_of(at) and "Santoso" not in text_of(at)
    at.text_input[0].input(number[:-1] + ("Z" if number[-1] != "Z" else "Y"))
    at = button(at, "Periksa").click().run()
    assert "karakter pemeriksa" in text_of(at)


def test_hr_revokes_a_certificate_and_the_public_page_says_so_at_once_without_the_reason(people):
    from db.models import AuditEvent

    number = certified(people)
    at = goto(log_in(app(), people.admin), "sertifikat_hr.py")
    assert not at.exception and "1 sertifikat" in text_of(at)
    at.text_area[0].input("Terbukti mengunggah dukungan kepada calon")
    at.checkbox[0].check()
    at = button(at, "Cabut sertifikat").click().run()
    assert f"Sertifikat {number} dicabut" in text_of(at)
    with reading(people.engine) as session:
        code = queries.certificate_by_number(session, number).verification_code
    public = goto(app().run(), "verifikasi.py", n=number, k=code)
    assert "DICABUT" in text_of(public) and "Dicabut pada" in text_of(public)
    assert "Terbukti mengunggah dukungan" not in text_of(public)  # the reason stays with HR
    with reading(people.engine) as session:
        assert (
            session.scalars(select(AuditEvent).where(AuditEvent.action == "certificate.revoke")).one().actor_account_id
            is not None
        )


def test_hr_sets_validity_and_new_certificates_carry_it(people):
    at = goto(log_in(app(), people.admin), "pengaturan_sertifikat.py")
    assert not at.exception
    at.main.radio[0].set_value("bulan")
    at.number_input[0].set_value(6)
    at = button(at, "Simpan").click().run()
    assert "Pengaturan sertifikat tersimpan" in text_of(at)
    number = certified(people)
    with reading(people.engine) as session:
        assert queries.certificate_by_number(session, number).data["valid_until"] is not None


def test_hr_previews_a_roster_with_errors_and_imports_only_the_valid_rows(people):
    from tests.factories import next_nip

    good = next_nip()
    at = goto(log_in(app(), people.admin), "impor_pegawai.py")
    data = roster_csv(
        f"{good};Sari <i>Dewi</i>;Analis;Bagian Umum;Sekretariat Daerah", "1,98503E+17;Tono;Analis;Bagian Umum;Sekretariat Daerah"
    )
    at = at.file_uploader(key="roster_file").upload("pegawai.csv", data, "text/csv").run()
    assert not at.exception
    problems = at.dataframe[0].value
    assert list(problems["Baris"]) == [3] and "Teks" in problems["Masalah"][0]
    assert list(at.dataframe[1].value["Tindakan"]) == ["tambah"]
    with reading(people.engine) as session:
        assert queries.employee_by_nip(session, good) is None  # the preview changed nothing
    at = button(at, "Impor baris yang sah").click().run()
    assert not at.exception
    assert "1 akun baru dibuat" in text_of(at) and at.get("download_button")
    with reading(people.engine) as session:
        assert queries.employee_by_nip(session, good).name == "Sari <i>Dewi</i>"


@pytest.mark.parametrize(
    "name", ["dasbor.py", "pegawai.py", "analisis_soal.py", "audit.py", "impor_pegawai.py", "sertifikat_hr.py"]
)
def test_every_hr_page_opens_for_a_super_admin(people, name):
    at = goto(log_in(app(), people.admin), name)
    assert not at.exception
    assert "tidak tersedia" not in text_of(at)


@pytest.mark.parametrize("name", ["impor_pegawai.py", "audit.py", "soal.py", "pengaturan_kuis.py", "pengaturan_sertifikat.py"])
def test_an_admin_of_one_perangkat_daerah_cannot_open_agency_wide_pages(people, name):
    with transaction(people.engine) as session:
        unit_admin = add_person(session, name="Admin Dinas", role=Role.UNIT_ADMIN)
        outcome = login.log_in(
            session,
            nip=unit_admin.employee.nip,
            password=PASSWORD,
            now=utcnow(),
            secret=SECRET,
            session_hours=1,
            client="192.0.2.10",
        )
    direct = page(name)
    direct.session_state["netral_user"] = outcome.user
    direct.run()
    assert "tidak tersedia untuk akun Anda" in text_of(direct)
    assert not direct.dataframe and not direct.get("download_button") and not direct.get("file_uploader")
