"""Record demonstrations: the scripted expert's labels on the states that a noisy or learning controller visits.

Three ways to choose the executed action, one labelling rule (the expert, from privileged state):

- ``expert`` with ``noise > 0``: DART-style noise injection; the executed action is the expert's plus
  Gaussian noise, the recorded label is the clean expert action, so the data covers recoveries;
- ``expert`` with a :class:`Fumble`: once per episode the hand slips as a learner's does (lets go of the object
  short of its goal, or closes above the object), and the expert's labels show the recovery that follows;
- ``expert`` with a :class:`Misaim`: the reach is steered by a misjudged object position, as a learner's own reach
  is, and the labels (the expert on the true state) say where the object really is from the hand;
- ``expert`` with a :class:`CarryMisaim`: the same for the carry to the goal once the object is held;
- ``policy`` (DAgger): a learned policy acts (optionally mixed with the expert with probability ``beta``)
  and the expert relabels every visited state.

Each recorded frame carries the phrase of the subtask active at that moment: the policy is conditioned on
subtasks, and the router sequences them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import gymnasium as gym
import numpy as np

from robotstack.ready_pose import ReadyPose
from robotstack.sim.experts import (CLOSE, GAIN_DISTANCE, OPEN, InstructionExpert, expert_for_env,
                                    mislocated)
from robotstack.sim.tasks.base import MAX_STEP_M


class Actor(Protocol):
    """A learned policy acting under DAgger: (observation, subtask phrase) -> action, with per-episode memory."""

    def reset(self) -> None: ...

    def __call__(self, obs: dict[str, Any], phrase: str) -> np.ndarray: ...


@dataclass
class Fumble:
    """One scripted slip in an expert episode. On their own, students fail by letting go of the object short of
    its goal (it falls off the peg top, or lands beside it) or by closing the hand above the object, and then do
    not recover: expert data never showed those states. A slip puts the episode there and the expert's labels
    show the recovery (the ring expert succeeds in 39 of 40 slipped episodes). A slip the active expert does not
    recover from (``RECOVERS_FROM``) never starts."""

    kind: str  # "release": lower off the goal and let go once within ``radius`` of it; "early_close": close above it
    radius: float  # m, goal from the held object in the table plane
    ticks: int  # how long the slip lasts
    speed: float  # of the hand across the table while slipping, away from the goal (release), action units
    lift: float  # of the hand while it lets go (release), action units
    left: int = -1  # ticks of the slip still to come; -1 before it starts

    @classmethod
    def draw(cls, rng: np.random.Generator) -> Fumble:
        kind = "release" if rng.random() < 0.7 else "early_close"
        return cls(kind, radius=float(rng.uniform(0.01, 0.05)), ticks=int(rng.integers(4, 9)),
                   speed=float(rng.uniform(0.4, 1.0)) if kind == "release" else 0.0, lift=float(rng.uniform(0.0, 0.5)))

    def action(self, priv: dict[str, Any], expert: InstructionExpert, landmarks: np.ndarray) -> np.ndarray | None:
        """The slipping action for this step, or None while the slip has not started or is over."""
        if self.left == 0:
            return None
        if self.left < 0:
            if not self._starts(priv, expert, landmarks):
                return None
            self.left = self.ticks
        self.left -= 1
        if self.kind == "early_close":
            return np.array([0.0, 0.0, 0.0, 0.0, CLOSE], dtype=np.float32)
        if self.left >= 2:
            # Down while drifting off the goal, as a student that misjudges the last centimetres does: the object
            # lands on the edge of its goal (a ring on the peg top, tilted) rather than threading by luck.
            goal = landmarks[3:5] / max(float(np.linalg.norm(landmarks[3:5])), 1e-6)
            return np.array([*(-self.speed * goal), -1.0, 0.0, CLOSE], dtype=np.float32)
        return np.array([0.0, 0.0, self.lift, 0.0, OPEN], dtype=np.float32)  # then lets go

    def _starts(self, priv: dict[str, Any], expert: InstructionExpert, landmarks: np.ndarray) -> bool:
        if not expert.recovers_from(priv, self.kind):
            return False  # an unrecoverable slip would only teach the expert's failure
        if self.kind == "release":
            return expert.holding(priv) and float(np.linalg.norm(landmarks[3:5])) < self.radius
        # Open, over the grasp point and 1-6 cm above it: on the way down to the object.
        return (not expert.holding(priv) and priv["gripper_opening"] > 0.06
                and float(np.linalg.norm(landmarks[:2])) < 0.02 and -0.06 < float(landmarks[2]) < -0.01)


@dataclass
class _MisjudgedPosition:
    """A position error of ``sigma`` per table axis, redrawn every ``every`` ticks, for up to ``ticks`` ticks: each
    episode shows many offsets rather than one that the scene could stand for."""

    rng: np.random.Generator
    sigma: float  # m per table axis
    every: int = 8
    ticks: int = 60
    tick: int = 0  # misaimed ticks so far
    over: bool = False
    error: np.ndarray = field(default_factory=lambda: np.zeros(2))

    def _next_error(self) -> np.ndarray:
        if self.tick % self.every == 0:
            self.error = self.rng.normal(0.0, self.sigma, size=2)
        self.tick += 1
        return self.error


@dataclass
class Misaim(_MisjudgedPosition):
    """A reach for the object steered by a misjudged position of it. A student's own reach is off by a centimetre
    or two, and to correct it the student must read the object's offset from the hand in the images; on the
    expert's own reaches that offset follows from the phase of the reach, so a network trained on them reads the
    phase and closes off target (``benchmarks/misaim.py``). Here the hand goes where the expert would take it if
    the object were ``sigma`` off per table axis, with a new error every ``every`` ticks, so each episode shows
    many offsets rather than one that the scene could stand for; the labels are the expert's on the true state.
    The hand closes only where the expert on the true state closes, and then, or after ``ticks``, the misaim ends."""

    sigma: float = 0.015  # m per table axis, about a student's own reach error

    @classmethod
    def draw(cls, rng: np.random.Generator) -> Misaim:
        return cls(rng, ticks=int(rng.integers(40, 100)))

    def action(self, priv: dict[str, Any], expert: InstructionExpert, label: np.ndarray) -> np.ndarray | None:
        """The misaimed action for this step, or None once the misaim is over (for good)."""
        self.over = self.over or self.tick >= self.ticks or label[4] > 0 or expert.holding(priv)
        if self.over:  # for good once the expert closes or holds: the reach is over
            return None
        action = expert.act(mislocated(expert, priv, self._next_error()))
        action[4] = label[4]  # open: the hand closes only over the true object
        return action


@dataclass
class CarryMisaim(_MisjudgedPosition):
    """A carry steered by a misjudged goal position: :class:`Misaim` for the second half of a subtask. On their own,
    cable students hold the plug 8 mm off the socket and 15 mm up and wait there, moving at a tenth of the
    expert's speed: on the expert's carries the pin-to-socket offset follows from the phase of the carry, as the
    grip's did on its reaches. Here, once the held object is within ``radius`` of its goal in the table plane, the
    hand goes across the table where the expert would take it if the goal were ``sigma`` off per table axis, with
    a new error every ``every`` ticks, and holds the object ``height`` above the goal (the pin above the socket's
    mouth, the ring's centre above the peg top), where the students wait, for ``ticks`` ticks. The labels are the
    expert's on the true state, and the hand lets go only where that expert does; then, or after ``ticks``, the
    misaim ends."""

    sigma: float = 0.008  # m per table axis, about where the cable students wait
    ticks: int = 40
    height: float = 0.02  # m above the goal
    radius: float = 0.03  # m, goal from the held object where the misaim starts

    @classmethod
    def draw(cls, rng: np.random.Generator) -> CarryMisaim:
        return cls(rng, height=float(rng.uniform(0.01, 0.04)), ticks=int(rng.integers(24, 64)))

    def action(self, priv: dict[str, Any], expert: InstructionExpert, label: np.ndarray,
               landmarks: np.ndarray) -> np.ndarray | None:
        """The misaimed action for this step, or None before the held object nears its goal and once it is over."""
        self.over = self.over or self.tick >= self.ticks or (self.tick > 0 and label[4] == OPEN)
        near = expert.holding(priv) and float(np.linalg.norm(landmarks[3:5])) < self.radius
        if self.over or not (near or self.tick > 0):
            return None
        action = expert.act(mislocated(expert, priv, np.zeros(2), goal_error=self._next_error()))
        above = -float(landmarks[5])  # the held object above its goal (landmarks: goal minus object)
        action[2] = np.clip((self.height - above) / (GAIN_DISTANCE * MAX_STEP_M), -1.0, 1.0)
        action[4] = label[4]
        return action


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


def record_episode(env: gym.Env, seed: int, noise: float = 0.0, policy: Actor | None = None, beta: float = 0.0,
                   rng: np.random.Generator | None = None, fumble: Fumble | None = None,
                   misaim: Misaim | None = None, carry_misaim: CarryMisaim | None = None,
                   settle_ticks: int = 0, after_first: bool = False) -> Episode:
    """Run one episode, return every visited state with its expert label.

    The episode ends when the task's judge sees success, which for a plug is the moment it seats, still held.
    ``settle_ticks`` records that many more steps of the expert alone, letting go and rising clear: without them a
    learner never sees the end of a skill, and a plug student held a seated plug until it pulled it out again,
    where the next subtask of a plan was waiting for the release (stop 40).
    ``after_first``: the expert does the first subtask unrecorded and the board's :class:`ReadyPose` move takes the
    hand back to where it started, as the driver does between subtasks; only what follows is recorded. A student
    that learned a skill from the start of episodes alone missed 18 of 107 rings after a plug (stop 47): the scene
    it then sees (a plugged cable, the arm as the move left it) is not one its demonstrations showed. An episode
    whose first subtask the expert does not finish has no frames."""
    rng = rng or np.random.default_rng(seed)
    obs, info = env.reset(seed=seed)
    instruction = obs["instruction"]
    expert: InstructionExpert = expert_for_env(info)
    if after_first:
        if len(expert.subtasks) < 2:
            raise ValueError(f"after_first records what follows an instruction's first subtask; seed {seed}'s "
                             f"instruction {instruction!r} has only one")
        lead_in = _first_subtask_then_ready_pose(env, expert, obs, info)
        if lead_in is None:
            return Episode(seed, instruction, False, [])
        obs, info = lead_in
    if policy is not None:
        policy.reset()
    frames: list[Frame] = []
    succeeded, settled = False, 0
    while True:
        priv = info["privileged"]
        label = expert.act(priv)
        active = expert.active(priv)
        phrase = expert.subtasks[active if active is not None else -1].phrase()
        landmarks = expert.landmarks(priv).astype(np.float32)
        frames.append(Frame({c: im.copy() for c, im in obs["images"].items()}, obs["state"].copy(), label, phrase,
                            landmarks))
        slip = fumble.action(priv, expert, landmarks) if fumble is not None else None
        if slip is None and misaim is not None:
            slip = misaim.action(priv, expert, label)
        if slip is None and carry_misaim is not None:
            slip = carry_misaim.action(priv, expert, label, landmarks)
        # A learner infers on every step, as in the control loop, even where the expert acts: its chunk
        # ensemble then spans the same ticks it will at run time.
        proposal = np.asarray(policy(obs, phrase), dtype=np.float32) if policy is not None else None
        if succeeded:
            action = label
        elif slip is not None:
            action = slip
        elif proposal is not None and rng.random() >= beta:
            action = proposal
        else:
            action = label.copy()
            if noise > 0:
                action[:4] = np.clip(action[:4] + rng.normal(0.0, noise, size=4), -1.0, 1.0)
        obs, _, terminated, truncated, info = env.step(action)
        succeeded = succeeded or terminated
        if succeeded:
            if settled >= settle_ticks:
                break
            settled += 1
        elif truncated:
            break
    return Episode(seed, instruction, succeeded, frames)


def _first_subtask_then_ready_pose(env: gym.Env, expert: InstructionExpert, obs: dict[str, Any],
                                   info: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The expert's first subtask, then the move back to the start pose: (obs, info) after both, or None if the
    episode's time ran out first."""
    ready = ReadyPose.of(obs["state"])
    while info["privileged"]["achieved_at"][0] is None:
        obs, _, _, truncated, info = env.step(expert.act(info["privileged"]))
        if truncated:
            return None
    while (action := ready.action(obs["state"])) is not None:
        obs, _, _, truncated, info = env.step(action)
        if truncated:
            return None
    return obs, info
