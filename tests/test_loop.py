"""The control loop against the simulator with real ONNX Runtime sessions: modes, deadlines, faults, safety."""

from dataclasses import replace

import numpy as np
import pytest

from onnx_policies import Recorder, constant_policy
from robotstack.faults import FaultPlan, FaultyCamera, FaultyPolicy
from robotstack.loop import ControlLoop, FrozenImageWatch, LoopConfig, ScriptedStep, TemporalEnsemble
from robotstack.policy import OnnxPolicy
from robotstack.safety import SafetyLayer, SafetyLimits
from robotstack.sim import make_env
from robotstack.sim.bridge import SimBridge
from robotstack.tracing import Tracer

SIZE = 32
TEXT = np.zeros(384, dtype=np.float32)
DOWN = [0.0, 0.0, -0.5, 0.0, -1.0]  # descend slowly from the home pose, gripper open


@pytest.fixture(scope="module")
def bridge():
    return SimBridge(make_env("ring", image_size=SIZE).unwrapped)


@pytest.fixture(scope="module")
def up_policy(tmp_path_factory):
    return OnnxPolicy(constant_policy(tmp_path_factory.mktemp("p") / "down.onnx", DOWN, chunk=4, image_size=SIZE))


def run(bridge, policy, ticks=10, seed=0, camera=None, safety=None, **config):
    bridge.reset(seed)
    loop = ControlLoop(policy, LoopConfig(image_size=SIZE, **config), safety=safety or SafetyLayer(), tracer=Tracer())
    start = bridge.env.ee_pos
    stats = loop.run_episode(camera or bridge, bridge, TEXT, max_ticks=ticks)
    return stats, bridge.env.ee_pos - start, loop


def test_sync_on_time_moves_the_arm_and_traces_every_stage(bridge, up_policy):
    stats, moved, loop = run(bridge, up_policy, assumed_latency_ms=0.0)
    assert stats.ticks == 10 and not stats.deadline_misses and not stats.faults
    assert moved[2] == pytest.approx(-10 * 0.5 * 0.02, abs=0.02)
    spans = loop.tracer.stage_durations()
    assert all(len(spans[s]) == 10 for s in ("capture", "preprocess", "infer", "postprocess", "actuate", "tick"))


def test_ensemble_averages_what_overlapping_chunks_predicted_for_this_tick(bridge, up_policy):
    def chunk(offset: float) -> np.ndarray:  # action k of the chunk is offset + k in every dimension
        return (offset + np.arange(4, dtype=np.float32))[:, None].repeat(5, axis=1)

    flat = TemporalEnsemble(decay=0.0)
    assert flat.add(0, chunk(0.0))[0] == 0.0
    assert flat.add(1, chunk(10.0))[0] == pytest.approx((1.0 + 10.0) / 2)
    assert flat.add(4, chunk(20.0))[0] == pytest.approx((13.0 + 20.0) / 2)  # chunk 0 is out of reach
    assert len(flat.recent) == 2
    sharp = TemporalEnsemble(decay=50.0)
    sharp.add(0, chunk(0.0))
    assert sharp.add(1, chunk(10.0))[0] == pytest.approx(10.0)  # only the newest counts
    saturated = np.ones((8, 5), np.float32)  # e.g. the gripper held closed: the average must stay exactly 1
    decaying = TemporalEnsemble(decay=0.1)
    assert all((decaying.add(t, saturated) == 1.0).all() for t in range(8))
    decaying.clear()
    assert decaying.add(20, chunk(5.0))[0] == 5.0  # nothing left over from before the clear
    stats, moved, _ = run(bridge, up_policy, mode="ensemble", assumed_latency_ms=0.0)
    assert stats.ticks == 10 and not stats.faults and moved[2] == pytest.approx(-0.1, abs=0.02)


def test_sync_late_inference_misses_deadlines_and_the_arm_holds(bridge, up_policy):
    stats, moved, _ = run(bridge, up_policy, assumed_latency_ms=120.0)  # 2.4 ticks at 20 Hz
    assert stats.deadline_misses["infer"] == stats.ticks == 10
    assert stats.deadline_misses["tick"] == 10
    # Each action arrives 2.4 ticks late: the world runs 3 ticks per loop tick, holding through the late ones.
    assert bridge.env._steps == 30
    assert moved[2] == pytest.approx(-0.1, abs=0.02)


