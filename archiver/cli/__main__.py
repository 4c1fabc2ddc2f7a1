"""``python -m archiver.cli``: the ``archiver`` command."""

from archiver.cli import run

run()
