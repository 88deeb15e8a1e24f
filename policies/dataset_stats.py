"""Normalisation statistics of a LeRobot v3.0 dataset: per episode, and aggregated over the dataset.

Each feature gets min, max, mean, std, count and the quantiles q01..q99 (LeRobot's set; its quantile
normalisation needs them). Per episode the quantiles are exact (linear interpolation, as ``np.quantile``);
over the dataset they are the count-weighted mean of the episodes' quantiles, as LeRobot aggregates
them, so that a new episode updates the totals without rereading the dataset.

Images: per channel, over all pixels of all frames, scaled to [0, 1], shape (3, 1, 1); ``count`` is the
number of frames. They are computed exactly from a 256-bin histogram per channel, so the encoder's loss
never enters them and no frame has to be kept.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

QUANTILES = {"q01": 0.01, "q10": 0.10, "q50": 0.50, "q90": 0.90, "q99": 0.99}

Stats = dict[str, np.ndarray]


def vector_stats(values: np.ndarray) -> Stats:
    """Stats of (N,) or (N, D) values; min and max keep the values' dtype (ints stay ints in JSON)."""
    values = values.reshape(len(values), -1)
    as_float = values.astype(np.float64)
    stats = {"min": values.min(axis=0), "max": values.max(axis=0), "mean": as_float.mean(axis=0),
             "std": as_float.std(axis=0), "count": np.array([len(values)])}
    for key, q in zip(QUANTILES, np.quantile(as_float, list(QUANTILES.values()), axis=0)):
        stats[key] = q
    return stats


class ImageStats:
    """Running per-channel histogram of an episode's frames of one camera."""

    def __init__(self) -> None:
        self._hist = np.zeros((3, 256), dtype=np.int64)
        self._frames = 0

    def add(self, frame: np.ndarray) -> None:
        codes = frame.reshape(-1, 3).astype(np.int64) + np.array([0, 256, 512])
        self._hist += np.bincount(codes.ravel(), minlength=768).reshape(3, 256)
        self._frames += 1

    def stats(self) -> Stats:
        levels = np.arange(256, dtype=np.float64) / 255.0
        n = self._hist.sum(axis=1)
        cum = np.cumsum(self._hist, axis=1)
        mean = (self._hist * levels).sum(axis=1) / n
        var = (self._hist * (levels - mean[:, None]) ** 2).sum(axis=1) / n
        stats = {"min": np.array([levels[np.flatnonzero(h)[0]] for h in self._hist]),
                 "max": np.array([levels[np.flatnonzero(h)[-1]] for h in self._hist]),
                 "mean": mean, "std": np.sqrt(var)}
        for key, q in QUANTILES.items():
            stats[key] = np.array([_hist_quantile(cum[c], levels, q) for c in range(3)])
        stats = {key: value.reshape(3, 1, 1) for key, value in stats.items()}
        stats["count"] = np.array([self._frames])
        return stats


def _hist_quantile(cum: np.ndarray, levels: np.ndarray, q: float) -> float:
    """``np.quantile(values, q)`` (linear) of the values whose cumulative histogram is ``cum``."""
    pos = q * (cum[-1] - 1)
    lo, frac = int(np.floor(pos)), pos - np.floor(pos)
    below = levels[np.searchsorted(cum, lo, side="right")]
    above = levels[np.searchsorted(cum, min(lo + 1, cum[-1] - 1), side="right")]
    return float(below + frac * (above - below))


def aggregate(parts: list[Mapping[str, Stats]]) -> dict[str, Stats]:
    """Combine stats of disjoint sets of frames (LeRobot's ``aggregate_stats``): exact except quantiles."""
    return {key: _aggregate_feature([p[key] for p in parts]) for key in parts[0]}


def _aggregate_feature(parts: list[Stats]) -> Stats:
    counts = np.stack([p["count"] for p in parts]).astype(np.float64)
    means = np.stack([p["mean"] for p in parts])
    counts = counts.reshape(counts.shape[:1] + (1,) * (means.ndim - 1))
    total = counts.sum(axis=0)
    mean = (means * counts).sum(axis=0) / total
    var = ((np.stack([p["std"] for p in parts]) ** 2 + (means - mean) ** 2) * counts).sum(axis=0) / total
    out = {"min": np.min(np.stack([p["min"] for p in parts]), axis=0),
           "max": np.max(np.stack([p["max"] for p in parts]), axis=0),
           "mean": mean, "std": np.sqrt(var),
           "count": np.sum([p["count"] for p in parts], axis=0)}
    for key in QUANTILES:
        out[key] = (np.stack([p[key] for p in parts]) * counts).sum(axis=0) / total
    return out


def to_json(stats: Mapping[str, Stats]) -> dict[str, dict[str, list]]:
    return {key: {stat: value.tolist() for stat, value in ft.items()} for key, ft in stats.items()}


def from_json(obj: Mapping[str, Mapping[str, list]]) -> dict[str, Stats]:
    return {key: {stat: np.asarray(value) for stat, value in ft.items()} for key, ft in obj.items()}
