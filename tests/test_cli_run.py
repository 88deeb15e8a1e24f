"""`robotstack run|eval|profile` end to end through the command line, with the shipped student."""

import json
import os
from pathlib import Path

import cv2
import numpy as np
from typer.testing import CliRunner

from robotstack.cli import app

runner = CliRunner(env={"COLUMNS": "200"})


def _run_dir(out: Path, prefix: str) -> Path:
    (run_dir,) = [p for p in out.iterdir() if p.name.startswith(prefix)]
    assert {"metrics.json", "trace.json", "report.html"} <= {p.name for p in run_dir.iterdir()}
    return run_dir


def test_run_in_simulation_writes_a_run_directory(tmp_path):
    result = runner.invoke(app, ["run", "--episodes", "1", "--out", str(tmp_path), "--video",
                                 "--inject", "drop=0.05,nan=0.05,unplug=0.05,bad_state=0.05"])
    assert result.exit_code == 0, result.output
    run_dir = _run_dir(tmp_path, "run-")
    metrics = json.loads((run_dir / "metrics.json").read_text())
    assert metrics["run"]["profile"] == "jetson-orin-nano-super" and metrics["success"][0]["episodes"] == 1
    (episode,) = metrics["episodes"]  # each episode's seed, instruction and outcome, to find and replay a failure
    assert episode["seed"] == 1_000_000 and episode["success"] == (metrics["success"][0]["successes"] == 1)
    assert "ring" in episode["instruction"] and episode["ticks"] > 0
    # The profile asks for nice -10: taken where the process may, otherwise reported and the run goes on.
    assert metrics["run"]["loop_nice"] == -10 or "CAP_SYS_NICE" in result.output
    assert metrics["run"]["loop_nice"] == os.getpriority(os.PRIO_PROCESS, 0)
    faults = metrics["faults"]
    assert faults.get("injected_drop", 0) == faults.get("dropped_frame", 0)
    assert faults.get("injected_unplug", 0) == faults.get("camera_error:OSError", 0) > 0
    assert faults.get("injected_bad_state", 0) == faults.get("invalid_state", 0) > 0
    assert {row["profile"] for row in metrics["projections"]} >= {"jetson-orin-nano-super", "qcs6490", "host"}
    assert (run_dir / "video.mp4").stat().st_size > 0
    trace = json.loads((run_dir / "trace.json").read_text())
    assert any(e.get("name") == "infer" and e["ph"] == "X" for e in trace["traceEvents"])


def test_run_against_video_files_on_the_wall_clock(tmp_path):
    cams = []
    for name in ("front", "wrist"):
        writer = cv2.VideoWriter(str(tmp_path / f"{name}.avi"), cv2.VideoWriter_fourcc(*"MJPG"), 20, (64, 64))
        for i in range(20):
            writer.write(np.full((64, 64, 3), 5 * i, np.uint8))
        writer.release()
        cams += ["--camera", f"{name}={tmp_path / f'{name}.avi'}"]
    result = runner.invoke(app, ["run", *cams, "--ticks", "10", "--out", str(tmp_path / "runs")])
    assert result.exit_code == 0, result.output
    assert "10 actions recorded" in result.output.replace("\n", " ")
    _run_dir(tmp_path / "runs", "run-")


def test_bad_options_fail_with_what_is_accepted(tmp_path):
    for args, needle in ((["run", "--task", "juggle"], "known tasks"), (["run", "--policy", "nope"], "shipped"),
                         (["run", "--profile", "toaster"], "toaster"), (["run", "--mode", "batch"], "sync, ensemble, async"),
                         (["run", "--camera", "front"], "NAME=")):
        result = runner.invoke(app, [*args, "--out", str(tmp_path)])
        assert result.exit_code != 0 and needle in result.output, (args, result.output)
    # A file that is not a policy, and a seed below the seeds episodes can have: a usage error, not a traceback.
    garbage = tmp_path / "not-a-policy.onnx"
    garbage.write_bytes(b"garbage")
    for args, needle in ((["run", "--policy", str(garbage)], "could not load"),
                         (["eval", "--policy", str(garbage), "--episodes", "1"], "could not load"),
                         (["profile", "--policy", str(garbage)], "could not load"),
                         (["eval", "--seed", "-1"], "greater than or equal to 0")):
        result = runner.invoke(app, [*args, "--out", str(tmp_path)])
        assert result.exit_code == 2 and needle in result.output, (args, result.output)


