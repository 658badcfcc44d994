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
from netral.certificates.lookup import look_up
from netral.certificates.pdf import CertificateDocument, render_certificate, render_unsigned
from netral.certificates.settings import CertificateSettingsRefused, certificate_settings, save_certificate_settings
from netral.certificates.signer import load_or_create_signer
from netral.certificates.signing import canonical, load_or_create_key
from netral.certificates.verification import check_pdf_offline, compare_upload
from netral.learning.pledge import sign_pakta
from tests.conftest import IN_CI, T0
from tests.factories import add_person, as_actor, exam_id, pass_all_modules, take_quiz

# Outside CI a missing tool skips; in CI the test runs and fails, since scripts/test.sh installs both.
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None and not IN_CI, reason="poppler-utils not installed")
needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None and not IN_CI, reason="zbar-tools not installed")
WIB = T0.astimezone().tzinfo


CODE = "7QKM-2XRA-9PDF-HW4C"


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return load_or_create_key(tmp_path_factory.mktemp("key") / "signing-key.pem")


@pytest.fixture(scope="module")
def signer(tmp_path_factory):
    return load_or_create_signer(tmp_path_factory.mktemp("signer") / "pdf-signer", agency="Pemerintah Kabupaten Bojonegoro")


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
        verify_url=f"https://netral.bojonegorokab.go.id/verifikasi?n=NTR-2024-0000001-D&k={CODE}",
        payload=payload,
        payload_signature=key.sign(payload),
        rank="Pembina (IV/a)",
        cycle="Pemilihan Kepala Daerah Serentak 2024",
        code=CODE,
    )
    return replace(base, **changes)


def pdf_text(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_the_same_facts_give_the_same_page(key):
    assert render_unsigned(document(key)) == render_unsigned(document(key))


@needs_poppler
def test_the_pdf_states_every_fact_and_carries_its_metadata(key, signer, tmp_path):
    pdf = render_certificate(document(key), signer)
    text = pdf_text(pdf, tmp_path)
    for fact in (
        "PEMERINTAH KABUPATEN BOJONEGORO",
        "SERTIFIKAT NETRALITAS ASN",
        "Pembina (IV/a)",
        "pada Pemilihan Kepala Daerah Serentak 2024",
        CODE,
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
    noto = [line for line in fonts.splitlines()[2:] if "NotoSans" in line]
    assert len(noto) == 2 and all(" yes yes yes " in line for line in noto)
    # The visible signature's text is pyHanko's stamp in Courier, one of the 14 fonts every PDF reader has.
    assert {line.split()[0] for line in fonts.splitlines()[2:]} - {line.split()[0] for line in noto} <= {"Courier"}


@needs_poppler
def test_the_trimmed_fonts_print_what_names_use_and_map_what_they_lack(key, signer, tmp_path):
    from netral.certificates.fonts import printable

    for name in ("Sutrisno", "Ṣiti Nur'aini Ḥasibuan, S.Pd.", "Nguyễn Thị Ánh", "Ｓｕｔｒｉｓｎｏ\u202e"):
        pdf = render_certificate(document(key, name=name), signer)
        assert printable(name) in pdf_text(pdf, tmp_path)
        assert check_pdf_offline(pdf, key.public, signer.anchors).genuine
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
def test_long_names_and_diacritics_stay_whole_and_inside_the_page(key, signer, tmp_path, name):
    assert len(NAMES[1]) >= 120
    pdf = render_certificate(document(key, name=name, signatory_title=LONG_TITLE, signatory_name=name), signer)
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


LONG_JABATAN = "Pengelola Layanan Operasional Pengadaan Barang dan Jasa Pemerintah pada Subbagian Umum Kepegawaian"
LONG_UNIT = "Bidang Pengembangan Kompetensi Aparatur Sipil Negara dan Penilaian Kinerja Dinas Pendidikan dan Kebudayaan"


@needs_poppler
def test_a_200_character_jabatan_and_unit_wrap_above_the_foot_with_every_word_printed(key, signer, tmp_path):
    position = f"{LONG_JABATAN} {LONG_JABATAN[:30]} · {LONG_UNIT}"
    assert len(position) >= 200
    pdf = render_certificate(
        document(key, name=NAMES[1], position=position, rank="Penata Tingkat I (III/d)", completed=LONG_TITLE), signer
    )
    words = [
        (float(x0), float(y1), float(x1), html.unescape(word))
        for x0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            pdf_text(pdf, tmp_path, "-bbox"),
        )
    ]
    printed = {w for *_, w in words}
    assert printed >= set(position.split()) and printed >= set(NAMES[1].split())
    assert [w for x0, _y, x1, w in words if x0 < INNER_BORDER_PT or x1 > 841.89 - INNER_BORDER_PT] == []
    foot_top_pt = 144 * 72 / 25.4  # the rule above the signatory and QR block (layout.FOOT_TOP - 2 mm)
    body = {w for x0, y1, x1, w in words if y1 <= foot_top_pt}
    assert body >= set(position.split()) | set(LONG_TITLE.split())  # nothing of the body runs into the foot


@needs_zbar
def test_the_qr_code_holds_the_verification_link_with_the_code(key, signer, tmp_path):
    pdf = render_certificate(document(key), signer)
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "c.pdf"), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert decoded == document(key).verify_url


