"""Fonts for certificates, parsed once per process, with their embedded subsets compiled once per glyph set.

fpdf2 parses a TTF on every `add_font` and, at output, subsets and recompiles it with fontTools,
which costs most of a certificate's rendering time. Here the parsed font (metrics, cmap) is shared
by every document, and at output a stand-in font program serves the compiled subset from a cache
keyed by the glyphs used. Every subset also holds a base alphabet, so ordinary names hit the cache.
"""

from __future__ import annotations

import copy
import io
import string
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import fpdf.output
import fpdf.syntax
from fontTools import subset as ft_subset
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

FONT_DIR = Path(__file__).parent / "assets" / "fonts"
FAMILY = "Noto"
FILES = {"": FONT_DIR / "NotoSans-Regular.ttf", "B": FONT_DIR / "NotoSans-Bold.ttf"}
BASE_CHARACTERS = string.ascii_letters + string.digits + " .,'’-–()/:;&%+\"“”"
CACHE_SIZE = 256


class _FontProgram:
    """Stands in for fontTools' TTFont at output time: subset, glyph ids and bytes come from the cache."""

    def __init__(self, shared: _SharedFont) -> None:
        self._shared = shared
        self._compiled = b""
        self._glyph_ids: dict[str, int] = {}

    def prepare(self, glyphs: Iterable[str], options: Any) -> None:
        self._compiled, self._glyph_ids = self._shared.compiled_subset(frozenset(glyphs), options)

    def getGlyphID(self, name: str) -> int:  # noqa: N802 - fontTools' name, called by fpdf2
        return self._glyph_ids[name]

    def save(self, output: BinaryIO) -> None:
        output.write(self._compiled)

    def __contains__(self, table: str) -> bool:
        return False  # only asked for "CFF "; these are TrueType fonts

    def close(self) -> None:
        return None


class _SharedFont:
    """One font file: parsed once, with an LRU cache of compiled subsets."""

    def __init__(self, style: str, path: Path) -> None:
        holder = FPDF()
        holder.add_font(FAMILY, style, str(path))
        self.template: TTFFont = next(iter(holder.fonts.values()))  # type: ignore[assignment]
        self.data = path.read_bytes()
        self.base = frozenset(self.template.cmap[ord(c)] for c in BASE_CHARACTERS if ord(c) in self.template.cmap)
        self._cache: OrderedDict[frozenset[str], tuple[bytes, dict[str, int]]] = OrderedDict()
        self._lock = threading.Lock()

    def compiled_subset(self, glyphs: frozenset[str], options: Any) -> tuple[bytes, dict[str, int]]:
        key = glyphs | self.base
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        font = ttLib.TTFont(io.BytesIO(self.data), recalcTimestamp=False, lazy=True)
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(glyphs=key)
        subsetter.subset(font)
        output = io.BytesIO()
        font.save(output)
        entry = (output.getvalue(), {name: index for index, name in enumerate(font.getGlyphOrder())})
        with self._lock:
            self._cache[key] = entry
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return entry

    def for_document(self, pdf: FPDF) -> TTFFont:
        font = copy.copy(self.template)
        font.i = len(pdf.fonts) + 1
        font.ttfont = _FontProgram(self)
        font.subset = SubsetMap(font)
        # The base alphabet takes the same codes in every document, so ordinary certificates produce
        # byte-identical font streams, which _CompressionCache then compresses only once.
        for char in BASE_CHARACTERS:
            font.subset.pick(ord(char))
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        return font


class _CompressionCache:
    """Stands in for fpdf2's zlib: large streams that repeat (font programs, glyph maps) are compressed once."""

    def __init__(self, size: int = 32, threshold: int = 8192) -> None:
        self._cache: OrderedDict[tuple[bytes, int], bytes] = OrderedDict()
        self._size, self._threshold = size, threshold
        self._lock = threading.Lock()

    def compress(self, data: bytes, level: int = -1) -> bytes:
        if len(data) < self._threshold:
            return zlib.compress(data, level)
        key = (bytes(data), level)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        compressed = zlib.compress(data, level)
        with self._lock:
            self._cache[key] = compressed
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return compressed

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


class _CachingSubsetter:
    """fpdf2 asks this for subsets: our stand-ins use the cache, any other font the real subsetter."""

    def __init__(self, options: Any) -> None:
        self._options = options
        self._glyphs: list[str] = []

    def populate(self, glyphs: Iterable[str] = ()) -> None:
        self._glyphs = list(glyphs)

    def subset(self, font: Any) -> None:
        if isinstance(font, _FontProgram):
            font.prepare(self._glyphs, self._options)
            return
        real = ft_subset.Subsetter(self._options)
        real.populate(glyphs=self._glyphs)
        real.subset(font)


class _SubsetModule:
    Options = ft_subset.Options
    Subsetter = _CachingSubsetter


_shared: dict[str, _SharedFont] = {}
_setup_lock = threading.Lock()


def add_fonts(pdf: FPDF) -> None:
    """Give a new document the certificate fonts without parsing them again."""
    with _setup_lock:
        if not _shared:
            fpdf.output.ftsubset = _SubsetModule  # type: ignore[attr-defined]
            fpdf.syntax.zlib = _CompressionCache()  # type: ignore[attr-defined,assignment]
            _shared.update({style: _SharedFont(style, path) for style, path in FILES.items()})
    for shared in _shared.values():
        font = shared.for_document(pdf)
        pdf.fonts[font.fontkey] = font


def add_fonts_naively(pdf: FPDF, files: dict[str, Path] = FILES) -> None:
    """What plain fpdf2 code does: parse each font file for every document (the benchmark baseline)."""
    for style, path in files.items():
        pdf.add_font(FAMILY, style, str(path))
