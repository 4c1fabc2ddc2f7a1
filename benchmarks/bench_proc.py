"""Run a command and measure it: wall time, CPU and peak RSS of its whole process tree.

CPU comes from ``getrusage(RUSAGE_CHILDREN)`` (every waited-for descendant)
and, as a cross-check that also sees extraction workers, from sampling
``/proc/<pid>/stat`` of every process in the tree.  Peak RSS is reported
as each process's own peak (``VmHWM``), summed over the tree (main process +
forkserver + workers: an upper bound), and as the largest sampled sum.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass, field

_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class RunStats:
    wall_s: float = 0.0
    cpu_rusage_s: float = 0.0
    cpu_sampled_s: float = 0.0
    peak_tree_rss_mib: float = 0.0  # largest sampled sum of RSS over the tree
    hwm_sum_mib: float = 0.0  # sum over the tree's processes of each one's peak RSS (VmHWM)
    hwm_max_mib: float = 0.0  # the largest single process's peak RSS
    max_processes: int = 0
    returncode: int = 0
    pid: int = 0  # the command's own process (for a crawl: the reactor process)
    stderr_tail: str = ""
    stdout: str = ""  # only with ``run_measured(..., capture_stdout=True)``
    cpu_by_pid: dict[int, float] = field(default_factory=dict)
    hwm_by_pid: dict[int, int] = field(default_factory=dict)


def _stat(pid: int) -> tuple[int, float, int] | None:
    """(ppid, cpu seconds, rss bytes) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK, int(fields[21]) * _PAGE


def _hwm(pid: int) -> int:
    """Peak resident set of a live process, in bytes (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree(root: int) -> dict[int, tuple[float, int]]:
    stats = {}
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            got = _stat(int(name))
            if got is not None:
                parents.setdefault(got[0], []).append(int(name))
                stats[int(name)] = got[1:]
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            out[pid] = stats[pid]
            todo.extend(parents.get(pid, []))
    return out


def run_measured(cmd: list[str], *, env: dict[str, str] | None = None, interval: float = 0.2,
                 timeout: float = 7200, capture_stdout: bool = False) -> RunStats:
    """Run ``cmd`` to completion, sampling its process tree every ``interval`` seconds
    (``capture_stdout``: keep what it prints, for commands whose summary line holds the counts)."""
    stats = RunStats()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE if capture_stdout else subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    stats.pid = proc.pid
    stderr_chunks: list[bytes] = []
    stdout_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    out_reader = threading.Thread(target=lambda: stdout_chunks.append(proc.stdout.read()), daemon=True)  # type: ignore[union-attr]
    if capture_stdout:
        out_reader.start()
    while proc.poll() is None:
        tree = _tree(proc.pid)
        stats.max_processes = max(stats.max_processes, len(tree))
        stats.peak_tree_rss_mib = max(stats.peak_tree_rss_mib, sum(r for _, r in tree.values()) / 2**20)
        for pid, (cpu, _) in tree.items():
            stats.cpu_by_pid[pid] = max(cpu, stats.cpu_by_pid.get(pid, 0.0))
            stats.hwm_by_pid[pid] = max(_hwm(pid), stats.hwm_by_pid.get(pid, 0))
        if time.monotonic() - started > timeout:
            proc.kill()
        time.sleep(interval)
    stats.wall_s = time.monotonic() - started
    reader.join(10)
    if capture_stdout:
        out_reader.join(10)
        stats.stdout = b"".join(stdout_chunks).decode("utf-8", "replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats.returncode = proc.returncode
    stats.cpu_rusage_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats.cpu_sampled_s = sum(stats.cpu_by_pid.values())
    stats.hwm_sum_mib = sum(stats.hwm_by_pid.values()) / 2**20
    stats.hwm_max_mib = max(stats.hwm_by_pid.values(), default=0) / 2**20
    stats.stderr_tail = b"".join(stderr_chunks).decode("utf-8", "replace")[-3000:]
    return stats
