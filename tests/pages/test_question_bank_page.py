"""Bank Soal (issue 14): a Moodle file's categories each get a module select, and the bank shows each question's pool."""

from __future__ import annotations

from db import queries, reading
from tests.content.test_question_import import MOODLE_CATEGORIES
from tests.pages.apptest import app, button, goto, log_in, text_of


def category_select(at, name):
    return next(s for s in at.selectbox if s.label.startswith(name))


def test_hr_maps_each_moodle_category_onto_a_module_and_imports_once_all_are_mapped(people):
    at = goto(log_in(app(), people.admin), "soal.py")
    at.get("file_uploader")[0].upload("moodle.gift", MOODLE_CATEGORIES, "text/plain").run()
    assert not at.exception
    # One select per category, starting at the module proposed by name; the unmapped one says so.
    assert category_select(at, "Netralitas/Dasar-dasar (2 soal)").value == "dasar"
    assert category_select(at, "Netralitas/Lanjutan (1 soal)").value == "lanjut"
    assert category_select(at, "Netralitas/Lain-lain (2 soal)").value is None
    shown = text_of(at)
    assert "**3** soal siap: 3 baru" in shown and "**2** soal menunggu pemetaan modul" in shown
    problems = at.dataframe[-1].value
    assert list(problems["Soal"]) == ["Netralitas/Lain-lain"]  # once for the category, not once per question
    preview = at.dataframe[-2].value
    assert list(preview["Tindakan"]) == ["baru", "baru", "baru", "menunggu modul", "menunggu modul"]

    at = category_select(at, "Netralitas/Lain-lain").select_index(2).run()  # [belum dipetakan, dasar, lanjut]
    assert "**5** soal siap: 5 baru" in text_of(at)
    at = button(at, "Impor semua soal").click().run()
    assert "Selesai: 5 soal baru" in text_of(at)
    with reading(people.engine) as session:
        lanjut = queries.module_by_key(session, "lanjut").id
        stored = queries.questions_by_key(session)
        assert {stored[key].module_id for key in ("m-tiga", "m-empat", "m-lima")} == {lanjut}


def test_bank_soal_shows_what_practice_may_show_and_what_only_the_exam_does(people):
    at = goto(log_in(app(), people.admin), "soal.py")
    assert not at.exception
    summary = next(d.value for d in at.dataframe if "Kumpulan" in d.value.index.names)  # the reader's table comes first
    pools = set(summary.index.get_level_values("Kumpulan"))
    assert pools == {"Latihan (kuis modul)", "Ujian sertifikasi"}
