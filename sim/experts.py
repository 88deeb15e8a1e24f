"""Closed-loop scripted experts, one per skill, computed from the current privileged state at every step.

An expert keeps no memory of the episode: its phase (approach, grasp, carry, place, retreat) is read off
the state each step, so it can be asked for the right action from any state a learning policy reaches
(which is what DAgger-style relabelling needs). Actions follow the end-effector action contract of
``robotstack.sim.tasks.base``: ``[dx, dy, dz, dyaw, gripper]`` in [-1, 1].
"""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np

from robotstack.sim.entities import (
    DOCK_DEPTH,
    GRIP_HALF,
    PEG_HEIGHT,
    PEG_RADIUS,
    RING_RADIUS,
    RING_TUBE,
    SOCKET_DEPTH,
)
from robotstack.sim.tasks.base import MAX_STEP_M, MAX_STEP_YAW, WORKSPACE_LOW, YAW_LIMIT
from robotstack.sim.tasks.goals import plug_seated, quarter_turn_error, ring_on_peg
from robotstack.skills import Subtask

OPEN, CLOSE = -1.0, 1.0
TRANSIT_Z = 0.16
RELEASE_Z = PEG_HEIGHT - 0.02  # ring centre height at which the ring is dropped over the peg  # hand height for moves across the table: fingertips clear the pegs
GRASP_Z_MIN = WORKSPACE_LOW[2]
GAIN_DISTANCE = 2.0  # full speed only beyond two steps' worth of error: smooth labels, no bang-bang
XY_TOLERANCE = 0.004
# Hand geometry (see assets/panda.xml), relative to the grasp point between the finger pads, with margins.
HAND_BOTTOM = 0.02  # the hand's box starts this far above the grasp point
HAND_HALF_LENGTH = 0.11  # along the closing axis
HAND_HALF_WIDTH = 0.03
FINGER_LENGTH = 0.022  # fingertips below the grasp point
FINGER_INNER, FINGER_OUTER = 0.035, 0.065  # open fingers, distance from the grasp point along the closing axis
FINGER_HALF_WIDTH = 0.015
SOCKET_RADIUS = 0.03
ANCHOR_RADIUS = 0.025
ANCHOR_HEIGHT = 0.07
CARRY_TURN = 0.3  # fraction of the full yaw rate used while holding the plug, so it does not slip
PLUG_GRASP_DEPTH = 0.004  # hand centre below the plug top: fingertips stay above the dock rim
YAW_TOLERANCE = 0.06
# The open jaw spans 7 cm around the 22 mm grip and squares it up as it closes, so the hand closes once roughly
# there: a gate finer than a 96 px learner can perceive flips the labels between states it cannot tell apart.
PLUG_GRASP_TOLERANCE = 0.012
PLUG_GRASP_YAW_TOLERANCE = 0.15
# Plug insertion follows a funnel like the ring's: the pin's target height falls continuously from the carry
# height (offset beyond PLUG_FUNNEL_OUTER) to a hover just over the mouth (within PLUG_FUNNEL_INNER), where the
# wrist camera sees the hole closest, then into the hole as the offset closes on the 3 mm chamfer and the yaw
# squares up. The gate it replaces left students hovering 90 mm up, 6-11 mm off, for good.
PLUG_FUNNEL_OUTER = 0.012
PLUG_FUNNEL_INNER = 0.004
PLUG_HOVER = 0.01  # pin tip above the mouth at the bottom of the funnel
PLUG_INSERT_OFFSET = (0.004, 0.002)  # offsets at which the insertion starts and is full depth
PLUG_INSERT_YAW = (0.12, 0.08)  # likewise for the yaw error, rad
PLUG_BACKUP_OFFSET = 0.004
PLUG_LIFT_OFFSET = 0.03  # beyond this the plug is still on its way from the dock
# The plug is turned square to the socket only once over it, where the wrist camera sees the socket's square beside
# the pin and the turn left is what it shows. Turned on the way there, the turn follows from the socket's yaw as the
# front camera sees it against the hand's: the students learned no turn at all (the mean of the demonstrations'
# turns either way), and brought the pin within 2 mm of the socket's axis 20-40 degrees off its square.
PLUG_TURN_RADIUS = 0.015
# Ring tolerances match what the geometry forgives (a learner cannot localise to millimetres from 96 px):
RING_GRASP_TOLERANCE = 0.012  # the open jaw spans 8 cm around a 14 mm tube
RING_YAW_TOLERANCE = 0.2
# Placing follows a funnel: the ring's target height falls continuously as its centre closes on the peg's axis,
# from the carry height (beyond RING_FUNNEL_OUTER) to below the peg top (within RING_FUNNEL_INNER). A gate
# ("descend once within 10 mm") made the label jump between hovering and descending across a threshold finer
# than a learner localises, and a student that regressed the average hovered above the peg for good.
RING_HOLE_SLACK = 0.018  # the hole leaves 18 mm around the peg: within it, a lowered ring threads
RING_FUNNEL_OUTER = 0.016
RING_FUNNEL_INNER = 0.006
RING_CARRY_Z = PEG_HEIGHT + 0.04  # ring centre height for moves over the table
LANDMARK_DIM = 11  # what an expert steers by: object-from-hand, goal-from-object and goal-from-hand offsets (metres),
# and how far the object is turned off its goal (turn_landmark)
TURN_LANDMARK_RADIUS = 0.02  # m: a 7-degree turn error moves the turn landmark about 1 cm


