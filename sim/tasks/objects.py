"""Read object state out of MuJoCo for success checks and experts."""

from __future__ import annotations

import math
from typing import Any

import mujoco
import numpy as np

from robotstack.sim.entities import SOCKET_DEPTH


def body_pose(model: mujoco.MjModel, data: mujoco.MjData, body: str) -> dict[str, Any]:
    """World position, rotation matrix, z axis, yaw and linear speed of a body."""
    b = model.body(body).id
    xmat = data.xmat[b].reshape(3, 3).copy()
    vel = np.empty(6)
    mujoco.mj_objectVelocity(model, data, mujoco.mjtObj.mjOBJ_BODY, b, vel, 0)
    return {
        "pos": data.xpos[b].copy(),
        "xmat": xmat,
        "z_axis": xmat[:, 2].copy(),
        "yaw": math.atan2(xmat[1, 0], xmat[0, 0]),
        "speed": float(np.linalg.norm(vel[3:])),
    }


def plug_state(model: mujoco.MjModel, data: mujoco.MjData) -> dict[str, Any]:
    state = body_pose(model, data, "plug")
    state["tip"] = data.site("plug_tip").xpos.copy()
    state["grasp"] = data.site("plug_grasp").xpos.copy()
    return state


def socket_state(model: mujoco.MjModel, data: mujoco.MjData) -> dict[str, Any]:
    pose = body_pose(model, data, "socket")
    return {"pos": pose["pos"], "yaw": pose["yaw"], "mouth_z": float(pose["pos"][2] + SOCKET_DEPTH)}


def anchor_position(model: mujoco.MjModel, data: mujoco.MjData) -> np.ndarray:
    """Where the cable's anchor post stands (experts keep the hand clear of it)."""
    return data.xpos[model.body("cable_anchor").id].copy()
