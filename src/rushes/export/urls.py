"""Absolute ``file://`` URLs that editing programs relink: spaces and non-ASCII percent-encoded
(UTF-8), the path otherwise untouched.

>>> file_url(Path("/Volumes/Card A/Prise été.mov"))
'file:///Volumes/Card%20A/Prise%20%C3%A9t%C3%A9.mov'
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote, urlparse


def file_url(path: Path) -> str:
    return "file://" + quote(str(Path(path).resolve()), safe="/")


def path_of_url(url: str) -> Path:
    """The path of a ``file://`` URL (or of a plain path, as some programs write)."""
    parsed = urlparse(url)
    if parsed.scheme in ("", "file"):
        return Path(unquote(parsed.path if parsed.scheme else url))
    raise ValueError(f"not a local file: {url}")
