"""The instructor edition: the nbgrader course built from notebooks/ grades simulated students.

One course for all notebooks is built once per module in a temporary folder, released with a real
`nbgrader generate_assignment`, and four students' submissions go through a real
`nbgrader autograde`: full solutions, blank (the release untouched), and two students who each get
every other exercise wrong with a plausible wrong answer, so that every exercise is wrong exactly
once while its neighbours are right. The students are graded in two copies of the course at once,
one autograde each, so that both cores work.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.api import Gradebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_assignments  # noqa: E402
from exercise_solutions import SOLUTIONS, Solution  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
NAMES = sorted(path.stem for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
GROUPS = (("full", "blank"), ("wrong_odd", "wrong_even"))  # one copy of the course each


@dataclass(frozen=True)
class Course:
    root: Path
    exercises: dict[str, list[make_assignments.Exercise]]
    graded_in: dict[str, Path]  # student → the copy of the course that graded them

    def notebook(self, folder: str, name: str) -> dict[str, Any]:
        path = self.root / folder / name / f"{name}.ipynb"
        result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return result

    def scores(self, name: str, student: str) -> dict[str, tuple[float, float]]:
        """grade ID → (score, max score) of one autograded submission."""
        with Gradebook(f"sqlite:///{self.graded_in[student] / 'gradebook.db'}") as gradebook:
            submission = gradebook.find_submission_notebook(name, name, student)
            return {grade.name: (grade.score, grade.max_score) for grade in submission.grades}


def wrong_exercises(student: str, exercises: list[make_assignments.Exercise]) -> set[str]:
    if student.startswith("wrong_"):
        first = 0 if student == "wrong_odd" else 1  # odd-numbered counting from 1
        return {exercise.id for exercise in exercises[first::2]}
    return set()


def submission(course: Course, name: str, student: str) -> dict[str, Any]:
    """The released notebook as `student` hands it in: answers typed where the solution goes."""
    notebook = copy.deepcopy(course.notebook("release", name))
    exercises = {exercise.id: exercise for exercise in course.exercises[name]}
    wrong = wrong_exercises(student, course.exercises[name])
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        if student == "blank" or not grade_id.endswith("_answer"):
            continue
        exercise = exercises[grade_id.removesuffix("_answer")]
        code = exercise.solution.wrong if exercise.id in wrong else exercise.solution.solution
        cell["source"] = make_assignments.answer_with(exercise, code)
    return notebook


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    root = tmp_path_factory.mktemp("course")
    names = make_assignments.build_course(NOTEBOOKS, root / "0")
    make_assignments.release(root / "0", names)
    exercises = {
        name: make_assignments.read_exercises(NOTEBOOKS / f"{name}.ipynb") for name in names
    }
    built = Course(root / "0", exercises, {})
    for number in range(1, len(GROUPS)):  # copied before any submission is written
        shutil.copytree(root / "0", root / str(number))
    for number, students in enumerate(GROUPS):
        copy_root = root / str(number)
        for student in students:
            built.graded_in[student] = copy_root
            for name in names:
                target = copy_root / "submitted" / student / name / f"{name}.ipynb"
                target.parent.mkdir(parents=True)
                text = json.dumps(submission(built, name, student), indent=1, ensure_ascii=False)
                target.write_text(text, encoding="utf-8")
    graders = [
        make_assignments.start_nbgrader(root / str(number), "autograde", "*")
        for number in range(len(GROUPS))
    ]
    assert [grader.wait() for grader in graders] == [0] * len(GROUPS)
    return built


def test_every_notebook_with_exercises_is_an_assignment(course: Course) -> None:
    assert sorted(course.exercises) == NAMES
    assert all(course.exercises[name] for name in NAMES)
    assert sorted(SOLUTIONS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_full_solutions_score_full_marks(course: Course, name: str) -> None:
    scores = course.scores(name, "full")
    expected = {f"{e.id}_check": (e.points, e.points) for e in course.exercises[name]}
    assert scores == expected
    # the learner's self-check agrees with the hidden one: it says ✓ under every solution
    graded = course.graded_in["full"] / "autograded" / "full" / name / f"{name}.ipynb"
    notebook = nbformat.read(graded, as_version=4)
    checks = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(checks) == len(course.exercises[name])
    for cell in checks:
        assert "✓ Correct." in feedback_text(cell), cell.metadata["nbgrader"]["grade_id"]


@pytest.mark.parametrize("name", NAMES)
def test_blank_submission_scores_zero_and_is_graded(course: Course, name: str) -> None:
    scores = course.scores(name, "blank")
    assert scores == {f"{e.id}_check": (0.0, e.points) for e in course.exercises[name]}
    graded = course.graded_in["blank"] / "autograded" / "blank" / name / f"{name}.ipynb"
    assert graded.exists()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("student", ["wrong_odd", "wrong_even"])
def test_a_wrong_answer_loses_exactly_its_exercise_points(
    course: Course, name: str, student: str
) -> None:
    exercises = course.exercises[name]
    wrong = wrong_exercises(student, exercises)
    scores = course.scores(name, student)
    expected = {f"{e.id}_check": (0.0 if e.id in wrong else e.points, e.points) for e in exercises}
    assert scores == expected
    total = sum(score for score, _ in scores.values())
    assert total == sum(e.points for e in exercises) - sum(
        e.points for e in exercises if e.id in wrong
    )


@pytest.mark.parametrize("name", NAMES)
def test_release_holds_no_solution_and_no_hidden_test(course: Course, name: str) -> None:
    release = course.notebook("release", name)
    text = "\n".join("".join(cell["source"]) for cell in release["cells"])
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS"):
        assert marker not in text
    cells = {c["metadata"].get("nbgrader", {}).get("grade_id"): c for c in release["cells"]}
    for exercise in course.exercises[name]:
        assert exercise.solution.solution not in text
        assert exercise.solution.hidden not in text
        # exactly what nbgrader left: the learner's own lines, and the learner's own check
        answer = "".join(cells[f"{exercise.id}_answer"]["source"])
        assert answer == make_assignments.answer_with(exercise, "")
        assert "".join(cells[f"{exercise.id}_check"]["source"]) == exercise.check


@pytest.mark.parametrize("name", NAMES)
def test_source_holds_solution_and_hidden_test(course: Course, name: str) -> None:
    source = course.notebook("source", name)
    text = "\n".join("".join(cell["source"]) for cell in source["cells"])
    for exercise in course.exercises[name]:
        assert f"### BEGIN SOLUTION\n{exercise.solution.solution}\n### END SOLUTION" in text
        assert f"### BEGIN HIDDEN TESTS\n{exercise.solution.hidden}\n### END HIDDEN TESTS" in text


def feedback_text(cell: Any) -> str:
    parts = []
    for output in cell.outputs:
        data = output.get("data", {})
        parts.append(str(data.get("text/plain", "")) + str(output.get("text", "")))
    return "\n".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_release_runs_top_to_bottom_with_every_check_saying_not_yet(
    course: Course, name: str
) -> None:
    path = course.root / "release" / name / f"{name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()  # raises CellExecutionError on the first cell that fails
    checks = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(checks) == len(course.exercises[name])
    for cell in checks:
        shown = feedback_text(cell)
        assert "✗ Not yet." in shown, (cell.metadata["nbgrader"]["grade_id"], shown)


# ----- the generator refuses a notebook and a table that disagree ---------------------------------


def _one_exercise_notebook(tmp_path: Path, source: str, points: Any = 1) -> Path:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nnlib"] = {"exercise": "answer", "points": points}
    notebook.cells = [cell]
    path = tmp_path / "99_trial.ipynb"
    nbformat.write(notebook, path)
    return path


def test_an_exercise_without_a_solution_is_refused(tmp_path: Path) -> None:
    path = _one_exercise_notebook(tmp_path, "x = 0\ncheck(x)")
    with pytest.raises(ValueError, match=r"no solution for \['answer'\]"):
        make_assignments.read_exercises(path)


def test_a_cell_not_ending_in_its_check_is_refused(tmp_path: Path, monkeypatch: Any) -> None:
    path = _one_exercise_notebook(tmp_path, "x = 0\ny = check(x)")
    trial = {"answer": Solution(solution="x = 1", wrong="x = 2", hidden="assert x == 1")}
    monkeypatch.setitem(make_assignments.SOLUTIONS, "99_trial", trial)
    with pytest.raises(ValueError, match="must be its self-check, a call such as check_x"):
        make_assignments.read_exercises(path)


def test_points_must_be_positive(tmp_path: Path) -> None:
    path = _one_exercise_notebook(tmp_path, "x = 0\ncheck(x)", points=0)
    with pytest.raises(ValueError, match="has points 0; give the metadata"):
        make_assignments.read_exercises(path)


def test_a_stale_after_line_is_refused(tmp_path: Path, monkeypatch: Any) -> None:
    path = _one_exercise_notebook(tmp_path, "x = 0\ncheck(x)")
    trial = {"answer": Solution("x = 1", "x = 2", "assert x == 1", after="y = 0")}
    monkeypatch.setitem(make_assignments.SOLUTIONS, "99_trial", trial)
    (exercise,) = make_assignments.read_exercises(path)
    with pytest.raises(ValueError, match=r"'y = 0' starts 0; update the table"):
        make_assignments.answer_source(exercise)


def test_the_solution_goes_after_the_named_line(tmp_path: Path, monkeypatch: Any) -> None:
    path = _one_exercise_notebook(tmp_path, "x = 0  # change me\ny = x + 1\ncheck(y)")
    trial = {"answer": Solution("x = 1", "x = 2", "assert y == 2", after="x = 0")}
    monkeypatch.setitem(make_assignments.SOLUTIONS, "99_trial", trial)
    (exercise,) = make_assignments.read_exercises(path)
    assert exercise.check == "check(y)"
    assert make_assignments.answer_source(exercise) == (
        "x = 0  # change me\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\ny = x + 1"
    )
    assert make_assignments.graded_source(exercise) == (
        "### BEGIN HIDDEN TESTS\nassert y == 2\n### END HIDDEN TESTS\ncheck(y)"
    )
