"""Input checks that turn bad input into a message a learner can act on.

Every public entry point converts its arguments through these helpers, so a wrong shape or a NaN
is reported where it was passed in, never as a numpy traceback from deep inside.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from itertools import pairwise
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
# A name for error messages, or a function that builds it: layers pass a function so that a
# forward pass pays for formatting "input to layer 2 (Linear(...))" only when something is wrong.
Name: TypeAlias = str | Callable[[], str]


def name_of(name: Name) -> str:
    return name if isinstance(name, str) else name()


def as_float_array(
    value: Any, name: Name, *, ndim: tuple[int, ...] = (1, 2), copy: bool = True
) -> FloatArray:
    """Convert lists, tuples or arrays of numbers to a finite float64 array with an allowed ndim.

    The result is a new array, except that with copy=False a float64 array is used as it is:
    layers pass copy=False because they never write into their input.
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        array: FloatArray = value.copy() if copy else value
    else:
        array = _to_numeric_array(value, name)
    if array.ndim not in ndim:
        name = name_of(name)
        allowed = " or ".join(f"{n}-D" for n in ndim)
        raise ValueError(
            f"{name} must be {allowed}, got a {array.ndim}-D array of shape {array.shape}. "
            f"{_ndim_hint(ndim)}"
        )
    check_finite(array, name)
    return array


def as_float(value: Any, name: str) -> float:
    """Convert one real number to a finite Python float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
            value = value.item()
        else:
            raise TypeError(
                f"{name} must be a single real number, got {type(value).__name__} {value!r}. "
                f"Pass a float such as 0.5."
            )
    result = float(value)
    if not np.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {result}. Replace NaN or inf.")
    return result


def check_finite(array: FloatArray, name: Name) -> None:
    """Raise if the array holds NaN or inf, saying where the first one is."""
    if not np.isfinite(array).all():
        bad = ~np.isfinite(array)
        name = name_of(name)
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} must hold only finite numbers, got {array[where]} at index {where}. "
            f"Remove or replace NaN and inf values before passing them in."
        )


def as_input_vector(x: Any, n_inputs: int, *, default: float, owner: str) -> FloatArray:
    """One sample for a panel: a fresh (n_inputs,) array, or `default` everywhere when x is None."""
    if x is None:
        return np.full(n_inputs, default)
    inputs = as_float_array(x, "x", ndim=(1,))
    if inputs.shape != (n_inputs,):
        raise ValueError(
            f"x must hold one number per input of the {owner}, shape ({n_inputs},), got shape "
            f"{inputs.shape}. Give the {owner} exactly {n_inputs} inputs."
        )
    return inputs


# Upper bounds on sizes, so that a typo such as 10**9 is refused with a message rather than
# ending in a MemoryError or an hour of computing. nnlib's networks and data sets are small.
MAX_UNITS = 100_000  # units in one layer
MAX_WEIGHTS = 10_000_000  # weights in one Linear layer: 80 MB of float64
MAX_SAMPLES = 1_000_000  # rows of a generated data set
MAX_EPOCHS = 1_000_000

LAYER_HINT = (
    f"A layer needs at least one unit, and nnlib's layers hold at most {MAX_UNITS:,}; "
    f"pass a whole number such as 3."
)


def check_size(
    value: Any, name: str, *, hint: str = LAYER_HINT, minimum: int = 1, maximum: int = MAX_UNITS
) -> int:
    """A count such as a layer size: an integer in [minimum, maximum] (bools and 3.0 refused).

    `hint` ends the message, saying what the count is for and what to pass instead.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a positive integer, got {type(value).__name__} {value!r}. "
            f"Pass a whole number such as 3."
        )
    count = int(value)
    if count < minimum:
        what = "a positive integer" if minimum == 1 else f"at least {minimum}"
        raise ValueError(f"{name} must be {what}, got {count}. {hint}")
    if count > maximum:
        raise ValueError(f"{name} must be at most {maximum:,}, got {count:,}. {hint}")
    return count


def check_sizes(sizes: Any, name: str = "sizes") -> list[int]:
    """Layer sizes from input to output, such as [2, 8, 1]: at least two, each a layer size."""
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (list, tuple, np.ndarray)):
        raise TypeError(
            f"{name} must be a list of layer sizes such as [2, 8, 1], got "
            f"{type(sizes).__name__} {sizes!r}."
        )
    widths = [check_size(size, f"{name}[{i}]") for i, size in enumerate(sizes)]
    if len(widths) < 2:
        raise ValueError(
            f"{name} must list at least an input and an output size, got {list(sizes)}. "
            f"For example [2, 8, 1]: 2 inputs, 8 hidden neurons, 1 output."
        )
    for index, (n_in, n_out) in enumerate(pairwise(widths)):
        check_weight_count(n_in, n_out, f"{name}[{index}] × {name}[{index + 1}]")
    return widths


def check_weight_count(n_in: int, n_out: int, name: str) -> None:
    """Refuse a Linear layer whose weight matrix would not fit in memory comfortably."""
    if n_in * n_out > MAX_WEIGHTS:
        raise ValueError(
            f"{name} gives a layer of {n_in:,} × {n_out:,} = {n_in * n_out:,} weights, more "
            f"than nnlib's limit of {MAX_WEIGHTS:,} ({MAX_WEIGHTS * 8 // 10**6} MB). "
            f"Use smaller layers: a few to a few hundred units are plenty here."
        )


