"""Tracer: events in the Chrome Trace Event Format, nesting, round trips, pairing errors, bounded memory."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from robotstack.tracing import DEADLINE_MISS, TICK_SPAN, TraceError, Tracer

STAGES = ("capture", "preprocess", "infer", "postprocess", "actuate")
REQUIRED = {
    "X": {"name", "ph", "ts", "dur", "pid", "tid"},
    "B": {"name", "ph", "ts", "pid", "tid"},
    "i": {"name", "ph", "ts", "pid", "tid", "s"},
    "C": {"name", "ph", "ts", "pid", "tid", "args"},
    "M": {"name", "ph", "pid", "tid", "args"},
}


def fake_clock(step_ns: int = 1_500) -> Callable[[], int]:
    """A clock that advances ``step_ns`` (not a whole microsecond, to exercise the ns -> µs conversion) per read."""
    now = 10**12

    def clock() -> int:
        nonlocal now
        now += step_ns
        return now

    return clock


def run_loop(tracer: Tracer, ticks: int) -> None:
    """Trace a loop shaped like the control loop: stage spans nested in tick spans, events and a counter.

    Every way of recording a span is used: span(), begin()/end(), and complete() from the loop's own readings.
    """
    clock = tracer.clock
    for tick in range(ticks):
        with tracer.span(TICK_SPAN, tick=tick):
            for stage in STAGES:
                if stage == "infer":
                    tracer.begin("infer", tick=tick)
                    with tracer.span("session.run"):
                        pass
                    tracer.end("infer")
                elif stage == "actuate":
                    start = clock()
                    tracer.complete(stage, start, clock(), tick=tick)
                else:
                    with tracer.span(stage, tick=tick):
                        pass
            if tick % 2:
                tracer.instant(DEADLINE_MISS, stage="infer", tick=tick, latency_ms=np.float64(31.5))
            tracer.counter("queue_depth", np.int64(tick % 4))


def validate(trace: dict[str, Any]) -> list[dict[str, Any]]:
    """Check the Chrome Trace Event Format's required members; return the events."""
    assert isinstance(trace["traceEvents"], list)
    for event in trace["traceEvents"]:
        assert event["ph"] in REQUIRED, event
        assert REQUIRED[event["ph"]] <= event.keys(), event
        assert isinstance(event["name"], str) and isinstance(event["pid"], int) and isinstance(event["tid"], int)
        if "ts" in event:
            assert event["ts"] >= 0
        if event["ph"] == "X":
            assert event["dur"] >= 0
        if event["ph"] == "i":
            assert event["s"] in {"t", "p", "g"}
        if event["ph"] == "C":
            assert all(isinstance(v, int | float) for v in event["args"].values())
    return trace["traceEvents"]


def ns(us: float) -> int:
    """Microseconds as exported back to whole nanoseconds (what a strict reader would use)."""
    return round(us * 1000)


def test_trace_has_the_required_members_and_metadata() -> None:
    tracer = Tracer(process_name="robotstack", thread_name="control loop", clock=fake_clock())
    run_loop(tracer, 4)
    events = validate(tracer.to_chrome_trace())
    names = {e["name"]: e["args"]["name"] for e in events if e["ph"] == "M"}
    assert names == {"process_name": "robotstack", "thread_name": "control loop"}
    phases = [e["ph"] for e in events]
    assert phases.count("X") == 4 * (1 + len(STAGES) + 1)
    assert phases.count("i") == 2 and phases.count("C") == 4
    counter = next(e for e in events if e["ph"] == "C")
    assert counter["args"] == {"queue_depth": 0}


def test_stage_spans_nest_inside_their_tick() -> None:
    tracer = Tracer(clock=fake_clock())
    run_loop(tracer, 5)
    events = [e for e in validate(tracer.to_chrome_trace()) if e["ph"] == "X"]
    ticks = sorted((e for e in events if e["name"] == TICK_SPAN), key=lambda e: e["ts"])
    assert [t["args"]["tick"] for t in ticks] == list(range(5))
    for before, after in pairwise(ticks):
        assert ns(before["ts"]) + ns(before["dur"]) <= ns(after["ts"])
    for tick in ticks:
        start, end = ns(tick["ts"]), ns(tick["ts"]) + ns(tick["dur"])
        inside = sorted((e for e in events if e is not tick and start <= ns(e["ts"]) < end), key=lambda e: e["ts"])
        stages = [e for e in inside if e["name"] in STAGES]
        assert [e["name"] for e in stages] == list(STAGES)
        assert all(e["args"]["tick"] == tick["args"]["tick"] for e in stages)
        for e in inside:
            assert ns(e["ts"]) + ns(e["dur"]) <= end, e
        for before, after in pairwise(stages):  # stages follow one another, never overlap
            assert ns(before["ts"]) + ns(before["dur"]) <= ns(after["ts"])
        run = next(e for e in inside if e["name"] == "session.run")
        infer = next(e for e in stages if e["name"] == "infer")
        assert ns(infer["ts"]) <= ns(run["ts"]) and ns(run["ts"]) + ns(run["dur"]) <= ns(infer["ts"]) + ns(infer["dur"])


