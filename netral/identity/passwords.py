"""Password hashing (argon2id) and the rules a new password must meet."""

from __future__ import annotations

import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from netral.core.errors import Refusal

# OWASP Password Storage Cheat Sheet, argon2id minimum: 19 MiB, 2 iterations, 1 lane.
# 19 MiB instead of the library's 64 MiB keeps a burst of logins from exhausting memory.
HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# For initial passwords a roster import creates by the thousand: each is random (about 58 bits) or already
# known from the NIP (birth date), must be changed at first login, and is then re-hashed with HASHER.
INITIAL_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
MIN_LENGTH = 8
MAX_LENGTH = 128
_COMMON = {"12345678", "123456789", "1234567890", "password", "katasandi", "qwertyui", "netral123"}
# Unambiguous characters for passwords people copy from paper.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return HASHER.hash(password)


def hash_initial_password(password: str) -> str:
    """Hash an initial password cheaply enough to create thousands of accounts in one import."""
    return INITIAL_HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Check a password against its hash without raising."""
    try:
        return HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Tell whether a hash was made with weaker parameters than today's."""
    return HASHER.check_needs_rehash(password_hash)


def verify_against_nothing(password: str) -> None:
    """Spend the time of one verification, so an unknown NIP answers as slowly as a known one."""
    verify_password(_dummy_hash(), password)


class PasswordRefused(Refusal):
    """A new password that does not meet the rules; the message says which."""


def check_new_password(new_password: str, *, nip: str, old_password: str | None = None) -> None:
    """Raise PasswordRefused saying why `new_password` is not acceptable; return when it is."""
    if len(new_password) < MIN_LENGTH:
        raise PasswordRefused(f"Kata sandi minimal {MIN_LENGTH} karakter.")
    if len(new_password) > MAX_LENGTH:
        raise PasswordRefused(f"Kata sandi maksimal {MAX_LENGTH} karakter.")
    if new_password.strip() != new_password:
        raise PasswordRefused("Kata sandi tidak boleh diawali atau diakhiri spasi.")
    if nip and nip in new_password:
        raise PasswordRefused("Kata sandi tidak boleh memuat NIP Anda.")
    if new_password.lower() in _COMMON:
        raise PasswordRefused("Kata sandi ini terlalu umum; pilih yang lain.")
    if old_password is not None and new_password == old_password:
        raise PasswordRefused("Kata sandi baru harus berbeda dari kata sandi lama.")


def generate_initial_password(length: int = 10) -> str:
    """Make a random initial password that is easy to read aloud and type."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


@functools.cache
def _dummy_hash() -> str:
    return HASHER.hash(secrets.token_hex(16))
