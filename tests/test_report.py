"""Run directory: the metrics schema round-trips, report.html is self-contained and escaped, writing is atomic."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper
from pydantic import ValidationError

import robotstack.report as report
from robotstack.profiles import load_profile
from robotstack.projection import Figure, project
from robotstack.report import (
    DeadlineMisses,
    ProjectionRow,
    RunInfo,
    RunMetrics,
    StageLatency,
    SuccessRow,
    deadline_miss_chart,
    latency_histograms,
    new_run_dir,
    tick_timeline,
    write_run,
)
from robotstack.tracing import DEADLINE_MISS, TICK_SPAN, Tracer

HOSTILE = '<script>alert("x")</script>'
STAGES = ("capture", "preprocess", "infer", "postprocess", "actuate")
PROFILES = ("jetson-orin-nano-super", "qcs6490")


def tiny_model() -> onnx.ModelProto:
    node = helper.make_node("Relu", ["x"], ["y"])
    graph = helper.make_graph([node], "tiny", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 64])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 64])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def traced_run(ticks: int = 30) -> tuple[Tracer, dict[str, list[float]]]:
    """A tracer shaped like the loop's (stage spans in tick spans, a miss every 10 ticks) and its stage samples."""
    now = 0

    def clock() -> int:
        nonlocal now
        now += 700_000
        return now

    tracer = Tracer(clock=clock)
    for tick in range(ticks):
        with tracer.span(TICK_SPAN, tick=tick):
            for stage in STAGES:
                with tracer.span(stage, tick=tick):
                    pass
            if tick % 10 == 3:
                tracer.instant(DEADLINE_MISS, stage="infer", tick=tick)
    durations = tracer.stage_durations()
    return tracer, {s: durations[s].tolist() for s in STAGES}


def make_metrics(samples: dict[str, list[float]], task: str = "ring") -> RunMetrics:
    budgets = {"infer": 25.0}
    projections = [ProjectionRow.from_projection(project(tiny_model(), load_profile(p))) for p in PROFILES]
    projections.append(ProjectionRow.from_figure("host", Figure(3.2, "ms", "measured"), 40.0))
    return RunMetrics(
        run=RunInfo(command=f"robotstack eval --task {task}", started_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
                    host="testhost", profile="jetson-orin-nano-super", policy_path="policies/weights/student.onnx",
                    policy_sha256="ab" * 32, task=task, mode="sync", control_hz=20.0, episodes=3),
        stages=[StageLatency.from_samples(s, v, budget_ms=budgets.get(s)) for s, v in samples.items()]
        + [StageLatency.from_samples("infer", [41.0, 42.5], budget_ms=25.0, kind="projected")],
        deadline_misses=DeadlineMisses(
            total_ticks=30, by_stage={"infer": 3, "capture_to_actuation": 1}, kind="measured"
        ),
        safety_interventions={"range_clip": 4, "stale_frame": 1},
        faults={"dropped_frame": 2},
        success=[SuccessRow.from_counts(task, 2, 3)],
        projections=projections,
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunMetrics]:
    tracer, samples = traced_run()
    metrics = make_metrics(samples, task=HOSTILE)
    run_dir = write_run(tmp_path_factory.mktemp("runs") / "run-1", metrics, tracer, stage_samples_ms=samples)
    return run_dir, metrics


def test_the_run_directory_holds_the_three_files(written: tuple[Path, RunMetrics]) -> None:
    run_dir, _ = written
    assert sorted(p.name for p in run_dir.iterdir()) == ["metrics.json", "report.html", "trace.json"]
    assert not [p for p in run_dir.parent.iterdir() if p.name.startswith(".")]  # no partial left


def test_metrics_json_parses_back_into_the_model(written: tuple[Path, RunMetrics]) -> None:
    run_dir, metrics = written
    raw = json.loads((run_dir / "metrics.json").read_text())
    assert raw["schema_version"] == 1
    assert raw["run"]["started_at"] == "2025-01-02T03:04:05Z"
    assert RunMetrics.model_validate(raw) == metrics
    kinds = {r["profile"]: r["kind"] for r in raw["projections"]}
    assert kinds == {**dict.fromkeys(PROFILES, "projected"), "host": "measured"}


def test_trace_json_is_the_tracers_trace(written: tuple[Path, RunMetrics]) -> None:
    run_dir, _ = written
    trace = json.loads((run_dir / "trace.json").read_text())
    assert sum(e["ph"] == "X" and e["name"] == TICK_SPAN for e in trace["traceEvents"]) == 30


def test_report_is_self_contained(written: tuple[Path, RunMetrics]) -> None:
    page = (written[0] / "report.html").read_text()
    assert not re.search(r"https?://", page)
    references = re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", page)
    assert references and all(r.startswith("data:image/png;base64,") for r in references)
    assert "<script" not in page.lower() and "<link" not in page.lower()
    images = re.findall(r'<img alt="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)">', page)
    assert len(images) == 3  # histograms, tick timeline, deadline misses
    assert all(base64.b64decode(i).startswith(b"\x89PNG\r\n\x1a\n") for i in images)


def test_report_escapes_text(written: tuple[Path, RunMetrics]) -> None:
    page = (written[0] / "report.html").read_text()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert HOSTILE not in page


