"""`robotstack sim`: list the tasks and run the scripted experts with a video and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from robotstack.atomic import write_json_atomic
from robotstack.stats import wilson_interval

sim_app = typer.Typer(help="Simulation tasks and their scripted experts.", no_args_is_help=True)
console = Console()


@sim_app.command("list")
def list_tasks() -> None:
    """List the registered tasks with their horizon and instruction form."""
    from robotstack.sim import ALIASES, TASKS, make_env

    aliases = {task: alias for alias, task in ALIASES.items()}
    table = Table(title="robotstack tasks")
    for column in ("task id", "alias", "horizon (steps)", "control rate", "example instruction"):
        table.add_column(column)
    for task_id in TASKS:
        env = make_env(task_id, image_size=16)
        obs, _ = env.reset(seed=0)
        unwrapped = env.unwrapped
        table.add_row(task_id, aliases[task_id], str(unwrapped.horizon), f"{unwrapped.control_hz:g} Hz",
                      obs["instruction"])
        env.close()
    console.print(table)


@sim_app.command("demo")
def demo(
    task: Annotated[str, typer.Option(help="Task id or alias (ring, cable, language).")] = "ring",
    episodes: Annotated[int, typer.Option(min=1, help="Number of episodes.")] = 3,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the first episode; episode i uses seed + i.")] = 0,
    video: Annotated[Path | None, typer.Option(help="Write an mp4 of every episode (front | wrist).")] = None,
    summary: Annotated[Path | None, typer.Option(help="Write a JSON summary of the run.")] = None,
    image_size: Annotated[int, typer.Option(help="Camera resolution in pixels (square).")] = 128,
    randomization: Annotated[int, typer.Option(min=0, max=2, help="0 poses, 1 +lighting/camera, 2 +colours.")] = 0,
) -> None:
    """Roll out the scripted expert and report success per episode and in total."""
    import numpy as np

    from robotstack.sim import make_env, resolve_task
    from robotstack.sim.rollout import rollout
    from robotstack.video import VideoWriter

    try:
        task_id = resolve_task(task)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--task") from err
    env = make_env(task_id, image_size=image_size, randomization=randomization)
    writer = VideoWriter(video, fps=env.unwrapped.control_hz) if video else None

    def record(obs, action, info) -> None:
        if writer is not None:
            writer.add(np.concatenate([obs["images"]["front"], obs["images"]["wrist"]], axis=1))

    results = []
    with Progress(console=console, transient=True) as progress:
        bar = progress.add_task(f"{task_id}", total=episodes)
        for i in range(episodes):
            result = rollout(env, seed + i, on_step=record)
            results.append(result)
            mark = "[green]success[/]" if result.success else "[red]failure[/]"
            progress.console.print(f"episode {i} seed {result.seed}: {mark} in {result.steps} steps — "
                                   f"{result.instruction!r}")
            progress.advance(bar)
    env.close()
    successes = sum(r.success for r in results)
    low, high = wilson_interval(successes, len(results))
    console.print(f"[bold]{task_id}[/]: {successes}/{len(results)} successful "
                  f"({successes / len(results):.0%}, 95 % CI {low:.0%}–{high:.0%})")
    if writer is not None and (path := writer.close()) is not None:
        console.print(f"video: {path}")
    if summary is not None:
        write_json_atomic(summary, {
            "task": task_id,
            "controller": "scripted expert",
            "episodes": [r.__dict__ for r in results],
            "successes": successes,
            "success_rate": successes / len(results),
            "success_ci95": [low, high],
            "video": str(video) if video else None,
        })
        console.print(f"summary: {summary}")
