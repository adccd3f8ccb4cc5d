"""`make images` reproduces the committed diagrams byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from nnlib.images import DIAGRAMS, write_all

IMAGES = Path(__file__).resolve().parent.parent / "notebooks" / "images"


def test_every_committed_image_is_drawn_by_code() -> None:
    committed = {p.name for p in IMAGES.glob("*.svg")}
    assert committed == set(DIAGRAMS), "each SVG in notebooks/images/ must come from DIAGRAMS"


@pytest.mark.parametrize("filename", sorted(DIAGRAMS))
def test_regenerated_image_matches_committed_file(filename: str, tmp_path: Path) -> None:
    write_all(tmp_path)
    fresh = (tmp_path / filename).read_bytes()
    assert fresh == (IMAGES / filename).read_bytes(), "run `make images` and commit the result"


def test_rendering_twice_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_all(first)
    write_all(second)
    for filename in DIAGRAMS:
        assert (first / filename).read_bytes() == (second / filename).read_bytes()
