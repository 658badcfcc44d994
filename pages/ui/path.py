"""The learning path as four steps with the next one to take."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import format_score
from netral.core.enums import CompletionStep
from netral.learning.path import LearningPath


def path_summary(path: LearningPath) -> None:
    """Show modules → exam → pakta → certificate, each done or not (the next step is Beranda's primary button)."""
    steps = [
        (path.modules_passed == len(path.modules), f"Modul selesai: {path.modules_passed} dari {len(path.modules)}"),
    ]
    if path.rule.requires(CompletionStep.EXAM) and path.exam is not None:
        exam_text = "Ujian sertifikasi: " + (
            f"lulus (nilai {format_score(path.exam.grade or 0)})"
            if path.exam.passed
            else "terbuka"
            if path.exam_unlocked
            else "terkunci sampai semua modul lulus"
        )
        steps.append((path.exam.passed, exam_text))
    if path.rule.requires(CompletionStep.PAKTA):
        steps.append(
            (
                path.pakta_signed_at is not None,
                "Pakta integritas: " + ("sudah ditandatangani" if path.pakta_signed_at else "belum"),
            )
        )
    steps.append(
        (
            path.certificate_number is not None,
            "Sertifikat: " + (path.certificate_number or "belum terbit") + f" · {path.jp_total} JP",
        )
    )
    with st.container(border=True):
        st.markdown("**Langkah Anda**")
        done = sum(1 for finished, _ in steps if finished)
        st.progress(done / len(steps), text=f"{done} dari {len(steps)} langkah selesai")
        for finished, text in steps:
            st.markdown(f"{':material/check_circle:' if finished else ':material/radio_button_unchecked:'} {text}")
