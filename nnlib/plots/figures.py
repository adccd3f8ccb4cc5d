"""Whole still figures that the notebooks show, one call each, so a cell shows the idea.

The colours are the ones the notebooks drew with before these moved here (the text names them).

Each function draws a new figure (from `new_figure`, so it shows at its CSS size as a 2x PNG)
and returns it; the drawing sizes are chosen for the page: at most 840 CSS px wide, no text
under 10 CSS px (7.5 pt).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from nnlib.biology import LIFNeuron, lif_rate
from nnlib.neuron import Neuron
from nnlib.plots.biology import plot_voltage_trace
from nnlib.plots.logic import draw_model_plane, mark_gate_targets
from nnlib.plots.network import draw_network, weight_gradients
from nnlib.plots.neuron import colour_bar, draw_input_plane
from nnlib.plots.palette import (
    COMPARISON,
    HIGHLIGHT,
    MODEL,
    NEGATIVE,
    POSITIVE,
    REFERENCE,
    TARGET,
    TARGET_STYLE,
    model_family,
)
from nnlib.plots.playground import draw_region, update_region_model, update_region_points
from nnlib.plots.static import StaticFigure
from nnlib.plots.style import new_figure
from nnlib.plots.training import data_extent, draw_loss_curve, draw_loss_surface
from nnlib.sequential import Sequential
from nnlib.synapses import SynapticRun
from nnlib.validation import FloatArray

LEGEND_POINTS = 8.0  # 11 CSS px
GATE_EXTENT = (-0.5, 1.5, -0.5, 1.5)  # the four corners of a logic gate, with a margin


def bias_shift_figure(
    weight: float = 2.0, biases: Sequence[float] = (-2.0, 0.0, 2.0)
) -> StaticFigure:
    """σ(w·x + b) for a few biases b: each curve switches on (crosses 0.5) at x = −b/w."""
    xs = np.linspace(-3.0, 3.0, 301)
    figure = new_figure(6.0, 2.6)
    ax = figure.add_subplot()
    # One model, three biases: shades of the model colour, told apart by their dashes too.
    dashes = ["--", "-", ":"]
    for index, (bias, colour) in enumerate(zip(biases, model_family(len(biases)), strict=True)):
        style = dashes[index % len(dashes)]
        threshold = -bias / weight + 0.0  # adding 0.0 turns −0.0 into 0.0
        label = f"b = {bias:g}: switches on at x = {threshold:g}".replace("-", "−")
        outputs = Neuron([weight], bias, "sigmoid")(xs[:, None])
        ax.plot(xs, outputs, style, color=colour, linewidth=2, label=label)
    ax.axhline(0.5, color=REFERENCE, linewidth=0.6)
    ax.set_xlabel("input x")
    ax.set_ylabel(f"output a = σ({weight:g}x + b)")
    ax.legend(loc="lower right", frameon=False)
    figure.tight_layout()
    return figure


def synaptic_drive_figure(drive: SynapticRun, weights: Sequence[float]) -> StaticFigure:
    """Input spikes by synapse, the current they add up to, and the neuron's voltage."""
    figure = new_figure(7.5, 4.6)
    raster, current_ax, voltage_ax = figure.subplots(
        3, 1, sharex=True, height_ratios=[1.0, 1.0, 1.6]
    )
    times = drive.lif.times[1:]
    for i, weight in enumerate(weights):
        spike_times = times[drive.input_spikes[:, i]]
        colour = POSITIVE if weight > 0 else NEGATIVE
        raster.plot(spike_times, np.full(spike_times.size, i + 1), "|", color=colour, ms=8)
    raster.set_yticks(range(1, len(weights) + 1), [f"w = {w:g}".replace("-", "−") for w in weights])
    raster.set_ylim(0.5, len(weights) + 0.5)
    raster.set_title("input spikes (blue: excitatory, orange: inhibitory)", fontsize=9)
    current_ax.plot(times, drive.current, color=MODEL, lw=0.8)
    current_ax.axhline(drive.mean_current, color=HIGHLIGHT, ls="--", lw=1, label="mean = z")
    current_ax.set_ylabel("current (nA)")
    current_ax.legend(loc="upper right", fontsize=LEGEND_POINTS)
    plot_voltage_trace(voltage_ax, drive.lif)
    voltage_ax.get_legend().remove()
    figure.tight_layout()
    return figure


def rate_vs_relu_figure(
    z_values: Sequence[float],
    spiking_rates: Sequence[float],
    relu_outputs: Sequence[Any],
    neuron: LIFNeuron,
) -> StaticFigure:
    """Measured spiking rates and the ReLU neuron's outputs, both against the mean current z."""
    figure = new_figure(7.0, 3.0)
    ax = figure.add_subplot()
    label = "spiking neuron, noisy input (measured)"
    ax.plot(z_values, spiking_rates, "o", color=MODEL, label=label)
    smooth = np.linspace(0.0, max(z_values), 200)
    ax.plot(smooth, lif_rate(neuron, smooth), color=REFERENCE, label="LIF f-I curve, steady input")
    ax.set_xlabel("mean input current = weighted sum of rates (nA)")
    ax.set_ylabel("output rate (Hz)")
    relu = [float(np.ravel(a)[0]) for a in relu_outputs]
    twin_ax = ax.twinx()
    twin_ax.plot(z_values, relu, "s--", color=COMPARISON, ms=4, label="artificial neuron (ReLU)")
    twin_ax.set_ylabel("artificial output a (squares)")
    ax.legend(loc="upper left", fontsize=LEGEND_POINTS)
    twin_ax.legend(loc="lower right", fontsize=LEGEND_POINTS)
    figure.tight_layout()
    return figure


