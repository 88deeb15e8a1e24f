"""Closed-loop simulated episodes of a policy through the real control loop, for `run`, `eval` and `sweep`.

This is glue between the runtime (loop, policy, profile) and the simulator; it imports MuJoCo only when
called, so the board install never needs it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from robotstack.faults import FaultPlan, FaultyCamera, FaultyPolicy
from robotstack.interfaces import Frame
from robotstack.loop import STAGES, ControlLoop, EpisodeStats, LoopConfig
from robotstack.policy import OnnxPolicy
from robotstack.profiles import Profile
from robotstack.report import DeadlineMisses, ProjectionRow, RunInfo, RunMetrics, StageLatency, SuccessRow
from robotstack.safety import SafetyLayer
from robotstack.text import OnnxTextEncoder, default_encoder_dir
from robotstack.tracing import Tracer

EVAL_SEED_BASE = 1_000_000
"""Evaluation seeds start here; training data uses seeds below 100 000."""


@dataclass
class EpisodeRecord:
    seed: int
    instruction: str
    success: bool
    ticks: int
    deadline_misses: dict[str, int]
    faults: dict[str, int]


@dataclass
class RunResult:
    task: str
    episodes: list[EpisodeRecord] = field(default_factory=list)
    interventions: Counter = field(default_factory=Counter)
    loop_overhead_ms: list[float] = field(default_factory=list)
    applied_latency_ms: list[float] = field(default_factory=list)
    injected: Counter = field(default_factory=Counter)

    @property
    def successes(self) -> int:
        return sum(e.success for e in self.episodes)

    def total(self, what: Literal["deadline_misses", "faults"]) -> Counter:
        out: Counter = Counter()
        for e in self.episodes:
            out.update(getattr(e, what))
        return out


def text_encoder(directory: Path | None = None) -> OnnxTextEncoder:
    """The ONNX instruction encoder; exported on first use where torch is installed (the dev install)."""
    directory = directory or default_encoder_dir()
    try:
        return OnnxTextEncoder(directory)
    except FileNotFoundError:
        from robotstack.policies.text_encoder import export_bundle  # needs the [train] extra

        export_bundle(directory)
        return OnnxTextEncoder(directory)


def loop_config(policy: OnnxPolicy, profile: Profile, mode: str, latency_ms: float | None) -> LoopConfig:
    return LoopConfig(
        control_hz=profile.control.rate_hz,
        mode=mode,
        inference_budget_ms=profile.budgets.inference_ms,
        capture_to_actuation_budget_ms=profile.budgets.capture_to_actuation_ms,
        assumed_latency_ms=latency_ms,
        image_size=policy.spec.image_size,
        cameras=policy.spec.cameras,
    )


def run_episodes(policy: OnnxPolicy, task: str, seeds: list[int], config: LoopConfig, tracer: Tracer,
                 on_episode: Callable[[EpisodeRecord], None] | None = None,
                 camera_size: int | None = None, randomization: int = 0,
                 on_frame: Callable[[Frame], None] | None = None, faults: FaultPlan | None = None) -> RunResult:
    """Run the policy through the control loop on each seed of a simulated task, optionally with injected
    faults (their counts are reported as ``injected_<kind>`` beside the faults the loop detected)."""
    from robotstack.sim import make_env
    from robotstack.sim.bridge import SimBridge

    env = make_env(task, image_size=camera_size or policy.spec.image_size, control_hz=config.control_hz,
                   randomization=randomization).unwrapped
    bridge = SimBridge(env, on_frame=on_frame)
    camera, runner = bridge, policy
    if faults is not None:
        camera, runner = FaultyCamera(bridge, faults), FaultyPolicy(policy, faults)
    encoder = text_encoder()
    safety = SafetyLayer()
    loop = ControlLoop(runner, config, safety=safety, tracer=tracer)
    result = RunResult(task=task)
    for seed in seeds:
        instruction = bridge.reset(seed)
        # The policy is conditioned on a subtask; for a one-step task that is the instruction itself.
        subtasks = bridge.info["privileged"]["subtasks"]
        text = encoder(subtasks[0].phrase())
        stats: EpisodeStats = loop.run_episode(camera, bridge, text, max_ticks=env.horizon)
        record = EpisodeRecord(seed, instruction, stats.success, stats.ticks, dict(stats.deadline_misses),
                               dict(stats.faults))
        result.episodes.append(record)
        result.loop_overhead_ms += stats.loop_overhead_ms
        result.applied_latency_ms += stats.applied_latency_ms
        if on_episode is not None:
            on_episode(record)
    result.interventions = Counter(safety.interventions)
    if faults is not None:
        result.injected = Counter({f"injected_{k}": v for k, v in (camera.injected + runner.injected).items()})
    env.close()
    return result


def eval_seeds(n: int, first: int = EVAL_SEED_BASE) -> list[int]:
    return list(range(first, first + n))



def run_metrics(result: RunResult, tracer: Tracer, info: RunInfo, profile: Profile, latency_kind: str,
                projections: list[ProjectionRow] | None = None) -> RunMetrics:
    """metrics.json's content for a simulated run."""
    durations = tracer.stage_durations()
    budgets = {"infer": profile.budgets.inference_ms, "tick": 1000.0 / profile.control.rate_hz}
    stages = [StageLatency.from_samples(s, durations.get(s, []), budget_ms=budgets.get(s)) for s in (*STAGES, "tick")]
    stages.append(StageLatency.from_samples("loop_overhead", result.loop_overhead_ms))
    if latency_kind != "measured":
        stages.append(StageLatency.from_samples("applied_inference_latency", result.applied_latency_ms,
                                                budget_ms=profile.budgets.inference_ms, kind="projected"))
    ticks = sum(e.ticks for e in result.episodes)
    return RunMetrics(
        run=info,
        stages=stages,
        deadline_misses=DeadlineMisses(total_ticks=ticks, by_stage=dict(result.total("deadline_misses")),
                                       kind="measured" if latency_kind == "measured" else "projected"),
        safety_interventions=dict(result.interventions),
        faults={**result.total("faults"), **result.injected},
        success=[SuccessRow.from_counts(result.task, result.successes, len(result.episodes))] if result.episodes else [],
        projections=projections or [],
    )
