"""Build the nbgrader course from notebooks/: `make assignments` runs this.

    python tools/make_assignments.py [--notebooks notebooks] [--course course] [--release]

notebooks/ stays the source of truth. Every code cell whose metadata holds
{"nnlib": {"exercise": ID, "points": N}} becomes two cells in course/source/<stem>/<stem>.ipynb:

- an answer cell (nbgrader solution cell): the learner's own lines, with the solution from
  tools/exercise_solutions.py in a ### BEGIN SOLUTION region after the placeholder;
- a test cell (autograded, N points): the learner's self-check, the cell's last statement,
  followed by the independent check in a ### BEGIN HIDDEN TESTS region.

With --release, `nbgrader generate_assignment` then writes course/release/, the learners' copies.
Only nbgrader_config.py and source/ are (re)written: a gradebook and collected work are kept.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from exercise_solutions import SOLUTIONS, Solution

NBGRADER_CONFIG = '''\
"""nbgrader settings for the Neural Networks, Hands-On course, written by `make assignments`."""

c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "nn-hands-on"
# The learner's placeholder line stays above each cleared solution region, so nothing has to
# stand in its place: the released notebook runs top to bottom and every check says "Not yet".
c.ClearSolutions.code_stub = {"python": ""}
# Some cells train networks for a few seconds; a slow grading machine gets ample time.
c.Execute.timeout = 300
'''


@dataclass(frozen=True)
class Exercise:
    """One marked cell of a notebook, split into the learner's lines and the self-check."""

    notebook: str
    id: str
    points: float
    answer: str
    check: str
    solution: Solution


def marked_cells(notebook: dict[str, Any]) -> list[tuple[int, str, float]]:
    """(cell index, exercise ID, points) of every cell marked as an exercise."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        mark = cell.get("metadata", {}).get("nnlib", {})
        if "exercise" in mark:
            points = mark.get("points")
            if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
                raise ValueError(
                    f"cell {index} (exercise {mark['exercise']!r}) has points {points!r}; give "
                    f'the metadata "nnlib": {{"exercise": ..., "points": 1}}, a positive number.'
                )
            found.append((index, str(mark["exercise"]), float(points)))
    return found


def split_check(source: str, where: str) -> tuple[str, str]:
    """The learner's lines and the self-check: the cell's last statement, which must be a call."""
    statements = ast.parse(source).body
    last = statements[-1] if statements else None
    if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)):
        raise ValueError(
            f"{where}: the last statement of an exercise cell must be its self-check, a call "
            f"such as check_x(answer); this cell ends with {source.splitlines()[-1:]!r}."
        )
    lines = source.splitlines()
    return "\n".join(lines[: last.lineno - 1]).rstrip("\n"), "\n".join(lines[last.lineno - 1 :])


def read_exercises(path: Path) -> list[Exercise]:
    """The exercises marked in one notebook, each matched with its entry in SOLUTIONS."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    table = SOLUTIONS.get(path.stem, {})
    marked = marked_cells(notebook)
    ids = [exercise_id for _, exercise_id, _ in marked]
    missing = sorted(set(ids) - set(table))
    unused = sorted(set(table) - set(ids))
    if missing or unused or len(set(ids)) != len(ids):
        raise ValueError(
            f"{path.name}: the marked exercises {ids} and the solutions table in "
            f"tools/exercise_solutions.py disagree (no solution for {missing}, no cell for "
            f"{unused}, or an ID used twice). Mark each exercise cell once and give it an entry."
        )
    exercises = []
    for index, exercise_id, points in marked:
        source = "".join(notebook["cells"][index]["source"])
        answer, check = split_check(source, f"{path.name} cell {index} ({exercise_id})")
        solution = table[exercise_id]
        exercises.append(Exercise(path.stem, exercise_id, points, answer, check, solution))
    return exercises


def answer_with(exercise: Exercise, code: str) -> str:
    """The learner's lines with `code` where the solution goes: after the placeholder."""
    if not exercise.answer.strip():
        if not exercise.solution.prompt:
            raise ValueError(
                f"{exercise.notebook} {exercise.id}: the cell is only a check, so the solutions "
                f"table must give a `prompt` for the answer cell inserted before it."
            )
        return f"{exercise.solution.prompt}\n{code}"
    lines = exercise.answer.split("\n")
    after = exercise.solution.after
    if not after:
        return f"{exercise.answer}\n{code}"
    starts = [number for number, line in enumerate(lines) if line.startswith(after)]
    if len(starts) != 1:
        raise ValueError(
            f"{exercise.notebook} {exercise.id}: `after` in the solutions table must start "
            f"exactly one line of the cell, but {after!r} starts {len(starts)}; update the table "
            f"to the notebook."
        )
    cut = starts[0] + 1
    return "\n".join([*lines[:cut], code, *lines[cut:]])


