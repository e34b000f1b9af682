"""Write a commented starter map to FILE, ready to edit by hand or in the app.

Refuses to overwrite an existing file (or a read-only one) unless --force is given. FILE may
also be a device or a FIFO (/dev/stdout): the map is written into it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from debate.commands.git_setup import journal_hint

SCHEMA_NAME = "debate-map.schema.json"
"""Written beside a new map (unless one is there already), so the ``#:schema`` line that
editors read (Taplo, Even Better TOML) resolves offline."""

STARTER = """\
#:schema ./debate-map.schema.json
# A debate map. Every [claims.ID] table is one claim; ids are short slugs you choose.
# Check it with `debate lint {name}`, open it with `debate {name}`.

[map]
title = "{title}"
# description = "What is being decided, and why it matters."

[sources.example]
title = "Where the first claims come from"
# path = "notes/source.md"   # a local copy, relative to this file: lets `debate lint` check quotes
# url = "https://example.org/article"

# A claim without `parent` is the root of a tree; a file may hold several trees.
[claims.thesis]
text = "The statement being debated."
cite = {{ source = "example" }}

[claims.first-reason]
parent = "thesis"
stance = "pro"            # pro | con | part (part: one dimension of the parent)
text = "A reason to accept the thesis."
weight = 3                # 0-4: how much it bears on its parent (default 2)
credence = 0.6            # 0-1: how acceptable it is on its own (default 0.5)
by = "who holds this claim"
tags = ["example"]
cite = {{ source = "example" }}   # add quote = "exact words" once the source has a path

[claims.first-objection]
parent = "thesis"
stance = "con"
text = "A reason to reject the thesis."
weight = 2
links = ["first-reason"]  # see also: other claims this one speaks to
cite = {{ source = "example" }}

[[claims.first-objection.notes]]
text = "Notes are dated annotations: questions to check, thoughts for later."
at = {now}

# A perspective re-reads the same map with other weights or credences.
[perspectives.sceptic]
description = "Gives objections more weight."
weight = {{ first-objection = 4 }}
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="where to write the new map")
    parser.add_argument("--title", default="What are we deciding?", help="the map's title")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def starter_text(name: str, title: str) -> str:
    # here, not at the top: the parser imports this module
    from debate.display import visible_name

    name = " ".join(visible_name(name).split())  # a comment line: one line, encodable
    now = datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    quoted_title = json.dumps(title, ensure_ascii=False)[1:-1]
    return STARTER.format(name=name, title=quoted_title, now=now)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.display import visible_name
    from debate.files import replaces_regular_file, write_file

    target = Path(args.file)
    shown = visible_name(str(target))
    if target.is_dir():
        print(f"{shown}: is a directory; give a file name", file=sys.stderr)
        return 1
    if replaces_regular_file(target) and not args.force:
        print(f"{shown}: already exists; use --force to overwrite it", file=sys.stderr)
        return 1
    regular = not target.exists() or replaces_regular_file(target)
    text = starter_text(target.name, args.title)
    # a failed write raises FileWriteError: one line from cli.main, never a traceback
    write_file(target, text.encode("utf-8"), overwrite_readonly=args.force)
    if not regular:  # not after writing into /dev/stdout or a FIFO
        return 0
    schema = target.parent / SCHEMA_NAME
    if not schema.exists() and not schema.is_symlink():
        # here, not at the top: the parser imports this module
        from debate.schema import schema_text

        write_file(schema, schema_text().encode("utf-8"))
        print(
            f"wrote {shown} and {visible_name(str(schema))} (for editor completion);"
            f" open it with: debate {shown}"
        )
    else:
        print(f"wrote {shown}; open it with: debate {shown}")

    hint = journal_hint(target.absolute().parent)
    if hint is not None:
        print(hint)
    return 0
