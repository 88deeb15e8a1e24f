"""The fixed-rate control loop: capture -> preprocess -> infer -> postprocess + safety -> actuate, each timed.

Two modes:

- ``sync``: every tick infers on the newest frame and sends the chunk's first action. An inference that
  overruns the tick is a deadline miss: the arm holds until the action arrives.
- ``ensemble`` (the default of ``robotstack run|eval``): like ``sync``, but the action sent is the average of
  what every chunk still in reach predicted for this tick (temporal ensembling as in ACT), newer chunks
  weighted by ``exp(-ensemble_decay x age)``: smoother motion, and one noisy inference cannot flip a
  decision. On the shipped ring student it raised closed-loop success from about 45 % (sync) to about 75 %;
  decays from 0 to 0.25 per tick did equally well on tuning seeds, 0.5 and 1.0 worse.
- ``async``: the loop executes an action-chunk queue; when the queue falls to ``refill_threshold`` a new
  inference starts on the newest frame, and its chunk replaces the queue when it arrives, minus the
  actions whose time has passed while it was computed. The arm keeps moving meanwhile; if the queue runs
  dry it holds.

When the instruction embedding changes (the plan driver's next subtask) or the conditioning holds (a plan
pending, the instruction done), the ensemble and the queue restart: chunks made for one subtask never steer the
next. A conditioning may also hand the loop a :class:`ScriptedStep` instead (the driver's move back to the ready
pose between subtasks): that tick sends its action, through the safety layer like any other, and infers nothing.
A tick without a usable frame (dropped, repeated, corrupt, frozen) or without an answer from the policy keeps them:
ensemble and async modes go on with the actions already inferred while the newest usable frame is younger than
the safety layer's ``stale_after_s``, then hold; sync mode, with nothing to go on, holds at once.

Time: against the simulator the loop runs in *virtual time*: stage durations are measured on this host,
and the world advances by the latency the run assumes (the measured one, or a target board's projected
one, or a fixed one for sweeps), so a run shows what the policy would do on that board rather than on a
paused world. With the measured latency the loop's own measured overhead is added to it; a projected or fixed
latency is the whole delay, so such a run (``robotstack eval``'s default) plays a seed out exactly the same
every time, whatever the load on the host. Against real hardware the loop keeps wall-clock deadlines
(monotonic, absolute schedule, no drift).
"""

from __future__ import annotations

import math
import numbers
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

import cv2
import numpy as np

from robotstack.interfaces import ActuationResult, ActuatorSink, CameraSource, Frame
from robotstack.policy import STATE_DIM, STATE_EE_POS
from robotstack.safety import EE_STEP_M, SafetyLayer
from robotstack.tracing import Tracer

STAGES = ("capture", "preprocess", "infer", "postprocess", "actuate")
STAMP_TOLERANCE_S = 1e-3
"""How far in the camera clock's future a frame's stamp may lie (rounding) before it is a ``bad_stamp`` fault."""


@dataclass(frozen=True)
class ScriptedStep:
    """A conditioning's own action for this tick, sent instead of the policy's (still through the safety layer)."""

    action: np.ndarray


Conditioning = Callable[[np.ndarray | None, dict[str, np.ndarray] | None], np.ndarray | ScriptedStep | None]
"""Newest state and camera images (both None without a usable frame) -> the instruction embedding for this tick, a
scripted step, or None to hold. Without a state a conditioning should keep the subtask it is on: a missing frame is
not a new subtask, and the chunks in reach stay usable."""


class ChunkPolicy(Protocol):
    """Anything that maps (images, state, instruction embedding) to an action chunk (K, 5). A policy may also
    say, as ``extra_latency_ms`` after a call, how much slower that call was than the run's latency model knows
    (``robotstack.faults`` does for an injected late inference): with an assumed latency the world waits that
    much longer too; a measured latency already holds it. A policy with a ``start_episode()`` method has it called
    before each episode (a file whose members take turns starts again at its first member, so an episode plays out
    the same whichever episodes ran before it)."""

    def __call__(self, images: dict[str, np.ndarray], state: np.ndarray, text: np.ndarray) -> np.ndarray: ...