def test_offline_check_accepts_the_genuine_file_and_refuses_any_changed_byte(key, signer):
    pdf = render_certificate(document(key), signer)
    genuine = check_pdf_offline(pdf, key.public, signer.anchors)
    assert genuine.genuine and genuine.facts["name"] == "Dr. H. Moch. Zaenuri, S.H., M.H." and genuine.signature.trusted
    # A PDF signature covers every byte but its own /Contents (the ByteRange); each of those is checked.
    a, b, c, d = (int(n) for n in re.search(rb"/ByteRange \[\s*(\d+) (\d+) (\d+) (\d+)", pdf).groups())
    assert (a, c + d) == (0, len(pdf))
    signed = [*range(a, a + b), *range(c, c + d)]
    for offset in signed[:: max(1, len(signed) // 97)]:
        changed = bytearray(pdf)
        changed[offset] ^= 0x01
        assert not check_pdf_offline(bytes(changed), key.public, signer.anchors).genuine, offset
    assert not check_pdf_offline(pdf + b"\n%%tambahan", key.public, signer.anchors).genuine


def test_offline_check_names_the_reason(key, signer, tmp_path):
    pdf = render_certificate(document(key), signer)
    at = pdf.find(b"Zaenuri")
    assert "telah diubah" in check_pdf_offline(pdf[:at] + b"Zaenurx" + pdf[at + 7 :], key.public, signer.anchors).reason
    other = load_or_create_key(tmp_path / "lain.pem")
    assert "tidak cocok dengan tanda tangannya" in check_pdf_offline(pdf, other.public, signer.anchors).reason
    assert "bukan dari instansi" in check_pdf_offline(pdf, key.public, ()).reason
    assert check_pdf_offline(b"%PDF-1.4 bukan sertifikat", key.public).reason.startswith("bukan sertifikat Netral")
    forged = render_certificate(document(other, payload=canonical({"number": "x", "key": key.key_id})), signer)
    assert not check_pdf_offline(forged, key.public, signer.anchors).genuine


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


def find(engine, settings, number, *, code=None, now=T0, client="uji", **extra):
    """Look a certificate up as the public page does (with its stored code unless one is given), committing failures."""
    code = stored(engine, number).verification_code if code is None else code
    with transaction(engine) as session:
        return look_up(session, number=number, code=code, client=client, now=now, zone=settings.zone, **extra)


def test_the_completed_path_issues_a_signed_certificate_whose_pdf_is_stored(synced, settings):
    employee_id, number = complete(synced, settings)
    certificate = stored(synced, number)
    assert certificate.sha256 == hashlib.sha256(certificate.pdf).hexdigest()
    assert certificate.data["name"] == "Sutrisno" and certificate.data["jp"] == 6 and certificate.data["score"] == 100.0
    key = certificates.signing_key(settings.signing_key_path)
    anchors = certificates.agency_signer(settings.signing_key_path, settings.agency_name).anchors
    assert check_pdf_offline(certificate.pdf, key.public, anchors).genuine
    assert certificate.key_id == key.key_id and settings.signing_key_path.stat().st_mode & 0o777 == 0o600
    assert (settings.signing_key_path.parent / "pdf-signer" / "key.pem").stat().st_mode & 0o777 == 0o600


def test_renaming_the_employee_never_changes_an_issued_certificate(synced, settings):
    employee_id, number = complete(synced, settings)
    before = stored(synced, number).pdf
    with transaction(synced) as session:
        session.get(Employee, employee_id).name = "Sutrisno Wibowo"
    assert stored(synced, number).pdf == before
    assert find(synced, settings, number).record.holder.name == "Sutrisno"


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
    old = find(synced, settings, number, now=T0 + timedelta(days=2)).record
    fresh = find(synced, settings, new_number, now=T0 + timedelta(days=2)).record
    with reading(synced) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "certificate.reissue")).one()
    assert old.status == "digantikan" and old.replaced_by == new_number
    assert fresh.status == "sah" and fresh.holder.name == "Sutrisno Wibowo"
    assert stored(synced, new_number).verification_code != stored(synced, number).verification_code
    assert event.actor_account_id == admin and event.details == {"new_number": new_number, "reason": "Koreksi nama"}
    with transaction(synced) as session, pytest.raises(managing.CertificateRefused, match="digantikan"):
        managing.reissue(session, actor=actor, number=number, reason="lagi", now=T0, settings=settings)


