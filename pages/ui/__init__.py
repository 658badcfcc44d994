"""Streamlit helpers shared by app.py and the pages (not pages themselves; Streamlit never lists this folder)."""
