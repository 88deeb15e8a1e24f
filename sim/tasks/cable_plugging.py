"""CablePlugging-v0: take the plug out of its dock and seat it in the socket (1 mm clearance per side)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from robotstack.sim import entities
from robotstack.sim.tasks.base import ManipulationEnv
from robotstack.sim.tasks.goals import plug_seated
from robotstack.sim.tasks.layout import sample_positions
from robotstack.sim.tasks.objects import anchor_position, plug_state, socket_state
from robotstack.skills import Subtask

SOCKET_MAX_FROM_ANCHOR = 0.3  # the cable must reach the socket with the plug lifted
CABLE_BEND = 0.15  # rad at each cable joint: the cable starts in an arc with slack
ANCHOR_CLEARANCE = 0.1  # the anchor post is taller than a lifted pin's tip clears


def _arc_offset(bend: float) -> tuple[np.ndarray, float]:
    """Plug position and yaw in the anchor's frame when every cable joint is bent by ``bend`` about z."""
    offset = np.array([entities.CABLE_FIRST_OFFSET, 0.0])
    for k in range(1, entities.CABLE_SEGMENTS + 1):
        offset += entities.CABLE_SEGMENT_LENGTH * np.array([math.cos(k * bend), math.sin(k * bend)])
    return offset, entities.CABLE_SEGMENTS * bend


def _rotate(v: np.ndarray, angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return np.array([c * v[0] - s * v[1], s * v[0] + c * v[1]])


def place_cable(env: ManipulationEnv, rng: np.random.Generator, dock_xy: np.ndarray) -> None:
    """Lay the cable in a slack arc from an anchor to the dock, the plug standing in the dock.

    The slack lets the plug be lifted out of the dock without the cable pulling it from the hand. The
    arc's side and heading are drawn so the anchor stays clear of the arm's base.
    """
    bend = CABLE_BEND * (1 if rng.random() < 0.5 else -1)
    offset, plug_yaw = _arc_offset(bend)
    for _ in range(100):
        heading = rng.uniform(-math.pi, math.pi)
        anchor = dock_xy - _rotate(offset, heading)
        if np.linalg.norm(anchor) > 0.3 and abs(anchor[1]) < 0.6:
            break
    env.set_fixture_pose("cable_anchor", *anchor, heading)
    env.set_fixture_pose("dock", *dock_xy, heading + plug_yaw)
    for i in range(entities.CABLE_SEGMENTS):
        adr = env.model.joint(f"cable_ball{i}").qposadr[0]
        env.data.qpos[adr : adr + 4] = (math.cos(bend / 2), 0.0, 0.0, math.sin(bend / 2))


def cable_layout_ok(env: ManipulationEnv, socket_xy: np.ndarray, others: list[np.ndarray]) -> bool:
    """The cable reaches the socket, and its anchor post stands clear of the socket and the other objects."""
    anchor = env.model.body_pos[env.model.body("cable_anchor").id, :2]
    clear = all(np.linalg.norm(xy - anchor) >= ANCHOR_CLEARANCE for xy in [socket_xy, *others])
    return clear and bool(np.linalg.norm(socket_xy - anchor) <= SOCKET_MAX_FROM_ANCHOR)


class CablePluggingEnv(ManipulationEnv):
    """A cable fixed to an anchor, its plug parked in a loose dock, and a chamfered socket."""

    default_horizon = 250

    def entity_xml(self) -> list[str]:
        return [entities.cable(), entities.dock(), entities.socket()]

    def sample_episode(self, rng: np.random.Generator) -> None:
        while True:
            dock_xy, socket_xy = sample_positions(rng, [0.07, 0.07])
            place_cable(self, rng, dock_xy)
            if cable_layout_ok(self, socket_xy, []):
                break
        self.set_fixture_pose("socket", *socket_xy, rng.uniform(0, math.pi / 2))
        self.subtasks = [Subtask("plug_cable")]
        self.instruction = self.subtasks[0].phrase()

    def is_success(self) -> bool:
        plug = plug_state(self.model, self.data)
        sock = socket_state(self.model, self.data)
        return plug_seated(plug["tip"], plug["z_axis"], plug["yaw"], sock["pos"], sock["yaw"])

    def privileged_state(self) -> dict[str, Any]:
        return {
            "plug": plug_state(self.model, self.data),
            "socket": socket_state(self.model, self.data),
            "anchor": anchor_position(self.model, self.data),
            "subtasks": list(self.subtasks),
        }
