"""`robotstack run | eval | sweep | profile`: the policy in the control loop, judged against a board.

Every command writes a run directory (metrics.json, trace.json, report.html; video.mp4 with --video).
"""

from __future__ import annotations

import shlex
import socket
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from robotstack.episodes import EVAL_SEED_BASE
from robotstack.faults import FaultPlan
from robotstack.loop import DEFAULT_MODE
from robotstack.priority import apply_loop_priority, current_nice
from robotstack.profiles import DEFAULT_PROFILE, ProfileError, list_profiles, load_profile
from robotstack.projection import Figure
from robotstack.reasoning.client import ClientConfig
from robotstack.report import ProjectionRow, RunInfo, new_run_dir, write_run
from robotstack.skills import LANGUAGE_TASK, skill_options
from robotstack.stats import wilson_interval
from robotstack.tracing import Tracer
from robotstack.video import VideoWriter

console = Console()

TaskOpt = Annotated[str, typer.Option(help="Task id or alias (ring, cable, language).")]
PolicyOpt = Annotated[str, typer.Option(help="Shipped policy name (student, student-int8, teacher) or an .onnx path.")]
ProfileOpt = Annotated[str, typer.Option(help="Hardware profile name or YAML path.")]
EpisodesOpt = Annotated[int, typer.Option(min=1, help="Episodes to run.")]
ModeOpt = Annotated[str, typer.Option(help="ensemble (infer every tick, average what the recent chunks predict "
                                           "for it; the default), sync (infer every tick, send the chunk's first "
                                           "action) or async (action-chunk queue).")]
OutOpt = Annotated[Path, typer.Option(help="Folder the run directory is created in.")]
ReasonerOpt = Annotated[str | None, typer.Option(help="Endpoint of a reasoning service for instructions the "
                                                       "router escalates, e.g. tcp://127.0.0.1:5555.")]
ReasonerLatencyOpt = Annotated[float, typer.Option(min=0.0, help="Emulated tier-2 latency added to every reply, in "
                                                                 "ms (network plus generation of a remote model).")]
StepsOpt = Annotated[int | None, typer.Option(min=1, max=2, help="Language task only: sample just one-step or "
                                                                 "just two-step instructions (default: half each).")]
SkillOpt = Annotated[str | None, typer.Option(help="Language task only: one-step instructions of this skill alone "
                                                  "(place_ring or plug_cable; the seeds' scenes stay the same).")]
ReadyPoseOpt = Annotated[bool, typer.Option(help="Between subtasks, take the hand back to where it started before the "
                                                "next one (the pose the skills were learned from), and after a missed "
                                                "grasp before starting the subtask again.")]
PlacementCheckOpt = Annotated[bool, typer.Option(help="Before moving past a ring subtask read done, look for the ring "
                                                     "on its peg in the front camera and start it again if it is "
                                                     "seen elsewhere (robotstack/placement.py).")]
RegraspOpt = Annotated[bool | None, typer.Option("--regrasp-corners/--no-regrasp-corners", show_default=False,
                                                 help="Let go of a plug held across its corners (the fingers settled "
                                                      "28.5 mm apart or wider on its 22 mm grip) and grasp it again "
                                                      "with the wrist turned 45 degrees (robotstack/regrasp.py). "
                                                      "Default: on for the language task, off for the cable task "
                                                      "(where it was measured not to help).")]
TokenPriceOpt = Annotated[str, typer.Option(help="USD per million prompt,completion tokens of the remote "
                                                 "backend, e.g. '0.15,0.60': reports an estimated cost per "
                                                 "successful episode.")]


def _token_price(text: str) -> tuple[float, float] | None:
    if not text:
        return None
    try:
        prompt, completion = (float(part) for part in text.split(","))
    except ValueError:
        prompt = completion = -1.0
    if prompt < 0 or completion < 0:
        raise typer.BadParameter(f"{text!r}; accepted: two non-negative numbers 'PROMPT,COMPLETION' in USD per "
                                 "million tokens, e.g. 0.15,0.60", param_hint="--token-price")
    return prompt, completion


def _profile(name: str):
    try:
        return load_profile(name)
    except ProfileError as err:
        raise typer.BadParameter(str(err), param_hint="--profile") from err


