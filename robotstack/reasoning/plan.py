"""The plan schema, and the check that a plan fits the skill vocabulary and the scene.

Every plan — from the rules, from a local model or from a remote one — passes :func:`validate_plan`
before the on-board loop uses it, so a hallucinated skill, argument or object never reaches the policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from robotstack.skills import COLORS, SKILLS, Subtask

MAX_PLAN_STEPS = 8
"""A plan longer than this is refused: the tasks have a handful of subtasks, a longer list is a runaway."""

Color = Literal[COLORS]  # type: ignore[valid-type]  # the literal values are skills.COLORS


class PlanError(ValueError):
    """A plan that does not fit the vocabulary or the scene; the text names each problem."""


class PlanStep(BaseModel):
    """One subtask as it crosses the wire: a skill of :data:`robotstack.skills.SKILLS` and its colours."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    skill: str = Field(max_length=64)
    args: dict[str, str] = Field(default_factory=dict, max_length=8)

    @model_validator(mode="after")
    def _in_vocabulary(self) -> PlanStep:
        self.to_subtask()  # Subtask's own checks name the skill/argument/colour that is wrong
        return self

    @classmethod
    def from_subtask(cls, subtask: Subtask) -> PlanStep:
        return cls(skill=subtask.skill, args=dict(subtask.args))

    def to_subtask(self) -> Subtask:
        return Subtask(self.skill, dict(self.args))

    def __str__(self) -> str:
        return f"{self.skill}({', '.join(f'{k}={v}' for k, v in sorted(self.args.items()))})"


class SceneSummary(BaseModel):
    """What the on-board side knows of the scene: objects present and subtasks already done."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rings: list[Color] = Field(default_factory=list, max_length=len(COLORS))
    pegs: list[Color] = Field(default_factory=list, max_length=len(COLORS))
    cable: bool = False
    socket: bool = False
    done: list[PlanStep] = Field(default_factory=list, max_length=4 * MAX_PLAN_STEPS)

    @field_validator("rings", "pegs")
    @classmethod
    def _unique(cls, colours: list[str]) -> list[str]:
        if len(set(colours)) != len(colours):
            raise ValueError(f"colours must be unique (subtasks name objects by colour), got {colours}")
        return colours


class Plan(BaseModel):
    """An ordered list of 1..MAX_PLAN_STEPS subtasks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    steps: list[PlanStep] = Field(min_length=1, max_length=MAX_PLAN_STEPS)

    def subtasks(self) -> list[Subtask]:
        return [step.to_subtask() for step in self.steps]

    def __str__(self) -> str:
        return " -> ".join(str(step) for step in self.steps)


def validate_plan(
    obj: Plan | Mapping[str, Any],
    scene: SceneSummary,
    skills: Mapping[str, tuple[str, ...] | list[str]] = SKILLS,
) -> Plan:
    """Return ``obj`` as a :class:`Plan` that the scene and ``skills`` allow, or raise :class:`PlanError`.

    ``skills`` is the vocabulary of the policy on board (a subset of ``SKILLS``). Refused: unknown
    skills or arguments, objects not in the scene, steps already done, a ring placed twice, a second
    plug step.
    """
    try:
        plan = obj if isinstance(obj, Plan) else Plan.model_validate(obj)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'plan'}: {e['msg']}" for e in exc.errors())
        raise PlanError(
            f"not a plan ({problems}); expected {{\"steps\": [{{\"skill\": ..., \"args\": {{...}}}}]}} "
            f"with 1..{MAX_PLAN_STEPS} steps"
        ) from exc
    problems = []
    done = {step.to_subtask() for step in scene.done}
    placed: set[str] = set()
    plugged = False
    for number, step in enumerate(plan.steps, start=1):
        where = f"step {number} {step}"
        if step.skill not in skills:
            problems.append(f"{where}: skill not on board; accepted: {sorted(skills)}")
        if step.to_subtask() in done:
            problems.append(f"{where}: already done")
        if step.skill == "place_ring":
            ring, peg = step.args["ring"], step.args["peg"]
            if ring not in scene.rings:
                problems.append(f"{where}: no {ring} ring in the scene; rings present: {scene.rings}")
            if peg not in scene.pegs:
                problems.append(f"{where}: no {peg} peg in the scene; pegs present: {scene.pegs}")
            if ring in placed:
                problems.append(f"{where}: the {ring} ring is already placed by an earlier step")
            placed.add(ring)
        elif step.skill == "plug_cable":
            if not (scene.cable and scene.socket):
                problems.append(f"{where}: the scene has cable={scene.cable}, socket={scene.socket}; both are needed")
            if plugged:
                problems.append(f"{where}: the cable is already plugged by an earlier step")
            plugged = True
    if problems:
        raise PlanError("; ".join(problems))
    return plan
