"""NeuronExplorer driven headless: every control updates the neuron, the text and the layers sent
to the page, and what those layers hold is what nnlib computes."""

from __future__ import annotations

import io
import re
from typing import Any

import numpy as np
import pytest
from matplotlib.text import Text

from nnlib import Neuron, activations
from nnlib.plots import payload
from nnlib.plots.activation import CURVE_POINTS
from nnlib.widgets import NeuronExplorer


def two_input_panel() -> NeuronExplorer:
    return NeuronExplorer(Neuron([0.5, -1.0], 0.25, "sigmoid"), [1.0, 2.0])


def floats(item: dict[str, Any], key: str) -> np.ndarray:
    return np.frombuffer(item[key], dtype=np.float32)


def f32(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float32)


def assert_shows(panel: NeuronExplorer) -> None:
    """Formula, output, activation point and input point all agree with the neuron."""
    neuron, x = panel.neuron, panel.x
    z = float(x @ neuron.weight.data + neuron.bias.data)
    a = float(activations.get_spec(neuron.activation).fn(z))
    assert panel.explanation.z == pytest.approx(z)
    assert str(panel.explanation) in panel.formula.value.replace("&gt;", ">")
    assert f"<b>{panel.explanation.symbol}" not in panel.output.value  # plain numbers only
    point = panel.canvas.layer("point")[0]
    np.testing.assert_array_equal(floats(point, "x"), f32(z))
    np.testing.assert_array_equal(floats(point, "y"), f32(a))
    if panel.plane is not None:
        shown = panel.canvas.layer("input")[0]
        np.testing.assert_array_equal(floats(shown, "x"), f32(x[0]))
        np.testing.assert_array_equal(floats(shown, "y"), f32(x[1]))
    assert panel.canvas.label == panel.describe()


def expected_indices(neuron: Neuron, extent: tuple[float, ...], resolution: int) -> np.ndarray:
    """Colour-map indices of the neuron's output on the grid: ⌊norm(a)·256⌋, clipped."""
    x1, x2 = np.meshgrid(np.linspace(*extent[:2], resolution), np.linspace(*extent[2:], resolution))
    a = neuron(np.column_stack([x1.ravel(), x2.ravel()]))
    fixed = {"sigmoid": (0.0, 1.0), "step": (0.0, 1.0), "tanh": (-1.0, 1.0)}
    # Unbounded: ±(the first of 1, 2, 5, 10, 20, 50, … at or above the largest |a|).
    nice = [m * 10.0**k for k in range(-3, 4) for m in (1.0, 2.0, 5.0)]
    top = min(v for v in nice if v >= np.max(np.abs(a)))
    low, high = fixed.get(neuron.activation, (-top, top))
    return np.clip((a - low) / (high - low) * 256, 0, 255).astype(np.uint8)


def test_controls_are_named_as_the_lesson_names_them() -> None:
    assert list(two_input_panel().controls) == ["w1", "w2", "bias", "x1", "x2", "activation"]
    three = NeuronExplorer(Neuron([0.1, 0.2, 0.3]), [1.0, 1.0, 1.0])
    assert list(three.controls) == ["w1", "w2", "w3", "bias", "x1", "x2", "x3", "activation"]
    assert three.plane is None
    assert len(three.figure.axes) == 1
    assert three.canvas.layer_names == ["curve", "point"]


def test_starting_text_matches_the_worked_example() -> None:
    panel = two_input_panel()
    # 0.5·1 + (−1)·2 + 0.25 = −1.25, σ(−1.25) = 0.223
    assert "0.5·1.0 + (−1.0)·2.0 + 0.25 = −1.25 → σ(−1.25) = 0.223" in panel.formula.value
    assert "a = σ(w1·x1 + w2·x2 + b)" in panel.formula.value
    assert panel.output.value == "weighted sum z = −1.25, output a = <b>0.223</b>"
    assert bytes(panel.canvas.background).startswith(b"\x89PNG")
    assert panel.canvas.label == (
        "sigmoid neuron with 2 inputs: z = −1.25, a = 0.223, marked on the curve a = σ(z); "
        "the output over the (x1, x2) plane is shown as colour, with the line w·x + b = 0; "
        "the input x = (1.0, 2.0) lies on its side where z < 0"
    )


