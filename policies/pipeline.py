"""The reproducible path from nothing to shipped weights: demonstrations -> behaviour cloning -> DAgger ->
ONNX (fp32, int8, fp16) -> evaluation on unseen seeds -> manifest + model card. With a teacher (any policy file),
every frame is also labelled with the teacher's action chunk and the student learns from both (distillation).

Every stage checkpoints into ``work_dir`` so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import json
import mmap
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from robotstack.atomic import atomic_path, write_json_atomic
from robotstack.loop import DEFAULT_MODE
from robotstack.policies.collect import Episode
from robotstack.policies.export import (CALIBRATION_FRAMES, CALIBRATION_PERCENTILE, convert_fp16, export_policy,
                                        policy_from_onnx, quantize_int8)
from robotstack.policies.parallel import RecordJob, record_parallel
from robotstack.policies.model import ARCHITECTURES, STUDENT, TEACHER, PolicyConfig, VisuomotorPolicy, count_flops
from robotstack.policies.text_encoder import embed
from robotstack.policies.train import (Demonstrations, TrainConfig, check_device, check_landmark_loss,
                                       fit_landmark_head, train)
from robotstack.episodes import EVAL_SEED_BASE
from robotstack.policy import STATE_INPUT, TEXT_INPUT, OnnxPolicy, PolicySpec, sha256_of
from robotstack.skills import LANGUAGE_TASK, skill_options

TRAIN_SEED_BASE = 10_000  # demonstrations: seeds 10 000 .. < 100 000
DAGGER_SEED_BASE = 50_000
AFTER_PLUG_SEED_BASE = 70_000
AFTER_RING_SEED_BASE = 75_000
RING_ON_RING_SEED_BASE = 80_000


@dataclass(frozen=True)
class AfterFirst:
    """Demonstrations of one skill that start where the board leaves the arm after another (``record_after_first``):
    ``option`` names the :class:`PipelineConfig` field (the episode count), the command-line flag and the cache files;
    ``recorded``, ``scenes`` and ``lead_in`` are the model card's words for them."""

    option: str
    first: str  # the skill the expert does unrecorded
    then: str  # the skill recorded
    seed_base: int
    recorded: str  # what its episodes hold, e.g. "ring episodes recorded after a plug"
    scenes: str  # which seeds, e.g. "plug-first two-step seeds"
    lead_in: str  # what the expert did first, e.g. "plugged"
    same_peg: bool = False  # only scenes whose two rings go on one peg: the second onto a peg already holding one

    @property
    def flag(self) -> str:
        return "--" + self.option.replace("_", "-")

    @property
    def settles(self) -> bool:
        """Whether its episodes record the run's settle ticks: a plug's do, as its one-step demonstrations do."""
        return self.then == "plug_cable"


AFTER_FIRST = (AfterFirst("after_plug", "plug_cable", "place_ring", AFTER_PLUG_SEED_BASE,
                          "ring episodes recorded after a plug", "plug-first two-step seeds", "plugged"),
               AfterFirst("after_ring", "place_ring", "plug_cable", AFTER_RING_SEED_BASE,
                          "plug episodes recorded after a ring", "ring-then-plug two-step seeds", "placed the ring"),
               AfterFirst("ring_on_ring", "place_ring", "place_ring", RING_ON_RING_SEED_BASE,
                          "ring episodes onto a peg already holding a ring",
                          "two-step seeds asking for two rings on one peg", "placed the first", same_peg=True))


def dagger_seeds(round_index: int, episodes: int) -> list[int]:
    """The episode seeds of DAgger round ``round_index`` (from 0), in the order its frames are recorded."""
    first = DAGGER_SEED_BASE + round_index * 1000
    return list(range(first, first + episodes))


@dataclass
class PipelineConfig:
    task: str = "ring"
    role: str = "student"  # or "teacher"
    demos: int = 600
    noise: float = 0.15  # DART noise on every other demonstration
    fumble_share: float = 0.0  # of the other demonstrations, the share with one scripted slip to recover from
    misaim_share: float = 0.0  # of the other demonstrations, the share whose reach is misaimed (collect.Misaim)
    carry_misaim_share: float = 0.0  # of those without a slip, the share whose carry is misaimed (collect.CarryMisaim)
    settle_ticks: int = 0  # demonstration steps recorded after success, the expert letting go (collect.record_episode)
    steps: int = 20_000
    lr: float = 1e-3  # behaviour cloning's peak learning rate (cosine to 0); the teacher's layers die at 1e-3
    dagger_rounds: int = 5
    dagger_episodes: int = 100
    dagger_steps: int = 4_000
    dagger_beta: float = 0.3  # probability the expert acts in the first DAgger round; decays linearly to 0
    dagger_mode: str = "sync"  # how the learner executes its chunks in DAgger rollouts: sync or ensemble
    eval_episodes: int = 50
    seed: int = 0
    arch: str | None = None  # a name in model.ARCHITECTURES; None: the role's own (student or teacher)
    film_layers: int | None = None  # instruction-conditioned conv layers; None keeps the architecture's own
    grounded: bool = False  # condition on the subtask the instruction names (model.SubtaskGrounding)
    joint_velocities: bool = True  # False: the network is not given the state's joint velocities
    wrist_ray: bool = False  # measure the grasp point's offset through the wrist camera (model.WristRay)
    goal_ray: bool = False  # and the goal's (a second point of the wrist ray; needs wrist_ray)
    held_ray: bool = False  # and the held object's working point (a third point; needs goal_ray)
    color_masks: bool = False  # give the encoders the named ring's and peg's colour maps (model.NamedColorMasks)
    edge_orientation: bool = False  # read how the wrist image's edges are turned (model.WristEdgeOrientation)
    skill: str | None = None  # language task only: record and evaluate one-step instructions of this skill alone
    dataset: str | None = None  # a LeRobot v3.0 dataset to learn from instead of recording demonstrations
    init: str | None = None  # an fp32 policy file (export_policy's) whose network training starts from
    after_plug: int = 0  # language task: ring demonstrations recorded after a plug (record_after_first)
    after_ring: int = 0  # language task: plug demonstrations recorded after a ring (record_after_first)
    ring_on_ring: int = 0  # language task: ring demonstrations onto a peg the expert has put a ring on (likewise)
    fit_landmark_head: bool = False  # with init: the landmark head least-squares fitted first (train.fit_landmark_head)
    teacher: str | None = None  # a shipped policy name or .onnx file whose chunks the student also learns from
    teacher_weight: float = 0.5  # share of the action loss on the teacher's chunks when there is a teacher
    landmark_loss: str = "smooth-l1"  # the auxiliary landmark loss: a name in train.LANDMARK_LOSSES
    workers: int = field(default_factory=lambda: len(os.sched_getaffinity(0)))  # processes recording episodes
    device: str = "cpu"  # where the training steps run: cpu, or cuda[:N] on a machine with a GPU

    def __post_init__(self) -> None:
        check_landmark_loss(self.landmark_loss)  # before anything is recorded
        check_device(self.device)
        self.env_options()  # a --skill the task does not take fails here, before anything is recorded
        for kind in AFTER_FIRST:
            if getattr(self, kind.option) and (self.task != LANGUAGE_TASK or self.skill not in (None, kind.then)):
                raise ValueError(f"{kind.flag} records {kind.then} after {kind.first} on {LANGUAGE_TASK}; this run "
                                 f"trains {self.task}" + (f" --skill {self.skill}" if self.skill else "")
                                 + f": leave {kind.flag} out")
        if self.fit_landmark_head and self.init is None:
            raise ValueError("--fit-landmark-head fits the head of the network --init gives: pass --init FILE.onnx")
        if self.steps == 0 and self.init is None:
            raise ValueError("--steps 0 skips behaviour cloning, which only a network given by --init can do "
                             "without: pass --init FILE.onnx or at least one step")

    def env_options(self) -> dict:
        """The task constructor's options this run records and evaluates with."""
        return skill_options(self.task, self.skill)

    def architecture(self) -> PolicyConfig:
        """The network this run trains; ValueError if ``arch`` is unknown or ``film_layers`` does not fit it."""
        name = self.arch or self.role
        if name not in ARCHITECTURES:
            raise ValueError(f"architecture {name!r}; accepted: {', '.join(ARCHITECTURES)}")
        arch = replace(ARCHITECTURES[name], grounded=self.grounded, joint_velocities=self.joint_velocities,
                       wrist_ray=self.wrist_ray, goal_ray=self.goal_ray,
                       held_ray=self.held_ray, color_masks=self.color_masks,
                       edge_orientation=self.edge_orientation)
        return arch if self.film_layers is None else replace(arch, film_layers=self.film_layers)

    def beta(self, round_index: int) -> float:
        """Expert share of the actions in a DAgger round: high early (the policy still needs rescuing to reach
        the later phases at all), zero in the last round (its own mistakes, nobody rescuing it)."""
        return expert_share(self.dagger_rounds, self.dagger_beta, round_index)


