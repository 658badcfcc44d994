"""Domain values as enums, used alike by services, queries, pages and the CLI.

Each is a StrEnum whose values are the strings already stored in the database, so a member
compares equal to the stored text and needs no conversion (and no migration).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What an account may do; a higher rank may act on lower ranks only."""

    PESERTA = "peserta"
    UNIT_ADMIN = "admin_pd"
    SUPER_ADMIN = "super_admin"

    @property
    def label(self) -> str:
        """The role as HR reads it."""
        return _ROLE_LABELS[self]

    @property
    def rank(self) -> int:
        """Peserta 0, admin perangkat daerah 1, super admin 2."""
        return list(Role).index(self)

    @property
    def is_admin(self) -> bool:
        """HR administrators see the HR workspace."""
        return self is not Role.PESERTA


_ROLE_LABELS = {Role.PESERTA: "Peserta", Role.UNIT_ADMIN: "Admin perangkat daerah", Role.SUPER_ADMIN: "Super admin"}


class CertificateStatus(StrEnum):
    """Where a certificate stands at a given moment (see db.models.Certificate.status_at)."""

    VALID = "sah"
    EXPIRED = "kedaluwarsa"
    REVOKED = "dicabut"
    SUPERSEDED = "digantikan"


class QuizKind(StrEnum):
    """A module's practice quiz or the certification exam."""

    MODULE = "modul"
    EXAM = "ujian"


class QuestionKind(StrEnum):
    """How a question is answered."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "truefalse"


class Difficulty(StrEnum):
    """How hard a question is meant to be."""

    EASY = "mudah"
    MEDIUM = "sedang"
    HARD = "sulit"


class GradingMethod(StrEnum):
    """Which submitted attempt gives the quiz grade."""

    HIGHEST = "tertinggi"
    LAST = "terakhir"
    FIRST = "pertama"


class FeedbackMode(StrEnum):
    """When the peserta sees whether an answer is right: at once (checked) or after submitting."""

    IMMEDIATE = "langsung"
    DEFERRED = "akhir"


class ReviewTime(StrEnum):
    """When a submitted attempt's review opens."""

    AFTER_SUBMIT = "segera"
    AFTER_CLOSE = "setelah_tutup"


class SubmitReason(StrEnum):
    """Who closed an attempt: the peserta, or the clock."""

    PESERTA = "peserta"
    TIME_UP = "waktu_habis"


class QuizStatus(StrEnum):
    """A peserta's standing at one quiz."""

    NOT_STARTED = "belum mulai"
    IN_PROGRESS = "sedang berjalan"
    PASSED = "lulus"
    FAILED = "tidak lulus"


class Progress(StrEnum):
    """An employee's progress as HR counts it: completed means holding a valid certificate."""

    NOT_STARTED = "belum mulai"
    IN_PROGRESS = "sedang berjalan"
    COMPLETED = "selesai"


class CompletionStep(StrEnum):
    """A step the agency's completion rule may require before a certificate is issued."""

    MODULES = "modules"
    EXAM = "exam"
    PAKTA = "pakta"
    # A module counts as done only when its scenario has reached an ending too (off unless the agency turns it on).
    SCENARIOS = "scenarios"


class MisconceptionSource(StrEnum):
    """Where the peta kerawanan counts wrong answers: first quiz attempts, knowledge checks, scenario choices, or the
    live quiz of a sosialisasi."""

    QUIZ = "kuis"
    CHECK = "cek"
    SCENARIO = "skenario"
    LIVE = "sosialisasi"  # answers on phones during a sosialisasi, before and after the talk


class Validity(StrEnum):
    """How long a new certificate is valid."""

    UNLIMITED = "tanpa_batas"
    MONTHS = "bulan"
    UNTIL_DATE = "sampai_tanggal"


class TextSize(StrEnum):
    """The text size an account reads Netral in."""

    NORMAL = "normal"
    LARGE = "besar"
    LARGEST = "sangat_besar"


class UnitLevel(StrEnum):
    """A level of the agency's tree."""

    AGENCY = "instansi"
    OFFICE = "perangkat_daerah"
    UNIT = "unit_kerja"


class ImportAction(StrEnum):
    """What a question import does with one question."""

    NEW = "baru"
    NEW_VERSION = "versi baru"
    UNCHANGED = "tidak berubah"


