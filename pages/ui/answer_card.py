"""The answer card: progress, the question and its options, answered in the browser and stored by one small HTTP
request (netral/quizzes/web.py) instead of a rerun of the quiz page; the page reruns only to move on.

What the card promises the peserta, since the page no longer redraws on a tap:
- each tap is sent at once, one request at a time per question, the newest choice last, so the stored answer is
  the one on screen; "Tersimpan" only after the server said so; the progress counts stored answers;
- a tap that was not stored says so (the server's reason) and offers "Simpan ulang"; the choice stays on screen,
  also after moving away and back in the same tab, and leaving the page asks first;
- a click elsewhere on the page (Berikutnya, Periksa, a number, Kirim) while an answer is on its way waits for it
  and then goes through, so the server never checks, moves past or submits before the answer on screen is stored;
  if that answer failed, the click is dropped with a word, and the next one goes through.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping

import streamlit as st

from netral.core.enums import QuestionKind
from netral.quizzes.view import AttemptView
from netral.quizzes.web import ANSWER_PATH
from pages.ui import state

_JS = r"""
const NET = window.__netralKartu || (window.__netralKartu = { pending: 0, held: null, replaying: false, unsaved: {} });

function guardPage() {
  if (NET.guarded) return;
  NET.guarded = true;
  document.addEventListener("click", (event) => {
    if (NET.replaying || NET.pending === 0) return;
    const target = event.target instanceof Element ? event.target.closest("button, label, input, a") : null;
    if (!target || target.closest(".netral-kartu")) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    NET.held = target;
    if (NET.say) NET.say("Menunggu jawaban tersimpan…", false);
  }, true);
  window.addEventListener("beforeunload", (event) => {
    const unsaved = Object.keys(NET.unsaved).length > 0 && document.querySelector(".netral-kartu");  // on the quiz
    if (NET.pending > 0 || unsaved) { event.preventDefault(); event.returnValue = ""; }
  });
}

