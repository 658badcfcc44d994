"""A demo agency: units, employees, logins and a few attempts, loaded once and idempotently."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from db import queries
from netral.certificates.settings import CertificateSettings, save_certificate_settings
from netral.content.pakta import pakta_text
from netral.core.enums import Role
from netral.core.errors import NotFound
from netral.core.settings import Settings
from netral.learning.pledge import sign_pakta
from netral.learning.starting import start_quiz
from netral.people.accounts import add_employee, open_account
from netral.people.units import UnitTree
from netral.quizzes import attempts
from netral.startup import wire

PESERTA, UNIT_ADMIN, SUPER_ADMIN = Role.PESERTA, Role.UNIT_ADMIN, Role.SUPER_ADMIN

ADMIN_PASSWORD = "AdminNetral#2024"
PESERTA_PASSWORD = "PesertaNetral#2024"
UNIT_ADMIN_PASSWORD = "AdminDinkes#2024"
INITIAL_PASSWORD = "Awal#2024"


@dataclass(frozen=True)
class DemoPerson:
    """One demo employee and how their account starts."""

    nip: str
    name: str
    jabatan: str
    unit: tuple[str, str]
    role: Role | None
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
    DemoPerson(
        "198709052011011002", "Yohanes Ch. Pattiasina", "Pengelola Data", (DINKES, "Sekretariat"), UNIT_ADMIN, UNIT_ADMIN_PASSWORD
    ),
    DemoPerson(
        "199310102022212003", "Nur'aini Hasibuan, S.Pd.", "Guru Ahli Pertama (PPPK)", (DISDIK, "SD Negeri 1 Sukamaju"), None, None
    ),
)


def load_demo(session: Session, *, now: datetime, settings: Settings) -> bool:
    """Load the demo agency unless it is there already; tell whether anything was added."""
    if queries.employee_by_nip(session, PEOPLE[0].nip) is not None:
        return False
    wire(settings)
    units = UnitTree.load(session, AGENCY)
    for person in PEOPLE:
        unit = units.unit_for(session, *person.unit)
        employee = add_employee(session, nip=person.nip, name=person.name, jabatan=person.jabatan, unit_id=unit.id, now=now)
        if person.role and person.password:
            account = open_account(
                session, employee=employee, role=person.role, password=person.password, must_change=person.must_change, now=now
            )
            if person.role == UNIT_ADMIN:
                account.scope_unit_id = unit.parent_id  # the whole perangkat daerah, not only its Sekretariat
    _demo_certificate_settings(session, now=now, settings=settings)
    _demo_attempts(session, now=now, settings=settings)
    return True


def _demo_certificate_settings(session: Session, *, now: datetime, settings: Settings) -> None:
    save_certificate_settings(
        session,
        actor=None,  # the operator loading the demo
        settings=CertificateSettings(
            issuer=settings.agency_name,
            place="Kota Contoh",
            signatory_name="Drs. Bambang Hermawan, M.Si.",
            signatory_nip="197004121995031002",
            signatory_title="Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        ),
        logo=None,
        now=now,
    )


def demo_logins() -> list[tuple[str, str, str, str]]:
    """Return (role, NIP, name, password) of the demo logins, for the terminal and README."""
    labels = {SUPER_ADMIN: "Admin HR", UNIT_ADMIN: "Admin HR Dinas Kesehatan", PESERTA: "Peserta"}
    return [
        (labels[p.role] + (" (wajib ganti sandi)" if p.must_change else ""), p.nip, p.name, p.password)
        for p in PEOPLE
        if p.role and p.password
    ]


def _demo_attempts(session: Session, *, now: datetime, settings: Settings) -> None:
    # Through the real services, so the demo shows what real use leaves behind.
    modules = list(queries.module_quizzes(session))
    exam = queries.exam_quiz(session)
    if not modules or exam is None:
        return
    rng = random.Random(2024)
    start = now - timedelta(days=3)
    sutrisno = _employee(session, "196812101990031004")
    for index, (quiz, _module) in enumerate(modules):
        _take(session, sutrisno, quiz.id, start + timedelta(hours=index), rng, settings, right=True)
    _take(session, sutrisno, exam.id, start + timedelta(days=1), rng, settings, right=True)
    sign_pakta(
        session,
        employee_id=sutrisno,
        typed_name="Sutrisno",
        agreed=True,
        text=pakta_text(settings.questions_dir),
        now=start + timedelta(days=1, hours=1),
        settings=settings,
    )
    maria = _employee(session, "198811302014022002")
    _take(session, maria, modules[0][0].id, start + timedelta(hours=2), rng, settings, right=False)
    andi = _employee(session, "199507182020121001")
    _take(session, andi, modules[0][0].id, start + timedelta(hours=5), rng, settings, right=True, stop_after=3)


def _employee(session: Session, nip: str) -> int:
    employee = queries.employee_by_nip(session, nip)
    if employee is None:
        raise NotFound(f"Pegawai demo {nip} tidak ditemukan.")
    return employee.id


def _take(
    session: Session,
    employee_id: int,
    quiz_id: int,
    started: datetime,
    rng: random.Random,
    settings: Settings,
    *,
    right: bool,
    stop_after: int | None = None,
) -> None:
    attempt = start_quiz(session, employee_id=employee_id, quiz_id=quiz_id, now=started, settings=settings, rng=rng)
    for answer, version, *_ in queries.answers_with_versions(session, attempt.id):
        if stop_after is not None and answer.position >= stop_after:
            return
        options = version.content["options"]
        correct = [o["id"] for o in options if float(o["weight"]) > 0]
        wrong = [o["id"] for o in options if float(o["weight"]) <= 0][:1]
        chosen = correct if right or answer.position % 2 == 0 else wrong
        attempts.record_answer(
            session,
            attempt_id=attempt.id,
            employee_id=employee_id,
            position=answer.position,
            selected=chosen,
            now=started + timedelta(minutes=answer.position + 1),
        )
    attempts.submit_attempt(session, attempt_id=attempt.id, employee_id=employee_id, now=started + timedelta(minutes=25))
