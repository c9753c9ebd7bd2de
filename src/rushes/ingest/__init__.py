"""Ingest: find media under folders and record each clip in the catalog (``rushes add``).

>>> add_paths(catalog, [Path("/Volumes/A001")]).added
"""

from rushes.ingest.add import AddReport, add_paths
from rushes.ingest.scan import scan

__all__ = ["AddReport", "add_paths", "scan"]
