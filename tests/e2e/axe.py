"""axe-core from the npm registry, pinned and verified, injected into a page to find accessibility violations."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.conftest import IN_CI
from tests.e2e.conftest import ARTIFACTS

AXE_VERSION = "4.14.1"
# dist.integrity of https://registry.npmjs.org/axe-core/4.14.1: the SHA-512 of the tarball, base64.
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
REGISTRY = "https://registry.npmjs.org/axe-core/"
CACHE = ARTIFACTS / ".cache" / f"axe-core-{AXE_VERSION}.tgz"  # test-artifacts/ is git-ignored
SEVERE = ("serious", "critical")

# Streamlit's own chrome that Netral cannot change, one entry per (where, rule, why). Nothing inside
# [data-testid=stMain] may be listed: everything Netral renders there must pass every rule. Empty: axe-core
# found nothing serious or critical in Streamlit 1.67's header, toolbar or sidebar on these pages.
ALLOWED: list[tuple[str, str, str]] = []


class AxeUnavailable(Exception):
    """The registry could not be reached (a network problem, not a wrong file)."""


def _integrity_ok(tarball: bytes) -> bool:
    return "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode() == AXE_INTEGRITY


def _download() -> bytes:
    try:
        with urllib.request.urlopen(REGISTRY + AXE_VERSION, timeout=30) as response:
            dist = json.load(response)["dist"]
        if dist["integrity"] != AXE_INTEGRITY:
            pytest.fail(f"the registry's integrity for axe-core {AXE_VERSION} is {dist['integrity']}, not the pinned one")
        with urllib.request.urlopen(dist["tarball"], timeout=60) as response:
            return bytes(response.read())
    except OSError as exc:
        raise AxeUnavailable(f"axe-core {AXE_VERSION} could not be fetched from the npm registry: {exc}") from exc


def axe_script() -> str:
    """The text of axe.min.js from the pinned tarball: cached, and checked against the pinned SHA-512 every time."""
    cached = CACHE.exists()
    tarball = CACHE.read_bytes() if cached else _download()
    if not _integrity_ok(tarball):
        CACHE.unlink(missing_ok=True)
        pytest.fail(f"axe-core {AXE_VERSION} tarball does not match the pinned SHA-512 (no copy kept)")
    if not cached:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(tarball)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        assert member is not None
        return member.read().decode()


def load_axe() -> str:
    """axe.min.js for a test; without the registry the test is skipped on a laptop and fails in CI."""
    try:
        return axe_script()
    except AxeUnavailable as exc:
        if IN_CI:
            pytest.fail(f"CI=true: {exc}")
        pytest.skip(str(exc))


_RUN = """
async ([allowed, severe]) => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  const found = [];
  for (const violation of result.violations) {
    if (!severe.includes(violation.impact)) continue;
    for (const node of violation.nodes) {
      const element = document.querySelector(node.target[0]);
      const inMain = !!(element && element.closest("[data-testid=stMain]"));
      const excused = !inMain && allowed.some(([where, rule]) => rule === violation.id && element && element.closest(where));
      if (!excused) found.push({ rule: violation.id, impact: violation.impact, target: node.target.join(" "),
                                 html: node.html.slice(0, 200), why: node.failureSummary });
    }
  }
  return found;
}
"""


def violations(page: Page, source: str) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now, less the allow-list of Streamlit's chrome."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    allowed = [[where, rule] for where, rule, _ in ALLOWED]
    return list(page.evaluate(_RUN, [allowed, list(SEVERE)]))


def describe(found: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['impact']} {v['rule']} at {v['target']}: {v['html']}\n  {v['why']}" for v in found)
