"""The run directory that every ``robotstack run|eval|profile`` writes: metrics.json, trace.json, report.html.

- ``metrics.json`` follows :class:`RunMetrics`, a versioned pydantic schema: the contract that scripts
  comparing runs build on (``RunMetrics.model_json_schema()`` gives it as JSON Schema).
- ``trace.json`` is the loop's :class:`~robotstack.tracing.Tracer` in the Chrome Trace Event Format.
- ``report.html`` is one self-contained file — plots inlined as PNG, no scripts, nothing fetched — so it
  opens on a board with no network and can be mailed as is. Every figure in it says whether it was
  *measured* (timed on this host in this run) or *projected* (estimated from the policy graph and a
  hardware profile; see :mod:`robotstack.projection`).

The directory appears whole or not at all: it is built in a hidden sibling (``.NAME.XXXXXXXX.partial``)
and renamed into place at the end; an error removes the sibling, and a killed process leaves only that
hidden sibling (safe to delete), never a half-written run under the final name. A target that already
exists is an error (FileExistsError), never overwritten or merged into; :func:`new_run_dir` gives a
fresh, timestamped name.
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
import re
import secrets
import shutil
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as PlotFigure
from matplotlib.ticker import MaxNLocator
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, NonNegativeInt, PositiveInt, model_validator

from robotstack.atomic import fsync_path, write_bytes_atomic, write_json_atomic
from robotstack.projection import Figure, Kind, Projection
from robotstack.stats import percentiles, wilson_interval
from robotstack.tracing import DEADLINE_MISS, TICK_SPAN, Tracer

SCHEMA_VERSION = 1
METRICS_FILE = "metrics.json"
TRACE_FILE = "trace.json"
REPORT_FILE = "report.html"

Milliseconds = Annotated[float, Field(ge=0)]
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


# --- metrics.json schema ---------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class RunInfo(_Model):
    """What was run, where and how: enough to find the inputs again and to repeat the run."""

    command: str = Field(description="The command line that produced the run, e.g. 'robotstack eval --task ring'.")
    started_at: AwareDatetime = Field(description="When the run started, ISO 8601 with its UTC offset.")
    host: str = Field(description="Hostname of the machine the run executed on (where 'measured' figures come from).")
    profile: str = Field(description="Name of the hardware profile the run was judged against.")
    policy_path: str | None = Field(description="The policy's ONNX file; None when no policy ran (scripted expert).")
    policy_sha256: str | None = Field(
        pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the policy file, hex; None exactly when policy_path is."
    )
    task: str | None = Field(description="Task id or short name; None when the run has no task (e.g. a profile).")
    mode: Literal["sync", "ensemble", "async"] = Field(
        description="Loop mode: sync infers every tick; ensemble also averages overlapping chunks; async runs an "
                    "action queue.")
    control_hz: float = Field(gt=0, description="Control rate of the loop; the tick period is 1000 / control_hz ms.")
    episodes: NonNegativeInt = Field(description="Episodes run (0 for runs with no episodes).")
    loop_nice: int = Field(default=0, ge=-20, le=19, description=(
        "Nice value the loop ran at (lower runs first; the profile's runtime.loop_nice, where the process may "
        "take it)."))

    @model_validator(mode="after")
    def _policy_path_and_hash_together(self) -> RunInfo:
        if (self.policy_path is None) != (self.policy_sha256 is None):
            raise ValueError("policy_path and policy_sha256 are given together or not at all")
        return self


class StageLatency(_Model):
    """Latency summary of one loop stage; statistics are None when the stage has no samples."""

    stage: str = Field(description="Stage name: capture, preprocess, infer, postprocess, actuate, tick, ...")
    kind: Kind = Field(description="'measured' on this host, or 'projected' for a target board.")
    count: NonNegativeInt = Field(description="Number of samples summarised.")
    mean_ms: Milliseconds | None = Field(description="Mean latency, ms.")
    p50_ms: Milliseconds | None = Field(description="Median latency, ms.")
    p90_ms: Milliseconds | None = Field(description="90th percentile latency, ms (numpy's linear interpolation).")
    p99_ms: Milliseconds | None = Field(description="99th percentile latency, ms (numpy's linear interpolation).")
    max_ms: Milliseconds | None = Field(description="Largest latency, ms.")
    budget_ms: float | None = Field(
        default=None, gt=0, description="The stage's latency budget from the profile, ms; None where it has none."
    )

    @classmethod
    def from_samples(
        cls,
        stage: str,
        samples_ms: Sequence[float] | np.ndarray,
        *,
        budget_ms: float | None = None,
        kind: Kind = "measured",
    ) -> StageLatency:
        """Summarise latency samples in milliseconds."""
        values = np.asarray(samples_ms, dtype=float)
        if values.size == 0:
            return cls(stage=stage, kind=kind, count=0, mean_ms=None, p50_ms=None, p90_ms=None, p99_ms=None,
                       max_ms=None, budget_ms=budget_ms)
        q = percentiles(values, (50, 90, 99))
        return cls(stage=stage, kind=kind, count=values.size, mean_ms=float(values.mean()), p50_ms=q["p50"],
                   p90_ms=q["p90"], p99_ms=q["p99"], max_ms=float(values.max()), budget_ms=budget_ms)


class DeadlineMisses(_Model):
    """Deadline misses counted by the loop, per stage (a stage misses at most once per tick)."""

    total_ticks: NonNegativeInt = Field(description="Control ticks run, over all episodes.")
    by_stage: dict[str, NonNegativeInt] = Field(
        description="Ticks on which each deadline was missed, e.g. infer, capture_to_actuation, tick."
    )
    kind: Kind = Field(
        description="'measured' when the loop applied the inference latency measured on this host; 'projected'"
        " when it applied a target board's projected (or an assumed) latency in virtual time."
    )

    @model_validator(mode="after")
    def _at_most_one_per_tick(self) -> DeadlineMisses:
        over = {stage: n for stage, n in self.by_stage.items() if n > self.total_ticks}
        if over:
            raise ValueError(f"more misses than ticks ({self.total_ticks}): {over}")
        return self


class SuccessRow(_Model):
    """Success of one task over its episodes, with a Wilson 95 % interval (honest for few episodes)."""

    task: str = Field(description="Task id or short name.")
    successes: NonNegativeInt = Field(description="Episodes that ended with info['success'].")
    episodes: PositiveInt = Field(description="Episodes run.")
    rate: float = Field(ge=0, le=1, description="successes / episodes.")
    ci_low: float = Field(ge=0, le=1, description="Lower end of the Wilson 95 % interval of the rate.")
    ci_high: float = Field(ge=0, le=1, description="Upper end of the Wilson 95 % interval of the rate.")

    @classmethod
    def from_counts(cls, task: str, successes: int, episodes: int) -> SuccessRow:
        low, high = wilson_interval(successes, episodes)
        return cls(task=task, successes=successes, episodes=episodes, rate=successes / episodes,
                   ci_low=low, ci_high=high)

    @model_validator(mode="after")
    def _consistent(self) -> SuccessRow:
        if self.successes > self.episodes:
            raise ValueError(f"successes ({self.successes}) exceed episodes ({self.episodes})")
        expected = (self.successes / self.episodes, *wilson_interval(self.successes, self.episodes))
        given = (self.rate, self.ci_low, self.ci_high)
        if not all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(given, expected, strict=True)):
            raise ValueError(f"rate, ci_low, ci_high follow from the counts: expected {expected}, got {given}")
        return self


class EpisodeOutcome(_Model):
    """One simulated episode: its seed, what it was asked and how it ended, so a failure can be found and replayed
    (``robotstack run --seed SEED --episodes 1``) and outcomes split by instruction."""

    seed: int = Field(description="The episode's seed.")
    instruction: str = Field(description="The instruction it was given ('' for tasks without one).")
    success: bool = Field(description="Whether it ended with info['success'].")
    ticks: NonNegativeInt = Field(description="Control ticks it ran.")


class ProjectionRow(_Model):
    """Inference latency of the policy on one hardware profile, against that profile's inference budget."""

    profile: str = Field(description="Hardware profile name.")
    latency_ms: Milliseconds = Field(description="Projected latency, or for a measured row the median measured, ms.")
    budget_ms: float = Field(gt=0, description="The profile's inference budget, ms.")
    meets_budget: bool = Field(description="latency_ms <= budget_ms.")
    kind: Kind = Field(description="'projected' from the graph and the profile, or 'measured' on this host.")

    @classmethod
    def from_figure(cls, profile: str, latency: Figure, budget_ms: float) -> ProjectionRow:
        """A row from a :class:`~robotstack.projection.Figure` in ms (a projection's total, a measured median)."""
        if latency.unit != "ms":
            raise ValueError(f"latency figure is in {latency.unit!r}; expected 'ms'")
        return cls(profile=profile, latency_ms=latency.value, budget_ms=budget_ms,
                   meets_budget=latency.value <= budget_ms, kind=latency.kind)

    @classmethod
    def from_projection(cls, projection: Projection) -> ProjectionRow:
        return cls.from_figure(projection.profile, projection.total, projection.budget_ms)

    @model_validator(mode="after")
    def _verdict_follows(self) -> ProjectionRow:
        if self.meets_budget != (self.latency_ms <= self.budget_ms):
            raise ValueError(
                f"meets_budget={self.meets_budget} contradicts {self.latency_ms} ms against {self.budget_ms} ms"
            )
        return self


