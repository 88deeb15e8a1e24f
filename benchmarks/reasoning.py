"""Two-step and paraphrased instructions through the whole two-tier path, with an oracle skill executor
or (``--policy``) a learned student.

On LanguageTabletop-v0, each episode's instruction goes to the on-board router; multi-step or ungrounded ones
are escalated to a real reasoning service (``robotstack reasoner serve --backend rules``, its own process,
over pyzmq); the instruction driver then conditions the "policy" subtask by subtask and detects completion
from proprioception. The policy here is an **oracle skill executor**: the scripted expert of whichever
subtask the conditioning embedding names (nearest subtask phrase), acting from simulator state. It stands in
for a learned student that does every single step; what this measures is the share of the tier-2 path
(routing, planning, validation, sequencing, completion detection) in the two-step and paraphrase targets.
With ``--policy student-int8`` (or any ONNX file of the policy contract) the executor is that policy instead,
in the loop's default (ensemble) mode, conditioned on each subtask's phrase by the driver: the end-to-end figure.

Paraphrases are drawn from templates written for this benchmark (``benchmarks/paraphrases.json``: none is in the
task grammar or in the tests), so they are phrasings neither the router nor the rules planner was tuned on.
``--phrasings FILE`` draws them from your own templates instead, in the same JSON form.

The client runs in lockstep with the simulation (``ClientConfig.lockstep``, since stop 53): each reply is used
exactly ``--latency-ms`` of simulated time after its request, so a run repeats episode for episode whatever else
the host is doing. Before, a reply was used on whichever tick was running when it arrived, one tick or several
after the request depending on the host's load, and runs made beside other work ended otherwise.

With ``--no-tier2`` no service runs: the board alone, acting on the router's fallback for every instruction it
escalates, as with tier 2 down for the whole run.

    .venv/bin/python benchmarks/reasoning.py [--episodes 40] [--seed 2000000] [--latency-ms 0,500] [--policy NAME]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import string
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np
from rich.console import Console
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from rich.table import Table

from robotstack.driver import InstructionDriver
from robotstack.episodes import EpisodesClock, loop_config, reasoning_summary, scene_inventory, text_encoder
from robotstack.loop import DEFAULT_MODE, ControlLoop, LoopConfig
from robotstack.placement import PlacementCheck
from robotstack.policy import OnnxPolicy
from robotstack.profiles import load_profile
from robotstack.reasoning.client import ClientConfig, ReasonerClient, query_stats
from robotstack.router import Router, StallMonitor
from robotstack.sim import make_env
from robotstack.sim.bridge import SimBridge
from robotstack.sim.experts import expert_for
from robotstack.skills import Subtask
from robotstack.stats import wilson_interval
from robotstack.tracing import Tracer
from robotstack.weights import resolve

PARAPHRASES = Path(__file__).with_name("paraphrases.json")


class Phrasings(BaseModel):
    """Templates the paraphrased conditions draw each instruction from (``--phrasings``: bring your own)."""

    model_config = ConfigDict(extra="forbid")

    place: list[str] = Field(min_length=1)
    """A ring placement, with ``{ring}`` and ``{peg}``."""
    plug: list[str] = Field(min_length=1)
    """Plugging the cable, no placeholders."""
    two_step: list[str] = Field(min_length=1)
    """Two steps, with ``{first}`` and ``{second}`` (in either order: "{second}, but first {first}")."""

    @field_validator("place", "plug", "two_step")
    @classmethod
    def _placeholders(cls, templates: list[str], info: ValidationInfo) -> list[str]:
        accepted = {"place": {"ring", "peg"}, "plug": set(), "two_step": {"first", "second"}}[info.field_name]
        for template in templates:
            used = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
            if used != accepted:
                raise ValueError(f"{template!r} uses {sorted(used) or 'no placeholders'}; a {info.field_name} "
                                 f"template takes exactly {sorted(accepted) or 'none'}")
        return templates

    @classmethod
    def load(cls, path: Path) -> Phrasings:
        try:
            return cls.model_validate_json(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise SystemExit(f"--phrasings {path}: cannot read it ({err.strerror})") from None
        except ValidationError as err:
            raise SystemExit(f"--phrasings {path}: {err}") from None

    def paraphrase(self, subtasks: list[Subtask], rng: np.random.Generator) -> str:
        """One instruction for ``subtasks`` (one or two), each template drawn at random."""
        parts = [str(rng.choice(self.place)).format(**s.args) if s.skill == "place_ring" else str(rng.choice(self.plug))
                 for s in subtasks]
        joined = str(rng.choice(self.two_step))  # drawn for one step too, so every seed draws as before
        return parts[0] if len(parts) == 1 else joined.format(first=parts[0], second=parts[1])


class OracleSkillPolicy:
    """The scripted expert of the subtask the embedding names: a perfect single-step policy (see the module)."""

    def __init__(self, bridge: SimBridge, encoder) -> None:
        self.bridge, self.encoder = bridge, encoder
        self.subtasks: list[Subtask] = []
        self.embeddings = np.zeros((0, 384), dtype=np.float32)

    def bind(self, rings: list[str], pegs: list[str]) -> None:
        """Every subtask the scene allows, with its embedding."""
        self.subtasks = [Subtask("place_ring", {"ring": r, "peg": p}) for r in rings for p in pegs]
        self.subtasks.append(Subtask("plug_cable"))
        self.embeddings = np.stack([self.encoder(s.phrase()) for s in self.subtasks])

    def __call__(self, images: dict[str, np.ndarray], state: np.ndarray, text: np.ndarray) -> np.ndarray:
        subtask = self.subtasks[int(np.argmax(self.embeddings @ text))]
        return expert_for(subtask).act(self.bridge.info["privileged"])[None]  # the world as of the last tick


def free_endpoint() -> str:
    """A loopback TCP endpoint nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


