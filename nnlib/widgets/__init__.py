"""ipywidgets panels: thin wiring from controls to nnlib objects and nnlib.plots drawings."""

from nnlib.widgets.activation_explorer import ActivationExplorer
from nnlib.widgets.base import LivePanel, float_slider
from nnlib.widgets.lif_explorer import LIFExplorer
from nnlib.widgets.network_explorer import NetworkExplorer
from nnlib.widgets.neuron_explorer import NeuronExplorer

__all__ = [
    "ActivationExplorer",
    "LIFExplorer",
    "LivePanel",
    "NetworkExplorer",
    "NeuronExplorer",
    "float_slider",
]
