"""What an editor reviews before an election cycle: years in the text, sources due for a check, counts."""

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from netral.content.bank import load_bank
from netral.content.bank.audit import counts, stale_sources, year_mentions
from netral.core.settings import QUESTIONS_DIR
from tests.conftest import FIXTURE_BANK

# Every year still written in the questions and material (issue 14): each is a deliberate reference,
# never a date a scenario depends on. Situations are written with stages ("pada masa tenang"); 2024
# appears only as a past example or as the election a document was made for (SKB 2022, SE 18/2023,
# the Sipol case, the Satgas of Pilkada 2024); 2022/2023 date the SKB and UU 20/2023; 2025 dates the
# rulings and SINERGI ASN; 2027 is MK 121's deadline; 2029 is when elections are separated (MK 135).
# A new year in the text fails this test: make it a stage, or add it here with its reason.
DELIBERATE_YEARS = [
    ("01-asas-netralitas/questions.yaml", 2023, "UU 5/2014 sudah dicabut oleh UU 20/2023 yang berla"),
    ("01-asas-netralitas/questions.yaml", 2023, "UU 20/2023 (berlaku 31 Oktober 2023, mencabut UU 5"),
    ("01-asas-netralitas/questions.yaml", 2023, "Memperbarui rujukannya ke UU 20/2023 Pasal 52, kar"),
    ("01-asas-netralitas/questions.yaml", 2023, "UU 20/2023 berlaku sejak diundangkan 31 Oktober 20"),
    ("01-asas-netralitas/questions.yaml", 2024, "Pedoman pembinaan dan pengawasan netralitas ASN da"),
    ("01-asas-netralitas/questions.yaml", 2022, "SKB 2022 ditandatangani lima instansi pada 22 Sept"),
    ("01-asas-netralitas/questions.yaml", 2022, "SKB 2022 adalah Keputusan Bersama MenPANRB, Mendag"),
    ("01-asas-netralitas/questions.yaml", 2029, 'Seorang rekan berkata, "Begitu pemilu nasional 202'),
    ("01-asas-netralitas/questions.yaml", 2029, "Mulai 2029 pemilu daerah (DPRD, gubernur, bupati, "),
    ("01-asas-netralitas/questions.yaml", 2025, "Putusan MK 135/PUU-XXII/2024 (dibacakan 26 Juni 20"),
    ("01-asas-netralitas/questions.yaml", 2029, "Putusan MK 135/PUU-XXII/2024 (dibacakan 26 Juni 20"),
    ("01-asas-netralitas/questions.yaml", 2024, "Benar atau salah: SKB 2022 tentang pedoman netrali"),
    ("01-asas-netralitas/questions.yaml", 2024, "SKB 2022 dibuat untuk Pemilu dan Pilkada 2024, sed"),
    ("01-asas-netralitas/questions.yaml", 2024, "SKB 2022 ditandatangani untuk Pemilu dan Pemilihan"),
    ("01-asas-netralitas/material.md", 2029, "## Sejak 2029: pemilu nasional dan pemilu daerah d"),
    ("01-asas-netralitas/material.md", 2025, "**Putusan MK Nomor 135/PUU-XXII/2024** (dibacakan "),
    ("01-asas-netralitas/material.md", 2029, "**Putusan MK Nomor 135/PUU-XXII/2024** (dibacakan "),
    ("01-asas-netralitas/material.md", 2023, "**UU Nomor 20 Tahun 2023 tentang Aparatur Sipil Ne"),
    ("01-asas-netralitas/material.md", 2024, "SKB ini **disusun untuk Pemilu dan Pilkada 2024**;"),
    ("01-asas-netralitas/material.md", 2029, "Mulai 2029 pemilu nasional dan daerah dipisah; mas"),
    ("01-asas-netralitas/sections.yaml", 2029, "Sejak 2029: pemilu nasional dan pemilu daerah dipi"),
    ("01-asas-netralitas/sections.yaml", 2029, "Mulai 2029 pemilu nasional dan pemilu daerah dipis"),
    ("01-asas-netralitas/material.md", 2024, "Rujukan: UU 20/2023, PP 94/2021, PP 42/2004, SKB 2"),
    ("02-media-sosial/questions.yaml", 2024, "SE MenPANRB 18/2023, yang dibuat untuk Pemilu dan "),
    ("02-media-sosial/material.md", 2024, "Pada Pemilu 2024, pelanggaran netralitas ASN yang "),
    ("02-media-sosial/material.md", 2024, "Pedoman terbaru, **Keputusan Bersama (SKB) lima in"),
    ("02-media-sosial/material.md", 2024, "**Akun kampanye suami atau istri.** ASN yang suami"),
    ("03-kampanye-atribut/material.md", 2024, "Pedoman netralitas ASN terbaru, **Keputusan Bersam"),
    ("04-fasilitas-jabatan/questions.yaml", 2024, "Putusan MK 136/PUU-XXII/2024 (dibacakan 14 Novembe"),
    ("04-fasilitas-jabatan/material.md", 2024, "Sejak **Putusan MK Nomor 136/PUU-XXII/2024** (diba"),
    ("05-partai-pencalonan/questions.yaml", 2024, "SE MenPANRB 18/2023 dibuat untuk Pemilu dan Pilkad"),
    ("05-partai-pencalonan/questions.yaml", 2024, "SE MenPANRB 18/2023 dibuat untuk Pemilu dan Pilkad"),
    ("05-partai-pencalonan/questions.yaml", 2024, "SE MenPANRB 18/2023 dibuat untuk Pemilu dan Pilkad"),
    ("05-partai-pencalonan/questions.yaml", 2024, "SE MenPANRB 18/2023 dibuat untuk Pemilu dan Pilkad"),
    ("05-partai-pencalonan/questions.yaml", 2024, "Pada pendaftaran partai politik untuk Pemilu 2024,"),
    ("05-partai-pencalonan/questions.yaml", 2024, "Pencatutan nama ASN di Sipol terjadi berulang pada"),
    ("05-partai-pencalonan/material.md", 2024, "Pada pendaftaran partai politik untuk Pemilu 2024,"),
    ("05-partai-pencalonan/material.md", 2024, "SE ini disusun untuk Pemilu dan Pilkada 2024 dan m"),
    ("08-pengawasan-pelaporan/questions.yaml", 2025, "Benar atau salah: Putusan Mahkamah Konstitusi Nomo"),
    ("08-pengawasan-pelaporan/questions.yaml", 2025, "Putusan MK 121/PUU-XXII/2024, dibacakan 16 Oktober"),
    ("08-pengawasan-pelaporan/questions.yaml", 2025, "SINERGI ASN, diluncurkan Bawaslu pada November 202"),
    ("08-pengawasan-pelaporan/questions.yaml", 2025, "Putusan MK 121/PUU-XXII/2024 (dibacakan 16 Oktober"),
    ("08-pengawasan-pelaporan/material.md", 2025, "Kemudian **Putusan MK Nomor 121/PUU-XXII/2024** (d"),
    ("08-pengawasan-pelaporan/material.md", 2027, "Kemudian **Putusan MK Nomor 121/PUU-XXII/2024** (d"),
    ("08-pengawasan-pelaporan/material.md", 2025, "Pada November 2025 Bawaslu meluncurkan **SINERGI A"),
    ("08-pengawasan-pelaporan/material.md", 2024, "Pada Pilkada 2024, laporan yang masuk ke BKN lebih"),
    ("08-pengawasan-pelaporan/material.md", 2024, "Pada Pilkada 2024, laporan yang masuk ke BKN lebih"),
]


