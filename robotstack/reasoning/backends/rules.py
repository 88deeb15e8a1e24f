"""A deterministic planner for the instruction grammar and everyday paraphrases of it.

It needs no model, answers in microseconds and is the default backend, so the reasoning tier works
on a board with no network. It reads an instruction as a sequence of clauses (split on "then",
"after that", "finally", ",", "and", ...), and each clause as either a cable clause (plug, connect,
socket, ...) or a placement "<rings> on|onto|over|to <peg>" with synonyms for the nouns. A reference
that names no colour ("a ring", "the peg", "it") is resolved from the scene only when exactly one
object fits; otherwise it asks which. A self-correction ("..., sorry, the yellow peg"; "..., no wait, put ...")
replaces what it corrects. Anything it cannot read is refused, never guessed.
"""

from __future__ import annotations

import difflib
import itertools
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from robotstack.reasoning.messages import PlanReply, PlanRequest
from robotstack.reasoning.plan import Plan, PlanError, PlanStep, SceneSummary, validate_plan
from robotstack.skills import (
    COLORS,
    NEGATION_WORDS,
    OBJECT_NOUNS,
    SKILLS,
    Subtask,
    parse_instruction,
    split_self_correction,
    standard_colours,
    without_idioms,
)

_WORDS: dict[str, set[str]] = {
    "place_verb": {"put", "place", "move", "set", "drop", "stack", "slide", "hang", "get", "bring", "take", "affix",
                   "transfer", "lay", "position", "thread", "pick", "grab", "lift", "carry", "go", "hung", "pop",
                   "slip", "mount", "lower", "plop", "rest", "deposit", "return", "drape", "loop", "sit", "relocate",
                   "chuck", "slap", "plonk", "bung", "shove", "whack", "dock", "sleeve", "park", "guide", "install",
                   "ease", "engage", "couple", "mate", "situate", "secure", "arrange", "emplace", "lodge", "bear",
                   "ferry", "convey", "tote", "pose", "pnp"},
    "plug_verb": {"plug", "connect", "insert", "attach", "seat", "push", "slot", "fit", "hook", "bind"},
    "refused_verb": {"unplug", "disconnect", "remove", "detach", "unstack", "throw", "break", "pull", "unhook",
                     "look", "inspect", "check", "examine", "photograph", "watch", "see", "find", "show", "point",
                     "count", "describe", "clean", "wipe", "shake", "open", "close", "pretend", "explain", "imagine",
                     "simulate", "list", "verify", "test", "remind", "solder", "weld", "glue", "crimp",
                     "splice", "paint", "drill", "sand"},
    "ring": OBJECT_NOUNS["ring"],
    "one": {"one"},
    "peg": OBJECT_NOUNS["peg"],
    "cable": OBJECT_NOUNS["cable"],
    "socket": OBJECT_NOUNS["socket"],
    "target": {"on", "onto", "over", "to", "into", "around", "in", "upon", "at", "atop"},
    "source": {"from", "off"},
    "all": {"all", "every", "each", "both", "everything"},
    "pronoun": {"it", "them", "that", "this", "other"},
    "negation": set(NEGATION_WORDS),
    "spatial": {"left", "right", "near", "beside", "behind", "front", "between", "under", "below",
                "above", "next"},
}
_FILLER = {"please", "pls", "plz", "thx", "ty", "now", "ok", "okay", "alright", "hmm", "hm", "um", "umm", "uh", "er", "erm", "ah", "oh", "robot",
           "hey", "kindly", "and", "the", "a", "an", "you", "can",
           "could", "would", "will", "i", "want", "need", "like", "do", "thanks", "thank", "also", "too",
           "up", "down", "step", "steps", "go", "ahead", "then", "same", "two", "three", "four", "five", "six",
           "thing", "things", "task", "tasks", "these", "following", "instead", "sorry", "actually", "oops",
           "just", "though", "u", "only", "yo", "yeah", "rn", "honestly", "simply",
           # a label before the steps ("your task: ...", "instructions: 1) ... 2) ...")
           "your", "goal", "job", "objective", "instruction", "instructions", "todo", "list"}

# What a cable step with no plugging verb may say besides the cable, the socket, order and harmless words ("the
# cable goes in next"); any other word ("touch", "look at", "keep") is an action not in the vocabulary: ask.
_CABLE_STEP_WORDS = {"comes", "come", "goes", "later", "home", "its", "it's", "charging", "electric", "electrical"}
# Words that take the plug back out ("take the plug out", "pull the cable loose"): the opposite of plugging, even
# beside a plugging word.
_CABLE_OUT_WORDS = {"out", "away", "loose", "free", "apart", "off"}
_ORDER_WORDS = {"after", "afterwards", "before", "once", "when", "next", "first", "firstly", "second", "secondly",
                "third", "last", "lastly", "finally", "followed", "by", "begin", "start", "finish", "end", "as", "well",
                "done", "finished"}
# Words that change nothing a subtask does ("for me", "carefully", "the power cable"): known, so the router may
# still run an instruction holding them on the board.
# ("is": what it asks is read by the rules, which the router also requires to agree: "is the red ring on ...?")
_HARMLESS_WORDS = {"for", "me", "mind", "with", "should", "needs", "must", "of", "i'd", "you're", "you've", "let",
                   "make", "sure", "ensure", "ends", "be", "is", "are", "or", "careful", "carefully", "gently", "altogether",
                   "slowly", "quickly", "immediately", "colored", "coloured", "wall", "power", "charger", "usb"}
_QUESTION_WORDS = {"is", "are", "was", "were", "does", "did", "has", "have", "why", "what", "where", "which", "how",
                   "who"}
# An auxiliary leading a clause asks whatever verb follows ("is the cable plugged in?", "did you put the red ring on
# the blue peg?"); "have" and "do" may lead a request ("have the cable plugged in", "do the cable last"), and
# "can/could/would/will you" do.
_AUXILIARY_QUESTION_WORDS = {"is", "are", "was", "were", "does", "did", "has"}

_STRONG_SEPARATORS = re.compile(
    r"[.;:!?]|\b(?:and\s+)?then\b|\b(?:after|following)\s+(?:that|which|this)(?:(?:'s|\s+is|\s+has\s+been)\s+(?:done"
    r"|finished|complete[d]?))?\b|\bafterwards\b"
    r"|\bnext\b(?!\s+to\b)"
    r"|\bsecond(?:ly)?\b|\bthird(?:ly)?\b|\bfollowed\s+by\b"
    r"|\b(?:once|when)\s+(?:(?:that|this|it|you)(?:'s|'ve|'re|\s+is|\s+have|\s+are)?\s+)?"
    r"(?:done|finished|through|completed?)\b(?:\s+(?:that|this|it)\b)?"
    r"|\b(?:once|when|after)\s+(?:that|this|it)(?:'s|\s+is)\s+(?:in\s+place|seated|there|in|on|ready)\b"
    # "only once that is secured, proceed to ...:"
    r"|\b(?:only\s+)?(?:once|when|after)\s+(?:that|this|it)(?:'s|\s+is|\s+has\s+been)\s+(?:secured|achieved|sorted)\b"
    r"|\b(?:with|once)\s+that\s+(?:is\s+)?(?:complete|completed|done|finished|taken\s+care\s+of)\b|\bthat\s+done\b"
    r"|\bafter\s+you(?:'ve|\s+have)\s+(?:done|finished|completed)\s+(?:that|this|it)\b|\bthereafter\b|\blater\s+on\b"
    r"|\b(?:(?:right|straight|immediately|directly|just|soon|shortly)\s+)?after\b"
    r"(?=\s*[,;:])"  # "X, and right after, Y"
    r"|\bhaving\s+done\s+(?:so|that|this|it)\b|\b(?:up)?on\s+(?:its\s+)?completion(?:\s+of\s+(?:that|this|it))?\b"
    r"|\bwith\s+(?:that|this|it)\s+out\s+of\s+the\s+way\b|\bsubsequently\b|\bas\s+a\s+(?:second|next|follow-up)"
    r"\s+item\b"
    r"|\b(?:move\s+on(?:\s+to|to)|follow\s+up\s+with|go\s+ahead\s+with|proceed\s+(?:to|with))\s+(?:this(?:\s+one)?"
    r"|the\s+following|the\s+next\s+(?:one|step|task))\s*:"
)
# "but" joins steps too: "plug in the cable -- but the red ring on the blue peg first".
_WEAK_SEPARATORS = re.compile(r"\s*,\s*(?:and\s+|but\s+)?|\s+and\s+|\s+but\s+|\s+as\s+well\s+as\s+")
# "once" orders as "after" does: "once the cable is in, ..." and "... once the cable is in" do that first.
_LEADING_ORDER = re.compile(r"^(?P<word>before|after|once)\s+(?P<sub>[^,]+),\s*(?P<main>.+)$")
_INNER_ORDER = re.compile(r"\s(?P<word>before|after|once)\s")
# Words that put a step first or last wherever it is said ("lastly X; to begin, Y", "X first", "finish by X").
# The phrasal ones always lead their step; "first", "last", "finally", "at the end" lead it when nothing of it
# comes before them (or only "and", "but", "then", a comma), else they close the step before them.
_ORDER_MARKER = re.compile(
    r"\b(?:(?P<lead_first>to\s+(?:begin|start)(?:\s+with)?|(?:begin|start)(?:ning)?(?:\s+off)?\s+(?:with|by)"
    r"|kick(?:ing)?\s+off\s+(?:with|by)|at\s+first|in\s+the\s+beginning"
    r"|before\s+anything\s+else)"
    r"|(?P<lead_last>to\s+(?:finish|end)(?:\s+(?:with|off))?|(?:finish|end)(?:ing)?(?:\s+off)?\s+(?:with|by)"
    r"|(?:wrap(?:ping)?|close|closing|round(?:ing)?)\s+(?:(?:it|things|everything)\s+)?(?:up|out|off)\s+(?:with|by))"
    r"|(?P<first>first(?:ly)?(?:\s+of\s+all)?|initially|beforehand|in\s+advance"
    r"|at\s+the\s+(?:very\s+)?(?:start|beginning|outset)(?!\s+of\b))"
    r"|(?P<last>last(?:ly)?(?:\s+of\s+all)?|finally|at\s+the\s+end(?!\s+of\b)))\b"
)
_OPENS_A_STEP = re.compile(r"(?:^|,|\bbut|\band|\bthen)\s*$")
# "X, but first Y" / "X; before that, Y": the step named last comes first.
_BACKWARD = re.compile(
    r"^(?P<later>.+?)[\s,;.]+(?:but\s+first|(?:but\s+)?(?:right\s+|just\s+|immediately\s+)?before\s+"
    r"(?:(?:doing|you\s+do)\s+)?(?:that|this|so)"
    r"|preceded\s+by|having\s+first|after\s+first|preceding\s+(?:that|this)|earlier\s+than\s+(?:that|this|it)"
    r"|to\s+be\s+done\s+before\s+(?:that|this|it)"
    # as learners say it: "but before of that:", "before to do this, first", "however before you make it,", "prior to
    # it, it is necessary:", "but the previous step must be done before, that is:"
    r"|(?:but\s+|however\s+)?before\s+(?:of\s+(?:that|this|it)|to\s+do\s+(?:this|that|it)(?:\s*,?\s*first)?"
    r"|you\s+make\s+it"
    r"|it\s*,\s*it\s+is\s+necessary)|but\s+the\s+previous\s+step\s+must\s+be\s+done\s+before\s*,?\s*that\s+is"
    r"|but\s+before\s+you\s+do(?:\s+(?:that|this|so|it))?)(?:[\s,]+though)?[\s,:]+(?P<earlier>.+)$"
)
# "X after A and before B": A, X, B.
# "X after A and before B", "X before B and after A", "after A and before B, X", "before B and after A, X": A, X, B.
_AFTER_A, _BEFORE_B = r"after\s+(?P<earlier>[^.;!?]+?)", r"before\s+(?P<later>[^.;!?]+?)"
_BETWEEN = [re.compile(rf"^(?P<main>[^.;!?]+?)\s+{first},?\s+and\s+{second}[.;!?\s]*$")
            for first, second in ((_AFTER_A, _BEFORE_B), (_BEFORE_B, _AFTER_A))] + [
            re.compile(rf"^\s*{first},?\s+and\s+{second},\s*(?P<main>[^.;!?]+?)[.;!?\s]*$")
            for first, second in ((_AFTER_A, _BEFORE_B), (_BEFORE_B, _AFTER_A))]
# "X, but make sure you do this first: Y", "X. You should do this other thing before it: Y", "X, once you have
# completed this: Y", "X (prerequisite, to be completed beforehand: Y)", "X -- this depends on the following being
# done: Y", "Main task: X. Precondition: Y": "this" points ahead, to Y, so "X, but first Y" (said first, "first Y").
_THIS_FIRST = re.compile(r"[\s,;(]*\b(?:but\s+|though\s+)?(?:(?:make|be)\s+sure\s+(?:that\s+)?(?:you\s+)?(?:to\s+)?"
                         r"|please\s+"
                         r"|you\s+(?:should|must|need\s+to|have\s+to)\s+)?"
                         r"(?:(?:do|handle|complete|finish|take\s+care\s+of|deal\s+with|tackle)\s+(?:this"
                         r"|the\s+following)\s+"
                         r"(?:other\s+thing\s+|one\s+|step\s+)?(?:first|before(?:\s+that"
                         r"|\s+it)?)(?:\s*,?\s*though)?"
                         r"|(?:just\s+)?(?:make|be)\s+sure\s+(?:that\s+)?this\s+is\s+done\s+(?:before\s+(?:it|that)"
                         r"|first)"
                         r"|(?:once|after|when|(?:but\s+)?not\s+until|only\s+(?:after|once|when))\s+you(?:'ve|\s+have)"
                         r"\s+"
                         r"(?:completed|done|finished)\s+this(?:\s+one)?(?:\s+first)?"
                         r"|(?:it|this|that)\s+comes\s+after\s+this\s+one\s*,?\s*so\s+do\s+this\s+(?:one\s+)?first"
                         r"|(?:though\s+)?not\s+until\s+(?:this|the\s+following)\s+is\s+(?:finished|done|completed?)"
                         r"|(?:that|this|it)\s+(?:step\s+)?(?:has\s+to|must|should|will\s+have\s+to)\s+wait\s+(?:until"
                         r"|till)\s+"
                         r"(?:this|the\s+following)\s+(?:is|has\s+been)\s+(?:finished|done|completed?)"
                         r"|what\s+(?:must|should|has\s+to|needs\s+to)\s+(?:happen|come|be\s+done)\s+before\s+(?:it"
                         r"|that|this)"
                         r"|(?:prerequisite\s*,?\s*)?to\s+be\s+(?:completed|done|finished)\s+(?:beforehand|first"
                         r"|earlier)"
                         r"|this\s+(?:must|should|has\s+to|needs\s+to)\s+(?:come|happen|be\s+done)\s+first"
                         r"(?:\s*,?\s*though)?"
                         r"|(?:though\s+)?(?:but\s+)?only\s+(?:after|once)\s+(?:this|the\s+following)(?:\s+is\s+"
                         r"(?:finished|done"
                         r"|completed?))?"
                         r"|(?:this|that|it)\s+depends\s+on\s+(?:the\s+following|this)(?:\s+being\s+(?:done|finished"
                         r"|completed))?"
                         r"|(?:to\s+be\s+done\s+)?(?:subsequent\s+to|after)\s+the\s+following"
                         r"|(?:the\s+)?(?:pre-?condition|prerequisite|pre-?req|dependency|dependencies|requirement)s?"
                         r"(?:\s*\([^)"
                         r"]*\))?"
                         r"|(?:it|this|that)\s+(?:relies|depends)\s+on\s+(?:this|the\s+following)(?:\s+having\s+been\s+"
                         r"(?:completed|done|finished)(?:\s+(?:earlier|first|beforehand))?)?"
                         r"|(?:(?:it|this|that)\s+(?:has\s+to|must|should)\s+)?wait(?:\s*,\s*though\s*,)?\s+until\s+"
                         r"(?:you(?:'ve|\s+have)"
                         r"\s+(?:fully\s+)?(?:completed|done|finished)\s+this(?:\s+one)?|this(?:\s+one)?\s+(?:is"
                         r"|has\s+been)\s+"
                         r"(?:complete[d]?|done|finished))"
                         r"|(?:only\s+)?start\s+(?:it|this)\s+(?:only\s+)?(?:once|after|when)\s+this\s+is\s+"
                         r"(?:already\s+)?(?:done"
                         r"|finished|complete[d]?)"
                         r"|to\s+get\s+there\s*,\s*(?:begin|start)\s+(?:by\s+(?:completing|doing)|with)\s+this"
                         r"|(?:that|this|it)\s+comes\s+after\s+this\s+(?:other\s+)?(?:request|one|step|task)"
                         r"(?:\s*,\s*which\s+you"
                         r"\s+should\s+do\s+(?:earlier|first|beforehand))?"
                         r"|leading\s+up\s+to\s+(?:it|that|this)\s*,\s*do\s+this"
                         r"|(?:for\s+that\s+to\s+work\s*,\s*)?this\s+has\s+to\s+be\s+done\s+(?:beforehand|first"
                         r"|earlier))\s*:")
# Steps labelled by rank with a pointer ahead: "Do this last: Y. Do this first: X.", "Begin with this: X. End with
# this: Y.", "The later task is this: Y. The earlier one is this: X.", "This one can wait: Y. What can't wait is
# this: X.", "Later on: Y. Earlier: X.": "last Y. first X."
_POINTED_RANK = re.compile(r"(?:^|(?<=[.;!?])|(?=what\s+can(?:'t|not)\s+wait))\s*(?:do\s+(?:this|these|the\s+following)"
                           r"\s+(?P<rank>first|last|next"
                           r"|second)"
                           r"|(?P<waits>this\s+one\s+can\s+wait|later(?:\s+on)?|eventually\s*,\s*this"
                           r"|hold\s+off\s+on\s+this\s+one)"
                           r"|(?P<urgent>what\s+can(?:'t|not)\s+wait[^:]*?\s+is\s+this|earlier(?:\s*,\s*(?:ahead\s+of"
                           r"|before)\s+"
                           r"(?:all\s+)?(?:that|this|it))?)"
                           r"|the\s+(?P<relative>later|earlier|former|latter)\s+(?:task|one|step)\s+is(?:\s+this)?)"
                           r"\s*:")
_RELATIVE_RANKS = {"later": "last", "latter": "last", "earlier": "first", "former": "first"}
# A step in brackets, and a pointer to the step after it: "ahead of this step (Y), complete this one: X" (X, Y);
# "after this step (X), do this one: Y" (X, Y).
_BRACKETED_STEP_POINTED = re.compile(
    r"(?:^|(?<=[.;!?]))\s*(?P<order>before|ahead\s+of|prior\s+to|after|following)\s+this\s+(?:step|task|one)\s*"
    r"\((?P<bracketed>[^()]+)\)\s*,?\s*(?:please\s+)?(?:complete|do|finish|carry\s+out|perform)\s+this(?:\s+(?:one|step"
    r"|task))?"
    r"\s*:(?P<pointed>[^.;!?]+)")
# A step between dashes, and what must be done before it: "By the time you get to this one -- Y -- the following should
# already be finished: X" (X, Y).
_DASHED_STEP_POINTED = re.compile(
    r"\bby\s+the\s+time\s+you\s+(?:get|come)\s+to\s+this\s+(?:one|step|task)\s*(?:\u2014|\u2013|--)\s*(?P<dashed>.+?)"
    r"\s*"
    r"(?:\u2014|\u2013|--)\s*the\s+following\s+(?:should|must|has\s+to)\s+(?:already\s+)?be\s+(?:finished|done"
    r"|complete[d]?)"
    r"\s*:(?P<pointed>.+)$")
# A step, then a sentence ordering it by a pronoun: "X. Do that after you've plugged in the cable." (X after ...).
_ORDERED_BY_PRONOUN = re.compile(r"(?P<step>[^.;!?]+)[.;!]\s*(?:please\s+)?(?:do|perform)\s+(?:that|this|it)\s+"
                                 r"(?P<order>after|before|once)\b")


class Unresolved(Exception):
    """An instruction that yields no plan: ``status`` is ``clarify`` (ask the user) or ``invalid``."""

    def __init__(self, status: Literal["clarify", "invalid"], message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class RulesBackend:
    """The :class:`~robotstack.reasoning.backends.Backend` that parses language with rules."""

    name = "rules"

    def plan(self, request: PlanRequest) -> PlanReply:
        start = time.perf_counter()
        try:
            plan = rules_plan(request.instruction, request.scene, request.skills)
        except Unresolved as exc:
            return PlanReply(request_id=request.request_id, status=exc.status, message=exc.message,
                             backend=self.name, compute_s=time.perf_counter() - start)
        except PlanError as exc:
            return PlanReply(request_id=request.request_id, status="invalid", message=str(exc),
                             backend=self.name, compute_s=time.perf_counter() - start)
        return PlanReply(request_id=request.request_id, status="ok", plan=plan, backend=self.name,
                         compute_s=time.perf_counter() - start)


def rules_plan(instruction: str, scene: SceneSummary, skills: Mapping[str, Sequence[str]] = SKILLS) -> Plan:
    """The plan the rules read from ``instruction``, validated against ``scene`` and ``skills``: raises
    :class:`Unresolved` where they read none, :class:`PlanError` where what they read does not fit the scene."""
    return validate_plan(Plan(steps=[PlanStep.from_subtask(s) for s in interpret(instruction, scene)]), scene, skills)


def interpret(instruction: str, scene: SceneSummary) -> list[Subtask]:
    """The subtasks still to do for ``instruction`` in ``scene``, or raise :class:`Unresolved`."""
    # Runs of spaces and of blank lines say nothing more than one: collapsed first, since the patterns below take
    # time that grows steeply with such runs (a 2000-character message of spaces took 40 s)
    instruction = re.sub(r"\n(?:[^\S\n]*\n)+", "\n\n", re.sub(r"[^\S\n]+", " ", instruction))
    try:
        subtasks = parse_instruction(instruction)
    except ValueError:
        if _SARCASM.search(instruction.lower()):  # before the reasons go ("because that went so well")
            raise Unresolved("clarify", f"{instruction!r} reads as sarcasm; say plainly what to do") from None
        if _OTHER_ROBOT.search(instruction.lower()):  # before the labels go
            raise Unresolved("clarify", f"{instruction!r} is addressed to another robot; say what this one should do") \
                from None
        if manner := _UNHONOURED_MANNER.search(instruction.lower()):
            raise Unresolved("clarify", f"{instruction!r} asks for {manner[0]!r}: each skill moves its own way, at its "
                                        "own speed and grip, one thing at a time; say the steps without it") from None
        if greeted := _greeted_person(instruction):
            raise Unresolved("clarify", f"{instruction!r} is addressed to {greeted}, and speaks of the robot; say "
                                        "what this robot should do") from None
        if addressed := _MENTIONS_ANOTHER.search(instruction):
            raise Unresolved("clarify", f"{instruction!r} is addressed to {addressed[0]}; say what this robot should "
                                        "do") from None
        if re.match(r"\s*later\s+on\s*,", instruction.lower()) and not re.search(
                r"\b(?:now|first|firstly|to\s+(?:begin|start)|initially|before)\b",
                instruction.lower()):
            raise Unresolved("clarify", f"{instruction!r} is for later; say what to do now") from None
        if _SHOWN_ELSEWHERE.search(instruction.lower()):
            raise Unresolved("clarify", f"{instruction!r} says what a video or manual shows others doing; say what to "
                                        "do now") from None
        if _LOG_LINE.search(instruction):
            raise Unresolved("clarify", f"{instruction!r} reads as a log of what was said or done; say what to do "
                                        "now") from None
        if _nested_out_of_order(_CRITERIA_LINE.sub("", instruction).lower()):
            raise Unresolved("clarify", f"{instruction!r} numbers steps inside numbered steps, the first not first; "
                                        "number them once") from None
        if cut := re.search(r"(?:(?<!task\s)(?<!step\s)(?<!item\s)(?<!part\s)(?<!first,\sthen\s)\b(?:the|a|an|and|onto"
                            r"|into|of|my|your)|(?<!by\s)(?<!until\s)(?<!till\s)(?<!before\s)"
                            r"(?<!since\s)\bthen)[\s.!]*$", instruction.lower()):  # "by then" is whole
            raise Unresolved("clarify", f"{instruction!r} stops at {cut[0].strip()!r}: it seems cut off; say the "
                                        "whole step") from None
        said = _normalise(instruction)
        subtasks = _interpret_paraphrase(said, scene)
        if crossed := _ring_named_only_as_peg(said, subtasks):
            # a reading that took a peg's colour for a ring's: words it has misread somewhere
            raise Unresolved("clarify", f"{instruction!r} reads as placing the {crossed} ring, but names {crossed} "
                                        "only as a peg; say each step plainly")
    repeated = [s for s in dict.fromkeys(subtasks) if subtasks.count(s) > 1]
    if repeated != sorted(repeated, key=lambda s: len(subtasks) - subtasks[::-1].index(s)):
        # "X after Y, and Y only once X is done": said twice each, in both orders (one step said again with its rank,
        # "X and Y. Y first though.", keeps the place the rank gives it)
        raise Unresolved("clarify", f"{instruction!r} orders its steps both ways; say the order once")
    done = {step.to_subtask() for step in scene.done}
    remaining = [s for s in dict.fromkeys(subtasks) if s not in done]  # repeats mean the same subtask
    if not remaining:
        raise Unresolved("invalid", f"nothing left to do: every step of {instruction!r} is already done")
    return remaining


_COLOUR = "|".join(COLORS)  # a colour word, as a regex alternation
_RING_NOUNS = "|".join(sorted(OBJECT_NOUNS["ring"]))  # a ring word, as a regex alternation
_PEG_NOUNS = "|".join(sorted(OBJECT_NOUNS["peg"]))  # a peg word, as a regex alternation

_LABELLED_COLOUR = re.compile("".join(rf"(?<!{colour}\s)" for colour in COLORS)
                              + rf"\b(?P<noun>ring|peg)s?\s*[:=]\s*(?P<colour>{_COLOUR})\b(?!\s+(?:ring|peg|one)s?\b)")
"""A colour given as a form's field, "ring: green", "ring=green peg=red", read as "green ring" (not after a colour:
"all three rings on the blue peg: red first, then ...")."""
_RING_OR_PEG_NOUNS = "|".join(sorted(OBJECT_NOUNS["ring"] | OBJECT_NOUNS["peg"]))
_COLOUR_AFTER_NOUN = re.compile(rf"\b(?P<noun>{_RING_OR_PEG_NOUNS})\s+(?P<colour>{_COLOUR})\b"
                                rf"(?!\s+(?:{_RING_OR_PEG_NOUNS}|one)s?\b)"
                                rf"|\b(?P<noun_1>{_RING_OR_PEG_NOUNS})\s+(?P<colour_1>{_COLOUR})\s+"
                                rf"(?P<noun_2>{_RING_OR_PEG_NOUNS})\s+"
                                rf"(?P<colour_2>{_COLOUR})\b(?!\s+(?:{_RING_OR_PEG_NOUNS}|one)s?\b)")
"""A colour after its noun, as terse notes and some learners put it: "put the ring blue on the peg red", "place ring
red peg green"."""
_CALLED_STEP = re.compile(
    r"\{\s*\"action\"\s*:\s*\"(?P<action>\w+)\"(?:\s*,\s*\"ring\"\s*:\s*\"(?P<ring>\w+)\"\s*,\s*\"peg\"\s*:\s*\""
    r"(?P<peg>\w+)\")?\s*\}"
    r"|\b(?P<call>place(?:_ring)?|put|plug(?:_cable)?)\(\s*(?:ring\s*=\s*)?(?P<call_ring>\w+)?\s*,?\s*(?:peg\s*=\s*)?"
    r"(?P<call_peg>\w+)?\s*\)")
"""A step written as code: '{"action": "place", "ring": "red", "peg": "green"}', "place(ring=green, peg=blue)",
"plug_cable()"."""


_CONTRAST = re.compile(rf",?\s*(?:and\s+|but\s+)?(?:not|instead\s+of|rather\s+than)\s+"
                       rf"(?:on\s+|onto\s+|to\s+)?(?:the\s+)?"
                       rf"(?P<colour>{_COLOUR})\s+"
                       rf"(?P<noun>{'|'.join(sorted(OBJECT_NOUNS['ring'] | OBJECT_NOUNS['peg']))}|one)"
                       r"(?=\s*(?:[.;!?]|,?\s*(?:and\s+)?then\b|$))")
"""A contrast after a step, "..., not the green peg" ("instead of / rather than the green peg", "not the red one"): a
prohibition of its own, checked against the plan."""
# "... on the BLUE peg - not the green one, the blue one": the peg said again after its contrast
_CONTRAST_RESTATED = re.compile(rf"\b(?P<peg>{_COLOUR})\s+(?P<noun>{_PEG_NOUNS})\s*(?:-+|,|\u2014"
                                rf"|\u2013)\s*not\s+the\s+"
                                rf"(?:{_COLOUR})\s+(?:one|(?P=noun))\s*,\s*the\s+(?P=peg)\s+(?:one|(?P=noun))\b")
_INSTEAD_OF_DOING = re.compile(r",?\s*\b(?:instead\s+of|rather\s+than)\s+(?P<doing>\w+ing\b[^,;.!?]*),?")
"""A step done instead of another: "instead of plugging in the cable, put ...", "put ... rather than plugging the
cable in": the other is a prohibition."""
# Words that only stress a prohibition ("whatever you do, don't ...", "avoid the cable at all costs"); "under no
# circumstances" is itself one.
_STRESS = re.compile(r",?\s*\b(?:whatever\s+(?:else\s+)?you\s+do|whatever\s+happens|under\s+any\s+circumstances"
                     r"|at\s+all\s+costs"
                     r"|no\s+matter\s+what)\b\s*,?")


_LEFT_AS_IT_IS = re.compile(r"\b(?P<leave>leave\s+(?:all\s+)?(?:the\s+|that\s+|this\s+)?(?:\w+\s+)?\w+)(?:\s+"
                            r"(?:(?:exactly\s+|just\s+)?(?:as|where)\s+(?:it|they)\s+(?:is|are)|as\s+is|in\s+place|be"
                            r"|empty|free|clear|docked|unplugged|(?:in|on)\s+(?:its|the)\s+(?:dock|holder|cradle)"
                            r"|untouched)\b"
                            r"|(?=\s*(?:[.;,!?]|$)))")
""""leave the cable as it is / where it is / be / in its dock", "leave the yellow peg empty", or a step that is only
"leave the cable": "leave the cable alone"."""
# Other ways to say an object is not to be used, read as "never use ...": "the rings stay where they are", "the
# cable is off-limits", "the green ring must not go anywhere".
_STAYS_PUT = re.compile(
    r"\b(?P<object>the\s+(?:\w+\s+)?\w+)\s+(?:(?:stays?|remains?)\s+(?:where\s+(?:they|it)\s+(?:are|is)|as\s+(?:they"
    r"|it)\s+"
    r"(?:are|is)|put|in\s+place|empty|free|clear|bare)|(?:is|are)\s+off[\s-]limits|(?:must|should|may|can)(?:\s+not"
    r"|n't)\s+"
    r"(?:go\s+anywhere|move|be\s+(?:moved|touched|used|plugged(?:\s+in)?|connected|inserted))"
    r"|(?:is|are)\s+not\s+to\s+be\s+(?:moved|touched|used)"
    r"|(?:stays?|remains?)\s+(?:unplugged|disconnected|out))\b(?:\s*,?\s*(?:unplugged|disconnected|untouched))?")
# Prohibitions said otherwise: "the last thing I want is ...", "I'd rather you didn't ...", "no cable today", "everything
# except the cable: ...".
_NOT_WANTED = [
    (re.compile(r"\bthe\s+last\s+thing\s+(?:i|we)\s+(?:want|need|would\s+want)\s+is\s+(?:for\s+you\s+to\s+)"
                r"?"), "don't put "),
    (re.compile(r"\bi'?d\s+rather\s+(?:you\s+)?(?:didn't|did\s+not|not|don't)\b"), "don't"),
    # "I'd hate for the cable to get plugged in", "I would hate it if you plugged ..."
    (re.compile(r"\b(?:i'?d|i\s+would)\s+(?:hate|dislike|not\s+like|not\s+want)\s+(?:it\s+)?(?:for|if)\s+"
                r"(?P<object>the\s+"
                r"(?:\w+\s+)??\w+)\s+(?:to|get|gets|got|be|is|was|were|go|goes|went)\b[^.;!?]*"),
     r"never use \g<object>"),
    (re.compile(r"\b(?:i'?d|i\s+would)\s+hate\s+(?:it\s+)?if\s+you\b"), "don't"),
    (re.compile(r"\b(?:nobody|no\s+one)\s+(?:asked|told|wants|wanted)\s+you\s+to\b"), "don't"),
    (re.compile(r"\b(?:refrain|abstain)\s+from\b|\bdecline\s+to\b"), "don't"),
    (re.compile(r"\bsave\s+(?P<object>the\s+(?:\w+\s+)?\w+)\s+for\s+later\b"), r"never use \g<object>"),
    (re.compile(r"\bhold\s+back\s+(?:on|from|with)\b"), "hold off on"),
    (re.compile(r"\bsteer\s+clear\s+of\b|\bstay\s+away\s+from\b"), "avoid"),
    # "plugging the cable in would be premature", "moving it is unnecessary"
    (re.compile(r"(?P<doing>\b\w+ing\b[^,;.!?]*?)\s+(?:would\s+be|is|seems|looks)\s+(?:premature|a\s+mistake"
                r"|unnecessary"
                r"|not\s+needed|too\s+early|wrong|a\s+bad\s+idea|pointless|off\s+the\s+table)\b"), r"don't \g<doing>"),
    (re.compile(r"\bit(?:'s|\s+is)\s+too\s+(?:early|soon|late)\s+for\s+"
                r"(?P<object>the\s+\w+)"), r"never use \g<object>"),
    (re.compile(r"\bit(?:'s|\s+is)\s+too\s+(?:early|soon|late)\s+to\b"), "don't"),
    (re.compile(r"\bno\s+(?:cable|plugging|plug|cord|wire)\b"), "never use the cable"),
    (re.compile(r"\bi\s+(?:don't|dont|do\s+not)\s+want\s+you\s+to\b"), "don't"),
    (re.compile(r"\bi\s+(?:don't|dont|do\s+not)\s+want\s+(?=the\b)"), "don't put "),
    (re.compile(r"^\s*(?:rather\s+than|instead\s+of)\s+(?P<object>the\s+(?:\w+\s+)?\w+)"
                r"\s*,"), r"never use \g<object>;"),
    (re.compile(r"(?:^|(?<=[.;:!?]))\s*not\s+(?P<object>the\s+(?:\w+\s+)?\w+)\s*(?=[;,]|$)"), r"never use \g<object>"),
    (re.compile(r"\b(?:keep\s+your\s+)?hands\s+off\s+"), "never use "),
    (re.compile(r"\bi(?:'ll|\s+will)\s+(?:handle|do|take\s+care\s+of|deal\s+with)\s+(?P<object>the\s+\w+)(?:\s+myself)"
                r"?"),
     r"never use \g<object>"),
    # a step the speaker will do: "I'll plug the cable in myself later" ("then we'll put ..." includes the robot)
    (re.compile(rf"\bi(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to)\s+"
                rf"(?:plug|connect|insert|put|place|move|set|hang|slide|drop)\s+(?:in\s+)?(?P<object>the\s+(?:cable"
                rf"|plug|cord|wire"
                rf"|lead|connector|(?:{_COLOUR})\s+(?:{_RING_NOUNS})))\b[^.;!?,]*"), r"never use \g<object>"),
    (re.compile(r"^\s*(?:everything|all)\s+(?:except|but|apart\s+from|other\s+than)\s+(?P<object>the\s+\w+)\s*:"),
     r"never use \g<object>;"),
]
# "no ring goes on the red peg", "none of the rings should go on the red peg": the red peg is not to be used.
_NO_RING_ON = re.compile(rf"\b(?:no|zero|none\s+of\s+the)\s+(?:{_RING_NOUNS})s?\s+(?:(?:goes|go|should\s+go|may\s+go"
                         rf"|is\s+to\s+go|are\s+to\s+go"
                         r"|can\s+go|must\s+go)\s+)?(?:on|onto)\s+"
                         rf"(?:the\s+)?(?P<peg>{_COLOUR})\s+(?P<noun>{_PEG_NOUNS})\b")
# "none of the rings should be touched": the rings are not to be used.
_NONE_OF = re.compile(r"\bnone\s+of\s+the\s+(?P<object>\w+)\s+(?:should|must|may|can|is\s+to|are\s+to)\s+"
                      r"(?:be\s+(?:touched|moved|used|disturbed)|move|go\s+anywhere)\b")
# "Nothing but the cable", "apart from plugging in the cable, do nothing": only what is named.
_NOTHING_BUT = re.compile(r"^\s*nothing\s+(?:but|except|other\s+than|besides)\s+"
                          r"|^\s*(?:apart\s+from|other\s+than|except\s+for|besides)\s+(?P<only>[^,.;!?]+),\s*(?:do\s+)?"
                          r"nothing(?:\s+else)?(?=\s*[.;!?]*\s*$)")
# "..., and leave everything else (alone)", "other than that, leave everything alone", "..., nothing else", "without
# moving any other ring": the plan does only what is asked anyway.
_NOTHING_ELSE = re.compile(r"(?:,?\s*\b(?:and|but)\s+)?(?:(?:other\s+than|apart\s+from|besides)\s+that,?\s+)?\bleave\s+"
                           r"(?:everything|anything|all(?!\s+(?:the|of)\b))(?:\s+else)?(?:\s+(?:alone|as\s+it\s+is"
                           r"|where\s+it\s+is"
                           r"|untouched))?"
                           r"|,?\s*\bnothing\s+(?:else|more|except\s+that|besides\s+that|other\s+than\s+that)\b"
                           r"|,?\s*\b(?:without|don't|never)\s+(?:moving|touching|disturbing|move|touch|disturb)\s+"
                           r"(?:any(?:thing)?|the)\s+other(?:\s+(?:ring|rings|peg|pegs|thing|things|objects?))?\b,?")
# Another time than now: "yesterday I plugged ...", "we will ... tomorrow": not an instruction to act now.
_ANOTHER_TIME = re.compile(r"\b(?:yesterday|tomorrow|last\s+(?:night|week|time|shift|month|year)"
                           r"|next\s+(?:week|time|shift|month|year)|someday|some\s+day|one\s+day"
                           r"|one\s+of\s+these\s+days"
                           r"|in\s+the\s+future|after\s+(?:lunch|dinner|work|the\s+(?:meeting|break|call))"
                           r"|later\s+today|tonight"
                           r"|earlier\s+today|in\s+(?:a\s+few|a\s+couple\s+of|an?|one|two|three|four|five|ten|fifteen"
                           r"|twenty|thirty|\d+)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)"
                           r"|(?:during|on|in|at\s+the\s+(?:start|end)\s+of)\s+your\s+(?:shift|break|rounds))\b")


_MATCHING_PEG = re.compile(rf"\b(?P<colour>{_COLOUR})\s+(?P<ring>{_RING_NOUNS}|one)\b"
                           rf"(?P<between>(?:(?!\b(?:{_COLOUR})\s+(?:{_RING_NOUNS}|one)\b)[^,;.!?])*?)"
                           r"\b(?:the\s+)?(?:peg\s+(?:that|which)\s+matches\s+(?:its|the\s+ring's)\s+colou?r"
                           r"|(?:matching|same[\s-]colou?r(?:ed)?)\s+peg"
                           r"|peg\s+matching\s+(?:it|its\s+colou?r|the\s+ring)\b"
                           r"|peg\s+(?:(?:of|with|in|that\s+has|having|sharing|that\s+shares|that\s+is)\s+)?"
                           r"(?:its\s+own|its|the\s+same)\s+colou?r(?:\s+as\s+(?:it|the\s+ring))?)"
                           r"(?!\s+(?:as\s+the\s+(?:ring|one)\s+)?(?:you|we|i|placed|before|earlier|previously|from)\b)"
                           r"(?!\s+as\s+the\s+(?:previous|last|first|earlier|other)\b)")
""""the blue ring on the peg that matches its colour / the matching peg / the same-colour peg / the peg with the same
colour (as the ring) / the peg sharing its colour / the peg matching it": "the blue peg" (the colour of the nearest
ring named before it)."""
# "the peg that's the same colour as the ring you just placed / as the previous ring": the colour of the ring named
# before the step's own
_PREVIOUS_RINGS_PEG = re.compile(r"\b(?:the\s+)?peg\s+(?:(?:that\s+is|that's|which\s+is|of"
                                 r"|in)\s+)?the\s+same\s+colou?r\s+"
                                 r"as\s+the\s+(?:(?:ring|one)\s+(?:you|we)\s+(?:just\s+)?(?:placed|put\s+down|moved)"
                                 r"|(?:previous|last|first|earlier)\s+(?:ring|one)|(?:ring|one)\s+"
                                 r"(?:placed\s+)?before)\b")

# "So", "well" opening the instruction or a step ("OK so, put ...", "..., well, then ..."): talk, not a step. Only
# there: elsewhere they are words of the step ("so it sits on", "as well").
_OPENING_TALK = re.compile(r"(?:^|(?<=[.;:!?,]))\s*(?:(?:ok(?:ay)?|alright|right|uh+|um+|yeah)[\s,]+)*"
                           r"(?:so|well)\b"
                           r"(?:[\s,]+(?:yeah|uh+|um+)\b)*\s*,?(?=\s)")
# Interjections standing alone: "Ugh, okay, ...", "Morning.", "..., lol".
_INTERJECTION = re.compile(r"(?:^|(?<=[.;:!?,\u2014\n\"\u201c])|(?<=[-*\u2022] )|(?<=[\da-e][.)] )|(?<=\bplease )"
                           r"|(?<=\bthen ))\s*(?:ugh|anyway|right|okay|ok|yeah|yep|yup"
                           r"|alright|oh|hmm+|um+|uh+|morning"
                           r"|long\s+day|by\s+the\s+way|fyi|btw|haha|good|great|perfect|excellent|nice(?:\s+one)?"
                           r"|well\s+done"
                           # South African "ja", "eish"; New Zealand "sweet as"; a coach's or a parent's urging
                           r"|ja|eish|sweet\s+as|righto|listen|quick(?:\s+quick)?|no\s+time|come\s+on|eyes\s+up"
                           r"|full\s+effort|go(?:\s+go)*|let'?s\s+go|(?:good|great)\s+job|you\s+can\s+do\s+it"
                           r"|alright\s+team|oh\s+yes|ah\s+yes|oh\s+right)\s*[,.!]+|(?:^|(?<=[\s,]))quick\s+one\s*"
                           r"(?:[,.!:]+|\s-+|\u2014)|\s+lol\s*$|(?:^|(?<=[.;:!?,\n]))\s*all\s+done\s*\?")

# Greetings and thanks standing alone ("Hi!", "..., cheers!", "Thanks so much."), and "I'd appreciate it if you
# could": courtesy, not a step.
_COURTESY = re.compile(
    r"(?:^|(?<=[.;:!?,\"\u201c]))\s*(?:hi|hello|hey|hiya|yo|good\s+(?:morning|afternoon|evening))(?:\s+there)?"
    r"(?:\s+robot)?"
    r"\s*(?=[.;:!?,]|$)"
    # a sign-off inside a message, a team after the name: "Thanks, Priya (Ops)"
    r"|(?:^|(?<=[.;:!?,]))\s*(?:cheers|thanks|thank\s+you|ta|best|regards)\s*,\s*[a-z]+\s*\([a-z][\w&/ -]{0,30}\)"
    r"(?=\s*(?:[;.]|$))"
    r"|(?:^|(?<=[.;:!?,]))\s*(?:cheers|thanks|thank\s+you|many\s+thanks|much\s+appreciated|ta|thx|ty)"
    r"(?:\s+(?:so\s+much|a\s+lot|very\s+much|in\s+advance|a\s+bunch))?\s*(?=[.;:!?,]|$)"
    r"|\b(?:kindly\s+)?(?:would\s+you\s+)?be\s+so\s+(?:good|kind)\s+(?:as\s+to|and)\b|(?:^|(?<=[.;:!?,]))\s*pray\s*,"
    r"|\bdo\s+me\s+a\s+(?:favou?r|solid)\s+and\b|\b(?:kindly\s+|please\s+)?do\s+the\s+needful"
    r"\s+and\b|\bi\s+would\s+be\s+(?:much\s+|most\s+|very\s+)?obliged[^,]*?,?\s+(?:were\s+you\s+to|if\s+you\s+(?:would"
    r"|could))\b"
    r"|\bi(?:'d|\s+would)\s+be\s+(?:most\s+|very\s+|so\s+)?(?:grateful|thankful)(?:\s*,\s*(?:young\s+|dear\s+)?(?:robot"
    r"|man|fellow|dear|friend)\s*,)?\s+if\s+you\s+(?:would|could|can)\b|,?\s*\bif\s+you\s+please\b"
    # "you're a star", "if you can manage it", "I'd love to see is"
    r"|(?:^|(?<=[.;:!?,]))\s*(?:you're|you\s+are)\s+(?:a\s+(?:star|gem|legend|lifesaver|champ)|the\s+best)\s*(?=[.!,]"
    r"|$)|,?\s*\bif\s+you\s+(?:can|could)\s+manage\s+(?:it|that)\b"
    r"|\bwhat\s+(?:i|we)(?:'d|\s+would)\s+(?:love|like)\s+to\s+see\s+is\b"
    # "..., that'd be great", "..., if it's no trouble", "... when you have a moment"
    r"|(?:^|(?<=[.;:!?,]))\s*that(?:'d|\s+would)\s+be\s+(?:really\s+|so\s+)?(?:great|lovely|awesome|perfect|ideal"
    r"|fantastic|brilliant|helpful|nice)(?=\s*(?:[.;:!?,]|$|-+>|\u2192))"
    r"|,?\s*\bif\s+it(?:'s|\s+is|'s\s+not|\s+isn't|\s+is\s+not)\s+(?:no|not\s+too\s+much|too\s+much|not\s+a|a)\s+"
    r"(?:trouble|bother)(?:\s+at\s+all)?\b"
    r"|,?\s*\bif\s+(?:that|it)(?:'s|\s+is)\s+(?:okay|ok|alright|all\s+right|fine)(?:\s+with\s+you)?(?=\s*(?:[.;:!?,]"
    r"|$))"
    r"|\s+when(?:ever)?\s+you\s+(?:have|get|got)\s+a\s+(?:moment|minute|sec|second|chance)\b"
    r"|\bi(?:'d|\s+would)\s+(?:really\s+|very\s+much\s+|greatly\s+)?appreciate\s+it\s+if\s+(?:you|u)\s+"
    r"(?:could|would|can)\b"
    r"|\bit\s+would\s+be\s+(?:greatly\s+|much\s+|very\s+much\s+)?appreciated\s+if\b"
    r"|\b(?:is|would)\s+it\s+(?:be\s+)?possible\s+(?:for\s+you\s+)?to\b"
    r"|\bis\s+there\s+(?:a|any)\s+(?:way|chance)\s+(?:you\s+(?:could|can)|to)\b"
    r"|\bwhat\s+(?:i|we)(?:'d|\s+would|'m|\s+am)?\s+(?:actually\s+|really\s+)?(?:need|want|like|after)"
    r"(?:\s+from\s+you)?(?:\s+(?:right\s+)?now)?(?:\s*,[^,]*,)?\s+is(?:\s+for\s+you\s+to)?\b"
    r"|\bhere(?:'s|\s+is)\s+(?:the|my)\s+plan\b"
    r"|(?<!thing\s)(?<!what\s)(?<!step\s)\bi(?:'d|\s+would)?\s+(?:want|need|like)\s+you\s+to\b(?!\s+(?:not|never|do)\b)"
    r"|\b(?:when(?:ever)?\s+(?:you're|you\s+are)\s+ready|at\s+your\s+(?:own\s+)?(?:pace|leisure)|(?:without|no)\s+rush"
    r"(?:\s+at\s+all)?"
    r"(?:ing)?"
    r"|take\s+your\s+time|there's\s+a\s+good\s+(?:lad|girl|boy|one)|mate|buddy|pal|you\s+see|you\s+know"
    r"|no\s+worries|no\s+problem|no\s+probs|excuse\s+me|(?<=please\s)my\s+friend"
    # courtesy in other languages, an honorific on the robot's name, the speaker's own plans
    r"|por\s+favor|obrigad[oa]|gracias|merci(?:\s+beaucoup)?|danke(?:\s+sch[o\u00f6]n)?|bitte|grazie|per\s+favore"
    r"|arigat[o\u014d](?:\s+gozaimasu)?|shukran|spasibo|(?<=robot)[-\s]?(?:ssi|san|kun|nim|ji)"
    r"|before\s+(?:i|we)\s+(?:head|go|leave|log\s+off|clock\s+out|take\s+off)(?:\s+home)?)\b"
    # a worksheet's marks, a radio's "over": "(1 point)", "Over."
    r"|\(\s*\d+\s+(?:points?|marks?|pts?)\s*\)|(?:^|(?<=[.;!?]))\s*over(?:\s+and\s+out)?\s*(?=[.!]*\s*$)"
    # Indian English: "kindly do the needful: X", "revert once done" (reply when it is done)
    r"|\b(?:kindly\s+)?do\s+the\s+needful(?:\s+in\s+(?:this|the\s+following)\s+(?:sequence|order)(?:\s+only)?)?\s*:|"
    r"(?:^|(?<=[.;:!?,]))\s*(?:please\s+|kindly\s+)?revert(?:\s+back)?"
    r"(?:\s+(?:to\s+me\s+)?(?:once|when)\s+(?:done|finished|complete))?\s*(?=[.!]|$)"
    r"|^\s*(?:right|no)\s*,|\bdon't\s+just\s+stand\s+there\b"
    # "fancy sliding ...?", "be a love and ...", and words to the listener closing a sentence: "..., adventurer.",
    # "..., na.", "would ya?"
    r"|(?:^|(?<=[.;:!?,])|(?<=\bthen)|(?<=\band))\s*(?:do\s+you\s+)?fancy\b(?=\s+\w+ing\b)"
    r"|\bbe\s+an?\s+(?:love|dear|legend|star|sport|good\s+sport|gem|doll|darling|champ|hero|sweetheart|angel)\s+and\b"
    r"|,\s*(?:adventurer|brave\s+one|hero|champ|boss|chief|(?:my\s+)?friend|love|dear|na|yaar|ji|eh|innit|legend"
    r"|agent|traveller|traveler|would\s+ya|will\s+ya|sweetie|sweetheart|honey|kiddo|hey)(?=\s*[.!?,]*[\"\u201d]?(?:\s"
    r"|$))"
    r"|\b(?:(?:ok(?:ay)?|alright|right|now)\s+)?(?:sweetie|sweetheart|honey|kiddo|buddy|champ)\s*,")
# Reasons ("Because the inspector is coming, ...", "..., because we need it for the test", "Otherwise the cable gets in
# the way.", "..., since the demo script expects both.", "(the sensor won't read otherwise)"): why, not what.
_REASON = re.compile(r"(?:^|(?<=[.;!?]))\s*(?:because|since)\s+[^,.;!?]+,|,?\s*\bbecause\s+[^.;!?]*"
                     r"|(?:^|(?<=[.!?]))\s*otherwise\s+(?:the|it|they|we|i|you)\b[^.;!?]*"
                     r"|,\s*(?:and\s+)?since\s+(?:the|it|its|it's|they|they're|we|we're|i|i'm|you|this|that|our|my"
                     r"|there's)\b[^.;!?]*"
                     r"|\(\s*(?:because|since|as|so\s+that)\b[^()]*\)|\([^()]*\botherwise\s*\)")
# Steps said as nouns ("followed by the placement of the blue band on the green spindle"): the verb they name.
_NOMINAL_STEP = re.compile(r"\b(?:the\s+)?(?P<noun>placement|placing|positioning|insertion|connection|connecting"
                           r"|plugging)\s+of\b")
_NOMINAL_VERBS = {"placement": "put", "placing": "put", "positioning": "put", "insertion": "insert",
                  "connection": "connect", "connecting": "connect", "plugging": "plug"}
# A sentence about the situation, opened by its subject ("We're setting up for the afternoon session.", "It's for a
# calibration check."): dropped when it names nothing a step acts on (no colour, object, pronoun, plugging verb or
# negation), so it cannot hold a step.
_CONTEXT_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?;:\"\u201c]))[\s,]*(?:(?:so|and|oh|also|btw|fyi|anyway)[\s,]+)*"  # an item starts after ";" or ":"
    r"(?P<opener>we're|we\s+are|we've|we\s+have|we'll|we\s+need|we\s+want|i'm|i\s+am|i've|i\s+need|it's|it\s+is"
    r"|this\s+is|that's"
    r"|that\s+is|(?:matching|same)\s+colou?rs?)\s*,?\s+"
    r"(?P<rest>[^.!?;]*)(?=[.!?;]|$)")  # a list's item ends at ";"
