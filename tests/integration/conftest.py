"""Integration fixtures: the ITS simulator, started in-process on a free loopback port."""

from __future__ import annotations

import pytest

from pharmadesk.sim.server import Simulator, start_simulator


@pytest.fixture
def simulator() -> Simulator:
    """A freshly seeded sandbox ITS at `simulator.base_url`; stopped after the test."""
    sim = start_simulator(host="127.0.0.1", port=0, seed=True)
    yield sim
    sim.stop()
