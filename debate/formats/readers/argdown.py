"""Argdown as people write it: statements, arguments, relations and reconstructions.

The reader follows the official Argdown parser's rules (its lexer and model plugin) where
they decide what a document means, and is tolerant where the official parser would refuse:

- YAML front matter between ``===`` lines: ``title``, ``subTitle``/``description``, ``author``
  become the map's; ``model: {mode: strict}`` or ``loose`` changes no stance (support and
  entailment are pro; attack, contrariness and contradiction are con).
- ``//`` line comments, ``/* */`` and ``<!-- -->`` block comments (also mid-line; ``//`` in a
  bare URL starts a comment, as in Argdown: put URLs in ``[text](url)`` links).
- Statements ``[Title]: text`` (text may run over several lines), references ``[Title]``,
  untitled statements; statements with the same title are one claim (an equivalence class):
  the last text wins, as in Argdown, and other wordings are kept as notes.
- Arguments ``<Title>: description`` and ``<Title>``; a claim whose text is the description
  (or the title).
- Relations under an element, by indentation: ``+``/``<+`` support, ``-``/``<-`` attack,
  ``_``/``<_`` undercut, and the outgoing forms ``+>``, ``->``, ``_>``; ``><`` contradiction.
  An undercut attacks the argument (or statement) it hangs under.
- Premise–conclusion structures ``(1) ... ---- (n) ...`` after an argument: the premises are
  pro children of the argument, the argument is a pro child of its main conclusion, and an
  intermediate conclusion gets the premises of its own inference. Relations an argument with
  a reconstruction makes to other claims are its conclusion's (Argdown's rule). A structure
  with no argument above it hangs its premises under the conclusion directly.
- ``#`` headings are groups: every claim defined under one gets the heading as a tag.
  ``#tag`` and ``#(tag with spaces)`` become tags (and leave the text).
- ``{...}`` data (YAML): ``weight``, ``credence``, ``by``, ``tags``, ``links``, ``cite``,
  ``notes``, ``text``, ``stance`` (debate's own export writes these); other keys are dropped
  with one warning per key.
- Lists ``* [A]: text`` and ``1. [A]: text`` are top-level statements.

What the reader cannot make sense of is skipped with a warning; only a file cut off inside
its front matter, a block comment or a data block is an error.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from debate.formats.readers.common import (
    ImportResult,
    LineIndex,
    Report,
    SourceText,
    line_col,
)
from debate.formats.readers.graph import Graph, Key, Node
from debate.model import Citation, Note, Stance

# ------------------------------------------------------------------------------ patterns

_LINK = re.compile(r"\[[^\]\n]+?\]\([^)\n]+?\)")
_ATOM = re.compile(
    r"\[[^\]\n]+?\]\([^)\n]+?\)|\[[^-\n][^\n]*?\]|<(?!!--)[^-\n][^\n]*?>|#\([^)\n]+\)"
)
_SPECIAL = re.compile(r"[\\\n/<\[#{]")
_BRACE_OR_QUOTE = re.compile(r"[{}\"']")
_DOUBLE_QUOTED = re.compile(r'(?:[^"\\]|\\.)*"', re.S)
_SINGLE_QUOTED = re.compile(r"(?:[^']|'')*'", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_DATA_MARK = re.compile(r"\x00(\d+)\x00")
_TAG = re.compile(
    r"(?<!\\)#(?:\(([^)\n]+)\)|([A-Za-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))"
)
_ESCAPE = re.compile(r"\\(.)")
_HEADING = re.compile(r"^(#+)\s+(.*)$")
_PCS = re.compile(r"^(\s*)\((\d+)\)\s*(.*)$")
_INFERENCE = re.compile(r"^(\s*)--(.*)$")
_RELATION = re.compile(r"^(\s*)(\+>|->|_>|<\+|<-|<_|><|\+|-|_(?=\s))\s*(.*)$")
_LIST = re.compile(r"^(\s*)(?:\d+\.|\*)(?=\s)\s*(.*)$")
_STATEMENT_DEF = re.compile(r"^\[(.+?)\]:\s*(.*)$")
_STATEMENT_REF = re.compile(r"^\[([^-].*?)\](?!\()\s*(.*)$")
_ARGUMENT_DEF = re.compile(r"^<(.+?)>:\s*(.*)$")
_ARGUMENT_REF = re.compile(r"^<([^-].*?)>\s*(.*)$")

# relation marker -> (stance of the edge, does the child bear on the parent?, label)
_RELATIONS: dict[str, tuple[Stance, bool, str]] = {
    "+": ("pro", True, "supports"),
    "<+": ("pro", True, "supports"),
    "-": ("con", True, "attacks"),
    "<-": ("con", True, "attacks"),
    "_": ("con", True, "undercuts"),
    "<_": ("con", True, "undercuts"),
    "+>": ("pro", False, "supports"),
    "->": ("con", False, "attacks"),
    "_>": ("con", False, "undercuts"),
    "><": ("con", True, "contradicts"),
}

_DATA_FIELDS = {"weight", "credence", "by", "tags", "links", "cite", "notes", "text", "stance"}
_DATA_IGNORED = {"strength", "isCanonical"}
_FRONT_FIELDS = {"title", "subTitle", "description", "abstract", "author"}


# ------------------------------------------------------------------------------ stage 1: text


@dataclass
class _Line:
    text: str
    number: int
    col_shift: int = 0


@dataclass
class _Data:
    raw: str
    line: int
    col: int


def _front_matter(text: str, report: Report) -> tuple[dict[str, Any], str]:
    """The YAML between the opening ``===`` and the next ``===``; that part blanked out."""
    stripped = text.lstrip()
    if not stripped.startswith("==="):
        return {}, text
    start = len(text) - len(stripped)
    body_start = start + len(re.match(r"=+", stripped).group())  # type: ignore[union-attr]
    close = re.compile(r"===+").search(text, body_start)
    line, col = line_col(text, start)
    if close is None:
        raise report.error(
            "front matter opened here is never closed with === (truncated file?)", line, col
        )
    raw = text[body_start : close.start()]
    blanked = text[:start] + re.sub(r"[^\n]", " ", text[start : close.end()]) + text[close.end() :]
    import yaml

    try:
        loaded = _yaml(raw) if raw.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = line + (mark.line if mark else 0)
        report.warn(f"front matter is not valid YAML ({_yaml_reason(error)}); ignored", at, 1)
        return {}, blanked
    if not isinstance(loaded, dict):
        report.warn("front matter is not a YAML mapping; ignored", line, col)
        return {}, blanked
    return loaded, blanked


def _scan(text: str, report: Report) -> tuple[list[_Line], list[_Data]]:
    """Logical lines with comments removed and data blocks replaced by ``\\x00N\\x00``.

    A data block or block comment may span lines; what follows it continues the same logical
    line, which keeps the physical number it started on. A line that held only comments
    disappears (it does not separate paragraphs, as in Argdown).
    """
    lines: list[_Line] = []
    datas: list[_Data] = []
    buffer: list[str] = []
    number = 1
    start_number = 1
    had_comment = False
    index = 0
    length = len(text)
    locate = LineIndex(text)

    def emit() -> None:
        content = "".join(buffer)
        if content.strip() or not had_comment:
            lines.append(_Line(content, start_number))

    while index < length:
        special = _SPECIAL.search(text, index)
        if special is None:
            buffer.append(text[index:])
            break
        if special.start() > index:
            buffer.append(text[index : special.start()])
            index = special.start()
        char = text[index]
        if char == "\\" and index + 1 < length and text[index + 1] != "\n":
            buffer.append(text[index : index + 2])
            index += 2
        elif char == "\n":
            emit()
            buffer.clear()
            had_comment = False
            number += 1
            start_number = number
            index += 1
        elif text.startswith("//", index):
            end = text.find("\n", index)
            index = length if end < 0 else end
            had_comment = True
        elif text.startswith("/*", index) or text.startswith("<!--", index):
            closer = "*/" if char == "/" else "-->"
            end = text.find(closer, index + 2)
            if end < 0:
                line, col = line_col(text, index)
                raise report.error(
                    f"comment opened here is never closed with {closer} (truncated file?)",
                    line,
                    col,
                )
            number += text.count("\n", index, end)
            index = end + len(closer)
            had_comment = True
        elif char in "[<#" and (atom := _ATOM.match(text, index)):
            # Links, titles and tags are single tokens in Argdown: a "//" or "{" inside
            # them starts no comment or data block.
            buffer.append(atom.group())
            index = atom.end()
        elif char == "{":
            closing = _closing_brace(text, index)
            line, col = locate(index)
            if closing is None:
                if not _BLANK_LINE.search(text, index):
                    raise report.error(
                        "data block opened here is never closed with } (truncated file?)",
                        line,
                        col,
                    )
                report.warn("a '{' that opens no data block; read as text", line, col)
                buffer.append("{")
                index += 1
                continue
            datas.append(_Data(text[index : closing + 1], line, col))
            buffer.append(f"\x00{len(datas) - 1}\x00")
            number += text.count("\n", index, closing)
            index = closing + 1
        else:
            buffer.append(char)
            index += 1
    emit()
    return lines, datas


def _starts_scalar(text: str, start: int, at: int) -> bool:
    """Whether a quote at ``at`` opens a YAML string: only where a scalar may start."""
    before = at - 1
    while before > start and text[before] in " \t\n":
        before -= 1
    return text[before] in "{[,:"


def _closing_brace(text: str, start: int) -> int | None:
    """Index of the ``}`` closing the ``{`` at ``start`` (YAML quotes respected), or None."""
    depth = 0
    index = start
    while True:
        found = _BRACE_OR_QUOTE.search(text, index)
        if found is None:
            return None
        char = found.group()
        index = found.end()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return found.start()
        elif _starts_scalar(text, start, found.start()):
            # A quote opens a string only where a YAML scalar starts ("it's" is just text).
            end = (_DOUBLE_QUOTED if char == '"' else _SINGLE_QUOTED).match(text, index)
            if end is None:
                return None
            index = end.end()


# --------------------------------------------------------------------------- stage 2: model


@dataclass
class _Member:
    """One occurrence of a statement or argument in the text."""

    text: str
    line: int
    col: int
    reference: bool
    section: str | None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Entity:
    """An equivalence class (statement) or an argument: one claim-to-be."""

    key: Key
    kind: str  # "statement" or "argument"
    title: str | None
    line: int
    col: int
    members: list[_Member] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    conclusion: Key | None = None
    inference_notes: list[str] = field(default_factory=list)

    def origin(self) -> str:
        if self.title is None:
            return f"line {self.line}"
        return f"[{self.title}]" if self.kind == "statement" else f"<{self.title}>"


@dataclass
class _Relation:
    child: Key
    parent: Key
    marker: str
    line: int
    col: int


@dataclass
class _Pcs:
    """A premise–conclusion structure being read."""

    argument: Key | None
    line: int
    last_number: int = 0
    statements: dict[int, Key] = field(default_factory=dict)
    pending: list[Key] = field(default_factory=list)
    after_inference: bool = False
    deferred: list[tuple[Key, str, int, int]] = field(default_factory=list)
    conclusion: Key | None = None
    steps: list[tuple[list[Key], Key, int]] = field(default_factory=list)


class _Reader:
    def __init__(self, report: Report, datas: list[_Data]) -> None:
        self.report = report
        self.datas = datas
        self.entities: dict[Key, _Entity] = {}
        self.relations: list[_Relation] = []
        self.pcs_edges: list[tuple[Key, Key, int, int]] = []  # premise -> target (pro)
        self.section: str | None = None
        self.untitled = 0
        self.last_top: _Entity | None = None
        self.pcs: _Pcs | None = None

    # -- elements ------------------------------------------------------------------------

    def element(self, content: str, line: int, col: int) -> _Entity:
        """Parse ``[T]: text``, ``[T]``, ``<T>: text``, ``<T>`` or plain text."""
        kind, title, rest, reference = "statement", None, content, False
        if _LINK.match(content):
            pass
        elif match := _STATEMENT_DEF.match(content):
            title, rest = match.group(1), match.group(2)
        elif match := _STATEMENT_REF.match(content):
            title, rest, reference = match.group(1), match.group(2), True
        elif match := _ARGUMENT_DEF.match(content):
            kind, title, rest = "argument", match.group(1), match.group(2)
        elif match := _ARGUMENT_REF.match(content):
            kind, title, rest, reference = "argument", match.group(1), match.group(2), True
        title = _unescape(title).strip() if title is not None else None
        if title:
            key: Key = ("s" if kind == "statement" else "a", title)
        else:
            self.untitled += 1
            key, title = ("u", self.untitled), None
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = _Entity(key, kind, title, line, col)
        entity.members.append(_Member(rest, line, col, reference, self.section))
        return entity

    def continue_text(self, entity: _Entity | None, text: str, line: int) -> None:
        if entity is None or not entity.members:
            self.report.warn("text that belongs to no statement; skipped", line, 1)
            return
        member = entity.members[-1]
        member.text = f"{member.text}\n{text}" if member.text.strip() else text
        member.reference = False

    # -- blocks --------------------------------------------------------------------------

    def block(self, lines: list[_Line]) -> None:
        stack: list[tuple[int, Key | None]] = []  # (indent, relation target); None: inference
        current: _Entity | None = None
        first: _Entity | None = None
        index = 0
        if self.pcs is not None and not (_PCS.match(lines[0].text) and self._continues(lines)):
            self.end_pcs()
        while index < len(lines):
            line = lines[index]
            text, number = line.text, line.number
            if heading := _HEADING.match(text):
                title, _, _ = self.split_text(heading.group(2), number)
                self.end_pcs()
                self.section = title or None
                self.last_top = None
                current, first, stack = None, None, []
            elif pcs_line := _PCS.match(text):
                current = self.pcs_statement(pcs_line, number)
                stack = [(len(pcs_line.group(1)), current.key)]
            elif inference := _INFERENCE.match(text):
                index = self.inference(lines, index, inference)
                stack = [(len(inference.group(1)), None)]
                current = None
            elif relation := _RELATION.match(text):
                indent = len(relation.group(1))
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if stack:
                    target = stack[-1][1]
                elif first is not None:
                    target = first.key
                    self.report.warn(
                        f"a relation not indented under anything; read as one of {first.origin()}",
                        number,
                        indent + 1,
                    )
                else:
                    self.report.warn("a relation with nothing above it; skipped", number, 1)
                    index += 1
                    continue
                current = self.element(relation.group(3), number, indent + 1)
                self.relate(current.key, target, relation.group(2), number, indent + 1)
                stack.append((indent, current.key))
            elif (item := _LIST.match(text)) or current is None:
                indent = len(text) - len(text.lstrip())
                content = item.group(2) if item else text.strip()
                current = self.element(content, number, indent + 1)
                self.top(current)
                first = current
                stack = [(indent, current.key)]
            else:
                self.continue_text(current, text.strip(), number)
            index += 1

    def _continues(self, lines: list[_Line]) -> bool:
        """A blank line inside a premise–conclusion structure: numbering just goes on."""
        assert self.pcs is not None
        match = _PCS.match(lines[0].text)
        return match is not None and int(match.group(2)) == self.pcs.last_number + 1

    def top(self, entity: _Entity) -> None:
        if self.pcs is not None:
            self.end_pcs()
        self.last_top = entity

    def relate(self, child: Key, parent: Key | None, marker: str, line: int, col: int) -> None:
        if parent is None:  # under an inference line: about the argument being reconstructed
            pcs = self.pcs
            if pcs is not None and pcs.argument is not None:
                parent = pcs.argument
            elif pcs is not None:
                pcs.deferred.append((child, marker, line, col))
                return
            else:
                return
        self.relations.append(_Relation(child, parent, marker, line, col))

    # -- premise–conclusion structures ----------------------------------------------------

    def pcs_statement(self, match: re.Match[str], line: int) -> _Entity:
        number = int(match.group(2))
        if self.pcs is None:
            argument = None
            if self.last_top is not None and self.last_top.kind == "argument":
                argument = self.last_top.key
                if self.entities[argument].conclusion is not None:
                    self.report.warn(
                        f"{self.last_top.origin()} already has a reconstruction; this one is "
                        "read as a separate, untitled argument",
                        line,
                        1,
                    )
                    argument = None
            self.pcs = _Pcs(argument, line)
            self.last_top = None
        pcs = self.pcs
        if number != pcs.last_number + 1:
            self.report.warn(
                f"statement ({number}) where ({pcs.last_number + 1}) was expected",
                line,
                len(match.group(1)) + 1,
            )
        pcs.last_number = number
        entity = self.element(match.group(3), line, len(match.group(1)) + 1)
        pcs.statements[number] = entity.key
        if pcs.after_inference:
            premises = pcs.pending
            pcs.conclusion = entity.key
            for child, marker, rline, rcol in pcs.deferred:
                self.relations.append(_Relation(child, entity.key, marker, rline, rcol))
            pcs.deferred.clear()
            # Premises of an intermediate step support that step; the last step is decided
            # when the structure ends (its premises may then belong to the argument).
            pcs.steps.append((premises, entity.key, line))
            pcs.pending = [entity.key]
            pcs.after_inference = False
        else:
            pcs.pending.append(entity.key)
        return entity

    def inference(self, lines: list[_Line], index: int, match: re.Match[str]) -> int:
        """Read ``----`` or ``-- rule, rule {uses: [1, 2]} --`` (possibly over lines)."""
        number = lines[index].number
        rest = match.group(2)
        parts = [rest]
        closed = "--" in rest
        while not closed and index + 1 < len(lines):
            index += 1
            parts.append(lines[index].text)
            closed = "--" in lines[index].text
        body = "\n".join(parts)
        body = body[: body.rfind("--")] if closed else body
        pcs = self.pcs
        if pcs is None:
            self.report.warn("an inference line outside a premise–conclusion structure", number, 1)
            return index
        if not pcs.pending:
            self.report.warn("an inference with no premises above it", number, 1)
        pcs.after_inference = True
        rules, _, _ = self.split_text(body.strip("-"), number)
        rules = rules.strip(" ,")
        if rules and pcs.argument is not None:
            self.entities[pcs.argument].inference_notes.append(f"Inference: {rules}")
        return index

    def end_pcs(self) -> None:
        pcs = self.pcs
        self.pcs = None
        if pcs is None:
            return
        steps = pcs.steps
        if not steps:
            self.report.warn(
                "a premise–conclusion structure without an inference line (----) and "
                "conclusion; its premises support the argument",
                pcs.line,
                1,
            )
            if pcs.argument is not None:
                for premise in pcs.pending:
                    self.pcs_edges.append((premise, pcs.argument, pcs.line, 1))
            return
        if pcs.pending and pcs.pending[-1] != steps[-1][1]:
            self.report.warn(
                "statements after the last conclusion of a premise–conclusion structure; "
                "read as premises of the argument",
                pcs.line,
                1,
            )
        *middle, (last_premises, conclusion, line) = steps
        for premises, step_conclusion, step_line in middle:
            for premise in premises:
                self.pcs_edges.append((premise, step_conclusion, step_line, 1))
        trailing = [key for key in pcs.pending if key != conclusion]
        if pcs.argument is None:
            for premise in last_premises + trailing:
                self.pcs_edges.append((premise, conclusion, line, 1))
            return
        argument = self.entities[pcs.argument]
        argument.conclusion = conclusion
        for premise in last_premises + trailing:
            self.pcs_edges.append((premise, pcs.argument, line, 1))
        self.pcs_edges.append((pcs.argument, conclusion, line, 1))

    # -- text ----------------------------------------------------------------------------

    def split_text(self, raw: str, line: int) -> tuple[str, list[str], list[dict[str, Any]]]:
        """Plain text, tags and data blocks of a statement's raw text."""
        data: list[dict[str, Any]] = []
        for match in _DATA_MARK.finditer(raw):
            loaded = self.load_data(self.datas[int(match.group(1))])
            if loaded is not None:
                data.append(loaded)
        raw = _DATA_MARK.sub(" ", raw)
        tags = [match.group(1) or match.group(2) for match in _TAG.finditer(raw)]
        raw = _TAG.sub(" ", raw)
        text = " ".join(_unescape(raw).split())
        return text, tags, data

    def load_data(self, datum: _Data) -> dict[str, Any] | None:
        import yaml

        try:
            loaded = _yaml(datum.raw)
        except yaml.YAMLError as error:
            self.report.warn(
                f"data block is not valid YAML ({_yaml_reason(error)}); ignored",
                datum.line,
                datum.col,
            )
            return None
        if not isinstance(loaded, dict):
            self.report.warn("data block is not a YAML mapping; ignored", datum.line, datum.col)
            return None
        return loaded


def _yaml(text: str) -> Any:
    """Safe YAML, read the way Argdown's JavaScript parser reads it (YAML 1.2 numbers such as
    ``1e-05``; raw control characters tolerated, which PyYAML otherwise refuses).

    Data written as JSON (debate's own export, and many hand-written blocks) takes the fast
    path: JSON is YAML 1.2, and ``json`` is far faster than PyYAML on 10,000 small blocks.
    """
    import json

    try:
        return json.loads(text)
    except ValueError:
        pass
    import yaml

    return yaml.load(text, Loader=_loader())  # a SafeLoader subclass: no arbitrary objects


@functools.cache
def _loader() -> type:
    import yaml

    class Loader(yaml.SafeLoader):
        def check_printable(self, data: str) -> None:
            pass

    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"),
        list("-+0123456789."),
    )
    return Loader


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def _yaml_reason(error: Exception) -> str:
    problem = getattr(error, "problem", None)
    return str(problem) if problem else type(error).__name__


