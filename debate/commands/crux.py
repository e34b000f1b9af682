"""Find the crux: which claims decide each root's verdict, and what would change it.

For each root (or just --root ID): the claims ranked by their swing (how far the verdict could
move if you changed your mind about that claim alone: credence 0-1, weight 0-4), whether that
alone flips the verdict across --threshold (default 0.5), each claim's removal and Shapley
contribution and slope; the smallest change of mind that flips the verdict; and whether the
four semantics agree on it. --samples, --time-limit and --seed bound the Shapley sampling and
the flip search on big maps. The definitions are in docs/SCORING.md ("What decides it").
"""

from __future__ import annotations

import argparse

from debate.commands import add_map_argument, add_plain_argument, console, load, non_negative_int
from debate.commands.score import add_semantics_argument


def threshold_value(value: str) -> float:
    """argparse type for --threshold: a number from 0 to 1."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {value!r}") from None
    if not 0.0 <= number <= 1.0:  # NaN too
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, got {value}")
    return number


def seconds_value(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return number


def add_budget_arguments(parser: argparse.ArgumentParser) -> None:
    """--samples, --time-limit, --seed: shared with ``debate compare --explain``."""
    parser.add_argument(
        "--samples",
        type=non_negative_int,
        default=2000,
        metavar="N",
        help="at most N sampled orders where Shapley values cannot be exact (default 2000)",
    )
    parser.add_argument(
        "--time-limit",
        type=seconds_value,
        default=2.0,
        metavar="SECONDS",
        help="stop sampling and searching after this long, per root (default 2)",
    )
    parser.add_argument(
        "--seed", type=non_negative_int, default=0, metavar="N", help="sampling seed (default 0)"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)
    parser.add_argument("-r", "--root", metavar="ID", help="only this claim's tree")
    parser.add_argument(
        "-p", "--perspective", metavar="NAME", help="read the map through this perspective"
    )
    add_semantics_argument(parser)
    parser.add_argument(
        "-t",
        "--threshold",
        type=threshold_value,
        default=0.5,
        metavar="T",
        help="a verdict holds at or above T (default 0.5)",
    )
    parser.add_argument(
        "-n",
        "--limit",
        type=non_negative_int,
        default=10,
        metavar="N",
        help="show the N claims with the largest swing (default 10; 0 shows all)",
    )
    add_budget_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    add_plain_argument(parser)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.commands.crux_output import StderrProgress, crux_json, crux_view
    from debate.commands.score_output import write_json
    from debate.scoring import Scorer
    from debate.scoring.crux import crux_report
    from debate.scoring.shapley import Budget

    argmap = load(args.file).argmap
    scorer = Scorer(argmap, args.semantics, args.perspective)
    roots = [args.root] if args.root is not None else list(scorer.verdicts())
    for root in roots:
        scorer.strength(root)  # an unknown id is one clear line before any work
    progress = StderrProgress("weighing claims")
    budget = Budget(args.samples, args.time_limit, args.seed, progress)
    try:
        reports = [crux_report(scorer, root, args.threshold, budget) for root in roots]
    finally:
        progress.close()
    if args.json:
        write_json(crux_json(argmap, reports, args.limit))
    else:
        crux_view(console(plain=args.plain), argmap, reports, args.limit, args.plain)
    return 0
