"""Training that starts from an exported network (read back from its fp32 file), and demonstrations recorded where
the board leaves the arm after a first subtask: rings after a plug, plugs after a ring, rings onto an occupied peg."""

import json
from dataclasses import replace

import numpy as np
import onnx
import pytest
import torch

from robotstack.policies.collect import record_episode
from robotstack.policies.export import LANDMARK_HEAD, convert_fp16, export_policy, policy_from_onnx
from robotstack.policies.model import LANDMARK_DIM, STUDENT, PolicyConfig, VisuomotorPolicy
from robotstack.policies.pipeline import (AFTER_FIRST, PipelineConfig, after_first_conditions, after_first_seeds,
                                          check_cached_rounds, load_init, run)
from robotstack.policies.text_encoder import embed
from robotstack.policies.train import LANDMARK_SCALE_M, Demonstrations, fit_landmark_head
from robotstack.policy import STATE_EE_POS
from robotstack.sim import make_env
from robotstack.skills import LANGUAGE_TASK

AFTER_PLUG, AFTER_RING, RING_ON_RING = AFTER_FIRST
GROUNDED = replace(PolicyConfig("tiny", image_size=32, channels=(8, 16), strides=(2, 2), hidden=32, chunk=4),
                   grounded=True, color_masks=True)


def trained_like(cfg: PolicyConfig) -> VisuomotorPolicy:
    """A network whose weight tensors all differ, as a trained one's do (the exporter keeps one of identical
    tensors: an untrained network's FiLM layers start alike)."""
    torch.manual_seed(0)
    policy = VisuomotorPolicy(cfg).eval()
    with torch.no_grad():
        for weight in policy.parameters():
            weight.add_(0.01 * torch.randn_like(weight))
    return policy


def test_an_exported_network_reads_back_as_it_was_trained_and_other_files_are_refused(tmp_path):
    policy = trained_like(GROUNDED)
    rng = np.random.default_rng(1)
    policy.set_state_stats(rng.normal(size=22), rng.uniform(0.5, 2.0, size=22))  # restored from the graph too
    path = export_policy(policy, tmp_path / "trained.onnx", control_hz=20.0)
    back = policy_from_onnx(path)
    assert back.cfg == GROUNDED
    for name, value in policy.state_dict().items():
        if name in LANDMARK_HEAD:  # not in the graph: learned again, from zero
            assert not back.state_dict()[name].any()
        else:
            torch.testing.assert_close(back.state_dict()[name], value, msg=name)
    stripped = onnx.load(str(path))
    del stripped.metadata_props[:]
    onnx.save(stripped, str(tmp_path / "stripped.onnx"))
    for bad, says in ((tmp_path / "missing.onnx", "no such policy file"),
                      (tmp_path / "stripped.onnx", "no robotstack.policy_config metadata"),
                      (convert_fp16(path, tmp_path / "half.onnx"), "not float32.*start from the fp32 file"),
                      (export_policy(VisuomotorPolicy(GROUNDED), tmp_path / "untrained.onnx", 20.0),
                       "is not in the graph.*identical tensors")):
        with pytest.raises(ValueError, match=says):
            policy_from_onnx(bad)


def test_a_wrist_ray_network_reads_back_with_its_calibrated_heights(tmp_path):
    # The exporter folds the ray's heights into unnamed constants; kept as built (zeros), the network read back
    # answered up to 1.5 away from its file at the hand's usual poses, where the ray's geometry matters.
    rayed = replace(STUDENT, wrist_ray=True, goal_ray=True, held_ray=True, edge_orientation=True)
    policy = trained_like(rayed)
    env = make_env("language", image_size=rayed.image_size)
    start, _ = env.reset(seed=0)
    policy.wrist_ray.set_mount(*env.unwrapped.wrist_camera_mount())
    for point, height in enumerate((0.051, 0.02, -0.049)):
        policy.wrist_ray.set_plane(height, point)
    policy.set_state_stats(start["state"], np.full(22, 0.05))  # the hand's pose at the start of an episode
    back = policy_from_onnx(export_policy(policy, tmp_path / "rayed.onnx", control_hz=20.0))
    torch.testing.assert_close(back.wrist_ray.plane_z, policy.wrist_ray.plane_z)
    torch.testing.assert_close(back.wrist_ray.mount_pos, policy.wrist_ray.mount_pos)


