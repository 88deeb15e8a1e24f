"""Policy benchmark: parameters, FLOPs and batch-1 latency of the teacher and student architectures (and the
smaller compact and mobile networks tried at stop 19).

    python benchmarks/policy.py [--runs 300]

Latency p50/p99 for torch eager (the baseline), ONNX Runtime fp32 and ONNX Runtime int8 (static QDQ), each
with 1 and 2 threads, plus the FLOP-count floor at this CPU's measured fp32 peak (ONNX Runtime MatMul).
Weights are random: latency does not depend on them. The shipped students' own files (ring, cable, language) are timed
too, against the single random-weight student in the same runtime (a shipped file may be an ensemble of students:
`robotstack ensemble`; the cable and language students carry their options' extra work).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from rich.console import Console
from rich.table import Table

from robotstack.policies.export import export_policy, quantize_int8
from robotstack.policies.model import ARCHITECTURES, STUDENT, VisuomotorPolicy, count_flops
from robotstack.policy import OnnxPolicy
from robotstack.profiles import load_profile
from robotstack.stats import percentiles
from robotstack.weights import resolve

console = Console(width=200)


def _inputs(size: int, rng: np.random.Generator):
    images = {c: rng.integers(0, 256, (size, size, 3), dtype=np.uint8) for c in ("front", "wrist")}
    return images, rng.normal(size=22).astype(np.float32), rng.normal(size=384).astype(np.float32)


def _time(fn, runs: int) -> dict[str, float]:
    for _ in range(20):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return percentiles(samples, (50, 99))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    peak = load_profile("host").compute.peak_ops_per_s("fp32")
    folder = Path(tempfile.mkdtemp())
    table = Table(title=f"batch-1 inference on this CPU ({args.runs} runs; baseline: torch eager, same threads)")
    for col in ("policy", "params", "MFLOPs", "floor ms @ peak", "runtime", "threads", "p50 ms", "p99 ms",
                "speed-up vs torch p50"):
        table.add_column(col, justify="right")
    timings: dict[tuple[str, str, int], dict[str, float]] = {}  # (architecture, runtime, threads) -> p50/p99
    for cfg in ARCHITECTURES.values():
        model = VisuomotorPolicy(cfg).eval()
        flops = count_flops(model)
        params = sum(p.numel() for p in model.parameters())
        fp32 = export_policy(model, folder / f"{cfg.name}.onnx", 20.0)
        images, state, text = _inputs(cfg.image_size, rng)
        calibration = [{"image_front": images["front"][None], "image_wrist": images["wrist"][None],
                        "state": state[None], "instruction_embedding": text[None]} for _ in range(8)]
        int8 = quantize_int8(fp32, folder / f"{cfg.name}-int8.onnx", calibration)
        for threads in (1, 2):
            torch.set_num_threads(threads)
            t_images = {c: torch.from_numpy(v[None]) for c, v in images.items()}
            t_state, t_text = torch.from_numpy(state[None]), torch.from_numpy(text[None])
            with torch.no_grad():
                base = _time(lambda: model(t_images, t_state, t_text), max(50, args.runs // 3))
            rows = [("torch eager", base)]
            for label, path in (("ORT fp32", fp32), ("ORT int8", int8)):
                runtime = OnnxPolicy(path, threads=threads)
                rows.append((label, _time(lambda: runtime(images, state, text), args.runs)))
                timings[(cfg.name, label, threads)] = rows[-1][1]
            for label, q in rows:
                table.add_row(cfg.name, f"{params:,}", f"{flops / 1e6:.1f}", f"{flops / peak * 1000:.3f}", label,
                              str(threads), f"{q['p50']:.3f}", f"{q['p99']:.3f}", f"{base['p50'] / q['p50']:.1f}x")
    console.print(table)
    console.print(f"fp32 peak used for the floor: {peak / 1e9:.0f} GFLOP/s (measured with ONNX Runtime, host profile)")
    shipped = Table(title="the shipped students' files (baseline: one student, same runtime and threads, above)")
    for col in ("name", "file", "threads", "p50 ms", "p99 ms", "p50 vs one student"):
        shipped.add_column(col, justify="right")
    images, state, text = _inputs(STUDENT.image_size, rng)
    # The per-task students add their options' work to the plain student's (wrist rays, colour maps, edge orientations).
    for name, label in (("student", "ORT fp32"), ("student-int8", "ORT int8"), ("student-cable", "ORT fp32"),
                        ("student-cable-int8", "ORT int8"), ("student-language", "ORT fp32"),
                        ("student-language-int8", "ORT int8")):
        path = resolve(name).path
        for route, instruction in _routes(path, text):
            for threads in (1, 2):
                runtime = OnnxPolicy(path, threads=threads)
                q = _time(lambda: runtime(images, state, instruction), args.runs)
                shipped.add_row(name + route, path.name, str(threads), f"{q['p50']:.3f}", f"{q['p99']:.3f}",
                                f"{q['p50'] / timings[(STUDENT.name, label, threads)]['p50']:.1f}x")
    console.print(shipped)


def _routes(path: Path, text: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """What to time a file on: a skill-routed file (``robotstack route``) once per route, on the embedding of one of
    that skill's phrasings (one network runs per inference, and which one is the instruction's); any other file
    once, on ``text``."""
    from robotstack.policies.routing import ROUTES_KEY
    from robotstack.policies.text_encoder import embed
    from robotstack.skills import vocabulary

    routes = OnnxPolicy(path).spec.metadata.get(ROUTES_KEY)
    if routes is None:
        return [("", text)]
    phrasing = {subtask.skill: phrase for phrase, subtask in reversed(vocabulary())}
    return [(f" ({skill})", embed([phrasing[skill]])[0]) for skill in json.loads(routes)]


if __name__ == "__main__":
    main()
