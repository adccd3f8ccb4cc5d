"""canvas.js's closed-form previews in Chromium, against nnlib in this process (no Jupyter).

The module is served to a blank page and imported. Its activations must equal nnlib's, and each
preview, fed the kernel's items from one state as templates, must produce exactly the items the
kernel sends for another: float32 coordinates to the bit and colour indices exactly.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Page, Route

from nnlib import Neuron, activations
from nnlib.plots.activation import activation_values
from nnlib.widgets import ActivationExplorer, BumpBuilder, LIFExplorer, NeuronExplorer

CANVAS_JS = Path(__file__).resolve().parents[2] / "nnlib" / "widgets" / "canvas.js"
ORIGIN = "http://nnlib.test"
NAMES = list(activations.ACTIVATIONS)
SETS = 20  # random parameter sets per activation and panel

# Bytes travel as {"__bytes__": base64}; in the page they become DataViews, as anywidget gives.
HELPERS = """async () => {
    window.canvas = await import("/canvas.js");
    const decode = (v) => {
        if (Array.isArray(v)) return v.map(decode);
        if (v && typeof v === "object") {
            if ("__bytes__" in v) {
                const bytes = Uint8Array.from(atob(v.__bytes__), (c) => c.charCodeAt(0));
                return new DataView(bytes.buffer);
            }
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
        }
        return v;
    };
    const encode = (v) => {
        if (ArrayBuffer.isView(v)) {
            const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
            return { __bytes__: btoa(String.fromCharCode(...bytes)) };
        }
        if (Array.isArray(v)) return v.map(encode);
        if (v && typeof v === "object") {
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
        }
        return v;
    };
    window.preview = (kind, values, params, layers, stamp) => {
        const model = {
            get: (key) => (key === "stamp" ? stamp : decode(layers[key.slice(6)])),
        };
        return encode(window.canvas.PREVIEWS[kind](values, params, model));
    };
}"""


@pytest.fixture
def js(page: Page) -> Iterator[Page]:
    def serve(route: Route) -> None:
        if route.request.url.endswith("/canvas.js"):
            route.fulfill(body=CANVAS_JS.read_text(), content_type="text/javascript")
        else:
            route.fulfill(body="<!doctype html><title>canvas.js</title>", content_type="text/html")

    page.route(f"{ORIGIN}/**", serve)
    page.goto(f"{ORIGIN}/")
    page.evaluate(HELPERS)
    yield page


def wire(value: Any) -> Any:
    """A layer's items with bytes as {"__bytes__": base64}, as `window.preview` exchanges them."""
    if isinstance(value, bytes | bytearray | memoryview):
        return {"__bytes__": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, list | tuple):
        return [wire(v) for v in value]
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    return value


def differences(got: Any, want: Any, where: str = "") -> list[str]:
    """Where two wired layers differ, with float32 arrays decoded to show by how much."""
    if isinstance(want, dict) and "__bytes__" in want and isinstance(got, dict):
        a, b = (base64.b64decode(v["__bytes__"]) for v in (got, want))
        if a == b:
            return []
        kind = np.float32 if len(a) % 4 == 0 and where.split(".")[-1] in ("x", "y") else np.uint8
        page, kernel = np.frombuffer(a, kind), np.frombuffer(b, kind)
        if len(page) != len(kernel):
            return [f"{where}: page has {len(page)} numbers, kernel {len(kernel)}"]
        at = int(np.flatnonzero(page != kernel)[0])
        return [f"{where}[{at}:]: page {page[at : at + 4]} ≠ kernel {kernel[at : at + 4]}"]
    if isinstance(want, dict) and isinstance(got, dict) and got.keys() == want.keys():
        return [d for k in want for d in differences(got[k], want[k], f"{where}.{k}")]
    if isinstance(want, list) and isinstance(got, list) and len(got) == len(want):
        return [
            d
            for i, (g, w) in enumerate(zip(got, want, strict=True))
            for d in differences(g, w, f"{where}[{i}]")
        ]
    return [] if got == want else [f"{where}: page {got!r} ≠ kernel {want!r}"]


def state(panel: Any, layers: list[str]) -> dict[str, Any]:
    """The layers as the kernel last sent them: lines packed, as the page receives them."""
    return {name: wire(getattr(panel.canvas, f"layer_{name}")) for name in layers}


def unpacked(panel: Any, layers: list[str]) -> dict[str, Any]:
    """The layers with every line's x and y as plain float32 arrays, as a preview draws them."""
    return {name: wire({"items": panel.canvas.layer(name)}) for name in layers}


