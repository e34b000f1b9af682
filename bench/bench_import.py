"""Import speed for big files, as ratios to baselines measured in the same run.

1. In process, per format: reading a 10,000-claim map that debate exported in that format,
   against ``load_map`` of the same map as TOML (the work every command already does).
   Goal: each import <= 5x the TOML load (imports parse a foreign syntax, build a graph,
   make it a tree and allocate slugs; TOML loading is one C-accelerated parse). Markdown is
   bound by markdown-it-py's pure-Python CommonMark parser, so its goal is against a bare
   ``MarkdownIt("commonmark").parse`` of the same file: <= 1.6x.
2. As whole processes: ``debate import big.argdown -o big.toml`` against the official
   Argdown CLI (``argdown json big.argdown``, @argdown/cli 1.7.5) reading the same file and
   writing its JSON. Goal (issue 13): <= 0.5x its wall time.

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
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import Figure, argdown_cli, cpu_best, debate, report, run_process
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


def figures(fast: bool = False, claims: int = 10_000) -> list[Figure]:
    repeat = 2 if fast else 5
    out: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        toml = write_map(folder, claims)
        argmap = load_map(toml).argmap
        baseline = cpu_best(lambda: load_map(toml), repeat)
        files: dict[str, Path] = {}
        for name in FORMATS:
            data = export_map(argmap, name)
            assert isinstance(data, str)
            path = folder / f"big.{name}"
            path.write_text(data, encoding="utf-8")
            files[name] = path
            source = SourceText(path.name, data)
            result = read_text(source, name)
            assert len(result.argmap.claims) == claims, name
            took = cpu_best(lambda source=source, name=name: read_text(source, name), repeat)
            ratio, goal, against = took / baseline, IN_PROCESS_GOAL, "load_map"
            if name == "markdown":
                from markdown_it import MarkdownIt

                parser = MarkdownIt("commonmark")
                parser.options["maxNesting"] = 100
                ratio = took / cpu_best(lambda data=data, md=parser: md.parse(data), repeat)
                goal, against = MARKDOWN_GOAL, "markdown-it parse"
            out.append(
                Figure(
                    f"read {name}, {claims:,} claims, vs {against}",
                    ratio,
                    goal,
                    detail=f"{took * 1000:.0f} ms CPU",
                )
            )
        out.extend(hostile(files, repeat))
        argdown = argdown_cli()
        if argdown is None:
            print("  Argdown CLI not installed: whole-process comparison skipped")
            return out
        source = files["argdown"]
        runs = max(repeat // 2, 1) + 1
        ours = run_process(
            debate("import", "-q", "--force", str(source), "-o", str(folder / "o.toml")), runs
        )
        theirs = run_process([argdown, "json", str(source), str(folder / "out")], runs)
        out.append(
            Figure(
                f"debate import of {claims:,} Argdown statements, vs argdown json (wall)",
                ours.wall / theirs.wall,
                0.5,
                detail=f"{ours.wall:.2f} s vs {theirs.wall:.2f} s; CPU {ours.cpu:.2f} vs {theirs.cpu:.2f}",
            )
        )
    return out


def hostile(files: dict[str, Path], repeat: int) -> list[Figure]:
    """Hostile input against ordinary input of each format, per byte."""
    per_byte: dict[str, float] = {}
    for name, path in files.items():
        data = path.read_text(encoding="utf-8")
        source = SourceText(path.name, data)
        took = cpu_best(lambda source=source, name=name: read_text(source, name), repeat)
        per_byte[name] = took / len(data)
    out = []
    for name, text in HOSTILE:
        source = SourceText(f"hostile.{name}", text)

        def read(source: SourceText = source, name: str = name) -> None:
            with contextlib.suppress(ReadError):
                read_text(source, name)

        took = cpu_best(read, max(repeat // 2, 1))
        out.append(
            Figure(
                f"hostile {name} {text[:10]!r}, {len(text) / 1000:.0f} KB, per byte",
                took / (per_byte[name] * len(text)),
                HOSTILE_GOAL,
                detail=f"{took * 1000:.0f} ms",
            )
        )
    return out


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--quick", action="store_true", help="fewer repeats")
    arguments.add_argument("--claims", type=int, default=10_000)
    options = arguments.parse_args()
    sys.exit(report(figures(options.quick, options.claims), __doc__.splitlines()[0]))
