"""Behaviour cloning of action chunks from demonstrations, with checkpoints that resume.

Targets are the next ``chunk`` expert actions of the same episode (masked past its end), where a teacher labelled
the frames also its own chunk (a ``teacher_weight`` share of the action loss), plus, where they
were recorded, the expert's landmarks (grasp point from the hand, goal from the object): an auxiliary
regression that teaches the encoders to localise what matters with a dense signal, rather than only through
the actions it implies. Images get a
random shift of a few pixels (cheap, and the main guard against overfitting to pixel positions);
instructions are embedded from a random phrasing of the frame's subtask so the policy listens to
meaning, not wording.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from robotstack.atomic import atomic_path
from robotstack.policies.model import LANDMARK_DIM, PolicyConfig, VisuomotorPolicy, WristCamera
from robotstack.policies.text_encoder import embed
from robotstack.driver import SubtaskProgress
from robotstack.policy import STATE_EE_POS, STATE_GRIPPER_OPENING
from robotstack.skills import parse_instruction, vocabulary


@dataclass
class Demonstrations:
    """Frames in memory: images per camera (N, H, W, 3) uint8, state (N, 22), expert action (N, 5),
    episode index (N,), the subtask phrase each frame was recorded under, the expert's landmarks (N, 9)
    where they were recorded (None for data from elsewhere, e.g. a LeRobot dataset), and a teacher's action
    chunk (N, chunk, 5) where one labelled them (``robotstack.policies.distill``)."""

    images: dict[str, np.ndarray]
    state: np.ndarray
    action: np.ndarray
    episode: np.ndarray
    task: list[str]
    landmarks: np.ndarray | None = None
    teacher: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.state)

    def extend(self, other: "Demonstrations") -> None:
        """Append ``other``'s frames (as later episodes). Camera by camera, so that at most one camera's old
        array is alive beside the new one: images are nearly all of a dataset's memory."""
        if self.landmarks is not None and other.landmarks is not None and \
                self.landmarks.shape[1:] != other.landmarks.shape[1:]:
            raise ValueError(
                f"frames recorded with {self.landmarks.shape[1]} expert landmarks cannot be joined with frames "
                f"recorded with {other.landmarks.shape[1]} (the experts' landmarks changed between the recordings); "
                "record again in a new --work-dir")
        if (self.teacher is None) != (other.teacher is None):
            raise ValueError("frames labelled by a teacher cannot be joined with frames that are not: the student "
                             "would learn the teacher's chunks on some of them only; label both or neither")
        offset = int(self.episode.max()) + 1 if len(self) else 0
        for camera in self.images:
            self.images[camera] = np.concatenate([self.images[camera], other.images[camera]])
        self.state = np.concatenate([self.state, other.state])
        self.action = np.concatenate([self.action, other.action])
        self.episode = np.concatenate([self.episode, other.episode + offset])
        self.task = self.task + other.task
        self.landmarks = (None if self.landmarks is None or other.landmarks is None
                          else np.concatenate([self.landmarks, other.landmarks]))
        if self.teacher is not None:
            self.teacher = np.concatenate([self.teacher, other.teacher])


@dataclass
class TrainConfig:
    steps: int = 6000
    batch_size: int = 64
    lr: float = 1e-3
    weight_decay: float = 1e-4
    shift: int = 4  # pixels of random image shift
    seed: int = 0
    checkpoint_every: int = 500
    threads: int = 2
    fit_normalisation: bool = True  # state and instruction statistics; False when fine-tuning keeps the learned ones
    action_weight: float = 1.0  # the action loss (0: the landmarks alone are learned, as benchmarks/localisation.py)
    landmark_weight: float = 1.0  # auxiliary loss on the expert's landmarks (where recorded)
    landmark_loss: str = "smooth-l1"  # a name in LANDMARK_LOSSES
    teacher_weight: float = 0.0  # share of the action loss on the teacher's chunks (where labelled); the rest: expert
    device: str = "cpu"  # where the steps run (check_device); checkpoints and the returned policy are on the CPU

    def __post_init__(self) -> None:
        check_landmark_loss(self.landmark_loss)
        check_device(self.device)


