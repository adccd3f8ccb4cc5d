"""What a live figure sends to the browser: its geometry, and its moving artists as small arrays.

matplotlib keeps drawing the whole figure (that is what `snapshot_png` shows), but on every
update only the artists that move are described, as typed binary arrays in data coordinates,
and the browser draws them on a canvas over a background picture of everything else.

Sizes are CSS pixels: a figure `w` inches wide is `w · CSS_DPI` px on the page, whatever its dpi.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
from matplotlib import rcParams
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import Colormap, to_rgba, to_rgba_array
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.text import Text
from PIL import Image

from nnlib.plots.packing import pack_line
from nnlib.plots.palette import WHITE

CSS_DPI = 100.0  # CSS pixels per inch of figure
PX_PER_POINT = CSS_DPI / 72.0
BACKGROUND_SCALE = 2  # backgrounds and snapshots carry 2 device pixels per CSS pixel
Item = dict[str, Any]  # one drawn thing: JSON fields plus `bytes` arrays


def snap_to_css_pixels(figure: Figure) -> None:
    """Make the figure a whole number of CSS px in each direction, at 1x and at 2x alike.

    Agg truncates a figure's size to whole pixels; a width of 839.5 px would be 839 px in the
    snapshot but 840 on the page. A hair over the whole number keeps truncation exact.
    """
    whole = np.round(np.asarray(figure.get_size_inches()) * CSS_DPI)
    figure.set_size_inches(*((whole + 1e-6) / CSS_DPI))


def css_size(figure: Figure) -> tuple[int, int]:
    """The figure's size on the page in CSS px (width, height)."""
    width, height = figure.get_size_inches()
    return round(width * CSS_DPI), round(height * CSS_DPI)


def geometry(figure: Figure) -> dict[str, Any]:
    """Each axes' box in CSS px (left, top, width, height, from the top left) and its limits."""
    width, height = css_size(figure)
    boxes = []
    for ax in figure.axes:
        x0, y0, w, h = ax.get_position().bounds
        boxes.append(
            {
                "box": [
                    float(v) for v in (x0 * width, (1.0 - y0 - h) * height, w * width, h * height)
                ],
                "xlim": [float(v) for v in ax.get_xlim()],
                "ylim": [float(v) for v in ax.get_ylim()],
                "xscale": ax.get_xscale(),
                "yscale": ax.get_yscale(),
                "face": _rgba_bytes([ax.get_facecolor()])[0].tolist()
                if ax.axison and ax.get_frame_on()
                else None,
            }
        )
    face = _rgba_bytes([figure.get_facecolor()])[0].tolist()
    return {"width": width, "height": height, "face": face, "axes": boxes}


def _rgba_bytes(colors: Any) -> np.ndarray:
    # matplotlib turns float colours into bytes by truncation: do the same, so colours match.
    return (to_rgba_array(colors) * 255).astype(np.uint8)


def _css(color: Any) -> str:
    r, g, b, a = to_rgba(color)
    return f"rgba({round(r * 255)},{round(g * 255)},{round(b * 255)},{a:.3f})"


def _f32(values: Any) -> bytes:
    return np.ascontiguousarray(values, dtype=np.float32).tobytes()


def _dash(style: Any, width: float) -> list[float]:
    """A Line2D style ('--', ':', '-.') as a canvas dash list in CSS px; [] for solid."""
    names = {"--": "dashed", ":": "dotted", "-.": "dashdot", "dashed": "dashed"}
    name = names.get(style) if isinstance(style, str) else None
    if name is None:
        return []
    pattern = list(rcParams[f"lines.{name}_pattern"])
    scale = width if rcParams["lines.scale_dashes"] else 1.0
    return [v * scale * PX_PER_POINT for v in pattern]


def _common(artist: Artist, figure: Figure) -> Item:
    axes: list[Any] = list(figure.axes)
    return {
        "ax": axes.index(artist.axes) if artist.axes is not None else -1,
        "z": float(artist.get_zorder()),
        "clip": bool(artist.get_clip_on()),
        "alpha": 1.0 if (alpha := artist.get_alpha()) is None else float(alpha),
        "visible": bool(artist.get_visible()),
    }


def _line(line: Line2D, figure: Figure) -> Item:
    common = {**_common(line, figure), "kind": "line"}
    if not common["visible"]:  # not drawn: its points and style would be bytes sent for nothing
        return {**common, "x": b"", "y": b""}
    width = float(line.get_linewidth())
    style = line.get_linestyle()
    marker = line.get_marker()
    item = {
        **common,
        **pack_line(*_data_coordinates(line)),
        "color": _css(line.get_color()),
        "width": 0.0 if style in ("None", "none", "", " ") else width * PX_PER_POINT,
        "dash": _dash(style, width),
        "marker": marker if marker in ("o", "s", "*", "D", "^", "x", "+") else "",
    }
    if item["marker"]:
        item["msize"] = float(line.get_markersize()) * PX_PER_POINT
        item["mfc"] = _css(line.get_markerfacecolor())
        item["mec"] = _css(line.get_markeredgecolor())
        item["mew"] = float(line.get_markeredgewidth()) * PX_PER_POINT
    return item


