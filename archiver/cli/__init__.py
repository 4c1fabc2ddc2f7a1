"""``archiver`` command line: the composition root.

Sub-commands (:mod:`.commands`, :mod:`.demo`) build the pieces and report;
the work lives in the modules they call.  Misuse exits 2 with a one-line
message (argparse's convention); :mod:`archiver.outcome` has the other codes.
"""

from __future__ import annotations

import gc
import sys
from typing import Any, Callable, NoReturn, Sequence

from archiver.cli import commands
from archiver.cli.commands import UsageError
from archiver.cli.parser import build_parser
from archiver.outcome import EXIT_INTERRUPTED, EXIT_USAGE


def _demo(args: Any) -> int:
    from archiver.cli.demo import cmd_demo

    return cmd_demo(args)


COMMANDS: dict[str, Callable[[Any], int]] = {
    "crawl": commands.cmd_crawl, "fetch": commands.cmd_fetch, "extract": commands.cmd_extract,
    "sites": commands.cmd_sites, "demo": _demo, "parse-date": commands.cmd_parse_date, "runs": commands.cmd_runs,
    "stats": commands.cmd_stats, "report": commands.cmd_report, "verify": commands.cmd_verify,
    "compact": commands.cmd_compact,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"archiver {args.command}: error: {exc}\n")
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def run() -> NoReturn:
    """The ``archiver`` command: :func:`main`, then exit without the interpreter's last garbage
    collections, which walk every object a crawl left behind (0.2 s of a two-second re-crawl)."""
    code = main()
    gc.freeze()
    sys.exit(code)
