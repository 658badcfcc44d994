"""The live quiz: the presenter opens an item, phones answer, the projector counts and then reveals.

Everything the presenter does is a row update on the event (round, position, state, and a version number that
every action bumps), so a refreshed or crashed projector page picks up where the event was, and every server
process serves phones the same state. Phones wait for the version to change instead of re-running pages.

An answer is stored once per person, item and round (a unique key; a double tap or a retry returns the first
answer). It is accepted only while that very item is open in that round; on PostgreSQL the answer holds a share
lock on the event row, so the presenter's "tutup" waits for answers already being stored and none slips in after.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import EventItem, LiveAnswer, Sosialisasi
from db.queries import sosialisasi as live_queries
from netral.core.enums import LiveRound, LiveState
from netral.core.errors import NotFound, Refusal
from netral.people.authority import Actor
from netral.sosialisasi.events import managed_event

# "Pre-test/post-test" is what the glossary keeps for nothing: the exam was once called that (tests/meta/glossary.py).
ROUND_LABELS = {LiveRound.PRE: "Sebelum materi", LiveRound.POST: "Sesudah materi"}


class AnswerRefused(Refusal):
    """A live answer that cannot be stored: not checked in, the item closed, an option that does not exist."""


@dataclass(frozen=True)
class Snapshot:
    """What every phone shows: the same for everybody, so one copy serves a whole hall."""

    event_id: int
    title: str
    version: int
    round: LiveRound | None
    position: int | None
    items: int
    state: LiveState
    item_id: int | None = None
    text: str = ""
    options: tuple[tuple[str, str], ...] = ()
    # Only once revealed: the key, the explanation and the rule it rests on.
    key: tuple[str, ...] = ()
    explanation: str = ""
    legal_basis: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The snapshot as the phones' page reads it."""
        return {
            "versi": self.version,
            "judul": self.title,
            "babak": ROUND_LABELS[self.round] if self.round else "",
            "babak_kode": self.round.value if self.round else "",
            "nomor": self.position,
            "jumlah": self.items,
            "keadaan": self.state.value,
            "soal": self.item_id,
            "teks": self.text,
            "pilihan": [{"id": option_id, "teks": text} for option_id, text in self.options],
            "kunci": list(self.key),
            "penjelasan": self.explanation,
            "dasar": list(self.legal_basis),
        }


@dataclass(frozen=True)
class Tally:
    """The projector's count: answered out of present, and (once revealed) the distribution per option."""

    present: int
    answered: int
    per_option: tuple[tuple[str, str, int, bool], ...]  # option id, text, count, is key


def snapshot(session: Session, event_id: int) -> Snapshot:
    """The live state of an event as phones see it."""
    event = live_queries.event(session, event_id)
    if event is None:
        raise NotFound("Sosialisasi tidak ditemukan.")
    count = len(live_queries.items(session, event_id))
    state = LiveState(event.live_state)
    base = Snapshot(
        event.id,
        event.title,
        event.live_version,
        LiveRound(event.live_round) if event.live_round else None,
        event.live_position,
        count,
        state,
    )
    item = _current_item(session, event)
    if item is None or state is LiveState.IDLE:
        return base
    content = item.content
    revealed = state is LiveState.REVEALED
    return replace(
        base,
        item_id=item.id,
        text=str(content["text"]),
        options=tuple((str(o["id"]), str(o["text"])) for o in content["options"]),
        key=_key(item) if revealed else (),
        explanation=str(content.get("explanation", "")) if revealed else "",
        legal_basis=tuple(str(s["label"]) for s in content.get("legal_basis", [])) if revealed else (),
    )


def open_item(session: Session, actor: Actor, *, event_id: int, round_: LiveRound, position: int) -> None:
    """Show an item on every phone and accept answers to it."""
    event = managed_event(session, actor, event_id)
    if live_queries.item_at(session, event_id, position) is None:
        raise NotFound(f"Soal nomor {position} tidak ada di kuis sosialisasi ini.")
    _move(event, round_.value, position, LiveState.OPEN)


def close_item(session: Session, actor: Actor, *, event_id: int) -> None:
    """Stop accepting answers to the open item."""
    event = managed_event(session, actor, event_id)
    if LiveState(event.live_state) is LiveState.OPEN:
        _move(event, event.live_round, event.live_position, LiveState.CLOSED)


