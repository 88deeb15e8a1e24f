"""What the board reads of a plug insertion from proprioception alone, and the way out of a jam.

A held plug pushed into its socket stops the hand: the hand came down and keeps its height (:class:`Bottoming`).
Seated or jammed on the socket's mouth, it looks the same from the arm (the hand stops at about the workspace's
floor either way, stop 42). What tells them apart is what follows: a seated plug ends the insertion (the policy lets
go, the next subtask starts); the plug students, when the pin lands a few millimetres off the socket's axis, press
on at the mouth for the rest of the episode (traced, stop 43: 300 ticks at one height, the plug sliding up the
grip). The expert they learned from backs straight up when the pin is misaligned at the mouth and comes down again;
:class:`JammedPlug` says when to, and :class:`BackUp` is that move.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from robotstack.policy import STATE_EE_Z, STATE_GRIPPER_OPENING

CLOSE = 1.0
HOLDING_M = (0.005, 0.04)  # a finger opening between these, closed, means an object stops the fingers


def holding(state: np.ndarray) -> bool:
    """Whether the fingers are stopped by something they hold."""
    return HOLDING_M[0] < float(state[STATE_GRIPPER_OPENING]) < HOLDING_M[1]


@dataclass
class Bottoming:
    """The held hand came down ``descent_m`` from its highest and has since kept its height within ``settle_m``
    for ``settle_ticks``: an insertion gone as deep as it will go, seated or jammed."""

    descent_m: float = 0.02
    settle_m: float = 0.001
    settle_ticks: int = 5
    still_ticks: int = 0  # ticks the hand has kept its height
    _top_z: float = -np.inf
    _settled_z: float = np.inf

    def update(self, z: float) -> bool:
        self._top_z = max(self._top_z, z)
        if abs(z - self._settled_z) > self.settle_m:
            self._settled_z, self.still_ticks = z, 0
        self.still_ticks += 1
        return self._top_z - z >= self.descent_m and self.still_ticks >= self.settle_ticks


@dataclass
class JammedPlug:
    """A plug held bottomed ``wait_ticks`` past its settling and not let go: read as jammed on the mouth, at most
    ``retries`` times per subtask. Only for a plug with nothing after it (one with a subtask after it is done once
    bottomed, :class:`robotstack.driver.SubtaskProgress`). A seated plug the policy does not let go of reads the
    same: backing it up pulls it out, and the policy seats it again (the last try stays where it ends)."""

    wait_ticks: int = 20
    retries: int = 3
    _bottoming: Bottoming = field(default_factory=Bottoming)
    _used: int = 0

    def update(self, state: np.ndarray) -> bool:
        if not holding(state):
            self._bottoming = Bottoming()  # the descent counts from the grasp
            return False
        bottomed = self._bottoming.update(float(state[STATE_EE_Z]))
        if not bottomed or self._bottoming.still_ticks < self._bottoming.settle_ticks + self.wait_ticks \
                or self._used >= self.retries:
            return False
        self._used += 1
        self._bottoming = Bottoming()
        return True

    def next_subtask(self) -> None:
        self._bottoming, self._used = Bottoming(), 0


@dataclass
class BackUp:
    """Straight up ``rise_m`` from where the hand is, the grip kept: the expert's way off a misaligned pin (back out
    before moving sideways), then the policy comes down again. :meth:`action` says None once risen, or after
    ``max_ticks`` (a hand that cannot rise is given back to the policy)."""

    start_z: float
    rise_m: float = 0.03
    speed: float = 0.5  # of full scale: 1 cm a tick, the expert's back-out speed
    max_ticks: int = 10
    ticks: int = 0

    @classmethod
    def of(cls, state: np.ndarray) -> BackUp:
        return cls(float(state[STATE_EE_Z]))

    def action(self, state: np.ndarray) -> np.ndarray | None:
        """This tick's step up, or None when the hand has risen (or the move timed out)."""
        if float(state[STATE_EE_Z]) >= self.start_z + self.rise_m or self.ticks >= self.max_ticks:
            return None
        self.ticks += 1
        return np.array([0.0, 0.0, self.speed, 0.0, CLOSE], dtype=np.float32)
