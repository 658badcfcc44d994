"""The live quiz's routes for phones: the page, its state (long polling), the owner's answers, and answering."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from db import reading
from netral.core.dates import utcnow
from netral.core.errors import NotSaved, Refusal
from netral.identity.web import same_origin
from netral.sosialisasi import live, phone
from netral.sosialisasi.hall import CHECK_IN_PATH, LIVE_PATH, MAX_FORM_BYTES, Hall
from netral.sosialisasi.watch import Watcher

API = "/api/langsung/{event_id:int}"


def live_routes(hall: Hall) -> list[Route]:
    """Routes of the live quiz, sharing one snapshot cache per process."""

    def load_snapshot(event_id: int) -> live.Snapshot:
        with reading(hall.engine) as session:
            return live.snapshot(session, event_id)

    watcher = Watcher(load_snapshot)

    async def page(request: Request) -> Response:
        event_id = request.path_params["event_id"]
        if await hall.user(request) is None:
            return RedirectResponse(CHECK_IN_PATH, status_code=303)
        try:
            snapshot = await watcher.current(event_id)
        except Refusal as error:
            return HTMLResponse(phone.message_page("Kuis langsung", error.message, error=True), status_code=404)
        return HTMLResponse(phone.live_page(event_id, snapshot.title))

    async def state(request: Request) -> Response:
        try:
            seen = int(request.query_params.get("v", "-1"))
            snapshot = await watcher.wait(request.path_params["event_id"], seen)
        except ValueError:
            return JSONResponse({"pesan": "Permintaan tidak sah."}, status_code=400)
        except Refusal as error:
            return JSONResponse({"pesan": error.message}, status_code=404)
        return JSONResponse(snapshot.as_json(), headers={"Cache-Control": "no-store"})

    async def mine(request: Request) -> Response:
        user = await hall.user(request)
        if user is None:
            return JSONResponse({}, status_code=401)

        def read() -> dict[str, list[str]]:
            with reading(hall.engine) as session:
                return live.answers_of(session, event_id=request.path_params["event_id"], employee_id=user.employee_id)

        return JSONResponse(await run_in_threadpool(read), headers={"Cache-Control": "no-store"})

    async def answer(request: Request) -> Response:
        body = await request.body()
        if not same_origin(request) or len(body) > MAX_FORM_BYTES:
            return JSONResponse({"pesan": "Permintaan tidak sah."}, status_code=400)
        user = await hall.user(request)
        if user is None:
            return JSONResponse({"pesan": "Sesi Anda berakhir. Pindai lagi kode QR di layar."}, status_code=401)
        try:
            data = json.loads(body)
            item_id, round_, choice = int(data["soal"]), str(data["babak"]), str(data["pilihan"])
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"pesan": "Jawaban tidak terbaca. Ketuk lagi pilihan Anda."}, status_code=400)
        try:
            stored, _new = await hall.write(
                live.answer, event_id=request.path_params["event_id"], employee_id=user.employee_id, item_id=item_id,
                round_=round_, selected=[choice], now=utcnow(),
            )  # fmt: skip
        except NotSaved as error:
            return JSONResponse({"pesan": error.message}, status_code=503)
        except Refusal as error:
            return JSONResponse({"pesan": error.message}, status_code=409)
        return JSONResponse({"pesan": "Jawaban tersimpan.", "pilihan": list(stored.selected)})

    return [
        Route(LIVE_PATH + "/{event_id:int}", page, methods=["GET"]),
        Route(API + "/keadaan", state, methods=["GET"]),
        Route(API + "/saya", mine, methods=["GET"]),
        Route(API + "/jawab", answer, methods=["POST"]),
    ]
