"""``rushes cut``: from a folder of rushes (and a script) to an assembly an editor opens.

Add, analyze (shots, QC, speech), sync separate sound, align takes to the script, choose,
assemble, export every format and write the cut report. Everything is cached by the
catalog, so a rerun after a change redoes only what changed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from pathlib import Path

import numpy as np

from rushes.analysis import analyze, result_folder
from rushes.analysis.detail import fine_detail
from rushes.analysis.executors import from_settings
from rushes.analysis.findings import scores
from rushes.analysis.proxy import with_proxies
from rushes.analysis.qc import clip_findings
from rushes.analysis.speech.forced import Asker
from rushes.analysis.speech.lookup import (
    languages_apart,
    transcript_name,
    transcript_of,
    words_source,
)
from rushes.analysis.waveform import Waveform
from rushes.catalog import Catalog
from rushes.edit import heard_again, misheard, restarts
from rushes.edit.assemble import Assembly, alternate, assemble, frames
from rushes.edit.edges import on_the_sound
from rushes.edit.judge import rank, setups
from rushes.edit.takes import (
    TECHNICAL,
    Take,
    findings_text,
    lines_of,
    misheard_edges,
    scene_of,
    silenced,
    take_of,
    utterance,
    whole_utterances,
)
from rushes.errors import BadInput
from rushes.export import SUFFIXES, SyncedSound, build_timeline, export, source_of
from rushes.ingest import add_paths
from rushes.project import Project, unfit_for_project
from rushes.report.cut_report import render_cut_report, scenes_without_takes
from rushes.report.stills import take_still
from rushes.script import Screenplay, parse
from rushes.script.calls import call_in, heard_calls
from rushes.script.passes import Pass, passes, restarted_before
from rushes.sync import sync_project

ANALYZERS = ("thumbnails", "waveform", "shots", "picture", "sound", "speech")
FORMATS = ("otio", "fcp7", "fcpxml", "edl", "mlt", "srt", "mp4")
ASKED = "asked"  # the recogniser's answers about lines heard again, per clip, in the cache


@dataclass
class CutResult:
    assembly: Assembly
    out: Path
    written: list[Path]
    unusable: int = 0  # files that could not be read or analysed (each said in a line)


def parse_duration(text: str) -> float:
    """``50m``, ``1h20m``, ``90s``, ``00:50:00`` or plain seconds."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(:\d{1,2}){1,2}(\.\d+)?", text):
        seconds = 0.0
        for part in text.split(":"):
            seconds = seconds * 60 + float(part)
        return seconds
    found = re.fullmatch(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s?)?", text)
    if not text or not found or not any(found.groups()):
        raise BadInput(f"{text}: not a duration (try 50m, 1h20m, 90s or 00:50:00)")
    h, m, s = (float(g) if g else 0.0 for g in found.groups())
    return h * 3600 + m * 60 + s


def read_script(path: Path) -> Screenplay:
    if not path.is_file():
        raise BadInput(f"{path}: no such script file")
    play = parse(_script_text(path))
    if not play.lines:
        raise BadInput(f"{path}: no dialogue found (is it a Fountain screenplay?)")
    return play


