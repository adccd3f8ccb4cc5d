"""`Sequential`: modules applied one after another, with a layer-by-layer trace for teaching."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnlib.module import Module, Parameter
from nnlib.validation import FloatArray, as_float_array


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
        self.modules: tuple[Module, ...] = modules

    def __len__(self) -> int:
        return len(self.modules)

    def __getitem__(self, index: int) -> Module:
        return self.modules[index]

    def __iter__(self) -> Iterator[Module]:
        return iter(self.modules)

    def forward(self, x: Any) -> FloatArray:
        out = self._forward(as_float_array(x, "input to Sequential", copy=False))
        if not np.isfinite(out).all():
            self._explain_non_finite(as_float_array(x, "input to Sequential"))
        return out

    def _forward(self, x: FloatArray) -> FloatArray:
        for module in self.modules:
            x = module._forward(x)
        return x

    def backward(self, grad_output: Any) -> FloatArray:
        """Chain rule from the last module to the first; returns dLoss/d(input)."""
        if not self.modules:
            return as_float_array(grad_output, "grad_output", ndim=(0, 1, 2))
        *earlier, last = self.modules
        grad = last.backward(grad_output)  # checks the gradient once, against the last output
        for module in reversed(earlier):
            grad = module._backward(grad)
        return grad

    def _backward(
        self, grad: FloatArray, overwrite: bool = False, input_grad: bool = True
    ) -> FloatArray:
        for index in range(len(self.modules) - 1, -1, -1):
            grad = self.modules[index]._backward(grad, overwrite, input_grad or index > 0)
        return grad

    def _explain_non_finite(self, x: FloatArray) -> None:
        """Name the first layer whose output stopped being finite, and its parameters' state."""
        for index, module in enumerate(self.modules):
            x = module._forward(x)
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

    def named_parameters(self) -> Iterator[tuple[str, Parameter]]:
        for index, module in enumerate(self.modules):
            for name, param in module.named_parameters():
                yield f"{index}.{name}", param

    def parameters(self) -> list[Parameter]:
        return [p for module in self.modules for p in module.parameters()]  # no names to format

    def state_dict(self) -> dict[str, FloatArray]:
        """Copies of every parameter under torch's keys: '0.weight', '0.bias', '2.weight', …"""
        return {name: param.data.copy() for name, param in self.named_parameters()}

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        """Set every parameter from `state`; all keys and shapes are checked before any change."""
        if not isinstance(state, Mapping):
            raise TypeError(
                f"state must be a dict from names like '0.weight' to arrays, got "
                f"{type(state).__name__}. Use the dict that state_dict() returns."
            )
        params = dict(self.named_parameters())
        _check_keys(set(state), set(params))
        new_values = {name: _checked_value(name, state[name], p) for name, p in params.items()}
        for name, value in new_values.items():
            params[name].data[...] = value

    def __repr__(self) -> str:
        lines = [f"  ({i}): {module!r}" for i, module in enumerate(self.modules)]
        return "Sequential(\n" + "\n".join(lines) + "\n)" if lines else "Sequential()"


def _check_keys(given: set[str], expected: set[str]) -> None:
    missing, extra = sorted(expected - given), sorted(given - expected)
    if missing or extra:
        raise ValueError(
            f"load_state_dict: the keys do not match this model. "
            f"Missing keys: {missing or 'none'}; unexpected keys: {extra or 'none'}. "
            f"Expected exactly {sorted(expected)}; use a state_dict() saved from a model "
            f"with the same layers."
        )


def _checked_value(name: str, value: Any, param: Parameter) -> FloatArray:
    array = as_float_array(value, f"state[{name!r}]", ndim=(0, 1, 2))
    if array.shape != param.shape:
        raise ValueError(
            f"load_state_dict: {name!r} must have shape {param.shape}, got {array.shape}. "
            f"The saved model's layer sizes differ from this one's."
        )
    return array
