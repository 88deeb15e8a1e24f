"""The on-board side of the reasoning tier: a client the control loop calls every tick without waiting.

``submit`` queues a request and returns its id; ``poll`` (microseconds, never blocks) sends what is
due, reads what has arrived and returns the requests that finished — with a plan, a question, or a
client-side ``timeout``/``unavailable`` status. Each attempt has a time-out; failed attempts are
retried a bounded number of times with exponential backoff; after K consecutive failures a circuit
breaker stops sending until a cool-down has passed, then lets one probe through, so a dead service
costs the loop nothing and a restarted one is used again at the next escalation. Every plan is
validated again here against the request's scene: nothing from the wire is trusted.

Sim runs may set ``lockstep``: the simulated world then waits for the service, so that a reply lands on the
tick its emulated latency says, not on whichever tick the host's load puts it.
"""

from __future__ import annotations

import math
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import zmq
import zmq.utils.monitor
from pydantic import ValidationError

from robotstack import wire
from robotstack.keys import ClientKeys, configure_client, require_keys_off_loopback
from robotstack.reasoning.messages import (
    DEFAULT_ENDPOINT,
    PLAN_REPLY,
    PLAN_REQUEST,
    REASONING_LIMITS,
    STATS_REPLY,
    STATS_REQUEST,
    PlanReply,
    PlanRequest,
)
from robotstack.reasoning.plan import PlanError, validate_plan

Clock = Callable[[], float]

_RECV_BATCH = 64  # replies read per poll: bounds the time one poll can take
_HEARTBEAT_IVL_MS = 1000  # zmq heartbeats notice a peer that vanished without closing its connection
_HEARTBEAT_TIMEOUT_MS = 3000
# A connection whose handshake stalls (the service process stopped, its kernel still accepting) is dropped and
# tried afresh after this long, rather than zmq's default 30 s: a service that resumes is reached again soon.
_HANDSHAKE_IVL_MS = 2000
# What the socket's monitor reports: a handshake completed, or a connection lost or refused at the protocol level.
_CONNECTION_FAULTS = (zmq.EVENT_DISCONNECTED | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL
                      | zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL | zmq.EVENT_HANDSHAKE_FAILED_AUTH)
# After a connection fault the socket is replaced, at most this often (wall time): libzmq drops a connection whose
# peer sent a message over the size limit or failed the handshake (a non-zmq program on the port, another security
# mechanism) and does not connect again by itself, so without a new socket the service would never be reached again.
_REBUILD_INTERVAL_S = 1.0


@dataclass(frozen=True)
class ClientConfig:
    """How the client reaches the service and how long it waits for it."""

    endpoint: str = DEFAULT_ENDPOINT
    timeout_s: float = 5.0
    """Per attempt: from the poll that starts it to the moment its reply is usable."""
    max_retries: int = 1
    backoff_s: float = 0.25
    """Wait before retry n is ``backoff_s * 2**(n-1)``."""
    breaker_failures: int = 3
    """Consecutive failed attempts (time-out or error reply) that open the circuit."""
    breaker_cooldown_s: float = 10.0
    extra_latency_s: float = 0.0
    """Emulated network/model latency added to every reply (sim runs of a remote reasoner)."""
    lockstep: bool = False
    """Sim runs only: the world's clock waits for the service. A reply is usable exactly ``extra_latency_s`` of
    world time after its attempt was sent, however long the host took, so an episode does not change with the
    host's load (without it, a reply lands on whichever tick is running when it arrives). ``poll`` and sending
    then block, each attempt for at most ``timeout_s`` of wall time in all; a service silent that long counts as
    silent in world time too. Never for a real control loop, which must not wait."""
    max_in_flight: int = 8
    keys: ClientKeys | None = None
    limits: wire.WireLimits = REASONING_LIMITS
    latency_samples: int = 1000


