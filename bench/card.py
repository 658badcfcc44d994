"""The quiz's answer card as a load generator sees it: its data in the page, and a tap as the browser sends it.

A tap on the card is one POST to /api/kuis/jawab with the login cookie (netral/quizzes/web.py), not a rerun
over the websocket; this is what the browser's card does (pages/ui/answer_card.py), minus the drawing.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from bench.http import Phone
from bench.wire import ProtocolError, Screen, Tab
from pages.ui.answer_card import CARD_COMPONENT


@dataclass(frozen=True)
class Card:
    """The question on screen as the card was given it."""

    url: str
    attempt_id: int
    position: int
    total: int
    multiple: bool
    options: list[str]
    selected: list[str]

    @classmethod
    def on(cls, screen: Screen) -> Card | None:
        """The answer card on this screen, if any."""
        for element in screen.elements:
            if element.WhichOneof("type") == "bidi_component" and element.bidi_component.component_name.endswith(CARD_COMPONENT):
                data = json.loads(element.bidi_component.json)
                return cls(
                    data["url"], data["attempt"], data["position"], data["total"], data["kind"] == "multiple",
                    [option for option, _text in data["options"]], list(data["selected"]),
                )  # fmt: skip
        return None


async def tap(tab: Tab, card: Card, selected: list[str]) -> Screen:
    """Store `selected` for the card's question as the browser does; the Screen carries the time it took
    (and no elements: nothing is drawn again). A refusal raises ProtocolError."""
    if tab.http is None:
        name, _eq, value = tab.cookie.partition("=")
        tab.http = Phone(tab.base_url.rstrip("/"), cookies={name: value} if tab.cookie else {})
    body = json.dumps({"percobaan": card.attempt_id, "soal": card.position, "pilihan": selected}).encode()
    started = time.perf_counter()
    response = await tab.http.request("POST", card.url, body, content_type="application/json")
    if response.status != 200:
        raise ProtocolError(f"answer not stored ({response.status}): {response.body[:200]!r}")
    tab.taps[(card.attempt_id, card.position)] = selected
    return Screen(seconds=time.perf_counter() - started, page_name=tab.page_name, query=tab.query)


def shown_choice(tab: Tab, card: Card) -> list[str]:
    """What the card shows as chosen: the last stored tap of this tab, else what the page was drawn with."""
    return tab.taps.get((card.attempt_id, card.position), card.selected)
