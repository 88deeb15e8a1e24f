"""The loop's scheduling priority: taken when the process may, reported (not fatal) when it may not.

Each case runs in a fresh interpreter, so the test process keeps its own priority."""

import os
import subprocess
import sys

import pytest

SCRIPT = """
import os, sys
from robotstack.priority import apply_loop_priority
os.setpriority(os.PRIO_PROCESS, 0, 15)  # raising the nice value is always allowed (runners sit below 15)
if {drop}:
    os.setgid(65534); os.setuid(65534)  # nobody: no CAP_SYS_NICE
result = apply_loop_priority({nice})
print(result.applied, result.nice, os.getpriority(os.PRIO_PROCESS, 0), result.reason, sep="|")
"""


def _run(nice: int | None, drop: bool = False) -> list[str]:
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(nice=nice, drop=drop)], capture_output=True, text=True,
                         check=True, timeout=60)
    return out.stdout.strip().split("|")


def test_a_lower_priority_is_always_taken():
    applied, nice, actual, _ = _run(19)
    assert applied == "True" and nice == actual == "19"


def test_no_request_leaves_the_priority_alone():
    applied, nice, actual, reason = _run(None)
    assert applied == "False" and nice == actual == "15" and "runtime.loop_nice" in reason


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to drop to an unprivileged user")
def test_without_cap_sys_nice_the_loop_goes_on_at_its_priority_and_says_why():
    applied, nice, actual, reason = _run(-10, drop=True)
    assert applied == "False" and nice == actual == "15" and "CAP_SYS_NICE" in reason


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="raising priority needs CAP_SYS_NICE")
def test_with_the_capability_a_higher_priority_is_taken():
    applied, nice, actual, _ = _run(-10)
    assert applied == "True" and nice == actual == "-10"


def test_out_of_range_is_a_clear_error():
    from robotstack.priority import apply_loop_priority

    with pytest.raises(ValueError, match="outside -20..19"):
        apply_loop_priority(-25)
