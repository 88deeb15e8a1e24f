"""The gymnasium contract every robotstack task shares: action handling, control loop, cameras, state.

Subclasses say what is on the table (``entity_xml``), how an episode is laid out (``sample_episode``),
what the instruction is and when it is achieved (``is_success``), and what experts may see
(``privileged_state``). Everything random comes from ``self.np_random``, so ``reset(seed=...)`` fixes
the whole episode.
"""

from __future__ import annotations

import math
import string
from abc import abstractmethod
from typing import Any

import gymnasium as gym
import mujoco
import numpy as np

from robotstack.sim.controller import (
    GRIPPER_CLOSED,
    GRIPPER_OPEN,
    HOME_QPOS,
    DiffIKController,
    hand_yaw,
)
from robotstack.sim.scene import build_model
from robotstack.policy import STATE_DIM
from robotstack.skills import COLOR_RGBA

CAMERAS = ("front", "wrist")
# The state vector (robotstack.policy.STATE_DIM = 22 entries, indices named there): joint positions (7),
# joint velocities (7), end-effector position (3) and quaternion (4), gripper opening (1).

EE_ACTION_DIM = 5
"""End-effector action: dx, dy, dz, dyaw, gripper, each in [-1, 1]."""
JOINT_ACTION_DIM = 8
"""Joint action: seven joint-position deltas and the gripper, each in [-1, 1]."""

MAX_STEP_M = 0.02  # end-effector translation per control step at |action| = 1
MAX_STEP_YAW = 0.15  # rad per control step
MAX_STEP_JOINT = 0.05  # rad per control step in joint mode
WORKSPACE_LOW = np.array([0.2, -0.5, 0.022])  # the fingertips stay above the table
WORKSPACE_HIGH = np.array([0.8, 0.5, 0.5])
MAX_TARGET_LEAD = 0.05  # the target never runs further than this ahead of the hand (no wind-up)
YAW_LIMIT = 2.4  # rad; keeps the wrist joint inside its range
INSTRUCTION_CHARSET = string.ascii_letters + string.digits + " ,.'-"
SETTLE_STEPS = 150  # physics steps run at reset so the first observation is at rest


