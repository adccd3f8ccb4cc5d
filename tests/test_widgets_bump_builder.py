"""BumpBuilder driven headless: what its layers hold, checked against nnlib control by control."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from nnlib.universality import (
    Bump,
    bump_network,
    bumps_from_network,
    even_bumps,
    mean_absolute_error,
    network_output,
    sum_of_bumps,
    target_values,
)
from nnlib.widgets import BumpBuilder

MOVES: dict[str, Any] = {
    "target": "kink",
    "neurons": 10,
    "steepness": 40.0,
    "bump": 1,
    "start": 0.12,
    "end": 0.71,
    "height": 0.95,
}


def floats(item: dict[str, Any], key: str) -> np.ndarray:
    return np.frombuffer(item[key], dtype=np.float32).astype(np.float64)


def layer_line(panel: BumpBuilder, name: str, index: int = 0) -> tuple[np.ndarray, np.ndarray]:
    item = panel.canvas.layer(name)[index]
    return floats(item, "x"), floats(item, "y")


def test_the_output_layer_is_the_network_and_the_sum_of_bumps() -> None:
    panel = BumpBuilder("sine", neurons=8, steepness=100.0)
    x, y = layer_line(panel, "curves")
    assert np.max(np.abs(y - network_output(bump_network(panel.bumps, 100.0), x))) < 1e-6
    assert np.max(np.abs(y - sum_of_bumps(x, panel.bumps, 100.0))) < 1e-6
    assert (
        np.max(np.abs(network_output(panel.model, x) - sum_of_bumps(x, panel.bumps, 100.0))) < 1e-12
    )
    assert panel.bumps == even_bumps(4, "sine")


def test_the_target_and_error_layers_and_the_readout() -> None:
    panel = BumpBuilder("parabola", neurons=6)
    x, y = layer_line(panel, "target")
    assert x[0] == 0.0 and x[-1] == 1.0
    assert np.max(np.abs(y - target_values("parabola", x))) < 1e-6
    bars_x, bars_y = layer_line(panel, "error")
    ends = bars_y.reshape(-1, 3)  # target, output, NaN break for every x
    assert np.isnan(ends[:, 2]).all()
    assert (
        np.max(np.abs(ends[:, 1] - network_output(panel.model, bars_x.reshape(-1, 3)[:, 0]))) < 1e-6
    )
    assert panel.error == pytest.approx(mean_absolute_error(panel.model, "parabola"), abs=1e-12)
    assert f"{panel.error:.4f}" in panel.output.value


def test_the_picked_bump_is_drawn_and_its_parameters_are_shown() -> None:
    panel = BumpBuilder("sine", neurons=6, steepness=100.0)
    panel.controls["bump"].value = 1
    bump = panel.bumps[1]
    assert (panel.controls["start"].value, panel.controls["end"].value) == (bump.start, bump.end)
    steps = panel.canvas.layer("picked")[1]
    assert floats(steps, "x") == pytest.approx([bump.start, bump.end])
    assert floats(steps, "y") == pytest.approx([bump.height / 2] * 2)
    b1, b2 = panel.model.state_dict()["0.bias"][2:4]
    assert (-b1 / 100.0, -b2 / 100.0) == pytest.approx((bump.start, bump.end))
    assert "hidden neurons 3, 4" in panel.picked_text.value
    assert (
        "model[0].bias (b = −w·s) = [10.0, −33.0, −33.0, −67.0, −67.0, −110.0]"
        in panel.weights.value
    )


def test_moving_the_sliders_rewrites_the_network() -> None:
    panel = BumpBuilder("sine", neurons=6, steepness=100.0)
    panel.controls["bump"].value = 2
    with panel.hold_updates():
        panel.controls["start"].value = 0.5
        panel.controls["height"].value = 0.9
        panel.controls["steepness"].value = 250.0
    bumps, steepness = bumps_from_network(panel.model)
    assert steepness == 250.0
    assert bumps[2].start == pytest.approx(0.5) and bumps[2].height == pytest.approx(0.9)
    assert bumps[:2] == panel.bumps[:2]


@pytest.mark.parametrize("control", list(MOVES))
def test_every_control_changes_what_its_layers_hold(control: str) -> None:
    panel = BumpBuilder("sine", neurons=6, steepness=100.0)
    fed = panel.feeds[control]
    before = {name: json.dumps(panel.canvas.layer(name), default=bytes.hex) for name in fed
              if panel.layers[name].drawn}  # fmt: skip
    texts = (panel.output.value, panel.picked_text.value, panel.weights.value)
    panel.controls[control].value = MOVES[control]
    for name, old in before.items():
        assert json.dumps(panel.canvas.layer(name), default=bytes.hex) != old, (control, name)
    if "text" in fed:
        assert (panel.output.value, panel.picked_text.value, panel.weights.value) != texts


def test_a_height_move_sends_its_three_readout_lines_in_one_message() -> None:
    panel = BumpBuilder("sine", neurons=6, steepness=100.0)
    sent: list[str] = []
    original = panel.text.comm.send

    def send(data: Any = None, metadata: Any = None, buffers: Any = None) -> Any:
        sent.append(data["state"]["value"])
        return original(data=data, metadata=metadata, buffers=buffers)

    panel.text.comm.send = send
    lines = (panel.output.value, panel.weights.value)
    panel.controls["height"].value = 0.35
    assert (panel.output.value, panel.weights.value) != lines  # error and weights both changed
    assert sent == [panel.text.value]
    for css_class, part in (("nnlib-output", panel.output), ("nnlib-parameters", panel.weights)):
        assert f'<div class="{css_class}">{part.value}</div>' in panel.text.value


def test_only_the_target_changes_the_background() -> None:
    panel = BumpBuilder()
    sends = panel.canvas.background_sends
    for control in ("neurons", "steepness", "start", "height", "bump"):
        panel.controls[control].value = MOVES[control]
    assert panel.canvas.background_sends == sends
    panel.controls["target"].value = "step"
    assert panel.canvas.background_sends == sends + 1
    assert "0.25, jumping to 0.75" in panel.artists.ax.get_title()


def test_more_neurons_lay_out_more_bumps_and_lower_the_error() -> None:
    panel = BumpBuilder("kink", neurons=2)
    errors = []
    for n in (2, 6, 12, 20):
        panel.controls["neurons"].value = n
        assert len(panel.bumps) == n // 2 and len(panel.controls["bump"].options) == n // 2
        shown = [item for item in panel.canvas.layer("curves")[1:] if item["visible"]]
        assert len(shown) == n // 2
        errors.append(panel.error)
    assert errors == sorted(errors, reverse=True)


def test_export_and_import_round_trip() -> None:
    panel = BumpBuilder("step", neurons=4, steepness=60.0)
    text = panel.export_json()
    other = BumpBuilder("step", neurons=12)
    other.import_json(text)
    assert other.bumps == panel.bumps and other.steepness == 60.0
    assert other.controls["neurons"].value == 4
    assert other.error == pytest.approx(panel.error)


def test_import_refuses_other_networks_and_leaves_the_panel_unchanged() -> None:
    panel = BumpBuilder(neurons=4)
    state = bump_network([Bump(0.0, 0.5, 1.0)], 10.0).state_dict()
    state["0.weight"][1, 0] = 3.0
    panel.controls["json"].value = json.dumps({k: v.tolist() for k, v in state.items()})
    before = panel.export_json()
    panel.buttons["import"].click()
    assert "Could not import" in panel.status.value and "every hidden weight" in panel.status.value
    assert panel.export_json() == before


def test_refresh_reads_code_changes_and_rounds_to_the_sliders() -> None:
    panel = BumpBuilder(neurons=4, steepness=100.0)
    state = panel.model.state_dict()
    state["0.bias"][:2] = [-21.234, -40.0]
    panel.model.load_state_dict(state)
    panel.refresh()
    assert panel.bumps[0].start == 0.21 and panel.controls["start"].value == 0.21


def test_describe_and_bad_arguments() -> None:
    panel = BumpBuilder("sine", neurons=6)
    assert panel.canvas.label == panel.describe()
    assert "1-6-1 sigmoid network made of 3 bumps" in panel.describe()
    with pytest.raises(ValueError, match="neurons must be an even number from 2 to 20"):
        BumpBuilder(neurons=7)
    with pytest.raises(ValueError, match="Unknown target 'cos'"):
        BumpBuilder("cos")


def test_the_panel_fits_the_page() -> None:
    width, height = BumpBuilder().figure.get_size_inches() * 100
    assert width <= 700 and height <= 400
