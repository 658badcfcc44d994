"""The sanction wording rule: a sanction is something one "dapat dikenai", never a certainty.

Whether and which sanction follows is decided by an examination (SKB 2022 puts the same act on the
code-of-ethics list and on the discipline list), so the bank never promises one. Only what a peserta
reads as true is checked: the question text, the explanation, and the feedback of a correct option.
A wrong option may voice the misconception on purpose. A quotation (between quotation marks) or a
sentence quoting an article's penalty clause ("diancam pidana ...") is not the bank's own claim.
"""

from __future__ import annotations

import re

from netral.content.bank.model import QuestionSpec

_CERTAIN = r"pasti|akan|otomatis|langsung|tentu|niscaya|serta-merta|seketika"
_PENALTY = r"dikenai|dikenakan|dijatuhi|diberhentikan|dipecat|dipidana|dipenjara|didenda|dihukum|dicopot|diputus"
CERTAINTY = re.compile(rf"\b(?:{_CERTAIN})\b(?:\s+[\w-]+){{0,2}}?\s+(?:{_PENALTY})\b", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")
_PENALTY_CLAUSE = re.compile(r"\bdiancam\b", re.IGNORECASE)


def certainties(text: str) -> list[str]:
    """The phrases of `text` that state a sanction as certain (quotations and penalty clauses aside)."""
    found = []
    for sentence in _SENTENCE.findall(_QUOTED.sub(" ", text)):
        if _PENALTY_CLAUSE.search(sentence):
            continue
        found += [match.group(0) for match in CERTAINTY.finditer(sentence)]
    return found


def wording_problems(spec: QuestionSpec) -> list[tuple[str, str]]:
    """(field, phrase) for every certain sanction in what the peserta reads as true."""
    fields = [("text", spec.text), ("explanation", spec.explanation)]
    fields += [(f"options[{o.id}].feedback", o.feedback) for o in spec.options if o.weight > 0]
    return [(field, phrase) for field, text in fields for phrase in certainties(text)]
