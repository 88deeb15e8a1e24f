"""Does the student's network measure where the object is from the hand, or read it off the expert's path?

    python benchmarks/misaim.py [--task cable] [--target offset|wrist-image] [--clean 100] [--misaimed 200] [--test 30]
                                [--steps 3000] [--sigma-mm 15] [--redraw TICKS] [--drop-state none|velocity|all]
                                [--seed 0]

`benchmarks/localisation.py` measures the network on the expert's own states, where the hand is where the expert
puts it, so the offset from the hand to the object follows from the phase of the reach. A student's own reach is
off by a centimetre or two; to correct it the network must measure that offset. Here the scripted expert reaches
for an object whose position carries a per-episode error (``perception_margin.MislocatingExpert``, the object
role: each table axis ~ N(0, sigma^2)), so the hand descends off target, and the frames (from the episode's start
until the hand first closes) are labelled with the *true* landmarks. The student network is trained on those
landmarks alone (``localisation.train_localiser``, ``l1-cm``) from clean and misaimed episodes, and measured on
unseen episodes of both kinds, by the hand's height above the grasp point (within 4 cm of it in the table
plane): the median true offset in the table plane, the median and p90 error of the network's reading of it,
and the error over the offset (about 1: the network reads nothing of it). Baseline in the same run: the clean episodes.
``--target wrist-image`` trains the same network on the grasp point's position in the wrist camera's image instead
(projected from the camera's pose) and says how many pixels off it reads that, against how far it moves; then
the offset that reading gives through the camera's geometry (the ray through the read pixel, cut at the grip's usual
height), in the same table as the offset target's. ``--redraw`` gives the misaimed training reaches a new error every
few ticks (many offsets per reach instead of one that the scene could stand for); ``--drop-state`` withholds the
joint velocities (which under the expert's proportional control point where it steers) or the whole state.
``--seed`` sets the training's seed (the recorded reaches stay the same), to tell a training that settles
differently from one seed to the next from one that is not reproducible.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import time

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from localisation import predict, train_localiser  # noqa: E402
from perception_margin import MislocatingExpert  # noqa: E402
from rollouts import CLOSING_M  # noqa: E402
from robotstack.policies.model import STUDENT, WristCamera  # noqa: E402
from robotstack.policies.train import LANDMARK_SCALE_M, Demonstrations  # noqa: E402
from robotstack.policy import STATE_EE_POS, STATE_JOINT_VELOCITIES  # noqa: E402
from robotstack.sim import ALIASES, make_env  # noqa: E402

SEED_BASE = 4_000_000  # apart from training (10 000..<100 000), evaluation (1 000 000..) and the other benchmarks
MAX_TICKS = 120
NEAR_M = 0.04  # only frames with the hand this close to the grasp point in the table plane: the last centimetres
HEIGHT_BINS_MM = ((-10, 5), (5, 20), (20, 40), (40, 60), (60, 100), (100, 250))


def wrist_image_position(env, point: np.ndarray) -> np.ndarray:
    """Where a world point appears in the wrist camera's image: (x right, y up) in [-1, 1] across the image's
    height, and its depth in front of the camera (m; negative: behind it)."""
    model, data = env.unwrapped.model, env.unwrapped.data
    camera = model.camera("wrist").id
    focal = 1.0 / math.tan(math.radians(model.cam_fovy[camera]) / 2)
    local = data.cam_xmat[camera].reshape(3, 3).T @ (point - data.cam_xpos[camera])  # the camera looks along -z
    return np.array([focal * local[0] / -local[2], focal * local[1] / -local[2], -local[2]], dtype=np.float32)


def wrist_camera(task: str, plane_z: float) -> WristCamera:
    """The wrist camera's geometry as a wrist-ray policy has it (``policies.model.WristCamera``), mounted as in
    ``task``'s scene, its rays cut at ``plane_z``."""
    env = make_env(task, image_size=16)
    env.reset(seed=SEED_BASE)
    camera = WristCamera()
    camera.set_mount(*env.unwrapped.wrist_camera_mount())
    camera.set_plane(plane_z)
    env.close()
    return camera


