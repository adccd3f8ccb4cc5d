"""Every notebook of the series runs top to bottom in JupyterLab with no error on the page."""

from __future__ import annotations

from collections.abc import Callable

import nbformat
import pytest
from labdriver import NOTEBOOKS, LabServer, RunResult, errors_shown, open_notebook, run_all
from playwright.sync_api import Browser

PRESENT = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("name", PRESENT)
def test_run_all_shows_no_error_or_traceback(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    result = run_notebook(name)
    print(f"{name}: Run All took {result.seconds:.1f} s in JupyterLab")
    assert result.errors == [], "\n".join(result.errors)


def test_the_error_check_sees_a_traceback(browser: Browser, lab_server: LabServer) -> None:
    """Negative control: a failing notebook is reported, else the test above proves nothing."""
    notebook = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    notebook.cells = [
        nbformat.v4.new_code_cell('print("ValueError: printed on purpose is fine")'),
        nbformat.v4.new_code_cell("1 / 0"),
        nbformat.v4.new_code_cell("print('never reached')"),
    ]
    nbformat.write(notebook, lab_server.root / "raises.ipynb")
    page = browser.new_page()
    try:
        open_notebook(page, lab_server, "raises.ipynb")
        run_all(page)
        errors = errors_shown(page)
    finally:
        page.close()
    assert len(errors) == 1 and "ZeroDivisionError" in errors[0], errors