def turn_landmark(yaw_error: float) -> np.ndarray:
    """A held square's turn off a square goal (``yaw_error``, rad) as a point on a circle, at four times the angle:
    the quarter-turn error lies in (-45, 45] degrees and both ends are the same fit, so the point is continuous
    across the wrap, and it is in metres like the other landmarks, so the landmark loss weighs it like them. The
    cable students learned no turn of the wrist from the demonstrations (on their own training frames they predicted
    a tenth of the expert's turn, its sign right 63 % of the time) and brought the pin over the socket 20-40 degrees
    off its square: this target makes the network read the socket's turn against the plug's."""
    return TURN_LANDMARK_RADIUS * np.array([math.cos(4 * yaw_error), math.sin(4 * yaw_error)])


def _wrap(angle: float) -> float:
    return (angle + math.pi) % (2 * math.pi) - math.pi


def _yaw_for_closing_along(direction_angle: float) -> float:
    """Hand yaw whose finger-closing axis lies along the given direction.

    The closing axis is the hand's y axis, (sin yaw, -cos yaw), symmetric under a half turn; of the two
    yaws the one in [-pi/2, pi/2) is taken, so the choice depends on the scene only, never on where the
    hand happens to be (a learner can only imitate what the scene determines).
    """
    return (direction_angle + math.pi / 2 + math.pi / 2) % math.pi - math.pi / 2


def _action(ee: np.ndarray, target: np.ndarray, ee_yaw: float, target_yaw: float, gripper: float,
            max_speed: float = 1.0, max_turn: float = 1.0) -> np.ndarray:
    """Proportional step toward a target pose, saturated to the action range. The wrist turns the short way round
    unless that passes its limit (±``YAW_LIMIT``), where it would stop for good: then the long way."""
    move = np.clip((target - ee) / (GAIN_DISTANCE * MAX_STEP_M), -max_speed, max_speed)
    delta = _wrap(target_yaw - ee_yaw)
    if abs(ee_yaw + delta) > YAW_LIMIT:
        delta -= math.copysign(2 * math.pi, delta)
    turn = np.clip(delta / (GAIN_DISTANCE * MAX_STEP_YAW), -max_turn, max_turn)
    return np.array([*move, turn, gripper], dtype=np.float32)


