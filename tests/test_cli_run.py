"""`robotstack run|eval|profile` end to end through the command line, with the shipped student."""

import json
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
                                 "--inject", "drop=0.05,nan=0.05"])
    assert result.exit_code == 0, result.output
    run_dir = _run_dir(tmp_path, "run-")
    metrics = json.loads((run_dir / "metrics.json").read_text())
    assert metrics["run"]["profile"] == "jetson-orin-nano-super" and metrics["success"][0]["episodes"] == 1
    assert metrics["faults"].get("injected_drop", 0) == metrics["faults"].get("dropped_frame", 0)
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
                         (["run", "--profile", "toaster"], "toaster"), (["run", "--mode", "batch"], "sync, async"),
                         (["run", "--camera", "front"], "NAME=")):
        result = runner.invoke(app, [*args, "--out", str(tmp_path)])
        assert result.exit_code != 0 and needle in result.output, (args, result.output)


def test_profile_command_answers_per_board(tmp_path):
    result = runner.invoke(app, ["profile", "--policy", "student-int8", "--runs", "20", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for board in ("jetson-orin-nano-super", "snapdragon-x-elite", "host"):
        assert board in result.output
    metrics = json.loads((_run_dir(tmp_path, "profile-") / "metrics.json").read_text())
    assert {r["kind"] for r in metrics["projections"]} == {"projected", "measured"}
