"""MuJoCo tasks for robotstack, registered with gymnasium as ``robotstack/<Name>-v0``.

Importing this package selects EGL software rendering unless ``MUJOCO_GL`` is already set.
"""

from __future__ import annotations

import os

os.environ.setdefault("MUJOCO_GL", "egl")
os.environ.setdefault("PYOPENGL_PLATFORM", os.environ["MUJOCO_GL"])

import gymnasium as gym  # noqa: E402

TASKS: dict[str, str] = {
    "robotstack/RingPlacement-v0": "robotstack.sim.tasks.ring_placement:RingPlacementEnv",
    "robotstack/CablePlugging-v0": "robotstack.sim.tasks.cable_plugging:CablePluggingEnv",
    "robotstack/LanguageTabletop-v0": "robotstack.sim.tasks.language_tabletop:LanguageTabletopEnv",
}
ALIASES: dict[str, str] = {
    "ring": "robotstack/RingPlacement-v0",
    "cable": "robotstack/CablePlugging-v0",
    "language": "robotstack/LanguageTabletop-v0",
}

for _task_id, _entry_point in TASKS.items():
    if _task_id not in gym.registry:
        gym.register(id=_task_id, entry_point=_entry_point)


def resolve_task(name: str) -> str:
    """Full task id for an id, an id without its ``robotstack/`` namespace (as training work dirs name their
    folders, e.g. ``student-LanguageTabletop-v0``) or a short alias; unknown names fail with the accepted list."""
    if name in TASKS:
        return name
    if name in ALIASES:
        return ALIASES[name]
    if f"robotstack/{name}" in TASKS:
        return f"robotstack/{name}"
    raise ValueError(f"unknown task {name!r}; known tasks: {list(TASKS)} (aliases: {list(ALIASES)})")


def make_env(name: str, **kwargs) -> gym.Env:
    """Create a task environment by id or alias (``ring``, ``cable``, ``language``)."""
    return gym.make(resolve_task(name), **kwargs)
