"""Compare the map's perspectives side by side: each root's verdict under the base map and
under every [perspectives.NAME] overlay, then the claims on which they differ most.

--semantics picks the gradual semantics (default df-quad), --limit how many divergent claims
to list, --json prints everything as JSON. The rules are in docs/SCORING.md.
"""

from __future__ import annotations

import argparse

from debate.commands import add_map_argument, add_plain_argument, non_negative_int
from debate.commands.score import add_semantics_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)
    add_semantics_argument(parser)
    parser.add_argument(
        "-n",
        "--limit",
        type=non_negative_int,
        default=10,
        metavar="N",
        help="list the N claims the perspectives differ on most (default 10)",
    )
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    add_plain_argument(parser)


def run(args: argparse.Namespace) -> int:
    from debate.commands import console, load
    from debate.commands.score_output import comparison_json, comparison_view, write_json
    from debate.scoring import compare

    argmap = load(args.file).argmap
    comparison = compare(argmap, args.semantics)
    if args.json:
        write_json(comparison_json(argmap, comparison, args.limit))
    else:
        comparison_view(console(plain=args.plain), argmap, comparison, args.limit, args.plain)
    return 0
