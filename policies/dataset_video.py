"""Camera streams of a LeRobot v3.0 dataset as AV1 mp4 files, encoded, joined and decoded with PyAV.

Codec: AV1 through SVT-AV1 (``libsvtav1``), yuv420p, a keyframe every 2 frames, CRF 30: LeRobot's own
defaults, so files match what LeRobot writes (``video.codec: av1`` in info.json) and decode with PyAV's
dav1d and with LeRobot. The short keyframe interval keeps random access to any frame cheap in training.

Several episodes share one file: an episode is encoded alone, then its packets are appended to the
camera's current file without re-encoding (ffmpeg's concat demuxer), and the episode is located in the
file by its from/to timestamps.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import av
import numpy as np

ENCODER = "libsvtav1"
CODEC = "av1"  # the name LeRobot records in info.json
PIX_FMT = "yuv420p"
_OPTIONS = {"g": "2", "crf": "30"}


class EpisodeEncoder:
    """Encodes one camera's frames of one episode as they arrive, so no frame is kept in memory."""

    def __init__(self, path: Path, fps: int, height: int, width: int) -> None:
        os.environ.setdefault("SVT_LOG", "1")  # SVT-AV1 otherwise prints a banner to stderr for every file
        self.path = path
        self._container = av.open(str(path), mode="w")
        self._stream = self._container.add_stream(ENCODER, rate=fps, options=_OPTIONS)
        self._stream.pix_fmt = PIX_FMT
        self._stream.width, self._stream.height = width, height
        self._closed = False

    def add(self, frame: np.ndarray) -> None:
        self._container.mux(self._stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")))

    def finish(self) -> Path:
        """Flush the encoder and close the file."""
        self._container.mux(self._stream.encode())
        self._container.close()
        self._closed = True
        return self.path

    def abort(self) -> None:
        """Close an unfinished file that the caller discards; safe after ``finish()``."""
        if self._closed:
            return
        self._closed = True
        try:
            self._stream.encode()  # drain: SVT-AV1 complains on stderr when closed without end of stream
        finally:
            self._container.close()


def duration_s(path: Path) -> float:
    """Playing time of the file's video stream (what LeRobot uses to place the next episode)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return float(stream.duration * stream.time_base)


def concatenate(inputs: list[Path], output: Path) -> None:
    """Write ``inputs`` one after the other into ``output`` by copying packets (no re-encoding)."""
    with tempfile.NamedTemporaryFile("w", suffix=".ffconcat", dir=output.parent) as listing:
        listing.write("ffconcat version 1.0\n" + "".join(f"file '{p.resolve()}'\n" for p in inputs))
        listing.flush()
        with av.open(listing.name, "r", format="concat", options={"safe": "0"}) as src, \
                av.open(str(output), "w", format="mp4", options={"movflags": "faststart"}) as dst:
            in_stream = src.streams.video[0]
            out_stream = dst.add_stream_from_template(in_stream, opaque=True)
            out_stream.time_base = in_stream.time_base
            for packet in src.demux(in_stream):
                if packet.dts is None:  # the demuxer's end-of-stream marker
                    continue
                packet.stream = out_stream
                dst.mux(packet)


def decode(path: Path, from_s: float, to_s: float, fps: float) -> np.ndarray:
    """RGB frames (N, H, W, 3) uint8 whose timestamps lie in [from_s, to_s) of the file."""
    half_frame = 0.5 / fps
    frames = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        container.seek(int(from_s / stream.time_base), stream=stream, backward=True)
        for frame in container.decode(stream):
            t = float(frame.pts * stream.time_base)
            if t >= to_s - half_frame:
                break
            if t >= from_s - half_frame:
                frames.append(frame.to_ndarray(format="rgb24"))
    if not frames:
        raise ValueError(f"{path}: no frame between {from_s:.3f} s and {to_s:.3f} s")
    return np.stack(frames)
