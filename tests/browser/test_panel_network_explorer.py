"""NetworkExplorer in JupyterLab: inputs, the parameter picker, the value slider, export, reset.

The expected numbers come from nnlib in this process: the test presses 'export', loads the JSON
the page shows into a Sequential of the notebook's 3-4-4-1 sigmoid architecture and runs it on
the inputs read from the sliders, so the page is checked against an independent forward pass.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from labdriver import RunResult, notebooks_using
from panel_moves import (
    exact_value,
    panel_with,
    picture_state,
    press_slider,
    screenshot,
    slider,
    wait_for_new_picture,
)
from playwright.sync_api import Locator, Page, expect

from nnlib import Linear, Sequential, Sigmoid
from nnlib.neuron import format_number
from nnlib.serialize import state_dict_from_json
from nnlib.widgets import NetworkExplorer

NOTEBOOKS = notebooks_using("NetworkExplorer")
State = dict[str, np.ndarray]


def network_3441(state: State) -> Sequential:
    model = Sequential(Linear(3, 4), Sigmoid(), Linear(4, 4), Sigmoid(), Linear(4, 1), Sigmoid())
    model.load_state_dict(state)
    return model


def explorer(page: Page) -> Locator:
    return panel_with(page, "into neuron").first


def inputs(panel: Locator) -> np.ndarray:
    return np.array([exact_value(slider(panel, f"x{i}")) for i in (1, 2, 3)])


def output_text(state: State, x: np.ndarray) -> str:
    shown = ", ".join(format_number(float(v)) for v in np.atleast_1d(network_3441(state)(x)))
    return f"output ŷ = {shown} for x = ({', '.join(format_number(float(v)) for v in x)})"


def click(panel: Locator, button: str, status: str) -> None:
    panel.get_by_role("button", name=button, exact=True).click()
    expect(panel.locator(".nnlib-status")).to_contain_text(status)


def export(panel: Locator) -> State:
    """Press 'export' and read the model the page holds, as a learner would copy it."""
    text = panel.locator("textarea")
    text.fill("")
    click(panel, "export", "Exported 41 parameters")
    expect(text).not_to_have_value("")
    return state_dict_from_json(text.input_value())


def pick(panel: Locator, layer: int, neuron: int, parameter: str) -> None:
    selects = panel.locator("select")
    selects.nth(0).select_option(index=layer)
    selects.nth(1).select_option(index=neuron)
    selects.nth(2).select_option(label=parameter)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_network_explorer_answers_every_control(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    panel = explorer(run_notebook(name).page)
    output, parameter = panel.locator(".nnlib-output"), panel.locator(".nnlib-parameter")
    start = export(panel)
    expect(output).to_have_text(output_text(start, inputs(panel)))

    before, x1 = picture_state(panel), inputs(panel)[0]
    press_slider(slider(panel, "x1"), "ArrowRight")
    wait_for_new_picture(panel, before)
    x = inputs(panel)
    assert x[0] == pytest.approx(x1 + 0.05)
    expect(output).to_have_text(output_text(start, x))

    pick(panel, layer=0, neuron=1, parameter="bias")
    expect(parameter).to_contain_text("model[0].bias[1] = ")
    picked = export(panel)
    expect(parameter).to_have_text(f"model[0].bias[1] = {format_number(picked['0.bias'][1])}")

    before = picture_state(panel)
    press_slider(slider(panel, "value"), "ArrowRight", times=10)
    wait_for_new_picture(panel, before)
    expect(parameter).not_to_have_text(f"model[0].bias[1] = {format_number(picked['0.bias'][1])}")
    moved = export(panel)
    assert moved["0.bias"][1] == pytest.approx(picked["0.bias"][1] + 0.10, abs=1e-9)
    picked["0.bias"][1] = moved["0.bias"][1]
    assert all(np.array_equal(moved[key], picked[key]) for key in picked), "only bias[1] moves"
    expect(output).to_have_text(output_text(moved, x))
    screenshot(panel, f"{name.removesuffix('.ipynb')}-network-explorer")

    before = picture_state(panel)
    click(panel, "reset", "Reset")
    wait_for_new_picture(panel, before)
    restored = export(panel)
    # Within half a slider step: the exact check is the picking test below.
    assert restored["0.bias"][1] == pytest.approx(start["0.bias"][1], abs=0.005)
    expect(output).to_have_text(output_text(restored, x))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_picking_a_parameter_does_not_change_it(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    """Only the 'value' slider may write the model; choosing what it shows must not."""
    panel = explorer(run_notebook(name).page)
    before = export(panel)
    for layer, neuron, parameter in [(1, 2, "bias"), (2, 0, "weight from hidden 2 node 1")]:
        pick(panel, layer, neuron, parameter)
        after = export(panel)
        changes = {
            key: (before[key][differ].tolist(), after[key][differ].tolist())
            for key in before
            if (differ := before[key] != after[key]).any()
        }
        assert not changes, (
            f"picking layer {layer + 1}, neuron {neuron + 1}, {parameter!r}: {changes}"
        )
        before = after


def css_point(
    state: State, column_from: int, node_from: int, column_to: int, node_to: int, along: float
) -> dict[str, float]:
    """Where, in CSS px on the canvas, a point `along` the way from one node to another lies,
    computed from the geometry the panel sends for this model."""
    panel = NetworkExplorer(network_3441(state))
    layout = panel.artists.layout
    axes = panel.canvas.geometry["axes"][0]
    left, top, width, height = axes["box"]
    (x0, x1), (y0, y1) = axes["xlim"], axes["ylim"]
    start = layout.positions[column_from][node_from]
    end = layout.positions[column_to][node_to]
    x, y = start + along * (end - start)
    return {
        "x": left + (x - x0) / (x1 - x0) * width,
        "y": top + height - (y - y0) / (y1 - y0) * height,
    }


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_clicking_the_diagram_picks_a_weight_or_a_bias(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    panel = explorer(run_notebook(name).page)
    panel.scroll_into_view_if_needed()
    canvas = panel.locator(".nnlib-canvas")
    parameter = panel.locator(".nnlib-parameter")
    start = export(panel)
    # The edge from hidden 1 node 4 into hidden 2 node 3 is model[2].weight[2, 3].
    canvas.click(position=css_point(start, 1, 3, 2, 2, along=0.4))
    weight = start["2.weight"][2, 3]
    expect(parameter).to_have_text(f"model[2].weight[2, 3] = {format_number(weight)}")
    selects = panel.locator("select")
    shown = [selects.nth(i).input_value() for i in range(3)]  # the selected options' texts
    assert shown == ["2: hidden layer 1 → hidden layer 2", "3", "weight from hidden 1 node 4"]
    assert exact_value(slider(panel, "value")) == pytest.approx(weight, abs=1e-12)
    before = picture_state(panel)
    press_slider(slider(panel, "value"), "ArrowLeft", times=5)
    wait_for_new_picture(panel, before)
    moved = export(panel)
    assert moved["2.weight"][2, 3] == pytest.approx(weight - 0.05, abs=1e-9)
    # A click on hidden 2 node 1 picks its bias.
    canvas.click(position=css_point(start, 2, 0, 2, 0, along=0.0))
    expect(parameter).to_have_text(f"model[2].bias[0] = {format_number(moved['2.bias'][0])}")
    assert selects.nth(2).input_value() == "bias"
    after = export(panel)
    assert all(np.array_equal(after[key], moved[key]) for key in moved), "a pick writes nothing"
    screenshot(panel, f"{name.removesuffix('.ipynb')}-network-explorer-clicked")
