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

Options add what keypoints read poorly: the wrist ray (:class:`WristRay`) cuts rays through the wrist camera's
geometry, the named-colour maps (:class:`NamedColorMasks`) mark what the instruction names, and the wrist edge
orientations (:class:`WristEdgeOrientation`) read how square things in the wrist image are turned.

Preprocessing lives inside the network (uint8 NHWC frames in, state normalisation with stored
statistics), so the exported ONNX file takes raw camera frames and raw state: nothing to get wrong on
the board.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import torch
from torch import nn

from robotstack.policy import STATE_EE_POS, STATE_EE_QUAT, STATE_JOINT_VELOCITIES
from robotstack.skills import ATTRIBUTE_DIM, COLOR_RGBA, COLORS, attribute_slots, attributes, vocabulary

CAMERAS = ("front", "wrist")
RAY_SCALE_M = 0.1  # the wrist ray's offset enters the head in 10 cm units, as the landmarks are regressed
LANDMARK_DIM = 11  # robotstack.sim.experts.LANDMARK_DIM; not imported so the model needs no simulator


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
    joint_velocities: bool = True  # False: the network does not see the state's joint velocities (VisuomotorPolicy)
    wrist_ray: bool = False  # measure the grasp point's offset through the wrist camera's geometry (WristRay)
    goal_ray: bool = False  # and the goal's (a second point of the wrist ray; needs wrist_ray)
    held_ray: bool = False  # and the held object's working point (a third point, cut below the hand; needs goal_ray)
    color_masks: bool = False  # give each encoder where the named ring's and peg's colours are (NamedColorMasks)
    edge_orientation: bool = False  # read how the wrist image's edges are turned (WristEdgeOrientation)
    hidden: int = 256
    chunk: int = 8
    action_dim: int = 5
    state_dim: int = 22
    text_dim: int = 384
    cameras: tuple[str, ...] = field(default=CAMERAS)

    def __post_init__(self) -> None:
        if len(self.strides) != len(self.channels):
            raise ValueError(f"{self.name}: {len(self.channels)} conv channels but {len(self.strides)} strides")
        if self.wrist_ray and "wrist" not in self.cameras:
            raise ValueError(f"{self.name}: wrist_ray needs the wrist camera; cameras: {list(self.cameras)}")
        if self.goal_ray and not self.wrist_ray:
            raise ValueError(f"{self.name}: goal_ray is a second point of the wrist ray; it needs wrist_ray=True")
        if self.held_ray and not self.goal_ray:
            raise ValueError(f"{self.name}: held_ray is a third point of the wrist ray; it needs goal_ray=True")
        if self.edge_orientation and "wrist" not in self.cameras:
            raise ValueError(f"{self.name}: edge_orientation reads the wrist image; cameras: {list(self.cameras)}")
        if self.color_masks and not self.grounded:
            raise ValueError(f"{self.name}: color_masks reads the named colours from the grounded subtask's "
                             f"attributes; it needs grounded=True")
        if not 0 <= self.film_layers <= len(self.channels):
            raise ValueError(f"{self.name}: film_layers={self.film_layers}; accepted: 0 to {len(self.channels)} "
                             f"(the number of conv layers)")

    @property
    def ray_points(self) -> int:
        """How many points the wrist ray measures: the grasp point, with ``goal_ray`` the goal, and with
        ``held_ray`` the held object's working point."""
        return int(self.wrist_ray) + int(self.goal_ray) + int(self.held_ray)

    @property
    def input_channels(self) -> int:
        """Channels each camera encoder reads: RGB, and with ``color_masks`` the named ring's and peg's maps."""
        return 3 + (NamedColorMasks.MAPS if self.color_masks else 0)

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
# lost the grasp and failed closed loop (docs/experiments.md), so neither is a default. COMPACT strides its first layer 4
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


def image_grid(height: int, width: int) -> torch.Tensor:
    """Every pixel's image coordinates (x right, y down, each in [-1, 1]), row by row: (height x width, 2)."""
    ys, xs = torch.meshgrid(torch.linspace(-1, 1, height), torch.linspace(-1, 1, width), indexing="ij")
    return torch.stack([xs.reshape(-1), ys.reshape(-1)], dim=1)


