"""Hardware profiles: one validated YAML file per compute board.

A profile is data, not code: the board's peak compute per precision, its memory, the ONNX Runtime
execution providers to try (in order, with their options), the precision the policy is deployed at, the
control rate, the latency budgets, and the efficiency factors the latency projection assumes. The schema
is strict — unknown keys, wrong types and units written into values all fail, naming the file, the
field and the reason — because a typo in a board file silently changes a "meets 20 Hz" verdict.

Profiles are looked up by name in, first to last: directories passed by the caller, the directories in
``$ROBOTSTACK_PROFILE_PATH`` (``os.pathsep``-separated), and the shipped ``hardware_profiles/``. The
first ``NAME.yaml`` found wins, so a user's file overrides a shipped one of the same name.

A value written as ``measured`` is measured on this machine when the file is loaded (only the fields in
:data:`MEASURABLE_FIELDS`); the ``host`` profile uses this, and :attr:`Profile.measured` lists them.
"""

from __future__ import annotations

import functools
from importlib import resources
import os
import time
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

DEFAULT_PROFILE = "jetson-orin-nano-super"
"""The board the project's latency questions are asked about first."""

PROFILE_PATH_ENV = "ROBOTSTACK_PROFILE_PATH"
"""Environment variable: extra profile directories, ``os.pathsep``-separated, searched before the shipped ones."""

SHIPPED_PROFILE_DIR = Path(str(resources.files("robotstack.hardware_profiles")))
"""The YAML files shipped with robotstack (the repo's ``hardware_profiles/``, installed as package data)."""
"""The profiles shipped with the project (at the repository root, next to ``robotstack/``)."""

MEASURED = "measured"
"""The YAML value that asks for a figure to be measured on this machine at load time."""


class ProfileError(Exception):
    """A profile could not be found, read or validated; the message names the file, field and reason."""


class Precision(StrEnum):
    """Numeric precision a policy is deployed at; also the precision a graph node runs at."""

    INT8 = "int8"
    FP16 = "fp16"
    FP32 = "fp32"

    @property
    def itemsize(self) -> int:
        """Bytes per tensor element at this precision."""
        return {Precision.INT8: 1, Precision.FP16: 2, Precision.FP32: 4}[self]


PEAK_FIELDS: dict[Precision, str] = {
    Precision.INT8: "int8_tops",
    Precision.FP16: "fp16_tflops",
    Precision.FP32: "fp32_tflops",
}
"""The ``compute`` field holding the dense peak at each precision."""


ExecutionProviderName = Literal[
    "TensorrtExecutionProvider",
    "CUDAExecutionProvider",
    "ROCMExecutionProvider",
    "MIGraphXExecutionProvider",
    "VitisAIExecutionProvider",
    "QNNExecutionProvider",
    "OpenVINOExecutionProvider",
    "DmlExecutionProvider",
    "CoreMLExecutionProvider",
    "NnapiExecutionProvider",
    "XnnpackExecutionProvider",
    "ACLExecutionProvider",
    "ArmNNExecutionProvider",
    "CPUExecutionProvider",
]
EXECUTION_PROVIDERS: tuple[str, ...] = get_args(ExecutionProviderName)
"""ONNX Runtime execution provider names a profile may list."""

# Numbers are strict: a YAML string such as "20ms" or "20" is a wrong type, not something to coerce,
# because the unit lives in the key name.
Positive = Annotated[float, Field(gt=0, strict=True)]
NonNegative = Annotated[float, Field(ge=0, strict=True)]
Fraction = Annotated[float, Field(gt=0, le=1, strict=True)]
Count = Annotated[int, Field(ge=1, strict=True)]
Text = Annotated[str, Field(min_length=1)]
OptionValue = str | bool | int | float


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Compute(_Section):
    """Dense peak compute per precision (tera-operations per second); null where the board has no such path."""

    int8_tops: Positive | None
    fp16_tflops: Positive | None
    fp32_tflops: Positive | None
    headline: Text = Field(description="The vendor's headline figure as published, e.g. '67 INT8 TOPS (sparse)'.")
    headline_sparse: bool = Field(
        description="Whether the headline assumes 2:4 structured sparsity (the dense peaks above never do)."
    )

    def peak_ops_per_s(self, precision: Precision) -> float | None:
        """Dense peak in operations per second at ``precision``, or None when the board has none."""
        value = getattr(self, PEAK_FIELDS[precision])
        return None if value is None else value * 1e12


