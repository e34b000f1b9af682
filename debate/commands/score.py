"""Score a map: every claim's strength from its credence and its children's strengths.

Prints the claims in tree order with their effective weight and credence, base score and
strength (root verdicts in bold). --semantics picks the gradual semantics (default df-quad),
--perspective reads the map through one of its [perspectives.NAME] overlays, --explain ID
shows how each child of one claim moves it (the claim's strength with and without that
child), --json prints everything as JSON. The rules are in docs/SCORING.md.
"""

from __future__ import annotations

import argparse

from debate.commands import add_map_argument, add_plain_argument, console, load

SEMANTICS_HELP = "df-quad (default), quadratic-energy, euler or h-categorizer"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)
    add_semantics_argument(parser)
    parser.add_argument(
        "-p", "--perspective", metavar="NAME", help="read the map through this perspective"
    )
    parser.add_argument(
        "-e", "--explain", metavar="ID", help="explain one claim: each child's contribution"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    add_plain_argument(parser)


def semantics_name(value: str) -> str:
    """argparse ``type`` for ``-s``: an unknown name is a usage error (exit 2, with the
    command's usage line), as for any other bad option. Imports the scorer's list only when
    an option is parsed, so ``--help`` stays light."""
    # here, not at the top: the parser imports this module
    from debate.scoring import SEMANTICS, UnknownSemantics

    if value not in SEMANTICS:
        raise argparse.ArgumentTypeError(str(UnknownSemantics(value, SEMANTICS)))
    return value


def add_semantics_argument(parser: argparse.ArgumentParser) -> None:
    """Shared with ``debate compare``."""
    parser.add_argument(
        "-s",
        "--semantics",
        default="df-quad",
        type=semantics_name,
        metavar="S",
        help=SEMANTICS_HELP,
    )


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.commands.score_output import (
        explanation_json,
        explanation_view,
        scores_json,
        scores_view,
        write_json,
    )
    from debate.perf import collector_paused
    from debate.scoring import Scorer

    argmap = load(args.file).argmap
    scorer = Scorer(argmap, args.semantics, args.perspective)
    if args.explain is not None:
        explanation = scorer.explain(args.explain)
        if args.json:
            write_json(explanation_json(argmap, explanation))
        else:
            explanation_view(console(plain=args.plain), argmap, explanation, args.plain)
        return 0
    with collector_paused():  # a row (or a JSON object) per claim: no cycles among them
        if args.json:
            write_json(scores_json(argmap, scorer))
        else:
            scores_view(console(plain=args.plain), argmap, scorer, args.plain)
    return 0