@pytest.mark.parametrize(
    ("name", "value", "fed"),
    [
        ("w1", 0.7, {"plane", "point"}),
        ("w2", -2.5, {"plane", "point"}),
        ("bias", 1.1, {"plane", "point"}),
        ("x1", -0.4, {"input", "point"}),
        ("x2", 1.6, {"input", "point"}),
    ],
)
def test_every_slider_changes_its_layers_and_only_those(
    name: str, value: float, fed: set[str]
) -> None:
    panel = two_input_panel()
    before = {layer: panel.canvas.layer(layer) for layer in panel.canvas.layer_names}
    sends, formula = panel.canvas.background_sends, panel.formula.value
    panel.controls[name].value = value
    assert {
        "w1": panel.neuron.weight.data[0],
        "w2": panel.neuron.weight.data[1],
        "bias": float(panel.neuron.bias.data),
        "x1": panel.x[0],
        "x2": panel.x[1],
    }[name] == value
    assert_shows(panel)
    assert panel.feeds[name] == fed | {"text"}
    for layer, items in before.items():
        if layer in fed:
            assert panel.canvas.layer(layer) != items, layer
        else:
            assert panel.canvas.layer(layer) is items, f"{layer} was sent again"
    assert panel.formula.value != formula
    assert panel.canvas.background_sends == sends  # no slider here changes the axes


def test_activation_dropdown_switches_the_function_and_resends_the_background() -> None:
    panel = two_input_panel()
    sends, image = panel.canvas.background_sends, panel.canvas.layer("plane")[0]["index"]
    panel.controls["activation"].value = "relu"
    assert panel.canvas.background_sends == sends + 1
    assert panel.neuron.activation == "relu"
    assert panel.curve.ax.get_title() == "a = ReLU(z)"
    assert "ReLU(−1.25) = 0.0" in panel.formula.value
    curve = panel.canvas.layer("curve")[0]
    np.testing.assert_array_equal(floats(curve, "y"), np.maximum(floats(curve, "x"), 0.0))
    assert panel.canvas.layer("plane")[0]["index"] != image
    assert panel.canvas.label.startswith("relu neuron with 2 inputs")
    assert_shows(panel)


@pytest.mark.parametrize("name", list(activations.ACTIVATIONS))
def test_layers_hold_what_nnlib_computes(name: str) -> None:
    rng = np.random.default_rng(7)
    panel = NeuronExplorer(Neuron([0.5, -1.0], 0.25, name), [1.0, 0.5])
    assert panel.plane is not None
    for _ in range(5):
        w, b, x = rng.uniform(-3, 3, 2), float(rng.uniform(-3, 3)), rng.uniform(-2, 2, 2)
        with panel.hold_updates():
            for i in range(2):
                panel.controls[f"w{i + 1}"].value = float(w[i])
                panel.controls[f"x{i + 1}"].value = float(x[i])
            panel.controls["bias"].value = b
        neuron = Neuron(w, b, name)
        image, line = panel.canvas.layer("plane")
        indices = np.frombuffer(image["index"], np.uint8).reshape(image["ny"], image["nx"])
        np.testing.assert_array_equal(indices.ravel(), expected_indices(neuron, (-2, 2, -2, 2), 61))
        ends = np.column_stack([floats(line, "x"), floats(line, "y")]).astype(np.float64)
        np.testing.assert_allclose(ends @ w + b, 0.0, atol=1e-5 * np.abs(ends).max() * 3)
        assert_point_and_curve(panel, neuron.explain(x), name)


def assert_point_and_curve(panel: NeuronExplorer, explanation: Any, name: str) -> None:
    z, a = explanation.z, explanation.a
    half = 5.0 if abs(z) <= 4.75 else float(np.ceil(abs(z) * 1.2))
    zs = np.linspace(-half, half, CURVE_POINTS)
    (curve,) = panel.canvas.layer("curve")
    np.testing.assert_array_equal(floats(curve, "x"), zs.astype(np.float32))
    values = (
        activations.get_spec(name).fn(zs)
        if name != "leaky_relu"
        else np.where(zs >= 0, zs, 0.01 * zs)
    )
    np.testing.assert_array_equal(floats(curve, "y"), values.astype(np.float32))
    point, vertical, horizontal = panel.canvas.layer("point")
    low = panel.canvas.geometry["axes"][0]["ylim"][0]
    np.testing.assert_array_equal(floats(point, "x"), f32(z))
    np.testing.assert_array_equal(floats(point, "y"), f32(a))
    np.testing.assert_array_equal(floats(vertical, "x"), f32(z, z))
    np.testing.assert_array_equal(floats(vertical, "y"), f32(low, a))
    np.testing.assert_array_equal(floats(horizontal, "x"), f32(-half, z))
    np.testing.assert_array_equal(floats(horizontal, "y"), f32(a, a))
    assert panel.canvas.geometry["axes"][0]["xlim"] == [-half, half]


