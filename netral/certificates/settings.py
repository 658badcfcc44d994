"""What HR decides for certificates: issuer, heading, cycle, place, signatory, emblem, the visible signature, validity."""

from __future__ import annotations

import base64
import calendar
import io
import warnings
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF
from sqlalchemy.orm import Session

from netral.certificates.pdf import DEFAULT_HEADING
from netral.core.agency_store import read_setting, save_setting
from netral.core.enums import AuditAction, Validity
from netral.core.errors import Refusal
from netral.people.authority import Actor, acting_scope, actor_account_id

SETTINGS_KEY = "certificate"
MAX_LOGO_BYTES = 300_000


class CertificateSettingsRefused(Refusal):
    """Certificate settings that cannot be saved; the message says why."""


@dataclass(frozen=True)
class CertificateSettings:
    """The agency's certificate settings (the defaults suit a demo)."""

    issuer: str
    place: str = "Kota Contoh"
    signatory_name: str = ""
    signatory_nip: str = ""
    signatory_title: str = "Kepala BKPSDM"
    validity: Validity = Validity.UNLIMITED
    valid_months: int = 24
    valid_until: str = ""
    # The emblem (PNG, JPEG or SVG) as base64; the name is kept from when only PNG was accepted.
    logo_png_b64: str = ""
    heading: str = DEFAULT_HEADING
    cycle: str = ""
    visible_signature: bool = True

    @property
    def logo(self) -> bytes | None:
        """The logo image bytes, if one was uploaded."""
        return base64.b64decode(self.logo_png_b64) if self.logo_png_b64 else None

    def valid_until_for(self, issued_at: datetime, zone: ZoneInfo) -> date | None:
        """The last day a certificate issued at `issued_at` is valid, or None when it never expires."""
        if self.validity == Validity.MONTHS:
            local = issued_at.astimezone(zone).date()
            month_index = local.month - 1 + self.valid_months
            year, month = local.year + month_index // 12, month_index % 12 + 1
            return date(year, month, min(local.day, calendar.monthrange(year, month)[1]))
        if self.validity == Validity.UNTIL_DATE and self.valid_until:
            return date.fromisoformat(self.valid_until)
        return None


def certificate_settings(session: Session, *, default_issuer: str) -> CertificateSettings:
    """The saved settings, or the defaults with the agency name from the environment."""
    known = CertificateSettings.__dataclass_fields__
    values = {k: v for k, v in read_setting(session, SETTINGS_KEY, {}).items() if k in known}
    return CertificateSettings(**{"issuer": default_issuer, **values})


def save_certificate_settings(
    session: Session, *, actor: Actor, settings: CertificateSettings, logo: bytes | None, now: datetime
) -> None:
    """Check and save the settings (super admins, audited); a new emblem must be a PNG, JPEG or SVG under 300 KB."""
    acting_scope(session, actor, whole_agency=True)
    problems = []
    if not settings.issuer.strip():
        problems.append("nama instansi penerbit wajib diisi")
    if not settings.heading.strip():
        problems.append("judul sertifikat wajib diisi")
    if settings.validity == Validity.MONTHS and not 1 <= settings.valid_months <= 120:
        problems.append("masa berlaku harus 1–120 bulan")
    if settings.validity == Validity.UNTIL_DATE:
        try:
            date.fromisoformat(settings.valid_until)
        except ValueError:
            problems.append("tanggal akhir masa berlaku tidak valid")
    if settings.signatory_nip and not (settings.signatory_nip.isdigit() and len(settings.signatory_nip) == 18):
        problems.append("NIP penanda tangan harus 18 digit")
    if logo is not None:
        problems += _logo_problems(logo)
    if problems:
        raise CertificateSettingsRefused("Pengaturan sertifikat belum dapat disimpan: " + "; ".join(problems) + ".")
    if logo is not None:
        settings = replace(settings, logo_png_b64=base64.b64encode(logo).decode("ascii"))
    value = asdict(settings)
    audited: dict[str, Any] = {k: v for k, v in value.items() if k != "logo_png_b64"}
    audited["logo_changed"] = logo is not None
    save_setting(
        session,
        key=SETTINGS_KEY,
        value=value,
        action=AuditAction.CERTIFICATE_SETTINGS,
        actor_account_id=actor_account_id(actor),
        now=now,
        audited=audited,
    )


def _logo_problems(data: bytes) -> list[str]:
    if len(data) > MAX_LOGO_BYTES:
        return ["lambang maksimal 300 KB"]
    if data.lstrip()[:1] == b"<":  # PNG and JPEG start with binary signatures; XML with a tag
        return _svg_problems(data)
    try:
        from PIL import Image  # fpdf2 needs Pillow for images anyway

        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                return ["lambang harus berkas PNG, JPEG atau SVG"]
            image.verify()
    except Exception:  # noqa: BLE001 - any unreadable upload is simply not an image
        return ["lambang bukan gambar yang dapat dibaca"]
    return []


def _svg_problems(data: bytes) -> list[str]:
    # Parsed without entities or external references (defusedxml), then drawn once by fpdf2 as the
    # certificate would draw it: what passes here prints.
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except Exception:  # noqa: BLE001 - entities, DTDs and broken XML are all refused the same way
        return ["lambang SVG tidak dapat dibaca (XML rusak atau memuat DTD/entitas)"]
    if not root.tag.endswith("svg"):
        return ["lambang harus berkas PNG, JPEG atau SVG"]
    if any(element.tag.endswith(("script", "foreignObject", "image")) for element in root.iter()):
        return ["lambang SVG tidak boleh memuat skrip, gambar tautan, atau objek asing"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # fpdf2 warns about what it skips or guesses: such an emblem would print wrong
            pdf = FPDF(unit="mm")  # no fonts needed to draw an image: no font files left open
            pdf.add_page()
            pdf.image(io.BytesIO(data), x=10, y=10, w=40, h=20, keep_aspect_ratio=True)
    except Exception:  # noqa: BLE001 - whatever fpdf2 cannot draw would break every certificate
        return [
            "lambang SVG tidak dapat digambar utuh pada sertifikat (perlu viewBox, tanpa fitur lanjutan); "
            "simpan ulang sebagai SVG sederhana atau PNG"
        ]
    return []