def _data_coordinates(line: Line2D) -> tuple[np.ndarray, np.ndarray]:
    """The line's points in its axes' data coordinates, whatever transform it was drawn with.

    axhline and axvline, for instance, give one coordinate as a fraction of the axes.
    """
    x = np.asarray(line.get_xdata(), dtype=np.float64)
    y = np.asarray(line.get_ydata(), dtype=np.float64)
    ax = line.axes
    if ax is None or line.get_transform() == ax.transData or not x.size:
        return x, y
    to_data = line.get_transform() - ax.transData
    points = to_data.transform(np.column_stack(np.broadcast_arrays(x, y)))
    return points[:, 0], points[:, 1]


def color_indices(image: AxesImage) -> tuple[np.ndarray, np.ndarray]:
    """The image as uint8 colour-map indices (rows from the bottom) and its 256×4 RGBA palette.

    Indices are those matplotlib's colormap picks: ⌊norm(a) · N⌋, clipped to [0, N − 1].
    """
    cmap = image.get_cmap()
    data = image.get_array()
    plain = data.filled(np.nan) if isinstance(data, np.ma.MaskedArray) else np.asarray(data)
    values = np.nan_to_num(np.asarray(image.norm(plain), dtype=np.float64), nan=0.0)
    values *= cmap.N
    index = np.clip(values, 0, cmap.N - 1, out=values).astype(np.uint8)
    if image.origin == "upper":
        index = index[::-1]
    return np.ascontiguousarray(index), palette_of(cmap)


_palettes: dict[int, tuple[Colormap, np.ndarray]] = {}  # id(cmap) → (a copy of it, palette)
MAX_PALETTES = 64


def palette_of(cmap: Colormap) -> np.ndarray:
    """cmap's N colours as N×4 RGBA bytes, kept per colour map: a live image sends its palette
    on every update, and a colour map rarely changes (a changed one is seen, and made anew)."""
    cached = _palettes.get(id(cmap))
    if cached is not None and cached[0] == cmap:  # == compares every colour, bad/under/over too
        return cached[1]
    palette = _rgba_bytes(cmap(np.arange(cmap.N)))
    palette.setflags(write=False)
    if len(_palettes) >= MAX_PALETTES:
        _palettes.clear()
    _palettes[id(cmap)] = (cmap.copy(), palette)
    return palette


def _image(image: AxesImage, figure: Figure) -> Item:
    index, palette = color_indices(image)
    x0, x1, y0, y1 = (float(v) for v in image.get_extent())
    if image.origin == "upper":
        y0, y1 = y1, y0
    return {
        **_common(image, figure),
        "kind": "image",
        "extent": [x0, x1, y0, y1],
        "ny": int(index.shape[0]),
        "nx": int(index.shape[1]),
        "index": index.tobytes(),
        "palette": palette.tobytes(),
        "smooth": image.get_interpolation() not in ("nearest", "none", "antialiased", "auto"),
    }


def _dash_table(styles: Sequence[Any], n: int) -> tuple[list[list[float]], bytes]:
    """Distinct dash patterns (CSS px) and, per element, the index of its pattern."""
    table: list[list[float]] = []
    found: dict[tuple[float, ...], int] = {}  # a pattern's dashes (points) → its place in table
    index = np.zeros(n, dtype=np.uint8)
    for i in range(n):
        _offset, dashes = styles[i % len(styles)] if len(styles) else (0, None)
        key = tuple(dashes) if dashes else ()
        place = found.get(key)
        if place is None:
            place = found[key] = len(table)
            table.append([float(v) * PX_PER_POINT for v in key])
        index[i] = place
    return table, index.tobytes()


def _ends(segments: Sequence[Any]) -> np.ndarray:
    """Each segment's first and last point, (n, 4): x0, y0, x1, y1."""
    if len(segments) and all(len(s) == len(segments[0]) for s in segments):  # one array op
        points = np.asarray(segments, dtype=np.float64)
        return np.concatenate([points[:, 0], points[:, -1]], axis=1)
    return np.array([[s[0][0], s[0][1], s[-1][0], s[-1][1]] for s in segments], dtype=np.float64)


def _segments(collection: LineCollection, figure: Figure) -> Item:
    segments = collection.get_segments()
    n = len(segments)
    ends = _ends(segments)
    widths = np.resize(np.asarray(collection.get_linewidth(), dtype=np.float64), n)
    colors = _rgba_bytes(collection.get_color())
    dashes, dash_index = _dash_table(collection.get_linestyle(), n)
    return {
        **_common(collection, figure),
        "kind": "segments",
        "xy": _f32(ends.reshape(-1)),
        "width": _f32(widths * PX_PER_POINT),
        "color": np.resize(colors, (n, 4)).tobytes(),
        "dashes": dashes,
        "dash_index": dash_index,
        "cap": str(collection.get_capstyle() or "butt"),
    }


