"""Token buckets keyed by visitor or address, in the memory of one server process."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

# Beyond this many keys, buckets that have refilled (they carry no history) are dropped.
_PRUNE_AT = 10_000


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def take(self, key: str, per_s: float, burst: float) -> float:
        """Take one token: 0 when allowed, else the seconds until one is there."""
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= _PRUNE_AT:
                self._prune(now, per_s, burst)
            bucket = self._buckets[key] = _Bucket(burst, now)
        bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * per_s)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / per_s

    def _prune(self, now: float, per_s: float, burst: float) -> None:
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.at) * per_s >= burst]
        for key in full:
            del self._buckets[key]
