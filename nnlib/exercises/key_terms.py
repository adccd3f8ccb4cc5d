"""Self-checks for notebook 01: the key terms, trainable parameters and depth."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nnlib.exercises.feedback import Feedback
from nnlib.layers import Linear
from nnlib.sequential import Sequential
from nnlib.validation import check_size

DEFINITIONS = {
    "A": "A number added to the weighted sum; it shifts where the neuron switches on.",
    "B": "A layer of neurons between the input and the output.",
    "C": "A unit that weighs its inputs, adds them up with a bias and applies a function.",
    "D": "One number of the data that is fed into a neuron.",
    "E": "A number on a connection saying how strongly, and which way, an input counts.",
    "F": "A non-linear function applied to the weighted sum.",
}
MATCHES = {
    "neuron": "C",
    "input": "D",
    "weight": "E",
    "bias": "A",
    "activation function": "F",
    "hidden layer": "B",
}
_TERM_HINTS = {
    "neuron": "the neuron is the whole unit: it does the weighing, the adding and the function.",
    "input": "an input is data: it comes from outside the neuron and training never changes it.",
    "weight": "each connection has its own weight, and its sign says whether the input helps or "
    "hinders.",
    "bias": "the bias is the one number added after the weighted sum, with no input attached.",
    "activation function": "the activation is what is applied to the sum z to give the output.",
    "hidden layer": "hidden layers are neither the input nor the output; they sit in between.",
}
PARTS = ("inputs", "weights", "bias", "activation function", "output")


def check_definitions(answers: Mapping[str, str]) -> Feedback:
    """Each term in MATCHES mapped to the letter of its definition in DEFINITIONS."""
    if not isinstance(answers, Mapping):
        raise TypeError(
            f"answers must be a dict from term to letter, got {type(answers).__name__}. "
            f"Write e.g. {{'neuron': 'C', 'input': 'D', ...}}."
        )
    missing = [term for term in MATCHES if term not in answers]
    if missing:
        return Feedback.wrong(
            f"Some terms have no letter yet: {', '.join(missing)}.",
            f"Give every one of the {len(MATCHES)} terms a letter from A to F.",
        )
    wrong = [term for term in MATCHES if str(answers[term]).strip().upper() != MATCHES[term]]
    if not wrong:
        return Feedback.right("Every term is matched to its definition.")
    first = wrong[0]
    return Feedback.wrong(
        f"{len(MATCHES) - len(wrong)} of {len(MATCHES)} right; look again at: {', '.join(wrong)}.",
        f"Start with '{first}': {_TERM_HINTS[first]}",
    )


def check_trainable(answer: Iterable[str]) -> Feedback:
    """The parts of a neuron that training changes, chosen from PARTS."""
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, Iterable):
        raise TypeError(
            f"answer must be a list of part names, got {type(answer).__name__} {answer!r}. "
            f"Write e.g. ['weights', 'bias'], choosing from: {', '.join(PARTS)}."
        )
    chosen = {str(part).strip().lower() for part in answer}
    if not chosen:
        return Feedback.wrong(
            "You have not chosen anything yet.", f"Pick from: {', '.join(PARTS)}."
        )
    unknown = sorted(chosen - set(PARTS))
    if unknown:
        return Feedback.wrong(
            f"{', '.join(repr(u) for u in unknown)} is not one of the parts listed.",
            f"Choose from: {', '.join(PARTS)}.",
        )
    if chosen == {"weights", "bias"}:
        return Feedback.right("Training adjusts the weights and the bias, and nothing else.")
    if "inputs" in chosen or "output" in chosen:
        hint = "Inputs come from the data and the output is computed; training changes neither."
    elif "activation function" in chosen:
        hint = "The activation function is chosen by you before training and stays fixed."
    else:
        missing = "bias" if "bias" not in chosen else "weights"
        hint = f"Something trainable is missing: does training also adjust the {missing}?"
    return Feedback.wrong(f"You chose: {', '.join(sorted(chosen)) or 'nothing'}.", hint)


def check_parameter_count(answer: Any, n_inputs: int = 3) -> Feedback:
    """A neuron with n inputs has n weights and 1 bias: n + 1 trainable numbers."""
    n_inputs = check_size(n_inputs, "n_inputs", hint="A neuron has at least one input.")
    expected = n_inputs + 1
    if answer == expected:
        return Feedback.right(f"{n_inputs} weights plus 1 bias make {expected} parameters.")
    if answer == n_inputs:
        hint = "You counted the weights. What else does training adjust?"
    elif answer == n_inputs + 2:
        hint = "The activation function has no number that training changes; do not count it."
    else:
        hint = f"Count one weight per input ({n_inputs} inputs), then add the bias."
    return Feedback.wrong(f"{answer!r} is not the number of trainable parameters.", hint)


def count_hidden_layers(model: Sequential) -> int:
    """Hidden layers = Linear layers − 1 (the last Linear is the output layer)."""
    return sum(isinstance(module, Linear) for module in model) - 1


def check_hidden_layers(model: Sequential, answer: Any) -> Feedback:
    """How many hidden layers `model` has (its depth, in layers of weights, is one more)."""
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be a Sequential, got {type(model).__name__}.")
    expected = count_hidden_layers(model)
    n_linear = expected + 1
    if answer == expected:
        return Feedback.right(
            f"{expected} hidden layers. With the output layer that makes {n_linear} layers of "
            f"weights, so the network is {n_linear} layers deep."
        )
    if answer == n_linear:
        hint = "You counted every Linear layer, but the last one is the output layer."
    elif answer == len(model):
        hint = "Activation modules are not extra layers; count the layers of neurons (Linear)."
    elif answer == n_linear + 1:
        hint = "The input is the data itself, not a layer of neurons, and the output is not hidden."
    else:
        hint = "Count the Linear layers in the printout, then leave out the output layer."
    return Feedback.wrong(f"{answer!r} is not the number of hidden layers.", hint)
