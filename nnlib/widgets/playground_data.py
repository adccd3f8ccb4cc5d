"""The playground's points: training and test sets the learner edits, and their CSV form.

A CSV holds a header row `x1,x2,label` and one point per row, label 0 or 1. A bad file is
refused with a message naming its line and the problem, before anything is changed.
"""

from __future__ import annotations

import base64
import html
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnlib.validation import FloatArray, as_float

MAX_POINTS = 10_000  # every step may train on all of them, and every tick draws them
COLUMNS = ("x1", "x2", "label")


class CSVError(ValueError):
    """A CSV file that cannot become points; the message names the line and the problem."""


@dataclass
class Points:
    """Training and test points: X (n, 2) and labels y (n, 1) of 0.0 or 1.0 for each set."""

    X_train: FloatArray
    y_train: FloatArray
    X_test: FloatArray
    y_test: FloatArray

    @property
    def count(self) -> int:
        return len(self.X_train) + len(self.X_test)

    def all(self) -> tuple[FloatArray, FloatArray]:
        return np.vstack([self.X_train, self.X_test]), np.vstack([self.y_train, self.y_test])

    def add(self, x1: Any, x2: Any, label: Any) -> None:
        """A new training point (the learner shapes what the network learns from)."""
        point = [as_float(x1, "x1"), as_float(x2, "x2")]
        if isinstance(label, bool) or label not in (0, 1):
            raise ValueError(
                f"label must be 0 or 1, got {label!r}. Click for label 0, shift-click for 1, "
                f"or call add_point(x1, x2, 0) or add_point(x1, x2, 1)."
            )
        if self.count >= MAX_POINTS:
            raise ValueError(
                f"The playground holds at most {MAX_POINTS:,} points and has {self.count:,}. "
                f"Erase some before adding more."
            )
        self.X_train = np.vstack([self.X_train, [point]])
        self.y_train = np.vstack([self.y_train, [[float(label)]]])

    def erase_near(self, x1: Any, x2: Any, reach: float) -> bool:
        """Remove the point nearest (x1, x2) if it lies within `reach`; say whether one went."""
        where = np.array([as_float(x1, "x1"), as_float(x2, "x2")])
        best: tuple[float, str, int] | None = None
        for name in ("train", "test"):
            X = getattr(self, f"X_{name}")
            if len(X):
                distances = np.hypot(*(X - where).T)
                index = int(np.argmin(distances))
                if best is None or distances[index] < best[0]:
                    best = (float(distances[index]), name, index)
        if best is None or best[0] > reach:
            return False
        _, name, index = best
        setattr(self, f"X_{name}", np.delete(getattr(self, f"X_{name}"), index, axis=0))
        setattr(self, f"y_{name}", np.delete(getattr(self, f"y_{name}"), index, axis=0))
        return True


def extent_of(X: FloatArray) -> tuple[float, float, float, float]:
    """A box around the points on a 0.5 grid, at least [−1.5, 1.5]²: it rarely changes."""
    if not len(X):
        return -1.5, 1.5, -1.5, 1.5
    low = np.minimum(np.floor((X.min(axis=0) - 0.25) * 2) / 2, -1.5)
    high = np.maximum(np.ceil((X.max(axis=0) + 0.25) * 2) / 2, 1.5)
    return float(low[0]), float(high[0]), float(low[1]), float(high[1])


def to_csv(X: FloatArray, y: FloatArray) -> str:
    """x1,x2,label rows; floats keep every digit (repr), labels are 0 or 1."""
    rows = [",".join(COLUMNS)]
    rows += [f"{a!r},{b!r},{int(label)}" for (a, b), label in zip(X.tolist(), y[:, 0], strict=True)]
    return "\n".join(rows) + "\n"


def download_link(X: FloatArray, y: FloatArray) -> str:
    """An HTML link that saves the points as points.csv: a data: URI, so no server is needed."""
    encoded = base64.b64encode(to_csv(X, y).encode("utf-8")).decode("ascii")
    return (
        f'<a class="nnlib-download" download="points.csv" '
        f'href="data:text/csv;base64,{html.escape(encoded)}">⤓ download the {len(X)} points '
        f"as CSV</a>"
    )


def decode(content: Any) -> str:
    """An uploaded file's bytes as text, or a CSVError if it is not UTF-8 text."""
    try:
        return bytes(content).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CSVError(
            "The file is not a text file in UTF-8: is it a CSV? Save it as CSV (UTF-8) with the "
            "columns x1, x2, label, and upload it again."
        ) from None


def parse_csv(text: Any) -> tuple[FloatArray, FloatArray]:
    """CSV text → X (n, 2), y (n, 1); any problem raises CSVError naming the line."""
    if not isinstance(text, str):
        raise TypeError(
            f"text must be the CSV as a string, got {type(text).__name__}. Pass the file's "
            f"contents, e.g. open('points.csv').read()."
        )
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise CSVError(
            "The file is empty. A CSV of points starts with the header x1,x2,label and has one "
            "point per line, such as 0.5,-1.2,1."
        )
    header = [cell.strip().lower() for cell in lines[0][1].split(",")]
    if tuple(header) != COLUMNS:
        raise CSVError(
            f"Line {lines[0][0]} (the header) must name the columns x1, x2, label, got "
            f"{', '.join(header)!s}. Put x1,x2,label in the first line."
        )
    rows = lines[1:]
    if not rows:
        raise CSVError("The file has a header but no points. Add lines such as 0.5,-1.2,1.")
    if len(rows) > MAX_POINTS:
        raise CSVError(
            f"The file has {len(rows):,} points; the playground takes at most {MAX_POINTS:,}. "
            f"Keep a sample of them, e.g. every tenth line."
        )
    values = np.array([_row(number, line) for number, line in rows])
    return values[:, :2], values[:, 2:]


def _row(number: int, line: str) -> tuple[float, float, float]:
    cells = [cell.strip() for cell in line.split(",")]
    if len(cells) != 3:
        raise CSVError(
            f"Line {number} has {len(cells)} values, {line.strip()!r}; each line needs three: "
            f"x1, x2, label."
        )
    numbers = []
    for name, cell in zip(COLUMNS, cells, strict=True):
        try:
            value = float(cell)
        except ValueError:
            raise CSVError(
                f"Line {number}: {name} is {cell!r}, not a number. Write numbers such as 0.5."
            ) from None
        if not math.isfinite(value):
            raise CSVError(f"Line {number}: {name} is {cell}; write a finite number.")
        numbers.append(value)
    if numbers[2] not in (0.0, 1.0):
        raise CSVError(
            f"Line {number}: label is {cells[2]}, but labels must be 0 or 1 (the two classes)."
        )
    return numbers[0], numbers[1], numbers[2]
