"""The objects the tasks are made of, each an MJCF piece built from a few physical parameters.

Static fixtures (pegs, socket, dock, cable anchor) are bodies without joints whose pose the task sets per
episode through ``model.body_pos``/``body_quat``; rings are free bodies; the cable is a chain of capsules
joined by ball joints, fixed to its anchor at one end and ending in the plug.
"""

from __future__ import annotations

import math
from robotstack.skills import COLOR_RGBA

# Ring: a torus approximated by capsules; the hole is what a peg must pass through.
RING_RADIUS = 0.035  # centre line of the tube, m
RING_TUBE = 0.007  # tube radius, m
RING_SEGMENTS = 12
RING_MASS = 0.03  # kg
RING_HOLE = RING_RADIUS - RING_TUBE  # free radius inside the ring, m

PEG_RADIUS = 0.01
PEG_HEIGHT = 0.09
PEG_BASE_RADIUS = 0.03

# Connector: a square pin under a wider grip; the socket leaves `SOCKET_CLEARANCE` on each side.
PIN_HALF = 0.006  # 12 mm square pin
PIN_LENGTH = 0.025
GRIP_HALF = 0.011  # 22 mm square grip the fingers close on
GRIP_LENGTH = 0.03
PLUG_MASS = 0.03
SOCKET_CLEARANCE = 0.001  # per side: a 14 mm hole for a 12 mm pin
SOCKET_DEPTH = 0.02
SOCKET_WALL = 0.012
CHAMFER = 0.003  # a 45-degree lead-in on the hole's rim
DOCK_CLEARANCE = 0.0005  # the parking holder is snug so the cable cannot tip the plug over
DOCK_DEPTH = PIN_LENGTH - 0.001  # the grip rests on the holder's rim, so the plug stands upright

CABLE_SEGMENTS = 14
CABLE_SEGMENT_LENGTH = 0.025
CABLE_RADIUS = 0.004
CABLE_HEIGHT = PIN_LENGTH + GRIP_LENGTH  # the cable leaves its anchor level with the plug's top
CABLE_FIRST_OFFSET = 0.01  # from the anchor's face to the first segment
PLUG_REACH = CABLE_FIRST_OFFSET + CABLE_SEGMENTS * CABLE_SEGMENT_LENGTH
"""Anchor to plug, the cable laid straight."""


def _rgba(color: str) -> str:
    return " ".join(f"{c:g}" for c in COLOR_RGBA[color])


def ring(name: str, color: str) -> str:
    """A free ring: capsules along a circle, centre site ``<name>_center``."""
    capsules = []
    seg_mass = RING_MASS / RING_SEGMENTS
    for i in range(RING_SEGMENTS):
        a0 = 2 * math.pi * i / RING_SEGMENTS
        a1 = 2 * math.pi * (i + 1) / RING_SEGMENTS
        x0, y0 = RING_RADIUS * math.cos(a0), RING_RADIUS * math.sin(a0)
        x1, y1 = RING_RADIUS * math.cos(a1), RING_RADIUS * math.sin(a1)
        capsules.append(
            f'<geom name="{name}_seg{i}" type="capsule" size="{RING_TUBE}" mass="{seg_mass:.6f}" '
            f'fromto="{x0:.5f} {y0:.5f} 0 {x1:.5f} {y1:.5f} 0" rgba="{_rgba(color)}" '
            f'condim="3" friction="1.2 0.01 0.001"/>'
        )
    return f"""
<mujoco><worldbody>
  <body name="{name}" pos="0.5 0 {RING_TUBE}">
    <freejoint name="{name}_free"/>
    {''.join(capsules)}
    <site name="{name}_center" size="0.003" rgba="0 0 0 0"/>
  </body>
</worldbody></mujoco>"""


def peg(name: str, color: str) -> str:
    """A static vertical peg with a round top on a flat base."""
    return f"""
<mujoco><worldbody>
  <body name="{name}" pos="0.5 0.2 0">
    <geom name="{name}_base" type="cylinder" size="{PEG_BASE_RADIUS} 0.003" pos="0 0 0.003" rgba="0.3 0.3 0.3 1"/>
    <geom name="{name}_shaft" type="capsule" fromto="0 0 0 0 0 {PEG_HEIGHT - PEG_RADIUS}" size="{PEG_RADIUS}"
          rgba="{_rgba(color)}" friction="0.6 0.005 0.0001"/>
  </body>
</worldbody></mujoco>"""


def _hole_fixture(name: str, hole_half: float, depth: float, wall: float, chamfer: float, rgba: str) -> str:
    """Four walls around a square hole open at the top, with an optional 45-degree chamfer on its rim."""
    outer = hole_half + wall
    geoms = []
    for i, (sx, sy) in enumerate(((1, 0), (-1, 0), (0, 1), (0, -1))):
        cx, cy = sx * (hole_half + wall / 2), sy * (hole_half + wall / 2)
        hx, hy = (wall / 2, outer) if sx else (hole_half, wall / 2)
        geoms.append(
            f'<geom name="{name}_wall{i}" type="box" size="{hx:.5f} {hy:.5f} {depth / 2:.5f}" '
            f'pos="{cx:.5f} {cy:.5f} {depth / 2:.5f}" rgba="{rgba}"/>'
        )
        if chamfer > 0:
            geoms.append(_chamfer_geom(name, i, sx, sy, hole_half, chamfer, depth, rgba))
    geoms.append(f'<site name="{name}_mouth" pos="0 0 {depth:.5f}" size="0.003" rgba="0 0 0 0"/>')
    return "".join(geoms)


