"""Reports people read: the technical QC report of a project as one HTML page."""

from rushes.report.html import render_report

__all__ = ["render_report"]