def check_preview(js: Page, panel: Any, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """For each pair of settings (A, B): the page, given the kernel's layers for A and the slider
    values of B, must draw exactly what the kernel sends for B."""
    layers = list(panel.canvas.layer_names)
    kind, params = panel.canvas.preview["kind"], panel.canvas.preview["params"]
    cases = []
    for before, after in pairs:
        set_controls(panel, before)
        templates, stamp = state(panel, layers), dict(panel.canvas.stamp)
        set_controls(panel, after)
        values = {n: panel.controls[n].value for n in panel.canvas.preview["sources"]}
        assert values != stamp, "the page must recompute, not show the templates"
        cases.append((values, templates, stamp, unpacked(panel, layers)))
    got = js.evaluate(
        "([kind, params, cases]) => cases.map(([values, layers, stamp]) =>"
        " window.preview(kind, values, params, layers, stamp))",
        [kind, params, [case[:3] for case in cases]],
    )
    for (values, _, _, want), page_layers in zip(cases, got, strict=True):
        assert set(page_layers) == set(want), values
        found = differences(page_layers, want)
        assert not found, f"{values}: " + "; ".join(found)


def set_controls(panel: Any, values: dict[str, Any]) -> None:
    with panel.hold_updates():
        for name, value in values.items():
            panel.controls[name].value = value


def test_activations_and_slopes_equal_nnlib(js: Page) -> None:
    rng = np.random.default_rng(20)
    edges = [0.0, -0.0, 1e-300, -1e-300, 1e-9, -1e-9, 30.0, -30.0, 700.0, -700.0, 1e308, -1e308]
    z = np.concatenate([rng.normal(0.0, 5.0, 400), rng.uniform(-40, 40, 100), edges])
    for slope in (0.01, 0.1, 0.37):
        got = js.evaluate(
            "([zs, s]) => Object.keys(window.canvas.ACTIVATIONS).map((name) => [name,"
            " zs.map((z) => window.canvas.ACTIVATIONS[name](z, s)),"
            " zs.map((z) => window.canvas.DERIVATIVES[name](z, s))])",
            [z.tolist(), slope],
        )
        assert sorted(name for name, _, _ in got) == sorted(NAMES)
        for name, values, grads in got:
            want_values, want_grads = activation_values(name, z, slope)
            np.testing.assert_allclose(values, want_values, rtol=1e-12, atol=1e-12, err_msg=name)
            np.testing.assert_allclose(grads, want_grads, rtol=1e-12, atol=1e-12, err_msg=name)
            at_zero = np.array(values)[
                z == 0.0
            ]  # signs included: −0.0 stays −0.0 where nnlib's does
            np.testing.assert_array_equal(np.signbit(at_zero), np.signbit(want_values[z == 0.0]))


def test_linspace_is_numpys(js: Page) -> None:
    for start, stop, num in [(-5.0, 5.0, 241), (-6.5, 6.5, 241), (-2.0, 2.0, 61), (-9.0, 9.0, 241)]:
        got = js.evaluate(
            "([a, b, n]) => Array.from(window.canvas.linspace(a, b, n))", [start, stop, num]
        )
        np.testing.assert_array_equal(got, np.linspace(start, stop, num))


def chained(make: Any, name: str, sets: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """`sets` pairs (A, B) with B using `name`, each A the previous B (one update per pair), but
    every fourth A using another activation, so the page also redraws the curves and heatmap."""
    others = [n for n in NAMES if n != name]
    states: list[dict[str, Any]] = []
    for k in range(sets):
        if k % 4 == 0:
            states.append(make(others[k % len(others)]))
        states.append(make(name))
    return [(a, b) for a, b in itertools.pairwise(states) if b["activation"] == name]


@pytest.mark.parametrize("name", NAMES)
def test_activation_preview_equals_the_kernels_frame(js: Page, name: str) -> None:
    rng = np.random.default_rng(NAMES.index(name))

    def setting(activation: str) -> dict[str, Any]:
        # The leaky slope redraws the axes (a layout control): vary it only where it acts.
        slope = float(rng.uniform(0, 0.5)) if activation == "leaky_relu" else 0.1
        return {"activation": activation, "z": float(rng.uniform(-6, 6)), "negative_slope": slope}

    pairs = chained(setting, name, SETS)
    assert len(pairs) >= SETS
    check_preview(js, ActivationExplorer(name, z=0.0), pairs)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("n", "sets"), [(2, SETS), (3, SETS // 4)])
def test_neuron_preview_equals_the_kernels_frame(js: Page, name: str, n: int, sets: int) -> None:
    rng = np.random.default_rng([n, NAMES.index(name)])

    def setting(activation: str) -> dict[str, Any]:
        values = {f"w{i + 1}": float(rng.uniform(-3, 3)) for i in range(n)}
        values.update({f"x{i + 1}": float(rng.uniform(-2, 2)) for i in range(n)})
        return {**values, "bias": float(rng.uniform(-3, 3)), "activation": activation}

    pairs = chained(setting, name, sets)
    assert len(pairs) >= sets
    last = pairs[-1][1]
    pairs.append((last, {**last, "w1": 0.0, "w2": 0.0}))  # no decision line at all
    check_preview(js, NeuronExplorer(Neuron(np.ones(n), 0.0, name), np.ones(n)), pairs)


def test_a_preview_steps_aside_once_the_kernel_shows_the_same_values(js: Page) -> None:
    panel = NeuronExplorer()
    layers, stamp = state(panel, panel.canvas.layer_names), dict(panel.canvas.stamp)
    values = {**stamp, "activation": None}  # the page may not know the dropdown's value
    got = js.evaluate(
        "([params, layers, stamp, values]) => ["
        " window.preview('neuron', stamp, params, layers, stamp),"
        " window.preview('neuron', {...values, activation: undefined}, params, layers, stamp),"
        " window.preview('neuron', {...values, activation: undefined, x1: 0.3}, params, layers,"
        "  stamp)]",
        [panel.canvas.preview["params"], layers, stamp, values],
    )
    assert got[0] == {} and got[1] == {}
    assert set(got[2]) == {
        "curve",
        "point",
        "plane",
        "input",
    }  # the dropdown falls back to the stamp


def test_preview_items_can_be_drawn(js: Page) -> None:
    panel = NeuronExplorer(Neuron([1.0, -1.0], 0.0, "tanh"), [0.5, 0.5])
    layers, stamp = state(panel, panel.canvas.layer_names), dict(panel.canvas.stamp)
    painted = js.evaluate(
        """([params, layers, stamp, geometry]) => {
            const model = { get: (key) => key === "stamp" ? stamp : undefined };
            const values = { ...stamp, w1: 2.0 };
            const layerItems = window.canvas.PREVIEWS.neuron(values, params, {
                get: (key) => key === "stamp" ? stamp
                    : JSON.parse(JSON.stringify(layers[key.slice(6)]), (k, v) =>
                        v && v.__bytes__ ? new DataView(Uint8Array.from(atob(v.__bytes__),
                        (c) => c.charCodeAt(0)).buffer) : v),
            });
            const canvas = document.createElement("canvas");
            canvas.width = geometry.width;
            canvas.height = geometry.height;
            const items = Object.values(layerItems).flatMap((layer) => layer.items);
            window.canvas.drawItems(canvas.getContext("2d"), items, geometry);
            const image = items.find((item) => item.kind === "image");
            const pixels = window.canvas.imagePixels(image);
            return [model.get("stamp") === stamp, items.length, pixels.length];
        }""",
        [panel.canvas.preview["params"], layers, stamp, panel.canvas.geometry],
    )
    assert painted == [True, 7, 61 * 61 * 4]


@pytest.mark.parametrize(
    "make",
    [LIFExplorer, lambda: BumpBuilder("sine", neurons=6), lambda: ActivationExplorer("tanh")],
    ids=["lif", "bumps", "activation"],
)
def test_packed_lines_unpack_in_the_page_to_the_bit(js: Page, make: Any) -> None:
    panel = make()
    names = list(panel.canvas.layer_names)
    sent = [item for name in names for item in getattr(panel.canvas, f"layer_{name}")["items"]]
    lines = [item for item in sent if item["kind"] == "line" and item["visible"]]
    assert any(isinstance(item["x"], dict) for item in lines), "no line was packed"
    got = js.evaluate(
        "(items) => items.map((item) => {"
        " const decoded = JSON.parse(JSON.stringify(item), (k, v) => v && v.__bytes__ ?"
        "  new DataView(Uint8Array.from(atob(v.__bytes__), (c) => c.charCodeAt(0)).buffer) : v);"
        " const { x, y } = window.canvas.unpackLine(decoded);"
        " return [Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)),"
        "  Array.from(new Uint8Array(y.buffer, y.byteOffset, y.byteLength))]; })",
        [wire(item) for item in lines],
    )
    want = [item for name in names for item in panel.canvas.layer(name)]
    want = [item for item in want if item["kind"] == "line" and item["visible"]]
    for (x, y), item in zip(got, want, strict=True):
        assert bytes(x) == item["x"] and bytes(y) == item["y"]
