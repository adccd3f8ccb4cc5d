"""Re-execute the notebooks in place, top to bottom, as `make notebooks` does.

Execution counts come out in order, timing metadata is dropped so re-runs give clean diffs, and
each notebook's run time is printed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def run(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()
    elapsed = time.perf_counter() - start
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return elapsed


def main(argv: list[str]) -> int:
    targets = [Path(a) for a in argv] or [Path("notebooks")]
    paths = sorted(p for t in targets for p in (t.glob("*.ipynb") if t.is_dir() else [t]))
    for path in paths:
        print(f"{path}: {run(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