def expert_share(rounds: int, first: float, round_index: int) -> float:
    """:meth:`PipelineConfig.beta` for a recorded configuration: ``first`` decaying linearly to 0 in the last of
    ``rounds`` rounds (a single round is the last one)."""
    return 0.0 if rounds <= 1 else first * (1 - round_index / (rounds - 1))


def to_demonstrations(episodes: Iterable[Episode]) -> Demonstrations:
    """Training frames of ``episodes``, taken one episode at a time as they arrive, so that the frames are held
    about once: each episode's images are stacked as it comes (freeing its per-frame arrays for the next episode to
    reuse) into memory mapped for that stack alone, then the stacks are copied into arrays allocated once, each
    stack unmapped as soon as it is copied. Holding every episode and stacking at the end held the frames twice and
    kept the per-frame arrays' heap resident: after stop 40's 1200 plug demonstrations (12 GB of frames) the process
    stayed at 23 GB and behaviour cloning beside it thrashed."""
    stacks = [_stacked(i, e) for i, e in enumerate(episodes) if e.frames]
    if not stacks:
        raise ValueError("no recorded episode has a frame: nothing to learn from")
    total = sum(len(s) for s in stacks)

    def empty_like(first: np.ndarray) -> np.ndarray:
        return np.empty((total, *first.shape[1:]), first.dtype)

    first = stacks[0]
    joined = Demonstrations(images={c: empty_like(a) for c, a in first.images.items()},
                            state=empty_like(first.state), action=empty_like(first.action),
                            episode=empty_like(first.episode), task=[], landmarks=empty_like(first.landmarks))
    start = 0
    for i in range(len(stacks)):
        part, stacks[i] = stacks[i], None
        stop = start + len(part)
        for camera, images in joined.images.items():
            images[start:stop] = part.images[camera]
        joined.state[start:stop], joined.action[start:stop] = part.state, part.action
        joined.episode[start:stop], joined.landmarks[start:stop] = part.episode, part.landmarks
        joined.task.extend(part.task)
        start = stop
    return joined


def _stacked(index: int, episode: Episode) -> Demonstrations:
    frames = episode.frames
    return Demonstrations(
        images={c: _stacked_apart([f.images[c] for f in frames]) for c in frames[0].images},
        state=np.stack([f.state for f in frames]),
        action=np.stack([f.action for f in frames]).astype(np.float32),
        episode=np.full(len(frames), index),
        task=[f.task for f in frames],
        landmarks=np.stack([f.landmarks for f in frames]),
    )


def _stacked_apart(arrays: list[np.ndarray]) -> np.ndarray:
    """``np.stack(arrays)`` in an anonymous memory map of its own: the allocator would place a few-MB stack in its
    heap, where freeing it leaves a hole the system never gets back; an unmapped stack is returned at once."""
    shape, dtype = (len(arrays), *arrays[0].shape), arrays[0].dtype
    count = int(np.prod(shape))
    out = np.frombuffer(mmap.mmap(-1, max(1, count * dtype.itemsize)), dtype, count=count).reshape(shape)
    return np.stack(arrays, out=out)


@dataclass
class EpisodeTally:
    """Counts of the episodes streamed through :meth:`count`, for the log line of a recording that is never
    held as a list (see :func:`to_demonstrations`)."""
    episodes: int = 0
    frames: int = 0
    successes: int = 0

    def count(self, episodes: Iterable[Episode]) -> Iterator[Episode]:
        for episode in episodes:
            self.episodes += 1
            self.frames += len(episode.frames)
            self.successes += episode.success
            yield episode


def open_dataset(root: Path, cameras: tuple[str, ...], image_size: int):
    """A LeRobot v3.0 dataset a policy of this shape can learn from; ValueError/FileNotFoundError saying why not."""
    from robotstack.policies.dataset import DatasetReader
    from robotstack.policies.dataset_format import video_key

    reader = DatasetReader(root)
    missing = [c for c in cameras if c not in reader.cameras]
    if missing:
        raise ValueError(f"{root}: the policy needs cameras {list(cameras)}; the dataset has {reader.cameras}")
    for camera in cameras:
        height, width = reader.features[video_key(camera)]["shape"][:2]
        if (height, width) != (image_size, image_size):
            raise ValueError(f"{root}: camera {camera!r} is {height}x{width}; the policy takes {image_size}x"
                             f"{image_size} (record with robotstack collect --image-size {image_size})")
    if reader.num_episodes == 0:
        raise ValueError(f"{root}: the dataset holds no episodes")
    return reader


def demonstrations_from_dataset(root: Path, cameras: tuple[str, ...], image_size: int) -> Demonstrations:
    """Every frame of a LeRobot v3.0 dataset (e.g. from ``robotstack collect``), as training demonstrations."""
    reader = open_dataset(root, cameras, image_size)
    episodes = [reader.episode(i) for i in range(reader.num_episodes)]
    return Demonstrations(
        images={c: np.concatenate([e.images[c] for e in episodes]) for c in cameras},
        state=np.concatenate([e.state for e in episodes]).astype(np.float32),
        action=np.concatenate([e.action for e in episodes]).astype(np.float32),
        episode=np.concatenate([np.full(len(e), i) for i, e in enumerate(episodes)]),
        task=[t for e in episodes for t in e.tasks],
    )


