"""Run a parser on an uploaded file in a separate process with a time limit and a memory cap.

Why a process and not a thread: Streamlit serves every browser tab from one Python process, and a pure-Python
parser holds the GIL, so a thread busy with a hostile file slows every other user (issue 17: a 195 KiB GIFT
question froze the whole server for 14 s). A child process has its own interpreter; the page that asked waits
for it without using the CPU, other users are served meanwhile, and a file that takes too long or too much
memory costs only the child, which is killed.

Children fork from a "forkserver" that has already imported the parsers (PRELOAD), so starting one takes
milliseconds instead of the second or two a fresh interpreter needs to import pandas and openpyxl. At most
MAX_WORKERS children run at once per server process; a further upload waits for a free slot.
"""

from __future__ import annotations

import multiprocessing
import resource
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from netral.core.errors import Refusal

T = TypeVar("T")

TIME_LIMIT_SECONDS = 120.0  # a legal 200,000-row roster reads in about 25 s here
MEMORY_LIMIT_BYTES = 2 * 2**30  # address space of the child; the largest legal roster needs about 600 MB
MAX_WORKERS = 2
PRELOAD = ["netral.people.roster.reading", "netral.content.interop.reading"]

TOO_SLOW = "Berkas ini terlalu lama diperiksa (lebih dari {seconds} detik). Periksa isinya atau bagi menjadi beberapa berkas."
TOO_LARGE = "Berkas ini memerlukan terlalu banyak memori untuk diperiksa. Periksa isinya atau bagi menjadi beberapa berkas."
FAILED = "Berkas ini tidak dapat diperiksa karena kesalahan pada server. Coba lagi; bila berulang, hubungi pengelola aplikasi."

_slots = threading.BoundedSemaphore(MAX_WORKERS)
_context_lock = threading.Lock()
_context: Any = None


class IsolatedRefusal(Refusal):
    """The file could not be parsed within the limits; nothing was read from it."""


def _forkserver() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def _child(
    send: Connection, memory_limit: int, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    try:
        result: tuple[str, Any] = ("ok", function(*args, **kwargs))
    except MemoryError:
        result = ("memory", None)
    except Refusal as refusal:
        result = ("refusal", refusal.message)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which logs it and refuses the upload
        result = ("error", f"{type(exc).__name__}: {exc}")
    try:
        send.send(result)
    except MemoryError:
        send.send(("memory", None))
    finally:
        send.close()


def run_isolated(
    function: Callable[..., T],
    *args: Any,
    time_limit: float = TIME_LIMIT_SECONDS,
    memory_limit: int = MEMORY_LIMIT_BYTES,
    **kwargs: Any,
) -> T:
    """`function(*args, **kwargs)` computed in a child process; IsolatedRefusal when it is too slow, too big or
    crashes. `function` must be importable by name (a module-level function) and its result picklable."""
    with _slots:
        context = _forkserver()
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(send, memory_limit, function, args, kwargs), daemon=True)
        child.start()
        send.close()  # only the child writes; EOF on `receive` then means the child is gone
        try:
            if not receive.poll(time_limit):
                raise IsolatedRefusal(TOO_SLOW.format(seconds=int(time_limit)))
            try:
                status, value = receive.recv()
            except EOFError:  # gone without a word: killed (the kernel's OOM killer, a segfault in a C library) or exited
                child.join(timeout=10)  # until reaped its exit code reads None, which would pass any exit for a kill
                raise IsolatedRefusal(TOO_LARGE if child.exitcode is None or child.exitcode < 0 else FAILED) from None
        finally:
            receive.close()
            if child.is_alive():
                child.kill()
            child.join(timeout=10)
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "memory":
        raise IsolatedRefusal(TOO_LARGE)
    if status == "refusal":
        raise IsolatedRefusal(value)
    raise IsolationFailed(value)


class IsolationFailed(RuntimeError):
    """The parser raised an unexpected error in the child; the page's error boundary logs it with an id."""
