"""6. The Playground playing a 2-8-8-1 network with its hidden-neuron heatmaps (issue #14).

Kernel: time per play tick (10 SGD steps, every picture updated and sent) in a real kernel
(nbclient, so every message is serialised), as CPU time and wall time; next to the naive
baseline of the other rows (interact + a new pyplot figure per tick, same training). Each tick
reaches the panel as the page's Play sends it (set_state, what the widget's comm handler calls),
so the kernel sends what it sends in the browser: no echo of the tick, which the play control
does not ask for, and no message for a value set from Python.
Browser: frames per second held while the Play button runs, next to two baselines measured in
the same page: a Play at the same interval that only writes a Label (the text floor: no plot
can be faster) and the naive interact + pyplot figure per tick driven by the same Play.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from bench.report import ROOT, ratio, save, summary, table

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from labdriver import CHROMIUM, INSTALL_HINT, LabServer, launch_args, open_notebook, run_all

PANEL = 'Playground(dataset="moons", hidden="8,8", seed=0)'
MARKER = "BENCH-JSON:"
TICKS, NAIVE_TICKS, WARM = 200, 30, 5
TARGETS = {  # kernel: ≤ 10 ms per tick; browser: ≥ 15 frames/s held
    "tick_ms": 10.0,
    "fps": 15.0,
}

SETUP = f"""%matplotlib inline
import sys
sys.path.insert(0, {str(ROOT)!r})
from nnlib.widgets import Playground
panel = {PANEL}
panel"""

KERNEL_PROBE = f"""import json, time
import matplotlib.pyplot as plt
from bench.kernel_probe import WireMeter, naive_baseline

def timed(advance, count):
    cpu, wall = [], []
    for _ in range(count):
        c, w = time.process_time(), time.perf_counter()
        advance()
        cpu.append((time.process_time() - c) * 1000.0)
        wall.append((time.perf_counter() - w) * 1000.0)
    return cpu, wall

play = panel.controls["play"]
def tick():  # as the page's Play sends a tick: through set_state, as the comm's handler does
    play.set_state({{"value": play.value + 1}})

timed(tick, {WARM})
meter = WireMeter(panel)
cpu, wall = timed(tick, {TICKS})
sent = meter.sent / {TICKS}
twin = {PANEL}  # the same training, drawn the naive way
naive = naive_baseline(twin, "play")
proxy = naive.children[0]
def naive_tick():
    proxy.value = proxy.value + 1
naive_cpu, naive_wall = timed(naive_tick, {NAIVE_TICKS})
naive.close()
print({MARKER!r} + json.dumps(dict(cpu=cpu, wall=wall, bytes=sent, steps=panel.run.step,
      naive_cpu=naive_cpu, naive_wall=naive_wall)))"""


def kernel() -> dict[str, Any]:
    """Run the probe in a fresh kernel; CPU and wall milliseconds per tick, panel and naive."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(KERNEL_PROBE)]
    client = NotebookClient(notebook, timeout=600, kernel_name="python3")
    client.execute()
    for output in notebook.cells[-1].outputs:
        for line in output.get("text", "").splitlines():
            if line.startswith(MARKER):
                return dict(json.loads(line[len(MARKER) :]))
    raise RuntimeError(f"the playground probe printed nothing: {notebook.cells[-1].outputs}")


BROWSER_CELLS = [
    SETUP,
    """import ipywidgets as widgets
from nnlib.widgets.playground_controls import PLAY_INTERVAL_MS
floor_play = widgets.Play(value=0, min=0, max=10**6, interval=PLAY_INTERVAL_MS)
label = widgets.Label(value="tick 0")
label.add_class("bench-output")
floor_play.observe(lambda change: setattr(label, "value", f"tick {change['new']}"), "value")
text_floor = widgets.VBox([floor_play, label])
text_floor.add_class("bench-play-floor")
text_floor""",
    f"""import matplotlib.pyplot as plt
from bench.replot import replot
twin = {PANEL}  # trained as the panel is, drawn the naive way; never displayed

def draw(tick=0):
    twin._held = True  # copy the tick in without the panel's own sending, as kernel_probe does
    try:
        twin.controls["play"].value = tick
    finally:
        twin._held = False
        twin._pending.clear()
    twin.compute({{"play"}})
    replot(twin.figure)
    plt.show()

naive_play = widgets.Play(value=0, min=0, max=10**6, interval=PLAY_INTERVAL_MS)
naive = widgets.interactive(draw, tick=naive_play)
naive.add_class("bench-play-naive")
naive""",
]


