"""A module's branching scenario (`scenario.yaml`): situations, choices with consequences, endings.

Validated as a graph: every node reachable from the start, every choice leading somewhere that exists,
every path ending (no loop unless the choice says `loop: true` and an ending stays reachable), every
citation in `sources.yaml` and strong enough to rest a verdict on, every category known.
"""

from __future__ import annotations

import re
from typing import Any

from netral.content.bank.fields import FieldReader
from netral.content.bank.model import KEY_CERTAINTIES, REPEALED, BankError, Category, Source
from netral.content.bank.wording import certainties

# Node, ending and choice ids: short, lowercase, stored with every choice a peserta makes.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,38}$")


def load_scenario(
    data: Any, *, file: str, sources: dict[str, Source], categories: dict[str, Category], errors: list[BankError]
) -> dict[str, Any] | None:
    """The scenario as stored (plain data), or None after adding every problem found to `errors`."""
    top = FieldReader(file, "", errors)
    raw = data.get("scenario") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        top.error("scenario", "berkas harus berisi pemetaan 'scenario:' (title, start, nodes, endings)")
        return None
    before = len(errors)
    endings = {e["id"]: e for e in (_ending(item, file, errors) for item in _list(raw, "endings", top)) if e}
    nodes = {n["id"]: n for n in (_node(item, file, sources, categories, errors) for item in _list(raw, "nodes", top)) if n}
    clash = set(endings) & set(nodes)
    for name in sorted(clash):
        errors.append(BankError(file, name, "id", "id dipakai oleh situasi dan akhir sekaligus"))
    start = top.text(raw, "start")
    if start and start not in nodes:
        top.error("start", f"situasi awal {start!r} tidak ada di nodes")
    scenario = {
        "title": top.text(raw, "title"),
        "intro": top.text(raw, "intro", required=False),
        "start": start,
        "allow_back": bool(raw.get("allow_back", False)),
        "nodes": nodes,
        "endings": endings,
    }
    if len(errors) == before:
        _check_graph(scenario, file, errors)
    return scenario if len(errors) == before else None


def _list(raw: dict[str, Any], key: str, where: FieldReader) -> list[Any]:
    items = raw.get(key)
    if not isinstance(items, list) or not items:
        where.error(key, f"harus daftar '{key}:' berisi minimal satu entri")
        return []
    return items


def _ending(item: Any, file: str, errors: list[BankError]) -> dict[str, Any] | None:
    where = FieldReader(file, str(item.get("id", "(akhir)")) if isinstance(item, dict) else "(akhir)", errors)
    if not isinstance(item, dict):
        where.error("(akhir)", "harus berupa pemetaan (id, verdict, text, score)")
        return None
    text = where.text(item, "text")
    _wording(text, where, "text")
    return {
        "id": where.text(item, "id", pattern=NAME_PATTERN),
        "verdict": where.text(item, "verdict"),
        "text": text,
        "score": where.integer(item, "score", low=0, high=100),
    }


