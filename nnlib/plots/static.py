"""How a still figure shows in a notebook: at its CSS size, drawn at twice that for sharpness.

A figure `w` inches wide is `w · CSS_DPI` CSS px on the page (the same rule as the live panels),
so a font of `p` points is `p · CSS_DPI / 72` CSS px there, whatever the figure's dpi.

The figure shows itself through `_ipython_display_` rather than `_repr_mimebundle_`: once
matplotlib's inline backend is active (`%matplotlib inline`, or any import of pyplot), IPython's
PNG printer registered for every Figure would replace a mime bundle's 2x picture with a 1x one.
"""

from __future__ import annotations

import base64

from matplotlib.figure import Figure

from nnlib.plots import payload

MAX_CSS_WIDTH = 840  # the widest panel; JupyterLab's output column shrinks anything wider
MIN_FONT_CSS_PX = 10.0
SMALLEST_POINTS = 7.5  # 10.4 CSS px: the smallest text any figure draws


class StaticFigure(Figure):
    """A matplotlib Figure that a notebook shows at its CSS size, as a 2x PNG."""

    def display_bundle(self) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
        """The PNG (2 device px per CSS px) and plain text, and the CSS size for the PNG."""
        payload.snap_to_css_pixels(self)  # so the 2x PNG is exactly twice the CSS size
        width, height = payload.css_size(self)
        picture = base64.b64encode(payload.png(self, stored=True)).decode("ascii")
        data = {"image/png": picture, "text/plain": self.describe()}
        return data, {"image/png": {"width": width, "height": height}}

    def describe(self) -> str:
        # Fixed text (no memory address) so a re-run notebook compares equal under nbval.
        width, height = payload.css_size(self)
        return f"<Figure {width}x{height} CSS px with {len(self.axes)} Axes>"

    def _ipython_display_(self) -> None:
        from IPython.display import display  # only in a notebook; nnlib does not need IPython

        data, metadata = self.display_bundle()
        display(data, metadata=metadata, raw=True)
