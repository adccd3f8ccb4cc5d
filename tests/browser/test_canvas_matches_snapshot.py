"""Every panel's canvas, drawn by canvas.js in a blank Chromium page, looks like matplotlib's
snapshot of the same figure: in its starting state and after each control moves, at device pixel
ratios 1 and 2. Negative controls check that the comparison catches a layer drawn in the wrong
place and a wrong transform (an axes' limits off), so a pass means something.

Screenshots go to results/browser/snapshots/; a failing comparison also saves canvas | matplotlib
| where they differ, side by side, and names the axes and the CSS-px box of the difference.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from canvas_page import canvas_state, changed_traits, grab, open_canvas_page, painted, show, update
from labdriver import ROOT
from panel_setups import SETUPS, PanelSetup, moved_panel_classes, moves
from picture_compare import Comparison, compare, save_diff
from playwright.sync_api import Browser, Page

from nnlib.plots import packing, payload

SCALES = (1, 2)
SNAPSHOTS = ROOT / "results" / "browser" / "snapshots"
SHIFT_CSS_PX = 4.0  # how far the negative control moves one layer: must not pass as antialiasing


def built(setup: PanelSetup) -> Any:
    if not setup.moved:
        pytest.skip(setup.skip_reason)
    return setup.build()


def check(page: Page, panel: Any, name: str, scale: float) -> tuple[str, Comparison]:
    """Compare the canvas shown in `page` with matplotlib's picture of `panel` now."""
    shot = grab(page)
    reference = payload.png(panel.figure, scale)
    result = compare(shot, reference, scale, panel.canvas.geometry)
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    (SNAPSHOTS / f"{name}-x{scale:g}-canvas.png").write_bytes(shot)
    (SNAPSHOTS / f"{name}-x{scale:g}-matplotlib.png").write_bytes(reference)
    if not result.passed:
        save_diff(result, shot, reference, SNAPSHOTS / f"{name}-x{scale:g}-DIFF.png")
    print(f"{name}: {result.summary()}")
    return name, result


def test_every_panel_with_a_canvas_has_a_setup() -> None:
    covered = {setup.panel_class for setup in SETUPS}
    missing = [cls.__name__ for cls in moved_panel_classes() if cls not in covered]
    assert moved_panel_classes(), "no panel in nnlib.widgets inherits LivePanel"
    assert not missing, f"add a set-up to tests/browser/panel_setups.py for {missing}"


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("setup", SETUPS, ids=lambda s: s.name)
def test_canvas_matches_snapshot(browser: Browser, setup: PanelSetup, scale: float) -> None:
    panel = built(setup)
    page = open_canvas_page(browser, scale)
    state = canvas_state(panel)
    show(page, state)
    results = [check(page, panel, f"{setup.name}-start", scale)]
    moved = list(moves(panel))
    assert moved, f"{setup.name}: no control to move"
    for control, value in moved:
        paints = painted(page)
        panel.controls[control].value = value
        fresh = canvas_state(panel)
        changes = changed_traits(state, fresh)
        if changes:  # a control may change nothing on screen (TrainingExplorer's steps)
            update(page, changes)
            assert painted(page) > paints, f"{setup.name}: {control} → {value!r} did not repaint"
        state = fresh
        results.append(check(page, panel, f"{setup.name}-{control}", scale))
    page.context.close()
    failures = [f"{name}: {result.summary()}" for name, result in results if not result.passed]
    assert not failures, f"canvas differs from matplotlib (see {SNAPSHOTS}):\n" + "\n".join(
        failures
    )


def _largest_item(state: dict[str, Any]) -> tuple[str, int]:
    """The layer and index of the drawn line, segments or points with the most data.

    Heatmaps are moved only when nothing else is drawn: a smooth one moved by 4 px still has
    the same colours within the radius, so moving it proves little. Text is moved only in a
    panel that draws nothing else (GraphExplorer's numbers).
    """
    sizes = []
    for name in state["layer_names"]:
        for index, item in enumerate(state[f"layer_{name}"].get("items", [])):
            if item.get("visible", True) and item["ax"] >= 0:
                if item["kind"] == "line":
                    item = packing.unpack_line(item)
                data = item.get("x") or item.get("xy") or b""
                rank = {"text": 0, "image": 1}.get(item["kind"], 2)
                sizes.append((rank, len(data), name, index))
    assert sizes, "the panel draws no item in an axes"
    *_, name, index = max(sizes)
    return name, index


