"""Module sections (`sections.yaml`): every part of the material once, in order, short; checks validated as questions."""

import shutil
from pathlib import Path

import pytest
import yaml

from netral.content.bank import BankInvalid, load_bank
from netral.core.settings import QUESTIONS_DIR
from tests.conftest import FIXTURE_BANK

SECTIONS = "modules/01-dasar/sections.yaml"


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    target = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, target)
    return target


def edit(bank_dir: Path, change) -> list[str]:
    path = bank_dir / SECTIONS
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["sections"])
    path.write_text(yaml.safe_dump({"sections": data["sections"]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BankInvalid) as refused:
        load_bank(bank_dir)
    return [str(e) for e in refused.value.errors]


def test_every_real_module_is_in_short_sections_each_with_a_summary_and_the_title_left_out():
    bank = load_bank(QUESTIONS_DIR)
    for module in bank.modules:
        assert len(module.sections) >= 4, module.key
        for section in module.sections:
            assert section.heading and section.summary and len(section.text.split()) <= 400
            assert not section.text.startswith("# ")
        assert sum(len(s.checks) for s in module.sections) >= 1, module.key


def test_a_heading_not_in_the_material_is_named_with_file_and_section(bank_dir):
    errors = edit(bank_dir, lambda s: s[1].update(parts=["Bagian keempat"]))
    assert any("01-dasar/sections.yaml [bagian 2] parts: judul 'Bagian keempat' tidak ada" in e for e in errors)
    assert any("tidak ditampilkan: Bagian kedua" in e for e in errors)


def test_a_part_shown_twice_or_out_of_order_is_refused(bank_dir):
    assert any("sudah dipakai" in e for e in edit(bank_dir, lambda s: s[2].update(parts=["Bagian kedua"])))
    swapped = edit(bank_dir, lambda s: (s[1].update(parts=["Bagian ketiga"]), s[2].update(parts=["Bagian kedua"])))
    assert any("urutan bagian" in e for e in swapped)


def test_a_section_longer_than_two_phone_screens_or_without_summary_is_refused(bank_dir):
    material = bank_dir / "modules/01-dasar/material.md"
    material.write_text(material.read_text(encoding="utf-8") + "\n" + "kata " * 450, encoding="utf-8")
    errors = edit(bank_dir, lambda s: s[0].pop("intinya"))
    assert any("[bagian 1] intinya: wajib diisi" in e for e in errors)
    assert any("[bagian 3] parts:" in e and "paling panjang 400 kata" in e for e in errors)


def test_a_check_citing_an_unknown_source_or_category_is_refused_like_a_question(bank_dir):
    def break_check(sections):
        sections[1]["checks"][0].update(legal_basis=["tidak-ada"], category="entah")

    errors = edit(bank_dir, break_check)
    assert any("[cek-dasar-satu] legal_basis: sumber 'tidak-ada' tidak ada" in e for e in errors)
    assert any("[cek-dasar-satu] category" in e for e in errors)
