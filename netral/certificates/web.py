"""The HTTP route beside the app that wallets and verifiers ask: each year's revocation status list (Starlette)."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db import engine_for, reading
from netral.certificates.badges import STATUS_PATH
from netral.certificates.credentials import status_list
from netral.certificates.issuing import signing_key
from netral.core.dates import utcnow
from netral.core.settings import Settings


def status_routes(settings: Settings) -> list[Route]:
    """`GET /api/sertifikat/status/{year}`: the signed BitstringStatusListCredential of that year's certificates."""

    def build(year: int) -> bytes:
        with reading(engine_for(settings.database_url)) as session:
            credential = status_list(
                session, year=year, key=signing_key(settings.signing_key_path), base_url=settings.base_url, now=utcnow()
            )
        return json.dumps(credential, ensure_ascii=False).encode("utf-8")

    async def status(request: Request) -> Response:
        year = request.path_params["year"]
        if not 2000 <= year <= 2999:
            return Response(status_code=404)
        body = await run_in_threadpool(build, year)
        # Short caching: a revocation shows within a minute, and a crowd of verifiers costs one signature a minute.
        return Response(body, media_type="application/vc+ld+json", headers={"Cache-Control": "public, max-age=60"})

    return [Route(STATUS_PATH + "/{year:int}", status, methods=["GET"])]
