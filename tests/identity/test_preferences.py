"""The text size preference: stored per account, validated, carried by the logged-in user."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from db import reading, transaction
from db.migrate import upgrade
from db.models import Account
from netral.core.enums import TextSize
from netral.core.errors import NotFound
from netral.identity import auth, login
from netral.identity.preferences import TEXT_SIZES, PreferenceRefused, set_text_size, text_scale
from tests.conftest import T0
from tests.factories import PASSWORD, add_person

SECRET = "rahasia-preferensi-" + "p" * 20


def log_in(session, nip: str) -> auth.CurrentUser:
    outcome = login.log_in(session, nip=nip, password=PASSWORD, now=T0, secret=SECRET, session_hours=1, client="192.0.2.10")
    assert outcome.user is not None
    return outcome.user


def test_a_new_account_reads_at_normal_size(engine):
    with transaction(engine) as session:
        nip = add_person(session).employee.nip
        assert log_in(session, nip).text_size == TextSize.NORMAL


def test_a_chosen_text_size_is_stored_and_follows_the_user_to_every_login(engine):
    with transaction(engine) as session:
        account = add_person(session)
        account_id, nip = account.id, account.employee.nip
        first = log_in(session, nip)
    with transaction(engine) as session:
        set_text_size(session, account_id=account_id, size=TextSize.LARGE)
    with reading(engine) as session:
        assert session.get(Account, account_id).text_size == TextSize.LARGE
        refreshed = auth.refresh_user(session, login_session_id=first.login_session_id, now=T0 + timedelta(minutes=1))
        assert refreshed is not None and refreshed.text_size == TextSize.LARGE  # the tab already open picks it up on its next run
    with transaction(engine) as session:
        assert log_in(session, nip).text_size == TextSize.LARGE  # a new device
        set_text_size(session, account_id=account_id, size=TextSize.LARGEST)
    with reading(engine) as session:
        assert session.get(Account, account_id).text_size == TextSize.LARGEST


@pytest.mark.parametrize("size", ["", "BESAR", "Besar", "sangat besar", "raksasa"])
def test_an_unknown_text_size_is_refused_and_the_stored_one_kept(engine, size):
    with transaction(engine) as session:
        account_id = add_person(session).id
        set_text_size(session, account_id=account_id, size=TextSize.LARGE)
    with pytest.raises(PreferenceRefused, match="Pilih salah satu: Normal, Besar, Sangat besar"), transaction(engine) as session:
        set_text_size(session, account_id=account_id, size=size)
    with reading(engine) as session:
        assert session.get(Account, account_id).text_size == TextSize.LARGE


def test_a_text_size_for_an_account_that_does_not_exist_is_refused(engine):
    with pytest.raises(NotFound, match="Akun tidak ditemukan"), transaction(engine) as session:
        set_text_size(session, account_id=987_654, size=TextSize.LARGE)


def test_accounts_that_existed_before_the_migration_read_at_normal_size(blank_engine):
    upgrade(blank_engine, "0005")
    with blank_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO employees (id, nip, name, active, created_at, updated_at) "
                "VALUES (1, '198503152010012005', 'Rina', :yes, :when, :when)"
            ),
            {"yes": True, "when": T0},
        )
        connection.execute(
            text(
                "INSERT INTO accounts (id, employee_id, role, password_hash, must_change_password, failed_logins, created_at) "
                "VALUES (1, 1, 'peserta', 'x', :no, 0, :when)"
            ),
            {"no": False, "when": T0},
        )
    upgrade(blank_engine)
    with blank_engine.connect() as connection:
        assert connection.execute(text("SELECT text_size FROM accounts")).scalar() == TextSize.NORMAL


def test_each_size_is_larger_than_the_one_before_and_unknown_values_read_normal():
    scales = [size.scale for size in TEXT_SIZES.values()]
    assert scales == sorted(scales) and scales[0] == 1.0 and len(set(scales)) == len(scales)
    assert text_scale("tidak-ada") == 1.0 and text_scale(TextSize.LARGE) > 1.0
