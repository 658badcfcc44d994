import shutil
from pathlib import Path

import pytest

from netral.content.bank import BankInvalid, load_bank
from netral.core.settings import QUESTIONS_DIR
from tests.conftest import FIXTURE_BANK


def test_the_real_bank_is_valid_and_every_question_has_a_legal_basis():
    bank = load_bank(QUESTIONS_DIR)
    assert bank.modules and all(len(m.questions) >= 10 for m in bank.modules)
    assert all(q.legal_basis for q in bank.questions)


def test_the_real_bank_never_rests_a_key_on_a_weak_or_unverified_source():
    bank = load_bank(QUESTIONS_DIR)
    for question in bank.questions:
        certainties = {bank.sources[s].certainty for s in question.legal_basis}
        assert "UNVERIFIED" not in certainties, question.key
        assert certainties & {"P", "G", "S2+", "SEED"}, question.key


def test_the_real_bank_phrases_sanctions_as_possibilities():
    bank = load_bank(QUESTIONS_DIR)
    for question in bank.questions:
        texts = [question.text, question.explanation] + [o.text for o in question.options if o.weight > 0]
        for text in texts:
            assert "pasti dikenai" not in text.lower(), question.key


def test_the_fixture_bank_has_every_question_type():
    bank = load_bank(FIXTURE_BANK)
    assert {q.kind for q in bank.questions} == {"single", "multiple", "truefalse"}
    multiple = next(q for q in bank.questions if q.kind == "multiple")
    assert sorted(o.weight for o in multiple.options) == [-50.0, -50.0, 50.0, 50.0]


@pytest.fixture
def broken_bank(tmp_path: Path) -> Path:
    root = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, root)
    return root


def errors_of(root: Path) -> list[str]:
    with pytest.raises(BankInvalid) as caught:
        load_bank(root)
    return [str(error) for error in caught.value.errors]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


QUESTIONS = Path("modules/01-dasar/questions.yaml")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "legal_basis: [sumber-kuat]",
            "legal_basis: [sumber-tak-ada]",
            "[dasar-tunggal] legal_basis: sumber 'sumber-tak-ada' tidak ada",
        ),
        ("legal_basis: [sumber-kuat]", "legal_basis: [sumber-meragukan]", "bertanda UNVERIFIED"),
        ("legal_basis: [sumber-kuat]", "legal_basis: [sumber-lemah]", "minimal satu sumber bertanda P, G, S2+ atau SEED"),
        ("type: single", "type: essay", "[dasar-tunggal] type: harus salah satu dari single, multiple, truefalse"),
        (
            "- {id: a, text: Jawaban benar, correct: true, feedback: Tepat.}",
            "- {id: a, text: Jawaban benar, feedback: Tepat.}",
            "tepat 1 jawaban benar, ada 0",
        ),
        ("category: media-sosial", "category: tak-dikenal", "kategori 'tak-dikenal' tidak ada"),
        ("answer: false", "answer: mungkin", "[dasar-benar-salah] answer"),
        ("difficulty: mudah", "difficulty: gampang", "difficulty: harus salah satu"),
        ("text: Soal keempat?", "text: ''", "[dasar-keempat] text: wajib diisi"),
        ("    topic: topik satu\n", "    topic: topik satu\n    hint: bocoran\n", "hint: kolom tidak dikenal"),
        ("id: dasar-kelima", "id: dasar-keempat", "id soal sudah dipakai"),
    ],
)
def test_each_mistake_is_reported_with_file_question_and_field(broken_bank, old, new, expected):
    replace_in(broken_bank / QUESTIONS, old, new)
    errors = errors_of(broken_bank)
    assert any(expected in error for error in errors), errors
    assert all("01-dasar/questions.yaml" in e or "modules" in e for e in errors)


def test_broken_yaml_names_the_line(broken_bank):
    (broken_bank / QUESTIONS).write_text("questions:\n  - id: x\n    text: [tidak ditutup\n")
    assert any("baris" in error and "YAML tidak valid" in error for error in errors_of(broken_bank))


def test_a_missing_material_file_is_an_error(broken_bank):
    (broken_bank / "modules/02-lanjut/material.md").unlink()
    assert any("material.md" in error for error in errors_of(broken_bank))


def test_a_bom_and_crlf_file_still_loads(broken_bank):
    path = broken_bank / QUESTIONS
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(load_bank(broken_bank).questions) == 7


def test_the_curriculum_meets_its_minimums():
    bank = load_bank(QUESTIONS_DIR)
    assert len(bank.modules) >= 8 and len(bank.questions) >= 120
    for module in bank.modules:
        kinds = [q.kind for q in module.questions]
        assert len(kinds) >= 15, module.key
        assert kinds.count("multiple") >= 2 and kinds.count("truefalse") >= 2, module.key
        assert 600 <= len(module.material.split()) <= 1500, module.key
        assert all(3 <= len(q.options) <= 5 for q in module.questions if q.kind != "truefalse"), module.key
    assert {q.category for q in bank.questions} == set(bank.categories)
