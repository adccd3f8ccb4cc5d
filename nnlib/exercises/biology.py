"""Self-checks for notebook 05: the rheobase, predicting spikes, a neuron with a hidden threshold.

Every answer is checked against a simulation or the closed form, never against a stored number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from nnlib.biology import LIFNeuron, check_neuron
from nnlib.exercises.feedback import Feedback
from nnlib.neuron import format_number
from nnlib.validation import FloatArray, as_float, check_rng

# The neuron of the first two exercises (mV, ms, MΩ). Its rheobase is 13 mV / 20 MΩ = 0.65 nA.
EXERCISE_NEURON = LIFNeuron(
    tau_m=10.0, v_rest=-65.0, v_threshold=-52.0, v_reset=-70.0, resistance=20.0
)
DT, DURATION = 0.1, 100.0


def _pulse(amplitude: float, width: float) -> Callable[[], FloatArray]:
    def current() -> FloatArray:
        series = np.zeros(round(DURATION / DT))
        series[: round(width / DT)] = amplitude
        return series

    return current


# Case name → (what the learner reads, the input current as one value per 0.1 ms step).
SPIKE_CASES: dict[str, tuple[str, Callable[[], FloatArray]]] = {
    "A": ("a constant 0.5 nA", _pulse(0.5, DURATION)),
    "B": ("a constant 0.8 nA", _pulse(0.8, DURATION)),
    "C": ("a strong 5 nA pulse lasting 1 ms, then nothing", _pulse(5.0, 1.0)),
    "D": ("a strong 5 nA pulse lasting 3 ms, then nothing", _pulse(5.0, 3.0)),
}


def _close(value: float, target: float, rel: float = 0.01) -> bool:
    return abs(value - target) <= rel * abs(target)


def _rheobase_hint(value: float, neuron: LIFNeuron) -> str:
    gap = neuron.v_threshold - neuron.v_rest
    if _close(value, gap):
        return "That is the voltage gap in mV. Turn it into a current with Ohm's law: I = ΔV / R."
    if _close(value, gap * neuron.resistance):
        return "You multiplied by R; Ohm's law divides: I = ΔV / R (mV / MΩ = nA)."
    if _close(value, (neuron.v_threshold - neuron.v_reset) / neuron.resistance):
        return "A constant input acts on a neuron sitting at rest, so measure the gap from v_rest."
    if value < 0:
        return "The threshold lies above rest, so the current needed is positive."
    return "Solve v_rest + R·I = v_threshold for I: the steady voltage must just reach threshold."


def check_rheobase(answer: Any, neuron: LIFNeuron = EXERCISE_NEURON) -> Feedback:
    """The smallest constant current (nA) that ever makes `neuron` fire, within 1%."""
    neuron = check_neuron(neuron, allow_none=False)
    if answer is None:
        return Feedback.wrong("No answer yet.", _rheobase_hint(0.0, neuron))
    value = as_float(answer, "answer")
    if _close(value, neuron.rheobase):
        return Feedback.right(
            f"I_rh = ({format_number(neuron.v_threshold)} − ({format_number(neuron.v_rest)})) mV"
            f" / {format_number(neuron.resistance)} MΩ = {format_number(neuron.rheobase)} nA. "
            f"Any less and V settles below threshold for good."
        )
    side = "too large" if value > neuron.rheobase else "too small"
    return Feedback.wrong(f"{value:g} nA is {side}.", _rheobase_hint(value, neuron))


def spikes_for_case(name: str, neuron: LIFNeuron = EXERCISE_NEURON) -> int:
    """How many spikes case `name` of SPIKE_CASES really produces in 100 ms."""
    if not isinstance(name, str) or name not in SPIKE_CASES:
        raise ValueError(
            f"name must be one of the cases {', '.join(SPIKE_CASES)}, got {name!r}. "
            f"Pass the letter as a string, e.g. spikes_for_case('A')."
        )
    neuron = check_neuron(neuron, allow_none=False)
    return neuron.simulate(SPIKE_CASES[name][1](), dt=DT, duration=DURATION).n_spikes


def check_will_spike(answers: Mapping[str, Any]) -> Feedback:
    """Predictions {case: True/False} of whether each input in SPIKE_CASES makes a spike."""
    if not isinstance(answers, Mapping):
        raise TypeError(
            f"answers must be a dict from case letter to True or False, got "
            f"{type(answers).__name__}. Write e.g. {{'A': True, 'B': False, 'C': ..., 'D': ...}}."
        )
    unanswered = [case for case in SPIKE_CASES if not isinstance(answers.get(case), bool)]
    if unanswered:
        return Feedback.wrong(
            f"No True/False prediction yet for: {', '.join(unanswered)}.",
            "Replace each ... with True (it spikes) or False (it stays silent).",
        )
    wrong = [case for case in SPIKE_CASES if answers[case] != (spikes_for_case(case) > 0)]
    if not wrong:
        return Feedback.right(
            "All four right. A constant input must pass the rheobase; a brief pulse must push V "
            "across threshold before the leak drains it."
        )
    first = wrong[0]
    hint = (
        "A constant current fires the neuron exactly when it exceeds the rheobase (0.65 nA)."
        if first in "AB"
        else "During a pulse V climbs by R·I·(1 − e^(−t/τ)) = 100 mV·(1 − e^(−t/10 ms)); "
        "compare that with the 13 mV between rest and threshold."
    )
    return Feedback.wrong(f"Look again at case {first}: {SPIKE_CASES[first][0]}.", hint)


class MysteryNeuron:
    """A LIF neuron (rest −70 mV, R = 10 MΩ, τ = 10 ms) whose threshold is hidden.

    probe(current) runs it for 500 ms on a constant current (nA) and returns the spike count.
    """

    def __init__(self, rng: np.random.Generator) -> None:
        threshold = round(float(check_rng(rng).uniform(-62.0, -45.0)), 1)
        self._neuron = LIFNeuron(v_rest=-70.0, v_threshold=threshold, v_reset=-75.0)
        self.probes = 0

    @property
    def v_rest(self) -> float:
        return self._neuron.v_rest

    @property
    def resistance(self) -> float:
        return self._neuron.resistance

    def probe(self, current: float) -> int:
        """The number of spikes in 500 ms of a constant `current` (nA)."""
        self.probes += 1
        return self._neuron.simulate(as_float(current, "current"), duration=500.0).n_spikes

    def __repr__(self) -> str:
        return "MysteryNeuron(v_rest=-70.0 mV, resistance=10.0 MΩ, threshold=?)"


def check_mystery_threshold(mystery: MysteryNeuron, answer: Any) -> Feedback:
    """The hidden threshold (mV) of `mystery`, within 0.5 mV."""
    if not isinstance(mystery, MysteryNeuron):
        raise TypeError(f"mystery must be a MysteryNeuron, got {type(mystery).__name__}.")
    if answer is None:
        return Feedback.wrong(
            "No answer yet.",
            "Probe currents to find the smallest one that fires, then use V_th = v_rest + R·I.",
        )
    value, truth = as_float(answer, "answer"), mystery._neuron.v_threshold
    if abs(value - truth) <= 0.5:
        return Feedback.right(
            f"The threshold is {format_number(truth, 1)} mV; "
            f"you found it with {mystery.probes} probes."
        )
    if 0.0 < value < 10.0:
        hint = "That looks like a current in nA. Convert: V_th = v_rest + R·I_rh (in mV)."
    elif value <= mystery.v_rest:
        hint = "A threshold at or below rest would fire with no input at all, yet probe(0) is 0."
    else:
        current = (value - mystery.v_rest) / mystery.resistance
        side, verdict = ("high", "fires") if value > truth else ("low", "stays silent")
        hint = (
            f"Too {side}: a threshold of {value:g} mV means a rheobase of {current:.3g} nA, but "
            f"the neuron {verdict} near there. Narrow your bracket by halving it."
        )
    return Feedback.wrong(f"{value:g} mV is off by more than 0.5 mV.", hint)
