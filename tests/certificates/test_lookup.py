"""The public lookup leaks nobody: a number alone shows no holder, the code (or QR link, or PDF) does, revocation
reasons stay with HR, and failed lookups are slowed then refused in every process (both databases)."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from db import make_engine, transaction
from db.models import Certificate
from netral.certificates import codes, managing
from netral.certificates.lookup import ASK_FOR_CODE, FORGED_LINK, NO_MATCH, look_up, mask_nip
from netral.certificates.numbering import format_number
from netral.certificates.throttle import BLOCK_AFTER, FREE_FAILURES, LookupsLimited
from tests.certificates.test_certificates import complete, find, stored
from tests.conftest import T0

WRONG = "7QKM-2XRA-9PDF-HW4C"  # well formed, never issued


def test_a_number_alone_shows_nobody_and_enumerating_numbers_yields_nothing(synced, settings):
    _employee, number = complete(synced, settings)
    year = int(number[4:8])
    answers = {find(synced, settings, format_number(year, n), code="", client="pencacah").problem for n in range(1, 4)}
    answers |= {find(synced, settings, format_number(year, n), code="", client=f"lain-{n}").problem for n in range(4, 9)}
    assert answers == {ASK_FOR_CODE}  # the issued number and the never-issued ones answer alike, with no record
    assert find(synced, settings, number, code="").record is None


def test_number_and_code_show_the_holder_with_a_nip_that_hides_the_birth_date(synced, settings):
    _employee, number = complete(synced, settings)
    code = stored(synced, number).verification_code
    assert codes.is_well_formed(code) and len(code.replace("-", "")) == 16
    record = find(synced, settings, number, code=code.lower().replace("-", " ")).record  # typed loosely
    nip = stored(synced, number).data["nip"]
    assert record.holder.name == "Sutrisno" and record.holder.masked_nip == mask_nip(nip)
    assert nip[:8] not in record.holder.masked_nip and record.holder.masked_nip.endswith(nip[-3:])
    assert record.holder.masked_nip.count("*") == 15


def test_wrong_codes_and_forged_links_are_refused_without_a_record(synced, settings):
    _employee, number = complete(synced, settings)
    assert find(synced, settings, number, code=WRONG).problem == NO_MATCH
    assert "tidak valid" in find(synced, settings, number, code="ABCD").problem  # a typo, caught by the check character
    assert find(synced, settings, number, code="", link_signature="dipalsukan").problem == FORGED_LINK
    signature = stored(synced, number).payload_signature
    assert find(synced, settings, number, code="", link_signature=signature).record.holder.name == "Sutrisno"


def test_a_revocation_shows_its_date_and_never_its_reason(synced, settings):
    _employee, number = complete(synced, settings)
    with transaction(synced) as session:
        managing.revoke(session, actor=None, number=number, reason="Rahasia kepegawaian", now=T0 + timedelta(days=3))
    record = find(synced, settings, number, now=T0 + timedelta(days=4)).record
    assert record.status == "dicabut" and record.revoked_on == "5 September 2024"
    assert "Rahasia" not in repr(record)


def test_certificates_issued_before_codes_show_their_status_alone_by_number(synced, settings):
    _employee, number = complete(synced, settings)
    with transaction(synced) as session:
        session.execute(update(Certificate).where(Certificate.number == number).values(verification_code=None))
    alone = find(synced, settings, number, code="").record
    assert alone.status == "sah" and alone.holder is None
    signature = stored(synced, number).payload_signature
    assert find(synced, settings, number, code="", link_signature=signature).record.holder.name == "Sutrisno"


def test_failed_lookups_are_slowed_then_refused_in_every_process_and_only_for_that_client(synced, settings, db_url):
    _employee, number = complete(synced, settings)
    code = stored(synced, number).verification_code
    other_process = make_engine(db_url)
    delays = []
    try:
        for attempt in range(BLOCK_AFTER):
            engine = synced if attempt % 2 else other_process  # two processes, one count
            delays.append(find(engine, settings, number, code=WRONG, client="penyerang").delay)
        assert delays[:FREE_FAILURES] == [0.0] * FREE_FAILURES and delays[FREE_FAILURES:] == sorted(delays[FREE_FAILURES:])
        assert delays[-1] > 0
        with pytest.raises(LookupsLimited, match="coba lagi setelah pukul"):
            find(other_process, settings, number, code=code, client="penyerang")  # even the right code, for a while
        assert find(synced, settings, number, code=code, client="tetangga").record is not None
        later = T0 + timedelta(minutes=16)
        assert find(synced, settings, number, code=code, client="penyerang", now=later).record is not None
    finally:
        other_process.dispose()


def test_a_refused_lookup_is_refused_before_the_number_is_read(synced, settings):
    _employee, number = complete(synced, settings)
    for _ in range(BLOCK_AFTER):
        find(synced, settings, number, code=WRONG, client="penyerang")
    with transaction(synced) as session, pytest.raises(LookupsLimited):
        look_up(session, number="bukan nomor", client="penyerang", now=T0, zone=settings.zone)