def test_profile_command_answers_per_board(tmp_path):
    result = runner.invoke(app, ["profile", "--policy", "student-int8", "--runs", "20", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for board in ("jetson-orin-nano-super", "snapdragon-x-elite", "host"):
        assert board in result.output
    metrics = json.loads((_run_dir(tmp_path, "profile-") / "metrics.json").read_text())
    assert {r["kind"] for r in metrics["projections"]} == {"projected", "measured"}


def test_run_escalates_to_a_reasoner_with_emulated_latency_and_reports_cost(tmp_path):
    from test_reasoning import cli_service, free_endpoint, wait_ready

    endpoint = free_endpoint()
    service = cli_service(endpoint)
    try:
        wait_ready(endpoint)
        # Seed 1000001's instruction has two steps: the router escalates it to the service.
        result = runner.invoke(app, ["run", "--task", "language", "--episodes", "1", "--seed", "1000001",
                                     "--reasoner", endpoint, "--reasoner-latency-ms", "150",
                                     "--token-price", "0.15,0.60", "--out", str(tmp_path)])
    finally:
        service.terminate()
        service.wait(10)
    assert result.exit_code == 0, result.output
    reasoning = json.loads((_run_dir(tmp_path, "run-") / "metrics.json").read_text())["reasoning"]
    assert reasoning["escalations"] >= 1 and reasoning["replies"].get("ok", 0) >= 1, reasoning
    assert reasoning["emulated_latency_ms"] == 150 and reasoning["tier2_latency_p50_ms"] >= 150
    # The rules backend spends no tokens: a price gives a cost of exactly zero.
    assert reasoning["token_price_usd_per_million"] == [0.15, 0.6] and reasoning["cost_usd"] == 0
    assert "escalations to tier 2" in result.output


def test_token_price_must_be_two_non_negative_numbers(tmp_path):
    for price in ("1", "a,b", "-1,2"):
        result = runner.invoke(app, ["run", "--token-price", price, "--out", str(tmp_path)])
        assert result.exit_code != 0 and "PROMPT,COMPLETION" in result.output, (price, result.output)


def test_instruction_steps_select_one_or_two_step_language_instructions(tmp_path):
    result = runner.invoke(app, ["eval", "--task", "language", "--instruction-steps", "2", "--episodes", "1",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert " then " in result.output.replace(",", " ")  # each episode's instruction is printed
    _run_dir(tmp_path, "eval-")
    refused = runner.invoke(app, ["eval", "--task", "ring", "--instruction-steps", "1", "--out", str(tmp_path)])
    assert refused.exit_code != 0 and "LanguageTabletop-v0 only" in refused.output


def test_between_subtasks_the_hand_goes_to_the_ready_pose_unless_told_not_to(tmp_path):
    moves, looks, regrasps = {}, {}, {}
    for flags in (("--ready-pose",), ("--no-ready-pose", "--no-placement-check", "--no-regrasp-corners")):
        result = runner.invoke(app, ["eval", "--task", "language", "--instruction-steps", "2", "--episodes", "2",
                                     *flags, "--out", str(tmp_path / flags[0])])
        assert result.exit_code == 0, result.output
        run_dir = _run_dir(tmp_path / flags[0], "eval-")
        reasoning = json.loads((run_dir / "metrics.json").read_text())["reasoning"]
        moves[flags[0]], looks[flags[0]] = reasoning["ready_returns"], reasoning["placement_retries"]
        regrasps[flags[0]] = reasoning["corner_regrasps"]
        report = (run_dir / "report.html").read_text()
        assert "moves to the ready pose" in report and "subtasks started again after a missed grasp" in report
        assert "rings started again, not seen on their peg" in report
        assert "plugs grasped again, held across their corners" in report
    assert moves["--ready-pose"] >= 1 and moves["--no-ready-pose"] == 0
    assert looks["--no-ready-pose"] == 0  # --no-placement-check: a ring read done is done
    assert regrasps["--no-ready-pose"] == 0  # --no-regrasp-corners


def test_a_language_skill_selects_its_instructions_and_the_table_splits_by_skill(tmp_path):
    result = runner.invoke(app, ["eval", "--task", "language", "--skill", "plug_cable", "--episodes", "1",
                                 "--out", str(tmp_path / "plugs")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    metrics = json.loads((_run_dir(tmp_path / "plugs", "eval-") / "metrics.json").read_text())
    assert all("plug" in e["instruction"] or "socket" in e["instruction"] for e in metrics["episodes"])
    assert "  plug_cable " not in result.output  # one kind of instruction: no split
    mixed = runner.invoke(app, ["eval", "--task", "language", "--instruction-steps", "2", "--episodes", "3",
                                "--out", str(tmp_path / "mixed")], env={"COLUMNS": "200"})
    assert mixed.exit_code == 0, mixed.output
    assert any(line.lstrip("│ ").startswith(("place_ring then", "plug_cable then")) for line in mixed.output.splitlines())
    for args, says in ((["--task", "ring", "--skill", "plug_cable"], "LanguageTabletop-v0 only"),
                       (["--task", "language", "--skill", "juggle"], "accepted: place_ring, plug_cable"),
                       (["--task", "language", "--skill", "plug_cable", "--instruction-steps", "2"], "one-step")):
        refused = runner.invoke(app, ["eval", *args, "--out", str(tmp_path)], env={"COLUMNS": "200"})
        assert refused.exit_code != 0 and says in refused.output, refused.output


def test_a_file_whose_members_take_turns_is_run_outside_ensemble_mode_with_a_warning(tmp_path):
    from onnx_policies import constant_policy
    from robotstack.policies.ensemble import turns_policies

    members = [constant_policy(tmp_path / f"m{i}.onnx", [0.0, 0.0, 0.1 * i, 0.0, -1.0], image_size=96) for i in (1, 2)]
    turns = turns_policies(members, tmp_path / "turns.onnx")
    for mode, warned in (("sync", True), ("ensemble", False)):
        result = runner.invoke(app, ["eval", "--policy", str(turns), "--mode", mode, "--episodes", "1",
                                     "--out", str(tmp_path / mode)])
        assert result.exit_code == 0, result.output
        assert ("only ensemble mode averages them" in result.output) == warned, result.output