def test_every_year_left_in_the_bank_is_a_deliberate_reference():
    found = [(m.file.removeprefix("questions/modules/"), m.year, m.sentence[:50]) for m in year_mentions(QUESTIONS_DIR)]
    assert Counter(found) == Counter(DELIBERATE_YEARS)


def test_no_scenario_in_the_bank_is_tied_to_a_date_of_the_2024_elections():
    sentences = " ".join(m.sentence for m in year_mentions(QUESTIONS_DIR))
    for date_2024 in ("27 November 2024", "22 September 2024", "11–13 Februari 2024", "Oktober 2024,"):
        assert date_2024 not in sentences, date_2024


@pytest.fixture
def small_bank(tmp_path: Path) -> Path:
    root = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, root)
    return root


def test_years_are_listed_with_file_line_and_sentence_but_regulation_numbers_are_not(small_bank):
    material = small_bank / "modules/01-dasar/material.md"
    material.write_text(
        "# Dasar\n\nMenurut UU 20/2023, PP Nomor 94 Tahun 2021 dan SKB 2022 ASN wajib netral.\n"
        "Menjelang Pilkada 27 November 2024, jangan ikut kampanye. Pemilu berikutnya 2029.\n"
    )
    questions = small_bank / "modules/02-lanjut/questions.yaml"
    questions.write_text(
        questions.read_text().replace("text: Soal lanjut satu?", "text: >-\n      Pada Pilkada\n      2024, apa?")
    )
    mentions = [(m.file, m.line, m.year, m.sentence) for m in year_mentions(small_bank)]
    assert mentions == [
        ("bank/modules/01-dasar/material.md", 4, 2024, "Menjelang Pilkada 27 November 2024, jangan ikut kampanye."),
        ("bank/modules/01-dasar/material.md", 4, 2029, "Pemilu berikutnya 2029."),
        ("bank/modules/02-lanjut/questions.yaml", 9, 2024, "Pada Pilkada 2024, apa?"),
    ]


