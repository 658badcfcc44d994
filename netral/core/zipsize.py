"""How large a zip (an .xlsx) becomes, read from its directory before anything is inflated."""

from __future__ import annotations

import io
import zipfile


def expanded_size(data: bytes) -> int | None:
    """The total inflated size the zip's directory declares (a few KB can claim gigabytes); None when not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
