"""PAdES: a certificate any PDF reader checks. Debian's pdfsig (poppler, with NSS) is the independent verifier;
pyHanko's validator and `certificates verify` must agree with it."""

import io
import re
import shutil
import socket
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from netral.certificates.pades_check import check_signature
from netral.certificates.pdf import render_certificate
from netral.certificates.signer import SignerRefused, install_p12, load_or_create_signer, load_signer, root_pem
from netral.certificates.signing import load_or_create_key
from netral.certificates.verification import check_pdf_offline
from netral.cli import main
from tests.certificates.test_certificates import document
from tests.certificates.tsa import _asn1, timestamp_authority
from tests.conftest import IN_CI

needs_pdfsig = pytest.mark.skipif(
    (shutil.which("pdfsig") is None or shutil.which("certutil") is None) and not IN_CI,
    reason="poppler-utils or libnss3-tools not installed",
)
NOW = datetime.now(UTC)


@pytest.fixture
def trust(tmp_path):
    """A signing key, Netral's own signer, a certificate PDF, and an NSS database that trusts the agency's CA."""
    key = load_or_create_key(tmp_path / "signing-key.pem")
    signer = load_or_create_signer(tmp_path / "pdf-signer", agency="Pemerintah Kabupaten Bojonegoro")
    pdf = render_certificate(document(key), signer)
    (tmp_path / "ca.pem").write_bytes(root_pem(signer))
    return key, signer, pdf


def pdfsig(tmp_path: Path, pdf: bytes, *, trusted: Path | None = None) -> str:
    path = tmp_path / "periksa.pdf"
    path.write_bytes(pdf)
    options = ["-nssdir", f"sql:{trusted}"] if trusted else []
    return subprocess.run(["pdfsig", *options, str(path)], capture_output=True, text=True, check=False).stdout


def nss_trusting(tmp_path: Path, ca: Path) -> Path:
    folder = tmp_path / "nss"
    folder.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{folder}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{folder}", "-n", "CA Netral", "-t", "C,C,C", "-i", str(ca)], check=True)
    return folder