def across(item: dict[str, Any], width_per_x: float, height_per_y: float) -> tuple[float, float]:
    """A unit step in CSS px across a line, perpendicular to the way it runs as a whole.

    A line moved along itself (a flat curve sideways, a diagonal along its diagonal) looks
    the same, so the negative control moves it across.
    """
    x = np.frombuffer(item["x"], dtype=np.float32).astype(np.float64) * width_per_x
    y = np.frombuffer(item["y"], dtype=np.float32).astype(np.float64) * -height_per_y
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 2:
        return 1.0, 0.0
    run = np.array([x[ok][-1] - x[ok][0], float(y[ok][-1] - y[ok][0])])
    length = float(np.hypot(*run))
    return (1.0, 0.0) if length == 0.0 else (-run[1] / length, run[0] / length)


def shifted(state: dict[str, Any], layer: str, index: int, css_px: float) -> dict[str, Any]:
    """`state` with one item moved by `css_px` CSS px: a line across itself, the rest right."""
    moved = copy.deepcopy(state)
    item = moved[f"layer_{layer}"]["items"][index]
    axes = state["geometry"]["axes"][item["ax"]]
    (x0, x1), (y0, y1) = axes["xlim"], axes["ylim"]
    per_x, per_y = axes["box"][2] / (x1 - x0), axes["box"][3] / (y1 - y0)  # CSS px per unit
    if item["kind"] == "text":  # positions are CSS px already
        xy = np.frombuffer(item["xy"], dtype=np.float32).copy() + np.float32(css_px)
        item["xy"] = xy.tobytes()
    elif item["kind"] == "image":
        item["extent"] = [v + css_px / per_x for v in item["extent"][:2]] + item["extent"][2:]
    elif item["kind"] == "line":  # moved as plain arrays, which the page draws as well
        item = moved[f"layer_{layer}"]["items"][index] = packing.unpack_line(item)
        right, down = across(item, per_x, per_y)
        for key, delta in (("x", css_px * right / per_x), ("y", -css_px * down / per_y)):
            values = np.frombuffer(item[key], dtype=np.float32) + np.float32(delta)
            item[key] = values.astype(np.float32).tobytes()
    else:  # points and segments (x, y pairs): separate marks show a move right
        xy = np.frombuffer(item["xy"], dtype=np.float32).copy()
        xy[0::2] += css_px / per_x
        item["xy"] = xy.tobytes()
    return moved


def widened_xlim(state: dict[str, Any], ax: int) -> dict[str, Any]:
    wrong = copy.deepcopy(state)
    x0, x1 = wrong["geometry"]["axes"][ax]["xlim"]
    wrong["geometry"]["axes"][ax]["xlim"] = [x0, x1 + 0.2 * (x1 - x0)]
    return wrong


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("setup", SETUPS, ids=lambda s: s.name)
def test_comparison_catches_a_misplaced_layer(
    browser: Browser, setup: PanelSetup, scale: float
) -> None:
    panel = built(setup)
    page = open_canvas_page(browser, scale)
    state = canvas_state(panel)
    show(page, state)
    _, right = check(page, panel, f"{setup.name}-control-right", scale)
    assert right.passed, f"the unmodified canvas must match first: {right.summary()}"

    layer, index = _largest_item(state)
    show(page, shifted(state, layer, index, SHIFT_CSS_PX))
    _, moved = check(page, panel, f"{setup.name}-control-shifted-{layer}", scale)
    assert not moved.passed, (
        f"layer {layer!r} item {index} moved {SHIFT_CSS_PX} CSS px, yet the "
        f"comparison passed: {moved.summary()}"
    )
    item = state[f"layer_{layer}"]["items"][index]
    ax = item["ax"]
    assert any(f"axes {ax}:" in place for place in moved.where), moved.where
    if item["kind"] == "text":  # text sits in CSS px: an axes' limits do not move it
        page.context.close()
        return

    show(page, widened_xlim(state, ax))
    _, wrong = check(page, panel, f"{setup.name}-control-xlim", scale)
    page.context.close()
    assert not wrong.passed, f"axes {ax}'s xlim 20% wider passed: {wrong.summary()}"
