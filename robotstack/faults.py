"""Fault injection: wrap a camera source or a policy so that a seeded fraction of ticks goes wrong.

Used by ``robotstack run --inject`` and by the tests, to show that every fault is counted and met with a
safe reaction rather than a crash. Kinds: ``drop`` (no frame), ``stale`` (the previous frame again, old
timestamp), ``freeze`` (the wrist camera's picture stays the same for ``freeze_ticks`` frames that are otherwise
new: a hung sensor whose driver still stamps them), ``corrupt`` (one camera delivers a single channel), ``unplug``
(the camera raises OSError), ``bad_state`` (the proprioception read with the frame is NaN), ``nan`` (the policy
returns NaN), ``late`` (the policy takes ``late_ms`` longer than it did).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from robotstack.interfaces import CameraSource, Frame

KINDS = ("drop", "stale", "freeze", "corrupt", "unplug", "bad_state", "nan", "late")


@dataclass
class FaultPlan:
    """Probability per tick of each fault kind, and the seed that fixes which ticks."""

    rates: dict[str, float] = field(default_factory=dict)
    late_ms: float = 120.0
    freeze_ticks: int = 20
    seed: int = 0

    @classmethod
    def parse(cls, text: str, seed: int = 0) -> FaultPlan:
        """``"drop=0.05,nan=0.02,late=0.1"`` -> a plan; unknown kinds or rates outside [0, 1] fail clearly."""
        rates = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            kind, _, value = part.partition("=")
            if kind not in KINDS:
                raise ValueError(f"fault kind {kind!r} unknown; accepted: {', '.join(KINDS)}")
            try:
                rate = float(value)
            except ValueError as err:
                raise ValueError(f"fault {kind}: rate {value!r} is not a number") from err
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"fault {kind}: rate {rate} outside [0, 1]")
            rates[kind] = rate
        return cls(rates, seed=seed)


class FaultyCamera:
    """A camera source that drops, repeats (stale), corrupts or fails to read frames, or spoils their
    proprioception, at the plan's rates."""

    def __init__(self, camera: CameraSource, plan: FaultPlan) -> None:
        self.camera = camera
        self.plan = plan
        self.rng = np.random.default_rng(plan.seed)
        self.injected: Counter = Counter()
        self._last: Frame | None = None
        self._frozen: dict[str, np.ndarray] | None = None  # the picture a frozen camera keeps showing
        self._frozen_left = 0  # frames it has yet to show it for

    def now(self) -> float:
        return self.camera.now()

    def read(self) -> Frame | None:
        frame = self.camera.read()
        if frame is not None and self._last is not None and frame.seq <= self._last.seq:
            self._last = None  # the source restarted (a new episode): an older stream's frame is not "the previous"
            self._frozen_left = 0
        rates = self.plan.rates
        if self.rng.random() < rates.get("unplug", 0.0):
            self.injected["unplug"] += 1
            raise OSError("injected fault: camera unplugged")
        if self.rng.random() < rates.get("drop", 0.0):
            self.injected["drop"] += 1
            return None
        if self._last is not None and self.rng.random() < rates.get("stale", 0.0):
            self.injected["stale"] += 1
            return self._last
        freeze = rates.get("freeze", 0.0)  # drawn only when asked for: plans without it keep their sequences
        if frame is not None and self._last is not None and not self._frozen_left and freeze \
                and self.rng.random() < freeze:
            cam = "wrist" if "wrist" in frame.images else next(iter(frame.images))
            self._frozen, self._frozen_left = {cam: self._last.images[cam]}, self.plan.freeze_ticks
        if frame is not None and self._frozen_left:
            self.injected["freeze"] += 1  # frames shown frozen, as every other kind counts frames
            self._frozen_left -= 1
            return Frame({**frame.images, **self._frozen}, frame.state, frame.stamp, frame.seq)
        if frame is not None and self.rng.random() < rates.get("corrupt", 0.0):
            self.injected["corrupt"] += 1
            cam = next(iter(frame.images))
            return Frame({**frame.images, cam: frame.images[cam][..., :1]}, frame.state, frame.stamp, frame.seq)
        if frame is not None and self.rng.random() < rates.get("bad_state", 0.0):
            self.injected["bad_state"] += 1
            return Frame(frame.images, np.full_like(frame.state, np.nan), frame.stamp, frame.seq)
        self._last = frame
        return frame


class FaultyPolicy:
    """A policy wrapper that returns NaN chunks or sleeps past its deadline at the plan's rates."""

    def __init__(self, policy, plan: FaultPlan) -> None:
        self.policy = policy
        self.plan = plan
        self.rng = np.random.default_rng(plan.seed + 1)
        self.injected: Counter = Counter()
        self.extra_latency_ms = 0.0  # the last call's injected delay: a run on an assumed latency adds it

    def start_episode(self) -> None:
        if (start := getattr(self.policy, "start_episode", None)) is not None:
            start()

    def __call__(self, images, state, text) -> np.ndarray:
        chunk = self.policy(images, state, text)
        self.extra_latency_ms = 0.0
        if self.rng.random() < self.plan.rates.get("late", 0.0):
            self.injected["late"] += 1
            self.extra_latency_ms = self.plan.late_ms
            time.sleep(self.plan.late_ms / 1000.0)
        if self.rng.random() < self.plan.rates.get("nan", 0.0):
            self.injected["nan"] += 1
            return np.full_like(chunk, np.nan)
        return chunk
