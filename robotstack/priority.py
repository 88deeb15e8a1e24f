"""Scheduling priority for the control loop: the scheduler should run the loop first when cores are busy.

Why: on a board the loop shares its cores with everything else (camera drivers, logging, a ROS stack, a
browser on a laptop). Linux's fair scheduler gives a loop at the default priority an equal share against
any busy process, so its ticks stretch past their deadline; a lower nice value makes the scheduler prefer
it (nice -10 weighs about 9x nice 0). A profile asks for one with ``runtime.loop_nice``.

Linux keeps the nice value per thread and a new thread inherits its creator's, so the value is applied
to the calling thread before the inference runtime and the renderer start theirs. Asking for a lower value
than the one held needs CAP_SYS_NICE (root has it); without it the run goes on at the priority it has and
says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class LoopPriority:
    """What was asked for and what the loop runs at; the caller reports ``reason`` when it was not applied."""

    requested: int | None
    nice: int
    applied: bool
    reason: str


def current_nice() -> int:
    """The calling thread's nice value."""
    return os.getpriority(os.PRIO_PROCESS, 0)


def apply_loop_priority(nice: int | None) -> LoopPriority:
    """Set the calling thread's nice value to ``nice`` (threads it starts later inherit it); None leaves it."""
    before = current_nice()
    if nice is None:
        return LoopPriority(None, before, False, "the profile asks for no priority (runtime.loop_nice unset)")
    if not -20 <= nice <= 19:
        raise ValueError(f"loop nice value {nice} is outside -20..19 (lower runs first)")
    try:
        os.setpriority(os.PRIO_PROCESS, 0, nice)
    except PermissionError:
        return LoopPriority(nice, before, False,
                            f"nice {nice} needs CAP_SYS_NICE (or root), which this process lacks; the loop runs at nice "
                            f"{before}, so other busy processes on its cores can push ticks past their deadline")
    return LoopPriority(nice, current_nice(), True, f"the loop runs at nice {nice} (was {before})")
