"""A low-overhead tracer for the control loop, exported in the Chrome Trace Event Format (opens in Perfetto).

Why: a deadline miss is explained by the timeline around it — which stage grew, what the queue held, what
the safety layer did — and only a trace keeps that order. Recording must not change what it measures, so
a record is one ``time.perf_counter_ns`` read and a few stores into preallocated columns (well under a
microsecond; see ``benchmarks/tracing.py``); names, units and JSON are dealt with only at export.

Storage is columnar on purpose: timestamps live in ``array('q')`` columns and names are references to the
caller's strings, so an event leaves no new object behind (only its ``args`` dict, if it has one). A
tuple per event instead would make every full garbage collection walk the whole trace — measured at
12-14 ms per collection after 200 000 spans, a pause inside a 50 ms tick that grows with the run.

Conventions the loop and the report share: each control tick is a span named :data:`TICK_SPAN` with the
stage spans nested inside it, and each deadline miss is an instant named :data:`DEADLINE_MISS`.

A tracer belongs to one thread (the loop's): it takes no locks, and begin/end pair up on one stack.
"""

from __future__ import annotations

import json
import os
import threading
import time
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from robotstack.atomic import write_bytes_atomic

TICK_SPAN = "tick"
"""Name of the span that covers one control tick; stage spans nest inside it."""

DEADLINE_MISS = "deadline_miss"
"""Name of the instant recorded when a stage or the tick misses its deadline."""

DEFAULT_CAPACITY = 65_536
"""Events preallocated up front (~2 MB); the columns double when full, up to ``max_events``."""

DEFAULT_MAX_EVENTS = 500_000
"""Events kept before new ones are dropped (and counted), to bound memory on a board: 33 bytes per event
plus its args dict (~220 bytes for ``tick=i``), so at most ~130 MB — about an hour at 20 Hz with a span
per stage."""

_SPAN, _INSTANT, _COUNTER = ord("X"), ord("i"), ord("C")


class TraceError(RuntimeError):
    """begin/end calls that do not pair up: an end with no open span, or an end that is not the innermost."""


class Span(NamedTuple):
    """A completed span; times in nanoseconds since the tracer started."""

    name: str
    start_ns: int
    end_ns: int
    args: dict[str, Any]

    @property
    def duration_ms(self) -> float:
        return (self.end_ns - self.start_ns) / 1e6


class Instant(NamedTuple):
    """A point event (deadline miss, safety intervention, fault); time in nanoseconds since the tracer started."""

    name: str
    ts_ns: int
    args: dict[str, Any]


class _SpanContext:
    """What ``Tracer.span`` returns: a slotted object, because a generator context manager costs ~1 µs more."""

    __slots__ = ("_args", "_name", "_start", "_tracer")

    def __init__(self, tracer: Tracer, name: str, args: dict[str, Any]) -> None:
        self._tracer = tracer
        self._name = name
        self._args = args

    def __enter__(self) -> None:
        self._start = self._tracer.clock()

    def __exit__(self, *exc_info: object) -> None:
        tracer = self._tracer
        tracer._record(_SPAN, self._name, self._args or None, self._start, tracer.clock())


