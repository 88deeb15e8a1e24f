"""The instruction grammar: parsing, rendering and its errors."""

import pytest

from robotstack.skills import Subtask, parse_instruction, render_instruction


def test_round_trip_over_templates_and_joiners():
    plan = [Subtask("place_ring", {"ring": "red", "peg": "blue"}), Subtask("plug_cable")]
    for template in range(3):
        for joiner in range(3):
            assert parse_instruction(render_instruction(plan, template, joiner)) == plan


def test_parse_is_case_and_punctuation_tolerant():
    assert parse_instruction("  Put the GREEN ring on the yellow peg. ") == [
        Subtask("place_ring", {"ring": "green", "peg": "yellow"})
    ]


@pytest.mark.parametrize("text, match", [
    ("", "empty"),
    ("juggle the rings", "not in the grammar"),
    ("put the teal ring on the blue peg", "not a colour"),
])
def test_bad_instructions_say_what_is_wrong(text, match):
    with pytest.raises(ValueError, match=match):
        parse_instruction(text)


def test_subtask_validates_skill_and_arguments():
    with pytest.raises(ValueError, match="unknown skill"):
        Subtask("fly")
    with pytest.raises(ValueError, match="takes arguments"):
        Subtask("place_ring", {"ring": "red"})