class TemporalEnsemble:
    """Ensemble mode's action for a tick: the average of what every chunk still in reach predicted for it, the
    chunk made ``age`` ticks ago weighted by ``exp(-decay * age)`` (ACT's temporal ensembling). Also what DAgger
    rollouts execute, so the states they relabel are the ones the loop visits."""

    def __init__(self, decay: float) -> None:
        self.decay = decay
        self.recent: deque[tuple[int, np.ndarray]] = deque()  # (tick made, chunk) still covering a later tick

    def clear(self) -> None:
        self.recent.clear()

    def add(self, tick: int, chunk: np.ndarray) -> np.ndarray:
        """Take the chunk inferred at ``tick``; return the action to send at ``tick``."""
        self.recent.append((tick, chunk))
        return self.predict(tick)

    def predict(self, tick: int) -> np.ndarray | None:
        """The action to send at ``tick`` from the chunks already in reach (None if none reaches it): also for a
        tick that brought no new chunk (no usable frame, or the policy failed)."""
        recent = self.recent
        while recent and tick - recent[0][0] >= len(recent[0][1]):
            recent.popleft()
        if not recent:
            return None
        ages = np.array([tick - made for made, _ in recent], dtype=np.float32)
        weights = np.exp(-self.decay * ages)
        actions = np.stack([c[tick - made] for made, c in recent])
        average = (weights[:, None] * actions).sum(axis=0) / weights.sum()
        # A weighted mean lies between its inputs; float32 rounding can overshoot them (saturated chunks averaged to
        # 1.0000001), which the safety layer would then count as an out-of-range action on most ticks.
        return np.clip(average, actions.min(axis=0), actions.max(axis=0))


DEFAULT_MODE = "ensemble"
"""The mode ``robotstack run|eval|sweep`` and the training pipeline's evaluation use unless told otherwise
(``LoopConfig`` itself defaults to the plainest, ``sync``)."""


@dataclass
class LoopConfig:
    control_hz: float = 20.0
    mode: Literal["sync", "ensemble", "async"] = "sync"
    refill_threshold: int = 2  # async: start the next inference when this few actions are left
    ensemble_decay: float = 0.1  # ensemble: weight of a chunk made k ticks ago is exp(-decay * k)
    inference_budget_ms: float = 25.0
    capture_to_actuation_budget_ms: float = 50.0
    assumed_latency_ms: float | None = None  # the whole delay the world sees; None: measured inference + overhead
    image_size: int = 96
    cameras: tuple[str, ...] = ("front", "wrist")
    realtime: bool = False  # pace ticks on the wall clock (real cameras and arms); False: virtual time (simulator)

    @property
    def period_s(self) -> float:
        return 1.0 / self.control_hz


@dataclass
class EpisodeStats:
    """One episode's outcome and counts; per-stage durations are in the tracer's spans."""

    ticks: int = 0
    success: bool = False
    deadline_misses: Counter = field(default_factory=Counter)
    faults: Counter = field(default_factory=Counter)
    loop_overhead_ms: list[float] = field(default_factory=list)  # the tick minus inference (and minus the world)
    applied_latency_ms: list[float] = field(default_factory=list)  # what the world was delayed by
    waiting_ticks: int = 0  # ticks held because there was nothing to condition on (plan pending, done)
    scripted_ticks: int = 0  # ticks that sent a conditioning's scripted step (the return to the ready pose)


def usable_state(state: object) -> bool:
    """Whether a frame's proprioception is the contract's 22 finite numbers (a real arm's driver can report NaN
    or a short vector; acting on it would steer from a position nobody knows)."""
    return isinstance(state, np.ndarray) and state.shape == (STATE_DIM,) and bool(np.isfinite(state).all())


def usable_action(action: object) -> bool:
    """Whether a scripted step's action is the contract's 5 finite numbers (it steers the arm directly)."""
    return isinstance(action, np.ndarray) and action.shape == (5,) and bool(np.isfinite(action).all())


def usable_embedding(embedding: object) -> bool:
    """Whether a conditioning's output is a non-empty vector of finite numbers (what a policy's text input takes)."""
    try:
        vector = np.asarray(embedding, dtype=np.float32)
    except (TypeError, ValueError):
        return False
    return vector.ndim == 1 and vector.size > 0 and bool(np.isfinite(vector).all())


class Preprocessor:
    """Resize frames to the policy's input size (OpenCV, area interpolation) into preallocated buffers."""

    def __init__(self, cameras: tuple[str, ...], size: int) -> None:
        self.size = size
        self.buffers = {c: np.empty((size, size, 3), dtype=np.uint8) for c in cameras}

    def __call__(self, frame: Frame) -> dict[str, np.ndarray] | None:
        """The policy's images, or None when a camera's image is missing or not HxWx3 uint8."""
        if not isinstance(frame.images, dict):
            return None
        out = {}
        for cam, buf in self.buffers.items():
            image = frame.images.get(cam)
            if (not isinstance(image, np.ndarray) or image.ndim != 3 or image.shape[2] != 3
                    or image.dtype != np.uint8 or 0 in image.shape):
                return None
            if image.shape[:2] == (self.size, self.size):
                np.copyto(buf, image)
            else:
                cv2.resize(image, (self.size, self.size), dst=buf, interpolation=cv2.INTER_AREA)
            out[cam] = buf
        return out


