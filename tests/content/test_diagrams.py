"""Diagrams (issue 13 point 4): drawn from data in questions/diagrams, with Indonesian alt text, readable at 360 px."""

import re
import shutil
from pathlib import Path

import pytest

from netral.content.bank import BankInvalid, load_bank
from netral.content.diagrams import LABEL_CHARS, WIDTH, diagram_svg
from netral.core.settings import QUESTIONS_DIR
from tests.conftest import FIXTURE_BANK


def test_every_real_module_shows_a_diagram_with_alt_text_and_lines_that_fit_a_phone():
    bank = load_bank(QUESTIONS_DIR)
    assert {"tahapan-pemilu", "jenjang-sanksi", "alur-pelaporan", "tujuh-bentuk-dukungan"} <= set(bank.diagrams)
    for module in bank.modules:
        shown = [s.diagram for s in module.sections if s.diagram]
        assert shown, module.key
    for name, diagram in bank.diagrams.items():
        svg = diagram_svg(diagram)
        assert svg.startswith("<svg") and 'role="img"' in svg and f"<desc>{diagram['alt']}" in svg.replace("&#x27;", "'")
        assert f'viewBox="0 -1 {WIDTH} ' in svg  # 320 units wide: at a 328 px column the 14-unit text is >= 14 px
        for line in re.findall(r'font-weight="700"[^>]*>([^<]*)<', svg):
            assert len(line) <= LABEL_CHARS, (name, line)


def test_the_seven_forms_of_support_are_the_seven_numbers_of_pasal_5_huruf_n():
    diagram = load_bank(QUESTIONS_DIR).diagrams["tujuh-bentuk-dukungan"]
    assert [item["label"].split(".")[0] for item in diagram["items"]] == [str(n) for n in range(1, 8)]


def test_a_broken_diagram_or_an_unknown_name_is_refused_with_file_and_field(tmp_path: Path):
    target = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, target)
    (target / "diagrams" / "alur-uji.yaml").write_text("diagram:\n  title: Uji\n  items: [{label: Satu, tone: ungu}]\n")
    with pytest.raises(BankInvalid) as refused:
        load_bank(target)
    errors = [str(e) for e in refused.value.errors]
    assert "bank/diagrams/alur-uji.yaml alt: wajib diisi" in errors
    assert "bank/diagrams/alur-uji.yaml items: harus daftar berisi 2 sampai 10 kotak" in errors
    assert any("sections.yaml [bagian 1] diagram: diagram 'alur-uji' tidak ada" in e for e in errors)
