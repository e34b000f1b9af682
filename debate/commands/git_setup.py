"""Make git diff and merge argument maps claim by claim instead of line by line.

Writes three things, and says which it wrote and which were already there (running it again
changes nothing):

  .gitattributes     arguments.toml diff=debate merge=debate
                     *.debate.toml diff=debate merge=debate
                     (choose the files with --pattern; commit this file so the team shares it)
  .git/info/exclude  *.debate-journal
                     (the app's crash journals, which hold unsaved edits and a copy of the
                     map: never to be committed; this clone's own ignore list)
  git config         diff.debate.command   = debate diff            (git diff: semantic diff)
                     diff.debate.textconv  = debate diff --textconv (git log -p, git show)
                     merge.debate.name     = ...
                     merge.debate.driver   = debate merge %O %A %B -o %A --name %P

Config is per clone (git never shares it): each teammate runs `debate git-setup` once, or
once for all their repositories with --global (which writes git's global attributes and
ignore files and ~/.gitconfig instead). A clone without the config still merges maps, as
plain text.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_PATTERNS = ("arguments.toml", "*.debate.toml")
ATTRIBUTES = "diff=debate merge=debate"
DRIVER_NAME = "debate: merge argument maps claim by claim"
JOURNAL_PATTERN = "*.debate-journal"
"""The app's crash journals (``debate.journal.SUFFIX``), ignored so they are never committed."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--global",
        dest="global_",
        action="store_true",
        help="configure every repository: ~/.gitconfig and git's global attributes file",
    )
    parser.add_argument(
        "--pattern",
        action="append",
        metavar="GLOB",
        help="map files to handle, as a .gitattributes pattern; repeatable "
        f"(default: {' and '.join(DEFAULT_PATTERNS)})",
    )
    parser.add_argument(
        "--command",
        metavar="CMD",
        help="how git should run debate (default: 'debate' if it is on PATH, "
        "else this Python with -m debate)",
    )
    parser.add_argument(
        "--no-external-diff",
        action="store_true",
        help="only set the textconv (git diff then shows a line diff of map outlines)",
    )


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.errors import DebateError

    command = args.command or default_command()
    patterns = args.pattern or list(DEFAULT_PATTERNS)
    _check_arguments(patterns, command)
    scope = "--global" if args.global_ else "--local"
    if args.global_:
        attributes = global_git_file("core.attributesFile", "attributes")
        excludes = global_git_file("core.excludesFile", "ignore")
    else:
        top = _git("rev-parse", "--show-toplevel", check=False)
        if top is None:
            raise DebateError(
                "debate git-setup: not inside a git repository; run it in your project, "
                "or use --global"
            )
        attributes = Path(top) / ".gitattributes"
        # inside .git, which no clone can plant a link in; per worktree as git says
        excludes = Path(os.path.abspath(_git("rev-parse", "--git-path", "info/exclude") or ""))
    if not args.global_ and attributes.is_symlink():
        raise DebateError(
            f"debate git-setup: {attributes} is a symbolic link, which git does not read in a "
            "working tree; make it a regular file"
        )
    for line in add_lines(attributes, [f"{pattern} {ATTRIBUTES}" for pattern in patterns]):
        print(line)
    for line in add_lines(excludes, [JOURNAL_PATTERN]):
        print(line)
    settings = {
        "diff.debate.textconv": f"{command} diff --textconv",
        "merge.debate.name": DRIVER_NAME,
        "merge.debate.driver": f"{command} merge %O %A %B -o %A --name %P",
    }
    if not args.no_external_diff:
        settings["diff.debate.command"] = f"{command} diff"
    for key, value in settings.items():
        current = _git("config", scope, "--get", key, check=False)
        if current == value:
            print(f"already set: git config {scope} {key} = {value}")
            continue
        _git("config", scope, key, value)
        verb = "changed" if current is not None else "set"
        print(f"{verb}: git config {scope} {key} = {value}")
    if args.no_external_diff and _git("config", scope, "--get", "diff.debate.command", check=False):
        _git("config", scope, "--unset", "diff.debate.command")
        print(f"unset: git config {scope} diff.debate.command (--no-external-diff)")
    if not args.global_:
        print("commit .gitattributes to share it; each clone runs `debate git-setup` once")
    return 0


