"""The wire format every robotstack zmq peer speaks: ``[msgpack header, *raw array buffers]``.

The header is a small msgpack map ``{"v": 1, "kind": str, "data": {...}, "arrays": [...]}``; each
entry of ``arrays`` gives one array's ``name``, ``dtype``, ``shape`` and the index of the frame that
holds its bytes. Arrays travel as raw little-endian buffers, sent without a copy and rebuilt with
``numpy.frombuffer`` (so a received array is a read-only view of the frame). Nothing is ever
pickled: a peer can only make us build maps, lists, strings, numbers and flat numeric arrays, and
every size is bounded before anything is allocated from it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import msgpack
import numpy as np
import zmq

PROTOCOL_VERSION = 1
"""Version written in every header; a message with another version is refused."""

ALLOWED_DTYPES: frozenset[str] = frozenset(
    {"bool", "uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64",
     "float16", "float32", "float64"}
)
"""Array element types that may cross the wire (flat numeric types only: no objects, no strings)."""

MAX_ARRAY_NDIM = 8

Buffer = bytes | bytearray | memoryview | zmq.Frame


class WireError(ValueError):
    """A message that does not follow the wire format; the text says what was wrong and what is accepted."""


class WireLimitError(WireError):
    """A message over one of the size bounds of :class:`WireLimits`."""


@dataclass(frozen=True)
class WireLimits:
    """Upper bounds checked before a message is decoded, so a peer cannot make us allocate at will."""

    max_header_bytes: int = 64 * 1024
    max_frames: int = 17
    max_total_bytes: int = 64 * 1024 * 1024


DEFAULT_LIMITS = WireLimits()


@dataclass(frozen=True)
class Message:
    """A decoded message: its kind, its msgpack payload fields and its arrays by name."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)


def _refuse_type(obj: object) -> Any:
    raise WireError(
        f"cannot encode a value of type {type(obj).__name__} in a header; accepted: None, bool, int, "
        "float, str, bytes, list, tuple and dict with str keys (arrays go in `arrays`)"
    )


def _refuse_ext(code: int, data: bytes) -> Any:
    raise WireError(f"msgpack extension type {code} in header; extension types are not accepted")


def encode(
    kind: str,
    data: Mapping[str, Any] | None = None,
    arrays: Mapping[str, np.ndarray] | None = None,
    limits: WireLimits = DEFAULT_LIMITS,
) -> list[bytes | memoryview]:
    """Build the frames of one message; array frames are memoryviews of the arrays (no copy).

    A non-contiguous or big-endian array is copied once into a contiguous little-endian one.
    """
    specs: list[dict[str, Any]] = []
    buffers: list[memoryview] = []
    for name, array in (arrays or {}).items():
        array = np.asarray(array)
        if array.dtype.name not in ALLOWED_DTYPES:
            raise WireError(
                f"array {name!r} has dtype {array.dtype}; accepted dtypes: {sorted(ALLOWED_DTYPES)}"
            )
        if array.ndim > MAX_ARRAY_NDIM:
            raise WireError(f"array {name!r} has {array.ndim} dimensions; at most {MAX_ARRAY_NDIM} accepted")
        array = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
        specs.append({"name": name, "dtype": array.dtype.name, "shape": list(array.shape),
                      "frame": len(buffers) + 1})
        buffers.append(memoryview(array.reshape(-1).view(np.uint8)))
    header = msgpack.packb(
        {"v": PROTOCOL_VERSION, "kind": kind, "data": dict(data or {}), "arrays": specs},
        use_bin_type=True,
        default=_refuse_type,
    )
    frames: list[bytes | memoryview] = [header, *buffers]
    _check_limits(frames, limits)
    return frames