# A clause about the situation before ", so" and a request ("We're prepping the station for the demo, so could you
# put ...", "The logger needs power for the afternoon run, so please seat the plug"): dropped where it names nothing a
# step acts on, as a sentence of context is.
_CONTEXT_BEFORE_SO = re.compile(
    r"(?:^|(?<=[.!?;:]))[\s,]*(?P<rest>[^.!?;:,\u2014\u2013]{3,100}?),\s*so\s+"
    r"(?=(?:could|can|would|will|please|i'd|i\s+would"
    r"|go\s+ahead|let's|just|you\s+can|we\s+need|i\s+need)\b)")
# "for the next run": an occasion, not the order word "next"
_NEXT_OCCASION = re.compile(r"\bnext\s+(?:run|test|trial|session|demo|shift|batch|round|experiment|meeting|visit)\b")
# A sentence of narration, led by its subject ("The intern knocked over the tray of screws.", "My kid is watching
# through the window."): context where it names nothing a step acts on. A sentence led by a verb ("Make coffee.") is
# a request, and stays to be refused.
_NARRATION = re.compile(r"(?:^|(?<=[.!?]))[\s,]*(?P<opener>the|my|our|his|her|their|this|that|there|he|she|they|i|we|a"
                        r"|an)\b"
                        r"(?P<rest>[^.!?;:]*)(?=[.!?]|$)")
# A sentence that only says what is on the table ("There's a cable lying next to the socket.", "You have a cable and a
# socket on the left and rings on the right."), with a request after it: the scene the planner is given anyway. Any
# other word ("a crack in the socket", "my hand") keeps the sentence, to be read or asked about.
_SCENE_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?:])|(?<=\bfirst\s)|(?<=\bthen\s))[\s,]*(?:there(?:'s|\s+is|\s+are)|here(?:'s|\s+is|\s+are)|you"
    r"(?:'ve|\s+have)(?:\s+got)?"
    r"|in\s+front\s+of\s+you\s+(?:is|are|there(?:'s|\s+is|\s+are)))\s+(?P<rest>[^.!?;:,]*(?:,[^.!?;:,]*)*?)"
    r"(?:[.!?]|,(?=\s*(?:please|so|now|could|can|would)\b))(?=\s*\S)")
_SCENE_WORDS = {"a", "an", "the", "one", "two", "three", "four", "some", "several", "and", "with", "of", ",", "its",
                "their", "lying", "sitting", "standing", "resting", "on", "in", "at", "by", "near", "next", "to",
                "beside", "table", "bench", "workspace", "tabletop", "left", "right", "front", "back", "side", "middle",
                "center", "centre", "coloured", "colored", "different", "loose", "unplugged", "empty", "also", "plug"}


# The cable's starting state said before a request ("the cable's still sitting in its dock.", "Cable: not yet plugged
# in."): what the scene is anyway
_CABLE_AT_START = re.compile(r"(?:^|(?<=[.;:!?]))\s*(?:the\s+)?(?:cable|plug|cord|lead)(?:'s|\s+is|\s*:)?\s+"
                             r"(?:still\s+|just\s+)?"
                             r"(?:(?:sitting|lying|resting|parked)(?:\s+there)?\s+)?(?:in\s+(?:its|the)\s+dock"
                             r"|unplugged|not\s+(?:yet\s+)?"
                             r"(?:plugged\s+in|connected|in))\s*[.;](?=\s*\S)")
# A question the request does not wait for: "Is the cable still in its dock? Either way, put ..."
_QUESTION_EITHER_WAY = re.compile(r"[^.;!?]*\?\s*(?:either\s+way|regardless|in\s+any\s+case"
                                  r"|whatever\s+the\s+answer)\s*,")
# "pick up the blue ring - yes, that one - and ...": the speaker agreeing with themself
_THAT_ONE = re.compile(r"\s*(?:-+|,|;|\u2014|\u2013)\s*(?:yes|yep|yeah),?\s+that\s+one\s*(?:-+|,|;|\u2014|\u2013)\s*")
# A pick and its place tied by "it": "grab the red ring, then lower it onto the blue post"
_PICK_THEN_PLACE = re.compile(rf"\b(?:grab|take|pick\s+up|lift|get|hold|pick|find|locate|spot)\s+(?:up\s+)?the\s+"
                              rf"(?P<ring>(?:{_COLOUR})\s+"
                              rf"(?:{_RING_NOUNS}))(?:\s+up)?\s*,?\s*(?:and\s+)?(?:then\s+)?(?P<verb>[a-z]+)\s+it\s+"
                              r"(?P<target>(?:down\s+)?(?:on|onto|over|around|to)\s+the\b)")
# A ring pointed out before its step ("See the blue ring? Put that one on ...", "first find the blue ring, see it? Put
# it on ..."): "take the blue ring and ..."
_POINTED_OUT = re.compile(rf"\b(?:do\s+you\s+)?see\s+the\s+(?P<seen>(?:{_COLOUR})\s+(?:{_RING_NOUNS}))\s*\?"
                          rf"|\b(?:find|spot|locate)\s+the\s+(?P<found>(?:{_COLOUR})\s+(?:{_RING_NOUNS}))\s*,?\s*"
                          r"(?:(?:do\s+you\s+)?see\s+it|got\s+it|found\s+it)\s*\?")
# Where something already named is, after the request ("Could you plug the cable in? The socket's right there on the
# table."), and a request asked again or said yes to in other words ("... Can you do that?", "... sort that out would
# ya?", a reply to the request quoted before it: "> Could you ...?\n\nYes, please go ahead and do that."): they ask
# nothing more.
_RIGHT_THERE = re.compile(r"(?<=[.!?])\s*(?:the\s+\w+(?:\s+\w+)?|it|they)(?:'s|\s+is|\s+are|'re)\s+(?:right|just)\s+"
                          r"(?:over\s+)?(?:there|here|in\s+front\s+of\s+you)(?:\s+(?:on|by|at)\s+the\s+\w+)?\s*[.!]")
_DO_THAT = re.compile(r"(?<=[.!?])\s*(?:please\s+)?see\s+to\s+(?:it|that)(?:\s*,?\s*please)?\s*[.!]"
                      r"|(?:^|(?<=[.;:!?]))\s*yes\s*,?\s*(?:please\s+)?(?:go\s+ahead\s+and\s+)?do\s+(?:that|it|so)\b"
                      r"(?:\s+(?:when\s+you\s+get\s+a\s+chance|please|now))?\s*[.!]?"
                      r"|(?<=[.!?,])\s*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|(?:would\s+you\s+)?mind\s+)"
                      r"(?:sort(?:ing)?|fix(?:ing)?|mak(?:e|ing)\s+(?:that|this|it)\s+happen)(?:\s+(?:that|this|it))?"
                      r"(?:\s+out)?(?:\s+for\s+me)?\s*[?.!]"
                      r"|(?<=[.!?,])\s*(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:(?:do|handle"
                      r"|take\s+care\s+of)\s+"
                      r"(?:that|this|it|those(?:\s+two)?|them(?:\s+both)?|both)|sort\s+(?:that|this|it)\s+out)"
                      r"(?:\s+for\s+me)?(?:\s*,?\s*please)?\s*\?"
                      r"|(?<=[.!?,])\s*(?:so\s+)?(?:please\s+)?make\s+(?:that|this|it)\s+happen(?:\s*,?\s*please)?"
                      r"(?:\s+(?:pls|thx))*\s*(?:[.!?]|$|(?=,))"
                      r"|(?:(?<=[.!?])|(?<=[\u2014\u2013-]))\s*sort\s+(?:that|this|it)\s+out(?:\s*,?\s*(?:would|will"
                      r"|could|can)\s+"
                      r"(?:ya|you))?\s*[?.!]")


def _without_scene(sentence: re.Match[str]) -> str:
    """A sentence that only describes the scene, dropped; one with any other word kept."""
    tokens = _tokens(sentence["rest"])
    described = all(t.word in _SCENE_WORDS or t.category in ("colour", "ring", "peg", "cable", "socket") for t in tokens)
    if sentence[0].rstrip().endswith(",") and any(t.category in ("colour", "ring", "peg") for t in tokens):
        return sentence[0]  # "there's a green ring on the table, please pick that one up and ...": what "that one" is
    return " " if tokens and described else sentence[0]


_STEP_CATEGORIES = {"colour", "ring", "peg", "cable", "socket", "pronoun", "negation", "plug_verb", "place_verb",
                    "refused_verb"}


def _names_something(words: str, verbs: bool = True) -> bool:
    """Whether ``words`` name a thing a step acts on, a verb of the vocabulary or an order ("first thing"); with
    ``verbs`` False a verb alone does not count ("we need the rig connected for the next test": the rig)."""
    categories = _STEP_CATEGORIES if verbs else _STEP_CATEGORIES - {"plug_verb", "place_verb", "refused_verb"}
    return any(t.category in categories | {"all"} or t.word in _ORDER_WORDS for t in _tokens(words))


def _without_label(label: re.Match[str]) -> str:
    """A label dropped where it names nothing a step acts on and no other time; a rank before it stays ("but first
    work order:": "but first")."""
    words = label["label"].split()
    ranks = list(itertools.takewhile(lambda word: word in _ORDER_WORDS | {"but", "and", "then"}, words))
    if _names_something(" ".join(words[len(ranks):])) or _ANOTHER_TIME.search(label["label"]):
        return label[0]  # "reminder for tomorrow morning:" stays, to be asked about
    return f" {' '.join(ranks)} "


def _without_context(sentence: re.Match[str]) -> str:
    tokens = _tokens(sentence["rest"])
    following = [*tokens[1:], None]
    categories = {t.category for i, (t, after) in enumerate(zip(tokens, following))
                  # "a calibration check": a refused verb used as a noun
                  if not (t.category == "refused_verb" and i
                          and tokens[i - 1].word in ("a", "an", "the", "calibration"))
                  and not (t.base == "set" and after and after.word == "up")  # "setting up the demo"
                  # "this demo": a determiner, not a pronoun standing for a step
                  and not (t.word in ("this", "that") and after and after.category is None
                           and after.word not in _ORDER_WORDS | _FILLER)}
    return "" if not categories & _STEP_CATEGORIES else sentence[0]


# A peg named first, the ring it is to hold after: "the yellow peg should get the red ring", "the red post takes the
# blue hoop", "I want the blue post wearing the red hoop", "get the yellow peg to hold the red ring", "give the blue
# peg the green ring": "put the red ring on the yellow peg". A verb of having, or "give", must be there: "... on the
# green peg the blue ring on ..." is two steps without their comma.
_PEG = rf"(?P<peg>{_COLOUR})\s+(?P<peg_noun>{_PEG_NOUNS})"
_RING = rf"(?P<ring>{_COLOUR})\s+(?P<ring_noun>{'|'.join(sorted(OBJECT_NOUNS['ring']))})\b"
# A colour standing for its object, the noun left out: "onto the green goes the blue", "the yellow needs the green".
_BARE_PEG = rf"(?P<peg>{_COLOUR})(?:\s+(?P<peg_noun>{_PEG_NOUNS}))?"
_BARE_RING = rf"(?P<ring>{_COLOUR})(?:\s+(?P<ring_noun>{'|'.join(sorted(OBJECT_NOUNS['ring']))}))?\b"
_PEG_FIRST = re.compile(rf"\b(?:(?:get|have|make|let)\s+)?the\s+{_BARE_PEG}\s+"
                        r"(?:(?:should|must|will|can|needs\s+to|has\s+to|ought\s+to|is\s+to|to)\s+)?"
                        rf"(?:get|gets|receive|receives|take|takes|hold|holds|want|wants|need|needs|have|has|wear"
                        rf"|wears|wearing"
                        r"|sporting|carrying|bearing)"
                        rf"\s+the\s+{_BARE_RING}"
                        r"(?:\s+on\s+it)?")
_PEG_GIVEN = re.compile(rf"\bgive\s+the\s+{_PEG}\s+the\s+{_RING}")
_PEG_IS_WHERE = re.compile(rf"\bthe\s+{_PEG}\s+is\s+where\s+the\s+{_RING}\s+(?:goes|belongs|should\s+go"
                           rf"|needs\s+to\s+go)\b")
# The destination fronted before its verb: "onto the blue peg goes the red ring".
_PEG_BEFORE_VERB = re.compile(rf"\b(?:onto|on|over|around)\s+the\s+{_BARE_PEG}\s+(?:(?:should|must|will|can)\s+)?"
                              rf"(?:goes|go|belongs|comes|sits|slides|drops)\s+the\s+{_BARE_RING}")
# A wish for how things end up, said of a ring, a peg or the cable: "Ideally the red ring would end up on the blue
# peg.", "It'd be great if the red ring could end up on the blue peg.", "Would be great if the green donut ended up on
# the red spike", "it would be nice if the yellow peg had the green ring on it", "It would be nice if the cable were
# plugged into the socket": the request it makes.
_WISH_LEAD = (r"(?:\bideally,?\s+|\b(?:it(?:'d|\s+would)\s+|would\s+)be\s+(?:really\s+|so\s+)?(?:great|good|nice|ideal"
              r"|helpful|perfect|lovely|awesome)\s+if\s+)")
_WISH_RING = re.compile(_WISH_LEAD + rf"(?P<ring>the\s+(?:{_COLOUR})\s+(?:{_RING_NOUNS}))\s+"
                        r"(?:(?:would|should|could|can)\s+(?:end\s+up|be|go|sit)|ended\s+up|were|was|sat|went)\s+"
                        r"(?=(?:on|onto|over)\b)")
_WISH_PEG = re.compile(_WISH_LEAD + rf"the\s+{_PEG}\s+had\s+the\s+{_RING}(?:\s+on\s+it)?")
_WISH_CABLE = re.compile(_WISH_LEAD + r"the\s+(?:cable|cord|plug|lead|wire|connector)\s+(?:were|was|got|could\s+be"
                         r"|would\s+be)\s+(?:plugged|connected)\s+(?=(?:in|into|to)\b)")


def _wish_as_request(text: str) -> str:
    """``text`` with each :data:`_WISH_RING`, :data:`_WISH_PEG` and :data:`_WISH_CABLE` said as the step it asks for."""
    text = _WISH_PEG.sub(r"put the \g<ring> \g<ring_noun> on the \g<peg> \g<peg_noun>", text)
    return _WISH_CABLE.sub("plug the cable ", _WISH_RING.sub(r" put \g<ring> ", text))


# A prohibition over a pick and its place, tied by "it": "don't grab the green ring and put it on the red peg" is one
# forbidden placement (read as two steps, its "it" would be the placement, asked for and forbidden at once).
_PROHIBITED_PICK_AND_PLACE = re.compile(
    rf"\b(?P<lead>don't|dont|never|(?:make|be)\s+sure\s+not\s+to|try\s+not\s+to)\s+\w+\s+(?:up\s+)?the\s+{_RING}"
    rf"(?:\s+up)?\s+and\s+\w+\s+(?:it|that\s+one)\s+(?:on|onto|over|around|in|into)\s+the\s+{_PEG}")
# A step that only asks for the step just stated: "(so) (please) put it there" (a placement), "(so) do that", "could
# you take care of that?".
_RESTATEMENT = re.compile(r"^(?:(?:so|and|please|just|go\s+ahead\s+and|can\s+you|could\s+you)\s+)*"
                          r"(?:(?P<there>(?:put|place|set|move|get|hang|leave)\s+(?:it|that|that\s+one)\s+(?:on\s+)"
                          r"?there)"
                          r"|(?:do|make)\s+(?:it|that|so)|do\s+the\s+(?P<named>ring|rings|cable|plug)(?:\s+(?:one|step"
                          r"|part|bit))?|(?:just|only)\s+the\s+(?P<bare>ring|cable)"
                          rf"|do\s+the\s+(?P<colour>{_COLOUR})(?:\s+(?:one|ring))?"
                          r"|(?:take\s+care\s+of|handle|deal\s+with|sort\s+out)\s+(?:it"
                          r"|that|this)|sort\s+(?:it|that|this)\s+out|see\s+to\s+(?:it|that))(?:\s+(?:please|pls|plz"
                          r"|for\s+me))?\s*$")
# A purpose said before the step ("So the cable is ready for the test run, plug it in", "so that the red ring is
# safe, ..."): it states an end, not a step; the step after it says what to do.
_LEADING_PURPOSE = re.compile(r"(?:^|(?<=[.;!?]))\s*(?:so(?:\s+that)?|in\s+order\s+that)\s+(?:the|it|everything)\b"
                              r"[^,;.!?]*?\b(?:is|are|will\s+be|can\s+be|gets?)\b[^,;.!?]*,\s*(?=\S)"
                              # "For the next part of the setup, X": the occasion, where the order is as said
                              r"|(?:^|(?<=[.;:!?\"\u201c]))\s*for\s+(?:the\s+)?(?:next|upcoming|coming|this"
                              r"|today's)\s+(?:part"
                              r"|step|stage|phase|round|run|test|trial|session|demo)(?:\s+of\s+(?:the|this|our)\s+\w+)?"
                              r"\s*,\s*(?=\S)")
# A sentence that says where a ring is ("the red ring is on the blue peg", "Done, the blue hoop's already on the green
# post"), or what the speaker did ("I put the green ring on the yellow peg earlier", "we already plugged the cable
# in"): a statement, not an instruction. Said in an order clause ("once the red ring is on ...") it is a condition.
_STATEMENT_LEAD = r"(?:(?:done|ok(?:ay)?|alright|right|so|well|yes|good\s+news|update|status)\s*[,:\-\u2014]?\s*)?"
_STATEMENT = re.compile(rf"^\s*{_STATEMENT_LEAD}(?:the\s+)?(?:{_COLOUR})\s+(?:{_RING_NOUNS}|one)(?:\s+is|'s)\s+"
                        r"(?:(?:now|already|still|currently|sitting|hanging|resting)\s+)*(?:on|around|over)\b")
_CABLE_STATEMENT = re.compile(rf"^\s*{_STATEMENT_LEAD}(?:the\s+)?(?:cable|plug|cord|wire|lead|connector)(?:\s+is|'s)\s+"
                              r"(?:already|still|now)\s+(?:plugged|connected|in|inserted|seated)\b")
# Words for someone else, or about what someone said: "tell Sam to plug the cable in", "remind me later to ...",
# "she said to put ...", "my boss asked for ...": not an instruction to the robot.
_FOR_SOMEONE_ELSE = re.compile(r"^\s*(?:(?:please|can\s+you|could\s+you|would\s+you)\s+)?(?:tell|ask|remind|instruct"
                               r"|order)\s+\w+(?:\s+\w+){0,2}\s+to\b"
                               r"|^\s*(?!(?:i|we|you)\b)(?:(?:my|our|the|his|her|their)\s+)?\w+\s+"
                               r"(?:said|says|told|asked"
                               r"|wrote|mentioned|states|recommends)\b")
# A step left to people: "the cable should only be plugged in by certified staff", "... is to be done by hand".
_BY_SOMEONE_ELSE = re.compile(r"\b(?:be|been|being|is|are|gets?|get)\s+(?:\w+\s+){0,2}?(?:plugged|placed|put|inserted"
                              r"|connected|moved|hung|done|handled|seated|mounted|installed)\b[^.;!?]*?\bby\s+"
                              r"(?:(?:a|an|the|our|your|trained|certified|qualified|authori[sz]ed|licensed|lab"
                              r"|human)\s+)*"
                              r"(?:staff(?:\s+members?)?|technicians?|humans?|people|persons?|operators?|engineers?"
                              r"|personnel|someone|somebody|me|us|hand|supervisors?|electricians?|team|crew|colleagues?"
                              r"|adults?)\b")
# Words addressed to another robot: "Robot B: plug the cable in."
_OTHER_ROBOT = re.compile(r"(?:^|(?<=[.;!?]))\s*(?:robot|bot|arm|unit)\s+(?:[a-z]|\d+|two|one)\s*[:,]"
                          # "The other robot will handle putting ...": a step left to another robot
                          r"|\b(?:the\s+other|another|a\s+second)\s+(?:robot|bot|arm)\s+(?:will|'ll|is\s+going\s+to"
                          r"|can|should|shall|handles|is\s+handling|does|is\s+doing|takes\s+care)\b")
# What a video or manual shows others doing ("In the training video they plug the cable in first"), and that with no
# request of the robot after it ("..., but you should just X" is one)
_SHOWN_IN = (r"\bin\s+the\s+(?:training\s+|demo\s+|instruction(?:al)?\s+|example\s+)?(?:video|demo|manual|tutorial"
             r"|example|recording|clip|slides?)\s*,?\s*(?:they|he|she|someone|somebody|the\s+\w+)\s+")
_SHOWN_ELSEWHERE = re.compile(_SHOWN_IN + r"(?![^;.!?]*,?\s*but\s+you\b)")
# What someone else did: "Last shift somebody put the red ring on the yellow peg.", "Priya already put ..."
_DONE_BY_OTHERS = re.compile(r"^\s*(?:(?:last\s+\w+|earlier|yesterday)\s*,?\s*)?(?:somebody|someone|they|he|she"
                             r"|the\s+\w+\s+"
                             r"(?:crew|shift|team))\s+(?:already\s+|just\s+)?(?:put|placed|moved|plugged|connected|hung"
                             r"|set"
                             r"|did|stacked|slid|dropped)\b"
                             # "Done - the cable's been plugged in by Sam.", "the red ring has already been placed"
                             r"|^\s*(?:done\s*[-:,\u2014\u2013]?\s*)?(?:the\s+)?(?:\w+\s+)?\w+(?:'s|\s+has"
                             r"|\s+have)\s+(?:already\s+)?"
                             r"been\s+(?:plugged|placed|put|moved|connected|inserted|hung|seated|mounted|done|set)\b"
                             # "Priya already put ...", "Sam plugged the cable in an hour ago"
                             r"|^\s*(?!(?:please|then|now|just|and|robot|bot|arm)\b)[a-z]+\s+(?:already\s+(?:put|placed"
                             r"|moved|plugged|connected|hung|set|did|stacked|slid|dropped|inserted|hooked)\b"
                             r"|(?:put|placed|moved|plugged|connected|hung|stacked|slid|dropped|inserted)\b[^.;!?]*\b"
                             r"(?:yesterday|last\s+(?:night|shift|week)|an?\s+(?:hour|while|minute)\s+ago"
                             r"|\d+\s+\w+\s+ago)"
                             r"\b)")
# A step for someone else to do: "my colleague needs to place ...", "Sam is going to plug ...". The subject is checked
# to be no word of the lexicon ("the cable needs to go in" is a request).
_THIRD_PARTY = re.compile(r"^\s*(?P<subject>(?:my|our|his|her|their|your)\s+\w+|[a-z]+)\s+(?:(?:needs|has|wants"
                          r"|is\s+going"
                          r"|plans|intends|is\s+supposed|will\s+need|will\s+have)\s+to|will|'ll|shall|is\s+about\s+to)"
                          r"\s+(?!be\b)")
_NOT_THIRD_PARTY = {"i", "we", "you", "u", "it", "this", "that", "which", "one", "everything", "robot", "arm"}
# Words that mean the opposite of what they say: "oh sure, plug the cable in, because that went so well last time".
_SARCASM = re.compile(r"^\s*(?:oh\s+(?:sure|yeah|great|right)|yeah\s+right)\b"
                      r"|\b(?:went|worked|turned\s+out|ended)\s+(?:so|really|super|just)\s+(?:well|great|nicely)\b"
                      r"|\bwhat\s+could\s+(?:possibly\s+)?go\s+wrong\b"
                      r"|\bif\s+you\s+want\s+(?:to\s+)?(?:get\s+)?(?:us|me|everyone|everybody|yourself|someone|people)"
                      r"\s+(?:all\s+)?(?:fired|sacked|killed|hurt|electrocuted|in\s+trouble)\b")
