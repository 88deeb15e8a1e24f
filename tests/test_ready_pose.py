"""The move back to the ready pose between subtasks, on the simulated arm: from proprioception alone it rises
clear first, then returns to where the hand started, wrist turned back."""

import numpy as np
import pytest

from robotstack.policy import STATE_EE_POS, STATE_EE_QUAT, STATE_GRIPPER_OPENING
from robotstack.ready_pose import ReadyPose, hand_yaw
from robotstack.sim import make_env


@pytest.fixture(scope="module")
def env():
    return make_env("language", image_size=32).unwrapped


def test_the_hand_yaw_turns_with_the_wrist_command(env):
    state = env.reset(seed=3)[0]["state"]
    assert hand_yaw(state) == pytest.approx(0.0, abs=1e-3)
    for _ in range(4):
        state = env.step(np.array([0, 0, 0, 1.0, -1.0], np.float32))[0]["state"]
    assert 0.25 < hand_yaw(state) <= 4 * 0.15 + 0.02  # the same sense as the command (the wrist lags its target)


def test_the_hand_rises_clear_then_returns_to_the_ready_pose(env):
    state = env.reset(seed=4)[0]["state"]
    ready = ReadyPose.of(state)
    for _ in range(12):  # off to one side, low over the table, the wrist turned
        state = env.step(np.array([0.8, -0.6, -1.0, 1.0, -1.0], np.float32))[0]["state"]
    for _ in range(10):  # settled there, as after a release (the arm's target ran ahead of the hand)
        state = env.step(np.array([0, 0, 0, 0, -1.0], np.float32))[0]["state"]
    low = np.array(state[STATE_EE_POS])
    assert ready.position[2] - low[2] > 0.15 and abs(hand_yaw(state)) > 1.0
    path = []
    while (step := ready.action(state)) is not None:
        state = env.step(step)[0]["state"]
        path.append(np.array(state[STATE_EE_POS]))
    assert not ready.timed_out and len(path) < 40
    assert np.linalg.norm(path[-1] - ready.position) < ready.tolerance_m and abs(hand_yaw(state)) < 0.1
    rising = [p for p in path if p[2] < ready.position[2] - 0.05]
    assert rising and all(np.linalg.norm(p[:2] - low[:2]) < 0.01 for p in rising)  # straight up while low


def test_fingers_closed_on_something_open_before_the_hand_moves(env):
    state = env.reset(seed=5)[0]["state"]
    ready = ReadyPose.of(state)
    for _ in range(10):  # lower and close the fingers, as on a seated plug
        state = env.step(np.array([0, 0, -1.0, 0, 1.0], np.float32))[0]["state"]
    for _ in range(10):  # settled there (the arm's target ran ahead of the hand)
        state = env.step(np.array([0, 0, 0, 0, 1.0], np.float32))[0]["state"]
    start = np.array(state[STATE_EE_POS])
    assert state[STATE_GRIPPER_OPENING] < ready.open_m
    opening_steps = []
    while state[STATE_GRIPPER_OPENING] < ready.open_m:
        step = ready.action(state)
        opening_steps.append(step)
        state = env.step(step)[0]["state"]
    assert 0 < len(opening_steps) < 20
    assert all(np.array_equal(s, [0, 0, 0, 0, -1.0]) for s in opening_steps)
    assert np.linalg.norm(np.array(state[STATE_EE_POS]) - start) < 0.01  # the hand stayed while they opened
    assert ready.action(state)[2] > 0  # then it rises


def test_fingers_jammed_half_open_do_not_keep_the_hand_from_moving():
    home = np.zeros(22, dtype=np.float32)
    home[STATE_EE_POS] = [0.5, 0.0, 0.45]
    home[STATE_EE_QUAT.start] = 1.0  # quaternion w: the wrist at its home turn
    ready = ReadyPose.of(home)
    low = home.copy()
    low[STATE_EE_POS] = [0.5, -0.2, 0.03]
    low[STATE_GRIPPER_OPENING] = 0.03  # opening a little per tick at most, as against a socket's sides
    steps = [ready.action(low) for _ in range(ready.open_ticks + 1)]
    assert all(np.array_equal(s, [0, 0, 0, 0, -1.0]) for s in steps[:-1])
    assert steps[-1][2] > 0 and steps[-1][4] == -1.0  # then it rises, still opening them
