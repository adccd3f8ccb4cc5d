"""The playground's controls, and the checks of what a learner passes to it from Python."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from nnlib.data import DATASETS
from nnlib.validation import check_between, check_seed, check_size
from nnlib.widgets.base import button, float_slider
from nnlib.widgets.controls import WholeBox, WholeNumber, WholePlay, WholeSlider, owned
from nnlib.widgets.training_explorer import learning_rate_slider

CUSTOM = "your points"  # the data set the learner's clicks and uploads make
DATASET_CHOICES = (*DATASETS, CUSTOM)
HIDDEN_CHOICES = ("2", "4", "8", "2,2", "4,2", "4,4", "6,6", "8,8", "4,4,4", "8,8,4", "8,8,8")
MAX_LAYERS, MAX_WIDTH = 3, 8
ACTIVATION_CHOICES = ("tanh", "relu", "leaky_relu", "sigmoid")
L2_CHOICES = (0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1)
MAX_BATCH = 100
MAX_SEED = 999_999
# A tick every 50 ms: 20 frames/s at most, above the 15 the issue asks for while training plays
# (a tick costs the kernel well under 50 ms; TrainingExplorer's 120 ms would cap it at 8).
PLAY_INTERVAL_MS = 50


class TickPlay(WholePlay):
    """The play control: a WholePlay whose ticks, sent by the page, are not echoed back.

    ipywidgets answers every value the page sends with an echo message, there to keep several
    pages showing one widget in step; a Play's ticks come from the page itself, so the echo would
    be one more message in each frame for nothing. Values set from Python still go to the page.
    """

    value = WholeNumber(0, help="Int value").tag(sync=True, echo_update=False)


class Choice(traitlets.Any):
    """A dropdown's value: one of its options, or a ValueError naming them."""

    def validate(self, obj: Any, value: Any) -> Any:
        values = [option[1] if isinstance(option, tuple) else option for option in obj.options]
        if value is not None and value not in values:
            raise ValueError(
                f"The dropdown {obj.description!r} must be set to one of "
                f"{', '.join(map(repr, values))}, got {value!r}. It keeps {obj.value!r}."
            )
        return value


class ChoiceDropdown(widgets.Dropdown):
    """A Dropdown that refuses a value outside its options with a message naming them."""

    value = Choice(None, allow_none=True)


def hidden_text(hidden: Any) -> str:
    """'4,4', '4, 4', [4, 4] or (4, 4) → '4,4'; at most 3 layers of 1 to 8 neurons."""
    hint = (
        f"Pass the sizes of up to {MAX_LAYERS} hidden layers of 1 to {MAX_WIDTH} neurons, "
        f"such as hidden='4,4' or hidden=[8, 8, 4]."
    )
    if isinstance(hidden, str):
        parts: list[Any] = [part.strip() for part in hidden.split(",")]
        if not all(part.isdigit() for part in parts):
            raise ValueError(f"hidden must list whole numbers, got {hidden!r}. {hint}")
    elif isinstance(hidden, (list, tuple)):
        parts = list(hidden)
    else:
        raise TypeError(f"hidden must be a string or a list, got {type(hidden).__name__}. {hint}")
    if not 1 <= len(parts) <= MAX_LAYERS:
        raise ValueError(f"hidden must name 1 to {MAX_LAYERS} layers, got {len(parts)}. {hint}")
    sizes = [check_size(int(p) if isinstance(p, str) else p, "hidden size", maximum=MAX_WIDTH,
                        hint=hint) for p in parts]  # fmt: skip
    return ",".join(map(str, sizes))


def check_choice(value: Any, name: str, options: tuple[Any, ...]) -> Any:
    if value not in options:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, options))}, got {value!r}. "
            f"Pick one of these."
        )
    return value


def build_controls(settings: dict[str, Any]) -> dict[str, Any]:
    """Every control, from checked settings: dataset, noise, test_fraction, hidden, …, seed."""
    s = settings
    wide = {"description_width": "initial"}
    hidden = hidden_text(s["hidden"])
    hidden_options = HIDDEN_CHOICES if hidden in HIDDEN_CHOICES else (*HIDDEN_CHOICES, hidden)
    noise_hint = "noise is the spread added to each point; try noise=0.1, or 0 for none."
    split_hint = "test_fraction is the share of points kept for testing; try 0.3."
    controls: dict[str, Any] = {
        "play": TickPlay(
            value=0, min=0, max=1_000_000, interval=PLAY_INTERVAL_MS, description="play"
        ),
        "step": button("step", "train for 10 SGD steps"),
        "reset": button("reset", "start again from fresh weights (same seed)"),
        "dataset": ChoiceDropdown(
            options=DATASET_CHOICES,
            description="data",
            value=check_choice(s["dataset"], "dataset", DATASET_CHOICES),
        ),
        "noise": float_slider(
            "noise",
            check_between(s["noise"], "noise", 0.0, 0.5, hint=noise_hint),
            0.0,
            0.5,
            0.05,
            owner="the data set",
        ),
        "test_fraction": float_slider(
            "test fraction",
            check_between(s["test_fraction"], "test_fraction", 0.1, 0.8, hint=split_hint),
            0.1,
            0.8,
            0.05,
            owner="the split",
        ),
        "hidden": ChoiceDropdown(options=hidden_options, value=hidden, description="hidden"),
        "activation": ChoiceDropdown(
            options=ACTIVATION_CHOICES,
            description="activation",
            value=check_choice(s["activation"], "activation", ACTIVATION_CHOICES),
        ),
        "lr": learning_rate_slider(s["lr"]),
        "l2": ChoiceDropdown(
            options=L2_CHOICES, description="L2", value=check_choice(s["l2"], "l2", L2_CHOICES)
        ),
        "batch_size": WholeSlider(
            value=check_size(
                s["batch_size"], "batch_size", maximum=MAX_BATCH, hint="Try batch_size=10."
            ),
            min=1,
            max=MAX_BATCH,
            description="batch size",
            style=wide,
        ),
        "seed": WholeBox(
            value=check_seed(s["seed"], maximum=MAX_SEED), min=0, max=MAX_SEED, description="seed"
        ),
        "mode": widgets.ToggleButtons(
            options=("add", "erase"),
            value="add",
            description="a click",
            tooltips=(
                "click: a point of label 0; shift-click: label 1",
                "click: erase the nearest point",
            ),
        ),
        "upload": widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description="upload CSV"
        ),
        "export": button("export", "write the trained weights as JSON below"),
        "json": widgets.Textarea(
            placeholder="Press 'export' to see the weights as JSON.",
            layout=widgets.Layout(width="60em", height="6em"),
        ),
    }
    owned(controls["lr"], "the optimizer")
    owned(controls["batch_size"], "the optimizer")
    owned(controls["seed"], "the network and data set")
    return controls


def arrange(controls: dict[str, Any], extra: list[widgets.Widget]) -> list[widgets.Widget]:
    """Rows of controls: training, data, network, optimiser, the learner's own points."""
    c = controls
    rows = [
        [c["play"], c["step"], c["reset"]],
        [c["dataset"], c["noise"], c["test_fraction"]],
        [c["hidden"], c["activation"], c["seed"]],
        [c["lr"], c["l2"], c["batch_size"]],
        [c["mode"], c["upload"], *extra],
    ]
    return [widgets.HBox(row) for row in rows]
