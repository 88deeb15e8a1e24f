"""Latency projection of an ONNX model on a hardware profile: a per-node roofline, checked on the host.

Why: "does this policy meet 20 Hz on an Orin Nano?" has to be answerable before anyone holds the board.
The projection counts each node's arithmetic (FLOPs) and memory traffic (bytes) from the ONNX graph and
divides them by the board's peaks derated by the profile's efficiency factors. Every figure says whether
it is *projected* or *measured*, every projection lists its assumptions, and on ``host`` — the one board
we can run on — :func:`calibrate_on_host` measures the model with onnxruntime and reports the error.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import onnx
import onnxruntime as ort
from google.protobuf.message import DecodeError
from onnx import TensorProto, shape_inference

from robotstack.profiles import PEAK_FIELDS, Precision, Profile, load_profile

Kind = Literal["projected", "measured"]
Bound = Literal["compute", "bandwidth", "overhead"]
Counted = Literal["flops+bytes", "bytes only", "view", "shapes unknown"]
ModelSource = str | os.PathLike[str] | onnx.ModelProto

SYMBOLIC_DIM_VALUE = 1
"""Value given to symbolic dimensions (batch, sequence): the policy runs at batch 1 on the robot."""

NOTES: tuple[str, ...] = (
    "nodes computed from constants alone, and shape queries on static shapes with the arithmetic on them,"
    " are folded when the session loads (as every runtime does) and cost nothing",
    "per node: time = max(flops / (peak x compute efficiency), bytes / (bandwidth x bandwidth efficiency))"
    " + per-node overhead; total = sum over nodes + fixed overhead",
    "peaks are dense (no structured sparsity); every node runs on the first execution provider, one at a time",
    "every node reads its inputs (weights included) and writes its outputs once; a node whose bytes fit the"
    " profile's last-level cache (memory.cache_mb) moves them at the cache bandwidth, others at DRAM bandwidth;"
    " a profile without cache figures puts every byte through DRAM (pessimistic for small policies)",
    "float tensors are sized at the precision their node runs at; quantized ops, and Conv/ConvTranspose/"
    "MatMul/Gemm fed by DequantizeLinear, run at int8, and the Q/DQ nodes around them are fused (cost nothing)",
    "an activation fed only by a Conv/Gemm/MatMul is fused into it (cost nothing), as every mainstream EP does",
    "FLOPs: 2 per multiply-accumulate; 1 per output element for elementwise ops, a few for normalisation and"
    " softmax, the window size for pooling; unknown ops count bytes only",
    f"symbolic dimensions (batch, sequence) are set to {SYMBOLIC_DIM_VALUE}",
)


class ProjectionError(Exception):
    """The model cannot be projected on the profile (e.g. the board has no peak at a node's precision)."""


@dataclass(frozen=True)
class Figure:
    """A number with its unit and whether it was projected or measured."""

    value: float
    unit: str
    kind: Kind

    def __str__(self) -> str:
        return f"{self.value:.3g} {self.unit} ({self.kind})"


@dataclass(frozen=True)
class NodeProjection:
    """One graph node: what it costs and which term of the roofline dominates its time."""

    name: str
    op_type: str
    precision: Precision
    flops: int
    bytes: int
    time: Figure
    bound: Bound
    counted: Counted


@dataclass(frozen=True)
class Assumptions:
    """Everything the projection assumed, so a reader can judge (and redo) it."""

    precision: Precision
    """The precision float nodes run at (the profile's deploy precision unless overridden)."""
    peak_tops: dict[str, float | None]
    """Dense peak by precision, tera-operations per second."""
    bandwidth_gb_s: float
    cache_mb: float | None
    """Last-level cache; a node whose bytes fit moves them at ``cache_bandwidth_gb_s``. None: no cache tier."""
    cache_bandwidth_gb_s: float | None
    figure_kinds: dict[str, str]
    """For each peak and the bandwidth: 'measured' on this machine or 'specified' in the profile."""
    compute_efficiency: float
    compute_efficiency_int8: float
    bandwidth_efficiency: float
    node_overhead_us: float
    fixed_overhead_ms: float
    notes: tuple[str, ...] = NOTES


@dataclass(frozen=True)
class Projection:
    """The projected latency of one model on one profile, node by node."""

    model: str
    profile: str
    total: Figure
    budget_ms: float
    nodes: tuple[NodeProjection, ...]
    compute_bound: int
    bandwidth_bound: int
    overhead_bound: int
    total_flops: int
    total_bytes: int
    fused_nodes: tuple[str, ...]
    unknown_ops: tuple[str, ...]
    unresolved_nodes: tuple[str, ...]
    """Nodes with a tensor whose shape inference could not give: their counts are lower bounds."""
    assumptions: Assumptions

    @property
    def meets_budget(self) -> bool:
        """Whether the projected total fits the profile's inference budget."""
        return self.total.value <= self.budget_ms


@dataclass(frozen=True)
class Measurement:
    """Latency of a model measured with onnxruntime on this machine."""

    model: str
    median: Figure
    """Over every run."""
    p99: Figure
    steady: Figure
    """The lowest of the sessions' medians: what the model takes when nothing else interferes."""
    runs: int
    sessions: int
    """Fresh sessions the runs were split across, in turn (each with its own warm-up)."""
    warmup: int
    threads: int | None
    """intra-op threads; None means onnxruntime's default (one per physical core)."""
    provider: str


@dataclass(frozen=True)
class Calibration:
    """A host projection next to a host measurement of the same model."""

    projection: Projection
    measurement: Measurement
    error_pct: float
    """(projected - measured steady) / measured steady x 100: positive when the projection is pessimistic."""


# --- operator tables -------------------------------------------------------------------------------------

_PER_OUTPUT_ELEMENT: dict[str, int] = {
    **dict.fromkeys(
        "Add Sub Mul Div Pow Max Min Sum Mean Where Neg Abs Sqrt Reciprocal Exp Log Erf Sin Cos Floor Ceil"
        " Round Sign Equal Less Greater LessOrEqual GreaterOrEqual And Or Not Xor Relu LeakyRelu PRelu Elu"
        " Selu Celu Sigmoid HardSigmoid Tanh Softplus Softsign HardSwish Mish Gelu FastGelu BiasGelu QuickGelu"
        " Clip Mod QuantizeLinear DequantizeLinear DynamicQuantizeLinear QLinearAdd QLinearMul QLinearSigmoid"
        " QLinearLeakyRelu".split(),
        1,
    ),
    "BatchNormalization": 2,
    "Resize": 4,
    "Softmax": 5,
    "LogSoftmax": 5,
    "QLinearSoftmax": 5,
    "LpNormalization": 3,
    **dict.fromkeys(
        "LayerNormalization SimplifiedLayerNormalization SkipLayerNormalization RMSNormalization"
        " InstanceNormalization GroupNormalization MeanVarianceNormalization".split(),
        8,
    ),
}
"""Operations per output element for elementwise, normalisation and softmax-like ops."""

_PER_INPUT_ELEMENT = frozenset(
    "ReduceMean ReduceSum ReduceMax ReduceMin ReduceProd ReduceL1 ReduceL2 ReduceSumSquare ReduceLogSumExp"
    " GlobalAveragePool GlobalMaxPool QLinearGlobalAveragePool ArgMax ArgMin CumSum".split()
)
_WINDOWED_POOLS = frozenset({"MaxPool", "AveragePool", "LpPool", "QLinearAveragePool"})
_MOVEMENT = frozenset(
    "Concat QLinearConcat Transpose Slice Gather GatherElements GatherND Split Pad Expand Tile Cast CastLike"
    " DepthToSpace SpaceToDepth ScatterND ScatterElements ConstantOfShape Range OneHot Trilu".split()
)
"""Ops that move data but do no arithmetic: bytes only, and not 'unknown'."""
_VIEWS = frozenset({"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Shape", "Size", "Dropout"})
"""Ops that change metadata only (or vanish at inference): no FLOPs, no bytes, per-node overhead only."""

_CONV_WEIGHT = {"Conv": 1, "ConvInteger": 1, "QLinearConv": 3}
_CONV_BIAS = {"Conv": 2, "QLinearConv": 8}
_MATMULS = frozenset({"MatMul", "MatMulInteger", "QLinearMatMul"})
_QUANTIZED_OPS = frozenset(
    "ConvInteger QLinearConv MatMulInteger QLinearMatMul QLinearAdd QLinearMul QLinearSigmoid QLinearLeakyRelu"
    " QLinearSoftmax QLinearConcat QLinearAveragePool QLinearGlobalAveragePool".split()
)
"""Ops that compute on integers: they run at int8 whatever the deploy precision."""
_QDQ_COMPUTE = frozenset({"Conv", "ConvTranspose", "MatMul", "Gemm"})
"""Float ops that run at int8 when both data inputs come from DequantizeLinear (the QDQ format)."""

_KNOWN_OPS = frozenset(
    {*_PER_OUTPUT_ELEMENT, *_PER_INPUT_ELEMENT, *_WINDOWED_POOLS, *_MOVEMENT, *_VIEWS, *_CONV_WEIGHT, *_MATMULS}
    | {"ConvTranspose", "Gemm"}
)

_FLOAT_TYPES = {TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.BFLOAT16, TensorProto.DOUBLE}
_HALF_TYPES = {TensorProto.FLOAT16, TensorProto.BFLOAT16}

_ORT_DTYPES: dict[str, type[np.generic]] = {
    "tensor(float)": np.float32,
    "tensor(float16)": np.float16,
    "tensor(double)": np.float64,
    "tensor(int64)": np.int64,
    "tensor(int32)": np.int32,
    "tensor(int8)": np.int8,
    "tensor(uint8)": np.uint8,
    "tensor(bool)": np.bool_,
}


# --- the graph, with shapes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tensor:
    shape: tuple[int, ...] | None
    elem_type: int

    @property
    def numel(self) -> int | None:
        return None if self.shape is None else math.prod(self.shape)

    def nbytes(self, precision: Precision) -> int | None:
        """Size when stored at ``precision``: float tensors shrink to it, integer tensors keep their type."""
        if self.numel is None:
            return None
        itemsize = onnx.helper.tensor_dtype_to_np_dtype(self.elem_type).itemsize
        if self.elem_type in _FLOAT_TYPES:
            itemsize = min(itemsize, precision.itemsize)
        return self.numel * itemsize


class _Graph:
    """The model's main graph after shape inference, with tensor shapes and producer/consumer links."""

    def __init__(self, model: onnx.ModelProto) -> None:
        model = _fix_symbolic_inputs(model)
        try:
            graph = shape_inference.infer_shapes(model, strict_mode=False, data_prop=True).graph
        except Exception as exc:  # onnx raises several unrelated types here
            raise ProjectionError(f"shape inference failed: {exc}") from exc
        self.tensors: dict[str, _Tensor] = {}
        for value in [*graph.input, *graph.value_info, *graph.output]:
            self.tensors[value.name] = _tensor_of(value)
        for init in graph.initializer:
            self.tensors[init.name] = _Tensor(tuple(init.dims), init.data_type)
        # Constants fold away when a session loads; shape inference sizes their outputs like initializers.
        self.nodes = [node for node in graph.node if node.op_type != "Constant"]
        self.constants = {init.name for init in graph.initializer} | {
            out for node in graph.node if node.op_type == "Constant" for out in node.output}
        self.producer = {out: node for node in self.nodes for out in node.output if out}
        self.consumers: dict[str, list[onnx.NodeProto]] = {}
        for node in self.nodes:
            for name in node.input:
                self.consumers.setdefault(name, []).append(node)
        unknown = [out for node in self.nodes for out in node.output if out and self.shape(out) is None]
        if unknown:
            self.tensors.update(_observed_shapes(model, unknown))

    def shape(self, name: str) -> tuple[int, ...] | None:
        tensor = self.tensors.get(name)
        return None if tensor is None else tensor.shape

    def io(self, node: onnx.NodeProto) -> list[str]:
        """The node's distinct non-empty input and output names."""
        return list(dict.fromkeys(n for n in [*node.input, *node.output] if n))


def _observed_shapes(model: onnx.ModelProto, names: list[str]) -> dict[str, _Tensor]:
    """Shapes static inference could not give (e.g. a Slice whose bounds are computed from a Shape), read off
    one onnxruntime run at batch 1 on random inputs. Names it cannot observe stay unknown."""
    probe = onnx.ModelProto()
    probe.CopyFrom(_fix_symbolic_inputs(model))
    probe.graph.output.extend(onnx.ValueInfoProto(name=name) for name in names)
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # keep every tensor
    options.log_severity_level = 3
    try:
        session = ort.InferenceSession(probe.SerializeToString(), options, providers=["CPUExecutionProvider"])
        values = session.run(names, _random_feeds(session.get_inputs()))
    except Exception:  # noqa: BLE001 — an op onnxruntime lacks, or inputs it cannot feed: counts stay lower bounds
        return {}
    return {name: _Tensor(tuple(value.shape), onnx.helper.np_dtype_to_tensor_dtype(value.dtype))
            for name, value in zip(names, values) if isinstance(value, np.ndarray)}


def _fix_symbolic_inputs(model: onnx.ModelProto) -> onnx.ModelProto:
    fixed = onnx.ModelProto()
    fixed.CopyFrom(model)
    initializers = {init.name for init in fixed.graph.initializer}
    for value in fixed.graph.input:
        if value.name in initializers or not value.type.HasField("tensor_type"):
            continue
        for dim in value.type.tensor_type.shape.dim:
            if not dim.HasField("dim_value"):
                dim.dim_value = SYMBOLIC_DIM_VALUE
    return fixed


def _tensor_of(value: onnx.ValueInfoProto) -> _Tensor:
    tensor_type = value.type.tensor_type
    if not tensor_type.HasField("shape"):
        return _Tensor(None, tensor_type.elem_type)
    dims = tensor_type.shape.dim
    if all(d.HasField("dim_value") for d in dims):
        return _Tensor(tuple(d.dim_value for d in dims), tensor_type.elem_type)
    return _Tensor(None, tensor_type.elem_type)


# --- counting --------------------------------------------------------------------------------------------


def _count(node: onnx.NodeProto, graph: _Graph, precision: Precision) -> tuple[int, int, Counted]:
    """FLOPs, bytes moved and how they were counted, for one node running at ``precision``."""
    if node.op_type in _VIEWS:
        return 0, 0, "view"
    sizes = [graph.tensors[n].nbytes(precision) if n in graph.tensors else None for n in graph.io(node)]
    flops = _count_flops(node, graph.shape) if node.op_type in _KNOWN_OPS else 0
    counted: Counted = "flops+bytes" if node.op_type in _KNOWN_OPS else "bytes only"
    if flops is None or None in sizes:
        counted = "shapes unknown"
    return flops or 0, sum(s for s in sizes if s is not None), counted


def _count_flops(node: onnx.NodeProto, shape: Callable[[str], tuple[int, ...] | None]) -> int | None:
    """Arithmetic operations of a known op (2 per multiply-accumulate); None when a needed shape is unknown."""
    op = node.op_type
    if op in _MOVEMENT:
        return 0
    y = shape(node.output[0])
    if y is None:
        return None
    out = math.prod(y)
    if op in _CONV_WEIGHT:
        w = shape(node.input[_CONV_WEIGHT[op]])
        if w is None:
            return None
        return 2 * out * math.prod(w[1:]) + (out if _has_input(node, _CONV_BIAS.get(op)) else 0)
    if op == "ConvTranspose":
        x, w = shape(node.input[0]), shape(node.input[1])
        if x is None or w is None:
            return None
        return 2 * math.prod(x) * math.prod(w[1:]) + (out if _has_input(node, 2) else 0)
    if op == "Gemm":
        a = shape(node.input[0])
        if a is None:
            return None
        k = a[0] if _attribute(node, "transA", 0) else a[1]
        return 2 * out * k + (out if _has_input(node, 2) else 0)
    if op in _MATMULS:
        a = shape(node.input[0])
        return None if a is None else 2 * out * a[-1]
    if op in _PER_OUTPUT_ELEMENT:
        return _PER_OUTPUT_ELEMENT[op] * out
    if op in _PER_INPUT_ELEMENT:
        x = shape(node.input[0])
        return None if x is None else math.prod(x)
    return out * math.prod(_attribute(node, "kernel_shape", [1]))  # the windowed pools


def _has_input(node: onnx.NodeProto, index: int | None) -> bool:
    return index is not None and len(node.input) > index and bool(node.input[index])


def _attribute(node: onnx.NodeProto, name: str, default: Any) -> Any:
    for attr in node.attribute:
        if attr.name == name:
            return onnx.helper.get_attribute_value(attr)
    return default


def _qdq_compute_nodes(graph: _Graph) -> set[int]:
    """Float compute nodes whose two data inputs both come from DequantizeLinear: they run at int8."""
    result = set()
    for node in graph.nodes:
        if node.op_type in _QDQ_COMPUTE and len(node.input) >= 2:
            producers = [graph.producer.get(name) for name in node.input[:2]]
            if all(p is not None and p.op_type == "DequantizeLinear" for p in producers):
                result.add(id(node))
    return result


def _fused_qdq_nodes(graph: _Graph, qdq_compute: set[int]) -> set[int]:
    """Q/DQ nodes that an EP folds into the int8 compute node next to them."""
    fused = set()
    for node in graph.nodes:
        if node.op_type == "DequantizeLinear":
            consumers = graph.consumers.get(node.output[0], [])
            if consumers and all(id(c) in qdq_compute for c in consumers):
                fused.add(id(node))
        elif node.op_type == "QuantizeLinear":
            producer = graph.producer.get(node.input[0])
            if producer is not None and id(producer) in qdq_compute:
                fused.add(id(node))
    return fused


_SHAPE_QUERIES = frozenset({"Shape", "Size"})


def _folded_nodes(graph: _Graph) -> set[int]:
    """Nodes every runtime folds into constants when the session loads, so they never run: those whose
    inputs are all constants, and shape queries on tensors whose shape is fully static (batch 1), with
    everything computed from them — the shape arithmetic an exporter emits around reshapes and chunks."""
    constant = set(graph.constants)
    folded = set()
    for node in graph.nodes:  # ONNX graphs are topologically sorted
        inputs = [name for name in node.input if name]
        static_query = (node.op_type in _SHAPE_QUERIES and inputs
                        and graph.shape(inputs[0]) is not None and all(d > 0 for d in graph.shape(inputs[0])))
        if static_query or (inputs and all(name in constant for name in inputs)):
            folded.add(id(node))
            constant.update(out for out in node.output if out)
    return folded


_ACTIVATIONS = {"Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip", "HardSigmoid", "HardSwish", "Elu", "Gelu"}
_FUSES_ACTIVATION = {"Conv", "ConvTranspose", "Gemm", "MatMul", "QLinearConv", "QLinearMatMul"}


def _fused_activation_nodes(graph: _Graph) -> set[int]:
    """Activations that every mainstream EP (TensorRT, ONNX Runtime CPU/CUDA, QNN, VitisAI) folds into the
    convolution or matrix product that alone feeds them: no launch, no extra memory round trip."""
    fused = set()
    for node in graph.nodes:
        if node.op_type in _ACTIVATIONS and node.input:
            producer = graph.producer.get(node.input[0])
            if (producer is not None and producer.op_type in _FUSES_ACTIVATION
                    and len(graph.consumers.get(node.input[0], [])) == 1):
                fused.add(id(node))
    return fused


def _node_precision(node: onnx.NodeProto, graph: _Graph, qdq_compute: set[int], floats: Precision) -> Precision:
    if node.op_type in _QUANTIZED_OPS or id(node) in qdq_compute:
        return Precision.INT8
    if any(graph.tensors.get(n, _Tensor(None, 0)).elem_type in _HALF_TYPES for n in graph.io(node)):
        return Precision.FP16
    return floats


# --- projection ------------------------------------------------------------------------------------------


def project(model: ModelSource, profile: Profile, *, precision: Precision | str | None = None) -> Projection:
    """Project the latency of ``model`` on ``profile`` with a per-node roofline (see :data:`NOTES`).

    ``precision`` is what the board runs the graph's float nodes at; by default the profile's deploy
    precision (an fp32 export deployed at int8 is projected as int8). Quantized nodes run at int8 anyway.
    """
    proto, label = _load(model)
    variants = _if_variants(proto)
    if len(variants) > 1:  # the budget must hold whichever branch runs: the costliest one is the projection
        projected = {branch: project(variant, profile, precision=precision) for branch, variant in variants.items()}
        branch = max(projected, key=lambda b: projected[b].total.value)
        return replace(projected[branch], model=f"{label} (costliest of {len(variants)} If paths: {branch})")
    floats = Precision(precision or profile.runtime.precision)
    graph = _Graph(proto)
    qdq_compute = _qdq_compute_nodes(graph)
    fused = _fused_qdq_nodes(graph, qdq_compute) | _fused_activation_nodes(graph) | _folded_nodes(graph)
    efficiency = profile.efficiency
    memory = profile.memory
    bandwidth = memory.bandwidth_gb_s * 1e9 * efficiency.bandwidth
    cache_bytes = (memory.cache_mb or 0.0) * 1e6
    cache_bandwidth = (memory.cache_bandwidth_gb_s or memory.bandwidth_gb_s) * 1e9 * efficiency.bandwidth
    overhead_s = efficiency.node_overhead_us * 1e-6

    rows: list[NodeProjection] = []
    fused_names: list[str] = []
    unknown_ops: list[str] = []
    unresolved: list[str] = []
    for index, node in enumerate(graph.nodes):
        name = node.name or f"{node.op_type}_{index}"
        if id(node) in fused:
            fused_names.append(name)
            continue
        node_precision = _node_precision(node, graph, qdq_compute, floats)
        flops, nbytes, counted = _count(node, graph, node_precision)
        if node.op_type not in _KNOWN_OPS:
            unknown_ops.append(node.op_type)
        if counted == "shapes unknown":
            unresolved.append(name)
        compute_s = 0.0
        if flops:
            peak = profile.compute.peak_ops_per_s(node_precision)
            if peak is None:
                raise ProjectionError(
                    f"profile '{profile.name}' has no {node_precision} peak (compute.{PEAK_FIELDS[node_precision]}"
                    f" is null), but node '{name}' ({node.op_type}) runs at {node_precision}; measure the model"
                    " instead, or project it at another precision"
                )
            compute_s = flops / (peak * efficiency.compute_at(node_precision))
        memory_s = nbytes / (cache_bandwidth if nbytes <= cache_bytes else bandwidth)
        terms: dict[Bound, float] = {"compute": compute_s, "bandwidth": memory_s, "overhead": overhead_s}
        time_s = max(compute_s, memory_s) + overhead_s
        rows.append(
            NodeProjection(
                name=name,
                op_type=node.op_type,
                precision=node_precision,
                flops=flops,
                bytes=nbytes,
                time=Figure(time_s * 1e3, "ms", "projected"),
                bound=max(terms, key=terms.__getitem__),
                counted=counted,
            )
        )

    total_ms = sum(r.time.value for r in rows) + efficiency.fixed_overhead_ms
    return Projection(
        model=label,
        profile=profile.name,
        total=Figure(total_ms, "ms", "projected"),
        budget_ms=profile.budgets.inference_ms,
        nodes=tuple(rows),
        compute_bound=sum(r.bound == "compute" for r in rows),
        bandwidth_bound=sum(r.bound == "bandwidth" for r in rows),
        overhead_bound=sum(r.bound == "overhead" for r in rows),
        total_flops=sum(r.flops for r in rows),
        total_bytes=sum(r.bytes for r in rows),
        fused_nodes=tuple(fused_names),
        unknown_ops=tuple(sorted(set(unknown_ops))),
        unresolved_nodes=tuple(unresolved),
        assumptions=_assumptions(profile, floats),
    )


def _if_variants(model: onnx.ModelProto) -> dict[str, onnx.ModelProto]:
    """One model per path through the main graph's ``If`` nodes (e.g. a skill-routed policy's members), each If
    replaced by the nodes of the branch taken; a graph without If is its own only variant. Keys name the path."""
    index = next((i for i, node in enumerate(model.graph.node) if node.op_type == "If"), None)
    if index is None:
        return {"": model}
    node = model.graph.node[index]
    variants: dict[str, onnx.ModelProto] = {}
    for attribute in node.attribute:  # then_branch, else_branch
        branch = attribute.g
        inlined = onnx.ModelProto()
        inlined.CopyFrom(model)
        graph = inlined.graph
        nodes = list(graph.node)
        taken = [*branch.node, onnx.helper.make_node("Identity", [branch.output[0].name], [node.output[0]])]
        graph.ClearField("node")
        graph.node.extend([*nodes[:index], *taken, *nodes[index + 1:]])
        graph.initializer.extend(branch.initializer)
        graph.value_info.extend(branch.value_info)
        for path, variant in _if_variants(inlined).items():
            variants[" / ".join(p for p in (branch.name, path) if p)] = variant
    return variants


def _assumptions(profile: Profile, floats: Precision) -> Assumptions:
    peaks = {p.value: profile.compute.peak_ops_per_s(p) for p in Precision}
    fields = [f"compute.{f}" for f in PEAK_FIELDS.values()] + [
        "memory.bandwidth_gb_s", "memory.cache_mb", "memory.cache_bandwidth_gb_s",
        "efficiency.node_overhead_us", "efficiency.fixed_overhead_ms"]
    return Assumptions(
        precision=floats,
        peak_tops={p: None if v is None else v / 1e12 for p, v in peaks.items()},
        bandwidth_gb_s=profile.memory.bandwidth_gb_s,
        cache_mb=profile.memory.cache_mb,
        cache_bandwidth_gb_s=profile.memory.cache_bandwidth_gb_s,
        figure_kinds={f: profile.figure_kind(f) for f in fields},
        compute_efficiency=profile.efficiency.compute,
        compute_efficiency_int8=profile.efficiency.compute_at(Precision.INT8),
        bandwidth_efficiency=profile.efficiency.bandwidth,
        node_overhead_us=profile.efficiency.node_overhead_us,
        fixed_overhead_ms=profile.efficiency.fixed_overhead_ms,
    )


def _load(model: ModelSource) -> tuple[onnx.ModelProto, str]:
    if isinstance(model, onnx.ModelProto):
        return model, model.graph.name or "<in-memory model>"
    path = Path(model)
    try:
        return onnx.load(path), path.name
    except (OSError, DecodeError) as exc:
        raise ProjectionError(f"{path}: cannot load the ONNX model: {exc}") from exc


# --- measurement on this machine -------------------------------------------------------------------------


def measure_on_host(model: ModelSource, *, runs: int = 50, warmup: int = 5, threads: int | None = None,
                    sessions: int = 1) -> Measurement:
    """Median and p99 latency of ``model`` with onnxruntime's CPU EP on random inputs (warm-up first), over
    ``runs`` split evenly across ``sessions`` fresh sessions, and the quietest session's median (``steady``)."""
    if runs < sessions or warmup < 0 or sessions < 1:
        raise ValueError("sessions must be >= 1, runs >= sessions and warmup >= 0")
    proto, label = _load(model)
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.inter_op_num_threads = 1
    if threads is not None:
        options.intra_op_num_threads = threads
    blocks = []
    for block_runs in np.diff(np.linspace(0, runs, sessions + 1).astype(int)):
        session = ort.InferenceSession(proto.SerializeToString(), options, providers=["CPUExecutionProvider"])
        feeds = _random_feeds(session.get_inputs())
        for _ in range(warmup):
            session.run(None, feeds)
        times_ms = np.empty(block_runs)
        for i in range(block_runs):
            start = time.perf_counter()
            session.run(None, feeds)
            times_ms[i] = (time.perf_counter() - start) * 1e3
        blocks.append(times_ms)
        del session  # its thread pool goes before the next one starts
    every = np.concatenate(blocks)
    return Measurement(
        model=label,
        median=Figure(float(np.median(every)), "ms", "measured"),
        p99=Figure(float(np.percentile(every, 99)), "ms", "measured"),
        steady=Figure(min(float(np.median(b)) for b in blocks), "ms", "measured"),
        runs=runs,
        sessions=sessions,
        warmup=warmup,
        threads=threads,
        provider="CPUExecutionProvider",
    )


CALIBRATION_SESSIONS = 5


def calibrate_on_host(
    model: ModelSource, *, profile: Profile | None = None, runs: int = 50, warmup: int = 5
) -> Calibration:
    """Project ``model`` on the host profile and measure it here; report how far the projection is off.

    The projection models a machine running nothing else, so it is compared with the quietest of
    :data:`CALIBRATION_SESSIONS` fresh sessions: on a shared virtual machine a session sometimes runs 10-40 %
    slower for its whole life (the shipped fp32 student: 0.30 ms in most sessions, 0.34-0.43 ms in some)."""
    profile = profile or load_profile("host")
    projection = project(model, profile)
    measurement = measure_on_host(model, runs=runs, warmup=warmup, threads=profile.runtime.intra_op_threads,
                                  sessions=min(CALIBRATION_SESSIONS, runs))
    measured = measurement.steady.value
    return Calibration(projection, measurement, (projection.total.value - measured) / measured * 100)


def _random_feeds(inputs: Sequence[ort.NodeArg]) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    feeds = {}
    for arg in inputs:
        if arg.type not in _ORT_DTYPES:
            raise ProjectionError(f"input '{arg.name}' has type {arg.type}, which cannot be fed random data")
        dtype = _ORT_DTYPES[arg.type]
        shape = [d if isinstance(d, int) else SYMBOLIC_DIM_VALUE for d in arg.shape]
        if np.issubdtype(dtype, np.floating):
            feeds[arg.name] = rng.standard_normal(shape).astype(dtype)
        else:
            feeds[arg.name] = np.zeros(shape, dtype=dtype)  # zeros are valid indices and ids
    return feeds
