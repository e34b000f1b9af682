"""Files from other tools come through whole and go back out the same (issue 15).

Hypothesis writes documents the way people (and the tools themselves) write them, with the
syntax that used to lose something: links with ``#`` in them, wrapped headings, titles that are
no ids, mutual attacks, shortcodes, kept spaces, Kialo's escapes, AIF ids and timestamps.

- Argdown → TOML → Argdown → TOML: ``debate diff`` of the two imports says "no changes", and
  the official Argdown CLI opens every export;
- Kialo text → TOML → Kialo text: the same text, byte for byte, when written with Kialo's own
  escaping (and the same claims when written with any other Markdown escapes);
- AIF → TOML → AIF → TOML → AIF: the two exports are the same file and keep the source's node
  ids and timestamps, and the two imports are the same map.

Examples are fixed (``derandomize``) and bounded so the suite stays fast.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.diff import diff_maps
from debate.formats import export_map
from debate.formats.readers import SourceText, read_text
from debate.model import ArgumentMap
from tests.conftest import require_tool
from tests.formats.conftest import ARGDOWN

FIXED = settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def imported(text: str, format_name: str) -> ArgumentMap:
    return read_text(SourceText(f"doc.{format_name}", text), format_name).argmap


def exported(argmap: ArgumentMap, format_name: str) -> str:
    data = export_map(argmap, format_name)
    assert isinstance(data, str)
    return data


# ---------------------------------------------------------------------------------- Argdown

TITLES = ["A", "Tram", "cost-2", "Statement 1", "Weltbevölkerungs-Argument", "Ferry slow", "X y"]
WORDS = [
    "bridge",
    "costs",
    "a  double space",
    "no\u00a0break",
    "[the survey](https://example.org/s#piers)",
    "[back](#top)",
    "#tagged",
    "#(two words)",
    ".->.",
    ":heart:",
    "\\#not-a-tag",
    "\\[bracketed\\]",
    "(in parentheses)",
    "e.g.",
    "Zürich",
    "@[Statement 1]",
    "it's",
    "{by: Ann, weight: 3, credence: 0.25}",
    "{colour: red}",
]
MARKERS = ["+", "-", "<+", "<-", "_", "<_", "+>", "->", "><"]


@st.composite
def argdown_texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
    text = " ".join(["Claim", *words]) + "."
    if draw(st.booleans()):  # a statement over two lines
        text = text.replace(" ", "\n    ", 1)
    return text


@st.composite
def argdown_elements(draw: st.DrawFn, defined: set[str]) -> str:
    """``[Title]: text``, ``[Title]`` (a reference once defined), ``<Title>: text``, or text."""
    kind = draw(st.sampled_from(["statement", "statement", "argument", "untitled"]))
    if kind == "untitled":
        return draw(argdown_texts())
    title = draw(st.sampled_from(TITLES))
    brackets = "[{}]" if kind == "statement" else "<{}>"
    name = brackets.format(title)
    if name in defined and draw(st.booleans()):
        return name
    defined.add(name)
    return f"{name}: {draw(argdown_texts())}"


@st.composite
def argdown_documents(draw: st.DrawFn) -> str:
    out: list[str] = []
    if draw(st.booleans()):
        authors = draw(st.sampled_from(["Ann", "[Ann, Bob]", "\n  - Ann\n  - Bob"]))
        out += ["===", "title: A generated map", f"author: {authors}", "===", ""]
    defined: set[str] = set()
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            heading = draw(st.sampled_from(["# Safety first", "## A heading that goes\non"]))
            out += [heading, ""]
        lines = [draw(argdown_elements(defined))]
        depth = 0
        for _ in range(draw(st.integers(0, 5))):
            depth = draw(st.integers(1, depth + 1))
            marker = draw(st.sampled_from(MARKERS))
            lines.append(f"{'  ' * depth}{marker} {draw(argdown_elements(defined))}")
        out += [*lines, ""]
    return "\n".join(out)


@FIXED
@given(argdown_documents())
def test_argdown_to_toml_to_argdown_to_toml_changes_nothing(document: str) -> None:
    first = imported(document, "argdown")
    second = imported(exported(first, "argdown"), "argdown")
    difference = diff_maps(first, second, verdicts=False)
    assert not difference.changed, difference.to_json()
    assert second == first


def test_the_argdown_cli_opens_every_export(tmp_path: Path) -> None:
    """The exports of generated documents are valid Argdown, with the titles debate gave."""
    argdown = require_tool("argdown", str(ARGDOWN))
    maps: list[ArgumentMap] = []

    @settings(FIXED, max_examples=12)
    @given(argdown_documents())
    def collect(document: str) -> None:
        maps.append(imported(document, "argdown"))

    collect()
    for index, argmap in enumerate(maps):
        (tmp_path / f"map{index}.argdown").write_text(exported(argmap, "argdown"), "utf-8")
    result = subprocess.run(
        [argdown, "json", str(tmp_path / "*.argdown"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for index, argmap in enumerate(maps):
        parsed = json.loads((tmp_path / "out" / f"map{index}.json").read_text("utf-8"))
        names = {claim.title or claim_id for claim_id, claim in argmap.claims.items()}
        assert set(parsed["statements"]) <= names | set(argmap.claims)
        assert len(parsed["statements"]) == len(argmap.claims)


# ------------------------------------------------------------------------------------ Kialo

KIALO_LINES = [
    "Trams carry more people.",
    "Two  spaces\u00a0and\u00a0no-break spaces\tand a tab.",
    "Costs \\(in 2024 prices\\) rose.",
    "A backslash before punctuation: \\\\* stays.",
    "1\\. a line that looks numbered",
    "Sources\\:",
    "-> See 1. on a later line is text",
    "",
    "Ζυρίχη and 東京.",
]


@st.composite
def kialo_documents(draw: st.DrawFn) -> str:
    """Kialo text as Kialo writes it: ``-> See`` lines after a claim's real children."""
    parents: list[str | None] = [None]
    numbers = ["1"]
    for _ in range(draw(st.integers(0, 8))):
        parent = draw(st.integers(0, len(numbers) - 1))
        parents.append(numbers[parent])
        children = sum(1 for p in parents[:-1] if p == numbers[parent])
        numbers.append(f"{numbers[parent]}.{children + 1}")
    kids: dict[str, list[str]] = {}
    for number, parent in zip(numbers, parents, strict=True):
        if parent is not None:
            kids.setdefault(parent, []).append(number)
    out = ["Discussion Title: A generated  discussion \\(with parentheses\\)", ""]

    def text(root: bool) -> str:
        # Escapes are Kialo's only where a line could be misread: not on a claim's first line
        # (it follows the number), except a leading "->" (that would be a link).
        first = draw(st.sampled_from([line for line in KIALO_LINES[:4] if line]))
        more = draw(st.lists(st.sampled_from(KIALO_LINES), max_size=2))
        if not root and draw(st.booleans()):
            first = "\\-> See 1. is text here"
        return "\n".join([first, *more]).rstrip("\n ")

    def write(number: str, parent: str | None) -> None:
        stance = f"{draw(st.sampled_from(['Pro', 'Con']))}: " if parent else ""
        out.append(f"{number}. {stance}{text(parent is None)}")
        children = kids.get(number, [])
        for child in children:
            write(child, number)
        slots: list[str] = []
        if parent is not None and draw(st.booleans()):
            slots.append(f"{draw(st.sampled_from(['Pro', 'Con']))}: -> See {parent}.")
        others = [n for n in numbers if n not in (number, parent) and n not in children]
        for target in (
            draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []
        ):
            slots.append(f"Pro: -> See {target}.")
        for index, slot in enumerate(slots, len(children) + 1):
            out.append(f"{number}.{index}. {slot}")

    write("1", None)
    return "\n".join(out) + "\n"


