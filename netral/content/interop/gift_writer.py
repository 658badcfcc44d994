"""Writing Moodle's GIFT format: what Moodle's importer reads back, with Netral's facts in comment lines."""

from __future__ import annotations

import json

from netral.content.bank import QuestionSpec
from netral.content.interop.gift import CATEGORY_ROOT, META_PREFIX
from netral.content.interop.model import BankQuestion, format_weight


def write_gift(questions: list[BankQuestion]) -> str:
    """Write questions as GIFT, grouped by module, with Netral's facts in comment lines."""
    out = ["// Bank soal Netral (format GIFT Moodle)", ""]
    current_module = None
    for question in questions:
        if question.module_key != current_module:
            current_module = question.module_key
            out += [f"$CATEGORY: {CATEGORY_ROOT}/{question.module_key}", ""]
        spec = question.spec
        meta = {
            "id": spec.key,
            "module": question.module_key,
            "topic": spec.topic,
            "category": spec.category,
            "difficulty": spec.difficulty,
            "legal_basis": list(spec.legal_basis),
            "pool": spec.pool,
        }
        if spec.kind != "truefalse":
            meta["options"] = [option.id for option in spec.options]
        out.append(f"{META_PREFIX} {json.dumps(meta, ensure_ascii=False)}")
        out.append(f"::{_repchar(spec.key)}::[markdown]{_repchar(spec.text)}{{")
        out += _answers(spec)
        if spec.explanation:
            out.append(f"\t####{_repchar(spec.explanation)}")
        out += ["}", ""]
    return "\n".join(out)


def _repchar(text: str) -> str:
    for character, escaped in (
        ("\\", "\\\\"),
        ("#", "\\#"),
        ("=", "\\="),
        ("~", "\\~"),
        ("{", "\\{"),
        ("}", "\\}"),
        (":", "\\:"),
    ):
        text = text.replace(character, escaped)
    return text.replace("\r", "").replace("\n", "\\n")


def _answers(spec: QuestionSpec) -> list[str]:
    if spec.kind == "truefalse":
        truth = next(o for o in spec.options if o.weight > 0).id == "benar"
        said = {o.id: o.feedback for o in spec.options}
        right, wrong = (said["benar"], said["salah"]) if truth else (said["salah"], said["benar"])
        line = "\tTRUE" if truth else "\tFALSE"
        if wrong or right:
            line += "#" + _repchar(wrong)
        if right:
            line += "#" + _repchar(right)
        return [line]
    lines = []
    for option in spec.options:
        if spec.kind == "single" and option.weight == 100:
            prefix = "="
        elif option.weight == 0:
            prefix = "~"
        else:
            prefix = f"~%{format_weight(option.weight)}%"
        comment = f"#{_repchar(option.feedback)}" if option.feedback else ""
        lines.append(f"\t{prefix}{_repchar(option.text)}{comment}")
    return lines
