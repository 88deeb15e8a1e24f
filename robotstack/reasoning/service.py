"""The reasoning service: a ROUTER socket in front of a pool of planner threads.

One I/O thread owns the socket: it receives, checks and queues requests, and sends the replies that
workers leave in an outbox, addressed by the requester's identity. A slow backend therefore holds a
worker, never the socket: other requests and stats queries keep being answered. What cannot be
decoded is dropped and counted (stats reply), never answered, so a hostile peer learns nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import zmq
from pydantic import ValidationError
from zmq.auth.thread import ThreadAuthenticator

from robotstack import wire
from robotstack.keys import KeyPair, configure_server, require_keys_off_loopback, start_authenticator
from robotstack.reasoning.backends import Backend
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

log = logging.getLogger(__name__)

TRANSPORT_CAP_FACTOR = 4
"""libzmq drops (and disconnects) a peer sending a frame over this many times the wire limit, before
it is buffered; frames between the wire limit and this cap reach us and are counted as oversized."""

_RECV_BATCH = 64  # messages handled per wake-up, so the outbox is flushed between bursts
_WORKER_POLL_S = 0.2  # how often an idle worker checks for shutdown
# A signal may land on a worker thread; Python runs its handler only when the main thread runs
# bytecode, so the socket poll returns this often to let SIGTERM/Ctrl-C handlers run.
_SIGNAL_CHECK_MS = 200


class ReasonerService:
    """Serve plans from ``backend`` on ``bind`` (loopback by default; Curve keys required otherwise).

    Construction binds the socket, so a bad endpoint fails here; :meth:`run` serves until :meth:`stop`.
    ``authorized_clients`` is a folder of client ``*.key`` files; with it, other clients are refused.
    ``workers`` requests are planned at once and ``max_queued`` more wait; beyond that a request is
    answered at once with a "service busy" error, so a hung backend degrades service, not the socket.
    """

    def __init__(
        self,
        backend: Backend,
        bind: str = DEFAULT_ENDPOINT,
        *,
        server_keys: KeyPair | None = None,
        authorized_clients: Path | None = None,
        workers: int = 4,
        max_queued: int = 32,
        limits: wire.WireLimits = REASONING_LIMITS,
    ) -> None:
        require_keys_off_loopback(bind, server_keys is not None)
        if authorized_clients is not None and server_keys is None:
            raise ValueError("authorized_clients needs server_keys: client keys are checked in the Curve handshake")
        if workers < 1:
            raise ValueError(f"workers={workers}; at least 1 is needed")
        self._backend = backend
        self._limits = limits
        self._workers = workers
        self._queue: queue.Queue[tuple[bytes, PlanRequest, float]] = queue.Queue(max_queued)
        self._outbox: queue.SimpleQueue[tuple[bytes, list[bytes | memoryview]]] = queue.SimpleQueue()
        self._wake_read, self._wake_write = os.pipe()  # lets workers and stop() interrupt the socket poll
        os.set_blocking(self._wake_write, False)
        self._wake_lock = threading.Lock()  # a wake never writes to the pipe once closed (its number may be reused)
        self._stopping = threading.Event()
        self._counts: Counter[str] = Counter()
        self._counts_lock = threading.Lock()
        self._started = time.monotonic()
        self._context = zmq.Context()  # its own: a ZAP authenticator applies to a whole context
        self._authenticator: ThreadAuthenticator | None = None
        self._socket = self._context.socket(zmq.ROUTER)
        self._socket.linger = 0
        self._socket.maxmsgsize = TRANSPORT_CAP_FACTOR * limits.max_total_bytes
        try:
            if authorized_clients is not None:
                self._authenticator = start_authenticator(self._context, authorized_clients)
            if server_keys is not None:
                configure_server(self._socket, server_keys)
            self._socket.bind(bind)
        except zmq.ZMQError as exc:
            self._close()
            raise OSError(f"cannot bind the reasoning service to {bind!r}: {exc}") from exc
        except BaseException:
            self._close()
            raise
        self.endpoint: str = self._socket.last_endpoint.decode()

    def run(self) -> None:
        """Serve until :meth:`stop` is called (from another thread or a signal handler); then close."""
        for index in range(self._workers):
            threading.Thread(target=self._work, name=f"reasoner-worker-{index}", daemon=True).start()
        poller = zmq.Poller()
        poller.register(self._socket, zmq.POLLIN)
        poller.register(self._wake_read, zmq.POLLIN)
        log.info("reasoning service (%s backend) on %s", self._backend.name, self.endpoint)
        try:
            while not self._stopping.is_set():
                ready = dict(poller.poll(_SIGNAL_CHECK_MS))
                if self._wake_read in ready:
                    os.read(self._wake_read, 4096)
                if self._socket in ready:
                    self._receive()
                self._flush_outbox()
        finally:
            self._close()

    def stop(self) -> None:
        """Ask :meth:`run` to return; safe from any thread and from a signal handler."""
        self._stopping.set()
        self._wake()

    def stats(self) -> dict[str, Any]:
        """Counters since start: messages received, dropped (malformed, oversized), busy refusals,
        expired requests, replies the client was not reading (unsent) and replies by status."""
        with self._counts_lock:
            counts = dict(self._counts)
        replies = {k.removeprefix("reply_"): v for k, v in counts.items() if k.startswith("reply_")}
        return {
            "backend": self._backend.name,
            "uptime_s": time.monotonic() - self._started,
            "queued": self._queue.qsize(),
            **{k: counts.get(k, 0) for k in ("received", "malformed", "oversized", "busy", "expired", "unsent")},
            "replies": replies,
        }

    def _count(self, key: str) -> None:
        with self._counts_lock:
            self._counts[key] += 1

    def _wake(self) -> None:
        """Interrupt :meth:`run`'s poll. Never waits (stop() may run in a signal handler): a wake or a close under
        way in another thread makes this one needless."""
        if not self._wake_lock.acquire(blocking=False):
            return
        try:
            if self._wake_write >= 0:  # not closed: a worker may finish, or stop() be called, after run() ended
                with contextlib.suppress(BlockingIOError):  # the pipe is full of wake-ups already
                    os.write(self._wake_write, b"\0")
        finally:
            self._wake_lock.release()

    def _receive(self) -> None:
        for _ in range(_RECV_BATCH):
            try:
                frames = self._socket.recv_multipart(zmq.NOBLOCK, copy=False)
            except zmq.Again:
                return
            self._count("received")
            self._handle(frames[0].bytes, frames[1:])

    def _handle(self, identity: bytes, frames: list[zmq.Frame]) -> None:
        try:
            message = wire.decode(frames, self._limits)
            if message.kind == STATS_REQUEST:
                self._outbox.put((identity, wire.encode(STATS_REPLY, self.stats(), limits=self._limits)))
                return
            if message.kind != PLAN_REQUEST:
                raise wire.WireError(f"message kind {message.kind!r}; accepted: {PLAN_REQUEST}, {STATS_REQUEST}")
            request = PlanRequest.model_validate(message.data)
        except wire.WireLimitError as exc:
            self._count("oversized")
            log.debug("dropped an oversized message: %s", exc)
            return
        except (wire.WireError, ValidationError) as exc:
            self._count("malformed")
            log.debug("dropped a malformed message: %s", exc)
            return
        try:
            self._queue.put_nowait((identity, request, time.monotonic()))
        except queue.Full:
            self._count("busy")
            busy = PlanReply(request_id=request.request_id, status="error", backend=self._backend.name,
                             message=f"service busy: {self._queue.maxsize} requests queued; retry later")
            self._outbox.put((identity, wire.encode(PLAN_REPLY, busy.model_dump(mode="json"), limits=self._limits)))

    def _work(self) -> None:
        while not self._stopping.is_set():
            try:
                identity, request, received = self._queue.get(timeout=_WORKER_POLL_S)
            except queue.Empty:
                continue
            if time.monotonic() - received > request.timeout_s:
                self._count("expired")  # the client has given up on it: spend nothing on it
                continue
            start = time.perf_counter()
            try:
                reply = self._backend.plan(request)
            except Exception as exc:  # a backend is plug-in code: whatever it raises becomes an error reply
                log.exception("backend %s failed", self._backend.name)
                reply = PlanReply(request_id=request.request_id, status="error", backend=self._backend.name,
                                  message=f"{type(exc).__name__}: {exc}")
            reply = reply.model_copy(update={"request_id": request.request_id,
                                             "compute_s": time.perf_counter() - start})
            self._count(f"reply_{reply.status}")
            self._outbox.put((identity, wire.encode(PLAN_REPLY, reply.model_dump(mode="json"), limits=self._limits)))
            self._wake()

    def _flush_outbox(self) -> None:
        while True:
            try:
                identity, frames = self._outbox.get_nowait()
            except queue.Empty:
                return
            try:
                self._socket.send_multipart([identity, *frames], zmq.NOBLOCK, copy=False)
            except zmq.Again:  # that client's queue is full: it is not reading, drop the reply
                self._count("unsent")

    def _close(self) -> None:
        self._socket.close(linger=0)
        if self._authenticator is not None:
            self._authenticator.stop()
        self._context.term()
        with self._wake_lock:
            os.close(self._wake_read)
            os.close(self._wake_write)
            self._wake_read = self._wake_write = -1