def test_async_keeps_the_arm_moving_through_slow_inference(bridge, up_policy):
    stats, moved, loop = run(bridge, up_policy, ticks=20, mode="async", refill_threshold=2, assumed_latency_ms=60.0)
    assert stats.deadline_misses["infer"] > 0 and "tick" not in stats.deadline_misses
    assert moved[2] < -0.1
    assert len(loop.tracer.stage_durations()["infer"]) < 20  # inference only when the queue runs low


def test_async_queue_runs_dry_when_inference_is_slower_than_the_chunk(bridge, up_policy):
    stats, _, _ = run(bridge, up_policy, ticks=20, mode="async", refill_threshold=0, assumed_latency_ms=300.0)
    assert stats.faults["queue_dry"] > 0


def test_nan_policy_output_is_a_counted_fault_and_the_arm_holds(bridge, tmp_path):
    nan_policy = OnnxPolicy(constant_policy(tmp_path / "nan.onnx", [np.nan, 0, 0, 0, 0], image_size=SIZE))
    safety = SafetyLayer()
    stats, moved, _ = run(bridge, nan_policy, safety=safety, assumed_latency_ms=0.0)
    assert stats.faults["invalid_policy_output"] == 10
    assert safety.interventions["no_action"] == 10
    assert np.linalg.norm(moved) < 0.005


def test_a_policy_that_raises_never_crashes_the_loop(bridge):
    def broken(images, state, text):
        raise RuntimeError("accelerator lost")

    stats, moved, _ = run(bridge, broken, assumed_latency_ms=0.0)
    assert stats.faults["inference_error:RuntimeError"] == 10 and np.linalg.norm(moved) < 0.005


def test_camera_faults_are_counted_and_held_through(bridge, up_policy):
    plan = FaultPlan({"drop": 0.2, "stale": 0.2, "corrupt": 0.2, "unplug": 0.1, "bad_state": 0.1}, seed=3)
    camera = FaultyCamera(bridge, plan)
    stats, _, _ = run(bridge, up_policy, ticks=40, camera=camera, assumed_latency_ms=0.0)
    assert stats.faults["dropped_frame"] == camera.injected["drop"] > 0
    assert stats.faults["stale_frame"] == camera.injected["stale"] > 0
    assert stats.faults["corrupt_frame"] == camera.injected["corrupt"] > 0
    assert stats.faults["camera_error:OSError"] == camera.injected["unplug"] > 0
    assert stats.faults["invalid_state"] == camera.injected["bad_state"] > 0


def test_a_frozen_camera_is_a_counted_fault_and_the_arm_holds(bridge, up_policy):
    # A hung sensor whose driver still numbers and stamps its frames: only the picture gives it away.
    camera = FaultyCamera(bridge, FaultPlan({"freeze": 1.0}, freeze_ticks=1000))
    stats, moved, _ = run(bridge, up_policy, ticks=30, camera=camera, assumed_latency_ms=0.0)
    assert camera.injected["freeze"] == 29  # every frame after the first
    assert 25 <= stats.faults["frozen_image:wrist"] <= 29  # flagged once the hand has moved 2 cm under it
    healthy, moved_healthy, _ = run(bridge, up_policy, ticks=30, assumed_latency_ms=0.0)
    assert not healthy.faults and abs(moved[2]) < abs(moved_healthy[2]) / 3  # held once the newest frame went stale


def test_a_still_picture_is_frozen_only_once_the_hand_has_moved():
    watch = FrozenImageWatch(moved_m=0.02)
    state = np.zeros(22, dtype=np.float32)
    picture = {"front": np.zeros((8, 8, 3), np.uint8), "wrist": np.ones((8, 8, 3), np.uint8)}
    assert watch.frozen(picture, state) == [] and watch.frozen(picture, state) == []  # a still hand, a still scene
    state[14] = 0.015
    assert watch.frozen(picture, state) == []
    state[14] = 0.025
    assert watch.frozen(picture, state) == ["wrist"]  # 2.5 cm and the camera on the hand saw nothing new
    changed = {"front": picture["front"], "wrist": picture["wrist"] + 1}
    assert watch.frozen(changed, state) == []  # it changed: watched afresh from here
    assert watch.frozen(changed, state) == []
    # a fixed camera need not see the arm: its still picture is never a fault


