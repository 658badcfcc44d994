import json
import os
import subprocess
import sys

import pytest

from db import make_engine, reading
from db.queries import account_by_nip
from tests.conftest import FIXTURE_BANK, ROOT


def run_cli(*args, env_extra=None, stdin=""):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "netral", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def cli_env(db_url, tmp_path):
    return {"DATABASE_URL": db_url, "NETRAL_DATA_DIR": str(tmp_path / "data"), "NETRAL_QUESTIONS_DIR": str(FIXTURE_BANK)}


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["db", "--help"],
        ["db", "upgrade", "--help"],
        ["demo", "--help"],
        ["admin", "create", "--help"],
        ["questions", "check", "--help"],
    ],
)
def test_every_command_has_help(args):
    result = run_cli(*args)
    assert result.returncode == 0 and "usage" in result.stdout


def test_bad_usage_is_one_line_without_traceback():
    result = run_cli("admin", "create", "--nip")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


def test_admin_create_reads_the_password_from_stdin(cli_env, db_url):
    result = run_cli(
        "admin",
        "create",
        "--nip",
        "1985 0315 2010 01 2 005",
        "--name",
        "Rina Wulandari",
        env_extra=cli_env,
        stdin="Kopi Pagi 2024\n",
    )
    assert result.returncode == 0, result.stderr
    engine = make_engine(db_url)
    with reading(engine) as session:
        account = account_by_nip(session, "198503152010012005")
        assert account.role == "super_admin" and not account.must_change_password
    engine.dispose()


@pytest.mark.parametrize(
    ("nip", "password", "message"),
    [
        ("12345", "Kopi Pagi 2024", "harus 18 digit"),
        ("198503152010012005", "pendek", "minimal 8"),
        ("198503152010012005", "", "kosong"),
    ],
)
def test_admin_create_refuses_bad_input_in_one_line(cli_env, nip, password, message):
    result = run_cli("admin", "create", "--nip", nip, "--name", "X", env_extra=cli_env, stdin=password + "\n" if password else "")
    assert result.returncode == 1
    assert message in result.stderr and result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


def test_demo_is_idempotent_and_prints_the_logins(cli_env):
    env = {**cli_env, "NETRAL_QUESTIONS_DIR": str(ROOT / "questions")}
    first = run_cli("demo", env_extra=env)
    second = run_cli("demo", env_extra=env)
    assert first.returncode == second.returncode == 0, first.stderr
    assert "data demo dimuat" in first.stdout and "data demo sudah ada" in second.stdout
    assert "198503152010012005" in first.stdout and "AdminNetral#2024" in first.stdout


def test_questions_check_reports_the_bank_as_json():
    result = run_cli("questions", "check", "--json", env_extra={"NETRAL_QUESTIONS_DIR": str(FIXTURE_BANK)})
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert (report["modules"], report["questions"], report["questions_with_legal_basis"], report["errors"]) == (2, 14, 14, [])
    assert report["per_module"] == {"dasar": 9, "lanjut": 5} and report["per_pool"] == {"modul": 7, "ujian": 7}


def test_questions_check_fails_with_file_question_field_and_reason(tmp_path):
    import shutil

    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, bank)
    path = bank / "modules/01-dasar/questions.yaml"
    path.write_text(path.read_text().replace("legal_basis: [sumber-kuat]", "legal_basis: [sumber-meragukan]", 1))
    result = run_cli("questions", "check", "--json", env_extra={"NETRAL_QUESTIONS_DIR": str(bank)})
    assert result.returncode == 1
    errors = json.loads(result.stdout)["errors"]
    assert errors and all(e["question"] == "dasar-tunggal" and e["field"] == "legal_basis" for e in errors)
    assert all(e["file"].endswith("01-dasar/questions.yaml") for e in errors)
    assert any("UNVERIFIED" in e["reason"] for e in errors)


def test_a_bad_database_url_is_one_line():
    result = run_cli("db", "upgrade", env_extra={"DATABASE_URL": "nosuchdb://x"})
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0


