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
    assert "minimal 8" in passwords.password_problem("pendek", nip=nip)
    assert "NIP" in passwords.password_problem(f"x{nip}", nip=nip)
    assert "terlalu umum" in passwords.password_problem("12345678", nip=nip)
    assert "berbeda" in passwords.password_problem("SamaSaja#1", nip=nip, old_password="SamaSaja#1")
    assert "spasi" in passwords.password_problem(" Rahasia#2024", nip=nip)
    assert passwords.password_problem("Kopi Pagi di Balai Desa", nip=nip) is None


def test_generated_initial_passwords_are_random_and_readable():
    generated = {passwords.generate_initial_password() for _ in range(50)}
    assert len(generated) == 50
    assert all(len(p) == 10 and not set(p) & set("0O1lI") for p in generated)
