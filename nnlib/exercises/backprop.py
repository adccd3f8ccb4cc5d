"""Checkers for notebook 07: a local derivative, a gradient read off a graph, and a gradient
worked out by hand along two paths, each compared with what `Value` computes."""

from __future__ import annotations

import math
from typing import Any

from nnlib.autograd import Value
from nnlib.exercises.feedback import Feedback

SLOPE_AT = 1.0  # exercise 1: the sigmoid's local derivative at z = 1
READ_TOLERANCE = 6e-4  # the graph shows three decimals
TWO_PATHS_AT = (1.5, 0.5)  # exercise 3: f = x·y + x² at x = 1.5, y = 0.5


def _number(answer: Any, example: str) -> float | Feedback:
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) or math.isnan(answer):
        return Feedback.wrong(f"Expected a number, got {answer!r}.", f"Write it as {example}.")
    return float(answer)


def _near(a: float, b: float, tolerance: float = 1e-3) -> bool:
    return abs(a - b) <= tolerance


def check_sigmoid_slope(answer: Any) -> Feedback:
    """Right when `answer` is ∂a/∂z for a = σ(z) at z = 1, the label on the arrow z → a."""
    got = _number(answer, "0.25 (a decimal number)")
    if isinstance(got, Feedback):
        return got
    a = Value(SLOPE_AT).sigmoid()
    slope = a.local_grads[0]
    if _near(got, slope):
        return Feedback.right(
            f"σ'(1) = σ(1)·(1 − σ(1)) = {a.data:.3f} × {1 - a.data:.3f} = {slope:.3f}."
        )
    if _near(got, a.data):
        return Feedback.wrong(
            f"{got:g} is σ(1) itself, the value of the node a.",
            "The local derivative is the slope of σ at z = 1: σ(z)·(1 − σ(z)).",
        )
    if _near(got, 1 - a.data):
        return Feedback.wrong(
            f"{got:g} is 1 − σ(1): half of the formula.", "Multiply it by σ(1) as well."
        )
    return Feedback.wrong(
        f"{got:g} is not the slope of σ at z = 1.",
        "Compute a = σ(1) = 1/(1 + e^(−1)) first, then a·(1 − a).",
    )


def tanh_neuron_loss() -> Value:
    """Exercise 2's graph after backward: L = (tanh(w·x + b) − y)², w=0.8, x=1.5, b=−0.4, y=0.5."""
    x, w, b, y = Value(1.5, "x"), Value(0.8, "w"), Value(-0.4, "b"), Value(0.5, "y")
    product = w * x
    z = product + b
    a = z.tanh()
    error = a - y
    loss = error**2
    for node, label in ((product, "w·x"), (z, "z"), (a, "a"), (error, "a − y"), (loss, "L")):
        node.label = label
    loss.backward()
    return loss


def check_read_gradient(answer: Any) -> Feedback:
    """Right when `answer` is ∂L/∂w of `tanh_neuron_loss()`, as the drawn graph shows it."""
    got = _number(answer, "0.123 (copy the number from w's box)")
    if isinstance(got, Feedback):
        return got
    nodes = {v.label: v for v in tanh_neuron_loss().graph()}
    w = nodes["w"]
    if _near(got, w.grad, READ_TOLERANCE):
        return Feedback.right(f"∂L/∂w = {w.grad:.3f}: the blue grad line in w's box.")
    for name, node in nodes.items():
        if name != "w" and _near(got, node.grad, READ_TOLERANCE):
            return Feedback.wrong(f"{got:g} is the gradient of {name}.", "Look in the box of w.")
    if _near(got, w.data, READ_TOLERANCE):
        return Feedback.wrong(f"{got:g} is w's value (data).", "The gradient is the line below.")
    if any(_near(got, g, READ_TOLERANCE) for v in nodes.values() for g in v.local_grads):
        return Feedback.wrong(
            f"{got:g} is a number on an arrow: a local derivative, not a gradient.",
            "The gradient ∂L/∂w is written inside w's box, after 'grad'.",
        )
    return Feedback.wrong(f"{got:g} is not on the graph.", "Read the 'grad' line in w's box.")


def check_two_paths(dfdx: Any, dfdy: Any) -> Feedback:
    """Right when (dfdx, dfdy) are ∂f/∂x and ∂f/∂y of f = x·y + x² at TWO_PATHS_AT."""
    got_x, got_y = _number(dfdx, "3.0"), _number(dfdy, "3.0")
    for got in (got_x, got_y):
        if isinstance(got, Feedback):
            return got
    assert isinstance(got_x, float) and isinstance(got_y, float)
    x, y = Value(TWO_PATHS_AT[0], "x"), Value(TWO_PATHS_AT[1], "y")
    (x * y + x**2).backward()
    right_x, right_y = _near(got_x, x.grad, 1e-9), _near(got_y, y.grad, 1e-9)
    if right_x and right_y:
        return Feedback.right(f"Value agrees: x.grad = {x.grad:g}, y.grad = {y.grad:g}.")
    path_product, path_square = y.data, 2 * x.data
    if not right_x and (_near(got_x, path_product, 1e-9) or _near(got_x, path_square, 1e-9)):
        return Feedback.wrong(
            f"∂f/∂x = {got_x:g} counts only one of the two paths from x to f.",
            "x reaches f through x·y and through x²: add both contributions, y + 2x.",
        )
    if not right_x:
        return Feedback.wrong(
            f"∂f/∂x = {got_x:g} is not what Value finds.",
            "Differentiate each term: ∂(x·y)/∂x = y and ∂(x²)/∂x = 2x, then add them.",
        )
    return Feedback.wrong(
        f"∂f/∂x is right, but ∂f/∂y = {got_y:g} is not what Value finds.",
        "y appears only in x·y, and ∂(x·y)/∂y is the other factor, x.",
    )
