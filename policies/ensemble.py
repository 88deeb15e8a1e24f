"""Join several contract policies into one ONNX file: the mean of their action chunks, or members that take turns.

Why: two ring students trained with different experts fail differently (v3 stops above the peg, v4 lets the
ring go beside it), and the mean of their chunks succeeds where either alone fails: over 150 unseen seeds the
pair scored 130/150 against 114 and 113 alone. One file keeps the policy contract (the same inputs fed to
every member, one ``actions`` output), so the loop, int8 calibration and the boards see one policy.

The mean costs every member's FLOPs on every inference. Members that take turns (:func:`turns_policies`) cost one
member's: inference ``k`` runs member ``k mod N`` alone, and the loop's ensemble mode, which averages the chunks
of the last ticks, averages the members over time instead (stop 51, the cable pair, int8: 434/520 taking turns
against 421/520 as a mean, on the same seeds).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper

from robotstack.atomic import atomic_path
from robotstack.policies.branches import branch_graph, has_branches, if_chain, nested_graphs, standalone
from robotstack.policy import OUTPUT, TURN_INPUT, sha256_of

ENSEMBLE_KEY = "robotstack.ensemble"
"""Metadata key listing the members (file name, sha256, their own training metadata)."""
TURNS_KEY = "robotstack.turns"
"""Metadata key listing the members of a file whose members take turns, as :data:`ENSEMBLE_KEY` does."""
_SHARED_IO = "robotstack.io"


class EnsembleError(ValueError):
    """The members cannot be joined: they disagree on the contract, or there are fewer than two."""


def prefixed_graph(graph: onnx.GraphProto, prefix: str, shared: set[str]) -> onnx.GraphProto:
    """A copy of ``graph`` with every name except the shared inputs prefixed, so members cannot collide."""
    graph = onnx.GraphProto.FromString(graph.SerializeToString())

    def rename(name: str) -> str:
        return name if not name or name in shared else prefix + name

    for i, node in enumerate(graph.node):
        node.name = prefix + (node.name or f"unnamed_{i}")  # names must stay unique once several graphs are joined
        node.input[:] = [rename(n) for n in node.input]
        node.output[:] = [rename(n) for n in node.output]
    for tensor in graph.initializer:
        tensor.name = rename(tensor.name)
    for info in (*graph.value_info, *graph.output):
        info.name = rename(info.name)
    return graph


def checked_members(members: list[Path]) -> tuple[list[onnx.ModelProto], list[dict[str, str]]]:
    """The members' models and metadata, once they are shown to take the same inputs and contract I/O and to give
    one ``actions`` output; EnsembleError naming the member that does not."""
    models = [onnx.load(str(m)) for m in members]
    metas = [{p.key: p.value for p in m.metadata_props} for m in models]
    shared = {i.name for i in models[0].graph.input} - {TURN_INPUT}
    for path, meta, model in zip(members, metas, models):
        if meta.get(_SHARED_IO) != metas[0].get(_SHARED_IO):
            raise EnsembleError(f"{path}: its contract I/O ({_SHARED_IO}) differs from {members[0]}'s; members must "
                                "take the same cameras, image size, chunk and action space")
        if [o.name for o in model.graph.output] != [OUTPUT]:
            raise EnsembleError(f"{path}: outputs {[o.name for o in model.graph.output]}; expected [{OUTPUT!r}]")
        if {x.name for x in model.graph.input} - {TURN_INPUT} != shared:
            raise EnsembleError(f"{path}: inputs differ from {members[0]}'s")
    return models, metas


def _joinable(members: list[Path]) -> tuple[list[onnx.ModelProto], list[dict[str, str]]]:
    """:func:`checked_members`, once ``members`` are shown to be two or more plain policies (not joined files)."""
    if len(members) < 2:
        raise EnsembleError(f"an ensemble needs at least two member policies; got {len(members)}")
    models, metas = checked_members(members)
    for path, meta, model in zip(members, metas, models):
        if ENSEMBLE_KEY in meta or TURNS_KEY in meta:
            raise EnsembleError(f"{path} is an ensemble already; join its members instead")
        if has_branches(model.graph):  # its branches read names prefixing would change
            raise EnsembleError(f"{path} routes skills (robotstack route); join each skill's members, then route "
                                "the ensembles")
    return models, metas


def ensemble_policies(members: list[Path], out: Path) -> Path:
    """Write ``out``: the members' graphs side by side on shared inputs, their ``actions`` averaged (ONNX Mean)."""
    models, metas = _joinable(members)
    inputs = list(models[0].graph.input)
    shared = {i.name for i in inputs}
    nodes, initializers, value_info, member_outputs = [], [], [], []
    for i, model in enumerate(models):
        graph = prefixed_graph(model.graph, f"m{i}/", shared)
        nodes += graph.node
        initializers += graph.initializer
        value_info += [*graph.value_info, *graph.output]
        member_outputs.append(graph.output[0].name)
    nodes.append(helper.make_node("Mean", member_outputs, [OUTPUT], name="ensemble_mean"))
    graph = helper.make_graph(nodes, "ensemble", inputs, [models[0].graph.output[0]], initializers,
                              value_info=value_info)
    model = helper.make_model(graph, opset_imports=models[0].opset_import, ir_version=models[0].ir_version)
    return write_joined(model, members, metas, ENSEMBLE_KEY, out)


