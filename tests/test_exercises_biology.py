"""Notebook 05's checkers: right answers pass, each typical wrong answer gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.biology import LIFNeuron
from nnlib.exercises.biology import (
    EXERCISE_NEURON,
    SPIKE_CASES,
    MysteryNeuron,
    check_mystery_threshold,
    check_rheobase,
    check_will_spike,
    spikes_for_case,
)

RIGHT_PREDICTIONS = {"A": False, "B": True, "C": False, "D": True}


def test_rheobase_right_answer_passes_and_shows_the_working() -> None:
    feedback = check_rheobase(0.65)
    assert feedback.correct
    assert "= 0.65 nA" in feedback.message
    assert check_rheobase(np.float64(0.651)).correct  # within 1%
    other = LIFNeuron(v_threshold=-50.0)
    assert check_rheobase(2.0, other).correct and not check_rheobase(0.65, other).correct


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (13.0, "That is the voltage gap in mV"),
        (260.0, "You multiplied by R"),
        (0.9, "measure the gap from v_rest"),
        (-0.65, "the current needed is positive"),
        (0.5, "Solve v_rest + R·I = v_threshold"),
        (None, "Solve v_rest + R·I = v_threshold"),
    ],
)
def test_rheobase_wrong_answers_get_their_hint(answer: object, hint: str) -> None:
    feedback = check_rheobase(answer)
    assert not feedback.correct
    assert hint in feedback.hint
    assert "Not yet" in str(feedback)


def test_rheobase_refuses_text() -> None:
    with pytest.raises(TypeError, match="answer must be a single real number, got str"):
        check_rheobase("0.65 nA")


def test_spike_cases_are_decided_by_simulation() -> None:
    counts = {case: spikes_for_case(case) for case in SPIKE_CASES}
    assert {case: n > 0 for case, n in counts.items()} == RIGHT_PREDICTIONS
    # Negative control: the same inputs on a lower threshold all fire.
    low = LIFNeuron(v_rest=-65.0, v_threshold=-60.0, v_reset=-70.0, resistance=20.0)
    assert all(spikes_for_case(case, low) > 0 for case in SPIKE_CASES)
    assert EXERCISE_NEURON.rheobase == pytest.approx(0.65)


def test_will_spike_right_predictions_pass() -> None:
    assert check_will_spike(RIGHT_PREDICTIONS).correct


@pytest.mark.parametrize(
    ("case", "hint"),
    [("A", "exceeds the rheobase"), ("B", "exceeds the rheobase"), ("C", "13 mV"), ("D", "13 mV")],
)
def test_will_spike_each_wrong_prediction_gets_its_hint(case: str, hint: str) -> None:
    answers = dict(RIGHT_PREDICTIONS)
    answers[case] = not answers[case]
    feedback = check_will_spike(answers)
    assert not feedback.correct
    assert f"case {case}" in feedback.message and hint in feedback.hint


def test_will_spike_placeholders_and_bad_types() -> None:
    feedback = check_will_spike({"A": ..., "B": True, "C": False, "D": ...})
    assert not feedback.correct and "A, D" in feedback.message and "True" in feedback.hint
    with pytest.raises(TypeError, match="answers must be a dict from case letter"):
        check_will_spike([True, False])  # type: ignore[arg-type]


def find_threshold_by_bisection(mystery: MysteryNeuron) -> float:
    low, high = 0.0, 5.0  # nA: silent at low, firing at high
    while high - low > 0.01:
        middle = (low + high) / 2
        low, high = (low, middle) if mystery.probe(middle) > 0 else (middle, high)
    return mystery.v_rest + mystery.resistance * high


def test_mystery_threshold_found_by_probing_passes() -> None:
    for seed in range(3):
        mystery = MysteryNeuron(np.random.default_rng(seed))
        feedback = check_mystery_threshold(mystery, find_threshold_by_bisection(mystery))
        assert feedback.correct, feedback
        assert f"with {mystery.probes} probes" in feedback.message


def test_mystery_threshold_differs_between_seeds_and_stays_hidden() -> None:
    thresholds = {MysteryNeuron(np.random.default_rng(s))._neuron.v_threshold for s in range(5)}
    assert len(thresholds) > 1
    assert "?" in repr(MysteryNeuron(np.random.default_rng(0)))


def test_mystery_threshold_wrong_answers_get_their_hints() -> None:
    mystery = MysteryNeuron(np.random.default_rng(1))
    truth = find_threshold_by_bisection(mystery)
    cases = [
        (truth + 3.0, "Too high"),
        (truth - 3.0, "Too low"),
        ((truth + 70.0) / 10.0, "looks like a current in nA"),
        (-75.0, "at or below rest"),
        (None, "Probe currents"),
    ]
    for answer, hint in cases:
        feedback = check_mystery_threshold(mystery, answer)
        assert not feedback.correct and hint in feedback.hint, (answer, feedback)
    with pytest.raises(TypeError, match="mystery must be a MysteryNeuron, got LIFNeuron"):
        check_mystery_threshold(LIFNeuron(), -55.0)  # type: ignore[arg-type]
