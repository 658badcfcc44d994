"""What every hall route shares: paths, limits, and the request's user and database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from db import engine_for, reading, transaction
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.identity import auth
from netral.identity.auth import CurrentUser
from netral.identity.web import COOKIE_NAME

CHECK_IN_PATH = "/hadir"
LIVE_PATH = "/langsung"
MAX_FORM_BYTES = 2_000
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
        """Run a service in its own transaction, off the event loop."""

        def run() -> T:
            with transaction(self.engine) as session:
                return work(session, **kwargs)

        return await run_in_threadpool(run)
