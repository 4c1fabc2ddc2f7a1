"""Raw captures as WARC/1.1 (ISO 28500): writing a crawl's series, sealing what a killed crawl left.

Layout: ``<archive>/warc/<site>/<run>-<pid>-<seq>.warc.gz``, one series per
process and site, one gzip member per record (so a record is read alone by
seeking to its offset, as Common Crawl's indexes do).  A file being written
lives in ``<archive>/.staging/warc/<site>/`` and is renamed to its final name
once closed (fsynced); :meth:`WarcSeries.seal` closes every open file, and the
crawl seals before each Parquet flush, so every row a committed file holds
points at a sealed, complete record.  A killed crawl's staged files are
sealed by :func:`recover_staged` at the next start: their complete records
kept, a torn last one cut off.

Response bodies are what the server sent, before Scrapy's decompression
(``Content-Encoding`` kept); ``Transfer-Encoding`` is dropped because the
HTTP client has already removed the chunking.  No Scrapy here: the Scrapy
side is :mod:`archiver.crawl.warc`; reading back (backfills, ``reextract``,
``verify``) is :mod:`archiver.storage.warc_read`.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import IO, Any

from isal import isal_zlib

from archiver.model import WarcPointer
from archiver.storage.layout import STAGING_DIR, WARC_DIR
from archiver.storage.warc_read import torn

GZIP_MAGIC = b"\x1f\x8b"
# Each record's gzip member is deflated by ISA-L (python-isal), a standard gzip stream any reader inflates: at its
# level 2 a 170 KiB corpus page takes 0.26 ms against zlib's 1.27 ms at level 3, for ~3% more bytes (38.7 vs
# 37.6 KiB); a body the server already compressed (Content-Encoding gzip, br…) costs 0.05 ms and does not grow
DEFAULT_GZIP_LEVEL = 2
GZIP_LEVELS = range(isal_zlib.ISAL_BEST_SPEED, isal_zlib.ISAL_BEST_COMPRESSION + 1)
_DROPPED_HEADERS = frozenset({"transfer-encoding"})


@dataclass(frozen=True, slots=True)
class Capture:
    """One HTTP exchange as the downloader saw it (the Scrapy layer fills it in)."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes  # as received: still compressed when Content-Encoding says so
    request_method: str = "GET"
    request_headers: tuple[tuple[str, str], ...] = ()
    protocol: str = "HTTP/1.1"
    ip: str | None = None
    date: datetime | None = None


def warc_date(when: datetime) -> str:
    """``WARC-Date`` text: UTC, microseconds (WARC/1.1 allows sub-second precision)."""
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class WarcFile:
    """One staged ``.warc.gz`` being appended to; :meth:`seal` publishes it under its final name."""

    def __init__(self, staged: str, final: str, relative_name: str, gzip_level: int = DEFAULT_GZIP_LEVEL) -> None:
        from warcio.warcwriter import WARCWriter

        self.staged, self.final, self.name = staged, final, relative_name
        os.makedirs(os.path.dirname(staged), exist_ok=True)
        self._handle: IO[bytes] = open(staged, "ab")
        # warcio serialises each record uncompressed into a buffer; one gzip member per record is
        # compressed here, by ISA-L (warcio's gzip=True is zlib at level 9, 30x slower)
        self._buffer = io.BytesIO()
        self._writer = WARCWriter(self._buffer, gzip=False, warc_version="1.1")
        self._gzip_level = gzip_level
        self.records = 0

    def _append(self, record: Any) -> None:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.write_record(record)
        member = isal_zlib.compressobj(self._gzip_level, isal_zlib.DEFLATED, isal_zlib.MAX_WBITS + 16)
        self._handle.write(member.compress(self._buffer.getbuffer()) + member.flush())

    @property
    def size(self) -> int:
        return self._handle.tell()

    def write(self, capture: Capture) -> WarcPointer:
        """Append the response record, then its request; the pointer names the response."""
        from warcio.statusandheaders import StatusAndHeaders

        date = warc_date(capture.date or datetime.now(timezone.utc))
        headers = [(k, v) for k, v in capture.headers if k.lower() not in _DROPPED_HEADERS]
        http = StatusAndHeaders(f"{capture.status} {capture.reason}".strip(), headers, protocol=capture.protocol)
        warc_headers = {"WARC-Date": date, **({"WARC-IP-Address": capture.ip} if capture.ip else {})}
        response = self._writer.create_warc_record(capture.url, "response", payload=io.BytesIO(capture.body),
                                                   length=len(capture.body),  # known: no temporary copy
                                                   http_headers=http, warc_headers_dict=warc_headers)
        offset = self._handle.tell()
        self._append(response)
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        path = _request_line_target(capture.url)
        request_http = StatusAndHeaders(f"{capture.request_method} {path} {capture.protocol}",
                                        list(capture.request_headers), is_http_request=True)
        request = self._writer.create_warc_record(capture.url, "request", payload=io.BytesIO(b""), length=0,
                                                  http_headers=request_http,
                                                  warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id})
        self._append(request)
        self.records += 2
        return WarcPointer(self.name, offset, record_id)

    def seal(self) -> None:
        """Flush, fsync and rename to the final name: from now on readers may rely on every record."""
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        _publish(self.staged, self.final)


