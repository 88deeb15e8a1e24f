"""The reasoning tier: plan validation, the backends, and the service and client over real sockets.

The service tests run the service in its own process (spawned, or the CLI as a subprocess) on a
random loopback port, and break it on purpose: killed, restarted, hung, lying, flooded with junk.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import multiprocessing
import os
import pickle
import random
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import msgpack
import numpy as np
import pytest
import typer
import zmq
from typer.testing import CliRunner

from robotstack import wire
from robotstack.cli_reasoner import keys_app, reasoner_app
from robotstack.keys import (
    ClientKeys,
    InsecureEndpointError,
    generate_keypair,
    is_loopback,
    load_keypair,
    load_public_key,
)
from robotstack.reasoning.backends import create_backend
from robotstack.reasoning.backends.llm import build_messages, extract_json_object, reply_from_text
from robotstack.reasoning.backends.openai_http import OpenAIBackend
from robotstack.reasoning.backends.rules import RulesBackend
from robotstack.reasoning.client import CircuitBreaker, ClientConfig, ReasonerClient, query_stats
from robotstack.reasoning.messages import PLAN_REQUEST, PlanReply, PlanRequest
from robotstack.reasoning.plan import MAX_PLAN_STEPS, Plan, PlanError, PlanStep, SceneSummary, validate_plan
from robotstack.reasoning.service import ReasonerService
from robotstack.skills import PLACE_TEMPLATES, PLUG_TEMPLATES, STEP_JOINERS, Subtask, render_instruction

SCENE = SceneSummary(rings=["red", "green", "blue"], pegs=["red", "blue", "yellow", "green"], cable=True, socket=True)
HANG_S = 1.5


def place(ring: str, peg: str) -> Subtask:
    return Subtask("place_ring", {"ring": ring, "peg": peg})


PLUG = Subtask("plug_cable")


def request(instruction: str, scene: SceneSummary = SCENE) -> PlanRequest:
    return PlanRequest(instruction=instruction, scene=scene)


def rules(instruction: str, scene: SceneSummary = SCENE) -> PlanReply:
    return RulesBackend().plan(request(instruction, scene))


# ---------------------------------------------------------------------------------------------- plan


def test_validate_plan_accepts_a_plan_that_fits_the_scene():
    plan = validate_plan({"steps": [{"skill": "place_ring", "args": {"ring": "red", "peg": "blue"}},
                                    {"skill": "plug_cable", "args": {}}]}, SCENE)
    assert plan.subtasks() == [place("red", "blue"), PLUG]


@pytest.mark.parametrize(
    ("obj", "match"),
    [
        ({"steps": []}, "at least 1"),
        ({"steps": [{"skill": "plug_cable"}] * (MAX_PLAN_STEPS + 1)}, f"at most {MAX_PLAN_STEPS}"),
        ({"steps": [{"skill": "fly", "args": {}}]}, "unknown skill 'fly'"),
        ({"steps": [{"skill": "place_ring", "args": {"ring": "red"}}]}, r"takes arguments \['peg', 'ring'\]"),
        ({"steps": [{"skill": "place_ring", "args": {"ring": "red", "peg": "pink"}}]}, "not a colour"),
        ({"steps": [{"skill": "plug_cable", "args": {}, "why": "x"}]}, "Extra inputs"),
        ({"plan": []}, "expected"),
        ({"steps": [{"skill": "place_ring", "args": {"ring": "purple", "peg": "blue"}}]}, "no purple ring"),
        ({"steps": [{"skill": "place_ring", "args": {"ring": "red", "peg": "orange"}}]}, "no orange peg"),
        ({"steps": [{"skill": "place_ring", "args": {"ring": "red", "peg": "blue"}},
                    {"skill": "place_ring", "args": {"ring": "red", "peg": "green"}}]}, "already placed"),
        ({"steps": [{"skill": "plug_cable"}, {"skill": "plug_cable"}]}, "already plugged"),
    ],
)
def test_validate_plan_refuses_with_a_reason(obj, match):
    with pytest.raises(PlanError, match=match):
        validate_plan(obj, SCENE)


def test_validate_plan_checks_done_steps_cable_and_onboard_skills():
    scene = SceneSummary(rings=["red"], pegs=["blue"], done=[PlanStep.from_subtask(place("red", "blue"))])
    with pytest.raises(PlanError, match="already done"):
        validate_plan({"steps": [{"skill": "place_ring", "args": {"ring": "red", "peg": "blue"}}]}, scene)
    with pytest.raises(PlanError, match="cable=False, socket=False"):
        validate_plan({"steps": [{"skill": "plug_cable"}]}, scene)
    with pytest.raises(PlanError, match="not on board"):
        validate_plan({"steps": [{"skill": "plug_cable"}]}, SCENE, skills={"place_ring": ("ring", "peg")})


def test_scene_and_reply_schemas_refuse_inconsistent_input():
    with pytest.raises(ValueError, match="unique"):
        SceneSummary(rings=["red", "red"])
    with pytest.raises(ValueError, match="must carry a plan"):
        PlanReply(request_id="x", status="ok")
    with pytest.raises(ValueError, match="must not carry a plan"):
        PlanReply(request_id="x", status="invalid", plan=Plan(steps=[PlanStep(skill="plug_cable")]))
    with pytest.raises(ValueError, match="not in the vocabulary"):
        PlanRequest(instruction="x", scene=SCENE, skills={"fly": []})


# --------------------------------------------------------------------------------------------- rules


def test_rules_plan_every_sentence_of_the_grammar():
    plans = [[place("red", "blue")], [PLUG], [place("green", "yellow"), PLUG, place("blue", "red")]]
    for subtasks in plans:
        for template in range(max(len(PLACE_TEMPLATES), len(PLUG_TEMPLATES))):
            for joiner in range(len(STEP_JOINERS)):
                text = render_instruction(subtasks, template, joiner)
                reply = rules(text)
                assert reply.status == "ok", (text, reply.message)
                assert reply.plan.subtasks() == subtasks, text


PARAPHRASES = [
    ("Put the red ring on the blue peg.", [place("red", "blue")]),
    ("set the red one on the blue peg", [place("red", "blue")]),
    ("drop the green hoop over the yellow post", [place("green", "yellow")]),
    ("slide the blue donut onto the red pole", [place("blue", "red")]),
    ("hang the red doughnut on the yellow pin", [place("red", "yellow")]),
    ("get the green ring to the blue peg", [place("green", "blue")]),
    ("stack red on blue", [place("red", "blue")]),
    ("place red on blue, green on yellow", [place("red", "blue"), place("green", "yellow")]),
    ("put red on blue and green on yellow", [place("red", "blue"), place("green", "yellow")]),
    ("put the red and green rings on the yellow peg", [place("red", "yellow"), place("green", "yellow")]),
    ("plug in the cable", [PLUG]),
    ("connect the cable", [PLUG]),
    ("connect the connector", [PLUG]),
    ("insert the plug", [PLUG]),
    ("take the cable and plug it in", [PLUG]),
    ("first plug in the cable, then put the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("connect the cable and then move the blue ring to the red peg", [PLUG, place("blue", "red")]),
    ("pick up the red ring and put it on the blue peg", [place("red", "blue")]),
    ("Pick up the red ring. Then put it on the blue peg.", [place("red", "blue")]),
    ("take the red ring off the green peg and put it on the blue peg", [place("red", "blue")]),
    ("move the red ring from the green peg to the yellow peg", [place("red", "yellow")]),
    ("put the red ring on the blue peg after you plug in the cable", [PLUG, place("red", "blue")]),
    ("before placing the red ring on the blue peg, connect the cable", [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg, after that the green ring on the yellow peg, and finally plug in the cable",
     [place("red", "blue"), place("green", "yellow"), PLUG]),
    ("Could you please put the red ring on top of the blue peg?", [place("red", "blue")]),
    ("put all rings on the yellow peg", [place("red", "yellow"), place("green", "yellow"), place("blue", "yellow")]),
    ("1. put red on blue 2. put green on yellow", [place("red", "blue"), place("green", "yellow")]),
]

# Phrasings written after the rules were, to check they generalise rather than memorise.
HELD_OUT = [
    ("Would you mind hanging the green hoop onto the red post, and after that connecting the cable?",
     [place("green", "red"), PLUG]),
    ("Grab the blue ring and slide it down over the red pole.", [place("blue", "red")]),
    ("Red ring -> blue peg; green ring -> yellow peg.", [place("red", "blue"), place("green", "yellow")]),
    ("I'd like the green ring on the red peg please", [place("green", "red")]),
    ("Take the green one and put it onto the yellow one, then the blue one onto the red one.",
     [place("green", "yellow"), place("blue", "red")]),
    ("Okay robot, step one: plug the connector into the port. Step two: blue ring on the green peg.",
     [PLUG, place("blue", "green")]),
    ("Move the blue ring over to the yellow peg, then, once that's done, plug in the cable",
     [place("blue", "yellow"), PLUG]),
    ("Get the cable connected, then place the red hoop on the green pin", [PLUG, place("red", "green")]),
    ("Put both the red and the blue rings onto the yellow pole.", [place("red", "yellow"), place("blue", "yellow")]),
    ("Now set the green donut down on the blue peg and the red donut on the yellow peg.",
     [place("green", "blue"), place("red", "yellow")]),
    ("Lastly, connect the cable.", [PLUG]),
]


# Written at stop 33 to probe phrasings no test had used; none of these was understood before.
PROBED_AT_STOP_33 = [
    ("blue ring, green peg", [place("blue", "green")]),
    ("red ring, blue peg, then green ring, yellow peg", [place("red", "blue"), place("green", "yellow")]),
    ("Stick the plug in the socket", [PLUG]),
    ("can u put the blu ring on the yelow peg", [place("blue", "yellow")]),
    ("put the green ring on the red peg once the cable is connected", [PLUG, place("green", "red")]),
    ("put the red ring on the yellow peg as well as plugging in the cable", [place("red", "yellow"), PLUG]),
    ("plug in the cable followed by the red ring on the yellow peg", [PLUG, place("red", "yellow")]),
    ("Put the red ring on the blue peg, but first plug in the cable", [PLUG, place("red", "blue")]),
    ("Plug in the cable; before that, put the green ring on the yellow peg", [place("green", "yellow"), PLUG]),
    ("Do two things: red ring on yellow peg, then plug the cable", [place("red", "yellow"), PLUG]),
    ("First the cable, then the green ring on the blue peg", [PLUG, place("green", "blue")]),
    ("Put the green ring on the red peg, and once you've finished, connect the cable", [place("green", "red"), PLUG]),
]


# Self-corrections (probe 5 of benchmarks/phrasings.py, stop 34, and variants): all refused before.
SELF_CORRECTIONS = [
    ("Move the yellow-peg... no wait, put the green ring on the yellow peg", [place("green", "yellow")]),
    ("Put the red ring on the green peg \u2014 sorry, the yellow peg", [place("red", "yellow")]),
    ("Plug in the cable. Actually no, put the blue ring on the red peg instead", [place("blue", "red")]),
    ("Put the green ring on the red peg, no, on the blue peg", [place("green", "blue")]),
    ("Put the red ring on the blue peg, wait, make that the green ring", [place("green", "blue")]),
    ("put the red ring on the... I mean, on the yellow peg", [place("red", "yellow")]),
    ("put the red ring on the blue peg, no wait, the green one", [place("red", "green")]),
    ("plug in the cable, then put the red ring on the blue peg, sorry, the yellow peg", [PLUG, place("red", "yellow")]),
    ("put the red ring on the blue peg and plug the cable, no wait, plug the cable first then put the green ring on "
     "the blue peg", [PLUG, place("green", "blue")]),
]


# Probe 6 (stop 34, held out) ran one instruction in the wrong order: "after which" reads as "then".
ORDER_WORDS = [
    ("Could you connect the cable to the socket please, after which the red ring goes on the blue peg",
     [PLUG, place("red", "blue")]),
    ("put the green ring on the yellow peg, following this plug in the cable", [place("green", "yellow"), PLUG]),
]


# Probe 7 (stop 44, held out) missed a step said first or last wherever it stands, and a prohibition beside what
# to do; the variants around them.
FIRST_AND_LAST = [
    ("Finish by plugging the cable in, but begin with the blue ring on the red peg", [place("blue", "red"), PLUG]),
    ("Lastly plug the cable in; to begin, put the green ring on the blue peg", [place("green", "blue"), PLUG]),
    ("Plug the cable in last, and put the red ring on the yellow peg", [place("red", "yellow"), PLUG]),
    ("put the red ring on the blue peg first and plug in the cable after", [place("red", "blue"), PLUG]),
    ("Plug in the cable. Start with the green ring on the yellow peg, though.", [place("green", "yellow"), PLUG]),
    ("At the end plug the cable in, first of all put the red ring on the blue peg", [place("red", "blue"), PLUG]),
    ("Start off with the cable, then the red ring goes onto the blue peg", [PLUG, place("red", "blue")]),
]
PROHIBITIONS = [
    ("Don't touch the cable; just put the red ring on the blue peg", [place("red", "blue")]),
    ("Put the red ring on the blue peg but don't touch the cable", [place("red", "blue")]),
    ("put the red ring on the blue peg without touching the cable", [place("red", "blue")]),
    ("put the red ring on the blue peg. No need to plug the cable.", [place("red", "blue")]),
    ("Never use the red peg. Put the green ring on the yellow peg.", [place("green", "yellow")]),
    ("Leave the green ring alone and put the blue ring on the red peg", [place("blue", "red")]),
    ("Plug in the cable, but don't put the red ring on the blue peg", [PLUG]),
    ("I'd be grateful if you could put the red ring on the blue peg", [place("red", "blue")]),  # polite, no condition
    ("Don't put the red ring on the blue peg, put it on the green peg", [place("red", "green")]),
    ("keep the red ring on the table; put the green ring on the blue peg", [place("green", "blue")]),  # stop 45
    ("put the green ring on the blue peg and keep the red ring on the table", [place("green", "blue")]),
    ("Put the red ring on the blue peg, not the green peg", [place("red", "blue")]),  # a contrast
    ("Put the red ring on the blue peg, not on the green peg, then plug in the cable", [place("red", "blue"), PLUG]),
]
# Probe 8 (stop 44, held out after probe 7's fixes) missed these four.
PROBED_AT_STOP_44 = [
    ("Plug the lead into the socket, and only then move the green ring to the red peg", [PLUG, place("green", "red")]),
    ("Please put the green ring on the blue peg but leave the cable alone", [place("green", "blue")]),
    ("Put the red ring on the yellow peg, then the blue ring on the same peg",
     [place("red", "yellow"), place("blue", "yellow")]),
    ("please don't forget to plug in the cable after you put the green ring on the blue peg",
     [place("green", "blue"), PLUG]),
]

# Probe 9 (stop 45, held out after probe 8's fixes) missed these six: words that only end the instruction, and
# colours given as a form's fields.
PROBED_AT_STOP_45 = [
    ("Put the green ring on the red peg and stop", [place("green", "red")]),
    ("Please plug the cable into the socket, then stop", [PLUG]),
    ("Plug that cable in, then you're done", [PLUG]),
    ("Place the red ring on the blue peg, and nothing else", [place("red", "blue")]),
    ("Put the red ring on the green peg. After that, plug in the cable. That's all.", [place("red", "green"), PLUG]),
    ("Ring: green. Peg: blue.", [place("green", "blue")]),
    ("Put the blue ring on the red peg, and when you're finished, connect the cable", [place("blue", "red"), PLUG]),
    ("Put the red ring on the blue peg, and please be careful", [place("red", "blue")]),  # a step of no action
    ("Put the red ring on the blue peg; don't touch anything else", [place("red", "blue")]),  # probe 11
    ("Place the red ring on the yellow peg and leave the cable as it is", [place("red", "yellow")]),
]
# Probe 13 (stop 46, written to be hard after probe 12 passed whole) missed these four: other names of colours, a
# peg named by matching the ring, an order confirmed, a step that only leaves something.
PROBED_AT_STOP_46 = [
    ("Place the crimson ring on the blue peg", [place("red", "blue")]),
    ("Put the blue ring on the peg that matches its colour", [place("blue", "blue")]),
    ("put the green ring on the same-colour peg, then plug in the cable", [place("green", "green"), PLUG]),
    ("put the red ring on the blue peg and the green one on the matching peg",
     [place("red", "blue"), place("green", "green")]),
    ("Put the blue ring on the green peg and plug in the cable, in that order", [place("blue", "green"), PLUG]),
    ("Leave the cable; the red ring goes to the green peg", [place("red", "green")]),
    ("Leave the blue one, put the red ring on the green peg", [place("red", "green")]),
]
# Probes 15 and 16 (stop 48, held out) missed these: gem-stone colour names, a contrast by "instead of" / "rather
# than", the verb "drape".
PROBED_AT_STOP_48 = [
    ("Drape the green ring over the red peg", [place("green", "red")]),
    ("Loop the blue ring over the yellow peg, then put the red loop on the green peg",  # a verb and a ring noun
     [place("blue", "yellow"), place("red", "green")]),
    ("Put the ruby ring on the azure peg", [place("red", "blue")]),
    ("put the jade ring on the sapphire peg", [place("green", "blue")]),
    ("Put the green ring on the blue peg instead of the red peg", [place("green", "blue")]),
    ("Put the green ring on the blue peg rather than the red peg, then plug in the cable",
     [place("green", "blue"), PLUG]),
]

# Probes 17 and 18 (stop 50, 110 phrasings written fresh) missed these: steps given as a numbered or bulleted list, a
# label before the steps, the verb "relocate", "prior to" and "subsequent to".
PROBED_AT_STOP_50 = [
    ("1) put the red ring on the yellow peg 2) plug in the cable", [place("red", "yellow"), PLUG]),
    ("- place the green ring on the blue peg\n- plug in the cable", [place("green", "blue"), PLUG]),
    ("Your task: red ring -> blue peg, then cable -> socket", [place("red", "blue"), PLUG]),
    ("(1) Plug in the cable. (2) Put the blue ring on the red peg.", [PLUG, place("blue", "red")]),
    ("Instructions:\n* plug in the cable\n* put the green ring on the yellow peg", [PLUG, place("green", "yellow")]),
    ("Put the red-coloured ring on the blue peg - then plug in the cable", [place("red", "blue"), PLUG]),
    ("Relocate the green ring onto the yellow peg", [place("green", "yellow")]),
    ("Place the red ring on the yellow peg prior to plugging in the cable", [place("red", "yellow"), PLUG]),
    ("Plug in the cable subsequent to placing the blue ring on the red peg", [place("blue", "red"), PLUG]),
]
# Probes 20, 21 and 22 (stop 53): their misses now read (interjections, a colour with -ish, steps named by their rank,
# a peg "with the same colour", "sharing its colour" or "matching it", haste and thanks). All were asked back but one,
# run in the order said: "Last thing: X. First thing: Y."
PROBED_AT_STOP_53 = [
    ("Alright, plug the cable into the socket now", [PLUG]),
    ("Put the reddish ring on the yellow peg", [place("red", "yellow")]),
    ("Set the bluish ring on the greenish peg", [place("blue", "green")]),
    ("Your first job is the cable; your second is the red ring on the yellow peg", [PLUG, place("red", "yellow")]),
    ("The first task will be the green ring on the blue peg, the next one is the cable",
     [place("green", "blue"), PLUG]),
    ("Slide the blue ring onto the peg with the same colour", [place("blue", "blue")]),
    ("Put the red ring on the peg that has the same colour as the ring, then plug in the cable",
     [place("red", "red"), PLUG]),
    ("OK so, put the green ring on the blue peg", [place("green", "blue")]),
    ("Hmm, let's put the red ring on the yellow peg", [place("red", "yellow")]),
    ("Plug in the cable, well, then put the red ring on the red peg", [PLUG, place("red", "red")]),
    ("Move the green ring so it sits on the yellow peg", [place("green", "yellow")]),
    ("Put the red ring onto the peg sharing its colour", [place("red", "red")]),
    ("Put the blue ring on the peg the same colour as it", [place("blue", "blue")]),
    ("Put the blue ring on the peg matching it", [place("blue", "blue")]),
    ("Plug the cable in straight away", [PLUG]),
    ("Right away, plug the cable into the socket", [PLUG]),
    ("Put the red ring on the yellow peg and then plug the cable into the socket, thanks a lot",
     [place("red", "yellow"), PLUG]),
    ("Last thing: plug in the cable. First thing: green ring on the yellow peg.", [place("green", "yellow"), PLUG]),
    ("The last step: the red ring on the blue peg; the first step: the cable", [PLUG, place("red", "blue")]),
    ("The yellowish peg should get the red ring", [place("red", "yellow")]),
    ("Give the blue peg the green ring, then plug in the cable", [place("green", "blue"), PLUG]),
    ("the red post takes the blue hoop", [place("blue", "red")]),
    ("Take the green one and put it onto the yellow one, then the blue one onto the red one.",
     [place("green", "yellow"), place("blue", "red")]),
    # A prohibition's ring stood in for "it" even where the step names its own ring (ran the prohibited ring before).
    ("Don't hang the blue ring on the red peg; pick up the green ring and put it on the yellow peg",
     [place("green", "yellow")]),
    ("Put the red ring on the blue peg and make sure not to plug in the cable", [place("red", "blue")]),
    ("Plug in the cable, but don't move the blue loop over the green post", [PLUG]),
    ("Slide the blue loop onto the red peg", [place("blue", "red")]),
    ("Insert the plug into the socket but not popping the red hoop over the blue pin", [PLUG]),
    ("Get the red ring around the blue rod but not hooking up the cable", [place("red", "blue")]),
    # Probe 23's misses (held out, written after every other fix of stop 53; each was asked back).
    ("I need two things done: the cable plugged in, then the green ring on the yellow peg",
     [PLUG, place("green", "yellow")]),
    ("Red ring on the yellow peg, please, and be quick about it", [place("red", "yellow")]),
    ("Put the green ring on the yellow peg, then do the same with the red ring",
     [place("green", "yellow"), place("red", "yellow")]),
    ("Get the yellow peg to hold the red ring", [place("red", "yellow")]),
]
# Probe 24 (stop 54, written blind by a helper that read none of the code) missed these, each asked back; and the
# held-out templates of benchmarks/paraphrases_held_out.json ran "X, but make sure you do this first: Y" X first.
PROBED_AT_STOP_54 = [
    ("Hi! I'd really appreciate it if you could take the green loop and slide it down over the red pole. Thanks so "
     "much.", [place("green", "red")]),
    ("Hello there, plug the cable in, cheers!", [PLUG]),
    ("Hey, so we're setting up for the afternoon session. Could you first get the cable plugged into the outlet, and "
     "after that pop the red ring onto the red peg? Cheers!", [PLUG, place("red", "red")]),
    ("I'd like the blue ring on the red peg, and please plug the cable in once you've done that. It's for a "
     "calibration check.", [place("blue", "red"), PLUG]),
    ("Put the green ring on the red peg. We're short on time today.", [place("green", "red")]),
    ("Take the green loop and put it on the peg of the same colour, then put the red loop on the blue peg.",
     [place("green", "green"), place("red", "blue")]),
    ("Put the blue ring onto the green peg. Prior to doing that, though, put the red ring on the blue peg.",
     [place("red", "blue"), place("blue", "green")]),
    ("Put the blue ring on the green peg, before you do that, plug the cable in", [PLUG, place("blue", "green")]),
    ("I want the red ring to end up on the blue pin for the demo we're filming later, so please put it there.",
     [place("red", "blue")]),
    ("So the cable is ready for the test run, go ahead and plug it into the socket.", [PLUG]),
    ("Move the red loop onto the blue spindle, but make sure you do this first: push the plug into the socket",
     [PLUG, place("red", "blue")]),
    ("Plug in the cord; do this before that: hang the green hoop on the yellow pin", [place("green", "yellow"), PLUG]),
    # The two readings stop 53 left: "first" between the steps led the step "second" closes; and a pick and its
    # place under one prohibition, tied by "it", were asked back.
    ("Put the red ring on the blue peg, if you can first, plug the cable in second", [place("red", "blue"), PLUG]),
    ("Don't grab the green ring and put it on the red peg, just plug the cable in", [PLUG]),
    ("Do not pick up the blue hoop and drop it onto the yellow post; put it on the green post instead",
     [place("blue", "green")]),
    # Probe 25 (blind, after probe 24's fixes) asked these back.
    ("Please make the jack go inside the socket.", [PLUG]),
    ("the cable can wait until the blue ring is on the red peg", [place("blue", "red"), PLUG]),
    ("It would be greatly appreciated if the wire could be connected to the outlet, followed by the placement of the "
     "blue band on the green spindle.", [PLUG, place("blue", "green")]),
    ("You put the blue ring at the blue peg, then the cable you connect, and at the last the red ring go on the red "
     "peg.", [place("blue", "blue"), PLUG, place("red", "red")]),
    ("Is it possible to plug the cable in?", [PLUG]),
    ("Maybe you could put the red ring on the blue peg", [place("red", "blue")]),
    # Safety 1 (blind): a request beside a prohibition, asked back before.
    ("Put the green ring on the yellow peg, not the red one.", [place("green", "yellow")]),
    ("Put the blue ring on the red peg, and whatever you do, don't touch the cable.", [place("blue", "red")]),
    ("Hold off on the cable for now and never move the green ring; just put the red ring on the blue peg.",
     [place("red", "blue")]),
    ("Put the green ring on the blue peg and then the red ring on the yellow peg, avoiding the cable altogether.",
     [place("green", "blue"), place("red", "yellow")]),
    ("There's no need to plug the cable in; just set the green ring on the red peg.", [place("green", "red")]),
    ("Under no circumstances plug the cable in; put the red ring on the blue peg", [place("red", "blue")]),
    ("Put the red hoop on the blue post, not the green post", [place("red", "blue")]),
    ("Put the blue ring on the green peg rather than plugging the cable in", [place("blue", "green")]),
    # Probe 26 (blind): the first ran in another order (the plug between the rings), the rest were asked back.
    ("Before you plug the cable into the outlet, put the green ring on the red peg and then the blue ring on the "
     "yellow peg.", [place("green", "red"), place("blue", "yellow"), PLUG]),
    ("put the green ring on the red, no, the blue peg, then plug in the lead", [place("green", "blue"), PLUG]),
    ("Insert the plug into the socket's opening, then thread the blue ring onto the blue peg.",
     [PLUG, place("blue", "blue")]),
    ("Stick the blue loop onto the green rod; last but not least, plug in the jack.", [place("blue", "green"), PLUG]),
    # Safety 2 (blind): requests beside a prohibition, asked back before.
    ("plug in the cable; the rings stay where they are", [PLUG]),
    ("put the blue ring on the yellow peg and leave everything else", [place("blue", "yellow")]),
    ("forget about the cable, just put the red ring on the green peg", [place("red", "green")]),
    ("the cable is off-limits today; put the blue ring on the green peg and then the green ring on the blue peg",
     [place("blue", "green"), place("green", "blue")]),
    ("plug the wire into the outlet. the green ring must not go anywhere.", [PLUG]),
    ("Leave the yellow peg empty and put the green ring on the red peg.", [place("green", "red")]),
    # Probe 27 (blind, order alone) ran these in another order.
    ("Plug the wire into the port \u2014 put the blue ring on the blue peg beforehand.", [place("blue", "blue"), PLUG]),
    ("Plug in the cable, preceded by placing the red donut on the green stick.", [place("red", "green"), PLUG]),
    ("Ahead of plugging in the cable, place the red ring on the yellow peg.", [place("red", "yellow"), PLUG]),
    ("Put the red ring on the red peg last; before that plug in the cable, and before that put the blue ring on the "
     "yellow peg.", [place("blue", "yellow"), PLUG, place("red", "red")]),
    ("Plug in the cable after the red ring is on the blue peg and before the green ring goes on the yellow peg.",
     [place("red", "blue"), PLUG, place("green", "yellow")]),
    ("Before the green ring goes on the yellow peg and after the red ring is on the blue peg, plug the cable in",
     [place("red", "blue"), PLUG, place("green", "yellow")]),
    ("Put the green ring on the yellow peg, having first plugged in the cable.", [PLUG, place("green", "yellow")]),
    ("Put the red ring on the yellow peg, then the green ring on the green peg, but plug in the cable before either of "
     "them.", [PLUG, place("red", "yellow"), place("green", "green")]),
    # Safety 3 (blind): requests beside a prohibition, asked back before.
    ("No ring goes on the red peg; plug the cable.", [PLUG]),
    ("The blue ring is not to be moved; put the red ring on the yellow peg.", [place("red", "yellow")]),
    ("Nothing but the cable, please.", [PLUG]),
    ("Plug the cable and place the green ring on the blue peg, nothing except that.", [PLUG, place("green", "blue")]),
    ("Apart from plugging in the cable, do nothing.", [PLUG]),
    ("Put the red ring on the blue peg; other than that, leave everything alone.", [place("red", "blue")]),
    ("Don't neglect to put the blue ring on the yellow peg.", [place("blue", "yellow")]),
    ("The yellow peg stays empty. Put the green ring on the green peg.", [place("green", "green")]),
    ("Never put the red ring in the socket, but do plug in the cable.", [PLUG]),
    ("Without moving any other ring, put the red ring on the red peg.", [place("red", "red")]),
    # Probe 28 (blind): 50 people of 50 kinds; each asked back or refused before.
    ("Stick the cable in, please.", [PLUG]),
    ("Chuck the green hoop onto the yellow pin.", [place("green", "yellow")]),
    ("Okay so what I need from you is the blue ring on the green peg.", [place("blue", "green")]),
    ("Could you plug the cable into the socket? We need power for the test.", [PLUG]),
    ("When you're ready, put the green ring onto the red peg.", [place("green", "red")]),
    ("Right, slot the green ring over the green peg, there's a good lad.", [place("green", "green")]),
    ("Without rushing, lower the blue ring onto the yellow peg.", [place("blue", "yellow")]),
    ("put the red ring on the blue peg, no rush", [place("red", "blue")]),
    ("Hey, the blue ring needs to go on the blue peg. Could you take care of that?", [place("blue", "blue")]),
    ("I need the green ring on the green peg, and after that the blue ring on the red peg, at your own pace.",
     [place("green", "green"), place("blue", "red")]),
    ("Because the inspector is coming, I need the red ring on the yellow peg and the green ring on the red peg, in "
     "that order.", [place("red", "yellow"), place("green", "red")]),
    ("Could you put the red ring on the red peg and the blue ring on the blue peg? Matching colours, you see.",
     [place("red", "red"), place("blue", "blue")]),
    ("Slap the red ring on the green pin and whack the cable in, mate.", [place("red", "green"), PLUG]),
    ("Okay so here's the plan: blue ring on the red peg, then the green ring on the same peg, then plug the cable in.",
     [place("blue", "red"), place("green", "red"), PLUG]),
    # The second blind template file: a destination said first, and steps labelled by rank with a comment.
    ("Onto the blue pole, drop the red loop", [place("red", "blue")]),
    ("Plug the cord into the outlet, after which onto the blue pole, drop the red loop", [PLUG, place("red", "blue")]),
    ("The second task: plug the cord into the outlet. The first task, to be done before it: onto the blue pole, drop "
     "the red loop", [place("red", "blue"), PLUG]),
    # Safety 4 (blind): requests beside a prohibition, asked back before.
    ("I'd rather you didn't touch the cable; put the green ring on the red peg.", [place("green", "red")]),
    ("You can skip the cable; put the red ring on the yellow peg.", [place("red", "yellow")]),
    ("No cable today, but put the green ring on the blue peg.", [place("green", "blue")]),
    ("Everything except the cable: put the red ring on the red peg.", [place("red", "red")]),
    ("Plug the cable in, but leave the rings exactly where they are.", [PLUG]),
    ("The last thing I want is the cable plugged in, so just put the red ring on the green peg.",
     [place("red", "green")]),
    # Safety 5 (blind): requests beside a prohibition, asked back before.
    ("I don't want the green ring on the yellow peg; put it on the red peg instead", [place("green", "red")]),
    ("rather than the cable, do the blue ring on the green peg", [place("blue", "green")]),
    ("the cable stays unplugged; red ring on green peg", [place("red", "green")]),
    ("not the cable \u2014 just the red ring on the blue peg", [place("red", "blue")]),
    ("hands off the green ring; the blue ring belongs on the yellow peg", [place("blue", "yellow")]),
    # The third blind template file (stop 54): five of its fifteen two-step templates ran most draws in the order said.
    ("put the red ring on the blue peg, though only after this: plug the cable in", [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg. Preceding that, plug the cable in", [PLUG, place("red", "blue")]),
    ("the later task is this: put the red ring on the blue peg. The earlier one is this: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("do this last: put the red ring on the blue peg. Do this first: plug the cable in", [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg; this must come first, though: plug the cable in", [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg; but before you do, plug the cable in", [PLUG, place("red", "blue")]),
    ("begin with this: plug the cable in. End with this: put the red ring on the blue peg",
     [PLUG, place("red", "blue")]),
    ("get the cable hooked up; with that complete, see to it that the red ring winds up on the blue peg",
     [PLUG, place("red", "blue")]),
    ("the blue peg should have the red ring on it. That done, jack the cable in", [place("red", "blue"), PLUG]),
    # Probe 29 and safety 6 (blind): instructions from other channels. The first two ran in another order.
    ("Put the red ring on the green peg and plug the cable in (cable first)", [PLUG, place("red", "green")]),
    ("Plug the cable in and place the blue ring on the yellow peg (ring first)", [place("blue", "yellow"), PLUG]),
    ("Red ring on blue peg, cable first", [PLUG, place("red", "blue")]),
    ("Task 1: green ring -> yellow peg; Task 2: blue ring -> red peg, cable first",
     [PLUG, place("green", "yellow"), place("blue", "red")]),
    ("Plug in the cable and put the green ring on the blue peg \u2014 cable goes last", [place("green", "blue"), PLUG]),
    ("Ticket ABC-12: insert the plug into the socket.", [PLUG]),
    ("Msg from ops: red ring to blue peg, then plug the cable. thanks!", [place("red", "blue"), PLUG]),
    ("Row 1: ring=green, peg=blue | Row 2: ring=red, peg=yellow", [place("green", "blue"), place("red", "yellow")]),
    ("[ ] insert the cable plug into the socket\n[ ] put the green ring on the green peg", [PLUG, place("green", "green")]),
    ("pls: cable in, then red ring on red peg. thx", [PLUG, place("red", "red")]),
    ("1. plug cable 2. (skip) red ring on blue peg", [PLUG]),
    ("Task 1: plug cable (done); Task 2: red ring -> yellow peg", [place("red", "yellow")]),
    ("put the red ring on the blue peg (don't touch the cable)", [place("red", "blue")]),
    ("plug the cable in; rings: leave as is", [PLUG]),
    ("put the green ring on the red peg; cable: no", [place("green", "red")]),
    ("plug the cable in, but NOT the red ring on the yellow peg", [PLUG]),
    ("ACTION: blue ring on red peg + green ring on yellow peg. EXCLUDE: cable.", [place("blue", "red"),
                                                                               place("green", "yellow")]),
    # Probe 30 and safety 7 (blind): the first ran in another order, the rest were asked back.
    ("Could you please put the blue ring on the red peg, then the red ring on the green peg, and after both of those, "
     "insert the connector into the receptacle?", [place("blue", "red"), place("red", "green"), PLUG]),
    ("yo, blue ring on the blue peg then plug the cord in", [place("blue", "blue"), PLUG]),
    ("Don't just stand there, plug the cable in!", [PLUG]),
    ("No, put the red ring on the blue peg.", [place("red", "blue")]),
    ("Whatever happens, leave the cable alone; red ring on blue peg.", [place("red", "blue")]),
    ("The cable's off-limits today; green ring on yellow peg, please.", [place("green", "yellow")]),
    ("I'll handle the cable myself \u2014 you do the red ring on the green peg.", [place("red", "green")]),
]
# benchmarks/paraphrases_held_out_4.json (written blind at the end of stop 54, fixed at stop 55): the first four ran
# in the order said, the rest were asked back.
PROBED_AT_STOP_55 = [
    ("put the red ring on the blue peg. Earlier than that, plug the cable into the socket", [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg; to be done in advance of that: plug the cable in", [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg. You should do this other thing before it: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg, once you have completed this: plug the cable in", [PLUG, place("red", "blue")]),
    ("plug the cable in, and right after, put the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("plug the cable in. Having done so, put the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("plug the cable in. Upon completion, put the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("plug the cable in. With that out of the way, put the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("start by doing this: plug the cable in. Finish by doing this: put the red ring on the blue peg",
     [PLUG, place("red", "blue")]),
    ("initially, put the green ring on the yellow peg; in a second step, put the red ring on the blue peg",
     [place("green", "yellow"), place("red", "blue")]),
    ("the final step: put the red ring on the blue peg. The opening step, which comes before it: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("as your last action, put the red ring on the blue peg; as your first action, plug the cable in",
     [PLUG, place("red", "blue")]),
    ("the red ring belongs on the blue peg, so put it there (do this second) and on the green peg, place the blue ring "
     "(do this first)", [place("blue", "green"), place("red", "blue")]),
    ("onto the blue peg goes the red ring", [place("red", "blue")]),
    # the same words that now part steps leave other readings as they were
    ("after the cable is in, put the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg after plugging the cable in", [PLUG, place("red", "blue")]),
    ("plug in the cable (do it last), put the red ring on the blue peg", [place("red", "blue"), PLUG]),
    # benchmarks/paraphrases_held_out_5.json (blind, stop 55): the first two ran in another order, the rest were asked
    # back
    ("plug the cable in (prerequisite, to be completed beforehand: put the red ring on the blue peg)",
     [place("red", "blue"), PLUG]),
    ("ahead of this step (put the red ring on the blue peg), complete this one: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("let's see the blue ring end up on the green pin", [place("blue", "green")]),
    ("start here: plug the cord in. when it's done, move on to this: put the red ring on the blue peg",
     [PLUG, place("red", "blue")]),
    ("to begin, put the red ring on the blue peg; subsequently, plug the cable in", [place("red", "blue"), PLUG]),
    ("put the red ring on the blue peg, though not until this is finished: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("task B: drop the red loop onto the blue pin. task A: plug the cord into the outlet. do task A before task B",
     [PLUG, place("red", "blue")]),
    ("(2) onto the blue pin goes the red ring; (1) hang the blue hoop on the green post. carry these out in numbered "
     "order", [place("blue", "green"), place("red", "blue")]),
    ("step 2: plug the cable in. step 1: put the red ring on the blue peg.", [place("red", "blue"), PLUG]),
    ("put the red ring on the blue peg. that has to wait until the following is done: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("the final thing I want: put the red ring on the blue peg. what must happen before it: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("your second job: plug the cable in. your opening job, to be done earlier: put the red ring on the blue peg",
     [place("red", "blue"), PLUG]),
    # probe 31 and safety 8 (blind, stop 55): the first ran in another order, the second ran a step its speaker will
    # do, the rest were asked back
    ("Put the green ring on the red peg. Do that after you've plugged in the cable.", [PLUG, place("green", "red")]),
    ("Put the blue ring on the yellow peg; I'll plug the cable in myself later.", [place("blue", "yellow")]),
    ("Put the red ring on the green peg, the green ring on the blue peg, and the blue ring on the red peg, but do them "
     "in reverse order.", [place("blue", "red"), place("green", "blue"), place("red", "green")]),
    ("Put the red ring on the yellow peg and plug in the cable. Note: the cable has to go in before any ring is moved.",
     [PLUG, place("red", "yellow")]),
    ("Red ring goes on the green peg, blue ring on the yellow peg. Do the blue one before the red one.",
     [place("blue", "yellow"), place("red", "green")]),
    ("rings: red -> green peg. cable: no touch.", [place("red", "green")]),
    ("Neither the red nor the green ring should move; only put the blue ring on the yellow peg.",
     [place("blue", "yellow")]),
    ("Put the red ring on the yellow peg and the blue ring on the green peg, not the other way around.",
     [place("red", "yellow"), place("blue", "green")]),
    ("Put the blue ring on the red peg. Plug the cable in. Actually, scratch that last part.", [place("blue", "red")]),
    # stop 54's last misses: "X, then Y, but before Y, Z"; "..., please do the red one first"
    ("Plug in the cable, then put the green ring on the blue peg, but before putting the green ring on the blue peg, "
     "put the red ring on the yellow peg.", [PLUG, place("red", "yellow"), place("green", "blue")]),
    ("put the red ring on the green peg, then the green ring on the blue peg, but before the green ring goes on, plug "
     "the cable in", [place("red", "green"), PLUG, place("green", "blue")]),
    ("At the end I want the red ring on the green pin and the blue ring on the blue pin, please do the red one first.",
     [place("red", "green"), place("blue", "blue")]),
    # numbered items said in order stay so; "then we'll put ..." is the robot's step too
    ("1. put the red ring on the blue peg 2. plug the cable in", [place("red", "blue"), PLUG]),
    ("Let's plug in the cable first, then we'll put the blue ring on the yellow peg.", [PLUG, place("blue", "yellow")]),
    # benchmarks/paraphrases_held_out_6.json (blind, stop 55): the first two ran in another order, the rest were asked
    # back
    ("plug the cable in -- this depends on the following being done: put the red ring on the blue peg",
     [place("red", "blue"), PLUG]),
    ("plug the cable in -- to be done subsequent to the following: put the red ring on the blue peg",
     [place("red", "blue"), PLUG]),
    ("Main task: plug the cable in. Precondition (must already be complete): put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("plug the cable in -- but only once this is finished: put the red ring on the blue peg",
     [place("red", "blue"), PLUG]),
    ("plug the cable in. Note: this step must wait until the following has been completed: put the red ring on the "
     "blue peg.", [place("red", "blue"), PLUG]),
    ("Execute by number, not by listing order.\n(2) plug the cable in\n(1) put the red ring on the blue peg",
     [place("red", "blue"), PLUG]),
    ("B. plug the cable in\nA. put the red ring on the blue peg\n(Carry out A ahead of B.)", [place("red", "blue"), PLUG]),
    ("step_b=plug the cable in; step_a=put the red ring on the blue peg; order=a,b", [place("red", "blue"), PLUG]),
    ("| order | step |\n| 2 | plug the cable in |\n| 1 | put the red ring on the blue peg |", [place("red", "blue"), PLUG]),
    ("action=place; object=green ring; target=yellow pin", [place("green", "yellow")]),
    ("action=plug; object=connector; target=receptacle", [PLUG]),
    ("item: blue hoop | destination: green peg", [place("blue", "green")]),
    ("Desired end state: the green torus resting around the yellow spindle.", [place("green", "yellow")]),
    ("I'd like to see the blue loop sitting on the green pin when you're done.", [place("blue", "green")]),
    ("Can you push the wire into the jack? -- but only once this is finished: Is it possible to hang the blue hoop on "
     "the green pole?", [place("blue", "green"), PLUG]),
    ("put the green ring on the yellow peg, and once that's in place, put the red ring on the blue peg",
     [place("green", "yellow"), place("red", "blue")]),
    # probe 32 and safety 9 (blind, stop 55): the first ran in another order, the rest were asked back
    ("Plug the cable in, but by the time you reach for it the green ring should already be sitting on the red peg.",
     [place("green", "red"), PLUG]),
    ("The cable must be in by the time the green ring goes on the blue peg.", [PLUG, place("green", "blue")]),
    ('{"action": "place", "ring": "red", "peg": "green"} ; then {"action": "plug"}', [place("red", "green"), PLUG]),
    ("TASK 17 | ops: [place(ring=green, peg=blue), place(ring=blue, peg=red)] | order: reversed",
     [place("blue", "red"), place("green", "blue")]),
    ("Subtask one: plug in the wire. Subtask two: none. Subtask three: hoop red -> post yellow.",
     [PLUG, place("red", "yellow")]),
    ("Goal state: red ring on red peg, green ring on green peg, blue ring on blue peg. Order: as listed. Cable: no "
     "change.", [place("red", "red"), place("green", "green"), place("blue", "blue")]),
    ("Subtask one (execute last): cable into jack. Subtask two (execute first): red loop onto green pole.",
     [place("red", "green"), PLUG]),
    ("Subtask one: ring=blue peg=green (status: CANCELLED). Subtask two: plug_cable (status: ACTIVE).", [PLUG]),
    ("Step B: put the blue loop on the green rod. Step A: plug the lead into the port. Execute steps in alphabetical "
     "order.", [PLUG, place("blue", "green")]),
    ("Long day. The intern knocked over the tray of screws. Put the red loop on the red spindle.", [place("red", "red")]),
    ("Put the blue ring on the green peg and the red ring on the blue peg; the blue ring is the very last thing.",
     [place("red", "blue"), place("blue", "green")]),
    ("Red hoop onto the green post and plug in the cord, but the cord can't go in until the hoop is seated.",
     [place("red", "green"), PLUG]),
    ("None of the rings should go on the red peg; put the blue ring on the yellow peg", [place("blue", "yellow")]),
    ("Plug the cable in, but none of the rings should be touched.", [PLUG]),
    ("Put the green ring on the yellow peg; the cable, whatever you do, must not be plugged in.",
     [place("green", "yellow")]),
    ("Put the red ring on the yellow peg and the green ring on the blue peg, but skip the second one.",
     [place("red", "yellow")]),
    ("put the green ring on the blue peg, then the yellow... no wait, the red ring on the yellow peg",
     [place("green", "blue"), place("red", "yellow")]),
    # benchmarks/paraphrases_held_out_7.json (blind, stop 55): seven ran in another order, the rest were asked back
    ("This one can wait: place the red on the blue What can't wait, and must be finished ahead of it, is this: stack "
     "the green on the yellow", [place("green", "yellow"), place("red", "blue")]),
    ("Job: plug the connector into the port Dependency (must be complete beforehand): Work order: Operator shall "
     "transfer the blue onto the green. Confirm upon completion.", [place("blue", "green"), PLUG]),
    ("Later on: plug the cord in. Earlier, ahead of all that: put the red ring on the blue peg",
     [place("red", "blue"), PLUG]),
    ("Hold off on this one: plug the cord in. Wait until you've fully completed this one: put the red ring on the blue "
     "peg", [place("red", "blue"), PLUG]),
    ("Task: plug the cord in. (Only start it once this is already done: put the red ring on the blue peg.)",
     [place("red", "blue"), PLUG]),
    ("Goal: plug the cord in. To get there, begin by completing this: put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("The final thing to do is: plug the cord in. Leading up to it, do this: put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("By the time you get to this one \u2014 The green needs the blue sitting on it. \u2014 the following should already "
     "be finished: Make sure the red ends up resting on the yellow.", [place("red", "yellow"), place("blue", "green")]),
    ("Eventually, this: plug the cord in. It has to wait, though, until this one is complete: put the red ring on the "
     "blue peg", [place("red", "blue"), PLUG]),
    ("End state wanted: plug the cord in. It relies on this having been completed earlier: put the red ring on the "
     "blue peg", [place("red", "blue"), PLUG]),
    ("As soon as you have finished this one \u2014 put the red ring on the blue peg \u2014 go ahead with this one: plug "
     "the cord in", [place("red", "blue"), PLUG]),
    ("Onto the green goes the blue.", [place("blue", "green")]),
    ("The yellow needs the green sitting on it.", [place("green", "yellow")]),
    ("can you put the green on the yellow? pleeease?", [place("green", "yellow")]),
    ("pls plug cable in2 the jack w/ the connector facing right way thx", [PLUG]),
    ("Would you mind sticking the plug into the jack?", [PLUG]),
    ("ugh, ok... just get the green onto the yellow and we're done for today.", [place("green", "yellow")]),
    # probe 33 and safety 10 (blind, stop 55): asked back before
    ("Kick off with the blue hoop on the red post; as a second item, plug the cord in.", [place("blue", "red"), PLUG]),
    ("After you've got the cable into the jack, move on to the green hoop on the blue pole.",
     [PLUG, place("green", "blue")]),
    ("Put the red loop on the red pin, but not until the wire is in the socket.", [PLUG, place("red", "red")]),
    ("Get the cord into the receptacle to begin with; after that's done, the red ring to the yellow peg, followed by "
     "the green ring to the blue peg.", [PLUG, place("red", "yellow"), place("green", "blue")]),
    ("Put the blue donut on the red rod. Then do the same thing with the green donut.",
     [place("blue", "red"), place("green", "red")]),
    ("Um, if it's not too much trouble, could you maybe pop the blue hoop onto the red pole? Thanks so much!!",
     [place("blue", "red")]),
    ("Hold back on the cable, but the green ring can go on the yellow peg now.", [place("green", "yellow")]),
    ("Hang the blue ring on the red peg; plugging the cable in would be premature.", [place("blue", "red")]),
    ("It's too early for the cable, though go ahead and move the green ring to the green peg.",
     [place("green", "green")]),
    ("Checklist: 1) red ring on green peg 2) ~~plug the cable~~ 3) blue ring on blue peg",
     [place("red", "green"), place("blue", "blue")]),
    ("Abstain from plugging in the cable; the blue ring, on the other hand, should go on the green peg, followed by the "
     "red ring on the yellow peg.", [place("blue", "green"), place("red", "yellow")]),
    # probe 34 (blind, written after every other fix of stop 55): asked back before
    ("Jam that wire into the port, mate.", [PLUG]),
    ("Onto the red post with the red hoop.", [place("red", "red")]),
    ("Blue ring, red peg. Go.", [place("blue", "red")]),
    ("gimme the green donut on the blue post n then plug the cord in", [place("green", "blue"), PLUG]),
    ("Plug the cable in, but leave all the rings exactly where they are.", [PLUG]),
    # benchmarks/paraphrases_held_out_8.json (blind, stop 55): three ran in another order, one dropped a step
    ("put the red ring on the blue peg (this in second place); in first place: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("as step number two: put the red ring on the blue peg; as step number one: plug the cable in",
     [PLUG, place("red", "blue")]),
    ("firstly put the red ring on the blue peg, and after it is ready, put the blue ring on the green peg",
     [place("red", "blue"), place("blue", "green")]),
    ("at first put the green ring on the yellow peg; when this is finished, then make that the cable is plugged in the "
     "socket", [place("green", "yellow"), PLUG]),
    ("put the red ring on the green peg, make that the blue peg", [place("red", "blue")]),
    ("i want that you put a red ring to the blue peg; but before of that: pray, set the blue torus upon yonder green "
     "rod", [place("blue", "green"), place("red", "blue")]),
    ("make so that the red ring is sitting on the blue peg, but the previous step must be done before, that is: you "
     "will put, please, the green ring over the yellow peg", [place("green", "yellow"), place("red", "blue")]),
    ("on the green pin you must put the blue loop", [place("blue", "green")]),
    ("Kindly be so good as to affix the red ring upon the yellow peg.", [place("red", "yellow")]),
    ("Kindly do the needful and put blue ring on green peg.", [place("blue", "green")]),
    # a prohibition after a correction takes back the steps it names (safety 11: this ran the green ring)
    ("First plug in the cable, then put the green ring on the red peg -- actually, save the green ring for later.",
     [PLUG]),
]


PROBED_AT_STOP_56 = [
    # order (probe 37, blind): each of these ran in another order, or dropped a step, before
    ("Wrap up by plugging in the cable. First, though, red ring on the yellow peg, then blue ring on the blue peg.",
     [place("red", "yellow"), place("blue", "blue"), PLUG]),
    ("- green ring on blue peg\n- plug cable\n- red ring on yellow peg\norder: 3, 1, 2",
     [place("red", "yellow"), place("green", "blue"), PLUG]),
    ("Do these in reverse order: plug in the cable, put the red ring on the blue peg.", [place("red", "blue"), PLUG]),
    ("please carry these out in the opposite order: put the red ring on the blue peg and then plug the cable.",
     [PLUG, place("red", "blue")]),
    ("Third: plug the cable. First: blue ring on the blue peg. Second: green ring on the red peg.",
     [place("blue", "blue"), place("green", "red"), PLUG]),
    ("(c) plug in the cable (a) red ring \u2192 green peg (b) blue ring \u2192 yellow peg",
     [place("red", "green"), place("blue", "yellow"), PLUG]),
    ("b. blue ring onto red peg\na. red ring onto green peg", [place("red", "green"), place("blue", "red")]),
    ("Put the blue ring on the blue peg after plugging the cable in, and the red ring on the green peg after that.",
     [PLUG, place("blue", "blue"), place("red", "green")]),
    ("Put the green ring on the green peg after the red ring goes onto the blue peg, and plug the cable in after both.",
     [place("red", "blue"), place("green", "green"), PLUG]),
    ("Plug the cable in \u2014 but hold off until the blue ring is on the yellow peg and the green ring is on the "
     "green peg, in that order.", [place("blue", "yellow"), place("green", "green"), PLUG]),
    ("plug the cable in, but wait until the red ring is on the blue peg", [place("red", "blue"), PLUG]),
    # order, asked back before
    ("Only once the green ring is on the red peg should you plug the cable in.", [place("green", "red"), PLUG]),
    ("Slide the red ring onto the blue peg \u2014 the cable needs to be plugged in before that.",
     [PLUG, place("red", "blue")]),
    ("Put the green ring on the yellow peg. Actually, plug the cable in before doing that.",
     [PLUG, place("green", "yellow")]),
    ("Put the red ring on the green peg; right before that, the cable should go into the socket.",
     [PLUG, place("red", "green")]),
    ("Two things: plug the cable in and put the green ring on the blue peg. Do the latter first.",
     [place("green", "blue"), PLUG]),
    ("Put the red ring on the red peg and plug in the cable; the former should come second.",
     [PLUG, place("red", "red")]),
    ("Red ring on the blue peg, green ring on the green peg \u2014 but do the second one first.",
     [place("green", "green"), place("red", "blue")]),
    ("The blue ring shouldn't go onto the red peg until the cable is plugged in.", [PLUG, place("blue", "red")]),
    ("Don't plug the cable until the red ring is on the blue peg.", [place("red", "blue"), PLUG]),
    ("ok so first the socket gets the cable, next up green ring onto red peg, and blue onto yellow to close it out",
     [PLUG, place("green", "red"), place("blue", "yellow")]),
    ("Place the red ring on the yellow peg, which you should only do after the cable has been plugged in.",
     [PLUG, place("red", "yellow")]),
    ("Plug in the cable, and then once that's done, and not a moment before, set the blue ring on the green peg.",
     [PLUG, place("blue", "green")]),
    ("I'd like the blue ring on the yellow peg, but plug the cable in before you touch any rings.",
     [PLUG, place("blue", "yellow")]),
    ("last step is plugging in the cable; the step before that is putting the green ring on the yellow peg",
     [place("green", "yellow"), PLUG]),
    ("kindly transfer the green ring to the yellow peg, but not until you have finished this: stick the cable in the "
     "socket", [PLUG, place("green", "yellow")]),  # template file 9: 34 of 40 sampled draws ran in another order
    ("as the last step, plug the cable in; as the very first step, the red ring should go on the blue peg",
     [place("red", "blue"), PLUG]),
    ("would you mind putting the red ring onto the blue peg, please? (after pls plug the cable in)",
     [PLUG, place("red", "blue")]),  # template file 10
    ("pls put the red ring on the blue peg, but only after you - [ ] cable into socket", [PLUG, place("red", "blue")]),
    ("b4 you put the red ring on the blue peg, pls plug the cable in", [PLUG, place("red", "blue")]),
    ("1st: plug the cable in / 2nd: put the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("ring: red / peg: blue - place it -> when done -> green ring -> yellow peg",
     [place("red", "blue"), place("green", "yellow")]),  # it put all three rings on the yellow peg
    # forms (probes 36 and 38): messages, shorthand, learners
    ("Hi, when you get a moment, could you plug the cable into the socket? Thanks, Maya", [PLUG]),
    ("Hi team, as discussed, please move the blue ring to the blue peg. Best, J.", [place("blue", "blue")]),
    ("Good evening, kindly place the red ring upon the green peg. Sincerely, M. Dubois", [place("red", "green")]),
    ("Quick favour: blue ring to the yellow peg, then the green ring to the blue peg. Appreciate it. \u2014 Carlos",
     [place("blue", "yellow"), place("green", "blue")]),
    ("sorry if this is a dumb ask but can u put the green ring on the blue peg?? - Lily", [place("green", "blue")]),
    ("dear robot, hope the weekend was ok haha. wud you put teh red ring on the blue peg? Sam", [place("red", "blue")]),
    ("uh so yeah the red loop onto the yellow spindle and then plug the cord into the outlet",
     [place("red", "yellow"), PLUG]),
    ("pop the cable in and then pop the blue ring on the red peg", [PLUG, place("blue", "red")]),
    ("after you've got the red ring on the green peg, stick the cable in the socket", [place("red", "green"), PLUG]),
    ("Could you get the green loop onto the red post, and then put the blue one there as well?",
     [place("green", "red"), place("blue", "red")]),
    ("place ring red peg green", [place("red", "green")]),
    ("ring: green / peg: blue / then plug", [place("green", "blue"), PLUG]),
    ("lol sorry for the spam today. last thing: yellow peg, green ring. thats it.", [place("green", "yellow")]),
    # safety 12 and 13 (blind): the part clearly asked for runs, the rest is held back
    ("Put the red ring on the yellow peg, but the cable stays where it is, unplugged.", [place("red", "yellow")]),
    ("Blue ring onto the red peg. Don't you dare plug that cable in.", [place("blue", "red")]),
    ("Plug the cable in and put the blue ring on the yellow peg... actually, scratch the cable, just do the ring.",
     [place("blue", "yellow")]),
    ("Put the blue ring on the green peg, then plug in the cable. Actually, hold off on the cable \u2014 the ring is "
     "enough for now.", [place("blue", "green")]),
    ("I wouldn't mind at all if you plugged the cable into the socket.", [PLUG]),
    ("Zero rings on the red peg, please \u2014 put the blue ring on the yellow peg instead.",
     [place("blue", "yellow")]),
    ("Put the green ring on the green peg. Oh, and make sure you don't leave the cable unplugged.",
     [place("green", "green"), PLUG]),
    ("Green ring to the yellow peg. I was going to ask for the cable too, but never mind that.",
     [place("green", "yellow")]),
    ("Put the red ring on the green peg and the blue ring on the blue peg. On second thought, leave the blue ring "
     "where it is.", [place("red", "green")]),
    # vocabulary (probe 39, blind): verbs, nouns, shades, manner
    ("Dock the green hoop onto the yellow post.", [place("green", "yellow")]),
    ("Sleeve the scarlet torus over the golden dowel.", [place("red", "yellow")]),
    ("Thread the navy washer onto the yellow rod.", [place("blue", "yellow")]),
    ("Pop the red o-ring on the mustard spike.", [place("red", "yellow")]),
    ("Carefully guide the crimson donut onto the sky-blue spindle.", [place("red", "blue")]),
    ("Shove the navy washer all the way down the red rod.", [place("blue", "red")]),
    ("Put the red bangle on the yellow upright, all the way down.", [place("red", "yellow")]),
    ("Guide the bright red collar down onto the green spindle, nice and slow.", [place("red", "green")]),
    ("Couple the lead to the receptacle.", [PLUG]),
    ("Mate the connector into the receptacle until it clicks.", [PLUG]),
    ("Hook up the wire to the power point, then park the emerald donut on the sky-blue post.",
     [PLUG, place("green", "blue")]),
    # template file 11 (blind): a restated place, a purpose, a preamble, an ordinal label with "I'd like you to do"
    ("move the blue ring over to the green peg and put it on there", [place("blue", "green")]),
    ("pop the cable into the socket so it's ready for later and then place the green ring onto the yellow peg",
     [PLUG, place("green", "yellow")]),
    ("would you mind doing two things for me? plug the cable into the socket, and after you've finished that, hang "
     "the green ring on the yellow peg", [PLUG, place("green", "yellow")]),  # "finished that": it ran backwards
    ("the first thing i'd like you to do is insert the cable into the socket, and the next thing is to pick up the "
     "blue ring and set it on the green peg", [PLUG, place("blue", "green")]),
    ("let's do this in order: stick the blue ring onto the green peg, and next, stick the green ring onto the yellow "
     "peg", [place("blue", "green"), place("green", "yellow")]),
    ("Place the green ring on the red peg once, just one time.", [place("green", "red")]),
    # an evaluator's paraphrases (probe 40, blind) and template file 12
    ("The yellow peg is where the red ring goes.", [place("red", "yellow")]),
    ("Put the blue ring on the red peg, but plug the cable into the socket before doing so.",
     [PLUG, place("blue", "red")]),
    ("The blue ring should end up on the green peg, but the cable has to be plugged in before that.",
     [PLUG, place("blue", "green")]),
    ("the blue ring should end up on the green peg, though you should handle this before it: take the cable and fit "
     "it into the socket", [PLUG, place("blue", "green")]),  # 32 of 40 sampled draws ran in the order said
    ("hold off on this: please move the blue ring to the green peg, until you have done this: i need the green ring "
     "sitting on the yellow peg", [place("green", "yellow"), place("blue", "green")]),
    ("later, i need the blue ring sitting on the green peg; to begin with, would you mind setting the green ring on "
     "the yellow peg", [place("green", "yellow"), place("blue", "green")]),
    # template file 13 (blind): each of the first three ran in another order, or dropped a step, in sampled draws
    ("hmm, blue ring to green peg... no wait, before that thread the red ring over the blue peg",
     [place("red", "blue"), place("blue", "green")]),
    ("end with: please move the blue ring over to the green peg. start with: thread the green ring over the yellow "
     "peg", [place("green", "yellow"), place("blue", "green")]),
    ("blue ring to green peg; that comes after this other request, which you should do earlier: plug the cable in",
     [PLUG, place("blue", "green")]),
    ("my end goal: put the green ring on the yellow peg. to get there, begin with this: put the blue ring on the green "
     "peg", [place("blue", "green"), place("green", "yellow")]),
    ("take the green ring and set it on the yellow peg, this is second. plug the cable into the socket, this is first",
     [PLUG, place("green", "yellow")]),
    ("could you please handle two things for me in order: okay so the green ring, stick that on the yellow peg, "
     "followed by red ring to blue peg", [place("green", "yellow"), place("red", "blue")]),
    # probe 42 (blind): the first two ran in another order
    ("For the cable to be plugged in, the blue ring must already be on the green peg.", [place("blue", "green"), PLUG]),
    ("The last move should be putting the green ring onto the blue peg; the move before it, plugging in the cable.",
     [PLUG, place("green", "blue")]),
    ("Plug in the cable \u2014 but not before you've put the blue ring on the red peg.", [place("blue", "red"), PLUG]),
    ("Plug the cable in as soon as the blue ring is on the green peg.", [place("blue", "green"), PLUG]),
    ("I need the blue ring on the yellow peg, which should happen after the green ring has been put on the green peg.",
     [place("green", "green"), place("blue", "yellow")]),
    ("The cable is to be inserted into the socket following the placement of the red ring on the green peg.",
     [place("red", "green"), PLUG]),
    ("What I want done second is the cable going into the socket; what I want done first is the green ring going on "
     "the green peg.", [place("green", "green"), PLUG]),
    # probe 43 (blind, the last check): a precondition said after its step
    ("The blue ring goes on the red peg, but the green ring must already be on the yellow peg by then.",
     [place("green", "yellow"), place("blue", "red")]),
    ("Plug in the cable, and while you're at it, put the red ring on the green peg.", [PLUG, place("red", "green")]),
    # probe 44 (blind): a learner's "after" for "then"; both ran in another order
    ("can you connect the cable and after move blue ring to yellow peg", [PLUG, place("blue", "yellow")]),
    ("plug the cable, after put blue ring on red peg and after green ring on green peg",
     [PLUG, place("blue", "red"), place("green", "green")]),
    ("pls put the green ring on the yellow peg (after connect cable to socket pls)", [PLUG, place("green", "yellow")]),
    # typos (safety 15, blind): swapped and held-down letters of a known word
    ("plgu the cabel into the sockt", [PLUG]),
    ("mvoe the blue rign to the yellwo peg", [place("blue", "yellow")]),
    ("pluggg the cable in teh socket;;", [PLUG]),
    ("PLUG THE CABEL IN THE SOCKET PLS", [PLUG]),
]
PROBED_AT_STOP_57 = [
    # probe 45 (blind): asked back before
    ("Goal: the blue ring is on the blue peg.", [place("blue", "blue")]),
    ("Target state: the red ring is on the green peg and the cable is plugged in.", [place("red", "green"), PLUG]),
    ("There's a cable lying next to the socket. Plug it in.", [PLUG]),
    ("You have a cable and a socket on the left and rings on the right. Start by connecting the cable, then move the "
     "red ring to the blue peg.", [PLUG, place("red", "blue")]),
    ("There are three rings and four pegs. Put the green ring on the yellow peg.", [place("green", "yellow")]),
    # the socket after an adjective, or by its hole, or mistyped: not somewhere else
    ("Insert the cable connector into the designated receptacle.", [PLUG]),
    ("Energise the setup by plugging the wire into the hole.", [PLUG]),
    ("plug the cable into the sockt", [PLUG]),
    ("plug the cable in the usual way", [PLUG]),
    ("plug in the cable while you're at it", [PLUG]),  # the cable after "in the": what is plugged, not where
    ("To begin, put the green ring on the yellow peg. To end, put the blue ring on the blue peg. In the middle, plug in "
     "the cable.", [place("green", "yellow"), PLUG, place("blue", "blue")]),  # "in the middle": when, not where
    ("plug the cable in the soccer", [PLUG]),  # the socket misheard
    # probe 46 (blind): speech transcripts; the first two ran otherwise before, the rest were asked back
    ("put the red put the green ring on the red peg", [place("green", "red")]),
    ("second put the green ring on the yellow peg first plug the cable", [PLUG, place("green", "yellow")]),
    ("um put the blue ring on the yellow peg plug the cable", [place("blue", "yellow"), PLUG]),
    ("before you plug the cable in put the red ring on the green peg", [place("red", "green"), PLUG]),
    ("plug it in put the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("insert the cable plug in the socket", [PLUG]),  # the cable's plug, not a new step
    ("green ring on red peg put it", [place("green", "red")]),
    # probe 47 (blind): manner that asks nothing; the first plugged the cable too, the rest were asked back
    ("Seat the green ring on the green peg and make sure it's seated all the way.", [place("green", "green")]),
    ("Slide the blue ring onto the blue peg, then plug the cable in, nice and steady.", [place("blue", "blue"), PLUG]),
    ("Move the blue ring onto the red peg, just the way you always do.", [place("blue", "red")]),
    ("Transfer the red ring to the green peg, then the blue ring to the red peg. No need to hurry.",
     [place("red", "green"), place("blue", "red")]),
    ("Please do a clean job of getting the blue ring onto the green peg.", [place("blue", "green")]),
    ("Plug the cable in as usual.", [PLUG]),
    ("Plug the cable in as soon as the red ring is on the blue peg.", [place("red", "blue"), PLUG]),
    # probe 48 (blind): a language model's formal paraphrases, each asked back before
    ("With the objective of completing the assembly, situate the green ring atop the red peg.",
     [place("green", "red")]),
    ("What is required is the relocation of the red ring to the green peg.", [place("red", "green")]),
    ("The red peg ought to receive the blue ring.", [place("blue", "red")]),
    ("Upon completion of the cable's connection to the socket, proceed to set the green ring on the yellow peg.",
     [PLUG, place("green", "yellow")]),
    ("Having first seated the blue ring upon the red peg, proceed to establish the cable connection.",
     [place("blue", "red"), PLUG]),
    ("Two operations are requested, in the following sequence: initially, the placement of the red ring on the green "
     "peg; thereafter, the placement of the blue ring on the red peg.", [place("red", "green"), place("blue", "red")]),
    ("Place the blue ring onto the yellow peg, though this should be done only after the red ring has been placed onto "
     "the red peg.", [place("red", "red"), place("blue", "yellow")]),
    ("Perform the following manipulation: relocate the blue ring such that it comes to rest on the yellow peg.",
     [place("blue", "yellow")]),
    # template file 14 (blind): the first two ran in another order, or dropped a step; the rest were asked back
    ('Don\'t do "Set the blue ring onto the green peg, please." until you have done "Plug in the cable.".',
     [PLUG, place("blue", "green")]),
    ('Before you get to "Could you slide the red ring over the blue peg?", make sure "plug the cable into the socket" '
     'has been done.', [PLUG, place("red", "blue")]),
    ("Last of all: plug the cable into the socket\nBut to begin with: Your task: red ring onto the blue peg.",
     [place("red", "blue"), PLUG]),
    ("don't plug the cable in until you've put the red ring on the blue peg", [place("red", "blue"), PLUG]),
    ("The step to do last: Put the red ring on the blue peg.\nThe step to do first: plug in the cable",
     [PLUG, place("red", "blue")]),
    ('"green ring on yellow peg" comes first; "Put the red ring on the blue peg." comes after.',
     [place("green", "yellow"), place("red", "blue")]),
    ("Do these in reverse order of how they are listed:\n- Put the red ring on the blue peg.\n- Plug in the cable.",
     [PLUG, place("red", "blue")]),
]

PROBED_AT_STOP_58 = [
    # probe 49 (blind): messages as typed into chat and ticketing tools; each asked back before
    ("@robot hiya, red ring onto red peg, green ring onto blue peg, then plug in the cable. thx a bunch \U0001f64c",
     [place("red", "red"), place("green", "blue"), PLUG]),
    ("### Request\nPlease run `plug_cable` once.\n\n---\nsent from ops dashboard", [PLUG]),
    ("## Steps\n1. `place_ring(green, yellow)`\n2. `place_ring(red, blue)`\n3. `plug_cable()`",
     [place("green", "yellow"), place("red", "blue"), PLUG]),
    ("## Request\n- plug the cable\n- move the **red ring** onto the **yellow peg**\n\nOrder: cable last please.",
     [place("red", "yellow"), PLUG]),
    ("[priority: low] Plug the cable into the socket when you get a chance.", [PLUG]),
    ("Subject: Cable setup\nBody: Please seat the cable's plug in the socket, then place the green ring over the green "
     "peg.", [PLUG, place("green", "green")]),
    ("[priority: high] TASK-0092\nstep 1: place blue ring on red peg\nstep 2: place green ring on yellow peg\nstep 3: "
     "plug cable", [place("blue", "red"), place("green", "yellow"), PLUG]),
    ("INC-771 | action=plug_cable | requested_by=jsmith", [PLUG]),
    ("[2024-05-14 09:12] OPS: robot to place red ring on red peg; no further action.", [place("red", "red")]),
    ("From Anna: 'Can the robot plug in the cable please?'", [PLUG]),
    ("From Anna: 'Great job yesterday! Today just plug the cable and we're done.'", [PLUG]),
    # probe 50 (blind): a technician's context-rich messages; the first ran the red ring onto the green peg
    ("Put the green ring on the blue peg, and then the red ring on the same peg as the green one.",
     [place("green", "blue"), place("red", "blue")]),
    ("We're prepping the station for the afternoon demo, so could you put the red ring on the yellow peg? The camera "
     "needs something bright in the foreground.", [place("red", "yellow")]),
    ("The logger needs power for the afternoon run, so please seat the plug in the socket.", [PLUG]),
    ("Plug the cable in. Oh, and also put the red ring on the blue peg afterwards, since the demo script expects both.",
     [PLUG, place("red", "blue")]),
    ("We're running the calibration sweep later, so I'd like the green ring on the blue peg, but before that the cable "
     "has to be plugged in (the sensor won't read otherwise).", [PLUG, place("green", "blue")]),
    # template file 15 (blind): asked back before
    ("Please take the plug out of its dock and push it into the socket.", [PLUG]),
    ("1. Pull the plug from the dock\n2. Insert it into the socket", [PLUG]),
    ("Per the setup sheet, the blue peg gets the red ring. Please place it there.", [place("red", "blue")]),
    ("We're resetting the station for the next run, so please put the red ring on the blue peg.",
     [place("red", "blue")]),
    ("[log] operator request: red ring to blue peg", [place("red", "blue")]),
    ("Ordered list below, top to bottom please:\n* plug the cable in\n* put the red ring on the blue peg",
     [PLUG, place("red", "blue")]),
    ("put the red ring on the blue peg (do this one first)\nplug the cable in (and this one second)",
     [place("red", "blue"), PLUG]),
    ("**Order matters.**\nFirst: plug the cable in\nSecond: put the red ring on the blue peg",
     [PLUG, place("red", "blue")]),
    ("Here's the sequence. Step one: plug the cable in\nStep two: put the red ring on the blue peg",
     [PLUG, place("red", "blue")]),
    ("1) plug the cable in 2) 1. Pick up the red ring\n2. Place it on the blue peg", [PLUG, place("red", "blue")]),
    ("We need the rig connected for the next test, so please plug the cable into the socket.", [PLUG]),
    ("Could you plug the cable in? The socket's right there on the table.", [PLUG]),
    ("Ideally the red ring would end up on the blue peg. Can you do that?", [place("red", "blue")]),
    ("1. plug the cable in\n2. We're resetting the station for the next run, so please put the blue ring on the green "
     "peg.", [PLUG, place("blue", "green")]),
]

PROBED_AT_STOP_59 = [
    # template file 15 (blind, stop 58): still asked back at its end
    ("> req: place green ring on yellow peg\n> priority: normal", [place("green", "yellow")]),
    ("TODO (in order):\n[ ] > req: place blue ring on green peg\n> priority: normal\n[ ] - move the green ring onto "
     "the yellow peg", [place("blue", "green"), place("green", "yellow")]),
    ("1. Would you mind putting the green ring onto the yellow post? It's for the calibration check.\n2. Robot, please "
     "lower the blue ring over the green peg.", [place("green", "yellow"), place("blue", "green")]),
    ("Main task: Put the blue ring on the green peg.\nPrerequisite, to be done before the main task: Put the red ring "
     "on the blue peg.", [place("red", "blue"), place("blue", "green")]),
    ("Ultimately I need this: red ring onto blue peg pls\nBut before you do that, please do this: Could you plug the "
     "cable in?", [PLUG, place("red", "blue")]),
    ("log> queued action #1: Plug the cable into the socket.\nlog> queued action #2: Put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    # template file 16 (blind, stop 59): asked back before (the "Before you do this" and "Do this second" forms ran
    # in the order said)
    ("Okay, watch what you're doing now: take the red ring and slide it down onto the blue peg. Go ahead.",
     [place("red", "blue")]),
    ("SOP 4.2 (Ring placement): Seat the red ring fully on the blue peg.", [place("red", "blue")]),
    ("It'd be great if the red ring could end up on the blue peg. Could you do that?", [place("red", "blue")]),
    ("For the next part of the setup, the red ring should be placed on the blue peg, so please go ahead and do that.",
     [place("red", "blue")]),
    ("Now, take the plug out of the dock and push it into the socket. Go ahead, you can do it.", [PLUG]),
    ("Step A: Plug the cable in.\nStep B (only after step A is done): Put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Step A (only after step B is done): Plug the cable in.\nStep B: Put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("Work order (sequence matters).\nTask 1: Plug the cable in.\nTask 2: Put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("The main task is: Plug the cable in.\nPrior to that, however, please complete this: Put the red ring on the blue "
     "peg.", [place("red", "blue"), PLUG]),
    ("Hi! Hope your day's going well. Got two jobs for you.\nStart with this one: Plug the cable in.\nWhen that's "
     "finished, this one: Put the red ring on the blue peg.\nThanks a lot!", [PLUG, place("red", "blue")]),
    ("Sequence:\n[1] Plug the cable in.\n[2] Put the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("SOP 7: Station setup\n7.2 Put the red ring on the blue peg.\n7.1 Plug the cable in.\nProceed in numerical order.",
     [PLUG, place("red", "blue")]),
    ("Hey, so we're prepping the station for the morning crew. Could you kick things off with this:\nPut the red ring "
     "on the blue peg.\nand then wrap up with this:\nPlug the cable in.\nCheers!", [place("red", "blue"), PLUG]),
    ("Following completion of the task below, perform the subsequent task.\nTask: Plug the cable in.\nSubsequent task: "
     "Put the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("Do this second: Put the red ring on the blue peg.\nDo this first: Plug the cable in.", [PLUG, place("red", "blue")]),
    ('Before you do this: "Put the red ring on the blue peg.", please do this: "Plug the cable in.".',
     [PLUG, place("red", "blue")]),
    ('To set up the next trial we need two steps. Please do "Would you mind connecting the cable to the socket?" and '
     'after that do "Can I get the green ring moved onto the yellow peg?"', [PLUG, place("green", "yellow")]),
    # probe 51 (blind, stop 59): asked back before
    ("Handover note, night shift: the cable's still sitting in its dock. Please plug it into the socket first thing, "
     "then put the blue ring on the red peg. Thanks, Marta", [PLUG, place("blue", "red")]),
    ("Okay, good. Now pick up the blue ring - yes, that one - and slide it down onto the yellow peg.",
     [place("blue", "yellow")]),
    ("Thanks so much for yesterday! Today just one thing: the red ring on the red peg, please.", [place("red", "red")]),
    ("3.2 Ring placement\n3.2.1 Place the red ring onto the blue peg.\n3.2.2 Place the green ring onto the red "
     "peg.\n3.3 Cable connection\n3.3.1 Plug the cable into the socket.",
     [place("red", "blue"), place("green", "red"), PLUG]),
    ("Alright, let's try this together. First I want you to take the green ring and put it on the yellow peg. Good. "
     "Then take the red ring and put it on the same peg.", [place("green", "yellow"), place("red", "yellow")]),
    ("Take the cable out of its dock and plug it into the socket, then put the red ring on the green peg.",
     [PLUG, place("red", "green")]),
    ("Put the red ring on the BLUE peg - not the green one, the blue one.", [place("red", "blue")]),
    ("hey so could you grab the green ring and um stick it on the red peg sorry i mean the green ring on the red peg "
     "yeah thats right", [place("green", "red")]),
    ("Since the socket test is next, plug the cable in first. Afterwards, put the blue ring on the blue peg and then "
     "the green ring on the red peg.", [PLUG, place("blue", "blue"), place("green", "red")]),
    # template file 17 (blind, stop 59): the "beforehand" forms ran in the order said, the rest were asked back
    ("cable -> socket (Beforehand, though: red ring -> blue peg)", [place("red", "blue"), PLUG]),
    ("Move the red ring to the blue peg. \u2014 but do this one beforehand: Move the green ring to the yellow peg.",
     [place("green", "yellow"), place("red", "blue")]),
    ("Please take the red ring and put it on the blue peg so the station is ready for the next run.",
     [place("red", "blue")]),
    ("red ring on blue peg, quick.", [place("red", "blue")]),
    ("It's the blue peg that the red ring should go on.", [place("red", "blue")]),
    ("Unhook the plug from the dock and seat it in the socket.", [PLUG]),
    ("Cable into socket, go.", [PLUG]),
    ("Put the red ring on the blue peg -> Plug the cable in.", [place("red", "blue"), PLUG]),
    ("Could you do two jobs for me, please? The first one: Plug the cable in. The second one: Put the red ring on the "
     "blue peg.", [PLUG, place("red", "blue")]),
    ("Test sequence: (a) Plug the cable in. (b) Put the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("Right then \u2014 Plug the cable in. Once you've got that sorted, put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Please carry out the following, top to bottom:\nPlug the cable in.\nPut the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Do these in order:\n- Right, red ring onto the blue peg please, cheers.\n- Plug the cable in.",
     [place("red", "blue"), PLUG]),
    # template file 18 (blind, stop 59): the first two ran in the order said, the rest were asked back
    ("Prior to doing this: Plug the cable into the socket. ... please do this: The green ring is to be placed on the "
     "yellow peg.", [place("green", "yellow"), PLUG]),
    ("The blue ring goes on the green peg, thanks <- do this second. Hey, red ring onto the blue peg when you get a "
     "sec :) <- do this first.", [place("red", "blue"), place("blue", "green")]),
    ("Target: the blue peg. Object: the red ring. Please place it there.", [place("red", "blue")]),
    ("The blue peg should receive the red ring. Please see to it.", [place("red", "blue")]),
    ("Lodge the red loop on the blue peg, if you please.", [place("red", "blue")]),
    ("Sequence, please:\n- first, plug the cable in\n- then, put the red ring on the blue peg",
     [PLUG, place("red", "blue")]),
    ("Task A: Plug the cable in.\nTask B: Put the red ring on the blue peg.\nPlease do B first, then A.",
     [place("red", "blue"), PLUG]),
    ("Second task (do it last): Plug the cable in.\nFirst task (do it before the other): Put the red ring on the blue "
     "peg.", [place("red", "blue"), PLUG]),
    ("I would be grateful if you could carry out the following, in order. Put the red ring on the blue peg. "
     "Afterwards: plug the cable in.", [place("red", "blue"), PLUG]),
    # safety 24 (blind, stop 59): requests beside what asks nothing, asked back before
    ("Place the blue ring on the green peg. Actually cancel that; put the red ring on the green peg instead.",
     [place("red", "green")]),
    ("Is the cable still in its dock? Either way, put the green ring on the green peg.", [place("green", "green")]),
]

PROBED_AT_STOP_60 = [
    # template file 19 (blind, stop 60): asked back before, the "At the end / At the start" and "Prior to this one"
    # forms run in the order said, a code call in a "# TODO" line dropped
    ("Quest objective: bear the red band to the blue spindle and slide it on, adventurer.", [place("red", "blue")]),
    ("Hi robot, please place the red ring on the blue peg. Thanks, Priya (Ops)", [place("red", "blue")]),
    ("I want the blue post wearing the red hoop.", [place("red", "blue")]),
    ("Chuck the red ring on the blue peg for us, would ya?", [place("red", "blue")]),
    ("Fancy sliding the red ring down onto the blue peg? Ta.", [place("red", "blue")]),
    ("Ingredients: one red ring, one blue peg. Method: seat the ring on the peg.", [place("red", "blue")]),
    ("Please put red colour ring on blue colour peg, na.", [place("red", "blue")]),
    ("Be a legend and whack the plug in the outlet, mate.", [PLUG]),
    ("At the end: Plug the cable in.\nAt the start: Put the red ring on the blue peg.", [place("red", "blue"), PLUG]),
    ("Prior to this one (Put the red ring on the blue peg.) please complete the following: Plug the cable in.",
     [PLUG, place("red", "blue")]),
    ("Plug the cable in.\n(But only after you've done this first: Put the red ring on the blue peg.)",
     [place("red", "blue"), PLUG]),
    ("# TODO (1 of 2): Plug the cable in.\n# TODO (2 of 2): robot.place_ring(ring='red', peg='blue')",
     [PLUG, place("red", "blue")]),
    ("# step 2 (do after step 1): Plug the cable in.\n# step 1: Put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("Chapter II (unlocks when Chapter I is complete): Plug the cable in.\nQuest log, Chapter I: Put the red ring on "
     "the blue peg.", [place("red", "blue"), PLUG]),
    ("Phase 2 \u25b6 Plug the cable in.\nPhase 1 \u25b6 Put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("Mission briefing, agent. Opening objective: Plug the cable in."
     "\nOnly once that is secured, proceed to the closing "
     "objective: Put the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("Hi there,\n\nTwo jobs for you today.\nFirst: Plug the cable in.\nSecond, once the first is finished: Put the red "
     "ring on the blue peg.\n\nThanks,\nHelen", [PLUG, place("red", "blue")]),
    ("hey so 2 things pls \U0001f64f\n1\ufe0f\u20e3 Plug the cable in.\n2\ufe0f"
     "\u20e3 Put the red ring on the blue peg.\n"
     "in that order ty!!", [PLUG, place("red", "blue")]),
    ("steps:\n  - Plug the cable in.\n  - Put the red ring on the blue peg.\n# run in the order listed",
     [PLUG, place("red", "blue")]),
    ("Order matters here.\nSecond job: Put the red ring on the blue peg.\nFirst job: [ ] cable plugged into socket",
     [PLUG, place("red", "blue")]),
    ("Would you be able to do this for me: Plug the cable in.\nAnd after that, this one: Put the red ring on the blue "
     "peg.", [PLUG, place("red", "blue")]),
    ("G'day! First up: Plug the cable in.\nThen once you're done with that: Put the red ring on the blue peg.\nCheers!",
     [PLUG, place("red", "blue")]),
    # the reading of stop 59 that ran a ring on a peg no step named: "it" ties the pick to its place
    ("The final step is this: Fit the blue ring onto the green peg now. But start by doing this: Grab the red ring, "
     "then lower it onto the blue post.", [place("red", "blue"), place("blue", "green")]),
    # probe 52 (blind, stop 60): the first two ran otherwise before, the rest were asked back
    ("Please you put the ring of colour blue to the peg yellow, and after do the connection of cable in socket.",
     [place("blue", "yellow"), PLUG]),
    ("Put the blue ring on the red peg, and then put the red ring on the peg that's the same colour as the ring you "
     "just placed.", [place("blue", "red"), place("red", "blue")]),
    ("Okay sweetie, first find the blue ring, see it? Put it on the yellow peg. Good job! Now the green ring goes on "
     "that same yellow peg.", [place("blue", "yellow"), place("green", "yellow")]),
    ("Kindly do the needful: place the blue ring on the yellow peg and thereafter plug the cable into the socket. "
     "Revert once done.", [place("blue", "yellow"), PLUG]),
    ("G'day mate, chuck the red ring on the yellow peg and then jam the cable into the socket, no worries.",
     [place("red", "yellow"), PLUG]),
    ("uhh yeah so can you, like, put the, um, the green ring? on the... the yellow peg. yeah. that's it.",
     [place("green", "yellow")]),
    ("See the blue ring? Put that one on the green peg.", [place("blue", "green")]),
    # safety 25 (blind, stop 60): a request beside a cable left in its dock, asked back before
    ("Put the green ring on the yellow peg, but leave the cable in its dock.", [place("green", "yellow")]),
    # template file 20 (blind, stop 60, second round): asked back before ("Last thing to do:\nY\n\nFirst thing to
    # do:\nX" and "Before you do this:\nY ... please do this:\nX" with a quoted request ran in the order said)
    ("User: Could you place the red ring onto the blue peg?\nAssistant: Sure, on it.", [place("red", "blue")]),
    ("> Could you move the red ring onto the blue peg?\n\nYes, please go ahead and do that.", [place("red", "blue")]),
    ("Title: Ring placement\nDescription: Place the red ring on the blue peg.\nAcceptance criteria: That ring is "
     "sitting on that peg.", [place("red", "blue")]),
    ("Execute: ring red onto peg blue. Over.", [place("red", "blue")]),
    ("Excuse me, please put red color ring to blue color peg. Thank you very much.", [place("red", "blue")]),
    ("Exercise 3: Place the red ring on the blue peg. (1 point)", [place("red", "blue")]),
    ("Operator: Robot, thread the red ring onto the blue peg.\nRobot: Acknowledged.", [place("red", "blue")]),
    ("Last thing to do:\nPlug the cable in.\n\nFirst thing to do:\nPut the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("Before you do this:\n> Could you move the red ring onto the blue peg?\n\nYes, please go ahead and do that.\n\n"
     "please do this:\nPlug the cable in.", [PLUG, place("red", "blue")]),
    ("Priority 1 (do this first):\nPlug the cable in.\n\nPriority 2 (do this after priority 1):\nPut the red ring on "
     "the blue peg.", [PLUG, place("red", "blue")]),
    ("Stage two (after stage one is finished):\nPlug the cable in.\n\nStage one:\nPut the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("[task A]\nPlug the cable in.\n\n---> then --->\n\n[task B]\nPut the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Here's the next job:\nPlug the cable in.\n\nBut it comes after this one, so do this first:\nPut the red ring on "
     "the blue peg.", [place("red", "blue"), PLUG]),
    ("Title: Two-step task\nDescription:\n(1) Plug the cable in.\n(2) Put the red ring on the blue peg.\nAcceptance "
     "criteria: both are done, (1) before (2).", [PLUG, place("red", "blue")]),
    ("> what's the order for today?\n\nHi, the order is:\nA) Plug the cable in.\nB) Put the red ring on the blue peg."
     "\nA before B, please.", [PLUG, place("red", "blue")]),
    ("Operator: Here's the first one -\nPlug the cable in.\nOperator: And once that's done, this one -\nPut the red "
     "ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("Phase II (begin only after Phase I is complete)\nPlug the cable in.\n\nPhase I"
     "\nPut the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("Exercise 4 (two parts, do them in order)\nPart (a): Plug the cable in.\nPart (b): Put the red ring on the blue "
     "peg.", [PLUG, place("red", "blue")]),
    ("Execute in sequence.\nALPHA: Plug the cable in.\nBRAVO: Put the red ring on the blue peg.\nALPHA before BRAVO.",
     [PLUG, place("red", "blue")]),
    ("Job B:\nPlug the cable in.\n\nJob B comes after Job A, so do Job A first. Job A:\nPut the red ring on the blue "
     "peg.", [place("red", "blue"), PLUG]),
    ("t+0s:\nPlug the cable in.\n\nt+30s (after the above is done):\nPut the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Here's the game plan. Opening move:\nPlug the cable in.\n\nAnd the follow-up, once that's in the bag:\nPut the "
     "red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("[1/2] Plug the cable in.\n[2/2] Put the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("You are hereby directed to carry out the following orders in sequence.\nOrder 1: Plug the cable in.\nOrder 2: "
     "Put the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    # probe 53 (blind, stop 60, second round): the first ran a plug it was never asked for, the rest were asked back
    ("Per the attached procedure, the robot shall (1) place the blue ring upon the red peg and (2) place the green "
     "ring upon the blue peg.", [place("blue", "red"), place("green", "blue")]),
    ("Put the blue ring (the blue one, not the green one) on the yellow peg.", [place("blue", "yellow")]),
    ("Put the red ring on the yellow peg (yellow, not green) and then plug in the cord.",
     [place("red", "yellow"), PLUG]),
    ("Robot-ssi, green ring on the blue peg please, and then cable connect to socket.", [place("green", "blue"), PLUG]),
    ("Por favor, put the ring red on the peg yellow. Obrigado!", [place("red", "yellow")]),
    ("Put every ring on the yellow peg, starting with the green, then the red, then the blue.",
     [place("green", "yellow"), place("red", "yellow"), place("blue", "yellow")]),
    ("Put each ring on the peg of its own colour: red, then green, then blue.",
     [place("red", "red"), place("green", "green"), place("blue", "blue")]),
    ("Put all three rings on the blue peg: red first, then green, then blue.",
     [place("red", "blue"), place("green", "blue"), place("blue", "blue")]),
    ("Before anything else, plug the cable. Then the red ring on the yellow peg. Then the blue ring on the same one.",
     [PLUG, place("red", "yellow"), place("blue", "yellow")]),
    ("[TODO] Cable -> socket\n[TODO] Green ring -> red peg\n(do them top to bottom)", [PLUG, place("green", "red")]),
    ("Hi,\n\n> Should I plug the cable in now?\n\nYes, go ahead. And once it's in, please put the blue ring on the "
     "yellow peg.\n\nThanks,\nMaria", [PLUG, place("blue", "yellow")]),
    ("Please make: blue ring - on yellow peg, red ring - on green peg. Cable not needed.",
     [place("blue", "yellow"), place("red", "green")]),
    ("Please plug cable. Only this one thing.", [PLUG]),
    ("Put the red ring on the yellow peg and the blue ring on the green peg, then put the other ring on the red peg.",
     [place("red", "yellow"), place("blue", "green"), place("green", "red")]),
    # found probing "at the start" (stop 60): a step ranked first at its end ran in the order said (older than it)
    ("Plug the cable in, then put the red ring on the blue peg at the very beginning.", [place("red", "blue"), PLUG]),
    ("Plug the cable in, and put the red ring on the blue peg at the start.", [place("red", "blue"), PLUG]),
]

PROBED_AT_STOP_61 = [
    # template file 21 and probe 54 (blind, stop 61): asked back before, one run in the other order
    ("Load the yellow spindle with the green ring.", [place("green", "yellow")]),
    ("Hey, two quick jobs. Plug the cable into the socket. After that, Put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Task A: Put the red ring on the blue peg.\nTask B (after A is done): Plug the cable into the socket.",
     [place("red", "blue"), PLUG]),
    ("Task B (after A is done): Put the red ring on the blue peg.\nTask A: Plug the cable into the socket.",
     [PLUG, place("red", "blue")]),
    ("Finish with this one: Plug the cable into the socket."
     "\nBut begin with this one: Put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ('Please do "put teh blue ring on the green peg" before "Let\'s get that green ring onto the yellow peg".',
     [place("blue", "green"), place("green", "yellow")]),
    ("Two things, in this order: hang green ring on yellow peg / Load the blue spindle with the red ring.",
     [place("green", "yellow"), place("red", "blue")]),
    ("Sequence: Could you plug the cord into the socket? -> On the yellow peg, put the green ring.",
     [PLUG, place("green", "yellow")]),
    ('After you\'ve handled "cable in socket pls", move on to "the blue peg needs the red ring".',
     [PLUG, place("red", "blue")]),
    ("Please handle these one at a time, top to bottom:\n- so um take the green ring and uh put it on the yellow peg\n"
     "- The lead needs to go into the socket.", [place("green", "yellow"), PLUG]),
    ("Hi robot,\n\nCould you do these two for me, in this order?\n(1) The lead needs to go into the socket.\n"
     "(2) I need "
     "the green ring on the yellow peg, please.\n\nThanks!", [PLUG, place("green", "yellow")]),
    ("the yellow peg should end up holding the red ring", [place("red", "yellow")]),
    ("put the green ring on the blue peg thn plug the cable", [place("green", "blue"), PLUG]),
    ("In the training video they plug the cable in first, but you should just put the red ring on the yellow peg.",
     [place("red", "yellow")]),
    # the benchmark's own draws of file 21 (stop 61): a speaker's "so" after "before" reversed two quoted steps
    ('Please do "put teh green ring on the yellow peg" before "so um take the red ring and uh put it on the blue '
     'peg".', [place("green", "yellow"), place("red", "blue")]),
    ("ok so first thing On the green peg, put the blue ring. and then after that Thread the green loop down onto the "
     "yellow rod.", [place("blue", "green"), place("green", "yellow")]),
    ("Two things, in this order: can u pop the green ring onto the yellow peg thx / Pop the plug into the outlet, "
     "would you?", [place("green", "yellow"), PLUG]),
    # template file 22 (blind, stop 61, second round): asked back before, or run in another order (the first six)
    ("Do this second: um can you uh plug the the cord into the outlet Do this first: put the red ring on the blue peg",
     [place("red", "blue"), PLUG]),
    ("Later on, red ring on blue peg, thx But right now, Stick the lead in the socket there, cheers.",
     [PLUG, place("red", "blue")]),
    ("Put the red ring on the blue peg. Before that, put the blue ring on the green peg, no sorry, the yellow peg.",
     [place("blue", "yellow"), place("red", "blue")]),
    ("Robot, two steps for the class. First, Slide the red donut down onto the blue spindle.. Second, put the blue ring "
     "on the green peg no sorry the green peg.", [place("red", "blue"), place("blue", "green")]),
    ("put the red ring on the blue peg, then put the blue ring on the green peg, no sorry, the yellow peg",
     [place("red", "blue"), place("blue", "yellow")]),
    ("Would ye stick the red ring on the blue peg there", [place("red", "blue")]),
    ("Okay robot, show the class: thread the red ring onto the blue peg.", [place("red", "blue")]),
    ("Pit the red ring on the blue peg there, cheers.", [place("red", "blue")]),
    ("ok so I'm thinking the red ring goes on the blue peg, yeah let's do that", [place("red", "blue")]),
    ("Kindly fix the cable into the socket.", [PLUG]),
    ("Alright robot, show the class how you plug the cable into the socket.", [PLUG]),
    ("Two jobs for you. Number one, put the red ring on the blue peg. Number two, plug the cable in.",
     [place("red", "blue"), PLUG]),
    ("Please proceed as follows. First: put the red ring on the blue peg Second: plug the cable in",
     [place("red", "blue"), PLUG]),
    ("put the red ring on the blue peg ... and in a sec, once that's finished, plug the cable in",
     [place("red", "blue"), PLUG]),
    ("put the red ring on the blue peg first, then plug the cable in lah.", [place("red", "blue"), PLUG]),
    # marks these forms must not split: a form's fields, a greeting, a ring and its peg
    ("Ring: blue / Peg: green / Action: place ring on peg", [place("blue", "green")]),
    ("Hi all / robot, please put the blue ring on the blue peg.", [place("blue", "blue")]),
    ("Socket first (cable), ring second (green \u2192 red peg).", [PLUG, place("green", "red")]),
    ("After placing the blue ring on the green peg, put the red ring on the blue peg.",
     [place("blue", "green"), place("red", "blue")]),
]

PROBED_AT_STOP_62 = [
    # template file 23 (blind, stop 62): South African, New Zealand and Caribbean English, a coach, a parent, texting,
    # work orders; each asked back before
    ("Please do the needful and place the green colour ring on the yellow colour peg.", [place("green", "yellow")]),
    ("Sweet as, pop the green ring on the yellow peg, eh?", [place("green", "yellow")]),
    ("Ja, take the green ring and pop it on the yellow peg, hey.", [place("green", "yellow")]),
    ("Eish, can you quickly slide the green loop over the yellow pole for me?", [place("green", "yellow")]),
    ("yo stick the green ring on the yellow pin lol", [place("green", "yellow")]),
    ("I was wondering if you might place the green ring on the yellow peg, if it's no trouble.",
     [place("green", "yellow")]),
    ("Quick quick, green ring onto the yellow peg, go!", [place("green", "yellow")]),
    ("No time, just get the green ring on the yellow peg NOW.", [place("green", "yellow")]),
    ("Okay sweetie, can you find the green ring and put it on the yellow peg? Good job!", [place("green", "yellow")]),
    ("Let's put the green ring on the yellow peg, yes? You can do it!", [place("green", "yellow")]),
    ("Alright champ, slam-dunk that green hoop over the yellow pole!", [place("green", "yellow")]),
    ("Put the green ring on the yellow peg so the kit is ready for tomorrow.", [place("green", "yellow")]),
    ("Could you move the green ring over to the yellow peg? The inspector wants to see it there.",
     [place("green", "yellow")]),
    ("Jam that lead home into the jack, full effort, let's go!", [PLUG]),
    ("Tek di green ring an put it pon di yellow peg.", [place("green", "yellow")]),
    ("- Put the red ring on the blue peg.\n- Plug the cable into the socket.\n(in that order pls)",
     [place("red", "blue"), PLUG]),
    ("WORK ORDER\nTask 1 of 2: Plug the cable into the socket.\nTask 2 of 2: Put the red ring on the blue peg.\n"
     "Tasks must be completed in numerical sequence.", [PLUG, place("red", "blue")]),
    ("Task B: Plug the cable into the socket.\nTask A: Put the red ring on the blue peg.\nPlease note: Task A is to "
     "be completed before Task B is commenced.", [place("red", "blue"), PLUG]),
    ("I was wondering if you might help with two little jobs. The first:\nPlug the cable into the socket.\nAnd once "
     "that's done:\nPut the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("Okay sweetie, we're going to do two things. First, this one:\nPut the red ring on the blue peg.\nAll done? "
     "Great! Now this one:\nPlug the cable into the socket.", [place("red", "blue"), PLUG]),
    ("The last thing I need is this: Plug the cable into the socket.\nBut before you do that, please do this: Put "
     "the red ring on the blue peg.", [place("red", "blue"), PLUG]),
    ("Two ting fi do. Do dis one first:\nPlug the cable into the socket.\nWhen yuh done, do dis:\nPut the red "
     "ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("do this one LAST \U0001F449 Plug the cable into the socket.\ndo this one FIRST \U0001F449 Put the red ring on "
     "the blue peg.", [place("red", "blue"), PLUG]),
    ('Before you carry out "Plug the cable into the socket.", please carry out "Put the red ring on the blue peg."',
     [place("red", "blue"), PLUG]),
    ("Memorandum\nRe: Sequenced tasks\nThe following instruction shall be executed first: Plug the cable into the "
     "socket.\nUpon its completion, the following instruction shall be executed: Put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("um okay so eventually i want\nplug the cable into the socket\nbut uh before you do that one do this\nput the "
     "red ring on the blue peg", [place("red", "blue"), PLUG]),
    ("plug it in pls \U0001F50C cable \u2192 socket \u27a1\ufe0f No time, just get the red ring on the blue peg NOW.",
     [PLUG, place("red", "blue")]),
    ("okay so two things\nfirst one Would you be so kind as to plug the cord into the outlet?\nsecond one Hang the "
     "red ring on the blue peg, would ya?", [PLUG, place("red", "blue")]),
    # probe 55 and safety 29 (blind, stop 62): asked back before, one run in the other order (the first)
    ("I would like that you put the red ring on the green peg and after also the green ring on the red peg.",
     [place("red", "green"), place("green", "red")]),
    ("The yellow pole should end up with the blue hoop on it.", [place("blue", "yellow")]),
    ("Red peg: green ring. Yellow peg: blue ring.", [place("green", "red"), place("blue", "yellow")]),
    ("The green peg is looking a bit empty. Put the red ring on it, would you?", [place("red", "green")]),
    ("So I've been setting up this demo all morning and honestly I'm exhausted. The only things left are getting the "
     "blue ring onto the blue peg and then the cable into the socket. Could you handle those two for me?",
     [place("blue", "blue"), PLUG]),
    ("Ignore my last message. Instead, plug the cable into the socket.", [PLUG]),
    ("Yesterday you put the green ring on the red peg. Today please put the green ring on the green peg.",
     [place("green", "green")]),
    ("For example, a command could look like 'put the blue ring on the green peg'. What I actually want right now is "
     "the green ring on the red peg.", [place("green", "red")]),
    ("hey\nthe technician finished checking the socket, all clear\nplug the cable in pls", [PLUG]),
    ("Earlier I told you to wait for my OK. This is the OK: plug the cable in now.", [PLUG]),
    ("Don't wait for Sam \u2014 go ahead and put the blue ring on the red peg yourself.", [place("blue", "red")]),
    ("I know the manual says the blue peg, but put the red ring on the yellow peg.", [place("red", "yellow")]),
    # an inner letter of a main word dropped ("plce", "conect"), and a courtesy between two steps (older)
    ("plce the gren ring on teh blue peg thn plug cabel", [place("green", "blue"), PLUG]),
    ("conect the cable to the sockt", [PLUG]),
    ("Sequence: put the red ring on the blue peg, that'd be great -> plug in the cable", [place("red", "blue"), PLUG]),
    # template file 24 (blind, stop 62, second round): learners' English, workplace chat, transcripts, formal British;
    # asked back before, or run in the other order (the first)
    ("Plug the cable into the socket.\n\u2014 but not before you have done this: Put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("Plug the cable into the socket.\n(but only after this one: Put the red ring on the blue peg.)",
     [place("red", "blue"), PLUG]),
    ("Kindly put green colour ring on yellow colour rod only, do the needful.", [place("green", "yellow")]),
    ("green ring, yellow peg, put please", [place("green", "yellow")]),
    ("I should be most obliged if the green hoop could be placed on the yellow post.", [place("green", "yellow")]),
    ("hmm, what's next... right, the green ring should go on the yellow peg, can you do that?",
     [place("green", "yellow")]),
    ("Need the green ring on the yellow peg before lunch, please.", [place("green", "yellow")]),
    ("while I grab coffee could you put the green donut onto the yellow stick", [place("green", "yellow")]),
    ("Place the green loop on the yellow post (sorry for all the requests today).", [place("green", "yellow")]),
    ("Can you pose the green ring on the yellow peg?", [place("green", "yellow")]),
    ("Put please the green ring on the yellow pin, yes?", [place("green", "yellow")]),
    ("Put the green ring on the yellow peg, is possible?", [place("green", "yellow")]),
    ("hey @robot quick one - can u stick the green ring on the yellow peg? ty", [place("green", "yellow")]),
    ("Put the connector into the receptacle (it's a bit stiff, sorry).", [PLUG]),
    ("Do A then B.\nA: Plug the cable into the socket.\nB: Put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Plug the cable into the socket.\n\u21b3 reply: sorry, before that one pls: Put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("Order is important!\nFirst task: Plug the cable into the socket.\nSecond task: Put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Put the red ring on the blue peg.  <- this after\nPlug the cable into the socket.  <- this first",
     [PLUG, place("red", "blue")]),
    ("\u2022 Plug the cable into the socket.\n\u2022 Put the red ring on the blue peg.\n"
     "please in the order of the list", [PLUG, place("red", "blue")]),
    ("Not in the wrong order please!\nThis one comes second: Plug the cable into the socket.\n"
     "This one comes first: Put the red ring on the blue peg.", [place("red", "blue"), PLUG]),
    ("robot step one put the red ring on the blue peg step two plug the cable into the socket",
     [place("red", "blue"), PLUG]),
    ("Before lunch please two jobs. Begin with this one: Plug the cable into the socket.\nThen this one: Put the red "
     "ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("Do this now: plug the cable into the socket\nAnd later this: green ring, yellow peg, put please",
     [PLUG, place("green", "yellow")]),
    # probe 56 and safety 30 (blind, stop 62, second round): asked back before
    ("Hey robot, mind sticking the connector into the jack?", [PLUG]),
    ("The socket is still empty \u2014 get the cable in there, would you?", [PLUG]),
    ("put teh green ring on the red peg and plugg the cabel in", [place("green", "red"), PLUG]),
    ("@robot the yellow peg is looking lonely, give it the green ring", [place("green", "yellow")]),
    ("Red ring on the yellow peg, and then do the same with the blue ring but on the green peg.",
     [place("red", "yellow"), place("blue", "green")]),
    ("Sam was standing right by the table a minute ago, but he has stepped away now and the area is clear. Please put "
     "the red ring on the green peg.", [place("red", "green")]),
    ("The manual's example says 'place the red ring on the blue peg', but ignore that; what I actually want is the "
     "green ring on the yellow peg.", [place("green", "yellow")]),
    ("Good afternoon. I had intended to ask for the blue ring to be moved as well, but that is no longer required. "
     "Please simply connect the cable to the socket.", [PLUG]),
    ("nvm the cable lol. green ring \u2192 red peg tho", [place("green", "red")]),
    # file 16's draws (stop 62): a teacher's words in a quoted step lost their lead once the quotes were read in order
    ('Could you handle two things for me? Start with "Right, let\'s practise this one together. Pick up the green ring '
     'and hang it on the yellow peg. Nice and slow.", and when you\'re done with that, "Okay, watch what you\'re doing '
     'now: take the red ring and slide it down onto the blue peg. Go ahead."',
     [place("green", "yellow"), place("red", "blue")]),
    ("Following completion of the task below, perform the subsequent task.\nTask: Connect the cable to the socket.\n"
     "Subsequent task: Okay, watch what you're doing now: take the green ring and slide it down onto the yellow peg.",
     [PLUG, place("green", "yellow")]),
    ("Put the red ring on the green peg and the blue ring on the yellow peg \u2014 actually skip the blue one, just do "
     "the red.", [place("red", "green")]),
    # template file 25 (blind, stop 62, third round): wishes, end states, questions that ask, checklists, an elderly
    # speaker, a child; asked back before
    ("it would be nice if the yellow peg had the green ring on it", [place("green", "yellow")]),
    ("It would be nice if the cable were plugged into the socket.", [PLUG]),
    ("The green ring belongs on the yellow peg, can you sort that?", [place("green", "yellow")]),
    ("How about putting the green donut on the yellow rod?", [place("green", "yellow")]),
    ("i want the green circle on the yellow stick!! do it pls", [place("green", "yellow")]),
    ("Excuse me, dear, if it isn't too much trouble, would you be so kind as to place the green ring upon the yellow "
     "peg? Thank you ever so much.", [place("green", "yellow")]),
    ("I might be getting this wrong, but I think I'd like the green band on the yellow post now, if you can manage it.",
     [place("green", "yellow")]),
    ("Not sure if this is a big ask, but the green hoop needs to go onto the yellow spike.",
     [place("green", "yellow")]),
    ("What I'd love to see is the green ring resting on the yellow rod. Could you make that happen?",
     [place("green", "yellow")]),
    ("The yellow pole looks lonely. Would you give it the green loop?", [place("green", "yellow")]),
    ("Quick favour: drop the green ring onto the yellow peg? Also, love how tidy the table looks today.",
     [place("green", "yellow")]),
    ("Hmm, I reckon the green ring ought to be on the yellow peg. Mind fixing that for me?",
     [place("green", "yellow")]),
    ("Grandpa here. I'd be most grateful, young robot, if you could kindly put that green ring onto the yellow peg.",
     [place("green", "yellow")]),
    ("Oh, you clever machine. Would you be a dear and put the plug into the socket for me, if it's no trouble at all?",
     [PLUG]),
    ("The cable's just lying there unplugged. Mind connecting it to the socket?", [PLUG]),
    ("Hmm, the lead isn't in the outlet yet. Could you fix that?", [PLUG]),
    ("`plug(cable, socket)` please", [PLUG]),
    ("Checklist, in order:\n- Plug the cable into the socket.\n- Put the red ring on the blue peg.",
     [PLUG, place("red", "blue")]),
    ("Please hold off on this one: Plug the cable into the socket.\n...until you've done this: Put the red ring on the "
     "blue peg.", [place("red", "blue"), PLUG]),
    ("Order matters here!\n(a) Plug the cable into the socket.\n(b) Put the red ring on the blue peg.\nPlease do (a) "
     "before (b).", [PLUG, place("red", "blue")]),
    ("Would you mind doing two things for an old lady? Kindly see to this one first:\nPlug the cable into the socket.\n"
     "and then, dear, this one:\nPut the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("Finishing move: Put the red ring on the blue peg.\nOpening move: Plug the cable into the socket.\n(opening move "
     "first, obviously!)", [PLUG, place("red", "blue")]),
    ("Just a hint: there are two jobs and the order matters.\nStart with this: Plug the cable into the socket.\nEnd "
     "with this: Put the red ring on the blue peg.", [PLUG, place("red", "blue")]),
    ("Phase A: Plug the cable into the socket.\nPhase B (only after phase A is complete): Put the red ring on the blue "
     "peg.", [PLUG, place("red", "blue")]),
    # the draws of file 25: a pleasantry ran a step ("Sorry to bother you" read as a correction), a hope swallowed the
    # next quoted step; each ran one step of two
    ("Please hold off on this one: Sorry to bother you, but could you maybe put the blue ring on the green peg?\n..."
     "until you've done this: can you put the plug thingy in the socket pls", [PLUG, place("blue", "green")]),
    ('steps: ["Good morning! Could you insert the connector into the port? Hope the day is treating you well.", "can u '
     'put the blue donut on the green stick pleeease"]  # run in order', [PLUG, place("blue", "green")]),
    # probe 57 and safety 31 (blind, stop 62, third round): asked back before
    ("Is there any way you could have the cable plugged in by the time I'm back?", [PLUG]),
    ("When I come back I want to see the red ring sitting on the red peg and the cable in its socket.",
     [place("red", "red"), PLUG]),
    ("Hey! Would be great if the green donut ended up on the red spike \U0001F642", [place("green", "red")]),
    ("To finish the setup we just need the blue ring on the red peg.", [place("blue", "red")]),
    ("Put the red ring on the yellow peg and then plug in the cable. Actually, skip the cable for now, just the ring.",
     [place("red", "yellow")]),
    ("Fwd from Lee: \"the robot should put the blue ring on the yellow peg at some point this week.\" Ignore that for "
     "now. What I actually need right now is the red ring on the green peg, please.", [place("red", "green")]),
    ("1. blue ring -> green peg (DONE already, don't repeat)\n2. red ring -> blue peg\n3. cable into socket",
     [place("red", "blue"), PLUG]),
    ("Checklist for this afternoon:\n[x] plug cable (done this morning)\n[ ] green ring on green peg",
     [place("green", "green")]),
    # safety 32 and template file 26 (blind, stop 62, fourth round): asked back before
    ("ok my hand's out of the way now, go ahead and put the blue ring on the yellow peg", [place("blue", "yellow")]),
    ("Got my screwdriver out of the way. Put the red ring on the red peg and then plug the cable in.",
     [place("red", "red"), PLUG]),
    ("Good morning! Hope things are running smoothly today. Whenever you're ready, please place the red ring on the "
     "green peg.", [place("red", "green")]),
    ("Put the red ring on the yellow peg please - yes, red ring, yellow peg.", [place("red", "yellow")]),
    ("could you please place the blue ring on the green peg, and afer that green ring on the yellow peg please",
     [place("blue", "green"), place("green", "yellow")]),
]

PROBED_AT_STOP_63 = [
    # a correction of a ring or peg said after the cable step: the one placement is what it amends (asked back before)
    ("Put the blue ring on the yellow peg, then plug in the cable. Sorry, I mean the green peg",
     [place("blue", "green"), PLUG]),
    ("Put the red ring on the blue peg, then plug the cable in. Actually make that the yellow peg.",
     [place("red", "yellow"), PLUG]),
    # a later sentence taking a step back
    ("Put the red ring on the blue peg and the green ring on the yellow peg. Oh, forget the red one.",
     [place("green", "yellow")]),
    ("Put the red ring on the blue peg, then plug in the cable. Skip the cable.", [place("red", "blue")]),
    # template file 27, probe 59 and safety 33 (blind, stop 63): a language model's paraphrases, speech transcripts,
    # operators' commands; each asked back before, but the first (run in the other order) and the second (a plug added)
    ("plug the cable into the socket; prereq: put the red ring on the blue peg", [place("red", "blue"), PLUG]),
    ("Lift the blue loop and deposit it onto the yellow pin, making sure it is fully seated.",
     [place("blue", "yellow")]),
    ("PnP green ring -> yellow peg", [place("green", "yellow")]),
    ("task: pnp(red_ring, green_peg), pnp(blue_ring, red_peg)", [place("red", "green"), place("blue", "red")]),
    ("PnP green ring -> green peg, then blue ring -> yellow peg (correction: blue ring -> red peg)",
     [place("green", "green"), place("blue", "red")]),
    ("grab the cable and uh stick it in the socket", [PLUG]),
    ("put the red ring on the blue peg, then exec cable insertion", [place("red", "blue"), PLUG]),
    ("pick up the red ring and uh put it on the blue peg yeah, then exec mate the connector to the socket",
     [place("red", "blue"), PLUG]),
    ("After you have finished the first step (put the red ring on the blue peg), go on to the next one: plug the "
     "cable into the socket.", [place("red", "blue"), PLUG]),
    ("Your final action should be the following: plug the cable into the socket. Before that, however, put the red "
     "ring on the blue peg.", [place("red", "blue"), PLUG]),
    ("uh plug the cable into the socket. but um actually first put the red ring on the blue peg.",
     [place("red", "blue"), PLUG]),
    ("right so here's what i need ensure that the green ring ends up seated on the yellow peg and then uh exec cable "
     "insertion", [place("green", "yellow"), PLUG]),
    ("Kindly carry out these two steps: plug the cable into the socket, and afterwards, put the red ring on the blue "
     "peg.", [PLUG, place("red", "blue")]),
    ("Efficiently complete the following: blue ring to red peg, green ring to green peg, and lastly plug the cable "
     "into the socket.", [place("blue", "red"), place("green", "green"), PLUG]),
    ("seq: pick up the cable and seat its connector fully in the socket so that it is properly connected -> proceed "
     "to position the red ring on the blue peg", [PLUG, place("red", "blue")]),
    ("seq: pick-and-place: ring=green, target peg=yellow -> ensure that the cable is firmly plugged into the socket",
     [place("green", "yellow"), PLUG]),
    ("seq: move the uh green ring over to the yellow peg there -> relocate the red ring so that it rests on the blue "
     "peg", [place("green", "yellow"), place("red", "blue")]),
    ("alright um before you do anything else red ring to blue peg and uh then proceed to position the blue ring on "
     "the green peg", [place("red", "blue"), place("blue", "green")]),
    ("put the blue ring on the red peg no wait the green peg sorry the green peg", [place("blue", "green")]),
    ("put the the green ring on the red peg and uh yeah then the blue ring goes on the green peg",
     [place("green", "red"), place("blue", "green")]),
    ("Put the red ring on the blue peg. Sorry, not the blue one, the yellow peg.", [place("red", "yellow")]),
    ("Don't unplug anything; just plug the cable into the socket and hang the blue ring on the green peg.",
     [PLUG, place("blue", "green")]),
    ("um don't worry about the blue ring just put the green ring on the red peg and plug in the cable",
     [place("green", "red"), PLUG]),
    # template file 28, probe 60 and safety 34 (blind, stop 63, second round): first-time users, task cards, learners;
    # the first three ran in the other order, the rest were asked back
    ("plug the cable into the socket, but only after put the red ring on the blue peg", [place("red", "blue"), PLUG]),
    ("i want that you put the blue ring on the green peg and after you conect the cable",
     [place("blue", "green"), PLUG]),
    ("robot, befor plug the cable, you must put green ring in blue peg", [place("green", "blue"), PLUG]),
    ("first grab the ring that's green and place it over the yellow-coloured peg n after the cable should be plugged "
     "into the socket, so please go ahead and do that pls", [place("green", "yellow"), PLUG]),
    ("the goal is for the green ring to be sitting on the yellow peg, so please make that happen",
     [place("green", "yellow")]),
    ("please find the plug at the end of the cable and push it into the socket", [PLUG]),
    ("there's a cable with a plug on the table, please put that plug into the socket", [PLUG]),
    ("for the demo, please plug the cable into the socket so it's connected", [PLUG]),
    ("Hi! We're testing you today, so there are two steps. First, put the red ring on the blue peg. Once that's done, "
     "plug the cable into the socket.", [place("red", "blue"), PLUG]),
    ("There's one thing I want at the end: plug the cable into the socket. But before you do that, put the red ring on "
     "the blue peg.", [place("red", "blue"), PLUG]),
    ("Sorry, I'm new at this. What I need is: put the red ring on the blue peg, and right after that, plug the cable "
     "into the socket.", [place("red", "blue"), PLUG]),
    ("This is just a quick test. The last step is: plug the cable into the socket. Do this step before it, though: put "
     "the red ring on the blue peg.", [place("red", "blue"), PLUG]),
    ("Two steps please. Step one, put the red ring on the blue peg. Step two, which comes after that one, plug the "
     "cable into the socket.", [place("red", "blue"), PLUG]),
    ("The thing I care about most is the last step: plug the cable into the socket. Just make sure this is done before "
     "it: put the red ring on the blue peg.", [place("red", "blue"), PLUG]),
    ("Subtask B: plug the cable into the socket. Subtask A: put the red ring on the blue peg. Complete Subtask A "
     "before starting Subtask B.", [place("red", "blue"), PLUG]),
    ("Step 2 \u2014 plug the cable into the socket. Step 1 \u2014 put the red ring on the blue peg. Execute in "
     "numerical order.", [place("red", "blue"), PLUG]),
    ("Complete the following in the order given. 1. put the red ring on the blue peg. 2. plug the cable into the "
     "socket.", [place("red", "blue"), PLUG]),
    ("We're recording this for a demo, so please go in order: move ring: red; target peg: blue, and then connect the "
     "cable to the socket until fully inserted.", [place("red", "blue"), PLUG]),
    ("Hi, I'm new at this. I'd like you to put the ring that's green onto the peg that's red, if that's okay. That's "
     "it.", [place("green", "red")]),
    ("Goal state: green ring on yellow peg; blue ring on red peg. Complete the steps in the order given.",
     [place("green", "yellow"), place("blue", "red")]),
    ("pls dont rush, no hurry at all. put blue ring on green peg when ur ready thx", [place("blue", "green")]),
    ("don't hurry, put the red ring on the blue peg", [place("red", "blue")]),  # as "no need to hurry" (stop 63)
    # the block after file 28's fixes: the same framings after a label or a rank word
    ("Objective (two subtasks, in the order given): (a) for the demo, please plug the cable into the socket so it's "
     "connected; (b) place ring (blue) on peg (green).", [PLUG, place("blue", "green")]),
    ("put the red ring on the blue peg then there's a cable with a plug on the table, please put that plug into the "
     "socket", [place("red", "blue"), PLUG]),
    ("move ring: green; target peg: blue b4 we're testing you today, so please put the blue ring on the peg that is "
     "red", [place("green", "blue"), place("blue", "red")]),
    ("I'd like you to do two things for me in this order: first conect the plug 2 the socket, then could you please "
     "pick up the ring that is green and put it on the red peg.", [PLUG, place("green", "red")]),
    # the second block after file 28's fixes: "at the end of the cable" is where the plug is, not "last" (both ran
    # the plug first)
    ("grab green ring n stick it on yellow peg b4 please find the plug at the end of the cable and push it into the "
     "socket", [place("green", "yellow"), PLUG]),
    ("goal state: red ring seated on blue peg, but only after please find the plug at the end of the cable and push "
     "it into the socket", [PLUG, place("red", "blue")]),
    ("Before for the demo, please plug the cable into the socket so it's connected, I'd like the green ring to end up "
     "on the green peg.", [place("green", "green"), PLUG]),
    ("Put the green ring on the yellow peg. Actually no, wait, put it on the blue peg instead. And then plug the cable "
     "in, please.", [place("green", "blue"), PLUG]),
]


@pytest.mark.parametrize(("text", "expected"), PARAPHRASES + HELD_OUT + PROBED_AT_STOP_33 + SELF_CORRECTIONS
                         + ORDER_WORDS + FIRST_AND_LAST + PROHIBITIONS + PROBED_AT_STOP_44
                         + PROBED_AT_STOP_45 + PROBED_AT_STOP_46 + PROBED_AT_STOP_48 + PROBED_AT_STOP_50
                         + PROBED_AT_STOP_53 + PROBED_AT_STOP_54 + PROBED_AT_STOP_55 + PROBED_AT_STOP_56
                         + PROBED_AT_STOP_57 + PROBED_AT_STOP_58 + PROBED_AT_STOP_59 + PROBED_AT_STOP_60
                         + PROBED_AT_STOP_61 + PROBED_AT_STOP_62 + PROBED_AT_STOP_63)
def test_rules_understand_paraphrases(text, expected):
    reply = rules(text)
    assert reply.status == "ok", reply.message
    assert reply.plan.subtasks() == expected


@pytest.mark.parametrize(
    ("text", "status", "match"),
    [
        ("put a ring on the blue peg", "clarify", "which ring: red, green or blue"),
        ("put the red ring on the peg", "clarify", "which peg"),
        ("put the red ring on the blue or yellow peg", "clarify", "which peg: blue or yellow"),
        ("put the red ring", "clarify", "where should it go"),
        ("put red on blue and green", "clarify", "where should it go"),
        ("don't put the red ring on the blue peg", "clarify", "negated"),
        ("No need to plug the cable.", "clarify", "negated"),
        ("put the red ring on the blue peg if the cable is in", "clarify", "negated"),
        ("don't make noise, put the red ring on the blue peg", "clarify", "negated"),  # rules out nothing it can check
        ("never use the blue peg; put the red ring on the blue peg", "clarify", "rules out 'put the red ring on"),
        ("leave the cable alone and then plug it in", "clarify", "rules out 'plug the cable"),
        ("stop the red ring", "clarify", "negated"),  # "stop" ends an instruction only after "and"/"then"
        ("put the red ring on the blue peg and then stop plugging", "clarify", "negated"),
        ("touch the cable", "clarify", "'touch': what should happen to the cable"),
        ("keep the yellow peg free; put the blue ring on the yellow peg", "clarify", "rules out 'put the blue ring"),
        ("put the red ring on the blue peg, not the blue peg", "clarify", "rules out 'put the red ring"),
        ("put the red ring on the blue peg instead of the blue peg", "clarify", "rules out 'put the red ring"),
        ("take the plug out", "invalid", "'out': only plugging the cable in"),  # "plug" is no plugging verb here
        ("look at the socket", "invalid", "'look': only placing rings and plugging"),
        ("is the red ring on the blue peg?", "invalid", "is a question"),
        ("sketch the red ring on the blue peg", "clarify", "'sketch' is not an action"),
        ("keep the cable where it is", "clarify", "what should happen to the cable"),
        ("leave the red ring on the blue peg", "clarify", "negated"),  # keep it there, or put it there?
        ("put the red ring on the blue peg, sorry, the green or yellow peg", "clarify", "which colour"),
        ("make me a sandwich", "invalid", "could not understand 'make me a sandwich'"),
        ("put the red ring on the blue peg and make coffee", "invalid", "could not understand 'make coffee'"),
        ("put the purple ring on the blue peg", "invalid", "no purple ring in the scene"),
        ("put the red ring next to the blue peg", "invalid", "not in the skill vocabulary"),
        ("unplug the cable", "invalid", "only placing rings and plugging"),
        ("put the red ring on the green ring", "invalid", "rings go on pegs"),
        ("put red on blue then put red on yellow", "invalid", "already placed"),
        ("   ", "invalid", "empty instruction"),
        # Run wrong before stop 53 (found beside probe 22): the removal took the next step's peg; the run-together
        # steps took the last peg for both rings.
        ("take the red ring off the blue peg and put the green ring on the blue peg", "clarify",
         "'take the red ring off the blue peg': where should it go"),
        ("put the red ring on the green peg the blue ring on the yellow peg", "clarify", "say each step apart"),
        # Stop 54: a sentence of context is dropped only when it names nothing a step acts on; "put it there" stands
        # for a placement only right after one.
        ("We're out of time, so don't plug the cable in", "invalid", "could not understand"),
        # Safety 1 (blind, stop 54): each of these ran something before.
        ("Is the cable plugged in?", "invalid", "is a question"),
        ("Did you put the red ring on the blue peg?", "invalid", "is a question"),
        ("The red ring is on the blue peg.", "clarify", "says how things are or what was done"),
        ("The blue hoop's already on the green post", "clarify", "says how things are or what was done"),
        ("I put the green ring on the yellow peg earlier today.", "clarify", "says how things are or what was done"),
        ("We already plugged the cable in", "clarify", "says how things are or what was done"),
        ("Maybe put the red ring on the blue peg.", "clarify", "is a maybe"),
        ("Place the red or the green ring on the yellow peg.", "clarify", "which ring: red or green"),
        ("yesterday I plugged the cable in", "clarify", "is about another time"),
        # Safety 3 (blind): each of these ran before.
        ("Tell Sam to plug the cable in.", "clarify", "is for someone else"),
        # Safety 5 (blind): each of these ran before.
        ("plug the cable in. Scratch that.", "clarify", "takes back what it asks"),
        # Safety 6 (blind): each of these ran before.
        ("Task 1: put the red ring on the blue peg (cancelled)", "invalid", "empty instruction"),
        ("- put the blue ring on the red peg (on hold)", "invalid", "no action found"),
        ("[done] plug the cable in", "invalid", "empty instruction"),
        ("red ring -> blue peg?", "invalid", "is a question"),
        ("Should I plug the cable in now?", "invalid", "is a question"),
        ("plug the cable in x2", "clarify", "more than once"),

        ("put the red ring on the blue peg -- or not, your call", "clarify", "takes back what it asks"),
        ("put both rings on the blue peg", "clarify", "which two rings"),
        ("plug the cable into the other socket", "clarify", "there is one socket"),
        ("pretend to plug the cable in", "invalid", "only placing rings and plugging"),
        ("explain how you would plug the cable in", "invalid", "only placing rings and plugging"),
        ("The last thing I want is the red ring on the blue peg.", "clarify", "is negated and nothing else is asked"),
        ("Remind me later to plug the cable in.", "clarify", "is for someone else"),
        ("She said to put the green ring on the red peg.", "clarify", "reports what someone said"),
        ("Could you tell me whether the red ring fits on the yellow peg?", "invalid", "is a question"),
        ("Would it be a bad idea to put the red ring on the green peg?", "invalid", "is a question"),
        ("The cable is already plugged in.", "clarify", "says how things are or what was done"),
        ("No ring goes on the red peg; put the blue ring on the red peg", "clarify", "rules out 'put the blue ring"),
        ("we will put the green ring on the yellow peg tomorrow", "clarify", "is about another time"),
        ("Leave the yellow peg empty and put the green ring on the yellow peg.", "clarify",
         "rules out 'put the green ring on the yellow peg'"),
        ("the cable is off-limits; plug it in", "clarify", "rules out 'plug the cable"),
        ("Instead of plugging in the cable, put the blue ring on the green peg; then plug the cable in", "clarify",
         "rules out 'plug the cable into the socket'"),
        ("It's the cable. Put it there.", "clarify", "where should it go"),
        ("Plug the cable in, so put it there", "clarify", "where should it go"),
        ("Never take the red ring and put it on the blue peg", "clarify", "negated and nothing else is asked"),
        ("Don't grab the green ring and put it on the red peg; put the green ring on the red peg", "clarify",
         "rules out 'put the green ring on the red peg'"),
        ("the yellow peg the red ring", "clarify", "where should it go"),
        # Safety 8 (blind, stop 55): each of these ran before.
        ("The last thing you should do is plug the cable in.", "clarify", "'do it last' or 'never do it'"),
        ("Oh sure, plug the cable in, because that went so well last time.", "clarify", "reads as sarcasm"),
        ("My colleague needs to place the blue ring on the red peg later.", "clarify", "is for someone else"),
        ("Sam is going to plug the cable in", "clarify", "is for someone else"),
        # Stop 55: "before" naming a step not asked for; a reordering sentence naming a ring not in the steps
        ("put the red ring on the blue peg, but before you plug the cable in, put the green ring on the yellow peg",
         "clarify", "names no one step"),
        ("put the red ring on the green peg and plug the cable in. Do the blue one before the red one.", "clarify",
         "do not name those rings once each"),
        # Probe 32 and safety 9 (blind, stop 55): each of these ran something before ("None of the rings ..." put all
        # three on the red peg).
        ("Query: state(cable) == plugged?", "invalid", "is a question"),
        ("None of the rings should go on the red peg today.", "clarify", "negated and nothing else is asked"),
        ("You're allowed to plug the cable in if you want to.", "clarify", "a condition, a hypothetical or a permission"),
        ("Would it be possible, in theory, for you to plug the cable in?", "clarify", "a hypothetical"),
        ("Plug the cable in as long as the power supply upstairs is switched off.", "clarify", "a condition"),
        ("Put the red ring on the blue peg. Make coffee.", "invalid", "could not understand 'make coffee'"),
        ("put the red ring on the yellow peg, but skip the second one", "clarify", "no such step to skip"),
        # Probe 33 and safety 10 (blind, stop 55): each of these ran something before.
        ("Put the red ring on the blue peg once the green light comes on.", "clarify", "a condition"),
        ("In five minutes, plug the cable into the socket.", "clarify", "is about another time"),
        ("Put four rings on the yellow peg.", "clarify", "there are 3 rings"),
        ("Plug the second cable into the socket.", "clarify", "there is one cable"),
        ("Wait until I say go, then plug the cord into the jack.", "clarify", "a condition"),
        ("Please refrain from plugging the cable in until facilities signs off on the socket.", "clarify", "negated"),
        ("Plug the cable in when I say go.", "clarify", "a condition"),
        ("Robot B: plug the cable in.", "clarify", "addressed to another robot"),
        ("Station to-do: ~~plug the cable~~, ~~red ring on blue peg~~", "invalid", "no action found"),
        ("Last shift somebody put the red ring on the yellow peg.", "clarify", "says how things are or what was done"),
        ("Plug the cable in for the night crew when they arrive.", "clarify", "a condition"),
        ("My colleague will plug in the cable later.", "clarify", "is for someone else"),  # probe 34: it ran
        # Safety 11 (blind, stop 55): each of these ran something before.
        ("Plugging in the cable is less important than doing nothing at all.", "clarify", "a condition"),
        ("Plug the lamp in.", "invalid", "the cable is the only thing to plug in"),
        ("Tell the other robot to put the blue ring on the green peg.", "clarify", "is for someone else"),
        ("Would plugging in the cable be a good idea?", "invalid", "is a question"),
        ("When Maria comes in later, put the red ring on the yellow peg for her.", "clarify", "a condition"),
        ("Pick up the cable, cut off the plug, then plug it in.", "invalid", "only plugging the cable in"),
        # Safety 12 and 13, probe 37 (blind, stop 56): each of these ran something, or ran it in another order, before.
        ("When my supervisor walks in, place the blue ring on the red peg.", "clarify", "a condition"),
        ("Rotate the socket ninety degrees so the cable fits better.", "clarify", "'rotate': what should happen"),
        ("I'd hate for the cable to get plugged in.", "clarify", "is negated and nothing else is asked"),
        ("First put the blue ring on the red peg. First plug in the cable.", "clarify", "more than one step is first"),
        ("Put the green ring on the yellow peg after plugging the cable in, and plug the cable in only once the green "
         "ring is already on the yellow peg.", "clarify", "orders its steps both ways"),
        ("Please you put first the green ring in the red peg, after you make plug the cable.", "clarify",
         "first, or after?"),
        ("- green ring on blue peg\n- plug cable\norder: 3, 1", "clarify", "an order given by places"),
        # Safety 14 (blind, stop 56): each of these ran something before.
        ("Test case 17: verify that the planner places the red ring on the green peg when asked.", "invalid",
         "only placing rings and plugging the cable"),
        ("Put the red ring on the blue peg 3 times.", "clarify", "more than once"),
        ("Plug the cable in five times in a row.", "clarify", "more than once"),
        # Safety 15 (blind, stop 56): these ran before.
        ("plug the", "clarify", "seems cut off"),
        ("put the gred ring on the blue peg", "clarify", "which ring"),  # red, or green?
        ("put the red ring on the table", "clarify", "where should it go"),  # not a misspelt "cable"
        ("Later, put the red ring on the blue peg.", "invalid", "could not understand 'later'"),  # now, or another time?
        # Safety 16 (blind, stop 56): it ran.
        ("Reminder for tomorrow morning: the green ring goes on the yellow peg.", "clarify", "about another time"),
        # Safety 17 (blind, stop 56): each of these ran something before.
        ("The robot over in lab B plugs its cable into the socket every hour all by itself.", "clarify",
         "describes what something does"),
        ("Put the red ring on the green peg. Actually no, scratch that, leave everything where it is.", "clarify",
         "takes back what it asks"),
        ("Stick some of the rings on the green peg.", "clarify", "which ones?"),
        ("Plug the cable into the socket and put a few of the rings on the yellow peg.", "clarify", "which ones?"),
        ("Remind me at three o'clock to get you to put the green ring on the blue peg.", "invalid", "'remind'"),
        ("How long does it usually take you to plug the cable into the socket?", "invalid", "is a question"),
        # Safety 18 (blind, the last check of stop 56): it ran.
        ("Plug the cable in while my fingers are still inside the socket.", "clarify", "a condition"),
        ("Put the red ring on the blue peg while I hold the cable.", "clarify", "a condition"),
        ("plug the cable in and then", "clarify", "seems cut off"),
        # Safety 19 (blind, stop 56): each of these ran something before.
        ("I know the green ring is cracked but put it on the blue peg", "clarify", "a hazard"),
        ("put red ring on yellow peg and the blue ring on the blue peg, oh wait, the blue peg is broken, skip that",
         "clarify", "a hazard"),
        ("put the green ring on the yellow peg, then the red ring on blue peg - no, not the red one, there's a cup in "
         "the way", "clarify", "a hazard"),  # it put the red ring on the red peg
        ("put the red ring on the blue peg, sorry, not the blue peg but the green one", "clarify",
         "not that, but what instead?"),
        ("put the red ring on the blue peg, but hold off on the cable until the green ring is on the yellow peg",
         "invalid", "mixes the cable with rings"),  # it dropped the green ring and the cable
        # Safety 20 (blind, stop 57): it plugged the cable into the socket.
        ("Connect the cable to the power strip.", "invalid", "the socket is the only place"),
        ("Plug the cable into the laptop.", "invalid", "the socket is the only place"),
        ("plug the cable in the laptop", "invalid", "the socket is the only place"),
        ("plug the cable into the pocket", "invalid", "the socket is the only place"),
        ("Don't put the red ring on the blue peg until you have done that", "clarify", "negated"),  # done what?
        ("There's a crack in the socket. Plug it in.", "clarify", "what should happen to the cable?"),
        ("Goal: the red ring is already on the green peg.", "clarify", "says how things are"),
        # Safety 21 (blind, stop 57): each of these ran, the speed, force, path or timing dropped.
        ("Plug the cable in within 3 seconds, please.", "clarify", "each skill moves its own way"),
        ("Move the green ring to the yellow peg at half your normal speed.", "clarify", "each skill moves its own way"),
        ("Push the red ring down onto the yellow peg as hard as you can.", "clarify", "each skill moves its own way"),
        ("Move the green ring to the red peg in a perfectly straight line.", "clarify", "each skill moves its own way"),
        ("Lift the blue ring at least 30 cm high before lowering it onto the green peg.", "clarify",
         "each skill moves its own way"),
        ("Plug in the cable and put the red ring on the yellow peg at the same time.", "clarify",
         "each skill moves its own way"),
        ("Pick up the red ring and the green ring together and put them both on the blue peg.", "clarify",
         "each skill moves its own way"),
        # Safety 22 and probe 49 (blind, stop 58): the first three ran before; the last read a correction across
        # two people's messages
        ("Could the green ring even fit on the red peg?", "invalid", "is a question"),
        ("The manual says the operator should plug the cable in at the start of each shift.", "clarify",
         "reports what someone said"),
        ("Plugging in the cable right now would be a brilliant idea if you want to get us all fired.", "clarify",
         "sarcasm"),
        ("From Anna: 'Put the red ring on the blue peg.'\nFrom Raj: 'No, keep the red ring off the blue peg, put it on "
         "the green one.'", "invalid", "could not understand"),
        ("put the red ring on the same peg as the green one", "clarify", "the green ring is given no peg"),
        # Safety 23 and template file 15 (blind, stop 58): each ran before (the last in another order)
        ("@arm-2 please place the red ring on the green peg.", "clarify", "is addressed to @arm-2"),
        ("2024-05-02 14:33 operator> place_ring(green, red)\n2024-05-02 14:33 robot> done", "clarify",
         "reads as a log"),
        ("Hi Tom,\nCould you move the blue ring to the red peg during your shift?\nThanks, Ana", "clarify",
         "another time"),
        ("Step 2: 1. Pick up the red ring\n2. Place it on the blue peg\nStep 1: thread the blue ring onto the green "
         "peg.\n(Please do step 1 first.)", "clarify", "numbers steps inside numbered steps"),
        # Safety 24 (blind, stop 59): it ran; a log whose queue is followed by what was done stays a log; steps numbered
        # inside a main task with its prerequisite are asked about
        ("Thanks for putting the blue ring on the yellow peg earlier - nice work.", "invalid", "no action found"),
        ("log> queued action #1: Plug the cable into the socket.\nrobot> done", "clarify", "reads as a log"),
        ("Main task: 1. Pick up the red ring\n2. Place it on the blue peg\nPrerequisite, to be done before the main "
         "task: Put the blue ring on the green peg.", "clarify", "'before' orders no step there"),
        ("The cable is still in its dock.", "clarify", "says how things are"),
        # Safety 25 and probe 52 (blind, stop 60): the first three ran, the fourth read the other ring as a third
        ("Hi all, just a reminder that the cable should only be plugged into the socket by certified staff. Thanks, "
         "Maria", "clarify", "for someone else"),
        ("FYI, Priya already put the blue ring on the red peg this morning, so the board is set.", "clarify",
         "what was done"),
        ("Hey Jordan, grab the blue ring and stick it on the yellow peg, would you? The robot's mid-calibration.",
         "clarify", "addressed to Jordan"),
        ("Grab the red ring and the blue ring. Put the red one on the yellow peg, and the other one on the green peg.",
         "clarify", "which ring"),
        # Safety 26 and probe 53 (blind, stop 60, second round): each ran
        ("Done - the cable's been plugged in by Sam.", "clarify", "what was done"),
        ("FYI I already put the green ring on the yellow peg myself this morning.", "clarify", "what was done"),
        ("In my novel the robot puts the blue ring on the red peg.", "clarify", "hypothetical"),
        ("Robot: Done, the red ring is on the blue peg.", "clarify", "how things are"),
        # Safety 27 (blind, stop 61): each ran
        ("The other robot will handle putting the green ring on the red peg.", "clarify", "another robot"),
        ("Solder a new wire onto the cable plug.", "invalid", "'solder'"),
        ("Plug the cable into the wall outlet by the door.", "invalid", "only place"),
        ("In the training video they plug the cable in first.", "clarify", "video or manual"),
        # found at stop 61 (older): a step put off to later, with nothing for now, ran at once
        ("Later on, put the red ring on the blue peg.", "clarify", "for later"),
        ("Later on, put the red ring on the blue peg, then plug in the cable.", "clarify", "for later"),
        ("Using the attached checklist, put the red ring on the blue peg.", "invalid", "could not understand"),
        # Safety 29 (blind, stop 62): a wish for someday ran all three rings; found beside it (older): someone in the
        # workcell now, or not waited for, ran
        ("Someday I hope we can teach you to stack all three rings on the green peg.", "clarify", "hypothetical"),
        ("Sam is leaning over the table. Anyway, plug the cable in.", "clarify", "hazard"),
        ("Don't wait for Sam to move his hand, plug the cable in.", "clarify", "hazard"),
        # safety 30 (blind, stop 62, second round): another cable ran; found beside it (older): a note for someone
        # else ran
        ("Grab the spare cable from the drawer and plug it into the socket.", "clarify", "one cable"),
        ("Note for the technician: please place the blue ring on the red peg.", "clarify", "for someone else"),
        # safety 32 (blind, stop 62, fourth round): each ran
        ("plug the cable in - oh wait, my hand's still holding the plug", "clarify", "hazard"),
        ("after lunch can you put the green ring on the yellow peg", "clarify", "another time"),
        # a story before "anyway" is dropped only where it names no hazard
        ("The socket was sparking yesterday. Anyway, plug the cable in.", "clarify", "hazard"),
        # a person said to have moved away is dropped only where no hazard is named beside them
        ("The socket is sparking, but Sam has stepped away now. Plug the cable in.", "clarify", "hazard"),
        # a step quoted from a sign, a manual or an example is not asked for (a quote's marks stay)
        ("The sign on the wall says 'plug the cable in'.", "clarify", "'sign'"),
        ("An example command would be 'slide the blue ring onto the green peg'.", "clarify", "'example'"),
        # a reading that takes a peg's colour for a ring's is asked about
        ("Fit the blue ring onto the green peg now. But start by doing this: Grab the red ring, then hold it and lower "
         "it onto the blue post.", "clarify", "which ring is 'it'"),  # (stop 62: "names green only as a peg")
        # a correction after the cable step: a bare colour, or a peg with two placements to choose from, is asked
        ("Put the blue ring on the yellow peg, then plug in the cable, no wait, green", "clarify", "no colour there"),
        ("Put the red ring on the blue peg, put the green ring on the yellow peg, then plug the cable in. Sorry, I "
         "mean the red peg", "invalid", "mixes the cable"),
        # a withdrawal that leaves nothing, or one said first (it forbids what follows, which asks for it)
        ("Put the red ring on the blue peg. Oh, forget the red one.", "clarify", "nothing else is asked"),
        ("Forget the red ring, put the red ring on the yellow peg.", "clarify", "rules out"),
        # safety 33 (blind, stop 63): each ran before
        ("um plug the cable in i'm just holding the socket steady with my fingers hang on", "clarify", "hazard"),
        ("seq: plug cable -> power strip, red ring -> blue peg", "invalid", "'power strip'"),
        ("Insert the plug with exactly 40 newtons of force.", "clarify", "40 newtons"),
        ("Before you plug the cable in, move the bl", "clarify", "'bl'"),
        ("The green ring has snapped in half; put it on the red peg anyway.", "clarify", "hazard"),
        ("PnP red ring -> green peg at 3 m/s max speed", "clarify", "3 m/s"),
        # a nominal cable step only where it is said as a step, not a thing to check
        ("make sure the cable connection is fine", "clarify", "what should happen to the cable"),
        # safety 34 (blind, stop 63, second round): each ran before
        ("pls put blue ring on yellow peg but wait until the buzzer goes", "clarify", "a condition"),
        ("Goal state: cable plugged into socket. Note: in this round the cable starts already plugged into the socket.",
         "clarify", "done already"),
        # found beside them: an event the robot cannot see, and an "it" that names no ring said (it took the one
        # left over)
        ("put the blue ring on the yellow peg after the bell rings", "clarify", "a condition"),
        ("put the blue ring and the green ring on the yellow peg. it should end up on the green peg", "clarify",
         "which ring is 'it'"),
        # the block after file 28's fixes: a "before" whose other side is in another sentence (it ran the steps as
        # said, the wrong order)
        ("Before please take the blue ring. It should end up on the yellow peg, so put it there, could you please pick "
         "up the ring that is red and put it on the yellow peg.", "clarify", "before what?"),
    ],
)
def test_rules_refuse_or_ask_instead_of_guessing(text, status, match):
    reply = rules(text)
    assert (reply.status, reply.plan) == (status, None)
    assert match in reply.message


_VERBS = ["put", "place", "set", "move", "slide", "drop", "hang", "stack", "lower", "get", "slip", "fit", "pop"]
_PLUGS = ["plug in the cable", "plug the cable in", "connect the cable", "insert the plug into the socket",
          "push the plug into its socket", "get the cable plugged in", "hook up the cable",
          "attach the cable to the port"]


def _composed_step(rng: random.Random, verb_first: bool = False) -> tuple[str, Subtask]:
    """One step put together from parts (verbs, nouns, prepositions, politeness), with the subtask it means."""
    if rng.random() < 0.3:
        return rng.choice(_PLUGS), PLUG
    ring, peg = rng.choice(SCENE.rings), rng.choice(SCENE.pegs)
    if rng.random() < 0.3 and not verb_first:
        form = rng.choice(["pick up the {r} ring and put it on the {p} peg", "the {r} hoop goes on the {p} post",
                           "I want the {r} ring on the {p} pole", "take the {r} donut to the {p} rod",
                           "make sure the {r} ring ends up on the {p} peg", "{r} ring onto {p} peg"])
        return form.format(r=ring, p=peg), place(ring, peg)
    polite = "" if verb_first else rng.choice(["", "please ", "could you ", "now ", "go ahead and ", "kindly "])
    words = (f"{polite}{rng.choice(_VERBS)} the {ring} {rng.choice(['ring', 'hoop', 'loop', 'donut'])} "
             f"{rng.choice(['on', 'onto', 'over', 'on top of', 'around', 'to', 'down on'])} "
             f"the {peg} {rng.choice(['peg', 'post', 'pole', 'rod', 'spike', 'pin'])}"
             f"{rng.choice(['', '', ' please', ' carefully', ' for me', ' if you can'])}")
    return words, place(ring, peg)


def _two_steps(rng: random.Random, verb_first: bool = False) -> tuple[str, Subtask, str, Subtask]:
    """Two composed steps a two-step instruction may ask for (not one ring twice)."""
    while True:
        (a, first), (b, second) = _composed_step(rng), _composed_step(rng, verb_first)
        if first != second and (PLUG in (first, second) or first.args["ring"] != second.args["ring"]):
            return a, first, b, second


def _composed_instructions(count: int, seed: int) -> Iterator[tuple[str, list[Subtask]]]:
    """Instructions of one or two composed steps, ordered in many ways, each with the plan it means."""
    rng = random.Random(seed)
    joins = ["{a}, then {b}", "{a} and then {b}", "{a}. After that, {b}", "{a}; {b}", "first {a}, then {b}",
             "{b}, but first {a}", "{a}, followed by {b}", "{b} -- but {a} first", "{a} and {b}", "{a}, {b}",
             "{a}, and once that's done, {b}", "{b} \u2014 {a} first though", "{a}; afterwards, {b}",
             "{a} first, {b} second", "{a}. When you're finished, {b}"]
    for _ in range(count):
        a, first, b, second = _two_steps(rng)
        if rng.random() < 0.25:
            yield a[0].upper() + a[1:], [first]
        else:
            text = rng.choice(joins).format(a=a, b=b)
            yield text[0].upper() + text[1:], [first, second]


def test_rules_read_composed_instructions_as_meant_never_as_another_plan():
    wrong = [(text, reply.plan.subtasks() if reply.plan else reply.message)
             for text, meant in _composed_instructions(600, seed=53)
             if (reply := rules(text)).status != "ok" or reply.plan.subtasks() != meant]
    assert not wrong, f"{len(wrong)} of 600 read otherwise, e.g. {wrong[:3]}"


def _gerund(verb: str) -> str:
    """'place' -> 'placing', 'put' -> 'putting', 'hang' -> 'hanging' (the composer's verbs)."""
    if verb.endswith("e"):
        return verb[:-1] + "ing"
    if len(verb) <= 4 and verb[-1] in "tpg" and verb[-2] in "aeiou":  # put, get, drop, slip, plug, ...
        return verb + verb[-1] + "ing"
    return verb + "ing"


def test_rules_never_run_a_composed_prohibited_step():
    rng = random.Random(53)
    forms = ["{a}, but don't {b}", "don't {b}; {a}", "{a}, and make sure not to {b}", "never {b}. {a}",
             "{a}, but please don't {b}", "don't {b}, just {a}", "{a} but not {b_ing}"]
    read = 0
    for _ in range(300):
        a, meant, b, prohibited = _two_steps(rng, verb_first=True)
        verb, rest = b.split(" ", 1)
        text = rng.choice(forms).format(a=a, b=b, b_ing=f"{_gerund(verb)} {rest}")
        reply = rules(text[0].upper() + text[1:])
        if reply.status == "ok":  # asking back is allowed; running anything but the one step asked for is not
            assert reply.plan.subtasks() == [meant], f"{text!r}: {reply.plan.subtasks()}"
            read += 1
    assert read >= 200, f"only {read} of 300 read; the rest asked back"


def test_rules_resolve_references_from_the_scene_and_skip_done_steps():
    one_ring = SceneSummary(rings=["green"], pegs=["red", "blue"])
    assert rules("put a ring on the blue peg", one_ring).plan.subtasks() == [place("green", "blue")]
    half_done = SceneSummary(rings=["red", "green"], pegs=["blue", "yellow"],
                             done=[PlanStep.from_subtask(place("red", "blue"))])
    assert rules("put red on blue then green on yellow", half_done).plan.subtasks() == [place("green", "yellow")]
    assert rules("put the ring on the yellow peg", half_done).plan.subtasks() == [place("green", "yellow")]
    assert rules("put all rings on the yellow peg", half_done).plan.subtasks() == [place("green", "yellow")]
    reply = rules("put the red ring on the blue peg", half_done)
    assert reply.status == "invalid" and "nothing left to do" in reply.message


# ----------------------------------------------------------------------------------- language models


def test_model_answers_are_extracted_and_validated():
    req = request("put the red ring on the blue peg")
    fenced = 'Sure!\n```json\n{"steps": [{"skill": "place_ring", "args": {"ring": "red", "peg": "blue"}}]}\n```'
    assert extract_json_object(fenced)["steps"][0]["skill"] == "place_ring"
    ok = reply_from_text(req, fenced, "m", tokens_in=10, tokens_out=5, compute_s=0.1)
    assert ok.status == "ok" and ok.plan.subtasks() == [place("red", "blue")] and ok.tokens_in == 10
    clarify = reply_from_text(req, '{"clarify": "which peg?"}', "m", tokens_in=0, tokens_out=0, compute_s=0)
    assert clarify.status == "clarify" and clarify.message == "which peg?"
    bad = reply_from_text(req, '{"steps": [{"skill": "dance"}]}', "m", tokens_in=0, tokens_out=0, compute_s=0)
    assert bad.status == "invalid" and "dance" in bad.message
    assert reply_from_text(req, "no json here", "m", tokens_in=0, tokens_out=0, compute_s=0).status == "invalid"
    system, user = build_messages(req)
    assert "place_ring(ring, peg)" in system["content"]
    assert json.loads(user["content"])["instruction"] == req.instruction


class _FakeChatServer(http.server.ThreadingHTTPServer):
    """A loopback OpenAI-compatible endpoint answering with queued contents and recording requests."""

    def __init__(self) -> None:
        self.answers: list[tuple[int, str]] = []
        self.received: list[tuple[dict[str, str], dict]] = []
        super().__init__(("127.0.0.1", 0), _FakeChatHandler)


class _FakeChatHandler(http.server.BaseHTTPRequestHandler):
    server: _FakeChatServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append((dict(self.headers), body))
        status, content = self.server.answers.pop(0)
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}],
                              "usage": {"prompt_tokens": 120, "completion_tokens": 30}}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def chat_server() -> Iterator[_FakeChatServer]:
    server = _FakeChatServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_openai_backend_speaks_chat_completions(chat_server):
    backend = OpenAIBackend(f"http://127.0.0.1:{chat_server.server_port}/v1", "tiny", api_key="sk-test")
    chat_server.answers += [(200, '{"steps": [{"skill": "plug_cable", "args": {}}]}'), (200, "I cannot do that"),
                            (500, "overloaded")]
    ok = backend.plan(request("connect it"))
    assert ok.status == "ok" and ok.plan.subtasks() == [PLUG]
    assert (ok.tokens_in, ok.tokens_out, ok.backend) == (120, 30, "openai")
    headers, body = chat_server.received[0]
    assert headers["Authorization"] == "Bearer sk-test"
    assert body["model"] == "tiny" and body["response_format"] == {"type": "json_object"}
    assert body["temperature"] == 0 and body["messages"][0]["role"] == "system"
    garbage = backend.plan(request("connect it"))
    assert garbage.status == "invalid" and "I cannot do that" in garbage.message
    failed = backend.plan(request("connect it"))
    assert failed.status == "error" and "HTTP 500" in failed.message