def cached_demonstrations(path: Path, build: Callable[[], Demonstrations]) -> Demonstrations:
    """Frames from ``path``, or built and saved there. Both ways stream: protocol 5 writes each array from its own
    memory, where ``pickle.dumps`` at protocol 4 held the pickle and a copy of every array beside the frames (2.1 GB
    more for 1 GB of frames), which ran a 24 GB machine out of memory saving stop 16's fourth language DAgger round."""
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    demos = build()
    _save(path, demos)
    return demos


def _save(path: Path, demos: Demonstrations) -> None:
    with atomic_path(path) as tmp, tmp.open("wb") as f:
        pickle.dump(demos, f, protocol=5)


def _demonstrations(path: Path, count: int, record: Callable[[int, int], Demonstrations],
                    log: Callable[[str], None]) -> Demonstrations:
    """The first ``count`` demonstrations, cached in ``path``. A cache holding fewer (a longer run reusing a work
    dir) is topped up by recording only the missing episodes, ``record(first, stop)``; one holding more is refused,
    since training on other episodes than ``--demos`` says would misreport the run."""
    demos = cached_demonstrations(path, lambda: record(0, count))
    held = int(demos.episode.max()) + 1
    if held > count:
        raise ValueError(f"{path} holds {held} demonstrations and --demos asks for {count}: pass --demos {held} "
                         "(or more, to record the rest) or another --work-dir")
    if held < count:
        log(f"demonstrations: {path} holds {held}, recording episodes {held}..{count - 1}")
        demos.extend(record(held, count))
        _save(path, demos)
    return demos


def round_conditions(cfg: PipelineConfig, round_index: int) -> dict:
    """What DAgger round ``round_index`` (from 0) is recorded under, kept beside its cached frames."""
    return {"expert_share": cfg.beta(round_index), "episodes": cfg.dagger_episodes, "mode": cfg.dagger_mode}


def frozen_state(policy: VisuomotorPolicy) -> dict:
    """A copy of the policy's weights in eval mode, for the worker processes whose learner acts while recording: a
    snapshot, untouched by the training that continues in this process."""
    return {k: v.detach().clone() for k, v in policy.eval().state_dict().items()}


def after_first_seeds(kind: AfterFirst, count: int) -> list[int]:
    """The first ``count`` seeds from ``kind.seed_base`` whose two-step language instruction asks for ``kind.first``
    then ``kind.then`` (about a third of them), both onto one peg where ``kind.same_peg``."""
    from robotstack.sim import make_env

    env = make_env(LANGUAGE_TASK, image_size=32, instruction_steps=2)
    seeds, seed = [], kind.seed_base
    while len(seeds) < count:
        env.reset(seed=seed)
        subtasks = env.unwrapped.subtasks
        if [s.skill for s in subtasks] == [kind.first, kind.then] and (
                not kind.same_peg or subtasks[0].args["peg"] == subtasks[1].args["peg"]):
            seeds.append(seed)
        seed += 1
    env.close()
    return seeds


def after_first_conditions(cfg: PipelineConfig, kind: AfterFirst) -> dict:
    """What the demonstrations of ``kind`` are recorded under, kept beside their cached frames."""
    init = None if cfg.init is None else sha256_of(Path(cfg.init))
    settle = {"settle_ticks": cfg.settle_ticks} if kind.settles else {}
    return {"episodes": getattr(cfg, kind.option), "noise": cfg.noise, "init": init, **settle,
            **({"expert_share": cfg.dagger_beta, "mode": cfg.dagger_mode} if init else {})}


def record_after_first(cfg: PipelineConfig, kind: AfterFirst, arch: PolicyConfig, policy: VisuomotorPolicy | None,
                       log: Callable[[str], None]) -> Demonstrations:
    """Demonstrations of ``kind.then`` from where the board leaves the arm after ``kind.first``: in two-step episodes
    that ask for both, the expert does the first unrecorded and the :class:`ReadyPose` move takes the hand back
    (``record_episode``'s ``after_first``), then the second is recorded (a plug with the run's settle ticks, as its
    one-step demonstrations). On odd seeds the expert acts, with DART noise; on even seeds the starting ``policy``
    acts as in DAgger, the expert acting with probability ``dagger_beta`` (without a starting policy, the expert,
    noise-free)."""
    job = RecordJob(cfg.task, arch.image_size, noise=cfg.noise, env_options={"instruction_steps": 2},
                    after_first=True, settle_ticks=cfg.settle_ticks if kind.settles else 0)
    if policy is not None:
        job = replace(job, beta=cfg.dagger_beta, policy_config=arch.to_dict(), dagger_mode=cfg.dagger_mode,
                      policy_state=frozen_state(policy), expert_odd_seeds=True)
    tally = EpisodeTally()
    episodes = record_parallel(job, after_first_seeds(kind, getattr(cfg, kind.option)), cfg.workers)
    demos = to_demonstrations(tally.count(episodes))
    log(f"{kind.flag[2:]} demonstrations ({kind.then} after {kind.first}): {tally.episodes} episodes, "
        f"{tally.frames} frames, {tally.successes} successful")
    return demos


def check_cached_rounds(cfg: PipelineConfig, work_dir: Path) -> None:
    """Refuse, before any training, a work dir whose cached DAgger rounds were recorded under other conditions
    (another ``--dagger-beta``, ``--dagger-episodes`` or ``--dagger-mode``), or its after-plug demonstrations
    (another ``--after-plug``, ``--init``, ...): resuming would train on frames the run does not report. A round
    cached before conditions were kept (no ``.json``) is reused as it is."""
    for r in range(cfg.dagger_rounds):
        record = work_dir / f"dagger{r + 1}.json"
        if (work_dir / f"dagger{r + 1}.pkl").exists() and record.exists():
            held, asked = json.loads(record.read_text()), round_conditions(cfg, r)
            if held != asked:
                raise ValueError(f"{work_dir} holds DAgger round {r + 1} recorded with {held}, and this run asks for "
                                 f"{asked}: pass another --work-dir (or delete dagger{r + 1}.* and every later "
                                 "round's files there)")
    for kind in AFTER_FIRST:
        record = work_dir / f"{kind.option}.json"
        if getattr(cfg, kind.option) and (work_dir / f"{kind.option}.pkl").exists() and record.exists():
            held, asked = json.loads(record.read_text()), after_first_conditions(cfg, kind)
            if held != asked:
                raise ValueError(f"{work_dir} holds {kind.flag[2:]} demonstrations recorded with {held}, and this run "
                                 f"asks for {asked}: pass another --work-dir (or delete {kind.option}.* there)")


