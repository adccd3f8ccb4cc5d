"""`Feedback`: the verdict on a learner's answer, readable in a notebook and in plain text."""

from __future__ import annotations

import html
from dataclasses import dataclass

from nnlib.plots.palette import BLUE, VERMILLION

RIGHT, WRONG = BLUE, VERMILLION  # with a symbol and a word, never colour alone


@dataclass(frozen=True)
class Feedback:
    """Whether an answer is right; when it is not, a hint pointing towards the fix."""

    correct: bool
    message: str
    hint: str = ""

    @classmethod
    def right(cls, message: str) -> Feedback:
        return cls(True, message)

    @classmethod
    def wrong(cls, message: str, hint: str) -> Feedback:
        return cls(False, message, hint)

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        if self.correct:
            return f"✓ Correct. {self.message}"
        return f"✗ Not yet. {self.message}\nHint: {self.hint}"

    def _repr_html_(self) -> str:
        # A symbol and a word as well as a colour, so the verdict never rests on colour alone.
        colour, mark, word = (RIGHT, "✓", "Correct") if self.correct else (WRONG, "✗", "Not yet")
        body = f"<b>{mark} {word}.</b> {html.escape(self.message)}"
        if self.hint:
            body += f"<br><i>Hint:</i> {html.escape(self.hint)}"
        return f'<div style="border-left: 4px solid {colour}; padding-left: 8px">{body}</div>'

    def __repr__(self) -> str:
        return str(self)
