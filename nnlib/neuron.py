"""One artificial neuron, a = f(w·x + b), that can explain its own arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from nnlib import activations
from nnlib.module import Module, Parameter, check_backward_ready
from nnlib.validation import FloatArray, as_float, as_float_array


def format_number(value: float, decimals: int = 3) -> str:
    """0.5 → '0.5', 1 → '1.0', −0.4 → '−0.4' (a true minus sign), 0.40131 → '0.401'."""
    text = f"{value:.{decimals}f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    text = "0.0" if text in ("-0.0", "-0") else text
    return text.replace("-", "−")


def _factor(value: float) -> str:
    """A number as a factor in a product: negatives go in brackets, as in (−1.0)·2.0."""
    text = format_number(value)
    return f"({text})" if text.startswith("−") else text


@dataclass(frozen=True)
class Explanation:
    """The arithmetic of one neuron on one input: terms w_i·x_i, the sum z and the output a."""

    inputs: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    activation: str
    z: float
    a: float

    @property
    def terms(self) -> tuple[float, ...]:
        return tuple(w * x for w, x in zip(self.weights, self.inputs, strict=True))

    @property
    def symbol(self) -> str:
        return activations.get_spec(self.activation).symbol

    def _bias_text(self) -> str:
        sign = "−" if self.bias < 0 else "+"
        return f"{sign} {format_number(abs(self.bias))}"

    def __str__(self) -> str:
        products = " + ".join(
            f"{_factor(w)}·{_factor(x)}" for w, x in zip(self.weights, self.inputs, strict=True)
        )
        z, a = format_number(self.z), format_number(self.a)
        return f"{products} {self._bias_text()} = {z} → {self.symbol}({z}) = {a}"

    def _repr_html_(self) -> str:
        return f'<code class="nnlib-explanation">{self}</code>'

    def _repr_latex_(self) -> str:
        products = " + ".join(
            f"{_factor(w)} \\cdot {_factor(x)}"
            for w, x in zip(self.weights, self.inputs, strict=True)
        )
        z = format_number(self.z)
        latex = activations.get_spec(self.activation).latex
        text = (
            f"{products} {self._bias_text()} = {z} \\rightarrow {latex}({z}) = "
            f"{format_number(self.a)}"
        )
        return "$" + text.replace("−", "-") + "$"


class Neuron(Module):
    """a = f(w·x + b) for one input vector x: (n,) → float, or a batch X: (m, n) → (m,)."""

    def __init__(self, weights: Any, bias: Any = 0.0, activation: str = "sigmoid") -> None:
        self.weight = Parameter(as_float_array(weights, "weights", ndim=(1,)), "weights")
        if self.weight.size == 0:
            raise ValueError(
                "weights must hold at least one number, got an empty list. "
                "Give one weight per input, e.g. Neuron([0.5, -1.0], bias=0.1)."
            )
        self.bias = Parameter(as_float(bias, "bias"), "bias")
        self.activation = activation
        self._z: FloatArray | None = None
        self._input: FloatArray | None = None

    @property
    def activation(self) -> str:
        return self._activation

    @activation.setter
    def activation(self, name: str) -> None:
        self._activation = activations.get_spec(name).name

    @property
    def n_inputs(self) -> int:
        return int(self.weight.data.size)

    def _check_input(self, x: Any) -> FloatArray:
        inputs = as_float_array(x, "x")
        if inputs.shape[-1] != self.n_inputs:
            raise ValueError(
                f"x must have {self.n_inputs} features, one per weight (shape ({self.n_inputs},) "
                f"or (m, {self.n_inputs})), got shape {inputs.shape}. Give one number per input."
            )
        return inputs

    def pre_activation(self, x: Any) -> Any:
        """z = w·x + b, the weighted sum before the activation."""
        return self._check_input(x) @ self.weight.data + self.bias.data

    def forward(self, x: Any) -> Any:
        self._input = self._check_input(x)
        self._z = np.asarray(self._input @ self.weight.data + self.bias.data)
        a = activations.get_spec(self.activation).fn(self._z)
        return float(a) if a.ndim == 0 else a

    def backward(self, grad_output: Any) -> FloatArray:
        """dLda (scalar or (m,)) → dLdx; adds dLdw and dLdb into the parameters' .grad."""
        dLda = check_backward_ready(self, self._z, grad_output)
        assert self._input is not None and self._z is not None
        dLdz = dLda * activations.get_spec(self.activation).grad(self._z)
        self.weight.grad += dLdz @ self._input if dLdz.ndim else dLdz * self._input
        self.bias.grad += dLdz.sum()
        return np.multiply.outer(dLdz, self.weight.data)

    def explain(self, x: Any) -> Explanation:
        """The computation on one input vector, term by term, to print or display."""
        inputs = self._check_input(x)
        if inputs.ndim != 1:
            raise ValueError(
                f"explain() takes one input vector of shape ({self.n_inputs},), got shape "
                f"{inputs.shape}. Call it once per sample, e.g. neuron.explain(X[0])."
            )
        z = float(inputs @ self.weight.data + self.bias.data)
        a = float(activations.get_spec(self.activation).fn(z))
        weights = tuple(float(w) for w in self.weight.data)
        return Explanation(
            tuple(float(v) for v in inputs), weights, float(self.bias.data), self.activation, z, a
        )

    def extra_repr(self) -> str:
        weights = [float(w) for w in self.weight.data]
        return f"weights={weights}, bias={float(self.bias.data)}, activation={self.activation!r}"
