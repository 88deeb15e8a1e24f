"""Projected policy latency on every hardware profile, and the projection checked against the host.

Prints one row per profile — projected inference latency of the first model against the profile's budget,
meets or misses — then, for every model, the host projection next to an onnxruntime measurement on this
machine (median, p99) and the error. The host's figures (peaks, bandwidths, dispatch overheads) are measured
by micro-benchmarks when its profile loads, never fitted to these models, so every model here is held out.
Without ``--model``: the shipped student (fp32 and int8), the teacher architecture (untrained weights), and a
small policy-like conv net (two 3x128x128 images, 22-d state, 384-d instruction -> 8x5 action chunk).

    .venv/bin/python benchmarks/projection.py [--model policy.onnx ...] [--runs 200] [--profile-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from robotstack.profiles import Precision, Profile, ProfileError, list_profiles, load_profile
from robotstack.projection import ProjectionError, calibrate_on_host, project


def export_default_policy(directory: Path) -> Path:
    """Export the small conv policy to ``directory/policy.onnx`` (torch is imported only here)."""
    import torch
    from torch import nn

    torch.set_num_threads(1)  # idle torch worker threads would otherwise spin against the host measurement

    class ConvPolicy(nn.Module):
        """A shared image encoder per camera, state and instruction projections, and an MLP action head."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = nn.Sequential(
                nn.Conv2d(3, 32, 5, stride=2, padding=2), nn.ReLU(),
                nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
                nn.Conv2d(64, 64, 3, stride=2, padding=1), nn.ReLU(),
                nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU(),
                nn.AdaptiveAvgPool2d(1), nn.Flatten(),
            )  # fmt: skip
            self.state = nn.Linear(22, 64)
            self.instruction = nn.Linear(384, 128)
            self.head = nn.Sequential(nn.Linear(128 * 2 + 64 + 128, 256), nn.ReLU(), nn.Linear(256, 8 * 5))

        def forward(
            self, image_0: torch.Tensor, image_1: torch.Tensor, state: torch.Tensor, instruction: torch.Tensor
        ) -> torch.Tensor:
            features = torch.cat(
                [self.encoder(image_0), self.encoder(image_1), self.state(state), self.instruction(instruction)], 1
            )
            return self.head(features).reshape(-1, 8, 5)

    names = ["image_0", "image_1", "state", "instruction"]
    args = (torch.rand(1, 3, 128, 128), torch.rand(1, 3, 128, 128), torch.rand(1, 22), torch.rand(1, 384))
    path = directory / "policy.onnx"
    torch.onnx.export(
        ConvPolicy().eval(), args, path, dynamo=False, opset_version=17, input_names=names,
        output_names=["actions"], dynamic_axes={name: {0: "batch"} for name in [*names, "actions"]},
    )  # fmt: skip
    return path


def export_teacher(directory: Path) -> Path:
    """The teacher architecture with its initial weights (latency does not depend on training)."""
    import torch

    from robotstack.policies.export import export_policy
    from robotstack.policies.model import TEACHER, VisuomotorPolicy

    torch.manual_seed(0)
    return export_policy(VisuomotorPolicy(TEACHER).eval(), directory / "teacher-untrained.onnx", control_hz=20.0)


def default_models(directory: Path) -> list[Path]:
    from robotstack.weights import resolve

    return [resolve("student").path, resolve("student-int8").path, export_teacher(directory),
            export_default_policy(directory)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, action="append", help="ONNX policy to project (repeatable)")
    parser.add_argument("--runs", type=int, default=200, help="measured runs on the host (after 20 warm-up runs)")
    parser.add_argument("--profile-dir", type=Path, action="append", help="extra profile directory (repeatable)")
    args = parser.parse_args()
    console = Console(width=None if sys.stdout.isatty() else 120)  # full names when piped to a file
    try:
        host = load_profile("host", args.profile_dir)  # measures the host's peaks before torch starts threads
        with tempfile.TemporaryDirectory() as tmp:
            models = args.model or default_models(Path(tmp))
            print_projections(console, models[0], args.profile_dir)
            print_host_check(console, models, host, args.runs)
    except ProfileError as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}", soft_wrap=True)
        raise SystemExit(1) from exc


def print_projections(console: Console, model: Path, profile_dirs: list[Path] | None) -> None:
    """One row per profile: projected latency against the inference budget."""
    table = Table(title=f"Projected inference latency of {model.name} (batch 1)")
    for column in ("profile", "precision", "GFLOP", "MB moved", "projected ms", "budget ms", "verdict", "bound c/b/o"):
        table.add_column(column, justify="left" if column in ("profile", "verdict") else "right")
    problems = []
    for name in list_profiles(profile_dirs):
        profile = load_profile(name, profile_dirs)
        try:
            projection = project(model, profile)
        except ProjectionError as exc:
            problems.append(f"{name}: {exc}")
            table.add_row(name, profile.runtime.precision, "", "", "", f"{profile.budgets.inference_ms:g}", "n/a")
            continue
        table.add_row(
            name,
            projection.assumptions.precision,
            f"{projection.total_flops / 1e9:.3f}",
            f"{projection.total_bytes / 1e6:.1f}",
            f"{projection.total.value:.2f}",
            f"{projection.budget_ms:g}",
            "[green]meets[/]" if projection.meets_budget else "[red]misses[/]",
            f"{projection.compute_bound}/{projection.bandwidth_bound}/{projection.overhead_bound}",
        )
    console.print(table)
    console.print("bound c/b/o: nodes whose time is dominated by compute / bandwidth / per-node overhead")
    for problem in problems:
        console.print(f"[yellow]not projected[/] {escape(problem)}", soft_wrap=True)


def print_host_check(console: Console, models: list[Path], host: Profile, runs: int) -> None:
    """Each model's host projection next to an onnxruntime measurement of it on this machine."""
    table = Table(title="Host: projection vs onnxruntime measurement (CPU EP)")
    for column in ("model", "projected ms", "measured steady ms", "measured median ms", "measured p99 ms", "error %",
                   "bound c/b/o"):
        table.add_column(column, justify="left" if column == "model" else "right")
    for model in models:
        try:
            calibration = calibrate_on_host(model, profile=host, runs=runs, warmup=20)
        except ProjectionError as exc:
            console.print(f"[yellow]{escape(model.name)} not projected:[/] {escape(str(exc))}", soft_wrap=True)
            continue
        p, measured = calibration.projection, calibration.measurement
        table.add_row(model.name, f"{p.total.value:.3f}", f"{measured.steady.value:.3f}", f"{measured.median.value:.3f}",
                      f"{measured.p99.value:.3f}", f"{calibration.error_pct:+.0f}",
                      f"{p.compute_bound}/{p.bandwidth_bound}/{p.overhead_bound}")
    console.print(table)
    e, m = host.efficiency, host.memory
    console.print(
        f"host (measured at load): fp32 {host.compute.fp32_tflops * 1e3:.0f} GFLOP/s, int8 "
        f"{(host.compute.int8_tops or 0) * 1e3:.0f} GOP/s, DRAM {m.bandwidth_gb_s:.1f} GB/s, cache {m.cache_mb:g} MB at "
        f"{m.cache_bandwidth_gb_s:.1f} GB/s, {e.node_overhead_us:.2f} us/node, {e.fixed_overhead_ms * 1e3:.1f} us per run; "
        f"{host.runtime.intra_op_threads} threads; conv efficiency fp32 {e.compute:.2f}, int8 {e.compute_at(Precision.INT8):.2f}; "
        f"bandwidth efficiency {e.bandwidth}"
    )


if __name__ == "__main__":
    main()
