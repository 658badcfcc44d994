"""Paper for HR: password slips four to a page, a letter per perangkat daerah, the PPK's cycle report with its chart."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest

from db import reading, transaction
from netral.core.enums import Role
from netral.hr.cycles import compare_cycles
from netral.hr.paper.letter import office_letter_pdf
from netral.hr.paper.report import cycle_report_pdf
from netral.hr.paper.slips import Slip, password_slips_pdf
from tests.cycles.helpers import new_cycle, office
from tests.factories import add_person, as_actor, exam_id, pass_all_modules, take_quiz
from tests.learning.test_completion import sign

NOW = datetime(2024, 9, 2, 8, 0, tzinfo=UTC)
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def words(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    shown = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(shown.split())


def pages(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_password_slips_come_four_to_an_a4_page(tmp_path):
    slips = [Slip(f"Pegawai {i}", f"19800115200503100{i}", f"Awal#{i}xyz", "Dinas Pendidikan") for i in range(9)]
    pdf = password_slips_pdf(slips, base_url="https://netral.contoh.go.id", agency="Kabupaten Contoh", created=NOW)
    shown = words(pdf, tmp_path)
    assert pages(pdf, tmp_path) == 3 and shown.count("https://netral.contoh.go.id") == 9
    assert "Awal#8xyz" in shown and "Ganti kata sandi awal" in shown


def test_the_letter_and_the_ppk_report_name_the_cycle_and_who_has_not_finished(synced, settings, tmp_path):
    with transaction(synced) as session:
        boss = as_actor(add_person(session, name="Siti Super", role=Role.SUPER_ADMIN))
        dinas = office(session, "Dinas Pendidikan")
        done, late = add_person(session, name="Rajin Sekali").employee, add_person(session, name="Belum Mulai").employee
        done.unit_id, late.unit_id = dinas, office(session, "Dinas Pendidikan", "Bidang SD")
        cycle = new_cycle(session, boss, opens_on=date(2024, 8, 1), office_ids=(dinas,))
    with transaction(synced) as session:
        pass_all_modules(session, employee_id=done.id, settings=settings, now=NOW)
        take_quiz(session, employee_id=done.id, quiz_id=exam_id(session), settings=settings, now=NOW)
    sign(synced, done.id, settings, typed="Rajin Sekali")
    with reading(synced) as session:
        _name, letter = office_letter_pdf(
            session, actor=boss, cycle_id=cycle.id, office_id=dinas, agency_name="Kab. Contoh", now=NOW, zone=settings.zone
        )
        name, report = cycle_report_pdf(
            session, actor=boss, cycle_id=cycle.id, agency_name="Kab. Contoh", now=NOW, zone=settings.zone
        )
        first, second = compare_cycles(session, actor=boss, first_id=cycle.id, second_id=cycle.id, agency_name="", now=NOW)
    shown = words(letter, tmp_path)
    assert "Kepala Dinas Pendidikan" in shown and "Belum Mulai" in shown and "Rajin Sekali" not in shown
    assert name == "laporan-pemilu-2029.pdf"
    shown = words(report, tmp_path)
    assert "Pemilu 2029" in shown and "Tingkat kelulusan ujian sertifikasi: 100.0%" in shown and "Dinas Pendidikan" in shown
    assert first.pass_rate == second.pass_rate == 100.0 and first.total.total == 2 and len(first.most_misunderstood()) <= 3


def test_the_roster_import_command_writes_the_slips_beside_the_passwords(engine, settings, tmp_path, monkeypatch):
    from netral.cli import main
    from tests.factories import next_nip

    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("NETRAL_QUESTIONS_DIR", str(settings.questions_dir))
    path, slips = tmp_path / "pegawai.csv", tmp_path / "slip.pdf"
    rows = [f"{next_nip()};Pegawai {n};Analis;Bagian Umum;Sekretariat Daerah;" for n in range(5)]
    path.write_text("NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah;Email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert main(["roster", "import", str(path), "--passwords", str(tmp_path / "s.xlsx"), "--slips", str(slips)]) == 0
    assert pages(slips.read_bytes(), tmp_path) == 2 and "Pegawai 4" in words(slips.read_bytes(), tmp_path)
    assert slips.stat().st_mode & 0o777 == 0o600
