import pytest

from netral.content.bank import load_bank
from netral.content.categories import file_categories, propose_module
from netral.content.interop.gift import category_name, parse_gift
from netral.core.settings import QUESTIONS_DIR

MODULES = {module.key: module.title for module in load_bank(QUESTIONS_DIR).modules}


@pytest.mark.parametrize(
    ("category", "module"),
    [
        ("Netralitas/Kampanye", "kampanye-atribut"),
        ("Netralitas/Media Sosial", "media-sosial"),
        ("Bank Soal/Politik Uang", "politik-uang"),
        ("Netralitas/Sanksi", "sanksi-atasan"),
        ("Netralitas/Pelaporan", "pengawasan-pelaporan"),
        ("Netralitas/Partai Politik", "partai-pencalonan"),
        ("Netralitas/Asas Netralitas", "asas-netralitas"),
        ("Netralitas/Fasilitas Negara", "fasilitas-jabatan"),
        ("Netral/media-sosial", "media-sosial"),
        ("Netralitas/Umum", None),
        ("Netralitas/Lain-lain", None),
        ("Default for Netralitas ASN", None),
        ("Kuis/Minggu 3", None),
    ],
)
def test_a_category_is_proposed_the_module_its_name_resembles_or_none(category, module):
    assert propose_module(category, MODULES) == module


def test_category_paths_read_as_hr_writes_them():
    assert category_name("$course$/top/Netralitas/Kampanye") == "Netralitas/Kampanye"
    assert category_name("$course$/Netralitas/Kampanye") == "Netralitas/Kampanye"
    assert category_name("$cat1$/top") == ""
    assert category_name(" $system$/Netralitas/ ") == "Netralitas"


def test_a_file_lists_each_category_once_with_its_count_and_first_line():
    parsed = parse_gift(
        "$CATEGORY: $course$/top/Netralitas/Kampanye\n\n::a::Satu?{=x ~y}\n\n::b::Dua?{T}\n\n"
        "$CATEGORY: $course$/top/Netralitas/Umum\n\n::c::Tiga?{=x ~y}\n\n"
        '// netral: {"module": "media-sosial"}\n::d::Empat?{=x ~y}\n'
    )
    found = [(c.name, c.questions, c.first_line, c.proposed) for c in file_categories(parsed, MODULES)]
    # A question whose Netral comment names its module needs no category mapping.
    assert found == [("Netralitas/Kampanye", 2, 3, "kampanye-atribut"), ("Netralitas/Umum", 1, 9, None)]
