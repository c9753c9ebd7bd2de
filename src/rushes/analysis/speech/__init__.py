"""Speech: every spoken word with its time (VAD, Whisper, word times refined on the sound).

>>> from rushes.analysis.speech import Speech   # registers the ``speech`` analyzer
"""

from rushes.analysis.speech.analyzer import Speech
from rushes.analysis.speech.whisper import BUNDLED, choose

__all__ = ["BUNDLED", "Speech", "choose"]
