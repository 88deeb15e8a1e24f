"""The training pipeline end to end on a few recorded frames: collect -> train a few steps -> export -> run."""

import json
import pickle
from dataclasses import replace

import numpy as np
import pytest
import torch

from robotstack.policies.collect import record_episode
from robotstack.policies.export import export_policy
from robotstack.policies.model import LANDMARK_DIM, PolicyConfig, VisuomotorPolicy
from robotstack.policies.train import Demonstrations, TrainConfig, chunk_targets, phrasings, train, wrist_ray_plane
from robotstack.policy import STATE_EE_POS, STATE_GRIPPER_OPENING, OnnxPolicy
from robotstack.sim import make_env

TINY = PolicyConfig("tiny", image_size=24, channels=(8, 8), strides=(2, 2), hidden=32, chunk=3)


def test_chunk_targets_stop_at_episode_boundaries():
    action = np.arange(5, dtype=np.float32)[:, None].repeat(5, axis=1)
    episode = np.array([0, 0, 0, 1, 1])
    targets, mask = chunk_targets(action, episode, chunk=3)
    np.testing.assert_array_equal(targets[1, :, 0], [1, 2, 2])
    np.testing.assert_array_equal(mask[1], [1, 1, 0])
    np.testing.assert_array_equal(mask[4], [1, 0, 0])


def test_frames_recorded_with_other_landmarks_are_refused_before_anything_is_joined():
    def frames(landmark_dim: int) -> Demonstrations:
        return Demonstrations(images={"front": np.zeros((2, 4, 4, 3), np.uint8)}, state=np.zeros((2, 22), np.float32),
                              action=np.zeros((2, 5), np.float32), episode=np.zeros(2, int), task=["x", "x"],
                              landmarks=np.zeros((2, landmark_dim), np.float32))

    older = frames(6)
    with pytest.raises(ValueError, match="6 expert landmarks cannot be joined with frames recorded with 8"):
        older.extend(frames(8))
    assert len(older) == 2 and len(older.images["front"]) == 2  # left as it was
    older.extend(frames(6))
    assert len(older) == 4 and older.landmarks.shape == (4, 6)


def test_cached_demonstrations_are_topped_up_to_more_and_refused_for_fewer(tmp_path):
    from robotstack.policies.pipeline import _demonstrations

    recorded = []

    def record(first: int, stop: int) -> Demonstrations:
        recorded.append((first, stop))
        n = stop - first
        return Demonstrations(images={"front": np.full((n, 2, 2, 3), first, np.uint8)},
                              state=np.zeros((n, 22), np.float32), action=np.zeros((n, 5), np.float32),
                              episode=np.arange(n), task=["x"] * n, landmarks=np.zeros((n, 6), np.float32))

    path = tmp_path / "demos.pkl"
    assert len(_demonstrations(path, 3, record, log=lambda s: None)) == 3
    more = _demonstrations(path, 5, record, log=lambda s: None)
    assert recorded == [(0, 3), (3, 5)]  # only the missing episodes were recorded
    assert list(more.episode) == [0, 1, 2, 3, 4] and list(more.images["front"][:, 0, 0, 0]) == [0, 0, 0, 3, 3]
    assert list(_demonstrations(path, 5, record, log=lambda s: None).episode) == [0, 1, 2, 3, 4]  # saved topped up
    with pytest.raises(ValueError, match="holds 5 demonstrations and --demos asks for 4"):
        _demonstrations(path, 4, record, log=lambda s: None)
    assert recorded == [(0, 3), (3, 5)]