class CircuitBreaker:
    """Closed -> open after ``failures`` consecutive failures -> half-open (one probe) after ``cooldown_s``."""

    def __init__(self, failures: int, cooldown_s: float, clock: Clock) -> None:
        if failures < 1:
            raise ValueError(f"breaker failures={failures}; at least 1 is needed")
        self._threshold = failures
        self._cooldown_s = cooldown_s
        self._clock = clock
        self._consecutive = 0
        self._opened_at: float | None = None
        self._probing = False
        self.opened = 0
        """How many times the circuit has opened."""

    @property
    def state(self) -> Literal["closed", "open", "half_open"]:
        if self._opened_at is None:
            return "closed"
        if self._probing or self._clock() - self._opened_at >= self._cooldown_s:
            return "half_open"
        return "open"

    def allow(self) -> bool:
        """May an attempt be sent now? In half-open state only one probe is allowed at a time."""
        state = self.state
        if state == "closed":
            return True
        if state == "half_open" and not self._probing:
            self._probing = True
            return True
        return False

    def peer_reconnected(self) -> None:
        """The service completed a new handshake (it came back): an open circuit may probe it now rather than
        after the rest of its cool-down. A probe already under way went to the service while it was away (unsent,
        or lost with the old connection), so it no longer blocks the next request from probing the one now here."""
        if self.state != "closed":
            self._opened_at = -math.inf  # the cool-down is over (``now - cooldown`` can round to just short of it)
            self._probing = False

    def success(self) -> None:
        self._consecutive = 0
        self._opened_at = None
        self._probing = False

    def failure(self) -> None:
        self._consecutive += 1
        if self._probing or (self._opened_at is None and self._consecutive >= self._threshold):
            self.opened += 1
            self._opened_at = self._clock()
        self._probing = False


@dataclass
class ClientMetrics:
    """What the client saw, for run reports: counts, latencies and tokens spent."""

    requests: int = 0
    sent: int = 0
    retries: int = 0
    timeouts: int = 0
    """Attempts that got no usable reply in time."""
    invalid_plans: int = 0
    """Requests that ended ``invalid``: no plan, or one that failed validation here or in the service."""
    rejected: int = 0
    """Requests never sent: circuit open or too many in flight."""
    malformed_replies: int = 0
    late_replies: int = 0
    handshakes: int = 0
    """Connections to the service completed (the first, then one each time it came back)."""
    connection_faults: int = 0
    """Connections lost or refused: the service gone, a message over the size limit, a failed handshake."""
    reconnects: int = 0
    """Sockets replaced after a connection fault."""
    cancelled: int = 0
    """Requests their caller gave up on before they finished (a new instruction, the episode's end)."""
    tokens_in: int = 0
    tokens_out: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    latency_s: deque[float] = field(default_factory=lambda: deque(maxlen=1000))
    """Submit-to-reply latency of requests the service answered (most recent samples)."""

    def summary(self) -> dict[str, Any]:
        """JSON-ready figures, with latency percentiles."""
        samples = sorted(self.latency_s)

        def percentile(q: float) -> float | None:
            return samples[min(len(samples) - 1, math.ceil(q * len(samples)) - 1)] if samples else None

        counts = {k: v for k, v in vars(self).items() if isinstance(v, int)}
        return {**counts, "statuses": dict(self.statuses),
                "latency_p50_s": percentile(0.5), "latency_p95_s": percentile(0.95)}


@dataclass
class _Pending:
    """One request's progress: attempts made, the open attempt (if any) and a reply waiting to be used."""

    request: PlanRequest
    frames: list[bytes | memoryview]
    submitted: float
    due: float
    """When the next attempt may start (now, or after a backoff); once open, when it started."""
    attempts: int = 0
    sent_at: float = math.inf
    """When the open attempt was sent (the clock's time)."""
    wall_deadline: float | None = None
    """Lockstep: the wall-clock moment after which the open attempt no longer holds the world."""
    open: bool = False
    """An attempt is under way (the breaker let it through): waiting to be sent or for its reply."""
    sent: bool = False
    reply: PlanReply | None = None
    ready_at: float = math.inf
    """When ``reply`` may be used: arrival plus emulated latency."""


