"""Grounding benchmark: does a trained language policy know *which* ring its instruction names?

    python benchmarks/grounding.py --checkpoint runs/train/student-LanguageTabletop-v0/dagger3.ckpt [--episodes 100]

On unseen LanguageTabletop-v0 seeds (three rings of six colours, two pegs), the first frame of each episode is
shown to the policy once per ring in the scene, with "put the <colour> ring on the <peg> peg". The policy's
training-only landmark head estimates where the named ring's grasp point is from the hand; the estimate counts
as grounded when it is nearer that ring's true grasp offset than any other ring's. Chance is one in three.
The first frame is the hardest case (the hand is 40 cm above the table, the rings a few pixels wide) and the
one that decides which way the arm sets off. Baseline in the same run: the same estimate with the
instruction embedding of an empty string (what the image alone says).

The landmark head is not exported, so this reads a training checkpoint (``robotstack train --work-dir``).
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("MUJOCO_GL", "egl")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from robotstack.episodes import EVAL_SEED_BASE  # noqa: E402
from robotstack.policies.model import VisuomotorPolicy  # noqa: E402
from robotstack.policies.text_encoder import embed  # noqa: E402
from robotstack.policies.train import LANDMARK_SCALE_M, load_checkpoint  # noqa: E402
from robotstack.sim import make_env  # noqa: E402
from robotstack.sim.experts import PlaceRingExpert  # noqa: E402
from robotstack.skills import Subtask  # noqa: E402
from robotstack.stats import wilson_interval  # noqa: E402


def grasp_estimates(policy: VisuomotorPolicy, obs: dict, phrases: list[str]) -> np.ndarray:
    """(len(phrases), 3) grasp-from-hand estimates in metres, one per phrase, for the same frame."""
    n = len(phrases)
    images = {c: torch.from_numpy(np.repeat(obs["images"][c][None], n, axis=0)) for c in policy.cfg.cameras}
    state = torch.from_numpy(np.repeat(obs["state"][None], n, axis=0))
    with torch.no_grad():
        _, landmarks = policy.forward_with_landmarks(images, state, torch.from_numpy(embed(phrases)))
    return landmarks[:, :3].numpy() * LANDMARK_SCALE_M


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", required=True, help="a training checkpoint (.ckpt) of a language policy")
    parser.add_argument("--episodes", type=int, default=100)
    parser.add_argument("--seed", type=int, default=EVAL_SEED_BASE)
    args = parser.parse_args()
    torch.set_num_threads(2)
    policy = load_checkpoint(args.checkpoint)
    env = make_env("robotstack/LanguageTabletop-v0", image_size=policy.cfg.image_size)
    grounded = blind = 0
    errors, trials = [], 0
    for seed in range(args.seed, args.seed + args.episodes):
        obs, info = env.reset(seed=seed)
        priv = info["privileged"]
        colours = sorted(priv["rings"])
        peg = sorted(priv["pegs"])[0]
        truth = np.stack([PlaceRingExpert(c, peg).landmarks(priv)[:3] for c in colours])
        phrases = [Subtask("place_ring", {"ring": c, "peg": peg}).phrase() for c in colours]
        named = grasp_estimates(policy, obs, phrases)
        image_only = grasp_estimates(policy, obs, [""])[0]
        for i in range(len(colours)):
            distances = np.linalg.norm(truth - named[i], axis=1)
            grounded += int(np.argmin(distances) == i)
            errors.append(float(distances[i]))
            blind += int(np.argmin(np.linalg.norm(truth - image_only, axis=1)) == i)
            trials += 1
    env.close()

    table = Table(title=f"first-frame grounding, {args.episodes} unseen LanguageTabletop-v0 seeds from {args.seed} "
                        f"({trials} ring instructions; chance 1/3)")
    for column in ("conditioning", "nearest ring is the named one", "95 % CI (Wilson)", "grasp offset error p50 / p90"):
        table.add_column(column, justify="right")
    low, high = wilson_interval(grounded, trials)
    table.add_row("instruction", f"{grounded}/{trials} ({grounded / trials:.0%})", f"{low:.0%}–{high:.0%}",
                  f"{np.median(errors) * 100:.1f} / {np.percentile(errors, 90) * 100:.1f} cm")
    low, high = wilson_interval(blind, trials)
    table.add_row("empty string (baseline)", f"{blind}/{trials} ({blind / trials:.0%})", f"{low:.0%}–{high:.0%}", "—")
    Console().print(table)


if __name__ == "__main__":
    main()