def test_recorded_episodes_stream_into_demonstrations_frame_for_frame():
    from robotstack.policies.collect import Episode
    from robotstack.policies.pipeline import EpisodeTally, to_demonstrations

    env = make_env("cable", image_size=TINY.image_size)
    recorded = [record_episode(env, seed=4_000_000), Episode(1, "nothing", False, []),
                record_episode(env, seed=4_000_001)]
    tally = EpisodeTally()
    demos = to_demonstrations(tally.count(iter(recorded)))  # a generator, as recording yields them
    frames = [(i, f) for i, e in enumerate(recorded) for f in e.frames]
    assert (tally.episodes, tally.frames, tally.successes) == (3, len(frames), sum(e.success for e in recorded))
    assert len(demos) == len(frames) and list(demos.episode) == [i for i, _ in frames]  # the empty one is skipped
    for camera in ("front", "wrist"):
        np.testing.assert_array_equal(demos.images[camera], np.stack([f.images[camera] for _, f in frames]))
    np.testing.assert_array_equal(demos.state, np.stack([f.state for _, f in frames]))
    np.testing.assert_array_equal(demos.action, np.stack([f.action for _, f in frames]).astype(np.float32))
    np.testing.assert_array_equal(demos.landmarks, np.stack([f.landmarks for _, f in frames]))
    assert demos.task == [f.task for _, f in frames] and demos.action.dtype == np.float32
    with pytest.raises(ValueError, match="no recorded episode has a frame"):
        to_demonstrations(iter(recorded[1:2]))


