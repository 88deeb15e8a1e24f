"""Where a student's own rollouts go wrong: the DAgger rounds a training run recorded, phase by phase.

    python benchmarks/rollouts.py runs/train/student-CablePlugging-v0 [--rounds 1,2,3,4]

Reads the rounds' cached frames (``dagger<N>.pkl`` in a ``robotstack train --work-dir`` folder; every frame
the policy visited, with the expert's label and landmarks) and prints, per round, how many episodes reached
each phase of a pick-and-place: the gripper held an object for at least ten ticks; it closed on nothing
for over 30 % of the episode (a missed grasp the policy never reopened from); and, of the episodes that held
something, how close the held object came to its goal in the table plane (the expert's goal-from-object
landmark: peg from ring centre, socket from pin tip), median and quartiles; and how many episodes ended still
holding the object above its goal (the goal landmark's height below zero at the last frame: the time ran out
before it was lowered), with where it was then; and how many ended with the hand open and the object more than
LET_GO_OFFSET off its goal in the table plane (let go, or never picked up, short of the goal). A successful
episode ends when the object is in place, at or below its goal.

``--stranded`` looks inside those last moments (the final 30 frames of every episode that ended so): it loads the
checkpoint that acted in the round (``bc.ckpt`` for round 1, ``dagger<N-1>.ckpt`` for round N) and compares its
landmark head's estimate of the goal offset with the truth, its reading of the goal's offset from the hand (a
goal-ray checkpoint's: its ray's) with the truth, where the held object's working point (pin tip, ring centre) is
from the hand and the error of a held-ray checkpoint's reading of it, and its first action with the expert's label.

``--grasps`` looks at where the hand first closed in each episode (the gripper opening falling below CLOSING_M):
the grasp point's offset from the hand in the table plane three frames before (when the close was commanded), the
share of episodes more than GRASP_GATE_M off (the plug expert's descent gate: beyond it the expert would not have
descended), the tick; and, from the acting checkpoint, its landmark head's (a wrist-ray checkpoint: its ray's)
reading of that offset over the
DESCENT_FRAMES frames before the close: the true offset, the estimate, the error (medians) and the correlation of
estimate and truth per axis.

``--releases`` (ring placements, e.g. LanguageTabletop-v0) follows each episode's first subtask when it is a ring
placement: whether the hand held the named ring (its grasp point within 3 cm of the hand for ten ticks while
holding), held something else, or never held anything; and, where it let the named ring go, whether that was at
the named peg, at another peg (within 5 cm of it) or elsewhere, with the offset from the named peg, the height
above its top and the ticks since the grasp. The other pegs' positions come from re-creating each episode's
scene from its DAgger seed (``robotstack.policies.pipeline.dagger_seeds``; the pegs are fixed).

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

from robotstack.policies.train import HOLDING, episode_bounds, ray_point_from_hand
from robotstack.policy import STATE_GRIPPER_OPENING
from robotstack.sim.experts import LANDMARK_DIM, PLUG_GRASP_TOLERANCE

HELD_TICKS = 10
STRANDED_FRAMES = 30
CLOSING_M = 0.06  # gripper opening below this (open: 0.08): the hand is closing (benchmarks/misaim.py too)
GRASP_GATE_M = PLUG_GRASP_TOLERANCE  # the plug expert descends only within this of the grip
DESCENT_FRAMES = 12
LET_GO_OFFSET = 0.023  # m: further off than this, a released ring is not on its peg (the success check's limit)


def longest_run(flags: np.ndarray) -> int:
    """Length of the longest run of True."""
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def ended_above_goal(frames, last: int) -> bool:
    """The episode's last frame holds the object above its goal (the goal landmark's height below zero)."""
    opening = frames.state[last, STATE_GRIPPER_OPENING]
    return bool(HOLDING.holding_min < opening < HOLDING.holding_max and frames.landmarks[last, 5] < 0)


def ended_let_go(frames, last: int) -> bool:
    """The episode's last frame has the hand open and the object more than LET_GO_OFFSET off its goal."""
    opening = frames.state[last, STATE_GRIPPER_OPENING]
    return bool(opening >= HOLDING.holding_max and np.linalg.norm(frames.landmarks[last, 3:5]) > LET_GO_OFFSET)