def test_openai_backend_is_careful_with_urls_and_keys():
    with pytest.raises(ValueError, match="clear text"):
        OpenAIBackend("http://api.example.com/v1", "m", api_key="sk")
    with pytest.raises(ValueError, match="expected http"):
        OpenAIBackend("ftp://x/v1", "m")
    with pytest.raises(ValueError, match="--base-url"):
        create_backend("openai")
    with pytest.raises(ValueError, match="--model-dir"):
        create_backend("transformers")
    unreachable = OpenAIBackend("http://127.0.0.1:9/v1", "m", timeout_s=2).plan(request("x"))
    assert unreachable.status == "error"


def _tiny_causal_lm(directory: Path) -> Path:
    """A randomly initialised 2-layer Llama with a character-level tokenizer and a chat template."""
    import string

    import torch
    from tokenizers import Tokenizer, decoders, models
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    specials = ["<unk>", "<pad>", "<eos>"]
    vocab = {token: index for index, token in enumerate(specials + sorted(set(string.printable)))}
    core = Tokenizer(models.BPE(vocab=vocab, merges=[], unk_token="<unk>"))
    core.decoder = decoders.Fuse()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core, unk_token="<unk>", pad_token="<pad>", eos_token="<eos>",
        chat_template="{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}\n{% endfor %}"
                      "{% if add_generation_prompt %}<assistant>{% endif %}",
    )
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=4096,
                         pad_token_id=1, eos_token_id=2, bos_token_id=2)
    tokenizer.save_pretrained(directory)
    LlamaForCausalLM(config).save_pretrained(directory)
    return directory