def test_a_work_dir_whose_dagger_rounds_were_recorded_under_other_conditions_is_refused_before_training(tmp_path):
    from typer.testing import CliRunner

    from robotstack.cli import app
    from robotstack.policies.pipeline import PipelineConfig, check_cached_rounds, round_conditions

    cfg = PipelineConfig(dagger_rounds=2, dagger_beta=0.3, dagger_episodes=100)
    work = tmp_path / "student-RingPlacement-v0"
    work.mkdir()
    (work / "dagger1.pkl").write_bytes(b"frames")
    (work / "dagger1.json").write_text(json.dumps(round_conditions(cfg, 0)))
    check_cached_rounds(cfg, work)  # the same conditions: resumed
    policy_led = replace(cfg, dagger_beta=0.0)
    with pytest.raises(ValueError, match="DAgger round 1 recorded with .*'expert_share': 0.3.* asks for .*'expert_share': 0.0"):
        check_cached_rounds(policy_led, work)
    with pytest.raises(ValueError, match="'episodes': 50"):
        check_cached_rounds(replace(cfg, dagger_episodes=50), work)
    (work / "dagger1.json").unlink()  # cached before conditions were kept: reused as it is
    check_cached_rounds(policy_led, work)
    (work / "dagger1.json").write_text(json.dumps(round_conditions(cfg, 0)))
    result = CliRunner().invoke(app, ["train", "student", "--task", "ring", "--demos", "2", "--steps", "1",
                                      "--dagger-rounds", "2", "--dagger-beta", "0", "--work-dir", str(tmp_path),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "--work-dir" in result.output and "dagger1" in result.output
    assert not (work / "demos.pkl").exists()  # refused before recording anything


def test_train_all_checks_every_tasks_configuration_before_training_any(tmp_path):
    """--task all trains each task in turn with the same options; a problem with the last task's run (here a work
    dir holding a round of another episode count) is a usage error before the first task records anything."""
    from typer.testing import CliRunner

    from robotstack.cli import app
    from robotstack.policies.pipeline import PipelineConfig, round_conditions
    from robotstack.sim import TASKS

    last = tmp_path / f"student-{list(TASKS)[-1].split('/')[-1]}"
    last.mkdir()
    (last / "dagger1.pkl").write_bytes(b"frames")
    (last / "dagger1.json").write_text(json.dumps(round_conditions(PipelineConfig(dagger_rounds=1, dagger_episodes=7), 0)))
    result = CliRunner().invoke(app, ["train", "student", "--task", "all", "--demos", "1", "--steps", "1",
                                      "--dagger-rounds", "1", "--work-dir", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--work-dir" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [last.name]  # no other task's work dir was started
    unknown = CliRunner().invoke(app, ["train", "student", "--task", "every"])
    assert unknown.exit_code == 2 and "or 'all'" in unknown.output


def test_phrasings_cover_every_template():
    assert len(phrasings("put the red ring on the blue peg")) == 3
    assert "insert the plug into the socket" in phrasings("plug the cable into the socket")


def test_collect_train_export_run(tmp_path):
    env = make_env("ring", image_size=TINY.image_size)
    episode = record_episode(env, seed=123, noise=0.1)
    assert episode.success and all(f.task == episode.instruction for f in episode.frames)
    frames = episode.frames
    # The expert's landmarks: the grasp point is where the hand is when the fingers first close on the ring.
    first_close = next(f for f in frames if f.action[4] > 0)  # CLOSE = +1
    assert first_close.landmarks.shape == (LANDMARK_DIM,) and np.linalg.norm(first_close.landmarks[:3]) < 0.015
    assert np.linalg.norm(frames[0].landmarks[:3]) > 0.05  # far from it at the start
    # The goal from the hand names one fixed point, the peg's top, wherever the hand is.
    tops = np.stack([f.landmarks[6:9] + f.state[STATE_EE_POS] for f in frames])
    assert np.ptp(tops, axis=0).max() < 1e-5 and np.ptp([f.state[STATE_EE_POS] for f in frames], axis=0).max() > 0.05
    demos = Demonstrations(
        images={c: np.stack([f.images[c] for f in frames]) for c in TINY.cameras},
        state=np.stack([f.state for f in frames]),
        action=np.stack([f.action for f in frames]).astype(np.float32),
        episode=np.zeros(len(frames), dtype=int),
        task=[f.task for f in frames],
        landmarks=np.stack([f.landmarks for f in frames]),
    )
    policy = VisuomotorPolicy(TINY)
    older = replace(demos, landmarks=demos.landmarks[:, :9])  # recorded before the turn landmarks
    with pytest.raises(ValueError, match="carry 9 expert landmarks per frame; this network learns 11.*record them again"):
        train(policy, older, TrainConfig(steps=1, batch_size=8), log=lambda s: None)
    before = [p.detach().clone() for p in policy.parameters()]
    checkpoint = tmp_path / "tiny.ckpt"
    train(policy, demos, TrainConfig(steps=20, batch_size=8, checkpoint_every=10), checkpoint, log=lambda s: None)
    assert checkpoint.exists()
    assert any(not torch.equal(a, b) for a, b in zip(before, policy.parameters()))
    np.testing.assert_allclose(policy.state_mean.numpy(), demos.state.mean(axis=0), rtol=1e-5, atol=1e-6)
    # Resuming at the final step changes nothing.
    again = VisuomotorPolicy(TINY)
    train(again, demos, TrainConfig(steps=20, batch_size=8), checkpoint, log=lambda s: None)
    for a, b in zip(policy.parameters(), again.parameters()):
        torch.testing.assert_close(a, b)
    path = export_policy(policy, tmp_path / "tiny.onnx", control_hz=20.0)
    runtime = OnnxPolicy(path)
    frame = frames[0]
    actions = runtime(frame.images, frame.state, np.ones(384, dtype=np.float32) / np.sqrt(384))
    assert actions.shape == (TINY.chunk, 5) and np.all(np.abs(actions) <= 1.0)


def test_pipeline_end_to_end_resumes_and_reports(tmp_path):
    from robotstack.policies.pipeline import PipelineConfig, run

    cfg = PipelineConfig(task="robotstack/RingPlacement-v0", demos=2, steps=4, dagger_rounds=1, dagger_episodes=1,
                         dagger_steps=2, eval_episodes=1, workers=1, film_layers=4, teacher="student")
    summary = run(cfg, tmp_path / "work", tmp_path / "out", log=lambda s: None)
    # Distilled from the shipped ring student: its chunks on every frame, the demonstrations' and the round's.
    demos = pickle.loads((tmp_path / "work" / "demos.pkl").read_bytes())
    labels = list((tmp_path / "work").glob("teacher-*.npy"))
    assert sorted(p.name.split("-")[-1] for p in labels) == ["dagger1.npy", "demos.npy"]
    assert np.load(next(p for p in labels if p.name.endswith("demos.npy"))).shape == (len(demos), 8, 5)
    assert summary["config"]["teacher"] == "student" and len(summary["teacher"]["sha256"]) == 64
    # Every conv layer conditioned: the trained, exported and quantized network is the one asked for.
    assert summary["architecture"]["film_layers"] == 4
    assert set(summary["files"]) == {"student-ring", "student-ring-int8", "student-ring-fp16"}
    for entry in summary["files"].values():
        assert (tmp_path / "out" / entry["file"]).is_file() and len(entry["sha256"]) == 64
        assert entry["eval"]["episodes"] == 1
    assert (tmp_path / "work" / "demos.pkl").exists() and (tmp_path / "work" / "dagger1.pkl").exists()
    assert json.loads((tmp_path / "work" / "dagger1.json").read_text()) == {"expert_share": 0.0, "episodes": 1,
                                                                              "mode": "sync"}


def test_training_wall_time_counts_an_interrupted_invocation_up_to_its_last_checkpoint(tmp_path, monkeypatch):
    from robotstack.policies import pipeline

    now = [100.0]
    monkeypatch.setattr(pipeline.time, "perf_counter", lambda: now[0])
    first = pipeline.WallClock(tmp_path)  # an invocation that checkpoints twice, then is stopped
    now[0] += 60.0
    first.mark()
    now[0] += 30.0
    assert first.mark() == pytest.approx(90.0)
    now[0] += 500.0  # the time after its last checkpoint is lost with it
    resumed = pipeline.WallClock(tmp_path)
    now[0] += 10.0
    assert resumed.mark() == pytest.approx(100.0)
    assert json.loads((tmp_path / "wall_s.json").read_text()) == {"wall_s": pytest.approx(100.0)}


def test_a_policy_shape_that_cannot_be_built_is_refused_naming_what_fits():
    from typer.testing import CliRunner

    from robotstack.cli import app

    with pytest.raises(ValueError, match="film_layers=3; accepted: 0 to 2"):
        PolicyConfig("tiny", channels=(8, 8), strides=(2, 2), film_layers=3)
    with pytest.raises(ValueError, match="2 conv channels but 1 strides"):
        PolicyConfig("tiny", channels=(8, 8), strides=(2,), film_layers=1)
    refused = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["train", "student", "--film-layers", "5"])
    assert refused.exit_code != 0 and "film_layers=5; accepted: 0 to 4" in refused.output
    # The compact network has 3 conv layers: a depth that fits the student does not fit it, and names are checked.
    refused = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["train", "student", "--arch", "compact",
                                                             "--film-layers", "4"])
    assert refused.exit_code != 0 and "film_layers=4; accepted: 0 to 3" in refused.output
    refused = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["train", "student", "--arch", "tiny"])
    assert refused.exit_code != 0 and "'tiny'; accepted: student, compact, mobile, teacher" in refused.output
    refused = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["train", "student", "--landmark-loss", "l2"])
    assert refused.exit_code != 0 and "'l2'; accepted: smooth-l1, l1-cm" in refused.output
    # A skill picks among the language task's instructions; another task, or an unknown skill, is refused.
    refused = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["train", "student", "--task", "cable",
                                                             "--skill", "plug_cable", "--work-dir", "/nonexistent"])
    assert refused.exit_code != 0 and "has one skill: leave --skill out" in refused.output
    refused = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["train", "student", "--task", "language",
                                                             "--skill", "plug", "--work-dir", "/nonexistent"])
    assert refused.exit_code != 0 and "'plug'; accepted: place_ring, plug_cable" in refused.output


