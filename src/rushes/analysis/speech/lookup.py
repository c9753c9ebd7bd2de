"""Which transcript of a clip to use: the one by the model asked for, else the bundled
model's, else the newest."""

from __future__ import annotations

from rushes.analysis.speech.whisper import BUNDLED
from rushes.catalog import Catalog, Clip, Transcript
from rushes.errors import BadInput


def transcript_of(catalog: Catalog, clip: Clip, model: str | None = None) -> Transcript | None:
    """The clip's transcript by ``model``; by default the bundled model's, else the newest."""
    models = catalog.transcripts.models(clip.fingerprint)
    if model:
        if model not in models:
            raise BadInput(f"{clip.path}: no transcript by model {model!r} "
                           f"(have: {', '.join(models) or 'none'})")  # fmt: skip
        return catalog.transcripts.get(clip.fingerprint, model)
    if not models:
        return None
    return catalog.transcripts.get(clip.fingerprint, BUNDLED if BUNDLED in models else models[-1])