class SpatialSoftmax(nn.Module):
    """Expected image coordinates of each channel's activation: C maps -> 2C numbers in [-1, 1]."""

    def __init__(self, height: int, width: int) -> None:
        super().__init__()
        self.register_buffer("grid", image_grid(height, width))  # (HW, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        attention = torch.softmax(x.reshape(b, c, h * w), dim=-1)
        return (attention @ self.grid).reshape(b, 2 * c)


class NamedColorMasks(nn.Module):
    """Where the colours the subtask names are in a camera image: per pixel, how much it looks like the named
    ring's colour and how much like the named peg's (two maps, extra input channels of the camera's encoder), and
    each map's centroid and area (features for the head).

    With FiLM alone the language students had to learn colour grounding from the action loss: they picked the named
    ring from the first frame 57-68 % of the time and, carrying it, pointed at the wrong place for its peg (stops
    10-16). These maps hand the network what the instruction selects. A pixel is compared by its chromaticity,
    rgb / (r + g + b + EPS): shading scales an object's pixels by 0.5-1.0 and keeps their chromaticity. On rendered
    language scenes every palette colour's pixels lie within 0.007 (p90, squared distance) of its palette
    chromaticity, 99 % of the background beyond 0.05 of every one, and any two palette colours 0.032 apart or more.
    So a pixel's map value is a sigmoid of (BACKGROUND_DIST2 - its squared distance to the named colour) /
    TEMPERATURE: 0.99 at 0.007, 0.02 at 0.032. The palette's chromaticities (``skills.COLOR_RGBA``) are calibration,
    stored like the state statistics (a real camera's would be measured), so nothing here is trained and training
    back-propagates nothing through the maps. The socket's olive walls lie 0.007 from yellow and light its map too:
    the encoder tells them apart by shape. Computed with matrix products, not convolutions, so int8 quantization
    (convolutions only) leaves these fine distances in float."""

    MAPS = 2  # the named ring's colour, the named peg's colour
    FEATURES = 3 * MAPS  # what summary() gives the head per camera: each map's centroid (x, y) and area
    EPS = 0.05  # added to r + g + b: dark pixels (shadow, the black cable) fall near zero, far from every colour
    TEMPERATURE = 0.003
    BACKGROUND_DIST2 = 0.02

    def __init__(self, size: int) -> None:
        super().__init__()
        palette = torch.tensor([COLOR_RGBA[c][:3] for c in COLORS])
        self.register_buffer("chroma", palette / (palette.sum(dim=1, keepdim=True) + self.EPS))  # (colours, 3)
        self.register_buffer("grid", image_grid(size, size), persistent=False)
        self.named = (attribute_slots("ring"), attribute_slots("peg"))

    def forward(self, image: torch.Tensor, attributes: torch.Tensor) -> torch.Tensor:
        """image (B, 3, H, W) in [0, 1], the subtask's attributes (B, ATTRIBUTE_DIM) -> maps (B, MAPS, H, W) in
        [0, 1] (all zero for a subtask that names no colour)."""
        b, _, h, w = image.shape
        chroma = (image / (image.sum(dim=1, keepdim=True) + self.EPS)).reshape(b, 3, h * w)
        weights = torch.stack([attributes[:, slots] for slots in self.named], dim=1)  # (B, MAPS, colours)
        named = weights @ self.chroma  # (B, MAPS, 3): the named colours' chromaticities
        dist2 = (chroma * chroma).sum(dim=1, keepdim=True) - 2.0 * named @ chroma + (named * named).sum(dim=2,
                                                                                                      keepdim=True)
        maps = torch.sigmoid((self.BACKGROUND_DIST2 - dist2) / self.TEMPERATURE) * weights.sum(dim=2, keepdim=True)
        return maps.reshape(b, self.MAPS, h, w)

    def summary(self, maps: torch.Tensor) -> torch.Tensor:
        """Each map's centroid (x, y in [-1, 1]) and the share of the image it covers: (B, FEATURES). The centroid
        is pulled towards the centre by one pixel's weight, so a colour not in view reads (0, 0), not noise."""
        b = maps.shape[0]
        flat = maps.reshape(b, self.MAPS, -1)
        area = flat.sum(dim=2, keepdim=True)
        centroid = (flat @ self.grid) / (area + 1.0)
        return torch.cat([centroid, area / flat.shape[2]], dim=2).reshape(b, self.FEATURES)


