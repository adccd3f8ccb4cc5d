"""HandTuner headless: sliders set the neuron; the loss text and what the canvas was sent (the
heatmap's colour indices, the p = 0.5 line, the points) follow, checked against nnlib."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from matplotlib.text import Text

from nnlib.data import make_moons
from nnlib.losses import BCELoss
from nnlib.metrics import accuracy
from nnlib.plots import payload
from nnlib.plots.training import BOUNDARY_CMAP, grid_points, half_line
from nnlib.widgets.hand_tuning import HandTuner, seeded_neuron

X, Y = make_moons(60, 0.1, rng=np.random.default_rng(0))
MOVES = {"w1": 3.5, "w2": -2.0, "bias": 1.25}


@pytest.fixture
def tuner() -> HandTuner:
    return HandTuner(X, Y, seed=2)


def item(tuner: HandTuner, layer: str, index: int) -> dict[str, Any]:
    return tuner.canvas.layer(layer)[index]


def floats(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.float32)


def expected_indices(p: np.ndarray) -> np.ndarray:
    """matplotlib's colour-map rule for p in [0, 1] (vmin 0, vmax 1): ⌊p · N⌋ in [0, N − 1]."""
    n = BOUNDARY_CMAP.N
    return np.clip(np.floor(p * n), 0, n - 1).astype(np.uint8)


def test_starts_from_the_seeded_neuron(tuner: HandTuner) -> None:
    start = seeded_neuron(2)
    np.testing.assert_allclose(tuner.neuron.weight.data, start.weight.data, atol=0.005)
    assert float(tuner.neuron.bias.data) == pytest.approx(float(start.bias.data), abs=0.005)
    assert "nnlib-loss" in tuner.readout._dom_classes
    assert bytes(tuner.canvas.background).startswith(b"\x89PNG")
    shown = [tuner.controls[name].value for name in ("w1", "w2", "bias")]
    used = [*tuner.neuron.weight.data, float(tuner.neuron.bias.data)]
    assert used == shown  # before any slider moves: the page shows the numbers in use


@pytest.mark.parametrize(("name", "value"), list(MOVES.items()))
def test_each_slider_sets_the_neuron_the_loss_and_the_picture(
    tuner: HandTuner, name: str, value: float
) -> None:
    before = tuner.canvas.layer("boundary")
    tuner.controls[name].value = value
    got = (
        float(tuner.neuron.bias.data)
        if name == "bias"
        else tuner.neuron.weight.data[int(name[1]) - 1]
    )
    assert got == value
    loss = BCELoss()(tuner.neuron(X), Y.ravel())
    assert tuner.loss == pytest.approx(loss)
    assert f"loss {loss:.4f}" in tuner.readout.value
    shown = np.asarray(tuner.boundary.image.get_array()).ravel()
    np.testing.assert_allclose(shown, tuner.neuron(tuner.boundary.grid))
    assert tuner.canvas.layer("boundary") != before


def test_the_heatmap_sent_is_the_neurons_output_on_the_grid(tuner: HandTuner) -> None:
    with tuner.hold_updates():
        for name, value in MOVES.items():
            tuner.controls[name].value = value
    heat = item(tuner, "boundary", 0)
    assert heat["kind"] == "image" and (heat["ny"], heat["nx"]) == (50, 50)
    extent = tuner.boundary.extent
    assert heat["extent"] == list(extent)
    p = tuner.neuron(grid_points(extent, 50)).reshape(50, 50)  # rows from the bottom: x2 rises
    indices = np.frombuffer(heat["index"], dtype=np.uint8).reshape(50, 50)
    np.testing.assert_array_equal(indices, expected_indices(p))
    palette = np.frombuffer(heat["palette"], dtype=np.uint8).reshape(256, 4)
    np.testing.assert_array_equal(palette, (BOUNDARY_CMAP(np.arange(256)) * 255).astype(np.uint8))


def test_the_half_line_and_the_points_sent(tuner: HandTuner) -> None:
    tuner.controls["w2"].value = -4.0
    line = item(tuner, "boundary", 1)
    expected = half_line(tuner.boundary.grid, tuner.neuron(tuner.boundary.grid).reshape(50, 50))
    sent = np.column_stack([floats(line["x"]), floats(line["y"])])
    np.testing.assert_array_equal(sent, expected.astype(np.float32))
    inside = sent[np.isfinite(sent[:, 0])]
    np.testing.assert_allclose(tuner.neuron(inside.astype(np.float64)), 0.5, atol=0.02)
    for index, label, marker in ((0, 0.0, "o"), (1, 1.0, "s")):
        points = item(tuner, "data", index)
        mine = X[Y.ravel() == label]
        assert points["marker"] == marker and points["width"] == 0.0  # markers, no line
        np.testing.assert_array_equal(floats(points["x"]), mine[:, 0].astype(np.float32))
        np.testing.assert_array_equal(floats(points["y"]), mine[:, 1].astype(np.float32))


def test_sliders_send_only_the_boundary_and_never_the_background(tuner: HandTuner) -> None:
    backgrounds, points = tuner.canvas.background_sends, tuner.canvas.layer("data")
    for name, value in MOVES.items():
        tuner.controls[name].value = value
    assert tuner.canvas.background_sends == backgrounds
    assert tuner.canvas.layer("data") is points  # not sent again


def test_a_good_hand_setting_beats_the_random_start(tuner: HandTuner) -> None:
    start = tuner.loss
    with tuner.hold_updates():
        tuner.controls["w1"].value = 1.5
        tuner.controls["w2"].value = -4.0
        tuner.controls["bias"].value = 0.5
    assert tuner.loss < start
    assert "accuracy 8" in tuner.readout.value


def test_the_label_says_weights_loss_and_accuracy(tuner: HandTuner) -> None:
    with tuner.hold_updates():
        for name, value in MOVES.items():
            tuner.controls[name].value = value
    score = 100 * accuracy(tuner.neuron(X), Y.ravel())
    assert tuner.canvas.label == (
        "sigmoid output p over the plane (x1, x2) with w1 = 3.50, w2 = -2.00, b = 1.25, "
        f"the line p = 0.5 and 60 data points: loss {tuner.loss:.4f}, accuracy {score:.1f}%"
    )


def test_figure_fits_and_its_text_is_legible(tuner: HandTuner) -> None:
    width, height = payload.css_size(tuner.figure)
    assert width <= 500 and height <= 700 - 3 * 32 - 30  # room for three sliders and the text
    sizes = [t.get_fontsize() for t in tuner.figure.findobj(Text) if t.get_text()]
    assert min(sizes) * payload.PX_PER_POINT >= 10.0


def test_flat_labels_are_accepted_and_mismatched_ones_refused() -> None:
    assert HandTuner(X, Y.ravel(), seed=2).loss == pytest.approx(HandTuner(X, Y, seed=2).loss)
    with pytest.raises(ValueError, match="got 60 rows in X and 59 labels in y"):
        HandTuner(X, Y[:-1])
