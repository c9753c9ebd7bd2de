"""The two kinds of error a user can see, and the exit codes they map to.

DESIGN.md: errors are one line, no traceback; exit 2 for bad input, 1 for failure.

>>> raise BadInput("clip.mov: empty file (0 bytes)")
"""


class RushesError(Exception):
    """A failure the user should read as one line (exit 1)."""

    exit_code = 1


class BadInput(RushesError):
    """The user gave us something we cannot use: a path, a file, an argument (exit 2)."""

    exit_code = 2
