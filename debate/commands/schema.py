"""Print the JSON Schema of the map format.

Editors that read a `#:schema` comment (Taplo, Even Better TOML) use it for completion and
checks: put `#:schema ./debate-map.schema.json` at the top of a map and write the schema
there with `debate schema -o debate-map.schema.json`.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.display import visible_name
    from debate.schema import schema_text

    text = schema_text()
    if args.output and args.output != "-":
        # here, not at the top: the parser imports this module
        from debate.files import write_file

        write_file(args.output, text.encode("utf-8"))  # FileWriteError: one line, exit 1
        print(f"wrote {visible_name(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
