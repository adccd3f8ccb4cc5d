"""`GraphExplorer`: one neuron's loss as a live graph; slide x, w, b and the target, then backward.

Moving a slider runs the forward pass again, so every node's value changes at once. The
gradients belong to the old numbers until backward runs again: press "backward", or tick
"always" to run it after every move, and watch every gradient in the graph follow.
"""

from __future__ import annotations

import ipywidgets as widgets

from nnlib.autograd import Value
from nnlib.neuron import format_number
from nnlib.plots.graph import draw_graph, graph_size, update_graph
from nnlib.plots.style import new_figure
from nnlib.validation import check_between, check_flag
from nnlib.widgets.base import Layer, LivePanel, button, float_slider, readout

LEAVES = ("x", "w", "b", "y")
RANGES = {"x": (-3.0, 3.0), "w": (-3.0, 3.0), "b": (-3.0, 3.0), "y": (0.0, 1.0)}  # the sliders


def one_neuron_loss(x: float, w: float, b: float, y: float) -> Value:
    """L = (σ(w·x + b) − y)², every step a labelled Value: w·x, z, a, a − y and L."""
    leaf = {name: Value(value, name) for name, value in zip(LEAVES, (x, w, b, y), strict=True)}
    product = leaf["w"] * leaf["x"]
    z = product + leaf["b"]
    a = z.sigmoid()
    error = a - leaf["y"]
    loss = error**2
    for node, label in ((product, "w·x"), (z, "z"), (a, "a"), (error, "a − y"), (loss, "L")):
        node.label = label
    return loss


class GraphExplorer(LivePanel):
    """Controls 'x', 'w', 'b', 'y' (sliders), 'backward' (button) and 'always' (checkbox).

    `.loss` is the current graph's output Value; `.fresh` says whether its gradients are
    up to date with the sliders.
    """

    def __init__(
        self, x: float = 2.0, w: float = -0.5, b: float = 0.5, y: float = 1.0, always: bool = False
    ) -> None:
        x, w, b, y = (
            check_between(value, name, *RANGES[name], hint=f"That is the {name} slider's range.")
            for name, value in zip(LEAVES, (x, w, b, y), strict=True)
        )
        always = check_flag(always, "always")
        controls: dict[str, widgets.Widget] = {
            "x": float_slider("x", x, *RANGES["x"], step=0.1, owner="the graph"),
            "w": float_slider("w", w, *RANGES["w"], step=0.1, owner="the graph"),
            "b": float_slider("b", b, *RANGES["b"], step=0.1, owner="the graph"),
            "y": float_slider("target y", y, *RANGES["y"], step=0.05, owner="the graph"),
            "backward": button("backward", "Run loss.backward(): fill every node's grad"),
            "always": widgets.Checkbox(value=always, description="always", indent=False),
        }
        controls["backward"].on_click(lambda _: self.update({"backward"}))
        self.loss = one_neuron_loss(x, w, b, y)
        self.fresh = False
        if always:
            self._backward()
        self.output = readout("nnlib-output")
        figure = new_figure(*graph_size(self.loss))
        self.graph = draw_graph(self.loss, figure.add_axes((0.0, 0.0, 1.0, 1.0)), gradients=False)
        super().__init__()
        numbers = {"values", "grads", "text"}
        self.declare(
            controls,
            figure,
            layers={
                "values": Layer(self._show, self.graph.values),
                "grads": Layer(self._show, self.graph.gradient_texts()),
                "text": Layer(self._update_text),
            },
            feeds={**dict.fromkeys(LEAVES, numbers), "backward": {"grads", "text"},
                   "always": {"grads", "text"}},
        )  # fmt: skip
        sliders = widgets.HBox([controls[name] for name in LEAVES])
        actions = widgets.HBox([controls["backward"], controls["always"]])
        self.children = [sliders, actions, self.output, self.canvas]

    @property
    def always(self) -> bool:
        return bool(self.controls["always"].value)

    def leaf(self, name: str) -> Value:
        """The leaf Value named 'x', 'w', 'b' or 'y' in the current graph."""
        if name not in LEAVES:
            raise ValueError(
                f"name must be one of the leaves 'x', 'w', 'b', 'y', got {name!r}. "
                f"Inner nodes such as 'z' are reached from panel.loss.graph()."
            )
        return next(v for v in self.loss.graph() if v.label == name and not v.inputs)

    def apply(self, changed: set[str]) -> None:
        """New leaf values build the graph again (forward); backward runs when asked to."""
        if changed & set(LEAVES):
            values = [float(self.controls[name].value) for name in LEAVES]
            self.loss = one_neuron_loss(*values)
            self.fresh = False
        if "backward" in changed or self.always:
            self._backward()

    def _backward(self) -> None:
        self.loss.backward()
        self.fresh = True

    def _show(self) -> None:
        update_graph(self.graph, self.loss, gradients=self.fresh)

    def describe(self) -> str:
        state = "with gradients from backward" if self.fresh else "gradients not yet computed"
        return (
            f"Computation graph of L = (σ(w·x + b) − y)² with L = {format_number(self.loss.data)}, "
            f"{state}"
        )

    def _update_text(self) -> None:
        loss = f"L = <b>{format_number(self.loss.data)}</b>"
        if not self.fresh:
            self.output.value = f"{loss}. No gradients for these values yet: press <b>backward</b>."
            return
        grads = ", ".join(
            f"∂L/∂{name} = <b>{format_number(self.leaf(name).grad)}</b>" for name in ("w", "b")
        )
        self.output.value = f"{loss}; {grads}. A small step of w and b against these lowers L."
