"""NetworkExplorer driven headless: each control edits the right parameter and the right artists."""

from __future__ import annotations

import html
import json
from typing import Any

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from nnlib import Linear, Sequential, Sigmoid
from nnlib.neuron import format_number
from nnlib.plots import payload
from nnlib.plots.network import MIN_WIDTH
from nnlib.plots.style import NEGATIVE, POSITIVE
from nnlib.sequential import mlp
from nnlib.widgets.network_explorer import BIAS, NetworkExplorer


def net_3441(seed: int = 0) -> Sequential:
    return mlp([3, 4, 4, 1], "sigmoid", rng=np.random.default_rng(seed))


def panel(seed: int = 0) -> NetworkExplorer:
    return NetworkExplorer(net_3441(seed), x=[0.5, -1.0, 2.0])


def pick(explorer: NetworkExplorer, layer: int, neuron: int, weight: int) -> None:
    controls = explorer.controls
    controls["layer"].value = layer
    controls["neuron"].value = neuron
    controls["weight"].value = weight


def output_number(explorer: NetworkExplorer) -> float:
    text = explorer.output.value.split("output ŷ = ")[1].split(" for")[0]
    return float(text.replace("−", "-"))


def all_parameters() -> list[tuple[int, int, int]]:
    sizes = [(3, 4), (4, 4), (4, 1)]
    return [
        (layer, row, col)
        for layer, (n_in, n_out) in enumerate(sizes)
        for row in range(n_out)
        for col in [*range(n_in), BIAS]
    ]


def test_controls_and_contract() -> None:
    explorer = panel()
    names = ["x1", "x2", "x3", "layer", "neuron", "weight", "value", "value_text", "json"]
    assert list(explorer.controls) == [*names, "reset", "export", "import"]
    assert list(explorer.buttons) == ["reset", "export", "import"]
    assert explorer.controls["reset"] is explorer.buttons["reset"]
    assert explorer.model.num_parameters() == 41
    assert len(all_parameters()) == 41
    assert explorer.canvas in explorer.children
    assert explorer.snapshot_png().startswith(b"\x89PNG")
    assert "nnlib-panel" in explorer._dom_classes
    assert "nnlib-output" in explorer.output._dom_classes
    assert "nnlib-status" in explorer.status._dom_classes
    assert "nnlib-import" in explorer.buttons["import"]._dom_classes


def test_every_one_of_the_41_parameters_can_be_picked_and_set() -> None:
    explorer = panel()
    linears = [explorer.model[0], explorer.model[2], explorer.model[4]]
    for number, (layer, row, col) in enumerate(all_parameters()):
        pick(explorer, layer, row, col)
        target = linears[layer].bias.data if col == BIAS else linears[layer].weight.data
        where = (row,) if col == BIAS else (row, col)
        assert explorer.controls["value"].value == pytest.approx(target[where]), "slider shows it"
        before = explorer.model.state_dict()
        new_value = round(-3.0 + 0.1 * number, 2)
        explorer.controls["value"].value = new_value
        assert target[where] == new_value
        after = explorer.model.state_dict()
        changed = sum(int(np.sum(before[k] != after[k])) for k in before)
        assert changed == 1, "exactly one parameter changed"


def test_value_slider_recolours_the_right_edge_and_changes_the_output() -> None:
    explorer = panel()
    pick(explorer, 1, 2, 3)
    position = explorer.artists.edge_position(1, 2, 3)
    assert position is not None
    others = np.delete(explorer.artists.edges.get_colors(), position, axis=0).copy()
    output, edges = output_number(explorer), explorer.canvas.layer("edges")
    explorer.controls["value"].value = -4.0
    colours = explorer.artists.edges.get_colors()
    assert tuple(colours[position]) == to_rgba(NEGATIVE)
    np.testing.assert_array_equal(np.delete(colours, position, axis=0), others)
    explorer.controls["value"].value = 4.0
    assert tuple(explorer.artists.edges.get_colors()[position]) == to_rgba(POSITIVE)
    assert output_number(explorer) != output
    assert explorer.canvas.layer("edges") != edges
    assert explorer.parameter.value == "<code>model[2].weight[2, 3] = 4.0</code>"
    assert explorer.parameter_text == "model[2].weight[2, 3] = 4.0"  # what print() shows