def test_report_labels_every_number_measured_or_projected(written: tuple[Path, RunMetrics]) -> None:
    page = (written[0] / "report.html").read_text()
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert len(captions) == 3 and all(re.search(r"measured|projected", c) for c in captions)
    for table in re.findall(r"<table>.*?</table>", page):
        header = re.search(r"<thead>(.*?)</thead>", table).group(1)
        if any(h in header for h in ("latency", "successes", "ticks missed", "p99")):
            rows = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", table).group(1))
            assert all(re.search(r"class=(measured|projected)", row) for row in rows), table
    projection = re.search(r"<th>profile</th>.*?</table>", page).group(0)
    assert projection.count("class=projected") == len(PROFILES) and projection.count("class=measured") == 1


def test_figures_are_titled_measured_or_projected() -> None:
    samples = {"infer": [20.0, 30.0], "capture": [0.1]}
    histograms = latency_histograms(samples, {"infer": 25.0, "capture": 40.0}, "testhost")
    assert [ax.get_title() for ax in histograms.axes] == ["infer (measured)", "capture (measured)"]
    assert [line.get_label() for line in histograms.axes[0].lines] == ["budget 25 ms"]
    assert [text.get_text() for text in histograms.axes[1].texts] == ["budget 40 ms (off scale) →"]
    timeline = tick_timeline(np.array([10.0, 60.0, 12.0]), 50.0, np.array([1]), "projected")
    labels = [line.get_label() for line in timeline.axes[0].lines]
    assert "tick duration (measured)" in labels and "deadline miss (projected)" in labels and "period 50 ms" in labels
    chart = deadline_miss_chart(DeadlineMisses(total_ticks=10, by_stage={"infer": 2}, kind="projected"))
    assert chart.axes[0].get_title() == "Deadline misses over 10 ticks (projected)"


def test_an_error_while_writing_leaves_nothing_under_the_final_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(path: Path, data: bytes) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(report, "write_bytes_atomic", fail)  # metrics.json and trace.json are written by then
    with pytest.raises(OSError, match="disk full"):
        write_run(tmp_path / "run", make_metrics({}), Tracer())
    assert list(tmp_path.iterdir()) == []


def test_an_existing_run_directory_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "keep.txt").write_text("earlier run")
    with pytest.raises(FileExistsError, match="already exists"):
        write_run(tmp_path / "run", make_metrics({}))
    assert [p.name for p in tmp_path.iterdir()] == ["run"]
    assert (tmp_path / "run" / "keep.txt").read_text() == "earlier run"


def test_a_run_without_tracer_or_loop_still_writes_a_valid_trace(tmp_path: Path) -> None:
    metrics = make_metrics({}).model_copy(update={"deadline_misses": None})
    run_dir = write_run(tmp_path / "profile-run", metrics)
    trace = json.loads((run_dir / "trace.json").read_text())
    assert [e["ph"] for e in trace["traceEvents"]] == ["M", "M"]
    page = (run_dir / "report.html").read_text()
    assert "No control loop ran." in page and "No tick spans were traced." in page


def test_new_run_dir_names_are_fresh_and_sortable(tmp_path: Path) -> None:
    names = {new_run_dir(tmp_path, "eval") for _ in range(20)}
    assert len(names) == 20
    assert all(re.fullmatch(r"eval-\d{8}T\d{6}Z-[0-9a-f]{6}", p.name) and p.parent == tmp_path for p in names)
    assert not any(p.exists() for p in names)
    with pytest.raises(ValueError, match="prefix"):
        new_run_dir(tmp_path, "../escape")


def test_stage_latency_summary() -> None:
    stage = StageLatency.from_samples("infer", np.arange(1, 101, dtype=float), budget_ms=25.0)
    assert (stage.count, stage.mean_ms, stage.p50_ms, stage.max_ms, stage.kind) == (100, 50.5, 50.5, 100.0, "measured")
    assert stage.p90_ms == pytest.approx(90.1) and stage.p99_ms == pytest.approx(99.01)
    empty = StageLatency.from_samples("capture", [])
    assert empty.count == 0 and empty.p99_ms is None


def test_schema_rejects_inconsistent_metrics() -> None:
    with pytest.raises(ValidationError, match="exceed episodes"):
        SuccessRow(task="ring", successes=4, episodes=3, rate=1.0, ci_low=0.0, ci_high=1.0)
    row = SuccessRow.from_counts("ring", 0, 5).model_dump()
    assert row["ci_low"] == 0.0 and 0 < row["ci_high"] < 0.5
    with pytest.raises(ValidationError, match="follow from the counts"):
        SuccessRow.model_validate(row | {"rate": 0.5})
    with pytest.raises(ValidationError, match="contradicts"):
        ProjectionRow(profile="x", latency_ms=30.0, budget_ms=25.0, meets_budget=True, kind="projected")
    with pytest.raises(ValidationError, match="more misses than ticks"):
        DeadlineMisses(total_ticks=2, by_stage={"infer": 3}, kind="measured")
    raw = make_metrics({}).model_dump(mode="json")
    with pytest.raises(ValidationError, match="schema_version"):
        RunMetrics.model_validate(raw | {"schema_version": 2})
    with pytest.raises(ValidationError, match="Extra inputs"):
        RunMetrics.model_validate(raw | {"surprise": 1})
    with pytest.raises(ValidationError, match="given together"):
        RunInfo.model_validate(raw["run"] | {"policy_sha256": None})
    with pytest.raises(ValidationError, match="timezone"):
        RunInfo.model_validate(raw["run"] | {"started_at": "2025-01-02T03:04:05"})
