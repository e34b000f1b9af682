"""Import speed for big files, as ratios to baselines measured in the same run.

1. In process, per format: reading a 10,000-claim map that debate exported in that format,
   against ``load_map`` of the same map as TOML (the work every command already does).
   Goal: each import <= 5x the TOML load (imports parse a foreign syntax, build a graph,
   make it a tree and allocate slugs; TOML loading is one C-accelerated parse). Markdown is
   bound by markdown-it-py's pure-Python CommonMark parser, so its goal is against a bare
   ``MarkdownIt("commonmark").parse`` of the same file: <= 1.6x.
2. As whole processes, for information: ``debate import big.argdown`` against the official
   Argdown CLI (``argdown json big.argdown``, @argdown/cli 1.7.5) parsing the same file. No
   goal: most of ``debate import``'s time is writing the TOML (``store.dump_map``, tomlkit),
   which is printed separately so the reading and the writing can be told apart.

3. Hostile input, in process: files made of one piece of syntax repeated (100 KB of ``[`` in
   Argdown, 800 KB of nested brackets in Markdown, ...), each against reading the format's
   ordinary export of the same size, per byte. Goal: each <= 25x the ordinary per-byte cost
   (hostile text packs many tokens in few bytes; markdown-it-py looks ahead up to its
   nesting limit at every bracket).
   Before the readers were made linear, 100 KB of ``[`` took about 100 s (a ratio in the
   thousands); the tests in ``tests/formats/test_read_scaling.py`` check the scaling itself.

Run: ``python bench/bench_import.py [--quick] [--claims N]``. Exit status 1 when an
in-process ratio misses its goal; the CLI comparison is skipped when Argdown is not installed.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generate import write_map

from debate.formats import export_map
from debate.formats.readers import ReadError, SourceText, read_text
from debate.store import load_map

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN = ROOT / ".tools" / "node_modules" / ".bin" / "argdown"
IN_PROCESS_GOAL = 5.0
MARKDOWN_GOAL = 1.6
FORMATS = ("argdown", "kialo", "aif", "opml", "markdown")
HOSTILE_GOAL = 25.0
HOSTILE: list[tuple[str, str]] = [
    ("argdown", "[" * 100_000),
    ("argdown", "[A]: " + "{" * 100_000 + "\n\n[B]: b\n"),
    ("argdown", "[A]: " + "[a](" * 25_000 + "\n"),
    ("argdown", "[A]: " + "#(" * 50_000 + "\n"),
    ("markdown", "- " + "[" * 400_000 + "]" * 400_000 + "\n"),
    ("markdown", "- " + "![" * 50_000 + "\n"),
    ("kialo", "1. " + "\\(" * 50_000 + "\n"),
    (
        "opml",
        "<opml><body>" + "<outline text='x'>" * 20_000 + "</outline>" * 20_000 + "</body></opml>",
    ),
    ("aif", '{"nodes": [{"nodeID": "1", "text": "' + "\\u00e9" * 20_000 + '", "type": "I"}]}'),
]


def best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--claims", type=int, default=10_000)
    args = parser.parse_args()
    repeat = 2 if args.quick else 5
    failed = False
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        toml = write_map(folder, args.claims)
        argmap = load_map(toml).argmap
        baseline = best(lambda: load_map(toml), repeat)
        print(f"{args.claims} claims; load_map of the TOML: {baseline * 1000:.0f} ms")
        files: dict[str, Path] = {}
        for name in FORMATS:
            data = export_map(argmap, name)
            assert isinstance(data, str)
            path = folder / f"big.{name}"
            path.write_text(data, encoding="utf-8")
            files[name] = path
            source = SourceText(path.name, data)
            result = read_text(source, name)
            assert len(result.argmap.claims) == args.claims, name
            took = best(lambda source=source, name=name: read_text(source, name), repeat)
            ratio = took / baseline
            goal, against = IN_PROCESS_GOAL, "load_map"
            if name == "markdown":
                from markdown_it import MarkdownIt

                parser = MarkdownIt("commonmark")
                parser.options["maxNesting"] = 100
                ratio = took / best(lambda data=data, md=parser: md.parse(data), repeat)
                goal, against = MARKDOWN_GOAL, "markdown-it parse"
            verdict = "ok" if ratio <= goal else "MISSED"
            failed |= ratio > goal
            print(
                f"  import {name:<9} {took * 1000:7.0f} ms  {ratio:5.2f}x {against}"
                f"  (goal <= {goal}x) {verdict}"
            )
        failed |= hostile(files, repeat)
        argdown = str(ARGDOWN) if ARGDOWN.exists() else shutil.which("argdown")
        if argdown is None:
            print("  Argdown CLI not installed: whole-process comparison skipped")
            return 1 if failed else 0
        source = files["argdown"]
        ours = [sys.executable, "-m", "debate", "import", "-q", str(source)]
        theirs = [argdown, "json", str(source), str(folder / "out")]

        def run(command: list[str]) -> None:
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

        ours_time = best(lambda: run(ours), max(repeat // 2, 1) + 1)
        theirs_time = best(lambda: run(theirs), max(repeat // 2, 1) + 1)
        from debate.store import dump_map

        dump_time = best(lambda: dump_map(argmap), max(repeat // 2, 1))
        print(
            f"  debate import big.argdown {ours_time * 1000:.0f} ms vs argdown json "
            f"{theirs_time * 1000:.0f} ms: {ours_time / theirs_time:.2f}x "
            f"(of which dump_map {dump_time * 1000:.0f} ms)"
        )
    return 1 if failed else 0


def hostile(files: dict[str, Path], repeat: int) -> bool:
    """Hostile input against ordinary input of each format, per byte; True when a goal missed."""
    print("hostile input (per byte, against the format's ordinary export):")
    per_byte: dict[str, float] = {}
    for name, path in files.items():
        data = path.read_text(encoding="utf-8")
        source = SourceText(path.name, data)
        took = best(lambda source=source, name=name: read_text(source, name), repeat)
        per_byte[name] = took / len(data)
    failed = False
    for name, text in HOSTILE:
        source = SourceText(f"hostile.{name}", text)

        def read(source: SourceText = source, name: str = name) -> None:
            with contextlib.suppress(ReadError):
                read_text(source, name)

        took = best(read, max(repeat // 2, 1))
        ratio = took / (per_byte[name] * len(text))
        goal = HOSTILE_GOAL
        verdict = "ok" if ratio <= goal else "MISSED"
        failed |= ratio > goal
        print(
            f"  {name:<9} {text[:12]!r:<16} {len(text) / 1000:6.0f} KB {took * 1000:7.0f} ms"
            f"  {ratio:5.1f}x per byte  (goal <= {goal}x) {verdict}"
        )
    return failed


if __name__ == "__main__":
    sys.exit(main())
