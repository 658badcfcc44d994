"""The private APIs docs/architecture.md lists still exist as Netral uses them (an upgrade that moves one fails here)."""

from __future__ import annotations

import importlib
import importlib.resources
import re

from tests.conftest import ROOT

ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text()


def test_the_pages_flag_the_server_clears_still_exists():
    from streamlit.runtime.pages_manager import PagesManager

    assert isinstance(PagesManager.uses_pages_directory, bool | None)


def test_the_protocol_messages_of_the_load_client_still_exist():
    for name in ("BackMsg", "ClientState", "Element", "ForwardMsg", "WidgetStates"):
        module = importlib.import_module(f"streamlit.proto.{name}_pb2")
        assert hasattr(module, name)


def test_a_default_page_still_keeps_its_own_address_privately():
    import inspect

    from streamlit.navigation.page import StreamlitPage

    # st.Page sets its attributes only inside a script run; the behaviour is caught by tests/e2e/test_phone.py.
    assert "self._url_path" in inspect.getsource(StreamlitPage.__init__)
    assert 'return "" if self._default else self._url_path' in inspect.getsource(StreamlitPage.url_path.fget)


def test_the_type_names_used_in_annotations_still_exist():
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.navigation.page import StreamlitPage

    assert DeltaGenerator and StreamlitPage


def test_every_private_streamlit_import_in_the_code_is_listed():
    listed = set(re.findall(r"`(streamlit\.[a-z_.]+)", ARCHITECTURE))
    used = set()
    for folder in ("app.py", "pages", "bench", "netral", "db"):
        paths = [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")
        for path in paths:
            used |= set(re.findall(r"^from (streamlit\.[a-z_.]+[a-z_])(?:\.[A-Za-z_]+_pb2)? import", path.read_text(), re.M))
    assert used, "expected Netral to use some Streamlit modules directly"
    missing = {module for module in used if not any(module.startswith(entry.rstrip(".*").rstrip(".")) for entry in listed)}
    assert not missing, f"private Streamlit imports not listed in docs/architecture.md: {sorted(missing)}"


def test_the_english_of_the_connection_dialog_that_the_tab_script_translates_is_still_streamlits():
    import streamlit

    from pages.ui.style import SCRIPT

    static = importlib.resources.files(streamlit) / "static" / "static" / "js"
    bundle = "".join(path.read_text(errors="ignore") for path in static.iterdir() if path.name.endswith(".js"))
    for english in (
        "Connection error",
        "Streamlit server is not responding. Are you connected to the internet?",
        "Is Streamlit still running?",
        "streamlit run yourscript.py",
    ):
        assert english in bundle, english  # an upgrade that rewords the dialog: update SCRIPT in pages/ui/style.py
        assert english.split(" ")[0].lower() in SCRIPT.lower()  # and the script still looks for it