_REQUESTING_MODALS = {"can", "could", "would", "will"}
# A condition the robot cannot check, a hypothetical, or a permission rather than a request: "as long as the power
# upstairs is off", "in theory", "you're allowed to plug the cable in", "when I say go".
_CONDITION = re.compile(r"\bwait\s+(?:until|till|for)\s+(?!you(?:'ve|\s+have|\s+are|'re)?\b|(?:this|that|it)(?:'s"
                        r"|\s+is|\s+has\s+been)"
                        r"\s+(?:done|finished|complete[d]?|in|seated|there)\b)|\b(?:as|so)\s+long\s+as\b"
                        r"|\bprovided\s+(?:that\b)?|\bin\s+case\b|\bon\s+(?:the\s+)"
                        r"?condition\b"
                        r"|\bassuming\b|\bin\s+theory\b|\btheoretically\b|\bhypothetically\b"
                        # fiction: "in my novel the robot puts ..."
                        r"|\bin\s+(?:my|our|the|a|his|her|their)\s+(?:novel|story|book|script|screenplay|game|dream"
                        r"|film"
                        r"|movie|play|comic|fanfic|fiction|fantasy|imagination)\b"
                        r"|\byou(?:'re|\s+are)\s+(?:allowed|permitted)\s+to\b"
                        # a skill to be learnt: "I hope we can teach you to stack ..."
                        r"|\b(?:teach|train|program|programme)\s+you\s+(?:how\s+)?to\b"
                        # a signal the robot cannot perceive: "when I say go", "once the green light comes on"
                        r"|\b(?:when|once|until|till|after|as\s+soon\s+as)\s+(?:i|we|someone|somebody|they)\s+(?:say"
                        r"|give|signal"
                        r"|tell|nod|shout|call|wave|arrive|get\s+here|come|clap)"
                        r"|\bwait\s+(?:until|till|for)\s+(?:i|we|my|our|someone|somebody|the\s+(?:signal|go|word|light"
                        r"|bell))\b"
                        r"|\b(?:light|signal|bell|alarm|buzzer|lamp|led)\s+(?:comes?\s+on|goes?\s+(?:on|off|green|red)"
                        r"|turns?\s+\w+"
                        r"|sounds?|rings?|flashes)\b"
                        # while someone does something, or with a hand in the way: "while my fingers are still inside
                        # the socket" ("while you're at it" only adds a step)
                        r"|\bwhile\s+(?!you(?:'re|\s+are)\s+at\s+it\b)(?:i|we|he|she|they|someone|somebody|people|my"
                        r"|our"
                        r"|his|her|their|your)\b"
                        r"|\b(?:fingers?|hands?|arms?)\s+(?:is|are|'s|'re)\s+(?:still\s+)?(?:in|inside|on|near|touching"
                        r"|over)\b"
                        # someone's arrival or leaving: "when Maria comes in", "when my supervisor walks in"
                        r"|\b(?:when|once|after|as\s+soon\s+as|until|till)\s+(?:\w+\s+){1,3}?(?:(?:comes?|walks?"
                        r"|steps?|shows?|checks?)\s+(?:in|back|here|up|over|by)|gets?\s+(?:here|back)|arrives?|returns?"
                        r"|leaves?|(?:is|'s)\s+(?:here|back|gone|around))\b"
                        r"|\b(?:less|more)\s+(?:important|urgent|useful|pressing)\s+than\b")
# Something broken or in the way: "the green ring is cracked", "the blue peg is broken, skip that", "there's a cup in
# the way".
_HAZARD = re.compile(r"\b(?:cracked|broken|damaged|bent|frayed|exposed|sparking|smoking|on\s+fire|burning|leaking"
                     r"|in\s+the\s+way|obstructed|snapped|shattered|chipped|melted|scorched|in\s+(?:half|pieces)"
                     r"|(?:split|cut)\s+in\s+two)\b"
                     # someone holding a thing the robot works on: "i'm just holding the socket steady with my fingers"
                     r"|\b(?:i'm|i\s+am|we're|we\s+are|(?:he|she|someone|somebody)(?:'s|\s+is))\s+(?:just\s+|still\s+)?"
                     r"(?:holding|gripping|steadying|touching)\s+(?:the|a|your)\s+(?:socket|plug|cable|cord|peg|pegs"
                     r"|ring"
                     r"|rings|arm|gripper)\b|\bwith\s+my\s+(?:bare\s+)?(?:fingers|hands?)\b"
                     # someone in the workcell now: "Sam is leaning over the table", "Dev's reaching into the cell"
                     r"|\b(?:is|are|'s|'re)\s+(?:still\s+)?(?:leaning|kneeling|reaching|bending|working|crouching)\s+"
                     r"(?:over|on|against|across|into|in|near|next\s+to|beside|by|at|under"
                     r"|in\s+front\s+of)\s+(?:the|your)\s+(?:table|bench|arm|robot|socket|workspace|workcell|cell"
                     r"|rings?|pegs?|cable|gripper)\b"
                     # a hand or sleeve still at something: "oh wait, my hand's still holding the plug"
                     r"|\b(?:hand|hands|finger|fingers|arm|arms|face|head|sleeve|body)(?:'s|\s+is|\s+are|'re)\s+"
                     r"(?:still\s+)?(?:holding|gripping|touching|on|in|inside|near|under|over|next\s+to|by|around"
                     r"|caught|stuck)\b"
                     # not waiting for someone to move or finish: "don't wait for Sam to move his hand"
                     r"|\b(?:don't|do\s+not|no\s+need\s+to)\s+wait\s+for\s+\w+\s+to\b")
# A speed, force, path or timing the skills cannot be asked for, or two things at once: each skill moves its own way,
# one at a time ("at half your normal speed", "in under a second", "as hard as you can", "with your fingertips", "in a
# straight line", "30 cm high", "at the same time"). Read on the instruction as given, its numbers still there.
_UNHONOURED_MANNER = re.compile(
    r"\b(?:at|with)\s+(?:half|double|twice|full|top|max(?:imum)?|min(?:imum)?|a\s+(?:third|quarter)\s+of|\d+\s*%\s+of)"
    r"\s+(?:(?:your|the|its)\s+)?(?:(?:normal|usual)\s+)?speed\b"
    r"|\b(?:\w+\s+)?times\s+(?:slower|faster|quicker)\b|\b(?:slower|faster|quicker)\s+than\s+(?:usual|normal|before)\b"
    r"|\b(?:within|in\s+under|in\s+less\s+than)\s+(?:\d+(?:\.\d+)?\s*|(?:a|one|two|three|four|five|ten)\s+)"
    r"(?:seconds?|secs?|s|minutes?|mins?|ms|milliseconds?)\b"
    r"|\bin\s+(?:\d+(?:\.\d+)?\s*|(?:a|one|two|three|four|five|ten)\s+)(?:seconds?|secs?|s|ms|milliseconds?)\b"
    r"(?!\s*,\s*(?:once|when|after)\b)"  # "... and in a sec, once that's finished, Y": then
    r"(?!\s+(?:step|one|task|part|thing|stage|round|go|place))"
    r"|\bas\s+(?:hard|firmly|tight(?:ly)?|forcefully|fast)\s+as\s+(?:you\s+can|possible)\b"
    r"|\b\d+(?:\.\d+)?\s*(?:m|cm|mm|deg|degrees?)\s*(?:/\s*s(?:ec)?|per\s+second)\b|\bmax(?:imum)?\s+(?:speed"
    r"|velocity)\b"
    r"|\b(?:extra|really|very|super)\s+(?:tight(?:ly)?|hard|firm(?:ly)?|forcefully)\b|\b(?:loosely|forcefully)\b"
    r"|\bwith\s+(?:(?:at\s+(?:least|most)|exactly|precisely|about|around|roughly|approximately)\s+)?\d+(?:\.\d+)?\s*"
    r"(?:n|newtons?|kg|lbs?)\b|\bnewtons?\b|\bof\s+force\b"
    r"|\bwith\s+(?:just\s+|only\s+)?(?:your\s+|the\s+)?fingertips\b"
    r"|\bin\s+a\s+(?:perfectly\s+|completely\s+)?(?:straight\s+line|arc|circle|curve|spiral)\b"
    r"|\b\d+(?:\.\d+)?\s*(?:cm|mm|centimet(?:er|re)s?|millimet(?:er|re)s?|inch(?:es)?|in)\s+"
    r"(?:high|up|above|below|off|away)\b"
    r"|\b(?:at\s+the\s+same\s+time|simultaneously|both\s+at\s+once|in\s+parallel|in\s+one\s+go)\b"
    r"|\b(?:rings?|them|both)\s+together\b")
# "some of the rings", "a few rings": how many, and which?
_VAGUE_QUANTITY = re.compile(rf"\b(?:some|a\s+few|several|a\s+couple|most|many|a\s+number)\s+(?:of\s+(?:the\s+)?)?"
                             rf"(?:{_RING_NOUNS})s\b")
# A sentence that says what something else does, led by its subject: "The robot over in lab B plugs its cable into
# the socket every hour."
_DESCRIPTION = re.compile(r"^\s*(?:the|a|an|my|our|their|this|that|every|each)\s+(?:[\w']+\s+){0,5}?(?:plugs|puts"
                          r"|places"
                          r"|hangs|inserts|connects|moves|sets|stacks|drops|slides|threads)\b")
# "The last thing you should do is X": "do X last", or "never do X" (the idiom); ask which.
_LAST_THING_IDIOM = re.compile(r"\bthe\s+last\s+thing\s+(?:you|anyone|we|one)\s+(?:should|would\s+want\s+to|want\s+to"
                               r"|ought\s+to|need\s+to|must)\s+do\s+is\b")
# A question put indirectly ("could you tell me whether ...", "do you know if ...", "would it be a bad idea to ..."), or
# about the speaker's own next step ("should I plug the cable in now?").
_INDIRECT_QUESTION = re.compile(r"\b(?:tell|show)\s+me\s+(?:whether|if|which|where|what|how|why)\b"
                                r"|\b(?:be|is)\s+(?:a\s+)?(?:good|bad|wise|smart)\s+idea\b"
                                r"|\b(?:know|wonder(?:ing)?|ask(?:ing)?)\s+(?:whether|if)\b"
                                r"|^\s*(?:would|will|is)\s+it\s+(?:be\s+)?(?:a\s+)?(?:good|bad|ok|okay|wise|safe|smart"
                                r"|fine"
                                r"|problem|mistake)\b"
                                r"|^\s*(?:should|shall|must|do)\s+(?:i|we)\b"
                                # "could the green ring even fit on the red peg?": whether it can, not a request
                                rf"|^\s*(?:could|can|would|will|does|do|might)\s+(?:the\s+|that\s+|this\s+)?(?:\w+\s+)?"
                                rf"(?:{_RING_NOUNS}|{_PEG_NOUNS}|cable|plug|cord|wire|connector)s?\s+"
                                r"(?:(?:even|actually|really|possibly|ever)\s+\w+|fit)\b")
_DONE_BY_SPEAKER = re.compile(r"^\s*(?:(?:fyi|btw|heads\s+up)\s*[,:\-]?\s*)?(?:(?:earlier|before|already)[\s,]+)?"
                              r"(?:i|we)\s+(?:(?:just|already|have|'ve|had|'d"
                              r"|did)\s+)*"
                              r"(?:put|placed|moved|set|stacked|hung|dropped|slid|plugged|connected|inserted|attached"
                              r"|hooked|seated|did|finished)\b")
# Words that take back what was just said, with nothing after them ("plug the cable in. Scratch that.", "..., just
# kidding"), and "... -- or not, your call": nothing is asked.
_WITHDRAWN = re.compile(r"(?:^|[,;]\s*|\s)(?:scratch\s+that|forget\s+(?:i\s+said\s+)?(?:that|it)|(?:just|only)"
                        r"\s+kidding|never\s*mind"
                        r"|leave\s+(?:everything|it\s+all|all\s+of\s+it)(?:\s+(?:where|as)\s+it\s+is|\s+alone)?"
                        r"|cancel\s+(?:that|it)|ignore\s+(?:that|what\s+i\s+said)|disregard\s+(?:that|this)"
                        r"|or\s+not(?:\s*,?\s*(?:your|you)\s+(?:call|choice|decide))?)[\s,]*$")
# A sentence after the steps that takes one of them back ("X and Y. Oh, forget the red one.", "... Skip the cable."):
# read as the self-correction "actually, forget ..." is, which drops the steps it names. Not at the start, where
# "Forget the red ring, put the green ring on the yellow peg" forbids what follows.
_LATER_WITHDRAWAL = re.compile(r"(?<=[.!;])\s+(?:(?:oh|ah|hmm+|um+|erm|uh|ok(?:ay)?)\s*,?\s+)?"
                               r"(?=(?:forget|skip|scratch)\s+(?:about\s+)?(?:the|that)\b)", re.IGNORECASE)
# A bare step hedged ("maybe put the red ring on the blue peg", "perhaps plug the cable in"): a thought, not yet an
# instruction. "Maybe you could put ..." asks politely, and is one.
_HEDGED = re.compile(r"^\s*(?:(?:so|ok|okay|well|hmm|um)[\s,]+)?(?:maybe|perhaps|possibly)[\s,]+"
                     r"(?!(?:you|u|we|i|it|could|would|can|will)\b)")
# "Before X, Y and then Z": X comes after every step of the sentence, not only Y (the clause splitter cuts at "then").
_LEADING_BEFORE = re.compile(r"(?:^|(?<=[.;!?]))\s*before\s+(?!(?:that|this|anything|everything|all|doing|you\s+do)\b)"
                             r"(?P<sub>[^,.;!?]+),\s*(?P<main>[^.;!?]+)")
# A step named by its rank: "your first job is ...", "the second task will be ...", "next is ...", "last thing: ...",
# "the first task, to be done before it: ...", "the opening step, which comes before it: ...", "as your last action,",
# "in a second step,", "your opening job, to be done earlier: ...", "the final thing I want: ...".
_ORDINAL_LABEL = re.compile(r"\b(?:(?:your|the|my)\s+)?(?:very\s+)?(?P<ordinal>first|second|third|next|last|final"
                            r"|opening|initial"
                            r"|closing|concluding|finishing)(?:\s+(?:job|task|step|thing|one|action|move|objective"
                            r"|goal|item|mission))?"
                            r"(?:\s*,\s*(?:(?:to\s+be\s+done|which\s+comes|that\s+comes)\s+(?:before|after)\s+(?:it"
                            r"|that|this)"
                            r"|to\s+be\s+done\s+(?:earlier|first|later|last|beforehand|afterwards))\s*)?"
                            r"(?:\s+(?:i|we)(?:'d|\s+would)?\s+(?:want|need|like)(?:\s+you)?)?(?:\s+to\s+do)?"
                            r"(?:\s+(?:is|will\s+be|should\s+be)\b(?:\s+to\b)?\s*:?|\s*:)"
                            r"|\b(?:as|in)\s+(?:(?:your|the|my|a)\s+)?(?:very\s+)?(?P<as_ordinal>first|second|third"
                            r"|next|last"
                            r"|final)\s+"
                            r"(?:job|task|step|stage|thing|action|move|place)\s*[,:]?")
_RANK_BEFORE = re.compile(r"\b(?:first|second|third|next|last|final|opening|initial|closing|concluding|finishing)"
                          r"(?:\s+(?:job|task|step|thing|one|action|move))?\s*$")
_ORDINAL_WORDS = {"opening": "first", "initial": "first", "closing": "last", "concluding": "last", "finishing": "last"}
# A destination said before its step: "onto the blue pole, drop the red loop": "drop the red loop onto the blue pole".
_FRONTED_PEG = re.compile(r"(?P<lead>^|[.;:!?,]|\b(?:then|which|first|second|third|next|last|lastly|finally|done"
                          r"|finished|step"
                          r"|that|this|though|else|with|and))\s*"
                          rf"(?:onto|on|over|around)\s+the\s+{_PEG}\s*,\s*(?P<verb>(?:please\s+)?"
                          rf"(?:{'|'.join(sorted(_WORDS['place_verb']))}))"
                          rf"\s+the\s+{_RING}")
# A message's envelope, read before the case goes (a name is a capitalised word): its greeting ("Hi team,", "Dear lab
# robot,", "Hi there \u2014 Anna from the vision group here.") and its sign-off ("Thanks, Maya", "Best, J.", "-Nina",
# "Kind regards, Dr. Okafor", "happy holidays, from Pete", "gotta run. Dev").
_GREETING = re.compile(r"^\s*(?i:hi+|hello|hey+|heya|hiya|howdy|g'?day|dear|yo|good\s+(?:morning|afternoon|evening)"
                       r"|morning"
                       r"|evening)\b(?:\s+(?i:there|all|team|everyone|folks|lab|robot|hi+|hello|hey+)\b"
                       r"|\s+[A-Z][a-z]+\b"
                       r"|\s+[a-z]+(?=\s*[,!:]))*"
                       r"(?:\s*/\s*(?i:robot))?\s*(?:[,!.:\u2014\u2013]+|\s-+\s)"
                       r"(?:\s*[A-Z][a-z]+\s+from\s+(?:the\s+)?[\w\s]{1,30}?\s+here\s*[.!])?")
_SIGNED_NAME = re.compile(r"(?:^|(?<=[\s,.;!?]))[-\u2013\u2014~]*\s*(?:(?i:from)\s+)?(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+)"
                          r"?"
                          r"(?:[A-Za-z]\.\s*)?(?P<name>[A-Za-z][a-z]+|[A-Za-z](?=\.?\s*$))\.?"
                          r"(?:\s*\([A-Z][\w&/ -]{0,30}\))?\s*$")  # and a team in brackets: "Priya (Ops)"
_CLOSING = re.compile(r"(?:^|(?<=[\s,.;!?]))(?i:(?:(?:many\s+)?thanks|thx)(?:\s+(?:so\s+much|a\s+lot|a\s+bunch"
                      r"|a\s+ton|heaps|again"
                      r"|in\s+advance))?|thank\s+you"
                      r"(?:\s+(?:so\s+much|very\s+much|again|ever\s+so\s+much))?|thx|ty|ta|cheers|best(?:\s+wishes)?|"
                      r"(?:kind|best|warm)?\s*regards"
                      r"|sincerely(?:\s+yours)?|appreciate\s+it|much\s+appreciated|have\s+a\s+(?:good|nice|great)\s+"
                      r"(?:one|day"
                      r"|weekend|evening)|happy\s+holidays|gotta\s+run|talk\s+soon|ttyl)\s*[,.!]*\s*$")
_MEANS_SOMETHING = {"twice", "again", "later", "tomorrow", "today", "tonight", "maybe", "never", "not", "now", "first",
                    "last", "done", "go", "stop", "wait", "no", "yes", "thanks"}


# A message's markup and routing, read first (ticket ids are upper case): @mentions, emoji, markdown (headers that name
# nothing, rules, emphasis, `code`), ticket ids and tags ("TASK-4821:", "[priority: low]", "[2024-05-14 09:12]"), a
# subject line before its body, who filed it ("requested_by=jsmith"), "sent from ...", a quoted relay's marks
# ("From Anna: 'Plug the cable in.'"), and the skills' own names ("run `plug_cable`").
_OWN_HANDLE = r"(?:robot|bot|the[-_]?robot|robotstack)\b"  # what this robot answers to after "@"
_MENTION = re.compile(rf"(?<![\w.])@{_OWN_HANDLE}[,:]?", re.IGNORECASE)
# Words addressed to someone else by name ("@arm-2 please place ..."), and a log's lines ("14:33 operator> ...",
# "robot> done"): what was said to another, or done, not a request to this robot.
_MENTIONS_ANOTHER = re.compile(rf"(?<![\w.])@(?!{_OWN_HANDLE})[\w.-]+", re.IGNORECASE)
_LOG_LINE = re.compile(r"(?m)^\s*(?:[\d:/.\-T]+\s+){0,2}[a-z][\w-]*>\s(?!\s*(?:queued|pending|scheduled)\s)",
                       re.IGNORECASE)
# A log's queue of what is still to do ("log> queued action #1: X"): numbered steps, not a record of what was done.
_QUEUED_LINE = re.compile(r"(?im)^[ \t]*(?:[\d:/.\-T]+\s+){0,2}[a-z][\w-]*>[ \t]*(?:queued|pending|scheduled)\s+"
                          r"(?:action|task|step|job|request|command)\s*(?:#|no\.?)?\s*(?P<rank>\d)\s*:")
# A markdown quote's marks ("> req: X", "[ ] > X", "Step 1: > X"): the quoted words are the request
_QUOTE_MARK = re.compile(r"(?m)(?:^|(?<=:)|(?<=\())[ \t]*(?P<item>(?:\[\s?\]|[-*\u2022]|\d{1,2}[.)])[ \t]+)?>[ \t]+")
# A document's section number before a step or a title ("SOP 4.2 (Ring placement): X", "SOP 7: Station setup"), and
# a procedure's items numbered within it ("7.1 X\n7.2 Y": steps 1 and 2)
_DOC_SECTION = re.compile(r"(?i)(?<![\w-])(?:sop|section|sec|procedure|proc|chapter|work\s+instruction|wi)\.?[ \t]*"
                          r"(?:\d{1,3}(?:\.\d{1,3})*|step)[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*(?::[ \t]*"
                          r"(?P<title>[^\n\"\u201d]*))?")
_OUTLINE_ITEM = re.compile(r"(?m)^[ \t]*(?P<number>\d{1,3}(?:\.\d{1,3})+)\.?[ \t]+(?P<item>\S[^\n]*)$")
# A title or a field's name before the steps, naming nothing ("Quest log, Chapter I:", "Quest objective:", "Mission
# briefing, agent.", "Exercise 4 (two parts, do them in order)", "Description:"), and a transcript's requester
# ("User:", "Operator:"): who frames the request, not what it asks
_TITLE_WORDS = (r"(?:quest|mission|briefing|objective|objectives|log|brief|memo|directive|assignment|agenda|recipe"
                r"|method|exercise|drill|lesson|homework|challenge|main|side|bonus|new|current|daily|agent|adventurer"
                r"|hero|ticket|request|today's|ingredients|materials|equipment|items|execute|command|description"
                r"|user|human|operator|me|customer|supervisor)")
_TITLE = re.compile(rf"(?im)(?:^|(?<=[.!?;]))[ \t]*{_TITLE_WORDS}(?:[ \t]*,?[ \t]+{_TITLE_WORDS})*"
                    r"(?:[ \t]+(?:#?\d{1,5}|[ivx]{1,4}))?(?:[ \t]*\((?P<note>[^()\n]{0,60})\))?"
                    r"[ \t]*(?:[:.](?=[ \t\n]|$)|,(?=\s*step\s+\d:)|(?(note)$|(?!)))")
# A ticket's line that restates the steps' end ("Acceptance criteria: both are done, (1) before (2).", "Expected
# result: ..."): what the steps above achieve, not a step
_CRITERIA_LINE = re.compile(r"(?im)^[ \t]*(?:acceptance\s+criteria|expected\s+(?:result|outcome|behaviou?r)"
                            r"|definition\s+of\s+done|done\s+when|success\s+criteria)[ \t]*:[^\n]*$")
# The robot's own reply in a pasted transcript, an acknowledgement only ("Assistant: Sure, on it.", "Robot:
# Acknowledged.", "Assistant: Sure, connecting it now."): it asks nothing
_OWN_REPLY = re.compile(r"(?im)^[ \t]*(?:assistant|robot|bot|ai|arm)[ \t]*:[ \t]*(?:sure|ok(?:ay)?|acknowledged|ack"
                        r"|roger"
                        r"(?:\s+that)?|copy(?:\s+that)?|understood|will\s+do|on\s+it|right\s+away|affirmative|yes)"
                        r"(?:[ \t,.!]+(?:sure|ok(?:ay)?|on\s+it|will\s+do|right\s+away|\w+ing\s+(?:it|that)\s+now))*"
                        r"[ \t.!]*$")
# Chapters, stages, levels numbered in roman or arabic ("Chapter II (unlocks when Chapter I is complete): X", "Phase 2
# ▶ X"), and a
# step label's note that names nothing but its order ("# step 2 (do after step 1): X"): a numbered step
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "one": 1, "two": 2, "three": 3}
_NUMBERED_PART = re.compile(r"(?im)\b(?:chapter|stage|level|act|round|step|task|job|part|phase|priority|order)\s+"
                            r"(?P<number>[1-5]|i{1,3}|iv|v|one|two|three)"
                            r"[ \t]*(?:\((?P<note>[^()\n]*)\))?[ \t]*(?::|[\u25b6\u25ba\u2192](?:\ufe0f)?|-+>|=>|$)")
# A note's heading ("Handover note, night shift:", "Shift notes 14:00"): who wrote it and when
_NOTE_HEADING = re.compile(r"(?im)^[ \t]*(?:(?:shift|handover|hand-?off|night|day|morning|evening|operator|supervisor"
                           r"|lab|setup|station)[ \t]+)+notes?\b[^:\n.]{0,30}[:.]?[ \t]*")


def _outline_in_order(text: str) -> str:
    """``text`` with a procedure's outline numbers ("3.2 Ring placement\n3.2.1 X\n3.2.2 Y\n3.3 ...\n3.3.1 Z") as
    numbered items in the order of their numbers: a heading (a number that the next item's number extends) goes."""
    lines = list(_OUTLINE_ITEM.finditer(text))
    if not lines:
        return text
    numbers = [tuple(int(part) for part in line["number"].split(".")) for line in lines]
    steps = [i for i, number in enumerate(numbers)
             if not (i + 1 < len(numbers) and numbers[i + 1][: len(number)] == number)]
    if len(steps) > 9:
        return text
    rank = {i: position + 1 for position, i in enumerate(sorted(steps, key=lambda i: numbers[i]))}
    for i in reversed(range(len(lines))):
        kept = f"({rank[i]}) {lines[i]['item']}" if i in rank else ""
        text = text[: lines[i].start()] + kept + text[lines[i].end():]
    return text


# A priority given as a field ("priority: normal", "prio=high"): how soon, which every request is, done now
_PRIORITY = re.compile(r"[|;,]?[ \t]*\b(?:priority|prio|urgency|severity)[ \t]*[:=][ \t]*"
                       r"(?:low|normal|medium|high|urgent|routine|standard|p[0-4])\b", re.IGNORECASE)
# "do this one FIRST \U0001F449 X": a label's mark; "X \u27a1\ufe0f Y": the arrow "\u2192"
_POINTING = re.compile(r"[ \t]*\U0001F449\uFE0F?[ \t]*")
_ARROW_EMOJI = re.compile("\u27a1\ufe0f?")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]")
_HEADER_LINE = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]*(?P<title>[^\n]*)$")
_RULE_LINE = re.compile(r"(?m)^[ \t]*(?:-{3,}|\*{3,}|_{3,}|={3,})[ \t]*$")
_EMPHASIS = re.compile(r"\*\*(?P<bold>[^*\n]+)\*\*|__(?P<under>[^_\n]+)__"
                       r"|(?<![\w*])\*(?P<italic>[^*\s][^*\n]*?)\*(?![\w*])"
                       r"|`(?P<code>[^`\n]+)`")
_TICKET = re.compile(r"(?m)^[ \t]*(?:\[\s*)?(?:[A-Z]{2,10}-\d{1,6}|#\d{2,6})(?:\s*\])?[ \t]*[:|\-\u2013\u2014]?[ \t]*")
_TAG = re.compile(r"\[\s*(?:log|info|ops|fyi|req|request|urgent|low|normal|high|medium)\s*\]"
                  r"|\[\s*(?:(?:priority|prio|severity|sev|tag|label|category|team|queue|ticket|ref|id|type)\s*[:=]\s*"
                  r"[\w ./-]{1,20}|p\d|sev\d|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
                  r"|\d{1,2}:\d{2}(?::\d{2})?)\s*\]", re.IGNORECASE)
_SUBJECT_LINE = re.compile(r"(?im)^[ \t]*(?:subject|subj|title|re)[ \t]*:[^\n]*\n[ \t]*(?:body[ \t]*:[ \t]*)?")
# A document's heading alone on its line: "MEMORANDUM", "WORK ORDER", "To-do (top to bottom):"
_HEADING_LINE = re.compile(r"(?im)^[ \t]*(?:memorandum|memo|work\s+order|job\s+sheet|task\s+list|to-?do(?:\s+list)?)"
                           r"[ \t]*(?:\((?:from\s+)?top\s+to\s+bottom\))?[ \t]*:?[ \t]*$")
_FILED_BY = re.compile(r"[|;,]?\s*\b(?:requested|reported|assigned|created|opened|submitted|filed)[_ -]?(?:by|to)"
                       r"\s*[=:]"
                       r"\s*[\w.@-]+", re.IGNORECASE)
_SENT_FROM = re.compile(r"(?im)^[ \t]*sent\s+(?:from|via)\s+[^\n]*$")
_QUOTED_RELAY = re.compile(r"(?im)^(?P<source>[ \t]*"
                           r"(?:(?:a\s+)?(?:message|note|forwarded|forwarding|relaying|relayed)\s+)?"
                           r"from\s+[^:\n]{1,30}):[ \t]*[\"'\u201c\u2018](?P<said>[^\n]+)[\"'\u201d\u2019][ \t]*$")
_SKILL_NAMES = {"plug_cable": "plug the cable", "place_ring": "place the ring"}
_SKILL_CALL = re.compile(rf"(?i)(?:\b[a-z_]\w*\.)?\bplace_ring\s*\(\s*(?:ring\s*=\s*)?[\"']?"
                         rf"(?P<ring>{_COLOUR})[\"']?\s*,\s*"
                         rf"(?:peg\s*=\s*)?[\"']?(?P<peg>{_COLOUR})[\"']?\s*\)"
                         r"|(?:\b[a-z_]\w*\.)?\b(?P<plug>plug_cable)\s*\(\s*(?:(?:into|to|target|socket"
                         r"|port)\s*=\s*[\"']?\w+[\"']?\s*)?\)")


def _whole_steps(before: str, after: str) -> bool:
    """Whether the words either side of a mark are two steps: the first ends on a peg, the socket or the cable (or
    names a ring and a peg, or the cable or socket with a verb for it: "ring=green, target peg=yellow", "seat its
    connector in the socket so it is properly connected"), and each names two of a ring, a peg, the cable, the socket
    and a verb of the vocabulary."""
    said = [[t.category for t in _tokens(re.sub(r"[^\w\s']", " ", side.lower())) if t.word not in _FILLER]
            for side in (re.sub(r"\s+(?:there|here)\s*$", "", before), after)]  # "... on the yellow peg there ->"
    named = {"ring", "peg", "cable", "socket", "place_verb", "plug_verb"}
    first = said[0]
    ring_then_peg = "ring" in first and "peg" in first and first[-1] in ("peg", "colour") and (
        len(first) - first[::-1].index("peg") > len(first) - first[::-1].index("ring"))  # its last peg after its ring
    return bool(first) and (first[-1] in ("peg", "socket", "cable") or ring_then_peg or (
        "plug_verb" in first and bool({"cable", "socket"} & set(first)))) and all(len(named & set(side)) >= 2
                                                                                  for side in said)


def _arrow_between_steps(arrow: re.Match[str]) -> str:
    """An arrow as "then" where the words either side of it are two whole steps; the words before it are those since
    the last mark, or before it where only courtesy follows that mark ("... stick?? ty ->")."""
    before = [part for part in re.split(r"-+>|=+>|\u2192|[\n.;:!?]", arrow.string[: arrow.start()])
              if not _only_filler(re.sub(r"[^\w\s']", " ", part.lower()))]
    after = re.split(r"-+>|=+>|\u2192|\n", arrow.string[arrow.end():])[0]
    return " ; then " if before and _whole_steps(before[-1], after) else arrow[0]


def _without_markup(text: str) -> str:
    """``text`` without its markup and routing (:data:`_MENTION` to :data:`_SKILL_NAMES`); a header that names
    something keeps its words."""
    text = _OWN_REPLY.sub("", _CRITERIA_LINE.sub("", text))
    # "> Should I plug the cable in now?\n\nYes, go ahead.": the robot's question, answered yes, is the request
    text = re.sub(r"(?im)^[ \t]*>[ \t]*(?:should|shall|can|may)\s+i\s+(?P<ask>[^\n?]+?)"
                  r"(?:\s+now)?\?[ \t]*\n\s*yes\b[ \t,.!]*"
                  r"(?:(?:please\s+)?(?:go\s+ahead|do\s+it|do\s+that|sure|please)[ \t,.!]*)*", r"\g<ask>. ", text)
    text = re.sub(r"(?im)^[ \t]*>[ \t]*(?P<asked>[^\n]*\?)[ \t]*$",
                  lambda quoted: quoted[0] if _names_something(quoted["asked"].lower()) else "", text)
    # "[task A]", "Part (a):": labelled items
    text = re.sub(r"(?i)\[\s*(?P<kind>task|step|job|part|item)\s+(?P<label>[a-e1-5])\s*\]", r"\g<kind> \g<label>:",
                  text)
    text = re.sub(r"(?i)\b(?P<kind>task|step|job|part|item)\s*\((?P<label>[a-e1-5])\)\s*:", r"\g<kind> \g<label>:",
                  text)
    # "Task A: X\nTask B (after A is done): Y": a note that only repeats the labels' order
    text = re.sub(r"(?i)\b(?P<kind>task|step|job|part|item|phase|stage)\s+(?P<label>[a-e1-5])\s*\(\s*"
                  r"(?:to\s+be\s+done\s+|do\s+this\s+)?(?:only\s+)?"
                  r"(?:after|once)\s+(?:task\s+|step\s+|job\s+|part\s+|item\s+|phase\s+|stage\s+)?(?P<before>[a-e1-5])"
                  r"(?:\s+(?:is|has\s+been|'s))?(?:\s+(?:done|finished|complete[d]?))?\s*\)\s*:",
                  lambda note: f"{note['kind']} {note['label']}:" if note["before"].lower() < note["label"].lower()
                  else note[0], text)
    text = re.sub(r"\[\s*(?P<place>\d)\s*/\s*\d\s*\]", r"(\g<place>)", text)  # "[1/2] X\n[2/2] Y"
    # a checklist's ticked item is done ("[x] plug cable (done this morning)"); "plug(cable, socket)": the plug step
    text = re.sub(r"(?m)^[ \t]*(?:[-*\u2022][ \t]*)?\[[xX\u2713\u2714]\][^\n]*$", "", text)
    text = re.sub(r"(?i)`?\bplug\s*\(\s*(?:(?:the\s+)?(?:cable|plug|cord|lead)\s*(?:,\s*(?:the\s+)?(?:socket|port"
                  r"|outlet)\s*)?)?\)`?",
                  " plug the cable into the socket ", text)
    # "Do this second: X Do this first: Y": a rank label inside a line begins a new step
    # (capitalised, a label wherever it stands; in lower case not after "so", "and", "then", "but", "please")
    text = re.sub(r"(?<=[^\s.;:!?])\s+(?=(?:Do|DO)\s+this\s+(?:first|second|third|last|next|afterwards?)\s*:)", ". ",
                  text)
    text = re.sub(r"(?i)(?<=[^\s.;:!?])(?<!\bso)(?<!\band)(?<!\bthen)(?<!\bbut)(?<!\bplease)\s+"
                  r"(?=do\s+this\s+(?:first|second|third|last|next|afterwards?)\s*:)", ". ", text)
    # "Sequence: X -> Y": an arrow between two whole steps, the first ending on where it ends ("red ring -> blue peg"
    # and "ring second (green -> red peg)" are one); "plug it in pls, cable -> socket": where it goes
    text = re.sub(r"(?i)\b(?:the\s+)?(?:cable|cord|plug|lead|wire)\s*(?:->|\u2192|=>)\s*(?:the\s+)?"
                  r"(?:socket|outlet|port"
                  r"|jack)\b", " cable into the socket ", _ARROW_EMOJI.sub(" \u2192 ", text))
    text = re.sub(r"(?:[ \t]+|(?<=\n)[ \t]*)(?:-+>|=+>|\u2192)[ \t]+(?=\S)", _arrow_between_steps, text)
    # "Two things, in this order: X / Y"; not a form's fields, "Ring: red / Peg: blue / Action: place", nor "Hi all /"
    text = re.sub(r"[ \t]+/[ \t]+", lambda slash: " ; " if _whole_steps(
        re.split(r"[\n/]", slash.string[: slash.start()])[-1], re.split(r"[\n/]", slash.string[slash.end():])[0])
        and not re.match(r"\w+[ \t]*:", slash.string[slash.end():]) else slash[0], text)
    # a run's clock ("t+0s:\nX\n\nt+30s (after the above is done):\nY"): the steps in its order
    text = re.sub(r"(?im)^[ \t]*t[ \t]*\+[ \t]*\d+[ \t]*(?:s|secs?|seconds|min|m)\b[ \t]*(?:\([^()\n]*\))?[ \t]*:",
                  " ; ", text)
    if re.search(r"(?im)^[ \t]*alpha[ \t]*:", text) and re.search(r"(?im)^[ \t]*bravo[ \t]*:", text):
        # "ALPHA: X\nBRAVO: Y\nALPHA before BRAVO.": tasks labelled in the phonetic alphabet
        text = re.sub(r"(?i)\b(?P<word>alpha|bravo|charlie)\b", lambda label: f"task {label['word'][0].lower()}", text)
    text = re.sub(r"(?im)^[ \t]*(?:-+>|\u2192)[ \t]*(?P<word>then|next|after\s+that)[ \t]*(?:-*>?|\u2192)[ \t]*$",
                  r"\g<word>", text)
    # "First \u2192 X\nThen \u2192 Y", "first one X\nsecond one Y": labels
    text = re.sub(r"(?im)^(?P<rank>[ \t]*(?:first|then|next|second|last|finally))[ \t]*(?:-+>|=>|\u2192)"
                  r"|^(?P<ordinal>[ \t]*(?:first|second|third|last))[ \t]+one\b[ \t]*:?",
                  lambda label: f"{label['rank'] or label['ordinal']}:", text)
    text = _NUMBERED_PART.sub(lambda part: part[0] if part["note"] and any(
        t.category in {"colour", "ring", "peg", "cable", "socket"} for t in _tokens(part["note"].lower()))
        else f" step {_ROMAN.get(part['number'].lower(), part['number'])}:", text)
    text = _SKILL_CALL.sub(lambda call: "plug the cable" if call["plug"] else f"put the {call['ring']} ring on the "
                                        f"{call['peg']} peg",
                         _EMOJI.sub(" ", _POINTING.sub(": ", _MENTION.sub(" ", text))))
    text = _QUOTE_MARK.sub(lambda quoted: quoted["item"] or " ", _QUEUED_LINE.sub(r"step \g<rank>:", text))
    text = _PRIORITY.sub(" ", text)
    text = re.sub(r"(?m)^[ \t]*\[(?P<rank>\d)\][ \t]+", r"(\g<rank>) ", text)  # "[1] X\n[2] Y": numbered items
    text = _TITLE.sub(" ", text)
    text = _outline_in_order(_NOTE_HEADING.sub("", _DOC_SECTION.sub(
        lambda section: f" {section['title']}" if section["title"] and _names_something(section["title"].lower())
        else " ", text)))
    text = _HEADER_LINE.sub(lambda header: "" if not _names_something(header["title"].lower()) else header["title"],
                            text)
    text = _RULE_LINE.sub("", _SENT_FROM.sub("", text))
    text = _EMPHASIS.sub(lambda marked: next(group for group in marked.groups() if group is not None), text)
    text = _HEADING_LINE.sub("", _SUBJECT_LINE.sub("", _TAG.sub(" ", _TICKET.sub("", text))))
    text = _FILED_BY.sub(" ", text)
    if len(_QUOTED_RELAY.findall(text)) == 1:  # two people quoted may not agree: their marks stay, to be asked about
        text = _QUOTED_RELAY.sub(r"\g<source>: \g<said>", text)
    text = re.sub(r"(?i)\b(?:action|task|cmd|command|step)\s*=\s*", "action: ", text)
    return re.sub(rf"\b(?:{'|'.join(_SKILL_NAMES)})\b", lambda name: _SKILL_NAMES[name[0]], text)