class ReasoningSummary(_Model):
    """How instructions were planned: on board, or escalated to the reasoning tier."""

    instructions: NonNegativeInt = Field(description="Instructions started (one per episode).")
    escalations: NonNegativeInt = Field(description="Requests sent to the reasoning tier (incl. stall re-plans).")
    escalation_rate: float = Field(ge=0, description="escalations / instructions.")
    reasons: dict[str, NonNegativeInt] = Field(description="Why escalated: multi-step, ungrounded, ambiguous, stalled, ...")
    replies: dict[str, NonNegativeInt] = Field(description="Tier-2 replies by status (ok, invalid, timeout, unavailable, ...; unsendable: a request too large to build).")
    plan_validity_rate: float | None = Field(description="ok replies / replies received; None with no replies.")
    tier2_latency_p50_ms: float | None = Field(description="Tier-2 round trip, median, ms (measured).")
    tier2_latency_p99_ms: float | None = Field(description="Tier-2 round trip, p99, ms (measured).")
    ticks_to_first_action_p50: float | None = Field(description="Control ticks from an instruction to the first action.")
    ready_returns: NonNegativeInt = Field(
        default=0, description="Moves back to the ready pose (between subtasks, after missed grasps).")
    ready_return_ticks_p50: float | None = Field(default=None, description="Control ticks such a move took, median.")
    ready_timeouts: NonNegativeInt = Field(default=0, description="Moves that gave up short of the ready pose.")
    missed_grasp_retries: NonNegativeInt = Field(
        default=0, description="Subtasks started again from the ready pose after the fingers closed on nothing.")
    placement_retries: NonNegativeInt = Field(
        default=0, description="Ring subtasks read done but not seen on their peg by the front camera, started again.")
    corner_regrasps: NonNegativeInt = Field(
        default=0, description="Plugs held across their corners, let go and grasped again with the wrist turned.")
    tokens_in: NonNegativeInt = Field(description="Prompt tokens reported by remote backends.")
    tokens_out: NonNegativeInt = Field(description="Completion tokens reported by remote backends.")
    emulated_latency_ms: float = Field(default=0.0, ge=0, description="Latency added to every tier-2 reply to "
                                       "emulate a remote network/model (included in the tier-2 latency).")
    token_price_usd_per_million: tuple[float, float] | None = Field(
        default=None, description="(prompt, completion) price the cost estimate used; None when none was given.")
    cost_usd: float | None = Field(default=None, ge=0, description="Estimated tier-2 cost of the run (projected).")
    cost_per_success_usd: float | None = Field(
        default=None, ge=0, description="cost_usd / successful episodes; None with no price or no success.")


