"""Markdown outlines: nested bullets are claims, nesting is the tree.

::

    # Should the city build a tram line?

    - The city should build a tram line.
      - Pro: Trams carry more people per driver.
        - Con: Only at rush hour.
      - Con: Construction costs too much.

Stance comes from a ``Pro:``/``Con:``/``Part:`` (or ``(+)``/``(-)``) prefix; a document that
uses ``+`` bullets anywhere is taken to use bullet characters as stances (``+`` pro, ``-``
con, ``*`` no stance). Items with no stance are read as ``pro``, with one warning. The first
``#`` heading is the map's title and paragraphs before the first list its description; later
headings group the items under them (each item gets the heading as a tag). A list item's
own paragraphs are its text; code blocks, quotes and other blocks are skipped with a warning.

debate's own Markdown report (``debate export -f markdown``) is recognised by its
``## Claims`` section, and its claims come back with their ids, stances, weights,
credences, holders, tags, notes and see-also links.

Parsing is markdown-it-py's (CommonMark), so escapes, lazy continuation lines and list
indentation rules are the real ones.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token

from debate.formats.readers.common import (
    ImportResult,
    NoteData,
    Report,
    SourceText,
    exported_note,
    exported_weight,
)
from debate.formats.readers.graph import Graph, Node
from debate.rules import MAX_WEIGHT, Stance, is_credence

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_PREFIX = re.compile(r"^\s*(?:(pro|con|part)\s*:|\((\+|-)\))\s*", re.I)
_BULLETS: dict[str, Stance] = {"+": "pro", "-": "con"}
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]*")
_REPORT_HEAD = re.compile(
    r"^(?P<number>\d+(?:\.\d+)*)"
    r"(?: (?:✚ (?P<pro>pro)|✖ (?P<con>con)|◇ (?P<part>part)) · weight (?P<weight>[0-9]{1,3})"
    rf"/{MAX_WEIGHT})?"
    r" · strength .* · credence (?P<credence>\d+(?:\.\d+)?)$"
)
_NOTE = re.compile(r"^Note(?: \((?P<stamp>[^)]*)\))?: (?P<text>.*)$", re.S)
_SKIPPED_BLOCKS = {
    "fence": "a code block",
    "code_block": "a code block",
    "html_block": "an HTML block",
    "blockquote_open": "a quote",
    "table_open": "a table",
}


@dataclass
class _Item:
    key: str
    line: int
    bullet: str
    parent: str | None
    paragraphs: list[str] = field(default_factory=list)
    inlines: list[Token] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # source lines the parser did not get to


def read(source: SourceText) -> ImportResult:
    report = Report(source.name)
    tokens = _parser().parse(source.text)
    reader = _Reader(report, tokens, source.text)
    reader.run()
    graph = reader.graph
    return graph.build(
        "markdown",
        reader.title or source.stem,
        description="\n\n".join(reader.description) or None,
        author=reader.author,
    )


BLOCK_NESTING = 100
"""Lists nest two block levels per item: 50 item levels (debate's own report caps at 20)."""
INLINE_NESTING = 10
"""Links in emphasis in links...: deeper than any outline needs (CommonMark's preset allows
20). Each ``[`` may look this deep ahead, so it bounds the cost per character of
bracket-heavy text (800 KB of ``[[[...]]]``: 15 s with 100 levels, about 3 s with 10)."""


def _parser() -> MarkdownIt:
    """CommonMark with deep lists but shallow inline nesting (the two share one option)."""
    parser = MarkdownIt("commonmark")
    parser.options["maxNesting"] = BLOCK_NESTING

    def shallow_inlines(state: StateCore) -> None:
        state.md.options["maxNesting"] = INLINE_NESTING

    parser.core.ruler.after("block", "shallow_inlines", shallow_inlines)
    return parser


class _Reader:
    def __init__(self, report: Report, tokens: list[Token], text: str) -> None:
        self.report = report
        self.tokens = tokens
        self.text = text
        self._lines: list[str] = []
        self.graph = Graph(report)
        self.title: str | None = None
        self.author: str | None = None
        self.description: list[str] = []
        self.signs = any(t.type == "list_item_open" and t.markup == "+" for t in tokens)
        self.ours = _is_report(tokens)
        self.items: list[_Item] = []
        self.numbers: dict[str, str] = {}
        self._pending: list[tuple[str, list[str]]] = []
        self._numbered: list[tuple[int, str, str, Stance]] = []

    def run(self) -> None:
        containers: list[str] = []
        open_items: list[_Item] = []
        group: str | None = None
        in_claims = not self.ours
        seen_list = False
        past_preface = False
        tokens = self.tokens
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            line = token.map[0] + 1 if token.map else 0
            if kind == "heading_open":
                text = _plain(tokens[index + 1].children or [])
                index += 3
                if self.ours:
                    past_preface = past_preface or token.tag == "h2"
                    in_claims = (token.tag == "h2" and text == "Claims") or (
                        in_claims and token.tag != "h2"
                    )
                    if token.tag == "h1" and self.title is None:
                        self.title = text
                elif token.tag == "h1" and self.title is None and not seen_list:
                    self.title = text
                else:
                    group = text or None
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                containers.append("list")
                seen_list = True
            elif kind in ("bullet_list_close", "ordered_list_close"):
                containers.pop()
            elif kind == "list_item_open":
                containers.append("item")
                if in_claims:
                    item = self._open(token, line, open_items, group)
                    open_items.append(item)
            elif kind == "list_item_close":
                containers.pop()
                if in_claims and open_items:
                    self._close(open_items.pop())
            elif kind == "inline":
                inside = containers[-1] if containers else None
                if inside == "item" and in_claims and open_items:
                    open_items[-1].inlines.append(token)
                    open_items[-1].paragraphs.append(_plain(token.children or []))
                elif inside is None and not seen_list and not past_preface:
                    self._preface(_plain(token.children or []))
                elif inside is None and in_claims:
                    self.report.warn("a paragraph outside the outline; skipped", line, 1)
            elif kind in _SKIPPED_BLOCKS:
                if in_claims and (containers or seen_list):
                    self.report.warn(f"{_SKIPPED_BLOCKS[kind]} in the outline; skipped", line, 1)
                if kind.endswith("_open"):
                    index = _closing_block(tokens, index)
            index += 1
        self._links()

    def _preface(self, text: str) -> None:
        if self.ours and text.startswith("By ") and self.author is None:
            self.author = text[3:]
        elif text:
            self.description.append(text)

    def _open(self, token: Token, line: int, open_items: list[_Item], group: str | None) -> _Item:
        key = f"item-{len(self.items) + 1}"
        parent = open_items[-1].key if open_items else None
        item = _Item(key, line, token.markup, parent)
        if token.level >= BLOCK_NESTING - 1 and token.map:
            # Nested as deep as the parser goes: it reads nothing inside this item, so its
            # lines (and the deeper items in them) are kept as its text, with a warning.
            if not self._lines:
                self._lines = self.text.split("\n")
            lines = self._lines[token.map[0] : token.map[1]]
            item.unread = [line.strip() for line in lines]
            item.unread[0] = _LIST_MARKER.sub("", item.unread[0], count=1)
            self.report.warn(
                f"lists nest more than {BLOCK_NESTING // 2} levels deep here; this item and "
                "the ones below it are kept as its text",
                line,
                1,
            )
            self.report.changed("items nested too deeply, kept as text", len(lines))
        self.items.append(item)
        node = self.graph.add(Node(key, "(no text)", line, 1, origin=f"line {line}"))
        if group:
            node.tags.append(group)
        return item

    def _close(self, item: _Item) -> None:
        node = self.graph.nodes[item.key]
        if self.ours and item.inlines and self._report_item(item, node):
            return
        text = "\n\n".join(part for part in item.paragraphs if part) or "\n".join(item.unread)
        stance: Stance | None = None
        prefix = _PREFIX.match(text)
        if prefix:
            stance = (prefix.group(1) or "").lower() or _BULLETS[prefix.group(2)]  # type: ignore[assignment]
            text = text[prefix.end() :]
        elif self.signs:
            stance = _BULLETS.get(item.bullet)
        if not text.strip():
            self.report.warn("a list item without text", item.line, 1)
        else:
            node.text = text
        if item.parent is None:
            return
        if stance is None:
            self.report.warn_grouped(
                "no-stance",
                "an item without a stance (Pro:/Con: or +/- bullets); read as pro",
                item.line,
                1,
            )
            stance = "pro"
        self.graph.relate(item.key, item.parent, stance, item.line, 1)

    def _report_item(self, item: _Item, node: Node) -> bool:
        """An item of debate's own Markdown report; False when it does not look like one."""
        segments = _segments(item.inlines[0].children or [])
        head = _REPORT_HEAD.match(_plain(segments[0]))
        if head is None:
            return False
        self.numbers[head.group("number")] = item.key
        facts_at, facts_end = _facts_lines(item.inlines[0].content, segments)
        text = "\n".join(_plain(seg) for seg in segments[1:facts_at])
        if text.strip():
            node.text = text
        if facts_at < len(segments):
            facts: list[Token] = []
            for seg in segments[facts_at : facts_end + 1]:
                if facts:
                    facts.append(_hardbreak())
                facts.extend(seg)
            self._report_facts(facts, node)
        facts_at = facts_end
        for seg in segments[facts_at + 1 :]:
            line = _plain(seg)
            if match := _NOTE.match(line):
                node.notes.append(exported_note(match.group("text"), match.group("stamp")))
            elif line.startswith("Source: "):
                self.report.warn_grouped(
                    "sources",
                    "citations in a Markdown report are not imported (use the TOML or JSON)",
                    item.line,
                    1,
                )
            elif node.notes:
                last = node.notes[-1]
                node.notes[-1] = NoteData(f"{last.text}\n{line}", last.at, last.by)
        if head.group("weight"):
            node.weight = exported_weight(head.group("weight"), self.report, item.line, 1)
        credence = float(head.group("credence"))
        if is_credence(credence):
            node.credence = credence
        else:
            self.report.warn(f"credence {head.group('credence')} is not 0-1; ignored", item.line, 1)
        # The report's numbers say where a claim hangs, also below its 20 nested list levels;
        # they are resolved once every item is read (a parent closes after its children).
        number = head.group("number")
        if "." in number:
            stance: Stance = "con" if head.group("con") else "part" if head.group("part") else "pro"
            self._numbered.append((item.line, item.key, number.rpartition(".")[0], stance))
        return True

    def _report_facts(self, tokens: list[Token], node: Node) -> None:
        """``*by X* · #tag #tag · id `x` · see 1.2, 3``."""
        rest: list[Token] = []
        depth = 0
        for index, token in enumerate(tokens):
            if token.type == "em_open":
                depth += 1
                if depth == 1:
                    held = _plain(tokens[index + 1 : _closing(tokens, index)])
                    node.by = held[3:] if held.startswith("by ") else held
                continue
            if token.type == "em_close":
                depth -= 1
                continue
            if depth:
                continue
            if token.type == "code_inline":
                node.hint, node.keep_id = token.content, True
                continue
            rest.append(token)
        for fact in _plain(rest).split(" · "):
            fact = fact.strip()
            if fact.startswith("#"):
                node.tags.extend(tag for tag in fact[1:].split(" #") if tag)
            elif fact.startswith("see "):
                self._pending.append((str(node.key), [n.strip() for n in fact[4:].split(",")]))

    def _links(self) -> None:
        for line, key, parent_number, stance in sorted(self._numbered):
            parent = self.numbers.get(parent_number)
            if parent is None:
                self.report.warn(f"claim {parent_number} is not in this report", line, 1)
            else:
                self.graph.relate(key, parent, stance, line, 1)
        for key, numbers in self._pending:
            for number in numbers:
                target = self.numbers.get(number)
                if target is not None:
                    self.graph.link(key, target)
                else:
                    self.report.warn(
                        f"'see {number}' names no claim in this report", self.graph.nodes[key].line
                    )


def _is_report(tokens: list[Token]) -> bool:
    """Whether this is debate's own Markdown report: a ``## Claims`` list of numbered heads."""
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            if _plain(tokens[index + 1].children or []) != "Claims":
                continue
            for later in itertools.islice(tokens, index + 3, None):
                if later.type == "inline":
                    return bool(_REPORT_HEAD.match(_plain(_segments(later.children or [])[0])))
            return False
    return False


_FACTS_START = re.compile(r"^(?:\*by |#|id `)")
_ID_CODE = re.compile(r"(?:^|[^\\])id `")


def _facts_lines(raw: str, segments: list[list[Token]]) -> tuple[int, int]:
    """Where a report item's facts line (holder, tags, id, see) starts and ends.

    Decided on the raw Markdown: the report escapes ``*``, ``#`` and backticks in claim text,
    so only the facts line starts with ``*by``, ``#`` or ``id ``` unescaped. A holder or tag
    with line breaks spreads the facts over several lines, up to the one with the id.
    """
    lines = raw.split("\n")
    if len(lines) != len(segments):  # not laid out as the report lays it out
        lines = ["" for _ in segments]
    start = next(
        (i for i in range(1, len(lines)) if _FACTS_START.match(lines[i])),
        next(
            (
                i
                for i, seg in enumerate(segments[1:], 1)
                if any(t.type == "code_inline" for t in seg)
            ),
            len(segments),
        ),
    )
    end = next((i for i in range(start, len(lines)) if _ID_CODE.search(lines[i])), start)
    return start, end


def _has_code(tokens: list[Token]) -> bool:
    return any(token.type == "code_inline" for token in tokens)


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """Inline tokens split at hard line breaks (one report line each)."""
    out: list[list[Token]] = [[]]
    for token in tokens:
        if token.type == "hardbreak":
            out.append([])
        else:
            out[-1].append(token)
    return out


def _closing(tokens: list[Token], index: int) -> int:
    depth = 0
    for position in range(index, len(tokens)):
        if tokens[position].type == "em_open":
            depth += 1
        elif tokens[position].type == "em_close":
            depth -= 1
            if depth == 0:
                return position
    return len(tokens)


def _closing_block(tokens: list[Token], index: int) -> int:
    """The index of the token closing the block opened at ``index`` (its contents skipped)."""
    level = tokens[index].level
    closing = tokens[index].type.replace("_open", "_close")
    for position in range(index + 1, len(tokens)):
        if tokens[position].type == closing and tokens[position].level == level:
            return position
    return len(tokens) - 1


def _plain(tokens: list[Token]) -> str:
    """Inline tokens as plain text: emphasis markers dropped, links as ``text (url)``."""
    out: list[str] = []
    link_start: list[tuple[int, str]] = []
    for token in tokens:
        kind = token.type
        if kind == "text" or kind == "html_inline":
            out.append(token.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "code_inline":
            out.append(f"`{token.content}`")
        elif kind == "image":
            out.append(_plain(token.children or []) or token.content)
        elif kind == "link_open":
            link_start.append((len(out), str(token.attrs.get("href", ""))))
        elif kind == "link_close" and link_start:
            start, href = link_start.pop()
            label = "".join(out[start:])
            if href and href != label and f"mailto:{label}" != href:
                out.append(f" ({href})")
    return "".join(out)


def _hardbreak() -> Token:
    return Token("hardbreak", "br", 0)