def _ring_named_only_as_peg(said: str, subtasks: list[Subtask]) -> str | None:
    """The colour of a ring ``subtasks`` place that ``said`` names only right before a peg's noun ("the green peg"),
    if any: a ring read from a peg's words. A ring whose colour is not said ("the other one") is not checked."""
    if re.search(r"\b(?:other|remaining|rest|third|last|every|each|all|both|left|spare)\b", said):
        return None  # "then put the other ring on the red peg": a ring the words point to, not name
    for step in subtasks:
        colour = step.args.get("ring") if step.skill == "place_ring" else None
        if colour and re.search(rf"\b{colour}\s+(?:{_PEG_NOUNS})\b", said) and not re.search(
                rf"\b{colour}\b(?!\s+(?:{_PEG_NOUNS})\b)", said):
            return colour
    return None


def _greeted_person(text: str) -> str | None:
    """The name a greeting opens ``text`` with where the text speaks of the robot as someone else ("Hey Jordan, grab
    the blue ring ... The robot's mid-calibration."): words to a person."""
    greeting = _GREETING.match(text)
    if not greeting or not re.search(r"(?i)\bthe\s+(?:robot|bot|arm)(?:'s|\s+(?:is|was|has|will|can|isn't|can't"
                                     r"|cannot))\b", text):
        return None
    named = re.findall(r"\b[A-Z][a-z]+\b", greeting[0][re.match(r"\s*\S+", greeting[0]).end():])
    return next((name for name in named if name.lower() not in {"robot", "bot", "there", "all", "team", "everyone"}),
                None)


def _without_envelope(text: str) -> str:
    """``text`` without its greeting and its sign-off: a closing courtesy and a name after it, as often as they
    come ("... Thank you so much, Ahmed"); a last word only where the lexicon does not know it, and only a
    capitalised one unless a closing courtesy comes before it ("thanks, maya")."""
    text = _GREETING.sub(" ", text)
    while True:
        name = _SIGNED_NAME.search(text)
        before = text[: name.start()].rstrip() if name else ""
        if name and name["name"].lower() not in _MEANS_SOMETHING and _lemma(name["name"].lower())[1] is None and (
                name["name"][0].isupper() and before[-1:] in ",.;!?-\u2013\u2014" or name[0].lstrip()[:1] in "-\u2013\u2014~"
                or _CLOSING.search(before.rstrip(" ,"))):  # "thanks, maya"
            text = text[: name.start()]
        elif closing := _CLOSING.search(text):
            text = text[: closing.start()]
        else:
            return text


# Pleasantries around a request: apologies ("sorry for the terse msg", "sorry to bother you this late", "sorry if this
# is a dumb ask but"), hopes ("hope the weekend was ok"), "haha", "no pressure", "per our discussion", "at your
# earliest convenience".
_PLEASANTRY = re.compile(r"(?:^|(?<=[.;:!?,\u2014]))\s*(?:(?:lol|haha|ok(?:ay)?|so)\s+)*(?:sorry|apologies)\s+(?:for|to"
                         r"|if|about)"
                         r"\b[^.!?:;]*?(?:\s+but\b|(?=[.!?:;,]|$))"
                         r"|\bso\s+sorry\s+for\b[^.!?:;]*"
                         r"|(?:^|(?<=[.;:!?,\u2014]))\s*(?:i\s+)?hope\s+(?:you|the|your|all|everything|things"
                         r"|it)\b[^.!?;\"\u201d]*"
                         r"|\b(?:so\s+)?no\s+pressure\b|\b(?:ha){2,}\b|\blol\b|\b(?:don'?t|do\s+not)\s+worry\b"
                         r"(?!\s+about)"
                         r"|\bas\s+(?:we\s+)?(?:discussed|agreed|planned|mentioned|requested|promised)\b\s*,?"
                         r"|\bper\s+our\s+(?:discussion|conversation|call|chat)\s*,?|\bat\s+your\s+(?:earliest\s+)"
                         r"?convenience\b"
                         r"|\b(?:per|as\s+per|according\s+to)\s+(?:the|our)\s+(?:(?:attached|enclosed|linked"
                         r"|following)\s+)?"
                         r"(?:setup\s+sheet|plan|spec|checklist|run\s*sheet|schedule|test\s+plan|procedure|document|sop"
                         r"|instructions|sheet|protocol|manual|guide|work\s+order|ticket)\s*,"
                         r"|(?:^|(?<=[.;:!?,\u2014]))\s*(?:(?:really|very)\s+)?(?:great|good|nice|awesome|excellent)\s+"
                         r"(?:job|work)(?:\s+(?:yesterday|today|earlier|last\s+\w+|on\s+\w+|with\s+\w+(?:\s+\w+)?))?"
                         r"\s*(?=[.!]|$)"
                         # thanks for what was done, or for another time: "Thanks for putting X on Y earlier"
                         r"|(?:^|(?<=[.;:!?,]))\s*(?:thanks|thank\s+you|thx|cheers|kudos)(?:\s+(?:so\s+much|a\s+lot"
                         r"|again))?"
                         r"\s+(?:for|on)\s+(?:\w+ing\b|yesterday|earlier|last\s+\w+|this\s+morning|your\s+help"
                         r"|the\s+help)[^.;!?\u2014]*"
                         r"|,?\s*\b(?:yeah|yes|yep)?\s*,?\s*that'?s\s+(?:right|correct|it(?:\s+from\s+me|\s+for\s+"
                         r"(?:now|today))?)"
                         r"\s*(?=[.!]*\s*$)"
                         # a teacher's words around the step: "watch what you're doing now:", "Go ahead, you can do it."
                         r"|(?:^|(?<=[.;:!?,\"\u201c])|(?<=\bthen ))\s*(?:(?:now|okay|ok|right|so)[\s,]+)*watch\s+"
                         r"(?:what\s+you(?:'re|\s+are)"
                         r"\s+doing|closely|carefully)(?:\s+now)?\s*(?=[.:!,])"
                         r"|(?:^|(?<=[.;:!?,]))\s*go\s+(?:ahead|on)\s*(?=[.!,;]|$)"
                         r"|(?:^|(?<=[.;:!?\"\u201c]))\s*(?:right|alright|okay|ok)\s*,\s*(?=let'?s\s+(?:practi[sc]e"
                         r"|try))"
                         r"|(?:^|(?<=[.;:!?,]))\s*let'?s\s+(?:practi[sc]e|try)\s+(?:this(?:\s+one)?|it|these"
                         r"|two\s+moves|two\s+steps)"
                         r"(?:\s+together)?(?:\s*,?\s*in\s+order)?\s*(?=[.:!,;])"
                         r"|(?:^|(?<=[.;:!?,]))\s*you\s+(?:can|got)\s+(?:do\s+)?(?:it|this)\s*(?=[.!;]|$)")
# How a step is to go where that is how every step goes, or when the robot likes: asks nothing ("nice and steady", "as
# usual", "the way you always do", "no rush", "take your time", "with care", "make sure it's seated all the way",
# "making sure it is fully seated", "and leave it there"). A speed, force or path the skills cannot take is asked
# about instead (_UNHONOURED_MANNER).
_MANNER_ASIDE = re.compile(
    r",?\s*\b(?:(?:and\s+)?(?:make|making)\s+sure|ensuring)\s+(?:that\s+)?(?:it's|it\s+is|it\s+gets|they're"
    r"|they\s+are)\s+(?:properly\s+|fully\s+|firmly\s+|securely\s+|completely\s+)?(?:seated|sitting|in|on)(?:\s+"
    r"(?:properly|fully|firmly|securely|right"
    r"|all\s+the\s+way(?:\s+(?:down|in|on|home))?))?\b"
    r"|,?\s*\bnice\s+and\s+(?:steady|steadily|neat|neatly|careful|carefully|smooth|smoothly|tidy|tidily)\b"
    r"|,?\s*\b(?:just\s+)?(?:as|like)\s+(?:usual|always|before|normal"
    r"|you\s+(?:did|do)(?:\s+it)?\s+(?:before|last\s+time)"
    r"|you\s+(?:always|usually|normally)\s+(?:do(?:\s+it)?|would)|you\s+would\s+(?:normally|usually))\b"
    r"|,?\s*\b(?:just\s+)?(?:the\s+(?:same\s+)?way|how)\s+you\s+(?:always|usually|normally)\s+do(?:\s+it)?\b"
    r"|,?\s*\bsame\s+as\s+(?:last\s+time|before|always|usual)\b"
    r"|(?:^|(?<=[.;:!?,]))\s*(?:standard|usual|normal)\s+procedure\s*(?:,\s*please\s*)?(?=[:.,])"
    r"|,?\s*\bwhenever\s+(?:it\s+)?suits\s+you\b|,?\s*\b(?:at\s+your\s+leisure|in\s+your\s+own\s+time)\b"
    r"|,?\s*\b(?:there's\s+|there\s+is\s+)?no\s+(?:rush|hurry)(?:\s+at\s+all)?\b|,?\s*\bno\s+need\s+to\s+(?:hurry|rush)"
    r"(?:\s+it)?\b|,?\s*\b(?:(?:please|pls)\s+)?(?:don't|dont|do\s+not)\s+(?:rush|hurry)(?:\s+it)?\b"
    r"|,?\s*\b(?:and\s+)?take\s+(?:as\s+long\s+as\s+you\s+(?:need|like|want)|your\s+time)\b"
    r"|,?\s*\bwith\s+care\b|,?\s*\b(?:and\s+)?(?:be|go)\s+(?:gentle|careful|carefully|gently|easy)\b"
    r"|,?\s*\b(?:precision|accuracy|care)\s+(?:matters|counts|is\s+key|is\s+important)(?:\s*,?\s*so)?\b"
    r"|,?\s*\bno\s+special\s+(?:force|care|treatment|handling)\s+(?:is\s+)?(?:needed|required)\b"
    r"|,?\s*\band\s+leave\s+it\s+(?:there|in\s+place)\b|,?\s*\bno\s+need\s+to\s+hold\s+(?:anything|it|on)\b"
    # a hedge between commas after what it hedges: "..., and the red ring on the green peg too, I think, to ..."
    r"|(?<=\w),\s*i\s+(?:think|guess|suppose|reckon)\s*(?=,)")
# Words of haste or thanks that ask nothing of a step: "plug it in straight away", "..., thanks a lot".
_HASTE_AND_THANKS = re.compile(r"\b(?:right|straight)\s+away\b|\bright\s+now\b|\bat\s+once\b"
                               r"|\b(?:and\s+)?be\s+quick(?:\s+about\s+it)?\b|\breal\s+quick\b|\bhurry(?:\s+up)?\b"
                               r"|,\s*quick(?:ly)?\b(?=\s*(?:[.!;\n]|$))"
                               r"|\bthanks?\s+(?:you\s+)?(?:a\s+lot|so\s+much|very\s+much|a\s+bunch|in\s+advance)\b")
# "..., then do the same with the red ring": the red ring onto the peg the step before used.
_SAME_AGAIN = re.compile(rf"\bdo\s+the\s+same(?:\s+thing)?\s+(?:with|for)\s+the\s+{_RING}(?!\s*,?\s*but\s+(?:on"
                         rf"|onto)\b)"
                         rf"|\b(?:put\s+)?the\s+(?P<one>{_COLOUR})\s+(?:one|{_RING_NOUNS})\s+(?:there|on\s+that\s+"
                         rf"(?:{_PEG_NOUNS}|one))\s+(?:as\s+well|too)\b")
# A dash between words (not a hyphen within one): "--", an em or en dash.
_DASH = re.compile(r"\s*(?:\u2014|\u2013)\s*|\s+-{2,3}\s+")
# An item marker of a numbered or bulleted list: "1)", "(2)", "3.", "-", "*", a bullet, standing alone.
_LIST_ITEM = re.compile(r"(?:^|(?<=\s))(?:\(?\d{1,2}[.)]|\([a-h]\)|[-*\u2022]|\[\s?\])(?=\s)")
# A labelled item: "(2) X", "2) X", "2. X", "step 2: X", "task B: X", "B. X" (at an item's start), "step_b=X"; its
# label ranks it where the labels are digits, or where a sentence orders the labels ("do task A before task B").
_LABELLED_ITEM = re.compile(r"(?:^|(?<=[\s;.]))(?:\((?P<bracketed>\d|[a-e])\)|(?P<numbered>\d)[.)]"
                            r"|(?:step|task|item|job|part|subtask|phase|move)\s+(?:number\s+|no\.?\s*)?"
                            r"(?P<named>\d|[a-e]|one|two|three|four)\s*:)(?=\s)"
                            r"|(?:^|(?<=;))\s*(?P<lettered>[a-e])[.)](?=\s)|\bstep_(?P<keyed>[a-e\d])\s*="
                            r"|(?:^|(?<=[;.]))\s*(?P<ordinal>first|second|third|fourth)\s*:(?=\s)")
_KIND_WORD = r"(?:step|task|item|job|part|subtask|phase)"
_KIND = rf"(?:{_KIND_WORD}\s+)?"
_LABEL_ORDER = re.compile(
    r"\(?\s*(?:(?:carry\s+(?:these|them)\s+out|(?:do|execute|perform)\s+(?:these|them|the\s+\w+|\w+)|proceed|work)"
    r"\s+in\s+"
    r"(?:the\s+)?(?P<sort>numbered|numerical|number|alphabetical|listed|label)\s+order"
    r"|(?:execute|do|perform)\s+(?:them\s+|these\s+|the\s+steps\s+)?by\s+(?P<by_number>number)"
    r"(?:\s*,?\s*not\s+by\s+(?:the\s+)?(?:listing|list|written|listed)\s+order)?"
    rf"|(?:do|carry\s+out|execute|perform|run)\s+{_KIND}(?P<earlier>\w)\s+(?:before|ahead\s+of|prior\s+to"
    rf"|first\s*,?\s*(?:and\s+)?then)\s+{_KIND}"
    rf"(?P<later>\w)"
    r"|\border\s*[=:]\s*(?P<first_key>\w)\s*,\s*(?P<second_key>\w)\b)\s*[.!]?\s*\)?")
# A step given as a form's fields: "action=place; object=green ring; target=yellow pin", "item: blue hoop |
# destination: green peg", "action=plug; object=connector; target=receptacle".
_FIELD_STEP = re.compile(r"(?:\baction\s*[=:]\s*(?P<action>\w+)\s*[;,|]\s*)?\b(?:object|item|what)\s*[=:]\s*"
                         r"(?P<object>[^;|,\n]+?)"
                         r"\s*[;,|]\s*(?:target|destination|where|to)\s*[=:]\s*(?P<target>[^;|,.!?\n\u2014\u2013]+?)"
                         r"(?=\s*(?:[;|,.!?\n\u2014\u2013]|--|$))")
# A table of steps with their order: "| order | step |\n| 2 | X |\n| 1 | Y |".
_ORDER_TABLE = re.compile(r"\|\s*(?:order|rank|no\.?|#|seq(?:uence)?)\s*\|\s*(?:step|task|action|instruction)s?\s*\|")
_TABLE_ROW = re.compile(r"\|\s*(?P<rank>\d)\s*\|\s*(?P<step>[^|\n]+?)\s*\|")
# Items of a pasted list or form, one per line or parted by "|" ("Row 1: ... | Row 2: ...", "- X\n- Y").
_ITEM_BREAK = re.compile(r"\s*(?:\n|\|)\s*")
# An item marked as not to be done now, the whole item: "Task 1: X (cancelled)", "[done] X", "Y (on hold)".
_STATUS_MARKED = re.compile(r"[^;.]*?[(\[]\s*(?:status\s*:\s*)?(?:cancel+ed|on\s+hold|done|skip(?:ped)?|postponed"
                            r"|not\s+now|x)(?:\s+already)?(?:\s*[,;-]\s*(?:don't|do\s+not)\s+(?:repeat|redo)"
                            r"(?:\s+it)?)?\s*[)\]]"
                            r"[^;.]*")
# What an item with nothing to do says: "Subtask two: none.", "(2) n/a".
_EMPTY_ITEM = r"none|n/?a|nothing|-+"
# A status that leaves its item to be done: "(status: ACTIVE)"; an item with nothing to do: "Subtask two: none.".
_STATUS_OPEN = re.compile(r"[(\[]\s*status\s*:\s*(?:active|open|todo|to\s+do|pending|new|ready)\s*[)\]]"
                          r"|(?:^|(?<=[.;]))\s*(?!(?:the\s+)?(?:cable|plug|rings?)\s*:)[a-z][\w\s]{0,25}:\s*"
                          rf"(?:{_EMPTY_ITEM})\s*(?=[.;]|$)")
# A label before the steps that names nothing a step acts on ("Ticket ABC-12:", "Action items:", "NOTE:", "Msg from
# ops:", "Row 1:"): dropped. Ranks ("first thing:") and fields ("ring: green") are read elsewhere.
_LABEL = re.compile(r"(?:^|(?<=[;.!?:,(\u2014\u2013\"\u201c]))[\s,]*(?P<label>[a-z][\w\s'\-]{0,30}?)\s*:(?=\s)")
# Fields that rule something out: "cable: no", "cable: skip", "rings: leave as is", "exclude: cable".
_FIELD_PROHIBITION = re.compile(r"\b(?:the\s+)?(?P<object>cable|plug|rings?)\s*:\s*(?:no(?:\s+touch(?:ing)?|\s+change)?"
                                r"|unchanged|don't\s+touch|skip|none|leave(?:\s+(?:as\s+is|alone"
                                r"|it))?|not\s+now|excluded?)\b|\bexclude[sd]?\s*:?\s+(?:the\s+)?(?P<excluded>\w+)")
# A prohibition said in brackets or after "but not": "put ... (don't touch the cable)", "..., but NOT the red ring on
# the yellow peg".
_BRACKETED_PROHIBITION = re.compile(r"\((?P<inner>\s*(?:don't|do\s+not|never|not|no|leave|keep|skip|avoid)\b[^)]*)\)")
_BUT_NOT_PLACEMENT = re.compile(rf",?\s*\bbut\s+not\s+(?=the\s+(?:{_COLOUR})\s+(?:{_RING_NOUNS})\s+(?:on|onto)\b)")
# A note at the end that orders one kind of step: "(cable first)", "-- cable goes last", "(green ring first)", "...,
# please do the red one first".
_ORDER_NOTE = re.compile(rf"[\s;,]*\b(?:(?:please\s+)?do\s+)?(?:the\s+)?(?P<what>cable|plug|(?:(?:{_COLOUR})\s+)?"
                         rf"(?:ring|rings)"
                         rf"|(?:{_COLOUR})\s+one)\s+"
                         r"(?:(?:goes|go|comes|come|is|should\s+go|should\s+come|should\s+be)\s+)?(?:the\s+)?"
                         r"(?:very\s+)?"
                         r"(?P<rank>first|last)(?:\s+(?:thing|one|step|of\s+all))?(?:,?\s+please)?[\s.!]*$")
# A rank in brackets after its step: "X (do this second) and Y (do this first)": "X second and Y first"; before a
# label's colon, after it: "Subtask one (execute last): X": "Subtask one: last X".
_BRACKETED_RANK = re.compile(r"\(\s*(?:and\s+)?(?:(?:do|doing|execute|run|perform)(?:\s+(?:this|it)(?:\s+one)?)?\s+"
                             r"|this\s+(?:one\s+)?"
                             r"(?:goes\s+|comes\s+|in\s+)?)?"
                             r"(?P<rank>first|second|third|last|next)(?:\s+place)?\s*\)(?P<colon>\s*:)?")
# "neither the red nor the green ring should move": two objects not to be used.
_NEITHER_NOR = re.compile(rf"\bneither\s+the\s+(?P<one>{_COLOUR})\s+nor\s+the\s+(?P<other>{_COLOUR})\s+(?P<noun>ring"
                          rf"|peg)s?\s+"
                          r"(?:should|must|may|can|is\s+to|are\s+to)\s+(?:move|be\s+(?:moved|touched|used))\b")
# "the cable has to go in before any ring is moved": an order note, "cable first" (or "cable last", as "but the cord
# can't go in until the hoop is seated").
_CABLE_BEFORE_RINGS = re.compile(
    rf"[\s;,.]*\b(?:but\s+)?the\s+(?:cable|plug|cord|lead|wire|connector)\s+(?:(?:has\s+to|must|should|needs\s+to)\s+"
    rf"(?:go\s+in|be\s+(?:plugged\s+in|connected|inserted|done))\s+(?P<order>before|after)"
    rf"|(?:can't|cannot|can\s+not|mustn't|must\s+not|shouldn't|should\s+not)\s+go\s+in\s+until)"
    rf"\s+(?:any|the|either|all|both|each)\s+(?:of\s+the\s+)?(?:(?:{_RING_NOUNS})s?|ring\s+placements?)"
    rf"\b[^.;!?]*[.!]?\s*$")
# A number of rings: "put four rings on the yellow peg" (there are three), "two rings" (which two?).
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6} | {str(n): n for n in range(10)}
_RING_COUNT = re.compile(rf"\b(?P<count>one|two|three|four|five|six|\d)\s+(?:of\s+the\s+)?(?:{_RING_NOUNS})s\b")
# A step asked for more than once ("x2", "twice"): no skill does a step twice.
_REPEATED = re.compile(r"\b(?:x\s?[2-9]|[2-9]\s?x|twice|(?:[2-9]|two|three|four|five|six|several|many|multiple)"
                       r"\s+times)\b")


_ORDINAL_RANKS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _in_label_order(text: str) -> str:
    """``text`` with its labelled items put in the order of their labels: "(2) X; (1) Y" is "Y; X", and so are "second:
    X. first: Y", "(b) X (a) Y", "task B: X. task A: Y. do task A before task B.", "B. X; A. Y; (carry out A ahead of
    B.)" and "step_b=X; step_a=Y; order=a,b". Items without a label, or labels that do not rank every item, stay as
    said."""
    said = text
    order = _LABEL_ORDER.search(text)
    if order:
        text = text[: order.start()] + " ; " + text[order.end():]
    items = list(_LABELLED_ITEM.finditer(text))
    labels = [next(label for label in item.groups() if label) for item in items]
    if len(items) < 2 or len(set(labels)) < len(labels):
        return said  # an order sentence with no labelled items to order is left to be asked about
    earlier, later = (order["earlier"], order["later"]) if order and order["earlier"] else (
        (order["first_key"], order["second_key"]) if order and order["first_key"] else (None, None))
    if earlier:
        if {earlier, later} != set(labels):
            return said
        rank = {earlier: 0, later: 1}
    elif all(label.isdigit() or label in _NUMBERS or label in _ORDINAL_RANKS for label in labels) or (
            sorted(labels) == [chr(ord("a") + i) for i in range(len(labels))]) or (
            order and (order["sort"] or order["by_number"])):
        # numbers, ordinals, and letters from "a" on rank their items ("(c) X (a) Y (b) Z": Y, Z, X)
        rank = {label: int(label) if label.isdigit() else _NUMBERS.get(label, _ORDINAL_RANKS.get(label, ord(label[0])))
                for label in labels}
    else:
        return said
    bodies = [text[item.end(): following.start()] for item, following in zip(items, items[1:])] + [
        text[items[-1].end():]]
    ranked = sorted(zip(labels, bodies), key=lambda labelled: rank[labelled[0]])
    bodies = [body.strip(" ;.") for _, body in ranked]  # "Subtask two: none.": nothing to do there
    return text[: items[0].start()] + " ; ".join(body for body in bodies if not re.fullmatch(_EMPTY_ITEM, body))


def _nested_out_of_order(text: str) -> bool:
    """Whether ``text`` numbers steps inside numbered steps and orders them otherwise than as said ("Step 2: 1. X 2. Y
    / Step 1: Z", "Last thing to do: 1. X 2. Y / First thing to do: Z"): which numbers or ranks order the steps? Said
    in order, with no word of order ("1) X 2) 1. Y 2. Z"), they are read as said."""
    labels = [next(label for label in item.groups() if label) for item in _LABELLED_ITEM.finditer(text)]
    if len(set(labels)) == len(labels) or not all(label.isdigit() for label in labels):
        return False
    return labels[0] != min(labels) or re.search(r"\b(?:first|second|third|last|lastly|finally|before|after|afterwards"
                                                 r"|begin|start|then)\b", text) is not None


# A closing line that orders a list's items by their places: "- X\n- Y\n- Z\norder: 3, 1, 2".
_LISTED_ORDER = re.compile(r";\s*\(?\s*(?:order|sequence)\s*[:=]\s*(?P<places>\d(?:\s*(?:,|->|then|\s)\s*\d)+)\s*\)"
                           r"?[\s.!]*$")


def _in_listed_order(text: str) -> str:
    """``text`` (its items parted by ";") with the items that name a step put in the order a closing "order: 3, 1, 2"
    gives by their places; left as it is where the places are not each item's once."""
    order = _LISTED_ORDER.search(text)
    if order is None:
        return text
    items = text[: order.start()].split(";")
    steps = [i for i, item in enumerate(items) if _names_something(item)]
    places = [int(place) for place in re.findall(r"\d", order["places"])]
    if sorted(places) != list(range(1, len(steps) + 1)):
        return f"{text[: order.start()]} ; an order given by places {order['places']}"  # not read: asked about
    return " ; ".join([item for i, item in enumerate(items) if i not in steps] + [items[steps[p - 1]] for p in places])


def _called_step(call: re.Match[str]) -> str:
    """A step written as code, said as a sentence (an action it does not know is left for the reader to refuse)."""
    action = call["action"] or call["call"]
    ring, peg = call["ring"] or call["call_ring"], call["peg"] or call["call_peg"]
    if action.startswith("plug") and not ring:
        return " plug the cable in "
    return f" {action.split('_')[0]} the {ring} ring on the {peg} peg " if ring and peg else f" {action} "


def _field_step(field: re.Match[str]) -> str:
    """A step given as a form's fields, said as a sentence: a placement, or the plug when its object is the cable."""
    if {word for word in re.findall(r"[a-z]+", field["object"])} & OBJECT_NOUNS["cable"]:
        return f" {field['action'] or 'plug'} the {field['object']} into the {field['target']} "
    return f" put the {field['object']} on the {field['target']} "


def _table_in_order(text: str) -> str:
    """A table of ordered steps ("| order | step |" and a row per step) as its steps in that order."""
    if not (header := _ORDER_TABLE.search(text)):
        return text
    rows = sorted(_TABLE_ROW.finditer(text, header.end()), key=lambda row: int(row["rank"]))
    return text[: header.start()] + " ; ".join(row["step"] for row in rows) if rows else text


_RANK_NUMERALS = {"1st": "first", "2nd": "second", "3rd": "third"}


# 'Before you get to "X", make sure "Y" has been done.': Y, then X (X may be a question of its own, "could you ...?").
_QUOTED = r"[\"\u201c][^\"\u201d]+[\"\u201d]"  # a quoted step, its marks and all
_MAKE_SURE_DONE_BEFORE = re.compile(
    rf"\bbefore\s+(?:you\s+)?(?:get\s+to|move\s+on\s+to|start(?:\s+on)?|begin|do)\s+(?P<then>{_QUOTED})"
    rf"\s*,?\s*(?:please\s+)?make\s+sure\s+(?:that\s+)?(?P<first>{_QUOTED})\s+(?:has|have)\s+been\s+"
    r"(?:done|completed|finished)\s*[.!]?")


_COMES_FIRST = re.compile(rf"(?P<first>{_QUOTED})\s+comes\s+first\s*[;,.]\s*(?:and\s+|then\s+)?(?P<then>{_QUOTED})\s+"
                          r"comes\s+(?:after|afterwards|second|next|last)\s*[.!]?")


# 'Before you carry out "X", please carry out "Y"': Y, then X; 'Please carry out "X" and, once that is finished, carry
# out "Y"': X, then Y (the verbs before each quote gone already)
_BEFORE_QUOTED = re.compile(rf"\bbefore\s+(?:you\s+)?(?:do\s+|start(?:\s+on)?\s+|get\s+to\s+)?(?P<then>{_QUOTED})"
                            rf"\s*[,;]?\s*(?:please\s+)?(?:do\s+)?(?P<first>{_QUOTED})\s*[.!]?")
_QUOTED_ONCE_DONE = re.compile(rf"(?P<first>{_QUOTED})\s*,?\s*and\s*,?\s*(?:once|when|after)\s+(?:that|it|this)\s+"
                               r"(?:is|'s|has\s+been)\s+(?:finished|done|complete|completed)\s*,\s*(?:please\s+)?"
                               rf"(?:do\s+)?(?P<then>{_QUOTED})\s*[.!]?")


# 'Before you do this: "X", please do this: "Y".': Y, then X
_DO_THIS_BEFORE = re.compile(rf"\b(?:before|prior\s+to)\s+(?:you\s+do|doing)\s+this\s*:\s*(?P<then>{_QUOTED}"
                             rf"|[^\"\u201c]+?)"
                             r"\s*(?:,|\.{3}|\u2026|;)?\s*(?:please\s+)?(?:do|handle|complete)\s+this(?:\s+one)?\s*:\s*"
                             rf"(?P<first>{_QUOTED}|[^\"\u201c]+?)\s*[.!]?\s*$")


# "Y <- do this second. X <- do this first.": a rank pointed back at all that came before it since the last one
_ARROW_RANK = re.compile(r"\s*<-+\s*(?:do\s+)?this(?:\s+one)?\s+(?P<rank>first|second|last|after|afterwards"
                         r"|next)\b\s*[.!]?")


def _arrow_ranked(text: str) -> str:
    """``text`` with steps ranked by arrows put in their ranks' order ("X ; then Y."), where every part of it is
    ranked so and the ranks differ; else as said."""
    ranks = list(_ARROW_RANK.finditer(text))
    parts = [text[(ranks[i - 1].end() if i else 0): rank.start()].strip() for i, rank in enumerate(ranks)]
    order = {"first": 1, "second": 2, "after": 2, "afterwards": 2, "next": 2, "last": 3}
    if len(ranks) < 2 or text[ranks[-1].end():].strip() or not all(parts) or len({r["rank"] for r in ranks}) < len(
            ranks):
        return text
    steps = [part.rstrip(".!") for _, part in sorted(zip((order[r["rank"]] for r in ranks), parts))]
    return " ; then ".join(steps) + "."


def _quoted_in_order(said: re.Match[str]) -> str:
    """Two quoted steps as "first. then then.", without their quotes and their own closing marks (each a sentence of
    its own, as it was quoted)."""
    first, then = (said[name].strip("\"\u201c\u201d ").rstrip(".!?") for name in ("first", "then"))
    return f"{first}. then, {then}."


# What comes before the request and withdraws or illustrates something outside it: "Ignore my last message.",
# "Kindly disregard the earlier instruction regarding the blue ring.", "Instead, ...", "For example, a command could
# look like 'put ...'.", "Quick background:", "Don't wait for Sam -- go ahead and ...", "I know the manual says the
# blue peg, but ...", "Earlier I told you to wait for my OK. This is the OK: ...", "The technician finished checking
# the socket, all clear", "Everyone is standing behind the tape line now."
_BEFORE_THE_REQUEST = re.compile(
    r"^\s*(?:(?:please|kindly)\s+)?(?:ignore|disregard|forget)\s+(?:about\s+)?(?:my|the|that)\s+"
    r"(?:last|previous|earlier|other|first)\s+(?:message|instruction|request|text|order|command)s?(?:\s+(?:regarding"
    r"|about|concerning|on)\s+"
    r"[^.;!?\n\u2014\u2013]*)?\s*(?:[.;!\n\u2014\u2013]|\s-+\s)\s*(?:just\s+)?(?:instead\s*,\s*)?"
    r"|(?:^|(?<=[.!?]))\s*(?:for\s+(?:example|instance)"
    r"|e\.?g\.?)\s*,?\s*[^\"'\u201c\u2018.!?]*?[\"'\u201c\u2018][^\"\u201d\u2019]+[\"'\u201d\u2019]\s*[.!]"
    r"|(?:^|(?<=[.;!?\n]))\s*(?:(?:quick|some|a\s+bit\s+of|a\s+little)\s+)?(?:background|context)(?:\s+first)?\s*:"
    r"|^\s*(?:don't|do\s+not|no\s+need\s+to)\s+wait\s+for\s+(?:me|us|him|her|them|[a-z]+)\s*(?:[\u2014\u2013,;.!]|\s-+)"
    r"\s*(?:just\s+)?(?:go\s+ahead\s+and\s+)?"
    r"|^\s*i\s+know\s+(?:that\s+)?(?:the|my|your|our)\s+(?:manual|list|sheet|card|plan|instructions?|label|note|ticket"
    r"|docs?|screen|diagram|drawing|picture|checklist)\s+(?:says|said|shows|showed)\b[^,;.!?]*,\s*but\s+"
    r"|^\s*(?:earlier\s+)?i\s+(?:told|asked)\s+you\s+to\s+wait\s+for\s+my\s+(?P<signal>ok(?:ay)?|go(?:-ahead)?|signal"
    r"|word)\s*[.;!]\s*(?:this\s+is|here(?:'s|\s+is)|you\s+have|consider\s+this)\s+(?:the|my)\s+(?P=signal)\s*[:.,!]"
    r"|(?:^|(?<=[.;!?\n]))\s*(?:the|our|my)\s+\w+\s+(?:has\s+|have\s+)?(?:finished|completed|done)\s+(?:checking"
    r"|inspecting|testing|looking\s+at)\s+the\s+\w+\s*(?:,\s*(?:all\s+clear|all\s+good|it's\s+(?:fine|ok|safe))"
    r"|\s+and\s+(?:it's|it\s+is)\s+(?:fine|ok|safe|good))?\s*(?=[.;!\n]|$)"
    # someone who was in the way and has moved away: "Sam was standing right by the table a minute ago, but he has
    # stepped away now and the area is clear."; a quoted example set aside: "The manual's example says '...', but
    # ignore that;"
    r"|(?:^|(?<=[.;!?\n]))[^.;!?\n]*,\s*but\s+(?:he|she|they|[a-z]+)\s+(?:has|have|'s|'ve)\s+(?:now\s+)?(?:stepped"
    r"|moved"
    r"|walked|gone)\s+(?:away|back|out)(?:\s+now)?(?:\s+and\s+the\s+(?:area|table|cell|workspace)\s+is\s+(?:now\s+)?"
    r"(?:clear|free|empty))?\s*[.;!]|^[^;.!?\"\u201c\u2018]*?\b(?:says|said"
    r"|shows)\s+[\"'\u201c\u2018][^\"\u201d\u2019]+[\"'\u201d\u2019]\s*,?\s*but\s+"
    r"(?:ignore|disregard|forget)\s+(?:that|it|this)\s*[;,.:\u2014-]"
    r"|^\s*(?:fwd|fw|forwarded)(?:\s+from\s+[\w\s]{1,20}?)?\s*:\s*[\"\u201c][^\"\u201d]+[\"\u201d]\s*(?:ignore"
    r"|disregard)\s+(?:that|it|this)(?:\s+for\s+now)?\s*[.;!]"
    # a hand or tool said to be out of the way: "ok my hand's out of the way now,", "Got my screwdriver out of the way."
    r"|(?:^|(?<=[.;!?\n]))\s*(?:ok(?:ay)?\s*,?\s*)?(?:(?:my\s+)?(?:hand|hands|fingers|arm|screwdriver|tool|tools)"
    r"(?:'s|\s+is|\s+are|'re)"
    r"|(?:i've\s+|i\s+have\s+)?(?:got|moved|pulled|taken)\s+my\s+(?:hand|hands|fingers|arm|screwdriver|tool|tools))"
    r"\s+(?:now\s+)?out\s+of\s+the\s+way(?:\s+now)?\s*[,.;!]"
    # people said to be out of reach: "Everyone is standing behind the tape line now."
    r"|(?:^|(?<=[.;!?\n]))\s*(?:everyone|everybody)(?:'s|\s+is)\s+(?:now\s+)?(?:standing\s+|staying\s+|waiting\s+)?"
    r"(?:behind|outside|clear\s+of|away\s+from|back\s+from|out\s+of)\s+the\s+[\w\s]{1,30}?(?:\s+now)?\s*[.;!]")
