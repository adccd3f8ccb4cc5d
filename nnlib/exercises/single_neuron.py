"""Self-checks for notebook 02: logic gates from one neuron, a mystery neuron, firing thresholds."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnlib import activations
from nnlib.exercises.feedback import Feedback
from nnlib.neuron import Neuron, format_number
from nnlib.validation import FloatArray, as_float, as_float_array, check_rng, check_size

BINARY_INPUTS: FloatArray = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TRUTH_TABLES: dict[str, tuple[int, ...]] = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "NOR": (1, 0, 0, 0),
    "XOR": (0, 1, 1, 0),
    "XNOR": (1, 0, 0, 1),
}
TOLERANCE = 5e-3  # answers typed by hand, rounded to about three decimals


def gate_targets(gate: str) -> tuple[int, ...]:
    """The gate's outputs for inputs (0, 0), (0, 1), (1, 0), (1, 1)."""
    key = str(gate).strip().upper()
    if key not in TRUTH_TABLES:
        raise ValueError(
            f"Unknown gate {gate!r}. Valid gates: {', '.join(TRUTH_TABLES)}. Pass e.g. 'AND'."
        )
    return TRUTH_TABLES[key]


def _row_hint(row: int, wanted: int) -> str:
    """Why row `row` of the truth table goes wrong, in terms of z = w1·x1 + w2·x2 + b."""
    if row == 0:
        need = "b ≥ 0 so that it fires" if wanted else "b < 0 so that it stays off"
        return f"With both inputs 0, z is just the bias: you need {need}."
    if row == 3:
        need = "reach 0" if wanted else "stay below 0"
        return f"With both inputs 1, z = w1 + w2 + b must {need}."
    i = 2 if row == 1 else 1
    need = "reach 0, so w{i} must be at least −b" if wanted else "stay below 0"
    return f"With only x{i} on, z = w{i} + b must {need.format(i=i)}."


def check_gate(gate: str, weights: Any, bias: Any, activation: str = "step") -> Feedback:
    """Does Neuron(weights, bias, activation) compute `gate` on 0/1 inputs (output ≥ 0.5 = 1)?"""
    targets = gate_targets(gate)
    name = str(gate).strip().upper()
    w = as_float_array(weights, "weights", ndim=(1,))
    if w.shape != (2,):
        raise ValueError(
            f"weights must be two numbers [w1, w2], one per input, got shape {w.shape}. "
            f"A logic gate has two inputs."
        )
    neuron = Neuron(w, as_float(bias, "bias"), activation)
    fired = tuple(int(a >= 0.5) for a in neuron(BINARY_INPUTS))
    if fired == targets:
        return Feedback.right(f"Your neuron computes {name}: outputs {fired} for (0,0) … (1,1).")
    row = next(i for i in range(4) if fired[i] != targets[i])
    x = tuple(int(v) for v in BINARY_INPUTS[row])
    z = format_number(float(neuron.pre_activation(BINARY_INPUTS[row])))
    message = (
        f"For input {x} your neuron gives {fired[row]} (z = {z}) but {name} needs {targets[row]}."
    )
    hint = _row_hint(row, targets[row])
    if name in ("XOR", "XNOR"):
        hint += " (In fact no single neuron can compute this gate; notebook 03 shows why.)"
    return Feedback.wrong(message, hint)


def check_and(weights: Any, bias: Any) -> Feedback:
    """check_gate('AND', …) with a step activation."""
    return check_gate("AND", weights, bias)


def check_or(weights: Any, bias: Any) -> Feedback:
    """check_gate('OR', …) with a step activation."""
    return check_gate("OR", weights, bias)


def check_nand(weights: Any, bias: Any) -> Feedback:
    """check_gate('NAND', …) with a step activation."""
    return check_gate("NAND", weights, bias)


def check_neuron_output(
    answer: Any, *, weights: Any, bias: float, inputs: Any, activation: str = "sigmoid"
) -> Feedback:
    """Is `answer` the output a = f(w·x + b), to about three decimals?"""
    value = as_float(answer, "answer")
    explanation = Neuron(weights, bias, activation).explain(inputs)
    fn = activations.get_spec(activation).fn
    a, z = explanation.a, explanation.z
    if abs(value - a) <= TOLERANCE:
        return Feedback.right(f"a = {explanation.symbol}({format_number(z)}) = {format_number(a)}.")
    if abs(value - z) <= TOLERANCE:
        hint = f"{format_number(value)} is the weighted sum z; now apply the activation to it."
    elif abs(value - float(fn(z - bias))) <= TOLERANCE:
        hint = "It looks as if the bias was left out: add b to the weighted sum before f."
    else:
        hint = "Multiply each input by its weight, add the products and the bias, then apply f."
    return Feedback.wrong(f"{format_number(value)} is not the neuron's output.", hint)


