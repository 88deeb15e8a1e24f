"""The second half of a task on its own: the scripted expert acts until a handover point, the policy from there on.

    python benchmarks/handover.py --policy student-cable [--policy FILE.onnx ...] [--task cable] [--episodes 60]
                                  [--seed 1000000] [--handover grasp --handover goal]

A closed-loop success rate mixes the reach (find the object, close on it) with the carry and the placing, and a
cable student that misses the grasp says nothing about its insertion. Here the expert leads each episode until:

- ``grasp``: the hand has held the object for HELD_TICKS ticks (it is lifting it);
- ``goal``: the hand holds the object within GOAL_RADIUS of its goal in the table plane (the carry is over);

and the policy leads the rest. The policy infers on every tick from the start, as in the control loop, and acts by
the temporal ensemble of its chunks (ensemble mode, the loop's default), so at the handover its ensemble already
holds the chunks it made while the expert led (as in a DAgger rollout). The actions go to the simulator as the
policy gives them: no safety layer, no latency. An episode that never reaches the handover point (the expert's own
failure) counts as not handed over and is left out of the rate. Every policy runs on the same seeds.
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("MUJOCO_GL", "egl")

import gymnasium as gym  # noqa: E402
import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.episodes import EVAL_SEED_BASE, text_encoder  # noqa: E402
from robotstack.loop import LoopConfig, TemporalEnsemble  # noqa: E402
from robotstack.policy import OnnxPolicy  # noqa: E402
from robotstack.sim import make_env, resolve_task  # noqa: E402
from robotstack.sim.experts import InstructionExpert, expert_for_env  # noqa: E402
from robotstack.stats import wilson_interval  # noqa: E402
from robotstack.text import OnnxTextEncoder  # noqa: E402
from robotstack.weights import resolve  # noqa: E402

HELD_TICKS = 5
GOAL_RADIUS = 0.03  # m, held object to goal in the table plane: where misaimed carries start (collect.CarryMisaim)
HANDOVERS = ("grasp", "goal")


def handed_over(point: str, expert: InstructionExpert, priv: dict, held_ticks: int) -> bool:
    """Whether the episode has reached the handover ``point`` (one of HANDOVERS)."""
    if point == "grasp":
        return held_ticks >= HELD_TICKS
    goal_offset = expert.landmarks(priv)[3:5]  # goal minus held object, table plane
    return held_ticks > 0 and float(np.linalg.norm(goal_offset)) < GOAL_RADIUS


def run_handover(env: gym.Env, policy: OnnxPolicy, encoder: OnnxTextEncoder, seed: int, point: str) -> bool | None:
    """One episode of ``env`` (cameras at the policy's image size): True or False for the policy's success after the
    handover, None if it never came."""
    obs, info = env.reset(seed=seed)
    expert = expert_for_env(info)
    ensemble = TemporalEnsemble(LoopConfig.ensemble_decay)
    tick, held_ticks, handed = 0, 0, False
    while True:
        priv = info["privileged"]
        active = expert.active(priv)
        phrase = expert.subtasks[active if active is not None else -1].phrase()
        chunk = policy(obs["images"], obs["state"], encoder(phrase))
        own = ensemble.add(tick, chunk)
        held_ticks = held_ticks + 1 if expert.holding(priv) else 0
        handed = handed or handed_over(point, expert, priv, held_ticks)
        action = own if handed else expert.act(priv)
        obs, _, terminated, truncated, info = env.step(np.clip(action, -1.0, 1.0))
        tick += 1
        if terminated or truncated:
            return bool(info["success"]) if handed else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policy", action="append", help="shipped name or .onnx path (repeat to compare)")
    parser.add_argument("--task", choices=("cable", "ring"), default="cable")
    parser.add_argument("--handover", action="append", choices=HANDOVERS, help="where the policy takes over "
                        "(repeat for several; default: both)")
    parser.add_argument("--episodes", type=int, default=60)
    parser.add_argument("--seed", type=int, default=EVAL_SEED_BASE)
    args = parser.parse_args()
    task = resolve_task(args.task)
    seeds = list(range(args.seed, args.seed + args.episodes))
    points = args.handover or list(HANDOVERS)
    names = args.policy or ["student-int8"]
    encoder = text_encoder()
    table = Table(title=f"{task}: the policy's success after the expert hands over (seeds {seeds[0]}–{seeds[-1]}, "
                        "ensemble mode)")
    table.add_column("policy")
    for point in points:
        table.add_column(f"from the {point}", justify="right")
    for name in names:
        policy = OnnxPolicy(resolve(name, task=task).path, threads=2)
        env = make_env(task, image_size=policy.spec.image_size)
        cells = []
        for point in points:
            outcomes = [run_handover(env, policy, encoder, seed, point) for seed in seeds]
            handed = [o for o in outcomes if o is not None]
            low, high = wilson_interval(sum(handed), len(handed))
            cells.append(f"{sum(handed)}/{len(handed)} ({low:.0%}–{high:.0%})")
        env.close()
        table.add_row(name, *cells)
    Console().print(table)


if __name__ == "__main__":
    main()
