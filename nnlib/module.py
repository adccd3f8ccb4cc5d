"""`Parameter` and the `Module` base class, after torch.nn.Module.

A Module registers what it is given as it is given it: assigning a `Parameter` or another
`Module` to an attribute (`self.weight = Parameter(...)`, `self.encoder = Linear(...)`) records
it under that name, as in torch. `named_parameters`, `parameters`, `state_dict` and
`load_state_dict` then work for every module from these records, with torch's key names:
"weight", "bias" for a Linear, "0.weight", "0.bias", "2.weight", … for a Sequential.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from nnlib.validation import FloatArray, as_float_array


class Parameter:
    """A trainable array: `.data` holds the values, `.grad` accumulates dLoss/d(data)."""

    def __init__(self, data: Any, name: str = "parameter") -> None:
        self.data: FloatArray = as_float_array(data, name, ndim=(0, 1, 2)).copy()
        self.grad: FloatArray = np.zeros_like(self.data)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def size(self) -> int:
        return int(self.data.size)

    def __repr__(self) -> str:
        return f"Parameter(shape={self.shape}, data={np.array2string(self.data, precision=4)})"


class Module:
    """Base class: subclasses define `forward` and `backward`, and assign their parameters.

    `label` names the module in error messages; `Sequential` sets it to "layer i".

    Besides the checked `forward`/`backward`, every module has an unchecked pair for values that
    are already validated float64 arrays: `forward_unchecked(x)` and
    `backward_unchecked(grad, overwrite=False, input_grad=True)`. Sequential checks its input
    and gradient once and then calls these between layers, and `fit` calls them on every step
    after the first, so checks run once rather than once per layer and step. They assume what
    the checked pair verifies (finite float64 arrays of the right shapes); given anything else
    their result is undefined. A module without a faster version falls back to the checked one.
    """

    label: str = ""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, (Parameter, Module)):
            self._forget(name)
            parameters, children = self._registries()
            if isinstance(value, Parameter):
                parameters[name] = value
            else:
                children[name] = value
        else:  # the common case, on every forward pass: a plain value under an unrecorded name
            state = self.__dict__
            if name in state.get("_parameters", ()) or name in state.get("_children", ()):
                self._forget(name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        self._forget(name)
        object.__delattr__(self, name)

    def _forget(self, name: str) -> None:
        parameters, children = self._registries()
        parameters.pop(name, None)
        children.pop(name, None)

    def _registries(self) -> tuple[dict[str, Parameter], dict[str, Module]]:
        # Made on first use, so a subclass works even if its __init__ skips super().__init__().
        state = self.__dict__
        return state.setdefault("_parameters", {}), state.setdefault("_children", {})

    def register_parameter(self, name: str, param: Parameter) -> None:
        """Record `param` under `name`, as assigning self.<name> = param does."""
        if not isinstance(param, Parameter):
            raise TypeError(
                f"param must be an nnlib Parameter, got {type(param).__name__}. "
                f"Wrap the array first: Parameter(values)."
            )
        setattr(self, _checked_name(name), param)

    def add_module(self, name: str, module: Module) -> None:
        """Record `module` as a child under `name`, as assigning self.<name> = module does."""
        if not isinstance(module, Module):
            raise TypeError(
                f"module must be an nnlib Module such as Linear(3, 4), got {type(module).__name__}."
            )
        setattr(self, _checked_name(name), module)

    def forward(self, x: Any) -> FloatArray:
        raise NotImplementedError

    def backward(self, grad_output: Any) -> FloatArray:
        raise NotImplementedError

    def __call__(self, x: Any) -> FloatArray:
        return self.forward(x)

    def forward_unchecked(self, x: FloatArray) -> FloatArray:
        """forward(x) for a finite float64 array of the right shape, without checking it."""
        return self.forward(x)

    def backward_unchecked(
        self, grad: FloatArray, overwrite: bool = False, input_grad: bool = True
    ) -> FloatArray:
        """backward(grad) for a finite float64 array shaped like the last output, unchecked.

        overwrite=True stores this pass's gradients in .grad instead of adding to them, which is
        zero_grad() and backward() in one go. input_grad=False lets a module skip computing
        dLoss/dx, which training never uses; what it returns is then meaningless.
        """
        if overwrite:
            self.zero_grad()
        return self.backward(grad)

    def named_children(self) -> Iterator[tuple[str, Module]]:
        """(name, module) for each sub-module, in the order they were assigned."""
        yield from self._registries()[1].items()

    def children(self) -> list[Module]:
        return [child for _, child in self.named_children()]

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Parameter]]:
        """(name, parameter) pairs with torch's names: this module's own, then each child's.

        A parameter shared by two modules is listed once, under its first name, as in torch.
        """
        seen: set[int] = set()
        for name, param in self._all_parameters(prefix):
            if id(param) not in seen:
                seen.add(id(param))
                yield name, param

    def _all_parameters(self, prefix: str) -> Iterator[tuple[str, Parameter]]:
        parameters, children = self._registries()
        for name, param in parameters.items():
            yield prefix + name, param
        for name, child in children.items():
            yield from child._all_parameters(f"{prefix}{name}.")

    def parameters(self) -> list[Parameter]:
        return [p for _, p in self.named_parameters()]

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad.fill(0.0)

    def num_parameters(self) -> int:
        """How many numbers training can change: the weights plus the biases."""
        return sum(p.size for p in self.parameters())

    def state_dict(self) -> dict[str, FloatArray]:
        """Copies of every parameter under torch's keys: 'weight', 'bias'; '0.weight', …"""
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

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.extra_repr()})"

    def location(self) -> str:
        """How error messages name this module, e.g. "layer 0 (Linear(in_features=3, ...))"."""
        return f"{self.label} ({self!r})" if self.label else repr(self)


def _checked_name(name: Any) -> str:
    if not isinstance(name, str) or not name or "." in name:
        raise ValueError(
            f"name must be a non-empty string without dots, got {name!r}. Dots separate the "
            f"parts of state_dict() keys, as in '0.weight'; use e.g. 'hidden'."
        )
    return name


def _check_keys(given: set[Any], expected: set[str]) -> None:
    missing, extra = sorted(expected - given), sorted(map(str, given - expected))
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


def check_backward_ready(module: Module, cached: FloatArray | None, grad_output: Any) -> FloatArray:
    """Validate a gradient arriving in `backward` against the output of the last `forward`."""
    if cached is None:
        raise ValueError(
            f"{module.location()}: backward() was called before forward(). "
            f"Run a forward pass first (out = model(x)), then call backward."
        )
    grad = as_float_array(grad_output, "grad_output", ndim=(0, 1, 2), copy=False)
    if grad.shape != cached.shape:
        raise ValueError(
            f"{module.location()}: grad_output must have the shape of the last output, "
            f"{cached.shape}, got {grad.shape}. Pass dLoss/d(output) for the same batch."
        )
    return grad