def _script_text(path: Path) -> str:
    """UTF-8 as Fountain asks; older screenwriting programs wrote Windows-1252 or Latin-1."""
    data = path.read_bytes()
    if b"\0" in data:
        raise BadInput(f"{path}: not a text file (a Fountain screenplay is plain text)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def run_cut(folder: Path, script: Path | None, target: float | None, out: Path,
            handles: float = 0.5, warn: Callable[[str], None] = print,
            executor: str | None = None, address: str | None = None) -> CutResult:  # fmt: skip
    if not folder.is_dir():
        raise BadInput(f"{folder}: no such folder")
    if out.exists() and not out.is_dir():
        raise BadInput(f"{out}: exists and is not a folder (--out names the cut's folder)")
    play = read_script(script) if script else None
    project = Project.create(project_home(folder, out))
    with Catalog.open(project.catalog_path) as catalog:
        report = add_paths(catalog, [folder])
        for bad in report.unreadable:
            warn(f"{bad.path}: {bad.reason}")
        clips = [c for c in catalog.clips.all() if not c.path.is_relative_to(out)]
        if not any(c.probe.kind == "video" for c in clips):
            raise BadInput(f"{folder}: no video clips to cut")
        settings = project.settings()
        where = from_settings(settings, None, executor, address)
        result = analyze(project, catalog, clips, with_proxies(list(ANALYZERS), settings),
                         executor=where)  # fmt: skip
        for outcome in result.failed:
            warn(outcome.error)
        unusable = len(report.unreadable) + len(result.failed)
        sync_project(catalog, warn, only_new=True)
        for line in languages_apart(catalog, settings):
            warn(line)
        asker = Asker(settings.values.get("speech", {}), project.cache_dir / ASKED)
        takes = _takes(catalog, clips, play, project.cache_dir, transcript_name(settings), asker)
        if not takes:
            if play:
                raise BadInput(f"{script}: the script matches nothing said in {folder}")
            raise BadInput(f"{folder}: no speech to cut a highlights reel from, and no script")
        catalog.cuts.remember(
            script=str(script.resolve()) if script else None,
            target=target,
            handles=handles,
            out=str(out.resolve()),
            name=folder.name,
        )
        assembly = assemble(takes, handles, target, user_edits(catalog, play, takes))
        for scene in scenes_without_takes(play, assembly):
            warn(f"scene {scene.label} ({scene.heading}): no take says its lines")
        timeline = cut_timeline(catalog, assembly, folder.name)
    out.mkdir(parents=True, exist_ok=True)
    words_of = words_source(project, strict=False)
    written = [
        export(timeline, fmt, out / f"cut{SUFFIXES[fmt]}", words_of, "cut") for fmt in FORMATS
    ]
    with Catalog.open(project.catalog_path) as catalog:
        page = render_cut_report(
            assembly,
            play,
            f"{folder.name}: first assembly",
            lambda take: take_still(catalog, project.cache_dir, take),
        )
    partial = out / ".cut-report.html.partial"
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, out / "cut-report.html")
    return CutResult(assembly, out, [*written, out / "cut-report.html"], unusable)


def project_home(folder: Path, out: Path) -> Path:
    """Where the project of a cut of ``folder`` lives: in the folder itself, unless it is a
    verified copy or read-only (then in the cut's own folder), so media stay as they were."""
    if (folder / ".rushes").is_dir() or unfit_for_project(folder) is None:
        return folder
    return out


def plan(catalog: Catalog, play: Screenplay | None, project: Project) -> list[Take]:
    """Every take of every clip analysed so far, scored: what the cut chooses from (for the
    review page, which remakes the cut from the catalog without analysing; the lines
    heard again are those ``rushes cut`` heard again, never heard anew here)."""
    settings = project.settings()
    asker = Asker(settings.values.get("speech", {}), project.cache_dir / ASKED, compute=False)
    return _takes(catalog, catalog.clips.all(), play, project.cache_dir,
                  transcript_name(settings), asker)  # fmt: skip


def heading(play: Screenplay | None, scene: int, takes: list[Take]) -> str:
    """What names a scene in the user's edits: its heading, or without a script the
    clip whose moment it is (an edit follows its scene only while that name holds)."""
    if play is not None:
        return play.scenes[scene].heading if 0 <= scene < len(play.scenes) else ""
    take = next((t for t in takes if t.scene == scene), None)
    return take.clip.name if take else ""


def user_edits(catalog: Catalog, play: Screenplay | None, takes: list[Take]) -> dict:
    """The user's edits of scenes whose heading is still what it was when they were made."""
    return {scene: edit for scene, edit in catalog.cuts.edits().items()
            if edit.heading == heading(play, scene, takes)}  # fmt: skip