def _approach(p: dict[str, Any], grasp_point: np.ndarray, grasp_yaw: float, object_width: float,
              xy_tolerance: float = 2 * XY_TOLERANCE, yaw_tolerance: float = YAW_TOLERANCE) -> np.ndarray:
    """Hover over the grasp point at transit height, align, descend, then close."""
    ee, yaw = p["ee_pos"], p["ee_yaw"]
    xy_err = float(np.linalg.norm(ee[:2] - grasp_point[:2]))
    yaw_err = abs(_wrap(grasp_yaw - yaw))
    if p["gripper_opening"] < object_width - 0.004 and ee[2] < grasp_point[2] + 0.01:
        # Closed on nothing: open and back off before trying again.
        return _action(ee, np.array([*ee[:2], ee[2] + 0.03]), yaw, yaw, OPEN)
    if xy_err > xy_tolerance or yaw_err > yaw_tolerance:
        height = TRANSIT_Z if xy_err > 0.03 else max(ee[2], grasp_point[2] + 0.05)
        if xy_err > 0.03 and ee[2] < TRANSIT_Z - 0.03:
            return _action(ee, np.array([*ee[:2], TRANSIT_Z]), yaw, grasp_yaw, OPEN)
        return _action(ee, np.array([*grasp_point[:2], height]), yaw, grasp_yaw, OPEN)
    at_height = ee[2] - grasp_point[2] < 0.005
    return _action(ee, grasp_point, yaw, grasp_yaw, CLOSE if at_height else OPEN, max_speed=0.6)


def _obstacles(p: dict[str, Any], exclude: str = "") -> list[tuple[np.ndarray, float, float]]:
    """Everything on the table the hand could hit: (xy, radius, height)."""
    obstacles = [(q["pos"][:2], PEG_RADIUS, PEG_HEIGHT) for q in p.get("pegs", {}).values()]
    obstacles += [(q["pos"][:2], RING_RADIUS + RING_TUBE, 2 * RING_TUBE)
                  for c, q in p.get("rings", {}).items() if c != exclude]
    if "plug" in p and exclude != "plug":
        obstacles.append((p["plug"]["pos"][:2], GRIP_HALF * 1.5, float(p["plug"]["pos"][2])))
    if "socket" in p:
        obstacles.append((p["socket"]["pos"][:2], SOCKET_RADIUS, SOCKET_DEPTH))
    if "anchor" in p:
        obstacles.append((p["anchor"][:2], ANCHOR_RADIUS, ANCHOR_HEIGHT))
    return obstacles


def _collisions(grasp: np.ndarray, closing_angle: float, obstacles: list[tuple[np.ndarray, float, float]]) -> int:
    """How many obstacles the open hand would touch if it went down to ``grasp`` with this closing axis.

    The hand body is a wide box above the fingers; the open fingers reach below the grasp point.
    """
    axis = np.array([math.cos(closing_angle), math.sin(closing_angle)])
    across = np.array([-axis[1], axis[0]])
    hits = 0
    for xy, radius, height in obstacles:
        d = xy - grasp[:2]
        along, side = abs(float(d @ axis)), abs(float(d @ across))
        hand = height > grasp[2] + HAND_BOTTOM and along < HAND_HALF_LENGTH + radius and side < HAND_HALF_WIDTH + radius
        finger = (height > grasp[2] - FINGER_LENGTH and FINGER_INNER - radius < along < FINGER_OUTER + radius
                  and side < FINGER_HALF_WIDTH + radius)
        hits += int(hand or finger)
    return hits


def _ramp(value: float, start: float, end: float) -> float:
    """0 at ``start``, 1 at ``end``, linear between and clipped (start may be above end)."""
    return float(np.clip((value - start) / (end - start), 0.0, 1.0))


