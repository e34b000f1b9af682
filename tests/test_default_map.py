"""The map that ships with debate: valid, lint-clean, packaged, and true to its seed."""

from __future__ import annotations

from debate.cli import main
from debate.paths import packaged_map_path
from debate.schema import schema_text
from debate.store import load_map

from .conftest import DEFAULT_MAP, ROOT


def test_packaged_copies_match_the_repository() -> None:
    data = packaged_map_path().parent
    assert (data / "arguments.toml").read_bytes() == DEFAULT_MAP.read_bytes()
    digest = ROOT / "seeds" / "ai-gap-2027.md"
    assert (data / "seeds" / "ai-gap-2027.md").read_bytes() == digest.read_bytes()


def test_published_schema_is_current() -> None:
    text = schema_text()
    assert (ROOT / "schema" / "debate-map.schema.json").read_text() == text
    assert (packaged_map_path().parent / "schema" / "debate-map.schema.json").read_text() == text


def test_default_map_is_lint_clean_in_both_places(capsys) -> None:
    assert main(["lint", str(DEFAULT_MAP), str(packaged_map_path())]) == 0
    assert "nothing to report" in capsys.readouterr().out


def test_default_map_covers_the_seed_debate() -> None:
    argmap = load_map(DEFAULT_MAP).argmap
    tree = argmap.tree()
    assert 2 <= len(tree.roots) <= 3
    text = " ".join(claim.text for claim in argmap.claims.values()).lower()
    for topic in (
        "musk",
        "sooner",
        "6-12",
        "code arena",
        "engineering",
        "multimodal",
        "ecosystem",
        "practical",
        "stylistic",
    ):
        assert topic in text, topic
    stances = {claim.stance for claim in argmap.claims.values()}
    assert {"pro", "con", "part"} <= stances
    assert len(argmap.perspectives) >= 2
    for claim_id, claim in argmap.claims.items():
        assert claim.citations, f"{claim_id} cites nothing"
        if claim.by == "mapper":
            assert "mapper" in claim.tags, claim_id


def test_seed_digest_restates_rather_than_copies() -> None:
    """No long run of the article's words may appear in our digest."""
    article = ROOT.parent / "shared" / "seeds" / "ai-gap-2027-article.txt"
    if not article.exists():
        return
    words = article.read_text().split()
    digest = " ".join((ROOT / "seeds" / "ai-gap-2027.md").read_text().split())
    longest = 0
    for start in range(len(words)):
        for end in range(start + longest + 1, len(words) + 1):
            if " ".join(words[start:end]) in digest:
                longest = end - start
            else:
                break
    assert longest <= 14, f"digest repeats {longest} consecutive words of the article"