def _points(collection: PathCollection, figure: Figure) -> Item:
    xy = np.asarray(collection.get_offsets(), dtype=np.float64)
    n = len(xy)
    sizes = np.resize(np.asarray(collection.get_sizes(), dtype=np.float64), n)
    widths = np.resize(np.asarray(collection.get_linewidth(), dtype=np.float64), n)
    dashes, dash_index = _dash_table(collection.get_linestyle(), n)
    return {
        **_common(collection, figure),
        "kind": "points",
        "xy": _f32(xy.reshape(-1)),
        "size": _f32(np.sqrt(sizes) * PX_PER_POINT),  # scatter sizes are areas in points²
        "face": np.resize(_rgba_bytes(collection.get_facecolor()), (n, 4)).tobytes(),
        "edge": np.resize(_rgba_bytes(collection.get_edgecolor()), (n, 4)).tobytes(),
        "ewidth": _f32(widths * PX_PER_POINT),
        "dashes": dashes,
        "dash_index": dash_index,
    }


def _css_xy(figure: Figure, display: np.ndarray) -> np.ndarray:
    """Display pixels (from the bottom) to CSS px (from the top)."""
    scale = CSS_DPI / figure.dpi
    _, height = css_size(figure)
    out = np.asarray(display, dtype=np.float64).reshape(-1, 2) * scale
    out[:, 1] = height - out[:, 1]
    return out


def _texts(texts: Sequence[Text], figure: Figure) -> Item:
    positions = np.array([t.get_transform().transform(t.get_position()) for t in texts])
    first = texts[0]
    return {
        **_common(first, figure),
        "kind": "text",
        "xy": _f32(_css_xy(figure, positions).reshape(-1)),
        "text": [t.get_text() if t.get_visible() else "" for t in texts],
        "color": [_css(t.get_color()) for t in texts],
        "size": [float(t.get_fontsize()) * PX_PER_POINT for t in texts],
        "weight": [str(t.get_fontweight()) for t in texts],
        "ha": [t.get_horizontalalignment() for t in texts],
        "va": [t.get_verticalalignment() for t in texts],
    }


def describe(artists: Sequence[Artist], figure: Figure) -> list[Item]:
    """The items the browser draws for `artists`; Text artists in a row become one text item."""
    items: list[Item] = []
    texts: list[Text] = []
    for artist in [*artists, None]:
        if isinstance(artist, Text):
            texts.append(artist)
            continue
        if texts:
            items.append(_texts(texts, figure))
            texts = []
        if artist is not None:
            items.append(_describe_one(artist, figure))
    return items


def _describe_one(artist: Artist, figure: Figure) -> Item:
    if isinstance(artist, Line2D):
        return _line(artist, figure)
    if isinstance(artist, AxesImage):
        return _image(artist, figure)
    if isinstance(artist, LineCollection):
        return _segments(artist, figure)
    if isinstance(artist, PathCollection):
        return _points(artist, figure)
    raise TypeError(
        f"a live layer can hold Line2D, AxesImage, LineCollection, PathCollection or Text "
        f"artists, got {type(artist).__name__}. Draw it into the background instead."
    )


@contextmanager
def hidden(artists: Sequence[Artist], figure: Figure) -> Iterator[None]:
    """Hide `artists`, the figure's face and every axes' face for one drawing."""
    patches = [figure.patch, *(ax.patch for ax in figure.axes)]
    layered = [*artists, *patches]
    shown = [a.get_visible() for a in layered]
    for artist in layered:
        artist.set_visible(False)
    try:
        yield
    finally:
        for artist, visible in zip(layered, shown, strict=True):
            artist.set_visible(visible)


def png(figure: Figure, scale: float = BACKGROUND_SCALE, stored: bool = False) -> bytes:
    """The figure as PNG with `scale` device pixels per CSS pixel (as savefig, but faster).

    Fast zlib (level 1) and no second layout pass: backgrounds are redrawn while a learner
    waits, on every layout change. A `stored` picture (kept in a notebook file) is made small
    instead: opaque, 256 colours (flat drawings and 256-entry colour maps need hardly more),
    and zlib level 9.
    """
    dpi = figure.dpi
    figure.set_dpi(CSS_DPI * scale)
    try:
        canvas = figure.canvas
        assert isinstance(canvas, FigureCanvasAgg), "figures come from nnlib.plots.new_figure"
        canvas.draw()
        buffer = io.BytesIO()
        picture = Image.fromarray(np.asarray(canvas.buffer_rgba()))
        if stored:  # on white, then median cut: smooth colour maps keep their gradients
            ground = Image.new("RGBA", picture.size, WHITE)
            opaque = Image.alpha_composite(ground, picture).convert("RGB")
            picture = opaque.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        picture.save(buffer, format="png", compress_level=9 if stored else 1)
    finally:
        figure.set_dpi(dpi)
    return buffer.getvalue()


def background_png(figure: Figure, moving: Sequence[Artist]) -> bytes:
    """Everything but the moving artists, on a clear ground so heatmaps can show beneath."""
    with hidden(moving, figure):
        return png(figure)
