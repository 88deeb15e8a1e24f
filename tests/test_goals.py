"""Success detection on hand-placed states: the positive case and the near misses it must reject."""

import math

import mujoco
import numpy as np
import pytest

from robotstack.sim import make_env
from robotstack.sim.entities import PEG_HEIGHT, RING_RADIUS, RING_TUBE, SOCKET_DEPTH
from robotstack.sim.tasks.goals import plug_seated, ring_on_peg

UP = np.array([0.0, 0.0, 1.0])


def tilted(angle_deg: float) -> np.ndarray:
    a = math.radians(angle_deg)
    return np.array([math.sin(a), 0.0, math.cos(a)])


def place_ring(env, joint: str, pos, tilt_deg: float = 0.0) -> None:
    u = env.unwrapped
    adr = u.model.joint(joint).qposadr[0]
    u.data.qpos[adr : adr + 3] = pos
    a = math.radians(tilt_deg)
    u.data.qpos[adr + 3 : adr + 7] = (math.cos(a / 2), 0.0, math.sin(a / 2), 0.0)
    u.data.qvel[:] = 0
    mujoco.mj_forward(u.model, u.data)


class TestRingOnPeg:
    peg = np.array([0.5, 0.1, 0.0])

    def test_ring_resting_low_around_the_peg(self):
        assert ring_on_peg(self.peg + [0.005, 0, 0.013], UP, 0.0, self.peg)

    def test_ring_leaning_beside_the_peg(self):
        beside = self.peg + [RING_RADIUS + 0.012, 0, 0.03]
        assert not ring_on_peg(beside, tilted(60), 0.0, self.peg)

    def test_ring_flat_next_to_the_peg(self):
        assert not ring_on_peg(self.peg + [0.03, 0, RING_TUBE], UP, 0.0, self.peg)

    def test_ring_hooked_on_the_peg_top(self):
        assert not ring_on_peg(self.peg + [0, 0, PEG_HEIGHT], UP, 0.0, self.peg)

    def test_ring_still_falling(self):
        assert not ring_on_peg(self.peg + [0, 0, 0.013], UP, 0.5, self.peg)

    def test_ring_on_edge(self):
        assert not ring_on_peg(self.peg + [0, 0, 0.013], tilted(80), 0.0, self.peg)


class TestPlugSeated:
    socket = np.array([0.4, -0.1, 0.0])
    mouth = SOCKET_DEPTH

    def tip(self, depth: float, offset: float = 0.0) -> np.ndarray:
        return self.socket + [offset, 0.0, self.mouth - depth]

    def test_fully_seated(self):
        assert plug_seated(self.tip(0.016), UP, 0.3, self.socket, 0.3)

    def test_half_way_in(self):
        assert not plug_seated(self.tip(0.006), UP, 0.3, self.socket, 0.3)

    def test_resting_on_the_chamfer_off_centre(self):
        assert not plug_seated(self.tip(0.016, offset=0.004), UP, 0.3, self.socket, 0.3)

    def test_tilted(self):
        assert not plug_seated(self.tip(0.016), tilted(12), 0.3, self.socket, 0.3)

    def test_leaning_against_the_wall_of_the_hole_as_the_cable_pulls_it(self):
        assert plug_seated(self.tip(0.0154, offset=0.001), tilted(7.5), 0.3, self.socket, 0.3)

    def test_quarter_turns_are_equivalent_but_other_yaws_are_not(self):
        assert plug_seated(self.tip(0.016), UP, 0.3 + math.pi / 2, self.socket, 0.3)
        assert not plug_seated(self.tip(0.016), UP, 0.3 + 0.4, self.socket, 0.3)


def test_ring_task_judges_a_hand_placed_ring_in_simulation():
    env = make_env("ring", image_size=16)
    _, info = env.reset(seed=2)
    peg = next(iter(info["privileged"]["pegs"].values()))["pos"]
    place_ring(env, "ring_free", [*peg[:2], 0.02])
    for _ in range(300):  # let it fall onto the base and settle
        mujoco.mj_step(env.unwrapped.model, env.unwrapped.data)
    assert env.unwrapped.is_success()
    place_ring(env, "ring_free", [peg[0] + RING_RADIUS + 0.015, peg[1], RING_TUBE])
    for _ in range(300):
        mujoco.mj_step(env.unwrapped.model, env.unwrapped.data)
    assert not env.unwrapped.is_success()


@pytest.fixture
def language_env():
    env = make_env("language", image_size=16)
    env.reset(seed=0)
    yield env
    env.close()


def _settle(env, steps: int = 300) -> None:
    for _ in range(steps):
        mujoco.mj_step(env.unwrapped.model, env.unwrapped.data)
    env.unwrapped.on_step()


def test_language_success_needs_the_named_ring(language_env):
    u = language_env.unwrapped
    rings, pegs = sorted(u.ring_bodies), sorted(u.peg_bodies)
    target, wrong = rings[0], rings[1]
    peg_pos = u.data.xpos[u.model.body(u.peg_bodies[pegs[0]]).id]
    language_env.reset(seed=0, options={"instruction": f"put the {target} ring on the {pegs[0]} peg"})
    # Right action on the wrong object: the other ring goes on the named peg.
    place_ring(language_env, f"{u.ring_bodies[wrong]}_free", [*peg_pos[:2], 0.02])
    _settle(language_env)
    assert not u.is_success()
    # Now the named ring is on the peg too, but the wrong one is still there: still a failure.
    place_ring(language_env, f"{u.ring_bodies[target]}_free", [*peg_pos[:2], 0.05])
    _settle(language_env)
    assert not u.is_success()
    # Only the named ring on the named peg: success.
    place_ring(language_env, f"{u.ring_bodies[wrong]}_free", [0.35, -0.28, RING_TUBE])
    _settle(language_env)
    assert u.is_success()


def test_language_two_step_order_matters(language_env):
    u = language_env.unwrapped
    rings, pegs = sorted(u.ring_bodies), sorted(u.peg_bodies)
    first, second = rings[0], rings[1]
    instruction = f"put the {first} ring on the {pegs[0]} peg then put the {second} ring on the {pegs[1]} peg"
    language_env.reset(seed=0, options={"instruction": instruction})
    peg_xy = {c: u.data.xpos[u.model.body(b).id][:2].copy() for c, b in u.peg_bodies.items()}
    place_ring(language_env, f"{u.ring_bodies[second]}_free", [*peg_xy[pegs[1]], 0.02])
    _settle(language_env)
    u._steps += 1
    place_ring(language_env, f"{u.ring_bodies[first]}_free", [*peg_xy[pegs[0]], 0.02])
    _settle(language_env)
    assert not u.is_success(), "second subtask done before the first"
    # The same end state reached in the instructed order succeeds.
    language_env.reset(seed=0, options={"instruction": instruction})
    place_ring(language_env, f"{u.ring_bodies[first]}_free", [*peg_xy[pegs[0]], 0.02])
    _settle(language_env)
    u._steps += 1
    place_ring(language_env, f"{u.ring_bodies[second]}_free", [*peg_xy[pegs[1]], 0.02])
    _settle(language_env)
    assert u.is_success()


def test_language_rejects_an_instruction_about_absent_objects(language_env):
    u = language_env.unwrapped
    absent = next(c for c in ("red", "green", "blue", "yellow", "purple", "orange") if c not in u.ring_bodies)
    with pytest.raises(ValueError, match="this scene has rings"):
        language_env.reset(seed=0, options={"instruction": f"put the {absent} ring on the {next(iter(u.peg_bodies))} peg"})
