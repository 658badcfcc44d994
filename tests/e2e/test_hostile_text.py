"""Text people typed (a name from the roster) is shown as text in the browser: no link, no icon, no markup."""

from __future__ import annotations

from db import make_engine, transaction
from netral.content.loading import sync_bank
from netral.core.dates import utcnow
from tests.e2e.conftest import _serve, log_in, settle
from tests.factories import add_person

HOSTILE = "Budi http://evil.example/masuk www.evil.example a@evil.example :material/home: <b>x</b>"


def test_a_hostile_name_shows_as_plain_text_with_no_link_or_icon(browser, db_url, tmp_path, bank):
    engine = make_engine(db_url)
    with transaction(engine) as session:
        sync_bank(session, bank, now=utcnow())
        nip = add_person(session, name=HOSTILE).employee.nip
    engine.dispose()
    site = _serve(db_url, tmp_path, (nip, nip, nip))
    try:
        page = browser.new_context().new_page()
        log_in(page, site.server.url, nip)
        settle(page)
        main = page.locator("[data-testid='stMain']")
        assert main.locator("a[href*='evil.example']").count() == 0
        assert main.locator("a[href^='mailto:']").count() == 0
        assert main.locator("[data-testid='stMarkdownContainer'] b").count() == 0
        welcome = main.get_by_text("Selamat datang").first.inner_text().replace("\u2060", "")
        assert HOSTILE in welcome  # every character as typed, nothing turned into something else
        icons = main.locator("span[translate='no']").all_inner_texts()
        assert "home" not in icons
        page.context.close()
    finally:
        site.server.stop()
