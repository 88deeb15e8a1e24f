"""Compose a task's MJCF from data: the arena, the arm and the task's entities.

Each piece is an MJCF document (``<mujoco>`` with sections such as ``<worldbody>`` or ``<asset>``); composing
appends every section's children into the same section of the arena, in the spirit of dm_control's
composer (arena, entities and task kept apart, MJCF treated as data).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib import resources

import mujoco

ARENA_XML = """
<mujoco model="robotstack_arena">
  <compiler angle="radian" autolimits="true"/>
  <option timestep="0.002" integrator="implicitfast" cone="pyramidal" impratio="10"/>
  <visual>
    <quality shadowsize="0" offsamples="0" numslices="8" numstacks="4" numquads="1"/>
    <global offwidth="640" offheight="640"/>
    <headlight ambient="0.35 0.35 0.35" diffuse="0.5 0.5 0.5" specular="0.1 0.1 0.1"/>
  </visual>
  <asset>
    <texture name="grid" type="2d" builtin="checker" rgb1="0.55 0.5 0.45" rgb2="0.5 0.45 0.4" width="64" height="64"/>
    <material name="table" texture="grid" texrepeat="8 8" reflectance="0"/>
  </asset>
  <worldbody>
    <light name="key" pos="0.6 -0.6 1.5" dir="-0.2 0.4 -1" diffuse="0.6 0.6 0.6" directional="true"/>
    <geom name="table" type="plane" size="1.2 1.2 0.6" material="table" contype="1" conaffinity="3" condim="3" friction="0.8 0.005 0.0001"/>
    <camera name="front" pos="1.05 0 0.65" xyaxes="0 1 0 -0.74 0 0.67" fovy="48"/>
  </worldbody>
</mujoco>
"""


def _parse(xml: str) -> ET.Element:
    root = ET.fromstring(xml)
    if root.tag != "mujoco":
        raise ValueError(f"an MJCF piece must have a <mujoco> root, got <{root.tag}>")
    return root


def compose(pieces: list[str]) -> str:
    """Merge MJCF pieces into the arena and return the combined XML text."""
    arena = _parse(ARENA_XML)
    for piece in pieces:
        for section in _parse(piece):
            target = arena.find(section.tag)
            if target is None:
                target = ET.SubElement(arena, section.tag)
            target.extend(list(section))
    return ET.tostring(arena, encoding="unicode")


def panda_xml() -> str:
    """The Panda arm and hand (see the header of ``assets/panda.xml`` for its sources)."""
    return resources.files("robotstack.sim").joinpath("assets/panda.xml").read_text()


def build_model(entity_pieces: list[str]) -> mujoco.MjModel:
    """Compile the arena, the arm and the given entities into one model."""
    return mujoco.MjModel.from_xml_string(compose([panda_xml(), *entity_pieces]))
