"""LanguageTabletop-v0: coloured rings, pegs and a cable; the instruction says which to do, in order.

Success is judged against the instruction's subtasks: each must hold at the end, they must have been
achieved in the order given, and nothing else may have been done (a ring on a peg that was not asked
for, or a plugged cable that was not asked for, fails the episode).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from robotstack.sim import entities
from robotstack.sim.tasks.base import ManipulationEnv
from robotstack.sim.tasks.cable_plugging import cable_layout_ok, place_cable
from robotstack.sim.tasks.goals import plug_seated, ring_on_peg
from robotstack.sim.tasks.layout import sample_positions
from robotstack.sim.tasks.objects import anchor_position, body_pose, plug_state, socket_state
from robotstack.skills import COLORS, SKILLS, Subtask, parse_instruction, render_instruction

N_RINGS = 3
N_PEGS = 2
TWO_STEP_PROBABILITY = 0.5


class LanguageTabletopEnv(ManipulationEnv):
    """Three rings, two pegs, a cable with its dock and a socket; one- and two-step instructions."""

    default_horizon = 450

    def __init__(self, *args: Any, instruction_steps: int | None = None, skill: str | None = None,
                 **kwargs: Any) -> None:
        """``instruction_steps``: 1 or 2 samples only one- or two-step instructions; None mixes them (half each).
        ``skill``: every instruction is one step of this skill (a skill's own demonstrations and evaluation, e.g.
        a student for the plug alone); the scene a seed lays out is the same as without it."""
        if instruction_steps not in (None, 1, 2):
            raise ValueError(f"instruction_steps={instruction_steps!r}; accepted: 1, 2 or None (both)")
        if skill is not None and skill not in SKILLS:
            raise ValueError(f"skill={skill!r}; accepted: {', '.join(sorted(SKILLS))} or None (any)")
        if skill is not None and instruction_steps == 2:
            raise ValueError(f"skill={skill!r} asks for one-step instructions; instruction_steps=2 contradicts it")
        self.instruction_steps = 1 if skill is not None else instruction_steps
        self.skill = skill
        super().__init__(*args, **kwargs)

    def entity_xml(self) -> list[str]:
        rings = [entities.ring(f"ring{i}", "red") for i in range(N_RINGS)]
        pegs = [entities.peg(f"peg{i}", "blue") for i in range(N_PEGS)]
        return [*rings, *pegs, entities.cable(), entities.dock(), entities.socket()]

    def sample_episode(self, rng: np.random.Generator) -> None:
        ring_colors = [str(c) for c in rng.choice(COLORS, size=N_RINGS, replace=False)]
        peg_colors = [str(c) for c in rng.choice(COLORS, size=N_PEGS, replace=False)]
        self.ring_bodies = {color: f"ring{i}" for i, color in enumerate(ring_colors)}
        self.peg_bodies = {color: f"peg{i}" for i, color in enumerate(peg_colors)}
        for color, body in self.ring_bodies.items():
            self.set_body_color(body, color)
        for color, body in self.peg_bodies.items():
            self.set_geom_color(f"{body}_shaft", color)
        clearances = [0.055] * N_RINGS + [0.05] * N_PEGS + [0.05, 0.06]
        while True:
            *xy, dock_xy, socket_xy = sample_positions(rng, clearances)
            place_cable(self, rng, dock_xy)
            if cable_layout_ok(self, socket_xy, xy):
                break
        for i in range(N_RINGS):
            self.set_free_body_pose(f"ring{i}_free", np.array([*xy[i], entities.RING_TUBE]), rng.uniform(-np.pi, np.pi))
        for i in range(N_PEGS):
            self.set_fixture_pose(f"peg{i}", *xy[N_RINGS + i])
        self.set_fixture_pose("socket", *socket_xy, rng.uniform(0, math.pi / 2))
        self.subtasks = self._sample_subtasks(rng, ring_colors, peg_colors, self.instruction_steps, self.skill)
        self.instruction = render_instruction(self.subtasks, int(rng.integers(3)), int(rng.integers(3)))
        self.achieved_at: list[int | None] = [None] * len(self.subtasks)

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        """``options={"instruction": text}`` sets an instruction of the task grammar for this episode."""
        obs, info = super().reset(seed=seed, options=options)
        if options and "instruction" in options:
            self.subtasks = self._checked_subtasks(parse_instruction(options["instruction"]))
            self.instruction = options["instruction"]
            self.achieved_at = [None] * len(self.subtasks)
            obs["instruction"] = self.instruction
            info = self._info()
        return obs, info

    @staticmethod
    def _sample_subtasks(rng: np.random.Generator, rings: list[str], pegs: list[str],
                         steps: int | None = None, skill: str | None = None) -> list[Subtask]:
        def place(exclude: str | None = None) -> Subtask:
            ring = str(rng.choice([r for r in rings if r != exclude]))
            return Subtask("place_ring", {"ring": ring, "peg": str(rng.choice(pegs))})

        draw = rng.random()  # drawn whatever ``steps`` says, so a seed lays out the same scene either way
        if steps == 1 or (steps is None and draw >= TWO_STEP_PROBABILITY):
            one = [place()] if rng.random() < 0.75 else [Subtask("plug_cable")]
            if skill is None or one[0].skill == skill:
                return one
            return [place()] if skill == "place_ring" else [Subtask(skill)]
        kind = rng.integers(3)
        if kind == 0:
            first = place()
            return [first, place(exclude=first.args["ring"])]
        return [place(), Subtask("plug_cable")] if kind == 1 else [Subtask("plug_cable"), place()]

    def _checked_subtasks(self, subtasks: list[Subtask]) -> list[Subtask]:
        for sub in subtasks:
            if sub.skill == "place_ring" and (sub.args["ring"] not in self.ring_bodies
                                               or sub.args["peg"] not in self.peg_bodies):
                raise ValueError(
                    f"instruction names a {sub.args['ring']} ring and a {sub.args['peg']} peg; this scene has "
                    f"rings {sorted(self.ring_bodies)} and pegs {sorted(self.peg_bodies)}"
                )
        return subtasks

    # ----- judging -----

    def _rings_on_pegs(self) -> set[tuple[str, str]]:
        pegs = {c: body_pose(self.model, self.data, b)["pos"] for c, b in self.peg_bodies.items()}
        placed = set()
        for ring_color, body in self.ring_bodies.items():
            ring = body_pose(self.model, self.data, body)
            for peg_color, peg_pos in pegs.items():
                if ring_on_peg(ring["pos"], ring["z_axis"], ring["speed"], peg_pos):
                    placed.add((ring_color, peg_color))
        return placed

    def _plugged(self) -> bool:
        plug = plug_state(self.model, self.data)
        sock = socket_state(self.model, self.data)
        return plug_seated(plug["tip"], plug["z_axis"], plug["yaw"], sock["pos"], sock["yaw"])

    def _subtask_holds(self, placed: set[tuple[str, str]] | None = None, plugged: bool | None = None) -> list[bool]:
        placed = self._rings_on_pegs() if placed is None else placed
        plugged = self._plugged() if plugged is None else plugged
        return [
            plugged if s.skill == "plug_cable" else (s.args["ring"], s.args["peg"]) in placed
            for s in self.subtasks
        ]

    def on_step(self) -> None:
        for i, holds in enumerate(self._subtask_holds()):
            if holds and self.achieved_at[i] is None:
                self.achieved_at[i] = self._steps

    def outcome(self) -> dict[str, Any]:
        """What the judge reads, so a failure can be told apart: whether each subtask holds now, the step each
        was first achieved at (None: never), and what was done that was not asked (rings on pegs, a plug)."""
        placed, plugged = self._rings_on_pegs(), self._plugged()
        asked = {(s.args["ring"], s.args["peg"]) for s in self.subtasks if s.skill == "place_ring"}
        plug_asked = any(s.skill == "plug_cable" for s in self.subtasks)
        return {"holds": self._subtask_holds(placed, plugged), "achieved_at": list(self.achieved_at),
                "unasked_rings": sorted(placed - asked), "unasked_plug": plugged and not plug_asked}

    def is_success(self) -> bool:
        outcome = self.outcome()
        if not all(outcome["holds"]):
            return False
        times = [t if t is not None else self._steps for t in self.achieved_at]
        in_order = all(a <= b for a, b in zip(times, times[1:]))
        return in_order and not outcome["unasked_rings"] and not outcome["unasked_plug"]

    def privileged_state(self) -> dict[str, Any]:
        return {
            "rings": {c: body_pose(self.model, self.data, b) for c, b in self.ring_bodies.items()},
            "pegs": {c: body_pose(self.model, self.data, b) for c, b in self.peg_bodies.items()},
            "plug": plug_state(self.model, self.data),
            "socket": socket_state(self.model, self.data),
            "anchor": anchor_position(self.model, self.data),
            "subtasks": list(self.subtasks),
            "achieved_at": list(self.achieved_at),
        }