def test_transformers_backend_rejects_and_counts_a_random_models_answer(tmp_path, monkeypatch):
    pytest.importorskip("transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from robotstack.reasoning.backends.local_lm import TransformersBackend

    backend = TransformersBackend(_tiny_causal_lm(tmp_path / "tiny"), max_new_tokens=8)
    direct = backend.plan(request("put the red ring on the blue peg"))
    assert direct.status == "invalid" and "model answer rejected" in direct.message
    assert direct.tokens_in > 100 and 0 < direct.tokens_out <= 8
    with running_in_thread(backend) as endpoint, ReasonerClient(ClientConfig(endpoint, timeout_s=20)) as client:
        reply = wait_for(client, client.submit(request("put the red ring on the blue peg")))
        assert reply.status == "invalid" and reply.backend == "transformers"
        assert client.metrics.invalid_plans == 1 and client.metrics.tokens_in == direct.tokens_in
        assert query_stats(endpoint)["replies"] == {"invalid": 1}


# ------------------------------------------------------------------------------ service and client


class ScriptedBackend:
    """Rules, except for instructions that ask it to misbehave: hang, garbage, lie, explode, or ask back ("kindly
    ...": a planner that asks which was meant where the rules read a plan)."""

    name = "scripted"

    def plan(self, request: PlanRequest) -> PlanReply:
        if request.instruction.startswith("kindly"):
            return PlanReply(request_id=request.request_id, status="clarify", message="which peg?", backend=self.name)
        if request.instruction.startswith("hang"):
            time.sleep(HANG_S)
        if request.instruction == "garbage":
            return reply_from_text(request, "Sure! steps = [place red]", self.name, tokens_in=5, tokens_out=7,
                                   compute_s=0)
        if request.instruction == "lie":  # a well-formed plan for a ring the scene does not have
            plan = Plan(steps=[PlanStep(skill="place_ring", args={"ring": "purple", "peg": "blue"})])
            return PlanReply(request_id=request.request_id, status="ok", plan=plan, backend=self.name)
        if request.instruction == "explode":
            raise RuntimeError("backend bug")
        instruction = request.instruction.removeprefix("hang ")
        return RulesBackend().plan(request.model_copy(update={"instruction": instruction}))


class GatedBackend:
    """Blocks every request until the test opens the gate."""

    name = "gated"

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.gate = threading.Event()

    def plan(self, request: PlanRequest) -> PlanReply:
        self.entered.set()
        self.gate.wait(10)
        return RulesBackend().plan(request)


def _serve_scripted(endpoint: str, keys_dir: str | None) -> None:
    keys = load_keypair(Path(keys_dir), "server") if keys_dir else None
    authorized = Path(keys_dir) / "authorized" if keys_dir else None
    ReasonerService(ScriptedBackend(), endpoint, server_keys=keys, authorized_clients=authorized, workers=4).run()


def free_endpoint() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


def wait_ready(endpoint: str, keys: ClientKeys | None = None, limit_s: float = 20.0) -> None:
    deadline = time.monotonic() + limit_s
    while True:
        try:
            query_stats(endpoint, timeout_s=0.3, keys=keys)
            return
        except TimeoutError:
            if time.monotonic() > deadline:
                raise


def wait_stats(endpoint: str, key: str, value: int, limit_s: float = 5.0) -> dict:
    deadline = time.monotonic() + limit_s
    while (stats := query_stats(endpoint))[key] < value and time.monotonic() < deadline:
        time.sleep(0.02)
    return stats


def wait_for(client: ReasonerClient, request_id: str, limit_s: float = 15.0) -> PlanReply:
    """Poll like a control loop would (every few ms) until ``request_id`` finishes."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        for reply in client.poll():
            if reply.request_id == request_id:
                return reply
        time.sleep(0.002)
    raise AssertionError(f"request {request_id} did not finish in {limit_s} s")


@contextmanager
def spawned_service(keys_dir: Path | None = None) -> Iterator[str]:
    endpoint = free_endpoint()
    process = multiprocessing.get_context("spawn").Process(
        target=_serve_scripted, args=(endpoint, str(keys_dir) if keys_dir else None), daemon=True)
    process.start()
    try:
        yield endpoint
    finally:
        process.kill()
        process.join(5)


@contextmanager
def running_in_thread(backend, **options) -> Iterator[str]:
    service = ReasonerService(backend, "tcp://127.0.0.1:*", **options)
    thread = threading.Thread(target=service.run, daemon=True)
    thread.start()
    try:
        yield service.endpoint
    finally:
        service.stop()
        thread.join(5)


def wait_for_all(client: ReasonerClient, request_ids: set[str], limit_s: float = 15.0) -> dict[str, PlanReply]:
    """Poll until every one of ``request_ids`` finishes (one poll may finish several)."""
    finished: dict[str, PlanReply] = {}
    deadline = time.monotonic() + limit_s
    while set(finished) != request_ids and time.monotonic() < deadline:
        finished.update((r.request_id, r) for r in client.poll() if r.request_id in request_ids)
        time.sleep(0.002)
    assert set(finished) == request_ids, f"{len(request_ids - set(finished))} request(s) unfinished in {limit_s} s"
    return finished


def cli_service(endpoint: str) -> subprocess.Popen:
    script = ("import typer; from robotstack.cli_reasoner import reasoner_app; "
              "app = typer.Typer(); app.add_typer(reasoner_app, name='reasoner'); app()")
    command = [sys.executable, "-c", script, "reasoner", "serve", "--backend", "rules", "--bind", endpoint]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def scripted() -> Iterator[str]:
    with spawned_service() as endpoint:
        wait_ready(endpoint)
        yield endpoint


def test_happy_path_in_a_separate_process(scripted):
    with ReasonerClient(ClientConfig(scripted, timeout_s=5)) as client:
        durations = []
        request_id = client.submit(request("place red on blue, then plug in the cable"))
        deadline = time.monotonic() + 10
        replies: list[PlanReply] = []
        while not replies and time.monotonic() < deadline:
            start = time.perf_counter()
            replies = client.poll()
            durations.append(time.perf_counter() - start)
            time.sleep(0.001)
        (reply,) = replies
        assert reply.request_id == request_id and reply.status == "ok", reply.message
        assert reply.plan.subtasks() == [place("red", "blue"), PLUG]
        assert reply.backend == "rules" and reply.attempts == 1 and reply.latency_s > 0
        assert sorted(durations)[len(durations) // 2] < 0.001  # a poll costs microseconds, not a wait
        summary = client.metrics.summary()
        assert summary["requests"] == summary["sent"] == 1 and summary["statuses"] == {"ok": 1}
        assert summary["latency_p50_s"] == pytest.approx(reply.latency_s, abs=0.05)
        assert client.breaker.state == "closed" and client.in_flight == 0


def test_hung_backend_times_out_without_wedging_the_service(scripted):
    config = ClientConfig(scripted, timeout_s=0.5, max_retries=0)
    with ReasonerClient(config) as hung, ReasonerClient(ClientConfig(scripted, timeout_s=5)) as other:
        hung_id = hung.submit(request("hang put red on blue"))
        time.sleep(0.05)
        start = time.monotonic()
        quick = wait_for(other, other.submit(request("put green on yellow")))
        assert quick.status == "ok" and time.monotonic() - start < 0.5  # answered while the other hangs
        reply = wait_for(hung, hung_id)
        assert reply.status == "timeout" and "1 attempt" in reply.message
        assert hung.metrics.timeouts == 1 and hung.metrics.statuses == {"timeout": 1}


def test_garbage_and_lying_backends_are_counted_invalid(scripted):
    before = query_stats(scripted)["replies"]
    with ReasonerClient(ClientConfig(scripted, timeout_s=5)) as client:
        garbage = wait_for(client, client.submit(request("garbage")))
        assert garbage.status == "invalid" and "Sure!" in garbage.message and garbage.plan is None
        lie = wait_for(client, client.submit(request("lie")))
        assert lie.status == "invalid" and "failed on-board validation" in lie.message and lie.plan is None
        assert client.metrics.invalid_plans == 2 and client.metrics.tokens_out == 7
        assert client.breaker.state == "closed"  # a bad answer is not a dead service
    after = query_stats(scripted)["replies"]
    assert after.get("invalid", 0) == before.get("invalid", 0) + 1 and after["ok"] == before.get("ok", 0) + 1


def test_backend_exception_becomes_an_error_reply_and_is_retried(scripted):
    config = ClientConfig(scripted, timeout_s=5, max_retries=1, backoff_s=0.01, breaker_failures=5)
    with ReasonerClient(config) as client:
        reply = wait_for(client, client.submit(request("explode")))
        assert reply.status == "error" and "RuntimeError: backend bug" in reply.message and reply.attempts == 2
        assert client.metrics.retries == 1 and client.metrics.timeouts == 0


def test_malformed_and_oversized_messages_are_dropped_and_counted(scripted):
    before = query_stats(scripted)
    valid_request = request("x").model_dump(mode="json")
    junk = [
        [b"\xc1 not msgpack"],
        [b""],
        [msgpack.packb([1, 2, 3])],
        [msgpack.packb({"v": 99, "kind": PLAN_REQUEST, "data": valid_request, "arrays": []})],
        [msgpack.packb({"v": 1, "kind": "launch", "data": {}, "arrays": []})],
        [msgpack.packb({"v": 1, "kind": PLAN_REQUEST, "data": {"instruction": 5}, "arrays": []})],
        [msgpack.packb({"v": 1, "kind": PLAN_REQUEST, "data": {**valid_request, "x": 1}, "arrays": []})],
        [pickle.dumps(valid_request)],
    ]
    oversized = [
        [msgpack.packb({"v": 1, "kind": PLAN_REQUEST, "data": {"pad": "x" * 100_000}, "arrays": []})],
        [wire.encode(PLAN_REQUEST, valid_request)[0], b"\0" * 16],  # array frames are not accepted here
    ]
    context = zmq.Context.instance()
    raw = context.socket(zmq.DEALER)
    raw.linger = 0
    raw.connect(scripted)
    for frames in junk + oversized:
        raw.send_multipart(frames)
    raw.send(b"\0" * 2_000_000)  # over the transport cap: libzmq drops the connection before buffering it
    stats = wait_stats(scripted, "malformed", before["malformed"] + len(junk))
    stats = wait_stats(scripted, "oversized", before["oversized"] + len(oversized))
    assert stats["malformed"] == before["malformed"] + len(junk)
    assert stats["oversized"] == before["oversized"] + len(oversized)
    assert raw.poll(100) == 0  # nothing is ever answered to junk
    raw.close()
    with ReasonerClient(ClientConfig(scripted, timeout_s=5)) as client:
        assert wait_for(client, client.submit(request("put red on blue"))).status == "ok"


class FakeService:
    """A ROUTER on a loopback port that answers each plan request with what ``answer(request_data)`` returns (raw
    frames), from a thread: a service that misbehaves on the wire in ways the real one never does."""

    def __init__(self, answer) -> None:
        self.answer, self.received = answer, []
        self.socket = zmq.Context.instance().socket(zmq.ROUTER)
        self.socket.linger = 0
        self.endpoint = f"tcp://127.0.0.1:{self.socket.bind_to_random_port('tcp://127.0.0.1')}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            if self.socket.poll(10):
                identity, *frames = self.socket.recv_multipart()
                data = msgpack.unpackb(frames[0])["data"]
                self.received.append(data["request_id"])
                self.socket.send_multipart([identity, *self.answer(data)])

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


def plan_reply_frames(data: dict, **fields) -> list[bytes]:
    reply = {"request_id": data["request_id"], "status": "ok",
             "plan": {"steps": [{"skill": "plug_cable", "args": {}}]}, **fields}
    return wire.encode("plan_reply", reply)


def test_a_reply_over_the_size_limit_is_counted_and_the_service_is_reached_again():
    """libzmq drops a connection whose peer sent a message over the socket's size limit and does not connect again
    by itself (stop 63's fault probe: the board never reached the service again, even once it was restarted). The
    client replaces its socket after such a fault, and counts it."""
    answers = iter([[b"\0" * 200_000]])
    service = FakeService(lambda data: next(answers, None) or plan_reply_frames(data))
    try:
        with ReasonerClient(ClientConfig(service.endpoint, timeout_s=0.5, max_retries=0)) as client:
            assert wait_for(client, client.submit(request("plug the cable in then red on blue"))).status == "timeout"
            time.sleep(1.2)  # past the client's one-a-second limit on replacing its socket
            reply = wait_for(client, client.submit(request("plug the cable in then red on blue")))
            assert reply.status == "ok", reply.message
            assert len(service.received) == 2
            assert client.metrics.connection_faults >= 1 and client.metrics.reconnects == 1
    finally:
        service.close()


def test_a_reply_that_fails_the_schema_ends_its_request_invalid_at_once():
    service = FakeService(lambda data: plan_reply_frames(data, plan={"steps": [{"skill": "juggle", "args": {}}]}))
    try:
        with ReasonerClient(ClientConfig(service.endpoint, timeout_s=5, max_retries=2)) as client:
            reply = wait_for(client, client.submit(request("plug the cable in then red on blue")), limit_s=3)
            assert reply.status == "invalid" and "failed the schema" in reply.message and reply.attempts == 1
            assert client.metrics.malformed_replies == 1 and client.metrics.timeouts == 0
    finally:
        service.close()


def test_runs_of_spaces_read_as_one():
    """Stop 63's fault probe: a message padded with spaces took the planner time that grew steeply with the run (40 s
    for 2000 characters on the service, 16 s for 1000 in the board's router); runs are collapsed first."""
    padded = "put the red ring on the blue peg" + " " * 900 + "then" + "\t " * 400 + "plug the cable in\n\n\n\n"
    assert rules(padded).plan.subtasks() == [place("red", "blue"), PLUG]
    assert rules(" " * 1999 + "x").status == "invalid"


def test_token_counts_beyond_any_model_are_refused():
    with pytest.raises(ValueError, match="tokens_in"):
        PlanReply(request_id="x", status="ok", tokens_in=2**64 - 1)


def test_requests_given_up_on_free_their_place_in_flight(scripted):
    """An operator re-issuing an instruction, or episodes ending while a plan was asked: the driver cancels what it
    no longer waits for, so the next escalation is not refused behind them."""
    with ReasonerClient(ClientConfig(scripted, timeout_s=5, max_in_flight=2)) as client:
        first, second = client.submit(request("hang put red on blue")), client.submit(request("hang put red on blue"))
        assert client.in_flight == 2
        client.cancel(first)
        client.cancel(second)
        client.cancel("no such request")
        assert client.in_flight == 0 and client.metrics.cancelled == 2
        assert wait_for(client, client.submit(request("put green on yellow"))).status == "ok"


def test_killed_service_opens_the_circuit_and_a_restarted_one_closes_it():
    """A restarted service is probed as soon as the client's socket completes a handshake with it, not after the
    rest of the breaker's cool-down (30 s here, far longer than the test)."""
    endpoint = free_endpoint()
    service = cli_service(endpoint)
    config = ClientConfig(endpoint, timeout_s=0.4, max_retries=1, backoff_s=0.05, breaker_failures=2,
                          breaker_cooldown_s=30.0)
    try:
        wait_ready(endpoint)
        with ReasonerClient(config) as client:
            assert wait_for(client, client.submit(request("put red on blue"))).status == "ok"
            service.kill()
            service.wait()
            reply = wait_for(client, client.submit(request("put red on blue")))
            assert reply.status == "timeout" and reply.attempts == 2
            assert client.breaker.state == "open" and client.breaker.opened == 1
            refused = wait_for(client, client.submit(request("put red on blue")))
            assert refused.status == "unavailable" and refused.latency_s < 0.1 and client.metrics.rejected == 1
            service = cli_service(endpoint)
            wait_ready(endpoint)
            deadline = time.monotonic() + 10
            while client.breaker.state == "open" and time.monotonic() < deadline:
                client.poll()
                time.sleep(0.02)
            assert client.breaker.state == "half_open" and client.metrics.handshakes == 2
            back = wait_for(client, client.submit(request("put red on blue")))
            assert back.status == "ok", back.message
            assert client.breaker.state == "closed"
            assert client.metrics.timeouts == 2 and client.metrics.statuses == {"ok": 2, "timeout": 1, "unavailable": 1}
    finally:
        service.kill()
        service.wait()


def test_a_probe_stranded_while_the_service_was_down_does_not_block_the_next_request_once_it_is_back():
    """The cool-down ends while the service is still dead, so the next request goes out as the breaker's one probe and
    cannot be sent. When the service is back, a new request (the next episode's instruction, submitted before any
    poll sent the stranded probe) must use it rather than be refused behind that probe."""
    endpoint = free_endpoint()
    service = cli_service(endpoint)
    config = ClientConfig(endpoint, timeout_s=6.0, max_retries=0, breaker_failures=1, breaker_cooldown_s=0.2)
    try:
        wait_ready(endpoint)
        with ReasonerClient(config) as client:
            assert wait_for(client, client.submit(request("put red on blue"))).status == "ok"
            assert client.metrics.handshakes == 1  # watched from before the connect: the first is never missed
            service.kill()
            service.wait()
            assert wait_for(client, client.submit(request("put red on blue"))).status == "timeout"
            time.sleep(0.3)  # the cool-down passes
            stranded = client.submit(request("put green on blue"))
            assert client.breaker.state == "half_open" and client.in_flight == 1  # the probe, unsent
            service = cli_service(endpoint)
            wait_ready(endpoint)
            time.sleep(0.5)  # the client's socket reconnects (100 ms interval) without being polled
            assert client.in_flight == 1, "the stranded probe must still be waiting for this test to mean anything"
            back = client.submit(request("put blue on blue"))
            replies = wait_for_all(client, {back, stranded})
            assert replies[back].status == "ok", replies[back].message
            assert replies[stranded].status == "ok", replies[stranded].message
            assert client.breaker.state == "closed" and client.metrics.handshakes == 2
    finally:
        service.kill()
        service.wait()


def test_service_cli_stops_cleanly_on_sigterm():
    endpoint = free_endpoint()
    service = cli_service(endpoint)
    try:
        wait_ready(endpoint)
        service.send_signal(signal.SIGTERM)
        assert service.wait(10) == 0
    finally:
        service.kill()


# What benchmarks/reasoning.py and reasoner_faults.py do around the service they start, in a process of its own.
BENCHMARK_HOLDING_A_SERVICE = """
import sys, time
sys.path.insert(0, "benchmarks")
from reasoning import exit_on_sigterm, start_service
exit_on_sigterm()
process, _ = start_service()
try:
    print(process.pid, flush=True)
    time.sleep(120)
finally:
    process.terminate()
    process.wait(10)
"""


def test_a_benchmark_stopped_by_sigterm_stops_the_reasoning_service_it_started():
    repo = Path(__file__).resolve().parents[1]
    benchmark = subprocess.Popen([sys.executable, "-c", BENCHMARK_HOLDING_A_SERVICE], cwd=repo, stdout=subprocess.PIPE,
                                 text=True)
    try:
        service_pid = int(benchmark.stdout.readline())
        benchmark.send_signal(signal.SIGTERM)
        assert benchmark.wait(20) == 128 + signal.SIGTERM
        with pytest.raises(ProcessLookupError):  # stopped and reaped: no orphan left serving
            os.kill(service_pid, 0)
    finally:
        benchmark.kill()


def test_the_benchmark_draws_paraphrases_from_a_users_templates_and_names_a_bad_one(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "benchmark_reasoning", Path(__file__).resolve().parents[1] / "benchmarks" / "reasoning.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    assert benchmark.Phrasings.load(benchmark.PARAPHRASES).two_step  # the shipped templates load
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"place": ["set the {ring} ring down over the {peg} peg"], "plug": ["wire it up"],
                                "two_step": ["{second}, but before that {first}"]}))
    steps = [place("green", "blue"), PLUG]
    text = benchmark.Phrasings.load(mine).paraphrase(steps, np.random.default_rng(0))
    assert text == "wire it up, but before that set the green ring down over the blue peg"
    assert rules(text).plan.subtasks() == steps  # the planner reads the order, not the order said
    mine.write_text(json.dumps({"place": ["put the {colour} ring on the {peg} peg"], "plug": ["x"],
                                "two_step": ["{first} {second}"]}))
    with pytest.raises(SystemExit, match=r"'put the \{colour\} ring on the \{peg\} peg' uses \['colour', 'peg'\]"):
        benchmark.Phrasings.load(mine)


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
# Template files some of whose draws are asked back, not read (none may run in another order): learners' verb-final
# orders ("the cable into the socket you please plug"), templates that nest badly once filled with another template,
# a step said twice in quotes with labels ("Two-part task. Part A, to be done first: X Part B, afterwards: Y").
PARTLY_ASKED_BACK = {"paraphrases_held_out_8.json", "paraphrases_held_out_10.json", "paraphrases_held_out_14.json",
                     "paraphrases_held_out_15.json", "paraphrases_held_out_16.json", "paraphrases_held_out_17.json",
                     "paraphrases_held_out_18.json", "paraphrases_held_out_19.json", "paraphrases_held_out_20.json",
                     "paraphrases_held_out_21.json", "paraphrases_held_out_22.json", "paraphrases_held_out_23.json",
                     "paraphrases_held_out_24.json", "paraphrases_held_out_25.json",
                     "paraphrases_held_out_26.json", "paraphrases_held_out_27.json", "paraphrases_held_out_28.json"}


