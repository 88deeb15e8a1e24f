"""Which of a policy's image keypoints move with what its cameras see.

    python benchmarks/keypoints.py POLICY.onnx [POLICY.onnx ...] --task cable [--episodes 4]

The camera encoders end in a spatial softmax: each channel's attention over the feature map gives one keypoint
(x, y in [-1, 1]). A keypoint that sits still whatever the camera shows carries nothing to the head: its channel is
flat (after a ReLU, zero everywhere), so its attention is uniform. This reads every keypoint of an exported policy
(any file of the contract exported by robotstack: the spatial softmax's nodes are named ``/keypoints/``) on the
frames of scripted-expert episodes of the task (seeds 3 000 000 on, never trained on) and prints, per camera, how
many keypoints move (standard deviation over the frames above 0.05, 2.5 % of the image width), the median
standard deviation, and the median of each attention's largest weight (1 / cells when uniform).
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.policies.collect import record_episode  # noqa: E402
from robotstack.policies.text_encoder import embed  # noqa: E402
from robotstack.policy import STATE_INPUT, TEXT_INPUT, PolicySpec, read_spec  # noqa: E402
from robotstack.sim import make_env  # noqa: E402

SEED_BASE = 3_000_000
MOVING = 0.05


def keypoint_session(path: Path) -> tuple[ort.InferenceSession, PolicySpec, dict[str, tuple[str, str]]]:
    """A session whose outputs include, per camera, the spatial softmax's attention and keypoints; the file's
    contract (checked as ``OnnxPolicy`` checks it); and per camera the names of those two outputs."""
    model = onnx.load(str(path))
    taps: dict[str, tuple[str, str]] = {}
    for node in model.graph.node:
        # An ensemble (robotstack ensemble) prefixes each member's nodes with "m<i>/": one row per member and camera.
        found = re.search(r"^(m\d+/)?.*/(\w+)/keypoints/(Softmax|MatMul)$", node.name)
        if found:
            member, camera, kind = found.groups()
            camera = f"{member or ''}{camera}"
            attention, points = taps.get(camera, ("", ""))
            taps[camera] = (node.output[0], points) if kind == "Softmax" else (attention, node.output[0])
    if not taps or any("" in pair for pair in taps.values()):
        raise SystemExit(f"{path}: no spatial-softmax keypoint nodes (named '/CAMERA/keypoints/Softmax' and "
                         "'/CAMERA/keypoints/MatMul') found; this reads policies exported by robotstack")
    present = {o.name for o in model.graph.output}
    for name in (n for pair in taps.values() for n in pair if n not in present):
        model.graph.output.append(onnx.helper.make_empty_tensor_value_info(name))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return session, read_spec(session, str(path)), taps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("policies", type=Path, nargs="+", help="exported policy ONNX files")
    parser.add_argument("--task", default="ring", help="task alias or id whose expert episodes give the frames")
    parser.add_argument("--episodes", type=int, default=4)
    parser.add_argument("--every", type=int, default=3, help="use every n-th frame")
    args = parser.parse_args()

    table = Table(title=f"keypoints that move on {args.episodes} expert episodes of {args.task}")
    for column in ("policy", "camera", "keypoints moving", "median std", "median largest attention weight"):
        table.add_column(column, justify="right")
    frames_by_size: dict[int, list] = {}
    for path in args.policies:
        session, spec, taps = keypoint_session(path)
        if spec.image_size not in frames_by_size:
            env = make_env(args.task, image_size=spec.image_size)
            frames_by_size[spec.image_size] = [frame for seed in range(SEED_BASE, SEED_BASE + args.episodes)
                                               for frame in record_episode(env, seed).frames[::args.every]]
            env.close()
        frames = frames_by_size[spec.image_size]
        texts = {phrase: embed([phrase]) for phrase in {f.task for f in frames}}
        wanted = [name for pair in taps.values() for name in pair]
        readings = []
        for frame in frames:
            feed = {PolicySpec.input_name(c): frame.images[c][None] for c in spec.cameras}
            feed.update({STATE_INPUT: frame.state[None].astype(np.float32), TEXT_INPUT: texts[frame.task]})
            readings.append(dict(zip(wanted, session.run(wanted, feed))))
        for camera, (attention_name, points_name) in sorted(taps.items()):
            points = np.concatenate([r[points_name] for r in readings])  # (frames, channels, 2)
            largest = np.concatenate([r[attention_name].max(axis=-1) for r in readings])  # (frames, channels)
            spread = points.std(axis=0).max(axis=-1)
            cells = readings[0][attention_name].shape[-1]
            table.add_row(path.name, camera, f"{int((spread > MOVING).sum())} of {len(spread)}",
                          f"{np.median(spread):.3f}", f"{np.median(largest):.4f} (uniform {1 / cells:.4f})")
    Console(width=150).print(table)


if __name__ == "__main__":
    main()
