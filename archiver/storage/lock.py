"""One writer per archive: ``fcntl.flock`` on ``<archive>/.lock``.

flock is released by the kernel when the holder dies, so a SIGKILLed crawl
never blocks the next one.  One case flock cannot see: a forked child (a
``fork``-started process pool worker) inherits the locked descriptor and
keeps the lock after its parent was killed.  The file therefore also records
pid, host and start time; when the lock is held but the recorded process on
this host is gone, the lock file is replaced by a fresh one (new inode) and
locked — the orphan keeps a lock on a file nobody uses any more.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import time
from datetime import datetime, timezone
from types import TracebackType

from archiver.storage.layout import LOCK_FILE

_POLL_SECONDS = 0.1


class ArchiveLocked(RuntimeError):
    """Another live process holds the archive lock."""

    def __init__(self, path: str, holder: dict[str, object]) -> None:
        self.path = path
        self.holder = holder
        who = f"pid {holder.get('pid', '?')} on {holder.get('host', '?')}, started {holder.get('started', '?')}"
        super().__init__(f"archive is locked by {who} ({path})")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_holder(path: str) -> dict[str, object]:
    """The pid/host/start record in a lock file ({} when unreadable)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


class ArchiveLock:
    """Context manager holding the archive's exclusive lock.

    ``wait=False`` raises :class:`ArchiveLocked` at once when another process
    holds it; ``wait=True`` polls until free or ``timeout`` seconds passed.
    """

    def __init__(self, root: str | os.PathLike[str], *, wait: bool = False, timeout: float | None = None) -> None:
        self.path = os.path.join(os.fspath(root), LOCK_FILE)
        self.wait = wait
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        while True:
            if self._try_lock():
                return
            holder = read_holder(self.path)
            if self._stale(holder):
                if self._break_stale(holder):
                    return
                continue
            if not self.wait or (deadline is not None and time.monotonic() >= deadline):
                raise ArchiveLocked(self.path, holder)
            time.sleep(_POLL_SECONDS)

    def _try_lock(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        try:
            same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if not same:  # the file was replaced between open and flock: lock the new one
            os.close(fd)
            return False
        self._fd = fd
        self._write_holder(fd)
        return True

    @staticmethod
    def _write_holder(fd: int) -> None:
        record = {"pid": os.getpid(), "host": socket.gethostname(),
                  "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode("utf-8") + b"\n", 0)
        os.fsync(fd)

    @staticmethod
    def _stale(holder: dict[str, object]) -> bool:
        pid = holder.get("pid")
        if holder.get("host") != socket.gethostname() or not isinstance(pid, int):
            return False  # another host's process cannot be checked: trust the lock
        return pid != os.getpid() and not _pid_alive(pid)

    def _break_stale(self, holder: dict[str, object]) -> bool:
        """Replace a lock file whose recorded holder is dead (kept alive by an orphan fd).

        Serialised by a guard lock so that two newcomers cannot both replace
        the file and each lock their own copy.  Returns True if we now hold it.
        """
        guard = os.open(self.path + ".guard", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(guard, fcntl.LOCK_EX)
            if self._try_lock():
                return True
            if read_holder(self.path) == holder:
                tmp = f"{self.path}.{os.getpid()}.new"
                with open(tmp, "w", encoding="utf-8"):
                    pass
                os.replace(tmp, self.path)
            return self._try_lock()
        finally:
            os.close(guard)

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> ArchiveLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()