def test_an_injected_stale_frame_never_comes_from_an_earlier_episode(bridge):
    # Before the fix the first stale frame of an episode was the last episode's: accepted as new (the source's
    # frame numbers restart), it then made the episode's real frames look old, and the arm held for ~200 ticks.
    camera = FaultyCamera(bridge, FaultPlan({"stale": 1.0}))
    bridge.reset(0)
    first = camera.read()
    assert camera.read() is first and camera.injected["stale"] == 1
    bridge.reset(1)
    fresh = camera.read()
    assert fresh is not first and not np.array_equal(fresh.images["front"], first.images["front"])
    assert camera.read() is fresh  # and within the new episode, stale as asked


def test_injected_nan_and_late_inference(bridge, up_policy):
    policy = FaultyPolicy(up_policy, FaultPlan({"nan": 0.3, "late": 0.2}, late_ms=60, seed=1))
    stats, _, _ = run(bridge, policy, ticks=20)  # measured latency: the sleeps are real
    assert stats.faults["invalid_policy_output"] == policy.injected["nan"] > 0
    assert stats.deadline_misses["infer"] >= policy.injected["late"] > 0
    # On an assumed latency (a board's projection, a sweep's figure) the world waits for a late inference too.
    policy = FaultyPolicy(up_policy, FaultPlan({"late": 0.3}, late_ms=60, seed=1))
    stats, _, _ = run(bridge, policy, ticks=20, assumed_latency_ms=5.0)
    assert stats.deadline_misses["infer"] == policy.injected["late"] > 0
    assert sorted(set(stats.applied_latency_ms)) == [5.0, 65.0]


class BrokenSource:
    """The simulator's camera, but every tick in ``bad`` goes wrong in the way ``spoil`` says."""

    def __init__(self, bridge, bad: set[int], spoil) -> None:
        self.bridge, self.bad, self.spoil, self.tick = bridge, bad, spoil, 0

    def now(self) -> float:
        return self.bridge.now()

    def read(self):
        frame = self.bridge.read()
        self.tick += 1
        return self.spoil(frame) if self.tick - 1 in self.bad else frame


def unplugged(frame):
    raise OSError("camera unplugged")


@pytest.mark.parametrize("spoil, fault", [
    (unplugged, "camera_error:OSError"),
    (lambda f: replace(f, state=np.full(22, np.nan, dtype=np.float32)), "invalid_state"),
    (lambda f: replace(f, state=f.state[:10]), "invalid_state"),
    (lambda f: replace(f, images={**f.images, "wrist": f.images["wrist"].tolist()}), "corrupt_frame"),
    (lambda f: replace(f, images={**f.images, "front": np.zeros((0, 0, 3), np.uint8)}), "corrupt_frame"),
    (lambda f: {"images": f.images, "state": f.state}, "corrupt_frame"),  # not a Frame at all
    (lambda f: replace(f, stamp=f.stamp + 10.0), "bad_stamp"),  # from the future: its age is unknown
    (lambda f: replace(f, stamp=float("nan")), "bad_stamp"),
    (lambda f: replace(f, stamp="now"), "bad_stamp"),
    (lambda f: replace(f, seq=None), "bad_seq"),  # without an order a repeated frame passes for a new one
    (lambda f: replace(f, seq=float("nan")), "bad_seq"),
    (lambda f: replace(f, images=None), "corrupt_frame"),
])
def test_a_frame_the_loop_cannot_trust_is_a_counted_fault_and_the_arm_holds(bridge, up_policy, spoil, fault):
    stats, moved, _ = run(bridge, up_policy, camera=BrokenSource(bridge, set(range(10)), spoil),
                          assumed_latency_ms=0.0)
    assert stats.ticks == 10 and stats.faults == {fault: 10} and np.linalg.norm(moved) < 0.005
    # Some bad ticks among good ones: only those are lost; the arm moves on the others.
    stats, moved, _ = run(bridge, up_policy, camera=BrokenSource(bridge, {2, 5}, spoil), assumed_latency_ms=0.0)
    assert stats.faults == {fault: 2} and moved[2] < -0.05


