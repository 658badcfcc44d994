"""Moodle's GIFT format, read the way Moodle does (netral.content.interop.gift_writer writes it back).

The reading rules follow Moodle's own importer (question/format/gift/format.php): questions
are separated by blank lines, lines starting with // are comments, escapes are \\: \\# \\= \\{
\\} \\~ \\n, the first { and first } delimit the answers, a text after } makes a missing-word
question, #### starts the general feedback, and the type is decided in Moodle's order.
Netral keeps its own facts (module, topic, category, difficulty, sources, option ids) in a
`// netral: {...}` comment line above each question, which Moodle ignores.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from netral.content.interop.model import (
    UNSUPPORTED,
    ImportProblem,
    ParsedFile,
    ParsedQuestion,
    key_from_name,
    option_ids,
)

_ESCAPES = {
    "\\:": "\x01058",
    "\\#": "\x01035",
    "\\=": "\x01061",
    "\\{": "\x01123",
    "\\}": "\x01125",
    "\\~": "\x01126",
    "\\n": "\x01010",
}
_UNESCAPES = {":": "\x01058", "#": "\x01035", "=": "\x01061", "{": "\x01123", "}": "\x01125", "~": "\x01126", "\n": "\x01010"}
_WEIGHT = re.compile(r"^%(-?[0-9]{1,3}(?:\.[0-9]*)?)%")
_FORMATS = ("moodle", "html", "plain", "markdown")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
META_PREFIX = "// netral:"
CATEGORY_ROOT = "$course$/top/Netral"


def parse_gift(text: str) -> ParsedFile:
    """Read a GIFT file (UTF-8, BOM and CRLF tolerated) into questions and problems."""
    parsed = ParsedFile()
    taken: set[str] = set()
    category: str | None = None
    for first_line, lines, meta, meta_error in _blocks(text):
        if meta_error:
            parsed.problems.append(ImportProblem(first_line, "", meta_error))
        body = _escape("\n".join(lines).strip())
        if not body:
            continue
        if body.startswith("$CATEGORY:"):
            category = category_name(_unescape(body[len("$CATEGORY:") :]))
            continue
        name, body = _split_name(body)
        display_name = name or _excerpt(body)
        try:
            item = _question_item(body, meta)
        except _Unsupported as exc:
            parsed.problems.append(ImportProblem(first_line, display_name, str(exc)))
            continue
        if isinstance(meta.get("id"), str) and meta["id"] not in taken:
            item["id"] = meta["id"]
            taken.add(meta["id"])
        else:
            item["id"] = key_from_name(name or item["text"], taken)
        module = meta.get("module") if isinstance(meta.get("module"), str) else None
        parsed.questions.append(
            ParsedQuestion(line=first_line, name=display_name, module=module, item=item, category=category or None)
        )
    return parsed


class _Unsupported(ValueError):
    """A question this importer reports instead of importing."""


def _blocks(text: str) -> Iterator[tuple[int, list[str], dict[str, Any], str | None]]:
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    block: list[str] = []
    meta: dict[str, Any] = {}
    meta_error: str | None = None
    first = 0
    for number, raw in enumerate([*lines, ""], start=1):
        line = raw.strip()
        if not line:
            if block or meta_error:
                yield first, block, meta, meta_error
            block, meta, meta_error, first = [], {}, None, 0
            continue
        if line.startswith("//"):
            if line.startswith(META_PREFIX):
                try:
                    loaded = json.loads(line[len(META_PREFIX) :])
                    meta = loaded if isinstance(loaded, dict) else {}
                except (json.JSONDecodeError, RecursionError):  # a comment nested a thousand deep is not Netral's
                    meta_error = "baris komentar '// netral:' tidak berisi JSON yang valid"
                    first = first or number
            continue
        first = first or number
        block.append(line)


def _escape(text: str) -> str:
    text = text.replace("\\\\", "\x01092")
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace("\x01092", "\\")


def _unescape(text: str) -> str:
    for character, placeholder in _UNESCAPES.items():
        text = text.replace(placeholder, character)
    return text


def _with_format(text: str) -> str:
    """Strip a [format] prefix and return Markdown-safe text, converting HTML to plain Markdown."""
    text = text.strip()
    text_format = "moodle"
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in _FORMATS:
            text_format, text = text[1:end], text[end + 1 :]
    text = _unescape(text).strip()
    return _html_to_markdown(text) if text_format == "html" else text


def _html_to_markdown(text: str) -> str:
    # Linear time on any input: possessive quantifiers never backtrack through a run of spaces, and a tag never spans
    # another "<" (with "<[^>]*>" a text of many "<" and no ">" made the engine rescan to the end from each "<").
    text = re.sub(r"(?i)<\s*+br\s*+/?>", "\n", text)
    text = re.sub(r"(?i)</\s*+p\s*+>", "\n\n", text)
    text = re.sub(r"(?i)<\s*+/?\s*+(?:b|strong)\s*+>", "**", text)
    text = re.sub(r"(?i)<\s*+/?\s*+(?:i|em)\s*+>", "*", text)
    text = re.sub(r"<[^<>]*+>", "", text)
    return html.unescape(text).strip()


def _split_name(body: str) -> tuple[str, str]:
    if not body.startswith("::"):
        return "", body
    end = body.find("::", 2)
    if end < 0:
        return "", body[2:]
    return _unescape(body[2:end]).strip(), body[end + 2 :].strip()


def _excerpt(body: str) -> str:
    return _unescape(body.split("{", 1)[0]).strip()[:60]


def _question_item(body: str, meta: dict[str, Any]) -> dict[str, Any]:
    start, finish = body.find("{"), body.find("}")
    if start < 0 and finish < 0:
        raise _Unsupported(UNSUPPORTED.format(kind="deskripsi (tanpa jawaban)"))
    if start < 0 or finish < 0 or finish < start:
        raise _Unsupported("kurung kurawal { } tidak berpasangan")
    answers = body[start + 1 : finish].strip()
    question_text = body[:start] + body[finish + 1 :] if body.endswith("}") else body[:start] + "_____" + body[finish + 1 :]
    general = ""
    if (separator := answers.rfind("####")) >= 0:
        answers, general = answers[:separator].strip(), answers[separator + 4 :]
    item: dict[str, Any] = {"text": _with_format(question_text), "explanation": _with_format(general)}
    for field in ("topic", "category", "difficulty", "legal_basis", "pool"):
        if field in meta:
            item[field] = meta[field]
    kind = _kind(answers)
    if kind == "truefalse":
        return item | _true_false(answers)
    if kind != "multichoice":
        raise _Unsupported(UNSUPPORTED.format(kind=kind))
    return item | _multichoice(answers, meta)


def _kind(answers: str) -> str:
    if answers == "":
        return "esai"
    if answers.startswith("#"):
        return "numerik"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "menjodohkan"
    if answers.split("#", 1)[0].strip() in _TRUE_FALSE:
        return "truefalse"
    return "isian singkat"


def _true_false(answers: str) -> dict[str, Any]:
    bits = answers.split("#", 2)
    truth = _TRUE_FALSE[bits[0].strip()]
    wrong = _with_format(bits[1]) if len(bits) > 1 else ""
    right = _with_format(bits[2]) if len(bits) > 2 else ""
    # Moodle: the first feedback is shown for the wrong choice, the second for the right one.
    return {
        "type": "truefalse",
        "answer": truth,
        "feedback": {"benar": right, "salah": wrong} if truth else {"benar": wrong, "salah": right},
    }


def _multichoice(answers: str, meta: dict[str, Any]) -> dict[str, Any]:
    single = "=" in answers
    pieces = answers.replace("=", "~=").split("~")
    if pieces and not pieces[0].strip():
        pieces = pieces[1:]
    if len(pieces) < 2:
        raise _Unsupported("soal pilihan harus punya minimal 2 pilihan jawaban")
    ids = meta.get("options")
    if not (isinstance(ids, list) and len(ids) == len(pieces) and all(isinstance(i, str) for i in ids)):
        ids = option_ids(len(pieces))
    options = []
    for option_id, piece in zip(ids, pieces, strict=True):
        piece = piece.strip()
        weight = 0.0
        if piece.startswith("="):
            weight, piece = 100.0, piece[1:]
        elif match := _WEIGHT.match(piece):
            weight, piece = float(match[1]), piece[match.end() :]
        text, _, feedback = piece.partition("#")
        options.append({"id": option_id, "text": _with_format(text), "weight": weight, "feedback": _with_format(feedback)})
    return {"type": "single" if single else "multiple", "options": options}


def category_name(raw: str) -> str:
    """A Moodle category path as HR reads it: "$course$/top/Netralitas/Kampanye" → "Netralitas/Kampanye"."""
    name = re.sub(r"^\$(?:course|cat1|module|system)\$/", "", raw.strip()).strip("/")
    return re.sub(r"^top(?:/|$)", "", name, flags=re.IGNORECASE)
