"""Driving the policy subtask by subtask: local plans, tier-2 plans from a real reasoner process, a dead
reasoner, stalls, and completion read off proprioception alone."""

import time

import numpy as np
import pytest

from robotstack.driver import InstructionDriver, SubtaskProgress
from robotstack.loop import ScriptedStep
from robotstack.episodes import text_encoder
from robotstack.reasoning.client import ClientConfig, ReasonerClient
from robotstack.reasoning.plan import SceneSummary
from robotstack.router import Router, StallMonitor
from robotstack.skills import Subtask
from test_reasoning import cli_service, free_endpoint, spawned_service, wait_ready

SCENE = SceneSummary(rings=["red", "green", "blue"], pegs=["yellow", "purple"], cable=True, socket=True)
TWO_STEP = "put the red ring on the yellow peg, then plug the cable into the socket"


RING = Subtask("place_ring", {"ring": "red", "peg": "blue"})


def state(opening: float = 0.08, z: float = 0.2, x: float = 0.5) -> np.ndarray:
    s = np.zeros(22, dtype=np.float32)
    s[14:17] = (x, 0.0, z)
    s[21] = opening
    return s


@pytest.fixture(scope="module")
def encoder():
    return text_encoder()


def drive_until(driver, status: str, limit_s: float = 10.0) -> None:
    deadline = time.monotonic() + limit_s
    while driver.status != status and time.monotonic() < deadline:
        driver.conditioning(state(x=0.5 + 0.01 * np.random.rand()))
        time.sleep(0.01)


def test_progress_needs_grasp_release_and_rise():
    progress = SubtaskProgress()
    seq = [state(0.08, 0.05)] * 3 + [state(0.015, 0.05)] * 4 + [state(0.015, 0.15)] * 3 + [state(0.08, 0.09)]
    assert not any(progress.update(s) for s in seq)
    assert not progress.update(state(0.08, 0.10))
    assert progress.update(state(0.08, 0.13))


def test_a_plug_is_done_once_let_go_and_a_ring_once_the_hand_has_risen_clear():
    grasp_then_open = [state(0.08, 0.05)] * 3 + [state(0.015, 0.05)] * 4 + [state(0.08, 0.05)]
    plug = SubtaskProgress.of(Subtask("plug_cable", {}), last=False)
    assert [plug.update(s) for s in grasp_then_open] == [False] * 7 + [True]
    ring = SubtaskProgress.of(RING, last=False)
    assert not any(ring.update(s) for s in grasp_then_open + [state(0.08, 0.07)])
    assert ring.update(state(0.08, 0.09))
    opened_without_a_grasp = [state(0.0, 0.05)] * 5 + [state(0.08, 0.05)]
    assert not any(SubtaskProgress.of(Subtask("plug_cable", {}), last=False).update(s) for s in opened_without_a_grasp)


def test_a_plug_is_done_once_it_bottoms_out_in_the_socket_and_a_ring_is_not():
    grasp = [state(0.08, 0.08)] * 3 + [state(0.015, 0.08)] * 3
    carried = [state(0.015, 0.08)] * 10  # held level, as across the table: it came down nowhere
    shallow = [state(0.015, 0.08 - 0.004 * i) for i in range(4)] + [state(0.015, 0.068)] * 10  # paused 1.2 cm lower
    descending = [state(0.015, 0.068 - 0.004 * i) for i in range(10)]  # 4 mm a tick: moving
    bottomed = [state(0.015, 0.03)] * 5
    plug = SubtaskProgress.of(Subtask("plug_cable", {}), last=False)
    assert not any(plug.update(s) for s in grasp + carried + shallow + descending)
    on_the_mouth = [state(0.015, 0.046)] * 20  # came down 3.4 cm and stopped 6 mm above a seated plug's hand
    plug_on_mouth = SubtaskProgress.of(Subtask("plug_cable", {}), last=False)
    assert not any(plug_on_mouth.update(s) for s in grasp + [state(0.015, 0.08 - 0.004 * i) for i in range(9)]
                   + on_the_mouth)
    assert [plug_on_mouth.update(s) for s in bottomed] == [False] * 4 + [True]  # then pushed home: done
    assert [plug.update(s) for s in bottomed] == [False] * 4 + [True]
    drifting = [state(0.015, 0.03 + 0.0004 * (i % 2)) for i in range(5)]  # height kept to under a millimetre
    plug = SubtaskProgress.of(Subtask("plug_cable", {}), last=False)
    done = [plug.update(s) for s in grasp + descending + drifting]
    assert done.index(True) == len(done) - 1
    ring = SubtaskProgress.of(RING, last=False)
    assert not any(ring.update(s) for s in grasp + descending + bottomed * 4)
    dropped = [state(0.0, 0.03)] * 40  # the fingers closed on nothing: the plug was lost, not seated
    assert not any(SubtaskProgress.of(Subtask("plug_cable", {}), last=False).update(s)
                   for s in grasp + descending + dropped)
    last_plug = SubtaskProgress.of(Subtask("plug_cable", {}), last=True)  # nothing waits: the full signature
    assert not any(last_plug.update(s) for s in grasp + descending + bottomed * 4 + [state(0.08, 0.03)])
    assert last_plug.update(state(0.08, 0.07))


