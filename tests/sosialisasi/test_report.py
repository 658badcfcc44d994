"""The event report and papers: attendance against invitation, the learning gain, the Daftar Hadir as PDF and XLSX."""

from __future__ import annotations

import io
import subprocess
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from db import reading, transaction
from netral.core.enums import LiveRound
from netral.core.errors import NotFound, OutOfScope
from netral.sosialisasi import live, papers
from netral.sosialisasi.attendance import check_in_manually
from netral.sosialisasi.report import event_report
from tests.conftest import T0

NOW = T0 + timedelta(hours=1)
ZONE = ZoneInfo("Asia/Jakarta")
LABELS = {"media-sosial": "Media sosial", "kampanye": "Kampanye"}


def play(engine, hall, answers: dict[LiveRound, dict[int, list[str]]]) -> None:
    """Every peserta checks in; per round and position, the peserta answer in order (an empty string: no answer)."""
    for nip in hall.nips:
        with transaction(engine) as session:
            check_in_manually(session, hall.boss, event_id=hall.event_id, nip=nip, now=NOW)
    for round_, per_item in answers.items():
        for position, choices in per_item.items():
            with transaction(engine) as session:
                live.open_item(session, hall.boss, event_id=hall.event_id, round_=round_, position=position)
            with reading(engine) as session:
                item_id = live.snapshot(session, hall.event_id).item_id
            for employee_id, choice in zip(hall.peserta, choices, strict=True):
                if choice:
                    with transaction(engine) as session:
                        live.answer(
                            session,
                            event_id=hall.event_id,
                            employee_id=employee_id,
                            item_id=item_id,
                            round_=round_.value,
                            selected=[choice],
                            now=NOW,
                        )


@pytest.fixture
def played(synced, hall):
    # Item 1 key "a"; item 2 (benar/salah) key: see the fixture bank.
    play(
        synced,
        hall,
        {
            LiveRound.PRE: {1: ["a", "b", "c"], 2: ["benar", "salah", ""]},
            LiveRound.POST: {1: ["a", "a", "a"], 2: ["salah", "salah", "benar"]},
        },
    )
    return hall


def report_of(engine, actor, hall):
    with reading(engine) as session:
        return event_report(session, actor, event_id=hall.event_id, agency_name="Pemkab Uji", category_labels=LABELS)


def test_the_report_shows_attendance_against_the_invitation_and_the_gain_per_item(synced, played):
    report = report_of(synced, played.boss, played)
    dinas_a = next(row for row in report.attendance if row.unit == "Dinas A")
    assert (dinas_a.invited, dinas_a.present) == (5, 3)  # admin A and super admin sit in Dinas A too, not present
    assert all(row.present == 0 for row in report.attendance if row.unit != "Dinas A")
    first = report.items[0]
    assert (first.both, first.pre_right, first.post_right) == (3, 1, 3)
    assert first.gain == pytest.approx(66.7, abs=0.1)
    assert report.items[1].both == 2  # the one who skipped the pre-test does not count as learning
    assert report.post_share > report.pre_share
    assert [name for name, _pre, _post in report.categories] == ["Media sosial"]


def test_the_report_belongs_to_hr_of_the_events_scope(synced, played):
    with pytest.raises(OutOfScope):
        report_of(synced, played.admin_b, played)


def test_the_daftar_hadir_prints_names_nips_and_times_and_excel_keeps_the_nip(synced, played, tmp_path):
    with reading(synced) as session:
        rows = papers.attendance_rows(session, played.boss, event_id=played.event_id, agency_name="Pemkab Uji", zone=ZONE)
    assert [row[2] for row in rows] == played.nips
    sheet = load_workbook(io.BytesIO(papers.attendance_xlsx(rows))).active
    assert [sheet.cell(r, 3).value for r in range(2, 5)] == played.nips  # 18 digits as text
    pdf = tmp_path / "hadir.pdf"
    pdf.write_bytes(papers.attendance_pdf("Sosialisasi Netralitas ASN", "Pendopo", rows))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "DAFTAR HADIR" in text and all(nip in text for nip in played.nips) and "Peserta A2" in text
    assert "Jumlah hadir: 3 orang" in text


def test_the_report_pdf_and_xlsx_say_the_same(synced, played, tmp_path):
    report = report_of(synced, played.boss, played)
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(papers.report_pdf(report, ZONE))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "LAPORAN SOSIALISASI" in text and "Hadir 3 dari" in text and "Ketua Bawaslu (Bawaslu Kabupaten)" in text
    assert "masih paling banyak dijawab salah" in text
    sheet = load_workbook(io.BytesIO(papers.report_xlsx(report))).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["Soal", "1. Soal pilihan tunggal?", 3, 33.3, 100, 66.7] in values


def test_a_persons_record_lists_attended_events_with_jp_for_them_and_for_hr_of_their_scope(synced, played):
    from netral.hr.person import person_view
    from netral.sosialisasi.records import attended_events

    with reading(synced) as session:
        own = attended_events(session, employee_id=played.peserta[0])
        assert [(a.title, a.jp) for a in own] == [("Sosialisasi Netralitas ASN", 2)]
        # HR see it in the person's record (the HR person page), and only HR of the person's scope
        assert person_view(session, actor=played.boss, employee_id=played.peserta[0], now=T0).events == own
        with pytest.raises(NotFound):
            person_view(session, actor=played.admin_b, employee_id=played.peserta[0], now=T0)
        assert attended_events(session, employee_id=played.outsider) == []


def test_live_answers_count_in_the_peta_kerawanan_as_their_own_source(synced, played):
    from netral.core.enums import MisconceptionSource
    from netral.hr.misconceptions import misconceptions_of

    with reading(synced) as session:
        live_map = misconceptions_of(
            session, actor=played.boss, agency_name="Pemkab Uji", labels=LABELS, by_unit=False, source=MisconceptionSource.LIVE
        )
        quiz_map = misconceptions_of(session, actor=played.boss, agency_name="Pemkab Uji", labels=LABELS, by_unit=False)
        other = misconceptions_of(
            session, actor=played.admin_b, agency_name="Pemkab Uji", labels=LABELS, by_unit=False, source=MisconceptionSource.LIVE
        )
    # 11 answers in media-sosial: item 1 before 2 wrong, item 2 before 1 wrong and after 1 wrong; under 20, no share yet
    cell = live_map.overall["media-sosial"]
    assert (cell.answered, cell.wrong, cell.share) == (11, 4, None)
    assert [name for name, _cells in live_map.rows] == ["Dinas A"]
    assert quiz_map.rows == () and other.rows == ()  # not quiz attempts; and Dinas B's admin sees none of Dinas A
