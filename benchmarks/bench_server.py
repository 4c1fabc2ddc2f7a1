"""A fast local HTTP/1.1 server for pre-rendered pages, run in its own process.

asyncio streams and a dictionary of ready-made responses: serving a page costs
a lookup and a write, so the server is never what limits a crawl.  It counts
requests per kind (``article`` for ``/a/`` and ``/b/`` paths, ``other`` for the
rest); ``GET /__stats`` returns the counts (also per article path) as JSON and
``GET /__reset`` zeroes them, which is how the benchmark proves what a re-crawl did not download.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import multiprocessing
import threading
import time
from collections import Counter
from typing import Any

_REASONS = {200: b"OK", 404: b"Not Found"}


def _response(status: int, body: bytes, content_type: str) -> tuple[bytes, bytes]:
    head = (b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: keep-alive\r\n\r\n"
            % (status, _REASONS[status], content_type.encode(), len(body)))
    return head, body


def _kind(path: str) -> str:
    return "article" if path.startswith(("/a/", "/b/")) else "other"


async def _serve(pages: dict[str, tuple[bytes, bytes]], counts: Counter[str], reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
    missing = _response(404, b"not found", "text/plain")
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method, target = head.split(b" ", 2)[:2]
            path = target.decode("latin-1")
            if path == "/__stats":
                resp = _response(200, json.dumps(counts).encode(), "application/json")
            elif path == "/__paths":
                resp = _response(200, json.dumps(sorted(k for k in counts if k.startswith("/"))).encode(),
                                 "application/json")
            elif path == "/__reset":
                counts.clear()
                resp = _response(200, b"{}", "application/json")
            else:
                counts[_kind(path)] += 1
                if _kind(path) == "article":
                    counts[path.partition("?")[0]] += 1
                resp = pages.get(path) or pages.get(path.partition("?")[0]) or missing
            writer.write(resp[0])
            if method != b"HEAD":
                writer.write(resp[1])
            await writer.drain()
            if b"connection: close" in head.lower():
                break
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


def _run(pages: dict[str, bytes], types: dict[str, str], port: int, port_out: Any) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the benchmark stops us with terminate()
    ready = {p: _response(200, body, types.get(p, "text/html")) for p, body in pages.items()}
    counts: Counter[str] = Counter()

    async def main() -> None:
        server = await asyncio.start_server(lambda r, w: _serve(ready, counts, r, w), "127.0.0.1", port, backlog=256)
        port_out.send(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class BenchServer:
    """The site in a child process (fork: the pages are inherited, not pickled)."""

    def __init__(self, pages: dict[str, bytes], types: dict[str, str], port: int = 0) -> None:
        ctx = multiprocessing.get_context("fork")
        recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_run, args=(pages, types, port, send), daemon=True)
        self._proc.start()
        if not recv.poll(30):
            raise RuntimeError("benchmark server did not start")
        self.port: int = recv.recv()
        self.base_url = f"http://127.0.0.1:{self.port}/"

    @property
    def pid(self) -> int:
        return int(self._proc.pid or 0)

    def _get(self, path: str) -> bytes:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path)
            return conn.getresponse().read()
        finally:
            conn.close()

    def counts(self) -> dict[str, int]:
        """Requests since the last reset: ``article``, ``other``, and per article path."""
        return json.loads(self._get("/__stats"))

    def reset(self) -> None:
        self._get("/__reset")

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.join(10)

    def __enter__(self) -> "BenchServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def measure_rate(port: int, paths: list[str], seconds: float = 2.0, clients: int = 8) -> float:
    """Requests per second the server answers to keep-alive clients (a floor: the clients cost CPU too)."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        j = k
        while time.monotonic() < stop:
            conn.request("GET", paths[j % len(paths)])
            conn.getresponse().read()
            done[k] += 1
            j += clients
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)
