"""The HTTP routes beside the app that wallets and verifiers ask (Starlette): each year's revocation status list, and
the issuer's `did:web` document when the agency configured one."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db import engine_for, reading
from netral.certificates.badges import STATUS_PATH
from netral.certificates.credentials import status_list
from netral.certificates.did import did_document, did_web
from netral.certificates.issuing import signing_key
from netral.core.dates import utcnow
from netral.core.settings import Settings


def status_routes(settings: Settings) -> list[Route]:
    """`GET /api/sertifikat/status/{year}`: the signed BitstringStatusListCredential of that year's certificates."""

    def build(year: int) -> bytes:
        with reading(engine_for(settings.database_url)) as session:
            credential = status_list(
                session,
                year=year,
                key=signing_key(settings.signing_key_path),
                base_url=settings.base_url,
                now=utcnow(),
                did_web=settings.did_web,
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


def did_routes(settings: Settings) -> list[Route]:
    """`GET /.well-known/did.json`: the DID document of `NETRAL_DID_WEB` (none when unset, or when the DID has a path:
    did:web puts that document under the path, where nginx serves the file `certificates did-web` writes)."""
    did = did_web(settings.did_web)
    if not did or ":" in did.removeprefix("did:web:"):
        return []

    async def document(_request: Request) -> Response:
        body = json.dumps(did_document(did, signing_key(settings.signing_key_path).public), indent=2).encode("utf-8")
        return Response(body, media_type="application/did+json", headers={"Cache-Control": "public, max-age=3600"})

    return [Route("/.well-known/did.json", document, methods=["GET"])]
