"""GraphExplorer driven headless: sliders run the forward pass, backward fills the gradients, and
the layers hold exactly the numbers of the Value graph (checked against the formulas by hand)."""

from __future__ import annotations

import math

import pytest

from nnlib.neuron import format_number
from nnlib.widgets import GraphExplorer
from nnlib.widgets.graph_explorer import one_neuron_loss


def texts(panel: GraphExplorer, layer: str) -> list[str]:
    (item,) = panel.canvas.layer(layer)
    assert item["kind"] == "text"
    return list(item["text"])


def by_hand(x: float, w: float, b: float, y: float) -> dict[str, float]:
    """L = (σ(wx + b) − y)² and its gradients, from the chain rule written out."""
    a = 1.0 / (1.0 + math.exp(-(w * x + b)))
    dz = 2.0 * (a - y) * a * (1.0 - a)
    return {"L": (a - y) ** 2, "w": dz * x, "b": dz, "x": dz * w, "y": -2.0 * (a - y)}


def test_one_neuron_loss_is_the_formula_and_labels_every_step() -> None:
    loss = one_neuron_loss(2.0, -0.5, 0.5, 1.0)
    loss.backward()
    expected = by_hand(2.0, -0.5, 0.5, 1.0)
    assert loss.data == pytest.approx(expected["L"], rel=1e-14)
    nodes = {v.label: v for v in loss.graph()}
    assert set(nodes) == {"x", "w", "b", "y", "w·x", "z", "a", "a − y", "L"}
    for name in ("w", "b", "x", "y"):
        assert nodes[name].grad == pytest.approx(expected[name], rel=1e-12)


def test_starts_without_gradients_until_backward_is_pressed() -> None:
    panel = GraphExplorer()
    assert list(panel.controls) == ["x", "w", "b", "y", "backward", "always"]
    assert not panel.fresh and "press <b>backward</b>" in panel.output.value
    shown = texts(panel, "grads")
    assert shown[:9] == ["grad ?"] * 9 and shown[9:] == [""] * 8  # arrow labels hidden
    assert "nnlib-backward" in panel.controls["backward"]._dom_classes
    panel.controls["backward"].click()
    assert panel.fresh
    grads = [f"grad {format_number(v.grad)}" for v in panel.loss.graph()]
    locals_ = [format_number(g) for v in panel.loss.graph() for g in v.local_grads]
    assert texts(panel, "grads") == grads + locals_
    expected = by_hand(2.0, -0.5, 0.5, 1.0)
    assert f"∂L/∂w = <b>{format_number(expected['w'])}</b>" in panel.output.value
    assert f"∂L/∂b = <b>{format_number(expected['b'])}</b>" in panel.output.value


@pytest.mark.parametrize(("name", "value"), [("x", -1.5), ("w", 2.0), ("b", -2.5), ("y", 0.25)])
def test_every_slider_runs_the_forward_pass_and_clears_the_gradients(
    name: str, value: float
) -> None:
    panel = GraphExplorer()
    panel.controls["backward"].click()
    before = texts(panel, "values")
    panel.controls[name].value = value
    leaves = {"x": 2.0, "w": -0.5, "b": 0.5, "y": 1.0, name: value}
    assert panel.leaf(name).data == value
    assert texts(panel, "values") != before
    assert texts(panel, "values")[-1] == f"data {format_number(by_hand(**leaves)['L'])}"
    assert not panel.fresh and texts(panel, "grads")[0] == "grad ?"
    panel.controls["backward"].click()
    assert f"grad {format_number(by_hand(**leaves)['w'])}" == texts(panel, "grads")[0]


def test_always_runs_backward_after_every_move() -> None:
    panel = GraphExplorer()
    panel.controls["always"].value = True
    assert panel.fresh  # ticking it computes the gradients at once
    panel.controls["w"].value = 1.2
    assert panel.fresh
    expected = by_hand(2.0, 1.2, 0.5, 1.0)
    assert texts(panel, "grads")[0] == f"grad {format_number(expected['w'])}"
    assert "with gradients from backward" in panel.canvas.label
    panel.controls["always"].value = False
    panel.controls["b"].value = 0.0
    assert not panel.fresh


def test_sliders_never_redraw_the_background() -> None:
    panel = GraphExplorer(always=True)
    sends = panel.canvas.background_sends
    for value in (0.5, 1.0, -1.0):
        panel.controls["x"].value = value
    panel.controls["backward"].click()
    assert panel.canvas.background_sends == sends


def test_panel_fits_and_its_text_is_legible() -> None:
    panel = GraphExplorer()
    width, height = panel.figure.get_size_inches() * 100
    assert width <= 900 and height <= 700 - 120  # room for two rows of controls and a readout
    for item in panel.canvas.layer("values") + panel.canvas.layer("grads"):
        assert min(item["size"]) >= 10.0
