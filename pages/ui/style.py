"""Netral's few global style rules: tap targets a thumb can hit, and text with enough contrast (phones, older eyes)."""

from __future__ import annotations

import streamlit as st

# Tap targets are at least 44×44 CSS px (WCAG 2.5.5 Target Size, Apple's and Android's guidance),
# not only the 24 px minimum of 2.5.8: many peserta are 45–60 and answer on a phone with one thumb.
# A radio or checkbox option is tapped anywhere on its row, so the whole row is the target.
# tests/e2e/test_accessibility.py measures every rule here on every peserta page at 360×740.
CSS = """
[data-testid^="stBaseButton-"] { min-height: 44px; }
[data-testid="stPageLink-NavLink"], [data-testid="stSidebarNavLink"] { min-height: 44px; align-items: center; }
[data-testid="stRadioOption"], [data-testid="stCheckbox"] > label { min-height: 44px; width: 100%; align-items: center; }
[data-testid="stRadioOption"] { padding: 0.25rem 0; }  /* two-line answers stay apart */
[data-testid="stButtonGroup"] button { min-height: 44px; min-width: 44px; }
[data-testid="stExpander"] summary { min-height: 44px; }
[data-testid="stTextInputRootElement"] { min-height: 44px; }
[data-testid="stTextInputRootElement"] button { min-width: 44px; min-height: 44px; }
/* Streamlit's caption (text at 60% opacity) is 3.9:1 on white; WCAG 1.4.3 asks 4.5:1 for 14 px text. This is 6.6:1. */
[data-testid="stCaptionContainer"] { color: #5e5d5c; opacity: 1; }
/* A checked quiz answer is locked (disabled) yet read beside its feedback: Streamlit fades it to 40% (2.3:1). */
[data-testid="stMain"] :is([data-testid="stRadio"], [data-testid="stCheckbox"]) :is([disabled], [data-disabled="true"])
  [data-testid="stMarkdownContainer"] p { color: #5e5d5c; }
/* Heading anchors are 16 px links shown on mouse hover only: no use on a touch screen, nor in an app whose
   pages are routes, and too small to tap. */
[data-testid="stMain"] [data-testid="stHeaderActionElements"] { display: none; }
/* The top bar's » and « (open and close the menu) are 28 px by default: a thumb needs 44. */
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"] button { min-width: 44px; min-height: 44px; }
/* Options and buttons are read at arm's length: 16 px, not Streamlit's 14. */
:is([data-testid="stRadioOption"], [data-testid="stCheckbox"], [data-testid^="stBaseButton-"])
  [data-testid="stMarkdownContainer"] p, [data-testid^="stBaseButton-"] { font-size: 1rem; }
/* Streamlit's "Running..." corner (and its English "Stop") adds nothing a spinner does not say. */
[data-testid="stStatusWidget"] { display: none; }
/* The element that carries SCRIPT below takes no room. */
[data-testid="stElementContainer"]:has(.netral-skrip) { display: none; }
/* On a phone the page starts under the top bar, not 96 px lower: the question and Berikutnya fit one screen. */
@media (max-width: 640px) {
  [data-testid="stHeader"] { height: 3rem; min-height: 3rem; }
  [data-testid="stMainBlockContainer"] { padding-top: 3rem; padding-bottom: 2rem; }
  [data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.75rem; }
  [data-testid="stMain"] h3 { font-size: 1.25rem; padding: 0.25rem 0 0; }
  [data-testid="stRadioOption"] [data-testid="stMarkdownContainer"] p { line-height: 1.4; }
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] p { line-height: 1.5; }
  /* the question's box (the one holding the options) loses its frame: the text gets the width, the options the room */
  [data-testid="stMain"] [data-testid="stVerticalBlock"]:has(> [data-testid="stElementContainer"] [data-testid="stRadio"]) {
    padding: 0; border: none;
  }
  [data-testid="stRadioOption"] { padding: 0; }
}
"""
# What CSS cannot do, done once per tab: the menu closes after a tap on a phone (it covers the page), the NIP box
# asks for the number keyboard, and the file uploader's English is put in Indonesian. Streamlit offers no option
# for any of these; the browser tests (tests/e2e/test_phone.py) catch a Streamlit update that changes its markup.
SCRIPT = r"""
(() => {
  if (window.netralUi) return;
  window.netralUi = true;
  document.documentElement.lang = "id";
  const phone = () => window.matchMedia("(max-width: 767.98px)").matches;
  document.addEventListener("click", (event) => {
    if (!phone() || !event.target.closest('[data-testid="stSidebar"] a')) return;
    setTimeout(() => document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click(), 50);
  }, true);
  const words = [
    [/^Drag and drop files? here$/, "Seret berkas ke sini"],
    [/^Browse files$/, "Pilih berkas"],
    [/^Upload$/, "Unggah"],
    [/^(?:Limit )?(\S+) per file(?: • (.*))?$/, (_, size, types) => `Batas ${size} per berkas` + (types ? ` • ${types}` : "")],
  ];
  // Streamlit's dialog when the connection drops (a phone on a weak network, a server restarting): its title,
  // its two messages (the second, for localhost, with a "streamlit run" command) and its close button.
  const lost = [
    [/^Connection error$/, "Koneksi terputus"],
    [/^Streamlit server is not responding\. Are you connected to the internet\?$/,
      "Server Netral belum menjawab. Periksa sambungan internet Anda; halaman akan tersambung lagi dengan sendirinya."],
    [/^Is Streamlit still running\?.*$/,
      "Sambungan ke server Netral terputus. Halaman akan tersambung lagi dengan sendirinya; bila tidak, muat ulang halaman."],
  ];
  const fixDialog = (dialog) => {
    const walker = document.createTreeWalker(dialog, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      if (/^streamlit run /.exec(text)) {
        (node.parentElement.closest("pre") || node.parentElement).style.display = "none";
        continue;
      }
      for (const [english, indonesian] of lost) {
        if (english.exec(text)) { node.nodeValue = indonesian; break; }
      }
    }
    for (const button of dialog.querySelectorAll('button[aria-label="Close"]')) button.setAttribute("aria-label", "Tutup");
  };
  const fix = () => {
    for (const dialog of document.querySelectorAll('[role="dialog"]')) fixDialog(dialog);
    for (const input of document.querySelectorAll('input[aria-label="NIP"]:not([inputmode])')) {
      input.setAttribute("inputmode", "numeric");
    }
    for (const box of document.querySelectorAll('[data-testid="stFileUploader"]')) {
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue.trim();
        for (const [english, indonesian] of words) {
          if (english.exec(text)) { node.nodeValue = text.replace(english, indonesian); break; }
        }
      }
    }
  };
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true, characterData: true });
})();
"""


def apply() -> None:
    """Add the style (a <style>-only st.html goes to the event container) and the script (in a hidden element)."""
    st.html(f"<style>{CSS}</style>")
    st.html(f'<div class="netral-skrip"></div><script>{SCRIPT}</script>', unsafe_allow_javascript=True)