def _chamfer_geom(
    name: str, i: int, sx: int, sy: int, hole_half: float, chamfer: float, depth: float, rgba: str
) -> str:
    """A thin plate leaning outward at 45 degrees along one edge of the hole's rim."""
    d = hole_half + chamfer / 2
    px, py = sx * d, sy * d
    half_len = hole_half + chamfer
    # Plate spans the edge (tangent direction) and tilts about it so its face points up and inward.
    if sx:
        size = f"{chamfer * 0.7071:.5f} {half_len:.5f} 0.0005"
        euler = f"0 {-math.pi / 4 * sx:.5f} 0"
    else:
        size = f"{half_len:.5f} {chamfer * 0.7071:.5f} 0.0005"
        euler = f"{math.pi / 4 * sy:.5f} 0 0"
    return (
        f'<geom name="{name}_chamfer{i}" type="box" size="{size}" pos="{px:.5f} {py:.5f} '
        f'{depth - chamfer / 2:.5f}" euler="{euler}" rgba="{rgba}"/>'
    )


def socket(name: str = "socket") -> str:
    """The target socket: a 14 mm square hole for the 12 mm pin, chamfered, on a board."""
    hole = PIN_HALF + SOCKET_CLEARANCE
    board = hole + SOCKET_WALL + 0.02
    return f"""
<mujoco><worldbody>
  <body name="{name}" pos="0.5 -0.2 0">
    <geom name="{name}_board" type="box" size="{board:.4f} {board:.4f} 0.002" pos="0 0 0.002" rgba="0.15 0.15 0.18 1"/>
    {_hole_fixture(name, hole, SOCKET_DEPTH, SOCKET_WALL, CHAMFER, "0.75 0.75 0.2 1")}
  </body>
</worldbody></mujoco>"""


def dock(name: str = "dock") -> str:
    """A parking holder the plug starts in, standing on its grip."""
    return f"""
<mujoco><worldbody>
  <body name="{name}" pos="0.4 0.1 0">
    {_hole_fixture(name, PIN_HALF + DOCK_CLEARANCE, DOCK_DEPTH, 0.008, 0.0, "0.35 0.35 0.38 1")}
  </body>
</worldbody></mujoco>"""


def cable(name: str = "cable") -> str:
    """Anchor post, a chain of capsules on ball joints, and the plug at the free end.

    Built straight along the anchor's +x axis at the height of the plug's top, so the plug stands
    upright ``PLUG_REACH`` in front of the anchor; the task puts the dock there.
    """
    seg_mass = 0.004
    chain_open = []
    for i in range(CABLE_SEGMENTS):
        pos = f"{CABLE_FIRST_OFFSET} 0 0" if i == 0 else f"{CABLE_SEGMENT_LENGTH} 0 0"
        chain_open.append(
            f'<body name="{name}_seg{i}" pos="{pos}">'
            f'<joint name="{name}_ball{i}" type="ball" damping="0.002" stiffness="0.002" armature="0.0001"/>'
            f'<geom type="capsule" fromto="0 0 0 {CABLE_SEGMENT_LENGTH} 0 0" size="{CABLE_RADIUS}" '
            f'mass="{seg_mass}" contype="2" conaffinity="0" rgba="0.1 0.1 0.1 1"/>'
        )
    pin_rgba = "0.8 0.65 0.2 1"
    plug = f"""
<body name="plug" pos="{CABLE_SEGMENT_LENGTH} 0 0">
  <joint name="plug_ball" type="ball" damping="0.002" armature="0.0001"/>
  <geom name="plug_grip" type="box" size="{GRIP_HALF} {GRIP_HALF} {GRIP_LENGTH / 2}" pos="0 0 {-GRIP_LENGTH / 2}"
        mass="{PLUG_MASS * 0.7:.4f}" rgba="0.1 0.1 0.12 1" condim="4" friction="1.2 0.01 0.001"/>
  <geom name="plug_pin" type="box" size="{PIN_HALF} {PIN_HALF} {PIN_LENGTH / 2}"
        pos="0 0 {-GRIP_LENGTH - PIN_LENGTH / 2}" mass="{PLUG_MASS * 0.3:.4f}" rgba="{pin_rgba}" friction="0.3 0.005 0.0001"/>
  <site name="plug_tip" pos="0 0 {-GRIP_LENGTH - PIN_LENGTH}" size="0.002" rgba="0 0 0 0"/>
  <site name="plug_grasp" pos="0 0 {-GRIP_LENGTH / 2}" size="0.002" rgba="0 0 0 0"/>
</body>"""
    return f"""
<mujoco><worldbody>
  <body name="{name}_anchor" pos="0.2 0.3 0">
    <geom type="box" size="0.015 0.015 {CABLE_HEIGHT / 2 + 0.005:.4f}" pos="-0.005 0 {CABLE_HEIGHT / 2 + 0.005:.4f}" rgba="0.2 0.2 0.25 1"/>
    <body name="{name}_root" pos="0 0 {CABLE_HEIGHT}">
      {''.join(chain_open)}{plug}{'</body>' * CABLE_SEGMENTS}
    </body>
  </body>
</worldbody></mujoco>"""
