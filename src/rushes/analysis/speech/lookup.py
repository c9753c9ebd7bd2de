"""Which transcript of a clip to use (the one by the model asked for, else the bundled
model's, else the newest), and the words subtitles take from a project's transcripts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rushes.analysis.speech.whisper import BUNDLED
from rushes.catalog import Catalog, Clip, Transcript
from rushes.errors import BadInput
from rushes.project import Project


def transcript_of(catalog: Catalog, clip: Clip, model: str | None = None,
                  preferred: str | None = None) -> Transcript | None:  # fmt: skip
    """The clip's transcript by ``model``; by default the one the settings name now
    (``preferred``, see :func:`transcript_name`), else the bundled model's, else the newest."""
    models = catalog.transcripts.models(clip.fingerprint)
    if model:
        if model not in models:
            raise BadInput(f"{clip.path}: no transcript by model {model!r} "
                           f"(have: {', '.join(models) or 'none'})")  # fmt: skip
        return catalog.transcripts.get(clip.fingerprint, model)
    if not models:
        return None
    for name in (preferred, BUNDLED):
        if name in models:
            return catalog.transcripts.get(clip.fingerprint, name)
    return catalog.transcripts.get(clip.fingerprint, models[-1])


def transcript_name(settings) -> str:
    """What the transcripts of the model and language the settings name are stored under."""
    from rushes.analysis.speech.whisper import choose

    speech = settings.values.get("speech", {})
    return choose(speech.get("model"), "cpu", speech.get("language", "en")).transcript_name


def languages_apart(catalog: Catalog, settings) -> list[str]:
    """With ``[speech] language = "auto"``, a line for each clip heard in another language
    than most of the project's speech: a film is mostly shot in one, and a clip detected
    otherwise is often misdetected (Whisper calls synthetic or noisy Russian Czech), so
    misheard; the fix is to name the language."""
    if settings.values.get("speech", {}).get("language") != "auto":
        return []
    model = transcript_name(settings)
    heard = []
    for clip in catalog.clips.all():
        found = [r.summary for r in catalog.analyses.for_clip(clip.fingerprint)
                 if r.analyzer.split(":")[0] == "speech" and r.summary.get("model") == model
                 and r.summary.get("words")]  # fmt: skip
        if found and found[-1].get("language"):
            heard.append((clip, found[-1]))
    words: Counter = Counter()
    for _, summary in heard:
        words[summary["language"]] += summary["words"]
    if len(words) < 2:
        return []
    (main, _), *_ = words.most_common(1)
    out = []
    for clip, summary in heard:
        if summary["language"] != main:
            sure = summary.get("language_probability")
            how = f" ({sure:.0%} sure)" if isinstance(sure, int | float) else ""
            out.append(f"{clip.path}: heard as {summary['language']}{how}, most of the "
                       f"project as {main}; if it is {main} too, set [speech] language = "
                       f'"{main}"')  # fmt: skip
    return out


def words_source(project: Project, strict: bool = True) -> Callable[[Path], list[tuple]]:
    """``path -> [(start, end, text)]`` out of ``project``'s transcripts, for subtitles.
    ``strict``: a file not in the project, or with sound but no transcript yet, is a
    one-line error; else it has no words."""

    heard = transcript_name(project.settings())

    def words_of(path: Path) -> list[tuple]:
        with Catalog.open(project.catalog_path) as catalog:
            clip = catalog.clips.by_path(path)
            transcript = transcript_of(catalog, clip, preferred=heard) if clip else None
        if clip is None and strict:
            raise BadInput(f"{path}: not in the project at {project.root}; rushes add it first")
        if transcript is None:
            if strict and clip.probe.audio:
                raise BadInput(f"{path}: no transcript yet (rushes analyze -a speech)")
            return []
        return [(float(w.start), float(w.end), w.text) for w in transcript.words]

    return words_of