class Memory(_Section):
    """Memory shared by the accelerator: size and peak bandwidth, and optionally the last-level cache that
    tensors of a small policy stay in between nodes (null: every byte is projected at DRAM bandwidth)."""

    size_gb: Positive
    bandwidth_gb_s: Positive
    cache_mb: Positive | None = None
    cache_bandwidth_gb_s: Positive | None = None

    @model_validator(mode="after")
    def _cache_figures_together(self) -> Memory:
        if (self.cache_mb is None) != (self.cache_bandwidth_gb_s is None):
            raise PydanticCustomError("cache_pair", "cache_mb and cache_bandwidth_gb_s are given together or not at all")
        return self


class Power(_Section):
    """The power mode the figures above hold for."""

    mode: Text
    watts: Positive | None


class ExecutionProvider(_Section):
    """One ONNX Runtime execution provider with the options passed to it."""

    name: ExecutionProviderName
    options: dict[str, OptionValue] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _qnn_names_backend(self) -> ExecutionProvider:
        # Without a backend QNN silently runs on its CPU backend, which is not what a board profile means.
        if self.name == "QNNExecutionProvider" and not {"backend_path", "backend_type"} & self.options.keys():
            raise PydanticCustomError("qnn_backend", "QNNExecutionProvider needs options.backend_path or backend_type")
        return self


class Runtime(_Section):
    """How the policy runs on the board."""

    precision: Precision
    intra_op_threads: Count
    execution_providers: list[ExecutionProvider] = Field(min_length=1)
    loop_nice: int | None = Field(
        default=None, ge=-20, le=19,
        description="Nice value for the control loop (lower runs first; below the current one needs CAP_SYS_NICE); "
                    "None leaves the priority as it is.",
    )

    @field_validator("execution_providers")
    @classmethod
    def _cpu_last_and_unique(cls, providers: list[ExecutionProvider]) -> list[ExecutionProvider]:
        names = [p.name for p in providers]
        if len(set(names)) != len(names):
            raise ValueError(f"execution providers listed twice: {names}")
        if names[-1] != "CPUExecutionProvider":
            raise ValueError("the list must end with CPUExecutionProvider, the fallback for unsupported nodes")
        return providers


class Control(_Section):
    """The control loop the policy serves."""

    rate_hz: Positive


class Budgets(_Section):
    """Latency budgets in milliseconds; the verdict "meets/misses" is taken against these."""

    inference_ms: Positive
    capture_to_actuation_ms: Positive

    @model_validator(mode="after")
    def _inference_fits(self) -> Budgets:
        if self.inference_ms > self.capture_to_actuation_ms:
            raise PydanticCustomError(
                "budget_order",
                "inference_ms ({inference}) exceeds capture_to_actuation_ms ({total}), which includes it",
                {"inference": self.inference_ms, "total": self.capture_to_actuation_ms},
            )
        return self


class Efficiency(_Section):
    """Assumed fractions of peak a small CNN reaches, and fixed overheads; used by the latency projection."""

    compute: Fraction
    compute_int8: Fraction | None = Field(default=None, description="int8's fraction where it differs (None: compute).")
    bandwidth: Fraction
    node_overhead_us: NonNegative
    fixed_overhead_ms: NonNegative

    def compute_at(self, precision: Precision) -> float:
        """The fraction of the ``precision`` peak that convolutions and matrix products reach."""
        return self.compute_int8 if precision is Precision.INT8 and self.compute_int8 is not None else self.compute


class Profile(_Section):
    """A validated hardware profile. Build it with :func:`load_profile`."""

    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
    description: Text
    source: Text
    accelerator: Text
    compute: Compute
    memory: Memory
    power: Power
    runtime: Runtime
    control: Control
    budgets: Budgets
    efficiency: Efficiency

    _measured: tuple[str, ...] = PrivateAttr(default=())
    _path: Path | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _deploy_precision_has_a_peak(self) -> Profile:
        precision = self.runtime.precision
        if self.compute.peak_ops_per_s(precision) is None:
            field = PEAK_FIELDS[precision]
            raise ValidationError.from_exception_data(
                type(self).__name__,
                [
                    InitErrorDetails(
                        type=PydanticCustomError(
                            "missing_peak",
                            "is null but runtime.precision is {precision}, which needs its peak",
                            {"precision": precision.value},
                        ),
                        loc=("compute", field),
                        input=None,
                    )
                ],
            )
        return self

    @property
    def measured(self) -> tuple[str, ...]:
        """Dotted paths of the fields measured on this machine at load time (empty for datasheet boards)."""
        return self._measured

    @property
    def path(self) -> Path | None:
        """The file the profile was read from."""
        return self._path

    def figure_kind(self, field_path: str) -> Literal["measured", "specified"]:
        """Whether a figure (dotted path, e.g. ``memory.bandwidth_gb_s``) was measured here or written in the file."""
        return "measured" if field_path in self._measured else "specified"


