"""The tasks as gymnasium environments."""

from robotstack.sim.tasks.cable_plugging import CablePluggingEnv
from robotstack.sim.tasks.language_tabletop import LanguageTabletopEnv
from robotstack.sim.tasks.ring_placement import RingPlacementEnv

__all__ = ["CablePluggingEnv", "LanguageTabletopEnv", "RingPlacementEnv"]
