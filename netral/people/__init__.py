"""The agency's people: its unit tree, the scope an administrator acts in, accounts, and the roster import."""
