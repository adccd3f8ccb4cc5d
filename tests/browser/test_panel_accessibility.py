"""Every panel that draws on a canvas, in JupyterLab, for a keyboard and screen-reader user.

The canvas is an image to assistive technology (role="img") with an aria-label that says what it
shows and follows the state. Tab, starting just before the panel, reaches every enabled control
of the panel; arrow keys move each slider and dropdown reached, and the picture answers. Buttons
are only checked to be reachable: pressing them (train, reset) is each panel's own test.

Found on the way: JupyterLab 4.6 takes arrow keys pressed on a dropdown in an output (command
mode moves on, focus leaves the panel); Alt+ArrowDown opened the list in one run and not in the
next, so dropdowns are checked to be reachable, like buttons, and the defect is left open.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from labdriver import RunResult
from panel_moves import wait_kernel_idle
from panel_setups import SETUPS
from playwright.sync_api import Locator, Page, expect

NOTEBOOKS = sorted({setup.notebook for setup in SETUPS if setup.moved})
MAX_TABS = 60

FOCUSABLE = """(panel, elements) => {
    const found = [...panel.querySelectorAll(
        '.noUi-handle, select, button, textarea, input:not([type=hidden])')]
        .filter((el) => !el.disabled && !el.closest('[disabled]') && el.offsetParent !== null);
    return elements ? found : found.map((el) => el.outerHTML.slice(0, 80));
}"""

ACTIVE = """(panel) => {
    const el = document.activeElement;
    if (!el || !panel.contains(el)) return null;
    const kind = el.classList.contains('noUi-handle') ? 'slider' : el.tagName.toLowerCase();
    const label = el.closest('.widget-slider')?.querySelector('.widget-label')?.textContent;
    return {kind, html: el.outerHTML.slice(0, 80), value: el.getAttribute('aria-valuetext')
        ?? el.value ?? '', label: (label ?? '').trim()};
}"""


def quiet_sliders(notebook: str) -> set[str]:
    """Labels of the notebook's controls that feed no drawn layer (a learning rate that only
    matters once training runs): moving them rightly leaves the picture as it is."""
    quiet = set()
    for setup in SETUPS:
        if setup.notebook == notebook and setup.moved:
            panel = setup.build()
            for control, layers in panel.feeds.items():
                if not any(panel.layers[layer].drawn for layer in layers):
                    quiet.add(str(getattr(panel.controls[control], "description", control)))
    return quiet


def canvas_panels(page: Page) -> list[Locator]:
    panels = page.locator(".nnlib-panel").filter(has=page.locator(".nnlib-canvas"))
    return [panels.nth(i) for i in range(panels.count())]


def canvas_state(canvas: Locator) -> tuple[str, str]:
    return canvas.get_attribute("data-painted") or "0", canvas.get_attribute("aria-label") or ""


def operate(page: Page, panel: Locator, active: dict[str, str]) -> tuple[bool, bool]:
    """Press an arrow key on the focused slider; (value moved, picture answered)."""
    canvas = panel.locator(".nnlib-canvas").first
    before = canvas_state(canvas)
    page.keyboard.press("ArrowRight")
    moved = page.evaluate(ACTIVE, panel.element_handle())
    if moved and moved["value"] == active["value"]:
        page.keyboard.press("ArrowLeft")  # the slider was at its top end
        moved = page.evaluate(ACTIVE, panel.element_handle())
    wait_kernel_idle(page)
    page.wait_for_timeout(300)  # the kernel's answer reaches the canvas after idle
    return bool(moved and moved["value"] != active["value"]), canvas_state(canvas) != before


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_canvas_panels_work_by_keyboard_and_say_what_they_show(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    page = run_notebook(name).page
    panels = canvas_panels(page)
    assert panels, f"{name}: no panel with a canvas"
    for panel in panels:
        panel.scroll_into_view_if_needed()
        canvas = panel.locator(".nnlib-canvas").first
        expect(canvas).to_have_attribute("role", "img")
        labels = {canvas.get_attribute("aria-label") or ""}
        assert all(labels), f"{name}: a canvas without aria-label"
        expected = panel.evaluate(FOCUSABLE)
        reached = tab_through(page, panel)
        missing = [html for html in expected if html not in reached]
        assert not missing, f"{name}: Tab never reached {missing}; reached {reached}"
        problems, quiet, answering = [], quiet_sliders(name), 0
        for index in range(len(expected)):
            handle = panel.evaluate_handle(f"(p) => ({FOCUSABLE})(p, true)[{index}]")
            handle.as_element().focus()
            active = page.evaluate(ACTIVE, panel.element_handle())
            # Dropdowns are only checked to be reachable, like buttons: JupyterLab 4.6 takes the
            # arrow keys pressed on a dropdown inside an output (an open defect, see the README).
            if active and active["kind"] == "slider":
                moved, answered = operate(page, panel, active)
                answering += bool(answered)
                if not (moved and (answered or active["label"] in quiet)):
                    problems.append(f"{active['html']}: moved {moved}, picture answered {answered}")
                labels.add(canvas.get_attribute("aria-label") or "")
        assert not problems, f"{name}: keys did not operate {problems}"
        # A panel whose sliders all wait for training (TrainingExplorer) says the same until
        # it trains; any other must say something new when a slider moves its picture.
        assert len(labels) > 1 or not answering, f"{name}: the aria-label never changed: {labels}"


def tab_through(page: Page, panel: Locator) -> list[str]:
    """What Tab focuses in the panel, in order, starting just before it."""
    panel.evaluate("(p) => { p.tabIndex = -1; p.focus(); }")
    reached = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE, panel.element_handle())
        if active is None:
            break
        reached.append(active["html"])
    return reached
