"""ipywidgets panels: thin wiring from controls to nnlib objects and nnlib.plots drawings."""

from nnlib.widgets.base import LivePanel, float_slider

__all__ = ["LivePanel", "float_slider"]
