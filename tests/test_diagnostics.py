"""The diagnostic benchmarks that explain a student's failures read what they claim to read."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import torch

from robotstack.policies.export import export_policy
from robotstack.policies.model import LANDMARK_DIM, PolicyConfig, VisuomotorPolicy
from robotstack.policies.train import Demonstrations
from robotstack.policy import STATE_EE_POS, STATE_GRIPPER_OPENING

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _benchmark(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_keypoint_taps_read_each_cameras_spatial_softmax(tmp_path):
    keypoints = _benchmark("keypoints")
    cfg = PolicyConfig("tiny", image_size=32, channels=(8, 16), strides=(2, 2), hidden=32, chunk=4)
    torch.manual_seed(0)
    path = tmp_path / "tiny.onnx"
    export_policy(VisuomotorPolicy(cfg).eval(), path, control_hz=20.0)
    session, spec, taps = keypoints.keypoint_session(path)
    assert sorted(taps) == ["front", "wrist"] and spec.image_size == 32
    rng = np.random.default_rng(0)
    feed = {f"image_{c}": rng.integers(0, 256, (1, 32, 32, 3), dtype=np.uint8) for c in cfg.cameras}
    feed.update(state=np.zeros((1, 22), np.float32), instruction_embedding=np.zeros((1, 384), np.float32))
    attention, points = session.run(list(taps["wrist"]), feed)
    assert attention.shape == (1, 16, 64) and np.allclose(attention.sum(axis=-1), 1.0, atol=1e-5)
    assert points.shape == (1, 16, 2) and np.all(np.abs(points) <= 1.0)
    # In an ensemble each member's keypoints are read on their own, not one member's attention beside another's points.
    from robotstack.policies.ensemble import ensemble_policies

    torch.manual_seed(1)
    other = export_policy(VisuomotorPolicy(cfg).eval(), tmp_path / "other.onnx", control_hz=20.0)
    _, _, joined = keypoints.keypoint_session(ensemble_policies([path, other], tmp_path / "pair.onnx"))
    assert sorted(joined) == ["m0/front", "m0/wrist", "m1/front", "m1/wrist"]
    assert all(name.startswith(key.split("/")[0] + "/") for key, pair in joined.items() for name in pair)


def _episode(opening: list[float], goal_height: list[float], episode: int) -> Demonstrations:
    n = len(opening)
    state = np.zeros((n, 22), np.float32)
    state[:, STATE_GRIPPER_OPENING] = opening
    landmarks = np.zeros((n, LANDMARK_DIM), np.float32)
    landmarks[:, 3] = 0.01  # 1 cm from the goal in the table plane
    landmarks[:, 5] = goal_height
    return Demonstrations(images={"front": np.zeros((n, 2, 2, 3), np.uint8)}, state=state,
                          action=np.zeros((n, 5), np.float32), episode=np.full(n, episode), task=["x"] * n,
                          landmarks=landmarks)


def test_rollout_phases_tell_stranded_from_placed_and_missed():
    rollouts = _benchmark("rollouts")
    open_, holding, empty = 0.08, 0.02, 0.001
    stranded = _episode([open_] * 5 + [holding] * 15, [-0.05] * 20, 0)  # held to the end, 5 cm above the goal
    placed = _episode([open_] * 5 + [holding] * 15, [-0.05] * 10 + [0.01] * 10, 1)  # ends at the goal
    missed = _episode([open_] * 5 + [empty] * 15, [-0.05] * 20, 2)  # closed on nothing
    dropped = _episode([open_] * 5 + [holding] * 10 + [open_] * 5, [-0.05] * 10 + [0.08] * 10, 3)
    dropped.landmarks[10:, 3] = 0.05  # let go 5 cm off the goal: the object fell to the table beside it
    frames = stranded
    for other in (placed, missed, dropped):
        frames.extend(other)
    n, held, closed_on_nothing, closest, ended_above, let_go = rollouts.round_row(frames)
    assert (n, held, closed_on_nothing) == (4, 3, 1)
    assert np.allclose(let_go, [0.05])
    assert ended_above.shape == (1, 2) and np.allclose(ended_above[0], [0.01, 0.05])
    # The last STRANDED_FRAMES (30) frames of the stranded episode: here all 20 of it, and nothing of the others.
    assert rollouts.stranded_rows(frames).tolist() == list(range(20))
    # Where each episode's hand first closed (frame index into the round; -1: it never closed).
    never = _episode([open_] * 5, [-0.05] * 5, 4)
    frames.extend(never)
    assert rollouts.first_closes(frames).tolist() == [5, 25, 45, 65, -1]


def _ring_step(ring_xy, ring_z, tilt_deg=0.0, held=False) -> dict:
    """The simulator's info for one step of a ring episode (peg at the origin), as benchmarks/failures.py reads it."""
    from robotstack.sim.entities import RING_RADIUS, RING_TUBE

    angle = np.radians(tilt_deg)
    ring = {"pos": np.array([*ring_xy, ring_z]), "z_axis": np.array([np.sin(angle), 0.0, np.cos(angle)])}
    # Holding: the hand on the rim at the ring's height, closed on the 14 mm tube; else far above, open.
    ee = np.array([ring_xy[0] + RING_RADIUS, ring_xy[1], ring_z]) if held else np.array([0.3, 0.3, 0.3])
    return {"privileged": {"rings": {"red": ring}, "pegs": {"blue": {"pos": np.zeros(3)}}, "ee_pos": ee,
                           "gripper_opening": 2 * RING_TUBE if held else 0.08}}


