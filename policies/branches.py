"""ONNX ``If`` chains: one graph that holds several networks and runs exactly one of them per inference.

Why: a skill-routed policy (:mod:`robotstack.policies.routing`) runs the network of the instruction's skill, and
members that take turns (:func:`robotstack.policies.ensemble.turns_policies`) run one member per inference; either
way an inference costs one network's FLOPs, not the sum, and the file still keeps the policy contract.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def topologically_sorted(nodes: list[onnx.NodeProto]) -> list[onnx.NodeProto]:
    """``nodes`` with each after the nodes that produce its inputs. ONNX Runtime runs an unsorted graph (the fp16
    converter appends its input casts last), but the checker refuses one inside an ``If`` branch."""
    producer = {out: i for i, node in enumerate(nodes) for out in node.output if out}
    done: set[int] = set()
    ordered: list[onnx.NodeProto] = []

    def visit(i: int) -> None:
        if i in done:
            return
        done.add(i)
        for name in nodes[i].input:
            if name in producer:
                visit(producer[name])
        ordered.append(nodes[i])

    for i in range(len(nodes)):
        visit(i)
    return ordered


def branch_graph(member: onnx.GraphProto, name: str) -> onnx.GraphProto:
    """``member`` as an ``If`` branch: no inputs of its own (it reads the outer graph's), one output."""
    return helper.make_graph(topologically_sorted(list(member.node)), name, [], [member.output[0]],
                             list(member.initializer), value_info=list(member.value_info))


def if_chain(index: str, branches: list[onnx.GraphProto], labels: list[str], output: str,
             prefix: str) -> tuple[list[onnx.NodeProto], list[onnx.TensorProto]]:
    """Nodes (and their constants) that run ``branches[i]`` where the int64 scalar tensor ``index`` equals ``i``
    (the last branch where no earlier one matched) and write its output to ``output``. ``labels`` name each
    branch's test and ``If`` node under ``prefix``."""
    chain = branches[-1]
    for i in range(len(branches) - 2, -1, -1):
        is_label = f"{prefix}/is_{labels[i]}"
        constant = numpy_helper.from_array(np.array(i, dtype=np.int64), f"{prefix}/index_{labels[i]}")
        result = output if i == 0 else f"{prefix}/actions_from_{labels[i]}"
        test = helper.make_node("Equal", [index, constant.name], [is_label], name=f"{is_label}_test")
        choose = helper.make_node("If", [is_label], [result], name=f"{prefix}/if_{labels[i]}",
                                  then_branch=branches[i], else_branch=chain)
        if i == 0:
            return [test, choose], [constant]
        # nested: the test and its constant live inside the outer If's else branch
        chain = helper.make_graph([test, choose], f"{prefix}_from_{labels[i]}", [],
                                  [helper.make_tensor_value_info(result, TensorProto.FLOAT, None)], [constant])
    raise ValueError(f"an If chain needs at least two branches; got {len(branches)}")


def nested_graphs(graph: onnx.GraphProto) -> Iterator[onnx.GraphProto]:
    """Every graph nested in ``graph``'s ``If`` nodes, at any depth."""
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                yield attribute.g
                yield from nested_graphs(attribute.g)


def has_branches(graph: onnx.GraphProto) -> bool:
    """Whether ``graph`` holds ``If`` nodes (a routed file, or members that take turns)."""
    return any(node.op_type == "If" for node in graph.node)


def reads(graph: onnx.GraphProto, name: str) -> bool:
    """Whether any node of ``graph``, or of a graph nested in it, reads the tensor ``name``."""
    return any(name in node.input for g in (graph, *nested_graphs(graph)) for node in g.node)


def standalone(branch: onnx.GraphProto, prefix: str, outer: onnx.ModelProto, name: str,
               optional: frozenset[str] = frozenset()) -> onnx.ModelProto:
    """The network of ``branch`` (its names made under ``prefix``) as a model of its own on ``outer``'s inputs and
    output (of the ``optional`` inputs, only those it reads): what it was before it was joined into ``outer``."""
    graph = onnx.GraphProto.FromString(branch.SerializeToString())
    for node in graph.node:
        node.name = node.name.removeprefix(prefix)
        node.input[:] = [n.removeprefix(prefix) for n in node.input]
        node.output[:] = [n.removeprefix(prefix) for n in node.output]
    for named in (*graph.initializer, *graph.value_info):
        named.name = named.name.removeprefix(prefix)
    inputs = [i for i in outer.graph.input if i.name not in optional or reads(graph, i.name)]
    member = helper.make_graph(list(graph.node), name, inputs, [outer.graph.output[0]], list(graph.initializer),
                               value_info=list(graph.value_info))
    return helper.make_model(member, opset_imports=outer.opset_import, ir_version=outer.ir_version)