def test_a_read_back_networks_landmark_head_is_fitted_to_the_expert_landmarks():
    # Landmarks the network's own features determine exactly (a hidden head's read-out): the fit recovers them.
    policy = trained_like(replace(GROUNDED, grounded=False, color_masks=False))
    rng = np.random.default_rng(4)
    n = 300
    demos = Demonstrations(images={c: rng.integers(0, 256, (n, 32, 32, 3), dtype=np.uint8) for c in ("front", "wrist")},
                           state=rng.normal(size=(n, 22)).astype(np.float32), action=np.zeros((n, 5), np.float32),
                           episode=np.zeros(n, dtype=np.int64), task=["plug the cable into the socket"] * n)
    text = torch.from_numpy(embed(demos.task))
    with torch.no_grad():
        _, truth = policy.forward_with_landmarks({c: torch.from_numpy(v) for c, v in demos.images.items()},
                                                 torch.from_numpy(demos.state), text)
    demos.landmarks = truth[:, :LANDMARK_DIM].numpy() * LANDMARK_SCALE_M  # metres, as recorded
    with torch.no_grad():
        policy.landmark_out.weight.zero_()
        policy.landmark_out.bias.zero_()
    fit_landmark_head(policy, demos, frames=200, ridge=1e-9)
    with torch.no_grad():
        _, fitted = policy.forward_with_landmarks({c: torch.from_numpy(v) for c, v in demos.images.items()},
                                                  torch.from_numpy(demos.state), text)
    # On all 300 frames: the 100 the fit did not see too.
    torch.testing.assert_close(fitted[:, :LANDMARK_DIM], truth[:, :LANDMARK_DIM], atol=1e-3, rtol=0)
    with pytest.raises(ValueError, match="--fit-landmark-head fits the head of the network --init gives"):
        PipelineConfig(task=LANGUAGE_TASK, fit_landmark_head=True)
    demos.landmarks = None
    with pytest.raises(ValueError, match="needs demonstrations with expert landmarks"):
        fit_landmark_head(policy, demos)


def test_a_run_starts_only_from_the_network_its_options_build(tmp_path):
    path = export_policy(trained_like(replace(STUDENT, grounded=True)), tmp_path / "s.onnx", control_hz=20.0)
    assert load_init(PipelineConfig(task=LANGUAGE_TASK, init=str(path), grounded=True)).cfg.grounded
    with pytest.raises(ValueError, match="built with {'grounded': True}.*give the options it was trained with"):
        load_init(PipelineConfig(task=LANGUAGE_TASK, init=str(path)))


def test_only_a_run_with_a_starting_network_may_skip_behaviour_cloning(tmp_path):
    with pytest.raises(ValueError, match="--steps 0 skips behaviour cloning.*--init"):
        PipelineConfig(task=LANGUAGE_TASK, steps=0)
    assert PipelineConfig(task=LANGUAGE_TASK, steps=0, init=str(tmp_path / "start.onnx")).steps == 0


def test_rings_recorded_after_a_plug_start_at_the_ready_pose_beside_the_plugged_cable():
    env = make_env("language", image_size=32, instruction_steps=2)
    (seed,) = after_first_seeds(AFTER_PLUG, 1)
    start, _ = env.reset(seed=seed)
    ring = env.unwrapped.subtasks[1]
    assert [s.skill for s in env.unwrapped.subtasks] == ["plug_cable", "place_ring"]
    episode = record_episode(env, seed, after_first=True)
    assert episode.success and env.unwrapped.achieved_at[0] is not None  # the cable stayed plugged
    assert all(frame.task == ring.phrase() for frame in episode.frames)  # the plug itself is not recorded
    first = episode.frames[0].state
    assert np.linalg.norm(first[STATE_EE_POS] - start["state"][STATE_EE_POS]) < 0.02  # back where it started
    one_step = make_env("language", image_size=32, instruction_steps=1)
    with pytest.raises(ValueError, match="has only one"):
        record_episode(one_step, seed, after_first=True)


def test_plugs_recorded_after_a_ring_start_at_the_ready_pose_beside_the_placed_ring():
    env = make_env("language", image_size=32, instruction_steps=2)
    (seed,) = after_first_seeds(AFTER_RING, 1)
    start, _ = env.reset(seed=seed)
    assert [s.skill for s in env.unwrapped.subtasks] == ["place_ring", "plug_cable"]
    episode = record_episode(env, seed, after_first=True, settle_ticks=5)
    assert episode.success and env.unwrapped.achieved_at[0] is not None  # the ring stayed on its peg
    assert all(frame.task == "plug the cable into the socket" for frame in episode.frames)
    assert np.linalg.norm(episode.frames[0].state[STATE_EE_POS] - start["state"][STATE_EE_POS]) < 0.02


