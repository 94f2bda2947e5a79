"""The one error the knowledge layer raises for data it cannot use."""

from __future__ import annotations


class KnowledgeError(Exception):
    """The knowledge base has problems; ``problems`` lists each as 'file: path: message'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the knowledge base")
        self.problems = problems