class ManipulationEnv(gym.Env):
    """Panda arm on a table with a front and a wrist camera; subclasses define the task."""

    metadata = {"render_modes": ["rgb_array"], "render_fps": 20}
    default_horizon: int = 200

    def __init__(
        self,
        image_size: int = 128,
        control_hz: float = 20.0,
        action_mode: str = "ee",
        randomization: int = 0,
        horizon: int | None = None,
        render_mode: str | None = None,
    ) -> None:
        if action_mode not in ("ee", "joint"):
            raise ValueError(f"action_mode={action_mode!r}; accepted: 'ee' (end-effector deltas) or 'joint'")
        if randomization not in (0, 1, 2):
            raise ValueError(f"randomization={randomization!r}; accepted: 0 (poses), 1 (+lighting, camera), 2 (+colours)")
        if not 8 <= image_size <= 640:
            raise ValueError(f"image_size={image_size}; accepted: 8..640 pixels")
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"render_mode={render_mode!r}; accepted: None or 'rgb_array'")
        self.model = build_model(self.entity_xml())
        self.data = mujoco.MjData(self.model)
        self.controller = DiffIKController(self.model)
        self.image_size = image_size
        self.action_mode = action_mode
        self.randomization = randomization
        self.horizon = horizon or self.default_horizon
        self.render_mode = render_mode
        self.n_substeps = max(1, round(1.0 / (control_hz * self.model.opt.timestep)))
        self.control_hz = 1.0 / (self.n_substeps * self.model.opt.timestep)
        self._renderer: mujoco.Renderer | None = None
        self._nominal = {
            "cam_pos": self.model.cam_pos.copy(),
            "cam_quat": self.model.cam_quat.copy(),
            "light_diffuse": self.model.light_diffuse.copy(),
            "light_dir": self.model.light_dir.copy(),
            "geom_rgba": self.model.geom_rgba.copy(),
            "mat_rgba": self.model.mat_rgba.copy(),
        }
        self._ee_site = self.model.site("ee").id
        self._finger_qpos = [self.model.joint(j).qposadr[0] for j in ("finger_joint1", "finger_joint2")]

        action_dim = EE_ACTION_DIM if action_mode == "ee" else JOINT_ACTION_DIM
        self.action_space = gym.spaces.Box(-1.0, 1.0, shape=(action_dim,), dtype=np.float32)
        image_space = gym.spaces.Box(0, 255, shape=(image_size, image_size, 3), dtype=np.uint8)
        self.observation_space = gym.spaces.Dict(
            {
                "images": gym.spaces.Dict({cam: image_space for cam in CAMERAS}),
                "state": gym.spaces.Box(-np.inf, np.inf, shape=(STATE_DIM,), dtype=np.float32),
                "instruction": gym.spaces.Text(max_length=256, min_length=1, charset=INSTRUCTION_CHARSET),
            }
        )
        self._target_pos = np.zeros(3)
        self._target_yaw = 0.0
        self._gripper = GRIPPER_OPEN
        self._joint_target = HOME_QPOS.copy()
        self._steps = 0
        self._counts = {"actions_clipped": 0, "actions_rejected": 0}
        self.instruction = ""

    # ----- what a task defines -----

    @abstractmethod
    def entity_xml(self) -> list[str]:
        """MJCF pieces of the task's objects (see ``robotstack.sim.entities``)."""

    @abstractmethod
    def sample_episode(self, rng: np.random.Generator) -> None:
        """Lay out objects (fixture poses in the model, free-body poses in ``self.data``) and set the instruction."""

    @abstractmethod
    def is_success(self) -> bool:
        """Whether the instruction is achieved in the current state."""

    @abstractmethod
    def privileged_state(self) -> dict[str, Any]:
        """Object state for experts and tests; never part of the observation."""

    def on_step(self) -> None:
        """Hook run after each control step (tasks that track progress over time override it)."""

    # ----- gymnasium API -----

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        super().reset(seed=seed)
        mujoco.mj_resetData(self.model, self.data)
        self._restore_nominal_visuals()
        self._randomize_visuals(self.np_random)
        self.data.qpos[self.controller.qpos_adr] = HOME_QPOS
        self.data.qpos[self._finger_qpos] = GRIPPER_OPEN
        self.sample_episode(self.np_random)
        mujoco.mj_forward(self.model, self.data)
        self._target_pos = self.data.site_xpos[self._ee_site].copy()
        self._target_yaw = hand_yaw(self.data.site_xmat[self._ee_site])
        self._gripper = GRIPPER_OPEN
        self._joint_target = HOME_QPOS.copy()
        self.controller.set_target(self._target_pos, self._target_yaw, self._gripper)
        for _ in range(SETTLE_STEPS):
            self.controller.step(self.data)
            mujoco.mj_step(self.model, self.data)
        # Hold where the arm settled, so a zero action means "stay" from the first step.
        self._target_pos = self.data.site_xpos[self._ee_site].copy()
        self.controller.set_target(self._target_pos, self._target_yaw, self._gripper)
        self._steps = 0
        self._counts = {"actions_clipped": 0, "actions_rejected": 0}
        return self._observation(), self._info()

    def step(self, action):
        self.apply_action(action)
        self.simulate(self.n_substeps)
        return self.finish_step()

    # The three parts of a step, public so a latency-aware driver can let the world move on under the
    # previous command while the policy is still thinking (robotstack.sim.bridge).

    def apply_action(self, action) -> None:
        """Validate an action (see ``_checked_action``) and make it the command from now on."""
        action = self._checked_action(action)
        if self.action_mode == "ee":
            self._apply_ee_action(action)
        else:
            self._joint_target = np.clip(
                self._joint_target + action[:7] * MAX_STEP_JOINT, self.controller.q_low, self.controller.q_high
            )
            self._gripper = float(np.interp(action[7], [-1.0, 1.0], [GRIPPER_OPEN, GRIPPER_CLOSED]))

    def simulate(self, substeps: int) -> None:
        """Advance the physics under the current command."""
        for _ in range(substeps):
            if self.action_mode == "ee":
                self.controller.step(self.data)
            else:
                self.data.ctrl[self.controller.ctrl_arm] = self._joint_target
                self.data.ctrl[self.controller.ctrl_gripper] = self._gripper
            mujoco.mj_step(self.model, self.data)

    def finish_step(self, render: bool = True):
        """Close a control step: count it, judge success, render the observation (unless a driver that
        renders on its own schedule says not to: then the observation has no images)."""
        self._steps += 1
        self.on_step()
        success = self.is_success()
        truncated = self._steps >= self.horizon and not success
        obs = self._observation() if render else {"state": self._state(), "instruction": self.instruction}
        return obs, float(success), success, truncated, self._info(success)

    def observe(self) -> dict[str, Any]:
        """Render the observation of the current state (what a camera read returns)."""
        return self._observation()

    def render(self):
        if self.render_mode != "rgb_array":
            return None
        return self._render_camera("front")

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None

    # ----- internals -----

    def _checked_action(self, action) -> np.ndarray:
        """Apply the documented rule: NaN/inf -> hold still (rejected); out of [-1, 1] -> clipped. Both counted."""
        action = np.asarray(action, dtype=np.float64).reshape(-1)
        if action.shape != self.action_space.shape:
            raise ValueError(f"action has shape {action.shape}; accepted: {self.action_space.shape} in [-1, 1]")
        if not np.all(np.isfinite(action)):
            self._counts["actions_rejected"] += 1
            hold = np.zeros_like(action)
            hold[-1] = self._gripper_command()
            return hold
        if np.any(np.abs(action) > 1.0):
            self._counts["actions_clipped"] += 1
            action = np.clip(action, -1.0, 1.0)
        return action

    def _gripper_command(self) -> float:
        """The action value in [-1, 1] that keeps the gripper where it is commanded now."""
        return float(np.interp(self._gripper, [GRIPPER_CLOSED, GRIPPER_OPEN], [1.0, -1.0]))

    def _apply_ee_action(self, action: np.ndarray) -> None:
        ee = self.data.site_xpos[self._ee_site]
        target = self._target_pos + action[:3] * MAX_STEP_M
        target = np.clip(target, ee - MAX_TARGET_LEAD, ee + MAX_TARGET_LEAD)
        self._target_pos = np.clip(target, WORKSPACE_LOW, WORKSPACE_HIGH)
        self._target_yaw = float(np.clip(self._target_yaw + action[3] * MAX_STEP_YAW, -YAW_LIMIT, YAW_LIMIT))
        self._gripper = float(np.interp(action[4], [-1.0, 1.0], [GRIPPER_OPEN, GRIPPER_CLOSED]))
        self.controller.set_target(self._target_pos, self._target_yaw, self._gripper)

    def wrist_camera_mount(self) -> tuple[np.ndarray, np.ndarray, float]:
        """The wrist camera in the frame of the hand's pose that the state gives (the end-effector site): its
        position, its axes (columns; it looks along -z) and its focal length (1 / tan(fovy / 2)). It is fixed to
        the hand, so any state gives the same mount; this is the calibration ``policies.model.WristRay`` needs."""
        camera = self.model.camera("wrist").id
        hand = self.data.site_xmat[self._ee_site].reshape(3, 3)
        position = hand.T @ (self.data.cam_xpos[camera] - self.data.site_xpos[self._ee_site])
        axes = hand.T @ self.data.cam_xmat[camera].reshape(3, 3)
        return position, axes, 1.0 / math.tan(math.radians(float(self.model.cam_fovy[camera])) / 2)

    def _state(self) -> np.ndarray:
        d = self.data
        quat = np.empty(4)
        mujoco.mju_mat2Quat(quat, d.site_xmat[self._ee_site])
        if quat[0] < 0:  # one sign for the double cover
            quat = -quat
        return np.concatenate(
            [
                d.qpos[self.controller.qpos_adr],
                d.qvel[self.controller.dof_adr],
                d.site_xpos[self._ee_site],
                quat,
                [d.qpos[self._finger_qpos].sum()],
            ]
        ).astype(np.float32)

    def _render_camera(self, camera: str) -> np.ndarray:
        if self._renderer is None:
            self._renderer = mujoco.Renderer(self.model, self.image_size, self.image_size)
        self._renderer.update_scene(self.data, camera)
        return self._renderer.render()

    def _observation(self) -> dict[str, Any]:
        return {
            "images": {cam: self._render_camera(cam) for cam in CAMERAS},
            "state": self._state(),
            "instruction": self.instruction,
        }

    def _info(self, success: bool | None = None) -> dict[str, Any]:
        privileged = {
            "ee_pos": self.ee_pos,
            "ee_yaw": self.ee_yaw,
            "gripper_opening": self.gripper_opening,
            **self.privileged_state(),
        }
        return {
            "success": self.is_success() if success is None else success,
            "privileged": privileged,
            "step": self._steps,
            **self._counts,
        }

    def _restore_nominal_visuals(self) -> None:
        m = self.model
        m.cam_pos[:] = self._nominal["cam_pos"]
        m.cam_quat[:] = self._nominal["cam_quat"]
        m.light_diffuse[:] = self._nominal["light_diffuse"]
        m.light_dir[:] = self._nominal["light_dir"]
        m.geom_rgba[:] = self._nominal["geom_rgba"]
        m.mat_rgba[:] = self._nominal["mat_rgba"]

    def _randomize_visuals(self, rng: np.random.Generator) -> None:
        """Level 1: front camera jitter and lighting; level 2 adds colour jitter of every surface."""
        if self.randomization == 0:
            return
        m = self.model
        front = m.camera("front").id
        m.cam_pos[front] += rng.uniform(-0.02, 0.02, size=3)
        axis = rng.normal(size=3)
        small = np.empty(4)
        mujoco.mju_axisAngle2Quat(small, axis / np.linalg.norm(axis), rng.uniform(0, math.radians(2.0)))
        mujoco.mju_mulQuat(m.cam_quat[front], small, m.cam_quat[front].copy())
        m.light_diffuse[:] *= rng.uniform(0.7, 1.3)
        m.light_dir[:] += rng.uniform(-0.2, 0.2, size=m.light_dir.shape)
        if self.randomization >= 2:
            m.geom_rgba[:, :3] = np.clip(m.geom_rgba[:, :3] * rng.uniform(0.85, 1.15, size=(m.ngeom, 1)), 0, 1)
            m.mat_rgba[:, :3] = np.clip(m.mat_rgba[:, :3] * rng.uniform(0.8, 1.2, size=(m.nmat, 1)), 0, 1)

    # ----- helpers for tasks -----

    def set_fixture_pose(self, body: str, x: float, y: float, yaw: float = 0.0) -> None:
        """Place a static body (no joint) on the table."""
        b = self.model.body(body).id
        self.model.body_pos[b, :2] = (x, y)
        self.model.body_quat[b] = (math.cos(yaw / 2), 0.0, 0.0, math.sin(yaw / 2))

    def set_body_color(self, body: str, color: str) -> None:
        """Give every geom of a body one of the palette's colours."""
        self.model.geom_rgba[self.model.geom_bodyid == self.model.body(body).id] = COLOR_RGBA[color]

    def set_geom_color(self, geom: str, color: str) -> None:
        self.model.geom_rgba[self.model.geom(geom).id] = COLOR_RGBA[color]

    def set_free_body_pose(self, joint: str, pos: np.ndarray, yaw: float = 0.0) -> None:
        adr = self.model.joint(joint).qposadr[0]
        self.data.qpos[adr : adr + 3] = pos
        self.data.qpos[adr + 3 : adr + 7] = (math.cos(yaw / 2), 0.0, 0.0, math.sin(yaw / 2))

    @property
    def ee_pos(self) -> np.ndarray:
        return self.data.site_xpos[self._ee_site].copy()

    @property
    def ee_yaw(self) -> float:
        return hand_yaw(self.data.site_xmat[self._ee_site])

    @property
    def gripper_opening(self) -> float:
        """Distance between the finger pads, m."""
        return float(self.data.qpos[self._finger_qpos].sum())
