"""Checkers for notebook 08: place two steps to make a bump, match a target with few neurons,
and predict what a steeper sigmoid does to the error."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnlib.exercises.feedback import Feedback
from nnlib.layers import Linear, Sigmoid
from nnlib.module import Module
from nnlib.sequential import Sequential
from nnlib.universality import (
    Bump,
    bump_network,
    grid,
    ideal_bumps,
    mean_absolute_error,
    network_output,
    step_position,
)

BUMP_STEEPNESS = 100.0  # both hidden weights in the bump exercise
BUMP_GOAL = Bump(0.3, 0.5, 0.6)
POSITION_TOLERANCE = 0.005
MATCH_TARGET, MATCH_NEURONS, MATCH_BOUND = "kink", 6, 0.08
STEP_BUMPS = (Bump(-0.1, 0.4, 0.25), Bump(0.4, 1.1, 0.75))  # the 'step' target, built by hand
PREDICTION_TOLERANCE = 0.10  # relative


def _pair(value: Any, name: str) -> tuple[float, float] | Feedback:
    try:
        a, b = (float(v) for v in value)
    except (TypeError, ValueError):
        return Feedback.wrong(
            f"{name} must be two numbers, got {value!r}.", f"Write {name} = (first, second)."
        )
    if not (np.isfinite(a) and np.isfinite(b)):
        return Feedback.wrong(f"{name} must be finite numbers, got {value!r}.", "Use numbers.")
    return a, b


def check_bump(biases: Any, output_weights: Any) -> Feedback:
    """Right when hidden biases and output weights (hidden weights 100) make BUMP_GOAL."""
    b, v = _pair(biases, "biases"), _pair(output_weights, "output_weights")
    for answer in (b, v):
        if isinstance(answer, Feedback):
            return answer
    assert not isinstance(b, Feedback) and not isinstance(v, Feedback)
    steps = sorted(step_position(BUMP_STEEPNESS, bias) for bias in b)
    goal = BUMP_GOAL
    if any(
        abs(s - g) > POSITION_TOLERANCE for s, g in zip(steps, (goal.start, goal.end), strict=True)
    ):
        hint = "A step sits at s = −b/w, so b = −w·s: for w = 100 a step at 0.3 needs b = −30."
        if steps[1] < 0:
            hint = "Both steps lie at negative x: flip the sign of the biases, b = −w·s."
        return Feedback.wrong(
            f"Your biases put the steps at x = {steps[0]:.3g} and {steps[1]:.3g}; the bump "
            f"needs them at {goal.start} and {goal.end}.",
            hint,
        )
    x = grid()
    model = Sequential(Linear(1, 2), Sigmoid(), Linear(2, 1))
    model.load_state_dict(
        {"0.weight": np.full((2, 1), BUMP_STEEPNESS), "0.bias": np.array(b),
         "2.weight": np.array([v]), "2.bias": np.zeros(1)}
    )  # fmt: skip
    height = float(network_output(model, np.array([(goal.start + goal.end) / 2]))[0])
    error = float(np.mean(np.abs(network_output(model, x) - ideal_bumps(x, [goal]))))
    if abs(height - goal.height) < 0.02 and error < 0.02:
        return Feedback.right(
            f"Steps at {goal.start} and {goal.end}, output weights +{goal.height} and "
            f"−{goal.height}: a bump of height {height:.2f} (mean gap to the ideal one "
            f"{error:.4f})."
        )
    if abs(v[0] + v[1]) > 1e-9:
        hint = "The two output weights must cancel outside the bump: use +h and −h."
    else:
        hint = "The neuron that steps up first (at 0.3) gets +h; the one at 0.5 gets −h."
    right = float(network_output(model, np.array([1.0]))[0])
    return Feedback.wrong(
        f"The network gives {height:.2f} in the middle of the bump (goal {goal.height}) and "
        f"{right:.2f} at x = 1, right of it (goal 0).",
        hint,
    )


def check_kink_match(model: Any) -> Feedback:
    """Right when a 1-N-1 model with N ≤ 6 follows the 'kink' target within MATCH_BOUND."""
    if not isinstance(model, Module):
        return Feedback.wrong(
            f"Expected an nnlib model, got {type(model).__name__}.",
            "Pass the panel's network: builder.model.",
        )
    state = {name: p.data for name, p in model.named_parameters()}
    hidden = state["0.bias"].size if "0.bias" in state else 0
    if hidden > MATCH_NEURONS or hidden == 0:
        return Feedback.wrong(
            f"This model has {hidden} hidden neurons; the exercise allows at most {MATCH_NEURONS}.",
            f"Set the panel's 'neurons N' slider to {MATCH_NEURONS} or fewer.",
        )
    try:
        error = mean_absolute_error(model, MATCH_TARGET)
    except ValueError as problem:
        return Feedback.wrong(f"The model cannot take one input x: {problem}", "Use 1 input.")
    if error <= MATCH_BOUND:
        return Feedback.right(
            f"Mean absolute error {error:.4f} ≤ {MATCH_BOUND} with {hidden} hidden neurons."
        )
    return Feedback.wrong(
        f"Mean absolute error {error:.4f}; the goal is {MATCH_BOUND} or less.",
        "Move the steps: narrow bumps where the kink bends, wide ones where it is straight; "
        "set each height to the target's typical value over its bump. A smaller steepness "
        "also rounds the corners of the staircase.",
    )


def step_error(steepness: float) -> float:
    """Mean absolute error of the hand-built 'step' target at `steepness`."""
    return mean_absolute_error(bump_network(STEP_BUMPS, steepness), "step")


def check_steepness_prediction(error_at_200: Any) -> Feedback:
    """Right when the predicted error at steepness 200 is within 10% of the true one."""
    if isinstance(error_at_200, bool) or not isinstance(error_at_200, (int, float)):
        return Feedback.wrong(f"Expected a number, got {error_at_200!r}.", "Write a float.")
    truth, start = step_error(200.0), step_error(50.0)
    guess = float(error_at_200)
    if abs(guess - truth) <= PREDICTION_TOLERANCE * truth:
        return Feedback.right(
            f"At w = 200 the error is {truth:.5f}, a quarter of {start:.5f} at w = 50: the "
            f"sloped part of each step is 1/w wide, so the error falls in proportion to 1/w."
        )
    ratio = start / guess if guess > 0 else float("inf")
    if abs(ratio - 2) < 0.3:
        hint = "w grew four times (50 → 200), not twice."
    elif ratio > 8:
        hint = "The error shrinks in proportion to 1/w, not faster: the ramp is 1/w wide."
    elif ratio < 1.2:
        hint = "A steeper sigmoid is closer to the ideal step, so the error gets smaller."
    else:
        hint = "How wide is the sloped part of σ(w(x − s))? It scales like 1/w."
    return Feedback.wrong(f"{guess:g} is not it (the error at w = 50 is {start:.5f}).", hint)