def test_questions_import_reports_moodle_fixture_as_json_and_imports_the_rest(cli_env):
    from tests.conftest import MOODLE_FIXTURE

    dry = run_cli("questions", "import", str(MOODLE_FIXTURE), "--module", "dasar", "--dry-run", "--json", env_extra=cli_env)
    report = json.loads(dry.stdout)
    assert dry.returncode == 1 and report["parsed"] == 5 and report["imported"] is False
    assert {(e["line"], e["name"]) for e in report["errors"]} == {
        (2, "Q8"),
        (5, "Moodle activities"),
        (31, "Q5"),
        (34, "Shortanswer"),
    }
    real = run_cli("questions", "import", str(MOODLE_FIXTURE), "--module", "dasar", "--json", env_extra=cli_env)
    assert json.loads(real.stdout)["added"] == 5
    strict = run_cli("questions", "import", str(MOODLE_FIXTURE), "--module", "dasar", "--strict", "--json", env_extra=cli_env)
    assert json.loads(strict.stdout)["imported"] is False


def test_questions_export_writes_each_format_and_a_template(cli_env, tmp_path):
    for file_format in ("gift", "aiken", "xlsx"):
        target = tmp_path / f"bank.{file_format}"
        result = run_cli("questions", "export", "--format", file_format, "-o", str(target), env_extra=cli_env)
        assert result.returncode == 0, result.stderr
        assert target.stat().st_size > 100
    assert "dasar-ganda" in run_cli("questions", "export", "--format", "aiken", env_extra=cli_env).stderr  # skipped, named
    template = tmp_path / "templat.xlsx"
    assert run_cli("questions", "template", "-o", str(template), env_extra=cli_env).returncode == 0
    assert template.read_bytes()[:2] == b"PK"


def test_questions_import_of_a_missing_file_is_one_line(cli_env):
    result = run_cli("questions", "import", "/tidak/ada.gift", env_extra=cli_env)
    assert result.returncode == 1 and "tidak ditemukan" in result.stderr and "Traceback" not in result.stderr


def test_certificate_commands_list_save_verify_offline_and_revoke(cli_env, tmp_path):
    env = {**cli_env, "NETRAL_QUESTIONS_DIR": str(ROOT / "questions")}
    assert run_cli("demo", env_extra=env).returncode == 0
    listed = run_cli("certificates", "list", "--json", env_extra=env)
    [certificate] = json.loads(listed.stdout)
    assert {"number", "nip", "name", "status", "issued_at"} <= set(certificate) and certificate["status"] == "sah"
    pdf = tmp_path / "asli.pdf"
    assert run_cli("certificates", "pdf", certificate["number"], "-o", str(pdf), env_extra=env).returncode == 0
    public = tmp_path / "kunci.pem"
    assert run_cli("certificates", "public-key", "-o", str(public), env_extra=env).returncode == 0
    ca = tmp_path / "ca.pem"
    assert run_cli("certificates", "ca", "-o", str(ca), env_extra=env).returncode == 0

    offline = {"PATH": os.environ["PATH"], "DATABASE_URL": "sqlite:////nonexistent/none.db"}  # no database on purpose
    genuine = subprocess.run(
        [sys.executable, "-m", "netral", "certificates", "verify", str(pdf), "--public-key", str(public), "--ca", str(ca)],
        cwd=ROOT,
        env=offline,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert genuine.returncode == 0 and genuine.stdout.startswith("ASLI") and certificate["number"] in genuine.stdout
    tampered = tmp_path / "ubah.pdf"
    data = pdf.read_bytes()
    tampered.write_bytes(data.replace(b"Sutrisno", b"Sutrisna", 1))
    refused = subprocess.run(
        [sys.executable, "-m", "netral", "certificates", "verify", str(tampered), "--public-key", str(public), "--ca", str(ca)],
        cwd=ROOT,
        env=offline,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1 and "TIDAK ASLI: berkas PDF telah diubah" in refused.stdout

    assert run_cli("certificates", "revoke", certificate["number"], "--reason", "Uji pencabutan", env_extra=env).returncode == 0
    again = run_cli("certificates", "revoke", certificate["number"], "--reason", "lagi", env_extra=env)
    assert again.returncode == 1 and "sudah dicabut" in again.stderr and again.stderr.count("\n") == 1
    assert (
        json.loads(run_cli("certificates", "list", "--json", "--status", "dicabut", env_extra=env).stdout)[0]["number"]
        == certificate["number"]
    )
    missing = run_cli("certificates", "pdf", "NTR-2020-0000001-X", "-o", str(tmp_path / "x.pdf"), env_extra=env)
    assert missing.returncode == 1 and "tidak ditemukan" in missing.stderr
