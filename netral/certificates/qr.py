"""QR codes for certificates: made with segno's public API, with the mask the standard prescribes.

ISO/IEC 18004 asks for the data mask whose symbol scores the lowest penalty. segno scores all eight
masks in pure Python (most of a certificate's QR time); here the eight candidates come from one
symbol made with segno's public `mask=` parameter set to 0 (unmask its data region, apply each mask,
write each mask's format bits) and are scored with the standard's rules on numpy arrays.
"""

from __future__ import annotations

import functools

import numpy as np
import segno
from fpdf import FPDF
from PIL import Image

_N3 = b"\x01\x00\x01\x01\x01\x00\x01"
PIXELS_PER_MODULE = 8
_FORMAT_LEVEL = {"L": 1, "M": 0, "Q": 3, "H": 2}
_MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)
# Centres of the alignment patterns per version (ISO/IEC 18004 Annex E).
_ALIGNMENT = {
    1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34], 7: [6, 22, 38], 8: [6, 24, 42], 9: [6, 26, 46],
    10: [6, 28, 50], 11: [6, 30, 54], 12: [6, 32, 58], 13: [6, 34, 62], 14: [6, 26, 46, 66], 15: [6, 26, 48, 70],
    16: [6, 26, 50, 74], 17: [6, 30, 54, 78], 18: [6, 30, 56, 82], 19: [6, 30, 58, 86], 20: [6, 34, 62, 90],
}  # fmt: skip


def qr_modules(content: str) -> np.ndarray:
    """The modules (1 = dark) of the QR code for `content`: error level M as segno boosts it, lowest-penalty mask.

    One symbol is made by segno's public API with mask 0; the other seven masks are applied here, each
    with its format bits, and the one the standard's penalty prefers is returned (segno's own choice:
    tests/certificates/test_qr.py compares every module).
    """
    symbol = segno.make(content, error="m", mask=0, micro=False)
    masked = np.array([list(row) for row in symbol.matrix], dtype=np.uint8)
    version = int(symbol.version)
    if version not in _ALIGNMENT:  # longer than any verification link: let segno choose
        return np.array([list(row) for row in segno.make(content, error="m", micro=False).matrix], dtype=np.uint8)
    region, patterns = _masks(masked.shape[0], version)
    data = masked ^ (patterns[0] & region)
    level = _FORMAT_LEVEL[str(symbol.error).upper()]
    reserved = _reserved(masked.shape[0], version)
    best: np.ndarray = data
    best_score, best_number = -1, 0
    for number, pattern in enumerate(patterns):
        candidate = data ^ (pattern & region)
        # Scored as the standard's encoder does, before the format and version information are written
        # (those modules light), so the choice is the same one segno makes.
        score = _penalty(np.where(reserved, 0, candidate).astype(np.uint8))
        if best_score < 0 or score < best_score:
            best, best_score = candidate, score
            best_number = number
    _write_format(best, _format_bits(level, best_number))
    return best


def draw_qr(pdf: FPDF, modules: np.ndarray, *, x: float, y: float, size: float) -> None:
    """Place the code as a black-and-white image, 8 pixels per module, so any rasteriser keeps the modules even."""
    pixels = np.kron(1 - modules, np.ones((PIXELS_PER_MODULE, PIXELS_PER_MODULE), dtype=np.uint8)) * 255
    pdf.image(Image.fromarray(pixels.astype(np.uint8), mode="L"), x=x, y=y, w=size, h=size)


