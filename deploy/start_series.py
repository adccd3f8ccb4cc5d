"""Start a learner's JupyterLab on the series: copy what they lack into their home, then exec.

Every spawner runs this as the learner, in their home: `python start_series.py [args...]`.
Files the learner already has are never overwritten, so their edits survive a restart; a file
added to the series later appears in their copy on their next start. Then it becomes
`jupyterhub-singleuser` with the same arguments, so the hub sees the usual single-user server.

The series is read from NNLIB_SERIES_DIR (default: the repository this file sits in).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SERIES = Path(os.environ.get("NNLIB_SERIES_DIR", Path(__file__).resolve().parents[1]))
# The notebooks carry their diagrams in notebooks/images/, so the one folder is the series.
FOLDERS = ("notebooks",)
SKIP = {".ipynb_checkpoints", "__pycache__"}


def copy_missing(source: Path, target: Path) -> int:
    """Copy every file under `source` that `target` lacks; returns how many were copied."""
    copied = 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if SKIP.intersection(relative.parts) or not path.is_file():
            continue
        destination = target / relative
        if not destination.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            copied += 1
    return copied


def main(args: list[str]) -> None:
    home = Path(os.environ.get("HOME") or os.getcwd())
    for folder in FOLDERS:
        if (SERIES / folder).is_dir():
            copy_missing(SERIES / folder, home / folder)
    # The same interpreter's launcher, so the learner's server runs in the series' environment.
    command = [sys.executable, "-m", "jupyterhub.singleuser", *args]
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
