"""The Aiken format (Moodle): a question line, lettered options, then ANSWER: X."""

from __future__ import annotations

import re

from netral.content.interop.model import BankQuestion, ImportProblem, ParsedFile, ParsedQuestion, key_from_name, option_ids

_OPTION = re.compile(r"^([A-Z])[.)][ \t]+(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*(.*)$")


def parse_aiken(text: str) -> ParsedFile:
    """Read Aiken single-choice questions; each problem names its line and question."""
    parsed = ParsedFile()
    taken: set[str] = set()
    question: list[str] = []
    options: list[tuple[str, str]] = []
    first = 0
    for number, raw in enumerate(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if answer := _ANSWER.match(line):
            name = " ".join(question)[:60] or f"soal di baris {first or number}"
            problem = _problem(question, options, answer[1].strip())
            if problem:
                parsed.problems.append(ImportProblem(first or number, name, problem))
            else:
                letters = [letter for letter, _ in options]
                right = letters.index(answer[1].strip()[0])
                item = {
                    "id": key_from_name(" ".join(question), taken),
                    "type": "single",
                    "text": "\n".join(question),
                    "explanation": "",
                    "options": [
                        {"id": option_id, "text": option_text, "weight": 100.0 if index == right else 0.0, "feedback": ""}
                        for index, (option_id, (_, option_text)) in enumerate(zip(option_ids(len(options)), options, strict=True))
                    ],
                }
                parsed.questions.append(ParsedQuestion(line=first, name=name, module=None, item=item))
            question, options, first = [], [], 0
        elif option := _OPTION.match(line):
            if not question:
                parsed.problems.append(ImportProblem(number, "", "pilihan jawaban tanpa teks soal di atasnya"))
                continue
            options.append((option[1], option[2].strip()))
        elif options:
            parsed.problems.append(
                ImportProblem(number, " ".join(question)[:60], "baris ini bukan pilihan (A. ...) dan bukan ANSWER:")
            )
        else:
            first = first or number
            question.append(line)
    if question or options:
        parsed.problems.append(ImportProblem(first, " ".join(question)[:60], "soal terakhir tidak diakhiri baris ANSWER: X"))
    return parsed


def write_aiken(questions: list[BankQuestion]) -> tuple[str, list[str]]:
    """Write single-choice and true/false questions as Aiken; return the text and the keys it cannot hold."""
    out: list[str] = []
    skipped: list[str] = []
    for question in questions:
        spec = question.spec
        if spec.kind == "multiple" or len(spec.options) > 26:
            skipped.append(spec.key)
            continue
        out.append(" ".join(spec.text.split()))
        right = ""
        for index, option in enumerate(spec.options):
            letter = chr(ord("A") + index)
            out.append(f"{letter}. {' '.join(option.text.split())}")
            right = letter if option.weight >= 100 else right
        out += [f"ANSWER: {right}", ""]
    return "\n".join(out), skipped


def _problem(question: list[str], options: list[tuple[str, str]], answer: str) -> str | None:
    if not question:
        return "ANSWER: tanpa soal di atasnya"
    if len(options) < 2:
        return "soal Aiken harus punya minimal 2 pilihan (A. ..., B. ...)"
    letters = [letter for letter, _ in options]
    if letters != [chr(ord("A") + i) for i in range(len(letters))]:
        return f"pilihan harus berurutan A, B, C, ...; tertulis {', '.join(letters)}"
    if not answer or answer[0] not in letters:
        return f"ANSWER: {answer or '(kosong)'} tidak menunjuk pilihan yang ada ({letters[0]}–{letters[-1]})"
    return None
