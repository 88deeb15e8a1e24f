"""The simulator as the control loop's camera source and actuator sink, in virtual time.

The world advances only when an action is applied: first by the action's delay under the command already
running (the policy was still thinking), then under the new command for the rest of the tick. A delay
longer than the tick means the tick(s) pass under the safe hold, as a late inference would on a board.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from robotstack.interfaces import ActuationResult, Frame
from robotstack.sim.tasks.base import ManipulationEnv


class SimBridge:
    """Camera source + actuator sink over one task environment (unwrapped)."""

    def __init__(self, env: ManipulationEnv, on_frame: Callable[[Frame], None] | None = None,
                 on_step: Callable[[dict], None] | None = None) -> None:
        self.env = env
        self.dt = env.model.opt.timestep
        self.on_frame = on_frame  # e.g. a video recorder
        self.on_step = on_step  # gets the simulator's info after every step (privileged state: diagnostics only)
        self._seq = 0
        self.info: dict = {}

    def reset(self, seed: int, options: dict | None = None) -> str:
        """Start an episode; returns its instruction."""
        obs, self.info = self.env.reset(seed=seed, options=options)
        self._seq = 0
        return obs["instruction"]

    def now(self) -> float:
        return float(self.env.data.time)

    def read(self) -> Frame:
        obs = self.env.observe()
        self._seq += 1
        frame = Frame(images=obs["images"], state=obs["state"], stamp=self.now(), seq=self._seq)
        if self.on_frame is not None:
            self.on_frame(frame)
        return frame

    def apply(self, action: np.ndarray, delay_s: float, hold: np.ndarray) -> ActuationResult:
        env, n = self.env, self.env.n_substeps
        delay = max(0, round(delay_s / self.dt))
        while delay >= n:  # a whole tick passes before the action exists: hold through it
            env.apply_action(hold)
            env.simulate(n)
            result = self._finish()
            if result.done:
                return result
            delay -= n
        env.simulate(delay)
        env.apply_action(action)
        env.simulate(n - delay)
        return self._finish()

    def _finish(self) -> ActuationResult:
        _, _, terminated, truncated, self.info = self.env.finish_step(render=False)
        if self.on_step is not None:
            self.on_step(self.info)
        return ActuationResult(done=terminated or truncated, success=bool(self.info["success"]), info=self.info)