TEMPLATE_FILES = sorted(path.name for path in BENCHMARKS.glob("paraphrases*.json"))


def read_template_draws(templates: str, per_template: int) -> None:
    """Reads each template's draws, `per_template` of them spread over all (every draw: benchmarks/phrasings.py)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        phrasings = importlib.import_module("phrasings")
    finally:
        sys.path.remove(str(BENCHMARKS))
    draws = phrasings.template_draws(phrasings.Phrasings.load(BENCHMARKS / templates))
    replies = {text: (rules(text), meant) for cases in draws.values()
               for text, meant in cases[:: max(1, len(cases) // per_template)]}
    run_otherwise = [(text, [s.phrase() for s in reply.plan.subtasks()]) for text, (reply, meant) in replies.items()
                     if reply.status == "ok" and reply.plan.subtasks() != meant]
    asked_back = [(text, reply.message) for text, (reply, _) in replies.items() if reply.status != "ok"]
    assert len(replies) > 150
    assert not run_otherwise, run_otherwise[:5]
    assert templates in PARTLY_ASKED_BACK or not asked_back, asked_back[:5]


@pytest.mark.parametrize("templates", TEMPLATE_FILES)
def test_rules_read_every_instruction_the_benchmark_templates_draw(templates):
    # paraphrases_held_out.json was written blind at stop 54; before that stop's fixes its template "{second}, but
    # make sure you do this first: {first}" ran every draw whose order matters in the order said.
    read_template_draws(templates, per_template=60)


@pytest.mark.slow
@pytest.mark.parametrize("templates", TEMPLATE_FILES)
def test_rules_read_the_benchmark_templates_draws_in_depth(templates):
    read_template_draws(templates, per_template=200)


def test_a_stop_or_a_worker_finishing_after_the_service_closed_touches_nothing(monkeypatch):
    errors: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    backend = GatedBackend()
    service = ReasonerService(backend, "tcp://127.0.0.1:*", workers=1)
    before = set(threading.enumerate())
    thread = threading.Thread(target=service.run, daemon=True)
    thread.start()
    with ReasonerClient(ClientConfig(service.endpoint, timeout_s=5)) as client:
        client.submit(request("put red on blue"))
        deadline = time.monotonic() + 5
        while not backend.entered.wait(0.01) and time.monotonic() < deadline:
            client.poll()
    assert backend.entered.is_set()  # a worker is planning, held at the gate
    service.stop()
    thread.join(5)
    assert not thread.is_alive()  # closed, its wake-up pipe too
    service.stop()  # again: nothing left to wake (it wrote to the closed pipe's number before stop 53)
    backend.gate.set()  # the worker finishes now, and its wake-up finds the pipe closed
    for worker in set(threading.enumerate()) - before - {thread}:
        worker.join(5)
    assert errors == []


def test_busy_service_refuses_and_skips_requests_whose_client_gave_up():
    backend = GatedBackend()
    # time-outs long enough that a loaded host still answers "busy" before the client gives up on it (0.3 s was not)
    config = ClientConfig(timeout_s=1.0, max_retries=0, breaker_failures=10)
    with running_in_thread(backend, workers=1, max_queued=1) as endpoint, \
            ReasonerClient(replace(config, endpoint=endpoint)) as client:
        first = client.submit(request("put red on blue"))
        while not backend.entered.is_set():
            client.poll()
            time.sleep(0.002)
        queued = client.submit(request("put green on blue"))
        client.poll()
        assert wait_stats(endpoint, "queued", 1)["queued"] == 1  # queued before the next one arrives, on any load
        queued_by = time.monotonic()
        refused = client.submit(request("put blue on blue"))
        # one poll may finish several (the two time-outs come due together): wait_for would drop all but one
        replies = wait_for_all(client, {first, queued, refused})
        assert replies[refused].status == "error" and "service busy" in replies[refused].message
        assert {replies[first].status, replies[queued].status} == {"timeout"}
        time.sleep(max(0.0, queued_by + config.timeout_s + 0.05 - time.monotonic()))  # past its time-out there too
        backend.gate.set()
        stats = wait_stats(endpoint, "expired", 1)
        assert (stats["busy"], stats["expired"]) == (1, 1)


def test_emulated_latency_is_added_and_can_cause_a_timeout(scripted):
    with ReasonerClient(ClientConfig(scripted, timeout_s=5, extra_latency_s=0.2)) as slow:
        reply = wait_for(slow, slow.submit(request("put red on blue")))
        assert reply.status == "ok" and reply.latency_s >= 0.2
    with ReasonerClient(ClientConfig(scripted, timeout_s=0.2, extra_latency_s=0.3, max_retries=0)) as late:
        assert wait_for(late, late.submit(request("put red on blue"))).status == "timeout"


class WorldClock:
    """A simulated world's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_lockstep_uses_a_reply_its_emulated_latency_after_sending_however_long_the_host_takes():
    for lockstep in (False, True):
        backend, clock = GatedBackend(), WorldClock()
        with running_in_thread(backend) as endpoint, ReasonerClient(
                ClientConfig(endpoint, timeout_s=5, extra_latency_s=0.2, lockstep=lockstep), clock=clock) as client:
            request_id = client.submit(request("put red on blue"))
            if lockstep:  # the world waited for the connection to send it
                assert client.metrics.sent == 1
            deadline = time.monotonic() + 5
            while not backend.entered.wait(0.01) and time.monotonic() < deadline:
                assert client.poll() == []
            assert backend.entered.is_set()  # the service is planning, held at the gate
            assert client.metrics.sent == 1
            clock.now = 0.1
            assert client.poll() == []  # not due yet: nothing to wait for either way
            threading.Timer(0.3, backend.gate.set).start()  # the host answers 0.3 s of wall time later
            clock.now = 0.2
            replies = client.poll()
            if not lockstep:  # the world went on without the reply; it is used when it has arrived, plus 0.2 s
                assert replies == []
                clock.now = 0.3
                assert backend.gate.wait(5)
                time.sleep(1.0)  # ample for the planned reply to reach the client, on a loaded host too
                assert client.poll() == []  # read now, at world time 0.3: usable from 0.5
                clock.now = 0.5
                replies = client.poll()
            (reply,) = replies
            assert reply.request_id == request_id and reply.status == "ok"
            assert reply.latency_s == pytest.approx(0.2 if lockstep else 0.5)


