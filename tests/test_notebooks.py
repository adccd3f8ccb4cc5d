"""The committed notebooks are executed, clean, small and built the way the series promises."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SERIES = [
    "01_key_terms",
    "02_single_neuron",
    "03_activation_functions",
    "04_network_3441",
    "05_biological_vs_artificial",
    "06_training",
    "07_backpropagation",
    "08_universality",
    "09_playground",
]
PRESENT = [name for name in SERIES if (NOTEBOOKS / f"{name}.ipynb").exists()]
ABSOLUTE_PATH = re.compile(r"(/root/|/home/\w|/tmp/|/work/|/Users/|[A-Z]:\\\\)")
MEMORY_ADDRESS = re.compile(r"at 0x[0-9a-fA-F]{6,}")


def load(name: str) -> dict[str, Any]:
    return dict(json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8")))


def source(cell: dict[str, Any]) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def code_cells(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in notebook["cells"] if c["cell_type"] == "code" and source(c).strip()]


def test_every_notebook_in_the_folder_belongs_to_the_series() -> None:
    extra = {p.stem for p in NOTEBOOKS.glob("*.ipynb")} - set(SERIES)
    assert not extra, f"notebooks not in the series list: {sorted(extra)}"


@pytest.mark.parametrize("name", PRESENT)
def test_cells_were_executed_once_in_order(name: str) -> None:
    counts = [cell["execution_count"] for cell in code_cells(load(name))]
    assert counts == list(range(1, len(counts) + 1)), "run `make notebooks` to re-execute it"


@pytest.mark.parametrize("name", PRESENT)
def test_outputs_hold_no_errors_paths_or_addresses(name: str) -> None:
    for cell in code_cells(load(name)):
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"error output in: {source(cell)[:80]}"
            text = json.dumps(output.get("text", "")) + json.dumps(output.get("data", {}))
            assert "Traceback" not in text
            assert not ABSOLUTE_PATH.search(text), f"absolute path in output of {source(cell)[:80]}"
            assert not MEMORY_ADDRESS.search(text), "memory address: end plot cells with ';'"


@pytest.mark.parametrize("name", PRESENT)
def test_notebook_is_under_one_megabyte(name: str) -> None:
    assert (NOTEBOOKS / f"{name}.ipynb").stat().st_size < 1_000_000


@pytest.mark.parametrize("name", PRESENT)
def test_opens_with_goals_and_ends_with_summary_and_next_link(name: str) -> None:
    cells = load(name)["cells"]
    assert cells[0]["cell_type"] == "markdown"
    assert "you will be able to" in source(cells[0]).lower()
    last = source(cells[-1])
    assert cells[-1]["cell_type"] == "markdown" and "summary" in last.lower()
    position = SERIES.index(name)
    if position + 1 < len(SERIES):
        assert f"({SERIES[position + 1]}.ipynb)" in last, "link to the next notebook"
    else:
        assert "(../README.md)" in last, "the last notebook links back to the README"


@pytest.mark.parametrize("name", PRESENT)
def test_has_automatically_checked_exercises(name: str) -> None:
    code = "\n".join(source(c) for c in code_cells(load(name)))
    assert "nnlib.exercises" in code, "each notebook carries exercises checked by nnlib.exercises"


@pytest.mark.parametrize("name", PRESENT)
def test_images_have_alt_text(name: str) -> None:
    for cell in load(name)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = source(cell)
        assert not re.search(r"!\[\s*\]\(", text), "markdown image without alt text"
        for tag in re.findall(r"<img\b[^>]*>", text):
            assert re.search(r'alt="[^"]+"', tag), f"<img> without alt text: {tag}"
        for target in re.findall(r"!\[[^\]]+\]\(([^)\s]+)", text):
            assert (NOTEBOOKS / target).exists(), f"image not found: {target}"


# A markdown cell that quotes numbers computed by a code cell declares them in its metadata:
# "quotes": {"<id of the code cell>": ["41", "4"]}. Each number must stand in the markdown text and
# in that cell's committed output, so re-running a notebook cannot silently make its text wrong.
QUOTING = [
    "02_single_neuron",
    "03_activation_functions",
    "04_network_3441",
    "06_training",
    "09_playground",
]


def output_text(cell: dict[str, Any]) -> str:
    parts = []
    for output in cell.get("outputs", []):
        text = output.get("text", output.get("data", {}).get("text/plain", ""))
        parts.append(text if isinstance(text, str) else "".join(text))
    return "\n".join(parts)


def stands_in(number: str, text: str) -> bool:
    """`number` appears as a whole number in `text`: 41 is not found inside 141 or 4.1."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text) is not None


@pytest.mark.parametrize("name", PRESENT)
def test_numbers_quoted_in_the_text_match_the_outputs_they_come_from(name: str) -> None:
    cells = load(name)["cells"]
    by_id = {cell.get("id"): cell for cell in cells}
    quoting = [cell for cell in cells if cell["metadata"].get("quotes")]
    if name in QUOTING:
        assert quoting, "this notebook quotes computed numbers: declare them in cell metadata"
    for cell in quoting:
        for cell_id, numbers in cell["metadata"]["quotes"].items():
            assert cell_id in by_id, f"quotes name a cell id that does not exist: {cell_id}"
            shown = output_text(by_id[cell_id])
            for number in numbers:
                assert stands_in(number, source(cell)), f"{number} is not in the text"
                assert stands_in(number, shown), f"{number} not in {cell_id}: {shown}"


def test_a_quoted_number_must_stand_alone() -> None:
    assert stands_in("41", "parameters: 41 versus 4") and stands_in("0.310", "a = 0.310")
    assert not stands_in("41", "141 parameters") and not stands_in("4", "4.1 or 0.4")


@pytest.mark.parametrize("name", PRESENT)
def test_images_live_inside_the_notebooks_folder(name: str) -> None:
    # Voilà and Jupyter serve nothing above the folder they open: ../images would not load.
    for cell in load(name)["cells"]:
        text = source(cell) if cell["cell_type"] == "markdown" else ""
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)|<img[^>]*src=\"([^\"]+)\"", text):
            path = next(t for t in target if t)
            assert not path.startswith(("..", "/")), f"image outside notebooks/: {path}"
