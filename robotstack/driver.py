"""Drive the policy subtask by subtask: route the instruction, ask the reasoning tier when needed, watch
progress with what the board can see, and escalate a subtask that stalls.

The loop asks :meth:`InstructionDriver.conditioning` every tick for the embedding to condition the policy
on; ``None`` means "hold" (waiting for a plan, or none could be made). A tick without proprioception (no usable
frame) keeps the current subtask: progress cannot be judged, but nothing has changed. The last subtask stays
engaged until the episode ends. Between subtasks the hand first goes back to where it was when the
instruction arrived (:mod:`robotstack.ready_pose`), the pose every skill was learned from; so it does, and the
subtask starts again, when the fingers have stayed shut on nothing (:class:`MissedGrasp`). A plug grasped across its
corners is let go and grasped again with the wrist turned (:mod:`robotstack.regrasp`). Nothing here blocks:
the reasoning client is polled, never waited on. Completion of a subtask is read off proprioception (no simulator
state): a grasp (the fingers stopped by an object), then a release, then (for a ring, not a plug) the hand rising
clear; a plug with a subtask after it is done as soon as it has bottomed in the socket. A ring read done whose ring
the front camera then does not see on its peg, once the hand is back, is started again
(:mod:`robotstack.placement`).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from pydantic import ValidationError

from robotstack.loop import ScriptedStep
from robotstack.placement import PlacementCheck
from robotstack.policy import STATE_EE_POS, STATE_EE_Z, STATE_GRIPPER_OPENING
from robotstack.ready_pose import LET_GO_M, ReadyPose
from robotstack.regrasp import Regrasp
from robotstack.reasoning.client import ReasonerClient
from robotstack.reasoning.messages import PlanRequest
from robotstack.reasoning.plan import PlanStep, SceneSummary
from robotstack.router import Router, StallMonitor
from robotstack.skills import Subtask



@dataclass
class SubtaskProgress:
    """grasp -> release -> rise: the visible signature of a finished pick-and-place. An insertion ends at the
    release, or once the held plug has bottomed in its socket (``insertion``: the hand, having come down at least
    ``descent_m`` since the fingers closed, has held its height within ``settle_m`` for ``settle_ticks``, no higher
    than ``seated_z``)."""

    holding_min: float = 0.005  # opening between these while closed means an object stops the fingers
    holding_max: float = 0.04
    released: float = LET_GO_M
    rise_m: float = 0.03
    confirm_ticks: int = 3
    insertion: bool = False
    descent_m: float = 0.02
    settle_m: float = 0.001
    settle_ticks: int = 5
    # The hand's height over a pin bottomed in the socket: 40.0-40.5 mm in all 18 seated plugs of 24 first-step plugs
    # read done in stop 46's two-step traces (the socket is a fixture of the workcell, like the table). The 3 hands
    # that stopped higher (45.6, 92.7 and 157 mm) held a pin on the mouth or above it, none seated.
    seated_z: float = 0.043
    _phase: str = "approach"
    _count: int = 0
    _release_z: float = 0.0
    _top_z: float = -np.inf
    _settled_z: float = np.inf
    _settle_count: int = 0

    @classmethod
    def of(cls, subtask: Subtask, last: bool) -> "SubtaskProgress":
        """A plug with a subtask after it is done once let go or once it has bottomed in the socket: the plug
        student, never shown what follows a seat (its demonstrations end there), goes on pressing and drifts
        sideways about a millimetre a tick, and in 6 of 25 plug-first episodes dragged a seated plug out before
        the hand stood still (stop 42, ad hoc traces). A jammed plug looks the same: the hand stops at the
        workspace's floor either way (7 of 25 plug-first episodes moved past a plug that never seated, stop 42).
        A last plug keeps the full signature: nothing waits for it, and a hand stopped on a plug that is not seated
        is left to the policy (backing it out for another try changed no episode, stop 43: the student came back
        down to the same spot). A ring still has to drop down its peg: done once the hand has risen
        clear, so the next move cannot sweep it off."""
        return cls(insertion=subtask.skill == "plug_cable" and not last)

    def update(self, state: np.ndarray) -> bool:
        opening, z = float(state[STATE_GRIPPER_OPENING]), float(state[STATE_EE_Z])
        if self._phase == "approach":
            self._count = self._count + 1 if self.holding_min < opening < self.holding_max else 0
            if self._count >= self.confirm_ticks:
                self._phase, self._count = "holding", 0
        elif self._phase == "holding" and opening > self.released:
            self._phase, self._release_z = ("done" if self.insertion else "released"), z
        elif self._phase == "holding" and self.insertion and self.holding_min < opening < self.holding_max \
                and self._bottomed(z) and z <= self.seated_z:
            self._phase = "done"
        elif self._phase == "released" and z > self._release_z + self.rise_m:
            self._phase = "done"
        return self._phase == "done"

    def _bottomed(self, z: float) -> bool:
        """Whether the held hand came down ``descent_m`` from its highest and has since kept its height."""
        self._top_z = max(self._top_z, z)
        if abs(z - self._settled_z) > self.settle_m:
            self._settled_z, self._settle_count = z, 0
        self._settle_count += 1
        return self._top_z - z >= self.descent_m and self._settle_count >= self.settle_ticks


@dataclass
class MissedGrasp:
    """Fingers closed on nothing for ``ticks`` in a row: a grasp that missed, and a policy that has lost the thread
    (the shipped students then wander with shut fingers for the rest of the episode: 4 of 14 failed language
    episodes and 2 of 4 failed ring episodes, seeds 1000000-059, stop 42; a student that recovers reopens within
    about 25 ticks). Says so at most ``retries`` times per subtask."""

    empty_m: float = SubtaskProgress.holding_min  # an opening below this holds nothing
    ticks: int = 40
    retries: int = 2
    _count: int = 0
    _used: int = 0

    def update(self, state: np.ndarray) -> bool:
        self._count = self._count + 1 if float(state[STATE_GRIPPER_OPENING]) < self.empty_m else 0
        if self._count < self.ticks or self._used >= self.retries:
            return False
        self._count, self._used = 0, self._used + 1
        return True

    def next_subtask(self) -> None:
        self._count = self._used = 0


@dataclass
class CornerGrasp:
    """Fingers come to rest on something ``corner_m`` apart or wider (and under ``holding_max``): a plug held across
    its corners (why: :mod:`robotstack.regrasp`, which grasps it again). Watches the first grasp of a subtask only;
    says so at most ``retries`` times per subtask.
    ``grasp_z``: the hand's height when the opening first came under ``holding_max`` in the grasp just told."""

    corner_m: float = 0.0285  # across the corners 31 mm, square 22 mm; settled at 28 mm, the fingers are 17 degrees off
    holding_min: float = SubtaskProgress.holding_min  # fingers stopped by an object, as progress reads them
    holding_max: float = SubtaskProgress.holding_max
    settle_m: float = 0.0005  # the opening changes less than this per tick: the fingers have stopped on it
    settle_ticks: int = 3
    retries: int = 1
    grasp_z: float = math.nan
    _count: int = 0
    _last: float = math.inf
    _used: int = 0
    _watching: bool = True

    def update(self, state: np.ndarray) -> bool:
        opening = float(state[STATE_GRIPPER_OPENING])
        closed_on_something = self.holding_min < opening < self.holding_max
        if closed_on_something and not self.holding_min < self._last < self.holding_max:
            self.grasp_z = float(state[STATE_EE_Z])
        settled = closed_on_something and abs(opening - self._last) < self.settle_m
        self._last = opening
        self._count = self._count + 1 if settled else 0
        if not self._watching or self._used >= self.retries or self._count < self.settle_ticks:
            return False
        self._watching = False  # a grasp has settled: the next one is watched only after a regrasp
        if opening < self.corner_m:
            return False
        self._used += 1
        return True

    def regrasped(self) -> None:
        """Watch the grasp the regrasp makes."""
        self._watching, self._count, self._last = True, 0, math.inf

    def next_subtask(self) -> None:
        self._watching, self._count, self._last, self._used = True, 0, math.inf, 0


