"""Certificates: the document, its signatures, and the rules of issue, re-issue, revocation and verification."""

import hashlib
import html
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db import queries, reading, transaction
from db.models import AuditEvent, Certificate, Employee
from netral.certificates import issuing as certificates
from netral.certificates import listing, managing
from netral.certificates.pdf import CertificateDocument, render_certificate
from netral.certificates.settings import certificate_settings, save_certificate_settings
from netral.certificates.signing import b64, canonical, load_or_create_key
from netral.certificates.verification import check_pdf_offline, compare_upload, look_up
from netral.learning.pledge import sign_pakta
from tests.conftest import IN_CI, T0
from tests.factories import add_person, as_actor, exam_id, pass_all_modules, take_quiz

# Outside CI a missing tool skips; in CI the test runs and fails, since scripts/test.sh installs both.
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None and not IN_CI, reason="poppler-utils not installed")
needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None and not IN_CI, reason="zbar-tools not installed")
WIB = T0.astimezone().tzinfo


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return load_or_create_key(tmp_path_factory.mktemp("key") / "signing-key.pem")


def document(key, **changes) -> CertificateDocument:
    facts = {"number": "NTR-2024-0000001-D", "name": "Dr. H. Moch. Zaenuri, S.H., M.H.", "key": key.key_id}
    payload = canonical(facts)
    base = CertificateDocument(
        number="NTR-2024-0000001-D",
        name="Dr. H. Moch. Zaenuri, S.H., M.H.",
        nip="197806122005011003",
        position="Kepala Bidang Mutasi · BKPSDM",
        completed="Pembelajaran Mandiri Netralitas ASN (8 modul dan ujian sertifikasi)",
        score_text="92,5",
        jp=17,
        issued_at=datetime(2024, 9, 2, 1, 0, tzinfo=UTC),
        issued_date_text="2 September 2024",
        valid_until_text="31 Desember 2029",
        place="Bojonegoro",
        issuer="Pemerintah Kabupaten Bojonegoro",
        signatory_name="Drs. H. Ahmad Fauzi, M.Si.",
        signatory_nip="197001011995031001",
        signatory_title="Kepala BKPSDM",
        verify_url="https://netral.bojonegorokab.go.id/verifikasi?n=NTR-2024-0000001-D&s=" + key.sign(payload),
        payload=payload,
        payload_signature=key.sign(payload),
    )
    return replace(base, **changes)


def pdf_text(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_the_same_facts_give_the_same_bytes(key):
    assert render_certificate(document(key), key) == render_certificate(document(key), key)


@needs_poppler
def test_the_pdf_states_every_fact_and_carries_its_metadata(key, tmp_path):
    pdf = render_certificate(document(key), key)
    text = pdf_text(pdf, tmp_path)
    for fact in (
        "PEMERINTAH KABUPATEN BOJONEGORO",
        "SERTIFIKAT",
        "NTR-2024-0000001-D",
        "diberikan kepada",
        "Dr. H. Moch. Zaenuri",
        "NIP 197806122005011003",
        "8 modul dan ujian sertifikasi",
        "92,5",
        "17 jam pelajaran",
        "Bojonegoro, 2 September 2024",
        "31 Desember 2029",
        "Drs. H. Ahmad Fauzi, M.Si.",
        "NIP 197001011995031001",
        "Kepala BKPSDM",
    ):
        assert fact in text, fact
    info = subprocess.run(["pdfinfo", str(tmp_path / "c.pdf")], check=True, capture_output=True, text=True).stdout
    assert "Title:           Sertifikat NTR-2024-0000001-D" in info and "Author:          Pemerintah Kabupaten Bojonegoro" in info
    assert "Subject:         Sertifikat Netralitas ASN atas nama Dr. H. Moch. Zaenuri" in info and b"/Lang (id-ID)" in pdf
    assert "Page size:       841.89 x 595.28 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", str(tmp_path / "c.pdf")], check=True, capture_output=True, text=True).stdout
    assert fonts.count("NotoSans") == 2 and all(" yes yes yes " in line for line in fonts.splitlines()[2:])


@needs_poppler
def test_the_trimmed_fonts_print_what_names_use_and_map_what_they_lack(key, tmp_path):
    from netral.certificates.fonts import printable

    for name in ("Sutrisno", "Ṣiti Nur'aini Ḥasibuan, S.Pd.", "Nguyễn Thị Ánh", "Ｓｕｔｒｉｓｎｏ\u202e"):
        pdf = render_certificate(document(key, name=name), key)
        assert printable(name) in pdf_text(pdf, tmp_path)
        assert check_pdf_offline(pdf, key.public).genuine
    assert printable("Ṣiti Ḥasibuan") == "Ṣiti Ḥasibuan"  # Arabic transliteration: in the fonts
    assert printable("Nguyễn Thị Ánh") == "Nguyen Thi Ánh"  # accents the fonts lack are dropped, the letters stay
    assert printable("Ｓｕｔｒｉｓｎｏ\u202e") == "Sutrisno"  # full-width folded, a bidi control removed


