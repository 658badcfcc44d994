from datetime import date

import pytest

from netral.core.nip import InvalidNip, is_valid_nip, mask_nip, normalise_nip, parse_nip

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1985 0315 2010 01 2 005", "198503152010012005"),
        ("'198503152010012005", "198503152010012005"),
        (" 19850315.201001.2.005 ", "198503152010012005"),
        ("19850315-201001-2-005", "198503152010012005"),
    ],
)
def test_normalise_nip_removes_what_people_type_around_it(typed, expected):
    assert normalise_nip(typed) == expected


def test_a_pns_nip_gives_birth_date_appointment_and_sex():
    parts = parse_nip("198503152010012005", today=TODAY)
    assert parts.birth_date == date(1985, 3, 15)
    assert (parts.appointment_year, parts.appointment_month) == (2010, 1)
    assert parts.sex_digit == "2" and parts.serial == "005"
    assert not parts.is_pppk


def test_a_pppk_number_with_contract_code_21_is_accepted():
    parts = parse_nip("199310102022212003", today=TODAY)
    assert parts.is_pppk and parts.appointment_year == 2022


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("", "kosong"),
        ("19850315201001200X", "hanya boleh berisi angka"),
        ("1985031520100120", "harus 18 digit, bukan 16"),
        ("198513152010012005", "tanggal yang valid"),
        ("193003152010012005", "tidak masuk akal"),
        ("198503152010002005", "tidak boleh 00"),
        ("198503152000012005", "usia 18 tahun"),
        ("198503152030012005", "masa depan"),
        ("198503152010013005", "harus 1 atau 2"),
        ("198503152010012000", "tidak boleh 000"),
    ],
)
def test_invalid_nips_are_refused_with_the_reason(nip, reason):
    with pytest.raises(InvalidNip, match=reason):
        parse_nip(nip, today=TODAY)
    assert not is_valid_nip(nip, today=TODAY)


def test_mask_nip_keeps_only_the_ends():
    assert mask_nip("198503152010012005") == "1985**********2005"
