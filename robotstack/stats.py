"""Small statistics used wherever a success rate or a latency is reported."""

from __future__ import annotations

import math

import numpy as np


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a binomial rate (95 % by default); honest near 0 % and 100 %."""
    if trials <= 0:
        raise ValueError(f"trials={trials}; need at least one trial")
    if not 0 <= successes <= trials:
        raise ValueError(f"successes={successes} must lie in 0..{trials}")
    p = successes / trials
    denom = 1 + z**2 / trials
    centre = (p + z**2 / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z**2 / (4 * trials**2)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def percentiles(samples: list[float] | np.ndarray, qs: tuple[float, ...] = (50, 99)) -> dict[str, float]:
    """Named percentiles, e.g. ``{"p50": ..., "p99": ...}``."""
    values = np.asarray(samples, dtype=float)
    if values.size == 0:
        return {f"p{q:g}": float("nan") for q in qs}
    return {f"p{q:g}": float(np.percentile(values, q)) for q in qs}