def test_an_enclosing_span_sorts_before_a_child_that_starts_with_it() -> None:
    tracer = Tracer(clock=lambda: 0)  # everything at the same instant
    with tracer.span("outer"), tracer.span("inner"):
        pass
    events = [e["name"] for e in tracer.to_chrome_trace()["traceEvents"] if e["ph"] == "X"]
    assert events == ["outer", "inner"]


def test_json_round_trips(tmp_path: Path) -> None:
    tracer = Tracer(clock=fake_clock(1_234))
    run_loop(tracer, 3)
    trace = tracer.to_chrome_trace()
    assert json.loads(json.dumps(trace)) == trace
    written = tracer.write(tmp_path / "trace.json")
    assert json.loads(written.read_text()) == trace
    miss = next(e for e in trace["traceEvents"] if e["name"] == DEADLINE_MISS)
    assert miss["args"] == {"stage": "infer", "tick": 1, "latency_ms": 31.5}


def test_times_are_microseconds_since_start_with_nanosecond_resolution() -> None:
    tracer = Tracer(clock=fake_clock(1_001))  # origin read, then start and end 1001 ns apart
    with tracer.span("infer"):
        pass
    (span,) = [e for e in tracer.to_chrome_trace()["traceEvents"] if e["ph"] == "X"]
    assert span["ts"] == 1.001 and span["dur"] == 1.001
    assert tracer.spans("infer")[0].start_ns == 1_001


def test_stage_durations_in_milliseconds() -> None:
    tracer = Tracer(clock=fake_clock(250_000))
    run_loop(tracer, 3)
    durations = tracer.stage_durations()
    assert set(durations) == {TICK_SPAN, "session.run", *STAGES}
    assert durations["capture"].tolist() == [0.25, 0.25, 0.25]
    assert durations["infer"].dtype == np.float64 and np.all(durations["infer"] > durations["session.run"])
    assert np.all(durations[TICK_SPAN] > durations["infer"])


def test_a_span_whose_block_raises_is_still_recorded() -> None:
    tracer = Tracer(clock=fake_clock())
    with pytest.raises(KeyError), tracer.span("infer", tick=0):
        raise KeyError("camera")
    assert [s.name for s in tracer.spans()] == ["infer"]


def test_begin_and_end_must_pair_up() -> None:
    tracer = Tracer(clock=fake_clock())
    with pytest.raises(TraceError, match="no open span"):
        tracer.end("infer")
    tracer.begin("tick")
    tracer.begin("infer")
    with pytest.raises(TraceError, match="innermost open span is 'infer'"):
        tracer.end("tick")
    tracer.end("infer")
    tracer.end("tick")
    assert [s.name for s in tracer.spans()] == ["infer", "tick"]


def test_complete_records_the_callers_readings() -> None:
    clock = fake_clock(1_000)
    tracer = Tracer(clock=clock)  # origin at the first reading
    start, end = clock(), clock()
    tracer.complete("capture", start, end, tick=3)
    assert tracer.spans() == [("capture", 1_000, 2_000, {"tick": 3})]
    with pytest.raises(TraceError, match="before start_ns"):
        tracer.complete("capture", end, start)


def test_a_span_still_open_is_exported_as_a_begin_event() -> None:
    tracer = Tracer(clock=fake_clock())
    tracer.begin("infer", tick=7)
    events = validate(tracer.to_chrome_trace())
    (begin,) = [e for e in events if e["ph"] == "B"]
    assert begin["name"] == "infer" and begin["args"] == {"tick": 7}


def test_events_past_the_cap_are_dropped_and_counted() -> None:
    tracer = Tracer(max_events=3, clock=fake_clock())
    for i in range(5):
        tracer.instant("fault", i=i)
    assert [e.args["i"] for e in tracer.instants()] == [0, 1, 2]
    assert tracer.dropped == 2
    assert tracer.to_chrome_trace()["otherData"]["dropped_events"] == 2


def test_span_overhead_is_microseconds() -> None:
    """A sanity bound only (shared CI cores); benchmarks/tracing.py measures the real figure."""
    tracer = Tracer()
    samples = np.empty(2_000, dtype=np.int64)
    for i in range(samples.size):
        start = time.perf_counter_ns()
        with tracer.span("infer", tick=i):
            pass
        samples[i] = time.perf_counter_ns() - start
    assert np.median(samples) < 50_000
