"""Recovery data: scripted slips in expert demonstrations, and DAgger learners that act as the loop runs them."""

import numpy as np
import pytest
import torch

from robotstack.loop import TemporalEnsemble
from robotstack.policies.collect import CarryMisaim, Fumble, Misaim, record_episode
from robotstack.policies.parallel import TorchActor
from robotstack.policy import STATE_GRIPPER_OPENING
from robotstack.sim import make_env
from robotstack.sim.experts import CLOSE, OPEN


def _slip(kind: str, radius: float = 0.03) -> Fumble:
    return Fumble(kind, radius=radius, ticks=5, speed=0.8, lift=0.3)


def _opened_against_the_label(episode) -> bool:
    """Some step where the expert said keep the hand closed and the hand opened: the executed action was not
    the label (the labels stay the expert's)."""
    opening = np.array([f.state[STATE_GRIPPER_OPENING] for f in episode.frames])
    labels = np.array([f.action[4] for f in episode.frames])
    return bool(np.any((labels[:-1] == CLOSE) & (np.diff(opening) > 0.002)))


def _low_offsets_mm(episode, ticks: int) -> np.ndarray:
    """The grip's offset from the hand in the table plane (mm) in the first ``ticks`` frames with the hand less
    than 6 cm above it."""
    landmarks = np.array([f.landmarks for f in episode.frames[:ticks]])
    return np.linalg.norm(landmarks[landmarks[:, 2] > -0.06, :2], axis=1) * 1000


def test_a_misaimed_reach_is_labelled_with_where_the_plug_really_is():
    env = make_env("cable", image_size=24)
    misaim = Misaim(np.random.default_rng(3), ticks=90)
    episode = record_episode(env, seed=7102, misaim=misaim)
    clean = record_episode(env, seed=7102)
    assert misaim.tick > misaim.every  # it ran, through more than one error
    off, on = _low_offsets_mm(episode, misaim.tick), _low_offsets_mm(clean, misaim.tick)
    assert off.size and np.median(off) > 3 * max(np.median(on), 1.0)  # the hand came down off the grip
    # The labels are the expert's on the true state: over the misaimed reach they point back at the grip.
    landmarks = np.array([f.landmarks for f in episode.frames[:misaim.tick]])
    moves = np.array([f.action[:2] for f in episode.frames[:misaim.tick]])
    far = np.linalg.norm(landmarks[:, :2], axis=1) > 0.01
    towards = np.sum(moves[far] * landmarks[far, :2], axis=1) / np.linalg.norm(landmarks[far, :2], axis=1)
    assert far.sum() > 5 and np.mean(towards > 0) > 0.8  # (the approach may first swing round an obstacle)
    # It never closed on nothing while misaimed, and the expert then completes the task.
    opening = np.array([f.state[STATE_GRIPPER_OPENING] for f in episode.frames[:misaim.tick]])
    assert opening.min() > 0.05
    assert episode.success and len(episode.frames) > len(clean.frames)
    env.close()


def _near_goal_offsets_mm(episode) -> np.ndarray:
    """The goal's offset from the held object in the table plane (mm) on the frames within 3 cm of it."""
    offsets = np.linalg.norm(np.array([f.landmarks for f in episode.frames])[:, 3:5], axis=1) * 1000
    return offsets[offsets < 30]


def _carried_heights_mm(episode) -> np.ndarray:
    """The goal's height above the held object (mm, negative above it) on frames 4-30 mm off it in the plane."""
    landmarks = np.array([f.landmarks for f in episode.frames])
    off = np.linalg.norm(landmarks[:, 3:5], axis=1)
    return landmarks[(off > 0.004) & (off < 0.03), 5] * 1000


