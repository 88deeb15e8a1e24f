"""The scripted experts succeed from fresh seeds, including two-step instructions, with labels a learner can follow."""

import math

import numpy as np
import pytest

from robotstack.sim import make_env
from robotstack.sim.entities import GRIP_HALF, PEG_HEIGHT, PIN_LENGTH, RING_RADIUS, RING_TUBE, SOCKET_DEPTH
from robotstack.sim.experts import (
    LANDMARK_DIM,
    PLUG_TURN_RADIUS,
    TURN_LANDMARK_RADIUS,
    PlaceRingExpert,
    PlugCableExpert,
    expert_for_env,
    turn_landmark,
)
from robotstack.sim.rollout import rollout


@pytest.mark.parametrize("task, seeds", [("ring", [7001, 7002]), ("cable", [7001, 7002]), ("language", [7003])])
def test_expert_succeeds(task, seeds):
    env = make_env(task, image_size=16)
    for seed in seeds:
        result = rollout(env, seed)
        assert result.success, f"{task} seed {seed}: expert failed after {result.steps} steps ({result.instruction!r})"
        assert result.actions_rejected == 0 and result.actions_clipped == 0
    env.close()


def test_expert_carries_out_a_two_step_instruction_in_order():
    env = make_env("language", image_size=16)
    env.reset(seed=7004)
    rings = sorted(env.unwrapped.ring_bodies)
    pegs = sorted(env.unwrapped.peg_bodies)
    instruction = f"plug the cable into the socket, then put the {rings[0]} ring on the {pegs[1]} peg"
    obs, info = env.reset(seed=7004, options={"instruction": instruction})
    expert = expert_for_env(info)
    for _ in range(env.unwrapped.horizon):
        obs, _, terminated, truncated, info = env.step(expert.act(info["privileged"]))
        if terminated or truncated:
            break
    assert info["success"], f"two-step instruction failed: {instruction!r}"
    plug_step, ring_step = info["privileged"]["achieved_at"]
    assert plug_step < ring_step
    assert env.unwrapped.outcome() == {"holds": [True, True], "achieved_at": [plug_step, ring_step],
                                       "unasked_rings": [], "unasked_plug": False}
    env.close()


def test_a_wrist_left_near_its_limit_turns_the_long_way_to_the_next_grasp():
    """Seed 50049: the plug step ends with the wrist near +2.4 rad, and the ring's grasp yaw lies the short way
    round past that limit; the expert used to turn into the limit for the rest of the episode."""
    env = make_env("language", image_size=16)
    _, info = env.reset(seed=50049)
    expert = expert_for_env(info)
    yaws = []
    for _ in range(env.unwrapped.horizon):
        yaws.append(info["privileged"]["ee_yaw"])
        _, _, terminated, truncated, info = env.step(expert.act(info["privileged"]))
        if terminated or truncated:
            break
    assert max(yaws) > 2.0 and min(yaws[np.argmax(yaws):]) < 0.0  # near the limit, then round the other way
    assert info["success"] and env.unwrapped.outcome()["holds"] == [True, True]
    env.close()


def test_the_judge_says_what_was_done_that_was_not_asked():
    from robotstack.skills import Subtask
    from robotstack.sim.experts import expert_for

    env = make_env("language", image_size=16)
    env.reset(seed=7005)
    rings, pegs = sorted(env.unwrapped.ring_bodies), sorted(env.unwrapped.peg_bodies)
    _, info = env.reset(seed=7005, options={"instruction": f"put the {rings[0]} ring on the {pegs[0]} peg"})
    other = expert_for(Subtask("place_ring", {"ring": rings[1], "peg": pegs[1]}))  # does what was not asked
    for _ in range(env.unwrapped.horizon):
        _, _, terminated, truncated, info = env.step(other.act(info["privileged"]))
        if terminated or truncated:
            break
    assert not info["success"]
    assert env.unwrapped.outcome() == {"holds": [False], "achieved_at": [None],
                                       "unasked_rings": [(rings[1], pegs[1])], "unasked_plug": False}
    env.close()


@pytest.mark.slow
@pytest.mark.parametrize("task", ["ring", "cable", "language"])
def test_expert_success_rate_over_many_seeds(task):
    env = make_env(task, image_size=16)
    results = [rollout(env, 50_000 + i) for i in range(50)]
    assert sum(r.success for r in results) >= 49


def _held_ring_state(offset_m: float, ring_z: float) -> dict:
    """A ring held by its rim, its centre ``offset_m`` off the peg's axis along x at height ``ring_z``."""
    center = np.array([0.5 - offset_m, 0.0, ring_z])
    identity = {"z_axis": np.array([0.0, 0.0, 1.0]), "speed": 0.0}
    return {
        "rings": {"red": {"pos": center, **identity}},
        "pegs": {"blue": {"pos": np.array([0.5, 0.0, 0.0]), **identity}},
        "ee_pos": center + np.array([0.0, RING_RADIUS, 0.0]),
        "ee_yaw": 0.0,
        "gripper_opening": 2 * RING_TUBE + 0.001,
    }