# A story or a joke, then the request after "anyway" (or "today", "ok srsly tho"): "My cousin once tried ..., lol.
# Anyway, please put ...", "Yesterday you put X. Today please put Y.". Only where the story is told in the past or
# as a joke, asks nothing and names no hazard.
_STORY_THEN_REQUEST = re.compile(
    r"^(?P<story>[^\n]+?)(?:[.!?]\s*(?:anyway|anyhow|anyways|but\s+seriously|back\s+to\s+(?:work|business)|today"
    r"|this\s+time)|(?:[.!?]\s*|\s+)(?:ok(?:ay)?\s+)?(?:srsly|seriously)\s+tho(?:ugh)?)\s*,?\s+(?=\S)")
_TOLD = re.compile(r"\b(?:was|were|did|tried|had|told|said|went|got|made|yesterday|last\s+\w+|earlier|once|ago|lol"
                   r"|haha|joke)\b")
_ASKING = re.compile(r"\b(?:please|pls|can\s+you|could\s+you|would\s+you|go\s+ahead|let's|make\s+sure)\b")


def _story_dropped(told: re.Match[str]) -> str:
    story = told["story"]
    return " " if _TOLD.search(story) and not _ASKING.search(story) and not _HAZARD.search(story) else told[0]


# A label pointing at the step after it, with a rank or after the step before: "First, this one:", "Start with this
# one:", "The last thing I need is this:", "The following instruction shall be executed first:" (rank), "Now this
# one:", "Once that's sorted, do this:", "When you've finished that one, then this one:" (then)
_THIS_ONE_LABEL = re.compile(
    r"(?:^|(?<=[.;:!?\n]))[ \t]*(?:(?:the\s+)?(?P<rank>first|last)\s*,?\s*(?:do\s+)?(?:this(?:\s+one)?)?"
    r"|(?P<start>start|begin)\s+with\s+this(?:\s+one)?|(?P<end>end|finish)\s+with\s+this(?:\s+one)?"
    r"|(?:kindly\s+|please\s+)?see\s+to\s+this(?:\s+one)?\s+(?P<seen>first)|this\s+one\s+comes\s+(?P<comes>first"
    r"|second|last|next)|the\s+(?P<last>last)\s+thing\s+(?:i|we)\s+need\s+is\s+this"
    r"|your\s+(?P<final>final|last)\s+(?:action|step|task|move)\s+(?:should|will|must)\s+be\s+(?:the\s+following|this)"
    r"|there'?s\s+one\s+thing\s+(?:i|we)\s+(?:want|need)\s+(?P<at_end>at\s+the\s+end|last)"
    r"|(?:the\s+thing\s+(?:i|we)\s+care\s+about\s+most\s+is\s+)?the\s+(?P<last_step>last|final)\s+(?:step|action|task)"
    r"(?:\s+is)?"
    r"|(?:(?:up)?on\s+(?:its|their)\s+completion\s*,?\s*)?the\s+following\s+(?:instruction|task|step|action)\s+"
    r"(?:shall|will|is\s+to|must)\s+be\s+(?:executed|performed"
    r"|carried\s+out|done|completed)(?:\s+(?P<ranked>first|last))?"
    r"|(?:and\s+)?(?:now|next|then|later(?:\s+on)?)(?:\s+after\s+that)?\s*,?\s*(?:(?:dear|love|please)\s*,?\s*)?"
    r"(?:do\s+)?this(?:\s+one)?"
    r"|(?:do\s+)?this(?:\s+one)?\s+(?P<now>now)|in\s+(?P<learner>first|second|last)|(?:when|once)\s+(?:done|finished)"
    r"|(?:and\s+)?(?:once|when|after)\s+(?:that's|that\s+is|that\s+one's|it's|it\s+is|you(?:'ve|\s+have|'re"
    r"|\s+are)?\s+(?:finished"
    r"|done)(?:\s+(?:that|this)(?:\s+one)?)?|that's\s+(?:sorted|done|finished))\s*,?\s*(?:then\s+)?(?:do\s+)?"
    r"(?:this|that)?(?:\s+one)?)[ \t]*:")


def _this_one_label(label: re.Match[str]) -> str:
    """The label as the rank it says ("first:", "last:"), or "then:" where it follows the step before."""
    rank = label["rank"] or label["last"] or label["ranked"] or label["comes"] or label["learner"] or label["seen"] or (
        "last" if label["end"] or label["final"] or label["at_end"] or label["last_step"] else None) or (
        "first" if label["start"] or label["now"] else "then")
    return f" {rank}: "


def _spelled_out(text: str) -> str:
    """``text`` in lower case with its markup and routing (markdown, tags, ticket ids), its envelope (greeting,
    sign-off), struck-through words, typed-fast spellings, set phrases said the way the rest reads them ("b4" before,
    "don't you dare" don't, "make so that X is on Y" put X on Y) and a transcript's false starts and run-on steps."""
    # struck through: "~~plug the cable~~" is not asked
    text = re.sub(r"~~[^~]+~~", " ", _without_envelope(_without_markup(text)))
    # a quoted step's own mark ends the quote, not the sentence: 'Don't do "X." until you have done "Y."'; a label
    # inside a label ("But to begin with: Your task: X") is the outer one's
    text = re.sub(r"[.!?]+(?=[\"\u201d]\s+until\b)", "", text)
    text = re.sub(r"(?i):\s*(?:(?:your|the)\s+)?(?:next\s+)?(?:task|job|goal|instruction|step)(?:\s+for\s+you)?"
                  r"\s*:", ":", text)
    text = re.sub(r":[ \t]*[-*\u2022][ \t]+", ": ", text)  # "Last thing to do: - X": a label's step, not a list's item
    # "Don't unplug anything; just X": no skill undoes anything, so it forbids nothing the plan could do; "don't worry
    # about the blue ring" leaves it alone
    text = re.sub(r"(?i)\b(?:don't|do\s+not|never)\s+(?:unplug|remove|disconnect|detach|unstack|take\s+(?:off|out|away)"
                  r"|pull\s+out)\s+anything(?:\s+else)?\b", " ", text)
    text = re.sub(r"(?i)\b(?:don't|do\s+not)\s+worry\s+about\s+(?P<thing>the\s+\w+\s+(?:ring|peg|cable))\b",
                  r"leave \g<thing> alone;", text)
    # "before you do anything else X": X first
    text = re.sub(r"(?i)\bbefore\s+(?:you\s+do\s+|doing\s+)anything\s+else\b\s*,?", "first, ", text)
    text = re.sub(r"(?i)^\s*(?:hey\s+)?robot\s*[,:]\s*", "", text)  # "robot, before you X, Y": the one addressed
    # a test's framing asks nothing: "We're testing you today, so there are two steps.", "This is just a quick test."
    text = re.sub(r"(?i)(?:^|(?<=[.;:!?,])|(?<=\bthen\s)|(?<=\bfirst\s)|(?<=\bb4\s)|(?<=\bbefore\s))\s*(?:(?:we're"
                  r"|we\s+are|i'm|i\s+am)\s+(?:testing|trying"
                  r"|checking"
                  r"|recording"
                  r"|filming)\s+(?:you|this|the\s+robot)(?:\s+(?:out|today|now|for\s+an?\s+(?:demo|video|class)))*"
                  r"(?:\s*,\s*so\s+there\s+are\s+(?:two|2|three|3)\s+steps\s*[.!]|\s*[.!]|\s*,\s*so\b"
                  r"(?:\s+(?:please\s+)?go\s+in\s+order\s*:)?)"
                  r"|(?:this\s+is\s+(?:just\s+)?an?\s+(?:quick\s+|short\s+|small\s+)?(?:test|trial|demo|experiment"
                  r"|exercise)|(?:sorry\s*,?\s*)?i'?m\s+new\s+(?:at|to)\s+(?:this|robots?))\s*[.!])", " ", text)
    # "Step two, which comes after that one, Y": the aside repeats the label's rank; "right after that": after that
    text = re.sub(r"(?i),\s*which\s+comes\s+(?:after|next\s+to)\s+(?:that|this|the\s+first)(?:\s+one)?\s*,", ",", text)
    text = re.sub(r"(?i)\bright\s+(?=(?:after|before)\s+(?:that|this|it)\b)", "", text)
    # "Step 2 \u2014 Y. Step 1 \u2014 X. Execute in numerical order.": dashed labels, ordered by their numbers anyway
    text = re.sub(r"(?i)\b(?P<label>step\s+(?:\d|one|two|three))\s*[\u2014\u2013]\s*", r"\g<label>: ", text)
    text = re.sub(r"(?i)(?:^|(?<=[.;:!?]))\s*(?:execute|perform|do|complete)(?:\s+(?:them|these|the\s+(?:steps"
                  r"|placements"
                  r"|tasks)))?\s+in\s+(?:numerical\s+order|numbered\s+order|the\s+order\s+(?:given|listed"
                  r"|shown))\s*[.!]",
                  " ", text)
    # "for the demo, please X": what it is for asks nothing; "find the plug at the end of the cable and push it in":
    # taking it is the step's own start
    text = re.sub(r"(?i)(?:^|(?<=[.;:!?,)])|(?<=\bfirst\s)|(?<=\bthen\s)|(?<=\bafter\s)|(?<=\bbefore\s))\s*for\s+(?:the"
                  r"|this|our|a)\s+(?:demo|test"
                  r"|video"
                  r"|recording|class|study)\s*,", " ", text)
    text = re.sub(r"(?i)\bfind\s+(?=the\s+(?:plug|cable|cord|connector|lead)\b[^.;!?]{0,40}?\band\s+(?:push|put|plug"
                  r"|insert|stick|seat|connect)\b)", "take ", text)
    # "X, but only after if you could, move Y": the courtesy inside the order clause goes, not the order
    text = re.sub(r"(?i)\b(?P<order>after|before|once)\s+(?:please\s+)?if\s+you\s+(?:could|can|would"
                  r"|don't\s+mind)\s*,\s*",
                  r"\g<order> you ", text)
    # "here's what I need X": the lead says nothing more than the step it introduces
    text = re.sub(r"(?i)\bhere'?s\s+what\s+(?:i|we)\s+(?:need|want)(?:\s+(?:you\s+)?to\s+do)?\s*:?", " ", text)
    # an operator's "X, then exec Y": the step itself (not "exec cable insertion", a step named by its noun)
    text = re.sub(r"(?i)\bexec\s+(?!(?:the\s+)?(?:cable|cord|plug|connector)\s+(?:insertion|connection)\b)", "", text)
    # "After you have finished the first step (X), go on to the next one: Y": the bracketed step, then the labelled one
    text = re.sub(r"(?i)\bafter\s+you(?:'ve|\s+have)?\s+(?:finished|completed|done)\s+the\s+first\s+(?:step|task|one"
                  r"|part)\s*\((?P<first>[^()]+)\)\s*,?\s*(?:go|move)\s+on\s+to\s+the\s+(?:next|second)(?:\s+(?:one"
                  r"|step|task|part))?\s*:", r"\g<first> then ", text)
    # "X, then Y (correction: Z)": a correction in brackets is one said aloud
    text = re.sub(r"(?i)\s*\(\s*(correction|sorry|i\s+mean[t]?)\s*[:,]\s*([^()]+)\)", r", \1, \2", text)
    text = _CALLED_STEP.sub(_called_step, text.lower().replace("\u2019", "'"))
    text = re.sub(r"\b(?:carry\s+out|execute|perform)\s+(?=[\"\u201c])", "", text)  # 'carry out "X"': X
    # (each only where it names no hazard, which stays to be asked about)
    text = _STORY_THEN_REQUEST.sub(_story_dropped, _BEFORE_THE_REQUEST.sub(
        lambda said: said[0] if _HAZARD.search(said[0]) else " ", text))
    text = _COMES_FIRST.sub(_quoted_in_order, _MAKE_SURE_DONE_BEFORE.sub(_quoted_in_order, text))
    text = _DO_THIS_BEFORE.sub(_quoted_in_order, text)
    text = _QUOTED_ONCE_DONE.sub(_quoted_in_order, _BEFORE_QUOTED.sub(_quoted_in_order, text))
    text = _arrow_ranked(text)
    # "Y (Beforehand, though: X)", "Y -- but do this one beforehand: X": X first, as "but do this first:" says
    text = re.sub(r"(?<!completed\s)(?<!done\s)(?<!finished\s)\b(?:but\s+)?(?:do\s+(?:this|it)"
                  r"(?:\s+one)?\s+)?beforehand"
                  r"(?:\s*,\s*though)?\s*:", "but do this first:", text)  # not "(to be completed beforehand: X)"
    text = re.sub(r"\bonce\s+you(?:'ve|\s+have)\s+got\s+(?:that|it|this)\s+(?:sorted|done|finished)(?:\s+out)?\b",
                  "after that", text)
    text = re.sub(r"(?:^|(?<=[.;:!?]))\s*(?:right|okay|ok|alright)\s+then\s*(?:[,.!]+|\u2014|\u2013|-{1,3})", " ", text)
    # "It's the blue peg that the red ring should go on.": put the red ring on the blue peg
    text = re.sub(rf"\bit(?:'s|\s+is)\s+the\s+(?P<peg>(?:{_COLOUR})\s+(?:{_PEG_NOUNS}))\s+(?:that|which)\s+"
                  rf"(?P<ring>the\s+(?:{_COLOUR})\s+(?:{_RING_NOUNS}))\s+(?:should|must|needs\s+to|has\s+to"
                  rf"|is\s+to)\s+go\s+"
                  r"(?:on|onto|over)\b", r"put \g<ring> on the \g<peg>", text)
    # an arrow between two steps, not between a thing and where it goes: "X. -> put ...", "... peg -> plug ..."
    text = re.sub(r"\s*(?:-+>|=>|\u2192)\s*(?=(?:(?:please|pls|um+|uh+|hey|robot|ok(?:ay)?|so|(?:can|could"
                  r"|would)\s+you)[\s,]+)*(?:put|place|plug|insert|connect|move|set|hang|slide|drop"
                  r"|take|grab|pick|seat|thread|stack|mount|lower|get|pop|attach)\b)", " , then ", text)
    text = _CONTRAST_RESTATED.sub(r"\g<peg> \g<noun>", text)
    # "(sequence matters)", "(do them in order)": the order they are listed in, as every list is read
    text = re.sub(r"\(\s*(?:(?:the\s+)?(?:sequence|order)\s+matters|(?:please\s+)?(?:do\s+(?:them|these)\s+)?in\s+"
                  r"(?:this\s+|that\s+|the\s+(?:given|listed)\s+)?order|in\s+sequence)\s*\)", " ", text)
    text = re.sub(r"\bsubsequent\s+(?:task|step|action|job)\s*:", "then", text)
    # "(do it before the other)", "(do it after the other)": first, last
    text = re.sub(r"\(\s*do\s+(?:it|this)\s+(?P<order>before|after)\s+the\s+other(?:\s+one)?\s*\)",
                  lambda said: "(do it first)" if said["order"] == "before" else "(do it last)", text)
    # "Target: the blue peg. Object: the red ring.": put the red ring on the blue peg
    text = re.sub(rf"\b(?:target|destination)\s*:\s*the\s+{_PEG}\s*[.;,]\s*(?:object|item)\s*:\s*the\s+{_RING}"
                  r"\s*[.;,]?", r"put the \g<ring> \g<ring_noun> on the \g<peg> \g<peg_noun>.", text)
    if re.search(r"\bdo\s+this\s+(?:one\s+)?(?:second|last)\s*:", text):  # "Do this second: X\nDo this first: Y"
        text = re.sub(r"\bdo\s+this\s+(?:one\s+)?(?P<rank>first|second|last)\s*:", r" \g<rank>: ", text)
    # a quoted request asked as a question, pointed at by its frame ('do "Can I get X?"', 'start with "Could you X?"')
    text = re.sub(r"(?P<frame>\b(?:do|this|with|first|then|that)\s*[:,]?\s*)"
                  r"(?P<quoted>[\"\u201c][^\"\u201d\n]{3,200}?)\?"
                  r"(?=[\"\u201d])", r"\g<frame>\g<quoted>", text)
    # "Step B (only after step A is done): Y": "step b: Y", then "do step a before step b" for the labels' order
    if after := re.search(r"\b(?P<kind>step|task|item|part)\s+(?P<later>[a-e\d])\s*\(\s*(?:only\s+)?(?:after|once"
                          r"|when)\s+"
                          r"(?P=kind)\s+(?P<earlier>[a-e\d])\s+(?:is\s+|has\s+been\s+)?(?:done|finished|complete"
                          r"|completed)"
                          r"\s*\)\s*:", text):
        text = (f"{text[:after.start()]}{after['kind']} {after['later']}:{text[after.end():]} ; do {after['kind']} "
                f"{after['earlier']} before {after['kind']} {after['later']}")
    text = re.sub(r"\bthe\s+(?:step|thing|task|action)\s+to\s+do\s+(?P<rank>first|last|second|next)\s*:", r"\g<rank>:",
                  text)  # "The step to do last: X\nThe step to do first: Y"
    if re.search(r"\bprereq(?:uisite)?s?\b", text) and re.search(r"\bmain\s+(?:task|step|job|instruction|goal|request)"
                                                               r"(?:\s+is)?\s*:", text) \
            and not re.search(r"(?m)^\s*\d[.)]\s", text):
        # "Main task: X\nPrerequisite, to be done before the main task: Y": Y, then X (steps numbered inside them are
        # asked about, as _nested_out_of_order asks)
        text = re.sub(r"\bprereq(?:uisite)?s?(?:\s+(?:step|task|job))?(?:\s*,?\s*(?:to\s+be\s+done|done|which\s+comes"
                      r"|that\s+comes)\s+(?:before|ahead\s+of|prior\s+to)\s+(?:the\s+main\s+(?:task|step|job)|that|it"
                      r"|this))?\s*:", "first:", text)
        text = re.sub(r"\b(?:the\s+)?main\s+(?:task|step|job|instruction|goal|request)(?:\s+is)?\s*:", "second:", text)
    # "Ultimately I need this: X", "..., however, ...": what the order words around them say is all they add
    text = re.sub(r"\b(?:ultimately|eventually|in\s+the\s+end),?\s+(?:i|we)(?:'d|\s+would)?\s+(?:need|want|like)"
                  r"(?:\s+(?:this|the\s+following)\s*:|[ \t]*(?=\n))", " ", text)
    text = re.sub(r",\s*however\s*,", ",", re.sub(r"(?:^|(?<=[.;:!?\n]))[ \t]*however\s*,", " ", text))
    text = _INTERJECTION.sub(" ", re.sub(r"\bple+a+s+e+\b", "please", text))
    text = re.sub(r"\bin2\b", "into", re.sub(r"\bw/", "with", text))  # text-message spelling
    text = re.sub(r"\bteh\b", "the", re.sub(r"\bwud\b", "would", text))  # typed fast
    # a learner's "after" for "then", before a bare verb: "connect the cable and after move the blue ring ..." (not
    # "X, but only after put Y": after you put Y)
    text = re.sub(r"[,\s]*\b(?:and\s+)?(?<!\()(?<!only\s)after\s+"
                  r"(?=(?:put|place|move|plug|connect|insert|hang|set|slide|drop|stick|take|grab)\s+\w)", " then ",
                  text)
    text = re.sub(rf"\band\s+after\s+(?=(?:the\s+)?(?:{_COLOUR})\s+(?:{_RING_NOUNS})\s+(?:on|onto|to)\b)", " and then ",
                  text)  # "..., and after green ring on green peg": a step, not what it waits for
    text = re.sub(r"\b(?:ok(?:ay)?|alright)\s*,?\s+so\b,?", " ", text)  # "..., then okay so the green ring, ..."
    text = re.sub(r"\b(?:prior\s+to|before|ahead\s+of)\s+(?:anything|everything)(?:\s+else)?\b", " to begin with ",
                  text)
    # shades and compounds of the scene's colours ("sky-blue", "lemon-yellow", "bright red"), an "o-ring", a power point
    text = re.sub(r"\b(?:sky|navy|royal|baby|light|dark|bright|pale|deep|lemon|mint|canary|ruby|blood|cherry|forest"
                  r"|lime|emerald|golden)[\s-]+(?P<colour>red|green|blue|yellow)\b", r"\g<colour>", text)
    text = re.sub(r"\bpower\s+point\b", "socket", re.sub(r"\bo-?rings?\b", "ring", text))
    # "plug in the cable (dock -> socket)": where the plug goes from and to, not two steps
    text = re.sub(r"\(\s*(?:from\s+)?(?:the\s+|its\s+)?dock\s*(?:->|\u2192|=>|to)\s*(?:the\s+)?socket\s*\)", " ", text)
    # manner: "all the way down the red rod" (onto it), "shove the plug home in ...", "nice and slow", "until it clicks"
    text = re.sub(r"\ball\s+the\s+way\s+(?:down\s+)?(?=(?:the|onto|on|over|into|in|to)\b)", "onto ", text)
    text = re.sub(r",?\s*all\s+the\s+way(?:\s+(?:down|in|home))?\b|\bhome\s+(?=in|into)"
                  r"|,?\s*nice\s+and\s+(?:slow(?:ly)?|easy|gentle|gently)\b"
                  r"|\s+until\s+(?:it|you\s+hear\s+it)\s+(?:clicks?|seats?|is\s+seated)\b", " ", text)
    # "X once, just one time": done once is how every step is done; "would you mind doing two things for me?",
    # "let's do this in order:" ask nothing more than their steps
    text = re.sub(r",?\s*\b(?:just\s+)?(?:once|one\s+time)(?:\s*,\s*(?:just\s+)?(?:once|one\s+time))*"
                  r"\s*(?=[.!]?\s*$)", " ", text)
    text = re.sub(r"\b(?:would|will)\s+you\s+be\s+able\s+to\b|\bare\s+you\s+able\s+to\b"
                  r"|\bi\s+(?:was|am|'m)\s+wondering\s+if\s+(?:you|u)\s+(?:might|could|would|can)"
                  r"(?:\s+be\s+able\s+to)?\b"
                  r"|\b(?:kindly\s+)?(?:would|could|will)\s+you\s+be\s+so\s+(?:good|kind)\s+as\s+to\b"
                  r"|\b(?:can|could|would)\s+(?:you|u)\s+to\b(?=\s+\w)"  # a learner's "can you to plug ..."
                  r"|\b(?:is\s+there\s+)?(?:a|any)\s+(?:way|chance)\s+(?:you\s+(?:could|can|might)|to)\b",
                  "could you", text)
    # "Can you do two things for me, in order:", "I'd like you to do two things for me in this order:": a count of
    # the steps said before them
    text = re.sub(r"\b(?:would\s+you\s+mind|can\s+(?:you|u)|could\s+(?:you|u)|please"
                  r"|(?:i'd|i\s+would)\s+like\s+you\s+to|(?:i\s+)?need\s+you\s+to)(?:\s+please)?\s+(?:do(?:ing)?"
                  r"|handl(?:e|ing)"
                  r"|tak(?:e|ing)\s+care\s+of|sort(?:ing)?\s+out|help(?:\s+me)?\s+with)\s+(?:two|2|three|3"
                  r"|a\s+couple\s+of|a\s+few|these|the\s+following)\s+(?:(?:little|quick|small)\s+)?"
                  r"(?:things|jobs|tasks|bits)(?:\s+for\s+(?:me|us|an\s+old\s+(?:lady|man|woman|fellow)))?"
                  r"(?:\s*,?\s*please)?(?:\s*,?\s+in\s+(?:this\s+)?order)?\s*[?:.]?"
                  r"|\blet'?s\s+do\s+(?:this|these|it|them)\s+in\s+order\s*:", " ", text)
    # "move the red ring over to the blue peg and put it on there": one step
    text = re.sub(r"\s+and\s+(?:put|place|set|slide|drop|hang|leave)\s+it\s+(?:on|onto|over)\s+there\b", " ", text)
    # "pop the cable in so it's ready for later", "So the kit's ready for tomorrow, do ...": a purpose, not a step
    text = re.sub(r"(?:,?\s+|(?:^|(?<=[.;:!?]))\s*)so\s+(?:that\s+)?(?:it|they|everything|the\s+(?:station|cell|rig"
                  r"|setup|bench|table|board|kit|lab|demo|workspace|area|room|class|stand|team))"
                  r"(?:'s|\s+is|\s+are|'re|\s+will\s+be)\s+"
                  r"(?:ready|set|done|in\s+place|out\s+of\s+the\s+way)\b"
                  r"[^,;.!?]*?(?=\s+(?:and|then|before|after|but|once)\b|[,;.!?]|$)", " ", text)
    text = re.sub(r"\b(?:afer|aftr)\b", "after", re.sub(r"\b(?:befor|bfore)\b", "before", text))  # typed fast
    text = re.sub(r"\bthn\b", "then", re.sub(r"\bend(?:s|ed)?\s+up\s+(?:holding|carrying)\b", "hold", text))
    # Irish "would ye", Scots "pit" (put), Indian English "fix the cable into", a demonstration for a class
    text = re.sub(r"\b(?P<modal>would|could|can|will)\s+ye\b", r"\g<modal> you", text)
    text = re.sub(r"(?:^|(?<=[.;:!?,])|(?<=\bthen))\s*pit\s+(?=the\b)", " put ", text)
    text = re.sub(r"\s*\b(?:lah|leh|lor)\b", " ", text)  # Singlish particles
    # Caribbean "Do dis one first", "When yuh done", "Two ting fi do", "Tek di green ring an put it pon di yellow peg"
    text = re.sub(r"\btek\b", "take", re.sub(r"\bdi\b", "the", re.sub(r"\bpon\b", "on", text)))
    text = re.sub(r"\ban\s+(?=(?:put|place|plug|take|stick|push|slide|hang|drop)\b)", "and ", text)
    text = re.sub(r"\bfi\s+(?=do\b)", "to ", re.sub(r"\b(?P<two>two|three|2|3)\s+ting\b|\bting(?P<s>s?)\b",
                                                     lambda ting: f"{ting['two']} things" if ting["two"] else
                                                     f"thing{ting['s']}",
                                                     re.sub(r"\byuh\b", "you", re.sub(r"\bdis\b", "this", text))))
    # "the green colour ring", "slam-dunk the hoop over the pole", a tag asking nothing ("pop it on, eh?", "let's put
    # X, yes?")
    text = re.sub(rf"\b(?P<colour>{_COLOUR})\s+colou?r(?:ed)?\s+(?=(?:{_RING_OR_PEG_NOUNS})\b)", r"\g<colour> ", text)
    # "X\n(but only after this one: Y)", "X\n-- but not before you have done this: Y": Y first
    text = re.sub(r"\(\s*but\s+only\s+after\s+this(?:\s+one)?\s*:\s*(?P<step>[^()]+?)\s*\)", r", but first, \g<step>",
                  text)
    text = re.sub(r"\bbut\s+not\s+before\s+you(?:'ve|\s+have)\s+(?:done|finished|completed)\s+this(?:\s+one)?\s*:",
                  "but first,", text)
    # "Do A then B.\nA: X\nB: Y": lettered steps in the order said
    if ordered := re.search(r"\bdo\s+(?P<earlier>[a-e])\s+(?:and\s+)?(?:then|before)\s+(?P<later>[a-e])\b", text):
        text = re.sub(r"(?m)^[ \t]*(?P<label>[a-e])[ \t]*:", r"task \g<label>:", text[:ordered.start()]
                      + f"do task {ordered['earlier']} before task {ordered['later']}" + text[ordered.end():])
    # a reply in a thread ("\u21b3 reply: ..."), a reminder of the order ("Not in the wrong order please!"), a learner's
    # "make first the one task and then other task"
    text = re.sub(r"(?m)\u21b3\s*(?:reply|re)?\s*:?|^[ \t]*>?[ \t]*thread\s+reply\s*:", " ", text)
    text = re.sub(r"(?m)^[ \t]*(?:when|once)\s+(?:done|finished)\s*(?:->|\u2192|=>)", " then: ", text)
    text = re.sub(r"\bthe\s+sock\s+it\b", "the socket", text)  # a transcript's "plug the cable into the sock it"
    text = re.sub(r"(?:^|(?<=[.;:!?\n]))[ \t]*(?:and\s+)?not\s+in\s+the\s+wrong\s+order(?:\s*,?\s*please)?\s*[.!]*"
                  r"|(?:please\s+)?(?:you\s+)?(?:make|do)\s+first\s+the\s+one\s+(?:task|thing|job)\s+and\s+then\s+"
                  r"(?:the\s+)?"
                  r"other(?:\s+(?:task|thing|job|one))?\s*[.!]", " ", text)
    # "Hey robot, mind sticking ...?": would you mind; "nvm": never mind
    text = re.sub(r"(?:^|(?<=[.;:!?,]))\s*mind\s+(?=\w+ing\b)", " would you mind ",
                  re.sub(r"\bnvm\b", "never mind", text))
    # "The socket is still empty -- get the cable in there": the socket's state, the scene's anyway
    text = re.sub(r"(?:^|(?<=[.;:!?\n]))\s*(?:the\s+)?(?:socket|outlet|port|jack)(?:'s|\s+is)\s+(?:still\s+)?(?:empty"
                  r"|free"
                  r"|open|unused)\s*(?:[.;!,\u2014\u2013]|\s-+)", " ", text)
    # "I should be most obliged if the green hoop could be placed on the yellow post": put the green hoop on ...
    text = re.sub(rf"\bi\s+(?:should|would)\s+be\s+(?:much\s+|most\s+|very\s+)?(?:obliged|grateful)\s+if\s+"
                  rf"(?P<thing>the\s+[\w\s]{{1,30}}?)\s+(?:could|would|might)\s+be\s+"
                  rf"(?P<done>{'|'.join(_PARTICIPLE_VERBS)})\b",
                  lambda wish: f"{_PARTICIPLE_VERBS[wish['done']]} {wish['thing']}", text)
    # "Note for the technician: X": for someone else, as "tell the technician to X" is
    text = re.sub(r"(?:^|(?<=[.;!?\n]))\s*(?:a\s+)?(?:note|message|reminder|memo|request)\s+(?:for|to)\s+"
                  r"(?!(?:the\s+)?(?:robot|bot|arm|you|yourself|tomorrow|tonight|today|later|next|this|the\s+(?:morning"
                  r"|afternoon|evening|weekend|day))\b)(?P<who>[\w' ]{1,30}?)\s*:", r" tell \g<who> to ", text)
    # "the spare cable from the drawer": another cable than the one in the scene
    text = re.sub(r"\b(?:spare|extra|backup|replacement)\s+(?=(?:cable|cord|lead|wire|connector|plug)\b)", "other ",
                  text)
    text = _wish_as_request(text)
    # a hedge before the request: "I might be getting this wrong, but ...", "Not sure if this is a big ask, but ...",
    # "I reckon", "Just a hint:", "Quick favour:", "Grandpa here.", "Oh, you clever machine."
    text = re.sub(r"(?:^|(?<=[.;:!?\n\u2192>])|(?<=\bthen ))\s*(?:i\s+(?:might|may)\s+be\s+(?:getting\s+this\s+wrong"
                  r"|wrong(?:\s+here)?)"
                  r"|(?:i'm\s+)?not\s+sure\s+if\s+(?:this|it)\s+is\s+(?:a\s+big|too\s+much\s+of\s+an?|an\s+odd"
                  r"|a\s+silly)\s+"
                  r"(?:ask|request|question)|sorry\s+(?:if\s+this\s+is\s+(?:obvious|a\s+silly\s+question)|to\s+"
                  r"(?:bother|ask)"
                  r"(?:\s+you)?)|this\s+might\s+be\s+a\s+silly\s+(?:ask|request|question))\s*,?\s*but\s+", " ",
                  text)
    text = re.sub(r"\bi\s+(?:reckon|think|guess|believe|feel)\s+(?:that\s+)?(?=(?:i'd|i\s+would|the\s+\w+(?:\s+\w+)?\s+"
                  r"(?:should|ought\s+to|needs?\s+to|must)\b))", " ", text)
    text = re.sub(r"(?:^|(?<=[.;:!?\n]))\s*(?:just\s+a\s+hint|quick\s+favou?r|small\s+favou?r|a\s+favou?r)\s*:"
                  r"|(?:^|(?<=[.;:!?\n)\u2022-]))\s*(?:grandpa|grandma|granny|grandad|nana|nan|mum|mom"
                  r"|dad)\s+here\s*[.!,]"
                  r"|(?:^|(?<=[.;!?,]))\s*(?:oh\s*,?\s*)?you\s+(?:clever|good|lovely|brilliant|smart|little)\s+"
                  r"(?:machine|robot|thing|bot)\s*[.!,]"
                  r"|(?:^|(?<=[.;!?]))\s*(?:also\s*,?\s*)?(?:i\s+)?love\s+how\s+[^.;:!?\"\u201d\n]*", " ", text)
    # "How about putting ...?": a request; "The lead isn't in the outlet yet. Could you fix that?": plug it in
    text = re.sub(r"\b(?:how|what)\s+about\s+(?=\w+ing\b)", " would you mind ", text)
    text = re.sub(r"\bthe\s+(?:cable|cord|plug|lead|wire)\s+(?:isn't|is\s+not)\s+(?:in|plugged\s+into|in\s+to)\s+"
                  r"(?:the\s+)?"
                  r"(?:socket|outlet|port|jack)(?:\s+yet)?\s*[.!]\s*(?:could|can|would)\s+you\s+(?:please\s+)?(?:fix"
                  r"|sort"
                  r"|change)\s+(?:that|it|this)(?:\s+out)?\s*\??", " plug the cable into the socket. ", text)
    # "Please hold off on this one: Y\n...until you've done this: X": X, then Y
    text = re.sub(r"(?s)(?:please\s+)?hold\s+off\s+on\s+this(?:\s+one)?\s*:\s*(?P<later>.+?)\s*(?:\.{3}"
                  r"|\u2026)?\s*until\s+"
                  r"you(?:'ve|\s+have)\s+done\s+this(?:\s+one)?\s*:\s*(?P<earlier>.+)$", r"\g<earlier> ; then "
                                                                                         r"\g<later>", text)
    # "Please do (a) before (b).", "# run in order", "(opening move first, obviously!)": the labels' own order
    text = re.sub(r"\bdo\s+\((?P<earlier>[a-e])\)\s+before\s+\((?P<later>[a-e])\)", r"do \g<earlier> before \g<later>",
                  text)
    text = re.sub(r"#\s*(?:run|do|execute)\s+(?:them\s+|these\s+)?in\s+(?:order|sequence)\b"
                  r"|\(\s*(?:the\s+)?(?:opening|first)\s+(?:move|step|one|task)\s+first\s*,?\s*(?:obviously|of\s+course"
                  r"|please)?\s*!?\s*\)", " ", text)
    # a deadline: "by the time I'm back"; "When I come back I want to see X": X
    text = re.sub(r"\s*\bby\s+the\s+time\s+(?:i|we)(?:'m|\s+am|'re|\s+are|\s+get|\s+come)\s+back\b"
                  r"|\bwhen\s+(?:i|we)\s+(?:come|get)\s+back\s*,?\s+(?=(?:i|we)\s+(?:want|'d\s+like|would\s+like)\b)",
                  " ",
                  text)
    text = re.sub(r"\b(?:i|we)\s+(?:want|'d\s+like|would\s+like)\s+to\s+see\s+(?=the\b)", "i want ", text)
    # "To finish the setup we just need X": X; "could you have the cable plugged in": plug it in
    text = re.sub(r"(?:^|(?<=[.;:!?\n]))\s*to\s+finish\s+(?:off\s+)?(?:the|this)\s+(?:setup|set-up|job|task|demo"
                  r"|station)\s*,?"
                  r"(?:\s*we\s+(?=(?:just\s+|only\s+)?need\b))?", " i ", text)
    text = re.sub(r"\bhave\s+the\s+(?:cable|cord|plug|lead|wire)\s+(?:plugged|connected)\s+in\b", "plug the cable in",
                  text)
    # "End result I'm after: X", "Desired state: X" inside a list: what is wanted; "X\nBut prior to that: Y": Y first;
    # "Thank you ever so much."
    text = re.sub(r"\b(?:the\s+)?(?:desired\s+)?(?:end\s+result|desired\s+state|end\s+state|target\s+state)"
                  r"(?:\s+(?:i'm|i\s+am|we're|we\s+are)\s+"
                  r"(?:after|aiming\s+for|hoping\s+for))?\s*:\s*(?=(?:the\s+)?[a-z]+\s+(?:[a-z]+\s+)?(?:sitting|resting"
                  r"|seated|plugged|placed|on|in)\b)", " i want ", text)
    text = re.sub(r"\bbut\s+(?:prior\s+to|before)\s+that\s*:", "but first,", text)
    text = re.sub(r"(?:^|(?<=[.;:!?,\n]))\s*thank\s+you\s+ever\s+so\s+much\s*[.!]*", " ", text)
    # thinking aloud before the request: "hmm, what's next...", "Let me think... ok.", "hmm what order makes sense..."
    text = re.sub(r"\b(?:(?:hmm+|um+|uh+|ok(?:ay)?|so)[ \t,]+)*(?:what's\s+next|what\s+else"
                  r"|what\s+order\s+makes\s+sense|let\s+me\s+(?:think|see)|where\s+was\s+i)[ \t]*(?:\.{2,}|\u2026"
                  r"|[.?!,])",
                  " ", text)
    # a deadline the request is done by anyway: "before lunch", "before the 3pm demo", "by noon"
    text = re.sub(r"\s*\b(?:before|by)\s+(?:lunch|noon|midday|tonight|the\s+end\s+of\s+(?:the\s+)?(?:day|shift)|eod"
                  r"|close\s+of\s+business|(?:the\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm)(?:\s+(?:demo|meeting|visit|call))?"
                  r"|the\s+(?:\w+\s+)?(?:demo|meeting|visit|inspection|break))\b", " ", text)
    # the speaker going away while the robot works: "while I grab coffee, ..." (not "while I hold the socket")
    text = re.sub(r"(?:^|(?<=[.;:!?,\n)\u2014\u2022-])|(?<=\bis))[ \t]*while\s+(?:i|we)\s+(?:grab|get|make|fetch"
                  r"|go\s+for|pop\s+out\s+for"
                  r"|run\s+to|head\s+to|step\s+out\s+for)\s+(?:a\s+|some\s+|my\s+)?(?:coffee|tea|lunch|a\s+drink"
                  r"|water|the\s+\w+)\b,?", " ", text)
    # a remark in brackets that asks nothing: "(no rush, honestly)", "(sorry for all the requests today)", "(it's a
    # bit stiff, sorry)"
    text = re.sub(r"\(\s*(?:sorry|apologies|thanks|thank\s+you|cheers|no\s+rush|no\s+hurry|it'?s\s+(?:a\s+bit\s+"
                  r"|quite\s+"
                  r"|rather\s+|very\s+|kind\s+of\s+)?(?:stiff|tight|fiddly|tricky|awkward))\b[^()]*\)", " ", text)
    text = re.sub(r",?\s*(?:please\s+|kindly\s+)?do\s+the\s+needful\s*(?=[.!;]|$)", " ", text)
    # a learner's tag on a request: "Put please X, yes?", "Put X, is possible?" (not "You put X, yes?", a question)
    text = re.sub(r"(?P<step>(?:^|(?<=[.;:!?,\n\-\u2022)\u2014])|(?<=\bis ))[ \t]*(?:(?:please|kindly|pls)\s+)?(?:put"
                  r"|place|plug|insert"
                  r"|connect|hang|slide|move|set|pop|stick)\b[^.;!?\n]*?),\s*(?:yes|yeah|no|right|ok(?:ay)?)\s*\?",
                  r"\g<step>.", text)
    text = re.sub(r",\s*is\s+(?:it\s+)?possible\s*\?", ".", text)
    # a verb said last: "green ring, yellow peg, put please"
    text = re.sub(rf"(?m)\b(?P<peg>{_PEG_NOUNS})\s*,\s*(?:put|place)(?:\s+it)?(?:\s*,?\s*(?:please|pls))?[ \t]*"
                  rf"(?=[.!]*[ \t]*$)",
                  r"\g<peg>", text)
    # "robot step one put X step two plug Y": inline step labels
    text = re.sub(r"\bstep\s+(?P<n>one|two|three|1|2|3)\s+(?=(?:put|place|plug|insert|connect|hang|slide|move|set)\b)"
                  + (r"|\bstep\s+(?P<named>one|two|three)\b(?!\s*(?::|is\b|will\b|should\b))" if re.search(
                      r"\bstep\s+one\b[^:].*\bstep\s+two\b[^:]", text, re.DOTALL) else ""),
                  lambda step: f" step {_NUMBERS[step['n'] or step.groupdict().get('named')]}: ", text)
    text = re.sub(r"\bslam[\s-]?dunk\b", "put", re.sub(r"\bno\s+time\s*[,!.]", " ", text))
    # "... The inspector wants to see it there.": who will look, not a step
    text = re.sub(r"[.!?][ \t]*(?:the|my|our)\s+\w+\s+(?:wants?|would\s+like|needs?|likes?)\s+to\s+see\s+"
                  r"(?:it|them|that|this)(?:\s+(?:there|like\s+that|in\s+place|done))?\s*(?:[.!]|(?P<quote>"
                  r"(?=[\"\u201d])))",
                  lambda seen: "" if seen["quote"] is not None else ". ", text)
    # "The yellow pole should end up with the blue hoop on it": should have; "Red peg: green ring.": a peg's ring
    text = re.sub(r"\bends?\s+up\s+with\b", "have", text)
    text = re.sub(rf"(?:^|(?<=[.;!?\n]))\s*{_PEG}\s*:\s*(?:the\s+)?{_RING}(?=\s*(?:[.;!\n]|$))",
                  r" put the \g<ring> \g<ring_noun> on the \g<peg> \g<peg_noun>", text)
    # "The green peg is looking a bit empty. Put the red ring on it", "the yellow peg is looking lonely, give it the
    # green ring": that peg
    for then_ring in (rf"(?:put|place|pop|stick|slide|hang|drop)\s+the\s+{_RING}\s+(?:on|onto)\s+it\b",
                      rf"(?:(?:would|could|can|will)\s+you\s+(?:please\s+)?)?give\s+it\s+the\s+{_RING}"):
        text = re.sub(rf"\bthe\s+{_PEG}\s+(?:is\s+looking|looks|is|seems)\s+(?:a\s+bit\s+|rather\s+|kind\s+of\s+"
                      r"|pretty\s+|very\s+|so\s+)?(?:empty|bare|lonely|naked)\s*[.!,]\s*" + then_ring + r"(?:\s*\?)?",
                      r" put the \g<ring> \g<ring_noun> on the \g<peg> \g<peg_noun>", text)
    # "The only things left are getting X and then Y.": those steps
    text = re.sub(r"\bthe\s+only\s+(?:things?|jobs?|tasks?|steps?)\s+left(?:\s+to\s+do)?\s+(?:are|is)\s*:?", " ", text)
    text = re.sub(r"\band\s+after\s+also\b", "and then also", text)  # a learner's "and after also X": then X
    text = re.sub(r",\s*(?:eh|ok(?:ay)?|alright|(?:would|will|could|can)\s+(?:ya|you|ye))\s*[?.]", ".", text)
    text = re.sub(r",\s*eh\s*(?=:)|(?<=\blet's\b)(?P<step>[^.;!?]*?),\s*(?:yes|yeah|ok"
                  r"(?:ay)?|right|alright)\s*\?",
                  lambda tag: f"{tag['step']}." if tag["step"] is not None else "", text)
    text = _THIS_ONE_LABEL.sub(_this_one_label, text)
    # "Task 1 of 2: X": task 1; "Task A is to be completed before Task B is commenced": do task a before task b
    text = re.sub(rf"\b(?P<label>{_KIND_WORD}\s+\d)\s+of\s+\d\b", r"\g<label>", text)
    text = re.sub(rf"\b(?P<earlier>{_KIND_WORD}\s+(?:[a-e]|\d))\s+(?:is\s+to|must|should|has\s+to|needs\s+to|shall)"
                  r"\s+be\s+(?:completed|done|finished|performed|carried\s+out)\s+(?:before|prior\s+to)\s+"
                  rf"(?P<later>{_KIND_WORD}\s+(?:[a-e]|\d))(?:\s+(?:is\s+)?(?:commenced|started|begun|starts|begins"
                  r"|commences))?\b", r"\g<earlier> before \g<later>", text)
    # the listed order said again: "Tasks must be completed in numerical sequence."
    text = re.sub(r"(?:^|(?<=[.;:!?\n]))[ \t]*(?:the\s+)?(?:tasks|steps|items|jobs)\s+(?:must|should|are\s+to|shall)\s+"
                  r"be\s+(?:completed|done|performed|carried\s+out|executed)\s+in\s+(?:numerical|numbered|sequential"
                  r"|the\s+(?:listed|given|numbered))\s+(?:sequence|order)\s*[.!]", " ", text)
    text = re.sub(r"\bfix\s+(?=(?:the|that|this)\s+(?:cable|cord|plug|lead|wire|connector)\s+(?:into|in)\b)", "plug ",
                  text)
    text = re.sub(r"(?:^|(?<=[.;:!?,]))\s*(?:(?:ok(?:ay)?|alright|right)\s*,?\s*)?(?:robot\s*,\s*)?show\s+"
                  r"(?:the\s+class|everyone|us|them|the\s+students|the\s+group)(?:\s+how\s+(?:you|to))?\s*:?", " ",
                  text)
    # "..., yeah let's do that": the step before it, confirmed
    text = re.sub(r"(?<=[,.!?])\s*(?:(?:yeah|yes|ok(?:ay)?)\s*,?\s*)?let'?s\s+do\s+(?:that|it|this)\s*(?=[.!]|$)", " ",
                  text)
    # "Number one, X. Number two, Y.": numbered steps; "X ... and in a sec, once that's finished, Y": then
    text = re.sub(r"\bnumber\s+(?P<n>one|two|three|1|2|3)\s*[,:]",
                  lambda n: f" step {_NUMBERS[n['n']]}:", text)
    text = re.sub(r"\b(?:and\s+)?in\s+a\s+(?:sec|second|minute|moment|bit|jiffy)\s*,\s*(?=(?:once|when|after)\b)",
                  " then ", text)
    text = re.sub(r"\bb4\b", "before", re.sub(r"\b(?:1st|2nd|3rd)\b", lambda rank: _RANK_NUMERALS[rank[0]], text))
    # "X, but only after put Y", "before plug the cable, X": a verb straight after "before"/"after" has its "you"
    # dropped, not "X, but only after; put Y"
    text = re.sub(r"\b(?P<order>before|after)\s+(?:please\s+)?(?=(?:put|place|plug|insert|connect|move|set|hang|slide"
                  r"|take|pick|grab"
                  r"|seat|push|attach|mount|stack|drop|transfer|position|lift)\s+(?:the|that|this|it|a|in|up|ring|cable"
                  r"|plug|red|green|blue)\b)", r"\g<order> you ", text)
    # a learner's "X and after you Y" with nothing after Y: afterwards (a clause "after you Y" would need its own step)
    text = re.sub(r"\b(?:and|n)\s+after\s+(?:you\s+)?(?!(?:that|this|it|which|them)\b)(?=[^,.;:!?]+(?:[.!?]+\s*)?$)",
                  " and then ", text)
    if re.match(r"\s*(?:(?:um+|uh+|ok(?:ay)?|so)[\s,]+)*first\b", text):  # "first X n after Y, ...": X is first
        text = re.sub(r"\b(?:and|n)\s+after\s+(?:you\s+)?(?!(?:that|this|it)\b)", " and then ", text, count=1)
    # "Y, please? (after X)": the bracket orders the step before it
    text = re.sub(r"[?.!]?\s*(?:(?:thx|thanks|ty)\s*)?\(\s*(?P<order>after|before|once)\s+(?P<step>[^()]+)\)",
                  r" \g<order> \g<step> ", text)
    # "ring: red / peg: blue - place it": the form's fields, then its verb
    text = re.sub(r"(?<=\w)\s+-+\s+(?:(?:please|pls)\s+)?(?:place|put|do|set|hang)\s+(?:it|that)\b", " ", text)
    text = re.sub(r"\b(?:with\s+the\s+\w+\s+)?facing\s+(?:the\s+)?right\s+way(?:\s+(?:up|round|around))?", " ", text)
    text = re.sub(r"\b(?:stick(?:ing|s)?|jam(?:ming|s)?)\s+"
                  r"(?=(?:the|that|this)\s+(?:cable|cord|plug|lead|wire|connector)\b)", "plug ", text)
    # "grab the cable and stick it in the socket": "it" is the cable just named
    text = re.sub(r"\b(?P<cable>(?:cable|cord|plug|lead|wire|connector)\s+(?:and\s+)?(?:(?:uh|um|erm?)\s+)*)(?:stick"
                  r"|jam|shove)\s+(?=it\s+in)",
                  r"\g<cable>plug ", text)
    # a learner's "make sure that": "make so that the red ring is sitting on the blue peg"
    text = re.sub(rf"\bmake\s+so\s+that\s+(?P<ring>the\s+(?:{_COLOUR})\s+(?:{_RING_NOUNS}))\s+is\s+(?:\w+ing\s+)?",
                  r"put \g<ring> ", text)
    text = re.sub(r"\b(?:affix|introduce)\s+(?=the\s+(?:cable|cord|plug|lead|wire|connector)\b)", "plug ",
                  re.sub(r"\bwithin\s+(?=(?:its|the)\s+socket\b)", "into ", text))
    text = re.sub(rf"(?:^|(?<=[.;:!?,]))\s*(?:on|onto)\s+the\s+{_PEG}\s+you\s+(?:must|should|will|can|need\s+to)\s+"
                  rf"(?:put|place|set|hang)\s+the\s+{_RING}", r" put the \g<ring> \g<ring_noun> on the "
                  r"\g<peg> \g<peg_noun>", text)
    # "... then on the blue peg, put the red ring": the peg said first, after another step's words
    text = re.sub(rf"(?:^|(?<=[.;:!?\"\u201c])|(?<=\bthen)|(?<=\band)|(?<=\bthing)|(?<=\bfirst))\s*(?:on|onto)\s+"
                  rf"the\s+{_PEG}\s*,\s*(?:please\s+)?(?:put|place|set|hang|slide|drop)\s+the\s+{_RING}",
                  r" put the \g<ring> \g<ring_noun> on the \g<peg> \g<peg_noun>", text)
    text = re.sub(r"\bdon'?t\s+you\s+dare\b", "don't", text)
    text = re.sub(r"\bi\s+(?:wouldn't|would\s+not)\s+mind(?:\s+at\s+all)?\s+if\s+you\b", "please", text)  # a request
    # "make sure you don't leave the cable unplugged": plug it in
    text = re.sub(r"\b(?:(?:make|be)\s+sure\s+(?:that\s+)?(?:you\s+)?)?(?:don't|do\s+not|never)\s+leave\s+"
                  r"(?P<cable>the\s+(?:cable|cord|plug|lead|wire|connector))\s+(?:unplugged|disconnected|out|hanging)"
                  r"\b", r"plug \g<cable> in",
                  text)
    # "I was going to ask for the cable too, but never mind that": not asked after all
    text = re.sub(r"\bi\s+(?:was\s+going\s+to|had\s+intended\s+to|meant\s+to|wanted\s+to)\s+ask\s+(?:for|you\s+to)\b"
                  r"[^.;!?]*?,?\s*but\s+(?:never\s+mind(?:\s+(?:that|it))?|that(?:'s|\s+is)\s+no\s+longer\s+(?:required"
                  r"|needed|necessary)|(?:i|we)\s+(?:don't|do\s+not)\s+need\s+(?:that|it)(?:\s+any\s*more)?)", " ",
                  text)
    # "-- the ring is enough for now": nothing to do
    text = re.sub(r"(?:^|(?<=[;,.\u2014]))\s*(?:the\s+\w+|that|this|it|one\s+\w+)\s+(?:is|'s)\s+enough"
                  r"(?:\s+for\s+(?:now|today))?\s*(?=[.;!?]|$)", " ", text)
    text = re.sub(r"\bgimme\b", "put", re.sub(r"\s+n\s+(?=then\b)", " and ", text))  # "gimme X on Y n then ..."
    text = re.sub(r"(?:^|(?<=[.!;,]))\s*(?:now\s+)?go(?:\s+now)?\s*[.!]*\s*$", " ", text)  # "Blue ring, red peg. Go."
    text = re.sub(rf"\b(?:onto|on)\s+the\s+{_PEG}\s+with\s+the\s+{_RING}", r"put the \g<ring> \g<ring_noun> on the "
                  r"\g<peg> \g<peg_noun>", text)  # "Onto the red post with the red hoop."
    # "Load the yellow spindle with the green ring."
    text = re.sub(rf"\b(?:load|fill)\s+(?:up\s+)?the\s+{_PEG}\s+with\s+the\s+{_RING}",
                  r"put the \g<ring> \g<ring_noun> on the \g<peg> \g<peg_noun>", text)
    # "Put the red ring on the yellow peg please - yes, red ring, yellow peg.": the step said again to confirm it
    text = re.sub(rf"\s*[-\u2014,]\s*(?:yes|yep|yeah)\s*,\s*(?:the\s+)?(?P<ring>{_COLOUR})\s+"
                  rf"(?:{_RING_NOUNS})\s*,?\s*(?:on\s+)?"
                  rf"(?:the\s+)?(?P<peg>{_COLOUR})\s+(?:{_PEG_NOUNS})\s*[.!]?\s*$",
                  lambda said: "." if re.search(rf"\b{said['ring']}\s+(?:{_RING_NOUNS})\b[^.;!?]*\b{said['peg']}\s+"
                                                rf"(?:{_PEG_NOUNS})\b",
                                                said.string[:said.start()]) else said[0], text)
    # "the second cable": there is one; "other" is what the clause reader asks back about (not an order word)
    text = re.sub(r"\b(?:second|third|another|2nd|3rd)\s+(?=(?:cable|cord|lead|wire|connector|socket|outlet|port|jack"
                  r"|receptacle)\b)", "other ", text)
    return _spoken(_plain_register(text))


