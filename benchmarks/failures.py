"""How a ring-placement policy's closed-loop episodes end: the eval's episodes, sorted by what went wrong.

    python benchmarks/failures.py --policy student-int8 [--policy student ...] [--episodes 150] [--seed 1000000]

Runs each policy exactly as ``robotstack eval --task ring`` does (the control loop in ensemble mode, no added
latency, the host profile, the safety layer on) and reads the simulator's privileged state after every step, which
the policy never sees, to put each episode in one class:

- ``success``: the ring rests low on the peg;
- ``never lifted``: the ring never rose LIFTED_Z above the table (the grasp missed, or the hand closed on nothing);
- ``let go beside the peg``: at the end the ring lies on the table off the peg (dropped short of it, or it slid off
  the peg top) and the hand is not holding it;
- ``caught on the peg``: at the end the ring is off the table and not held: hanging on the peg, tilted;
- ``held at the end``: the hand still holds the ring when time runs out.

Beside the counts: for the episodes that let go beside the peg, how close the ring's centre came to the peg's axis
while it was lifted (a ring that came within the hole's 18 mm slack and still ended beside the peg was lowered
misaligned, hit the peg top and fell off); how many of them picked the ring up again after first letting go
(a retry); and for rings caught on the peg, their tilt. Every policy runs on the same seeds in one run.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.episodes import EVAL_SEED_BASE, EpisodeRecord, loop_config, run_episodes  # noqa: E402
from robotstack.loop import DEFAULT_MODE  # noqa: E402
from robotstack.policy import OnnxPolicy  # noqa: E402
from robotstack.profiles import load_profile  # noqa: E402
from robotstack.sim.experts import RING_HOLE_SLACK, PlaceRingExpert  # noqa: E402
from robotstack.sim.tasks.goals import tilt  # noqa: E402
from robotstack.stats import wilson_interval  # noqa: E402
from robotstack.tracing import Tracer  # noqa: E402
from robotstack.weights import resolve  # noqa: E402

TASK = "robotstack/RingPlacement-v0"
LIFTED_Z = 0.03  # m, ring centre height: lying flat it is at 7 mm
CLASSES = ("success", "never lifted", "let go beside the peg", "caught on the peg", "held at the end")


@dataclass
class EpisodeTrace:
    """What one episode's ring did, step by step (privileged state)."""

    offsets: list[float] = field(default_factory=list)  # ring centre to peg axis in the table plane, m
    heights: list[float] = field(default_factory=list)  # ring centre above the table, m
    held: list[bool] = field(default_factory=list)
    tilt: float = 0.0  # rad, at the last step

    def add(self, info: dict) -> None:
        p = info["privileged"]
        ((ring_color, ring),), ((peg_color, peg),) = p["rings"].items(), p["pegs"].items()  # one of each
        self.offsets.append(float(np.linalg.norm(ring["pos"][:2] - peg["pos"][:2])))
        self.heights.append(float(ring["pos"][2]))
        self.held.append(PlaceRingExpert(ring_color, peg_color).holding(p))
        self.tilt = tilt(ring["z_axis"])

    def outcome(self, success: bool) -> str:
        heights = np.array(self.heights)
        if success:
            return "success"
        if not (heights > LIFTED_Z).any():
            return "never lifted"
        if self.held[-1]:
            return "held at the end"
        return "caught on the peg" if heights[-1] > LIFTED_Z else "let go beside the peg"

    def closest_while_lifted(self) -> float:
        lifted = np.array(self.heights) > LIFTED_Z
        return float(np.array(self.offsets)[lifted].min())

    def grasps(self) -> int:
        """How many times the hand took hold of the ring (a retry is a second one)."""
        held = np.array(self.held, dtype=int)
        return int((np.diff(held, prepend=0) == 1).sum())


def classify(policy_name: str, seeds: list[int]) -> dict[str, list[EpisodeTrace]]:
    """The policy's episodes on ``seeds``, by outcome (one of CLASSES)."""
    path = resolve(policy_name, task=TASK).path
    policy = OnnxPolicy(path, threads=2)
    config = loop_config(policy, load_profile("host"), DEFAULT_MODE, 0.0)
    current = [EpisodeTrace()]  # the running episode's
    traces: dict[str, list[EpisodeTrace]] = {c: [] for c in CLASSES}

    def episode_ended(record: EpisodeRecord) -> None:
        traces[current[0].outcome(record.success)].append(current[0])
        current[0] = EpisodeTrace()

    run_episodes(policy, TASK, seeds, config, Tracer(max_events=0), on_episode=episode_ended,
                 on_step=lambda info: current[0].add(info))
    return traces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policy", action="append", help="shipped name or .onnx path (repeat to compare)")
    parser.add_argument("--episodes", type=int, default=150)
    parser.add_argument("--seed", type=int, default=EVAL_SEED_BASE)
    args = parser.parse_args()
    seeds = list(range(args.seed, args.seed + args.episodes))
    table = Table(title=f"{TASK}: how {args.episodes} closed-loop episodes end (seeds {seeds[0]}–{seeds[-1]}, "
                        f"{DEFAULT_MODE} mode)")
    table.add_column("outcome")
    results = {}
    for name in args.policy or ["student-int8"]:
        table.add_column(Path(name).stem if name.endswith(".onnx") else name, justify="right")
        results[name] = classify(name, seeds)
    for kind in CLASSES:
        cells = []
        for traces in results.values():
            low, high = wilson_interval(len(traces[kind]), args.episodes)
            cells.append(f"{len(traces[kind])} ({low:.0%}–{high:.0%})")
        table.add_row(kind, *cells)
    table.add_row(f"let go beside: came within {RING_HOLE_SLACK * 1000:.0f} mm while lifted", *[
        str(sum(t.closest_while_lifted() < RING_HOLE_SLACK for t in traces["let go beside the peg"]))
        for traces in results.values()])
    table.add_row("let go beside: grasped the ring again", *[
        str(sum(t.grasps() > 1 for t in traces["let go beside the peg"])) for traces in results.values()])
    table.add_row("all failures: grasped the ring more than once", *[
        str(sum(t.grasps() > 1 for kind in CLASSES[1:] for t in traces[kind])) for traces in results.values()])
    table.add_row("caught on the peg: median tilt", *[
        f"{np.degrees(np.median([t.tilt for t in traces['caught on the peg']])):.0f}°" if traces["caught on the peg"]
        else "–" for traces in results.values()])
    Console().print(table)


if __name__ == "__main__":
    main()
