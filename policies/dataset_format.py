"""The LeRobot dataset format v3.0: file layout, feature descriptions, ``meta/info.json`` and parquet schemas.

Kept to what LeRobot 0.4.4's own writer produces (``shared/fixtures/lerobot-v3-reference``), so that a
dataset recorded here trains with LeRobot unchanged and a LeRobot dataset reads here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

CODEBASE_VERSION = "v3.0"
DATA_PATH = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet"
VIDEO_PATH = "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4"
EPISODES_PATH = "meta/episodes/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet"
INFO_PATH = "meta/info.json"
STATS_PATH = "meta/stats.json"
TASKS_PATH = "meta/tasks.parquet"

# LeRobot's defaults: at most this many files per chunk folder, and the size at which a new file starts.
CHUNKS_SIZE = 1000
DATA_FILES_SIZE_IN_MB = 100
VIDEO_FILES_SIZE_IN_MB = 200

IMAGE_PREFIX = "observation.images."
STATE = "observation.state"
ACTION = "action"
INDEX_FEATURES = {"timestamp": "float32", "frame_index": "int64", "episode_index": "int64", "index": "int64",
                  "task_index": "int64"}
STAT_KEYS = ("min", "max", "mean", "std", "count", "q01", "q10", "q50", "q90", "q99")

# Per-episode columns this project adds to meta/episodes; LeRobot loads and ignores them.
EXTRA_EPISODE_COLUMNS = {"success": pa.bool_(), "seed": pa.int64()}

_TASK_COLUMN = "__index_level_0__"  # pandas writes the DataFrame index (the task strings) under this name


def video_key(camera: str) -> str:
    return IMAGE_PREFIX + camera


def next_file(chunk_index: int, file_index: int, chunks_size: int) -> tuple[int, int]:
    """The (chunk, file) after this one: a chunk folder holds at most ``chunks_size`` files."""
    if file_index == chunks_size - 1:
        return chunk_index + 1, 0
    return chunk_index, file_index + 1


def make_features(cameras: Mapping[str, tuple[int, int]], fps: int, codec: str, pix_fmt: str,
                  state_names: Sequence[str], action_names: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The ``features`` entry of info.json, in LeRobot's order: cameras, state, action, then the index columns."""
    features: dict[str, dict[str, Any]] = {}
    for camera, (height, width) in cameras.items():
        features[video_key(camera)] = {
            "dtype": "video",
            "shape": [height, width, 3],
            "names": ["height", "width", "channels"],
            "info": {
                "video.height": height,
                "video.width": width,
                "video.codec": codec,
                "video.pix_fmt": pix_fmt,
                "video.is_depth_map": False,
                "video.fps": fps,
                "video.channels": 3,
                "has_audio": False,
            },
        }
    features[STATE] = {"dtype": "float32", "shape": [len(state_names)], "names": list(state_names)}
    features[ACTION] = {"dtype": "float32", "shape": [len(action_names)], "names": list(action_names)}
    for name, dtype in INDEX_FEATURES.items():
        features[name] = {"dtype": dtype, "shape": [1], "names": None}
    return features


def new_info(features: dict[str, dict[str, Any]], fps: int, robot_type: str | None, chunks_size: int,
             data_files_size_in_mb: int, video_files_size_in_mb: int) -> dict[str, Any]:
    """info.json of an empty dataset (LeRobot's key order)."""
    return {
        "codebase_version": CODEBASE_VERSION,
        "robot_type": robot_type,
        "total_episodes": 0,
        "total_frames": 0,
        "total_tasks": 0,
        "chunks_size": chunks_size,
        "data_files_size_in_mb": data_files_size_in_mb,
        "video_files_size_in_mb": video_files_size_in_mb,
        "fps": fps,
        "splits": {},
        "data_path": DATA_PATH,
        "video_path": VIDEO_PATH,
        "features": features,
    }


def video_keys(features: Mapping[str, Mapping[str, Any]]) -> list[str]:
    return [key for key, ft in features.items() if ft["dtype"] == "video"]


def _list(value_type: pa.DataType, length: int = -1) -> pa.DataType:
    return pa.list_(pa.field("element", value_type), length)


