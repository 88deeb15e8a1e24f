"""Members that take turns: one contract file that runs one member per inference, its ``turn`` fed by the runtime."""

import json

import numpy as np
import onnx
import pytest
from typer.testing import CliRunner

from robotstack.cli import app
from robotstack.loop import ControlLoop, LoopConfig
from robotstack.policies.ensemble import TURNS_KEY, EnsembleError, ensemble_member, ensemble_policies, turns_policies
from robotstack.policies.export import quantize_int8
from robotstack.policies.routing import route_policies, routed_member
from robotstack.policies.text_encoder import embed
from robotstack.policy import TURN_INPUT, OnnxPolicy, PolicyContractError, sha256_of
from onnx_policies import Recorder, as_feed, constant_policy, random_observation, tiny_config, tiny_student

TINY = tiny_config()


@pytest.fixture(scope="module")
def members(tmp_path_factory):
    folder = tmp_path_factory.mktemp("members")
    return [tiny_student(folder / f"m{i}.onnx", seed=i) for i in range(3)]


def test_inference_k_runs_member_k_mod_n_alone_and_each_episode_starts_at_the_first(members, tmp_path):
    turns = OnnxPolicy(turns_policies(members, tmp_path / "t.onnx"), threads=1)
    singles = [OnnxPolicy(m, threads=1) for m in members]
    assert turns.spec.takes_turn and not singles[0].spec.takes_turn
    observation = random_observation(np.random.default_rng(0), TINY.image_size)
    chunks = [p(*observation) for p in singles]
    assert min(np.abs(a - b).max() for a, b in ((chunks[0], chunks[1]), (chunks[1], chunks[2]))) > 1e-3
    for k in range(7):
        np.testing.assert_array_equal(turns(*observation), chunks[k % 3])
    turns.start_episode()
    np.testing.assert_array_equal(turns(*observation), chunks[0])
    listing = json.loads(turns.spec.metadata[TURNS_KEY])
    assert [m["sha256"] for m in listing] == [sha256_of(m) for m in members]


def test_the_control_loop_starts_every_episode_at_the_first_member(tmp_path):
    from robotstack.sim import make_env
    from robotstack.sim.bridge import SimBridge

    down, up = [0.0, 0.0, -0.5, 0.0, -1.0], [0.0, 0.0, 0.5, 0.0, -1.0]
    turns = OnnxPolicy(turns_policies([constant_policy(tmp_path / "down.onnx", down),
                                       constant_policy(tmp_path / "up.onnx", up)], tmp_path / "t.onnx"), threads=1)
    bridge = SimBridge(make_env("ring", image_size=32).unwrapped)
    loop = ControlLoop(turns, LoopConfig(image_size=32, mode="sync"))
    firsts = []
    for seed in (0, 1):  # three ticks an episode: without a new start the second would begin with the other member
        bridge.reset(seed)
        sink = Recorder(bridge)
        loop.run_episode(bridge, sink, np.zeros(384, dtype=np.float32), max_ticks=3)
        assert np.sign([a[2] for a in sink.actions]).tolist() == [-1.0, 1.0, -1.0]
        firsts.append(sink.actions[0])
    np.testing.assert_array_equal(firsts[0], firsts[1])


def test_members_of_int8_join_as_they_are_and_an_inference_costs_one_member(members, tmp_path):
    from robotstack.profiles import load_profile
    from robotstack.projection import project

    rng = np.random.default_rng(2)
    feeds = [as_feed(*random_observation(rng, TINY.image_size)) for _ in range(8)]
    int8 = [quantize_int8(m, tmp_path / f"m{i}-int8.onnx", feeds) for i, m in enumerate(members[:2])]
    turns = OnnxPolicy(turns_policies(int8, tmp_path / "t8.onnx"), threads=1)
    observation = random_observation(rng, TINY.image_size)
    for k in range(4):
        np.testing.assert_array_equal(turns(*observation), OnnxPolicy(int8[k % 2], threads=1)(*observation))
    profile = load_profile("jetson-orin-nano-super")
    one, taking_turns = project(int8[0], profile), project(tmp_path / "t8.onnx", profile)
    mean = project(ensemble_policies(members[:2], tmp_path / "mean.onnx"), profile)
    assert "costliest of 2 If paths: turn_" in taking_turns.model
    assert taking_turns.total_flops < 1.01 * one.total_flops < 0.6 * mean.total_flops