@pytest.mark.parametrize("mode", ["sync", "ensemble", "async"])
@pytest.mark.parametrize("output", [np.zeros((0, 5), np.float32), None, np.zeros((4, 7), np.float32)],
                         ids=["no actions", "none", "wrong width"])
def test_a_policy_output_that_is_not_a_chunk_is_a_counted_fault_in_every_mode(bridge, output, mode):
    stats, moved, _ = run(bridge, lambda images, state, text: output, assumed_latency_ms=0.0, mode=mode)
    assert stats.ticks == 10 and stats.faults == {"invalid_policy_output": 10} and np.linalg.norm(moved) < 0.005


@pytest.mark.parametrize("output, fault", [
    (np.full(384, np.nan, np.float32), "invalid_embedding"),
    ("red ring", "invalid_embedding"),
    (np.zeros((2, 384)), "invalid_embedding"),
    (ScriptedStep(np.full(5, np.nan, np.float32)), "invalid_scripted_step"),
    (ScriptedStep(np.zeros(3, np.float32)), "invalid_scripted_step"),
    (ScriptedStep([0, 0, 1, 0, -1]), "invalid_scripted_step"),
], ids=["nan", "text", "matrix", "nan-step", "short-step", "list-step"])
def test_a_conditioning_that_returns_nothing_usable_holds_the_arm(bridge, up_policy, output, fault):
    bridge.reset(0)
    loop = ControlLoop(up_policy, LoopConfig(image_size=SIZE, assumed_latency_ms=0.0), safety=SafetyLayer(),
                       tracer=Tracer())
    start = bridge.env.ee_pos
    stats = loop.run_episode(bridge, bridge, lambda state, images: output, max_ticks=8)
    assert stats.faults == {f"conditioning_error:{fault}": 8} and stats.ticks == 8
    assert np.linalg.norm(bridge.env.ee_pos - start) < 0.005


def test_a_sink_that_reports_nothing_usable_is_counted_and_the_loop_goes_on(bridge, up_policy):
    class Mute:
        def apply(self, action, delay_s, hold):
            bridge.apply(action, delay_s, hold)
            return None

    bridge.reset(0)
    loop = ControlLoop(up_policy, LoopConfig(image_size=SIZE, assumed_latency_ms=0.0), safety=SafetyLayer(),
                       tracer=Tracer())
    stats = loop.run_episode(bridge, Mute(), TEXT, max_ticks=6)
    assert stats.ticks == 6 and stats.faults == {"invalid_actuator_result": 6}


def test_a_conditioning_that_raises_holds_the_arm_and_is_counted(bridge, up_policy):
    calls = []

    def flaky(state, images):
        calls.append(1)
        if len(calls) in (3, 4):
            raise KeyError("plan step")
        return TEXT

    bridge.reset(0)
    loop = ControlLoop(up_policy, LoopConfig(image_size=SIZE, assumed_latency_ms=0.0), safety=SafetyLayer(),
                       tracer=Tracer())
    stats = loop.run_episode(bridge, bridge, flaky, max_ticks=8)
    assert stats.ticks == 8 and stats.faults == {"conditioning_error:KeyError": 2}


def test_an_actuator_that_raises_ends_the_episode_with_the_fault_counted(bridge, up_policy):
    class Jammed:
        def apply(self, action, delay_s, hold):
            if np.any(action[:3]):
                raise ConnectionError("arm controller gone")
            return bridge.apply(action, delay_s, hold)

    bridge.reset(0)
    loop = ControlLoop(up_policy, LoopConfig(image_size=SIZE, assumed_latency_ms=0.0), safety=SafetyLayer(),
                       tracer=Tracer())
    stats = loop.run_episode(bridge, Jammed(), TEXT, max_ticks=10)
    assert stats.faults == {"actuator_error:ConnectionError": 1} and stats.ticks == 1 and not stats.success