def test_bias_changes_ring_and_node_values_downstream() -> None:
    explorer = panel()
    pick(explorer, 0, 1, BIAS)
    ring = explorer.artists.bias_position(0, 1)
    assert ring is not None
    explorer.controls["value"].value = -2.0
    assert explorer.model[0].bias.data[1] == -2.0  # type: ignore[attr-defined]
    node = 3 + ring
    assert tuple(explorer.artists.nodes.get_edgecolors()[node]) == to_rgba(NEGATIVE)
    trace = explorer.model.trace(explorer.x)
    assert explorer.artists.value_labels is not None
    shown = explorer.artists.value_labels[node].get_text().replace("−", "-")
    assert float(shown) == pytest.approx(trace[1].output[1], abs=0.005)
    assert list(explorer.highlight.get_xdata()) == [1.0], "the picked bias's node is ringed"


def test_input_sliders_change_x_node_values_and_output() -> None:
    explorer = panel()
    for i, value in enumerate([1.5, -2.5, 0.25]):
        before = output_number(explorer)
        explorer.controls[f"x{i + 1}"].value = value
        assert explorer.x[i] == value
        labels = explorer.artists.value_labels
        assert labels is not None
        assert labels[i].get_text() == f"{value:.2f}".replace("-", "−")
        expected = float(explorer.model(explorer.x)[0])
        assert output_number(explorer) == pytest.approx(expected, abs=5e-4)
        assert output_number(explorer) != before


def test_picking_highlights_the_edge_without_changing_the_model() -> None:
    explorer = panel()
    state = explorer.model.state_dict()
    pick(explorer, 2, 0, 2)
    layout = explorer.artists.layout
    assert list(explorer.highlight.get_xdata()) == [2.0, 3.0]
    assert list(explorer.highlight.get_ydata()) == [layout.positions[2][2][1], 0.0]
    for key, value in explorer.model.state_dict().items():
        assert np.array_equal(value, state[key])
    assert [label for label, _ in explorer.controls["weight"].options][-1] == "bias"
    assert len(explorer.controls["neuron"].options) == 1


def test_a_value_outside_the_slider_range_is_shown_not_clamped() -> None:
    model = net_3441()
    model[0].weight.data[0, 0] = 20.0  # type: ignore[attr-defined]
    explorer = NetworkExplorer(model)
    assert explorer.controls["value"].value == 20.0
    assert model[0].weight.data[0, 0] == 20.0  # type: ignore[attr-defined]


def test_reset_restores_every_starting_parameter() -> None:
    explorer = panel()
    start = explorer.model.state_dict()
    pick(explorer, 0, 0, 0)
    explorer.controls["value"].value = 5.0
    pick(explorer, 2, 0, BIAS)
    explorer.controls["value"].value = -5.0
    explorer.buttons["reset"].click()
    for key, value in explorer.model.state_dict().items():
        assert np.array_equal(value, start[key]), key
    assert explorer.controls["value"].value == pytest.approx(start["4.bias"][0])
    assert "Reset" in explorer.status.value


def test_json_export_import_round_trip() -> None:
    explorer = panel(0)
    explorer.buttons["export"].click()
    text = explorer.controls["json"].value
    assert json.loads(text)["0.weight"][0][0] == explorer.model[0].weight.data[0, 0]  # type: ignore[attr-defined]
    assert "Exported 41 parameters" in explorer.status.value
    other = panel(1)
    other.controls["json"].value = text
    other.buttons["import"].click()
    assert "Imported 41 parameters" in other.status.value
    for key, value in explorer.model.state_dict().items():
        assert np.array_equal(value, other.model.state_dict()[key])
    assert output_number(other) == output_number(explorer)
    assert other.controls["value"].value == explorer.controls["value"].value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"0.weight": [[1, 2, 3]', "not valid JSON"),
        ('{"0.weight": [[1, 2, 3]]}', "keys do not match"),
        ("[]", "must be an object"),
        ("", "The JSON text is empty"),
    ],
)
def test_bad_json_gives_a_clear_message_and_leaves_the_model_unchanged(
    text: str, message: str
) -> None:
    explorer = panel()
    state, sent = explorer.model.state_dict(), explorer.canvas.layer("edges")
    explorer.controls["json"].value = text
    explorer.buttons["import"].click()
    assert explorer.status.value.startswith("✗ Could not import:")
    assert message in explorer.status.value
    assert "The model is unchanged." in explorer.status.value
    for key, value in explorer.model.state_dict().items():
        assert np.array_equal(value, state[key])
    assert explorer.canvas.layer("edges") is sent, "nothing was sent again"


