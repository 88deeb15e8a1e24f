"""The instruction grammar: parsing, rendering and its errors."""

import pytest

from robotstack.skills import (ATTRIBUTE_DIM, COLORS, PLACE_TEMPLATES, PLUG_TEMPLATES, Subtask, attributes,
                               parse_instruction, render_instruction, split_self_correction, standard_colours,
                               vocabulary)


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


def test_vocabulary_holds_every_phrasing_of_every_subtask_and_attributes_name_them():
    phrases = vocabulary()
    assert len(phrases) == len(COLORS) ** 2 * len(PLACE_TEMPLATES) + len(PLUG_TEMPLATES)
    assert all(parse_instruction(text) == [subtask] for text, subtask in phrases)
    red_on_blue = attributes(Subtask("place_ring", {"ring": "red", "peg": "blue"}))
    blue_on_red = attributes(Subtask("place_ring", {"ring": "blue", "peg": "red"}))
    plug = attributes(Subtask("plug_cable"))
    assert len(red_on_blue) == len(plug) == ATTRIBUTE_DIM
    assert sum(red_on_blue) == 3 and sum(plug) == 1 and red_on_blue != blue_on_red
    assert not any(a and b for a, b in zip(red_on_blue, plug))  # different skills share no slot


@pytest.mark.parametrize("text, corrected", [
    ("put the blu ring on the yelow peg", "put the blue ring on the yellow peg"),
    ("Put the Rd hoop on the bleu posts", "Put the red hoop on the blue posts"),
    ("move the gren one to the purpel pole", "move the green one to the purple pole"),
    # Only a word right before a ring or peg word is taken for a colour, and only when one colour is that close.
    ("read the manual, then put the red ring on the blue peg", "read the manual, then put the red ring on the blue peg"),
    ("put the bed ring on the blue peg", "put the bed ring on the blue peg"),
    ("put the big ring on the blue peg", "put the big ring on the blue peg"),
    ("blu: put the blu ring on the blue peg", "blu: put the blue ring on the blue peg"),  # only where it names a ring
    # Other names of a colour, in the same place only.
    ("place the crimson ring on the navy peg", "place the red ring on the blue peg"),
    ("the lime one goes on the violet pole", "the green one goes on the purple pole"),
    ("squeeze some lime, then put the red ring on the blue peg", "squeeze some lime, then put the red ring on the blue peg"),
])
def test_misspelt_or_other_colour_names_before_an_object_word_are_standard_and_nothing_else(text, corrected):
    assert standard_colours(text) == corrected


@pytest.mark.parametrize("text, split", [
    ("Put the red ring on the green peg \u2014 sorry, the yellow peg", ("Put the red ring on the green peg", "the yellow peg")),
    ("move the yellow peg... no wait, put the green ring", ("move the yellow peg", "put the green ring")),
    ("red on blue, wait, make that the green ring", ("red on blue", "the green ring")),
    ("put the red ring on the blue peg, sorry", ("put the red ring on the blue peg", "")),
    ("put red on blue,\nno\twait, the yellow peg", ("put red on blue", "the yellow peg")),  # typed white space
    # Not corrections: nothing before the marker, "no" that negates, "rather than", a word that contains "no".
    ("Actually, put the red ring on the blue peg", None),
    ("put red on blue. No need to plug the cable", None),
    ("put the red ring on the blue peg rather than the green one", None),
    ("I know where the red ring goes: the blue peg", None),
])
def test_a_self_correction_splits_what_was_said_from_what_was_meant(text, split):
    assert split_self_correction(text) == split
