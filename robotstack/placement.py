"""Whether a placed ring is seen on its peg: the front camera's check before the driver moves past a ring subtask.

From proprioception a finished pick-and-place (grasp, release, rise) looks the same whether the named ring went
down its peg or not. In two-step episodes the driver moved past 5 of 49 first-step rings that were not on their peg
(seeds 2000403-477, ad hoc traces, stop 49): four never moved (the fingers closed on something else) and one rested
on the peg's top; each then failed its episode. In the front camera a peg is a short vertical run of its colour no
more than 3 px wide, and a ring down its peg is an ellipse of the ring's colour centred on the lowest pixel of that
run (its centre within 2.8 px across and 1.4 px up or down of it in every placed ring of those traces, at 96 px);
a ring left elsewhere is 7 px or more away. Stop 52's traces found a placed ring 2.0 px above that pixel (two-step seed
2000135), read off its peg and started again (the student then never placed the second ring), and over two-step
seeds 2000000-2000089 placed rings within 3.2 px across and 1.8 px along, unplaced ones no nearer than 2.9 px along
the peg: so rings count as down their peg up to 2.5 px along it. Reading a
placed ring as off costs more than the opposite: the driver then undoes work, where a miss only moves on as it did
before the check. Colours are compared by chromaticity, as the students' colour maps do
(``robotstack.policies.model.NamedColorMasks``), against the palette of ``robotstack.skills.COLOR_RGBA``.

The verdict is ``None`` (cannot tell) where a ring and its peg share a colour (one blob), where the peg's run is not
found, where too little of the ring is in view, or in images under 64 px wide (a peg there is a pixel or two): the
driver then keeps the proprioceptive verdict, as before. Pixel tolerances are for this workcell's front camera and
scale with the image's width.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from robotstack.skills import COLOR_RGBA, Subtask

CAMERA = "front"
REFERENCE_WIDTH = 96  # px: the image width the tolerances below were measured at
MIN_WIDTH = 64  # px: narrower images are not judged


@dataclass(frozen=True)
class PlacementCheck:
    colour_dist2: float = 0.012  # squared chromaticity distance: palette pixels lie within 0.007, colours 0.032 apart
    eps: float = 0.05  # added to r + g + b, as the students' colour maps do
    peg_run_width: int = 3  # px: rows of a peg's colour at most this wide are the peg
    peg_run_rows: int = 3  # the peg: at least this many such rows
    min_ring_px: int = 15  # fewer ring pixels than this near the peg: too little in view to tell
    across_px: float = 4.0  # the ring's centre within this of the peg's axis ...
    along_px: float = 2.5  # ... and within this of the peg's lowest pixel, up or down

    def ring_on_peg(self, images: dict[str, np.ndarray] | None, subtask: Subtask) -> bool | None:
        """True or False: the subtask's ring is or is not seen down its peg; None: cannot tell (see module)."""
        if subtask.skill != "place_ring" or images is None or CAMERA not in images:
            return None
        ring, peg = subtask.args["ring"], subtask.args["peg"]
        if ring == peg:
            return None
        image = np.asarray(images[CAMERA])
        if image.ndim != 3 or image.shape[2] != 3 or image.shape[1] < MIN_WIDTH:
            return None
        scale = image.shape[1] / REFERENCE_WIDTH
        found = self._peg(self._mask(image, peg), scale)
        if found is None:
            return None
        peg_x, peg_bottom = found
        count, labels, stats, centroids = cv2.connectedComponentsWithStats(self._mask(image, ring).astype(np.uint8),
                                                                          connectivity=8)
        blobs = [k for k in range(1, count) if stats[k, cv2.CC_STAT_AREA] >= self.min_ring_px * scale**2]
        if not blobs:
            return None
        nearest = min(blobs, key=lambda k: np.hypot(centroids[k][0] - peg_x, centroids[k][1] - peg_bottom))
        cx, cy = centroids[nearest]
        return bool(abs(cx - peg_x) <= self.across_px * scale and abs(cy - peg_bottom) <= self.along_px * scale)

    def _mask(self, image: np.ndarray, colour: str) -> np.ndarray:
        rgb = image.astype(np.float32) / 255.0
        chroma = rgb / (rgb.sum(axis=2, keepdims=True) + self.eps)
        named = np.array(COLOR_RGBA[colour][:3], dtype=np.float32)
        named /= named.sum() + self.eps
        return ((chroma - named) ** 2).sum(axis=2) < self.colour_dist2

    def _peg(self, mask: np.ndarray, scale: float) -> tuple[float, float] | None:
        """The peg's axis (x) and lowest pixel (y): of the colour's blobs, the one with the most rows narrow enough
        to be a peg (a ring of the peg's colour elsewhere is an ellipse: few narrow rows)."""
        count, labels = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
        best: tuple[int, float, float] | None = None
        for k in range(1, count):
            ys, xs = np.nonzero(labels == k)
            rows = [(y, xs[ys == y]) for y in np.unique(ys)]
            narrow = [(y, float(x.mean())) for y, x in rows if x.max() - x.min() < self.peg_run_width * scale]
            if len(narrow) >= self.peg_run_rows and (best is None or len(narrow) > best[0]):
                best = (len(narrow), float(np.median([x for _, x in narrow])), float(max(y for y, _ in narrow)))
        return None if best is None else (best[1], best[2])
