"""Show what changed between two versions of a map, claim by claim.

    debate diff OLD NEW                  claims added, removed, moved, reworded (word diff),
                                         restanced, reweighted; notes, tags, links, sources,
                                         perspectives; how each root's verdict moved
    debate diff --textconv FILE          one line per fact, for git's diff.debate.textconv
    debate diff PATH OLD OLD-HEX OLD-MODE NEW NEW-HEX NEW-MODE
                                         git's external diff form (diff.debate.command)

OLD or NEW may be /dev/null (a map that does not exist yet). `debate git-setup` configures
git to use both forms; see docs/GIT.md. In git's forms a file that is not a valid map falls
back to a plain line diff instead of failing. Exit status is 0, or with --exit-code 1 when
the maps differ.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from debate.commands import add_plain_argument

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from debate.diff import ClaimDiff, EntryDiff, MapDiff, ValueChange, VerdictMove
    from debate.model import ArgumentMap

NULL = "/dev/null"
GIT_FORMS = (7, 9)
"""git calls an external diff with 7 arguments, or 9 when it detected a rename."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="FILE", help="OLD NEW, or git's 7 external-diff arguments"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the differences as JSON")
    output.add_argument(
        "--textconv",
        action="store_true",
        help="print one map (FILE) as a line-per-fact outline, for git's textconv",
    )
    add_plain_argument(parser)
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour output (auto: on a terminal or in git's pager, unless NO_COLOR)",
    )
    parser.add_argument(
        "--no-verdicts", action="store_true", help="do not score the maps (faster on huge maps)"
    )
    parser.add_argument(
        "--exit-code", action="store_true", help="exit with 1 when the maps differ, like diff(1)"
    )


def run(args: argparse.Namespace) -> int:
    paths: list[str] = args.paths
    if args.textconv:
        if len(paths) != 1:
            return _usage("--textconv takes exactly one FILE")
        return _textconv(paths[0], verdicts=not args.no_verdicts)
    if len(paths) in GIT_FORMS:
        return _git_diff(args, paths)
    if len(paths) == 1:
        import os

        if "GIT_DIFF_PATH_TOTAL" in os.environ:  # git's call for an unmerged path
            from debate.display import visible

            print(f"* Unmerged path {visible(paths[0])}")
            return 0
        return _usage("expected OLD NEW (two files), or git's seven external-diff arguments")
    if len(paths) != 2:
        return _usage(f"expected OLD NEW (two files), got {len(paths)} arguments")
    from debate.diff import diff_maps
    from debate.perf import collector_paused

    old, new = _load(paths[0]), _load(paths[1])
    with collector_paused():  # scores and comparisons of two big maps: no cycles among them
        result = diff_maps(old, new, verdicts=not args.no_verdicts)
    _print(args, result, (paths[0], paths[1]))
    return 1 if args.exit_code and result.changed else 0


def _usage(message: str) -> int:
    import sys

    print(f"debate diff: {message}", file=sys.stderr)
    return 2


def _load(path: str) -> ArgumentMap:
    from debate.commands import load
    from debate.diff import empty_map

    if path == NULL:
        return empty_map()
    return load(path).argmap


def _textconv(path: str, verdicts: bool) -> int:
    """Never fails: git aborts the whole diff if a textconv does, so bad maps show as text."""
    import sys

    from debate.diff import outline
    from debate.errors import MapError

    try:
        lines = outline(_load(path), verdicts=verdicts)
    except MapError as error:
        first = str(error).splitlines()[0]
        sys.stdout.write(f"# debate: not a valid map ({first}); showing the raw text\n")
        sys.stdout.writelines(_shown_lines(path))
        return 0
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _shown_lines(path: str) -> list[str]:
    """A file's text for the line-diff fallbacks, safe for a terminal: git shows it in a pager.

    The file is not a valid map, so nothing about it is trusted: every character that
    :func:`debate.display.visible` covers becomes a visible stand-in, and lines break at
    ``\n`` (or ``\r\n``) only. Empty when it is not a regular file (a FIFO or /dev/zero
    would hang or fill memory) or too large.
    """
    from debate.display import visible
    from debate.files import FileReadError, read_regular_file

    try:
        data, _ = read_regular_file(path)
    except FileReadError:
        return []
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return visible(text).splitlines(keepends=True)  # after visible, only "\n" breaks a line


