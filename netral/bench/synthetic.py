"""Synthetic agencies for benchmarks: units, employees and certificates, the same for the same seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.models import Employee, OrgUnit
from netral.certificates import issue_completion
from netral.settings import Settings

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
