"""PyTorch as the reference: same weights in float64 give the same outputs and gradients."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest

from nnlib import LeakyReLU, Linear, Sequential, Sigmoid, activation_module

torch = pytest.importorskip("torch")
nn = torch.nn

TOL = {"rtol": 1e-10, "atol": 1e-10}
TORCH_ACTIVATIONS = {
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
    "relu": nn.ReLU,
    "leaky_relu": nn.LeakyReLU,
    "identity": nn.Identity,
}
ACTS = list(TORCH_ACTIVATIONS)
# (layer widths, activation between layers, batch size or None for one 1-D sample)
CASES = [([3, 4, 4, 1], act, 5) for act in ACTS] + [
    ([3, 4, 4, 1], "sigmoid", None),
    ([2, 1], "identity", 3),
    ([5, 7, 2], "tanh", 1),
    ([4, 6, 6, 6, 3], "relu", 8),
    ([1, 3, 1], "leaky_relu", None),
    ([6, 2, 5, 4], "sigmoid", 2),
]


def build(sizes: list[int], act: str, seed: int) -> tuple[Sequential, Any]:
    """The same network in nnlib and in torch.nn (float64), with matching layer indices."""
    rng = np.random.default_rng(seed)
    ours: list[Any] = []
    theirs: list[Any] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        if i:
            ours.append(activation_module(act))
            theirs.append(TORCH_ACTIVATIONS[act]())
        ours.append(Linear(n_in, n_out, rng=rng))
        theirs.append(nn.Linear(n_in, n_out))
    model, reference = Sequential(*ours), nn.Sequential(*theirs).double()
    state = {k: torch.from_numpy(v) for k, v in model.state_dict().items()}
    reference.load_state_dict(state, strict=True)  # strict: the keys must match exactly
    return model, reference


def run_both(
    model: Sequential, reference: Any, x: np.ndarray, R: np.ndarray
) -> tuple[np.ndarray, np.ndarray, Any]:
    """Forward and backward of L = sum(out * R) in both; returns our out, our dL/dx, torch's x."""
    model.zero_grad()
    out = model(x)
    dLdx = model.backward(R)
    tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    tout = reference(tx)
    (tout * torch.from_numpy(R)).sum().backward()
    np.testing.assert_allclose(out, tout.detach().numpy(), **TOL)
    return out, dLdx, tx


@pytest.mark.parametrize(("sizes", "act", "batch"), CASES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_forward_and_every_gradient_match_torch(
    sizes: list[int], act: str, batch: int | None, seed: int
) -> None:
    model, reference = build(sizes, act, seed)
    rng = np.random.default_rng(100 + seed)
    x = rng.standard_normal(sizes[0] if batch is None else (batch, sizes[0]))
    R = rng.standard_normal(sizes[-1] if batch is None else (batch, sizes[-1]))
    out, dLdx, tx = run_both(model, reference, x, R)
    assert out.shape == tuple(reference(torch.from_numpy(x)).shape)
    np.testing.assert_allclose(dLdx, tx.grad.numpy(), **TOL)
    ours = dict(model.named_parameters())
    theirs = dict(reference.named_parameters())
    assert list(ours) == list(theirs)
    for name, param in theirs.items():
        np.testing.assert_allclose(ours[name].grad, param.grad.numpy(), **TOL, err_msg=name)


def test_gradients_are_not_trivially_zero() -> None:
    # Guards the parity test against passing because both sides computed nothing.
    model, reference = build([3, 4, 4, 1], "tanh", 3)
    rng = np.random.default_rng(4)
    run_both(model, reference, rng.standard_normal((4, 3)), rng.standard_normal((4, 1)))
    assert all(np.abs(p.grad).max() > 1e-3 for p in model.parameters())


def test_leaky_relu_slope_matches_torch() -> None:
    x = np.random.default_rng(5).standard_normal(10)
    ours = LeakyReLU(0.2)(x)
    theirs = nn.LeakyReLU(0.2)(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(ours, theirs, **TOL)


def test_kinks_follow_torch_at_zero() -> None:
    z = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    for name, cls in TORCH_ACTIVATIONS.items():
        z.grad = None
        cls()(z).sum().backward()
        module = activation_module(name)
        module(np.zeros(3))
        np.testing.assert_array_equal(module.backward(np.ones(3)), z.grad.numpy(), err_msg=name)


def test_reprs_match_torch() -> None:
    rng = np.random.default_rng(6)
    ours = Sequential(Linear(3, 4, rng=rng), Sigmoid(), Linear(4, 1, rng=rng), LeakyReLU(0.01))
    theirs = nn.Sequential(nn.Linear(3, 4), nn.Sigmoid(), nn.Linear(4, 1), nn.LeakyReLU(0.01))
    assert repr(ours) == repr(theirs)
    for name, cls in TORCH_ACTIVATIONS.items():
        assert repr(activation_module(name)) == repr(cls())