def _takes(catalog: Catalog, clips, play: Screenplay | None, cache_dir: Path,
           heard: str, ask=None) -> list:  # fmt: skip
    peers = misheard.Peers() if play and ask else None
    found = [(clip, *_clip_takes(catalog, clip, play, cache_dir, heard, ask, peers))
             for clip in clips if clip.probe.kind == "video"]  # fmt: skip
    if peers is not None:  # the lines each take's sound fits as well as the others' do
        peers.frozen = True
        again = peers.rescued()
        for k, (clip, _, _) in enumerate(found):
            if clip.fingerprint in again:
                found[k] = (clip, *_clip_takes(catalog, clip, play, cache_dir, heard, ask, peers))
    takes = []
    for clip, clip_takes, _ in found:
        if not play:
            for take in clip_takes:
                take.scene = len(takes)  # each moment stands alone, in the order shot
        selected = catalog.choices.selects(clip.fingerprint)
        picture = _picture(catalog, clip)
        for take in clip_takes:
            if selected and take.parts == 1:  # your in and out points replace the tool's
                take.start, take.end = selected[0][0], selected[-1][1]
                take.selected = True
            take.sharpness = picture.get("sharpness")
            take.signature = picture.get("signature")
            takes.append(take)
    if play:
        _framings_compared(takes)
    if play and ask:
        language = {clip.fingerprint: spoken for clip, _, spoken in found}
        _restarts_heard(takes, play, lambda clip: ask.speaking(language[clip.fingerprint]))
    return takes


def _clip_takes(catalog: Catalog, clip, play: Screenplay | None, cache_dir: Path, heard: str,
                ask, peers) -> tuple[list[Take], str | None]:  # fmt: skip
    """One clip's takes (its performances of the screenplay's scenes, or without one its
    spoken part), and the language it was heard in."""
    transcript = transcript_of(catalog, clip, preferred=heard)
    if transcript is None or not transcript.words:
        return [], None
    findings = [f.as_json() for f in clip_findings(catalog, clip)]
    rating = catalog.choices.rating(clip.fingerprint)
    if not play:
        return [_highlight(clip, list(transcript.words), findings, rating)], transcript.language
    clip_ask = ask.speaking(transcript.language) if ask else None
    takes = _performances(clip, list(transcript.words), play, findings, rating, clip_ask,
                          peers)  # fmt: skip
    levels = _levels(cache_dir, clip)
    for take in takes:
        take.start, take.end = on_the_sound(take.start, take.end, levels)
        if take.spoken is not None:
            start, end = on_the_sound(*take.spoken, levels)
            take.spoken = min(start, take.start), max(end, take.end)
    return takes, transcript.language


