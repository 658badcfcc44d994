"""Operator commands: `python -m netral ...` (how scripts, CI and operators drive Netral)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from netral.cli import bench, content, operator, people, reminders, trust
from netral.cli.common import Parser
from netral.content.bank import BankInvalid
from netral.core.errors import Refusal
from netral.core.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        handler: Callable[[argparse.Namespace, Settings], int] = args.handler
        return handler(args, Settings.from_env())
    except BankInvalid as exc:
        for error in exc.errors:
            print(f"galat: {error}", file=sys.stderr)
        return 1
    except Refusal as exc:
        print(f"galat: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("dibatalkan", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - an operator gets one line, never a traceback
        print(f"galat tak terduga: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m netral", description="Perintah operator Netral.")
    commands = parser.add_subparsers(title="perintah", metavar="PERINTAH", parser_class=Parser)
    operator.register(commands)
    content.register(commands)
    trust.register(commands)
    people.register(commands)
    reminders.register(commands)
    bench.register(commands)
    return parser
