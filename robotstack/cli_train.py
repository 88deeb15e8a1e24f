"""`robotstack train`: reproduce a shipped policy (needs the [train] extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console()


def train_policy(
    role: Annotated[str, typer.Argument(help="student or teacher")],
    task: Annotated[str, typer.Option(help="Task alias or id.")] = "ring",
    demos: Annotated[int, typer.Option(min=1, help="Expert demonstrations (every other one with DART noise).")] = 600,
    steps: Annotated[int, typer.Option(min=1, help="Behaviour-cloning steps (batch 64).")] = 20_000,
    dagger_rounds: Annotated[int, typer.Option(min=0, help="DAgger rounds after behaviour cloning.")] = 2,
    dagger_episodes: Annotated[int, typer.Option(min=1, help="Policy-led episodes per DAgger round.")] = 100,
    eval_episodes: Annotated[int, typer.Option(min=1, help="Unseen-seed episodes per exported file.")] = 50,
    work_dir: Annotated[Path, typer.Option(help="Checkpoints and cached data; rerun to resume.")] = Path("runs/train"),
    out: Annotated[Path, typer.Option(help="Where the ONNX files go.")] = Path("runs/train/weights"),
) -> None:
    """Demonstrations -> behaviour cloning -> DAgger -> ONNX fp32/int8/fp16 -> evaluation on unseen seeds."""
    if role not in ("student", "teacher"):
        raise typer.BadParameter(f"{role!r}; accepted: student, teacher", param_hint="ROLE")
    from robotstack.policies.pipeline import PipelineConfig, run
    from robotstack.sim import resolve_task

    try:
        task_id = resolve_task(task)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--task") from err
    cfg = PipelineConfig(task=task_id, role=role, demos=demos, steps=steps, dagger_rounds=dagger_rounds,
                         dagger_episodes=dagger_episodes, eval_episodes=eval_episodes)
    summary = run(cfg, work_dir / f"{role}-{task_id.split('/')[-1]}", out, log=console.print)
    for name, entry in summary["files"].items():
        ev = entry["eval"]
        console.print(f"{name}: {ev['successes']}/{ev['episodes']} on unseen seeds "
                      f"(95 % CI {ev['ci95'][0]:.0%}–{ev['ci95'][1]:.0%}), sha256 {entry['sha256'][:12]}…")
    console.print(f"wall time {summary['train_wall_s'] / 60:.1f} min; {summary['flops'] / 1e6:.1f} MFLOPs per inference")