def _performances(clip, words, play: Screenplay, findings, rating, ask=None,
                  peers: misheard.Peers | None = None) -> list[Take]:  # fmt: skip
    """A clip's performances. What is said decides: wherever it runs through the scene's
    lines again, a new performance starts (a misheard "cut, again" still splits). The calls
    name them (slates, "keep that one") and separate scenes shot in one clip. ``ask``: the
    recogniser, to hear again the lines it may have misheard (``forced.Asker``); ``peers``:
    how those lines fitted the scene's other takes (``misheard.Peers``)."""
    on_set = heard_calls(words, [line.text for line in play.lines])
    parts, calls, again = on_set.parts, on_set.bounds, on_set.again
    between = _between_calls(len(words), again)
    words = silenced(words, again)  # the calls have named and bounded the parts
    edges = [0, *(p.first for p in parts[1:]), len(words)]
    groups: list[list] = []  # [first word, stop word, scene], each call part in one
    heard_whole: list[tuple[int, Take]] = []  # (first word, take) of parts heard as no scene
    for first, stop in zip(edges, edges[1:], strict=False):
        scene = scene_of(play, words[first:stop])
        if scene is None and ask is not None:
            heard = heard_again.heard_as_scene(clip, words[first:stop], play, findings,
                                               rating, ask, first)  # fmt: skip
            if heard:
                heard_whole += heard
                continue
        if groups and scene in (None, groups[-1][2]):
            groups[-1][1] = stop
        else:
            groups.append([first, stop, scene])
    found, named, ends = [], set(), {}
    for first, take in heard_whole:
        part = next((p for p in parts if p.first <= first < p.stop), None)
        if part is not None:
            take.slate = part.slate
            named.add(id(part))
    for first, stop, scene in groups:
        if scene is None:
            continue
        runs = _at_action(play, scene, words, first, _runs(play, scene, words, first, stop,
                                                          between), calls)  # fmt: skip
        # a run too short to be a take ("look at the note of the", the misheard end of the
        # line before it matched again) does not bound the take before it: its words may be
        # that take's last line (seed 9002)
        # after a call to go again, the stretch is known to be this scene's (``take_of``)
        known = {r.first: scene if any(c[-1] < first + r.first for c in again) else None
                 for r in runs}  # fmt: skip
        starts = [first + r.first for r in runs
                  if take_of(clip, words[first + r.first : first + r.stop], play, findings,
                             rating, known_scene=known[r.first]) is not None]  # fmt: skip
        for k, run in enumerate(runs):
            a, b = first + run.first, first + run.stop
            actions = _actions(words, calls, a, b - 1)
            if actions:  # it took in the end of the take before: it starts at "action"
                a = actions[-1] + 1
            part = next((p for p in parts if p.first <= a < p.stop), None)
            behind = first + runs[k - 1].stop if k else 0
            if part is not None and k and first + runs[k - 1].first < part.first:
                behind = min(behind, part.first)  # it ran on over this one's "action"
            lo = min(a, max(behind, part.first if part else 0))
            opening = utterance(words, a, a, lo=lo)[0]  # its first words may be misheard
            before = restarted_before(words, a, lo) or restarted_before(words, opening, lo)
            take = take_of(clip, words[a:b], play, findings, rating, run.false_starts + before,
                           known[run.first])  # fmt: skip
            if take is None:
                continue
            following = next((s for s in starts if s > first + run.first), stop)
            hi = max(b, min(following, part.stop if part else stop))
            window = words[lo:hi]
            if ask is not None:
                scene_lines = play.scenes[take.scene].lines
                remake = partial(_remade, clip, play, findings, rating, scene_lines, before)
                take, window = heard_again.checked(take, words, (a, b), (lo, hi), scene_lines,
                                                   ask, remake, peers)  # fmt: skip
            take.start, take.end = whole_utterances(window, take.start, take.end)
            spoken = misheard_edges(take, window, play.scenes[take.scene].lines)
            take.spoken = spoken if spoken != (take.start, take.end) else None
            if part is not None and id(part) not in named:  # the slate names the first
                take.slate = part.slate
                named.add(id(part))
            ending = next((p for p in parts if p.first < b <= p.stop), None)
            if ending is not None and ending.kept:
                ends[id(ending)] = take  # "keep that one": the last performance before it
            found.append(take)
    found = sorted([*found, *(take for _, take in heard_whole)], key=lambda t: t.start)
    for take in ends.values():
        take.kept = True
    for n, take in enumerate(found, 1):
        take.part, take.parts = n, len(found)
    return found


def _remade(clip, play: Screenplay, findings, rating, lines, before: int, words) -> Take | None:
    """The take made again from ``words`` heard again or put right, its restarts inside a
    line counted on them: a line the recogniser heard as a copy of the next one's opening
    ("The coffee machine is the only The coffee machine is the only thing", seed 14002),
    once put right, restarts nothing. ``before``: an opening broken off before it."""
    restarts = sum(p.false_starts for p in passes(lines, words))
    return take_of(clip, words, play, findings, rating, restarts + before)


