"""nnlib's canvas.js in a blank Chromium page, without Jupyter, fed a panel's LiveCanvas state.

A small fake anywidget model (get/on/off/send, widget_manager.get_model) holds the traits the
kernel would have synced. Bytes arrive as DataViews, at assorted offsets inside larger buffers as
they do from the widget channel, so the module's unaligned-copy path is exercised too. Updates set
the changed traits, then fire their change events, as a kernel message does.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

import nnlib.widgets

CANVAS_JS = Path(nnlib.widgets.__file__).with_name("canvas.js")  # the nnlib imported
SYNCED = ("background", "geometry", "label", "layer_names", "preview", "stamp")

HARNESS = """async ([source, state]) => {
    const module = await import('data:text/javascript;base64,' + source);
    let offset = 0;
    const revive = (value) => {
        if (Array.isArray(value)) return value.map(revive);
        if (value && typeof value === 'object') {
            if ('$bytes' in value) {
                const raw = Uint8Array.from(atob(value.$bytes), (c) => c.charCodeAt(0));
                offset = (offset + 1) % 4;  // buffers sit at any offset in a kernel message
                const buffer = new ArrayBuffer(raw.length + offset);
                new Uint8Array(buffer, offset).set(raw);
                return new DataView(buffer, offset, raw.length);
            }
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
        }
        return value;
    };
    const listeners = {};
    const model = {
        state: revive(state),
        sent: [],
        get(name) { return this.state[name]; },
        on(event, callback) { (listeners[event] ??= new Set()).add(callback); },
        off(event, callback) {
            if (!event) for (const k of Object.keys(listeners)) delete listeners[k];
            else if (!callback) delete listeners[event];
            else listeners[event]?.delete(callback);
        },
        send(message) { this.sent.push(message); },
        widget_manager: { get_model: async (id) => ({ get: () => 0, on() {}, off() {}, id }) },
    };
    window.nnlibTest = {
        model, revive, listeners,
        async update(changes) {
            const revived = revive(changes);
            Object.assign(model.state, revived);
            for (const name of Object.keys(revived)) {
                for (const callback of [...(listeners['change:' + name] ?? [])]) callback(model);
            }
            await window.nnlibTest.settled();
        },
        async settled() {
            await new Promise((resolve) => setTimeout(resolve, 0));  // the queued paint
            const img = document.querySelector('.nnlib-canvas img');
            if (img && img.getAttribute('src')) await img.decode();
        },
    };
    const el = document.getElementById('host');
    module.default.render({ model, el });
    await window.nnlibTest.settled();
}"""


def _encoded(value: Any) -> Any:
    """Trait values as JSON, bytes as {'$bytes': base64}."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {k: _encoded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encoded(v) for v in value]
    return value


def canvas_state(panel: Any) -> dict[str, Any]:
    """The panel's LiveCanvas traits as the page would hold them; previews switched off."""
    canvas = panel.canvas
    state = {name: getattr(canvas, name) for name in SYNCED}
    state["preview"] = {}  # what the kernel sent is what is compared, not a browser preview
    for name in canvas.layer_names:
        state[f"layer_{name}"] = getattr(canvas, f"layer_{name}")
    return state


def changed_traits(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in after.items() if before.get(name) != value}


def open_canvas_page(browser: Browser, scale: float) -> Page:
    context = browser.new_context(device_scale_factor=scale, viewport={"width": 900, "height": 800})
    page = context.new_page()
    page.set_content(
        "<!doctype html><html><body style='margin:0;background:#fff'>"
        "<div id='host' style='display:inline-block;padding:8px'></div></body></html>"
    )
    return page


def show(page: Page, state: dict[str, Any]) -> None:
    """Render a fresh canvas view of `state` in the page's #host."""
    source = base64.b64encode(CANVAS_JS.read_bytes()).decode("ascii")
    page.evaluate("() => { document.getElementById('host').innerHTML = ''; }")
    page.evaluate(HARNESS, [source, _encoded(state)])


def update(page: Page, changes: dict[str, Any]) -> None:
    """Send changed traits to the view shown, as one kernel message would."""
    page.evaluate("(changes) => window.nnlibTest.update(changes)", _encoded(changes))


def grab(page: Page) -> bytes:
    """A screenshot of the `.nnlib-canvas` element at the page's device pixel ratio."""
    return page.locator(".nnlib-canvas").screenshot(animations="disabled")


def painted(page: Page) -> int:
    return int(page.locator(".nnlib-canvas").get_attribute("data-painted") or 0)