def test_a_revoked_certificate_shows_as_revoked_with_its_date_and_never_its_reason(synced, settings):
    _employee, number = complete(synced, settings)
    with transaction(synced) as session:
        with pytest.raises(managing.CertificateRefused, match="Alasan"):
            managing.revoke(session, actor=None, number=number, reason=" ", now=T0)
        managing.revoke(session, actor=None, number=number, reason="Terbukti melanggar netralitas", now=T0 + timedelta(hours=1))
    record = find(synced, settings, number, now=T0 + timedelta(hours=2)).record
    with reading(synced) as session:
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "certificate.revoke")).one().target == number
        assert queries.live_certificate_of(session, _employee) is None
    assert record.status == "dicabut" and record.revoked_on == "2 September 2024"
    assert "melanggar" not in repr(record)


def test_validity_ends_and_the_certificate_stays_verifiable_as_expired(synced, settings):
    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        chosen = replace(certificate_settings(session, default_issuer="Pemkab Uji"), validity="bulan", valid_months=12)
        save_certificate_settings(session, actor=admin, settings=chosen, logo=None, now=T0)
    _employee, number = complete(synced, settings)
    assert stored(synced, number).data["valid_until"] == "2025-09-02"
    assert find(synced, settings, number, now=T0 + timedelta(days=300)).record.status == "sah"
    expired = find(synced, settings, number, now=T0 + timedelta(days=400)).record
    assert expired.status == "kedaluwarsa" and expired.holder.valid_until == "2 September 2025"


def test_an_uploaded_pdf_is_compared_byte_for_byte_and_its_pdf_signature_reported(synced, settings):
    _employee, number = complete(synced, settings)
    pdf = stored(synced, number).pdf
    anchors = certificates.agency_signer(settings.signing_key_path, settings.agency_name).anchors
    with reading(synced) as session:
        same = compare_upload(session, data=pdf, anchors=anchors, now=T0, zone=settings.zone)
        assert same.same and number in same.message and same.record.holder.name == "Sutrisno" and same.signature.trusted
        changed = compare_upload(
            session, data=pdf.replace(b"Sutrisno", b"Sutrisna", 1), anchors=anchors, now=T0, zone=settings.zone
        )
        assert not changed.same and f"BUKAN salinan asli sertifikat {number}" in changed.message and changed.record is None
        other = compare_upload(session, data=b"%PDF lain", anchors=anchors, now=T0, zone=settings.zone)
        assert not other.same and other.message == "Berkas ini bukan sertifikat yang diterbitkan Netral."


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


