"""Random table layouts: object positions inside the arm's comfortable reach, kept apart."""

from __future__ import annotations

import numpy as np

TABLE_X = (0.32, 0.64)
TABLE_Y = (-0.3, 0.3)
MAX_TRIES = 2000


def sample_positions(rng: np.random.Generator, clearances: list[float],
                     x_range: tuple[float, float] = TABLE_X,
                     y_range: tuple[float, float] = TABLE_Y) -> list[np.ndarray]:
    """Positions (x, y) for objects with the given clearance radii, no two closer than the sum of theirs.

    Sequential rejection sampling from the given generator, so a seed fixes the layout.
    """
    for _ in range(MAX_TRIES):
        placed: list[np.ndarray] = []
        for radius in clearances:
            for _ in range(200):
                candidate = np.array([rng.uniform(*x_range), rng.uniform(*y_range)])
                if all(np.linalg.norm(candidate - p) >= radius + r for p, r in zip(placed, clearances)):
                    placed.append(candidate)
                    break
            else:
                break
        if len(placed) == len(clearances):
            return placed
    raise RuntimeError(f"could not lay out {len(clearances)} objects with clearances {clearances} on the table")
