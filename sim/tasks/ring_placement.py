"""RingPlacement-v0: pick the ring up from the table and drop it over the vertical peg."""

from __future__ import annotations

from typing import Any

import numpy as np

from robotstack.sim import entities
from robotstack.sim.tasks.base import ManipulationEnv
from robotstack.sim.tasks.goals import ring_on_peg
from robotstack.sim.tasks.layout import sample_positions
from robotstack.sim.tasks.objects import body_pose
from robotstack.skills import COLORS, Subtask


class RingPlacementEnv(ManipulationEnv):
    """One ring and one peg, both of random colour and position; the instruction names the colours."""

    default_horizon = 200

    def entity_xml(self) -> list[str]:
        return [entities.ring("ring", "red"), entities.peg("peg", "blue")]

    def sample_episode(self, rng: np.random.Generator) -> None:
        ring_color, peg_color = rng.choice(COLORS, size=2, replace=True)
        self.set_body_color("ring", str(ring_color))
        self.set_geom_color("peg_shaft", str(peg_color))
        ring_xy, peg_xy = sample_positions(rng, [0.06, 0.06])
        self.set_fixture_pose("peg", *peg_xy)
        self.set_free_body_pose("ring_free", np.array([*ring_xy, entities.RING_TUBE]), rng.uniform(-np.pi, np.pi))
        self.subtasks = [Subtask("place_ring", {"ring": str(ring_color), "peg": str(peg_color)})]
        self.instruction = self.subtasks[0].phrase()

    def is_success(self) -> bool:
        ring = body_pose(self.model, self.data, "ring")
        peg = body_pose(self.model, self.data, "peg")
        return ring_on_peg(ring["pos"], ring["z_axis"], ring["speed"], peg["pos"])

    def privileged_state(self) -> dict[str, Any]:
        color = self.subtasks[0].args
        return {
            "rings": {color["ring"]: body_pose(self.model, self.data, "ring")},
            "pegs": {color["peg"]: body_pose(self.model, self.data, "peg")},
            "subtasks": list(self.subtasks),
        }