def record_reaches(task: str, seeds: list[int], sigma_m: float, image_size: int,
                   redraw: int = 0) -> tuple[Demonstrations, np.ndarray]:
    """Frames of each episode until the hand first closes, the expert steering by an object position off by an
    error of ``sigma_m`` per axis (0: the clean expert), drawn once per episode or, with ``redraw`` > 0, anew every
    ``redraw`` ticks; landmarks are the true ones. Also where the true grasp point is in each frame's wrist image
    (:func:`wrist_image_position`, (N, 3))."""
    env = make_env(task, image_size=image_size)
    images: dict[str, list[np.ndarray]] = {}
    state, landmarks, episode, phrases, in_wrist = [], [], [], [], []
    for n, seed in enumerate(seeds):
        obs, info = env.reset(seed=seed)
        errors = np.random.default_rng([seed, 7])
        actor = MislocatingExpert(info, sigma_m, 0.0, ("object",), errors)
        for tick in range(MAX_TICKS):
            if redraw and tick and tick % redraw == 0:
                actor.draw_errors(errors)
            truth = info["privileged"]
            for camera, image in obs["images"].items():
                images.setdefault(camera, []).append(image.copy())
            state.append(obs["state"].copy())
            landmarks.append(actor.expert.landmarks(truth).astype(np.float32))
            in_wrist.append(wrist_image_position(env, landmarks[-1][:3] + truth["ee_pos"]))
            episode.append(n)
            phrases.append(actor.expert.subtasks[0].phrase())
            if truth["gripper_opening"] < CLOSING_M:  # the reach is over
                break
            obs, _, terminated, truncated, info = env.step(actor(obs, info))
            if terminated or truncated:
                break
    env.close()
    frames = Demonstrations({c: np.stack(v) for c, v in images.items()}, np.stack(state),
                            np.zeros((len(state), 5), np.float32), np.array(episode), phrases, np.stack(landmarks))
    return frames, np.stack(in_wrist)


def as_image_targets(frames: Demonstrations, in_wrist: np.ndarray) -> Demonstrations:
    """``frames`` whose landmarks are the grasp point's wrist-image position (x, y in the first two columns, in
    ``LANDMARK_SCALE_M`` units so the head regresses them at its usual scale; the rest zero)."""
    targets = np.zeros_like(frames.landmarks)
    targets[:, :2] = in_wrist[:, :2] * LANDMARK_SCALE_M
    return dataclasses.replace(frames, landmarks=targets)


def without_state(frames: Demonstrations, drop: str) -> Demonstrations:
    """``frames`` with part of the state zeroed: ``velocity`` the joint velocities (under the expert's proportional
    control they point at where it steers, which on its own reaches is the grasp point), ``all`` the whole state,
    ``none`` nothing."""
    if drop == "none":
        return frames
    state = frames.state.copy()
    state[:, STATE_JOINT_VELOCITIES if drop == "velocity" else slice(None)] = 0.0
    return dataclasses.replace(frames, state=state)


def image_row(predicted: np.ndarray, in_wrist: np.ndarray, image_size: int) -> dict[str, float]:
    """How well the grasp point's wrist-image position is read (in pixels) where it is in view: median and p90
    error, its median distance from its median position (the spread to be read), and the correlation per axis."""
    seen = in_view(in_wrist)
    estimate, truth = predicted[seen, :2] / LANDMARK_SCALE_M, in_wrist[seen, :2]
    pixels = image_size / 2
    error = np.linalg.norm(estimate - truth, axis=1) * pixels
    spread = np.linalg.norm(truth - np.median(truth, axis=0), axis=1) * pixels
    return {"frames": int(seen.sum()), "of": len(seen), "error": float(np.median(error)),
            "p90": float(np.percentile(error, 90)), "spread": float(np.median(spread)),
            "corr": [float(np.corrcoef(estimate[:, k], truth[:, k])[0, 1]) for k in range(2)]}


