"""Every bad input a learner may try: the exception type and the key words of its message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from nnlib import LeakyReLU, Linear, Neuron, Sequential, Sigmoid, activation_module

VALID_NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "step", "identity"]


def message(exc: type[Exception], fn: Callable[[], Any], *words: str) -> str:
    """Run fn, require exactly `exc`, and require every word in its message."""
    with pytest.raises(exc) as info:
        fn()
    assert type(info.value) is exc
    text = str(info.value)
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"
    return text


def net(seed: int = 0) -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(
        Linear(3, 4, rng=rng), Sigmoid(), Linear(4, 4, rng=rng), Sigmoid(), Linear(4, 1, rng=rng)
    )


# wrong number of input features


def test_wrong_feature_count_names_the_layer_and_both_shapes() -> None:
    model = net()
    hint = "Give each sample exactly 3 numbers"
    message(ValueError, lambda: model([1, 2]), "layer 0", "expected 3 input features", hint)
    message(ValueError, lambda: model([1, 2]), "(3,) or (n, 3)", "got shape (2,)")
    message(ValueError, lambda: model(np.ones((5, 2))), "layer 0", "got shape (5, 2)")


def test_mismatch_inside_sequential_says_layer_2() -> None:
    rng = np.random.default_rng(1)
    model = Sequential(Linear(3, 4, rng=rng), Sigmoid(), Linear(5, 1, rng=rng))
    text = message(ValueError, lambda: model([1, 2, 3]), "layer 2", "expected 5 input features")
    assert "got shape (4,)" in text and "Linear(in_features=5, out_features=1" in text


def test_wrong_feature_count_for_a_lone_layer_and_a_neuron() -> None:
    layer = Linear(3, 2, rng=np.random.default_rng(2))
    text = message(ValueError, lambda: layer([1, 2]), "Linear(in_features=3", "got shape (2,)")
    assert "layer" not in text.split("Linear")[0]  # not inside a Sequential: no index
    neuron = Neuron([1.0, 2.0])
    message(ValueError, lambda: neuron([1, 2, 3]), "x must have 2 features", "got shape (3,)")


def test_input_of_the_wrong_dimension() -> None:
    model = net()
    message(ValueError, lambda: model(np.ones((2, 2, 3))), "1-D or 2-D", "(2, 2, 3)", "batch")
    message(ValueError, lambda: model(3.0), "1-D or 2-D", "0-D")


# ragged and non-numeric input


def test_ragged_input_is_reported_without_a_numpy_traceback() -> None:
    with pytest.raises(ValueError) as info:
        net()([[1, 2, 3], [1, 2]])
    text = str(info.value)
    assert "input to Sequential must be rectangular" in text
    assert "rows of lengths [3, 2]" in text and "same length" in text
    assert info.value.__suppress_context__  # the numpy error is not chained on
    assert "inhomogeneous" not in text
    message(ValueError, lambda: Neuron([[1, 2], [3]]), "weights must be rectangular")


@pytest.mark.parametrize(
    ("bad", "shown"),
    [
        ("abc", "the string 'abc'"),
        (["a", "b", "c"], "'a'"),
        (None, "None"),
        ([1, None, 3], "None"),
        ([[1, 2, 3], [4, "x", 6]], "'x'"),
        (object(), "object"),
        ([1j, 2, 3], "complex"),
    ],
)
def test_non_numeric_input_is_a_type_error(bad: Any, shown: str) -> None:
    text = message(TypeError, lambda: net()(bad), "input to Sequential", shown)
    assert "numbers" in text and ("floats" in text or "float" in text)


def test_non_numeric_neuron_arguments() -> None:
    message(TypeError, lambda: Neuron(["w", 1.0]), "weights", "real numbers", "'w'")
    message(TypeError, lambda: Neuron([1.0], bias="0.1"), "bias", "str '0.1'", "Pass a float")
    message(TypeError, lambda: Neuron([1.0], bias=None), "bias", "NoneType")
    message(TypeError, lambda: LeakyReLU("a"), "negative_slope", "single real number")


# NaN and inf


def test_nan_and_inf_in_inputs_give_their_position() -> None:
    message(ValueError, lambda: net()([1, np.nan, 3]), "finite", "nan", "index (1,)")
    batch = [[1, 2, 3], [1, 2, np.inf]]
    message(ValueError, lambda: net()(batch), "finite", "inf", "index (1, 2)", "replace")
    message(ValueError, lambda: Neuron([1.0, 2.0])([np.nan, 1]), "x must hold only finite")


def test_nan_and_inf_in_neuron_parameters() -> None:
    message(ValueError, lambda: Neuron([1, np.nan], 0), "weights", "finite", "nan")
    message(ValueError, lambda: Neuron([1, 2], np.inf), "bias", "finite", "inf")
    message(ValueError, lambda: Neuron([1, 2], float("nan")), "bias", "finite")
    message(ValueError, lambda: LeakyReLU(np.nan), "negative_slope", "finite")


def test_nan_in_grad_output() -> None:
    model = net()
    model(np.ones((5, 3)))
    message(ValueError, lambda: model.backward(np.full((5, 1), np.nan)), "grad_output", "finite")


# layer sizes


@pytest.mark.parametrize("size", [0, -1, -3])
def test_zero_and_negative_sizes(size: int) -> None:
    message(ValueError, lambda: Linear(size, 2), "in_features", f"got {size}", "at least one")
    message(ValueError, lambda: Linear(2, size), "out_features", "positive integer")


@pytest.mark.parametrize(
    ("size", "shown"), [(3.0, "float 3.0"), (True, "bool True"), ("3", "str '3'"), (None, "None")]
)
def test_sizes_that_are_not_integers(size: Any, shown: str) -> None:
    message(TypeError, lambda: Linear(size, 2), "in_features", shown, "whole number such as 3")
    message(TypeError, lambda: Linear(2, size), "out_features", shown)


def test_numpy_integers_are_fine_and_empty_weights_are_not() -> None:
    assert Linear(np.int64(3), 2).weight.shape == (2, 3)
    message(ValueError, lambda: Neuron([], 0.0), "weights", "at least one", "one weight per input")


# activation names


def test_unknown_activation_name_in_neuron() -> None:
    text = message(ValueError, lambda: Neuron([1, 2], 0, activation="sigmod"), "'sigmod'")
    assert "Valid names" in text and all(name in text for name in VALID_NAMES)
    message(ValueError, lambda: activation_module("sigmod"), "Unknown activation", "sigmoid")
    message(TypeError, lambda: Neuron([1], activation=None), "string", "NoneType")  # type: ignore[arg-type]


# load_state_dict


def assert_unchanged_after(model: Sequential, bad_state: dict[str, Any], *words: str) -> None:
    before = model.state_dict()
    exc = TypeError if isinstance(bad_state.get("0.weight"), str) else ValueError
    message(exc, lambda: model.load_state_dict(bad_state), *words)
    for key, value in model.state_dict().items():
        np.testing.assert_array_equal(value, before[key])


def zeros_state(model: Sequential) -> dict[str, Any]:
    """A valid state that differs from the model, so a partial load would be visible."""
    return {k: np.zeros_like(v) for k, v in model.state_dict().items()}


def test_load_state_dict_missing_keys() -> None:
    model = net()
    state = zeros_state(model)
    del state["4.bias"]
    assert_unchanged_after(model, state, "Missing keys: ['4.bias']", "same layers")


def test_load_state_dict_extra_keys() -> None:
    model = net()
    state = {**zeros_state(model), "6.weight": np.ones(2)}
    assert_unchanged_after(model, state, "unexpected keys: ['6.weight']", "Missing keys: none")


def test_load_state_dict_wrong_shape() -> None:
    model = net()
    state = {**zeros_state(model), "4.bias": np.zeros(2)}
    assert_unchanged_after(model, state, "'4.bias'", "shape (1,)", "got (2,)", "layer sizes")


def test_load_state_dict_nan_and_non_numeric_values() -> None:
    model = net()
    state = {**zeros_state(model), "4.weight": np.full((1, 4), np.nan)}
    assert_unchanged_after(model, state, "state['4.weight']", "finite")
    assert_unchanged_after(model, {**zeros_state(model), "0.weight": "oops"}, "state['0.weight']")


def test_load_state_dict_needs_a_mapping() -> None:
    message(TypeError, lambda: net().load_state_dict([1, 2]), "dict", "got list", "state_dict()")  # type: ignore[arg-type]


# backward


def test_backward_before_forward() -> None:
    hint = "Run a forward pass first"
    message(ValueError, lambda: net().backward(np.ones(1)), "layer 4", "before forward()", hint)
    message(ValueError, lambda: Neuron([1.0, 2.0]).backward(1.0), "Neuron(", "before forward()")
    message(ValueError, lambda: Sigmoid().backward(np.ones(2)), "Sigmoid()", "before forward()")


def test_backward_with_a_wrong_shaped_gradient() -> None:
    model = net()
    model(np.ones((5, 3)))
    text = message(ValueError, lambda: model.backward(np.ones((5, 2))), "layer 4", "grad_output")
    assert "(5, 1)" in text and "got (5, 2)" in text and "same batch" in text
    neuron = Neuron([1.0, 2.0])
    neuron([[1, 2], [3, 4]])
    message(ValueError, lambda: neuron.backward(np.ones(3)), "(2,)", "got (3,)")


# Sequential arguments and rng


@pytest.mark.parametrize("container", [list, tuple])
def test_sequential_given_a_list(container: type) -> None:
    layers = container([Linear(3, 2), Sigmoid()])
    text = message(
        TypeError, lambda: Sequential(layers), "separate arguments", "Sequential(*layers)"
    )
    assert container.__name__ in text


def test_sequential_given_a_non_module() -> None:
    message(TypeError, lambda: Sequential(Linear(3, 2), np.tanh), "argument 1", "nnlib module")
    message(TypeError, lambda: Sequential(Linear), "argument 0", "Linear(3, 4)")


@pytest.mark.parametrize(("rng", "shown"), [(42, "int"), (np.random.RandomState(0), "RandomState")])
def test_rng_must_be_a_generator(rng: Any, shown: str) -> None:
    message(
        TypeError,
        lambda: Linear(3, 2, rng=rng),
        "numpy.random.Generator",
        f"got {shown}",
        "default_rng(seed)",
    )


def test_nan_weight_set_by_hand_is_named_at_the_forward_pass() -> None:
    model = net()
    model[2].weight.data[1, 0] = np.nan  # type: ignore[attr-defined]
    text = message(ValueError, lambda: model(np.ones(3)), "layer 2", "weight", "NaN or inf")
    assert "state_dict()" in text and "lower the learning rate" in text