def test_wrong_shape_in_json_is_refused_before_any_change() -> None:
    explorer = panel()
    raw = json.loads(explorer.export_json())
    raw["0.bias"] = [9.0, 9.0, 9.0, 9.0]
    raw["2.weight"] = [[1.0, 2.0]]
    state = explorer.model.state_dict()
    with pytest.raises(ValueError, match=r"'2.weight' must have shape \(4, 4\), got \(1, 2\)"):
        explorer.import_json(json.dumps(raw))
    assert np.array_equal(explorer.model.state_dict()["0.bias"], state["0.bias"])


def test_typing_json_does_not_redraw() -> None:
    explorer = panel()
    updates, sent = explorer.updates, explorer.canvas.layer("nodes")
    explorer.controls["json"].value = "{"
    assert explorer.canvas.layer("nodes") is sent
    assert explorer.updates == updates + 1 and explorer.canvas.background_sends == 1


def test_hold_updates_sets_layer_and_value_together() -> None:
    explorer = panel()
    with explorer.hold_updates():
        explorer.controls["x1"].value = 1.0
        explorer.controls["value"].value = 2.5
    assert explorer.model[0].weight.data[0, 0] == 2.5  # type: ignore[attr-defined]
    assert explorer.x[0] == 1.0


def test_bad_arguments_are_refused_with_a_clear_message() -> None:
    expected = r"x must hold one number per input of the network, shape \(3,\)"
    with pytest.raises(ValueError, match=expected):
        NetworkExplorer(net_3441(), x=[1.0])
    with pytest.raises(ValueError, match="at most 8 inputs; this model has 784"):
        NetworkExplorer(Sequential(Linear(784, 16), Sigmoid(), Linear(16, 10)))
    with pytest.raises(TypeError, match="model must be a Sequential"):
        NetworkExplorer(Linear(3, 1))  # type: ignore[arg-type]


def test_refresh_after_editing_the_model_in_code_updates_slider_and_picture() -> None:
    explorer = panel()
    explorer.model[0].weight.data[0, 0] = 3.5  # type: ignore[attr-defined]
    explorer.refresh()
    assert explorer.controls["value"].value == 3.5
    assert explorer.parameter.value == "<code>model[0].weight[0, 0] = 3.5</code>"
    expected = float(explorer.model(explorer.x)[0])
    assert output_number(explorer) == pytest.approx(expected, abs=5e-4)


def test_wide_hidden_layer_is_sampled_and_undrawn_picks_still_work() -> None:
    rng = np.random.default_rng(0)
    model = Sequential(Linear(3, 40, rng=rng), Sigmoid(), Linear(40, 1, rng=rng))
    explorer = NetworkExplorer(model)
    assert 1 not in explorer.artists.layout.shown[1]
    pick(explorer, 0, 1, 0)
    assert list(explorer.highlight.get_xdata()) == [], "no band for an edge that is not drawn"
    explorer.controls["value"].value = 2.0
    assert model[0].weight.data[1, 0] == 2.0  # type: ignore[attr-defined]
    pick(explorer, 0, 0, 0)
    assert list(explorer.highlight.get_xdata()) == [0.0, 1.0]
    assert (
        explorer.artists.note is not None
        and "of 40 hidden 1 nodes" in explorer.artists.note.get_text()
    )


def browser_sets(explorer: NetworkExplorer, value: float) -> None:
    """What a comm message from the page does: set_state locks the property while observers run."""
    explorer.controls["value"].set_state({"value": value})


def test_browser_echo_of_a_picked_value_rounded_to_the_step_changes_nothing() -> None:
    explorer = panel()
    state = explorer.model.state_dict()
    pick(explorer, 1, 2, BIAS)
    first = float(explorer.model[2].bias.data[2])  # type: ignore[attr-defined]
    pick(explorer, 2, 0, 1)
    second = float(explorer.model[4].weight.data[0, 1])  # type: ignore[attr-defined]
    # The page answers each value it was sent with its rounded copy, possibly late.
    browser_sets(explorer, round(first, 2))
    browser_sets(explorer, round(second, 2))
    for key, value in explorer.model.state_dict().items():
        assert np.array_equal(value, state[key]), f"{key} changed by an echo"
    browser_sets(explorer, round(second, 2) + 0.01)
    assert explorer.model[4].weight.data[0, 1] == pytest.approx(round(second, 2) + 0.01)  # type: ignore[attr-defined]


