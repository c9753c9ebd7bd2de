"""The review pages as HTML, rendered on the server; ``static/review.js`` adds the player,
the keys and the clicks. Data a page's script needs travels as JSON in the page."""

from __future__ import annotations

import json
from html import escape

from rushes.review.clips import ClipRow

NAV = (("/", "Clips"), ("/scenes", "Scenes"), ("/cut", "The cut"))


def _e(value) -> str:
    return escape(str(value), quote=True)


def layout(title: str, page: str, body: str, token: str, state: str, project: str) -> str:
    links = "".join(
        f'<a href="{href}"{" class=here" if href == page else ""}>{name}</a>' for href, name in NAV
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{_e(title)} · rushes review</title>"
        f'<meta name="rushes-token" content="{_e(token)}">'
        f'<meta name="rushes-state" content="{_e(state)}">'
        '<meta name="viewport" content="width=device-width">'
        '<link rel="stylesheet" href="/static/review.css">'
        f'</head><body data-page="{_e(page)}"><header><b>rushes</b> '
        f"<span class=project>{_e(project)}</span><nav>{links}</nav>"
        '<span id="news" hidden>new results: <a href="">reload</a></span></header>'
        f'<main>{body}</main><script src="/static/review.js"></script></body></html>'
    )


def _data(name: str, value) -> str:
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{name}">{text}</script>'


def _options(name: str, label: str, values: list[tuple[str, str]], chosen: str) -> str:
    items = "".join(f'<option value="{_e(v)}"{" selected" if v == chosen else ""}>{_e(t)}</option>'
                    for v, t in [("", label), *values])  # fmt: skip
    return f'<select name="{name}" onchange="this.form.submit()">{items}</select>'


def clips_page(rows: list[ClipRow], shown: list[ClipRow], filters: dict, scene_names: dict,
               hits: list[dict] | None) -> str:  # fmt: skip
    problems = sorted({p for r in rows for p in r.problems})
    cameras = sorted({r.camera for r in rows})
    form = (
        '<form class="filters" method="get" action="/">'
        f'<input type="search" name="q" value="{_e(filters["q"])}" '
        'placeholder="what was said…" aria-label="search what was said">'
        + _options("scene", "every scene", [(str(k), v) for k, v in scene_names.items()],
                   filters["scene"])
        + _options("rating", "any rating", [("unrated", "unrated"),
                   *[(str(n), f"{n}+ stars") for n in range(1, 6)]], filters["rating"])
        + _options("problem", "any problem", [("none", "no problem"),
                   *[(p, p.replace("_", " ")) for p in problems]], filters["problem"])
        + _options("camera", "every camera", [(c, c) for c in cameras], filters["camera"])
        + _options("sound", "any sound", [("synced", "synced sound"), ("sound", "own sound"),
                   ("no sound", "no sound")], filters["sound"])
        + ' <button>Filter</button> <a href="/">clear</a></form>'
    )  # fmt: skip
    found = ""
    if hits is not None:
        items = "".join(
            f'<li><a href="/clip/{h["id"]}?t={h["start"]:.3f}">{_e(h["name"])}</a> '
            f"<span class=tc>{_e(h['tc'])}</span> …{_e(h['context'])}… "
            f"<small>({_e(h['match'])})</small></li>"
            for h in hits
        )
        found = (f'<section class=hits><h2>Said: “{_e(filters["q"])}”</h2>'
                 f'<ol>{items or "<li>nothing said like that</li>"}</ol></section>')  # fmt: skip
    waiting = sum(r.playable == "waiting" for r in rows)
    note = (f'<p class=note>{waiting} clip(s) wait for a proxy the browser can play: '
            "run <code>rushes analyze</code>.</p>" if waiting else "")  # fmt: skip
    cards = "".join(_card(r) for r in shown)
    return (f"{form}{found}{note}<p class=count>{len(shown)} of {len(rows)} clips</p>"
            f'<div id="grid" class="grid">{cards}</div>')  # fmt: skip


