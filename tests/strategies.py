"""Hypothesis strategies for argument maps, shared by every property test.

Maps are generated as valid by construction: parents always point at earlier claims (so no
cycles), links and overlays at existing ids, citations at existing sources.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from debate.edits import (
    AddCitation,
    AddClaim,
    AddLink,
    AddNote,
    DeleteClaim,
    Edit,
    EditNote,
    MoveClaim,
    MoveSibling,
    RemoveLink,
    SetField,
    SetOverlay,
    SetStance,
)
from debate.model import (
    ArgumentMap,
    Citation,
    Claim,
    MapInfo,
    Note,
    Origin,
    Perspective,
    Source,
)
from debate.slugs import new_claim_id

ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
# Any text a user could type, control characters included (tomlkit escapes them).
texts = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x7f"),
    min_size=1,
    max_size=40,
)
hostile = st.sampled_from(
    [
        "[bold]x[/]",
        "[/]",
        '"]',
        "-->",
        "<script>alert(1)</script>",
        "a\\b",
        "line\nbreak",
        "\x1b[31mred",
        "# not a comment",
        "'''",
        '"""',
        "{{x}}",
        "$(rm -rf)",
        "é — ☃",
    ]
)
claim_texts = st.one_of(texts, hostile)
moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def argument_maps(
    draw: st.DrawFn,
    max_claims: int = 12,
    text: st.SearchStrategy[str] = claim_texts,
    newer_fields: bool = False,
) -> ArgumentMap:
    """A valid map; ``text`` draws the user text (claims, holders, tags, notes, titles...).

    ``newer_fields`` also draws the map's authors and claims' titles, mutual relations and
    origins (off by default, so the examples other property tests draw stay the same).
    """
    plain = texts if text is claim_texts else text
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    sources = {sid: Source(title=draw(text)) for sid in source_ids}
    claim_ids = draw(st.lists(ids, min_size=1, max_size=max_claims, unique=True))
    claims: dict[str, Claim] = {}
    for index, claim_id in enumerate(claim_ids):
        parent = None
        if index and draw(st.booleans()):
            parent = claim_ids[draw(st.integers(0, index - 1))]
        claim = Claim(
            text=draw(text),
            parent=parent,
            stance=draw(st.sampled_from(["pro", "con", "part"])) if parent else None,
            weight=draw(st.none() | st.integers(0, 4)) if parent else None,
            credence=draw(st.none() | st.floats(0, 1, allow_nan=False)),
            by=draw(st.none() | text),
            tags=draw(st.lists(text, max_size=2)),
            notes=[
                Note(text=draw(text), at=draw(st.none() | moments), by=draw(st.none() | plain))
                for _ in range(draw(st.integers(0, 2)))
            ],
        )
        if sources and draw(st.booleans()):
            claim.cite = Citation(
                source=draw(st.sampled_from(source_ids)), quote=draw(st.none() | text)
            )
        if newer_fields:
            claim.title = draw(st.none() | text)
            claim.mutual = draw(st.sampled_from([None, "pro", "con"])) if parent else None
            if draw(st.booleans()):
                claim.origin = Origin(id=draw(st.none() | text), at=draw(st.none() | plain))
        claims[claim_id] = claim
    for claim in claims.values():
        claim.links = draw(st.lists(st.sampled_from(claim_ids), max_size=2, unique=True))
    perspectives = {
        name: Perspective(
            description=draw(st.none() | plain),
            weight=draw(st.dictionaries(st.sampled_from(claim_ids), st.integers(0, 4), max_size=3)),
            credence=draw(
                st.dictionaries(
                    st.sampled_from(claim_ids), st.floats(0, 1, allow_nan=False), max_size=3
                )
            ),
        )
        for name in draw(st.lists(ids, max_size=2, unique=True))
    }
    authors = draw(st.lists(text, max_size=2)) if newer_fields else []
    return ArgumentMap(
        map=MapInfo(title=draw(text), authors=authors),
        sources=sources,
        claims=claims,
        perspectives=perspectives,
    )


EDIT_TEXTS = st.sampled_from(["plain", "[bold]x[/]", "\x1b[31mred", "two\nlines", "é ☃"])


@st.composite
def edit_for(
    draw: st.DrawFn, argmap: ArgumentMap, texts: st.SearchStrategy[str] = EDIT_TEXTS
) -> Edit:
    """A plausible edit for this map (it may still be refused, as a user's might)."""
    ids = list(argmap.claims)
    claim = draw(st.sampled_from(ids))
    other = draw(st.sampled_from(ids))
    text = draw(texts)
    options: list[Edit] = [
        SetField(claim, "text", text),
        SetField(claim, "by", text),
        SetField(claim, "weight", draw(st.none() | st.integers(0, 4))),
        SetField(claim, "credence", draw(st.floats(0, 1, allow_nan=False))),
        SetField(
            claim, "tags", draw(st.lists(st.sampled_from(["a", "b", "[/]", text]), max_size=2))
        ),
        SetStance(claim, draw(st.sampled_from(["pro", "con", "part"]))),
        AddNote(claim, text, at="2026-01-01T00:00:00+00:00"),
        EditNote(claim, 0, draw(st.none() | st.just(text))),
        AddLink(claim, other),
        RemoveLink(claim, other),
        AddClaim(
            new_claim_id(text, argmap.claims), claim, "pro", text, after=draw(st.sampled_from(ids))
        ),
        DeleteClaim(claim, subtree=draw(st.booleans())),
        MoveClaim(claim, draw(st.none() | st.just(other)), "con"),
        MoveSibling(claim, draw(st.sampled_from([-1, 1]))),
    ]
    if argmap.perspectives:
        name = draw(st.sampled_from(list(argmap.perspectives)))
        options.append(SetOverlay(name, "weight", claim, draw(st.integers(0, 4))))
    if argmap.sources:
        options.append(AddCitation(claim, draw(st.sampled_from(list(argmap.sources))), text))
    return draw(st.sampled_from(options))
