"""NeuronExplorer in JupyterLab: every slider by keyboard and the activation dropdown by click.

After each move the test reads every control off the page, computes the neuron's arithmetic
with nnlib in this process and expects the page to show exactly that, with a new picture, and
the canvas's aria-label to say it in words with the new numbers.
"""

from __future__ import annotations

from collections.abc import Callable

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
from playwright.sync_api import Locator, expect

from nnlib.neuron import Explanation, Neuron, format_number
from nnlib.widgets import NeuronExplorer

NOTEBOOKS = notebooks_using("NeuronExplorer")


def n_inputs(panel: Locator) -> int:
    return panel.locator(".widget-slider .widget-label").filter(has_text="w").count()


def expected(panel: Locator) -> Explanation:
    """The explanation nnlib gives for the controls the page shows right now."""
    n = n_inputs(panel)
    weights = [exact_value(slider(panel, f"w{i + 1}")) for i in range(n)]
    inputs = [exact_value(slider(panel, f"x{i + 1}")) for i in range(n)]
    activation = panel.locator("select").evaluate("s => s.options[s.selectedIndex].text")
    neuron = Neuron(weights, exact_value(slider(panel, "bias b")), activation)
    return neuron.explain(inputs)


def expect_shows(panel: Locator, explanation: Explanation) -> None:
    z, a = format_number(explanation.z), format_number(explanation.a)
    expect(panel.locator(".nnlib-output")).to_have_text(f"weighted sum z = {z}, output a = {a}")
    expect(panel.locator(".nnlib-formula")).to_contain_text(str(explanation))
    neuron = Neuron(explanation.weights, explanation.bias, explanation.activation)
    label = NeuronExplorer(neuron, explanation.inputs).describe()
    assert f"z = {z}, a = {a}" in label
    expect(panel.locator(".nnlib-canvas")).to_have_attribute("aria-label", label)


def moved(panel: Locator, control: str, key: str, times: int = 1) -> None:
    """Press `key` on a slider; check its value moved one step per press and the picture changed."""
    before, value = picture_state(panel), exact_value(slider(panel, control))
    press_slider(slider(panel, control), key, times)
    wait_for_new_picture(panel, before)
    sign = 1 if key == "ArrowRight" else -1
    assert exact_value(slider(panel, control)) == pytest.approx(value + sign * 0.05 * times)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_neuron_explorer_answers_every_control(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    page = run_notebook(name).page
    panels = panel_with(page, "activation f", "bias b")
    assert panels.count() >= 1, "no NeuronExplorer rendered"
    for index in range(panels.count()):
        panel = panels.nth(index)
        panel.scroll_into_view_if_needed()
        expect_shows(panel, expected(panel))
        for control, key, times in [("w1", "ArrowRight", 2), ("bias b", "ArrowLeft", 1)]:
            moved(panel, control, key, times)
            expect_shows(panel, expected(panel))
        moved(panel, f"x{n_inputs(panel)}", "ArrowRight")
        expect_shows(panel, expected(panel))

        before = expected(panel)
        select = panel.locator("select")
        picture = picture_state(panel)
        select.select_option(label="tanh" if before.activation != "tanh" else "relu")
        wait_for_new_picture(panel, picture)
        after = expected(panel)
        assert after.activation != before.activation and after.z == before.z
        expect_shows(panel, after)
        screenshot(panel, f"{name.removesuffix('.ipynb')}-neuron-explorer-{index + 1}")
