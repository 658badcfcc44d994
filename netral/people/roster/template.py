"""The roster template HR downloads: the columns Netral reads, one example row, and a NIP column formatted as text."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from netral.people.roster.columns import EMAIL, JABATAN, LABELS, NAME, NIP, OFFICE, PANGKAT, UNIT

COLUMNS = [LABELS[f] for f in (NIP, NAME, JABATAN, UNIT, OFFICE, EMAIL, PANGKAT)]
EXAMPLE = ["197806152005011002", "Sutrisno, S.Sos.", "Analis Kepegawaian", "Bidang Mutasi", "BKPSDM", "", "Penata/III c"]
TEXT_ROWS = 5000  # rows prepared as text, so a NIP typed or pasted there stays 18 digits
WIDTHS = [22, 32, 28, 28, 28, 28, 20]


def roster_template_xlsx() -> bytes:
    """An XLSX with the header, an example row to overwrite, and the NIP column formatted as text (@)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Data pegawai"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(EXAMPLE)
    sheet.cell(2, 1).data_type = "s"
    for row in range(2, TEXT_ROWS + 2):
        sheet.cell(row, 1).number_format = "@"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("Petunjuk")
    for line in (
        "Isi satu baris per pegawai di lembar 'Data pegawai'; hapus atau timpa baris contoh.",
        "NIP: 18 digit tanpa spasi. Kolomnya sudah berformat teks agar Excel tidak mengubahnya menjadi 1,97806E+17.",
        "Wajib: NIP, Nama, Jabatan, Unit Kerja, Perangkat Daerah. Email dan Pangkat/Golongan boleh kosong.",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