def test_rings_recorded_onto_an_occupied_peg_start_at_the_ready_pose_with_the_first_ring_on_that_peg():
    env = make_env("language", image_size=32, instruction_steps=2)
    seeds = after_first_seeds(RING_ON_RING, 3)
    for seed in seeds:
        env.reset(seed=seed)
        first, second = env.unwrapped.subtasks
        assert first.skill == second.skill == "place_ring" and first.args["peg"] == second.args["peg"]
    start, _ = env.reset(seed=seeds[0])
    second = env.unwrapped.subtasks[1]
    episode = record_episode(env, seeds[0], after_first=True)
    assert episode.success and env.unwrapped.achieved_at[0] is not None  # the first ring stayed on the peg
    assert all(frame.task == second.phrase() for frame in episode.frames)
    assert np.linalg.norm(episode.frames[0].state[STATE_EE_POS] - start["state"][STATE_EE_POS]) < 0.02
    with pytest.raises(ValueError, match="--ring-on-ring records place_ring after place_ring"):
        PipelineConfig(task=LANGUAGE_TASK, skill="plug_cable", ring_on_ring=10)


def test_after_ring_demonstrations_are_for_plugs_on_the_language_task_and_keep_the_settle_ticks(tmp_path):
    for options in ({"task": "cable"}, {"task": LANGUAGE_TASK, "skill": "place_ring"}):
        with pytest.raises(ValueError, match="--after-ring records plug_cable after place_ring"):
            PipelineConfig(after_ring=10, **options)
    cfg = PipelineConfig(task=LANGUAGE_TASK, skill="plug_cable", after_ring=10, settle_ticks=8)
    assert after_first_conditions(cfg, AFTER_RING)["settle_ticks"] == 8
    (tmp_path / "after_ring.json").write_text(json.dumps(after_first_conditions(cfg, AFTER_RING)))
    (tmp_path / "after_ring.pkl").write_bytes(b"frames")
    check_cached_rounds(cfg, tmp_path)
    with pytest.raises(ValueError, match="after-ring demonstrations recorded with .*'settle_ticks': 8.*'settle_ticks': 0"):
        check_cached_rounds(replace(cfg, settle_ticks=0), tmp_path)


def test_after_plug_demonstrations_are_for_rings_on_the_language_task_and_their_cache_keeps_its_conditions(tmp_path):
    for options in ({"task": "cable"}, {"task": LANGUAGE_TASK, "skill": "plug_cable"}):
        with pytest.raises(ValueError, match="--after-plug records place_ring after plug_cable"):
            PipelineConfig(after_plug=10, **options)
    cfg = PipelineConfig(task=LANGUAGE_TASK, skill="place_ring", after_plug=10)
    (tmp_path / "after_plug.pkl").write_bytes(b"frames")
    (tmp_path / "after_plug.json").write_text(json.dumps(after_first_conditions(cfg, AFTER_PLUG)))
    check_cached_rounds(cfg, tmp_path)  # the same conditions: resumed
    with pytest.raises(ValueError, match="after-plug demonstrations recorded with .*'episodes': 10.*'episodes': 20"):
        check_cached_rounds(replace(cfg, after_plug=20), tmp_path)


def test_a_ring_student_fine_tuned_from_its_file_on_rings_after_a_plug_end_to_end(tmp_path):
    start = export_policy(trained_like(replace(STUDENT, grounded=True)), tmp_path / "start.onnx", 20.0)
    # --steps 0: the starting network goes straight to its DAgger round, no behaviour cloning before it (its
    # landmark head fitted first).
    cfg = PipelineConfig(task=LANGUAGE_TASK, skill="place_ring", grounded=True, init=str(start), after_plug=2,
                         demos=1, steps=0, dagger_rounds=1, dagger_episodes=1, dagger_steps=2,
                         dagger_mode="ensemble", eval_episodes=1, workers=1, fit_landmark_head=True)
    summary = run(cfg, tmp_path / "work", tmp_path / "out", log=lambda s: None)
    assert not (tmp_path / "work" / "bc.ckpt").exists() and (tmp_path / "work" / "dagger1.ckpt").exists()
    assert summary["init"]["policy"] == str(start) and len(summary["init"]["sha256"]) == 64
    assert summary["config"]["fit_landmark_head"]
    held = json.loads((tmp_path / "work" / "after_plug.json").read_text())
    assert held == after_first_conditions(cfg, AFTER_PLUG) and held["expert_share"] == 0.3  # the starting network led one
    assert summary["frames"] > 0 and set(summary["files"]) == {"student-language-place-ring",
                                                              "student-language-place-ring-int8",
                                                              "student-language-place-ring-fp16"}
