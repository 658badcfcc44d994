"""Hostile GIFT files: reading stays linear in the file's size, and odd comments become problems, never crashes."""

from __future__ import annotations

import subprocess
import sys

from netral.content.interop.gift import parse_gift
from tests.conftest import ROOT

# A question whose [html] text is 400 KB of "<" without ">", and one of tags padded with spaces:
# with the old patterns each "<" rescanned the rest of the text (minutes, with every other user of
# the process waiting); linear patterns take milliseconds. The child's deadline is the failure.
HOSTILE = """
from netral.content.interop.gift import parse_gift
body = "::Q1::[html]" + "<" * 400_000 + "{=a ~b}"
spaces = "::Q2::[html]" + ("<" + " " * 20_000 + "x") * 20 + "{=a ~b}"
for text in (body, spaces):
    parse_gift(text)
print("ok")
"""


def test_an_html_question_of_a_hundred_thousand_angle_brackets_is_read_in_linear_time():
    child = subprocess.run([sys.executable, "-c", HOSTILE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert child.stdout.strip() == "ok", child.stderr[-1000:]


def test_html_questions_keep_their_emphasis_and_lose_their_tags():
    parsed = parse_gift("::Q::[html]<p>Apakah ASN <b>boleh</b> <i>ikut</i><br/>kampanye &amp; rapat?</p>{=Tidak ~Ya}")
    assert parsed.questions[0].item["text"] == "Apakah ASN **boleh** *ikut*\nkampanye & rapat?"


def test_a_comment_nested_a_thousand_deep_is_a_problem_not_a_crash():
    deep = "// netral: " + "[" * 5000 + "]" * 5000 + "\n::Q::Apa?{=a ~b}"
    parsed = parse_gift(deep)
    assert parsed.problems and "JSON" in parsed.problems[0].reason
