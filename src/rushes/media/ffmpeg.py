"""PyAV with FFmpeg's own log off, imported by every module here that decodes or encodes.

Off means PyAV's level ``None``, not ``PANIC``: any level installs PyAV's Python log
callback, which FFmpeg's frame threads call with the GIL held elsewhere, and a container
closed mid-decode then deadlocks in C. Problems reach the user as one-line errors raised
from this package, not as decoder chatter.
"""

import av
import av.logging

av.logging.set_level(None)

__all__ = ["av"]
