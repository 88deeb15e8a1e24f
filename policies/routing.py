"""Join per-skill contract policies into one ONNX file that runs, each tick, the one its instruction's skill names.

Why: the language task asks one policy for every skill, and one network trained on all of them learns the ring
placements (about 89 %) but not the plug (4 of 28): its plug frames are a quarter of its data, and the plug needs
the cable student's options (wrist rays cut at the plug's heights, misaimed reaches and carries), which cannot be
calibrated for the rings' heights at once. A student trained on the language scene's plugs alone learns them as
the cable student does. One file keeps the policy contract (the same inputs, one ``actions`` output), so the loop,
the driver and the boards still see one language-conditioned policy: inside it, the instruction embedding is
matched to the skill vocabulary's phrasings (cosine, nearest phrasing) and an ONNX ``If`` runs that skill's
network alone, so an inference costs one member's FLOPs, not the sum.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper

from robotstack.policies.branches import branch_graph, if_chain, nested_graphs, standalone
from robotstack.policies.ensemble import checked_members, prefixed_graph, write_checked, write_joined
from robotstack.policy import OUTPUT, TEXT_INPUT, TURN_INPUT
from robotstack.skills import SKILLS, vocabulary

ROUTES_KEY = "robotstack.routes"
"""Metadata key listing the routes: skill -> the member's file name, sha256 and its own metadata."""


class RoutingError(ValueError):
    """The routes cannot be joined: a skill unknown or missing, or members that disagree on the contract."""


def _skill_index_nodes(phrases: np.ndarray, phrase_skills: np.ndarray) -> tuple[list, list]:
    """Nodes computing ``skill_index`` (int64 scalar): the skill of the vocabulary phrasing nearest (cosine) the
    instruction embedding. ``phrases`` (P, D) are L2-normalised; ``phrase_skills`` (P,) their skills' indices."""
    initializers = [numpy_helper.from_array(phrases.T.astype(np.float32), "route/phrases_t"),
                    numpy_helper.from_array(phrase_skills.astype(np.int64), "route/phrase_skills")]
    nodes = [
        helper.make_node("LpNormalization", [TEXT_INPUT], ["route/text_unit"], axis=1, p=2, name="route/normalise"),
        helper.make_node("MatMul", ["route/text_unit", "route/phrases_t"], ["route/cosine"], name="route/cosine"),
        helper.make_node("ArgMax", ["route/cosine"], ["route/nearest"], axis=1, keepdims=0, name="route/nearest"),
        helper.make_node("Gather", ["route/phrase_skills", "route/nearest"], ["route/skill_batch"], axis=0,
                         name="route/skill"),
        # batch 1 (the contract): the first row's skill decides
        helper.make_node("ReduceMax", ["route/skill_batch"], ["route/skill_index"], keepdims=0, name="route/first"),
    ]
    return nodes, initializers


def route_policies(routes: dict[str, Path], out: Path, phrase_embeddings: np.ndarray | None = None) -> Path:
    """Write ``out``: the policy of ``routes[skill]`` runs when the instruction names ``skill``. Every skill of
    :data:`robotstack.skills.SKILLS` needs a route. ``phrase_embeddings`` (one row per :func:`vocabulary`
    phrasing; default: embedded here with the MiniLM encoder) are what an instruction is matched against."""
    unknown = sorted(set(routes) - set(SKILLS))
    missing = sorted(set(SKILLS) - set(routes))
    if unknown or missing:
        raise RoutingError(f"routes for skills {sorted(routes)}: unknown {unknown}, missing {missing}; every skill "
                           f"of {sorted(SKILLS)} needs one policy")
    skills = list(routes)
    paths = [Path(routes[s]) for s in skills]
    try:
        models, metas = checked_members(paths)
    except ValueError as err:
        raise RoutingError(str(err)) from err
    for path, meta in zip(paths, metas):
        if ROUTES_KEY in meta:
            raise RoutingError(f"{path} routes skills already; route to its members instead")
    entries = vocabulary()
    if phrase_embeddings is None:
        from robotstack.policies.text_encoder import embed

        phrase_embeddings = embed([text for text, _ in entries])
    if phrase_embeddings.shape[0] != len(entries):
        raise RoutingError(f"{phrase_embeddings.shape[0]} phrase embeddings for {len(entries)} vocabulary phrasings")
    phrases = phrase_embeddings / np.linalg.norm(phrase_embeddings, axis=1, keepdims=True)
    phrase_skills = np.array([skills.index(subtask.skill) for _, subtask in entries])
    nodes, initializers = _skill_index_nodes(phrases, phrase_skills)

    inputs = [i for i in models[0].graph.input if i.name != TURN_INPUT]
    turn = next((i for m in models for i in m.graph.input if i.name == TURN_INPUT), None)
    if turn is not None:  # a route whose members take turns reads it: the routed file takes it, for that route
        inputs.append(turn)
    shared = {i.name for i in inputs}
    branches = [branch_graph(prefixed_graph(m.graph, f"{skill}/", shared), _branch_name(skill))
                for skill, m in zip(skills, models)]
    chain, constants = if_chain("route/skill_index", branches, skills, OUTPUT, "route")
    output = models[0].graph.output[0]
    graph = helper.make_graph(nodes + chain, "routes", inputs, [output], initializers + constants)
    model = helper.make_model(graph, opset_imports=models[0].opset_import, ir_version=models[0].ir_version)
    return write_joined(model, paths, metas, ROUTES_KEY, out, labels=skills)


def _branch_name(skill: str) -> str:
    """The name of the ``If`` branch that holds ``skill``'s network (what :func:`routed_member` looks for)."""
    return f"route_{skill}"


def routed_member(routed: Path, skill: str, out: Path) -> Path:
    """Write ``out``: the network ``routed`` runs for ``skill``, as the standalone contract policy it was routed from
    (its names unprefixed, its own metadata back at the top), so one route can be evaluated alone, joined into an
    ensemble or routed again beside a new network for another skill. It computes what the route computes."""
    model = onnx.load(str(routed))
    meta = {p.key: p.value for p in model.metadata_props}
    if ROUTES_KEY not in meta:
        raise RoutingError(f"{routed} routes no skills (no {ROUTES_KEY} metadata): it is a policy already")
    routes = json.loads(meta.pop(ROUTES_KEY))
    if skill not in routes:
        raise RoutingError(f"{routed} routes {sorted(routes)}; no {skill!r}")
    branch = next((g for g in nested_graphs(model.graph) if g.name == _branch_name(skill)), None)
    if branch is None:
        raise RoutingError(f"{routed} lists a {skill!r} route but has no branch {_branch_name(skill)}: not a file "
                           "robotstack route wrote, or a damaged one")
    # the prefix route_policies put before every name but the shared inputs
    member = standalone(branch, f"{skill}/", model, f"{skill}_policy", optional=frozenset({TURN_INPUT}))
    return write_checked(member, {**meta, **routes[skill]["metadata"]}, out)