class RunMetrics(_Model):
    """Everything a run measured or projected: the content of ``metrics.json``."""

    schema_version: Literal[1] = Field(default=SCHEMA_VERSION, description="Bumped on any incompatible change.")
    run: RunInfo = Field(description="What was run, where and how.")
    stages: list[StageLatency] = Field(default_factory=list, description="Latency per loop stage.")
    deadline_misses: DeadlineMisses | None = Field(
        default=None, description="Deadline misses; None when the run had no control loop (e.g. a profile)."
    )
    safety_interventions: dict[str, NonNegativeInt] = Field(
        default_factory=dict, description="Safety-layer interventions by kind (estop, stale_frame, range_clip, ...)."
    )
    faults: dict[str, NonNegativeInt] = Field(
        default_factory=dict, description="Faults by kind (dropped_frame, queue_dry, inference_error:..., ...)."
    )
    success: list[SuccessRow] = Field(default_factory=list, description="Success per task; empty with no episodes.")
    episodes: list[EpisodeOutcome] = Field(
        default_factory=list, description="Every simulated episode, in seed order; empty for camera runs and profiles."
    )
    projections: list[ProjectionRow] = Field(
        default_factory=list, description="Policy latency across hardware profiles, plus the host's measured row."
    )
    reasoning: ReasoningSummary | None = Field(
        default=None, description="Escalations to the reasoning tier; None when the run had no instruction driver."
    )


