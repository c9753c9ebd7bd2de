"""Small helpers for the XML writers: elements in the order they are added, pretty output."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def sub(parent: ET.Element, tag: str, text: object = None, **attrs: object) -> ET.Element:
    """Append ``<tag attrs>text</tag>`` to ``parent``; attributes with value None are left out."""
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = str(text)
    return element


def to_string(root: ET.Element, doctype: str) -> str:
    ET.indent(root, "  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {doctype}>\n{body}\n'
