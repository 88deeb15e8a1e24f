"""Hardware profiles: the shipped files validate, bad files fail naming file + field + reason, user dirs work."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from robotstack.cli_profiles import profiles_app
from robotstack.profiles import (
    DEFAULT_PROFILE,
    PROFILE_PATH_ENV,
    SHIPPED_PROFILE_DIR,
    Precision,
    ProfileError,
    list_profiles,
    load_profile,
)

SHIPPED = {
    "jetson-orin-nano-super",
    "jetson-orin-nx-16gb",
    "jetson-agx-orin-64gb",
    "jetson-agx-thor",
    "ryzen-ai-9-hx-370",
    "ryzen-ai-max-395",
    "snapdragon-x-elite",
    "qcs6490",
    "host",
}


@pytest.fixture(autouse=True)
def _no_user_profile_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the shipped profiles only, whatever the developer's environment says."""
    monkeypatch.delenv(PROFILE_PATH_ENV, raising=False)


def _valid_raw(name: str) -> dict[str, Any]:
    raw = yaml.safe_load((SHIPPED_PROFILE_DIR / f"{DEFAULT_PROFILE}.yaml").read_text())
    raw["name"] = name
    return raw


def _write(directory: Path, raw: dict[str, Any]) -> Path:
    path = directory / f"{raw['name']}.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def test_shipped_profiles_are_all_there() -> None:
    assert set(list_profiles()) == SHIPPED
    assert all(path.parent == SHIPPED_PROFILE_DIR for path in list_profiles().values())


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_every_shipped_profile_validates(name: str) -> None:
    profile = load_profile(name)
    assert profile.name == name
    assert (profile.compute.peak_ops_per_s(profile.runtime.precision) or 0) > 0  # the deploy precision has a peak
    assert profile.runtime.execution_providers[-1].name == "CPUExecutionProvider"
    assert profile.budgets.inference_ms <= profile.budgets.capture_to_actuation_ms


def test_default_profile_is_the_orin_nano() -> None:
    profile = load_profile()
    assert profile.name == DEFAULT_PROFILE
    assert profile.runtime.precision is Precision.INT8
    assert profile.compute.headline_sparse and profile.compute.int8_tops == pytest.approx(67 / 2, rel=0.01)
    assert profile.measured == ()


def test_host_figures_are_measured_here() -> None:
    host = load_profile("host")
    assert set(host.measured) == {
        "compute.fp32_tflops",
        "compute.int8_tops",
        "memory.bandwidth_gb_s",
        "memory.cache_mb",
        "memory.cache_bandwidth_gb_s",
        "memory.size_gb",
        "efficiency.compute",
        "efficiency.compute_int8",
        "efficiency.node_overhead_us",
        "efficiency.fixed_overhead_ms",
        "runtime.intra_op_threads",
    }
    assert host.figure_kind("compute.fp32_tflops") == "measured"
    assert host.figure_kind("budgets.inference_ms") == "specified"
    assert (host.compute.fp32_tflops or 0) > 0 and host.memory.bandwidth_gb_s > 0 and host.runtime.intra_op_threads >= 1


def _set(section: str, key: str, value: object) -> Callable[[dict[str, Any]], None]:
    return lambda raw: raw[section].__setitem__(key, value)


def _drop(section: str, key: str) -> Callable[[dict[str, Any]], None]:
    return lambda raw: raw[section].pop(key)


