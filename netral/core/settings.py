"""Process settings, read once from the environment and passed down."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from netral.core.errors import Refusal
from netral.core.files import private_dir

DEFAULT_DATABASE_URL = "sqlite:///data/netral.db"
QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "questions"
# Every variable `Settings.from_env` reads: the pages key their cached settings on these alone, because
# reading the whole environment on every option tap showed up in the CPU per answer (tests/core/test_settings.py).
ENVIRONMENT = (
    "DATABASE_URL",
    "NETRAL_DATA_DIR",
    "NETRAL_COOKIE_SECRET",
    "NETRAL_BASE_URL",
    "NETRAL_SESSION_HOURS",
    "NETRAL_TIMEZONE",
    "NETRAL_AGENCY_NAME",
    "NETRAL_QUESTIONS_DIR",
    "NETRAL_SWEEP_SECONDS",
    "NETRAL_TRUSTED_PROXIES",
    "NETRAL_SIGNING_KEY",
    "NETRAL_TSA_URL",
    "NETRAL_DID_WEB",
)


class SettingsError(Refusal):
    """A setting in the environment has a value Netral cannot use."""


@dataclass(frozen=True)
class Settings:
    """Everything that differs between a laptop demo and a provincial deployment."""

    database_url: str = DEFAULT_DATABASE_URL
    data_dir: Path = Path("data")
    cookie_secret: str = ""
    base_url: str = "http://localhost:8501"
    session_hours: int = 12
    timezone: str = "Asia/Jakarta"
    agency_name: str = "Pemerintah Kabupaten Contoh"
    questions_dir: Path = QUESTIONS_DIR
    sweep_seconds: int = 60
    # Proxies whose X-Forwarded-For is believed (nginx on the same host by default); see netral.identity.clients.
    trusted_proxies: str = "127.0.0.1, ::1"
    signing_key_file: Path | None = None
    # A timestamp authority (RFC 3161) makes certificate PDFs PAdES B-T instead of B-B.
    tsa_url: str = ""
    # The agency's domain for its credentials' issuer `did:web` (netral.certificates.did); empty: `did:key`.
    did_web: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from `environ` (default: os.environ), with defaults for a demo."""
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("NETRAL_DATA_DIR", "data"))
        settings = cls(
            database_url=_normalise_database_url(env.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
            data_dir=data_dir,
            cookie_secret=env.get("NETRAL_COOKIE_SECRET", ""),
            base_url=env.get("NETRAL_BASE_URL", "http://localhost:8501").rstrip("/"),
            session_hours=_positive_int(env, "NETRAL_SESSION_HOURS", 12),
            timezone=env.get("NETRAL_TIMEZONE", "Asia/Jakarta"),
            agency_name=env.get("NETRAL_AGENCY_NAME", "Pemerintah Kabupaten Contoh"),
            questions_dir=Path(env.get("NETRAL_QUESTIONS_DIR", str(QUESTIONS_DIR))),
            sweep_seconds=_positive_int(env, "NETRAL_SWEEP_SECONDS", 60),
            trusted_proxies=env.get("NETRAL_TRUSTED_PROXIES", "127.0.0.1, ::1"),
            signing_key_file=Path(env["NETRAL_SIGNING_KEY"]) if env.get("NETRAL_SIGNING_KEY") else None,
            tsa_url=env.get("NETRAL_TSA_URL", "").strip(),
            did_web=env.get("NETRAL_DID_WEB", "").strip(),
        )
        try:
            ZoneInfo(settings.timezone)
        except (KeyError, ValueError) as exc:
            raise SettingsError(f"NETRAL_TIMEZONE tidak dikenal: {settings.timezone!r}") from exc
        return settings

    @property
    def secure_cookies(self) -> bool:
        """Cookies get the Secure flag when the public address is HTTPS."""
        return self.base_url.startswith("https://")

    @property
    def signing_key_path(self) -> Path:
        """Where the agency's private signing key lives (outside the database)."""
        return self.signing_key_file or self.data_dir / "signing-key.pem"

    @property
    def zone(self) -> ZoneInfo:
        """The agency's time zone for dates shown to people."""
        return ZoneInfo(self.timezone)

    def secret(self) -> str:
        """Return the cookie secret, creating a persistent one in the data folder for a demo."""
        if self.cookie_secret:
            return self.cookie_secret
        path = self.data_dir / "cookie_secret"
        if not path.exists():
            _write_once(path, secrets.token_hex(32))
        return path.read_text().strip()


def _write_once(path: Path, content: str) -> None:
    # Written aside then hard-linked into place, so processes starting together
    # agree on one secret and none ever reads a half-written file.
    private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(content)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


def _normalise_database_url(url: str) -> str:
    # Operators paste the URL their PostgreSQL host gives them; use the psycopg 3 driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise SettingsError(f"{name} harus bilangan bulat positif, bukan {raw!r}")
    return int(raw)
