"""``debate merge``: the command line (as git's merge driver calls it) and merge properties."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.cli import main
from debate.merge import describe_conflict, merge_maps
from debate.model import ArgumentMap, Claim, Note, check_structure
from debate.store import dump_map, load_map
from tests.conftest import DEFAULT_MAP
from tests.strategies import argument_maps

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*args: str | Path) -> tuple[int, str, str]:
        code = main(["merge", *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def sides(tmp_path: Path) -> dict[str, Path]:
    """base = the default map; ours reweights a claim; theirs rewords it and adds a note."""
    text = DEFAULT_MAP.read_text()
    paths = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    paths["base"].write_text(text)
    paths["ours"].write_text(
        text.replace("[claims.moat-shift]", "# ours' own comment\n[claims.moat-shift]").replace(
            "weight = 3\ncredence = 0.6", "weight = 1\ncredence = 0.6", 1
        )
    )
    paths["theirs"].write_text(
        text.replace(
            'text = "It will happen sooner than early 2027."', 'text = "It will happen soon."'
        )
        + '\n[[claims.iteration-speed.notes]]\ntext = "Theirs checked this."\n'
    )
    return paths


def test_clean_merge_prints_the_merged_map(run: Run, sides: dict[str, Path]) -> None:
    code, out, err = run(sides["base"], sides["ours"], sides["theirs"])
    assert (code, err) == (0, "")
    assert "# ours' own comment\n[claims.moat-shift]" in out
    assert out.startswith("#:schema")  # ours' header comments and layout are kept
    path = sides["base"].parent / "out.toml"
    path.write_text(out)
    claims = load_map(path).argmap.claims
    assert claims["sooner-than-that"].text == "It will happen soon."
    assert claims["iteration-speed"].weight == 1
    assert [note.text for note in claims["iteration-speed"].notes] == ["Theirs checked this."]


def test_conflicts_are_written_into_the_map_and_exit_1(run: Run, sides: dict[str, Path]) -> None:
    theirs = sides["theirs"]
    theirs.write_text(
        theirs.read_text().replace("weight = 3\ncredence = 0.6", "weight = 4\ncredence = 0.6", 1)
    )
    ours = sides["ours"]
    code, out, err = run(sides["base"], ours, theirs, "-o", ours, "--name", "arguments.toml")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "debate merge: arguments.toml: 1 conflict, recorded in the map as [[claims.ID.conflicts]]"
        " (ours' values kept); resolve, delete those blocks, then commit:",
        "  claims.iteration-speed: weight: ours 1, theirs 4 (base 3)",
    ]
    text = ours.read_text()
    assert (
        '[[claims.iteration-speed.conflicts]]\nfield = "weight"\nours = "1"\ntheirs = "4"' in text
    )
    claim = load_map(ours).argmap.claims["iteration-speed"]
    assert claim.weight == 1
    assert [note.text for note in claim.notes] == ["Theirs checked this."]


def test_the_merge_report_and_the_diff_word_a_conflict_alike(
    run: Run, sides: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """One wording (``describe_conflict``); the app's detail pane: tests/tui/test_session.py."""
    theirs = sides["theirs"]
    theirs.write_text(
        theirs.read_text().replace("weight = 3\ncredence = 0.6", "weight = 4\ncredence = 0.6", 1)
    )
    merged = sides["base"].parent / "merged.toml"
    code, out, err = run(sides["base"], sides["ours"], theirs)
    merged.write_text(out)
    line = "weight: ours 1, theirs 4 (base 3)"
    assert code == 1 and f"  claims.iteration-speed: {line}\n" in err
    [conflict] = load_map(merged).argmap.claims["iteration-speed"].conflicts
    assert describe_conflict(conflict) == line
    assert main(["diff", str(sides["ours"]), str(merged), "--plain", "--no-verdicts"]) == 0
    assert f"conflicts: +{line}" in capsys.readouterr().out


