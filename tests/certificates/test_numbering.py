from hypothesis import given
from hypothesis import strategies as st

from netral.certificates.numbering import check_character, format_number, is_well_formed, normalise_number

ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_number_has_prefix_year_sequence_and_check_character():
    number = format_number(2024, 1234)
    assert number.startswith("NTR-2024-0001234-") and len(number) == 18
    assert is_well_formed(number)


@given(year=st.integers(2020, 2099), sequence=st.integers(1, 9_999_999), data=st.data())
def test_any_single_character_typo_is_caught(year, sequence, data):
    number = format_number(year, sequence)
    index = data.draw(st.sampled_from([i for i, c in enumerate(number) if c.isalnum() and i >= 4]))
    replacement = data.draw(st.sampled_from([c for c in ALPHANUMERIC if c != number[index]]))
    assert not is_well_formed(number[:index] + replacement + number[index + 1 :])


def test_swapping_two_neighbouring_digits_is_caught():
    number = format_number(2024, 1234)  # ...0001234...
    swapped = number.replace("1234", "1324")
    assert not is_well_formed(swapped)


def test_typed_numbers_are_tidied():
    number = format_number(2024, 7)
    assert normalise_number(number.lower().replace("-", " ")) == number
    assert check_character("NTR20240000007") == number[-1]
