"""The skill vocabulary and the instruction grammar shared by the tasks, the router and the reasoning tier.

A *subtask* is one skill with its arguments (``place_ring(ring=red, peg=blue)``, ``plug_cable()``). The
policy is conditioned on a subtask's canonical phrase; a plan is an ordered list of subtasks. This module
has no MuJoCo or torch dependency so the on-board runtime can use it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

COLORS: tuple[str, ...] = ("red", "green", "blue", "yellow", "purple", "orange")
"""Colours rings and pegs may have, with RGBA values in :data:`COLOR_RGBA`."""

COLOR_RGBA: dict[str, tuple[float, float, float, float]] = {
    "red": (0.85, 0.12, 0.12, 1.0),
    "green": (0.15, 0.7, 0.2, 1.0),
    "blue": (0.15, 0.3, 0.9, 1.0),
    "yellow": (0.95, 0.85, 0.1, 1.0),
    "purple": (0.6, 0.2, 0.75, 1.0),
    "orange": (0.98, 0.5, 0.05, 1.0),
}

OBJECT_NOUNS: dict[str, frozenset[str]] = {
    "ring": frozenset({"ring", "hoop", "donut", "doughnut", "loop", "torus", "band", "washer", "collar", "bangle",
                       "circle"}),
    "peg": frozenset({"peg", "post", "pole", "pin", "rod", "stick", "spike", "spindle", "dowel", "stake", "upright"}),
    "cable": frozenset({"cable", "connector", "plug", "wire", "lead", "cord"}),
    "socket": frozenset({"socket", "outlet", "port", "receptacle", "jack"}),
}
"""The words instructions use for each kind of object the skills act on (singular), for the router and the rules
planner alike."""

NEGATION_WORDS: frozenset[str] = frozenset({
    "not", "no", "never", "dont", "don't", "doesn't", "shouldn't", "mustn't", "can't", "cannot", "won't",
    "without", "except", "avoid", "if", "unless", "neither", "nor", "leave", "alone", "ignore", "skip", "stop",
    "none", "nobody",
})
"""Words that negate, condition or withhold an action ("don't plug the cable in", "leave the cable alone"): an
embedding reads past them, so the router never runs such an instruction on the board, and the rules planner reads
them as prohibitions or asks."""

_NEGATING_NOTHING = re.compile(
    r"\bif\s+it's\s+not\s+too\s+much\s+(?:trouble|bother)\b"
    r"|\bif\s+(?:you|u)\s+(?:(?:could|can|would|will|please|like|want|wish)(?![\w'])"
    r"|(?:don't|dont|do\s+not|wouldn't|would\s+not)\s+mind\b)"
    r"|\b(?:don't|dont|do\s+not|never)\s+(?:forget|neglect|fail)\s+(?:to\b)?"
    r"|(?:\b(?:and|then)\s+(?:then\s+)?(?:you\s+can\s+)?stop(?:\s+there)?"
    r"|\b(?:(?:and|then)\s+)?(?:that's|thats|that\s+is)\s+(?:all|it)"
    r"|\b(?:and|then)\s+(?:you're|youre|you\s+are|we're|we\s+are)\s+(?:done|finished)"
    r"(?:\s+for\s+(?:today|now|the\s+day))?"
    r"|\b(?:and|but)\s+nothing\s+(?:else|more)"
    r"|(?:^|(?<=[.!;])|(?<=[.!;]['\"\u201d]))\s*(?:just|only)\s+(?:that|this)(?:\s+one)?(?:\s+thing)?"
    r"(?:\s+(?:please|thanks))?"
    r"|\(\s*(?:do|run|go\s+through)\s+(?:them|these)\s+(?:from\s+)?top\s+to\s+bottom\s*\)"
    r"|\b(?:(?:and|but)\s+)?(?:don't|dont|do\s+not)\s+(?:touch|do|move|change)\s+anything\s+else"
    r"|\b(?:(?:and|but)\s+)?no\s+(?:further|other|more)\s+(?:action|steps?)(?:\s+(?:is\s+|are\s+)?(?:needed|required))?"
    r"|\b(?:(?:run|do|execute|perform|carry\s+out)\s+(?:(?:them|these|it|all|the\s+steps|steps)\s+)?)?in\s+"
    r"(?:(?:that|this|the\s+same|the\s+given|the\s+listed|the\s+written|the\s+stated)\s+order"
    r"|the\s+order\s+(?:listed|given|shown|written|stated)(?:\s+above)?|the\s+order\s+of\s+the\s+(?:list|steps|items)))"
    r"(?:\s*,?\s*(?:please|pls|plz|thanks|thx|ty)\b)?(?=\s*(?:[.!,;:)]|$))", re.IGNORECASE)


def without_idioms(text: str) -> str:
    """``text`` without the "if"s that only ask politely ("if you could ...", "if you don't mind"), the negations
    that only remind ("don't forget to ...", "don't neglect to ...") and the words that only end or open the
    instruction ("..., and stop", "that's all", "then you're done", "and nothing else", "don't touch anything else",
    "..., in that order", "in this order: ...", "run in the order listed": the order said is the order done anyway):
    they condition, negate or ask nothing."""
    return _NEGATING_NOTHING.sub(" ", text.replace("\u2019", "'"))


def negation_words(text: str) -> list[str]:
    """The :data:`NEGATION_WORDS` in ``text`` (lower case, sorted), idioms that negate nothing left out."""
    return sorted(NEGATION_WORDS.intersection(re.findall(r"[a-z']+", without_idioms(text).lower())))


_WORD = re.compile(r"([A-Za-z']+)")


COLOUR_NAMES: dict[str, str] = {
    "crimson": "red", "scarlet": "red", "cherry": "red", "ruby": "red", "navy": "blue", "azure": "blue",
    "cobalt": "blue", "sapphire": "blue", "emerald": "green", "lime": "green", "jade": "green", "golden": "yellow",
    "gold": "yellow", "lemon": "yellow", "mustard": "yellow", "canary": "yellow", "mint": "green",
    "violet": "purple", "lilac": "purple", "lavender": "purple", "tangerine": "orange", "amber": "orange",
    "reddish": "red", "bluish": "blue", "blueish": "blue", "greenish": "green", "yellowish": "yellow",
    "purplish": "purple", "orangish": "orange", "orangey": "orange",
}
"""Other names people give the :data:`COLORS` ("the crimson ring"), each read as the colour it names."""


def standard_colours(text: str) -> str:
    """``text`` with a colour right before a ring or peg word spelt right ("the blu ring on the yelow peg", "the
    crimson ring") replaced by the colour it is one or two letters off or another name of (:data:`COLOUR_NAMES`):
    only there, so no other word is ever taken for a colour, and only where no second colour is nearly as close."""
    nouns = OBJECT_NOUNS["ring"] | OBJECT_NOUNS["peg"] | {"one"}
    pieces = _WORD.split(text)  # separators at even indices, words at odd ones
    for i in range(1, len(pieces) - 2, 2):
        word, following = pieces[i].lower(), pieces[i + 2].lower()
        if word in COLORS or not pieces[i + 1].isspace() or not (following in nouns or following[:-1] in nouns):
            continue
        close = difflib.get_close_matches(word, COLORS, n=2, cutoff=0.6)  # "gred" (red, or green?) is left to ask
        if word in COLOUR_NAMES:
            pieces[i] = COLOUR_NAMES[word]
        elif len(close) == 1 and difflib.SequenceMatcher(None, word, close[0]).ratio() >= 0.75:
            pieces[i] = close[0]
    return "".join(pieces)


_PAUSE = " \t\n\r,;.:!?\u2014\u2013-"  # what may stand around a correction marker: white space, punctuation, dashes
_CORRECTION_WORD = (r"(?:no+(?!\s+(?:need|more|longer)\b)|nope|oops|sorry(?!\s+(?:to|for|about|if)\b)|wait(?!\s+"
                    r"(?:until|till|for)\b)|hold\s+on"
                    r"|actually|scratch\s+that"
                    r"|cancel\s+that|disregard\s+that"
                    r"|on\s+(?:second|further)\s+thoughts?"
                    r"|correction|i\s+mean[t]?|make\s+that(?![\w\s]{0,40}?\b(?:is|are|gets?|goes|sits|ends)\b)"
                    r"|rather(?!\s+than))")
_SELF_CORRECTION = re.compile(
    rf"\b{_CORRECTION_WORD}\b(?:[{re.escape(_PAUSE)}]+{_CORRECTION_WORD}\b)*[{re.escape(_PAUSE)}]*", re.IGNORECASE
)


def split_self_correction(text: str) -> tuple[str, str] | None:
    """``(before, after)`` around the first self-correction in ``text`` ("put the red ring on the green peg, sorry,
    the yellow peg"; "..., no wait, put ..."; "..., make that the blue ring"), or None. A marker with nothing
    before it corrects nothing and is not one."""
    for match in _SELF_CORRECTION.finditer(text):
        before = text[: match.start()].strip(_PAUSE)
        if before:
            return before, text[match.end():].strip(_PAUSE)
    return None


SKILLS: dict[str, tuple[str, ...]] = {
    "place_ring": ("ring", "peg"),
    "plug_cable": (),
}
"""Skill name -> names of its arguments (each argument is a colour)."""

LANGUAGE_TASK = "robotstack/LanguageTabletop-v0"
"""The task whose instructions this grammar writes: the one task with more than one skill."""


def skill_options(task_id: str, skill: str | None, instruction_steps: int | None = None) -> dict:
    """The task constructor's options that keep ``task_id`` to one-step instructions of ``skill`` ({} for None):
    one check for every command that takes ``--skill``. ValueError naming what is accepted otherwise."""
    if skill is None:
        return {}
    if task_id != LANGUAGE_TASK:
        raise ValueError(f"--skill picks one skill's instructions on {LANGUAGE_TASK} only; {task_id} has one "
                         f"skill: leave --skill out")
    if skill not in SKILLS:
        raise ValueError(f"--skill {skill!r}; accepted: {', '.join(sorted(SKILLS))}")
    if instruction_steps == 2:
        raise ValueError(f"--skill {skill} runs one-step instructions; --instruction-steps 2 contradicts it")
    return {"skill": skill}

PLACE_TEMPLATES: tuple[str, ...] = (
    "put the {ring} ring on the {peg} peg",
    "place the {ring} ring onto the {peg} peg",
    "move the {ring} ring to the {peg} peg",
)
PLUG_TEMPLATES: tuple[str, ...] = (
    "plug the cable into the socket",
    "insert the plug into the socket",
)
STEP_JOINERS: tuple[str, ...] = (" then ", ", then ", " and then ")


@dataclass(frozen=True)
class Subtask:
    """One skill with its arguments, e.g. ``Subtask("place_ring", {"ring": "red", "peg": "blue"})``."""

    skill: str
    args: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.skill not in SKILLS:
            raise ValueError(f"unknown skill {self.skill!r}; known skills: {sorted(SKILLS)}")
        expected = set(SKILLS[self.skill])
        if set(self.args) != expected:
            raise ValueError(
                f"skill {self.skill!r} takes arguments {sorted(expected)}, got {sorted(self.args)}"
            )
        for name, value in self.args.items():
            if value not in COLORS:
                raise ValueError(f"argument {name}={value!r} is not a colour; accepted: {list(COLORS)}")

    def __hash__(self) -> int:
        return hash((self.skill, tuple(sorted(self.args.items()))))

    def phrasings(self) -> list[str]:
        """This subtask in every template of the grammar; the first is its canonical phrase."""
        templates = PLACE_TEMPLATES if self.skill == "place_ring" else PLUG_TEMPLATES
        return [t.format(**self.args) for t in templates]

    def phrase(self) -> str:
        """The canonical phrase the policy is conditioned on for this subtask."""
        return self.phrasings()[0]


def vocabulary() -> list[tuple[str, Subtask]]:
    """Every phrasing of every subtask the grammar can name (each template, each colour), with its subtask: the
    phrases a grounded policy snaps an instruction embedding to (see ``PolicyConfig.grounded``)."""
    subtasks = [Subtask("place_ring", {"ring": r, "peg": p}) for r in COLORS for p in COLORS] + [Subtask("plug_cable")]
    return [(text, s) for s in subtasks for text in s.phrasings()]


def attributes(subtask: Subtask) -> list[float]:
    """A subtask as a multi-hot vector: its skill, then one slot per colour for each argument name in
    :data:`ATTRIBUTE_ARGUMENTS` (all zero for a skill that does not take it)."""
    out = [1.0 if subtask.skill == skill else 0.0 for skill in SKILLS]
    for name in ATTRIBUTE_ARGUMENTS:
        out += [1.0 if subtask.args.get(name) == color else 0.0 for color in COLORS]
    return out


ATTRIBUTE_ARGUMENTS: tuple[str, ...] = tuple(dict.fromkeys(a for args in SKILLS.values() for a in args))
ATTRIBUTE_DIM = len(SKILLS) + len(ATTRIBUTE_ARGUMENTS) * len(COLORS)
"""Width of :func:`attributes`: 2 skills + 6 ring colours + 6 peg colours."""


def attribute_slots(argument: str) -> slice:
    """The columns of :func:`attributes` that hold ``argument``'s colour (one per :data:`COLORS` entry)."""
    if argument not in ATTRIBUTE_ARGUMENTS:
        raise ValueError(f"unknown argument {argument!r}; accepted: {list(ATTRIBUTE_ARGUMENTS)}")
    first = len(SKILLS) + ATTRIBUTE_ARGUMENTS.index(argument) * len(COLORS)
    return slice(first, first + len(COLORS))


def render_instruction(subtasks: list[Subtask], template_index: int = 0, joiner_index: int = 0) -> str:
    """Turn a plan into an instruction sentence using the training grammar's templates."""
    parts = []
    for sub in subtasks:
        phrasings = sub.phrasings()
        parts.append(phrasings[template_index % len(phrasings)])
    return STEP_JOINERS[joiner_index % len(STEP_JOINERS)].join(parts)


_PLACE_RE = re.compile(
    r"^(?:put|place|move) the (?P<ring>\w+) ring (?:on|onto|to) the (?P<peg>\w+) peg$"
)
_PLUG_RE = re.compile(r"^(?:plug the cable|insert the plug) into the socket$")
_JOIN_RE = re.compile(r"\s*,?\s+(?:and\s+)?then\s+")


def parse_instruction(text: str) -> list[Subtask]:
    """Parse an instruction of the training grammar into subtasks.

    Raises ``ValueError`` naming the part that does not fit the grammar. Paraphrases outside the
    grammar are the reasoning tier's job, not this parser's.
    """
    normalised = " ".join(text.lower().strip().rstrip(".").split())
    if not normalised:
        raise ValueError("empty instruction")
    subtasks = []
    for part in _JOIN_RE.split(normalised):
        if match := _PLACE_RE.match(part):
            subtasks.append(Subtask("place_ring", {"ring": match["ring"], "peg": match["peg"]}))
        elif _PLUG_RE.match(part):
            subtasks.append(Subtask("plug_cable"))
        else:
            raise ValueError(
                f"instruction part {part!r} is not in the grammar; accepted forms: "
                f"{PLACE_TEMPLATES + PLUG_TEMPLATES}, joined by 'then'"
            )
    return subtasks
