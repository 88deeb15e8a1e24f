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

import numpy as np

from robotstack.driver import DriverMetrics, InstructionDriver
from robotstack.faults import FaultPlan, FaultyCamera, FaultyPolicy
from robotstack.interfaces import Frame
from robotstack.loop import STAGES, ControlLoop, EpisodeStats, LoopConfig
from robotstack.placement import PlacementCheck
from robotstack.policy import OnnxPolicy
from robotstack.profiles import Profile
from robotstack.reasoning.client import ClientConfig, ReasonerClient
from robotstack.reasoning.plan import SceneSummary
from robotstack.report import (
    DeadlineMisses,
    EpisodeOutcome,
    ProjectionRow,
    ReasoningSummary,
    RunInfo,
    RunMetrics,
    StageLatency,
    SuccessRow,
)
from robotstack.router import Router, StallMonitor
from robotstack.stats import percentiles
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
    drivers: list[DriverMetrics] = field(default_factory=list)

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


class EpisodesClock:
    """The world's time, monotone across episodes (the simulator's restarts at every reset): the clock tier 2
    and the driver run on in sim runs, so a circuit breaker's cool-down never spans a clock going backwards."""

    def __init__(self, bridge) -> None:
        self.bridge, self.earlier_s = bridge, 0.0

    def __call__(self) -> float:
        return self.earlier_s + self.bridge.now()

    def episode_ended(self) -> None:
        self.earlier_s += self.bridge.now()


REGRASPS_BY_DEFAULT = frozenset({"robotstack/LanguageTabletop-v0"})
"""Tasks whose shipped policy the corner regrasp helps (stop 49, A/B on the same seeds: the language task's plug
route 96/120 against 89/120 on fresh plug seeds; the cable task's pair 102/120 against 105/120, its corner grasps
mostly seated anyway, so off there)."""


def run_episodes(policy: OnnxPolicy, task: str, seeds: list[int], config: LoopConfig, tracer: Tracer,
                 on_episode: Callable[[EpisodeRecord], None] | None = None,
                 camera_size: int | None = None, randomization: int = 0,
                 on_frame: Callable[[Frame], None] | None = None, faults: FaultPlan | None = None,
                 reasoner: ClientConfig | None = None, env_options: dict | None = None,
                 on_step: Callable[[dict], None] | None = None, ready_between_subtasks: bool = True,
                 placement_check: bool = True, regrasp_corners: bool | None = None) -> RunResult:
    """Run the policy through the control loop on each seed of a simulated task, optionally with injected
    faults (their counts are reported as ``injected_<kind>`` beside the faults the loop detected).
    ``env_options`` go to the task's constructor (e.g. ``instruction_steps`` for the language task);
    ``ready_between_subtasks`` is the instruction driver's (see :mod:`robotstack.ready_pose`), and so are
    ``placement_check`` (:mod:`robotstack.placement`) and ``regrasp_corners`` (:mod:`robotstack.regrasp`; None:
    the task's default, :data:`REGRASPS_BY_DEFAULT`).

    With ``reasoner``, escalations go to that service through a client on the *simulation* clock, like the
    driver: an emulated tier-2 latency then passes in the world's time, as the loop's inference latency does,
    and tier-2 latencies are reported on that clock (one-tick resolution).

    ``on_step`` sees the simulator's info (with its privileged state) after every step: for diagnostics such as
    ``benchmarks/failures.py``, never for the policy."""
    from robotstack.sim import make_env
    from robotstack.sim.bridge import SimBridge

    env = make_env(task, image_size=camera_size or policy.spec.image_size, control_hz=config.control_hz,
                   randomization=randomization, **(env_options or {})).unwrapped
    bridge = SimBridge(env, on_frame=on_frame, on_step=on_step)
    camera, runner = bridge, policy
    if faults is not None:
        camera, runner = FaultyCamera(bridge, faults), FaultyPolicy(policy, faults)
    encoder = text_encoder()
    router = Router(encoder)
    safety = SafetyLayer()
    loop = ControlLoop(runner, config, safety=safety, tracer=tracer)
    result = RunResult(task=task)
    sim_clock = EpisodesClock(bridge)
    client = ReasonerClient(reasoner, clock=sim_clock) if reasoner is not None else None
    try:
        for seed in seeds:
            instruction = bridge.reset(seed)
            # The board knows which objects are in front of it (an inventory, not their state); the driver
            # routes the instruction and conditions the policy subtask by subtask.
            driver = InstructionDriver(router, encoder, scene_inventory(bridge.info["privileged"]), client=client,
                                       stall=StallMonitor(control_hz=config.control_hz), clock=sim_clock,
                                       ready_between_subtasks=ready_between_subtasks,
                                       placement=PlacementCheck() if placement_check else None,
                                       regrasp_corners=task in REGRASPS_BY_DEFAULT if regrasp_corners is None
                                       else regrasp_corners)
            driver.start(instruction)
            stats: EpisodeStats = loop.run_episode(camera, bridge, driver.conditioning, max_ticks=env.horizon)
            driver.finish()
            sim_clock.episode_ended()
            result.drivers.append(driver.metrics)
            record = EpisodeRecord(seed, instruction, stats.success, stats.ticks, dict(stats.deadline_misses),
                                   dict(stats.faults))
            result.episodes.append(record)
            result.loop_overhead_ms += stats.loop_overhead_ms
            result.applied_latency_ms += stats.applied_latency_ms
            if on_episode is not None:
                on_episode(record)
    finally:
        if client is not None:
            client.close()
    result.interventions = Counter(safety.interventions)
    if faults is not None:
        result.injected = Counter({f"injected_{k}": v for k, v in (camera.injected + runner.injected).items()})
    env.close()
    return result


