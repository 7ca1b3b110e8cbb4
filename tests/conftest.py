"""Shared test set-up. Unit tests pass however they are started (plain `pytest`, `make unit`, an IDE):
the course's environment switches are cleared for every test, so a developer's shell cannot change results."""
from __future__ import annotations

import pytest

# ----------------------------------------------------------------------------------- environment (lead)
COURSE_SWITCHES = ("NWM_PROGRESS", "NWM_BENCH_FILE", "NWM_EXPORT", "NWM_LANG")


@pytest.fixture(autouse=True)
def _no_course_switches(monkeypatch):
    """Every test starts without the course's environment switches (progress lines, bench file, ...)."""
    for name in COURSE_SWITCHES:
        monkeypatch.delenv(name, raising=False)


def pytest_addoption(parser):
    parser.addoption("--run-experiments", action="store_true",
                     help="run tests/test_experiments.py (slow: `make experiments`)")
