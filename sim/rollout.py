"""Run one seeded episode with any controller, for demos, evaluation and data collection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import gymnasium as gym
import numpy as np

from robotstack.sim.experts import expert_for_env

Controller = Callable[[dict[str, Any], dict[str, Any]], np.ndarray]
"""Maps (observation, info) to an action."""
ControllerFactory = Callable[[dict[str, Any]], Controller]
"""Builds the controller for one episode from the reset's info."""
StepHook = Callable[[dict[str, Any], np.ndarray, dict[str, Any]], None]
"""Called with (observation the action was chosen on, action, info after the step)."""


@dataclass
class EpisodeResult:
    seed: int
    instruction: str
    success: bool
    steps: int
    actions_clipped: int = 0
    actions_rejected: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def expert_controller(info: dict[str, Any]) -> Controller:
    """The scripted expert for the episode; it reads only ``info["privileged"]``."""
    expert = expert_for_env(info)
    return lambda obs, step_info: expert.act(step_info["privileged"])


def rollout(env: gym.Env, seed: int, make_controller: ControllerFactory = expert_controller,
            on_step: StepHook | None = None) -> EpisodeResult:
    """Run one episode from ``reset(seed=seed)`` until success or the horizon."""
    obs, info = env.reset(seed=seed)
    controller = make_controller(info)
    instruction = obs["instruction"]
    steps = 0
    while True:
        action = controller(obs, info)
        next_obs, _, terminated, truncated, info = env.step(action)
        if on_step is not None:
            on_step(obs, action, info)
        obs = next_obs
        steps += 1
        if terminated or truncated:
            break
    return EpisodeResult(
        seed=seed,
        instruction=instruction,
        success=bool(info["success"]),
        steps=steps,
        actions_clipped=info["actions_clipped"],
        actions_rejected=info["actions_rejected"],
    )
