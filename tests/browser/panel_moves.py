"""The moves a learner makes on a live panel: find it, press keys on its sliders, watch its picture.

Sliders are noUiSlider handles: focused, then driven with ArrowRight/ArrowLeft/Home as a keyboard
user does. A panel's picture is a canvas (`.nnlib-canvas`) that counts its paints in `data-painted`.
"""

from __future__ import annotations

import re
from pathlib import Path

from labdriver import IDLE, ROOT
from playwright.sync_api import Locator, Page


def panel_with(page: Page, *labels: str) -> Locator:
    """The live panels that have a control labelled with each of `labels`."""
    found = page.locator(".nnlib-panel")
    for label in labels:
        found = found.filter(has=page.locator(".widget-label", has_text=label))
    return found


def slider(panel: Locator, description: str) -> Locator:
    """The slider whose label reads `description` (ipywidgets renders KaTeX or plain text)."""
    exactly = re.compile(f"^\\s*{re.escape(description)}\\s*$")
    return panel.locator(".widget-slider").filter(
        has=panel.page.locator(".widget-label", has_text=exactly)
    )


def exact_value(control: Locator) -> float:
    """The slider's value to full precision, as the browser sends it to the kernel."""
    return float(control.locator(".noUi-handle").get_attribute("aria-valuetext") or "nan")


def press_slider(control: Locator, key: str = "ArrowRight", times: int = 1) -> None:
    """Focus the noUiSlider handle and press a key, as a keyboard user does."""
    handle = control.locator(".noUi-handle")
    handle.focus()
    for _ in range(times):
        handle.press(key)


def picture_state(panel: Locator, index: int = 0) -> str:
    """What identifies the panel's current picture: the canvas's paint count, or an <img> src."""
    canvases = panel.locator(".nnlib-canvas")
    if canvases.count():
        return "painted " + (canvases.nth(index).get_attribute("data-painted") or "0")
    return panel.locator("img").nth(index).get_attribute("src") or ""


def wait_for_new_picture(
    panel: Locator, before: str, index: int = 0, timeout_ms: float = 20_000
) -> None:
    """Wait until the panel has painted a new picture since `picture_state` returned `before`."""
    panel.page.wait_for_function(
        """([root, index, old]) => {
            const canvas = root.querySelectorAll('.nnlib-canvas')[index];
            if (canvas) return 'painted ' + canvas.dataset.painted !== old;
            const img = root.querySelectorAll('img')[index];
            return img && img.src !== old && img.complete && img.naturalWidth > 0;
        }""",
        arg=[panel.element_handle(), index, before],
        timeout=timeout_ms,
    )


def wait_kernel_idle(page: Page, timeout_ms: float = 30_000) -> None:
    page.wait_for_timeout(50)
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for(timeout=timeout_ms)


def screenshot(panel: Locator, name: str) -> Path:
    target = ROOT / "results" / "browser" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(target))
    return target


def move_slider(panel: Locator, description: str, step: float, presses: int = 1) -> float:
    """Press arrow keys on a slider towards the side with room; check it moved `presses` steps
    and that the panel's picture changed. Returns the new value."""
    control = slider(panel, description)
    handle = control.locator(".noUi-handle")
    value, high = exact_value(control), float(handle.get_attribute("aria-valuemax") or "nan")
    sign = 1 if value + presses * step <= high + 1e-9 else -1
    before = picture_state(panel)
    press_slider(control, "ArrowRight" if sign > 0 else "ArrowLeft", presses)
    wait_for_new_picture(panel, before)
    moved = exact_value(control)
    assert abs(moved - (value + sign * presses * step)) < 1e-6, (description, value, moved)
    return moved
