"""The wire format: round trips, zero-copy arrays, and every bound and refusal."""

from __future__ import annotations

import pickle

import msgpack
import numpy as np
import pytest
import zmq

from robotstack import wire
from robotstack.wire import ALLOWED_DTYPES, Message, WireError, WireLimitError, WireLimits


def _header(**fields: object) -> bytes:
    return msgpack.packb({"v": wire.PROTOCOL_VERSION, "kind": "k", "data": {}, "arrays": [], **fields})


@pytest.fixture
def pair():
    context = zmq.Context()
    a, b = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
    a.bind("inproc://wire-test")
    b.connect("inproc://wire-test")
    yield a, b
    a.close(linger=0)
    b.close(linger=0)
    context.term()


def test_round_trip_fields_and_every_allowed_dtype():
    arrays = {name: (np.arange(24) % 7).astype(name).reshape(2, 3, 4) for name in sorted(ALLOWED_DTYPES)}
    data = {"text": "héllo", "n": 3, "x": 0.5, "flag": True, "none": None, "raw": b"\x00\xff",
            "nested": {"list": [1, "two", [3.0]]}}
    message = wire.decode(wire.encode("obs", data, arrays))
    assert message.kind == "obs"
    assert message.data == data
    for name, array in arrays.items():
        np.testing.assert_array_equal(message.arrays[name], array)
        assert message.arrays[name].dtype == array.dtype


def test_encode_hands_array_memory_over_without_copy():
    array = np.random.default_rng(0).random((64, 64), dtype=np.float32)
    frames = wire.encode("obs", arrays={"image": array})
    assert isinstance(frames[1], memoryview)
    assert np.shares_memory(np.frombuffer(frames[1], np.uint8), array)


def test_zmq_round_trip_is_zero_copy_and_read_only(pair):
    sender, receiver = pair
    image = np.random.default_rng(1).integers(0, 255, (240, 320, 3), dtype=np.uint8)  # over zmq's copy threshold
    wire.send(sender, Message("obs", {"t": 1}, {"image": image, "state": np.zeros(7, np.float32)}))
    frames = receiver.recv_multipart(copy=False)
    message = wire.decode(frames)
    np.testing.assert_array_equal(message.arrays["image"], image)
    assert np.shares_memory(message.arrays["image"], np.frombuffer(frames[1].buffer, np.uint8))
    assert not message.arrays["image"].flags.writeable


def test_non_contiguous_and_big_endian_arrays_arrive_intact():
    strided = np.arange(20, dtype=np.int32).reshape(4, 5)[:, ::2]
    big = np.arange(5, dtype=">f8")
    message = wire.decode(wire.encode("k", arrays={"strided": strided, "big": big}))
    np.testing.assert_array_equal(message.arrays["strided"], strided)
    np.testing.assert_array_equal(message.arrays["big"], big)


def test_empty_array_round_trip():
    message = wire.decode(wire.encode("k", arrays={"empty": np.zeros((0, 3), np.float32)}))
    assert message.arrays["empty"].shape == (0, 3)


def test_other_protocol_version_is_refused():
    with pytest.raises(WireError, match=r"version 2 is not supported.*v=1"):
        wire.decode([_header(v=2)])
    with pytest.raises(WireError, match="version None"):
        wire.decode([msgpack.packb({"kind": "k"})])
    for almost in (True, 1.0):  # equal to 1 in Python, but not the protocol's integer
        with pytest.raises(WireError, match="is not supported"):
            wire.decode([_header(v=almost)])


@pytest.mark.parametrize(
    ("frames", "limits", "match"),
    [
        ([_header(data={"pad": "x" * 2000})], WireLimits(max_header_bytes=1000), r"header is \d+ bytes; at most 1000"),
        ([_header(), b"", b"", b""], WireLimits(max_frames=3), "4 frames; at most 3"),
        ([_header(), b"\0" * 5000], WireLimits(max_total_bytes=4096), r"\d+ bytes; at most 4096"),
    ],
)
def test_oversized_messages_are_refused_before_decoding(frames, limits, match):
    with pytest.raises(WireLimitError, match=match):
        wire.decode(frames, limits)


