"""A quiz question: multiple choice (options and correct) or typed (accepted answers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Question:
    kind: str
    question: str
    options: tuple[str, ...]
    correct: tuple[int, ...]
    explanation: str
    items: tuple[str, ...]
    answers: tuple[str, ...] = ()

    @property
    def typed(self) -> bool:
        """True for a question answered by typing, not by choosing an option."""
        return not self.options

    def as_json(self) -> dict[str, Any]:
        """The question as one JSON object (typed questions carry answers, not options)."""
        head: dict[str, Any] = {"kind": self.kind, "question": self.question}
        if self.typed:
            body: dict[str, Any] = {"answers": list(self.answers)}
        else:
            body = {"options": list(self.options), "correct": list(self.correct)}
        return head | body | {"explanation": self.explanation, "items": list(self.items)}