# --- the run directory -----------------------------------------------------------------------------------


def new_run_dir(root: str | Path = "runs", prefix: str = "run") -> Path:
    """A fresh, not yet existing path ``root/PREFIX-YYYYMMDDTHHMMSSZ-XXXXXX`` (UTC, sortable, random tail).

    Nothing is created: :func:`write_run` creates the directory when the run is complete.
    """
    if not _NAME.match(prefix):
        raise ValueError(f"run directory prefix {prefix!r}: use letters, digits, '.', '_' and '-', not leading")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = Path(root) / f"{prefix}-{stamp}-{secrets.token_hex(3)}"
    while path.exists():  # 24 random bits: a repeat within one second is rare, but cheap to rule out
        path = Path(root) / f"{prefix}-{stamp}-{secrets.token_hex(3)}"
    return path


def write_run(
    run_dir: str | Path,
    metrics: RunMetrics,
    tracer: Tracer | None = None,
    *,
    stage_samples_ms: Mapping[str, Sequence[float] | np.ndarray] | None = None,
    extra_plots: Mapping[str, PlotFigure] | None = None,
) -> Path:
    """Write ``metrics.json``, ``trace.json`` and ``report.html`` into ``run_dir``, which must not exist.

    ``stage_samples_ms`` are the per-stage latencies measured on this host behind ``metrics.stages``
    (e.g. the loop's ``EpisodeStats.stage_ms``), drawn as histograms; by default the tracer's span
    durations. ``extra_plots`` maps a caption (which should say measured or
    projected) to a matplotlib figure appended to the report. Without a tracer, ``trace.json`` holds an
    empty (valid) trace. Raises FileExistsError if ``run_dir`` exists; on any error nothing is left behind.
    """
    run_dir = Path(run_dir)
    if run_dir.exists():
        raise FileExistsError(
            f"{run_dir} already exists; a run never overwrites another (new_run_dir gives a fresh name)"
        )
    tracer = tracer if tracer is not None else Tracer()
    samples = stage_samples_ms if stage_samples_ms is not None else tracer.stage_durations()
    page = _render_html(metrics, tracer, samples, extra_plots or {})

    run_dir.parent.mkdir(parents=True, exist_ok=True)
    partial = run_dir.parent / f".{run_dir.name}.{secrets.token_hex(4)}.partial"
    partial.mkdir()
    try:
        write_json_atomic(partial / METRICS_FILE, metrics.model_dump(mode="json"))
        tracer.write(partial / TRACE_FILE)
        write_bytes_atomic(partial / REPORT_FILE, page.encode())
        try:
            os.rename(partial, run_dir)  # replaces only an empty directory created since the check above
        except OSError as err:
            if run_dir.exists():
                raise FileExistsError(f"{run_dir} appeared while the run was being written; not overwritten") from err
            raise
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    fsync_path(run_dir.parent)
    return run_dir




