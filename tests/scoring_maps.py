"""Small argument maps for the scoring tests, built in code (no TOML round trip needed).

``tree(...)`` turns ``(id, parent, stance, weight, credence)`` rows into an ArgumentMap, so a
paper's bipolar graph reads almost as the paper writes it: an attack is a ``con`` child, a
support a ``pro`` child, the base score the credence, and weight 4 the plain (unweighted)
edge of the papers.
"""

from __future__ import annotations

from debate.model import ArgumentMap, Claim, Perspective

Row = tuple[str, str | None, str | None, int | None, float | None]


def tree(*rows: Row, perspectives: dict[str, Perspective] | None = None) -> ArgumentMap:
    claims = {
        claim_id: Claim(
            text=f"claim {claim_id}",
            parent=parent,
            stance=stance,  # type: ignore[arg-type]
            weight=weight,
            credence=credence,
        )
        for claim_id, parent, stance, weight, credence in rows
    }
    return ArgumentMap(claims=claims, perspectives=perspectives or {})


def chain(depth: int, stance: str = "pro") -> ArgumentMap:
    """``c0 <- c1 <- ... <- c{depth-1}``: the deepest map a user could write."""
    rows: list[Row] = [("c0", None, None, None, 0.5)]
    rows += [(f"c{i}", f"c{i - 1}", stance, 4, 0.6) for i in range(1, depth)]
    return tree(*rows)
