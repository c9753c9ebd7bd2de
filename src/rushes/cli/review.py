"""``rushes review``: serve the project's review page on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.cli.common import load_project, project_option
from rushes.cli.output import warn_line


@click.command("review")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to serve on (0: any free one).")  # fmt: skip
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to serve on; anything but this machine's loopback is a warning.",
)
@click.option("--no-open", is_flag=True, help="Do not open the browser.")
@project_option
def command(port: int, host: str, no_open: bool, project_dir: Path | None) -> None:
    """Play the rushes, judge takes and re-cut, in the browser."""
    from rushes.review import serve

    serve(load_project(project_dir), host, port, not no_open,
          lambda line: click.echo(line), warn_line)  # fmt: skip