def test_a_weighted_sum_beyond_the_axis_widens_it_and_resends_everything() -> None:
    panel = two_input_panel()
    sends, plane = panel.canvas.background_sends, panel.canvas.layer("plane")
    panel.controls["x2"].value = -2.0  # z = 0.5 + 2 + 0.25 = 2.75: still on the axis
    assert panel.canvas.background_sends == sends
    panel.controls["w2"].value = -3.0  # z = 0.5 + 6 + 0.25 = 6.75 > 0.95 · 5
    assert panel.curve.ax.get_xlim() == (-9.0, 9.0)
    assert panel.canvas.background_sends == sends + 1
    assert panel.canvas.layer("plane") is not plane
    assert floats(panel.canvas.layer("curve")[0], "x")[0] == -9.0
    assert_shows(panel)


def test_moving_an_input_does_not_recompute_the_heatmap() -> None:
    panel = two_input_panel()
    assert panel.plane is not None
    image, plane = panel.plane.image.get_array(), panel.canvas.layer("plane")
    panel.controls["x1"].value = 1.5
    assert panel.plane.image.get_array() is image
    assert panel.canvas.layer("plane") is plane
    panel.controls["w1"].value = -0.5
    assert panel.plane.image.get_array() is not image
    # the decision line follows: both ends satisfy w·x + b = 0
    ends = np.column_stack([panel.plane.line.get_xdata(), panel.plane.line.get_ydata()])
    np.testing.assert_allclose(ends @ panel.neuron.weight.data + 0.25, 0.0, atol=1e-9)


def test_hold_updates_applies_many_controls_at_once() -> None:
    panel = two_input_panel()
    updates = panel.updates
    with panel.hold_updates():
        panel.controls["w1"].value = 1.0
        panel.controls["w2"].value = 1.0
        panel.controls["bias"].value = -1.5
    assert panel.updates == updates + 1
    np.testing.assert_array_equal(panel.neuron.weight.data, [1.0, 1.0])
    assert float(panel.neuron.bias.data) == -1.5
    assert_shows(panel)


def test_three_input_neuron_has_all_sliders_working() -> None:
    panel = NeuronExplorer(Neuron([0.5, -1.0, 0.8], 0.1, "tanh"), [1.0, 2.0, 3.0])
    for name, value in [("w3", -0.6), ("x3", -1.0), ("bias", 0.0)]:
        panel.controls[name].value = value
        assert_shows(panel)
    assert panel.neuron.weight.data[2] == -0.6
    assert "(−0.6)·(−1.0)" in panel.formula.value
    # 0.5·1 + (−1)·2 + (−0.6)·(−1) + 0 = −0.9, tanh(−0.9) = −0.716
    assert panel.canvas.label == (
        "tanh neuron with 3 inputs: z = −0.9, a = −0.716, marked on the curve a = tanh(z)"
    )
    assert panel.canvas.preview["params"]["layers"] == {"curve": "curve", "point": "point"}


