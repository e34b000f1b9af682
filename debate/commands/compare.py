"""Compare the map's perspectives side by side: each root's verdict under the base map and
under every [perspectives.NAME] overlay, then the claims on which they differ most.

--semantics picks the gradual semantics (default df-quad), --limit how many divergent claims
to list, --json prints everything as JSON. `compare FILE A B --explain` says why two readings
disagree (A or B may be `base`, the map's own values): each root's difference shared out among
the claims the two set differently, shares adding up to the difference exactly. The rules are
in docs/SCORING.md.
"""

from __future__ import annotations

import argparse

from debate.commands import add_map_argument, add_plain_argument, console, load, non_negative_int
from debate.commands.crux import add_budget_arguments
from debate.commands.score import add_semantics_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)
    parser.add_argument(
        "readings",
        nargs="*",
        metavar="A B",
        help="with --explain: two perspectives to explain (base: the map's own values)",
    )
    add_semantics_argument(parser)
    parser.add_argument(
        "-n",
        "--limit",
        type=non_negative_int,
        default=10,
        metavar="N",
        help="list the N claims the perspectives differ on most (default 10)",
    )
    parser.add_argument(
        "-x",
        "--explain",
        action="store_true",
        help="why readings A and B disagree: each claim's share of every root's difference",
    )
    add_budget_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    add_plain_argument(parser)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.commands.score_output import comparison_json, comparison_view, write_json
    from debate.scoring import compare

    if args.explain or args.readings:
        if not args.explain or len(args.readings) != 2:
            args.subparser.error("--explain takes two perspectives: compare FILE A B --explain")
        return _explain(args)
    argmap = load(args.file).argmap
    comparison = compare(argmap, args.semantics)
    if args.json:
        write_json(comparison_json(argmap, comparison, args.limit))
    else:
        comparison_view(console(plain=args.plain), argmap, comparison, args.limit, args.plain)
    return 0


def _explain(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.commands.crux_output import (
        StderrProgress,
        disagreement_json,
        disagreement_view,
    )
    from debate.commands.score_output import write_json
    from debate.scoring import BASE_LABEL
    from debate.scoring.disagreement import disagreements
    from debate.scoring.shapley import Budget

    argmap = load(args.file).argmap
    a, b = (
        None if name == BASE_LABEL and name not in argmap.perspectives else name
        for name in args.readings
    )
    progress = StderrProgress("sharing out the difference")
    try:
        found = disagreements(
            argmap,
            a,
            b,
            args.semantics,
            budget=Budget(args.samples, args.time_limit, args.seed, progress),
        )
    finally:
        progress.close()
    if args.json:
        write_json(disagreement_json(argmap, found))
    else:
        disagreement_view(console(plain=args.plain), argmap, found, args.plain)
    return 0
