"""The sosialisasi hall: phones check in and answer one live question through nginx in front of two processes.

Everything is real: `streamlit run app.py` twice (docs/deploy.md: one process per core on this 2-core machine),
Debian's nginx running deploy/nginx.conf.template, SQLite in WAL mode, and phones speaking HTTP from one
asyncio process (bench/http.py), all from one address as behind a hall's Wi-Fi. Each answer round is a fresh
event whose phones are already checked in and waiting on the live state; the presenter opens the question
(the service, as the projector's button does), and each phone answers at a random moment within the spread.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench import Figure
from bench.hall_site import HallSite, hall_site
from bench.http import Phone
from netral.core.dates import utcnow
from netral.sosialisasi import tokens
from netral.sosialisasi.watch import POLL_SECONDS

P95_TARGET_S = 2.0
# The projector redraws every second (pages/ui/projector.py): its count lags the database by at most that.
PROJECTOR_REDRAW_S = 1.0


@dataclass(frozen=True)
class Plan:
    """Hall sizes to try (ascending), the seconds over which a hall answers, and the check-in wave."""

    answer_levels: list[int]
    answer_spread_s: float
    main_level: int
    checkins: int  # phones already logged in that scan
    checkin_spread_s: float
    logins: int  # phones that log in on the spot, in the same spread


QUICK = Plan([100, 300], 10, 300, 200, 20, 100)
FULL = Plan([250, 500, 1000, 1500, 2000], 15, 1000, 1000, 60, 600)


@dataclass
class Round:
    """One round's timings (seconds) and what went wrong."""

    latencies: list[float] = field(default_factory=list)
    reach: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stored: int = 0
    count_lag_s: float = 0.0

    @property
    def p95(self) -> float:
        """p95 of the latencies (inf with none)."""
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("inf")
        return statistics.quantiles(self.latencies, n=20)[-1]


def run(quick: bool) -> list[Figure]:
    """Answer rounds of growing halls, one alone as baseline, and a wave of check-ins with login on the spot."""
    plan = QUICK if quick else FULL
    with (
        tempfile.TemporaryDirectory(prefix="netral-hall-") as folder,
        hall_site(Path(folder), logged_in=sum(plan.answer_levels) + plan.checkins + 1, to_log_in=plan.logins + 1) as site,
    ):
        rss_start = site.rss_mb()
        alone = asyncio.run(answer_round(site, 1, 0.5))
        rounds = {n: asyncio.run(answer_round(site, n, plan.answer_spread_s)) for n in plan.answer_levels}
        checkin_alone = asyncio.run(checkin_round(site, 1, 0.5))
        checkins = asyncio.run(checkin_round(site, plan.checkins, plan.checkin_spread_s, log_in=False))
        logins = asyncio.run(checkin_round(site, plan.logins, plan.checkin_spread_s))
        rss_end = site.rss_mb()
    return _figures(plan, alone, rounds, checkin_alone, (checkins, logins), rss_start, rss_end)


async def answer_round(site: HallSite, phones: int, spread_s: float) -> Round:
    """`phones` checked-in phones wait on the live state; the question opens; each answers within `spread_s`."""
    event_id, item_id, cookies = site.new_answer_event(phones)
    result = Round()
    opened_at = [0.0]
    rng = random.Random(phones)

    async def phone(cookie: str) -> None:
        client = Phone(site.url, {"netral_sesi": cookie})
        try:
            state = json.loads((await client.request("GET", f"/api/langsung/{event_id}/keadaan?v=-1")).body)
            while state["keadaan"] != "dibuka":
                response = await client.request("GET", f"/api/langsung/{event_id}/keadaan?{urlencode({'v': state['versi']})}")
                state = json.loads(response.body)
            result.reach.append(time.monotonic() - opened_at[0])
            await asyncio.sleep(rng.uniform(0, spread_s))
            body = json.dumps({"soal": item_id, "babak": "pre", "pilihan": state["pilihan"][0]["id"]}).encode()
            started = time.monotonic()
            answer = await client.request("POST", f"/api/langsung/{event_id}/jawab", body, content_type="application/json")
            if answer.status != 200:
                result.errors.append(f"{answer.status} {answer.body[:80]!r}")
            else:
                result.latencies.append(time.monotonic() - started)
        except (TimeoutError, OSError, ValueError, KeyError) as error:
            result.errors.append(f"{type(error).__name__}: {error}")
        finally:
            await client.close()

    tasks = [asyncio.create_task(phone(cookie)) for cookie in cookies]
    await asyncio.sleep(2.0 + phones / 500)  # every phone has its first state and waits on the next
    opened_at[0] = time.monotonic()
    await asyncio.to_thread(site.open_question, event_id)
    await asyncio.gather(*tasks)
    last_ack = time.monotonic()
    while await asyncio.to_thread(site.answered, event_id) < len(result.latencies) and time.monotonic() - last_ack < 10:
        await asyncio.sleep(0.05)
    result.count_lag_s = time.monotonic() - last_ack + PROJECTOR_REDRAW_S
    result.stored = await asyncio.to_thread(site.stored_answers, event_id)
    return result