_PARTICIPLE_VERBS = {"seated": "put", "placed": "put", "put": "put", "set": "put", "moved": "put", "hung": "put",
                     "slid": "put", "mounted": "put", "positioned": "put", "plugged": "plug", "connected": "plug",
                     "inserted": "plug"}
# Formal and nominal forms of a step or an order, as a model paraphrasing the task writes them: "the placement of the
# red ring on the green peg", "the insertion of the cable into the socket", "upon completion of", "having first
# seated X, proceed to Y", "perform the following operation:".
_NOMINAL_PLACE = re.compile(rf"\b(?:the\s+)?(?:placement|placing|relocation|positioning|transfer|mounting|setting)\s+of"
                            rf"\s+(?=the\s+(?:{_COLOUR})\s+(?:{_RING_NOUNS})\b)")
_NOMINAL_PLUG = re.compile(r"\b(?:the\s+)?(?:insertion|connection|plugging|connecting|inserting)\s+of\s+the\s+"
                           r"(?:cable|cord|plug|connector|wire)(?:\s+(?:connector|plug))?\s+(?:into|to|with)\s+the\s+"
                           r"socket\b"
                           r"|\bthe\s+(?:cable|cord)'s\s+(?:connection|insertion)\s+(?:to|into)\s+the\s+socket\b"
                           r"|\b(?:establish|make|complete)\s+the\s+(?:cable\s+)?connection\b"
                           # an operator's "exec cable insertion", "do the cable insertion"
                           r"|\b(?:do|perform|run|exec(?:ute)?)\s+(?:the\s+)?(?:cable|cord|plug|connector)\s+"
                           r"(?:insertion|connection)\b(?!\s+(?:of|to|into|with)\b)"
                           r"|(?:^|(?<=[.;:!?,]))\s*(?:cable|cord|plug|connector)\s+(?:insertion|connection)\s*"
                           r"(?=[.;:!?,]|$)")
_LEADS = r"(?:^|(?<=[.;:!?]))\s*"  # where a sentence, or a part of one after a mark, begins
_FRAME = re.compile(rf"{_LEADS}(?:(?:please|kindly|efficiently|carefully)\s+|i\s+would\s+be\s+(?:most\s+|very\s+)?"
                    rf"grateful\s+if\s+you\s+(?:could|would)\s+)*"
                    r"(?:(?:you\s+are\s+)?hereby\s+directed\s+to\s+)?"
                    r"(?:perform|carry\s+out|execute|complete|do)\s+(?:the\s+following|these(?:\s+(?:two|2|three|3))?"
                    r"|the\s+(?:two|2|three|3)|both)"
                    r"(?:\s+(?:\w+\s+)?(?:manipulation|action|task|operation|step|order)s?)?(?:\s*,?\s*(?:"
                    r"(?:from\s+)?top\s+to"
                    r"\s+bottom|in\s+order|in\s+sequence|in\s+the\s+order\s+(?:given|listed|shown|below)))?\s*[:.]"
                    rf"|{_LEADS}(?:execute|perform|do)\s+(?:these\s+|them\s+)?in\s+sequence\s*[.:]"
                    rf"|{_LEADS}(?:test|run|task|work|station)?\s*sequence(?:\s+for\s+(?:this|the|today's)\s+\w+)?"
                    r"(?:\s*,\s*please)?\s*[.:]"
                    rf"|{_LEADS}your\s+(?:assignment|task|job|mission)\s+consists\s+of\s+(?:a\s+single|one)\s+"
                    r"(?:action|step|task|operation)\s*:"
                    rf"|{_LEADS}(?:two|2)\s+(?:operations|actions|steps|tasks)\s+are\s+(?:requested|required)"
                    r"\s*,?\s*(?:in\s+the\s+following\s+(?:sequence|order))?\s*:"
                    rf"|{_LEADS}(?:with\s+the\s+(?:objective|aim|goal|intention)\s+of|for\s+the\s+purpose\s+of"
                    r"|in\s+the\s+interest\s+of)\s+(?:completing\s+|finishing\s+)?(?:the|this)\s+"
                    r"(?:assembly|exercise|task|test|experiment|setup|demo|job|trial)\s*,"
                    # "Ordered list below, top to bottom please:", "Order matters.", "Here's the sequence."
                    rf"|{_LEADS}(?:(?:an?\s+)?ordered\s+list(?:\s+below)?\s*,?\s*)?(?:(?:from\s+)?top\s+to\s+bottom)?"
                    r"(?:\s*,?\s*please)?\s*:"
                    rf"|{_LEADS}(?:the\s+)?(?:order|sequence)\s+(?:matters|is\s+(?:important|key|crucial))"
                    rf"(?:\s+here)?\s*[.!:]"
                    # "Got two jobs for you.", "From the lab manager, two requests:", "Work order.", "hey so 2 things
                    # pls": a list follows
                    rf"|{_LEADS}(?:from\s+(?:the\s+)?[a-z][\w\s]{{0,25}}?,\s*)?(?:(?:i(?:'ve|\s+have)\s+)?got\s+"
                    rf"|i\s+have\s+"
                    r"|here\s+are\s+|there\s+are\s+|(?:hey\s+)?so\s+|please\s+)?(?:two|2|three|(?:a\s+)?couple\s+of"
                    r"|a\s+few)\s+"
                    r"(?:(?:quick|small|little|short|easy|simple)\s+)?(?:jobs|things|tasks|requests|steps|items"
                    r"|actions)(?:\s+for\s+you)?(?:\s+(?:today|now|please"
                    r"|pls|plz))*(?:\s+to\s+do)?(?:\s+and\s+(?:the\s+)?order\s+matters)?(?:\s*[.:!;]|[ \t]*(?=\n))"
                    # "Please handle these one at a time, top to bottom:", "Could you do these two for me, in this
                    # order?": the list below, in its order
                    rf"|{_LEADS}(?:(?:could|can|would|will)\s+you\s+)?(?:please\s+)?(?:handle|do|take\s+care\s+of"
                    rf"|tackle"
                    r"|work\s+through|go\s+through)\s+(?:these|them|the\s+following)"
                    r"(?:\s+(?:two|2|three|3|tasks|jobs|steps|things|items))*(?:\s+for\s+me)?"
                    r"(?:\s*,?\s*(?:one\s+at\s+a\s+time|one\s+by\s+one|in\s+(?:this|that|the\s+following)\s+order"
                    r"|in\s+order"
                    r"|(?:from\s+)?top\s+to\s+bottom|please))*\s*[:?.]"
                    # "I should be grateful if you would attend to two matters, in this order."
                    rf"|{_LEADS}(?:i\s+(?:should|would)\s+be\s+(?:most\s+|very\s+)?grateful\s+if\s+you\s+(?:would"
                    rf"|could)\s+)?"
                    r"attend\s+to\s+(?:two|2|the\s+following)\s+(?:matters|things|tasks|items)(?:\s*,?\s*in\s+(?:this"
                    r"|the\s+following)\s+order)?\s*[.:]"
                    rf"|{_LEADS}(?:checklist|to-?do(?:\s+list)?|task\s+list)(?:\s+for\s+[\w\s]{{1,20}}?)?"
                    r"(?:\s*,?\s*in\s+order)?\s*:"
                    rf"|{_LEADS}(?:the\s+)?plan(?:\s+for\s+(?:this|the|today's)\s+\w+)?\s*(?:\(\s*(?:execute|run|do)\s+"
                    r"(?:them\s+)?in\s+order\s*\))?\s*:"
                    rf"|{_LEADS}work\s+order\s*[.:]|{_LEADS}(?:please\s+)?proceed\s+as\s+follows\s*[.:]"
                    rf"|{_LEADS}(?:(?:up)?on|after|following)\s+(?:the\s+)?completion\s+of\s+the\s+(?:task|step)s?\s+"
                    r"(?:below|above|listed|that\s+follows)\s*,\s*(?:perform|do|carry\s+out|execute)\s+the\s+"
                    r"(?:subsequent|next|second|following|remaining)\s+(?:task|step)s?\s*[.:]"
                    rf"|{_LEADS}here(?:'s|\s+is)\s+the\s+(?:sequence|(?:game\s+)?plan|play|order|list)\s*[.:!]"
                    rf"|{_LEADS}(?:hi\s*,\s*)?the\s+(?:order|sequence|plan)\s+(?:is|will\s+be)\s*:")


def _plain_register(text: str) -> str:
    """``text`` with a step or an order said in nouns or formal phrases said plainly."""
    text = _OUT_OF_DOCK.sub("plug the cable ", _FRAME.sub(" ", text))
    # "using the attached checklist", "with the connected laptop logging": a plugging word describing something else
    text = re.sub(r"\b(?P<lead>the|an?|this|that|our|my|your)\s+(?:attached|connected|inserted|plugged|fitted"
                  r"|hooked)\s+"
                  r"(?!(?:cable|plug|cord|wire|lead|connector|socket|jack|port|outlet|receptacle|in|into|to)\b)"
                  r"(?=[a-z])",
                  r"\g<lead> ", text)
    text = _NOMINAL_PLUG.sub("plugging the cable into the socket", _NOMINAL_PLACE.sub("putting ", text))
    text = re.sub(r"\b(?:up)?on\s+(?:the\s+)?completion\s+of\b|\b(?:after|following)\s+(?:the\s+)?completion\s+of\b"
                  r"|,\s*though\s+(?:this|that|it)\s+should\s+(?:be\s+done|happen|come)\s+only\s+after\b",
                  lambda said: ", but only after" if said[0].startswith(",") else "after", text)
    # "having first seated the blue ring upon the red peg, proceed to ...": that step first, then the rest
    return re.sub(rf"^\s*having\s+(?:first\s+)?(?P<done>{'|'.join(_PARTICIPLE_VERBS)})\b(?P<step>[^,;]*),\s*"
                  r"(?:(?:please\s+)?proceed\s+to\s+)?",
                  lambda said: f"first {_PARTICIPLE_VERBS[said['done']]}{said['step']}, then ", text)


_SPOKEN_VERB = r"(?:put|place|set|move|hang|stick|slide|drop|plug|insert|connect|attach)"
# The plug taken from its dock on its way to the socket: "take the plug out of its dock and push it into the socket",
# "get the plug out of the dock and into the socket", "1. Pull the plug from the dock ; 2. Insert it into the socket".
_OUT_OF_DOCK = re.compile(r"\b(?:take|get|pull|lift|remove|grab|unseat|unhook|unclip|detach)\s+(?:the\s+)?"
                          r"(?:cable'?s?\s+)?"
                          r"(?:plug|connector|cable|cord|lead)"
                          r"\s+(?:out\s+of|from|off)\s+(?:its|the)\s+(?:dock|holder|cradle|stand|parking\s+spot)"
                          r"\s*(?:,|;|\band\b|\bthen\b|\d[.)]|\s)*\s*(?:(?:then|and)\s+)?"
                          r"(?:(?:push|put|insert|plug|seat|stick|slide)\s+it\s+)?(?=in(?:to)?\s+(?:the"
                          r"|its)\s+socket\b)")
# A false start, the verb said again before its step was ("put the red put the green ring on the red peg"): the
# step the speaker began again.
_FALSE_START = re.compile(rf"\b(?P<verb>{_SPOKEN_VERB})\s+(?:(?:the|a)\s+)?(?:(?:{_COLOUR})\s+)?(?:(?:uh|um|er)\s+)?"
                          r"(?=(?P=verb)\b)")
# Steps run on without a mark, as a transcript writes speech ("... on the blue peg plug the cable", "... the cable in
# put the red ring ...", "... on the yellow peg first plug the cable"): a step ends at its object's noun (or "in", "it")
# where a verb of the vocabulary, with its object after it, begins another; a rank may lead the new step.
_RUN_ON = re.compile(
    rf"\b(?P<end>(?:{_RING_OR_PEG_NOUNS}|socket|cable|cord|wire)s?|in|it)\s+"
    rf"(?=(?:(?:first|second|then|next|last|finally)\s+)?(?P<verb>{_SPOKEN_VERB})\s+"
    rf"(?:(?:the|a|in|{_COLOUR})\b|it\s+\w))")


def _spoken(text: str) -> str:
    """``text`` with a transcript's false starts dropped and its run-on steps parted by commas."""
    text = _FALSE_START.sub("", text)
    text = re.sub(r"\b(?P<joint>but|and|then)\s+(?:uh+|um+|erm*)\b[\s,]*", r"\g<joint> ", text)  # "but uh before ..."
    # "... before so um take the red ring ...": a speaker's "so", not "before doing so"
    text = re.sub(r"(?<=\bbefore)[\s\"\u201c]+so\s+(?=(?:um+|uh+|er+m?|yeah|like)\b)", " ", text)
    # "the cable plug in ...": the plug of the cable, not a new step
    return _RUN_ON.sub(lambda run: run[0] if run["verb"] == "plug" and run["end"].startswith(("cable", "cord", "wire"))
                       else f"{run['end']}, ", text)


# "Goal: the blue ring is on the blue peg.": under a label that names the state wanted, "is" says what should be
_GOAL_STATE = re.compile(
    r"^\s*(?:(?:the\s+|your\s+)?(?:goal|target|desired|end|final|wanted)(?:\s+(?:state|outcome|result|configuration))?"
    r"|objective|outcome)(?:\s+(?:i'm|i\s+am|we're|we\s+are)\s+(?:after|aiming\s+for|hoping\s+for))?\s*:\s*"
    r"(?P<state>[^.;!?]*)")
_STATE_VERB = re.compile(r"\b(?:is|are)\s+(?=(?:on|in|into|plugged|seated|inserted|connected|placed|sitting|resting"
                         r"|hanging)\b)")


def _goal_as_wanted(said: re.Match) -> str:
    """A goal label's state as what should be (under the label "goal:"), unless it says the state is already so."""
    state = said["state"]
    if re.search(r"\b(?:already|still|was|were|been)\b", state):
        return said[0]
    return "goal: " + _STATE_VERB.sub("should be ", state)


def _itemised(text: str) -> str:
    """``text`` with its forms, tables, lists and labels as steps parted by ";", put in the order their labels, places
    or an "order:" line give, and their status marks gone; a goal label's state as what should be."""
    text = _table_in_order(_FIELD_STEP.sub(_field_step, _GOAL_STATE.sub(_goal_as_wanted, text)))
    # "Last thing to do:\nX\n\nFirst thing to do:\nY": a rank label alone on its line heads the line after it (a
    # list's marker after it starts the list's items)
    text = re.sub(r"(?im)^(?P<label>[ \t]*(?:the\s+)?(?:very\s+)?(?:first|second|third|last|final|next)(?:\s+(?:thing|job|task"
                  r"|step|one|action|item))?(?:\s+to\s+do)?[ \t]*:)[ \t]*(?:\n[ \t]*)+(?=(?![a-e][.)]\s)[^\s\-*\u2022\d(\[>#])",
                  r"\g<label> ", text)
    text = _ITEM_BREAK.sub(" ; ", text)  # "1) X 2) Y", "- X\n- Y": each item a step
    # "A) X; B) Y; A before B, please.", "job B comes after job A, so do job A first": "do A before B"
    text = re.sub(rf"(?:^|(?<=[;.:]))\s*(?:(?:complete|finish|do)\s+)?(?:{_KIND_WORD}\s+)?"
                  rf"(?P<earlier>[a-e])\s+before\s+"
                  rf"(?:(?:starting|beginning|doing)\s+)?(?:{_KIND_WORD}\s+)?(?P<later>[a-e])\b",
                  r" do task \g<earlier> before task \g<later>", text)
    text = re.sub(rf"(?:^|(?<=[;.:]))\s*(?:{_KIND_WORD}\s+)?(?P<later>[a-e])\s+comes\s+after\s+(?:{_KIND_WORD}\s+)?"
                  rf"(?P<earlier>[a-e])\b(?:\s*,?\s*so\s+do\s+(?:{_KIND_WORD}\s+)?[a-e]\s+first)?",
                  r" do task \g<earlier> before task \g<later>", text)
    text = _in_label_order(_in_listed_order(text))
    text = _REPEATED.sub(" twice ", re.sub(r"\s[+&]\s", " and ", text))
    # "X, - [ ] Y", "X (after - [ ] Y)": a marker inside a sentence starts no item
    text = re.sub(r"(?P<lead>[,(]|\b(?:after|before|once|then)(?:\s+you)?)\s*"
                  r"(?:[-*\u2022]\s+\[\s?\]|[-*\u2022]|\[\s?\])(?=\s)", r"\g<lead>", text)
    text = re.sub(r":[ \t]*(?:[-*\u2022][ \t]+)?\[\s?\](?=\s)", ":", text)  # "first job: [ ] X": the label's item
    text = _STATUS_OPEN.sub(" ", _STATUS_MARKED.sub(" ", _LIST_ITEM.sub(" ; ", text)))
    # "order: reversed" (read at the end), "order: as listed" (the order said)
    text = re.sub(r"\border\s*[:=]\s*(?:reversed|reverse|backwards?)\b", " do them in reverse order", text)
    text = _REVERSED_AHEAD.sub("", text) + " ; do them in reverse order" if _REVERSED_AHEAD.match(text) else text
    text = re.sub(r"\border\s*[:=]\s*(?:as\s+(?:listed|given|written|said)|in\s+sequence|sequential)\b", " ", text)
    return text


def _without_asides(text: str) -> str:
    """``text`` with bracketed and field prohibitions said as prohibitions, and without what asks nothing: courtesy,
    reasons, pleasantries, narration and idioms that negate nothing."""
    # "In the training video they plug the cable in first, but you should just put ...": what others were shown doing
    text = re.sub(_SHOWN_IN + r"[^;.!?]*?,?\s*but\s+(?=you\b)", " ", text)
    text = _BRACKETED_PROHIBITION.sub(r"; \g<inner> ;", _BRACKETED_RANK.sub(
        lambda said: f": {said['rank']} " if said["colon"] else f" {said['rank']} ", text))
    text = _FIELD_PROHIBITION.sub(lambda field: f"; never use the {field['object'] or field['excluded']} ;", text)
    text = _BUT_NOT_PLACEMENT.sub("; don't put ", text)
    text = _NEITHER_NOR.sub(r"never use the \g<one> \g<noun>; never use the \g<other> \g<noun>", text)
    text = _CABLE_BEFORE_RINGS.sub(lambda note: f" (cable {'first' if note['order'] == 'before' else 'last'})", text)
    text = re.sub(r",?\s*(?:and\s+|but\s+)?not\s+the\s+other\s+way\s+a?round\b", " ", text)  # it asks what was said
    text = _REASON.sub(" ", _COURTESY.sub(" ", _PLEASANTRY.sub(" ", _MANNER_ASIDE.sub(" ", text))))
    # "do a clean job of getting the blue ring onto ...": the step
    text = re.sub(r"\bdo\s+a\s+(?:clean|neat|good|careful|tidy|nice|proper)\s+job\s+(?:of|with|on)\s+"
                  r"(?P<verb>plugging|getting|putting|placing|setting)\b",
                  lambda job: "plug" if job["verb"] == "plugging" else "put", text)
    # "could you place X? thx, but only after ...": one sentence
    text = re.sub(r"\?\s*(?:(?:thx|thanks|ty|cheers)\s*)?(?=,)|\btodo\s*:", " ", text)
    text = _POINTED_OUT.sub(lambda pointed: f" take the {pointed['seen'] or pointed['found']} and ", text)
    text = _DO_THAT.sub(" ", _RIGHT_THERE.sub(" ", text))
    text = _THAT_ONE.sub(" ", _QUESTION_EITHER_WAY.sub(" ", _CABLE_AT_START.sub(" ", text)))
    text = _NARRATION.sub(_without_context, _CONTEXT_SENTENCE.sub(_without_context, _SCENE_SENTENCE.sub(_without_scene,
                                                                                                       text)))
    text = _CONTEXT_BEFORE_SO.sub(
        lambda lead: lead[0] if _names_something(_NEXT_OCCASION.sub(" ", lead["rest"]), verbs=False) else "", text)
    text = standard_colours(without_idioms(text))
    return text


# "Don't do X until you have done Y", "don't X, please, until you've plugged in the cable": Y, then X. (Until a state,
# "until the red ring is on the blue peg", is read where conditions are; until a signal is asked about.)
_NOT_UNTIL_DONE = re.compile(
    r"\b(?:don't|do\s+not)\s+(?:do\s+)?(?P<step>[^;.!?]+?),?\s+until\s+(?:after\s+)?you(?:'ve|\s+have)\s+"
    rf"(?:(?:done|finished|completed)\s+|(?P<done>{'|'.join(_PARTICIPLE_VERBS)})\b)(?P<before>[^;.!?]+)")


def _not_until_done(said: re.Match[str]) -> str:
    """Y, then X; as said where Y names nothing to do ("until you have done that"), to be asked about."""
    if not {t.category for t in _tokens(said["before"])} & {"colour", "ring", "peg", "cable", "socket"}:
        return said[0]
    before = f"{_PARTICIPLE_VERBS[said['done']]}{said['before']}" if said["done"] else said["before"]
    return f"{before.strip()}, then {said['step'].strip()}"