def check_firing_threshold(answer: Any, *, weight: float, bias: float) -> Feedback:
    """For one input, the neuron switches on where w·x + b = 0, i.e. at x = −b / w."""
    value, bias = as_float(answer, "answer"), as_float(bias, "bias")
    weight = as_float(weight, "weight")
    if weight == 0:
        raise ValueError(
            "weight must not be 0: with no weight the input never changes z, so there is no "
            "threshold to find. Pass the neuron's non-zero weight, e.g. weight=2.0."
        )
    expected = -bias / weight
    if abs(value - expected) <= TOLERANCE:
        sign = "−" if bias < 0 else "+"
        z_text = f"{format_number(weight)}·x {sign} {format_number(abs(bias))}"
        where = format_number(value)
        return Feedback.right(f"z = {z_text} is 0 there, so the neuron switches on at x = {where}.")
    if abs(value - bias / weight) <= TOLERANCE:
        hint = "Check the sign: solve w·x + b = 0 for x, which moves b to the other side."
    elif abs(value + bias) <= TOLERANCE or abs(value - bias) <= TOLERANCE:
        hint = "Do not forget to divide by the weight."
    else:
        hint = "The neuron switches on where z = w·x + b crosses 0. Solve that for x."
    return Feedback.wrong(f"At x = {format_number(value)}, z is not 0.", hint)


MAX_PROBE_INPUTS = 100  # each weight costs the learner a probe
_INPUTS_HINT = f"A mystery neuron has 1 to {MAX_PROBE_INPUTS} inputs; the lesson uses 3."


class MysteryNeuron:
    """A neuron with hidden weights and bias; `probe(x)` returns its weighted sum z = w·x + b."""

    def __init__(self, n_inputs: int = 3, *, rng: np.random.Generator | None = None) -> None:
        n_inputs = check_size(n_inputs, "n_inputs", hint=_INPUTS_HINT, maximum=MAX_PROBE_INPUTS)
        generator = check_rng(rng)
        # Multiples of 0.1, so that exact answers can be typed in.
        self._weights = generator.integers(-20, 21, size=n_inputs) / 10.0
        self._bias = float(generator.integers(-20, 21)) / 10.0
        self.n_inputs = n_inputs
        self.probes = 0

    def probe(self, x: Any) -> float:
        """Feed one input vector in and read the weighted sum z."""
        inputs = as_float_array(x, "x", ndim=(1,))
        if inputs.shape != (self.n_inputs,):
            raise ValueError(
                f"x must hold {self.n_inputs} numbers, one per input, got shape {inputs.shape}. "
                f"Try e.g. probe({[0.0] * self.n_inputs})."
            )
        self.probes += 1
        return float(inputs @ self._weights + self._bias)

    def check(self, weights: Any, bias: Any) -> Feedback:
        """Are these the hidden weights and bias (within 0.005)?"""
        guess = as_float_array(weights, "weights", ndim=(1,))
        if guess.shape != (self.n_inputs,):
            return Feedback.wrong(
                f"You gave {guess.size} weights, but the mystery neuron has "
                f"{self.n_inputs} inputs.",
                "Give one weight per input.",
            )
        if abs(as_float(bias, "bias") - self._bias) > TOLERANCE:
            return Feedback.wrong(
                "The bias is not right yet.",
                "Probe with every input 0: all the w·x terms vanish and only the bias is left.",
            )
        for i, (g, w) in enumerate(zip(guess, self._weights, strict=True)):
            if abs(g - w) > TOLERANCE:
                return Feedback.wrong(f"Weight w{i + 1} is not right yet.", self._weight_hint(i, g))
        return Feedback.right(
            f"You found all {self.n_inputs + 1} hidden numbers with {self.probes} probes; "
            f"{self.n_inputs + 1} probes always suffice (one for b, one per weight)."
        )

    def _weight_hint(self, i: int, guess: float) -> str:
        if abs(guess - (self._weights[i] + self._bias)) <= TOLERANCE:
            return f"That is w{i + 1} + b: subtract the bias you found."
        one_hot = [0] * self.n_inputs
        one_hot[i] = 1
        return f"Probe with x = {one_hot}: then z = w{i + 1} + b."

    def __repr__(self) -> str:
        return f"MysteryNeuron({self.n_inputs} inputs, weights hidden, {self.probes} probes so far)"
