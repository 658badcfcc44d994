"""Driving Netral's pages in Streamlit's AppTest: open, log in, read the text, move between pages."""

from __future__ import annotations

import json
from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

from db import engine_for, queries, reading, transaction
from db.engine import bare_write_with_retries
from db.models import Attempt
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.learning.pledge import sign_pakta
from netral.quizzes.attempts import record_answer
from netral.startup import wire
from pages.ui.answer_card import CARD_COMPONENT
from tests.conftest import ROOT
from tests.factories import PASSWORD, exam_id, pass_all_modules, take_quiz

SECRET = "rahasia-halaman-" + "z" * 20


@dataclass
class People:
    peserta: str
    admin: str
    newcomer: str
    engine: object


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def page(name: str) -> AppTest:
    return AppTest.from_file(str(ROOT / "pages" / name), default_timeout=60)


def text_of(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.title] + [e.value for e in at.subheader]
    parts += (
        [e.value for e in at.info] + [e.value for e in at.error] + [e.value for e in at.success] + [e.value for e in at.warning]
    )
    parts += [e.value for e in at.caption] + [e.proto.text for e in at.get("progress")]  # a module's "Bagian 2 dari 4"
    if (card := card_data(at)) is not None:  # the quiz's answer card, as the browser first draws it
        total, answered = card["total"], card["answered"]
        parts += [f"Soal {card['position'] + 1} dari {total} · {answered} dari {total} soal terjawab", card["text"]]
    return "\n".join(str(p) for p in parts)


def card_data(at: AppTest) -> dict | None:
    """What the quiz page gave its answer card (pages/ui/answer_card.py), if it drew one."""
    for element in at.get("bidi_component"):
        if element.proto.component_name.endswith(CARD_COMPONENT):
            return json.loads(element.proto.json)
    return None


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def log_in(at: AppTest, nip: str, password: str = PASSWORD) -> AppTest:
    at.run()
    at.text_input[0].input(nip)
    at.text_input[1].input(password)
    return button(at, "Masuk").click().run()


def goto(at: AppTest, page_file: str, **params: str) -> AppTest:
    """Open a page; AppTest keeps it for later runs (it pins the page chosen by switch_page)."""
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(f"pages/{page_file}").run()


def tap_card(at: AppTest, option: int = 0) -> AppTest:
    """Tap an option of the answer card as the browser does: its request stores the answer (netral/quizzes/web.py
    runs record_answer for the attempt's owner, whose login tests/quizzes/test_web.py checks), and nothing reruns;
    the page is then run again as on the next move."""
    card = card_data(at)
    assert card is not None, "no answer card on the page"
    engine = engine_for(Settings.from_env().database_url)
    with reading(engine) as session:
        owner = session.get(Attempt, card["attempt"]).employee_id
    choice = card["options"][option][0]
    bare_write_with_retries(
        engine,
        lambda connection: record_answer(
            connection, attempt_id=card["attempt"], employee_id=owner, position=card["position"], selected=[choice], now=utcnow()
        ),
        (),
    )
    return at.run()


def answer_first_question(at: AppTest) -> AppTest:
    return tap_card(at, 0)


def read_to_the_end(at: AppTest) -> AppTest:
    """Tap Berikutnya until the last section (where the quiz button is)."""
    while any(b.label == "Berikutnya" and not b.disabled for b in at.button):
        at = button(at, "Berikutnya").click().run()
    return at


def start_quiz(at: AppTest, module: str = "dasar") -> AppTest:
    at = goto(at, "modul.py", m=module)
    assert "Teks materi uji" in text_of(at)
    at = button(read_to_the_end(at), "Mulai kuis").click().run()
    assert "Soal 1 dari 5" in text_of(at)
    return goto(at, "kuis.py", q=f"kuis-{module}")


def certified(people: People) -> str:
    """Let the peserta complete the fixture path; return the certificate number."""
    settings = Settings.from_env()
    wire(settings)  # as the app process does at start-up: the submission's reactions issue the certificate
    with transaction(people.engine) as session:
        employee = queries.employee_by_nip(session, people.peserta)
        pass_all_modules(session, employee_id=employee.id, settings=settings, now=utcnow())
        take_quiz(session, employee_id=employee.id, quiz_id=exam_id(session), settings=settings, now=utcnow())
        return sign_pakta(
            session, employee_id=employee.id, typed_name=employee.name, agreed=True, text="Pakta", now=utcnow(), settings=settings
        ).number


def roster_csv(*lines: str) -> bytes:
    header = "NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah"
    return ("\ufeff" + "\r\n".join([header, *lines]) + "\r\n").encode("utf-8")
