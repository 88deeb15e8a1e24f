"""Does a ring policy use its cameras? Two measurements, and a probe of what training does to the conv layers.

    python benchmarks/image_use.py --policy student --policy FILE.onnx [--episodes 10] [--seed 1000100]
    python benchmarks/image_use.py --checkpoint WORK/teacher-RingPlacement-v0/bc.ckpt [--checkpoint ...]
    python benchmarks/image_use.py --probe teacher --lr 1e-3,3e-4 [--steps 1000] [--demos 60]

``--policy``: the scripted expert drives episodes (so every policy sees the same states); at each tick each policy's
first action is compared with the expert's, once with the episode's own camera images and once with another
episode's images at the same tick (seed + 50), the state and instruction unchanged. A policy that reads the scene
gets worse with the wrong images; one whose error does not move fits the expert from proprioception alone, which
holds on the expert's states and fails closed loop from the start pose (the teacher of stop 31).

``--checkpoint``: per camera and conv layer, how many channels vary over the image on a test frame (a channel that
is the same at every pixel carries nothing of the scene; a layer with none cuts the camera off: dead ReLUs).

``--probe``: trains a fresh network of that architecture for ``--steps`` behaviour-cloning steps at each ``--lr``
on ``--demos`` expert demonstrations (cached in ``--work-dir``) and prints the same per-layer count, and the count
at initialisation as the baseline, so which learning rates kill layers shows in minutes rather than after a run.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.episodes import EVAL_SEED_BASE  # noqa: E402
from robotstack.policies.model import ARCHITECTURES, FiLMConv, VisuomotorPolicy  # noqa: E402
from robotstack.policies.parallel import RecordJob, record_parallel  # noqa: E402
from robotstack.policies.collect import Frame, record_episode  # noqa: E402
from robotstack.policies.pipeline import TRAIN_SEED_BASE, cached_demonstrations, to_demonstrations  # noqa: E402
from robotstack.policies.text_encoder import embed  # noqa: E402
from robotstack.policies.train import TrainConfig, load_checkpoint, train  # noqa: E402
from robotstack.policy import OnnxPolicy  # noqa: E402
from robotstack.sim import make_env  # noqa: E402
from robotstack.weights import resolve  # noqa: E402

TASK = "robotstack/RingPlacement-v0"
SWAP_OFFSET = 50  # the other episode whose images a policy is shown
VARYING = 1e-3  # a channel whose standard deviation over the image is below this is the same everywhere


def swapped_images_table(env, policies: dict[str, OnnxPolicy], episodes: int, seed: int) -> Table:
    errors = {name: {"own": [], "swapped": []} for name in policies}
    for s in range(seed, seed + episodes):
        own, other = record_episode(env, s).frames, record_episode(env, s + SWAP_OFFSET).frames  # the expert drives
        for frame, other_frame in zip(own, other):
            text = embed([frame.task])[0]
            for name, policy in policies.items():
                for key, images in (("own", frame.images), ("swapped", other_frame.images)):
                    action = policy(images, frame.state, text)[0]
                    errors[name][key].append(np.abs(action[:4] - frame.action[:4]).mean())
    table = Table(title=f"first action vs the expert's, mean |error| over dx, dy, dz, dyaw (expert-driven, seeds "
                        f"{seed}–{seed + episodes - 1}; swapped: the images of seed + {SWAP_OFFSET} at the same "
                        f"tick)")
    for column in ("policy", "own images", "swapped images", "swapped / own"):
        table.add_column(column, justify="left" if column == "policy" else "right")
    for name, e in errors.items():
        own, swapped = float(np.mean(e["own"])), float(np.mean(e["swapped"]))
        table.add_row(name, f"{own:.3f}", f"{swapped:.3f}", f"{swapped / own:.2f}x")
    return table


def varying_channels(policy: VisuomotorPolicy, frame: Frame) -> dict[str, tuple[int, int]]:
    """Per conv layer ("front 3"): (channels varying over the image, channels) on one frame."""
    outputs: dict[str, torch.Tensor] = {}
    hooks = [module.register_forward_hook(lambda m, i, o, name=name: outputs.__setitem__(name, o))
             for name, module in policy.named_modules() if isinstance(module, FiLMConv)]
    text = torch.from_numpy(embed(["put the ring on the peg"]))
    with torch.no_grad():
        policy.eval()({c: torch.from_numpy(frame.images[c][None]) for c in policy.cfg.cameras},
                      torch.from_numpy(frame.state[None]), text)
    for hook in hooks:
        hook.remove()
    counts = {}
    for name, out in outputs.items():  # encoders.<camera>.layers.<i>
        _, camera, _, layer = name.split(".")
        per_channel = out[0].reshape(out.shape[1], -1)
        counts[f"{camera} {layer}"] = (int((per_channel.std(dim=1) > VARYING).sum()), out.shape[1])
    return counts


def layers_table(title: str, networks: dict[str, dict[str, tuple[int, int]]]) -> Table:
    """One row per camera and conv layer, one column per network."""
    table = Table(title=title)
    table.add_column("camera, conv layer")
    for name in networks:
        table.add_column(name, justify="right")
    for layer in next(iter(networks.values())):
        table.add_row(layer, *(f"{counts[layer][0]}/{counts[layer][1]}" for counts in networks.values()))
    return table


def probe(arch_name: str, rates: list[float], steps: int, demos: int, work_dir: Path, frame: Frame) -> Table:
    if arch_name not in ARCHITECTURES:
        raise SystemExit(f"--probe {arch_name!r}; accepted: {', '.join(ARCHITECTURES)}")
    seeds = list(range(TRAIN_SEED_BASE, TRAIN_SEED_BASE + demos))
    work_dir.mkdir(parents=True, exist_ok=True)
    data = cached_demonstrations(work_dir / f"image-use-demos-{demos}.pkl", lambda: to_demonstrations(
        list(record_parallel(RecordJob(TASK, 96, noise=0.15), seeds, len(os.sched_getaffinity(0))))))
    rows = {}
    torch.manual_seed(0)
    rows["initialisation"] = varying_channels(VisuomotorPolicy(ARCHITECTURES[arch_name]), frame)
    for lr in rates:
        torch.manual_seed(0)
        policy = train(VisuomotorPolicy(ARCHITECTURES[arch_name]), data,
                       TrainConfig(steps=steps, lr=lr, checkpoint_every=steps + 1), log=lambda line: None)
        rows[f"lr {lr:g}, {steps} steps"] = varying_channels(policy, frame)
    return layers_table(f"{arch_name}: conv channels varying over a test frame (seed {EVAL_SEED_BASE + 3}), "
                        f"{demos} demonstrations", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policy", action="append", default=[], help="shipped name or .onnx path (repeat)")
    parser.add_argument("--episodes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=EVAL_SEED_BASE + 100)
    parser.add_argument("--checkpoint", action="append", default=[], type=Path, help="a training checkpoint (repeat)")
    parser.add_argument("--probe", help="train this architecture briefly at each --lr (student, teacher, ...)")
    parser.add_argument("--lr", default="1e-3,3e-4", help="learning rates for --probe, comma-separated")
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--demos", type=int, default=60)
    parser.add_argument("--work-dir", type=Path, default=Path("runs/image-use"))
    args = parser.parse_args()
    if not (args.policy or args.checkpoint or args.probe):
        parser.error("give --policy, --checkpoint or --probe")
    console = Console()
    env = make_env(TASK, image_size=96)
    frame = record_episode(env, EVAL_SEED_BASE + 3).frames[0]  # the test frame: that episode's first
    if args.policy:
        files = [resolve(p, task=TASK) for p in args.policy]
        policies = {f.name: OnnxPolicy(f.path, expected_sha256=f.sha256) for f in files}
        console.print(swapped_images_table(env, policies, args.episodes, args.seed))
    if args.checkpoint:
        rows = {f"{path.parent.name}/{path.name}": varying_channels(load_checkpoint(path), frame)
                for path in args.checkpoint}
        console.print(layers_table(f"conv channels varying over a test frame (seed {EVAL_SEED_BASE + 3})", rows))
    if args.probe:
        rates = [float(r) for r in args.lr.split(",")]
        console.print(probe(args.probe, rates, args.steps, args.demos, args.work_dir, frame))


if __name__ == "__main__":
    main()
