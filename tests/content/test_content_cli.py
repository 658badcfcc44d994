"""`python -m netral questions ...` for issue 14: counts, years, stale sources, and Moodle categories mapped onto modules."""

import json
import shutil

from tests.cli.test_cli import cli_env, run_cli  # noqa: F401 (cli_env is a fixture used below)
from tests.conftest import FIXTURE_BANK, ROOT
from tests.content.test_question_import import MOODLE_CATEGORIES


def test_the_real_bank_passes_the_check_and_reports_its_counts():
    result = run_cli("questions", "check", "--json", env_extra={"NETRAL_QUESTIONS_DIR": str(ROOT / "questions")})
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["errors"] == [] and report["questions"] >= 170
    assert min(report["per_module"].values()) >= 19
    assert report["per_category"]["media-sosial"] >= 26
    assert set(report["per_type"]) == {"single", "multiple", "truefalse"}
    assert all(pools["ujian"] >= 8 for pools in report["per_module_pool"].values())


def test_years_are_listed_with_file_line_and_sentence():
    result = run_cli("questions", "check", "--years", env_extra={"NETRAL_QUESTIONS_DIR": str(ROOT / "questions")})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("questions/modules/") for line in lines)
    # file:line: year: sentence
    assert any(": 2029: " in line and "135/PUU-XXII/2024" in line for line in lines)
    assert all(line.split(": ")[0].rsplit(":", 1)[1].isdigit() for line in lines)
    assert not any("27 November 2024" in line for line in lines)


def test_stale_sources_are_listed_and_fail_the_command(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, bank)
    env = {"NETRAL_QUESTIONS_DIR": str(bank)}
    fresh = run_cli("questions", "check", "--stale", env_extra=env)
    assert fresh.returncode == 0 and fresh.stdout == ""
    sources = bank / "sources.yaml"
    sources.write_text(sources.read_text().replace("checked_on: 2026-12-04", "checked_on: 2020-01-31", 1))
    stale = run_cli("questions", "check", "--stale", env_extra=env)
    assert stale.returncode == 1 and "sumber-kuat (Sumber Uji): terakhir diperiksa 2020-01-31" in stale.stdout
    warned = run_cli("questions", "check", env_extra=env)
    assert warned.returncode == 0 and "1 sumber perlu diperiksa ulang" in warned.stderr  # a warning, not an error


def test_a_dry_run_counts_what_would_be_added_and_map_sends_a_category_to_a_module(cli_env, tmp_path):  # noqa: F811
    path = tmp_path / "moodle.gift"
    path.write_bytes(MOODLE_CATEGORIES)
    dry = json.loads(run_cli("questions", "import", str(path), "--dry-run", "--json", env_extra=cli_env).stdout)
    assert (dry["added"], dry["waiting"], dry["imported"], dry["dry_run"]) == (3, 2, False, True)
    assert [(c["category"], c["questions"], c["module"]) for c in dry["categories"]] == [
        ("Netralitas/Dasar-dasar", 2, "dasar"),
        ("Netralitas/Lanjutan", 1, "lanjut"),
        ("Netralitas/Lain-lain", 2, None),
    ]
    assert [e["name"] for e in dry["errors"]] == ["Netralitas/Lain-lain"]
    mapped = run_cli(
        "questions",
        "import",
        str(path),
        "--map",
        "Netralitas/Lain-lain=lanjut",
        "--map",
        "Netralitas/Lanjutan=dasar",
        "--json",
        env_extra=cli_env,
    )
    report = json.loads(mapped.stdout)
    assert mapped.returncode == 0 and report["imported"] and (report["added"], report["waiting"]) == (5, 0)
    same_map = ("--map", "Netralitas/Lanjutan=dasar")
    again = json.loads(run_cli("questions", "import", str(path), *same_map, "--dry-run", "--json", env_extra=cli_env).stdout)
    assert (again["added"], again["unchanged"], again["waiting"]) == (0, 3, 2)  # without its --map, Lain-lain waits again
    # A category now proposed for another module than its questions are in is reported, never moved silently.
    moved = json.loads(run_cli("questions", "import", str(path), "--dry-run", "--json", env_extra=cli_env).stdout)
    assert any("sudah dipakai soal di modul lain" in e["reason"] for e in moved["errors"])
    bad = run_cli("questions", "import", str(path), "--map", "tanpa-sama-dengan", env_extra=cli_env)
    assert bad.returncode == 1 and "KATEGORI=MODUL" in bad.stderr
