"""The front camera's look at a placed ring, on rendered scenes: a ring down its peg, one beside it, one resting on the
peg's top, one out of view; and the driver starting a ring subtask again when its ring is seen off its peg."""

import mujoco
import numpy as np
import pytest

from robotstack.driver import InstructionDriver
from robotstack.episodes import scene_inventory, text_encoder
from robotstack.placement import CAMERA, PlacementCheck
from robotstack.router import Router
from robotstack.sim import make_env
from robotstack.sim.entities import PEG_HEIGHT, RING_TUBE
from robotstack.skills import Subtask


@pytest.fixture(scope="module")
def scene():
    """A language scene at the students' 96 px whose first subtask puts a ring on a peg of another colour."""
    env = make_env("language", image_size=96, instruction_steps=2).unwrapped
    seed = next(s for s in range(3_000_000, 3_000_100)
                if env.reset(seed=s) and env.subtasks[0].skill == "place_ring"
                and env.subtasks[0].args["ring"] != env.subtasks[0].args["peg"])
    env.reset(seed=seed)
    yield env
    env.close()


def render_with_ring(env, offset_xyz) -> dict[str, np.ndarray]:
    """The cameras' images with the first subtask's ring moved to its peg plus ``offset_xyz`` (flat)."""
    subtask = env.subtasks[0]
    peg = env.data.body(env.peg_bodies[subtask.args["peg"]]).xpos
    adr = env.model.joint(f"{env.ring_bodies[subtask.args['ring']]}_free").qposadr[0]
    env.data.qpos[adr:adr + 3] = [peg[0] + offset_xyz[0], peg[1] + offset_xyz[1], RING_TUBE + offset_xyz[2]]
    env.data.qpos[adr + 3:adr + 7] = (1.0, 0.0, 0.0, 0.0)
    mujoco.mj_forward(env.model, env.data)
    return {name: image.copy() for name, image in env.observe()["images"].items()}


def test_a_ring_down_its_peg_is_seen_on_it_and_one_beside_it_or_on_its_top_is_not(scene):
    check, subtask = PlacementCheck(), scene.subtasks[0]
    assert check.ring_on_peg(render_with_ring(scene, (0.0, 0.0, 0.0)), subtask) is True
    assert check.ring_on_peg(render_with_ring(scene, (0.004, -0.003, 0.0)), subtask) is True  # resting off-centre
    for beside in ((0.07, 0.0, 0.0), (0.0, -0.08, 0.0), (-0.12, 0.05, 0.0)):
        assert check.ring_on_peg(render_with_ring(scene, beside), subtask) is False, beside
    assert check.ring_on_peg(render_with_ring(scene, (0.0, 0.0, PEG_HEIGHT)), subtask) is False  # on the peg's top


def test_what_the_camera_cannot_tell_is_left_to_proprioception(scene):
    check, subtask = PlacementCheck(), scene.subtasks[0]
    placed = render_with_ring(scene, (0.0, 0.0, 0.0))
    assert check.ring_on_peg(render_with_ring(scene, (0.0, 3.0, 0.0)), subtask) is None  # the ring out of view
    same = Subtask("place_ring", {"ring": subtask.args["peg"], "peg": subtask.args["peg"]})
    assert check.ring_on_peg(placed, same) is None  # a ring and its peg of one colour: one blob
    assert check.ring_on_peg({"wrist": placed["wrist"]}, subtask) is None  # no front camera
    assert check.ring_on_peg(None, subtask) is None
    assert check.ring_on_peg(placed, Subtask("plug_cable", {})) is None
    assert check.ring_on_peg({CAMERA: placed[CAMERA][..., 0]}, subtask) is None  # not an RGB image
    small = {CAMERA: render_with_ring(scene, (0.07, 0.0, 0.0))[CAMERA][::3, ::3]}
    assert check.ring_on_peg(small, subtask) is None  # 32 px: a peg is a pixel wide, too coarse to judge


def state(opening: float = 0.08, z: float = 0.2, x: float = 0.5) -> np.ndarray:
    s = np.zeros(22, dtype=np.float32)
    s[14:17] = (x, 0.0, z)
    s[21] = opening
    return s


def test_the_driver_starts_a_ring_again_when_the_camera_sees_it_off_its_peg(scene):
    encoder = text_encoder()
    first, second = scene.subtasks[0].phrase(), "plug the cable into the socket"
    placed, beside = render_with_ring(scene, (0.0, 0.0, 0.0)), render_with_ring(scene, (0.07, 0.0, 0.0))
    signature = [state(0.08, 0.05, 0.7)] * 3 + [state(0.015, 0.05, 0.7)] * 4 + [state(0.08, 0.09, 0.7)] + \
        [state(0.08, 0.13, 0.7)]

    def place_and_return(driver, images) -> np.ndarray:
        """The ring's grasp, release and rise, then the move back to the ready pose, seeing ``images`` there."""
        for s in signature:
            driver.conditioning(s, images)
        for _ in range(10):
            if isinstance(step := driver.conditioning(state(0.08, 0.3, 0.505), images), np.ndarray):
                return step
        raise AssertionError("the hand never got back to the ready pose")

    driver = InstructionDriver(Router(encoder), encoder, scene_inventory(scene.privileged_state()))
    driver.start(f"{first}, then {second}")
    np.testing.assert_allclose(driver.conditioning(state(z=0.3), placed), encoder(first))  # the ready pose
    np.testing.assert_allclose(place_and_return(driver, beside), encoder(first))  # off its peg: again
    assert driver.metrics.placement_retries == 1 and driver.metrics.completed == []
    np.testing.assert_allclose(place_and_return(driver, placed), encoder(second))  # on its peg: the next one
    assert driver.metrics.completed == [first] and driver.current.skill == "plug_cable"

    stubborn = InstructionDriver(Router(encoder), encoder, scene_inventory(scene.privileged_state()))
    stubborn.start(f"{first}, then {second}")
    stubborn.conditioning(state(z=0.3), beside)
    tries = [place_and_return(stubborn, beside) for _ in range(3)]  # two retries a subtask at most
    assert stubborn.metrics.placement_retries == 2 and stubborn.current.skill == "plug_cable"
    np.testing.assert_allclose(tries[-1], encoder(second))

    unchecked = InstructionDriver(Router(encoder), encoder, scene_inventory(scene.privileged_state()), placement=None)
    unchecked.start(f"{first}, then {second}")
    unchecked.conditioning(state(z=0.3), beside)
    np.testing.assert_allclose(place_and_return(unchecked, beside), encoder(second))
    assert unchecked.metrics.placement_retries == 0