def _policy(name: str, profile, task_id: str | None = None):
    """Load a policy by shipped name or path; a shipped name resolves to the student trained on ``task_id``."""
    from robotstack.policy import PolicyContractError
    from robotstack.runtime import load_policy
    from robotstack.weights import WeightsError, resolve

    try:
        file = resolve(name, task=task_id)
    except WeightsError as err:
        raise typer.BadParameter(str(err), param_hint="--policy") from err
    if task_id is not None and file.tasks and task_id not in file.tasks:
        console.print(f"[yellow]warning:[/] {file.name} was trained on {', '.join(file.tasks)}, not {task_id}; no shipped "
                      "policy of that role and precision was trained on it")
    try:
        policy, choice = load_policy(file.path, profile, expected_sha256=file.sha256)
    except PolicyContractError as err:  # not an ONNX file, or not one of the policy contract: say which
        raise typer.BadParameter(str(err), param_hint="--policy") from err
    for missing in choice.missing:
        console.print(f"[yellow]warning:[/] {missing} is not available in this onnxruntime build")
    console.print(f"policy {file.path} on {policy.session.get_providers()[0]}")
    return file, policy


def _latency(spec: str, policy_path: Path, profile) -> tuple[float | None, str]:
    """(assumed inference latency in ms or None for measured, kind) from --latency."""
    if spec == "measured":
        return None, "measured"
    if spec == "projected":
        from robotstack.projection import project

        return float(project(policy_path, profile).total.value), "projected"
    try:
        return float(spec), "projected"
    except ValueError as err:
        raise typer.BadParameter(f"{spec!r}; accepted: measured, projected or a number of ms",
                                 param_hint="--latency") from err


def _projection_rows(policy_path: Path, names: list[str], host_median: Figure | None) -> list[ProjectionRow]:
    """The policy's latency on each named board (projected) and on this host (measured, never projected)."""
    from robotstack.projection import ProjectionError, project

    rows = []
    for name in names:
        if name == "host":
            continue
        try:
            rows.append(ProjectionRow.from_projection(project(policy_path, load_profile(name))))
        except (ProfileError, ProjectionError) as err:  # one board failing must not lose the run
            console.print(f"[yellow]projection for {name} failed: {err}[/]")
    if host_median is not None:
        rows.append(ProjectionRow.from_figure("host", host_median, load_profile("host").budgets.inference_ms))
    return rows


def _run_info(task: str | None, profile, file, mode: str, control_hz: float, episodes: int) -> RunInfo:
    return RunInfo(command=shlex.join(["robotstack", *sys.argv[1:]]), started_at=datetime.now(timezone.utc),
                   host=socket.gethostname(), profile=profile.name, policy_path=str(file.path) if file else None,
                   policy_sha256=_sha(file) if file else None, task=task, mode=mode, control_hz=control_hz,
                   episodes=episodes, loop_nice=current_nice())


def _loop_profile(name: str):
    """The profile, with the loop priority it asks for taken before the policy and renderer start threads."""
    profile = _profile(name)
    priority = apply_loop_priority(profile.runtime.loop_nice)
    if priority.requested is not None and not priority.applied:
        console.print(f"[yellow]warning:[/] {escape(priority.reason)}", soft_wrap=True)
    return profile


def _sha(file) -> str:
    from robotstack.policy import sha256_of

    return file.sha256 or sha256_of(file.path)


