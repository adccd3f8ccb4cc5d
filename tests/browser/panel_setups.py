"""Every panel set-up the notebooks build, and the generic moves a learner makes on its controls.

The cross-panel tests run over this table. A set-up whose class still draws PNGs (it inherits
`PngPanel`, not `LivePanel`) has no canvas yet and is skipped with that reason, so each panel is
covered automatically once it has moved. `moved_panel_classes()` finds the panels from
`nnlib.widgets` itself, and a test checks that every one of them has a set-up here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import numpy as np

import nnlib.widgets
from nnlib import Linear, Neuron, Sequential, Sigmoid, make_moons
from nnlib.widgets import (
    ActivationExplorer,
    BumpBuilder,
    GraphExplorer,
    HandTuner,
    LIFExplorer,
    LivePanel,
    NetworkExplorer,
    NeuronExplorer,
    Playground,
    TrainingExplorer,
)


@dataclass(frozen=True)
class PanelSetup:
    """One panel as a notebook builds it: `build()` returns a new panel each call."""

    name: str
    panel_class: type
    notebook: str
    build: Callable[[], Any]

    @property
    def moved(self) -> bool:
        return issubclass(self.panel_class, LivePanel)

    @property
    def skip_reason(self) -> str:
        return (
            f"{self.panel_class.__name__} still draws PNGs (PngPanel), it has no canvas yet: "
            f"covered automatically once it moves to LivePanel"
        )


def _network_3441() -> Sequential:
    # notebooks/04_network_3441.ipynb, cell "model = Sequential(...)".
    rng = np.random.default_rng(4)
    return Sequential(
        Linear(3, 4, rng=rng),
        Sigmoid(),
        Linear(4, 4, rng=rng),
        Sigmoid(),
        Linear(4, 1, rng=rng),
        Sigmoid(),
    )


def _hand_tuner() -> HandTuner:
    # notebooks/06_training.ipynb
    X_moons, y_moons = make_moons(100, noise=0.1, rng=np.random.default_rng(1))
    return HandTuner(X_moons, y_moons, seed=2)


SETUPS = [
    PanelSetup(
        "activation", ActivationExplorer, "03_activation_functions.ipynb",
        lambda: ActivationExplorer("sigmoid", z=1.0),
    ),
    PanelSetup(
        "neuron-2-inputs", NeuronExplorer, "02_single_neuron.ipynb",
        lambda: NeuronExplorer(Neuron([1.0, -1.0], 0.0, "sigmoid"), x=[0.5, 1.0]),
    ),
    PanelSetup(
        "neuron-3-inputs", NeuronExplorer, "02_single_neuron.ipynb",
        lambda: NeuronExplorer(Neuron([0.5, -1.0, 0.8], 0.3, "sigmoid"), x=[1.0, 2.0, 0.5]),
    ),
    PanelSetup(
        "network", NetworkExplorer, "04_network_3441.ipynb",
        lambda: NetworkExplorer(_network_3441(), x=[1.0, -0.5, 2.0]),
    ),
    PanelSetup("lif", LIFExplorer, "05_biological_vs_artificial.ipynb", LIFExplorer),
    PanelSetup("hand-tuner", HandTuner, "06_training.ipynb", _hand_tuner),
    PanelSetup(
        "training", TrainingExplorer, "06_training.ipynb",
        lambda: TrainingExplorer(dataset="moons", hidden="8,8", activation="tanh", lr=0.1, seed=0),
    ),
    PanelSetup(
        "graph", GraphExplorer, "07_backpropagation.ipynb",
        lambda: GraphExplorer(x=2.0, w=-0.5, b=0.5, y=1.0),
    ),
    PanelSetup(
        "bumps", BumpBuilder, "08_universality.ipynb",
        lambda: BumpBuilder("sine", neurons=6, steepness=100.0),
    ),
    PanelSetup(
        "playground", Playground, "09_playground.ipynb",
        lambda: Playground(dataset="spirals", hidden="8,8,8", noise=0.1, seed=0),
    ),
]  # fmt: skip


def moved_panel_classes() -> list[type]:
    """Every panel class nnlib.widgets exports that draws on a canvas (a LivePanel subclass)."""
    exported = (getattr(nnlib.widgets, name) for name in nnlib.widgets.__all__)
    return [
        obj
        for obj in exported
        if isinstance(obj, type) and issubclass(obj, LivePanel) and obj is not LivePanel
    ]


def moves(panel: Any) -> Iterator[tuple[str, Any]]:
    """(control name, a new value) for each enabled control a learner can move.

    Sliders go three steps towards the side with room, dropdowns to the next option, check
    boxes flip. Text boxes and buttons have no generic move.
    """
    for name, control in panel.controls.items():
        if getattr(control, "disabled", False):
            continue
        if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
            up = control.value + 3 * control.step
            yield name, up if up <= control.max else control.value - 3 * control.step
        elif isinstance(control, widgets.Dropdown) and len(control.options) > 1:
            values = [v[1] if isinstance(v, tuple) else v for v in control.options]
            yield name, values[(values.index(control.value) + 1) % len(values)]
        elif isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
            yield name, not control.value