def test_browser_move_back_to_the_shown_value_is_written() -> None:
    explorer = panel()
    pick(explorer, 0, 0, 0)
    shown = round(float(explorer.model[0].weight.data[0, 0]), 2)  # type: ignore[attr-defined]
    browser_sets(explorer, shown)  # the echo
    browser_sets(explorer, shown + 0.01)
    browser_sets(explorer, shown)
    assert explorer.model[0].weight.data[0, 0] == shown  # type: ignore[attr-defined]


def test_values_set_from_python_are_written_even_close_to_the_shown_value() -> None:
    explorer = panel()
    pick(explorer, 0, 0, 0)
    current = float(explorer.model[0].weight.data[0, 0])  # type: ignore[attr-defined]
    explorer.controls["value"].value = current + 0.001
    assert explorer.model[0].weight.data[0, 0] == current + 0.001  # type: ignore[attr-defined]
    for step in range(50):
        explorer.controls["value"].value = step / 10
    assert len(explorer.value_slider._pushed) <= 8


def test_picked_value_sits_on_the_slider_grid_so_the_browser_need_not_round_it() -> None:
    explorer = panel()
    slider = explorer.controls["value"]
    for layer, row, col in all_parameters()[::5]:
        pick(explorer, layer, row, col)
        steps = (slider.value - slider.min) / slider.step
        assert steps == pytest.approx(round(steps), abs=1e-6)
        assert slider.min <= -8.0 + 1e-9 and slider.max >= 8.0 - 1e-9


def test_picking_sends_the_value_before_moving_the_slider_grid() -> None:
    """A grid change while the page still holds the old value would make it echo that value."""
    explorer = panel()
    slider = explorer.controls["value"]
    events: list[tuple[str, float, float]] = []
    slider.observe(lambda c: events.append((c["name"], c["old"], c["new"])), names=["min", "value"])
    pick(explorer, 1, 2, BIAS)
    names = [name for name, _, _ in events]
    assert "value" in names
    first_value = names.index("value")
    for name, old, new in events[:first_value]:  # only whole-step widening may come first
        steps = (old - new) / slider.step
        assert steps == pytest.approx(round(steps), abs=1e-6), name
    assert any(name == "min" for name in names[first_value:]), "the grid moves after the value"


# ----- what the canvas is sent ---------------------------------------------------------------


def decoded(item: dict[str, Any], key: str, dtype: Any, width: int = 1) -> np.ndarray:
    return np.frombuffer(item[key], dtype=dtype).reshape(-1, width)


def drawn_weights(explorer: NetworkExplorer) -> np.ndarray:
    layout = explorer.artists.layout
    weights = [m.weight.data for m in layout.linears(explorer.model)]
    return np.concatenate([w[r, c] for w, (r, c) in zip(weights, layout.edges, strict=True)])


def test_edge_payload_follows_every_weight() -> None:
    explorer = panel()
    pick(explorer, 1, 2, 3)
    explorer.controls["value"].value = -6.0  # wider than any starting weight: clipped to the max
    (item,) = explorer.canvas.layer("edges")
    weights = drawn_weights(explorer)
    assert item["kind"] == "segments" and len(weights) == 32
    colours = decoded(item, "color", np.uint8, 4)
    for rgba, weight in zip(colours, weights, strict=True):
        assert tuple(rgba / 255) == pytest.approx(to_rgba(NEGATIVE if weight < 0 else POSITIVE))
    dashed = [bool(item["dashes"][i]) for i in np.frombuffer(item["dash_index"], np.uint8)]
    assert dashed == list(weights < 0)
    scale, widest = explorer.artists.weight_scale, explorer.artists.max_width
    expected = MIN_WIDTH + (widest - MIN_WIDTH) * np.minimum(np.abs(weights) / scale, 1.0)
    widths = decoded(item, "width", np.float32)[:, 0]
    np.testing.assert_allclose(widths, expected * payload.PX_PER_POINT, rtol=1e-6)
    assert widths[explorer.artists.edge_position(1, 2, 3)] == pytest.approx(
        widest * payload.PX_PER_POINT
    )