@functools.cache
def _masks(size: int, version: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """The data region (1 where a mask applies) and the eight mask patterns for a symbol size."""
    function = np.zeros((size, size), dtype=bool)
    function[:9, :9] = function[:9, size - 8 :] = function[size - 8 :, :9] = True  # finders, separators, format
    function[6, :] = function[:, 6] = True  # timing patterns
    centres = _ALIGNMENT[version]
    finders = {(centres[0], centres[0]), (centres[0], centres[-1]), (centres[-1], centres[0])} if centres else set()
    for r in centres:
        for c in centres:
            if (r, c) not in finders:  # the three positions on the finder patterns hold none
                function[r - 2 : r + 3, c - 2 : c + 3] = True
    if version >= 7:
        function[:6, size - 11 : size - 8] = function[size - 11 : size - 8, :6] = True  # version information
    i, j = np.indices((size, size))
    patterns = [np.vectorize(rule)(i, j).astype(np.uint8) for rule in _MASKS]
    return (~function).astype(np.uint8), patterns


@functools.cache
def _reserved(size: int, version: int) -> np.ndarray:
    """The format (and, from version 7, version) information modules, except where the timing patterns cross."""
    reserved = np.zeros((size, size), dtype=bool)
    reserved[:9, 8] = reserved[8, :9] = reserved[size - 8 :, 8] = reserved[8, size - 8 :] = True
    reserved[6, 8] = reserved[8, 6] = False  # timing
    if version >= 7:
        reserved[:6, size - 11 : size - 8] = reserved[size - 11 : size - 8, :6] = True
    return reserved


def _format_bits(level: int, mask: int) -> int:
    data = level << 3 | mask
    remainder = data
    for _ in range(10):
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
    return (data << 10 | remainder) ^ 0x5412


def _write_format(m: np.ndarray, bits: int) -> None:
    size = m.shape[0]
    bit = [(bits >> n) & 1 for n in range(15)]
    for n in range(6):
        m[n, 8] = bit[n]
    m[7, 8], m[8, 8], m[8, 7] = bit[6], bit[7], bit[8]
    for n in range(9, 15):
        m[8, 14 - n] = bit[n]
    for n in range(8):
        m[8, size - 1 - n] = bit[n]
    for n in range(8, 15):
        m[size - 15 + n, 8] = bit[n]
    m[size - 8, 8] = 1  # the dark module


def _penalty(m: np.ndarray) -> int:
    size = m.shape[0]
    return _runs(m) + _runs(m.T) + _blocks(m) + _finder_like(m, size) + _balance(m, size)


def _runs(m: np.ndarray) -> int:
    # N1: each run of 5 + i same-coloured modules in a row scores 3 + i; a sentinel column keeps rows apart.
    padded = np.hstack([m.astype(np.int16), np.full((m.shape[0], 1), -1, dtype=np.int16)]).ravel()
    edges = np.flatnonzero(np.diff(padded)) + 1
    lengths = np.diff(np.concatenate(([0], edges)))
    long = lengths[lengths >= 5]
    return int((long - 2).sum())


def _blocks(m: np.ndarray) -> int:
    # N2: every 2×2 block of one colour scores 3.
    same = (m[1:, 1:] == m[1:, :-1]) & (m[1:, 1:] == m[:-1, 1:]) & (m[1:, 1:] == m[:-1, :-1])
    return 3 * int(same.sum())


def _finder_like(m: np.ndarray, size: int) -> int:
    # N3: 1:1:3:1:1 patterns beside four light modules, counted exactly as segno counts them.
    return sum(_n3(row.tobytes(), size) for row in m) + sum(_n3(col.tobytes(), size) for col in np.ascontiguousarray(m.T))


def _n3(seq: bytes, size: int) -> int:
    count = 0
    index = seq.find(_N3)
    while index != -1:
        offset = index + 7
        if index in (0, size - 7) or not any(seq[max(index - 4, 0) : index]) or not any(seq[offset : offset + 4]):
            count += 40
        else:
            offset = index + 4
        index = seq.find(_N3, offset)
    return count


def _balance(m: np.ndarray, size: int) -> int:
    # N4: 10 points for every 5 % the dark share strays from 50 %.
    percent = float(int(m.sum(dtype=np.int64))) / (size**2)
    return 10 * int(abs(percent * 100 - 50) / 5)
