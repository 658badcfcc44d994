"""Files only their owner may read: the data folder, keys, and the initial passwords HR downloads."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if missing; a folder Netral creates is readable by its owner only."""
    if not path.exists():
        path.mkdir(parents=True, mode=PRIVATE_DIR)
        path.chmod(PRIVATE_DIR)  # mkdir's mode is reduced by the umask; be exact
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path`, readable and writable by the owner only (also when the file already existed)."""
    private_dir(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), PRIVATE_FILE)
        handle.write(data)