NAMES = [
    "Ṣiti Nur'aini Ḥasibuan, S.Pd.",
    "Prof. Dr. Ir. H. Muhammad Abdurrahman Syarifuddin Al-Banjari Wicaksono Prawiranegara Kusumadiningrat, "
    "S.H., M.H., M.Kn., Ph.D.",
]


LONG_TITLE = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Bojonegoro"
INNER_BORDER_PT = 14 * 72 / 25.4


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_long_names_and_diacritics_stay_whole_and_inside_the_page(key, tmp_path, name):
    assert len(NAMES[1]) >= 120
    pdf = render_certificate(document(key, name=name, signatory_title=LONG_TITLE, signatory_name=name), key)
    words = [
        (float(x0), float(x1), html.unescape(word))
        for x0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', pdf_text(pdf, tmp_path, "-bbox")
        )
    ]
    outside = [word for x0, x1, word in words if x0 < INNER_BORDER_PT or x1 > 841.89 - INNER_BORDER_PT]
    assert outside == []
    assert {w for *_, w in words} >= set(name.split()) | set(LONG_TITLE.split())
    assert " ".join(pdf_text(pdf, tmp_path).split()).count(" ".join(name.split())) == 2  # recipient and signatory
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(tmp_path / "c.pdf"), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 5000


@needs_zbar
def test_the_qr_code_holds_the_verification_link_with_the_signature(key, tmp_path):
    pdf = render_certificate(document(key), key)
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "c.pdf"), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert decoded == document(key).verify_url


def test_offline_check_accepts_the_genuine_file_and_refuses_any_changed_byte(key):
    pdf = render_certificate(document(key), key)
    genuine = check_pdf_offline(pdf, key.public)
    assert genuine.genuine and genuine.facts["name"] == "Dr. H. Moch. Zaenuri, S.H., M.H."
    for offset in range(0, len(pdf), max(1, len(pdf) // 97)):
        changed = bytearray(pdf)
        changed[offset] ^= 0x01
        assert not check_pdf_offline(bytes(changed), key.public).genuine, offset
    assert not check_pdf_offline(pdf + b"\n%%tambahan", key.public).genuine


def test_offline_check_names_the_reason(key, tmp_path):
    pdf = render_certificate(document(key), key)
    at = pdf.find(b"Zaenuri")
    assert check_pdf_offline(pdf[:at] + b"Zaenurx" + pdf[at + 7 :], key.public).reason.startswith("berkas PDF telah diubah")
    other = load_or_create_key(tmp_path / "lain.pem")
    assert "tanda tangan berkas tidak cocok" in check_pdf_offline(pdf, other.public).reason
    assert check_pdf_offline(b"%PDF-1.4 bukan sertifikat", key.public).reason.startswith("bukan sertifikat Netral")
    forged = render_certificate(document(other, payload=canonical({"number": "x", "key": key.key_id})), other)
    assert not check_pdf_offline(forged, key.public).genuine


def complete(engine, settings, name="Sutrisno", now=T0):
    with transaction(engine) as session:
        employee_id = add_person(session, name=name).employee_id
        pass_all_modules(session, employee_id=employee_id, settings=settings, now=now)
        take_quiz(session, employee_id=employee_id, quiz_id=exam_id(session), settings=settings, now=now)
        certificate = sign_pakta(
            session, employee_id=employee_id, typed_name=name, agreed=True, text="Pakta uji", now=now, settings=settings
        )
        return employee_id, certificate.number


def stored(engine, number) -> Certificate:
    with reading(engine) as session:
        return queries.certificate_by_number(session, number)


def test_the_completed_path_issues_a_signed_certificate_whose_pdf_is_stored(synced, settings):
    employee_id, number = complete(synced, settings)
    certificate = stored(synced, number)
    assert certificate.sha256 == hashlib.sha256(certificate.pdf).hexdigest()
    assert certificate.data["name"] == "Sutrisno" and certificate.data["jp"] == 6 and certificate.data["score"] == 100.0
    key = certificates.signing_key(settings.signing_key_path)
    assert check_pdf_offline(certificate.pdf, key.public).genuine
    assert certificate.key_id == key.key_id and settings.signing_key_path.stat().st_mode & 0o777 == 0o600


def test_renaming_the_employee_never_changes_an_issued_certificate(synced, settings):
    employee_id, number = complete(synced, settings)
    before = stored(synced, number).pdf
    with transaction(synced) as session:
        session.get(Employee, employee_id).name = "Sutrisno Wibowo"
    assert stored(synced, number).pdf == before
    with reading(synced) as session:
        assert look_up(session, number=number, now=T0, zone=settings.zone).record.name == "Sutrisno"


def test_a_reissue_supersedes_the_old_certificate_and_records_who_and_why(synced, settings):
    employee_id, number = complete(synced, settings)
    with transaction(synced) as session:
        admin_account = add_person(session, name="Admin", role="super_admin")
        admin, actor = admin_account.id, as_actor(admin_account)
        session.get(Employee, employee_id).name = "Sutrisno Wibowo"
        new = managing.reissue(
            session, actor=actor, number=number, reason="Koreksi nama", now=T0 + timedelta(days=1), settings=settings
        )
        new_number = new.number
    with reading(synced) as session:
        old = look_up(session, number=number, now=T0 + timedelta(days=2), zone=settings.zone).record
        fresh = look_up(session, number=new_number, now=T0 + timedelta(days=2), zone=settings.zone).record
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "certificate.reissue")).one()
    assert old.status == "digantikan" and old.replaced_by == new_number
    assert fresh.status == "sah" and fresh.name == "Sutrisno Wibowo"
    assert event.actor_account_id == admin and event.details == {"new_number": new_number, "reason": "Koreksi nama"}
    with transaction(synced) as session, pytest.raises(managing.CertificateRefused, match="digantikan"):
        managing.reissue(session, actor=actor, number=number, reason="lagi", now=T0, settings=settings)