def _git_diff(args: argparse.Namespace, paths: list[str]) -> int:
    """git's external diff: PATH OLD OLD-HEX OLD-MODE NEW NEW-HEX NEW-MODE [NEW-PATH INFO]."""
    from debate.diff import diff_maps
    from debate.errors import MapError

    path, old_file, new_file = paths[0], paths[1], paths[4]
    new_path = paths[7] if len(paths) == 9 else path
    title = (f"a/{path}", f"b/{new_path}")
    try:
        old, new = _load(old_file), _load(new_file)
    except MapError as error:
        _text_fallback(args, title, old_file, new_file, str(error).splitlines()[0])
        return 0
    _print(args, diff_maps(old, new, verdicts=not args.no_verdicts), title, git=True)
    return 0


def _text_fallback(
    args: argparse.Namespace, title: tuple[str, str], old_file: str, new_file: str, why: str
) -> None:
    """A side is not a valid map (a half-edited file, a merge in progress): a line diff."""
    import difflib
    import sys

    from debate.display import visible

    def read(file: str) -> list[str]:
        return [] if file == NULL else _shown_lines(file)

    old, new = (visible(name) for name in title)
    sys.stdout.write(f"debate diff {old} {new}\n# not a valid map ({why}); line diff follows\n")
    sys.stdout.writelines(difflib.unified_diff(read(old_file), read(new_file), "a", "b", n=3))


def _print(
    args: argparse.Namespace, result: MapDiff, title: tuple[str, str], git: bool = False
) -> None:
    if args.json:
        import json
        import sys

        from debate.display import safe_json

        sys.stdout.write(safe_json(json.dumps(result.to_json(), indent=2, ensure_ascii=False)))
        sys.stdout.write("\n")
        return
    out = _console(args, git)
    renderer = Renderer(plain=args.plain, color=out.color_system is not None)
    for line in renderer.lines(result, title):
        out.print(line, soft_wrap=True)  # one line per fact: grep-able, never re-wrapped


def _console(args: argparse.Namespace, git: bool) -> Console:
    """The shared console, except that colour follows --color and git's pager."""
    import os

    from debate.commands import console

    out = console(plain=args.plain)
    wants = args.color == "always" or (
        args.color == "auto" and git and os.environ.get("GIT_PAGER_IN_USE") == "true"
    )
    no_color = args.plain or args.color == "never" or os.environ.get("NO_COLOR", "") != ""
    if wants and not no_color:
        from rich.console import Console

        out = Console(
            file=out.file,
            force_terminal=True,
            highlight=False,
            emoji=False,
            markup=False,
            width=out.width,
        )
    elif args.color == "never":
        from rich.console import Console

        out = Console(
            file=out.file, no_color=True, color_system=None, highlight=False, markup=False
        )
    return out