def in_view(in_wrist: np.ndarray) -> np.ndarray:
    """Which frames have the grasp point in the wrist image, in front of the camera."""
    return (np.abs(in_wrist[:, :2]) < 1).all(axis=1) & (in_wrist[:, 2] > 0)


def through_the_camera(predicted: np.ndarray, frames: Demonstrations, in_wrist: np.ndarray,
                       camera: WristCamera) -> tuple[np.ndarray, np.ndarray]:
    """The grasp offsets read through the wrist camera, for the frames with the grasp point in view: the network's
    image position (``predicted``, as :func:`as_image_targets`) unprojected by ``camera`` from the hand's pose
    (``WristCamera.offset_m``, as a wrist-ray policy does); and the true landmarks of those frames (for
    :func:`height_rows`)."""
    seen = in_view(in_wrist)
    read = np.zeros((int(seen.sum()), 6))
    with torch.no_grad():
        read[:, :2] = camera.offset_m(torch.from_numpy(frames.state[seen]),
                                      torch.from_numpy(predicted[seen, :2] / LANDMARK_SCALE_M).float()).numpy()
    return read, frames.landmarks[seen]


def height_rows(predicted_m: np.ndarray, truth_m: np.ndarray) -> list[dict[str, float]]:
    """Per bin of the hand's height above the grasp point (:data:`HEIGHT_BINS_MM`), of the frames within
    :data:`NEAR_M` of it in the table plane: frames, median true grasp
    offset in the table plane, median and p90 of the reading's error (mm), and median error over median offset."""
    above_mm = -truth_m[:, 2] * 1000  # the grasp landmark is grasp point minus hand
    offset = np.linalg.norm(truth_m[:, :2], axis=1) * 1000
    error = np.linalg.norm(predicted_m[:, :2] - truth_m[:, :2], axis=1) * 1000
    rows = []
    for low, high in HEIGHT_BINS_MM:
        chosen = (above_mm >= low) & (above_mm < high) & (offset < NEAR_M * 1000)
        if not chosen.any():
            continue
        median_offset, median_error = float(np.median(offset[chosen])), float(np.median(error[chosen]))
        rows.append({"bin": f"{low}-{high}", "frames": int(chosen.sum()), "offset": median_offset,
                     "error": median_error, "p90": float(np.percentile(error[chosen], 90)),
                     "ratio": median_error / max(median_offset, 1e-9)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", default="cable")
    parser.add_argument("--clean", type=int, default=100, help="clean expert reaches to train on")
    parser.add_argument("--misaimed", type=int, default=200, help="misaimed reaches to train on")
    parser.add_argument("--test", type=int, default=30, help="unseen reaches of each kind measured")
    parser.add_argument("--steps", type=int, default=3000, help="training steps (batch 64)")
    parser.add_argument("--target", choices=("offset", "wrist-image"), default="offset",
                        help="what the network learns: the grasp point's offset from the hand in the table plane (as "
                             "training's landmarks), or its position in the wrist camera's image")
    parser.add_argument("--sigma-mm", type=float, default=15.0, help="per-episode aiming error per table axis")
    parser.add_argument("--redraw", type=int, default=0,
                        help="in the misaimed training reaches, draw a new aiming error every this many ticks (0: "
                             "one per reach; the measured reaches always keep one per reach)")
    parser.add_argument("--seed", type=int, default=0, help="training seed (initial weights, batches)")
    parser.add_argument("--drop-state", choices=("none", "velocity", "all"), default="none",
                        help="zero part of the state the network is given, in training and measurement alike")
    args = parser.parse_args()
    task, sigma, size = ALIASES.get(args.task, args.task), args.sigma_mm / 1000, STUDENT.image_size
    t0 = time.perf_counter()
    first = [SEED_BASE + sum((args.clean, args.misaimed, args.test)[:k]) for k in range(4)]  # disjoint seed blocks
    train_frames, train_wrist = record_reaches(task, list(range(first[0], first[1])), 0.0, size)
    misaimed, misaimed_wrist = record_reaches(task, list(range(first[1], first[2])), sigma, size, args.redraw)
    train_frames.extend(misaimed)
    train_wrist = np.concatenate([train_wrist, misaimed_wrist])
    tests = {"clean (baseline)": record_reaches(task, list(range(first[2], first[3])), 0.0, size),
             f"misaimed, sigma {args.sigma_mm:g} mm": record_reaches(task, list(range(first[3], first[3] + args.test)),
                                                                     sigma, size)}
    print(f"recorded {len(train_frames)} training frames in {time.perf_counter() - t0:.0f} s")
    train_frames = without_state(train_frames, args.drop_state)
    tests = {name: (without_state(frames, args.drop_state), in_wrist) for name, (frames, in_wrist) in tests.items()}
    train_frames_truth = train_frames.landmarks
    if args.target == "wrist-image":
        train_frames = as_image_targets(train_frames, train_wrist)
    policy = train_localiser(train_frames, "l1-cm", args.steps, size, seed=args.seed, log=lambda line: None)
    redrawn = f" (error redrawn every {args.redraw} ticks)" if args.redraw else ""
    dropped = {"none": "", "velocity": ", joint velocities zeroed", "all": ", state zeroed"}[args.drop_state]
    trained_on = (f"trained on {args.clean} clean + {args.misaimed} misaimed reaches{redrawn}, {args.steps} steps"
                  f"{dropped}, seed {args.seed}")
    if args.target == "wrist-image":
        table = Table(title=f"{task}: the student network's reading of the grasp point's position in the wrist image "
                            f"({trained_on}), on unseen reaches, where it is in view")
        for column in ("reaches", "frames in view", "error median px", "error p90 px", "spread median px",
                       "correlation x, y"):
            table.add_column(column)
        for name, (frames, in_wrist) in tests.items():
            r = image_row(predict(policy, frames), in_wrist, size)
            table.add_row(name, f"{r['frames']}/{r['of']}", f"{r['error']:.1f}", f"{r['p90']:.1f}", f"{r['spread']:.1f}",
                          f"{r['corr'][0]:.2f}, {r['corr'][1]:.2f}")
        Console(width=200).print(table)
        # The grip rests at one height: its median over the training reaches is the plane the rays are cut with.
        plane_z = float(np.median(train_frames_truth[:, 2] + train_frames.state[:, STATE_EE_POS][:, 2]))
        camera = wrist_camera(task, plane_z)
        readings = {name: through_the_camera(predict(policy, frames), frames, in_wrist, camera)
                    for name, (frames, in_wrist) in tests.items()}
        how = f"its wrist-image reading unprojected onto z = {plane_z * 1000:.0f} mm (frames with the grip in view)"
    else:
        readings = {name: (predict(policy, frames), frames.landmarks) for name, (frames, _) in tests.items()}
        how = "its landmark head"
    table = Table(title=f"{task}: the student network's reading of the grasp point from the hand ({trained_on}), "
                        f"on unseen reaches: {how}")
    for column in ("reaches", "hand above grasp, mm", "frames", "true offset median mm", "error median mm",
                   "error p90 mm", "error / offset"):
        table.add_column(column)
    for name, (read, truth) in readings.items():
        for row in height_rows(read, truth):
            table.add_row(name, row["bin"], str(row["frames"]), f"{row['offset']:.1f}", f"{row['error']:.1f}",
                          f"{row['p90']:.1f}", f"{row['ratio']:.2f}")
    Console(width=200).print(table)

if __name__ == "__main__":
    main()
