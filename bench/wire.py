"""A browser tab without a browser: Streamlit's websocket protocol, spoken by the load generator and crash tests.

This is the one module of `netral/` that imports from Streamlit, and only its protocol
messages (`streamlit.proto`): it is a client of the server, like Chromium, not UI code.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import ClientConnection, connect

STREAM_PATH = "/_stcore/stream"
_RERUN_AGAIN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


class ProtocolError(RuntimeError):
    """The server answered in a way a browser would show as an error."""


@dataclass
class Screen:
    """What one finished run put on the page: its elements in order, and how long the run took to arrive."""

    elements: list[Element] = field(default_factory=list)
    seconds: float = 0.0
    page_name: str = ""
    query: str = ""

    def texts(self) -> Iterator[str]:
        """Every piece of text shown: markdown bodies, headings, alerts, captions."""
        for element in self.elements:
            kind = element.WhichOneof("type")
            if kind == "progress":
                yield element.progress.text
            elif kind == "bidi_component" and element.bidi_component.json:  # the quiz's answer card (bench/card.py)
                data = json.loads(element.bidi_component.json)
                if "position" in data and "total" in data:
                    yield f"**Soal {data['position'] + 1} dari {data['total']}**"
                    yield str(data.get("text", ""))
            elif kind in ("markdown", "heading", "alert", "text", "exception"):
                body = getattr(element, kind)
                yield getattr(body, "body", "") or getattr(body, "message", "")

    def shows(self, text: str) -> bool:
        """True when some text on the page contains `text`."""
        return any(text in body for body in self.texts())

    def widget(self, kind: str, label: str | None = None) -> Any:
        """The first widget of a kind (radio, button, checkbox...) with this label, or any label when None."""
        for element in self.elements:
            if element.WhichOneof("type") == kind:
                widget = getattr(element, kind)
                if label is None or widget.label == label:
                    return widget
        raise ProtocolError(f"no {kind} {label!r} on page {self.page_name!r}: {list(self.texts())[:6]}")

    def has_widget(self, kind: str, label: str | None = None) -> bool:
        """True when the page holds such a widget."""
        try:
            self.widget(kind, label)
        except ProtocolError:
            return False
        return True


@dataclass
class Tab:
    """One session: a websocket to the server, the cookie it was opened with, and the widget values it holds."""

    base_url: str
    cookie: str = ""
    forwarded_for: str = ""  # as a trusted proxy (nginx) would send it: the client the server counts against
    connection: ClientConnection | None = None
    values: dict[str, WidgetState] = field(default_factory=dict)
    page_name: str = ""
    page_hash: str = ""
    query: str = ""
    screen: Screen = field(default_factory=Screen)
    # What the page shows, by delta path, with the fragment that drew it: a fragment's rerun replaces only its part,
    # as in the browser, and a widget drawn by a fragment reruns only that fragment (the browser sends its id).
    shown: dict[tuple[int, ...], tuple[str, Element]] = field(default_factory=dict)
    fragment_of: dict[str, str] = field(default_factory=dict)
    # The answer card's taps go over HTTP (bench/card.py): the connection, and what each question was last given.
    http: Any = None
    taps: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    async def open(self, page_name: str = "", query: str = "") -> Screen:
        """Connect as a fresh tab on /page_name?query and wait for the first run to finish."""
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        self.connection = await connect(
            f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=f"{parts.scheme}://{parts.netloc}",  # type: ignore[arg-type]
            additional_headers=headers,
            compression=None,
            max_size=2**24,
            open_timeout=30,
        )
        self.page_name, self.page_hash, self.query = page_name, "", query
        return await self.rerun()

    async def rerun(self, changed: Iterable[WidgetState] = ()) -> Screen:
        """Send the widget values (as a browser does after an interaction) and wait for the run to finish."""
        if self.connection is None:
            raise ProtocolError("tab is not open")
        triggers = []
        changed = list(changed)
        fragments = {self.fragment_of.get(state.id, "") for state in changed}
        fragment_id = fragments.pop() if len(fragments) == 1 else ""
        for state in changed:
            if state.WhichOneof("value") == "trigger_value":
                triggers.append(state)
            else:
                self.values[state.id] = state
        message = BackMsg(
            rerun_script=ClientState(
                query_string=self.query,
                page_script_hash=self.page_hash,
                page_name="" if self.page_hash else self.page_name,
                widget_states=WidgetStates(widgets=[*self.values.values(), *triggers]),
                context_info=ContextInfo(timezone="Asia/Jakarta", locale="id-ID", url=self.base_url),
                fragment_id=fragment_id,
            )
        )
        started = time.perf_counter()
        await self.connection.send(message.SerializeToString())
        self.screen = await self._read_until_finished()
        self.screen.seconds = time.perf_counter() - started
        return self.screen

    async def choose(self, label: str | None, option_index: int) -> Screen:
        """Pick an option of a radio (by its label) and wait for the run."""
        radio = self.screen.widget("radio", label)
        return await self.rerun([WidgetState(id=radio.id, string_value=radio.options[option_index])])

    async def tick(self, label: str, value: bool) -> Screen:
        """Tick (or clear) a checkbox by its label and wait for the run."""
        box = self.screen.widget("checkbox", label)
        return await self.rerun([WidgetState(id=box.id, bool_value=value)])

    def ticked(self, widget_id: str) -> bool:
        """Whether this tab last sent a checkbox as ticked."""
        state = self.values.get(widget_id)
        return state is not None and state.bool_value

    async def click(self, label: str) -> Screen:
        """Press a button and wait for the run."""
        button = self.screen.widget("button", label)
        return await self.rerun([WidgetState(id=button.id, trigger_value=True)])

    async def submit_form(self, texts: dict[str, str], button: str) -> Screen:
        """Fill a form's text inputs (by label) and press its submit button, as one browser submission."""
        states = [
            WidgetState(id=self.screen.widget("text_input", label).id, string_value=value) for label, value in texts.items()
        ]
        submit = WidgetState(id=self.screen.widget("button", button).id, trigger_value=True)
        return await self.rerun([*states, submit])

    async def close(self) -> None:
        """Close the websocket, as closing the tab does."""
        if self.connection is not None:
            await self.connection.close()
            self.connection = None
        if self.http is not None:
            await self.http.close()
            self.http = None

    async def _read_until_finished(self) -> Screen:
        assert self.connection is not None
        screen = Screen(page_name=self.page_name, query=self.query)
        while True:
            raw = await asyncio.wait_for(self.connection.recv(), timeout=120)
            message = ForwardMsg()
            message.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                fragments = set(message.metadata.run.fragment_ids)
                self.shown = {path: drawn for path, drawn in self.shown.items() if fragments and drawn[0] not in fragments}
                if not fragments:
                    self.fragment_of = {}
            elif kind == "navigation":
                if self.page_hash and message.navigation.page_script_hash != self.page_hash:
                    self.values = {}  # another page: its widgets start afresh, as in a browser
                self.page_hash = message.navigation.page_script_hash
                self.page_name = next(
                    (p.url_pathname for p in message.navigation.app_pages if p.page_script_hash == self.page_hash), ""
                )
                screen.page_name = self.page_name
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                self.shown[tuple(message.metadata.delta_path)] = (message.delta.fragment_id, element)
                widget = getattr(element, element.WhichOneof("type") or "", None)
                if message.delta.fragment_id and isinstance(getattr(widget, "id", None), str):
                    self.fragment_of[widget.id] = message.delta.fragment_id  # type: ignore[union-attr]
            elif kind == "page_info_changed":
                self.query = screen.query = message.page_info_changed.query_string
            elif kind == "page_not_found":
                raise ProtocolError(f"page not found: {message.page_not_found.page_name!r}")
            elif kind == "script_finished" and message.script_finished != _RERUN_AGAIN:
                screen.elements = [element for _, (_, element) in sorted(self.shown.items())]
                return screen
