"""Merge two versions of a map against their common ancestor, claim by claim: git's merge driver.

    debate merge BASE OURS THEIRS [-o OUT] [--name PATH]

Edits to different claims, or to different fields of one claim, never conflict; notes, tags
and links from both sides are kept. A true conflict keeps ours' value and records ours,
theirs and base in a [[claims.ID.conflicts]] block of the merged map. Ours' comments and
layout are kept. Without -o the merged map is printed.

As a git merge driver (`debate git-setup` writes this):
    merge.debate.driver = debate merge %O %A %B -o %A --name %P

Exit status: 0 merged cleanly; 1 merged with conflicts recorded in the file; 2 not merged
(a side is not a valid map, or a bug): the output then holds ours, base and theirs whole
between <<<<<<< markers, so it can never pass for a merge that dropped a side.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debate.model import ArgumentMap
    from debate.store import LoadedMap

CLEAN, CONFLICTS, FAILED = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the common ancestor (may be empty)")
    parser.add_argument("ours", metavar="OURS", help="our version; its layout is kept")
    parser.add_argument("theirs", metavar="THEIRS", help="their version")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write the merged map here (git: %%A)"
    )
    parser.add_argument(
        "--name",
        metavar="PATH",
        help="the map's path in the repository, used in messages (git: %%P)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        return _merge(args)
    except Exception as error:  # a bug here must not leave git a clean-looking "ours"
        name = args.name or args.output or args.ours
        return _not_merged(
            args, f"{name}: internal error ({type(error).__name__}: {error}), please report it"
        )


def _merge(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.display import visible, visible_name
    from debate.errors import MapError, Problem
    from debate.merge import MergeError, merge_maps

    # git's %P is a path from the repository, which may be hostile: shown as data
    name = visible_name(args.name or args.output or args.ours)
    sides: dict[str, LoadedMap] = {}
    for side in ("base", "ours", "theirs"):
        path = getattr(args, side)
        try:
            sides[side] = _load(path, allow_empty=side == "base")
        except MapError as error:
            first = error.problems[0]
            label = f"{name} ({side})" if args.name else visible_name(path)
            shown = Problem(label, first.message, first.line, first.col, first.where)
            more = len(error.problems) - 1
            extra = f" (+{more} more problem{'s' * (more != 1)})" if more else ""
            return _not_merged(args, f"{side} is not a valid map: {shown}{extra}")
    try:
        result = merge_maps(sides["base"].argmap, sides["ours"].argmap, sides["theirs"].argmap)
    except MergeError as error:
        return _not_merged(args, f"{name}: {error}")
    ours = sides["ours"]
    text = _render(ours, result.argmap, name)
    if args.output:
        # here, not at the top: the parser imports this module
        from debate.files import FileWriteError, write_file
        from debate.store import BOM

        bom = BOM if ours.fingerprint is not None and ours.fingerprint.bom else b""
        try:
            write_file(args.output, bom + text.encode("utf-8"))
        except FileWriteError as error:
            print(f"debate merge: {visible(str(error))}", file=sys.stderr)
            return FAILED
    else:
        sys.stdout.write(text)
    if result.clean:
        return CLEAN
    count = len(result.conflicts)
    print(
        f"debate merge: {name}: {count} conflict{'s' * (count != 1)}, recorded in the map as "
        "[[claims.ID.conflicts]] (ours' values kept); resolve, delete those blocks, then commit:",
        file=sys.stderr,
    )
    for conflict in result.conflicts:
        print(f"  {visible(conflict.describe())}", file=sys.stderr)
    return CONFLICTS


def _not_merged(args: argparse.Namespace, reason: str) -> int:
    """Write ours, base and theirs whole between conflict markers; say why in one line.

    Whatever stopped the merge (a side that is not a valid map, or a bug), the file git
    keeps must not look merged: plain ours would validate, and committing it would drop
    theirs' changes without a word. The markers make it fail to validate until resolved.
    """
    # here, not at the top: the parser imports this module
    from debate.display import one_line, visible_name
    from debate.merge import conflict_markers

    name = visible_name(args.name or args.output or args.ours)
    data = conflict_markers(
        _raw_side(args.ours), _raw_side(args.base), _raw_side(args.theirs), name
    )
    where_file = visible_name(args.output) if args.output else ""
    if args.output:
        # here, not at the top: the parser imports this module
        from debate.files import FileWriteError, write_file

        try:
            write_file(args.output, data)
        except FileWriteError as error:
            print(
                f"debate merge: {one_line(reason, 300)}; not merged, and cannot write "
                f"{where_file}: {error.strerror}",
                file=sys.stderr,
            )
            return FAILED
        where = f"{where_file} holds"
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        where = "printed"
    print(
        f"debate merge: {one_line(reason, 300)}; not merged: {where} ours, base and theirs "
        "whole between <<<<<<< markers",
        file=sys.stderr,
    )
    return FAILED


def _raw_side(path: str) -> bytes:
    """One version's bytes as they are on disk, or a comment line saying why there are none
    (read like every map: a FIFO, a device or an oversized file is refused, not read)."""
    # here, not at the top: the parser imports this module
    from debate.files import FileReadError, read_regular_file

    try:
        return read_regular_file(path)[0]
    except FileReadError as error:
        return f"# debate merge: cannot read this version: {error.reason}\n".encode()


def _load(path: str, allow_empty: bool) -> LoadedMap:
    """A side of the merge; git hands an empty base when both branches added the file."""
    # here, not at the top: the parser imports this module
    from debate.model import ArgumentMap
    from debate.store import LoadedMap, load_map, read_map_bytes

    if allow_empty:
        data = read_map_bytes(Path(path))  # the one safe reader: no FIFO, no /dev/zero
        if not data.strip():
            return LoadedMap(ArgumentMap(), Path(path), "")
    return load_map(path)


def _render(ours: LoadedMap, merged: ArgumentMap, name: str) -> str:
    """The merged map written over ours' text, so ours' comments and layout survive.

    This is the writer every save uses (a patch of what changed, else tomlkit over the whole
    file, else a fresh layout when ours' TOML layout is one those cannot edit). The text is
    read back: if it ever said something other than the merge decided, that is a bug, and
    the merge stops (see :func:`_not_merged`) rather than write it.
    """
    # here, not at the top: the parser imports this module
    from debate.merge import MergeError
    from debate.store import parse_map, saved_text

    text = saved_text(ours, merged)
    if parse_map(text).argmap != merged:
        raise MergeError("the merged map did not read back as merged")
    if _has_comments(ours.text) and not _has_comments(text):
        print(
            f"debate merge: {name}: could not keep ours' layout (an unusual TOML layout); "
            "wrote the merged map freshly laid out (content complete, comments dropped)",
            file=sys.stderr,
        )
    return text


def _has_comments(text: str) -> bool:
    return any(line.lstrip().startswith("#") for line in text.splitlines())