def test_lockstep_waits_once_per_attempt_for_a_silent_service_then_times_out_in_world_time(scripted):
    for endpoint, instruction in ((scripted, "hang put red on blue"), (free_endpoint(), "put red on blue")):
        clock = WorldClock()
        config = ClientConfig(endpoint, timeout_s=1.0, max_retries=0, lockstep=True)
        with ReasonerClient(config, clock=clock) as client:
            start = time.monotonic()
            request_id = client.submit(request(instruction))  # no service: the wait for a connection runs out
            assert client.poll() == []  # hung service: the wait for the reply runs out
            clock.now = 0.5
            assert client.poll() == []
            assert 0.9 < time.monotonic() - start < 1.8  # the world held once for the attempt, 1 s in all
            clock.now = 1.0
            (reply,) = client.poll()
            assert reply.request_id == request_id and reply.status == "timeout"


def test_too_many_requests_in_flight_are_refused_at_once(scripted):
    with ReasonerClient(ClientConfig(scripted, max_in_flight=1)) as client:
        first = client.submit(request("put red on blue"))
        second = client.submit(request("put red on blue"))
        replies = {reply.request_id: reply for reply in client.poll()}  # the first's may already be back
        assert replies[second].status == "unavailable"
        assert (replies.get(first) or wait_for(client, first)).status == "ok"


