"""Memory the training pipeline needs to turn recorded episodes into training frames.

    python benchmarks/recording_memory.py [--task cable] [--episodes 60] [--repeat 8]

Recording yields episodes one at a time (from the recording processes); each frame's images are small arrays of
their own. ``robotstack.policies.pipeline.to_demonstrations`` stacks each episode as it arrives and joins the stacks
into arrays allocated once. The baseline, measured in the same run, is what the pipeline did until stop 41: hold
every episode in a list, then stack every frame at the end. ``--episodes`` expert episodes are recorded once and
replayed ``--repeat`` times (each time unpickled afresh, as episodes arrive from the recording processes), so the
frames weigh gigabytes without recording for long; each way runs in a fresh process. Per way: the process's peak
resident set above where it started, the same after the frames are built (what the training that follows has to
live beside), both against the frames' image bytes, and the ratio of the peak to the baseline's.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.policies.collect import Episode  # noqa: E402
from robotstack.policies.model import STUDENT  # noqa: E402
from robotstack.policies.parallel import RecordJob, record_parallel  # noqa: E402
from robotstack.policies.pipeline import TRAIN_SEED_BASE, to_demonstrations  # noqa: E402
from robotstack.policies.train import Demonstrations  # noqa: E402
from robotstack.sim import ALIASES  # noqa: E402


def stacked_at_the_end(episodes: Iterator[Episode]) -> Demonstrations:
    """The baseline: every episode held, then every frame stacked."""
    frames = [(i, f) for i, e in enumerate(list(episodes)) for f in e.frames]
    return Demonstrations(images={c: np.stack([f.images[c] for _, f in frames]) for c in frames[0][1].images},
                          state=np.stack([f.state for _, f in frames]),
                          action=np.stack([f.action for _, f in frames]).astype(np.float32),
                          episode=np.array([i for i, _ in frames]), task=[f.task for _, f in frames],
                          landmarks=np.stack([f.landmarks for _, f in frames]))


WAYS = {"held, stacked at the end (baseline)": stacked_at_the_end, "streamed (to_demonstrations)": to_demonstrations}


def resident_gb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**30


def replayed(path: Path, repeat: int) -> Iterator[Episode]:
    for _ in range(repeat):
        with path.open("rb") as f:
            while True:
                try:
                    yield pickle.load(f)
                except EOFError:
                    break


def measure(way: str, path: Path, repeat: int) -> dict:
    start = resident_gb()
    frames = WAYS[way](replayed(path, repeat))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # kB on Linux
    return {"frames": len(frames), "images_gb": sum(a.nbytes for a in frames.images.values()) / 2**30,
            "peak_gb": peak - start, "after_gb": resident_gb() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", default="cable")
    parser.add_argument("--episodes", type=int, default=60, help="expert episodes recorded (seeds 10 000 on)")
    parser.add_argument("--repeat", type=int, default=8, help="times the recorded episodes are replayed")
    parser.add_argument("--image-size", type=int, default=STUDENT.image_size)
    parser.add_argument("--measure", choices=list(WAYS), help=argparse.SUPPRESS)  # one way, in a fresh process
    parser.add_argument("--episodes-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.episodes_file, args.repeat)))
        return
    task = ALIASES.get(args.task, args.task)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "episodes.pickles"
        with path.open("wb") as f:
            seeds = list(range(TRAIN_SEED_BASE, TRAIN_SEED_BASE + args.episodes))
            for episode in record_parallel(RecordJob(task, args.image_size), seeds, workers=1):
                pickle.dump(episode, f, protocol=5)
        results = {way: json.loads(subprocess.run(
            [sys.executable, __file__, "--measure", way, "--episodes-file", str(path), "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True).stdout.splitlines()[-1]) for way in WAYS}
    baseline = next(iter(results.values()))
    table = Table(title=f"{task}: {args.episodes} expert episodes replayed {args.repeat} times, "
                        f"{baseline['frames']} frames ({baseline['images_gb']:.2f} GB of images), {args.image_size} px")
    for column in ("way", "peak resident GB", "peak / images", "resident after GB", "after / images",
                   "peak vs baseline"):
        table.add_column(column)
    for way, r in results.items():
        table.add_row(way, f"{r['peak_gb']:.2f}", f"{r['peak_gb'] / r['images_gb']:.2f}x", f"{r['after_gb']:.2f}",
                      f"{r['after_gb'] / r['images_gb']:.2f}x", f"{r['peak_gb'] / baseline['peak_gb']:.2f}x")
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
