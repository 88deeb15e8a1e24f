"""A plug grasped across its corners: seen from the finger opening, let go and grasped again square, in MuJoCo; and
the driver's part (once per subtask, the grasp watched afresh after it, off when asked)."""

import math

import numpy as np
import pytest

from robotstack.driver import CornerGrasp, InstructionDriver
from robotstack.episodes import text_encoder
from robotstack.loop import ScriptedStep
from robotstack.reasoning.plan import SceneSummary
from robotstack.regrasp import Regrasp
from robotstack.router import Router
from robotstack.sim import make_env
from robotstack.sim.entities import GRIP_HALF
from robotstack.sim.experts import PlugCableExpert


def state(opening: float, yaw: float = 0.0, z: float = 0.06) -> np.ndarray:
    s = np.zeros(22, dtype=np.float32)
    s[14:17] = (0.5, 0.0, z)
    s[17:21] = (math.cos(yaw / 2), 0.0, 0.0, math.sin(yaw / 2))  # (w, x, y, z): a turn about the vertical
    s[21] = opening
    return s


def closing(to: float) -> list[np.ndarray]:
    """Fingers closing from open onto something ``to`` wide, then resting there."""
    return [state(o) for o in (0.08, 0.06, 0.045, to + 0.003)] + [state(to)] * 4


def test_a_grasp_that_settles_across_the_corners_is_told_once_and_a_square_one_never():
    corners = CornerGrasp()
    assert [corners.update(s) for s in closing(0.031)].count(True) == 1
    assert corners.grasp_z == pytest.approx(0.06)  # where the fingers first closed on it
    square = CornerGrasp()
    assert not any(square.update(s) for s in closing(0.022) + closing(0.031))  # only the first grasp is watched
    assert not any(corners.update(s) for s in closing(0.031))  # told once: watching again only after a regrasp
    corners.regrasped()
    assert not any(corners.update(s) for s in closing(0.031))  # one retry a subtask
    corners.next_subtask()
    assert any(corners.update(s) for s in closing(0.031))


def test_the_regrasp_opens_turns_an_eighth_of_a_turn_the_way_away_from_the_limit_and_closes():
    move = Regrasp.of(state(0.031, yaw=0.3), grasp_z=0.06)
    assert move.target_yaw == pytest.approx(0.3 - math.pi / 4)
    assert Regrasp.of(state(0.031, yaw=-0.3), grasp_z=0.06).target_yaw == pytest.approx(-0.3 + math.pi / 4)
    lifted = Regrasp.of(state(0.031, z=0.07), grasp_z=0.06)  # the student began to lift before the fingers settled
    lifted.action(state(0.031, z=0.07))
    down = lifted.action(state(0.05, z=0.07))
    assert down[2] == pytest.approx(-0.5) and down[4] == -1.0  # back down 1 cm (2 cm a step at full scale), open
    first = move.action(state(0.031, yaw=0.3))
    assert np.array_equal(first, [0, 0, 0, 0, -1])  # open where the hand is
    turning = move.action(state(0.05, yaw=0.3))
    assert turning[3] == -1.0 and turning[4] == -1.0 and np.allclose(turning[:3], 0.0, atol=1e-5)  # turning, open
    closing_step = move.action(state(0.07, yaw=0.3 - math.pi / 4))
    assert closing_step[4] == 1.0 and closing_step[3] == 0.0
    closed = [move.action(state(0.022, yaw=0.3 - math.pi / 4)) for _ in range(7)]
    assert all(s[4] == 1.0 and not s[:4].any() for s in closed)  # closing where the hand is
    assert move.action(state(0.022, yaw=0.3 - math.pi / 4)) is None  # closed: the policy's again


class CornerExpert(PlugCableExpert):
    """The plug expert, closing its fingers an eighth of a turn off the plug's faces: across its corners."""

    def _closing_angle(self, p, grasp):
        return super()._closing_angle(p, grasp) + math.pi / 4


def test_a_plug_grasped_across_its_corners_is_held_square_after_the_regrasp():
    env = make_env("language", image_size=16, skill="plug_cable").unwrapped
    obs, info = env.reset(seed=3_100_000)
    expert = CornerExpert()
    corners = CornerGrasp()
    for _ in range(120):
        obs, _, _, _, info = env.step(expert.act(info["privileged"]))
        if corners.update(obs["state"]):
            break
    else:
        pytest.fail("the corner grasp was never seen")
    assert info["privileged"]["gripper_opening"] > 2 * GRIP_HALF + 0.005  # held across the corners
    for _ in range(3):  # lifting, as the students have begun to by then
        obs, _, _, _, info = env.step(np.array([0.0, 0.0, 0.2, 0.0, 1.0], dtype=np.float32))
    move = Regrasp.of(obs["state"], corners.grasp_z)
    while (action := move.action(obs["state"])) is not None:
        obs, _, _, _, info = env.step(action)
    opening = info["privileged"]["gripper_opening"]
    assert opening == pytest.approx(2 * GRIP_HALF, abs=0.003)  # square to its faces now
    assert PlugCableExpert().holding(info["privileged"])
    env.close()


SCENE = SceneSummary(rings=["red", "green", "blue"], pegs=["yellow", "purple"], cable=True, socket=True)


@pytest.mark.parametrize("regrasp", [True, False])
def test_the_driver_grasps_a_plug_held_across_its_corners_again_unless_told_not_to(regrasp):
    encoder = text_encoder()
    driver = InstructionDriver(Router(encoder), encoder, SCENE, regrasp_corners=regrasp)
    driver.start("plug the cable into the socket")
    plug = encoder("plug the cable into the socket")
    outputs = [driver.conditioning(s) for s in closing(0.031)]
    scripted = [o for o in outputs if isinstance(o, ScriptedStep)]
    assert bool(scripted) is regrasp and driver.metrics.corner_regrasps == int(regrasp)
    if regrasp:
        assert scripted[0].action[4] == -1.0  # the fingers open first
        after = [driver.conditioning(state(0.07, yaw=math.pi / 4))] + \
            [driver.conditioning(state(0.022, yaw=math.pi / 4)) for _ in range(9)]
        np.testing.assert_allclose(after[-1], plug)  # the policy takes over again, holding it square
        assert driver.metrics.completed == []  # the fingers opened: no release as far as progress goes
