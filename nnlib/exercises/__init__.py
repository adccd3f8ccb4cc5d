"""Self-checks for the notebooks' exercises: each checker returns `Feedback` with a hint."""

from nnlib.exercises.feedback import Feedback

__all__ = ["Feedback"]