# --- plots -----------------------------------------------------------------------------------------------


def latency_histograms(
    samples_ms: Mapping[str, Sequence[float] | np.ndarray], budgets_ms: Mapping[str, float], host: str
) -> PlotFigure:
    """One histogram per stage of latencies measured on ``host``, with the stage's budget as a red line."""
    stages = [s for s, v in samples_ms.items() if len(v)]
    cols = min(3, max(1, len(stages)))
    rows = max(1, math.ceil(len(stages) / cols))
    fig = _new_figure((4.2 * cols, 3.0 * rows))
    for i, stage in enumerate(stages):
        ax = fig.add_subplot(rows, cols, i + 1)
        values = np.asarray(samples_ms[stage], dtype=float)
        ax.hist(values, bins=40, color="#4878a8")
        if (budget := budgets_ms.get(stage)) is not None:
            if budget <= 2 * values.max():
                ax.axvline(budget, color="#c03030", linestyle="--", label=f"budget {budget:g} ms")
                ax.legend(fontsize="small")
            else:  # drawn to scale, the line would squash the samples into one bin
                ax.text(0.98, 0.95, f"budget {budget:g} ms (off scale) →", transform=ax.transAxes,
                        ha="right", va="top", color="#c03030", fontsize="small")
        ax.set_title(f"{stage} (measured)")
        ax.set_xlabel("latency, ms")
        ax.set_ylabel("samples")
    fig.suptitle(f"Stage latency, measured on {host}")
    return fig


def tick_timeline(tick_ms: np.ndarray, period_ms: float, miss_ticks: np.ndarray, miss_kind: Kind) -> PlotFigure:
    """Measured duration of every tick in run order, the tick period, and the ticks with a deadline miss."""
    fig = _new_figure((10, 3.4))
    ax = fig.add_subplot()
    ticks = np.arange(tick_ms.size)
    ax.plot(ticks, tick_ms, color="#4878a8", linewidth=0.8, label="tick duration (measured)")
    ax.axhline(period_ms, color="#c03030", linestyle="--", label=f"period {period_ms:g} ms")
    if miss_ticks.size:
        ax.plot(miss_ticks, tick_ms[miss_ticks], "x", color="#c03030", label=f"deadline miss ({miss_kind})")
    ax.set_title("Tick timeline (durations measured on this host)")
    ax.set_xlabel("tick (run order, all episodes)")
    ax.set_ylabel("duration, ms")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def deadline_miss_chart(misses: DeadlineMisses) -> PlotFigure:
    """Bar chart of the ticks on which each deadline was missed."""
    fig = _new_figure((6, 3.2))
    ax = fig.add_subplot()
    stages = list(misses.by_stage)
    ax.bar(stages, [misses.by_stage[s] for s in stages], color="#c03030")
    ax.set_title(f"Deadline misses over {misses.total_ticks} ticks ({misses.kind})")
    ax.set_ylabel("ticks with a miss")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


def _new_figure(size: tuple[float, float]) -> PlotFigure:
    """A figure drawn by Agg directly: no pyplot, so the process's backend and figure registry are untouched."""
    fig = PlotFigure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _tick_series(tracer: Tracer) -> tuple[np.ndarray, np.ndarray]:
    """Tick durations (ms) in run order, and the indices of ticks that contain a deadline-miss instant."""
    ticks = sorted(tracer.spans(TICK_SPAN), key=lambda s: s.start_ns)
    starts = np.array([s.start_ns for s in ticks], dtype=np.int64)
    ends = np.array([s.end_ns for s in ticks], dtype=np.int64)
    at = np.array([i.ts_ns for i in tracer.instants(DEADLINE_MISS)], dtype=np.int64)
    index = np.searchsorted(starts, at, side="right") - 1
    inside = (index >= 0) & (at <= ends[np.clip(index, 0, None)]) if starts.size else np.zeros(at.size, bool)
    return (ends - starts) / 1e6, np.unique(index[inside])


