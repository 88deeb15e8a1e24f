"""The shipped policies: names -> files under ``policies/weights/``, each checked against its sha256.

``manifest.json`` beside the files lists every shipped file with its sha256 (the model card quotes the
same). A name not in the manifest is taken as a path to the user's own ONNX file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from robotstack.policy import sha256_of

MANIFEST = "manifest.json"


class WeightsError(FileNotFoundError):
    """A shipped file is missing or does not match its recorded sha256."""


@dataclass(frozen=True)
class PolicyFile:
    name: str
    path: Path
    sha256: str | None  # None for a user's own file
    tasks: tuple[str, ...] = ()  # what a shipped policy was trained on (unknown for a user's own file)


def weights_dir() -> Path:
    return Path(str(resources.files("robotstack.policies"))) / "weights"


def manifest(directory: Path | None = None) -> dict[str, dict]:
    path = (directory or weights_dir()) / MANIFEST
    if not path.is_file():
        return {}
    return json.loads(path.read_text())["files"]


PRECISION_SUFFIXES = ("-int8", "-fp16")
"""How a shipped file's name says its precision (no suffix: fp32)."""


def for_task(name: str, task: str, entries: dict[str, dict]) -> str:
    """The shipped policy ``name`` stands for on ``task``: itself if it was trained on the task, else the one
    per-task policy of the same role and precision that was (``student-int8`` on cable -> ``student-cable-int8``),
    else ``name`` unchanged (the caller decides whether running it off its task is what the user meant)."""
    if name not in entries or task in entries[name].get("tasks", []):
        return name
    suffix = next((s for s in PRECISION_SUFFIXES if name.endswith(s)), "")
    per_task = re.compile(rf"{re.escape(name.removesuffix(suffix))}-[^-]+{re.escape(suffix)}")  # role-TASK+suffix
    matches = [other for other, entry in entries.items()
               if task in entry.get("tasks", []) and per_task.fullmatch(other)
               and (suffix or not other.endswith(PRECISION_SUFFIXES))]  # fp32 asked: not an int8/fp16 file
    return matches[0] if len(matches) == 1 else name


def resolve(name_or_path: str, directory: Path | None = None, verify: bool = True, task: str | None = None) -> PolicyFile:
    """A shipped policy by name (``student``, ``student-int8``, ``teacher``, ...) or a path to an ONNX file.
    With ``task``, a shipped name resolves to the policy of that role and precision trained on the task."""
    directory = directory or weights_dir()
    entries = manifest(directory)
    if task is not None:
        name_or_path = for_task(name_or_path, task, entries)
    if name_or_path in entries:
        entry = entries[name_or_path]
        path = directory / entry["file"]
        if not path.is_file():
            raise WeightsError(f"shipped policy {name_or_path!r} should be at {path} but the file is missing; "
                               "restore it from the repository (git checkout policies/weights)")
        if verify and (actual := sha256_of(path)) != entry["sha256"]:
            raise WeightsError(f"{path}: sha256 {actual} does not match the manifest's {entry['sha256']}; "
                               "the file is corrupt or was replaced")
        return PolicyFile(name_or_path, path, entry["sha256"], tuple(entry.get("tasks", ())))
    path = Path(name_or_path)
    if path.suffix == ".onnx" and path.is_file():
        return PolicyFile(path.stem, path, None)
    known = sorted(entries) or ["(no shipped policies yet)"]
    raise WeightsError(f"policy {name_or_path!r} is neither a shipped policy ({', '.join(known)}) nor an "
                       "existing .onnx file")
