"""``cut-report.html``: for each scene the take chosen and the decisive reason, a still of
every take (the chosen one first), and each take passed over with its faults and their
timecodes, so the editor can overrule the tool in a minute."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from rushes.edit import Assembly, Choice
from rushes.script import Screenplay

STYLE = """body{font:14px/1.45 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;
color:#222}h1{font-size:22px}h2{font-size:16px;margin:22px 0 4px}.why{color:#555}
.chosen{color:#1e8449;font-weight:600}.rejected{color:#a04000}li{margin:2px 0}
.takes{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0}.take{width:192px;font-size:12px}
.take img{width:192px;display:block;border:3px solid #ddd}.take.best img{border-color:#1e8449}
.decisive{font-weight:600}"""


def _e(value) -> str:
    return html.escape(str(value))


def _take_line(choice: Choice) -> str:
    take = choice.chosen
    rated = f" · rated {take.rating}/5 by you" if take.rating else ""
    rated += " · your select" if take.selected else ""
    notes = f"; notes: {_e('; '.join(take.problems))}" if take.problems else ""
    kept = " · the director said keep it" if take.kept else ""
    head = (f"{_e(take.label)} {_e(take.tc(choice.start))}-{_e(take.tc(choice.end))}{kept}"
            f" · score {take.score:.2f}{rated}")  # fmt: skip
    reason = f'<p class="decisive">Why: {_e(take.reason)}</p>' if take.reason else ""
    why = (f"complete {take.completeness:.0%}, as written {take.accuracy:.0%}, "
           f"technical {take.technical:.2f}{notes}")  # fmt: skip
    said = ", ".join(f"line {m.line} {take.tc(m.start)}-{take.tc(m.end)} ({m.coverage:.0%})"
                     for m in take.lines)  # fmt: skip
    lines = f'<p class="why">{_e(said)}</p>' if said else ""
    return f'<p class="chosen">{head}</p>{reason}<p class="why">{why}</p>{lines}'


def _stills(choice: Choice, still: Callable) -> str:
    cells = []
    for take in [choice.chosen, *choice.rejected]:
        image = still(take)
        picture = f'<img alt="{_e(take.label)}" src="{image}">' if image else ""
        best = " best" if take is choice.chosen else ""
        cells.append(f'<div class="take{best}">{picture}{_e(take.label)} '
                     f"{_e(take.tc(take.start))}</div>")  # fmt: skip
    return f'<div class="takes">{"".join(cells)}</div>'


def render_cut_report(assembly: Assembly, play: Screenplay | None, title: str,
                      still: Callable = lambda take: None) -> str:  # fmt: skip
    """The page; ``still(take)`` gives a take's picture as a data URI (or None)."""
    handles = f", handles {assembly.handles:.1f} s" if assembly.handles else ""
    parts = [
        f"<h1>{_e(title)}</h1>",
        f"<p>{len(assembly.choices)} scenes, {assembly.seconds:.1f} s{handles}.</p>",
    ]
    missing = scenes_without_takes(play, assembly)
    if missing:
        items = "".join(f"<li>Scene {_e(s.label)}: {_e(s.heading)}: no take says its lines</li>"
                        for s in missing)  # fmt: skip
        parts.append(f'<h2>Not in the cut</h2><ul class="missing">{items}</ul>')
    for choice in assembly.choices + assembly.dropped + assembly.left_out:
        dropped = (" (dropped to fit the target)" if choice in assembly.dropped
                   else " (left out in rushes review)" if choice in assembly.left_out
                   else "")  # fmt: skip
        if play and choice.scene is not None:
            scene = play.scenes[choice.scene]
            name = f"Scene {scene.label}: {scene.heading}"
        else:
            name = choice.chosen.clip.name
        parts.append(f"<h2>{_e(name)}{dropped}</h2>{_stills(choice, still)}{_take_line(choice)}")
        if choice.rejected:
            items = "".join(
                f'<li class="rejected">{_e(t.label)} {_e(t.tc(t.start))} ({t.score:.2f}): '
                f"{_e(t.reason or '; '.join(t.problems) or 'scored lower')}"
                f"{_e(_also(t))}</li>"
                for t in choice.rejected
            )  # fmt: skip
            parts.append(f"<ul>{items}</ul>")
    head = f'<head><meta charset="utf-8"><title>{_e(title)}</title><style>{STYLE}</style></head>'
    return f'<!doctype html><html lang="en">{head}<body>{"".join(parts)}</body></html>\n'


def _also(take) -> str:
    """The take's other problems, after the decisive one (a problem the reason already
    says, "missing line 1" for "missing line 1 (MAYA: ...)", once)."""
    rest = [p for p in take.problems
            if not re.search(re.escape(p.split(" (")[0]) + r"(?!\w)", take.reason)]  # fmt: skip
    return f" (also: {'; '.join(rest)})" if rest else ""


def scenes_without_takes(play: Screenplay | None, assembly: Assembly) -> list:
    """The script's scenes with dialogue that no take says (nothing to choose from)."""
    if play is None:
        return []
    covered = {c.scene for c in assembly.choices + assembly.dropped + assembly.left_out}
    return [s for s in play.scenes if s.lines and s.index not in covered]
