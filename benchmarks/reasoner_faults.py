"""The reasoning tier failing mid-run, end to end in simulation: its service killed (SIGKILL), hung (SIGSTOP) or
answering garbage (its model endpoint returns prose, not a plan), then brought back.

    python benchmarks/reasoner_faults.py [--episodes 12] [--seed 2100000]

LanguageTabletop-v0 with two-step instructions (every one escalates), the oracle skill executor of
``benchmarks/reasoning.py`` (so what is measured is the tier-2 path and the loop, not a student), the service a
real ``robotstack reasoner serve`` process over pyzmq, the client on the simulation clock with 300 ms of emulated
tier-2 latency and a 2 s time-out. Each condition runs its episodes in three phases: healthy; faulted (the fault
strikes before the phase's first instruction, so the plan requests go out to a dead, hung or garbage-answering
service while the loop runs the episode); restored (the hung process resumed with SIGCONT, the others replaced by a
healthy service on the same endpoint). Baseline in the same run: the healthy phase.

Per phase: success; loop crashes (an exception out of the loop); unsafe actions (an action handed to the arm that is
not finite, outside [-1, 1] or faster than the safety layer's limit, or a hand more than 5 mm outside its workspace
box); how the driver's escalations ended (replies by status: ok, timeout, unavailable while the circuit is open,
invalid); and whether the restored service planned again (tier-2 plans in the third phase).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import signal
import sys
import threading
import time
from collections import Counter

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from reasoning import OracleSkillPolicy, exit_on_sigterm, free_endpoint, start_service  # noqa: E402  (benchmarks/reasoning.py)
from robotstack.driver import InstructionDriver  # noqa: E402
from robotstack.episodes import EpisodesClock, scene_inventory, text_encoder  # noqa: E402
from robotstack.loop import ControlLoop, LoopConfig  # noqa: E402
from robotstack.reasoning.client import ClientConfig, ReasonerClient  # noqa: E402
from robotstack.router import Router, StallMonitor  # noqa: E402
from robotstack.safety import SafetyLayer, SafetyLimits  # noqa: E402
from robotstack.sim import make_env  # noqa: E402
from robotstack.sim.bridge import SimBridge  # noqa: E402
from robotstack.tracing import Tracer  # noqa: E402

WORKSPACE_SLACK_M = 0.005
CONDITIONS = ("killed", "hung", "garbage")


class ProseChatServer(http.server.ThreadingHTTPServer):
    """An OpenAI-compatible chat endpoint whose model answers in prose: a well-formed HTTP reply, not a plan."""

    def __init__(self) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = json.dumps({"choices": [{"message": {"role": "assistant", "content":
                                   "Sure! First grab the ring, then do the rest as you see fit."}}],
                                   "usage": {"prompt_tokens": 100, "completion_tokens": 15}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


class Service:
    """One reasoning service process on a fixed endpoint, which the benchmark kills, stops and replaces."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint, self.process = endpoint, None

    def start(self, *backend: str) -> None:
        self.process, _ = start_service(self.endpoint, backend)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a stopped process cannot act on SIGKILL's cleanup
            self.process.kill()
            self.process.wait(10)


class CheckedArm:
    """The simulated arm, checking every action the loop hands it and where the hand ends up."""

    def __init__(self, bridge: SimBridge, limits: SafetyLimits) -> None:
        self.bridge, self.limits, self.unsafe = bridge, limits, 0
        self.low = np.array(limits.workspace_low) - WORKSPACE_SLACK_M
        self.high = np.array(limits.workspace_high) + WORKSPACE_SLACK_M

    def apply(self, action: np.ndarray, delay_s: float, hold: np.ndarray):
        a = np.asarray(action, dtype=np.float64)
        if (not np.all(np.isfinite(a)) or np.abs(a).max() > 1.0 + 1e-6
                or np.linalg.norm(a[:3]) > self.limits.max_speed + 1e-6):
            self.unsafe += 1
        result = self.bridge.apply(action, delay_s, hold)
        hand = self.bridge.env.ee_pos
        if np.any(hand < self.low) or np.any(hand > self.high):
            self.unsafe += 1
        return result


