"""Export to the ONNX policy contract: parity with torch, quantized bounds, and clear contract errors."""

import json

import numpy as np
import onnx
import pytest
import torch

from robotstack.policies.export import convert_fp16, export_policy, quantize_int8
from robotstack.policies.model import STUDENT, TEACHER, PolicyConfig, VisuomotorPolicy, count_flops
from robotstack.policy import OnnxPolicy, PolicyContractError, sha256_of
from onnx_policies import as_feed, random_observation

TINY = PolicyConfig("tiny", image_size=32, channels=(8, 16), strides=(2, 2), hidden=32, chunk=4)


def _inputs(rng, cfg=TINY):
    return random_observation(rng, cfg.image_size, cfg.cameras)


def _calibration(rng, frames: int) -> list[dict[str, np.ndarray]]:
    """Random observations as quantize_int8's calibration feeds (batch 1, the contract's input names)."""
    return [as_feed(*_inputs(rng)) for _ in range(frames)]


def _torch(policy, images, state, text):
    with torch.no_grad():
        return policy({c: torch.from_numpy(v[None]) for c, v in images.items()},
                      torch.from_numpy(state[None]), torch.from_numpy(text[None]))[0].numpy()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    torch.manual_seed(0)
    policy = VisuomotorPolicy(TINY).eval()
    policy.set_state_stats(torch.linspace(-1, 1, 22), torch.full((22,), 0.5))
    policy.set_text_stats(torch.nn.functional.normalize(torch.randn(6, 384), dim=1))
    path = tmp_path_factory.mktemp("policy") / "tiny.onnx"
    export_policy(policy, path, control_hz=20.0)
    return policy, path


def test_fp32_onnx_matches_torch(exported):
    policy, path = exported
    runtime = OnnxPolicy(path, threads=1)
    rng = np.random.default_rng(1)
    for _ in range(5):
        images, state, text = _inputs(rng)
        np.testing.assert_allclose(runtime(images, state, text), _torch(policy, images, state, text), atol=1e-5)
    assert runtime.spec.chunk == TINY.chunk and runtime.spec.cameras == ("front", "wrist")


def test_int8_and_fp16_stay_within_bounds(exported, tmp_path):
    policy, path = exported
    rng = np.random.default_rng(2)
    int8 = OnnxPolicy(quantize_int8(path, tmp_path / "int8.onnx", _calibration(rng, 32)))
    fp16 = OnnxPolicy(convert_fp16(path, tmp_path / "fp16.onnx"))
    worst_int8 = worst_fp16 = 0.0
    for _ in range(10):
        images, state, text = _inputs(rng)
        ref = _torch(policy, images, state, text)
        worst_int8 = max(worst_int8, float(np.abs(int8(images, state, text) - ref).max()))
        worst_fp16 = max(worst_fp16, float(np.abs(fp16(images, state, text) - ref).max()))
    assert worst_fp16 < 1e-2
    assert worst_int8 < 0.05, "int8 outside the documented bound of 0.05 on [-1, 1] actions"
    model = onnx.load(str(tmp_path / "int8.onnx"))
    assert any(n.op_type == "QuantizeLinear" for n in model.graph.node), "not a QDQ model"
    assert int8.spec.metadata["robotstack.precision"].startswith("int8")


def test_metadata_describes_io_and_normalisation(exported):
    _, path = exported
    meta = OnnxPolicy(path).spec.metadata
    io = json.loads(meta["robotstack.io"])
    assert set(io["inputs"]) == {"image_front", "image_wrist", "state", "instruction_embedding"}
    stats = json.loads(meta["robotstack.state_stats"])
    assert stats["mean"][0] == pytest.approx(-1.0) and stats["std"][0] == pytest.approx(0.5)
    text = json.loads(meta["robotstack.text_stats"])
    assert len(text["mean"]) == 384 and 0 < text["scale"] < 1


def test_instruction_standardisation_makes_the_colour_the_signal():
    from robotstack.policies.text_encoder import embed

    phrases = [f"put the {ring} ring on the {peg} peg" for ring in ("red", "green", "blue") for peg in ("red", "blue")]
    table = torch.from_numpy(embed(phrases + ["plug the cable into the socket"]))
    policy = VisuomotorPolicy(TINY)
    policy.set_text_stats(table)
    standardised = (table - policy.text_mean) / policy.text_scale
    assert 0.8 < float(standardised.norm(dim=1).mean()) < 1.2  # as large as a MiniLM embedding, all of it contrast
    raw_gap = float((table[0] - table[2]).norm())  # red vs green ring, same peg
    assert float((standardised[0] - standardised[2]).norm()) > 2 * raw_gap
    # A checkpoint from before standardisation loads with identity statistics (it was trained on raw embeddings).
    older = {k: v for k, v in policy.state_dict().items() if k not in ("text_mean", "text_scale")}
    single = VisuomotorPolicy(TINY)
    single.load_state_dict(older)
    assert float(single.text_scale) == 1.0 and not single.text_mean.any()
    single.set_text_stats(table[:1])  # one phrase: centred, not blown up
    assert float(single.text_scale) == 1.0


