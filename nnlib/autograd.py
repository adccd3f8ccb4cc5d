"""`Value`: one number that remembers how it was computed, so it can find its own gradients.

Each step between Values makes a new Value that keeps its inputs and, for each input, the local
derivative ∂(result)/∂(input) at the numbers it saw: a graph. `loss.backward()` walks it from
the loss back to the leaves with the chain rule, as PyTorch's autograd does, one number at a time.

Rules: a Value holds exactly one real number (float64), so every graph is scalar; a string, None
or an array of several numbers raises TypeError. `backward()` starts at its Value with grad 1,
needs a finite value there (ValueError otherwise) and sets every `.grad` in the graph afresh (no
zero_grad needed). log of a number ≤ 0, division by 0, overflow in exp and powers without a real
derivative raise ValueError where they happen.
"""

from __future__ import annotations

import html
import math
from typing import Any, TypeAlias

Operand: TypeAlias = "Value | float"


def _as_number(data: Any, what: str) -> float:
    if isinstance(data, bool) or not hasattr(data, "__float__"):
        raise TypeError(
            f"{what} must be a real number such as 0.5, got {type(data).__name__} {data!r}. "
            f"A Value holds one number; for many numbers make one Value each."
        )
    if getattr(data, "size", 1) != 1:
        raise TypeError(
            f"{what} must be one number, got an array of shape {data.shape}: a Value is a "
            f"scalar. Make one Value per number, e.g. [Value(v) for v in array.ravel()], and "
            f"add them up with sum(...) if you need one output."
        )
    return float(data)


class Value:
    """A scalar in a computation graph: `.data`, `.grad` (∂root/∂self after backward), `.label`.

    `.inputs` are the Values it was computed from, `.local_grads` the derivative of this Value
    with respect to each of them, and `.op` names the step ('+', '×', 'tanh', '**2', …).
    """

    def __init__(self, data: Any, label: str = "") -> None:
        self.data = _as_number(data, "data")
        self.grad = 0.0
        self.label = label
        self.inputs: tuple[Value, ...] = ()
        self.local_grads: tuple[float, ...] = ()
        self.op = ""

    def _then(self, data: float, op: str, *pairs: tuple[Value, float]) -> Value:
        """A new Value computed by `op` from each input with its local derivative."""
        out = Value(data)
        out.inputs, out.local_grads = tuple(v for v, _ in pairs), tuple(g for _, g in pairs)
        out.op = op
        return out

    @staticmethod
    def _wrap(other: Operand) -> Value:
        return other if isinstance(other, Value) else Value(_as_number(other, "operand"))

    def __add__(self, other: Operand) -> Value:
        b = self._wrap(other)
        return self._then(self.data + b.data, "+", (self, 1.0), (b, 1.0))

    def __sub__(self, other: Operand) -> Value:
        b = self._wrap(other)
        return self._then(self.data - b.data, "−", (self, 1.0), (b, -1.0))

    def __mul__(self, other: Operand) -> Value:
        b = self._wrap(other)
        return self._then(self.data * b.data, "×", (self, b.data), (b, self.data))

    def __truediv__(self, other: Operand) -> Value:
        b = self._wrap(other)
        if b.data == 0.0:
            raise ValueError(f"division by zero: {self.data!r} / 0. The divisor must not be 0.")
        quotient = self.data / b.data
        return self._then(quotient, "/", (self, 1.0 / b.data), (b, -quotient / b.data))

    def __radd__(self, other: Operand) -> Value:  # 2 + v: Python asks v when 2 cannot
        return self._wrap(other) + self

    def __rsub__(self, other: Operand) -> Value:
        return self._wrap(other) - self

    def __rmul__(self, other: Operand) -> Value:
        return self._wrap(other) * self

    def __rtruediv__(self, other: Operand) -> Value:
        return self._wrap(other) / self

    def __neg__(self) -> Value:
        return self._then(-self.data, "−x", (self, -1.0))

    def __pow__(self, exponent: float) -> Value:
        if isinstance(exponent, Value):
            raise TypeError(
                "the exponent must be a plain number, got a Value. For a learnable exponent "
                "write (b * a.log()).exp() instead of a ** b."
            )
        k = _as_number(exponent, "exponent")
        try:
            result, slope = self.data**k, k * self.data ** (k - 1) if k != 0 else 0.0
        except (ZeroDivisionError, OverflowError):
            result, slope = math.nan, math.nan
        if isinstance(result, complex) or not math.isfinite(result) or not math.isfinite(slope):
            raise ValueError(
                f"{self.data!r} ** {k!r} has no finite real derivative. Use a positive base, or "
                f"a whole-number exponent ≥ 1 when the base can be 0 or negative."
            )
        return self._then(result, f"**{k:g}", (self, slope))

    def exp(self) -> Value:
        if self.data > 709.0:  # e^709.8 is the largest float64
            raise ValueError(f"exp({self.data!r}) overflows float64. Keep the exponent below 709.")
        out = math.exp(self.data)
        return self._then(out, "exp", (self, out))

    def log(self) -> Value:
        if self.data <= 0.0:
            raise ValueError(
                f"log needs a positive number, got {self.data!r}. For a loss, keep "
                f"probabilities strictly between 0 and 1 (a sigmoid output is)."
            )
        return self._then(math.log(self.data), "log", (self, 1.0 / self.data))

    def tanh(self) -> Value:
        out = math.tanh(self.data)
        return self._then(out, "tanh", (self, 1.0 - out * out))

    def sigmoid(self) -> Value:
        # The two forms avoid overflow of exp for large |x|; both equal 1 / (1 + e^(−x)).
        x = self.data
        out = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        return self._then(out, "σ", (self, out * (1.0 - out)))

    def relu(self) -> Value:
        # At exactly 0 the slope is taken as 0, as nnlib's ReLU and PyTorch do.
        return self._then(max(self.data, 0.0), "relu", (self, 1.0 if self.data > 0 else 0.0))

    def graph(self) -> list[Value]:
        """Every Value this one depends on, itself last, each after all of its inputs."""
        order: list[Value] = []
        seen: set[int] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:  # depth first without recursion, so long chains cannot overflow
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((v, False) for v in reversed(node.inputs) if id(v) not in seen)
        return order

    def backward(self) -> None:
        """Fill `.grad` of every Value in the graph with ∂self/∂(that Value), by the chain rule."""
        if not math.isfinite(self.data):
            raise ValueError(
                f"backward() needs a finite value to start from, got {self.data!r}. Look for "
                f"the step that overflowed, e.g. exp of a large number."
            )
        order = self.graph()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):  # a node's grad is complete before it passes it on
            for source, local in zip(node.inputs, node.local_grads, strict=True):
                source.grad += local * node.grad

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{name})"

    def _repr_html_(self) -> str:
        name = f"<b>{html.escape(self.label)}</b> " if self.label else ""
        made = f" made by <code>{html.escape(self.op)}</code>" if self.op else " (a leaf)"
        return (
            f"<div>{name}Value{made}: data = <code>{self.data:.6g}</code>, "
            f"grad = <code>{self.grad:.6g}</code></div>"
        )