def test_estop_holds_everything(bridge, up_policy):
    safety = SafetyLayer()
    safety.engage_estop()
    stats, moved, _ = run(bridge, up_policy, safety=safety, assumed_latency_ms=0.0)
    assert safety.interventions["estop"] == 10 and np.linalg.norm(moved) < 0.005


class TestSafetyLayer:
    state = np.zeros(22, dtype=np.float32)

    def test_workspace_edge_stops_motion_outward_only(self):
        safety = SafetyLayer(SafetyLimits())
        state = self.state.copy()
        state[14:17] = (0.5, 0.0, 0.5)  # at the ceiling
        out = safety.filter(np.array([0.5, 0.0, 1.0, 0.0, 1.0]), state, 0.0)
        assert out[2] == 0.0 and out[0] == 0.5 and safety.interventions["workspace"] == 1

    def test_speed_is_limited(self):
        safety = SafetyLayer(SafetyLimits(max_speed=1.0))
        state = self.state.copy()
        state[14:17] = (0.5, 0.0, 0.2)
        out = safety.filter(np.array([1.0, 1.0, 0.0, 0.0, -1.0]), state, 0.0)
        assert np.linalg.norm(out[:3]) == pytest.approx(1.0) and safety.interventions["speed_limit"] == 1

    def test_hold_keeps_the_gripper_closed_after_a_grasp(self):
        safety = SafetyLayer()
        state = self.state.copy()
        state[14:17] = (0.5, 0.0, 0.2)
        safety.filter(np.array([0, 0, 0, 0, 1.0]), state, 0.0)
        held = safety.filter(None, state, 0.0)
        np.testing.assert_array_equal(held, [0, 0, 0, 0, 1.0])

    def test_an_overshoot_is_clipped_but_an_implausible_action_holds(self):
        safety = SafetyLayer()
        state = self.state.copy()
        state[14:17] = (0.5, 0.0, 0.2)
        out = safety.filter(np.array([1.3, 0, 0, 0, 1.0]), state, 0.0)
        assert out[0] == 1.0 and safety.interventions["range_clip"] == 1
        out = safety.filter(np.array([0, 40.0, 0, 0, -1.0]), state, 0.0)  # metres, not the contract's [-1, 1]
        np.testing.assert_array_equal(out, [0, 0, 0, 0, 1.0])  # held, gripper as it was
        assert safety.interventions["implausible_action"] == 1

    def test_stale_frame_holds(self):
        safety = SafetyLayer(SafetyLimits(stale_after_s=0.1))
        out = safety.filter(np.array([1.0, 0, 0, 0, 0]), self.state, frame_age_s=0.5)
        assert not out[:4].any() and safety.interventions["stale_frame"] == 1


def test_fault_plan_parsing_errors_are_clear():
    assert FaultPlan.parse("drop=0.1, nan=0.5").rates == {"drop": 0.1, "nan": 0.5}
    assert FaultPlan.parse("freeze=0.01").rates == {"freeze": 0.01}
    with pytest.raises(ValueError, match="accepted"):
        FaultPlan.parse("gremlins=0.1")
    with pytest.raises(ValueError, match=r"outside \[0, 1\]"):
        FaultPlan.parse("drop=2")


def test_realtime_pacing_keeps_an_absolute_schedule_with_real_cameras(tmp_path, up_policy):
    import time

    import cv2

    from robotstack.actuators import RecordingActuator
    from robotstack.cameras import OpenCVCameras

    paths = {}
    for cam in ("front", "wrist"):
        writer = cv2.VideoWriter(str(tmp_path / f"{cam}.avi"), cv2.VideoWriter_fourcc(*"MJPG"), 20, (48, 40))
        for _ in range(30):
            writer.write(np.full((40, 48, 3), 90, np.uint8))
        writer.release()
        paths[cam] = str(tmp_path / f"{cam}.avi")
    cameras = OpenCVCameras(paths)
    sink = RecordingActuator()
    loop = ControlLoop(up_policy, LoopConfig(image_size=SIZE, control_hz=50.0, realtime=True), tracer=Tracer())
    start = time.monotonic()
    stats = loop.run_episode(cameras, sink, TEXT, max_ticks=20)
    elapsed = time.monotonic() - start
    assert stats.ticks == 20 and len(sink.actions) == 20
    assert 0.38 <= elapsed < 0.6  # 20 ticks at 50 Hz on an absolute schedule
    assert not stats.faults  # frames resized from 48x40 to the policy's 32x32 by the preprocessor


