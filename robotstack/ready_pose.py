"""The ready pose: where the hand was when the instruction arrived, and the move back to it between subtasks.

Every skill is learned from the start of an episode: the hand high over the table, fingers open, the wrist at its
home turn. After a first subtask the hand is wherever that subtask ended (above a peg, beside the socket), a state
the demonstrations of the next skill rarely or never start from: the plug student, which learned plugs from the
start pose only, plugged 3 of 8 cables first and 1 of 8 after a ring (stop 39). So between subtasks the board
takes the hand back to the pose it started from, fingers open, and only then conditions the policy on the next
subtask. Read from proprioception alone, and every action it makes still passes the safety layer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from robotstack.policy import STATE_EE_POS, STATE_EE_QUAT, STATE_GRIPPER_OPENING
from robotstack.safety import EE_STEP_M, YAW_STEP_RAD

OPEN = -1.0
LET_GO_M = 0.06  # finger opening wide enough to have let go of whatever they held


def hand_yaw(state: np.ndarray) -> float:
    """The hand's turn about the vertical, from the state's quaternion (w, x, y, z): the heading of its x axis."""
    w, x, y, z = (float(v) for v in state[STATE_EE_QUAT])
    return math.atan2(2.0 * (x * y + w * z), 1.0 - 2.0 * (y * y + z * z))


@dataclass
class ReadyPose:
    """A pose to return to, and the proportional move that gets there: first straight up to within ``clearance_m``
    of its height (a sideways move low down could sweep a placed ring or the plugged cable), then to it, turning
    the wrist back on the way. Fingers still closed on something are opened first, where the hand is: rising while
    they hold a seated plug would pull it out. For ``open_ticks`` at most: fingers jammed against the socket's
    sides open a millimetre per few ticks, and waiting for them cost the whole move (12 of 84 gave up, stop 42).
    :meth:`action` says None once there, or after ``max_ticks`` (the policy then takes over from wherever the
    hand got to, rather than the arm waiting out the episode)."""

    position: np.ndarray
    yaw: float
    tolerance_m: float = 0.015
    yaw_tolerance_rad: float = 0.1
    clearance_m: float = 0.03
    gain_steps: float = 2.0  # full speed until this many steps' travel from the target, then slowing in proportion
    open_m: float = LET_GO_M
    open_ticks: int = 10  # then the move starts anyway, fingers still opening (jammed ones open a mm per few ticks)
    max_ticks: int = 60
    ticks: int = 0

    @classmethod
    def of(cls, state: np.ndarray) -> ReadyPose:
        return cls(np.array(state[STATE_EE_POS], dtype=np.float64), hand_yaw(state))

    @property
    def timed_out(self) -> bool:
        return self.ticks >= self.max_ticks

    def action(self, state: np.ndarray) -> np.ndarray | None:
        """This tick's step toward the pose, or None when the hand is there (or the move timed out)."""
        ee = np.asarray(state[STATE_EE_POS], dtype=np.float64)
        offset = self.position - ee
        turn = math.remainder(self.yaw - hand_yaw(state), 2 * math.pi)
        if self.timed_out or (np.linalg.norm(offset) < self.tolerance_m and abs(turn) < self.yaw_tolerance_rad):
            return None
        self.ticks += 1
        if float(state[STATE_GRIPPER_OPENING]) < self.open_m and self.ticks <= self.open_ticks:
            return np.array([0.0, 0.0, 0.0, 0.0, OPEN], dtype=np.float32)
        if offset[2] > self.clearance_m:
            offset[:2] = 0.0
        move = np.clip(offset / (self.gain_steps * EE_STEP_M), -1.0, 1.0)
        dyaw = float(np.clip(turn / (self.gain_steps * YAW_STEP_RAD), -1.0, 1.0))
        return np.array([*move, dyaw, OPEN], dtype=np.float32)
