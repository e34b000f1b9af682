"""The command line that opens the user's editor at a line (no Textual here).

Editors disagree on how to take a line number: vi, vim, nano, emacs, micro, kakoune take
``+LINE FILE``; VS Code wants ``--goto FILE:LINE:COL`` (and ``--wait`` to block); Sublime,
Helix and Zed take ``FILE:LINE:COL``.

A map's file name is untrusted (it arrives through git): ``+:!touch x.toml`` given to vim
runs a shell command, ``-c…`` or ``--cmd=…`` would be read as options. So the path is
always absolute (it starts with ``/``, never with ``+`` or ``-``), and editors known to
take ``--`` as "the rest are files" get it in front of the path as well. The command is a
list run without a shell, so spaces and quotes in names are plain characters.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

_GOTO = {"code", "code-insiders", "codium", "cursor"}
_COLON = {"subl", "sublime_text", "hx", "helix", "zed"}
_DOUBLE_DASH = {"vi", "vim", "nvim", "gvim", "mvim", "view", "ex", "nano", "emacs", "emacsclient"}


def safe_path(path: Path) -> str:
    """``path`` as an argument no program can read as an option or a command: absolute."""
    return str(path if path.is_absolute() else Path.cwd() / path)


def editor_command(
    path: Path, line: int, col: int = 1, environ: Mapping[str, str] | None = None
) -> list[str]:
    env = os.environ if environ is None else environ
    editor = env.get("VISUAL") or env.get("EDITOR") or "vi"
    parts = shlex.split(editor) or ["vi"]
    name = Path(parts[0]).name
    file = safe_path(path)
    if name in _GOTO:
        wait = [] if "--wait" in parts or "-w" in parts else ["--wait"]
        return [*parts, *wait, "--goto", f"{file}:{line}:{col}"]
    if name in _COLON:
        return [*parts, f"{file}:{line}:{col}"]
    end = ["--"] if name in _DOUBLE_DASH else []
    return [*parts, f"+{line}", *end, file]
