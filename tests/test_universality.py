"""Steps, bumps and towers built as nnlib networks, checked against the formulas they stand for."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Linear, Sequential, Sigmoid
from nnlib.activations import sigmoid
from nnlib.universality import (
    TARGETS,
    Bump,
    bias_for_step,
    bump_network,
    bumps_from_network,
    even_bumps,
    grid,
    ideal_bumps,
    mean_absolute_error,
    network_output,
    step_position,
    step_sum,
    sum_of_bumps,
    target_values,
    tower_network,
    train_on_target,
)

BUMPS = [Bump(-0.1, 0.25, 0.4), Bump(0.25, 0.6, -0.3), Bump(0.7, 0.9, 1.1)]


def test_a_step_sits_where_the_weighted_sum_is_zero() -> None:
    assert step_position(200.0, -60.0) == pytest.approx(0.3)
    assert bias_for_step(0.3, 200.0) == pytest.approx(-60.0)
    assert sigmoid(200.0 * 0.3 + bias_for_step(0.3, 200.0)) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="weight must not be 0"):
        step_position(0.0, 1.0)


@pytest.mark.parametrize("steepness", [3.0, 50.0, 1000.0])
def test_the_network_output_is_the_sum_of_bumps(steepness: float) -> None:
    x = np.linspace(-0.5, 1.5, 1001)
    model = bump_network(BUMPS, steepness)
    by_hand = np.zeros_like(x)
    for bump in BUMPS:  # the formula written out: h·σ(w(x − s1)) − h·σ(w(x − s2))
        by_hand += bump.height * sigmoid(steepness * (x - bump.start))
        by_hand -= bump.height * sigmoid(steepness * (x - bump.end))
    assert np.max(np.abs(network_output(model, x) - by_hand)) < 1e-12
    assert np.max(np.abs(sum_of_bumps(x, BUMPS, steepness) - by_hand)) < 1e-12


def test_the_network_has_the_documented_weights() -> None:
    model = bump_network(BUMPS, 80.0)
    state = model.state_dict()
    assert state["0.weight"].shape == (6, 1) and np.all(state["0.weight"] == 80.0)
    assert state["0.bias"] == pytest.approx([8.0, -20.0, -20.0, -48.0, -56.0, -72.0])
    assert state["2.weight"][0] == pytest.approx([0.4, -0.4, -0.3, 0.3, 1.1, -1.1])
    assert state["2.bias"] == pytest.approx([0.0])


def test_growing_steepness_approaches_the_ideal_steps() -> None:
    """Away from the steps |σ(w·t) − H(t)| = σ(−w|t|) ≤ e^(−w|t|), so the gap has a bound that
    shrinks to 0; over the whole interval the mean gap falls like 1/w (∫|σ(wt) − H(t)| = 2ln2/w)."""
    x = grid(4001)
    edges = np.array([e for b in BUMPS for e in (b.start, b.end)])
    far = np.min(np.abs(x[:, None] - edges[None, :]), axis=1) >= 0.01
    total_height = sum(abs(b.height) for b in BUMPS)
    bounds, means = [], []
    for w in (10.0, 100.0, 1000.0, 10000.0):
        gap = np.abs(network_output(bump_network(BUMPS, w), x) - ideal_bumps(x, BUMPS))
        bound = 2 * total_height * np.exp(-w * 0.01)
        assert np.max(gap[far]) <= bound
        bounds.append(bound)
        means.append(float(np.mean(gap)))
    assert bounds == sorted(bounds, reverse=True) and bounds[-1] < 1e-40
    assert means == sorted(means, reverse=True)


@pytest.mark.parametrize("steepness", [500.0, 1000.0])
def test_the_mean_gap_to_the_ideal_steps_is_2ln2_over_w_per_unit_of_jump(steepness: float) -> None:
    x = grid(100_001)  # fine enough to integrate a ramp 1/w wide
    gap = np.abs(network_output(bump_network(BUMPS, steepness), x) - ideal_bumps(x, BUMPS))
    # jumps at 0.25 (from 0.4 to −0.3), 0.6, 0.7 and 0.9; the step at −0.1 lies outside [0, 1]
    jumps = 0.7 + 0.3 + 1.1 + 1.1
    assert float(np.mean(gap)) == pytest.approx(jumps * 2 * np.log(2) / steepness, rel=0.01)


def test_bumps_are_read_back_from_the_network() -> None:
    bumps, steepness = bumps_from_network(bump_network(BUMPS, 120.0))
    assert steepness == 120.0
    for got, want in zip(bumps, BUMPS, strict=True):
        assert (got.start, got.end, got.height) == pytest.approx(
            (want.start, want.end, want.height)
        )


def test_other_networks_are_not_bump_networks() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match=r"Expected a 1-N-1 network with N even"):
        bumps_from_network(Sequential(Linear(1, 3, rng=rng), Sigmoid(), Linear(3, 1, rng=rng)))
    with pytest.raises(ValueError, match="Not a bump network: every hidden weight"):
        bumps_from_network(Sequential(Linear(1, 2, rng=rng), Sigmoid(), Linear(2, 1, rng=rng)))


def test_even_bumps_cover_the_domain_with_the_target_heights() -> None:
    bumps = even_bumps(4, "sine")
    assert [b.start for b in bumps] == [-0.1, 0.25, 0.5, 0.75]
    assert [b.end for b in bumps] == [0.25, 0.5, 0.75, 1.1]
    middles = np.array([0.125, 0.375, 0.625, 0.875])
    assert [b.height for b in bumps] == pytest.approx(target_values("sine", middles), abs=0.005)


@pytest.mark.parametrize("target", list(TARGETS))
def test_more_bumps_make_a_smaller_error(target: str) -> None:
    errors = [mean_absolute_error(bump_network(even_bumps(n, target), 100.0), target)
              for n in (1, 2, 5, 10)]  # fmt: skip
    assert errors[-1] < errors[0] / 3
    assert errors[-1] < 0.03


def test_targets() -> None:
    assert target_values("step", [0.39, 0.4]) == pytest.approx([0.25, 0.75])
    assert target_values("kink", [0.4, 0.0]) == pytest.approx([0.8, 0.32])
    assert target_values("parabola", [0.5]) == pytest.approx([0.1])
    with pytest.raises(ValueError, match=r"Unknown target 'cosine'\. Valid names: sine, step"):
        target_values("cosine", [0.0])


def test_training_lowers_the_error_of_the_same_shape_of_network() -> None:
    model, history = train_on_target("kink", 4, rng=np.random.default_rng(0), epochs=1500)
    assert history.losses[-1] < history.losses[0] / 20
    assert [p.data.shape for p in model.parameters()] == [(4, 1), (4,), (1, 4), (1,)]


def test_a_tower_stands_on_the_rectangle_only() -> None:
    model = tower_network((0.2, 0.6), (0.3, 0.5), steepness=100.0)
    inside, strip, outside = [0.4, 0.4], [0.4, 0.8], [0.9, 0.9]
    values = network_output_2d(model, [inside, strip, outside])
    assert values[0] > 0.99 and values[1] < 0.01 and values[2] < 0.01
    sums = step_sum(model, np.array([inside, strip, outside]))
    assert sums == pytest.approx([2.0, 1.0, 0.0], abs=0.01)


def network_output_2d(model: Sequential, points: list[list[float]]) -> np.ndarray:
    return np.asarray(model(np.array(points)))[:, 0]
