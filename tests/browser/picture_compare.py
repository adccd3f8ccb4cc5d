"""Compare a screenshot of a panel's canvas with matplotlib's own picture of the same figure.

Two pictures of the same figure differ a little where the browser and Agg antialias edges and
hint glyphs differently: after a half-pixel blur of both, such pixels have a pixel of similar
colour within one CSS px in the other picture. A layer drawn in the wrong place does not. So the
comparison counts "unmatched" pixels (no similar pixel within the radius, either direction) as a
share of the ink (pixels not white in either picture), and looks for solid unmatched blocks 2×2
CSS px large, which antialiasing never makes. It also reports the plain mean absolute difference
per channel and the share of pixels that differ strongly in place, without any blur.

At device pixel ratio 1 the page shows the 2x background scaled down, while the reference is
matplotlib's own 1x picture, whose pixel snapping and text layout (legends) land up to 2 CSS px
from the 2x ones: there the radius is 2 CSS px. The negative controls move a layer by 4.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

STRONG = 64  # a channel differing by more than this (of 255) is a visible difference
MAX_UNMATCHED = 0.01  # share of the ink with no similar pixel within the radius
SOLID_CSS_PX = 2  # an unmatched block this wide and tall is a misplaced thing, not an edge
INK = 240  # a pixel with a channel below this is ink, not white paper
VERMILLION = (213, 94, 0)


def rgb(png: bytes, blur: float = 0.0) -> np.ndarray:
    """A PNG as int16 RGB, any transparency composited over white as the page shows it."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(white, image).convert("RGB")
    if blur:
        flat = flat.filter(ImageFilter.BoxBlur(blur))
    return np.asarray(flat, dtype=np.int16)


def _unmatched(a: np.ndarray, b: np.ndarray, radius: int) -> np.ndarray:
    """Pixels of `a` with no pixel of similar colour (every channel within STRONG) near it in b."""
    padded = np.pad(b, ((radius, radius), (radius, radius), (0, 0)), mode="edge")
    height, width = a.shape[:2]
    best = np.full((height, width), 255, dtype=np.int16)
    for dy in range(2 * radius + 1):
        for dx in range(2 * radius + 1):
            shifted = padded[dy : dy + height, dx : dx + width]
            best = np.minimum(best, np.abs(a - shifted).max(axis=2))
    return best > STRONG


def _solid(mask: np.ndarray, side: int) -> int:
    """How many side×side blocks of the mask are unmatched throughout."""
    height, width = mask.shape
    if height < side or width < side:
        return 0
    block = np.ones((height - side + 1, width - side + 1), dtype=bool)
    for dy in range(side):
        for dx in range(side):
            block &= mask[dy : dy + height - side + 1, dx : dx + width - side + 1]
    return int(block.sum())


@dataclass
class Comparison:
    """How a canvas screenshot differs from the matplotlib snapshot (scale: device px per CSS)."""

    scale: float
    size: tuple[tuple[int, ...], tuple[int, ...]]
    radius: float = 1.0  # CSS px
    mean_abs: tuple[float, float, float] = (255.0, 255.0, 255.0)  # unblurred, per channel
    strong: float = 1.0  # share of pixels whose colour differs by > STRONG in place, unblurred
    unmatched: float = 1.0  # share of the ink with no similar pixel within the radius
    solid: int = 0  # unmatched SOLID_CSS_PX × SOLID_CSS_PX blocks
    where: list[str] = field(default_factory=list)
    mask: np.ndarray | None = None

    @property
    def passed(self) -> bool:
        same_size = self.size[0] == self.size[1]
        return same_size and self.unmatched <= MAX_UNMATCHED and self.solid == 0

    def summary(self) -> str:
        if self.size[0] != self.size[1]:
            return f"sizes differ: canvas {self.size[0]} vs matplotlib {self.size[1]}"
        mean = "/".join(f"{v:.2f}" for v in self.mean_abs)
        return (
            f"x{self.scale:g}: mean |diff| R/G/B {mean}, {100 * self.strong:.2f}% of pixels "
            f"differ > {STRONG} in place; {100 * self.unmatched:.2f}% of the ink unmatched within "
            f"{self.radius:g} CSS px (max {100 * MAX_UNMATCHED:g}%), {self.solid} solid "
            f"{SOLID_CSS_PX}×{SOLID_CSS_PX} CSS px blocks (max 0)"
            + ("; " + "; ".join(self.where) if self.where else "")
        )


def compare(canvas_png: bytes, reference_png: bytes, scale: float, geometry: Any) -> Comparison:
    a, b = rgb(canvas_png), rgb(reference_png)
    if a.shape != b.shape:
        return Comparison(scale, (a.shape, b.shape))
    diff = np.abs(a - b)
    mean = diff.mean(axis=(0, 1))
    radius = 1.0 if scale >= 2 else 2.0
    a, b = rgb(canvas_png, blur=0.5), rgb(reference_png, blur=0.5)
    reach = max(1, round(radius * scale))
    mask = _unmatched(a, b, reach) | _unmatched(b, a, reach)
    ink = max(1, int(((a.min(axis=2) < INK) | (b.min(axis=2) < INK)).sum()))
    return Comparison(
        scale,
        (a.shape, b.shape),
        radius,
        (float(mean[0]), float(mean[1]), float(mean[2])),
        float((diff.max(axis=2) > STRONG).mean()),
        float(mask.sum() / ink),
        _solid(mask, max(1, round(SOLID_CSS_PX * scale))),
        _where(mask, scale, geometry),
        mask,
    )


def _where(mask: np.ndarray, scale: float, geometry: Any) -> list[str]:
    """Where the unmatched pixels are: per axes box, with their bounding box in CSS px."""
    if not mask.any():
        return []
    ys, xs = np.nonzero(mask)
    css_x, css_y = xs / scale, ys / scale
    found = []
    inside = np.zeros(len(xs), dtype=bool)
    for index, axes in enumerate(geometry.get("axes", [])):
        left, top, width, height = axes["box"]
        here = (css_x >= left) & (css_x <= left + width) & (css_y >= top) & (css_y <= top + height)
        inside |= here
        if here.any():
            found.append(f"axes {index}: {here.sum()} px in {_box(css_x[here], css_y[here])}")
    if (~inside).any():
        outside = ~inside
        found.append(
            f"outside the axes: {outside.sum()} px in {_box(css_x[outside], css_y[outside])}"
        )
    return found


def _box(xs: np.ndarray, ys: np.ndarray) -> str:
    return f"x {xs.min():.0f}..{xs.max():.0f}, y {ys.min():.0f}..{ys.max():.0f} CSS px"


def save_diff(comparison: Comparison, canvas_png: bytes, reference_png: bytes, path: Path) -> Path:
    """Canvas | matplotlib | the snapshot faded, unmatched pixels in vermillion; side by side."""
    a, b = rgb(canvas_png), rgb(reference_png)
    height = max(a.shape[0], b.shape[0])
    pictures = [a, b]
    if comparison.mask is not None:
        marked = (255 - (255 - b) // 3).astype(np.int16)
        marked[comparison.mask] = VERMILLION
        pictures.append(marked)
    row = np.full((height, sum(p.shape[1] for p in pictures) + 8 * len(pictures), 3), 128)
    x = 0
    for picture in pictures:
        row[: picture.shape[0], x : x + picture.shape[1]] = picture
        x += picture.shape[1] + 8
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(row.astype(np.uint8)).save(path)
    return path