def _plug_funnel_height(offset: float, yaw_error: float, mouth_z: float, carry_z: float) -> float:
    """Target pin-tip height for a held plug this far (m) and this much turned (rad) off the socket."""
    hover = mouth_z + PLUG_HOVER
    goal = mouth_z - SOCKET_DEPTH + 0.001  # pressed slightly below the board so the pin seats
    align = _ramp(offset, PLUG_FUNNEL_OUTER, PLUG_FUNNEL_INNER)
    insert = _ramp(offset, *PLUG_INSERT_OFFSET) * _ramp(abs(yaw_error), *PLUG_INSERT_YAW)
    return carry_z - align * (carry_z - hover) - insert * (hover - goal)


def _ring_funnel_height(offset: float) -> float:
    """Target ring-centre height for a held ring this far (m) off the peg's axis: carry height far out, below
    the peg top on the axis, linear between (the ring's bottom meets the peg top near an 11 mm offset)."""
    depth = _ramp(offset, RING_FUNNEL_OUTER, RING_FUNNEL_INNER)
    return RING_CARRY_Z - depth * (RING_CARRY_Z - (RELEASE_Z - 0.005))


def _retreat(p: dict[str, Any]) -> np.ndarray:
    ee = p["ee_pos"]
    return _action(ee, np.array([*ee[:2], TRANSIT_Z]), p["ee_yaw"], p["ee_yaw"], OPEN)


