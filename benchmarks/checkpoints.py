"""Every checkpoint of a training run, closed loop in torch: did each DAgger round help, and does it over-fit?

    python benchmarks/checkpoints.py runs/train/student-LanguageTabletop-v0 [--episodes 20] [--instruction-steps 1]

Loads ``bc.ckpt`` and each ``dagger<N>.ckpt`` of a ``robotstack train --work-dir`` folder and runs each, at expert
share 0, through the same rollout the DAgger rounds record (``record_episode`` with a ``TorchActor``; conditioned on
the expert's subtask phrase), on two seed sets: unseen seeds (from ``EVAL_SEED_BASE``) and the scenes of the first
demonstration seeds (from ``TRAIN_SEED_BASE``). The gap between the two is over-fitting; a round that is worse than
the one before on unseen seeds did not help. This is the torch policy, not the exported file: ``robotstack eval``
measures that one through the control loop.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("MUJOCO_GL", "egl")

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.episodes import EVAL_SEED_BASE  # noqa: E402
from robotstack.policies.collect import record_episode  # noqa: E402
from robotstack.policies.parallel import DAGGER_MODES, TorchActor  # noqa: E402
from robotstack.policies.pipeline import TRAIN_SEED_BASE  # noqa: E402
from robotstack.policies.train import load_checkpoint  # noqa: E402
from robotstack.sim import make_env  # noqa: E402
from robotstack.stats import wilson_interval  # noqa: E402


def checkpoints(work_dir: Path) -> list[Path]:
    """``bc.ckpt`` then the DAgger rounds' checkpoints in round order."""
    rounds = sorted(work_dir.glob("dagger*.ckpt"), key=lambda p: int(p.stem.removeprefix("dagger")))
    found = [p for p in [work_dir / "bc.ckpt", *rounds] if p.exists()]
    if not found:
        raise SystemExit(f"{work_dir}: no bc.ckpt or dagger<N>.ckpt (expected a `robotstack train --work-dir` task folder)")
    return found


def successes(path: Path, task: str, seed_sets: list[list[int]], mode: str, env_options: dict) -> list[int]:
    """The checkpoint's successes on each seed set (loaded, and its task built, once for all of them)."""
    policy = load_checkpoint(path).eval()
    env = make_env(task, image_size=policy.cfg.image_size, **env_options)
    actor = TorchActor(policy, mode)
    return [sum(record_episode(env, seed, policy=actor, beta=0.0).success for seed in seeds) for seeds in seed_sets]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work_dir", type=Path, help="a task folder of a training work dir (…/student-<Task>-v0)")
    parser.add_argument("--episodes", type=int, default=20, help="episodes per seed set and checkpoint")
    parser.add_argument("--mode", choices=DAGGER_MODES, default="sync", help="how the policy executes its chunks")
    parser.add_argument("--instruction-steps", type=int, default=None,
                        help="language task only: steps per instruction (default: the task's own mix)")
    args = parser.parse_args()

    task = args.work_dir.name.split("-", 1)[1]  # role-Task-vN, as `robotstack train` names its task folders
    options = {"instruction_steps": args.instruction_steps} if args.instruction_steps is not None else {}
    seed_sets = {"unseen": list(range(EVAL_SEED_BASE, EVAL_SEED_BASE + args.episodes)),
                 "demonstration scenes": list(range(TRAIN_SEED_BASE, TRAIN_SEED_BASE + args.episodes))}
    table = Table(title=f"{task}, torch checkpoints of {args.work_dir}, {args.mode} mode, expert share 0")
    table.add_column("checkpoint")
    for name, seeds in seed_sets.items():
        table.add_column(f"{name} ({seeds[0]}–{seeds[-1]})", justify="right")
    for path in checkpoints(args.work_dir):
        cells = []
        for seeds, wins in zip(seed_sets.values(), successes(path, task, list(seed_sets.values()), args.mode, options)):
            low, high = wilson_interval(wins, len(seeds))
            cells.append(f"{wins}/{len(seeds)} ({low:.0%}–{high:.0%})")
        table.add_row(path.name, *cells)
    Console().print(table)


if __name__ == "__main__":
    main()
