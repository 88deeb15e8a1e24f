"""Policy ensembles: one contract file whose chunk is the mean of its members', and clear refusals."""

import json

import numpy as np
import onnx
import pytest
from typer.testing import CliRunner

from robotstack.cli import app
from robotstack.policies.ensemble import ENSEMBLE_KEY, EnsembleError, ensemble_member, ensemble_policies
from robotstack.policies.export import quantize_int8
from robotstack.policy import OnnxPolicy, sha256_of
from onnx_policies import as_feed, random_observation, tiny_config, tiny_student

TINY = tiny_config()


@pytest.fixture(scope="module")
def members(tmp_path_factory):
    folder = tmp_path_factory.mktemp("members")
    return [tiny_student(folder / f"m{i}.onnx", seed=i) for i in range(3)]


def test_the_ensemble_outputs_the_mean_of_its_members(members, tmp_path):
    joined = OnnxPolicy(ensemble_policies(members, tmp_path / "e.onnx"), threads=1)
    singles = [OnnxPolicy(m, threads=1) for m in members]
    rng = np.random.default_rng(0)
    for _ in range(4):
        images, state, text = random_observation(rng, TINY.image_size)
        chunks = [p(images, state, text) for p in singles]
        assert np.abs(chunks[0] - chunks[1]).max() > 1e-3  # the members really differ
        np.testing.assert_allclose(joined(images, state, text), np.mean(chunks, axis=0), atol=1e-6)
    assert joined.spec.chunk == TINY.chunk
    listing = json.loads(joined.spec.metadata[ENSEMBLE_KEY])
    assert [m["sha256"] for m in listing] == [sha256_of(m) for m in members]
    # Each member's own normalisation statistics travel in its entry, not at the top as if they were shared.
    assert "robotstack.state_stats" not in joined.spec.metadata
    assert all("robotstack.state_stats" in m["metadata"] for m in listing)


def test_an_ensemble_quantizes_every_members_convolutions(members, tmp_path):
    rng = np.random.default_rng(1)
    feeds = [as_feed(*random_observation(rng, TINY.image_size)) for _ in range(8)]
    int8 = quantize_int8(ensemble_policies(members[:2], tmp_path / "e.onnx"), tmp_path / "e8.onnx", feeds)
    model = onnx.load(str(int8))
    consumers = {i: n for n in model.graph.node for i in n.input}
    convs = [n for n in model.graph.node if n.op_type == "Conv"]
    assert len(convs) == 2 * 2 * len(TINY.channels)  # two members, two cameras each
    assert all(consumers[c.output[0]].op_type == "QuantizeLinear" for c in convs)


def test_members_that_disagree_on_the_contract_are_refused(members, tmp_path):
    other = tiny_student(tmp_path / "chunk8.onnx", seed=5, cfg=tiny_config(name="tiny8", chunk=8))
    with pytest.raises(EnsembleError, match="chunk8.onnx.*contract I/O"):
        ensemble_policies([members[0], other], tmp_path / "e.onnx")
    with pytest.raises(EnsembleError, match="at least two"):
        ensemble_policies([members[0]], tmp_path / "e.onnx")
    nested = ensemble_policies(members[:2], tmp_path / "nested.onnx")
    with pytest.raises(EnsembleError, match="ensemble already"):
        ensemble_policies([nested, members[2]], tmp_path / "e.onnx")
    assert not (tmp_path / "e.onnx").exists()


