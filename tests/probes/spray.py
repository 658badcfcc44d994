"""Spray probe (issue 17, finding 2): one client tries 5 wrong passwords on every NIP it knows, twice, as fast as the
server answers; then the demo admins log in from their own computers and a peserta with a typo tries again.

Run it alone: `python -m tests.probes.spray` (a fresh demo server on loopback, stopped at the end; bounded by
ATTEMPT_BUDGET and SECONDS_BUDGET). tests/probes/test_probes.py runs a smaller round in the suite.
Before the fix this spray locked all 38 accounts it tried in 4.7 s, admins included.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from dataclasses import dataclass

from sqlalchemy import func, select

from bench.wire import Tab
from db import make_engine, reading
from db.models import Account
from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.demo import PEOPLE
from tests.probes.server import demo_server

SPRAYER = "203.0.113.7"
WRONG = "Salah#Tebak2024"
ATTEMPT_BUDGET = 400  # per round
SECONDS_BUDGET = 90.0
_CHECKED = "NIP atau kata sandi salah"  # the password was compared (possibly locking the account after)


@dataclass
class Spray:
    """What one spray round achieved."""

    attempts: int = 0
    checked: int = 0  # answered "NIP atau kata sandi salah": the password was actually tried
    held_off: int = 0  # answered with a wait or a lock: the password was not tried
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.attempts / self.seconds if self.seconds else 0.0
        return (
            f"{self.attempts} attempts in {self.seconds:.1f} s ({rate:.1f}/s): {self.checked} passwords tried, "
            f"{self.held_off} held off"
        )


async def log_in(base_url: str, nip: str, password: str, client: str) -> tuple[bool, str]:
    """Submit the login form once from `client`; (logged in, the message shown)."""
    tab = Tab(base_url, forwarded_for=client)
    try:
        await tab.open()
        screen = await tab.submit_form({"NIP": nip, "Kata sandi": password}, "Masuk")
        if screen.has_widget("text_input", "Kata sandi"):
            return False, " ".join(t for t in screen.texts() if t)[-200:]
        return True, ""
    finally:
        await tab.close()


async def spray(base_url: str, nips: list[str], *, tries: int = 5, rotate: bool = False) -> Spray:
    """`tries` wrong passwords on each NIP from one client (or, with `rotate`, from a new address each attempt, as a
    botnet would), within the budgets."""
    result, started = Spray(), time.perf_counter()
    for nip in nips:
        for _ in range(tries):
            if result.attempts >= ATTEMPT_BUDGET or time.perf_counter() - started > SECONDS_BUDGET:
                result.seconds = time.perf_counter() - started
                return result
            client = f"203.0.113.{result.attempts % 250 + 1}" if rotate else SPRAYER
            _, message = await log_in(base_url, nip, WRONG, client)
            result.attempts += 1
            if _CHECKED in message:
                result.checked += 1
            else:
                result.held_off += 1
    result.seconds = time.perf_counter() - started
    return result


def target_nips(extra: int, seed: int = 17) -> list[str]:
    """Every demo NIP (the admins first) and `extra` made-up NIPs, as a sprayer's list would hold."""
    rng = random.Random(seed)
    made_up = []
    for _ in range(extra):
        born, appointed = (
            f"19{rng.randint(60, 99)}0{rng.randint(1, 9)}{rng.randint(10, 28)}",
            f"20{rng.randint(10, 22)}0{rng.randint(1, 2)}",
        )
        made_up.append(f"{born}{appointed}1{rng.randint(100, 999)}")
    admins = [p.nip for p in PEOPLE if p.role in (Role.SUPER_ADMIN, Role.UNIT_ADMIN)]
    return admins + [p.nip for p in PEOPLE if p.nip not in admins] + made_up


async def owners_get_in(base_url: str) -> dict[str, bool]:
    """Every demo account with a password, each from its owner's own computer (the admins first); one peserta's
    first try has a typo and the second is right."""
    outcome = {}
    owners = [p for p in PEOPLE if p.password and p.role != Role.PESERTA] + [
        p for p in PEOPLE if p.password and p.role == Role.PESERTA
    ]
    for number, person in enumerate(owners, start=1):
        assert person.password is not None
        client = f"198.51.100.{number}"
        if number == len(owners):
            first, _ = await log_in(base_url, person.nip, person.password[:-1], client)  # a typo
            second, _ = await log_in(base_url, person.nip, person.password, client)
            outcome[f"{person.role} {person.nip}, typo then right"] = not first and second
        else:
            outcome[f"{person.role} {person.nip}"], _ = await log_in(base_url, person.nip, person.password, client)
    return outcome


def locked_accounts(database_url: str) -> int:
    """Accounts locked right now."""
    engine = make_engine(database_url)
    try:
        with reading(engine) as session:
            return int(session.scalar(select(func.count()).select_from(Account).where(Account.locked_until > utcnow())) or 0)
    finally:
        engine.dispose()


@dataclass
class Probe:
    """The sprays, the accounts locked after each, and whether each owner then got in."""

    sprays: list[Spray]
    locked: list[int]
    owners: dict[str, bool]


async def probe(base_url: str, database_url: str, *, extra_nips: int, rounds: int) -> Probe:
    """The spray from one client, repeated `rounds` times, then from rotating addresses; then the owners' logins."""
    nips, sprays, locked = target_nips(extra_nips), [], []
    for rotate in [False] * rounds + [True]:
        sprays.append(await spray(base_url, nips, rotate=rotate))
        locked.append(locked_accounts(database_url))
    return Probe(sprays, locked, await owners_get_in(base_url))


def main() -> int:
    with demo_server() as demo:
        found = asyncio.run(probe(demo.url, demo.database_url, extra_nips=30, rounds=2))
        still_locked = locked_accounts(demo.database_url)
    for number, (result, locked) in enumerate(zip(found.sprays, found.locked, strict=True), start=1):
        kind = "one address per attempt" if number == len(found.sprays) else "one client"
        print(f"spray {number} ({kind}): {result.line()}; accounts locked: {locked}")
    for who, ok in found.owners.items():
        print(f"{who}: {'masuk' if ok else 'GAGAL'}")
    print(f"accounts still locked after the owners' logins: {still_locked}")
    return 0 if all(found.owners.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
