"""TrainingExplorer and HandTuner in JupyterLab.

TrainingExplorer: the 'steps per tick' slider by keyboard, the 'step' button, Play and pause, and
the data dropdown. After each, the step count, loss and accuracy the page shows are checked
against a replay in this process: the same seed, data, network and SGD steps, done with nnlib.
HandTuner: its three sliders by keyboard, the loss checked against nnlib's BCELoss.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import numpy as np
import pytest
from labdriver import NOTEBOOKS, RunResult, notebooks_using
from panel_moves import (
    exact_value,
    move_slider,
    panel_with,
    picture_state,
    screenshot,
    slider,
    wait_for_new_picture,
    wait_kernel_idle,
)
from playwright.sync_api import Locator, expect

from nnlib.data import DATASETS, make_moons
from nnlib.losses import BCELoss
from nnlib.metrics import accuracy
from nnlib.neuron import Neuron
from nnlib.optim import SGD
from nnlib.sequential import mlp
from nnlib.train import train_step

STEP_COUNT = re.compile(r"step (\d+) · ")


def dropdown(panel: Locator, label: str) -> Locator:
    return (
        panel.locator(".widget-dropdown")
        .filter(has=panel.page.locator(".widget-label", has_text=re.compile(f"^{label}$")))
        .locator("select")
    )


def chosen(panel: Locator, label: str) -> str:
    return str(dropdown(panel, label).evaluate("s => s.options[s.selectedIndex].text"))


def notebook_lr(name: str) -> float:
    """The learning rate the notebook gives TrainingExplorer (the page shows it rounded)."""
    code = "".join(
        "".join(cell["source"])
        for cell in json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]
    )
    match = re.search(r"TrainingExplorer\([^)]*\blr=([0-9.e-]+)", code)
    return float(match.group(1)) if match else 0.3  # 0.3: TrainingExplorer's default


def replay(
    panel: Locator, steps: int, lr: float, later_lr: float | None = None, at: int = 0
) -> str:
    """The readout nnlib gives after `steps` SGD steps from the settings the page shows,
    with the learning rate changed to `later_lr` after step `at`."""
    rng = np.random.default_rng(int(panel.locator(".widget-text input").input_value()))
    X, y = DATASETS[chosen(panel, "data")](120, 0.15, rng=rng)  # the panel's default data size
    sizes = [2, *(int(s) for s in chosen(panel, "hidden").split(",")), 1]
    model = mlp(sizes, chosen(panel, "activation"), rng=rng)
    loss, optimizer = BCELoss(), SGD(model.parameters(), lr, 0.9)
    losses = []
    for k in range(steps):
        if k == at and later_lr is not None:
            optimizer.lr = later_lr
        losses.append(train_step(model, X, y, loss, optimizer, k + 1))
    score = 100 * accuracy(model(X), y)
    return f"step {steps} · loss {losses[-1]:.4f} · training accuracy {score:.1f}%"


def shown_steps(readout: Locator) -> int:
    match = STEP_COUNT.search(readout.inner_text())
    assert match, readout.inner_text()
    return int(match.group(1))


@pytest.mark.parametrize("name", notebooks_using("TrainingExplorer"))
def test_learning_rate_slider_shows_the_rate_used(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    """Runs first, before any key press. The log slider can only show 10^(k/10), so a rate
    between those steps is shown rounded, and the browser later sends that rounded rate back."""
    panel = panel_with(run_notebook(name).page, "steps per tick").first
    shown = slider(panel, "learning rate").locator(".widget-readout").inner_text()
    assert float(shown) == pytest.approx(notebook_lr(name)), (
        f"the page shows learning rate {shown}, the model trains with {notebook_lr(name)}"
    )


@pytest.mark.parametrize("name", notebooks_using("TrainingExplorer"))
def test_training_explorer_buttons_play_and_dropdowns(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    page = run_notebook(name).page
    panel = panel_with(page, "steps per tick").first
    panel.scroll_into_view_if_needed()
    readout, lr = panel.locator(".nnlib-loss"), notebook_lr(name)
    done = shown_steps(readout)
    expect(readout).to_have_text(replay(panel, done, lr))

    per_tick = int(move_slider_without_picture(panel, "steps per tick", "ArrowRight"))
    exponent = move_slider_without_picture(panel, "learning rate", "ArrowLeft")
    new_lr, changed_at = 10.0**exponent, done
    before = picture_state(panel)
    panel.get_by_role("button", name="step", exact=True).click()
    wait_for_new_picture(panel, before)
    expect(readout).to_contain_text(f"step {done + per_tick} · ")
    expect(readout).to_have_text(replay(panel, done + per_tick, lr, new_lr, changed_at))
    done += per_tick

    play, pause = (
        panel.locator(".widget-play button").nth(0),
        panel.locator(".widget-play button").nth(1),
    )
    before = picture_state(panel)
    play.click()
    page.wait_for_timeout(1500)
    pause.click()
    wait_for_new_picture(panel, before)
    wait_kernel_idle(page)
    page.wait_for_timeout(300)
    ticks, left = divmod(shown_steps(readout) - done, per_tick)
    assert ticks >= 1 and left == 0, f"Play trained {ticks} ticks of {per_tick} steps + {left}"
    expect(readout).to_have_text(replay(panel, done + ticks * per_tick, lr, new_lr, changed_at))
    screenshot(panel, f"{name.removesuffix('.ipynb')}-training-explorer")

    before = picture_state(panel)
    dropdown(panel, "data").select_option(label="circles")
    wait_for_new_picture(panel, before)
    expect(readout).to_have_text("step 0: press play or step to start training.")


def move_slider_without_picture(panel: Locator, label: str, key: str) -> float:
    """Sliders that change no picture until training: press `key`, wait for the kernel, and
    return the new value (for a log slider, the exponent)."""
    control = slider(panel, label)
    value, readout = exact_value(control), control.locator(".widget-readout").inner_text()
    control.locator(".noUi-handle").press(key)
    expect(control.locator(".widget-readout")).not_to_have_text(readout)
    wait_kernel_idle(panel.page)
    moved = exact_value(control)
    assert (moved > value) == (key == "ArrowRight")
    return moved


@pytest.mark.parametrize("name", notebooks_using("HandTuner"))
def test_hand_tuner_loss_follows_the_sliders(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    panel = panel_with(run_notebook(name).page, "bias b").filter(has_text="accuracy").first
    panel.scroll_into_view_if_needed()
    # The notebook's data: make_moons(100, noise=0.1, rng=np.random.default_rng(1)).
    X, y = make_moons(100, noise=0.1, rng=np.random.default_rng(1))

    def expect_loss() -> None:
        weights = [exact_value(slider(panel, "w1")), exact_value(slider(panel, "w2"))]
        neuron = Neuron(weights, exact_value(slider(panel, "bias b")), "sigmoid")
        out = neuron(X)
        labels = y.reshape(-1)
        text = f"loss {BCELoss()(out, labels):.4f} · accuracy {100 * accuracy(out, labels):.1f}%"
        expect(panel.locator(".nnlib-loss")).to_have_text(text)

    expect_loss()
    for label in ("w1", "w2", "bias b"):
        move_slider(panel, label, 0.05, presses=6)
        expect_loss()
    screenshot(panel, f"{name.removesuffix('.ipynb')}-hand-tuner")
