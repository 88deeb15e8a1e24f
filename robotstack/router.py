"""The on-board router: run an instruction locally when it grounds in the policy's skills, else escalate.

Grounding has two parts. *Meaning*: the instruction's MiniLM embedding must be close (cosine at least a
calibrated threshold) to the phrasing of some subtask the scene allows. *Structure*: the colours it names,
in order, must be exactly that subtask's arguments (an embedding barely tells "red ring on the blue peg"
from "blue ring on the red peg"; word order does). *Words*: an embedding hardly reads the verb ("unplug the
cable", "don't plug the cable in" and "take the red ring off the blue peg" all ground above the threshold), so no
negation or condition, no word the rules planner's lexicon does not know or refuses, and the rules planner's reading
of the words must be the grounded subtask. Grounded single-step instructions run at once; multi-step, ungrounded
or ambiguous ones go to the reasoning tier. The fallback for when tier 2 is late, down or wrong is the plan the rules
planner reads on the board (it runs here anyway, to check the grounding), validated against the scene as tier 2's
are, or nothing where the rules ask, refuse or read no plan. A subtask that stalls (the hand has not moved for a
while) is escalated too; see :class:`StallMonitor`.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from robotstack.reasoning.backends.rules import Unresolved, refused_words, rules_plan, unknown_words
from robotstack.reasoning.plan import PlanError, SceneSummary
from robotstack.skills import (
    COLORS,
    OBJECT_NOUNS,
    Subtask,
    negation_words,
    split_self_correction,
    standard_colours,
)

DEFAULT_THRESHOLD = 0.52
"""Cosine similarity an instruction needs to its best subtask phrasing. Calibrated with `calibrate_threshold`
on 8 paraphrases (lowest 0.715) and 7 unrelated instructions (highest 0.330): the midpoint (tests/test_router.py)."""

_STEP_SPLIT = re.compile(r"\s*(?:,|;)?\s*\b(?:and then|then|after that|afterwards|finally|next)\b\s*", re.IGNORECASE)
_COLOR = re.compile(r"\b(" + "|".join(COLORS) + r")\b", re.IGNORECASE)
# Words that order steps without splitting the sentence where "then" does ("after plugging the cable in, move ...").
_ORDER_CUE = re.compile(r"\b(?:before|after|once|first(?:ly)?|second(?:ly)?|lastly|followed\s+by|as\s+well\s+as)\b",
                        re.IGNORECASE)
# What each skill acts on: an instruction grounded in one skill that also names the other's objects says more.
_OTHER_SKILL_WORDS = {
    "place_ring": OBJECT_NOUNS["cable"] | OBJECT_NOUNS["socket"] | {"plugging", "connect", "connecting"},
    "plug_cable": OBJECT_NOUNS["ring"] | (OBJECT_NOUNS["peg"] - {"stick", "pin"}),  # "stick the plug in"
}


def scene_subtasks(scene: SceneSummary) -> list[Subtask]:
    """Every subtask the scene allows (the same scene summary the reasoning tier receives)."""
    out = [Subtask("place_ring", {"ring": r, "peg": p}) for r in scene.rings for p in scene.pegs]
    return out + ([Subtask("plug_cable")] if scene.cable and scene.socket else [])


@dataclass
class RouteDecision:
    local: bool
    subtasks: list[Subtask]  # run locally: the grounding; escalated: the fallback (the board's rules plan, or none)
    reason: str
    similarity: float = 0.0


@dataclass
class Router:
    encoder: Callable[[str], np.ndarray]
    threshold: float = DEFAULT_THRESHOLD
    _phrasings: dict[Subtask, np.ndarray] = field(default_factory=dict)

    def route(self, instruction: str, scene: SceneSummary) -> RouteDecision:
        instruction = standard_colours(instruction)
        parts = [p for p in _STEP_SPLIT.split(instruction.strip().rstrip(".")) if p.strip()]
        if not parts:
            return RouteDecision(False, [], "empty instruction")
        try:
            fallback = rules_plan(instruction, scene).subtasks()
        except (Unresolved, PlanError):  # the rules ask, read no plan, or one the scene refuses: nothing runs
            fallback = []
        if split_self_correction(instruction):
            return RouteDecision(False, fallback, "self-correction: the reasoning tier reads what was meant")
        if negations := negation_words(instruction):
            # "don't plug the cable in" embeds next to "plug the cable in": never grounded by similarity
            return RouteDecision(False, fallback, f"negated or conditional: {', '.join(negations)}; the reasoning "
                                                  "tier reads it")
        if refused := refused_words(instruction):
            # "unplug the cable", "take the red ring off the blue peg": close to a skill's phrasing, not its meaning
            return RouteDecision(False, fallback, f"says what the skills do not do: "
                                                  f"{', '.join(dict.fromkeys(refused))}; the reasoning tier reads it")
        unknown = list(dict.fromkeys(unknown_words(instruction)))
        grounded, worst = [], 1.0
        for part in parts:
            subtask, sim, why = self.ground(part, scene)
            worst = min(worst, sim)
            if subtask is None:
                return RouteDecision(False, fallback, f"{why}: {part!r}", worst)
            grounded.append(subtask)
        agreed = fallback == grounded
        if len(grounded) > 1:
            return RouteDecision(False, fallback, "multi-step: the reasoning tier plans it", worst)
        raw = re.findall(r"[a-z]+", instruction.lower())
        words = {*raw, *(w[:-1] for w in raw if w.endswith("s"))}  # plurals too
        if _ORDER_CUE.search(instruction) or words & _OTHER_SKILL_WORDS[grounded[0].skill]:
            return RouteDecision(False, fallback, "multi-step: one sentence that orders steps or names another "
                                                  "skill's objects; the reasoning tier plans it", worst)
        if unknown:
            return RouteDecision(False, fallback, f"words outside the skill lexicon: {', '.join(unknown)}; the "
                                                  "reasoning tier reads it", worst)
        if not agreed:  # "grab the cable": near "plug in the cable", but no plugging is said
            return RouteDecision(False, fallback, "the words do not say what the phrasing it is near does; the "
                                                  "reasoning tier reads it", worst)
        return RouteDecision(True, grounded, "grounded", worst)

    def ground(self, text: str, scene: SceneSummary) -> tuple[Subtask | None, float, str]:
        """The subtask one step of an instruction means, its similarity, and why not when there is none."""
        candidates = scene_subtasks(scene)
        if not candidates:
            return None, 0.0, "nothing in the scene to act on"
        query = self.encoder(text)
        scored = sorted(((float(np.max(self._embeddings(c) @ query)), c) for c in candidates), key=lambda x: -x[0])
        best_sim, best = scored[0]
        if best_sim < self.threshold:
            return None, best_sim, f"ungrounded (similarity {best_sim:.2f} < {self.threshold:.2f})"
        colors = [c.lower() for c in _COLOR.findall(text)]
        if best.skill == "place_ring":
            # Structure decides the arguments: exactly two colours, ring first, both present in the scene.
            if len(colors) != 2:
                return None, best_sim, "ambiguous: a ring placement needs a ring colour and a peg colour"
            target = Subtask("place_ring", {"ring": colors[0], "peg": colors[1]})
            if target not in candidates:
                return None, best_sim, f"no {colors[0]} ring and {colors[1]} peg in this scene"
            return target, best_sim, "grounded"
        if colors:
            return None, best_sim, "ambiguous: colours named for a skill that takes none"
        return best, best_sim, "grounded"

    def _embeddings(self, subtask: Subtask) -> np.ndarray:
        cached = self._phrasings.get(subtask)
        if cached is None:
            cached = np.stack([self.encoder(text) for text in subtask.phrasings()])
            self._phrasings[subtask] = cached
        return cached


def calibrate_threshold(encoder: Callable[[str], np.ndarray], positives: Iterable[tuple[str, Subtask]],
                        negatives: Iterable[str], scene: SceneSummary) -> tuple[float, float, float]:
    """(threshold, lowest positive similarity, highest negative similarity): the threshold sits midway."""
    router = Router(encoder, threshold=-1.0)
    pos = [float(np.max(router._embeddings(s) @ encoder(t))) for t, s in positives]
    neg = [max(float(np.max(router._embeddings(c) @ encoder(t))) for c in scene_subtasks(scene)) for t in negatives]
    low, high = min(pos), max(neg)
    return (low + high) / 2, low, high


class StallMonitor:
    """Flags a subtask as stalled when the hand has moved less than ``min_motion_m`` over ``window_s``."""

    def __init__(self, window_s: float = 4.0, control_hz: float = 20.0, min_motion_m: float = 0.005) -> None:
        self.positions: deque[np.ndarray] = deque(maxlen=max(2, int(window_s * control_hz)))
        self.min_motion = min_motion_m

    def update(self, ee_pos: np.ndarray) -> bool:
        self.positions.append(np.asarray(ee_pos, dtype=float).copy())
        if len(self.positions) < self.positions.maxlen:
            return False
        span = np.ptp(np.stack(self.positions), axis=0)
        return bool(np.linalg.norm(span) < self.min_motion)

    def reset(self) -> None:
        self.positions.clear()