class ReasonerClient:
    """Non-blocking client of :class:`~robotstack.reasoning.service.ReasonerService` (DEALER socket).

    Not thread-safe: call it from the control loop's thread. ``clock`` may be a sim clock.
    """

    def __init__(
        self, config: ClientConfig = ClientConfig(), *, clock: Clock = time.monotonic,
        context: zmq.Context | None = None,
    ) -> None:
        require_keys_off_loopback(config.endpoint, config.keys is not None)
        self.config = config
        self.metrics = ClientMetrics(latency_s=deque(maxlen=config.latency_samples))
        self.breaker = CircuitBreaker(config.breaker_failures, config.breaker_cooldown_s, clock)
        self._clock = clock
        self._pending: dict[str, _Pending] = {}
        self._finished: list[PlanReply] = []
        self._context = context or zmq.Context.instance()
        self._faulted_since: float | None = None
        self._rebuilt_at = -math.inf
        self._connect()

    def _connect(self) -> None:
        """A new socket to the service, with a monitor on its connections."""
        # immediate: nothing is queued for a service that is not connected, so nothing stale is
        # delivered when it comes back; an attempt waits for the connection within its time-out.
        self._socket = _dealer(self._context, self.config, immediate=True)
        # The socket's handshakes: a service that comes back (restarted, reachable again) is seen at once. Watched
        # from before the connect, or the first handshake may complete unseen and the first reconnection be taken
        # for it.
        self._monitor = self._socket.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED | _CONNECTION_FAULTS)
        self._socket.connect(self.config.endpoint)

    def submit(self, request: PlanRequest) -> str:
        """Send ``request`` if possible (never waiting) and return its id; ``poll`` delivers the outcome.

        ``request_id`` and ``timeout_s`` are set here. Never raises for service trouble: a request that
        cannot be sent ends as ``timeout`` or ``unavailable`` in a later poll.
        """
        request_id = uuid.uuid4().hex
        request = request.model_copy(update={"request_id": request_id, "timeout_s": self.config.timeout_s})
        now = self._clock()
        self._watch_connection()
        self.metrics.requests += 1
        if len(self._pending) >= self.config.max_in_flight:
            self._reject(request_id, now, f"{len(self._pending)} requests already in flight "
                                          f"(max_in_flight={self.config.max_in_flight})")
            return request_id
        frames = wire.encode(PLAN_REQUEST, request.model_dump(mode="json"), limits=self.config.limits)
        self._pending[request_id] = _Pending(request=request, frames=frames, submitted=now, due=now)
        self._advance(request_id, self._pending[request_id], now)
        return request_id

    def poll(self) -> list[PlanReply]:
        """Send what is due, read what arrived, and return the requests that finished since last call."""
        now = self._clock()
        self._watch_connection()
        self._receive(now)
        if self.config.lockstep:
            self._await_due_replies(now)
        for request_id, pending in list(self._pending.items()):
            self._advance(request_id, pending, now)
        finished, self._finished = self._finished, []
        return finished

    def cancel(self, request_id: str) -> None:
        """Give up on a request (its caller moved on): it frees its place in flight and its reply, if one comes, is
        dropped as late. Unknown or finished ids are ignored."""
        if self._pending.pop(request_id, None) is not None:
            self.metrics.cancelled += 1

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    def close(self) -> None:
        self._socket.disable_monitor()
        self._monitor.close(linger=0)
        self._socket.close(linger=0)

    def __enter__(self) -> ReasonerClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _watch_connection(self) -> None:
        """Count the handshakes completed since the last call (after the first, each is the service coming back) and
        the connections lost or refused; a socket left without its connection after a fault is replaced."""
        while True:
            try:
                event = zmq.utils.monitor.parse_monitor_message(self._monitor.recv_multipart(zmq.NOBLOCK))
            except zmq.Again:
                break
            if event["event"] & _CONNECTION_FAULTS:
                self.metrics.connection_faults += 1
                self._faulted_since = self._faulted_since or time.monotonic()
                continue
            self._faulted_since = None
            self.metrics.handshakes += 1
            if self.metrics.handshakes > 1:
                self.breaker.peer_reconnected()
        now = time.monotonic()
        if self._faulted_since is not None and now - max(self._faulted_since, self._rebuilt_at) >= _REBUILD_INTERVAL_S:
            self.close()
            self._connect()
            self.metrics.reconnects += 1
            self._rebuilt_at, self._faulted_since = now, None  # a new fault on the new socket replaces it again
            for pending in self._pending.values():
                pending.sent = pending.sent and pending.reply is not None  # lost with the old socket: sent again

    def _receive(self, now: float) -> None:
        for _ in range(_RECV_BATCH):
            try:
                frames = self._socket.recv_multipart(zmq.NOBLOCK, copy=False)
            except zmq.Again:
                return
            message = None
            try:
                message = wire.decode(frames, self.config.limits)
                if message.kind != PLAN_REPLY:
                    raise wire.WireError(f"reply kind {message.kind!r}; expected {PLAN_REPLY}")
                reply = PlanReply.model_validate(message.data)
                if reply.status in ("timeout", "unavailable"):
                    raise wire.WireError(f"status {reply.status!r} is set by clients, not sent by services")
            except (wire.WireError, ValidationError) as exc:
                self.metrics.malformed_replies += 1
                # a reply to a request in flight that fails the schema ends that request as invalid now, rather
                # than after its time-outs and retries
                request_id = message.data.get("request_id") if message is not None else None
                if not isinstance(request_id, str) or request_id not in self._pending:
                    continue
                reply = PlanReply(request_id=request_id, status="invalid",
                                  message=f"the reply failed the schema: {str(exc)[:300]}")
            pending = self._pending.get(reply.request_id)
            if pending is None or pending.reply is not None:  # finished, or answered by an earlier attempt
                self.metrics.late_replies += 1
                continue
            arrived = pending.sent_at if self.config.lockstep else now
            pending.reply, pending.ready_at = reply, arrived + self.config.extra_latency_s

    def _wall_left(self, pending: _Pending) -> float:
        """Lockstep: the wall seconds the open attempt may still hold the world (its time-out, counted from the
        first wait)."""
        if pending.wall_deadline is None:
            pending.wall_deadline = time.monotonic() + self.config.timeout_s
        return max(0.0, pending.wall_deadline - time.monotonic())

    def _await_due_replies(self, now: float) -> None:
        """Lockstep: block until every sent attempt whose reply is due by ``now`` has one, or has waited out its
        time-out in wall time."""
        while due := [p for p in self._pending.values() if p.open and p.sent and p.reply is None
                      and p.sent_at + self.config.extra_latency_s <= now and self._wall_left(p) > 0]:
            if self._socket.poll(_milliseconds(max(self._wall_left(p) for p in due))):
                self._receive(now)

    def _advance(self, request_id: str, pending: _Pending, now: float) -> None:
        deadline = pending.due + self.config.timeout_s
        reply = pending.reply
        if reply is not None and pending.ready_at <= now and (not pending.open or pending.ready_at <= deadline):
            if reply.status != "error":
                self._answered(request_id, pending, reply)
                return
            if pending.open:
                self._attempt_failed(request_id, pending, now, reply)
                return
            pending.reply = None  # an error from an attempt already counted as failed: nothing new
        if pending.open and now >= deadline:
            self._attempt_failed(request_id, pending, now, None)
            return
        if not pending.open and now >= pending.due:
            if not self.breaker.allow():
                del self._pending[request_id]
                self._reject(request_id, now, f"circuit open after {self.config.breaker_failures} consecutive "
                                              f"failures; next try after {self.config.breaker_cooldown_s} s")
                return
            pending.open, pending.sent, pending.due = True, False, now  # the time-out runs from here
            pending.wall_deadline = None
            pending.attempts += 1
            self.metrics.retries += pending.attempts > 1
        if pending.open and not pending.sent:
            if self.config.lockstep:  # the world waits for the connection, as for the reply
                self._socket.poll(_milliseconds(self._wall_left(pending)), zmq.POLLOUT)
            try:
                self._socket.send_multipart(pending.frames, zmq.NOBLOCK, copy=False)
            except zmq.Again:  # not connected (yet): try again next poll, until this attempt's deadline
                return
            pending.sent, pending.sent_at = True, now
            self.metrics.sent += 1

    def _attempt_failed(self, request_id: str, pending: _Pending, now: float, error: PlanReply | None) -> None:
        """A time-out (``error`` None) or an error reply: retry after a backoff, or give up."""
        self.metrics.timeouts += error is None
        self.breaker.failure()
        pending.open, pending.reply, pending.ready_at = False, None, math.inf
        if pending.attempts <= self.config.max_retries:
            pending.due = now + self.config.backoff_s * 2 ** (pending.attempts - 1)
            return
        del self._pending[request_id]
        final = error or PlanReply(
            request_id=request_id, status="timeout",
            message=f"no reply from {self.config.endpoint} in {pending.attempts} attempt(s) of "
                    f"{self.config.timeout_s} s")
        self._finish(final, pending.submitted, pending.attempts, now)

    def _answered(self, request_id: str, pending: _Pending, reply: PlanReply) -> None:
        del self._pending[request_id]
        self.breaker.success()
        if reply.plan is not None:
            try:
                validate_plan(reply.plan, pending.request.scene, pending.request.skills)
            except PlanError as exc:
                reply = PlanReply.model_validate({**reply.model_dump(), "status": "invalid", "plan": None,
                                                  "message": f"plan failed on-board validation: {exc}"})
        self.metrics.tokens_in += reply.tokens_in
        self.metrics.tokens_out += reply.tokens_out
        self.metrics.latency_s.append(pending.ready_at - pending.submitted)
        self._finish(reply, pending.submitted, pending.attempts, pending.ready_at)

    def _reject(self, request_id: str, now: float, why: str) -> None:
        self.metrics.rejected += 1
        self._finish(PlanReply(request_id=request_id, status="unavailable", message=why), now, 0, now)

    def _finish(self, reply: PlanReply, submitted: float, attempts: int, now: float) -> None:
        self.metrics.statuses[reply.status] += 1
        self.metrics.invalid_plans += reply.status == "invalid"
        self._finished.append(reply.model_copy(update={"latency_s": max(0.0, now - submitted), "attempts": attempts}))


