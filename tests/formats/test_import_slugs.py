"""Readable, stable ids for imported claims (debate/slugs.py) and how importers use them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.formats.readers import SourceText, read_text
from debate.model import ID_PATTERN
from debate.slugs import SlugAllocator, is_valid_id, new_claim_id, slugify


def test_slugify_reads_well() -> None:
    assert slugify("Musk's prediction: AI by 2027!") == "musks-prediction-ai-by-2027"
    assert slugify("  Trams — carry MORE people  ") == "trams-carry-more-people"
    assert slugify("Straßenbahnen für Zürich") == "strassenbahnen-fur-zurich"
    assert slugify("中国人工智能") == "zhongguorengongzhineng"
    assert slugify("First line\nsecond line") == "first-line"


def test_slugify_is_short_and_cut_at_a_word() -> None:
    slug = slugify("one two three four five six seven eight")
    assert slug == "one-two-three-four-five-six"
    long_word = slugify("a" * 80)
    assert long_word == "a" * 40
    assert len(slugify("abcdefghij " * 10)) <= 40


def test_slugify_falls_back_when_nothing_is_spellable() -> None:
    assert slugify("!!! ??? ...") == "claim"
    assert slugify("", fallback="source") == "source"


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_every_slug_is_a_valid_id(text: str) -> None:
    assert ID_PATTERN.match(slugify(text))


def test_collisions_count_up_in_order() -> None:
    allocator = SlugAllocator()
    got = [allocator.allocate(text) for text in ["Trams", "trams!", "TRAMS", "trams 2", "Buses"]]
    assert got == ["trams", "trams-2", "trams-3", "trams-2-2", "buses"]


def test_valid_ids_are_kept_when_asked() -> None:
    allocator = SlugAllocator()
    assert allocator.allocate("Catch_Up-2027", keep_id=True) == "Catch_Up-2027"
    assert allocator.allocate("Catch_Up-2027", keep_id=True) == "Catch_Up-2027-2"
    assert allocator.allocate("not an id", keep_id=True) == "not-an-id"
    assert not is_valid_id("-x") and is_valid_id("x-1")


def test_same_file_same_ids_and_document_order_decides_collisions() -> None:
    text = "- Trams\n  - Pro: Trams\n  - Con: Trams\n- Trams\n"
    first = read_text(SourceText("t.md", text), "markdown").argmap
    again = read_text(SourceText("t.md", text), "markdown").argmap
    assert list(first.claims) == list(again.claims) == ["trams", "trams-2", "trams-3", "trams-4"]
    assert [c.parent for c in first.claims.values()] == [None, "trams", "trams", None]


def test_ids_skip_web_addresses() -> None:
    assert (
        slugify("Whiteness studies http://edition.cnn.com/2017/x.html are taught")
        == "whiteness-studies-are-taught"
    )
    assert slugify("See [the report](https://x.org/r#p) first") == "see-the-report-first"
    assert slugify("<https://a.example/c> says so") == "says-so"
    assert slugify("www.example.com/page is down") == "is-down"
    # Only an address: spelled from it, without the scheme.
    assert slugify("https://x.org/p#frag") == "x-org-p-frag"


def test_kialo_ids_skip_addresses() -> None:
    text = "1. Whiteness studies http://edition.cnn.com/2017/x.html should be taught\n"
    argmap = read_text(SourceText("k.txt", text), "kialo").argmap
    assert list(argmap.claims) == ["whiteness-studies-should-be-taught"]


def test_a_title_that_is_an_id_keeps_it_even_after_a_text_that_slugs_the_same() -> None:
    argmap = read_text(SourceText("t.argdown", "tram\n\n[tram]: Tram.\n"), "argdown").argmap
    assert list(argmap.claims) == ["tram-2", "tram"]


def test_a_claim_added_in_the_app_gets_the_id_an_import_gives() -> None:
    """One rule for ids made from text: the app's add and every importer agree (issue 11)."""
    taken = {"trams"}
    for text, expected in [
        ("Musk's prediction: AI by 2027!", "musks-prediction-ai-by-2027"),
        ("Η Κίνα θα προλάβει", "i-kina-tha-prolavei"),
        ("中国人工智能 2027", "zhongguorengongzhineng-2027"),
        ("See [the report](https://example.org/r) on trams", "see-the-report-on-trams"),
    ]:
        assert new_claim_id(text, taken) == slugify(text) == expected
    assert new_claim_id("Trams!", taken) == SlugAllocator(taken).allocate("Trams!") == "trams-2"
