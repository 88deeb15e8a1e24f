"""How a policy's closed-loop episodes end, ring placement or cable plugging: the eval's episodes, sorted by what
went wrong (``--task language-plug``: the language task's plug instructions, read as cable plugging).

    python benchmarks/failures.py --policy student-int8 [--policy student ...] [--task ring|cable|language-plug]
                                  [--episodes 150]
                                  [--seed 1000000]

Runs each policy exactly as ``robotstack eval`` does (the control loop in ensemble mode, no added latency, the host
profile, the safety layer on) and reads the simulator's privileged state after every step, which the policy never
sees, to put each episode in one class. Every policy runs on the same seeds in one run.

Ring placement:

- ``success``: the ring rests low on the peg;
- ``never lifted``: the ring never rose LIFTED_Z above the table (the grasp missed, or the hand closed on nothing);
- ``let go beside the peg``: at the end the ring lies on the table off the peg (dropped short of it, or it slid off
  the peg top) and the hand is not holding it;
- ``caught on the peg``: at the end the ring is off the table and not held: hanging on the peg, tilted;
- ``held at the end``: the hand still holds the ring when time runs out.

Beside the counts: for the episodes that let go beside the peg, how close the ring's centre came to the peg's axis
while it was lifted (a ring that came within the hole's 18 mm slack and still ended beside the peg was lowered
misaligned, hit the peg top and fell off); how many of them picked the ring up again after first letting go
(a retry); and for rings caught on the peg, their tilt.

Cable plugging, by where the hand first closed when it never held the plug (the reach), else by how the carry ended:

- ``success``: the pin is seated in the socket;
- ``closed on the anchor post``: the hand first closed over the cable's anchor, the other dark box at the cable's
  other end, and never held the plug;
- ``closed high over the plug``: first closed over the plug but more than CLOSED_HIGH above its grasp point;
- ``closed at the plug, missed it``: first closed over the plug, low, and never held it;
- ``closed elsewhere``: never held the plug, first closed away from every object;
- ``never closed``: the hand stayed open all episode;
- ``held it, then lost it``: held the plug at some point and not at the end: with where the pin was when the hand
  lost it (near the socket's axis or not) and whether the hand opened or the plug slipped from the closed fingers;
- ``held at the end``: still holds the plug, unseated, when time runs out: with the median offset of the pin from
  the socket's axis, its height over the mouth and its yaw error, beside the expert's insertion gates.
"""

from __future__ import annotations

import argparse
import math
import os
from dataclasses import dataclass, field

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.episodes import EVAL_SEED_BASE, EpisodeRecord, loop_config, run_episodes  # noqa: E402
from robotstack.loop import DEFAULT_MODE  # noqa: E402
from robotstack.policy import OnnxPolicy  # noqa: E402
from robotstack.profiles import load_profile  # noqa: E402
from robotstack.sim import resolve_task  # noqa: E402
from robotstack.sim.entities import GRIP_HALF  # noqa: E402
from robotstack.sim.experts import (  # noqa: E402
    PLUG_INSERT_OFFSET,
    PLUG_INSERT_YAW,
    RING_HOLE_SLACK,
    PlaceRingExpert,
    PlugCableExpert,
)
from robotstack.sim.tasks.goals import quarter_turn_error, tilt  # noqa: E402
from robotstack.stats import wilson_interval  # noqa: E402
from robotstack.tracing import Tracer  # noqa: E402
from robotstack.weights import resolve  # noqa: E402

LIFTED_Z = 0.03  # m, ring centre height: lying flat it is at 7 mm
NEAR_XY = 0.03  # m: the hand closed "over" an object when its centre was this close to it in the table plane
CLOSED_HIGH = 0.015  # m above the plug's grasp point: the expert closes within 5 mm of it
CLOSED_OPENING = 2 * GRIP_HALF + 0.012  # m: fingers this close together are closing (the held range's top)
LOST_NEAR_SOCKET = 0.01  # m, pin tip to socket axis: a plug let go this close was let go over the socket
AT_MOUTH = 0.002  # m: a held pin's tip this close over the socket's mouth (and near its axis) has reached it