def with_page_changed(pdf: bytes) -> bytes:
    """An incremental update appended after the signature that paints a box over the page."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"1 0 0 rg 300 300 200 60 re f")))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@needs_pdfsig
def test_pdfsig_finds_the_signature_valid_trusted_and_covering_the_whole_file(trust, tmp_path):
    key, signer, pdf = trust
    report = pdfsig(tmp_path, pdf, trusted=nss_trusting(tmp_path, tmp_path / "ca.pem"))
    assert "Signature Type: ETSI.CAdES.detached" in report  # PAdES
    assert "Signing Time: Sep 02 2024 01:00:00" in report  # the issue time, not the rendering time
    assert "Total document signed" in report and "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Pemerintah Kabupaten Bojonegoro - Penerbit Sertifikat" in report
    assert check_signature(pdf, signer.anchors).trusted


@needs_pdfsig
def test_pdfsig_and_pyhanko_both_catch_a_changed_byte_and_an_added_update(trust, tmp_path):
    key, signer, pdf = trust
    at = pdf.find(b"/Title")
    changed = pdf[: at + 10] + bytes([pdf[at + 10] ^ 1]) + pdf[at + 11 :]
    assert "Signature Validation: Digest Mismatch." in pdfsig(tmp_path, changed)
    assert not check_pdf_offline(changed, key.public, signer.anchors).genuine
    updated = with_page_changed(pdf)
    report = pdfsig(tmp_path, updated)
    assert "Not total document signed" in report
    verdict = check_pdf_offline(updated, key.public, signer.anchors)
    assert not verdict.genuine and "ditambah atau diubah setelah ditandatangani" in verdict.reason


def test_the_signature_can_be_invisible(trust):
    from dataclasses import replace

    key, signer, _pdf = trust
    invisible = render_certificate(replace(document(key), visible_signature=False), signer)
    assert check_signature(invisible, signer.anchors).trusted
    assert re.search(rb"/Rect \[\s*0 0 0 0\s*\]", invisible) and not re.search(rb"/Rect \[\s*0 0 0 0\s*\]", _pdf)


def test_the_cli_reports_the_pdf_signature_offline(trust, tmp_path, capsys, monkeypatch):
    key, signer, pdf = trust
    (tmp_path / "sertifikat.pdf").write_bytes(pdf)
    (tmp_path / "kunci.pem").write_bytes(
        key.public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    monkeypatch.setenv("NETRAL_DATA_DIR", str(tmp_path / "kosong"))
    args = ["certificates", "verify", str(tmp_path / "sertifikat.pdf"), "--public-key", str(tmp_path / "kunci.pem")]
    assert main([*args, "--ca", str(tmp_path / "ca.pem")]) == 0
    out = capsys.readouterr().out
    assert "  tanda tangan PDF: tanda tangan PDF sah dan berkas utuh" in out and out.count("ASLI:") == 1
    (tmp_path / "diubah.pdf").write_bytes(with_page_changed(pdf))
    assert (
        main(
            [
                "certificates",
                "verify",
                str(tmp_path / "diubah.pdf"),
                "--public-key",
                str(tmp_path / "kunci.pem"),
                "--ca",
                str(tmp_path / "ca.pem"),
            ]
        )
        == 1
    )
    assert "TIDAK ASLI: berkas PDF telah diubah atau tidak utuh: berkas telah ditambah" in capsys.readouterr().out


def own_p12(tmp_path: Path, *, usage_ok=True, expired=False, passphrase=b"rahasia-bsre", keyless=False) -> Path:
    """A PKCS#12 as an agency's own CA (or BSrE) would issue it: RSA 3072, a root and a signing certificate."""
    root_key, key = rsa.generate_private_key(65537, 3072), rsa.generate_private_key(65537, 3072)
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA Uji Instansi")])
    start = NOW - timedelta(days=800 if expired else 1)
    root = (
        x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name).public_key(root_key.public_key())
        .serial_number(1).not_valid_before(start).not_valid_after(start + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True).sign(root_key, hashes.SHA256())
    )  # fmt: skip
    usage = x509.KeyUsage(usage_ok, usage_ok, not usage_ok, False, False, False, False, False, False)
    leaf = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "BKPSDM Kabupaten Uji")]))
        .issuer_name(root_name).public_key(key.public_key()).serial_number(2).not_valid_before(start)
        .not_valid_after(start + timedelta(days=730 if not expired else 30))
        .add_extension(usage, critical=True).sign(root_key, hashes.SHA256())
    )  # fmt: skip
    data = pkcs12.serialize_key_and_certificates(
        b"bkpsdm", None if keyless else key, None if keyless else leaf, [root], serialization.BestAvailableEncryption(passphrase)
    )
    path = tmp_path / "bkpsdm.p12"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ({"passphrase": b"lain"}, "frasa sandi salah"),
        ({"expired": True}, "sudah kedaluwarsa"),
        ({"usage_ok": False}, "tidak boleh dipakai untuk tanda tangan"),
        ({"keyless": True}, "tidak berisi kunci privat"),
    ],
)
def test_a_bad_pkcs12_is_refused_with_its_reason_and_nothing_is_replaced(trust, tmp_path, problem, message):
    _key, signer, _pdf = trust
    folder = tmp_path / "pdf-signer"
    before = (folder / "chain.pem").read_bytes()
    path = own_p12(tmp_path, **{k: v for k, v in problem.items() if k != "passphrase"})
    with pytest.raises(SignerRefused, match=message):
        install_p12(folder, path.read_bytes(), problem.get("passphrase", b"rahasia-bsre"), now=NOW)
    assert (folder / "chain.pem").read_bytes() == before


def test_an_installed_signer_signs_new_certificates_and_the_old_ones_still_verify(trust, tmp_path, monkeypatch, capsys):
    key, old_signer, old_pdf = trust
    folder = tmp_path / "pdf-signer"
    monkeypatch.setenv("NETRAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NETRAL_SIGNER_PASSPHRASE", "rahasia-bsre")
    assert main(["certificates", "signer", "install", str(own_p12(tmp_path))]) == 0
    assert "BKPSDM Kabupaten Uji" in capsys.readouterr().out
    new_signer = load_signer(folder)
    assert new_signer.name == "BKPSDM Kabupaten Uji" and len(list((folder / "retired").glob("*.pem"))) == 1
    new_pdf = render_certificate(document(key), new_signer)
    for pdf, signer_name in ((old_pdf, "Penerbit Sertifikat"), (new_pdf, "BKPSDM Kabupaten Uji")):
        verdict = check_pdf_offline(pdf, key.public, new_signer.anchors)
        assert verdict.genuine and signer_name in verdict.signature.signer