def stranded_rows(frames) -> np.ndarray:
    """Indices of the last STRANDED_FRAMES frames of every episode that ended holding its object above its goal."""
    rows = [np.arange(max(start, stop - STRANDED_FRAMES), stop) for start, stop in episode_bounds(frames.episode)
            if ended_above_goal(frames, stop - 1)]
    return np.concatenate(rows) if rows else np.empty(0, dtype=np.int64)


def first_closes(frames) -> np.ndarray:
    """Per episode, the index of the frame where the gripper opening first falls below CLOSING_M (-1: never)."""
    opening = frames.state[:, STATE_GRIPPER_OPENING]
    out = []
    for start, stop in episode_bounds(frames.episode):
        closing = np.flatnonzero(opening[start:stop] < CLOSING_M)
        out.append(start + int(closing[0]) if len(closing) else -1)
    return np.array(out)


def acting_reading(checkpoint: Path, frames, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The checkpoint's landmark estimates (len(rows), LANDMARK_DIM) in metres, its first actions (len(rows), 5) and
    its wrist ray's offsets (len(rows), 2 x points; m; no columns without a ray) on ``rows`` of a round, each frame
    given its subtask phrase. For a wrist-ray checkpoint the grasp offset in the table plane (the first two columns;
    with a goal ray also the goal's from the hand, columns 6 and 7) is the ray's, the reading its head acts on,
    rather than the landmark head's."""
    import torch

    from robotstack.policies.text_encoder import embed
    from robotstack.policies.train import LANDMARK_SCALE_M, RAY_LANDMARKS, load_checkpoint

    policy = load_checkpoint(checkpoint)
    texts = torch.from_numpy(embed([frames.task[i] for i in rows]))
    estimates, actions, offsets = [], [], []
    with torch.no_grad():
        for start in range(0, len(rows), 256):
            batch = rows[start:start + 256]
            state = torch.from_numpy(frames.state[batch])
            chunk, landmarks = policy.forward_with_landmarks(
                {c: torch.from_numpy(frames.images[c][batch]) for c in policy.cfg.cameras}, state,
                texts[start:start + 256])
            estimate = landmarks[:, :LANDMARK_DIM] * LANDMARK_SCALE_M
            rays = state[:, :0]
            if policy.wrist_ray is not None:
                rays = policy.wrist_ray.offsets_m(state, landmarks[:, LANDMARK_DIM:])
                for point, columns in enumerate(RAY_LANDMARKS[:policy.wrist_ray.points]):
                    estimate[:, columns.start:columns.start + 2] = rays[:, 2 * point:2 * point + 2]
            estimates.append(estimate.numpy())
            actions.append(chunk[:, 0].numpy())
            offsets.append(rays.numpy())
    return np.concatenate(estimates), np.concatenate(actions), np.concatenate(offsets)


def grasp_reading(checkpoint: Path, frames) -> dict[str, float]:
    """Where the hand first closed, and what the acting policy's head believed on the way down (module docstring)."""
    closes = first_closes(frames)
    starts = np.array([start for start, _ in episode_bounds(frames.episode)])
    closed = closes >= 0
    commanded = np.maximum(closes[closed] - 3, starts[closed])
    offset = np.linalg.norm(frames.landmarks[commanded, :2], axis=1)
    rows = np.concatenate([np.arange(max(s, c - DESCENT_FRAMES), c) for s, c in zip(starts[closed], closes[closed])])
    estimate, truth = acting_reading(checkpoint, frames, rows)[0][:, :2], frames.landmarks[rows, :2]
    return {"episodes": int(closed.sum()), "offset_mm": float(np.median(offset)) * 1000,
            "beyond_gate": float((offset > GRASP_GATE_M).mean()),
            "tick": float(np.median(closes[closed] - starts[closed])),
            "true_mm": float(np.median(np.linalg.norm(truth, axis=1))) * 1000,
            "estimate_mm": float(np.median(np.linalg.norm(estimate, axis=1))) * 1000,
            "error_mm": float(np.median(np.linalg.norm(estimate - truth, axis=1))) * 1000,
            "corr": [float(np.corrcoef(estimate[:, k], truth[:, k])[0, 1]) for k in range(2)]}


def stranded_reading(checkpoint: Path, frames) -> dict[str, float] | None:
    """What the acting policy believed and did in the stranded frames (see the module docstring)."""
    rows = stranded_rows(frames)
    if len(rows) == 0:
        return None
    reading, action, rays = acting_reading(checkpoint, frames, rows)
    estimate, action = reading[:, 3:5], action[:, :2]
    truth, label = frames.landmarks[rows, 3:5], frames.action[rows, :2]
    # The goal and the held point from the hand, where the round recorded the goal-from-hand landmarks; the held
    # point's reading where the ray has that point.
    from_hand = held = held_error = np.nan
    if frames.landmarks.shape[1] == LANDMARK_DIM:
        from_hand = float(np.median(np.linalg.norm(reading[:, 6:8] - frames.landmarks[rows, 6:8], axis=1))) * 1000
        held_truth = ray_point_from_hand(frames.landmarks[rows], 2)[:, :2]
        held = float(np.median(np.linalg.norm(held_truth, axis=1))) * 1000
        if rays.shape[1] >= 6:
            held_error = float(np.median(np.linalg.norm(rays[:, 4:6] - held_truth, axis=1))) * 1000

    def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1) + 1e-9)

    return {"frames": len(rows), "true_mm": float(np.median(np.linalg.norm(truth, axis=1))) * 1000,
            "estimate_mm": float(np.median(np.linalg.norm(estimate, axis=1))) * 1000,
            "error_mm": float(np.median(np.linalg.norm(estimate - truth, axis=1))) * 1000,
            "direction_cos": float(np.median(cosine(estimate, truth))), "from_hand_error_mm": from_hand,
            "held_mm": held, "held_error_mm": held_error,
            "label_speed": float(np.median(np.linalg.norm(label, axis=1))),
            "policy_speed": float(np.median(np.linalg.norm(action, axis=1)))}