def default_command() -> str:
    """``debate`` when the entry point is on PATH, else this interpreter running the package."""
    if shutil.which("debate"):
        return "debate"
    return f"{shlex.quote(sys.executable)} -m debate"


def _check_arguments(patterns: list[str], command: str) -> None:
    """Refuse what would write a broken line into git's files, in one line.

    A ``.gitattributes`` line is a pattern and attributes separated by blanks, so a pattern
    cannot hold a blank or a control character (git's own spelling of a blank in a pattern
    is ``[[:space:]]``); a leading ``#`` makes a comment and ``!`` is refused by git. git
    config values cannot hold a NUL.
    """
    # here, not at the top: the parser imports this module
    from debate.display import UNSAFE
    from debate.errors import DebateError

    for pattern in patterns:
        if (
            not pattern
            or pattern.startswith(("#", "!", '"'))
            or any(char.isspace() or UNSAFE.match(char) for char in pattern)
        ):
            raise DebateError(
                f"debate git-setup: --pattern {pattern!r}: a .gitattributes pattern cannot "
                "be empty, hold blanks or control characters, or start with #, ! or a quote "
                "(write a blank as [[:space:]])"
            )
    if UNSAFE.search(command) or "\n" in command:
        raise DebateError(f"debate git-setup: --command {command!r}: control characters")


def add_lines(file: Path, lines: list[str]) -> list[str]:
    """Append the ``lines`` that are not in ``file`` yet (compared word by word); say what.

    For git's attributes and ignore files. Written through a symlink to its target (a global
    file kept in a dotfiles repository stays a link); any failure is one
    :class:`DebateError` line.
    """
    # here, not at the top: the parser imports this module
    from debate.errors import DebateError
    from debate.files import FileReadError, FileWriteError, read_regular_file, write_file

    try:
        text = read_regular_file(file)[0].decode("utf-8")
    except FileReadError as error:
        if error.reason != "no such file":
            raise DebateError(f"debate git-setup: {error}") from None
        text = ""
    except UnicodeDecodeError:
        raise DebateError(f"debate git-setup: {file}: not UTF-8 text") from None
    present = {tuple(line.split()) for line in text.splitlines()}
    report: list[str] = []
    added: list[str] = []
    for line in lines:
        if tuple(line.split()) in present:
            report.append(f"already in {file}: {line}")
        else:
            added.append(line)
            report.append(f"added to {file}: {line}")
    if added:
        if text and not text.endswith("\n"):
            text += "\n"
        text += "".join(f"{line}\n" for line in added)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            write_file(file, text.encode("utf-8"))
        except FileWriteError as error:
            raise DebateError(f"debate git-setup: {error}") from None
        except OSError as error:
            reason = error.strerror or error
            raise DebateError(f"debate git-setup: {file.parent}: cannot create: {reason}") from None
    return report


def global_git_file(setting: str, default_name: str) -> Path:
    """One of git's global files: the ``setting`` (core.attributesFile, core.excludesFile),
    else git's default for it, $XDG_CONFIG_HOME/git/``default_name``."""
    configured = _git("config", "--global", "--path", "--get", setting, check=False)
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(xdg) / "git" / default_name


def journal_hint(folder: Path) -> str | None:
    """A tip for ``debate new``: when ``folder`` is in a git work tree whose ignore rules do
    not cover the app's crash journals, how to make them; else None (git absent included)."""
    probe = f".map.toml.0{JOURNAL_PATTERN[1:]}"
    try:
        done = subprocess.run(
            ["git", "check-ignore", "-q", "--no-index", "--", probe],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 1:  # 0: ignored already; 128: not a repository (or git failed)
        return None
    return (
        "this folder is in a git repository: run `debate git-setup` once, so git diffs and "
        "merges maps claim by claim and ignores the app's crash journals (*.debate-journal)"
    )


def _git(*arguments: str, check: bool = True) -> str | None:
    """Run git; its output without the trailing newline, or None when it fails and not check."""
    # here, not at the top: the parser imports this module
    from debate.errors import DebateError

    try:
        done = subprocess.run(["git", *arguments], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise DebateError("debate git-setup: git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        if not check:
            return None
        message = done.stderr.strip().splitlines()
        raise DebateError(
            f"debate git-setup: git {' '.join(arguments[:2])} failed: "
            f"{message[-1] if message else done.returncode}"
        )
    return done.stdout.rstrip("\n")