def _simulate(task: str, policy_name: str, profile_name: str, episodes: int, seed: int, mode: str,
              latency: str, out: Path, video: bool, prefix: str, inject: str = "", reasoner: str | None = None,
              reasoner_latency_ms: float = 0.0, token_price: str = "", instruction_steps: int | None = None,
              skill: str | None = None, ready_pose: bool = True, placement_check: bool = True,
              regrasp_corners: bool | None = None):
    from robotstack.episodes import loop_config, run_episodes, run_metrics
    from robotstack.sim import resolve_task

    if mode not in ("sync", "ensemble", "async"):
        raise typer.BadParameter(f"{mode!r}; accepted: sync, ensemble, async", param_hint="--mode")
    try:
        task_id = resolve_task(task)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--task") from err
    env_options = {}
    if instruction_steps is not None:
        if task_id != LANGUAGE_TASK:
            raise typer.BadParameter(f"applies to robotstack/LanguageTabletop-v0 only, not {task_id}",
                                     param_hint="--instruction-steps")
        env_options["instruction_steps"] = instruction_steps
    try:
        env_options.update(skill_options(task_id, skill, instruction_steps))
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--skill") from err
    profile = _loop_profile(profile_name)
    file, policy = _policy(policy_name, profile, task_id)
    if policy.spec.takes_turn and mode != "ensemble":
        console.print(f"[yellow]warning:[/] {file.name}'s members take turns, one per inference; only ensemble mode "
                      f"averages them, so in {mode} mode each action comes from one member")
    latency_ms, kind = _latency(latency, file.path, profile)
    try:
        faults = FaultPlan.parse(inject, seed=seed) if inject else None
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--inject") from err
    price = _token_price(token_price)
    config = loop_config(policy, profile, mode, latency_ms)
    tracer = Tracer()
    run_dir = new_run_dir(out, prefix)
    # The writer only encodes on close, after write_run has created the run directory.
    writer = VideoWriter(run_dir / "video.mp4", fps=config.control_hz) if video else None
    on_frame = (lambda f: writer.add(np.concatenate([f.images["front"], f.images["wrist"]], axis=1))) if video else None
    with Progress(console=console, transient=True) as progress:
        bar = progress.add_task(f"{task_id} on {profile.name}", total=episodes)

        def done(record) -> None:
            mark = "[green]success[/]" if record.success else "[red]failure[/]"
            progress.console.print(f"seed {record.seed}: {mark} after {record.ticks} ticks — {record.instruction!r}")
            progress.advance(bar)

        # Simulated time: the world waits for the service, so a run repeats whatever the host's load.
        client = (ClientConfig(endpoint=reasoner, extra_latency_s=reasoner_latency_ms / 1000, lockstep=True)
                  if reasoner else None)
        result = run_episodes(policy, task_id, list(range(seed, seed + episodes)), config, tracer,
                              on_episode=done, on_frame=on_frame, faults=faults, reasoner=client,
                              env_options=env_options, ready_between_subtasks=ready_pose,
                              placement_check=placement_check, regrasp_corners=regrasp_corners)
    info = _run_info(task_id, profile, file, mode, config.control_hz, episodes)
    measured = tracer.stage_durations().get("infer", np.array([]))
    host_median = Figure(float(np.median(measured)), "ms", "measured") if measured.size else None
    metrics = run_metrics(result, tracer, info, profile, kind, _projection_rows(file.path, list(list_profiles()), host_median),
                          reasoner_latency_ms, price)
    write_run(run_dir, metrics, tracer)
    if writer is not None:
        writer.close()
    return result, metrics, run_dir, latency_ms, kind


def _print_summary(metrics, result, run_dir: Path, latency_ms: float | None, kind: str) -> None:
    table = Table(title="run summary")
    table.add_column("figure")
    table.add_column("value", justify="right")
    row = metrics.success[0]
    table.add_row("success", f"{row.successes}/{row.episodes} ({row.rate:.0%}, 95 % CI {row.ci_low:.0%}–{row.ci_high:.0%})")
    for stage in metrics.stages:
        if stage.count:
            budget = f" (budget {stage.budget_ms:g})" if stage.budget_ms else ""
            table.add_row(f"{stage.stage} ms p50 / p99 ({stage.kind})", f"{stage.p50_ms:.2f} / {stage.p99_ms:.2f}{budget}")
    applied = "measured on this host" if latency_ms is None else f"{latency_ms:.2f} ms ({kind})"
    table.add_row("inference latency applied to the world", applied)
    misses = metrics.deadline_misses
    table.add_row("deadline misses", ", ".join(f"{k}: {v}" for k, v in misses.by_stage.items()) or f"0 of {misses.total_ticks} ticks")
    table.add_row("safety interventions", ", ".join(f"{k}: {v}" for k, v in metrics.safety_interventions.items()) or "0")
    table.add_row("faults", ", ".join(f"{k}: {v}" for k, v in metrics.faults.items()) or "0")
    if (r := metrics.reasoning) is not None:
        table.add_row("escalations to tier 2", f"{r.escalations} of {r.instructions} instructions "
                      f"({', '.join(f'{k}: {v}' for k, v in sorted(r.reasons.items())) or 'none'})")
        if r.tier2_latency_p50_ms is not None:
            table.add_row("tier-2 latency ms p50 / p99 (measured)", f"{r.tier2_latency_p50_ms:.1f} / {r.tier2_latency_p99_ms:.1f}")
        if r.cost_usd is not None:
            per = "no success" if r.cost_per_success_usd is None else f"${r.cost_per_success_usd:.4f} per success"
            table.add_row("tier-2 cost (projected)", f"${r.cost_usd:.4f}, {per}")
    console.print(table)
    console.print(f"report: {run_dir / 'report.html'}")