# ------------------------------------------------------------------------------- reading


def read(source: SourceText) -> ImportResult:
    report = Report(source.name)
    front, text = _front_matter(source.text, report)
    lines, datas = _scan(text, report)
    reader = _Reader(report, datas)
    block: list[_Line] = []
    for line in lines:
        if line.text.strip():
            block.append(line)
        elif block:
            reader.block(block)
            block = []
    if block:
        reader.block(block)
    reader.end_pcs()
    graph = Graph(report)
    _build(graph, reader, report)
    title = _front_text(front, "title")
    description = _front_text(front, "subTitle", "description", "abstract")
    author = _front_text(front, "author")
    return graph.build("argdown", title or source.stem, description, author)


def _front_text(front: dict[str, Any], *keys: str) -> str | None:
    """A front matter value as written (YAML already trimmed what is not part of it)."""
    for key in keys:
        value = front.get(key)
        if isinstance(value, str | int | float) and str(value) != "":
            return str(value)
    return None


def _build(graph: Graph, reader: _Reader, report: Report) -> None:
    pending_links: list[tuple[Key, list[Any], int]] = []
    stances: dict[Key, str] = {}
    for key, entity in reader.entities.items():
        node = _node(graph, entity, reader, report, pending_links)
        if isinstance(entity.data.get("stance"), str):
            stances[key] = entity.data["stance"]
        graph.add(node)
    edges: list[tuple[int, int, Key, Key, Stance, str, int]] = []
    for order, relation in enumerate(reader.relations):
        stance, child_bears, label = _RELATIONS[relation.marker]
        child, parent = relation.child, relation.parent
        if not child_bears:
            child, parent = parent, child
        if stance == "pro" and stances.get(child) == "part":
            stance = "part"
        conclusion = reader.entities[child].conclusion
        if conclusion is not None:  # a reconstructed argument's relations are its conclusion's
            if conclusion == parent:
                continue
            child = conclusion
        edges.append((relation.line, order, child, parent, stance, label, relation.col))
    for order, (child, parent, line, col) in enumerate(reader.pcs_edges):
        stance = "part" if stances.get(child) == "part" else "pro"
        edges.append((line, len(reader.relations) + order, child, parent, stance, "supports", col))
    for line, _, child, parent, stance, label, col in sorted(edges, key=lambda e: (e[0], e[1])):
        graph.relate(child, parent, stance, line, col, label)
    for key, targets, line in pending_links:
        for target in targets:
            name = str(target)
            found = next(
                (k for k in (("s", name), ("a", name)) if k in graph.nodes),
                None,
            )
            if found is None:
                report.warn(f"link to {name!r}, which is no statement or argument here", line)
            else:
                graph.link(key, found)