@pytest.mark.parametrize("mode", ["ensemble", "async"])
def test_a_new_subtask_drops_the_chunks_made_for_the_last_one(bridge, mode):
    """Chunks inferred under one instruction must not steer the next: at the switch the ensemble and the queue
    restart from the new subtask's chunk (before the fix its first ticks averaged in the old subtask's chunks)."""
    first, second = np.zeros(384, np.float32), np.ones(384, np.float32)

    def by_instruction(images, state, text):  # descend under the first subtask, rise under the second
        dz = -0.4 if text[0] == 0.0 else 0.4
        return np.tile(np.array([0.0, 0.0, dz, 0.0, -1.0], np.float32), (8, 1))

    bridge.reset(0)
    sink = Recorder(bridge)
    loop = ControlLoop(by_instruction, LoopConfig(image_size=SIZE, mode=mode, assumed_latency_ms=0.0),
                       safety=SafetyLayer(), tracer=Tracer())
    ticks = iter(range(100))
    stats = loop.run_episode(bridge, sink, lambda state, images: first if next(ticks) < 6 else second, max_ticks=10)
    dz = [a[2] for a in sink.actions]
    assert dz[1:6] == pytest.approx([-0.4] * 5)
    if mode == "ensemble":  # the new subtask's action from its first tick
        assert dz[6:] == pytest.approx([0.4] * 4)
    else:  # one tick's hold while its first chunk is inferred: a start, not a dry queue
        assert dz[6:] == pytest.approx([0.0] + [0.4] * 3) and not stats.faults


@pytest.mark.parametrize("mode", ["sync", "ensemble", "async"])
def test_without_new_frames_the_arm_runs_on_the_chunks_in_reach_until_the_newest_frame_is_too_old(bridge, mode):
    """Frames 3-8 are lost. Ensemble and async modes go on with the actions already inferred while the newest frame
    is younger than the safety layer's limit (0.15 s: ticks 3-4), then hold; sync mode has nothing to go on and
    holds at once. A dropped frame is not a new subtask either: the conditioning (as the plan driver does) keeps its
    subtask without a state, so the ensemble and the queue are not restarted as a real hold would."""
    def onward(images, state, text):
        return np.tile(np.array([0.1, 0.0, 0.0, 0.0, -1.0], np.float32), (8, 1))

    bridge.reset(0)
    sink = Recorder(bridge)
    safety = SafetyLayer()
    loop = ControlLoop(onward, LoopConfig(image_size=SIZE, mode=mode, refill_threshold=2, assumed_latency_ms=0.0),
                       safety=safety, tracer=Tracer())
    camera = BrokenSource(bridge, set(range(3, 9)), lambda frame: None)
    stats = loop.run_episode(camera, sink, lambda state, images: TEXT, max_ticks=12)
    moving = [bool(a[0] > 0) for a in sink.actions]
    assert stats.faults["dropped_frame"] == 6 and stats.waiting_ticks == 0
    assert set(stats.faults) == ({"dropped_frame", "queue_dry"} if mode == "async" else {"dropped_frame"})
    assert moving[1:3] == [True] * 2 and moving[6:9] == [False] * 3 and moving[10:] == [True] * 2
    assert moving[3:5] == ([False] * 2 if mode == "sync" else [True] * 2)
    assert safety.interventions["stale_frame"] >= 3


def test_in_ensemble_mode_a_failed_inference_is_covered_by_the_chunks_in_reach(bridge):
    calls = []

    def flaky(images, state, text):  # the fourth inference answers NaN
        calls.append(1)
        value = np.nan if len(calls) == 4 else 0.1
        return np.tile(np.array([value, 0.0, 0.0, 0.0, -1.0], np.float32), (8, 1))

    bridge.reset(0)
    sink, safety = Recorder(bridge), SafetyLayer()
    loop = ControlLoop(flaky, LoopConfig(image_size=SIZE, mode="ensemble", assumed_latency_ms=0.0), safety=safety,
                       tracer=Tracer())
    stats = loop.run_episode(bridge, sink, TEXT, max_ticks=6)
    assert stats.faults == {"invalid_policy_output": 1} and not safety.interventions
    assert [a[0] for a in sink.actions] == pytest.approx([0.1] * 6)  # tick 3 ran on the chunks of ticks 0-2