LANDMARK_SCALE_M = 0.1
"""Landmarks are regressed in units of 10 cm: a 1 cm error costs about what a 0.1 action error does."""


def _smooth_l1_10cm(output: torch.Tensor, target_m: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.smooth_l1_loss(output, target_m / LANDMARK_SCALE_M)


def _l1_cm(output: torch.Tensor, target_m: torch.Tensor) -> torch.Tensor:
    # The head's output is still read in LANDMARK_SCALE_M units; the loss is L1 on centimetres, whose gradient does
    # not fade as the error shrinks to the millimetres a cable insertion needs (smooth L1 in 10 cm units is
    # quadratic below 10 cm: at 2 mm its gradient is 1/500 of this one's).
    return torch.abs(output - target_m / LANDMARK_SCALE_M).mean() * (LANDMARK_SCALE_M / 0.01)


LANDMARK_LOSSES = {"smooth-l1": _smooth_l1_10cm, "l1-cm": _l1_cm}
"""Auxiliary landmark losses by name: the output of the network and the expert's landmarks in metres -> loss."""


def check_landmark_loss(name: str) -> None:
    """ValueError naming the accepted losses unless ``name`` is one of :data:`LANDMARK_LOSSES`."""
    if name not in LANDMARK_LOSSES:
        raise ValueError(f"landmark_loss={name!r}; accepted: {', '.join(LANDMARK_LOSSES)}")


def check_device(name: str) -> None:
    """ValueError saying what is accepted unless ``name`` is a torch device this machine has: ``cpu``, or ``cuda``
    / ``cuda:N`` where torch sees a GPU (the batches are small: a GPU speeds a step up, the result is the same
    recipe)."""
    try:
        device = torch.device(name)
    except RuntimeError as err:
        raise ValueError(f"device {name!r} is not a torch device; accepted: cpu, cuda, cuda:N") from err
    if device.type == "cpu":
        return
    if device.type != "cuda":
        raise ValueError(f"device {name!r}; accepted: cpu, cuda, cuda:N")
    if not torch.cuda.is_available():
        raise ValueError(f"device {name!r}: torch {torch.__version__} sees no CUDA GPU on this machine; accepted: cpu")
    if device.index is not None and device.index >= torch.cuda.device_count():
        raise ValueError(f"device {name!r}: this machine has {torch.cuda.device_count()} CUDA GPU(s), "
                         f"cuda:0..cuda:{torch.cuda.device_count() - 1}")


def phrasings(phrase: str) -> list[str]:
    """Every template phrasing of a subtask phrase (the policy is trained on all of them)."""
    (subtask,) = parse_instruction(phrase)
    return subtask.phrasings()


def episode_bounds(episode: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) rows of each episode, in order; the frames of an episode must be contiguous."""
    boundaries = (np.flatnonzero(np.diff(episode)) + 1).tolist()
    return list(zip([0, *boundaries], [*boundaries, len(episode)]))


def chunk_targets(action: np.ndarray, episode: np.ndarray, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """(N, chunk, 5) future actions of the same episode, padded with its last action, and a (N, chunk)
    mask that is 0 on the padding. Frames of an episode must be contiguous."""
    n = len(action)
    last = np.empty(n, dtype=np.int64)
    for start, stop in episode_bounds(episode):
        last[start:stop] = stop - 1
    idx = np.arange(n)[:, None] + np.arange(chunk)[None, :]
    mask = idx <= last[:, None]
    return action[np.minimum(idx, last[:, None])].astype(np.float32), mask.astype(np.float32)


def _shift(batch: np.ndarray, pad: int, rng: np.random.Generator) -> np.ndarray:
    if pad == 0:
        return batch
    n, h, w, _ = batch.shape
    padded = np.pad(batch, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="edge")
    dy, dx = rng.integers(0, 2 * pad + 1, size=(2, n))
    return np.stack([padded[i, dy[i]:dy[i] + h, dx[i]:dx[i] + w] for i in range(n)])


RAY_LANDMARKS = (slice(0, 3), slice(6, 9))
"""The landmark columns, from the hand, of the grasp point and the goal: a wrist ray's first two points."""

HOLDING = SubtaskProgress()  # what the board reads as holding: the fingers stopped by an object


def ray_point_from_hand(landmarks: np.ndarray | torch.Tensor, point: int) -> np.ndarray | torch.Tensor:
    """Where a wrist ray's ``point`` is from the hand (N, 3; m) in the expert's landmarks: the grasp point and the
    goal are landmarks (:data:`RAY_LANDMARKS`); the held object's working point is the goal from the hand less the
    goal from the object."""
    if point < len(RAY_LANDMARKS):
        return landmarks[:, RAY_LANDMARKS[point]]
    return landmarks[:, 6:9] - landmarks[:, 3:6]


def holding(state: np.ndarray | torch.Tensor) -> np.ndarray | torch.Tensor:
    """Per frame, whether the fingers are stopped by an object (:data:`HOLDING`): a hand-carried ray point is where
    the ray's geometry holds (the object moves with the hand only then)."""
    opening = state[:, STATE_GRIPPER_OPENING]
    return (opening > HOLDING.holding_min) & (opening < HOLDING.holding_max)


def wrist_image_loss(camera: WristCamera, image: torch.Tensor, state: torch.Tensor, landmarks_m: torch.Tensor,
                     loss: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]) -> torch.Tensor:
    """The wrist ray's image reading of each of its points against where the expert's point
    (:func:`ray_point_from_hand`) appears in the wrist image, over the frames that have it in view (in front
    of the camera, inside the frame; not the all-zero landmarks of a finished instruction; a hand-carried point only
    while held), with the landmark loss on image units as if they were landmarks in ``LANDMARK_SCALE_M`` units."""
    total = image.sum() * 0.0
    for point in range(camera.points):
        from_hand = ray_point_from_hand(landmarks_m, point)
        target, depth = camera.project(state, from_hand + state[:, STATE_EE_POS])
        seen = (target.abs() < 1).all(dim=1) & (depth > 0.02) & (from_hand.abs().sum(dim=1) > 0)
        if camera.HAND_CARRIED[point]:
            seen = seen & holding(state)
        if bool(seen.any()):
            total = total + loss(image[seen, 2 * point:2 * point + 2], target[seen] * LANDMARK_SCALE_M)
    return total


