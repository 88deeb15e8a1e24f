"""A plug insertion read from proprioception alone: when a held plug has bottomed, when it reads as jammed, and the
move that backs a jammed pin out, on the simulated arm."""

import numpy as np
import pytest

from robotstack.insertion import BackUp, Bottoming, JammedPlug
from robotstack.policy import STATE_EE_Z
from robotstack.sim import make_env


def state(opening: float = 0.08, z: float = 0.2) -> np.ndarray:
    s = np.zeros(22, dtype=np.float32)
    s[14:17] = (0.5, 0.0, z)
    s[21] = opening
    return s


GRASP = [state(0.08, 0.06)] * 3 + [state(0.022, 0.06)] * 3  # closed on the plug in its dock
CARRY = [state(0.022, 0.06 + 0.01 * i) for i in range(10)] + [state(0.022, 0.15)] * 5  # lifted, carried level
DESCENT = [state(0.022, 0.15 - 0.01 * i) for i in range(11)]  # down onto the socket, 1 cm a tick


def still(n: int, z: float = 0.048, opening: float = 0.022) -> list[np.ndarray]:
    return [state(opening, z + 0.0004 * (i % 2)) for i in range(n)]  # under a millimetre of jitter


def test_bottoming_needs_a_descent_then_a_kept_height():
    bottoming = Bottoming()
    assert not any(bottoming.update(float(s[STATE_EE_Z])) for s in CARRY)  # held level: it came down nowhere
    assert [bottoming.update(float(s[STATE_EE_Z])) for s in DESCENT[1:] + still(5)][-6:] == [False] * 5 + [True]


def test_a_plug_pressed_on_without_being_let_go_reads_as_jammed_after_the_wait():
    jam = JammedPlug()
    settle = Bottoming().settle_ticks
    pressed = [jam.update(s) for s in GRASP + CARRY + DESCENT + still(settle + jam.wait_ticks)]
    assert pressed.index(True) == len(pressed) - 1  # only once the wait is over
    # The count starts again: a new descent from wherever the hand goes next, then the wait again.
    assert not any(jam.update(s) for s in still(60))
    assert [jam.update(s) for s in DESCENT + still(settle + jam.wait_ticks, z=0.04)][-1]


def test_a_let_go_plug_or_a_hand_that_never_came_down_is_not_jammed():
    settle = Bottoming().settle_ticks
    hovering = JammedPlug()
    assert not any(hovering.update(s) for s in GRASP + CARRY + still(100, z=0.15))
    released = JammedPlug()
    assert not any(released.update(s) for s in GRASP + CARRY + DESCENT + still(100, opening=0.08))
    shut_on_nothing = JammedPlug()
    assert not any(shut_on_nothing.update(s) for s in GRASP + CARRY + DESCENT + still(100, opening=0.0))
    short = JammedPlug()  # let go one tick before the wait is over
    assert not any(short.update(s) for s in GRASP + CARRY + DESCENT + still(settle + short.wait_ticks - 1)
                   + [state(0.08, 0.048)])


def test_a_plug_reads_as_jammed_at_most_retries_times_a_subtask():
    jam = JammedPlug()
    settle = Bottoming().settle_ticks
    press = DESCENT + still(settle + jam.wait_ticks)
    said = sum(jam.update(s) for _ in range(jam.retries + 2) for s in press)
    assert said == jam.retries
    jam.next_subtask()
    assert sum(jam.update(s) for s in GRASP + CARRY + press) == 1


@pytest.fixture(scope="module")
def env():
    return make_env("cable", image_size=32).unwrapped


def test_the_back_up_raises_the_hand_straight_up_with_the_fingers_closed(env):
    state_now = env.reset(seed=5)[0]["state"]
    for _ in range(8):  # down toward the table, fingers closing
        state_now = env.step(np.array([0.0, 0.0, -1.0, 0.0, 1.0], np.float32))[0]["state"]
    start = np.array(state_now[14:17], dtype=np.float64)
    move = BackUp.of(state_now)
    while (step := move.action(state_now)) is not None:
        assert step[4] == 1.0 and step[0] == step[1] == 0.0  # the grip kept, no sideways move
        state_now = env.step(step)[0]["state"]
    end = np.array(state_now[14:17], dtype=np.float64)
    assert move.ticks < move.max_ticks  # it got there, not timed out
    assert end[2] - start[2] >= move.rise_m and np.linalg.norm(end[:2] - start[:2]) < 0.005
