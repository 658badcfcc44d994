"""Making and finding sosialisasi events, with who may manage which.

A super admin makes events for the whole agency or chosen perangkat daerah / units; an admin perangkat daerah
makes them for their own scope only, and manages only the events made in it. The live quiz's items are copied
from the bank as they read when the event was made, so a later edit of the bank does not change an event's
report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import EventItem, Sosialisasi
from db.queries import sosialisasi as live_queries
from netral.content.bank import Bank, QuestionSpec
from netral.content.bank.model import KEY_CERTAINTIES, Option
from netral.content.loading import version_content
from netral.core import audit
from netral.core.dates import agency_day
from netral.core.enums import AuditAction
from netral.core.errors import NotFound, OutOfScope, Refusal
from netral.cycles.current import cycle_of_audience
from netral.people.authority import Actor, acting_scope, actor_account_id, current_actor
from netral.people.scope import descendants

MAX_ITEMS = 20
MAX_JP = 40
MAX_OWN_OPTIONS = 6


class EventRefused(Refusal):
    """An event that cannot be made as asked."""


@dataclass(frozen=True)
class Speaker:
    """Who speaks: a name and an institution (e.g. Bawaslu Kabupaten)."""

    name: str
    institution: str


@dataclass(frozen=True)
class EventDraft:
    """What HR fills in to make an event."""

    title: str
    starts_at: datetime
    place: str
    speakers: tuple[Speaker, ...] = ()
    # Perangkat daerah or units invited; empty: the whole agency (super admin) or the admin's own scope.
    audience_unit_ids: tuple[int, ...] = ()
    jp: int = 0
    # Keys of bank questions for the live quiz, in the order they will be asked.
    question_keys: tuple[str, ...] = field(default_factory=tuple)
    # Questions written for this event, asked after the bank's.
    own_questions: tuple[OwnQuestion, ...] = ()


@dataclass(frozen=True)
class OwnQuestion:
    """A question HR writes for one event: one right option, an explanation and the rule it rests on, held to the
    bank's own rules (a known category, sources from sources.yaml of a certainty that may carry a key)."""

    text: str
    options: tuple[str, ...]
    correct: int  # index into options
    explanation: str
    category: str
    sources: tuple[str, ...]


def create_event(session: Session, actor: Actor, draft: EventDraft, *, now: datetime, registry: Bank | None = None) -> int:
    """Make an event after checking every field (own questions against the bank's `registry`); return its id."""
    scope = acting_scope(session, actor)
    problems = _problems(draft) + [p for q in draft.own_questions for p in own_question_problems(q, registry)]
    if problems:
        raise EventRefused("Sosialisasi belum dapat disimpan: " + "; ".join(problems) + ".")
    audience = sorted(set(draft.audience_unit_ids))
    if not scope.is_whole_agency:
        if not audience:
            audience = sorted(scope.unit_ids or ())
        if not all(scope.allows_unit(unit_id) for unit_id in audience):
            raise OutOfScope("Anda hanya dapat mengundang unit dalam lingkup Anda.")
    elif any(queries.unit_by_id(session, unit_id) is None for unit_id in audience):
        raise EventRefused("Unit undangan tidak ditemukan.")
    cycle = cycle_of_audience(session, audience or None, agency_day(draft.starts_at))
    event = Sosialisasi(
        title=draft.title.strip(),
        starts_at=draft.starts_at,
        place=draft.place.strip(),
        speakers=[{"name": s.name.strip(), "institution": s.institution.strip()} for s in draft.speakers if s.name.strip()],
        audience_unit_ids=[str(unit_id) for unit_id in audience] or None,
        jp=draft.jp,
        scope_unit_id=None if scope.is_whole_agency or actor is None else current_actor(session, actor).scope_unit_id,
        created_by_account_id=actor_account_id(actor),
        created_at=now,
        cycle_id=cycle.id if cycle else None,
        attendance_open=False,
        live_state="diam",
        live_version=0,
    )
    session.add(event)
    session.flush()
    _copy_items(session, event.id, draft.question_keys)
    if draft.own_questions and registry is not None:
        _add_own_items(session, event.id, draft.own_questions, registry, first=len(draft.question_keys) + 1)
    audit.record(
        session,
        actor_account_id(actor),
        AuditAction.EVENT_CREATE,
        f"sosialisasi {event.id}",
        details={"title": event.title, "items": len(draft.question_keys), "jp": draft.jp, "cycle": cycle.name if cycle else None},
        now=now,
    )
    return event.id


