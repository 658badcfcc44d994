"""Page polish in AppTest: the text size that follows the user, empty states that say what to do next."""

from __future__ import annotations

from db import queries, reading, transaction
from db.models import OrgUnit
from netral.core.enums import Role
from netral.people.roster.importing import VALID_ONLY
from netral.people.roster.reading import read_roster
from netral.people.roster.writing import apply_import
from tests.conftest import T0
from tests.factories import PASSWORD, add_person
from tests.pages.apptest import app, button, certified, goto, log_in, roster_csv, text_of

LARGE_CSS = "html { font-size: 20px !important; }"
ROOT_FONT = "html { font-size:"  # other stylesheets may come along; only this rule scales the text


def styles(at) -> str:
    return "\n".join(element.value for element in at.get("html"))


def text_size_choice(at):
    return next(radio for radio in at.sidebar.radio if radio.label == "Ukuran teks")


def test_a_peserta_picks_a_larger_text_it_is_stored_and_every_page_and_login_uses_it(people):
    at = log_in(app(), people.peserta)
    choice = text_size_choice(at)
    assert choice.value == "normal" and choice.options == ["Normal", "Besar", "Sangat besar"]
    assert "Halaman masuk selalu memakai ukuran normal" in choice.help
    assert ROOT_FONT not in styles(at)

    at = choice.set_value("besar").run()
    assert not at.exception
    with reading(people.engine) as session:
        assert queries.account_by_nip(session, people.peserta).text_size == "besar"
    assert LARGE_CSS in styles(at)
    other_page = goto(at, "sertifikat.py")
    assert LARGE_CSS in styles(other_page) and text_size_choice(other_page).value == "besar"

    elsewhere = log_in(app(), people.peserta)  # a new session: another tab or device
    assert LARGE_CSS in styles(elsewhere) and text_size_choice(elsewhere).value == "besar"
    assert ROOT_FONT not in styles(log_in(app(), people.admin))  # one person's choice is theirs alone


def test_the_login_page_keeps_the_normal_size_and_offers_no_choice(people):
    at = app().run()
    assert ROOT_FONT not in styles(at) and not [radio for radio in at.sidebar.radio if radio.label == "Ukuran teks"]


def shown_text(at) -> str:
    return text_of(at)


def assert_no_table(at) -> None:
    assert not at.dataframe and not at.get("download_button"), "an empty list shows a sentence, not an empty table"


def test_a_peserta_without_a_certificate_is_told_where_the_next_step_is(people):
    at = goto(log_in(app(), people.peserta), "sertifikat.py")
    assert "Anda belum memiliki sertifikat" in shown_text(at) and "semua langkah di Beranda" in shown_text(at)
    assert [link.label for link in at.get("page_link")] == ["Ke Beranda"]


def test_hr_pages_with_nothing_to_list_say_so_and_what_to_do(people):
    at = goto(log_in(app(), people.admin), "sertifikat_hr.py")
    assert "Belum ada sertifikat yang terbit di cakupan Anda" in shown_text(at)
    assert "Buka Dasbor" in [link.label for link in at.get("page_link")]
    assert_no_table(at)

    at = goto(at, "audit.py")
    assert "Log audit masih kosong" in shown_text(at)
    assert_no_table(at)

    at = goto(at, "analisis_soal.py")
    assert "Belum ada percobaan pertama yang dikirim untuk kuis ini" in shown_text(at)
    assert_no_table(at)

    at = goto(at, "dasbor.py")
    assert not at.exception
    assert "Peta ini terisi setelah peserta mengirim kuis pertamanya" in shown_text(at)

    at = goto(at, "pengecualian_kuis.py")
    assert "Belum ada pengecualian untuk kuis ini." in shown_text(at)


def test_a_search_that_finds_nothing_says_how_to_widen_it(people):
    certified_number = certified(people)
    at = goto(log_in(app(), people.admin), "sertifikat_hr.py")
    assert certified_number in str(at.dataframe[0].value["Nomor"].tolist())
    at.text_input[0].input("tidak ada orang bernama ini").run()
    assert "Tidak ada sertifikat yang cocok" in shown_text(at)
    assert_no_table(at)

    at = goto(at, "pegawai.py")
    at.text_input[0].input("tidak ada orang bernama ini").run()
    assert "0 pegawai" in shown_text(at) and "Periksa ejaannya" in shown_text(at)
    assert_no_table(at)

    at = goto(at, "dasbor.py")
    at.text_input(key="cari_belum_selesai").input("tidak ada orang bernama ini").run()
    assert "Tidak ada pegawai belum selesai yang cocok" in shown_text(at)


def test_an_admin_of_an_empty_perangkat_daerah_is_told_who_imports_the_employees(people):
    with transaction(people.engine) as session:
        office = OrgUnit(level="perangkat_daerah", name="Dinas Kosong", parent_id=None)
        session.add(office)
        account = add_person(session, name="Admin Dinas Kosong", role=Role.UNIT_ADMIN)
        session.flush()
        account.scope_unit_id = office.id
        nip = account.employee.nip
    at = goto(log_in(app(), nip, PASSWORD), "dasbor.py")
    assert not at.exception
    assert "Minta super admin mengimpor data pegawai" in shown_text(at)
    assert "Tenggat ditetapkan oleh super admin" in shown_text(at)
    at = goto(at, "pegawai.py")
    assert "Belum ada pegawai di cakupan Anda" in shown_text(at) and "super admin" in shown_text(at)
    assert_no_table(at)


def test_a_roster_import_that_creates_no_account_says_there_is_no_password_to_hand_out(people):
    at = goto(log_in(app(), people.admin), "impor_pegawai.py")
    data = roster_csv(f"{people.peserta};Budi Santoso;Analis Kebijakan;Bagian Umum;Sekretariat Daerah")
    at = at.file_uploader(key="roster_file").upload("pegawai.csv", data, "text/csv").run()
    at = button(at, "Impor sekarang").click().run()
    assert not at.exception
    assert "Tidak ada kata sandi awal untuk dibagikan" in shown_text(at)
    assert not [b for b in at.get("download_button") if "kata sandi" in b.label]  # only the roster template is offered
    with reading(people.engine) as session:
        assert queries.employee_by_nip(session, people.peserta).jabatan == "Analis Kebijakan"


def test_a_roster_import_reports_its_progress_row_by_row(engine):
    lines = [f"197902102005031{n:03d};Pegawai {n};Analis;Bagian Umum;Sekretariat Daerah" for n in range(1, 451)]
    roster = read_roster(roster_csv(*lines), "pegawai.csv")
    heard: list[tuple[int, int]] = []
    with transaction(engine) as session:
        apply_import(
            session, roster, actor=None, full_sync=False, mode=VALID_ONLY, agency_name="Pemkab Uji", now=T0,
            progress=lambda done, total: heard.append((done, total)),
        )  # fmt: skip
    assert heard == [(200, 450), (400, 450), (450, 450)]
