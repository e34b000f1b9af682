"""debate.files: the rules every read and write of a user's file follows.

Reads take regular files only, capped; writes are atomic, go through the user's symlinks to
their target, stream into devices and FIFOs, refuse write-protected files unless forced, and
clean up what a killed write left. Each rule is tested directly, then as a property over
every kind of target, then through the store's save.
"""

from __future__ import annotations

import fcntl
import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.files import (
    FileReadError,
    FileWriteError,
    ReadOnlyFileError,
    read_regular_file,
    read_stream,
    remove_stale_temporaries,
    replaces_regular_file,
    write_file,
)
from debate.store import load_map, save_map

MAP = '[claims.r]\ntext = "Root"  # a comment\n'
IS_ROOT = os.geteuid() == 0


def within(seconds: float, action: Callable[[], Any]) -> Any:
    """Run ``action``; fail (instead of hanging the suite) if it blocks longer than ``seconds``."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = action()
        except BaseException as error:  # handed back to the test below
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still blocked after {seconds}s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def drain(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A reader on the other end of ``fifo`` (writing into a FIFO needs one, as in a shell)."""
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, received


def private_null(folder: Path) -> Path:
    """A device node that works like /dev/null, made in ``folder``.

    Tests write to this one, never to the machine's /dev/null: run against code without the
    fix, a test would otherwise replace the real device with a plain file for every process.
    Making device nodes needs root (CI runs as root); elsewhere the test is skipped.
    """
    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.close(os.open(node, os.O_WRONLY))  # a "nodev" mount refuses to open it
    except OSError as error:
        pytest.skip(f"cannot make a device node here: {error.strerror}")
    return node


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# ----------------------------------------------------------------------------------- reading


def test_reading_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(FileReadError, match=r"pipe\.toml: is a FIFO \(named pipe\), not a regular"):
        within(5, lambda: read_regular_file(fifo))


def test_devices_are_refused_before_reading() -> None:
    for device in ("/dev/zero", "/dev/urandom", "/dev/null"):
        with pytest.raises(FileReadError, match="is a character device, not a regular file"):
            within(5, lambda device=device: read_regular_file(device))


def test_reading_is_capped(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"x" * 2048)
    assert read_regular_file(big, limit=2048)[0] == b"x" * 2048
    with pytest.raises(FileReadError, match="is larger than 2047 bytes; not read"):
        read_regular_file(big, limit=2047)
    # /proc files report no size: read in chunks, still capped
    assert read_regular_file("/proc/self/status")[0].startswith(b"Name:")
    with pytest.raises(FileReadError, match="is larger than 10 bytes"):
        read_regular_file("/proc/self/status", limit=10)


def test_reading_a_stream_is_capped() -> None:
    import io

    assert read_stream(io.BytesIO(b"abc"), "<stdin>", limit=3) == b"abc"
    with pytest.raises(FileReadError, match="<stdin>: is larger than 2 bytes"):
        read_stream(io.BytesIO(b"abc"), "<stdin>", limit=2)


def test_read_reasons_are_short(tmp_path: Path) -> None:
    with pytest.raises(FileReadError) as missing:
        read_regular_file(tmp_path / "nope")
    assert missing.value.reason == "no such file"
    with pytest.raises(FileReadError) as folder:
        read_regular_file(tmp_path)
    assert folder.value.reason == "is a directory"
    (tmp_path / "real").write_text("x")
    (tmp_path / "link").symlink_to("real")
    assert read_regular_file(tmp_path / "link")[0] == b"x"
    with pytest.raises(FileReadError, match="is a symbolic link; not followed"):
        read_regular_file(tmp_path / "link", follow_symlinks=False)


# ----------------------------------------------------------------------------------- writing


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    real = tmp_path / "maps" / "real.toml"
    real.write_text("old")
    (tmp_path / "middle.toml").symlink_to("maps/real.toml")
    link = tmp_path / "link.toml"
    link.symlink_to("middle.toml")  # a chain of two links, both relative
    assert write_file(link, b"new") == real.resolve()
    assert link.is_symlink() and os.readlink(link) == "middle.toml"
    assert (tmp_path / "middle.toml").is_symlink()
    assert real.read_bytes() == b"new"
    assert leftovers(tmp_path) == leftovers(tmp_path / "maps") == []


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to("target.toml")
    write_file(link, b"new")
    assert link.is_symlink() and (tmp_path / "target.toml").read_bytes() == b"new"