# --- figures measured on this machine (cached for the process) -------------------------------------------


_PEAK_N = 1024


def _best_matmul_tops(op_type: str, a: np.ndarray, b: np.ndarray, out_type: int) -> float:
    """Best-of-10 throughput of one n x n ``op_type`` through ONNX Runtime's CPU EP on this process's cores.

    Measured with the engine that runs the policy (its MLAS kernels use AVX-512/VNNI where numpy's bundled
    BLAS may not), so the projection is calibrated against the same code path. Best-of, because other
    work on a shared machine only ever makes a run slower.
    """
    import onnxruntime as ort
    from onnx import helper

    inputs = [helper.make_tensor_value_info(name, helper.np_dtype_to_tensor_dtype(x.dtype), list(x.shape))
              for name, x in (("a", a), ("b", b))]
    graph = helper.make_graph([helper.make_node(op_type, ["a", "b"], ["c"])], "peak", inputs,
                              [helper.make_tensor_value_info("c", out_type, [_PEAK_N, _PEAK_N])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    options = ort.SessionOptions()
    options.intra_op_num_threads = _cpu_cores()
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    feed = {"a": a, "b": b}
    session.run(None, feed)  # warm-up: thread pool start and page faults
    best = min(_timed(lambda: session.run(None, feed)) for _ in range(10))
    return 2 * _PEAK_N**3 / best / 1e12


@functools.cache
def _measure_fp32_tflops() -> float:
    """float32 MatMul: the kernel behind the policy's convolutions and matrix products at fp32."""
    from onnx import TensorProto

    rng = np.random.default_rng(0)
    a, b = (rng.standard_normal((_PEAK_N, _PEAK_N), dtype=np.float32) for _ in range(2))
    return _best_matmul_tops("MatMul", a, b, TensorProto.FLOAT)


@functools.cache
def _measure_int8_tops() -> float:
    """uint8 x int8 MatMulInteger (int32 accumulation): the kernel behind the quantized ops."""
    from onnx import TensorProto

    rng = np.random.default_rng(0)
    a = rng.integers(0, 255, (_PEAK_N, _PEAK_N), dtype=np.uint8)
    b = rng.integers(-127, 127, (_PEAK_N, _PEAK_N), dtype=np.int8)
    return _best_matmul_tops("MatMulInteger", a, b, TensorProto.INT32)


@functools.cache
def _measure_bandwidth_gb_s() -> float:
    """Best-of-10 copy of a 64 MiB buffer (far larger than caches), counting bytes read plus bytes written."""
    src = np.ones(16 * 2**20, dtype=np.float32)
    dst = np.empty_like(src)
    np.copyto(dst, src)  # warm-up: fault the destination pages in
    best = min(_timed(lambda: np.copyto(dst, src)) for _ in range(10))
    return 2 * src.nbytes / best / 1e9


@functools.cache
def _measure_cache_bandwidth_gb_s() -> float:
    """Best-of-10 copy of a 1 MiB buffer (2 MiB touched: inside the last-level cache), read + written bytes."""
    src = np.ones(2**18, dtype=np.float32)
    dst = np.empty_like(src)
    np.copyto(dst, src)
    repeats = 64  # one copy takes ~10 us: time a batch so the call overhead does not count
    best = min(_timed(lambda: [np.copyto(dst, src) for _ in range(repeats)]) for _ in range(10)) / repeats
    return 2 * src.nbytes / best / 1e9


def _last_level_cache_mb() -> float:
    """Size of the largest unified cache of CPU 0, from sysfs (Linux)."""
    mib_per_unit = {"K": 1 / 1024, "M": 1.0, "G": 1024.0}
    sizes = []
    for index in Path("/sys/devices/system/cpu/cpu0/cache").glob("index*"):
        try:
            if (index / "type").read_text().strip() != "Instruction":
                text = (index / "size").read_text().strip()  # e.g. "32768K"
                sizes.append(int(text.rstrip("KMG")) * mib_per_unit.get(text[-1], 1 / 2**20) * 2**20 / 1e6)
        except (OSError, ValueError):
            continue
    if not sizes:
        raise ProfileError("memory.cache_mb: cannot read this machine's cache sizes from /sys; write a figure instead")
    return max(sizes)


_CONV_SUITE = (
    (3, 16, 96, 5, 1), (16, 32, 48, 3, 1), (32, 32, 24, 3, 1), (32, 64, 24, 3, 1), (64, 64, 24, 3, 1),
    (3, 32, 128, 5, 2), (16, 32, 64, 3, 2), (32, 64, 48, 3, 2), (64, 128, 24, 3, 2),
)
"""(in channels, out channels, input size, kernel, stride) of the convolutions camera policies are made of: a
colour stem, same-size layers, and the strided layers that downsample."""
_CONV_BRANCHES = 4


def _conv_session(cin: int, cout: int, size: int, kernel: int, stride: int, int8: bool,
                  branches: int) -> Callable[[], object]:
    """A session running ``branches`` independent convolutions of one input (QDQ-quantized when ``int8``, as
    onnxruntime's static quantization writes them: the input quantized once, each output dequantized)."""
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    out = (size + stride - 1) // stride
    conv = {"pads": [kernel // 2] * 4, "strides": [stride, stride]}
    inits, nodes = [], []
    if int8:
        inits += [numpy_helper.from_array(np.array(0.02, np.float32), "s"),
                  numpy_helper.from_array(np.array(0, np.uint8), "z"), numpy_helper.from_array(np.array(0, np.int8), "zw")]
        nodes += [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["xq"]),
                  helper.make_node("DequantizeLinear", ["xq", "s", "z"], ["xd"])]
    for b in range(branches):
        if int8:
            inits.append(numpy_helper.from_array(rng.integers(-100, 100, (cout, cin, kernel, kernel), dtype=np.int8),
                                                 f"wq{b}"))
            nodes += [helper.make_node("DequantizeLinear", [f"wq{b}", "s", "zw"], [f"wd{b}"]),
                      helper.make_node("Conv", ["xd", f"wd{b}"], [f"yf{b}"], **conv),
                      helper.make_node("QuantizeLinear", [f"yf{b}", "s", "z"], [f"yq{b}"]),
                      helper.make_node("DequantizeLinear", [f"yq{b}", "s", "z"], [f"y{b}"])]
        else:
            inits.append(numpy_helper.from_array(rng.standard_normal((cout, cin, kernel, kernel), dtype=np.float32),
                                                 f"w{b}"))
            nodes.append(helper.make_node("Conv", ["x", f"w{b}"], [f"y{b}"], **conv))
    graph = helper.make_graph(
        nodes, "convs", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, cin, size, size])],
        [helper.make_tensor_value_info(f"y{b}", TensorProto.FLOAT, [1, cout, out, out]) for b in range(branches)],
        inits,
    )
    options = ort.SessionOptions()
    options.intra_op_num_threads = _cpu_cores()
    session = ort.InferenceSession(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
                                   .SerializeToString(), options, providers=["CPUExecutionProvider"])
    feed = {"x": rng.random((1, cin, size, size), dtype=np.float32)}
    for _ in range(10):
        session.run(None, feed)
    return lambda: session.run(None, feed)