function release(failed) {
  if (NET.pending > 0 || !NET.held) return;
  const target = NET.held;
  NET.held = null;
  if (failed) {
    if (NET.say) NET.say("Jawaban di atas BELUM TERSIMPAN. Ketuk Simpan ulang, atau ketuk lagi untuk tetap lanjut.", true);
    return;
  }
  NET.replaying = true;
  try { target.click(); } finally { NET.replaying = false; }
}

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  guardPage();
  const id = data.attempt + ":" + data.position;
  const old = parentElement.querySelector(".netral-kartu");
  if (old && old.dataset.sig === data.sig) return;
  if (old) old.remove();  // only the card: the element also holds the component's <style>
  const card = make("div", "netral-kartu");
  card.dataset.sig = data.sig;
  const multiple = data.kind === "multiple";
  const where = make("p", "netral-posisi");
  const bar = make("div", "netral-bar");
  const fill = make("div", "netral-isi");
  bar.appendChild(fill);
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-label", "Soal terjawab");
  bar.setAttribute("aria-valuemin", "0");
  bar.setAttribute("aria-valuemax", String(data.total));
  const question = make("p", "netral-soal", data.text);
  question.id = "netral-soal-" + data.attempt + "-" + data.position;
  card.append(where, bar, question);
  if (multiple) card.appendChild(make("p", "netral-petunjuk", "Pilih semua jawaban yang benar."));
  const group = make("div", "netral-pilihan");
  group.setAttribute("role", multiple ? "group" : "radiogroup");
  group.setAttribute("aria-labelledby", question.id);
  let remembered = NET.unsaved[id];
  if (remembered && remembered.join() === data.selected.join()) {  // stored since (on another device, or later)
    delete NET.unsaved[id];
    remembered = undefined;
  }
  const shown = remembered || data.selected;
  for (const [value, text] of data.options) {
    const row = make("label", "netral-opsi");
    const input = document.createElement("input");
    input.type = multiple ? "checkbox" : "radio";
    input.name = "netral-jawab-" + id;
    input.value = value;
    input.checked = shown.includes(value);
    input.disabled = data.locked;
    row.append(input, make("span", "", text));
    group.appendChild(row);
  }
  const status = make("p", "netral-status");
  status.setAttribute("role", "status");
  const retry = make("button", "netral-ulang", "Simpan ulang jawaban");
  retry.type = "button";
  retry.hidden = true;
  card.append(group, status, retry);
  parentElement.appendChild(card);

  let answered = data.answered, had = data.selected.length > 0, inFlight = false, wanted = null;
  const count = () => {
    where.textContent = "Soal " + (data.position + 1) + " dari " + data.total + " · " + answered + " dari " +
      data.total + " soal terjawab";
    fill.style.width = (data.total ? (100 * answered) / data.total : 0) + "%";
    bar.setAttribute("aria-valuenow", String(answered));
  };
  const say = (text, problem) => {
    status.textContent = text;
    status.classList.toggle("masalah", problem);
  };
  NET.say = say;
  count();
  if (remembered) {
    say("Jawaban soal ini BELUM TERSIMPAN.", true);
    retry.hidden = false;
  }
  const chosen = () => Array.from(group.querySelectorAll("input")).filter((box) => box.checked).map((box) => box.value);
  const send = () => {
    if (inFlight || wanted === null) return;
    const selected = wanted;
    wanted = null;
    inFlight = true;
    NET.pending += 1;
    say("Menyimpan…", false);
    retry.hidden = true;
    fetch(data.url, {
      method: "POST", credentials: "same-origin", keepalive: true, cache: "no-store",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ percobaan: data.attempt, soal: data.position, pilihan: selected }),
    })
      .then((response) => response.json().catch(() => ({})).then((body) => [response.status, body]))
      .catch(() => [0, {}])
      .then(([code, body]) => {
        inFlight = false;
        NET.pending -= 1;
        const failed = code !== 200;
        if (!failed) {
          delete NET.unsaved[id];
          answered += (selected.length > 0 ? 1 : 0) - (had ? 1 : 0);
          had = selected.length > 0;
          count();
          if (wanted === null) say("Jawaban tersimpan.", false);
          if (data.confirming) setTriggerValue("saved", Date.now());
        } else {
          NET.unsaved[id] = selected;
          const reason = body && typeof body.pesan === "string" ? body.pesan :
            "Sambungan terputus, jadi jawaban ini BELUM TERSIMPAN. Periksa sinyal, lalu ketuk Simpan ulang.";
          say(reason, true);
          retry.hidden = code === 409;
          if (code === 409) setTriggerValue("refused", reason);
        }
        if (wanted !== null) send();
        else release(failed);
      });
  };
  const tapped = () => { wanted = chosen(); send(); };
  if (!data.locked) group.addEventListener("change", tapped);
  retry.addEventListener("click", tapped);
}
"""

# Sizes as the rest of the page on a phone (pages/ui/style.py): 16 px text, rows of at least 44 px to tap, and tight
# enough that a 60-word question, its four options and Berikutnya fit a 360×740 screen (tests/e2e/test_phone.py).
# The status line keeps its height while empty, so "Jawaban tersimpan." does not push Berikutnya down.
_CSS = """
.netral-kartu { font-size: 1rem; }
.netral-kartu .netral-posisi { margin: 0 0 0.25rem; font-weight: 600; }
.netral-kartu .netral-bar { height: 0.5rem; border-radius: 0.25rem; background: var(--st-secondary-background-color, #f0f2f6);
  margin-bottom: 0.5rem; overflow: hidden; }
.netral-kartu .netral-isi { height: 100%; background: var(--st-primary-color, #0b5cad); }
.netral-kartu .netral-soal { margin: 0 0 0.5rem; white-space: pre-line; }
.netral-kartu .netral-petunjuk { margin: 0 0 0.5rem; color: #555; }
.netral-kartu .netral-pilihan { display: flex; flex-direction: column; gap: 0.1rem; }
.netral-kartu .netral-opsi { display: flex; align-items: center; gap: 0.6rem; min-height: 44px; padding: 0.15rem 0.5rem;
  border-radius: 0.5rem; cursor: pointer; line-height: 1.3; }
.netral-kartu .netral-opsi:has(input:checked) { background: var(--st-secondary-background-color, #f0f2f6); }
.netral-kartu .netral-opsi input { width: 1.35rem; height: 1.35rem; flex: none; margin: 0;
  accent-color: var(--st-primary-color, #0b5cad); }
.netral-kartu .netral-status { min-height: 1.3rem; line-height: 1.3rem; margin: 0.2rem 0 0; color: #2e6b34; }
.netral-kartu .netral-status.masalah { color: #8a1c12; font-weight: 600; }
.netral-kartu .netral-ulang { min-height: 44px; font-size: 1rem; padding: 0.4rem 1rem; border-radius: 0.5rem; border: none;
  background: var(--st-primary-color, #0b5cad); color: #fff; margin-top: 0.25rem; }
"""

CARD_COMPONENT = "netral_kartu_jawab"
_card = st.components.v2.component(CARD_COMPONENT, js=_JS, css=_CSS, isolate_styles=False)


def answer_card(view: AttemptView, *, confirming: bool, on_saved: Callable[[], None], on_refused: Callable[[], None]) -> None:
    """Draw the question on screen as an answer card; `on_saved` runs after a stored tap while the submit overview is
    open (it counts the answers), `on_refused` after the server refused a tap (time up, submitted elsewhere)."""
    question = view.current_question
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    data = {
        "url": (f"/{base}" if base else "") + ANSWER_PATH,
        "attempt": view.attempt_id,
        "position": question.position,
        "total": len(view.questions),
        "answered": view.answered,
        "kind": "multiple" if question.kind == QuestionKind.MULTIPLE else "single",
        "text": question.text,
        "options": [list(option) for option in question.options],
        "selected": list(question.selected),
        "locked": question.checked is not None,
        "confirming": confirming,
    }
    # The browser builds the card again only when this changes: a rerun that draws the same question as stored
    # keeps what the person sees (a choice on its way, a message).
    data["sig"] = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
    _card(data=data, key=card_key(view.attempt_id), on_saved_change=on_saved, on_refused_change=on_refused)


def card_key(attempt_id: int) -> str:
    """The card's widget key in an attempt."""
    return f"kartu_{attempt_id}"


def refusal_of(attempt_id: int) -> str:
    """The server's reason the card showed for the tap it just reported refused."""
    value = state.widget_value(card_key(attempt_id))
    reason = value.get("refused") if isinstance(value, Mapping) else None
    return reason if isinstance(reason, str) and reason else "Jawaban ini BELUM TERSIMPAN."
