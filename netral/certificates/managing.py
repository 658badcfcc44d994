"""What HR does to an issued certificate: revoke it, or re-issue it after a correction. Scope and rank checked here."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Certificate
from netral.certificates.issuing import issue_completion
from netral.core import audit
from netral.core.enums import AuditAction
from netral.core.errors import NotFound, Refusal
from netral.core.settings import Settings
from netral.people.authority import Actor, actor_account_id, person_to_act_on


class CertificateRefused(Refusal):
    """An action on a certificate that cannot be done; the message says why."""


def certificate_to_act_on(session: Session, actor: Actor, number: str) -> Certificate:
    """The certificate with this number, if `actor` may act on its holder (scope and rank)."""
    certificate = queries.certificate_by_number(session, number)
    if certificate is None:
        raise NotFound(f"Sertifikat {number} tidak ditemukan.")
    person_to_act_on(session, actor, certificate.employee_id)
    return certificate


def revoke(session: Session, *, actor: Actor, number: str, reason: str, confirmed: bool = True, now: datetime) -> Certificate:
    """Revoke a certificate with a reason; the verification page says so at once. Audited."""
    if not confirmed:
        raise CertificateRefused("Centang pernyataan terlebih dahulu.")
    certificate = certificate_to_act_on(session, actor, number)
    if certificate.revoked_at is not None:
        raise CertificateRefused(f"Sertifikat {number} sudah dicabut.")
    if not reason.strip():
        raise CertificateRefused("Alasan pencabutan wajib diisi.")
    account_id = actor_account_id(actor)
    certificate.revoked_at, certificate.revoked_reason, certificate.revoked_by_account_id = now, reason.strip(), account_id
    audit.record(session, account_id, AuditAction.CERTIFICATE_REVOKE, number, now=now, details={"reason": reason.strip()})
    return certificate


def reissue(session: Session, *, actor: Actor, number: str, reason: str, now: datetime, settings: Settings) -> Certificate:
    """Issue a corrected certificate with the employee's current data; the old one is marked superseded. Audited."""
    old = certificate_to_act_on(session, actor, number)
    if old.revoked_at is not None or old.superseded_by_id is not None:
        raise CertificateRefused(
            f"Sertifikat {number} sudah dicabut atau sudah digantikan; terbitkan ulang dari sertifikat terbarunya."
        )
    if not reason.strip():
        raise CertificateRefused("Alasan penerbitan ulang wajib diisi (misalnya koreksi nama).")
    account_id = actor_account_id(actor)
    new = issue_completion(
        session,
        employee_id=old.employee_id,
        quiz_id=old.quiz_id,
        completed=str(old.data["completed"]),
        score=old.score,
        jp=int(old.data["jp"]),
        now=now,
        settings=settings,
        actor_account_id=account_id,
        reissue_reason=reason.strip(),
        # A corrected certificate stays in the cycle the original was earned in, valid as long as it was.
        cycle=(old.cycle_id, str(old.data.get("cycle", "")), _local_day(old.valid_until, settings))
        if old.cycle_id is not None
        else None,
    )
    old.superseded_by_id = new.id
    details = {"new_number": new.number, "reason": reason.strip()}
    audit.record(session, account_id, AuditAction.CERTIFICATE_REISSUE, number, now=now, details=details)
    return new


def _local_day(moment: datetime | None, settings: Settings) -> date | None:
    return moment.astimezone(settings.zone).date() if moment is not None else None
