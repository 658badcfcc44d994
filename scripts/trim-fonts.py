"""Trim Noto Sans for certificates: the characters Indonesian names and texts use, without hinting.

Usage: .venv/bin/python scripts/trim-fonts.py SOURCE_DIR   (e.g. /usr/share/fonts/truetype/noto from fonts-noto-core)
Writes netral/certificates/assets/fonts/NotoSans-{Regular,Bold}.ttf. PDF viewers ignore TrueType hinting, so
dropping it, the layout tables fpdf2 does not use and the scripts no name uses makes the files much smaller and
faster to parse and to subset.
Glyph names stay: fpdf2 subsets by glyph name.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

RANGES = ",".join(
    [
        "U+0020-007E",
        "U+00A0-017F",
        "U+02BE-02BF",
        "U+1E0C-1E0D",
        "U+1E24-1E25",
        "U+1E62-1E63",
        "U+1E6C-1E6D",
        "U+1E92-1E93",
        "U+2013-2014",
        "U+2018-201A",
        "U+201C-201E",
        "U+2022",
        "U+2026",
        "U+20AC",
    ]
)
TARGET = Path(__file__).resolve().parents[1] / "netral" / "certificates" / "assets" / "fonts"


def main(source: Path) -> None:
    options = subset.Options()
    options.hinting = False
    options.glyph_names = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    # fpdf2 places glyphs by their advance widths unless text shaping is on (Netral does not use it), so the
    # OpenType layout tables (kerning, ligatures: GPOS, GSUB, GDEF) are dead weight that fpdf2 would subset anyway.
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    for style in ("Regular", "Bold"):
        font = TTFont(source / f"NotoSans-{style}.ttf")
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(RANGES))
        subsetter.subset(font)
        font.save(TARGET / f"NotoSans-{style}.ttf")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
