"""A plug held across its corners is let go and grasped again with the wrist turned an eighth of a turn.

The plug's grip is a 22 mm square. Fingers closed square to its faces stop 22 mm apart; closed across its corners,
31 mm (22 x sqrt 2). Held across the corners the plug pivots in the fingers when its pin meets the socket, and
slides out: in 60 plug episodes of the shipped students (seeds 1000520-579, ad hoc traces, stop 49) the fingers
first settled 27 mm apart or wider in 16, of which 6 plugged, against 35 of 43 held square. The student turns the
wrist by what it sees, and misjudged the plug's turn by about 45 degrees there. Turning the open hand by 45 degrees
brings the fingers square to the faces (or within the 15 degrees or so that closing squares up). The student has
often begun to lift by the time the fingers settle (the plug drops back into its dock as they open), so the hand
goes back down to the height where they first closed on it: higher, the fingertips hold only the grip's top and the
plug falls out on the way (stop 49, seed 1000554). The driver's :class:`robotstack.driver.CornerGrasp` tells when;
this module is the move. Read from proprioception alone; every step passes the safety layer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from robotstack.policy import STATE_EE_Z, STATE_GRIPPER_OPENING
from robotstack.ready_pose import OPEN, hand_yaw
from robotstack.safety import EE_STEP_M, YAW_STEP_RAD

CLOSE = 1.0


@dataclass
class Regrasp:
    """Open where the hand is; turn the wrist an eighth of a turn toward its home turn (so never past a limit the
    hand is within) while going back down to ``target_z``; close again. :meth:`action` says None once the fingers
    have had ``close_ticks`` to close, or after ``max_ticks``."""

    target_yaw: float
    target_z: float
    open_m: float = 0.045  # fingers clear of the 31 mm corners
    open_ticks: int = 8
    yaw_tolerance_rad: float = 0.03
    z_tolerance_m: float = 0.003
    close_ticks: int = 8
    max_ticks: int = 40
    ticks: int = 0
    _phase: str = "open"
    _phase_ticks: int = 0

    @classmethod
    def of(cls, state: np.ndarray, grasp_z: float) -> Regrasp:
        """From where the hand is now, back to the height ``grasp_z`` where the fingers first closed."""
        yaw = hand_yaw(state)
        turn = -math.pi / 4 if yaw > 0 else math.pi / 4
        z = float(state[STATE_EE_Z]) if math.isnan(grasp_z) else grasp_z
        return cls(yaw + turn, z)

    def action(self, state: np.ndarray) -> np.ndarray | None:
        if self.ticks >= self.max_ticks:
            return None
        self.ticks += 1
        self._phase_ticks += 1
        opening = float(state[STATE_GRIPPER_OPENING])
        turn = math.remainder(self.target_yaw - hand_yaw(state), 2 * math.pi)
        drop = self.target_z - float(state[STATE_EE_Z])
        if self._phase == "open" and (opening > self.open_m or self._phase_ticks > self.open_ticks):
            self._phase, self._phase_ticks = "turn", 1
        if self._phase == "turn" and abs(turn) < self.yaw_tolerance_rad and abs(drop) < self.z_tolerance_m:
            self._phase, self._phase_ticks = "close", 1
        if self._phase == "close" and self._phase_ticks > self.close_ticks:
            return None
        if self._phase != "turn":
            return np.array([0.0, 0.0, 0.0, 0.0, CLOSE if self._phase == "close" else OPEN], dtype=np.float32)
        dyaw = float(np.clip(turn / YAW_STEP_RAD, -1.0, 1.0))
        dz = float(np.clip(drop / EE_STEP_M, -1.0, 1.0))
        return np.array([0.0, 0.0, dz, dyaw, OPEN], dtype=np.float32)
