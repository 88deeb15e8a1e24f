"""What the control loop talks to: camera sources, actuator sinks and the frames that pass between them.

The simulator implements both sides (``robotstack.sim.bridge``); real cameras come through OpenCV
(``robotstack.cameras``). The loop never knows which it has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np


@dataclass
class Frame:
    """One synchronised set of camera images plus the proprioception read with them."""

    images: dict[str, np.ndarray]
    state: np.ndarray
    stamp: float  # seconds on the source's clock when the frame was taken
    seq: int


@dataclass
class ActuationResult:
    """What the sink reports after an action: episode status in simulation, nothing on a real arm."""

    done: bool = False
    success: bool = False
    info: dict[str, Any] = field(default_factory=dict)


class CameraSource(Protocol):
    def read(self) -> Frame | None:
        """The newest frame, or None when the source has none (dropped frame, camera gone)."""

    def now(self) -> float:
        """The source's clock, to judge a frame's age."""


class ActuatorSink(Protocol):
    def apply(self, action: np.ndarray, delay_s: float, hold: np.ndarray) -> ActuationResult:
        """Send an action that becomes effective ``delay_s`` after the frame it was computed from was
        taken; until then the previous command (or ``hold`` when the tick is over) keeps running."""
