"""ONNX Runtime sessions built from a hardware profile: execution providers in the profile's order of
preference, the ones this onnxruntime build lacks named in a warning, threads from the profile, warm-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort

from robotstack.policy import OnnxPolicy, PolicyContractError
from robotstack.profiles import Profile

log = logging.getLogger(__name__)


@dataclass
class ProviderChoice:
    requested: list[str]
    available: list[str]
    missing: list[str]
    providers: list[tuple[str, dict]]  # what is passed to ONNX Runtime, in order


def choose_providers(profile: Profile) -> ProviderChoice:
    """The profile's providers that this onnxruntime build has, with their options; warns about the rest."""
    available = ort.get_available_providers()
    requested = [ep.name for ep in profile.runtime.execution_providers]
    missing = [name for name in requested if name not in available]
    if missing:
        log.warning("profile %s asks for %s, which this onnxruntime build lacks (it has %s); using the rest",
                    profile.name, missing, available)
    providers = [(ep.name, {k: str(v) for k, v in ep.options.items()})
                 for ep in profile.runtime.execution_providers if ep.name in available]
    return ProviderChoice(requested, available, missing, providers)


def load_policy(path: str | Path, profile: Profile, warmup: int = 20, threads: int | None = None,
                expected_sha256: str | None = None) -> tuple[OnnxPolicy, ProviderChoice]:
    """Open a policy for a board: EPs in order, falling back past an EP that fails to initialise."""
    choice = choose_providers(profile)
    providers = list(choice.providers)
    while True:
        try:
            policy = OnnxPolicy(path, providers=providers, threads=threads or profile.runtime.intra_op_threads,
                                expected_sha256=expected_sha256)
            break
        except PolicyContractError as err:
            if "could not load" not in str(err) or len(providers) <= 1:
                raise
            failed = providers.pop(0)
            log.warning("execution provider %s failed to initialise (%s); trying %s", failed[0], err, providers[0][0])
            choice.missing.append(failed[0])
    used = policy.session.get_providers()[0]
    log.info("policy %s runs on %s", path, used)
    _warm_up(policy, warmup)
    return policy, choice


def _warm_up(policy: OnnxPolicy, runs: int) -> None:
    """First runs allocate memory and (for TensorRT) build engines: keep them out of the measurements."""
    spec = policy.spec
    images = {c: np.zeros((spec.image_size, spec.image_size, 3), dtype=np.uint8) for c in spec.cameras}
    state, text = np.zeros(22, dtype=np.float32), np.zeros(384, dtype=np.float32)
    for _ in range(runs):
        policy(images, state, text)
