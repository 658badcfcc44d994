from starlette.applications import Starlette
from starlette.testclient import TestClient

from db import transaction
from netral.core.dates import utcnow
from netral.identity import login
from netral.identity.web import COOKIE_NAME, LOGIN_PATH, LOGOUT_PATH, session_routes
from tests.factories import PASSWORD, add_person


def client_for(settings):
    return TestClient(Starlette(routes=session_routes(settings)), base_url="http://netral.test")


def fresh_ticket(engine, settings):
    with transaction(engine) as session:
        nip = add_person(session).employee.nip
    with transaction(engine) as session:
        outcome = login.log_in(
            session,
            nip=nip,
            password=PASSWORD,
            now=utcnow(),
            secret=settings.secret(),
            session_hours=settings.session_hours,
            client="192.0.2.10",
        )
    return outcome


def test_a_fresh_ticket_becomes_an_httponly_cookie_once(engine, settings):
    outcome = fresh_ticket(engine, settings)
    client = client_for(settings)
    response = client.post(LOGIN_PATH, content=outcome.ticket, headers={"origin": "http://netral.test"})
    assert response.status_code == 204
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie
    assert client.post(LOGIN_PATH, content=outcome.ticket).status_code == 401


def test_the_cookie_is_secure_behind_https(engine, settings):
    import dataclasses

    secure = dataclasses.replace(settings, base_url="https://netral.example.go.id")
    outcome = fresh_ticket(engine, secure)
    response = client_for(secure).post(LOGIN_PATH, content=outcome.ticket)
    assert "Secure" in response.headers["set-cookie"]


def test_other_sites_and_junk_are_refused(engine, settings):
    outcome = fresh_ticket(engine, settings)
    client = client_for(settings)
    assert client.post(LOGIN_PATH, content=outcome.ticket, headers={"origin": "https://evil.example"}).status_code == 400
    assert client.post(LOGIN_PATH, content="x" * 500).status_code == 400
    assert client.post(LOGIN_PATH, content="").status_code == 400
    assert client.post(LOGIN_PATH, content="tiket-palsu").status_code == 401
    assert client.get(LOGIN_PATH).status_code == 405


def test_logout_route_clears_the_cookie(settings):
    response = client_for(settings).post(LOGOUT_PATH)
    assert response.status_code == 204
    assert f'{COOKIE_NAME}=""' in response.headers["set-cookie"] and "Max-Age=0" in response.headers["set-cookie"]
