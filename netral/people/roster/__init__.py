"""Roster: reading HR's employee files and importing them."""