def test_node_payloads_show_the_forward_pass_and_the_bias_rings() -> None:
    explorer = panel()
    pick(explorer, 0, 1, BIAS)
    explorer.controls["value"].value = -2.0
    (labels,) = explorer.canvas.layer("values")
    trace = explorer.model.trace(explorer.x)
    values = [*explorer.x, *trace[1].output, *trace[3].output, *trace[5].output]
    assert labels["kind"] == "text" and len(labels["text"]) == 12
    for text, value in zip(labels["text"], values, strict=True):
        assert text == f"{value:.2f}".replace("-", "−")
    assert min(labels["size"]) >= 10.0, "fonts of at least 10 CSS px"
    (nodes,) = explorer.canvas.layer("nodes")
    edges = decoded(nodes, "edge", np.uint8, 4) / 255
    biases = [explorer.model[0].bias.data, explorer.model[2].bias.data, explorer.model[4].bias.data]  # type: ignore[attr-defined]
    for position, bias in enumerate(np.concatenate(biases)):
        assert tuple(edges[3 + position]) == pytest.approx(
            to_rgba(NEGATIVE if bias < 0 else POSITIVE), abs=1 / 255
        )


def test_the_highlight_payload_marks_the_picked_edge_or_node() -> None:
    explorer = panel()
    pick(explorer, 2, 0, 2)
    (band,) = explorer.canvas.layer("highlight")
    layout = explorer.artists.layout
    assert list(decoded(band, "x", np.float32)[:, 0]) == [2.0, 3.0]
    assert list(decoded(band, "y", np.float32)[:, 0]) == pytest.approx(
        [layout.positions[2][2][1], 0.0]
    )
    pick(explorer, 1, 3, BIAS)
    (ring,) = explorer.canvas.layer("highlight")
    assert ring["marker"] == "o" and ring["width"] == 0.0
    assert list(decoded(ring, "x", np.float32)[:, 0]) == [2.0]


CHANGES: dict[str, Any] = {
    "x1": lambda e: setattr(e.controls["x1"], "value", -2.0),
    "x3": lambda e: setattr(e.controls["x3"], "value", 0.0),
    "layer": lambda e: setattr(e.controls["layer"], "value", 2),
    "neuron": lambda e: setattr(e.controls["neuron"], "value", 3),
    "weight": lambda e: setattr(e.controls["weight"], "value", BIAS),
    "value": lambda e: setattr(e.controls["value"], "value", -7.0),
    "value_text": lambda e: setattr(e.controls["value_text"], "value", "5"),
    "reset": lambda e: e.buttons["reset"].click(),
    "import": lambda e: (
        setattr(e.controls["json"], "value", panel(3).export_json()),
        e.buttons["import"].click(),
    ),
}


@pytest.mark.parametrize("control", sorted(CHANGES))
def test_every_control_changes_what_its_declared_layers_hold(control: str) -> None:
    explorer = panel()
    if control == "reset":  # something to reset
        explorer.controls["value"].value = 7.0
    before = {name: explorer.canvas.layer(name) for name in explorer.canvas.layer_names}
    text = (explorer.output.value, explorer.parameter.value)
    CHANGES[control](explorer)
    fed = explorer.feeds[control]
    for name in explorer.canvas.layer_names:
        if name in fed:
            assert explorer.canvas.layer(name) != before[name], f"{control} must change {name}"
        else:
            assert explorer.canvas.layer(name) is before[name], f"{control} must not send {name}"
    assert "text" in fed and (explorer.output.value, explorer.parameter.value) != text
    assert explorer.canvas.background_sends == 1, "no control changes the layout"


def test_a_layout_change_resends_the_background() -> None:
    explorer = panel()
    assert explorer.canvas.background_sends == 1
    ax = explorer.artists.nodes.axes
    assert ax is not None
    ax.set_ylim(-4.0, 3.0)  # e.g. code that makes room on the diagram
    explorer.refresh()
    assert explorer.canvas.background_sends == 2
    assert explorer.canvas.geometry["axes"][0]["ylim"] == [-4.0, 3.0]


