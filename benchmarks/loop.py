"""Control-loop benchmark: loop overhead, tick time and deadline misses at 20 and 50 Hz, alone and beside one
and two CPU-hog processes (this machine has two cores), with both cameras rendered and the int8 student (or
any contract ONNX file) inferring every tick; then beside two hogs again with the loop at the host profile's
``runtime.loop_nice`` (as ``robotstack run`` takes it), the hogs at nice 0.

    python benchmarks/loop.py [--policy student-int8|PATH] [--ticks 2000] [--task ring]

The loop runs in virtual time with the *measured* inference latency; a tick misses its deadline when
capture + preprocess + inference + postprocess (+ actuation, the physics, reported apart) exceeds the
period. Baseline in the same run: a bare perf_counter_ns pair per stage (what timing costs by itself).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.markup import escape  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.loop import ControlLoop, LoopConfig  # noqa: E402
from robotstack.policy import OnnxPolicy  # noqa: E402
from robotstack.priority import apply_loop_priority, current_nice  # noqa: E402
from robotstack.profiles import load_profile  # noqa: E402
from robotstack.safety import SafetyLayer  # noqa: E402
from robotstack.stats import percentiles  # noqa: E402
from robotstack.tracing import Tracer  # noqa: E402

console = Console(width=200)


def _hog(stop) -> None:
    os.setpriority(os.PRIO_PROCESS, 0, 0)  # a forked hog would inherit the loop's priority
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def _policy(name: str) -> tuple[Path, str]:
    """The shipped policy, or an untrained student of the shipped architecture quantized to int8."""
    from robotstack.weights import WeightsError, resolve

    try:
        return resolve(name).path, name
    except WeightsError:
        if name not in ("student-int8", "student"):
            raise
    from robotstack.policies.export import export_policy, quantize_int8
    from robotstack.policies.model import STUDENT, VisuomotorPolicy
    from robotstack.sim import make_env

    folder = Path(tempfile.mkdtemp())
    fp32 = export_policy(VisuomotorPolicy(STUDENT).eval(), folder / "student.onnx", 20.0)
    env = make_env("ring", image_size=STUDENT.image_size)
    calibration = []
    for seed in range(8):
        obs, _ = env.reset(seed=seed)
        calibration.append({"image_front": obs["images"]["front"][None], "image_wrist": obs["images"]["wrist"][None],
                            "state": obs["state"][None], "instruction_embedding": np.full((1, 384), 0.05, np.float32)})
    return quantize_int8(fp32, folder / "student_int8.onnx", calibration), "untrained student (shipped architecture), int8"


def measure(policy_path: Path, task: str, hz: float, ticks: int, hog_procs: int) -> dict:
    from robotstack.sim import make_env
    from robotstack.sim.bridge import SimBridge

    policy = OnnxPolicy(policy_path, threads=2)
    env = make_env(task, image_size=policy.spec.image_size, control_hz=hz).unwrapped
    bridge = SimBridge(env)
    tracer = Tracer()
    config = LoopConfig(control_hz=hz, image_size=policy.spec.image_size, cameras=policy.spec.cameras,
                        inference_budget_ms=500 / hz, capture_to_actuation_budget_ms=1000 / hz)
    loop = ControlLoop(policy, config, safety=SafetyLayer(), tracer=tracer)
    stop = multiprocessing.Event()
    hogs = [multiprocessing.Process(target=_hog, args=(stop,), daemon=True) for _ in range(hog_procs)]
    for h in hogs:
        h.start()
    try:
        done, seed, overhead = 0, 0, []
        while done < ticks:
            bridge.reset(seed)
            stats = loop.run_episode(bridge, bridge, np.full(384, 0.05, np.float32), max_ticks=min(env.horizon, ticks - done))
            done += stats.ticks
            overhead += stats.loop_overhead_ms
            seed += 1
    finally:
        stop.set()
        for h in hogs:
            h.join()
    d = tracer.stage_durations()
    board_tick = d["capture"] + d["preprocess"] + d["infer"] + d["postprocess"]
    stages = ("capture", "preprocess", "infer", "postprocess")
    worst = int(np.argmax(board_tick))
    worst_stage = max(stages, key=lambda stage: d[stage][worst])
    return {"hz": hz, "hogs": hog_procs, "ticks": done, "overhead": np.asarray(overhead), "board_tick": board_tick,
            "worst": f"{board_tick[worst]:.1f} ({worst_stage} {d[worst_stage][worst]:.1f})",
            "infer": d["infer"], "capture": d["capture"], "actuate": d["actuate"],
            "misses": int((board_tick > 1000 / hz).sum())}


def timing_baseline(n: int = 20000) -> np.ndarray:
    samples = np.empty(n)
    for i in range(n):
        t0 = time.perf_counter_ns()
        t1 = time.perf_counter_ns()
        samples[i] = t1 - t0
    return samples / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--policy", default="student-int8")
    parser.add_argument("--task", default="ring")
    parser.add_argument("--ticks", type=int, default=2000)
    args = parser.parse_args()
    path, label = _policy(args.policy)
    console.print(f"policy: {label} ({path})")
    base = percentiles(timing_baseline(), (50, 99))
    table = Table(title=f"control loop, {args.ticks} ticks per row, both cameras rendered, measured on this host")
    for col in ("rate", "CPU hog procs", "loop nice", "loop overhead ms p50/p99", "capture (render) ms p50/p99",
                "infer ms p50/p99", "board tick ms p50/p99", "worst tick ms (its longest stage)", "deadline misses",
                "physics ms p50 (not board time)", "overhead vs timer baseline p50"):
        table.add_column(col, justify="right")
    loop_nice = load_profile("host").runtime.loop_nice
    rows = [(hz, hogs, None) for hz in (20.0, 50.0) for hogs in (0, 1, 2)]
    rows += [(hz, 2, loop_nice) for hz in (20.0, 50.0)]  # last: a raised priority is not given back
    for hz, hogs, nice in rows:
        priority = apply_loop_priority(nice)
        if nice is not None and not priority.applied:
            console.print(f"[yellow]{escape(priority.reason)}[/]")
        r = measure(path, args.task, hz, args.ticks, hogs)
        o, c, i, b = (percentiles(r[k], (50, 99)) for k in ("overhead", "capture", "infer", "board_tick"))
        table.add_row(f"{hz:g} Hz", str(hogs), str(current_nice()), f"{o['p50']:.3f} / {o['p99']:.3f}",
                      f"{c['p50']:.2f} / {c['p99']:.2f}", f"{i['p50']:.2f} / {i['p99']:.2f}",
                      f"{b['p50']:.2f} / {b['p99']:.2f}", r["worst"], f"{r['misses']} ({r['misses'] / r['ticks']:.2%})",
                      f"{np.median(r['actuate']):.2f}", f"{o['p50'] / base['p50']:.0f}x")
    console.print(table)
    console.print(f"timer baseline (perf_counter_ns pair): p50 {base['p50'] * 1e3:.2f} µs, p99 {base['p99'] * 1e3:.2f} µs")


if __name__ == "__main__":
    main()