def round_row(frames) -> tuple[int, int, int, list[float], np.ndarray, list[float]]:
    """(episodes, held an object, closed on nothing, closest goal distances in metres of those that held,
    (n, 2) goal offset in the table plane and height above the goal, metres, of those that ended holding the
    object above its goal, and the goal offsets, metres, of those that ended with it let go short of the goal)."""
    episodes = episode_bounds(frames.episode)
    held = empty = 0
    closest, stranded, let_go = [], [], []
    for start, stop in episodes:
        rows = slice(start, stop)
        opening = frames.state[rows, STATE_GRIPPER_OPENING]
        holding = (opening > HOLDING.holding_min) & (opening < HOLDING.holding_max)
        if longest_run(holding) >= HELD_TICKS:
            held += 1
            closest.append(float(np.linalg.norm(frames.landmarks[rows][holding][:, 3:5], axis=1).min()))
        empty += int((opening <= HOLDING.holding_min).mean() > 0.3)
        if ended_above_goal(frames, stop - 1):
            goal = frames.landmarks[stop - 1, 3:6]
            stranded.append((float(np.linalg.norm(goal[:2])), float(-goal[2])))
        if ended_let_go(frames, stop - 1):
            let_go.append(float(np.linalg.norm(frames.landmarks[stop - 1, 3:5])))
    return len(episodes), held, empty, closest, np.array(stranded).reshape(-1, 2), let_go


