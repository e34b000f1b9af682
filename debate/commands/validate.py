"""Check map files for TOML syntax, schema and structure errors.

Every problem is printed as one line, FILE:LINE:COL: KEY: MESSAGE, all of them at once.
Exit status is 0 when every file is valid, 1 otherwise.
"""

from __future__ import annotations

import argparse

from debate.commands import add_files_arguments, load_each


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_files_arguments(parser)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.display import visible_name

    status = 0
    for file, loaded in load_each(args.files):
        if loaded is None:
            status = 1
        elif not args.quiet:
            claims = loaded.argmap.claims
            count = len(claims)
            trees = sum(1 for claim in claims.values() if claim.parent not in claims)
            claims_said = f"{count} claim{'s' * (count != 1)}"
            print(f"{visible_name(file)}: ok ({claims_said}, {trees} tree{'s' * (trees != 1)})")
    return status
