"""LeRobot v3.0 dataset writer and reader: round trip, conformance with LeRobot's own output, atomicity."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from robotstack.policies.dataset import DatasetReader, DatasetWriter
from robotstack.policies.dataset_commit import STAGING, DatasetBusyError

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "lerobot-v3-reference"
needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="shared/ fixtures not checked out")

FPS = 20
CAMERAS = {"front": (64, 64), "wrist": (48, 64)}
STATE_DIM, ACTION_DIM = 4, 3
TASKS = ["put the ring on the peg", "plug the cable"]


def image(camera: str, t: int) -> np.ndarray:
    """A smooth moving pattern: AV1 reproduces it closely, unlike noise."""
    h, w = CAMERAS[camera]
    y, x = np.mgrid[:h, :w]
    shift = 3 * t + (40 if camera == "wrist" else 0)
    return np.stack([(2 * x + shift) % 256, (3 * y) % 256, np.full_like(x, 10 * t % 256)], -1).astype(np.uint8)


def episode_arrays(episode: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(episode)
    return rng.normal(size=(n, STATE_DIM)).astype(np.float32), rng.normal(size=(n, ACTION_DIM)).astype(np.float32)


def writer(root: Path, **kwargs) -> DatasetWriter:
    return DatasetWriter(root, FPS, CAMERAS, STATE_DIM, ACTION_DIM, robot_type="arm", **kwargs)


def add_episode(w: DatasetWriter, episode: int, n: int, end: bool = True) -> None:
    states, actions = episode_arrays(episode, n)
    for t in range(n):
        w.add_frame({cam: image(cam, t) for cam in CAMERAS}, states[t], actions[t], TASKS[episode % 2])
    if end:
        w.end_episode(success=episode % 2 == 0, seed=100 + episode)


LENGTHS = [6, 7, 8]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ds") / "demo"
    with writer(root) as w:
        for e, n in enumerate(LENGTHS):
            add_episode(w, e, n)
    return root


def test_round_trip(written):
    r = DatasetReader(written)
    assert (r.num_episodes, r.num_frames, r.fps) == (3, sum(LENGTHS), FPS)
    assert r.tasks == TASKS and r.cameras == list(CAMERAS)
    for e, n in enumerate(LENGTHS):
        ep = r.episode(e)
        states, actions = episode_arrays(e, n)
        np.testing.assert_array_equal(ep.state, states)
        np.testing.assert_array_equal(ep.action, actions)
        np.testing.assert_allclose(ep.timestamps, np.arange(n) / FPS, atol=1e-6)
        assert ep.tasks == [TASKS[e % 2]] * n and (ep.success, ep.seed) == (e % 2 == 0, 100 + e)
        for cam, (h, w) in CAMERAS.items():
            assert ep.images[cam].shape == (n, h, w, 3) and ep.images[cam].dtype == np.uint8
            truth = np.stack([image(cam, t) for t in range(n)]).astype(int)
            assert np.abs(ep.images[cam].astype(int) - truth).mean() < 4  # lossy AV1, CRF 30

    frames = list(r.iter_frames())
    assert [f["index"] for f in frames] == list(range(sum(LENGTHS)))
    assert [f["episode_index"] for f in frames] == [e for e, n in enumerate(LENGTHS) for _ in range(n)]
    assert [f["frame_index"] for f in frames] == [t for n in LENGTHS for t in range(n)]
    assert {f["task"] for f in frames} == set(TASKS)


def test_stats_are_those_of_the_recorded_frames(written):
    stats = DatasetReader(written).stats
    states = np.concatenate([episode_arrays(e, n)[0] for e, n in enumerate(LENGTHS)])
    s = stats["observation.state"]
    np.testing.assert_allclose(s["min"], states.min(0))
    np.testing.assert_allclose(s["max"], states.max(0))
    np.testing.assert_allclose(s["mean"], states.mean(0), rtol=1e-6)
    np.testing.assert_allclose(s["std"], states.std(0), rtol=1e-5)
    assert s["count"].tolist() == [sum(LENGTHS)]
    assert np.all((s["min"] <= s["q01"]) & (s["q01"] <= s["q50"]) & (s["q50"] <= s["q99"]) & (s["q99"] <= s["max"]))

    frames = np.concatenate([[image("front", t) for t in range(n)] for n in LENGTHS]) / 255.0
    img = stats["observation.images.front"]
    assert img["mean"].shape == (3, 1, 1) and img["count"].tolist() == [sum(LENGTHS)]
    np.testing.assert_allclose(img["mean"].ravel(), frames.mean(axis=(0, 1, 2)))
    np.testing.assert_allclose(img["std"].ravel(), frames.std(axis=(0, 1, 2)))
    assert stats["episode_index"]["max"].tolist() == [2] and stats["index"]["max"].tolist() == [sum(LENGTHS) - 1]

    # Per-episode stats in meta/episodes are exact, quantiles included.
    episodes = pq.read_table(written / "meta/episodes/chunk-000/file-000.parquet")
    first = episode_arrays(0, LENGTHS[0])[1].astype(np.float64)
    np.testing.assert_allclose(episodes.column("stats/action/q90")[0].as_py(), np.quantile(first, 0.9, axis=0))


@needs_reference
def test_layout_info_and_schemas_match_lerobot_reference(written):
    """Same cameras, state and action names as the reference, other sizes: everything else must agree."""
    ours, ref = (json.loads((root / "meta/info.json").read_text()) for root in (written, REFERENCE))
    assert list(ours) == list(ref)
    for key in ("codebase_version", "robot_type", "chunks_size", "data_files_size_in_mb", "video_files_size_in_mb",
                "fps", "data_path", "video_path"):
        assert ours[key] == ref[key], key
    assert ours["splits"] == {"train": "0:3"} and ours["total_tasks"] == 2
    assert list(ours["features"]) == list(ref["features"])
    for key, ft in ref["features"].items():
        assert list(ours["features"][key]) == list(ft) and ours["features"][key]["dtype"] == ft["dtype"], key
        if ft["dtype"] == "video":
            h, w = CAMERAS[key.removeprefix("observation.images.")]
            assert ours["features"][key] == {**ft, "shape": [h, w, 3],
                                             "info": {**ft["info"], "video.height": h, "video.width": w}}
        elif key not in ("observation.state", "action"):
            assert ours["features"][key] == ft, key

    ours_stats, ref_stats = (json.loads((root / "meta/stats.json").read_text()) for root in (written, REFERENCE))
    assert {key: list(ft) for key, ft in ours_stats.items()} == {key: list(ft) for key, ft in ref_stats.items()}

    for rel in ("data/chunk-000/file-000.parquet", "meta/episodes/chunk-000/file-000.parquet",
                "meta/tasks.parquet"):
        ref_schema, our_schema = pq.read_schema(REFERENCE / rel), pq.read_schema(written / rel)
        assert [n for n in our_schema.names if n not in ("success", "seed")] == ref_schema.names, rel
        for name in ref_schema.names:
            ref_type, our_type = ref_schema.field(name).type, our_schema.field(name).type
            if name in ("observation.state", "action"):  # fixed-size lists of other lengths
                ref_type, our_type = ref_type.value_type, our_type.value_type
            assert our_type == ref_type, (rel, name)
        assert set(our_schema.metadata or {}) == set(ref_schema.metadata or {}), rel
    assert pq.read_metadata(written / "data/chunk-000/file-000.parquet").num_row_groups == len(LENGTHS)


@needs_reference
def test_reads_the_lerobot_reference_fixture():
    r = DatasetReader(REFERENCE)
    assert (r.num_episodes, r.num_frames, r.fps, r.cameras) == (2, 20, 20, ["front", "wrist"])
    assert r.tasks == ["put the red ring on the blue peg", "plug the cable into the socket"]
    ep = r.episode(1)
    assert ep.images["front"].shape == (10, 96, 96, 3) and ep.state.shape == (10, 8) and ep.action.shape == (10, 5)
    assert ep.tasks == ["plug the cable into the socket"] * 10 and ep.success is None and ep.seed is None
    data = pq.read_table(REFERENCE / "data/chunk-000/file-000.parquet")
    np.testing.assert_array_equal(ep.state, np.array(data.column("observation.state").to_pylist()[10:],
                                                     dtype=np.float32))
    assert [f["index"] for f in r.iter_frames()] == list(range(20))
    assert r.stats["observation.images.front"]["mean"].shape == (3, 1, 1)


@pytest.mark.parametrize("interrupt", [RuntimeError, KeyboardInterrupt])
def test_exception_mid_episode_keeps_exactly_the_finished_episodes(tmp_path, interrupt):
    with pytest.raises(interrupt):
        with writer(tmp_path) as w:
            add_episode(w, 0, 5)
            add_episode(w, 1, 6)
            add_episode(w, 2, 4, end=False)
            raise interrupt("operator stopped collection")
    r = DatasetReader(tmp_path)
    assert (r.num_episodes, r.num_frames) == (2, 11)
    assert [len(r.episode(i)) for i in range(2)] == [5, 6]
    assert not (tmp_path / STAGING).exists()


_CHILD = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from test_dataset import add_episode, writer
    mode = sys.argv[2]
    w = writer(__import__("pathlib").Path(sys.argv[1]))
    add_episode(w, 0, 5)
    add_episode(w, 1, 6)
    add_episode(w, 2, 4, end=False)
    if mode == "mid_episode":
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace, calls = os.replace, []
    def dying_replace(src, dst):  # the process dies at this rename of the publish
        if len(calls) == int(mode):
            os._exit(9)
        calls.append(dst)
        real_replace(src, dst)
    os.replace = dying_replace
    w.end_episode(success=True)
""")


