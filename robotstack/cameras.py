"""Real cameras through OpenCV: one ``cv2.VideoCapture`` per named camera (a device index or a video file).

Frames are converted to RGB and stamped on the monotonic clock when read. A camera that returns nothing
gives ``None`` (the loop counts a dropped frame and holds); proprioception comes from a callable the robot
bridge provides (zeros when there is none, e.g. profiling against recorded video).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import cv2
import numpy as np

from robotstack.interfaces import Frame


def _open(source: str | int) -> cv2.VideoCapture:
    device = int(source) if isinstance(source, str) and source.isdigit() else source
    capture = cv2.VideoCapture(device)
    if not capture.isOpened():
        raise ValueError(f"camera source {source!r} could not be opened; accepted: a device index (0, 1, ...) "
                         "or a readable video file")
    return capture


class OpenCVCameras:
    """A camera source over several OpenCV captures, read together each tick."""

    def __init__(self, sources: dict[str, str | int], state: Callable[[], np.ndarray] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not sources:
            raise ValueError("no camera sources given; pass e.g. {'front': 0, 'wrist': 'wrist.mp4'}")
        self.captures = {name: _open(src) for name, src in sources.items()}
        self.state = state or (lambda: np.zeros(22, dtype=np.float32))
        self.clock = clock
        self._seq = 0

    def now(self) -> float:
        return self.clock()

    def read(self) -> Frame | None:
        images = {}
        for name, capture in self.captures.items():
            ok, bgr = capture.read()
            if not ok or bgr is None:
                return None
            images[name] = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        self._seq += 1
        return Frame(images=images, state=self.state(), stamp=self.clock(), seq=self._seq)

    def close(self) -> None:
        for capture in self.captures.values():
            capture.release()