def test_a_training_device_the_machine_lacks_is_refused_before_anything_is_recorded():
    from typer.testing import CliRunner

    from robotstack.cli import app
    from robotstack.policies.train import check_device

    check_device("cpu")
    with pytest.raises(ValueError, match="'tpu'.*accepted: cpu, cuda, cuda:N"):
        check_device("tpu")
    with pytest.raises(ValueError, match="'gpu please' is not a torch device; accepted: cpu, cuda, cuda:N"):
        TrainConfig(device="gpu please")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="sees no CUDA GPU on this machine; accepted: cpu"):
            check_device("cuda")
        refused = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["train", "student", "--device", "cuda"])
        assert refused.exit_code != 0 and "sees no CUDA GPU on this machine" in refused.output
    else:
        with pytest.raises(ValueError, match="CUDA GPU"):
            check_device(f"cuda:{torch.cuda.device_count()}")


def test_landmark_losses_read_the_head_in_10_cm_units_and_weigh_millimetres_as_named():
    from robotstack.policies.train import LANDMARK_LOSSES, LANDMARK_SCALE_M

    with pytest.raises(ValueError, match="landmark_loss='l2'; accepted: smooth-l1, l1-cm"):
        TrainConfig(landmark_loss="l2")

    truth_m = torch.full((4, 6), 0.05)
    exact = truth_m / LANDMARK_SCALE_M  # the head's output for the true landmarks
    for loss in LANDMARK_LOSSES.values():
        assert float(loss(exact, truth_m)) == 0.0
    off_2mm = (exact + 0.002 / LANDMARK_SCALE_M).requires_grad_()
    l1 = LANDMARK_LOSSES["l1-cm"](off_2mm, truth_m)
    assert np.isclose(float(l1.detach()), 0.2)  # 2 mm = 0.2 cm
    (l1_grad,) = torch.autograd.grad(l1, off_2mm)
    smooth = LANDMARK_LOSSES["smooth-l1"](off_2mm, truth_m)
    (smooth_grad,) = torch.autograd.grad(smooth, off_2mm)
    # Quadratic below 10 cm: at 2 mm its pull is 1/500 of the centimetre L1's.
    assert np.isclose(float(l1_grad[0, 0] / smooth_grad[0, 0]), 500.0, rtol=1e-4)


