"""How precisely the student's network can localise what a task's expert steers by, when that is all it learns.

    python benchmarks/localisation.py [--task cable] [--episodes 300] [--test-episodes 40] [--steps 4000]

`benchmarks/perception_margin.py` says how precise a learner must be (the cable: about 2 mm); this says how precise
the student architecture can be with nothing else to learn. The student's network (both cameras, the state and the
instruction; no FiLM) is trained by the training's own loop (``robotstack.policies.train.train``, with the action
loss weighted 0) only to regress the expert's landmarks (the grasp point from the hand, the goal from the held
object: ``robotstack.sim.experts``) on recorded expert episodes (every other one with DART
noise, as the training pipeline records them), then measured on every frame of episodes of seeds it never trained
on, by phase. Both of the training pipeline's auxiliary losses (``robotstack.policies.train.LANDMARK_LOSSES``), in the
same run, each from the same initial weights and batches: ``smooth-l1`` in 10 cm units (the default; the baseline)
and ``l1-cm``, whose gradient does not fade as the error shrinks to millimetres. Per phase: the median absolute
error per axis, the median and p99 of the error's length in the table plane, the share of frames within 2 mm, and
the ratio of the median length to the baseline's. These are the expert's own states: a learner's own rollouts visit
others.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from collections.abc import Callable

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.policies.model import STUDENT, VisuomotorPolicy  # noqa: E402
from robotstack.policies.parallel import RecordJob, record_parallel  # noqa: E402
from robotstack.policies.pipeline import TRAIN_SEED_BASE, to_demonstrations  # noqa: E402
from robotstack.policies.text_encoder import embed  # noqa: E402
from robotstack.policies.train import (LANDMARK_LOSSES, LANDMARK_SCALE_M, Demonstrations, TrainConfig,  # noqa: E402
                                       train)
from robotstack.sim import ALIASES  # noqa: E402

TEST_SEED_BASE = 3_000_000  # apart from training (10 000..<100 000) and evaluation (1 000 000..) seeds
NOISE = 0.15  # the training pipeline's DART noise on every other demonstration
WITHIN_M = 0.002
HELD_M = 0.015  # grasp point this close to the hand: the object is in the hand
# Phase name -> (which frames, from the true landmarks; the landmark columns measured there: x, y in the table plane)
PHASES: dict[str, tuple[Callable[[np.ndarray], np.ndarray], list[int]]] = {
    "reaching (grasp point 5-30 mm off)": (
        lambda lm: (np.linalg.norm(lm[:, :3], axis=1) > 0.005) & (np.linalg.norm(lm[:, :3], axis=1) < 0.03), [0, 1]),
    "held, goal < 20 mm off": (
        lambda lm: (np.linalg.norm(lm[:, :3], axis=1) < HELD_M) & (np.linalg.norm(lm[:, 3:5], axis=1) < 0.02), [3, 4]),
    "held, goal < 5 mm off": (
        lambda lm: (np.linalg.norm(lm[:, :3], axis=1) < HELD_M) & (np.linalg.norm(lm[:, 3:5], axis=1) < 0.005), [3, 4]),
}


def record(task: str, seeds: list[int], image_size: int, workers: int) -> Demonstrations:
    """Expert episodes of ``seeds`` as the training pipeline records them (DART noise on odd seeds)."""
    job = RecordJob(task, image_size, noise=NOISE)
    return to_demonstrations(list(record_parallel(job, seeds, workers)))


def train_localiser(demos: Demonstrations, loss: str, steps: int, image_size: int, seed: int = 0,
                    log: Callable[[str], None] = print) -> VisuomotorPolicy:
    """The student's network trained by the training's own loop on ``demos``' landmarks alone (the action loss
    weighted 0) with ``loss``, a name in ``LANDMARK_LOSSES``."""
    policy = VisuomotorPolicy(dataclasses.replace(STUDENT, image_size=image_size, film_layers=0))
    return train(policy, demos, TrainConfig(steps=steps, seed=seed, action_weight=0.0, landmark_loss=loss), log=log)


def predict(policy: VisuomotorPolicy, demos: Demonstrations) -> np.ndarray:
    """The network's landmarks (N, 6) in metres for every frame of ``demos``, each given its subtask phrase."""
    phrases = sorted(set(demos.task))
    embedded = dict(zip(phrases, embed(phrases)))
    text = np.stack([embedded[t] for t in demos.task]).astype(np.float32)
    out = []
    with torch.no_grad():
        for start in range(0, len(demos), 256):
            rows = slice(start, start + 256)
            images = {c: torch.from_numpy(demos.images[c][rows]) for c in policy.cfg.cameras}
            _, output = policy.forward_with_landmarks(images, torch.from_numpy(demos.state[rows]),
                                                      torch.from_numpy(text[rows]))
            out.append(output.numpy() * LANDMARK_SCALE_M)
    return np.concatenate(out)


