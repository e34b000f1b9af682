"""Reading and writing the user's files safely: the one place that touches file mechanics.

Maps, sources, settings and outputs all go through here, so the rules hold at every door:

- **Reading** takes regular files only, with a size cap. A FIFO would block forever and
  ``/dev/zero`` would fill memory, so anything that is not a regular file is refused before a
  byte is read (opening never blocks: ``O_NONBLOCK``), and a file that is (or grows) larger
  than the cap is refused rather than read to the end.
- **Writing** a regular file is atomic (a temporary beside the target, fsynced, renamed over
  it), so a crash leaves the old or the new file, never a broken one. A symbolic link the
  user made is followed: its target is replaced, the link stays a link. The file's mode and
  owner are kept. A write-protected file (no write bit, or not writable by us) is refused the
  way an editor refuses it, unless the caller forces it. Temporaries an earlier, killed write
  left beside the same target are removed after the next successful write.
- **Writing** to anything that is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO)
  streams into it, as the shell's ``>`` does: renaming over a device would replace it with a
  plain file. Block devices (disks) are refused.

Errors are :class:`FileReadError` and :class:`FileWriteError`, whose ``str()`` is one line
naming the file; :class:`FileWriteError` is also an :class:`OSError`, so callers that already
handle those keep working.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

from debate.errors import DebateError

MAX_READ_BYTES = 256 * 1024 * 1024
"""Default cap on one file read: far above any real map (100,000 claims take ~15 MB)."""

STALE_AFTER_SECONDS = 60.0
"""A leftover temporary at least this old, and locked by no one, is an abandoned write."""

_TEMPORARY_SUFFIX = ".tmp"


class FileError(DebateError):
    """A file could not be read or written: ``str()`` is ``PATH: REASON``, one line."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        DebateError.__init__(self, f"{self.path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class FileReadError(FileError):
    """A file could not be read, or was refused (not a regular file, too large)."""


class FileWriteError(FileError, OSError):
    """A file could not be written; nothing was changed.

    As an :class:`OSError` it carries the user's path (``filename``, never a temporary's)
    and the short reason (``strerror``), for callers that phrase their own message.
    """

    def __init__(
        self, path: str | os.PathLike[str], reason: str, cause: OSError | None = None
    ) -> None:
        super().__init__(path, reason)
        self.filename = self.path
        self.errno = cause.errno if cause is not None else None
        self.strerror = (cause.strerror if cause is not None else None) or reason


class ReadOnlyFileError(FileWriteError):
    """The target is write-protected; it is left alone unless the write is forced."""


# ------------------------------------------------------------------------------- reading


def name_problem(path: str | os.PathLike[str]) -> str | None:
    """Why no system call would take ``path`` as a file name, or None.

    The OS refuses a NUL character in a name, and Python a character the file system's
    encoding cannot carry; both raise ``ValueError`` rather than ``OSError`` from every call,
    so they are asked here, once, before any call is made.
    """
    name = os.fspath(path)
    if ("\0" if isinstance(name, str) else b"\0") in name:
        return "is not a valid file name: it contains a NUL character"
    try:
        os.fsencode(name)
    except UnicodeError:
        return "is not a valid file name: a character in it cannot be encoded"
    return None


def describe_kind(mode: int) -> str:
    """What a non-regular file is, in words: ``a FIFO (named pipe)``, ``a directory``..."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def path_inside(relative: str, base: Path | None, root: Path | None) -> Path | None:
    """``relative`` (a path a map names) resolved against ``base``, if it names a place inside
    ``root``, else None: the one rule for every file an untrusted map points at.

    Checked twice: as written (no absolute path, no ``..`` climbing out), and after following
    every symbolic link (no link inside the folder pointing out of it).
    """
    if base is None or root is None or not relative:
        return None
    given = Path(relative)
    if given.is_absolute() or given.drive:
        return None
    try:
        real_root = Path(os.path.realpath(root))
        joined = Path(os.path.abspath(base / given))  # abspath also folds "a/../b"
        if not joined.is_relative_to(Path(os.path.abspath(root))):
            return None
        real = Path(os.path.realpath(joined))
    except (OSError, ValueError):
        return None
    return real if real.is_relative_to(real_root) and real != real_root else None


def read_regular_file(
    path: str | os.PathLike[str],
    limit: int = MAX_READ_BYTES,
    *,
    follow_symlinks: bool = True,
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status; :class:`FileReadError` for anything else.

    Refuses FIFOs, devices, sockets and directories without blocking or reading them, and
    files larger than ``limit`` bytes. ``follow_symlinks=False`` also refuses a link in the
    last component (for paths an untrusted map names).
    """
    problem = name_problem(path)
    if problem is not None:
        raise FileReadError(path, problem)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= os.O_NOFOLLOW
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise FileReadError(path, _read_reason(error, follow_symlinks)) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise FileReadError(path, "is a directory")
        if not stat.S_ISREG(status.st_mode):
            raise FileReadError(path, f"is {describe_kind(status.st_mode)}, not a regular file")
        if status.st_size > limit:
            raise FileReadError(path, f"is larger than {_size(limit)}; not read")
        os.set_blocking(descriptor, True)
        data = _read_up_to(descriptor, status.st_size, limit)
    except OSError as error:
        raise FileReadError(path, _read_reason(error, follow_symlinks)) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise FileReadError(path, f"is larger than {_size(limit)}; not read")
    return data, status


def _read_up_to(descriptor: int, size: int, limit: int) -> bytes:
    """The whole file, or ``limit + 1`` bytes when it is (or grew) larger than ``limit``.

    One read of the size ``fstat`` gave covers the usual case; files that report no size
    (``/proc``) or grow while read continue in chunks, never past the cap.
    """
    with os.fdopen(descriptor, "rb", closefd=False) as handle:
        data = handle.read(size + 1)
        if len(data) <= size:
            return data
        chunks = [data]
        total = len(data)
        while total <= limit:
            chunk = handle.read(min(1024 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)


def read_stream(stream: BinaryIO, name: str, limit: int = MAX_READ_BYTES) -> bytes:
    """At most ``limit`` bytes of an open stream (standard input), else :class:`FileReadError`."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileReadError(name, f"is larger than {_size(limit)}; not read")
    return data


def _read_reason(error: OSError, follow_symlinks: bool) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP and not follow_symlinks:
        return "is a symbolic link; not followed"
    return f"cannot read: {error.strerror or error}"


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"


# ------------------------------------------------------------------------------- writing


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file an atomic write to ``path`` replaces: a symbolic link's final target (the link
    stays), else ``path`` itself."""
    given = Path(path)
    if given.is_symlink():
        return Path(os.path.realpath(given))
    return given


def replaces_regular_file(path: str | os.PathLike[str]) -> bool:
    """Whether writing to ``path`` would replace an existing regular file's content.

    False for a missing file and for devices and FIFOs (``-o /dev/null`` overwrites nothing),
    so "already exists; use --force" checks ask this instead of ``exists()``.
    """
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def write_file(
    path: str | os.PathLike[str], data: bytes, *, overwrite_readonly: bool = False
) -> Path:
    """Write ``data`` to ``path`` by the rules in this module's docstring; the path written.

    Raises :class:`ReadOnlyFileError` for a write-protected regular file (unless
    ``overwrite_readonly``) and :class:`FileWriteError` for anything else that fails; in
    both cases the file is as it was.
    """
    problem = name_problem(path)
    if problem is not None:
        raise FileWriteError(path, problem)
    try:
        status: os.stat_result | None = os.stat(path)  # through links, /dev/stdout's too
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise FileWriteError(path, _write_reason(error), error) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise FileWriteError(path, "is a directory; give a file name")
    if status is not None and stat.S_ISBLK(status.st_mode):
        raise FileWriteError(path, "is a block device (a disk); not written to")
    if status is not None and not stat.S_ISREG(status.st_mode):
        _stream_into(path, data)
        return Path(path)
    target = write_target(path)
    if status is not None and not overwrite_readonly and _write_protected(target, status):
        mode = stat.S_IMODE(status.st_mode)
        why = (
            f"is read-only (mode {mode:04o})"
            if mode & 0o222 == 0
            else "cannot be written (no permission, or a read-only file system)"
        )
        raise ReadOnlyFileError(path, f"{why}; not written over it")
    try:
        _replace_atomically(target, data, status)
    except OSError as error:
        raise FileWriteError(path, _write_reason(error), error) from error
    with contextlib.suppress(OSError):
        remove_stale_temporaries(target)
    return target


def _write_protected(target: Path, status: os.stat_result) -> bool:
    """No write bit at all (root could write it anyway, an editor still asks), or not ours."""
    return stat.S_IMODE(status.st_mode) & 0o222 == 0 or not os.access(target, os.W_OK)


def _stream_into(path: str | os.PathLike[str], data: bytes) -> None:
    """Write into a device or FIFO the way ``>`` does: open it and write, no rename."""
    try:
        descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise FileWriteError(path, _write_reason(error), error) from error


def _replace_atomically(target: Path, data: bytes, status: os.stat_result | None) -> None:
    """Temporary beside ``target`` (locked while in use), fsync, keep mode/owner, rename."""
    # here: fcntl is POSIX only, and this module must import anywhere
    import fcntl

    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=_TEMPORARY_SUFFIX, dir=folder
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            # the lock tells another save's clean-up that this temporary is in use
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            if status is not None:
                os.fchmod(stream.fileno(), stat.S_IMODE(status.st_mode))
                if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
                    with contextlib.suppress(PermissionError):
                        os.fchown(stream.fileno(), status.st_uid, status.st_gid)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(stream.fileno(), 0o666 & ~umask)
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def temporary_pattern(target: Path) -> re.Pattern[str]:
    """The names :func:`write_file` gives ``target``'s temporaries: ``.m.toml.ab_12cd3.tmp``."""
    return re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}{re.escape(_TEMPORARY_SUFFIX)}")


def remove_stale_temporaries(
    target: Path, *, older_than: float = STALE_AFTER_SECONDS
) -> list[Path]:
    """Remove temporaries an interrupted write of ``target`` left behind; the ones removed.

    Only names of our own pattern for this very target, only regular files (never a link),
    only those owned by us, at least ``older_than`` seconds old and not locked by a write in
    progress.
    """
    # here: fcntl is POSIX only, and this module must import anywhere
    import fcntl

    folder = target.parent if str(target.parent) else Path(".")
    pattern = temporary_pattern(target)
    removed: list[Path] = []
    now = time.time()
    for entry in os.scandir(folder):
        if not pattern.fullmatch(entry.name):
            continue
        try:
            descriptor = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            status = os.fstat(descriptor)
            if (
                not stat.S_ISREG(status.st_mode)
                or status.st_uid != os.geteuid()
                or now - status.st_mtime < older_than
            ):
                continue
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a write in progress holds it
            current = os.lstat(entry.path)
            if (current.st_ino, current.st_dev) == (status.st_ino, status.st_dev):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
        finally:
            os.close(descriptor)
    return removed


def _write_reason(error: OSError) -> str:
    return f"cannot write: {error.strerror or error}"
