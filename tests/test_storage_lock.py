"""Archive lock across processes: refusal, waiting, takeover after SIGKILL and from an orphaned holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from archiver.storage.lock import ArchiveLock, ArchiveLocked, read_holder

PROJECT = Path(__file__).resolve().parents[1]

_HOLDER = textwrap.dedent("""
    import os, sys, time
    from archiver.storage.lock import ArchiveLock
    root, mode = sys.argv[1], sys.argv[2]
    lock = ArchiveLock(root)
    lock.acquire()
    if mode == "fork":  # a pool worker inherits the locked descriptor and outlives us
        child = os.fork()
        if child == 0:
            time.sleep(60)
            os._exit(0)
        print(child, flush=True)
    print("LOCKED", flush=True)
    time.sleep(float(sys.argv[3]) if len(sys.argv) > 3 else 60)
    lock.release()
    print("RELEASED", flush=True)
""")


def _holder(root: Path, mode: str = "plain", hold: float | None = None) -> subprocess.Popen[str]:
    args = [sys.executable, "-c", _HOLDER, str(root), mode] + ([str(hold)] if hold is not None else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)


def test_second_process_is_refused_quickly_then_takes_over_after_sigkill(tmp_path: Path) -> None:
    with _holder(tmp_path) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "LOCKED"
            started = time.monotonic()
            with pytest.raises(ArchiveLocked) as info:
                with ArchiveLock(tmp_path):
                    pass
            assert time.monotonic() - started < 1.0
            assert f"pid {proc.pid}" in str(info.value) and "started 20" in str(info.value)
            started = time.monotonic()
            with pytest.raises(ArchiveLocked):
                ArchiveLock(tmp_path, wait=True, timeout=0.3).acquire()
            assert 0.3 <= time.monotonic() - started < 1.5
        finally:
            _kill(proc)
    with ArchiveLock(tmp_path) as lock:  # the kernel dropped the dead holder's flock
        assert lock.held and read_holder(lock.path)["pid"] == os.getpid()


def test_wait_true_gets_the_lock_when_the_holder_finishes(tmp_path: Path) -> None:
    with _holder(tmp_path, hold=0.5) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "LOCKED"
            with ArchiveLock(tmp_path, wait=True, timeout=20) as lock:
                assert lock.held
                assert proc.stdout.readline().strip() == "RELEASED"
        finally:
            _kill(proc)


def test_lock_kept_alive_by_an_orphaned_child_is_taken_over(tmp_path: Path) -> None:
    with _holder(tmp_path, mode="fork") as proc:
        assert proc.stdout is not None
        orphan = int(proc.stdout.readline())
        try:
            assert proc.stdout.readline().strip() == "LOCKED"
            _kill(proc)  # parent dies; the forked child still holds the flock
            with ArchiveLock(tmp_path) as lock:
                assert lock.held and read_holder(lock.path)["pid"] == os.getpid()
                with pytest.raises(ArchiveLocked):  # and we really hold it against others
                    ArchiveLock(tmp_path).acquire()
        finally:
            os.kill(orphan, signal.SIGKILL)
