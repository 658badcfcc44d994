"""Persistence: models, engine, transactions, named queries and migrations (no Streamlit)."""

from db.engine import engine_for, make_engine, reading, transaction

__all__ = ["engine_for", "make_engine", "reading", "transaction"]
