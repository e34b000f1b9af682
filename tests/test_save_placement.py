"""A save changes only what the edits changed, and puts new tables where a person would.

Issue 12: new tables go after their nearest kin (a claim after its previous sibling's
subtree, a source after the last source, a perspective after the last perspective), above
any comment that introduces the next section; a move or a reorder moves only the claim that
moved, with its own comments; inline tables keep the file's style. Issue 13: a save after one
edit on a 10,000-claim map touches no line outside that claim.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.edits import (
    AddCitation,
    AddClaim,
    AddPerspective,
    AddSource,
    Edit,
    EditError,
    MoveClaim,
    MoveSibling,
    SetField,
    SetOverlay,
)
from debate.model import ArgumentMap
from debate.session import MapSession
from debate.store import load_map
from debate.textpatch import Layout

from .conftest import DEFAULT_MAP
from .strategies import edit_for


def session_on(tmp_path: Path, text: str | None = None) -> MapSession:
    path = tmp_path / "arguments.toml"
    path.write_text(text if text is not None else DEFAULT_MAP.read_text(), encoding="utf-8")
    return MapSession(load_map(path), journal=False)


def saved(session: MapSession, *edits: Edit) -> tuple[str, str]:
    """The file's text before and after doing ``edits`` and saving."""
    assert session.path is not None
    before = session.path.read_text(encoding="utf-8")
    for edit in edits:
        session.do(edit)
    session.save()
    after = session.path.read_text(encoding="utf-8")
    again = load_map(session.path).argmap
    assert again == session.argmap and same_tree(again, session.argmap)
    return before, after


def same_tree(first: ArgumentMap, second: ArgumentMap) -> bool:
    one, two = first.tree(), second.tree()
    return (
        one.roots == two.roots
        and one.children == two.children
        and list(first.sources) == list(second.sources)
        and list(first.perspectives) == list(second.perspectives)
    )


def lines_outside(text: str, touched: set[tuple[str, ...]]) -> list[str]:
    """The file's non-blank lines that are not in a touched entity's own text, in order."""
    layout = Layout.of(text)
    assert layout is not None
    skip = [
        layout.core(number) for number, piece in enumerate(layout.pieces) if piece.entity in touched
    ]
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        inside = any(start <= offset < end for start, end in skip)
        if line.strip() and not inside:
            out.append(line)
        offset += len(line)
    return out


def next_line(text: str, line: str) -> str:
    lines = text.splitlines()
    return lines[lines.index(line) + 1]


def test_a_new_source_goes_after_the_last_source_above_the_tree_banner(tmp_path: Path) -> None:
    before, after = saved(session_on(tmp_path), AddSource("second", "Second source"))
    start = after.index("[sources.second]")
    assert after.index("[sources.ai-gap]") < start < after.index("# Tree 1:")
    assert lines_outside(after, {("sources", "second")}) == lines_outside(before, set())


def test_a_new_claim_goes_after_its_previous_siblings_subtree(tmp_path: Path) -> None:
    session = session_on(tmp_path)
    last_child = session.tree.children["catch-up-2027"][-1]
    new = AddClaim("new-reply", "catch-up-2027", "con", "A new reply.", after=last_child)
    before, after = saved(session, new)
    subtree = session.tree.subtree(last_child)
    last_table = max(after.index(f"[claims.{claim}]") for claim in subtree)
    start = after.index("[claims.new-reply]")
    assert last_table < start < after.index("# Tree 2:")
    assert lines_outside(after, {("claims", "new-reply")}) == lines_outside(before, set())


def test_a_new_first_child_goes_right_after_its_parent(tmp_path: Path) -> None:
    session = session_on(tmp_path)
    saved(session, AddClaim("first-reply", "moat-shift", "pro", "First."))
    while session.tree.children["moat-shift"][0] != "first-reply":
        session.do(MoveSibling("first-reply", -1))
    session.save()
    text = session.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert next_line(text, "[claims.first-reply]").startswith("parent")
    header = text.index("[claims.first-reply]")
    assert text.index("[claims.moat-shift]") < header < text.index("[claims.ideas-spread]")


def test_a_new_perspective_goes_after_the_last_perspective(tmp_path: Path) -> None:
    before, after = saved(session_on(tmp_path), AddPerspective("mine", "My view"))
    assert after.index("[perspectives.benchmarks-only]") < after.index("[perspectives.mine]")
    assert lines_outside(after, {("perspectives", "mine")}) == lines_outside(before, set())