def answer_source(exercise: Exercise) -> str:
    """The answer cell of the instructor's version: the solution in its region."""
    region = f"### BEGIN SOLUTION\n{exercise.solution.solution}\n### END SOLUTION"
    return answer_with(exercise, region)


def graded_source(exercise: Exercise) -> str:
    """The hidden independent check, then the visible self-check.

    The self-check stays last so that its verdict is what the cell shows: in the released copy,
    where the hidden region is gone, and in the graded one whenever the hidden check passes.
    """
    hidden = f"### BEGIN HIDDEN TESTS\n{exercise.solution.hidden}\n### END HIDDEN TESTS"
    return f"{hidden}\n{exercise.check}"


def _nbgrader(grade_id: str, *, solution: bool, points: float | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": points is not None,
        "grade_id": grade_id,
        "locked": points is not None,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return meta


def _code_cell(cell_id: str, source: str, metadata: dict[str, Any]) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": cell_id,
        "metadata": metadata,
        "outputs": [],
        "source": source.splitlines(keepends=True),
    }


def course_notebook(path: Path) -> dict[str, Any]:
    """The instructor's version of one notebook: outputs cleared, each exercise split in two."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    by_id = {exercise.id: exercise for exercise in read_exercises(path)}
    cells: list[dict[str, Any]] = []
    for number, cell in enumerate(notebook["cells"]):
        mark = cell.get("metadata", {}).get("nnlib", {})
        cell_id = str(cell.get("id", f"cell-{number}"))
        if "exercise" not in mark:
            cells.append(_cleared(cell))
            continue
        exercise = by_id[str(mark["exercise"])]
        answer_meta = {"nbgrader": _nbgrader(f"{exercise.id}_answer", solution=True)}
        cells.append(_code_cell(f"{cell_id}-answer", answer_source(exercise), answer_meta))
        check_meta = {
            "nbgrader": _nbgrader(f"{exercise.id}_check", solution=False, points=exercise.points),
            "nnlib": dict(mark),
        }
        cells.append(_code_cell(f"{cell_id}-check", graded_source(exercise), check_meta))
    notebook["cells"] = cells
    notebook["metadata"].pop("widgets", None)  # saved widget state belongs to the old outputs
    return notebook


def _cleared(cell: dict[str, Any]) -> dict[str, Any]:
    cell = copy.deepcopy(cell)
    if cell["cell_type"] == "code":
        cell["outputs"], cell["execution_count"] = [], None
    return cell


def build_course(notebooks: Path, course: Path) -> list[str]:
    """Write nbgrader_config.py and source/<stem>/<stem>.ipynb; return the assignment names."""
    paths = sorted(notebooks.glob("[0-9][0-9]_*.ipynb"))
    unknown = sorted(set(SOLUTIONS) - {path.stem for path in paths})
    if unknown:
        raise ValueError(
            f"tools/exercise_solutions.py has solutions for {unknown}, which are not notebooks "
            f"in {notebooks}. Rename the table's keys along with the notebooks."
        )
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
    names = []
    for path in paths:
        if not read_exercises(path):
            continue
        target = course / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(course_notebook(path), indent=1, ensure_ascii=False) + "\n"
        target.write_text(text, encoding="utf-8")
        names.append(path.stem)
    return names


def start_nbgrader(course: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start nbgrader in the course folder with this Python; the caller waits for it."""
    # nbgrader starts the `alembic` command to set up its gradebook: it must be on the PATH even
    # when the environment it is installed in was never activated.
    scripts = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": os.pathsep.join([scripts, os.environ.get("PATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env)


def run_nbgrader(course: Path, *args: str) -> None:
    """Run nbgrader in the course folder with this Python, and fail if it fails."""
    process = start_nbgrader(course, *args)
    if process.wait() != 0:
        raise subprocess.CalledProcessError(process.returncode, ["nbgrader", *args])


def release(course: Path, names: list[str]) -> None:
    """`nbgrader generate_assignment` for every assignment: release/, the learners' copies."""
    if names:  # one run for all: nbgrader takes seconds to start
        run_nbgrader(course, "generate_assignment", "*", "--force")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=Path("notebooks"))
    parser.add_argument("--course", type=Path, default=Path("course"))
    parser.add_argument("--release", action="store_true", help="also run generate_assignment")
    args = parser.parse_args(argv)
    names = build_course(args.notebooks, args.course)
    count = sum(len(read_exercises(args.notebooks / f"{name}.ipynb")) for name in names)
    print(f"{args.course}/source: {len(names)} assignments, {count} exercises")
    if args.release:
        release(args.course, names)
        print(f"{args.course}/release: the learners' copies, solutions and hidden tests removed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
