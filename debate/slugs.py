"""Readable, stable claim ids made from claim text or titles.

Imported maps need ids, and people will read, type and diff them: ``city-should-build-tram``
says more than ``c17``. The same input always gives the same ids (no randomness, no clock,
no hashing of positions), so importing a file again gives a map that diffs cleanly against
the first import. Collisions get ``-2``, ``-3``... in the order the allocator is asked, which
importers make the order claims appear in the document.

Web addresses say nothing a reader can recognise a claim by, so they are left out of ids
(``See [the report](https://x.org/r)`` gives ``see-the-report``); a text that is only an
address is spelled from the address itself, without its scheme.

Non-Latin text is transliterated (``anyascii``: 中国 → ``zhongguo``) rather than dropped, so
a Chinese or Greek map still gets ids a person can say out loud.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from anyascii import anyascii

from debate.rules import ID_PATTERN

MAX_SLUG_LENGTH = 40
"""Long enough to recognise a claim, short enough to type; ids may be up to 100."""

MAX_WORDS = 6
FALLBACK = "claim"

_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_URL = re.compile(r"<?\b(?:[A-Za-z][A-Za-z0-9+.-]{0,30}://|www\.)[^\s<>]*>?")
_SCHEME = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]{0,30}://")
_LOOKED_AT = 1000
"""Characters of the first line a slug is made from: far more than six words need."""


def without_urls(text: str) -> str:
    """``text`` with links reduced to their words and bare web addresses removed.

    A text that is nothing but addresses keeps them, scheme dropped, so it still spells out.
    """
    if "://" not in text and "www." not in text and "](" not in text:
        return text  # the common case, and the fast one
    words = _URL.sub(" ", _MARKDOWN_LINK.sub(lambda match: match.group(1), text))
    return words if _NOT_SLUG.sub("", words.lower()) else _SCHEME.sub("", text)


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH, fallback: str = FALLBACK) -> str:
    """``text``'s first line as a lowercase ``words-joined-by-dashes`` id, cut at a word.

    ``"Musk's prediction: AI by 2027!"`` gives ``musks-prediction-ai-by-2027``; web addresses
    are skipped (see :func:`without_urls`). Text with nothing spellable (only punctuation,
    emoji names aside) gives ``fallback``.
    """
    first_line = without_urls(text.strip().split("\n", 1)[0][:_LOOKED_AT])
    ascii_text = anyascii(_APOSTROPHES.sub("", first_line)).lower()
    # anyascii writes emoji as :name:, which reads fine once the colons become dashes.
    words = [word for word in _NOT_SLUG.split(ascii_text) if word]
    slug = ""
    for word in words[:MAX_WORDS]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            if not slug:
                slug = word[:max_length]
            break
        slug = candidate
    return slug or fallback


def is_valid_id(text: str) -> bool:
    """Whether ``text`` can be used as a claim id as it is (a TOML bare key, 1-100 chars)."""
    return bool(ID_PATTERN.match(text))


def new_claim_id(text: str, taken: Container[str]) -> str:
    """A readable id for a new claim with ``text`` that is not in ``taken``: the app's add.

    The same rule as every importer (:func:`slugify`, then ``-2``, ``-3``... on a clash), so
    a claim typed into the app and the same claim imported get the same id.
    """
    return _unused(slugify(text), taken, 2)[0]


def _unused(base: str, taken: Container[str], suffix: int) -> tuple[str, int]:
    """``base`` if free, else ``base-N`` from ``suffix`` on (kept within 100 characters),
    with the suffix to try next time."""
    if base not in taken:
        return base, suffix
    while True:
        tail = f"-{suffix}"
        candidate = base[: 100 - len(tail)] + tail
        suffix += 1
        if candidate not in taken:
            return candidate, suffix


class SlugAllocator:
    """Hands out unique ids: the first ``foo``, then ``foo-2``, ``foo-3``...

    ``allocate`` is deterministic in call order, so callers that allocate in document order
    get ids that stay the same when the same document is read again.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(taken)
        self._next_suffix: dict[str, int] = {}

    def __contains__(self, slug: str) -> bool:
        return slug in self._taken

    def allocate(self, hint: str, *, keep_id: bool = False) -> str:
        """A fresh id for ``hint``.

        With ``keep_id``, a hint that already is a valid id (an Argdown title, an OPML
        ``claimId``) is kept exactly, so maps exported by debate come back with their own ids;
        otherwise (or when it is not a valid id) the hint is slugified.
        """
        base = hint if keep_id and is_valid_id(hint) else slugify(hint)
        candidate, suffix = _unused(base, self._taken, self._next_suffix.get(base, 2))
        if candidate != base:
            self._next_suffix[base] = suffix
        self._taken.add(candidate)
        return candidate
