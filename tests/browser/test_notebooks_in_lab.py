"""Every notebook of the series runs top to bottom in JupyterLab with no error on the page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from labdriver import NOTEBOOKS, RunResult

PRESENT = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("name", PRESENT)
def test_run_all_shows_no_error_or_traceback(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    result = run_notebook(name)
    print(f"{name}: Run All took {result.seconds:.1f} s in JupyterLab")
    assert result.errors == [], "\n".join(result.errors)
