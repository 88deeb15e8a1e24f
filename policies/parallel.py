"""Record episodes in worker processes: simulation and rendering are single-threaded, so demonstrations and
DAgger rollouts scale with the cores a training machine has.

Each worker builds its own environment (and, for DAgger, its own copy of the policy from a state dict) once,
then records the seeds it is handed. Every episode draws its noise from a generator seeded by its own seed,
so what is recorded does not depend on how seeds were split between workers. Workers are started with
"spawn": a forked child would inherit the parent's EGL context and torch thread pool.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from robotstack.loop import LoopConfig, TemporalEnsemble
from robotstack.policies.collect import CarryMisaim, Episode, Fumble, Misaim, record_episode

_worker: dict[str, Any] = {}
DAGGER_MODES = ("sync", "ensemble")


@dataclass(frozen=True)
class RecordJob:
    """What every episode of one batch shares: the task, and the learner acting in DAgger rollouts."""

    task: str
    image_size: int
    noise: float = 0.0  # DART noise on odd-numbered seeds' episodes (labels stay clean)
    fumble_share: float = 0.0  # share of the expert's noise-free episodes with one scripted slip (see Fumble)
    misaim_share: float = 0.0  # share of them whose reach is misaimed instead (see Misaim)
    carry_misaim_share: float = 0.0  # share of those without a slip whose carry is misaimed (see CarryMisaim)
    beta: float = 0.0  # expert share of the actions when a policy acts
    policy_config: dict | None = None  # PolicyConfig fields of the learner; None records the expert
    policy_state: dict | None = None  # its state dict (CPU tensors)
    dagger_mode: str = "sync"  # how the learner executes its chunks (see TorchActor)
    env_options: dict | None = None  # the task constructor's options (e.g. the language task's skill)
    settle_ticks: int = 0  # steps recorded after success, the expert letting go (see record_episode)
    after_first: bool = False  # the expert's first subtask and the move back unrecorded (see record_episode)
    expert_odd_seeds: bool = False  # the learner acts on even seeds only; odd ones are the expert's (with noise)


def _init(job: RecordJob) -> None:
    import os

    os.environ.setdefault("MUJOCO_GL", "egl")
    from robotstack.sim import make_env

    _worker["env"] = make_env(job.task, image_size=job.image_size, **(job.env_options or {}))
    _worker["job"] = job
    _worker["actor"] = None
    if job.policy_config is not None:
        import torch

        from robotstack.policies.model import PolicyConfig, VisuomotorPolicy

        torch.set_num_threads(1)
        policy = VisuomotorPolicy(PolicyConfig.from_dict(job.policy_config))
        policy.load_state_dict(job.policy_state)
        _worker["actor"] = TorchActor(policy.eval(), job.dagger_mode)


class TorchActor:
    """A torch policy acting in DAgger rollouts. It infers every step; in ``sync`` mode it executes the first action
    of each chunk, in ``ensemble`` mode the temporal ensemble of its chunks, as the control loop runs the exported
    policy by default (so the states the expert relabels are those that policy reaches at run time)."""

    def __init__(self, policy, mode: str = "sync", decay: float = LoopConfig.ensemble_decay) -> None:
        if mode not in DAGGER_MODES:
            raise ValueError(f"DAgger mode {mode!r}; accepted: {list(DAGGER_MODES)}")
        self.policy, self.mode = policy, mode
        self.ensemble = TemporalEnsemble(decay)
        self.tick = 0
        self.phrase: str | None = None

    def reset(self) -> None:
        self.ensemble.clear()
        self.tick = 0
        self.phrase = None

    def __call__(self, obs, phrase: str) -> np.ndarray:
        import torch

        from robotstack.policies.text_encoder import embed

        with torch.no_grad():
            chunk = self.policy({c: torch.from_numpy(obs["images"][c][None]) for c in self.policy.cfg.cameras},
                                torch.from_numpy(obs["state"][None]), torch.from_numpy(embed([phrase])))
        chunk = chunk[0].numpy()
        if phrase != self.phrase:  # a new subtask: as the control loop, drop chunks made for the last one
            self.ensemble.clear()
            self.phrase = phrase
        action = chunk[0] if self.mode == "sync" else self.ensemble.add(self.tick, chunk)
        self.tick += 1
        return action


def _record(seed: int) -> Episode:
    job: RecordJob = _worker["job"]
    rng = np.random.default_rng(seed)
    noise = job.noise if seed % 2 else 0.0
    # Drawn from generators of their own so the slips and misaims leave the noise of the other episodes as it was
    # (and the slips as they were without misaims).
    slips, aims = np.random.default_rng([seed, 1]), np.random.default_rng([seed, 2])
    carries = np.random.default_rng([seed, 3])
    fumble = misaim = carry = None
    if job.policy_config is None and noise == 0.0:
        if aims.random() < job.misaim_share:
            misaim = Misaim.draw(aims)
        elif slips.random() < job.fumble_share:
            fumble = Fumble.draw(slips)
        if fumble is None and carries.random() < job.carry_misaim_share:
            carry = CarryMisaim.draw(carries)
    actor = None if job.expert_odd_seeds and seed % 2 else _worker["actor"]
    return record_episode(_worker["env"], seed, noise=noise, policy=actor, beta=job.beta, rng=rng,
                          fumble=fumble, misaim=misaim, carry_misaim=carry, settle_ticks=job.settle_ticks,
                          after_first=job.after_first)


def record_parallel(job: RecordJob, seeds: list[int], workers: int) -> Iterator[Episode]:
    """Episodes for ``seeds``, in seed order, recorded by ``workers`` processes (1: in this process)."""
    if workers <= 1:
        _init(job)
        try:
            yield from (_record(seed) for seed in seeds)
        finally:
            _worker.clear()
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init, initargs=(job,)) as pool:
        yield from pool.imap(_record, seeds, chunksize=4)
