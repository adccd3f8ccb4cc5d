"""GraphExplorer in JupyterLab: backward by button, every slider by keyboard (which clears the
gradients), and the "always" checkbox. The readout is checked against the chain rule by hand."""

from __future__ import annotations

import math
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

from nnlib.neuron import format_number

NOTEBOOKS = notebooks_using("GraphExplorer")
SLIDERS = {"x": "x", "w": "w", "b": "b", "y": "target y"}


def expected(panel: Locator) -> dict[str, str]:
    """L and its gradients for the sliders shown, from the chain rule written out."""
    x, w, b, y = (exact_value(slider(panel, label)) for label in SLIDERS.values())
    a = 1.0 / (1.0 + math.exp(-(w * x + b)))
    dz = 2.0 * (a - y) * a * (1.0 - a)
    return {"L": format_number((a - y) ** 2), "w": format_number(dz * x), "b": format_number(dz)}


def press(panel: Locator, control: Locator) -> None:
    before = picture_state(panel)
    control.click()
    wait_for_new_picture(panel, before)


def expect_gradients(output: Locator, panel: Locator) -> None:
    numbers = expected(panel)
    expect(output).to_contain_text(f"L = {numbers['L']}; ∂L/∂w = {numbers['w']}")
    expect(output).to_contain_text(f"∂L/∂b = {numbers['b']}")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_graph_explorer_answers_every_control(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    panel = panel_with(run_notebook(name).page, "target y").first
    panel.scroll_into_view_if_needed()
    output = panel.locator(".nnlib-output")
    expect(output).to_contain_text("No gradients for these values yet")
    screenshot(panel, f"{name.removesuffix('.ipynb')}-graph-explorer-start")
    press(panel, panel.get_by_role("button", name="backward", exact=True))
    expect_gradients(output, panel)
    screenshot(panel, f"{name.removesuffix('.ipynb')}-graph-explorer-backward")

    for label, step in (("x", 0.1), ("w", 0.1), ("b", 0.1), ("target y", 0.05)):
        move_slider(panel, label, step, presses=2)
        expect(output).to_contain_text(f"L = {expected(panel)['L']}. No gradients")
        press(panel, panel.get_by_role("button", name="backward", exact=True))
        expect_gradients(output, panel)

    move_slider(panel, "w", 0.1, presses=1)  # stale gradients, so ticking "always" shows new ones
    press(panel, panel.get_by_role("checkbox", name="always"))
    expect_gradients(output, panel)
    move_slider(panel, "w", 0.1, presses=3)
    expect_gradients(output, panel)
    label = panel.locator(".nnlib-canvas").get_attribute("aria-label") or ""
    assert "with gradients from backward" in label
    screenshot(panel, f"{name.removesuffix('.ipynb')}-graph-explorer-always")
