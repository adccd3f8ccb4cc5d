"""Value: every op against central differences, random graphs against torch autograd, a small MLP
against Sequential.backward, and the errors a learner meets."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from gradcheck import assert_grad_close
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import finite_floats

from nnlib import BCELoss, Linear, Sequential, Sigmoid, Tanh
from nnlib.autograd import Value

UNARY: dict[str, tuple[Callable[[Value], Value], float]] = {
    "exp": (lambda v: v.exp(), 0.7),
    "log": (lambda v: v.log(), 1.7),
    "tanh": (lambda v: v.tanh(), -0.4),
    "sigmoid": (lambda v: v.sigmoid(), 1.3),
    "relu+": (lambda v: v.relu(), 0.8),
    "relu-": (lambda v: v.relu(), -0.8),
    "neg": (lambda v: -v, 0.3),
    "**2": (lambda v: v**2, -1.1),
    "**3": (lambda v: v**3, 0.9),
    "**0.5": (lambda v: v**0.5, 2.3),
    "**-1.5": (lambda v: v**-1.5, 1.6),
    "+const": (lambda v: v + 2.5, 0.2),
    "const-": (lambda v: 2.5 - v, 0.2),
    "*const": (lambda v: 3.0 * v, 0.2),
    "const/": (lambda v: 2.0 / v, 0.6),
}
BINARY: dict[str, Callable[[Value, Value], Value]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}


@pytest.mark.parametrize("name", list(UNARY))
def test_every_unary_op_against_central_differences(name: str) -> None:
    fn, at = UNARY[name]
    x = Value(at)
    fn(x).backward()
    assert_grad_close([x.grad], lambda p: fn(Value(p[0])).data, [at], what=name)


@pytest.mark.parametrize("name", list(BINARY))
def test_every_binary_op_against_central_differences(name: str) -> None:
    fn, point = BINARY[name], [0.7, -1.3]
    a, b = Value(point[0]), Value(point[1])
    fn(a, b).backward()
    assert_grad_close(
        [a.grad, b.grad], lambda p: fn(Value(p[0]), Value(p[1])).data, point, what=name
    )


def test_a_value_used_twice_adds_up_the_gradients_of_both_paths() -> None:
    x, y = Value(1.5), Value(0.5)
    f = x * y + x**2
    f.backward()
    assert (x.grad, y.grad) == (pytest.approx(0.5 + 2 * 1.5), pytest.approx(1.5))
    f.backward()  # grads are set afresh, not accumulated
    assert x.grad == pytest.approx(3.5)


def test_graph_lists_each_value_once_after_its_inputs() -> None:
    a, b = Value(1.0, "a"), Value(2.0, "b")
    c = a * b
    d = c + a
    e = d * c
    order = e.graph()
    assert len(order) == len({id(v) for v in order}) == 5
    assert order[-1] is e
    position = {id(v): i for i, v in enumerate(order)}
    for v in order:
        assert all(position[id(s)] < position[id(v)] for s in v.inputs)


def test_local_grads_hold_the_derivative_towards_each_input() -> None:
    w, x = Value(-0.5, "w"), Value(2.0, "x")
    product = w * x
    assert product.inputs == (w, x) and product.local_grads == (2.0, -0.5)
    assert product.op == "×" and (w - x).local_grads == (1.0, -1.0)
    s = w.sigmoid()
    assert s.local_grads[0] == pytest.approx(s.data * (1 - s.data))


def test_repr_and_html_show_data_and_grad() -> None:
    w = Value(0.25, "w")
    (w * 4.0).backward()
    assert repr(w) == "Value(data=0.25, grad=4, label='w')"
    page = w._repr_html_()
    assert "<b>w</b>" in page and "data = <code>0.25</code>" in page
    assert "grad = <code>4</code>" in page and "a leaf" in page
    assert "made by <code>×</code>" in (w * 2.0)._repr_html_()


def test_data_is_float64_and_numpy_scalars_are_accepted() -> None:
    v = Value(np.float32(0.5)) + Value(np.array(2.0)) + 1
    assert isinstance(v.data, float) and v.data == 3.5


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ("0.5", "data must be a real number such as 0.5, got str '0.5'"),
        (None, "got NoneType None"),
        (True, "got bool True"),
        (np.array([1.0, 2.0]), "got an array of shape (2,): a Value is a scalar"),
    ],
)
def test_non_numbers_are_refused_with_a_clear_message(bad: Any, expected: str) -> None:
    with pytest.raises(TypeError) as error:
        Value(bad)
    assert expected in str(error.value)


def test_arithmetic_with_a_non_number_names_the_operand() -> None:
    with pytest.raises(TypeError, match=r"operand must be a real number such as 0\.5, got str"):
        Value(1.0) + "2"  # type: ignore[operator]
    with pytest.raises(TypeError, match="exponent must be a plain number, got a Value"):
        Value(2.0) ** Value(2.0)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: Value(0.0).log(), "log needs a positive number, got 0.0"),
        (lambda: Value(-1.0).log(), "log needs a positive number, got -1.0"),
        (lambda: Value(1.0) / 0.0, "division by zero: 1.0 / 0"),
        (lambda: Value(-2.0) ** 0.5, "-2.0 ** 0.5 has no finite real derivative"),
        (lambda: Value(0.0) ** 0.5, "0.0 ** 0.5 has no finite real derivative"),
        (lambda: Value(800.0).exp(), "exp(800.0) overflows float64"),
    ],
)
def test_undefined_steps_fail_where_they_happen(make: Callable[[], Value], expected: str) -> None:
    with pytest.raises(ValueError) as error:
        make()
    assert expected in str(error.value)


def test_backward_needs_a_finite_start() -> None:
    big = Value(1e308) * 10.0
    with pytest.raises(ValueError, match=r"backward\(\) needs a finite value to start from"):
        big.backward()


# Random expression graphs: each step combines earlier nodes; guards keep every op defined.
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["+", "-", "*", "/", "**", "exp", "log", "tanh", "sigmoid", "relu"]),
        st.integers(0, 1000),
        st.integers(0, 1000),
    ),
    min_size=1,
    max_size=12,
)


def number(v: Any) -> float:
    return v.data if isinstance(v, Value) else float(v.item())


def run_steps(leaves: list[Any], steps: list[tuple[str, int, int]]) -> Any:
    nodes = list(leaves)
    for op, i, j in steps:
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        if op in ("+", "-", "*"):
            out = a + b if op == "+" else a - b if op == "-" else a * b
        elif op == "/":
            out = a / (b * b + 0.5)  # a divisor that is never near 0
        elif op == "**":
            out = (a * a + 0.25) ** 1.5 if i % 2 else a**2
        elif op == "exp":
            out = a.tanh().exp() if abs(number(a)) > 5 else a.exp()
        elif op == "log":
            out = (a * a + 0.1).log()
        else:
            out = getattr(a, op)()
        if not math.isfinite(number(out)) or abs(number(out)) > 1e6:
            out = out.tanh()  # keep the graph's numbers moderate
        nodes.append(out)
    return nodes[-1] + sum(nodes[1:-1], nodes[0]) * 0.1  # every node can reach the output


@settings(max_examples=60, deadline=None)
@given(st.lists(finite_floats(-2.0, 2.0), min_size=3, max_size=3), STEPS)
def test_random_graphs_match_torch_autograd(start: list[float], steps: list[Any]) -> None:
    torch = pytest.importorskip("torch")
    ours = [Value(v) for v in start]
    theirs = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in start]
    out, reference = run_steps(ours, steps), run_steps(theirs, steps)
    out.backward()
    reference.backward()
    assert out.data == pytest.approx(reference.item(), rel=1e-12, abs=1e-12)
    for value, tensor in zip(ours, theirs, strict=True):
        expected = 0.0 if tensor.grad is None else tensor.grad.item()
        assert abs(value.grad - expected) <= 1e-10 * max(1.0, abs(expected))


def value_mlp_loss(model: Sequential, X: np.ndarray, y: np.ndarray) -> tuple[Value, dict[str, Any]]:
    """The BCE loss of Linear-Tanh-Linear-Sigmoid on X, built from Values, and its parameters."""
    params = {
        name: np.vectorize(lambda v: Value(float(v)), otypes=[object])(p.data)
        for name, p in model.named_parameters()
    }
    terms = []
    for sample, target in zip(X, y.ravel(), strict=True):
        hidden = [
            (sum(w * x for w, x in zip(row, sample, strict=True)) + b).tanh()
            for row, b in zip(params["0.weight"], params["0.bias"], strict=True)
        ]
        z = sum(w * h for w, h in zip(params["2.weight"][0], hidden, strict=True))
        p = (z + params["2.bias"][0]).sigmoid()
        terms.append(target * p.log() + (1 - target) * (1 - p).log())
    return -sum(terms) / len(terms), params


def test_the_value_graph_of_a_2_2_1_network_equals_sequential_backward() -> None:
    rng = np.random.default_rng(3)
    model = Sequential(Linear(2, 2, rng=rng), Tanh(), Linear(2, 1, rng=rng), Sigmoid())
    X, y = rng.normal(size=(4, 2)), np.array([[0.0], [1.0], [1.0], [0.0]])
    loss_fn = BCELoss()
    model.zero_grad()
    loss = loss_fn(model(X), y)
    model.backward(loss_fn.backward())
    graph_loss, params = value_mlp_loss(model, X, y)
    graph_loss.backward()
    assert abs(graph_loss.data - loss) < 1e-12
    for name, p in model.named_parameters():
        grads = np.vectorize(lambda v: v.grad, otypes=[float])(params[name])
        np.testing.assert_allclose(grads, p.grad, rtol=0, atol=1e-12, err_msg=name)