def browser(seconds: float) -> dict[str, dict[str, Any]]:
    """Frames per second held while each target plays for `seconds`: panel, floor, naive."""
    from playwright.sync_api import sync_playwright

    from bench.bench_browser import INSTRUMENT, measure_play

    folder = Path(tempfile.mkdtemp(prefix="nnlib-bench-playground-"))
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}  # fmt: skip
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in BROWSER_CELLS]
    nbformat.write(notebook, folder / "playground_play.ipynb")
    server = LabServer({"pgbench": folder}).start()
    found: dict[str, dict[str, Any]] = {}
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(**launch_args())
            page = chromium.new_page(viewport={"width": 1280, "height": 1000})
            open_notebook(page, server, "pgbench/playground_play.ipynb")
            run_all(page)
            for name, selector, kind in (
                ("playground 2-8-8-1", ".nnlib-panel", "canvas"),
                ("text floor (Play → Label)", ".bench-play-floor", "text"),
                ("naive (Play → interact + pyplot)", ".bench-play-naive", "image"),
            ):
                root = page.locator(selector).first
                root.scroll_into_view_if_needed()
                page.evaluate(INSTRUMENT, [root.element_handle(), kind])
                found[name] = measure_play(page, root, seconds)
                time.sleep(0.5)
            chromium.close()
    finally:
        server.stop()
    return found


def main(seconds: float = 5.0) -> dict[str, Any]:
    measured = kernel()
    panel = {k: summary(measured[k]) for k in ("cpu", "wall")}
    naive = {k: summary(measured[f"naive_{k}"]) for k in ("cpu", "wall")}
    rows = [
        [
            f"{name} ms/tick",
            panel[key]["p50"],
            panel[key]["p95"],
            naive[key]["p50"],
            naive[key]["p95"],
            ratio(naive[key]["p50"], panel[key]["p50"]),
        ]
        for name, key in (("kernel CPU", "cpu"), ("wall", "wall"))
    ]
    header = ["2-8-8-1 with heatmaps", "p50", "p95", "naive p50", "naive p95", "naive/panel"]
    title = (
        f"Playground play tick, 10 SGD steps, in a kernel (target p50 ≤ {TARGETS['tick_ms']:g}"
        f" ms CPU); {measured['bytes'] / 1024:.1f} KB sent per tick, {measured['steps']} steps"
    )
    print(table(title, header, rows))
    data: dict[str, Any] = {"kernel": {**measured, "panel_ms": panel, "naive_ms": naive}}
    if CHROMIUM.exists():
        fps = browser(seconds)
        data["browser"] = fps
        floor = fps["text floor (Play → Label)"]["fps_held"]
        lines = [[n, r["fps_held"], ratio(r["fps_held"], floor), r["catch_up_ms"]]
                 for n, r in fps.items()]  # fmt: skip
        title = f"Playground playing in the browser (target ≥ {TARGETS['fps']:g} frames/s held)"
        print(table(title, ["target", "fps held", "÷ text floor fps", "catch-up ms"], lines))
    else:
        print(f"playground browser benchmark skipped: Chromium is missing ({CHROMIUM}): "
              f"{INSTALL_HINT}")  # fmt: skip
    print(f"written: {save('playground', data).relative_to(ROOT)}")
    return data


if __name__ == "__main__":
    main()
