"""Modul in sections (issue 13 point 1 and 2): progress, Intinya, checks with feedback, the quiz once read."""

from tests.pages.apptest import app, button, goto, log_in, text_of


def labels(at):
    return [b.label for b in at.button]


def test_a_peserta_reads_section_by_section_answers_a_check_and_gets_the_quiz_button_at_the_end(people):
    at = goto(log_in(app(), people.peserta), "modul.py", m="dasar")
    shown = text_of(at)
    assert [t.value for t in at.title] == ["Dasar-dasar"]  # the title once
    assert "Teks materi uji." in shown and "**Intinya:** Ringkasan pengantar." in shown
    assert "Bagian kedua" not in [h.value for h in at.header]
    assert "Mulai kuis" not in labels(at)
    at = button(at, "Berikutnya").click().run()
    assert [h.value for h in at.header] == ["Bagian kedua"]
    check = next(r for r in at.main.radio if r.label == "Cek pertama benar atau salah?")
    at = check.set_value("salah").run()
    shown = text_of(at)
    assert "**Belum tepat.** Belum tepat sekali." in shown and "Dasar hukum: Sumber Uji Pasal 1" in shown
    assert next(r for r in at.main.radio if r.label == "Cek pertama benar atau salah?").disabled
    at = button(at, "Berikutnya").click().run()
    assert "Mulai kuis" not in labels(at)
    at = button(at, "Berikutnya").click().run()  # the scenario, after the material
    assert [h.value for h in at.header] == ["Skenario: Skenario uji"] and "Mulai kuis" in labels(at)
    at = button(at, "Pilihan keliru pertama").click().run()
    assert "**Anda memilih:** Pilihan keliru pertama\n\nAkibat keliru pertama." in text_of(at)
    at = button(at, "Kembali satu langkah").click().run()
    at = button(at, "Pilihan netral pertama").click().run()
    at = button(at, "Pilihan tidak mengunggah").click().run()
    assert "**Akhir skenario: Netral** · skor 100" in text_of(at)
    for _ in range(3):
        at = button(at, "Sebelumnya").click().run()
    assert "Teks materi uji." in text_of(at) and "Mulai kuis" in labels(at)  # read once: the quiz from every section


def test_the_section_is_restored_in_a_new_session_on_another_device(people):
    first = goto(log_in(app(), people.peserta), "modul.py", m="dasar")
    button(first, "Berikutnya").click().run()
    other = goto(log_in(app(), people.peserta), "modul.py", m="dasar")
    assert [h.value for h in other.header] == ["Bagian kedua"]


def test_beranda_shows_one_primary_step_above_the_checklist(people):
    at = log_in(app(), people.peserta)
    shown = [b.label for b in at.main.button]
    assert shown[0] == "Mulai Modul 1" and shown.count("Buka modul") == 2
    at = button(at, "Mulai Modul 1").click().run()
    assert [t.value for t in at.title] == ["Dasar-dasar"]


def test_a_failed_quiz_shows_the_retake_first_the_missed_questions_with_their_section_and_the_rest_collapsed(people):
    from db import queries, transaction
    from netral.core.settings import Settings
    from tests.factories import module_quiz_id, take_quiz

    with transaction(people.engine) as session:
        employee = queries.employee_by_nip(session, people.peserta)
        attempt = take_quiz(
            session, employee_id=employee.id, quiz_id=module_quiz_id(session), settings=Settings.from_env(), right=False
        )
    at = goto(log_in(app(), people.peserta), "hasil.py", percobaan=str(attempt.id))
    shown = labels(at)
    assert shown.index("Ulangi kuis") < min(i for i, label in enumerate(shown) if label.startswith("Baca lagi: Bagian"))
    assert "Anda **belum lulus**" in text_of(at)
    reread = next(label for label in shown if label.startswith("Baca lagi: Bagian"))
    at = button(at, reread).click().run()
    number = int(reread.split("Bagian ")[1].split(" ")[0])
    assert f"Bagian {number} dari 4" in str([p.proto for p in at.get("progress")])