def _slope_and_intercept(one: Callable[[], object], many: Callable[[], object], extra: int) -> tuple[float, float]:
    """Seconds per extra unit of work, and the rest of a run, from sessions with 1 and ``1 + extra`` units.

    The two are timed in alternating blocks and each takes its quietest block's median: a shared machine only
    ever slows a block down, and alternating keeps a slow spell from landing on one of the two alone."""
    blocks_one, blocks_many = [], []
    for _ in range(5):
        blocks_one.append(float(np.median([_timed(one) for _ in range(30)])))
        blocks_many.append(float(np.median([_timed(many) for _ in range(30)])))
    t_one, t_many = min(blocks_one), min(blocks_many)
    per_unit = (t_many - t_one) / extra
    return per_unit, t_one - per_unit


@functools.cache
def _measure_conv_suite() -> dict[str, float]:
    """Over :data:`_CONV_SUITE`, at fp32 and QDQ int8: the median rate one more convolution in a run reaches, as
    a fraction of this machine's GEMM peak at that precision (small channel counts never fill the GEMM kernel),
    and the median of what a run costs beyond its convolutions (session entry, waking the thread pool,
    quantizing the input). Slopes between 1 and 5 convolutions per run, so a run's own cost is not counted
    as convolution time (a single convolution per run put it there, and small convolutions read 2x slower)."""
    rates: dict[bool, list[float]] = {False: [], True: []}
    intercepts = []
    for cin, cout, size, kernel, stride in _CONV_SUITE:
        out = (size + stride - 1) // stride
        flops = 2 * cout * out * out * cin * kernel * kernel
        for int8 in (False, True):
            one = _conv_session(cin, cout, size, kernel, stride, int8, 1)
            many = _conv_session(cin, cout, size, kernel, stride, int8, 1 + _CONV_BRANCHES)
            per_conv, rest = _slope_and_intercept(one, many, _CONV_BRANCHES)
            rates[int8].append(flops / max(per_conv, 1e-9))
            intercepts.append(max(0.0, rest))
    return {
        "compute": min(1.0, float(np.median(rates[False])) / (_measure_fp32_tflops() * 1e12)),
        "compute_int8": min(1.0, float(np.median(rates[True])) / (_measure_int8_tops() * 1e12)),
        "fixed_overhead_ms": float(np.median(intercepts)) * 1e3,
    }


