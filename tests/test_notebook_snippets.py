"""Every snippet a notebook suggests runs where it is suggested.

A snippet is text in backticks in a markdown cell, or a call written in a checker's hint in a
committed output, that parses as Python and does something (a call or an assignment). A markdown
snippet whose names the notebook never defines names an API (`num_parameters()`,
`Linear(n_in, n_out)`) rather than suggesting code to paste, and is left alone; one that uses the
notebook's own names must run. The opening cell previews the whole notebook and is skipped.

The notebook's code cells run in order in this process
(the same code a kernel would run); at each markdown cell, and after each code cell whose output
carries a hint, every snippet found there runs in a copy of the namespace, so it cannot disturb
what follows. PyTorch code, shown for comparison, cannot run here and is listed in PYTORCH; a
snippet holding `...` is a template to fill in, not code to paste.
"""

from __future__ import annotations

import ast
import builtins
import copy
import re
from typing import Any

import pytest
from test_notebooks import PRESENT, load, source

# Written in PyTorch for comparison; nnlib's own names are checked everywhere else.
PYTORCH = {
    "nn.Sequential(a, b, c)",
    "nn.Sequential(*layers)",
    "nn.ReLU()",
    "loss.backward()",
}
# The generic training step, in the names every training loop uses (model, X, y, opt, loss_fn);
# notebook 06 runs it with its own objects in the next cell, and its summary repeats it.
TRAINING_STEP = {
    "opt.zero_grad()",
    "out = model(X)",
    "loss = loss_fn(out, y)",
    "model.backward(loss_fn.backward())",
    "opt.step()",
}
# Hints name calls in prose: a dotted name applied to balanced brackets, two levels deep.
CALL = re.compile(r"[A-Za-z_][\w.]*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)")
CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
FENCED = re.compile(r"```.*?```", re.DOTALL)
SERIES_1_TO_6 = [name for name in PRESENT if name[:2] in {"01", "02", "03", "04", "05", "06"}]


def runnable(text: str) -> bool:
    """Parses as Python, is not a template with `...`, and does something (a call or a store)."""
    if "..." in text or text in PYTORCH or text in TRAINING_STEP:
        return False
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    return any(isinstance(node, (ast.Call, ast.Assign, ast.AugAssign)) for node in ast.walk(tree))


def markdown_snippets(text: str) -> list[str]:
    return [s for s in CODE_SPAN.findall(FENCED.sub("", text)) if runnable(s)]


def hint_snippets(cell: dict[str, Any]) -> list[str]:
    texts = [
        "".join(output.get("data", {}).get("text/plain", "")) for output in cell.get("outputs", [])
    ]
    hints = [line for text in texts for line in text.splitlines() if line.startswith("Hint:")]
    return [s for hint in hints for s in CALL.findall(hint) if runnable(s)]


def private_copy(namespace: dict[str, Any]) -> dict[str, Any]:
    """Each value deep-copied where it can be (models, arrays), shared where not (widgets)."""
    copied = {}
    for name, value in namespace.items():
        try:
            copied[name] = copy.deepcopy(value)
        except Exception:  # a live widget or a module cannot be copied; the snippet shares it
            copied[name] = value
    return copied


def run_cell(code: str, namespace: dict[str, Any]) -> None:
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    exec(compile("\n".join(lines), "<cell>", "exec"), namespace)


def free_names(snippet: str) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(snippet)) if isinstance(n, ast.Name)}


def notebook_names(cells: list[dict[str, Any]]) -> set[str]:
    """Every name the notebook's code binds anywhere, and the builtins."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for cell in cells:
        if cell["cell_type"] == "code":
            run_cell(source(cell), namespace)
    return set(namespace) | set(dir(builtins))


def snippet_failures(name: str) -> tuple[list[str], int]:
    cells = load(name)["cells"]
    known = notebook_names(cells)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    failures, tried = [], 0
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            run_cell(source(cell), namespace)
            snippets = hint_snippets(cell)
        elif index == 0:
            continue
        else:
            found = markdown_snippets(source(cell))
            snippets = [s for s in found if free_names(s) <= known]
        for snippet in snippets:
            tried += 1
            try:
                exec(compile(snippet, "<snippet>", "exec"), private_copy(namespace))
            except Exception as error:
                failures.append(f"cell {index}: `{snippet}` → {type(error).__name__}: {error}")
    return failures, tried


@pytest.mark.parametrize("name", SERIES_1_TO_6)
def test_every_suggested_snippet_runs_where_it_is_suggested(name: str) -> None:
    failures, _ = snippet_failures(name)
    assert not failures, "\n".join(failures)


def test_the_collector_finds_hint_calls_and_skips_templates() -> None:
    cell = {
        "outputs": [
            {
                "data": {
                    "text/plain": "✗ Not yet.\nHint: e.g. mlp([2, 4, 1], 'tanh', "
                    "rng=rng) or Sequential(...)."
                }
            }
        ]
    }
    assert hint_snippets(cell) == ["mlp([2, 4, 1], 'tanh', rng=rng)"]
    assert markdown_snippets("run `explorer.step(n)`; see `0.weight` and `nn.ReLU()`") == [
        "explorer.step(n)"
    ]
