"""QR codes: the mask chosen from one symbol is segno's own choice, so phones scan what the standard prescribes."""

import random
import string

import segno

from netral.certificates import qr


def test_the_mask_choice_gives_segnos_symbol_for_any_link():
    rng = random.Random(2024)
    alphabet = string.ascii_letters + string.digits + "-_"
    for n in range(120):
        link = f"https://netral.example.go.id/verifikasi?n=NTR-2024-{n:07d}-K&s=" + "".join(
            rng.choice(alphabet) for _ in range(rng.randint(1, 200))
        )
        theirs = segno.make(link, error="m", micro=False)  # segno scores all eight masks itself
        assert qr.qr_modules(link).tolist() == [list(row) for row in theirs.matrix], (n, theirs.version, theirs.mask)
