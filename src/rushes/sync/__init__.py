"""Dual-system sound: which recorder files hold each camera clip's sound, and where.

>>> recorders = load_recorders(sound_clips, warn)
>>> result = sync_camera(camera_clip, recorders)   # status, offsets, drift, confidence
"""

from rushes.sync.marry import Recording, load_recorders, sync_camera, sync_project
from rushes.sync.match import Match, match, prepare
from rushes.sync.metadata import RecorderInfo, recorder_info

__all__ = [
    "Match", "RecorderInfo", "Recording", "load_recorders", "match", "prepare", "recorder_info",
    "sync_camera", "sync_project",
]  # fmt: skip
