"""Self-checks for notebook 03: slopes of activations, collapsing linear layers, XOR by hand."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnlib import activations
from nnlib.collapse import collapse_linear
from nnlib.exercises.feedback import Feedback
from nnlib.exercises.single_neuron import BINARY_INPUTS, TOLERANCE, gate_targets
from nnlib.layers import Identity, Linear
from nnlib.module import Module
from nnlib.neuron import format_number
from nnlib.sequential import Sequential
from nnlib.validation import as_float, as_float_array

_SLOPE_HINTS = {
    "sigmoid": "σ'(z) = σ(z)·(1 − σ(z)): compute σ(z) first.",
    "tanh": "tanh'(z) = 1 − tanh(z)²: compute tanh(z) first.",
    "relu": "ReLU'(z) is 1 for z > 0 and 0 otherwise.",
    "leaky_relu": "LeakyReLU'(z) is 1 for z > 0 and the small slope (0.01) otherwise.",
    "step": "The step is flat on both sides of 0.",
    "identity": "id(z) = z rises by exactly 1 for each 1 that z rises.",
}


def check_slope(name: str, z: float, answer: Any) -> Feedback:
    """Is `answer` the derivative f'(z) of the activation `name`?"""
    spec = activations.get_spec(name)
    value = as_float(answer, "answer")
    z = as_float(z, "z")
    expected = float(spec.grad(z))
    where = f"{spec.symbol}'({format_number(z)})"
    if abs(value - expected) <= TOLERANCE:
        return Feedback.right(f"{where} = {format_number(expected)}.")
    if abs(value - float(spec.fn(z))) <= TOLERANCE:
        hint = f"That is the value {spec.symbol}({format_number(z)}), not the slope there."
    else:
        hint = _SLOPE_HINTS[spec.name]
    return Feedback.wrong(f"{format_number(value)} is not {where}.", hint)


def check_collapsed(model: Sequential, weight: Any, bias: Any) -> Feedback:
    """Are (weight, bias) the single Linear layer that `model` (Linear layers only) equals?"""
    if not isinstance(model, Sequential):
        raise TypeError(
            f"model must be a Sequential of Linear layers, got {type(model).__name__}. Pass the "
            f"stacked network, e.g. Sequential(Linear(2, 3), Linear(3, 1))."
        )
    target = collapse_linear(model)
    w = as_float_array(weight, "weight", ndim=(1, 2))
    b = as_float_array(bias, "bias", ndim=(0, 1)).reshape(-1)
    w = w.reshape(1, -1) if w.ndim == 1 else w
    layers = [m for m in model if isinstance(m, Linear)]
    if w.shape != target.weight.shape:
        return Feedback.wrong(
            f"The weight has shape {w.shape}, but it must be {target.weight.shape}.",
            "Multiply in the order W2 @ W1: the first layer acts first, so it stands on the right.",
        )
    if not np.allclose(w, target.weight.data, atol=TOLERANCE):
        return Feedback.wrong(
            "The weight is not right yet.",
            "Multiply in the order W2 @ W1: the first layer acts first, so it stands on the right.",
        )
    if np.allclose(b, target.bias.data, atol=TOLERANCE):
        return Feedback.right("One Linear layer with this weight and bias gives the same outputs.")
    if len(layers) == 2 and np.allclose(b, layers[1].bias.data, atol=TOLERANCE):
        hint = "The first bias passes through the second layer too: b = W2 @ b1 + b2."
    else:
        hint = "Write W2(W1·x + b1) + b2 out and collect what does not multiply x."
    return Feedback.wrong("The weight is right; the bias is not yet.", hint)


def _is_linear_only(model: Module) -> bool:
    modules = list(model) if isinstance(model, Sequential) else [model]
    return all(isinstance(m, (Linear, Identity)) for m in modules)


# With hidden units OR and AND, XOR is "OR on and AND off"; its opposite, XNOR, is "OR off, or
# AND on" (AND on without OR on never happens, so no input needs both).
_LOGIC_HINTS = {
    "XOR": "Let one hidden unit compute OR and another AND, then make the output fire when the "
    "OR unit is on and the AND unit is off: a positive weight from OR, a negative one from AND.",
    "XNOR": "Keep the OR and AND hidden units, and make the output fire when the OR unit is off, "
    "or the AND unit is on: a negative weight from OR, a positive one from AND, and a bias that "
    "fires when both are off.",
}


def check_logic_network(model: Module, gate: str = "XOR") -> Feedback:
    """Does `model`, fed (0,0), (0,1), (1,0), (1,1), compute `gate` (output ≥ 0.5 counts as 1)?"""
    targets = gate_targets(gate)
    name = str(gate).strip().upper()
    if not isinstance(model, Module):
        raise TypeError(
            f"model must be an nnlib Module such as Sequential(Linear(2, 2), Step(), "
            f"Linear(2, 1), Step()), got {type(model).__name__}."
        )
    if _is_linear_only(model):
        return Feedback.wrong(
            "Your network has no activation between its layers, so it is one linear neuron.",
            f"A single linear unit cannot compute {name}: put an activation such as Step() or "
            f"Sigmoid() after the hidden Linear layer.",
        )
    try:
        outputs = np.asarray(model(BINARY_INPUTS), dtype=np.float64).reshape(4, -1)
    except ValueError as error:
        return Feedback.wrong(
            f"The network could not take the four inputs: {error}",
            "It must take 2 inputs and give 1 output, e.g. Linear(2, 2), Step(), Linear(2, 1), "
            "Step().",
        )
    fired = tuple(int(v >= 0.5) for v in outputs[:, 0])
    if fired == targets:
        return Feedback.right(f"Your network computes {name}: {fired} for (0,0) … (1,1).")
    wrong = [
        str(tuple(int(v) for v in BINARY_INPUTS[i])) for i in range(4) if fired[i] != targets[i]
    ]
    return Feedback.wrong(
        f"Outputs {fired}, but {name} needs {targets}; wrong for {', '.join(wrong)}.",
        _LOGIC_HINTS.get(name, _LOGIC_HINTS["XOR"]),
    )