def test_a_network_built_without_joint_velocities_ignores_them_in_torch_and_in_its_onnx_file(tmp_path):
    from robotstack.policy import STATE_JOINT_VELOCITIES

    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    images = {c: rng.integers(0, 256, (1, 24, 24, 3), dtype=np.uint8) for c in TINY.cameras}
    state, text = rng.normal(size=(1, 22)).astype(np.float32), np.eye(384, dtype=np.float32)[:1]
    moving = state.copy()
    moving[:, STATE_JOINT_VELOCITIES] += 1.0
    for sees, policy in ((True, VisuomotorPolicy(TINY)), (False, VisuomotorPolicy(replace(TINY, joint_velocities=False)))):
        policy.set_state_stats(torch.zeros(22), torch.ones(22))
        with torch.no_grad():
            still, moved = (policy({c: torch.from_numpy(v) for c, v in images.items()}, torch.from_numpy(s),
                                   torch.from_numpy(text)).numpy() for s in (state, moving))
        assert (not np.allclose(still, moved)) == sees
        # The old checkpoints, from before the option, hold no mask: they load into either.
        assert "state_mask" not in policy.state_dict()
        if not sees:
            path = tmp_path / "blind.onnx"
            export_policy(policy.eval(), path, control_hz=20.0)
            runtime = OnnxPolicy(path)
            frames = {c: v[0] for c, v in images.items()}
            np.testing.assert_allclose(runtime(frames, moving[0], text[0]), still[0], atol=1e-5)


