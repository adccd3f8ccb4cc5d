"""ActivationExplorer in JupyterLab: the z slider by keyboard, the activation dropdown by click,
and the leaky slope, which only leaky ReLU uses. Values are checked against nnlib.activations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from labdriver import RunResult, notebooks_using
from panel_moves import (
    exact_value,
    move_slider,
    panel_with,
    picture_state,
    screenshot,
    slider,
    wait_for_new_picture,
)
from playwright.sync_api import Locator, expect

from nnlib import activations
from nnlib.neuron import format_number

NOTEBOOKS = notebooks_using("ActivationExplorer")


def expected_text(panel: Locator) -> str:
    """'z = 1.0: σ(1.0) = 0.731, slope σ'(1.0) = 0.197' from nnlib for the controls shown."""
    spec = activations.get_spec(
        panel.locator("select").evaluate("s => s.options[s.selectedIndex].text")
    )
    z = exact_value(slider(panel, "z"))
    if spec.name == "leaky_relu":
        slope = exact_value(slider(panel, "leaky slope"))
        a, g = activations.leaky_relu(z, slope), activations.leaky_relu_grad(z, slope)
    else:
        a, g = spec.fn(z), spec.grad(z)
    zt, s, at, gt = format_number(z), spec.symbol, format_number(float(a)), format_number(float(g))
    return f"z = {zt}: {s}({zt}) = {at}, slope {s}'({zt}) = {gt}"


def choose(panel: Locator, activation: str) -> None:
    before = picture_state(panel)
    panel.locator("select").select_option(label=activation)
    wait_for_new_picture(panel, before)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_activation_explorer_answers_every_control(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    panel = panel_with(run_notebook(name).page, "leaky slope").first
    panel.scroll_into_view_if_needed()
    expect(panel.locator(".nnlib-canvas")).to_have_count(1)  # drawn live, not a PNG per move
    expect(panel.locator(".widget-image")).to_have_count(0)
    output = panel.locator(".nnlib-output")
    expect(output).to_have_text(expected_text(panel))
    move_slider(panel, "z", 0.05, presses=3)
    expect(output).to_have_text(expected_text(panel))

    leaky = slider(panel, "leaky slope").locator(".noUi-target")
    expect(leaky).to_have_attribute("disabled", "true")  # only leaky ReLU has a slope to set
    choose(panel, "leaky_relu")
    expect(leaky).not_to_have_attribute("disabled", "true")
    before = picture_state(panel)
    slider(panel, "z").locator(".noUi-handle").press("Home")  # z below 0, where the slope acts
    wait_for_new_picture(panel, before)
    assert exact_value(slider(panel, "z")) < 0
    expect(output).to_have_text(expected_text(panel))
    move_slider(panel, "leaky slope", 0.01, presses=4)
    expect(output).to_have_text(expected_text(panel))
    expect(output).to_contain_text("LeakyReLU")

    choose(panel, "relu")
    expect(output).to_have_text(expected_text(panel))
    expect(panel.locator(".nnlib-note")).to_contain_text("dead ReLU")
    screenshot(panel, f"{name.removesuffix('.ipynb')}-activation-explorer")
