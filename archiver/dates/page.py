from __future__ import annotations
from dataclasses import dataclass
from datetime import datetime
@dataclass(frozen=True)
class PageTimes:
    published_at: datetime | None
def find_page_times(*a, **k): pass