def test_ring_expert_lowers_the_ring_down_a_funnel_without_jumps():
    """Held over the peg, the label varies continuously with the offset (a gate finer than a learner localises
    made students that averaged its two sides hover for good), descends only near the axis, and always
    steers toward the peg."""
    expert = PlaceRingExpert("red", "blue")
    offsets = np.arange(0.0, 0.03, 0.0005)
    for ring_z in (PEG_HEIGHT + 0.04, PEG_HEIGHT + 0.02, PEG_HEIGHT + RING_TUBE + 0.002):
        actions = np.array([expert.act(_held_ring_state(o, ring_z)) for o in offsets])
        assert (actions[:, 4] == 1.0).all(), "the ring is let go above the peg top"
        assert np.abs(np.diff(actions[:, :3], axis=0)).max() < 0.1, f"label jumps with the offset at z={ring_z}"
        assert (actions[offsets > 0.001, 0] > 0).all(), "does not steer toward the peg"
    far, near = expert.act(_held_ring_state(0.02, PEG_HEIGHT + 0.04)), expert.act(_held_ring_state(0.002, PEG_HEIGHT + 0.04))
    assert far[2] >= 0 > near[2]


def test_ring_expert_keeps_a_threaded_ring_going_down_and_lets_go_low():
    expert = PlaceRingExpert("red", "blue")
    threaded = expert.act(_held_ring_state(0.014, PEG_HEIGHT - 0.01))
    assert threaded[2] < 0 and threaded[4] == 1.0, "a ring around the peg is pulled back up"
    assert expert.act(_held_ring_state(0.005, PEG_HEIGHT - 0.025))[4] == -1.0


def _held_plug_state(offset_m: float, tip_z: float, yaw_error: float = 0.0) -> dict:
    """The plug held upright, its pin tip ``offset_m`` off the socket's axis along x at height ``tip_z``."""
    tip = np.array([0.5 - offset_m, 0.1, tip_z])
    plug_pos = tip + np.array([0.0, 0.0, PIN_LENGTH + 0.02])
    return {
        "plug": {"pos": plug_pos, "tip": tip, "z_axis": np.array([0.0, 0.0, 1.0]), "yaw": yaw_error},
        "socket": {"pos": np.array([0.5, 0.1, 0.0]), "yaw": 0.0, "mouth_z": SOCKET_DEPTH},
        "ee_pos": plug_pos.copy(),
        "ee_yaw": yaw_error,
        "gripper_opening": 2 * GRIP_HALF + 0.002,
    }


def test_plug_expert_inserts_down_a_funnel_without_jumps():
    """As for the ring: near the socket the label varies continuously with the pin's offset and yaw, lowers
    the pin only as it lines up, and inserts it once within the chamfer."""
    expert = PlugCableExpert()
    offsets = np.arange(0.0, 0.025, 0.00025)
    for tip_z in (SOCKET_DEPTH + 0.09, SOCKET_DEPTH + 0.03, SOCKET_DEPTH + 0.012):
        actions = np.array([expert.act(_held_plug_state(o, tip_z)) for o in offsets])
        assert (actions[:, 4] == 1.0).all()
        assert np.abs(np.diff(actions[:, :3], axis=0)).max() < 0.1, f"label jumps with the offset at z={tip_z}"
        assert (actions[offsets > 0.001, 0] > 0).all(), "does not steer toward the socket"
    high = SOCKET_DEPTH + 0.09
    assert expert.act(_held_plug_state(0.02, high))[2] >= 0 > expert.act(_held_plug_state(0.006, high))[2]
    lined_up, turned = expert.act(_held_plug_state(0.001, SOCKET_DEPTH + 0.005)), expert.act(
        _held_plug_state(0.001, SOCKET_DEPTH + 0.005, yaw_error=0.3))
    assert lined_up[2] < 0 <= turned[2], "inserts regardless of the yaw, or not at all"


def test_plug_expert_turns_the_plug_square_only_over_the_socket():
    """On the way to the socket the wrist keeps its yaw; over it (where the wrist camera sees the socket's square
    beside the pin) it turns the pin square, the short way."""
    expert = PlugCableExpert()
    for yaw_error in (0.3, -0.3):
        for offset in (PLUG_TURN_RADIUS + 0.005, 0.05, 0.15):
            assert expert.act(_held_plug_state(offset, SOCKET_DEPTH + 0.09, yaw_error=yaw_error))[3] == 0.0
        over = expert.act(_held_plug_state(PLUG_TURN_RADIUS - 0.005, SOCKET_DEPTH + 0.012, yaw_error=yaw_error))
        assert np.sign(over[3]) == -np.sign(yaw_error)


def test_the_turn_landmark_is_continuous_across_the_quarter_turn_wrap_and_signs_the_turn():
    """A pin 44.9 degrees off one way fits as well as 44.9 the other: the landmark must not jump there, and its
    second coordinate says which way the plug is turned, as the expert's landmarks carry it."""
    just_under, just_over = turn_landmark(math.pi / 4 - 1e-4), turn_landmark(-math.pi / 4 + 1e-4)
    assert np.linalg.norm(just_under - just_over) < 1e-4  # (a jump would be 2 x TURN_LANDMARK_RADIUS)
    np.testing.assert_allclose(turn_landmark(0.0), [TURN_LANDMARK_RADIUS, 0.0])
    for error in (-0.6, -0.1, 0.1, 0.6):
        assert np.sign(turn_landmark(error)[1]) == np.sign(error)
    for yaw_error in (0.3, -0.3):
        landmarks = PlugCableExpert().landmarks(_held_plug_state(0.01, SOCKET_DEPTH + 0.03, yaw_error=yaw_error))
        assert landmarks.shape == (LANDMARK_DIM,)
        np.testing.assert_allclose(landmarks[9:], turn_landmark(-yaw_error))  # the socket's square is at yaw 0
