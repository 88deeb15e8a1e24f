"""OpenCV camera sources read real video files; a missing source fails clearly; the end of a file is a dropped frame."""

import cv2
import numpy as np
import pytest

from robotstack.cameras import OpenCVCameras


def _video(path, frames: int, color: tuple[int, int, int]) -> str:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 20, (64, 48))
    for i in range(frames):
        image = np.full((48, 64, 3), color, dtype=np.uint8)
        image[:, i % 64] = 255
        writer.write(image)
    writer.release()
    return str(path)


def test_reads_named_cameras_as_rgb_frames(tmp_path):
    cams = OpenCVCameras({"front": _video(tmp_path / "f.avi", 3, (255, 0, 0)),  # BGR blue
                          "wrist": _video(tmp_path / "w.avi", 3, (0, 0, 255))})  # BGR red
    frame = cams.read()
    assert frame.images["front"].shape == (48, 64, 3)
    assert frame.images["front"][0, 10, 2] > 200 and frame.images["wrist"][0, 10, 0] > 200  # now RGB
    assert frame.state.shape == (22,) and frame.seq == 1
    assert cams.read().seq == 2
    cams.read()
    assert cams.read() is None  # the files ran out: the loop counts a dropped frame
    cams.close()


def test_unopenable_source_names_what_is_accepted(tmp_path):
    with pytest.raises(ValueError, match="device index"):
        OpenCVCameras({"front": str(tmp_path / "missing.mp4")})
