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

Run: ``python bench/bench_import.py [--quick] [--claims N]``. Exit status 1 when an
in-process ratio misses its goal; the CLI comparison is skipped when Argdown is not installed.
"""

from __future__ import annotations

import argparse
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
from debate.formats.readers import SourceText, read_text
from debate.store import load_map

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN = ROOT / ".tools" / "node_modules" / ".bin" / "argdown"
IN_PROCESS_GOAL = 5.0
MARKDOWN_GOAL = 1.6
FORMATS = ("argdown", "kialo", "aif", "opml", "markdown")


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


if __name__ == "__main__":
    sys.exit(main())
