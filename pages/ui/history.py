"""A peserta's submitted attempts as links to their results."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from netral.core.dates import format_score
from netral.learning.progress import PastAttempt


def attempt_history(past: Sequence[PastAttempt], heading: str) -> None:
    """List submitted attempts (newest last), each opening its result page."""
    if not past:
        return
    st.markdown(f"**{heading}**")
    for attempt in past:
        verdict = "lulus" if attempt.passed else "tidak lulus"
        st.page_link(
            "pages/hasil.py",
            label=f"Percobaan {attempt.number}: nilai {format_score(attempt.score)} ({verdict})",
            query_params={"percobaan": str(attempt.attempt_id)},
            icon=":material/grading:",
        )