def scene_inventory(privileged: dict) -> SceneSummary:
    """The objects present in a simulated scene, as the board's perception would list them."""
    return SceneSummary(rings=sorted(privileged.get("rings", {})), pegs=sorted(privileged.get("pegs", {})),
                        cable="plug" in privileged, socket="socket" in privileged)


def reasoning_summary(drivers: list[DriverMetrics], successes: int = 0, emulated_latency_ms: float = 0.0,
                      token_price: tuple[float, float] | None = None) -> ReasoningSummary:
    """Escalation figures over a run's episodes; ``token_price`` (USD per million prompt, completion tokens)
    turns the tokens the remote backends reported into an estimated cost per successful episode."""
    replies: Counter = Counter()
    reasons: Counter = Counter()
    latencies: list[float] = []
    for d in drivers:
        replies.update(d.replies)
        reasons.update(d.reasons)
        latencies += d.tier2_latency_s
    received = sum(replies.values())
    lat = percentiles(np.asarray(latencies) * 1000, (50, 99)) if latencies else {"p50": None, "p99": None}
    firsts = [d.ticks_to_first_action for d in drivers if d.ticks_to_first_action is not None]
    escalations = sum(d.escalations for d in drivers)
    returns = [t for d in drivers for t in d.ready_returns]
    tokens_in, tokens_out = sum(d.tokens_in for d in drivers), sum(d.tokens_out for d in drivers)
    cost = None if token_price is None else (tokens_in * token_price[0] + tokens_out * token_price[1]) / 1e6
    return ReasoningSummary(
        instructions=len(drivers), escalations=escalations, escalation_rate=escalations / max(1, len(drivers)),
        reasons=dict(reasons), replies=dict(replies),
        plan_validity_rate=replies["ok"] / received if received else None,
        tier2_latency_p50_ms=lat["p50"], tier2_latency_p99_ms=lat["p99"],
        ticks_to_first_action_p50=float(np.median(firsts)) if firsts else None,
        ready_returns=len(returns), ready_return_ticks_p50=float(np.median(returns)) if returns else None,
        ready_timeouts=sum(d.ready_timeouts for d in drivers),
        missed_grasp_retries=sum(d.missed_grasp_retries for d in drivers),
        placement_retries=sum(d.placement_retries for d in drivers),
        corner_regrasps=sum(d.corner_regrasps for d in drivers),
        tokens_in=tokens_in, tokens_out=tokens_out, emulated_latency_ms=emulated_latency_ms,
        token_price_usd_per_million=token_price, cost_usd=cost,
        cost_per_success_usd=cost / successes if cost is not None and successes else None,
    )


def stage_latencies(tracer: Tracer, profile: Profile, loop_overhead_ms: list[float]) -> list[StageLatency]:
    """Per-stage latency rows from the tracer's spans, with the profile's budgets, plus the loop overhead."""
    durations = tracer.stage_durations()
    budgets = {"infer": profile.budgets.inference_ms, "tick": 1000.0 / profile.control.rate_hz}
    stages = [StageLatency.from_samples(s, durations.get(s, []), budget_ms=budgets.get(s)) for s in (*STAGES, "tick")]
    return stages + [StageLatency.from_samples("loop_overhead", loop_overhead_ms)]


def run_metrics(result: RunResult, tracer: Tracer, info: RunInfo, profile: Profile, latency_kind: str,
                projections: list[ProjectionRow] | None = None, reasoner_latency_ms: float = 0.0,
                token_price: tuple[float, float] | None = None) -> RunMetrics:
    """metrics.json's content for a simulated run."""
    stages = stage_latencies(tracer, profile, result.loop_overhead_ms)
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
        episodes=[EpisodeOutcome(seed=e.seed, instruction=e.instruction, success=e.success, ticks=e.ticks)
                  for e in result.episodes],
        projections=projections or [],
        reasoning=reasoning_summary(result.drivers, result.successes, reasoner_latency_ms, token_price)
        if result.drivers else None,
    )
