"""Named-colour maps (model.NamedColorMasks): they find the objects the subtask names in rendered scenes, and a
policy built with them exports in every precision."""

from dataclasses import replace

import mujoco
import numpy as np
import pytest
import torch

from robotstack.policies.model import NamedColorMasks, PolicyConfig, VisuomotorPolicy, count_flops
from robotstack.sim import make_env
from robotstack.skills import COLOR_RGBA, COLORS, Subtask, attributes
from onnx_policies import every_precision, random_observation

TINY = PolicyConfig("tiny", image_size=32, channels=(8, 16), strides=(2, 2), hidden=32, chunk=4, grounded=True,
                    color_masks=True)


def _segmentation(env, camera: str, size: int) -> np.ndarray:
    renderer = mujoco.Renderer(env.model, size, size)
    renderer.enable_segmentation_rendering()
    renderer.update_scene(env.data, camera=camera)
    geoms = renderer.render()[..., 0]
    renderer.close()
    return geoms


def _pixels_of(env, seg: np.ndarray, body: str) -> np.ndarray:
    geoms = [env.model.geom(f"{body}_shaft").id] if body.startswith("peg") else \
        np.flatnonzero(env.model.geom_bodyid == env.model.body(body).id)
    return np.isin(seg, geoms)


def test_the_maps_light_the_named_ring_and_peg_and_nothing_of_another_colour():
    env = make_env("language", image_size=96, instruction_steps=1).unwrapped
    masks = NamedColorMasks(96)
    checked = 0
    for seed in range(8):
        obs, _ = env.reset(seed=seed)
        rings, pegs = list(env.ring_bodies), list(env.peg_bodies)
        ring, peg = rings[0], pegs[0]
        if "yellow" in (ring, peg) or ring in pegs or peg in rings:
            continue  # a shared colour lights both objects by design; the socket's olive walls read as yellow
        subtask = torch.tensor([attributes(Subtask("place_ring", {"ring": ring, "peg": peg}))])
        image = torch.from_numpy(obs["images"]["front"]).permute(2, 0, 1)[None].float() / 255
        with torch.no_grad():
            ring_map, peg_map = masks(image, subtask)[0].numpy()
        seg = _segmentation(env, "front", 96)
        named_ring, named_peg = _pixels_of(env, seg, env.ring_bodies[ring]), _pixels_of(env, seg, env.peg_bodies[peg])
        other_ring = _pixels_of(env, seg, env.ring_bodies[rings[1]])
        assert ring_map[named_ring].mean() > 0.9 and peg_map[named_peg].mean() > 0.9
        assert ring_map[other_ring].max() < 0.05, f"seed {seed}: the {rings[1]} ring lit as {ring}"
        assert ring_map[~named_ring].sum() < 2 and peg_map[~named_peg].sum() < 2  # a pixel or two of edge blur
        centroid = masks.summary(torch.from_numpy(np.stack([ring_map, peg_map]))[None])[0].numpy()
        ys, xs = np.nonzero(named_ring)
        assert abs(centroid[0] - (xs.mean() / 47.5 - 1)) < 0.05 and abs(centroid[1] - (ys.mean() / 47.5 - 1)) < 0.05
        checked += 1
    assert checked >= 3
    plug = torch.tensor([attributes(Subtask("plug_cable"))])
    assert not masks(image, plug).any(), "a subtask that names no colour has empty maps"


def test_a_policy_with_color_maps_needs_grounding_counts_them_and_exports_in_every_precision(tmp_path):
    from robotstack.policies.text_encoder import embed
    from robotstack.skills import vocabulary

    with pytest.raises(ValueError, match="color_masks reads the named colours .* needs grounded=True"):
        replace(TINY, grounded=False)
    torch.manual_seed(0)
    policy = VisuomotorPolicy(TINY).eval()
    policy.grounding.set_phrases(torch.from_numpy(embed([phrase for phrase, _ in vocabulary()])))
    assert policy.encoders["front"].layers[0].conv.in_channels == 5
    assert count_flops(policy) > count_flops(VisuomotorPolicy(replace(TINY, color_masks=False)))
    rng = np.random.default_rng(4)
    text = embed(["put the red ring on the blue peg"])[0]
    observations = []
    for _ in range(8):
        images, state, _ = random_observation(rng, TINY.image_size, TINY.cameras)
        observations.append(({c: _colour_scene(rng, TINY.image_size) for c in images}, state, text))
    fp32, fp16, int8 = every_precision(policy, tmp_path, "masks", observations)
    for images, state, text in observations[:4]:
        with torch.no_grad():
            maps = policy.color_masks(torch.from_numpy(images["front"]).permute(2, 0, 1)[None].float() / 255,
                                      policy.grounding(torch.from_numpy(text[None])))
            ref = policy({c: torch.from_numpy(v[None]) for c, v in images.items()}, torch.from_numpy(state[None]),
                         torch.from_numpy(text[None]))[0].numpy()
        assert float(maps.amax()) > 0.9  # the red or blue square is there to be found
        np.testing.assert_allclose(fp32(images, state, text), ref, atol=1e-5)
        # The maps' distances are a few thousandths: kept fp32 in the fp16 file and out of int8 (no convolution).
        np.testing.assert_allclose(fp16(images, state, text), ref, atol=1e-2)
        assert np.abs(int8(images, state, text) - ref).max() < 0.05


def _colour_scene(rng: np.random.Generator, size: int) -> np.ndarray:
    """A grey image with a red, a blue and another palette-coloured square, shaded, for the maps to find."""
    image = np.full((size, size, 3), 120, dtype=np.uint8)
    for color in ("red", "blue", str(rng.choice(COLORS[3:]))):
        y, x = rng.integers(0, size - 6, size=2)
        image[y:y + 6, x:x + 6] = np.array(COLOR_RGBA[color][:3]) * 255 * rng.uniform(0.6, 1.0)
    return image