PEG_RADIUS_OF_RELEASE = 0.05  # m: a ring let go this near a peg was let go *at* that peg


def release_row(frames, round_number: int, task: str) -> dict:
    """Which object the hand held and where the named ring was let go, per episode whose first subtask is a ring
    placement (see the module docstring)."""
    from robotstack.policies.pipeline import dagger_seeds
    from robotstack.sim import make_env
    from robotstack.skills import parse_instruction

    env = make_env(task, image_size=32)
    out = {"episodes": 0, "named": 0, "other object": 0, "never": 0, "at its peg": 0, "at another peg": 0,
           "elsewhere": [], "height": [], "ticks": []}
    bounds = episode_bounds(frames.episode)
    for seed, (start, stop) in zip(dagger_seeds(round_number - 1, len(bounds)), bounds):
        (subtask, *_) = parse_instruction(frames.task[start])
        if subtask.skill != "place_ring":
            continue
        stop = next((j for j in range(start, stop) if frames.task[j] != frames.task[start]), stop)  # first subtask
        _, info = env.reset(seed=seed)
        pegs = {color: pose["pos"][:2] for color, pose in info["privileged"]["pegs"].items()}
        opening = frames.state[start:stop, STATE_GRIPPER_OPENING]
        holding = (opening > HOLDING.holding_min) & (opening < HOLDING.holding_max)
        named = holding & (np.linalg.norm(frames.landmarks[start:stop, :2], axis=1) < 0.03)
        out["episodes"] += 1
        if named.sum() < HELD_TICKS:
            out["other object" if longest_run(holding) >= HELD_TICKS else "never"] += 1
            continue
        out["named"] += 1
        released = np.flatnonzero(named[:-1] & (opening[1:] >= HOLDING.holding_max))
        if not len(released):
            continue
        t = start + int(released[-1])
        centre = pegs[subtask.args["peg"]] - frames.landmarks[t, 3:5]
        offset = {color: float(np.linalg.norm(centre - xy)) for color, xy in pegs.items()}
        if offset[subtask.args["peg"]] < PEG_RADIUS_OF_RELEASE:
            out["at its peg"] += 1
        elif min(v for c, v in offset.items() if c != subtask.args["peg"]) < PEG_RADIUS_OF_RELEASE:
            out["at another peg"] += 1
        else:
            out["elsewhere"].append(offset[subtask.args["peg"]])
            out["height"].append(float(-frames.landmarks[t, 5]))
            out["ticks"].append(int(released[-1]) - int(np.flatnonzero(named)[0]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work_dir", type=Path, help="the task's folder in a training --work-dir")
    parser.add_argument("--rounds", default=None, help="comma-separated round numbers (default: every dagger*.pkl)")
    parser.add_argument("--stranded", action="store_true",
                        help="also read what the acting checkpoint believed where episodes ended short of the goal")
    parser.add_argument("--grasps", action="store_true",
                        help="also say where the hand first closed and what the acting checkpoint read on the way down")
    parser.add_argument("--releases", metavar="TASK", default=None,
                        help="also say which object was held and where the named ring was let go (ring placements; "
                             "TASK: the task the rounds were recorded on, e.g. language)")
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
                   "closest goal distance while held, p50 (p25–p75)",
                   "ended holding it above the goal: n, offset p50, height p50",
                   "ended open, object off the goal: n, offset p50"):
        table.add_column(column, justify="right")
    beliefs = Table(title="the last 30 frames of the episodes that ended holding the object above its goal")
    for column in ("round", "acting checkpoint", "frames", "goal offset, true p50", "its estimate p50",
                   "estimate error p50", "direction cos p50", "goal from the hand: error p50",
                   "held point from the hand: p50, error p50",
                   "expert's xy action p50", "policy's xy action p50"):
        beliefs.add_column(column, justify="right")
    grasps = Table(title=f"where the hand first closed, and the acting head's reading of the grasp point over the "
                         f"{DESCENT_FRAMES} frames before")
    for column in ("round", "acting checkpoint", "episodes that closed", "offset at the close p50",
                   f"> {GRASP_GATE_M * 1000:.0f} mm off", "tick p50", "true offset p50", "its estimate p50",
                   "estimate error p50", "correlation x, y"):
        grasps.add_column(column, justify="right")
    releases = Table(title="episodes whose first subtask is a ring placement (its frames only)")
    for column in ("round", "episodes", "held the named ring", "held another object", "never held",
                   "let it go at its peg", "at another peg", "elsewhere: n, offset p50, height above peg top p50, "
                   "ticks after the grasp p50"):
        releases.add_column(column, justify="right")
    for path in paths:
        with path.open("rb") as f:
            frames = pickle.load(f)
        n, held, empty, closest, stranded, let_go = round_row(frames)
        round_number = int(path.stem.removeprefix("dagger"))
        if args.stranded:
            acting = args.work_dir / ("bc.ckpt" if round_number == 1 else f"dagger{round_number - 1}.ckpt")
            reading = stranded_reading(acting, frames)
            if reading is not None:
                beliefs.add_row(str(round_number), acting.name, str(reading["frames"]), f"{reading['true_mm']:.1f} mm",
                                f"{reading['estimate_mm']:.1f} mm", f"{reading['error_mm']:.1f} mm",
                                f"{reading['direction_cos']:.2f}", f"{reading['from_hand_error_mm']:.1f} mm",
                                f"{reading['held_mm']:.1f} mm, {reading['held_error_mm']:.1f} mm",
                                f"{reading['label_speed']:.2f}",
                                f"{reading['policy_speed']:.2f}")
        if args.grasps:
            acting = args.work_dir / ("bc.ckpt" if round_number == 1 else f"dagger{round_number - 1}.ckpt")
            g = grasp_reading(acting, frames)
            grasps.add_row(str(round_number), acting.name, str(g["episodes"]), f"{g['offset_mm']:.1f} mm",
                           f"{g['beyond_gate']:.0%}", f"{g['tick']:.0f}", f"{g['true_mm']:.1f} mm",
                           f"{g['estimate_mm']:.1f} mm", f"{g['error_mm']:.1f} mm",
                           f"{g['corr'][0]:.2f}, {g['corr'][1]:.2f}")
        if args.releases:
            r = release_row(frames, round_number, args.releases)
            away = (f"{len(r['elsewhere'])}, {np.median(r['elsewhere']) * 1000:.0f} mm, "
                    f"{np.median(r['height']) * 1000:.0f} mm, {np.median(r['ticks']):.0f}") if r["elsewhere"] else "0"
            releases.add_row(str(round_number), str(r["episodes"]), str(r["named"]), str(r["other object"]),
                             str(r["never"]), str(r["at its peg"]), str(r["at another peg"]), away)
        del frames
        spread = (f"{np.median(closest) * 1000:.1f} mm ({np.percentile(closest, 25) * 1000:.1f}–"
                  f"{np.percentile(closest, 75) * 1000:.1f})") if closest else "—"
        ended = (f"{len(stranded)}, {np.median(stranded[:, 0]) * 1000:.1f} mm, {np.median(stranded[:, 1]) * 1000:.0f} mm"
                 if len(stranded) else "0")
        dropped = f"{len(let_go)}, {np.median(let_go) * 1000:.0f} mm" if let_go else "0"
        table.add_row(str(round_number), str(n), f"{held}", f"{empty}", spread, ended, dropped)
    console = Console(width=160)
    console.print(table)
    if args.stranded:
        console.print(beliefs)
    if args.grasps:
        console.print(grasps)
    if args.releases:
        console.print(releases)


if __name__ == "__main__":
    main()
