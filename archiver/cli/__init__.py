"""``archiver`` command line: the composition root.

Sub-commands (:mod:`.commands`, :mod:`.data`, :mod:`.demo`) build the pieces
and report; the work lives in the modules they call.  Misuse exits 2 with a
one-line message (argparse's convention); :mod:`archiver.outcome` has the
other codes.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, Callable, NoReturn, Sequence

from archiver.cli import commands, data
from archiver.cli.commands import UsageError
from archiver.cli.parser import build_parser
from archiver.outcome import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE


def _demo(args: Any) -> int:
    from archiver.cli.demo import cmd_demo

    return cmd_demo(args)


COMMANDS: dict[str, Callable[[Any], int]] = {
    "crawl": commands.cmd_crawl, "fetch": commands.cmd_fetch, "extract": commands.cmd_extract,
    "parse-date": commands.cmd_parse_date, "sites": commands.cmd_sites, "demo": _demo,
    "runs": data.cmd_runs, "stats": data.cmd_stats, "ls": data.cmd_ls, "show": data.cmd_show,
    "export": data.cmd_export, "report": data.cmd_report,
    "verify": commands.cmd_verify, "compact": commands.cmd_compact,
    "import-warc": commands.cmd_import_warc, "reextract": commands.cmd_reextract,
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


def _closed_pipe(exc: BaseException) -> bool:
    """The reader of our output went away (``archiver export | head``): not an error of ours."""
    return isinstance(exc, BrokenPipeError) or "Broken pipe" in str(exc)


def run() -> NoReturn:
    """The ``archiver`` command: :func:`main`, then exit without the interpreter's last garbage
    collections, which walk every object a crawl left behind (0.2 s of a two-second re-crawl)."""
    try:
        code = main()
        sys.stdout.flush()
    except Exception as exc:  # noqa: BLE001 - only a closed pipe is handled here; anything else re-raises
        if not _closed_pipe(exc):
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python would complain at exit too
        code = EXIT_OK
    gc.freeze()
    sys.exit(code)
