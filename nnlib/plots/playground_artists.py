"""Two matplotlib artists' parts made cheap for the playground's play tick: a norm that skips
masked arrays for plain ones, and a LineCollection whose segments never change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize

from nnlib.validation import FloatArray


class PlainNorm(Normalize):
    """Normalize, with a short way for a plain array (what the canvas payload passes on every
    tick): the same arithmetic, without building masked arrays."""

    def __call__(self, value: Any, clip: bool | None = None) -> Any:
        low, high = self.vmin, self.vmax
        if clip or type(value) is not np.ndarray or low is None or high is None or low >= high:
            return super().__call__(value, clip)
        result = value.astype(np.float64)  # a copy, as Normalize makes
        result -= low
        result /= high - low
        return result


class FixedSegments(LineCollection):
    """A LineCollection whose segments are set once: reading them back costs nothing per tick
    (matplotlib rebuilds them from paths on every get_segments), as only widths and colours
    change while training plays."""

    def set_segments(self, segments: Sequence[Any] | None) -> None:
        self.fixed = [np.asarray(s, dtype=np.float64) for s in segments or ()]
        super().set_segments(segments)

    def get_segments(self) -> list[FloatArray]:
        return self.fixed