def test_a_reorder_moves_only_the_claim_that_moved(tmp_path: Path) -> None:
    session = session_on(tmp_path)
    children = session.tree.children["catch-up-2027"]
    moved = children[1]
    before, after = saved(session, MoveSibling(moved, 1))
    assert session.tree.children["catch-up-2027"][2] == moved
    assert lines_outside(after, {("claims", moved)}) == lines_outside(before, {("claims", moved)})


def test_a_move_moves_only_that_claims_table_with_its_own_comments(tmp_path: Path) -> None:
    text = DEFAULT_MAP.read_text().replace(
        "[claims.iteration-speed]", "# my own note on iteration speed\n[claims.iteration-speed]"
    )
    session = session_on(tmp_path, text)
    before, after = saved(session, MoveClaim("iteration-speed", "moat-shift", "con"))
    assert lines_outside(after, {("claims", "iteration-speed")}) == lines_outside(
        before, {("claims", "iteration-speed")}
    )
    moved = after.index("[claims.iteration-speed]")
    assert after[:moved].endswith("# my own note on iteration speed\n")
    assert after.index("# Tree 2:") < moved < after.index("# Tree 3:")


def test_inline_tables_keep_the_files_style(tmp_path: Path) -> None:
    session = session_on(tmp_path)
    _, after = saved(
        session,
        AddCitation("moat-shift", "ai-gap", "a second quote"),
        SetOverlay("optimist", "weight", "moat-shift", 3),
        AddClaim("cited", "moat-shift", "pro", "Cited."),
        AddCitation("cited", "ai-gap", "q"),
    )
    assert "{source" not in after and '{ source = "ai-gap", quote = "a second quote" }' in after
    assert "weight = { sooner-than-that = 4," in after
    tight = DEFAULT_MAP.read_text().replace("{ ", "{").replace(" }", "}")
    session = session_on(tmp_path, tight)
    _, after = saved(session, AddCitation("moat-shift", "ai-gap", "again"))
    assert '{source = "ai-gap", quote = "again"}' in after and "{ " not in after


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_random_edit_scripts_change_only_the_touched_tables(tmp_path: Path, data) -> None:
    """Random edits on the default map, saved: every line outside the tables the edits
    touched is still there, in the same order; the file reads back as the session's map."""
    session = session_on(tmp_path)
    touched: set[tuple[str, ...]] = set()
    for _ in range(data.draw(st.integers(1, 5))):
        edit = data.draw(edit_for(session.argmap))
        try:
            session.do(edit)
        except EditError:
            continue
        touched.update(edit.entities)
        if data.draw(st.booleans()) and data.draw(st.booleans()):
            undone = session.undo()
            assert undone is not None
    assert session.path is not None
    before = session.path.read_text(encoding="utf-8")
    session.save()
    after = session.path.read_text(encoding="utf-8")
    again = load_map(session.path).argmap
    assert again == session.argmap and same_tree(again, session.argmap)
    assert lines_outside(after, touched) == lines_outside(before, touched)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.data())
def test_every_edit_names_every_table_it_changes(data) -> None:
    """A save rewrites only the tables edits name (``Edit.entities``): an edit that changed
    a table it does not name would lose that change. Compared here with whole-map dumps."""
    from debate.store import _changed_entities

    argmap = load_map(DEFAULT_MAP).argmap
    for _ in range(3):
        edit = data.draw(edit_for(argmap))
        before = argmap.model_copy(deep=True)
        try:
            edit.apply(argmap)
        except EditError:
            continue
        assert _changed_entities(before, argmap) <= set(edit.entities)
        after = argmap.model_copy(deep=True)
        edit.undo(argmap)
        assert _changed_entities(after, argmap) <= set(edit.entities)
        edit.apply(argmap)


def big_map(claims: int) -> str:
    out = ['[map]\ntitle = "Big"\n\n[sources.src]\ntitle = "A source"\n']
    for index in range(claims):
        parent = f'parent = "c{(index - 1) // 5}"\nstance = "pro"\nweight = 2\n' if index else ""
        cite = 'cite = { source = "src", quote = "q" }\n' if index % 4 == 0 else ""
        out.append(f'\n[claims.c{index}]\n{parent}text = "Claim {index}."\n{cite}')
    return "".join(out)


def test_one_edit_on_a_10k_map_touches_only_that_claims_line(tmp_path: Path) -> None:
    session = session_on(tmp_path, big_map(10_000))
    before, after = saved(session, SetField("c5000", "weight", 4))
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    changed = [number for number, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert [(old[n], new[n]) for n in changed] == [("weight = 2", "weight = 4")]
    assert new[changed[0] - 3] == "[claims.c5000]"
