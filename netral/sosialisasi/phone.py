"""The few small pages a phone in the hall loads: check-in, login, the code form, and the live quiz.

They are plain HTML (a few kilobytes, no Streamlit bundle), readable on a small screen by people of 45-60:
16-20 px text, buttons at least 48 px tall, Bahasa Indonesia only. Everything a user or the database wrote is
escaped on the server (`html.escape`) or set with `textContent` by the script, never as markup.
"""

from __future__ import annotations

from html import escape

JS_PATH = "/api/langsung/aplikasi.js"

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:18px;line-height:1.45;
margin:0;background:#f5f7fa;color:#1a1a1a}
main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.2rem 0 1rem}
.kartu{background:#fff;border-radius:12px;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:1rem}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input{font-size:1.1rem;width:100%;box-sizing:border-box;padding:.7rem;border:1px solid #888;border-radius:8px}
button,.tombol{display:block;width:100%;box-sizing:border-box;min-height:52px;font-size:1.1rem;margin:.6rem 0;
padding:.7rem;border-radius:10px;border:2px solid #1565c0;background:#1565c0;color:#fff;text-align:center;
text-decoration:none;font-weight:600}
button.pilihan{background:#fff;color:#1a1a1a;text-align:left;border-color:#90a4ae}
button.dipilih{border-color:#1565c0;background:#e3f2fd}
button.kunci{border-color:#2e7d32;background:#e8f5e9}
button:disabled{opacity:1}
.pesan{padding:.8rem;border-radius:8px;background:#e8f5e9;border-left:6px solid #2e7d32}
.galat{background:#fdecea;border-left-color:#c62828}
.kecil{font-size:.95rem;color:#444}
"""


def page(title: str, body: str, *, script: bool = False) -> str:
    """A whole page around `body` (already escaped markup)."""
    tail = f'<script src="{JS_PATH}" defer></script>' if script else ""
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · Netral</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main>{tail}</body></html>"
    )


def message_page(title: str, message: str, *, error: bool = False, link: tuple[str, str] | None = None) -> str:
    """A page that says one thing, with at most one next step."""
    button = f'<a class="tombol" href="{escape(link[0])}">{escape(link[1])}</a>' if link else ""
    kind = "pesan galat" if error else "pesan"
    return page(title, f'<h1>{escape(title)}</h1><div class="kartu"><p class="{kind}">{escape(message)}</p>{button}</div>')


def login_page(action: str, hidden: dict[str, str], *, error: str = "", with_code: bool = False, nip: str = "") -> str:
    """Log in with NIP and password (and, without a scan, the 6-character code) to be checked in."""
    fields = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in hidden.items())
    code = (
        '<label for="kode">Kode presensi (6 karakter di layar)</label>'
        '<input id="kode" name="kode" maxlength="8" autocomplete="off" autocapitalize="characters" required>'
        if with_code
        else ""
    )
    problem = f'<p class="pesan galat" role="alert">{escape(error)}</p>' if error else ""
    body = (
        "<h1>Presensi sosialisasi</h1>"
        f'<form class="kartu" method="post" action="{escape(action)}">{problem}{fields}'
        '<label for="nip">NIP</label>'
        f'<input id="nip" name="nip" inputmode="numeric" autocomplete="username" maxlength="24" value="{escape(nip)}" required>'
        '<label for="sandi">Kata sandi</label>'
        '<input id="sandi" name="sandi" type="password" autocomplete="current-password" required>'
        f'{code}<button type="submit">Masuk dan catat kehadiran</button>'
        '<p class="kecil">Gunakan NIP dan kata sandi aplikasi Netral Anda.</p></form>'
    )
    return page("Presensi", body)


def code_page(action: str, *, error: str = "") -> str:
    """For someone logged in whose phone cannot scan: type the code under the QR."""
    problem = f'<p class="pesan galat" role="alert">{escape(error)}</p>' if error else ""
    body = (
        "<h1>Presensi dengan kode</h1>"
        f'<form class="kartu" method="post" action="{escape(action)}">{problem}'
        '<label for="kode">Kode presensi (6 karakter di layar)</label>'
        '<input id="kode" name="kode" maxlength="8" autocomplete="off" autocapitalize="characters" required>'
        '<button type="submit">Catat kehadiran</button></form>'
    )
    return page("Presensi", body)


def live_page(event_id: int, title: str) -> str:
    """The live quiz on a phone: the script fills it from the event's state."""
    body = (
        f'<h1 id="judul">{escape(title)}</h1>'
        f'<div class="kartu" id="kuis" data-acara="{event_id}" aria-live="polite">'
        '<p id="babak" class="kecil"></p><p id="teks">Menunggu pembawa acara membuka soal…</p>'
        '<div id="pilihan"></div><p id="status" class="kecil" role="status"></p>'
        '<div id="bahasan"></div></div>'
        '<p class="kecil">Halaman ini diperbarui sendiri. Biarkan tetap terbuka selama sosialisasi.</p>'
    )
    return page(title, body, script=True)


SCRIPT = r"""
"use strict";
const kuis = document.getElementById("kuis");
const acara = kuis.dataset.acara;
const api = "/api/langsung/" + acara;
let versi = -1, saya = {}, sekarang = null;

function el(tag, text, cls) { const e = document.createElement(tag); e.textContent = text; if (cls) e.className = cls; return e; }
function tunggu(ms) { return new Promise(r => setTimeout(r, ms)); }

function tampil(s) {
  sekarang = s;
  document.getElementById("babak").textContent = s.nomor ? s.babak + " · Soal " + s.nomor + " dari " + s.jumlah : "";
  const teks = document.getElementById("teks"), pilihan = document.getElementById("pilihan");
  const bahasan = document.getElementById("bahasan"), status = document.getElementById("status");
  pilihan.replaceChildren(); bahasan.replaceChildren(); status.textContent = "";
  if (s.keadaan === "diam" || !s.soal) { teks.textContent = "Menunggu pembawa acara membuka soal…"; return; }
  teks.textContent = s.teks;
  const kunci = s.babak_kode + ":" + s.soal, jawab = saya[kunci];
  for (const p of s.pilihan) {
    const b = el("button", p.teks, "pilihan");
    b.type = "button";
    if (jawab && jawab.indexOf(p.id) >= 0) b.classList.add("dipilih");
    if (s.kunci.indexOf(p.id) >= 0) b.classList.add("kunci");
    b.disabled = s.keadaan !== "dibuka" || !!jawab;
    b.addEventListener("click", () => kirim(s, p.id, b));
    pilihan.appendChild(b);
  }
  if (jawab) status.textContent = "Jawaban Anda tersimpan.";
  else if (s.keadaan !== "dibuka") status.textContent = "Soal sudah ditutup.";
  if (s.keadaan === "dibahas") {
    bahasan.appendChild(el("p", s.penjelasan));
    if (s.dasar.length) bahasan.appendChild(el("p", "Dasar hukum: " + s.dasar.join("; "), "kecil"));
  }
}

async function kirim(s, pilih, tombol) {
  const status = document.getElementById("status");
  for (const b of document.querySelectorAll("button.pilihan")) b.disabled = true;
  tombol.classList.add("dipilih");
  for (let coba = 0; coba < 6; coba++) {
    status.textContent = coba ? "Belum terkirim, mencoba lagi…" : "Mengirim jawaban…";
    try {
      const r = await fetch(api + "/jawab", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({soal: s.soal, babak: s.babak_kode, pilihan: pilih})});
      const hasil = await r.json();
      if (r.ok) { saya[s.babak_kode + ":" + s.soal] = hasil.pilihan; tampil(sekarang); return; }
      status.textContent = hasil.pesan; tombol.classList.remove("dipilih");
      if (r.status === 401) return;
      tampil(sekarang); status.textContent = hasil.pesan; return;
    } catch (e) { await tunggu(1000 * (coba + 1)); }
  }
  status.textContent = "Jawaban BELUM tersimpan: sambungan terputus. Periksa sinyal lalu ketuk lagi.";
  tombol.classList.remove("dipilih");
  for (const b of document.querySelectorAll("button.pilihan")) b.disabled = false;
}

async function ikuti() {
  try { const r = await fetch(api + "/saya"); if (r.ok) saya = await r.json(); } catch (e) {}
  for (;;) {
    try {
      const r = await fetch(api + "/keadaan?v=" + versi, {cache: "no-store"});
      if (r.status === 401) {
        document.getElementById("status").textContent = "Sesi Anda berakhir. Pindai lagi kode QR di layar.";
        return;
      }
      const s = await r.json();
      if (s.versi !== versi) { versi = s.versi; tampil(s); }
    } catch (e) { await tunggu(2000); }
  }
}
ikuti();
"""
