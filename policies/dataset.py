"""Record and read demonstrations as LeRobot datasets (format v3.0), so LeRobot and this project share data.

Layout (as LeRobot 0.4.4 writes it; see ``dataset_format``)::

    meta/info.json  meta/stats.json  meta/tasks.parquet  meta/episodes/chunk-000/file-000.parquet
    data/chunk-000/file-000.parquet  videos/observation.images.<camera>/chunk-000/file-000.mp4

Camera streams are AV1 (SVT-AV1) yuv420p mp4, LeRobot's default (see ``dataset_video``). Episodes
share files until a file reaches LeRobot's size limit. Each finished episode is published all at once
(``dataset_commit``), so an exception, Ctrl-C or a killed process leaves a valid dataset holding exactly
the episodes whose ``end_episode()`` returned. Opening an existing dataset appends to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from robotstack.policies import dataset_stats
from robotstack.policies.dataset_commit import RootLock, Staging, has_pending_publish, recover
from robotstack.policies.dataset_format import (
    ACTION, CHUNKS_SIZE, DATA_FILES_SIZE_IN_MB, DATA_PATH, EPISODES_PATH, IMAGE_PREFIX, INFO_PATH, STATE,
    STATS_PATH, TASKS_PATH, VIDEO_FILES_SIZE_IN_MB, VIDEO_PATH, data_schema, episode_files, episodes_schema,
    make_features, new_info, next_file, read_tasks, tasks_table, video_key, video_keys,
)
from robotstack.policies.dataset_stats import ImageStats, Stats
from robotstack.policies.dataset_video import CODEC, PIX_FMT, EpisodeEncoder, concatenate, decode, duration_s

_MB = 1024 * 1024


@dataclass
class _EpisodeBuffer:
    """The unfinished episode: videos being encoded in the staging folder, everything else in memory."""

    encoders: dict[str, EpisodeEncoder]
    image_stats: dict[str, ImageStats]
    states: list[np.ndarray] = field(default_factory=list)
    actions: list[np.ndarray] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)

    def abort(self) -> None:
        for encoder in self.encoders.values():
            encoder.abort()


class DatasetWriter:
    """Writes episodes of camera frames, state, action and task text into a LeRobot v3.0 dataset at ``root``.

    Use as a context manager; ``add_frame()`` per control step, ``end_episode()`` to publish the episode.
    Frames added after the last ``end_episode()`` are discarded by ``close()`` or by an exception.
    An existing dataset at ``root`` is appended to if its features and fps are the ones given here; it
    keeps its own robot type and chunk/file-size settings. File sizes: a file takes episodes until it
    reaches ``*_files_size_in_mb`` (LeRobot's rule), then the next file starts.
    """

    def __init__(self, root: str | Path, fps: int, cameras: Mapping[str, tuple[int, int]], state_dim: int,
                 action_dim: int, *, state_names: Sequence[str] | None = None,
                 action_names: Sequence[str] | None = None, robot_type: str | None = None,
                 chunks_size: int = CHUNKS_SIZE, data_files_size_in_mb: int = DATA_FILES_SIZE_IN_MB,
                 video_files_size_in_mb: int = VIDEO_FILES_SIZE_IN_MB) -> None:
        _check_layout_args(fps, cameras, state_dim, action_dim)
        state_names = _names("state_names", state_names, state_dim, "state")
        action_names = _names("action_names", action_names, action_dim, "action")
        self.root = Path(root)
        self.fps = fps
        self.cameras = {name: (int(h), int(w)) for name, (h, w) in cameras.items()}
        features = make_features(self.cameras, fps, CODEC, PIX_FMT, state_names, action_names)
        self._data_schema = data_schema(features)
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock: RootLock | None = RootLock(self.root)
        self._staging = Staging(self.root)
        self._episode: _EpisodeBuffer | None = None
        try:
            recover(self.root)
            if (self.root / INFO_PATH).exists():
                self._resume(features)
            else:
                self._info = new_info(features, fps, robot_type, chunks_size, data_files_size_in_mb,
                                      video_files_size_in_mb)
                self._tasks: list[str] = []
                self._stats: dict[str, Stats] | None = None
                self._last: dict[str, Any] | None = None
                self._episodes_schema = episodes_schema(features)
                self._staging.publish({self._json(self._info): self.root / INFO_PATH})
        except BaseException:
            self.close()
            raise

    def _resume(self, features: dict[str, dict[str, Any]]) -> None:
        self._info = json.loads((self.root / INFO_PATH).read_text())
        if self._info.get("codebase_version") != "v3.0":
            raise ValueError(f"{self.root}: dataset format {self._info.get('codebase_version')!r}; only v3.0 "
                             "can be appended to")
        if self._info["fps"] != self.fps:
            raise ValueError(f"fps: the dataset at {self.root} has fps {self._info['fps']}, not {self.fps}")
        existing = self._info["features"]
        for key in sorted(set(existing) | set(features)):
            if existing.get(key) != features.get(key):
                raise ValueError(f"{key}: the dataset at {self.root} has {existing.get(key)}; this writer "
                                 f"would write {features.get(key)}")
        self._tasks = read_tasks(self.root) if (self.root / TASKS_PATH).exists() else []
        stats_path = self.root / STATS_PATH
        self._stats = dataset_stats.from_json(json.loads(stats_path.read_text())) if stats_path.exists() else None
        files = episode_files(self.root)
        # Keep the existing files' columns (a LeRobot-written dataset has no success/seed), so all files agree.
        self._episodes_schema = pq.read_schema(files[-1]) if files else episodes_schema(features)
        self._last = _episode_rows(files[-1:])[-1] if files else None

    @property
    def num_episodes(self) -> int:
        return self._info["total_episodes"]

    @property
    def num_frames(self) -> int:
        return self._info["total_frames"]

    def add_frame(self, images: Mapping[str, np.ndarray], state: Any, action: Any, task: str) -> None:
        """Append one control step to the current episode (started by the first frame after an episode)."""
        if self._lock is None:
            raise RuntimeError(f"{self.root}: the writer is closed")
        self._check_images(images)
        state_row = _finite_vector(STATE, state, len(self._info["features"][STATE]["names"]))
        action_row = _finite_vector(ACTION, action, len(self._info["features"][ACTION]["names"]))
        if not isinstance(task, str) or not task:
            raise ValueError(f"task: expected a non-empty string, got {task!r}")
        if self._episode is None:
            self._episode = _EpisodeBuffer(
                {cam: EpisodeEncoder(self._staging.path(".mp4"), self.fps, h, w)
                 for cam, (h, w) in self.cameras.items()},
                {cam: ImageStats() for cam in self.cameras})
        for cam, image in images.items():
            self._episode.encoders[cam].add(image)
            self._episode.image_stats[cam].add(image)
        self._episode.states.append(state_row)
        self._episode.actions.append(action_row)
        self._episode.tasks.append(task)

    def end_episode(self, success: bool, seed: int | None = None) -> int:
        """Publish the current episode (with its outcome and, optionally, the env seed); returns its index."""
        if self._episode is None:
            raise ValueError("end_episode(): no frame was added since the last episode")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
            raise ValueError(f"seed: expected an integer or None, got {seed!r}")
        episode, self._episode = self._episode, None
        try:
            moves, row, info, tasks, stats = self._stage(episode, bool(success), None if seed is None else int(seed))
        except BaseException:
            episode.abort()
            recover(self.root)
            raise
        try:
            self._staging.publish(moves)
        except BaseException:
            self.close()  # recover() in close() completes the publish if its journal was written
            raise
        self._info, self._tasks, self._stats, self._last = info, tasks, stats, row
        return row["episode_index"]

    def close(self) -> None:
        """Discard an unfinished episode and release the dataset. Safe to call twice."""
        if self._episode is not None:
            self._episode.abort()
            self._episode = None
        if self._lock is not None:
            recover(self.root)
            self._lock.release()
            self._lock = None

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- staging one episode ------------------------------------------------------------------------

    def _stage(self, ep: _EpisodeBuffer, success: bool, seed: int | None):
        """Write every file the episode changes into the staging folder; return where each one goes."""
        n, start, index = len(ep.states), self._info["total_frames"], self._info["total_episodes"]
        ep_tasks = list(dict.fromkeys(ep.tasks))
        tasks = self._tasks + [t for t in ep_tasks if t not in self._tasks]
        task_ids = {t: i for i, t in enumerate(tasks)}
        frame_index = np.arange(n, dtype=np.int64)
        columns = {
            STATE: np.stack(ep.states), ACTION: np.stack(ep.actions),
            "timestamp": (frame_index / self.fps).astype(np.float32), "frame_index": frame_index,
            "episode_index": np.full(n, index, dtype=np.int64), "index": start + frame_index,
            "task_index": np.array([task_ids[t] for t in ep.tasks], dtype=np.int64),
        }
        ep_stats = {video_key(cam): s.stats() for cam, s in ep.image_stats.items()}
        ep_stats |= {key: dataset_stats.vector_stats(values) for key, values in columns.items()}
        ep_stats = {key: ep_stats[key] for key in self._info["features"]}

        moves: dict[Path, Path] = {}
        row: dict[str, Any] = {"episode_index": index, "tasks": ep_tasks, "length": n}
        row |= self._stage_data(columns, moves)
        for cam, encoder in ep.encoders.items():
            row |= self._stage_video(video_key(cam), encoder.finish(), moves)
        row |= {f"stats/{key}/{stat}": value.tolist() for key, ft in ep_stats.items() for stat, value in ft.items()}
        row |= {"success": success, "seed": seed}
        self._stage_episode_row(row, moves)
        if len(tasks) > len(self._tasks):
            moves[self._parquet(tasks_table(tasks))] = self.root / TASKS_PATH
        stats = dataset_stats.aggregate([self._stats, ep_stats]) if self._stats is not None else ep_stats
        moves[self._json(dataset_stats.to_json(stats))] = self.root / STATS_PATH
        info = {**self._info, "total_episodes": index + 1, "total_frames": start + n, "total_tasks": len(tasks),
                "splits": {"train": f"0:{index + 1}"}}
        moves[self._json(info)] = self.root / INFO_PATH  # last: info.json is renamed after everything it counts
        return moves, row, info, tasks, stats

    def _current(self, kind: str) -> tuple[int, int] | None:
        """(chunk, file) the last episode used for ``kind`` ("data", "meta/episodes", "videos/<key>")."""
        if self._last is None or f"{kind}/chunk_index" not in self._last:
            return None
        return self._last[f"{kind}/chunk_index"], self._last[f"{kind}/file_index"]

    def _stage_data(self, columns: dict[str, np.ndarray], moves: dict[Path, Path]) -> dict[str, int]:
        n = len(columns["index"])
        arrays = [pa.FixedSizeListArray.from_arrays(columns[f.name].ravel(), type=f.type)
                  if pa.types.is_fixed_size_list(f.type) else pa.array(columns[f.name], f.type)
                  for f in self._data_schema]
        table = pa.Table.from_arrays(arrays, schema=self._data_schema)
        current, old = self._current("data"), None
        if current is not None:
            path = self.root / DATA_PATH.format(chunk_index=current[0], file_index=current[1])
            old = pq.ParquetFile(path)
            per_frame = path.stat().st_size / max(old.metadata.num_rows, 1)
            limit = self._info["data_files_size_in_mb"] * _MB
            if path.stat().st_size + per_frame * n >= limit or not old.schema_arrow.equals(self._data_schema):
                current, old = next_file(*current, self._info["chunks_size"]), None
        chunk, file = current or (0, 0)
        staged = self._staging.path(".parquet")
        with pq.ParquetWriter(staged, self._data_schema, compression="snappy") as writer:
            for i in range(old.num_row_groups if old else 0):  # one row group per episode, as LeRobot
                writer.write_table(old.read_row_group(i))
            writer.write_table(table)
        moves[staged] = self.root / DATA_PATH.format(chunk_index=chunk, file_index=file)
        start = self._info["total_frames"]
        return {"data/chunk_index": chunk, "data/file_index": file, "dataset_from_index": start,
                "dataset_to_index": start + n}

    def _stage_video(self, key: str, episode_file: Path, moves: dict[Path, Path]) -> dict[str, Any]:
        current = self._current(f"videos/{key}")
        if current is None:
            current, offset = (0, 0), 0.0
        else:
            path = self.root / VIDEO_PATH.format(video_key=key, chunk_index=current[0], file_index=current[1])
            if path.stat().st_size + episode_file.stat().st_size >= self._info["video_files_size_in_mb"] * _MB:
                current, offset = next_file(*current, self._info["chunks_size"]), 0.0
            else:
                offset = self._last[f"videos/{key}/to_timestamp"]
        chunk, file = current
        dest = self.root / VIDEO_PATH.format(video_key=key, chunk_index=chunk, file_index=file)
        if offset:  # append to the file the previous episode ended in
            joined = self._staging.path(".mp4")
            concatenate([dest, episode_file], joined)
            moves[joined] = dest
        else:
            moves[episode_file] = dest
        return {f"videos/{key}/chunk_index": chunk, f"videos/{key}/file_index": file,
                f"videos/{key}/from_timestamp": offset,
                f"videos/{key}/to_timestamp": offset + duration_s(episode_file)}

    def _stage_episode_row(self, row: dict[str, Any], moves: dict[Path, Path]) -> None:
        current, old = self._current("meta/episodes"), None
        if current is not None:
            path = self.root / EPISODES_PATH.format(chunk_index=current[0], file_index=current[1])
            if path.stat().st_size >= self._info["data_files_size_in_mb"] * _MB:
                current = next_file(*current, self._info["chunks_size"])
            else:
                old = pq.read_table(path)
        chunk, file = current or (0, 0)
        row |= {"meta/episodes/chunk_index": chunk, "meta/episodes/file_index": file}
        table = pa.Table.from_pylist([row], schema=self._episodes_schema)
        moves[self._parquet(pa.concat_tables([old, table]) if old else table)] = \
            self.root / EPISODES_PATH.format(chunk_index=chunk, file_index=file)

    def _parquet(self, table: pa.Table) -> Path:
        staged = self._staging.path(".parquet")
        pq.write_table(table, staged, compression="snappy")
        return staged

    def _json(self, obj: Any) -> Path:
        staged = self._staging.path(".json")
        staged.write_text(json.dumps(obj, indent=4, ensure_ascii=False))
        return staged

    def _check_images(self, images: Mapping[str, np.ndarray]) -> None:
        if not isinstance(images, Mapping) or set(images) != set(self.cameras):
            got = sorted(images) if isinstance(images, Mapping) else type(images).__name__
            raise ValueError(f"images: expected one image per camera {sorted(self.cameras)}, got {got}")
        for cam, image in images.items():
            h, w = self.cameras[cam]
            if not isinstance(image, np.ndarray) or image.dtype != np.uint8 or image.shape != (h, w, 3):
                got = f"{image.dtype} {image.shape}" if isinstance(image, np.ndarray) else type(image).__name__
                raise ValueError(f"{video_key(cam)}: expected a uint8 RGB array of shape ({h}, {w}, 3), got {got}")


def _check_layout_args(fps: int, cameras: Mapping[str, tuple[int, int]], state_dim: int, action_dim: int) -> None:
    if isinstance(fps, bool) or not isinstance(fps, int) or fps <= 0:
        raise ValueError(f"fps: expected a positive integer (LeRobot stores integer fps), got {fps!r}")
    if not cameras:
        raise ValueError("cameras: expected at least one camera name -> (height, width)")
    for name, size in cameras.items():
        if not isinstance(name, str) or not name or "/" in name:
            raise ValueError(f"cameras: camera names must be non-empty strings without '/', got {name!r}")
        if len(size) != 2 or not all(isinstance(v, (int, np.integer)) and v > 0 for v in size):
            raise ValueError(f"cameras[{name!r}]: expected (height, width) as positive integers, got {size!r}")
    for name, dim in (("state_dim", state_dim), ("action_dim", action_dim)):
        if isinstance(dim, bool) or not isinstance(dim, int) or dim <= 0:
            raise ValueError(f"{name}: expected a positive integer, got {dim!r}")


def _names(arg: str, names: Sequence[str] | None, dim: int, prefix: str) -> list[str]:
    if names is None:
        return [f"{prefix}_{i}" for i in range(dim)]
    names = list(names)
    if len(names) != dim or not all(isinstance(n, str) and n for n in names):
        raise ValueError(f"{arg}: expected {dim} non-empty strings, got {names!r}")
    return names


def _finite_vector(name: str, value: Any, dim: int) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=np.float32)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected {dim} numbers, got {type(value).__name__}") from None
    if array.shape != (dim,):
        raise ValueError(f"{name}: expected shape ({dim},), got shape {array.shape}")
    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        raise ValueError(f"{name}: only finite values are accepted, got NaN or inf at indices {bad.tolist()}")
    return array


@dataclass(frozen=True)
class Episode:
    """One episode, decoded. ``success``/``seed`` are None in datasets that do not record them (LeRobot's)."""

    index: int
    images: dict[str, np.ndarray]  # camera -> (N, H, W, 3) uint8 RGB
    state: np.ndarray  # (N, state_dim) float32
    action: np.ndarray  # (N, action_dim) float32
    timestamps: np.ndarray  # (N,) float32 seconds from the episode start
    task_index: np.ndarray  # (N,) int64
    tasks: list[str]  # per frame
    success: bool | None
    seed: int | None

    def __len__(self) -> int:
        return len(self.state)


class DatasetReader:
    """Reads a LeRobot v3.0 dataset with video cameras, ``observation.state`` and ``action`` features."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        if has_pending_publish(self.root):  # a writer was killed while publishing: finish its episode
            lock = RootLock(self.root)
            recover(self.root)
            lock.release()
        info_path = self.root / INFO_PATH
        if not info_path.exists():
            raise FileNotFoundError(f"{self.root}: no {INFO_PATH}, so not a LeRobot dataset")
        self.info: dict[str, Any] = json.loads(info_path.read_text())
        if self.info.get("codebase_version") != "v3.0":
            raise ValueError(f"{self.root}: dataset format {self.info.get('codebase_version')!r}; this reader "
                             "reads v3.0")
        self.features: dict[str, dict[str, Any]] = self.info["features"]
        missing = [key for key in (STATE, ACTION) if key not in self.features]
        images = [key for key, ft in self.features.items() if ft["dtype"] == "image"]
        if missing or images:
            raise ValueError(f"{self.root}: needs features {STATE!r} and {ACTION!r} and cameras stored as video; "
                             f"missing {missing}, image (not video) features {images}")
        self.fps: int = self.info["fps"]
        self.cameras = [key[len(IMAGE_PREFIX):] for key in video_keys(self.features)]
        self.tasks = read_tasks(self.root) if (self.root / TASKS_PATH).exists() else []
        stats_path = self.root / STATS_PATH
        self.stats = dataset_stats.from_json(json.loads(stats_path.read_text())) if stats_path.exists() else {}
        self._episodes = self._episode_rows()
        self._data_cache: tuple[Path, pa.Table] | None = None

    def _episode_rows(self) -> list[dict[str, Any]]:
        rows = sorted(_episode_rows(episode_files(self.root)), key=lambda r: r["episode_index"])
        if [r["episode_index"] for r in rows] != list(range(self.info["total_episodes"])):
            raise ValueError(f"{self.root}: meta/episodes holds episodes {[r['episode_index'] for r in rows]}, "
                             f"info.json counts {self.info['total_episodes']}")
        return rows

    @property
    def num_episodes(self) -> int:
        return self.info["total_episodes"]

    @property
    def num_frames(self) -> int:
        return self.info["total_frames"]

    def episode(self, i: int) -> Episode:
        if not 0 <= i < self.num_episodes:
            raise IndexError(f"episode {i} out of range: the dataset has {self.num_episodes}")
        row = self._episodes[i]
        table = self._data(self.root / DATA_PATH.format(chunk_index=row["data/chunk_index"],
                                                        file_index=row["data/file_index"]))
        index = table.column("index").to_numpy()
        rows = table.take(np.flatnonzero((index >= row["dataset_from_index"]) & (index < row["dataset_to_index"])))
        images = {}
        for cam in self.cameras:
            key = video_key(cam)
            path = self.root / VIDEO_PATH.format(video_key=key, chunk_index=row[f"videos/{key}/chunk_index"],
                                                 file_index=row[f"videos/{key}/file_index"])
            images[cam] = decode(path, row[f"videos/{key}/from_timestamp"], row[f"videos/{key}/to_timestamp"],
                                 self.fps)
            if len(images[cam]) != row["length"]:
                raise ValueError(f"{path}: episode {i} has {len(images[cam])} frames, meta/episodes says "
                                 f"{row['length']}")
        task_index = rows.column("task_index").to_numpy()
        return Episode(index=i, images=images, state=_matrix(rows.column(STATE)),
                       action=_matrix(rows.column(ACTION)), timestamps=rows.column("timestamp").to_numpy(),
                       task_index=task_index, tasks=[self.tasks[t] for t in task_index],
                       success=row.get("success"), seed=row.get("seed"))

    def iter_frames(self) -> Iterator[dict[str, Any]]:
        """Every frame in dataset order, keyed as LeRobot's items (images HxWx3 uint8, not CHW float)."""
        for i in range(self.num_episodes):
            ep, start = self.episode(i), self._episodes[i]["dataset_from_index"]
            for k in range(len(ep)):
                frame = {video_key(cam): ep.images[cam][k] for cam in self.cameras}
                yield frame | {STATE: ep.state[k], ACTION: ep.action[k], "timestamp": ep.timestamps[k],
                               "frame_index": k, "episode_index": i, "index": start + k,
                               "task_index": int(ep.task_index[k]), "task": ep.tasks[k]}

    def _data(self, path: Path) -> pa.Table:
        """The data file, kept while consecutive episodes come from it."""
        if self._data_cache is None or self._data_cache[0] != path:
            self._data_cache = (path, pq.read_table(path))
        return self._data_cache[1]


def _episode_rows(files: list[Path]) -> list[dict[str, Any]]:
    """meta/episodes rows without their stats columns (indexing only, as LeRobot loads them)."""
    rows = []
    for path in files:
        columns = [name for name in pq.read_schema(path).names if not name.startswith("stats/")]
        rows += pq.read_table(path, columns=columns).to_pylist()
    return rows


def _matrix(column: pa.ChunkedArray) -> np.ndarray:
    return column.combine_chunks().flatten().to_numpy().reshape(len(column), -1)
