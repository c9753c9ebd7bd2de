"""The ``rushes`` command: one module per subcommand, parsing only, then the library.

Errors a user can act on are one line on stderr and an exit code (2: bad input,
1: failure); a traceback only with RUSHES_DEBUG=1.

>>> rushes add /Volumes/A001 && rushes analyze && rushes ls
"""

from __future__ import annotations

import os
import sys

import click

from rushes import __version__
from rushes.cli import (
    add,
    analyze,
    cut,
    export,
    info,
    init,
    ls,
    offload,
    qc,
    rate,
    report,
    review,
    search,
    shots,
    sync,
    transcript,
    verify,
)
from rushes.cli.output import error_line
from rushes.errors import RushesError


class _Rushes(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except RushesError as exc:
            error_line(str(exc))
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            error_line("interrupted")
            ctx.exit(130)
        except BrokenPipeError:  # `rushes ls | head`: the reader has what it wanted
            _quiet_stdout()
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, exit 1
            if os.environ.get("RUSHES_DEBUG"):
                raise
            error_line(f"{type(exc).__name__}: {exc} (set RUSHES_DEBUG=1 for details)")
            ctx.exit(1)


@click.group(cls=_Rushes, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rushes")
def cli() -> None:
    """rushes: from a shoot's raw footage to an editor-ready first cut."""


for module in (init, add, ls, info, analyze, shots, qc, report, transcript, search, sync,
               offload, verify, export, cut, review):  # fmt: skip
    cli.add_command(module.command)
cli.add_command(rate.rate)
cli.add_command(rate.select)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    try:
        cli.main(prog_name="rushes", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code
    try:
        sys.stdout.flush()  # what is still buffered goes now, while a broken pipe can be caught
    except BrokenPipeError:
        _quiet_stdout()
        code = 1
    sys.exit(code)