@dataclass
class RingTrace:
    """What one episode's ring did, step by step (privileged state)."""

    CLASSES = ("success", "never lifted", "let go beside the peg", "caught on the peg", "held at the end")

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

    @staticmethod
    def extra_rows(results: dict[str, dict[str, list[RingTrace]]]) -> list[tuple[str, list[str]]]:
        let_go = [traces["let go beside the peg"] for traces in results.values()]
        caught = [traces["caught on the peg"] for traces in results.values()]
        return [
            (f"let go beside: came within {RING_HOLE_SLACK * 1000:.0f} mm while lifted",
             [str(sum(t.closest_while_lifted() < RING_HOLE_SLACK for t in ts)) for ts in let_go]),
            ("let go beside: grasped the ring again", [str(sum(t.grasps() > 1 for t in ts)) for ts in let_go]),
            ("all failures: grasped the ring more than once",
             [str(sum(t.grasps() > 1 for kind in RingTrace.CLASSES[1:] for t in traces[kind]))
              for traces in results.values()]),
            ("caught on the peg: median tilt",
             [f"{np.degrees(np.median([t.tilt for t in ts])):.0f}°" if ts else "–" for ts in caught]),
        ]


@dataclass
class CableTrace:
    """What one episode's hand and plug did (privileged state): where the hand first closed, whether it ever held
    the plug, and where the pin ended relative to the socket."""

    CLASSES = ("success", "closed on the anchor post", "closed high over the plug", "closed at the plug, missed it",
               "closed elsewhere", "never closed", "held it, then lost it", "held at the end")

    first_close: str = "never"  # "anchor", "high", "plug", "elsewhere" or "never"
    ever_held: bool = False
    held_at_end: bool = False
    end_offset: float = 0.0  # m, pin tip to socket axis in the table plane, at the last step
    end_height: float = 0.0  # m, pin tip above the socket's mouth
    end_yaw_error: float = 0.0  # rad, to the nearest quarter turn that fits
    lost_offset: float = 0.0  # m, pin tip to socket axis in the table plane when the hand last lost the plug
    lost_by_opening: bool = False  # the hand opened (rather than the plug slipping from closed fingers)
    mouth_offset: float | None = None  # m, pin tip to socket axis when the held pin first reached the mouth
    mouth_yaw_error: float | None = None  # rad, likewise

    def add(self, info: dict) -> None:
        p = info["privileged"]
        plug, sock = p["plug"], p["socket"]
        held = PlugCableExpert().holding(p)
        offset = float(np.linalg.norm(sock["pos"][:2] - plug["tip"][:2]))
        if self.held_at_end and not held:
            self.lost_offset, self.lost_by_opening = offset, p["gripper_opening"] >= CLOSED_OPENING
        self.ever_held |= held
        self.held_at_end = held
        self.end_offset = offset
        self.end_height = float(plug["tip"][2] - sock["mouth_z"])
        self.end_yaw_error = float(quarter_turn_error(sock["yaw"], plug["yaw"]))
        at_mouth = offset < LOST_NEAR_SOCKET and plug["tip"][2] - sock["mouth_z"] < AT_MOUTH
        if held and at_mouth and self.mouth_offset is None:
            self.mouth_offset, self.mouth_yaw_error = offset, self.end_yaw_error
        if self.first_close == "never" and p["gripper_opening"] < CLOSED_OPENING:
            self.first_close = self._where(p)

    @staticmethod
    def _where(p: dict) -> str:
        """Over which object the hand is as it closes."""
        ee = p["ee_pos"]
        grasp = PlugCableExpert.grasp_point(p["plug"])
        if np.linalg.norm(grasp[:2] - ee[:2]) < NEAR_XY:
            return "high" if ee[2] - grasp[2] > CLOSED_HIGH else "plug"
        return "anchor" if np.linalg.norm(p["anchor"][:2] - ee[:2]) < NEAR_XY else "elsewhere"

    def outcome(self, success: bool) -> str:
        if success:
            return "success"
        if not self.ever_held:
            return {"anchor": "closed on the anchor post", "high": "closed high over the plug",
                    "plug": "closed at the plug, missed it", "elsewhere": "closed elsewhere"}.get(
                        self.first_close, "never closed")
        return "held at the end" if self.held_at_end else "held it, then lost it"

    @staticmethod
    def extra_rows(results: dict[str, dict[str, list[CableTrace]]]) -> list[tuple[str, list[str]]]:
        held = [traces["held at the end"] for traces in results.values()]
        lost = [traces["held it, then lost it"] for traces in results.values()]
        # Where the held pin first reached the mouth, in seated episodes and in the others: how far off is too far.
        seated = [[t for t in traces.get("success", []) if t.mouth_offset is not None] for traces in results.values()]
        unseated = [[t for outcome, ts in traces.items() if outcome != "success" for t in ts
                     if t.mouth_offset is not None] for traces in results.values()]

        def median(ts: list[CableTrace], value, scale: float, unit: str) -> str:
            return f"{np.median([value(t) for t in ts]) * scale:.1f} {unit}" if ts else "–"

        offset_gate, yaw_gate = PLUG_INSERT_OFFSET[0], PLUG_INSERT_YAW[0]
        near = LOST_NEAR_SOCKET
        return [
            (f"lost it: opened the hand with the pin within {near * 1000:.0f} mm of the socket axis",
             [str(sum(t.lost_by_opening and t.lost_offset < near for t in ts)) for ts in lost]),
            (f"lost it: opened the hand farther than {near * 1000:.0f} mm from the socket axis",
             [str(sum(t.lost_by_opening and t.lost_offset >= near for t in ts)) for ts in lost]),
            ("lost it: slipped from the closed fingers", [str(sum(not t.lost_by_opening for t in ts)) for ts in lost]),
            ("held at the end: median pin offset from the socket axis",
             [median(ts, lambda t: t.end_offset, 1000, "mm") for ts in held]),
            ("held at the end: median pin height over the mouth",
             [median(ts, lambda t: t.end_height, 1000, "mm") for ts in held]),
            ("held at the end: median |yaw error|", [median(ts, lambda t: abs(t.end_yaw_error), 180 / math.pi, "°")
                                                     for ts in held]),
            (f"held at the end: offset beyond the expert's {offset_gate * 1000:.0f} mm insertion gate",
             [str(sum(t.end_offset > offset_gate for t in ts)) for ts in held]),
            (f"held at the end: yaw beyond the expert's {math.degrees(yaw_gate):.1f}° insertion gate",
             [str(sum(abs(t.end_yaw_error) > yaw_gate for t in ts)) for ts in held]),
            ("at the mouth, seated episodes: median pin offset from the socket axis",
             [median(ts, lambda t: t.mouth_offset, 1000, "mm") for ts in seated]),
            ("at the mouth, the others: median pin offset from the socket axis",
             [median(ts, lambda t: t.mouth_offset, 1000, "mm") for ts in unseated]),
            ("at the mouth, the others: median |yaw error|",
             [median(ts, lambda t: abs(t.mouth_yaw_error), 180 / math.pi, "°") for ts in unseated]),
        ]