_DISPATCH_SIZES = (64, 4096, 16384, 65536)
"""Float tensor sizes of the dispatch chains: from a FiLM vector to a first-layer feature map."""


@functools.cache
def _measure_dispatch_us() -> float:
    """Per-node overhead of ONNX Runtime's CPU EP on this machine, microseconds.

    Chains of 1 and 101 Adds at each of :data:`_DISPATCH_SIZES`: the slope is what one more kernel costs; less
    its data movement at the cache bandwidth, what is left is launching it (larger tensors also pay for
    splitting the work across the thread pool). The median over sizes.
    """
    import onnxruntime as ort
    from onnx import TensorProto, helper

    def chain(nodes: int, size: int) -> Callable[[], object]:
        graph = helper.make_graph(
            [helper.make_node("Add", [f"x{i}", "c"], [f"x{i + 1}"]) for i in range(nodes)], "dispatch",
            [helper.make_tensor_value_info(x, TensorProto.FLOAT, [size]) for x in ("x0", "c")],
            [helper.make_tensor_value_info(f"x{nodes}", TensorProto.FLOAT, [size])],
        )
        options = ort.SessionOptions()
        options.intra_op_num_threads = _cpu_cores()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # keep every Add
        session = ort.InferenceSession(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
                                       .SerializeToString(), options, providers=["CPUExecutionProvider"])
        feed = {x: np.ones(size, dtype=np.float32) for x in ("x0", "c")}
        for _ in range(30):
            session.run(None, feed)
        return lambda: session.run(None, feed)

    cache_bytes_per_s = _measure_cache_bandwidth_gb_s() * 1e9
    launches = []
    for size in _DISPATCH_SIZES:
        per_node_s, _ = _slope_and_intercept(chain(1, size), chain(101, size), 100)
        launches.append(max(0.0, per_node_s - 3 * 4 * size / cache_bytes_per_s))  # two reads + one write
    return float(np.median(launches)) * 1e6


def _physical_memory_gb() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9


