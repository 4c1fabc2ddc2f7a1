"""The benchmark corpus beside the project, and the benchmark scripts as modules.

Tests that score against real pages use these; they skip when the corpus is
absent (``../shared/corpus``, or ``$ARCHIVER_CORPUS``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("ARCHIVER_CORPUS") or ROOT.parent / "shared" / "corpus")


@lru_cache(maxsize=None)
def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` imported once (its dataclasses need it registered in sys.modules)."""
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