@needs_poppler
def test_pangkat_golongan_from_the_roster_and_the_agency_choices_reach_the_certificate(synced, settings, tmp_path):
    from netral.people.roster.importing import VALID_ONLY
    from netral.people.roster.reading import read_roster
    from netral.people.roster.writing import apply_import
    from tests.factories import next_nip

    nip = next_nip()
    jabatan = "Penelaah Teknis Kebijakan pada Subbagian " + "Perencanaan dan Pelaporan Keuangan " * 4  # 185 characters
    data = "\r\n".join(
        [
            "NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah;Pangkat/Golongan",
            f"{nip};Sutrisno;{jabatan.strip()};Subbagian Umum;BKPSDM;Penata Tk. I (III/d)",
        ]
    ).encode()
    roster = read_roster(data, "pegawai.csv", today=T0.date())
    assert roster.rows[0].pangkat == "Penata Tk. I (III/d)" and not roster.problems
    with transaction(synced) as session:
        apply_import(session, roster, actor=None, full_sync=False, mode=VALID_ONLY, agency_name="Pemkab Uji", now=T0)
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        chosen = replace(
            certificate_settings(session, default_issuer="Pemkab Uji"),
            heading="Piagam Netralitas ASN",
            cycle="Pemilihan Kepala Daerah Serentak 2024",
        )
        save_certificate_settings(session, actor=admin, settings=chosen, logo=LOGO_SVG, now=T0)
        employee_id = session.scalars(select(Employee.id).where(Employee.nip == nip)).one()
        pass_all_modules(session, employee_id=employee_id, settings=settings, now=T0)
        take_quiz(session, employee_id=employee_id, quiz_id=exam_id(session), settings=settings, now=T0)
        number = sign_pakta(
            session, employee_id=employee_id, typed_name="Sutrisno", agreed=True, text="Pakta uji", now=T0, settings=settings
        ).number
    certificate = stored(synced, number)
    assert certificate.data["rank"] == "Penata Tk. I (III/d)" and certificate.data["cycle"].endswith("2024")
    text = " ".join(pdf_text(certificate.pdf, tmp_path).split())
    assert "PIAGAM NETRALITAS ASN" in text and "Penata Tk. I (III/d)" in text and "Serentak 2024" in text
    assert "Pelaporan Keuangan Subbagian Umum" in text or "Subbagian Umum" in text  # the long jabatan wraps, whole
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', pdf_text(certificate.pdf, tmp_path, "-bbox"))
    assert all(float(x0) >= INNER_BORDER_PT and float(x1) <= 841.89 - INNER_BORDER_PT for x0, x1 in words)


LOGO_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#155e3e"/></svg>'


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "skrip"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "DTD"),
        (b"GIF89a" + b"\0" * 30, "bukan gambar"),
        (b"<svg" + b" " * 300_001, "300 KB"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9"/></svg>', "viewBox"),
    ],
)
def test_an_emblem_must_be_a_small_png_jpeg_or_plain_svg(synced, settings, logo, message):
    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        current = certificate_settings(session, default_issuer="Pemkab Uji")
        with pytest.raises(CertificateSettingsRefused, match=message):
            save_certificate_settings(session, actor=admin, settings=current, logo=logo, now=T0)


def test_remembered_line_breaks_give_the_same_pdf_as_fresh_ones(tmp_path):
    """layout._wrap remembers the lines of each paragraph per process: a warm memory changes no byte."""
    from netral.certificates import layout
    from netral.certificates.pdf import render_unsigned

    key = load_or_create_key(tmp_path / "k.pem")
    long_name = document(key, name="Prof. Dr. " + "Muhammad Abdurrahman Wahid " * 4 + "S.H., M.H.")
    layout._WRAPPED.clear()
    fresh = render_unsigned(long_name)
    assert layout._WRAPPED
    assert render_unsigned(long_name) == fresh
