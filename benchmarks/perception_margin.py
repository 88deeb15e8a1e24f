"""How precisely a task demands that the objects be localised: the scripted expert, steering by positions with a
per-episode error added, as a learner's vision would give them.

    python benchmarks/perception_margin.py [--episodes 100] [--errors 0,2,4,6,8] [--split 4,8] [--tasks ring,cable]

A student imitates an expert that steers by privileged positions; it must read those from 96 px images, and a
learned network's error is mostly a bias that persists over an episode. Here the expert runs closed loop with a
fixed error drawn per episode and per object (each axis ~ N(0, sigma^2) in the table plane): on the object it is
reaching for while the hand does not hold it, and on the goal (peg, socket) while it does. What the expert decides
from the state (held or not, done or not) stays exact, so the table isolates localisation. A `yaw` row adds a
per-episode error on the plug's and the socket's yaw instead (the pin is square and must be turned to within a
few degrees). At the ``--split`` errors the error is also put on one of the two alone (``object``: reaching and
grasping; ``goal``: placing or inserting), to say which phase needs the precision. Baseline in the same run: the
expert with no error. Success counts with 95 % Wilson intervals.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.sim import ALIASES, make_env  # noqa: E402
from robotstack.sim.experts import InstructionExpert, expert_for_env, mislocated  # noqa: E402
from robotstack.sim.rollout import rollout  # noqa: E402
from robotstack.stats import wilson_interval  # noqa: E402

FIRST_SEED = 2_000_000  # apart from training (10 000..<100 000) and evaluation (1 000 000..) seeds
YAW_ERRORS_RAD = (0.05, 0.1, 0.2)
YAW_TASKS = (ALIASES["cable"],)  # the plug and the socket are the only objects whose yaw an expert steers by
ROLES = ("object", "goal")


class MislocatingExpert:
    """The task's expert, fed a privileged state whose object positions (or yaws) carry a fixed error."""

    def __init__(self, info: dict[str, Any], sigma_m: float, sigma_yaw: float, roles: tuple[str, ...],
                 rng: np.random.Generator) -> None:
        self.expert: InstructionExpert = expert_for_env(info)
        self.sigma_m, self.sigma_yaw, self.roles = sigma_m, sigma_yaw, roles
        self.draw_errors(rng)

    def draw_errors(self, rng: np.random.Generator) -> None:
        """A new error on each object (called once per episode here; more often where a new error is wanted)."""
        # Drawn for both roles whatever ``roles`` says, so a row with the error on one alone has the same errors
        # there as the row with both.
        self.bias = {key: rng.normal(0.0, self.sigma_m, size=2) * (key in self.roles) for key in ROLES}
        self.yaw_bias = {key: float(rng.normal(0.0, self.sigma_yaw)) * (key in self.roles) for key in ROLES}

    def __call__(self, obs: dict[str, Any], info: dict[str, Any]) -> np.ndarray:
        return self.expert.act(self.perceived(info["privileged"]))

    def perceived(self, truth: dict[str, Any]) -> dict[str, Any]:
        return mislocated(self.expert, truth, self.bias["object"], self.bias["goal"], self.yaw_bias["object"],
                          self.yaw_bias["goal"])


_envs: dict[str, Any] = {}


def _episode(job: tuple[str, int, float, float, tuple[str, ...]]) -> bool:
    task, seed, sigma_m, sigma_yaw, roles = job
    if task not in _envs:
        _envs[task] = make_env(task, image_size=16)  # the expert needs no pixels; smallest render
    rng = np.random.default_rng([seed, int(sigma_m * 1e6), int(sigma_yaw * 1e6)])
    return rollout(_envs[task], seed, lambda info: MislocatingExpert(info, sigma_m, sigma_yaw, roles, rng)).success


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--episodes", type=int, default=100)
    parser.add_argument("--errors", default="0,2,4,6,8", help="position error sigmas, mm per axis")
    parser.add_argument("--split", default="4,8", help="position errors (mm) also put on the object or the goal alone")
    parser.add_argument("--tasks", default="ring,cable")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    sigmas = [float(s) / 1000 for s in args.errors.split(",")]
    tasks = [ALIASES.get(t, t) for t in args.tasks.split(",")]
    split = [float(s) / 1000 for s in args.split.split(",") if s]
    settings = []
    for task in tasks:
        settings += [(task, s, 0.0, ROLES) for s in sigmas]
        settings += [(task, s, 0.0, (role,)) for s in split for role in ROLES]
        settings += [(task, 0.0, y, ROLES) for y in YAW_ERRORS_RAD if task in YAW_TASKS]
    seeds = range(FIRST_SEED, FIRST_SEED + args.episodes)
    jobs = [(t, seed, s, y, roles) for t, s, y, roles in settings for seed in seeds]
    with ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_episode, jobs, chunksize=8))
    table = Table(title=f"scripted expert with a per-episode localisation error, {args.episodes} seeds each "
                        f"({FIRST_SEED}-{FIRST_SEED + args.episodes - 1})")
    for column in ("task", "position error σ per axis", "yaw error σ", "on", "success", "95 % CI"):
        table.add_column(column)
    for i, (task, sigma_m, sigma_yaw, roles) in enumerate(settings):
        successes = sum(results[i * args.episodes:(i + 1) * args.episodes])
        low, high = wilson_interval(successes, args.episodes)
        table.add_row(task, f"{sigma_m * 1000:g} mm", f"{sigma_yaw:g} rad", " and ".join(roles),
                      f"{successes}/{args.episodes}", f"{low:.0%}–{high:.0%}")
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
