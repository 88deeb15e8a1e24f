"""Helpers for tests of the runtime: small ONNX files that meet the policy contract (built with onnx.helper, or tiny
students exported from torch), observations to feed them, and a sink that records what the loop sent."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from robotstack.policy import STATE_INPUT, TEXT_INPUT, PolicySpec


def random_observation(rng: np.random.Generator, image_size: int, cameras: tuple[str, ...] = ("front", "wrist")):
    """(images, state, instruction embedding) as the loop hands them to a policy: random frames, a random state and
    a random unit-length embedding."""
    images = {c: rng.integers(0, 256, (image_size, image_size, 3), dtype=np.uint8) for c in cameras}
    state = rng.normal(size=22).astype(np.float32)
    text = rng.normal(size=384).astype(np.float32)
    return images, state, text / np.linalg.norm(text)


def as_feed(images: dict[str, np.ndarray], state: np.ndarray, text: np.ndarray) -> dict[str, np.ndarray]:
    """One observation as an ONNX Runtime feed of the contract's named inputs (batch 1), e.g. for int8 calibration."""
    return {**{PolicySpec.input_name(c): image[None] for c, image in images.items()},
            STATE_INPUT: state[None], TEXT_INPUT: text[None]}


def every_precision(policy, directory: Path, name: str, observations: list) -> tuple:
    """``policy`` (a torch VisuomotorPolicy) exported to fp32, fp16 and int8 (calibrated on ``observations``, tuples
    of :func:`random_observation`'s kind) under ``directory``, each loaded as an OnnxPolicy: (fp32, fp16, int8)."""
    from robotstack.policies.export import convert_fp16, export_policy, quantize_int8
    from robotstack.policy import OnnxPolicy

    path = export_policy(policy, directory / f"{name}.onnx", control_hz=20.0)
    return (OnnxPolicy(path), OnnxPolicy(convert_fp16(path, directory / f"{name}-fp16.onnx")),
            OnnxPolicy(quantize_int8(path, directory / f"{name}-int8.onnx", [as_feed(*o) for o in observations])))


def constant_policy(path: Path, action: list[float], chunk: int = 4, image_size: int = 32,
                    cameras: tuple[str, ...] = ("front", "wrist")) -> Path:
    """A policy whose chunk repeats ``action`` (NaN allowed); it reads its state so no input is dead."""
    inputs = [helper.make_tensor_value_info(f"image_{c}", TensorProto.UINT8, [1, image_size, image_size, 3])
              for c in cameras]
    inputs += [helper.make_tensor_value_info("state", TensorProto.FLOAT, [1, 22]),
               helper.make_tensor_value_info("instruction_embedding", TensorProto.FLOAT, [1, 384])]
    out = helper.make_tensor_value_info("actions", TensorProto.FLOAT, [1, chunk, 5])
    table = numpy_helper.from_array(np.tile(np.asarray(action, dtype=np.float32), (1, chunk, 1)), "table")
    zero = numpy_helper.from_array(np.zeros((1, 1, 1), dtype=np.float32), "zero")
    nodes = [
        helper.make_node("ReduceSum", ["state"], ["s"], keepdims=1),
        helper.make_node("Unsqueeze", ["s", "axes"], ["s3"]),
        helper.make_node("Mul", ["s3", "zero"], ["z"]),
        helper.make_node("Add", ["table", "z"], ["actions"]),
    ]
    axes = numpy_helper.from_array(np.array([2], dtype=np.int64), "axes")
    graph = helper.make_graph(nodes, "constant_policy", inputs, [out], initializer=[table, zero, axes])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    io = {"cameras": list(cameras), "image_size": image_size, "state_dim": 22, "text_dim": 384, "chunk": chunk,
          "action_dim": 5, "action_space": "ee", "control_hz": 20.0}
    for key, value in {"robotstack.contract": "1", "robotstack.io": json.dumps(io)}.items():
        model.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def tiny_config(**changes):
    """The small student shape the tests of joined files use (32 px, two conv layers, chunk 4), with ``changes``."""
    from robotstack.policies.model import PolicyConfig

    shape = {"name": "tiny", "image_size": 32, "channels": (8, 16), "strides": (2, 2), "hidden": 32, "chunk": 4}
    return PolicyConfig(**{**shape, **changes})


def tiny_student(path: Path, seed: int, cfg=None) -> Path:
    """A randomly initialised student of ``cfg`` (default :func:`tiny_config`) exported as a contract file; its state
    statistics differ with the seed, as two trainings' would."""
    import torch

    from robotstack.policies.export import export_policy
    from robotstack.policies.model import VisuomotorPolicy

    torch.manual_seed(seed)
    policy = VisuomotorPolicy(cfg or tiny_config()).eval()
    policy.set_state_stats(torch.randn(22), torch.rand(22) + 0.5)
    return export_policy(policy, path, control_hz=20.0)


class Recorder:
    """An actuator sink that keeps every action the loop sent before passing it on."""

    def __init__(self, sink):
        self.sink, self.actions = sink, []

    def apply(self, action, delay_s, hold):
        self.actions.append(np.array(action))
        return self.sink.apply(action, delay_s, hold)