def evaluate(policy_path: Path, task: str, episodes: int, skill: str | None = None) -> dict:
    """Closed-loop success on unseen seeds through the control loop, exactly what ``robotstack eval``
    measures (ensemble mode, no added latency, safety layer on); with ``skill``, the language task's one-step
    instructions of that skill alone."""
    from robotstack.episodes import loop_config, run_episodes
    from robotstack.profiles import load_profile
    from robotstack.stats import wilson_interval
    from robotstack.tracing import Tracer

    policy = OnnxPolicy(policy_path, threads=2)
    config = loop_config(policy, load_profile("host"), DEFAULT_MODE, 0.0)
    seeds = list(range(EVAL_SEED_BASE, EVAL_SEED_BASE + episodes))
    # The language task is judged on one-step instructions: longer ones are the router's to sequence.
    options = {"instruction_steps": 1, **skill_options(task, skill)} if task == LANGUAGE_TASK else None
    successes = run_episodes(policy, task, seeds, config, Tracer(max_events=0), env_options=options).successes
    low, high = wilson_interval(successes, episodes)
    return {"task": task, "successes": successes, "episodes": episodes, "ci95": [low, high],
            "seeds": [seeds[0], seeds[-1]], **(options or {})}


class _RecordingPolicy:
    """An ONNX policy that keeps every input it is given, as a feed of its named inputs."""

    def __init__(self, policy: OnnxPolicy) -> None:
        self.policy, self.spec = policy, policy.spec
        self.seen: list[dict[str, np.ndarray]] = []

    def __call__(self, images: dict[str, np.ndarray], state: np.ndarray, text: np.ndarray) -> np.ndarray:
        self.seen.append({**{PolicySpec.input_name(c): images[c][None].copy() for c in images},
                          STATE_INPUT: state[None].copy(), TEXT_INPUT: text[None].copy()})
        return self.policy(images, state, text)


def rollout_calibration(fp32_path: Path, task: str, seeds: list[int], frames: int = CALIBRATION_FRAMES,
                        seed: int = 0, env_options: dict | None = None) -> list[dict[str, np.ndarray]]:
    """``frames`` inputs the policy itself is fed in the control loop (ensemble mode) on ``seeds``, drawn at random:
    int8 calibration frames for a policy whose DAgger rounds are no longer at hand (a shipped file).
    ``env_options`` go to the task's constructor (a skill student's ``skill``)."""
    from robotstack.episodes import loop_config, run_episodes
    from robotstack.profiles import load_profile
    from robotstack.tracing import Tracer

    recording = _RecordingPolicy(OnnxPolicy(fp32_path, threads=2))
    run_episodes(recording, task, seeds, loop_config(recording.policy, load_profile("host"), DEFAULT_MODE, 0.0),
                 Tracer(max_events=0), env_options=env_options)
    seen = recording.seen
    picked = np.random.default_rng(seed).choice(len(seen), size=min(frames, len(seen)), replace=False)
    return [seen[i] for i in picked]


class WallClock:
    """Training wall time over every invocation that worked on a work dir, added to ``wall_s.json`` as it accrues
    (at every checkpoint and stage), so an invocation that is interrupted and resumed still counts its time up to
    its last checkpoint: added only at the end, an interrupted invocation's time was lost."""

    def __init__(self, work_dir: Path) -> None:
        self.path = work_dir / "wall_s.json"
        self.since = time.perf_counter()

    def mark(self) -> float:
        """Add the time since the last mark; returns the total."""
        now = time.perf_counter()
        total = (json.loads(self.path.read_text())["wall_s"] if self.path.exists() else 0.0) + now - self.since
        self.since = now
        write_json_atomic(self.path, {"wall_s": total})
        return total


def _cached_evaluation(work_dir: Path, policy_path: Path, task: str, episodes: int, skill: str | None) -> dict:
    """:func:`evaluate`, remembered by the file's sha256 so a resumed run does not redo finished evaluations."""
    path = work_dir / "evaluations.json"
    done = json.loads(path.read_text()) if path.exists() else {}
    key = f"{sha256_of(policy_path)}:{task}:{episodes}:{DEFAULT_MODE}" + (f":{skill}" if skill else "")
    if key not in done:
        done[key] = evaluate(policy_path, task, episodes, skill)
        write_json_atomic(path, done)
    return done[key]


def _teacher_labels(path: Path, teacher: OnnxPolicy, demos: Demonstrations, arch: PolicyConfig,
                    log: Callable[[str], None]) -> np.ndarray:
    """The teacher's chunks on ``demos`` (``distill.teacher_chunks``), from ``path`` or computed and saved there."""
    if path.exists():
        labels = np.load(path)
        if labels.shape == (len(demos), arch.chunk, arch.action_dim):
            return labels
    from robotstack.policies.distill import teacher_chunks

    labels = teacher_chunks(teacher, demos, arch.chunk, arch.cameras, log=log)
    with atomic_path(path) as tmp, tmp.open("wb") as f:
        np.save(f, labels)
    return labels


def load_init(cfg: PipelineConfig) -> VisuomotorPolicy | None:
    """The network ``--init`` names, read back from its file (None without one); ValueError if it cannot be read
    or is not the network this run's options build."""
    if cfg.init is None:
        return None
    start = policy_from_onnx(cfg.init)
    arch = cfg.architecture()
    if start.cfg != arch:
        differ = {k: v for k, v in start.cfg.to_dict().items() if arch.to_dict()[k] != v}
        raise ValueError(f"--init {cfg.init} holds a network built with {differ}, which this run's options do not "
                         "build: give the options it was trained with")
    return start


def load_teacher(name_or_path: str, task: str, arch: PolicyConfig) -> tuple[OnnxPolicy, str]:
    """The teacher a run distils from and its file's sha256: a shipped policy (by name, that role's file for
    ``task``) or a contract .onnx file. WeightsError or PolicyContractError if it cannot be loaded, ValueError if
    its chunks cannot stand in for ``arch``'s (checked before anything is recorded)."""
    from robotstack.weights import resolve

    found = resolve(name_or_path, task=task)  # a shipped file's sha256 is checked here
    sha256 = found.sha256 or sha256_of(found.path)
    teacher = OnnxPolicy(found.path, threads=2)
    spec = teacher.spec
    if (spec.chunk, spec.image_size) != (arch.chunk, arch.image_size):
        raise ValueError(f"{name_or_path}: chunks of {spec.chunk} actions from {spec.image_size} px images; the "
                         f"{arch.name} needs {arch.chunk} from {arch.image_size} px")
    return teacher, sha256


