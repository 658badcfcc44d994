"""A parser run in a child process: its result comes back; too slow, too big or broken, the upload is refused and
the server process is untouched."""

from __future__ import annotations

import os
import time

import pytest

from netral.core import isolation
from netral.core.errors import Refusal
from netral.core.isolation import IsolatedRefusal, IsolationFailed, run_isolated


def child_pid_and_sum(*numbers: int) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def forever() -> None:
    while True:
        pass


def hoard() -> bytes:
    return b"x" * (8 * 2**30)  # 8 GiB, far above the cap


def vanish() -> None:
    os._exit(3)  # gone without sending anything, and not killed: a broken C library, not a memory hog


def refuse() -> None:
    raise Refusal("Kolom NIP tidak ada.")


def crash() -> None:
    raise ZeroDivisionError("pembagian dengan nol")


def test_the_result_comes_back_from_another_process():
    pid, total = run_isolated(child_pid_and_sum, 1, 2, 3)
    assert total == 6
    assert pid != os.getpid()


def test_a_parser_that_never_ends_is_stopped_at_the_time_limit_and_killed():
    started = time.monotonic()
    with pytest.raises(IsolatedRefusal, match="terlalu lama diperiksa"):
        run_isolated(forever, time_limit=1.0)
    assert time.monotonic() - started < 30  # not the parser's forever
    assert run_isolated(child_pid_and_sum, 2)[1] == 2  # the slot was given back


def test_a_parser_that_wants_too_much_memory_is_refused_without_touching_the_server():
    with pytest.raises(IsolatedRefusal, match="terlalu banyak memori"):
        run_isolated(hoard, memory_limit=isolation.MEMORY_LIMIT_BYTES)


def test_a_refusal_keeps_its_message_and_a_crash_reaches_the_error_boundary():
    with pytest.raises(IsolatedRefusal, match="Kolom NIP tidak ada"):
        run_isolated(refuse)
    with pytest.raises(IsolationFailed, match="ZeroDivisionError"):
        run_isolated(crash)


def test_a_parser_that_exits_without_a_word_is_a_server_fault_not_a_file_too_large():
    # Each time: the parent reads EOF before it has reaped the child, so the exit code must be waited for.
    for _ in range(5):
        with pytest.raises(IsolatedRefusal) as refused:
            run_isolated(vanish)
        assert refused.value.message == isolation.FAILED
