"""The playground's cheap artist parts give what matplotlib's own give."""

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize

from nnlib.plots.playground_artists import FixedSegments, PlainNorm


@pytest.mark.parametrize(("low", "high"), [(-1.0625, 1.0), (0.0, 1.0), (-3.0, -0.5)])
def test_plain_norm_matches_normalize_including_nan(low: float, high: float) -> None:
    values = np.random.default_rng(0).normal(size=(22, 10)) * 2
    values[5] = np.nan  # the transparent rows between tiles
    expected = np.ma.filled(Normalize(low, high)(values), np.nan)
    np.testing.assert_array_equal(PlainNorm(low, high)(values), expected)
    masked = np.ma.masked_invalid(values)  # what matplotlib's own drawing passes: unchanged
    assert np.ma.isMaskedArray(PlainNorm(low, high)(masked))


def test_plain_norm_does_not_write_into_its_input() -> None:
    values = np.linspace(-1.0, 1.0, 7)
    PlainNorm(-1.0, 1.0)(values)
    np.testing.assert_array_equal(values, np.linspace(-1.0, 1.0, 7))


def test_fixed_segments_read_back_as_a_line_collection_would() -> None:
    first = [np.array([[0.0, 0.0], [1.0, 2.0]]), np.array([[3.0, 1.0], [4.0, 0.5]])]
    ours, theirs = FixedSegments(first), LineCollection(first)
    for a, b in zip(ours.get_segments(), theirs.get_segments(), strict=True):
        np.testing.assert_array_equal(a, b)
    ours.set_segments(first[:1])  # set again: read back anew, not the old ones
    assert len(ours.get_segments()) == 1
    np.testing.assert_array_equal(ours.get_segments()[0], first[0])
