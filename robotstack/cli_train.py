"""`robotstack train`: reproduce a shipped policy (needs the [train] extra)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from robotstack.policies.pipeline import PipelineConfig

console = Console()


def train_policy(
    role: Annotated[str, typer.Argument(help="student or teacher")],
    task: Annotated[str, typer.Option(help="Task alias or id, or 'all' (each task in turn, with the same options).")] = "ring",
    demos: Annotated[int, typer.Option(min=1, help="Expert demonstrations (every other one with DART noise).")] = 600,
    dataset: Annotated[Path | None, typer.Option(help="Learn from this LeRobot v3.0 dataset (robotstack collect) "
                                                      "instead of recording --demos episodes.")] = None,
    steps: Annotated[int, typer.Option(min=0, help="Behaviour-cloning steps (batch 64); 0 with --init goes "
                                          "straight to the DAgger rounds.")] = 20_000,
    lr: Annotated[float, typer.Option(min=1e-6, max=1.0, help="Behaviour cloning's peak learning rate (cosine to "
                                      "0). At 1e-3 the teacher's conv layers die (docs/experiments.md); try "
                                      "3e-4 for it.")] = 1e-3,
    dagger_rounds: Annotated[int, typer.Option(min=0, help="DAgger rounds after behaviour cloning.")] = 5,
    dagger_episodes: Annotated[int, typer.Option(min=1, help="Policy-led episodes per DAgger round.")] = 100,
    dagger_beta: Annotated[float, typer.Option(min=0.0, max=1.0, help="Probability the expert acts in the first "
                                               "DAgger round, decaying linearly to 0 in the last (0: every round "
                                               "is the policy's alone).")] = 0.3,
    fumble_share: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of the noise-free demonstrations "
                                                "with one scripted slip (a let-go or an early close) for the "
                                                "expert to recover from.")] = 0.0,
    misaim_share: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of the noise-free demonstrations "
                                                "whose reach is steered by a misjudged object position, redrawn "
                                                "every few ticks (labels: the expert on the true state).")] = 0.0,
    carry_misaim_share: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of the noise-free "
                                                      "demonstrations without a slip whose carry over the last 3 cm "
                                                      "to the goal is steered by a misjudged goal position, "
                                                      "redrawn every few ticks (labels: the expert on the true "
                                                      "state).")] = 0.0,
    settle_ticks: Annotated[int, typer.Option(min=0, max=100, help="Demonstration steps recorded after the task's "
                                              "judge sees success, the expert letting go and rising clear (a plug "
                                              "is judged seated while still held).")] = 0,
    dagger_mode: Annotated[str, typer.Option(help="How the learner executes its chunks in DAgger rollouts: sync "
                                               "(first action) or ensemble (as the loop's default mode).")] = "sync",
    eval_episodes: Annotated[int, typer.Option(min=1, help="Unseen-seed episodes per exported file.")] = 50,
    seed: Annotated[int, typer.Option(min=0, help="Training seed: initial weights, batches, phrasings (the demonstration "
                                           "and DAgger episode seeds stay fixed).")] = 0,
    arch: Annotated[str | None, typer.Option(help="Network to train: student (38 MFLOPs), compact (6.9), mobile "
                                               "(5.4) or teacher (619 MFLOPs); default: the role's own.")] = None,
    film_layers: Annotated[int | None, typer.Option(min=0, help="Instruction-conditioned (FiLM) conv layers, counted "
                                                     "from the last; default: the architecture's own.")] = None,
    grounded: Annotated[bool, typer.Option("--grounded/--embedding", help="Condition on the subtask the instruction "
                                           "names (snapped to the grammar's vocabulary: skill, ring colour, peg "
                                           "colour) or on its standardised embedding.")] = False,
    joint_velocities: Annotated[bool, typer.Option("--joint-velocities/--no-joint-velocities",
                                                   help="Give the network the state's joint velocities, or not (they "
                                                        "point where the expert steers: a possible shortcut past "
                                                        "the images).")] = True,
    wrist_ray: Annotated[bool, typer.Option("--wrist-ray/--no-wrist-ray",
                                            help="Measure the grasp point's offset through the wrist camera: read "
                                                 "its image position, cut the ray from the camera's pose at the "
                                                 "grasp height, and give the head that offset.")] = False,
    goal_ray: Annotated[bool, typer.Option("--goal-ray/--no-goal-ray",
                                           help="With --wrist-ray, measure the goal's offset (the socket's mouth, "
                                                "the peg's top) through the wrist camera too, cut at the goal's "
                                                "height.")] = False,
    held_ray: Annotated[bool, typer.Option("--held-ray/--no-held-ray",
                                           help="With --goal-ray, measure where the held object's working point "
                                                "(the plug's pin tip, the ring's centre) is from the hand through "
                                                "the wrist camera too, cut at its height below the hand.")] = False,
    color_masks: Annotated[bool, typer.Option("--color-masks/--no-color-masks",
                                              help="With --grounded, give each camera's encoder two more input "
                                                   "channels, where the named ring's and the named peg's colours "
                                                   "are, and the head their centroids.")] = False,
    edge_orientation: Annotated[bool, typer.Option("--edge-orientation/--no-edge-orientation",
                                                   help="Give the head how the wrist image's edges are turned (at "
                                                        "four times their angle, so a square's sides agree), pooled "
                                                        "where learned attention looks: the plug's turn left to "
                                                        "make.")] = False,
    skill: Annotated[str | None, typer.Option(help="Language task only: record and evaluate one-step instructions "
                                              "of this skill alone (place_ring or plug_cable), for a skill's own "
                                              "student (robotstack route joins them).")] = None,
    init: Annotated[Path | None, typer.Option(help="Start from this network instead of fresh weights: an fp32 .onnx "
                                                 "file robotstack wrote (robotstack unroute takes one route out of "
                                                 "a routed file, robotstack unensemble one member out of an "
                                                 "ensemble). Its state statistics are kept; the options must build "
                                                 "the same network.")] = None,
    fit_landmark_head: Annotated[bool, typer.Option(help="With --init: least-squares fit the landmark head (not in "
                                                    "an exported file: it starts at zero) on the demonstrations "
                                                    "before training, so the trunk does not take a zero head's "
                                                    "one-sided gradient.")] = False,
    after_plug: Annotated[int, typer.Option(min=0, help="Language task, ring or all skills: also record this many "
                                            "ring demonstrations that start where the board leaves the arm after a "
                                            "plug (the expert plugs, the ready-pose move takes the hand back; "
                                            "with --init, that policy leads every other one, DAgger-style).")] = 0,
    after_ring: Annotated[int, typer.Option(min=0, help="Language task, plug or all skills: also record this many "
                                            "plug demonstrations that start where the board leaves the arm after a "
                                            "ring (the expert places the ring, the ready-pose move takes the hand "
                                            "back; with --init, that policy leads every other one, DAgger-style).")] = 0,
    ring_on_ring: Annotated[int, typer.Option(min=0, help="Language task, ring or all skills: also record this many "
                                              "ring demonstrations onto a peg already holding a ring (the expert "
                                              "places the first ring on that peg, the ready-pose move takes the hand "
                                              "back; with --init, that policy leads every other one, "
                                              "DAgger-style).")] = 0,
    teacher: Annotated[str | None, typer.Option(help="Distil from this policy too (a shipped name such as student or "
                                                     "teacher, or a .onnx file meeting the policy contract): every "
                                                     "frame is also labelled with its action chunk.")] = None,
    teacher_weight: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of the action loss on the teacher's "
                                                  "chunks (the rest on the expert's actions).")] = 0.5,
    landmark_loss: Annotated[str, typer.Option(help="Auxiliary loss on the expert's landmarks: smooth-l1 (10 cm "
                                               "units) or l1-cm (L1 in centimetres, whose gradient does not fade at "
                                               "millimetres).")] = "smooth-l1",
    device: Annotated[str, typer.Option(help="Where the training steps run: cpu, or cuda / cuda:N on a machine with "
                                       "a GPU (recording and evaluation stay on the CPU cores).")] = "cpu",
    work_dir: Annotated[Path, typer.Option(help="Checkpoints and cached data; rerun to resume.")] = Path("runs/train"),
    out: Annotated[Path, typer.Option(help="Where the ONNX files go.")] = Path("runs/train/weights"),
) -> None:
    """Demonstrations -> behaviour cloning -> DAgger -> ONNX fp32/int8/fp16 -> evaluation on unseen seeds."""
    if role not in ("student", "teacher"):
        raise typer.BadParameter(f"{role!r}; accepted: student, teacher", param_hint="ROLE")
    from robotstack.policies.parallel import DAGGER_MODES

    if dagger_mode not in DAGGER_MODES:
        raise typer.BadParameter(f"{dagger_mode!r}; accepted: {', '.join(DAGGER_MODES)}", param_hint="--dagger-mode")
    from robotstack.policies.pipeline import run
    from robotstack.sim import TASKS, resolve_task

    if task == "all":
        task_ids = list(TASKS)
    else:
        try:
            task_ids = [resolve_task(task)]
        except ValueError as err:
            raise typer.BadParameter(f"{err}, or 'all'", param_hint="--task") from err
    options = dict(role=role, demos=demos, steps=steps, lr=lr, dagger_rounds=dagger_rounds,
                   dagger_episodes=dagger_episodes, dagger_beta=dagger_beta, fumble_share=fumble_share,
                   misaim_share=misaim_share, carry_misaim_share=carry_misaim_share, dagger_mode=dagger_mode,
                   settle_ticks=settle_ticks,
                   eval_episodes=eval_episodes, seed=seed,
                   arch=arch, film_layers=film_layers, grounded=grounded, joint_velocities=joint_velocities,
                   wrist_ray=wrist_ray, goal_ray=goal_ray, held_ray=held_ray, color_masks=color_masks,
                   edge_orientation=edge_orientation, skill=skill, dataset=None if dataset is None else str(dataset),
                   init=None if init is None else str(init), after_plug=after_plug, after_ring=after_ring,
                   ring_on_ring=ring_on_ring,
                   fit_landmark_head=fit_landmark_head,
                   teacher=teacher, teacher_weight=teacher_weight,
                   landmark_loss=landmark_loss, device=device)
    # Every task's configuration is checked before any training starts: with --task all, a bad option must not
    # surface hours in, after the first task's run.
    runs = [_checked_run(task_id, options, work_dir) for task_id in task_ids]
    for cfg, task_dir in runs:
        if len(runs) > 1:
            console.rule(cfg.task)
        summary = run(cfg, task_dir, out, log=console.print)
        for name, entry in summary["files"].items():
            ev = entry["eval"]
            console.print(f"{name}: {ev['successes']}/{ev['episodes']} on unseen seeds "
                          f"(95 % CI {ev['ci95'][0]:.0%}–{ev['ci95'][1]:.0%}), sha256 {entry['sha256'][:12]}…")
        console.print(f"wall time {summary['train_wall_s'] / 60:.1f} min; "
                      f"{summary['flops'] / 1e6:.1f} MFLOPs per inference")


def _checked_run(task_id: str, options: dict, work_dir: Path) -> tuple[PipelineConfig, Path]:
    """One task's pipeline configuration and work dir, its network, teacher, dataset and cached rounds checked,
    or a usage error naming the option at fault."""
    from robotstack.policies.pipeline import PipelineConfig, check_cached_rounds

    try:
        cfg = PipelineConfig(task=task_id, **options)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from err  # each message names the option it is about
    try:
        network = cfg.architecture()
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--arch / --film-layers / --goal-ray / --held-ray / --color-masks") from err
    if cfg.teacher is not None:
        from robotstack.policies.pipeline import load_teacher
        from robotstack.policy import PolicyContractError
        from robotstack.weights import WeightsError

        try:
            load_teacher(cfg.teacher, task_id, network)
        except (WeightsError, PolicyContractError, ValueError) as err:
            raise typer.BadParameter(str(err), param_hint="--teacher") from err
    if cfg.init is not None:
        from robotstack.policies.pipeline import load_init

        try:
            load_init(cfg)
        except ValueError as err:
            raise typer.BadParameter(str(err), param_hint="--init") from err
    if cfg.dataset is not None:
        from robotstack.policies.pipeline import open_dataset

        try:
            open_dataset(Path(cfg.dataset), network.cameras, network.image_size)
        except (FileNotFoundError, ValueError) as err:
            raise typer.BadParameter(str(err), param_hint="--dataset") from err
    # A skill's demonstrations are not the whole task's: they get a folder of their own.
    task_dir = work_dir / (f"{cfg.role}-{task_id.split('/')[-1]}" + ("" if cfg.skill is None else f"-{cfg.skill}"))
    try:
        check_cached_rounds(cfg, task_dir)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--work-dir") from err
    return cfg, task_dir


def collect(
    task: Annotated[str, typer.Option(help="Task alias or id.")] = "ring",
    episodes: Annotated[int, typer.Option(min=1, help="Episodes to record.")] = 50,
    out: Annotated[Path, typer.Option(help="Dataset folder (LeRobot v3.0); an existing one is appended to.")] = Path("data/ring"),
    seed: Annotated[int, typer.Option(min=0, help="Seed of the first episode.")] = 10_000,
    noise: Annotated[float, typer.Option(min=0.0, help="DART noise on every other episode (0 = clean demos).")] = 0.15,
    image_size: Annotated[int, typer.Option(help="Camera resolution in pixels.")] = 96,
) -> None:
    """Record scripted-expert episodes (both cameras, state, expert action, subtask) as a LeRobot v3.0 dataset.

    Each finished episode is committed atomically: an interrupted collection leaves the finished ones."""
    import numpy as np
    from rich.progress import Progress

    from robotstack.policies.collect import record_episode
    from robotstack.policies.dataset import DatasetWriter
    from robotstack.sim import make_env, resolve_task
    from robotstack.sim.tasks.base import CAMERAS, EE_ACTION_DIM, STATE_DIM

    try:
        task_id = resolve_task(task)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--task") from err
    env = make_env(task_id, image_size=image_size)
    rng = np.random.default_rng(seed)
    cameras = {c: (image_size, image_size) for c in CAMERAS}
    with DatasetWriter(out, fps=round(env.unwrapped.control_hz), cameras=cameras, state_dim=STATE_DIM,
                       action_dim=EE_ACTION_DIM, action_names=["dx", "dy", "dz", "dyaw", "gripper"],
                       robot_type="franka_panda") as writer, Progress(console=console, transient=True) as progress:
        bar = progress.add_task(f"recording {task_id}", total=episodes)
        for i in range(episodes):
            episode = record_episode(env, seed + i, noise=noise if i % 2 else 0.0, rng=rng)
            for frame in episode.frames:
                writer.add_frame(frame.images, frame.state, frame.action, frame.task)
            writer.end_episode(success=episode.success, seed=seed + i)
            progress.advance(bar)
        total = writer.num_episodes
    console.print(f"{out}: {total} episodes in the dataset")


def _policy_files(names: list[str], task: str, hint: str) -> tuple[str, list[Path]]:
    """The task's id and the files of ``names`` (shipped names resolved for that task, or .onnx paths); a bad task
    or policy is a usage error naming the option (``hint``) it came from."""
    from robotstack.sim import resolve_task
    from robotstack.weights import WeightsError, resolve

    try:
        task_id = resolve_task(task)
        return task_id, [resolve(name, task=task_id).path for name in names]
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--task") from err
    except WeightsError as err:
        raise typer.BadParameter(str(err), param_hint=hint) from err


QUANTIZE_PRECISIONS = ("int8", "fp16")


def quantize(
    policy: Annotated[str, typer.Option(help="The fp32 policy: a shipped name (student) or an .onnx path.")] = "student",
    task: Annotated[str, typer.Option(help="Task alias or id the policy runs.")] = "ring",
    precision: Annotated[str, typer.Option(help="int8 (static QDQ, calibrated) or fp16 (half precision, no "
                                                "calibration).")] = "int8",
    out: Annotated[Path | None, typer.Option(help="The ONNX file to write [default: runs/quantize/<policy "
                                                  "file>-<precision>.onnx].", show_default=False)] = None,
    episodes: Annotated[int, typer.Option(min=1, help="Closed-loop episodes whose frames calibrate the ranges.")] = 30,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the first episode (training range: below 100 000).")] = 53_000,
    skill: Annotated[str | None, typer.Option(help="Language task only: calibrate on one-step instructions of this "
                                                   "skill (a skill student's own frames).")] = None,
) -> None:
    """Static INT8 (QDQ) of an fp32 policy, calibrated on the frames it is fed in its own closed-loop episodes (what
    `train` does with its last DAgger round, for a policy whose training data is gone), or its FP16 file."""
    import onnx

    from robotstack.episodes import EVAL_SEED_BASE
    from robotstack.policies.branches import has_branches
    from robotstack.policies.export import convert_fp16, quantize_int8
    from robotstack.policies.pipeline import rollout_calibration
    from robotstack.skills import skill_options

    if precision not in QUANTIZE_PRECISIONS:
        raise typer.BadParameter(f"{precision!r} is not a precision this command writes; accepted: "
                                 f"{', '.join(QUANTIZE_PRECISIONS)}", param_hint="--precision")
    if precision == "int8" and seed + episodes > EVAL_SEED_BASE:  # fp16 needs no calibration episodes
        raise typer.BadParameter(f"seeds {seed}–{seed + episodes - 1} reach the evaluation seeds (from "
                                 f"{EVAL_SEED_BASE}); calibrate on training-range seeds", param_hint="--seed")
    task_id, (source,) = _policy_files([policy], task, "--policy")
    if has_branches(onnx.load(str(source)).graph):
        raise typer.BadParameter(f"{source} holds several networks behind If nodes (robotstack route, or ensemble "
                                 "--turns), which calibration cannot reach: quantize each network's fp32 file, then "
                                 "join the quantized files the same way", param_hint="--policy")
    try:
        env_options = skill_options(task_id, skill)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--skill") from err
    out = out or Path("runs/quantize") / f"{source.stem}-{precision}.onnx"
    out.parent.mkdir(parents=True, exist_ok=True)
    if precision == "fp16":
        convert_fp16(source, out)
        console.print(f"{out}: fp16 of {source.name}")
        return
    calibration = rollout_calibration(source, task_id, list(range(seed, seed + episodes)), env_options=env_options)
    quantize_int8(source, out, calibration)
    console.print(f"{out}: int8 of {source.name}, calibrated on {len(calibration)} frames of its own episodes "
                  f"(seeds {seed}–{seed + episodes - 1})")


def export(
    checkpoint: Annotated[Path, typer.Option(help="A training checkpoint: bc.ckpt or dagger<N>.ckpt of a --work-dir.")],
    task: Annotated[str, typer.Option(help="Task alias or id the policy was trained on (sets its control rate).")],
    out: Annotated[Path, typer.Option(help="The fp32 ONNX file to write.")],
) -> None:
    """A training checkpoint as an fp32 ONNX file of the policy contract, e.g. to evaluate a DAgger round of a run
    that has not finished; quantize it with `robotstack quantize --policy FILE`."""
    from robotstack.policies.export import export_policy
    from robotstack.policies.train import load_checkpoint
    from robotstack.sim import make_env, resolve_task

    try:
        task_id = resolve_task(task)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--task") from err
    try:
        policy = load_checkpoint(checkpoint)
    except (FileNotFoundError, ValueError) as err:
        raise typer.BadParameter(str(err), param_hint="--checkpoint") from err
    out.parent.mkdir(parents=True, exist_ok=True)
    export_policy(policy, out, make_env(task_id, image_size=policy.cfg.image_size).unwrapped.control_hz,
                  {"robotstack.training": json.dumps({"checkpoint": checkpoint.name})})
    console.print(f"{out}: {checkpoint} ({policy.cfg.name}, {task_id})")


def ensemble(
    member: Annotated[list[str], typer.Option(help="A member policy: a shipped name or an .onnx path (repeat, at "
                                                   "least two).")],
    task: Annotated[str, typer.Option(help="Task alias or id the members run (resolves shipped names).")] = "ring",
    out: Annotated[Path, typer.Option(help="The ensemble ONNX file to write.")] = Path("runs/ensemble/student.onnx"),
    turns: Annotated[bool, typer.Option("--turns/--mean", help="--mean: every inference runs every member and "
                                        "averages their chunks. --turns: inference k runs member k mod N alone (one "
                                        "member's FLOPs; the loop's ensemble mode averages them over ticks); join "
                                        "files of one precision, e.g. each member quantized alone.")] = False,
) -> None:
    """Join policies into one ONNX file: the mean of the members' chunks (quantize the fp32 result with
    `robotstack quantize --policy FILE`), or members that take turns, one per inference."""
    from robotstack.policies.ensemble import EnsembleError, ensemble_policies, turns_policies

    _, paths = _policy_files(member, task, "--member")
    try:
        (turns_policies if turns else ensemble_policies)(paths, out)
    except EnsembleError as err:
        raise typer.BadParameter(str(err), param_hint="--member") from err
    joined = "taking turns" if turns else "averaged"
    console.print(f"{out}: {len(paths)} policies {joined} ({', '.join(p.name for p in paths)})")


def unensemble(
    policy: Annotated[str, typer.Option(help="An fp32 ensemble (robotstack ensemble): a shipped name or an .onnx "
                                             "path.")],
    member: Annotated[int, typer.Option(min=0, help="Which member to write out, from 0 in the order joined.")],
    task: Annotated[str, typer.Option(help="Task alias or id the policy runs (resolves shipped names).")] = "ring",
    out: Annotated[Path, typer.Option(help="The standalone ONNX policy to write.")] = Path("runs/ensemble/member.onnx"),
) -> None:
    """Write out one member of an ensemble as the standalone policy it was joined from: to evaluate it alone or to
    train on from it (robotstack train --init)."""
    from robotstack.policies.ensemble import EnsembleError, ensemble_member

    path = _taken_out(policy, task, lambda found: ensemble_member(found, member, out), EnsembleError)
    console.print(f"{out}: member {member} of {path.name}")


def _taken_out(policy: str, task: str, take: Callable[[Path], Path], refusal: type[Exception]) -> Path:
    """Resolve ``policy`` (a shipped name or a path) and let ``take`` write a standalone policy out of it; its
    ``refusal`` becomes a usage error on --policy. Returns the resolved file."""
    _, (path,) = _policy_files([policy], task, "--policy")
    try:
        take(path)
    except refusal as err:
        raise typer.BadParameter(str(err), param_hint="--policy") from err
    return path


def route(
    skill: Annotated[list[str], typer.Option(help="SKILL=POLICY: the policy (a shipped name or an .onnx path) that "
                                                  "runs when the instruction names SKILL (repeat: one per skill of "
                                                  "the grammar, place_ring and plug_cable).")],
    task: Annotated[str, typer.Option(help="Task alias or id the policies run (resolves shipped names).")] = "language",
    out: Annotated[Path, typer.Option(help="The routed ONNX file to write.")] = Path("runs/route/student.onnx"),
) -> None:
    """Join per-skill policies into one ONNX file that runs, each tick, the policy of the skill its instruction
    names (nearest vocabulary phrasing). Route files of one precision (fp32, int8 or fp16) together."""
    from robotstack.policies.routing import RoutingError, route_policies

    pairs = [entry.partition("=") for entry in skill]
    malformed = [entry for entry, (_, eq, policy) in zip(skill, pairs) if not eq or not policy]
    if malformed:
        raise typer.BadParameter(f"{malformed}: each --skill is SKILL=POLICY, e.g. plug_cable=student-cable.onnx",
                                 param_hint="--skill")
    names = [name for name, _, _ in pairs]
    if len(set(names)) != len(names):
        raise typer.BadParameter(f"skills {names}: each skill takes one policy", param_hint="--skill")
    _, paths = _policy_files([policy for _, _, policy in pairs], task, "--skill")
    try:
        route_policies(dict(zip(names, paths)), out)
    except RoutingError as err:
        raise typer.BadParameter(str(err), param_hint="--skill") from err
    console.print(f"{out}: " + ", ".join(f"{name} -> {path.name}" for name, path in zip(names, paths)))


def unroute(
    policy: Annotated[str, typer.Option(help="A routed policy (robotstack route): a shipped name or an .onnx path.")],
    skill: Annotated[str, typer.Option(help="The skill whose network to write out (place_ring or plug_cable).")],
    task: Annotated[str, typer.Option(help="Task alias or id the policy runs (resolves shipped names).")] = "language",
    out: Annotated[Path, typer.Option(help="The standalone ONNX policy to write.")] = Path("runs/route/member.onnx"),
) -> None:
    """Write out the network a routed file runs for one skill, as the standalone policy it was routed from: to
    evaluate it alone, join it into an ensemble, or route it again beside a new network for another skill."""
    from robotstack.policies.routing import RoutingError, routed_member
    from robotstack.skills import SKILLS

    if skill not in SKILLS:  # every routed file routes each skill of the grammar
        raise typer.BadParameter(f"{skill!r}: the grammar's skills are {sorted(SKILLS)}", param_hint="--skill")
    path = _taken_out(policy, task, lambda found: routed_member(found, skill, out), RoutingError)
    console.print(f"{out}: the {skill} route of {path.name}")
