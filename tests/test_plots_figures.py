"""The whole figures the notebooks show: what each draws, and that each is drawn for the page."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from test_static_figures import figure_problems

from nnlib import (
    LIFNeuron,
    Linear,
    Neuron,
    Sequential,
    Step,
    artificial_counterpart,
    make_slab,
    principal_component,
    simulate_synaptic_drive,
    train_hebbian,
    train_oja,
)
from nnlib.losses import BCELoss
from nnlib.plots import (
    batch_size_figure,
    bias_shift_figure,
    descent_figure,
    gate_planes_figure,
    oja_figure,
    rate_vs_relu_figure,
    synaptic_drive_figure,
    train_test_figure,
    weights_and_gradients_figure,
)
from nnlib.sequential import mlp


def test_bias_shift_curves_cross_one_half_at_minus_b_over_w() -> None:
    figure = bias_shift_figure(weight=4.0, biases=[-2.0, 1.0])
    curves = [line for line in figure.axes[0].get_lines() if line.get_label().startswith("b =")]
    assert [c.get_label() for c in curves] == [
        "b = −2: switches on at x = 0.5",
        "b = 1: switches on at x = −0.25",
    ]
    for curve, crossing in zip(curves, [0.5, -0.25], strict=True):
        x, a = curve.get_data()
        assert np.interp(0.5, a, x) == pytest.approx(crossing, abs=0.02)
    assert not figure_problems(figure)


def test_synaptic_drive_shows_each_synapse_spikes_and_the_mean_current() -> None:
    weights = [3.0, -1.0]
    drive = simulate_synaptic_drive(weights, [100.0, 40.0], rng=np.random.default_rng(1))
    figure = synaptic_drive_figure(drive, weights)
    raster, current_ax, _ = figure.axes
    rows = raster.get_lines()
    counts = drive.input_spikes.sum(axis=0)
    assert [len(row.get_xdata()) for row in rows] == list(counts)
    assert [t.get_text() for t in raster.get_yticklabels()] == ["w = 3", "w = −1"]
    mean = [line for line in current_ax.get_lines() if line.get_label() == "mean = z"]
    assert mean[0].get_ydata()[0] == pytest.approx(drive.mean_current)
    assert not figure_problems(figure)


def test_rate_vs_relu_puts_rates_left_and_relu_outputs_right() -> None:
    neuron = LIFNeuron()
    twin = artificial_counterpart([3.0, 2.0])
    rates = [np.array([50.0, 20.0]) * s for s in (0.5, 1.0, 2.0)]
    outputs = [twin(r) for r in rates]
    figure = rate_vs_relu_figure([1.0, 2.0, 4.0], [5.0, 30.0, 80.0], outputs, neuron)
    left, right = figure.axes
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), [5.0, 30.0, 80.0])
    np.testing.assert_allclose(right.get_lines()[0].get_ydata(), np.ravel(outputs))
    assert not figure_problems(figure)


def test_oja_arrow_points_along_the_principal_axis_and_hebb_grows() -> None:
    rng = np.random.default_rng(0)
    data = rng.multivariate_normal([0.0, 0.0], [[3.0, 1.4], [1.4, 1.2]], size=400)
    data -= data.mean(axis=0)
    hebb = train_hebbian(data, lr=0.003, epochs=3, rng=np.random.default_rng(0))
    oja = train_oja(data, lr=0.003, epochs=3, rng=np.random.default_rng(0))
    pc = principal_component(data)
    figure = oja_figure(data, hebb, oja, pc)
    cloud, lengths = figure.axes
    tip = np.asarray(cloud.texts[0].xy)  # the arrow's head, at 2.5 · w
    assert tip @ pc / np.linalg.norm(tip) > 0.99
    hebb_line, oja_line = lengths.get_lines()
    assert hebb_line.get_ydata()[-1] > 2.0 > oja_line.get_ydata()[-1]
    assert not figure_problems(figure)


def test_descent_figure_draws_the_path_and_the_losses() -> None:
    grid = np.linspace(-1.0, 1.0, 5)
    surface = np.add.outer(grid**2, grid**2)
    path = np.array([[0.8, 0.8], [0.4, 0.3], [0.1, 0.0]])
    figure = descent_figure(grid, surface, path, [2.0, 1.0, 0.5], "a bowl")
    surface_ax, curve_ax = figure.axes[:2]
    assert surface_ax.get_title() == "a bowl"
    drawn = [line.get_xydata() for line in surface_ax.get_lines() if len(line.get_xdata()) == 3]
    np.testing.assert_array_equal(drawn[0], path)
    np.testing.assert_array_equal(curve_ax.get_lines()[0].get_ydata(), [2.0, 1.0, 0.5])
    assert not figure_problems(figure)


def test_weights_and_gradients_draws_the_network_twice_with_gradients_after_backward() -> None:
    X, y = make_slab(20, rng=np.random.default_rng(4))
    model = mlp([3, 4, 1], "sigmoid", rng=np.random.default_rng(4))
    loss_fn = BCELoss()
    loss_fn(model(X[0]), y[0])
    model.backward(loss_fn.backward())
    figure = weights_and_gradients_figure(model, X[0])
    assert isinstance(figure, Figure) and len(figure.axes) == 2
    texts = [t.get_text() for t in figure.texts]
    assert texts == ["weights", "gradients dL/dW for this sample"]
    legends = [t.get_text() for ax in figure.axes for t in ax.get_legend().get_texts()]
    assert any("gradient" in t for t in legends) and any("weight" in t for t in legends)
    assert not figure_problems(figure)


def test_gate_planes_draw_a_neuron_or_a_network_per_title_with_the_targets() -> None:
    or_neuron = Neuron([1.0, 1.0], -0.5, "step")
    hidden = Linear(2, 1, rng=np.random.default_rng(0))
    hidden.weight.data[...] = [[1.0, 1.0]]
    hidden.bias.data[...] = [-1.5]
    and_network = Sequential(hidden, Step())
    xor = [0.0, 1.0, 1.0, 0.0]
    figure = gate_planes_figure({"OR": or_neuron, "AND": and_network}, xor, "XOR")
    planes = [ax for ax in figure.axes if ax.get_label() != "<colorbar>"]
    assert [ax.get_title() for ax in planes] == ["OR", "AND"]
    for ax, gate in zip(planes, ([0, 1, 1, 1], [0, 0, 0, 1]), strict=True):
        image = ax.get_images()[0].get_array()
        # the image's corners (x1, x2) ∈ {0, 1}² sit a quarter and three quarters in
        n = image.shape[0]
        low, high = n // 4, 3 * n // 4
        corners = [image[low, low], image[high, low], image[low, high], image[high, high]]
        np.testing.assert_array_equal(corners, gate)  # rows are x2, columns x1
        squares = [line for line in ax.get_lines() if line.get_label() == "XOR = 1"]
        np.testing.assert_array_equal(squares[0].get_xydata(), [[0.0, 1.0], [1.0, 0.0]])
    assert not figure_problems(figure)


def test_train_test_figure_draws_both_losses_and_both_kinds_of_point() -> None:
    rng = np.random.default_rng(0)
    X_train, X_test = rng.normal(size=(20, 2)), rng.normal(size=(8, 2))
    y_train = (X_train[:, :1] > 0).astype(float)
    y_test = (X_test[:, :1] > 0).astype(float)
    model = mlp([2, 3, 1], "tanh", rng=rng)
    figure = train_test_figure([0.7, 0.5, 0.4], [0.8, 0.6, 0.7], model, (X_train, y_train),
                               (X_test, y_test))  # fmt: skip
    curves, plane = figure.axes[:2]
    training, test = curves.get_lines()
    np.testing.assert_array_equal(training.get_ydata(), [0.7, 0.5, 0.4])
    np.testing.assert_array_equal(test.get_ydata(), [0.8, 0.6, 0.7])
    assert test.get_linestyle() == "--"
    counts = {line.get_label(): len(line.get_xdata()) for line in plane.get_lines()}
    assert counts["train 0"] + counts["train 1"] == 20 and counts["test 0"] + counts["test 1"] == 8
    assert any(ax.get_label() == "<colorbar>" for ax in figure.axes)
    assert not figure_problems(figure)


def test_batch_size_figure_draws_one_styled_line_per_way_of_batching() -> None:
    figure = batch_size_figure({"full": [0.7, 0.6], "batches of 5": [0.7, 0.65, 0.5]})
    lines = figure.axes[0].get_lines()
    assert [line.get_label() for line in lines] == ["full", "batches of 5"]
    assert [line.get_linestyle() for line in lines] == ["-", "--"]
    assert not figure_problems(figure)
