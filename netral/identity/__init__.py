"""Who is logged in: NIP and password, lockout, browser sessions and the login cookie, personal preferences."""
