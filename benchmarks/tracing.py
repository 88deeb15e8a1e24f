"""What tracing costs the control loop: nanoseconds per traced span, against a bare perf_counter_ns pair.

Each operation is timed on its own between two ``time.perf_counter_ns`` reads, ``--n`` times, with the
garbage collector left on (as in the loop), so p99 includes the occasional collection. "net ns" is
the median less that of timing nothing (the two outer reads themselves); "x base" is net ns over the
baseline's net ns, the cost of timing a stage by hand with two perf_counter_ns reads.

    .venv/bin/python benchmarks/tracing.py [--n 200000]
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable

import numpy as np
from rich.console import Console
from rich.table import Table

from robotstack.tracing import Tracer

Case = Callable[[int], None]


def cases(tracer: Tracer) -> dict[str, Case]:
    """The operations timed, by label; each takes the iteration index (used as the tick argument)."""
    clock = time.perf_counter_ns

    def nothing(i: int) -> None:
        pass

    def bare_pair(i: int) -> None:
        start = clock()
        clock() - start

    def span(i: int) -> None:
        with tracer.span("infer"):
            pass

    def span_with_args(i: int) -> None:
        with tracer.span("infer", tick=i):
            pass

    def complete(i: int) -> None:
        start = clock()
        tracer.complete("infer", start, clock(), tick=i)

    def begin_end(i: int) -> None:
        tracer.begin("infer", tick=i)
        tracer.end("infer")

    def instant(i: int) -> None:
        tracer.instant("deadline_miss", stage="infer", tick=i)

    def counter(i: int) -> None:
        tracer.counter("queue_depth", i & 7)

    return {
        "timer alone": nothing,
        "perf_counter_ns pair (baseline)": bare_pair,
        'span("infer")': span,
        'span("infer", tick=i)': span_with_args,
        'complete("infer", t0, t1, tick=i) *': complete,
        'begin/end("infer", tick=i)': begin_end,
        'instant(name, stage=, tick=)': instant,
        'counter(name, value)': counter,
    }


def time_case(case: Case, n: int) -> np.ndarray:
    clock = time.perf_counter_ns
    samples = [0] * n
    for i in range(min(n, 10_000)):  # warm-up: caches, branch predictors, list growth
        case(i)
    for i in range(n):
        start = clock()
        case(i)
        samples[i] = clock() - start
    return np.asarray(samples, dtype=np.int64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="timed repetitions per operation")
    args = parser.parse_args()

    results = {label: time_case(case, args.n) for label, case in cases(Tracer(max_events=30 * args.n)).items()}
    timer = float(np.median(results["timer alone"]))
    baseline = float(np.median(results["perf_counter_ns pair (baseline)"])) - timer

    table = Table(title=f"Tracer cost per operation (measured, {args.n} each; "
                        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()})")
    for column in ("operation", "median ns", "p99 ns", "net ns", "x base"):
        table.add_column(column, justify="left" if column == "operation" else "right")
    for label, samples in results.items():
        median, p99 = np.percentile(samples, [50, 99])
        net = median - timer
        ratio = "" if label == "timer alone" else f"{net / baseline:.1f}"
        table.add_row(label, f"{median:.0f}", f"{p99:.0f}", f"{net:.0f}", ratio)
    Console().print(table)
    print("* includes the two clock reads it records, as the loop takes them anyway")


if __name__ == "__main__":
    main()