def _card(row: ClipRow) -> str:
    clip = row.clip
    poster = (f'<img src="/poster/{clip.id}" alt="" loading="lazy" width="320">'
              if row.poster else '<div class="noposter">no picture</div>')  # fmt: skip
    strip = (f'<div class="strip" style="background-image:url(/filmstrip/{clip.id});'
             f'background-size:{row.strip * 100}% 100%" data-frames="{row.strip}"></div>'
             if row.strip else "")  # fmt: skip
    stars = "★" * (row.rating or 0)
    badges = "".join(f"<span class=bad>{_e(p.replace('_', ' '))}</span>" for p in row.problems)
    wait = "<span class=wait>waiting for proxy</span>" if row.playable == "waiting" else ""
    return (
        f'<a class="card" href="/clip/{clip.id}" data-clip="{clip.id}">'
        f'<div class="pic">{poster}{strip}</div>'
        f'<div class="name">{_e(clip.name)}</div>'
        f'<div class="meta"><span class=tc>{_e(row.start_tc)}</span> '
        f"{float(clip.probe.duration):.1f} s · {_e(row.camera)} · {_e(row.sound)} "
        f'<span class="stars">{stars}</span></div><div>{badges}{wait}</div></a>'
    )


KEYS = ("J K L: back, pause, forward (again: faster) · ←/→: a frame · I/O: mark in/out · "
        "1-5: rate")  # fmt: skip


def clip_page(row: ClipRow, data: dict) -> str:
    clip = row.clip
    if row.playable == "waiting":
        player = ('<div class="noplay">The browser cannot play this file as it is, and its '
                  "proxy is not made yet: run <code>rushes analyze</code>.</div>")  # fmt: skip
    else:
        player = f'<video id="player" src="/media/{clip.id}" preload="auto"></video>'
    words = "".join(
        f'<span class="w" data-s="{w["s"]:.3f}" data-e="{w["e"]:.3f}">{_e(w["t"])}</span> '
        for w in data["words"]
    )
    findings = "".join(
        f'<li class="{_e(f["severity"])}" data-s="{f["start"]:.3f}"><span class=tc>'
        f"{_e(f['tc'])}</span> {_e(f['kind'].replace('_', ' '))}: {_e(f['reason'])}</li>"
        for f in data["findings"]
    )
    return (
        f'<h1>{_e(clip.name)} <span class="stars" id="stars">{"★" * (row.rating or 0)}</span></h1>'
        f'<div class="clipview"><div class="left">{player}'
        '<div class="transport"><span id="tc" class=tc></span> <span id="speed"></span> '
        '<span id="marks"></span></div>'
        '<canvas id="strip" height="40"></canvas><canvas id="wave" height="48"></canvas>'
        f'<p class="keys">{KEYS}</p>'
        f'<ul class="findings">{findings or "<li>no technical problem found</li>"}</ul></div>'
        f'<div class="right"><h2>What is said</h2><div id="words" class="words">'
        f"{words or '<i>no transcript yet</i>'}</div>"
        f"<p class=path>{_e(clip.path)}</p></div></div>" + _data("clip-data", data)
    )


def scenes_page(scenes: list[dict], problem: str | None) -> str:
    if problem:
        return f"<h1>Scenes</h1><p class=note>{_e(problem)}</p>"
    parts = ['<h1>Scenes</h1><div class="sticky"><video id="player" preload="auto"></video>'
             '<div id="playing" class="playing"></div></div>']  # fmt: skip
    for scene in scenes:
        takes = "".join(_take(scene, t) for t in scene["takes"])
        lines = "".join(f'<option value="{n}">{_e(text[:60])}</option>'
                        for n, text in scene["lines"])  # fmt: skip
        names = "".join(f'<option value="{i}">{_e(t["label"])}</option>'
                        for i, t in enumerate(scene["takes"]))  # fmt: skip
        second = names.replace('value="1"', 'value="1" selected', 1)
        compare = (f'<div class="compare" data-scene="{scene["index"]}">Compare line '
                   f'<select class=line>{lines}</select> in <select class=a>{names}</select> '
                   f'then <select class=b>{second}</select> '
                   '<button class="play-compare">▶ compare</button></div>'
                   if len(scene["takes"]) > 1 and scene["lines"] else "")  # fmt: skip
        parts.append(
            f'<section class="scene" id="scene-{scene["index"]}"><h2>{_e(scene["name"])}</h2>'
            f'{compare}<div class="takes">{takes or "<p>no take says its lines</p>"}</div>'
            "</section>"
        )
    return "".join(parts) + _data("scenes-data", scenes)