def test_a_member_taken_out_of_a_turns_file_is_the_policy_that_was_joined(members, tmp_path):
    joined = turns_policies(members, tmp_path / "t.onnx")
    taken = OnnxPolicy(ensemble_member(joined, 2, tmp_path / "m2.onnx"), threads=1)
    original = OnnxPolicy(members[2], threads=1)
    assert not taken.spec.takes_turn  # a member alone does not read the turn
    assert taken.spec.metadata == original.spec.metadata
    observation = random_observation(np.random.default_rng(3), TINY.image_size)
    np.testing.assert_array_equal(taken(*observation), original(*observation))
    with pytest.raises(EnsembleError, match="ensemble already"):
        turns_policies([joined, members[0]], tmp_path / "bad.onnx")
    with pytest.raises(EnsembleError, match="ensemble already"):
        ensemble_policies([joined, members[0]], tmp_path / "bad.onnx")
    assert not (tmp_path / "bad.onnx").exists()


def test_a_route_whose_members_take_turns_reads_the_turn_for_that_route_only(members, tmp_path):
    plug = turns_policies(members[1:], tmp_path / "plug-turns.onnx")
    routed = OnnxPolicy(route_policies({"place_ring": members[0], "plug_cable": plug}, tmp_path / "r.onnx"),
                        threads=1)
    assert routed.spec.takes_turn
    ring_text, plug_text = embed(["put the red ring on the blue peg", "plug the cable into the socket"])
    images, state, _ = random_observation(np.random.default_rng(4), TINY.image_size)
    singles = [OnnxPolicy(m, threads=1) for m in members]
    # every inference counts a turn, whichever route it runs; the plug route runs its members by the turn's parity
    for turn, text in enumerate([plug_text, plug_text, ring_text, plug_text, ring_text, plug_text]):
        chosen = singles[0] if text is ring_text else singles[1 + turn % 2]
        np.testing.assert_array_equal(routed(images, state, text), chosen(images, state, text))
    ring_alone = OnnxPolicy(routed_member(tmp_path / "r.onnx", "place_ring", tmp_path / "ring.onnx"))
    plug_again = OnnxPolicy(routed_member(tmp_path / "r.onnx", "plug_cable", tmp_path / "plug.onnx"))
    assert not ring_alone.spec.takes_turn and plug_again.spec.takes_turn
    assert TURNS_KEY in plug_again.spec.metadata


def test_a_turn_input_of_another_type_breaks_the_contract(members, tmp_path):
    model = onnx.load(str(turns_policies(members[:2], tmp_path / "t.onnx")))
    turn = next(i for i in model.graph.input if i.name == TURN_INPUT)
    turn.type.tensor_type.elem_type = onnx.TensorProto.FLOAT
    onnx.save(model, str(tmp_path / "float-turn.onnx"))
    with pytest.raises((PolicyContractError,), match="turn"):
        OnnxPolicy(tmp_path / "float-turn.onnx")


def test_cli_joins_members_that_take_turns_and_quantize_refuses_the_joined_file(members, tmp_path):
    runner = CliRunner(env={"COLUMNS": "200"})
    out = tmp_path / "cli.onnx"
    result = runner.invoke(app, ["ensemble", "--turns", "--member", str(members[0]), "--member", str(members[1]),
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "taking turns" in result.output and OnnxPolicy(out).spec.takes_turn
    refused = runner.invoke(app, ["quantize", "--policy", str(out), "--out", str(tmp_path / "q.onnx")])
    assert refused.exit_code != 0 and "quantize each network" in refused.output
    assert not (tmp_path / "q.onnx").exists()


def test_a_published_turns_file_costs_one_member_in_the_manifest_and_says_so_in_the_card(members, tmp_path):
    import shutil

    from robotstack.policies.pipeline import publish_ensemble
    from robotstack.weights import weights_dir

    shipped = json.loads((weights_dir() / "manifest.json").read_text())
    folder = tmp_path / "weights"
    shutil.copytree(weights_dir(), folder)
    training = shipped["trainings"]["student-ring"]
    joined = turns_policies(members[:2], tmp_path / "student-ring.onnx")
    evaluation = {"task": "robotstack/RingPlacement-v0", "successes": 1, "episodes": 2, "ci95": [0.1, 0.9],
                  "seeds": [1000000, 1000001]}
    entry = {"student-ring": {"file": "student-ring.onnx", "sha256": sha256_of(joined), "eval": evaluation}}
    listed = [{"name": f"m{i}", "file": m.name, "sha256": sha256_of(m), "commit": None, "training": f"ring-m{i}"}
              for i, m in enumerate(members[:2])]
    publish_ensemble("student-ring", "robotstack/RingPlacement-v0", entry, tmp_path, listed,
                     {"ring-m0": training, "ring-m1": training}, "robotstack ensemble --turns ...", folder, turns=True)
    ensemble = json.loads((folder / "manifest.json").read_text())["ensembles"]["student-ring"]
    assert ensemble["combine"] == "turns" and ensemble["flops"] == training["flops"]
    assert ensemble["params"] == 2 * training["params"]
    assert "runs one of them per inference, in turn" in (folder / "MODEL_CARD.md").read_text()
