"""The one HTML page: a terminal (textual-serve's xterm.js bundle) wired to a tab's app.

Our own page rather than textual-serve's template: that one fetches its font from a font
service on the internet each time it opens, which leaks who opens the map to a third party
and stalls on a machine without a network. Everything here comes from the server itself
(the bundled Roboto Mono included), and the content security policy sent with it
(:data:`debate.serve.access.SECURITY_HEADERS`) keeps it so.
"""

from __future__ import annotations

from html import escape

from debate.display import visible

STATIC = "/static/"
"""Where textual-serve's scripts, styles and fonts are served."""

FONT = STATIC + "fonts/RobotoMono-VariableFont_wght.ttf"

MIN_FONT_SIZE, MAX_FONT_SIZE, DEFAULT_FONT_SIZE = 8, 40, 16

_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="preload" href="{font}" as="font" type="font/ttf" crossorigin>
<link rel="stylesheet" href="{static}css/xterm.css">
<script src="{static}js/textual.js"></script>
<style>
@font-face {{ font-family: "Roboto Mono"; src: url("{font}") format("truetype"); }}
html, body {{ margin: 0; height: 100%; overflow: hidden; background: #0c181f; }}
.textual-terminal {{ position: absolute; inset: 0; }}
.ended {{
  display: none; position: absolute; inset: 0; z-index: 10;
  align-items: center; justify-content: center; flex-direction: column;
  background: #0c181f; color: #e8eef2; font: 16px "Roboto Mono", monospace;
}}
body.-closed .ended {{ display: flex; }}
.ended a {{ color: #9fd3ff; margin-top: 1em; }}
</style>
</head>
<body>
<div id="terminal" class="textual-terminal"
  data-session-websocket-url="{websocket}" data-font-size="{font_size}"></div>
<div class="ended" role="alert">
  <p>This tab's app has stopped: it quit, or the server stopped.</p>
  <a href="">Start it again</a>
</div>
</body>
</html>
"""


def font_size(requested: str | None) -> int:
    """The ``?fontsize=`` a user asked for, kept within reason (a bad value: the default)."""
    try:
        size = int(requested or DEFAULT_FONT_SIZE)
    except ValueError:
        return DEFAULT_FONT_SIZE
    return min(max(size, MIN_FONT_SIZE), MAX_FONT_SIZE)


def index_page(title: str, websocket_url: str, size: int = DEFAULT_FONT_SIZE) -> str:
    """The page for one tab; ``title`` is user text (a file name), shown as data."""
    return _PAGE.format(
        title=escape(visible(title)),
        static=STATIC,
        font=FONT,
        websocket=escape(websocket_url),
        font_size=size,
    )
