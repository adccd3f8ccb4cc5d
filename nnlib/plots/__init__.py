"""Plain matplotlib drawings: each takes an Axes, returns its artists, and has an `update_*`.

Nothing here calls plt.show() or display(); figures come from `new_figure`, not pyplot.
"""

from nnlib.plots.activation import (
    ActivationArtists,
    draw_activation,
    draw_activation_gallery,
    update_activation,
)
from nnlib.plots.biology import (
    ActivationComparisonArtists,
    FICurveArtists,
    VoltageArtists,
    plot_fi_curve,
    plot_fi_vs_activations,
    plot_voltage_trace,
    update_fi_curve,
    update_fi_vs_activations,
    update_voltage_trace,
)
from nnlib.plots.diagrams import draw_single_neuron
from nnlib.plots.diagrams_biology import draw_biological_neuron
from nnlib.plots.figures import (
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
from nnlib.plots.graph import GraphArtists, draw_graph, update_graph
from nnlib.plots.logic import draw_model_plane, mark_gate_targets
from nnlib.plots.network import NetworkArtists, draw_network, update_network, weight_gradients
from nnlib.plots.neuron import InputPlaneArtists, draw_input_plane, update_input_plane
from nnlib.plots.payload import png
from nnlib.plots.style import NEGATIVE, POSITIVE, new_figure
from nnlib.plots.training import (
    BoundaryArtists,
    SurfaceArtists,
    draw_decision_boundary,
    draw_loss_curve,
    draw_loss_surface,
    update_decision_boundary,
    update_descent_path,
    update_loss_curve,
)
from nnlib.plots.universality import BumpArtists, draw_bump_builder, update_bump_builder

__all__ = [
    "NEGATIVE",
    "POSITIVE",
    "ActivationArtists",
    "ActivationComparisonArtists",
    "BoundaryArtists",
    "BumpArtists",
    "FICurveArtists",
    "GraphArtists",
    "InputPlaneArtists",
    "NetworkArtists",
    "SurfaceArtists",
    "VoltageArtists",
    "batch_size_figure",
    "bias_shift_figure",
    "descent_figure",
    "draw_activation",
    "draw_activation_gallery",
    "draw_biological_neuron",
    "draw_bump_builder",
    "draw_decision_boundary",
    "draw_graph",
    "draw_input_plane",
    "draw_loss_curve",
    "draw_loss_surface",
    "draw_model_plane",
    "draw_network",
    "draw_single_neuron",
    "gate_planes_figure",
    "mark_gate_targets",
    "new_figure",
    "oja_figure",
    "plot_fi_curve",
    "plot_fi_vs_activations",
    "plot_voltage_trace",
    "png",
    "rate_vs_relu_figure",
    "synaptic_drive_figure",
    "train_test_figure",
    "update_activation",
    "update_bump_builder",
    "update_decision_boundary",
    "update_descent_path",
    "update_fi_curve",
    "update_fi_vs_activations",
    "update_graph",
    "update_input_plane",
    "update_loss_curve",
    "update_network",
    "update_voltage_trace",
    "weight_gradients",
    "weights_and_gradients_figure",
]
