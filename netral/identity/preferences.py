"""Personal preferences of an account: the text size, stored with the account so it follows the person to every device."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.models import Account
from netral.core.enums import TextSize
from netral.core.errors import NotFound, Refusal


@dataclass(frozen=True)
class TextSizeLook:
    """How a text size is named to the reader and how much it enlarges Netral's text."""

    label: str
    scale: float


TEXT_SIZES = {
    TextSize.NORMAL: TextSizeLook("Normal", 1.0),
    TextSize.LARGE: TextSizeLook("Besar", 1.25),
    TextSize.LARGEST: TextSizeLook("Sangat besar", 1.5),
}


class PreferenceRefused(Refusal):
    """A preference that cannot be stored; the message says why."""


def set_text_size(session: Session, *, account_id: int, size: str) -> None:
    """Store the text size an account reads Netral in."""
    if size not in TextSize._value2member_map_:
        choices = ", ".join(text.label for text in TEXT_SIZES.values())
        raise PreferenceRefused(f"Ukuran teks tidak dikenal. Pilih salah satu: {choices}.")
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound("Akun tidak ditemukan. Silakan masuk kembali.")
    account.text_size = TextSize(size)


def text_scale(size: str) -> float:
    """How much a stored text size enlarges the text (1.0 for an unknown value)."""
    known = TextSize(size) if size in TextSize._value2member_map_ else TextSize.NORMAL
    return TEXT_SIZES[known].scale