def test_closing_on_nothing_is_not_a_grasp():
    progress = SubtaskProgress()
    seq = [state(0.0, 0.03)] * 10 + [state(0.08, 0.03)] + [state(0.08, 0.2)] * 3
    assert not any(progress.update(s) for s in seq)


def test_grounded_instruction_acts_at_once(encoder):
    driver = InstructionDriver(Router(encoder), encoder, SCENE)
    driver.start("place the green ring onto the purple peg")
    embedding = driver.conditioning(state())
    np.testing.assert_allclose(embedding, encoder("put the green ring on the purple peg"))
    assert driver.metrics.ticks_to_first_action == 1 and driver.metrics.escalations == 0


def test_a_tick_without_proprioception_keeps_the_subtask_unjudged(encoder):
    driver = InstructionDriver(Router(encoder), encoder, SCENE)
    driver.start("place the green ring onto the purple peg")
    subtask = encoder("put the green ring on the purple peg")
    np.testing.assert_allclose(driver.conditioning(None), subtask)  # no frame: the subtask stands, not a hold
    assert driver.metrics.ticks_to_first_action is None  # nothing was inferred on it
    np.testing.assert_allclose(driver.conditioning(state()), subtask)
    assert driver.metrics.ticks_to_first_action == 2 and driver.metrics.completed == []


def test_two_step_instruction_is_planned_by_a_real_reasoner_process(encoder):
    endpoint = free_endpoint()
    service = cli_service(endpoint)
    try:
        wait_ready(endpoint)
        # The reply held back 0.5 s (emulated tier-2 latency), so that it cannot have arrived by the first tick on a
        # busy machine: the arm holds while the plan is pending.
        with ReasonerClient(ClientConfig(endpoint=endpoint, timeout_s=5.0, extra_latency_s=0.5)) as client:
            driver = InstructionDriver(Router(encoder), encoder, SCENE, client=client)
            driver.start(TWO_STEP)
            assert driver.status == "planning" and driver.conditioning(state()) is None
            drive_until(driver, "acting")
            assert driver.plan == [Subtask("place_ring", {"ring": "red", "peg": "yellow"}), Subtask("plug_cable")]
            assert driver.metrics.replies["ok"] == 1 and driver.metrics.reasons["multi-step"] == 1
            assert driver.metrics.tier2_latency_s[0] < 5.0
    finally:
        service.kill()
        service.wait(5)


def test_a_new_instruction_or_the_episode_end_gives_up_the_plan_still_asked(encoder):
    endpoint = free_endpoint()
    service = cli_service(endpoint)
    try:
        wait_ready(endpoint)
        with ReasonerClient(ClientConfig(endpoint=endpoint, timeout_s=5.0, extra_latency_s=5.0)) as client:
            driver = InstructionDriver(Router(encoder), encoder, SCENE, client=client)
            driver.start(TWO_STEP)
            driver.start(TWO_STEP)  # said again before the first plan came: the first request is given up
            assert client.in_flight == 1 and client.metrics.cancelled == 1
            driver.finish()
            assert client.in_flight == 0 and driver.metrics.replies["cancelled"] == 2
    finally:
        service.kill()
        service.wait(5)


def test_when_tier_2_asks_which_was_meant_nothing_is_run(encoder):
    """Tier 2 (a service in its own process whose planner asks back on "kindly ...") asks which was meant where the
    board's rules read a plan: the board's own reading is not run, since the planner it asked found it unclear."""
    with spawned_service() as endpoint:
        wait_ready(endpoint)
        with ReasonerClient(ClientConfig(endpoint=endpoint, timeout_s=5.0)) as client:
            driver = InstructionDriver(Router(encoder), encoder, SCENE, client=client)
            driver.start("kindly put the red ring on the yellow peg, then plug the cable into the socket")
            assert driver._fallback == [Subtask("place_ring", {"ring": "red", "peg": "yellow"}), Subtask("plug_cable")]
            drive_until(driver, "failed")
            assert driver.status == "failed" and driver.metrics.replies["clarify"] == 1
            assert driver.conditioning(state()) is None  # holds; the episode ends