def test_a_cited_source_not_checked_for_twelve_months_is_stale(small_bank):
    sources = small_bank / "sources.yaml"
    sources.write_text(sources.read_text().replace("checked_on: 2026-12-04", "checked_on: 2025-06-30", 1))
    bank = load_bank(small_bank)
    assert bank.sources["sumber-kuat"].checked_on == date(2025, 6, 30)
    assert stale_sources(bank, date(2026, 6, 30)) == []  # exactly twelve months: not yet
    assert [s.id for s in stale_sources(bank, date(2026, 7, 1))] == ["sumber-kuat"]


def test_an_uncited_source_is_never_reported_stale(small_bank):
    sources = small_bank / "sources.yaml"
    text = sources.read_text()
    old = "    certainty: UNVERIFIED\n    status: berlaku\n    checked_on: 2026-12-04\n"
    assert old in text
    sources.write_text(text.replace(old, "    certainty: UNVERIFIED\n    status: berlaku\n    checked_on: 2019-01-01\n"))
    assert stale_sources(load_bank(small_bank), date(2026, 12, 5)) == []


def test_the_real_bank_has_no_stale_source_at_its_release():
    # Checked against the reference on 2026-11-23 and 2026-12-04; re-check before the next election cycle.
    assert stale_sources(load_bank(QUESTIONS_DIR), date(2026, 12, 5)) == []


def test_counts_per_module_category_type_difficulty_and_pool():
    tally = counts(load_bank(FIXTURE_BANK))
    assert tally["per_module"] == {"dasar": 9, "lanjut": 5}
    assert tally["per_category"] == {"kampanye": 9, "media-sosial": 5}
    assert tally["per_type"] == {"multiple": 2, "single": 8, "truefalse": 4}
    assert tally["per_difficulty"] == {"mudah": 8, "sedang": 4, "sulit": 2}
    assert tally["per_pool"] == {"modul": 7, "ujian": 7}
    assert tally["per_module_pool"]["lanjut"] == {"modul": 2, "ujian": 3}