def _node(
    graph: Graph,
    entity: _Entity,
    reader: _Reader,
    report: Report,
    pending_links: list[tuple[Key, list[Any], int]],
) -> Node:
    texts: list[tuple[str, _Member]] = []
    canonical: tuple[str, _Member] | None = None
    for member in entity.members:
        text, tags, data = reader.split_text(member.text, member.line)
        entity.tags.extend(tags)
        for datum in data:
            _merge(entity.data, datum)
            member.data.update(datum)
        if text and not member.reference:
            texts.append((text, member))
            if member.data.get("isCanonical") is True:
                canonical = (text, member)
    chosen = canonical or (texts[-1] if texts else None)
    exact = entity.data.get("text")
    if isinstance(exact, str) and exact:
        text = exact
    elif chosen is not None:
        text = chosen[0]
    else:
        text = entity.title or "(no text)"
    tags = list(entity.tags)
    section = _section(entity)
    if section:
        tags.insert(0, section)
    node = Node(
        entity.key,
        text,
        entity.line,
        entity.col,
        hint=entity.title,
        keep_id=entity.title is not None,
        origin=entity.origin(),
        tags=tags,
    )
    others = list(dict.fromkeys(t for t, _ in texts if chosen is None or t != chosen[0]))
    node.notes += [Note(text=f"Also stated as: {other}") for other in others]
    node.notes += [Note(text=note) for note in entity.inference_notes]
    _apply_data(graph, node, entity, report, pending_links)
    return node