@dataclass
class DriverMetrics:
    escalations: int = 0
    reasons: Counter = field(default_factory=Counter)
    replies: Counter = field(default_factory=Counter)  # by status
    tier2_latency_s: list[float] = field(default_factory=list)
    ticks_to_first_action: int | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    completed: list[str] = field(default_factory=list)
    completed_ticks: list[int] = field(default_factory=list)  # the driver's tick at which each was read as done
    ready_returns: list[int] = field(default_factory=list)  # ticks each move back to the ready pose took (any cause)
    ready_timeouts: int = 0  # moves that gave up short of the pose (the policy then starts from where the hand got)
    missed_grasp_retries: int = 0  # subtasks started again from the ready pose after the fingers closed on nothing
    placement_retries: int = 0  # ring subtasks read done, not seen on their peg, and started again
    corner_regrasps: int = 0  # plugs held across their corners, let go and grasped again with the wrist turned


class InstructionDriver:
    """One instruction's life: plan (locally or via tier 2), then its subtasks one after the other."""

    def __init__(self, router: Router, encoder: Callable[[str], np.ndarray], scene: SceneSummary,
                 client: ReasonerClient | None = None, stall: StallMonitor | None = None,
                 clock: Callable[[], float] = time.monotonic, ready_between_subtasks: bool = True,
                 missed_grasp: MissedGrasp | None = None, placement: PlacementCheck | None = PlacementCheck(),
                 placement_retries: int = 2, regrasp_corners: bool = True) -> None:
        self.router, self.encoder, self.scene, self.client = router, encoder, scene, client
        self.ready_between_subtasks = ready_between_subtasks
        self.missed_grasp = missed_grasp or MissedGrasp()
        self.placement = placement  # None: a subtask read done from proprioception is done
        self.placement_retries = placement_retries  # per subtask of an instruction
        self.corner_grasp = CornerGrasp() if regrasp_corners else None  # watches a plug subtask's grasps
        self.stall = stall or StallMonitor()
        self.clock = clock
        self.metrics = DriverMetrics()
        self.plan: list[Subtask] = []
        self.status = "idle"  # planning | acting | failed
        self._fallback: list[Subtask] = []
        self._pending: tuple[str, float] | None = None
        self._failed: list[PlanStep] = []
        self._done: list[Subtask] = []
        self._progress = SubtaskProgress()
        self._final_signature_seen = False
        self._tick = 0
        self._ready: ReadyPose | None = None  # where the hand was at the first usable frame
        self._returning: ReadyPose | None = None  # the move back to it, while one is under way
        self._regrasping: Regrasp | None = None  # a plug grasped again, while that is under way
        self._images: dict[str, np.ndarray] | None = None  # the newest usable frame's
        self._unverified: Subtask | None = None  # a ring read done, to be looked at once the hand is back
        self._placement_tries: Counter = Counter()  # placement retries so far, by subtask phrase

    @property
    def current(self) -> Subtask | None:
        return self.plan[0] if self.status == "acting" and self.plan else None

    def start(self, instruction: str) -> None:
        self.finish()  # a new instruction replaces one still waiting for its plan
        self.instruction = instruction
        decision = self.router.route(instruction, self.scene)
        if decision.local:
            self._act(decision.subtasks)
        else:
            self._escalate(decision.reason, decision.subtasks)

    def finish(self) -> None:
        """Give up on a plan still asked of tier 2 (the episode ended, or another instruction came): the client
        frees its place in flight, so requests nobody waits for never crowd out the next escalation."""
        if self._pending is not None and self.client is not None:
            self.client.cancel(self._pending[0])
            self.metrics.replies["cancelled"] += 1
        self._pending = None

    def conditioning(self, state: np.ndarray | None, images: dict[str, np.ndarray] | None = None
                     ) -> np.ndarray | ScriptedStep | None:
        """The embedding to condition the policy on this tick, a step back to the ready pose, or None to hold.
        ``state`` None (no usable frame this tick): the current subtask's, unjudged (or a hold while returning).
        ``images``: the frame's camera images, for the placement check (None: the check cannot tell)."""
        self._tick += 1
        if state is not None:
            self._images = images
        if self._ready is None and state is not None:
            self._ready = ReadyPose.of(state)
        if self.status == "planning":
            self._poll()
        if self.status != "acting":
            return None
        if self._returning is not None:
            # Steered from proprioception: without it, hold.
            return self._return_step(state) if state is not None else None
        if self._regrasping is not None:
            return self._regrasp_step(state) if state is not None else None
        if state is None:
            return self._embedding
        if self._final_signature_seen:
            pass
        elif self.corner_grasp is not None and self.plan[0].skill == "plug_cable" and self.corner_grasp.update(state):
            self.metrics.corner_regrasps += 1
            self._regrasping = Regrasp.of(state, self.corner_grasp.grasp_z)
            return self._regrasp_step(state)
        elif self._progress.update(state):
            if len(self.plan) == 1:
                # The last subtask keeps the policy engaged until the episode ends: from proprioception a
                # dropped ring looks like a placed one, and freezing the arm would forfeit the retry; a policy
                # that sees its work done retreats by itself (as the experts it learned from do).
                self._final_signature_seen = True
                self.metrics.completed.append(self.plan[0].phrase())
                self.metrics.completed_ticks.append(self._tick)
            else:
                finished = self.plan.pop(0)
                self._done.append(finished)
                self.metrics.completed.append(finished.phrase())
                self.metrics.completed_ticks.append(self._tick)
                self._watch_current(new_subtask=True)
                self._embedding = self.encoder(self.plan[0].phrase())
                if self.placement is not None and finished.skill == "place_ring":
                    self._unverified = finished
                if self._can_return:
                    return self._return_to_ready(state)
                self._verify_placement()
        elif self._can_return and self.missed_grasp.update(state):
            # Fingers shut on nothing, the policy lost: start the subtask again from where every skill was learned.
            self.metrics.missed_grasp_retries += 1
            self._watch_current(new_subtask=False)
            return self._return_to_ready(state)
        elif self.stall.update(state[STATE_EE_POS]):
            self._failed.append(PlanStep.from_subtask(self.plan[0]))
            self._escalate("stalled", self.plan)
            return None
        if self.metrics.ticks_to_first_action is None:
            self.metrics.ticks_to_first_action = self._tick
        return self._embedding

    @property
    def _can_return(self) -> bool:
        """Whether moves back to the ready pose are on and the pose is known (the first usable frame's)."""
        return self.ready_between_subtasks and self._ready is not None

    def _watch_current(self, new_subtask: bool) -> None:
        """Fresh watches on the current subtask: its completion and its stall, and for a new one its retries."""
        self._progress = self._current_progress()
        self.stall.reset()
        if new_subtask:
            self.missed_grasp.next_subtask()
            if self.corner_grasp is not None:
                self.corner_grasp.next_subtask()

    def _return_to_ready(self, state: np.ndarray) -> np.ndarray | ScriptedStep:
        """Start the move back to the ready pose; this tick's step of it."""
        self._returning = ReadyPose(self._ready.position, self._ready.yaw)
        return self._return_step(state)

    def _return_step(self, state: np.ndarray) -> np.ndarray | ScriptedStep:
        """A step of the move back to the ready pose; once there, the next subtask's embedding."""
        if (step := self._returning.action(state)) is not None:
            return ScriptedStep(step)
        self.metrics.ready_returns.append(self._returning.ticks)
        self.metrics.ready_timeouts += self._returning.timed_out
        self._returning = None
        self.stall.reset()
        self._verify_placement()
        return self._embedding

    def _regrasp_step(self, state: np.ndarray) -> np.ndarray | ScriptedStep:
        """A step of the regrasp; once done, the subtask's embedding again, its grasp watched afresh (the fingers
        opened: to the progress watch that was no release)."""
        if (step := self._regrasping.action(state)) is not None:
            return ScriptedStep(step)
        self._regrasping = None
        self.corner_grasp.regrasped()
        self._progress = self._current_progress()
        self.stall.reset()
        return self._embedding

    def _verify_placement(self) -> None:
        """A ring read done that the front camera sees off its peg is not done: it becomes the current subtask
        again (at most ``placement_retries`` times); one it cannot tell about stays done."""
        subtask, self._unverified = self._unverified, None
        if subtask is None or self.placement.ring_on_peg(self._images, subtask) is not False:
            return
        if self._placement_tries[subtask.phrase()] >= self.placement_retries:
            return
        self._placement_tries[subtask.phrase()] += 1
        self.metrics.placement_retries += 1
        self.plan.insert(0, self._done.pop())
        self.metrics.completed.pop()
        self.metrics.completed_ticks.pop()
        self._embedding = self.encoder(subtask.phrase())
        self._watch_current(new_subtask=False)

    def _act(self, subtasks: list[Subtask]) -> None:
        self._returning = None
        self._regrasping = None
        self._unverified = None
        self.plan, self.status = list(subtasks), "acting" if subtasks else "failed"
        self._embedding = self.encoder(self.plan[0].phrase()) if self.plan else None
        self._watch_current(new_subtask=True)
        self._final_signature_seen = False

    def _current_progress(self) -> SubtaskProgress:
        """A fresh watch on the current subtask's completion (a plain one while there is none)."""
        return SubtaskProgress.of(self.plan[0], last=len(self.plan) == 1) if self.plan else SubtaskProgress()

    def _escalate(self, reason: str, fallback: list[Subtask]) -> None:
        self.metrics.escalations += 1
        self.metrics.reasons[reason.split(":")[0]] += 1
        self._fallback = list(fallback)
        if self.client is None:
            self._act(self._fallback)  # no tier 2 on this robot: the local grounding or nothing
            return
        done = [PlanStep.from_subtask(s) for s in self._done]
        try:
            request = PlanRequest(instruction=self.instruction, scene=self.scene.model_copy(update={"done": done}),
                                  failed=self._failed)
        except ValidationError:  # e.g. an instruction longer than the wire format carries: tier 2 cannot be asked
            self.metrics.replies["unsendable"] += 1
            self._act(self._fallback)
            return
        self._pending = (self.client.submit(request), self.clock())
        self.status = "planning"

    def _poll(self) -> None:
        for reply in self.client.poll():
            if self._pending is None or reply.request_id != self._pending[0]:
                continue
            self.metrics.replies[reply.status] += 1
            self.metrics.tier2_latency_s.append(self.clock() - self._pending[1])
            self.metrics.tokens_in += reply.tokens_in
            self.metrics.tokens_out += reply.tokens_out
            self._pending = None
            if reply.status == "ok" and reply.plan is not None:
                self._act(reply.plan.subtasks())
            elif reply.status == "clarify":
                self._act([])  # tier 2 read it and asks which was meant: the board's own guess is not run either
            else:
                self._act(self._fallback)  # tier 2 late, down or wrong: fall back, or end cleanly if none
