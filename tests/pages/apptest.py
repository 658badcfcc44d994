"""Driving Netral's pages in Streamlit's AppTest: open, log in, read the text, move between pages."""

from __future__ import annotations

from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

from db import queries, transaction
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.learning.pledge import sign_pakta
from netral.startup import wire
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
    parts += [e.value for e in at.caption]
    return "\n".join(str(p) for p in parts)


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


def answer_first_question(at: AppTest) -> AppTest:
    if at.main.radio:  # the sidebar holds a radio too (text size)
        return at.main.radio[0].set_value(at.main.radio[0].options[0]).run()
    return next(c for c in at.checkbox if c.label != "Tandai untuk ditinjau").check().run()


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
