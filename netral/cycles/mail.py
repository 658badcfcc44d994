"""Email through Python's standard library: smtplib over STARTTLS, TLS or (on a trusted local relay) plain.

Settings come from NETRAL_SMTP_* environment variables (README's table). No host: reminders stay in the
outbox, "tertunda", until one is set.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from types import TracebackType

from netral.core.errors import Refusal


class MailRefused(Refusal):
    """The server refused this message (its recipient, usually); the next message may still go."""


class MailUnavailable(Refusal):
    """The server cannot be reached or dropped the connection; every message waits for the next try."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send."""

    host: str
    port: int = 587
    security: str = "starttls"  # starttls, tls or none
    user: str = ""
    password: str = ""
    sender: str = ""
    timeout: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings | None:
        """Read NETRAL_SMTP_*; None when no host is set."""
        env = os.environ if env is None else env
        host = env.get("NETRAL_SMTP_HOST", "").strip()
        if not host:
            return None
        security = env.get("NETRAL_SMTP_SECURITY", "starttls").strip().lower()
        if security not in ("starttls", "tls", "none"):
            raise MailUnavailable("NETRAL_SMTP_SECURITY harus starttls, tls atau none.")
        default_port = {"starttls": 587, "tls": 465, "none": 25}[security]
        return cls(
            host=host,
            port=int(env.get("NETRAL_SMTP_PORT", "") or default_port),
            security=security,
            user=env.get("NETRAL_SMTP_USER", ""),
            password=env.get("NETRAL_SMTP_PASSWORD", ""),
            sender=env.get("NETRAL_SMTP_FROM", "") or env.get("NETRAL_SMTP_USER", "") or f"netral@{host}",
            timeout=float(env.get("NETRAL_SMTP_TIMEOUT", "") or 30),
        )


class Mailer:
    """One SMTP connection for a batch of messages."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        s = self.settings
        try:
            if s.security == "tls":
                self._smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                self._smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
                if s.security == "starttls":
                    self._smtp.starttls(context=ssl.create_default_context())
            if s.user:
                self._smtp.login(s.user, s.password)
        except (OSError, smtplib.SMTPException) as error:
            self.__exit__(None, None, None)
            raise MailUnavailable(f"Server email tidak dapat dihubungi: {_reason(error)}") from None
        return self

    def send(self, *, to: str, cc: str | None, subject: str, body: str, message_id: str) -> None:
        """Send one message; MailRefused when its recipient is refused, MailUnavailable when the connection fails."""
        if self._smtp is None:
            raise MailUnavailable("Koneksi ke server email belum dibuka.")
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.settings.sender, to, subject
        if cc:
            message["Cc"] = cc
        message["Date"], message["Message-ID"] = formatdate(localtime=False), message_id
        message.set_content(body)
        try:
            self._smtp.send_message(message, self.settings.sender, [to, *([cc] if cc else [])])
        except smtplib.SMTPRecipientsRefused as error:
            raise MailRefused(f"Alamat ditolak server: {_reason(error)}") from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            if error.smtp_code == 421:  # the server is closing the connection: nothing more goes through it
                self._smtp = None
                raise MailUnavailable(f"Server email menutup koneksi: {_reason(error)}") from None
            raise MailRefused(f"Pesan ditolak server: {_reason(error)}") from None
        except (OSError, smtplib.SMTPException) as error:
            self._smtp = None
            raise MailUnavailable(f"Koneksi ke server email terputus: {_reason(error)}") from None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{address}: {code} {_text(text)}" for address, (code, text) in error.recipients.items())
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"[:300]


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)
