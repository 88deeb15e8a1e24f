"""Skill routes: one contract file that runs the policy of the skill its instruction names, and clear refusals."""

import json

import numpy as np
import onnx
import pytest
from typer.testing import CliRunner

from robotstack.cli import app
from robotstack.policies.ensemble import EnsembleError, ensemble_policies
from robotstack.policies.export import convert_fp16, quantize_int8
from robotstack.policies.routing import ROUTES_KEY, RoutingError, route_policies, routed_member
from robotstack.policies.text_encoder import embed
from robotstack.policy import OnnxPolicy, sha256_of
from onnx_policies import as_feed, constant_policy, random_observation, tiny_config, tiny_student

TINY = tiny_config()
RING_PHRASES = ["put the red ring on the blue peg", "move the green ring to the orange peg"]
PLUG_PHRASES = ["plug the cable into the socket", "insert the plug into the socket"]


@pytest.fixture(scope="module")
def members(tmp_path_factory):
    folder = tmp_path_factory.mktemp("members")
    return {"place_ring": tiny_student(folder / "ring.onnx", 0), "plug_cable": tiny_student(folder / "plug.onnx", 1)}


def test_each_instruction_runs_its_skills_policy_alone(members, tmp_path):
    routed = OnnxPolicy(route_policies(members, tmp_path / "r.onnx"), threads=1)
    ring, plug = (OnnxPolicy(members[s], threads=1) for s in ("place_ring", "plug_cable"))
    rng = np.random.default_rng(0)
    images, state, _ = random_observation(rng, TINY.image_size)
    for phrases, chosen, other in ((RING_PHRASES, ring, plug), (PLUG_PHRASES, plug, ring)):
        for text in embed(phrases):
            chunk = routed(images, state, text)
            assert np.abs(chunk - other(images, state, text)).max() > 1e-3  # the members really differ
            np.testing.assert_array_equal(chunk, chosen(images, state, text))
    # A wording outside the grammar still goes to the nearest phrasing's skill.
    text = embed(["push the connector into its port"])[0]
    np.testing.assert_array_equal(routed(images, state, text), plug(images, state, text))
    listing = json.loads(routed.spec.metadata[ROUTES_KEY])
    assert {s: e["sha256"] for s, e in listing.items()} == {s: sha256_of(p) for s, p in members.items()}
    assert routed.spec.chunk == TINY.chunk


def test_the_routed_graph_runs_one_member_per_inference(members, tmp_path):
    model = onnx.load(str(route_policies(members, tmp_path / "r.onnx")))
    top_convs = [n for n in model.graph.node if n.op_type == "Conv"]
    branches = [n for n in model.graph.node if n.op_type == "If"]
    assert not top_convs and len(branches) == 1  # the networks live only inside the If's two branches
    for attribute in branches[0].attribute:
        assert sum(n.op_type == "Conv" for n in attribute.g.node) == 2 * len(TINY.channels)


def test_int8_and_fp16_members_route_to_a_policy_of_their_precision(members, tmp_path):
    rng = np.random.default_rng(1)
    feeds = [as_feed(*random_observation(rng, TINY.image_size)) for _ in range(8)]
    int8 = {s: quantize_int8(p, tmp_path / f"{s}-int8.onnx", feeds) for s, p in members.items()}
    routed = OnnxPolicy(route_policies(int8, tmp_path / "r8.onnx"), threads=1)
    images, state, _ = random_observation(rng, TINY.image_size)
    text = embed(PLUG_PHRASES[:1])[0]
    np.testing.assert_array_equal(routed(images, state, text), OnnxPolicy(int8["plug_cable"])(images, state, text))
    # fp16 members: the converter leaves their input casts at the end of the graph, which an If branch refuses
    # unless sorted.
    half = {s: convert_fp16(p, tmp_path / f"{s}-fp16.onnx") for s, p in members.items()}
    routed = OnnxPolicy(route_policies(half, tmp_path / "r16.onnx"), threads=1)
    np.testing.assert_allclose(routed(images, state, text), OnnxPolicy(half["plug_cable"])(images, state, text),
                               atol=2e-3)


