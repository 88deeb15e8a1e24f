"""The policy contract, and running a policy that meets it with ONNX Runtime (no torch on the board).

A policy is one ONNX file with:

- inputs ``image_<camera>`` uint8 [1, H, W, 3] for each camera it uses (raw RGB frames),
  ``state`` float32 [1, 22] (the environment's proprioception vector, unnormalised), and
  ``instruction_embedding`` float32 [1, 384] (all-MiniLM-L6-v2, mean-pooled, L2-normalised);
- optionally ``turn`` int64 [1]: how many inferences the runtime made with this file before this one (a file
  whose members take turns, ``robotstack ensemble --turns``, runs member ``turn mod N`` alone);
- output ``actions`` float32 [1, K, 5]: K future end-effector actions in [-1, 1];
- metadata ``robotstack.contract`` = ``"1"`` and ``robotstack.io`` = a JSON description (cameras,
  image_size, state_dim, text_dim, chunk, action_dim, action_space, control_hz), plus any other keys
  (normalisation statistics, training provenance).

Anything that meets it runs in the loop and in ``robotstack eval``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

CONTRACT_VERSION = "1"
STATE_DIM = 22
# Where things sit in the state vector (the environment contract; see README): the runtime reads these.
STATE_JOINT_VELOCITIES = slice(7, 14)
STATE_EE_POS = slice(14, 17)
STATE_EE_Z = 16
STATE_EE_QUAT = slice(17, 21)  # w, x, y, z
STATE_GRIPPER_OPENING = 21
TEXT_DIM = 384
ACTION_DIM = 5
OUTPUT = "actions"
STATE_INPUT = "state"
TEXT_INPUT = "instruction_embedding"
TURN_INPUT = "turn"


class PolicyContractError(ValueError):
    """The ONNX file does not meet the policy contract; the message says which part and what is expected."""


@dataclass(frozen=True)
class PolicySpec:
    """What a policy file says about itself in its ``robotstack.io`` metadata."""

    cameras: tuple[str, ...]
    image_size: int
    state_dim: int
    text_dim: int
    chunk: int
    action_dim: int
    action_space: str
    control_hz: float
    metadata: dict[str, str]
    takes_turn: bool = False  # reads the optional ``turn`` input

    @staticmethod
    def input_name(camera: str) -> str:
        return f"image_{camera}"


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_spec(session: ort.InferenceSession, source: str) -> PolicySpec:
    """Check a session's inputs, outputs and metadata against the contract."""
    meta = dict(session.get_modelmeta().custom_metadata_map)
    if meta.get("robotstack.contract") != CONTRACT_VERSION:
        raise PolicyContractError(
            f"{source}: metadata robotstack.contract is {meta.get('robotstack.contract')!r}; expected "
            f"{CONTRACT_VERSION!r} (see robotstack.policy for the contract)"
        )
    try:
        io = json.loads(meta["robotstack.io"])
        spec = PolicySpec(
            cameras=tuple(io["cameras"]), image_size=int(io["image_size"]), state_dim=int(io["state_dim"]),
            text_dim=int(io["text_dim"]), chunk=int(io["chunk"]), action_dim=int(io["action_dim"]),
            action_space=str(io["action_space"]), control_hz=float(io["control_hz"]), metadata=meta,
        )
    except (KeyError, ValueError, TypeError) as err:
        raise PolicyContractError(f"{source}: metadata robotstack.io is missing or malformed ({err})") from err
    expected = {PolicySpec.input_name(c): ("tensor(uint8)", [1, spec.image_size, spec.image_size, 3])
                for c in spec.cameras}
    expected[STATE_INPUT] = ("tensor(float)", [1, STATE_DIM])
    expected[TEXT_INPUT] = ("tensor(float)", [1, TEXT_DIM])
    actual = {i.name: (i.type, i.shape) for i in session.get_inputs()}
    if set(actual) - {TURN_INPUT} != set(expected):
        raise PolicyContractError(f"{source}: inputs are {sorted(actual)}; the contract needs {sorted(expected)} "
                                  f"(and may take {TURN_INPUT!r})")
    if TURN_INPUT in actual:
        expected[TURN_INPUT] = ("tensor(int64)", [1])
    for name, (dtype, shape) in expected.items():
        if actual[name] != (dtype, shape):
            raise PolicyContractError(f"{source}: input {name!r} is {actual[name]}; expected {dtype} {shape}")
    outputs = {o.name: (o.type, o.shape) for o in session.get_outputs()}
    want = ("tensor(float)", [1, spec.chunk, ACTION_DIM])
    if outputs.get(OUTPUT) != want:
        raise PolicyContractError(f"{source}: output {OUTPUT!r} is {outputs.get(OUTPUT)}; expected {want}")
    if spec.action_space != "ee" or spec.action_dim != ACTION_DIM or spec.state_dim != STATE_DIM:
        raise PolicyContractError(f"{source}: action_space/action_dim/state_dim must be 'ee'/5/22, got "
                                  f"{spec.action_space!r}/{spec.action_dim}/{spec.state_dim}")
    return replace(spec, takes_turn=TURN_INPUT in actual)


class OnnxPolicy:
    """An ONNX Runtime session over a contract-checked policy file."""

    def __init__(self, path: str | Path, providers: list[Any] | None = None, threads: int | None = None,
                 expected_sha256: str | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"policy file {self.path} does not exist")
        if expected_sha256 is not None and (actual := sha256_of(self.path)) != expected_sha256:
            raise PolicyContractError(f"{self.path}: sha256 is {actual}, expected {expected_sha256}; "
                                      "the file is corrupt or not the one described by its model card")
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(str(self.path), options,
                                                providers=providers or ["CPUExecutionProvider"])
        except Exception as err:  # onnxruntime raises its own exception types for unreadable models
            raise PolicyContractError(f"{self.path}: ONNX Runtime could not load it ({err})") from err
        self.spec = read_spec(self.session, str(self.path))
        # IO binding: the output lives in one preallocated buffer; inputs are bound in place, without copies.
        self._binding = self.session.io_binding()
        self._output = np.empty((1, self.spec.chunk, ACTION_DIM), dtype=np.float32)
        self._binding.bind_output(OUTPUT, "cpu", 0, np.float32, list(self._output.shape), self._output.ctypes.data)
        self.inferences = 0  # this episode's, fed as ``turn`` to a file that takes it

    def start_episode(self) -> None:
        """The control loop calls this before each episode: a file whose members take turns starts at member 0."""
        self.inferences = 0

    def __call__(self, images: dict[str, np.ndarray], state: np.ndarray, text_embedding: np.ndarray) -> np.ndarray:
        """One inference: returns the action chunk (K, 5), a fresh array the caller may keep."""
        binding = self._binding
        keep = []  # the bound arrays must outlive the run
        for cam in self.spec.cameras:
            image = np.ascontiguousarray(images[cam], dtype=np.uint8)[None]
            binding.bind_cpu_input(PolicySpec.input_name(cam), image)
            keep.append(image)
        state = np.ascontiguousarray(state, dtype=np.float32).reshape(1, STATE_DIM)
        text = np.ascontiguousarray(text_embedding, dtype=np.float32).reshape(1, TEXT_DIM)
        binding.bind_cpu_input(STATE_INPUT, state)
        binding.bind_cpu_input(TEXT_INPUT, text)
        if self.spec.takes_turn:
            turn = np.array([self.inferences], dtype=np.int64)
            binding.bind_cpu_input(TURN_INPUT, turn)
            keep.append(turn)
        self.session.run_with_iobinding(binding)
        self.inferences += 1
        return self._output[0].copy()
