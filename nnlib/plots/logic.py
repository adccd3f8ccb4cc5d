"""Logic gates in the input plane: the four corners marked by their target, with a key, and a
whole network's output over the plane, coloured as `draw_input_plane` colours one neuron's."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage

from nnlib.plots.neuron import Extent, output_colour_bar, plane_grid
from nnlib.plots.palette import CLASS_0, CLASS_0_MARKER, CLASS_1, CLASS_1_MARKER, EDGE, OUTPUT_CMAP
from nnlib.validation import as_float_array

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def mark_gate_targets(ax: Axes, targets: Any, gate: str = "XOR") -> None:
    """Squares where the gate's target is 1, circles where it is 0, and a key below the axes.

    In the class colours (purple squares for 1, yellow discs for 0) with a black rim, which
    stands out on every colour of the output map; the key names each shape.
    """
    wanted = as_float_array(targets, "targets", ndim=(1,))
    if wanted.shape != (4,):
        raise ValueError(
            f"targets must be the gate's 4 outputs for (0,0), (0,1), (1,0), (1,1), got shape "
            f"{wanted.shape}. Pass e.g. TRUTH_TABLES['XOR']."
        )
    ones, zeros = CORNERS[wanted == 1], CORNERS[wanted != 1]
    for where, marker, colour, size, value in (
        (ones, CLASS_1_MARKER, CLASS_1, 11, 1),
        (zeros, CLASS_0_MARKER, CLASS_0, 10, 0),
    ):
        ax.plot(*where.T, marker, color=colour, markersize=size, markeredgecolor=EDGE,
                markeredgewidth=1.5, label=f"{gate} = {value}")  # fmt: skip
    # Below the x1 label, not across it.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.24), ncol=2, frameon=False)


def draw_model_plane(
    ax: Axes, model: Any, *, extent: Extent = (-0.5, 1.5, -0.5, 1.5), resolution: int = 121
) -> AxesImage:
    """A two-input model's output over (x1, x2), in the colours of a single neuron's plane."""
    grid = plane_grid(extent, resolution)
    values = np.asarray(model(grid), dtype=np.float64).reshape(resolution, resolution)
    # The same 0..1 scale as draw_input_plane uses for a step or sigmoid neuron.
    image = ax.imshow(
        values, origin="lower", extent=extent, cmap=OUTPUT_CMAP, vmin=0.0, vmax=1.0,
        aspect="auto", interpolation="nearest",
    )  # fmt: skip
    output_colour_bar(ax, image, "output")
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return image