async def checkin_round(site: HallSite, phones: int, spread_s: float, *, log_in: bool = True) -> Round:
    """Phones scan the QR within `spread_s`: logged in already (checked in by the scan), or with `log_in` logging
    in on the spot first (argon2 per person: the costly case)."""
    event_id, people = site.new_checkin_event(phones, logged_in=not log_in)
    result = Round()
    rng = random.Random(phones + 1)

    async def phone(person: str) -> None:
        await asyncio.sleep(rng.uniform(0, spread_s))
        client = Phone(site.url, {} if log_in else {"netral_sesi": person})
        started = time.monotonic()
        try:
            done = await client.request("GET", f"/hadir/{tokens.qr_token(site.secret, event_id, utcnow())}")
            if log_in:
                pending = done.body.decode().split('name="tunda" value="', 1)[1].split('"', 1)[0]
                form = urlencode({"nip": person, "sandi": site.password, "tunda": pending}).encode()
                done = await client.request("POST", "/hadir/masuk", form, content_type="application/x-www-form-urlencoded")
            if done.status != 200 or "tercatat" not in done.body.decode():
                result.errors.append(f"{done.status} {done.body[:80]!r}")
            else:
                result.latencies.append(time.monotonic() - started)
        except (TimeoutError, OSError, IndexError) as error:
            result.errors.append(f"{type(error).__name__}: {error}")
        finally:
            await client.close()

    await asyncio.gather(*(phone(person) for person in people))
    result.stored = await asyncio.to_thread(site.present, event_id)
    return result


def _figures(
    plan: Plan,
    alone: Round,
    rounds: dict[int, Round],
    checkin_alone: Round,
    waves: tuple[Round, Round],
    rss_start: float,
    rss_end: float,
) -> list[Figure]:
    checkins, logins = waves
    main = rounds[plan.main_level]
    knee = next((n for n, r in rounds.items() if r.p95 >= P95_TARGET_S or r.errors or r.stored != n), None)
    once = main.stored == plan.main_level == len(main.latencies)
    reach = statistics.quantiles(main.reach, n=20)[-1] if len(main.reach) > 1 else float("inf")
    levels = ", ".join(f"{n}: {r.p95:.2f} s" for n, r in rounds.items())
    return [
        Figure(
            f"hall_{plan.main_level}_answers_p95_s",
            f"Hall of {plan.main_level} phones answering within {plan.answer_spread_s:g} s (nginx, 2 processes), p95",
            main.p95, "s", alone.p95, "p95 of one phone alone",
            f"< {P95_TARGET_S:g} s, no errors, each answer stored once",
            main.p95 < P95_TARGET_S and not main.errors and once,
            f"{len(main.latencies)} acknowledged, {main.stored} stored, {len(main.errors)} errors"
            f"{' (first: ' + main.errors[0] + ')' if main.errors else ''}; p95 per hall: {levels}",
        ),
        Figure(
            "hall_knee_phones", "Phones at which the answer p95 passes 2 s (or errors appear)",
            float(knee or max(rounds)), "phones", float(plan.main_level), "the target hall",
            f"> {plan.main_level}", knee is None or knee > plan.main_level,
            "not reached: p95 stayed under 2 s at every hall tried" if knee is None else f"first hall past the target: {knee}",
        ),
        Figure(
            "hall_question_reaches_phones_p95_s", "Opened question reaches every waiting phone, p95",
            reach, "s", POLL_SECONDS, "the server's poll interval", "< 2 s", reach < P95_TARGET_S,
            f"{len(main.reach)} phones waiting on one long poll each",
        ),
        Figure(
            "hall_presenter_count_s", "Presenter's count complete after the last answer (database + projector redraw)",
            main.count_lag_s, "s", PROJECTOR_REDRAW_S, "the projector's redraw interval", "< 2 s",
            main.count_lag_s < P95_TARGET_S,
        ),
        Figure(
            f"hall_{plan.checkins}_checkins_p95_s",
            f"{plan.checkins} logged-in phones scanning within {plan.checkin_spread_s:g} s, p95 scan to checked in",
            checkins.p95, "s", checkin_alone.p95, "one check-in with login alone", f"< {P95_TARGET_S:g} s, no errors",
            checkins.p95 < P95_TARGET_S and not checkins.errors and checkins.stored == plan.checkins,
            _wave_note(checkins),
        ),
        Figure(
            f"hall_{plan.logins}_logins_p95_s",
            f"{plan.logins} phones logging in on the spot within {plan.checkin_spread_s:g} s, p95 scan to checked in",
            logins.p95, "s", checkin_alone.p95, "one check-in with login alone", f"< {P95_TARGET_S:g} s, no errors",
            logins.p95 < P95_TARGET_S and not logins.errors and logins.stored == plan.logins,
            _wave_note(logins) + "; argon2id (t=2, 19 MiB) per login",
        ),
        Figure(
            "hall_memory_mb", "Memory of the two processes after the hall (RSS, sum)", rss_end, "MiB", rss_start,
            "the same processes before", "< 2× the start", rss_end < 2 * rss_start,
        ),
    ]  # fmt: skip


def _wave_note(wave: Round) -> str:
    first = f" (first: {wave.errors[0]})" if wave.errors else ""
    return f"{len(wave.latencies)} checked in, {wave.stored} recorded, {len(wave.errors)} errors{first}"
