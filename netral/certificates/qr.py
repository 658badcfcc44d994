"""QR codes for certificates: segno's symbol, its mask chosen with numpy, drawn as one vector path.

segno chooses the data mask by scoring all eight in pure Python, which costs most of a certificate's
QR time (about 6 ms of 7). `choose_best_mask` computes the same ISO/IEC 18004 penalty scores, with
segno's exact rules, on numpy arrays; tests check it picks the same mask and matrix as segno.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import numpy as np
import segno
from fpdf import FPDF
from segno import encoder

_original_best_mask = encoder.find_and_apply_best_mask
_N3 = b"\x01\x00\x01\x01\x01\x00\x01"
_install_lock = threading.Lock()


def make_qr(content: str) -> segno.QRCode:
    """A QR code (error level M) for `content`, with the lowest-penalty mask as the standard asks."""
    _install()
    return segno.make(content, error="m")


def draw_qr(pdf: FPDF, code: segno.QRCode, *, x: float, y: float, size: float) -> None:
    """Draw the code's dark modules as filled rectangles (row runs) in one path: sharp at any zoom, no image."""
    modules = np.array([list(row) for row in code.matrix], dtype=np.int8)
    edges = np.diff(np.pad(modules, ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # same row-major order, so each start pairs with its end
    scale = size / modules.shape[0] * pdf.k
    # One module = one unit, y pointing down from the code's top-left corner: the path is whole numbers.
    runs = " ".join(f"{s} {r} {e - s} 1 re" for r, s, e in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True))
    origin = f"{scale:.4f} 0 0 {-scale:.4f} {x * pdf.k:.3f} {(pdf.h - y) * pdf.k:.3f} cm"
    pdf._out(f"q 0 g {origin} {runs} f Q")  # noqa: SLF001 - fpdf2 has no public raw-path call; one path is 50x cheaper than rect()


def choose_best_mask(matrix: Any, width: int, height: int, proposed_mask: int | None = None) -> tuple[int, tuple[bytearray, ...]]:
    """segno's `find_and_apply_best_mask` for QR (not Micro QR) symbols, vectorised; same result."""
    if proposed_mask is not None or width != height or width < 21:
        return _original_best_mask(matrix, width, height, proposed_mask)  # type: ignore[no-any-return]
    base = np.array([list(row) for row in matrix], dtype=np.uint8)
    region, patterns = _masks(width)
    best_score, best_number, best = None, 0, base
    for number, pattern in enumerate(patterns):
        masked = base ^ (pattern & region)
        score = _penalty(masked)
        if best_score is None or score < best_score:
            best_score, best_number, best = score, number, masked
    return best_number, tuple(bytearray(row.tobytes()) for row in best)


def _install() -> None:
    with _install_lock:
        encoder.find_and_apply_best_mask = choose_best_mask


@functools.cache
def _masks(size: int) -> tuple[np.ndarray, list[np.ndarray]]:
    function_matrix = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(function_matrix, size, size)
    encoder.add_alignment_patterns(function_matrix, size, size)
    function_matrix[-8][8] = 0x1
    region = (np.array([list(row) for row in function_matrix]) > 1).astype(np.uint8)
    i, j = np.indices((size, size))
    patterns = [np.vectorize(fn)(i, j).astype(np.uint8) for fn in encoder.get_data_mask_functions(False)]
    return region, patterns


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
