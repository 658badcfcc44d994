import hashlib
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from db import reading, transaction
from db.models import Certificate
from netral.certificate_pdf import CertificateFacts, render_certificate
from netral.certificates import certificate_pdf, certificates_of_employee
from netral.completion import sign_pakta
from netral.numbering import is_well_formed
from tests.conftest import T0
from tests.factories import add_person, exam_id, pass_all_modules, take_quiz

FACTS = CertificateFacts(
    number="NTR-2024-0000001-D",
    name="Dr. H. Moch. Zaenuri, S.H., M.H.",
    nip="197806122005011003",
    completed="Modul Media Sosial",
    score_text="92,5",
    jp=2,
    issued_at=datetime(2024, 9, 2, 8, 0, tzinfo=UTC),
    issued_date_text="2 September 2024",
    place="Bojonegoro",
    agency="Pemerintah Kabupaten Bojonegoro",
)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")


def test_the_same_facts_give_the_same_bytes():
    assert render_certificate(FACTS) == render_certificate(FACTS)


@needs_poppler
def test_the_pdf_states_name_nip_module_score_date_and_number(tmp_path):
    pdf = render_certificate(FACTS)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    for fact in ("SERTIFIKAT", FACTS.number, FACTS.name, FACTS.nip, "Modul Media Sosial", "92,5", "2 September 2024"):
        assert fact in text


@needs_poppler
def test_the_font_is_embedded_and_names_with_diacritics_survive(tmp_path):
    path = tmp_path / "c.pdf"
    name = "Ṣiti Nur'aini Ḥasibuan, S.Pd."
    path.write_bytes(render_certificate(FACTS.__class__(**{**FACTS.__dict__, "name": name})))
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert "NotoSans" in fonts and " yes " in fonts
    assert name in pdf_text(path.read_bytes(), tmp_path)


def complete_path(session, name, settings):
    employee_id = add_person(session, name=name).employee_id
    pass_all_modules(session, employee_id=employee_id, settings=settings)
    take_quiz(session, employee_id=employee_id, quiz_id=exam_id(session), settings=settings)
    sign_pakta(session, employee_id=employee_id, typed_name=name, agreed=True, text="Pakta uji", now=T0, settings=settings)
    return employee_id


def test_the_completed_path_issues_a_numbered_certificate_with_its_pdf_stored(synced, settings):
    with transaction(synced) as session:
        employee_id = complete_path(session, "Sutrisno", settings)
    with reading(synced) as session:
        [held] = certificates_of_employee(session, employee_id=employee_id)
        stored = session.scalars(select(Certificate)).one()
        assert is_well_formed(held.number) and held.number.startswith("NTR-2024-")
        assert held.completed == "Pembelajaran Mandiri Netralitas ASN (2 modul dan ujian sertifikasi)"
        assert stored.sha256 == hashlib.sha256(stored.pdf).hexdigest()
        assert stored.data["name"] == "Sutrisno" and stored.data["score"] == 100.0 and stored.data["jp"] == 6
        assert certificate_pdf(session, number=held.number, employee_id=employee_id) == stored.pdf
        assert certificate_pdf(session, number=held.number, employee_id=employee_id + 1) is None


def test_numbers_are_sequential_per_year_and_unique(synced, settings):
    numbers = []
    with transaction(synced) as session:
        for index in range(3):
            employee_id = complete_path(session, f"Peserta {index}", settings)
            numbers.append(certificates_of_employee(session, employee_id=employee_id)[0].number)
    assert [n[9:16] for n in numbers] == ["0000001", "0000002", "0000003"]
