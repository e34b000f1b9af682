"""``debate crux`` and ``debate compare A B --explain`` as a user runs them."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from debate.cli import main
from debate.scoring import Scorer
from debate.scoring.crux import crux_report
from debate.store import load_map

from .conftest import DEFAULT_MAP
from .test_cli_score import Runner, debate, small_map

__all__ = ["debate", "small_map"]  # the shared fixtures

COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7])[;m]")


def test_plain_report_ranks_by_swing_and_keeps_user_text_literal(
    debate: Runner, small_map: Path
) -> None:
    status, out, err = debate("crux", str(small_map), "--plain")
    assert status == 0 and err == ""
    report = crux_report(Scorer(load_map(small_map).argmap), "verdict")
    lines = out.splitlines()
    assert lines[0] == "A [bold]title[/] with markup"
    assert lines[1] == "semantics df-quad, perspective base, threshold 0.50"
    assert "1 The verdict \\x1b[31m in red? [/] no. [verdict]" in out and "\x1b" not in out
    holds = "holds" if report.holds else "does not hold"
    assert f"verdict {report.strength:.3f}: {holds} at 0.50" in out
    order = [out.index(f"[{crux.claim}]\n") for crux in report.cruxes]
    assert order == sorted(order)  # largest swing first
    top = report.cruxes[0]
    assert f"swing {top.low:.3f} to {top.high:.3f} ({top.swing:.3f})" in out
    assert "smallest flip: " in out and ("robust:" in out or "fragile:" in out)
    assert "Shapley shares are exact" in out


def test_json_has_one_entry_per_root_with_every_section(debate: Runner) -> None:
    status, out, _ = debate("crux", str(DEFAULT_MAP), "--json", "-n", "3", "-s", "euler")
    assert status == 0
    data = json.loads(out)
    assert data["semantics"] == "euler" and data["perspective"] is None
    assert data["threshold"] == 0.5
    assert [root["root"] for root in data["roots"]] == [
        "catch-up-2027",
        "moat-shift",
        "catch-up-what",
    ]
    first = data["roots"][0]
    assert len(first["cruxes"]) == 3 and first["claims"] == 13
    crux = first["cruxes"][0]
    assert set(crux) >= {"claim", "number", "swing", "flips", "removal", "gradient", "shapley"}
    assert crux["swing"]["size"] == pytest.approx(crux["swing"]["high"] - crux["swing"]["low"])
    assert set(first["robustness"]["verdicts"]) == {
        "df-quad",
        "quadratic-energy",
        "euler",
        "h-categorizer",
    }
    assert first["smallest_flip"]["possible"] is True
    assert first["shapley"]["exact"] is True


def floats_in(data: object) -> list[float]:
    if isinstance(data, float):
        return [data]
    if isinstance(data, dict):
        return [value for item in data.values() for value in floats_in(item)]
    if isinstance(data, list):
        return [value for item in data for value in floats_in(item)]
    return []


def test_json_numbers_are_rounded_like_score_json(debate: Runner) -> None:
    """Six decimals, as every JSON output: no ``0.32499999999999996``."""
    status, out, _ = debate("crux", str(DEFAULT_MAP), "--json", "--limit", "0")
    assert status == 0
    numbers = floats_in(json.loads(out))
    assert len(numbers) > 100
    assert [value for value in numbers if value != round(value, 6)] == []
    status, out, _ = debate("score", str(DEFAULT_MAP), "--json")
    strengths = {claim["id"]: claim["strength"] for claim in json.loads(out)["claims"]}
    root = json.loads(debate("crux", str(DEFAULT_MAP), "--json")[1])["roots"][0]
    assert root["strength"] == strengths[root["root"]]


def test_root_perspective_threshold_and_rich_output(debate: Runner) -> None:
    status, out, _ = debate(
        "crux", str(DEFAULT_MAP), "--root", "moat-shift", "-p", "sceptic", "-t", "0.6"
    )
    assert status == 0
    assert "perspective sceptic, threshold 0.60" in out
    assert "what decides it" in out and "[moat-to-ecosystem]" in out
    assert "catch-up-2027]" not in out.split("\n", 3)[3]  # only the chosen root's tree


def test_no_color_and_plain_have_no_escape_codes(
    debate: Runner, small_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    status, out, _ = debate("crux", str(small_map))
    assert status == 0 and COLOUR.search(out)  # forced colour shows colours...
    monkeypatch.setenv("NO_COLOR", "1")
    status, out, _ = debate("crux", str(small_map))
    assert status == 0 and not COLOUR.search(out)  # ... NO_COLOR takes them away
    status, out, _ = debate("crux", str(small_map), "--plain")
    assert status == 0 and "\x1b" not in out


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--root", "verdit"], 1, "unknown claim 'verdit' (did you mean 'verdict'?)"),
        (["-p", "harsch"], 1, "unknown perspective 'harsch' (did you mean 'harsh'?)"),
        (["-s", "eulr"], 2, "unknown semantics 'eulr' (did you mean 'euler'?)"),  # as score
        (["-t", "1.5"], 2, "argument -t/--threshold: must be a number from 0 to 1, got 1.5"),
        (["-t", "half"], 2, "argument -t/--threshold: expected a number from 0 to 1, got 'half'"),
        (["-t", "nan"], 2, "must be a number from 0 to 1"),
        (["--time-limit", "0"], 2, "must be more than 0 seconds"),
    ],
)
def test_bad_arguments_are_one_clear_line(
    debate: Runner,
    small_map: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    status: int,
    message: str,
) -> None:
    if status == 2:
        with pytest.raises(SystemExit) as exit_info:
            main(["crux", str(small_map), *args])
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert err.splitlines()[-1].startswith("debate crux: error:") and message in err
        return
    code, out, err = debate("crux", str(small_map), *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def bushy_map(children: int) -> str:
    rows = ['[claims.r]\ntext = "root"\n']
    for k in range(children):
        stance = "pro" if k % 2 else "con"
        rows.append(
            f'[claims.c{k}]\nparent = "r"\nstance = "{stance}"\ntext = "c{k}"\n'
            f"weight = {k % 5}\ncredence = {(k % 10) / 10}\n"
        )
    return "\n".join(rows)


def test_sampling_is_bounded_and_shows_progress_after_half_a_second(
    debate: Runner, write_map: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import debate.commands.crux_output as output

    path = write_map(bushy_map(18))  # 2^18 rooted subtrees: sampled, not exact
    monkeypatch.setattr(output, "SHOW_AFTER", 0.0)
    status, out, err = debate("crux", str(path), "--json", "--samples", "30", "--seed", "4")
    assert status == 0
    data = json.loads(out)["roots"][0]
    assert data["shapley"] == {"exact": False, "samples": 30, "total": data["shapley"]["total"]}
    assert all(row["shapley_error"] is not None for row in data["cruxes"])
    assert err.startswith("debate: weighing claims ")  # plain progress off a terminal
    again = json.loads(debate("crux", str(path), "--json", "--samples", "30", "--seed", "4")[1])
    assert again["roots"][0]["cruxes"] == data["cruxes"]  # same seed, same numbers


def test_quick_runs_print_no_progress(debate: Runner, small_map: Path) -> None:
    status, _, err = debate("crux", str(small_map), "--plain")
    assert status == 0 and err == ""


# ------------------------------------------------------------------ compare --explain


def test_compare_explain_shares_add_up_to_the_difference(debate: Runner) -> None:
    status, out, _ = debate("compare", str(DEFAULT_MAP), "base", "sceptic", "--explain", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["a"] is None and data["b"] == "sceptic"
    for root in data["roots"]:
        # six decimals, as every --json output: the shares add up to within the rounding
        total = sum(share["share"] for share in root["shares"])
        assert math.isclose(total, root["difference"], abs_tol=1e-6 * (len(root["shares"]) + 1))
        numbers = [root["difference"], *(share["share"] for share in root["shares"])]
        assert all(value == round(value, 6) for value in numbers)
        assert root["difference"] == pytest.approx(root["strength_b"] - root["strength_a"])
    first = data["roots"][0]
    assert first["shares"][0]["claim"] == "six-to-twelve-months"
    status, out, _ = debate("compare", str(DEFAULT_MAP), "optimist", "sceptic", "-x", "--plain")
    assert status == 0
    assert "why optimist and sceptic disagree" in out
    assert "[six-to-twelve-months]: weight 1 -> 4, credence 0.30 -> 0.80" in out


def test_compare_explain_needs_two_readings_and_known_names(
    debate: Runner, small_map: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", str(small_map), "harsh", "--explain"])
    assert exit_info.value.code == 2
    assert "--explain takes two perspectives" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["compare", str(small_map), "base", "harsh"])
    assert "--explain takes two perspectives" in capsys.readouterr().err
    status, out, err = debate("compare", str(small_map), "base", "harsch", "--explain")
    assert status == 1 and out == "" and err.count("\n") == 1
    assert "unknown perspective 'harsch' (did you mean 'harsh'?)" in err