def _at_action(play: Screenplay, scene: int, words, first: int, runs: list,
               calls) -> list:  # fmt: skip
    """``runs`` (of ``words[first:]``) split at a heard "action" inside one whose words
    before it start with the scene's first line: that was a performance of its own, and
    the slate and "action" of the next began there ("...single name. Cut, let's go again.
    Scene one take one, action. Somebody will do...", the next line heard too badly to
    start a run, seed 10005). Words before "action" that do not start the scene are the
    end of the take before (the loop below starts the take at "action")."""
    lines = play.scenes[scene].lines
    out = []
    for run in runs:
        a, b = first + run.first, first + run.stop
        actions = _actions(words, calls, a + 1, b - 1)
        said = lines_of(play, words[a : actions[-1]], scene) if actions else []
        if said[:1] == [lines[0].number]:
            out += [Pass(run.first + p.first, run.first + p.stop, p.false_starts)
                    for p in passes(lines, words[a : actions[-1]])]  # fmt: skip
            out.append(Pass(actions[-1] + 1 - first, run.stop, run.false_starts))
        else:
            out.append(run)
    return out


def _actions(words, calls, lo: int, hi: int) -> list[int]:
    """The words from ``lo`` to ``hi`` (not included) that are a heard call of "action"."""
    return [i for i in range(lo, hi) if i in calls and call_in(words[i].text) == "action"]


def _between_calls(count: int, again: list[list[int]]) -> list[tuple[int, int]]:
    """The stretches of a clip's words that no call to go again lies in: no performance
    runs across one, even where the alignment would run one on (a take missing its first
    line, "come back to the top", then the whole scene). A lone "cut" does not split: the
    recogniser hears one inside a line ("We will enter cut to the power")."""
    out, first = [], 0
    for found in again:
        if found[0] > first:
            out.append((first, found[0]))
        first = max(first, found[-1] + 1)
    return [*out, (first, count)] if first < count else out


def _runs(play: Screenplay, scene: int, words, first: int, stop: int,
          between: list[tuple[int, int]]) -> list[Pass]:  # fmt: skip
    """The performances of ``scene`` in ``words[first:stop]`` (relative to ``first``):
    those the alignment finds in each stretch between calls to go again that speaks the
    scene. A stretch that goes on from where the one before stopped (its first line later
    than that one's last) is the same performance: the call was not one (an ad-lib, a
    line misheard)."""
    lines = play.scenes[scene].lines
    # (first, stop, after a call to go again: known to be this scene's, ``take_of``)
    pieces = [(max(lo, first), min(hi, stop), lo > 0) for lo, hi in between
              if lo < stop and hi > first]  # fmt: skip
    if len(pieces) < 2:
        return passes(lines, words[first:stop])
    attempts: list[tuple[int, int, list[int]]] = []
    for lo, hi, known in pieces:
        said = lines_of(play, words[lo:hi], scene, known)
        if not said:
            continue
        if attempts and said[0] > attempts[-1][2][-1]:
            attempts[-1] = (attempts[-1][0], hi, attempts[-1][2] + said)
        else:
            attempts.append((lo, hi, said))
    return [Pass(lo - first + run.first, lo - first + run.stop, run.false_starts)
            for lo, hi, _ in attempts
            for run in passes(lines, words[lo:hi])] or passes(lines, words[first:stop])  # fmt: skip


def _framings_compared(takes: list[Take]) -> None:
    """The fine detail of each take of a scene shot in more than one setup, so that focus
    can be compared across framings (``analysis.detail``): decoded here, a few frames a
    take, only for such scenes."""
    by_scene: dict[int, list[Take]] = {}
    for take in takes:
        by_scene.setdefault(take.scene, []).append(take)
    for mine in by_scene.values():
        if len(set(setups(mine))) < 2:
            continue
        for take in mine:
            rate = take.clip.probe.frame_rate
            if rate:
                take.detail = fine_detail(take.clip.path, Fraction(rate), take.start, take.end)


PROBED = 3  # takes of a scene asked whether they restart a line, best first, at most


