"""HandTuner headless: sliders set the neuron, the loss text and the heatmap follow."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.data import make_moons
from nnlib.losses import BCELoss
from nnlib.widgets.hand_tuning import HandTuner, seeded_neuron

X, Y = make_moons(60, 0.1, rng=np.random.default_rng(0))


@pytest.fixture
def tuner() -> HandTuner:
    return HandTuner(X, Y, seed=2)


def test_starts_from_the_seeded_neuron(tuner: HandTuner) -> None:
    start = seeded_neuron(2)
    np.testing.assert_allclose(tuner.neuron.weight.data, start.weight.data, atol=0.005)
    assert float(tuner.neuron.bias.data) == pytest.approx(float(start.bias.data), abs=0.005)
    assert "nnlib-loss" in tuner.readout._dom_classes


@pytest.mark.parametrize(("name", "value"), [("w1", 3.5), ("w2", -2.0), ("bias", 1.25)])
def test_each_slider_sets_the_neuron_the_loss_and_the_picture(
    tuner: HandTuner, name: str, value: float
) -> None:
    before = tuner.image.value
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
    assert tuner.image.value != before


def test_a_good_hand_setting_beats_the_random_start(tuner: HandTuner) -> None:
    start = tuner.loss
    with tuner.hold_updates():
        tuner.controls["w1"].value = 1.5
        tuner.controls["w2"].value = -4.0
        tuner.controls["bias"].value = 0.5
    assert tuner.loss < start
    assert "accuracy 8" in tuner.readout.value


def test_flat_labels_are_accepted_and_mismatched_ones_refused() -> None:
    assert HandTuner(X, Y.ravel(), seed=2).loss == pytest.approx(HandTuner(X, Y, seed=2).loss)
    with pytest.raises(ValueError, match="got 60 rows in X and 59 labels in y"):
        HandTuner(X, Y[:-1])
