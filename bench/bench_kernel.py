"""1. Kernel-side update time per panel, against interact + a new pyplot figure per update.

Every notebook of the series runs in a real kernel (nbclient); then kernel_probe times each control
of each live panel the notebook built, and the naive baseline that draws the same content.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
from nbclient import NotebookClient

from bench.report import ROOT, ratio, save, summary, table

MARKER = "BENCH-JSON:"
PROBE = """import json as _json, sys as _sys
_sys.path.insert(0, {root!r})
from bench.kernel_probe import measure_all as _measure_all
print({marker!r} + _json.dumps(_measure_all({repeats})))"""


def probe_notebook(path: Path, repeats: int) -> list[dict[str, Any]]:
    notebook = nbformat.read(path, as_version=4)
    source = PROBE.format(root=str(ROOT), marker=MARKER, repeats=repeats)
    notebook.cells.append(nbformat.v4.new_code_cell(source))
    where = {"metadata": {"path": str(path.parent)}}
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources=where)
    client.execute()
    for output in notebook.cells[-1].outputs:
        for line in output.get("text", "").splitlines():
            if line.startswith(MARKER):
                return list(json.loads(line[len(MARKER) :]))
    raise RuntimeError(f"{path.name}: the probe printed nothing: {notebook.cells[-1].outputs}")


def rows_for(notebook: str, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for index, result in enumerate(results):
        sliders = [name for name in result["controls"] if name in result["naive"]]
        panel = [t for name in sliders for t in result["controls"][name]]
        naive = [t for ts in result["naive"].values() for t in ts]
        naive_by_control = {name: summary(ts) for name, ts in result["naive"].items()}
        buttons = {n: ts for n, ts in result["controls"].items() if n not in result["naive"]}
        fast, slow = summary(panel), summary(naive)
        rows.append(
            {
                "notebook": notebook,
                "panel": f"{result['panel']}#{index + 1}",
                "panel_ms": fast,
                "naive_ms": slow,
                "naive_ms_by_control": naive_by_control,
                "speedup_p50": ratio(slow["p50"], fast["p50"]),
                "per_control_ms": {n: summary(ts) for n, ts in result["controls"].items()},
                "buttons_ms": {n: summary(ts) for n, ts in buttons.items()},
                "bytes_per_update": result.get("bytes", {}),
            }
        )
    return rows


def _row(r: dict[str, Any]) -> list[Any]:
    fast, slow = r["panel_ms"], r["naive_ms"]
    slowest = max(r["per_control_ms"].items(), key=lambda item: item[1]["p50"], default=None)
    worst = f"{slowest[0]} ({slowest[1]['p50']:.1f})" if slowest else "-"
    row = [r["notebook"], r["panel"], fast["p50"], fast["p95"], slow["p50"], slow["p95"]]
    sizes = [b for name, b in r["bytes_per_update"].items() if name in r["naive_ms_by_control"]]
    bytes_p50 = float(np.median(sizes)) / 1024 if sizes else float("nan")
    bytes_max = max(sizes, default=float("nan")) / 1024
    return [*row, r["speedup_p50"], worst, bytes_p50, bytes_max]


def main(repeats: int = 20) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        rows += rows_for(path.stem, probe_notebook(path, repeats))
    data = {"repeats": repeats, "panels": rows}
    written = save("kernel", data).relative_to(ROOT)
    header = ["notebook", "panel", "p50 ms", "p95 ms", "naive p50", "naive p95", "naive/panel"]
    header += ["slowest control (p50 ms)", "KB/update (median of sliders)", "KB max"]
    print(
        table(
            "Kernel-side update time per control change (targets: p50 ≤ 5 ms, ≤ 16 KB sent)",
            header,
            [_row(r) for r in rows],
        )
    )
    for r in rows:
        for name, stats in r["buttons_ms"].items():
            print(f"  {r['panel']} button {name!r}: p50 {stats['p50']:.1f} ms (n={stats['n']})")
    print(f"written: {written}")
    return data