def _cpu_cores() -> int:
    """Cores this process may run on (the affinity mask, which containers and taskset narrow)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


MEASURABLE_FIELDS: dict[tuple[str, str], Callable[[], float | int]] = {
    ("compute", "fp32_tflops"): _measure_fp32_tflops,
    ("compute", "int8_tops"): _measure_int8_tops,
    ("memory", "bandwidth_gb_s"): _measure_bandwidth_gb_s,
    ("memory", "cache_mb"): _last_level_cache_mb,
    ("memory", "cache_bandwidth_gb_s"): _measure_cache_bandwidth_gb_s,
    ("efficiency", "compute"): lambda: _measure_conv_suite()["compute"],
    ("efficiency", "compute_int8"): lambda: _measure_conv_suite()["compute_int8"],
    ("efficiency", "node_overhead_us"): _measure_dispatch_us,
    ("efficiency", "fixed_overhead_ms"): lambda: _measure_conv_suite()["fixed_overhead_ms"],
    ("memory", "size_gb"): _physical_memory_gb,
    ("runtime", "intra_op_threads"): _cpu_cores,
}
"""Fields that may be written as ``measured``, and how each is measured on this machine."""


# --- finding and loading ---------------------------------------------------------------------------------


def profile_dirs(search_dirs: Sequence[str | os.PathLike[str]] | None = None) -> list[Path]:
    """The directories searched, first to last: ``search_dirs``, ``$ROBOTSTACK_PROFILE_PATH``, the shipped one."""
    env = [p for p in os.environ.get(PROFILE_PATH_ENV, "").split(os.pathsep) if p]
    dirs: list[Path] = []
    for origin, entries in (("search directory", search_dirs or []), (f"${PROFILE_PATH_ENV} entry", env)):
        for entry in entries:
            path = Path(entry).expanduser()
            if not path.is_dir():
                raise ProfileError(f"{origin} '{entry}' is not a directory")
            dirs.append(path)
    dirs.append(SHIPPED_PROFILE_DIR)
    return list(dict.fromkeys(d.resolve() for d in dirs))


def list_profiles(search_dirs: Sequence[str | os.PathLike[str]] | None = None) -> dict[str, Path]:
    """Profile name -> file, sorted by name; where two directories hold the same name, the earlier one wins."""
    found: dict[str, Path] = {}
    for directory in profile_dirs(search_dirs):
        for file in sorted(directory.glob("*.yaml")):
            found.setdefault(file.stem, file)
    return dict(sorted(found.items()))


def load_profile(
    name_or_path: str | os.PathLike[str] = DEFAULT_PROFILE,
    search_dirs: Sequence[str | os.PathLike[str]] | None = None,
) -> Profile:
    """Load and validate a profile by name (searched as in :func:`profile_dirs`) or by path to a YAML file."""
    text = os.fspath(name_or_path)
    if isinstance(name_or_path, os.PathLike) or os.sep in text or "/" in text or text.endswith((".yaml", ".yml")):
        path = Path(text).expanduser()
        if not path.is_file():
            raise ProfileError(f"{text}: no such profile file")
        return _read(path)
    profiles = list_profiles(search_dirs)
    if text not in profiles:
        looked_in = ", ".join(str(d) for d in profile_dirs(search_dirs))
        raise ProfileError(
            f"no profile named '{text}' (a file {text}.yaml) in {looked_in}; available: {', '.join(profiles)}"
        )
    return _read(profiles[text])


def _read(path: Path) -> Profile:
    shown = _display(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{shown}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ProfileError(f"{shown}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ProfileError(f"{shown}: expected a mapping of fields at the top level, got {type(raw).__name__}")
    measured = _resolve_measured(raw, shown)
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        raise ProfileError("\n".join(_format_error(shown, error) for error in exc.errors())) from None
    if profile.name != path.stem:
        raise ProfileError(
            f"{shown}: name: '{profile.name}' differs from the file name; name the file {profile.name}.yaml"
        )
    profile._measured = measured
    profile._path = path.resolve()
    return profile


def _resolve_measured(raw: dict[str, Any], shown: str) -> tuple[str, ...]:
    """Replace ``measured`` values by measurements, in place; return the dotted paths replaced."""
    replaced: list[str] = []
    for (section, key), measure in MEASURABLE_FIELDS.items():
        block = raw.get(section)
        if isinstance(block, dict) and block.get(key) == MEASURED:
            block[key] = measure()
            replaced.append(f"{section}.{key}")
    for loc in _locations_of(raw, MEASURED):
        allowed = ", ".join(f"{s}.{k}" for s, k in MEASURABLE_FIELDS)
        raise ProfileError(f"{shown}: {loc}: cannot be measured on this machine (measurable: {allowed})")
    return tuple(replaced)


def _locations_of(node: Any, value: str, prefix: str = "") -> list[str]:
    if isinstance(node, dict):
        return [loc for k, v in node.items() for loc in _locations_of(v, value, f"{prefix}{k}.")]
    if isinstance(node, list):
        return [loc for i, v in enumerate(node) for loc in _locations_of(v, value, f"{prefix}{i}.")]
    return [prefix.rstrip(".")] if node == value else []


def _format_error(shown: str, error: Any) -> str:
    """One line per problem: ``file: field.path: reason``."""
    loc = ".".join(str(part) for part in error["loc"]) or "(top level)"
    kind, reason = error["type"], error["msg"]
    if kind == "missing":
        reason = "field required"
    elif kind == "extra_forbidden":
        reason = "unknown field"
    else:
        reason = reason.removeprefix("Value error, ")
        if reason[:1].isupper() and reason[1:2].islower():  # "Input should ..." but not "QNNExecutionProvider ..."
            reason = reason[0].lower() + reason[1:]
        if kind in {"float_type", "int_type"} and isinstance(error.get("input"), str):
            reason += f" (got '{error['input']}'; write a plain number, the unit is in the field name)"
    return f"{shown}: {loc}: {reason}"


def _display(path: Path) -> str:
    """The path relative to the working directory where it lies below it, so messages stay short."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