@pytest.mark.parametrize("broken", ["base", "ours", "theirs"])
def test_a_side_that_is_not_a_map_leaves_all_three_between_markers(
    run: Run, sides: dict[str, Path], broken: str
) -> None:
    """Untouched ours would validate, and committing it would drop theirs' changes."""
    sides[broken].write_text(sides[broken].read_text().replace("weight = 3", "weight = 30", 1))
    texts = {side: path.read_text() for side, path in sides.items()}
    args = (sides["base"], sides["ours"], sides["theirs"], "-o", sides["ours"])
    code, out, err = run(*args, "--name", "maps/arguments.toml")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(
        f"debate merge: {broken} is not a valid map: maps/arguments.toml ({broken}):"
    )
    assert "must be a whole number from 0 to 4, got 30" in err
    assert err.rstrip().endswith(
        f"not merged: {sides['ours']} holds ours, base and theirs whole between <<<<<<< markers"
    )
    assert sides["ours"].read_text() == (
        f"<<<<<<< ours: maps/arguments.toml\n{texts['ours']}||||||| base\n{texts['base']}"
        f"=======\n{texts['theirs']}>>>>>>> theirs\n"
    )
    assert main(["validate", str(sides["ours"])]) != 0


def test_ours_byte_order_mark_is_kept(run: Run, sides: dict[str, Path]) -> None:
    ours = sides["ours"]
    ours.write_bytes(b"\xef\xbb\xbf" + ours.read_bytes())
    code, _, err = run(sides["base"], ours, sides["theirs"], "-o", ours)
    assert (code, err) == (0, "")
    assert ours.read_bytes().startswith(b"\xef\xbb\xbf#:schema")
    assert load_map(ours).argmap.claims["sooner-than-that"].text == "It will happen soon."


def test_an_unwritable_output_is_one_line_too(run: Run, sides: dict[str, Path]) -> None:
    sides["theirs"].write_text("[claims.broken\n")
    nowhere = sides["ours"].parent / "missing-folder" / "out.toml"
    code, out, err = run(sides["base"], sides["ours"], sides["theirs"], "-o", nowhere)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert "theirs is not a valid map" in err
    assert err.rstrip().endswith(
        f"not merged, and cannot write {nowhere}: No such file or directory"
    )


def test_missing_files_and_an_empty_base(run: Run, sides: dict[str, Path], tmp_path: Path) -> None:
    code, out, err = run(tmp_path / "nope.toml", sides["ours"], sides["theirs"])
    assert code == 2 and "no such file" in err and err.count("\n") == 1
    assert err.rstrip().endswith(
        "not merged: printed ours, base and theirs whole between <<<<<<< markers"
    )
    assert "||||||| base\n# debate merge: cannot read this version: no such file\n" in out
    assert sides["theirs"].read_text() in out
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    code, out, _ = run(empty, sides["ours"], sides["ours"])
    assert code == 0 and out == sides["ours"].read_text()
    code, _, err = run(sides["base"], empty, sides["theirs"])
    assert code == 2 and "ours is not a valid map" in err and "empty" in err


