"""QR codes: the fast mask choice gives exactly segno's symbol, so phones scan what the standard prescribes."""

import random
import string

import segno
from segno import encoder

from netral.certificates import qr


def test_the_vectorised_mask_choice_gives_segnos_symbol_for_any_link():
    rng = random.Random(2024)
    alphabet = string.ascii_letters + string.digits + "-_"
    for n in range(120):
        link = f"https://netral.example.go.id/verifikasi?n=NTR-2024-{n:07d}-K&s=" + "".join(
            rng.choice(alphabet) for _ in range(rng.randint(1, 200))
        )
        ours = qr.make_qr(link)
        encoder.find_and_apply_best_mask = qr._original_best_mask
        try:
            theirs = segno.make(link, error="m")
        finally:
            qr._install()
        assert (ours.version, ours.error, ours.mask, ours.matrix) == (theirs.version, theirs.error, theirs.mask, theirs.matrix)
