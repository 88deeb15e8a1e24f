"""The visuomotor policy: two cameras + proprioception + instruction embedding -> a chunk of actions.

One architecture, two sizes. Each camera has its own convolutional encoder whose last layers are
modulated by the instruction (FiLM), ending in a spatial softmax that turns feature maps into image
keypoints (precise positions are what placing and inserting need). Keypoints, the normalised state
and a projection of the instruction feed an MLP that outputs ``chunk`` future actions in [-1, 1].

The instruction embedding is standardised before use, like the state: MiniLM puts "the red ring on the
blue peg" and "the green ring on the blue peg" at cosine 0.92, so the colour that decides the task is a
few per cent of each component; centring on the training phrases and dividing by their spread makes it
the whole signal. A *grounded* policy (``PolicyConfig.grounded``) goes further: it snaps the embedding to
the nearest phrasing of the grammar's vocabulary and conditions on that subtask's attributes (skill, ring
colour, peg colour) as a multi-hot vector, so the colour is a whole input of its own; see
:class:`SubtaskGrounding`.

Preprocessing lives inside the network (uint8 NHWC frames in, state normalisation with stored
statistics), so the exported ONNX file takes raw camera frames and raw state: nothing to get wrong on
the board.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import torch
from torch import nn

from robotstack.skills import ATTRIBUTE_DIM, attributes, vocabulary

CAMERAS = ("front", "wrist")
LANDMARK_DIM = 6  # robotstack.sim.experts.LANDMARK_DIM; not imported so the model needs no simulator


@dataclass(frozen=True)
class PolicyConfig:
    """Shape of a policy; the teacher and the student differ only here."""

    name: str
    image_size: int = 96
    channels: tuple[int, ...] = (16, 32, 32, 64)
    strides: tuple[int, ...] = (2, 2, 2, 1)
    film_layers: int = 2  # the last this-many conv layers are instruction-conditioned
    separable: bool = False  # every conv layer a depthwise kxk then a pointwise 1x1 (MobileNet's saving)
    grounded: bool = False  # condition on the subtask the instruction names (SubtaskGrounding), not its embedding
    hidden: int = 256
    chunk: int = 8
    action_dim: int = 5
    state_dim: int = 22
    text_dim: int = 384
    cameras: tuple[str, ...] = field(default=CAMERAS)

    def __post_init__(self) -> None:
        if len(self.strides) != len(self.channels):
            raise ValueError(f"{self.name}: {len(self.channels)} conv channels but {len(self.strides)} strides")
        if not 0 <= self.film_layers <= len(self.channels):
            raise ValueError(f"{self.name}: film_layers={self.film_layers}; accepted: 0 to {len(self.channels)} "
                             f"(the number of conv layers)")

    @property
    def conditioning_dim(self) -> int:
        """Width of what FiLM and the head see of the instruction."""
        return ATTRIBUTE_DIM if self.grounded else self.text_dim

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, fields: dict) -> PolicyConfig:
        """The inverse of :meth:`to_dict` (sequences come back as tuples, so configs compare equal)."""
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})


STUDENT = PolicyConfig("student", channels=(16, 32, 32, 64), strides=(2, 2, 2, 1), hidden=256)
TEACHER = PolicyConfig("teacher", channels=(32, 64, 128, 128, 128, 128), strides=(2, 1, 2, 2, 1, 1), hidden=512)
# Two tries (stop 19) at a tenth of the FLOPs of the shipped ring pair, for the pair to teach at >= 10x: both
# lost the grasp and failed closed loop (README), so neither is a default. COMPACT strides its first layer 4
# (96 px -> 24x24) and reads keypoints from 12x12 maps as STUDENT does, from fewer channels; MOBILE is STUDENT's
# layers and resolutions with separable convolutions (7x fewer FLOPs).
COMPACT = PolicyConfig("compact", channels=(12, 24, 24), strides=(4, 2, 1), hidden=128)
MOBILE = PolicyConfig("mobile", channels=(16, 32, 32, 64), strides=(2, 2, 2, 1), hidden=256, separable=True)
ARCHITECTURES = {cfg.name: cfg for cfg in (STUDENT, COMPACT, MOBILE, TEACHER)}


class SubtaskGrounding(nn.Module):
    """Instruction embedding -> the attributes of the vocabulary subtask it names (a (B, ATTRIBUTE_DIM) multi-hot).

    A softmax over the cosine to every phrasing of :func:`robotstack.skills.vocabulary`, at a temperature a tenth
    of the gap between a phrasing and its nearest phrasing of another subtask, picks that phrasing's subtask: an
    embedding of a vocabulary phrase (what the router and the driver feed the policy) comes out as its own
    attributes to within 1e-4. MiniLM puts "the red ring on the blue peg" and "the blue ring on the red peg"
    at cosine 0.998, so a paraphrase fed straight to the policy may swap its colours: grounding a paraphrase is
    the router's job (by structure), and the policy is conditioned on the subtask phrase it returns.
    Kept in fp32 in every export (see ``export.convert_fp16``): fp16 cannot hold that 0.002 gap.
    """

    def __init__(self, text_dim: int) -> None:
        super().__init__()
        subtasks = [subtask for _, subtask in vocabulary()]
        self.register_buffer("phrases", torch.zeros(len(subtasks), text_dim))  # embeddings: set_phrases
        self.register_buffer("attributes", torch.tensor([attributes(s) for s in subtasks]))
        self.register_buffer("temperature", torch.ones(1))

    def set_phrases(self, embeddings: torch.Tensor) -> None:
        """The vocabulary's embeddings, in :func:`vocabulary` order, and the temperature they allow."""
        embeddings = torch.nn.functional.normalize(torch.as_tensor(embeddings, dtype=torch.float32), dim=1)
        same = (self.attributes[:, None] == self.attributes[None]).all(dim=-1)
        nearest_other = (embeddings @ embeddings.T).masked_fill(same, -1.0).max()
        self.phrases.copy_(embeddings)
        self.temperature.fill_(max(float(1.0 - nearest_other), 1e-6) / 10)

    def forward(self, text: torch.Tensor) -> torch.Tensor:
        cosine = torch.nn.functional.normalize(text, dim=1) @ self.phrases.T
        return torch.softmax(cosine / self.temperature, dim=1) @ self.attributes