def _section(entity: _Entity) -> str | None:
    """The heading over the claim's first definition (else its first mention): its group."""
    defining = next((m for m in entity.members if not m.reference), entity.members[0])
    return defining.section


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    """Deep merge, later wins (lodash.merge, as Argdown merges a statement's data)."""
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _apply_data(
    graph: Graph,
    node: Node,
    entity: _Entity,
    report: Report,
    pending_links: list[tuple[Key, list[Any], int]],
) -> None:
    data = entity.data
    line = entity.line
    for key in data:
        if key not in _DATA_FIELDS and key not in _DATA_IGNORED:
            report.warn_grouped(
                f"data:{key}", f"data key {key!r} has no place in a debate map; dropped", line
            )
    weight = data.get("weight")
    if weight is not None:
        if isinstance(weight, int) and not isinstance(weight, bool) and 0 <= weight <= 4:
            node.weight = weight
        else:
            report.warn(f"{node.origin}: weight {weight!r} is not 0-4; ignored", line)
    credence = data.get("credence")
    if credence is not None:
        if isinstance(credence, int | float) and not isinstance(credence, bool):
            if 0 <= credence <= 1:
                node.credence = float(credence)
            else:
                report.warn(f"{node.origin}: credence {credence!r} is not 0-1; ignored", line)
        else:
            report.warn(f"{node.origin}: credence {credence!r} is not a number; ignored", line)
    if isinstance(data.get("by"), str) and data["by"]:
        node.by = data["by"]
    tags = data.get("tags")
    if isinstance(tags, list):
        # Data tags come first: debate's export lists every tag there, in order, when some
        # cannot be spelled as #tags; tags from the text that the data lacks follow.
        listed = [str(tag) for tag in tags if str(tag)]
        section = node.tags[:1] if entity.members and _section(entity) else []
        rest = [tag for tag in node.tags[len(section) :] if tag not in listed]
        node.tags = section + listed + rest
    links = data.get("links")
    if isinstance(links, list):
        pending_links.append((node.key, links, line))
    cites = data.get("cite")
    for cite in cites if isinstance(cites, list) else [cites] if cites else []:
        if isinstance(cite, dict) and cite.get("source"):
            node.cite.append(
                Citation(
                    source=graph.add_source(str(cite["source"])),
                    quote=_optional_str(cite.get("quote")),
                    locator=_optional_str(cite.get("locator")),
                )
            )
        else:
            report.warn(f"{node.origin}: a citation without a source; ignored", line)
    notes = data.get("notes")
    for note in notes if isinstance(notes, list) else [notes] if notes else []:
        if isinstance(note, str) and note:
            node.notes.append(Note(text=note))
        elif isinstance(note, dict) and str(note.get("text", "")):
            node.notes.append(
                Note(
                    text=str(note["text"]),
                    at=_moment(note.get("at")),
                    by=_optional_str(note.get("by")),
                )
            )
        else:
            report.warn(f"{node.origin}: a note without text; ignored", line)


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _moment(value: Any) -> datetime | date | None:
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            return None
    return None