def turns_policies(members: list[Path], out: Path) -> Path:
    """Write ``out``: the members on shared inputs plus ``turn`` (int64 [1], fed by the runtime: its inferences this
    episode); inference ``turn`` runs member ``turn mod N`` alone, through a chain of ``If`` nodes. Members of any
    precision join as they are (quantize each alone, then join the int8 files)."""
    models, metas = _joinable(members)
    shared = {i.name for i in models[0].graph.input}
    turn = helper.make_tensor_value_info(TURN_INPUT, onnx.TensorProto.INT64, [1])
    count = numpy_helper.from_array(np.array([len(models)], dtype=np.int64), "turns/count")
    nodes = [helper.make_node("Mod", [TURN_INPUT, count.name], ["turns/member_batch"], name="turns/mod"),
             helper.make_node("ReduceMax", ["turns/member_batch"], ["turns/member"], keepdims=0, name="turns/scalar")]
    labels = [f"m{i}" for i in range(len(models))]
    branches = [branch_graph(prefixed_graph(m.graph, f"{label}/", shared), _turn_branch_name(i))
                for i, (label, m) in enumerate(zip(labels, models))]
    chain, constants = if_chain("turns/member", branches, labels, OUTPUT, "turns")
    graph = helper.make_graph(nodes + chain, "turns", [*models[0].graph.input, turn], [models[0].graph.output[0]],
                              [count, *constants])
    model = helper.make_model(graph, opset_imports=models[0].opset_import, ir_version=models[0].ir_version)
    return write_joined(model, members, metas, TURNS_KEY, out)


def _turn_branch_name(index: int) -> str:
    return f"turn_{index}"


def ensemble_member(ensemble: Path, index: int, out: Path) -> Path:
    """Write ``out``: member ``index`` (from 0) of a file :func:`ensemble_policies` or :func:`turns_policies` wrote, as
    the standalone contract policy it was joined from (its names unprefixed, its own metadata back at the top), so one
    member can be evaluated alone or trained on (``robotstack train --init``). It computes what that member computed."""
    model = onnx.load(str(ensemble))
    meta = {p.key: p.value for p in model.metadata_props}
    key = next((k for k in (ENSEMBLE_KEY, TURNS_KEY) if k in meta), None)
    if key is None:
        raise EnsembleError(f"{ensemble} is not an ensemble (no {ENSEMBLE_KEY} or {TURNS_KEY} metadata): it is one "
                            "policy already")
    listing = json.loads(meta.pop(key))
    if not 0 <= index < len(listing):
        raise EnsembleError(f"{ensemble} has {len(listing)} members; member index {index} is not one of "
                            f"0..{len(listing) - 1}")
    prefix = f"m{index}/"  # what ensemble_policies and turns_policies put before every name but the shared inputs
    member = _turn_branch(model, index, ensemble) if key == TURNS_KEY else _mean_member(model, prefix, index, ensemble)
    alone = standalone(member, prefix, model, f"member_{index}", optional=frozenset({TURN_INPUT}))
    return write_checked(alone, {**meta, **listing[index]["metadata"]}, out)


def _turn_branch(model: onnx.ModelProto, index: int, source: Path) -> onnx.GraphProto:
    """Member ``index``'s network in a file whose members take turns: the ``If`` branch that holds it."""
    branch = next((g for g in nested_graphs(model.graph) if g.name == _turn_branch_name(index)), None)
    if branch is None:
        raise EnsembleError(f"{source} lists member {index} but has no branch {_turn_branch_name(index)}: not a file "
                            "robotstack ensemble --turns wrote, or a damaged one")
    return branch


def _mean_member(model: onnx.ModelProto, prefix: str, index: int, source: Path) -> onnx.GraphProto:
    """Member ``index``'s network in a file whose members are averaged: the nodes and tensors under its ``prefix``."""
    nodes = [n for n in model.graph.node if n.name.startswith(prefix)]
    initializers = [t for t in model.graph.initializer if t.name.startswith(prefix)]
    own = {i.name for i in model.graph.input} | {t.name for t in initializers} | {o for n in nodes for o in n.output}
    if not nodes or any(name and name not in own for n in nodes for name in n.input):
        raise EnsembleError(f"{source}: member {index} reads tensors outside itself (an int8 or fp16 conversion "
                            "shares them between members): take a member out of the fp32 ensemble robotstack "
                            "ensemble wrote")
    value_info = [v for v in model.graph.value_info if v.name.startswith(prefix) and v.name != prefix + OUTPUT]
    return helper.make_graph(nodes, f"member_{index}", [], [], initializers, value_info=value_info)


def write_joined(model: onnx.ModelProto, members: list[Path], metas: list[dict[str, str]], listing_key: str,
                 out: Path, labels: list[str] | None = None) -> Path:
    """Check ``model`` (the members joined into one graph) and write it to ``out`` atomically, with the metadata
    every member agrees on (the contract) at the top and, under ``listing_key``, each member's file, sha256 and the
    rest of its metadata (normalisation statistics, training recipe): a list, or keyed by ``labels``."""
    common = {k: v for k, v in metas[0].items() if all(m.get(k) == v for m in metas[1:])}
    entries = [{"file": Path(p).name, "sha256": sha256_of(p),
                "metadata": {k: v for k, v in meta.items() if k not in common}} for p, meta in zip(members, metas)]
    listing = entries if labels is None else dict(zip(labels, entries))
    return write_checked(model, {**common, listing_key: json.dumps(listing)}, out)


def write_checked(model: onnx.ModelProto, metadata: dict[str, str], out: Path) -> Path:
    """Add ``metadata`` to ``model``, check it and write it to ``out`` atomically (never a half-written policy)."""
    for key, value in metadata.items():
        model.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(model)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as tmp:
        onnx.save(model, str(tmp))
    return out
