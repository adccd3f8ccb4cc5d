"""Module registers its Parameters and sub-modules as torch does, and state_dict follows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from nnlib import Linear, Module, Neuron, Parameter, ReLU, Sequential, Sigmoid, mlp


class TwoLayers(Module):
    """A module written the way a learner writes one: assign parameters and layers, nothing else."""

    def __init__(self) -> None:
        rng = np.random.default_rng(0)
        self.scale = Parameter(np.ones(2), "scale")
        self.hidden = Linear(3, 2, rng=rng)
        self.act = ReLU()
        self.out = Linear(2, 1, rng=rng)
        self.note = "not a parameter"

    def forward(self, x: Any) -> Any:
        return self.out(self.act(self.hidden(x)) * self.scale.data)


def test_assigned_parameters_and_modules_are_registered_in_order() -> None:
    model = TwoLayers()
    names = [name for name, _ in model.named_parameters()]
    assert names == ["scale", "hidden.weight", "hidden.bias", "out.weight", "out.bias"]
    assert [name for name, _ in model.named_children()] == ["hidden", "act", "out"]
    assert model.parameters()[1] is model.hidden.weight
    assert model.num_parameters() == 2 + 8 + 3


def test_reassigning_or_deleting_an_attribute_updates_the_registry() -> None:
    model = TwoLayers()
    model.out = Linear(2, 4, rng=np.random.default_rng(1))  # replaced: the new one is listed
    assert dict(model.named_parameters())["out.weight"].shape == (4, 2)
    model.scale = None  # type: ignore[assignment]  # no longer a Parameter: forgotten
    del model.act
    assert "scale" not in dict(model.named_parameters())
    assert [name for name, _ in model.named_children()] == ["hidden", "out"]


def test_a_shared_parameter_is_listed_once_as_in_torch() -> None:
    model = TwoLayers()
    model.tied = model.hidden.weight
    names = [name for name, _ in model.named_parameters()]
    # torch lists a module's own parameters before its children's, so the first name is "tied"
    assert names == ["scale", "tied", "hidden.bias", "out.weight", "out.bias"]
    assert len(model.parameters()) == len({id(p) for p in model.parameters()})


def test_register_parameter_and_add_module_check_their_arguments() -> None:
    model = TwoLayers()
    model.register_parameter("gain", Parameter(3.0))
    model.add_module("extra", Sigmoid())
    assert "gain" in dict(model.named_parameters()) and model.children()[-1] is model.extra
    with pytest.raises(TypeError, match="param must be an nnlib Parameter, got ndarray"):
        model.register_parameter("gain", np.ones(2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"module must be an nnlib Module.*got ufunc"):
        model.add_module("f", np.tanh)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="name must be a non-empty string without dots"):
        model.add_module("a.b", ReLU())


def test_state_dict_round_trip_on_a_custom_module() -> None:
    a, b = TwoLayers(), TwoLayers()
    b.load_state_dict({k: v + 1.0 for k, v in a.state_dict().items()})
    for key, value in b.state_dict().items():
        np.testing.assert_array_equal(value, a.state_dict()[key] + 1.0)
    with pytest.raises(ValueError, match=r"Missing keys: \['scale'\]"):
        b.load_state_dict({k: v for k, v in a.state_dict().items() if k != "scale"})


def test_neuron_and_sequential_keys() -> None:
    assert list(Neuron([1.0, 2.0], 0.5).state_dict()) == ["weight", "bias"]
    model = mlp([2, 3, 1], "relu", rng=np.random.default_rng(0))
    assert list(model.state_dict()) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert [name for name, _ in model.named_children()] == ["0", "1", "2", "3"]


def test_linear_state_dict_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    ours = Linear(2, 3, rng=np.random.default_rng(0))
    reference = torch.nn.Linear(2, 3, dtype=torch.float64)
    theirs = reference.state_dict()
    assert list(ours.state_dict()) == list(theirs)
    reference.load_state_dict({k: torch.from_numpy(v) for k, v in ours.state_dict().items()})
    for key, value in reference.state_dict().items():
        assert ours.state_dict()[key].shape == tuple(value.shape)
        np.testing.assert_array_equal(ours.state_dict()[key], value.numpy())
    x = np.random.default_rng(1).normal(size=(4, 2))
    np.testing.assert_allclose(ours(x), reference(torch.from_numpy(x)).detach().numpy(), 1e-15)


def test_sequential_state_dict_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    ours = Sequential(Linear(3, 4), Sigmoid(), Linear(4, 1))
    reference = torch.nn.Sequential(
        torch.nn.Linear(3, 4), torch.nn.Sigmoid(), torch.nn.Linear(4, 1)
    ).double()
    theirs = reference.state_dict()
    assert list(ours.state_dict()) == list(theirs)
    for key, value in theirs.items():
        assert ours.state_dict()[key].shape == tuple(value.shape)
    # and back: torch's values load into ours unchanged
    ours.load_state_dict({k: v.numpy() for k, v in theirs.items()})
    for key, value in theirs.items():
        np.testing.assert_array_equal(ours.state_dict()[key], value.numpy())


def test_state_dict_values_are_copies() -> None:
    layer = Linear(2, 3, rng=np.random.default_rng(0))
    state = layer.state_dict()
    state["weight"][...] = 99.0
    assert not (layer.weight.data == 99.0).any()