def test_a_misaimed_carry_is_labelled_with_where_the_socket_really_is():
    env = make_env("cable", image_size=24)
    carry = CarryMisaim(np.random.default_rng(3), height=0.015, ticks=48)
    episode = record_episode(env, seed=7202, carry_misaim=carry)
    clean = record_episode(env, seed=7202)
    assert carry.tick == carry.ticks and carry.over  # it ran its course, through several errors
    off, on = _near_goal_offsets_mm(episode), _near_goal_offsets_mm(clean)
    assert off.size > on.size + carry.ticks // 2 and np.median(off) > 3 * max(np.median(on), 1.0)
    # The labels are the expert's on the true state: where the pin is off the socket they steer it back.
    landmarks = np.array([f.landmarks for f in episode.frames])
    moves = np.array([f.action[:2] for f in episode.frames])
    offsets = np.linalg.norm(landmarks[:, 3:5], axis=1)
    off_goal = (offsets > 0.004) & (offsets < 0.03)
    towards = np.sum(moves[off_goal] * landmarks[off_goal, 3:5], axis=1)
    assert off_goal.sum() > 20 and np.mean(towards > 0) > 0.9
    # Meanwhile the pin was held low over the board, where the students wait, not at the carry's height.
    above = -landmarks[off_goal, 5] * 1000
    assert np.median(above) < carry.height * 1000 + 15 < np.median(-_carried_heights_mm(clean))
    assert episode.success and len(episode.frames) > len(clean.frames) + carry.ticks // 2
    env.close()


def test_carry_misaims_are_drawn_only_for_noise_free_demonstrations_without_a_slip():
    from robotstack.policies.parallel import RecordJob, record_parallel

    seeds = [7100, 7102]  # even seeds: no DART noise
    plain = list(record_parallel(RecordJob("cable", 24), seeds, workers=1))
    carried = list(record_parallel(RecordJob("cable", 24, carry_misaim_share=1.0), seeds, workers=1))
    assert all(len(c.frames) > len(p.frames) for c, p in zip(carried, plain))
    slipped = list(record_parallel(RecordJob("ring", 24, fumble_share=1.0), [7100], workers=1))
    both = list(record_parallel(RecordJob("ring", 24, fumble_share=1.0, carry_misaim_share=1.0), [7100], workers=1))
    np.testing.assert_array_equal(slipped[0].frames[-1].state, both[0].frames[-1].state)


def test_misaims_replace_slips_only_in_the_share_of_noise_free_demonstrations():
    from robotstack.policies.parallel import RecordJob, record_parallel

    seeds = [7100, 7102, 7104]  # even seeds: no DART noise
    plain = list(record_parallel(RecordJob("ring", 24), seeds, workers=1))
    misaimed = list(record_parallel(RecordJob("ring", 24, misaim_share=1.0), seeds, workers=1))
    assert all(len(m.frames) != len(p.frames) for m, p in zip(misaimed, plain))
    noisy = list(record_parallel(RecordJob("ring", 24, noise=0.2, misaim_share=1.0), [7101], workers=1))
    alone = list(record_parallel(RecordJob("ring", 24, noise=0.2), [7101], workers=1))
    np.testing.assert_array_equal(noisy[0].frames[-1].state, alone[0].frames[-1].state)


def test_a_ring_let_go_off_the_peg_is_picked_up_again():
    env = make_env("ring", image_size=24)
    slip = _slip("release")  # lowered 3 cm off the peg, drifting away, then let go: it lands beside the peg
    episode = record_episode(env, seed=7102, fumble=slip)
    assert slip.left == 0, "the slip never started"
    assert _opened_against_the_label(episode)
    assert episode.success, f"the expert did not recover within the horizon ({len(episode.frames)} steps)"
    clean = record_episode(env, seed=7102)
    assert len(episode.frames) > len(clean.frames) + 10  # the recovery took a second grasp
    env.close()


def test_a_slip_the_expert_does_not_recover_from_never_starts():
    env = make_env("cable", image_size=24)
    slip = _slip("release")  # a let-go plug hangs from its cable: PlugCableExpert does not regrasp it
    episode = record_episode(env, seed=7101, fumble=slip)
    assert slip.left == -1 and not _opened_against_the_label(episode) and episode.success
    env.close()


