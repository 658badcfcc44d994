"""Open Badges 3.0: the credential of every certificate, checked by an independent implementation (Digital Bazaar's
VC libraries from npm, run offline by node), by Netral's own offline check, and its status following revocation."""

import hashlib
import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from db import reading, transaction
from db.models import Employee
from netral.certificates import issuing, managing
from netral.certificates.credentials import check_credential, credential_for_hr, own_credential
from netral.certificates.did import DidWebRefused, did_document, did_web, document_url
from netral.certificates.signing import load_or_create_key, public_pem
from netral.certificates.web import did_routes, status_routes
from netral.cli import main
from tests.certificates.test_certificates import complete, stored
from tests.conftest import IN_CI, T0

VERIFIER = Path(__file__).parent / "ob_verifier"
needs_node_verifier = pytest.mark.skipif(
    (shutil.which("node") is None or not (VERIFIER / "node_modules").is_dir()) and not IN_CI,
    reason="node or the verifier's packages missing (scripts/test.sh runs npm ci)",
)


def independent_check(credential: dict, status_list: dict | None = None, did_document: dict | None = None) -> dict:
    """Digital Bazaar's verifier (tests/certificates/ob_verifier/verify.mjs), offline: contexts and did:key are local,
    a did:web is resolved from `did_document` as if fetched from its https address."""
    run = subprocess.run(
        ["node", "verify.mjs"],
        cwd=VERIFIER,
        input=json.dumps({"credential": credential, "statusList": status_list, "didDocument": did_document}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(run.stdout)


def credential_and_list(engine, settings, employee_id, number):
    key = issuing.signing_key(settings.signing_key_path)
    with reading(engine) as session:
        data = own_credential(
            session, employee_id=employee_id, number=number, key=key, base_url=settings.base_url, did_web=settings.did_web
        )
    client = TestClient(Starlette(routes=status_routes(settings)), base_url="http://netral.test")
    response = client.get(f"/api/sertifikat/status/{number[4:8]}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/vc+ld+json")
    return data, response.json()


@needs_node_verifier
def test_an_independent_verifier_accepts_the_credential_and_sees_its_revocation(synced, settings):
    employee_id, number = complete(synced, settings)
    data, status_list = credential_and_list(synced, settings, employee_id, number)
    credential = json.loads(data)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"].startswith("did:key:z6Mk") and credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    subject = credential["credentialSubject"]
    name = {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": "Sutrisno"}
    assert subject["creditsEarned"] == 6 and name in subject["identifier"]
    with reading(synced) as session:
        nip = session.get(Employee, employee_id).nip
    hashed = subject["identifier"][1]
    # The NIP only as a salted hash (checking for its digits "196" failed once a random hash happened to hold them).
    assert nip not in json.dumps(hashed) and hashed["hashed"] is True
    assert hashed["identityHash"] == "sha256$" + hashlib.sha256((nip + hashed["salt"]).encode()).hexdigest()
    assert independent_check(credential, status_list) == {"verified": True, "revoked": False, "error": None}

    with transaction(synced) as session:
        managing.revoke(session, actor=None, number=number, reason="Pelanggaran", now=T0)
    again, revoked_list = credential_and_list(synced, settings, employee_id, number)
    assert again == data  # the same bytes on every download; the status lives in the list
    assert independent_check(credential, revoked_list)["revoked"] is True


@needs_node_verifier
def test_a_forged_credential_is_rejected_by_the_independent_verifier_and_by_netral(synced, settings, tmp_path, capsys):
    employee_id, number = complete(synced, settings)
    key = issuing.signing_key(settings.signing_key_path)
    with reading(synced) as session:
        data = credential_for_hr(session, actor=None, number=number, key=key, base_url=settings.base_url)
    forged = json.loads(data)
    forged["credentialSubject"]["identifier"][0]["identityHash"] = "Orang Lain"
    assert independent_check(forged)["verified"] is False
    (tmp_path / "asli.json").write_bytes(data)
    (tmp_path / "palsu.json").write_text(json.dumps(forged))
    (tmp_path / "kunci.pem").write_bytes(public_pem(key.public))
    assert main(["certificates", "verify", str(tmp_path / "asli.json"), "--public-key", str(tmp_path / "kunci.pem")]) == 0
    assert "ASLI: kredensial Open Badges asli dan utuh" in capsys.readouterr().out
    assert main(["certificates", "verify", str(tmp_path / "palsu.json"), "--public-key", str(tmp_path / "kunci.pem")]) == 1
    assert "TIDAK ASLI: isi kredensial telah diubah setelah ditandatangani" in capsys.readouterr().out
    assert stored(synced, number).verification_code not in data.decode()  # the lookup code stays on paper


@needs_node_verifier
def test_with_did_web_the_issuer_is_the_agency_domain_and_the_independent_verifier_resolves_its_document(
    synced, settings, tmp_path, capsys, monkeypatch
):
    settings = replace(settings, did_web="netral.contohkab.go.id", base_url="https://netral.contohkab.go.id")
    employee_id, number = complete(synced, settings)
    data, status_list = credential_and_list(synced, settings, employee_id, number)
    credential = json.loads(data)
    did = "did:web:netral.contohkab.go.id"
    assert credential["issuer"]["id"] == did and status_list["issuer"] == did
    assert credential["proof"]["verificationMethod"].startswith(f"{did}#z6Mk")
    served = TestClient(Starlette(routes=did_routes(settings)), base_url="https://netral.contohkab.go.id").get(
        "/.well-known/did.json"
    )
    assert served.status_code == 200 and served.headers["content-type"].startswith("application/did+json")
    document = served.json()
    assert document["assertionMethod"] == [credential["proof"]["verificationMethod"]]
    assert independent_check(credential, status_list, document) == {"verified": True, "revoked": False, "error": None}
    assert independent_check(credential, status_list)["verified"] is False  # nothing resolves the did:web offline
    other_key = load_or_create_key(tmp_path / "kunci-lain.pem").public
    assert independent_check(credential, status_list, did_document(did, other_key))["verified"] is False
    # Netral's own offline check with the agency's public key, and the file the CLI writes for nginx
    (tmp_path / "kredensial.json").write_bytes(data)
    (tmp_path / "kunci.pem").write_bytes(public_pem(issuing.signing_key(settings.signing_key_path).public))
    assert main(["certificates", "verify", str(tmp_path / "kredensial.json"), "--public-key", str(tmp_path / "kunci.pem")]) == 0
    assert "ASLI: kredensial Open Badges asli dan utuh" in capsys.readouterr().out
    monkeypatch.setenv("NETRAL_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NETRAL_DID_WEB", "netral.contohkab.go.id")
    assert main(["certificates", "did-web", "-o", str(tmp_path / "did.json")]) == 0
    assert json.loads((tmp_path / "did.json").read_text()) == document
    assert "https://netral.contohkab.go.id/.well-known/did.json" in capsys.readouterr().err


def test_a_did_web_credential_signed_by_another_key_is_refused_offline(synced, settings, tmp_path):
    settings = replace(settings, did_web="netral.contohkab.go.id")
    employee_id, number = complete(synced, settings)
    data, _status = credential_and_list(synced, settings, employee_id, number)
    other = load_or_create_key(tmp_path / "kunci-lain.pem")
    assert check_credential(data, other.public, now=T0).reason == "kredensial tidak diterbitkan dengan kunci instansi ini"
    assert check_credential(data, issuing.signing_key(settings.signing_key_path).public, now=T0).genuine


@pytest.mark.parametrize(
    ("setting", "did", "url"),
    [
        ("netral.contohkab.go.id", "did:web:netral.contohkab.go.id", "https://netral.contohkab.go.id/.well-known/did.json"),
        ("https://contohkab.go.id/netral/", "did:web:contohkab.go.id:netral", "https://contohkab.go.id/netral/did.json"),
        ("localhost:8443", "did:web:localhost%3A8443", "https://localhost:8443/.well-known/did.json"),
        ("did:web:contohkab.go.id", "did:web:contohkab.go.id", "https://contohkab.go.id/.well-known/did.json"),
    ],
)
def test_the_did_web_of_a_domain_follows_the_method_rules(setting, did, url):
    assert did_web(setting) == did and document_url(did) == url


def test_a_did_web_setting_that_is_not_a_domain_is_refused_and_no_route_serves_a_path_did(settings):
    with pytest.raises(DidWebRefused, match="nama domain"):
        did_web("admin@contohkab.go.id")
    assert did_routes(replace(settings, did_web="contohkab.go.id/netral")) == []  # nginx serves /netral/did.json
    assert did_routes(settings) == []  # did:key: nothing to serve