def _tracer(trace_type):
    """A function from a list of steps to the benchmark's trace of them."""
    def trace(steps) -> object:
        t = trace_type()
        for step in steps:
            t.add(step)
        return t
    return trace


def test_failure_classes_tell_a_ring_let_go_beside_the_peg_from_one_caught_on_it():
    trace = _tracer(_benchmark("failures").RingTrace)

    on_table = _ring_step((0.2, 0.0), 0.007)
    assert trace([on_table] * 5).outcome(success=False) == "never lifted"
    carried = [_ring_step((0.1, 0.0), 0.12, held=True), _ring_step((0.01, 0.0), 0.11, held=True)]
    beside = trace([on_table, *carried, _ring_step((0.06, 0.0), 0.007)])
    assert beside.outcome(success=False) == "let go beside the peg"
    assert beside.closest_while_lifted() == np.float64(0.01) and beside.grasps() == 1
    caught = trace([on_table, *carried, _ring_step((0.005, 0.0), 0.062, tilt_deg=70)])
    assert caught.outcome(success=False) == "caught on the peg" and np.degrees(caught.tilt) == np.float64(70.0).round()
    assert trace([on_table, *carried]).outcome(success=False) == "held at the end"
    retried = trace([on_table, *carried, on_table, *carried, on_table])
    assert retried.grasps() == 2 and retried.outcome(success=True) == "success"


def _cable_step(ee, opening, plug_xyz=(0.0, 0.0, 0.05), plug_yaw=0.0) -> dict:
    """The simulator's info for one step of a cable episode, as benchmarks/failures.py reads it: the socket's mouth
    at (0.3, 0, 0.02), the cable's anchor at (-0.2, 0), the plug upright (its tip 35 mm below its top)."""
    plug_pos = np.array(plug_xyz, dtype=float)
    plug = {"pos": plug_pos, "tip": plug_pos - [0.0, 0.0, 0.035], "grasp": plug_pos - [0.0, 0.0, 0.01],
            "yaw": plug_yaw, "z_axis": np.array([0.0, 0.0, 1.0])}
    socket = {"pos": np.array([0.3, 0.0, 0.0]), "mouth_z": 0.02, "yaw": 0.0}
    return {"privileged": {"plug": plug, "socket": socket, "anchor": np.array([-0.2, 0.0, 0.07]),
                           "ee_pos": np.array(ee, dtype=float), "gripper_opening": opening}}


