"""BumpBuilder in JupyterLab: a bump's height and the shared steepness by keyboard, the bump and
target pickers by click. The page's weights come back through 'export'; nnlib rebuilds the bumps
from them and computes the error the readout must show."""

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

from nnlib import Bump, Linear, Sequential, Sigmoid
from nnlib.serialize import state_dict_from_json
from nnlib.universality import bumps_from_network, mean_absolute_error

NOTEBOOKS = notebooks_using("BumpBuilder")


def export(panel: Locator) -> tuple[list[Bump], float, Sequential]:
    """Press 'export' and rebuild the network the page holds, as a learner would copy it."""
    text = panel.locator("textarea")
    text.fill("")
    panel.get_by_role("button", name="export", exact=True).click()
    expect(panel.locator(".nnlib-status")).to_contain_text("Exported")
    expect(text).not_to_have_value("")
    state = state_dict_from_json(text.input_value())
    n = state["0.bias"].size
    model = Sequential(Linear(1, n), Sigmoid(), Linear(n, 1))
    model.load_state_dict(state)
    bumps, steepness = bumps_from_network(model)
    return bumps, steepness, model


def expect_error_readout(panel: Locator, model: Sequential, target: str) -> None:
    error = mean_absolute_error(model, target)
    expect(panel.locator(".nnlib-output")).to_contain_text(f"mean absolute error {error:.4f}")


def choose(panel: Locator, index: int, label: str) -> None:
    before = picture_state(panel)
    panel.locator("select").nth(index).select_option(label=label)
    wait_for_new_picture(panel, before)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_bump_builder_answers_every_control(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    panel = panel_with(run_notebook(name).page, "steepness w").first
    panel.scroll_into_view_if_needed()
    bumps, steepness, model = export(panel)
    expect_error_readout(panel, model, "sine")

    height = move_slider(panel, "height h", 0.01, presses=3)
    w = move_slider(panel, "steepness w", 5.0, presses=2)
    moved, steepness, model = export(panel)
    assert steepness == pytest.approx(w) and moved[0].height == pytest.approx(height)
    assert moved[1:] == bumps[1:], "only the picked bump moves"
    expect_error_readout(panel, model, "sine")

    choose(panel, 1, "2 of 3")
    assert exact_value(slider(panel, "step up s₁")) == pytest.approx(moved[1].start)
    start = move_slider(panel, "step up s₁", 0.01, presses=2)
    shifted, _, model = export(panel)
    assert shifted[1].start == pytest.approx(start) and shifted[0] == moved[0]
    expect(panel.locator(".nnlib-picked")).to_contain_text("hidden neurons 3, 4")

    choose(panel, 0, "kink")
    _, _, model = export(panel)
    expect_error_readout(panel, model, "kink")
    canvas = panel.locator(".nnlib-canvas")
    assert "kink target" in (canvas.get_attribute("aria-label") or "")
    screenshot(panel, f"{name.removesuffix('.ipynb')}-bump-builder")
