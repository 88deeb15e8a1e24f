"""The reproducible path from nothing to shipped weights: demonstrations -> behaviour cloning -> DAgger ->
ONNX (fp32, int8, fp16) -> evaluation on unseen seeds -> manifest + model card.

Every stage checkpoints into ``work_dir`` so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import json
import pickle
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from robotstack.atomic import atomic_path, write_json_atomic
from robotstack.policies.collect import Episode, record_episode
from robotstack.policies.export import convert_fp16, export_policy, quantize_int8
from robotstack.policies.model import STUDENT, TEACHER, VisuomotorPolicy, count_flops
from robotstack.policies.text_encoder import embed
from robotstack.policies.train import Demonstrations, TrainConfig, train
from robotstack.policy import OnnxPolicy, sha256_of

TRAIN_SEED_BASE = 10_000  # demonstrations: seeds 10 000 .. < 100 000
DAGGER_SEED_BASE = 50_000
EVAL_SEED_BASE = 1_000_000  # never used for training


@dataclass
class PipelineConfig:
    task: str = "ring"
    role: str = "student"  # or "teacher"
    demos: int = 600
    noise: float = 0.15  # DART noise on every other demonstration
    steps: int = 20_000
    dagger_rounds: int = 2
    dagger_episodes: int = 100
    dagger_steps: int = 4_000
    dagger_beta: float = 0.2  # probability the expert acts during a DAgger rollout
    eval_episodes: int = 50
    seed: int = 0


def to_demonstrations(episodes: list[Episode], first_episode: int = 0) -> Demonstrations:
    frames = [(i, f) for i, e in enumerate(episodes) for f in e.frames]
    cams = frames[0][1].images.keys()
    return Demonstrations(
        images={c: np.stack([f.images[c] for _, f in frames]) for c in cams},
        state=np.stack([f.state for _, f in frames]),
        action=np.stack([f.action for _, f in frames]).astype(np.float32),
        episode=np.array([first_episode + i for i, _ in frames]),
        task=[f.task for _, f in frames],
    )


def _cached(path: Path, build: Callable[[], Demonstrations]) -> Demonstrations:
    if path.exists():
        return pickle.loads(path.read_bytes())
    demos = build()
    with atomic_path(path) as tmp:
        tmp.write_bytes(pickle.dumps(demos, protocol=4))
    return demos


def _torch_actor(policy: VisuomotorPolicy):
    def act(obs, phrase: str) -> np.ndarray:
        with torch.no_grad():
            chunk = policy({c: torch.from_numpy(obs["images"][c][None]) for c in policy.cfg.cameras},
                           torch.from_numpy(obs["state"][None]), torch.from_numpy(embed([phrase])))
        return chunk[0, 0].numpy()

    return act


def evaluate(policy_path: Path, task: str, episodes: int, image_size: int) -> dict:
    """Closed-loop success on unseen seeds, the policy's first action each step, no added latency."""
    from robotstack.sim import make_env
    from robotstack.sim.rollout import rollout
    from robotstack.stats import wilson_interval

    env = make_env(task, image_size=image_size)
    runtime = OnnxPolicy(policy_path, threads=2)

    def controller(info):
        text = embed([info["privileged"]["subtasks"][0].phrase()])[0]
        return lambda obs, step_info: runtime(obs["images"], obs["state"], text)[0]

    results = [rollout(env, EVAL_SEED_BASE + i, controller) for i in range(episodes)]
    successes = sum(r.success for r in results)
    low, high = wilson_interval(successes, episodes)
    return {"task": task, "successes": successes, "episodes": episodes, "ci95": [low, high],
            "seeds": [EVAL_SEED_BASE, EVAL_SEED_BASE + episodes - 1]}


def run(cfg: PipelineConfig, work_dir: Path, out_dir: Path, log: Callable[[str], None] = print) -> dict:
    """Train one policy end to end; returns the summary written into the manifest."""
    from robotstack.sim import make_env

    work_dir.mkdir(parents=True, exist_ok=True)
    arch = STUDENT if cfg.role == "student" else TEACHER
    env = make_env(cfg.task, image_size=arch.image_size)
    rng = np.random.default_rng(cfg.seed)
    t_start = time.perf_counter()

    def collect() -> Demonstrations:
        episodes = [record_episode(env, TRAIN_SEED_BASE + i, noise=cfg.noise if i % 2 else 0.0, rng=rng)
                    for i in range(cfg.demos)]
        log(f"demonstrations: {len(episodes)} episodes, {sum(len(e.frames) for e in episodes)} frames, "
            f"{sum(e.success for e in episodes)} successful")
        return to_demonstrations(episodes)

    demos = _cached(work_dir / "demos.pkl", collect)
    policy = VisuomotorPolicy(arch)
    train(policy, demos, TrainConfig(steps=cfg.steps, seed=cfg.seed), work_dir / "bc.ckpt", log=log)
    for r in range(cfg.dagger_rounds):
        round_dir = work_dir / f"dagger{r + 1}"

        def relabel(round_index: int = r) -> Demonstrations:
            actor = _torch_actor(policy.eval())
            seeds = range(DAGGER_SEED_BASE + round_index * 1000, DAGGER_SEED_BASE + round_index * 1000 + cfg.dagger_episodes)
            episodes = [record_episode(env, s, policy=actor, beta=cfg.dagger_beta, rng=rng) for s in seeds]
            log(f"DAgger round {round_index + 1}: policy-led success {sum(e.success for e in episodes)}/{len(episodes)}")
            return to_demonstrations(episodes)

        demos = demos.concat(_cached(round_dir.with_suffix(".pkl"), relabel))
        train(policy, demos, TrainConfig(steps=cfg.dagger_steps, lr=3e-4, seed=cfg.seed + r + 1, fit_state_stats=False),
              work_dir / f"dagger{r + 1}.ckpt", log=log)

    out_dir.mkdir(parents=True, exist_ok=True)
    from robotstack.sim import ALIASES

    short = {task_id: alias for alias, task_id in ALIASES.items()}.get(cfg.task, cfg.task)
    name = f"{cfg.role}-{short}"
    fp32 = export_policy(policy, out_dir / f"{name}.onnx", env.unwrapped.control_hz,
                         {"robotstack.training": json.dumps(asdict(cfg))})
    files = {name: fp32}
    if cfg.role == "student":
        calibration = [{"image_front": demos.images["front"][i][None], "image_wrist": demos.images["wrist"][i][None],
                        "state": demos.state[i][None], "instruction_embedding": embed([demos.task[i]])}
                       for i in rng.choice(len(demos), size=64, replace=False)]
        files[f"{name}-int8"] = quantize_int8(fp32, out_dir / f"{name}-int8.onnx", calibration)
        files[f"{name}-fp16"] = convert_fp16(fp32, out_dir / f"{name}-fp16.onnx")
    wall_s = time.perf_counter() - t_start
    evaluations = {key: evaluate(path, cfg.task, cfg.eval_episodes, arch.image_size) for key, path in files.items()}
    summary = {
        "config": asdict(cfg), "architecture": arch.to_dict(), "params": sum(p.numel() for p in policy.parameters()),
        "flops": count_flops(policy), "train_wall_s": wall_s, "frames": len(demos),
        "files": {k: {"file": p.name, "sha256": sha256_of(p), "eval": evaluations[k]} for k, p in files.items()},
    }
    write_json_atomic(work_dir / f"{name}-summary.json", summary)
    return summary
