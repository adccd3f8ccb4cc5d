"""nnlib.exercises.key_terms: right answers pass, each wrong answer gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Linear, ReLU, Sequential
from nnlib.exercises.key_terms import (
    MATCHES,
    check_definitions,
    check_hidden_layers,
    check_parameter_count,
    check_trainable,
)


def test_definitions_right() -> None:
    feedback = check_definitions(dict(MATCHES))
    assert feedback.correct
    assert str(feedback) == "✓ Correct. Every term is matched to its definition."


def test_definitions_lowercase_letters_are_fine() -> None:
    assert check_definitions({k: v.lower() for k, v in MATCHES.items()}).correct


def test_definitions_one_swap_names_the_term_and_hints() -> None:
    answers = dict(MATCHES, bias="E", weight="A")
    feedback = check_definitions(answers)
    assert not feedback.correct
    assert feedback.message == "4 of 6 right; look again at: weight, bias."
    assert feedback.hint.startswith("Start with 'weight': each connection has its own weight")


def test_definitions_missing_terms() -> None:
    feedback = check_definitions({"neuron": "C"})
    assert not feedback.correct
    assert feedback.message.startswith("Some terms have no letter yet: input, weight")
    assert feedback.hint == "Give every one of the 6 terms a letter from A to F."


def test_definitions_placeholder_is_not_yet() -> None:
    feedback = check_definitions(dict.fromkeys(MATCHES, "?"))
    assert str(feedback).startswith("✗ Not yet. 0 of 6 right")


def test_definitions_need_a_dict() -> None:
    with pytest.raises(TypeError, match="answers must be a dict from term to letter, got list"):
        check_definitions(["C", "D"])  # type: ignore[arg-type]


@pytest.mark.parametrize("answer", [["weights", "bias"], ["Bias", " weights "]])
def test_trainable_right(answer: list[str]) -> None:
    feedback = check_trainable(answer)
    assert feedback.correct
    assert feedback.message == "Training adjusts the weights and the bias, and nothing else."


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (["inputs", "weights", "bias"], "Inputs come from the data"),
        (["weights", "bias", "output"], "Inputs come from the data and the output is computed"),
        (["weights", "bias", "activation function"], "chosen by you before training"),
        (["weights"], "does training also adjust the bias?"),
        ("bias", "does training also adjust the weights?"),
        (["weight", "bias"], "Choose from: inputs, weights, bias"),
        ([], "Pick from: inputs, weights, bias, activation function, output."),
    ],
)
def test_trainable_wrong_answers_get_their_hint(answer: list[str], hint: str) -> None:
    feedback = check_trainable(answer)
    assert not feedback.correct
    assert hint in feedback.hint


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (3, "You counted the weights. What else does training adjust?"),
        (5, "The activation function has no number that training changes; do not count it."),
        (7, "Count one weight per input (3 inputs), then add the bias."),
    ],
)
def test_parameter_count(answer: int, hint: str) -> None:
    assert check_parameter_count(4).correct
    assert check_parameter_count(4).message == "3 weights plus 1 bias make 4 parameters."
    feedback = check_parameter_count(answer)
    assert not feedback.correct and feedback.hint == hint


def model() -> Sequential:
    rng = np.random.default_rng(0)
    return Sequential(
        Linear(3, 4, rng=rng), ReLU(), Linear(4, 4, rng=rng), ReLU(), Linear(4, 1, rng=rng)
    )


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (3, "You counted every Linear layer, but the last one is the output layer."),
        (5, "Activation modules are not extra layers"),
        (4, "The input is the data itself"),
        (1, "Count the Linear layers in the printout"),
    ],
)
def test_hidden_layers(answer: int, hint: str) -> None:
    right = check_hidden_layers(model(), 2)
    assert right.correct and right.message == (
        "2 hidden layers. With the output layer that makes 3 layers of weights, so the network "
        "is 3 layers deep."
    )
    feedback = check_hidden_layers(model(), answer)
    assert not feedback.correct
    assert feedback.hint.startswith(hint)


def test_hidden_layers_needs_a_sequential() -> None:
    with pytest.raises(TypeError, match="model must be a Sequential, got Linear"):
        check_hidden_layers(Linear(2, 1, rng=np.random.default_rng(0)), 0)  # type: ignore[arg-type]
