"""The remaining time of an attempt, counted in the browser from the server's figure."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

# The clock is role="timer" (not announced each second); warnings go to a polite
# status region at 5 minutes, 1 minute and at the end, which screen readers speak once.
_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (parentElement.__netralTimer) clearInterval(parentElement.__netralTimer);
  let box = parentElement.querySelector(".netral-timer");
  if (!box) {
    box = document.createElement("div");
    box.className = "netral-timer";
    box.innerHTML = '<span class="label">Sisa waktu</span> <span class="clock" role="timer" aria-live="off"></span>' +
      '<div class="warning" role="status" aria-live="polite"></div>';
    parentElement.appendChild(box);
  }
  const clock = box.querySelector(".clock");
  const warning = box.querySelector(".warning");
  const end = Date.now() + data.seconds * 1000;
  let warnedFive = data.seconds <= 300, warnedOne = data.seconds <= 60, fired = false;
  if (data.seconds <= 60) warning.textContent = "Sisa waktu kurang dari 1 menit.";
  else if (data.seconds <= 300) warning.textContent = "Sisa waktu kurang dari 5 menit.";
  const render = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const minutes = Math.floor(left / 60), seconds = left % 60;
    clock.textContent = minutes + ":" + String(seconds).padStart(2, "0");
    box.classList.toggle("urgent", left <= 60);
    if (!warnedFive && left <= 300) { warnedFive = true; warning.textContent = "Sisa waktu 5 menit."; }
    if (!warnedOne && left <= 60) { warnedOne = true; warning.textContent = "Sisa waktu 1 menit. Periksa jawaban Anda."; }
    if (left === 0 && !fired) {
      fired = true;
      warning.textContent = "Waktu habis. Jawaban yang tersimpan sedang dikirim.";
      setTriggerValue("expired", Date.now());
    }
  };
  render();
  parentElement.__netralTimer = setInterval(render, 1000);
  return () => clearInterval(parentElement.__netralTimer);
}
"""
_CSS = """
.netral-timer { font-size: 1.15rem; padding: 0.4rem 0.75rem; border-radius: 0.5rem;
  background: var(--st-secondary-background-color); color: var(--st-text-color); display: inline-block; }
.netral-timer .clock { font-weight: 700; font-variant-numeric: tabular-nums; }
.netral-timer.urgent { background: #fdecea; color: #8a1c12; }
.netral-timer .warning:empty { display: none; }
.netral-timer .warning { font-size: 1rem; margin-top: 0.25rem; }
"""
_timer = st.components.v2.component("netral_timer", js=_JS, css=_CSS)


def countdown(seconds_left: int, *, on_expired: Callable[[], None], key: str) -> None:
    """Show the time left; when it reaches zero the page reruns so the server can close the attempt."""
    _timer(data={"seconds": seconds_left}, key=key, on_expired_change=on_expired)