TRACES = {"ring": RingTrace, "cable": CableTrace, "language-plug": CableTrace}
TASK_OF = {"language-plug": ("language", {"skill": "plug_cable"})}
"""Benchmark task names that are a task's instructions of one skill: (task, its constructor's options)."""


def classify(policy_name: str, task: str, seeds: list[int]) -> dict[str, list]:
    """The policy's episodes on ``seeds``, by outcome (one of the task's trace CLASSES)."""
    trace_type = TRACES[task]
    alias, env_options = TASK_OF.get(task, (task, None))
    task_id = resolve_task(alias)
    path = resolve(policy_name, task=task_id).path
    policy = OnnxPolicy(path, threads=2)
    config = loop_config(policy, load_profile("host"), DEFAULT_MODE, 0.0)
    current = [trace_type()]  # the running episode's
    traces: dict[str, list] = {c: [] for c in trace_type.CLASSES}

    def episode_ended(record: EpisodeRecord) -> None:
        traces[current[0].outcome(record.success)].append(current[0])
        current[0] = trace_type()

    run_episodes(policy, task_id, seeds, config, Tracer(max_events=0), on_episode=episode_ended,
                 on_step=lambda info: current[0].add(info), env_options=env_options)
    return traces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policy", action="append", help="shipped name or .onnx path (repeat to compare)")
    parser.add_argument("--task", choices=sorted(TRACES), default="ring")
    parser.add_argument("--episodes", type=int, default=150)
    parser.add_argument("--seed", type=int, default=EVAL_SEED_BASE)
    args = parser.parse_args()
    task, trace_type = resolve_task(TASK_OF.get(args.task, (args.task,))[0]), TRACES[args.task]
    seeds = list(range(args.seed, args.seed + args.episodes))
    table = Table(title=f"{task}: how {args.episodes} closed-loop episodes end (seeds {seeds[0]}–{seeds[-1]}, "
                        f"{DEFAULT_MODE} mode)")
    table.add_column("outcome")
    results = {}
    for name in args.policy or ["student-int8"]:
        table.add_column(name, justify="right")
        results[name] = classify(name, args.task, seeds)
    for kind in trace_type.CLASSES:
        cells = []
        for traces in results.values():
            low, high = wilson_interval(len(traces[kind]), args.episodes)
            cells.append(f"{len(traces[kind])} ({low:.0%}–{high:.0%})")
        table.add_row(kind, *cells)
    for label, cells in trace_type.extra_rows(results):
        table.add_row(label, *cells)
    Console().print(table)


if __name__ == "__main__":
    main()
