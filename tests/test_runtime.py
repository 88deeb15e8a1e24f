"""Sessions from hardware profiles: missing execution providers are named and skipped, CPU takes over."""

import logging

import onnxruntime as ort

from onnx_policies import constant_policy
from robotstack.profiles import load_profile
from robotstack.runtime import choose_providers, load_policy


def test_jetson_profile_on_a_cpu_build_warns_and_falls_back(tmp_path, caplog):
    profile = load_profile("jetson-orin-nano-super")
    path = constant_policy(tmp_path / "p.onnx", [0.1, 0, 0, 0, 0])
    with caplog.at_level(logging.WARNING, logger="robotstack.runtime"):
        policy, choice = load_policy(path, profile, warmup=2)
    lacking = [ep for ep in ("TensorrtExecutionProvider", "CUDAExecutionProvider") if ep not in ort.get_available_providers()]
    assert set(lacking) <= set(choice.missing)
    assert all(name in caplog.text for name in lacking)
    assert policy.session.get_providers()[-1] == "CPUExecutionProvider"
    assert policy.session.get_session_options().intra_op_num_threads == profile.runtime.intra_op_threads


def test_provider_options_travel_with_the_provider():
    choice = choose_providers(load_profile("host"))
    assert choice.providers == [("CPUExecutionProvider", {})] and choice.missing == []
