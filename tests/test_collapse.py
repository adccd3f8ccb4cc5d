"""nnlib.collapse: Linear layers without activations collapse into one Linear layer."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnlib import Identity, Linear, ReLU, Sequential
from nnlib.collapse import collapse_linear


def stack(*sizes: int, seed: int = 0) -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(*(Linear(a, b, rng=rng) for a, b in itertools.pairwise(sizes)))


@pytest.mark.parametrize("sizes", [(3, 4, 4, 1), (2, 5, 3), (4, 2)])
def test_collapsed_layer_gives_the_same_outputs(sizes: tuple[int, ...]) -> None:
    model = stack(*sizes)
    collapsed = collapse_linear(model)
    assert (collapsed.in_features, collapsed.out_features) == (sizes[0], sizes[-1])
    x = np.random.default_rng(1).normal(size=(10, sizes[0]))
    np.testing.assert_allclose(collapsed(x), model(x), rtol=1e-12, atol=1e-12)


def test_weight_and_bias_follow_the_formula() -> None:
    rng = np.random.default_rng(0)
    first, second = Linear(2, 2, rng=rng), Linear(2, 1, rng=rng)
    first.weight.data[...] = [[1.0, 2.0], [3.0, 4.0]]
    first.bias.data[...] = [0.5, -0.5]
    second.weight.data[...] = [[2.0, -1.0]]
    second.bias.data[...] = [0.25]
    collapsed = collapse_linear(Sequential(first, Identity(), second))
    # W = W2 W1 = [[2−3, 4−4]] ; b = W2 b1 + b2 = 1 + 0.5 + 0.25
    np.testing.assert_allclose(collapsed.weight.data, [[-1.0, 0.0]])
    np.testing.assert_allclose(collapsed.bias.data, [1.75])


def test_a_single_linear_collapses_to_a_copy() -> None:
    layer = Linear(3, 2, rng=np.random.default_rng(2))
    collapsed = collapse_linear(layer)
    assert collapsed is not layer
    np.testing.assert_array_equal(collapsed.weight.data, layer.weight.data)
    collapsed.weight.data[0, 0] += 1.0
    assert collapsed.weight.data[0, 0] != layer.weight.data[0, 0]


def test_negative_control_a_relu_between_layers_changes_the_outputs() -> None:
    rng = np.random.default_rng(3)
    with_relu = Sequential(Linear(2, 3, rng=rng), ReLU(), Linear(3, 1, rng=rng))
    without = Sequential(with_relu[0], with_relu[2])
    x = rng.normal(size=(20, 2))
    assert not np.allclose(collapse_linear(without)(x), with_relu(x))
    with pytest.raises(TypeError, match=r"got ReLU\(\) at position 1\. A non-linear activation"):
        collapse_linear(with_relu)


def test_bad_stacks_are_reported_clearly() -> None:
    with pytest.raises(ValueError, match="needs at least one Linear layer, got none"):
        collapse_linear(Sequential(Identity()))
    with pytest.raises(
        ValueError, match=r"layer 1 .* takes 3 features but the layer before it gives 4"
    ):
        collapse_linear(
            Sequential(
                Linear(2, 4, rng=np.random.default_rng(0)),
                Linear(3, 1, rng=np.random.default_rng(1)),
            )
        )