def check_nonempty(array: FloatArray, name: str, hint: str) -> FloatArray:
    """Refuse an array with no entries, whose mean or rate would be NaN or meaningless."""
    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}): there is nothing to use. {hint}")
    return array


def check_rng(rng: Any, name: str = "rng") -> np.random.Generator:
    """Accept a numpy Generator, or None for a fresh unseeded one."""
    if rng is None:
        return np.random.default_rng()
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, got {type(rng).__name__}. "
            f"Create one with numpy.random.default_rng(seed)."
        )
    return rng


def as_numeric_array(value: Any, name: Name) -> FloatArray:
    """Numbers of any shape as float64, refusing strings, None, objects and complex numbers.

    NaN and inf pass through: the activation functions map them as numpy does (σ(inf) = 1).
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value
    return _to_numeric_array(value, name)


def _to_numeric_array(value: Any, name: Name) -> FloatArray:
    name = name_of(name)
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numbers, got the string {value!r}. Pass a list of floats.")
    try:
        raw = np.asarray(value)
    except ValueError:  # numpy refuses ragged nested lists
        raise ValueError(
            f"{name} must be rectangular: every row needs the same length, got a ragged "
            f"sequence{_row_lengths(value)}. Make every row the same length."
        ) from None
    if raw.dtype == object or raw.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must contain only real numbers, got values of dtype {raw.dtype} "
            f"(for example {_first_item(value)!r}). Convert the entries to floats."
        )
    return raw.astype(np.float64)


def _first_item(value: Any) -> Any:
    """The first entry of a nested sequence that is not a real number, to show the culprit."""
    items = value.reshape(-1).tolist() if isinstance(value, np.ndarray) else value
    if isinstance(items, (list, tuple)):
        found = (_first_item(item) for item in items)
        return next((item for item in found if item is not _ALL_REAL), _ALL_REAL)
    return _ALL_REAL if isinstance(items, numbers.Real) else items


_ALL_REAL = object()  # _first_item's answer when every entry is a real number


def _row_lengths(value: Any) -> str:
    """' with rows of lengths [3, 2]' when the top-level rows differ in length, else ''."""
    try:
        lengths = [len(row) for row in value]
    except TypeError:  # some rows are single numbers
        return ""
    return f" with rows of lengths {lengths}" if len(set(lengths)) > 1 else ""


def _ndim_hint(ndim: tuple[int, ...]) -> str:
    if ndim == (1, 2):
        return "Pass one sample as a 1-D list, or a batch as a 2-D array with one row per sample."
    if ndim == (1,):
        return "Pass a flat list of numbers."
    return "Reshape the array to the expected number of dimensions."


def check_range(value: Any, name: str, *, hint: str, largest: float = 1e6) -> tuple[float, float]:
    """A pair (low, high) of finite real numbers with low < high, each within ±largest.

    `hint` ends the message with an example of a good range, such as "Try (-3.0, 3.0)."
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list, np.ndarray)):
        raise TypeError(
            f"{name} must be a pair (low, high) of numbers, got {type(value).__name__} "
            f"{value!r}. {hint}"
        )
    if len(value) != 2:
        raise ValueError(
            f"{name} must be a pair (low, high) of numbers, got {len(value)} values. {hint}"
        )
    low, high = (as_float(end, f"{name}[{i}]") for i, end in enumerate(value))
    if not low < high:
        raise ValueError(
            f"{name} must run from low to high, got ({low:g}, {high:g}): "
            f"{'an empty range' if low == high else 'backwards'}. {hint}"
        )
    if max(abs(low), abs(high)) > largest:
        raise ValueError(f"{name} must lie within ±{largest:g}, got ({low:g}, {high:g}). {hint}")
    return low, high


def check_between(value: Any, name: str, low: float, high: float, *, hint: str) -> float:
    """One finite real number in [low, high]; `hint` says what the bounds are for."""
    number = as_float(value, name)
    if not low <= number <= high:
        raise ValueError(f"{name} must lie from {low:g} to {high:g}, got {number:g}. {hint}")
    return number


MAX_SEED = 2**32 - 1


def check_seed(value: Any, name: str = "seed", maximum: int = MAX_SEED) -> int:
    """A seed for numpy.random.default_rng: a whole number from 0 to `maximum`, never clamped."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a whole number from 0 to {maximum:,}, got {type(value).__name__} "
            f"{value!r}. Pass a seed such as 0 or 42."
        )
    if not 0 <= int(value) <= maximum:
        raise ValueError(
            f"{name} must be a whole number from 0 to {maximum:,}, got {int(value):,}. "
            f"Pass a seed in that range, such as 0 or 42."
        )
    return int(value)


def check_flag(value: Any, name: str) -> bool:
    """True or False (numpy's bool too), nothing else: 'no' would count as True."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}.")
    return bool(value)


def check_index(value: Any, name: str, count: int, what: str) -> int:
    """A whole number from 0 to count − 1: an index into `count` things described by `what`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a whole number (an index from 0), got {type(value).__name__} "
            f"{value!r}. Pass an index such as 0."
        )
    if not 0 <= int(value) < count:
        raise ValueError(
            f"{name} must be an index from 0 to {count - 1} (there are {count} {what}), got "
            f"{int(value)}. Pass an index in that range."
        )
    return int(value)