def test_circuit_breaker_states():
    now = [0.0]
    breaker = CircuitBreaker(failures=2, cooldown_s=10, clock=lambda: now[0])
    breaker.failure()
    assert breaker.state == "closed" and breaker.allow()
    breaker.failure()
    assert breaker.state == "open" and not breaker.allow()
    now[0] = 10
    assert breaker.state == "half_open" and breaker.allow() and not breaker.allow()  # one probe only
    breaker.failure()
    assert breaker.state == "open" and breaker.opened == 2
    now[0] = 20
    assert breaker.allow()
    breaker.success()
    assert breaker.state == "closed" and breaker.allow()


# ---------------------------------------------------------------------------------------- security


@pytest.fixture
def keys_dir(tmp_path) -> Path:
    directory = tmp_path / "keys"
    for name in ("server", "client", "stranger"):
        generate_keypair(directory, name)
    (directory / "authorized").mkdir()
    shutil.copy(directory / "client.key", directory / "authorized" / "client.key")
    return directory


def test_curve_needs_the_server_key_and_an_authorized_client(keys_dir):
    server_public = load_public_key(keys_dir, "server")
    good = ClientKeys(own=load_keypair(keys_dir, "client"), server_public=server_public)
    wrong_server = ClientKeys(own=load_keypair(keys_dir, "client"), server_public=load_public_key(keys_dir, "stranger"))
    stranger = ClientKeys(own=load_keypair(keys_dir, "stranger"), server_public=server_public)
    with spawned_service(keys_dir) as endpoint:
        wait_ready(endpoint, keys=good)
        clients = [ReasonerClient(ClientConfig(endpoint, keys=keys, timeout_s=0.5, max_retries=0))
                   for keys in (None, wrong_server, stranger, good)]
        try:
            for client in clients:
                client.submit(request("put red on blue"))
            statuses: list[str | None] = [None] * len(clients)
            while None in statuses:
                for index, client in enumerate(clients):
                    for reply in client.poll():
                        statuses[index] = reply.status
                time.sleep(0.002)
        finally:
            for client in clients:
                client.close()
    assert statuses == ["timeout", "timeout", "timeout", "ok"]