def _request_line_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _publish(staged: str, final: str) -> None:
    os.makedirs(os.path.dirname(final), exist_ok=True)
    os.replace(staged, final)
    directory = os.open(os.path.dirname(final), os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class WarcSeries:
    """A process's WARC files in one archive: one open file per site, rotated at ``max_bytes``.

    ``background``: :meth:`submit` builds, gzips and appends records on one thread of the series' own, in
    the order submitted, so the caller's thread (a crawl's reactor) does not wait for the compression.
    One thread does every write, rotation and seal, so offsets are exact and a file is appended to by
    one writer only; :meth:`seal` waits for the writes submitted before it.
    """

    def __init__(self, root: str | os.PathLike[str], run_id: str, max_bytes: int = 1 << 30,
                 gzip_level: int = DEFAULT_GZIP_LEVEL, background: bool = False) -> None:
        self.root = os.path.abspath(os.fspath(root))
        self.prefix = f"{run_id}-{os.getpid()}"
        self.max_bytes = max_bytes
        if gzip_level not in GZIP_LEVELS:  # isal would refuse it only at the first record, in the middle of a crawl
            raise ValueError(f"gzip level {gzip_level!r} is not an ISA-L level {GZIP_LEVELS[0]} to {GZIP_LEVELS[-1]}")
        self.gzip_level = gzip_level
        self._open: dict[str, WarcFile] = {}
        self._seq = 0
        self.records = 0
        self.bytes = 0
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="warc-writer") if background else None

    def submit(self, site: str, capture: Capture) -> Future[tuple[WarcPointer, int]]:
        """:meth:`write` on the series' thread (inline without ``background``): its pointer and the bytes
        it added, or the ``OSError`` it raised."""
        if self._thread is not None:
            return self._thread.submit(self._write_counted, site, capture)
        done: Future[tuple[WarcPointer, int]] = Future()
        try:
            done.set_result(self._write_counted(site, capture))
        except OSError as exc:
            done.set_exception(exc)
        return done

    def _write_counted(self, site: str, capture: Capture) -> tuple[WarcPointer, int]:
        before = self.bytes
        pointer = self.write(site, capture)
        return pointer, self.bytes - before

    def write(self, site: str, capture: Capture) -> WarcPointer:
        """Record one exchange in ``site``'s current file (a new file once the current one is full)."""
        current = self._open.get(site)
        if current is not None and current.size >= self.max_bytes:
            self._seal(site)
            current = None
        if current is None:
            current = self._open[site] = self._new_file(site)
        before = current.size
        pointer = current.write(capture)
        self.records += 2
        self.bytes += current.size - before
        return pointer

    def _new_file(self, site: str) -> WarcFile:
        name = f"{self.prefix}-{self._seq:05d}.warc.gz"
        self._seq += 1
        relative_name = f"{WARC_DIR}/{site}/{name}"
        return WarcFile(os.path.join(self.root, STAGING_DIR, relative_name), os.path.join(self.root, relative_name),
                        relative_name, self.gzip_level)

    def _seal(self, site: str) -> None:
        self._open.pop(site).seal()

    def seal(self) -> None:
        """Publish every open file (called before rows pointing into them are committed), once every
        write submitted before has been appended."""
        if self._thread is not None:
            self._thread.submit(self._seal_all).result()
        else:
            self._seal_all()

    def _seal_all(self) -> None:
        for site in list(self._open):
            self._seal(site)

    def close(self) -> None:
        """Seal, then stop the series' thread."""
        self.seal()
        if self._thread is not None:
            self._thread.shutdown(wait=True)
            self._thread = None  # a late seal (a pipeline closing after the spider) runs inline: nothing is open


def recover_staged(root: str | os.PathLike[str]) -> list[str]:
    """Publish WARC files a killed crawl left staged: complete records kept, a torn last record cut off.

    Call at start while holding the archive lock.  Returns the final paths.
    """
    base = os.path.join(os.path.abspath(os.fspath(root)), STAGING_DIR, WARC_DIR)
    published: list[str] = []
    for folder, _dirs, files in os.walk(base):
        for name in sorted(files):
            staged = os.path.join(folder, name)
            good = _complete_prefix(staged)
            if good == 0:
                os.unlink(staged)
                continue
            with open(staged, "r+b") as handle:
                handle.truncate(good)
                os.fsync(handle.fileno())
            final = os.path.join(os.path.abspath(os.fspath(root)), os.path.relpath(staged, os.path.dirname(base)))
            _publish(staged, final)
            published.append(final)
    return published


def _complete_prefix(path: str) -> int:
    """Bytes of ``path`` made of complete records (the offset after the last whole one)."""
    from warcio.archiveiterator import ArchiveIterator

    end = 0
    with open(path, "rb") as stream:
        try:
            records = ArchiveIterator(stream)
            for record in records:
                record.content_stream().read()
                if torn(record):
                    break
                records.read_to_end(record)
                end = records.get_record_offset() + records.get_record_length()
        except Exception:  # noqa: BLE001 - a torn record ends the good prefix
            pass
    return end