def exit_on_sigterm() -> None:
    """Let SIGTERM (``timeout``, a plain ``kill``) unwind the benchmark as Ctrl-C does, so that its ``finally`` stops
    the reasoning service it started: by default Python dies on the spot and the service runs on, orphaned."""
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))


def start_service(endpoint: str | None = None, backend: tuple[str, ...] = ("--backend", "rules")
                  ) -> tuple[subprocess.Popen, str]:
    """A ``robotstack reasoner serve`` process on ``endpoint`` (a free one by default), once it answers."""
    endpoint = endpoint or free_endpoint()
    cli = Path(sys.executable).with_name("robotstack")
    process = subprocess.Popen([str(cli), "reasoner", "serve", "--bind", endpoint, *backend],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                query_stats(endpoint, timeout_s=0.5)
                return process, endpoint
            except TimeoutError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit(f"the reasoning service on {endpoint} did not come up") from None
    except BaseException:  # not up, or the benchmark stopped while waiting: nothing else will stop it
        process.kill()
        process.wait(10)
        raise


def run_condition(endpoint: str | None, steps: int, paraphrased: bool, latency_ms: float, seeds: list[int],
                  learned: OnnxPolicy | None = None, ready: bool = True, placement_check: bool = True,
                  regrasp_corners: bool = True, phrasings: Phrasings | None = None) -> dict:
    """One condition's episodes; with no ``endpoint`` there is no tier 2: the board acts on the router's fallback."""
    size = learned.spec.image_size if learned else 32
    env = make_env("language", image_size=size, instruction_steps=steps).unwrapped
    bridge = SimBridge(env)
    encoder = text_encoder()
    router = Router(encoder)
    policy = learned or OracleSkillPolicy(bridge, encoder)
    # A learned executor runs as robotstack eval runs it (host profile, default mode, no added latency).
    config = (loop_config(learned, load_profile("host"), DEFAULT_MODE, 0.0) if learned
              else LoopConfig(image_size=size, assumed_latency_ms=0.0))
    loop = ControlLoop(policy, config, tracer=Tracer(max_events=0))
    rng = np.random.default_rng(seeds[0])
    successes, drivers, episodes = 0, [], []
    sim_clock = EpisodesClock(bridge)

    client_config = ClientConfig(endpoint, extra_latency_s=latency_ms / 1000, lockstep=True) if endpoint else None
    tier2 = ReasonerClient(client_config, clock=sim_clock) if client_config else contextlib.nullcontext(None)
    phrasings = phrasings or Phrasings.load(PARAPHRASES)
    with tier2 as client:
        for seed in seeds:
            bridge.reset(seed)
            scene = scene_inventory(bridge.info["privileged"])
            if learned is None:
                policy.bind(scene.rings, scene.pegs)
            instruction = phrasings.paraphrase(env.subtasks, rng) if paraphrased else env.instruction
            driver = InstructionDriver(router, encoder, scene, client=client, stall=StallMonitor(control_hz=20),
                                       clock=sim_clock, ready_between_subtasks=ready,
                                       placement=PlacementCheck() if placement_check else None,
                                       regrasp_corners=regrasp_corners)
            driver.start(instruction)
            stats = loop.run_episode(bridge, bridge, driver.conditioning, max_ticks=env.horizon)
            driver.finish()
            sim_clock.episode_ended()
            successes += stats.success
            drivers.append(driver.metrics)
            episodes.append({"seed": seed, "subtasks": list(env.subtasks), "success": bool(stats.success),
                             "driver": driver.metrics, "outcome": env.outcome()})
    summary = reasoning_summary(drivers, successes)
    low, high = wilson_interval(successes, len(seeds))
    return {"successes": successes, "episodes": len(seeds), "ci": (low, high), "summary": summary,
            "per_episode": episodes}


def kind(subtask: Subtask) -> str:
    return "plug" if subtask.skill == "plug_cable" else "ring"


def short(subtask: Subtask) -> str:
    return "plug" if kind(subtask) == "plug" else f"{subtask.args['ring']}->{subtask.args['peg']}"


def failure(episode: dict) -> str:
    """Why the judge failed an episode, from its outcome and what the driver read: a step never achieved (and
    whether the driver had already moved past it), a step achieved and undone, something done that was not
    asked, or the steps achieved out of order."""
    if episode["success"]:
        return "success"
    outcome, read = episode["outcome"], episode["driver"].completed_ticks
    reasons = []
    for i, (holds, achieved) in enumerate(zip(outcome["holds"], outcome["achieved_at"])):
        if achieved is None:
            moved_on = i < len(read) and i < len(outcome["holds"]) - 1
            reasons.append(f"step {i + 1} never achieved" + (" (driver moved past it)" if moved_on else ""))
        elif not holds:
            reasons.append(f"step {i + 1} undone")
    if outcome["unasked_rings"] or outcome["unasked_plug"]:
        reasons.append("did what was not asked")
    return "; ".join(reasons) or "out of order"


def step_rates(episodes: list[dict]) -> str:
    """Each step position and kind: achieved / reached (every earlier step achieved), so a two-step shortfall can
    be set against the one-step rates: a first step should do as a one-step instruction does."""
    reached, achieved = Counter(), Counter()
    for e in episodes:
        for i, (subtask, at) in enumerate(zip(e["subtasks"], e["outcome"]["achieved_at"])):
            key = (i + 1, kind(subtask))
            reached[key] += 1
            if at is None:
                break
            achieved[key] += 1
    return "; ".join(f"step {i} {kind} {achieved[(i, kind)]}/{n}" for (i, kind), n in sorted(reached.items()))


def per_episode_table(label: str, episodes: list[dict]) -> Table:
    table = Table(title=f"{label}: each episode")
    for column in ("seed", "steps", "driver read done at tick", "escalations", "judge: achieved at step",
                   "unasked", "verdict"):
        table.add_column(column)
    for e in episodes:
        d, o = e["driver"], e["outcome"]
        table.add_row(str(e["seed"]), ", ".join(short(s) for s in e["subtasks"]),
                      ", ".join(map(str, d.completed_ticks)) or "—",
                      ", ".join(f"{k} {v}" for k, v in d.reasons.items()) or "—",
                      ", ".join("—" if a is None else str(a) for a in o["achieved_at"]),
                      ", ".join([f"{r}->{p}" for r, p in o["unasked_rings"]] + (["plug"] if o["unasked_plug"] else []))
                      or "—", failure(e))
    return table


def main() -> None:
    exit_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=40, help="episodes per condition")
    parser.add_argument("--seed", type=int, default=2_000_000, help="first seed (unseen by any training)")
    parser.add_argument("--latency-ms", default="0,500", help="emulated tier-2 latencies for the paraphrased "
                                                               "two-step condition, comma-separated")
    parser.add_argument("--policy", help="a learned executor instead of the oracle: a shipped name (resolved to the "
                                         "language task's student) or an .onnx path")
    parser.add_argument("--conditions", default="2,2p,1p",
                        help="instruction sets, comma-separated: 2 (two-step, task grammar), 2p (two-step paraphrased), "
                             "1p (one-step paraphrased); each --latency-ms above 0 adds a 2p run at that latency")
    parser.add_argument("--ready-pose", default="on", help="whether the hand goes back to its start pose between "
                        "subtasks: on, off, or on,off to run every condition both ways on the same seeds")
    parser.add_argument("--no-placement-check", action="store_true",
                        help="move past a ring subtask read done from proprioception without the front camera's look "
                             "at its peg (robotstack.placement), as before stop 49")
    parser.add_argument("--no-regrasp-corners", action="store_true",
                        help="leave a plug held across its corners to the policy, without the driver's regrasp "
                             "(robotstack.regrasp), as before stop 49")
    parser.add_argument("--no-tier2", action="store_true",
                        help="no reasoning service: the board alone, acting on the router's fallback for every "
                             "instruction it escalates (as with tier 2 down for the whole run)")
    parser.add_argument("--phrasings", type=Path, default=PARAPHRASES,
                        help="JSON file of the templates the paraphrased conditions draw from: place (with {ring} and "
                             "{peg}), plug, two_step (with {first} and {second}); default: benchmarks/paraphrases.json")
    parser.add_argument("--per-episode", action="store_true",
                        help="also print every episode (its steps, when the driver read each done, escalations, when "
                             "the judge found each achieved) and a tally of why episodes failed")
    args = parser.parse_args()
    chosen = args.conditions.split(",")
    known = {"2": (2, False), "2p": (2, True), "1p": (1, True)}
    if unknown := [c for c in chosen if c not in known]:
        parser.error(f"--conditions {','.join(unknown)}: accepted: {', '.join(known)}")
    ready_modes = args.ready_pose.split(",")
    if bad := [m for m in ready_modes if m not in ("on", "off")]:
        parser.error(f"--ready-pose {','.join(bad)}: accepted: on, off, on,off")
    phrasings = Phrasings.load(args.phrasings)
    learned, executor = None, "oracle skill executor"
    if args.policy:
        file = resolve(args.policy, task="robotstack/LanguageTabletop-v0")
        learned = OnnxPolicy(file.path, threads=2, expected_sha256=file.sha256)
        executor = f"learned executor {file.path.name}"
    console = Console(width=None if sys.stdout.isatty() else 150)
    seeds = list(range(args.seed, args.seed + args.episodes))
    conditions = [(*known[c], 0.0) for c in chosen]
    conditions += [(2, True, float(ms)) for ms in args.latency_ms.split(",") if float(ms) > 0]
    tier2 = "no tier 2 (the board alone)" if args.no_tier2 else "rules backend"
    check = ("no placement check" if args.no_placement_check else "placement check") + \
        (", no corner regrasp" if args.no_regrasp_corners else ", corner regrasp")
    table = Table(title=f"LanguageTabletop-v0, {executor}, {tier2}, {check}, {args.episodes} seeds from {args.seed}")
    for column in ("instructions", "ready pose", "tier-2 latency added", "success", "95 % CI", "escalated", "plans ok",
                   "tier-2 p50 / p99 ms", "ticks to first action p50"):
        table.add_column(column, justify="left" if column == "instructions" else "right")
    details = []
    process, endpoint = None, None
    try:
        if not args.no_tier2:
            process, endpoint = start_service()
        for (steps, paraphrased, latency_ms), ready in ((c, m) for c in conditions for m in ready_modes):
            r = run_condition(endpoint, steps, paraphrased, latency_ms, seeds, learned, ready=ready == "on",
                              placement_check=not args.no_placement_check,
                              regrasp_corners=not args.no_regrasp_corners, phrasings=phrasings)
            s = r["summary"]
            label = f"{'two' if steps == 2 else 'one'}-step, {'paraphrased' if paraphrased else 'task grammar'}"
            details.append((f"{label}, {latency_ms:g} ms, ready pose {ready}", r["per_episode"], s))
            table.add_row(label, ready, f"{latency_ms:g} ms", f"{r['successes']}/{r['episodes']}",
                          f"{r['ci'][0]:.0%}–{r['ci'][1]:.0%}", f"{s.escalation_rate:.0%}",
                          "—" if s.plan_validity_rate is None else f"{s.plan_validity_rate:.0%}",
                          "—" if s.tier2_latency_p50_ms is None else
                          f"{s.tier2_latency_p50_ms:.1f} / {s.tier2_latency_p99_ms:.1f}",
                          "—" if s.ticks_to_first_action_p50 is None else f"{s.ticks_to_first_action_p50:g}")
    finally:
        if process is not None:
            process.terminate()
            process.wait(10)
    console.print(table)
    console.print("success needs every step done, in order, and nothing else done (the task's own judge)")
    for label, episodes, s in details if args.per_episode else []:
        console.print(per_episode_table(label, episodes))
        tally = Counter(failure(e) for e in episodes)
        console.print(f"{label}: " + "; ".join(f"{why} {n}" for why, n in tally.most_common()))
        console.print(f"{label}, achieved / reached: {step_rates(episodes)}")
        if s.ready_returns:
            console.print(f"{label}: {s.ready_returns} moves back to the ready pose, {s.ready_return_ticks_p50:g} ticks "
                          f"median, {s.ready_timeouts} gave up short of it; {s.missed_grasp_retries} subtasks started "
                          f"again after a missed grasp; {s.placement_retries} rings started again, not seen on their "
                          f"peg; {s.corner_regrasps} plugs grasped again, held across their corners")


if __name__ == "__main__":
    main()