def test_a_wrist_ray_policy_sees_through_the_simulators_wrist_camera_trains_and_exports(tmp_path):
    import math
    from robotstack.policies.pipeline import to_demonstrations

    env = make_env("cable", image_size=TINY.image_size)
    episode = record_episode(env, seed=4_000_000)
    demos = to_demonstrations([episode])
    with pytest.raises(ValueError, match="goal_ray is a second point of the wrist ray; it needs wrist_ray=True"):
        replace(TINY, goal_ray=True)
    with pytest.raises(ValueError, match="held_ray is a third point of the wrist ray; it needs goal_ray=True"):
        replace(TINY, wrist_ray=True, held_ray=True)
    policy = VisuomotorPolicy(replace(TINY, wrist_ray=True, goal_ray=True, held_ray=True))
    with pytest.raises(ValueError, match="camera mount"):
        train(policy, demos, TrainConfig(steps=1, batch_size=4), log=lambda s: None)
    policy.wrist_ray.set_mount(*env.unwrapped.wrist_camera_mount())
    # Where the ray says the hand's own grip is, against the simulator's wrist camera, at the last frame.
    data, model = env.unwrapped.data, env.unwrapped.model
    camera = model.camera("wrist").id
    point = episode.frames[-1].landmarks[:3] + episode.frames[-1].state[STATE_EE_POS]
    obs_state = env.unwrapped._state()
    local = data.cam_xmat[camera].reshape(3, 3).T @ (point - data.cam_xpos[camera])
    focal = 1 / math.tan(math.radians(model.cam_fovy[camera]) / 2)
    image, depth = policy.wrist_ray.project(torch.from_numpy(obs_state[None]), torch.tensor(point[None]).float())
    np.testing.assert_allclose(image[0].numpy(), focal * local[:2] / -local[2], atol=1e-4)
    np.testing.assert_allclose(float(depth[0]), -local[2], atol=1e-5)
    policy.wrist_ray.set_plane(float(point[2]))  # and back, onto the point's own height
    back = policy.wrist_ray.unproject(torch.from_numpy(obs_state[None]), image)
    np.testing.assert_allclose(back[0].numpy(), point, atol=1e-4)
    # The held point's plane rides with the hand: the pin tip of a frame that holds the plug, seen where it appears,
    # comes back from its height below the hand wherever the hand is.
    held = next(f for f in episode.frames if 0.005 < f.state[STATE_GRIPPER_OPENING] < 0.04)
    state = torch.from_numpy(held.state[None])
    tip = held.state[STATE_EE_POS] + held.landmarks[6:9] - held.landmarks[3:6]
    policy.wrist_ray.set_plane(float(tip[2] - held.state[STATE_EE_POS][2]), 2)
    image, _ = policy.wrist_ray.project(state, torch.tensor(tip[None]).float())
    np.testing.assert_allclose(policy.wrist_ray.unproject(state, image, 2)[0].numpy(), tip, atol=1e-4)
    raised = state.clone()
    raised[:, STATE_EE_POS.start + 2] += 0.1
    image, _ = policy.wrist_ray.project(raised, torch.tensor(tip[None]).float() + torch.tensor([0.0, 0.0, 0.1]))
    np.testing.assert_allclose(policy.wrist_ray.unproject(raised, image, 2)[0].numpy(), tip + [0, 0, 0.1], atol=1e-4)
    # Training sets the height grasp points rest at (the dock's grip: about 5 cm) and the goal's (the socket's
    # mouth), and learns.
    policy.wrist_ray.set_plane(0.0)
    train(policy, demos, TrainConfig(steps=5, batch_size=8), log=lambda s: None)
    mouth_z = env.unwrapped.privileged_state()["socket"]["mouth_z"]
    assert 0.03 < float(policy.wrist_ray.plane_z[0]) < 0.08
    assert abs(float(policy.wrist_ray.plane_z[1]) - mouth_z) < 1e-4
    assert -0.06 < float(policy.wrist_ray.plane_z[2]) < -0.035  # the pin tip, about 5 cm below the hand
    opened = demos.state.copy()
    opened[:, STATE_GRIPPER_OPENING] = 0.08
    with pytest.raises(ValueError, match="needs demonstrations that hold an object"):
        wrist_ray_plane(replace(demos, state=opened), 2)
    path = export_policy(policy, tmp_path / "ray.onnx", control_hz=20.0)
    frame = episode.frames[10]
    text = np.full(384, 1 / np.sqrt(384), dtype=np.float32)
    with torch.no_grad():
        expected = policy({c: torch.from_numpy(v[None]) for c, v in frame.images.items()},
                          torch.from_numpy(frame.state[None]), torch.from_numpy(text[None]))[0].numpy()
    np.testing.assert_allclose(OnnxPolicy(path)(frame.images, frame.state, text), expected, atol=1e-5)
    env.close()


