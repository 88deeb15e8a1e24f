"""The gymnasium contract of every task: API checks, determinism, bad input."""

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from robotstack.sim import TASKS, make_env, resolve_task
from robotstack.sim.tasks.base import STATE_DIM

IMAGE = 32


@pytest.fixture(scope="module", params=list(TASKS))
def env(request):
    env = make_env(request.param, image_size=IMAGE)
    yield env
    env.close()


def test_gymnasium_check_env_passes(env):
    check_env(env.unwrapped, skip_render_check=False)


def test_observation_layout(env):
    obs, info = env.reset(seed=3)
    assert set(obs["images"]) == {"front", "wrist"}
    for image in obs["images"].values():
        assert image.shape == (IMAGE, IMAGE, 3) and image.dtype == np.uint8
        assert image.std() > 5, "camera image is blank"
    assert obs["state"].shape == (STATE_DIM,) and np.all(np.isfinite(obs["state"]))
    assert isinstance(obs["instruction"], str) and obs["instruction"]
    assert info["success"] is False
    assert "privileged" in info and "privileged" not in obs


def test_same_seed_same_episode(env):
    actions = np.random.default_rng(0).uniform(-1, 1, size=(5, env.action_space.shape[0]))

    def run():
        obs, _ = env.reset(seed=11)
        trace = [obs["state"].copy(), obs["images"]["front"].copy()]
        for a in actions:
            obs, *_ = env.step(a)
            trace += [obs["state"].copy(), obs["images"]["wrist"].copy()]
        return trace, obs["instruction"]

    first, instr_a = run()
    second, instr_b = run()
    assert instr_a == instr_b
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)


def test_different_seeds_different_layouts(env):
    layouts = set()
    for seed in range(4):
        _, info = env.reset(seed=seed)
        priv = info["privileged"]
        key = priv["rings"] if "rings" in priv else {"plug": priv["plug"]}
        layouts.add(tuple(np.round(np.concatenate([v["pos"] for v in key.values()]), 4)))
    assert len(layouts) == 4


def test_nan_action_is_rejected_counted_and_arm_holds(env):
    env.reset(seed=5)
    before = env.unwrapped.ee_pos
    _, _, _, _, info = env.step(np.full(env.action_space.shape, np.nan))
    assert info["actions_rejected"] == 1
    assert np.linalg.norm(env.unwrapped.ee_pos - before) < 0.005
    assert np.all(np.isfinite(env.unwrapped.data.qpos))
    _, _, _, _, info = env.step(np.array([np.inf, 0, 0, 0, 0], dtype=np.float32))
    assert info["actions_rejected"] == 2


def test_out_of_range_action_is_clipped_and_counted(env):
    env.reset(seed=5)
    start = env.unwrapped.ee_pos
    _, _, _, _, info = env.step(np.array([50.0, 0, 0, 0, 0]))
    assert info["actions_clipped"] == 1
    moved = env.unwrapped.ee_pos - start
    assert 0.005 < moved[0] <= 0.021, "a clipped action moves at most one full step"


def test_wrong_action_shape_fails_clearly(env):
    env.reset(seed=0)
    with pytest.raises(ValueError, match=r"shape .*accepted"):
        env.step(np.zeros(3))


def test_task_names_accepted_with_or_without_namespace():
    assert resolve_task("language") == resolve_task("LanguageTabletop-v0") == "robotstack/LanguageTabletop-v0"


def test_unknown_task_lists_known_ids():
    with pytest.raises(ValueError) as err:
        resolve_task("robotstack/Juggling-v0")
    for task_id in TASKS:
        assert task_id in str(err.value)


@pytest.mark.parametrize("kwargs, field", [
    ({"action_mode": "torque"}, "action_mode"),
    ({"randomization": 7}, "randomization"),
    ({"image_size": 4}, "image_size"),
])
def test_bad_constructor_arguments_name_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        make_env("ring", **kwargs)


def test_joint_action_mode_moves_joints():
    env = make_env("ring", image_size=IMAGE, action_mode="joint")
    env.reset(seed=0)
    q0 = env.unwrapped.data.qpos[:7].copy()
    action = np.zeros(8)
    action[0] = 1.0
    for _ in range(5):
        env.step(action)
    for _ in range(10):  # let the servo settle on the target
        env.step(np.zeros(8))
    assert env.unwrapped.data.qpos[0] - q0[0] == pytest.approx(0.25, abs=0.01)
    env.close()


def test_visual_randomization_varies_camera_and_light_per_seed():
    env = make_env("ring", image_size=IMAGE, randomization=1)
    env.reset(seed=4)
    cam_a = env.unwrapped.model.cam_pos.copy()
    env.reset(seed=5)
    cam_b = env.unwrapped.model.cam_pos.copy()
    env.reset(seed=4)
    np.testing.assert_array_equal(env.unwrapped.model.cam_pos, cam_a)
    assert not np.array_equal(cam_a, cam_b)
    env.close()


def test_a_language_skill_keeps_the_seeds_scene_and_asks_only_that_skill():
    plugs = make_env("language", image_size=IMAGE, skill="plug_cable").unwrapped
    rings = make_env("language", image_size=IMAGE, skill="place_ring").unwrapped
    mixed = make_env("language", image_size=IMAGE, instruction_steps=1).unwrapped
    for seed in range(8):
        mixed.reset(seed=seed)
        for env, skill in ((plugs, "plug_cable"), (rings, "place_ring")):
            env.reset(seed=seed)
            assert [s.skill for s in env.subtasks] == [skill]
            np.testing.assert_array_equal(env.data.qpos, mixed.data.qpos)  # the same scene, another instruction
    for kwargs, field in (({"skill": "juggle"}, "plug_cable"), ({"skill": "plug_cable", "instruction_steps": 2},
                                                               "instruction_steps=2")):
        with pytest.raises(ValueError, match=field):
            make_env("language", image_size=IMAGE, **kwargs)
