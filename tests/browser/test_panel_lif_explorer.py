"""LIFExplorer in JupyterLab: all four sliders by keyboard; the spike count and firing rate the
page shows are checked against a simulation run with nnlib.biology in this process."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from labdriver import RunResult, notebooks_using
from panel_moves import (
    exact_value,
    move_slider,
    panel_with,
    screenshot,
    slider,
)
from playwright.sync_api import Locator, expect

from nnlib.biology import LIFNeuron

NOTEBOOKS = notebooks_using("LIFExplorer")
CONTROLS = {  # label → (LIFNeuron field, step)
    "input current I (nA)": ("current", 0.05),
    "threshold (mV)": ("v_threshold", 0.5),
    "membrane τ (ms)": ("tau_m", 0.5),
    "refractory (ms)": ("refractory", 0.5),
}


def expect_rate(panel: Locator) -> None:
    """The panel's summary line, recomputed from the sliders (default LIFNeuron otherwise)."""
    values = {field: exact_value(slider(panel, label)) for label, (field, _) in CONTROLS.items()}
    current = values.pop("current")
    neuron = LIFNeuron(**values)
    result = neuron.simulate(current, dt=0.1, duration=200.0)
    text = panel.locator(".nnlib-rate")
    expect(text).to_contain_text(f"I = {current:.2f} nA, rheobase {neuron.rheobase:.2f} nA: ")
    expect(text).to_contain_text(f"{result.n_spikes} spikes in 200 ms")
    rate = "0 Hz" if result.n_spikes == 0 else f"{result.rate:.1f} Hz"
    expect(text).to_contain_text(f"Firing rate: {rate}")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lif_explorer_answers_every_slider(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    panel = panel_with(run_notebook(name).page, "membrane τ (ms)").first
    panel.scroll_into_view_if_needed()
    expect_rate(panel)
    for label, (_, step) in CONTROLS.items():
        move_slider(panel, label, step, presses=4)
        expect_rate(panel)
    screenshot(panel, f"{name.removesuffix('.ipynb')}-lif-explorer")