class FrozenImageWatch:
    """The wrist camera's picture unchanged, pixel for pixel, while the hand that carries it moved ``moved_m`` or
    more: a frozen driver or a hung sensor that still numbers and stamps its frames afresh (which those cannot
    tell). Only a camera on the hand must see a new picture when the hand moves (a fixed camera may not see the arm
    at all); a still hand may see a still picture (waiting for a plan), which is no fault."""

    def __init__(self, cameras: tuple[str, ...] = ("wrist",), moved_m: float = 0.02) -> None:
        self.cameras, self.moved_m = cameras, moved_m
        self._last: dict[str, np.ndarray] = {}
        self._since: dict[str, np.ndarray] = {}  # the hand's position when each camera's picture last changed

    def frozen(self, images: dict[str, np.ndarray], state: np.ndarray) -> list[str]:
        """The watched cameras whose picture is frozen at this frame (``images`` preprocessed, ``state`` its
        proprioception)."""
        hand = np.asarray(state[STATE_EE_POS], dtype=np.float64)
        stuck = []
        for cam in self.cameras:
            image, last = images.get(cam), self._last.get(cam)
            if image is None:
                continue
            if last is None or not np.array_equal(image, last):
                self._last[cam], self._since[cam] = image.copy(), hand.copy()
            elif np.linalg.norm(hand - self._since[cam]) >= self.moved_m:
                stuck.append(cam)
        return stuck