def test_a_grounded_policy_conditions_on_the_named_subtask_in_every_precision(tmp_path):
    """The embedding of a vocabulary phrase comes out as its subtask's attributes, so "the red ring on the blue
    peg" and its colour swap (MiniLM cosine 0.998) condition the policy differently, in fp32 and fp16 alike."""
    from dataclasses import replace

    from robotstack.policies.text_encoder import embed
    from robotstack.skills import Subtask, attributes, vocabulary

    torch.manual_seed(0)
    policy = VisuomotorPolicy(replace(TINY, grounded=True)).eval()
    policy.grounding.set_phrases(torch.from_numpy(embed([phrase for phrase, _ in vocabulary()])))
    swap = ["put the red ring on the blue peg", "put the blue ring on the red peg", "insert the plug into the socket"]
    texts = embed(swap)
    with torch.no_grad():
        codes = policy.grounding(torch.from_numpy(texts))
    expected = torch.tensor([attributes(s) for s in (Subtask("place_ring", {"ring": "red", "peg": "blue"}),
                                                     Subtask("place_ring", {"ring": "blue", "peg": "red"}),
                                                     Subtask("plug_cable"))])
    torch.testing.assert_close(codes, expected, atol=1e-3, rtol=0)
    path = export_policy(policy, tmp_path / "grounded.onnx", control_hz=20.0)
    fp16 = OnnxPolicy(convert_fp16(path, tmp_path / "grounded-fp16.onnx"))
    images, state, _ = _inputs(np.random.default_rng(3))
    reference = [_torch(policy, images, state, t) for t in texts]
    assert np.abs(reference[0] - reference[1]).max() > 1e-3  # the swap is a different task to the policy
    for text, ref in zip(texts, reference):
        np.testing.assert_allclose(OnnxPolicy(path)(images, state, text), ref, atol=1e-5)
        np.testing.assert_allclose(fp16(images, state, text), ref, atol=1e-2)
    assert json.loads(OnnxPolicy(path).spec.metadata["robotstack.policy_config"])["grounded"] is True
    # The kept-fp32 grounding computes in fp32 in the fp16 file, its eps included: an all-zero embedding (nothing
    # to normalise) gives fp32's actions, not the NaN of a 1e-12 eps cast through fp16 to 0.
    zero = np.zeros_like(texts[0])
    np.testing.assert_allclose(fp16(images, state, zero), OnnxPolicy(path)(images, state, zero), atol=1e-2)


def test_missing_file_and_sha_mismatch_fail_clearly(exported, tmp_path):
    _, path = exported
    with pytest.raises(FileNotFoundError, match="does not exist"):
        OnnxPolicy(tmp_path / "nope.onnx")
    with pytest.raises(PolicyContractError, match="sha256"):
        OnnxPolicy(path, expected_sha256="0" * 64)
    assert OnnxPolicy(path, expected_sha256=sha256_of(path)).spec.image_size == TINY.image_size


def test_a_file_without_contract_metadata_is_refused(exported, tmp_path):
    _, path = exported
    model = onnx.load(str(path))
    del model.metadata_props[:]
    bare = tmp_path / "bare.onnx"
    onnx.save(model, str(bare))
    with pytest.raises(PolicyContractError, match="robotstack.contract"):
        OnnxPolicy(bare)


def test_a_file_with_wrong_inputs_is_refused(exported, tmp_path):
    _, path = exported
    model = onnx.load(str(path))
    model.graph.input[2].name = "proprio"
    for node in model.graph.node:
        node.input[:] = ["proprio" if i == "state" else i for i in node.input]
    renamed = tmp_path / "renamed.onnx"
    onnx.save(model, str(renamed))
    with pytest.raises(PolicyContractError, match="inputs are"):
        OnnxPolicy(renamed)


def test_garbage_file_is_refused(tmp_path):
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not an onnx file")
    with pytest.raises(PolicyContractError, match="could not load"):
        OnnxPolicy(junk)