def test_encoder_applies_the_same_limits():
    with pytest.raises(WireLimitError, match="at most 1024 bytes"):
        wire.encode("k", arrays={"a": np.zeros(1000, np.float32)}, limits=WireLimits(max_total_bytes=1024))


@pytest.mark.parametrize("dtype", [object, "U4", "complex64", "datetime64[s]", "V8"])
def test_disallowed_dtype_cannot_be_sent(dtype):
    with pytest.raises(WireError, match="accepted dtypes"):
        wire.encode("k", arrays={"a": np.zeros(2, dtype=dtype)})


@pytest.mark.parametrize("dtype", ["object", "<U4", "O", "float128", 7])
def test_disallowed_dtype_in_a_received_header_is_refused(dtype):
    spec = {"name": "a", "dtype": dtype, "shape": [2], "frame": 1}
    with pytest.raises(WireError, match="accepted dtypes"):
        wire.decode([_header(arrays=[spec]), b"\0" * 16])


@pytest.mark.parametrize(
    ("spec", "buffer", "match"),
    [
        ({"name": "a", "dtype": "float32", "shape": [3], "frame": 1}, b"\0" * 8, "holds 8 bytes.*needs 12"),
        ({"name": "a", "dtype": "float32", "shape": [-1], "frame": 1}, b"", "non-negative ints"),
        ({"name": "a", "dtype": "float32", "shape": [True], "frame": 1}, b"\0" * 4, "non-negative ints"),
        ({"name": "a", "dtype": "float32", "shape": [1] * 9, "frame": 1}, b"\0" * 4, "at most 8"),
        ({"name": "a", "dtype": "float32", "shape": [1], "frame": 5}, b"\0" * 4, "frames 1..n in order"),
        ({"name": "a", "dtype": "float32", "shape": [1]}, b"\0" * 4, "keys name, dtype, shape, frame"),
    ],
)
def test_inconsistent_array_descriptions_are_refused(spec, buffer, match):
    with pytest.raises(WireError, match=match):
        wire.decode([_header(arrays=[spec]), buffer])


@pytest.mark.parametrize(
    ("header", "match"),
    [
        (b"\xc1garbage", "not a single msgpack map"),
        (msgpack.packb([1, 2, 3]), "expected a map"),
        (_header() + b"trailing", "not a single msgpack map"),
        (_header(kind=""), "non-empty string"),
        (_header(data=[1]), "'data' is a list"),
        (_header(extra=1), r"unknown header keys \['extra'\]"),
        (msgpack.packb({1: 2}), "not a single msgpack map"),  # only str keys
        (msgpack.packb({"v": 1, "kind": "k", "data": {"x": msgpack.ExtType(5, b"xx")}}), "extension type 5"),
    ],
)
def test_malformed_headers_are_refused(header, match):
    with pytest.raises(WireError, match=match):
        wire.decode([header])


def test_frame_count_must_match_the_header():
    with pytest.raises(WireError, match="describes 0 arrays but the message has 1"):
        wire.decode([_header(), b"\0"])
    with pytest.raises(WireError, match="empty message"):
        wire.decode([])


def test_pickle_is_never_used(monkeypatch, pair):
    def forbidden(*args, **kwargs):
        raise AssertionError("pickle was used")

    for name in ("dumps", "loads", "dump", "load", "Pickler", "Unpickler"):
        monkeypatch.setattr(pickle, name, forbidden)
    sender, receiver = pair
    wire.send(sender, Message("obs", {"a": [1, 2]}, {"x": np.ones(3)}))
    assert wire.recv(receiver).data == {"a": [1, 2]}


def test_pickled_payloads_and_arbitrary_objects_are_refused():
    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    with pytest.raises(WireError, match=r"not a single msgpack map|expected a map"):
        wire.decode([pickle.dumps({"v": 1, "kind": "k", "data": {}, "arrays": []})])
    with pytest.raises(WireError, match="cannot encode a value of type Evil"):
        wire.encode("k", {"x": Evil()})