def test_non_loopback_without_keys_is_refused():
    for endpoint in ("tcp://0.0.0.0:5555", "tcp://*:5555", "tcp://192.168.1.20:5555", "tcp://eth0:5555",
                     "tcp://robot.local:5555"):
        assert not is_loopback(endpoint)
        with pytest.raises(InsecureEndpointError, match=r"not loopback.*keys"):
            ReasonerService(RulesBackend(), endpoint)
        with pytest.raises(InsecureEndpointError, match="--keys-dir"):
            ReasonerClient(ClientConfig(endpoint))
    for endpoint in ("tcp://127.0.0.1:5555", "tcp://localhost:5555", "tcp://[::1]:5555", "ipc:///tmp/r", "inproc://r"):
        assert is_loopback(endpoint)


def test_key_files_and_cli(tmp_path):
    _, secret = generate_keypair(tmp_path, "server")
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert load_keypair(tmp_path, "server").public == load_public_key(tmp_path, "server")
    with pytest.raises(FileExistsError, match="already exists"):
        generate_keypair(tmp_path, "server")
    with pytest.raises(ValueError, match="not accepted"):
        generate_keypair(tmp_path, "../evil")
    os.chmod(secret, 0o644)
    with pytest.raises(PermissionError, match="chmod 600"):
        load_keypair(tmp_path, "server")
    with pytest.raises(FileNotFoundError, match="keys generate"):
        load_keypair(tmp_path, "nobody")
    app = typer.Typer()
    app.add_typer(keys_app, name="keys")
    app.add_typer(reasoner_app, name="reasoner")
    result = CliRunner().invoke(app, ["keys", "generate", "--dir", str(tmp_path / "cli"), "--name", "robot"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cli" / "robot.key").is_file() and (tmp_path / "cli" / "robot.key_secret").is_file()
    refused = CliRunner().invoke(app, ["reasoner", "serve", "--bind", "tcp://0.0.0.0:5555"])
    assert refused.exit_code == 2 and "not loopback" in refused.output