def test_student_has_at_least_ten_times_fewer_flops_than_teacher():
    student, teacher = count_flops(VisuomotorPolicy(STUDENT)), count_flops(VisuomotorPolicy(TEACHER))
    assert teacher >= 10 * student


def test_a_separable_policy_counts_its_flops_and_exports_in_every_precision(tmp_path):
    from dataclasses import replace

    torch.manual_seed(0)
    separable = replace(TINY, name="tiny-separable", separable=True)
    policy = VisuomotorPolicy(separable).eval()
    # Per camera: 32 px -> 16 (3 depthwise 5x5, then 3 -> 8) -> 8 (8 depthwise 3x3, then 8 -> 16).
    convs = 2 * (16 * 16 * (3 * 25 + 8 * 3) + 8 * 8 * (8 * 9 + 16 * 8))  # MACs, both cameras
    dense = 2 * (16 * 16 * 8 * 75 + 8 * 8 * 16 * 72)  # the same layers as full convolutions
    assert count_flops(policy) - count_flops(VisuomotorPolicy(TINY)) == 2 * convs - 2 * dense
    path = export_policy(policy, tmp_path / "separable.onnx", control_hz=20.0)
    rng = np.random.default_rng(4)
    fp32, int8 = OnnxPolicy(path), OnnxPolicy(quantize_int8(path, tmp_path / "int8.onnx", _calibration(rng, 32)))
    for _ in range(5):
        images, state, text = _inputs(rng)
        ref = _torch(policy, images, state, text)
        np.testing.assert_allclose(fp32(images, state, text), ref, atol=1e-5)
        assert float(np.abs(int8(images, state, text) - ref).max()) < 0.05
    groups = [a.i for n in onnx.load(str(path)).graph.node if n.op_type == "Conv" for a in n.attribute
              if a.name == "group"]
    assert sorted(groups) == [1, 1, 1, 1, 3, 3, 8, 8]  # the depthwise layers of both cameras are in the graph


def test_int8_quantizes_each_convolution_once_over_its_relus_range(exported, tmp_path):
    _, path = exported
    model = onnx.load(str(quantize_int8(path, tmp_path / "int8.onnx", _calibration(np.random.default_rng(3), 16))))
    inits = {i.name: onnx.numpy_helper.to_array(i) for i in model.graph.initializer}
    consumers = {i: n for n in model.graph.node for i in n.input}
    for conv in (n for n in model.graph.node if n.op_type == "Conv"):
        after = consumers[conv.output[0]]
        # Straight into one QuantizeLinear with zero point 0: the ReLU's [0, max] range, not the conv's [min, max].
        assert after.op_type == "QuantizeLinear" and int(inits[after.input[2]]) == 0, conv.name


def test_quantize_command_calibrates_on_the_policys_own_episodes_or_writes_fp16(exported, tmp_path):
    from typer.testing import CliRunner

    from robotstack.cli import app
    from robotstack.policies.pipeline import rollout_calibration

    _, path = exported
    frames = rollout_calibration(path, "robotstack/RingPlacement-v0", [50_001], frames=20)
    assert len(frames) == 20
    assert set(frames[0]) == {"image_front", "image_wrist", "state", "instruction_embedding"}
    assert frames[0]["state"].shape == (1, 22) and frames[0]["image_front"].dtype == np.uint8
    runner = CliRunner(env={"COLUMNS": "200"})
    out = tmp_path / "q.onnx"
    result = runner.invoke(app, ["quantize", "--policy", str(path), "--episodes", "1", "--seed", "50002",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert OnnxPolicy(out).spec.metadata["robotstack.precision"].startswith("int8")
    refused = runner.invoke(app, ["quantize", "--policy", str(path), "--seed", "999990", "--out", str(out)])
    assert refused.exit_code != 0 and "evaluation seeds" in refused.output
    half = tmp_path / "h.onnx"
    result = runner.invoke(app, ["quantize", "--policy", str(path), "--precision", "fp16", "--out", str(half)])
    assert result.exit_code == 0, result.output
    assert OnnxPolicy(half).spec.metadata["robotstack.precision"] == "fp16"
    refused = runner.invoke(app, ["quantize", "--policy", str(path), "--precision", "int4", "--out", str(half)])
    assert refused.exit_code != 0 and "int8, fp16" in refused.output
    refused = runner.invoke(app, ["quantize", "--policy", str(path), "--skill", "plug_cable", "--out", str(out)])
    assert refused.exit_code != 0 and "on robotstack/LanguageTabletop-v0 only" in refused.output
