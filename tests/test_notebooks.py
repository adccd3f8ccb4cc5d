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
