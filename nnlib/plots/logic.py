"""Logic gates in the input plane: the four corners marked by their target, with a key, and a
whole network's output over the plane, coloured as `draw_input_plane` colours one neuron's."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage

from nnlib.plots.neuron import Extent, plane_grid
from nnlib.plots.style import BLACK, DIVERGING_CMAP
from nnlib.validation import as_float_array

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def mark_gate_targets(ax: Axes, targets: Any, gate: str = "XOR") -> None:
    """Squares where the gate's target is 1, circles where it is 0, and a key below the axes.

    White squares and black discs, both with a black rim, stand out on every colour of the
    orange-to-purple map; the key means no reader has to guess which shape is which.
    """
    wanted = as_float_array(targets, "targets", ndim=(1,))
    if wanted.shape != (4,):
        raise ValueError(
            f"targets must be the gate's 4 outputs for (0,0), (0,1), (1,0), (1,1), got shape "
            f"{wanted.shape}. Pass e.g. TRUTH_TABLES['XOR']."
        )
    ones, zeros = CORNERS[wanted == 1], CORNERS[wanted != 1]
    ax.plot(*ones.T, "s", color="white", markeredgecolor=BLACK, markersize=11, label=f"{gate} = 1")
    ax.plot(*zeros.T, "o", color=BLACK, markersize=10, label=f"{gate} = 0")
    # Below the x1 label, not across it.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.24), ncol=2, frameon=False)


def draw_model_plane(
    ax: Axes, model: Any, *, extent: Extent = (-0.5, 1.5, -0.5, 1.5), resolution: int = 121
) -> AxesImage:
    """A two-input model's output over (x1, x2), in the colours of a single neuron's plane."""
    grid = plane_grid(extent, resolution)
    values = np.asarray(model(grid), dtype=np.float64).reshape(resolution, resolution)
    # The same widened 0..1 scale as draw_input_plane uses for a step or sigmoid neuron.
    image = ax.imshow(
        values, origin="lower", extent=extent, cmap=DIVERGING_CMAP, vmin=-0.5, vmax=1.5,
        aspect="auto", interpolation="nearest",
    )  # fmt: skip
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return image