def _prepend_provider(provider: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda raw: raw["runtime"]["execution_providers"].insert(0, provider)


INVALID = [
    ("unknown-field", _set("memory", "colour", "red"), "memory.colour", "unknown field"),
    ("negative-bandwidth", _set("memory", "bandwidth_gb_s", -102), "memory.bandwidth_gb_s", "greater than 0"),
    ("budget-with-unit", _set("budgets", "inference_ms", "20ms"), "budgets.inference_ms", "got '20ms'"),
    ("budget-as-string", _set("budgets", "inference_ms", "20"), "budgets.inference_ms", "valid number"),
    ("missing-budget", _drop("budgets", "inference_ms"), "budgets.inference_ms", "field required"),
    ("bad-precision", _set("runtime", "precision", "int4"), "runtime.precision", "'int8', 'fp16' or 'fp32'"),
    ("threads-float", _set("runtime", "intra_op_threads", 2.5), "runtime.intra_op_threads", "valid integer"),
    ("nice-out-of-range", _set("runtime", "loop_nice", -30), "runtime.loop_nice", "greater than or equal to -20"),
    ("efficiency-over-1", _set("efficiency", "compute", 1.5), "efficiency.compute", "less than or equal to 1"),
    ("unknown-ep", _prepend_provider({"name": "FooExecutionProvider"}), "runtime.execution_providers.0.name",
     "input should be"),
    ("qnn-no-backend", _prepend_provider({"name": "QNNExecutionProvider"}), "runtime.execution_providers.0",
     "backend_path"),
    ("cpu-not-last", lambda raw: raw["runtime"]["execution_providers"].pop(), "runtime.execution_providers",
     "must end with CPUExecutionProvider"),
    ("null-deploy-peak", _set("compute", "int8_tops", None), "compute.int8_tops", "runtime.precision is int8"),
    ("budgets-inverted", _set("budgets", "inference_ms", 80), "budgets", "exceeds capture_to_actuation_ms"),
    ("unmeasurable", _set("compute", "fp16_tflops", "measured"), "compute.fp16_tflops", "cannot be measured"),
    ("cache-half", _set("memory", "cache_mb", 4), "memory", "given together"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "mutate", "field", "reason"), INVALID, ids=[case[0] for case in INVALID])
def test_invalid_profile_names_file_field_and_reason(
    tmp_path: Path, name: str, mutate: Callable[[dict[str, Any]], None], field: str, reason: str
) -> None:
    raw = copy.deepcopy(_valid_raw(name))
    mutate(raw)
    path = _write(tmp_path, raw)
    with pytest.raises(ProfileError) as caught:
        load_profile(name, search_dirs=[tmp_path])
    message = str(caught.value)
    assert f"{path.resolve()}: {field}: " in message
    assert reason in message


def test_file_name_must_match_profile_name(tmp_path: Path) -> None:
    raw = _valid_raw("my-board")
    path = tmp_path / "other-name.yaml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(ProfileError, match=r"other-name\.yaml: name: 'my-board' differs from the file name"):
        load_profile(path)


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("name: [unclosed\n")
    with pytest.raises(ProfileError, match=r"broken\.yaml: not valid YAML"):
        load_profile(path)


def test_user_directory_profiles_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    by_argument, by_env = tmp_path / "arg", tmp_path / "env"
    by_argument.mkdir()
    by_env.mkdir()
    _write(by_argument, _valid_raw("lab-board"))
    _write(by_env, _valid_raw("env-board"))
    monkeypatch.setenv(PROFILE_PATH_ENV, str(by_env))

    assert {"lab-board", "env-board"} | SHIPPED == set(list_profiles([by_argument]))
    assert load_profile("lab-board", search_dirs=[by_argument]).path == by_argument.resolve() / "lab-board.yaml"
    assert load_profile("env-board").name == "env-board"


def test_user_profile_overrides_a_shipped_one(tmp_path: Path) -> None:
    raw = _valid_raw(DEFAULT_PROFILE)
    raw["control"]["rate_hz"] = 15
    _write(tmp_path, raw)
    assert load_profile(DEFAULT_PROFILE, search_dirs=[tmp_path]).control.rate_hz == 15
    assert load_profile(DEFAULT_PROFILE).control.rate_hz == 20


def test_unknown_name_and_missing_directory_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"no profile named 'nope'.*available: .*jetson-orin-nano-super"):
        load_profile("nope")
    with pytest.raises(ProfileError, match="is not a directory"):
        list_profiles([tmp_path / "missing"])


WIDE = {"COLUMNS": "200"}


def test_cli_list_shows_every_profile() -> None:
    result = CliRunner().invoke(profiles_app, ["list"], env=WIDE)
    assert result.exit_code == 0, result.output
    for name in SHIPPED:
        assert name in result.output
    assert "33.4" in result.output and "102" in result.output and "25 / 50" in result.output


def test_cli_list_reports_an_invalid_user_profile(tmp_path: Path) -> None:
    raw = _valid_raw("typo-board")
    raw["budgets"]["inference_ms"] = "20ms"
    path = _write(tmp_path, raw)
    result = CliRunner().invoke(profiles_app, ["list", "--profile-dir", str(tmp_path)], env=WIDE)
    assert result.exit_code == 1
    assert "jetson-orin-nano-super" in result.output
    assert f"{path.resolve()}: budgets.inference_ms:" in result.output


def test_cli_show_prints_the_validated_profile() -> None:
    result = CliRunner().invoke(profiles_app, ["show", "snapdragon-x-elite"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "QNNExecutionProvider" in result.output and "backend_path: QnnHtp.dll" in result.output
    assert "inference_ms: 25" in result.output

    host = CliRunner().invoke(profiles_app, ["show", "host"], env=WIDE)
    assert host.exit_code == 0 and "(measured)" in host.output

    missing = CliRunner().invoke(profiles_app, ["show", "nope"], env=WIDE)
    assert missing.exit_code == 1 and "no profile named 'nope'" in missing.output