def phase_errors(predicted_m: np.ndarray, truth_m: np.ndarray) -> dict[str, dict[str, float]]:
    """Per phase of :data:`PHASES`: frames, median |error| per axis (mm), median and p99 of the error's length in
    the table plane (mm), and the share of frames within 2 mm. A phase with no frames has NaN figures."""
    rows = {}
    for name, (select, columns) in PHASES.items():
        chosen = select(truth_m)
        error = (predicted_m[chosen][:, columns] - truth_m[chosen][:, columns]) * 1000
        length = np.linalg.norm(error, axis=1)
        rows[name] = {"frames": int(chosen.sum())}
        if not len(length):
            rows[name].update(dict.fromkeys(("x", "y", "median", "p99", "within"), np.nan))
            continue
        rows[name].update(x=float(np.median(np.abs(error[:, 0]))), y=float(np.median(np.abs(error[:, 1]))),
                          median=float(np.median(length)), p99=float(np.percentile(length, 99)),
                          within=float((length < WITHIN_M * 1000).mean()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", default="cable")
    parser.add_argument("--episodes", type=int, default=300, help="expert episodes to train on (seeds 10 000 on)")
    parser.add_argument("--test-episodes", type=int, default=40, help=f"episodes measured (seeds {TEST_SEED_BASE} on)")
    parser.add_argument("--steps", type=int, default=4000, help="training steps per loss (batch 64)")
    parser.add_argument("--image-size", type=int, default=STUDENT.image_size)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    task = ALIASES.get(args.task, args.task)
    t0 = time.perf_counter()
    train_frames = record(task, list(range(TRAIN_SEED_BASE, TRAIN_SEED_BASE + args.episodes)), args.image_size, args.workers)
    test_frames = record(task, list(range(TEST_SEED_BASE, TEST_SEED_BASE + args.test_episodes)), args.image_size,
                         args.workers)
    print(f"recorded {len(train_frames)} training and {len(test_frames)} test frames in {time.perf_counter() - t0:.0f} s")
    results = {}
    for loss in LANDMARK_LOSSES:
        policy = train_localiser(train_frames, loss, args.steps, args.image_size)
        results[loss] = phase_errors(predict(policy, test_frames), test_frames.landmarks)
    baseline = results["smooth-l1"]
    table = Table(title=f"{task}: landmark error of the student network trained on landmarks alone ({args.episodes} "
                        f"episodes, {args.steps} steps, {args.image_size} px), on the {len(test_frames)} frames of "
                        f"{args.test_episodes} unseen expert episodes")
    for column in ("loss", "phase", "frames", "median |x| mm", "median |y| mm", "median length mm",
                   "p99 length mm", "within 2 mm", "length vs baseline"):
        table.add_column(column)
    for loss, phases in results.items():
        for phase, r in phases.items():
            table.add_row(loss, phase, str(r["frames"]), f"{r['x']:.2f}", f"{r['y']:.2f}", f"{r['median']:.2f}",
                          f"{r['p99']:.1f}", f"{r['within']:.0%}", f"{r['median'] / baseline[phase]['median']:.2f}x")
    Console(width=200).print(table)


if __name__ == "__main__":
    main()