def run(
    task: TaskOpt = "ring",
    policy: PolicyOpt = "student-int8",
    profile: ProfileOpt = DEFAULT_PROFILE,
    episodes: EpisodesOpt = 3,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the first episode.")] = EVAL_SEED_BASE,
    mode: ModeOpt = DEFAULT_MODE,
    latency: Annotated[str, typer.Option(help="Inference latency the world sees: projected (for --profile), "
                                              "measured (this host) or a number of ms.")] = "projected",
    out: OutOpt = Path("runs"),
    video: Annotated[bool, typer.Option(help="Also write video.mp4 (front | wrist).")] = False,
    inject: Annotated[str, typer.Option(help="Faults to inject per tick, e.g. 'drop=0.05,stale=0.02,freeze=0.01,"
                                             "corrupt=0.01,unplug=0.01,bad_state=0.01,nan=0.02,late=0.05' (seeded "
                                             "by --seed; a freeze lasts 20 frames).")] = "",
    reasoner: ReasonerOpt = None,
    reasoner_latency_ms: ReasonerLatencyOpt = 0.0,
    token_price: TokenPriceOpt = "",
    instruction_steps: StepsOpt = None,
    skill: SkillOpt = None,
    ready_pose: ReadyPoseOpt = True,
    placement_check: PlacementCheckOpt = True,
    regrasp_corners: RegraspOpt = None,
    camera: Annotated[list[str] | None, typer.Option(help="Real cameras instead of the simulator, NAME=DEVICE|FILE "
                                                          "(repeat per camera); the loop then runs on the wall clock "
                                                          "and records the actions it would send.")] = None,
    instruction: Annotated[str, typer.Option(help="Instruction for --camera runs.")] = "put the red ring on the blue peg",
    ticks: Annotated[int, typer.Option(min=1, help="Ticks to run with --camera.")] = 200,
) -> None:
    """Run the policy in the control loop on simulated episodes, as it would run on --profile."""
    if camera:
        _realtime(camera, policy, profile, mode, instruction, ticks, out)
        return
    result, metrics, run_dir, latency_ms, kind = _simulate(task, policy, profile, episodes, seed, mode, latency, out,
                                                           video, "run", inject, reasoner, reasoner_latency_ms,
                                                           token_price, instruction_steps, skill, ready_pose,
                                                           placement_check, regrasp_corners)
    _print_summary(metrics, result, run_dir, latency_ms, kind)


def _realtime(cameras: list[str], policy_name: str, profile_name: str, mode: str, instruction: str, ticks: int,
              out: Path) -> None:
    """The loop on the wall clock against OpenCV cameras; actions are recorded, not sent (no robot bridge yet)."""
    from robotstack.actuators import RecordingActuator
    from robotstack.cameras import OpenCVCameras
    from robotstack.episodes import loop_config, stage_latencies, text_encoder
    from robotstack.loop import ControlLoop
    from robotstack.report import DeadlineMisses, RunMetrics

    sources = {}
    for spec in cameras:
        name, sep, source = spec.partition("=")
        if not sep or not name or not source:
            raise typer.BadParameter(f"{spec!r}; accepted: NAME=DEVICE_INDEX or NAME=VIDEO_FILE", param_hint="--camera")
        sources[name] = source
    profile = _loop_profile(profile_name)
    file, policy = _policy(policy_name, profile)
    missing = set(policy.spec.cameras) - set(sources)
    if missing:
        raise typer.BadParameter(f"the policy needs cameras {sorted(policy.spec.cameras)}; missing {sorted(missing)}",
                                 param_hint="--camera")
    try:
        source = OpenCVCameras(sources)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--camera") from err
    config = loop_config(policy, profile, mode, None)
    config.realtime = True
    tracer, sink = Tracer(), RecordingActuator()
    stats = ControlLoop(policy, config, tracer=tracer).run_episode(source, sink, text_encoder()(instruction), ticks)
    source.close()
    metrics = RunMetrics(
        run=_run_info("cameras: " + ", ".join(f"{k}={v}" for k, v in sources.items()), profile, file, mode,
                      config.control_hz, 1),
        stages=stage_latencies(tracer, profile, stats.loop_overhead_ms),
        deadline_misses=DeadlineMisses(total_ticks=stats.ticks, by_stage=dict(stats.deadline_misses), kind="measured"),
        faults=dict(stats.faults),
    )
    run_dir = new_run_dir(out, "run")
    write_run(run_dir, metrics, tracer)
    console.print(f"{stats.ticks} ticks on the wall clock at {config.control_hz:g} Hz; deadline misses "
                  f"{dict(stats.deadline_misses) or 0}; faults {dict(stats.faults) or 0}; {len(sink.actions)} actions "
                  f"recorded (no robot bridge)")
    console.print(f"report: {run_dir / 'report.html'}")


