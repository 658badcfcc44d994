"""What every hall route shares: paths, limits, and the request's user and database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from db import engine_for, reading
from db.engine import is_busy, write_with_retries
from netral.core.dates import utcnow
from netral.core.errors import NotSaved
from netral.core.settings import Settings
from netral.identity import auth
from netral.identity.auth import CurrentUser
from netral.identity.web import COOKIE_NAME

CHECK_IN_PATH = "/hadir"
LIVE_PATH = "/langsung"
MAX_FORM_BYTES = 2_000
BUSY_RETRY_DELAYS = (0.5, 2.0)  # as the pages: busy_timeout already waited 10 s inside each try
NOT_SAVED = "Server sedang sangat sibuk sehingga ini BELUM TERSIMPAN. Tunggu sebentar lalu coba lagi."
T = TypeVar("T")


def check_in_link(base_url: str, token: str) -> str:
    """The link in the projector's QR."""
    return f"{base_url}{CHECK_IN_PATH}/{token}"


@dataclass(frozen=True)
class Hall:
    """What every hall route needs: settings, the database, and the logged-in user of a request."""

    settings: Settings

    @property
    def engine(self) -> Engine:
        """This process's engine for the configured database."""
        return engine_for(self.settings.database_url)

    @property
    def zone(self) -> ZoneInfo:
        """The agency's time zone."""
        return ZoneInfo(self.settings.timezone)

    async def user(self, request: Request) -> CurrentUser | None:
        """The user of the request's login cookie, if its session is live."""
        token = request.cookies.get(COOKIE_NAME, "")
        if not token or len(token) > 200:
            return None

        def read() -> CurrentUser | None:
            with reading(self.engine) as session:
                return auth.user_for_token(session, token=token, now=utcnow(), secret=self.settings.secret())

        return await run_in_threadpool(read)

    async def read(self, work: Callable[..., T], **kwargs: Any) -> T:
        """Run a read service on a snapshot, off the event loop."""

        def run() -> T:
            with reading(self.engine) as session:
                return work(session, **kwargs)

        return await run_in_threadpool(run)

    async def write(self, work: Callable[..., T], **kwargs: Any) -> T:
        """Run a service in its own transaction, off the event loop, again while the database is busy;
        refuse with NotSaved (nothing written, the phone says so) when it stays busy."""

        def run() -> T:
            try:
                return write_with_retries(self.engine, lambda session: work(session, **kwargs), BUSY_RETRY_DELAYS)
            except Exception as error:
                if is_busy(error):
                    raise NotSaved(NOT_SAVED) from error
                raise

        return await run_in_threadpool(run)
