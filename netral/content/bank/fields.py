"""Typed field readers that collect errors instead of stopping at the first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from netral.content.bank.model import BankError


@dataclass
class FieldReader:
    """Reads typed fields of one question (or file entry), collecting every error it finds."""

    file: str
    question: str
    errors: list[BankError]

    def error(self, field_name: str, reason: str) -> None:
        self.errors.append(BankError(self.file, self.question, field_name, reason))

    def text(
        self,
        data: dict[str, Any],
        key: str,
        *,
        field_name: str | None = None,
        required: bool = True,
        pattern: re.Pattern[str] | None = None,
    ) -> str:
        value = data.get(key)
        name = field_name or key
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(name, "wajib diisi")
            return ""
        if not isinstance(value, str):
            self.error(name, f"harus teks, bukan {type(value).__name__}")
            return ""
        if pattern is not None and not pattern.match(value):
            self.error(name, f"{value!r} tidak sesuai format (huruf kecil, angka, tanda hubung)")
        return value.strip()

    def choice(self, data: dict[str, Any], key: str, allowed: tuple[str, ...], *, default: str | None = None) -> str:
        value = data.get(key, default)
        if value not in allowed:
            self.error(key, f"harus salah satu dari {', '.join(allowed)}; tertulis {value!r}")
            return ""
        return str(value)

    def integer(self, data: dict[str, Any], key: str, *, low: int, high: int, default: int | None = None) -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.error(key, f"harus bilangan bulat {low}–{high}")
            return low
        return value

    def day(self, data: dict[str, Any], key: str) -> date | None:
        """A date written as YYYY-MM-DD (YAML reads it as a date already)."""
        value = data.get(key)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(key, f"harus tanggal TTTT-BB-HH; tertulis {value!r}" if value is not None else "wajib diisi (TTTT-BB-HH)")
        return None
