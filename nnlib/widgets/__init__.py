"""ipywidgets panels: thin wiring from controls to nnlib objects and nnlib.plots drawings."""

from nnlib.widgets.activation_explorer import ActivationExplorer
from nnlib.widgets.base import LivePanel, float_slider
from nnlib.widgets.bump_builder import BumpBuilder
from nnlib.widgets.graph_explorer import GraphExplorer
from nnlib.widgets.hand_tuning import HandTuner
from nnlib.widgets.lif_explorer import LIFExplorer
from nnlib.widgets.network_explorer import NetworkExplorer
from nnlib.widgets.neuron_explorer import NeuronExplorer
from nnlib.widgets.playground import Playground
from nnlib.widgets.training_explorer import TrainingExplorer

__all__ = [
    "ActivationExplorer",
    "BumpBuilder",
    "GraphExplorer",
    "HandTuner",
    "LIFExplorer",
    "LivePanel",
    "NetworkExplorer",
    "NeuronExplorer",
    "Playground",
    "TrainingExplorer",
    "float_slider",
]