@pytest.mark.parametrize("sizes", [[3, 4, 4, 1], [3, 40, 2]])
def test_the_panel_fits_the_page_at_its_natural_size(sizes: list[int]) -> None:
    explorer = NetworkExplorer(mlp(sizes, "sigmoid", rng=np.random.default_rng(0)))
    width, height = payload.css_size(explorer.figure)
    assert height <= 700 and width <= 700
    assert (explorer.canvas.geometry["width"], explorer.canvas.geometry["height"]) == (
        width,
        height,
    )
    texts = explorer.figure.findobj(Text)
    shown = [t for t in texts if t.get_text() and t.get_visible()]
    assert shown and min(t.get_fontsize() for t in shown) * payload.PX_PER_POINT >= 10.0


def test_describe_gives_the_numbers_in_words() -> None:
    explorer = panel()
    pick(explorer, 0, 1, 2)
    explorer.controls["value"].value = 0.25
    label = explorer.canvas.label
    assert label == explorer.describe()
    assert "3-4-4-1 network" in label and "x = (0.5, −1.0, 2.0)" in label
    assert "the weight from x3 to hidden layer 1 node 2, model[0].weight[1, 2] = 0.25" in label
    assert f"Output ŷ = {format_number(float(explorer.model(explorer.x)[0]))}." in label
    pick(explorer, 2, 0, BIAS)
    assert "the bias of the output node, model[4].bias[0]" in explorer.canvas.label


# ----- issue #17 and #12: what the page sends ---------------------------------------------------


def test_a_real_move_onto_an_earlier_parameters_value_is_written() -> None:
    """Issue #17: w[0,0] = 0.5131, w[0,1] = 0.0131; 50 steps up from w[0,1] is 0.5131."""
    model = net_3441()
    model[0].weight.data[0, :2] = [0.5131, 0.0131]  # type: ignore[attr-defined]
    explorer = NetworkExplorer(model, x=[0.5, -1.0, 2.0])
    pick(explorer, 0, 0, 0)
    pick(explorer, 0, 0, 1)
    browser_sets(explorer, 0.0131 + 50 * 0.01)
    assert model[0].weight.data[0, 1] == pytest.approx(0.5131, abs=1e-12)  # type: ignore[attr-defined]
    assert model[0].weight.data[0, 0] == 0.5131  # type: ignore[attr-defined]
    assert explorer.parameter.value == "<code>model[0].weight[0, 1] = 0.513</code>"
    assert output_number(explorer) == pytest.approx(float(model(explorer.x)[0]), abs=5e-4)


def test_a_late_echo_of_an_earlier_parameter_is_still_dropped() -> None:
    model = net_3441()
    model[0].weight.data[0, :2] = [0.5131, 0.0208]  # type: ignore[attr-defined]
    explorer = NetworkExplorer(model, x=[0.5, -1.0, 2.0])
    pick(explorer, 0, 0, 1)
    browser_sets(explorer, 0.51)  # w[0,0] snapped to the page's old grid, arriving late
    assert model[0].weight.data[0, 1] == 0.0208  # type: ignore[attr-defined]
    browser_sets(explorer, 0.0208 + 3 * 0.01)
    assert model[0].weight.data[0, 1] == pytest.approx(0.0508, abs=1e-12)  # type: ignore[attr-defined]


def test_a_typed_value_is_stored_exactly() -> None:
    """Issue #12: the page snaps a slider's typed text to its grid; the box takes it as typed."""
    explorer = panel()
    slider, box = explorer.controls["value"], explorer.controls["value_text"]
    assert not slider.readout, "the slider's own readout would snap typed text to its grid"
    pick(explorer, 0, 0, 0)
    old_min = slider.min
    box.set_state({"value": "6"})
    assert explorer.model[0].weight.data[0, 0] == 6.0  # type: ignore[attr-defined]
    assert slider.value == 6.0 and box.value == "6.0"
    steps = (6.0 - slider.min) / slider.step
    assert steps == pytest.approx(round(steps), abs=1e-9), "the grid now runs through 6"
    echo = old_min + round((6.0 - old_min) / slider.step) * slider.step  # the old grid's 6
    browser_sets(explorer, echo)
    assert explorer.model[0].weight.data[0, 0] == 6.0  # type: ignore[attr-defined]
    box.set_state({"value": "−0,25"})
    assert explorer.model[0].weight.data[0, 0] == -0.25  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["abc", "", "nan", "1e999"])
