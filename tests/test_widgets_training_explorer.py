"""TrainingExplorer headless: every control moved from Python, asserting on model, text, artists."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.data import make_circles, make_moons
from nnlib.layers import Linear, ReLU, Tanh
from nnlib.widgets.training_explorer import TrainingExplorer, parse_hidden, snap_lr


@pytest.fixture
def panel() -> TrainingExplorer:
    return TrainingExplorer(dataset="moons", hidden="8,8", activation="tanh", lr=0.3, seed=0)


def linear_sizes(panel: TrainingExplorer) -> list[tuple[int, int]]:
    return [(m.in_features, m.out_features) for m in panel.model if isinstance(m, Linear)]


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
    assert panel.image.value[:4] == b"\x89PNG"
    assert boundary_matches_model(panel)


def test_a_play_tick_trains_steps_per_tick_and_redraws(panel: TrainingExplorer) -> None:
    before = panel.image.value
    panel.controls["steps"].value = 7
    panel.controls["play"].value = 1
    assert len(panel.losses) == 7
    np.testing.assert_array_equal(panel.curve.get_ydata(), panel.losses)
    assert panel.readout.value.startswith("step 7 · loss ")
    assert panel.image.value != before and boundary_matches_model(panel)


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
    panel.step(5)
    full = panel.blitter.full_draws
    panel.step(5)
    panel.step(5)
    assert panel.blitter.full_draws == full  # 15 steps: x still runs to 50, y top unchanged
    ax = panel.curve.axes
    assert ax is not None
    assert ax.get_xlim() == (0.0, 50.0)
    assert ax.get_ylim()[1] == pytest.approx(1.1 * max(panel.losses))
    panel.step(40)  # 55 steps: the x axis doubles to 64
    assert ax.get_xlim() == (0.0, 64.0) and panel.blitter.full_draws == full + 1


def test_the_p_half_line_follows_training(panel: TrainingExplorer) -> None:
    before = np.column_stack(panel.boundary.contour.get_data()).copy()
    panel.step(30)
    contour = panel.boundary.contour
    assert contour in panel.blitter.moving and contour in panel.boundary.ax.lines
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
    picture = panel.image.value
    panel.controls["lr"].value = 0.5
    panel.controls["steps"].value = 3
    assert panel.image.value is picture  # nothing on screen depends on them
    panel.controls["play"].value += 1
    assert len(panel.losses) == 3 and panel.image.value != picture


def test_divergence_inside_a_tick_is_numbered_from_the_first_step() -> None:
    panel = TrainingExplorer(activation="relu")  # unbounded, so the weights can blow up
    panel.step(4)
    panel.optimizer.lr = 1e300  # far beyond the slider: overflows on the tick's 2nd step
    panel.step(50)
    assert panel.diverged is not None and len(panel.losses) == 5  # not the tick's 1st step
    assert f"Training diverged at step {len(panel.losses) + 1}:" in panel.readout.value
