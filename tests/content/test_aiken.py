from netral.content.bank import Option, QuestionSpec
from netral.content.interop.aiken import parse_aiken, write_aiken
from netral.content.interop.model import BankQuestion


def test_aiken_questions_are_read_with_their_key():
    parsed = parse_aiken("\ufeffApa ibu kota Indonesia?\r\nA. Bandung\r\nB) Jakarta\r\nC. Medan\r\nANSWER: B\r\n")
    [question] = parsed.questions
    assert not parsed.problems and question.line == 1
    assert question.item["type"] == "single"
    assert [(o["text"], o["weight"]) for o in question.item["options"]] == [("Bandung", 0.0), ("Jakarta", 100.0), ("Medan", 0.0)]


def test_aiken_problems_name_line_and_question():
    text = "Soal satu?\nA. a\nB. b\nANSWER: D\n\nSoal dua?\nA. a\nANSWER: A\n\nSoal tiga?\nA. a\nB. b\n"
    problems = parse_aiken(text).problems
    assert [(p.line, p.name) for p in problems] == [(1, "Soal satu?"), (6, "Soal dua?"), (10, "Soal tiga?")]
    assert "tidak menunjuk" in problems[0].reason and "minimal 2" in problems[1].reason and "ANSWER" in problems[2].reason


def test_aiken_export_holds_single_choice_and_skips_multiple_response():
    single = QuestionSpec(
        "satu", "single", "Soal?", (Option("a", "ya", 100.0), Option("b", "tidak", 0.0)), "", (), "t", "kampanye", "mudah"
    )
    multi = QuestionSpec(
        "dua", "multiple", "Soal?", (Option("a", "x", 50.0), Option("b", "y", 50.0)), "", (), "t", "kampanye", "mudah"
    )
    text, skipped = write_aiken([BankQuestion("m", "M", single), BankQuestion("m", "M", multi)])
    assert skipped == ["dua"]
    [question] = parse_aiken(text).questions
    assert question.item["text"] == "Soal?" and question.item["options"][0]["weight"] == 100.0
