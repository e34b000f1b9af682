"""Merge two versions of a map against their common ancestor, claim by claim: git's merge driver.

    debate merge BASE OURS THEIRS [-o OUT] [--name PATH]

Edits to different claims, or to different fields of one claim, never conflict; notes, tags
and links from both sides are kept. A true conflict keeps ours' value and records ours,
theirs and base in a [[claims.ID.conflicts]] block of the merged map. Ours' comments and
layout are kept. Without -o the merged map is printed.

As a git merge driver (`debate git-setup` writes this):
    merge.debate.driver = debate merge %O %A %B -o %A --name %P

Exit status: 0 merged cleanly; 1 merged with conflicts recorded in the file; 2 a side is not
a valid map (nothing is written: the output file is left untouched).
"""

from __future__ import annotations

import argparse
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
    import sys

    from debate.errors import MapError, Problem
    from debate.merge import MergeError, merge_maps

    name = args.name or args.output or args.ours
    untouched = f", {args.output} left untouched" if args.output else ""
    sides: dict[str, LoadedMap] = {}
    for side in ("base", "ours", "theirs"):
        path = getattr(args, side)
        try:
            sides[side] = _load(path, allow_empty=side == "base")
        except MapError as error:
            first = error.problems[0]
            label = f"{args.name} ({side})" if args.name else path
            shown = Problem(label, first.message, first.line, first.col, first.where)
            more = len(error.problems) - 1
            extra = f" (+{more} more problem{'s' * (more != 1)})" if more else ""
            print(
                f"debate merge: {side} is not a valid map: {shown}{extra}; not merged{untouched}",
                file=sys.stderr,
            )
            return FAILED
    try:
        result = merge_maps(sides["base"].argmap, sides["ours"].argmap, sides["theirs"].argmap)
    except MergeError as error:
        print(f"debate merge: {name}: {error}; not merged{untouched}", file=sys.stderr)
        return FAILED
    text = _render(sides["ours"], result.argmap)
    if args.output:
        from debate.files import FileWriteError, write_file

        try:
            write_file(args.output, text.encode("utf-8"))
        except FileWriteError as error:
            print(f"debate merge: {error}", file=sys.stderr)
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
        print(f"  {conflict.describe()}", file=sys.stderr)
    return CONFLICTS


def _load(path: str, allow_empty: bool) -> LoadedMap:
    """A side of the merge; git hands an empty base when both branches added the file."""
    from pathlib import Path

    from debate.model import ArgumentMap
    from debate.store import LoadedMap, load_map, read_map_bytes

    if allow_empty:
        data = read_map_bytes(Path(path))  # the one safe reader: no FIFO, no /dev/zero
        if not data.strip():
            return LoadedMap(ArgumentMap(), Path(path), "")
    return load_map(path)


def _render(ours: LoadedMap, merged: ArgumentMap) -> str:
    """The merged map written over ours' text, so ours' comments and layout survive.

    The text is read back and compared with the merged map; if the layout-keeping writer
    ever got it wrong, a freshly laid-out file (content intact, comments lost) is used.
    """
    import tomlkit

    from debate.errors import MapError
    from debate.store import dump_map, parse_map, render_document, update_document

    document = tomlkit.parse(ours.text)
    update_document(document, ours.argmap, merged)
    text = render_document(document)
    try:
        if parse_map(text).argmap == merged:
            return text
    except MapError:
        pass
    import sys

    print(
        "debate merge: could not keep ours' layout exactly; wrote the merged map freshly laid "
        "out (content complete, comments dropped)",
        file=sys.stderr,
    )
    return dump_map(merged)
