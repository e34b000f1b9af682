"""The one parent-cycle finder: every cycle once, in file order, in linear time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.model import parent_cycles


def reference_cycles(parents: dict[str, str | None]) -> list[list[str]]:
    """Slow and obvious: from each claim in file order, follow parents; a claim met twice
    closes a cycle, reported once, starting at the first claim of it the walk met."""
    found: list[list[str]] = []
    seen_members: set[str] = set()
    for start in parents:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in parents and current not in path:
            path.append(current)
            current = parents[current]
        if current is not None and current in path:
            cycle = path[path.index(current) :]
            if not seen_members & set(cycle):
                found.append(cycle)
                seen_members.update(cycle)
    return found


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=10, unique=True).flatmap(
        lambda names: st.fixed_dictionaries(
            {name: st.one_of(st.none(), st.sampled_from([*names, "gone"])) for name in names}
        )
    )
)
def test_every_cycle_once_as_a_slow_walk_finds_it(parents: dict[str, str | None]) -> None:
    assert list(parent_cycles(parents)) == reference_cycles(parents)


def test_a_long_chain_with_children_first_is_linear() -> None:
    claims = 200_000
    parents: dict[str, str | None] = {f"c{n}": f"c{n + 1}" for n in range(claims)}
    parents[f"c{claims}"] = None
    assert list(parent_cycles(parents)) == []
    parents[f"c{claims}"] = "c0"
    assert [len(cycle) for cycle in parent_cycles(parents)] == [claims + 1]
