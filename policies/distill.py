"""Teacher labels for distillation: what a trained policy (any file meeting the policy contract) would do on every
recorded frame, as a whole action chunk.

The expert's labels come from privileged state (where the peg is to the millimetre), so part of what they say cannot
be read from the cameras, and a student fitting them learns the average of what it cannot tell apart. A teacher's
chunk is a function of the same observation the student gets: every part of it is learnable, and it carries the
teacher's whole plan for the next ``chunk`` ticks rather than the one expert action per tick. Training mixes the two
(``TrainConfig.teacher_weight``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from robotstack.policy import OnnxPolicy
from robotstack.policies.text_encoder import embed
from robotstack.policies.train import Demonstrations


def teacher_chunks(teacher: OnnxPolicy, demos: Demonstrations, chunk: int, cameras: tuple[str, ...],
                   log: Callable[[str], None] = print) -> np.ndarray:
    """(N, chunk, 5) float32: the teacher's action chunk on each frame, given the frame's subtask phrase.
    ValueError if the teacher cannot stand in for the student's targets (another chunk length, or a camera the
    frames do not have)."""
    spec = teacher.spec
    if spec.chunk != chunk:
        raise ValueError(f"{teacher.path}: the teacher predicts chunks of {spec.chunk} actions; the student "
                         f"{chunk} (train a teacher with the student's chunk length)")
    missing = [c for c in spec.cameras if c not in demos.images]
    if missing:
        raise ValueError(f"{teacher.path}: the teacher needs cameras {list(spec.cameras)}; the frames have "
                         f"{sorted(demos.images)}")
    size = demos.images[spec.cameras[0]].shape[1]
    if spec.image_size != size:
        raise ValueError(f"{teacher.path}: the teacher takes {spec.image_size} px images; the frames are {size} px")
    phrases = sorted(set(demos.task))
    embedding = dict(zip(phrases, embed(phrases)))
    out = np.empty((len(demos), chunk, 5), dtype=np.float32)
    for i in range(len(demos)):
        out[i] = teacher({c: demos.images[c][i] for c in spec.cameras}, demos.state[i], embedding[demos.task[i]])
        if (i + 1) % 50_000 == 0:
            log(f"teacher labels: {i + 1}/{len(demos)} frames")
    if not np.isfinite(out).all():
        raise ValueError(f"{teacher.path}: the teacher returned non-finite actions on "
                         f"{int((~np.isfinite(out)).any(axis=(1, 2)).sum())} frames")
    return out