def test_cable_failure_classes_tell_where_the_hand_closed_and_how_the_plug_was_lost():
    failures = _benchmark("failures")
    trace = _tracer(failures.CableTrace)

    grip = 0.022  # the closed fingers on the plug's grip
    reach = [_cable_step((0.0, 0.2, 0.16), 0.08)] * 3  # open, high over the table
    over_anchor = _cable_step((-0.2, 0.01, 0.08), 0.0)
    assert trace([*reach, over_anchor]).outcome(success=False) == "closed on the anchor post"
    assert trace([*reach, _cable_step((0.0, 0.0, 0.08), 0.0)]).outcome(success=False) == "closed high over the plug"
    beside = _cable_step((0.015, 0.0, 0.046), 0.0)  # low, 15 mm off the grip: closed on nothing
    assert trace([*reach, beside]).outcome(success=False) == "closed at the plug, missed it"
    assert trace([*reach, _cable_step((0.1, 0.1, 0.05), 0.0)]).outcome(success=False) == "closed elsewhere"
    assert trace(reach).outcome(success=False) == "never closed"
    # Held, carried over the socket, then pushed onto its mouth: the fingers slide down the grip and off it.
    held = [_cable_step((0.0, 0.0, 0.046), grip), _cable_step((0.3, 0.001, 0.066), grip, (0.3, 0.001, 0.07))]
    on_mouth = _cable_step((0.3, 0.003, 0.052), grip, (0.3, 0.003, 0.056), plug_yaw=0.05)  # the pin 1 mm over it
    slid = trace([*reach, *held, on_mouth, _cable_step((0.3, 0.001, 0.03), grip, (0.3, 0.001, 0.056))])
    assert slid.outcome(success=False) == "held it, then lost it"
    assert not slid.lost_by_opening and slid.lost_offset < failures.LOST_NEAR_SOCKET
    assert np.isclose(slid.mouth_offset, 0.003) and np.isclose(slid.mouth_yaw_error, -0.05)  # where it first met it
    opened = trace([*reach, *held, _cable_step((0.3, 0.001, 0.066), 0.06, (0.3, 0.001, 0.07))])
    assert opened.outcome(success=False) == "held it, then lost it" and opened.lost_by_opening
    turned = trace([*reach, *held, _cable_step((0.303, 0.0, 0.066), grip, (0.303, 0.0, 0.07), plug_yaw=0.3)])
    assert turned.outcome(success=False) == "held at the end" and turned.first_close == "plug"
    assert np.isclose(turned.end_offset, 0.003) and np.isclose(turned.end_yaw_error, -0.3)
    assert np.isclose(turned.end_height, 0.015)
    rows = dict(failures.CableTrace.extra_rows({"p": {"held at the end": [turned], "held it, then lost it": [slid]}}))
    assert rows["lost it: slipped from the closed fingers"] == ["1"]
    yaw_row = next(cells for label, cells in rows.items() if label.startswith("held at the end: yaw beyond"))
    assert yaw_row == ["1"]
    assert rows["at the mouth, the others: median pin offset from the socket axis"] == ["3.0 mm"]
    assert rows["at the mouth, seated episodes: median pin offset from the socket axis"] == ["–"]


def test_releases_tell_the_named_peg_from_another_and_a_held_ring_from_none():
    """Three language episodes of DAgger round 1: the named ring let go at the other peg, at its own peg, never held."""
    from robotstack.policies.pipeline import dagger_seeds
    from robotstack.sim import make_env

    rollouts = _benchmark("rollouts")
    env = make_env("language", image_size=32)
    open_, holding = 0.08, 0.02
    episodes = []
    for i, (seed, where) in enumerate(zip(dagger_seeds(0, 3), ("other peg", "its peg", "never held"))):
        _, info = env.reset(seed=seed)
        pegs = {color: pose["pos"][:2] for color, pose in info["privileged"]["pegs"].items()}
        ring = next(iter(info["privileged"]["rings"]))
        named, other = list(pegs)
        opening = [open_] * 5 + ([open_] * 15 if where == "never held" else [holding] * 12 + [open_] * 3)
        frames = _episode(opening, [-0.03] * 20, i)
        frames.task = [f"put the {ring} ring on the {named} peg"] * 20
        frames.landmarks[:, :2] = 0.0 if where != "never held" else 0.2  # the named ring's grasp point at the hand
        centre = pegs[other] if where == "other peg" else pegs[named] + 0.01
        frames.landmarks[:, 3:5] = pegs[named] - centre
        episodes.append(frames)
    frames = episodes[0]
    for other_episode in episodes[1:]:
        frames.extend(other_episode)
    row = rollouts.release_row(frames, round_number=1, task="language")
    assert (row["episodes"], row["named"], row["never"], row["other object"]) == (3, 2, 1, 0)
    assert (row["at another peg"], row["at its peg"], row["elsewhere"]) == (1, 1, [])


