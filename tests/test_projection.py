"""Latency projection: exact counts on hand-built graphs, the roofline's monotonicity, host calibration."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from robotstack.profiles import Precision, Profile, load_profile
from robotstack.projection import ProjectionError, calibrate_on_host, project


def _model(
    nodes: list[onnx.NodeProto],
    inputs: dict[str, list[int | str]],
    outputs: dict[str, list[int | str] | None],
    weights: dict[str, np.ndarray] | None = None,
    elem_type: int = TensorProto.FLOAT,
) -> onnx.ModelProto:
    graph = helper.make_graph(
        nodes,
        "test",
        [helper.make_tensor_value_info(name, elem_type, shape) for name, shape in inputs.items()],
        [helper.make_tensor_value_info(name, elem_type, shape) for name, shape in outputs.items()],
        [numpy_helper.from_array(array, name) for name, array in (weights or {}).items()],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("custom.test", 1)])


def _weights(*shape: int, dtype: type[np.generic] = np.float32) -> np.ndarray:
    return np.ones(shape, dtype=dtype)


@pytest.fixture(scope="module")
def host() -> Profile:
    return load_profile("host")


@pytest.fixture(scope="module")
def nano() -> Profile:
    return load_profile("jetson-orin-nano-super")


def test_gemm_counts_are_exact(host: Profile) -> None:
    model = _model(
        [helper.make_node("Gemm", ["a", "w", "bias"], ["y"], transB=1)],
        {"a": [4, 8]},
        {"y": [4, 16]},
        {"w": _weights(16, 8), "bias": _weights(16)},
    )
    (node,) = project(model, host).nodes
    assert node.flops == 2 * 4 * 16 * 8 + 4 * 16  # multiply-accumulates, then the bias add
    assert node.bytes == (4 * 8 + 16 * 8 + 16 + 4 * 16) * 4
    assert node.precision is Precision.FP32 and node.counted == "flops+bytes"


def test_conv_counts_are_exact(host: Profile) -> None:
    model = _model(
        [helper.make_node("Conv", ["x", "w", "b"], ["y"], kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2])],
        {"x": [1, 3, 16, 16]},
        {"y": None},
        {"w": _weights(8, 3, 3, 3), "b": _weights(8)},
    )
    (node,) = project(model, host).nodes
    out = 1 * 8 * 8 * 8
    assert node.flops == 2 * out * 3 * 3 * 3 + out
    assert node.bytes == (3 * 16 * 16 + 8 * 27 + 8 + out) * 4


def test_grouped_conv_and_batched_matmul_counts(host: Profile) -> None:
    depthwise = _model(
        [helper.make_node("Conv", ["x", "w"], ["y"], kernel_shape=[3, 3], pads=[1, 1, 1, 1], group=4)],
        {"x": [1, 4, 8, 8]},
        {"y": None},
        {"w": _weights(4, 1, 3, 3)},
    )
    assert project(depthwise, host).nodes[0].flops == 2 * (4 * 8 * 8) * 9
    attention = _model(
        [helper.make_node("MatMul", ["q", "k"], ["s"])], {"q": [2, 3, 4, 5], "k": [2, 3, 5, 6]}, {"s": None}
    )
    assert project(attention, host).nodes[0].flops == 2 * (2 * 3 * 4 * 6) * 5


def test_symbolic_batch_is_projected_at_one(host: Profile) -> None:
    def gemm(batch: int | str) -> onnx.ModelProto:
        return _model(
            [helper.make_node("Gemm", ["a", "w"], ["y"])], {"a": [batch, 8]}, {"y": None}, {"w": _weights(8, 4)}
        )

    assert project(gemm("batch"), host).total_flops == project(gemm(1), host).total_flops == 2 * 4 * 8


def test_deploy_precision_shrinks_float_tensors(nano: Profile) -> None:
    model = _model([helper.make_node("Relu", ["x"], ["y"])], {"x": [1, 1000]}, {"y": None})
    assert project(model, nano).nodes[0].bytes == 2000  # int8 deploy: 1 byte per element
    assert project(model, nano, precision="fp32").nodes[0].bytes == 8000


def test_qdq_conv_runs_at_int8_and_its_q_dq_nodes_fuse(nano: Profile, host: Profile) -> None:
    scale, zero = np.array(0.1, np.float32), np.array(0, np.int8)
    model = _model(
        [
            helper.make_node("QuantizeLinear", ["x", "s", "z"], ["xq"], name="q_in"),
            helper.make_node("DequantizeLinear", ["xq", "s", "z"], ["xd"], name="dq_x"),
            helper.make_node("DequantizeLinear", ["wq", "s", "z"], ["wd"], name="dq_w"),
            helper.make_node("Conv", ["xd", "wd"], ["y"], name="conv", kernel_shape=[1, 1]),
            helper.make_node("QuantizeLinear", ["y", "s", "z"], ["yq"], name="q_out"),
        ],
        {"x": [1, 4, 8, 8]},
        {"yq": None},
        {"s": scale, "z": zero, "wq": np.ones((4, 4, 1, 1), np.int8)},
    )
    model.graph.output[0].type.tensor_type.elem_type = TensorProto.INT8
    projection = project(model, nano)
    assert set(projection.fused_nodes) == {"dq_x", "dq_w", "q_out"}
    by_name = {node.name: node for node in projection.nodes}
    assert by_name["conv"].precision is Precision.INT8 and by_name["conv"].flops == 2 * 4 * 64 * 4
    assert by_name["q_in"].op_type == "QuantizeLinear"  # the input quantization stays a node of its own
    assert project(model, host).nodes  # the host measures its int8 peak (MatMulInteger)
    no_int8 = host.model_copy(update={"compute": host.compute.model_copy(update={"int8_tops": None})})
    with pytest.raises(ProjectionError, match="no int8 peak"):
        project(model, no_int8)


def test_integer_ops_run_at_int8(nano: Profile) -> None:
    model = _model(
        [helper.make_node("MatMulInteger", ["a", "b"], ["y"])],
        {"a": [4, 8]},
        {"y": None},
        {"b": np.ones((8, 2), np.int8)},
        elem_type=TensorProto.INT8,
    )
    model.graph.output[0].type.tensor_type.elem_type = TensorProto.INT32
    (node,) = project(model, nano).nodes
    assert node.precision is Precision.INT8 and node.flops == 2 * 4 * 2 * 8
    assert node.bytes == 4 * 8 + 8 * 2 + 4 * 2 * 4  # int8 inputs, int32 output


def test_unknown_ops_count_bytes_and_are_listed(host: Profile) -> None:
    model = _model([helper.make_node("Mystery", ["x"], ["y"], domain="custom.test")], {"x": [2, 3]}, {"y": [2, 3]})
    projection = project(model, host)
    assert projection.unknown_ops == ("Mystery",)
    (node,) = projection.nodes
    assert node.counted == "bytes only" and node.flops == 0 and node.bytes == 2 * 6 * 4


def _small_cnn() -> onnx.ModelProto:
    return _model(
        [
            helper.make_node("Conv", ["x", "w1"], ["c1"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
            helper.make_node("Relu", ["c1"], ["r1"]),
            helper.make_node("Conv", ["r1", "w2"], ["c2"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]),
            helper.make_node("Relu", ["c2"], ["r2"]),
            helper.make_node("GlobalAveragePool", ["r2"], ["p"]),
            helper.make_node("Flatten", ["p"], ["f"]),
            helper.make_node("Gemm", ["f", "w3", "b3"], ["y"], transB=1),
        ],
        {"x": ["batch", 3, 32, 32]},
        {"y": None},
        {"w1": _weights(16, 3, 3, 3), "w2": _weights(32, 16, 3, 3), "w3": _weights(10, 32), "b3": _weights(10)},
    )


def _with(profile: Profile, *, tflops: float | None = None, gb_s: float | None = None) -> Profile:
    compute = profile.compute.model_copy(update={} if tflops is None else {"fp32_tflops": tflops})
    # Without a cache tier, so that DRAM bandwidth governs every byte.
    memory = profile.memory.model_copy(update={"cache_mb": None, "cache_bandwidth_gb_s": None}
                                       | ({} if gb_s is None else {"bandwidth_gb_s": gb_s}))
    return profile.model_copy(update={"compute": compute, "memory": memory})


def test_tensors_that_fit_the_cache_move_at_cache_bandwidth(host: Profile) -> None:
    small = _model([helper.make_node("Add", ["x", "x"], ["y"], name="add")], {"x": [1, 1000]}, {"y": None})
    big = _model([helper.make_node("Add", ["x", "x"], ["y"], name="add")], {"x": [1, 10_000_000]}, {"y": None})
    slow_dram = _with(host, tflops=1e3, gb_s=1.0)
    # No per-node overhead: the host's is measured at load and, on a busy machine, dwarfs 8 KB at 100 GB/s.
    slow_dram = slow_dram.model_copy(update={"efficiency": slow_dram.efficiency.model_copy(
        update={"node_overhead_us": 0.0})})
    cached = slow_dram.model_copy(update={"memory": slow_dram.memory.model_copy(
        update={"cache_mb": 1.0, "cache_bandwidth_gb_s": 100.0})})
    fits, spills = project(small, cached).nodes[0], project(big, cached).nodes[0]
    assert fits.bytes <= 1e6 < spills.bytes
    assert project(small, slow_dram).nodes[0].time.value > 10 * fits.time.value  # 8 KB at 100 GB/s, not 1 GB/s
    assert spills.time.value == pytest.approx(project(big, slow_dram).nodes[0].time.value)
    assert project(small, cached).assumptions.cache_mb == 1.0


def test_shapes_static_inference_misses_are_observed_and_shape_arithmetic_is_folded(host: Profile) -> None:
    # torch.chunk exports Slice bounds computed from Shape -> Gather -> Div: static inference loses the shape.
    nodes = [
        helper.make_node("Shape", ["x"], ["shape"], name="shape"),
        helper.make_node("Gather", ["shape", "one"], ["channels"], name="gather", axis=0),
        helper.make_node("Div", ["channels", "two"], ["half"], name="div"),
        helper.make_node("Slice", ["x", "zero", "half", "one"], ["first"], name="slice"),
        helper.make_node("Conv", ["first", "w"], ["y"], name="conv", kernel_shape=[1, 1]),
    ]
    model = _model(nodes, {"x": [1, 8, 4, 4]}, {"y": None},
                   {"one": np.array([1]), "two": np.array([2]), "zero": np.array([0]),
                    "w": np.ones((2, 4, 1, 1), np.float32)})
    projection = project(model, host)
    assert {"shape", "gather", "div"} <= set(projection.fused_nodes)
    conv = {n.name: n for n in projection.nodes}["conv"]
    assert conv.flops == 2 * 2 * 16 * 4 and conv.counted == "flops+bytes"


def test_projection_is_monotone_in_compute_and_bandwidth(host: Profile) -> None:
    model = _small_cnn()
    by_compute = [project(model, _with(host, tflops=t)).total.value for t in (0.01, 0.1, 1.0, 10.0)]
    by_bandwidth = [project(model, _with(host, gb_s=b)).total.value for b in (1.0, 10.0, 100.0, 1000.0)]
    assert by_compute == sorted(by_compute, reverse=True) and by_compute[0] > by_compute[-1]
    assert by_bandwidth == sorted(by_bandwidth, reverse=True) and by_bandwidth[0] > by_bandwidth[-1]

    slow_compute = project(model, _with(host, tflops=1e-4, gb_s=1e4))
    slow_memory = project(model, _with(host, tflops=1e4, gb_s=1e-2))
    assert slow_compute.compute_bound > slow_memory.compute_bound
    assert slow_memory.bandwidth_bound > slow_compute.bandwidth_bound


def test_projection_reports_kind_budget_and_assumptions(nano: Profile) -> None:
    projection = project(_small_cnn(), nano)
    assert projection.total.kind == "projected" and all(n.time.kind == "projected" for n in projection.nodes)
    assert projection.total.value == pytest.approx(
        sum(n.time.value for n in projection.nodes) + nano.efficiency.fixed_overhead_ms
    )
    assert projection.compute_bound + projection.bandwidth_bound + projection.overhead_bound == len(projection.nodes)
    assert projection.budget_ms == nano.budgets.inference_ms and projection.meets_budget
    assumptions = projection.assumptions
    assert assumptions.precision is Precision.INT8 and assumptions.compute_efficiency == nano.efficiency.compute
    assert assumptions.figure_kinds["memory.bandwidth_gb_s"] == "specified" and assumptions.notes


def test_host_calibration_measures_and_compares(tmp_path: Path, host: Profile) -> None:
    path = tmp_path / "cnn.onnx"
    onnx.save(_small_cnn(), path)
    calibration = calibrate_on_host(path, profile=host, runs=5, warmup=1)
    measured = calibration.measurement
    assert measured.median.kind == "measured" and measured.median.value > 0
    assert measured.p99.value >= measured.median.value and measured.threads == host.runtime.intra_op_threads
    assert measured.sessions == 5 and measured.steady.kind == "measured" and 0 < measured.steady.value <= measured.p99.value
    assert calibration.projection.assumptions.figure_kinds["compute.fp32_tflops"] == "measured"
    assert math.isfinite(calibration.error_pct)
    expected = (calibration.projection.total.value - measured.steady.value) / measured.steady.value * 100
    assert calibration.error_pct == pytest.approx(expected)


def test_an_activation_after_a_conv_fuses_but_a_shared_one_does_not(host: Profile) -> None:
    conv = helper.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    alone = _model([conv, helper.make_node("Relu", ["c"], ["y"])], {"x": [1, 3, 8, 8]}, {"y": None},
                   {"w": _weights(4, 3, 3, 3)})
    projection = project(alone, host)
    assert [n.op_type for n in projection.nodes] == ["Conv"] and len(projection.fused_nodes) == 1
    # When the conv's output also feeds something else, the activation needs its own pass.
    shared = _model([conv, helper.make_node("Relu", ["c"], ["y"]), helper.make_node("Sigmoid", ["c"], ["z"])],
                    {"x": [1, 3, 8, 8]}, {"y": None, "z": None}, {"w": _weights(4, 3, 3, 3)})
    assert [n.op_type for n in project(shared, host).nodes] == ["Conv", "Relu", "Sigmoid"]
