"""The second process of :mod:`debate.toml_pieces`: parses a big map's pieces from the last
one down while the app parses them from the first one up, and hands over each one's tables.

Run as a script by path (``python -I -S toml_pieces_helper.py TOMLI TEXT RESULTS OFFSETS``),
never imported by the app: it needs only the standard library and tomli, whose folder the
app gives (``TOMLI``), so it starts in a few tens of milliseconds without the ``site`` set-up
(``-S``: the folders of every installed package, often as long again) and does not depend
on how debate is installed; ``-I`` keeps the folder it is started from (a map's folder,
maybe someone else's) off its import path.

- ``TEXT``: an open file holding the pieces' UTF-8 text, one after another; ``OFFSETS``:
  where each piece starts in it and where the last one ends (``0,812,1630``).
- ``RESULTS``: an open file each parsed piece's tables are written to, pickled, one after
  another (writing there never waits for the app, as a pipe would).
- It runs at the lowest priority (``nice 19``): it is only worth running on a core nothing
  else wants, and the app never waits for it.
- Standard input: the index of each piece the app starts, 4 bytes each (little-endian).
  A piece the app has started is never started here; end of input means the app is gone.
- Standard output, one frame per event: ``S`` + index (starting a piece); ``D`` + index +
  where its pickle starts in ``RESULTS`` and how long it is (8 bytes each); ``F`` + index
  (tomli refuses it: the app then reads the whole file, which says where). The helper ends
  when it reaches a piece the app has started.

Two sides that each stop at a piece the other has started leave no piece unparsed; at
worst both parse the one piece they reached at the same moment, and the app keeps its own.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import sys

INDEX = struct.Struct("<I")
FRAME = struct.Struct("<cI")
DONE = struct.Struct("<cIQQ")


def started_by_app(pending: bytearray) -> int:
    """The highest piece the app says it has started, from what it has sent so far; -1
    when nothing yet. Raises :class:`EOFError` when the app has gone."""
    while select.select([0], [], [], 0)[0]:
        chunk = os.read(0, 65536)
        if not chunk:
            raise EOFError
        pending.extend(chunk)
    whole = len(pending) - len(pending) % INDEX.size
    if not whole:
        return -1
    return max(index for (index,) in INDEX.iter_unpack(bytes(pending[:whole])))


def main(argv: list[str]) -> int:
    with contextlib.suppress(OSError):  # a spare core's work: the app's own process first
        os.nice(19)
    sys.path.append(argv[1])
    # here, once its folder is on the path (-S: no site set-up to put it there)
    import tomli

    text_fd, results_fd = int(argv[2]), int(argv[3])
    offsets = [int(offset) for offset in argv[4].split(",")]
    out = sys.stdout.buffer
    pending = bytearray()
    highest_started = -1
    written = 0
    for index in range(len(offsets) - 2, -1, -1):
        try:
            highest_started = max(highest_started, started_by_app(pending))
        except EOFError:
            return 0
        if index <= highest_started:
            break
        out.write(FRAME.pack(b"S", index))
        out.flush()
        start, end = offsets[index], offsets[index + 1]
        try:
            table = tomli.loads(os.pread(text_fd, end - start, start).decode())
        except (tomli.TOMLDecodeError, ValueError, RecursionError):
            out.write(FRAME.pack(b"F", index))
            out.flush()
            return 0
        blob = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(results_fd, blob, written)
        out.write(DONE.pack(b"D", index, written, len(blob)))
        out.flush()
        written += len(blob)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv))
    except (BrokenPipeError, KeyboardInterrupt):  # the app has gone: nobody to answer
        raise SystemExit(0) from None