class PlaceRingExpert:
    """Grasp the named ring by its rim, carry it over the named peg, lower it and let go."""

    # Slips (robotstack.policies.collect.Fumble) it recovers from: a ring let go anywhere is picked up again.
    RECOVERS_FROM = ("release", "early_close")

    def __init__(self, ring: str, peg: str) -> None:
        self.ring, self.peg = ring, peg

    def at_goal(self, p: dict[str, Any]) -> bool:
        """The named ring is on the named peg (held or not)."""
        ring, peg = p["rings"][self.ring], p["pegs"][self.peg]
        return ring_on_peg(ring["pos"], ring["z_axis"], 0.0, peg["pos"])

    def done(self, p: dict[str, Any]) -> bool:
        return self.at_goal(p) and p["gripper_opening"] > 0.05

    def act(self, p: dict[str, Any]) -> np.ndarray:
        ring, peg = p["rings"][self.ring], p["pegs"][self.peg]
        ee, yaw = p["ee_pos"], p["ee_yaw"]
        center = ring["pos"]
        if self.at_goal(p) and not self._held(p, center):
            return _retreat(p)
        if not self._held(p, center):
            grasp = self._grasp_point(p, center)
            rim_dir = (grasp[:2] - center[:2]) / RING_RADIUS
            grasp_yaw = _yaw_for_closing_along(math.atan2(rim_dir[1], rim_dir[0]))
            # The open jaw is 8 cm wide around a 14 mm tube: descend once roughly there, correcting on the way.
            return _approach(p, grasp, grasp_yaw, 2 * RING_TUBE, xy_tolerance=RING_GRASP_TOLERANCE,
                             yaw_tolerance=RING_YAW_TOLERANCE)
        # Held: steer the ring's centre (not the hand) over the peg down a funnel, then release.
        offset = peg["pos"][:2] - center[:2]
        err = float(np.linalg.norm(offset))
        threaded = center[2] < PEG_HEIGHT and err < RING_HOLE_SLACK
        if threaded and center[2] <= RELEASE_Z:
            # The peg is through the hole: let go and the ring slides down it.
            return _action(ee, ee, yaw, yaw, OPEN)
        across = 1.0
        if not threaded:
            # Off the funnel (just picked up, or resting on a peg top) the ring rises before it moves across, and
            # moves across only as its bottom clears the peg tops.
            clearance = center[2] - RING_TUBE - PEG_HEIGHT
            across = _ramp(max(clearance, RING_HOLE_SLACK + 0.01 - err), 0.0, 0.01)
        target_z = RELEASE_Z - 0.005 if threaded else _ring_funnel_height(err)
        speed = 0.6 + 0.4 * _ramp(err, RING_FUNNEL_OUTER, RING_FUNNEL_OUTER + 0.01)  # slow in the funnel
        return _action(ee, ee + np.array([*(across * offset), target_z - center[2]]), yaw, yaw, CLOSE, max_speed=speed)

    def landmarks(self, p: dict[str, Any]) -> np.ndarray:
        """Where the grasp point is from the hand, where the peg top is from the ring's centre, and where the peg
        top is from the hand (metres): the offsets this expert steers by, as auxiliary targets for a learner's
        vision; and the turn landmark of an aligned object (a ring fits its peg at any turn)."""
        ring, peg = p["rings"][self.ring], p["pegs"][self.peg]
        grasp = self._grasp_point(p, ring["pos"])
        top = np.array([*peg["pos"][:2], PEG_HEIGHT])
        return np.concatenate([grasp - p["ee_pos"], top - ring["pos"], top - p["ee_pos"], turn_landmark(0.0)])

    def _grasp_point(self, p: dict[str, Any], center: np.ndarray) -> np.ndarray:
        rim_dir = self._rim_direction(p, center)
        return np.array([*(center[:2] + RING_RADIUS * rim_dir), max(center[2] + 0.008, GRASP_Z_MIN)])

    def holding(self, p: dict[str, Any]) -> bool:
        """The hand holds the named ring (read off the state, like everything else here)."""
        return self._held(p, p["rings"][self.ring]["pos"])

    @staticmethod
    def _held(p: dict[str, Any], center: np.ndarray) -> bool:
        ee = p["ee_pos"]
        rim_distance = abs(float(np.linalg.norm(ee[:2] - center[:2])) - RING_RADIUS)
        opening = p["gripper_opening"]
        return (rim_distance < 0.012 and abs(ee[2] - center[2]) < 0.03
                and 2 * RING_TUBE - 0.004 < opening < 2 * RING_TUBE + 0.006)

    def _rim_direction(self, p: dict[str, Any], center: np.ndarray) -> np.ndarray:
        """Where on the rim to grasp: the point facing away from the arm's base, or the nearest one to it that the
        open hand reaches without touching anything. A function of the scene alone."""
        obstacles = _obstacles(p, exclude=self.ring)
        preferred = math.atan2(center[1], center[0])
        grasp_z = max(center[2] + 0.008, GRASP_Z_MIN)

        def cost(angle: float) -> float:
            point = np.array([*(center[:2] + RING_RADIUS * np.array([math.cos(angle), math.sin(angle)])), grasp_z])
            return abs(_wrap(angle - preferred)) + 10.0 * _collisions(point, angle, obstacles)

        best = min((preferred + 2 * math.pi * k / 36 for k in range(36)), key=cost)
        return np.array([math.cos(best), math.sin(best)])