@pytest.mark.parametrize("name", ["w1", "bias", "x2"])
@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_a_control_set_to_nan_or_inf_leaves_the_neuron_as_it_was(name: str, bad: float) -> None:
    panel = two_input_panel()
    layers = {layer: panel.canvas.layer(layer) for layer in panel.canvas.layer_names}
    updates, value = panel.updates, panel.controls[name].value
    label, keeps, ends = {
        "w1": ("w1", "0.5", "−3.0 to 3.0"),
        "bias": ("bias b", "0.25", "−3.0 to 3.0"),
        "x2": ("x2", "2.0", "−2.0 to 2.0"),
    }[name]
    message = (
        f"The slider '{label}' must be set to a finite number, got {bad}. It keeps {keeps}, and "
        f"so does the neuron; set a number from {ends}."
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        panel.controls[name].value = bad
    assert panel.controls[name].value == value
    assert panel.neuron.weight.data.tolist() == [0.5, -1.0]
    assert float(panel.neuron.bias.data) == 0.25
    assert panel.x.tolist() == [1.0, 2.0]
    assert panel.updates == updates
    assert all(panel.canvas.layer(n) is items for n, items in layers.items())
    panel.controls[name].value = 0.5  # and the panel goes on working
    assert_shows(panel)


def test_the_label_says_where_the_input_lies() -> None:
    panel = NeuronExplorer(Neuron([0.0, 0.0], 0.5, "step"), [1.0, -1.0])
    assert panel.canvas.label.endswith("no line w·x + b = 0 (both weights are 0)")
    panel.controls["w1"].value = 1.0
    assert "z = 1.5, a = 1.0" in panel.canvas.label
    assert panel.canvas.label.endswith("the input x = (1.0, −1.0) lies on its side where z > 0")
    panel.controls["bias"].value = -1.0
    assert panel.canvas.label.endswith("lies on it")


def test_preview_names_every_control_and_what_the_page_needs() -> None:
    panel = two_input_panel()
    preview = panel.canvas.preview
    assert preview["kind"] == "neuron"
    assert set(preview["sources"]) == set(panel.controls)
    assert preview["sources"]["w1"] == panel.controls["w1"].model_id
    assert preview["params"]["extent"] == [-2.0, 2.0, -2.0, 2.0]
    assert preview["params"]["resolution"] == 61
    assert panel.canvas.stamp == {n: c.value for n, c in panel.controls.items()}


def test_figure_fits_the_page_with_legible_text() -> None:
    for panel in (two_input_panel(), NeuronExplorer(Neuron([1.0, 1.0, 1.0]))):
        width, height = payload.css_size(panel.figure)
        assert height <= 700 and width == panel.canvas.geometry["width"]
        sizes = [t.get_fontsize() for t in panel.figure.findobj(Text) if t.get_text()]
        assert min(sizes) * payload.PX_PER_POINT >= 10.0


def test_panel_is_findable_in_the_page() -> None:
    panel = two_input_panel()
    assert "nnlib-panel" in panel._dom_classes
    assert panel.text in panel.children and panel.canvas in panel.children
    # Both lines live in one widget, each in a div the page (and the browser tests) can find.
    assert f'<div class="nnlib-formula">{panel.formula.value}</div>' in panel.text.value
    assert f'<div class="nnlib-output">{panel.output.value}</div>' in panel.text.value


def test_a_move_sends_one_message_for_both_readout_lines() -> None:
    panel = two_input_panel()
    sent: list[str] = []
    original = panel.text.comm.send
    panel.text.comm.send = lambda data=None, metadata=None, buffers=None: (
        sent.append(data["state"]["value"]),
        original(data=data, metadata=metadata, buffers=buffers),
    )
    formula, output = panel.formula.value, panel.output.value
    panel.controls["w1"].value = 0.7
    assert panel.formula.value != formula and panel.output.value != output
    assert sent == [panel.text.value]  # both lines changed, one message with both


def test_sliders_widen_to_fit_the_neuron_instead_of_clamping() -> None:
    panel = NeuronExplorer(Neuron([5.0, 0.0], -4.0), [0.0, 0.0])
    assert panel.controls["w1"].value == 5.0
    assert panel.controls["bias"].value == -4.0
    assert panel.neuron.weight.data[0] == 5.0


def test_default_neuron_and_repr() -> None:
    panel = NeuronExplorer()
    assert panel.neuron.n_inputs == 2
    assert repr(panel).startswith("NeuronExplorer: a live panel")


def test_bad_arguments_are_reported_clearly() -> None:
    with pytest.raises(TypeError, match="neuron must be an nnlib Neuron, got list"):
        NeuronExplorer([1.0, 2.0])  # type: ignore[arg-type]
    expected = r"x must hold one number per input of the neuron, shape \(2,\), got"
    with pytest.raises(ValueError, match=expected):
        NeuronExplorer(Neuron([1.0, 2.0]), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="x must hold only finite numbers"):
        NeuronExplorer(Neuron([1.0, 2.0]), [1.0, float("nan")])


def test_showing_the_figure_statically_does_not_disturb_later_updates() -> None:
    # Notebooks display `explorer.figure` (a tight-bbox savefig); the live layers must survive it.
    shown = two_input_panel()
    shown.figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    shown.controls["x1"].value = 1.2
    shown.controls["w2"].value = 0.4
    fresh = NeuronExplorer(Neuron([0.5, 0.4], 0.25, "sigmoid"), [1.2, 2.0])
    for name in fresh.canvas.layer_names:
        assert shown.canvas.layer(name) == fresh.canvas.layer(name), name
    assert shown.canvas.geometry == fresh.canvas.geometry
