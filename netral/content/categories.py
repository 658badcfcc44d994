"""Moodle question categories ($CATEGORY) mapped onto Netral's modules.

A bank exported from Moodle groups its questions by category ("Netralitas/Kampanye"), not by
Netral's module keys. Each category gets a proposed module by name similarity; HR confirms or
changes it, once per category. A category that resembles no module stays unmapped, and its
questions wait (previewed, not imported) until HR picks their module.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from netral.content.interop.model import ParsedFile

# Below this a name is only a coincidence ("Umum", "Lain-lain", "Default for ...").
MIN_SIMILARITY = 0.6
# Words that say nothing about which module a category is: every module is about netralitas ASN,
# and Moodle names its catch-all category "Default for <course>".
_GENERIC = frozenset(
    {"dan", "di", "ke", "yang", "soal", "kuis", "bank", "modul", "default", "for", "top", "asn", "netral", "netralitas"}
)
NO_CATEGORY = ""


@dataclass(frozen=True)
class FileCategory:
    """A category as a file names it: how many questions it holds, its first line, the module proposed."""

    name: str
    questions: int
    first_line: int
    proposed: str | None


def file_categories(parsed: ParsedFile, modules: Mapping[str, str]) -> list[FileCategory]:
    """The categories of a parsed file in file order (questions naming their module aside), each with a proposal."""
    counted: dict[str, list[int]] = {}
    for question in parsed.questions:
        if question.module is None and question.category:
            counted.setdefault(question.category, []).append(question.line)
    return [FileCategory(name, len(lines), min(lines), propose_module(name, modules)) for name, lines in counted.items()]


def propose_module(category: str, modules: Mapping[str, str]) -> str | None:
    """The module (key → title) whose key or title best matches the category's last segment, if any does."""
    leaf = category.rstrip("/").rsplit("/", 1)[-1]
    words = _words(leaf)
    if not words:
        return None
    scored = sorted(((_similarity(words, key, title), key) for key, title in modules.items()), reverse=True)
    if not scored or scored[0][0] < MIN_SIMILARITY or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _similarity(words: list[str], key: str, title: str) -> float:
    names = set(_words(key)) | set(_words(title))
    shared = sum(1 for word in words if any(_same_word(word, name) for name in names))
    spelled = max(difflib.SequenceMatcher(None, " ".join(words), " ".join(_words(text))).ratio() for text in (key, title))
    return max(shared / len(words), spelled)


def _same_word(word: str, name: str) -> bool:
    # One word may be the other's stem ("Lapor" and "pelaporan" do not, "Sanksi" and "sanksi-atasan" do).
    return word == name or (min(len(word), len(name)) >= 4 and (word.startswith(name) or name.startswith(word)))


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [word for word in re.split(r"[^a-z0-9]+", plain) if word and word not in _GENERIC]
