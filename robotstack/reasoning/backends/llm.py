"""What language-model backends share: the prompt, and turning the model's text into a checked reply.

A model's answer is untrusted text: the first JSON object in it is taken, and it must pass
:func:`~robotstack.reasoning.plan.validate_plan` like any other plan; otherwise the reply is
``invalid`` and quotes what the model said, so bad answers are counted, never executed.
"""

from __future__ import annotations

import json
from typing import Any

from robotstack.reasoning.messages import PlanReply, PlanRequest
from robotstack.reasoning.plan import MAX_PLAN_STEPS, validate_plan
from robotstack.skills import COLORS

_SYSTEM_PROMPT = """You plan tasks for a robot arm. Turn the user's instruction into an ordered list of \
steps, using only these skills (skill: arguments): {skills}. Every argument is a colour, one of: {colours}.
Use only objects present in the scene, leave out steps already done, and use at most {max_steps} steps.
Answer with one JSON object and nothing else, either
{{"steps": [{{"skill": "place_ring", "args": {{"ring": "red", "peg": "blue"}}}},
           {{"skill": "plug_cable", "args": {{}}}}]}}
or, if the instruction is ambiguous or impossible in this scene, {{"clarify": "<a short question>"}}."""

QUOTE_CHARS = 300
"""How much of a rejected model answer a reply quotes."""


def build_messages(request: PlanRequest) -> list[dict[str, str]]:
    """Chat messages (system + user) asking for the plan of ``request`` as JSON."""
    skills = "; ".join(f"{name}({', '.join(args)})" for name, args in request.skills.items())
    system = _SYSTEM_PROMPT.format(skills=skills, colours=", ".join(COLORS), max_steps=MAX_PLAN_STEPS)
    user = json.dumps(
        {
            "instruction": request.instruction,
            "scene": request.scene.model_dump(mode="json"),
            "failed_before": [step.model_dump(mode="json") for step in request.failed],
        }
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def extract_json_object(text: str) -> dict[str, Any]:
    """The first JSON object in ``text`` (models wrap answers in prose or code fences)."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
            continue
        if isinstance(value, dict):
            return value
        start = text.find("{", start + 1)
    raise ValueError("no JSON object in the model output")


def reply_from_text(
    request: PlanRequest, text: str, backend: str, *, tokens_in: int, tokens_out: int, compute_s: float
) -> PlanReply:
    """Check a model's answer and wrap it as a reply: ok, clarify, or invalid quoting the answer."""
    common = dict(request_id=request.request_id, backend=backend, tokens_in=tokens_in,
                  tokens_out=tokens_out, compute_s=compute_s)
    try:
        answer = extract_json_object(text)
        if set(answer) == {"clarify"} and isinstance(answer["clarify"], str):
            return PlanReply(status="clarify", message=answer["clarify"], **common)
        plan = validate_plan(answer, request.scene, request.skills)
    except ValueError as exc:  # PlanError is one
        quoted = text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "..."
        return PlanReply(status="invalid", message=f"model answer rejected: {exc}; answer: {quoted!r}", **common)
    return PlanReply(status="ok", plan=plan, **common)
