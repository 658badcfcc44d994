"""Roster import against the database: dry run, valid rows only or nothing, full sync, accounts, audit, CLI."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from db import queries, reading, transaction
from db.models import Account, AuditEvent, Employee, OrgUnit
from netral.cli import main
from netral.core.enums import Role
from netral.identity import login
from netral.people.roster.importing import (
    ALL_OR_NOTHING,
    BIRTH_DATE,
    DEACTIVATE,
    KEEP_ADMIN,
    UPDATE,
    VALID_ONLY,
    RosterRefused,
    plan_import,
    set_first_login_mode,
)
from netral.people.roster.reading import read_roster
from netral.people.roster.writing import apply_import, import_roster
from tests.conftest import T0
from tests.factories import add_person, as_actor, next_nip

AGENCY = "Pemerintah Kabupaten Uji"
HEADER = "NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah;Email"


def csv_file(*lines: str) -> bytes:
    """A roster as Indonesian Excel saves it: UTF-8 with BOM, semicolons, CRLF."""
    return ("\ufeff" + "\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8")


def roster(*lines: str):
    return read_roster(csv_file(*lines), "pegawai.csv", today=T0.date())


def apply(session, data, *, mode=VALID_ONLY, full_sync=False, actor=None):
    return apply_import(
        session, data, actor=actor, full_sync=full_sync, mode=mode, agency_name=AGENCY, now=T0, filename="pegawai.csv"
    )


def employees(engine) -> dict[str, Employee]:
    with reading(engine) as session:
        return {e.nip: e for e in session.scalars(select(Employee))}


def test_a_dry_run_previews_additions_and_updates_and_changes_nothing(engine):
    kept, moved = next_nip(), next_nip()
    with transaction(engine) as session:
        apply(session, roster(f"{kept};Ani;Analis;Subbag Umum;Dinas Pendidikan;", f"{moved};Budi;Guru;SD 1;Dinas Pendidikan;"))
    new = next_nip()
    data = roster(
        f"{kept};Ani;Analis;Subbag Umum;Dinas Pendidikan;",
        f"{moved};Budi Santoso;Guru Ahli;SD 2;DINAS PENDIDIKAN;",
        f"{new};Citra;Perawat;Puskesmas Kota;Dinas Kesehatan;citra@contoh.go.id",
    )
    before = employees(engine)
    with reading(engine) as session:
        plan = plan_import(session, data, actor=None, full_sync=False, agency_name=AGENCY)
    assert plan.summary(imported=False) | {"errors": []} == {
        "valid": 3, "errors": [], "added": 1, "updated": 1, "deactivated": 0, "imported": False,
    }  # fmt: skip
    update = next(c for c in plan.changes if c.action == UPDATE)
    assert update.nip == moved and update.row == 3
    assert "Nama: Budi → Budi Santoso" in update.details and "Unit kerja: SD 1 → SD 2" in update.details
    assert "Perangkat daerah" not in update.details  # "DINAS PENDIDIKAN" is the same office
    addition = next(c for c in plan.changes if c.nip == new)
    assert addition.details == "Dinas Kesehatan (baru) / Puskesmas Kota (baru)"
    assert {n: e.name for n, e in employees(engine).items()} == {n: e.name for n, e in before.items()}


def test_a_file_with_errors_imports_nothing_unless_hr_chooses_the_valid_rows(engine):
    good = next_nip()
    data = roster(f"{good};Dewi;Analis;Bagian Umum;Sekretariat Daerah;", "1.98503E+17;Eko;Analis;Bagian Umum;Sekretariat Daerah;")
    assert [(p.row, p.column) for p in data.problems] == [(3, "NIP")]
    with pytest.raises(RosterRefused, match="Tidak ada yang diimpor"), transaction(engine) as session:
        apply(session, data, mode=ALL_OR_NOTHING)
    assert good not in employees(engine)
    with reading(engine) as session:
        assert session.scalar(select(func.count()).select_from(OrgUnit)) == 0  # not even the units
    with transaction(engine) as session:
        outcome = apply(session, data, mode=VALID_ONLY)
    assert outcome.plan.count("tambah") == 1 and good in employees(engine)


def test_a_failure_midway_in_one_transaction_leaves_nothing_half_imported(engine, monkeypatch):
    first, second = next_nip(), next_nip()
    data = roster(
        f"{first};Fajar;Analis;Bagian Umum;Sekretariat Daerah;", f"{second};Gita;Analis;Bagian Hukum;Sekretariat Daerah;"
    )
    import netral.people.roster.writing as writing

    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk penuh")
        return original(*args, **kwargs)

    original = writing.open_account_hashed
    monkeypatch.setattr(writing, "open_account_hashed", failing)
    with pytest.raises(RuntimeError), transaction(engine) as session:
        apply(session, data)
    assert first not in employees(engine) and second not in employees(engine)


def test_new_accounts_log_in_with_their_initial_password_and_must_change_it(engine):
    nip = next_nip()
    with transaction(engine) as session:
        outcome = apply(session, roster(f"{nip};Hadi;Analis;Bagian Umum;Sekretariat Daerah;"))
    (initial,) = outcome.passwords
    assert initial.nip == nip and initial.unit == "Sekretariat Daerah / Bagian Umum" and len(initial.password) >= 10
    with transaction(engine) as session:
        signed_in = login.log_in(
            session, nip=nip, password=initial.password, now=T0, secret="s" * 32, session_hours=1, client="192.0.2.10"
        )
    assert signed_in.user is not None and signed_in.user.must_change_password


def test_birth_date_first_login_uses_the_date_in_the_nip_and_hands_out_no_passwords(engine):
    nip = next_nip()  # born 1980-01-15
    with transaction(engine) as session:
        set_first_login_mode(session, actor=None, mode=BIRTH_DATE, now=T0)
        outcome = apply(session, roster(f"{nip};Indah;Analis;Bagian Umum;Sekretariat Daerah;"))
    assert outcome.passwords == ()
    with transaction(engine) as session:
        signed_in = login.log_in(
            session, nip=nip, password="15011980", now=T0, secret="s" * 32, session_hours=1, client="192.0.2.10"
        )
    assert signed_in.user is not None and signed_in.user.must_change_password


def test_a_full_sync_deactivates_leavers_but_never_an_admin_and_keeps_their_history(engine):
    stay, leave = next_nip(), next_nip()
    with transaction(engine) as session:
        admin_nip = add_person(session, name="Rina Admin", role=Role.SUPER_ADMIN).employee.nip
        apply(
            session,
            roster(
                f"{stay};Joko;Analis;Bagian Umum;Sekretariat Daerah;", f"{leave};Kartini;Analis;Bagian Umum;Sekretariat Daerah;"
            ),
        )
    data = roster(f"{stay};Joko;Analis;Bagian Umum;Sekretariat Daerah;")
    with reading(engine) as session:
        plan = plan_import(session, data, actor=None, full_sync=True, agency_name=AGENCY)
    assert [(c.action, c.nip) for c in plan.changes] == [(DEACTIVATE, leave), (KEEP_ADMIN, admin_nip)]
    with transaction(engine) as session:
        apply(session, data, full_sync=True)
    people = employees(engine)
    assert not people[leave].active and people[leave].deactivated_at is not None
    assert people[stay].active and people[admin_nip].active
    with transaction(engine) as session:
        plan = plan_import(
            session,
            roster(f"{leave};Kartini;Analis;Bagian Umum;Sekretariat Daerah;"),
            actor=None,
            full_sync=False,
            agency_name=AGENCY,
        )
        assert [c.action for c in plan.changes] == ["aktifkan kembali"]
        outcome = apply(session, roster(f"{leave};Kartini;Analis;Bagian Umum;Sekretariat Daerah;"))
    assert employees(engine)[leave].active and outcome.passwords == ()  # she keeps her account


def test_a_hostile_name_is_stored_exactly_as_text(engine):
    nip = next_nip()
    name = '=HYPERLINK("http://x","klik") <script>alert(1)</script>\'; DROP TABLE employees;--'
    quoted = '"' + name.replace('"', '""') + '"'  # as a spreadsheet quotes a cell holding ; and "
    with transaction(engine) as session:
        apply(session, roster(f"{nip};{quoted};Analis;Bagian Umum;Sekretariat Daerah;"))
    assert employees(engine)[nip].name == name


def test_an_import_is_audited_with_its_figures(engine):
    with transaction(engine) as session:
        admin = add_person(session, name="Rina Admin", role=Role.SUPER_ADMIN)
        apply(
            session,
            roster(f"{next_nip()};Lia;Analis;Bagian Umum;Sekretariat Daerah;", "123;Mira;;;Sekretariat Daerah;"),
            actor=as_actor(admin),
        )
    with reading(engine) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "roster.import")).one()
    assert event.actor_account_id == admin.id and event.details["added"] == 1 and event.details["errors"] == 1
    assert event.details["file"] == "pegawai.csv"


def test_the_cli_dry_run_prints_json_and_exits_1_on_errors(engine, settings, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("NETRAL_QUESTIONS_DIR", str(settings.questions_dir))
    good, dup = next_nip(), next_nip()
    path = tmp_path / "pegawai.csv"
    path.write_bytes(
        csv_file(
            f"{good};Nana;Analis;Bagian Umum;Sekretariat Daerah;",
            f"{dup};Oki;Analis;Bagian Umum;Sekretariat Daerah;",
            f"{dup};Oki Lagi;Analis;Bagian Umum;Sekretariat Daerah;",
            "198503152010012000;Putri;Analis;Bagian Umum;Sekretariat Daerah;",
        )
    )
    assert main(["roster", "import", str(path), "--dry-run", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] == 1 and report["added"] == 1 and report["updated"] == 0 and report["deactivated"] == 0
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, "NIP"), (4, "NIP"), (5, "NIP")]
    assert "baris 4" in report["errors"][0]["reason"] and "Teks" in report["errors"][2]["reason"]
    assert good not in employees(engine)

    assert main(["roster", "import", str(path), "--json"]) == 1  # errors: nothing imported
    assert good not in employees(engine)
    capsys.readouterr()
    passwords = tmp_path / "sandi.xlsx"
    assert main(["roster", "import", str(path), "--valid-only", "--passwords", str(passwords), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["imported"] is True
    assert good in employees(engine) and passwords.read_bytes().startswith(b"PK")
    assert passwords.stat().st_mode & 0o777 == 0o600  # initial passwords: readable by the operator only
    clean = tmp_path / "bersih.csv"
    clean.write_bytes(csv_file(f"{good};Nana;Analis;Bagian Umum;Sekretariat Daerah;"))
    assert main(["roster", "import", str(clean), "--dry-run", "--json"]) == 0
    with reading(engine) as session:
        assert session.scalar(select(func.count()).select_from(Account)) == 1
        assert queries.employee_by_nip(session, good) is not None


def big_roster(count: int):
    return roster(*(f"{next_nip()};Pegawai {n};Analis;Bagian Umum;Sekretariat Daerah;" for n in range(count)))


def import_in_chunks(engine, data, *, progress=None, mode=VALID_ONLY):
    return import_roster(
        engine, data, actor=None, full_sync=False, mode=mode, agency_name=AGENCY, now=T0, filename="pegawai.csv",
        progress=progress, chunk_rows=2,
    )  # fmt: skip


def test_a_long_import_lets_another_writer_in_between_its_chunks(engine):
    data = big_roster(5)
    others: list[int] = []

    def someone_else_writes(done, total):
        # The chunk just committed: another writer (an answer, a login) gets the lock at once, not after the file.
        # On SQLite a lock still held would make this wait busy_timeout and fail.
        with transaction(engine) as session:
            session.add(Employee(nip=next_nip(), name=f"Penyela {done}", active=True, created_at=T0, updated_at=T0))
        others.append(done)

    outcome = import_in_chunks(engine, data, progress=someone_else_writes)
    assert others == [2, 4, 5]
    on_record = employees(engine)
    assert all(row.nip in on_record for row in data.rows)
    assert len(outcome.passwords) == 5 and all(p.password for p in outcome.passwords)
    with reading(engine) as session:
        assert len(queries.accounts_of(session, [on_record[row.nip].id for row in data.rows])) == 5


def test_an_import_stopped_between_chunks_is_finished_by_importing_the_same_file_again(engine):
    data = big_roster(5)

    def crash_after_first_chunk(done, total):
        raise KeyboardInterrupt  # the process dies after the first chunk committed

    with pytest.raises(KeyboardInterrupt):
        import_in_chunks(engine, data, progress=crash_after_first_chunk)
    assert sum(row.nip in employees(engine) for row in data.rows) == 2  # whole employees, each with an account
    outcome = import_in_chunks(engine, data)
    assert all(row.nip in employees(engine) for row in data.rows)
    assert len(outcome.passwords) == 3  # only the accounts the first run did not open
    with reading(engine) as session:
        on_record = employees(engine)
        assert len(queries.accounts_of(session, [on_record[row.nip].id for row in data.rows])) == 5


def test_a_chunked_import_of_a_file_with_errors_writes_nothing_when_all_or_nothing(engine):
    data = roster(f"{next_nip()};Ani;Analis;Subbag Umum;Dinas Pendidikan;", "123;Budi;Guru;SD 1;Dinas Pendidikan;")
    before = employees(engine)
    with pytest.raises(RosterRefused, match="Tidak ada yang diimpor"):
        import_in_chunks(engine, data, mode=ALL_OR_NOTHING)
    assert employees(engine) == before