def run(cfg: PipelineConfig, work_dir: Path, out_dir: Path, log: Callable[[str], None] = print) -> dict:
    """Train one policy end to end; returns the summary written into the manifest."""
    from robotstack.sim import make_env

    work_dir.mkdir(parents=True, exist_ok=True)
    check_cached_rounds(cfg, work_dir)
    arch = cfg.architecture()
    start = load_init(cfg)
    teacher, teacher_sha256 = load_teacher(cfg.teacher, cfg.task, arch) if cfg.teacher is not None else (None, None)

    def label(frames: Demonstrations, stage: str) -> np.ndarray | None:
        """The teacher's chunks on ``frames``, kept per teacher file (another teacher in the same work dir labels
        them again); None without a teacher."""
        if teacher is None:
            return None
        return _teacher_labels(work_dir / f"teacher-{teacher_sha256[:12]}-{stage}.npy", teacher, frames, arch, log)

    env = make_env(cfg.task, image_size=arch.image_size, **cfg.env_options())
    rng = np.random.default_rng(cfg.seed)
    clock = WallClock(work_dir)

    def collect(first: int, stop: int) -> Demonstrations:
        seeds = list(range(TRAIN_SEED_BASE + first, TRAIN_SEED_BASE + stop))
        job = RecordJob(cfg.task, arch.image_size, noise=cfg.noise, fumble_share=cfg.fumble_share,
                        misaim_share=cfg.misaim_share, carry_misaim_share=cfg.carry_misaim_share,
                        settle_ticks=cfg.settle_ticks, env_options=cfg.env_options())
        tally = EpisodeTally()
        demos = to_demonstrations(tally.count(record_parallel(job, seeds, cfg.workers)))
        log(f"demonstrations: {tally.episodes} episodes, {tally.frames} frames, {tally.successes} successful")
        return demos

    if cfg.dataset is not None:
        demos = demonstrations_from_dataset(Path(cfg.dataset), arch.cameras, arch.image_size)
        log(f"demonstrations: {cfg.dataset}, {int(demos.episode.max()) + 1} episodes, {len(demos)} frames")
    else:
        demos = _demonstrations(work_dir / "demos.pkl", cfg.demos, collect, log)
    policy = start if start is not None else VisuomotorPolicy(arch)
    for kind in (k for k in AFTER_FIRST if getattr(cfg, k.option)):
        demos.extend(cached_demonstrations(work_dir / f"{kind.option}.pkl",
                                           lambda kind=kind: record_after_first(cfg, kind, arch, start, log)))
        write_json_atomic(work_dir / f"{kind.option}.json", after_first_conditions(cfg, kind))
    clock.mark()
    demos.teacher = label(demos, "demos")
    teacher_weight = cfg.teacher_weight if teacher is not None else 0.0
    if policy.wrist_ray is not None:
        env.reset(seed=TRAIN_SEED_BASE)
        policy.wrist_ray.set_mount(*env.unwrapped.wrist_camera_mount())
    if cfg.fit_landmark_head:  # only with --init (PipelineConfig checks)
        fit_landmark_head(policy, demos, seed=cfg.seed)
    if cfg.steps:  # 0 only with --init: its network goes straight to the DAgger rounds
        train(policy, demos, TrainConfig(steps=cfg.steps, lr=cfg.lr, seed=cfg.seed, teacher_weight=teacher_weight,
                                         landmark_loss=cfg.landmark_loss, device=cfg.device,
                                         fit_normalisation=start is None),
              work_dir / "bc.ckpt", log=log, on_checkpoint=clock.mark)
    latest = demos  # the frames closest to what the final policy will see: int8 is calibrated on them
    for r in range(cfg.dagger_rounds):
        latest = demos  # drops the previous round's copy of its frames (they are in demos) before recording
        round_dir = work_dir / f"dagger{r + 1}"

        def relabel(round_index: int = r) -> Demonstrations:
            beta = cfg.beta(round_index)
            job = RecordJob(cfg.task, arch.image_size, beta=beta, policy_config=arch.to_dict(),
                            dagger_mode=cfg.dagger_mode, env_options=cfg.env_options(), settle_ticks=cfg.settle_ticks,
                            policy_state=frozen_state(policy))
            tally = EpisodeTally()
            frames = to_demonstrations(tally.count(record_parallel(job, dagger_seeds(round_index, cfg.dagger_episodes),
                                                                   cfg.workers)))
            log(f"DAgger round {round_index + 1} (expert share {beta:.2f}): policy-led success "
                f"{tally.successes}/{tally.episodes}")
            write_json_atomic(round_dir.with_suffix(".json"), round_conditions(cfg, round_index))
            return frames

        latest = cached_demonstrations(round_dir.with_suffix(".pkl"), relabel)
        clock.mark()
        latest.teacher = label(latest, f"dagger{r + 1}")
        demos.extend(latest)
        train(policy, demos,
              TrainConfig(steps=cfg.dagger_steps, lr=3e-4, seed=cfg.seed + r + 1, fit_normalisation=False,
                          teacher_weight=teacher_weight, landmark_loss=cfg.landmark_loss, device=cfg.device),
              work_dir / f"dagger{r + 1}.ckpt", log=log, on_checkpoint=clock.mark)

    out_dir.mkdir(parents=True, exist_ok=True)
    from robotstack.sim import ALIASES

    short = {task_id: alias for alias, task_id in ALIASES.items()}.get(cfg.task, cfg.task)
    name = f"{cfg.role}-{short}" + ("" if cfg.skill is None else f"-{cfg.skill.replace('_', '-')}")
    fp32 = export_policy(policy, out_dir / f"{name}.onnx", env.unwrapped.control_hz,
                         {"robotstack.training": json.dumps(asdict(cfg))})
    files = {name: fp32}
    if cfg.role == "student":
        # The last DAgger round's frames: the states the policy itself visits (random frames of the whole set,
        # mostly expert demonstrations, cost the ring student 7 of 50 successes in int8: 28 vs 35).
        calibration = [{"image_front": latest.images["front"][i][None], "image_wrist": latest.images["wrist"][i][None],
                        "state": latest.state[i][None], "instruction_embedding": embed([latest.task[i]])}
                       for i in rng.choice(len(latest), size=min(CALIBRATION_FRAMES, len(latest)), replace=False)]
        files[f"{name}-int8"] = quantize_int8(fp32, out_dir / f"{name}-int8.onnx", calibration)
        files[f"{name}-fp16"] = convert_fp16(fp32, out_dir / f"{name}-fp16.onnx")
    wall_s = clock.mark()
    evaluations = {key: _cached_evaluation(work_dir, path, cfg.task, cfg.eval_episodes, cfg.skill)
                   for key, path in files.items()}
    summary = {
        "config": asdict(cfg), "architecture": arch.to_dict(), "params": sum(p.numel() for p in policy.parameters()),
        "flops": count_flops(policy), "train_wall_s": wall_s, "frames": len(demos),
        "files": {k: {"file": p.name, "sha256": sha256_of(p), "eval": evaluations[k]} for k, p in files.items()},
        **({"teacher": {"policy": cfg.teacher, "sha256": teacher_sha256}} if teacher is not None else {}),
        **({"init": {"policy": cfg.init, "sha256": sha256_of(Path(cfg.init))}} if cfg.init is not None else {}),
    }
    write_json_atomic(work_dir / f"{name}-summary.json", summary)
    return summary


