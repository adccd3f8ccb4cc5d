"""Medians, p95s and ratios: printed as a table and written as JSON under results/bench/."""

from __future__ import annotations

import datetime
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results" / "bench"


def summary(samples: Sequence[float]) -> dict[str, float]:
    """n, p50 and p95 of a list of timings (same unit in, same unit out)."""
    if not samples:
        return {"n": 0, "p50": float("nan"), "p95": float("nan")}
    values = np.asarray(samples, dtype=np.float64)
    p50, p95 = np.percentile(values, [50, 95])
    return {"n": len(values), "p50": float(p50), "p95": float(p95)}


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else float("nan")


def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table; floats get two decimals."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    lines = [title, "  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "n/a" if np.isnan(value) else f"{value:.2f}"
    return str(value)


def save(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"{name}.json"
    target.write_text(json.dumps({"machine": machine(), **data}, indent=2, default=str))
    return target


def sweep(state: dict[str, Any], count: int) -> list[float]:
    """`count` successive slider values one step apart, turning back at the ends."""
    value, step, direction, out = state["value"], state["step"], 1, []
    for _ in range(count):
        if not state["min"] <= value + direction * step <= state["max"]:
            direction = -direction
        value = round(value + direction * step, 10)
        out.append(value)
    return out