class Tracer:
    """Records spans, instants and counters of one thread; exports them as a Chrome trace.

    ``capacity`` events are preallocated; when they are used up the columns double (a one-off copy, about
    a millisecond per 100 000 events held), up to ``max_events``, after which events are dropped and
    counted in :attr:`dropped`, which the export reports. Pass ``capacity=max_events`` to never grow.
    ``clock`` returns nanoseconds (``time.perf_counter_ns``; tests pass a fake); it is public so that a
    caller timing stages itself for :meth:`complete` reads the same clock.
    """

    def __init__(
        self,
        *,
        process_name: str = "robotstack",
        thread_name: str = "control loop",
        capacity: int = DEFAULT_CAPACITY,
        max_events: int = DEFAULT_MAX_EVENTS,
        clock: Callable[[], int] = time.perf_counter_ns,
    ) -> None:
        if capacity < 0 or max_events < 0:
            raise ValueError(f"capacity={capacity}, max_events={max_events}; need >= 0")
        self.process_name = process_name
        self.thread_name = thread_name
        self.max_events = max_events
        self.dropped = 0
        self.pid = os.getpid()
        self.tid = threading.get_native_id()
        self.clock = clock
        self._origin = clock()
        self._open: list[tuple[str, int, dict[str, Any]]] = []
        # One row per event: phase (X, i or C), name, payload (args dict or None; a counter's value), t0
        # (start or timestamp, ns), t1 (a span's end, ns).
        self._count = 0
        self._phase = bytearray()
        self._name: list[str | None] = []
        self._payload: list[Any] = []
        self._t0 = array("q")
        self._t1 = array("q")
        self._grow(min(capacity, max_events))

    # --- recording (hot path) ----------------------------------------------------------------------------

    def span(self, name: str, **args: Any) -> _SpanContext:
        """``with tracer.span("infer", tick=i):`` records the block as one span, also when it raises."""
        return _SpanContext(self, name, args)

    def complete(self, name: str, start_ns: int, end_ns: int, **args: Any) -> None:
        """Record a span from clock readings the caller took anyway (no clock read here).

        ``start_ns`` and ``end_ns`` must come from this tracer's clock (``time.perf_counter_ns`` by default).
        """
        if end_ns < start_ns:
            raise TraceError(f"complete({name!r}): end_ns {end_ns} is before start_ns {start_ns}")
        self._record(_SPAN, name, args or None, start_ns, end_ns)

    def begin(self, name: str, **args: Any) -> None:
        """Open a span; close it with :meth:`end` of the same name. Spans opened this way must nest."""
        self._open.append((name, self.clock(), args))

    def end(self, name: str) -> None:
        """Close the innermost span opened by :meth:`begin`, which must be named ``name``."""
        end = self.clock()
        if not self._open:
            raise TraceError(f"end({name!r}) with no open span; call begin({name!r}) first")
        if self._open[-1][0] != name:
            raise TraceError(f"end({name!r}), but the innermost open span is {self._open[-1][0]!r}; spans must nest")
        _, start, args = self._open.pop()
        self._record(_SPAN, name, args or None, start, end)

    def instant(self, name: str, **args: Any) -> None:
        """Record a point event, e.g. ``tracer.instant("deadline_miss", stage="infer", tick=i)``."""
        self._record(_INSTANT, name, args or None, self.clock(), 0)

    def counter(self, name: str, value: float) -> None:
        """Record the current value of a quantity, e.g. ``tracer.counter("queue_depth", len(queue))``."""
        self._record(_COUNTER, name, value, self.clock(), 0)

    def _record(self, phase: int, name: str, payload: Any, t0: int, t1: int) -> None:
        i = self._count
        if i == len(self._name):
            if i >= self.max_events:
                self.dropped += 1
                return
            self._grow(min(max(2 * i, 1024), self.max_events) - i)
        self._count = i + 1
        self._phase[i] = phase
        self._name[i] = name
        self._payload[i] = payload
        self._t0[i] = t0
        self._t1[i] = t1

    def _grow(self, rows: int) -> None:
        """Add ``rows`` rows to every column, written now so that no page is first touched while recording."""
        self._phase.extend(bytes(rows))
        self._name.extend([None] * rows)
        self._payload.extend([None] * rows)
        zeros = array("q", bytes(8 * rows))
        self._t0.extend(zeros)
        self._t1.extend(zeros)

    # --- reading -----------------------------------------------------------------------------------------

    def _rows(self, phase: int) -> Iterator[tuple[str, Any, int, int]]:
        """(name, payload, t0, t1) of the recorded events of one phase, times relative to the start."""
        n, origin = self._count, self._origin
        columns = (self._phase[:n], self._name[:n], self._payload[:n], self._t0[:n], self._t1[:n])
        for ph, name, payload, t0, t1 in zip(*columns, strict=True):
            if ph == phase:
                yield name, payload, t0 - origin, t1 - origin

    def spans(self, name: str | None = None) -> list[Span]:
        """Completed spans (all, or those named ``name``) in the order they ended."""
        return [Span(n, s, e, a or {}) for n, a, s, e in self._rows(_SPAN) if name is None or n == name]

    def instants(self, name: str | None = None) -> list[Instant]:
        """Instants (all, or those named ``name``) in the order they were recorded."""
        return [Instant(n, t, a or {}) for n, a, t, _ in self._rows(_INSTANT) if name is None or n == name]

    def stage_durations(self) -> dict[str, np.ndarray]:
        """Durations in milliseconds of the completed spans, by span name (stages, and ``tick``)."""
        by_name: dict[str, list[int]] = {}
        for name, _, start, end in self._rows(_SPAN):
            by_name.setdefault(name, []).append(end - start)
        return {name: np.asarray(ns, dtype=np.int64) / 1e6 for name, ns in by_name.items()}

    # --- export ------------------------------------------------------------------------------------------

    def to_chrome_trace(self) -> dict[str, Any]:
        """The trace as a Chrome Trace Event Format object (JSON-ready).

        Spans are complete events (``ph`` "X"), spans still open are begin events ("B"), instants are
        thread-scoped "i" events, counters "C" events; "M" events name the process and the thread.
        ``ts`` and ``dur`` are microseconds since the tracer started, with nanosecond resolution (three
        decimals), sorted by start with an enclosing span before the spans it contains.
        """
        ids = {"pid": self.pid, "tid": self.tid}
        events: list[dict[str, Any]] = []
        # Newest first: a span ends after the spans it encloses, so on equal (ts, dur) the stable sort
        # below still puts the enclosing one first.
        for name, args, start, end in reversed(list(self._rows(_SPAN))):
            events.append({"name": name, "ph": "X", "ts": start / 1000, "dur": (end - start) / 1000, **ids}
                          | _args(args))
        for name, start, args in self._open:
            events.append({"name": name, "ph": "B", "ts": (start - self._origin) / 1000, **ids} | _args(args))
        for name, args, ts, _ in self._rows(_INSTANT):
            events.append({"name": name, "ph": "i", "s": "t", "ts": ts / 1000, **ids} | _args(args))
        for name, value, ts, _ in self._rows(_COUNTER):
            events.append({"name": name, "ph": "C", "ts": ts / 1000, **ids, "args": {name: _plain(value)}})
        events.sort(key=lambda e: (e["ts"], -e.get("dur", 0.0)))
        metadata = [
            {"name": "process_name", "ph": "M", **ids, "args": {"name": self.process_name}},
            {"name": "thread_name", "ph": "M", **ids, "args": {"name": self.thread_name}},
        ]
        return {
            "traceEvents": metadata + events,
            "displayTimeUnit": "ms",
            "otherData": {"clock": getattr(self.clock, "__name__", repr(self.clock)), "dropped_events": self.dropped},
        }

    def write(self, path: str | Path) -> Path:
        """Write :meth:`to_chrome_trace` to ``path`` as JSON, atomically (a reader never sees half a file)."""
        return write_bytes_atomic(path, json.dumps(self.to_chrome_trace(), separators=(",", ":")).encode())


def _args(args: dict[str, Any] | None) -> dict[str, Any]:
    """The ``args`` member of an event, left out when empty; numpy scalars become Python numbers."""
    return {"args": {key: _plain(value) for key, value in args.items()}} if args else {}


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value
