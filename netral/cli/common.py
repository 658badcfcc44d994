"""What every command module shares: the one-line error and the parser that prints errors on one line."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from netral.core.errors import Refusal


class CliError(Refusal):
    """A problem to report on one line, then exit non-zero."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, never a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"galat: {message} (lihat --help)\n")


def group(commands: Any, name: str, help_text: str) -> Any:
    """Add a command group (`python -m netral NAME ...`) and return its subcommand parser."""
    return commands.add_parser(name, help=help_text).add_subparsers(
        title=f"perintah {name}", metavar="PERINTAH", parser_class=Parser
    )