def query_stats(
    endpoint: str = DEFAULT_ENDPOINT, *, timeout_s: float = 2.0, keys: ClientKeys | None = None,
    context: zmq.Context | None = None,
) -> dict[str, Any]:
    """Ask a service for its counters (blocking, for tools and tests; not for the control loop)."""
    require_keys_off_loopback(endpoint, keys is not None)
    config = ClientConfig(endpoint=endpoint, keys=keys)
    socket = _dealer(context or zmq.Context.instance(), config, immediate=False)
    socket.connect(endpoint)
    try:
        socket.send_multipart(wire.encode(STATS_REQUEST, limits=config.limits), copy=False)
        if not socket.poll(int(timeout_s * 1000)):
            raise TimeoutError(f"no stats reply from {endpoint} within {timeout_s} s")
        message = wire.recv(socket, limits=config.limits)
        if message.kind != STATS_REPLY:
            raise wire.WireError(f"reply kind {message.kind!r}; expected {STATS_REPLY}")
        return message.data
    finally:
        socket.close(linger=0)


def _milliseconds(seconds: float) -> int:
    """A zmq poll time-out: whole milliseconds, at least 1 for any wait left (0 would not wait at all)."""
    return math.ceil(seconds * 1000) if seconds > 0 else 0


def _dealer(context: zmq.Context, config: ClientConfig, *, immediate: bool) -> zmq.Socket:
    """A DEALER configured for the service (limits, heartbeats, keys), not yet connected."""
    socket = context.socket(zmq.DEALER)
    socket.linger = 0
    socket.immediate = immediate
    socket.maxmsgsize = config.limits.max_total_bytes
    socket.heartbeat_ivl = _HEARTBEAT_IVL_MS
    socket.heartbeat_timeout = _HEARTBEAT_TIMEOUT_MS
    socket.handshake_ivl = _HANDSHAKE_IVL_MS
    if config.keys is not None:
        configure_client(socket, config.keys)
    return socket
