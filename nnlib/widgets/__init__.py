"""ipywidgets panels: thin wiring from controls to nnlib objects and nnlib.plots drawings."""

from nnlib.widgets.base import LivePanel, float_slider
from nnlib.widgets.network_explorer import NetworkExplorer

__all__ = ["LivePanel", "NetworkExplorer", "float_slider"]