def reveal_item(session: Session, actor: Actor, *, event_id: int) -> None:
    """Close the item if open, and show its key, explanation and legal basis."""
    event = managed_event(session, actor, event_id)
    if event.live_position is None:
        raise Refusal("Belum ada soal yang dibuka.")
    _move(event, event.live_round, event.live_position, LiveState.REVEALED)


def pause(session: Session, actor: Actor, *, event_id: int) -> None:
    """Clear the phones' screens (between the pre-test and the talk, or at the end)."""
    event = managed_event(session, actor, event_id)
    _move(event, event.live_round, event.live_position, LiveState.IDLE)


def answer(
    session: Session,
    *,
    event_id: int,
    employee_id: int,
    item_id: int,
    round_: str,
    selected: Sequence[str],
    now: datetime,
) -> tuple[LiveAnswer, bool]:
    """Store one answer once; return it and whether this call stored it (False: a repeat of the first)."""
    event = live_queries.event(session, event_id, lock=True)
    if event is None:
        raise NotFound("Sosialisasi tidak ditemukan.")
    if live_queries.attendance_of(session, event_id, employee_id) is None:
        raise AnswerRefused("Catat kehadiran Anda dulu dengan memindai kode QR di layar.")
    item = session.get(EventItem, item_id)
    if item is None or item.event_id != event_id:
        raise NotFound("Soal tidak ditemukan.")
    first = live_queries.live_answer(session, item_id, round_, employee_id)
    if first is not None:
        return first, False
    current = event.live_state == LiveState.OPEN and event.live_position == item.position and event.live_round == round_
    if not current:
        raise AnswerRefused("Soal ini sudah ditutup. Jawaban tidak dapat dikirim lagi.")
    known = {str(o["id"]) for o in item.content["options"]}
    chosen = sorted(set(selected))
    if len(chosen) != 1 or not set(chosen) <= known:
        raise AnswerRefused("Pilih satu jawaban.")
    row = LiveAnswer(
        event_id=event_id,
        item_id=item_id,
        round=round_,
        employee_id=employee_id,
        selected=chosen,
        correct=tuple(chosen) == _key(item),
        answered_at=now,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # The same tap sent twice reached two processes: the first stored it.
        again = live_queries.live_answer(session, item_id, round_, employee_id)
        if again is None:
            raise
        return again, False
    return row, True


def answers_of(session: Session, *, event_id: int, employee_id: int) -> dict[str, list[str]]:
    """What one phone's owner answered, keyed "round:item", so a reloaded page shows their answers."""
    return {f"{a.round}:{a.item_id}": list(a.selected) for a in live_queries.answers_of(session, event_id, employee_id)}


def tally(session: Session, actor: Actor, *, event_id: int) -> Tally:
    """Count answers to the current item (HR only: the distribution stays off phones until revealed)."""
    event = managed_event(session, actor, event_id)
    present = live_queries.attendance_count(session, event_id)
    item = _current_item(session, event)
    if item is None or event.live_round is None:
        return Tally(present, 0, ())
    counts: Counter[str] = Counter()
    for selection, count in live_queries.option_counts(session, item.id, event.live_round):
        for option_id in selection:
            counts[str(option_id)] += count
    answered = sum(count for _selection, count in live_queries.option_counts(session, item.id, event.live_round))
    key = set(_key(item))
    per_option = tuple((str(o["id"]), str(o["text"]), counts[str(o["id"])], str(o["id"]) in key) for o in item.content["options"])
    return Tally(present, answered, per_option)


def _current_item(session: Session, event: Sosialisasi) -> EventItem | None:
    return None if event.live_position is None else live_queries.item_at(session, event.id, event.live_position)


def _key(item: EventItem) -> tuple[str, ...]:
    return tuple(sorted(str(o["id"]) for o in item.content["options"] if float(o["weight"]) > 0))


def _move(event: Sosialisasi, round_: str | None, position: int | None, state: LiveState) -> None:
    event.live_round, event.live_position, event.live_state = round_, position, state.value
    event.live_version += 1