def test_export_turns_a_checkpoint_into_the_policy_it_holds_and_refuses_what_is_not_one(tmp_path):
    from typer.testing import CliRunner

    from robotstack.cli import app
    from robotstack.policies.train import save_checkpoint

    torch.manual_seed(0)
    cfg = replace(PolicyConfig("tiny", image_size=32, channels=(8, 16), strides=(2, 2), hidden=32, chunk=4),
                  grounded=True)
    policy = VisuomotorPolicy(cfg).eval()
    ckpt = tmp_path / "dagger3.ckpt"
    save_checkpoint(ckpt, policy, torch.optim.AdamW(policy.parameters()), step=7)
    runner = CliRunner(env={"COLUMNS": "200"})
    out = tmp_path / "exported.onnx"
    result = runner.invoke(app, ["export", "--checkpoint", str(ckpt), "--task", "language", "--out", str(out)])
    assert result.exit_code == 0, result.output
    runtime = OnnxPolicy(out)
    rng = np.random.default_rng(0)
    images = {c: rng.integers(0, 256, (32, 32, 3), dtype=np.uint8) for c in cfg.cameras}
    state, text = rng.normal(size=22).astype(np.float32), np.eye(384, dtype=np.float32)[0]
    with torch.no_grad():
        expected = policy({c: torch.from_numpy(v[None]) for c, v in images.items()}, torch.from_numpy(state[None]),
                          torch.from_numpy(text[None]))[0].numpy()
    np.testing.assert_allclose(runtime(images, state, text), expected, atol=1e-5)
    assert runtime.spec.control_hz == 20.0
    for bad, says in ((tmp_path / "missing.ckpt", "no such checkpoint"), (out, "not a robotstack training checkpoint")):
        refused = runner.invoke(app, ["export", "--checkpoint", str(bad), "--task", "language", "--out",
                                      str(tmp_path / "x.onnx")])
        assert refused.exit_code != 0 and says in refused.output, refused.output
    assert not (tmp_path / "x.onnx").exists()


def test_train_from_a_collected_lerobot_dataset(tmp_path):
    from typer.testing import CliRunner

    from robotstack.cli import app
    from robotstack.policies.pipeline import PipelineConfig, run

    runner = CliRunner(env={"COLUMNS": "200"})
    data = tmp_path / "ring"
    result = runner.invoke(app, ["collect", "--task", "ring", "--episodes", "2", "--out", str(data)])
    assert result.exit_code == 0, result.output
    cfg = PipelineConfig(task="robotstack/RingPlacement-v0", steps=3, dagger_rounds=0, eval_episodes=1,
                         dataset=str(data), workers=1)
    summary = run(cfg, tmp_path / "work", tmp_path / "out", log=lambda s: None)
    assert summary["frames"] > 50 and not (tmp_path / "work" / "demos.pkl").exists()
    # A dataset at the wrong resolution is refused before any training, naming what is accepted.
    small = tmp_path / "small"
    assert runner.invoke(app, ["collect", "--episodes", "1", "--image-size", "32", "--out", str(small)]).exit_code == 0
    refused = runner.invoke(app, ["train", "student", "--dataset", str(small), "--work-dir", str(tmp_path / "w2")])
    assert refused.exit_code != 0 and "96x96" in refused.output and "--image-size 96" in refused.output


def test_parallel_recording_does_not_depend_on_the_split():
    from robotstack.policies.parallel import RecordJob, record_parallel

    job = RecordJob("robotstack/RingPlacement-v0", image_size=TINY.image_size, noise=0.2)
    seeds = [501, 502, 503]
    alone = list(record_parallel(job, seeds, workers=1))
    pooled = list(record_parallel(job, seeds, workers=2))
    assert [e.seed for e in pooled] == seeds
    for a, b in zip(alone, pooled):
        assert len(a.frames) == len(b.frames) and a.success == b.success
        np.testing.assert_array_equal(a.frames[-1].state, b.frames[-1].state)
        np.testing.assert_array_equal(a.frames[-1].images["wrist"], b.frames[-1].images["wrist"])