def publish(summary: dict, source_dir: Path, weights_dir: Path, aliases: dict[str, str] | None = None,
            notes: str = "") -> Path:
    """Copy a trained policy's ONNX files into the shipped weights folder; update manifest.json (name -> file,
    sha256, tasks, evaluation; the training behind them under ``trainings``) and rewrite the model card for
    every shipped policy. ``aliases`` adds names (e.g. student-int8) for files; ``notes`` go in the card."""
    manifest = _shipped_manifest(weights_dir)
    _ship_files(manifest, summary["config"]["task"], summary["files"], source_dir, weights_dir, aliases)
    training = next(iter(summary["files"]))  # the fp32 file's name, e.g. student-ring
    manifest.get("ensembles", {}).pop(training, None)  # a single network replaces an ensemble of that name
    manifest.get("routes", {}).pop(training, None)  # and skill routes of that name
    manifest.setdefault("trainings", {})[training] = {
        **{key: summary[key] for key in ("config", "architecture", "params", "flops", "train_wall_s", "frames",
                                          "teacher") if key in summary},
        "notes": notes,
    }
    return _write_manifest(manifest, weights_dir)


def publish_ensemble(name: str, task: str, files: dict[str, dict], source_dir: Path, members: list[dict],
                     member_trainings: dict[str, dict], reproduce: str, weights_dir: Path, notes: str = "",
                     turns: bool = False) -> Path:
    """Ship an ensemble built by ``robotstack ensemble`` under ``name`` (e.g. student-cable): its files (``files``
    as in a training summary: key -> file, sha256, evaluation; copied from ``source_dir``), the trainings of its
    members (key -> a training entry as :func:`publish` records one), and the ensemble's entry the model card
    describes: ``members`` (name, file, sha256, the commit that shipped that file alone or None, training key), how
    they combine (``turns``: one member per inference, else the mean of all), its size (parameters summed; FLOPs per
    inference summed, or the costliest member's when they take turns) and the commands that rebuild it."""
    manifest = _shipped_manifest(weights_dir)
    missing = {m["training"] for m in members} - set(member_trainings)
    if missing:
        raise ValueError(f"ensemble {name}: no training given for member training(s) {sorted(missing)}")
    _ship_files(manifest, task, files, source_dir, weights_dir)
    trainings = manifest.setdefault("trainings", {})
    trainings.pop(name, None)  # the single network of that name, if it is not a member, is no longer shipped
    trainings.update(member_trainings)
    manifest.setdefault("ensembles", {})[name] = {
        "members": members, "combine": "turns" if turns else "mean", "reproduce": reproduce, "notes": notes,
        "params": sum(member_trainings[m["training"]]["params"] for m in members),
        "flops": _combined_flops([member_trainings[m["training"]]["flops"] for m in members], turns),
    }
    return _write_manifest(manifest, weights_dir)


def publish_routes(name: str, task: str, files: dict[str, dict], source_dir: Path, routes: list[dict],
                   route_trainings: dict[str, dict], reproduce: str, weights_dir: Path, notes: str = "") -> Path:
    """Ship skill routes built by ``robotstack route`` under ``name`` (e.g. student-language): its files (as
    :func:`publish_ensemble`'s), the trainings of its members not yet listed (key -> a training entry), and the
    entry the model card describes: ``routes`` (skill, name, file, sha256, the commit that shipped that file alone
    or None, training key; a route whose network is an ensemble gives ``members`` instead, each as
    :func:`publish_ensemble`'s, and ``combine``: "turns" where they take turns), its size (the members' summed;
    FLOPs per inference: the costliest route's, since one runs) and the commands that rebuild it."""
    manifest = _shipped_manifest(weights_dir)
    trainings = manifest.setdefault("trainings", {})
    missing = {t for r in routes for t in _route_trainings(r)} - set(route_trainings) - set(trainings)
    if missing:
        raise ValueError(f"routes {name}: no training given for member training(s) {sorted(missing)}")
    _ship_files(manifest, task, files, source_dir, weights_dir)
    trainings.update(route_trainings)
    manifest.get("ensembles", {}).pop(name, None)
    manifest.setdefault("routes", {})[name] = {
        "routes": routes, "reproduce": reproduce, "notes": notes,
        "params": sum(trainings[t]["params"] for r in routes for t in _route_trainings(r)),
        "flops": max(_combined_flops([trainings[t]["flops"] for t in _route_trainings(r)],
                                     r.get("combine") == "turns") for r in routes),
    }
    return _write_manifest(manifest, weights_dir)


def _combined_flops(member_flops: list[int], turns: bool) -> int:
    """FLOPs per inference of members joined: every member runs (the mean), or one at a time (turns)."""
    return max(member_flops) if turns else sum(member_flops)


def _route_trainings(route: dict) -> list[str]:
    """The trainings behind one skill's route: its ensemble's members', or its one network's."""
    return [m["training"] for m in route["members"]] if "members" in route else [route["training"]]


def _shipped_manifest(weights_dir: Path) -> dict:
    weights_dir.mkdir(parents=True, exist_ok=True)
    path = weights_dir / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else {"files": {}}


def _ship_files(manifest: dict, task: str, files: dict[str, dict], source_dir: Path, weights_dir: Path,
                aliases: dict[str, str] | None = None) -> None:
    """Copy ``files`` (key -> file, sha256, evaluation) into ``weights_dir`` atomically and list them (and their
    aliases) in ``manifest``."""
    import shutil

    for name, entry in files.items():
        with atomic_path(weights_dir / entry["file"]) as tmp:
            shutil.copyfile(source_dir / entry["file"], tmp)
        record = {"file": entry["file"], "sha256": entry["sha256"], "tasks": [task], "eval": entry["eval"]}
        manifest["files"][name] = record
        for alias, target in (aliases or {}).items():
            if target == name:
                manifest["files"][alias] = record


def _write_manifest(manifest: dict, weights_dir: Path) -> Path:
    """Write manifest.json and the model card generated from it."""
    write_json_atomic(weights_dir / "manifest.json", manifest)
    with atomic_path(weights_dir / "MODEL_CARD.md") as tmp:
        tmp.write_text(model_card(manifest))
    return weights_dir


LANDMARK_LOSS_TEXT = {"smooth-l1": "smooth-L1 (in 10 cm units)", "l1-cm": "L1 (in centimetres)"}


_RECIPE_FLAGS = {
    "dagger_episodes": "--dagger-episodes {}", "dagger_mode": "--dagger-mode {}", "fumble_share": "--fumble-share {}",
    "misaim_share": "--misaim-share {}", "carry_misaim_share": "--carry-misaim-share {}", "seed": "--seed {}",
    "film_layers": "--film-layers {}",
    "grounded": "--grounded", "joint_velocities": "--no-joint-velocities", "wrist_ray": "--wrist-ray",
    "goal_ray": "--goal-ray", "held_ray": "--held-ray", "color_masks": "--color-masks",
    "edge_orientation": "--edge-orientation", "lr": "--lr {}",
    "dagger_beta": "--dagger-beta {}", "skill": "--skill {}", "settle_ticks": "--settle-ticks {}",
    **{kind.option: kind.flag + " {}" for kind in AFTER_FIRST}, "fit_landmark_head": "--fit-landmark-head",
}
"""The training options (beyond those the model card names on its own) that change the weights, as the command
line gives them; a training recorded before an option existed ran with its default."""