def _order_said_plainly(text: str) -> str:
    """``text`` with order said otherwise ("do this first:", "not until", "hold off until", "which you should only do
    after", "the step before that is") in the order words the clause reader knows, and prohibitions and plug steps
    in their plain forms ("do not" don't, "under no circumstances" never, "got the cable into" plugged)."""
    # "prior to this one (X) please complete the following: Y": Y, then X
    text = re.sub(r"^\s*(?:prior\s+to|before)\s+(?:this\s+one|this(?:\s+(?:step|task|job))?)\s*\((?P<later>[^"
                  r"()]+)\)\s*,?\s*"
                  r"(?:please\s+)?(?:complete|do|finish|carry\s+out|perform|handle)\s+(?:the\s+following|this)\s*:"
                  r"\s*(?P<earlier>.+)$", r"\g<earlier> ; then \g<later>", text)
    # "proceed to the closing objective: X": "the closing objective: X", a rank label
    text = re.sub(r"\b(?:proceed|move\s+on|go\s+on|continue|advance)\s+(?:on)?to\s+(?=(?:the\s+|your\s+)?(?:closing"
                  r"|final|last"
                  r"|next|second|concluding)\b)", " ", text)
    # 'After you've handled "X", move on to "Y".': X, then Y ("move on to the blue peg" is where a ring goes)
    text = re.sub(r"\b(?P<after>after|once|when)\s+you(?:'ve|\s+have)\s+(?:handled|dealt\s+with|taken\s+care\s+of"
                  r"|tackled"
                  r"|sorted(?:\s+out)?)\b", r"\g<after> you've done", text)
    text = re.sub(rf"\b(?:move|go)\s+on\s+to\b(?!\s+(?:the\s+)?(?:{_COLOUR})\s+(?:{_PEG_NOUNS})\b)", " then ", text)
    # "grab the red ring, then lower it onto the blue post": one step, kept whole where an order word ranks it
    text = _PICK_THEN_PLACE.sub(r"\g<verb> the \g<ring> \g<target>", text)
    # "X, and after do the connection of cable": a learner's "afterwards"
    text = re.sub(r",?\s*\band\s+after\s+(?=(?:do|make|put|place|plug|connect|insert|take|move)\b)", " ; then ",
                  text)
    # "and the follow-up, once that's in the bag: X": "then, once that's done: X"
    text = re.sub(r"\b(?:and\s+)?the\s+follow[- ]?up\b\s*,?", " then ", re.sub(r"\bin\s+the\s+bag\b", "done", text))
    # "Second, once the first is finished: X": "after that, X"
    text = re.sub(r"\b(?:only\s+)?(?:once|when|after)\s+the\s+first(?:\s+(?:one|job|step|task|thing|objective))?\s+"
                  r"(?:is|has\s+been)\s+(?:finished|done|complete|completed)\b", " after that ", text)
    text = _NOT_UNTIL_DONE.sub(_not_until_done, text)
    text = _POINTED_RANK.sub(lambda label: " ; last " if label["waits"] else " ; first " if label["urgent"] else
                             f" {label['rank'] or _RELATIVE_RANKS[label['relative']]} ", text)
    text = _BRACKETED_STEP_POINTED.sub(lambda said: f" {said['bracketed']} then {said['pointed']}" if said["order"] in (
        "after", "following") else f" {said['pointed']} then {said['bracketed']}", text)
    text = _ORDERED_BY_PRONOUN.sub(r"\g<step> \g<order>", text)
    text = _DASHED_STEP_POINTED.sub(r" \g<pointed> ; then \g<dashed>", text)
    # "As soon as you have finished this one -- X -- go ahead with this one: Y": X leads
    text = re.sub(r"\b(?:as\s+soon\s+as|once|when)\s+you(?:'ve|\s+have)\s+(?:finished|completed|done)\s+this\s+"
                  r"(?:one|step)\s*"
                  r"(?=\u2014|\u2013|--)", " first ", text)
    text = re.sub(r"\bstart\s+here\s*:", " first ", text)
    # ("let's get that red ring onto ...": "that" points at the ring, not back at a step)
    text = re.sub(rf"\b(?:let(?:'s|\s+us)|i'?d\s+like\s+to|i\s+would\s+like\s+to|i\s+want\s+to)\s+(?:see|get|have)\s+"
                  rf"(?!(?:if|whether|what|how|which|where|why)\b)(?P<that>(?:that|this)\s+(?=(?:{_COLOUR})\b))?",
                  lambda lead: " the " if lead["that"] else " ", text)
    # a goal state: "desired end state: the red torus resting around the blue spindle"
    text = re.sub(r"\b(?:(?:desired|final|target|goal)\s+)?(?:end\s+)?state(?:\s+wanted)?\s*:"
                  r"|\bthe\s+(?:aim|goal|objective|idea|plan)\s+is\s+(?:this|as\s+follows)\s*:", " ", text)
    # a work order's forms: "Operator shall transfer ...", "Confirm upon completion.", "Verify full seating."
    text = re.sub(r"\b(?:the\s+)?(?:operator|robot)\s+(?:shall|will|must|should)\s+", " ", text)
    text = re.sub(r"(?:^|(?<=[.;!?]))\s*(?:please\s+)?(?:confirm|verify|report(?:\s+back)?|let\s+me\s+know"
                  r"|notify\s+me)\b"
                  r"[^.;!?]*?(?:completion|done|finished|seating|seated|complete|back)[^.;!?]*[.!]?", " ", text)
    text = re.sub(r"\b(?:resting|sitting|seated|hanging|sits|rests)\s+(?=(?:on|onto|around|over|in|into)\b)", " ", text)
    text = re.sub(r"\bkick\s+(?:things|it|everything)\s+off\b", "start", re.sub(
        r"\bwrap\s+(?:(?:things|it|everything)\s+)?up\b", "end", text))  # "kick things off with this: X"
    text = re.sub(r"\b(?P<verb>begin|start|end|finish)\s+(?:with|by\s+doing)(?:\s+(?:this(?:\s+one)?|the\s+following))?"
                  r"\s*:",
                  r"\g<verb> with", text)
    # "X, to be done first: Y" points ahead; "your opening job, to be done earlier: Y" ranks its own step (below)
    text = _LEADING_PURPOSE.sub(" ", _THIS_FIRST.sub(
        lambda this: this[0] if _RANK_BEFORE.search(this.string, 0, this.start()) else
        " first " if not this.string[: this.start()].strip(" ;,.") else " , but first ", text))
    text = re.sub(r"\bsee\s+(?:to\s+it\s+)?that\b|\b(?:winds?|wound|ends?|ended)\s+up\b", " ", text)
    text = _NOMINAL_STEP.sub(lambda nominal: _NOMINAL_VERBS[nominal["noun"]], text)
    text = re.sub(r"\b(?:can|could|should|will|may|must)\s+wait\s+(?:until|till)\b", " after ", text)
    # "X, but by the time you reach for it, Y should already be ...": Y first; "X by the time Y": X before Y
    text = re.sub(r",?\s*(?:but\s+)?by\s+the\s+time\s+you\s+(?:reach\s+for|get\s+to|start(?:\s+on)?|do)\s+"
                  r"(?:it|that|this)\b,?", ", but first ", text)
    text = re.sub(r"\bby\s+the\s+time\b", "before", text)
    # "X, and not a moment before, Y": Y after X, as said
    text = re.sub(r",?\s*(?:and\s+|but\s+)?not\s+a\s+(?:moment|second|minute)\s+(?:before|sooner|earlier)\b\s*,?", " ",
                  text)
    # "the blue ring shouldn't go on the red peg until the cable is in", "don't plug the cable until the red ring is
    # on ...": a step that waits for another the robot does (a signal or someone else is a condition, asked about)
    text = re.sub(rf"\b(?P<neg>shouldn't|should\s+not|mustn't|must\s+not|don't|do\s+not)\s+(?P<step>[^,;.!?]+?)\s+"
                  rf"(?:until|till)\s+(?=the\s+(?:(?:{_COLOUR})\s+(?:{_RING_NOUNS})|cable|cord|plug|lead)\b)",
                  lambda wait: f" {'should ' if wait['neg'].startswith(('should', 'must')) else ''}{wait['step']} "
                               "after ", text)
    # "X, but not until Y", "X -- but not before Y": Y, then X
    text = re.sub(r"\s*(?:\u2014|\u2013|--|,)?\s*(?:but\s+)?not\s+(?:until|before)\b", " after ", text)
    # "X as soon as the Y is ...", "X only when Y", "X following the placement of Y": Y first
    text = re.sub(r"\bas\s+soon\s+as\s+(?=the\b)|\bonly\s+when\b", "once ", text)
    text = re.sub(r"(?<!the)\s+following\s+"
                  r"(?!(?:that|this|which|steps?|instructions?|order|two|three|things?|tasks?)\b)",
                  " after ", text)
    # "Y; it comes after X": after X
    text = re.sub(r"[;,]\s*(?:it|this|that)\s+(?:comes|happens|goes)\s+(?P<order>after|before)\b", r" \g<order> ", text)
    # "what I want done second is X; what I want done first is Y": "second X; first Y"
    text = re.sub(r"\bwhat\s+(?:i|we)\s+(?:want|need)\s+(?:done\s+)?(?P<rank>first|second|last)\s+is\b", r" \g<rank> ",
                  text)
    # "X, but the green ring must already be on the yellow peg (by then)": the green ring first
    text = re.sub(r",\s*(?:but\s+)?(?P<step>[^,;.!?]+?)\s+(?:must|should|has\s+to|needs\s+to)\s+"
                  r"(?P<already>already\s+)?be\s+"
                  r"(?P<where>[^,;.!?]+?)(?:\s+by\s+then|(?(already)|(?!)))\s*(?=[.!;]|$)",
                  r", but before that, \g<step> \g<where>", text)
    # "For the cable to be plugged in, the blue ring must already be on the green peg": the ring first
    text = re.sub(r"^\s*for\s+(?P<goal>[^,]+?)\s+to\s+be\s+(?P<done>\w+(?:\s+in)?)\s*,\s*(?P<before>[^,.;]+?)\s+"
                  r"(?:must|has\s+to|needs\s+to|should)\s+already\s+be\s+(?P<where>[^.;!?]+)",
                  r"\g<before> \g<where> ; then \g<goal> \g<done>", text)
    text = re.sub(r",\s*which\s+(?:you\s+)?(?:should|must|can|need\s+to|have\s+to|is\s+to|are\s+to)\s+(?:only\s+)?"
                  r"(?:do|be\s+done|happen|take\s+place)\s+"
                  r"(?:only\s+)?(?P<order>after|before|once)"
                  r"\b", r" \g<order> ", text)  # "X, which you should only do after Y"
    # "Only once X is done should you Y": "after X is done, Y"
    text = re.sub(r"(?:^|(?<=[.;!?]))\s*only\s+(?:once|after|when)\s+(?P<done>[^,.;!?]+?)\s+"
                  r"(?:should|must|can|may|will)\s+you\s+", r" after \g<done>, ", text)
    text = re.sub(r"\bbefore\s+(?:you\s+)?(?:touch(?:ing)?|mov(?:e|ing)|handl(?:e|ing)|start(?:ing)?\s+on)\s+"
                  r"(?:any(?:\s+of\s+the)?\s+rings?|the\s+rings)\b"
                  r"(?!\s+with)", " first", text)  # "... before you touch any rings"
    # "..., and blue onto yellow to close it out": last
    text = re.sub(r"\s+to\s+(?:close|wrap|round|finish)\s+(?:it|things|everything)\s+(?:out|up|off)\s*(?=[.!]?\s*$)",
                  " last", text)
    # "last step is X; the step before that is Y": "last X; before that, Y"
    text = re.sub(r"\bthe\s+(?:step|one|thing|task|move|action)\s+(?:right\s+|just\s+)?(?P<order>before|after)\s+"
                  r"(?:that|it|this)(?:\s+(?:is|will\s+be)\b)?\s*[:,]?", r" \g<order> that, ", text)
    # "X -- but hold off until Y", "X, but wait until Y": Y, then X
    text = re.sub(r"\s*(?:\u2014|\u2013|--|,|;)?\s*but\s+(?:hold\s+off(?:\s+on\s+(?:it|that|this))?|wait)\s+"
                  r"(?:until|till)\b"
                  r"(?!\s+(?:i|we|you're\s+told|my|our|someone|somebody|the\s+(?:signal|go|word|light|bell))"
                  r"\b)", " after ", text)
    text = re.sub(r"\b(?:got|get|gotten|getting)\s+(?=the\s+(?:cable|cord|plug|lead|wire|connector)\s+(?:into|in)\b)",
                  "plugged ", text)
    # "after you've got the red ring on the green peg"
    text = re.sub(rf"\b(?:got|gotten)\s+(?=the\s+(?:{_COLOUR})\s+(?:{_RING_NOUNS})\s+(?:on|onto|over|around)\b)",
                  "put ", text)
    text = re.sub(r"\binside(?:\s+of)?\b", "into", re.sub(r"\bat\s+(?:the\s+)?last\b", "last", text))
    text = re.sub(r"\blast\s+but\s+not\s+least\b", "last", text)
    text = re.sub(r"\b(?P<socket>socket|outlet|port|receptacle)'s\s+(?:opening|hole|mouth)\b", r"\g<socket>", text)
    text = re.sub(r"\bon\s+top\s+of\b|\bon\s+to\b|-+>|=>|\u2192", " onto ", text)
    text = re.sub(r"\bdo\s+not\b", "don't", text)
    text = re.sub(r"\bunder\s+no\s+circumstances\b", "never", _STRESS.sub(" ", text))
    text = re.sub(r"\bthere(?:'s|\s+is)\s+no\s+need\s+to\b", "no need to", text)
    text = re.sub(r",\s*avoiding\b", "; avoid", text)
    text = _INSTEAD_OF_DOING.sub(r"; don't \g<doing> ;", text)
    text = _PROHIBITED_PICK_AND_PLACE.sub(r"\g<lead> put the \g<ring> ring on the \g<peg> peg", text)
    text = re.sub(r"\bprior\s+to\b|\bahead\s+of\b|\bin\s+advance\s+of\b", "before",
                  re.sub(r"\bsubsequent\s+to\b", "after", text))
    # "X after Y, and Z after that": Z last, whatever the first sentence orders ("after that" is all of it)
    text = re.sub(r",\s*(?:and\s+)?(?P<step>[^,;.!?]+?)\s+(?:right\s+)?after\s+(?:both|all|each|that|this|them|those"
                  r"|these)(?:\s+of\s+them)?\s*(?=[.!;]|$)", r" ; then \g<step>", text)
    text = re.sub(r"\bbefore\s+(?:either|both|all|any|each)(?:\s+of)?(?:\s+(?:them|those|these|the\s+others))?\b", " first",
                  text)
    text = re.sub(r",?\s*(?:and\s+)?after\s+(?:both|all|each)(?:\s+of)?(?:\s+(?:them|those|these|that|this))?\s*,?", " then ",
                  text)
    return text


# Every ring onto one peg, or each onto its own colour's, in an order given by colours: "put every ring on the yellow
# peg, starting with the green, then the red, then the blue", "put each ring on the peg of its own colour: red, then
# green, then blue"
_EACH_IN_ORDER = re.compile(
    rf"\b(?:put|place|move|set|stack|hang|slide)\s+(?:all\s+(?:three\s+|the\s+)?|each\s+|every\s+|both\s+)"
    rf"(?:of\s+the\s+)?"
    rf"(?:{_RING_NOUNS})s?\s+(?:on|onto)\s+(?P<peg>the\s+peg\s+of\s+its\s+own\s+colou?r|the\s+(?:{_COLOUR})\s+"
    rf"(?:{_PEG_NOUNS}))"
    rf"\s*[,:;]?\s*(?:starting\s+with\s+|beginning\s+with\s+|first\s+)?(?:the\s+)?(?P<first>{_COLOUR})(?:\s+(?:ring"
    rf"|one))?"
    rf"(?:\s+first)?(?P<rest>(?:\s*,?\s*(?:and\s+)?then\s+(?:the\s+)?(?:{_COLOUR})(?:\s+(?:ring|one))?)+)")


def _each_in_order(said: re.Match[str]) -> str:
    """Every ring named in the order said, each a step of its own onto the peg said (or its own colour's)."""
    colours = [said["first"], *re.findall(rf"\b({_COLOUR})\b", said["rest"])]
    own = said["peg"].startswith("the peg of")
    return ", then ".join(f"put the {colour} ring on " + (f"the {colour} peg" if own else said["peg"])
                          for colour in colours)


def _previous_rings_peg(said: re.Match[str]) -> str:
    """The peg of the colour of the ring named before the step's own; left as said (and asked) where there is none."""
    rings = re.findall(rf"\b({_COLOUR})\s+(?:{_RING_NOUNS}|one)\b", said.string[: said.start()])
    return f"the {rings[-2]} peg" if len(rings) >= 2 else said[0]


def _steps_said_plainly(text: str) -> str:
    """``text`` with steps said otherwise as "put the X ring on the Y peg": colours given as fields or after their
    noun, a peg named first, the same peg again, ranks as labels; and the last prohibitions said otherwise."""
    text = _LABELLED_COLOUR.sub(r"\g<colour> \g<noun>", text)
    # "last thing: yellow peg, green ring.": the pair said peg first, a sentence of its own
    text = re.sub(rf"(?:^|(?<=[.;:!?]))\s*(?P<peg>{_COLOUR})\s+peg\s*,\s*(?P<ring>{_COLOUR})\s+ring\s*(?=[.;!?]|$)",
                  r" \g<ring> ring on the \g<peg> peg", text)
    text = _COLOUR_AFTER_NOUN.sub(lambda said: f"{said['colour']} {said['noun']}" if said["noun"] else
                                  f"{said['colour_1']} {said['noun_1']} {said['colour_2']} {said['noun_2']}", text)
    text = _LABEL.sub(_without_label, text)
    text = _CONTRAST.sub(r"; never use the \g<colour> \g<noun>", text)
    text = re.sub(r"'s\s+(?=off[\s-]limits\b)", " is ", text)  # "the cable's off-limits"
    text = _STAYS_PUT.sub(r"never use \g<object>", _NOTHING_ELSE.sub(" ", text))
    text = _NO_RING_ON.sub(r"never use the \g<peg> \g<noun>", _NONE_OF.sub(r"never use the \g<object>", text))
    text = _NOTHING_BUT.sub(lambda only: only["only"] or "", text)
    text = re.sub(r"\b(?:the\s+)?(?:cable|plug|cord|lead)\s+(?:is\s+)?not\s+needed\b|\bno\s+need\s+for\s+the\s+"
                  r"(?:cable|plug"
                  r"|cord|lead)\b", " leave the cable alone", text)  # "Cable not needed."
    text = _LEFT_AS_IT_IS.sub(lambda left: left[0] if left["leave"].endswith(" alone") else f"{left['leave']} alone",
                              text)
    # "the blue ring (the blue one, not the green one)", "the yellow peg (yellow, not green)": the colour said again
    text = re.sub(rf"\b(?P<colour>{_COLOUR})\s+(?P<noun>\w+)\s*\(\s*(?:the\s+)?(?P=colour)(?:\s+(?:one|(?P=noun)))?"
                  rf"\s*,?\s*(?:and\s+|but\s+)?not\s+(?:the\s+)?(?:{_COLOUR})(?:\s+(?:one|(?P=noun)))?\s*\)",
                  r"\g<colour> \g<noun>", text)
    text = _MATCHING_PEG.sub(r"\g<colour> \g<ring>\g<between>the \g<colour> peg", text)
    text = _EACH_IN_ORDER.sub(_each_in_order, _PREVIOUS_RINGS_PEG.sub(_previous_rings_peg, text))
    text = re.sub(rf"\b(?P<ring>(?:{_COLOUR})\s+(?:{_RING_NOUNS}))\s+(?P<on>on|onto)\s+the\s+same\s+one\b",
                  r"\g<ring> \g<on> the same peg", text)  # "then the blue ring on the same one"
    text = _DASH.sub(" ; ", text)  # "X -- Y first", "X \u2014 then Y": a dash parts steps as a semicolon does
    # "later, X; to begin with, Y": "later" ranks X last where another step is ranked first (alone it may mean
    # another time, and is asked about)
    # ("later on, X. but right now, Y": "right now" opposite "later" ranks Y first)
    if re.match(r"^\s*later(?:\s+on)?\s*,", text):
        text = re.sub(r"[.;!?]?\s*\b(?:but\s+)?(?:right\s+now|(?<=but\s)now)\s*,", ". first, ", text, count=1)
    text = re.sub(r"^\s*later(?:\s+on)?\s*,"
                  r"(?=.*\b(?:to\s+begin\s+with|to\s+start(?:\s+with)?|first(?:ly)?|initially)\b)", " last ", text)
    # "my end goal: X. to get there, begin with this: Y": X is what the steps lead to, Y what they begin with
    text = re.sub(r"\b(?:my|our|the)\s+(?:end|final|ultimate|overall)\s+goal(?:\s+is)?\s*:|\bto\s+get\s+there\s*,", " ",
                  text)
    # "X, this is second. Y, this is first": the rank said after its step
    text = re.sub(r",\s*this\s+(?:is|comes|goes)\s+(?:the\s+)?(?P<rank>first|second|last)(?:\s+(?:one|step|task))?"
                  r"\s*(?=[.;!]|$)", r" \g<rank>", text)
    # "hold off on this: X, until you have done this: Y": Y, then X
    text = re.sub(r"^\s*(?:hold\s+off\s+on|wait\s+with)\s+this\s*:\s*(?P<later>.+?),?\s+until\s+you(?:'ve|\s+have)\s+"
                  r"(?:done|finished|completed)\s+this\s*:\s*(?P<earlier>.+)$", r"\g<earlier> ; then \g<later>", text)
    # "X, but plug the cable in before doing so": "X, but before that, plug the cable in"
    text = re.sub(r"(?<!actually)(?<!\boh)(?<!also),\s*(?:but\s+)?(?P<step>[^,;.!?]+?)\s+(?:right\s+|just\s+)?before\s+"
                  r"(?:doing\s+(?:so|that|this)|that"
                  r"|this|you\s+do(?:\s+(?:that|so|it))?)\s*(?=[.!]?\s*$)", r", but before that, \g<step>", text)
    # "X. Y before that." / "X -- Y needs to be done before that": "X; before that, Y"
    text = re.sub(r"(?<=[;.!])\s*(?:(?:actually|oh|also|and)\s*,?\s+)?(?P<step>[^;.!?]+?)\s+"
                  r"(?:right\s+|just\s+|immediately\s+)?before\s+(?:that|this|it|doing\s+(?:that|this|so))\s*"
                  r"(?=[.!]?\s*$)", r" before that, \g<step>", text)
    for unwanted, prohibition in _NOT_WANTED:
        text = unwanted.sub(prohibition, text)
    text = _OPENING_TALK.sub(" ", _HASTE_AND_THANKS.sub(" ", text))
    text = _SAME_AGAIN.sub(lambda same: f"put the {same['ring'] or same['one']} {same['ring_noun'] or 'ring'} on the "
                                        "same peg", text)
    text = _FRONTED_PEG.sub(r"\g<lead> \g<verb> the \g<ring> \g<ring_noun> onto the \g<peg> \g<peg_noun>", text)
    for peg_first in (_PEG_FIRST, _PEG_GIVEN, _PEG_IS_WHERE, _PEG_BEFORE_VERB):
        text = peg_first.sub(lambda said: f"put the {said['ring']} {said['ring_noun'] or 'ring'} on the {said['peg']} "
                                          f"{said['peg_noun'] or 'peg'}", text)
    # "here's the next job: X", "Here's the first one - X", "and once that's done, this one - Y": rank labels, and
    # a pointer to the step after it
    text = re.sub(r"\bhere(?:'s|\s+is)\s+(?=(?:the|your)\s+(?:very\s+)?(?:first|second|third|next|last|final|opening"
                  r"|closing)\b)", " ", text)
    text = re.sub(r"\b(?P<rank>first|second|third|next|last|final)\s+(?:one|job|task|step)\s*[-\u2013\u2014]+\s*(?=;"
                  r"|$)",
                  r"\g<rank>: ", text)
    text = re.sub(r"(?:,\s*)?\bthis\s+one\s*[-:\u2013\u2014]+\s*(?=;|$)", " ", text)
    # "at the end: X; at the start: Y": "last X; first Y"
    text = re.sub(r"(?:^|(?<=[.;!?]))\s*at\s+the\s+(?:very\s+)?(?:(?P<first>start|beginning|outset)|end|finish)\s*:",
                  lambda label: " first " if label["first"] else " last ", text)
    # "your first job is X; your second is Y": "first X; second Y"
    text = _ORDINAL_LABEL.sub(lambda label: f" {_ORDINAL_WORDS.get(rank := label['ordinal'] or label['as_ordinal'], rank)} ",
                              text)
    return text


def _normalise(text: str) -> str:
    """``text`` rewritten, one pattern after another, into words the clause reader knows, in five stages: spellings
    and set phrases, then items and labels (before brackets and marks go), then what asks nothing (courtesy, reasons,
    context), then order said in other words, and last the forms that name a step differently (a peg first, a rank
    label). The order matters, within a stage and between them, where one pattern's output is another's input."""
    text = _steps_said_plainly(_order_said_plainly(_without_asides(_itemised(_spelled_out(text)))))
    text = re.sub(r"[^a-z',;.:!?\s]", " ", text)  # other digits and marks go
    return " ".join(text.split())


def _lemma(word: str) -> tuple[str, str | None]:
    """(base form, category) of a word: plurals and verb forms fold onto the lexicon's entries."""
    if word in COLORS:
        return word, "colour"
    if (known := _in_lexicon(word)) is not None:
        return known
    misspelt = {known for typed in _typo_readings(word) if (known := _in_lexicon(typed)) is not None}
    return next(iter(misspelt)) if len(misspelt) == 1 else (word, None)


def _in_lexicon(word: str) -> tuple[str, str] | None:
    for base in _base_forms(word):
        for category, words in _WORDS.items():
            if base in words:
                return base, category
    return None


# The vocabulary's main words typed with one inner letter dropped ("plce", "conect", "sockt"): only where what is
# left is no English word of its own ("pace", "inset", "inert" are)
_DROPPED_LETTER = {word[:i] + word[i + 1:]: word for word in ("place", "insert", "connect", "attach", "socket", "cable",
                                                              "position", "transfer")
                   for i in range(1, len(word) - 1)
                   if word[:i] + word[i + 1:] not in ("pace", "inset", "inert", "cale")}


def _typo_readings(word: str) -> list[str]:
    """What a word of the lexicon ``word`` may be typed as, read back: two neighbouring letters swapped ("rnig",
    "plgu", "cabel"), a letter held down ("pluggg", "riiing"), or an inner letter of a main word dropped
    (:data:`_DROPPED_LETTER`). No letters added or changed: "table" is not a misspelt "cable"."""
    if len(word) < 3 or not word.isalpha():
        return []
    swapped = [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1) if word[i] != word[i + 1]]
    held = re.sub(r"(.)\1{2,}", r"\1", word)
    dropped = [_DROPPED_LETTER[word]] if word in _DROPPED_LETTER else []
    if len(word) > 3 and word[-1] == word[-2]:  # "plugg", "pegg": the last letter typed twice
        dropped.append(word[:-1])
    return swapped + dropped + ([held, re.sub(r"(.)\1{2,}", r"\1\1", word)] if held != word else [])


def _base_forms(word: str) -> list[str]:
    """The word, then what it may be an inflection of: rings -> ring, placing -> place, dropped -> drop."""
    forms = [word]
    if word.endswith("s"):
        forms += [word[:-1], word[:-2]]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            forms += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])
    return forms


@dataclass(frozen=True)
class _Token:
    word: str
    base: str
    category: str | None


_NOUNS_THAT_LEAD_AS_VERBS = {"stick", "pin"}  # "stick the plug in the socket", "pin the red ring on the blue peg"


def _tokens(clause: str) -> list[_Token]:
    tokens = [_Token(w, *_lemma(w)) for w in clause.split()]
    lead = next((i for i, t in enumerate(tokens) if t.word not in _FILLER), None)
    if lead is not None and tokens[lead].word in _NOUNS_THAT_LEAD_AS_VERBS:
        tokens[lead] = _Token(tokens[lead].word, tokens[lead].word, "place_verb")
    for i in range(1, len(tokens)):  # "the blue loop": a word after a colour is its noun, not a verb
        if tokens[i - 1].category == "colour" and tokens[i].category not in ("ring", "peg"):
            noun = next((c for c in ("ring", "peg") if tokens[i].word in _WORDS[c]), None)
            if noun is not None:
                tokens[i] = _Token(tokens[i].word, tokens[i].word, noun)
    return tokens


# "Note: in this round the cable starts already plugged into the socket.": a goal said to hold already
_ALREADY_DONE = re.compile(r"\b(?:is|are|starts|start|was|were|'s|sits|sit)\s+(?:already|out)\s+(?:plugged|connected"
                           r"|inserted|seated|in\s+(?:the|its)\s+socket|on\s+the\s+\w+\s+peg)\b"
                           r"|\balready\s+(?:plugged|connected|inserted|seated|in\s+place|done|on\s+the\s+\w+\s+peg)\b")
_EVENT = re.compile(r"\b(?:after|once|when|until|till|as\s+soon\s+as)\s+(?:the|a|an|my|our|your)\s+(?P<noun>[a-z]+)\s+"
                    r"[a-z]+s\b")


def _external_event(sentence: str) -> bool:
    """Whether ``sentence`` waits on something outside the scene ("after the buzzer goes", "once the light turns
    green", "when the bell rings"): a thing the lexicon does not know, doing something. The robot cannot tell when."""
    return any(_lemma(event["noun"])[1] is None and event["noun"] not in _FILLER | _HARMLESS_WORDS
               for event in _EVENT.finditer(sentence))


def _interpret_paraphrase(text: str, scene: SceneSummary) -> list[Subtask]:
    if not text:
        raise Unresolved("invalid", "empty instruction")
    if withdrawn := _LAST_SENTENCE_WITHDRAWN.match(text):
        text = withdrawn["kept"]
    if _WITHDRAWN.search(text.rstrip(" .!?")):  # before the corrections: "X. Scratch that." corrects X to nothing
        raise Unresolved("clarify", f"{text!r} takes back what it asks; say what to do")
    if (counted := _RING_COUNT.search(text)) and _NUMBERS[counted["count"]] != len(scene.rings):
        raise Unresolved("clarify", f"{counted[0]!r}: there are {len(scene.rings)} rings; say which")
    if _REPEATED.search(text):
        raise Unresolved("clarify", f"{text!r} asks for a step more than once; each step is done once")
    # "red ring onto blue peg?", "state(cable) == plugged?": no "you", no "please", and no verb or modal leading it
    # ("could the red ring go on the blue peg?" asks politely)
    for question in re.finditer(r"([^.;:!?]*)\?", text):
        if not question[1].strip():
            continue  # the second mark of "...??"
        asked = question[1].strip()
        words = _tokens(asked[marker.end():] if (marker := _ORDER_MARKER.match(asked)) else asked)  # "to begin with"
        while words and (words[0].word in (",", "but", "and", "then", "so") or words[0].word in _ORDER_WORDS):
            words = words[1:]  # ", but first hang the green hoop on the yellow pole?": the verb leads the step
        if words and words[0].word in ("how", "what", "why", "when", "where", "which", "who", "whose") or not any(
                t.word in ("you", "u", "please") for t in words) and not (
                words and (words[0].category in ("place_verb", "plug_verb") or words[0].word in _REQUESTING_MODALS)):
            raise Unresolved("invalid", f"{question[0].strip()!r} is a question; accepted: instructions to place "
                                        "rings on pegs or plug the cable")
    if len(re.findall(r"(?:^|[.;!?])\s*(?:but\s+|and\s+)?first(?:ly)?\b", text)) > 1:  # "First X. First Y."
        raise Unresolved("clarify", f"{text!r} says more than one step is first; say the order once")
    if said := re.search(r"\bfirst\b[^,;.!?]+,\s*after\s+(?!(?:that|this|which|it|wards?)\b)", text):
        # "put first X, after you plug the cable": a learner's "afterwards", or X after the cable? ask
        raise Unresolved("clarify", f"{said[0]!r}: first, or after? say the order plainly")
    if (note := _ORDER_NOTE.search(text)) and _mentions(text[:note.start()], note["what"]):
        text = text[:note.start()]  # "..., and plug the cable in (cable first)"; not "..., cable last", a step
    else:
        note = None
    if (inserted := _inserted_before_named_step(text, scene)) is not None:
        return inserted
    if hazard := _HAZARD.search(text):  # before a correction can take the words that say it
        raise Unresolved("clarify", f"{text!r} mentions {hazard[0]!r}: a hazard a person should look at first; say "
                                    "what to do once it is clear")
    text, arrange = _ordering_sentence(text)
    text = _LATER_WITHDRAWAL.sub(" actually, ", text)
    while correction := split_self_correction(text):
        text = _corrected(*correction)
    for sentence in re.split(r"[.;:!?]", text):
        if _STATEMENT.match(sentence) or _CABLE_STATEMENT.match(sentence) or _DONE_BY_SPEAKER.match(sentence) or \
                _DONE_BY_OTHERS.match(sentence):
            raise Unresolved("clarify", f"{sentence.strip()!r} says how things are or what was done, not what to do; "
                                        "say what to do, e.g. 'put the red ring on the blue peg'")
        if _WITHDRAWN.search(sentence):
            raise Unresolved("clarify", f"{sentence.strip()!r} withdraws what came before it; say what to do")
        if _HEDGED.match(sentence):
            raise Unresolved("clarify", f"{sentence.strip()!r} is a maybe; say whether to do it")
        third_party = _THIRD_PARTY.match(sentence)
        if _FOR_SOMEONE_ELSE.match(sentence) or _BY_SOMEONE_ELSE.search(sentence) or (
                third_party and third_party["subject"].split()[-1] not in _NOT_THIRD_PARTY
                and _lemma(third_party["subject"].split()[-1])[1] is None):
            raise Unresolved("clarify", f"{sentence.strip()!r} is for someone else, or reports what someone said; "
                                        "say what the robot should do")
        if _INDIRECT_QUESTION.search(sentence):
            raise Unresolved("invalid", f"{sentence.strip()!r} is a question; accepted: instructions to place rings "
                                        "on pegs or plug the cable")
        if re.match(r"\s*(?:but\s+)?before\s+you\s+(?:put|place|plug|insert|connect|move|set|hang|slide|take|pick"
                    r"|grab|seat|push|attach|mount|stack|drop|transfer|position|lift)\b[^,]*$", sentence) and (
                _names_something(text[text.find(sentence) + len(sentence):])):
            # "Before you take the purple ring. It should ..., Y": the order's other side is not in its sentence, and
            # steps follow it ("X? Before you plug the cable in." orders X, said before it)
            raise Unresolved("clarify", f"{sentence.strip()!r}: before what? say the order within one sentence")
        if (done := _ALREADY_DONE.search(sentence)) and not re.search(
                r"\b(?:once|when|after|until|till|before|soon\s+as)\b[^,]*$", sentence[:done.start()]):
            # not "..., but only once the red ring is already on the green peg": what it waits for
            raise Unresolved("clarify", f"{sentence.strip()!r} says it is done already; say what to do")
        if _CONDITION.search(sentence) or _external_event(sentence):
            raise Unresolved("clarify", f"{sentence.strip()!r} is a condition, a hypothetical or a permission; "
                                        "say what to do now")
        if _LAST_THING_IDIOM.search(sentence):
            raise Unresolved("clarify", f"{sentence.strip()!r} may mean 'do it last' or 'never do it'; say which")
        if _ANOTHER_TIME.search(sentence):
            raise Unresolved("clarify", f"{sentence.strip()!r} is about another time; say what to do now")
        if vague := _VAGUE_QUANTITY.search(sentence):
            raise Unresolved("clarify", f"{vague[0]!r}: which ones? name each ring")
        if _DESCRIPTION.match(sentence):
            raise Unresolved("clarify", f"{sentence.strip()!r} describes what something does; say what to do")
    planned: list[Subtask] = []
    prohibitions: list[_Prohibition] = []
    for clause in _clauses(text):
        if prohibition := _Prohibition.read(clause):
            prohibitions.append(prohibition)
            continue
        if planned and (restated := _RESTATEMENT.match(clause)) and (
                planned[-1].skill == "place_ring" or not restated["there"]) and (
                not restated["colour"] or any(s.args.get("ring") == restated["colour"] for s in planned)) and (
                not (named := restated["named"] or restated["bare"])
                or any((s.skill == "plug_cable") == (named in ("cable", "plug"))
                                             for s in planned)):
            continue  # "I want the red ring on the blue peg, so put it there", "..., just do the ring": asked again
        if prohibitions and len(prohibitions[-1].rings) == 1 and not _ring_colours(_tokens(clause)):
            # "don't put the red ring on X, put it on Y"; not "..., pick up the green ring and put it on Y"
            ring = next(iter(prohibitions[-1].rings))
            clause = re.sub(r"\b(?:it|that one)\b", f"the {ring} ring", clause)
        planned.extend(_clause_subtasks(clause, scene, planned))
    if not planned and prohibitions:
        raise Unresolved("clarify", f"{prohibitions[0].clause!r} is negated and nothing else is asked; say what to do")
    if not planned:
        raise Unresolved("invalid", f"no action found in {text!r}; accepted: placing rings on pegs, plugging the cable")
    for prohibition in prohibitions:
        if forbidden := next((s for s in planned if prohibition.forbids(s)), None):
            raise Unresolved("clarify", f"{prohibition.clause!r} rules out {forbidden.phrase()!r}, which the "
                                        "instruction also asks for; say which you mean")
    planned = arrange(planned)
    return planned if note is None else _reordered(planned, note["what"], note["rank"])


# A sentence at the end that orders the steps said before it: "..., but do them in reverse order"; "Red ring on the
# green peg, blue ring on the yellow peg. Do the blue one before the red one."
_REVERSED = re.compile(r"(?:[,;.]\s*|\s+)(?:but\s+|and\s+)?(?:please\s+)?(?:do|perform|carry(?:\s+out)?|execute)\s+"
                       r"(?:them|these"
                       r"|those"
                       r"|it\s+all|the\s+steps|everything)(?:\s+out)?\s+in\s+(?:the\s+)?(?:reverse|reversed|opposite"
                       r"|backwards?)"
                       r"\s+order[\s.!]*$")
# ... or at the start: "Do these in reverse order: X, Y." (said at the end instead, before labels go)
_REVERSED_AHEAD = re.compile(r"^\s*(?:please\s+)?(?:do|perform|carry(?:\s+out)?|execute)\s+(?:them|these|those"
                             r"|the\s+following"
                             r"|the\s+steps|these\s+steps|the\s+following\s+steps)(?:\s+out)?\s+in\s+(?:the\s+)?"
                             r"(?:reverse|reversed|opposite|backwards?)\s+order"
                             r"(?:\s+(?:of|from)\s+(?:how|the\s+way)\s+they(?:'re|\s+are)\s+(?:listed|written|given))?"
                             r"\s*:")
_RING_BEFORE_RING = re.compile(rf"(?:^|(?<=[.;!?]))\s*(?:but\s+)?(?:please\s+)?do\s+the\s+(?P<moved>{_COLOUR})\s+(?:one"
                               rf"|{_RING_NOUNS})\s+"
                               rf"(?P<order>before|after)\s+the\s+(?P<other>{_COLOUR})\s+(?:one|{_RING_NOUNS})[\s.!]*$")


# "X, then Y, but before Y, Z" (X, Z, Y): the step "before" names, said again, with one to put ahead of it.
_BEFORE_NAMED_STEP = re.compile(r"^(?P<main>.+?),?\s*\bbut\s+before\s+(?P<named>[^,;.!?]+),\s*(?P<inserted>[^.;!?]+?)"
                                r"[.!\s]*$")


