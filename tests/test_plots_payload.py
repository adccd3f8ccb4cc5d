"""What a live figure sends: geometry in CSS px, moving artists as arrays that match matplotlib."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.patches import Circle
from PIL import Image

from nnlib.plots import packing, payload
from nnlib.plots.style import new_figure


def floats(item: dict, key: str) -> np.ndarray:
    return np.frombuffer(item[key], dtype=np.float32)


def test_geometry_gives_each_axes_box_in_css_pixels_from_the_top_left() -> None:
    figure = new_figure(4.0, 3.0, dpi=80)  # the dpi must not matter: 100 CSS px per inch
    ax = figure.add_axes((0.25, 0.5, 0.5, 0.25))
    ax.set_xlim(-1.0, 3.0)
    shape = payload.geometry(figure)
    assert (shape["width"], shape["height"]) == (400, 300)
    box = shape["axes"][0]["box"]
    assert box == pytest.approx([100.0, 300.0 * 0.25, 200.0, 75.0])
    assert shape["axes"][0]["xlim"] == [-1.0, 3.0]


def test_lines_go_in_data_coordinates_even_when_drawn_across_the_axes() -> None:
    figure = new_figure(4.0, 3.0)
    ax = figure.add_subplot()
    ax.set_xlim(-2.0, 2.0)
    ax.set_ylim(0.0, 10.0)
    across, up = ax.axhline(3.0), ax.axvline(1.5)
    horizontal, vertical = payload.describe([across, up], figure)
    assert floats(horizontal, "x").tolist() == [-2.0, 2.0]
    assert floats(horizontal, "y").tolist() == [3.0, 3.0]
    assert floats(vertical, "x").tolist() == [1.5, 1.5]
    assert floats(vertical, "y") == pytest.approx([0.0, 10.0], abs=1e-6)


def test_heatmap_colour_indices_pick_the_colours_matplotlib_paints() -> None:
    figure = new_figure(4.0, 3.0)
    ax = figure.add_subplot()
    values = np.random.default_rng(0).uniform(-0.2, 1.2, size=(7, 9))
    image = ax.imshow(values, cmap="PuOr", vmin=0.0, vmax=1.0, origin="lower")
    index, palette = payload.color_indices(image)
    painted = image.cmap(image.norm(values), bytes=True)
    assert np.array_equal(palette.reshape(-1, 4)[index], painted)


def test_a_heatmap_drawn_from_the_top_is_sent_bottom_row_first() -> None:
    figure = new_figure(4.0, 3.0)
    values = np.linspace(0.0, 1.0, 12).reshape(3, 4)
    image = figure.add_subplot().imshow(values, vmin=0.0, vmax=1.0, origin="upper")
    index, _ = payload.color_indices(image)
    assert index[0, 0] > index[-1, 0]  # the top row (largest values) arrives last


def test_an_artist_the_canvas_cannot_draw_is_refused_by_name() -> None:
    figure = new_figure(4.0, 3.0)
    patch = figure.add_subplot().add_patch(Circle((0.0, 0.0), 1.0))
    with pytest.raises(TypeError, match=r"got Circle\. Draw it into the background instead"):
        payload.describe([patch], figure)


def test_background_leaves_faces_clear_and_hides_only_the_moving_artists() -> None:
    figure = new_figure(2.0, 1.0)
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    (line,) = ax.plot([0, 1], [0, 1])
    picture = np.asarray(Image.open(io.BytesIO(payload.background_png(figure, [line]))))
    assert picture.shape == (200, 400, 4)  # 2 device pixels per CSS pixel
    assert picture[100, 200, 3] == 0  # clear where the face and the hidden line would be
    assert line.get_visible() and figure.patch.get_visible() and ax.patch.get_visible()


def unpacked(item: dict) -> tuple[np.ndarray, np.ndarray]:
    item = packing.unpack_line(item)
    return floats(item, "x"), floats(item, "y")


def line_item(x: np.ndarray, y: np.ndarray) -> dict:
    figure = new_figure(4.0, 3.0)
    (line,) = figure.add_subplot().plot(x, y)
    (item,) = payload.describe([line], figure)
    return item


def same_floats(got: np.ndarray, values: np.ndarray) -> None:
    want = np.asarray(values, dtype=np.float32)
    assert got.tobytes() == want.tobytes()  # to the bit, NaN included


def test_an_evenly_spaced_coordinate_goes_as_start_and_step_and_comes_back_to_the_bit() -> None:
    x = np.linspace(-6.5, 6.5, 241)
    y = np.tanh(x)
    item = line_item(x, y)
    assert item["x"] == {"start": -6.5, "step": 13.0 / 240, "n": 241, "repeat": 1}
    assert len(item["y"]) == 241 * 4
    got_x, got_y = unpacked(item)
    same_floats(got_x, x)
    same_floats(got_y, y)


def test_a_coordinate_off_the_grid_goes_as_an_array() -> None:
    x = np.linspace(0.0, 1.0, 50)
    x[17] += 1e-3
    item = line_item(x, x**2)
    assert isinstance(item["x"], bytes) and isinstance(item["y"], bytes)
    same_floats(unpacked(item)[0], x)


def test_bars_in_pieces_leave_out_their_nan_breaks_and_a_blank_margin_its_points() -> None:
    grid = np.arange(40) * 0.1 - 2.0
    gap = np.full_like(grid, np.nan)
    bars_x = np.column_stack([grid, grid, gap]).reshape(-1)
    bars_y = np.column_stack([np.sin(grid), np.cos(grid), gap]).reshape(-1)
    bars = line_item(bars_x, bars_y)
    assert bars["gap"] == 3 and bars["x"]["repeat"] == 2 and len(bars["y"]) == 80 * 4
    bump_y = np.where(np.abs(grid) < 0.5, 1.0 - grid**2, np.nan)
    bump = line_item(grid, bump_y)
    assert bump["window"] == [16, 25, 40] and len(bump["y"]) == 9 * 4
    for item, (x, y) in ((bars, (bars_x, bars_y)), (bump, (grid, bump_y))):
        got_x, got_y = unpacked(item)
        same_floats(got_x, x)
        same_floats(got_y, y)


def test_short_and_hidden_lines_send_no_packing_and_no_points() -> None:
    figure = new_figure(4.0, 3.0)
    ax = figure.add_subplot()
    (short,) = ax.plot([0.0, 1.0, 2.0], [1.0, 2.0, 3.0])
    (hidden,) = ax.plot(np.arange(100.0), np.arange(100.0), visible=False)
    first, second = payload.describe([short, hidden], figure)
    assert floats(first, "x").tolist() == [0.0, 1.0, 2.0]
    assert second["visible"] is False and second["x"] == b"" and second["y"] == b""


def test_a_kept_palette_follows_every_change_of_its_colour_map() -> None:
    figure = new_figure(4.0, 3.0)
    values = np.random.default_rng(1).uniform(-0.2, 1.2, size=(6, 5))
    values[2, 3] = np.nan  # a bad value: index 0, as matplotlib's rule gives it
    image = figure.add_subplot().imshow(values, cmap=ListedColormap(["#000000", "#FFFFFF"]),
                                        vmin=0.0, vmax=1.0, origin="lower")  # fmt: skip

    def matches_matplotlib() -> bool:
        index, palette = payload.color_indices(image)
        finite = np.isfinite(values)
        painted = image.cmap(image.norm(values), bytes=True)
        return bool(np.array_equal(palette.reshape(-1, 4)[index][finite], painted[finite]))

    first = payload.color_indices(image)[1]
    assert payload.color_indices(image)[1] is first  # kept: not made again for the same map
    assert matches_matplotlib()
    image.cmap.set_bad("#0072B2")  # the map changed in place: looked at again, made anew
    assert payload.color_indices(image)[1] is not first and matches_matplotlib()
    image.set_cmap("viridis")  # another map, of 256 colours
    assert payload.color_indices(image)[1].shape == (256, 4) and matches_matplotlib()
    values = values * 0.5 + 0.1
    image.set_data(values)  # new values through the kept palette
    assert matches_matplotlib()


def test_segment_ends_and_dash_patterns_are_those_of_each_segment() -> None:
    figure = new_figure(4.0, 3.0)
    ax = figure.add_subplot()
    straight = [np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[4.0, 5.0], [6.0, 7.0]])]
    bent = [*straight, np.array([[1.0, 1.0], [9.0, 9.0], [2.0, 0.5]])]  # one of three points
    styles = ["solid", (0, (4.0, 2.0)), "solid"]
    for segments in (straight, bent):
        lines = LineCollection(segments, linestyles=styles[: len(segments)], linewidths=1.0)
        ax.add_collection(lines)
        item = payload.describe([lines], figure)[0]
        expected = [[s[0][0], s[0][1], s[-1][0], s[-1][1]] for s in segments]
        assert floats(item, "xy").reshape(-1, 4).tolist() == expected
        dash_index = np.frombuffer(item["dash_index"], dtype=np.uint8).tolist()
        assert dash_index == [0, 1, 0][: len(segments)]
        assert item["dashes"][0] == []
        assert item["dashes"][1] == pytest.approx([4.0 * payload.PX_PER_POINT,
                                                    2.0 * payload.PX_PER_POINT])  # fmt: skip