class PlugCableExpert:
    """Grasp the plug's grip, lift it out of the dock, align the pin over the socket and insert it."""

    # A plug let go hangs from its cable, tilted, and this expert does not grasp it again (1 of 13 let-go episodes
    # recovered), so it is shown only closing above the plug.
    RECOVERS_FROM = ("early_close",)

    def done(self, p: dict[str, Any]) -> bool:
        return self.at_goal(p) and p["gripper_opening"] > 0.05

    @staticmethod
    def at_goal(p: dict[str, Any]) -> bool:
        """The plug is seated in the socket (held or not)."""
        plug, sock = p["plug"], p["socket"]
        return plug_seated(plug["tip"], plug["z_axis"], plug["yaw"], sock["pos"], sock["yaw"])

    def landmarks(self, p: dict[str, Any]) -> np.ndarray:
        """Where the grip is from the hand, where the socket's mouth is from the pin's tip, and where the mouth is
        from the hand (metres); and the plug's turn off the socket's square (:func:`turn_landmark`)."""
        plug, sock = p["plug"], p["socket"]
        mouth = np.array([*sock["pos"][:2], sock["mouth_z"]])
        return np.concatenate([self.grasp_point(plug) - p["ee_pos"], mouth - plug["tip"], mouth - p["ee_pos"],
                               turn_landmark(quarter_turn_error(sock["yaw"], plug["yaw"]))])

    @staticmethod
    def grasp_point(plug: dict[str, Any]) -> np.ndarray:
        """Where the hand closes on the plug: high on the grip, so the fingertips pass over the dock's rim."""
        grasp = plug["pos"] - PLUG_GRASP_DEPTH * plug["z_axis"]
        grasp[2] = max(grasp[2], GRASP_Z_MIN)
        return grasp

    def act(self, p: dict[str, Any]) -> np.ndarray:
        plug, sock = p["plug"], p["socket"]
        ee, yaw = p["ee_pos"], p["ee_yaw"]
        held = self._held(p)
        if self.at_goal(p):
            return _retreat(p) if not held or p["gripper_opening"] > 0.03 else _action(ee, ee, yaw, yaw, OPEN)
        if not held:
            grasp = self.grasp_point(plug)
            return _approach(p, grasp, _yaw_for_closing_along(self._closing_angle(p, grasp)), 2 * GRIP_HALF,
                             xy_tolerance=PLUG_GRASP_TOLERANCE, yaw_tolerance=PLUG_GRASP_YAW_TOLERANCE)
        offset = sock["pos"][:2] - plug["tip"][:2]
        err = float(np.linalg.norm(offset))
        yaw_err = quarter_turn_error(sock["yaw"], plug["yaw"])
        # The pin is square: any quarter turn fits, so pick one the wrist can reach. The wrist turns only over the
        # socket (within PLUG_TURN_RADIUS), never on the way there.
        turns = [yaw + yaw_err + k * math.pi / 2 for k in range(-4, 5)]
        target_yaw = yaw if err > PLUG_TURN_RADIUS else min(
            turns, key=lambda t: abs(t - yaw) + (10.0 if abs(t) > YAW_LIMIT - 0.05 else 0.0))
        mouth = sock["mouth_z"]
        carry_tip = PEG_HEIGHT + 0.025
        tip_z = plug["tip"][2]
        if err > PLUG_BACKUP_OFFSET and tip_z < mouth + 0.005:
            # Misaligned near or in the hole: back straight up before moving sideways.
            return _action(ee, ee + np.array([0.0, 0.0, mouth + 0.02 - tip_z]), yaw, yaw, CLOSE, max_speed=0.5)
        if err > PLUG_LIFT_OFFSET and tip_z < carry_tip - 0.01:
            # Far from the socket and low (just out of the dock): lift clear before moving across, slowly while the
            # pin may still be in the dock.
            speed = 0.3 if tip_z < DOCK_DEPTH + 0.01 else 1.0
            return _action(ee, ee + np.array([0.0, 0.0, carry_tip - tip_z]), yaw, yaw, CLOSE, max_speed=speed)
        target_tip = _plug_funnel_height(err, yaw_err, mouth, carry_tip)
        speed = 0.25 + 0.75 * _ramp(err, 0.01, 0.02)  # slow in the funnel
        return _action(ee, ee + np.array([*offset, target_tip - tip_z]), yaw, target_yaw, CLOSE, max_speed=speed,
                       max_turn=CARRY_TURN)

    @staticmethod
    def _closing_angle(p: dict[str, Any], grasp: np.ndarray) -> float:
        """Close across the plug's x faces (squeezing them uprights a plug leaning along its cable),
        or across its y faces when the hand would hit something that way."""
        obstacles = _obstacles(p, exclude="plug")
        along_x = p["plug"]["yaw"]
        if _collisions(grasp, along_x, obstacles) == 0:
            return along_x
        return along_x + math.pi / 2

    def holding(self, p: dict[str, Any]) -> bool:
        """The hand holds the plug by its grip."""
        return self._held(p)

    @staticmethod
    def _held(p: dict[str, Any]) -> bool:
        plug = p["plug"]
        near = float(np.linalg.norm(p["ee_pos"] - plug["pos"])) < PLUG_GRASP_DEPTH + 0.015
        return near and 2 * GRIP_HALF - 0.004 < p["gripper_opening"] < 2 * GRIP_HALF + 0.012


