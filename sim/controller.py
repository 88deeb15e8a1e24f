"""Differential inverse kinematics: end-effector targets to joint targets, at physics rate.

The policy moves a target pose (position + yaw, gripper pointing down); every physics step this
controller takes one damped-least-squares step from the measured pose toward the target and writes the
result to the joint position servos. A null-space term pulls the arm toward its home posture so the
redundant seventh joint does not drift.
"""

from __future__ import annotations

import math

import mujoco
import numpy as np

ARM_JOINTS = tuple(f"joint{i}" for i in range(1, 8))
HOME_QPOS = np.array([0.0, 0.0, 0.0, -1.8, 0.0, 1.8, math.pi / 4])
"""Home posture: hand pointing down about 0.5 m in front of the base."""

GRIPPER_OPEN = 0.04  # half-opening target, m
GRIPPER_CLOSED = -0.015  # below zero: squeeze with the actuator's bounded force

_DOWN = np.array([[1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, -1.0]])
"""Hand orientation at yaw 0: x along world x, fingers (z) pointing down."""


def yaw_rotation(yaw: float) -> np.ndarray:
    """World rotation of the hand pointing down with the given yaw about the vertical."""
    c, s = math.cos(yaw), math.sin(yaw)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]) @ _DOWN


def hand_yaw(xmat: np.ndarray) -> float:
    """Yaw of the hand's x axis projected on the table plane."""
    x_axis = xmat.reshape(3, 3)[:, 0]
    return math.atan2(x_axis[1], x_axis[0])


class DiffIKController:
    """Tracks an end-effector target with damped least squares, one step per physics step."""

    def __init__(self, model: mujoco.MjModel, site: str = "ee", damping: float = 0.05,
                 null_gain: float = 0.02) -> None:
        self.model = model
        self.site_id = model.site(site).id
        self.qpos_adr = np.array([model.joint(j).qposadr[0] for j in ARM_JOINTS])
        self.dof_adr = np.array([model.joint(j).dofadr[0] for j in ARM_JOINTS])
        self.ctrl_arm = np.array([model.actuator(f"act_{j}").id for j in ARM_JOINTS])
        self.ctrl_gripper = model.actuator("act_gripper").id
        self.q_low = model.jnt_range[[model.joint(j).id for j in ARM_JOINTS], 0]
        self.q_high = model.jnt_range[[model.joint(j).id for j in ARM_JOINTS], 1]
        self.damping2 = damping**2
        self.null_gain = null_gain
        self._jac = np.zeros((6, model.nv))
        self._err = np.empty(6)
        # The arm's joints, dofs and servos are the model's first seven: slices avoid copies on the hot path.
        for name, adr in (("qpos", self.qpos_adr), ("dof", self.dof_adr), ("ctrl", self.ctrl_arm)):
            if not np.array_equal(adr, np.arange(adr[0], adr[0] + 7)):
                raise ValueError(f"the arm's {name} addresses must be contiguous, got {adr}")
        self.qpos_slice = slice(int(self.qpos_adr[0]), int(self.qpos_adr[0]) + 7)
        self.dof_slice = slice(int(self.dof_adr[0]), int(self.dof_adr[0]) + 7)
        self.ctrl_slice = slice(int(self.ctrl_arm[0]), int(self.ctrl_arm[0]) + 7)
        self.target_pos = np.zeros(3)
        self.target_rot = yaw_rotation(0.0)
        self.gripper_target = GRIPPER_OPEN

    def set_target(self, pos: np.ndarray, yaw: float, gripper: float) -> None:
        self.target_pos = np.asarray(pos, dtype=float).copy()
        self.target_rot = yaw_rotation(yaw)
        self.gripper_target = float(gripper)

    def step(self, data: mujoco.MjData) -> None:
        """One IK step from the current state; call before each ``mj_step``."""
        pos = data.site_xpos[self.site_id]
        rot = data.site_xmat[self.site_id].reshape(3, 3)
        err = self._err
        err[:3] = self.target_pos - pos
        # Orientation error as a rotation vector (small-angle form, exact enough for per-step tracking).
        err[3:] = 0.5 * np.cross(rot.T, self.target_rot.T).sum(axis=0)
        mujoco.mj_jacSite(self.model, data, self._jac[:3], self._jac[3:], self.site_id)
        jac = self._jac[:, self.dof_slice]
        jjt = jac @ jac.T
        jjt.flat[::7] += self.damping2
        pinv = jac.T @ np.linalg.inv(jjt)
        q = data.qpos[self.qpos_slice]
        # Null-space posture term: (I - J^+ J) removes what would disturb the end effector.
        posture = self.null_gain * (HOME_QPOS - q)
        null = posture - pinv @ (jac @ posture)
        data.ctrl[self.ctrl_slice] = np.clip(q + pinv @ err + null, self.q_low, self.q_high)
        data.ctrl[self.ctrl_gripper] = self.gripper_target
