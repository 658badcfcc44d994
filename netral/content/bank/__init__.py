"""The question bank: content as data, validated before anything uses it."""

from netral.content.bank.files import load_bank
from netral.content.bank.model import (
    Bank,
    BankError,
    BankInvalid,
    Category,
    ModuleSpec,
    Option,
    QuestionSpec,
    Source,
)

__all__ = ["Bank", "BankError", "BankInvalid", "Category", "ModuleSpec", "Option", "QuestionSpec", "Source", "load_bank"]
