import pytest

from netral.content.bank import Option, QuestionSpec
from netral.content.bank.wording import certainties, wording_problems


@pytest.mark.parametrize(
    "text",
    [
        "ASN yang memberi like pasti dikenai hukuman disiplin berat.",
        "Pelakunya akan dikenai sanksi moral.",
        "Pengurus partai otomatis diberhentikan.",
        "Kalau ketahuan, Anda langsung dipecat.",
        "Penerima amplop pasti dipidana.",
        "Ia pasti akan dijatuhi hukuman berat.",
    ],
)
def test_a_sanction_stated_as_a_certainty_is_caught(text):
    assert certainties(text)


@pytest.mark.parametrize(
    "text",
    [
        "Perbuatan ini dapat dikenai sanksi moral dan/atau hukuman disiplin, sesuai hasil pemeriksaan.",
        "Menurut Pasal 494, pelanggarnya diancam pidana kurungan paling lama 1 tahun dan akan dipidana bila terbukti.",
        'Rekan Anda berkata, "Kamu pasti dipecat kalau ketahuan." Benarkah?',
        "Pemberi dan penerima sama-sama dapat dipidana.",
        "Laporan akan diproses oleh Bawaslu.",
    ],
)
def test_possibilities_quotations_and_penalty_clauses_pass(text):
    assert certainties(text) == []


def spec(**changes):
    base = {
        "key": "contoh",
        "kind": "single",
        "text": "Soal?",
        "options": (Option("a", "Benar", 100.0, "Tepat."), Option("b", "Pasti dipecat", 0.0, "Ia otomatis diberhentikan.")),
        "explanation": "Penjelasan.",
        "legal_basis": (),
        "topic": "t",
        "category": "c",
        "difficulty": "mudah",
    }
    return QuestionSpec(**(base | changes))


def test_only_what_the_peserta_reads_as_true_is_checked():
    # A wrong option may voice the misconception; its feedback is the correction, not the bank's claim.
    assert wording_problems(spec()) == []
    right = spec(options=(Option("a", "Benar", 100.0, "Tepat, pelakunya langsung dipecat."), Option("b", "Salah", 0.0)))
    assert [field for field, _ in wording_problems(right)] == ["options[a].feedback"]
    assert [field for field, _ in wording_problems(spec(explanation="Ia akan dikenai sanksi."))] == ["explanation"]
