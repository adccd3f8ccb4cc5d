"""`Sequential`: modules applied one after another, with a layer-by-layer trace for teaching.

`mlp` builds the usual Sequential classifier from a list of layer sizes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from nnlib.layers import Linear, Sigmoid, activation_module
from nnlib.module import Module
from nnlib.validation import FloatArray, as_float_array, check_rng, check_sizes


@dataclass(frozen=True)
class TraceStep:
    """What one module did: its index, the module itself and the value it produced."""

    index: int
    module: Module
    output: FloatArray


@dataclass(frozen=True)
class Trace:
    """Every intermediate value of one forward pass, layer by layer."""

    input: FloatArray
    steps: tuple[TraceStep, ...]

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: int) -> TraceStep:
        return self.steps[index]

    def __iter__(self) -> Iterator[TraceStep]:
        return iter(self.steps)

    @property
    def output(self) -> FloatArray:
        return self.steps[-1].output if self.steps else self.input

    def __str__(self) -> str:
        rows = [f"input: {_fmt(self.input)}"]
        rows += [f"({s.index}) {s.module!r} → {_fmt(s.output)}" for s in self.steps]
        return "\n".join(rows)

    def _repr_html_(self) -> str:
        cells = [("input", "", self.input)] + [
            (f"({s.index})", repr(s.module), s.output) for s in self.steps
        ]
        rows = "".join(
            f"<tr><td>{i}</td><td><code>{m}</code></td><td><code>{_fmt(v)}</code></td></tr>"
            for i, m, v in cells
        )
        head = "<tr><th>step</th><th>module</th><th>value</th></tr>"
        return f"<table>{head}{rows}</table>"


def _fmt(value: FloatArray) -> str:
    return np.array2string(value, precision=4, suppress_small=True, separator=", ")


class Sequential(Module):
    """Applies modules in order: Sequential(Linear(3, 4), Sigmoid(), Linear(4, 1))."""

    def __init__(self, *modules: Module) -> None:
        if len(modules) == 1 and isinstance(modules[0], (list, tuple)):
            raise TypeError(
                "Sequential takes the modules as separate arguments, got one "
                f"{type(modules[0]).__name__}. Write Sequential(a, b, c), or Sequential(*layers) "
                "to unpack a list, as in torch.nn.Sequential."
            )
        for index, module in enumerate(modules):
            if not isinstance(module, Module):
                raise TypeError(
                    f"Sequential argument {index} must be an nnlib module such as Linear(3, 4) "
                    f"or Sigmoid(), got {type(module).__name__} {module!r}."
                )
            module.label = f"layer {index}"
            self.add_module(str(index), module)  # named as in torch: state_dict keys "0.weight"
        # The same modules in order, for the passes: faster to walk than the registry.
        self.modules: tuple[Module, ...] = modules

    def __len__(self) -> int:
        return len(self.modules)

    def __getitem__(self, index: int) -> Module:
        return self.modules[index]

    def __iter__(self) -> Iterator[Module]:
        return iter(self.modules)

    def forward(self, x: Any) -> FloatArray:
        out = self.forward_unchecked(as_float_array(x, "input to Sequential", copy=False))
        if not np.isfinite(out).all():
            self._explain_non_finite(as_float_array(x, "input to Sequential"))
        return out

    def forward_unchecked(self, x: FloatArray) -> FloatArray:
        for module in self.modules:
            x = module.forward_unchecked(x)
        return x

    def backward(self, grad_output: Any) -> FloatArray:
        """Chain rule from the last module to the first; returns dLoss/d(input)."""
        if not self.modules:
            return as_float_array(grad_output, "grad_output", ndim=(0, 1, 2))
        *earlier, last = self.modules
        grad = last.backward(grad_output)  # checks the gradient once, against the last output
        for module in reversed(earlier):
            grad = module.backward_unchecked(grad)
        return grad

    def backward_unchecked(
        self, grad: FloatArray, overwrite: bool = False, input_grad: bool = True
    ) -> FloatArray:
        for index in range(len(self.modules) - 1, -1, -1):
            grad = self.modules[index].backward_unchecked(grad, overwrite, input_grad or index > 0)
        return grad

    def _explain_non_finite(self, x: FloatArray) -> None:
        """Name the first layer whose output stopped being finite, and its parameters' state."""
        for index, module in enumerate(self.modules):
            x = module.forward_unchecked(x)
            if not np.isfinite(x).all():
                bad = [n for n, p in module.named_parameters() if not np.isfinite(p.data).all()]
                cause = f"its {' and '.join(bad)} hold NaN or inf" if bad else "values overflowed"
                raise ValueError(
                    f"layer {index} ({module!r}) produced NaN or inf: {cause}. Check the "
                    f"parameters (model.state_dict()), or lower the learning rate if training "
                    f"made them explode."
                )

    def trace(self, x: Any) -> Trace:
        """Run a forward pass and keep every module's output, for inspecting layer by layer."""
        inputs = as_float_array(x, "input to Sequential")
        value, steps = inputs, []
        for index, module in enumerate(self.modules):
            value = module(value)
            steps.append(TraceStep(index, module, value))
        return Trace(inputs, tuple(steps))

    def __repr__(self) -> str:
        lines = [f"  ({i}): {module!r}" for i, module in enumerate(self.modules)]
        return "Sequential(\n" + "\n".join(lines) + "\n)" if lines else "Sequential()"


def mlp(sizes: Sequence[int], activation: str = "tanh", *, rng: np.random.Generator) -> Sequential:
    """A classifier: Linear layers of the given sizes, `activation` between them, Sigmoid last.

    mlp([2, 16, 16, 1], "relu", rng=rng) is micrograd's demo network with a probability output.
    """
    widths = check_sizes(sizes)
    generator = check_rng(rng)
    hidden = activation_module(activation)  # an unknown name is refused before any layer is made
    layers: list[Module] = []
    for index, (n_in, n_out) in enumerate(pairwise(widths)):
        layers.append(Linear(n_in, n_out, rng=generator))
        last = index == len(widths) - 2
        layers.append(
            Sigmoid() if last else hidden if index == 0 else activation_module(activation)
        )
    return Sequential(*layers)
