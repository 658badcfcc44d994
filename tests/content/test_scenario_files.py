"""Scenario files: `questions check` names file, node and reason for a broken graph; the app loads no broken bank."""

import shutil
from pathlib import Path

import pytest
import yaml

from netral.content.bank import BankInvalid, load_bank
from netral.core.settings import QUESTIONS_DIR
from tests.conftest import FIXTURE_BANK

SCENARIO = "modules/01-dasar/scenario.yaml"


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    target = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, target)
    return target


def broken(bank_dir: Path, change) -> list[str]:
    path = bank_dir / SCENARIO
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["scenario"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BankInvalid) as refused:
        load_bank(bank_dir)
    return [str(e) for e in refused.value.errors]


def node(scenario, name):
    return next(n for n in scenario["nodes"] if n["id"] == name)


def test_a_dangling_link_names_file_node_and_choice(bank_dir):
    errors = broken(bank_dir, lambda s: node(s, "unggahan")["choices"][0].update(next="hilang"))
    assert "tests/fixtures/bank" not in errors[0] and errors == [
        "bank/modules/01-dasar/scenario.yaml [unggahan] pilihan diam: menuju 'hilang' yang tidak ada"
    ]


def test_an_unintended_loop_is_refused_and_an_intended_one_with_a_way_out_accepted(bank_dir):
    errors = broken(bank_dir, lambda s: node(s, "di-lokasi")["choices"][0].update(next="undangan"))
    assert any("[di-lokasi] pilihan pergi: kembali ke 'undangan'" in e for e in errors)
    path = bank_dir / SCENARIO
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node(data["scenario"], "di-lokasi")["choices"][0].update(next="undangan", loop=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_bank(bank_dir)


def test_an_unreachable_node_and_a_node_with_no_way_to_an_ending(bank_dir):
    def change(scenario):
        scenario["nodes"].append(
            {
                "id": "pulau",
                "text": "Tak tercapai.",
                "choices": [
                    dict(node(scenario, "undangan")["choices"][0], id="x", next="pulau", loop=True),
                    dict(node(scenario, "undangan")["choices"][0], id="y", next="pulau", loop=True),
                ],
            }
        )

    errors = broken(bank_dir, change)
    assert any("[pulau] (graf): tidak dapat dicapai dari situasi awal" in e for e in errors)
    assert any("[pulau] (graf): tidak ada jalan dari sini ke akhir mana pun" in e for e in errors)


def test_an_unknown_source_a_weak_source_an_unknown_category_and_a_certain_sanction(bank_dir):
    def change(scenario):
        first = node(scenario, "undangan")["choices"]
        first[0].update(legal_basis=["tidak-ada"], category="entah")
        first[1].update(legal_basis=["sumber-lemah"], consequence="Anda pasti dikenai hukuman disiplin berat.")

    errors = broken(bank_dir, change)
    assert any("[undangan] choices[1].legal_basis: sumber 'tidak-ada' tidak ada" in e for e in errors)
    assert any("[undangan] choices[1].category: kategori 'entah'" in e for e in errors)
    assert any("[undangan] choices[2].legal_basis: sumber 'sumber-lemah'" in e for e in errors)
    assert any("[undangan] choices[2].consequence: sanksi ditulis sebagai kepastian" in e for e in errors)


def test_every_real_module_has_a_scenario_with_three_decisions_and_three_endings():
    bank = load_bank(QUESTIONS_DIR)
    for module in bank.modules:
        scenario = module.scenario
        assert scenario is not None, module.key
        assert len(scenario["nodes"]) >= 3 and len(scenario["endings"]) >= 3, module.key
        assert {c["category"] for n in scenario["nodes"].values() for c in n["choices"]} <= set(bank.categories)
