"""``debate score`` and ``debate compare`` as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from debate.cli import main
from debate.scoring import Scorer, compare, score
from debate.store import load_map

from .conftest import DEFAULT_MAP

MAP = """\
[map]
title = "A [bold]title[/] with markup"

[claims.verdict]
text = "The verdict \\u001b[31m in red? [/] no."

[claims.dim-a]
parent = "verdict"
stance = "part"
text = "First dimension"
weight = 3
credence = 0.8

[claims.dim-b]
parent = "verdict"
stance = "part"
text = "Second dimension"
weight = 1
credence = 0.2

[claims.against]
parent = "verdict"
stance = "con"
text = "An objection"
weight = 4
credence = 0.9

[claims.rebuttal]
parent = "against"
stance = "con"
text = "A rebuttal"
credence = 0.7

[perspectives.harsh]
description = "Objections count double"
weight = { rebuttal = 0 }
credence = { against = 1.0 }
"""

Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def debate(capsys: pytest.CaptureFixture[str]) -> Runner:
    def run(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@pytest.fixture
def small_map(write_map: Callable[[str], Path]) -> Path:
    return write_map(MAP)


def test_score_plain_lists_every_claim_in_tree_order(debate: Runner, small_map: Path) -> None:
    status, out, err = debate("score", str(small_map), "--plain")
    assert status == 0 and err == ""
    argmap = load_map(small_map).argmap
    scorer = Scorer(argmap)
    lines = out.splitlines()
    assert lines[0] == "A [bold]title[/] with markup"
    assert lines[1] == "semantics df-quad, perspective base"
    numbered = [line.strip().split(" ")[0] for line in lines[2:]]
    assert numbered == ["1", "1.1", "1.2", "1.3", "1.3.1"]
    assert f"base {scorer.base('verdict'):.2f}; strength {scorer.strength('verdict'):.2f})" in out
    assert "1.3 (con; weight 4; credence 0.90;" in out
    assert "\\x1b[31m in red? [/] no. [verdict]" in out  # control shown, markup kept literal
    assert "\x1b" not in out


def test_score_rich_table_keeps_user_text_literal(debate: Runner, small_map: Path) -> None:
    status, out, _ = debate("score", str(small_map))
    assert status == 0
    assert "strength" in out and "[dim-a]" in out and "\\x1b[31m" in out
    assert "[/]" in out


def test_score_json_has_every_claim_and_the_verdicts(debate: Runner, small_map: Path) -> None:
    status, out, _ = debate("score", str(small_map), "--json", "-s", "euler", "-p", "harsh")
    assert status == 0
    data = json.loads(out)
    argmap = load_map(small_map).argmap
    expected = score(argmap, "euler", "harsh")
    assert data["semantics"] == "euler" and data["perspective"] == "harsh"
    assert data["verdicts"] == {"verdict": round(expected["verdict"], 6)}
    assert [row["id"] for row in data["claims"]] == [
        "verdict",
        "dim-a",
        "dim-b",
        "against",
        "rebuttal",
    ]
    rebuttal = data["claims"][-1]
    assert rebuttal == {
        "id": "rebuttal",
        "number": "1.3.1",
        "depth": 2,
        "parent": "against",
        "stance": "con",
        "weight": 0,
        "credence": 0.7,
        "base": 0.7,
        "strength": 0.7,
    }
    assert data["claims"][0]["base"] == pytest.approx(0.65)


def test_explain_shows_each_child_with_and_without(debate: Runner, small_map: Path) -> None:
    status, out, _ = debate("score", str(small_map), "--explain", "verdict", "--plain")
    assert status == 0
    explanation = Scorer(load_map(small_map).argmap).explain("verdict")
    assert f"strength {explanation.strength:.2f} (semantics df-quad, perspective base)" in out
    assert "base 0.65: weighted mean of 2 parts (its own credence 0.50 is not used)" in out
    against = next(item for item in explanation.contributions if item.child == "against")
    assert (
        f"1.3 con weight 4, strength {against.strength:.2f}: without it {against.without:.2f}, "
        f"effect {against.delta:+.2f} An objection [against]"
    ) in out
    assert out.index("[against]") < out.index("[dim-a]")  # largest effect first


def test_explain_json_and_rich(debate: Runner, small_map: Path) -> None:
    status, out, _ = debate("score", str(small_map), "-e", "against", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["claim"] == "against" and data["number"] == "1.3"
    assert [item["child"] for item in data["contributions"]] == ["rebuttal"]
    assert data["summary"].startswith(f"{data['strength']:.2f} from base 0.90")
    status, out, _ = debate("score", str(small_map), "-e", "rebuttal")
    assert status == 0 and "no children: the strength is the base" in out
    status, out, _ = debate("score", str(small_map), "-e", "verdict")
    assert "effect" in out and "without" in out and "[dim-b]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-p", "harsch"],
            "unknown perspective 'harsch' (did you mean 'harsh'?); the map defines: harsh",
        ),
        (["-e", "againts"], "unknown claim 'againts' (did you mean 'against'?)"),
    ],
)
def test_bad_names_are_one_line_and_exit_1(
    debate: Runner, small_map: Path, args: list[str], message: str
) -> None:
    status, out, err = debate("score", str(small_map), *args)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["score", "compare"])
def test_an_unknown_semantics_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], small_map: Path, command: str
) -> None:
    """A bad option value, like any bad option: exit 2 and the command's usage line."""
    with pytest.raises(SystemExit) as exited:
        main([command, str(small_map), "-s", "eulr"])
    out, err = capsys.readouterr()
    assert exited.value.code == 2 and out == ""
    assert err.startswith(f"usage: debate {command} ")
    assert "unknown semantics 'eulr' (did you mean 'euler'?); choose one of:" in err