class ControlLoop:
    """Runs one episode at a time; see the module docstring for the two modes and the time model."""

    def __init__(self, policy: ChunkPolicy, config: LoopConfig, safety: SafetyLayer | None = None,
                 tracer: Tracer | None = None, clock: Callable[[], int] = time.perf_counter_ns) -> None:
        self.policy = policy
        self.config = config
        self.safety = safety or SafetyLayer()
        self.tracer = tracer or Tracer()
        self.clock = clock
        self.preprocess = Preprocessor(config.cameras, config.image_size)

    def run_episode(self, camera: CameraSource, actuator: ActuatorSink, text: np.ndarray | Conditioning,
                    max_ticks: int) -> EpisodeStats:
        """Run until the sink says the episode is done or ``max_ticks``. ``text`` is the instruction embedding,
        or a callable giving it per tick from the newest state (None: hold, e.g. while a plan is pending)."""
        cfg, stats, tracer, clock = self.config, EpisodeStats(), self.tracer, self.clock
        conditioning = text if callable(text) else (lambda state, images: text)
        period_ms = cfg.period_s * 1000.0
        queue: deque[np.ndarray] = deque()
        pending: tuple[int, int, np.ndarray] | None = None  # async: (tick started, tick usable, chunk)
        ensemble = TemporalEnsemble(cfg.ensemble_decay)
        last_seq = -1
        # The newest usable frame (what the actions in reach were inferred from) and the hand displacement (m)
        # commanded since: on a tick without a frame the workspace check must see the hand where it has moved on to.
        newest: Frame | None = None
        sent_since_newest = np.zeros(3)
        freeze = FrozenImageWatch()
        last_embedding: np.ndarray | None = None
        if (start_episode := getattr(self.policy, "start_episode", None)) is not None:
            start_episode()
        acting = False
        period_ns = int(cfg.period_s * 1e9)
        next_deadline = clock() + period_ns
        for tick in range(max_ticks):
            t_tick = clock()
            t0 = t_tick
            try:
                frame = camera.read()
            except Exception as err:  # a driver's failure (unplugged, timed out) costs this tick, not the loop
                frame, camera_error = None, f"camera_error:{type(err).__name__}"
            else:
                camera_error = None
            t1 = clock()
            tracer.complete("capture", t0, t1, tick=tick)
            if camera_error is not None:
                self._fault(stats, camera_error, tick)
            elif frame is None:
                self._fault(stats, "dropped_frame", tick)
            elif not isinstance(frame, Frame):
                self._fault(stats, "corrupt_frame", tick)  # a driver returning something else entirely
                frame = None
            elif not self._stamp_trusted(camera, frame):
                self._fault(stats, "bad_stamp", tick)
                frame = None
            elif not isinstance(frame.seq, numbers.Integral) or isinstance(frame.seq, bool):
                self._fault(stats, "bad_seq", tick)  # without an order, a repeated frame cannot be told from a new one
                frame = None
            elif not usable_state(frame.state):
                self._fault(stats, "invalid_state", tick)  # where the arm is is unknown: hold, do not guess
                frame = newest = None
            elif frame.seq <= last_seq:
                self._fault(stats, "stale_frame", tick)  # the same (or an older) frame again
                frame = None
            else:
                last_seq = frame.seq
            images = self.preprocess(frame) if frame is not None else None
            if frame is not None and images is None:
                self._fault(stats, "corrupt_frame", tick)
                frame = None
            if frame is not None and (stuck := freeze.frozen(images, frame.state)):
                self._fault(stats, f"frozen_image:{'+'.join(stuck)}", tick)  # what it shows is not now: as stale
                frame = None
            if frame is not None:
                newest = frame
                sent_since_newest[:] = 0.0
            t2 = clock()
            tracer.complete("preprocess", t1, t2, tick=tick)

            latency_ms, proposal = 0.0, None
            try:
                embedding = conditioning(frame.state, frame.images) if frame is not None else conditioning(None, None)
            except Exception as err:  # the plan driver is code too: its failure holds the arm, never ends the loop
                self._fault(stats, f"conditioning_error:{type(err).__name__}", tick)
                embedding = None
            scripted = embedding if isinstance(embedding, ScriptedStep) else None
            if scripted is not None:
                embedding = None  # no subtask this tick: the chunks in reach restart after it, as after a hold
                if not usable_action(scripted.action):
                    self._fault(stats, "conditioning_error:invalid_scripted_step", tick)
                    scripted = None
            if embedding is not None and not usable_embedding(embedding):
                self._fault(stats, "conditioning_error:invalid_embedding", tick)  # NaN or not a vector: steers nowhere
                embedding = None
            changed = (last_embedding is not None and embedding is not last_embedding
                       and not np.array_equal(embedding, last_embedding))  # the driver hands out cached arrays
            if embedding is None or changed:
                # A hold, or a new subtask: chunks made for another instruction must not steer this one (with
                # the default decay, the seven chunks still in reach would outweigh the new one for ~4 ticks).
                queue.clear()
                ensemble.clear()
                pending = None
                acting = False  # async: waiting for the new subtask's first chunk is a start, not a dry queue
            last_embedding = embedding
            if scripted is not None:
                proposal = scripted.action
                stats.scripted_ticks += 1
            elif embedding is None:  # nothing to do yet (or any more): a planned hold, not a fault
                stats.waiting_ticks += 1
            elif frame is not None and (cfg.mode != "async" or (pending is None and len(queue) <= cfg.refill_threshold)):
                chunk = self._infer(images, frame.state, embedding, stats, tick)
                t3 = clock()
                tracer.complete("infer", t2, t3, tick=tick)
                latency_ms = ((t3 - t2) / 1e6 if cfg.assumed_latency_ms is None
                              else cfg.assumed_latency_ms + getattr(self.policy, "extra_latency_ms", 0.0))
                stats.applied_latency_ms.append(latency_ms)
                if latency_ms > cfg.inference_budget_ms:
                    stats.deadline_misses["infer"] += 1
                    tracer.instant("deadline_miss", stage="infer", tick=tick, latency_ms=latency_ms)
                if chunk is not None:
                    if cfg.mode == "sync":
                        proposal = chunk[0]
                    elif cfg.mode == "ensemble":
                        proposal = ensemble.add(tick, chunk)
                    else:
                        pending = (tick, tick + max(1, math.ceil(latency_ms / period_ms)), chunk)
            if cfg.mode == "async" and embedding is not None:
                if pending is not None and pending[1] <= tick:
                    started, _, chunk = pending
                    # The chunk was computed for the tick it started on; drop the actions already past.
                    queue = deque(chunk[tick - started:])
                    pending = None
                    acting = True
                if queue:
                    proposal = queue.popleft()
                elif acting:  # waiting for the very first chunk is start-up, not a fault
                    self._fault(stats, "queue_dry", tick)
                tracer.counter("queue_depth", len(queue))
            if proposal is None and cfg.mode == "ensemble" and embedding is not None:
                proposal = ensemble.predict(tick)  # no new chunk (no frame, or no answer): those in reach cover it

            t4 = clock()  # postprocess starts here; what lies between t2 and t4 is inference or queue work
            # Without a usable frame this tick, the action was inferred from the newest one: the safety layer
            # passes it while that frame is younger than its limit (the same rule async mode lives by), then holds.
            basis = frame if frame is not None else newest
            state = basis.state if basis is not None else np.full(STATE_DIM, np.nan)
            if frame is None and basis is not None:  # dead reckoning: its workspace check sees the hand moved on
                state = state.copy()
                state[STATE_EE_POS] += sent_since_newest
            age = self._age(camera, basis)
            steering = embedding is not None or scripted is not None
            action = self.safety.filter(proposal, state, age) if steering else self.safety.hold()
            t5 = clock()
            tracer.complete("postprocess", t4, t5, tick=tick)

            # Loop overhead: what the loop itself adds (capture is the camera's, inference the policy's).
            overhead_ms = (t2 - t1 + t5 - t4) / 1e6
            # A run that assumes its latency assumes the whole delay: the host's own overhead, and machine load
            # with it, would otherwise reach the simulated world, and one seed would not always play out the same.
            world_overhead_ms = overhead_ms if cfg.assumed_latency_ms is None else 0.0
            delay_ms = world_overhead_ms + (latency_ms if cfg.mode != "async" else 0.0)
            if delay_ms > cfg.capture_to_actuation_budget_ms:
                stats.deadline_misses["capture_to_actuation"] += 1
            if cfg.mode != "async" and delay_ms > period_ms:
                stats.deadline_misses["tick"] += 1
                tracer.instant("deadline_miss", stage="tick", tick=tick, delay_ms=delay_ms)
            try:
                result = actuator.apply(action, delay_ms / 1000.0, self.safety.hold())
            except Exception as err:  # the arm cannot be commanded: end the episode, reported, not a crash
                self._fault(stats, f"actuator_error:{type(err).__name__}", tick)
                stats.ticks = tick + 1
                break
            if not isinstance(result, ActuationResult):  # the action went out; what the sink said is unknown
                self._fault(stats, "invalid_actuator_result", tick)
                result = ActuationResult()
            sent_since_newest += action[:3] * EE_STEP_M
            t6 = clock()
            tracer.complete("actuate", t5, t6, tick=tick)
            tracer.complete("tick", t_tick, t6, tick=tick)
            stats.loop_overhead_ms.append(overhead_ms)
            stats.ticks = tick + 1
            if result.done:
                stats.success = result.success
                break
            if cfg.realtime:
                next_deadline = self._pace(next_deadline, period_ns, stats, tick)
        return stats

    def _pace(self, deadline: int, period_ns: int, stats: EpisodeStats, tick: int) -> int:
        """Sleep to the absolute deadline (no drift). An overrun is a missed tick; the schedule then restarts
        from now rather than bursting to catch up, which would feed the arm stale decisions."""
        now = self.clock()
        if now <= deadline:
            time.sleep((deadline - now) / 1e9)
            return deadline + period_ns
        stats.deadline_misses["tick_overrun"] += 1
        self.tracer.instant("deadline_miss", stage="tick_overrun", tick=tick, late_ms=(now - deadline) / 1e6)
        return now + period_ns

    @classmethod
    def _stamp_trusted(cls, camera: CameraSource, frame: Frame) -> bool:
        """Whether ``frame``'s stamp is a finite time not in the camera clock's future: otherwise its age, which
        decides how long the arm may go on without a new frame, cannot be known."""
        if not isinstance(frame.stamp, numbers.Real) or not math.isfinite(frame.stamp):
            return False
        return cls._age(camera, frame) >= -STAMP_TOLERANCE_S

    @staticmethod
    def _age(camera: CameraSource, frame: Frame | None) -> float:
        """Seconds since ``frame`` was taken; infinite without one, or when the camera's clock fails too."""
        if frame is None:
            return math.inf
        try:
            return camera.now() - frame.stamp
        except Exception:  # a failing driver: treat its frames as unknown age, i.e. hold
            return math.inf

    def _infer(self, images, state, text, stats: EpisodeStats, tick: int) -> np.ndarray | None:
        """Run the policy; a crash or a non-finite output is a counted fault, never an exception in the loop."""
        try:
            chunk = np.asarray(self.policy(images, state, text), dtype=np.float32)
        except Exception as err:  # the policy is foreign code; the loop must outlive it
            kind = f"inference_error:{type(err).__name__}"
        else:
            if chunk.ndim == 2 and chunk.shape[0] >= 1 and chunk.shape[1] == 5 and np.all(np.isfinite(chunk)):
                return chunk
            kind = "invalid_policy_output"
        self._fault(stats, kind, tick)
        return None

    def _fault(self, stats: EpisodeStats, kind: str, tick: int) -> None:
        stats.faults[kind] += 1
        self.tracer.instant("fault", kind=kind, tick=tick)
