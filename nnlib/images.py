"""Draw the series' diagrams into notebooks/images/: `python -m nnlib.images` (or `make images`).

They live next to the notebooks because Voilà and Jupyter serve nothing above the folder they
open, so `../images/...` would not load there.

The SVGs are byte-for-byte reproducible: a fixed hash salt for element ids, no date metadata, and
text converted to paths so the output does not depend on the fonts of the machine.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from nnlib.plots.diagrams import draw_single_neuron
from nnlib.plots.diagrams_biology import draw_biological_neuron
from nnlib.plots.diagrams_network import network_3441_figure

# Filename in notebooks/images/ → function that draws it on a new Figure; each drawing lives in
# nnlib.plots.
DIAGRAMS: dict[str, Callable[[], Figure]] = {
    "biological_neuron.svg": draw_biological_neuron,
    "network_3441.svg": network_3441_figure,
    "single_neuron.svg": draw_single_neuron,
}


def render_svg(figure: Figure) -> bytes:
    """The figure as deterministic SVG bytes."""
    with matplotlib.rc_context({"svg.hashsalt": "nnlib", "svg.fonttype": "path"}):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def write_all(folder: Path) -> list[Path]:
    """Draw every diagram into `folder` and return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, draw in DIAGRAMS.items():
        path = folder / filename
        path.write_bytes(render_svg(draw()))
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("notebooks") / "images"
    for path in write_all(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
