"""Verified offload of camera cards with ASC MHL manifests, and their later verification.

>>> offload(Path("/Volumes/A001"), [Path("/Backup1"), Path("/Backup2")])
>>> verify(Path("/Backup1/A001"))
"""

from rushes.offload.copy import Destination, FileOutcome, OffloadReport, offload
from rushes.offload.hashing import DEFAULT, FORMATS
from rushes.offload.verify import VerifyReport, verify

__all__ = [
    "DEFAULT", "FORMATS", "Destination", "FileOutcome", "OffloadReport", "VerifyReport",
    "offload", "verify",
]  # fmt: skip
