"""2. In the browser: key press → new pixels, and distinct frames per second while a key is held.

Measured in JupyterLab in headless Chromium for every live panel of the series, for the naive
baseline notebook (interact + a new pyplot figure per update), for the text-only floor (a
slider whose update is only the kernel round trip into a Label) and for the image-only floor (a
slider that swaps ready-made PNGs of a real panel into an ipywidgets.Image: the round trip plus
sending, loading and decoding a picture, with no computation). A keydown listener and a
MutationObserver on the target record performance.now() in the page: a frame counts once its new
image has been decoded and the next animation frame has run, i.e. when new pixels are on screen.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from bench.report import ROOT, ratio, save, summary, table

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from labdriver import CHROMIUM, INSTALL_HINT, LabServer, launch_args, open_notebook, run_all

RATE_HZ = 30.0  # a typical keyboard auto-repeat rate
INSTRUMENT = Path(__file__).with_name("instrument.js").read_text()


def measure_latency(
    page: Any, handle: Any, presses: int, stages: dict[str, list[float]] | None = None
) -> tuple[list[float], float]:
    """Milliseconds from each keydown to the first new frame after it; also the slider's step.

    For a canvas, `stages` gets where the time went: key → the first trait change of the
    paint (the round trip), → drawn (canvas.js), → the next animation frame (the page's frame).
    """
    latencies, steps = [], []
    for i in range(presses):
        value = float(handle.get_attribute("aria-valuetext") or "nan")
        seen = page.evaluate("window.__bench.frames.length")
        handle.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        try:
            page.wait_for_function(f"window.__bench.frames.length > {seen}", timeout=5000)
        except Exception:  # no new picture for this press: count it as missed
            continue
        # The first frame after the key, not the latest: by the time this runs, the kernel's
        # frame may have followed a browser-side preview.
        key, frame = page.evaluate(f"[window.__bench.keys.at(-1), window.__bench.frames[{seen}]]")
        latencies.append(frame["painted"] - key)
        paint = page.evaluate(
            f"(window.nnlibCanvasTimes || []).find((t) => t.changed >= {key}) ?? null"
        )
        if stages is not None and paint is not None:
            stages["to_change"].append(paint["changed"] - key)
            stages["draw"].append(paint["drawn"] - paint["changed"])
            stages["to_frame"].append(frame["painted"] - paint["drawn"])
        steps.append(abs(float(handle.get_attribute("aria-valuetext") or "nan") - value))
        settle(page)
    return latencies, (max(steps) if steps else float("nan"))


def settle(page: Any, quiet_ms: float = 250, limit_ms: float = 15_000) -> None:
    """Wait until no new frame has arrived for `quiet_ms` (the kernel has caught up)."""
    page.wait_for_function(
        f"performance.now() - (window.__bench.frames.at(-1)?.painted ?? 0) > {quiet_ms}",
        timeout=limit_ms,
        polling=50,
    )


def measure_hold(page: Any, handle: Any, step: float) -> dict[str, float]:
    """Hold ArrowRight (auto-repeat at RATE_HZ) across the slider's range; frames per second."""
    handle.focus()
    handle.press("Home")
    settle(page)
    low, high = (
        float(handle.get_attribute(a) or "nan") for a in ("aria-valuemin", "aria-valuemax")
    )
    room = round((high - low) / step) if step > 0 else 60
    presses = max(10, min(60, room))
    start = page.evaluate("[window.__bench.frames.length, window.__bench.keys.length]")
    for _ in range(presses):
        page.keyboard.down("ArrowRight")
        time.sleep(1.0 / RATE_HZ)
    page.keyboard.up("ArrowRight")
    settle(page, quiet_ms=1500, limit_ms=60_000)
    keys, frames = page.evaluate(
        f"[window.__bench.keys.slice({start[1]}), window.__bench.frames.slice({start[0]})]"
    )
    first, last = keys[0], keys[-1]
    window_ms = last - first + 1000.0 / RATE_HZ
    during = [f for f in frames if f["painted"] <= first + window_ms]
    return {
        "presses": presses,
        "held_s": window_ms / 1000.0,
        "fps_held": len(during) / (window_ms / 1000.0),
        "frames_total": len(frames),
        "catch_up_ms": (frames[-1]["painted"] - last) if frames else float("nan"),
    }


def measure_target(page: Any, root: Any, kind: str, presses: int) -> dict[str, Any] | None:
    """Instrument `root`, find a slider that changes its picture and measure it."""
    root.scroll_into_view_if_needed()
    page.evaluate(INSTRUMENT, [root.element_handle(), kind])
    for handle in root.locator(".noUi-handle").all():
        handle.focus()
        latencies, step = measure_latency(page, handle, 2)
        if latencies:
            stages: dict[str, list[float]] = {"to_change": [], "draw": [], "to_frame": []}
            latencies, step = measure_latency(page, handle, presses, stages)
            hold = measure_hold(page, handle, step)
            label = handle.locator("xpath=ancestor::div[contains(@class,'widget-slider')]")
            name = label.locator(".widget-label").first.inner_text()
            return {"slider": name, "latency_ms": latencies, "stages_ms": stages, **hold}
    if root.locator(".widget-play").count():
        return measure_play(page, root)
    return None


def measure_play(page: Any, root: Any, seconds: float = 3.0) -> dict[str, Any]:
    """A panel driven by ipywidgets.Play: frames per second while it plays (no key latency)."""
    buttons = root.locator(".widget-play button")
    start = page.evaluate("window.__bench.frames.length")
    began = page.evaluate("performance.now()")
    buttons.nth(0).click()  # play
    time.sleep(seconds)
    buttons.nth(1).click()  # pause
    ended = page.evaluate("performance.now()")
    settle(page, quiet_ms=1500, limit_ms=60_000)
    frames = page.evaluate(f"window.__bench.frames.slice({start})")
    during = [f for f in frames if f["painted"] <= ended]
    return {
        "slider": "Play",
        "latency_ms": [],
        "presses": 0,
        "held_s": (ended - began) / 1000.0,
        "fps_held": len(during) / ((ended - began) / 1000.0),
        "frames_total": len(frames),
        "catch_up_ms": (frames[-1]["painted"] - ended) if frames else float("nan"),
    }


def targets(page: Any, notebook: str) -> list[tuple[str, Any, str]]:
    if notebook.startswith("bench/"):
        kind = "text" if "text_floor" in notebook else "image"
        return [(Path(notebook).stem, page.locator(".bench-target").first, kind)]
    found = page.locator(".nnlib-panel")
    return [
        (
            f"{Path(notebook).stem} panel {i + 1}",
            found.nth(i),
            "canvas" if found.nth(i).locator(".nnlib-canvas").count() else "image",
        )
        for i in range(found.count())
    ]


def run(presses: int, only: list[str] | None = None) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    folders = {
        "notebooks": ROOT / "notebooks",
        "bench": ROOT / "bench" / "notebooks",
    }
    notebooks = ["bench/text_floor.ipynb", "bench/image_floor.ipynb", "bench/naive_baseline.ipynb"]
    notebooks += [f"notebooks/{p.name}" for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    if only:  # the three baselines always run: every ratio is against this run's own
        notebooks = [n for n in notebooks if n.startswith("bench/") or any(o in n for o in only)]
    server = LabServer(folders).start()
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_args())
            for notebook in notebooks:
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                open_notebook(page, server, notebook)
                run_all(page)
                for label, root, kind in targets(page, notebook):
                    measured = measure_target(page, root, kind, presses)
                    if measured is None:
                        print(f"  {label}: no slider changes its picture; not measured")
                        continue
                    results.append({"target": label, "kind": kind, **measured})
                page.close()
                for session in server.api("sessions"):
                    server.api(f"sessions/{session['id']}", method="DELETE")
            browser.close()
    finally:
        server.stop()
    return results


def main(presses: int = 25, only: list[str] | None = None) -> dict[str, Any]:
    if not CHROMIUM.exists():
        print(f"browser benchmark skipped: Chromium is missing ({CHROMIUM}): {INSTALL_HINT}")
        return {}
    results = run(presses, only)
    by_name = {r["target"]: r for r in results}
    floor = summary(by_name.get("text_floor", {}).get("latency_ms", []))["p50"]
    image_floor = summary(by_name.get("image_floor", {}).get("latency_ms", []))["p50"]
    naive_fps = by_name.get("naive_baseline", {}).get("fps_held", float("nan"))
    floor_fps = by_name.get("text_floor", {}).get("fps_held", float("nan"))
    rows = []
    for r in results:
        stats = summary(r["latency_ms"])
        r["latency"] = stats
        r["latency_vs_floor"] = ratio(stats["p50"], floor)
        r["latency_vs_image_floor"] = ratio(stats["p50"], image_floor)
        r["fps_vs_naive"] = ratio(r["fps_held"], naive_fps)
        r["fps_vs_floor"] = ratio(r["fps_held"], floor_fps)
        rows.append([r["target"], r["slider"], stats["p50"], stats["p95"], r["latency_vs_floor"]])
        rows[-1] += [r["latency_vs_image_floor"]]
        rows[-1] += [r["fps_held"], r["fps_vs_floor"], r["fps_vs_naive"], r["catch_up_ms"]]
    header = ["target", "slider", "key→pixels p50 ms", "p95 ms", "÷ floor", "÷ image floor"]
    header += ["fps held", "÷ floor fps", "÷ naive fps", "catch-up ms"]
    title = (
        "In the browser (targets: key→pixels p50 ≤ 1.1× text floor, ≤ 20 ms for closed-form "
        "panels; fps held ≥ the text floor's, ≥ 25 for closed-form panels)"
    )
    print(table(title, header, rows))
    for r in results:
        stages = {k: summary(v)["p50"] for k, v in r.get("stages_ms", {}).items() if v}
        if stages:
            parts = ", ".join(f"{k} {v:.1f}" for k, v in stages.items())
            print(f"  {r['target']}: first paint after the key, p50 ms: {parts}")
    data = {"presses": presses, "rate_hz": RATE_HZ, "targets": results}
    print(f"written: {save('browser', data).relative_to(ROOT)}")
    return data
