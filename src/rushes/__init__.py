"""rushes: from a shoot's raw footage to an editor-ready first cut.

>>> import rushes
>>> rushes.__version__
'0.1.0'
"""

import os

__version__ = "0.1.0"

# An offline tool sends and keeps nothing about its user: onnxruntime (Silero VAD) would
# otherwise keep a device id and a telemetry store under ~/.cache/Microsoft. Set before
# any module imports it, and inherited by every worker process.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