def test_both_sides_adding_the_file_merge_against_an_empty_base(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    ours = tmp_path / "ours.toml"
    theirs = tmp_path / "theirs.toml"
    ours.write_text(
        '[claims.a]\ntext = "A"\n\n[claims.b]\nparent = "a"\nstance = "pro"\ntext = "B"\n'
    )
    theirs.write_text(
        '[claims.a]\ntext = "A"\n\n[claims.c]\nparent = "a"\nstance = "con"\ntext = "C"\n'
    )
    code, out, _ = run(empty, ours, theirs, "-o", ours)
    assert code == 0 and out == ""
    assert list(load_map(ours).argmap.claims) == ["a", "b", "c"]


# -------------------------------------------------------------------------- properties

Edit = Callable[[ArgumentMap], None]


@st.composite
def disjoint_edits(draw: st.DrawFn) -> tuple[ArgumentMap, list[Edit], list[Edit]]:
    """A base map and two lists of edits that touch disjoint sets of claims.

    Only ours moves or deletes claims (a leaf nobody links to), and each side only links to,
    adds children under or sets overlays for its own claims: so nothing overlaps.
    """
    base = draw(argument_maps(max_claims=8))
    ids = list(base.claims)
    mine = {claim_id for claim_id in ids if draw(st.booleans())}
    sets = {"ours": [c for c in ids if c in mine], "theirs": [c for c in ids if c not in mine]}
    edits: dict[str, list[Edit]] = {"ours": [], "theirs": []}
    probe = base.model_copy(deep=True)  # ours' edits applied as drawn, to keep them valid
    for side in ("ours", "theirs"):
        own = sets[side]
        if not own:
            continue
        kinds = ["reword", "weight", "credence", "by", "note", "tag", "untag", "child", "link"]
        kinds += ["overlay"] * bool(base.perspectives)
        kinds += ["move", "delete"] * (side == "ours")
        for number in range(draw(st.integers(1, 4))):
            claim_id = draw(st.sampled_from(own))
            kind = draw(st.sampled_from(kinds))
            edit = _make_edit(draw, probe, kind, claim_id, side, own, number)
            if edit is not None:
                edit(probe)
                edits[side].append(edit)
    return base, edits["ours"], edits["theirs"]


def _make_edit(
    draw: st.DrawFn,
    probe: ArgumentMap,
    kind: str,
    claim_id: str,
    side: str,
    own: list[str],
    number: int,
) -> Edit | None:
    if claim_id not in probe.claims:
        return None
    if kind == "reword":
        text = f"{side} {number}"
        return lambda m: setattr(m.claims[claim_id], "text", text)
    if kind in ("weight", "credence"):
        value = draw(st.integers(0, 4)) if kind == "weight" else draw(st.floats(0, 1))
        return lambda m: setattr(m.claims[claim_id], kind, value)
    if kind == "by":
        return lambda m: setattr(m.claims[claim_id], "by", f"{side} {number}")
    if kind == "note":
        note = Note(text=f"{side} note {number}")
        return lambda m: setattr(m.claims[claim_id], "notes", [*m.claims[claim_id].notes, note])
    if kind == "tag":
        tag = f"{side}-{number}"
        return lambda m: setattr(m.claims[claim_id], "tags", [*m.claims[claim_id].tags, tag])
    if kind == "untag":
        return lambda m: setattr(m.claims[claim_id], "tags", m.claims[claim_id].tags[1:])
    if kind == "child":
        child = f"{side}_child_{number}"
        new = Claim(parent=claim_id, stance="con", text=f"{side} reply {number}")
        return lambda m: m.claims.__setitem__(child, new.model_copy())
    if kind == "link":
        target = draw(st.sampled_from([c for c in own if c in probe.claims]))
        if target in probe.claims[claim_id].links:
            return None
        return lambda m: setattr(m.claims[claim_id], "links", [*m.claims[claim_id].links, target])
    if kind == "overlay":
        name = draw(st.sampled_from(sorted(probe.perspectives)))
        value = draw(st.integers(0, 4))
        return lambda m: m.perspectives[name].weight.__setitem__(claim_id, value)
    tree = probe.tree()
    if kind == "move":
        places = [c for c in own if c in probe.claims and c not in tree.subtree(claim_id)]
        if not places:
            return None
        place = draw(st.sampled_from(places))

        def move(m: ArgumentMap) -> None:
            m.claims[claim_id].parent = place
            m.claims[claim_id].stance = m.claims[claim_id].stance or "pro"

        return move
    # delete: a leaf that nothing links to or overlays
    used = {t for c in probe.claims.values() for t in c.links}
    used |= {k for p in probe.perspectives.values() for k in [*p.weight, *p.credence]}
    if tree.children[claim_id] or claim_id in used or len(probe.claims) == 1:
        return None
    return lambda m: m.claims.__delitem__(claim_id)


def _apply(base: ArgumentMap, *edit_lists: list[Edit]) -> ArgumentMap:
    result = base.model_copy(deep=True)
    for edits in edit_lists:
        for edit in edits:
            edit(result)
    return result


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(argument_maps(max_claims=8))
def test_merging_a_map_with_itself_changes_nothing(argmap: ArgumentMap) -> None:
    result = merge_maps(argmap, argmap, argmap)
    assert result.clean and result.argmap == argmap


@SETTINGS
@given(disjoint_edits())
def test_an_untouched_side_takes_the_other_sides_map(
    case: tuple[ArgumentMap, list[Edit], list[Edit]],
) -> None:
    base, ours_edits, _ = case
    ours = _apply(base, ours_edits)
    assert merge_maps(base, base, ours).argmap == ours
    assert merge_maps(base, ours, base).argmap == ours
    assert merge_maps(base, ours, ours).argmap == ours


@SETTINGS
@given(disjoint_edits())
def test_non_overlapping_edits_commute_and_both_survive(
    case: tuple[ArgumentMap, list[Edit], list[Edit]],
) -> None:
    base, ours_edits, theirs_edits = case
    ours, theirs = _apply(base, ours_edits), _apply(base, theirs_edits)
    both = _apply(base, ours_edits, theirs_edits)
    forward, backward = merge_maps(base, ours, theirs), merge_maps(base, theirs, ours)
    assert forward.clean, [c.describe() for c in forward.conflicts]
    assert backward.clean, [c.describe() for c in backward.conflicts]
    assert forward.argmap == both
    assert backward.argmap == both


@st.composite
def any_edits(draw: st.DrawFn) -> tuple[ArgumentMap, ArgumentMap, ArgumentMap]:
    """Two sides that edit anything, overlapping freely: moves, deletions, the same fields."""
    base = draw(argument_maps(max_claims=6))
    results = []
    for side in ("ours", "theirs"):
        probe = base.model_copy(deep=True)
        ids = list(base.claims)
        kinds = ["reword", "weight", "note", "tag", "child", "link", "move", "delete"]
        for number in range(draw(st.integers(1, 5))):
            kind = draw(st.sampled_from(kinds))
            edit = _make_edit(draw, probe, kind, draw(st.sampled_from(ids)), side, ids, number)
            if edit is not None:
                edit(probe)
        results.append(probe)
    return base, results[0], results[1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_edits())
def test_any_merge_writes_a_valid_map_that_reads_back_the_same(
    case: tuple[ArgumentMap, ArgumentMap, ArgumentMap],
) -> None:
    base, ours, theirs = case
    result = merge_maps(base, ours, theirs)
    assert not [i for i in check_structure(result.argmap) if i.severity == "error"]
    for claim_id in set(ours.claims) | set(theirs.claims):  # nothing is lost silently
        if claim_id not in result.argmap.claims:  # deleted by one side, untouched by the other
            assert claim_id in base.claims
            for side in (ours, theirs):
                assert side.claims.get(claim_id, base.claims[claim_id]) == base.claims[claim_id]
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"{name}.toml" for name in ("base", "ours", "theirs")]
        for path, argmap in zip(paths, (base, ours, theirs), strict=True):
            path.write_text(dump_map(argmap))
        code = main(["merge", *map(str, paths), "-o", str(paths[1])])
        assert code == (0 if result.clean else 1)
        assert load_map(paths[1]).argmap == result.argmap