def evaluate(
    task: Annotated[str, typer.Option(help="Task id, alias, or 'all'.")] = "ring",
    policy: PolicyOpt = "student-int8",
    episodes: EpisodesOpt = 50,
    seed: Annotated[int, typer.Option(min=0, help="First evaluation seed (training used seeds below 100000).")] = EVAL_SEED_BASE,
    profile: ProfileOpt = "host",
    latency: Annotated[str, typer.Option(help="Inference latency the world sees (default 0: judge the policy, "
                                              "not the board).")] = "0",
    out: OutOpt = Path("runs"),
    reasoner: ReasonerOpt = None,
    reasoner_latency_ms: ReasonerLatencyOpt = 0.0,
    token_price: TokenPriceOpt = "",
    instruction_steps: StepsOpt = None,
    skill: SkillOpt = None,
    ready_pose: ReadyPoseOpt = True,
    placement_check: PlacementCheckOpt = True,
    regrasp_corners: RegraspOpt = None,
    mode: ModeOpt = DEFAULT_MODE,
) -> None:
    """Closed-loop success rates on unseen seeds, with 95 % Wilson intervals (on the language task, also by the
    skills the instructions ask for)."""
    from robotstack.sim import TASKS

    tasks = list(TASKS) if task == "all" else [task]
    table = Table(title=f"{policy}: closed-loop success on unseen seeds")
    for column in ("task", "success", "rate", "95 % CI (Wilson)", "report"):
        table.add_column(column)
    for name in tasks:
        result, metrics, run_dir, _, _ = _simulate(name, policy, profile, episodes, seed, mode, latency, out, False,
                                                   "eval", reasoner=reasoner, reasoner_latency_ms=reasoner_latency_ms,
                                                   token_price=token_price,
                                                   instruction_steps=instruction_steps if task != "all" or name == LANGUAGE_TASK else None,
                                                   skill=skill if task != "all" or name == LANGUAGE_TASK else None,
                                                   ready_pose=ready_pose, placement_check=placement_check,
                                                   regrasp_corners=regrasp_corners)
        groups = {result.task: result.episodes}
        if result.task == LANGUAGE_TASK:
            groups.update(_by_skills(result.episodes))
        for label, group in groups.items():
            successes = sum(e.success for e in group)
            low, high = wilson_interval(successes, len(group))
            table.add_row(label, f"{successes}/{len(group)}", f"{successes / len(group):.1%}",
                          f"{low:.1%} – {high:.1%}", str(run_dir / "report.html") if label == result.task else "")
    console.print(table)


def _by_skills(episodes: list) -> dict[str, list]:
    """Language episodes grouped by the skills their instructions ask for, in order ("  place_ring then
    plug_cable"); only where there is more than one group."""
    from robotstack.skills import parse_instruction

    groups: dict[str, list] = {}
    for episode in episodes:
        try:
            label = "  " + " then ".join(s.skill for s in parse_instruction(episode.instruction))
        except ValueError:  # a wording outside the grammar (a paraphrase)
            label = "  outside the grammar"
        groups.setdefault(label, []).append(episode)
    return dict(sorted(groups.items())) if len(groups) > 1 else {}


