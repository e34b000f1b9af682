"""Real git, in a temporary repository: git-setup, the merge driver, diff and textconv.

git runs ``python -m debate`` through this interpreter (``--command``), so the tests need no
entry point on PATH. HOME and the global config point into the temporary folder, so the
user's own git configuration is neither read nor touched.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from debate.cli import main
from debate.store import dump_map, load_map, save_map
from tests.conftest import DEFAULT_MAP, require_tool
from tests.test_merge_kinds import (
    KINDS,
    PAIRS,
    Group,
    base_map,
    conflicts_on,
    expect_conflict,
    survived,
)
from tests.test_merge_layouts import LAYOUTS

COMMAND = f"{shlex.quote(sys.executable)} -m debate"
MAP = "arguments.toml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository on branch main, with git isolated from the user's config."""
    require_tool("git")
    home = tmp_path / "home"
    home.mkdir()
    for name, value in {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Tester",
        "GIT_AUTHOR_EMAIL": "tester@example.invalid",
        "GIT_COMMITTER_NAME": "Tester",
        "GIT_COMMITTER_EMAIL": "tester@example.invalid",
        "GIT_PAGER": "cat",
        "PAGER": "cat",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "NO_COLOR", "GIT_EXTERNAL_DIFF"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "repo"
    folder.mkdir()
    monkeypatch.chdir(folder)
    git("init", "-q", "-b", "main")
    return folder


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def setup(*extra: str) -> int:
    return main(["git-setup", "--command", COMMAND, *extra])


def commit_all(message: str) -> None:
    git("add", "-A")
    git("commit", "-q", "-m", message)


# ------------------------------------------------------------------------------ git-setup


def test_git_setup_writes_attributes_and_config_and_is_idempotent(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert setup() == 0
    first = capsys.readouterr().out
    attributes = (repo / ".gitattributes").read_text()
    assert attributes == (
        "arguments.toml diff=debate merge=debate\n*.debate.toml diff=debate merge=debate\n"
    )
    assert "added to" in first and "set: git config --local merge.debate.driver" in first
    config = {
        key: git("config", "--local", "--get", key).stdout.strip()
        for key in ("diff.debate.command", "diff.debate.textconv", "merge.debate.driver")
    }
    assert config == {
        "diff.debate.command": f"{COMMAND} diff",
        "diff.debate.textconv": f"{COMMAND} diff --textconv",
        "merge.debate.driver": f"{COMMAND} merge %O %A %B -o %A --name %P",
    }
    assert (
        git("check-attr", "merge", "--", "maps/x.debate.toml")
        .stdout.strip()
        .endswith("merge: debate")
    )
    assert git("check-attr", "merge", "--", "other.toml").stdout.strip().endswith("unspecified")

    assert setup() == 0
    again = capsys.readouterr().out
    assert "added" not in again and "set:" not in again.replace("already set:", "")
    assert again.count("already") == 7
    assert (repo / ".gitattributes").read_text() == attributes
    assert not Path.home().joinpath(".gitconfig").exists()


def test_git_setup_global_and_patterns(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert setup("--global", "--pattern", "maps/*.toml", "--no-external-diff") == 0
    out = capsys.readouterr().out
    attributes = Path.home() / ".config" / "git" / "attributes"
    assert attributes.read_text() == "maps/*.toml diff=debate merge=debate\n"
    assert str(attributes) in out
    assert git("config", "--global", "--get", "merge.debate.driver").stdout.strip()
    assert git("config", "--global", "--get", "diff.debate.command", check=False).returncode
    assert git("config", "--local", "--get", "merge.debate.driver", check=False).returncode
    assert not (repo / ".gitattributes").exists()
    assert setup("--global") == 0
    assert git("config", "--global", "--get", "diff.debate.command").returncode == 0
    assert setup("--global", "--no-external-diff") == 0
    assert "unset: git config --global diff.debate.command" in capsys.readouterr().out
    assert git("config", "--global", "--get", "diff.debate.command", check=False).returncode


def test_crash_journals_are_never_committed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The journal holds unsaved edits and a copy of the map: this clone's ignore list
    (.git/info/exclude, not a tracked .gitignore) keeps it out of every commit."""
    from debate.commands.git_setup import JOURNAL_PATTERN
    from debate.journal import journal_path, legacy_journal_path, new_session_id

    journals = [
        journal_path(repo / MAP, new_session_id()),
        journal_path(repo / "maps" / "b.debate.toml", "1-abcdef"),
        legacy_journal_path(repo / MAP),
    ]
    for journal in journals:
        journal.parent.mkdir(exist_ok=True)
        journal.write_text('{"kind": "edit"}\n')
    (repo / MAP).write_text(DEFAULT_MAP.read_text())
    (repo / "maps" / "b.debate.toml").write_text(DEFAULT_MAP.read_text())
    assert setup() == 0
    exclude = repo / ".git" / "info" / "exclude"
    assert f"added to {exclude}: {JOURNAL_PATTERN}" in capsys.readouterr().out
    assert exclude.read_text().splitlines()[-1] == JOURNAL_PATTERN
    assert not (repo / ".gitignore").exists()
    commit_all("maps")
    committed = git("ls-files").stdout.split()
    assert {MAP, "maps/b.debate.toml", ".gitattributes"} <= set(committed)
    assert not [name for name in committed if "journal" in name]
    assert git("status", "--porcelain", "--ignored").stdout.count(".debate-journal") == 3
    assert setup() == 0
    assert f"already in {exclude}: {JOURNAL_PATTERN}" in capsys.readouterr().out
    assert exclude.read_text().count(JOURNAL_PATTERN) == 1


def test_global_setup_ignores_journals_in_every_repository(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "ignore").write_text("*.swp")  # no final newline
    folder = Path.home() / ".config" / "git"
    folder.mkdir(parents=True)
    (folder / "ignore").symlink_to(dotfiles / "ignore")  # git's default global ignore file
    assert setup("--global") == 0
    assert f"added to {folder / 'ignore'}: *.debate-journal" in capsys.readouterr().out
    assert (folder / "ignore").is_symlink()  # written through to its target
    assert (dotfiles / "ignore").read_text() == "*.swp\n*.debate-journal\n"
    assert git("check-ignore", "-q", "--", ".m.toml.1-a.debate-journal").returncode == 0
    assert not (repo / ".git" / "info" / "exclude").read_text().count("debate-journal")


def test_new_suggests_git_setup_until_journals_are_ignored(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tip = "run `debate git-setup` once, so git diffs and merges maps claim by claim"
    assert main(["new", "first.debate.toml"]) == 0
    assert tip in capsys.readouterr().out
    assert setup() == 0
    capsys.readouterr()
    assert main(["new", "second.debate.toml"]) == 0
    assert tip not in capsys.readouterr().out
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["new", str(outside / "third.toml")]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # only "wrote ..."


@pytest.mark.parametrize("pattern", ["a b", "x\nmerge=evil", "!maps/*.toml", "#x", "", "a\0b"])
def test_git_setup_refuses_a_pattern_that_would_break_gitattributes(
    repo: Path, capsys: pytest.CaptureFixture[str], pattern: str
) -> None:
    assert setup("--pattern", pattern) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a .gitattributes pattern cannot" in err
    assert not (repo / ".gitattributes").exists()
    assert main(["git-setup", "--command", "debate\0x"]) == 1
    assert "--command" in capsys.readouterr().err


def test_git_setup_outside_a_repository_says_so(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert setup() == 1
    err = capsys.readouterr().err
    assert "not inside a git repository" in err and "Traceback" not in err


# ------------------------------------------------------------------------------ merging


def test_every_pair_of_edit_kinds_through_git_merge(repo: Path) -> None:
    """One map, one claim group per ordered pair of edit kinds; one real ``git merge``."""
    groups = [Group.numbered(index) for index in range(len(PAIRS))]
    base = base_map(groups)
    path = repo / MAP
    path.write_text(dump_map(base, header="Team map: this comment must survive the merge."))
    assert setup() == 0
    commit_all("base")

    def edit_side(side: str) -> None:
        loaded = load_map(path)
        edited = loaded.argmap.model_copy(deep=True)
        for group, (ours, theirs) in zip(groups, PAIRS, strict=True):
            (ours if side == "ours" else theirs).edit(edited, group, side)
        save_map(loaded, edited)
        commit_all(side)

    git("checkout", "-q", "-b", "theirs")
    edit_side("theirs")
    git("checkout", "-q", "main")
    edit_side("ours")

    merge = git("merge", "--no-edit", "theirs", check=False)
    output = merge.stdout + merge.stderr
    assert merge.returncode != 0
    assert f"CONFLICT (content): Merge conflict in {MAP}" in output
    assert "conflicts, recorded in the map" in output
    assert git("status", "--porcelain").stdout.startswith(f"UU {MAP}")

    text = path.read_text()
    assert "<<<<<<<" not in text
    assert text.startswith("# Team map: this comment must survive the merge.")
    merged = load_map(path).argmap  # a valid map, conflicts and all
    for group, (ours, theirs) in zip(groups, PAIRS, strict=True):
        pair = f"{ours.name} vs {theirs.name}"
        assert survived(merged, ours, group, "ours"), f"{pair}: ours' edit lost"
        assert survived(merged, theirs, group, "theirs"), f"{pair}: theirs' edit lost"
        assert bool(conflicts_on(merged, group)) is expect_conflict(ours, theirs), pair


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_and_pair_of_edit_kinds_through_git_merge(repo: Path, layout: str) -> None:
    """Each side writes the map in one TOML layout (see tests/test_merge_layouts.py).

    Unusual layouts once crashed the driver, and git then kept plain ours: no markers, no
    conflict records, a map that validated without theirs' edits. Every kind of edit is
    made on each side, once against the same kind and once against another (all pairs in
    every layout run in-process in tests/test_merge_layouts.py).
    """
    pairs = [(kind, kind) for kind in KINDS] + list(zip(KINDS, KINDS[1:] + KINDS[:1], strict=True))
    groups = [Group.numbered(index) for index in range(len(pairs))]
    base = base_map(groups)
    write = LAYOUTS[layout]
    path = repo / MAP
    path.write_text(write(base))
    assert setup() == 0
    commit_all("base")
    for side in ("theirs", "ours"):
        git("checkout", "-q", *(["-b", "theirs"] if side == "theirs" else ["main"]))
        edited = base.model_copy(deep=True)
        for group, pair in zip(groups, pairs, strict=True):
            pair[side == "theirs"].edit(edited, group, side)
        path.write_text(write(edited))
        commit_all(side)

    merge = git("merge", "--no-edit", "theirs", check=False)
    output = merge.stdout + merge.stderr
    assert merge.returncode != 0 and "Traceback" not in output
    assert f"CONFLICT (content): Merge conflict in {MAP}" in output
    assert "conflicts, recorded in the map" in output
    assert git("status", "--porcelain").stdout.startswith(f"UU {MAP}")
    assert "<<<<<<<" not in path.read_text()
    merged = load_map(path).argmap
    for group, (ours, theirs) in zip(groups, pairs, strict=True):
        pair = f"{ours.name} vs {theirs.name}"
        assert survived(merged, ours, group, "ours"), f"{pair}: ours' edit lost"
        assert survived(merged, theirs, group, "theirs"), f"{pair}: theirs' edit lost"
        assert bool(conflicts_on(merged, group)) is expect_conflict(ours, theirs), pair


def test_a_clean_merge_of_the_default_map_keeps_comments_and_both_edits(repo: Path) -> None:
    path = repo / MAP
    path.write_text(DEFAULT_MAP.read_text())
    assert setup() == 0
    commit_all("base")
    original = path.read_text()

    git("checkout", "-q", "-b", "theirs")
    path.write_text(
        original.replace(
            'text = "It will happen sooner than early 2027."',
            'text = "It will happen well before early 2027."',
        )
    )
    commit_all("theirs rewords")
    git("checkout", "-q", "main")
    loaded = load_map(path)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["sooner-than-that"].weight = 1
    edited.claims["sooner-than-that"].tags.append("ours")
    save_map(loaded, edited)
    commit_all("ours reweights")

    merge = git("merge", "--no-edit", "theirs", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    claim = load_map(path).argmap.claims["sooner-than-that"]
    assert (claim.text, claim.weight, claim.tags) == (
        "It will happen well before early 2027.",
        1,
        ["timing", "ours"],
    )
    assert not claim.conflicts
    text = path.read_text()
    for comment in [line for line in original.splitlines() if line.startswith("#")]:
        assert comment in text


def test_a_side_that_is_not_a_map_fails_the_merge_with_every_side_in_the_file(
    repo: Path,
) -> None:
    path = repo / MAP
    path.write_text(DEFAULT_MAP.read_text())
    assert setup() == 0
    commit_all("base")
    git("checkout", "-q", "-b", "theirs")
    path.write_text(path.read_text().replace("[claims.moat-shift]", "[claims.moat-shift"))
    commit_all("theirs breaks the file")
    git("checkout", "-q", "main")
    path.write_text(path.read_text().replace("weight = 3", "weight = 1", 1))
    commit_all("ours")
    ours_text = path.read_text()
    theirs_text = git("show", f"theirs:{MAP}").stdout

    merge = git("merge", "--no-edit", "theirs", check=False)
    output = merge.stdout + merge.stderr
    assert merge.returncode != 0
    assert f"debate merge: theirs is not a valid map: {MAP} (theirs):" in output
    assert "between <<<<<<< markers" in output and "Traceback" not in output
    assert git("status", "--porcelain").stdout.startswith(f"UU {MAP}")
    text = path.read_text()
    assert text.startswith(f"<<<<<<< ours: {MAP}\n{ours_text}||||||| base\n")
    assert text.endswith(f"=======\n{theirs_text}>>>>>>> theirs\n")
    assert main(["validate", MAP]) != 0

    # The way out docs/GIT.md gives: the three versions from git's stages, fix, merge again.
    for stage, side in enumerate(("base", "ours", "theirs"), 1):
        Path(f"{side}.toml").write_text(git("show", f":{stage}:{MAP}").stdout)
    fixed = Path("theirs.toml").read_text().replace("[claims.moat-shift\n", "[claims.moat-shift]\n")
    Path("theirs.toml").write_text(fixed)
    assert main(["merge", "base.toml", "ours.toml", "theirs.toml", "-o", MAP]) == 0
    assert main(["validate", MAP]) == 0


# ------------------------------------------------------------------------------ diffing


def test_git_diff_and_log_show_maps_semantically(repo: Path) -> None:
    path = repo / MAP
    path.write_text(DEFAULT_MAP.read_text())
    assert setup() == 0
    commit_all("base")
    path.write_text(
        path.read_text()
        .replace('text = "It will happen sooner than early 2027."', 'text = "It will happen soon."')
        .replace(
            '[claims.sooner-than-that]\nparent = "catch-up-2027"\nstance = "pro"',
            '[claims.sooner-than-that]\nparent = "catch-up-2027"\nstance = "con"',
        )
    )
    extra = repo / "second.debate.toml"
    extra.write_text('[claims.only]\ntext = "A one-claim map."\n')
    git("add", "-N", extra.name)

    diff = git("diff").stdout
    assert f"debate diff a/{MAP} → b/{MAP}" in diff
    assert "~ sooner-than-that" in diff
    assert 'restanced: "pro" → "con"' in diff
    assert "reworded: It will happen [-sooner than early 2027.-]{+soon.+}" in diff
    assert "verdicts" in diff and "catch-up-2027" in diff
    assert "+ only (root)  A one-claim map." in diff  # a new file: old side is /dev/null

    commit_all("edits")
    log = git("log", "-p", "-1", "--", MAP).stdout
    assert "-  parent: catch-up-2027 (pro)" in log
    assert "+  parent: catch-up-2027 (con)" in log
    assert "+  text: It will happen soon." in log
    assert "verdict catch-up-2027:" in log

    path.write_text("[claims.broken\n")
    broken = git("diff", check=False)
    assert broken.returncode == 0
    assert "not a valid map" in broken.stdout and "+[claims.broken" in broken.stdout