def test_perception_margin_moves_only_what_the_expert_is_told_it_misjudges():
    margin = _benchmark("perception_margin")
    from robotstack.sim import make_env

    env = make_env("ring", image_size=16)
    _, info = env.reset(seed=2_000_000)
    truth = info["privileged"]
    (ring_color,), (peg_color,) = truth["rings"], truth["pegs"]
    ring_before, peg_before = truth["rings"][ring_color]["pos"].copy(), truth["pegs"][peg_color]["pos"].copy()
    rng = np.random.default_rng(0)
    reaching = margin.MislocatingExpert(info, 0.01, 0.0, ("object",), rng).perceived(truth)
    moved = reaching["rings"][ring_color]["pos"] - ring_before
    assert np.linalg.norm(moved[:2]) > 0 and moved[2] == 0  # the ring is misplaced in the table plane only
    assert np.array_equal(reaching["pegs"][peg_color]["pos"], peg_before)
    assert np.array_equal(truth["rings"][ring_color]["pos"], ring_before)  # the simulator's own state is untouched
    # An error on the goal alone changes nothing while the hand is still reaching for the ring.
    goal_only = margin.MislocatingExpert(info, 0.01, 0.0, ("goal",), rng).perceived(truth)
    assert np.array_equal(goal_only["rings"][ring_color]["pos"], ring_before)
    assert np.array_equal(goal_only["pegs"][peg_color]["pos"], peg_before)


def test_perception_margin_without_error_is_the_expert():
    margin = _benchmark("perception_margin")
    assert margin._episode(("robotstack/CablePlugging-v0", 2_000_000, 0.0, 0.0, margin.ROLES))
    assert not margin._episode(("robotstack/CablePlugging-v0", 2_000_000, 0.02, 0.0, ("goal",)))


def test_localisation_errors_are_measured_per_phase_in_the_table_plane():
    localisation = _benchmark("localisation")
    truth = np.zeros((4, 6))
    truth[0, :3] = [0.02, 0.0, 0.0]  # reaching: grasp point 20 mm off
    truth[1, :3], truth[1, 3:5] = [0.005, 0.0, 0.0], [0.01, 0.0]  # held, goal 10 mm off
    truth[2, :3], truth[2, 3:5] = [0.005, 0.0, 0.0], [0.003, 0.0]  # held, goal 3 mm off
    truth[3, :3] = [0.2, 0.0, 0.0]  # far from everything: in no phase
    predicted = truth.copy()
    predicted[:, [0, 3]] += 0.003  # 3 mm along x on both landmarks
    predicted[:, 2] += 0.05  # a height error: not in the table-plane figures
    rows = localisation.phase_errors(predicted, truth)
    reaching, near, nearest = rows.values()
    assert (reaching["frames"], near["frames"], nearest["frames"]) == (1, 2, 1)
    assert np.isclose(reaching["x"], 3.0) and reaching["y"] == 0 and np.isclose(near["median"], 3.0)
    assert nearest["within"] == 0.0 and np.isclose(nearest["p99"], 3.0)


def test_localisation_trains_on_landmarks_and_predicts_metres():
    localisation = _benchmark("localisation")
    rng = np.random.default_rng(0)
    n = 32
    demos = Demonstrations(images={c: rng.integers(0, 256, (n, 32, 32, 3), dtype=np.uint8) for c in ("front", "wrist")},
                           state=rng.normal(size=(n, 22)).astype(np.float32), action=np.zeros((n, 5), np.float32),
                           episode=np.zeros(n, dtype=np.int64), task=["plug the cable into the socket"] * n,
                           landmarks=rng.normal(0, 0.02, size=(n, LANDMARK_DIM)))
    for loss in localisation.LANDMARK_LOSSES:
        policy = localisation.train_localiser(demos, loss, steps=3, image_size=32, log=lambda _: None)
        predicted = localisation.predict(policy, demos)
        assert predicted.shape == (n, LANDMARK_DIM) and np.isfinite(predicted).all()
        assert policy.cfg.film_layers == 0


