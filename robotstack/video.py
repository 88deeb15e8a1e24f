"""Write RGB frames to an H.264 mp4, atomically (a partial file never appears under the final name)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from robotstack.atomic import atomic_path


class VideoWriter:
    """Collects frames and encodes them with PyAV on ``close()``; use as a context manager."""

    def __init__(self, path: str | Path, fps: float) -> None:
        self.path = Path(path)
        self.fps = fps
        self._frames: list[np.ndarray] = []

    def add(self, frame: np.ndarray) -> None:
        if frame.dtype != np.uint8 or frame.ndim != 3 or frame.shape[2] != 3:
            raise ValueError(f"frame must be HxWx3 uint8, got {frame.shape} {frame.dtype}")
        if self._frames and frame.shape != self._frames[0].shape:
            raise ValueError(f"frame shape {frame.shape} differs from the first frame's {self._frames[0].shape}")
        self._frames.append(frame)

    def close(self) -> Path | None:
        """Encode and publish the video; returns its path, or None when no frame was added."""
        if not self._frames:
            return None
        import av  # the [sim] extra; boards without it never write videos

        with atomic_path(self.path) as tmp:
            h, w = self._frames[0].shape[:2]
            with av.open(tmp, mode="w") as container:
                stream = container.add_stream("libx264", rate=round(self.fps))
                stream.width, stream.height = w - w % 2, h - h % 2
                stream.pix_fmt = "yuv420p"
                for frame in self._frames:
                    image = av.VideoFrame.from_ndarray(frame[: stream.height, : stream.width], format="rgb24")
                    container.mux(stream.encode(image))
                container.mux(stream.encode())
        self._frames.clear()
        return self.path

    def __enter__(self) -> "VideoWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
