"""Reading Graphviz's SVG back: the boxes it drew, with the text lines each one shows."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

SVG = "{http://www.w3.org/2000/svg}"


def svg_boxes(svg: str) -> dict[str, list[str]]:
    """Each drawn claim's id (a box's ``<title>``) and its lines of text, in drawing order.

    The invisible fillers that pad the array of trees (``~filler``) are left out.
    """
    root = ElementTree.fromstring(svg.encode("utf-8"))
    boxes: dict[str, list[str]] = {}
    for group in root.iter(f"{SVG}g"):
        title = group.findtext(f"{SVG}title")
        if group.get("class") != "node" or title is None or title.startswith("~"):
            continue
        boxes[title] = [node.text or "" for node in group.iter(f"{SVG}text")]
    return boxes