def wrist_ray_plane(demos: Demonstrations, point: int = 0) -> float:
    """The height that a wrist ray's ``point`` (:func:`ray_point_from_hand`) rests at: the median over the frames
    whose hand is not at it (a held grasp point moves with the hand; a finished instruction's landmarks are zero);
    for a hand-carried point, its height from the hand's, the median over the frames that hold it."""
    from_hand = ray_point_from_hand(demos.landmarks, point)
    if WristCamera.HAND_CARRIED[point]:
        held = holding(demos.state) & (np.abs(from_hand).sum(axis=1) > 0)
        if not held.any():
            raise ValueError("a held-object ray needs demonstrations that hold an object; none of these frames do")
        return float(np.median(from_hand[held, 2]))
    world = from_hand + demos.state[:, STATE_EE_POS]
    chosen = np.linalg.norm(from_hand, axis=1) > 0.01
    return float(np.median(world[chosen if chosen.any() else slice(None), 2]))


def state_statistics(state: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return state.mean(axis=0), state.std(axis=0) + 1e-3


def fit_landmark_head(policy: VisuomotorPolicy, demos: Demonstrations, frames: int = 4096, seed: int = 0,
                      ridge: float = 1e-3) -> None:
    """Set the landmark head (a linear read-out of the network's last hidden layer, not in an exported graph) to the
    least-squares fit of the expert's landmarks on ``frames`` of ``demos``, the rest of the network unchanged. Why:
    a network read back from its file starts with a head of zeros, whose errors are then all of one sign; under the
    centimetre landmark loss the trunk took that steep, one-sided gradient, and a plug member fine-tuned so placed 3
    of 20 plugs where it had placed 14 (stop 48). Fitted, the head's errors start as small as the features allow."""
    if demos.landmarks is None:
        raise ValueError("fitting the landmark head needs demonstrations with expert landmarks")
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(len(demos), size=min(frames, len(demos)), replace=False))
    hidden: list[torch.Tensor] = []
    hook = policy.landmark_out.register_forward_hook(lambda _m, inputs, _out: hidden.append(inputs[0]))
    policy.eval()
    try:
        with torch.no_grad():
            for batch in np.array_split(idx, max(1, len(idx) // 256)):
                policy.forward_with_landmarks({c: torch.from_numpy(demos.images[c][batch]) for c in policy.cfg.cameras},
                                              torch.from_numpy(demos.state[batch]),
                                              torch.from_numpy(embed([demos.task[i] for i in batch])))
    finally:
        hook.remove()
    features = torch.cat([torch.cat(hidden), torch.ones(len(idx), 1)], dim=1).double()
    target = torch.from_numpy(demos.landmarks[idx][:, :LANDMARK_DIM] / LANDMARK_SCALE_M).double()
    gram = features.T @ features + ridge * len(idx) * torch.eye(features.shape[1], dtype=torch.float64)
    solution = torch.linalg.solve(gram, features.T @ target)  # (hidden + 1, LANDMARK_DIM)
    with torch.no_grad():
        policy.landmark_out.weight.copy_(solution[:-1].T.float())
        policy.landmark_out.bias.copy_(solution[-1].float())


def train(policy: VisuomotorPolicy, demos: Demonstrations, cfg: TrainConfig, checkpoint: Path | None = None,
          log: Callable[[str], None] = print, on_checkpoint: Callable[[], object] | None = None) -> VisuomotorPolicy:
    """Train in place; if ``checkpoint`` exists, resume from it. Returns the policy in eval mode.
    ``on_checkpoint`` is called after every checkpoint is written (the pipeline counts its wall time there)."""
    if demos.landmarks is not None and demos.landmarks.shape[1] != LANDMARK_DIM:
        raise ValueError(f"the demonstrations carry {demos.landmarks.shape[1]} expert landmarks per frame; this "
                         f"network learns {LANDMARK_DIM} (robotstack.sim.experts.LANDMARK_DIM): record them again "
                         f"(a work directory's demos.pkl and dagger*.pkl are from an older recording)")
    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed)
    pcfg: PolicyConfig = policy.cfg
    targets, mask = chunk_targets(demos.action, demos.episode, pcfg.chunk)
    phrases = sorted(set(demos.task))
    variants = {p: phrasings(p) for p in phrases}
    table_text = [v for p in phrases for v in variants[p]]
    table = torch.from_numpy(embed(table_text))
    starts, counts, pos = {}, {}, 0
    for p in phrases:
        starts[p], counts[p] = pos, len(variants[p])
        pos += len(variants[p])
    frame_start = np.array([starts[t] for t in demos.task])
    frame_count = np.array([counts[t] for t in demos.task])

    resumed = None
    if checkpoint is not None and checkpoint.exists():
        resumed = torch.load(checkpoint, weights_only=False, map_location="cpu")
        policy.load_state_dict(resumed["model"])
        log(f"resumed from {checkpoint} at step {resumed['step']}")
    elif cfg.fit_normalisation:
        mean, std = state_statistics(demos.state)
        policy.set_state_stats(torch.from_numpy(mean), torch.from_numpy(std))
        policy.set_text_stats(table)
        if policy.grounding is not None:
            policy.grounding.set_phrases(torch.from_numpy(embed([phrase for phrase, _ in vocabulary()])))
        if policy.wrist_ray is not None:
            if not policy.wrist_ray.mounted or demos.landmarks is None:
                raise ValueError("a wrist-ray policy needs its camera mount set (policy.wrist_ray.set_mount, from "
                                 "robotstack.sim's wrist_camera_mount) and demonstrations with expert landmarks")
            for point in range(policy.wrist_ray.points):
                policy.wrist_ray.set_plane(wrist_ray_plane(demos, point), point)
    # Statistics are set on the CPU (their setters compute there); then the network and its optimiser move.
    device = torch.device(cfg.device)
    policy.to(device)
    table = table.to(device)
    optimizer = torch.optim.AdamW(policy.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    step = 0
    if resumed is not None:
        optimizer.load_state_dict(resumed["optimizer"])  # its moments follow the parameters' device
        step = resumed["step"]
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: 0.5 * (1 + math.cos(math.pi * min(s, cfg.steps) / cfg.steps)), last_epoch=step - 1
    )
    policy.train()
    t0, running = time.perf_counter(), 0.0

    def batch(array: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(array).to(device)

    while step < cfg.steps:
        idx = rng.integers(0, len(demos), size=cfg.batch_size)
        images = {c: batch(_shift(demos.images[c][idx], cfg.shift, rng)) for c in pcfg.cameras}
        text = table[torch.from_numpy(frame_start[idx] + rng.integers(0, frame_count[idx])).to(device)]
        state = batch(demos.state[idx])
        pred, landmarks = policy.forward_with_landmarks(images, state, text)
        m = batch(mask[idx]).unsqueeze(-1)
        loss = (torch.abs(pred - batch(targets[idx])) * m).sum() / (m.sum() * pcfg.action_dim)
        if demos.teacher is not None and cfg.teacher_weight > 0:
            distilled = torch.abs(pred - batch(demos.teacher[idx])).mean()
            loss = (1 - cfg.teacher_weight) * loss + cfg.teacher_weight * distilled
        loss = cfg.action_weight * loss
        if demos.landmarks is not None and cfg.landmark_weight > 0:
            target_m = batch(demos.landmarks[idx]).float()
            landmark_loss = LANDMARK_LOSSES[cfg.landmark_loss]
            loss = loss + cfg.landmark_weight * landmark_loss(landmarks[:, :LANDMARK_DIM], target_m)
            if policy.wrist_ray is not None:
                loss = loss + cfg.landmark_weight * wrist_image_loss(
                    policy.wrist_ray, landmarks[:, LANDMARK_DIM:], state, target_m, landmark_loss)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        step += 1
        running += loss.item()
        if step % 100 == 0:
            log(f"step {step}/{cfg.steps} loss {running / 100:.4f} lr {schedule.get_last_lr()[0]:.2e} "
                f"{(time.perf_counter() - t0) / 100 * 1000:.0f} ms/step")
            running, t0 = 0.0, time.perf_counter()
        if checkpoint is not None and (step % cfg.checkpoint_every == 0 or step == cfg.steps):
            save_checkpoint(checkpoint, policy, optimizer, step)
            if on_checkpoint is not None:
                on_checkpoint()
    return policy.cpu().eval()


def save_checkpoint(path: Path, policy: VisuomotorPolicy, optimizer: torch.optim.Optimizer, step: int) -> None:
    """The weights (on the CPU, whatever device trained them), the optimiser, the step and the network's config."""
    model = {name: tensor.cpu() for name, tensor in policy.state_dict().items()}
    with atomic_path(path) as tmp:
        torch.save({"model": model, "optimizer": optimizer.state_dict(), "step": step,
                    "config": policy.cfg.to_dict()}, tmp)


def load_checkpoint(path: Path) -> VisuomotorPolicy:
    """The policy a checkpoint of :func:`save_checkpoint` holds, in eval mode; errors name the file and what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such checkpoint (robotstack train writes bc.ckpt and dagger<N>.ckpt "
                                "into its --work-dir)")
    try:
        state = torch.load(path, weights_only=False, map_location="cpu")
        policy = VisuomotorPolicy(PolicyConfig.from_dict(state["config"]))
        policy.load_state_dict(state["model"])
    except Exception as err:  # a checkpoint of something else, or not one at all: the reason is in the message
        raise ValueError(f"{path}: not a robotstack training checkpoint ({type(err).__name__}: {err})") from err
    return policy.eval()
