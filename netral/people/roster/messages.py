"""What HR reads when a roster file cannot be read at all: what is wrong and what to do in Excel."""

from __future__ import annotations

from netral.people.roster.columns import HEADER_SEARCH_ROWS

TOO_BIG = (
    "Berkas terlalu besar ({size:.1f} MB); batasnya {limit} MB. "
    "Pecah daftar pegawai menjadi beberapa berkas (mis. per perangkat daerah) lalu impor satu per satu."
)
EMPTY = "Berkas kosong. Pilih berkas daftar pegawai (.xlsx atau .csv) yang berisi data."
NOT_A_TABLE = (
    'Isi berkas "{name}" bukan tabel .xlsx atau .csv. Buka daftar pegawai di Excel, '
    "lalu Simpan Sebagai Buku Kerja Excel (.xlsx) atau CSV (.csv), dan unggah berkas itu."
)
OLD_EXCEL = (
    "Berkas ini format Excel lama (.xls) atau dikunci kata sandi. Buka di Excel, lalu Simpan Sebagai "
    "Buku Kerja Excel (.xlsx) atau CSV (.csv) tanpa kata sandi, dan unggah berkas itu."
)
BAD_XLSX = (
    "Berkas ini rusak atau bukan buku kerja Excel (.xlsx) yang dapat dibaca. "
    "Buka di Excel, Simpan Sebagai .xlsx atau .csv, lalu unggah lagi."
)
UNDECODABLE = 'Isi berkas tidak dapat dibaca sebagai teks. Di Excel, Simpan Sebagai "CSV UTF-8" atau .xlsx, lalu unggah lagi.'
BROKEN_CSV = (
    'Berkas CSV rusak sekitar baris {line} ({error}). Periksa tanda kutip (") yang tidak ditutup, '
    "atau Simpan Sebagai .xlsx dari Excel."
)
NO_HEADER = (
    f"Baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama. Baris judul harus memuat kolom "
    "NIP, Nama, Jabatan, Unit Kerja dan Perangkat Daerah (Email boleh ada)."
)
NO_DATA = "Tidak ada data pegawai di bawah baris judul (baris {row})."
TOO_MANY_ROWS = (
    "Berkas memuat lebih dari {limit} baris data. Pecah daftar pegawai menjadi beberapa berkas "
    "(mis. per perangkat daerah) lalu impor satu per satu."
)
TOO_WIDE = "Baris {row} memuat lebih dari {limit} kolom. Hapus kolom kosong atau kolom lain di luar daftar pegawai."
TOO_LONG_CELL = "Baris {row} memuat sel dengan lebih dari {limit} karakter. Periksa isi sel itu (mungkin tertempel teks lain)."
INFLATED_XLSX = (
    "Isi berkas Excel ini terlalu besar setelah dibuka ({size} MB; batasnya {limit} MB). "
    "Simpan ulang hanya lembar daftar pegawai sebagai .xlsx atau .csv, lalu unggah lagi."
)
WRONG_ENCODING = (
    "Isi berkas tampaknya ditulis dalam penyandian (encoding) lain sehingga huruf-hurufnya akan rusak. "
    'Di Excel, Simpan Sebagai "CSV UTF-8 (Comma delimited)" atau .xlsx, lalu unggah lagi.'
)
MORE_PROBLEMS = "... dan {count} masalah lain. Perbaiki masalah di atas dulu, lalu unggah ulang untuk melihat sisanya."
