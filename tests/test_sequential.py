"""Sequential: parameters, trace, state_dict round trip, backward and repr."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from gradcheck import check_module_grads
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import architectures, seeds

from nnlib import LeakyReLU, Linear, Sequential, Sigmoid, activation_module
from nnlib import activations as A

KEYS_341 = ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"]
SMOOTH = ["sigmoid", "tanh", "identity"]


def net_341(seed: int = 0, act: str = "sigmoid") -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(
        Linear(3, 4, rng=rng),
        activation_module(act),
        Linear(4, 4, rng=rng),
        activation_module(act),
        Linear(4, 1, rng=rng),
    )


def mlp(sizes: list[int], act: str, rng: np.random.Generator) -> Sequential:
    layers = []
    for n_in, n_out in itertools.pairwise(sizes):
        layers += [Linear(n_in, n_out, rng=rng), activation_module(act)]
    return Sequential(*layers[:-1])


def test_num_parameters_of_3_4_4_1_is_41() -> None:
    # (3·4 + 4) + (4·4 + 4) + (4·1 + 1), counted by hand.
    assert net_341().num_parameters() == 41
    assert sum(p.size for p in net_341().parameters()) == 41


def test_container_protocol_and_layer_labels() -> None:
    model = net_341()
    assert len(model) == 5
    assert isinstance(model[1], Sigmoid)
    assert list(model) == [model[i] for i in range(5)]
    assert [m.label for m in model] == [f"layer {i}" for i in range(5)]


def test_forward_is_the_composition_of_the_layers() -> None:
    model = net_341(1)
    x = np.random.default_rng(2).standard_normal((6, 3))
    h = x
    for i in (0, 2, 4):
        W, b = model[i].weight.data, model[i].bias.data  # type: ignore[attr-defined]
        h = h @ W.T + b
        h = A.sigmoid(h) if i < 4 else h
    np.testing.assert_allclose(model(x), h, rtol=1e-13)
    assert model(x).shape == (6, 1) and model(x[0]).shape == (1,)


def test_trace_keeps_every_intermediate_value() -> None:
    model = net_341(3, "tanh")
    x = np.random.default_rng(4).standard_normal((2, 3))
    trace = model.trace(x)
    assert len(trace) == len(model)
    np.testing.assert_array_equal(trace.input, x)
    value = x
    for i, step in enumerate(trace):
        assert step.index == i and step.module is model[i]
        value = model[i](value)
        np.testing.assert_array_equal(step.output, value)
    np.testing.assert_array_equal(trace.output, model(x))
    np.testing.assert_array_equal(trace[-1].output, trace.output)


def test_trace_text_and_html_name_every_step() -> None:
    trace = net_341().trace([1.0, 2.0, 3.0])
    text = str(trace)
    assert text.startswith("input: [1., 2., 3.]")
    assert len(text.splitlines()) == 6
    assert "(4) Linear(in_features=4, out_features=1, bias=True) →" in text
    html = trace._repr_html_()
    assert html.startswith("<table>") and html.count("<tr>") == 7
    assert "<code>Sigmoid()</code>" in html


def test_state_dict_keys_follow_torch_and_values_are_float64_copies() -> None:
    model = net_341()
    state = model.state_dict()
    assert list(state) == KEYS_341
    params = dict(model.named_parameters())
    for key, value in state.items():
        assert value.dtype == np.float64
        np.testing.assert_array_equal(value, params[key].data)
        assert not np.shares_memory(value, params[key].data)
    state["0.weight"][...] = 99.0
    assert not np.any(model[0].weight.data == 99.0)  # type: ignore[attr-defined]


def test_load_state_dict_round_trip() -> None:
    source, target = net_341(10), net_341(11)
    x = np.random.default_rng(12).standard_normal((5, 3))
    assert not np.allclose(source(x), target(x))
    state = source.state_dict()
    target.load_state_dict(state)
    np.testing.assert_array_equal(target(x), source(x))
    for key, value in target.state_dict().items():
        np.testing.assert_array_equal(value, state[key])
    state["2.bias"][...] = 5.0  # loading copied the values, it did not keep the arrays
    assert not np.any(target[2].bias.data == 5.0)  # type: ignore[attr-defined]


def test_load_state_dict_accepts_nested_lists() -> None:
    source, target = net_341(13), net_341(14)
    target.load_state_dict({k: v.tolist() for k, v in source.state_dict().items()})
    x = [0.1, -0.2, 0.3]
    np.testing.assert_array_equal(target(x), source(x))


@settings(max_examples=25, deadline=None)
@given(sizes=architectures(), act=st.sampled_from(SMOOTH), batch=st.integers(1, 4), seed=seeds())
def test_whole_network_backward_matches_central_differences(
    sizes: list[int], act: str, batch: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    model = mlp(sizes, act, rng)
    check_module_grads(model, rng.standard_normal((batch, sizes[0])), rng)
    check_module_grads(model, rng.standard_normal(sizes[0]), rng)


@pytest.mark.parametrize("act", ["relu", "leaky_relu"])
def test_backward_with_kinked_activations(act: str) -> None:
    # Small seeded nets whose pre-activations stay far from 0 compared with ε = 1e-6.
    rng = np.random.default_rng(15)
    model = Sequential(Linear(3, 4, rng=rng), activation_module(act), Linear(4, 2, rng=rng))
    x = rng.standard_normal((5, 3))
    assert np.abs(model[0](x)).min() > 1e-3
    check_module_grads(model, x, rng)


def test_backward_accumulates_and_zero_grad_resets() -> None:
    model = net_341(16)
    rng = np.random.default_rng(17)
    x, R = rng.standard_normal((4, 3)), rng.standard_normal((4, 1))
    model(x)
    dx_once = model.backward(R)
    once = {k: p.grad.copy() for k, p in model.named_parameters()}
    assert all(np.any(g != 0) for g in once.values())
    model(x)
    dx_twice = model.backward(R)
    np.testing.assert_array_equal(dx_once, dx_twice)  # the input grad is not accumulated
    for key, p in model.named_parameters():
        np.testing.assert_allclose(p.grad, 2.0 * once[key], rtol=1e-14)
    model.zero_grad()
    assert all(np.all(p.grad == 0.0) for p in model.parameters())


def test_repr_matches_torch_layout() -> None:
    model = Sequential(Linear(3, 4, rng=np.random.default_rng(0)), LeakyReLU(0.1))
    assert repr(model) == (
        "Sequential(\n"
        "  (0): Linear(in_features=3, out_features=4, bias=True)\n"
        "  (1): LeakyReLU(negative_slope=0.1)\n"
        ")"
    )
    assert repr(Sequential()) == "Sequential()"
