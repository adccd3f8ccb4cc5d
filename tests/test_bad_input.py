"""One table of bad inputs across the computation API: each raises before anything changes.

Every row is (callable, args, kwargs, exception type, regex). The regex must match the message
and names the argument that was wrong; `test_every_public_name_has_a_row` keeps the table in step
with the API, so a new public function without a bad-input case fails here.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import numpy as np
import pytest

import nnlib
from nnlib import (
    SGD,
    BCELoss,
    LeakyReLU,
    LIFNeuron,
    Linear,
    MSELoss,
    Neuron,
    Parameter,
    ReLU,
    Sequential,
    Sigmoid,
    metrics,
    plasticity,
    synapses,
)
from nnlib.collapse import collapse_linear
from nnlib.exercises import activations as ex_act
from nnlib.exercises import biology as ex_bio
from nnlib.exercises import key_terms as ex_terms
from nnlib.exercises import network as ex_net
from nnlib.exercises import single_neuron as ex_single
from nnlib.exercises import training as ex_train

RNG = np.random.default_rng
X4, Y4 = nnlib.logic_gate("XOR")
STATE = {"weight": np.zeros((1, 2)), "bias": np.zeros(1)}


def model() -> Sequential:
    return Sequential(Linear(2, 3, rng=RNG(0)), Sigmoid(), Linear(3, 1, rng=RNG(1)), Sigmoid())


def fit_with(**kwargs: Any) -> Any:
    net = model()
    options = {"loss": BCELoss(), "optimizer": SGD(net.parameters(), lr=0.1), "epochs": 2}
    return nnlib.fit(net, X4, Y4, **{**options, **kwargs})


def surface(**kwargs: Any) -> Any:
    neuron = Neuron([1.0, -1.0], 0.0)
    options: dict[str, Any] = {
        "first": (neuron.weight, 0),
        "second": (neuron.weight, 1),
        "values": (np.linspace(-1, 1, 3), np.linspace(-1, 1, 3)),
    }
    options.update(kwargs)
    return nnlib.loss_surface(neuron, X4, Y4.ravel(), BCELoss(), **options)


OBJ = object()
BUMP = nnlib.Bump(0.2, 0.4, 0.5)
TOWER = {"steepness": 10.0}
Case = tuple[Any, tuple[Any, ...], dict[str, Any], type[Exception], str]
ACTIVATION_FNS = [
    nnlib.sigmoid, nnlib.sigmoid_grad, nnlib.tanh, nnlib.tanh_grad, nnlib.relu, nnlib.relu_grad,
    nnlib.leaky_relu, nnlib.leaky_relu_grad, nnlib.step, nnlib.step_grad, nnlib.identity,
    nnlib.identity_grad,
]  # fmt: skip

CASES: list[Case] = [
    # activations: strings, None and objects are not numbers (sigmoid(None) gave nan)
    *[(fn, (bad,), {}, TypeError, r"^z must") for fn in ACTIVATION_FNS for bad in (None, "1", OBJ)],
    (nnlib.leaky_relu, (1.0, None), {}, TypeError, "negative_slope"),
    (nnlib.leaky_relu_grad, (1.0, "x"), {}, TypeError, "negative_slope"),
    (nnlib.get_activation, (None,), {}, TypeError, "activation must be a name"),
    (nnlib.get_activation, ("sigmod",), {}, ValueError, "Unknown activation 'sigmod'"),
    (nnlib.get_activation_grad, (3,), {}, TypeError, "activation must be a name"),
    (nnlib.activation_module, ("nope",), {}, ValueError, "Unknown activation 'nope'"),
    # layers: sizes that are not counts, and sizes too large to allocate
    (Linear, (0, 2), {}, ValueError, "in_features must be a positive integer"),
    (Linear, (2, -1), {}, ValueError, "out_features must be a positive integer"),
    (Linear, ("3", 2), {}, TypeError, "in_features must be a positive integer, got str"),
    (Linear, (2, None), {}, TypeError, "out_features .* got NoneType"),
    (Linear, (2.0, 2), {}, TypeError, "in_features .* got float"),
    (Linear, (10**6, 2), {}, ValueError, "in_features must be at most 100,000"),
    (Linear, (2, 10**12), {}, ValueError, "out_features must be at most"),
    (Linear, (50_000, 50_000), {}, ValueError, "Linear\\(in_features, out_features\\) .* weights"),
    (Linear, (2, 2), {"rng": 0}, TypeError, "rng must be a numpy.random.Generator"),
    (LeakyReLU, ("a",), {}, TypeError, "negative_slope"),
    (LeakyReLU, (float("nan"),), {}, ValueError, "negative_slope must be a finite"),
    (lambda: Linear(2, 1, rng=RNG(0))([1, 2, 3]), (), {}, ValueError, "expected 2 input features"),
    (lambda: Linear(2, 1, rng=RNG(0))(None), (), {}, TypeError, "input to Linear"),
    (lambda: Sigmoid()("x"), (), {}, TypeError, "input to Sigmoid"),
    (lambda: ReLU().backward([1.0]), (), {}, ValueError, "ReLU\\(\\): backward\\(\\) was called"),
    # mlp and Sequential
    (nnlib.mlp, ([2, 0, 1],), {"rng": RNG(0)}, ValueError, r"sizes\[1\] must be a positive"),
    (nnlib.mlp, ([2],), {"rng": RNG(0)}, ValueError, "sizes must list at least"),
    (nnlib.mlp, ("2, 1",), {"rng": RNG(0)}, TypeError, "sizes must be a list of layer sizes"),
    (nnlib.mlp, (None,), {"rng": RNG(0)}, TypeError, "sizes must be a list"),
    (nnlib.mlp, ([2, 10**7, 1],), {"rng": RNG(0)}, ValueError, r"sizes\[1\] must be at most"),
    (nnlib.mlp, ([5000, 5000],), {"rng": RNG(0)}, ValueError, r"sizes\[0\] × sizes\[1\]"),
    (nnlib.mlp, ([2, 1],), {"rng": RNG(0), "activation": None}, TypeError, "activation must"),
    (nnlib.mlp, ([2, 1],), {"rng": "seed"}, TypeError, "rng must be a numpy.random.Generator"),
    (Sequential, ([Linear(2, 1)],), {}, TypeError, "separate arguments"),
    (Sequential, (Linear(2, 1), "relu"), {}, TypeError, "Sequential argument 1"),
    (lambda: model()([1.0, "a"]), (), {}, TypeError, "input to Sequential"),
    (lambda: model().trace(None), (), {}, TypeError, "input to Sequential"),
    (lambda: model().backward(np.ones(1)), (), {}, ValueError, "layer 3 .* before forward"),
    (lambda: model().load_state_dict([1]), (), {}, TypeError, "state must be a dict"),
    (lambda: model().load_state_dict({}), (), {}, ValueError, "Missing keys"),
    (
        lambda: Linear(2, 1).load_state_dict({**STATE, "x": 1}),
        (),
        {},
        ValueError,
        "unexpected keys",
    ),
    (lambda: Linear(2, 1).load_state_dict({**STATE, "bias": "b"}), (), {}, TypeError, r"'bias'"),
    (lambda: Linear(2, 1).load_state_dict({**STATE, "bias": [1, 2]}), (), {}, ValueError, "'bias'"),
    (lambda: Linear(2, 1).register_parameter("w", [1.0]), (), {}, TypeError, "param must be"),
    (lambda: Linear(2, 1).add_module("", ReLU()), (), {}, ValueError, "name must be a non-empty"),
    (lambda: Linear(2, 1).add_module("a", None), (), {}, TypeError, "module must be"),
    (Parameter, ("abc",), {}, TypeError, "parameter must be numbers"),
    (Parameter, ([np.nan],), {}, ValueError, "parameter must hold only finite"),
    # Neuron
    (Neuron, (None,), {}, TypeError, "weights must contain only real numbers"),
    (Neuron, ([],), {}, ValueError, "weights must hold at least one number"),
    (Neuron, ([1.0],), {"bias": "0"}, TypeError, "bias must be a single real number"),
    (Neuron, ([1.0],), {"activation": 1}, TypeError, "activation must be a name"),
    (lambda: Neuron([1.0]).explain([[1.0]]), (), {}, ValueError, "explain\\(\\) takes one input"),
    (lambda: Neuron([1.0]).pre_activation("x"), (), {}, TypeError, "x must be numbers"),
    # losses: non-numbers, mismatched shapes, empty inputs, values out of range
    (MSELoss(), (None, [1.0]), {}, TypeError, "MSELoss output"),
    (MSELoss(), ([1.0], "y"), {}, TypeError, "MSELoss target"),
    (MSELoss(), ([1.0], [1.0, 2.0]), {}, ValueError, "output and target must have the same"),
    (MSELoss(), ([], []), {}, ValueError, "MSELoss output and target are empty"),
    (BCELoss(), (np.zeros((0, 1)), np.zeros((0, 1))), {}, ValueError, "BCELoss output and target"),
    (BCELoss(), ([1.5], [1.0]), {}, ValueError, "BCELoss output must lie in \\[0, 1\\]"),
    (BCELoss(), ([0.5], [2.0]), {}, ValueError, "BCELoss target must lie in \\[0, 1\\]"),
    (BCELoss(), ([0.5], [np.nan]), {}, ValueError, "BCELoss target must hold only finite"),
    (MSELoss().value_and_grad, ([], []), {}, ValueError, "MSELoss output and target are empty"),
    (MSELoss().value_and_grad, (OBJ, [1.0]), {}, TypeError, "MSELoss output"),
    (BCELoss().value_and_grad, ([2.0], [1.0]), {}, ValueError, "BCELoss output must lie"),
    (MSELoss().check_target, ("a",), {}, TypeError, "MSELoss target"),
    (lambda: MSELoss().backward(), (), {}, ValueError, "MSELoss.backward\\(\\) was called before"),
    # optimizer
    (SGD, (None,), {"lr": 0.1}, TypeError, "params must be a list of Parameters"),
    (SGD, ([],), {"lr": 0.1}, ValueError, "params is empty"),
    (SGD, ([Parameter([1.0])],), {"lr": -1}, ValueError, "lr \\(the learning rate\\) must be"),
    (SGD, ([Parameter([1.0])],), {"lr": "0.1"}, TypeError, "lr must be a single real number"),
    (SGD, ([Parameter([1.0])],), {"lr": float("nan")}, ValueError, "lr must be a finite number"),
    (SGD, ([Parameter([1.0])],), {"lr": 0.1, "momentum": 1.0}, ValueError, "momentum must lie"),
    (SGD, ([1.0],), {"lr": 0.1}, TypeError, r"params\[0\] must be an nnlib Parameter"),
    (SGD, ([Parameter([1.0])], 0.1), {"weight_decay": -0.01}, ValueError, "weight_decay .* ≥ 0"),
    (SGD, ([Parameter([1.0])], 0.1), {"weight_decay": "1e-3"}, TypeError, "weight_decay must be"),
    (SGD, ([Parameter([1.0])], 0.1), {"weight_decay": np.nan}, ValueError, "weight_decay must"),
    # fit and train_step: each message speaks of its own argument
    (fit_with, (), {"epochs": 0}, ValueError, "epochs must be .* An epoch is one pass"),
    (fit_with, (), {"epochs": 2.5}, TypeError, "epochs must be a positive integer, got float"),
    (fit_with, (), {"epochs": 10**9}, ValueError, "epochs must be at most 1,000,000"),
    (fit_with, (), {"batch_size": 0}, ValueError, "batch_size must be .* A batch holds"),
    (fit_with, (), {"batch_size": "4"}, TypeError, "batch_size must be a positive integer"),
    (fit_with, (), {"callback": "print"}, TypeError, "callback must be a function"),
    (fit_with, (), {"callback": 3}, TypeError, "callback must be a function"),
    (fit_with, (), {"rng": 1}, TypeError, "rng must be a numpy.random.Generator"),
    (fit_with, (), {"loss": BCELoss}, TypeError, "loss must be a loss object"),
    (fit_with, (), {"optimizer": None}, TypeError, "optimizer must be an optimizer"),
    (fit_with, (), {"test_data": X4}, TypeError, r"test_data must be a pair \(X_test, y_test\)"),
    (fit_with, (), {"test_data": (X4[:, :1], Y4)}, ValueError, "test_data must have the columns"),
    (fit_with, (), {"test_data": (X4, Y4[:2])}, ValueError, "2 in y_test"),
    (fit_with, (), {"test_data": (X4, 3 * Y4)}, ValueError, "BCELoss target must lie in"),
    (fit_with, (), {"test_data": ("x", Y4)}, TypeError, r"X_test \(test_data\[0\]\) must be"),
    (
        nnlib.fit,
        (None, X4, Y4),
        {"loss": MSELoss(), "optimizer": None, "epochs": 1},
        TypeError,
        "model must be an nnlib Module",
    ),
    (
        lambda: nnlib.fit(
            model(), [], [], loss=MSELoss(), optimizer=SGD([Parameter(1.0)], 0.1), epochs=1
        ),
        (),
        {},
        ValueError,
        "X must be 2-D",
    ),
    (
        lambda: nnlib.fit(
            model(), X4, 2 * Y4, loss=BCELoss(), optimizer=SGD([Parameter(1.0)], 0.1), epochs=1
        ),
        (),
        {},
        ValueError,
        "BCELoss target must lie",
    ),
    (
        lambda: nnlib.fit(
            model(), X4, Y4[:3], loss=BCELoss(), optimizer=SGD([Parameter(1.0)], 0.1), epochs=1
        ),
        (),
        {},
        ValueError,
        "X and y must have one row per sample",
    ),
    (
        lambda: nnlib.train_step(model(), X4, Y4[:, :0], BCELoss(), SGD([Parameter(1.0)], 0.1)),
        (),
        {},
        ValueError,
        "BCELoss: output and target must have the same shape",
    ),
    # metrics
    (nnlib.accuracy, ([], []), {}, ValueError, "output is empty"),
    (nnlib.accuracy, ([0.5], [1.0, 0.0]), {}, ValueError, "output and target must have the same"),
    (nnlib.accuracy, (None, [1.0]), {}, TypeError, "output must contain only real numbers"),
    (nnlib.accuracy, ([0.5], "1"), {}, TypeError, "target must be numbers"),
    (nnlib.accuracy, ([0.5], [1.0]), {"threshold": None}, TypeError, "threshold must be"),
    (nnlib.accuracy, ([0.5], [1.0]), {"threshold": np.nan}, ValueError, "threshold must be a fin"),
    (
        surface,
        (),
        {"values": (np.linspace(-1, 1, 1000), np.linspace(-1, 1, 1000))},
        ValueError,
        "values give a grid of 1,000 × 1,000",
    ),
    (surface, (), {"values": ([], [1.0])}, ValueError, r"values\[0\] is empty"),
    (surface, (), {"values": [1.0, 2.0, 3.0]}, TypeError, "values must be a pair"),
    (surface, (), {"values": (None, [1.0])}, TypeError, r"values\[0\] must contain only real"),
    (surface, (), {"first": ("w", 0)}, TypeError, "first must be a pair \\(parameter, index\\)"),
    (surface, (), {"second": (Parameter([1.0, 2.0]), 5)}, ValueError, "second: index 5 must pick"),
    (
        metrics.loss_surface,
        (None, X4, Y4, MSELoss(), None, None, None),
        {},
        TypeError,
        "model must be an nnlib Module",
    ),
    (
        metrics.loss_surface,
        (Neuron([1.0, 1.0]), X4, Y4, "mse", None, None, None),
        {},
        TypeError,
        "loss must be a loss object",
    ),
    # data helpers
    (nnlib.make_moons, (0,), {"rng": RNG(0)}, ValueError, "n must be at least 2, got 0. n counts"),
    (nnlib.make_moons, (1,), {"rng": RNG(0)}, ValueError, "n must be at least 2"),
    (nnlib.make_moons, (10**8,), {"rng": RNG(0)}, ValueError, "n must be at most 1,000,000"),
    (nnlib.make_moons, ("100",), {"rng": RNG(0)}, TypeError, "n must be a positive integer"),
    (nnlib.make_moons, (100,), {"rng": None}, TypeError, "rng must be a numpy.random.Generator"),
    (nnlib.make_moons, (100, "0.1"), {"rng": RNG(0)}, TypeError, "noise must be a single real"),
    (nnlib.make_moons, (100, -1.0), {"rng": RNG(0)}, ValueError, "noise is a standard deviation"),
    (nnlib.make_circles, (None,), {"rng": RNG(0)}, TypeError, "n must be a positive integer"),
    (nnlib.make_circles, (100,), {"factor": 1.5, "rng": RNG(0)}, ValueError, "factor"),
    (nnlib.make_circles, (100,), {"factor": None, "rng": RNG(0)}, TypeError, "factor must be"),
    (nnlib.make_circles, (10**9,), {"rng": RNG(0)}, ValueError, "n must be at most"),
    (nnlib.make_spirals, (100,), {"turns": 0, "rng": RNG(0)}, ValueError, "turns must be positive"),
    (nnlib.make_spirals, (100,), {"turns": "2", "rng": RNG(0)}, TypeError, "turns must be"),
    (nnlib.make_spirals, (-5,), {"rng": RNG(0)}, ValueError, "n must be at least 2"),
    (nnlib.make_xor, (10**7,), {"rng": RNG(0)}, ValueError, "n must be at most"),
    (nnlib.make_xor, (100, np.nan), {"rng": RNG(0)}, ValueError, "noise must be a finite"),
    (nnlib.make_slab, (100,), {"width": -1.0, "rng": RNG(0)}, ValueError, "width must be posit"),
    (nnlib.make_slab, (100,), {"width": None, "rng": RNG(0)}, TypeError, "width must be"),
    (nnlib.make_slab, (2.5,), {"rng": RNG(0)}, TypeError, "n must be a positive integer"),
    (nnlib.logic_gate, (None,), {}, TypeError, "name must be a gate's name as a string"),
    (nnlib.logic_gate, ("XNOR",), {}, ValueError, "Unknown logic gate 'XNOR'"),
    (nnlib.train_test_split, (X4, Y4, 0.0), {"rng": RNG(0)}, ValueError, "test_fraction is the"),
    (nnlib.train_test_split, (X4, Y4, 0.9), {"rng": RNG(0)}, ValueError, "no sample for train"),
    (nnlib.train_test_split, (X4, Y4, None), {"rng": RNG(0)}, TypeError, "test_fraction must be"),
    (nnlib.train_test_split, (X4, Y4[:3]), {"rng": RNG(0)}, ValueError, "one row per sample"),
    (nnlib.train_test_split, (X4, Y4), {"rng": None}, TypeError, "rng must be a numpy.random"),
    (nnlib.train_test_split, ([1.0, 2.0], Y4[:2]), {"rng": RNG(0)}, ValueError, "X must be 2-D"),
    # biology: spike times, dt and neuron=
    (nnlib.firing_rate, ([10.0, 5.0], 100.0), {}, ValueError, "spike_times must be strictly incr"),
    (nnlib.firing_rate, ([5.0, 5.0], 100.0), {}, ValueError, "spike_times must be strictly incr"),
    (nnlib.firing_rate, ("1, 2", 100.0), {}, TypeError, "spike_times must be numbers"),
    (nnlib.firing_rate, ([1.0], 0.0), {}, ValueError, "duration must be positive"),
    (nnlib.firing_rate, ([1.0], None), {}, TypeError, "duration must be a single real"),
    (nnlib.simulate_lif, (1.0,), {"dt": 0.0}, ValueError, "dt must be positive"),
    (nnlib.simulate_lif, (1.0,), {"dt": -0.1}, ValueError, "dt must be positive"),
    (nnlib.simulate_lif, (1.0,), {"dt": "0.1"}, TypeError, "dt must be a single real number"),
    (nnlib.simulate_lif, (1.0,), {"dt": 50.0}, ValueError, "dt must be much smaller"),
    (nnlib.simulate_lif, (1.0,), {"duration": 1e9}, ValueError, "duration / dt must be at most"),
    (nnlib.simulate_lif, (None,), {}, TypeError, "current must be a single real number"),
    (nnlib.simulate_lif, ([1.0, 2.0],), {}, ValueError, "current must have one value per time"),
    (nnlib.simulate_lif, (1.0,), {"tau_m": None}, TypeError, "tau_m must be a single real"),
    (nnlib.simulate_lif, (1.0,), {"v_threshold": -80.0}, ValueError, "v_threshold must be above"),
    (LIFNeuron, (), {"refractory": -1.0}, ValueError, "refractory must be zero or positive"),
    (LIFNeuron, (), {"resistance": 0.0}, ValueError, "resistance must be positive"),
    (LIFNeuron, (), {"v_rest": "x"}, TypeError, "v_rest must be a single real number"),
    (lambda: LIFNeuron().simulate(1.0, dt=0), (), {}, ValueError, "dt must be positive"),
    (lambda: LIFNeuron().rate("1"), (), {}, TypeError, "current must be a single real"),
    (nnlib.fi_curve, ([1.0],), {"neuron": "lif"}, TypeError, "neuron must be a LIFNeuron"),
    (nnlib.fi_curve, ([1.0],), {"neuron": Neuron([1.0])}, TypeError, "neuron must be a LIFNeuron"),
    (nnlib.fi_curve, ([1.0],), {"dt": 0.0}, ValueError, "dt must be positive"),
    (nnlib.fi_curve, (None,), {}, TypeError, "currents must contain only real numbers"),
    (nnlib.lif_rate, (None, 1.0), {}, TypeError, "neuron must be a LIFNeuron, got NoneType"),
    (nnlib.lif_rate, (LIFNeuron(), "2"), {}, TypeError, "current must be a single real"),
    (nnlib.lif_rate_analytic, (1.0,), {"tau": 10.0}, TypeError, "Unknown LIF parameter\\(s\\) tau"),
    (nnlib.lif_rate_analytic, (None,), {}, TypeError, "current must be a single real"),
    (nnlib.rheobase, (), {"resistance": -1.0}, ValueError, "resistance must be positive"),
    (nnlib.rheobase, (), {"R": 1.0}, TypeError, "Unknown LIF parameter\\(s\\) R"),
    # synapses
    (nnlib.poisson_spike_trains, ([10.0], 100.0, 0.0, RNG(0)), {}, ValueError, "dt must be posit"),
    (nnlib.poisson_spike_trains, ([-1.0], 100.0, 0.1, RNG(0)), {}, ValueError, "rates must be zer"),
    (nnlib.poisson_spike_trains, ([1e5], 100.0, 0.1, RNG(0)), {}, ValueError, "rates must satisfy"),
    (
        nnlib.poisson_spike_trains,
        (np.ones(10_000), 1e5, 0.01, RNG(0)),
        {},
        ValueError,
        "rates, duration and dt ask for .* spike entries",
    ),
    (nnlib.poisson_spike_trains, ([1.0], 100.0, 0.1, 7), {}, TypeError, "rng must be a numpy"),
    (
        nnlib.synaptic_current,
        (np.ones((5, 2)), [1.0, 1.0]),
        {"tau_syn": 5.0, "dt": 0.0},
        ValueError,
        "dt must be positive",
    ),
    (
        nnlib.synaptic_current,
        (np.ones((5, 2)), [1.0, 1.0]),
        {"tau_syn": 5.0, "dt": "0.1"},
        TypeError,
        "dt must be a single real",
    ),
    (
        nnlib.synaptic_current,
        ("spikes", [1.0]),
        {"tau_syn": 5.0, "dt": 0.1},
        TypeError,
        "spikes must be numbers",
    ),
    (
        nnlib.synaptic_current,
        (np.ones((5, 3)), [1.0]),
        {"tau_syn": 5.0, "dt": 0.1},
        ValueError,
        "spikes must have shape \\(n_steps, 1\\)",
    ),
    (
        nnlib.synaptic_current,
        (np.ones((5, 1)), [1.0]),
        {"tau_syn": 0.0, "dt": 0.1},
        ValueError,
        "tau_syn must be positive",
    ),
    (
        nnlib.simulate_synaptic_drive,
        ([1.0], [10.0]),
        {"rng": RNG(0), "neuron": "lif"},
        TypeError,
        "neuron must be a LIFNeuron",
    ),
    (
        nnlib.simulate_synaptic_drive,
        ([1.0], [10.0, 5.0]),
        {"rng": RNG(0)},
        ValueError,
        "weights and rates must have the same length",
    ),
    (
        nnlib.simulate_synaptic_drive,
        ([1.0], [10.0]),
        {"rng": RNG(0), "dt": -1.0},
        ValueError,
        "dt must be positive",
    ),
    (
        nnlib.simulate_synaptic_drive,
        ([1.0], [10.0]),
        {"rng": RNG(0), "tau_syn": None},
        TypeError,
        "tau_syn must be a single real",
    ),
    (nnlib.artificial_counterpart, ([1.0],), {"neuron": 3}, TypeError, "neuron must be a LIFNeur"),
    (nnlib.artificial_counterpart, (None,), {}, TypeError, "weights must contain only real"),
    (nnlib.artificial_counterpart, ([1.0],), {"activation": "x"}, ValueError, "Unknown activati"),
    # plasticity
    (nnlib.hebbian_update, ([1.0], [1.0], None), {}, TypeError, "post must be a single real"),
    (nnlib.hebbian_update, ([1.0], [1.0, 2.0], 1.0), {}, ValueError, "pre must have one value"),
    (nnlib.hebbian_update, ([1e300], [1e300], 1e300), {"lr": 1.0}, ValueError, "weights overflow"),
    (nnlib.oja_update, ("w", [1.0]), {}, TypeError, "weights must be numbers"),
    (nnlib.oja_update, ([1.0], [1.0]), {"lr": 0.0}, ValueError, "lr must be positive"),
    (
        nnlib.train_oja,
        (np.ones((5, 2)),),
        {"rng": RNG(0), "lr": 50.0},
        ValueError,
        "weights overflowed with lr=50",
    ),
    (
        nnlib.train_hebbian,
        (np.ones((5, 2)),),
        {"rng": RNG(0), "lr": 10.0, "epochs": 200},
        ValueError,
        "weights overflowed with lr=10",
    ),
    (
        nnlib.train_oja,
        (np.ones((5, 2)),),
        {"rng": RNG(0), "epochs": 0},
        ValueError,
        "epochs must be a positive integer, got 0. An epoch",
    ),
    (
        nnlib.train_oja,
        (np.ones((5, 2)),),
        {"rng": RNG(0), "epochs": 10**8},
        ValueError,
        "epochs must be at most|weights to keep in the history",
    ),
    (nnlib.train_oja, (np.ones((0, 2)),), {"rng": RNG(0)}, ValueError, "data is empty"),
    (
        nnlib.train_oja,
        (np.ones((5, 2)),),
        {"rng": RNG(0), "initial": [1.0]},
        ValueError,
        "initial must have shape \\(2,\\)",
    ),
    (nnlib.train_hebbian, (None,), {"rng": RNG(0)}, TypeError, "data must contain only real"),
    (nnlib.principal_component, (np.zeros((0, 3)),), {}, ValueError, "data is empty"),
    (nnlib.principal_component, ([1.0, 2.0],), {}, ValueError, "data must be 2-D"),
    # serialize and collapse
    (nnlib.state_dict_to_json, ([1, 2],), {}, TypeError, "state must be a dict"),
    (nnlib.state_dict_to_json, ({"w": "x"},), {}, TypeError, "state\\['w'\\] must be numbers"),
    (nnlib.state_dict_from_json, (None,), {}, TypeError, "text must be a string of JSON"),
    (nnlib.state_dict_from_json, ("",), {}, ValueError, "The JSON text is empty"),
    (nnlib.state_dict_from_json, ("[1]",), {}, ValueError, "The JSON must be an object"),
    (nnlib.state_dict_from_json, ("{",), {}, ValueError, "The text is not valid JSON"),
    (collapse_linear, (Sequential(Linear(2, 2), ReLU()),), {}, TypeError, "collapse_linear needs"),
    (collapse_linear, (Sequential(),), {}, ValueError, "at least one Linear layer"),
    # exercises
    (ex_terms.check_definitions, (["neuron"],), {}, TypeError, "answers must be a dict"),
    (ex_terms.check_trainable, (None,), {}, TypeError, "answer must be a list of part names"),
    (ex_terms.check_parameter_count, (4,), {"n_inputs": "3"}, TypeError, "n_inputs must be a pos"),
    (ex_terms.check_hidden_layers, (Linear(2, 1), 0), {}, TypeError, "model must be a Sequential"),
    (ex_single.check_gate, ("AND", [1.0], 0.0), {}, ValueError, "weights must be two numbers"),
    (ex_single.check_gate, ("NOT", [1.0, 1.0], 0.0), {}, ValueError, "Unknown gate 'NOT'"),
    (ex_single.check_gate, ("AND", [1.0, 1.0], None), {}, TypeError, "bias must be a single real"),
    (
        ex_single.check_firing_threshold,
        (1.0,),
        {"weight": 0.0, "bias": 1.0},
        ValueError,
        "weight must not be 0",
    ),
    (
        ex_single.check_firing_threshold,
        (1.0,),
        {"weight": None, "bias": 1.0},
        TypeError,
        "weight must be a single real",
    ),
    (
        ex_single.check_neuron_output,
        ("a",),
        {"weights": [1.0], "bias": 0.0, "inputs": [1.0]},
        TypeError,
        "answer must be a single real",
    ),
    (ex_single.MysteryNeuron, (0,), {}, ValueError, "n_inputs must be a positive integer"),
    (ex_single.MysteryNeuron, (10**9,), {}, ValueError, "n_inputs must be at most 100"),
    (ex_single.MysteryNeuron, ("3",), {}, TypeError, "n_inputs must be a positive integer"),
    (
        lambda: ex_single.MysteryNeuron(2, rng=RNG(0)).probe([1.0]),
        (),
        {},
        ValueError,
        "x must hold 2 numbers",
    ),
    (ex_act.check_slope, ("relu", None, 1.0), {}, TypeError, "z must be a single real number"),
    (ex_act.check_slope, ("relu", 1.0, "1"), {}, TypeError, "answer must be a single real"),
    (
        ex_act.check_collapsed,
        (Linear(2, 1), [1.0, 1.0], 0.0),
        {},
        TypeError,
        "model must be a Sequential of Linear layers",
    ),
    (ex_act.check_logic_network, (None,), {}, TypeError, "model must be an nnlib Module"),
    (ex_net.parameter_count, ([3],), {}, ValueError, "sizes must list at least two"),
    (ex_net.parameter_count, ([3, 0, 1],), {}, ValueError, r"sizes\[1\] must be a positive"),
    (ex_net.check_output_shape, ([3, 1], None, (1,)), {}, TypeError, "input_shape must be a shape"),
    (ex_net.check_output_shape, ([3, 1], ("a", 3), (1,)), {}, TypeError, r"input_shape\[0\] must"),
    (ex_net.check_output_shape, ([3, 1], (5, 2), (5, 1)), {}, ValueError, "input_shape must be"),
    (ex_net.check_x1_detector, (Linear(3, 1),), {}, TypeError, "model must be the explorer's"),
    (ex_bio.check_rheobase, (0.6,), {"neuron": "lif"}, TypeError, "neuron must be a LIFNeuron"),
    (ex_bio.check_rheobase, ("x",), {}, TypeError, "answer must be a single real number"),
    (ex_bio.spikes_for_case, ("E",), {}, ValueError, "name must be one of the cases A, B, C, D"),
    (ex_bio.check_will_spike, ([True],), {}, TypeError, "answers must be a dict"),
    (ex_bio.check_mystery_threshold, (None, 1.0), {}, TypeError, "mystery must be a MysteryNeur"),
    (lambda: ex_bio.MysteryNeuron(RNG(0)).probe("1"), (), {}, TypeError, "current must be a sin"),
    (ex_train.run_lr_task, (-1.0,), {}, ValueError, "lr \\(the learning rate\\) must be positive"),
    (nnlib.Bump, ("a", 0.5, 1.0), {}, TypeError, "Bump start must be a single real number"),
    (nnlib.Bump, (0.1, float("nan"), 1.0), {}, ValueError, "Bump end must be a finite number"),
    (nnlib.bump_network, ([], 10.0), {}, ValueError, "bumps must hold from 1 to 50,000 bumps"),
    (nnlib.bump_network, (None, 10.0), {}, TypeError, "bumps must be a list of Bump"),
    (nnlib.bump_network, ([(0.1, 0.2, 1.0)], 10.0), {}, TypeError, r"bumps\[0\] must be a Bump"),
    (nnlib.bump_network, ([BUMP], "x"), {}, TypeError, "steepness must be a single real number"),
    (nnlib.bump_network, ([BUMP], -1.0), {}, ValueError, "steepness must be above 0"),
    (nnlib.bumps_from_network, ("x",), {}, TypeError, "model must be an nnlib network"),
    (nnlib.bumps_from_network, (Linear(2, 3),), {}, ValueError, "Expected a 1-N-1 network"),
    (nnlib.sum_of_bumps, ("abc", [BUMP], 1.0), {}, TypeError, "x must be numbers"),
    (nnlib.sum_of_bumps, ([0.1], [BUMP], float("nan")), {}, ValueError, "steepness must be a fin"),
    (nnlib.sum_of_bumps, ([0.1], BUMP, 10.0), {}, TypeError, "bumps must be a list of Bump"),
    (nnlib.tower_network, ((1.0, 0.0), (0.0, 1.0)), TOWER, ValueError, "x1 must run from low to"),
    (nnlib.tower_network, (None, (0.0, 1.0)), TOWER, TypeError, r"x1 must be a pair \(low, high\)"),
    (nnlib.tower_network, ((0.0, 1.0), (0.0, "b")), TOWER, TypeError, r"x2\[1\] must be a single"),
    (nnlib.tower_network, ((0.0, 1.0), (0.0, 1.0)), {"steepness": 0.0}, ValueError, "steepness mu"),
]


def case_id(index: int, case: Case) -> str:
    name = getattr(case[0], "__qualname__", type(case[0]).__name__).replace("<lambda>", "lambda")
    return f"{index}-{name}-{case[4][:30]}"


@pytest.mark.parametrize(
    ("fn", "args", "kwargs", "error", "pattern"),
    CASES,
    ids=[case_id(index, case) for index, case in enumerate(CASES)],
)
def test_bad_input_is_refused_with_a_message(
    fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception], pattern: str
) -> None:
    with pytest.raises(Exception) as info:
        fn(*args, **kwargs)
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    assert re.search(pattern, str(info.value)), f"{pattern!r} not in {str(info.value)!r}"


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 150


COVERED_ELSEWHERE = {  # names that take no bad input of their own
    "ACTIVATIONS", "Explanation", "History", "LIFResult", "SynapticRun", "Trace", "TraceStep",
    "TrainingDiverged", "Module", "Optimizer", "Loss", "Identity", "Step", "Tanh",
}  # fmt: skip


def test_every_public_name_has_a_row() -> None:
    """A public function or class added to nnlib without a bad-input row fails here."""
    tested = {getattr(case[0], "__name__", type(case[0]).__name__) for case in CASES}
    tested |= {type(case[0]).__name__ for case in CASES}
    sources = "\n".join(inspect.getsource(case[0]) for case in CASES if _has_source(case[0]))
    missing = [
        name
        for name in nnlib.__all__
        if name not in COVERED_ELSEWHERE and name not in tested and f"{name}(" not in sources
    ]
    assert not missing, f"no bad-input case for {missing}"


def _has_source(fn: Any) -> bool:
    try:
        inspect.getsource(fn)
    except (TypeError, OSError):
        return False
    return True


@pytest.mark.parametrize("lr", [5.0, 50.0, 1e3])
def test_plasticity_overflow_raises_no_runtime_warning_first(lr: float) -> None:
    """pytest makes RuntimeWarnings errors, so reaching the ValueError proves there were none."""
    data = RNG(1).normal(size=(20, 3)) * 5
    for train in (nnlib.train_hebbian, nnlib.train_oja):
        with pytest.raises(ValueError, match=f"weights overflowed with lr={lr:g}"):
            train(data, rng=RNG(0), lr=lr, epochs=50)


def test_a_callback_that_is_not_callable_leaves_the_model_unchanged() -> None:
    net = model()
    before = net.state_dict()
    with pytest.raises(TypeError, match="callback must be a function"):
        nnlib.fit(net, X4, Y4, loss=BCELoss(), optimizer=SGD(net.parameters(), 0.1), epochs=3,
                  callback="print")  # fmt: skip
    for key, value in net.state_dict().items():
        np.testing.assert_array_equal(value, before[key])


def test_loss_surface_with_bad_data_leaves_the_parameters_unchanged() -> None:
    neuron = Neuron([0.3, -0.2], 0.1)
    with pytest.raises(ValueError, match="BCELoss target must lie"):
        nnlib.loss_surface(neuron, X4, 3 * Y4.ravel(), BCELoss(), (neuron.weight, 0),
                           (neuron.weight, 1), ([0.0, 1.0], [0.0, 1.0]))  # fmt: skip
    np.testing.assert_array_equal(neuron.weight.data, [0.3, -0.2])


def test_simulate_synaptic_drive_checks_before_drawing_from_rng() -> None:
    rng, reference = RNG(5), RNG(5)
    with pytest.raises(TypeError, match="neuron must be a LIFNeuron"):
        synapses.simulate_synaptic_drive([1.0], [10.0], rng=rng, neuron="lif")  # type: ignore[arg-type]
    assert rng.random() == reference.random()


def test_oja_update_keeps_working_for_ordinary_rates() -> None:
    w = plasticity.oja_update([1.0, 0.0], [0.5, 0.5], lr=0.1)
    np.testing.assert_allclose(w, [1.0 + 0.1 * 0.5 * (0.5 - 0.5), 0.1 * 0.5 * 0.5])