def test_on_ticks_without_a_frame_the_workspace_check_sees_where_the_hand_has_moved_on_to(bridge):
    """The actions in reach are executed blind for up to 0.15 s; the safety layer's workspace check must then use
    the hand's position dead-reckoned from what was sent, not the newest frame's: descending 10 mm per tick toward
    a floor 25 mm below, frames lost after the first, the hand must stop at the floor (before the fix it went 30 mm
    down, through it)."""
    bridge.reset(0)
    start = bridge.env.ee_pos.copy()
    low = (0.2, -0.5, float(start[2]) - 0.025)
    safety = SafetyLayer(SafetyLimits(workspace_low=low))
    loop = ControlLoop(lambda images, state, text: np.tile(np.array([0, 0, -0.5, 0, -1], np.float32), (8, 1)),
                       LoopConfig(image_size=SIZE, mode="ensemble", assumed_latency_ms=0.0), safety=safety,
                       tracer=Tracer())
    loop.run_episode(BrokenSource(bridge, set(range(1, 10)), lambda frame: None), bridge, TEXT, max_ticks=3)
    assert safety.interventions["workspace"] == 1
    assert bridge.env.ee_pos[2] > low[2] - 0.002


@pytest.mark.parametrize("mode", ["sync", "ensemble", "async"])
def test_a_scripted_step_is_sent_through_the_safety_layer_instead_of_the_policy(bridge, mode):
    """The driver's move back to the ready pose: the loop sends the conditioning's own action (clipped like any
    other), infers nothing meanwhile, and the subtask after it starts from its own chunk."""
    calls = []

    def policy(images, state, text):
        calls.append(1)
        return np.tile(np.array([0.0, 0.0, -0.4, 0.0, -1.0], np.float32), (8, 1))

    bridge.reset(0)
    sink = Recorder(bridge)
    loop = ControlLoop(policy, LoopConfig(image_size=SIZE, mode=mode, assumed_latency_ms=0.0), safety=SafetyLayer(),
                       tracer=Tracer())
    ticks = iter(range(100))
    scripted = ScriptedStep(np.array([0.0, 0.0, -1.5, 0.0, -1.0], np.float32))  # out of range: clipped to -1
    stats = loop.run_episode(bridge, sink, lambda state, images: TEXT if next(ticks) < 4 else scripted, max_ticks=8)
    dz = [a[2] for a in sink.actions]
    assert dz[4:] == pytest.approx([-1.0] * 4) and stats.scripted_ticks == 4
    assert len(calls) == (1 if mode == "async" else 4) and stats.waiting_ticks == 0 and not stats.faults
    assert loop.safety.interventions["range_clip"] == 4


def loaded_host_clock(seed: int):
    """A host clock under load: every reading lands a random 0-5 ms after the one before."""
    rng, now = np.random.default_rng(seed), 0

    def clock() -> int:
        nonlocal now
        now += int(rng.integers(0, 5_000_000))
        return now
    return clock


def test_an_assumed_latency_plays_a_seed_out_the_same_whatever_the_host_load(bridge, up_policy):
    def joints_after(clock, latency_ms):
        bridge.reset(3)
        loop = ControlLoop(up_policy, LoopConfig(image_size=SIZE, mode="ensemble", assumed_latency_ms=latency_ms),
                           tracer=Tracer(max_events=0), clock=clock)
        loop.run_episode(bridge, bridge, TEXT, max_ticks=20)
        return bridge.env.data.qpos.copy()

    assert np.array_equal(joints_after(loaded_host_clock(1), 10.0), joints_after(loaded_host_clock(2), 10.0))
    # The measured latency is this host's: its times, load and all, reach the world.
    assert not np.array_equal(joints_after(loaded_host_clock(1), None), joints_after(loaded_host_clock(2), None))
