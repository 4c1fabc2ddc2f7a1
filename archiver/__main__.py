"""``python -m archiver``: the ``archiver`` command."""

from archiver.cli import run

run()
