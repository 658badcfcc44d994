"""A demo agency: units, employees, logins and a few attempts, loaded once and idempotently."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from db import queries
from db.models import Employee, OrgUnit
from netral import attempts
from netral.accounts import add_employee, open_account
from netral.auth import PESERTA, SUPER_ADMIN
from netral.settings import Settings

ADMIN_PASSWORD = "AdminNetral#2024"
PESERTA_PASSWORD = "PesertaNetral#2024"
INITIAL_PASSWORD = "Awal#2024"


@dataclass(frozen=True)
class DemoPerson:
    """One demo employee and how their account starts."""

    nip: str
    name: str
    jabatan: str
    unit: tuple[str, str]
    role: str | None
    password: str | None
    must_change: bool = False


AGENCY = "Pemerintah Kabupaten Contoh"
BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
DISDIK = "Dinas Pendidikan"
DINKES = "Dinas Kesehatan"
PEOPLE = (
    DemoPerson(
        "198503152010012005",
        "Rina Wulandari, S.Sos.",
        "Analis SDM Aparatur",
        (BKPSDM, "Bidang Pengembangan Kompetensi"),
        SUPER_ADMIN,
        ADMIN_PASSWORD,
    ),
    DemoPerson(
        "197806122005011003",
        "Dr. H. Moch. Zaenuri, S.H., M.H.",
        "Kepala Bidang Mutasi",
        (BKPSDM, "Bidang Mutasi dan Promosi"),
        PESERTA,
        PESERTA_PASSWORD,
    ),
    DemoPerson(
        "199001232015032007",
        "Siti Nurhaliza, S.Pd.",
        "Guru Ahli Pertama",
        (DISDIK, "SD Negeri 1 Sukamaju"),
        PESERTA,
        INITIAL_PASSWORD,
        must_change=True,
    ),
    DemoPerson("196812101990031004", "Sutrisno", "Pengadministrasi Umum", (DISDIK, "Sekretariat"), PESERTA, PESERTA_PASSWORD),
    DemoPerson(
        "199507182020121001", "Andi Pratama, A.Md.Kep.", "Perawat Terampil", (DINKES, "Puskesmas Kota"), PESERTA, PESERTA_PASSWORD
    ),
    DemoPerson(
        "198811302014022002",
        "Maria Fransiska Lamahoda, S.E.",
        "Penata Keuangan",
        (DINKES, "Sekretariat"),
        PESERTA,
        PESERTA_PASSWORD,
    ),
    DemoPerson(
        "199202142019032011",
        "I Gusti Ayu Komang Sri Wahyuni, S.Kom.",
        "Pranata Komputer Ahli Pertama",
        (BKPSDM, "Bidang Pengembangan Kompetensi"),
        PESERTA,
        INITIAL_PASSWORD,
        must_change=True,
    ),
    DemoPerson("198709052011011002", "Yohanes Ch. Pattiasina", "Pengelola Data", (DINKES, "Puskesmas Kota"), None, None),
    DemoPerson(
        "199310102022212003", "Nur'aini Hasibuan, S.Pd.", "Guru Ahli Pertama (PPPK)", (DISDIK, "SD Negeri 1 Sukamaju"), None, None
    ),
)


def load_demo(session: Session, *, now: datetime, settings: Settings) -> bool:
    """Load the demo agency unless it is there already; tell whether anything was added."""
    if queries.employee_by_nip(session, PEOPLE[0].nip) is not None:
        return False
    for person in PEOPLE:
        unit = _unit_path(session, person.unit)
        employee = add_employee(session, nip=person.nip, name=person.name, jabatan=person.jabatan, unit_id=unit.id, now=now)
        if person.role and person.password:
            open_account(
                session, employee=employee, role=person.role, password=person.password, must_change=person.must_change, now=now
            )
    _demo_attempts(session, now=now, settings=settings)
    return True


def demo_logins() -> list[tuple[str, str, str, str]]:
    """Return (role, NIP, name, password) of the demo logins, for the terminal and README."""
    labels = {SUPER_ADMIN: "Admin HR", PESERTA: "Peserta"}
    return [
        (labels[p.role] + (" (wajib ganti sandi)" if p.must_change else ""), p.nip, p.name, p.password)
        for p in PEOPLE
        if p.role and p.password
    ]


def _unit_path(session: Session, path: tuple[str, str]) -> OrgUnit:
    parent: OrgUnit | None = None
    for level, name in zip(("instansi", "perangkat_daerah", "unit_kerja"), (AGENCY, *path), strict=True):
        unit = queries.org_unit(session, parent.id if parent else None, level, name)
        if unit is None:
            unit = OrgUnit(parent_id=parent.id if parent else None, level=level, name=name)
            session.add(unit)
            session.flush()
        parent = unit
    assert parent is not None
    return parent


def _demo_attempts(session: Session, *, now: datetime, settings: Settings) -> None:
    # Through the real services, so the demo shows what real use leaves behind.
    modules = list(queries.module_quizzes(session))
    if not modules:
        return
    quiz = modules[0][0]
    rng = random.Random(2024)
    plans = {"196812101990031004": "lulus", "198811302014022002": "tidak lulus", "199507182020121001": "sedang berjalan"}
    for nip, plan in plans.items():
        employee = queries.employee_by_nip(session, nip)
        assert isinstance(employee, Employee)
        started = now - timedelta(days=2, minutes=rng.randint(0, 600))
        attempt = attempts.start_attempt(session, employee_id=employee.id, quiz_id=quiz.id, now=started, rng=rng)
        for position, (answer, version, _key) in enumerate(queries.answers_with_versions(session, attempt.id)):
            if plan == "sedang berjalan" and position >= 3:
                break
            right = [o["id"] for o in version.content["options"] if float(o["weight"]) > 0]
            wrong = [o["id"] for o in version.content["options"] if float(o["weight"]) <= 0][:1]
            choice = right if plan == "lulus" or position % 2 == 0 else wrong
            attempts.record_answer(
                session,
                attempt_id=attempt.id,
                employee_id=employee.id,
                position=answer.position,
                selected=choice,
                now=started + timedelta(minutes=position + 1),
            )
        if plan != "sedang berjalan":
            attempts.submit_attempt(
                session, attempt_id=attempt.id, employee_id=employee.id, now=started + timedelta(minutes=20), settings=settings
            )