def test_when_tier_2_asks_and_the_board_reads_no_plan_either_nothing_is_run(encoder):
    """The second step names two pegs: the rules service asks which peg, and the board's rules read no plan."""
    endpoint = free_endpoint()
    service = cli_service(endpoint)
    try:
        wait_ready(endpoint)
        with ReasonerClient(ClientConfig(endpoint=endpoint, timeout_s=5.0)) as client:
            driver = InstructionDriver(Router(encoder), encoder, SCENE, client=client)
            driver.start("put the red ring on the yellow peg, then put the green ring on the yellow or purple peg")
            assert driver._fallback == []
            drive_until(driver, "failed")
            assert driver.status == "failed" and driver.metrics.replies["clarify"] == 1
    finally:
        service.kill()
        service.wait(5)


def test_an_instruction_too_long_to_send_falls_back_without_asking(encoder):
    """Over the wire format's 2000 characters a plan request cannot be built (it raised ValidationError out of
    start()): tier 2 is not asked, the router's fallback is used, and it is counted."""
    config = ClientConfig(endpoint=free_endpoint(), timeout_s=0.3, max_retries=0)
    with ReasonerClient(config) as client:
        driver = InstructionDriver(Router(encoder), encoder, SCENE, client=client)
        driver.start(TWO_STEP + ", " + "and please be careful " * 100)
        assert driver.metrics.replies == {"unsendable": 1} and driver.status == "acting"
        assert driver.plan == [Subtask("place_ring", {"ring": "red", "peg": "yellow"}), Subtask("plug_cable")]
        nothing = InstructionDriver(Router(encoder), encoder, SCENE, client=client)
        nothing.start("x" * 2500)
        assert nothing.status == "failed" and nothing.conditioning(state()) is None  # holds; the episode ends


def test_dead_reasoner_falls_back_to_the_local_grounding_or_ends_cleanly(encoder):
    config = ClientConfig(endpoint=free_endpoint(), timeout_s=0.3, max_retries=0)
    with ReasonerClient(config) as client:
        driver = InstructionDriver(Router(encoder), encoder, SCENE, client=client)
        driver.start(TWO_STEP)
        drive_until(driver, "acting")
        assert driver.status == "acting" and len(driver.plan) == 2  # the router's own grounding
        assert driver.metrics.replies["timeout"] == 1

        lost = InstructionDriver(Router(encoder), encoder, SCENE, client=client)
        lost.start("make me a sandwich")
        drive_until(lost, "failed")
        assert lost.status == "failed" and lost.conditioning(state()) is None


def test_subtasks_advance_on_their_signature_and_the_last_stays_engaged(encoder):
    driver = InstructionDriver(Router(encoder), encoder, SCENE, ready_between_subtasks=False)
    driver.start("put the red ring on the yellow peg and then put the green ring on the purple peg")
    signature = [state(0.08, 0.05)] * 3 + [state(0.015, 0.05)] * 4 + [state(0.08, 0.09)] + [state(0.08, 0.13)]
    assert driver.status == "acting"  # no reasoner here: the router's own grounding of the two steps
    for s in signature:
        driver.conditioning(s)
    second = encoder("put the green ring on the purple peg")
    np.testing.assert_allclose(driver.conditioning(state()), second)
    for s in signature:
        embedding = driver.conditioning(s)
    # A dropped ring and a placed one look alike from proprioception: the policy keeps its last subtask.
    assert driver.status == "acting" and embedding is not None
    np.testing.assert_allclose(driver.conditioning(state()), second)
    assert driver.metrics.completed == ["put the red ring on the yellow peg", "put the green ring on the purple peg"]
    assert driver.metrics.completed_ticks == [len(signature), 2 * len(signature) + 1]


def test_between_subtasks_the_hand_goes_back_to_where_it_started_first(encoder):
    driver = InstructionDriver(Router(encoder), encoder, SCENE)
    driver.start("put the red ring on the yellow peg and then put the green ring on the purple peg")
    first, second = encoder("put the red ring on the yellow peg"), encoder("put the green ring on the purple peg")
    np.testing.assert_allclose(driver.conditioning(state(z=0.3)), first)  # the ready pose: x 0.5, z 0.3
    signature = [state(0.08, 0.05, 0.7)] * 3 + [state(0.015, 0.05, 0.7)] * 4 + [state(0.08, 0.09, 0.7)]
    for s in signature:
        np.testing.assert_allclose(driver.conditioning(s), first)
    up = driver.conditioning(state(0.08, 0.13, 0.7))  # read done: straight up first, clear of what was placed
    assert isinstance(up, ScriptedStep) and up.action[2] == 1.0 and up.action[0] == 0.0 and up.action[4] == -1.0
    assert driver.conditioning(None) is None  # no proprioception: hold, do not steer blind
    across = driver.conditioning(state(0.08, 0.29, 0.7))  # high enough: over to the ready pose
    assert isinstance(across, ScriptedStep) and across.action[0] == -1.0
    np.testing.assert_allclose(driver.conditioning(state(0.08, 0.3, 0.505)), second)  # there: the next subtask
    assert driver.metrics.ready_returns == [2] and driver.metrics.ready_timeouts == 0