@pytest.mark.parametrize("mode, survivors", [
    ("mid_episode", 2),  # killed while recording episode 2
    ("0", 2),  # killed before the journal of episode 2 landed: as if it never ended
    ("3", 3),  # killed after the journal and two of the renames: the next open finishes the publish
])
def test_killed_process_leaves_a_valid_dataset(tmp_path, mode, survivors):
    script = _CHILD.format(tests=str(Path(__file__).parent))
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path), mode], capture_output=True, timeout=60)
    assert proc.returncode == (-9 if mode == "mid_episode" else 9), proc.stderr.decode()
    r = DatasetReader(tmp_path)
    assert r.num_episodes == survivors and r.num_frames == [5, 11, 15][survivors - 1]
    for i in range(survivors):
        ep = r.episode(i)
        assert len(ep.images["front"]) == len(ep) == [5, 6, 4][i]
    with writer(tmp_path) as w:  # collection resumes where it stopped; the dead writer's leftovers are dropped
        add_episode(w, 3, 3)
    assert DatasetReader(tmp_path).num_episodes == survivors + 1
    assert not (tmp_path / STAGING).exists()


def test_reopening_appends_episodes(tmp_path):
    with writer(tmp_path) as w:
        add_episode(w, 0, 5)
        add_episode(w, 1, 6)
    with writer(tmp_path) as w:
        assert (w.num_episodes, w.num_frames) == (2, 11)
        add_episode(w, 2, 4)
    r = DatasetReader(tmp_path)
    assert (r.num_episodes, r.num_frames, r.tasks) == (3, 15, TASKS)
    assert [f["index"] for f in r.iter_frames()] == list(range(15))
    np.testing.assert_array_equal(r.episode(2).state, episode_arrays(2, 4)[0])
    assert r.stats["action"]["count"].tolist() == [15]
    rows = pq.read_table(tmp_path / "meta/episodes/chunk-000/file-000.parquet").to_pylist()
    key = "videos/observation.images.front"
    assert rows[2][f"{key}/file_index"] == 0 and rows[2][f"{key}/from_timestamp"] == rows[1][f"{key}/to_timestamp"]

    with pytest.raises(ValueError, match="observation.state"):
        DatasetWriter(tmp_path, FPS, CAMERAS, STATE_DIM + 1, ACTION_DIM, robot_type="arm")
    with pytest.raises(ValueError, match="fps"):
        DatasetWriter(tmp_path, 30, CAMERAS, STATE_DIM, ACTION_DIM)


