"""JSON export and import of weights: exact round trip, and clear messages for bad text."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nnlib import Linear, Sequential, Sigmoid
from nnlib.serialize import state_dict_from_json, state_dict_to_json


def model(seed: int) -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(Linear(3, 4, rng=rng), Sigmoid(), Linear(4, 1, rng=rng))


def test_round_trip_is_exact_and_loads_into_another_model() -> None:
    source, target = model(0), model(1)
    text = state_dict_to_json(source.state_dict())
    target.load_state_dict(state_dict_from_json(text))
    for (name, a), (_, b) in zip(
        source.state_dict().items(), target.state_dict().items(), strict=True
    ):
        assert np.array_equal(a, b), name
    x = np.random.default_rng(2).normal(size=(5, 3))
    assert np.array_equal(source(x), target(x))


def test_json_is_plain_nested_lists_under_state_dict_keys() -> None:
    raw = json.loads(state_dict_to_json(model(0).state_dict()))
    assert list(raw) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert len(raw["0.weight"]) == 4 and len(raw["0.weight"][0]) == 3
    assert isinstance(raw["2.bias"][0], float)


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ('{"0.weight": [[1, 2]', ValueError, "not valid JSON: Expecting ',' delimiter at line 1"),
        ("", ValueError, "The JSON text is empty"),
        ("[1, 2]", ValueError, "must be an object like"),
        ('{"0.bias": [1, NaN]}', ValueError, "JSON entry '0.bias' must hold only finite numbers"),
        ('{"0.bias": ["a"]}', TypeError, "JSON entry '0.bias' must contain only real numbers"),
        ('{"0.weight": [[1], [1, 2]]}', ValueError, "must be rectangular"),
    ],
)
def test_bad_text_gives_a_clear_message(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(")):
        state_dict_from_json(text)


def test_non_string_and_non_mapping_arguments_are_refused() -> None:
    with pytest.raises(TypeError, match="text must be a string of JSON, got dict"):
        state_dict_from_json({"0.bias": [1.0]})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="state must be a dict"):
        state_dict_to_json([1.0, 2.0])  # type: ignore[arg-type]
