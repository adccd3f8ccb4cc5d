"""Weights as JSON text: {"0.weight": [[…], …], "0.bias": […], …}, the keys of state_dict().

The text is plain nested lists, so it can be pasted between notebooks, kept in a file, or loaded
into PyTorch with `{k: torch.tensor(v) for k, v in json.loads(text).items()}`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from nnlib.validation import FloatArray, as_float_array


def state_dict_to_json(state: Mapping[str, Any]) -> str:
    """{'0.weight': array (out, in), …} → indented JSON text; floats keep every digit."""
    if not isinstance(state, Mapping):
        raise TypeError(
            f"state must be a dict from names like '0.weight' to arrays, got "
            f"{type(state).__name__}. Pass model.state_dict()."
        )
    lists = {
        str(name): as_float_array(value, f"state[{name!r}]", ndim=(0, 1, 2)).tolist()
        for name, value in state.items()
    }
    return json.dumps(lists, indent=1)


def state_dict_from_json(text: Any) -> dict[str, FloatArray]:
    """JSON text from state_dict_to_json → {'0.weight': array, …}; shapes are checked on load."""
    if not isinstance(text, str):
        raise TypeError(
            f"text must be a string of JSON, got {type(text).__name__}. "
            f"Pass the text that export_json() or state_dict_to_json() produced."
        )
    if not text.strip():
        raise ValueError("The JSON text is empty. Paste the exported weights first.")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"The text is not valid JSON: {error.msg} at line {error.lineno}, column "
            f"{error.colno}. Check for a missing comma, bracket or quote."
        ) from None
    if not isinstance(raw, dict):
        raise ValueError(
            f'The JSON must be an object like {{"0.weight": [[...]], "0.bias": [...]}}, got '
            f"a JSON {type(raw).__name__}."
        )
    return {
        name: as_float_array(value, f"JSON entry {name!r}", ndim=(0, 1, 2))
        for name, value in raw.items()
    }