def data_schema(features: Mapping[str, Mapping[str, Any]]) -> pa.Schema:
    """Schema of data/*.parquet: every non-video feature, with the Hugging Face ``datasets`` feature metadata."""
    fields, hf = [], {}
    for key, ft in features.items():
        if ft["dtype"] == "video":
            continue
        value = pa.from_numpy_dtype(ft["dtype"])
        if key in INDEX_FEATURES:
            fields.append(pa.field(key, value))
            hf[key] = {"dtype": ft["dtype"], "_type": "Value"}
        else:
            length = ft["shape"][0]
            fields.append(pa.field(key, _list(value, length)))
            hf[key] = {"feature": {"dtype": ft["dtype"], "_type": "Value"}, "length": length, "_type": "List"}
    return pa.schema(fields, metadata={"huggingface": json.dumps({"info": {"features": hf}})})


def _stats_fields(key: str, ft: Mapping[str, Any]) -> list[pa.Field]:
    if ft["dtype"] == "video":
        value, extreme = _list(_list(_list(pa.float64()))), _list(_list(_list(pa.float64())))
    elif ft["dtype"].startswith("int"):
        value, extreme = _list(pa.float64()), _list(pa.int64())
    else:
        value, extreme = _list(pa.float64()), _list(pa.float64())
    types = {"min": extreme, "max": extreme, "count": _list(pa.int64())}
    return [pa.field(f"stats/{key}/{stat}", types.get(stat, value)) for stat in STAT_KEYS]


def episodes_schema(features: Mapping[str, Mapping[str, Any]]) -> pa.Schema:
    """Schema of meta/episodes/*.parquet: indexing, per-episode stats, then this project's extra columns."""
    int64 = pa.int64()
    fields = [pa.field("episode_index", int64), pa.field("tasks", _list(pa.string())), pa.field("length", int64),
              pa.field("data/chunk_index", int64), pa.field("data/file_index", int64),
              pa.field("dataset_from_index", int64), pa.field("dataset_to_index", int64)]
    for key in video_keys(features):
        fields += [pa.field(f"videos/{key}/chunk_index", int64), pa.field(f"videos/{key}/file_index", int64),
                   pa.field(f"videos/{key}/from_timestamp", pa.float64()),
                   pa.field(f"videos/{key}/to_timestamp", pa.float64())]
    for key, ft in features.items():
        fields += _stats_fields(key, ft)
    fields += [pa.field("meta/episodes/chunk_index", int64), pa.field("meta/episodes/file_index", int64)]
    fields += [pa.field(name, dtype) for name, dtype in EXTRA_EPISODE_COLUMNS.items()]
    return pa.schema(fields)


def tasks_table(tasks: Sequence[str]) -> pa.Table:
    """meta/tasks.parquet as pandas writes LeRobot's task DataFrame (tasks as the index), so LeRobot reads it."""
    pandas_metadata = {
        "index_columns": [_TASK_COLUMN],
        "column_indexes": [{"name": None, "field_name": None, "pandas_type": "unicode", "numpy_type": "str",
                            "metadata": {"encoding": "UTF-8"}}],
        "columns": [
            {"name": "task_index", "field_name": "task_index", "pandas_type": "int64", "numpy_type": "int64",
             "metadata": None},
            {"name": None, "field_name": _TASK_COLUMN, "pandas_type": "object", "numpy_type": "str",
             "metadata": None},
        ],
        "attributes": {},
        "creator": {"library": "pyarrow", "version": pa.__version__},
    }
    schema = pa.schema([pa.field("task_index", pa.int64()), pa.field(_TASK_COLUMN, pa.large_string())],
                       metadata={"pandas": json.dumps(pandas_metadata)})
    return pa.table({"task_index": list(range(len(tasks))), _TASK_COLUMN: list(tasks)}, schema=schema)


def read_tasks(root: Path) -> list[str]:
    """Task strings ordered by task_index."""
    table = pq.read_table(root / TASKS_PATH)
    pairs = sorted(zip(table.column("task_index").to_pylist(), table.column(_TASK_COLUMN).to_pylist()))
    return [task for _, task in pairs]


def episode_files(root: Path) -> list[Path]:
    """meta/episodes files in episode order (LeRobot concatenates them sorted by path)."""
    return sorted((root / "meta" / "episodes").glob("chunk-*/file-*.parquet"))
