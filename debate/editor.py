"""The command line that opens the user's editor at a line (no Textual here).

Editors disagree on how to take a line number: vi, vim, nano, emacs, micro, kakoune take
``+LINE FILE``; VS Code wants ``--goto FILE:LINE:COL`` (and ``--wait`` to block); Sublime,
Helix and Zed take ``FILE:LINE:COL``.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

_GOTO = {"code", "code-insiders", "codium", "cursor"}
_COLON = {"subl", "sublime_text", "hx", "helix", "zed"}


def editor_command(
    path: Path, line: int, col: int = 1, environ: Mapping[str, str] | None = None
) -> list[str]:
    env = os.environ if environ is None else environ
    editor = env.get("VISUAL") or env.get("EDITOR") or "vi"
    parts = shlex.split(editor) or ["vi"]
    name = Path(parts[0]).name
    if name in _GOTO:
        wait = [] if "--wait" in parts or "-w" in parts else ["--wait"]
        return [*parts, *wait, "--goto", f"{path}:{line}:{col}"]
    if name in _COLON:
        return [*parts, f"{path}:{line}:{col}"]
    return [*parts, f"+{line}", str(path)]
