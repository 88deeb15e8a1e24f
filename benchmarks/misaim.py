"""Does the student's network measure where the object is from the hand, or read it off the expert's path?

    python benchmarks/misaim.py [--task cable] [--clean 100] [--misaimed 200] [--test 30] [--steps 3000] [--sigma-mm 15]

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
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from localisation import predict, train_localiser  # noqa: E402
from perception_margin import MislocatingExpert  # noqa: E402
from robotstack.policies.model import STUDENT  # noqa: E402
from robotstack.policies.train import Demonstrations  # noqa: E402
from robotstack.sim import ALIASES, make_env  # noqa: E402

SEED_BASE = 4_000_000  # apart from training (10 000..<100 000), evaluation (1 000 000..) and the other benchmarks
CLOSED_M = 0.06  # gripper opening below this: the hand has closed, the reach is over
MAX_TICKS = 120
NEAR_M = 0.04  # only frames with the hand this close to the grasp point in the table plane: the last centimetres
HEIGHT_BINS_MM = ((-10, 5), (5, 20), (20, 40), (40, 60), (60, 100), (100, 250))


def record_reaches(task: str, seeds: list[int], sigma_m: float, image_size: int) -> Demonstrations:
    """Frames of each episode until the hand first closes, the expert steering by an object position off by a
    per-episode error of ``sigma_m`` per axis (0: the clean expert); landmarks are the true ones."""
    env = make_env(task, image_size=image_size)
    images: dict[str, list[np.ndarray]] = {}
    state, landmarks, episode, phrases = [], [], [], []
    for n, seed in enumerate(seeds):
        obs, info = env.reset(seed=seed)
        actor = MislocatingExpert(info, sigma_m, 0.0, ("object",), np.random.default_rng([seed, 7]))
        for _ in range(MAX_TICKS):
            truth = info["privileged"]
            for camera, image in obs["images"].items():
                images.setdefault(camera, []).append(image.copy())
            state.append(obs["state"].copy())
            landmarks.append(actor.expert.landmarks(truth).astype(np.float32))
            episode.append(n)
            phrases.append(actor.expert.subtasks[0].phrase())
            if truth["gripper_opening"] < CLOSED_M:
                break
            obs, _, terminated, truncated, info = env.step(actor(obs, info))
            if terminated or truncated:
                break
    env.close()
    return Demonstrations({c: np.stack(v) for c, v in images.items()}, np.stack(state),
                          np.zeros((len(state), 5), np.float32), np.array(episode), phrases, np.stack(landmarks))


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
    parser.add_argument("--sigma-mm", type=float, default=15.0, help="per-episode aiming error per table axis")
    args = parser.parse_args()
    task, sigma, size = ALIASES.get(args.task, args.task), args.sigma_mm / 1000, STUDENT.image_size
    t0 = time.perf_counter()
    first = [SEED_BASE + sum((args.clean, args.misaimed, args.test)[:k]) for k in range(4)]  # disjoint seed blocks
    train_frames = record_reaches(task, list(range(first[0], first[1])), 0.0, size)
    train_frames.extend(record_reaches(task, list(range(first[1], first[2])), sigma, size))
    tests = {"clean (baseline)": record_reaches(task, list(range(first[2], first[3])), 0.0, size),
             f"misaimed, sigma {args.sigma_mm:g} mm": record_reaches(task, list(range(first[3], first[3] + args.test)),
                                                                     sigma, size)}
    print(f"recorded {len(train_frames)} training frames in {time.perf_counter() - t0:.0f} s")
    policy = train_localiser(train_frames, "l1-cm", args.steps, size, log=lambda line: None)
    table = Table(title=f"{task}: the student network's reading of the grasp point from the hand (trained on "
                        f"{args.clean} clean + {args.misaimed} misaimed reaches, {args.steps} steps), on unseen reaches")
    for column in ("reaches", "hand above grasp, mm", "frames", "true offset median mm", "error median mm",
                   "error p90 mm", "error / offset"):
        table.add_column(column)
    for name, frames in tests.items():
        for row in height_rows(predict(policy, frames), frames.landmarks):
            table.add_row(name, row["bin"], str(row["frames"]), f"{row['offset']:.1f}", f"{row['error']:.1f}",
                          f"{row['p90']:.1f}", f"{row['ratio']:.2f}")
    Console(width=200).print(table)


if __name__ == "__main__":
    main()