def sweep(
    task: TaskOpt = "ring",
    policy: PolicyOpt = "student-int8",
    latency_ms: Annotated[str, typer.Option(help="Comma-separated inference latencies in ms.")] = "0,10,25,50,100",
    episodes: EpisodesOpt = 20,
    seed: Annotated[int, typer.Option(min=0, help="First seed; every latency uses the same seeds.")] = EVAL_SEED_BASE,
    mode: ModeOpt = DEFAULT_MODE,
    profile: ProfileOpt = DEFAULT_PROFILE,
    out: OutOpt = Path("runs"),
) -> None:
    """Success rate against inference latency: what a slower board costs, in the same episodes."""
    from matplotlib.figure import Figure as PlotFigure

    from robotstack.report import RunMetrics, SuccessRow

    try:
        latencies = [float(x) for x in latency_ms.split(",") if x.strip()]
    except ValueError as err:
        raise typer.BadParameter(f"{latency_ms!r}; accepted: numbers separated by commas",
                                 param_hint="--latency-ms") from err
    rows = []
    for value in latencies:
        result, metrics, _, _, _ = _simulate(task, policy, profile, episodes, seed, mode, str(value), out / ".sweep",
                                             False, "sweep-point")
        rows.append((value, result.successes, len(result.episodes)))
        console.print(f"{value:g} ms: {result.successes}/{len(result.episodes)}")
    fig = PlotFigure(figsize=(6, 3.5))
    ax = fig.subplots()
    rates = [s / n for _, s, n in rows]
    cis = [wilson_interval(s, n) for _, s, n in rows]
    ax.errorbar(latencies, rates, yerr=[[r - lo for r, (lo, _) in zip(rates, cis)], [hi - r for r, (_, hi) in zip(rates, cis)]],
                marker="o", capsize=3)
    ax.set_xlabel("inference latency applied in simulation (ms)")
    ax.set_ylabel("success rate")
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(f"{task} ({mode}): success vs latency")
    info = metrics.run.model_copy(update={"command": shlex.join(["robotstack", *sys.argv[1:]]),
                                          "episodes": episodes * len(latencies)})
    summary = RunMetrics(run=info, success=[SuccessRow.from_counts(f"{task} @ {v:g} ms", s, n) for v, s, n in rows])
    run_dir = new_run_dir(out, "sweep")
    write_run(run_dir, summary, extra_plots={"success vs applied latency (projected/assumed latencies)": fig})
    table = Table(title="success vs latency")
    for column in ("latency ms", "success", "95 % CI"):
        table.add_column(column)
    for (value, s, n), (lo, hi) in zip(rows, cis):
        table.add_row(f"{value:g}", f"{s}/{n}", f"{lo:.0%} – {hi:.0%}")
    console.print(table)
    console.print(f"report: {run_dir / 'report.html'}")


def profile_policy(
    policy: PolicyOpt = "student-int8",
    profile: Annotated[str, typer.Option(help="Profile name, YAML path, or 'all'.")] = "all",
    runs: Annotated[int, typer.Option(min=10, help="Host measurement runs.")] = 200,
    out: OutOpt = Path("runs"),
) -> None:
    """Does the policy meet its inference budget on each board? Projected per board, measured on this host."""
    from robotstack.policy import OnnxPolicy, PolicyContractError
    from robotstack.projection import measure_on_host
    from robotstack.report import RunMetrics, StageLatency
    from robotstack.weights import WeightsError, resolve

    try:
        file = resolve(policy)
        OnnxPolicy(file.path)  # the policy contract, checked before anything is measured
    except (WeightsError, PolicyContractError) as err:
        raise typer.BadParameter(str(err), param_hint="--policy") from err
    names = list(list_profiles()) if profile == "all" else [profile]
    measurement = measure_on_host(file.path, runs=runs)
    rows = _projection_rows(file.path, names, measurement.median)
    host = load_profile("host")
    table = Table(title=f"{file.path.name}: inference latency vs budget")
    for column in ("profile", "latency ms", "budget ms", "verdict", "kind"):
        table.add_column(column)
    for row in rows:
        verdict = "[green]meets[/]" if row.meets_budget else "[red]misses[/]"
        table.add_row(row.profile, f"{row.latency_ms:.3f}", f"{row.budget_ms:g}", verdict, row.kind)
    console.print(table)
    console.print(f"host p99: {measurement.p99.value:.3f} ms over {measurement.runs} runs (measured)")
    info = _run_info(None, host, file, "sync", host.control.rate_hz, 0)
    stage = StageLatency(stage="infer", kind="measured", count=measurement.runs, mean_ms=None,
                         p50_ms=measurement.median.value, p90_ms=None, p99_ms=measurement.p99.value, max_ms=None,
                         budget_ms=host.budgets.inference_ms)
    run_dir = new_run_dir(out, "profile")
    write_run(run_dir, RunMetrics(run=info, stages=[stage], projections=rows))
    console.print(f"report: {run_dir / 'report.html'}")

