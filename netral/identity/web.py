"""HTTP routes served beside the Streamlit app: the login cookie exchange (Starlette, no Streamlit)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db import engine_for, transaction
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.identity import auth

COOKIE_NAME = "netral_sesi"
MAX_TICKET_LENGTH = 200
LOGIN_PATH = "/api/sesi/masuk"
LOGOUT_PATH = "/api/sesi/keluar"


def session_routes(settings: Settings) -> list[Route]:
    """Routes that turn a login into an HttpOnly cookie and clear it again."""

    def redeem(ticket: str) -> str | None:
        with transaction(engine_for(settings.database_url)) as session:
            return auth.redeem_ticket(session, ticket=ticket, now=utcnow(), secret=settings.secret())

    async def login(request: Request) -> Response:
        body = await request.body()
        if not same_origin(request) or not 0 < len(body) <= MAX_TICKET_LENGTH or not body.isascii():
            return Response(status_code=400)
        token = await run_in_threadpool(redeem, body.decode("ascii"))
        if token is None:
            return Response(status_code=401)
        response = Response(status_code=204)
        response.set_cookie(
            COOKIE_NAME,
            token,
            max_age=settings.session_hours * 3600,
            path="/",
            httponly=True,
            secure=settings.secure_cookies,
            samesite="lax",
        )
        return response

    async def logout(request: Request) -> Response:
        if not same_origin(request):
            return Response(status_code=400)
        response = Response(status_code=204)
        response.delete_cookie(COOKIE_NAME, path="/", httponly=True, secure=settings.secure_cookies, samesite="lax")
        return response

    return [Route(LOGIN_PATH, login, methods=["POST"]), Route(LOGOUT_PATH, logout, methods=["POST"])]


def same_origin(request: Request) -> bool:
    # Browsers send Origin on fetch POSTs; a cross-site page must not drive these routes.
    origin = request.headers.get("origin")
    return origin is None or origin.split("://", 1)[-1] == request.headers.get("host")
