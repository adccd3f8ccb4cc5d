"""PyTorch as the reference: loss values, their gradients, and ten SGD steps with momentum."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.data import make_slab
from nnlib.layers import Linear, ReLU, Sigmoid, Tanh
from nnlib.losses import BCELoss, MSELoss
from nnlib.optim import SGD
from nnlib.sequential import Sequential
from nnlib.train import fit

torch = pytest.importorskip("torch")


def nnlib_3441(seed: int) -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(
        Linear(3, 4, rng=rng),
        Tanh(),
        Linear(4, 4, rng=rng),
        ReLU(),
        Linear(4, 1, rng=rng),
        Sigmoid(),
    )


def torch_copy(model: Sequential) -> object:
    layers = []
    for module in model:
        if isinstance(module, Linear):
            linear = torch.nn.Linear(module.in_features, module.out_features, dtype=torch.float64)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(module.weight.data))
                linear.bias.copy_(torch.from_numpy(module.bias.data))
            layers.append(linear)
        else:
            layers.append(
                {"Tanh": torch.nn.Tanh, "ReLU": torch.nn.ReLU, "Sigmoid": torch.nn.Sigmoid}[
                    type(module).__name__
                ]()
            )
    return torch.nn.Sequential(*layers)


@pytest.mark.parametrize(("ours", "theirs"), [(MSELoss, "MSELoss"), (BCELoss, "BCELoss")])
def test_loss_values_and_output_gradients_match_torch(ours: type, theirs: str) -> None:
    rng = np.random.default_rng(0)
    # exact 0 and 1 included: both libraries clamp the logs the same way
    out = np.concatenate([rng.uniform(0.0, 1.0, size=8), [0.0, 1.0, 0.0, 1.0]]).reshape(-1, 1)
    target = np.concatenate([rng.integers(0, 2, size=8), [1, 0, 0, 1]]).astype(float)[:, None]
    loss = ours()
    value = loss(out, target)
    t_out = torch.tensor(out, requires_grad=True)
    t_loss = getattr(torch.nn, theirs)()(t_out, torch.tensor(target))
    t_loss.backward()
    assert value == pytest.approx(t_loss.item(), rel=1e-13, abs=1e-15)
    np.testing.assert_allclose(loss.backward(), t_out.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_parameter_gradients_match_torch_through_the_3441_network() -> None:
    X, y = make_slab(16, rng=np.random.default_rng(1))
    model = nnlib_3441(2)
    reference = torch_copy(model)
    loss_fn = BCELoss()
    model.zero_grad()
    loss = loss_fn(model(X), y)
    model.backward(loss_fn.backward())
    t_loss = torch.nn.BCELoss()(reference(torch.from_numpy(X)), torch.from_numpy(y))
    t_loss.backward()
    assert loss == pytest.approx(t_loss.item(), rel=1e-13)
    for (name, p), t_p in zip(model.named_parameters(), reference.parameters(), strict=True):
        np.testing.assert_allclose(p.grad, t_p.grad.numpy(), rtol=1e-10, atol=1e-14, err_msg=name)


def test_ten_sgd_steps_with_momentum_give_torchs_weights() -> None:
    X, y = make_slab(32, noise=0.05, rng=np.random.default_rng(3))
    model = nnlib_3441(4)
    reference = torch_copy(model)
    fit(
        model,
        X,
        y,
        loss=BCELoss(),
        optimizer=SGD(model.parameters(), lr=0.5, momentum=0.9),
        epochs=10,
    )
    t_opt = torch.optim.SGD(reference.parameters(), lr=0.5, momentum=0.9)
    t_loss_fn, t_X, t_y = torch.nn.BCELoss(), torch.from_numpy(X), torch.from_numpy(y)
    for _ in range(10):
        t_opt.zero_grad()
        t_loss_fn(reference(t_X), t_y).backward()
        t_opt.step()
    start = nnlib_3441(4).state_dict()
    for (name, p), t_p in zip(model.named_parameters(), reference.parameters(), strict=True):
        assert not np.allclose(p.data, start[name])  # training really moved the weights
        np.testing.assert_allclose(p.data, t_p.detach().numpy(), rtol=0, atol=1e-10, err_msg=name)


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_twenty_sgd_steps_with_weight_decay_give_torchs_weights(momentum: float) -> None:
    X, y = make_slab(32, noise=0.05, rng=np.random.default_rng(5))
    model, undecayed = nnlib_3441(6), nnlib_3441(6)
    reference = torch_copy(model)
    options = {"loss": BCELoss(), "epochs": 20}
    fit(model, X, y, optimizer=SGD(model.parameters(), 0.3, momentum, weight_decay=0.05), **options)
    fit(undecayed, X, y, optimizer=SGD(undecayed.parameters(), 0.3, momentum), **options)
    t_opt = torch.optim.SGD(reference.parameters(), lr=0.3, momentum=momentum, weight_decay=0.05)
    t_loss_fn, t_X, t_y = torch.nn.BCELoss(), torch.from_numpy(X), torch.from_numpy(y)
    for _ in range(20):
        t_opt.zero_grad()
        t_loss_fn(reference(t_X), t_y).backward()
        t_opt.step()
    for (name, p), t_p, (_, plain) in zip(
        model.named_parameters(), reference.parameters(), undecayed.named_parameters(), strict=True
    ):
        # the decay really changed the weights, by far more than the tolerance
        assert np.abs(p.data - plain.data).max() > 1e-4, name
        np.testing.assert_allclose(p.data, t_p.detach().numpy(), rtol=0, atol=1e-10, err_msg=name)
        # torch leaves .grad as the loss's gradient; so does nnlib
        np.testing.assert_allclose(p.grad, t_p.grad.numpy(), rtol=0, atol=1e-10, err_msg=name)
