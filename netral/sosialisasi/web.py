"""HTTP routes for phones in the hall: check in by QR or code, log in on the spot, and the live quiz (web_live.py).

These are plain Starlette routes beside the Streamlit app (like the login cookie exchange), not Streamlit pages:
a phone on a weak connection loads a few kilobytes instead of the Streamlit bundle, and a hall of phones costs
the server a cached snapshot and one insert per answer instead of a script rerun per phone per second.
The login cookie is the app's own (`netral_sesi`), so someone logged in to Netral is checked in at once.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from netral.core.dates import utcnow
from netral.core.enums import CheckInMethod
from netral.core.errors import Refusal
from netral.core.settings import Settings
from netral.identity import auth
from netral.identity.clients import client_key, parse_networks
from netral.identity.login import check_password, log_in
from netral.identity.web import COOKIE_NAME, same_origin
from netral.sosialisasi import attendance, phone, tokens
from netral.sosialisasi.hall import CHECK_IN_PATH, LIVE_PATH, MAX_FORM_BYTES, Hall
from netral.sosialisasi.web_live import live_routes


def sosialisasi_routes(settings: Settings) -> list[Route]:
    """The hall's routes, bound to this process's settings."""
    hall = Hall(settings)
    secret = settings.secret()
    trusted = parse_networks(settings.trusted_proxies)

    def checked_in(result: attendance.CheckIn) -> HTMLResponse:
        link = (f"{LIVE_PATH}/{result.event_id}", "Ikuti kuis langsung")
        return HTMLResponse(phone.message_page("Kehadiran tercatat", result.message(hall.zone), link=link))

    def refused(error: Refusal) -> HTMLResponse:
        return HTMLResponse(phone.message_page("Presensi", error.message, error=True), status_code=400)

    async def scan(request: Request) -> Response:
        token = request.path_params["token"]
        user = await hall.user(request)
        try:
            if user is None:  # keep the scan while they log in: the QR itself changes in 30 seconds
                event_id = tokens.event_of_qr(secret, token, utcnow())
                hidden = {"tunda": tokens.pending_token(secret, event_id, utcnow())}
                return HTMLResponse(phone.login_page(f"{CHECK_IN_PATH}/masuk", hidden))
            result = await hall.write(
                attendance.check_in_by_qr, secret=secret, token=token, employee_id=user.employee_id, now=utcnow()
            )
        except Refusal as error:
            return refused(error)
        return checked_in(result)

    async def code_form(request: Request) -> Response:
        if await hall.user(request) is None:
            return HTMLResponse(phone.login_page(f"{CHECK_IN_PATH}/masuk", {}, with_code=True))
        return HTMLResponse(phone.code_page(f"{CHECK_IN_PATH}/kode"))

    async def by_code(request: Request) -> Response:
        form, user = await read_form(request), await hall.user(request)
        if form is None or user is None:
            return RedirectResponse(CHECK_IN_PATH, status_code=303)
        try:
            result = await hall.write(
                attendance.check_in_by_code, secret=secret, typed=form.get("kode", ""), employee_id=user.employee_id, now=utcnow()
            )
        except Refusal as error:
            return HTMLResponse(phone.code_page(f"{CHECK_IN_PATH}/kode", error=error.message), status_code=400)
        return checked_in(result)

    async def login_and_check_in(request: Request) -> Response:
        form = await read_form(request)
        if form is None:
            return HTMLResponse(phone.message_page("Presensi", "Permintaan tidak sah.", error=True), status_code=400)
        pending, nip = form.get("tunda", ""), form.get("nip", "")
        client = client_key(request.client.host if request.client else None, request.headers.get("x-forwarded-for"), trusted)
        password = form.get("sandi", "")
        checked = await hall.read(check_password, nip=nip, password=password, client=client, now=utcnow())
        outcome = await hall.write(
            log_in, nip=nip, password=password, now=utcnow(), secret=secret,
            session_hours=settings.session_hours, client=client, checked=checked,
        )  # fmt: skip
        if outcome.user is None or outcome.ticket is None:
            message = outcome.refusal.message if outcome.refusal else "Gagal masuk."
            page = phone.login_page(
                f"{CHECK_IN_PATH}/masuk", {"tunda": pending} if pending else {}, error=message, with_code=not pending, nip=nip
            )
            return HTMLResponse(page, status_code=401)
        cookie = await hall.write(auth.redeem_ticket, ticket=outcome.ticket, now=utcnow(), secret=secret)
        employee_id = outcome.user.employee_id
        try:
            if pending:
                event_id = tokens.event_of_pending(secret, pending, utcnow())
                result = await hall.write(
                    attendance.check_in, event_id=event_id, employee_id=employee_id, method=CheckInMethod.QR, now=utcnow()
                )
            else:
                typed = form.get("kode", "")
                result = await hall.write(
                    attendance.check_in_by_code, secret=secret, typed=typed, employee_id=employee_id, now=utcnow()
                )
            response: Response = checked_in(result)
        except Refusal as error:
            response = refused(error)
        if cookie:  # logged in now, in the app too: the same cookie as the login page sets
            response.set_cookie(
                COOKIE_NAME, cookie, max_age=settings.session_hours * 3600, path="/", httponly=True,
                secure=settings.secure_cookies, samesite="lax",
            )  # fmt: skip
        return response

    async def script(_request: Request) -> Response:
        return Response(phone.SCRIPT, media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"})

    return [
        Route(phone.JS_PATH, script, methods=["GET"]),
        Route(CHECK_IN_PATH, code_form, methods=["GET"]),
        Route(f"{CHECK_IN_PATH}/masuk", login_and_check_in, methods=["POST"]),
        Route(f"{CHECK_IN_PATH}/kode", by_code, methods=["POST"]),
        Route(CHECK_IN_PATH + "/{token}", scan, methods=["GET"]),
        *live_routes(hall),
    ]


async def read_form(request: Request) -> dict[str, str] | None:
    """A small same-origin form, or None (too big, or posted from another site)."""
    if not same_origin(request):
        return None
    if len(await request.body()) > MAX_FORM_BYTES:
        return None
    form = await request.form()
    return {key: value[:100] for key, value in form.items() if isinstance(value, str)}