def oja_figure(
    data: FloatArray, hebb: FloatArray, oja: FloatArray, principal_axis: FloatArray
) -> StaticFigure:
    """Left: the data, its principal axis and Oja's final w. Right: |w| per step, Hebb and Oja."""
    figure = new_figure(8.0, 3.2)
    cloud, lengths = figure.subplots(1, 2)
    cloud.scatter(data[:, 0], data[:, 1], s=4, color=COMPARISON, alpha=0.5)
    w = oja[-1] * np.sign(oja[-1] @ principal_axis)  # the sign of w is arbitrary: point it along
    arrow = {"arrowstyle": "->", "color": MODEL, "lw": 2}
    cloud.annotate("", 2.5 * w, (0, 0), arrowprops=arrow)
    axis_line = np.outer([-4, 4], principal_axis).T
    cloud.plot(*axis_line, color=TARGET, ls=TARGET_STYLE, lw=1, label="principal axis")
    cloud.plot([], [], color=MODEL, lw=2, label="Oja's w (× 2.5)")
    cloud.set_aspect("equal")
    cloud.legend(loc="upper left", fontsize=LEGEND_POINTS)
    cloud.set_title("the data and what Oja's rule found", fontsize=9)
    steps = np.arange(len(oja))
    label = "Hebb (runs off the top)"
    lengths.plot(steps, np.linalg.norm(hebb, axis=1), "--", color=COMPARISON, label=label)
    lengths.plot(steps, np.linalg.norm(oja, axis=1), color=MODEL, label="Oja")
    lengths.set_ylim(0.0, 2.0)
    lengths.set_xlabel("update step")
    lengths.set_ylabel("length of w")
    lengths.legend(fontsize=LEGEND_POINTS)
    figure.tight_layout()
    return figure


def descent_figure(
    grid: FloatArray, surface: FloatArray, path: Any, losses: Sequence[float], title: str
) -> StaticFigure:
    """Left: the loss over two weights with the path descent took. Right: loss per epoch."""
    figure = new_figure(8.0, 3.2)
    surface_ax, curve_ax = figure.subplots(1, 2)
    draw_loss_surface(surface_ax, grid, grid, surface, np.asarray(path), labels=("w1", "w2"))
    surface_ax.set_title(title, fontsize="medium")
    draw_loss_curve(curve_ax, losses, xlabel="epoch", log=False)
    figure.subplots_adjust(wspace=0.35, bottom=0.16)
    return figure


def weights_and_gradients_figure(model: Sequential, x: Any) -> StaticFigure:
    """The network twice: edges showing its weights, then dLoss/dW after one backward pass."""
    figure = new_figure(8.4, 3.4)
    weights_ax = figure.add_axes((0.0, 0.0, 0.49, 0.84))
    grads_ax = figure.add_axes((0.51, 0.0, 0.49, 0.84))
    draw_network(model, weights_ax, x=x)
    draw_network(model, grads_ax, x=x, edge_values=weight_gradients(model), edge_label="gradient")
    figure.text(0.25, 0.96, "weights", ha="center", fontsize="large")
    figure.text(0.75, 0.96, "gradients dL/dW for this sample", ha="center", fontsize="large")
    return figure


def gate_planes_figure(planes: Mapping[str, Any], targets: Any, gate: str) -> StaticFigure:
    """Side by side, each title's neuron or two-input network over the input plane, with the
    gate's four targets marked (squares for 1, circles for 0)."""
    figure = new_figure(3.0 * len(planes) + 0.4, 3.6)
    axes = figure.subplots(1, len(planes), squeeze=False).ravel()
    for ax, (title, model) in zip(axes, planes.items(), strict=True):
        if isinstance(model, Neuron):
            draw_input_plane(ax, model, extent=GATE_EXTENT).point.set_visible(False)
        else:
            draw_model_plane(ax, model, extent=GATE_EXTENT)
        mark_gate_targets(ax, targets, gate)
        ax.set_title(title)
    figure.tight_layout()
    return figure


def train_test_figure(
    losses: Sequence[float],
    test_losses: Sequence[float],
    model: Sequential,
    train: tuple[FloatArray, FloatArray],
    test: tuple[FloatArray, FloatArray],
) -> StaticFigure:
    """Left: training and test loss per epoch. Right: the model's output over the plane, with
    the training points filled and the test points hollow, as the playground draws them."""
    figure = new_figure(8.4, 3.4)
    curves, plane = figure.subplots(1, 2)
    draw_loss_curve(curves, losses, xlabel="epoch", log=False).set_label("training")
    test_line = draw_loss_curve(curves, test_losses, xlabel="epoch", log=False)
    test_line.set(linestyle="--", label="test")
    curves.legend(fontsize=LEGEND_POINTS)
    region = draw_region(plane, data_extent(np.concatenate([train[0], test[0]])))
    update_region_points(region, train, test)
    update_region_model(region, model)
    plane.legend(fontsize=LEGEND_POINTS, ncols=4, loc="upper center", bbox_to_anchor=(0.5, 0.0))
    colour_bar(region.image, plane, "output p")
    figure.tight_layout()
    return figure


def batch_size_figure(curves: Mapping[str, Sequence[float]]) -> StaticFigure:
    """The training loss after each step, one line per way of batching (solid, then dashed)."""
    figure = new_figure(5.0, 3.0)
    ax = figure.add_subplot()
    for (label, losses), style in zip(curves.items(), ["-", "--", ":"], strict=False):
        draw_loss_curve(ax, losses, log=False).set(linestyle=style, label=label)
    ax.legend(fontsize=LEGEND_POINTS)
    figure.tight_layout()
    return figure
