"""debate's own JSON export reads back as a map: export -> import gives the same map, as far as
the export carries it (docs/IMPORT.md, "debate's JSON export").

What it cannot carry is normalised out of the expectation, explicitly: weights and credences
come back set to their effective values (a root's default weight left out), claims'
credences rounded to six decimals, a citation list of one as one table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from debate.cli import main
from debate.formats import ExportOptions, export_map
from debate.formats.readers import ReadError, SourceText, read_text
from debate.formats.view import rounded
from debate.model import DEFAULT_WEIGHT, ArgumentMap
from debate.store import load_map
from tests.conftest import DEFAULT_MAP
from tests.formats.conftest import hostile_map
from tests.strategies import argument_maps

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "export.json"


def exported(argmap: ArgumentMap, **options: Any) -> str:
    data = export_map(argmap, "json", ExportOptions(**options))
    assert isinstance(data, str)
    return data


def imported(text: str, name: str = "map.json") -> tuple[ArgumentMap, list[str]]:
    result = read_text(SourceText(name, text))  # the format is told by the content
    assert result.format == "json"
    return result.argmap, [problem.message for problem in result.warnings]


def as_exported(argmap: ArgumentMap) -> ArgumentMap:
    """What the export carries of ``argmap``: the expectation of a round trip."""
    expected = argmap.model_copy(deep=True)
    for claim in expected.claims.values():
        root = claim.parent is None
        claim.weight = None if root and claim.effective_weight == DEFAULT_WEIGHT else claim.weight
        if not root:
            claim.weight = claim.effective_weight
        claim.credence = rounded(claim.effective_credence)
        if isinstance(claim.cite, list):
            claim.cite = claim.cite[0] if len(claim.cite) == 1 else claim.cite or None
        claim.conflicts = []
    return expected


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(argument_maps(newer_fields=True))
def test_export_then_import_gives_the_same_map(argmap: ArgumentMap) -> None:
    text = exported(argmap)
    back, warnings = imported(text)
    assert warnings == []
    assert back == as_exported(argmap)
    assert list(back.tree().walk()) == list(argmap.tree().walk())  # sibling order too


@pytest.mark.parametrize("make", [hostile_map, lambda: load_map(DEFAULT_MAP).argmap])
def test_the_default_and_hostile_maps_come_back(make: Any) -> None:
    argmap = make()
    back, warnings = imported(exported(argmap))
    assert warnings == [] and back == as_exported(argmap)


def test_the_shipped_map_differs_only_where_the_export_cannot_tell(tmp_path: Path) -> None:
    """The command line, as a user runs it: export, import, diff against the original."""
    out = tmp_path / "map.json"
    back = tmp_path / "back.toml"
    assert main(["export", str(DEFAULT_MAP), "-o", str(out)]) == 0
    assert main(["import", str(out), "-o", str(back)]) == 0
    original = load_map(DEFAULT_MAP).argmap
    changed = {
        claim_id
        for claim_id, claim in load_map(back).argmap.claims.items()
        if claim != original.claims[claim_id]
    }
    unset = {claim_id for claim_id, claim in original.claims.items() if claim.credence is None}
    assert changed == unset  # a credence the map left unset comes back as 0.5


def test_import_and_open_recognise_it_by_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("export.json", "export.txt"):
        path = tmp_path / name
        path.write_text(FIXTURE.read_text())
        assert main(["import", str(path)]) == 0
        out, err = capsys.readouterr()
        assert "(json) by `debate import`" in out and err == ""
    assert main(["validate", str(FIXTURE)]) == 0
    assert main(["import", str(FIXTURE), "--from", "json", "-q"]) == 0
    assert 'quote = "a twelve-minute saving"' in capsys.readouterr().out


def test_a_partial_export_says_what_is_missing_and_still_makes_a_map() -> None:
    argmap = load_map(DEFAULT_MAP).argmap
    back, warnings = imported(
        exported(argmap, perspective="sceptic", root="moat-shift", depth=1, notes=False)
    )
    assert next(iter(back.claims)) == "moat-shift" and back.claims["moat-shift"].parent is None
    assert all(claim.notes == [] for claim in back.claims.values())
    assert warnings[:4] == [
        "exported under perspective 'sceptic': claims' weights and credences are that "
        "perspective's, not the map's own",
        "a partial export: only claim 'moat-shift' and what is below it",
        "a partial export: only 1 level(s) below the root(s)",
        "exported without notes (--no-notes): claims' notes are not in the file",
    ]
    assert warnings[4].endswith("name claims outside the export")


def test_a_partial_exports_root_loses_the_mutual_relation_with_its_parent_outside() -> None:
    from debate.model import Claim

    claims = {"top": Claim(text="Top")}
    claims["mid"] = Claim(parent="top", stance="pro", mutual="con", text="Mid", title="Mid one")
    claims["low"] = Claim(parent="mid", stance="con", mutual="pro", text="Low")
    argmap = ArgumentMap(claims=claims)
    whole, warnings = imported(exported(argmap))
    assert warnings == [] and whole.claims["mid"].mutual == "con"
    part, warnings = imported(exported(argmap, root="mid"))
    assert (part.claims["mid"].parent, part.claims["mid"].mutual) == (None, None)
    assert part.claims["mid"].title == "Mid one" and part.claims["low"].mutual == "pro"
    assert warnings[-1] == (
        "1 link(s), perspective entries or mutual relations name claims outside the export"
    )


def mangled(change: Any) -> str:
    document = json.loads(FIXTURE.read_text())
    change(document)
    return json.dumps(document, indent=1)


def one_error(text: str) -> str:
    with pytest.raises(ReadError) as raised:
        read_text(SourceText("m.json", text), "json")
    (problem,) = raised.value.problems
    assert "internal error" not in problem.message
    return str(problem)


def test_bad_exports_are_one_located_line_each() -> None:
    weight = mangled(lambda d: d["claims"][3].update(weight=9))
    lines = weight.splitlines()
    line = next(n for n, text in enumerate(lines) if '"id": "bonds"' in text)  # its "{" above
    assert lines[line - 1] == "  {"
    assert one_error(weight).startswith(f"m.json:{line}:3: ")
    assert one_error(weight).endswith(
        "claims.bonds.weight: must be a whole number from 0 to 4, got 9"
    )
    assert one_error(mangled(lambda d: d.update(version=2))) == (
        "m.json:1:1: a debate JSON export of version 2; this debate reads version 1"
    )
    scores = {"format": "debate-scores", "version": 1}
    assert "this is `debate score --json` output" in one_error(json.dumps(scores))
    assert one_error(FIXTURE.read_text()[:200]).startswith("m.json:")
    surrogate = mangled(lambda d: d["claims"][0].update(text="a\ud800b"))
    assert ": a lone surrogate \\ud800 in a string is not a character" in one_error(surrogate)
    big = FIXTURE.read_text().replace('"weight": 3', '"weight": ' + "9" * 5000)
    assert "an integer longer than 4300 digits" in one_error(big)
    twice = mangled(lambda d: d["claims"].append(d["claims"][1]))
    assert "claim id 'faster' appears twice" in one_error(twice)


def test_the_report_counts_what_the_export_held(tmp_path: Path, capsys: Any) -> None:
    """``import --report`` of debate's own JSON says what it read, as for the other formats."""
    argmap = load_map(DEFAULT_MAP).argmap
    out = tmp_path / "map.json"
    assert main(["export", str(DEFAULT_MAP), "-f", "json", "-o", str(out), "-q"]) == 0
    assert main(["import", str(out), "--report", "-o", str(tmp_path / "back.toml")]) == 0
    err = capsys.readouterr().err
    claims = len(argmap.claims)
    related = sum(1 for claim in argmap.claims.values() if claim.parent is not None)
    links = sum(len(claim.links) for claim in argmap.claims.values())
    assert f"summary: {claims} claims in, {claims} out" in err
    assert f"{related} relations in: {related} in the tree" in err
    assert f"{links} see-also links in, {links} out" in err