def managed_event(session: Session, actor: Actor, event_id: int) -> Sosialisasi:
    """The event if `actor` may run it: a super admin any, an admin perangkat daerah those made in their scope."""
    scope = acting_scope(session, actor)
    event = live_queries.event(session, event_id)
    if event is None:
        raise NotFound("Sosialisasi tidak ditemukan.")
    if not scope.is_whole_agency and not scope.allows_unit(event.scope_unit_id):
        raise OutOfScope("Sosialisasi ini di luar lingkup Anda.")
    return event


def managed_events(session: Session, actor: Actor) -> Sequence[Sosialisasi]:
    """The events `actor` may run, newest first."""
    scope = acting_scope(session, actor)
    return live_queries.events(session, scope.unit_ids)


def audience_units(session: Session, event: Sosialisasi) -> set[int] | None:
    """Every unit invited (the chosen ones and those beneath them); None: the whole agency."""
    if event.audience_unit_ids is None:
        return None
    return descendants(session, [int(unit_id) for unit_id in event.audience_unit_ids])


def _problems(draft: EventDraft) -> list[str]:
    problems = []
    if not draft.title.strip():
        problems.append("judul wajib diisi")
    if len(draft.title) > 200 or len(draft.place) > 200:
        problems.append("judul dan tempat paling banyak 200 karakter")
    if not draft.place.strip():
        problems.append("tempat wajib diisi")
    if not 0 <= draft.jp <= MAX_JP:
        problems.append(f"JP antara 0 dan {MAX_JP}")
    if len(draft.question_keys) + len(draft.own_questions) > MAX_ITEMS:
        problems.append(f"kuis langsung paling banyak {MAX_ITEMS} soal")
    if len(set(draft.question_keys)) != len(draft.question_keys):
        problems.append("ada soal yang dipilih dua kali")
    return problems


def _copy_items(session: Session, event_id: int, keys: Sequence[str]) -> None:
    known = queries.questions_by_key(session)
    for position, key in enumerate(keys, start=1):
        question = known.get(key)
        version = queries.newest_version_of(session, question.id) if question is not None and question.active else None
        if version is None:
            raise EventRefused(f"Soal {key} tidak ada di bank soal.")
        if version.kind not in ("single", "truefalse"):
            raise EventRefused(f"Soal {key} berjenis pilihan jamak; kuis langsung memakai soal satu jawaban.")
        session.add(
            EventItem(
                event_id=event_id,
                position=position,
                question_version_id=version.id,
                kind=version.kind,
                category=version.category,
                content=version.content,
            )
        )


def own_question_problems(question: OwnQuestion, registry: Bank | None) -> list[str]:
    """What keeps a written question out of the live quiz, in the words HR reads."""
    label = f"soal «{question.text[:40]}»"
    problems = []
    if registry is None:
        return [f"{label}: bank soal tidak tersedia untuk memeriksa dasar hukumnya"]
    options = [o.strip() for o in question.options if o.strip()]
    if not question.text.strip() or len(question.text) > 600:
        problems.append(f"{label}: teks soal wajib diisi (paling banyak 600 karakter)")
    if not 2 <= len(options) <= MAX_OWN_OPTIONS or len(options) != len(question.options):
        problems.append(f"{label}: isi 2 sampai {MAX_OWN_OPTIONS} pilihan, tanpa pilihan kosong")
    if not 0 <= question.correct < len(question.options):
        problems.append(f"{label}: pilih satu jawaban yang benar")
    if not question.explanation.strip():
        problems.append(f"{label}: penjelasan wajib diisi (ditampilkan saat dibahas)")
    if question.category not in registry.categories:
        problems.append(f"{label}: kategori pelanggaran tidak dikenal")
    if not question.sources:
        problems.append(f"{label}: pilih dasar hukumnya dari daftar sumber")
    for source_id in question.sources:
        source = registry.sources.get(source_id)
        if source is None or source.certainty not in KEY_CERTAINTIES:
            problems.append(f"{label}: sumber {source_id} tidak boleh menjadi dasar kunci jawaban")
    return problems


def _add_own_items(session: Session, event_id: int, questions: Sequence[OwnQuestion], registry: Bank, *, first: int) -> None:
    for position, question in enumerate(questions, start=first):
        options = tuple(
            Option(letter, text.strip(), 100.0 if index == question.correct else 0.0)
            for index, (letter, text) in enumerate(zip("abcdef", question.options, strict=False))
        )
        text, explanation = question.text.strip(), question.explanation.strip()
        spec = QuestionSpec(f"acara-{event_id}-{position}", "single", text, options, explanation, question.sources,
                            "sosialisasi", question.category, "sedang")  # fmt: skip
        # The same self-contained content as a bank question's version: text, options, explanation, sources.
        content = version_content(spec, registry)
        session.add(EventItem(event_id=event_id, position=position, kind="single", category=question.category, content=content))