@FIXED
@given(kialo_documents())
def test_kialo_text_to_toml_to_kialo_text_is_byte_for_byte(document: str) -> None:
    assert exported(imported(document, "kialo"), "kialo") == document


@FIXED
@given(kialo_documents(), st.sampled_from(["*", "_", "[", "]", ",", "#", "!"]))
def test_other_markdown_escapes_come_back_as_the_same_text(document: str, char: str) -> None:
    escaped = re.sub(rf"(?<!\\){re.escape(char)}", lambda _: "\\" + char, document)
    first = imported(escaped, "kialo")
    assert imported(exported(first, "kialo"), "kialo") == first
    assert [c.text for c in first.claims.values()] == [
        c.text for c in imported(document, "kialo").claims.values()
    ]


# -------------------------------------------------------------------------------------- AIF


@st.composite
def aif_documents(draw: st.DrawFn) -> str:
    """A tree of I-nodes with the source's own ids and timestamps; RA (also linked), CA and
    mutual CA relations; S-nodes numbered apart from the I-nodes."""
    count = draw(st.integers(1, 8))
    ids = draw(
        st.lists(
            st.one_of(
                st.integers(1, 10**6).map(str), st.from_regex(r"n[0-9]{1,4}", fullmatch=True)
            ),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    nodes: list[dict[str, object]] = []
    for index, node_id in enumerate(ids):
        node: dict[str, object] = {"nodeID": node_id, "text": f"Claim {index}.", "type": "I"}
        if draw(st.booleans()):
            node["timestamp"] = f"2016-05-{index + 10} 12:31:2{index % 10}"
        nodes.append(node)
    order = draw(st.permutations(range(count)))
    relations: list[tuple[list[str], str, str]] = []
    mutual: list[tuple[str, str]] = []
    position = 1
    while position < count:
        conclusion = ids[order[draw(st.integers(0, position - 1))]]
        kind = draw(st.sampled_from(["RA", "CA", "linked"]))
        width = 2 if kind == "linked" and position + 1 < count else 1
        premises = [ids[order[position + k]] for k in range(width)]
        relations.append((premises, conclusion, "CA" if kind == "CA" else "RA"))
        if width == 1 and draw(st.booleans()):
            mutual.append((conclusion, premises[0]))
        position += width
    edges: list[dict[str, object]] = []
    for number, (premises, conclusion, scheme) in enumerate(
        [*relations, *(([a], b, "CA") for a, b in mutual)]
    ):
        s_id = f"s{number}"
        nodes.append({"nodeID": s_id, "text": "Default", "type": scheme})
        edges += [{"fromID": premise, "toID": s_id} for premise in premises]
        edges.append({"fromID": s_id, "toID": conclusion})
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []})


@FIXED
@given(aif_documents())
def test_aif_export_import_export_is_stable_and_keeps_ids(document: str) -> None:
    first = imported(document, "aif")
    once = exported(first, "aif")
    second = imported(once, "aif")
    assert exported(second, "aif") == once
    assert second.claims == first.claims
    source_nodes = {n["nodeID"]: n for n in json.loads(document)["nodes"] if n["type"] == "I"}
    written = {n["nodeID"]: n for n in json.loads(once)["nodes"] if n["type"] == "I"}
    assert written.keys() == source_nodes.keys()
    for node_id, node in source_nodes.items():
        assert written[node_id].get("timestamp") == node.get("timestamp")
        assert written[node_id]["text"] == node["text"]
