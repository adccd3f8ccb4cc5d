"""NetworkExplorer driven headless: each control edits the right parameter and the right artists."""

from __future__ import annotations

import json

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from nnlib import Linear, Sequential, Sigmoid
from nnlib.plots.style import NEGATIVE, POSITIVE
from nnlib.train import mlp
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
    names = ["x1", "x2", "x3", "layer", "neuron", "weight", "value", "json"]
    assert list(explorer.controls) == names
    assert list(explorer.buttons) == ["reset", "export", "import"]
    assert explorer.model.num_parameters() == 41
    assert len(all_parameters()) == 41
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
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
    output, picture = output_number(explorer), explorer.image.value
    explorer.controls["value"].value = -4.0
    colours = explorer.artists.edges.get_colors()
    assert tuple(colours[position]) == to_rgba(NEGATIVE)
    np.testing.assert_array_equal(np.delete(colours, position, axis=0), others)
    explorer.controls["value"].value = 4.0
    assert tuple(explorer.artists.edges.get_colors()[position]) == to_rgba(POSITIVE)
    assert output_number(explorer) != output
    assert bytes(explorer.image.value) != bytes(picture)
    assert explorer.parameter.value == "<code>model[2].weight[2, 3] = 4.0</code>"


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
    shown = explorer.artists.value_labels.texts[node].replace("−", "-")
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
        assert labels.texts[i] == f"{value:.2f}".replace("-", "−")
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
    state, picture = explorer.model.state_dict(), explorer.image.value
    explorer.controls["json"].value = text
    explorer.buttons["import"].click()
    assert explorer.status.value.startswith("✗ Could not import:")
    assert message in explorer.status.value
    assert "The model is unchanged." in explorer.status.value
    for key, value in explorer.model.state_dict().items():
        assert np.array_equal(value, state[key])
    assert bytes(explorer.image.value) == bytes(picture)


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
    draws = explorer.blitter.full_draws
    picture = explorer.image.value
    explorer.controls["json"].value = "{"
    assert explorer.image.value is picture
    assert explorer.blitter.full_draws == draws


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


def test_input_sliders_reuse_the_cached_edges_and_parameter_moves_redraw_them() -> None:
    explorer = panel()
    slow = explorer.blitter.slow_draws
    explorer.controls["x1"].value = 1.25
    assert explorer.blitter.slow_draws == slow, "edges did not change, so they are not redrawn"
    explorer.controls["value"].value = -1.0
    assert explorer.blitter.slow_draws == slow + 1
    explorer.controls["weight"].value = 2
    assert explorer.blitter.slow_draws == slow + 2, "the highlight moved"
    explorer.buttons["reset"].click()
    assert explorer.blitter.slow_draws == slow + 3


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
    assert len(explorer._pushed) <= 8


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
