"""Where a student's own rollouts go wrong: the DAgger rounds a training run recorded, phase by phase.

    python benchmarks/rollouts.py runs/train/student-CablePlugging-v0 [--rounds 1,2,3,4]

Reads the rounds' cached frames (``dagger<N>.pkl`` in a ``robotstack train --work-dir`` folder; every frame
the policy visited, with the expert's label and landmarks) and prints, per round, how many episodes reached
each phase of a pick-and-place: the gripper held an object for at least ten ticks; it closed on nothing
for over 30 % of the episode (a missed grasp the policy never reopened from); and, of the episodes that held
something, how close the held object came to its goal in the table plane (the expert's goal-from-object
landmark: peg from ring centre, socket from pin tip), median and quartiles.

Gripper opening (metres between the fingers): open 0.08; closed on nothing at or below, and holding between, the
on-board driver's thresholds (``robotstack.driver.SubtaskProgress``: 5 mm and 40 mm).
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from robotstack.driver import SubtaskProgress
from robotstack.policy import STATE_GRIPPER_OPENING

HOLDING = SubtaskProgress()  # the on-board driver's reading of the opening: what "holding" means on the board
HELD_TICKS = 10


def longest_run(flags: np.ndarray) -> int:
    """Length of the longest run of True."""
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def round_row(frames) -> tuple[int, int, int, list[float]]:
    """(episodes, held an object, closed on nothing, closest goal distances in metres of those that held)."""
    episodes = np.unique(frames.episode)
    held = empty = 0
    closest = []
    for episode in episodes:
        rows = np.flatnonzero(frames.episode == episode)
        opening = frames.state[rows, STATE_GRIPPER_OPENING]
        holding = (opening > HOLDING.holding_min) & (opening < HOLDING.holding_max)
        if longest_run(holding) >= HELD_TICKS:
            held += 1
            closest.append(float(np.linalg.norm(frames.landmarks[rows][holding][:, 3:5], axis=1).min()))
        empty += int((opening <= HOLDING.holding_min).mean() > 0.3)
    return len(episodes), held, empty, closest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work_dir", type=Path, help="the task's folder in a training --work-dir")
    parser.add_argument("--rounds", default=None, help="comma-separated round numbers (default: every dagger*.pkl)")
    args = parser.parse_args()
    if args.rounds:
        paths = [args.work_dir / f"dagger{r}.pkl" for r in args.rounds.split(",")]
    else:
        paths = sorted(args.work_dir.glob("dagger*.pkl"), key=lambda p: int(p.stem.removeprefix("dagger")))
    missing = [str(p) for p in paths if not p.exists()]
    if not paths or missing:
        raise SystemExit(f"no recorded DAgger rounds to read: {', '.join(missing) or str(args.work_dir / 'dagger*.pkl')}")

    table = Table(title=f"policy-led rollouts recorded in {args.work_dir}")
    for column in ("round", "episodes", "held an object ≥ 10 ticks", "closed on nothing > 30 %",
                   "closest goal distance while held, p50 (p25–p75)"):
        table.add_column(column, justify="right")
    for path in paths:
        with path.open("rb") as f:
            n, held, empty, closest = round_row(pickle.load(f))
        spread = (f"{np.median(closest) * 1000:.1f} mm ({np.percentile(closest, 25) * 1000:.1f}–"
                  f"{np.percentile(closest, 75) * 1000:.1f})") if closest else "—"
        table.add_row(path.stem.removeprefix("dagger"), str(n), f"{held}", f"{empty}", spread)
    Console().print(table)


if __name__ == "__main__":
    main()
