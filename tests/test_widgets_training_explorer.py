"""TrainingExplorer headless: every control moved from Python, asserting on model, text, artists."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from matplotlib.text import Text

from nnlib.data import make_circles, make_moons
from nnlib.layers import Linear, ReLU, Tanh
from nnlib.plots import payload
from nnlib.plots.training import BOUNDARY_CMAP, grid_points, half_line
from nnlib.widgets.training_explorer import (
    TrainingExplorer,
    doubling_limit,
    parse_hidden,
    snap_lr,
)

MOVES: dict[str, Any] = {"dataset": "circles", "hidden": "4", "activation": "relu", "seed": 7}


@pytest.fixture
def panel() -> TrainingExplorer:
    return TrainingExplorer(dataset="moons", hidden="8,8", activation="tanh", lr=0.3, seed=0)


def linear_sizes(panel: TrainingExplorer) -> list[tuple[int, int]]:
    return [(m.in_features, m.out_features) for m in panel.model if isinstance(m, Linear)]


def layers(panel: TrainingExplorer) -> dict[str, Any]:
    return {name: panel.canvas.layer(name) for name in panel.canvas.layer_names}


def floats(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.float32)


def boundary_matches_model(panel: TrainingExplorer) -> bool:
    shown = np.asarray(panel.boundary.image.get_array()).ravel()
    return bool(np.allclose(shown, panel.model(panel.boundary.grid).ravel()))


def test_starts_untrained_with_the_contract(panel: TrainingExplorer) -> None:
    assert set(panel.controls) == {
        "play", "step", "steps", "lr", "activation", "dataset", "hidden", "seed",
    }  # fmt: skip
    assert "nnlib-panel" in panel._dom_classes and "nnlib-loss" in panel.readout._dom_classes
    assert panel.losses == [] and panel.readout.value.startswith("step 0")
    assert linear_sizes(panel) == [(2, 8), (8, 8), (8, 1)]
    assert bytes(panel.canvas.background)[:4] == b"\x89PNG"
    assert boundary_matches_model(panel)


def test_a_play_tick_trains_steps_per_tick_and_redraws(panel: TrainingExplorer) -> None:
    before = layers(panel)
    panel.controls["steps"].value = 7
    panel.controls["play"].value = 1
    assert len(panel.losses) == 7
    np.testing.assert_array_equal(panel.curve.get_ydata(), panel.losses)
    assert panel.readout.value.startswith("step 7 · loss ")
    after = layers(panel)
    assert [n for n in before if after[n] != before[n]] == ["boundary", "loss"]
    assert boundary_matches_model(panel)


def test_play_going_back_does_not_train(panel: TrainingExplorer) -> None:
    panel.controls["play"].value = 3
    panel.controls["play"].value = 0
    assert len(panel.losses) == 10


def test_step_button_and_method_advance_training(panel: TrainingExplorer) -> None:
    panel.controls["steps"].value = 4
    panel.controls["step"].click()
    assert len(panel.losses) == 4
    panel.step(6)
    assert len(panel.losses) == 10
    with pytest.raises(ValueError, match="n must be a positive integer, got 0"):
        panel.step(0)


def test_training_learns_the_moons(panel: TrainingExplorer) -> None:
    panel.step(300)
    assert panel.losses[-1] < 0.2 * panel.losses[0]
    assert panel.accuracy > 0.95
    assert f"training accuracy {100 * panel.accuracy:.1f}%" in panel.readout.value


def test_lr_changes_the_optimiser_and_keeps_the_progress(panel: TrainingExplorer) -> None:
    panel.step(5)
    weights = panel.model.state_dict()
    panel.controls["lr"].value = 0.01
    assert panel.optimizer.lr == pytest.approx(0.01)
    assert len(panel.losses) == 5
    for key, value in panel.model.state_dict().items():
        np.testing.assert_array_equal(value, weights[key])


def test_dataset_change_rebuilds_data_and_network_from_the_seed(panel: TrainingExplorer) -> None:
    panel.step(20)
    panel.controls["dataset"].value = "circles"
    expected_X, expected_y = make_circles(panel.n_samples, panel.noise,
                                          rng=np.random.default_rng(0))  # fmt: skip
    np.testing.assert_array_equal(panel.X, expected_X)
    np.testing.assert_array_equal(panel.y, expected_y)
    assert panel.losses == [] and panel.readout.value.startswith("step 0")
    shown = len(panel.boundary.class0.get_xdata()) + len(panel.boundary.class1.get_xdata())
    assert shown == panel.n_samples and boundary_matches_model(panel)


def test_the_same_seed_gives_the_same_start_and_another_seed_does_not() -> None:
    a, b = TrainingExplorer(seed=3), TrainingExplorer(seed=3)
    c = TrainingExplorer(seed=4)
    for key, value in a.model.state_dict().items():
        np.testing.assert_array_equal(value, b.model.state_dict()[key])
    assert not np.array_equal(a.X, c.X)
    a.step(10)
    b.step(10)
    assert a.losses == b.losses


def test_seed_control_rebuilds(panel: TrainingExplorer) -> None:
    panel.controls["seed"].value = 5
    expected_X, _ = make_moons(panel.n_samples, panel.noise, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(panel.X, expected_X)


def test_hidden_sizes_and_activation_rebuild_the_network(panel: TrainingExplorer) -> None:
    first_weights = panel.model[0].weight.data.copy()  # type: ignore[attr-defined]
    panel.controls["hidden"].value = "16,16"
    assert linear_sizes(panel) == [(2, 16), (16, 16), (16, 1)]
    panel.controls["hidden"].value = "8,8"
    panel.controls["activation"].value = "relu"
    assert isinstance(panel.model[1], ReLU) and not any(isinstance(m, Tanh) for m in panel.model)
    # same seed, same draws: only the non-linearity differs
    np.testing.assert_array_equal(panel.model[0].weight.data, first_weights)  # type: ignore[attr-defined]


def test_hold_updates_rebuilds_once_with_all_settings(panel: TrainingExplorer) -> None:
    with panel.hold_updates():
        panel.controls["dataset"].value = "xor"
        panel.controls["hidden"].value = "4"
        panel.controls["seed"].value = 9
    assert linear_sizes(panel) == [(2, 4), (4, 1)]
    assert boundary_matches_model(panel)


def test_divergence_is_explained_and_stops_playing(panel: TrainingExplorer) -> None:
    panel.step(2)
    for p in panel.model.parameters():
        p.data[...] = 1e308  # the next forward pass overflows
    panel.controls["play"].playing = True
    panel.step(5)
    assert len(panel.losses) == 2 and panel.diverged is not None
    assert "✗ Diverged." in panel.readout.value
    assert "Training diverged at step 3" in panel.readout.value
    assert "Lower the learning rate" in panel.readout.value
    assert panel.controls["play"].playing is False
    panel.controls["seed"].value = 1  # a rebuild starts afresh
    assert panel.diverged is None and panel.readout.value.startswith("step 0")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"dataset": "mnist"}, "dataset must be one of 'xor', 'moons', 'circles', 'spirals'"),
        ({"hidden": "3,3"}, "hidden must be one of '2', '4'"),
        ({"activation": "step"}, "activation must be one of 'tanh', 'relu'"),
    ],
)
def test_unknown_choices_are_refused(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TrainingExplorer(**kwargs)


def test_parse_hidden() -> None:
    assert parse_hidden("16,16") == [16, 16]
    assert parse_hidden("4") == [4]


def test_repr_is_stable_for_notebooks(panel: TrainingExplorer) -> None:
    assert repr(panel).startswith("TrainingExplorer: a live panel.")


def test_ticks_redraw_the_axes_only_when_their_limits_change(panel: TrainingExplorer) -> None:
    full = panel.canvas.background_sends
    panel.step(5)
    panel.step(5)
    panel.step(5)
    assert panel.canvas.background_sends == full  # 15 steps: x still runs to 50, y to 1
    ax = panel.curve.axes
    assert ax is not None
    assert ax.get_xlim() == (0.0, 50.0) and ax.get_ylim() == (0.0, 1.0)
    assert 1.1 * max(panel.losses) <= 1.0
    panel.step(40)  # 55 steps: the x axis doubles to 100
    assert ax.get_xlim() == (0.0, 100.0) and panel.canvas.background_sends == full + 1
    assert panel.canvas.geometry["axes"][1]["xlim"] == [0.0, 100.0]


def test_playing_redraws_the_background_rarely(panel: TrainingExplorer) -> None:
    full = panel.canvas.background_sends
    for tick in range(1, 101):  # 1000 steps of 10
        panel.controls["play"].value = tick
    assert len(panel.losses) == 1000
    # x runs to 50, 100, 200, 400, 800, 1600: five new backgrounds in a hundred ticks
    assert panel.canvas.background_sends == full + 5


def test_doubling_limit() -> None:
    assert doubling_limit(50.0, 0) == 50.0
    assert doubling_limit(50.0, 50) == 50.0
    assert doubling_limit(50.0, 51) == 100.0
    assert doubling_limit(1.0, 0.76) == 1.0
    assert doubling_limit(1.0, 3.5) == 4.0
    assert doubling_limit(1.0, float("inf")) == 1.0


def test_the_p_half_line_follows_training(panel: TrainingExplorer) -> None:
    before = np.column_stack(panel.boundary.contour.get_data()).copy()
    panel.step(30)
    contour = panel.boundary.contour
    assert contour in panel.layers["boundary"].current() and contour in panel.boundary.ax.lines
    after = np.column_stack(contour.get_data())
    assert after.shape != before.shape or not np.allclose(after, before, equal_nan=True)
    p = panel.model(after[np.isfinite(after[:, 0])])
    np.testing.assert_allclose(p, 0.5, atol=0.05)  # on the grid's interpolated 0.5 level


@pytest.mark.parametrize(("given", "used"), [(0.1, 0.1), (0.3, 10**-0.5), (1.0, 1.0), (1e-5, 1e-3)])
def test_the_learning_rate_is_one_the_slider_can_show(given: float, used: float) -> None:
    panel = TrainingExplorer(lr=given)
    assert panel.controls["lr"].value == pytest.approx(used, rel=1e-12)
    assert panel.optimizer.lr == panel.controls["lr"].value


def test_a_non_positive_learning_rate_is_refused() -> None:
    with pytest.raises(ValueError, match=r"lr \(the learning rate\) must be positive, got 0.0"):
        snap_lr(0.0)


def test_learning_rate_and_steps_redraw_nothing_until_training_runs(
    panel: TrainingExplorer,
) -> None:
    picture, backgrounds = layers(panel), panel.canvas.background_sends
    panel.controls["lr"].value = 0.5
    panel.controls["steps"].value = 3
    for name, items in layers(panel).items():  # nothing on screen depends on them
        assert items is picture[name], name
    assert panel.canvas.background_sends == backgrounds
    panel.controls["play"].value += 1
    assert len(panel.losses) == 3 and layers(panel)["loss"] != picture["loss"]


def test_divergence_inside_a_tick_is_numbered_from_the_first_step() -> None:
    panel = TrainingExplorer(activation="relu")  # unbounded, so the weights can blow up
    panel.step(4)
    panel.optimizer.lr = 1e300  # far beyond the slider: overflows on the tick's 2nd step
    panel.step(50)
    assert panel.diverged is not None and len(panel.losses) == 5  # not the tick's 1st step
    assert f"Training diverged at step {len(panel.losses) + 1}:" in panel.readout.value


def test_what_the_canvas_is_sent_is_the_model_on_the_grid(panel: TrainingExplorer) -> None:
    panel.step(25)
    heat, line = panel.canvas.layer("boundary")
    extent, n = panel.boundary.extent, panel.boundary.resolution
    p = panel.model(grid_points(extent, n)).reshape(n, n)  # rows from the bottom: x2 rises
    indices = np.frombuffer(heat["index"], dtype=np.uint8).reshape(n, n)
    np.testing.assert_array_equal(indices, np.clip(np.floor(p * 256), 0, 255).astype(np.uint8))
    assert BOUNDARY_CMAP.N == 256 and heat["extent"] == list(extent)
    np.testing.assert_array_equal(
        np.column_stack([floats(line["x"]), floats(line["y"])]),
        half_line(panel.boundary.grid, p).astype(np.float32),
    )
    (loss,) = panel.canvas.layer("loss")
    np.testing.assert_array_equal(floats(loss["x"]), np.arange(1, 26, dtype=np.float32))
    np.testing.assert_array_equal(floats(loss["y"]), np.asarray(panel.losses, np.float32))


def test_the_points_sent_are_the_data(panel: TrainingExplorer) -> None:
    panel.controls["dataset"].value = "xor"
    for index, label, marker in ((0, 0.0, "o"), (1, 1.0, "s")):
        points = panel.canvas.layer("data")[index]
        mine = panel.X[panel.y.ravel() == label]
        assert points["marker"] == marker and points["width"] == 0.0
        np.testing.assert_array_equal(floats(points["x"]), mine[:, 0].astype(np.float32))
        np.testing.assert_array_equal(floats(points["y"]), mine[:, 1].astype(np.float32))


@pytest.mark.parametrize("name", list(MOVES))
def test_a_rebuild_resends_everything_with_a_new_background(
    panel: TrainingExplorer, name: str
) -> None:
    panel.step(20)
    before, backgrounds = layers(panel), panel.canvas.background_sends
    panel.controls[name].value = MOVES[name]
    after = layers(panel)
    assert panel.canvas.background_sends == backgrounds + 1
    assert after["loss"] != before["loss"] and after["boundary"] != before["boundary"]
    moved_points = name in {"dataset", "seed"}
    assert (after["data"] != before["data"]) == moved_points


def test_the_label_says_step_loss_accuracy_and_data(panel: TrainingExplorer) -> None:
    panel.step(12)
    assert panel.canvas.label == (
        f"step 12: loss {panel.losses[-1]:.4f}, training accuracy {100 * panel.accuracy:.1f}%. "
        "Output p of the network 2-8-8-1 (tanh) over the moons data set (120 points), "
        "with the line p = 0.5; loss curve over 12 steps"
    )
    panel.controls["dataset"].value = "spirals"
    assert panel.canvas.label.startswith("step 0, not trained yet.")
    assert "the spirals data set" in panel.canvas.label


def test_figure_fits_and_its_text_is_legible(panel: TrainingExplorer) -> None:
    width, height = payload.css_size(panel.figure)
    assert width <= 800 and height <= 700 - 4 * 32 - 30  # room for the controls and the text
    sizes = [t.get_fontsize() for t in panel.figure.findobj(Text) if t.get_text()]
    assert min(sizes) * payload.PX_PER_POINT >= 10.0
