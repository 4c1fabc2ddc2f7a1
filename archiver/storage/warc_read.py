"""Reading the archive's WARC records back: one record at a pointer, every record of a file, pointer checks.

``read_response`` seeks to a row's pointer (``reextract``); ``iter_responses`` streams a whole file,
local or any fsspec URL (``import-warc``); ``unreadable_pointers`` is what ``verify`` reports.  Bodies
come back decoded (warcio's ``content_stream``).  Writing is :mod:`archiver.storage.warc`.

Every record's gzip member must be inflated to find where the next one starts, whether or not the
record is wanted, so inflating is most of what reading costs (``import-warc`` skips most records of a
CC-NEWS file).  :func:`archive_iterator` is warcio's iterator with the members inflated by python-isal
(ISA-L, the same DEFLATE, ~1.8x faster through warcio here).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import IO, Any, Callable, Iterable, Iterator

from isal import isal_zlib

from archiver.model import WarcPointer


def parse_warc_date(text: str | None) -> datetime | None:
    """A ``WARC-Date`` as an aware UTC datetime (None when missing or unreadable)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class WarcResponse:
    """A response record, read back: URL, status, headers, decoded body, date and where it lives."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes  # Content-Encoding and chunking decoded
    date: datetime | None
    pointer: WarcPointer

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def encoding(self) -> str | None:
        """The charset the Content-Type header names, if any."""
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ") or None
        return None


def open_source(path: str) -> IO[bytes]:
    """A binary stream of a local path or any fsspec URL (``s3://``, ``https://``…)."""
    if "://" in path and not path.startswith("file://"):
        import fsspec

        return fsspec.open(path, "rb").open()
    return open(path.removeprefix("file://"), "rb")


def resolve(root: str | os.PathLike[str], file: str) -> str:
    """A pointer's file as a path or URL: relative names are inside the archive."""
    if "://" in file or os.path.isabs(file):
        return file
    return os.path.join(os.fspath(root), file)


def _gzip_member_inflater() -> Any:
    """A decompressor of one gzip member, ISA-L's."""
    return isal_zlib.decompressobj(16 + isal_zlib.MAX_WBITS)


def archive_iterator(stream: IO[bytes]) -> Any:
    """warcio's ``ArchiveIterator`` over ``stream`` whose gzip members are inflated by
    :func:`_gzip_member_inflater` (bodies' own ``Content-Encoding`` is still decoded by warcio)."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)
    records.reader = _members_reader()(records.fh, block_size=records.reader.block_size)  # nothing read yet
    return records


@functools.cache
def _members_reader() -> type:
    """warcio's reader of a file's gzip members, with :func:`_gzip_member_inflater` as its gzip decompressor."""
    from warcio.bufferedreaders import BufferedReader, DecompressingBufferedReader

    class Members(DecompressingBufferedReader):  # type: ignore[misc]
        DECOMPRESSORS = {**BufferedReader.DECOMPRESSORS, "gzip": _gzip_member_inflater}

    return Members


def read_response(root: str | os.PathLike[str], pointer: WarcPointer) -> WarcResponse:
    """The response record ``pointer`` names; ``ValueError`` when it is not there or not that record."""
    with open_source(resolve(root, pointer.file)) as stream:
        stream.seek(pointer.offset)
        for record in archive_iterator(stream):
            found = record.rec_headers.get_header("WARC-Record-ID")
            if found != pointer.record_id or record.rec_type != "response":
                raise ValueError(f"{pointer.file}@{pointer.offset}: record {found} is not {pointer.record_id}")
            response = _response(record, pointer)
            if torn(record):
                raise ValueError(f"{pointer.file}@{pointer.offset}: the record ends early")
            return response
    raise ValueError(f"{pointer.file}@{pointer.offset}: no record there")


def _response(record: Any, pointer: WarcPointer, body: bytes | None = None) -> WarcResponse:
    http = record.http_headers
    headers = {k.lower(): v for k, v in (http.headers if http else [])}
    status = int(http.get_statuscode() or 0) if http else 0
    return WarcResponse(record.rec_headers.get_header("WARC-Target-URI") or "", status, headers,
                        record.content_stream().read() if body is None else body, parse_warc_date(record.rec_headers.get_header("WARC-Date")),
                        pointer)


def pointers(files: Iterable[str], offsets: Iterable[int], record_ids: Iterable[str]) -> tuple[WarcPointer, ...]:
    """A row's per-page pointer columns as :class:`WarcPointer` values."""
    return tuple(WarcPointer(f, int(o), r) for f, o, r in zip(files, offsets, record_ids))


def iter_responses(source: str, name: str | None = None,
                   want: Callable[[str], bool] | None = None) -> Iterator[WarcResponse | None]:
    """Every record of a WARC file: a :class:`WarcResponse` for a response whose target URI ``want``s,
    None for any other record (the caller counts it as scanned; its body is never decoded).  A torn last
    record raises :class:`TruncatedWarc` after the complete records, so the caller can count it."""
    with open_source(source) as stream:
        records = archive_iterator(stream)
        try:
            for record in records:
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type != "response" or (want is not None and not want(uri)):
                    yield None
                    continue
                body = record.content_stream().read()  # before asking the offset: that reads to the record's end
                if torn(record):
                    raise TruncatedWarc(f"{source}: the last record ends early")
                pointer = WarcPointer(name or source, records.get_record_offset(),
                                      record.rec_headers.get_header("WARC-Record-ID") or "")
                yield _response(record, pointer, body)
        except TruncatedWarc:
            raise
        except Exception as exc:  # noqa: BLE001 - warcio raises several kinds on a torn record
            raise TruncatedWarc(f"{source}: {exc}") from None


def torn(record: Any) -> bool:
    """A record whose block ended before its Content-Length (warcio reads a torn gzip member quietly)."""
    return getattr(record.raw_stream, "limit", 0) > 0


class TruncatedWarc(ValueError):
    """A WARC file ends inside a record (an interrupted download or write)."""


def unreadable_pointers(root: str | os.PathLike[str], wanted: Iterable[WarcPointer]) -> list[str]:
    """What is wrong with each pointer that does not lead to its response record (``verify``).

    Each file is opened once; remote sources (``s3://``, ``https://``) are not fetched and not checked.
    """
    by_file: dict[str, list[WarcPointer]] = {}
    for pointer in wanted:
        if "://" not in pointer.file:
            by_file.setdefault(pointer.file, []).append(pointer)
    problems: list[str] = []
    for file, group in sorted(by_file.items()):
        try:
            stream = open(resolve(root, file), "rb")
        except OSError as exc:
            problems.append(f"WARC file {file}: {exc.strerror} ({len(group)} row pointers)")
            continue
        with stream:
            for pointer in sorted(group, key=lambda p: p.offset):
                stream.seek(pointer.offset)
                try:
                    record = next(iter(archive_iterator(stream)))
                    found = record.rec_headers.get_header("WARC-Record-ID")
                except Exception as exc:  # noqa: BLE001 - a torn or missing record is a finding
                    found = f"unreadable ({exc})"
                if found != pointer.record_id:
                    problems.append(f"WARC pointer {file}@{pointer.offset}: expected {pointer.record_id}, found {found}")
    return problems
