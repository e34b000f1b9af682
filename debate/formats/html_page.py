"""HTML: one self-contained page to send anyone, readable on a phone, light and dark.

The tree is nested ``<details>`` elements, so it expands and collapses with no script at all;
a small inline script adds the search box, "expand all"/"collapse all", and opening the right
branch when a see-also link is followed. Nothing is fetched from the network: the styles and
script are inline and a Content-Security-Policy with their hashes forbids everything else, so
even a claim that got past escaping could not run code.

Beside the outline sits the map as a picture: the SVG that ``debate export -f svg`` draws,
inline (so the page stays one file that fetches nothing), each box a link to its claim in the
outline. Graphviz escapes the text it draws. Without Graphviz, or for a map too big to draw
usefully, the page is written without the picture and the front end hears why, in one line.

Every piece of user text goes through :func:`html.escape` (quotes included).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from html import escape as _escape

from debate import __version__
from debate.display import visible
from debate.formats import ExportError, ExportOptions, Scores, crux_section
from debate.formats.graphviz import GraphvizMissing, page_picture
from debate.formats.view import Row, View, moment, source_parts, strength_text
from debate.model import WEIGHT_RANGE, ArgumentMap

OPEN_LEVELS = 2
"""Claims this many levels deep and shallower start expanded."""

PICTURE_LIMIT = 1_000
"""Claims up to which the page holds the map picture. Graphviz draws 1,000 claims in about a
second and 1.3 MB of SVG; a bigger picture is too big to read in a page (export it with
``-f svg``)."""

STYLE = """
:root { color-scheme: light dark; --bg: #fdfdfc; --fg: #1d1d1f; --muted: #5f6368;
  --line: #d7d7db; --card: #f3f3f1; --pro: #1a7f37; --con: #c62828; --part: #00838f;
  --root: #3b4cca; --mark: #fff3a3; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16171a; --fg: #e8e8ea; --muted: #a0a4ab; --line: #393b41; --card: #202227;
    --pro: #56d364; --con: #ff7b72; --part: #4dd0e1; --root: #a5b4fc; --mark: #5c4d00; }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem; background: var(--bg); color: var(--fg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  overflow-wrap: break-word; }
body > * { max-width: 60rem; margin-left: auto; margin-right: auto; }
body > .map { max-width: 121rem; }
.picture { overflow: auto; border: 1px solid var(--line); border-radius: .4rem;
  background: #fff; }
.picture svg { display: block; max-width: none; height: auto; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.muted, .meta { color: var(--muted); font-size: .875rem; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.verdicts { display: table; table-layout: fixed; }
.scrolls { overflow-x: auto; }
.verdicts th.num { text-align: right; }
.verdicts th.claim { font-weight: normal; border-bottom: 0; padding-top: .6rem; }
.tools { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1rem; margin-bottom: 1rem;
  position: sticky; top: 0; background: var(--bg); padding: .5rem 0; z-index: 1; }
.tools input { flex: 1 1 12rem; min-width: 0; font: inherit; padding: .4rem .6rem;
  border: 1px solid var(--line); border-radius: .4rem; background: var(--card); color: inherit; }
.tools button { font: inherit; padding: .4rem .7rem; border: 1px solid var(--line);
  border-radius: .4rem; background: var(--card); color: inherit; cursor: pointer; }
ul.tree, ul.children { list-style: none; margin: 0; padding: 0; }
ul.children { margin-left: .6rem; padding-left: .7rem; border-left: 2px solid var(--line); }
li.claim { margin: .35rem 0; }
li.claim[hidden] { display: none; }
summary { cursor: pointer; padding: .3rem .4rem; border-radius: .4rem; }
summary:hover { background: var(--card); }
.num { color: var(--muted); font-variant-numeric: tabular-nums; }
.stance { font-weight: 600; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
.pro > details > summary .stance { color: var(--pro); }
.con > details > summary .stance { color: var(--con); }
.part > details > summary .stance { color: var(--part); }
li.pro { border-left: 4px solid var(--pro); }
li.con { border-left: 4px solid var(--con); }
li.part { border-left: 4px solid var(--part); }
li.root { border-left: 4px solid var(--root); }
.root > details > summary .text { font-weight: 600; }
meter { width: 4.5rem; height: .8rem; vertical-align: middle; }
.strength { font-variant-numeric: tabular-nums; font-weight: 600; }
.body { margin: 0 0 .3rem 1.4rem; }
.text { white-space: pre-wrap; }
blockquote { margin: .3rem 0; padding: .1rem .6rem; border-left: 3px solid var(--line);
  color: var(--muted); white-space: pre-wrap; }
.notes { margin: .3rem 0; padding-left: 1.1rem; font-size: .9rem; white-space: pre-wrap; }
.tag { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: .6rem;
  background: var(--card); border: 1px solid var(--line); margin-right: .2rem; }
mark { background: var(--mark); color: inherit; }
a { color: var(--root); }
@media (max-width: 36rem) {
  body { padding: .6rem; }
  ul.children { margin-left: .2rem; padding-left: .45rem; }
  .body { margin-left: .4rem; }
  meter { width: 3rem; }
  th, td { padding: .3rem .25rem; }
  table.verdicts { table-layout: auto; }
}
@media print { .tools { display: none; } }
"""

SCRIPT = """
"use strict";
(function () {
  var claims = Array.prototype.slice.call(document.querySelectorAll("li.claim"));
  var search = document.getElementById("search");
  var count = document.getElementById("count");
  function openAncestors(node) {
    for (var up = node; up; up = up.parentElement) {
      if (up.tagName === "DETAILS") { up.open = true; }
    }
  }
  function setAll(open) {
    document.querySelectorAll("li.claim > details").forEach(function (d) { d.open = open; });
  }
  document.getElementById("expand").addEventListener("click", function () { setAll(true); });
  document.getElementById("collapse").addEventListener("click", function () { setAll(false); });
  search.addEventListener("input", function () {
    var query = search.value.trim().toLowerCase();
    var shown = 0;
    claims.forEach(function (li) { li.hidden = query !== ""; });
    if (query === "") { count.textContent = ""; return; }
    claims.forEach(function (li) {
      var own = li.querySelector(":scope > details > summary").textContent + " " +
        (li.querySelector(":scope > details > .body") || {textContent: ""}).textContent;
      if (own.toLowerCase().indexOf(query) === -1) { return; }
      shown += 1;
      for (var up = li; up; up = up.parentElement) {
        if (up.tagName === "LI") { up.hidden = false; }
        if (up.tagName === "DETAILS" && up !== li.firstElementChild) { up.open = true; }
      }
    });
    count.textContent = shown + (shown === 1 ? " match" : " matches");
  });
  function follow() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (malformed) { /* #%E0: look it up as written */ }
    var target = id && document.getElementById(id);
    if (target) { openAncestors(target); target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", follow);
  follow();
})();
"""


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def escape(text: str) -> str:
    """User text as HTML text or attribute content (control characters made visible)."""
    return _escape(visible(text), quote=True)


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    info = argmap.map
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f'<meta name="generator" content="debate {__version__}">',
        f"<title>{escape(info.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(info.title)}</h1>",
    ]
    if info.description:
        out.append(f'<p class="text">{escape(info.description)}</p>')
    if info.author:
        out.append(f'<p class="muted">By {escape(info.author)}</p>')
    out += _verdicts(view)
    out += crux_section.html(view, escape)
    out += ["</header>"]
    out += _picture(argmap, options, scores)
    out += [
        '<nav class="tools" aria-label="Tree tools">',
        '<input id="search" type="search" placeholder="Search claims, tags, notes…" '
        'aria-label="Search claims" autocomplete="off">',
        '<button id="expand" type="button">Expand all</button>',
        '<button id="collapse" type="button">Collapse all</button>',
        '<span id="count" class="muted" aria-live="polite"></span>',
        "</nav>",
        "<main>",
        '<ul class="tree">',
    ]
    out += _tree(view)
    out += ["</ul>", "</main>"]
    out += _sources(argmap)
    out += [f"<script>{SCRIPT}</script>", "</body>", "</html>", ""]
    return "\n".join(out)


def _verdicts(view: View) -> list[str]:
    """Each root's strength under every reading: the claim on a line of its own, its
    strengths below it, one column per reading, so the table fits a phone's width (with
    very many perspectives it scrolls sideways in its own box, never the page)."""
    table = view.verdicts()
    perspective = (
        f"the {escape(view.perspective)} perspective" if view.perspective else "the base map"
    )
    out = [
        '<section aria-labelledby="verdict">',
        '<h2 id="verdict">Verdict</h2>',
        f'<p class="muted">Strengths under {escape(view.semantics)} semantics, read from '
        f"{perspective}; 0 is refuted, 1 fully accepted.</p>",
        '<div class="scrolls"><table class="verdicts">',
        "<thead><tr>"
        + "".join(f'<th scope="col" class="num">{escape(name)}</th>' for name, _ in table)
        + "</tr></thead>",
    ]
    for root in view.roots:
        row = view.by_id[root]
        cells = "".join(
            f'<td class="num">{crux_section.verdict_shown(strengths[root], escape, 2)}</td>'
            for _, strengths in table
        )
        out += [
            "<tbody>",
            f'<tr><th scope="rowgroup" colspan="{len(table)}" class="claim">'
            f'<a href="#{_anchor(root)}">{row.number}</a> '
            f'<span class="text">{escape(row.text)}</span></th></tr>',
            f"<tr>{cells}</tr>",
            "</tbody>",
        ]
    out += ["</table></div>", "</section>"]
    return out


def _picture(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> list[str]:
    """The map picture's section, or nothing (and a notice saying why)."""
    view = View(argmap, replace(options, progress=None), scores)
    left_out = "the HTML page is written without its map picture"
    if len(view.rows) > PICTURE_LIMIT:
        options.notice(
            f"{left_out}: {len(view.rows):,} claims are more than it draws "
            f"({PICTURE_LIMIT:,}; -f svg draws any size)"
        )
        return []
    try:
        svg = page_picture(view)
    except GraphvizMissing:
        options.notice(
            f"{left_out}: Graphviz's dot program is not installed "
            "(apt install graphviz, brew install graphviz)"
        )
        return []
    except ExportError as error:
        options.notice(f"{left_out}: {error}")
        return []
    return [
        '<section class="map" aria-labelledby="map">',
        '<h2 id="map">Map</h2>',
        '<p class="muted">Each box is a claim: its number, stance, weight and strength, then '
        "its text. Arrows point at the claim a claim bears on: green for pro, dashed red for "
        "con, bold teal for a part; thicker for more weight. Click a box to find it in the "
        "outline.</p>",
        f'<div class="picture" tabindex="0" role="region" aria-label="Map picture">{svg}</div>',
        "</section>",
    ]


def _anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def _tree(view: View) -> list[str]:
    """Nested lists written from the flat rows: close each branch when the depth drops."""
    out: list[str] = []
    stack: list[tuple[int, bool]] = []  # (depth, has children) of every claim still open
    for row in view.each():
        while stack and stack[-1][0] >= row.depth:
            out.append(_close(stack.pop()[1]))
        out.extend(_claim_open(view, row))
        if row.children:
            out.append('<ul class="children">')
        stack.append((row.depth, bool(row.children)))
    while stack:
        out.append(_close(stack.pop()[1]))
    return out


def _close(has_children: bool) -> str:
    return "</ul></details></li>" if has_children else "</details></li>"


def _claim_open(view: View, row: Row) -> list[str]:
    claim = row.claim
    kind = row.stance or "root"
    classes = f"claim {kind}"
    is_open = " open" if row.depth < OPEN_LEVELS and row.children else ""
    summary = [f'<span class="num">{row.number}</span>']
    if row.stance:
        summary.append(f'<span class="stance">{row.stance}</span>')
        summary.append(f'<span class="meta" title="weight {WEIGHT_RANGE}">w{row.weight}</span>')
    value = strength_text(row.strength)
    summary.append(
        f'<meter min="0" max="1" low="0.34" high="0.66" optimum="1" value="{value}" '
        f'title="strength {value}"></meter> <span class="strength">{value}</span>'
    )
    summary.append(f'<span class="text">{escape(claim.text)}</span>')
    out = [
        f'<li class="{classes}" id="{_anchor(row.id)}" data-id="{row.id}" data-strength="{value}">',
        f"<details{is_open}>",
        "<summary>" + " ".join(summary) + "</summary>",
        '<div class="body">',
    ]
    facts = [f"credence {row.credence:.2f}"]
    if claim.by:
        facts.append(f"by {escape(claim.by)}")
    facts.append(f"id <code>{row.id}</code>")
    out.append(f'<div class="meta">{" · ".join(facts)}</div>')
    if claim.tags:
        out.append(
            "<div>"
            + "".join(f'<span class="tag">#{escape(tag)}</span>' for tag in claim.tags)
            + "</div>"
        )
    links = view.links(row)
    if links:
        out.append(
            '<div class="meta">See also: '
            + ", ".join(
                f'<a href="#{_anchor(target)}">{view.by_id[target].number}</a>' for target in links
            )
            + "</div>"
        )
    for cited in view.cited(row):
        title = cited.source.title if cited.source else cited.citation.source
        where = f", {escape(cited.citation.locator)}" if cited.citation.locator else ""
        if cited.citation.quote:
            out.append(f"<blockquote>{escape(cited.citation.quote)}</blockquote>")
        out.append(
            f'<div class="meta">Source: <a href="#source-{cited.citation.source}">'
            f"{escape(title)}</a>{where}</div>"
        )
    notes = view.notes(row)
    if notes:
        out.append('<ul class="notes">')
        for note in notes:
            stamp = " · ".join(
                part for part in (moment(note.at), note.by and escape(note.by)) if part
            )
            prefix = f'<span class="muted">{stamp}</span> ' if stamp else ""
            out.append(f"<li>{prefix}{escape(note.text)}</li>")
        out.append("</ul>")
    out.append("</div>")
    return out


def _link(url: str) -> str:
    """A web address as a link; anything else (``javascript:``...) as plain text."""
    if not url.startswith(("https://", "http://")):
        return escape(url)
    shown = escape(url)
    return f'<a href="{shown}" rel="noreferrer noopener">{shown}</a>'


def _sources(argmap: ArgumentMap) -> list[str]:
    if not argmap.sources:
        return []
    out = ['<section aria-labelledby="sources">', '<h2 id="sources">Sources</h2>', "<ul>"]
    for source_id, source in argmap.sources.items():
        parts = source_parts(
            source,
            escape,
            title=lambda text: f"<cite>{escape(text)}</cite>",
            link=_link,
            code=lambda path: f"<code>{escape(path)}</code>",
        )
        note = f'<br><span class="muted text">{escape(source.note)}</span>' if source.note else ""
        out.append(f'<li id="source-{source_id}">' + ", ".join(parts) + note + "</li>")
    out += ["</ul>", "</section>"]
    return out
