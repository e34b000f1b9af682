"""A map written as dotted keys (``claims.a.text = ...``) is a layout the text patch cannot
slice. A few of them still go through tomlkit; many of them do not (tomlkit reads dotted
keys in quadratic time: minutes for 10,000 claims): the save writes a fresh layout, every
value kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate.edits import SetField
from debate.session import MapSession
from debate.store import MAX_DOTTED_KEYS, load_map


def dotted(claims: int) -> str:
    lines = ["# written by hand"]
    for index in range(claims):
        lines.append(f'claims.c{index}.text = "Claim {index}"')
        if index:
            lines += [f'claims.c{index}.parent = "c0"', f'claims.c{index}.stance = "pro"']
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("claims", [10, MAX_DOTTED_KEYS // 3 + 2])
def test_a_map_of_dotted_keys_saves_its_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, claims: int
) -> None:
    import tomlkit

    parsed: list[int] = []
    real_parse = tomlkit.parse

    def parse(text: str):  # type: ignore[no-untyped-def]
        parsed.append(len(text))
        return real_parse(text)

    monkeypatch.setattr(tomlkit, "parse", parse)
    path = tmp_path / "m.toml"
    path.write_text(dotted(claims), encoding="utf-8")
    session = MapSession(load_map(path), journal=False)
    session.do(SetField("c5", "weight", 3))
    session.save()
    saved = load_map(path).argmap
    assert saved.claims["c5"].weight == 3
    assert saved.claims == session.argmap.claims
    few = claims * 3 - 2 <= MAX_DOTTED_KEYS
    assert bool(parsed) is few  # the whole file went to tomlkit only when it has few
