"""Plain matplotlib drawings: each takes an Axes, returns its artists, and has an `update_*`.

Nothing here calls plt.show() or display(); figures come from `new_figure`, not pyplot.
"""

from nnlib.plots.network import NetworkArtists, draw_network, update_network, weight_gradients
from nnlib.plots.style import NEGATIVE, POSITIVE, new_figure, render_png

__all__ = [
    "NEGATIVE",
    "POSITIVE",
    "NetworkArtists",
    "draw_network",
    "new_figure",
    "render_png",
    "update_network",
    "weight_gradients",
]