class Renderer:
    """A :class:`~debate.diff.MapDiff` as lines of rich text.

    With colour, removed words are red and struck through and added ones green; without
    (``--plain``, ``NO_COLOR``, a pipe) word changes are marked ``[-old-]{+new+}`` as in
    ``git diff --word-diff`` so nothing depends on colour. ``--plain`` also uses ASCII arrows.
    """

    def __init__(self, plain: bool = False, color: bool = True) -> None:
        self.plain = plain
        self.color = color and not plain
        self.arrow = " -> " if plain else " → "

    def lines(self, result: MapDiff, title: tuple[str, str]) -> list[Text]:
        from rich.text import Text

        from debate.display import visible

        old, new = (visible(name) for name in title)
        lines = [Text(f"debate diff {old}{self.arrow}{new}", style="bold")]
        if not result.changed:
            lines.append(Text("no changes to the map's content (layout or comments only)"))
        if result.verdicts:
            lines.append(Text("verdicts", style="bold underline"))
            width = max(len(_verdict_label(move)) for move in result.verdicts)
            lines += [self.verdict(move, width) for move in result.verdicts]
        if result.claims:
            counts = ", ".join(f"{n} {status}" for status, n in result.counts().items() if n)
            lines.append(Text(f"claims: {counts}", style="bold underline"))
            for claim in result.claims:
                lines += self.claim(claim)
        for heading, entries in (
            ("perspectives", result.perspectives),
            ("sources", result.sources),
        ):
            if entries:
                lines.append(Text(heading, style="bold underline"))
                for entry in entries:
                    lines += self.entry(entry)
        if result.map:
            lines.append(Text("map", style="bold underline"))
            lines += [self.value("  ", change) for change in result.map]
        return lines

    # ------------------------------------------------------------------ pieces

    def verdict(self, move: VerdictMove, width: int = 0) -> Text:
        from rich.text import Text

        from debate.display import one_line

        label = _verdict_label(move)
        line = Text("  ")
        if move.perspective is not None:
            line.append(label[: label.index("]") + 1], style="magenta")
            line.append(label[label.index("]") + 1 :], style="bold")
        else:
            line.append(label, style="bold")
        line.append(" " * (width - len(label) + 2))
        delta = move.delta
        if move.old is None:
            line.append(f"new root: {move.new:.3f}", style="green")
        elif move.new is None:
            line.append(f"no longer a root (was {move.old:.3f})", style="red")
        elif delta is not None and not move.moved:
            line.append(f"{move.new:.3f} (unchanged)", style="dim")
        else:
            assert delta is not None
            line.append(f"{move.old:.3f}{self.arrow}{move.new:.3f} ")
            line.append(f"({delta:+.3f})", style="green" if delta > 0 else "red")
        line.append(f"  {one_line(move.text, 60)}", style="dim")
        return line

    def claim(self, claim: ClaimDiff) -> list[Text]:
        from rich.text import Text

        from debate.display import one_line

        head = _status_head(claim.id, claim.status)
        if claim.status != "changed":
            where = f"{claim.stance or 'pro'} of {claim.parent}" if claim.parent else "root"
            facts = [where]
            weight = next((c for c in claim.values if c.field == "weight"), None)
            if weight is not None:
                facts.append(f"weight {weight.new if claim.status == 'added' else weight.old}")
            head.append(f" ({', '.join(facts)})", style="dim")
        head.append("  ")
        head.append(one_line(claim.text, None if claim.status != "changed" else 70))
        lines = [head]
        if claim.status != "changed":
            return lines
        for change in claim.values:
            if change.field == "text":
                lines.append(self.words(claim))
            else:
                lines.append(self.value("      ", change))
        for items in claim.items:
            name = _name(items.field)
            for prefix, values, item_style in (
                ("+", items.added, "green"),
                ("-", items.removed, "red"),
            ):
                for value in values:
                    line = Text(f"      {name}: ")
                    line.append(f"{prefix}{_show_item(items.field, value)}", style=item_style)
                    lines.append(line)
        return lines

    def words(self, claim: ClaimDiff) -> Text:
        from rich.text import Text

        from debate.display import visible

        line = Text("      reworded: ")
        for op, text in claim.words:
            shown = visible(text).replace("\n", "\\n")
            if op == "=":
                line.append(shown)
            elif self.color:
                line.append(shown, style="red strike" if op == "-" else "green")
            else:
                line.append(f"[-{shown}-]" if op == "-" else f"{{+{shown}+}}")
        return line

    def value(self, indent: str, change: ValueChange) -> Text:
        from rich.text import Text

        show = _show_id if change.field == "parent" else _show
        line = Text(f"{indent}{_name(change.field)}: ")
        line.append(show(change.old), style="red")
        line.append(self.arrow)
        line.append(show(change.new), style="green")
        return line

    def entry(self, entry: EntryDiff) -> list[Text]:

        head = _status_head(entry.id, entry.status)
        if entry.status != "changed":
            head.append(f" ({entry.status})", style="dim")
        return [head, *(self.value("      ", change) for change in entry.values)]


def _verdict_label(move: VerdictMove) -> str:
    from debate.display import one_line

    if move.perspective is None:
        return move.root
    return f"[{one_line(move.perspective)}] {move.root}"


def _name(field: str) -> str:
    from debate.diff import CHANGE_NAMES

    return CHANGE_NAMES.get(field, field)


def _show_item(field: str, value: Any) -> str:
    """A tag, link, note or recorded conflict, in words rather than as a table."""
    if field == "links":
        return _show_id(value)
    if field == "notes" and isinstance(value, dict):
        extra = [f"{key} {_show(value[key])}" for key in ("by", "at") if key in value]
        return _show(value.get("text")) + (f" ({', '.join(extra)})" if extra else "")
    if field == "conflicts" and isinstance(value, dict):
        from debate.display import one_line
        from debate.merge import describe_conflict
        from debate.model import Conflict

        return one_line(describe_conflict(Conflict.model_validate(value)))
    return _show(value)


def _show_id(value: Any) -> str:
    """Claim ids need no quotes: they are letters, digits, '-' and '_'."""
    from debate.display import one_line

    return "none (a root)" if value is None else one_line(str(value))


def _show(value: Any) -> str:
    """A value for the terminal: unset, numbers bare, text quoted, tables as key=value."""
    from debate.display import one_line

    if value is None:
        return "unset"
    if isinstance(value, str):
        return f'"{one_line(value)}"'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}={_show(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_STATUS_MARKS = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}


def _status_head(key: str, status: str) -> Text:
    """``  + id`` in the status's colour: the first line of a claim's or an entry's change."""
    from rich.text import Text

    mark, style = _STATUS_MARKS[status]
    head = Text(f"  {mark} ", style=style)
    head.append(key, style=f"bold {style}")
    return head
