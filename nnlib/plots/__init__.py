"""Plain matplotlib drawings: each takes an Axes, returns its artists, and has an `update_*`.

Nothing here calls plt.show() or display(); figures come from `new_figure`, not pyplot.
"""

from nnlib.plots.activation import (
    ActivationArtists,
    draw_activation,
    draw_activation_gallery,
    update_activation,
)
from nnlib.plots.blit import Blitter
from nnlib.plots.diagrams import draw_single_neuron
from nnlib.plots.network import NetworkArtists, draw_network, update_network, weight_gradients
from nnlib.plots.neuron import InputPlaneArtists, draw_input_plane, update_input_plane
from nnlib.plots.style import NEGATIVE, POSITIVE, new_figure, render_png

__all__ = [
    "NEGATIVE",
    "POSITIVE",
    "ActivationArtists",
    "Blitter",
    "InputPlaneArtists",
    "NetworkArtists",
    "draw_activation",
    "draw_activation_gallery",
    "draw_input_plane",
    "draw_network",
    "draw_single_neuron",
    "new_figure",
    "render_png",
    "update_activation",
    "update_input_plane",
    "update_network",
    "weight_gradients",
]
