"""A line's coordinates as few bytes as the browser can rebuild exactly: the wire format.

Most long lines in the panels are sampled on an evenly spaced grid (a curve over x, a voltage
trace over time), often drawn in pieces separated by NaN (error bars, spikes), or blank (NaN)
outside a window (a bump). A coordinate on such a grid goes out as its start and step, not
as an array: the browser computes start + k·step in float64 and rounds to float32 as numpy
does, so it rebuilds every float32 to the bit. `pack_line` chooses the form, `unpack_line`
gives back the arrays; canvas.js's `unpackLine` does the same in the page.

Packed fields of a line item (each optional; plain float32 bytes otherwise):
- "x" or "y" as {"start", "step", "n", "repeat"}: value k is start + ⌊k / repeat⌋ · step.
- "gap": p — every p-th point (indices p − 1, 2p − 1, ...) was NaN in x and y, and is left out.
- "window": [lo, hi, n] — the non-grid coordinate is sent for points lo..hi − 1 only, and is
  NaN at the other points of the n: outside a window the line is not drawn anyway.
"""

from __future__ import annotations

from typing import Any

import numpy as np

MIN_POINTS = 16  # shorter lines go as plain arrays: packing them would save nothing
Grid = dict[str, float | int]


def _f32(values: np.ndarray) -> bytes:
    return np.ascontiguousarray(values, dtype=np.float32).tobytes()


def grid_values(grid: Grid) -> np.ndarray:
    """The float32 values a grid stands for: start + ⌊k / repeat⌋ · step, computed in float64."""
    steps = np.arange(int(grid["n"]) // int(grid["repeat"]), dtype=np.float64)
    values = (steps * float(grid["step"]) + float(grid["start"])).astype(np.float32)
    return np.repeat(values, int(grid["repeat"]))


def as_grid(values: np.ndarray) -> Grid | None:
    """`values` (float64) as a grid whose float32 values are theirs exactly, or None."""
    n = values.size
    repeat = 1
    while repeat < n and values[repeat] == values[0]:
        repeat += 1
    if repeat > 2 or n % repeat or n // repeat < 3:
        return None
    distinct = values[::repeat]
    if repeat > 1 and not np.array_equal(values[1::repeat], distinct):
        return None
    start, count = float(distinct[0]), distinct.size
    step = (float(distinct[-1]) - start) / (count - 1)
    grid: Grid = {"start": start, "step": step, "n": n, "repeat": repeat}
    if not np.isfinite(step) or not np.array_equal(grid_values(grid), values.astype(np.float32)):
        return None
    return grid


def _gap(x: np.ndarray, y: np.ndarray) -> int:
    """p if exactly the points p − 1, 2p − 1, ... are NaN in both x and y (a line in pieces)."""
    blank = np.isnan(x) & np.isnan(y)
    first = int(np.argmax(blank))
    period = first + 1
    if not blank[first] or period < 2 or x.size % period:
        return 0
    expected = np.zeros(x.size, dtype=bool)
    expected[first::period] = True
    bad = ~(np.isfinite(x) & np.isfinite(y))
    return period if np.array_equal(bad, expected) and np.array_equal(blank, expected) else 0


def pack_line(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """The fields "x" and "y" (and "gap", "window" when used) of a line item for (x, y)."""
    if x.size < MIN_POINTS or x.size != y.size:
        return {"x": _f32(x), "y": _f32(y)}
    out: dict[str, Any] = {}
    period = _gap(x, y)
    if period:
        keep = np.ones(x.size, dtype=bool)
        keep[period - 1 :: period] = False
        x, y = x[keep], y[keep]
        out["gap"] = period
    grid_x = as_grid(x)
    grid_y = None if grid_x else as_grid(y)
    if grid_x or grid_y:
        on_grid, other = ("x", y) if grid_x else ("y", x)
        out[on_grid] = grid_x or grid_y
        shown = np.flatnonzero(np.isfinite(other))
        lo, hi = (int(shown[0]), int(shown[-1]) + 1) if shown.size else (0, 0)
        if hi - lo < other.size:
            out["window"] = [lo, hi, int(other.size)]
        out["y" if grid_x else "x"] = _f32(other[lo:hi])
    out.setdefault("x", _f32(x))
    out.setdefault("y", _f32(y))
    return out


def _coordinate(value: Any, window: list[int] | None) -> np.ndarray:
    if isinstance(value, dict):
        return grid_values(value)
    values = np.frombuffer(bytes(value), dtype=np.float32)
    if window is None:
        return values
    lo, hi, n = window
    full = np.full(n, np.nan, dtype=np.float32)
    full[lo:hi] = values
    return full


def unpack_line(item: dict[str, Any]) -> dict[str, Any]:
    """A line item with plain float32 "x" and "y" bytes again, as the page rebuilds them."""
    if not any(key in item for key in ("gap", "window")) and not any(
        isinstance(item.get(key), dict) for key in ("x", "y")
    ):
        return item
    window = item.get("window")
    x, y = (_coordinate(item[key], window) for key in ("x", "y"))
    period = item.get("gap", 0)
    if period:
        pieces = x.size // (period - 1)
        x, y = (
            np.column_stack([v.reshape(pieces, period - 1), np.full(pieces, np.nan, np.float32)])
            .reshape(-1)
            .astype(np.float32)
            for v in (x, y)
        )
    rest = {k: v for k, v in item.items() if k not in ("gap", "window")}
    return {**rest, "x": x.tobytes(), "y": y.tobytes()}