# --- report.html -----------------------------------------------------------------------------------------

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f2f2f2; }
.measured { color: #1a5e1a; } .projected { color: #8a4b00; font-style: italic; }
.miss { color: #c03030; font-weight: bold; }
figure { margin: 1em 0; } img { max-width: 100%; } figcaption { color: #555; }
"""


def _render_html(
    metrics: RunMetrics,
    tracer: Tracer,
    samples_ms: Mapping[str, Sequence[float] | np.ndarray],
    extra_plots: Mapping[str, PlotFigure],
) -> str:
    run = metrics.run
    parts = [
        "<h1>robotstack run report</h1>",
        f"<p><span class=measured>measured</span>: timed on {_e(run.host)} during this run. "
        "<span class=projected>projected</span>: estimated from the policy's graph and a hardware profile's "
        "peaks and efficiency factors — not a measurement.</p>",
        "<h2>Run</h2>",
        _table(["field", "value"], [
            ["command", run.command], ["started at", run.started_at.isoformat()], ["host", run.host],
            ["profile", run.profile], ["policy", run.policy_path or "none (scripted)"],
            ["policy sha256", run.policy_sha256 or "—"], ["task", run.task or "—"], ["mode", run.mode],
            ["control rate", f"{run.control_hz:g} Hz (period {1000 / run.control_hz:g} ms)"],
            ["episodes", run.episodes], ["schema version", metrics.schema_version],
        ]),
        "<h2>Success</h2>",
        _table(["task", "successes", "episodes", "rate", "Wilson 95 % CI", "kind"], [
            [r.task, r.successes, r.episodes, f"{r.rate:.1%}", f"{r.ci_low:.1%} – {r.ci_high:.1%}", _kind("measured")]
            for r in metrics.success
        ]),
        "<h2>Stage latency (ms)</h2>",
        _table(["stage", "kind", "count", "mean", "p50", "p90", "p99", "max", "budget", "p99 within budget"], [
            [s.stage, _kind(s.kind), s.count, _ms(s.mean_ms), _ms(s.p50_ms), _ms(s.p90_ms), _ms(s.p99_ms),
             _ms(s.max_ms), _ms(s.budget_ms), _verdict(s.p99_ms, s.budget_ms)]
            for s in metrics.stages
        ]),
    ]
    if any(len(v) for v in samples_ms.values()):
        budgets = {s.stage: s.budget_ms for s in metrics.stages if s.budget_ms is not None}
        parts.append(_figure(latency_histograms(samples_ms, budgets, run.host),
                             "Stage latency histograms (measured); dashed lines: budgets from the profile"))

    misses = metrics.deadline_misses
    miss_kind: Kind = misses.kind if misses else "measured"
    tick_ms, miss_ticks = _tick_series(tracer)
    parts.append("<h2>Control ticks</h2>")
    if tick_ms.size:
        parts.append(_figure(tick_timeline(tick_ms, 1000 / run.control_hz, miss_ticks, miss_kind),
                             f"Tick durations (measured); marks: ticks with a deadline-miss event ({miss_kind})"))
    else:
        parts.append("<p>No tick spans were traced.</p>")
    parts.append("<h2>Deadline misses</h2>")
    if misses is None:
        parts.append("<p>No control loop ran.</p>")
    else:
        parts.append(_table(["deadline", "ticks missed", "of ticks", "rate", "kind"], [
            [stage, n, misses.total_ticks, f"{n / misses.total_ticks:.1%}" if misses.total_ticks else "—",
             _kind(misses.kind)] for stage, n in misses.by_stage.items()
        ]))
        if misses.by_stage:
            parts.append(_figure(deadline_miss_chart(misses), f"Deadline misses per stage ({misses.kind})"))
    if metrics.reasoning is not None:
        r = metrics.reasoning
        parts += ["<h2>Reasoning tier</h2>", _table(["figure", "value", "kind"], [
            ["instructions", r.instructions, _kind("measured")],
            ["escalations (rate)", f"{r.escalations} ({r.escalation_rate:.0%})", _kind("measured")],
            ["reasons", ", ".join(f"{k}: {v}" for k, v in sorted(r.reasons.items())) or "—", _kind("measured")],
            ["replies", ", ".join(f"{k}: {v}" for k, v in sorted(r.replies.items())) or "—", _kind("measured")],
            ["plan validity", "—" if r.plan_validity_rate is None else f"{r.plan_validity_rate:.0%}", _kind("measured")],
            ["tier-2 latency p50 / p99 ms", f"{_ms(r.tier2_latency_p50_ms)} / {_ms(r.tier2_latency_p99_ms)}", _kind("measured")],
            ["ticks to first action (p50)", "—" if r.ticks_to_first_action_p50 is None else f"{r.ticks_to_first_action_p50:g}", _kind("measured")],
            ["moves to the ready pose (ticks p50; gave up)",
             f"{r.ready_returns} ({'—' if r.ready_return_ticks_p50 is None else f'{r.ready_return_ticks_p50:g}'}; "
             f"{r.ready_timeouts})", _kind("measured")],
            ["subtasks started again after a missed grasp", f"{r.missed_grasp_retries}", _kind("measured")],
            ["rings started again, not seen on their peg", f"{r.placement_retries}", _kind("measured")],
            ["plugs grasped again, held across their corners", f"{r.corner_regrasps}", _kind("measured")],
            ["tokens in / out", f"{r.tokens_in} / {r.tokens_out}", _kind("measured")],
            ["emulated tier-2 latency", f"{r.emulated_latency_ms:g} ms", "setting"],
            ["estimated cost (per successful episode)", "—" if r.cost_usd is None else
             f"${r.cost_usd:.4f} ({'no success' if r.cost_per_success_usd is None else f'${r.cost_per_success_usd:.4f}'})",
             _kind("projected")],
        ])]
    parts += [
        "<h2>Safety interventions</h2>",
        _table(["kind", "count (measured)"], sorted(metrics.safety_interventions.items())),
        "<h2>Faults</h2>",
        _table(["kind", "count (measured)"], sorted(metrics.faults.items())),
        "<h2>Inference latency across hardware profiles</h2>",
        "<p>Projected rows come from the per-node roofline of <code>robotstack.projection</code>; a measured "
        "row is the median measured on this host with onnxruntime.</p>",
        _table(["profile", "latency", "budget", "meets budget", "kind"], [
            [p.profile, f"{p.latency_ms:.2f} ms", f"{p.budget_ms:g} ms", _verdict(p.latency_ms, p.budget_ms),
             _kind(p.kind)] for p in metrics.projections
        ]),
    ]
    for caption, plot in extra_plots.items():
        parts.append(_figure(plot, caption))

    title = f"robotstack run: {run.command}"
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>\n"
        # The page may load nothing: images are data: URIs and the style is inline.
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'\">\n"
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


class _Html(str):
    """Markup built here, which :func:`_table` must not escape again."""


def _e(value: object) -> str:
    return value if isinstance(value, _Html) else html.escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    if not rows:
        return "<p>None.</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _kind(kind: Kind) -> _Html:
    return _Html(f"<span class={kind}>{kind}</span>")


def _verdict(value_ms: float | None, budget_ms: float | None) -> _Html | str:
    if value_ms is None or budget_ms is None:
        return "—"
    return "yes" if value_ms <= budget_ms else _Html("<span class=miss>no</span>")


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _figure(plot: PlotFigure, caption: str) -> str:
    """The figure as an inline PNG (no PNG text chunks, so nothing in the file points anywhere)."""
    buffer = io.BytesIO()
    plot.savefig(buffer, format="png", dpi=96, metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>")