def expert_for(subtask: Subtask):
    """The expert that carries out one subtask."""
    if subtask.skill == "place_ring":
        return PlaceRingExpert(subtask.args["ring"], subtask.args["peg"])
    return PlugCableExpert()


class InstructionExpert:
    """Runs the subtasks of an instruction in order: the first one not yet achieved is the active one."""

    def __init__(self, subtasks: list[Subtask]) -> None:
        self.subtasks = list(subtasks)
        self.experts = [expert_for(s) for s in self.subtasks]

    def active(self, p: dict[str, Any]) -> int | None:
        """Index of the subtask to work on now, or None when all are achieved."""
        for i, expert in enumerate(self.experts):
            achieved = p.get("achieved_at", [None] * len(self.experts))[i] is not None
            if not (achieved or expert.done(p)):
                return i
        return None

    def act(self, p: dict[str, Any]) -> np.ndarray:
        i = self.active(p)
        return _retreat(p) if i is None else self.experts[i].act(p)

    def recovers_from(self, p: dict[str, Any], slip: str) -> bool:
        """Whether the active subtask's expert recovers from this kind of slip (see ``RECOVERS_FROM``)."""
        i = self.active(p)
        return i is not None and slip in self.experts[i].RECOVERS_FROM

    def holding(self, p: dict[str, Any]) -> bool:
        """The hand holds the active subtask's object; False once everything is achieved."""
        i = self.active(p)
        return i is not None and self.experts[i].holding(p)

    def landmarks(self, p: dict[str, Any]) -> np.ndarray:
        """The active subtask's landmarks (see the experts'); zeros once everything is achieved."""
        i = self.active(p)
        return np.zeros(LANDMARK_DIM) if i is None else self.experts[i].landmarks(p)


def expert_for_env(info: dict[str, Any]) -> InstructionExpert:
    """An expert for the episode described by ``info["privileged"]``."""
    return InstructionExpert(info["privileged"]["subtasks"])


def mislocated(expert: InstructionExpert, truth: dict[str, Any], object_error: np.ndarray,
               goal_error: np.ndarray | None = None, object_yaw_error: float = 0.0,
               goal_yaw_error: float = 0.0) -> dict[str, Any]:
    """A copy of ``truth`` as a learner's vision might see it: the active subtask's object (while the hand does not
    hold it) or its goal (while it does) displaced in the table plane by ``object_error`` or ``goal_error`` (m), the
    plug's or socket's yaw by the yaw errors (rad). What the expert decides from the state (held or not, achieved
    or not) is read from the truth first, so only localisation changes."""
    p = copy.deepcopy(truth)
    active = expert.active(truth)
    if active is None:
        return p
    subtask, skill_expert = expert.subtasks[active], expert.experts[active]
    held = skill_expert.holding(truth)
    if not held and skill_expert.at_goal(truth):
        return p  # placed or seated, about to let go: nothing left to localise
    if held and goal_error is None:
        return p
    error = goal_error if held else object_error
    if subtask.skill == "place_ring":
        pose = p["pegs"][subtask.args["peg"]] if held else p["rings"][subtask.args["ring"]]
        pose["pos"][:2] += error
        return p
    if held:
        p["socket"]["pos"][:2] += error
        p["socket"]["yaw"] += goal_yaw_error
    else:
        for key in ("pos", "tip", "grasp"):
            p["plug"][key][:2] += error
        p["plug"]["yaw"] += object_yaw_error
    return p
