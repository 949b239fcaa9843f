"""The error a DAG file gets for declaring something Borda cannot run, and where it points.

The DAG parser turns it into an import error shown next to the file, so its message names
the DAG and task and says what to change, and it carries the line of the user's code that
declared the offending thing (a task's call, the ``@dag`` line), when that is known.
"""

import os
import sys

# As Python names this package's files in code objects (the path it imported them by).
_PACKAGE_DIR = os.path.dirname(__file__) + os.sep


class DagDefinitionError(ValueError):
    """A DAG or task is declared in a way Borda cannot run; the message says what to change.

    ``where`` is the ``(filename, line)`` of the user's code the problem belongs to, when
    known: the parser reports that line when the file is the DAG file it parses.
    """

    __module__ = "borda"

    def __init__(self, message: str, where: tuple[str, int] | None = None) -> None:
        super().__init__(message)
        self.where = where


def declaration_site() -> tuple[str, int] | None:
    """The ``(filename, line)`` of the innermost caller outside this package."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not filename.startswith(_PACKAGE_DIR):
            return (filename, frame.f_lineno)
        frame = frame.f_back
    return None
