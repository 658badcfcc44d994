"""Diagrams drawn from data in `questions/diagrams/`: boxes in a column, read top to bottom, as SVG for a phone.

Each diagram is a title, an Indonesian alternative text and a list of items (label, detail, tone), joined by
arrows when the order matters (stages, a ladder, a flow). The SVG is 320 units wide and scales to the column,
so its 14-unit text stays readable at 360 px; the alternative text is its accessible name.
"""

from __future__ import annotations

import base64
import textwrap
from html import escape
from pathlib import Path
from typing import Any

import yaml

from netral.content.bank.model import BankError

WIDTH, PAD, LINE, GAP = 320, 12, 18, 26
TONES = {
    "netral": ("#eef2f7", "#44546a"),
    "hijau": ("#e6f4ea", "#1e6b34"),
    "kuning": ("#fff4d6", "#7a5600"),
    "merah": ("#fde8e8", "#9b1c1c"),
}
LABEL_CHARS, DETAIL_CHARS = 30, 36
ARROW = 'fill="none" stroke="#44546a" stroke-width="2"'


def load_diagrams(folder: Path, root: Path, errors: list[BankError]) -> dict[str, dict[str, Any]]:
    """Every `questions/diagrams/*.yaml`, checked: a title, an alt text, items with a label and a known tone."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        name = str(path.relative_to(root.parent))
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except yaml.YAMLError as exc:
            errors.append(BankError(name, "", "(berkas)", f"YAML tidak valid: {exc}"))
            continue
        raw = data.get("diagram") if isinstance(data, dict) else None
        problems = _problems(raw)
        errors += [BankError(name, "", field, reason) for field, reason in problems]
        if not problems and isinstance(raw, dict):
            found[path.stem] = {
                "title": raw["title"],
                "alt": raw["alt"],
                "arrows": bool(raw.get("arrows", True)),
                "items": [
                    {"label": i["label"], "detail": i.get("detail", ""), "tone": i.get("tone", "netral")} for i in raw["items"]
                ],
            }
    return found


def _problems(raw: Any) -> list[tuple[str, str]]:
    if not isinstance(raw, dict):
        return [("diagram", "berkas harus berisi pemetaan 'diagram:' (title, alt, items)")]
    problems = [(key, "wajib diisi") for key in ("title", "alt") if not isinstance(raw.get(key), str) or not raw[key].strip()]
    items = raw.get("items")
    if not isinstance(items, list) or not 2 <= len(items) <= 10:
        return [*problems, ("items", "harus daftar berisi 2 sampai 10 kotak")]
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str) or not item["label"].strip():
            problems.append((f"items[{number}].label", "wajib diisi"))
        elif item.get("tone", "netral") not in TONES:
            problems.append((f"items[{number}].tone", f"harus salah satu dari {', '.join(TONES)}"))
    return problems


def diagram_img(diagram: dict[str, Any]) -> str:
    """An <img> holding the SVG as a data URI, its alt text the diagram's title and description.

    Streamlit's st.html keeps only HTML elements (its sanitiser drops inline <svg>), and an image with an alt
    text is what a screen reader announces best anyway.
    """
    data = base64.b64encode(diagram_svg(diagram).encode()).decode()
    alt = escape(f"{diagram['title']}. {diagram['alt']}")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}" style="width:100%;max-width:640px;height:auto">'


def diagram_svg(diagram: dict[str, Any]) -> str:
    """The diagram as one SVG element with its title and description (the alt text) for screen readers."""
    parts, y = [], 0
    for number, item in enumerate(diagram["items"]):
        labels = textwrap.wrap(item["label"], LABEL_CHARS)
        details = textwrap.wrap(item["detail"], DETAIL_CHARS) if item["detail"] else []
        height = PAD * 2 + LINE * (len(labels) + len(details))
        fill, ink = TONES[item["tone"]]
        parts.append(f'<rect x="1" y="{y}" width="{WIDTH - 2}" height="{height}" rx="8" fill="{fill}" stroke="{ink}"/>')
        text_y = y + PAD + 14
        for line in labels:
            parts.append(f'<text x="{PAD}" y="{text_y}" font-size="15" font-weight="700" fill="{ink}">{escape(line)}</text>')
            text_y += LINE
        for line in details:
            parts.append(f'<text x="{PAD}" y="{text_y}" font-size="14" fill="#1f2328">{escape(line)}</text>')
            text_y += LINE
        y += height
        if number < len(diagram["items"]) - 1:
            if diagram["arrows"]:
                mid = WIDTH // 2
                parts.append(f'<path d="M{mid} {y + 3} V{y + GAP - 5}" {ARROW}/>')
                parts.append(f'<path d="M{mid - 6} {y + GAP - 11} L{mid} {y + GAP - 3} L{mid + 6} {y + GAP - 11}" {ARROW}/>')
            y += GAP if diagram["arrows"] else 8
    title, alt = escape(diagram["title"]), escape(diagram["alt"])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -1 {WIDTH} {y + 2}" width="100%" role="img" '
        f'aria-label="{title}. {alt}" style="max-width:{WIDTH * 2}px;font-family:sans-serif">'
        f"<title>{title}</title><desc>{alt}</desc>{''.join(parts)}</svg>"
    )
