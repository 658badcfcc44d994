"""Netral's domain: the rules of learning, attempts, scoring, certificates, rosters and reports.

Nothing here imports Streamlit; pages call these services inside a transaction they own.
"""