def decode(frames: Sequence[Buffer], limits: WireLimits = DEFAULT_LIMITS) -> Message:
    """Rebuild a message from its frames, checking bounds first and the header's shape after."""
    views = [memoryview(f.buffer if isinstance(f, zmq.Frame) else f).cast("B") for f in frames]
    if not views:
        raise WireError("empty message; expected a msgpack header frame followed by array frames")
    _check_limits(views, limits)
    try:
        header = msgpack.unpackb(views[0], raw=False, strict_map_key=True, ext_hook=_refuse_ext)
    except WireError:
        raise
    except (ValueError, TypeError, msgpack.UnpackException) as exc:
        raise WireError(f"header frame is not a single msgpack map ({exc})") from exc
    if not isinstance(header, dict):
        raise WireError(f"header is a msgpack {type(header).__name__}; expected a map")
    version = header.get("v")
    if type(version) is not int or version != PROTOCOL_VERSION:  # not True, not 1.0
        raise WireError(f"protocol version {version!r} is not supported; this peer speaks v={PROTOCOL_VERSION}")
    unknown = set(header) - {"v", "kind", "data", "arrays"}
    if unknown:
        raise WireError(f"unknown header keys {sorted(unknown)}; accepted: v, kind, data, arrays")
    kind, data, specs = header.get("kind"), header.get("data", {}), header.get("arrays", [])
    if not isinstance(kind, str) or not kind:
        raise WireError(f"header 'kind' is {kind!r}; expected a non-empty string")
    if not isinstance(data, dict):
        raise WireError(f"header 'data' is a {type(data).__name__}; expected a map")
    if not isinstance(specs, list):
        raise WireError(f"header 'arrays' is a {type(specs).__name__}; expected a list")
    if len(specs) != len(views) - 1:
        raise WireError(f"header describes {len(specs)} arrays but the message has {len(views) - 1} array frames")
    arrays = {}
    for index, spec in enumerate(specs, start=1):
        name, array = _decode_array(spec, index, views)
        if name in arrays:
            raise WireError(f"array name {name!r} appears twice in the header; names must be unique")
        arrays[name] = array
    return Message(kind=kind, data=data, arrays=arrays)


def send(socket: zmq.Socket, message: Message, flags: int = 0, limits: WireLimits = DEFAULT_LIMITS) -> None:
    """Encode and send one message, handing array memory to zmq without a copy."""
    socket.send_multipart(encode(message.kind, message.data, message.arrays, limits), flags=flags, copy=False)


def recv(socket: zmq.Socket, flags: int = 0, limits: WireLimits = DEFAULT_LIMITS) -> Message:
    """Receive and decode one message; arrays are read-only views of the received frames."""
    return decode(socket.recv_multipart(flags=flags, copy=False), limits)


def _check_limits(frames: Sequence[bytes | memoryview], limits: WireLimits) -> None:
    if len(frames) > limits.max_frames:
        raise WireLimitError(f"message has {len(frames)} frames; at most {limits.max_frames} accepted")
    header_bytes = len(frames[0])
    if header_bytes > limits.max_header_bytes:
        raise WireLimitError(
            f"header is {header_bytes} bytes; at most {limits.max_header_bytes} bytes accepted"
        )
    total = sum(len(f) for f in frames)
    if total > limits.max_total_bytes:
        raise WireLimitError(f"message is {total} bytes; at most {limits.max_total_bytes} bytes accepted")


def _decode_array(spec: object, index: int, views: list[memoryview]) -> tuple[str, np.ndarray]:
    if not isinstance(spec, dict) or set(spec) != {"name", "dtype", "shape", "frame"}:
        raise WireError(f"array entry {index} is {spec!r}; expected a map with keys name, dtype, shape, frame")
    name, dtype, shape, frame = spec["name"], spec["dtype"], spec["shape"], spec["frame"]
    if not isinstance(name, str):
        raise WireError(f"array entry {index} name is {name!r}; expected a string")
    if dtype not in ALLOWED_DTYPES:
        raise WireError(f"array {name!r} has dtype {dtype!r}; accepted dtypes: {sorted(ALLOWED_DTYPES)}")
    if (
        not isinstance(shape, list)
        or len(shape) > MAX_ARRAY_NDIM
        or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)
    ):
        raise WireError(
            f"array {name!r} has shape {shape!r}; expected a list of at most {MAX_ARRAY_NDIM} non-negative ints"
        )
    if frame != index:
        raise WireError(f"array {name!r} names frame {frame!r}; arrays must use frames 1..n in order, expected {index}")
    element = np.dtype(dtype).newbyteorder("<")
    expected = math.prod(shape) * element.itemsize
    buffer = views[index]
    if len(buffer) != expected:
        raise WireError(
            f"array {name!r} frame holds {len(buffer)} bytes; dtype {dtype} with shape {shape} needs {expected}"
        )
    array = np.frombuffer(buffer, dtype=element).reshape(shape)
    array.flags.writeable = False  # the frame's memory may be shared with the sender (inproc): never write it
    return name, array
