"""`robotstack sim list|demo` through the real command line."""

import json

import av
from typer.testing import CliRunner

from robotstack.cli import app

runner = CliRunner(env={"COLUMNS": "200"})


def test_sim_list_shows_every_task():
    result = runner.invoke(app, ["sim", "list"])
    assert result.exit_code == 0, result.output
    for name in ("RingPlacement-v0", "CablePlugging-v0", "LanguageTabletop-v0"):
        assert name in result.output


def test_sim_demo_writes_video_and_summary(tmp_path):
    video, summary = tmp_path / "demo.mp4", tmp_path / "summary.json"
    result = runner.invoke(app, ["sim", "demo", "--task", "ring", "--episodes", "1", "--seed", "3",
                                 "--image-size", "48", "--video", str(video), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    assert "1/1 successful" in result.output
    data = json.loads(summary.read_text())
    assert data["successes"] == 1 and data["episodes"][0]["seed"] == 3
    with av.open(str(video)) as container:
        frames = [f for f in container.decode(video=0)]
    assert len(frames) == data["episodes"][0]["steps"]
    assert (frames[0].width, frames[0].height) == (96, 48)


def test_sim_demo_rejects_unknown_task():
    result = runner.invoke(app, ["sim", "demo", "--task", "juggling"])
    assert result.exit_code != 0
    assert "known tasks" in result.output


def test_collect_writes_a_lerobot_dataset_and_appends(tmp_path):
    from robotstack.policies.dataset import DatasetReader

    out = tmp_path / "ring"
    for seed in (10, 11):
        result = runner.invoke(app, ["collect", "--task", "ring", "--episodes", "1", "--seed", str(seed),
                                     "--noise", "0", "--image-size", "32", "--out", str(out)])
        assert result.exit_code == 0, result.output
    reader = DatasetReader(out)
    assert reader.num_episodes == 2
    episode = reader.episode(1)
    assert episode.seed == 11 and episode.success
    assert episode.images["wrist"].shape[1:] == (32, 32, 3)
    assert episode.tasks[0].startswith("put the ")
