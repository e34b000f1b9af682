"""The project's own error types.

Every problem a user can cause ends up as a :class:`Problem` with a location, and every
failure the command line reports is a :class:`DebateError`, so callers never need to catch
anything else and users never see a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from debate.display import visible


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a map, located as precisely as we can.

    ``where`` is the dotted key path in the file (``claims.moat-shift.weight``) or a claim id;
    ``line``/``col`` are 1-based and 0 when unknown.
    """

    file: str
    message: str
    line: int = 0
    col: int = 0
    where: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        """One line, ``file:line:col: where: message``; control characters, bidi overrides
        and line breaks from user text (a file name, a quoted value) shown as stand-ins."""
        location = self.file
        if self.line:
            location += f":{self.line}:{self.col or 1}"
        prefix = f"{self.where}: " if self.where else ""
        return visible(f"{location}: {prefix}{self.message}").replace("\n", "\\n")


class DebateError(Exception):
    """Base of every error the project raises on purpose; ``str()`` is the one-line report."""


class MapError(DebateError):
    """A map could not be read: carries every problem found, each with its location."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        if not self.problems:
            raise ValueError("MapError needs at least one problem")
        super().__init__("\n".join(str(problem) for problem in self.problems))


class FileChangedError(DebateError):
    """The file changed on disk since it was loaded; saving would overwrite someone's work."""