def test_writing_into_a_fifo_streams_and_keeps_the_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    reader, received = drain(fifo)
    within(5, lambda: write_file(fifo, b"exported"))
    reader.join(5)
    assert received == [b"exported"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def test_writing_to_a_device_leaves_it_a_device(tmp_path: Path) -> None:
    null = private_null(tmp_path)
    write_file(null, b"gone")
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert [path.name for path in tmp_path.iterdir()] == ["null"]


def test_non_regular_targets_are_not_overwrites(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "file").write_text("x")
    (tmp_path / "link").symlink_to("file")
    assert replaces_regular_file(tmp_path / "file") and replaces_regular_file(tmp_path / "link")
    assert not replaces_regular_file(fifo)
    assert not replaces_regular_file("/dev/null")  # only asks; nothing is written
    assert not replaces_regular_file(tmp_path / "missing")


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text("old")
    path.chmod(0o444)
    with pytest.raises(ReadOnlyFileError, match=r"m\.toml: is read-only \(mode 0444\)"):
        write_file(path, b"new")
    assert path.read_text() == "old"
    write_file(path, b"new", overwrite_readonly=True)
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another owner")
def test_the_owner_and_mode_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text("old")
    os.chown(path, 65534, 65534)
    path.chmod(0o640)
    write_file(path, b"new")
    status = path.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (65534, 65534, 0o640)


def test_unwritable_places_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    cases = {
        tmp_path / "missing" / "m.toml": "cannot write: No such file or directory",
        tmp_path / "file" / "m.toml": "cannot write: Not a directory",
        tmp_path: "is a directory; give a file name",
    }
    for target, reason in cases.items():
        with pytest.raises(FileWriteError) as caught:
            write_file(target, b"x")
        assert str(caught.value) == f"{target}: {reason}"
        assert isinstance(caught.value, OSError)  # callers that catch OSError still do


def make_temporary(folder: Path, name: str, age: float = 3600) -> Path:
    path = folder / name
    path.write_bytes(b"a full-size copy of a map")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_temporaries_of_the_same_file_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "m.toml"
    target.write_text("old")
    stale = make_temporary(tmp_path, ".m.toml.k2_9xq0a.tmp")
    young = make_temporary(tmp_path, ".m.toml.abcd1234.tmp", age=0)
    other_file = make_temporary(tmp_path, ".n.toml.abcd1234.tmp")
    not_ours = make_temporary(tmp_path, ".m.toml.notmine.tmp")  # not mkstemp's pattern
    in_use = make_temporary(tmp_path, ".m.toml.inuse123.tmp")
    elsewhere = make_temporary(tmp_path, "precious.txt")
    (tmp_path / ".m.toml.alink123.tmp").symlink_to(elsewhere)
    (tmp_path / ".m.toml.afolder1.tmp").mkdir()
    with open(in_use, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # another save writing it right now
        write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert not stale.exists()
    for kept in (young, other_file, not_ours, in_use, elsewhere):
        assert kept.exists(), kept
    assert (tmp_path / ".m.toml.alink123.tmp").is_symlink()
    assert (tmp_path / ".m.toml.afolder1.tmp").is_dir()


def test_clean_up_never_removes_another_users_temporary(tmp_path: Path) -> None:
    if not IS_ROOT:
        pytest.skip("only root can make a file owned by someone else")
    foreign = make_temporary(tmp_path, ".m.toml.abcd1234.tmp")
    os.chown(foreign, 65534, 65534)
    assert remove_stale_temporaries(tmp_path / "m.toml") == []
    assert foreign.exists()


# --------------------------------------------------------------- every kind of target at once

KINDS = (
    "missing",
    "regular",
    "read-only",
    "link",
    "link-chain",
    "dangling-link",
    "fifo",
    "dev-null",
    "directory",
)


def make_target(folder: Path, kind: str) -> Path:
    target = folder / "out.toml"
    if kind in ("regular", "read-only", "link", "link-chain"):
        real = folder / "real.toml"
        real.write_text("old")
        if kind == "read-only":
            real.chmod(0o444)
        if kind == "link":
            target.symlink_to("real.toml")
        elif kind == "link-chain":
            (folder / "middle.toml").symlink_to("real.toml")
            target.symlink_to("middle.toml")
        else:
            real.rename(target)
    elif kind == "dangling-link":
        target.symlink_to("real.toml")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-null":
        return private_null(folder)
    elif kind == "directory":
        target.mkdir()
    return target


@settings(max_examples=60, derandomize=True, deadline=None)
@given(kind=st.sampled_from(KINDS), data=st.binary(max_size=200), force=st.booleans())
def test_every_target_keeps_its_kind_and_gets_all_or_nothing(
    tmp_path_factory: pytest.TempPathFactory, kind: str, data: bytes, force: bool
) -> None:
    folder = tmp_path_factory.mktemp("target")
    target = make_target(folder, kind)
    before = os.lstat(target) if kind != "missing" else None
    received: list[bytes] = []
    reader = None
    if kind == "fifo":
        reader, received = drain(target)
    try:
        within(5, lambda: write_file(target, data, overwrite_readonly=force))
    except FileWriteError as error:
        assert "\n" not in str(error)
        assert kind == "directory" or (kind == "read-only" and not force), (kind, error)
    else:
        assert kind != "directory" and (kind != "read-only" or force)
    if reader is not None:
        reader.join(5)
        assert received == [data]
    if before is not None:  # a link stays a link, a FIFO a FIFO, a device a device
        assert stat.S_IFMT(os.lstat(target).st_mode) == stat.S_IFMT(before.st_mode)
    if kind in ("missing", "regular", "link", "link-chain", "dangling-link") or (
        kind == "read-only" and force
    ):
        assert Path(os.path.realpath(target)).read_bytes() == data
    if kind == "read-only" and not force:
        assert (folder / "out.toml").read_text() == "old"
    assert leftovers(folder) == []


# ------------------------------------------------------------------------ through the store


def test_saving_a_map_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text(MAP)
    link = tmp_path / "arguments.toml"
    link.symlink_to("real.toml")
    loaded = load_map(link)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["r"].text = "Edited"
    save_map(loaded, edited)
    assert link.is_symlink()
    assert 'text = "Edited"  # a comment' in real.read_text()


def test_saving_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MAP.encode())
    loaded = load_map(path)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["r"].weight = 3
    saved = save_map(loaded, edited)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf[claims.r]")
    edited = saved.argmap.model_copy(deep=True)
    edited.claims["r"].weight = 1
    save_map(saved, edited)  # and the save after that
    assert path.read_bytes().startswith(b"\xef\xbb\xbf[claims.r]")
    plain = tmp_path / "plain.toml"
    plain.write_text(MAP)
    loaded = load_map(plain)
    save_map(loaded, edited)
    assert plain.read_bytes().startswith(b"[claims.r]")


def test_saving_a_read_only_map_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(MAP)
    path.chmod(0o444)
    loaded = load_map(path)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["r"].text = "Edited"
    with pytest.raises(ReadOnlyFileError, match="is read-only"):
        save_map(loaded, edited)
    assert path.read_text() == MAP
    save_map(loaded, edited, force=True)
    assert "Edited" in path.read_text() and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_killed_save_leaves_a_temporary_the_next_save_removes(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(MAP)
    killed = make_temporary(tmp_path, ".m.toml.q8_3zk1m.tmp")
    loaded = load_map(path)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["r"].weight = 4
    save_map(loaded, edited)
    assert not killed.exists() and leftovers(tmp_path) == []


@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(bom=st.booleans(), through_link=st.booleans(), weight=st.integers(0, 4))
def test_saves_keep_what_the_file_was(
    tmp_path: Path, bom: bool, through_link: bool, weight: int
) -> None:
    """Whatever the file was (BOM or not, reached through a link or not), a save keeps it."""
    real = tmp_path / f"real-{bom}-{through_link}-{weight}.toml"
    real.write_bytes((b"\xef\xbb\xbf" if bom else b"") + MAP.encode())
    opened = real
    if through_link:
        opened = tmp_path / f"link-{bom}-{weight}.toml"
        opened.symlink_to(real.name)
    loaded = load_map(opened)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["r"].weight = weight
    save_map(loaded, edited)
    assert opened.is_symlink() == through_link
    assert real.read_bytes().startswith(b"\xef\xbb\xbf") == bom
    assert load_map(opened).argmap == edited


def test_the_theme_is_saved_through_a_symlinked_settings_file(tmp_path: Path) -> None:
    from debate.tui.config import load_config, save_theme

    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "debate.toml").write_text('# mine\ntheme = "nord"\n')
    config = tmp_path / "config.toml"
    config.symlink_to(dotfiles / "debate.toml")
    assert save_theme("gruvbox", config) is None
    assert config.is_symlink()
    assert (dotfiles / "debate.toml").read_text() == '# mine\ntheme = "gruvbox"\n'
    assert load_config(config).theme == "gruvbox"


def test_a_failed_save_names_the_map_not_its_temporary(tmp_path: Path, monkeypatch) -> None:
    import tempfile

    path = tmp_path / "m.toml"
    path.write_text("old")

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(tmp_path / ".m.toml.abcd1234.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # a read-only folder, even for root
    with pytest.raises(FileWriteError) as caught:
        write_file(path, b"new")
    assert str(caught.value) == f"{path}: cannot write: Permission denied"
    assert path.read_text() == "old"


def test_the_session_refuses_a_read_only_map_in_one_line_and_saves_when_forced(
    tmp_path: Path,
) -> None:
    from debate.edits import SetField
    from debate.session import MapSession, SaveError

    path = tmp_path / "m.toml"
    path.write_text(MAP)
    path.chmod(0o444)
    session = MapSession(load_map(path), journal=False)
    session.do(SetField("r", "weight", 0))
    with pytest.raises(SaveError) as caught:
        session.save()
    assert (
        str(caught.value) == f"cannot write {path}: is read-only (mode 0444); not written over it"
    )
    assert path.read_text() == MAP
    path.chmod(0o644)  # writable by its mode, yet not writable (a read-only mount, not ours)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "access", lambda *args, **kwargs: False)
        with pytest.raises(SaveError) as caught:
            session.save()
    assert str(caught.value).endswith(
        "cannot be written (no permission, or a read-only file system); not written over it"
    )
    path.chmod(0o444)
    session.save(force=True)  # what an editor's "write anyway" does
    assert "weight = 0" in path.read_text() and stat.S_IMODE(path.stat().st_mode) == 0o444
