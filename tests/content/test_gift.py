import pytest

from netral.content.bank import Option, QuestionSpec
from netral.content.interop.gift import parse_gift
from netral.content.interop.gift_writer import write_gift
from netral.content.interop.model import BankQuestion
from tests.conftest import MOODLE_FIXTURE


def only(text: str) -> dict:
    parsed = parse_gift(text)
    assert not parsed.problems, parsed.problems
    [question] = parsed.questions
    return question.item


def test_single_choice_with_names_and_per_answer_feedback():
    item = only("::Warna::Warna langit?{=biru#Tepat ~merah#Bukan ~hijau}")
    assert item["type"] == "single" and item["text"] == "Warna langit?" and item["id"] == "warna"
    assert [(o["text"], o["weight"], o["feedback"]) for o in item["options"]] == [
        ("biru", 100.0, "Tepat"),
        ("merah", 0.0, "Bukan"),
        ("hijau", 0.0, ""),
    ]


def test_multiple_response_with_percentages_and_negative_weights():
    item = only("Pilih bilangan prima {~%50%dua ~%50%tiga ~%-100%empat}")
    assert item["type"] == "multiple"
    assert [o["weight"] for o in item["options"]] == [50.0, 50.0, -100.0]


def test_true_false_feedback_goes_to_the_right_option_and_general_feedback_is_kept():
    item = only("Bumi datar.{FALSE#Keliru, bumi bulat.#Benar sekali.####Penjelasan umum.}")
    assert item["type"] == "truefalse" and item["answer"] is False
    assert item["feedback"] == {"benar": "Keliru, bumi bulat.", "salah": "Benar sekali."}
    assert item["explanation"] == "Penjelasan umum."
    assert only("Langit biru.{T}")["answer"] is True


def test_escaped_special_characters_come_back_literally():
    item = only(r"Rumus a\=b\: \{x\} \~ \# dan \\ garis{=ya\#1 ~tidak}")
    assert item["text"] == r"Rumus a=b: {x} ~ # dan \ garis"
    assert item["options"][0]["text"] == "ya#1"


def test_text_formats_markdown_plain_and_html():
    item = only("::F::[html]<p>Halo <b>dunia</b> &amp; <i>ASN</i></p>{=[plain]a ~[markdown]**b**}")
    assert item["text"] == "Halo **dunia** & *ASN*"
    assert [o["text"] for o in item["options"]] == ["a", "**b**"]


def test_bom_crlf_comments_and_categories():
    text = "\ufeff// komentar\r\n$CATEGORY: $course$/top/Netral/media-sosial\r\n\r\n// lagi\r\n::A1:: Soal?{=ya ~tidak}\r\n"
    parsed = parse_gift(text)
    assert not parsed.problems
    [question] = parsed.questions
    # The category is kept as HR reads it; which module it maps onto is decided when planning the import.
    assert question.module is None and question.category == "Netral/media-sosial"
    assert question.line == 5 and question.name == "A1"


def test_missing_word_questions_keep_a_blank():
    assert only("Ibu kota Indonesia {=Jakarta ~Bandung ~Medan} sejak lama.")["text"] == "Ibu kota Indonesia _____ sejak lama."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("::E::Ceritakan.{}", "esai"),
        ("::N::Berapa?{#3:1}", "numerik"),
        ("::S::Siapa?{=Budi}", "isian singkat"),
        ("::M::Jodohkan{=a -> b =c -> d}", "menjodohkan"),
        ("::D::Hanya teks", "deskripsi"),
        ("::B::Kurung {=a ~b", "tidak berpasangan"),
        ("::P::Satu pilihan{~a}", "minimal 2 pilihan"),
    ],
)
def test_what_netral_cannot_import_is_reported_by_name_and_line(text, reason):
    parsed = parse_gift("// komentar\n\n" + text)
    assert not parsed.questions
    [problem] = parsed.problems
    assert problem.line == 3 and problem.name == text[2:3] and reason in problem.reason


def test_moodle_fixture_imports_as_moodle_describes():
    parsed = parse_gift(MOODLE_FIXTURE.read_text(encoding="utf-8"))
    assert len(parsed.questions) + len(parsed.problems) == 9  # Moodle: "Importing 9 questions from file"
    supported = {q.name: q.item for q in parsed.questions}
    assert [q.name for q in parsed.questions] == ["Q2", "colours", "Q1", "2-08 TSL", "2-08 TSL"]
    q2 = supported["Q2"]
    assert q2["type"] == "single" and [(o["text"], o["weight"], o["feedback"]) for o in q2["options"]] == [
        ("yellow", 100.0, "right; good!"),
        ("red", 0.0, "wrong, it's yellow"),
        ("blue", 0.0, "wrong, it's yellow"),
    ]
    colours = supported["colours"]
    assert colours["type"] == "multiple"
    assert [(o["text"], o["weight"]) for o in colours["options"]] == [
        ("yellow", 50.0),
        ("red", -100.0),
        ("off-beige", 50.0),
        ("blue", -100.0),
    ]
    q1 = supported["Q1"]
    assert q1["answer"] is False and q1["feedback"] == {
        "benar": "42 is the Ultimate Answer.",
        "salah": "You gave the right answer.",
    }
    assert q1["explanation"] == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert {(p.line, p.name) for p in parsed.problems} == {(2, "Q8"), (5, "Moodle activities"), (31, "Q5"), (34, "Shortanswer")}
    keys = [q.item["id"] for q in parsed.questions]
    assert len(set(keys)) == 5


SPEC = QuestionSpec(
    key="contoh-soal",
    kind="multiple",
    text="Teks dengan {kurung}, titik dua: pagar # sama = tilde ~ dan\nbaris baru",
    options=(Option("x", "satu = 1", 50.0, "umpan # balik"), Option("y", "dua", 50.0, ""), Option("z", "tiga", -33.33333, "")),
    explanation="Penjelasan: panjang.",
    legal_basis=("sumber-kuat",),
    topic="topik",
    category="kampanye",
    difficulty="sulit",
    pool="ujian",
)


def test_write_then_read_gives_the_same_question_back():
    text = write_gift([BankQuestion("dasar", "Dasar-dasar", SPEC)])
    [question] = parse_gift(text).questions
    item = question.item
    assert question.module == "dasar" and item["id"] == SPEC.key and item["text"] == SPEC.text
    assert item["pool"] == "ujian"
    assert [(o["id"], o["text"], o["weight"], o["feedback"]) for o in item["options"]] == [
        (o.id, o.text, o.weight, o.feedback) for o in SPEC.options
    ]
    assert (item["explanation"], item["topic"], item["category"], item["difficulty"], item["legal_basis"]) == (
        SPEC.explanation,
        "topik",
        "kampanye",
        "sulit",
        ["sumber-kuat"],
    )
