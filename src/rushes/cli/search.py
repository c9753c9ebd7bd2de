"""``rushes search QUERY``: find material by what is said in it."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.catalog.said import where_said
from rushes.cli.common import load_project, open_catalog, project_option
from rushes.cli.output import FORMAT, emit_json, stdout
from rushes.media.timecode import timecode_at

CONTEXT = 6  # words either side of a hit


@click.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@project_option
@FORMAT
def command(query: str, limit: int, project_dir: Path | None, fmt: str) -> None:
    """Clips where QUERY is said: exact phrase first, then words that sound like it."""
    project = load_project(project_dir)
    with open_catalog(project) as catalog:
        hits = []
        for said in where_said(catalog, query, limit, CONTEXT):
            first, last, probe = said.words[0], said.words[-1], said.clip.probe
            hits.append({
                "clip": str(said.clip.path),
                "start": float(first.start),
                "end": float(last.end),
                "start_tc": timecode_at(probe.start_timecode, probe.frame_rate, first.start),
                "text": " ".join(w.text for w in said.words),
                "context": " ".join(w.text for w in said.context),
                "match": said.hit.match,
                "score": said.hit.score,
                "model": said.hit.model,
            })  # fmt: skip
    if fmt == "json":
        emit_json({"query": query, "hits": hits})
        return
    console = stdout()
    if not hits:
        console.print(f"nothing said like {query!r}")
    for h in hits:
        where = h["start_tc"] or f"{h['start']:.2f}s"
        console.print(f"[bold]{Path(h['clip']).name}[/bold] {where}  ({h['match']})  "
                      f"…{h['context']}…", highlight=False)  # fmt: skip
