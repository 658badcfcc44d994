"""Netral's few global style rules: tap targets a thumb can hit, and text with enough contrast (phones, older eyes)."""

from __future__ import annotations

import streamlit as st

# Tap targets are at least 44×44 CSS px (WCAG 2.5.5 Target Size, Apple's and Android's guidance),
# not only the 24 px minimum of 2.5.8: many peserta are 45–60 and answer on a phone with one thumb.
# A radio or checkbox option is tapped anywhere on its row, so the whole row is the target.
# tests/e2e/test_accessibility.py measures every rule here on every peserta page at 360×740.
CSS = """
[data-testid^="stBaseButton-"] { min-height: 44px; }
[data-testid="stPageLink-NavLink"], [data-testid="stSidebarNavLink"] { min-height: 44px; align-items: center; }
[data-testid="stRadioOption"], [data-testid="stCheckbox"] > label { min-height: 44px; width: 100%; align-items: center; }
[data-testid="stRadioOption"] { padding: 0.25rem 0; }  /* two-line answers stay apart */
[data-testid="stButtonGroup"] button { min-height: 44px; min-width: 44px; }
[data-testid="stExpander"] summary { min-height: 44px; }
[data-testid="stTextInputRootElement"] { min-height: 44px; }
[data-testid="stTextInputRootElement"] button { min-width: 44px; min-height: 44px; }
/* Streamlit's caption (text at 60% opacity) is 3.9:1 on white; WCAG 1.4.3 asks 4.5:1 for 14 px text. This is 6.6:1. */
[data-testid="stCaptionContainer"] { color: #5e5d5c; opacity: 1; }
/* A checked quiz answer is locked (disabled) yet read beside its feedback: Streamlit fades it to 40% (2.3:1). */
[data-testid="stMain"] :is([data-testid="stRadio"], [data-testid="stCheckbox"]) :is([disabled], [data-disabled="true"])
  [data-testid="stMarkdownContainer"] p { color: #5e5d5c; }
/* Heading anchors are 16 px links shown on mouse hover only: no use on a touch screen, nor in an app whose
   pages are routes, and too small to tap. */
[data-testid="stMain"] [data-testid="stHeaderActionElements"] { display: none; }
"""


def apply() -> None:
    """Add the style to this run's page (a <style>-only st.html takes no room in the layout)."""
    st.html(f"<style>{CSS}</style>")