def _recipe_flags(cfg: dict) -> str:
    """The command-line flags of ``cfg``'s options that differ from :class:`PipelineConfig`'s defaults."""
    defaults = PipelineConfig()
    return "".join(f" {flag.format(cfg[key])}" for key, flag in _RECIPE_FLAGS.items()
                   if key in cfg and cfg[key] != getattr(defaults, key))


def _lr_text(lr: float) -> str:
    """A learning rate as the model card writes it: 1e-3, 3e-4."""
    mantissa, exponent = f"{lr:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def _training_section(name: str, training: dict) -> str:
    cfg = training["config"]
    data = (f"the LeRobot dataset {cfg['dataset']}" if cfg.get("dataset") else
            f"{cfg['demos']} scripted-expert episodes, seeds {TRAIN_SEED_BASE}–{TRAIN_SEED_BASE + cfg['demos'] - 1}, "
            f"DART noise σ={cfg['noise']} on every other one (labels are always the clean expert action)")
    teacher = cfg.get("teacher")
    # A shipped name may point at another file by now: with the teacher's sha256 recorded, name the file instead.
    given = "TEACHER.onnx" if "teacher" in training else teacher
    landmark_loss = cfg.get("landmark_loss", "smooth-l1")
    options = ((f" --arch {cfg['arch']}" if cfg.get("arch") else "")
               + (" --init INIT.onnx" if cfg.get("init") else "")
               + (f" --landmark-loss {landmark_loss}" if landmark_loss != "smooth-l1" else "")
               + (f" --teacher {given} --teacher-weight {cfg['teacher_weight']}" if teacher else "")
               + _recipe_flags(cfg))
    digest = (f" (sha256 `{training['teacher']['sha256']}`: that file is TEACHER.onnx)" if "teacher" in training
              else "")
    distillation = (f"\n- Distillation: every frame also labelled with the action chunk of the policy "
                    f"`{teacher}`{digest} (given the frame's subtask phrase); {cfg['teacher_weight']:.0%} of the "
                    f"action loss on its chunks, the rest on the expert's actions." if teacher else "")
    led = f"; on every other one the starting network acted, the expert with probability {cfg.get('dagger_beta')}"
    for kind in (k for k in AFTER_FIRST if cfg.get(k.option)):
        data += (f"; {cfg[kind.option]} {kind.recorded} ({kind.scenes} from {kind.seed_base}: the expert "
                 f"{kind.lead_in} unrecorded and the ready-pose move took the hand back{led if cfg.get('init') else ''})")
    start = (f"\n- Started from the network of INIT.onnx (sha256 `{training['init']['sha256']}`), read back from "
             f"that fp32 file; its state statistics kept." if "init" in training else "")
    return f"""### `{name}`: `{cfg['task']}` (reproduce with `robotstack train {cfg['role']} --task {cfg['task']} --demos {cfg['demos']} --steps {cfg['steps']} --dagger-rounds {cfg['dagger_rounds']}{options}`)

- Network: {_network(training)}.
- Data: {data}; {training['frames']:,} frames{" after DAgger" if cfg['dagger_rounds'] else ""}.
- Behaviour cloning: {cfg['steps']} steps, batch 64, AdamW lr {_lr_text(cfg.get('lr', 1e-3))} cosine, L1 on the action chunk plus an auxiliary
  {LANDMARK_LOSS_TEXT[landmark_loss]} regression of the expert's landmarks (grasp point from the hand, goal from the
  held object; a training-only head, not in the ONNX file), ±4 px random shifts, instruction phrasings sampled from the
  grammar's templates.
- {_dagger_line(cfg)}{distillation}{start}
- Wall time {_where(cfg)}: {training['train_wall_s'] / 60:.0f} min from the first demonstration
  to the exported files, summed over resumed invocations (evaluation not included).
{training.get('notes', '')}
"""


def _where(cfg: dict) -> str:
    """Where a training's wall time was spent: the development machine, unless its steps ran on a GPU."""
    device = cfg.get("device", "cpu")
    return ("on the 2-core development machine" if device == "cpu"
            else f"with the training steps on `{device}` (`--device {device}`), recording on that machine's cores")


def _dagger_line(cfg: dict) -> str:
    if not cfg["dagger_rounds"]:
        return "DAgger: none (behaviour cloning on the demonstrations only)."
    first = expert_share(cfg["dagger_rounds"], cfg["dagger_beta"], 0)
    share = ("the expert never acts" if not first else
             f"expert acts with probability\n  {first} in the first round, decaying linearly to 0 in the last")
    rounds = f"{cfg['dagger_rounds']} round{'s' if cfg['dagger_rounds'] > 1 else ''}"
    return f"""DAgger: {rounds} x {cfg['dagger_episodes']} policy-led episodes ({share}), every visited state relabelled by the
  expert; {cfg['dagger_steps']} fine-tuning steps per round."""


def _network(training: dict) -> str:
    """One training's network in a line: size, cost and what its layers are conditioned on (trainings differ)."""
    arch = training["architecture"]
    conditioning = ("the subtask the instruction's embedding names (snapped to the grammar's vocabulary: skill, "
                    "ring colour, peg colour)" if arch.get("grounded") else "the instruction's embedding")
    extras = [text for key, text in (
        ("color_masks", "named-colour maps (where the named ring's and peg's colours are) as two more input channels "
                        "per camera, `NamedColorMasks`"),
        ("wrist_ray", "the wrist ray (`WristRay`)"),
        ("edge_orientation", "the wrist image's edge orientations at four times their angle, pooled by learned "
                             "attention (`WristEdgeOrientation`)")) if arch.get(key)]
    return (f"{training['params']:,} parameters, {training['flops'] / 1e6:.1f} MFLOPs per inference; channels "
            f"{arch['channels']}, strides {arch['strides']}, the last {arch['film_layers']} conv layers "
            f"FiLM-conditioned on {conditioning}" + "".join(f"; {e}" for e in extras))


def _network_text(network: dict) -> str:
    """One shipped network as the card names it: its sha256, its training and where its file is."""
    return (f"{network['name']} (`{network['sha256'][:12]}…`, its training `{network['training']}` below; the file: "
            + (f"`git show {network['commit']}:policies/weights/{network['file']}`)" if network.get("commit")
               else "not shipped on its own, that training reproduces it)"))


def _route_text(route: dict) -> str:
    """One skill's route as the card names it: its network, or the ensemble of its members."""
    if "members" not in route:
        return f"`{route['skill']}` -> {_network_text(route)}"
    members = "; ".join(_network_text(m) for m in route["members"])
    return (f"`{route['skill']}` -> {route['name']}, an ensemble of {len(route['members'])} "
            f"({_COMBINED[route.get('combine', 'mean')]}): {members}")


_COMBINED = {"mean": "the mean of their action chunks",
             "turns": "taking turns: inference k runs member k mod N alone, and the loop's ensemble mode averages "
                      "their chunks over ticks"}
"""How an ensemble's members make its action chunk, as the card says it."""