def test_a_bug_anywhere_leaves_markers_and_one_line_not_a_clean_ours(
    run: Run, sides: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """git keeps whatever the driver left in ours' file: after a bug it must not look merged."""
    import debate.merge

    def broken(*args: object) -> None:
        raise AttributeError("'OutOfOrderTableProxy' object has no attribute 'add'")

    monkeypatch.setattr(debate.merge, "merge_maps", broken)
    texts = {side: path.read_text() for side, path in sides.items()}
    code, out, err = run(sides["base"], sides["ours"], sides["theirs"], "-o", sides["ours"])
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert err.startswith(
        f"debate merge: {sides['ours']}: internal error (AttributeError: 'OutOfOrderTableProxy'"
        " object has no attribute 'add'), please report it; not merged:"
    )
    merged = sides["ours"].read_text()
    assert merged.startswith("<<<<<<< ours: ") and merged.endswith(">>>>>>> theirs\n")
    assert all(text in merged for text in texts.values())
    assert main(["validate", str(sides["ours"])]) != 0


def test_a_written_map_that_does_not_read_back_as_merged_is_not_written(
    run: Run, sides: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import debate.store

    monkeypatch.setattr(debate.store, "saved_text", lambda loaded, argmap: loaded.text)
    code, out, err = run(sides["base"], sides["ours"], sides["theirs"])
    assert code == 2 and "the merged map did not read back as merged" in err
    assert out.startswith("<<<<<<< ours: ") and "Theirs checked this." in out


def test_merge_and_diff_never_import_the_ui() -> None:
    import subprocess
    import sys

    code = (
        "import sys, debate.merge, debate.diff, debate.commands.merge, debate.commands.diff, "
        "debate.commands.git_setup; print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
