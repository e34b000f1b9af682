"""Check map files for TOML syntax, schema and structure errors.

Every problem is printed as one line, FILE:LINE:COL: KEY: MESSAGE, all of them at once.
Exit status is 0 when every file is valid, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="map files to check")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def run(args: argparse.Namespace) -> int:
    from debate.errors import MapError
    from debate.store import load_map

    status = 0
    for file in args.files:
        try:
            loaded = load_map(file)
        except MapError as error:
            print(error, file=sys.stderr)
            status = 1
            continue
        if not args.quiet:
            tree = loaded.argmap.tree()
            count = len(loaded.argmap.claims)
            trees = len(tree.roots)
            print(
                f"{file}: ok ({count} claim{'s' * (count != 1)}, {trees} tree{'s' * (trees != 1)})"
            )
    return status