def test_fingers_shut_on_nothing_start_the_subtask_again_from_the_ready_pose(encoder):
    driver = InstructionDriver(Router(encoder), encoder, SCENE)
    driver.start("place the green ring onto the purple peg")
    ring = encoder("put the green ring on the purple peg")
    np.testing.assert_allclose(driver.conditioning(state(z=0.3)), ring)  # the ready pose: x 0.5, z 0.3
    # Shut on nothing one tick short of the limit, then open again: a policy that recovered by itself.
    reopened = [state(0.0, 0.05, 0.7)] * (driver.missed_grasp.ticks - 1) + [state(0.03, 0.05, 0.7)]
    assert all(np.array_equal(driver.conditioning(s), ring) for s in reopened)
    shut = [driver.conditioning(state(0.0, 0.05, 0.7)) for _ in range(driver.missed_grasp.ticks)]
    assert all(np.array_equal(c, ring) for c in shut[:-1])
    assert isinstance(shut[-1], ScriptedStep) and shut[-1].action[4] == -1.0  # fingers opened, then the move back
    np.testing.assert_allclose(driver.conditioning(state(0.08, 0.3, 0.505)), ring)  # there: the same subtask again
    assert driver.metrics.missed_grasp_retries == 1 and driver.metrics.ready_returns == [1]
    for _ in range(3):  # two retries a subtask at most: then the policy keeps its subtask
        for _ in range(driver.missed_grasp.ticks):
            last = driver.conditioning(state(0.0, 0.05, 0.7))
        driver.conditioning(state(0.08, 0.3, 0.505))
    assert driver.metrics.missed_grasp_retries == 2 and isinstance(last, np.ndarray)

    in_place = InstructionDriver(Router(encoder), encoder, SCENE, ready_between_subtasks=False)
    in_place.start("place the green ring onto the purple peg")
    assert all(isinstance(in_place.conditioning(state(0.0, 0.05, 0.5 + 0.01 * i)), np.ndarray) for i in range(100))
    assert in_place.metrics.missed_grasp_retries == 0


def test_a_move_to_the_ready_pose_that_cannot_get_there_gives_up(encoder):
    driver = InstructionDriver(Router(encoder), encoder, SCENE)
    driver.start("put the red ring on the yellow peg and then put the green ring on the purple peg")
    driver.conditioning(state(z=0.3))
    for s in [state(0.08, 0.05)] * 3 + [state(0.015, 0.05)] * 4 + [state(0.08, 0.09)] + [state(0.08, 0.13)]:
        driver.conditioning(s)
    stuck = [driver.conditioning(state(0.08, 0.13)) for _ in range(70)]  # the hand never moves
    assert all(isinstance(step, ScriptedStep) for step in stuck[:59])
    np.testing.assert_allclose(stuck[-1], encoder("put the green ring on the purple peg"))
    assert driver.metrics.ready_timeouts == 1


def test_a_stalled_subtask_is_escalated(encoder):
    driver = InstructionDriver(Router(encoder), encoder, SCENE, stall=StallMonitor(window_s=0.5, control_hz=20))
    driver.start("plug the cable into the socket")
    for _ in range(12):
        driver.conditioning(state())  # the hand never moves
    assert driver.metrics.reasons["stalled"] == 1
    assert driver.status == "acting"  # without a reasoner it retries its own plan


def test_reasoning_summary_prices_tokens_per_successful_episode():
    from robotstack.driver import DriverMetrics
    from robotstack.episodes import reasoning_summary

    drivers = [DriverMetrics(escalations=1, tokens_in=1000, tokens_out=200, ready_returns=[20, 31]),
               DriverMetrics(escalations=1, tokens_in=3000, tokens_out=600, ready_returns=[60], ready_timeouts=1,
                             missed_grasp_retries=1)]
    summary = reasoning_summary(drivers, successes=2, emulated_latency_ms=80, token_price=(0.5, 2.0))
    assert summary.cost_usd == pytest.approx((4000 * 0.5 + 800 * 2.0) / 1e6)
    assert summary.cost_per_success_usd == pytest.approx(summary.cost_usd / 2)
    assert summary.emulated_latency_ms == 80 and summary.escalation_rate == 1.0
    assert (summary.ready_returns, summary.ready_return_ticks_p50, summary.ready_timeouts) == (3, 31, 1)
    assert summary.missed_grasp_retries == 1
    assert reasoning_summary(drivers, successes=0, token_price=(0.5, 2.0)).cost_per_success_usd is None
    assert reasoning_summary(drivers, successes=2).cost_usd is None
