"""The quiz's answer route: a tap on an option stored by one small HTTP request instead of a rerun of the quiz page.

Why beside Streamlit: any Streamlit rerun, even of one fragment, pays the server's fixed cost of a run (the
new_session message, every widget's state, the fragment's container) before the answer is written; a request here
is a cookie check and one write. Measured with a prototype of this route beside the trivial page of `bench load`:
1.43 ms of server CPU per answer against 2.47 ms for a tap on that page (0.58x), where a tap on the quiz page's
answer fragment costs about 1.5x. The live quiz in the hall answers the same way (netral/sosialisasi/web_live.py).

The request must come from Netral's own pages (same origin, a JSON body, which a form on another site cannot send
without a preflight this server never allows) and carry the HttpOnly login cookie; `record_answer` then checks that
the attempt is this person's and still open, as it does for the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from db import engine_for, reading
from db.engine import bare_write_with_retries, is_busy
from netral.core.dates import utcnow
from netral.core.errors import Refusal
from netral.core.settings import Settings
from netral.identity import auth
from netral.identity.web import COOKIE_NAME, same_origin
from netral.quizzes.attempts import record_answer

ANSWER_PATH = "/api/kuis/jawab"
MAX_BODY_BYTES = 2_000  # an attempt id, a position and a few option ids
MAX_OPTION_ID = 64
BUSY_RETRY_DELAYS = (0.5, 2.0)  # as the pages: SQLite's busy_timeout already waited 10 s inside each try

UNREADABLE = "Jawaban tidak terbaca. Ketuk lagi pilihan Anda."
LOGGED_OUT = "Sesi Anda berakhir, jadi jawaban ini BELUM TERSIMPAN. Masuk lagi, lalu pilih lagi jawaban Anda."
NEW_PASSWORD_FIRST = "Ganti dulu kata sandi awal Anda; jawaban ini BELUM TERSIMPAN."
BUSY = "Server sedang sangat sibuk sehingga jawaban ini BELUM TERSIMPAN. Tunggu sebentar lalu coba lagi."
STORED = "Jawaban tersimpan."


@dataclass(frozen=True)
class AnswerRequest:
    """One tap, as the browser sends it: `{"percobaan": 12, "soal": 3, "pilihan": ["b"]}`."""

    attempt_id: int
    position: int
    selected: list[str]

    @classmethod
    def parse(cls, body: bytes) -> AnswerRequest | None:
        """The request in `body`, or None when it is not one (wrong shape, types or sizes)."""
        try:
            data = json.loads(body)
            attempt_id, position, selected = data["percobaan"], data["soal"], data["pilihan"]
        except (ValueError, KeyError, TypeError):
            return None
        numbers_ok = all(type(value) is int and 0 <= value < 2**31 for value in (attempt_id, position))
        if not numbers_ok or not isinstance(selected, list):
            return None
        if not all(isinstance(option, str) and 0 < len(option) <= MAX_OPTION_ID for option in selected):
            return None
        return cls(attempt_id, position, list(dict.fromkeys(selected)))


def answer_routes(settings: Settings) -> list[Route]:
    """The answer route, bound to this process's settings."""

    def store(token: str, tap: AnswerRequest) -> tuple[int, str]:
        engine = engine_for(settings.database_url)
        now = utcnow()
        with reading(engine) as session:
            user = auth.user_for_token(session, token=token, now=now, secret=settings.secret()) if token else None
        if user is None:
            return 401, LOGGED_OUT
        if user.must_change_password:
            return 403, NEW_PASSWORD_FIRST
        try:
            bare_write_with_retries(
                engine,
                lambda connection: record_answer(
                    connection,
                    attempt_id=tap.attempt_id,
                    employee_id=user.employee_id,
                    position=tap.position,
                    selected=tap.selected,
                    now=now,
                ),
                BUSY_RETRY_DELAYS,
            )
        except Refusal as refusal:  # not this person's, submitted, time up, checked, unknown option
            return 409, refusal.message
        except Exception as error:
            if is_busy(error):
                return 503, BUSY
            raise
        return 200, STORED

    async def answer(request: Request) -> Response:
        body = await request.body()
        json_body = request.headers.get("content-type", "").split(";")[0].strip() == "application/json"
        if not same_origin(request) or not json_body or len(body) > MAX_BODY_BYTES:
            return JSONResponse({"pesan": UNREADABLE}, status_code=400)
        tap = AnswerRequest.parse(body)
        if tap is None:
            return JSONResponse({"pesan": UNREADABLE}, status_code=400)
        token = request.cookies.get(COOKIE_NAME, "")
        status, message = await run_in_threadpool(store, token if len(token) <= 200 else "", tap)
        return JSONResponse({"pesan": message}, status_code=status, headers={"Cache-Control": "no-store"})

    return [Route(ANSWER_PATH, answer, methods=["POST"])]
