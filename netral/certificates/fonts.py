"""Fonts for certificates: Noto Sans, added to each document through fpdf2's public API.

fpdf2 parses a TrueType file on every `add_font` and subsets it at output with fontTools, in pure
Python; both costs grow with the number of glyphs in the file. The files here are Noto Sans trimmed
to what Indonesian names and Netral's texts use (Latin, Latin-1, Latin Extended-A, the letters of
Arabic transliteration such as Ḥ and Ṣ, typographic punctuation), without hinting (PDF viewers do not
use it): 22 KB instead of 550 KB, parsed and subset several times faster. scripts/trim-fonts.py
rebuilds them from Debian's fonts-noto-core. Text the fonts cannot draw is mapped by `printable`.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

FONT_DIR = Path(__file__).parent / "assets" / "fonts"
FAMILY = "Noto"
FILES = {"": FONT_DIR / "NotoSans-Regular.ttf", "B": FONT_DIR / "NotoSans-Bold.ttf"}


def new_document(files: dict[str, Path] = FILES) -> FPDF:
    """A new A4 landscape document (millimetres) with the certificate fonts."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    for style, path in files.items():
        pdf.add_font(FAMILY, style, str(path))
    for font in pdf.fonts.values():
        # fontTools recomputes every kept glyph's bounding box when it writes the subset, which means decoding and
        # re-encoding each outline (half of the unsigned render); subsetting does not change an outline, so the
        # boxes stored in the file stay right and the glyphs are copied as they are.
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.recalcBBoxes = False
    return pdf


def close_fonts(pdf: FPDF) -> None:
    """Close the font files fpdf2 keeps open (fontTools reads them lazily) once the PDF is written, rather than
    whenever the garbage collector gets to the document."""
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()


def printable(text: str) -> str:
    """`text` as the fonts can print it: compatibility forms folded (full-width letters), accents the fonts lack
    dropped (ơ → o), invisible format characters (bidi controls) removed, anything else shown as "?"."""
    out = []
    for character in unicodedata.normalize("NFKC", text):
        if ord(character) in _covered():
            out.append(character)
        elif unicodedata.category(character) == "Cf":
            continue
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
            out.append(base if base and all(ord(c) in _covered() for c in base) else "?")
    return "".join(out)


@functools.cache
def _covered() -> frozenset[int]:
    with TTFont(FILES[""], lazy=True) as font:
        return frozenset(font.getBestCmap())