def test_a_typed_value_that_is_not_a_number_is_refused(text: str) -> None:
    explorer = panel()
    state = explorer.model.state_dict()
    explorer.controls["value_text"].set_state({"value": text})
    assert explorer.status.value.startswith("✗ the value must be a finite number")
    assert repr(text) in html.unescape(explorer.status.value)
    for key, value in explorer.model.state_dict().items():
        assert np.array_equal(value, state[key])
    assert explorer.controls["value_text"].value == format_number(state["0.weight"][0, 0], 4)


# ----- picking by clicking ----------------------------------------------------------------------


def data_point(explorer: NetworkExplorer, xy: Any, css_offset: tuple[float, float]) -> Any:
    """The data point `css_offset` CSS px (right, up) from data point xy."""
    axes = payload.geometry(explorer.figure)["axes"][0]
    x0, x1 = axes["xlim"]
    y0, y1 = axes["ylim"]
    per_px = ((x1 - x0) / axes["box"][2], (y1 - y0) / axes["box"][3])
    return (xy[0] + css_offset[0] * per_px[0], xy[1] + css_offset[1] * per_px[1])


@pytest.mark.parametrize("parameter", [(0, 2, 1), (1, 0, 3), (2, 0, 2), (1, 3, 0)])
def test_clicking_an_edge_picks_its_weight(parameter: tuple[int, int, int]) -> None:
    explorer = panel()
    layer, row, col = parameter
    layout = explorer.artists.layout
    start, end = layout.positions[layer][col], layout.positions[layer + 1][row]
    along = start + 0.3 * (end - start)
    explorer.canvas.click(0, *data_point(explorer, along, (0.0, 2.5)))
    assert explorer.selection == parameter
    assert (explorer.controls["layer"].value, explorer.controls["neuron"].value) == (layer, row)
    assert explorer.controls["weight"].value == col
    weight = explorer.linears[layer].weight.data[row, col]
    assert explorer.controls["value"].value == weight
    assert list(explorer.highlight.get_xdata()) == [float(layer), float(layer + 1)]
    explorer.controls["value"].value = 1.75  # the slider now edits the clicked weight
    assert explorer.linears[layer].weight.data[row, col] == 1.75


def test_clicking_a_node_picks_its_bias_and_empty_space_picks_nothing() -> None:
    explorer = panel()
    layout = explorer.artists.layout
    explorer.canvas.click(0, *data_point(explorer, layout.positions[2][1], (8.0, -8.0)))
    assert explorer.selection == (1, 1, BIAS)
    assert explorer.controls["value"].value == explorer.linears[1].bias.data[1]
    explorer.canvas.click(0, *data_point(explorer, layout.positions[3][0], (0.0, 0.0)))
    assert explorer.selection == (2, 0, BIAS)
    for nowhere in [(layout.positions[0][1], (0.0, 0.0)), ((2.5, 1.9), (0.0, 0.0))]:
        explorer.canvas.click(0, *data_point(explorer, *nowhere))  # an input node; above all
        assert explorer.selection == (2, 0, BIAS)


def test_a_click_far_from_every_edge_picks_nothing() -> None:
    explorer = panel()
    layout = explorer.artists.layout
    start, end = layout.positions[2][0], layout.positions[3][0]
    middle = (start + end) / 2
    explorer.canvas.click(0, *data_point(explorer, middle, (0.0, 40.0)))
    assert explorer.selection == (0, 0, 0)
    explorer.canvas.click(0, *data_point(explorer, middle, (0.0, 4.0)))
    assert explorer.selection == (2, 0, 0)


def test_clicks_pick_among_the_drawn_sample_of_a_wide_layer() -> None:
    rng = np.random.default_rng(0)
    model = Sequential(Linear(3, 40, rng=rng), Sigmoid(), Linear(40, 1, rng=rng))
    explorer = NetworkExplorer(model)
    layout = explorer.artists.layout
    slot = 5
    node = int(layout.shown[1][slot])
    explorer.canvas.click(0, *layout.positions[1][slot])
    assert explorer.selection == (0, node, BIAS)