def _node(
    item: Any, file: str, sources: dict[str, Source], categories: dict[str, Category], errors: list[BankError]
) -> dict[str, Any] | None:
    where = FieldReader(file, str(item.get("id", "(situasi)")) if isinstance(item, dict) else "(situasi)", errors)
    if not isinstance(item, dict):
        where.error("(situasi)", "harus berupa pemetaan (id, text, choices)")
        return None
    choices = []
    raw_choices = item.get("choices")
    if not isinstance(raw_choices, list) or len(raw_choices) < 2:
        where.error("choices", "situasi harus punya minimal 2 pilihan")
        raw_choices = []
    for index, choice in enumerate(raw_choices):
        at = f"choices[{index + 1}]"
        if not isinstance(choice, dict):
            where.error(at, "harus berupa pemetaan (id, text, consequence, legal_basis, category, sound, next)")
            continue
        consequence = where.text(choice, "consequence", field_name=f"{at}.consequence")
        _wording(consequence, where, f"{at}.consequence")
        category = where.text(choice, "category", field_name=f"{at}.category")
        if category and category not in categories:
            where.error(f"{at}.category", f"kategori {category!r} tidak ada di categories.yaml")
        sound = choice.get("sound")
        if not isinstance(sound, bool):
            where.error(f"{at}.sound", "harus true (pilihan yang netral) atau false")
        choices.append(
            {
                "id": where.text(choice, "id", field_name=f"{at}.id", pattern=NAME_PATTERN),
                "text": where.text(choice, "text", field_name=f"{at}.text"),
                "consequence": consequence,
                "legal_basis": _citations(choice, sources, where, f"{at}.legal_basis"),
                "category": category,
                "sound": bool(sound),
                "next": where.text(choice, "next", field_name=f"{at}.next"),
                "loop": bool(choice.get("loop", False)),
            }
        )
    ids = [c["id"] for c in choices]
    if len(set(ids)) != len(ids):
        where.error("choices", "id pilihan ganda")
    return {
        "id": where.text(item, "id", pattern=NAME_PATTERN),
        "text": where.text(item, "text"),
        "back": bool(item.get("back", True)),
        "choices": choices,
    }


def _citations(choice: dict[str, Any], sources: dict[str, Source], where: FieldReader, at: str) -> list[dict[str, str]]:
    raw = choice.get("legal_basis")
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        where.error(at, "harus daftar id sumber dari sources.yaml (minimal satu)")
        return []
    cited = []
    for source_id in raw:
        source = sources.get(source_id)
        if source is None:
            where.error(at, f"sumber {source_id!r} tidak ada di sources.yaml")
        elif source.certainty not in KEY_CERTAINTIES or source.status == REPEALED:
            where.error(at, f"sumber {source_id!r} ({source.certainty}, {source.status}) tidak boleh menjadi dasar putusan")
        else:
            cited.append({"id": source.id, "label": source.label})
    return cited


def _wording(text: str, where: FieldReader, at: str) -> None:
    for phrase in certainties(text):
        where.error(at, f'sanksi ditulis sebagai kepastian ({phrase!r}); tulis "dapat dikenai ..."')


def _check_graph(scenario: dict[str, Any], file: str, errors: list[BankError]) -> None:
    nodes, endings = scenario["nodes"], scenario["endings"]
    for node in nodes.values():
        for choice in node["choices"]:
            if choice["next"] not in nodes and choice["next"] not in endings:
                errors.append(BankError(file, node["id"], f"pilihan {choice['id']}", f"menuju {choice['next']!r} yang tidak ada"))
    if any(e.file == file for e in errors):
        return
    reached = _reachable(scenario["start"], nodes, follow_loops=True)
    for name in [*nodes, *endings]:
        if name not in reached:
            errors.append(BankError(file, name, "(graf)", "tidak dapat dicapai dari situasi awal"))
    _check_loops(scenario["start"], nodes, file, errors)
    for node in nodes.values():
        if not any(name in endings for name in _reachable(node["id"], nodes, follow_loops=True)):
            errors.append(BankError(file, node["id"], "(graf)", "tidak ada jalan dari sini ke akhir mana pun"))


def _reachable(start: str, nodes: dict[str, Any], *, follow_loops: bool) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in nodes:
            stack += [c["next"] for c in nodes[name]["choices"] if follow_loops or not c["loop"]]
    return seen


def _check_loops(start: str, nodes: dict[str, Any], file: str, errors: list[BankError]) -> None:
    # Depth-first over the choices not marked `loop: true`: a way back to a node still on the path is a loop
    # the author did not mean.
    state: dict[str, int] = {}

    def visit(name: str) -> None:
        state[name] = 1
        for choice in nodes[name]["choices"] if name in nodes else ():
            if choice["loop"]:
                continue
            target = choice["next"]
            if state.get(target) == 1:
                errors.append(
                    BankError(file, name, f"pilihan {choice['id']}", f"kembali ke {target!r}: putaran tanpa loop: true")
                )
            elif target not in state:
                visit(target)
        state[name] = 2

    visit(start)
