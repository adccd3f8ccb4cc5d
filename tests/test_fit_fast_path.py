"""fit's fast path: after one checked step it skips the per-call checks and fuses zero_grad into
backward. It must give exactly what the notebook's five checked lines give, step after step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from nnlib.data import make_circles, make_moons
from nnlib.layers import Linear, ReLU
from nnlib.losses import BCELoss, Loss, MSELoss
from nnlib.module import Module
from nnlib.neuron import Neuron
from nnlib.optim import SGD
from nnlib.sequential import Sequential, mlp
from nnlib.train import TrainingDiverged, fit, train_step

Build = Callable[[], Module]


def moons(n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    return make_moons(n, 0.1, rng=np.random.default_rng(3))


def relu_regressor() -> Module:
    rng = np.random.default_rng(5)
    return Sequential(
        Linear(2, 8, rng=rng), ReLU(), Linear(8, 8, rng=rng), ReLU(), Linear(8, 1, rng=rng)
    )


def classifier() -> Module:
    return mlp([2, 6, 1], "tanh", rng=np.random.default_rng(6))


def neuron() -> Module:
    return Neuron([0.3, -0.2], 0.1, activation="sigmoid")


def train_by_hand(
    model: Module, X: Any, y: Any, loss: Loss, opt: SGD, batches: list[Any]
) -> list[float]:
    """The checked five lines on each batch, as train_step takes them."""
    return [train_step(model, X[b], y[b], loss, opt, k + 1) for k, b in enumerate(batches)]


CASES = [  # model, loss, labels as fit gets them, momentum
    pytest.param(relu_regressor, MSELoss, lambda y: 2.0 * y - 1.0, 0.0, id="relu-mse"),
    pytest.param(classifier, BCELoss, lambda y: y, 0.9, id="tanh-bce-momentum"),
    pytest.param(neuron, BCELoss, lambda y: y[:, 0], 0.0, id="neuron-bce"),
]


@pytest.mark.parametrize(("build", "loss_type", "labels", "momentum"), CASES)
@pytest.mark.parametrize("batch_size", [None, 16])
@pytest.mark.parametrize("weight_decay", [0.0, 0.05])
def test_fit_matches_the_checked_steps_exactly(
    build: Build,
    loss_type: type[Loss],
    labels: Any,
    momentum: float,
    batch_size: int | None,
    weight_decay: float,
) -> None:
    X, raw = moons()
    y = labels(raw)
    fast, slow = build(), build()
    fast_opt = SGD(fast.parameters(), lr=0.2, momentum=momentum, weight_decay=weight_decay)
    slow_opt = SGD(slow.parameters(), lr=0.2, momentum=momentum, weight_decay=weight_decay)
    history = fit(fast, X, y, loss=loss_type(), optimizer=fast_opt, epochs=4, batch_size=batch_size)
    size = len(X) if batch_size is None else batch_size
    batches = [slice(start, start + size) for start in range(0, len(X), size)] * 4
    slow_losses = train_by_hand(slow, X, y, loss_type(), slow_opt, batches)
    assert history.steps == len(batches)
    per_epoch = len(batches) // 4
    expected = [
        sum(v * len(X[b]) for v, b in zip(slow_losses[e : e + per_epoch], batches, strict=False))
        / len(X)
        for e in range(0, len(batches), per_epoch)
    ]
    np.testing.assert_array_equal(history.losses, expected)
    for (name, p_fast), (_, p_slow) in zip(
        fast.named_parameters(), slow.named_parameters(), strict=True
    ):
        np.testing.assert_array_equal(p_fast.data, p_slow.data, err_msg=name)
        np.testing.assert_array_equal(p_fast.grad, p_slow.grad, err_msg=f"{name}.grad")


def test_an_optimizer_over_some_parameters_keeps_the_checked_steps() -> None:
    """Only layer 0 is trained: the other layers' .grad keep accumulating, as with zero_grad."""
    X, y = moons()
    fast, slow = relu_regressor(), relu_regressor()
    assert isinstance(fast, Sequential) and isinstance(slow, Sequential)
    fast_opt, slow_opt = SGD(fast[0].parameters(), lr=0.1), SGD(slow[0].parameters(), lr=0.1)
    fit(fast, X, y, loss=MSELoss(), optimizer=fast_opt, epochs=3)
    train_by_hand(slow, X, y, MSELoss(), slow_opt, [slice(None)] * 3)
    for (name, p_fast), (_, p_slow) in zip(
        fast.named_parameters(), slow.named_parameters(), strict=True
    ):
        np.testing.assert_array_equal(p_fast.grad, p_slow.grad, err_msg=name)
    assert not np.array_equal(fast[4].parameters()[0].grad, slow[0].parameters()[0].grad * 0)
    # layer 4 is not trained, so its .grad holds three steps' gradients, not the last one alone
    # (about three times one step's: only layer 0 moved, and only a little)
    single = relu_regressor()
    train_by_hand(single, X, y, MSELoss(), SGD(single.parameters(), lr=1e-300), [slice(None)])
    np.testing.assert_allclose(
        fast[4].parameters()[1].grad, 3 * single.parameters()[-1].grad, rtol=0.05
    )


