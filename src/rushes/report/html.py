"""``rushes report``: one self-contained HTML page an editor reads at a glance.

A summary table (sortable by clicking a heading) of every clip's metadata, scores and
findings, then per clip: its contact sheet (the thumbnails analyzer's filmstrip), its
metadata, a plot of its picture and sound signals with the findings shaded, and the
findings with source timecode. Images are embedded, so the file can be mailed.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from rushes.analysis import result_folder
from rushes.analysis.qc import clip_findings, clip_scores
from rushes.catalog import Catalog, Clip
from rushes.report.plots import signals_png

STYLE = """
body{font:14px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid #ddd;
text-align:left;white-space:nowrap}th{background:#f3f3f3;cursor:pointer;user-select:none}
td.num{text-align:right}.score{display:inline-block;width:42px;text-align:right}
.bad{color:#c0392b;font-weight:600}.warn{color:#b9770e}.ok{color:#1e8449}
.sev-error{color:#c0392b;font-weight:600}.sev-warning{color:#b9770e}.sev-info{color:#555}
.clip{border-top:2px solid #444;margin-top:28px}.meta td{border:none;padding:1px 8px}
img.strip{max-width:100%;border:1px solid #ccc}.muted{color:#777}
"""

SORT = """
document.querySelectorAll('table.sortable th').forEach(function(th, col){
  th.addEventListener('click', function(){
    var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
    var down = th.dataset.down !== '1'; th.dataset.down = down ? '1' : '0';
    rows.sort(function(a, b){
      var x = a.cells[col].dataset.v || a.cells[col].textContent,
          y = b.cells[col].dataset.v || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return down ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""

DIMENSIONS = ("focus", "exposure", "stability", "continuity", "color", "sound")


def _e(value) -> str:
    return html.escape(str(value))


def _score_cell(value: float) -> str:
    css = "ok" if value >= 0.9 else "warn" if value >= 0.6 else "bad"
    return f'<td class="num {css}" data-v="{value}">{value:.2f}</td>'


def _image(path: Path) -> str | None:
    if not path.is_file():
        return None
    return "data:image/jpeg;base64," + base64.b64encode(path.read_bytes()).decode()


def _result(catalog: Catalog, cache: Path, clip: Clip, name: str) -> Path | None:
    found = [r for r in catalog.analyses.for_clip(clip.fingerprint) if r.analyzer == name]
    return result_folder(cache, clip.fingerprint, name, found[-1].version) if found else None


def _summary_row(n: int, clip: Clip, findings: list[dict], scores: dict,
                 loudness: float | None) -> str:  # fmt: skip
    p = clip.probe
    rate = f"{float(p.frame_rate):.3f}".rstrip("0").rstrip(".") if p.frame_rate else "-"
    size = f"{p.width}x{p.height}" if p.width else "-"
    severe = sum(f["severity"] != "info" for f in findings)
    lufs = "-" if loudness is None else f"{loudness:.1f}"
    cells = [
        f'<td><a href="#clip{n}">{_e(clip.name)}</a></td>',
        f'<td class="num" data-v="{float(p.duration)}">{float(p.duration):.1f}s</td>',
        f"<td>{_e(size)}</td>", f"<td>{_e(rate)}</td>", f'<td class="num">{lufs}</td>',
        f'<td class="num" data-v="{severe}">{severe}</td>',
        *(_score_cell(scores[d]) for d in DIMENSIONS),
    ]  # fmt: skip
    return "<tr>" + "".join(cells) + "</tr>"


def _metadata(clip: Clip) -> str:
    p = clip.probe
    sound = ", ".join(f"{a.codec} {a.sample_rate} Hz {a.channels} ch" for a in p.audio)
    camera = " ".join(x for x in (p.camera_make, p.camera_model) if x)
    rows = [
        ("file", clip.path), ("duration", f"{float(p.duration):.2f} s"),
        ("picture", f"{p.video_codec or '-'} {p.width or ''}x{p.height or ''}"),
        ("frame rate", f"{float(p.frame_rate):.3f}" if p.frame_rate else "-"),
        ("timecode", p.start_timecode or "-"), ("sound", sound or "-"), ("camera", camera or "-"),
    ]  # fmt: skip
    cells = "".join(f"<tr><td class=muted>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows)
    return f'<table class="meta">{cells}</table>'


def _findings_table(findings: list[dict]) -> str:
    rows = "".join(
        f'<tr><td class="sev-{f["severity"]}">{_e(f["severity"])}</td><td>{_e(f["kind"])}</td>'
        f'<td>{_e(f["start_tc"])} - {_e(f["end_tc"])}</td><td>{_e(f["reason"])}</td></tr>'
        for f in findings
    )  # fmt: skip
    return f'<table class="findings">{rows or "<tr><td class=ok>no findings</td></tr>"}</table>'


def _section(n: int, clip: Clip, findings: list[dict], catalog: Catalog, cache: Path) -> str:
    thumbs = _result(catalog, cache, clip, "thumbnails")
    strip = _image(thumbs / "filmstrip.jpg") if thumbs else None
    picture = _result(catalog, cache, clip, "picture")
    sound = _result(catalog, cache, clip, "sound")
    plot = signals_png(picture / "signals.npz" if picture else None,
                       sound / "signals.npz" if sound else None, findings,
                       float(clip.probe.duration))  # fmt: skip
    sheet = (f'<img class="strip" alt="contact sheet" src="{strip}">' if strip
             else '<p class="muted">no contact sheet (thumbnails not analysed)</p>')  # fmt: skip
    graph = f'<img alt="picture and sound over time" src="{plot}">' if plot else ""
    return (f'<section class="clip" id="clip{n}"><h2>{_e(clip.name)}</h2>{sheet}'
            f"{_metadata(clip)}{graph}{_findings_table(findings)}</section>")  # fmt: skip


def _loudness(catalog: Catalog, clip: Clip) -> float | None:
    found = [r for r in catalog.analyses.for_clip(clip.fingerprint) if r.analyzer == "sound"]
    return found[-1].summary.get("loudness_lufs") if found else None


def render_report(catalog: Catalog, clips: list[Clip], cache: Path, title: str) -> str:
    rows, sections = [], []
    counts = {"info": 0, "warning": 0, "error": 0}
    for n, clip in enumerate(clips):
        findings = [f.as_json() for f in clip_findings(catalog, clip)]
        for f in findings:
            counts[f["severity"]] += 1
        scores = clip_scores(catalog, clip)["clip"]
        rows.append(_summary_row(n, clip, findings, scores, _loudness(catalog, clip)))
        sections.append(_section(n, clip, findings, catalog, cache))
    heads = ["clip", "duration", "picture", "fps", "LUFS", "problems", *DIMENSIONS]
    summary = (
        f"<p>{len(clips)} clips · {counts['error']} errors · {counts['warning']} warnings · "
        f"{counts['info']} notes. Scores: 1 is clean. Click a heading to sort.</p>"
    )
    table = ('<table class="sortable"><thead><tr>' + "".join(f"<th>{h}</th>" for h in heads)
             + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")  # fmt: skip
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{_e(title)}</h1>{summary}{table}"
        + "".join(sections)
        + f"<script>{SORT}</script></body></html>\n"
    )