class AuditAction(StrEnum):
    """Every administrative action the audit log records."""

    ADMIN_CREATE = "admin.create"
    ACCOUNT_ROLE = "account.role"
    ACCOUNT_RESET_PASSWORD = "account.reset_password"
    ACCOUNT_UNLOCK = "account.unlock"
    ROSTER_IMPORT = "roster.import"
    ROSTER_SETTINGS = "roster.settings"
    CERTIFICATE_REVOKE = "certificate.revoke"
    CERTIFICATE_REISSUE = "certificate.reissue"
    CERTIFICATE_SETTINGS = "certificate.settings"
    COMPLETION_RULE = "completion.rule"
    COMPLETION_DEADLINE = "completion.deadline"
    QUESTIONS_IMPORT = "questions.import"
    QUIZ_OVERRIDE = "quiz.override"
    QUIZ_SETTINGS = "quiz.settings"
    CYCLE_CREATE = "cycle.create"
    CYCLE_CHANGE = "cycle.change"
    CYCLE_CLOSE = "cycle.close"
    REMINDER_RULES = "reminder.rules"
    EVENT_CREATE = "event.create"
    EVENT_CHECK_IN = "event.check_in"

    @property
    def label(self) -> str:
        """The action as the audit log reads it."""
        return _AUDIT_LABELS[self]


_AUDIT_LABELS = {
    AuditAction.ADMIN_CREATE: "Membuat admin",
    AuditAction.ACCOUNT_ROLE: "Mengubah peran akun",
    AuditAction.ACCOUNT_RESET_PASSWORD: "Mengatur ulang kata sandi",
    AuditAction.ACCOUNT_UNLOCK: "Membuka kunci akun",
    AuditAction.ROSTER_IMPORT: "Impor data pegawai",
    AuditAction.ROSTER_SETTINGS: "Mengubah cara login pertama",
    AuditAction.CERTIFICATE_REVOKE: "Mencabut sertifikat",
    AuditAction.CERTIFICATE_REISSUE: "Menerbitkan ulang sertifikat",
    AuditAction.CERTIFICATE_SETTINGS: "Mengubah pengaturan sertifikat",
    AuditAction.COMPLETION_RULE: "Mengubah syarat kelulusan",
    AuditAction.COMPLETION_DEADLINE: "Mengubah tenggat penyelesaian",
    AuditAction.QUESTIONS_IMPORT: "Impor soal",
    AuditAction.QUIZ_OVERRIDE: "Memberi pengecualian kuis",
    AuditAction.QUIZ_SETTINGS: "Mengubah pengaturan kuis",
    AuditAction.CYCLE_CREATE: "Membuat siklus",
    AuditAction.CYCLE_CHANGE: "Mengubah siklus",
    AuditAction.CYCLE_CLOSE: "Menutup siklus",
    AuditAction.REMINDER_RULES: "Mengubah aturan pengingat",
    AuditAction.EVENT_CREATE: "Membuat sosialisasi",
    AuditAction.EVENT_CHECK_IN: "Mencatat kehadiran manual",
}


class RosterAction(StrEnum):
    """What a roster import does to one employee."""

    ADD = "tambah"
    UPDATE = "ubah"
    REACTIVATE = "aktifkan kembali"
    DEACTIVATE = "nonaktifkan"
    KEEP_ADMIN = "tidak dinonaktifkan"


class ImportMode(StrEnum):
    """Whether an import with errors applies its valid rows or nothing."""

    VALID_ONLY = "valid_saja"
    ALL_OR_NOTHING = "semua_atau_tidak"


class FirstLogin(StrEnum):
    """How a new account logs in the first time."""

    GENERATED = "kata_sandi_acak"
    BIRTH_DATE = "tanggal_lahir"


class CheckInMethod(StrEnum):
    """How a person's attendance at a sosialisasi was recorded."""

    QR = "qr"
    CODE = "kode"
    MANUAL = "manual"


class LiveRound(StrEnum):
    """The two rounds of a sosialisasi's live quiz: the same items before and after the talk."""

    PRE = "pre"
    POST = "post"


class LiveState(StrEnum):
    """Where the live quiz stands: nothing shown, a question open for answers, closed, or revealed with its key."""

    IDLE = "diam"
    OPEN = "dibuka"
    CLOSED = "ditutup"
    REVEALED = "dibahas"