def _ensemble_paragraph(name: str, ensemble: dict) -> str:
    members = "; ".join(_network_text(m) for m in ensemble["members"])
    combine = ensemble.get("combine", "mean")
    how = ("outputs the mean of their action chunks" if combine == "mean" else
           "runs one of them per inference, in turn (the runtime feeds the `turn` input), and the loop's ensemble "
           "mode averages their chunks over ticks")
    return f"""
`{name}` is an **ensemble** of {len(ensemble['members'])} such students (`robotstack ensemble`): one ONNX graph feeds the
same inputs to each and {how}; {ensemble['params']:,} parameters,
{ensemble['flops'] / 1e6:.1f} MFLOPs per inference. Members: {members}. Rebuild it with
`{ensemble['reproduce']}`. {ensemble.get('notes', '')}
"""


def _routes_paragraph(name: str, routed: dict) -> str:
    routes = "; ".join(_route_text(r) for r in routed["routes"])
    return f"""
`{name}` is **routed by skill** (`robotstack route`): one ONNX graph matches the instruction embedding to the grammar's
vocabulary phrasings (cosine, nearest phrasing) and an `If` runs only the network of that phrasing's skill;
{routed['params']:,} parameters in all, at most {routed['flops'] / 1e6:.1f} MFLOPs per inference (one route runs).
Routes: {routes}. Rebuild it with `{routed['reproduce']}`. {routed.get('notes', '')}
"""


def model_card(manifest: dict) -> str:
    """The model card of every shipped policy in ``manifest`` (what publish writes beside the files)."""
    from robotstack.sim import TASKS

    trainings = manifest.get("trainings", {})
    rows = []
    for name, entry in sorted(manifest["files"].items()):
        ev = entry["eval"]
        rows.append(f"| `{name}` | `{entry['file']}` | {ev['successes']}/{ev['episodes']} "
                    f"({ev['ci95'][0]:.0%}–{ev['ci95'][1]:.0%}) | `{ev['task']}` seeds {ev['seeds'][0]}–{ev['seeds'][1]} | "
                    f"`{entry['sha256']}` |")
    aliases = ", ".join(f"`{name}` = `{entry['file']}`" for name, entry in sorted(manifest["files"].items())
                        if Path(entry["file"]).stem != name)
    trained = {t["config"]["task"] for t in trainings.values()}
    untrained = [task for task in TASKS if task not in trained]
    untrained_text = (f"{', '.join(f'`{t}`' for t in untrained)} {'has' if len(untrained) == 1 else 'have'} no "
                      "student yet, and " if untrained else "every task has its own; ")
    sections = "\n".join(_training_section(name, t) for name, t in sorted(trainings.items()))
    ensembles = "".join(_ensemble_paragraph(name, e) for name, e in sorted(manifest.get("ensembles", {}).items()))
    ensembles += "".join(_routes_paragraph(name, r) for name, r in sorted(manifest.get("routes", {}).items()))
    shipped_teachers = sorted(n for n, t in trainings.items() if t["config"]["role"] == "teacher")
    shipped_sha256 = {manifest["files"][n]["sha256"]: n for n in shipped_teachers if n in manifest["files"]}

    def teacher_name(training: dict) -> str:
        """The shipped policy a training distilled from, by its file's sha256, else the path it was given."""
        return shipped_sha256.get(training.get("teacher", {}).get("sha256"), training["config"]["teacher"])

    distilled = {n: teacher_name(t) for n, t in trainings.items() if t["config"].get("teacher")}
    teachers = sorted(f"`{n}` from `{teacher}`" for n, teacher in distilled.items())
    from_shipped = set(distilled.values()) & set(shipped_teachers)
    if not shipped_teachers:
        teacher_note = (" No teacher is shipped (the teachers trained so far place rings less often than the students: "
                        "docs/experiments.md).")
    elif from_shipped:
        teacher_note = ""
    else:
        teacher_note = (f" None of the shipped students is distilled from the shipped teacher "
                        f"({', '.join(f'`{n}`' for n in shipped_teachers)}): its notes under Training say why.")
    distilled_from = ("The students are distilled from the scripted experts (DAgger), "
                      + (f"and also from another policy's action chunks: {', '.join(teachers)}." if teachers
                         else "not from a\n  larger network.") + teacher_note)
    teacher_paragraph = (f"""
The **teacher** (`robotstack.policies.model.TEACHER`; {', '.join(f'`{n}`' for n in shipped_teachers)}): the same
inputs and outputs through a {len(TEACHER.channels)}-layer CNN per camera ({TEACHER.channels[-1]} channels) and an MLP
of {TEACHER.hidden} units ({', '.join(f"{trainings[n]['flops'] / 1e6:.1f}" for n in shipped_teachers)} MFLOPs per inference);
it is shipped in fp32 only, as the reference the board's students are measured against (and distilled from, where
Training says so), not to run on a board.
""" if shipped_teachers else "")
    return f"""# robotstack shipped policies — model card

Generated by `robotstack.policies.pipeline.publish` from the training summaries; `manifest.json` beside this
file holds the same sha256 values, which `robotstack.weights.resolve` checks on every load.

## What they are

On-board **students** (`robotstack.policies.model.STUDENT`), one per task: per camera (front, wrist; {STUDENT.image_size}x{STUDENT.image_size} RGB)
a {len(STUDENT.channels)}-layer CNN whose last layers are FiLM-conditioned on the instruction's all-MiniLM-L6-v2
embedding, a spatial-softmax keypoint head, and an MLP ({STUDENT.hidden} units) over keypoints, normalised
proprioception (22-d) and the instruction, predicting a chunk of {STUDENT.chunk} end-effector actions (dx, dy, dz,
dyaw, gripper) in [-1, 1]; each training's own network (its size, FLOPs per inference at batch 1, and conditioning)
is under Training. The loop executes the first action of each chunk (sync mode), runs the chunk as a queue (async
mode) or averages overlapping chunks (ensemble mode).
{ensembles}{teacher_paragraph}
Files per task (students): fp32 ONNX, static INT8 QDQ (convolutions and their ReLUs in int8, per-channel weights, activation
ranges at the {CALIBRATION_PERCENTILE} percentile of {CALIBRATION_FRAMES} frames the policy itself was fed; the fully
connected layers, under 1 % of the FLOPs, stay fp32) and FP16.
Aliases: {aliases or "none"}. `robotstack run|eval` resolve a name to the policy of the same role and precision
trained on the task being run (`student-int8` on cable plugging -> `student-cable-int8`) where one is shipped.

## Training

{sections}
## Evaluation (closed loop, unseen seeds, ensemble mode, no added latency)

| name | file | success (95 % Wilson CI) | task and seeds | sha256 |
|---|---|---|---|---|
{chr(10).join(rows)}

Re-measure: `robotstack eval --policy student-int8 --task ring --episodes 50` (in the control loop; `--task cable` for
the cable student, `--task language --instruction-steps 1` for the language student, which is evaluated on one-step
instructions).

## Limits

- Per-task students: {untrained_text}one multi-task student is still the goal.
- {distilled_from}
- Trained on simulator images with pose randomisation only (`randomization=0`).
"""
