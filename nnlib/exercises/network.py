"""Checkers for notebook 04: count parameters, predict output shapes, and make an x1 detector."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np

from nnlib.exercises.feedback import Feedback
from nnlib.layers import Linear
from nnlib.sequential import Sequential
from nnlib.validation import MAX_SAMPLES, FloatArray, check_size

# The x1-detector task: output above THRESHOLD for every probe with x1 ≥ LARGE_X1, and at most
# THRESHOLD for every probe with x1 ≤ SMALL_X1, whatever x2 and x3 are. The gap between the
# two lets the output rise smoothly.
THRESHOLD, LARGE_X1, SMALL_X1 = 0.9, 2.0, 1.0
X1_PROBES = np.linspace(-3.0, 3.0, 13)
OTHER_PROBES = np.linspace(-3.0, 3.0, 7)
NO_ANSWER = (None, Ellipsis)


def parameter_count(sizes: Sequence[int]) -> int:
    """Σ over consecutive layers of n_in·n_out weights + n_out biases, e.g. 3-4-4-1 → 41."""
    checked = _sizes(sizes)
    return sum(a * b + b for a, b in pairwise(checked))


def check_parameter_count(sizes: Sequence[int], answer: Any) -> Feedback:
    """Right when `answer` is the number of weights and biases of a network with `sizes`."""
    checked = _sizes(sizes)
    name = "-".join(str(n) for n in checked)
    if answer in NO_ANSWER or isinstance(answer, bool) or not isinstance(answer, (int, np.integer)):
        got = "No answer yet" if answer in NO_ANSWER else f"{answer!r} is not a whole number"
        return Feedback.wrong(
            f"{got}: how many parameters does {name} have?",
            "Replace the placeholder with a whole number such as 50.",
        )
    answer, expected = int(answer), parameter_count(checked)
    terms = " + ".join(f"{a}·{b} + {b}" for a, b in pairwise(checked))
    if answer == expected:
        return Feedback.right(f"{name} has {terms} = {expected:,} parameters.")
    return Feedback.wrong(f"{answer:,} is not the count for {name}.", _count_hint(checked, answer))


def _count_hint(sizes: tuple[int, ...], answer: int) -> str:
    weights = sum(a * b for a, b in pairwise(sizes))
    if answer == weights:
        return "You counted the weights. Each non-input node also has one bias: add those."
    if answer == weights + sum(sizes):
        return "Input nodes have no bias: they only pass x on. Count biases from layer 1 on."
    if answer == sum(sizes):
        return "That is the number of nodes. Parameters live on the edges (weights) and nodes."
    return "For each pair of neighbouring layers, add n_in·n_out weights and n_out biases."


def check_output_shape(sizes: Sequence[int], input_shape: Sequence[int], answer: Any) -> Feedback:
    """Right when `answer` is the shape the network gives for an input of `input_shape`."""
    checked = _sizes(sizes)
    shape = _input_shape(input_shape)
    if len(shape) not in (1, 2) or shape[-1] != checked[0]:
        raise ValueError(
            f"input_shape must be ({checked[0]},) or (n, {checked[0]}) for a network with "
            f"{checked[0]} inputs, got {shape}."
        )
    expected = (*shape[:-1], checked[-1])
    if not isinstance(answer, (tuple, list)) or not all(
        isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in answer
    ):
        got = "No answer yet" if answer in NO_ANSWER else f"{answer!r} is not a shape"
        return Feedback.wrong(
            f"{got}: what shape comes out for an input of shape {shape}?",
            "Write the shape as a tuple of whole numbers, such as (2, 7).",
        )
    given = tuple(int(n) for n in answer)
    if given == expected:
        return Feedback.right(f"An input of shape {shape} comes out with shape {expected}.")
    if len(shape) == 2 and given == (checked[-1],):
        hint = f"A batch keeps its rows: {shape[0]} samples in, {shape[0]} rows of outputs out."
    elif len(shape) == 1 and len(given) == 2:
        hint = "One sample in, one sample out: a 1-D input gives a 1-D output."
    else:
        hint = (
            f"Each Linear changes only the last axis, from in_features to out_features; "
            f"the last layer has {checked[-1]} outputs."
        )
    return Feedback.wrong(f"{given} is not the output shape for an input of shape {shape}.", hint)


def check_x1_detector(model: Any) -> Feedback:
    """Right when the output exceeds 0.9 for every probe with x1 ≥ 2 and for none with x1 ≤ 1."""
    _check_detector_model(model)
    grid = np.array(np.meshgrid(X1_PROBES, OTHER_PROBES, OTHER_PROBES, indexing="ij"))
    probes = grid.reshape(3, -1).T
    out = np.asarray(model(probes)).reshape(-1)
    large, small = probes[:, 0] >= LARGE_X1, probes[:, 0] <= SMALL_X1
    low = np.flatnonzero(large & (out <= THRESHOLD))
    high = np.flatnonzero(small & (out > THRESHOLD))
    if not low.size and not high.size:
        return Feedback.right(
            f"The output is above {THRESHOLD} at all {int(large.sum())} probes with x1 ≥ "
            f"{LARGE_X1} and at most {THRESHOLD} at all {int(small.sum())} with x1 ≤ {SMALL_X1}."
        )
    if low.size:
        worst = low[np.argmin(out[low])]
        return Feedback.wrong(
            f"At x = {_point(probes[worst])} the output is {out[worst]:.3f}, but x1 is large, "
            f"so it should be above {THRESHOLD} ({low.size} such probes).",
            "Give one first-layer neuron a big weight from x1 (say 4), weight 0 from x2 and x3 "
            "and a negative bias (say −6); then pass it on with big weights (say 8) and negative "
            "biases (say −4) in the next layers, and weight 0 from every other neuron.",
        )
    worst = high[np.argmax(out[high])]
    return Feedback.wrong(
        f"At x = {_point(probes[worst])} the output is {out[worst]:.3f}, but x1 is not large, "
        f"so it should be at most {THRESHOLD} ({high.size} such probes).",
        "The output is high without a large x1. Lower the output neuron's bias, and set to 0 the "
        "weights that carry x2, x3 or neurons that do not follow x1.",
    )


def _check_detector_model(model: Any) -> None:
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be the explorer's Sequential, got {type(model).__name__}.")
    linears = [m for m in model if isinstance(m, Linear)]
    if not linears or linears[0].in_features != 3 or linears[-1].out_features != 1:
        raise ValueError(
            "model must take 3 inputs and give 1 output, like the 3-4-4-1 network; "
            "pass explorer.model."
        )


def _point(x: FloatArray) -> str:
    return "(" + ", ".join(f"{v:g}".replace("-", "−") for v in x) + ")"


def _input_shape(input_shape: Any) -> tuple[int, ...]:
    if isinstance(input_shape, (str, bytes)) or not isinstance(input_shape, (tuple, list)):
        raise TypeError(
            f"input_shape must be a shape such as (5, 3), got {type(input_shape).__name__} "
            f"{input_shape!r}. Write it as a tuple of whole numbers."
        )
    hint = "Each length of a shape is a whole number, such as 5 samples or 3 features."
    return tuple(
        check_size(n, f"input_shape[{i}]", hint=hint, maximum=MAX_SAMPLES)
        for i, n in enumerate(input_shape)
    )


def _sizes(sizes: Sequence[int]) -> tuple[int, ...]:
    if isinstance(sizes, str) or not isinstance(sizes, Sequence) or len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least two layer sizes such as [2, 3, 1], got {sizes!r}."
        )
    return tuple(check_size(n, f"sizes[{i}]") for i, n in enumerate(sizes))
