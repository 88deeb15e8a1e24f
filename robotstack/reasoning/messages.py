"""What the on-board client asks the reasoning tier, and what it gets back.

Both travel as the ``data`` of a :mod:`robotstack.wire` message (kinds below) and are re-validated on
arrival, so either side may be a different program as long as it speaks this schema.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from robotstack.reasoning.plan import Plan, PlanStep, SceneSummary
from robotstack.skills import SKILLS
from robotstack.wire import WireLimits

DEFAULT_ENDPOINT = "tcp://127.0.0.1:5555"

PLAN_REQUEST = "plan_request"
PLAN_REPLY = "plan_reply"
STATS_REQUEST = "stats_request"
STATS_REPLY = "stats_reply"

REASONING_LIMITS = WireLimits(max_header_bytes=64 * 1024, max_frames=1, max_total_bytes=64 * 1024)
"""Requests and replies are text only: one header frame, no arrays, small."""

MAX_MESSAGE_CHARS = 2000

ReplyStatus = Literal["ok", "clarify", "invalid", "error", "timeout", "unavailable"]
"""ok: a validated plan. clarify: the instruction is ambiguous; ``message`` asks which. invalid: no
valid plan (unparseable instruction, or a backend answer that failed validation). error: the backend
failed or the service was busy. Set by the client only: timeout (no reply in time after all retries)
and unavailable (not sent: circuit open or too many requests in flight)."""


class PlanRequest(BaseModel):
    """An instruction the on-board router could not ground, with what the reasoner needs to plan it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    instruction: str = Field(min_length=1, max_length=2000)
    scene: SceneSummary
    skills: dict[str, list[str]] = Field(default_factory=lambda: {k: list(v) for k, v in SKILLS.items()})
    failed: list[PlanStep] = Field(default_factory=list, max_length=32)
    """Subtasks the policy tried and failed, oldest first (a replanning hint)."""
    request_id: str = Field(default="", max_length=64)
    """Assigned by the client on submit."""
    timeout_s: float = Field(default=5.0, gt=0, le=600)
    """How long the client waits; the service skips a request that waited longer than this in its queue."""

    @field_validator("skills")
    @classmethod
    def _known_skills(cls, skills: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, args in skills.items():
            if name not in SKILLS or tuple(args) != SKILLS[name]:
                raise ValueError(
                    f"skill {name}({', '.join(args)}) is not in the vocabulary; accepted: "
                    f"{ {k: list(v) for k, v in SKILLS.items()} }"
                )
        return skills


class PlanReply(BaseModel):
    """The answer to one :class:`PlanRequest`; ``plan`` is set exactly when ``status`` is ``ok``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    request_id: str = Field(max_length=64)
    status: ReplyStatus
    plan: Plan | None = None
    message: str = ""
    backend: str = Field(default="", max_length=64)
    tokens_in: int = Field(default=0, ge=0, le=100_000_000)  # bounded: a reply's counts feed the run's cost estimate
    tokens_out: int = Field(default=0, ge=0, le=100_000_000)
    compute_s: float = Field(default=0.0, ge=0)
    """Time the backend spent (service side)."""
    latency_s: float = Field(default=0.0, ge=0)
    """Submit to delivery, including retries and emulated latency (client side)."""
    attempts: int = Field(default=0, ge=0)
    """Sends made for this request (client side)."""

    @field_validator("message", mode="before")
    @classmethod
    def _bounded_message(cls, message: object) -> object:
        """Backend errors can quote model output; keep replies small instead of refusing them."""
        if isinstance(message, str) and len(message) > MAX_MESSAGE_CHARS:
            return message[: MAX_MESSAGE_CHARS - 3] + "..."
        return message

    @model_validator(mode="after")
    def _plan_iff_ok(self) -> PlanReply:
        if (self.status == "ok") != (self.plan is not None):
            must = "must" if self.status == "ok" else "must not"
            raise ValueError(f"a reply with status {self.status!r} {must} carry a plan")
        return self