def _inserted_before_named_step(text: str, scene: SceneSummary) -> list[Subtask] | None:
    """The plan of "X, then Y, but before Y, Z", or None where ``text`` is not of that form or its "before" names
    no one step of the rest (a pronoun, "before that", is :data:`_BACKWARD`'s)."""
    said = _BEFORE_NAMED_STEP.match(text)
    if said is None:
        return None
    named = _tokens(said["named"])
    colours = {t.word for t in named if t.category == "colour"}
    cable = any(t.category in ("cable", "socket", "plug_verb") for t in named)
    if not colours and not cable:
        return None
    planned = _interpret_paraphrase(said["main"], scene)
    targets = [i for i, step in enumerate(planned) if (step.skill == "plug_cable" and cable and not colours)
               or (step.skill == "place_ring" and colours and colours <= {step.args["ring"], step.args["peg"]})]
    if len(targets) > 1:  # "before the green ring goes on": the step that moves it, not one onto the green peg
        targets = [i for i in targets if planned[i].args.get("ring") in colours]
    if len(targets) != 1:
        raise Unresolved("clarify", f"'before {said['named'].strip()}' names no one step of the instruction; say "
                                    "the order plainly")
    return planned[:targets[0]] + _interpret_paraphrase(said["inserted"], scene) + planned[targets[0]:]


# "X. Y. Actually, scratch that last part.": the sentence before it is taken back, what came before that stays.
_LAST_SENTENCE_WITHDRAWN = re.compile(r"^(?P<kept>.*[.;!])\s*[^.;!?]+[.;!]\s*(?:actually\s*,?\s*)?(?:scratch|forget"
                                      r"|cancel|drop|skip"
                                      r"|ignore)\s+(?:that|the)\s+last\s+(?:part|step|bit|one|thing|sentence)[\s.!]*$")


_SKIPPED_STEP = re.compile(r"(?:[,;.]\s*|\s+)(?:but\s+|and\s+)?(?:skip|drop|omit|leave\s+out|forget(?:\s+about)?)"
                           r"\s+the\s+"
                           r"(?P<which>first|second|third|last)\s+(?:one|step|part|bit)[\s.!]*$")
_STEP_INDEX = {"first": 0, "second": 1, "third": 2, "last": -1}
# "X and Y. Do the latter first.", "..., the former should come second", "..., but do the second one first": one step
# said by its place, and the rank it takes.
_STEP_BY_PLACE = re.compile(r"(?:[,;.]\s*|\s+)(?:but\s+|and\s+)?(?:please\s+)?(?:do\s+)?the\s+(?P<which>former|latter"
                            r"|first"
                            r"|second|third|last)(?:\s+(?:one|step|part|bit|task))?\s+(?:(?:should|must|has\s+to"
                            r"|needs\s+to)"
                            r"\s+(?:come|go|happen|be\s+done)\s+)?(?P<rank>first|last|second)[\s.!]*$")
_PLACES = {"former": 0, "latter": 1, **_STEP_INDEX}


def _ordering_sentence(text: str) -> tuple[str, Callable[[list[Subtask]], list[Subtask]]]:
    """``text`` without a closing sentence that orders its steps or skips one, and what that does to the plan."""
    if skipped := _SKIPPED_STEP.search(text):  # "X and Y, but skip the second one": X
        def without_skipped(planned: list[Subtask]) -> list[Subtask]:
            index = _STEP_INDEX[skipped["which"]] % len(planned)
            if len(planned) < 2 or index >= len(planned):
                raise Unresolved("clarify", f"{skipped[0].strip()!r}: the instruction has no such step to skip")
            return planned[:index] + planned[index + 1:]
        return text[: skipped.start()], without_skipped
    if reversed_ := _REVERSED.search(text):
        return text[: reversed_.start()], lambda planned: planned[::-1]
    if moved := _STEP_BY_PLACE.search(text):
        def with_moved(planned: list[Subtask]) -> list[Subtask]:
            if moved["which"] in ("former", "latter") and len(planned) != 2 or len(planned) < 2 or (
                    _PLACES[moved["which"]] >= len(planned)):
                raise Unresolved("clarify", f"{moved[0].strip()!r}: which step is that? say the order plainly")
            step = planned[_PLACES[moved["which"]]]
            rest = [s for s in planned if s is not step]
            return [step, *rest] if moved["rank"] == "first" else [*rest, step] if moved["rank"] == "last" else (
                [rest[0], step, *rest[1:]])
        return text[: moved.start()], with_moved
    if (pair := _RING_BEFORE_RING.search(text)) and pair["moved"] != pair["other"]:
        def arranged(planned: list[Subtask]) -> list[Subtask]:
            moved, other = ([s for s in planned if s.args.get("ring") == pair[name]] for name in ("moved", "other"))
            if len(moved) != 1 or len(other) != 1:
                raise Unresolved("clarify", f"{pair[0].strip()!r}: the steps do not name those rings once each")
            rest = [s for s in planned if s not in moved]
            at = rest.index(other[0]) + (pair["order"] == "after")
            return rest[:at] + moved + rest[at:]
        return text[: pair.start()], arranged
    return text, lambda planned: planned


def _mentions(text: str, what: str) -> bool:
    """Whether ``text`` names what an order note names: the cable, a ring, the ring of a colour."""
    tokens, words = _tokens(text), what.split()
    if words[-1] in ("cable", "plug"):
        return any(t.category in ("cable", "socket", "plug_verb") for t in tokens)
    return any(t.word == words[0] for t in tokens) if len(words) > 1 else any(t.category == "ring" for t in tokens)


def _reordered(planned: list[Subtask], what: str, rank: str) -> list[Subtask]:
    """``planned`` with the steps an order note names ("cable first", "green ring last") moved to that end."""
    words = what.split()
    named = [s for s in planned if (s.skill == "plug_cable") == (words[-1] in ("cable", "plug"))
             and (len(words) == 1 or s.args.get("ring") == words[0])]
    if not named:
        raise Unresolved("clarify", f"{what!r} {rank}: no such step in the instruction")
    others = [s for s in planned if s not in named]
    return named + others if rank == "first" else others + named


# The words that open a prohibition. "keep" leads one too: "keep the yellow peg free", "keep the red ring on the
# table" name what is not to be used.
_PROHIBITING = (r"don't|dont|never|avoid|skip|scratch|cancel|omit|ignore|leave|keep|hold\s+off(?:\s+on)?"
                r"|forget(?:\s+about)?"
                r"|(?:make|be)\s+sure\s+(?:not\s+to|to\s+not|you\s+don't)|(?:take\s+care|try)\s+not\s+to")
_PROHIBITION_LEAD = re.compile(rf"^(?:(?:just|please|and|but|so|um+|uh+|erm|you\s+can|you\s+may|feel\s+free\s+to)\s+)*"
                               rf"(?:{_PROHIBITING}|no\s+need\s+to)\b")
# "X but don't Y", "X without Y", "X but not Ying": the prohibition is a step of its own.
_JOINED_PROHIBITION = re.compile(
    rf"\s*,?\s*\b(?:(?:but|and)\s+(?=(?:{_PROHIBITING})\b)|without\b|but\s+not(?=\s+\w+ing\b))")


@dataclass(frozen=True)
class _Prohibition:
    """A step that says what not to do ("don't touch the cable", "never use the red peg", "no need to plug the
    cable", "leave the green ring alone"): nothing is done for it, and the plan must not do what it names."""

    clause: str
    cable: bool
    placements: bool  # it names rings or pegs; which ones below (empty: any)
    rings: frozenset[str]
    pegs: frozenset[str]

    @classmethod
    def read(cls, clause: str) -> _Prohibition | None:
        """The prohibition ``clause`` states, or None when it states none or one too vague to check a plan
        against (a bare colour, a pronoun, a condition): such a clause is then asked about."""
        lead = _PROHIBITION_LEAD.match(clause)
        if lead is None:
            return None
        tokens = _tokens(clause[lead.end():])
        categories = {t.category for t in tokens}
        named = ("cable", "socket", "ring", "peg", "colour", "one")  # "that cable": no pronoun
        others = {t.word for i, t in enumerate(tokens) if t.category == "negation" or t.category == "pronoun" and not (
            t.word in ("that", "this") and tokens[i + 1:] and tokens[i + 1].category in named)}
        if lead[0].endswith("leave"):  # only "leave ... alone": "leave the red ring on the blue peg" may mean either
            if "alone" not in others:
                return None
            others.discard("alone")
        others |= {t.word for t in tokens if t.word in ("until", "till", "unless", "before", "after", "once", "when")}
        if others:  # a condition, a time or a pronoun: nothing definite to check a plan against
            return None
        colour_nouns = {t.word: _noun_after(tokens, i) for i, t in enumerate(tokens) if t.category == "colour"}
        if any(noun is None for noun in colour_nouns.values()):
            return None
        rings = frozenset(c for c, noun in colour_nouns.items() if noun in ("ring", "one"))
        pegs = frozenset(c for c, noun in colour_nouns.items() if noun == "peg")
        if "ring" in categories and "socket" in categories and not categories & {"peg", "cable"}:
            # "never put the red ring in the socket": no skill does that, so nothing in a plan is ruled out (its ring
            # is kept for an "it" after it: "..., put it on the blue peg")
            return cls(clause, False, False, rings, frozenset())
        placements = bool(rings or pegs or categories & {"ring", "peg"})
        cable = _is_cable_clause(tokens) or bool(categories & {"cable", "socket"})
        return cls(clause, cable, placements, rings, pegs) if cable or placements else None

    def forbids(self, subtask: Subtask) -> bool:
        if subtask.skill == "plug_cable":
            return self.cable
        return self.placements and (not self.rings or subtask.args["ring"] in self.rings) and (
            not self.pegs or subtask.args["peg"] in self.pegs)


def _clauses(text: str) -> list[str]:
    """The instruction's steps in the order they are to be done, one action each."""
    # "X without Ying", "X but not Ying": "X; don't Ying"
    text = _JOINED_PROHIBITION.sub(lambda joint: "; don't " if joint[0].endswith(("without", "not")) else "; ", text)
    text = _backward(text)
    if between := next((m for pattern in _BETWEEN if (m := pattern.match(text))), None):
        text = f"{between['earlier']} then {between['main']} then {between['later']}"
    text = _LEADING_BEFORE.sub(r"\g<main> then \g<sub>", text)
    chunks = _STRONG_SEPARATORS.split(text)
    separators = [match[0] for match in _STRONG_SEPARATORS.finditer(text)]
    # "..., Y second": a "second" with nothing after it closes the chunk before it
    closed_by_second = [re.fullmatch(r"\s*second(?:ly)?\s*", separator) is not None and _only_filler(after)
                        for separator, after in zip(separators, chunks[1:])] + [False]
    ranked = [step for chunk, closed in zip(chunks, closed_by_second) for step in _ranked(chunk, closed)]
    ranked.sort(key=lambda step: step[0])  # stable: steps of one rank stay in the order said
    return _merge_incomplete([p for _, chunk in ranked for p in _ordered_pieces(chunk)])


def _backward(text: str) -> str:
    """``text`` with each "X, but first Y" / "X; before that, Y" turned round, in a chain too ("Z last; before that
    Y, and before that X": X, Y, Z)."""
    if backward := _BACKWARD.match(text):
        return f"{_backward(backward['earlier'])} then {backward['later']}"
    return text


def _only_filler(words: str) -> bool:
    return all(word in _FILLER for word in re.findall(r"[a-z']+", words))


def _ranked(chunk: str, closed_by_second: bool = False) -> list[tuple[int, str]]:
    """``chunk`` cut at its order markers, each piece with its rank: 0 done first, 1 where it was said, 2 last.
    ``closed_by_second``: a "second" ends the chunk ("X, first, Y second"), so a "first" in it closes the words
    before it rather than leading the step that "second" closes."""
    steps: list[tuple[int, str]] = []
    rank, start = 1, 0
    for marker in _ORDER_MARKER.finditer(chunk):
        said = chunk[start: marker.start()]
        marker_rank = 0 if marker["lead_first"] or marker["first"] else 2
        closes = not _OPENS_A_STEP.search(said) or _only_filler(chunk[marker.end():]) or (  # "..., first" ends its step
            closed_by_second and marker["first"] is not None)
        if (marker["first"] or marker["last"]) and closes:
            # "put X on Y first": the marker closes the words before it, back to a "but" ("X -- but Y first"), or
            # to a comma after a whole step ("red ring on blue peg, cable first")
            earlier, but, closed = said.rpartition(" but ")
            if not but:
                earlier, but, closed = said.rpartition(",")
                but = but if but and _is_complete(_tokens(earlier)) and _is_complete(_tokens(closed)) else ""
            steps.extend([(rank, earlier), (marker_rank, closed)] if but else [(marker_rank, said)])
            rank = 1
        else:
            steps.append((rank, _OPENS_A_STEP.sub("", said)))  # "..., but begin with Y": the "but" goes
            rank = marker_rank
        start = marker.end()
    steps.append((rank, chunk[start:]))
    return [(r, words) for r, words in steps if words.strip(" ,")]


def _corrected(before: str, after: str) -> str:
    """The instruction with a self-correction applied: a new step replaces the step it interrupts (several new steps
    replace them all); a fragment ("the yellow peg", "on the blue peg", "the green ring", "green") replaces the
    colour it names in that step."""
    if not after:
        return before
    if (again := split_self_correction(after)) and again[0].strip(" ,.") == again[1].strip(" ,."):
        after = again[1]  # "X on the red peg no wait the green peg sorry the green peg": said twice, meant once
    if instead := re.match(r"not\s+the\s+\w+(?:\s+(?:one|ring|peg))?\s*,\s*(?:but\s+)?(?P<fragment>.+)", after):
        after = instead["fragment"]  # "..., sorry, not the blue one, the yellow peg": the yellow peg
    if re.match(r"not\b", after):  # "..., no, not the red one": what instead?
        raise Unresolved("clarify", f"{after!r}: not that, but what instead? say the step again")
    if re.match(r"(?:but\s+)?(?:before\s+(?:that|this|it|doing\s+(?:that|this|so))|first(?:ly)?|beforehand)\b", after):
        # "X... no wait, before that Y": a step put ahead of X, not instead of it ("X but um actually first Y": the
        # "but" the marker interrupted goes)
        before = re.sub(r"[\s,.;]*\b(?:but|and|so)(?:[\s,]+(?:uh+|um+|erm?))*[\s,]*$", "", before)
        return f"{before}, but {after}"
    if (withdrawal := _Prohibition.read(re.split(r"\s*[,;]\s*", after.strip(" ,"), maxsplit=1)[0])) is not None:
        # "..., plug in the cable -- actually, skip the cable(, just do the ring)": the steps it names are taken back,
        # and it stays with what follows it
        try:
            steps = _clauses(before)
        except Unresolved:
            return f"{before} ; {after}"
        return " then ".join([step for step in steps if not _names_forbidden(step, withdrawal)] + [after])
    if _PROHIBITION_LEAD.match(after.strip(" ,")):  # "..., actually, don't plug it in": vague, kept whole to ask
        return f"{before} ; {after}"
    try:
        steps = _clauses(before)
    except Unresolved:  # the interrupted words need not make sense: what was said before their step stays as said
        cuts = [separator.end() for separator in _STRONG_SEPARATORS.finditer(before)]
        if cuts and not _is_fragment(after):
            return f"{before[: cuts[-1]]} {after}"
        steps = []
    if (separator := _STRONG_SEPARATORS.search(after)) and steps and _is_fragment(after[:separator.start()]):
        # "put the green ring on the red, no, the blue peg, then plug in the lead": the fragment, then what follows
        head, rest = after[:separator.start()].strip(" ,"), after[separator.start():]
        return " then ".join([*steps[:-1], _amended(steps[-1], _tokens(head), head)]) + " " + rest
    fragment = _tokens(after)
    categories = {t.category for t in fragment}
    destination = _destination(fragment)
    names_ring = destination is not None and any(  # "the green ring on ...", not just "on the blue peg"
        t.category in ("colour", "ring", "pronoun", "all") for t in fragment[: destination[0]])
    # the step the correction interrupts is the one said last, wherever an order word puts it ("X. Before that, Y, no
    # sorry, the yellow peg": Y's peg)
    said_last = max(range(len(steps)), key=lambda i: (before.rfind(" ".join(steps[i].split()[-3:])), i), default=0)
    if categories & {"place_verb", "plug_verb", "refused_verb", "cable", "socket"} or names_ring or not steps:
        verbs = sum(t.category in ("place_verb", "plug_verb") for t in fragment)
        several = _STRONG_SEPARATORS.search(after) is not None or verbs > 1
        head = _STRONG_SEPARATORS.split(after, maxsplit=1)[0]
        if steps and re.search(r"\bit\b", head) and not _ring_colours(_tokens(head)) and len(
                replaced := _ring_colours(_tokens(steps[said_last]))) == 1:
            # "Put the green ring on the yellow peg. Actually no, wait, put it on the blue peg": "it" is that ring
            after = re.sub(r"\bit\b", f"the {next(iter(replaced))} ring", after, count=1)
        return after if several else " then ".join(
            [*steps[:said_last], after, *steps[said_last + 1:]] if steps else [after])
    placements = [i for i, step in enumerate(steps) if not _is_cable_clause(_tokens(step))]
    if steps and _is_cable_clause(_tokens(steps[said_last])) and len(placements) == 1 and (
            categories & {"ring", "peg"} or fragment[0].category == "target"):
        # "X on the yellow peg, then plug in the cable. Sorry, I mean the green peg": the cable has no peg; the one
        # placement is what a ring or peg amends (a bare colour, or two placements: it stays the cable's, asked back)
        said_last = placements[0]
    return " then ".join([*steps[:said_last], _amended(steps[said_last], fragment, after), *steps[said_last + 1:]])


def _names_forbidden(step: str, prohibition: _Prohibition) -> bool:
    """Whether ``step`` (a clause of the instruction) does what ``prohibition`` rules out: the cable, or a ring or
    peg it names (any, where it names none)."""
    tokens = _tokens(step)
    if _is_cable_clause(tokens):
        return prohibition.cable
    colours = {t.word for t in tokens if t.category == "colour"}
    return prohibition.placements and (not prohibition.rings and not prohibition.pegs
                                       or bool(colours & (prohibition.rings | prohibition.pegs)))


def _is_fragment(words: str) -> bool:
    """Whether ``words`` only name a colour, a ring or a peg to put in place of one ("the blue peg", "green"): no
    verb, no cable, and no ring before a destination (that would be a step of its own)."""
    tokens = _tokens(words)
    categories = {t.category for t in tokens}
    destination = _destination(tokens)
    return "colour" in categories and not categories & {"place_verb", "plug_verb", "refused_verb", "cable", "socket"} \
        and (destination is None or not any(t.category in ("colour", "ring", "pronoun", "all")
                                            for t in tokens[: destination[0]]))


def _amended(step: str, fragment: list[_Token], said: str) -> str:
    """``step`` with one colour replaced by the one colour of a corrective ``fragment``: the peg's when it names a
    peg or starts with "on"/"onto"/..., the ring's when it names a ring, else the colour said last."""
    colours = [t.word for t in fragment if t.category == "colour"]
    if len(colours) != 1:
        raise Unresolved("clarify", f"{said!r}: which colour did you mean instead?")
    tokens = _tokens(step)
    destination = _destination(tokens)
    coloured = [i for i, t in enumerate(tokens) if t.category == "colour"]
    categories = {t.category for t in fragment}
    if "peg" in categories or fragment[0].category == "target":
        if destination is None:  # the step broke off before its peg: the fragment finishes it
            return f"{step} {said}" if fragment[0].category == "target" else f"{step} on {said}"
        coloured = [i for i in coloured if i >= destination[1]]
    elif "ring" in categories:
        coloured = [i for i in coloured if destination is None or i < destination[0]]
    if not coloured:
        raise Unresolved("clarify", f"{step!r}: no colour there for {said!r} to replace")
    words = step.split()
    words[coloured[-1]] = colours[0]
    return " ".join(words)


def _ordered_pieces(chunk: str) -> list[str]:
    """Split a chunk on "before"/"after" into execution order, then on commas and "and"."""
    chunk = chunk.strip(" ,")
    if match := _LEADING_ORDER.match(chunk):
        sub, main = _ordered_pieces(match["sub"]), _ordered_pieces(match["main"])
        return main + sub if match["word"] == "before" else sub + main
    if match := _INNER_ORDER.search(chunk):
        before, after = chunk[: match.start()], chunk[match.end():]
        if not _names_something(after):  # "X, but only after you ; ; Y": after what?
            raise Unresolved("clarify", f"{chunk!r}: {match['word']!r} orders no step there; say the order plainly")
        left, right = _ordered_pieces(before), _ordered_pieces(after)
        return left + right if match["word"] == "before" else right + left
    return [p for p in _WEAK_SEPARATORS.split(chunk) if p.strip(" ,")]


def _merge_incomplete(pieces: list[str]) -> list[str]:
    """Join a piece that is not yet an action ("pick up the red ring") with what follows it."""
    clauses: list[str] = []
    pending = ""
    for piece in pieces:
        tokens = _tokens(piece)
        if not any(t.category for t in tokens):
            # "and be careful", "I need two things done:"
            unknown = [t.word for t in tokens if t.word not in _FILLER | _HARMLESS_WORDS | _ORDER_WORDS]
            if unknown or {"before", "after", "once"} & {t.word for t in tokens}:  # "b4 you - [ ] X": orders nothing
                raise Unresolved("invalid", f"could not understand {piece!r}; accepted: placing rings on pegs, "
                                            "plugging the cable, joined by 'then', 'and', ','")
            continue
        if not pending and clauses and _finishes_the_step(tokens, _tokens(clauses[-1])):
            continue  # "bear the red band to the blue spindle and slide it on": the same step, finished
        opens_a_step = _is_complete(tokens) and any(t.category == "place_verb" for t in tokens)
        pending_rings = _ring_colours(_tokens(pending)) if pending else set()
        if opens_a_step and pending_rings and _ring_colours(tokens) - pending_rings:
            # "take the red ring off the blue peg and put the green ring on ...": a step of its own (its own verb,
            # another ring) follows; what the unfinished one lacks is asked, not taken from the next ("put both the
            # red ring and the blue ring on ..." has no verb of its own after "and": one step).
            clauses.append(pending)
            pending = ""
        elif opens_a_step and len(pending_rings) > len(_ring_colours(tokens)) > 0:
            # "grab the red ring and the blue ring. put the red one on the yellow peg, and the other ...": the grab
            # only names the rings the steps after it place, one by one
            pending = ""
        pending = f"{pending} and {piece}" if pending else piece
        if _is_complete(_tokens(pending)):
            clauses.append(pending)
            pending = ""
    if pending:
        clauses.append(pending)  # _clause_subtasks says what is missing
    return clauses


def _finishes_the_step(tokens: list[_Token], before: list[_Token]) -> bool:
    """Whether ``tokens`` only say to set down what the step before placed ("slide it on", "lower it down", "push it
    home", "Method: seat the ring on the peg" after "one red ring, one blue peg"): a verb, then "it" or the bare nouns
    and particles, no colour and no other ring; ``before``, the step it finishes, of the same kind."""
    words = [t for t in tokens if t.word not in _FILLER]
    if not _destination(before) or _is_cable_clause(before) != _is_cable_clause(tokens):
        return False
    return (len(words) >= 2 and words[0].category in {"place_verb", "plug_verb"}
            and words[1].word in {"it", *OBJECT_NOUNS["ring"], *OBJECT_NOUNS["cable"]}
            and all(t.category in {"target", "ring", "peg", "cable", "socket"} or t.word in {
                "it", "down", "home", "in", "place", "fully", "gently", "firmly", "carefully"} for t in words[2:]))


def _ring_colours(tokens: list[_Token]) -> set[str]:
    """The colours of the rings ``tokens`` name before their destination ("the red ring", "the blue one")."""
    destination = _destination(tokens)
    head = tokens if destination is None else tokens[:destination[0]]
    return {t.word for i, t in enumerate(head) if t.category == "colour" and _noun_after(head, i) in ("ring", "one")}


def _is_cable_clause(tokens: list[_Token]) -> bool:
    categories = {t.category for t in tokens}
    if categories & {"cable", "socket"}:
        return True
    return "plug_verb" in categories and not categories & {"ring", "peg", "colour"}


def _destination(tokens: list[_Token]) -> tuple[int, int] | None:
    """Where the ring part of a clause ends and the destination peg's part starts: around the preposition that
    introduces the peg (the last one followed by a peg), or, with none, at a coloured peg named after a coloured
    ring ("red ring, blue peg")."""
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].category == "target" and any(
            t.category in ("colour", "peg") for t in tokens[index + 1:]
        ):
            return index, index + 1
    for index, token in enumerate(tokens):
        names_peg = token.category == "colour" and _noun_after(tokens, index) == "peg"
        if names_peg and not _after_source(tokens, index) and any(
            t.category == "colour" and _noun_after(tokens, i) in ("ring", "one") for i, t in enumerate(tokens[:index])
        ):
            return index, index
    return None


def _is_complete(tokens: list[_Token]) -> bool:
    if _PROHIBITION_LEAD.match(" ".join(t.word for t in tokens)):
        return True  # a step of its own even when it names no peg ("never use the green ring")
    categories = {t.category for t in tokens}
    if _is_cable_clause(tokens):
        # "pop the cable in" is a step; "pick up the cable" waits for where it goes
        return bool(categories & {"plug_verb", "socket"}) or "place_verb" not in categories or tokens[-1].word == "in"
    return _destination(tokens) is not None


def refused_words(instruction: str) -> list[str]:
    """The words of ``instruction`` that say what the skill vocabulary does not do ("unplug", "off the blue peg",
    "next to"): the on-board router never acts on an instruction holding one by similarity, which reads past them
    (negations it checks first, with :func:`robotstack.skills.negation_words`)."""
    return [t.word for t in _lexicon_tokens(instruction) if t.category in ("refused_verb", "source", "spatial")]


def unknown_words(instruction: str) -> list[str]:
    """The words of ``instruction`` this lexicon does not know ("photograph", "inspect"): the router then runs it on
    the board only as a fallback, and only when the rules read the same subtasks from it."""
    return [t.word for t in _lexicon_tokens(instruction)
            if t.category is None and t.word not in _FILLER | _ORDER_WORDS | _HARMLESS_WORDS]


def _lexicon_tokens(instruction: str) -> list[_Token]:
    return _tokens(re.sub(r"[,;.:!?]|'s\b|\bnext\b(?!\s+to\b)", " ", _normalise(instruction)))  # "next," orders


_DETERMINERS = ("the", "a", "an", "that", "this", "my", "your")


def _elsewhere(words: list[str], unknown: set[str]) -> str | None:
    """The word naming where a cable step plugs in when that is not the socket ("to the power strip", "into the
    laptop"), or None: a destination whose first nouns hold an unknown word before any socket word."""
    verb = next((i for i, word in enumerate(words) if _lemma(word)[1] == "plug_verb"), len(words))
    for i in range(verb + 1, len(words) - 2):  # after the verb: "in the middle, plug in the cable" is when
        if words[i] in ("to", "into", "onto", "in") and words[i + 1] in _DETERMINERS:
            named = words[i + 2: i + 5]  # "into the designated receptacle": the socket, after its adjective
            if _lemma(named[0])[1] in ("cable", "ring", "peg") or any(
                    _lemma(word)[1] == "socket" or word in ("hole", "opening", "slot", "mouth", "way", "manner")
                    for word in named):
                continue  # "plug in the cable", "into the hole": the socket's; "in the usual way": how, not where
            if place := next((word for word in named if word in unknown), None):
                return None if _socket_misspelt(place) else place
    return None


def _socket_misspelt(word: str) -> bool:
    """A socket word mistyped or misheard ("sockt", "soccer"): its first letter, and most of the rest."""
    return any(word[0] == socket[0] and difflib.SequenceMatcher(None, word, socket).ratio() >= 0.65
               for socket in OBJECT_NOUNS["socket"])


# A socket placed by something of the room, not the workcell: another socket ("the wall outlet by the door")
_SOCKET_ELSEWHERE = re.compile(r"\b(?:socket|outlet|port|jack|receptacle)\s+(?:by|near|beside|next\s+to|at|behind"
                               r"|under)\s+"
                               r"the\s+(?:door|window|entrance|exit|desk|sink|corner|wall|stairs|fridge|printer"
                               r"|computer|laptop|monitor|kitchen|office|hallway)\b"
                               # another thing to plug into, named without an article: "plug cable -> power strip"
                               r"|\b(?:power\s*(?:strip|bar|board)|extension\s+(?:cord|lead|block|board|socket)"
                               r"|surge\s+protector|multi-?plug)\b")


def _clause_subtasks(clause: str, scene: SceneSummary, planned: list[Subtask]) -> list[Subtask]:
    tokens = _tokens(clause)
    categories = {t.category for t in tokens}
    if tokens and (tokens[0].word in _AUXILIARY_QUESTION_WORDS
                   or tokens[0].word in _QUESTION_WORDS and not categories & {"place_verb", "plug_verb"}):
        raise Unresolved("invalid", f"{clause!r} is a question; accepted: instructions to place rings on pegs or "
                                    "plug the cable")
    for category, reason in (
        ("negation", "negated or conditional instructions are not supported; say only what to do"),
        ("refused_verb", "only placing rings and plugging the cable are in the skill vocabulary"),
        ("spatial", "positions such as left/right/next to are not in the skill vocabulary; name pegs by colour"),
    ):
        if category in categories:
            word = next(t.word for t in tokens if t.category == category)
            status = "clarify" if category == "negation" else "invalid"
            raise Unresolved(status, f"{clause!r}: {word!r}: {reason}")
    if _is_cable_clause(tokens):
        if categories & {"ring", "peg", "colour"}:
            raise Unresolved("invalid", f"{clause!r} mixes the cable with rings or pegs; say them as separate steps")
        if {"other", "another", "second", "third"} & {t.word for t in tokens} and categories & {"socket", "cable"}:
            raise Unresolved("clarify", f"{clause!r}: there is one cable, and there is one socket; which did "
                                        "you mean?")
        if out := next((t.word for t in tokens if t.word in _CABLE_OUT_WORDS), None):
            raise Unresolved("invalid", f"{clause!r}: {out!r}: only plugging the cable in is in the skill vocabulary")
        unknown = [t.word for t in tokens
                   if t.category is None and t.word not in _FILLER | _ORDER_WORDS | _HARMLESS_WORDS | _CABLE_STEP_WORDS]
        words = [t.word.strip("'") for t in tokens if t.word != "in"]  # "plug in the lamp" as "plug the lamp in"
        unknown_words = {w.strip("'") for w in unknown}
        if thing := next((words[i + 2] for i in range(len(words) - 2) if _lemma(words[i])[1] == "plug_verb"
                          and words[i + 1] in _DETERMINERS
                          and _lemma(words[i + 2])[1] is None and words[i + 2] in unknown_words),
                         None):  # "plug the lamp in": another thing
            raise Unresolved("invalid", f"{clause!r}: {thing!r}: the cable is the only thing to plug in")
        if "place_verb" in categories and "plug_verb" in categories and (moved := next(
                (tokens[i + 2].word for i, t in enumerate(tokens[:-2]) if t.category == "place_verb"
                 and tokens[i + 1].word in _DETERMINERS and tokens[i + 2].word in unknown_words), None)):
            # "Before you plug the cable in, move the bl": a step cut off (or of a thing not here) beside the cable's
            raise Unresolved("clarify", f"{clause!r}: {moved!r}: which thing? say each step whole")
        if place := _elsewhere([t.word.strip("'") for t in tokens], unknown_words):  # "... to the power strip"
            raise Unresolved("invalid", f"{clause!r}: {place!r}: the socket is the only place to plug the cable into")
        if place := _SOCKET_ELSEWHERE.search(clause):  # "into the wall outlet by the door": another socket
            raise Unresolved("invalid", f"{clause!r}: {place[0]!r}: the socket on the table is the only place to "
                                        "plug the cable into")
        at = next((i for i, t in enumerate(tokens) if t.word not in _FILLER | _HARMLESS_WORDS | _ORDER_WORDS), None)
        lead, acted_on = (tokens[at], tokens[at + 1: at + 3]) if at is not None else (None, [])
        if lead is not None and lead.word in unknown and lead.word not in ("got", "gotten", "having") and (
                len(acted_on) == 2 and acted_on[0].word in ("the", "a", "that", "this", "my", "your")
                and acted_on[1].category in ("cable", "socket")):
            # "rotate the socket so the cable fits": an action the vocabulary lacks, done to the socket or cable
            raise Unresolved("clarify", f"{clause!r}: {lead.word!r}: what should happen to the cable? "
                                        "e.g. 'plug the cable into the socket'")
        put_in = "socket" in categories or any(t.word in ("in", "into") for t in tokens)  # "stick the cable in"
        if "plug_verb" not in categories and (unknown or "place_verb" in categories and not put_in):
            said = f" {unknown[0]!r}:" if unknown else ""
            raise Unresolved("clarify", f"{clause!r}:{said} what should happen to the cable? "
                                        "e.g. 'plug the cable into the socket'")
        return [Subtask("plug_cable")]  # "the cable" as a step, with no verb: the one thing done to it
    lead = next((t for t in tokens if t.word not in _FILLER | _HARMLESS_WORDS | _ORDER_WORDS), None)
    if lead is not None and lead.category is None and not categories & {"place_verb", "plug_verb"}:
        raise Unresolved("clarify", f"{clause!r}: {lead.word!r} is not an action in the skill vocabulary; say what "
                                    "to do, e.g. 'put the red ring on the blue peg'")  # "photograph the red ring ..."
    destination = _destination(tokens)
    if destination is None:
        raise Unresolved("clarify", f"{clause!r}: where should it go? Name a peg, e.g. 'on the blue peg'")
    head_end, peg_start = destination
    head = tokens[:head_end]
    if other := next((t.word for i, t in enumerate(head) if t.category == "colour" and _noun_after(head, i) == "peg"
                      and not _after_source(head, i)), None):
        # "put the red ring on the green peg the blue ring on the yellow peg": two steps run together
        raise Unresolved("clarify", f"{clause!r}: the {other} peg is named before the peg the step ends on; "
                                    "say each step apart, e.g. with a comma")
    peg = _peg(tokens[peg_start:], clause, scene, planned)
    rings = _rings(tokens[:head_end], clause, scene, planned)
    return [Subtask("place_ring", {"ring": ring, "peg": peg}) for ring in rings]


def _noun_after(tokens: list[_Token], index: int) -> str | None:
    """Category of the noun a colour word at ``index`` describes ("red ring" -> ring, "red peg" -> peg)."""
    for token in tokens[index + 1:index + 5]:
        if token.category in ("ring", "peg", "one"):
            return token.category
        if token.category not in ("colour", None) and token.word not in ("and", "or"):
            return None
    return None


def _after_source(tokens: list[_Token], index: int) -> bool:
    """True when the word at ``index`` follows "from"/"off" ("off the green peg"): where a ring is now."""
    return any(t.category == "source" for t in tokens[max(0, index - 2):index])


# "..., then the red ring on the same peg as the green one": the peg the green ring was given (not the green peg)
_SAME_PEG_AS = re.compile(rf"\bsame\s+(?:{_PEG_NOUNS})\s+as\s+(?:the\s+)?(?P<ring>{_COLOUR})\s+(?:{_RING_NOUNS}|one)\b")


def _peg(tail: list[_Token], clause: str, scene: SceneSummary, planned: list[Subtask]) -> str:
    if same := _SAME_PEG_AS.search(clause):
        given = [s.args["peg"] for s in planned if s.skill == "place_ring" and s.args["ring"] == same["ring"]]
        if not given:
            raise Unresolved("clarify", f"{clause!r}: the {same['ring']} ring is given no peg before this; which peg?")
        return given[-1]
    colours = list(dict.fromkeys(
        t.word for i, t in enumerate(tail) if t.category == "colour" and not _after_source(tail, i)
    ))
    if any(t.category == "ring" for t in tail) and not any(t.category == "peg" for t in tail):
        raise Unresolved("invalid", f"{clause!r}: rings go on pegs, not on rings")
    if len(colours) > 1:
        raise Unresolved("clarify", f"{clause!r}: which peg: {_alternatives(colours)}?")
    if colours:
        return colours[0]
    placed = [s.args["peg"] for s in planned if s.skill == "place_ring"]
    if placed and any(t.word == "same" for t in tail):  # "..., then the blue ring on the same peg"
        return placed[-1]
    if len(scene.pegs) == 1:
        return scene.pegs[0]
    raise Unresolved("clarify", f"{clause!r}: which peg? pegs present: {', '.join(scene.pegs) or 'none'}")


def _rings(head: list[_Token], clause: str, scene: SceneSummary, planned: list[Subtask]) -> list[str]:
    colours = list(dict.fromkeys(
        t.word for i, t in enumerate(head)
        if t.category == "colour" and _noun_after(head, i) != "peg" and not _after_source(head, i)
    ))
    if len(colours) > 1 and any(t.word in ("or", "either") for t in head):
        raise Unresolved("clarify", f"{clause!r}: which ring: {_alternatives(colours)}?")
    if colours:
        return colours
    taken = {s.args["ring"] for s in [*planned, *(step.to_subtask() for step in scene.done)] if s.args}
    free = [ring for ring in scene.rings if ring not in taken]
    plural = any(t.category == "ring" and t.word != t.base for t in head)
    if any(t.word == "both" for t in head) and len(free) != 2:
        raise Unresolved("clarify", f"{clause!r}: which two rings: {_alternatives(free)}?")
    if any(t.category == "all" for t in head) or plural:
        if not free:
            raise Unresolved("invalid", f"{clause!r}: no ring left to place; rings present: {scene.rings}")
        return free
    pronoun = next((t.word for t in head if t.word in ("it", "them", "that", "this")), None)
    if pronoun and not any(t.category in ("ring", "one") for t in head):
        # "X and Y on the yellow peg. It should end up on the green peg": "it" is a ring already named, never the one
        # left over because it was not
        raise Unresolved("clarify", f"{clause!r}: which ring is {pronoun!r}? name its colour")
    if len(free) == 1:
        return free
    if not free:
        raise Unresolved("invalid", f"{clause!r}: no ring left to place; rings present: {scene.rings}")
    raise Unresolved("clarify", f"{clause!r}: which ring: {_alternatives(free)}?")


def _alternatives(colours: list[str]) -> str:
    return ", ".join(colours[:-1]) + " or " + colours[-1]