def test_bce_targets_outside_0_1_in_a_later_batch_are_refused_before_training() -> None:
    X, y = make_circles(20, 0.05, rng=np.random.default_rng(0))
    y[17, 0] = 2.0  # in the last batch of 5: a checked first step alone would never see it
    model = mlp([2, 3, 1], "tanh", rng=np.random.default_rng(0))
    before = model.state_dict()
    opt = SGD(model.parameters(), lr=0.1)
    with pytest.raises(
        ValueError,
        match=r"BCELoss target must lie in \[0, 1\], got 2\.0 at index \(17, 0\)\. Use labels 0",
    ):
        fit(model, X, y, loss=BCELoss(), optimizer=opt, epochs=1, batch_size=5)
    for name, value in model.state_dict().items():
        np.testing.assert_array_equal(value, before[name])  # refused before any step


def test_bce_outputs_leaving_0_1_mid_training_are_still_explained() -> None:
    """No Sigmoid last: the outputs drift out of [0, 1] after a few steps, past the first check."""
    X, y = moons()
    model = Sequential(Linear(2, 1, rng=np.random.default_rng(0)))
    model[0].weight.data[...] = 0.0
    model[0].bias.data[...] = 0.5  # every output starts at 0.5, so step 1 passes its checks
    opt = SGD(model.parameters(), lr=5.0)
    with pytest.raises(
        ValueError, match=r"BCELoss output must lie in \[0, 1\].*End the network with Sigmoid\(\)"
    ):
        fit(model, X, y, loss=BCELoss(), optimizer=opt, epochs=5)


def test_shape_mismatch_is_caught_on_the_first_step() -> None:
    X, y = moons()
    model = relu_regressor()
    opt = SGD(model.parameters(), lr=0.1)
    with pytest.raises(
        ValueError,
        match=r"MSELoss: output and target must have the same shape, got output \(40, 1\) and "
        r"target \(40,\)",
    ):
        fit(model, X, y[:, 0], loss=MSELoss(), optimizer=opt, epochs=2)


def test_divergence_on_a_fast_step_names_that_step() -> None:
    X, y = moons()
    model = relu_regressor()
    opt = SGD(model.parameters(), lr=1e3)
    with pytest.raises(
        TrainingDiverged, match=r"Training diverged at step (\d+):.*Lower the learning rate"
    ) as info:
        fit(model, X, 1e3 * (2.0 * y - 1.0), loss=MSELoss(), optimizer=opt, epochs=200)
    assert info.value.step > 1  # a fast step, not the checked first one
    # the same run with checked steps diverges at the same step
    slow = relu_regressor()
    slow_opt = SGD(slow.parameters(), lr=1e3)
    with pytest.raises(TrainingDiverged) as slow_info:
        train_by_hand(slow, X, 1e3 * (2.0 * y - 1.0), MSELoss(), slow_opt, [slice(None)] * 200)
    assert slow_info.value.step == info.value.step


def test_the_callback_runs_under_the_learners_numpy_error_settings() -> None:
    X, y = moons()
    model = relu_regressor()
    seen: list[str] = []

    def callback(epoch: int, loss: float, m: Module) -> None:
        seen.append(np.geterr()["over"])
        np.float64(1e308) * 10.0  # overflows to inf: the learner's business, not divergence

    with np.errstate(over="ignore"):
        fit(
            model,
            X,
            y,
            loss=MSELoss(),
            optimizer=SGD(model.parameters(), lr=0.1),
            epochs=2,
            callback=callback,
        )
    assert seen == ["ignore", "ignore"]
    assert np.geterr()["over"] == "warn"  # and fit left the settings as it found them


@pytest.mark.parametrize("shape", [(3,), (4, 3)])
def test_linear_overwrite_equals_zero_grad_then_backward(shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(1)
    a, b = Linear(3, 2, rng=np.random.default_rng(2)), Linear(3, 2, rng=np.random.default_rng(2))
    for layer in (a, b):
        layer.weight.grad[...] = 7.0  # stale gradients from an earlier step
        layer.bias.grad[...] = 7.0
    x = rng.normal(size=shape)
    grad = rng.normal(size=(*shape[:-1], 2))
    a(x), b(x)
    dx = a.backward_unchecked(grad, overwrite=True)
    b.zero_grad()
    np.testing.assert_array_equal(dx, b.backward(grad))
    np.testing.assert_array_equal(a.weight.grad, b.weight.grad)
    np.testing.assert_array_equal(a.bias.grad, b.bias.grad)


def test_a_model_holding_nan_is_named_on_the_first_step_not_called_divergence() -> None:
    X, y = moons()
    model = relu_regressor()
    assert isinstance(model, Sequential)
    model[2].weight.data[0, 0] = np.nan  # type: ignore[attr-defined]
    opt = SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match=r"layer 2 .* produced NaN or inf: its weight hold"):
        fit(model, X, y, loss=MSELoss(), optimizer=opt, epochs=3)


def test_an_optimizer_listing_the_parameters_in_another_order_trains_the_same() -> None:
    X, y = moons()
    fast, slow = relu_regressor(), relu_regressor()
    fit(fast, X, y, loss=MSELoss(), optimizer=SGD(fast.parameters()[::-1], lr=0.1), epochs=3)
    train_by_hand(slow, X, y, MSELoss(), SGD(slow.parameters(), lr=0.1), [slice(None)] * 3)
    for p_fast, p_slow in zip(fast.parameters(), slow.parameters(), strict=True):
        np.testing.assert_array_equal(p_fast.data, p_slow.data)