def test_a_close_above_the_ring_is_recovered_from():
    env = make_env("ring", image_size=24)
    slip = _slip("early_close")
    episode = record_episode(env, seed=7102, fumble=slip)
    assert slip.left == 0
    opening = np.array([f.state[STATE_GRIPPER_OPENING] for f in episode.frames])
    labels = np.array([f.action[4] for f in episode.frames])
    closed = np.flatnonzero(opening < 0.005)  # shut on nothing: the ring's tube would keep it 14 mm open
    assert closed.size, "the hand never closed on nothing"
    assert labels[closed[0]] == OPEN  # the expert says open again and goes on
    assert episode.success
    env.close()


def test_slips_are_drawn_within_their_documented_ranges():
    for seed in range(50):
        slip = Fumble.draw(np.random.default_rng(seed))
        assert slip.kind in ("release", "early_close") and 0.01 <= slip.radius <= 0.05 and 4 <= slip.ticks <= 8
        assert 0.0 <= slip.speed <= 1.0 and 0.0 <= slip.lift <= 0.5 and slip.left == -1


class _CountingPolicy(torch.nn.Module):
    """Chunk k of call n is n + k in every dimension (a test network with a known output)."""

    class cfg:  # noqa: N801 - mirrors PolicyConfig's attribute
        cameras = ("front",)

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def forward(self, images, state, text):
        chunk = (self.calls + torch.arange(4, dtype=torch.float32))[:, None].repeat(1, 5)
        self.calls += 1
        return chunk[None] / 10.0


def test_dagger_learner_executes_its_chunks_as_the_loop_would():
    obs = {"images": {"front": np.zeros((8, 8, 3), np.uint8)}, "state": np.zeros(22, np.float32)}
    phrase = "put the red ring on the blue peg"

    def chunk(call: int) -> np.ndarray:
        return ((call + np.arange(4, dtype=np.float32))[:, None].repeat(5, axis=1)) / 10.0

    policy = _CountingPolicy()
    ensemble, reference = TorchActor(policy, mode="ensemble", decay=0.1), TemporalEnsemble(0.1)
    for tick in range(6):
        np.testing.assert_allclose(ensemble(obs, phrase), reference.add(tick, chunk(tick)), rtol=1e-6)
    ensemble.reset()
    policy.calls = 0
    np.testing.assert_allclose(ensemble(obs, phrase), np.zeros(5), atol=1e-7)  # nothing left from before the reset
    ensemble(obs, phrase)
    # A new subtask, as the control loop does: only chunks made for it count (chunk 2's first action, not a blend).
    np.testing.assert_allclose(ensemble(obs, "plug the cable into the socket"), chunk(2)[0], rtol=1e-6)
    sync = TorchActor(_CountingPolicy(), mode="sync")
    assert [float(sync(obs, phrase)[0]) for _ in range(3)] == pytest.approx([0.0, 0.1, 0.2])  # each chunk's first
    with pytest.raises(ValueError, match="accepted"):
        TorchActor(policy, mode="queue")


def test_settle_ticks_record_the_expert_letting_go_of_a_seated_plug_and_rising_clear():
    """The judge calls a plug seated while the hand still holds it: without the steps after success no
    demonstration shows the release that a plan's next subtask waits for."""
    env = make_env("cable", image_size=24)
    plain = record_episode(env, seed=7301)
    settled = record_episode(env, seed=7301, settle_ticks=20)
    assert plain.success and settled.success and len(settled.frames) == len(plain.frames) + 20
    assert plain.frames[-1].state[STATE_GRIPPER_OPENING] < 0.04  # success while still holding it
    tail = settled.frames[len(plain.frames):]
    assert all(f.action[4] == OPEN for f in tail)
    assert tail[-1].state[STATE_GRIPPER_OPENING] > 0.06  # let go
    assert tail[-1].state[16] - tail[0].state[16] > 0.03  # and risen clear
    assert env.unwrapped.is_success()  # the plug stayed seated