def test_routes_are_refused_with_the_reason(members, tmp_path):
    with pytest.raises(RoutingError, match=r"missing \['plug_cable'\]"):
        route_policies({"place_ring": members["place_ring"]}, tmp_path / "r.onnx")
    with pytest.raises(RoutingError, match=r"unknown \['stack_blocks'\]"):
        route_policies({**members, "stack_blocks": members["place_ring"]}, tmp_path / "r.onnx")
    other_chunk = constant_policy(tmp_path / "c.onnx", [0, 0, 0, 0, 1], chunk=8, image_size=TINY.image_size)
    with pytest.raises(RoutingError, match="contract I/O"):
        route_policies({**members, "plug_cable": other_chunk}, tmp_path / "r.onnx")
    routed = route_policies(members, tmp_path / "r.onnx")
    with pytest.raises(RoutingError, match="routes skills already"):
        route_policies({**members, "plug_cable": routed}, tmp_path / "r2.onnx")
    assert not (tmp_path / "r2.onnx").exists()
    with pytest.raises(EnsembleError, match="join each skill's members, then route"):
        ensemble_policies([routed, members["place_ring"]], tmp_path / "e.onnx")


def test_cli_route_writes_the_file_and_names_a_malformed_route(members, tmp_path):
    out = tmp_path / "cli.onnx"
    result = CliRunner().invoke(app, ["route", "--skill", f"place_ring={members['place_ring']}",
                                      "--skill", f"plug_cable={members['plug_cable']}", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert ROUTES_KEY in OnnxPolicy(out).spec.metadata
    result = CliRunner().invoke(app, ["route", "--skill", str(members["place_ring"]), "--out", str(out)])
    assert result.exit_code != 0 and "SKILL=POLICY" in result.output


def test_unroute_gives_back_each_member_as_the_policy_it_was_routed_from(members, tmp_path):
    routed = route_policies(members, tmp_path / "r.onnx")
    rng = np.random.default_rng(1)
    images, state, _ = random_observation(rng, TINY.image_size)
    text = embed(["plug the cable into the socket"])[0]
    for skill, original in members.items():
        out = tmp_path / f"{skill}.onnx"
        result = CliRunner().invoke(app, ["unroute", "--policy", str(routed), "--skill", skill, "--out", str(out)])
        assert result.exit_code == 0, result.output
        member, source = OnnxPolicy(out, threads=1), OnnxPolicy(original, threads=1)
        # Whatever the instruction, the member runs its own network: the route's choice is gone with the route.
        np.testing.assert_array_equal(member(images, state, text), source(images, state, text))
        assert member.spec.metadata == source.spec.metadata  # its own statistics and recipe back at the top
    routed_again = route_policies({s: tmp_path / f"{s}.onnx" for s in members}, tmp_path / "again.onnx")
    np.testing.assert_array_equal(OnnxPolicy(routed_again, threads=1)(images, state, text),
                                  OnnxPolicy(routed, threads=1)(images, state, text))
    wrong_skill = CliRunner().invoke(app, ["unroute", "--policy", str(routed), "--skill", "stack_cups"])
    assert wrong_skill.exit_code != 0 and "'stack_cups'" in wrong_skill.output and "place_ring" in wrong_skill.output
    not_routed = CliRunner().invoke(app, ["unroute", "--policy", str(members["place_ring"]), "--skill", "place_ring"])
    assert not_routed.exit_code != 0 and "routes no skills" in not_routed.output
    damaged = onnx.load(str(members["place_ring"]))  # says it routes, has no branches
    damaged.metadata_props.add(key=ROUTES_KEY, value=json.dumps({s: {"metadata": {}} for s in members}))
    onnx.save(damaged, str(tmp_path / "damaged.onnx"))
    with pytest.raises(RoutingError, match="no branch route_plug_cable"):
        routed_member(tmp_path / "damaged.onnx", "plug_cable", tmp_path / "never.onnx")
    assert not (tmp_path / "never.onnx").exists()


def test_published_routes_are_in_the_manifest_and_card_until_a_retrained_network_replaces_them(members, tmp_path):
    import shutil

    from robotstack.policies.pipeline import publish, publish_routes
    from robotstack.weights import weights_dir

    folder = tmp_path / "weights"
    shutil.copytree(weights_dir(), folder)
    shipped = json.loads((folder / "manifest.json").read_text())
    language = shipped["trainings"]["student-language"]
    plug = {**language, "flops": language["flops"] // 2, "params": 1000}
    routed = route_policies(members, tmp_path / "student-language.onnx")
    evaluation = {"task": "robotstack/LanguageTabletop-v0", "successes": 1, "episodes": 2, "ci95": [0.1, 0.9],
                  "seeds": [1000000, 1000001]}
    entry = {"student-language": {"file": routed.name, "sha256": sha256_of(routed), "eval": evaluation}}
    listed = [{"skill": "place_ring", "name": "student-language", "file": members["place_ring"].name,
               "sha256": sha256_of(members["place_ring"]), "commit": "abc1234", "training": "student-language"},
              {"skill": "plug_cable", "name": "plug", "file": members["plug_cable"].name,
               "sha256": sha256_of(members["plug_cable"]), "commit": None, "training": "language-plug"}]
    with pytest.raises(ValueError, match="language-plug"):
        publish_routes("student-language", evaluation["task"], entry, tmp_path, listed, {}, "robotstack route ...",
                       folder)
    publish_routes("student-language", evaluation["task"], entry, tmp_path, listed, {"language-plug": plug},
                   "robotstack route ...", folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["files"]["student-language"]["sha256"] == sha256_of(folder / routed.name) == sha256_of(routed)
    assert manifest["routes"]["student-language"]["flops"] == language["flops"]  # one member runs: the costlier
    assert manifest["routes"]["student-language"]["params"] == language["params"] + 1000
    assert {"student-language", "language-plug"} <= set(manifest["trainings"])  # the ring route's training stays
    card = (folder / "MODEL_CARD.md").read_text()
    assert "`student-language` is **routed by skill**" in card and "`git show abc1234:" in card
    assert "`plug_cable` -> plug" in card

    pair = {**listed[1], "name": "the plug pair",
            "members": [{k: listed[1][k] for k in ("name", "file", "sha256", "commit", "training")},
                        {**listed[1], "name": "plug seed 2", "training": "language-plug-2"}]}
    del pair["training"]
    with pytest.raises(ValueError, match="language-plug-2"):
        publish_routes("student-language", evaluation["task"], entry, tmp_path, [listed[0], pair], {},
                       "robotstack route ...", folder)
    publish_routes("student-language", evaluation["task"], entry, tmp_path, [listed[0], pair],
                   {"language-plug-2": {**plug, "flops": language["flops"]}}, "robotstack route ...", folder)
    routes = json.loads((folder / "manifest.json").read_text())["routes"]["student-language"]
    assert routes["flops"] == language["flops"] // 2 + language["flops"]  # the pair runs both its members
    assert routes["params"] == language["params"] + 2000
    card = (folder / "MODEL_CARD.md").read_text()
    assert "`plug_cable` -> the plug pair, an ensemble of 2" in card and "its training `language-plug-2`" in card

    shutil.copyfile(members["place_ring"], tmp_path / "student-language.onnx")
    summary = {**{k: language[k] for k in ("config", "architecture", "params", "flops", "train_wall_s", "frames")},
               "files": {"student-language": {"file": "student-language.onnx",
                                              "sha256": sha256_of(members["place_ring"]), "eval": evaluation}}}
    publish(summary, tmp_path, folder)
    assert "student-language" not in json.loads((folder / "manifest.json").read_text())["routes"]
    assert "**routed by skill**" not in (folder / "MODEL_CARD.md").read_text()


def test_a_routed_policy_is_projected_at_its_costliest_member(members, tmp_path):
    from robotstack.profiles import load_profile
    from robotstack.projection import project

    profile = load_profile("jetson-orin-nano-super")
    routed = project(route_policies(members, tmp_path / "r.onnx"), profile)
    alone = {skill: project(path, profile) for skill, path in members.items()}
    costliest = max(alone, key=lambda s: alone[s].total.value)  # the tiny members tie to within rounding
    assert "costliest of 2 If paths: route_" in routed.model
    assert routed.total_flops >= alone[costliest].total_flops  # plus the routing's cosine to the vocabulary
    assert alone[costliest].total.value <= routed.total.value < alone[costliest].total.value + 0.1