def test_misaimed_reaches_close_off_target_and_are_read_by_height(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # misaim.py builds on localisation.py, perception_margin.py, rollouts.py
    misaim = _benchmark("misaim")
    clean, clean_in_wrist = misaim.record_reaches("robotstack/CablePlugging-v0", [4_000_000], 0.0, image_size=16)
    off, _ = misaim.record_reaches("robotstack/CablePlugging-v0", [4_000_000], 0.03, image_size=16)
    for frames in (clean, off):  # each reach ends when the hand has closed
        assert frames.state[-1, STATE_GRIPPER_OPENING] < misaim.CLOSING_M < frames.state[0, STATE_GRIPPER_OPENING]
    # The landmarks are the truth: the clean expert closes over the grip, the misaimed one off it.
    assert np.linalg.norm(clean.landmarks[-1, :2]) < 0.005 < np.linalg.norm(off.landmarks[-1, :2])
    # Over the grip at the close, the wrist camera has it in front of it and in view, a few centimetres away.
    assert clean_in_wrist.shape == (len(clean), 3)
    assert (np.abs(clean_in_wrist[-1, :2]) < 1).all() and 0.02 < clean_in_wrist[-1, 2] < 0.2
    # Unprojecting the true image position onto the grasp point's own height gives back the grasp point.
    grasp = clean.landmarks[:, :3] + clean.state[:, STATE_EE_POS]
    seen = misaim.in_view(clean_in_wrist)
    camera = misaim.wrist_camera("robotstack/CablePlugging-v0", plane_z=0.0)
    back = []
    for k in np.flatnonzero(seen):
        camera.set_plane(float(grasp[k, 2]))
        back.append(camera.unproject(torch.from_numpy(clean.state[[k]]), torch.from_numpy(clean_in_wrist[[k], :2]))[0])
    np.testing.assert_allclose(torch.stack(back).numpy(), grasp[seen], atol=1e-4)
    image = misaim.as_image_targets(clean, clean_in_wrist)
    assert np.allclose(image.landmarks[:, :2] / 0.1, clean_in_wrist[:, :2]) and not image.landmarks[:, 2:].any()
    row = misaim.image_row(image.landmarks, clean_in_wrist, image_size=16)  # read exactly: no error
    assert row["frames"] == row["of"] and row["error"] == 0.0
    camera.set_plane(float(grasp[-1, 2]))
    read, truth = misaim.through_the_camera(image.landmarks, clean, clean_in_wrist, camera)
    assert len(read) == seen.sum() and np.linalg.norm(read[-1, :2] - truth[-1, :2]) < 1e-3
    # Withholding the joint velocities zeroes them, and only them.
    blind = misaim.without_state(clean, "velocity")
    assert not blind.state[:, 7:14].any() and np.array_equal(blind.state[:, 14:], clean.state[:, 14:])
    truth = np.zeros((3, 6))
    truth[:, :3] = [[0.01, 0.0, -0.01], [0.02, 0.0, -0.01], [0.3, 0.0, -0.01]]  # 10 mm up; the last far off
    predicted = truth.copy()
    predicted[:, 1] += 0.005
    (row,) = misaim.height_rows(predicted, truth)
    assert row["bin"] == "5-20" and row["frames"] == 2
    assert np.isclose(row["offset"], 15.0) and np.isclose(row["error"], 5.0) and np.isclose(row["ratio"], 1 / 3)


def test_rollouts_reads_a_held_ray_checkpoints_grasp_goal_and_held_offsets_from_its_ray(tmp_path):
    from dataclasses import replace

    from robotstack.policies.collect import record_episode
    from robotstack.policies.pipeline import to_demonstrations
    from robotstack.policies.text_encoder import embed
    from robotstack.policies.train import save_checkpoint
    from robotstack.sim import make_env

    rollouts = _benchmark("rollouts")
    env = make_env("cable", image_size=24)
    frames = to_demonstrations([record_episode(env, seed=4_000_001)])
    torch.manual_seed(0)
    policy = VisuomotorPolicy(replace(PolicyConfig("tiny", image_size=24, channels=(8, 8), strides=(2, 2), hidden=32,
                                                   chunk=3), wrist_ray=True, goal_ray=True, held_ray=True))
    policy.wrist_ray.set_mount(*env.unwrapped.wrist_camera_mount())
    policy.wrist_ray.set_plane(0.05, 0)
    policy.wrist_ray.set_plane(0.02, 1)
    policy.wrist_ray.set_plane(-0.048, 2)
    checkpoint = tmp_path / "bc.ckpt"
    save_checkpoint(checkpoint, policy, torch.optim.AdamW(policy.parameters()), step=0)
    rows = np.arange(0, len(frames), 7)
    estimate, actions, rays = rollouts.acting_reading(checkpoint, frames, rows)
    assert estimate.shape == (len(rows), LANDMARK_DIM) and actions.shape == (len(rows), 5)
    assert rays.shape == (len(rows), 6)
    state = torch.from_numpy(frames.state[rows])
    with torch.no_grad():
        _, landmarks = policy.eval().forward_with_landmarks(
            {c: torch.from_numpy(frames.images[c][rows]) for c in policy.cfg.cameras}, state,
            torch.from_numpy(embed([frames.task[i] for i in rows])))
        grasp = policy.wrist_ray.offset_m(state, landmarks[:, LANDMARK_DIM:LANDMARK_DIM + 2], 0).numpy()
        goal = policy.wrist_ray.offset_m(state, landmarks[:, LANDMARK_DIM + 2:LANDMARK_DIM + 4], 1).numpy()
        held = policy.wrist_ray.offset_m(state, landmarks[:, LANDMARK_DIM + 4:], 2).numpy()
    # The rays' readings, not the landmark head's; each cut at its own height.
    np.testing.assert_allclose(estimate[:, :2], grasp, atol=1e-5)
    np.testing.assert_allclose(estimate[:, 6:8], goal, atol=1e-5)
    assert not np.allclose(goal, policy.wrist_ray.offset_m(state, landmarks[:, LANDMARK_DIM + 2:LANDMARK_DIM + 4],
                                                           0).numpy())
    np.testing.assert_allclose(rays[:, 4:6], held, atol=1e-5)  # the held point's, cut below the hand
    np.testing.assert_allclose(estimate[:, 2:6], landmarks[:, 2:6].numpy() * 0.1, atol=1e-5)
    np.testing.assert_allclose(estimate[:, 8], landmarks[:, 8].numpy() * 0.1, atol=1e-5)
    env.close()


def test_image_use_counts_a_dead_layer_as_carrying_nothing_of_the_scene():
    from robotstack.policies.collect import Frame

    image_use = _benchmark("image_use")
    cfg = PolicyConfig("tiny", image_size=32, channels=(8, 16), strides=(2, 2), hidden=32, chunk=4)
    torch.manual_seed(0)
    policy = VisuomotorPolicy(cfg)
    rng = np.random.default_rng(0)
    frame = Frame({c: rng.integers(0, 256, (32, 32, 3), dtype=np.uint8) for c in cfg.cameras},
                  np.zeros(22, np.float32), np.zeros(5, np.float32), "put the ring on the peg", np.zeros(9, np.float32))
    alive = image_use.varying_channels(policy, frame)
    assert list(alive) == ["front 0", "front 1", "wrist 0", "wrist 1"] and alive["wrist 1"][0] > 0
    with torch.no_grad():  # every ReLU of the wrist camera's first layer below zero: a dead layer
        layer = policy.encoders["wrist"].layers[0].conv
        layer.weight.zero_()
        layer.bias.fill_(-1.0)
    dead = image_use.varying_channels(policy, frame)
    assert dead["wrist 0"] == (0, 8) and dead["wrist 1"][0] == 0  # nothing of the image reaches past it
    assert dead["front 1"] == alive["front 1"]


class _HoldStill:
    """A policy under test that keeps the hand closed where it is, and keeps the states it was shown."""

    class spec:  # noqa: N801 - the attribute OnnxPolicy exposes
        image_size = 24

    def __init__(self) -> None:
        self.states: list[np.ndarray] = []

    def __call__(self, images, state, text) -> np.ndarray:
        self.states.append(state.copy())
        return np.tile(np.array([0.0, 0.0, 0.0, 0.0, 1.0], dtype=np.float32), (8, 1))


def test_handover_lets_the_expert_lead_to_the_handover_point_and_the_policy_after_it():
    from robotstack.sim import make_env

    handover = _benchmark("handover")
    env = make_env("cable", image_size=_HoldStill.spec.image_size)
    for point in handover.HANDOVERS:
        still = _HoldStill()
        # The expert brought the plug up (grasp) or over the socket (goal); held still from there, it never seats.
        assert handover.run_handover(env, still, lambda phrase: np.zeros(384, np.float32), 7001, point) is False
        last = still.states[-1]
        assert abs(last[STATE_GRIPPER_OPENING] - 0.022) < 0.003 and last[STATE_EE_POS][2] > 0.06, point
    assert handover.handed_over("grasp", None, {}, handover.HELD_TICKS)
    assert not handover.handed_over("grasp", None, {}, handover.HELD_TICKS - 1)
    env.close()
