"""3. Whole-series execution time: each notebook through nbclient, then the whole nbval run."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from bench.report import ROOT, save, table

TARGET_SECONDS = 60.0


def run_notebook(path: Path) -> float:
    """Seconds to start a kernel and execute the notebook top to bottom (nothing is written)."""
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    where = {"metadata": {"path": str(path.parent)}}
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources=where).execute()
    return time.perf_counter() - start


def run_nbval() -> tuple[float, int]:
    """Seconds for the strict nbval run of all notebooks, as `make test` runs it; exit status."""
    command = [sys.executable, "-m", "pytest", "notebooks", "--nbval", "-p", "no:playwright"]
    command += ["--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-q", "--no-header"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done.returncode


def main() -> dict[str, Any]:
    paths = sorted((ROOT / "notebooks").glob("*.ipynb"))
    seconds = {path.stem: run_notebook(path) for path in paths}
    total = sum(seconds.values())
    nbval_seconds, nbval_status = run_nbval() if paths else (0.0, 0)
    rows: list[list[Any]] = [[name, value] for name, value in seconds.items()]
    rows += [["all notebooks (nbclient, sum)", total], ["nbval run (pytest, wall)", nbval_seconds]]
    print(
        table(
            f"Whole-series execution time, s (target < {TARGET_SECONDS:.0f} s)", ["run", "s"], rows
        )
    )
    if nbval_status != 0:
        print(f"  note: the nbval run exited with status {nbval_status} (see `make test`)")
    data = {
        "notebooks_s": seconds,
        "total_s": total,
        "nbval_s": nbval_seconds,
        "nbval_status": nbval_status,
        "target_s": TARGET_SECONDS,
    }
    print(f"written: {save('series', data).relative_to(ROOT)}")
    return data