def _binomial_blur(x: torch.Tensor) -> torch.Tensor:
    """(B, 1, H, W) blurred by the 5-tap binomial filter [1, 4, 6, 4, 1] / 16 along each axis (edges replicated):
    an edge rendered as a pixel staircase has gradients only along the axes and the diagonals until it is blurred."""
    taps = (1.0, 4.0, 6.0, 4.0, 1.0)
    h, w = x.shape[2], x.shape[3]
    padded = nn.functional.pad(x, (2, 2, 0, 0), mode="replicate")
    x = sum(t * padded[..., :, i:i + w] for i, t in enumerate(taps)) / 16.0
    padded = nn.functional.pad(x, (0, 0, 2, 2), mode="replicate")
    return sum(t * padded[..., i:i + h, :] for i, t in enumerate(taps)) / 16.0


class WristEdgeOrientation(nn.Module):
    """How the wrist image's edges are turned, as phasors at four times their angle, pooled where the network looks.

    The students carried the plug to within 1-2 mm of the socket's axis turned 20-40 degrees off its square and
    jammed it (stop 36): read from conv keypoints, the turn left to make came out at a third of the expert's. A
    square's four sides lie at phi + k x 90 degrees, and at 4 phi they agree, so an image cell holding the socket's
    walls sums to one phasor whose angle is four times the socket's turn in the camera's frame; the plug is held
    square to the fingers, so fixed in that frame, and the socket's phasor there is the turn left to make (up to a
    constant the head learns). Per pixel, central differences of the blurred grey image give the gradient
    z = gx + i gy, and z^4 / |z|^3 is a phasor at 4 phi weighted by the edge's strength; cells of ``block`` x ``block``
    pixels (one per position of the encoder's last feature map) average them. ``HEADS`` softmax maps over the cells,
    computed from that feature map by a 1x1 convolution, pool the cells into (x, y, edge strength) per head for the
    policy's head. Nothing before the pooling has weights, and it is elementwise arithmetic, so int8 quantization
    (convolutions only) leaves it in float; fp16 export keeps it in fp32 too (fourth powers of small gradients
    underflow)."""

    HEADS = 4
    FEATURES = 3 * HEADS
    SCALE = 10.0  # a strong edge's gradient is about 0.1 (intensities in [0, 1]): its phasor enters the head near 1
    EPS = 1e-12

    def __init__(self, feature_channels: int, block: int) -> None:
        super().__init__()
        self.block = block
        self.attention = nn.Conv2d(feature_channels, self.HEADS, 1)

    def cells(self, image: torch.Tensor) -> torch.Tensor:
        """image (B, 3, H, W) in [0, 1] -> per cell the mean 4-phi phasor (x, y) and edge strength: (B, 3, h, w)."""
        grey = _binomial_blur(image.mean(dim=1, keepdim=True))
        gx = nn.functional.pad(grey[..., :, 2:] - grey[..., :, :-2], (1, 1, 0, 0))
        gy = nn.functional.pad(grey[..., 2:, :] - grey[..., :-2, :], (0, 0, 1, 1))
        m2 = gx * gx + gy * gy
        c2, s2 = gx * gx - gy * gy, 2.0 * gx * gy  # z^2
        strength = torch.sqrt(m2 + self.EPS)
        weight = 1.0 / (m2 * strength + self.EPS)
        pixels = torch.cat([(c2 * c2 - s2 * s2) * weight, 2.0 * c2 * s2 * weight, strength], dim=1)
        b, _, h, w = pixels.shape
        k = self.block
        return pixels.reshape(b, 3, h // k, k, w // k, k).mean(dim=(3, 5))

    def forward(self, image: torch.Tensor, feature_map: torch.Tensor) -> torch.Tensor:
        """image (B, 3, H, W) in [0, 1], the wrist encoder's last feature map (B, C, h, w) -> (B, FEATURES)."""
        cells = self.cells(image).flatten(2)  # (B, 3, hw)
        attention = torch.softmax(self.attention(feature_map).flatten(2), dim=-1)  # (B, HEADS, hw)
        return (attention @ cells.transpose(1, 2)).flatten(1) * self.SCALE


class CameraEncoder(nn.Module):
    def __init__(self, cfg: PolicyConfig) -> None:
        super().__init__()
        layers, c_in, size = [], cfg.input_channels, cfg.image_size
        n = len(cfg.channels)
        for i, (c_out, stride) in enumerate(zip(cfg.channels, cfg.strides)):
            layers.append(FiLMConv(c_in, c_out, stride, 5 if i == 0 else 3, cfg.conditioning_dim,
                                   i >= n - cfg.film_layers, separable=cfg.separable))
            c_in, size = c_out, (size + stride - 1) // stride
        self.layers = nn.ModuleList(layers)
        self.keypoints = SpatialSoftmax(size, size)
        self.out_dim = 2 * c_in
        self.map_channels, self.map_size = c_in, size

    def forward(self, image: torch.Tensor, text: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The keypoints (B, out_dim), and the last conv layer's output they are read from (B, map_channels,
        map_size, map_size). Called as a module, so exported nodes keep the camera's name
        (``/encoders.CAMERA/keypoints/...``, which ``benchmarks/keypoints.py`` reads)."""
        x = image
        for layer in self.layers:
            x = layer(x, text)
        return self.keypoints(x), x


def rotation_from_quaternion(quat: torch.Tensor) -> torch.Tensor:
    """(B, 4) unit quaternions (w, x, y, z; MuJoCo's order) -> (B, 3, 3) rotation matrices."""
    w, x, y, z = quat.unbind(dim=1)
    return torch.stack([
        1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
        2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
        2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
    ], dim=1).reshape(-1, 3, 3)


class WristCamera(nn.Module):
    """The wrist camera's geometry, from the hand's pose in the state: where a world point appears in its image, and
    which point at a given height is seen at an image position. The camera's fixed mount on the hand, its focal
    length and the heights are calibration, stored like the state statistics: :meth:`set_mount` (from the simulator:
    the environment's ``wrist_camera_mount()``) and :meth:`set_plane` (training sets them from the demonstrations).
    There is one height per point the camera measures (``points``): the grasp point's, the goal's, and the held
    object's working point's; that last one is carried by the hand, so its height is the hand's plus a (negative)
    offset rather than a height above the table."""

    MAX_IMAGE = 1.5  # image units beyond the frame's edge (1) that a reading is clamped to
    MAX_OFFSET_M = 0.15  # a ray grazing the plane would put the point far off: the offset is clamped to this
    HAND_CARRIED = (False, False, True)  # per point (grasp, goal, held): its height moves with the hand's

    def __init__(self, points: int = 1) -> None:
        super().__init__()
        self.points = points
        self.register_buffer("mount_pos", torch.zeros(3))  # the camera in the hand's frame
        self.register_buffer("mount_rot", torch.eye(3))  # columns: the camera's axes in the hand's frame
        self.register_buffer("focal", torch.ones(1))  # 1 / tan(fovy / 2): image units per unit of ray slope
        self.register_buffer("plane_z", torch.zeros(points))  # m, the height each point rests at
        # 1 where a point's plane_z is from the hand's height (HAND_CARRIED): a constant of the architecture.
        self.register_buffer("plane_on_hand", torch.tensor(self.HAND_CARRIED[:points], dtype=torch.float32),
                             persistent=False)

    def set_mount(self, position, axes, focal: float) -> None:
        """The camera's position and axes (columns) in the hand's frame, and its focal length (1 / tan(fovy / 2))."""
        self.mount_pos.copy_(torch.as_tensor(position, dtype=torch.float32))
        self.mount_rot.copy_(torch.as_tensor(axes, dtype=torch.float32))
        self.focal.fill_(float(focal))

    @property
    def mounted(self) -> bool:
        return bool(self.mount_pos.abs().sum() > 0)  # no camera sits at the hand's own origin

    def set_plane(self, z: float, point: int = 0) -> None:
        """``point``'s height (m): above the table, or for a hand-carried point from the hand's."""
        self.plane_z[point] = float(z)

    def height(self, state: torch.Tensor, point: int) -> torch.Tensor:
        """The height (B, 1; m) that ``point``'s ray is cut at."""
        return self.plane_z[point] + self.plane_on_hand[point] * state[:, STATE_EE_POS][:, 2:3]

    def camera(self, state: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The wrist camera's position (B, 3) and axes (B, 3, 3) in the world, from the hand's pose in ``state``."""
        hand = rotation_from_quaternion(state[:, STATE_EE_QUAT])
        return state[:, STATE_EE_POS] + hand @ self.mount_pos, hand @ self.mount_rot

    def project(self, state: torch.Tensor, point: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Where world points (B, 3) appear in the wrist image ((B, 2): x right, y up, 1 = half the image's
        height) and their depth in front of the camera (B,; m)."""
        position, axes = self.camera(state)
        local = (axes.transpose(1, 2) @ (point - position).unsqueeze(-1)).squeeze(-1)  # it looks along -z
        depth = -local[:, 2]
        return self.focal * local[:, :2] / depth.clamp(min=1e-6).unsqueeze(-1), depth

    def unproject(self, state: torch.Tensor, image: torch.Tensor, point: int = 0) -> torch.Tensor:
        """The points (B, 3) at the calibrated height of ``point`` seen at ``image`` (B, 2)."""
        return self._cut(*self.camera(state), image, self.height(state, point))

    def offset_m(self, state: torch.Tensor, image: torch.Tensor, point: int = 0) -> torch.Tensor:
        """The offset from the hand (B, 2; m, table plane, clamped to :attr:`MAX_OFFSET_M`) of ``point`` seen at
        ``image``."""
        return self._from_hand(state, self.unproject(state, image, point))

    def offsets_m(self, state: torch.Tensor, image: torch.Tensor) -> torch.Tensor:
        """:meth:`offset_m` of every point at once (``image`` and the result (B, 2 x points), a point's x, y after
        the one before it), the camera's pose computed once for all of them."""
        position, axes = self.camera(state)
        return torch.cat([self._from_hand(state, self._cut(position, axes, image[:, 2 * k:2 * k + 2],
                                                           self.height(state, k)))
                          for k in range(self.points)], dim=1)

    def _cut(self, position: torch.Tensor, axes: torch.Tensor, image: torch.Tensor,
             height: torch.Tensor) -> torch.Tensor:
        """Where the ray through ``image`` from the camera at ``position`` with ``axes`` meets ``height`` (B, 1)."""
        image = image.clamp(-self.MAX_IMAGE, self.MAX_IMAGE)
        local = torch.cat([image / self.focal, -torch.ones_like(image[:, :1])], dim=1)
        ray = (axes @ local.unsqueeze(-1)).squeeze(-1)
        down = torch.minimum(ray[:, 2:3], torch.full_like(ray[:, 2:3], -0.05))  # a ray at or above the horizon: steep
        return position + ray * ((height - position[:, 2:3]) / down).clamp(min=0.0)

    def _from_hand(self, state: torch.Tensor, points: torch.Tensor) -> torch.Tensor:
        offset = points[:, :2] - state[:, STATE_EE_POS][:, :2]
        return offset.clamp(-self.MAX_OFFSET_M, self.MAX_OFFSET_M)


class WristRay(WristCamera):
    """The grasp point's offset from the hand (with ``points=2`` also the goal's, with 3 the held object's working
    point's), measured through the wrist camera's geometry.

    Trained on the grasp point's offset alone, the network reads it off the phase of the expert's reach and reads
    nothing of a reach that is off; trained on where the grasp point is in the wrist image it reads that to a few
    pixels (in two of three trainings), and the ray through that pixel, from the camera's pose, meets the grasp
    point's height within a few millimetres of it (``benchmarks/misaim.py``). So the geometry is not left to be learned: a small head reads the
    image position from the wrist camera's keypoints (and the instruction, which names the object), and the ray
    through it is cut at the height that grasp points rest at (:class:`WristCamera`); the offset (in 10 cm units)
    is an input of the policy's head. Holding a cable's plug above its socket, the student read the socket's mouth
    6 mm off and did not move towards it (stop 23), so the goal (the socket's mouth, the peg's top) can be a second
    point, read and cut at its own height in the same way. With the goal read to 2 mm, the student still hovered
    5 mm off: its own grasps leave the pin tip 4-6 mm off the hand's axis, and nothing read where (stop 25), so the
    held object's working point (the pin tip, the ring's centre) can be a third, cut at its height below the hand."""

    def __init__(self, in_dim: int, points: int = 1) -> None:
        super().__init__(points)
        self.image_head = nn.Sequential(nn.Linear(in_dim, 128), nn.ReLU(), nn.Linear(128, 2 * points))

    def forward(self, wrist_keypoints: torch.Tensor, text_features: torch.Tensor,
                state: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Each point's image position and its offset from the hand in the table plane (both (B, 2 x points),
        a point's x, y after the one before it; offsets in 10 cm units)."""
        image = self.image_head(torch.cat([wrist_keypoints, text_features], dim=1))
        return image, self.offsets_m(state, image) / RAY_SCALE_M


class VisuomotorPolicy(nn.Module):
    """Raw inputs in, an action chunk out; see the module docstring."""

    def __init__(self, cfg: PolicyConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.encoders = nn.ModuleDict({cam: CameraEncoder(cfg) for cam in cfg.cameras})
        self.register_buffer("state_mean", torch.zeros(cfg.state_dim))
        self.register_buffer("state_std", torch.ones(cfg.state_dim))
        # Under an expert's proportional control the joint velocities point where it steers, a possible shortcut past
        # the images; withholding them did not make a misaimed reach's offset readable (benchmarks/misaim.py
        # --drop-state velocity) and doubled the error on the expert's own reaches, so they are given by default.
        mask = None
        if not cfg.joint_velocities:
            mask = torch.ones(cfg.state_dim)
            mask[STATE_JOINT_VELOCITIES] = 0.0
        self.register_buffer("state_mask", mask, persistent=False)  # a constant of the architecture, not a weight
        self.register_buffer("text_mean", torch.zeros(cfg.text_dim))
        self.register_buffer("text_scale", torch.ones(1))
        self.grounding = SubtaskGrounding(cfg.text_dim) if cfg.grounded else None
        self.text_proj = nn.Linear(cfg.conditioning_dim, 64)
        self.state_proj = nn.Linear(cfg.state_dim, 64)
        self.wrist_ray = WristRay(self.encoders["wrist"].out_dim + 64, cfg.ray_points) if cfg.wrist_ray else None
        self.color_masks = NamedColorMasks(cfg.image_size) if cfg.color_masks else None
        color_features = NamedColorMasks.FEATURES * len(cfg.cameras) if cfg.color_masks else 0
        self.edge_orientation = None
        if cfg.edge_orientation:
            wrist_encoder = self.encoders["wrist"]
            if cfg.image_size % wrist_encoder.map_size:
                raise ValueError(f"{cfg.name}: edge_orientation averages {cfg.image_size} px images into the "
                                 f"encoder's {wrist_encoder.map_size} x {wrist_encoder.map_size} cells; accepted: an "
                                 "image size the strides divide exactly")
            self.edge_orientation = WristEdgeOrientation(wrist_encoder.map_channels,
                                                         cfg.image_size // wrist_encoder.map_size)
        orientation_features = WristEdgeOrientation.FEATURES if cfg.edge_orientation else 0
        features = (sum(e.out_dim for e in self.encoders.values()) + 128 + 2 * cfg.ray_points + color_features
                    + orientation_features)
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
        was trained on the embedding as it came, so it loads with identity statistics, and one from before the
        goal-from-hand landmarks (6 landmark outputs) loads with those outputs untrained (zero)."""
        identity = {"text_mean": torch.zeros_like(self.text_mean), "text_scale": torch.ones_like(self.text_scale)}
        state_dict = {**identity, **state_dict}
        for name in ("landmark_out.weight", "landmark_out.bias"):
            weights = state_dict.get(name)
            if weights is not None and weights.shape[0] < LANDMARK_DIM:
                state_dict[name] = torch.cat([weights, weights.new_zeros((LANDMARK_DIM - weights.shape[0],
                                                                          *weights.shape[1:]))])
        return super().load_state_dict(state_dict, strict=strict, assign=assign)

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
        """Actions, and the landmark estimate (B, LANDMARK_DIM) in units of ``LANDMARK_SCALE_M`` (training's
        auxiliary); with a wrist ray, two more columns per point: its reading of the point's wrist-image position
        (trained on its own)."""
        text = self.grounding(text) if self.grounding is not None else (text - self.text_mean) / self.text_scale
        feats, extra_features = [], []
        for cam, encoder in self.encoders.items():
            rgb = x = images[cam].permute(0, 3, 1, 2).float() * (1.0 / 255.0)
            if self.color_masks is not None:
                maps = self.color_masks(x, text)
                extra_features.append(self.color_masks.summary(maps))
                x = torch.cat([x, maps], dim=1)
            keypoints, feature_map = encoder(x, text)
            feats.append(keypoints)
            if cam == "wrist" and self.edge_orientation is not None:
                extra_features.append(self.edge_orientation(rgb, feature_map))
        state_n = (state - self.state_mean) / self.state_std
        if self.state_mask is not None:
            state_n = state_n * self.state_mask
        text_features = torch.relu(self.text_proj(text))
        feats += [torch.relu(self.state_proj(state_n)), text_features, *extra_features]
        if self.wrist_ray is not None:
            wrist = feats[list(self.encoders).index("wrist")]
            image, offset = self.wrist_ray(wrist, text_features, state)
            feats.append(offset)
        hidden = self.head(torch.cat(feats, dim=1))
        actions = torch.tanh(self.action_out(hidden)).reshape(-1, self.cfg.chunk, self.cfg.action_dim)
        landmarks = self.landmark_out(hidden)
        return actions, landmarks if self.wrist_ray is None else torch.cat([landmarks, image], dim=1)


def count_flops(model: VisuomotorPolicy) -> int:
    """Multiply-accumulates x 2 for one inference at batch 1 (convolutions, linear layers, named-colour maps and wrist
    edge orientations)."""
    flops = 0
    hooks = []

    def conv_hook(module: nn.Conv2d, inputs, output) -> None:
        nonlocal flops
        k = module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
        flops += 2 * output.numel() * k

    def linear_hook(module: nn.Linear, inputs, output) -> None:
        nonlocal flops
        flops += 2 * module.in_features * module.out_features

    def color_hook(module: NamedColorMasks, inputs, output) -> None:
        nonlocal flops
        pixels = output.shape[2] * output.shape[3]
        flops += 2 * pixels * (3 + module.MAPS * 3 + module.MAPS * 2)  # chromaticity, distances, centroids

    def orientation_hook(module: WristEdgeOrientation, inputs, output) -> None:
        nonlocal flops
        image, feature_map = inputs
        pixels = image.shape[2] * image.shape[3]
        cells = feature_map.shape[2] * feature_map.shape[3]
        # Per pixel: grey 3, blur 18, gradients 2, z^2 and |z|^2 6, weight 4, phasors 6, cell means 3; then the pooling.
        flops += 42 * pixels + 2 * cells * 3 * module.HEADS

    for m in model.modules():
        if isinstance(m, NamedColorMasks):
            hooks.append(m.register_forward_hook(color_hook))
        if isinstance(m, WristEdgeOrientation):
            hooks.append(m.register_forward_hook(orientation_hook))
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
