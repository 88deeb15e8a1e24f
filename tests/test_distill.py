"""Distillation: a teacher policy file labels every frame with its action chunk, and training learns from it."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from robotstack.policies.collect import record_episode
from robotstack.policies.distill import teacher_chunks
from robotstack.policies.export import export_policy
from robotstack.policies.model import PolicyConfig, VisuomotorPolicy
from robotstack.policies.text_encoder import embed
from robotstack.policies.train import Demonstrations, TrainConfig, train
from robotstack.policy import OnnxPolicy
from robotstack.sim import make_env

TINY = PolicyConfig("tiny", image_size=24, channels=(8, 8), strides=(2, 2), hidden=32, chunk=3)


@pytest.fixture(scope="module")
def frames() -> Demonstrations:
    episode = record_episode(make_env("ring", image_size=TINY.image_size), seed=321, noise=0.1)
    picked = episode.frames[::10]
    return Demonstrations(images={c: np.stack([f.images[c] for f in picked]) for c in TINY.cameras},
                          state=np.stack([f.state for f in picked]),
                          action=np.stack([f.action for f in picked]).astype(np.float32),
                          episode=np.zeros(len(picked), dtype=int), task=[f.task for f in picked])


def _exported(cfg: PolicyConfig, path) -> OnnxPolicy:
    torch.manual_seed(0)
    return OnnxPolicy(export_policy(VisuomotorPolicy(cfg).eval(), path, control_hz=20.0))


def test_teacher_labels_are_its_chunks_on_each_frame_given_the_frames_subtask(frames, tmp_path):
    teacher = _exported(TINY, tmp_path / "teacher.onnx")
    labels = teacher_chunks(teacher, frames, TINY.chunk, TINY.cameras, log=lambda s: None)
    assert labels.shape == (len(frames), TINY.chunk, 5) and labels.dtype == np.float32
    text = embed([frames.task[0]])[0]
    for i in (0, len(frames) - 1):
        expected = teacher({c: frames.images[c][i] for c in TINY.cameras}, frames.state[i], text)
        np.testing.assert_array_equal(labels[i], expected)
    assert np.ptp(labels[:, 0, :4], axis=0).max() > 0  # not one constant chunk: it looked at each frame


def test_a_teacher_that_cannot_stand_in_for_the_students_targets_is_refused(frames, tmp_path):
    longer = _exported(replace(TINY, chunk=4), tmp_path / "chunk4.onnx")
    with pytest.raises(ValueError, match="chunks of 4 actions; the student 3"):
        teacher_chunks(longer, frames, TINY.chunk, TINY.cameras)
    larger = _exported(replace(TINY, image_size=32), tmp_path / "32px.onnx")
    with pytest.raises(ValueError, match="takes 32 px images; the frames are 24 px"):
        teacher_chunks(larger, frames, TINY.chunk, TINY.cameras)
    one_camera = replace(frames, images={"front": frames.images["front"]})
    with pytest.raises(ValueError, match=r"needs cameras \['front', 'wrist'\]; the frames have \['front'\]"):
        teacher_chunks(_exported(TINY, tmp_path / "t.onnx"), one_camera, TINY.chunk, TINY.cameras)


@pytest.mark.parametrize("teacher_weight, follows", [(1.0, "teacher"), (0.0, "expert")])
def test_the_teacher_weight_decides_whose_actions_the_student_learns(frames, teacher_weight, follows):
    # Expert and teacher disagree everywhere: the expert says -0.5, the teacher +0.5 on every action component.
    data = replace(frames, action=np.full_like(frames.action, -0.5),
                   teacher=np.full((len(frames), TINY.chunk, 5), 0.5, dtype=np.float32))
    torch.manual_seed(0)
    policy = train(VisuomotorPolicy(TINY), data, TrainConfig(steps=150, batch_size=8, lr=3e-3, shift=0,
                                                             teacher_weight=teacher_weight), log=lambda s: None)
    with torch.no_grad():
        pred = policy({c: torch.from_numpy(data.images[c]) for c in TINY.cameras}, torch.from_numpy(data.state),
                      torch.from_numpy(embed(data.task)))
    target = 0.5 if follows == "teacher" else -0.5
    assert float(torch.abs(pred - target).mean()) < 0.15


def test_teacher_labels_join_with_their_frames_and_unlabelled_frames_are_refused(frames):
    labelled = replace(frames, teacher=np.zeros((len(frames), TINY.chunk, 5), np.float32))
    joined = replace(labelled, images=dict(labelled.images))
    joined.extend(replace(labelled, images=dict(labelled.images)))
    assert joined.teacher.shape == (2 * len(frames), TINY.chunk, 5) and len(joined) == 2 * len(frames)
    with pytest.raises(ValueError, match="labelled by a teacher cannot be joined with frames that are not"):
        joined.extend(replace(frames, images=dict(frames.images)))
    assert len(joined) == 2 * len(frames)  # left as it was


def test_train_refuses_a_teacher_it_cannot_distil_from(tmp_path):
    from typer.testing import CliRunner

    from robotstack.cli import app

    path = tmp_path / "tiny.onnx"
    _exported(TINY, path)
    runner = CliRunner(env={"COLUMNS": "200"})
    refused = runner.invoke(app, ["train", "student", "--teacher", str(path), "--work-dir", str(tmp_path)])
    assert refused.exit_code != 0 and "chunks of 3 actions from 24 px images; the student needs 8 from 96 px" \
        in refused.output
    missing = runner.invoke(app, ["train", "student", "--teacher", "nope", "--work-dir", str(tmp_path)])
    assert missing.exit_code != 0 and "neither a shipped policy" in missing.output


def test_the_model_card_says_what_a_student_was_distilled_from_and_how_to_reproduce_it():
    import json

    from robotstack.policies.pipeline import model_card
    from robotstack.weights import weights_dir

    shipped = json.loads((weights_dir() / "manifest.json").read_text())
    name, training = next((n, t) for n, t in shipped["trainings"].items()
                          if t["config"]["role"] == "student" and not t["config"]["grounded"])
    training = {k: v for k, v in training.items() if k != "teacher"}  # a plain student: no teacher at all
    training["config"] = {**training["config"], "teacher": None}
    assert "not from a\n  larger network" in model_card({**shipped, "trainings": {name: training}})
    distilled = {**training, "config": {**training["config"], "teacher": "student", "teacher_weight": 0.5}}
    card = model_card({**shipped, "trainings": {name: distilled}})
    assert "50% of the action loss on its chunks" in card and f"`{name}` from `student`" in card
    assert "--teacher student --teacher-weight 0.5`" in card  # no sha256 recorded: the name it was given
    pinned = {**distilled, "teacher": {"policy": "student", "sha256": "ab" * 32}}
    card = model_card({**shipped, "trainings": {name: pinned}})
    assert "--teacher TEACHER.onnx --teacher-weight 0.5`" in card and f"`{'ab' * 32}`: that file is TEACHER" in card
    compact = {**pinned, "config": {**pinned["config"], "arch": "compact"}}
    assert "--arch compact --teacher TEACHER.onnx" in model_card({**shipped, "trainings": {name: compact}})
    centimetres = {**pinned, "config": {**pinned["config"], "landmark_loss": "l1-cm"}}
    card = model_card({**shipped, "trainings": {name: centimetres}})
    assert "--landmark-loss l1-cm --teacher" in card and "L1 (in centimetres) regression" in card
    assert "--landmark-loss" not in model_card({**shipped, "trainings": {name: pinned}})
    # Every option that changes the weights is in the command that reproduces them (a wrist-ray run's too).
    rayed = {**training, "config": {**training["config"], "wrist_ray": True, "goal_ray": True, "misaim_share": 0.5,
                                    "dagger_episodes": 80, "joint_velocities": False}}
    card = model_card({**shipped, "trainings": {name: rayed}})
    assert "--dagger-episodes 80 --misaim-share 0.5 --no-joint-velocities --wrist-ray --goal-ray`" in card
    assert "--wrist-ray" not in model_card({**shipped, "trainings": {name: training}})
    # Each training's own network: trainings of different shapes (a language student's colour maps) each say theirs.
    coloured = {**training, "params": 257_009, "flops": 45_827_584,
                "architecture": {**training["architecture"], "grounded": True, "color_masks": True}}
    card = model_card({**shipped, "trainings": {name: training, "student-language": coloured}})
    assert f"{training['params']:,} parameters" in card and "257,009 parameters, 45.8 MFLOPs" in card
    assert card.count("named-colour maps") == 1 and "snapped to the grammar's vocabulary" in card
    cloned = {**training, "config": {**training["config"], "dagger_rounds": 0}}
    assert "- DAgger: none (behaviour cloning" in model_card({**shipped, "trainings": {name: cloned}})
    # A training whose steps ran on a GPU does not claim the development machine's wall time.
    assert "Wall time on the 2-core development machine" in card
    on_gpu = {**training, "config": {**training["config"], "device": "cuda"}}
    assert "Wall time with the training steps on `cuda`" in model_card({**shipped, "trainings": {name: on_gpu}})
    # A learning rate other than the default is in the recipe and its command (the teacher's, stop 31).
    assert "AdamW lr 1e-3 cosine" in card and "--lr" not in card
    slower = {**training, "config": {**training["config"], "lr": 3e-4}}
    card = model_card({**shipped, "trainings": {name: slower}})
    assert "AdamW lr 3e-4 cosine" in card and "--lr 0.0003`" in card
    # An expert share other than the default is in the command; a DAgger whose every round is the policy's says so.
    assert "--dagger-beta" not in card
    alone = {**training, "config": {**training["config"], "dagger_rounds": 2, "dagger_beta": 0.0}}
    card = model_card({**shipped, "trainings": {name: alone}})
    assert "--dagger-beta 0.0`" in card
    assert "2 rounds x 100 policy-led episodes (the expert never acts)" in card
    helped = {**training, "config": {**training["config"], "dagger_rounds": 4, "dagger_beta": 0.3}}
    assert "probability\n  0.3 in the first round" in model_card({**shipped, "trainings": {name: helped}})
    # A shipped teacher is described as one, and the students do not claim to be distilled from it.
    assert "No teacher is shipped" in card and "The **teacher**" not in card
    teacher = {**training, "flops": 618_729_216, "config": {**training["config"], "role": "teacher"}}
    card = model_card({**shipped, "trainings": {name: training, "teacher-ring": teacher}})
    assert "The **teacher** (`robotstack.policies.model.TEACHER`; `teacher-ring`)" in card and "618.7 MFLOPs" in card
    assert "None of the shipped students is distilled from the shipped teacher (`teacher-ring`)" in card
    assert "No teacher is shipped" not in card
    # A student distilled from the shipped teacher's file (by its sha256) names it, whatever path it was given.
    sha256 = shipped["files"]["teacher-ring"]["sha256"]
    from_it = {**training, "config": {**training["config"], "teacher": "runs/t/teacher-ring.onnx"},
               "teacher": {"policy": "runs/t/teacher-ring.onnx", "sha256": sha256}}
    card = model_card({**shipped, "trainings": {name: from_it, "teacher-ring": teacher}})
    assert f"`{name}` from `teacher-ring`" in card and "None of the shipped students" not in card
