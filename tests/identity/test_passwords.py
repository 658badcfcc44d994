import pytest

from netral.identity import passwords


def test_passwords_are_hashed_with_argon2id_and_verified():
    hashed = passwords.hash_password("Rahasia#2024")
    assert hashed.startswith("$argon2id$")
    assert passwords.verify_password(hashed, "Rahasia#2024")
    assert not passwords.verify_password(hashed, "rahasia#2024")
    assert not passwords.verify_password("not a hash", "Rahasia#2024")


def test_weaker_old_hashes_are_flagged_for_rehash():
    from argon2 import PasswordHasher

    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("Rahasia#2024")
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(passwords.hash_password("Rahasia#2024"))


def test_new_password_rules_explain_what_is_wrong():
    nip = "198503152010012005"
    with pytest.raises(passwords.PasswordRefused, match="minimal 8"):
        passwords.check_new_password("pendek", nip=nip)
    with pytest.raises(passwords.PasswordRefused, match="NIP"):
        passwords.check_new_password(f"x{nip}", nip=nip)
    with pytest.raises(passwords.PasswordRefused, match="terlalu umum"):
        passwords.check_new_password("12345678", nip=nip)
    with pytest.raises(passwords.PasswordRefused, match="berbeda"):
        passwords.check_new_password("SamaSaja#1", nip=nip, old_password="SamaSaja#1")
    with pytest.raises(passwords.PasswordRefused, match="spasi"):
        passwords.check_new_password(" Rahasia#2024", nip=nip)
    passwords.check_new_password("Kopi Pagi di Balai Desa", nip=nip)  # accepted: no refusal


def test_generated_initial_passwords_are_random_and_readable():
    generated = {passwords.generate_initial_password() for _ in range(50)}
    assert len(generated) == 50
    assert all(len(p) == 10 and not set(p) & set("0O1lI") for p in generated)
