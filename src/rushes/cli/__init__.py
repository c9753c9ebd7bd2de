"""The ``rushes`` command: one module per subcommand, parsing only, then the library.

Errors a user can act on are one line on stderr and an exit code (2: bad input,
1: failure); a traceback only with RUSHES_DEBUG=1.

>>> rushes add /Volumes/A001 && rushes analyze && rushes ls
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from rushes import __version__
from rushes.cli.output import error_line
from rushes.errors import RushesError

# Each command's module is imported only when that command runs, so that `rushes ls` does
# not pay for torch, Whisper and the analyzers; `--help` lists the short help below (a test
# keeps it equal to each command's own).
COMMANDS = {
    "init": ("init", "command", "Create .rushes/ (catalog, cache, rushes.toml) in FOLDER."),
    "add": ("add", "command", "Add the media files found under PATHS (files or folders,..."),
    "ls": ("ls", "command", "List the clips in the catalog."),
    "info": ("info", "command", "Show the probe, sidecars and analysis results of CLIP."),
    "analyze": ("analyze", "command", "Analyze clips: one decode pass per clip feeds every..."),
    "shots": ("shots", "command", "Detect shots and transitions in FILE; print them as JSON,..."),
    "qc": ("qc", "command", "List technical problems of CLIPs (default: every clip),..."),
    "report": ("report", "command", "Write one self-contained HTML page: contact sheets,..."),
    "transcript": ("transcript", "command", "Print every word said in CLIP with its time."),
    "search": ("search", "command", "Clips where QUERY is said: exact phrase first, then words..."),
    "sync": ("sync", "command", "Find each camera clip's sound in the project's sound files:..."),
    "offload": ("offload", "command", "Copy SOURCE into each DEST as DEST/<name of SOURCE>,..."),
    "verify": ("verify", "command", "List files missing, changed or extra against DEST's ASC..."),
    "export": ("export", "command", "Write the cut CUT.otio as FMT, every edit frame-exact and..."),
    "cut": ("cut", "command", "Add, analyze, sync, align to the script, choose the best..."),
    "review": ("review", "command", "Play the rushes, judge takes and re-cut, in the browser."),
    "rate": ("rate", "rate", "Rate CLIP from 1 (unusable) to 5 (the one): your rating..."),
    "select": ("rate", "select", "Mark a range of CLIP as selected."),
}  # fmt: skip


class _Rushes(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        return getattr(importlib.import_module(f"rushes.cli.{module}"), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, _, short) in COMMANDS.items()])

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