class FiLMConv(nn.Module):
    """Conv + ReLU, optionally scaled and shifted per channel by the instruction embedding."""

    def __init__(self, c_in: int, c_out: int, stride: int, kernel: int, text_dim: int, film: bool,
                 separable: bool = False) -> None:
        super().__init__()
        if separable:  # about kernel² times fewer FLOPs, at the same resolution
            self.conv = nn.Sequential(nn.Conv2d(c_in, c_in, kernel, stride=stride, padding=kernel // 2, groups=c_in),
                                      nn.Conv2d(c_in, c_out, 1))
        else:
            self.conv = nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=kernel // 2)
        self.film = nn.Linear(text_dim, 2 * c_out) if film else None
        if self.film is not None:
            nn.init.zeros_(self.film.weight)
            nn.init.zeros_(self.film.bias)

    def forward(self, x: torch.Tensor, text: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv(x))
        if self.film is None:
            return x
        gamma, beta = self.film(text).unsqueeze(-1).unsqueeze(-1).chunk(2, dim=1)
        return x * (1.0 + gamma) + beta


class SpatialSoftmax(nn.Module):
    """Expected image coordinates of each channel's activation: C maps -> 2C numbers in [-1, 1]."""

    def __init__(self, height: int, width: int) -> None:
        super().__init__()
        ys, xs = torch.meshgrid(torch.linspace(-1, 1, height), torch.linspace(-1, 1, width), indexing="ij")
        self.register_buffer("grid", torch.stack([xs.reshape(-1), ys.reshape(-1)], dim=1))  # (HW, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        attention = torch.softmax(x.reshape(b, c, h * w), dim=-1)
        return (attention @ self.grid).reshape(b, 2 * c)


class CameraEncoder(nn.Module):
    def __init__(self, cfg: PolicyConfig) -> None:
        super().__init__()
        layers, c_in, size = [], 3, cfg.image_size
        n = len(cfg.channels)
        for i, (c_out, stride) in enumerate(zip(cfg.channels, cfg.strides)):
            layers.append(FiLMConv(c_in, c_out, stride, 5 if i == 0 else 3, cfg.conditioning_dim,
                                   i >= n - cfg.film_layers, separable=cfg.separable))
            c_in, size = c_out, (size + stride - 1) // stride
        self.layers = nn.ModuleList(layers)
        self.keypoints = SpatialSoftmax(size, size)
        self.out_dim = 2 * c_in

    def forward(self, image: torch.Tensor, text: torch.Tensor) -> torch.Tensor:
        x = image
        for layer in self.layers:
            x = layer(x, text)
        return self.keypoints(x)


class VisuomotorPolicy(nn.Module):
    """Raw inputs in, an action chunk out; see the module docstring."""

    def __init__(self, cfg: PolicyConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.encoders = nn.ModuleDict({cam: CameraEncoder(cfg) for cam in cfg.cameras})
        self.register_buffer("state_mean", torch.zeros(cfg.state_dim))
        self.register_buffer("state_std", torch.ones(cfg.state_dim))
        self.register_buffer("text_mean", torch.zeros(cfg.text_dim))
        self.register_buffer("text_scale", torch.ones(1))
        self.grounding = SubtaskGrounding(cfg.text_dim) if cfg.grounded else None
        self.text_proj = nn.Linear(cfg.conditioning_dim, 64)
        self.state_proj = nn.Linear(cfg.state_dim, 64)
        features = sum(e.out_dim for e in self.encoders.values()) + 128
        self.head = nn.Sequential(
            nn.Linear(features, cfg.hidden), nn.ReLU(),
            nn.Linear(cfg.hidden, cfg.hidden), nn.ReLU(),
        )
        self.action_out = nn.Linear(cfg.hidden, cfg.chunk * cfg.action_dim)
        # Training only (never exported): the expert's landmarks regressed from the same hidden features.
        self.landmark_out = nn.Linear(cfg.hidden, LANDMARK_DIM)

    def set_state_stats(self, mean: torch.Tensor, std: torch.Tensor) -> None:
        self.state_mean.copy_(torch.as_tensor(mean, dtype=torch.float32))
        self.state_std.copy_(torch.as_tensor(std, dtype=torch.float32).clamp(min=1e-3))

    def load_state_dict(self, state_dict, strict: bool = True, assign: bool = False):
        """As nn.Module's; a checkpoint from before instruction standardisation (no ``text_mean``/``text_scale``)
        was trained on the embedding as it came, so it loads with identity statistics."""
        identity = {"text_mean": torch.zeros_like(self.text_mean), "text_scale": torch.ones_like(self.text_scale)}
        return super().load_state_dict({**identity, **state_dict}, strict=strict, assign=assign)

    def set_text_stats(self, embeddings: torch.Tensor) -> None:
        """Centre on the training phrases' mean embedding and scale so they spread over a unit-norm ball (one
        scalar, so the geometry between phrases is kept): what differs between phrases becomes the whole input,
        at the magnitude of a MiniLM embedding (scaled to unit variance per component instead, the 384 inputs
        made every FiLM step 20x larger and BC lost ground: loss 0.186 vs 0.143 after 5k steps). A single phrase
        has no spread: it is centred and left unscaled, so an unfamiliar instruction stays MiniLM-sized."""
        embeddings = torch.as_tensor(embeddings, dtype=torch.float32)
        mean = embeddings.mean(dim=0)
        spread = float((embeddings - mean).pow(2).sum(dim=1).mean().sqrt())  # RMS distance from the mean
        self.text_mean.copy_(mean)
        self.text_scale.fill_(spread if spread > 1e-4 else 1.0)

    def forward(self, images: dict[str, torch.Tensor], state: torch.Tensor, text: torch.Tensor) -> torch.Tensor:
        """images: uint8 (B, H, W, 3) per camera; state (B, 22); text (B, 384) -> actions (B, chunk, 5)."""
        return self.forward_with_landmarks(images, state, text)[0]

    def forward_with_landmarks(self, images: dict[str, torch.Tensor], state: torch.Tensor,
                               text: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Actions, and the landmark estimate (B, 6) in units of ``LANDMARK_SCALE_M`` (training's auxiliary)."""
        text = self.grounding(text) if self.grounding is not None else (text - self.text_mean) / self.text_scale
        feats = []
        for cam, encoder in self.encoders.items():
            x = images[cam].permute(0, 3, 1, 2).float() * (1.0 / 255.0)
            feats.append(encoder(x, text))
        state_n = (state - self.state_mean) / self.state_std
        feats += [torch.relu(self.state_proj(state_n)), torch.relu(self.text_proj(text))]
        hidden = self.head(torch.cat(feats, dim=1))
        actions = torch.tanh(self.action_out(hidden)).reshape(-1, self.cfg.chunk, self.cfg.action_dim)
        return actions, self.landmark_out(hidden)


def count_flops(model: VisuomotorPolicy) -> int:
    """Multiply-accumulates x 2 for one inference at batch 1 (convolutions and linear layers)."""
    flops = 0
    hooks = []

    def conv_hook(module: nn.Conv2d, inputs, output) -> None:
        nonlocal flops
        k = module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
        flops += 2 * output.numel() * k

    def linear_hook(module: nn.Linear, inputs, output) -> None:
        nonlocal flops
        flops += 2 * module.in_features * module.out_features

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
    cfg = model.cfg
    with torch.no_grad():
        model(
            {c: torch.zeros(1, cfg.image_size, cfg.image_size, 3, dtype=torch.uint8) for c in cfg.cameras},
            torch.zeros(1, cfg.state_dim), torch.zeros(1, cfg.text_dim),
        )
    for h in hooks:
        h.remove()
    return flops