def test_a_revoked_certificate_shows_as_revoked_with_its_reason(synced, settings):
    _employee, number = complete(synced, settings)
    with transaction(synced) as session:
        with pytest.raises(managing.CertificateRefused, match="Alasan"):
            managing.revoke(session, actor=None, number=number, reason=" ", now=T0)
        managing.revoke(session, actor=None, number=number, reason="Terbukti melanggar netralitas", now=T0 + timedelta(hours=1))
    with reading(synced) as session:
        record = look_up(session, number=number, now=T0 + timedelta(hours=2), zone=settings.zone).record
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "certificate.revoke")).one().target == number
    assert record.status == "dicabut" and "Terbukti melanggar netralitas" in record.reason
    with reading(synced) as session:
        assert queries.live_certificate_of(session, _employee) is None


def test_validity_ends_and_the_certificate_stays_verifiable_as_expired(synced, settings):
    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        chosen = replace(certificate_settings(session, default_issuer="Pemkab Uji"), validity="bulan", valid_months=12)
        save_certificate_settings(session, actor=admin, settings=chosen, logo=None, now=T0)
    _employee, number = complete(synced, settings)
    with reading(synced) as session:
        assert stored(synced, number).data["valid_until"] == "2025-09-02"
        assert look_up(session, number=number, now=T0 + timedelta(days=300), zone=settings.zone).record.status == "sah"
        expired = look_up(session, number=number, now=T0 + timedelta(days=400), zone=settings.zone).record
    assert expired.status == "kedaluwarsa" and expired.valid_until == "2 September 2025"


def test_lookups_catch_typos_unknown_numbers_and_wrong_links(synced, settings):
    _employee, number = complete(synced, settings)
    with reading(synced) as session:
        typo = number[:-1] + ("A" if number[-1] != "A" else "B")
        assert "karakter pemeriksa" in look_up(session, number=typo, now=T0, zone=settings.zone).problem
        assert (
            "tidak ditemukan"
            in look_up(session, number="NTR-2031-0000009-" + _check("NTR20310000009"), now=T0, zone=settings.zone).problem
        )
        typed = look_up(session, number=number.lower().replace("-", " "), now=T0, zone=settings.zone).record
        assert typed.number == number and typed.masked_nip.count("*") == 10
        signature = stored(synced, number).payload_signature
        assert look_up(session, number=number, now=T0, zone=settings.zone, link_signature=signature).record.link_matches is True
        assert (
            look_up(session, number=number, now=T0, zone=settings.zone, link_signature=b64(b"x" * 64)).record.link_matches
            is False
        )


def _check(payload: str) -> str:
    from netral.certificates.numbering import check_character

    return check_character(payload)


def test_an_uploaded_pdf_is_compared_byte_for_byte(synced, settings):
    _employee, number = complete(synced, settings)
    pdf = stored(synced, number).pdf
    with reading(synced) as session:
        same, message = compare_upload(session, data=pdf, now=T0, zone=settings.zone)
        assert same and number in message
        changed, message = compare_upload(session, data=pdf.replace(b"Sutrisno", b"Sutrisna", 1), now=T0, zone=settings.zone)
        assert not changed and f"BUKAN salinan asli sertifikat {number}" in message
        assert compare_upload(session, data=b"%PDF lain", now=T0, zone=settings.zone) == (
            False,
            "Berkas ini bukan sertifikat yang diterbitkan Netral.",
        )


def test_numbers_are_sequential_and_a_zip_holds_the_stored_pdfs(synced, settings):
    numbers = [complete(synced, settings, name=f"Peserta {index}")[1] for index in range(3)]
    assert [n[9:16] for n in numbers] == ["0000001", "0000002", "0000003"]
    calls = []
    with reading(synced) as session:
        data = listing.zip_certificates(
            session,
            actor=None,
            numbers=numbers,
            key_path=settings.signing_key_path,
            progress=lambda done, total: calls.append((done, total)),
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == [f"{n}.pdf" for n in numbers]
        assert archive.read(f"{numbers[0]}.pdf") == stored(synced, numbers[0]).pdf
    assert calls[-1] == (3, 3)
