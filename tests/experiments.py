"""Every "change X and rerun" that an exercise suggests, in one place, so that each is tested.

An ``Experiment`` names a notebook, the exercise (its label), the values the exercise suggests, and the
last cell to run (a unique piece of its source): ``tests/test_experiments.py`` (``make experiments``,
part of ``make bench``) injects the values right after the cell that first assigns each name, runs the
notebook from the top through that cell, and fails on any error. ``test_every_experiment_exercise_is_listed``
(in ``make test``) fails when an exercise's statement starts "Experiment" and has no entry here; an
experiment that changes no value (e.g. "rerun with other seeds") is listed with ``values={}`` and a
``note`` saying so.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Experiment:
    notebook: str            # the notebook's stem, e.g. "01_memoryless_networks"
    exercise: str            # the exercise's label, e.g. "ch01-window-experiment"
    values: dict = field(default_factory=dict)  # name -> the value the exercise suggests
    through: str = ""        # a unique piece of the source of the last cell to run ("" = the whole notebook)
    note: str = ""           # why there are no values, or what the run shows


EXPERIMENTS: list[Experiment] = [
    # Chapter authors: one entry per suggested value (two values, two entries).
]
