"""The admin's start ("/"): go straight to the Dasbor, which keeps its own address (/dasbor) for bookmarks."""

import streamlit as st

from pages.ui.guard import require_admin

user, _scope = require_admin()
st.switch_page("pages/dasbor.py")