def test_a_perspective_naming_a_missing_claim_is_a_located_error(
    debate: Runner, write_map: Callable[[str], Path]
) -> None:
    path = write_map(MAP.replace("rebuttal = 0", "rebutal = 0"))
    for command in ("score", "compare"):
        status, out, err = debate(command, str(path))
        assert status == 1 and out == ""
        assert "perspective 'harsh' names claim 'rebutal', which does not exist" in err
        assert "did you mean 'rebuttal'?" in err and f"{path}:" in err


def test_compare_plain_puts_verdicts_side_by_side(debate: Runner, small_map: Path) -> None:
    status, out, _ = debate("compare", str(small_map), "--plain")
    assert status == 0
    comparison = compare(load_map(small_map).argmap)
    base = comparison.verdicts[None]["verdict"]
    harsh = comparison.verdicts["harsh"]["verdict"]
    assert f"[verdict]: base {base:.2f}, harsh {harsh:.2f}" in out
    assert "  harsh: Objections count double" in out
    assert "where the perspectives differ most:" in out
    divergent = out.split("where the perspectives differ most:")[1]
    assert "[against]:" in divergent and "[verdict]:" in divergent
    assert "[rebuttal]" not in divergent  # its own strength is the same in both


def test_compare_json_and_limit(debate: Runner, small_map: Path) -> None:
    status, out, _ = debate("compare", str(small_map), "--json", "-n", "1", "-s", "h-categorizer")
    assert status == 0
    data = json.loads(out)
    comparison = compare(load_map(small_map).argmap, "h-categorizer")
    assert data["semantics"] == "h-categorizer"
    assert data["perspectives"] == [None, "harsh"]
    assert data["verdicts"][0]["claim"] == "verdict"
    assert data["verdicts"][0]["strengths"] == [
        round(comparison.verdicts[None]["verdict"], 6),
        round(comparison.verdicts["harsh"]["verdict"], 6),
    ]
    assert len(data["divergent"]) == 1
    assert data["divergent"][0]["claim"] == comparison.divergent(1)[0][0]


def test_compare_rich_on_the_default_map(debate: Runner) -> None:
    status, out, _ = debate("compare", str(DEFAULT_MAP))
    assert status == 0
    for name in ("base", "optimist", "sceptic", "benchmarks-only", "spread"):
        assert name in out


def test_compare_without_perspectives_says_so(
    debate: Runner, write_map: Callable[[str], Path]
) -> None:
    path = write_map('[claims.a]\ntext = "A"\n')
    status, out, _ = debate("compare", str(path), "--plain")
    assert status == 0 and "the map defines no perspectives: nothing to compare" in out
    assert "[a]: base 0.50" in out


def test_score_and_compare_on_the_default_map(debate: Runner) -> None:
    status, out, _ = debate("score", str(DEFAULT_MAP), "--json")
    assert status == 0
    data = json.loads(out)
    assert list(data["verdicts"]) == ["catch-up-2027", "moat-shift", "catch-up-what"]
    status, out, _ = debate("score", str(DEFAULT_MAP), "--explain", "catch-up-what", "--plain")
    assert status == 0 and "weighted mean of 4 parts" in out


def test_big_maps_print_aligned_lines_instead_of_a_table(
    debate: Runner, small_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import debate.commands.score_output as output

    monkeypatch.setattr(output, "TABLE_LIMIT", 2)
    status, out, _ = debate("score", str(small_map))
    assert status == 0
    lines = out.splitlines()
    assert lines[2].split() == ["#", "w", "cred", "base", "strength", "claim"]
    assert lines[3].startswith("1  ") and "[verdict]" in lines[3]
    assert lines[-1].split()[:5] == ["1.3.1", "2", "0.70", "0.70", "0.70"]
    assert "┃" not in out
