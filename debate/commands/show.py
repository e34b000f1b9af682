"""Print a map as a tree: path number (1.2.3), stance, weight, credence, text, holder, tags
and note count for every claim.

Colours follow stance (green pro, red con, cyan part); NO_COLOR turns them off and --plain
prints an indented outline in words with no colour or box drawing.
"""

from __future__ import annotations

import argparse

from debate.commands import add_map_argument, add_plain_argument, console, load, non_negative_int


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)
    parser.add_argument(
        "--depth",
        type=non_negative_int,
        metavar="N",
        help="show N levels below the roots (0: roots only)",
    )
    add_plain_argument(parser)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.perf import collector_paused, write_lines
    from debate.plain_layout import lays_out, print_tree
    from debate.terminal_tree import plain_outline, rich_tree, tree_lines

    loaded = load(args.file)
    out = console(plain=args.plain)
    if args.plain:
        for line in plain_outline(loaded.argmap, args.depth):
            out.print(line, overflow="ignore", crop=False)
        return 0
    with collector_paused():  # a label (and a node) per claim: no cycles among them
        if lays_out(out):  # no colour: the lines written directly, as rich would lay them out
            write_lines(tree_lines(out, loaded.argmap, args.depth), out.file)
        else:
            print_tree(out, rich_tree(loaded.argmap, args.depth))
    return 0
