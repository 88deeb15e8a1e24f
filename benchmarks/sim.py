"""Simulation benchmark: physics and control rates, camera render cost, expert success rates.

    python benchmarks/sim.py [--episodes 200] [--workers 2] [--skip-experts]

Prints tables of medians and p99s. Baselines measured in the same run: raw ``mj_step`` (for the
controller's overhead) and MuJoCo's default visual quality (for the fast render settings).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor

os.environ.setdefault("MUJOCO_GL", "egl")

import mujoco  # noqa: E402
import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.sim import TASKS, make_env  # noqa: E402
from robotstack.sim.rollout import rollout  # noqa: E402
from robotstack.sim.scene import panda_xml  # noqa: E402
from robotstack.stats import percentiles, wilson_interval  # noqa: E402

console = Console(width=200)


def _timed(fn, repeats: int) -> np.ndarray:
    samples = np.empty(repeats)
    for i in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples[i] = time.perf_counter() - t0
    return samples * 1000.0


def physics_and_control(task: str, steps: int = 300) -> dict[str, float]:
    """Raw physics steps/s, control steps/s without and with both cameras rendered at 128 px."""
    env = make_env(task, image_size=128).unwrapped
    env.reset(seed=0)
    model, data = env.model, env.data
    raw = _timed(lambda: mujoco.mj_step(model, data), steps * 10)

    def controlled_physics_step():
        env.controller.step(data)
        mujoco.mj_step(model, data)

    with_ik = _timed(controlled_physics_step, steps * 10)
    rng = np.random.default_rng(0)
    actions = rng.uniform(-0.3, 0.3, size=(steps, 5))
    render = env._observation  # noqa: SLF001 - the benchmark times the env's own observation path
    env._observation = lambda: {}  # noqa: SLF001
    control_only = _timed_steps(env, actions)
    env._observation = render  # noqa: SLF001
    env.reset(seed=0)
    control_render = _timed_steps(env, actions)
    env.close()
    return {
        "raw_ms": raw, "ik_ms": with_ik, "control_ms": control_only, "control_render_ms": control_render,
        "substeps": env.n_substeps,
    }


def _timed_steps(env, actions: np.ndarray) -> np.ndarray:
    samples = np.empty(len(actions))
    for i, action in enumerate(actions):
        t0 = time.perf_counter()
        env.step(action)
        samples[i] = time.perf_counter() - t0
    return samples * 1000.0


def render_cost(sizes=(64, 96, 128, 224), repeats: int = 200) -> list[dict]:
    """ms per camera image with the project's visual settings and with MuJoCo's defaults (baseline)."""
    env = make_env("language", image_size=64).unwrapped
    env.reset(seed=0)
    default_xml = re.sub(r"<quality[^>]*/>", "", _language_xml(env))
    default_model = mujoco.MjModel.from_xml_string(default_xml)
    default_data = mujoco.MjData(default_model)
    mujoco.mj_forward(default_model, default_data)
    rows = []
    for size in sizes:
        fast = mujoco.Renderer(env.model, size, size)
        slow = mujoco.Renderer(default_model, size, size)

        def render_fast():
            fast.update_scene(env.data, "front")
            fast.render()

        def render_slow():
            slow.update_scene(default_data, "front")
            slow.render()

        for fn in (render_fast, render_slow):
            _timed(fn, 5)
        rows.append({"size": size, "fast": _timed(render_fast, repeats), "default": _timed(render_slow, repeats // 4)})
        fast.close()
        slow.close()
    env.close()
    return rows


def _language_xml(env) -> str:
    from robotstack.sim.scene import compose

    return compose([panda_xml(), *env.entity_xml()])


def _episode(args: tuple[str, int]) -> bool:
    task, seed = args
    env = _episode.envs.get(task) if hasattr(_episode, "envs") else None
    if env is None:
        _episode.envs = getattr(_episode, "envs", {})
        env = _episode.envs[task] = make_env(task, image_size=16)
    return rollout(env, seed).success


def expert_success(episodes: int, workers: int, first_seed: int) -> list[dict]:
    rows = []
    # spawn, not fork: a forked child inherits this process's EGL contexts and can deadlock on them.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for task in TASKS:
            t0 = time.perf_counter()
            seeds = range(first_seed, first_seed + episodes)
            successes = sum(pool.map(_episode, [(task, s) for s in seeds], chunksize=4))
            rows.append({"task": task, "successes": successes, "episodes": episodes,
                         "ci": wilson_interval(successes, episodes), "wall_s": time.perf_counter() - t0})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", type=int, default=200, help="expert episodes per task")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--first-seed", type=int, default=100_000, help="seeds used: first-seed .. +episodes")
    parser.add_argument("--skip-experts", action="store_true")
    args = parser.parse_args()

    table = Table(title="physics and control (1 process, 128 px cameras)")
    for col in ("task", "substeps", "raw mj_step µs p50", "mj_step+IK µs p50", "IK overhead",
                "control step ms p50/p99 (no render)", "control step ms p50/p99 (2 cams)",
                "physics steps/s", "control steps/s (2 cams)"):
        table.add_column(col, justify="right")
    for task in TASKS:
        r = physics_and_control(task)
        raw, ik = percentiles(r["raw_ms"]), percentiles(r["ik_ms"])
        ctl, ctl_r = percentiles(r["control_ms"]), percentiles(r["control_render_ms"])
        table.add_row(
            task, str(r["substeps"]), f"{raw['p50'] * 1000:.0f}", f"{ik['p50'] * 1000:.0f}",
            f"{ik['p50'] / raw['p50']:.2f}x", f"{ctl['p50']:.2f} / {ctl['p99']:.2f}",
            f"{ctl_r['p50']:.2f} / {ctl_r['p99']:.2f}", f"{1000 / raw['p50']:.0f}",
            f"{1000 / ctl_r['p50']:.0f}",
        )
    console.print(table)

    table = Table(title="render cost per camera image (LanguageTabletop scene, front camera)")
    for col in ("size px", "fast ms p50", "fast ms p99", "MuJoCo default ms p50", "speed-up", "2 cams ms p50"):
        table.add_column(col, justify="right")
    for row in render_cost():
        fast, slow = percentiles(row["fast"]), percentiles(row["default"])
        table.add_row(str(row["size"]), f"{fast['p50']:.2f}", f"{fast['p99']:.2f}", f"{slow['p50']:.2f}",
                      f"{slow['p50'] / fast['p50']:.0f}x", f"{2 * fast['p50']:.2f}")
    console.print(table)

    if not args.skip_experts:
        table = Table(title=f"scripted experts, {args.episodes} seeded episodes per task "
                            f"(seeds {args.first_seed}..{args.first_seed + args.episodes - 1})")
        for col in ("task", "success", "rate", "95 % CI (Wilson)", "wall s"):
            table.add_column(col, justify="right")
        for row in expert_success(args.episodes, args.workers, args.first_seed):
            low, high = row["ci"]
            table.add_row(row["task"], f"{row['successes']}/{row['episodes']}",
                          f"{row['successes'] / row['episodes']:.1%}", f"{low:.1%} – {high:.1%}", f"{row['wall_s']:.0f}")
        console.print(table)


if __name__ == "__main__":
    main()
