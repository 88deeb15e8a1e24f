"""Record demonstrations: the scripted expert's labels on the states that a noisy or learning controller visits.

Three ways to choose the executed action, one labelling rule (the expert, from privileged state):

- ``expert`` with ``noise > 0``: DART-style noise injection; the executed action is the expert's plus
  Gaussian noise, the recorded label is the clean expert action, so the data covers recoveries;
- ``policy`` (DAgger): a learned policy acts (optionally mixed with the expert with probability ``beta``)
  and the expert relabels every visited state.

Each recorded frame carries the phrase of the subtask active at that moment: the policy is conditioned on
subtasks, and the router sequences them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import gymnasium as gym
import numpy as np

from robotstack.sim.experts import InstructionExpert, expert_for_env

PolicyFn = Callable[[dict[str, Any], str], np.ndarray]
"""(observation, subtask phrase) -> action; a learned policy under DAgger."""


@dataclass
class Frame:
    images: dict[str, np.ndarray]
    state: np.ndarray
    action: np.ndarray  # the expert's label
    task: str  # active subtask phrase
    landmarks: np.ndarray  # what the expert steers by (auxiliary training target; see InstructionExpert.landmarks)


@dataclass
class Episode:
    seed: int
    instruction: str
    success: bool
    frames: list[Frame]


def record_episode(env: gym.Env, seed: int, noise: float = 0.0, policy: PolicyFn | None = None, beta: float = 0.0,
                   rng: np.random.Generator | None = None) -> Episode:
    """Run one episode, return every visited state with its expert label."""
    rng = rng or np.random.default_rng(seed)
    obs, info = env.reset(seed=seed)
    expert: InstructionExpert = expert_for_env(info)
    frames: list[Frame] = []
    instruction = obs["instruction"]
    while True:
        priv = info["privileged"]
        label = expert.act(priv)
        active = expert.active(priv)
        phrase = expert.subtasks[active if active is not None else -1].phrase()
        frames.append(Frame({c: im.copy() for c, im in obs["images"].items()}, obs["state"].copy(), label, phrase,
                            expert.landmarks(priv).astype(np.float32)))
        if policy is not None and rng.random() >= beta:
            action = np.asarray(policy(obs, phrase), dtype=np.float32)
        else:
            action = label.copy()
            if noise > 0:
                action[:4] = np.clip(action[:4] + rng.normal(0.0, noise, size=4), -1.0, 1.0)
        obs, _, terminated, truncated, info = env.step(action)
        if terminated or truncated:
            break
    return Episode(seed, instruction, bool(info["success"]), frames)


def record_episodes(env: gym.Env, seeds: list[int], **kwargs) -> Iterator[Episode]:
    for seed in seeds:
        yield record_episode(env, seed, **kwargs)