def _restarts_heard(takes: list[Take], play: Screenplay, asking: Callable) -> None:
    """The take each scene would use, asked whether the sound says a line's opening twice
    where the words heard say it once, then heard again whole (``edit.restarts``); one that
    does has a false start, and the next best is asked in turn. ``asking(clip)``: the
    recogniser for its language."""
    by_scene: dict[int, list[Take]] = {}
    for take in takes:
        by_scene.setdefault(take.scene, []).append(take)
    for scene, mine in sorted(by_scene.items()):
        lines = play.scenes[scene].lines
        for _ in range(PROBED):
            best = rank(mine)[0]
            if best.false_starts or best.rating:
                break
            ask = asking(best.clip)
            again = restarts.restarts_heard(best, lines, ask)
            why = "its opening said twice fits the sound as well as said once"
            if not again and (other := ask.second_opinion()) is not None:  # heard again
                again = restarts.heard_twice(best, lines, other)  # whole, by another model
                why = "heard again on its own, its opening is said twice"
            if not again:
                break
            best.false_starts = len(again)
            best.problems += [f"false start on line {n}: {why}" for n in again]


def _levels(cache_dir: Path, clip):
    """The waveform analyzer's levels (peak, RMS per 10 ms), None when not there."""
    folder = result_folder(cache_dir, clip.fingerprint, Waveform.name, Waveform.version)
    path = folder / "levels.npy"
    return np.load(path) if path.exists() else None


def _picture(catalog: Catalog, clip) -> dict:
    """The picture analyzer's summary of the clip: sharpness and its picture's signature."""
    pictures = [r for r in catalog.analyses.for_clip(clip.fingerprint) if r.analyzer == "picture"]
    return pictures[-1].summary if pictures else {}


def _highlight(clip, words, findings, rating):
    """Without a script every clip with speech is a take of its own: its spoken part."""
    take = Take(clip, None, float(words[0].start), float(words[-1].end), rating=rating)
    take.completeness = min(1.0, len(words) / 20)  # the more said, the more to use
    take.accuracy = sum(w.probability for w in words) / len(words)
    during = [f for f in findings if f["severity"] != "info"]
    take.technical = min(scores(during, take.start, take.end)[d] for d in TECHNICAL)
    take.problems = findings_text(take, during)
    return take


ALTERNATES = 3  # other usable takes of a scene kept above it, at most


def cut_timeline(catalog: Catalog, assembly: Assembly, name: str):
    """The assembly as an OTIO timeline: the chosen takes, their alternates above, the
    married sound."""
    edits, alternates, sources = [], [], {}
    for choice in assembly.choices:
        clip = choice.chosen.clip
        source = sources.setdefault(clip.path, source_of(clip.path))
        first, stop = frames(choice)
        edits.append((source, first, min(stop, source.frames)))
        others = []
        for take in [t for t in choice.rejected if t.usable][:ALTERNATES]:
            other = sources.setdefault(take.clip.path, source_of(take.clip.path))
            first, stop = frames(alternate(take, assembly.handles))
            others.append((other, first, min(stop, other.frames)))
        alternates.append(others)
    rate = edits[0][0].rate
    fingerprints = {c.chosen.clip.path.resolve(): c.chosen.clip.fingerprint
                    for c in assembly.choices}  # fmt: skip

    def sound_of(source):
        result = catalog.syncs.get(fingerprints.get(source.path, ""))
        if result is None or result.status != "synced":
            return []
        out = []
        for match in result.matches:
            sound = catalog.clips.by_fingerprint(match.sound)
            if sound is not None:
                samples = round(float(sound.probe.duration) * match.sample_rate)
                out.append(SyncedSound(sound.path, match.offset_seconds, match.sample_rate,
                                       samples, match.drift_ppm))  # fmt: skip
        return out

    return build_timeline(name, Fraction(rate), edits, sound_of=sound_of, alternates=alternates)
