"""The shipped policies: names -> files under ``policies/weights/``, each checked against its sha256.

``manifest.json`` beside the files lists every shipped file with its sha256 (the model card quotes the
same). A name not in the manifest is taken as a path to the user's own ONNX file.
"""

from __future__ import annotations

import json
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


def weights_dir() -> Path:
    return Path(str(resources.files("robotstack.policies"))) / "weights"


def manifest(directory: Path | None = None) -> dict[str, dict]:
    path = (directory or weights_dir()) / MANIFEST
    if not path.is_file():
        return {}
    return json.loads(path.read_text())["files"]


def resolve(name_or_path: str, directory: Path | None = None, verify: bool = True) -> PolicyFile:
    """A shipped policy by name (``student``, ``student-int8``, ``teacher``, ...) or a path to an ONNX file."""
    directory = directory or weights_dir()
    entries = manifest(directory)
    if name_or_path in entries:
        entry = entries[name_or_path]
        path = directory / entry["file"]
        if not path.is_file():
            raise WeightsError(f"shipped policy {name_or_path!r} should be at {path} but the file is missing; "
                               "restore it from the repository (git checkout policies/weights)")
        if verify and (actual := sha256_of(path)) != entry["sha256"]:
            raise WeightsError(f"{path}: sha256 {actual} does not match the manifest's {entry['sha256']}; "
                               "the file is corrupt or was replaced")
        return PolicyFile(name_or_path, path, entry["sha256"])
    path = Path(name_or_path)
    if path.suffix == ".onnx" and path.is_file():
        return PolicyFile(path.stem, path, None)
    known = sorted(entries) or ["(no shipped policies yet)"]
    raise WeightsError(f"policy {name_or_path!r} is neither a shipped policy ({', '.join(known)}) nor an "
                       "existing .onnx file")