def test_files_rotate_into_new_files_and_chunks(tmp_path):
    with writer(tmp_path, chunks_size=2, data_files_size_in_mb=0, video_files_size_in_mb=0) as w:
        for e in range(3):
            add_episode(w, e, 3)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "data").rglob("*.parquet")) == [
        "data/chunk-000/file-000.parquet", "data/chunk-000/file-001.parquet", "data/chunk-001/file-000.parquet"]
    assert (tmp_path / "videos/observation.images.wrist/chunk-001/file-000.mp4").exists()
    r = DatasetReader(tmp_path)
    assert [len(r.episode(i)) for i in range(3)] == [3, 3, 3]
    np.testing.assert_array_equal(r.episode(2).action, episode_arrays(2, 3)[1])


def test_a_second_writer_is_refused(tmp_path):
    with writer(tmp_path):
        with pytest.raises(DatasetBusyError):
            writer(tmp_path)


GOOD = {"images": {cam: image(cam, 0) for cam in CAMERAS}, "state": np.zeros(STATE_DIM),
        "action": np.zeros(ACTION_DIM), "task": "plug the cable"}


@pytest.mark.parametrize("change, message", [
    ({"images": {**GOOD["images"], "front": np.zeros((64, 64, 3), np.float32)}},
     r"observation.images.front: expected a uint8 RGB array of shape \(64, 64, 3\), got float32"),
    ({"images": {**GOOD["images"], "wrist": np.zeros((64, 64, 3), np.uint8)}},
     r"observation.images.wrist: expected a uint8 RGB array of shape \(48, 64, 3\), got uint8 \(64, 64, 3\)"),
    ({"images": {"front": GOOD["images"]["front"]}}, r"images: expected one image per camera \['front', 'wrist'\]"),
    ({"state": np.zeros(STATE_DIM + 1)}, r"observation.state: expected shape \(4,\), got shape \(5,\)"),
    ({"action": np.array([0.0, np.nan, 0.0])}, r"action: only finite values are accepted, got NaN or inf at .*\[1\]"),
    ({"task": ""}, "task: expected a non-empty string"),
])
def test_bad_frames_are_refused_and_the_episode_goes_on(tmp_path, change, message):
    with writer(tmp_path) as w:
        w.add_frame(**GOOD)
        with pytest.raises(ValueError, match=message):
            w.add_frame(**{**GOOD, **change})
        w.add_frame(**GOOD)
        w.end_episode(success=False)
    assert DatasetReader(tmp_path).num_frames == 2