def test_ensemble_command(members, tmp_path):
    runner = CliRunner(env={"COLUMNS": "200"})
    out = tmp_path / "cli.onnx"
    result = runner.invoke(app, ["ensemble", "--member", str(members[0]), "--member", str(members[1]),
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(OnnxPolicy(out).spec.metadata[ENSEMBLE_KEY])) == 2
    refused = runner.invoke(app, ["ensemble", "--member", str(members[0]), "--member", "no-such-policy",
                                  "--out", str(tmp_path / "bad.onnx")])
    assert refused.exit_code != 0 and "no-such-policy" in refused.output
    assert not (tmp_path / "bad.onnx").exists()


def test_a_member_taken_out_of_an_ensemble_is_the_policy_that_was_joined(members, tmp_path):
    joined = ensemble_policies(members, tmp_path / "e.onnx")
    taken = OnnxPolicy(ensemble_member(joined, 1, tmp_path / "m1.onnx"), threads=1)
    original = OnnxPolicy(members[1], threads=1)
    rng = np.random.default_rng(2)
    for _ in range(3):
        observation = random_observation(rng, TINY.image_size)
        np.testing.assert_array_equal(taken(*observation), original(*observation))
    assert taken.spec.metadata == original.spec.metadata  # its own normalisation statistics back at the top
    for index, says in ((3, "has 3 members; member index 3"), (-1, "member index -1")):
        with pytest.raises(EnsembleError, match=says):
            ensemble_member(joined, index, tmp_path / "bad.onnx")
    with pytest.raises(EnsembleError, match="not an ensemble"):
        ensemble_member(members[0], 0, tmp_path / "bad.onnx")
    rng = np.random.default_rng(3)
    int8 = quantize_int8(joined, tmp_path / "e8.onnx", [as_feed(*random_observation(rng, TINY.image_size))])
    with pytest.raises(EnsembleError, match="take a member out of the fp32 ensemble"):
        ensemble_member(int8, 0, tmp_path / "bad.onnx")
    assert not (tmp_path / "bad.onnx").exists()
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(app, ["unensemble", "--policy", str(joined), "--member", "2", "--out",
                                 str(tmp_path / "cli.onnx")])
    assert result.exit_code == 0, result.output
    assert OnnxPolicy(tmp_path / "cli.onnx").spec.metadata == OnnxPolicy(members[2]).spec.metadata
    refused = runner.invoke(app, ["unensemble", "--policy", str(joined), "--member", "5", "--out",
                                  str(tmp_path / "bad.onnx")])
    assert refused.exit_code != 0 and "member index 5" in refused.output


def test_a_published_ensemble_is_in_the_manifest_and_card_until_a_retrained_network_replaces_it(members, tmp_path):
    import shutil

    from robotstack.policies.pipeline import model_card, publish, publish_ensemble
    from robotstack.weights import weights_dir

    shipped = json.loads((weights_dir() / "manifest.json").read_text())
    card = model_card(shipped)
    for entry in shipped.get("ensembles", {}).values():
        assert "**ensemble**" in card and all(m["sha256"][:12] in card for m in entry["members"])
    folder = tmp_path / "weights"
    shutil.copytree(weights_dir(), folder)
    training = shipped["trainings"]["student-ring"]
    evaluation = {"task": "robotstack/RingPlacement-v0", "successes": 1, "episodes": 2, "ci95": [0.1, 0.9],
                  "seeds": [1000000, 1000001]}
    joined = ensemble_policies(members[:2], tmp_path / "student-ring.onnx")
    entry = {"student-ring": {"file": "student-ring.onnx", "sha256": sha256_of(joined), "eval": evaluation}}
    listed = [{"name": f"m{i}", "file": m.name, "sha256": sha256_of(m), "commit": None, "training": f"ring-m{i}"}
              for i, m in enumerate(members[:2])]
    with pytest.raises(ValueError, match="ring-m1"):
        publish_ensemble("student-ring", "robotstack/RingPlacement-v0", entry, tmp_path, listed,
                         {"ring-m0": training}, "robotstack ensemble ...", folder)
    publish_ensemble("student-ring", "robotstack/RingPlacement-v0", entry, tmp_path, listed,
                     {"ring-m0": training, "ring-m1": training}, "robotstack ensemble ...", folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["files"]["student-ring"]["sha256"] == sha256_of(folder / "student-ring.onnx") == sha256_of(joined)
    assert manifest["ensembles"]["student-ring"]["flops"] == 2 * training["flops"]
    assert "student-ring" not in manifest["trainings"]  # the replaced single network's training is not listed
    card = (folder / "MODEL_CARD.md").read_text()
    assert "`student-ring` is an **ensemble**" in card and all(m["sha256"][:12] in card for m in listed)
    assert "`ring-m1`" in card

    shutil.copyfile(members[0], tmp_path / "student-ring.onnx")
    summary = {**{k: training[k] for k in ("config", "architecture", "params", "flops", "train_wall_s", "frames")},
               "files": {"student-ring": {"file": "student-ring.onnx", "sha256": sha256_of(members[0]),
                                          "eval": evaluation}}}
    publish(summary, tmp_path, folder)
    republished = json.loads((folder / "manifest.json").read_text())
    assert "student-ring" not in republished["ensembles"]
    assert "`student-ring` is an **ensemble**" not in (folder / "MODEL_CARD.md").read_text()