def run_condition(condition: str, seeds: list[int], prose_url: str) -> list[dict]:
    """Three phases of ``len(seeds) // 3`` episodes each: healthy, faulted, restored."""
    env = make_env("language", image_size=32, instruction_steps=2).unwrapped
    bridge = SimBridge(env)
    encoder = text_encoder()
    router = Router(encoder)
    oracle = OracleSkillPolicy(bridge, encoder)
    safety = SafetyLayer()
    arm = CheckedArm(bridge, safety.limits)
    loop = ControlLoop(oracle, LoopConfig(image_size=32, assumed_latency_ms=0.0), safety=safety,
                       tracer=Tracer(max_events=0))
    clock = EpisodesClock(bridge)
    service = Service(free_endpoint())
    service.start("--backend", "rules")
    third = len(seeds) // 3
    phases = [{"phase": name, "episodes": 0, "successes": 0, "crashes": 0, "unsafe": 0, "replies": Counter()}
              for name in ("healthy", f"{condition}", "restored")]

    def strike() -> None:
        if condition == "killed":
            service.process.kill()
            service.process.wait(10)
        elif condition == "hung":
            service.process.send_signal(signal.SIGSTOP)
        else:
            service.stop()
            service.start("--backend", "openai", "--base-url", prose_url, "--model", "prose")

    try:
        with ReasonerClient(ClientConfig(service.endpoint, timeout_s=2.0, extra_latency_s=0.3), clock=clock) as client:
            for index, seed in enumerate(seeds[:3 * third]):
                phase = phases[index // third]
                if index == 2 * third:  # bring the service back: the next escalation should use it
                    if condition == "hung":
                        service.process.send_signal(signal.SIGCONT)  # the same process resumes
                    else:
                        service.stop()
                        service.start("--backend", "rules")
                    time.sleep(0.5)  # the client's socket reconnects within its 100 ms interval (wall clock)
                bridge.reset(seed)
                scene = scene_inventory(bridge.info["privileged"])
                oracle.bind(scene.rings, scene.pegs)
                driver = InstructionDriver(router, encoder, scene, client=client, stall=StallMonitor(control_hz=20),
                                           clock=clock)
                if index == third:
                    strike()  # between the robot's last plan and its next instruction
                driver.start(env.instruction)
                unsafe_before = arm.unsafe
                try:
                    stats = loop.run_episode(bridge, arm, driver.conditioning, max_ticks=env.horizon)
                    phase["successes"] += stats.success
                except Exception as err:  # what this benchmark exists to catch
                    phase["crashes"] += 1
                    Console().print(f"[red]loop crash on seed {seed}: {type(err).__name__}: {err}[/red]")
                driver.finish()
                clock.episode_ended()
                phase["episodes"] += 1
                phase["unsafe"] += arm.unsafe - unsafe_before
                phase["replies"].update(driver.metrics.replies)
    finally:
        service.stop()
    return phases


def main() -> None:
    exit_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=12, help="episodes per condition (three equal phases)")
    parser.add_argument("--seed", type=int, default=2_100_000, help="first seed (unseen by any training)")
    parser.add_argument("--conditions", default=",".join(CONDITIONS), help=f"comma-separated: {', '.join(CONDITIONS)}")
    args = parser.parse_args()
    chosen = args.conditions.split(",")
    if unknown := [c for c in chosen if c not in CONDITIONS]:
        parser.error(f"--conditions {','.join(unknown)}: accepted: {', '.join(CONDITIONS)}")
    if args.episodes < 3:
        parser.error("--episodes must be at least 3 (three phases)")
    prose = ProseChatServer()
    threading.Thread(target=prose.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    prose_url = f"http://127.0.0.1:{prose.server_port}/v1"
    seeds = list(range(args.seed, args.seed + args.episodes))
    table = Table(title=f"Reasoning tier faults, LanguageTabletop-v0 two-step, oracle executor, {args.episodes // 3} "
                        f"episodes per phase from seed {args.seed}")
    for column in ("condition", "phase", "success", "vs healthy", "loop crashes", "unsafe actions",
                   "escalations ended"):
        table.add_column(column, justify="left" if column in ("condition", "phase", "escalations ended") else "right")
    try:
        for condition in chosen:
            phases = run_condition(condition, seeds, prose_url)
            healthy = phases[0]["successes"] / phases[0]["episodes"]
            for p in phases:
                rate = p["successes"] / p["episodes"]
                table.add_row(condition, p["phase"], f"{p['successes']}/{p['episodes']}",
                              f"{rate / healthy:.2f}x" if healthy else "-", str(p["crashes"]), str(p["unsafe"]),
                              ", ".join(f"{k} {v}" for k, v in sorted(p["replies"].items())) or "-")
    finally:
        prose.shutdown()
    Console(width=None if sys.stdout.isatty() else 150).print(table)


if __name__ == "__main__":
    main()
