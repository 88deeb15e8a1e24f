"""Wrist edge orientations (model.WristEdgeOrientation): a square's turn reads at four times its angle, whatever the
quarter turn and the colour, in a rendered cable scene the socket's walls give its turn, and a policy built with it
exports in every precision."""

import math
from dataclasses import replace

import cv2
import numpy as np
import pytest
import torch

from robotstack.policies.model import PolicyConfig, VisuomotorPolicy, WristEdgeOrientation, count_flops
from onnx_policies import every_precision, random_observation

TINY = PolicyConfig("tiny", image_size=32, channels=(8, 16), strides=(2, 2), hidden=32, chunk=4,
                    edge_orientation=True)


def _square(turn_deg: float, size: int = 96, color=(200, 200, 60), background=(40, 40, 40)) -> torch.Tensor:
    """A filled square turned by ``turn_deg`` (anti-aliased, sub-pixel corners) as a (1, 3, H, W) image in [0, 1]."""
    image = np.full((size, size, 3), background, dtype=np.uint8)
    corners = cv2.boxPoints(((size / 2, size / 2), (size * 0.42, size * 0.42), turn_deg))
    cv2.fillPoly(image, [(corners * 16).astype(np.int32)], color, lineType=cv2.LINE_AA, shift=4)
    return torch.from_numpy(image).permute(2, 0, 1)[None].float() / 255


def _read_turn_deg(orientation: WristEdgeOrientation, image: torch.Tensor) -> float:
    """The turn the cells' summed phasor gives (its angle / 4), in degrees within [-45, 45)."""
    phasor = orientation.cells(image)[0, :2].sum(dim=(1, 2))
    return math.degrees(math.atan2(float(phasor[1]), float(phasor[0]))) / 4


@pytest.mark.parametrize("turn", [-40.0, -17.0, -3.0, 0.0, 8.0, 25.0, 44.0])
def test_a_squares_turn_reads_at_four_times_its_angle_for_every_quarter_turn_and_colour(turn):
    orientation = WristEdgeOrientation(feature_channels=4, block=8)
    for quarter in (0, 1, 2, 3):
        assert _read_turn_deg(orientation, _square(turn + 90 * quarter)) == pytest.approx(turn, abs=1.0)
    # Dark on light reads the same: z^4 does not see the gradient's sign.
    assert _read_turn_deg(orientation, _square(turn, color=(30, 30, 30), background=(220, 220, 220))) == \
        pytest.approx(turn, abs=1.0)


def test_an_image_without_edges_gives_no_phasor_and_a_pixel_staircase_is_blurred_into_its_true_angle():
    orientation = WristEdgeOrientation(feature_channels=4, block=8)
    flat = torch.full((1, 3, 96, 96), 0.5)
    assert float(orientation.cells(flat).abs().max()) < 1e-5
    aliased = np.zeros((96, 96, 3), dtype=np.uint8)
    corners = cv2.boxPoints(((48, 48), (40, 40), 12.0)).astype(np.int32)
    cv2.fillPoly(aliased, [corners], (255, 255, 255), lineType=cv2.LINE_8)
    image = torch.from_numpy(aliased).permute(2, 0, 1)[None].float() / 255
    assert _read_turn_deg(orientation, image) == pytest.approx(12.0, abs=2.5)


def test_over_the_socket_the_wrist_images_edges_read_the_turn_left_to_make():
    """The plug expert's own episodes, while it holds the plug over the socket and turns it: the whole wrist image's
    summed phasor (no attention, so the pin's and the board's edges dilute it) follows the quarter turn left to
    make. The image's y axis points down, so the reading turns against the world's yaw."""
    from robotstack.sim import make_env
    from robotstack.sim.experts import PLUG_TURN_RADIUS, expert_for_env
    from robotstack.sim.tasks.goals import quarter_turn_error

    env = make_env("cable", image_size=96)
    orientation = WristEdgeOrientation(feature_channels=4, block=8)
    errors, readings = [], []
    for seed in range(100000, 100006):
        obs, info = env.reset(seed=seed)
        expert = expert_for_env(info)
        for _ in range(300):
            p = info["privileged"]
            plug, socket = p["plug"], p["socket"]
            error = quarter_turn_error(socket["yaw"], plug["yaw"])
            over = float(np.linalg.norm(socket["pos"][:2] - plug["tip"][:2])) < PLUG_TURN_RADIUS
            if expert.holding(p) and over and plug["tip"][2] > socket["mouth_z"] and abs(error) > math.radians(5):
                image = torch.from_numpy(obs["images"]["wrist"]).permute(2, 0, 1)[None].float() / 255
                errors.append(error)
                readings.append(math.radians(_read_turn_deg(orientation, image)))
            obs, _, terminated, truncated, info = env.step(expert.act(p))
            if terminated or truncated:
                break
    env.close()
    assert len(errors) >= 20
    assert np.corrcoef(readings, errors)[0, 1] < -0.5  # -0.69 on these seeds
    assert np.mean(np.sign(readings) != np.sign(errors)) > 0.7  # 0.90


def test_a_policy_with_edge_orientation_counts_it_and_exports_in_every_precision(tmp_path):
    with pytest.raises(ValueError, match="edge_orientation reads the wrist image"):
        replace(TINY, cameras=("front",))
    with pytest.raises(ValueError, match="accepted: an image size the strides divide exactly"):
        VisuomotorPolicy(replace(TINY, image_size=30))
    torch.manual_seed(0)
    policy = VisuomotorPolicy(TINY).eval()
    assert count_flops(policy) > count_flops(VisuomotorPolicy(replace(TINY, edge_orientation=False)))
    rng = np.random.default_rng(5)
    observations = [random_observation(rng, TINY.image_size, TINY.cameras) for _ in range(8)]
    fp32, fp16, int8 = every_precision(policy, tmp_path, "edges", observations)
    for images, state, text in observations[:4]:
        with torch.no_grad():
            ref = policy({c: torch.from_numpy(v[None]) for c, v in images.items()}, torch.from_numpy(state[None]),
                         torch.from_numpy(text[None]))[0].numpy()
        np.testing.assert_allclose(fp32(images, state, text), ref, atol=1e-5)
        np.testing.assert_allclose(fp16(images, state, text), ref, atol=1e-2)
        assert np.abs(int8(images, state, text) - ref).max() < 0.05
