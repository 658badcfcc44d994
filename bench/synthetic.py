"""Synthetic agencies for benchmarks: units, employees, certificates and rosters, the same for the same seed."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.models import Employee, OrgUnit
from netral.certificates.issuing import issue_completion
from netral.core.settings import Settings

GIVEN = [
    "Agus",
    "Budi",
    "Siti",
    "Dewi",
    "Rina",
    "Sutrisno",
    "Andi",
    "Maria",
    "Yohanes",
    "Nur'aini",
    "Wayan",
    "Komang",
    "Made",
    "Ketut",
    "Putu",
    "Ahmad",
    "Muhammad",
    "Fajar",
    "Rizky",
    "Indah",
    "Sri",
    "Eko",
    "Dwi",
    "Tri",
    "Hendra",
    "Yuliana",
    "Fransiska",
    "Bambang",
    "Lestari",
    "Wahyu",
    "Ayu",
    "Gusti",
    "Teuku",
    "Cut",
    "Ruslan",
    "Ṣalihah",
]
FAMILY = [
    "Santoso",
    "Wulandari",
    "Pratama",
    "Lamahoda",
    "Pattiasina",
    "Hasibuan",
    "Nasution",
    "Siregar",
    "Simanjuntak",
    "Wijaya",
    "Kusuma",
    "Hidayat",
    "Saputra",
    "Setiawan",
    "Rahmawati",
    "Purnamasari",
    "Nugroho",
    "Firmansyah",
    "Matondang",
    "Sembiring",
    "Tanjung",
    "Lubis",
    "Manurung",
    "Rumbewas",
    "Kaize",
]
FRONT_TITLES = ("", "", "", "", "Dr. ", "H. ", "Hj. ", "Ir. ", "Drs. ", "Dr. H. ")
DEGREES = ("", "", ", S.Pd.", ", S.H.", ", S.E.", ", S.Kom.", ", A.Md.Kep.", ", S.Sos., M.Si.", ", S.H., M.H.", ", S.Kep., Ns.")
JABATAN = ("Guru Ahli Pertama", "Perawat Terampil", "Analis SDM Aparatur", "Penata Keuangan", "Pengadministrasi Umum")
PERANGKAT_DAERAH = ("Dinas Pendidikan", "Dinas Kesehatan", "BKPSDM", "Dinas Perhubungan", "Kecamatan Kota", "Sekretariat Daerah")


@dataclass(frozen=True)
class SyntheticAgency:
    """What was generated: the employee ids, in order, and the unit kerja ids."""

    employee_ids: list[int]
    unit_ids: list[int]


def synthetic_name(rng: random.Random) -> str:
    """A plausible Indonesian name with the titles and degrees real rosters carry."""
    words = [rng.choice(GIVEN) for _ in range(rng.randint(1, 2))] + [rng.choice(FAMILY)] * rng.randint(0, 1)
    return rng.choice(FRONT_TITLES) + " ".join(words) + rng.choice(DEGREES)


def synthetic_nip(rng: random.Random, index: int) -> str:
    """A NIP that passes validation; `index` keeps it unique."""
    birth = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 35))
    appointed = rng.randint(birth.year + 19, 2023)
    month = rng.choice([f"{m:02d}" for m in range(1, 13)] + ["21"])
    return f"{birth:%Y%m%d}{appointed}{month}{rng.choice('12')}{index % 999 + 1:03d}"


def generate_agency(session: Session, *, seed: int, employees: int, units_per_office: int, now: datetime) -> SyntheticAgency:
    """Add an instansi with perangkat daerah and unit kerja, and `employees` employees spread over them."""
    rng = random.Random(seed)
    agency = OrgUnit(parent_id=None, level="instansi", name=f"Pemerintah Kabupaten Sintetis {seed}")
    session.add(agency)
    session.flush()
    unit_ids = []
    for office_name in PERANGKAT_DAERAH:
        office = OrgUnit(parent_id=agency.id, level="perangkat_daerah", name=office_name)
        session.add(office)
        session.flush()
        for number in range(1, units_per_office + 1):
            unit = OrgUnit(parent_id=office.id, level="unit_kerja", name=f"{office_name} Unit {number}")
            session.add(unit)
            session.flush()
            unit_ids.append(unit.id)
    seen: set[str] = set()
    rows = []
    for index in range(employees):
        nip = synthetic_nip(rng, index)
        while nip in seen:
            nip = synthetic_nip(rng, index)
        seen.add(nip)
        rows.append(
            {
                "nip": nip,
                "name": synthetic_name(rng),
                "jabatan": rng.choice(JABATAN),
                "unit_id": rng.choice(unit_ids),
                "active": True,
                "created_at": now,
                "updated_at": now,
            }
        )
    before = session.scalar(select(func.coalesce(func.max(Employee.id), 0))) or 0
    for start in range(0, len(rows), 5000):
        session.execute(insert(Employee), rows[start : start + 5000])
    # By id range: a NIP IN (...) list of 100,000 would pass SQLite's limit on parameters per statement.
    ids = list(session.scalars(select(Employee.id).where(Employee.id > before).order_by(Employee.id)))
    return SyntheticAgency(employee_ids=ids, unit_ids=unit_ids)


def issue_certificates(session: Session, employee_ids: list[int], *, now: datetime, settings: Settings) -> list[str]:
    """Issue a real certificate (rendered, signed, stored) to each of these employees; return the numbers."""
    return [
        issue_completion(
            session,
            employee_id=employee_id,
            quiz_id=None,
            completed="Pembelajaran Mandiri Netralitas ASN (8 modul dan ujian sertifikasi)",
            score=80 + employee_id % 21,
            jp=17,
            now=now,
            settings=settings,
        ).number
        for employee_id in employee_ids
    ]


ROSTER_HEADER = ("NIP", "Nama", "Jabatan", "Unit Kerja", "Perangkat Daerah", "Email")


def roster_csv(
    session: Session, agency: SyntheticAgency, *, seed: int, rows: int, kept: float = 0.9, changed: float = 0.1
) -> bytes:
    """A roster of `rows` lines as Indonesian Excel saves it (UTF-8 with BOM, semicolons, CRLF).

    It lists a `kept` share of the agency's employees (a `changed` share of them with another jabatan or unit kerja)
    and new employees for the remaining lines; the employees left out are the leavers of a full sync.
    """
    rng = random.Random(seed)
    units = {u.id: u for u in session.scalars(select(OrgUnit))}

    def place(unit_id: int) -> tuple[str, str]:
        unit = units[unit_id]
        return units[unit.parent_id].name if unit.parent_id else "", unit.name

    low, high = min(agency.employee_ids, default=0), max(agency.employee_ids, default=-1)
    people = session.execute(
        select(Employee.nip, Employee.name, Employee.jabatan, Employee.unit_id)
        .where(Employee.id.between(low, high))
        .order_by(Employee.id)
    ).all()
    lines: list[list[str]] = []
    for nip, name, jabatan, unit_id in people:
        if rng.random() >= kept or len(lines) == rows:
            continue
        draw = rng.random()
        if draw < changed / 2:
            jabatan = rng.choice([j for j in JABATAN if j != jabatan])
        elif draw < changed:
            unit_id = rng.choice([u for u in agency.unit_ids if u != unit_id] or agency.unit_ids)
        office, unit = place(unit_id) if unit_id else ("", "")
        lines.append([nip, name, jabatan or "", unit, office, ""])
    seen, index = {nip for nip, *_ in people}, len(people)
    while len(lines) < rows:
        nip, index = synthetic_nip(rng, index), index + 1
        if nip in seen:
            continue
        seen.add(nip)
        office, unit = place(rng.choice(agency.unit_ids))
        email = f"pegawai{index}@contoh.go.id" if rng.random() < 0.3 else ""
        lines.append([nip, synthetic_name(rng), rng.choice(JABATAN), unit, office, email])
    rng.shuffle(lines)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(ROSTER_HEADER)
    writer.writerows(lines)
    return buffer.getvalue().encode("utf-8-sig")