def _take(scene: dict, take: dict) -> str:
    chosen = " chosen" if take["chosen"] else ""
    button = ("<b>in the cut</b>" if take["chosen"] else
              f'<button class="use" data-scene="{scene["index"]}" data-clip="{_e(take["clip"])}" '
              f'data-part="{take["part"]}">use this take</button>')  # fmt: skip
    faults = "".join(f"<li>{_e(f)}</li>" for f in take["faults"])
    lines = "".join(
        f'<button class="line" data-take="{take["n"]}" data-line="{m["line"]}">▶ {m["n"]}</button>'
        for m in take["lines"]
    )
    return (
        f'<div class="take{chosen}"><img src="/poster/{take["id"]}" alt="" loading="lazy">'
        f'<div><a href="/clip/{take["id"]}?t={take["start"]:.3f}">{_e(take["label"])}</a> '
        f"<span class=score>{take['score']:.2f}</span> {button}"
        f'<p class="why">{_e(take["reason"])}</p><ul class="faults">{faults}</ul>'
        f'<div class="lines">{lines}</div></div></div>'
    )


def cut_page(edits: list[dict], left: list[dict], totals: dict, formats: tuple,
             problem: str | None) -> str:  # fmt: skip
    if problem:
        return f"<h1>The cut</h1><p class=note>{_e(problem)}</p>"
    target = f" of {totals['target']:.1f} s target" if totals["target"] else ""
    rows = []
    for n, edit in enumerate(edits):
        takes = "".join(
            f'<option value="{_e(t["clip"])}:{t["part"]}"{" selected" if t["chosen"] else ""}>'
            f"{_e(t['label'])} ({t['score']:.2f})</option>"
            for t in edit["takes"]
        )
        rows.append(
            f'<tr data-scene="{edit["scene"]}" data-n="{n}"><td>{n + 1}</td>'
            f'<td>{_e(edit["name"])}</td><td><select class="take">{takes}</select></td>'
            f'<td><input class="in" value="{edit["start"]:.2f}" size=7 aria-label="in"> – '
            f'<input class="out" value="{edit["end"]:.2f}" size=7 aria-label="out"> '
            '<button class="range">set</button></td>'
            f"<td>{edit['end'] - edit['start']:.1f} s{' ✎' if edit['edited'] else ''}</td>"
            '<td><button class="up">↑</button><button class="down">↓</button>'
            '<button class="drop">drop</button><button class="reset">tool\'s choice</button>'
            "</td></tr>"
        )
    gone = "".join(
        f'<li>{_e(x["name"])} ({_e(x["why"])}) '
        + (f'<button class="restore" data-scene="{x["scene"]}">restore</button>'
           if x["why"] == "left out" else "") + "</li>"
        for x in left
    )  # fmt: skip
    buttons = "".join(f'<button class="export" data-format="{f}">{f}</button> ' for f in formats)
    return (
        f'<h1>The cut <small id="total">{totals["seconds"]:.1f} s{target}</small></h1>'
        '<div class="cutview"><div><video id="player" preload="auto"></video>'
        '<div id="playing" class="playing"></div>'
        '<button id="play-cut">▶ play the cut</button></div>'
        f'<div><table class="edits"><tr><th>#</th><th>scene</th><th>take</th><th>in – out (s)</th>'
        f"<th>length</th><th></th></tr>{''.join(rows)}</table>"
        f'<ul class="left">{gone}</ul>'
        f'<p class="exports">Export: {buttons}<span id="exported"></span></p></div></div>'
        + _data("cut-data", edits)
    )
