"""Actuator sinks other than the simulator. A robot bridge implements the same protocol
(``robotstack.interfaces.ActuatorSink``); until one exists for a given arm, ``RecordingActuator`` lets a
board run the full loop against real cameras and keeps every action it would have sent."""

from __future__ import annotations

import numpy as np

from robotstack.interfaces import ActuationResult


class RecordingActuator:
    """Keeps (delay, action) pairs in memory instead of moving an arm; never ends an episode by itself."""

    def __init__(self) -> None:
        self.actions: list[np.ndarray] = []
        self.delays_s: list[float] = []

    def apply(self, action: np.ndarray, delay_s: float, hold: np.ndarray) -> ActuationResult:
        self.actions.append(np.asarray(action, dtype=np.float32).copy())
        self.delays_s.append(delay_s)
        return ActuationResult()