def test_with_a_timestamp_authority_the_signature_is_pades_b_t(trust, tmp_path):
    """A real RFC 3161 TSA on loopback (pyHanko's DummyTimeStamper behind HTTP) stamps the signature; pyHanko's own
    validator finds the timestamp and trusts it on the TSA's root, and our check reports it."""
    from dataclasses import replace

    key, signer, _pdf = trust
    with timestamp_authority() as tsa:
        pdf = render_certificate(replace(document(key), tsa_url=tsa.url), signer)
        assert len(tsa.answered) >= 1
    embedded = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    status = validate_pdf_signature(
        embedded,
        signer_validation_context=ValidationContext(trust_roots=[_asn1(a) for a in signer.anchors], allow_fetching=False),
        ts_validation_context=ValidationContext(trust_roots=[_asn1(tsa.root)], allow_fetching=False),
    )
    assert status.bottom_line and status.timestamp_validity is not None and status.timestamp_validity.trusted
    stamped_at = status.timestamp_validity.timestamp
    assert abs(stamped_at - datetime.now(UTC)) < timedelta(minutes=5)
    check = check_signature(pdf, signer.anchors, (tsa.root,))
    assert check.trusted and check.timestamped_at == stamped_at and check.timestamp_authority == "TSA Uji"
    assert check.timestamp_trusted and "cap waktu dari TSA Uji" in check.timestamp_text
    untrusted_tsa = check_signature(pdf, signer.anchors)
    assert untrusted_tsa.trusted and untrusted_tsa.timestamped_at == stamped_at and not untrusted_tsa.timestamp_trusted
    assert "belum ditetapkan sebagai tepercaya" in untrusted_tsa.timestamp_text
    assert check_signature(render_certificate(document(key), signer), signer.anchors).timestamped_at is None  # B-B
    if shutil.which("pdfsig"):
        report = pdfsig(tmp_path, pdf, trusted=nss_trusting(tmp_path, tmp_path / "ca.pem"))
        assert "Signature Validation: Signature is Valid." in report and "Total document signed" in report


def test_the_cli_reports_the_timestamp_of_a_b_t_certificate(trust, tmp_path, capsys, monkeypatch):
    from dataclasses import replace

    key, signer, _pdf = trust
    with timestamp_authority() as tsa:
        (tmp_path / "sertifikat.pdf").write_bytes(render_certificate(replace(document(key), tsa_url=tsa.url), signer))
        (tmp_path / "tsa.pem").write_bytes(tsa.root.public_bytes(serialization.Encoding.PEM))
    monkeypatch.setenv("NETRAL_DATA_DIR", str(tmp_path))
    args = ["certificates", "verify", str(tmp_path / "sertifikat.pdf"), "--ca", str(tmp_path / "ca.pem")]
    assert main([*args, "--tsa-ca", str(tmp_path / "tsa.pem")]) == 0
    out = capsys.readouterr().out
    assert "ASLI:" in out and "cap waktu dari TSA Uji pada" in out and "(tepercaya)" in out


@pytest.mark.parametrize("broken", ["unreachable", "refusing"])
def test_an_unavailable_timestamp_authority_leaves_a_b_b_signature_and_a_warning(trust, caplog, broken):
    """The certificate is already issued; the holder gets a valid B-B PDF rather than none, and the log says why."""
    from dataclasses import replace

    key, signer, _pdf = trust
    if broken == "unreachable":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{probe.getsockname()[1]}/tsa"  # closed again before anyone connects
        pdf = render_certificate(replace(document(key), tsa_url=url), signer)
    else:
        with timestamp_authority(broken=True) as tsa:
            url = tsa.url
            pdf = render_certificate(replace(document(key), tsa_url=url), signer)
    check = check_signature(pdf, signer.anchors)
    assert check.genuine and check.trusted and check.timestamped_at is None
    assert any(
        record.levelname == "WARNING" and url in record.getMessage() and "PAdES B-B" in record.getMessage()
        for record in caplog.records
    )


def test_the_signature_names_its_signing_certificate_as_pades_requires(trust):
    """The signed attributes are built once per signer and reused: every signature still carries the
    signing-certificate-v2 of its own signer (ESS, required by PAdES) and no signing-time attribute (forbidden)."""
    from asn1crypto import cms as asn1_cms

    key, signer, pdf = trust
    second = render_certificate(document(key, name="Siti Aminah"), signer)
    for data in (pdf, second):
        signed_data = PdfFileReader(io.BytesIO(data)).embedded_signatures[0].signed_data
        attrs = {a["type"].native: a["values"][0] for a in signed_data["signer_infos"][0]["signed_attrs"]}
        assert "signing_time" not in attrs and set(attrs) >= {"content_type", "message_digest", "signing_certificate_v2"}
        cert_hash = attrs["signing_certificate_v2"]["certs"][0]["cert_hash"].native
        assert cert_hash == signer.certificate.fingerprint(hashes.SHA256())
    assert isinstance(signed_data, asn1_cms.SignedData)


def test_a_certificate_issued_with_netral_tsa_url_is_stored_timestamped(synced, settings):
    """Through issuing: NETRAL_TSA_URL reaches the PDF rendered after the learner's transaction (both databases)."""
    from dataclasses import replace

    from netral.certificates.issuing import agency_signer
    from tests.certificates.test_certificates import complete, stored

    with timestamp_authority() as tsa:
        _employee_id, number = complete(synced, replace(settings, tsa_url=tsa.url))
        assert tsa.answered
    pdf = stored(synced, number).pdf
    signer = agency_signer(settings.signing_key_path, settings.agency_name)
    check = check_signature(pdf, signer.anchors, (tsa.root,))
    assert check.trusted and check.timestamp_trusted and check.timestamp_authority == "TSA Uji"
