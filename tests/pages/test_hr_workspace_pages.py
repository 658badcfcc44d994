"""Issue 19 in AppTest: admins land on the Dasbor, a person opens with their progress and actions, exports read right."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from db import queries, reading, transaction
from netral.core.dates import utcnow
from tests.pages.apptest import app, button, certified, goto, log_in, text_of


def _employee_id(people, nip: str) -> int:
    with reading(people.engine) as session:
        return queries.employee_by_nip(session, nip).id


def test_an_admin_lands_on_the_dasbor_and_a_peserta_on_beranda(people):
    admin = log_in(app(), people.admin)
    assert not admin.exception
    assert "Dasbor Netralitas" in text_of(admin)
    peserta = log_in(app(), people.peserta)
    assert "Dasbor Netralitas" not in text_of(peserta)


def test_the_admin_menu_is_grouped_with_learning_one_click_away(people, monkeypatch):
    from pages.ui import menu

    at = log_in(app(), people.admin)
    user = at.session_state["netral_user"]
    monkeypatch.setattr(menu.st, "Page", lambda path, **options: SimpleNamespace(path=path, **options))
    groups = menu.menu_for(user)
    assert isinstance(groups, dict)
    assert list(groups) == ["Pantau", "Pegawai", "Konten", "Pengaturan", "Belajar"]
    titles = {g: [p.title for p in pages if getattr(p, "visibility", "visible") != "hidden"] for g, pages in groups.items()}
    assert titles["Pantau"] == ["Dasbor", "Dasbor Siklus", "Log Audit"]
    assert "Impor Data Pegawai" in titles["Pegawai"] and "Bank Soal" in titles["Konten"]
    assert "Beranda" in titles["Belajar"]
    defaults = [p for pages in groups.values() for p in pages if getattr(p, "default", False)]
    assert [p.path for p in defaults] == ["pages/mulai_admin.py"]  # "/" forwards to the Dasbor
    assert menu.home_for(user) == "pages/dasbor.py"


def test_the_person_page_shows_progress_attempts_and_certificates_and_unlocks(people):
    at = log_in(app(), people.admin)
    number = certified(people)
    with transaction(people.engine) as session:
        account = queries.account_by_nip(session, people.peserta)
        account.failed_logins, account.locked_until = 5, utcnow() + timedelta(minutes=15)
    at = goto(at, "profil_pegawai.py", id=str(_employee_id(people, people.peserta)))
    assert not at.exception
    shown = text_of(at)
    assert "Budi" in shown and people.peserta in shown and "terkunci" in shown
    modules = at.dataframe[0].value
    assert list(modules["Status"]) == ["lulus", "lulus", "lulus"]
    assert number in set(at.dataframe[2].value["Nomor"])
    at = button(at, "Buka kunci akun").click().run()
    assert "Kunci dibuka" in text_of(at)
    with reading(people.engine) as session:
        assert queries.account_by_nip(session, people.peserta).locked_until is None


def test_a_person_outside_the_scope_or_unknown_shows_nothing(people):
    at = goto(log_in(app(), people.admin), "profil_pegawai.py", id="99999")
    assert "tidak ada di cakupan Anda" in text_of(at)
    assert not at.dataframe and not at.main.button


def test_the_admin_cannot_act_on_their_own_account_from_their_page(people):
    at = goto(log_in(app(), people.admin), "profil_pegawai.py", id=str(_employee_id(people, people.admin)))
    assert "akun Anda sendiri" in text_of(at)
    assert not [b for b in at.main.button if b.label in ("Buka kunci akun", "Atur ulang kata sandi")]


def test_data_pegawai_shows_key_columns_first_and_lets_others_be_hidden(people):
    at = goto(log_in(app(), people.admin), "pegawai.py")
    chooser = at.multiselect(key="kolom_pegawai")
    assert "Jabatan" in chooser.value
    at = chooser.set_value([]).run()
    assert not at.exception
    assert "Kelola akun" not in text_of(at)  # no NIP typing: a row opens the person


def test_the_unfinished_list_carries_per_person_progress(people):
    at = goto(log_in(app(), people.admin), "dasbor.py")
    assert not at.exception
    unfinished = next(d.value for d in at.dataframe if "Modul lulus" in d.value.columns)
    assert set(unfinished["Modul lulus"]) == {"0 dari 2"}
    assert set(unfinished["Progres modul (%)"]) == {0.0}


def test_the_import_page_offers_the_template_and_asks_the_first_login_before_the_upload(people):
    at = goto(log_in(app(), people.admin), "impor_pegawai.py")
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "Unduh templat data pegawai (Excel)" in labels
    order = [node.type for node in at.main if node.type in ("radio", "file_uploader")]
    assert order.index("radio") < order.index("file_uploader")  # the first-login choice comes before the import


def test_the_audit_page_shows_sentences_and_filters_by_person(people):
    at = goto(log_in(app(), people.admin), "profil_pegawai.py", id=str(_employee_id(people, people.peserta)))
    at = button(at, "Buka kunci akun").click().run()
    at = goto(at, "audit.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Keterangan"])[0].startswith("Rina Admin (NIP ") and "membuka kunci akun Budi" in table["Keterangan"][0]
    at.text_input[0].input("tidak-ada-orang-ini").run()
    assert "Tidak ada entri yang cocok" in text_of(at)


def test_bank_soal_reads_a_question_with_key_basis_and_statistics_and_searches(people):
    at = log_in(app(), people.admin)  # the app wires the contexts, as a server does, before the peserta submits
    certified(people)  # first attempts exist, so the statistics have something to show
    at = goto(at, "soal.py", q="dasar-tunggal")
    assert not at.exception
    shown = text_of(at)
    assert "Soal dasar-tunggal" in shown and "Seperti yang dilihat peserta" in shown
    assert "Soal pilihan tunggal?" in shown and "benar (100%): Tepat" in shown and "salah: Kurang tepat" in shown
    assert "Penjelasan soal tunggal" in shown and "Kepastian: S2+" in shown and "versi 1 (ada 1 versi)" in shown
    assert "Belum ada percobaan pertama" not in shown
    at.text_input[0].input("pilih semua").run()
    table = at.dataframe[0].value
    assert "dasar-ganda" in list(table["Kode"]) and "dasar-tunggal" not in list(table["Kode"])


def test_analisis_soal_offers_rows_that_open_the_question_for_a_super_admin(people):
    at = log_in(app(), people.admin)
    certified(people)
    at = goto(at, "analisis_soal.py")
    assert not at.exception
    assert "Klik baris untuk membaca soalnya di Bank Soal" in text_of(at)


def test_quiz_settings_offer_presets_and_feedback_bands_as_a_table(people):
    from sqlalchemy import select

    from db.models import Quiz

    at = goto(log_in(app(), people.admin), "pengaturan_kuis.py")
    assert not at.exception
    assert "Nilai minimal untuk lulus (0–100)" in [n.label for n in at.number_input]
    bands = at.data_editor[0].value
    assert list(bands.columns) == ["Dari nilai", "Sampai nilai", "Teks umpan balik"]
    assert min(bands["Dari nilai"]) == 0 and max(bands["Sampai nilai"]) == 100
    at = button(at, "Seperti ujian dinas").click().run()
    assert "Pengaturan tersimpan" in text_of(at)
    with reading(people.engine) as session:
        quiz = session.scalars(select(Quiz).order_by(Quiz.id)).first()
        assert (quiz.time_limit_minutes, quiz.max_attempts, quiz.feedback_mode, quiz.review_key) == (60, 3, "akhir", False)
    at = button(at, "Latihan bebas").click().run()
    with reading(people.engine) as session:
        quiz = session.scalars(select(Quiz).order_by(Quiz.id)).first()
        assert (quiz.time_limit_minutes, quiz.max_attempts, quiz.feedback_mode, quiz.review_key) == (None, None, "langsung", True)


def test_bank_soal_builds_an_export_only_when_asked_and_then_offers_an_ordinary_download(people):
    at = goto(log_in(app(), people.admin), "soal.py")
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Unduh templat Excel kosong"]  # the whole bank is not written on every run of the page
    at.radio(key="ekspor_format").set_value("aiken").run()
    assert "Aiken hanya memuat soal pilihan tunggal dan benar/salah." in text_of(at)
    at.button(key="ekspor_siapkan").click().run()
    assert not at.exception
    assert [b.label for b in at.get("download_button")] == ["Unduh bank soal (Aiken)", "Unduh templat Excel kosong"]
    assert "tidak dimuat: format Aiken" in text_of(at)  # the fixture bank holds a multiple-choice question
