"""Shared hypothesis strategies: finite floats, float64 arrays and small layer sizes.

Import them as `from strategies import ...` (pytest puts `tests/` on sys.path).
"""

from __future__ import annotations

import numpy as np
from gradcheck import FloatArray
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# Wide enough to reach saturation (|z| ≫ 40), narrow enough that z ± ε is still distinct.
BIG = 1e4


def finite_floats(lo: float = -BIG, hi: float = BIG) -> st.SearchStrategy[float]:
    """Finite float64 values in [lo, hi], never NaN or inf."""
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def away_from_zero(gap: float = 1e-3, hi: float = 50.0) -> st.SearchStrategy[float]:
    """Finite values with |z| in [gap, hi]: safe for central differences across a kink at 0."""
    return st.builds(lambda m, s: m * s, finite_floats(gap, hi), st.sampled_from([-1.0, 1.0]))


def float_arrays(
    elements: st.SearchStrategy[float] | None = None,
    min_dims: int = 1,
    max_dims: int = 2,
    max_side: int = 5,
) -> st.SearchStrategy[FloatArray]:
    """float64 arrays of 1 to 2 dimensions (by default), each side 1 to `max_side` long."""
    shapes = hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side)
    return hnp.arrays(
        np.float64, shapes, elements=finite_floats() if elements is None else elements
    )


def layer_sizes() -> st.SearchStrategy[int]:
    """A small positive layer width."""
    return st.integers(1, 6)


def architectures(max_layers: int = 4) -> st.SearchStrategy[list[int]]:
    """Layer widths [n_in, h1, …, n_out] of a small multi-layer network."""
    return st.lists(layer_sizes(), min_size=2, max_size=max_layers + 1)


def seeds() -> st.SearchStrategy[int]:
    """Seeds for np.random.default_rng, so each example is reproducible."""
    return st.integers(0, 2**32 - 1)
