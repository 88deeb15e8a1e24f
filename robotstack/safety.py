"""The safety layer between the policy and the arm: every action passes here, every intervention is counted.

A *hold* is the safe action: no end-effector motion, the gripper kept where it was commanded (opening it
could drop what the arm carries). Rules, in order:

1. e-stop engaged -> hold;
2. stale frame (older than ``stale_after_s``) -> hold: the policy saw a world that is gone;
3. NaN or inf anywhere -> hold;
4. out of [-1, 1] -> clipped;
5. translation faster than ``max_speed`` (fraction of full scale) -> scaled down;
6. a step that would take the hand outside the workspace box -> that component zeroed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from robotstack.policy import STATE_EE_POS

EE_STEP_M = 0.02  # metres per control step at |action| = 1 (the environment contract)
YAW_STEP_RAD = 0.15  # wrist turn per control step at |dyaw| = 1 (the environment contract)


@dataclass(frozen=True)
class SafetyLimits:
    workspace_low: tuple[float, float, float] = (0.2, -0.5, 0.022)
    workspace_high: tuple[float, float, float] = (0.8, 0.5, 0.5)
    max_speed: float = 1.75  # norm of (dx, dy, dz) in full-scale units: 0.7 m/s at 20 Hz
    stale_after_s: float = 0.15
    implausible_above: float = 2.0
    """An action component beyond this magnitude (the contract's range is [-1, 1]) is not an overshoot to clip but a
    policy in other units or broken: the arm holds rather than run at full speed where it points."""


@dataclass
class SafetyLayer:
    limits: SafetyLimits = field(default_factory=SafetyLimits)
    interventions: Counter = field(default_factory=Counter)
    estop: bool = False
    last_gripper: float = -1.0  # open until commanded otherwise

    def hold(self) -> np.ndarray:
        return np.array([0.0, 0.0, 0.0, 0.0, self.last_gripper], dtype=np.float32)

    def engage_estop(self) -> None:
        self.estop = True

    def release_estop(self) -> None:
        self.estop = False

    def filter(self, action: np.ndarray | None, state: np.ndarray, frame_age_s: float) -> np.ndarray:
        """The action to send, given the policy's proposal (None: nothing to send this tick)."""
        if self.estop:
            return self._intervene("estop")
        if frame_age_s > self.limits.stale_after_s:
            return self._intervene("stale_frame")
        if action is None:
            return self._intervene("no_action")
        action = np.asarray(action, dtype=np.float32).reshape(-1)
        if action.shape != (5,) or not np.all(np.isfinite(action)):
            return self._intervene("invalid_action")
        if np.any(np.abs(action) > self.limits.implausible_above):
            return self._intervene("implausible_action")
        if np.any(np.abs(action) > 1.0):
            self.interventions["range_clip"] += 1
            action = np.clip(action, -1.0, 1.0)
        speed = float(np.linalg.norm(action[:3]))
        if speed > self.limits.max_speed:
            self.interventions["speed_limit"] += 1
            action[:3] *= self.limits.max_speed / speed
        ee = np.asarray(state, dtype=np.float64)[STATE_EE_POS]
        if np.all(np.isfinite(ee)):
            nxt = ee + action[:3] * EE_STEP_M
            outside = (nxt < self.limits.workspace_low) & (action[:3] < 0) | (nxt > self.limits.workspace_high) & (action[:3] > 0)
            if np.any(outside):
                self.interventions["workspace"] += 1
                action[:3][outside] = 0.0
        self.last_gripper = float(action[4])
        return action

    def _intervene(self, kind: str) -> np.ndarray:
        self.interventions[kind] += 1
        return self.hold()
