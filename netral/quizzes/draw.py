"""Drawing questions for an attempt: every module, then every topic within it, gets its share."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def stratified_draw(
    pool: Sequence[T], count: int | None, strata: Sequence[tuple[Hashable, Hashable]], rng: random.Random
) -> list[T]:
    """Draw `count` items (all when None) so each module, and each topic within a module, is represented.

    `strata[i]` is (module, topic) of `pool[i]`. Shares follow the strata sizes (largest remainder), with
    at least one per stratum whenever `count` allows it; within a stratum the pick is random.
    """
    if count is None or count >= len(pool):
        return list(pool)
    by_module: dict[Hashable, dict[Hashable, list[T]]] = defaultdict(lambda: defaultdict(list))
    for item, (module, topic) in zip(pool, strata, strict=True):
        by_module[module][topic].append(item)
    drawn: list[T] = []
    strata_sizes = {(m, t): len(items) for m, topics in by_module.items() for t, items in topics.items()}
    if count >= len(strata_sizes):
        # Enough for every topic of every module: one each, the rest by size.
        for (module, topic), share in _shares(strata_sizes, count, rng).items():
            drawn += rng.sample(by_module[module][topic], share)
        return drawn
    module_shares = _shares({m: sum(len(v) for v in topics.values()) for m, topics in by_module.items()}, count, rng)
    for module, share in module_shares.items():
        topics = by_module[module]
        for topic, topic_share in _shares({t: len(items) for t, items in topics.items()}, share, rng).items():
            drawn += rng.sample(topics[topic], topic_share)
    return drawn


def _shares(sizes: dict[K, int], count: int, rng: random.Random) -> dict[K, int]:
    keys = list(sizes)
    rng.shuffle(keys)  # ties and the minimum-one pass favour no stratum systematically
    shares = dict.fromkeys(keys, 0)
    if count >= len(keys):
        for key in keys:
            shares[key] = 1
        remaining = count - len(keys)
    else:
        for key in keys[:count]:
            shares[key] = 1
        return shares
    capacity = {key: sizes[key] - shares[key] for key in keys}
    total = sum(capacity.values())
    if total == 0 or remaining == 0:
        return shares
    exact = {key: remaining * capacity[key] / total for key in keys}
    for key in keys:
        shares[key] += int(exact[key])
    leftover = remaining - sum(int(value) for value in exact.values())
    for key in sorted(keys, key=lambda k: exact[k] - int(exact[k]), reverse=True):
        if leftover == 0:
            break
        if shares[key] < sizes[key]:
            shares[key] += 1
            leftover -= 1
    return shares
