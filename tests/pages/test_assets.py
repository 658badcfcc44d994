"""Streamlit's files through Netral's middleware: gzipped once and kept, Vary set, the page in Indonesian."""

from __future__ import annotations

import gzip

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from pages.ui.assets import CompressedAssets, accepts_gzip

BUNDLE = b"export const x = 1;\n" * 500
DOCUMENT = b'<!DOCTYPE html>\n<html lang="en">\n<head></head><body>' + b"<p>x</p>" * 300 + b"</body></html>"
IMMUTABLE = "public, immutable, max-age=31536000"


def client() -> tuple[TestClient, list[str]]:
    served: list[str] = []

    def bundle(request):
        served.append(request.url.path)
        return Response(BUNDLE, media_type="application/javascript", headers={"Cache-Control": IMMUTABLE})

    def document(request):
        return Response(DOCUMENT, media_type="text/html", headers={"Cache-Control": "no-cache"})

    def font(request):
        return Response(b"\0" * 5000, media_type="font/woff2", headers={"Cache-Control": IMMUTABLE})

    routes = [Route("/static/js/index.abc.js", bundle), Route("/static/media/f.woff2", font), Route("/{page:path}", document)]
    app = Starlette(routes=routes, middleware=[Middleware(CompressedAssets)])
    return TestClient(app), served


def test_a_bundle_is_gzipped_once_and_every_later_request_gets_the_kept_copy():
    test, served = client()
    for _ in range(3):
        response = test.get("/static/js/index.abc.js", headers={"Accept-Encoding": "gzip"})
        assert response.headers["content-encoding"] == "gzip"
        assert response.content == BUNDLE  # the test client decodes it
        assert "Accept-Encoding" in response.headers["vary"]
        assert response.headers["cache-control"] == IMMUTABLE
        assert int(response.headers["content-length"]) < len(BUNDLE) / 10
    assert served == ["/static/js/index.abc.js"]  # Streamlit read the file once; the compression happened once


def test_a_browser_without_gzip_gets_the_plain_file_with_vary():
    test, _ = client()
    response = test.get("/static/js/index.abc.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert response.content == BUNDLE and "Accept-Encoding" in response.headers["vary"]


def test_fonts_and_images_already_compressed_pass_untouched():
    test, _ = client()
    response = test.get("/static/media/f.woff2", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers and len(response.content) == 5000


def test_the_page_says_it_is_indonesian_on_every_route():
    test, _ = client()
    for path in ("/", "/kuis", "/verifikasi"):
        response = test.get(path, headers={"Accept-Encoding": "gzip"})
        assert response.headers["content-encoding"] == "gzip"
        assert '<html lang="id">' in response.text and 'lang="en"' not in response.text
        assert response.headers["cache-control"] == "no-cache"


def test_accept_encoding_is_read_as_browsers_write_it():
    assert accepts_gzip("gzip, deflate, br, zstd") and accepts_gzip("br;q=1.0, gzip;q=0.8") and accepts_gzip("*")
    assert not accepts_gzip("") and not accepts_gzip("identity") and not accepts_gzip("gzip;q=0, br")
    assert gzip.decompress(gzip.compress(b"x", mtime=0)) == b"x"
